"""Charts: Swedish separators, titles with the period, target line, fixed organisation colours,
status shown by more than colour, and input frames left unchanged."""

from __future__ import annotations

import pandas as pd
import pytest

from kuanalys import charts
from kuanalys.organisations import ORGANISATION_ORDER, REGION_CODE
from kuanalys.periods import Tertial

T = Tertial(2019, 2)


@pytest.fixture
def network_rates() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "network": ["Reko", "PKS", "Chefsnätverk äldre", "Tomt nätverk"],
            "meetings": pd.array([1, 1, 2, 0], dtype="Int64"),
            "rate": pd.array([0.67, 0.90, 0.80, None], dtype="Float64"),
            "target_reached": pd.array([False, True, True, None], dtype="boolean"),
        }
    )


def _layout_ok(fig, period_text: str) -> None:
    assert fig.layout.separators == ", "
    assert period_text in fig.layout.title.text


def _lightness(colour: str) -> float:
    """Return a #rrggbb colour's luma (0 black … 1 white), as a greyscale print shows it."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_attendance_by_network_sorted_with_target_and_patterns(network_rates):
    before = network_rates.copy()
    fig = charts.attendance_by_network(network_rates, T, target=0.8)
    pd.testing.assert_frame_equal(network_rates, before)
    _layout_ok(fig, "tertial 2 2019")
    reached, missed = fig.data
    assert list(reached.y) == ["PKS", "Chefsnätverk äldre"] or set(reached.y) == {"PKS", "Chefsnätverk äldre"}
    assert list(missed.y) == ["Reko"]
    # Not by colour alone: a check mark in the label; the bars that miss are light with a dark
    # outline (no diagonal hatching: it made the Word images several times larger).
    assert all(t.startswith("✓") for t in reached.text)
    assert not missed.text[0].startswith("✓") and not missed.marker.pattern.shape
    assert missed.marker.line.width > reached.marker.line.width
    assert _lightness(missed.marker.color) - _lightness(reached.marker.color) > 0.4
    assert "Tomt nätverk" not in fig.layout.yaxis.categoryarray
    assert list(fig.layout.yaxis.categoryarray) == ["Reko", "Chefsnätverk äldre", "PKS"]
    # The 80 % target line, in the plotted unit (per cent).
    assert any(shape.x0 == pytest.approx(80) for shape in fig.layout.shapes)
    assert fig.layout.xaxis.ticksuffix.endswith("%")


def test_attendance_by_network_without_a_target_has_no_line(network_rates):
    unassessed = network_rates.assign(target_reached=pd.array([None] * 4, dtype="boolean"))
    fig = charts.attendance_by_network(unassessed, T)
    assert not fig.layout.shapes
    assert "Inget målvärde för närvaron, ej bedömt." in fig.layout.title.subtitle.text
    assert [t.name for t in fig.data if len(t.y)] == ["Ej bedömt"]


def test_attendance_by_kommun_colours_and_last_year():
    codes = [c for c in ORGANISATION_ORDER[:13]]
    frame = pd.DataFrame(
        {
            "org_code": codes + [REGION_CODE],
            "organisation": [f"K{i}" for i in range(13)] + ["Region Jönköpings län"],
            "is_kommun": [True] * 13 + [False],
            "rate": [0.8] * 14,
            "rate_same_period_last_year": [0.7] * 14,
        }
    )
    fig = charts.attendance_by_kommun(frame, T)
    bars, last = fig.data
    assert len(bars.y) == 13  # the Region is not a kommun
    assert bars.orientation == "h"  # a kommun a row: names level, labels as long as the bars
    assert list(bars.marker.color) == [charts.organisation_colour(c) for c in codes]
    assert last.marker.symbol == "diamond"
    _layout_ok(fig, "tertial 2 2018")


def test_organisation_colours_are_fixed_and_distinct():
    colours = [charts.ORGANISATION_COLOURS[c] for c in ORGANISATION_ORDER]
    assert len(set(colours)) == len(colours)
    assert charts.FINANCIER_COLOURS["regionen"] == charts.ORGANISATION_COLOURS[REGION_CODE]


def test_region_groups_two_sides_and_target():
    groups = pd.DataFrame({"network": ["Reko"], "kommun_rate": [0.58], "region_rate": [0.75]})
    fig = charts.region_groups(groups, T)
    assert [t.name for t in fig.data] == ["Kommunernas representanter", "Regionens representanter"]
    assert fig.data[1].marker.color == charts.REGION_COLOUR
    assert fig.data[0].x[0] == pytest.approx(58) and fig.data[0].orientation == "h"


def test_course_participants_one_colour_per_organisation():
    frame = pd.DataFrame(
        {
            "org_code": ["0604", REGION_CODE],
            "organisation": ["Aneby", "Region Jönköpings län"],
            "participants": [17, 112],
            "percent": [13.2, 86.8],
        }
    )
    fig = charts.course_participants(frame, T)
    assert list(fig.data[0].marker.color) == [
        charts.ORGANISATION_COLOURS[REGION_CODE],
        charts.ORGANISATION_COLOURS["0604"],
    ]
    _layout_ok(fig, "januari–augusti 2019")
    assert "13,2\u00a0%" in fig.data[0].text[1]  # a no-break space: the label never breaks


def test_grants_by_status_kronor_and_counts():
    apps = pd.DataFrame(
        {
            "funder": ["Forte", "Forte", "ESF"],
            "status": ["väntar", "avslag", "beviljad"],
            "amount_applied": pd.array([100, 50, 1_563_970], dtype="Int64"),
        }
    )
    table = charts.grant_status_table(apps)
    assert table["funder"].iloc[0] == "ESF"  # largest amount first
    fig = charts.grants_by_status(apps, T)
    amounts = [t for t in fig.data if t.xaxis == "x"]
    counts = [t for t in fig.data if t.xaxis == "x2"]
    assert amounts and counts and len(amounts) == len(counts)
    patterns = {t.name: t.marker.pattern.shape for t in amounts}
    assert patterns["Avslag"] != patterns["Väntar"]
    assert "kr" in amounts[0].hovertemplate
    # One panel above the other (axis titles never meet on a phone); kronor ticks short and Swedish.
    assert fig.layout.xaxis.domain == fig.layout.xaxis2.domain
    assert fig.layout.xaxis.ticktext[1] == "1\u00a0000\u00a0tkr" and fig.layout.xaxis.tickvals[1] == 1_000_000


def test_funds_and_budget_leave_out_total_rows():
    available = pd.DataFrame(
        {
            "reporting_date": pd.to_datetime(["2019-08-31"] * 2),
            "area": ["CHANGE", "Summa"],
            "added_municipalities": [0, 0],
            "added_region": [0, 0],
            "added_eu": [3_243_000, 3_243_000],
            "added_state": [0, 0],
            "added_other": [0, 0],
            "is_total": [False, True],
        }
    )
    fig = charts.funds_by_financier(available, T)
    assert all(list(t.y) == ["CHANGE"] for t in fig.data)
    # year-to-date funds are titled by their date, not the tertial (issue 27)
    assert "2019-08-31" in fig.layout.title.text and "tertial" not in fig.layout.title.text
    budget = pd.DataFrame(
        {
            "reporting_date": pd.to_datetime(["2019-08-31"] * 2),
            "area": ["CHANGE", "Summa"],
            "budget": [2_885_000, 2_885_000],
            "outcome": [2_269_000, 2_269_000],
            "is_total": [False, True],
        }
    )
    fig = charts.budget_vs_outcome(budget, T)
    assert {tuple(t.y) for t in fig.data} == {("CHANGE",)}
    assert list(fig.layout.xaxis.ticktext[:3]) == ["0\u00a0mnkr", "1\u00a0mnkr", "2\u00a0mnkr"]
    assert "%{x:,.0f} kr" in fig.data[0].hovertemplate  # the hover keeps whole kronor


def _hue(colour: str) -> tuple[float, float]:
    import colorsys

    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, _, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, s


def test_kommun_colours_are_not_status_colours():
    """Red and green mean 'not reached' and 'reached'; no kommun is drawn in them."""
    for code, colour in charts.ORGANISATION_COLOURS.items():
        hue, saturation = _hue(colour)
        if saturation < 0.2:
            continue  # grey
        assert not (hue < 15 or hue > 345), f"{code} {colour} är röd"
        assert not (75 < hue < 165), f"{code} {colour} är grön"
        assert colour != charts.KOMMUNERNA_COLOUR, f"{code} har kommunernas gemensamma färg"


def test_attendance_by_kommun_has_target_line_and_labels_clear_of_it():
    frame = pd.DataFrame(
        {
            "org_code": ["0604", "0617"],
            "organisation": ["Aneby", "Gnosjö"],
            "is_kommun": [True, True],
            "rate": pd.array([0.82, 0.5], dtype="Float64"),
            "rate_same_period_last_year": pd.array([0.7, 0.6], dtype="Float64"),
        }
    )
    fig = charts.attendance_by_kommun(frame, T, target=0.75)
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(lines) == 1 and lines[0].x0 == pytest.approx(75)
    bar = fig.data[0]
    assert bar.insidetextanchor == "start"  # labels at the foot of the bars: clear of ◆ and the line
    # The line is named above the plot area, not by a label inside the plot over a bar.
    assert [a.text for a in fig.layout.annotations] == ["Målvärde 75\u00a0%"] and fig.layout.annotations[0].y >= 1
    assert fig.layout.uniformtext.minsize >= 11


def test_charts_fit_a_phone_and_questions_stay_apart():
    """Long titles break into lines that fit 390 px; plotly's own margins keep title, legend and axes
    apart; 13 survey questions keep what tells them apart."""
    texts = [f"Andel mycket nöjda med Kommunal utvecklings bidrag till fråga nummer {i} om något" for i in range(13)]
    results = pd.DataFrame(
        {
            "question_id": [f"F{i:02d}" for i in range(13)],
            "indicator_text": texts,
            "share": [0.4] * 13,
            "share_last_year": [0.3] * 13,
        }
    )
    fig = charts.survey_shares(results, 2024)
    labels = list(fig.data[0].y)
    assert len(set(labels)) == 13 and all("bidrag till" not in x for x in labels)
    assert all(len(line) <= 30 for x in labels for line in x.split("<br>"))
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= charts.TITLE_LINE for line in lines)
    # the top margin holds the title; the legend sits at the figure's foot, plotly reserving its room
    assert fig.layout.margin.t >= 24 * len(lines)
    assert fig.layout.legend.yref == "container" and fig.layout.legend.y == 0
    assert fig.layout.xaxis.automargin and fig.layout.yaxis.automargin


def test_long_category_names_get_rows_tall_enough():
    """A name broken into three lines gets a row of three lines: the line "sjukvård" never sits on
    the next name (budget and funds charts at 390 px)."""
    axis = charts._upright_ticks(["FoUrum social välfärd och hälso- och sjukvård", "CHANGE"], 22)
    assert axis["ticktext"][0].count("<br>") == 2
    assert charts._row_px(axis, 34) >= 3 * 17


def test_kommun_network_grid_fits_a4_and_scrolls_on_a_phone():
    """The grid asks the page for a minimum width (a phone scrolls it in its box) that A4's 688 px
    holds; its values are short enough for its squares."""
    matrix = pd.DataFrame(
        {
            "organisation": ["Aneby", "Eksjö", "Aneby"],
            "network": ["PKS", "PKS", "Chefsnätverk ekonomiskt bistånd"],
            "rate": [1.0, 0.5, None],
        }
    )
    fig = charts.kommun_network_grid(matrix, "Kommunernas närvaro per nätverk, tertial 2 2019")
    assert fig.layout.meta["min_width"] == charts.GRID_MIN_WIDTH <= 688
    assert list(fig.data[0].text) == ["100", "50"] and fig.data[0].marker.size <= 26
    assert fig.data[0].textfont.size >= 11


def test_tertial_bars_stand_level_beside_their_labels():
    """Horizontal bars, labels in Swedish with the unit ("12 500 tkr", the Swedish minus), never
    "12500000" or "-67000"; a count axis steps by whole numbers."""
    kr = pd.DataFrame({"year": [2023, 2024], "tertial": [3, 3], "value": [-1_049_000, 12_500_000]})
    fig = charts.tertials_side_by_side(kr, "Resultat", "kr")
    assert fig.data[0].orientation == "h"  # the labels stand level beside the bars, on a phone too
    labels = [t.text[0] for t in fig.data]
    assert labels == ["\u22121\u00a0049\u00a0tkr", "12\u00a0500\u00a0tkr"]
    assert list(fig.layout.xaxis.ticktext)[:2] == ["\u221210\u00a0mnkr", "0\u00a0mnkr"]  # few ticks: level
    assert fig.layout.xaxis.range[0] < -1_049_000 * 1.5  # a deficit's label has room left of its bar
    counts = pd.DataFrame({"year": [2023, 2024], "tertial": [1, 1], "value": [2, 3]})
    fig = charts.tertials_side_by_side(counts, "Projekt", "st")
    assert fig.layout.xaxis.dtick == 1 and fig.layout.xaxis.tickformat == ",d"


def test_question_labels_tell_two_questions_apart():
    """Two questions of one goal share only their opening: each label keeps what differs (it read
    "F05 … erfarenheter" and "F06 … erfarenheter" before); one question alone is said in full."""
    import pandas as pd

    from kuanalys.charts import question_labels

    texts = pd.Series(
        [
            "Andel mycket nöjda med Kommunal utvecklings bidrag till att synliggöra medborgarnas erfarenheter.",
            "Andel mycket nöjda med Kommunal utvecklings stöd till kommunerna i arbetet med att utveckla "
            "verksamheter med hänsyn till medborgarnas erfarenheter.",
        ]
    )
    five, six = [x.replace("<br>", " ") for x in question_labels(pd.Series(["F05", "F06"]), texts)]
    assert five == "F05 … bidrag till att synliggöra medborgarnas erfarenheter"
    assert six.startswith("F06 … stöd till kommunerna i arbetet")
    (one,) = question_labels(pd.Series(["F05"]), texts[:1])
    assert one.replace("<br>", " ") == "F05 " + texts[0].rstrip(".")
