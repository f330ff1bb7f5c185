"""The report as an editable Word draft: `tertialrapport-<år>-T<n>.docx` (python-docx).

Rendered from the `Report` alone (the same tables as tabeller.xlsx):

* a cover (title, period, organisation, Dnr, author, date), a table-of-contents field that
  Word fills in when the document is opened, page numbers in the footer;
* markdown headings as Word's Heading 1/2/3 (so the chief's own TOC, numbering and styles work);
* every table as a real Word table with Swedish numbers, a header row repeated on each page
  and a numbered caption above ("Tabell 1 Resultaträkning", a SEQ field Word renumbers);
* every chart as a PNG at print resolution with alt text and a caption ("Diagram 1 …");
  without a browser for the export, the chart's data table and a note instead;
* analysts' texts in place, and a marked empty paragraph where one is still to be written;
* Bilagor: one or two plain sentences on the report's making (the input files' sha256 are in the
  HTML's footer and in underlag-kontrollsummor.csv, not here).

Styles come from a reference document: the neutral default shipped in `kuanalys/assets/`, or
the organisation's own `.docx` (its fonts, colours, logo in the header) named in the settings.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from kuanalys.atomic import write_atomic
from kuanalys.report import formats as fm
from kuanalys.report.model import (
    DRAFT_MARK,
    Chart,
    Comments,
    Cover,
    Heading,
    KeyFigures,
    Note,
    Paragraph,
    Report,
    Table,
    missing_mark,
)
from kuanalys.report.suppression import is_suppressed

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "assets" / "rapportmall.docx"
MISSING_STYLE = "Text saknas"
TOC_PLACEHOLDER = "Innehållsförteckningen fylls i när dokumentet öppnas i Word (eller: högerklicka, Uppdatera fält)."


@dataclass
class WordResult:
    path: Path
    tables: int
    charts: int
    charts_missing: str | None  # why the charts are data tables instead of images (None: drawn)
    missing_texts: int


def docx_name(short_label: str, annual: bool = False) -> str:
    """'tertialrapport-2019-T2.docx', or for a whole year 'verksamhetsberattelse-2024.docx' (as the HTML)."""
    return f"{'verksamhetsberattelse' if annual else 'tertialrapport'}-{short_label}.docx"


# --- low-level OOXML helpers (python-docx has no API for fields or repeated header rows) ------
def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _el(tag: str, **attrs: str):
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(_qn(key), value)
    return element


def add_field(paragraph, instruction: str, shown: str = "") -> None:
    """Append a Word field (PAGE, TOC, SEQ …) with `shown` as its current result."""
    run = paragraph.add_run()
    run.element.append(_el("w:fldChar", **{"w:fldCharType": "begin", "w:dirty": "true"}))
    instr = _el("w:instrText", **{"xml:space": "preserve"})
    instr.text = f" {instruction} "
    paragraph.add_run().element.append(instr)
    paragraph.add_run().element.append(_el("w:fldChar", **{"w:fldCharType": "separate"}))
    paragraph.add_run(shown)
    paragraph.add_run().element.append(_el("w:fldChar", **{"w:fldCharType": "end"}))


def _row_properties(row):
    """Return the row's <w:trPr>, reached from a run in its first cell (python-docx's rows have
    no public element): run → paragraph → cell → row."""
    paragraph = row.cells[0].paragraphs[0]
    run = paragraph.runs[0] if paragraph.runs else paragraph.add_run()
    return run.element.getparent().getparent().getparent().get_or_add_trPr()


def _keep_row_together(row) -> None:
    _row_properties(row).append(_el("w:cantSplit", **{"w:val": "true"}))


def _repeat_header(row) -> None:
    """Keep the row on one page and repeat it at the top of every page its table spans (in the
    schema's order: cantSplit before tblHeader)."""
    _keep_row_together(row)
    _row_properties(row).append(_el("w:tblHeader", **{"w:val": "true"}))


def _keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


# --- the document ------------------------------------------------------------------------------
def _start(template: Path | None):
    """Open the reference document and empty its body (its styles, headers, footers stay)."""
    import docx

    document = docx.Document(str(template or DEFAULT_TEMPLATE))
    body = document.element.body
    for child in list(body):
        if child.tag != _qn("w:sectPr"):
            body.remove(child)
    _ensure_styles(document)
    return document


def _ensure_styles(document) -> None:
    """Add the styles the writer uses where a reference document lacks them."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    names = {s.name for s in document.styles}
    if MISSING_STYLE not in names:
        style = document.styles.add_style(MISSING_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.italic = True
        style.font.color.rgb = RGBColor(0x9C, 0x00, 0x06)
        style.font.highlight_color = 7  # yellow
        style.paragraph_format.space_after = Pt(8)
    for name in ("Caption", "Title", "Subtitle", "List Bullet", "List Number", "Table Grid", "Quote"):
        if name not in names:
            kind = WD_STYLE_TYPE.TABLE if name == "Table Grid" else WD_STYLE_TYPE.PARAGRAPH
            document.styles.add_style(name, kind)


def _footer_page_numbers(document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in document.sections:
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.add_paragraph() if footer.paragraphs[0].text.strip() else footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("Sida ")
        add_field(paragraph, "PAGE", "1")
        paragraph.add_run(" av ")
        add_field(paragraph, "NUMPAGES", "1")


LANGUAGE = "sv-SE"


def _swedish(document) -> None:
    """Mark the document's defaults, every style and every run as Swedish (sv-SE), so Word and
    LibreOffice check the spelling in Swedish instead of marking every word as misspelt."""
    from docx.oxml.ns import qn

    after = {qn(t) for t in ("w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")}

    def mark(r_pr) -> None:
        for old in r_pr.findall(qn("w:lang")):
            r_pr.remove(old)
        lang = _el("w:lang", **{"w:val": LANGUAGE, "w:eastAsia": LANGUAGE, "w:bidi": "ar-SA"})
        later = next((child for child in r_pr if child.tag in after), None)  # the schema's order
        if later is None:
            r_pr.append(lang)
        else:
            later.addprevious(lang)

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _el("w:docDefaults")
        styles.insert(0, defaults)
    r_default = defaults.find(qn("w:rPrDefault"))
    if r_default is None:
        r_default = _el("w:rPrDefault")
        defaults.insert(0, r_default)
    mark(r_default.get_or_add_rPr() if hasattr(r_default, "get_or_add_rPr") else _child(r_default, "w:rPr"))
    for style in styles.findall(qn("w:style")):
        mark(style.get_or_add_rPr())
    for run in document.element.body.iter(qn("w:r")):
        mark(run.get_or_add_rPr())


def _child(parent, tag: str):
    """Return `parent`'s first `tag` child, added when there is none."""
    from docx.oxml.ns import qn

    found = parent.find(qn(tag))
    if found is None:
        found = _el(tag)
        parent.append(found)
    return found


def _core_properties(document, cover: Cover, now: datetime) -> None:
    """Set the file's properties from the settings: author (a role or name, never python-docx), title,
    subject, language, created and modified now."""
    props = document.core_properties
    props.author = cover.author or cover.organisation
    props.last_modified_by = cover.author or cover.organisation
    props.title = f"{cover.title} {cover.period}".strip()
    props.subject = f"{cover.organisation}: uppföljning av verksamhetsplanens strategiska mål"
    props.language = LANGUAGE
    props.created = now
    props.modified = now
    props.revision = 1


def _toc(document, headings: list[Heading]) -> None:
    """Add the contents as a TOC field whose current result already lists the headings (levels 1–3),
    so it shows wherever the document is opened (LibreOffice's PDF too); Word updates it, page
    numbers included, when the document is opened."""
    from docx.shared import Cm

    entries = [h for h in headings if h.level <= 3] or [Heading(1, TOC_PLACEHOLDER)]
    paragraphs = []
    for h in entries:
        style = f"TOC {h.level}" if _has(document, f"TOC {h.level}") else None
        p = document.add_paragraph(style=style)
        if style is None:
            p.paragraph_format.left_indent = Cm(0.6 * (h.level - 1))
        paragraphs.append(p)
    first, last = paragraphs[0], paragraphs[-1]
    first.add_run().element.append(_el("w:fldChar", **{"w:fldCharType": "begin", "w:dirty": "true"}))
    instr = _el("w:instrText", **{"xml:space": "preserve"})
    instr.text = ' TOC \\o "1-3" \\h \\z \\u '
    first.add_run().element.append(instr)
    first.add_run().element.append(_el("w:fldChar", **{"w:fldCharType": "separate"}))
    for p, h in zip(paragraphs, entries):
        p.add_run(h.text)
    last.add_run().element.append(_el("w:fldChar", **{"w:fldCharType": "end"}))


def _update_fields_on_open(document) -> None:
    settings = document.settings.element
    for old in settings.findall(_qn("w:updateFields")):
        settings.remove(old)
    settings.append(_el("w:updateFields", **{"w:val": "true"}))


def _cover(document, cover: Cover, day: date, headings: list[Heading] | None = None) -> None:
    from babel.dates import format_date
    from docx.enum.text import WD_BREAK, WD_COLOR_INDEX
    from docx.shared import RGBColor

    document.add_paragraph(cover.organisation, style="Subtitle")
    document.add_paragraph(cover.title, style="Title")
    document.add_paragraph(cover.period, style="Subtitle")
    lines = [
        ("Dnr", missing_mark(cover.dnr) if cover.dnr_missing else cover.dnr or "–"),
        ("Författare", cover.author or "–"),
        ("Datum", format_date(day, "d MMMM y", locale="sv_SE")),
    ]
    for label, value in lines:
        p = document.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        run = p.add_run(value)
        if label == "Dnr" and cover.dnr_missing:  # the missing-text mark's look (MISSING_STYLE)
            run.italic, run.font.highlight_color = True, WD_COLOR_INDEX.YELLOW
            run.font.color.rgb = RGBColor(0x9C, 0x00, 0x06)
    for line in (cover.address, cover.copyright):
        if line:
            document.add_paragraph(line)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    # Not a Heading style: the contents must not list itself.
    document.add_paragraph("Innehåll", style="TOC Heading" if _has(document, "TOC Heading") else "Subtitle")
    _toc(document, headings or [])
    if not document.styles["Heading 1"].paragraph_format.page_break_before:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _has(document, style: str) -> bool:
    return any(s.name == style for s in document.styles)


class _Numbers:
    def __init__(self) -> None:
        self.tables = 0
        self.charts = 0


def _number(label: str | None, kind: str, fallback: int) -> int:
    """Return the number of `label` ("Tabell 5" → 5: `Report.numbers`), or `fallback` without one."""
    found = re.fullmatch(rf"{kind} (\d+)", label or "")
    return int(found.group(1)) if found else fallback


def _caption(document, label: str, number: int, title: str, *, above: bool) -> None:
    # Word numbers every table and chart; a title that carries its own number from the HTML
    # ("Tabell 1 Resultaträkning", 003's numbering) keeps only the text, not "Tabell 9 Tabell 1 …".
    title = re.sub(rf"^{label}\s+\d+[.:]?\s+", "", title)
    p = document.add_paragraph(style="Caption")
    p.add_run(f"{label} ")
    add_field(p, f"SEQ {label} \\* ARABIC", str(number))
    p.add_run(f" {title}")
    if above:
        _keep_with_next(p)


def _table(
    document,
    table,
    numbers: _Numbers,
    title: str | None = None,
    label: str | None = None,
    kind: str = "Tabell",
    more_tables: bool = False,
) -> None:
    """A recorded table as a Word table with a numbered caption above it ("Tabell 5": `label`, the
    report's number; a chart's data without its picture keeps the chart's "Diagram 2"); a table too
    wide for a portrait page even in the smallest type gets a landscape page of its own. With
    `more_tables` (a table comes next) a landscape page is left open for it: the tables that directly
    follow a landscape table share its pages, never one small table alone on a portrait page between two
    landscape ones."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    columns = list(table.frame.columns)
    heads = [str(c) for c in columns]
    shown = [
        [".." if is_suppressed(v) else fm.display_value(v, table.cell_kind(c, i)) for c, v in zip(columns, record)]
        for i, record in enumerate(table.frame.itertuples(index=False, name=None))
    ]
    landscape = _in_landscape(document)
    if landscape:
        total = _text_width(document.sections[-1])
    elif table_font_size(shown, heads) is None:
        landscape, total = True, _page_orientation(document, landscape=True)
    else:
        total = TEXT_WIDTH_CM
    numbers.tables += 1
    _caption(document, kind, _number(label, kind, numbers.tables), title or table.title, above=True)
    numeric = [fm.is_numeric_kind(table.kind_of(c)) for c in columns]
    grid = _grid(document, heads, numeric)
    last = len(shown) - 1
    for i, texts in enumerate(shown):
        row = grid.add_row()
        for j, (cell, text) in enumerate(zip(row.cells, texts)):
            run = cell.paragraphs[0].add_run(text)
            if table.total_row and i == last:
                run.bold = True
            if fm.is_numeric_kind(table.cell_kind(columns[j], i)):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _keep_row_together(row)
        # a small table on one page; a longer one keeps its first rows with its header and never
        # leaves its last row alone on a page
        if i < last and (len(shown) <= WHOLE_ON_A_PAGE_ROWS or i < 2 or i == last - 1):
            for cell in row.cells:
                _keep_with_next(cell.paragraphs[0])
    points = (landscape and one_page_font_size(shown, heads, total)) or table_font_size(shown, heads, total)
    points = points or TABLE_FONT_SIZES[-1]
    _size(grid, column_widths(shown, heads, total, points=points), points)
    if table.note:  # the note on the same page as the table's last rows, never alone on the next
        for cell in grid.rows[-1].cells:
            _keep_with_next(cell.paragraphs[0])
        note = document.add_paragraph(table.note)
        note.paragraph_format.keep_together = True
        note.runs[0].italic = True
        note.runs[0].font.size = Pt(8)
    else:
        document.add_paragraph()
    if landscape and not more_tables:
        _page_orientation(document, landscape=False)


def _grid(document, heads: list[str], numeric: list[bool]):
    """Return a new Word table with its bold header row, repeated on every page it spans."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    grid = document.add_table(rows=1, cols=len(heads))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    for cell, head, is_number in zip(header.cells, heads, numeric):
        _unbroken_run(cell.paragraphs[0], head).bold = True
        _keep_with_next(cell.paragraphs[0])
        if is_number:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header(header)
    return grid


def _unbroken_run(paragraph, text: str):
    """Add `text` as a run whose hyphens inside a date or number ("2019-08-31") are Word's
    non-breaking hyphens, so that a column heading never breaks as "2019-08-⏎31"; return the run."""
    run = paragraph.add_run()
    for i, part in enumerate(re.split(r"(?<=\d)-(?=\d)", text)):
        if i:
            run.element.append(_el("w:noBreakHyphen"))
        if part:
            t = _el("w:t", **{"xml:space": "preserve"})
            t.text = part
            run.element.append(t)
    return run


def _size(grid, widths: list[float], points: float) -> None:
    """Set the column widths (cm) and the font size of every cell."""
    from docx.shared import Cm, Pt

    grid.autofit = False
    for column, width in zip(grid.columns, widths):
        column.width = Cm(width)  # the grid (LibreOffice reads it) as well as each cell (Word)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(points)


def _trailing_headings(document) -> list:
    """Return the headings (paragraphs in a Heading style) that end the document so far, taken out of
    it, in order: a heading is never left alone at the foot of the page before a section break."""
    from docx.text.paragraph import Paragraph

    body = document.element.body
    out = []
    for element in reversed(list(body.iterchildren())):
        if element.tag == _qn("w:sectPr"):
            continue
        style = Paragraph(element, document).style if element.tag == _qn("w:p") else None
        if style is None or not style.name.startswith("Heading") or element.find(f".//{_qn('w:sectPr')}") is not None:
            break
        out.append(element)
    for element in out:
        body.remove(element)
    return out[::-1]


def _page_orientation(document, landscape: bool) -> float:
    """Start a new section (new page) in landscape or portrait, with the margins, header and
    footer of the one before, and the headings that ended the one before (`_trailing_headings`);
    return its text width in cm."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    headings = _trailing_headings(document)  # they go with what follows: to the new page
    section = document.add_section(WD_SECTION.NEW_PAGE)
    for heading in headings:
        document.element.body.sectPr.addprevious(heading)
    short, long = sorted((section.page_width, section.page_height))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    return _text_width(section)


def _text_width(section) -> float:
    """Return the section's text width in cm."""
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def _in_landscape(document) -> bool:
    """Return whether the document's last section (where content goes) is a landscape one."""
    section = document.sections[-1]
    return section.page_width > section.page_height


TEXT_WIDTH_CM = 16.0
# A table of at most this many rows is kept whole on a page, as in the PDF (html.WHOLE_ON_A_PAGE_ROWS):
# never its last row alone on the next page.
WHOLE_ON_A_PAGE_ROWS = 20


TABLE_FONT_SIZES = (9, 8, 7, 6.5)  # points, tried in turn until every column's longest word fits


CELL_PADDING_CM = 0.45  # Word's default cell margins (2 × 0,19 cm) and a little air
BOLD_FACTOR = 1.15  # bold header text is wider than the average character


def _word_width(cells: list[str], head: str, cm_per_char: float) -> float:
    """Return the width (cm) a column needs for its longest word, the bold header's included."""
    return max(fm.longest_word(cells), fm.longest_word([head]) * BOLD_FACTOR) * cm_per_char + CELL_PADDING_CM


def _floors(rows: list[list[str]], header: list[str], points: float) -> list[float]:
    cm_per_char = 0.19 * points / 9  # sans-serif
    return [_word_width([r[j] for r in rows if j < len(r)], head, cm_per_char) for j, head in enumerate(header)]


def _mean_lengths(rows: list[list[str]], header: list[str]) -> list[float]:
    return [sum(len(r[j]) for r in rows if j < len(r)) / max(len(rows), 1) for j in range(len(header))]


# The height (cm) a table has on a landscape page: A4's width less the margins (2,5 and 2,2 cm), the
# footer, the caption and the note.
LANDSCAPE_TABLE_HEIGHT_CM = 14.0
LINE_HEIGHT = 1.2  # a line of a cell, in units of its font size
WRAP_CM_PER_CHAR = 0.17  # an average character at 9 pt (the floors count the widest: 0,19)


def table_height(rows: list[list[str]], header: list[str], total: float, points: float) -> float:
    """Return the estimated height (cm) of the table at `points` in the width `total`: each row as
    many lines as its cell that wraps most (the header row's included)."""
    cm_per_char = WRAP_CM_PER_CHAR * points / 9
    widths = column_widths(rows, header, total, points=points)

    def lines(text: str, width: float) -> int:
        return max(1, -(-len(text) * cm_per_char // max(width - CELL_PADDING_CM, 0.1)))

    line = points * LINE_HEIGHT / 28.35
    return sum(max(lines(t, w) for t, w in zip(r, widths)) * line for r in [header, *rows])


def one_page_font_size(rows: list[list[str]], header: list[str], total: float) -> float | None:
    """Return the largest font size at which the table fits its width and one landscape page, None if
    none does: never a landscape page that holds only the last rows of a table."""
    fitting = [p for p in TABLE_FONT_SIZES if sum(_floors(rows, header, p)) <= total]
    return next((p for p in fitting if table_height(rows, header, total, p) <= LANDSCAPE_TABLE_HEIGHT_CM), None)


# A table with a column of running text (cells of this many characters on average, such as the
# mätetal table's Beskrivning av resultat) is set in at most RUNNING_TEXT_POINTS: the narrow
# columns' floors shrink with the type, and the text column gets what they leave.
RUNNING_TEXT_CHARS = 100
RUNNING_TEXT_POINTS = 8


def table_font_size(rows: list[list[str]], header: list[str], total: float = TEXT_WIDTH_CM) -> float | None:
    """Return the largest font size at which each column's longest word (e.g. `43 743 000 kr`)
    fits the width `total`, so that numbers are never broken inside; None if none does. A table
    with a column of running text gets at most 8 pt, so that the text column gets more room."""
    fitting = [p for p in TABLE_FONT_SIZES if sum(_floors(rows, header, p)) <= total]
    if not fitting:
        return None
    if max(_mean_lengths(rows, header), default=0) >= RUNNING_TEXT_CHARS:
        return next((p for p in fitting if p <= RUNNING_TEXT_POINTS), fitting[-1])
    return fitting[0]


def column_widths(
    rows: list[list[str]], header: list[str], total: float = TEXT_WIDTH_CM, points: float = 9
) -> list[float]:
    """Return column widths (cm) at a font size of `points`: in proportion to the average length
    of each column's cells, with a floor of the room for its longest word (a number with its
    unit, which never breaks, counts as one word)."""
    return fm.content_widths(_mean_lengths(rows, header), _floors(rows, header, points), total)


def _chart(document, item: Chart, numbers: _Numbers, missing: str | None, label: str | None = None):
    """Add a chart's place (a paragraph for its picture) and caption, and return (run, title);
    with `missing`, a note and the chart's data table instead, and return None."""
    title = re.sub(r"[ \t\n]+", " ", item.title).strip()  # line breaks out, no-break spaces kept
    table = item.data
    if missing is None:
        numbers.charts += 1
        picture = document.add_paragraph()
        _keep_with_next(picture)
        run = picture.add_run()
        _caption(document, "Diagram", _number(label, "Diagram", numbers.charts), title, above=False)
        if item.key:  # the full text of the labels the picture shortens (Word has no data table)
            from docx.shared import Pt

            key = document.add_paragraph()
            for i, line in enumerate(item.key.split("\n")):  # a question a line
                run = key.add_run(line)
                run.italic, run.font.size = True, Pt(8)
                if i < item.key.count("\n"):
                    run.add_break()
        return run, title
    note = document.add_paragraph(style=MISSING_STYLE)
    note.add_run(f"[Diagrammet ”{title}” saknas: {missing}. Dess data visas i tabellen nedan.]")
    if table is not None:
        _table(document, table, numbers, title, label, kind="Diagram")
    return None


def _picture(run, image: Path, title: str) -> None:
    """Put the chart image into its run, 16 cm wide, with the title as alt text."""
    from docx.shared import Cm

    run.add_picture(str(image), width=Cm(16))
    doc_pr = run.element.xpath(".//wp:docPr")[-1]
    doc_pr.set("descr", f"Diagram: {title}. Diagrammets data finns i tabellfilen i samma mapp.")
    doc_pr.set("title", title)


def _bilagor(document, provenance, has_bilagor: bool, has_charts: bool = True) -> None:
    """The provenance in plain Swedish: when the report was made and that the figures are kept
    beside it (the input files' checksums are in the HTML's footer and a file of their own)."""
    document.add_paragraph(
        "Om rapportens underlag" if has_bilagor else "Bilagor", style=f"Heading {2 if has_bilagor else 1}"
    )
    from kuanalys.report.render.html import generated_text

    document.add_paragraph(
        f"Rapporten för {provenance.period_label} togs fram {generated_text(provenance)} ur verksamhetens "
        f"egna underlag. Alla tabeller{' och diagrammens data' if has_charts else ''} finns också som tal i en "
        "tabellfil i samma mapp som detta dokument."
    )


def write_word(path: Path, report: Report, provenance=None, images=None) -> WordResult:
    """Write the Word draft of the report to `path` (atomically) and return what it holds.

    `images`: a `chart_images.ImageExport` started ahead for the report's figures (None, or
    started for other figures: one is started here).
    """
    from kuanalys.report.render.chart_images import NO_BROWSER_HINT, start_chart_images

    items = [item for chapter in report.chapters for item in chapter.items]
    template = report.cover.template
    with tempfile.TemporaryDirectory(prefix="kuanalys-diagram-") as tmp:
        specs = [c.spec for c in report.charts()]
        own = images is None or images.specs != specs  # not started ahead, or for other figures
        if own:
            if images is not None:
                images.stop()
            images = start_chart_images(specs, Path(tmp))
        try:
            # The document is built while the images are made; each chart's picture goes into its
            # place at the end. Without images it is built again with the charts' data tables.
            labels = report.numbers()
            document, numbers, places = _document(items, report.cover, template, provenance, images.reason, labels)
            why = images.finish()
            if why and not images.reason:
                document, numbers, places = _document(items, report.cover, template, provenance, why, labels)
            for (run, title), image in zip(places, images.paths):
                _picture(run, image, title)
        finally:
            if own:
                images.stop()
        write_atomic(path, document.save)
    missing_texts = sum(_is_missing_text(i) for i in items)
    missing = None
    if why:
        missing = NO_BROWSER_HINT if why == "ingen webbläsare hittades" else f"Orsak: {why}."
    return WordResult(Path(path), numbers.tables, numbers.charts, missing, missing_texts)


def _is_missing_text(item) -> bool:
    return (isinstance(item, Paragraph) and item.missing is not None) or (
        isinstance(item, Comments) and not any(str(t).strip() for t in item.texts)
    )


def _document(items: list, cover: Cover, template: str | None, provenance, missing: str | None, labels: dict[int, str]):
    """Return the document of `items` (not saved), its numbering, and each chart's place: the
    (run, title) its picture goes into. With `missing` (why there are no images) each chart is
    a note and its data table instead, and there are no places. `labels`: the report's numbers of
    its tables and charts (`Report.numbers`), the same as the HTML's and the PDF's."""
    document = _start(Path(template) if template else None)
    _update_fields_on_open(document)
    _footer_page_numbers(document)
    _core_properties(document, cover, datetime.now(UTC).replace(microsecond=0))
    headings = [i for i in items if isinstance(i, Heading) and i.level == 1]
    has_bilagor = bool(headings) and headings[-1].text.strip().lower().lstrip("0123456789. ").startswith("bilag")
    contents = [i for i in items if isinstance(i, Heading)]
    if provenance is not None:  # the contents list the provenance's heading too
        contents += [Heading(2, "Om rapportens underlag") if has_bilagor else Heading(1, "Bilagor")]
    _cover(document, cover, date.today(), contents)
    numbers = _Numbers()
    places = []
    for i, item in enumerate(items):
        closing = _closing_text(items, i)
        more = closing or (i + 1 < len(items) and isinstance(items[i + 1], (Table, KeyFigures)))
        if _in_landscape(document) and not isinstance(item, (Table, KeyFigures)) and not _closing_text(items, i - 1):
            _page_orientation(document, landscape=False)  # the landscape pages end where the tables do
        if isinstance(item, Chart):
            places.append(_chart(document, item, numbers, missing, labels.get(id(item))))
        elif isinstance(item, Table):
            _table(document, item, numbers, label=labels.get(id(item)), more_tables=more)
        elif isinstance(item, KeyFigures):
            _table(document, item.as_table(), numbers, label=labels.get(id(item)), more_tables=more)
        else:
            _add_item(document, item)
    if _in_landscape(document):
        _page_orientation(document, landscape=False)
    if provenance is not None:
        _bilagor(document, provenance, has_bilagor, any(isinstance(i, Chart) for i in items))
    _swedish(document)
    return document, numbers, [p for p in places if p is not None]


# A landscape table's chapter may end with this many items of text (headings, paragraphs, comments) on its
# landscape page, rather than alone on a portrait page before the next chapter.
CLOSING_TEXT_ITEMS = 4


def _closing_text(items: list, i: int) -> bool:
    """Return whether the items after `items[i]` up to the next chapter (a level-1 heading) are a little
    text and nothing else (`CLOSING_TEXT_ITEMS`)."""
    rest = []
    for item in items[i + 1 :]:
        if isinstance(item, Heading) and item.level == 1:
            break
        rest.append(item)
    return 0 < len(rest) <= CLOSING_TEXT_ITEMS and not any(isinstance(x, (Table, KeyFigures, Chart)) for x in rest)


def _text(document, text: str, style: str | None = None) -> None:
    """Add a text: a paragraph per blank-line-separated part; python-docx makes each single
    line break a line break (<w:br/>)."""
    for part in [p.strip() for p in re.split(r"\n\s*\n", str(text)) if p.strip()]:
        document.add_paragraph(part, style=style)


def _add_item(document, item) -> None:
    """Add a heading, paragraph, comments, note or goal summary (not tables and charts)."""
    if hasattr(item, "parts"):  # a composite item (GoalSummary): its parts in order
        for part in item.parts():
            _add_item(document, part)
    elif isinstance(item, Heading):
        document.add_paragraph(item.text, style=f"Heading {item.level}")
    elif isinstance(item, Paragraph) and item.note:
        for run in document.add_paragraph(item.text).runs:
            run.italic = True
    elif isinstance(item, Paragraph) and item.draft:  # the mark highlighted, then the sentence
        from docx.enum.text import WD_COLOR_INDEX

        paragraph = document.add_paragraph()
        mark = paragraph.add_run(DRAFT_MARK)
        mark.bold, mark.font.highlight_color = True, WD_COLOR_INDEX.YELLOW
        paragraph.add_run(f" {item.text.strip()}")
    elif isinstance(item, Paragraph) and item.missing is not None:
        document.add_paragraph(missing_mark(item.missing), style=MISSING_STYLE)
    elif isinstance(item, Paragraph):
        _text(document, item.text)
    elif isinstance(item, Comments):
        texts = [t for t in item.texts if str(t).strip()]
        if not texts:
            document.add_paragraph(missing_mark(item.title or "Analys"), style=MISSING_STYLE)
            return
        document.add_paragraph(item.title or "Analys", style="Heading 4" if _has(document, "Heading 4") else None)
        for text in texts:
            _text(document, text)
    elif isinstance(item, Note) and item.error:
        document.add_paragraph(f"[Avsnittet kunde inte tas fram helt: {item.text}]", style=MISSING_STYLE)
    elif isinstance(item, Note):
        document.add_paragraph(item.text).runs[0].italic = True


def make_default_template(path: Path) -> Path:
    """Write the neutral reference document shipped as `assets/rapportmall.docx`.

    python-docx's own default (A4 margins, Heading 1–4, Caption, Table Grid …) with a plain
    sans-serif font and dark headings; organisations replace it with their own .docx.
    """
    import docx
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    styles = document.styles
    styles["Normal"].font.name = "Liberation Sans"
    styles["Normal"].font.size = Pt(10.5)
    for level, size in ((1, 18), (2, 14), (3, 12), (4, 11)):
        style = styles[f"Heading {level}"]
        style.font.name = "Liberation Sans"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        style.paragraph_format.keep_with_next = True
        if level == 1:
            style.paragraph_format.page_break_before = True
    styles["Caption"].font.size = Pt(9)
    styles["Caption"].font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    styles["Title"].font.name = "Liberation Sans"
    document.element.body.clear_content()
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def template_problem(path: Path) -> str | None:
    """Why the organisation's reference document cannot be used (None: it can)."""
    if not Path(path).is_file():
        return "finns inte"
    try:
        import docx

        docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        kind = (
            "är en Word-mall (.dotx); spara den som .docx"
            if "wordprocessingml.template" in str(exc)
            else "kunde inte läsas som .docx"
        )
        return kind
    return None


def write_report_word(out_dir: Path, report: Report, period, provenance, images=None) -> list[str]:
    """Write the report's Word draft into `out_dir` (beside the HTML); return lines to tell the user.

    `images` is the chart-image export started ahead (`chart_images.start_chart_images`), if any.
    """
    from dataclasses import replace

    from kuanalys.periods import Year

    messages: list[str] = []
    template = report.cover.template
    if template is not None:
        problem = template_problem(Path(template))
        if problem:
            messages.append(f"Varning: Wordmallen {template} {problem}; standardmallen används.")
            report = replace(report, cover=replace(report.cover, template=None))
    result = write_word(
        Path(out_dir) / docx_name(period.short_label(), isinstance(period, Year)), report, provenance, images
    )
    if result.charts_missing:
        messages.append(
            f"Obs: Word-dokumentet har diagrammens data som tabeller i stället för bilder. {result.charts_missing}"
        )
    if result.missing_texts:
        n = result.missing_texts
        messages.append(
            f"Word-dokumentet har {n} {'text' if n == 1 else 'texter'} kvar att skriva (märkta ”Text saknas”)."
        )
    return messages
