"""Tidy tables, declared once with pandera.

Each model is the contract of one tidy frame: loaders validate against it, the README's
column tables are generated from it (`schema_markdown`), and the analyses rely on its
dtypes. Column descriptions are Swedish because they are what users read.

A field read from an input column is that column's one declaration: its `metadata` holds the
Swedish header (`header`), how the cell is parsed (`type`, see `spec.ColumnType`), the headers
also accepted (`synonyms`), an `example`, and `required` (False for a column that may be left
out); its `description` is the one the README and the templates show, and a choice column's
allowed values are its `isin`. `spec.input_columns` derives the sheet layouts from them. Fields
without metadata are derived by the loaders (for example `org_code`).
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from kuanalys.organisations import ORGANISATION_ORDER

# The closed lists of the input columns (each field's `isin`).
MEETING_FORMATS = ("fysiskt", "digitalt", "hybrid")
GENDERS = ("kvinna", "man", "annat")
NETWORK_TYPES = ("chefsnätverk", "styrgrupp", "strategigrupp", "PKS", "Reko", "kommundirektörer", "övrigt")
COURSE_KINDS = ("kurs", "uppdrag")
DECISIONS = ("väntar", "beviljad", "delvis beviljad", "avslag", "återtagen")
DIRECTIONS = ("högre är bättre", "lägre är bättre", "balans")
COMPARISONS = ("föregående tertial", "samma period föregående år")
UNITS = ("%", "kr", "st")
PROJECT_KINDS = ("uppdrag", "projekt")
PROJECT_STATUSES = ("planerat", "pågående", "avslutat", "avbrutet")
YES_NO = ("ja", "nej")
GOALS_MET = ("ja", "delvis", "nej")
EMPLOYMENT_FORMS = ("tjänsteköp", "tillsvidare", "visstid")
STAFF_ACTIVITIES = ("FoU", "stab", "övrig verksamhet")
STAFF_FINANCING = ("kommunerna", "externa medel")
# The three ways the staff table splits årsarbetare (Medarbetare, bladet Årsarbetare).
STAFF_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "anställningsform": EMPLOYMENT_FORMS,
    "verksamhet": STAFF_ACTIVITIES,
    "finansiering": STAFF_FINANCING,
}
STAFF_CATEGORIES = tuple(c for cs in STAFF_DIMENSIONS.values() for c in cs)
# Yearly staff measures (bladet Medarbetarmått); the key is the metric key of the scorecard.
STAFF_MEASURES: dict[str, str] = {
    "staff.work_environment": "Andel medarbetare som är nöjda med arbetsmiljön",
}
ACTIVITY_STATUSES = (
    "ej påbörjad",
    "pågår",
    "pågår med problem",
    "pågår med allvarligt problem",
    "klar",
    "avbruten",
    "framflyttad",
)
COMMENT_KINDS = ("text", "exempel på aktiviteter", "analys", "avsnitt", "inledning")
SETTING_KEYS = ("titel", "organisation", "dnr", "författare", "adress", "copyright", "wordmall")


class _TidyModel(pa.DataFrameModel):
    """Base of the tidy models: strict columns, dtypes coerced."""

    class Config:
        strict = True
        coerce = True


class Attendance(_TidyModel):
    """Närvaro: en rad per möte, inbjuden organisation och plats."""

    meeting_date: Series[pd.Timestamp] = pa.Field(
        description="Mötets datum.",
        metadata={
            "header": "Datum",
            "type": "date",
            "synonyms": ("mötesdatum", "datum för möte", "möte"),
            "example": "2019-05-14",
        },
    )
    network: Series[pd.CategoricalDtype] = pa.Field(
        description="Nätverkets namn, som i nätverksregistret (natverk.xlsx).",
        metadata={
            "header": "Nätverk",
            "type": "network",
            "synonyms": ("chefsnätverk", "nätverk/grupp", "grupp", "styrgrupp", "nätverksnamn"),
            "example": "Chefsnätverk äldre",
        },
    )
    org_code: Series[pd.CategoricalDtype] = pa.Field(
        isin=ORGANISATION_ORDER,
        description="Organisationens kod: SCB kommunkod, 06 för Region Jönköpings län, EXT för externa.",
    )
    organisation: Series[pd.CategoricalDtype] = pa.Field(
        description="Inbjuden organisation: kommun, Region Jönköpings län eller Externa deltagare.",
        metadata={
            "header": "Organisation",
            "type": "organisation",
            "synonyms": ("kommun", "kommun/organisation", "org", "organisation/kommun"),
            "example": "Jönköping",
        },
    )
    seat: Series[pd.Int64Dtype] = pa.Field(
        ge=1,
        description="Platsnummer när en organisation har flera platser (1 om tomt).",
        metadata={
            "header": "Plats",
            "type": "integer",
            "synonyms": ("plats nr", "platsnummer", "representant nr"),
            "example": 1,
            "required": False,
        },
    )
    present: Series[bool] = pa.Field(
        description="Ja om organisationens representant var där (x, 1, Ja), annars Nej (tomt, 0, Nej).",
        metadata={
            "header": "Närvarande",
            "type": "bool",
            "synonyms": ("närvaro", "deltog", "närvarande ja/nej", "närvarande (ja/nej)"),
            "example": "Ja",
        },
    )
    meeting_format: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True,
        isin=list(MEETING_FORMATS),
        description="fysiskt, digitalt eller hybrid.",
        metadata={
            "header": "Mötesform",
            "type": "choice",
            "synonyms": ("form", "mötestyp", "mötesformat"),
            "example": "fysiskt",
            "required": False,
        },
    )
    gender: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True,
        isin=list(GENDERS),
        description="Den närvarandes kön: kvinna, man eller annat.",
        metadata={"header": "Kön", "type": "choice", "synonyms": ("kön k/m",), "example": "kvinna", "required": False},
    )

    class Config:
        unique = ["meeting_date", "network", "org_code", "seat"]


class Networks(_TidyModel):
    """Nätverksregistret: en rad per nätverk."""

    network: Series[str] = pa.Field(
        unique=True,
        description="Nätverkets namn, som det skrivs i närvarofilerna.",
        metadata={"header": "Nätverk", "type": "text", "synonyms": ("namn", "nätverksnamn"), "example": "Reko"},
    )
    network_type: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(NETWORK_TYPES),
        description="chefsnätverk, styrgrupp, strategigrupp, PKS, Reko, kommundirektörer eller övrigt.",
        metadata={"header": "Typ", "type": "choice", "synonyms": ("nätverkstyp",), "example": "Reko"},
    )
    area: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True,
        description="Partnerskap eller område.",
        metadata={
            "header": "Område",
            "type": "text",
            "synonyms": ("partnerskap", "partnerskap/område"),
            "example": "FoUrum social välfärd och hälso- och sjukvård",
        },
    )
    with_region: Series[bool] = pa.Field(
        description="Ja om nätverket är ett samverkansforum med Region Jönköpings län.",
        metadata={
            "header": "Samverkan med regionen",
            "type": "bool",
            "synonyms": ("samverkan region", "med regionen"),
            "example": "Ja",
        },
    )


class NetworkFormerNames(_TidyModel):
    """Tidigare namn: en rad per tidigare namn på ett nätverk och åren det gällde."""

    network: Series[str] = pa.Field(
        description="Nätverkets nuvarande namn, som i bladet Nätverk.",
        metadata={
            "header": "Nätverk",
            "type": "text",
            "synonyms": ("nuvarande namn", "nytt namn"),
            "example": "Digitalisering i Socialtjänsten",
        },
    )
    former_name: Series[str] = pa.Field(
        unique=True,
        description="Namnet nätverket hade tidigare.",
        metadata={
            "header": "Tidigare namn",
            "type": "text",
            "synonyms": ("gammalt namn", "före detta namn"),
            "example": "Chefsnätverk eHälsa",
        },
    )
    from_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1900,
        le=2200,
        description="Första året det tidigare namnet gällde (tomt = okänt).",
        metadata={"header": "Från år", "type": "year", "example": 2016, "required": False},
    )
    to_year: Series[pd.Int64Dtype] = pa.Field(
        ge=1900,
        le=2200,
        description="Sista året det tidigare namnet gällde.",
        metadata={"header": "Till år", "type": "year", "example": 2021},
    )

    @pa.dataframe_check(error="Från år är senare än Till år.")
    def years_in_order(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["from_year"].fillna(0) > df["to_year"]).astype(bool)


class Courses(_TidyModel):
    """Kurser och uppdrag: en rad per kurs eller uppdrag."""

    course_id: Series[str] = pa.Field(
        unique=True,
        description="Unik beteckning för kursen eller uppdraget.",
        metadata={
            "header": "Kurs-id",
            "type": "text",
            "synonyms": ("kursid", "id", "kurs id", "kursnummer"),
            "example": "K2019-001",
        },
    )
    title: Series[str] = pa.Field(
        description="Kursens eller uppdragets namn.",
        metadata={
            "header": "Titel",
            "type": "text",
            "synonyms": ("kurs", "kursnamn", "benämning", "kurstitel"),
            "example": "Fördjupad utbildning i LOU",
        },
    )
    course_date: Series[pd.Timestamp] = pa.Field(
        description="Datum då kursen hölls (första dagen).",
        metadata={"header": "Datum", "type": "date", "synonyms": ("kursdatum", "startdatum"), "example": "2019-03-12"},
    )
    organiser: Series[pd.CategoricalDtype] = pa.Field(
        description="Kurs och konferens, CHANGE, Miljösamverkan, FoUrum social välfärd …",
        metadata={
            "header": "Arrangör",
            "type": "text",
            "synonyms": ("arrangor", "anordnare"),
            "example": "Kurs och konferens",
        },
    )
    kind: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(COURSE_KINDS),
        description="kurs eller uppdrag.",
        metadata={"header": "Typ", "type": "choice", "synonyms": ("kurs/uppdrag",), "example": "kurs"},
    )
    digital: Series[bool] = pa.Field(
        description="Ja om kursen genomfördes digitalt.",
        metadata={
            "header": "Digital",
            "type": "bool",
            "synonyms": ("digitalt", "distans"),
            "example": "Nej",
            "required": False,
        },
    )
    cancelled: Series[bool] = pa.Field(
        description="Ja om kursen ställdes in.",
        metadata={
            "header": "Inställd",
            "type": "bool",
            "synonyms": ("installd", "inställd kurs"),
            "example": "Nej",
            "required": False,
        },
    )
    fee_per_participant: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Kostnad per deltagare via Kommunal utveckling, kr.",
        metadata={
            "header": "Avgift per deltagare",
            "type": "amount",
            "synonyms": ("avgift", "kostnad per deltagare", "pris per deltagare"),
            "example": 3550,
            "required": False,
        },
    )
    external_fee_per_participant: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Kostnad per deltagare hos extern kurssamordnare, kr.",
        metadata={
            "header": "Jämförbar extern avgift",
            "type": "amount",
            "synonyms": ("extern avgift", "extern kostnad per deltagare"),
            "example": 5000,
            "required": False,
        },
    )
    participants_total: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Totalt antal deltagare. Behövs bara när deltagare per organisation saknas (t.ex. uppdrag).",
        metadata={
            "header": "Antal deltagare",
            "type": "integer",
            "synonyms": ("deltagare", "antal", "deltagare totalt"),
            "required": False,
        },
    )


class CourseParticipants(_TidyModel):
    """Kursdeltagare: en rad per kurs och organisation."""

    course_id: Series[str] = pa.Field(
        description="Kursens beteckning, som i bladet Kurser.",
        metadata={
            "header": "Kurs-id",
            "type": "text",
            "synonyms": ("kursid", "id", "kurs id", "kursnummer"),
            "example": "K2019-001",
        },
    )
    org_code: Series[pd.CategoricalDtype] = pa.Field(isin=ORGANISATION_ORDER, description="Organisationens kod.")
    organisation: Series[pd.CategoricalDtype] = pa.Field(
        description="Kommun, Region Jönköpings län eller Externa deltagare.",
        metadata={
            "header": "Organisation",
            "type": "organisation",
            "synonyms": ("kommun", "kommun/organisation"),
            "example": "Habo",
        },
    )
    participants: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        description="Antal deltagare från organisationen.",
        metadata={"header": "Antal deltagare", "type": "integer", "synonyms": ("deltagare", "antal"), "example": 3},
    )

    class Config:
        unique = ["course_id", "org_code"]


class Grants(_TidyModel):
    """Ansökningar om externa medel: en rad per ansökan."""

    project: Series[str] = pa.Field(
        description="Projektets namn.",
        metadata={
            "header": "Projekt",
            "type": "text",
            "synonyms": ("projektnamn", "ansökan", "benämning"),
            "example": "Räkna med mig!",
        },
    )
    funder: Series[pd.CategoricalDtype] = pa.Field(
        description="Den som ansökan skickats till.",
        metadata={
            "header": "Finansiär",
            "type": "text",
            "synonyms": ("finansiar", "bidragsgivare", "mottagare"),
            "example": "Svenska ESF-rådet",
        },
    )
    area: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True,
        description="Verksamhetsområde.",
        metadata={
            "header": "Område",
            "type": "text",
            "synonyms": ("verksamhetsområde", "partnerskap"),
            "example": "FoUrum social välfärd och hälso- och sjukvård",
            "required": False,
        },
    )
    amount_applied: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        description="Sökt belopp, kr.",
        metadata={
            "header": "Sökt belopp",
            "type": "amount",
            "synonyms": ("ansökt belopp", "belopp", "sökt"),
            "example": 7157872,
        },
    )
    submitted_date: Series[pd.Timestamp] = pa.Field(
        description="Datum då ansökan skickades in.",
        metadata={
            "header": "Inskickad",
            "type": "date",
            "synonyms": ("datum", "inskickad datum", "ansökningsdatum", "inlämnad"),
            "example": "2019-02-15",
        },
    )
    decision: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(DECISIONS),
        description="väntar, beviljad, delvis beviljad, avslag eller återtagen.",
        metadata={"header": "Beslut", "type": "choice", "synonyms": ("status", "besked"), "example": "avslag"},
    )
    amount_granted: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Beviljat belopp, kr (tomt om inget beviljats).",
        metadata={
            "header": "Beviljat belopp",
            "type": "amount",
            "synonyms": ("beviljat", "beviljade medel"),
            "required": False,
        },
    )
    decision_date: Series[pd.Timestamp] = pa.Field(
        nullable=True,
        description="Datum för beslutet.",
        metadata={
            "header": "Beslutsdatum",
            "type": "date",
            "synonyms": ("datum för beslut", "beskedsdatum"),
            "example": "2019-06-20",
            "required": False,
        },
    )

    @pa.dataframe_check(error="Beviljat belopp är större än sökt belopp.")
    def granted_not_above_applied(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["amount_granted"].fillna(0) > df["amount_applied"]).astype(bool)


class FundsAvailable(_TidyModel):
    """Disponibla medel: en rad per område och rapportdatum (tabell 3)."""

    reporting_date: Series[pd.Timestamp] = pa.Field(
        description="Datum som beloppen avser, t.ex. 2019-08-31.",
        metadata={
            "header": "Rapportdatum",
            "type": "date",
            "synonyms": ("datum", "per datum"),
            "example": "2019-08-31",
        },
    )
    area: Series[pd.CategoricalDtype] = pa.Field(
        description="Område eller partnerskap.",
        metadata={
            "header": "Område",
            "type": "text",
            "synonyms": ("partnerskap", "verksamhet"),
            "example": "FoUrum utbildning",
        },
    )
    opening_funds: Series[pd.Int64Dtype] = pa.Field(
        description="Ingående medel inklusive årets bokförda intäkter, kr.",
        metadata={"header": "Ingående medel", "type": "signed_amount", "synonyms": ("ingående",), "example": 4198097},
    )
    added_municipalities: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        description="Tillförda medel från kommunerna, kr.",
        metadata={
            "header": "Tillförda medel kommunerna",
            "type": "amount",
            "synonyms": ("kommunerna", "tillförda kommunerna"),
            "example": 4198097,
            "required": False,
        },
    )
    added_region: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        description="Tillförda medel från Region Jönköpings län, kr.",
        metadata={
            "header": "Tillförda medel regionen",
            "type": "amount",
            "synonyms": ("regionen", "tillförda regionen"),
            "required": False,
        },
    )
    added_eu: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        description="Tillförda medel från EU, kr.",
        metadata={
            "header": "Tillförda medel EU-bidrag",
            "type": "amount",
            "synonyms": ("eu-bidrag", "eu", "tillförda eu"),
            "required": False,
        },
    )
    added_state: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        description="Tillförda medel från staten, kr.",
        metadata={
            "header": "Tillförda medel staten",
            "type": "amount",
            "synonyms": ("staten", "tillförda staten"),
            "required": False,
        },
    )
    added_other: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        description="Tillförda medel från övriga, kr.",
        metadata={
            "header": "Tillförda medel övriga",
            "type": "amount",
            "synonyms": ("övriga", "tillförda övriga"),
            "required": False,
        },
    )
    funds_used: Series[pd.Int64Dtype] = pa.Field(
        description="Förbrukade medel till och med rapportdatum, kr.",
        metadata={
            "header": "Disponerade medel",
            "type": "signed_amount",
            "synonyms": ("förbrukade medel", "disponerat"),
            "example": 1129117,
        },
    )
    closing_funds: Series[pd.Int64Dtype] = pa.Field(
        description="Utgående medel (ingående − disponerade); kontrolleras om den finns.",
        metadata={
            "header": "Utgående medel",
            "type": "signed_amount",
            "synonyms": ("utgående",),
            "example": 3068980,
            "required": False,
        },
    )
    earmarked_state_funds: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        description="Därav fonderade statliga medel, kr.",
        metadata={
            "header": "Därav fonderade statliga medel",
            "type": "amount",
            "synonyms": ("fonderade statliga medel", "fonderade medel"),
            "required": False,
        },
    )

    class Config:
        unique = ["reporting_date", "area"]


class Budget(_TidyModel):
    """Budget och utfall: en rad per område och rapportdatum (tabell 2 och 5)."""

    reporting_date: Series[pd.Timestamp] = pa.Field(
        description="Datum som utfallet avser.",
        metadata={"header": "Rapportdatum", "type": "date", "synonyms": ("datum",), "example": "2019-08-31"},
    )
    area: Series[pd.CategoricalDtype] = pa.Field(
        description="Område eller aktivitet.",
        metadata={
            "header": "Område",
            "type": "text",
            "synonyms": ("aktivitet", "verksamhet"),
            "example": "Kurs och konferens",
        },
    )
    budget: Series[pd.Int64Dtype] = pa.Field(
        description="Budgeterade kostnader för året, kr.",
        metadata={
            "header": "Budget",
            "type": "signed_amount",
            "synonyms": ("budgeterade kostnader", "budget förbrukning"),
            "example": 4000000,
        },
    )
    outcome: Series[pd.Int64Dtype] = pa.Field(
        description="Redovisade kostnader till och med rapportdatum, kr.",
        metadata={
            "header": "Utfall",
            "type": "signed_amount",
            "synonyms": ("redovisade kostnader", "utfall förbrukning"),
            "example": 1792261,
        },
    )
    forecast: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        description="Prognos för årets kostnader, kr.",
        metadata={
            "header": "Prognos",
            "type": "signed_amount",
            "synonyms": ("årsprognos", "prognos helår"),
            "example": 4000000,
            "required": False,
        },
    )

    class Config:
        unique = ["reporting_date", "area"]


class IncomeStatement(_TidyModel):
    """Resultaträkning: en rad per post och rapportdatum (tabell 1). Kostnader är negativa."""

    reporting_date: Series[pd.Timestamp] = pa.Field(
        description="Datum som utfallet avser.",
        metadata={"header": "Rapportdatum", "type": "date", "synonyms": ("datum",), "example": "2019-08-31"},
    )
    item: Series[str] = pa.Field(
        description="Resultaträkningens post, t.ex. Personalkostnader.",
        metadata={"header": "Post", "type": "text", "synonyms": ("rad", "konto"), "example": "Personalkostnader"},
    )
    outcome: Series[pd.Int64Dtype] = pa.Field(
        description="Utfall till och med rapportdatum, kr (kostnader negativa).",
        metadata={"header": "Utfall", "type": "signed_amount", "synonyms": (), "example": -18700000},
    )
    budget: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        description="Årets budget, kr.",
        metadata={"header": "Budget", "type": "signed_amount", "example": -31800000, "required": False},
    )
    forecast: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        description="Årsprognos, kr.",
        metadata={
            "header": "Prognos",
            "type": "signed_amount",
            "synonyms": ("årsprognos",),
            "example": -28900000,
            "required": False,
        },
    )

    class Config:
        unique = ["reporting_date", "item"]


class Indicators(_TidyModel):
    """Mätetal: en rad per mätetal i verksamhetsplanen."""

    indicator_id: Series[str] = pa.Field(
        unique=True,
        description="Mätetalets beteckning, t.ex. M3.2a.",
        metadata={"header": "Id", "type": "text", "synonyms": ("mätetal-id", "nr"), "example": "narvaro_reko"},
    )
    text: Series[str] = pa.Field(
        description="Mätetalets text som i verksamhetsplanen.",
        metadata={
            "header": "Mätetal",
            "type": "text",
            "synonyms": ("benämning", "beskrivning"),
            "example": "Närvaro vid träffar med Reko.",
        },
    )
    goal: Series[str] = pa.Field(
        description="Det strategiska mål mätetalet hör till.",
        metadata={
            "header": "Strategiskt mål",
            "type": "text",
            "synonyms": ("mål",),
            "example": "Vi har ett starkt och jämbördigt partnerskap med aktiva ägare",
        },
    )
    area: Series[str] = pa.Field(
        description="Målområde i verksamhetsplanen.",
        metadata={
            "header": "Område",
            "type": "text",
            "synonyms": ("mål (område)", "målområde"),
            "example": "Kommunal utveckling underlättar samverkan med Region Jönköpings län.",
        },
    )
    metric: Series[str] = pa.Field(
        description="Det beräknade måttet som mätetalet läser (se README, Mått).",
        metadata={
            "header": "Mått",
            "type": "text",
            "synonyms": ("beräkning", "nyckeltal"),
            "example": "attendance.network:Reko",
        },
    )
    unit: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(UNITS), description="%, kr eller st.", metadata={"header": "Enhet", "type": "choice", "example": "%"}
    )
    direction: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(DIRECTIONS),
        description="högre är bättre, lägre är bättre eller balans.",
        metadata={"header": "Riktning", "type": "choice", "example": "högre är bättre"},
    )
    comparison: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True,
        isin=list(COMPARISONS),
        description="Vad trendpilen jämför med.",
        metadata={"header": "Jämförelse", "type": "choice", "example": "föregående tertial", "required": False},
    )
    threshold_met: Series[pd.Float64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Andel av målvärdet som krävs för uppfyllt (standard 100 %).",
        metadata={"header": "Gräns uppfyllt", "type": "percent", "required": False},
    )
    threshold_partly: Series[pd.Float64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Andel av målvärdet som krävs för delvis uppfyllt (standard 75 %).",
        metadata={"header": "Gräns delvis uppfyllt", "type": "percent", "required": False},
    )
    trend_threshold: Series[pd.Float64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Förändring som krävs för ↑/↓ (standard 50 %).",
        metadata={"header": "Gräns trend", "type": "percent", "required": False},
    )
    first_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1900,
        le=2200,
        description="Första året mätetalet gäller (tomt = från början).",
        metadata={
            "header": "Första år",
            "type": "year",
            "synonyms": ("gäller från", "från år"),
            "example": 2022,
            "required": False,
        },
    )
    last_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1900,
        le=2200,
        description="Sista året mätetalet gäller (tomt = tills vidare).",
        metadata={
            "header": "Sista år",
            "type": "year",
            "synonyms": ("gäller till", "till år"),
            "example": 2024,
            "required": False,
        },
    )

    @pa.dataframe_check(error="Första år är senare än Sista år.")
    def years_in_order(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["first_year"].fillna(0) > df["last_year"].fillna(9999)).astype(bool)


class Targets(_TidyModel):
    """Målvärden: en rad per mätetal och år, som text."""

    indicator_id: Series[str] = pa.Field(
        description="Mätetalets beteckning, som i bladet Mätetal.",
        metadata={"header": "Id", "type": "text", "synonyms": ("mätetal-id", "nr"), "example": "narvaro_reko"},
    )
    year: Series[pd.Int64Dtype] = pa.Field(
        ge=2000,
        le=2100,
        description="Året målvärdet gäller.",
        metadata={"header": "År", "type": "year", "example": 2019},
    )
    target: Series[str] = pa.Field(
        description="Ett tal (80 %, 0 kr, 91) eller 'samma period föregående år'.",
        metadata={"header": "Målvärde", "type": "text", "synonyms": ("mål", "målvärde"), "example": "80 %"},
    )

    class Config:
        unique = ["indicator_id", "year"]


class Comments(_TidyModel):
    """Kommentarer: en rad per kommentar till ett avsnitt eller mätetal."""

    year: Series[pd.Int64Dtype] = pa.Field(
        ge=2000, le=2100, description="Rapportens år.", metadata={"header": "År", "type": "year", "example": 2019}
    )
    tertial: Series[pd.Int64Dtype] = pa.Field(
        isin=[1, 2, 3],
        description="Rapportens tertial, 1–3.",
        metadata={"header": "Tertial", "type": "tertial", "example": 2},
    )
    target_id: Series[str] = pa.Field(
        description="inledning, viktiga händelser, medarbetare, framtiden, mål 1 … mål 6 (eller målets text), "
        "ett område som i matetal.xlsx eller ett mätetals Id.",
        metadata={
            "header": "Avsnitt",
            "type": "text",
            "synonyms": ("avsnitt/mätetal", "mätetal", "id", "kapitel", "mål"),
            "example": "mål 2",
        },
    )
    kind: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True,
        isin=list(COMMENT_KINDS),
        description="För ett mål: inledning (under kapitelrubriken), exempel på aktiviteter, avsnitt (eget "
        "avsnitt med Rubrik) eller analys. Annars text (standard).",
        metadata={
            "header": "Typ",
            "type": "choice",
            "synonyms": ("texttyp", "slag"),
            "example": "analys",
            "required": False,
        },
    )
    heading: Series[str] = pa.Field(
        nullable=True,
        description="Avsnittets rubrik (t.ex. Exempel på aktiviteter som stimulerar samverkan); tomt = standardrubriken.",
        metadata={
            "header": "Rubrik",
            "type": "text",
            "synonyms": ("avsnittsrubrik", "underrubrik"),
            "example": "Analys",
            "required": False,
        },
    )
    text: Series[str] = pa.Field(
        description="Texten.",
        metadata={
            "header": "Text",
            "type": "text",
            "synonyms": ("kommentar", "analys"),
            "example": "Närvaron har minskat något.",
        },
    )


class PlanGoals(_TidyModel):
    """Mål och områden: verksamhetsplanens strategiska mål och områden i rapportens ordning."""

    goal: Series[str] = pa.Field(
        description="Det strategiska målet.",
        metadata={
            "header": "Strategiskt mål",
            "type": "text",
            "synonyms": ("mål",),
            "example": "Vi har ett starkt och jämbördigt partnerskap med aktiva ägare",
        },
    )
    area: Series[str] = pa.Field(
        nullable=True,
        description="Målområde (tomt om målet saknar områden).",
        metadata={
            "header": "Område",
            "type": "text",
            "synonyms": ("mål (område)", "målområde"),
            "example": "Kommunal utveckling underlättar samverkan med Region Jönköpings län.",
            "required": False,
        },
    )
    first_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1900,
        le=2200,
        description="Första året målet och området gäller (tomt = från början).",
        metadata={
            "header": "Första år",
            "type": "year",
            "synonyms": ("gäller från", "från år"),
            "example": 2022,
            "required": False,
        },
    )
    last_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1900,
        le=2200,
        description="Sista året målet och området gäller (tomt = tills vidare).",
        metadata={
            "header": "Sista år",
            "type": "year",
            "synonyms": ("gäller till", "till år"),
            "example": 2024,
            "required": False,
        },
    )


class Settings(_TidyModel):
    """Inställningar: rapportens försättsblad, en rad per inställning."""

    key: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(SETTING_KEYS),
        description="titel, organisation, dnr, författare, adress, copyright eller wordmall.",
        metadata={"header": "Inställning", "type": "choice", "synonyms": ("nyckel", "fält"), "example": "dnr"},
    )
    value: Series[str] = pa.Field(
        description="Inställningens värde.",
        metadata={"header": "Värde", "type": "text", "synonyms": ("text",), "example": "RJL 2018/2303"},
    )
    year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=2000,
        le=2100,
        description="Året inställningen gäller för (tomt: alla år). Diarienumret (dnr) gäller alltid ett år: "
        "en rad per år, och ett år utan dnr får inget.",
        metadata={"header": "År", "type": "year", "synonyms": ("rapportår",), "example": 2019, "required": False},
    )


class Staff(_TidyModel):
    """Årsarbetare: en rad per tertial, indelning och kategori."""

    year: Series[pd.Int64Dtype] = pa.Field(
        ge=2000, le=2100, description="År.", metadata={"header": "År", "type": "year", "example": 2019}
    )
    tertial: Series[pd.Int64Dtype] = pa.Field(
        isin=[1, 2, 3],
        description="Tertial, 1–3 (läget vid tertialets slut).",
        metadata={"header": "Tertial", "type": "tertial", "example": 2},
    )
    dimension: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(STAFF_DIMENSIONS),
        description="anställningsform, verksamhet eller finansiering.",
        metadata={"header": "Indelning", "type": "choice", "synonyms": ("fördelning",), "example": "anställningsform"},
    )
    category: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(STAFF_CATEGORIES),
        description="tjänsteköp, tillsvidare, visstid; FoU, stab, övrig verksamhet; kommunerna, externa medel.",
        metadata={
            "header": "Kategori",
            "type": "choice",
            "synonyms": ("anställningsform", "verksamhet", "finansiering"),
            "example": "tjänsteköp",
        },
    )
    fte: Series[pd.Float64Dtype] = pa.Field(
        ge=0,
        description="Antal årsarbetare, t.ex. 7,70.",
        metadata={"header": "Årsarbetare", "type": "decimal", "synonyms": ("antal årsarbetare", "åa"), "example": 7.7},
    )

    class Config:
        unique = ["year", "tertial", "dimension", "category"]


class StaffMeasures(_TidyModel):
    """Medarbetarmått: en rad per år och mått."""

    year: Series[pd.Int64Dtype] = pa.Field(
        ge=2000, le=2100, description="Året måttet avser.", metadata={"header": "År", "type": "year", "example": 2022}
    )
    metric: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(STAFF_MEASURES),
        description="Måttets nyckel: " + ", ".join(f"{k} ({v.lower()})" for k, v in STAFF_MEASURES.items()) + ".",
        metadata={"header": "Mått", "type": "choice", "example": "staff.work_environment"},
    )
    value: Series[pd.Float64Dtype] = pa.Field(
        ge=0,
        le=1,
        description="Värdet, t.ex. 85 %.",
        metadata={"header": "Värde", "type": "percent", "synonyms": ("andel", "resultat"), "example": "85 %"},
    )

    class Config:
        unique = ["year", "metric"]


class Activities(_TidyModel):
    """Aktiviteter: en rad per aktivitet och tertial."""

    year: Series[pd.Int64Dtype] = pa.Field(
        ge=2000, le=2100, description="Rapportens år.", metadata={"header": "År", "type": "year", "example": 2019}
    )
    tertial: Series[pd.Int64Dtype] = pa.Field(
        isin=[1, 2, 3],
        description="Rapportens tertial, 1–3.",
        metadata={"header": "Tertial", "type": "tertial", "example": 2},
    )
    area: Series[str] = pa.Field(
        description="Målområdet som i matetal.xlsx (bladet Mätetal eller Mål).",
        metadata={
            "header": "Område",
            "type": "text",
            "synonyms": ("mål (område)", "målområde"),
            "example": "Verksamheten söker aktivt externa medel.",
        },
    )
    activity: Series[str] = pa.Field(
        description="Aktiviteten som i verksamhetsplanen.",
        metadata={
            "header": "Aktivitet",
            "type": "text",
            "synonyms": ("aktiviteter",),
            "example": "Kontinuerlig budgetuppföljning.",
        },
    )
    status: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(ACTIVITY_STATUSES),
        description=", ".join(ACTIVITY_STATUSES) + ".",
        metadata={"header": "Status", "type": "choice", "example": "pågår"},
    )
    text: Series[str] = pa.Field(
        nullable=True,
        description="Kort text om läget.",
        metadata={
            "header": "Kommentar",
            "type": "text",
            "synonyms": ("text", "beskrivning"),
            "example": "Budgetuppföljning genomförs kontinuerligt.",
            "required": False,
        },
    )


class SurveyResponses(_TidyModel):
    """Utvärderingsenkät: antal svarande per år, nätverk, fråga och svarsalternativ (inga enskilda svar)."""

    year: Series[pd.Int64Dtype] = pa.Field(
        ge=2000,
        le=2100,
        description="Året enkäten besvarades (i slutet av året).",
        metadata={"header": "År", "type": "year", "example": 2024},
    )
    network: Series[str] = pa.Field(
        description="Nätverket eller styrgruppen som svarade, som i nätverksregistret (natverk.xlsx).",
        metadata={
            "header": "Nätverk",
            "type": "network",
            "synonyms": ("styrgrupp", "nätverk/styrgrupp", "grupp"),
            "example": "Reko",
        },
    )
    question_id: Series[str] = pa.Field(
        description="Frågans Id eller text, som i bladet Frågor.",
        metadata={"header": "Fråga", "type": "text", "synonyms": ("fråga-id", "frågenummer"), "example": "F1"},
    )
    option: Series[str] = pa.Field(
        description="Svarsalternativet, som i bladet Svarsskala.",
        metadata={
            "header": "Svarsalternativ",
            "type": "text",
            "synonyms": ("svar", "alternativ"),
            "example": "Mycket nöjd",
        },
    )
    respondents: Series[pd.Int64Dtype] = pa.Field(
        ge=0,
        description="Antal som valde svarsalternativet.",
        metadata={"header": "Antal svarande", "type": "integer", "synonyms": ("antal", "svarande antal"), "example": 7},
    )

    class Config:
        unique = ["year", "network", "question_id", "option"]


class SurveyScale(_TidyModel):
    """Svarsskala: en rad per svarsalternativ, med om det räknas som mycket nöjd."""

    option: Series[str] = pa.Field(
        unique=True,
        description="Svarsalternativet som det skrivs i enkäten.",
        metadata={
            "header": "Svarsalternativ",
            "type": "text",
            "synonyms": ("svar", "alternativ"),
            "example": "Mycket nöjd",
        },
    )
    order: Series[pd.Int64Dtype] = pa.Field(
        unique=True,
        description="Ordning på skalan, 1 = lägst.",
        metadata={"header": "Ordning", "type": "integer", "synonyms": ("nr", "skalsteg"), "example": 5},
    )
    very_satisfied: Series[bool] = pa.Field(
        description="Ja om svaret räknas som mycket nöjd i mätetalen.",
        metadata={"header": "Mycket nöjd", "type": "bool", "synonyms": ("räknas som mycket nöjd",), "example": "Ja"},
    )


class SurveyQuestions(_TidyModel):
    """Enkätfrågor: en rad per fråga med mätetalet i verksamhetsplanen som den mäter."""

    question_id: Series[str] = pa.Field(
        unique=True,
        description="Frågans korta beteckning; mätetalens mått läser den (survey.very_satisfied:Id).",
        metadata={"header": "Id", "type": "text", "synonyms": ("fråga-id", "nr"), "example": "F1"},
    )
    question: Series[str] = pa.Field(
        description="Frågan som den ställs i enkäten.",
        metadata={
            "header": "Fråga",
            "type": "text",
            "synonyms": ("frågetext",),
            "example": "Hur nöjd är du med Kommunal utvecklings bidrag till samverkan mellan kommunerna?",
        },
    )
    indicator_text: Series[str] = pa.Field(
        description="Mätetalets text i verksamhetsplanen som frågan mäter.",
        metadata={
            "header": "Mätetal",
            "type": "text",
            "synonyms": ("mätetalstext",),
            "example": "Andel mycket nöjda med Kommunal utvecklings bidrag till samverkan mellan kommunerna.",
        },
    )


class Projects(_TidyModel):
    """Uppdrag och projekt: en rad per uppdrag eller projekt och år."""

    project: Series[str] = pa.Field(
        description="Uppdragets eller projektets namn.",
        metadata={
            "header": "Uppdrag/projekt",
            "type": "text",
            "synonyms": ("projekt", "uppdrag", "namn på projekt", "benämning"),
            "example": "Räkna med mig!",
        },
    )
    year: Series[pd.Int64Dtype] = pa.Field(
        ge=2000,
        le=2100,
        description="Året bedömningen avser.",
        metadata={"header": "År", "type": "year", "example": 2024},
    )
    kind: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(PROJECT_KINDS),
        description="uppdrag eller projekt.",
        metadata={"header": "Typ", "type": "choice", "synonyms": ("uppdrag/projekt",), "example": "projekt"},
    )
    area: Series[pd.CategoricalDtype] = pa.Field(
        description="Område eller partnerskap.",
        metadata={
            "header": "Område",
            "type": "text",
            "synonyms": ("partnerskap", "verksamhet"),
            "example": "FoUrum social välfärd och hälso- och sjukvård",
        },
    )
    start_date: Series[pd.Timestamp] = pa.Field(
        description="Startdatum.",
        metadata={"header": "Start", "type": "date", "synonyms": ("startdatum",), "example": "2021-01-01"},
    )
    planned_end: Series[pd.Timestamp] = pa.Field(
        description="Planerat slutdatum.",
        metadata={
            "header": "Planerat slut",
            "type": "date",
            "synonyms": ("slutdatum", "planerat slutdatum"),
            "example": "2024-12-31",
        },
    )
    status: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(PROJECT_STATUSES),
        description="planerat, pågående, avslutat eller avbrutet.",
        metadata={"header": "Status", "type": "choice", "example": "pågående"},
    )
    within_budget: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True,
        isin=list(YES_NO),
        description="ja eller nej: genomförs inom ramen för fastställd budget (tomt = ej bedömt än).",
        metadata={
            "header": "Inom budget",
            "type": "choice",
            "synonyms": ("inom fastställd budget",),
            "example": "ja",
            "required": False,
        },
    )
    according_to_plan: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True,
        isin=list(YES_NO),
        description="ja eller nej: genomförs enligt verksamhetsplan eller uppdragsbeskrivning och kommer till "
        "användning (tomt = ej bedömt än).",
        metadata={
            "header": "Enligt plan",
            "type": "choice",
            "synonyms": ("enligt verksamhetsplan", "enligt uppdragsbeskrivning"),
            "example": "ja",
            "required": False,
        },
    )
    goals_met: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True,
        isin=list(GOALS_MET),
        description="ja, delvis eller nej: uppfyller uppsatta mål (tomt = ej bedömt än).",
        metadata={
            "header": "Mål uppfyllda",
            "type": "choice",
            "synonyms": ("uppfyller mål", "målen uppfyllda"),
            "example": "delvis",
            "required": False,
        },
    )
    external_funding: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Årets externa finansiering, kr.",
        metadata={
            "header": "Extern finansiering",
            "type": "amount",
            "synonyms": ("externa medel",),
            "example": 450000,
            "required": False,
        },
    )

    class Config:
        unique = ["project", "year"]

    @pa.dataframe_check(error="Planerat slut är före start.")
    def end_after_start(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["planned_end"] >= df["start_date"]).astype(bool)


TIDY_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "attendance": Attendance,
    "networks": Networks,
    "network_former_names": NetworkFormerNames,
    "courses": Courses,
    "course_participants": CourseParticipants,
    "grants": Grants,
    "funds_available": FundsAvailable,
    "budget": Budget,
    "income_statement": IncomeStatement,
    "indicators": Indicators,
    "targets": Targets,
    "comments": Comments,
    "survey_responses": SurveyResponses,
    "survey_scale": SurveyScale,
    "survey_questions": SurveyQuestions,
    "projects": Projects,
    "plan_goals": PlanGoals,
    "settings": Settings,
    "staff": Staff,
    "staff_measures": StaffMeasures,
    "activities": Activities,
}


def schema_markdown(model: type[pa.DataFrameModel]) -> str:
    """Return a Markdown table of a model's columns: name, dtype, nullable, Swedish meaning."""
    schema = model.to_schema()
    lines = ["| kolumn | typ | tomt tillåtet | betydelse |", "|---|---|---|---|"]
    for name, col in schema.columns.items():
        lines.append(f"| `{name}` | {col.dtype} | {'ja' if col.nullable else 'nej'} | {col.description or ''} |")
    return "\n".join(lines)


def empty_frame(model: type[pa.DataFrameModel]) -> pd.DataFrame:
    """Return an empty frame with the model's columns and dtypes."""
    schema = model.to_schema()
    frame = pd.DataFrame({name: pd.Series([], dtype=object) for name in schema.columns})
    return schema.coerce_dtype(frame) if hasattr(schema, "coerce_dtype") else model.validate(frame)
