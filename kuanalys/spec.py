"""The input kinds: which workbooks, sheets and Swedish columns kuanalys reads.

This module is the one place where the spreadsheet layouts are declared. Loaders match
headers against it, `kuanalys template` writes empty workbooks from it, the sample generator
writes its workbooks from it, and the README's tables are generated from it.

Header matching tolerates case, spacing, punctuation and the listed synonyms
(see `header_key`).

File-name convention (`load_all`): a workbook's kind is given by the start of its file name,
compared case-insensitively and with å/ä/ö folded to a/a/o:

    narvaro*.xlsx      attendance (long layout or närvaromatris; several files are combined)
    natverk*.xlsx      network registry
    kurser*.xlsx       courses and uppdrag
    ansokningar*.xlsx  grant applications
    medel*.xlsx        funds, budget and result
    matetal*.xlsx      indicators (mätetal) and their targets
    kommentarer*.xlsx  analysts' texts (optional)
    installningar*.xlsx the report's cover: title, organisation, Dnr, author (optional)
    medarbetare*.xlsx  staff: årsarbetare per tertial and yearly staff measures (optional)
    aktiviteter*.xlsx  activities with status per tertial (optional)
    utvarderingsenkat*.xlsx  the annual evaluation survey (optional)
    projekt*.xlsx      the register of uppdrag and projects (optional)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal[
    "date",
    "text",
    "amount",
    "signed_amount",
    "integer",
    "bool",
    "organisation",
    "network",
    "choice",
    "percent",
    "year",
    "tertial",
    "decimal",
]

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

# Headers that carry personal data. Columns with these headers are dropped on load and never
# reach processed data or a report (a warning says that they were dropped).
PERSONAL_HEADERS = (
    "namn",
    "förnamn",
    "efternamn",
    "deltagare namn",
    "representant",
    "e-post",
    "epost",
    "e post",
    "mejl",
    "mail",
    "e-mail",
    "email",
    "telefon",
    "mobil",
    "personnummer",
    "respondent",
    "respondent-id",
    "respondentid",
    "svarande",
    "svarande-id",
)

# Labels of a sheet's own total rows: recognised, checked against the data, never counted twice.
TOTAL_LABELS = ("summa", "totalt", "total", "summa totalt", "s:a")
# A row whose first text starts with one of these words is a total row too ("Summa 2019",
# "Delsumma FoUrum", "Totalt alla områden", "Sammanlagt"); it is checked against the rows above.
TOTAL_WORDS = ("summa", "delsumma", "totalsumma", "totalt", "total", "s:a", "sammanlagt", "summering", "tot")


@dataclass(frozen=True)
class Column:
    """One column of an input sheet."""

    key: str  # English snake_case name in the tidy frame
    header: str  # Swedish header written in templates
    type: ColumnType
    description: str  # Swedish meaning, for the README and the template's instructions
    required: bool = True
    synonyms: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()  # allowed values for type "choice"
    example: object = None


@dataclass(frozen=True)
class Sheet:
    """One sheet of an input workbook."""

    name: str
    columns: tuple[Column, ...]
    description: str
    required: bool = True
    synonyms: tuple[str, ...] = ()

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class InputKind:
    """One kind of input workbook."""

    kind: str  # "narvaro", "kurser", ...
    title: str  # Swedish title
    file_prefix: str  # ASCII-folded file-name prefix
    sheets: tuple[Sheet, ...]
    description: str
    many_files: bool = False
    optional: bool = False
    extra: dict = field(default_factory=dict)


def header_key(text: object) -> str:
    """Return the comparison key of a header: NFC, case-folded, single spaces, no punctuation.

    >>> header_key("  Sökt  belopp (kr) ")
    'sökt belopp'
    """
    s = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ").casefold()
    s = re.sub(r"\((kr|sek|tkr|mkr|%|st|ja/nej|x)\)", " ", s)
    s = re.sub(r"[\*:;\.,!?\"'’_]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def fold_filename(name: str) -> str:
    """Return a file name case-folded with å/ä/ö as a/a/o, for the file-name convention."""
    s = unicodedata.normalize("NFC", name).casefold()
    return s.replace("å", "a").replace("ä", "a").replace("ö", "o")


# --- Närvaro ---------------------------------------------------------------------------------
ATTENDANCE_LONG = Sheet(
    name="Närvaro",
    description="En rad per möte och inbjuden organisation (plats).",
    synonyms=("närvarolista", "narvaro", "data"),
    columns=(
        Column(
            "meeting_date",
            "Datum",
            "date",
            "Mötets datum.",
            synonyms=("mötesdatum", "datum för möte", "möte"),
            example="2019-05-14",
        ),
        Column(
            "network",
            "Nätverk",
            "network",
            "Nätverkets namn, som i nätverksregistret (natverk.xlsx).",
            synonyms=("chefsnätverk", "nätverk/grupp", "grupp", "styrgrupp", "nätverksnamn"),
            example="Chefsnätverk äldre",
        ),
        Column(
            "organisation",
            "Organisation",
            "organisation",
            "Inbjuden organisation: kommun, Region Jönköpings län eller Externa deltagare.",
            synonyms=("kommun", "kommun/organisation", "org", "organisation/kommun"),
            example="Jönköping",
        ),
        Column(
            "present",
            "Närvarande",
            "bool",
            "Ja om organisationens representant var där (x, 1, Ja), annars Nej (tomt, 0, Nej).",
            synonyms=("närvaro", "deltog", "närvarande ja/nej", "närvarande (ja/nej)"),
            example="Ja",
        ),
        Column(
            "seat",
            "Plats",
            "integer",
            "Platsnummer när en organisation har flera platser (1 om tomt).",
            required=False,
            synonyms=("plats nr", "platsnummer", "representant nr"),
            example=1,
        ),
        Column(
            "meeting_format",
            "Mötesform",
            "choice",
            "fysiskt, digitalt eller hybrid.",
            required=False,
            synonyms=("form", "mötestyp", "mötesformat"),
            choices=MEETING_FORMATS,
            example="fysiskt",
        ),
        Column(
            "gender",
            "Kön",
            "choice",
            "Den närvarandes kön: kvinna, man eller annat.",
            required=False,
            synonyms=("kön k/m",),
            choices=GENDERS,
            example="kvinna",
        ),
    ),
)
# The närvaromatris: one sheet per network (the sheet name is the network); first column
# Datum, optionally a Mötesform column, then one column per organisation. Cell values:
# x/1/Ja = present, blank/0/Nej = absent, "-" = not a member. A header with a trailing
# number ("Region Jönköpings län 2") is a further seat of the same organisation.
MATRIX_PRESENT = ("x", "1", "ja", "j", "närvarande", "true", "sant")
MATRIX_ABSENT = ("", "0", "nej", "n", "frånvarande", "false", "falskt")
MATRIX_NOT_MEMBER = ("-", "–", "—", "ej medlem")

ATTENDANCE = InputKind(
    kind="narvaro",
    title="Närvaro",
    file_prefix="narvaro",
    many_files=True,
    description=(
        "Närvaro vid möten i chefsnätverk, styrgrupper, strategigrupper, PKS, Reko med flera. "
        "Antingen långt format (bladet Närvaro) eller närvaromatris (ett blad per nätverk, "
        "en rad per mötesdatum, en kolumn per organisation)."
    ),
    sheets=(ATTENDANCE_LONG,),
)

# --- Nätverk ---------------------------------------------------------------------------------
NETWORKS = InputKind(
    kind="natverk",
    title="Nätverk",
    file_prefix="natverk",
    description="Registret över nätverk som analytikerna underhåller.",
    sheets=(
        Sheet(
            name="Nätverk",
            description="En rad per nätverk.",
            columns=(
                Column(
                    "network",
                    "Nätverk",
                    "text",
                    "Nätverkets namn, som det skrivs i närvarofilerna.",
                    synonyms=("namn", "nätverksnamn"),
                    example="Reko",
                ),
                Column(
                    "network_type",
                    "Typ",
                    "choice",
                    "chefsnätverk, styrgrupp, strategigrupp, PKS, Reko, kommundirektörer eller övrigt.",
                    choices=NETWORK_TYPES,
                    synonyms=("nätverkstyp",),
                    example="Reko",
                ),
                Column(
                    "area",
                    "Område",
                    "text",
                    "Partnerskap eller område.",
                    synonyms=("partnerskap", "partnerskap/område"),
                    example="FoUrum social välfärd och hälso- och sjukvård",
                ),
                Column(
                    "with_region",
                    "Samverkan med regionen",
                    "bool",
                    "Ja om nätverket är ett samverkansforum med Region Jönköpings län.",
                    synonyms=("samverkan region", "med regionen"),
                    example="Ja",
                ),
            ),
        ),
        Sheet(
            name="Tidigare namn",
            description=(
                "En rad per tidigare namn på ett nätverk och åren namnet gällde. Närvaro och enkätsvar "
                "med det tidigare namnet räknas till nätverket med dagens namn."
            ),
            required=False,
            synonyms=("namnbyten", "gamla namn"),
            columns=(
                Column(
                    "network",
                    "Nätverk",
                    "text",
                    "Nätverkets nuvarande namn, som i bladet Nätverk.",
                    synonyms=("nuvarande namn", "nytt namn"),
                    example="Digitalisering i Socialtjänsten",
                ),
                Column(
                    "former_name",
                    "Tidigare namn",
                    "text",
                    "Namnet nätverket hade tidigare.",
                    synonyms=("gammalt namn", "före detta namn"),
                    example="Chefsnätverk eHälsa",
                ),
                Column(
                    "from_year",
                    "Från år",
                    "year",
                    "Första året det tidigare namnet gällde (tomt = okänt).",
                    required=False,
                    example=2016,
                ),
                Column(
                    "to_year",
                    "Till år",
                    "year",
                    "Sista året det tidigare namnet gällde.",
                    example=2021,
                ),
            ),
        ),
    ),
)

# --- Kurser ----------------------------------------------------------------------------------
COURSES = InputKind(
    kind="kurser",
    title="Kurser och uppdrag",
    file_prefix="kurser",
    many_files=True,
    description="Kurser och uppdrag med deltagare per organisation.",
    sheets=(
        Sheet(
            name="Kurser",
            description="En rad per kurs eller uppdrag.",
            columns=(
                Column(
                    "course_id",
                    "Kurs-id",
                    "text",
                    "Unik beteckning för kursen eller uppdraget.",
                    synonyms=("kursid", "id", "kurs id", "kursnummer"),
                    example="K2019-001",
                ),
                Column(
                    "title",
                    "Titel",
                    "text",
                    "Kursens eller uppdragets namn.",
                    synonyms=("kurs", "kursnamn", "benämning", "kurstitel"),
                    example="Fördjupad utbildning i LOU",
                ),
                Column(
                    "course_date",
                    "Datum",
                    "date",
                    "Datum då kursen hölls (första dagen).",
                    synonyms=("kursdatum", "startdatum"),
                    example="2019-03-12",
                ),
                Column(
                    "organiser",
                    "Arrangör",
                    "text",
                    "Kurs och konferens, CHANGE, Miljösamverkan, FoUrum social välfärd …",
                    synonyms=("arrangor", "anordnare"),
                    example="Kurs och konferens",
                ),
                Column(
                    "kind",
                    "Typ",
                    "choice",
                    "kurs eller uppdrag.",
                    choices=COURSE_KINDS,
                    synonyms=("kurs/uppdrag",),
                    example="kurs",
                ),
                Column(
                    "digital",
                    "Digital",
                    "bool",
                    "Ja om kursen genomfördes digitalt.",
                    required=False,
                    synonyms=("digitalt", "distans"),
                    example="Nej",
                ),
                Column(
                    "cancelled",
                    "Inställd",
                    "bool",
                    "Ja om kursen ställdes in.",
                    required=False,
                    synonyms=("installd", "inställd kurs"),
                    example="Nej",
                ),
                Column(
                    "fee_per_participant",
                    "Avgift per deltagare",
                    "amount",
                    "Kostnad per deltagare via Kommunal utveckling, kr.",
                    required=False,
                    synonyms=("avgift", "kostnad per deltagare", "pris per deltagare"),
                    example=3550,
                ),
                Column(
                    "external_fee_per_participant",
                    "Jämförbar extern avgift",
                    "amount",
                    "Kostnad per deltagare hos extern kurssamordnare, kr.",
                    required=False,
                    synonyms=("extern avgift", "extern kostnad per deltagare"),
                    example=5000,
                ),
                Column(
                    "participants_total",
                    "Antal deltagare",
                    "integer",
                    "Totalt antal deltagare. Behövs bara när deltagare per organisation saknas (t.ex. uppdrag).",
                    required=False,
                    synonyms=("deltagare", "antal", "deltagare totalt"),
                    example=None,
                ),
            ),
        ),
        Sheet(
            name="Deltagare",
            description="En rad per kurs och organisation.",
            required=False,
            columns=(
                Column(
                    "course_id",
                    "Kurs-id",
                    "text",
                    "Kursens beteckning, som i bladet Kurser.",
                    synonyms=("kursid", "id", "kurs id", "kursnummer"),
                    example="K2019-001",
                ),
                Column(
                    "organisation",
                    "Organisation",
                    "organisation",
                    "Kommun, Region Jönköpings län eller Externa deltagare.",
                    synonyms=("kommun", "kommun/organisation"),
                    example="Habo",
                ),
                Column(
                    "participants",
                    "Antal deltagare",
                    "integer",
                    "Antal deltagare från organisationen.",
                    synonyms=("deltagare", "antal"),
                    example=3,
                ),
            ),
        ),
    ),
)

# --- Ansökningar -----------------------------------------------------------------------------
GRANTS = InputKind(
    kind="ansokningar",
    title="Ansökningar om externa medel",
    file_prefix="ansokningar",
    many_files=True,
    description="En rad per ansökan om externa medel.",
    sheets=(
        Sheet(
            name="Ansökningar",
            description="En rad per ansökan.",
            synonyms=("ansokningar", "externa medel"),
            columns=(
                Column(
                    "project",
                    "Projekt",
                    "text",
                    "Projektets namn.",
                    synonyms=("projektnamn", "ansökan", "benämning"),
                    example="Räkna med mig!",
                ),
                Column(
                    "funder",
                    "Finansiär",
                    "text",
                    "Den som ansökan skickats till.",
                    synonyms=("finansiar", "bidragsgivare", "mottagare"),
                    example="Svenska ESF-rådet",
                ),
                Column(
                    "area",
                    "Område",
                    "text",
                    "Verksamhetsområde.",
                    required=False,
                    synonyms=("verksamhetsområde", "partnerskap"),
                    example="FoUrum social välfärd och hälso- och sjukvård",
                ),
                Column(
                    "amount_applied",
                    "Sökt belopp",
                    "amount",
                    "Sökt belopp, kr.",
                    synonyms=("ansökt belopp", "belopp", "sökt"),
                    example=7157872,
                ),
                Column(
                    "submitted_date",
                    "Inskickad",
                    "date",
                    "Datum då ansökan skickades in.",
                    synonyms=("datum", "inskickad datum", "ansökningsdatum", "inlämnad"),
                    example="2019-02-15",
                ),
                Column(
                    "decision",
                    "Beslut",
                    "choice",
                    "väntar, beviljad, delvis beviljad, avslag eller återtagen.",
                    choices=DECISIONS,
                    synonyms=("status", "besked"),
                    example="avslag",
                ),
                Column(
                    "amount_granted",
                    "Beviljat belopp",
                    "amount",
                    "Beviljat belopp, kr (tomt om inget beviljats).",
                    required=False,
                    synonyms=("beviljat", "beviljade medel"),
                    example=None,
                ),
                Column(
                    "decision_date",
                    "Beslutsdatum",
                    "date",
                    "Datum för beslutet.",
                    required=False,
                    synonyms=("datum för beslut", "beskedsdatum"),
                    example="2019-06-20",
                ),
            ),
        ),
    ),
)

# --- Medel -----------------------------------------------------------------------------------
FUNDS = InputKind(
    kind="medel",
    title="Medel, budget och resultat",
    file_prefix="medel",
    many_files=True,
    description="Disponibla medel per område och finansiär, budget och utfall per område, resultaträkning.",
    sheets=(
        Sheet(
            name="Disponibla medel",
            description="En rad per område och rapportdatum (tabell 3 i tertialrapporten).",
            synonyms=("disponibla", "medel"),
            columns=(
                Column(
                    "reporting_date",
                    "Rapportdatum",
                    "date",
                    "Datum som beloppen avser, t.ex. 2019-08-31.",
                    synonyms=("datum", "per datum"),
                    example="2019-08-31",
                ),
                Column(
                    "area",
                    "Område",
                    "text",
                    "Område eller partnerskap.",
                    synonyms=("partnerskap", "verksamhet"),
                    example="FoUrum utbildning",
                ),
                Column(
                    "opening_funds",
                    "Ingående medel",
                    "signed_amount",
                    "Ingående medel inklusive årets bokförda intäkter, kr.",
                    synonyms=("ingående",),
                    example=4198097,
                ),
                Column(
                    "added_municipalities",
                    "Tillförda medel kommunerna",
                    "amount",
                    "Tillförda medel från kommunerna, kr.",
                    required=False,
                    synonyms=("kommunerna", "tillförda kommunerna"),
                    example=4198097,
                ),
                Column(
                    "added_region",
                    "Tillförda medel regionen",
                    "amount",
                    "Tillförda medel från Region Jönköpings län, kr.",
                    required=False,
                    synonyms=("regionen", "tillförda regionen"),
                    example=None,
                ),
                Column(
                    "added_eu",
                    "Tillförda medel EU-bidrag",
                    "amount",
                    "Tillförda medel från EU, kr.",
                    required=False,
                    synonyms=("eu-bidrag", "eu", "tillförda eu"),
                    example=None,
                ),
                Column(
                    "added_state",
                    "Tillförda medel staten",
                    "amount",
                    "Tillförda medel från staten, kr.",
                    required=False,
                    synonyms=("staten", "tillförda staten"),
                    example=None,
                ),
                Column(
                    "added_other",
                    "Tillförda medel övriga",
                    "amount",
                    "Tillförda medel från övriga, kr.",
                    required=False,
                    synonyms=("övriga", "tillförda övriga"),
                    example=None,
                ),
                Column(
                    "funds_used",
                    "Disponerade medel",
                    "signed_amount",
                    "Förbrukade medel till och med rapportdatum, kr.",
                    synonyms=("förbrukade medel", "disponerat"),
                    example=1129117,
                ),
                Column(
                    "closing_funds",
                    "Utgående medel",
                    "signed_amount",
                    "Utgående medel (ingående − disponerade); kontrolleras om den finns.",
                    required=False,
                    synonyms=("utgående",),
                    example=3068980,
                ),
                Column(
                    "earmarked_state_funds",
                    "Därav fonderade statliga medel",
                    "amount",
                    "Därav fonderade statliga medel, kr.",
                    required=False,
                    synonyms=("fonderade statliga medel", "fonderade medel"),
                    example=None,
                ),
            ),
        ),
        Sheet(
            name="Budget",
            description="Budget, utfall och prognos per område och år (tabell 2 och 5).",
            required=False,
            columns=(
                Column(
                    "reporting_date",
                    "Rapportdatum",
                    "date",
                    "Datum som utfallet avser.",
                    synonyms=("datum",),
                    example="2019-08-31",
                ),
                Column(
                    "area",
                    "Område",
                    "text",
                    "Område eller aktivitet.",
                    synonyms=("aktivitet", "verksamhet"),
                    example="Kurs och konferens",
                ),
                Column(
                    "budget",
                    "Budget",
                    "signed_amount",
                    "Budgeterade kostnader för året, kr.",
                    synonyms=("budgeterade kostnader", "budget förbrukning"),
                    example=4000000,
                ),
                Column(
                    "outcome",
                    "Utfall",
                    "signed_amount",
                    "Redovisade kostnader till och med rapportdatum, kr.",
                    synonyms=("redovisade kostnader", "utfall förbrukning"),
                    example=1792261,
                ),
                Column(
                    "forecast",
                    "Prognos",
                    "signed_amount",
                    "Prognos för årets kostnader, kr.",
                    required=False,
                    synonyms=("årsprognos", "prognos helår"),
                    example=4000000,
                ),
            ),
        ),
        Sheet(
            name="Resultat",
            description="Resultaträkning för hela verksamheten: intäkter positiva, kostnader negativa (tabell 1).",
            required=False,
            synonyms=("resultaträkning",),
            columns=(
                Column(
                    "reporting_date",
                    "Rapportdatum",
                    "date",
                    "Datum som utfallet avser.",
                    synonyms=("datum",),
                    example="2019-08-31",
                ),
                Column(
                    "item",
                    "Post",
                    "text",
                    "Resultaträkningens post, t.ex. Personalkostnader.",
                    synonyms=("rad", "konto"),
                    example="Personalkostnader",
                ),
                Column(
                    "outcome",
                    "Utfall",
                    "signed_amount",
                    "Utfall till och med rapportdatum, kr (kostnader negativa).",
                    synonyms=(),
                    example=-18700000,
                ),
                Column("budget", "Budget", "signed_amount", "Årets budget, kr.", required=False, example=-31800000),
                Column(
                    "forecast",
                    "Prognos",
                    "signed_amount",
                    "Årsprognos, kr.",
                    required=False,
                    synonyms=("årsprognos",),
                    example=-28900000,
                ),
            ),
        ),
    ),
)

# --- Mätetal ---------------------------------------------------------------------------------
INDICATORS = InputKind(
    kind="matetal",
    title="Mätetal",
    file_prefix="matetal",
    description="Mätetalen i verksamhetsplanen med målvärden och regler för status och trend.",
    sheets=(
        Sheet(
            name="Mätetal",
            description="En rad per mätetal.",
            synonyms=("matetal", "indikatorer"),
            columns=(
                Column(
                    "indicator_id",
                    "Id",
                    "text",
                    "Mätetalets beteckning, t.ex. M3.2a.",
                    synonyms=("mätetal-id", "nr"),
                    example="narvaro_reko",
                ),
                Column(
                    "text",
                    "Mätetal",
                    "text",
                    "Mätetalets text som i verksamhetsplanen.",
                    synonyms=("benämning", "beskrivning"),
                    example="Närvaro vid träffar med Reko.",
                ),
                Column(
                    "goal",
                    "Strategiskt mål",
                    "text",
                    "Det strategiska mål mätetalet hör till.",
                    synonyms=("mål",),
                    example="Vi har ett starkt och jämbördigt partnerskap med aktiva ägare",
                ),
                Column(
                    "area",
                    "Område",
                    "text",
                    "Målområde i verksamhetsplanen.",
                    synonyms=("mål (område)", "målområde"),
                    example="Kommunal utveckling underlättar samverkan med Region Jönköpings län.",
                ),
                Column(
                    "metric",
                    "Mått",
                    "text",
                    "Det beräknade måttet som mätetalet läser (se README, Mått).",
                    synonyms=("beräkning", "nyckeltal"),
                    example="attendance.network:Reko",
                ),
                Column("unit", "Enhet", "choice", "%, kr eller st.", choices=UNITS, example="%"),
                Column(
                    "direction",
                    "Riktning",
                    "choice",
                    "högre är bättre, lägre är bättre eller balans.",
                    choices=DIRECTIONS,
                    example="högre är bättre",
                ),
                Column(
                    "comparison",
                    "Jämförelse",
                    "choice",
                    "Vad trendpilen jämför med.",
                    choices=COMPARISONS,
                    required=False,
                    example="föregående tertial",
                ),
                Column(
                    "threshold_met",
                    "Gräns uppfyllt",
                    "percent",
                    "Andel av målvärdet som krävs för uppfyllt (standard 100 %).",
                    required=False,
                    example=None,
                ),
                Column(
                    "threshold_partly",
                    "Gräns delvis uppfyllt",
                    "percent",
                    "Andel av målvärdet som krävs för delvis uppfyllt (standard 75 %).",
                    required=False,
                    example=None,
                ),
                Column(
                    "trend_threshold",
                    "Gräns trend",
                    "percent",
                    "Förändring som krävs för ↑/↓ (standard 50 %).",
                    required=False,
                    example=None,
                ),
                Column(
                    "first_year",
                    "Första år",
                    "year",
                    "Första året mätetalet gäller (tomt = från början).",
                    required=False,
                    synonyms=("gäller från", "från år"),
                    example=2022,
                ),
                Column(
                    "last_year",
                    "Sista år",
                    "year",
                    "Sista året mätetalet gäller (tomt = tills vidare).",
                    required=False,
                    synonyms=("gäller till", "till år"),
                    example=2024,
                ),
            ),
        ),
        Sheet(
            name="Målvärden",
            description="En rad per mätetal och år.",
            synonyms=("malvarden", "mål"),
            columns=(
                Column(
                    "indicator_id",
                    "Id",
                    "text",
                    "Mätetalets beteckning, som i bladet Mätetal.",
                    synonyms=("mätetal-id", "nr"),
                    example="narvaro_reko",
                ),
                Column("year", "År", "year", "Året målvärdet gäller.", example=2019),
                Column(
                    "target",
                    "Målvärde",
                    "text",
                    "Ett tal (80 %, 0 kr, 91) eller 'samma period föregående år'.",
                    synonyms=("mål", "målvärde"),
                    example="80 %",
                ),
            ),
        ),
        Sheet(
            name="Mål",
            description=(
                "Verksamhetsplanens strategiska mål och områden i rapportens ordning, en rad per område "
                "(Område tomt för ett mål utan områden). Mål och områden här får ett kapitel och ett avsnitt "
                "även utan mätetal; finns bladet inte följer kapitlen ordningen i bladet Mätetal. Finns bladet "
                "ska varje mätetals mål och område stå här för de år mätetalet gäller, och ett mål eller område "
                "får bara stå på en rad per år."
            ),
            required=False,
            synonyms=("mal", "strategiska mål", "mål och områden"),
            columns=(
                Column(
                    "goal",
                    "Strategiskt mål",
                    "text",
                    "Det strategiska målet.",
                    synonyms=("mål",),
                    example="Vi har ett starkt och jämbördigt partnerskap med aktiva ägare",
                ),
                Column(
                    "area",
                    "Område",
                    "text",
                    "Målområde (tomt om målet saknar områden).",
                    required=False,
                    synonyms=("mål (område)", "målområde"),
                    example="Kommunal utveckling underlättar samverkan med Region Jönköpings län.",
                ),
                Column(
                    "first_year",
                    "Första år",
                    "year",
                    "Första året målet och området gäller (tomt = från början).",
                    required=False,
                    synonyms=("gäller från", "från år"),
                    example=2022,
                ),
                Column(
                    "last_year",
                    "Sista år",
                    "year",
                    "Sista året målet och området gäller (tomt = tills vidare).",
                    required=False,
                    synonyms=("gäller till", "till år"),
                    example=2024,
                ),
            ),
        ),
    ),
)

# --- Kommentarer -----------------------------------------------------------------------------
COMMENTS = InputKind(
    kind="kommentarer",
    title="Kommentarer",
    file_prefix="kommentarer",
    optional=True,
    description=(
        "Analytikernas texter till rapporten: Viktiga händelser, Framtiden och Medarbetare i inledningen, "
        "kapitlens inledning, Exempel på aktiviteter, egna avsnitt och Analys per strategiskt mål, "
        "kommentarer till mätetal och områden."
    ),
    sheets=(
        Sheet(
            name="Kommentarer",
            description=(
                "En rad per text. Avsnitt säger var texten hör hemma: inledning, viktiga händelser, "
                "medarbetare eller framtiden (kapitel 1); mål 1 … mål 6 eller målets text (ett strategiskt mål, "
                "i ordningen i matetal.xlsx); ett områdes text som i matetal.xlsx; eller ett mätetals Id "
                "(texten läggs efter den genererade beskrivningen av resultatet)."
            ),
            columns=(
                Column("year", "År", "year", "Rapportens år.", example=2019),
                Column("tertial", "Tertial", "tertial", "Rapportens tertial, 1–3.", example=2),
                Column(
                    "target_id",
                    "Avsnitt",
                    "text",
                    "inledning, viktiga händelser, medarbetare, framtiden, mål 1 … mål 6 (eller målets text), "
                    "ett område som i matetal.xlsx eller ett mätetals Id.",
                    synonyms=("avsnitt/mätetal", "mätetal", "id", "kapitel", "mål"),
                    example="mål 2",
                ),
                Column(
                    "kind",
                    "Typ",
                    "choice",
                    "För ett mål: inledning (under kapitelrubriken), exempel på aktiviteter, avsnitt (eget "
                    "avsnitt med Rubrik) eller analys. Annars text (standard).",
                    required=False,
                    choices=COMMENT_KINDS,
                    synonyms=("texttyp", "slag"),
                    example="analys",
                ),
                Column(
                    "heading",
                    "Rubrik",
                    "text",
                    "Avsnittets rubrik (t.ex. Exempel på aktiviteter som stimulerar samverkan); tomt = standardrubriken.",
                    required=False,
                    synonyms=("avsnittsrubrik", "underrubrik"),
                    example="Analys",
                ),
                Column(
                    "text",
                    "Text",
                    "text",
                    "Texten.",
                    synonyms=("kommentar", "analys"),
                    example="Närvaron har minskat något.",
                ),
            ),
        ),
    ),
)

# --- Inställningar ---------------------------------------------------------------------------
SETTINGS = InputKind(
    kind="installningar",
    title="Inställningar",
    file_prefix="installningar",
    optional=True,
    description=(
        "Rapportens försättsblad: titel, organisation, diarienummer per år, författare (en roll, inte ett namn) och"
        " adress;"
        " och Word-dokumentets mall (organisationens egen .docx, sökväg relativt indatamappen)."
    ),
    sheets=(
        Sheet(
            name="Inställningar",
            description="En rad per inställning.",
            synonyms=("installningar", "försättsblad"),
            columns=(
                Column(
                    "key",
                    "Inställning",
                    "choice",
                    "titel, organisation, dnr, författare, adress, copyright eller wordmall.",
                    choices=SETTING_KEYS,
                    synonyms=("nyckel", "fält"),
                    example="dnr",
                ),
                Column("value", "Värde", "text", "Inställningens värde.", synonyms=("text",), example="RJL 2018/2303"),
                Column(
                    "year",
                    "År",
                    "year",
                    "Året inställningen gäller för (tomt: alla år). Diarienumret (dnr) gäller alltid ett år: "
                    "en rad per år, och ett år utan dnr får inget.",
                    required=False,
                    synonyms=("rapportår",),
                    example=2019,
                ),
            ),
        ),
    ),
)

# --- Medarbetare -----------------------------------------------------------------------------
STAFF = InputKind(
    kind="medarbetare",
    title="Medarbetare",
    file_prefix="medarbetare",
    optional=True,
    description=(
        "Årsarbetare vid varje tertials slut, fördelade på anställningsform (tjänsteköp, tillsvidare, visstid), "
        "verksamhet (FoU, stab, övrig verksamhet) och finansiering (kommunerna, externa medel); och årliga "
        "medarbetarmått (bladet Medarbetarmått). Inga namn."
    ),
    sheets=(
        Sheet(
            name="Årsarbetare",
            description=(
                "En rad per tertial, indelning och kategori. Varje indelning som fylls i för en tertial ska "
                "summera till samma antal årsarbetare."
            ),
            synonyms=("arsarbetare", "medarbetare"),
            columns=(
                Column("year", "År", "year", "År.", example=2019),
                Column("tertial", "Tertial", "tertial", "Tertial, 1–3 (läget vid tertialens slut).", example=2),
                Column(
                    "dimension",
                    "Indelning",
                    "choice",
                    "anställningsform, verksamhet eller finansiering.",
                    choices=tuple(STAFF_DIMENSIONS),
                    synonyms=("fördelning",),
                    example="anställningsform",
                ),
                Column(
                    "category",
                    "Kategori",
                    "choice",
                    "tjänsteköp, tillsvidare, visstid; FoU, stab, övrig verksamhet; kommunerna, externa medel.",
                    choices=STAFF_CATEGORIES,
                    synonyms=("anställningsform", "verksamhet", "finansiering"),
                    example="tjänsteköp",
                ),
                Column(
                    "fte",
                    "Årsarbetare",
                    "decimal",
                    "Antal årsarbetare, t.ex. 7,70.",
                    synonyms=("antal årsarbetare", "åa"),
                    example=7.7,
                ),
            ),
        ),
        Sheet(
            name="Medarbetarmått",
            description="En rad per år och mått, t.ex. andelen medarbetare som är nöjda med arbetsmiljön.",
            required=False,
            synonyms=("medarbetarmatt",),
            columns=(
                Column("year", "År", "year", "Året måttet avser.", example=2022),
                Column(
                    "metric",
                    "Mått",
                    "choice",
                    "Måttets nyckel: " + ", ".join(f"{k} ({v.lower()})" for k, v in STAFF_MEASURES.items()) + ".",
                    choices=tuple(STAFF_MEASURES),
                    example="staff.work_environment",
                ),
                Column(
                    "value", "Värde", "percent", "Värdet, t.ex. 85 %.", synonyms=("andel", "resultat"), example="85 %"
                ),
            ),
        ),
    ),
)

# --- Aktiviteter -----------------------------------------------------------------------------
ACTIVITIES = InputKind(
    kind="aktiviteter",
    title="Aktiviteter",
    file_prefix="aktiviteter",
    optional=True,
    description="Verksamhetsplanens aktiviteter med status per tertial, under sitt område (som i matetal.xlsx).",
    sheets=(
        Sheet(
            name="Aktiviteter",
            description="En rad per aktivitet och tertial.",
            synonyms=("aktivitet",),
            columns=(
                Column("year", "År", "year", "Rapportens år.", example=2019),
                Column("tertial", "Tertial", "tertial", "Rapportens tertial, 1–3.", example=2),
                Column(
                    "area",
                    "Område",
                    "text",
                    "Målområdet som i matetal.xlsx (bladet Mätetal eller Mål).",
                    synonyms=("mål (område)", "målområde"),
                    example="Verksamheten söker aktivt externa medel.",
                ),
                Column(
                    "activity",
                    "Aktivitet",
                    "text",
                    "Aktiviteten som i verksamhetsplanen.",
                    synonyms=("aktiviteter",),
                    example="Kontinuerlig budgetuppföljning.",
                ),
                Column(
                    "status",
                    "Status",
                    "choice",
                    ", ".join(ACTIVITY_STATUSES) + ".",
                    choices=ACTIVITY_STATUSES,
                    example="pågår",
                ),
                Column(
                    "text",
                    "Kommentar",
                    "text",
                    "Kort text om läget.",
                    required=False,
                    synonyms=("text", "beskrivning"),
                    example="Budgetuppföljning genomförs kontinuerligt.",
                ),
            ),
        ),
    ),
)

# --- Utvärderingsenkät -----------------------------------------------------------------------
SURVEY_YEAR = Column("year", "År", "year", "Året enkäten besvarades (i slutet av året).", example=2024)
SURVEY_NETWORK = Column(
    "network",
    "Nätverk",
    "network",
    "Nätverket eller styrgruppen som svarade, som i nätverksregistret (natverk.xlsx).",
    synonyms=("styrgrupp", "nätverk/styrgrupp", "grupp"),
    example="Reko",
)
SURVEY_QUESTION = Column(
    "question_id",
    "Fråga",
    "text",
    "Frågans Id eller text, som i bladet Frågor.",
    synonyms=("fråga-id", "frågenummer"),
    example="F1",
)
SURVEY = InputKind(
    kind="utvarderingsenkat",
    title="Utvärderingsenkät",
    file_prefix="utvarderingsenkat",
    optional=True,
    description=(
        "Den årliga utvärderingsenkäten till chefsnätverk, styrgrupper och liknande: antal svarande per år, "
        "nätverk, fråga och svarsalternativ. Svarsskalan och vilka svar som räknas som mycket nöjd anges i "
        "bladet Svarsskala, frågorna och mätetalet de hör till i bladet Frågor. Enskilda svar får lämnas i "
        "bladet Enskilda svar: de räknas ihop per nätverk, fråga och svar och når aldrig en rapport."
    ),
    sheets=(
        Sheet(
            name="Enkätsvar",
            description="En rad per år, nätverk, fråga och svarsalternativ med antalet svarande.",
            required=False,
            synonyms=("svar", "sammanställning"),
            columns=(
                SURVEY_YEAR,
                SURVEY_NETWORK,
                SURVEY_QUESTION,
                Column(
                    "option",
                    "Svarsalternativ",
                    "text",
                    "Svarsalternativet, som i bladet Svarsskala.",
                    synonyms=("svar", "alternativ"),
                    example="Mycket nöjd",
                ),
                Column(
                    "respondents",
                    "Antal svarande",
                    "integer",
                    "Antal som valde svarsalternativet.",
                    synonyms=("antal", "svarande antal"),
                    example=7,
                ),
            ),
        ),
        Sheet(
            name="Enskilda svar",
            description=(
                "Valfritt: en rad per svar. Räknas ihop till antal svarande; kolumner med namn, e-post eller "
                "respondent-id läses aldrig in."
            ),
            required=False,
            synonyms=("enskilda", "rådata"),
            columns=(
                SURVEY_YEAR,
                SURVEY_NETWORK,
                SURVEY_QUESTION,
                Column(
                    "option",
                    "Svar",
                    "text",
                    "Svaret, som ett svarsalternativ i bladet Svarsskala.",
                    synonyms=("svarsalternativ",),
                    example="Ganska nöjd",
                ),
            ),
        ),
        Sheet(
            name="Svarsskala",
            description="En rad per svarsalternativ: ordning och om svaret räknas som mycket nöjd.",
            synonyms=("skala",),
            columns=(
                Column(
                    "option",
                    "Svarsalternativ",
                    "text",
                    "Svarsalternativet som det skrivs i enkäten.",
                    synonyms=("svar", "alternativ"),
                    example="Mycket nöjd",
                ),
                Column(
                    "order",
                    "Ordning",
                    "integer",
                    "Ordning på skalan, 1 = lägst.",
                    synonyms=("nr", "skalsteg"),
                    example=5,
                ),
                Column(
                    "very_satisfied",
                    "Mycket nöjd",
                    "bool",
                    "Ja om svaret räknas som mycket nöjd i mätetalen.",
                    synonyms=("räknas som mycket nöjd",),
                    example="Ja",
                ),
            ),
        ),
        Sheet(
            name="Frågor",
            description="En rad per fråga med mätetalet i verksamhetsplanen som den mäter.",
            synonyms=("fragor",),
            columns=(
                Column(
                    "question_id",
                    "Id",
                    "text",
                    "Frågans korta beteckning; mätetalens mått läser den (survey.very_satisfied:Id).",
                    synonyms=("fråga-id", "nr"),
                    example="F1",
                ),
                Column(
                    "question",
                    "Fråga",
                    "text",
                    "Frågan som den ställs i enkäten.",
                    synonyms=("frågetext",),
                    example="Hur nöjd är du med Kommunal utvecklings bidrag till samverkan mellan kommunerna?",
                ),
                Column(
                    "indicator_text",
                    "Mätetal",
                    "text",
                    "Mätetalets text i verksamhetsplanen som frågan mäter.",
                    synonyms=("mätetalstext",),
                    example="Andel mycket nöjda med Kommunal utvecklings bidrag till samverkan mellan kommunerna.",
                ),
            ),
        ),
    ),
)

# --- Uppdrag och projekt ---------------------------------------------------------------------
PROJECTS = InputKind(
    kind="projekt",
    title="Uppdrag och projekt",
    file_prefix="projekt",
    optional=True,
    description="Registret över uppdrag och projekt: en rad per uppdrag eller projekt och år med årets bedömning.",
    sheets=(
        Sheet(
            name="Projekt",
            description="En rad per uppdrag eller projekt och år.",
            synonyms=("uppdrag och projekt", "uppdrag", "projektregister"),
            columns=(
                Column(
                    "project",
                    "Uppdrag/projekt",
                    "text",
                    "Uppdragets eller projektets namn.",
                    synonyms=("projekt", "uppdrag", "namn på projekt", "benämning"),
                    example="Räkna med mig!",
                ),
                Column("year", "År", "year", "Året bedömningen avser.", example=2024),
                Column(
                    "kind",
                    "Typ",
                    "choice",
                    "uppdrag eller projekt.",
                    choices=PROJECT_KINDS,
                    synonyms=("uppdrag/projekt",),
                    example="projekt",
                ),
                Column(
                    "area",
                    "Område",
                    "text",
                    "Område eller partnerskap.",
                    synonyms=("partnerskap", "verksamhet"),
                    example="FoUrum social välfärd och hälso- och sjukvård",
                ),
                Column("start_date", "Start", "date", "Startdatum.", synonyms=("startdatum",), example="2021-01-01"),
                Column(
                    "planned_end",
                    "Planerat slut",
                    "date",
                    "Planerat slutdatum.",
                    synonyms=("slutdatum", "planerat slutdatum"),
                    example="2024-12-31",
                ),
                Column(
                    "status",
                    "Status",
                    "choice",
                    "planerat, pågående, avslutat eller avbrutet.",
                    choices=PROJECT_STATUSES,
                    example="pågående",
                ),
                Column(
                    "within_budget",
                    "Inom budget",
                    "choice",
                    "ja eller nej: genomförs inom ramen för fastställd budget (tomt = ej bedömt än).",
                    required=False,
                    choices=YES_NO,
                    synonyms=("inom fastställd budget",),
                    example="ja",
                ),
                Column(
                    "according_to_plan",
                    "Enligt plan",
                    "choice",
                    "ja eller nej: genomförs enligt verksamhetsplan eller uppdragsbeskrivning och kommer till "
                    "användning (tomt = ej bedömt än).",
                    required=False,
                    choices=YES_NO,
                    synonyms=("enligt verksamhetsplan", "enligt uppdragsbeskrivning"),
                    example="ja",
                ),
                Column(
                    "goals_met",
                    "Mål uppfyllda",
                    "choice",
                    "ja, delvis eller nej: uppfyller uppsatta mål (tomt = ej bedömt än).",
                    required=False,
                    choices=GOALS_MET,
                    synonyms=("uppfyller mål", "målen uppfyllda"),
                    example="delvis",
                ),
                Column(
                    "external_funding",
                    "Extern finansiering",
                    "amount",
                    "Årets externa finansiering, kr.",
                    required=False,
                    synonyms=("externa medel",),
                    example=450000,
                ),
            ),
        ),
    ),
)

INPUT_KINDS: dict[str, InputKind] = {
    k.kind: k
    for k in (
        ATTENDANCE,
        NETWORKS,
        COURSES,
        GRANTS,
        FUNDS,
        INDICATORS,
        COMMENTS,
        SETTINGS,
        STAFF,
        ACTIVITIES,
        SURVEY,
        PROJECTS,
    )
}


def kind_of_file(filename: str) -> str | None:
    """Return the input kind of a file name by the file-name convention, or None."""
    folded = fold_filename(filename)
    for kind in INPUT_KINDS.values():
        if folded.startswith(kind.file_prefix):
            return kind.kind
    return None
