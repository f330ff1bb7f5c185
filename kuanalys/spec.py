"""The input kinds: which workbooks, sheets and Swedish columns kuanalys reads.

This module is the one place where the spreadsheet layouts are declared: which sheets a
workbook has and what each sheet is. The columns themselves are declared once, as the fields of
the tidy models in kuanalys/schemas.py (Swedish header, synonyms, description and allowed values
in each field); `input_columns` derives a sheet's columns from its model. Loaders match headers
against them, `kuanalys template` writes empty workbooks from them, the sample generator writes
its workbooks from them, and the README's tables are generated from them.

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

import pandera.pandas as pa

# The closed lists are declared with the models; they are read from here too.
from kuanalys.schemas import (  # noqa: F401
    ACTIVITY_STATUSES,
    COMMENT_KINDS,
    COMPARISONS,
    COURSE_KINDS,
    DECISIONS,
    DIRECTIONS,
    EMPLOYMENT_FORMS,
    GENDERS,
    GOALS_MET,
    MEETING_FORMATS,
    NETWORK_TYPES,
    PROJECT_KINDS,
    PROJECT_STATUSES,
    SETTING_KEYS,
    STAFF_ACTIVITIES,
    STAFF_CATEGORIES,
    STAFF_DIMENSIONS,
    STAFF_FINANCING,
    STAFF_MEASURES,
    UNITS,
    YES_NO,
    Activities,
    Attendance,
    Budget,
    Comments,
    CourseParticipants,
    Courses,
    FundsAvailable,
    Grants,
    IncomeStatement,
    Indicators,
    NetworkFormerNames,
    Networks,
    PlanGoals,
    Projects,
    Settings,
    Staff,
    StaffMeasures,
    SurveyQuestions,
    SurveyResponses,
    SurveyScale,
    Targets,
)

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

# The cover's author when installningar.xlsx names none: a role, never a person's name.
DEFAULT_AUTHOR = "Utvecklingschef"

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


def input_columns(model: type[pa.DataFrameModel], keys: tuple[str, ...] | None = None) -> tuple[Column, ...]:
    """Return the input columns of a sheet read into `model`: its fields with a Swedish header in
    their `metadata`, in declaration order (or in the order of `keys`). The description is the
    field's, and a choice column's allowed values are the field's `isin`."""
    fields = model.to_schema().columns
    keys = keys or tuple(k for k, f in fields.items() if "header" in (f.metadata or {}))
    return tuple(_column(k, fields[k]) for k in keys)


def _column(key: str, field: pa.Column) -> Column:
    meta = field.metadata
    isin = next((c.statistics["allowed_values"] for c in field.checks if c.name == "isin"), ())
    return Column(
        key,
        meta["header"],
        meta["type"],
        field.description,
        required=meta.get("required", True),
        synonyms=tuple(meta.get("synonyms", ())),
        choices=tuple(isin) if meta["type"] == "choice" else (),
        example=meta.get("example"),
    )


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
    columns=input_columns(
        Attendance, ("meeting_date", "network", "organisation", "present", "seat", "meeting_format", "gender")
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
            columns=input_columns(Networks),
        ),
        Sheet(
            name="Tidigare namn",
            description=(
                "En rad per tidigare namn på ett nätverk och åren namnet gällde. Närvaro och enkätsvar "
                "med det tidigare namnet räknas till nätverket med dagens namn."
            ),
            required=False,
            synonyms=("namnbyten", "gamla namn"),
            columns=input_columns(NetworkFormerNames),
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
            columns=input_columns(Courses),
        ),
        Sheet(
            name="Deltagare",
            description="En rad per kurs och organisation.",
            required=False,
            columns=input_columns(CourseParticipants),
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
            columns=input_columns(Grants),
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
            columns=input_columns(FundsAvailable),
        ),
        Sheet(
            name="Budget",
            description="Budget, utfall och prognos per område och år (tabell 2 och 5).",
            required=False,
            columns=input_columns(Budget),
        ),
        Sheet(
            name="Resultat",
            description="Resultaträkning för hela verksamheten: intäkter positiva, kostnader negativa (tabell 1).",
            required=False,
            synonyms=("resultaträkning",),
            columns=input_columns(IncomeStatement),
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
            columns=input_columns(Indicators),
        ),
        Sheet(
            name="Målvärden",
            description="En rad per mätetal och år.",
            synonyms=("malvarden", "mål"),
            columns=input_columns(Targets),
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
            columns=input_columns(PlanGoals),
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
            columns=input_columns(Comments),
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
            columns=input_columns(Settings),
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
            columns=input_columns(Staff),
        ),
        Sheet(
            name="Medarbetarmått",
            description="En rad per år och mått, t.ex. andelen medarbetare som är nöjda med arbetsmiljön.",
            required=False,
            synonyms=("medarbetarmatt",),
            columns=input_columns(StaffMeasures),
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
            columns=input_columns(Activities),
        ),
    ),
)

# --- Utvärderingsenkät -----------------------------------------------------------------------
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
            columns=input_columns(SurveyResponses),
        ),
        Sheet(
            name="Enskilda svar",
            description=(
                "Valfritt: en rad per svar. Räknas ihop till antal svarande; kolumner med namn eller e-post "
                "läses aldrig in. Respondent-id används bara för att hitta en svarande som räknats två gånger "
                "och når aldrig en tabell eller rapport."
            ),
            required=False,
            synonyms=("enskilda", "rådata"),
            columns=(
                *input_columns(SurveyResponses, ("year", "network", "question_id")),
                Column(
                    "option",
                    "Svar",
                    "text",
                    "Svaret, som ett svarsalternativ i bladet Svarsskala.",
                    synonyms=("svarsalternativ",),
                    example="Ganska nöjd",
                ),
                Column(
                    "respondent",
                    "Respondent-id",
                    "text",
                    "Valfritt: svarandens id i enkätverktyget. Samma id två gånger för samma fråga är en "
                    "svarande som räknats två gånger; id:t når aldrig en tabell eller rapport.",
                    required=False,
                    synonyms=("respondent", "respondentid", "svarande-id", "svarande id", "svars-id"),
                    example="R017",
                ),
            ),
        ),
        Sheet(
            name="Svarsskala",
            description="En rad per svarsalternativ: ordning och om svaret räknas som mycket nöjd.",
            synonyms=("skala",),
            columns=input_columns(SurveyScale),
        ),
        Sheet(
            name="Frågor",
            description="En rad per fråga med mätetalet i verksamhetsplanen som den mäter.",
            synonyms=("fragor",),
            columns=input_columns(SurveyQuestions),
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
            columns=input_columns(Projects),
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
