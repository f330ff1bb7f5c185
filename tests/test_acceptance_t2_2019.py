"""Acceptance: the bundled sample reproduces the published tertial 2 2019 report's figures."""

import pandas as pd
import pytest

from kuanalys.formatting import NBSP
from kuanalys.metrics import attendance as a
from kuanalys.metrics import courses as c
from kuanalys.metrics import funds as f
from kuanalys.metrics import grants as g
from kuanalys.periods import Tertial
from kuanalys.sample import sample_dataset

T2 = Tertial(2019, 2)


@pytest.fixture(scope="module")
def ds():
    return sample_dataset()


def pct(x: float) -> int:
    return round(float(x) * 100)


# --- 2.2 grants -----------------------------------------------------------------------------------
def test_grants_year_to_date(ds):
    s = g.grants_summary(ds.grants, T2).iloc[0]
    assert s["submitted_count"] == 9
    assert s["submitted_amount"] == 23_460_356
    assert s["granted_count"] == 1
    assert s["granted_amount"] == 250_000
    assert s["granted_applied_amount"] == 455_165
    assert pct(s["granted_share_of_applied"]) == 55
    assert s["rejected_count"] == 2
    assert s["waiting_count"] == 6
    assert s["funders"] == 5


def test_grants_within_t2(ds):
    s = g.grants_within_tertial_summary(ds.grants, T2).iloc[0]
    assert (s["submitted_count"], s["submitted_amount"]) == (5, 9_442_484)


def test_grants_compared(ds):
    cmp = g.grants_comparison(ds.grants, T2).set_index("comparison")
    assert cmp.loc["föregående tertial", "granted_amount"] == 0  # "tertial 1 2019 (0 kronor)"
    assert cmp.loc["samma period föregående år", "submitted_amount"] == 39_103_816
    assert cmp.loc["samma period föregående år", "submitted_count"] == 8


# --- 2.4 funds ------------------------------------------------------------------------------------
def test_tabell_4(ds):
    s = f.financier_shares(ds.funds_available, T2).set_index("area")
    cols = ["share_municipalities", "share_region", "share_eu", "share_state", "share_other"]
    social = s.loc["FoUrum social välfärd och hälso- och sjukvård", cols]
    assert [pct(v) for v in social] == [28, 1, 0, 68, 3]
    total = s.loc["Summa", cols]
    assert [pct(v) for v in total] == [34, 1, 3, 58, 5]


def test_tabell_3_and_external_share(ds):
    t = f.available_funds(ds.funds_available, T2).set_index("area")
    assert t.loc["Summa", "opening_funds"] == 102_959_422
    assert t.loc["Summa", "closing_funds"] == 71_488_171
    assert t.loc["Summa", "earmarked_state_funds"] == 49_688_209
    assert pct(f.external_share(ds.funds_available, T2)) == 66
    assert pct(f.external_share(ds.funds_available, Tertial(2019, 1))) == 60


def test_source_slip_in_tabell_3_is_listed(ds):
    inc = f.inconsistencies(ds.funds_available, tertial=T2)
    row = inc[inc["area"] == "Miljösamverkan Jönköpings län"].iloc[0]
    assert (row["stated"], row["computed"]) == (1_079_139, 1_079_136)


def test_tabell_2_and_result(ds):
    b = f.budget_vs_outcome(ds.budget, T2).set_index("area")
    assert b.loc["FoUrum social välfärd och hälso- och sjukvård", "deviation"] == 20_344_000
    assert b.loc["Summa", "budget"] == 59_938_000
    assert f.result(ds.income_statement, T2) == 0


# --- 6.2 and Bilaga 2 courses ---------------------------------------------------------------------
def test_bilaga_2_percentages(ds):
    p = c.participants_by_organisation(ds.courses, ds.course_participants, T2).set_index("organisation")
    assert p["participants"].sum() == 469
    assert round(p["percent"].sum(), 1) == 100.0
    assert p.loc["Mullsjö", "participants"] == 4
    assert p.loc["Mullsjö", "percent"] == 0.9  # the published table says 0,7 %
    assert p.loc["Jönköping", "participants"] == 76
    assert p.loc["Region Jönköpings län", "participants"] == 112


