"""The README's input documentation, generated from the models so it never drifts: the columns from
the fields of kuanalys/schemas.py (header, synonyms, description in each field's metadata), the
workbooks and sheets from kuanalys/spec.py.

`python -m kuanalys.docs` prints the Markdown; `python -m kuanalys.docs --write` replaces the
section between the indata markers in README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kuanalys import config
from kuanalys.schemas import TIDY_SCHEMAS, schema_markdown
from kuanalys.spec import INPUT_KINDS, InputKind

START_MARKER = "<!-- indata:start -->"
END_MARKER = "<!-- indata:end -->"

# Which tidy tables each input kind produces.
KIND_TABLES = {
    "narvaro": ["attendance"],
    "natverk": ["networks", "network_former_names"],
    "kurser": ["courses", "course_participants"],
    "ansokningar": ["grants"],
    "medel": ["funds_available", "budget", "income_statement"],
    "matetal": ["indicators", "targets", "plan_goals"],
    "kommentarer": ["comments"],
    "utvarderingsenkat": ["survey_responses", "survey_scale", "survey_questions"],
    "projekt": ["projects"],
    "installningar": ["settings"],
    "medarbetare": ["staff", "staff_measures"],
    "aktiviteter": ["activities"],
}


MATRIX_TEXT = (
    "**Närvaromatris**: ett blad per nätverk där bladets namn är nätverket, en rad per mötesdatum och en "
    "kolumn per organisation. Första kolumnen är `Datum`, därefter valfritt `Mötesform`. Cellerna: `x`, `1` "
    "eller `Ja` = närvarande; tomt, `0` eller `Nej` = frånvarande; `-` = inte medlem (ingen rad). En rubrik "
    "med ett tal på slutet, t.ex. `Region Jönköpings län 2`, är organisationens plats 2. En kolumn `Summa` "
    "och en rad `Summa` kontrolleras mot antalet markeringar. Båda formaten ger samma städade tabell."
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def kind_markdown(kind: InputKind) -> str:
    """Return the Markdown of one input kind: file names, sheets, columns and tidy tables."""
    files = f"`{kind.file_prefix}*.xlsx`" + (" (flera filer läggs ihop)" if kind.many_files else "")
    lines = [
        f"### {kind.title}",
        "",
        kind.description,
        "",
        f"Filnamn: {files}." + (" Valfri." if kind.optional else ""),
    ]
    if kind.kind == "narvaro":
        lines += ["", MATRIX_TEXT]
    for sheet in kind.sheets:
        optional = " (valfritt blad)" if not sheet.required else ""
        lines += ["", f"**Bladet {sheet.name}**{optional}: {sheet.description}", ""]
        lines += ["| rubrik | krävs | betydelse | exempel | accepteras också |", "|---|---|---|---|---|"]
        for col in sheet.columns:
            example = "" if col.example is None else f"`{col.example}`"
            synonyms = ", ".join(col.synonyms)
            lines.append(
                f"| {_cell(col.header)} | {'ja' if col.required else 'nej'} | {_cell(col.description)} | {example} | {_cell(synonyms)} |"
            )
    for table in KIND_TABLES.get(kind.kind, []):
        lines += [
            "",
            f"Städad tabell `{table}` (`data/processed/{table}.parquet`):",
            "",
            schema_markdown(TIDY_SCHEMAS[table]),
        ]
    return "\n".join(lines)


def input_docs_markdown() -> str:
    """Return the README section on input files: conventions, then every kind with its columns."""
    intro = [
        "## Indata",
        "",
        "Genererat från modellerna i `kuanalys/schemas.py` (kolumnerna) och `kuanalys/spec.py` (arbetsböcker och blad) "
        "med `python -m kuanalys.docs --write`; redigera inte för hand.",
        "",
        "Lägg arbetsböckerna i `data/raw/`. Filens typ avgörs av början på filnamnet (stora/små bokstäver "
        "och å/ä/ö spelar ingen roll); Excels låsfiler `~$*.xlsx` hoppas över. `kuanalys template TYP FIL.xlsx` "
        "skriver en tom mall med instruktioner och rullgardinslistor.",
        "",
        "- Rubrikraden får ha titelrader ovanför sig. Rubriker jämförs utan hänsyn till stora/små bokstäver, "
        "mellanslag och skiljetecken, och synonymerna i tabellerna godtas.",
        "- Tal skrivs som i Excel eller som svensk text: `1 563 970`, `1 563 970 kr`, `−124`, `0,7`, `79 %`. "
        "Belopp är hela kronor.",
        "- Datum: Excel-datum, `2019-05-14`, `14/5 2019`, `14.5.2019`, `14 maj 2019` eller `20190514`.",
        "- Ja/Nej: `x`, `1`, `Ja` eller `J` är ja; tomt, `0`, `Nej` eller `N` är nej.",
        "- Rader där första textcellen är `Summa` eller `Totalt` är bladets egna summor: de kontrolleras mot "
        "raderna ovanför och räknas aldrig in i data.",
        "- Kolumner med namn, e-post eller telefon läses aldrig in. Okända kolumner ger en varning.",
        "- Gränserna för filstorlek och antal rader per blad står i `kuanalys/config.py` och kan ändras med "
        "miljövariabler (`KUANALYS_MAX_ROWS` med flera).",
    ]
    parts = ["\n".join(intro)] + [kind_markdown(k) for k in INPUT_KINDS.values()]
    return "\n\n".join(parts) + "\n"


def readme_section(readme_text: str) -> str | None:
    """Return the text between the indata markers of a README, or None if they are missing."""
    if START_MARKER not in readme_text or END_MARKER not in readme_text:
        return None
    return readme_text.split(START_MARKER, 1)[1].split(END_MARKER, 1)[0].strip("\n") + "\n"


def replace_section(readme_text: str, section: str) -> str:
    """Return the README text with the indata section replaced by `section`."""
    head, rest = readme_text.split(START_MARKER, 1)
    _, tail = rest.split(END_MARKER, 1)
    return f"{head}{START_MARKER}\n{section.rstrip()}\n{END_MARKER}{tail}"


def main(argv: list[str] | None = None) -> int:
    """Print the input docs, or with --write update README.md in place."""
    argv = sys.argv[1:] if argv is None else argv
    text = input_docs_markdown()
    if "--write" in argv:
        readme = config.PROJ_ROOT / "README.md"
        Path(readme).write_text(replace_section(readme.read_text(encoding="utf-8"), text), encoding="utf-8")
        print(f"Uppdaterade {readme}")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
