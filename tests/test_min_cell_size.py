"""Minimum cell size (KUANALYS_MIN_CELL_SIZE, default 0 = off).

Unit tests of the suppression rules, then two real report runs: at KUANALYS_MIN_CELL_SIZE=5
Mullsjö's 4 course participants (and the complementary cell) appear nowhere — table, chart
data table, chart JSON, text/plain in the notebook, tabeller.xlsx — and `..` with the footnote
does; with the default every count is shown.
"""

from __future__ import annotations

import json
import re

import nbformat
import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from kuanalys import config
from kuanalys.report.model import ITEMS_MIMETYPE, Chapter, Chart, Cover, Report, Table
from kuanalys.report.suppression import SUPPRESSED, apply_min_cell_size, apply_min_cell_size_chart

T2 = "2019-T2"
COMBINED = f"tertialrapport-{T2}.html"
NOTE = "värdet visas inte av integritetsskäl"


def _participants() -> Table:
    frame = pd.DataFrame(
        {
            "Organisation": ["Aneby", "Mullsjö", "Tranås", "Habo", "Summa"],
            "Antal deltagare": [17, 4, 8, 0, 29],
            "Andel": [17 / 29, 4 / 29, 8 / 29, 0.0, 1.0],
        }
    )
    return Table(
        "kursdeltagare",
        "Deltagare",
        frame,
        {"Organisation": "text", "Antal deltagare": "heltal", "Andel": "procent"},
        total_row=True,
        suppress=["Antal deltagare"],
        suppress_also=["Andel"],
    )


def test_off_by_default_and_at_zero(monkeypatch):
    assert config.MIN_CELL_SIZE == 0 or "KUANALYS_MIN_CELL_SIZE" in __import__("os").environ
    t = _participants()
    assert apply_min_cell_size(t, 0) is t
    monkeypatch.setattr(config, "MIN_CELL_SIZE", 0)
    assert apply_min_cell_size(t) is t


def test_small_counts_and_derived_shares_are_hidden():
    t = apply_min_cell_size(_participants(), 5)
    f = t.frame
    mullsjo = f[f["Organisation"] == "Mullsjö"].iloc[0]
    assert mullsjo["Antal deltagare"] == SUPPRESSED and mullsjo["Andel"] == SUPPRESSED
    # Complementary: with a total row, one hidden cell is given away by the total, so the
    # smallest other non-zero count (Tranås 8) is hidden too. Zero is shown; the total is shown.
    assert f.loc[f["Organisation"] == "Tranås", "Antal deltagare"].iloc[0] == SUPPRESSED
    assert f.loc[f["Organisation"] == "Habo", "Antal deltagare"].iloc[0] == 0
    assert f.loc[f["Organisation"] == "Summa", "Antal deltagare"].iloc[0] == 29
    assert f.loc[f["Organisation"] == "Aneby", "Antal deltagare"].iloc[0] == 17
    assert "färre än 5" in t.note and NOTE in t.note
    from kuanalys.report.render.html import table_html

    html = table_html(t)
    assert html.count(f">{SUPPRESSED}<") == 4
    assert ">4<" not in html and ">8<" not in html


def test_no_complementary_cell_without_total_row():
    t = _participants()
    t.total_row = False
    t.frame = t.frame.iloc[:-1]
    f = apply_min_cell_size(t, 5).frame
    assert list(f["Antal deltagare"]) == [17, SUPPRESSED, 8, 0]


def test_chart_bars_are_hidden_too():
    t = _participants()
    df = t.frame.iloc[:-1]
    fig = go.Figure(
        go.Bar(
            x=df["Antal deltagare"], y=df["Organisation"], orientation="h", text=[f"{n}" for n in df["Antal deltagare"]]
        )
    )
    chart = apply_min_cell_size_chart(Chart("kursdeltagare", fig, t, suppress_by="Organisation"), 5)
    bar = chart.figure.data[0]
    values = dict(zip(bar.y, bar.x))
    assert values["Mullsjö"] is None and values["Tranås"] is None and values["Aneby"] == 17
    assert dict(zip(bar.y, bar.text))["Mullsjö"] == SUPPRESSED
    assert '"4"' not in json.dumps(json.loads(chart.figure.to_json())["data"])
    assert fig.data[0].x[1] == 4, "the original figure is left as it was"


def test_excel_writes_dots_as_text(tmp_path):
    from kuanalys.report.render.xlsx import write_workbook

    t = apply_min_cell_size(_participants(), 5)
    write_workbook(tmp_path / "t.xlsx", Report(Cover("T", "P", "O"), [Chapter.of("k", "k", [t])]))
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[1]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3, max_row=7)}
    assert rows["Mullsjö"][1].value == SUPPRESSED and rows["Mullsjö"][1].data_type == "s"
    assert rows["Mullsjö"][2].value == SUPPRESSED
    assert rows["Aneby"][1].value == 17
    assert any(NOTE in str(c.value) for row in ws.iter_rows() for c in row if c.value)