def test_course_totals(ds):
    t = c.course_totals(ds.courses, ds.course_participants, T2).iloc[0]
    assert (t["participants"], t["courses_held"], t["cancelled"]) == (2726, 78, 6)
    cmp = c.course_comparison(ds.courses, ds.course_participants, T2).set_index("measure")
    assert (cmp.loc["participants", "value_last_year"], cmp.loc["courses_held", "value_last_year"]) == (3746, 91)
    assert pct(cmp.loc["participants", "change_pct"]) == -27
    assert pct(cmp.loc["courses_held", "change_pct"]) == -14  # the report printed 16 %
    u = c.uppdrag_by_organiser(ds.courses, ds.course_participants, T2).set_index("organiser")
    assert u["participants"].sum() == 2257 and u["uppdrag"].sum() == 40


def test_tabell_1_cost_reduction(ds):
    t = c.cost_reduction(ds.courses, ds.course_participants, T2).set_index("title")
    row = t[t.index.str.startswith("Projektledning i upphandlingsprojekt")].iloc[0]
    assert (row["reduction"], pct(row["reduction_pct"])) == (194_000, 84)


# --- 3.2–3.3 attendance ---------------------------------------------------------------------------
def test_overall_attendance(ds):
    from kuanalys.scorecard import network_targets

    s = a.attendance_summary(ds.attendance, ds.networks, T2, network_targets(ds, T2)).iloc[0]
    assert s["target"] == 0.8  # from the Målvärden sheet
    assert abs(s["mean_rate"] - 0.79) <= 0.01
    assert s["reaching_target_text"] == "6 av 18"
    assert s["meetings"] == 21
    assert pct(s["min_network_rate"]) == 58 and pct(s["max_network_rate"]) == 100
    cmp = a.compare_overall(ds.attendance, ds.networks, T2).set_index("comparison")
    assert abs(cmp.loc["föregående tertial", "mean_rate"] - 0.81) <= 0.01
    assert abs(cmp.loc["samma period föregående år", "mean_rate"] - 0.70) <= 0.01


def test_network_figures(ds):
    assert pct(a.network_rate(ds.attendance, "PKS", T2)) == 90
    groups = a.region_group_attendance(ds.attendance, ds.networks, T2).set_index("network")
    assert pct(groups.loc["Reko", "rate"]) == 67
    assert pct(groups.loc["Reko", "kommun_rate"]) == 58
    assert pct(groups.loc["Reko", "region_rate"]) == 75
    gs = a.gender_split(ds.attendance, T2, ["PKS"], kommun_only=True).set_index("gender")
    assert (pct(gs.loc["man", "share"]), pct(gs.loc["kvinna", "share"])) == (31, 69)
    assert a.kommuner_increased(ds.attendance, T2) == 8
    assert a.networks_increased(ds.attendance, T2) == 12


# --- scorecard ------------------------------------------------------------------------------------
def test_scorecard_arrows_and_values(ds):
    from kuanalys.scorecard import scorecard

    sc = scorecard(ds, T2).set_index("metric")

    def row(metric):
        return sc.loc[metric]

    expected = {
        "attendance.network:Reko": (0.78, 0.67, "↘"),
        "attendance.network:Strategigrupp barn och unga": (0.84, 0.83, "↘"),
        "attendance.network:Strategigrupp psykiatri/missbruk": (0.64, 0.67, "↗"),
    }
    for metric, (before, now, arrow) in expected.items():
        r = row(metric)
        assert (pct(r["comparison_value"]), pct(r["result"]), r["trend"]) == (pct(before), pct(now), arrow), metric
    granted = row("grants.granted_amount")
    assert (granted["comparison_value"], granted["result"], granted["trend"]) == (0, 250_000, "↑")
    held = row("courses.held")
    assert (held["comparison_value"], held["result"], held["trend"]) == (91, 78, "↘")
    part = row("courses.participants")
    assert (part["comparison_value"], part["result"], part["trend"]) == (3746, 2726, "↘")
    res = row("funds.result")
    assert (res["comparison_value"], res["result"], res["trend"], res["status"]) == (0, 0, "→", "uppfyllt")
    reko = row("attendance.network:Reko")
    assert (reko["status"], reko["symbol"]) == ("delvis uppfyllt", "◆")  # as 003 marks it
    assert reko["rule"].replace(NBSP, " ") == (
        "67 % mot målvärdet 80 %: minst 75 % men under 100 % av målet, delvis uppfyllt"
    )
    assert reko["result_text"].replace(NBSP, " ") == (
        "Närvaron på Rekos möten under tertial 2 2019 är 67 % i genomsnitt. Resultatet har minskat jämfört med "
        "tertial 1 (78 %) men ökat jämfört med samma period 2018 (64 %). Resultatet når inte upp till önskat målvärde."
    )
    assert not sc["result"].isna().any()  # every indicator has a result on the sample


