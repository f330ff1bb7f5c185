"""Drivers in the report (issue 26, point 4): an attendance area's kommun × network matrix and
one drafted sentence naming the networks that drove its mätetal's change.

The sentence's figures are recomputed here from `metrics.attendance` (not from `explore`): the
mätetal attendance.overall is the mean of the network rates, so its change splits per network
into the change of the network's own rate and the change of the mix of networks that met.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kuanalys import config
from kuanalys.formatting import format_percent
from kuanalys.metrics import attendance as att
from kuanalys.periods import Tertial, Year
from kuanalys.report import chapters
from kuanalys.report import content as c
from kuanalys.report import structure as st
from kuanalys.report.model import DRAFT_MARK, Chapter, Chart, Comments, Cover, Heading, Paragraph, Report
from kuanalys.scorecard import comparison_tertial, for_year, metric_value, scorecard

T2_2019, T1_2019 = Tertial(2019, 2), Tertial(2019, 1)
SENTENCE = (
    "Minskningen av närvaron i nätverken (andelen besatta platser) från 81\u00a0% under tertial 1 2019 till "
    "79\u00a0% under tertial 2 2019 kommer främst från Chefsnätverk arbetsmarknad (\u22120,9\u00a0procentenheter) "
    "och Reko (\u22120,6\u00a0procentenheter)."
)
AREA = "Samtliga kommuner har aktiva representanter i chefsnätverk eller liknande"


@pytest.fixture(scope="module")
def ds2019(sample_ds):
    return for_year(sample_ds, 2019)


def _drafts(items: list) -> list[Paragraph]:
    return [i for i in items if isinstance(i, Paragraph) and i.draft]


def _matrix(items: list) -> list[Chart]:
    return [i for i in items if isinstance(i, Chart) and i.name.endswith("_kommun_natverk")]


def _network_rates(ds, period: Tertial) -> pd.Series:
    r = att.attendance_rate_by_network(ds.attendance, ds.networks, period, include_without_meetings=False)
    return r[r["meetings"] > 0].set_index("network")["rate"].astype(float)


def test_t2_2019_chefsnatverk_chapter_has_the_matrix_and_the_driver_sentence(ds2019):
    items = chapters.goal_chapter(ds2019, T2_2019, 2)
    drafts, matrix = _drafts(items), _matrix(items)
    assert [d.text for d in drafts] == [SENTENCE]
    assert [m.name for m in matrix] == ["mal2_omrade1_kommun_natverk"]
    # In the area's section (3.2), after its figures and before the area's comments.
    start = next(i for i, x in enumerate(items) if isinstance(x, Heading) and x.text.startswith("3.2 "))
    end = next(i for i, x in enumerate(items) if i > start and isinstance(x, Heading) and x.level == 2)
    at = [items.index(drafts[0]), items.index(matrix[0])]
    comments = next(
        i
        for i, x in enumerate(items[start:end], start)
        if isinstance(x, Comments) or getattr(x, "missing", None)  # the comments, or the mark asking for them
    )
    assert start < at[0] < at[1] < comments < end
    assert st.goal(ds2019, 2).areas[0].rstrip(".") == AREA


def test_the_sentence_is_right_from_the_network_rates(ds2019):
    """81 % → 79 %: the mean of the 18 network rates, T1 and T2 2019 (the mätetal attendance.overall
    compares with föregående tertial); each network's share of the change by hand."""
    a, b = _network_rates(ds2019, T1_2019), _network_rates(ds2019, T2_2019)
    total_a, total_b = a.mean(), b.mean()
    assert total_a == pytest.approx(att.overall_rate(ds2019.attendance, T1_2019))
    assert total_b == pytest.approx(att.overall_rate(ds2019.attendance, T2_2019))
    # The table above the sentence shows the same two figures (result and comparison value).
    row = scorecard(ds2019, T2_2019).query("metric == 'attendance.overall'").iloc[0]
    assert (row["comparison_tertial"], row["result"], row["comparison_value"]) == (
        "tertial 1 2019",
        pytest.approx(total_b),
        pytest.approx(total_a),
    )
    assert (format_percent(total_a), format_percent(total_b)) == ("81\u00a0%", "79\u00a0%")
    # Shift-share by hand: weight 1/N per network that met; within = w̄·Δr, mix = (r̄ − R̄)·Δw.
    wa, wb = 1 / len(a), 1 / len(b)
    centre = (total_a + total_b) / 2
    contribution = {}
    for n in a.index.union(b.index):
        ra, rb = a.get(n), b.get(n)
        w_a, w_b = (wa if ra is not None else 0), (wb if rb is not None else 0)
        within = (w_a + w_b) / 2 * (rb - ra) if ra is not None and rb is not None else 0.0
        r_mean = pd.Series([ra, rb]).dropna().mean()
        contribution[n] = within + (r_mean - centre) * (w_b - w_a)
    contribution = pd.Series(contribution).sort_values()
    assert contribution.sum() == pytest.approx(total_b - total_a)
    # The same 18 networks met in both tertials: each contribution is the network's change ÷ 18.
    assert len(a) == len(b) == 18 and set(a.index) == set(b.index)
    assert contribution.index[:2].tolist() == ["Chefsnätverk arbetsmarknad", "Reko"]
    assert (contribution.iloc[:2] * 100).round(1).tolist() == [-0.9, -0.6]
    assert (a["Chefsnätverk arbetsmarknad"], b["Chefsnätverk arbetsmarknad"]) == pytest.approx((9 / 12, 7 / 12))
    assert (a["Reko"], b["Reko"]) == pytest.approx((7 / 9, 2 / 3))


