"""Tidy tables, declared once with pandera.

Each model is the contract of one tidy frame: loaders validate against it, the README's
column tables are generated from it (`schema_markdown`), and the analyses rely on its
dtypes. Column descriptions are Swedish because they are what users read.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from kuanalys.organisations import ORGANISATION_ORDER
from kuanalys.spec import (
    ACTIVITY_STATUSES,
    COMMENT_KINDS,
    COMPARISONS,
    COURSE_KINDS,
    DECISIONS,
    DIRECTIONS,
    GENDERS,
    GOALS_MET,
    MEETING_FORMATS,
    NETWORK_TYPES,
    PROJECT_KINDS,
    PROJECT_STATUSES,
    SETTING_KEYS,
    STAFF_CATEGORIES,
    STAFF_DIMENSIONS,
    STAFF_MEASURES,
    UNITS,
    YES_NO,
)


class _TidyModel(pa.DataFrameModel):
    """Base of the tidy models: strict columns, dtypes coerced."""

    class Config:
        strict = True
        coerce = True


class Attendance(_TidyModel):
    """Närvaro: en rad per möte, inbjuden organisation och plats."""

    meeting_date: Series[pd.Timestamp] = pa.Field(description="Mötets datum.")
    network: Series[pd.CategoricalDtype] = pa.Field(description="Nätverk (som i nätverksregistret).")
    org_code: Series[pd.CategoricalDtype] = pa.Field(
        isin=ORGANISATION_ORDER,
        description="Organisationens kod: SCB kommunkod, 06 för Region Jönköpings län, EXT för externa.",
    )
    organisation: Series[pd.CategoricalDtype] = pa.Field(description="Organisationens namn.")
    seat: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Platsnummer inom organisationen (1 om en plats).")
    present: Series[bool] = pa.Field(description="Sant om platsen var besatt vid mötet.")
    meeting_format: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True,
        isin=list(MEETING_FORMATS),
        description="Mötesform: fysiskt, digitalt eller hybrid (tomt om okänt).",
    )
    gender: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True, isin=list(GENDERS), description="Den närvarandes kön (tomt om okänt eller frånvarande)."
    )

    class Config:
        unique = ["meeting_date", "network", "org_code", "seat"]


class Networks(_TidyModel):
    """Nätverksregistret: en rad per nätverk."""

    network: Series[str] = pa.Field(unique=True, description="Nätverkets namn.")
    network_type: Series[pd.CategoricalDtype] = pa.Field(isin=list(NETWORK_TYPES), description="Typ av nätverk.")
    area: Series[pd.CategoricalDtype] = pa.Field(nullable=True, description="Partnerskap eller område.")
    with_region: Series[bool] = pa.Field(
        description="Sant om nätverket är ett samverkansforum med Region Jönköpings län."
    )


class NetworkFormerNames(_TidyModel):
    """Tidigare namn: en rad per tidigare namn på ett nätverk och åren det gällde."""

    network: Series[str] = pa.Field(description="Nätverkets nuvarande namn (som i registret).")
    former_name: Series[str] = pa.Field(unique=True, description="Namnet nätverket hade tidigare.")
    from_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2200, description="Första året det tidigare namnet gällde (tomt = okänt)."
    )
    to_year: Series[pd.Int64Dtype] = pa.Field(ge=1900, le=2200, description="Sista året det tidigare namnet gällde.")

    @pa.dataframe_check(error="Från år är senare än Till år.")
    def years_in_order(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["from_year"].fillna(0) > df["to_year"]).astype(bool)


class Courses(_TidyModel):
    """Kurser och uppdrag: en rad per kurs eller uppdrag."""

    course_id: Series[str] = pa.Field(unique=True, description="Kursens beteckning.")
    title: Series[str] = pa.Field(description="Kursens eller uppdragets namn.")
    course_date: Series[pd.Timestamp] = pa.Field(description="Datum då kursen hölls.")
    organiser: Series[pd.CategoricalDtype] = pa.Field(
        description="Arrangör: Kurs och konferens, CHANGE, Miljösamverkan …"
    )
    kind: Series[pd.CategoricalDtype] = pa.Field(isin=list(COURSE_KINDS), description="kurs eller uppdrag.")
    digital: Series[bool] = pa.Field(description="Sant om kursen genomfördes digitalt.")
    cancelled: Series[bool] = pa.Field(description="Sant om kursen ställdes in.")
    fee_per_participant: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Avgift per deltagare via Kommunal utveckling, kr."
    )
    external_fee_per_participant: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Jämförbar avgift hos extern kurssamordnare, kr."
    )
    participants_total: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Totalt antal deltagare (summan av bladet Deltagare när sådana rader finns)."
    )


class CourseParticipants(_TidyModel):
    """Kursdeltagare: en rad per kurs och organisation."""

    course_id: Series[str] = pa.Field(description="Kursens beteckning.")
    org_code: Series[pd.CategoricalDtype] = pa.Field(isin=ORGANISATION_ORDER, description="Organisationens kod.")
    organisation: Series[pd.CategoricalDtype] = pa.Field(description="Organisationens namn.")
    participants: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Antal deltagare.")

    class Config:
        unique = ["course_id", "org_code"]


class Grants(_TidyModel):
    """Ansökningar om externa medel: en rad per ansökan."""

    project: Series[str] = pa.Field(description="Projektets namn.")
    funder: Series[pd.CategoricalDtype] = pa.Field(description="Finansiär.")
    area: Series[pd.CategoricalDtype] = pa.Field(nullable=True, description="Verksamhetsområde.")
    amount_applied: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Sökt belopp, kr.")
    submitted_date: Series[pd.Timestamp] = pa.Field(description="Datum då ansökan skickades in.")
    decision: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(DECISIONS), description="väntar, beviljad, delvis beviljad, avslag eller återtagen."
    )
    amount_granted: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Beviljat belopp, kr.")
    decision_date: Series[pd.Timestamp] = pa.Field(nullable=True, description="Datum för beslutet.")

    @pa.dataframe_check(error="Beviljat belopp är större än sökt belopp.")
    def granted_not_above_applied(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["amount_granted"].fillna(0) > df["amount_applied"]).astype(bool)


class FundsAvailable(_TidyModel):
    """Disponibla medel: en rad per område och rapportdatum (tabell 3)."""

    reporting_date: Series[pd.Timestamp] = pa.Field(description="Datum som beloppen avser.")
    area: Series[pd.CategoricalDtype] = pa.Field(description="Område eller partnerskap.")
    opening_funds: Series[pd.Int64Dtype] = pa.Field(description="Ingående medel inklusive årets bokförda intäkter, kr.")
    added_municipalities: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Tillförda medel från kommunerna, kr.")
    added_region: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Tillförda medel från regionen, kr.")
    added_eu: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Tillförda medel från EU, kr.")
    added_state: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Tillförda medel från staten, kr.")
    added_other: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Tillförda medel från övriga, kr.")
    funds_used: Series[pd.Int64Dtype] = pa.Field(
        description="Förbrukade (disponerade) medel till och med rapportdatum, kr."
    )
    closing_funds: Series[pd.Int64Dtype] = pa.Field(description="Utgående medel = ingående − disponerade, kr.")
    earmarked_state_funds: Series[pd.Int64Dtype] = pa.Field(
        ge=0, description="Därav fonderade statliga medel, kr (0 om inga)."
    )

    class Config:
        unique = ["reporting_date", "area"]


class Budget(_TidyModel):
    """Budget och utfall: en rad per område och rapportdatum (tabell 2 och 5)."""

    reporting_date: Series[pd.Timestamp] = pa.Field(description="Datum som utfallet avser.")
    area: Series[pd.CategoricalDtype] = pa.Field(description="Område eller aktivitet.")
    budget: Series[pd.Int64Dtype] = pa.Field(description="Budgeterade kostnader för året, kr.")
    outcome: Series[pd.Int64Dtype] = pa.Field(description="Redovisade kostnader till och med rapportdatum, kr.")
    forecast: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Prognos för årets kostnader, kr.")

    class Config:
        unique = ["reporting_date", "area"]


class IncomeStatement(_TidyModel):
    """Resultaträkning: en rad per post och rapportdatum (tabell 1). Kostnader är negativa."""

    reporting_date: Series[pd.Timestamp] = pa.Field(description="Datum som utfallet avser.")
    item: Series[str] = pa.Field(description="Post i resultaträkningen.")
    outcome: Series[pd.Int64Dtype] = pa.Field(description="Utfall till och med rapportdatum, kr.")
    budget: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Årets budget, kr.")
    forecast: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Årsprognos, kr.")

    class Config:
        unique = ["reporting_date", "item"]


class Indicators(_TidyModel):
    """Mätetal: en rad per mätetal i verksamhetsplanen."""

    indicator_id: Series[str] = pa.Field(unique=True, description="Mätetalets beteckning.")
    text: Series[str] = pa.Field(description="Mätetalets text som i verksamhetsplanen.")
    goal: Series[str] = pa.Field(description="Strategiskt mål.")
    area: Series[str] = pa.Field(description="Målområde.")
    metric: Series[str] = pa.Field(description="Måttet som mätetalet läser (se Mått).")
    unit: Series[pd.CategoricalDtype] = pa.Field(isin=list(UNITS), description="%, kr eller st.")
    direction: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(DIRECTIONS), description="högre är bättre, lägre är bättre eller balans."
    )
    comparison: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True, isin=list(COMPARISONS), description="Vad trendpilen jämför med (tomt = standard)."
    )
    threshold_met: Series[pd.Float64Dtype] = pa.Field(
        nullable=True, ge=0, description="Andel av målvärdet som krävs för uppfyllt (tomt = standard)."
    )
    threshold_partly: Series[pd.Float64Dtype] = pa.Field(
        nullable=True, ge=0, description="Andel av målvärdet som krävs för delvis uppfyllt (tomt = standard)."
    )
    trend_threshold: Series[pd.Float64Dtype] = pa.Field(
        nullable=True, ge=0, description="Förändring som krävs för trendpil upp/ned (tomt = standard)."
    )
    first_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2200, description="Första året mätetalet gäller (tomt = från början)."
    )
    last_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2200, description="Sista året mätetalet gäller (tomt = tills vidare)."
    )

    @pa.dataframe_check(error="Första år är senare än Sista år.")
    def years_in_order(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["first_year"].fillna(0) > df["last_year"].fillna(9999)).astype(bool)


class Targets(_TidyModel):
    """Målvärden: en rad per mätetal och år, som text."""

    indicator_id: Series[str] = pa.Field(description="Mätetalets beteckning.")
    year: Series[pd.Int64Dtype] = pa.Field(ge=2000, le=2100, description="Året målvärdet gäller.")
    target: Series[str] = pa.Field(
        description="Målvärdet som det skrivits: '80 %', '0 kr', '91' eller 'samma period föregående år'."
    )

    class Config:
        unique = ["indicator_id", "year"]


class Comments(_TidyModel):
    """Kommentarer: en rad per kommentar till ett avsnitt eller mätetal."""

    year: Series[pd.Int64Dtype] = pa.Field(ge=2000, le=2100, description="Rapportens år.")
    tertial: Series[pd.Int64Dtype] = pa.Field(isin=[1, 2, 3], description="Rapportens tertial, 1–3.")
    target_id: Series[str] = pa.Field(description="Avsnitt: del av inledningen, mål, område eller mätetalets Id.")
    kind: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True, isin=list(COMMENT_KINDS), description="Typ av text (tomt = text)."
    )
    heading: Series[str] = pa.Field(nullable=True, description="Avsnittets rubrik (tomt = standardrubriken).")
    text: Series[str] = pa.Field(description="Texten.")


class PlanGoals(_TidyModel):
    """Mål och områden: verksamhetsplanens strategiska mål och områden i rapportens ordning."""

    goal: Series[str] = pa.Field(description="Strategiskt mål.")
    area: Series[str] = pa.Field(nullable=True, description="Målområde (tomt för ett mål utan områden).")
    first_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2200, description="Första året målet och området gäller (tomt = från början)."
    )
    last_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1900, le=2200, description="Sista året målet och området gäller (tomt = tills vidare)."
    )


class Settings(_TidyModel):
    """Inställningar: rapportens försättsblad, en rad per inställning."""

    key: Series[pd.CategoricalDtype] = pa.Field(isin=list(SETTING_KEYS), description="Inställningen.")
    value: Series[str] = pa.Field(description="Värdet.")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=2000, le=2100, description="Året den gäller (tomt: alla).")


class Staff(_TidyModel):
    """Årsarbetare: en rad per tertial, indelning och kategori."""

    year: Series[pd.Int64Dtype] = pa.Field(ge=2000, le=2100, description="År.")
    tertial: Series[pd.Int64Dtype] = pa.Field(isin=[1, 2, 3], description="Tertial (läget vid tertialens slut).")
    dimension: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(STAFF_DIMENSIONS), description="Indelning: anställningsform, verksamhet eller finansiering."
    )
    category: Series[pd.CategoricalDtype] = pa.Field(isin=list(STAFF_CATEGORIES), description="Kategori.")
    fte: Series[pd.Float64Dtype] = pa.Field(ge=0, description="Antal årsarbetare.")

    class Config:
        unique = ["year", "tertial", "dimension", "category"]


class StaffMeasures(_TidyModel):
    """Medarbetarmått: en rad per år och mått."""

    year: Series[pd.Int64Dtype] = pa.Field(ge=2000, le=2100, description="Året måttet avser.")
    metric: Series[pd.CategoricalDtype] = pa.Field(isin=list(STAFF_MEASURES), description="Måttets nyckel.")
    value: Series[pd.Float64Dtype] = pa.Field(ge=0, le=1, description="Värdet som andel (0,85 för 85 %).")

    class Config:
        unique = ["year", "metric"]


class Activities(_TidyModel):
    """Aktiviteter: en rad per aktivitet och tertial."""

    year: Series[pd.Int64Dtype] = pa.Field(ge=2000, le=2100, description="Rapportens år.")
    tertial: Series[pd.Int64Dtype] = pa.Field(isin=[1, 2, 3], description="Rapportens tertial.")
    area: Series[str] = pa.Field(description="Målområde som i matetal.xlsx.")
    activity: Series[str] = pa.Field(description="Aktiviteten.")
    status: Series[pd.CategoricalDtype] = pa.Field(isin=list(ACTIVITY_STATUSES), description="Status.")
    text: Series[str] = pa.Field(nullable=True, description="Kort text om läget.")


class SurveyResponses(_TidyModel):
    """Utvärderingsenkät: antal svarande per år, nätverk, fråga och svarsalternativ (inga enskilda svar)."""

    year: Series[pd.Int64Dtype] = pa.Field(ge=2000, le=2100, description="Året enkäten besvarades.")
    network: Series[str] = pa.Field(description="Nätverket eller styrgruppen (dagens namn i registret).")
    question_id: Series[str] = pa.Field(description="Frågans Id (bladet Frågor).")
    option: Series[str] = pa.Field(description="Svarsalternativ (bladet Svarsskala).")
    respondents: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Antal svarande som valde alternativet.")

    class Config:
        unique = ["year", "network", "question_id", "option"]


class SurveyScale(_TidyModel):
    """Svarsskala: en rad per svarsalternativ, med om det räknas som mycket nöjd."""

    option: Series[str] = pa.Field(unique=True, description="Svarsalternativet.")
    order: Series[pd.Int64Dtype] = pa.Field(unique=True, description="Ordning på skalan, 1 = lägst.")
    very_satisfied: Series[bool] = pa.Field(description="Sant om svaret räknas som mycket nöjd.")


class SurveyQuestions(_TidyModel):
    """Enkätfrågor: en rad per fråga med mätetalet i verksamhetsplanen som den mäter."""

    question_id: Series[str] = pa.Field(unique=True, description="Frågans Id.")
    question: Series[str] = pa.Field(description="Frågan som den ställs.")
    indicator_text: Series[str] = pa.Field(description="Mätetalets text i verksamhetsplanen.")


class Projects(_TidyModel):
    """Uppdrag och projekt: en rad per uppdrag eller projekt och år."""

    project: Series[str] = pa.Field(description="Uppdragets eller projektets namn.")
    year: Series[pd.Int64Dtype] = pa.Field(ge=2000, le=2100, description="Året bedömningen avser.")
    kind: Series[pd.CategoricalDtype] = pa.Field(isin=list(PROJECT_KINDS), description="uppdrag eller projekt.")
    area: Series[pd.CategoricalDtype] = pa.Field(description="Område eller partnerskap.")
    start_date: Series[pd.Timestamp] = pa.Field(description="Startdatum.")
    planned_end: Series[pd.Timestamp] = pa.Field(description="Planerat slutdatum.")
    status: Series[pd.CategoricalDtype] = pa.Field(
        isin=list(PROJECT_STATUSES), description="planerat, pågående, avslutat eller avbrutet."
    )
    within_budget: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True, isin=list(YES_NO), description="Inom fastställd budget: ja/nej (tomt = ej bedömt)."
    )
    according_to_plan: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True, isin=list(YES_NO), description="Enligt plan och till användning: ja/nej (tomt = ej bedömt)."
    )
    goals_met: Series[pd.CategoricalDtype] = pa.Field(
        nullable=True, isin=list(GOALS_MET), description="Uppsatta mål uppfyllda: ja/delvis/nej (tomt = ej bedömt)."
    )
    external_funding: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Extern finansiering, kr.")

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