def test_bundled_workbooks_give_the_same_scorecard(ds):
    """The workbooks in data/raw, read by the loaders, give the same scorecard as the sample in memory."""
    from kuanalys.config import RAW_DATA_DIR
    from kuanalys.loaders import load_all
    from kuanalys.scorecard import scorecard

    assert any(RAW_DATA_DIR.glob("*.xlsx")), f"inga arbetsböcker i {RAW_DATA_DIR} (kör make sample)"
    loaded = scorecard(load_all(RAW_DATA_DIR), T2)
    expected = scorecard(ds, T2)
    cols = ["indicator_id", "status", "trend", "rule", "result_text"]
    pd.testing.assert_frame_equal(loaded[cols], expected[cols])


def until_2019(ds):
    """Return the dataset without the 2022–2024 rows."""
    import dataclasses

    def cut(frame, column):
        return frame[pd.to_datetime(frame[column]).dt.year <= 2019]

    return dataclasses.replace(
        ds,
        attendance=cut(ds.attendance, "meeting_date"),
        courses=cut(ds.courses, "course_date"),
        grants=cut(ds.grants, "submitted_date"),
        funds_available=cut(ds.funds_available, "reporting_date"),
    )


# --- every tertial, with and without data ---------------------------------------------------------
@pytest.mark.parametrize("tertial", [Tertial(y, n) for y in (2016, 2017, 2018, 2019, 2020) for n in (1, 2, 3)])
def test_scorecard_for_every_tertial(ds, tertial):
    """Every tertial works; where the sample has no data (before 2018, after August 2019) nothing is 0."""
    from kuanalys.scorecard import indicators_for_year, scorecard

    ds = until_2019(ds)  # the sample resumes in 2022; T3 2019 and 2020 are without data
    sc = scorecard(ds, tertial)
    assert len(sc) == len(indicators_for_year(ds.indicators, tertial.year)) == 11  # 003's eleven mätetal
    covered = Tertial(2018, 1) <= tertial <= Tertial(2019, 2)
    if covered:
        assert not sc["result"].isna().any(), sc.loc[sc["result"].isna(), "metric"].tolist()
    else:
        assert sc["result"].isna().all(), sc.loc[sc["result"].notna(), ["metric", "result"]].to_string()
        assert (sc["status"] == "inget resultat").all()
        assert (sc["trend"] == "").all()
        assert sc["result_text"].str.startswith("Det finns inget resultat").all()


def test_year_to_date_figures_are_not_repeated_in_a_tertial_without_data(ds):
    """Tertial 3 2019: the registers end in August 2019 (the sample resumes in 2022; here it is cut
    at 2019), so T1–T2's totals are not shown as T1–T3's."""
    t3 = Tertial(2019, 3)
    ds = until_2019(ds)
    assert c.course_totals(ds.courses, ds.course_participants, t3)["courses_held"].isna().all()
    assert g.grants_year_to_date(ds.grants, t3).empty
    assert f.available_funds(ds.funds_available, t3).empty
    assert a.attendance_summary(ds.attendance, ds.networks, t3)["mean_rate"].isna().all()


def test_first_tertial_year_to_date_compares_with_last_year(ds):
    """In T1 a year-to-date figure's previous tertial is last year's whole year: compare with T1 last year."""
    from kuanalys.scorecard import scorecard

    sc = scorecard(ds, Tertial(2019, 1)).set_index("metric")
    granted = sc.loc["grants.granted_amount"]
    assert granted["comparison_tertial"] == "tertial 1 2018"
    assert (granted["result"], granted["comparison_value"], granted["trend"]) == (0, 0, "→")
    assert (
        granted["result_text"]
        .replace(NBSP, " ")
        .startswith(
            "Under januari–april 2019 har inga externa projektmedel beviljats. "
            "Resultatet är oförändrat jämfört med januari–april 2018 (0 kr)."
        )
    )
    reko = sc.loc["attendance.network:Reko"]  # not year to date: the previous tertial stays
    assert reko["comparison_tertial"] == "tertial 3 2018"


