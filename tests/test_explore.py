"""The exploration API (kuanalys.explore) against frames computed by hand, and against the
metrics functions on the bundled data (a renamed network, the report's overall rate)."""

from __future__ import annotations

from fractions import Fraction as F

import pandas as pd
import pytest

from kuanalys import config, explore, scorecard
from kuanalys.dataset import Dataset
from kuanalys.explore.survey import survey_shares
from kuanalys.loaders.folder import load_all
from kuanalys.metrics import attendance as att
from kuanalys.periods import Tertial
from kuanalys.schemas import TIDY_SCHEMAS, empty_frame

T1, T2 = Tertial(2019, 1), Tertial(2019, 2)
ANEBY, GNOSJO, REGION = "0604", "0617", "06"


def seats(network: str, date: str, present: dict[str, bool], fmt: str = "fysiskt") -> list[dict]:
    """One seat per organisation at one meeting."""
    return [
        {"meeting_date": pd.Timestamp(date), "network": network, "org_code": org, "present": p, "meeting_format": fmt}
        for org, p in present.items()
    ]


def dataset(*meetings: list[dict]) -> Dataset:
    """A Dataset with the given attendance (schema dtypes) and a registry of A, B (with the Region) and C."""
    df = pd.DataFrame([r for m in meetings for r in m])
    names = {ANEBY: "Aneby", GNOSJO: "Gnosjö", REGION: "Region Jönköpings län"}
    df = df.assign(organisation=df["org_code"].map(names), seat=1, gender=None)
    attendance = TIDY_SCHEMAS["attendance"].validate(df[list(TIDY_SCHEMAS["attendance"].to_schema().columns)])
    networks = TIDY_SCHEMAS["networks"].validate(
        pd.DataFrame(
            {
                "network": ["A", "B", "C"],
                "network_type": ["chefsnätverk", "styrgrupp", "chefsnätverk"],
                "area": [None, None, None],
                "with_region": [False, True, False],
            }
        )
    )
    empty = {n: empty_frame(m) for n, m in TIDY_SCHEMAS.items() if n not in ("attendance", "networks")}
    return Dataset(attendance=attendance, networks=networks, **{k: v for k, v in empty.items() if k in FIELDS})


FIELDS = set(Dataset.__dataclass_fields__) - {"files", "warnings"}

# Meeting rates (seats present ÷ seats invited), by hand:
#   T1: A 1 Feb 1/2, A 1 Mar 1/2, B 15 Feb 3/3       -> A 1/2, B 1     -> overall 3/4
#   T2: A 10 May 1/2, A 10 Jun 2/2, B 15 Jun 1/3     -> A 3/4, B 1/3   -> overall 13/24
# Gnosjö misses A on 1 Feb, 1 Mar and 10 May: three meetings in a row.
MEETINGS = (
    seats("A", "2019-02-01", {ANEBY: True, GNOSJO: False}),
    seats("A", "2019-03-01", {ANEBY: True, GNOSJO: False}),
    seats("B", "2019-02-15", {ANEBY: True, GNOSJO: True, REGION: True}),
    seats("A", "2019-05-10", {ANEBY: True, GNOSJO: False}, "digitalt"),
    seats("A", "2019-06-10", {ANEBY: True, GNOSJO: True}),
    seats("B", "2019-06-15", {ANEBY: False, GNOSJO: True, REGION: False}, "hybrid"),
)
# C meets in T2 only (2/2): it changes the mix of networks.
C_MEETING = seats("C", "2019-07-01", {ANEBY: True, GNOSJO: True})


@pytest.fixture()
def history() -> pd.DataFrame:
    return explore.attendance_history(dataset(*MEETINGS))


def test_history_one_row_per_meeting_and_organisation(history):
    assert len(history) == 2 + 2 + 3 + 2 + 2 + 3
    row = history[(history["network"] == "B") & (history["org_code"] == REGION)].iloc[0]
    assert (row["side"], row["network_type"], row["period"], row["tertial"]) == ("region", "styrgrupp", "2019-T1", 1)
    assert str(history["seats_invited"].dtype) == "Int64" and str(history["meeting_date"].dtype) == "datetime64[ns]"
    assert history["seats_invited"].sum() == 14 and history["seats_present"].sum() == 9


