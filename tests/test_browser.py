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
from test_report_runner import COMBINED, build_sample_report  # noqa: E402  (tests/ is on sys.path)

SECTIONS = sample_sections()

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> Path:
    return build_sample_report(tmp_path_factory)


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
    # The collapsed data tables are there for screen readers and copying.
    assert page.locator("details.ku-chart-data").count() == n
    page.close()


@pytest.mark.parametrize("key", [s.key for s in SECTIONS])
def test_section_pages_draw_offline(browser, report_dir, key, tmp_path):
    # A section page sent on its own, with nothing beside it, draws its charts.
    alone = tmp_path / f"{key}.html"
    alone.write_bytes((report_dir / f"{key}.html").read_bytes())
    page, external, errors, _ = open_offline_page(browser, alone)
    if page.locator(".ku-plot").count():
        _check_charts(page)
    assert external == [] and errors == [], (external, errors)
    page.close()


def test_pdf_is_a4_with_charts(browser, report_dir, tmp_path):
    """`kuanalys report --pdf` prints the combined report with headless Chromium on A4 pages."""
    import re

    from kuanalys.report.pdf import print_pdf

    pdf = print_pdf(report_dir / COMBINED, tmp_path / "rapport.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert len(boxes) >= 5, "för få sidor"
    assert all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes)  # A4 in points
    assert len(data) > 200_000  # the charts are vector graphics; a text-only print is far smaller