# --- nothing invented: the report's mätetal and targets are 003's ----------------------------------
# (mätetal, target as 003 prints it) of every mätetal table in 003 (2.2, 2.3, 3.2, 3.3, 6.2). The
# grants' targets are written as 003's sentences set them ("Målet är att 50 % av det totala beloppet …",
# "minst 50 % av alla ansökningar"); the courses' as "samma period föregående år" (91 and 3 746 are
# last year's figures).
SEED_003_INDICATORS = {
    "Beviljad finansiering av externa projektmedel.": "50 % av grants.applied_amount",
    "Antal beviljade ansökningar.": "50 % av grants.applied_count",
    "Finansiellt resultat (organisation).": "0 kr",
    "Närvaron vid samtliga chefsnätverk på Kommunal utveckling.": "80 %",
    "Närvaro vid PKS sammanträden.": "80 %",
    "Närvaro vid träffar med Reko - Ledningsgruppen för samverkan Region Jönköpings län och länets kommuner.": "80 %",
    "Närvaro vid träffar med strategigrupp barn och unga.": "80 %",
    "Närvaro vid träffar med strategigrupp äldre.": "80 %",
    "Närvaro vid strategigrupp psykiatri/missbruk av både kommun, primärvård samt psykiatri/beroendevård.": "80 %",
    "Antal genomförda kurser genom Kurs och konferens.": "samma period föregående år",
    "Antal deltagare på aktiviteter som arrangeras via Kurs och konferens.": "samma period föregående år",
}


def test_t2_2019_indicators_and_targets_are_003s(ds):
    """The T2 2019 report shows exactly 003's mätetal with 003's targets: no area 2.5, no digital
    shares, no external-funding share with a 50 % target, no region-meeting total with 80 %."""
    from kuanalys.report import chapters as ch
    from kuanalys.report import structure as st
    from kuanalys.scorecard import for_year, scorecard

    sc = scorecard(for_year(ds, 2019), T2)
    assert dict(zip(sc["text"], sc["target_text"])) == SEED_003_INDICATORS
    shown = [
        str(m)
        for g in st.goals(for_year(ds, 2019))
        for area in g.areas
        if (table := ch.indicator_table(for_year(ds, 2019), T2, g.text, area, "x")) is not None
        for m in table.frame["Mätetal"]
    ]
    assert sorted(shown) == sorted(SEED_003_INDICATORS)
    areas = [a for g in st.goals(for_year(ds, 2019)) for a in g.areas]
    assert not any("förväntad ekonomisk effekt" in a for a in areas)  # 003 has no area 2.5


# 003's 2.2 as printed: Målvärde the applications' total (sought amount, number sent), no status mark
# (the goal "50 % … ska bli beviljat under året" is for the year, most applications are undecided).
SEED_003_GRANT_TARGETS = {
    "Beviljad finansiering av externa projektmedel.": "23 460 356 kr",
    "Antal beviljade ansökningar.": "9",
}


def test_t2_2019_grant_targets_as_003_prints_them(ds):
    """The displayed Målvärde of 2.2's rows is 003's (not half of it), and the rows are not graded."""
    from kuanalys.report import chapters as ch
    from kuanalys.report import formats as fm
    from kuanalys.report.structure import goals as st_goals
    from kuanalys.scorecard import for_year

    d = for_year(ds, 2019)
    area = next(a for g in st_goals(d) for a in g.areas if "externa medel" in a)
    goal = next(g.text for g in st_goals(d) if area in g.areas)
    table = ch.indicator_table(d, T2, goal, area, "x")
    shown = {
        str(row["Mätetal"]): fm.display_value(row["Målvärde"], table.cell_kind("Målvärde", i)).replace("\u00a0", " ")
        for i, row in enumerate(table.frame.to_dict("records"))
    }
    assert shown == SEED_003_GRANT_TARGETS
    for row in table.frame.to_dict("records"):
        assert row["Status"].endswith("ej bedömt"), row["Status"]
        text = row["Beskrivning av resultat"].replace(NBSP, " ")
        assert "50 % av" in text and "under året" in text