def test_trend_by_network_matches_hand(history):
    t = explore.trend(history, "network").set_index(["period", "group"])["rate"]
    assert t.to_dict() == pytest.approx(
        {("2019-T1", "A"): 0.5, ("2019-T1", "B"): 1.0, ("2019-T2", "A"): 0.75, ("2019-T2", "B"): 1 / 3}
    )
    total = explore.trend(history, "all").set_index("period")["rate"]
    assert total.to_dict() == pytest.approx({"2019-T1": 0.75, "2019-T2": 13 / 24})


def test_trend_by_side_in_the_region_groups(history):
    t = explore.trend(history, "side", with_region=True).set_index(["period", "group"])["rate"]
    assert t.to_dict() == pytest.approx(
        {("2019-T1", "kommun"): 1.0, ("2019-T1", "region"): 1.0, ("2019-T2", "kommun"): 0.5, ("2019-T2", "region"): 0.0}
    )


def test_trend_by_year_and_by_kommun(history):
    y = explore.trend(history, "network", freq="year").set_index("group")["rate"]
    assert y.to_dict() == pytest.approx({"A": (0.5 + 0.5 + 0.5 + 1) / 4, "B": (1 + 1 / 3) / 2})
    k = explore.trend(history, "organisation").set_index(["period", "group"])["rate"]
    assert k[("2019-T2", "Aneby")] == pytest.approx(2 / 3)  # organisation rate: seats present ÷ seats invited


def test_shift_share_by_network_matches_hand(history):
    r = explore.compare_periods(history, "2019-T1", "2019-T2")
    assert (r.total_a, r.total_b) == pytest.approx((0.75, 13 / 24))
    g = r.groups.set_index("group")
    assert list(r.groups["group"]) == ["B", "A"]  # largest contribution first
    assert g.loc["B", "within"] == pytest.approx(0.5 * (1 / 3 - 1))
    assert g.loc["A", "within"] == pytest.approx(0.5 * (0.75 - 0.5))
    assert g["mix"].tolist() == pytest.approx([0, 0])


def test_shift_share_with_a_new_network_adds_up_exactly():
    h = explore.attendance_history(dataset(*MEETINGS, C_MEETING))
    r = explore.compare_periods(h, T1, T2)
    a, b = F(3, 4), (F(3, 4) + F(1, 3) + 1) / 3
    centre = (a + b) / 2
    expected = {  # within = w̄·Δr, mix = (r̄ − R̄)·Δw
        "A": (F(5, 12) * F(1, 4), (F(5, 8) - centre) * (F(1, 3) - F(1, 2))),
        "B": (F(5, 12) * (F(1, 3) - 1), (F(2, 3) - centre) * (F(1, 3) - F(1, 2))),
        "C": (0, (1 - centre) * F(1, 3)),
    }
    g = r.groups.set_index("group")
    for name, (within, mix) in expected.items():
        assert g.loc[name, "within"] == pytest.approx(float(within))
        assert g.loc[name, "mix"] == pytest.approx(float(mix))
    assert (r.total_a, r.total_b) == pytest.approx((float(a), float(b)))
    assert g["within"].sum() + g["mix"].sum() == pytest.approx(r.change, abs=1e-15)
    assert g["contribution"].sum() == pytest.approx(float(b - a), abs=1e-15)


@pytest.mark.parametrize("by", ["network_type", "all"])
def test_shift_share_by_type_adds_up(by):
    h = explore.attendance_history(dataset(*MEETINGS, C_MEETING))
    r = explore.compare_periods(h, T1, T2, by=by)
    assert r.groups["contribution"].sum() == pytest.approx(r.change, abs=1e-15)
    assert r.total_b == pytest.approx(float((F(3, 4) + F(1, 3) + 1) / 3))


def test_shift_share_pooled_by_kommun_adds_up(history):
    r = explore.compare_periods(history, T1, T2, by="organisation", rate="pooled_rate")
    assert (r.total_a, r.total_b) == pytest.approx((5 / 7, 4 / 7))  # all seats present ÷ invited
    assert r.groups["contribution"].sum() == pytest.approx(-1 / 7, abs=1e-15)
    with pytest.raises(Exception, match="hela nätverk"):
        explore.compare_periods(history, T1, T2, by="organisation")


