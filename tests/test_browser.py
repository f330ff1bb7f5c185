"""The report in headless Debian Chromium with the network cut off: every chart draws (an SVG
with data in each plotly div), no request leaves file://, and the console has no errors.

Where /usr/bin/chromium (or Playwright) is missing the tests skip with the reason, unless
KUANALYS_REQUIRE_BROWSER=1 (set in CI), where they fail instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    open_offline_page,  # noqa: E402  (the browser fixture lives in conftest too)
    sample_sections,
)

from kuanalys.report.render.html import PLOTLY_SHARED_NAME

SECTIONS = sample_sections()
COMBINED = "tertialrapport-2019-T2.html"
SCORECARD = 'table[data-ku-table^="mal"][data-ku-table$="_matetal"]'  # one per area: malN_omradeM_matetal

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def report_dir(t2_2019_report) -> Path:
    return t2_2019_report


def _check_charts(page) -> int:
    assert page.get_attribute("html", "data-ku-charts") == "ready"
    result = page.evaluate(
        """() => Array.from(document.querySelectorAll('.ku-plot')).map(div => ({
            name: div.dataset.kuChart,
            svg: div.querySelectorAll('svg.main-svg').length,
            traces: div.querySelectorAll('g.trace, g.barlayer .point, g.scatterlayer .point').length,
            marks: div.querySelectorAll('g.trace path, g.trace .point').length
        }))"""
    )
    assert result, "inga diagram på sidan"
    for chart in result:
        assert chart["svg"] > 0, f"diagrammet {chart['name']} ritades inte"
        assert chart["traces"] > 0 and chart["marks"] > 0, f"diagrammet {chart['name']} saknar data"
    return len(result)


def test_combined_report_draws_offline(browser, report_dir):
    page, external, errors, _ = open_offline_page(browser, report_dir / COMBINED)
    n = _check_charts(page)
    assert n >= 7
    assert external == [], f"externa anrop: {external}"
    assert errors == [], errors
    assert page.title().startswith("Tertialrapport tertial 2 2019")
    # The collapsed data tables are there for screen readers and copying (or a line naming the
    # chapter's table that has the same figures, such as the budget's).
    assert page.locator("details.ku-chart-data").count() + page.locator("p.ku-chart-data").count() == n
    assert page.locator("p.ku-chart-data").count() >= 1
    page.close()


@pytest.mark.parametrize("key", [s.key for s in SECTIONS])
def test_section_pages_draw_offline(browser, report_dir, key, tmp_path):
    # A section page with the folder's shared plotly.js beside it (the folder zipped and
    # unpacked elsewhere) draws its charts, with nothing else around.
    (tmp_path / f"{key}.html").write_bytes((report_dir / f"{key}.html").read_bytes())
    (tmp_path / PLOTLY_SHARED_NAME).write_bytes((report_dir / PLOTLY_SHARED_NAME).read_bytes())
    page, external, errors, _ = open_offline_page(browser, tmp_path / f"{key}.html")
    if page.locator(".ku-plot").count():
        _check_charts(page)
    assert external == [] and errors == [], (external, errors)
    page.close()


def test_section_page_alone_says_what_is_missing(browser, report_dir, tmp_path):
    alone = tmp_path / "03_mal2.html"
    alone.write_bytes((report_dir / "03_mal2.html").read_bytes())
    page, _, _, _ = open_offline_page(browser, alone)
    assert page.get_attribute("html", "data-ku-charts") == "error"
    assert PLOTLY_SHARED_NAME in page.locator(".ku-plot .ku-error").first.inner_text()
    page.close()


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("name", [COMBINED, *[f"{s.key}.html" for s in SECTIONS]])
def test_no_horizontal_scrolling(browser, report_dir, name, width):
    """Nothing is wider than a phone (390 px) or a laptop (1366 px): wide tables become cards or
    scroll inside their own box, charts fit."""
    page, _, _, _ = open_offline_page(browser, report_dir / name)
    page.set_viewport_size({"width": width, "height": 844})
    page.wait_for_timeout(300)  # plotly's responsive resize
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} är {overflow} px för bred vid {width} px"
    wide = page.evaluate(
        """(w) => Array.from(document.querySelectorAll('body *')).filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.right > w + 1 && !e.closest('.ku-table-wrap') && !e.closest('.ku-plot-box');
        }).map(e => e.tagName + '.' + e.getAttribute('class')).slice(0, 5)""",
        width,
    )
    assert wide == [], wide
    # Each chart is redrawn at the page's width (plotly's responsive layout), not cut off.
    too_wide = page.evaluate(
        """() => Array.from(document.querySelectorAll('.ku-plot')).filter(div => {
            const svg = div.querySelector('svg.main-svg');
            return svg && svg.getBoundingClientRect().width > div.getBoundingClientRect().width + 1;
        }).map(div => div.dataset.kuChart)"""
    )
    assert too_wide == [], too_wide
    # Every table fits its box: on a laptop even the widest (Tabell 3, ten columns of amounts); on a
    # phone a table whose words cannot fit reads as cards, the others wrap their text columns.
    scrolling = page.evaluate(
        """() => Array.from(document.querySelectorAll('.ku-table-wrap'))
            .filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.querySelector('table').dataset.kuTable)"""
    )
    assert scrolling == [], scrolling
    # A caption is never cut: it wraps at the page's width, outside the table's box.
    cut = page.evaluate(
        """(w) => Array.from(document.querySelectorAll('.ku-caption'))
            .filter(c => c.getBoundingClientRect().right > w + 1).map(c => c.textContent)""",
        width,
    )
    assert cut == [], cut
    if width == 390 and page.locator(SCORECARD).count():
        # The scorecards read as cards: each value with its header, no header row on screen.
        displays = page.evaluate(
            "(sel) => Array.from(document.querySelectorAll(sel + ' tbody tr')).map(tr => getComputedStyle(tr).display)",
            f".ku-cards {SCORECARD}",
        )
        assert displays and set(displays) == {"block"}, displays
    page.close()


def test_kommun_grid_scrolls_in_its_box_on_a_phone(browser, report_dir):
    """The kommun × nätverk grid keeps the width its squares need: on a phone it scrolls sideways in
    its own box, with the cue above it; on a laptop it fits."""
    page, _, _, _ = open_offline_page(browser, report_dir / COMBINED)
    for width, scrolls in ((390, True), (1366, False)):
        page.set_viewport_size({"width": width, "height": 844})
        page.wait_for_timeout(400)
        boxes = page.evaluate(
            """() => Array.from(document.querySelectorAll('.ku-chart.ku-scroll')).map(f => {
                const box = f.querySelector('.ku-plot-box'), cue = f.querySelector('.ku-swipe');
                return [box.scrollWidth > box.clientWidth + 1, !!cue && getComputedStyle(cue).display !== 'none'];
            })"""
        )
        assert boxes and all(b == [scrolls, scrolls] for b in boxes), (width, boxes)
    page.close()


def test_scorecard_status_readable_in_print(browser, report_dir):
    """Printed at A4's text width, each scorecard's status ("■ ej uppfyllt") takes at most two
    lines: the column is wide enough that no word breaks letter by letter."""
    page, _, _, _ = open_offline_page(browser, report_dir / COMBINED)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 688, "height": 1000})  # A4 less the page margins, at 96 dpi
    lines = page.evaluate(
        """(sel) => Array.from(document.querySelectorAll(sel + ' tbody th')).map(th => {
            const range = document.createRange();
            range.selectNodeContents(th);
            return [th.textContent, new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size];
        })""",
        SCORECARD,
    )
    assert lines, "inga mätetalstabeller i rapporten"
    assert all(n <= 2 for _, n in lines), [x for x in lines if x[1] > 2]
    page.close()


# Words of table cells that the browser broke across lines inside the word (a break after a
# hyphen or slash, as in "EU-|bidrag", is a break between words).
BROKEN_WORDS_JS = """(sel) => {
    const out = [];
    for (const cell of document.querySelectorAll(sel)) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const words = /[^\\s\\-–\\/]+[\\-–\\/]?/g;
            let m;
            while ((m = words.exec(n.data))) {
                const r = document.createRange();
                r.setStart(n, m.index);
                r.setEnd(n, m.index + m[0].length);
                const lines = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
                if (lines.size > 1) out.push(cell.closest('table').dataset.kuTable + ': ' + m[0]);
            }
        }
    }
    return out;
}"""


@pytest.mark.parametrize(("width", "media"), [(390, "screen"), (1366, "screen"), (688, "print")])
def test_tables_break_between_words(browser, report_dir, width, media):
    """Headers and cells wrap between words ("Mätetal", never "Mätet|al"), on a phone, a laptop
    and printed at A4's text width; printed, no table is wider than the page (Chromium would
    shrink the whole document to fit it, or cut it off)."""
    page, _, _, _ = open_offline_page(browser, report_dir / COMBINED)
    page.emulate_media(media=media)
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_timeout(300)
    broken = page.evaluate(BROKEN_WORDS_JS, ".ku-table th, .ku-table td")
    assert broken == [], broken
    if media == "print":
        too_wide = page.evaluate(
            """(w) => Array.from(document.querySelectorAll('table')).filter(t => t.getBoundingClientRect().right > w + 1)
                .map(t => t.dataset.kuTable || t.className)""",
            width,
        )
        assert too_wide == [], too_wide
    page.close()


def test_chart_text_swedish_and_large_enough(browser, report_dir):
    page, _, _, _ = open_offline_page(browser, report_dir / COMBINED)
    smallest = page.evaluate(
        """() => Math.min(...Array.from(document.querySelectorAll('.ku-plot svg text'))
            .filter(t => t.textContent.trim() && t.getBBox().width > 0)
            .map(t => parseFloat(getComputedStyle(t).fontSize)))"""
    )
    assert smallest >= 11, f"minsta texten i diagrammen är {smallest} px"
    # plotly's own buttons speak Swedish (the vendored sv locale).
    titles = page.evaluate("() => Array.from(document.querySelectorAll('.modebar-btn')).map(b => b.dataset.title)")
    assert titles and all(t == "Ladda ner diagram som PNG" for t in titles), set(titles)
    page.close()


def test_size_bounds(report_dir):
    """The combined report is at most 2 MB, the whole folder at most 6 MB (mailable)."""
    combined = (report_dir / COMBINED).stat().st_size
    folder = sum(p.stat().st_size for p in report_dir.rglob("*") if p.is_file())
    assert combined <= 2_000_000, f"{combined / 1e6:.2f} MB"
    assert folder <= 6_000_000, f"{folder / 1e6:.2f} MB"


def test_pdf_is_a4_with_charts(browser, report_dir, tmp_path):
    """`kuanalys report --pdf` prints the combined report with headless Chromium on A4 pages."""
    import re
    import statistics

    from conftest import sample_sections

    from kuanalys import config
    from kuanalys.periods import Tertial
    from kuanalys.report import model, provenance
    from kuanalys.report.render.pdf import print_pdf
    from kuanalys.report.sections import SectionRun

    runs = [SectionRun(s, report_dir / f"{s.key}.ipynb") for s in sample_sections()]
    report = model.report_from_runs(runs, model.Cover("Tertialrapport", "Tertial 2 2019", "Kommunal utveckling"))
    period = Tertial(2019, 2)
    made = provenance.collect(config.RAW_DATA_DIR, period.label())
    pdf = print_pdf(report, period, made, report_dir / COMBINED, tmp_path / "rapport.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    boxes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert len(boxes) >= 5, "för få sidor"
    assert all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in boxes)  # A4 in points
    assert len(data) > 200_000  # the charts are vector graphics; a text-only print is far smaller
    n = len(reader.pages)
    texts = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]
    # Printed at full size: a table or chart wider than the page would make Chromium shrink the
    # whole document (body text 10,5 pt, tables 7–9 pt; at 2/3 the text would be 5–7 pt).
    sizes: list[float] = []
    for p in reader.pages:
        p.extract_text(visitor_text=lambda t, cm, tm, _f, fs: sizes.extend([abs(fs * cm[0] * tm[0])] * len(t.strip())))
    assert statistics.median(sizes) >= 8.5, statistics.median(sizes)
    # Page numbers in the footer of every page.
    for i, text in enumerate(texts, start=1):
        assert f"Sida {i} av {n}" in text, i
    # Bookmarks: one per chapter (the sections' first headings), sections beneath.
    html = (report_dir / COMBINED).read_text(encoding="utf-8")
    chapters = [
        re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r'<h1 id="[a-z0-9_]+-rubrik">(.*?)</h1>', html, re.S)
    ]
    top = [o.title for o in reader.outline if not isinstance(o, list)]
    assert top == chapters and any(isinstance(o, list) and o for o in reader.outline)
    # The contents carry page numbers, and each chapter starts on the page it says.
    for o in reader.outline:
        if isinstance(o, list):
            continue
        page = reader.get_destination_page_number(o) + 1
        assert re.search(rf"{re.escape(o.title)} {page}\b", texts[0] + texts[1]), (o.title, page)
        assert o.title in texts[page - 1]
    # Every chart's data table is printed; links are relative to the folder, never a temp folder.
    # (counted per occurrence: two charts' tables can share a page)
    summaries = html.count("<summary>Diagrammets data som tabell")
    assert summaries >= 7 and sum(t.count("Diagrammets data som tabell") for t in texts) == summaries
    uris = [
        str(a.get_object()["/A"]["/URI"])
        for p in reader.pages
        for a in (p.get("/Annots") or [])
        if a.get_object().get("/A") and "/URI" in a.get_object()["/A"]
    ]
    assert not any(u.startswith("file:") for u in uris), uris
    # The checksums and the tool are for checking the HTML, not in the document that is sent on.
    assert not any("sha256" in t or "kuanalys version" in t for t in texts)
    # Tables and charts numbered as in Word (Report.numbers).
    numbers = list(report.numbers().values())
    assert all(any(f"{label} " in t for t in texts) for label in numbers), numbers
    # No leftovers beside the report from the second pass.
    assert not [p for p in report_dir.iterdir() if p.name.startswith(".")]
