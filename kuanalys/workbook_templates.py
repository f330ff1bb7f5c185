"""`kuanalys template KIND FILE.xlsx`: empty input workbooks written from spec.py.

Each template has one sheet per spec sheet with the Swedish headers (bold, frozen, with
sensible widths), dropdown lists (data validation) for organisation, network, decision and the
other choices and Ja/Nej columns, a Listor sheet holding the lists, and an Instruktioner sheet
that explains every column. A template loads back without errors.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kuanalys import config
from kuanalys.atomic import write_atomic
from kuanalys.errors import KuanalysError
from kuanalys.organisations import ORGANISATION_ORDER, ORGANISATIONS
from kuanalys.spec import INPUT_KINDS, MATRIX_NOT_MEMBER, Column, InputKind

# Rows below the header that get dropdown lists.
VALIDATION_ROWS = 2000
_TYPE_WORDS = {
    "date": "datum (ÅÅÅÅ-MM-DD)",
    "text": "text",
    "amount": "belopp i hela kronor (inte negativt)",
    "signed_amount": "belopp i hela kronor (får vara negativt)",
    "integer": "heltal",
    "bool": "Ja eller Nej",
    "organisation": "organisation (kommun, Region Jönköpings län eller Externa deltagare)",
    "network": "nätverk, som i natverk.xlsx",
    "choice": "ett av värdena i listan",
    "percent": "procent, t.ex. 80 %",
    "decimal": "tal med decimaler, t.ex. 51,20",
    "year": "år, t.ex. 2019",
    "tertial": "1, 2 eller 3",
}


def registry_networks(raw_dir: Path | None = None) -> list[str]:
    """Return the network names of the registry in `raw_dir` (config.RAW_DATA_DIR), or [] if
    there is none or it does not load."""
    from kuanalys.loaders.networks import collect_networks, finish_networks

    raw_dir = config.RAW_DATA_DIR if raw_dir is None else Path(raw_dir)
    paths = (
        sorted(p for p in raw_dir.glob("*.xlsx") if p.name.casefold().startswith("natverk")) if raw_dir.is_dir() else []
    )
    if not paths:
        return []
    (parsed, _former), problems = collect_networks(paths[0])
    frame = finish_networks(parsed, problems)
    return [] if frame is None else [str(n) for n in frame["network"]]


def choice_list(col: Column, networks: list[str]) -> list[str] | None:
    """Return the dropdown values of a column, or None for a free column."""
    if col.type == "organisation":
        return [ORGANISATIONS[c] for c in ORGANISATION_ORDER]
    if col.type == "network":
        return networks or None
    if col.type == "choice":
        return list(col.choices)
    if col.type == "bool":
        return ["Ja", "Nej"]
    if col.type == "tertial":
        return ["1", "2", "3"]
    return None


# Columns whose dropdown lists values kept in another sheet of the same workbook (the survey's
# answer scale and questions are declared in the workbook, not in code): (kind, key) → (sheet, column).
IN_WORKBOOK_LISTS: dict[tuple[str, str], tuple[str, str]] = {
    ("utvarderingsenkat", "option"): ("Svarsskala", "A"),
    ("utvarderingsenkat", "question_id"): ("Frågor", "A"),
}


def _in_workbook_validation(kind: InputKind, sheet_name: str, col: Column) -> DataValidation | None:
    """Return a dropdown over another sheet of the workbook for `col`, or None."""
    source = IN_WORKBOOK_LISTS.get((kind.kind, col.key))
    if source is None or source[0] == sheet_name:
        return None
    name, letter = source
    return DataValidation(
        type="list",
        formula1=f"='{name}'!${letter}$2:${letter}${VALIDATION_ROWS + 1}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ogiltigt värde",
        error=f"Välj ett värde från bladet {name}.",
    )


def _width(col: Column) -> float:
    example = "" if col.example is None else str(col.example)
    return min(max(len(col.header), len(example), 10) + 3, 60)


def build_template(kind: InputKind, networks: list[str]) -> Workbook:
    """Return the template workbook of an input kind (not saved)."""
    wb = Workbook()
    wb.remove(wb.active)
    lists = []  # (header, values) written to the Listor sheet
    for sheet in kind.sheets:
        ws = wb.create_sheet(sheet.name)
        for i, col in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=1, column=i, value=col.header)
            cell.font = Font(bold=True)
            ws.column_dimensions[get_column_letter(i)].width = _width(col)
            values = choice_list(col, networks)
            own = _in_workbook_validation(kind, sheet.name, col)
            if own is not None:
                own.add(f"{get_column_letter(i)}2:{get_column_letter(i)}{VALIDATION_ROWS + 1}")
                ws.add_data_validation(own)
            if values is None:
                continue
            lists.append((f"{sheet.name}: {col.header}", values))
            list_col = get_column_letter(len(lists))
            dv = DataValidation(
                type="list",
                formula1=f"=Listor!${list_col}$2:${list_col}${len(values) + 1}",
                allow_blank=True,
                showErrorMessage=col.type != "network",
                errorTitle="Ogiltigt värde",
                error=f"Välj ett värde i listan för {col.header}.",
            )
            dv.add(f"{get_column_letter(i)}2:{get_column_letter(i)}{VALIDATION_ROWS + 1}")
            ws.add_data_validation(dv)
        ws.freeze_panes = "A2"
    write_instructions(wb.create_sheet("Instruktioner", 0), kind)
    listor = wb.create_sheet("Listor")
    for j, (title, values) in enumerate(lists, start=1):
        listor.cell(row=1, column=j, value=title).font = Font(bold=True)
        for r, v in enumerate(values, start=2):
            listor.cell(row=r, column=j, value=v)
        listor.column_dimensions[get_column_letter(j)].width = max(len(title), *(len(v) for v in values)) + 2
    wb.active = 1  # open on the first data sheet
    return wb


def write_instructions(ws, kind: InputKind) -> None:
    """Fill the Instruktioner sheet: the kind, file name, and per column its meaning, whether it
    is required, its type, an example and synonyms that are also accepted."""
    ws["A1"] = f"{kind.title} – mall för kuanalys"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = kind.description
    ws["A3"] = (
        f"Spara filen i data/raw med ett namn som börjar med '{kind.file_prefix}', t.ex. {kind.file_prefix}.xlsx."
    )
    ws["A4"] = (
        "Rader där första textcellen är Summa eller Totalt räknas som summarader och kontrolleras mot raderna ovanför."
    )
    row = 5
    if kind.kind == "narvaro":
        ws.cell(
            row=row,
            column=1,
            value=(
                "Närvaromatris går också: ett blad per nätverk (bladnamn = nätverk), kolumnen Datum, valfritt Mötesform, "
                "och en kolumn per organisation. x/1/Ja = närvarande, tomt/0/Nej = frånvarande, "
                f"{MATRIX_NOT_MEMBER[0]} = inte medlem. 'Region Jönköpings län 2' är organisationens plats 2."
            ),
        )
        row += 1
    ws.cell(row=row, column=1, value="Namn- och e-postkolumner läses aldrig in.")
    row += 2
    for sheet in kind.sheets:
        ws.cell(
            row=row, column=1, value=f"Bladet {sheet.name}" + ("" if sheet.required else " (valfritt)")
        ).font = Font(bold=True)
        ws.cell(row=row, column=2, value=sheet.description)
        row += 1
        for j, title in enumerate(
            ("Kolumn", "Betydelse", "Obligatorisk", "Typ", "Exempel", "Accepteras också"), start=1
        ):
            ws.cell(row=row, column=j, value=title).font = Font(bold=True)
        row += 1
        for col in sheet.columns:
            values = (
                col.header,
                col.description,
                "ja" if col.required else "nej",
                _TYPE_WORDS[col.type],
                "" if col.example is None else str(col.example),
                ", ".join(col.synonyms),
            )
            for j, v in enumerate(values, start=1):
                ws.cell(row=row, column=j, value=v).alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
        row += 1
    for letter, width in zip("ABCDEF", (28, 60, 13, 30, 22, 40)):
        ws.column_dimensions[letter].width = width


def write_template(kind: str, path: str | Path, *, force: bool = False) -> Path:
    """Write the empty input workbook of `kind` to `path` atomically and return the path.

    An existing file is kept unless `force` (it may be a filled-in workbook). The file gets the
    umask's permissions. Raises KuanalysError (in Swedish) for an unknown kind, an existing file
    or a path that cannot be written.
    """
    if kind not in INPUT_KINDS:
        raise KuanalysError(f"Okänd typ '{kind}'. Välj en av: {', '.join(INPUT_KINDS)}.")
    path = Path(path)
    if path.suffix.casefold() != ".xlsx":
        raise KuanalysError(f"Mallen måste sparas som .xlsx, inte '{path.name}'.")
    if path.is_dir():
        raise KuanalysError(f"{path} är en mapp. Ange ett filnamn, t.ex. {path / (kind + '.xlsx')}.")
    if (path.exists() or path.is_symlink()) and not force:
        raise KuanalysError(
            f"{path} finns redan och skrivs inte över (den kan vara en ifylld arbetsbok). "
            "Välj ett annat filnamn, eller lägg till --force för att ersätta filen."
        )
    wb = build_template(INPUT_KINDS[kind], registry_networks())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, wb.save)
    except OSError as exc:
        raise KuanalysError(f"Kan inte skriva {path}: {exc.strerror or exc}.") from None
    return path
