"""The items' HTML and `show`: escaping, Swedish formatting, comments and key figures."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from kuanalys.report import display as d
from kuanalys.report import formats as fm
from kuanalys.report import model as m
from kuanalys.report.render import html as h

NBSP = "\u00a0"


def _table(**kw) -> m.Table:
    frame = pd.DataFrame(
        {"Nätverk": ["<script>alert(1)</script>", "Reko & co"], "Närvaro": [0.791, None], "Belopp": [1563970, -228291]}
    )
    return m.Table("test_tabell", kw.pop("title", "Titel <b>"), frame, {"Närvaro": "procent1", "Belopp": "kr"}, **kw)


def test_table_html_escapes_strings_and_formats_numbers():
    html = h.table_html(_table())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Reko &amp; co" in html
    assert "Titel &lt;b&gt;" in html
    assert f"79,1{NBSP}%" in html
    assert f"1{NBSP}563{NBSP}970{NBSP}kr" in html
    assert "\u2212228" in html  # Swedish minus
    assert ">–<" in html  # missing value


def test_table_group_rows_and_total_row():
    frame = pd.DataFrame({"Mål": ["A", "A", "B"], "Mätetal": ["x", "y", "z"], "Värde": [1, 2, 3]})
    html = h.table_html(m.Table("g", "G", frame, group_by="Mål", total_row=True))
    assert html.count('class="ku-group"') == 2
    assert html.count('class="ku-total"') == 1
    assert '<th scope="col" class="txt">Mål</th>' not in html


def test_invalid_table_name_and_format_are_refused():
    with pytest.raises(ValueError):
        m.Table("Ogiltigt namn", "t", pd.DataFrame())
    with pytest.raises(ValueError):
        m.Table("ok", "t", pd.DataFrame({"a": [1]}), {"a": "valuta"})


def test_table_json_roundtrip_keeps_values_and_formats():
    table = _table(note="Not")
    back = m.Table.from_json(json.loads(json.dumps(table.to_json())))
    assert back.formats == {"Nätverk": "text", "Närvaro": "procent1", "Belopp": "kr"}
    assert back.note == "Not"

    def cells(frame: pd.DataFrame) -> list:
        return frame.astype(object).where(frame.notna(), None).values.tolist()

    assert cells(back.frame) == cells(table.frame)  # missing stays missing (None), never 0
    assert h.table_html(back) == h.table_html(table)


def test_comments_escaped_and_empty_gives_nothing():
    # Without text, the same visible mark as in Word asks for it.
    for empty in (m.Comments([]), m.Comments(["  "])):
        assert h.comments_html(empty) == '<p class="ku-lead"><mark class="ku-missing">[Text saknas: Analys]</mark></p>'
    html = h.comments_html(m.Comments(["<img src=x onerror=alert(1)>\n\nAndra stycket"]))
    assert "<img" not in html and "&lt;img" in html
    assert html.count("<p>") == 2


def test_chart_html_carries_figure_json_safely():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=["</script><b>"], y=[1]))
    fig.update_layout(title="Närvaro, tertial 2 2019")
    table = m.Table("diagram_x", "Data", pd.DataFrame({"a": [1]}))
    html = h.chart_html(m.Chart("x", fig, table))
    assert "</script><b>" not in html
    assert html.count("<script") == 1 and 'type="application/json"' in html
    assert 'aria-label="Närvaro, tertial 2 2019"' in html
    details = h.details_html(table)
    assert details.startswith('<details class="ku-chart-data">')


def test_key_figures_table_keeps_numbers():
    kf = m.KeyFigures(
        "nyckeltal", "Nyckeltal", [m.KeyFigure("Närvaro", 0.79, "procent"), m.KeyFigure("Belopp", 250000, "kr")]
    )
    table = kf.as_table()
    assert table.cell_kind("Värde", 0) == "procent" and table.cell_kind("Värde", 1) == "kr"
    assert f"79{NBSP}%" in h.key_figures_html(kf)


def test_show_displays_each_item_and_hands_them_over_once(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda data, raw, **kw: shown.append(data))
    d.show(_table(), m.Comments([]), "En mening.")
    # An empty analyst text shows nothing on the page; the Word draft asks for it (the items).
    assert [("ku-table" in x.get("text/html", "")) for x in shown[:2]] == [True, False]
    assert "ku-lead" in shown[1]["text/html"]
    items = shown[-1][m.ITEMS_MIMETYPE]["items"]
    assert [i["type"] for i in items] == ["table", "comments", "paragraph"]
    assert items[1]["texts"] == [] and items[2]["text"] == "En mening."


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


def test_dates_never_break_at_their_hyphens():
    """A date in a caption, heading or cell stays on one line ("2019-08-31", never "2019-08-⏎31")."""
    frame = pd.DataFrame({"Post": ["Utfall 2019-08-31"], "Per 2019-08-31": [1]})
    html = h.table_html(m.Table("d", "Resultaträkning per 2019-08-31 <b>", frame))
    assert html.count('<span class="ku-nobr">2019-08-31</span>') == 3
    assert "&lt;b&gt;" in html and 'aria-label="Resultaträkning per 2019-08-31 &lt;b&gt;"' in html


def test_dates_never_break_in_notes_summaries_paragraphs_and_card_labels():
    """Not only a table's caption and cells: its note, a chart's data summary, a heading, a paragraph and
    a card's label (drawn by CSS, so non-breaking hyphens) keep a date on one line."""
    dates = '<span class="ku-nobr">2024-12-31</span>'
    frame = pd.DataFrame({"Post": ["a"], "Utfall 2024-12-31": [1], "b": [2], "c": [3], "d": [4], "e": [5]})
    table = m.Table("t", "Tillförda medel per 2024-12-31", frame, note="Utfallet per 2024-12-31 <i>.")
    html = h.table_html(table)
    assert f"Utfallet per {dates} &lt;i&gt;." in html
    assert 'data-label="Utfall 2024\u201112\u201131"' in html and 'data-label="Utfall 2024-12-31"' not in html
    chart = m.Chart("c", {"data": [], "layout": {"title": {"text": "x"}}}, table)
    assert (
        f'Diagrammets data som tabell (Diagram 3)<span class="ku-summary-title">: Tillförda medel per {dates}'
        in h.item_html(chart, number="Diagram 3")
    )
    assert f"<h2>Kvarvarande medel {dates}</h2>" in h.item_html(m.Heading(2, "Kvarvarande medel 2024-12-31"))
    paragraph = m.Paragraph("Av dem har 31 tkr förbrukats till och med 2024-12-31.", lead=True)
    assert f"till och med {dates}." in h.item_html(paragraph)
    assert f"Per {dates}" in h.item_html(m.Note("Per 2024-12-31"))
    shown = [
        html,
        h.item_html(chart, number="Diagram 3"),
        h.item_html(paragraph),
        h.item_html(m.Note("Per 2024-12-31")),
    ]
    text = re.sub(r"<[^>]*>", "", "".join(x.replace(dates, "") for x in shown))  # what is drawn, not attributes
    assert "2024-12" not in text


def test_chart_data_already_shown_as_a_table_is_not_printed_again():
    """A chart whose data is a table the chapter shows (the same object or the same name) points to that
    table instead of repeating its figures; other charts keep their data table."""
    frame = pd.DataFrame({"Verksamhet": ["A"], "Budget": [1]})
    shown = m.Table("budget", "Budget och utfall", frame)
    again = m.Chart("budget", {"data": [], "layout": {"title": {"text": "x"}}}, m.Table("budget", "Budget", frame))
    other = m.Chart("other", {"data": [], "layout": {"title": {"text": "y"}}}, m.Table("medel", "Medel", frame))
    chapter = m.Chapter.of("03_mal2", "mal2", [m.Heading(1, "Mål"), shown, again, other])
    report = m.Report(m.Cover("T", "P", "O"), [chapter])
    html = h.chapter_html(chapter, numbers=report.numbers())
    assert "Diagrammets tal finns i Tabell 1." in html
    assert (
        html.count("<details") == 1
        and 'Diagrammets data som tabell (Diagram 2)<span class="ku-summary-title">: Medel' in html
    )
    assert chapter.chart_data_shown(report.numbers()) == {id(again): "Tabell 1"}