def test_the_matrix_table_is_each_kommuns_rate_per_network(ds2019):
    chart = _matrix(c.attendance_drivers(ds2019, T2_2019, st.goal(ds2019, 2).text, AREA + ".", "mal2_omrade1"))[0]
    table = chart.data
    assert list(table.frame.columns)[:3] == ["Nätverk", "Aneby", "Gnosjö"]
    assert len(table.frame.columns) == 14 and set(table.formats.values()) == {"procent"}
    assert len(table.frame) == len(_network_rates(ds2019, T2_2019)) == 18  # every network that met had kommuner
    # From the raw seats: Mullsjö at PKS, and Nässjö not invited to Chefsnätverk arbetsmarknad (–).
    a = ds2019.attendance
    in_t2 = a[(a["meeting_date"] >= T2_2019.start) & (a["meeting_date"] <= T2_2019.end)]
    pks = in_t2[(in_t2["network"] == "PKS") & (in_t2["organisation"] == "Mullsjö")]["present"].astype(bool)
    rows = table.frame.set_index("Nätverk")
    assert rows.loc["PKS", "Mullsjö"] == pytest.approx(pks.mean())
    invited = in_t2[(in_t2["network"] == "Chefsnätverk arbetsmarknad") & (in_t2["organisation"] == "Nässjö")]
    assert invited.empty and pd.isna(rows.loc["Chefsnätverk arbetsmarknad", "Nässjö"])
    assert chart.title == f"Kommunernas närvaro per nätverk, {T2_2019.label()}"
    # Drawn by the report's plotly.js bundle (bars and scatters): a square per invited kommun.
    (trace,) = chart.spec["data"]
    assert trace["type"] == "scatter" and trace["marker"]["symbol"] == "square"
    cells = rows.stack().dropna()
    assert len(trace["x"]) == len(cells) and set(trace["y"]) == set(rows.index)
    at = {(y, x): t for x, y, t in zip(trace["x"], trace["y"], trace["text"])}
    # the value in per cent without the unit, so that it fits its square (the subtitle says per cent)
    assert at[("PKS", "Mullsjö")] == "67" and ("Chefsnätverk arbetsmarknad", "Nässjö") not in at
    hover = {(y, x): t for x, y, t in zip(trace["x"], trace["y"], trace["customdata"])}
    assert hover[("PKS", "Mullsjö")] == "67\u00a0%"
    # Rates only, no counts of people: nothing for the minimum cell size to hide.
    assert table.suppress == []


def test_no_sentence_below_the_minimum_cell_size(ds2019, monkeypatch):
    """Chefsnätverk arbetsmarknad had 12 invited seats in each tertial."""
    monkeypatch.setattr(config, "MIN_CELL_SIZE", 12)
    items = c.attendance_drivers(ds2019, T2_2019, st.goal(ds2019, 2).text, AREA, "x")
    assert [d.text for d in _drafts(items)] == [SENTENCE]
    monkeypatch.setattr(config, "MIN_CELL_SIZE", 13)
    items = c.attendance_drivers(ds2019, T2_2019, st.goal(ds2019, 2).text, AREA, "x")
    assert _drafts(items) == [] and len(_matrix(items)) == 1


