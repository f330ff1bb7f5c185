"""Layout points a reader of the PDF, the HTML and the Word draft sees: a known zero share, whole
procentenheter beside whole percents, a dash (not a blank) where a mätetal has no result."""

from __future__ import annotations

import pandas as pd
import pytest

from kuanalys import charts
from kuanalys.formatting import format_percent
from kuanalys.periods import Tertial
from kuanalys.report import chapters as ch
from kuanalys.report import content as c
from kuanalys.report import formats as fm
from kuanalys.report import structure as st

NBSP = "\u00a0"


def test_a_zero_share_is_0_percent_at_any_decimals():
    assert format_percent(0, 1) == f"0{NBSP}%" and format_percent(0.0, 2) == f"0{NBSP}%"
    assert format_percent(0.0004, 1) == f"0,0{NBSP}%"  # not a known zero: rounded as the others
    assert format_percent(0.123, 1) == f"12,3{NBSP}%"


def test_course_chart_labels_a_zero_share_0_percent():
    frame = pd.DataFrame(
        {
            "org_code": ["0604", "EXT"],
            "organisation": ["Aneby", "Externa deltagare"],
            "participants": [10, 0],
            "percent": [100.0, 0.0],
        }
    )
    fig = charts.course_participants(frame, Tertial(2019, 2))
    labels = [t for trace in fig.data for t in (trace.text or ())]
    assert f"0 (0{NBSP}%)" in labels and f"10 (100,0{NBSP}%)" in labels


def test_kommun_change_in_whole_procentenheter(sample_ds):
    """Diagram 5's data: the change beside whole percents is whole procentenheter ("19", never "18,6")."""
    table = c.attendance_per_kommun(sample_ds, Tertial(2019, 2)).data
    column = "Förändring, procentenheter"
    shown = [fm.display_value(v, table.kind_of(column)) for v in table.frame[column]]
    assert shown and not any("," in s for s in shown)


def test_trend_is_a_dash_where_there_is_no_result(sample_ds):
    """Past the data (tertial 1 2025) a row without result shows – under Trend too, not a blank."""
    t = Tertial(2025, 1)
    rows = []
    for g in st.goals(sample_ds):
        for area in g.areas:
            table = ch.indicator_table(sample_ds, t, g.text, area, "x")
            if table is not None:
                rows += table.frame.to_dict("records")
    empty = [r for r in rows if r["Resultat"] is None or pd.isna(r["Resultat"])]
    assert empty and all(r["Trend"] == "–" for r in empty)


def test_a_chart_with_a_short_data_table_is_kept_with_it_in_print():
    """A chart and its short data table print on one page (`.ku-keep`, the chart's title not repeated in the
    table's summary there); a chart with a long table may break between them."""
    from kuanalys.report import model as m
    from kuanalys.report.render import html as h

    spec = {"data": [], "layout": {"title": {"text": "x"}}}
    short = m.Chart("kort", spec, m.Table("kort", "Kort", pd.DataFrame({"Tertial": ["Tertial 1"], "2024": [1]})))
    rows = h.KEEP_WITH_CHART_ROWS + 1
    long = m.Chart("lang", spec, m.Table("lang", "Lång", pd.DataFrame({"a": range(rows)})))
    assert h.item_html(short, number="Diagram 1").startswith('<div class="ku-out ku-keep">')
    assert '<span class="ku-summary-title">: Kort</span>' in h.item_html(short, number="Diagram 1")
    assert h.item_html(long, number="Diagram 2").startswith('<div class="ku-out">')


@pytest.mark.slow
@pytest.mark.browser
def test_the_annual_tertial_charts_print_two_to_a_page(browser, annual_2024_report):
    """The twelve charts of "Mätetalen tertial för tertial" with their data tables each take at most half of
    an A4 page's text height (297 mm less the margins, 16 and 18 mm: 994 px), so two share a page."""
    from conftest import open_offline_page

    page, _, errors, _ = open_offline_page(browser, annual_2024_report / "verksamhetsberattelse-2024.html")
    page.emulate_media(media="print")
    heights = page.evaluate(
        """() => Array.from(document.querySelectorAll('.ku-plot[data-ku-chart^="tertialer_"]'))
            .map(d => d.closest('.ku-out.ku-keep').getBoundingClientRect().height)"""
    )
    page.close()
    assert len(heights) >= 10 and errors == []
    assert all(2 * h + 24 <= 994 for h in heights), heights


def test_a_chart_taller_than_a_printed_page_is_set_smaller_in_print():
    """Printed, a chart is one piece (inline-block: Chromium sliced block charts across pages, T3 2024
    Diagram 4 and 7); one taller than an A4 page gets a zoom that fits it (PRINT_HEIGHT_PX)."""
    import plotly.graph_objects as go

    from kuanalys.report.model import Chart, Table
    from kuanalys.report.render import html as h

    data = Table("data", "Data", pd.DataFrame({"Grupp": ["a"]}))
    tall = Chart("hog", go.Figure(layout={"height": 1320, "title": "Hög"}).to_plotly_json(), data)
    short = Chart("lag", go.Figure(layout={"height": 560, "title": "Låg"}).to_plotly_json(), data)
    assert f'style="--ku-print-zoom:{h.PRINT_HEIGHT_PX / 1320:.3f}"' in h.chart_html(tall, "Diagram 4")
    assert "--ku-print-zoom" not in h.chart_html(short, "Diagram 5")
    css = (h.TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")
    print_css = css[css.index("@media print") :]
    assert ".ku-chart { display: inline-block;" in print_css
    assert ".ku-chart[style] { zoom: var(--ku-print-zoom); }" in print_css
