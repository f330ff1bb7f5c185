"""Display helpers: escaping, Swedish formatting, recorded tables, comments and key figures."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kuanalys.report import display as d
from kuanalys.report import formats as fm

NBSP = "\u00a0"


def _table(**kw) -> d.Table:
    frame = pd.DataFrame(
        {"Nätverk": ["<script>alert(1)</script>", "Reko & co"], "Närvaro": [0.791, None], "Belopp": [1563970, -228291]}
    )
    return d.Table("test_tabell", kw.pop("title", "Titel <b>"), frame, {"Närvaro": "procent1", "Belopp": "kr"}, **kw)


def test_table_html_escapes_strings_and_formats_numbers():
    html = d.table_html(_table())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Reko &amp; co" in html
    assert "Titel &lt;b&gt;" in html
    assert f"79,1{NBSP}%" in html
    assert f"1{NBSP}563{NBSP}970{NBSP}kr" in html
    assert "\u2212228" in html  # Swedish minus
    assert ">–<" in html  # missing value


def test_table_group_rows_and_total_row():
    frame = pd.DataFrame({"Mål": ["A", "A", "B"], "Mätetal": ["x", "y", "z"], "Värde": [1, 2, 3]})
    html = d.table_html(d.Table("g", "G", frame, group_by="Mål", total_row=True))
    assert html.count('class="ku-group"') == 2
    assert html.count('class="ku-total"') == 1
    assert '<th scope="col" class="txt">Mål</th>' not in html


def test_invalid_table_name_and_format_are_refused():
    with pytest.raises(ValueError):
        d.Table("Ogiltigt namn", "t", pd.DataFrame())
    with pytest.raises(ValueError):
        d.Table("ok", "t", pd.DataFrame({"a": [1]}), {"a": "valuta"})


def test_record_table_roundtrip(tmp_path):
    table = _table(note="Not")
    d.record_table(table, tmp_path)
    meta = json.loads((tmp_path / d.TABLES_SUBDIR / "test_tabell.json").read_text(encoding="utf-8"))
    assert meta["formats"] == {"Nätverk": "text", "Närvaro": "procent1", "Belopp": "kr"}
    back = pd.read_parquet(tmp_path / d.TABLES_SUBDIR / "test_tabell.parquet")
    pd.testing.assert_frame_equal(back, table.frame, check_dtype=False)  # text comes back as str


def test_comments_escaped_and_empty_gives_nothing():
    assert d.comments_html(d.Comments([])) == ""
    assert d.comments_html(d.Comments(["  "])) == ""
    html = d.comments_html(d.Comments(["<img src=x onerror=alert(1)>\n\nAndra stycket"]))
    assert "<img" not in html and "&lt;img" in html
    assert html.count("<p>") == 2


def test_chart_html_carries_figure_json_safely():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=["</script><b>"], y=[1]))
    fig.update_layout(title="Närvaro, tertial 2 2019")
    table = d.Table("diagram_x", "Data", pd.DataFrame({"a": [1]}))
    html = d.chart_html(d.Chart("x", fig, table))
    assert "</script><b>" not in html
    assert html.count("<script") == 1 and 'type="application/json"' in html
    assert 'aria-label="Närvaro, tertial 2 2019"' in html
    details = d.details_html(table)
    assert details.startswith('<details class="ku-chart-data">')


def test_key_figures_table_keeps_numbers():
    kf = d.KeyFigures(
        "nyckeltal", "Nyckeltal", [d.KeyFigure("Närvaro", 0.79, "procent"), d.KeyFigure("Belopp", 250000, "kr")]
    )
    table = kf.as_table()
    assert table.cell_kind("Värde", 0) == "procent" and table.cell_kind("Värde", 1) == "kr"
    assert f"79{NBSP}%" in d.key_figures_html(kf)


def test_show_records_and_marks_output(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(d, "_publish", lambda data, table_name=None, **meta: shown.append((data, table_name, meta)))
    d.set_output_dir(tmp_path)
    try:
        d.show(_table(), d.Comments([]), "En mening.")
    finally:
        d.set_output_dir(None)
    assert [name for _, name, _ in shown] == ["test_tabell", None, None]
    # An empty analyst text shows nothing on the page but marks the place for the Word draft.
    assert shown[1][2] == {"missing_text": "Analys"} and "<p" not in shown[1][0]["text/html"]
    assert shown[2][2] == {"text": "lead"}
    assert (tmp_path / d.TABLES_SUBDIR / "test_tabell.parquet").exists()


@pytest.mark.parametrize(
    "value,kind,text",
    [
        (1563970, "kr", f"1{NBSP}563{NBSP}970{NBSP}kr"),
        (0.79, "procent", f"79{NBSP}%"),
        (0.7, "decimal1", "0,7"),
        (2726, "heltal", f"2{NBSP}726"),
        (pd.Timestamp("2019-08-31"), "datum", "2019-08-31"),
        (pd.NA, "kr", "–"),
    ],
)
def test_display_value(value, kind, text):
    assert fm.display_value(value, kind) == text


def test_numpy_scalars_are_formatted():
    import numpy as np

    assert fm.display_value(np.float64(0.79), "procent") == f"79{NBSP}%"
    assert fm.excel_value(np.int64(5), "heltal") == 5