def test_matrix_of_kommuner_and_networks(history):
    m = explore.kommun_network_matrix(history, T2).set_index(["network", "organisation"])
    assert m.loc[("A", "Gnosjö"), ["meetings", "meetings_invited", "meetings_missed"]].tolist() == [2, 2, 1]
    assert m.loc[("A", "Gnosjö"), "rate"] == 0.5
    assert m.loc[("B", "Aneby"), "meetings_missed"] == 1 and m.loc[("B", "Aneby"), "rate"] == 0
    assert "Region Jönköpings län" not in m.index.get_level_values("organisation")


def test_kommun_absent_three_meetings_in_a_row(history):
    runs = explore.absences_in_row(history, n=3)
    assert runs[["network", "organisation", "missed_in_row", "ongoing"]].values.tolist() == [["A", "Gnosjö", 3, False]]
    assert runs["first_missed"].iloc[0] == pd.Timestamp("2019-02-01")
    assert runs["last_missed"].iloc[0] == pd.Timestamp("2019-05-10")
    assert explore.absences_in_row(history, n=4).empty
    # Within T2 alone Gnosjö missed one meeting of A: no run of three.
    assert explore.absences_in_row(history, n=2, start=T2, end=T2).empty


def test_networks_below_target_two_tertials_in_a_row(history):
    targets = pd.DataFrame({"network": ["A", "A", "B", "B"], "year": 2019, "tertial": [1, 2, 1, 2], "target": 0.8})
    runs = explore.below_target_in_row(history, targets, n=2)
    assert runs[["network", "tertials_below", "first_period", "last_period", "ongoing"]].values.tolist() == [
        ["A", 2, "2019-T1", "2019-T2", True]
    ]
    no_target = targets.assign(target=[0.8, None, 0.8, 0.8]).astype({"target": "Float64"})
    assert explore.below_target_in_row(history, no_target, n=2).empty  # ej bedömt ends a run


@pytest.fixture(scope="module")
def sample():
    ds = load_all(config.RAW_DATA_DIR)
    return ds, explore.attendance_history(ds)


def test_renamed_network_is_one_line_through_its_renames(sample):
    ds, h = sample
    t = explore.trend(h, "network")
    renamed = t[t["group"] == "Digitalisering i Socialtjänsten"]  # Chefsnätverk eHälsa until 2021
    assert {2018, 2019, 2022} <= set(renamed["year"])
    assert not t["group"].str.contains("eHälsa").any()
    for period, rate in zip(renamed["period"], renamed["rate"]):
        assert rate == pytest.approx(
            att.network_rate(ds.attendance, "Digitalisering i Socialtjänsten", Tertial.parse(period))
        )


def test_totals_are_the_reports_rates(sample):
    ds, h = sample
    for t in explore.tertials(h)[:4]:
        r = explore.compare_periods(h, t.previous(), t)
        assert r.total_b == pytest.approx(att.overall_rate(ds.attendance, t))
        pooled = explore.compare_periods(h, t.previous(), t, by="organisation", rate="pooled_rate")
        assert pooled.total_b == pytest.approx(att.attendance_summary(ds.attendance, None, t)["pooled_rate"].iloc[0])


def test_survey_shares_per_question_and_type(sample):
    ds, _ = sample
    s = survey_shares(explore.survey_history(ds))
    row = s[(s["year"] == 2023) & (s["question_id"] == "F01") & (s["network_type"] == "chefsnätverk")].iloc[0]
    r = ds.survey_responses
    scale = set(ds.survey_scale.loc[ds.survey_scale["very_satisfied"], "option"])
    types = dict(zip(ds.networks["network"], ds.networks["network_type"].astype(str)))
    mine = r[(r["year"] == 2023) & (r["question_id"] == "F01") & (r["network"].map(types) == "chefsnätverk")]
    assert row["share"] == pytest.approx(
        mine.loc[mine["option"].isin(scale), "respondents"].sum() / mine["respondents"].sum()
    )
    before = s[(s["year"] == 2022) & (s["question_id"] == "F01") & (s["network_type"] == "chefsnätverk")]["share"].iloc[
        0
    ]
    assert row["change"] == pytest.approx(row["share"] - before)


def test_targets_history_is_the_scorecards(sample):
    ds, h = sample
    periods = explore.tertials(h)
    got = explore.network_targets_history(ds, periods).set_index(["network", "year", "tertial"])["target"]
    for t in periods:
        for network, target in scorecard.network_targets(ds, t).items():
            value = got[(network, t.year, t.number)]
            assert (pd.isna(value) and target is None) or value == pytest.approx(target)