def test_no_sentence_on_a_period_without_records(sample_ds):
    # T1 2022 has meetings, its comparison period T3 2021 none: the matrix, no sentence.
    ds = for_year(sample_ds, 2022)
    items = chapters.goal_chapter(ds, Tertial(2022, 1), 2)
    assert _drafts(items) == [] and len(_matrix(items)) == 1
    # T1 2020 has no meetings at all: neither.
    ds = for_year(sample_ds, 2020)
    g = st.goal(ds, 2)
    assert c.attendance_drivers(ds, Tertial(2020, 1), g.text, g.areas[0], "x") == []


def test_the_annual_report_gets_no_drivers(ds2019):
    g = st.goal(ds2019, 2)
    assert c.attendance_drivers(ds2019, Year(2019), g.text, g.areas[0], "x") == []


def test_only_attendance_areas(ds2019):
    g = st.goal(ds2019, 2)
    assert st.ATTENDANCE not in st.figure_groups(ds2019, list(st.area_indicators(ds2019, g.text, g.areas[1])["metric"]))
    assert c.attendance_scope(ds2019, g.text, g.areas[1]) is None
    assert c.attendance_scope(ds2019, g.text, g.areas[0]) == ("attendance.overall", None, "föregående tertial")


def test_a_draft_paragraph_keeps_its_mark(tmp_path):
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    from kuanalys.report.render.docx import write_word
    from kuanalys.report.render.html import item_html

    p = Paragraph("Ökningen från 68 % till 80 % kommer främst från X (+3,4 procentenheter).", draft=True)
    assert Paragraph.from_json(p.to_json()) == p
    assert Paragraph.from_json({"type": "paragraph", "text": "t"}).draft is False
    html = item_html(p)
    assert f'<mark class="ku-draft-mark">{DRAFT_MARK}</mark> Ökningen' in html
    report = Report(Cover("Tertialrapport", "Tertial 2 2019", "Kommunal utveckling"), [])
    report.chapters.append(Chapter.of("03_mal2", "mal2", [Heading(1, "3 Mål"), p]))
    path = write_word(tmp_path / "r.docx", report, None, None).path
    found = [x for x in Document(str(path)).paragraphs if x.text.startswith(DRAFT_MARK)]
    assert [x.text for x in found] == [f"{DRAFT_MARK} {p.text}"]
    assert found[0].runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW


@pytest.mark.slow
def test_the_t2_2019_report_shows_them_in_html_and_word(t2_2019_report):
    from docx import Document

    page = (t2_2019_report / "03_mal2.html").read_text(encoding="utf-8")
    assert f'<mark class="ku-draft-mark">{DRAFT_MARK}</mark> {SENTENCE}' in page
    assert 'data-ku-table="mal2_omrade1_kommun_natverk"' in page
    assert "Kommunernas närvaro per nätverk, tertial 2 2019" in page
    document = Document(str(t2_2019_report / "tertialrapport-2019-T2.docx"))
    texts = [p.text for p in document.paragraphs]
    assert f"{DRAFT_MARK} {SENTENCE}" in texts
    assert any("Kommunernas närvaro per nätverk, tertial 2 2019" in t for t in texts)


@pytest.mark.parametrize("period", [Tertial(2019, 1), Tertial(2022, 2), Tertial(2024, 3)])
def test_the_sentence_explains_the_matetal_shown_above_it(sample_ds, period):
    """From and to are the area's attendance (attendance.overall in 2019, from 2022 the seats filled
    of the partnership networks, shown beside kommuner represented) and its comparison value."""
    ds = for_year(sample_ds, period.year)
    g = st.goal(ds, 2)
    key, _, comparison = c.attendance_scope(ds, g.text, g.areas[0])
    (draft,) = _drafts(c.attendance_drivers(ds, period, g.text, g.areas[0], "x"))
    card = scorecard(ds, period)
    if key in set(card["metric"]):
        row = card.query("metric == @key").iloc[0]
        before, after, label = row["comparison_value"], row["result"], row["comparison_tertial"]
    else:  # from 2022 the mätetal is kommuner represented (2.2); the drivers explain the seats filled beside it
        assert "attendance.kommuner_represented" in set(card["metric"])
        earlier = comparison_tertial(period, comparison, key)
        before, after, label = metric_value(ds, key, earlier), metric_value(ds, key, period), earlier.label()
    before, after = format_percent(before), format_percent(after)
    assert f"från {before} under {label} till {after} under {period.label()} " in draft.text