# --- real report runs ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def suppressed_report(tmp_path_factory):
    """The report on the sample at KUANALYS_MIN_CELL_SIZE=5 (workers and kernels inherit it):
    only chapter 6 (goal 5, with the course participants), and no chart images for Word."""
    from conftest import sample_sections

    from kuanalys.report.runner import run_report

    base = tmp_path_factory.mktemp("min-cell")
    (chapter,) = [s for s in sample_sections() if s.key == "06_mal5"]
    mp = pytest.MonkeyPatch()
    mp.setenv("KUANALYS_MIN_CELL_SIZE", "5")
    mp.setenv("KUANALYS_CHROMIUM", str(base / "ingen-chromium"))
    mp.setattr(config, "MIN_CELL_SIZE", 5)
    try:
        code = run_report(data_dir=config.RAW_DATA_DIR, out_dir=base, year=2019, tertial=2, jobs=1, sections=(chapter,))
    finally:
        mp.undo()
    assert code == 0
    return base / T2


def _table_rows(html: str, name: str) -> dict[str, list[str]]:
    m = re.search(rf'<table class="ku-table" data-ku-table="{name}">(.*?)</table>', html, re.S)
    assert m, name
    rows = {}
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(1), re.S):
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
        if cells:
            rows[cells[0]] = cells[1:]
    return rows


def _chart_spec(html: str, name: str) -> dict:
    m = re.search(rf'id="diagram-{name}".*?<script[^>]*ku-figure-json[^>]*>(.*?)</script>', html, re.S)
    assert m, name
    return json.loads(m.group(1))


@pytest.mark.slow
def test_report_hides_mullsjo_at_five(suppressed_report):
    html = (suppressed_report / COMBINED).read_text(encoding="utf-8")
    rows = _table_rows(html, "kursdeltagare")
    assert rows["Mullsjö"] == [SUPPRESSED, SUPPRESSED]
    assert rows["Tranås"] == [SUPPRESSED, SUPPRESSED]  # complementary cell (8, the next smallest)
    assert rows["Jönköping"][0] == "76" and rows["Summa"][0] == "469"
    assert "färre än 5; värdet visas inte av integritetsskäl" in html
    # The chart: no bar, no label, no hover value for Mullsjö.
    bar = _chart_spec(html, "kursdeltagare")["data"][0]
    values = dict(zip(bar["y"], bar["x"] if isinstance(bar["x"], list) else [None] * len(bar["y"])))
    assert values["Mullsjö"] is None and values["Tranås"] is None
    assert dict(zip(bar["y"], bar["text"]))["Mullsjö"] == SUPPRESSED
    assert not any(str(t).startswith(("4 ", "8 ")) for t in bar["text"])
    # The executed notebook (text/plain, plotly JSON, the items handed over) does not carry the value either.
    nb = nbformat.read(suppressed_report / "06_mal5.ipynb", as_version=4)
    rows = [
        row
        for cell in nb.cells
        for out in cell.get("outputs", [])
        for item in out.get("data", {}).get(ITEMS_MIMETYPE, {}).get("items", [])
        for table in [item, item.get("data") or {}]
        if table.get("name") == "kursdeltagare" and "rows" in table  # the table, or a chart's data table
        for row in table["rows"]
        if row[0] == "Mullsjö"
    ]
    assert rows and all(row[1:] == [SUPPRESSED, SUPPRESSED] for row in rows)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            plain = out.get("data", {}).get("text/plain", "")
            if "Mullsjö" in plain and "Antal deltagare" in plain:
                line = next(ln for ln in plain.splitlines() if "Mullsjö" in ln)
                assert line.split() == ["Mullsjö", SUPPRESSED, SUPPRESSED], line
    # tabeller.xlsx: the text "..", the footnote under the table.
    wb = openpyxl.load_workbook(suppressed_report / "tabeller.xlsx")
    sheet = next(
        ws
        for ws in wb.worksheets[1:]
        if ws["A2"].value == "Organisation"
        and any(c.value == "Mullsjö" for c in ws["A"])
        and ws["B2"].value == "Antal deltagare"
    )
    mullsjo = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "Mullsjö")
    assert [c.value for c in mullsjo[1:3]] == [SUPPRESSED, SUPPRESSED]
    assert all(c.data_type == "s" for c in mullsjo[1:3])
    assert any(NOTE in str(c.value) for c in sheet["A"] if c.value)


@pytest.mark.slow
def test_default_shows_every_count(t2_2019_report):
    report = t2_2019_report  # the session's default-settings report
    html = (report / COMBINED).read_text(encoding="utf-8")
    rows = _table_rows(html, "kursdeltagare")
    assert rows["Mullsjö"][0] == "4" and rows["Tranås"][0] == "8"
    assert SUPPRESSED not in "".join(sum(rows.values(), []))
    assert NOTE not in html
    bar = _chart_spec(html, "kursdeltagare")["data"][0]
    assert None not in (bar["x"] if isinstance(bar["x"], list) else [0])
