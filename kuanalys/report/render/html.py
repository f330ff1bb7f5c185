"""The report as HTML, from the `Report` alone: one page per chapter and the combined report.

Every item has its HTML (`item_html`, also what a notebook shows in JupyterLab): escaped tables
(one Jinja template), chart containers with the figure as JSON for the page's plotly.js,
key-figure cards, comments. `write_site` writes the pages in the page shell (templates/page.html.j2)
with the CSS, the contents and the provenance footer. The combined report is self-contained
(plotly.js inline, once): it opens offline on its own, e.g. as a mail attachment. The chapter
pages share one copy of plotly.js in the folder (a relative link), so the folder stays small.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from pathlib import Path

from kuanalys.periods import Year
from kuanalys.report import formats as fm
from kuanalys.report.model import (
    DRAFT_MARK,
    Chapter,
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
from kuanalys.report.provenance import Provenance
from kuanalys.report.suppression import SUPPRESSED, is_suppressed


def esc(value: object) -> str:
    """HTML-escape any value (quotes too)."""
    return html.escape(str(value), quote=True)


TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"


@functools.cache
def _table_template():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True)
    return env.get_template("table.html.j2")


_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def unbroken_dates(text: object):
    """Return `text` escaped, each date ("2024-12-31") in a span that never breaks at its hyphens
    (report.css `.ku-nobr`): never "2024-12-⏎31" in a caption, a heading, a note or a cell. Every
    text a reader sees goes through here (`esc` is for attributes)."""
    from markupsafe import Markup, escape

    return Markup(_DATE.sub(lambda m: f'<span class="ku-nobr">{m.group(0)}</span>', str(escape(str(text)))))


def unbroken_label(text: object) -> str:
    """Return `text` with each date's hyphens non-breaking (U+2011), for a label drawn by CSS
    (a card's `data-label`), where no span can hold the date together."""
    return _DATE.sub(lambda m: m.group(0).replace("-", "\u2011"), str(text))


def _cell(table: Table, column: str, row: int, value: object, first: bool) -> dict:
    kind = table.cell_kind(column, row)
    numeric = fm.is_numeric_kind(kind)
    text = SUPPRESSED if is_suppressed(value) and numeric else fm.display_value(value, kind)
    tag = "th" if first and not numeric else "td"
    return {
        "tag": tag,
        "cls": "num" if numeric else "txt",
        "text": text,
        "html": unbroken_dates(text),
        "label": unbroken_label(column),
    }


# Tables with this many columns or more read as cards on a phone (each row a card, each cell
# labelled with its header through `data-label`); narrower tables scroll inside their own box.
CARDS_FROM_COLUMNS = 6
# Tables with this many columns or more are set in smaller type (report.css `.ku-wide`), so that
# they fit a laptop's screen and A4's text width.
WIDE_FROM_COLUMNS = 7


# A phone's room for a table (390 px less the page's padding, in characters of the table's type, about
# 7,3 px each, measured at 390 px) and each column's padding in characters: a table whose longest words need more reads
# as cards on a phone too, rather than running off the screen.
PHONE_TABLE_CHARS = 50
CELL_PADDING_CHARS = 1.5


def fits_a_phone(rows: list[list[str]], header: list[str]) -> bool:
    """Return whether the table fits a phone's width with each column as wide as its longest word
    (a header's counted a little wider: it is bold); words never break inside."""
    need = sum(
        max(fm.longest_word([r[j] for r in rows]), fm.longest_word([h]) * 1.1) + CELL_PADDING_CHARS
        for j, h in enumerate(header)
    )
    return need <= PHONE_TABLE_CHARS


# A table whose widest column holds running text (cells of this many characters on average) gets
# fixed column widths from its content (`column_percents`), so that the text gets the room.
RUNNING_TEXT_CHARS = 60
# The nominal width of a table in characters, for a floor (longest word) as a share of the width.
TABLE_WIDTH_CHARS = 100


def column_percents(rows: list[list[str]], header: list[str]) -> list[float] | None:
    """Return each column's width in per cent of the table: in proportion to the average length of
    its cells, at least the room for its longest word (the header's included); None for a table
    without a column of running text (the browser's own layout suits it)."""
    lengths = [sum(len(r[j]) for r in rows) / max(len(rows), 1) for j in range(len(header))]
    if not lengths or max(lengths) < RUNNING_TEXT_CHARS:
        return None
    floors = [
        100 * (max(fm.longest_word([r[j] for r in rows]), fm.longest_word([h]) * 1.15) + 2) / TABLE_WIDTH_CHARS
        for j, h in enumerate(header)
    ]
    return fm.content_widths(lengths, floors, 100.0)


# A table of at most this many rows is kept whole on a printed page (report.css `.ku-small`);
# a longer one keeps its caption, header and first rows together.
WHOLE_ON_A_PAGE_ROWS = 20


def table_html(table: Table, *, caption: bool = True, number: str | None = None) -> str:
    """Return the table as escaped HTML with Swedish number formatting (template table.html.j2),
    its caption "Tabell 5 Titel" with the report's `number`."""
    columns = [c for c in table.frame.columns if c != table.group_by]
    groups = table.frame[table.group_by].tolist() if table.group_by else None
    rows = []
    for i, record in enumerate(table.frame[columns].itertuples(index=False, name=None)):
        new_group = groups is not None and (i == 0 or groups[i] != groups[i - 1])
        rows.append(
            {
                "group": unbroken_dates(fm.display_value(groups[i])) if new_group else None,
                "total": table.total_row and i == len(table.frame) - 1,
                "cells": [_cell(table, c, i, v, j == 0) for j, (c, v) in enumerate(zip(columns, record))],
            }
        )
    texts = [[c["text"] for c in r["cells"]] for r in rows]
    widths = column_percents(texts, [str(c) for c in columns])
    return _table_template().render(
        name=table.name,
        widths=widths,
        caption=unbroken_dates(table.title) if caption else None,
        label=table.title,
        number=number if caption else None,
        columns=[
            {"text": unbroken_dates(c), "cls": "num" if fm.is_numeric_kind(table.kind_of(c)) else "txt"}
            for c in columns
        ],
        rows=rows,
        note=unbroken_dates(table.note) if table.note else None,
        cards=len(columns) >= CARDS_FROM_COLUMNS or not fits_a_phone(texts, [str(c) for c in columns]),
        small=len(table.frame) <= WHOLE_ON_A_PAGE_ROWS,
        wide=len(columns) >= WIDE_FROM_COLUMNS,
    )


def _script_json(text: str) -> str:
    """Make JSON safe inside a <script> element (no '</script>', no '<!--')."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# The tallest chart that prints whole on an A4 page under its caption (263 mm of text height, 96 px an inch).
PRINT_HEIGHT_PX = 880


def chart_html(chart: Chart, number: str | None = None) -> str:
    """Return the chart container (figure JSON for the page's plotly.js) with its number ("Diagram 2")
    as the caption; the title is drawn in the figure. A chart that needs more room than a phone has
    (`layout.meta.min_width`, such as the kommun × nätverk grid) scrolls sideways in its box."""
    spec = chart.spec
    layout = spec.get("layout") or {}
    height = int(layout.get("height") or 450)
    meta = layout.get("meta")
    min_width = int(meta.get("min_width") or 0) if isinstance(meta, dict) else 0
    style = f"min-height:{height}px" + (f";min-width:{min_width}px" if min_width else "")
    caption = f'<figcaption class="ku-caption">{esc(number)}</figcaption>' if number else ""
    # printed, a chart is never split between pages: one taller than a page is set smaller (report.css)
    zoom = f' style="--ku-print-zoom:{PRINT_HEIGHT_PX / height:.3f}"' if height > PRINT_HEIGHT_PX else ""
    return (
        f'<figure class="ku-chart{" ku-scroll" if min_width else ""}" id="diagram-{esc(chart.name)}"{zoom}>{caption}'
        f'<div class="ku-plot-box"><div class="ku-plot" data-ku-chart="{esc(chart.name)}" role="img" '
        f'aria-label="{esc(f"{number} {chart.title}" if number else chart.title)}" style="{style}"></div></div>'
        f'<script type="application/json" class="ku-figure-json">{_script_json(json.dumps(spec))}</script>'
        f"</figure>"
    )


def details_html(table: Table, number: str | None = None, shown_in: str | None = None) -> str:
    """Return the chart's data as a collapsed <details> table ("Diagrammets data som tabell (Diagram 2): …"),
    or, where the chapter shows the same table (`Chapter.chart_data_shown`), a line saying where."""
    if shown_in:
        return f'<p class="ku-note ku-chart-data">Diagrammets tal finns i {esc(shown_in)}.</p>'
    which = f" ({esc(number)})" if number else ""
    return (
        f'<details class="ku-chart-data"><summary>Diagrammets data som tabell{which}'
        f'<span class="ku-summary-title">: {unbroken_dates(table.title)}</span></summary>'
        f"{table_html(table, caption=False)}</details>"
    )


def key_figures_html(figures: KeyFigures, number: str | None = None) -> str:
    """Return the key figures as a row of cards (a description list), with "Tabell N Titel" above
    them when numbered (Word shows them as that table)."""
    cards = "".join(
        f'<div class="ku-kpi"><dt>{unbroken_dates(k.label)}</dt><dd>{esc(fm.display_value(k.value, k.kind))}</dd>'
        + (f'<dd class="ku-kpi-note">{unbroken_dates(k.note)}</dd>' if k.note else "")
        + "</div>"
        for k in figures.items
    )
    caption = f'<p class="ku-caption">{esc(number)} {unbroken_dates(figures.title)}</p>' if number else ""
    label = f"{number} {figures.title}" if number else figures.title
    return (
        f'<section class="ku-kpis" aria-label="{esc(label)}" data-ku-table="{esc(figures.name)}">'
        f"{caption}<dl>{cards}</dl></section>"
    )


def _paragraphs(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{unbroken_dates(line.strip())}</p>" for line in str(text).splitlines() if line.strip())


def comments_html(comments: Comments) -> str:
    """Return the analysts' comments as escaped paragraphs (none: the missing-text mark, as in Word)."""
    texts = [t for t in comments.texts if t and str(t).strip()]
    if not texts:
        return f'<p class="ku-lead"><mark class="ku-missing">{esc(missing_mark(comments.title or "Analys"))}</mark></p>'
    return f'<aside class="ku-analys"><h4>{unbroken_dates(comments.title)}</h4>{"".join(_paragraphs(t) for t in texts)}</aside>'


def cover_html(cover: Cover) -> str:
    """Return the cover block (title and period are hidden on screen: the page header has them)."""
    lines = [
        ("titel", cover.title),
        ("period", cover.period),
        ("organisation", cover.organisation),
        ("dnr", "" if cover.dnr_missing else f"Dnr {cover.dnr}" if cover.dnr else ""),
        ("forfattare", cover.author),
        ("adress", cover.address),
        ("copyright", cover.copyright),
    ]
    body = "".join(f'<p class="ku-cover-{kind}">{esc(text)}</p>' for kind, text in lines if text)
    if cover.dnr_missing:  # the same mark as a missing text, after the organisation
        mark = f'<p class="ku-cover-dnr">Dnr <mark class="ku-missing">{esc(missing_mark(cover.dnr))}</mark></p>'
        at = body.find('<p class="ku-cover-forfattare">')
        body = body[:at] + mark + body[at:] if at >= 0 else body + mark
    return f'<header class="ku-cover">{body}</header>'


# A chart whose data table has at most this many rows is printed on one page with it (report.css
# `.ku-keep`): never the table of Diagram 22 alone at the top of the next page.
KEEP_WITH_CHART_ROWS = 8


def item_html(item, anchor: str | None = None, number: str | None = None, shown_in: str | None = None) -> str:
    """Return one item's HTML (a heading gets the id `anchor`; a table or chart shows its `number`
    in the report, "Tabell 5" or "Diagram 2": `Report.numbers`; a chart whose data the chapter shows
    as a table names it, `shown_in`, instead of its data table)."""
    if hasattr(item, "parts"):  # a composite item (GoalSummary): its parts in order
        return "".join(item_html(part) for part in item.parts())
    if isinstance(item, Heading):
        level = min(max(int(item.level), 1), 3)
        ident = f' id="{esc(anchor)}"' if anchor else ""
        return f'<div class="ku-md"><h{level}{ident}>{unbroken_dates(item.text)}</h{level}></div>'
    if isinstance(item, Paragraph):
        if item.missing is not None:
            return f'<div class="ku-out"><p class="ku-lead"><mark class="ku-missing">{esc(missing_mark(item.missing))}</mark></p></div>'
        if item.draft:
            mark = f'<mark class="ku-draft-mark">{esc(DRAFT_MARK)}</mark> '
            return (
                f'<div class="ku-out"><p class="ku-lead ku-draft">{mark}{unbroken_dates(item.text.strip())}</p></div>'
            )
        if not item.lead:
            return f'<div class="ku-md">{_paragraphs(item.text)}</div>'
        return f'<div class="ku-out">{_paragraphs(item.text, "ku-note" if item.note else "ku-lead")}</div>'
    if isinstance(item, Chart):
        body = chart_html(item, number) + details_html(item.data, number, shown_in)
        if shown_in or len(item.data.frame) <= KEEP_WITH_CHART_ROWS:  # printed on one page with its data
            return f'<div class="ku-out ku-keep">{body}</div>'
    elif isinstance(item, Table):
        body = table_html(item, number=number)
    elif isinstance(item, KeyFigures):
        body = key_figures_html(item, number)
    elif isinstance(item, Comments):
        body = comments_html(item)
    elif isinstance(item, Note) and item.error:
        body = f'<div class="ku-error" role="alert"><strong>Avsnittet kunde inte tas fram helt.</strong> {unbroken_dates(item.text)}</div>'
    elif isinstance(item, Note):
        body = _paragraphs(item.text, "ku-note")
    elif isinstance(item, Cover):
        body = cover_html(item)
    else:
        raise TypeError(f"Kan inte visa {type(item).__name__} i rapporten.")
    return f'<div class="ku-out">{body}</div>' if body else ""


# --- chapters and pages ------------------------------------------------------------------------
def slug(text: str) -> str:
    """Return an ASCII anchor for a heading text ('Närvaro per kommun' → 'narvaro-per-kommun')."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "avsnitt"


def heading_anchors(chapter: Chapter) -> list[tuple[Heading, str]]:
    """Return the chapter's headings with their ids: the first level-1 heading `<anchor>-rubrik`,
    the others `<anchor>-<slug of the text>` (numbered when one repeats)."""
    out, used, first_h1 = [], set(), True
    for item in chapter.items:
        if not isinstance(item, Heading):
            continue
        if item.level == 1 and first_h1:
            anchor, first_h1 = f"{chapter.anchor}-rubrik", False
        else:
            anchor = f"{chapter.anchor}-{slug(item.text)}"
        base, n = anchor, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        out.append((item, anchor))
    return out


def chapter_html(chapter: Chapter, cover: Cover | None = None, numbers: dict[int, str] | None = None) -> str:
    """Return the chapter as an HTML fragment (with `cover`, the cover block first; `numbers`: the
    report's numbering of tables and charts, `Report.numbers`)."""
    anchors = {id(h): a for h, a in heading_anchors(chapter)}
    numbers = numbers or {}
    shown = chapter.chart_data_shown(numbers)
    parts = [item_html(cover)] if cover is not None else []
    if not anchors:  # nothing made it (the notebook could not be run): its key as the title
        parts.append(f'<div class="ku-md"><h1 id="{esc(chapter.anchor)}-rubrik">{esc(chapter.title)}</h1></div>')
    parts += [
        item_html(item, anchors.get(id(item)), numbers.get(id(item)), shown.get(id(item))) for item in chapter.items
    ]
    return "\n".join(p for p in parts if p)


def toc(report: Report, pages: dict[str, int] | None = None) -> list[dict]:
    """Return the combined report's contents: per chapter its title and level-2 sections (href,
    text, children; with `pages`, each entry's page number in the PDF)."""
    pages = pages or {}
    entries = []
    for chapter in report.chapters:
        anchors = heading_anchors(chapter)
        first = anchors[0][1] if anchors else f"{chapter.anchor}-rubrik"
        children = [{"href": f"#{a}", "text": h.text, "page": pages.get(a)} for h, a in anchors[1:] if h.level == 2]
        entries.append({"href": f"#{first}", "text": chapter.title, "page": pages.get(first), "children": children})
    return entries


# The vendored partial plotly.js bundle (bar, scatter) and its Swedish locale (assets/plotly/README.md).
PLOTLY_DIR = Path(__file__).resolve().parents[2] / "assets" / "plotly"
PLOTLY_FILES = ("plotly-basic.min.js", "plotly-locale-sv.js")
# Name of the shared copy the chapter pages load from the report folder.
PLOTLY_SHARED_NAME = "plotly-basic-sv.min.js"


@functools.cache
def plotly_js() -> str:
    """Return the vendored plotly.js partial bundle with the `sv` locale (offline, no CDN)."""
    text = "\n".join((PLOTLY_DIR / name).read_text(encoding="utf-8") for name in PLOTLY_FILES)
    # A literal "</script" inside would end the inline element early (this bundle has none).
    return text.replace("</script", "<\\/script")


@functools.cache
def _env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(["html", "j2"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def size_text(size: int) -> str:
    """'12 kB', '1,5 MB'."""
    from kuanalys.formatting import format_decimal

    if size >= 1024 * 1024:
        return f"{format_decimal(size / 1024 / 1024, 1)}\u00a0MB"
    return f"{format_decimal(max(1, round(size / 1024)))}\u00a0kB"


def generated_text(provenance: Provenance) -> str:
    """'3 september 2019': the day the report was made, written as in Word (cover and Om rapportens
    underlag) and the PDF."""
    from babel.dates import format_date

    return format_date(provenance.generated, "d MMMM y", locale="sv_SE")


def report_heading(period) -> str:
    """'Tertialrapport tertial 2 2019', or for a whole year 'Verksamhetsberättelse 2024'."""
    return f"Verksamhetsberättelse {period.year}" if isinstance(period, Year) else f"Tertialrapport {period.label()}"


def combined_name(period) -> str:
    """'tertialrapport-2019-T2.html', or for a whole year 'verksamhetsberattelse-2024.html'."""
    kind = "verksamhetsberattelse" if isinstance(period, Year) else "tertialrapport"
    return f"{kind}-{period.short_label()}.html"


def render_page(
    chapters: list[tuple[str, str]],
    *,
    page_title: str,
    period,
    nav: list[dict],
    nav_label: str,
    provenance: Provenance,
    plotly_mode: str,
) -> str:
    """Return a complete HTML page of chapter fragments ((anchor, html) pairs).

    `nav`: dicts with `href`, `text` and optional `children` and `page`. `plotly_mode`: "inline"
    (plotly.js inside the page, once), "shared" (the folder's one copy, `PLOTLY_SHARED_NAME`, by a
    relative link) or "none" (a page without charts never gets it)."""
    from markupsafe import Markup

    files = [{"name": f.name, "sha256": f.sha256, "size_text": size_text(f.size)} for f in provenance.files]
    months = period.months_label()
    if months != period.ytd_label():  # tertials 2 and 3: much of the report counts from January
        months += " och året hittills"
    return (
        _env()
        .get_template("page.html.j2")
        .render(
            page_title=page_title,
            heading=report_heading(period),
            period_text=f"{months[:1].upper()}{months[1:]} · uppföljning av verksamhetsplanens strategiska mål",
            sections=[{"anchor": anchor, "html": Markup(body)} for anchor, body in chapters],
            nav=nav,
            nav_label=nav_label,
            provenance={"version": provenance.version, "period_label": provenance.period_label, "files": files},
            generated_text=generated_text(provenance),
            css=Markup((TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")),
            plotly_inline=Markup(plotly_js()) if plotly_mode == "inline" else None,
            plotly_src=PLOTLY_SHARED_NAME if plotly_mode == "shared" else None,
            draw_js=Markup((TEMPLATES_DIR / "draw.js").read_text(encoding="utf-8")),
        )
    )


def combined_page(report: Report, period, provenance: Provenance, pages: dict[str, int] | None = None) -> str:
    """Return the combined report (contents with `pages`' page numbers when given, for the PDF)."""
    numbers = report.numbers()
    return render_page(
        [(c.anchor, chapter_html(c, report.cover if i == 0 else None, numbers)) for i, c in enumerate(report.chapters)],
        page_title=f"{report_heading(period)} – Kommunal utveckling",
        period=period,
        nav=toc(report, pages),
        nav_label="Innehåll",
        provenance=provenance,
        plotly_mode="inline" if report.charts() else "none",
    )


def write_site(out_dir: Path, report: Report, provenance: Provenance, period) -> list[Path]:
    """Write one page per chapter and the combined report; return the paths."""
    out_dir = Path(out_dir)
    written: list[Path] = []
    full = combined_name(period)
    numbers = report.numbers()  # a chapter's page numbers its tables as the whole report does
    for i, chapter in enumerate(report.chapters):
        has_charts = any(isinstance(item, Chart) for item in chapter.items)
        if has_charts and not (out_dir / PLOTLY_SHARED_NAME).exists():
            (out_dir / PLOTLY_SHARED_NAME).write_text(plotly_js(), encoding="utf-8")
            written.append(out_dir / PLOTLY_SHARED_NAME)
        nav = [{"href": full, "text": "Hela rapporten"}] + [
            {"href": f"{c.key}.html", "text": c.title} for c in report.chapters if c is not chapter
        ]
        page = render_page(
            [(chapter.anchor, chapter_html(chapter, report.cover if i == 0 else None, numbers))],
            page_title=f"{chapter.title} – {report_heading(period)}",
            period=period,
            nav=nav,
            nav_label="Andra delar av rapporten",
            provenance=provenance,
            plotly_mode="shared" if has_charts else "none",
        )
        path = out_dir / f"{chapter.key}.html"
        path.write_text(page, encoding="utf-8")
        written.append(path)
    path = out_dir / full
    path.write_text(combined_page(report, period, provenance), encoding="utf-8")
    written.append(path)
    return written