def test_readme_answers_run(monkeypatch):
    """README's "Utforska" block runs as written, from notebooks/ (its relative data path)."""
    readme = (config.PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Utforska närvaron, enkäten och förändringarna", 1)[1]
    code = block.split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(config.NOTEBOOKS_DIR)
    exec(compile(code, "README.md", "exec"), {})


def test_driver_sentence_names_the_largest_drivers(history):
    r = explore.compare_periods(history, T1, T2)  # 75 % → 54 %: B −33,3, A +12,5 procentenheter
    assert explore.driver_sentence(r, min_cell=0) == (
        "Minskningen från 75\u00a0% till 54\u00a0% kommer främst från B (\u221233,3\u00a0procentenheter)."
    )
    h = explore.attendance_history(dataset(*MEETINGS, C_MEETING))
    # Chefsnätverken A and C: 50 % (A alone) → (75 % + 100 %) / 2; R̄ = 11/16.
    # A: within (1 + 1/2)/2 · 1/4 = 3/16, mix (5/8 − 11/16) · (−1/2) = 1/32 → +21,9; C: mix (1 − 11/16) · 1/2 → +15,6.
    up = explore.compare_periods(h, T1, T2, network_type="chefsnätverk")
    assert explore.driver_sentence(up, min_cell=0) == (
        "Ökningen från 50\u00a0% till 88\u00a0% kommer främst från A (+21,9\u00a0procentenheter) och C (+15,6\u00a0procentenheter)."
    )


def test_no_driver_sentence_below_the_small_cell_limit(history):
    r = explore.compare_periods(history, T1, T2)
    assert explore.driver_sentence(r, min_cell=3) is not None  # B had 3 invited seats in each tertial
    assert explore.driver_sentence(r, min_cell=4) is None


def test_t2_2019_driver_sentence_for_chefsnatverken_from_the_figures(sample):
    ds, h = sample
    t, before = Tertial(2019, 2), Tertial(2018, 2)
    r = explore.compare_periods(h, before, t, network_type="chefsnätverk")
    sentence = explore.driver_sentence(r, min_cell=0)
    assert sentence == (
        "Ökningen från 68\u00a0% till 80\u00a0% kommer främst från Chefsnätverk ekonomiskt bistånd "
        "(+3,4\u00a0procentenheter) och Chefsnätverk funktionshinder (+3,2\u00a0procentenheter)."
    )
    # From the figures: the rate of chefsnätverken is the mean of their network rates, the same nine
    # networks met in both tertials, so each one's contribution is (its rate now − then) ÷ 9.
    assert r.total_b == pytest.approx(att.type_rate(ds.attendance, ds.networks, "chefsnätverk", t))
    assert r.total_a == pytest.approx(att.type_rate(ds.attendance, ds.networks, "chefsnätverk", before))
    rates = {
        p: att.attendance_rate_by_network(ds.attendance, ds.networks, p, include_without_meetings=False)
        .query("network_type == 'chefsnätverk' and meetings > 0")
        .set_index("network")["rate"]
        for p in (before, t)
    }
    assert len(rates[t]) == len(rates[before]) == 9
    by_hand = ((rates[t] - rates[before]) / 9).sort_values(ascending=False)
    assert by_hand.index[:2].tolist() == ["Chefsnätverk ekonomiskt bistånd", "Chefsnätverk funktionshinder"]
    assert by_hand.iloc[:2].round(3).tolist() == [0.034, 0.032]
    assert by_hand.sum() == pytest.approx(r.change)


def test_matrix_chart_and_its_table(history):
    from kuanalys.explore import figures as fg

    m = explore.kommun_network_matrix(history, T2)
    wide = fg.matrix_wide(m, "meetings_missed")
    assert wide.columns.tolist() == ["network", "Aneby", "Gnosjö"]
    assert wide.set_index("network").loc["A"].tolist() == [0, 1]
    fig = fg.matrix_figure(m, "rate")
    assert fig.data[0].z == ((100.0, 50.0), (0.0, 100.0)) or list(map(list, fig.data[0].z)) == [
        [100.0, 50.0],
        [0.0, 100.0],
    ]
    assert fig.data[0].text[0][1] == "50\u00a0%"
