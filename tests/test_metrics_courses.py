import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuanalys.metrics import courses as c
from kuanalys.organisations import ORGANISATION_ORDER, resolve_organisation
from kuanalys.periods import Tertial

T2 = Tertial(2019, 2)

# Bilaga 2 of the published T2 2019 report: participants per organisation (469 in all).
BILAGA_2 = {
    "Aneby": 17,
    "Eksjö": 12,
    "Gislaved": 45,
    "Gnosjö": 14,
    "Habo": 16,
    "Jönköping": 76,
    "Mullsjö": 4,
    "Nässjö": 16,
    "Sävsjö": 19,
    "Tranås": 8,
    "Vaggeryd": 26,
    "Vetlanda": 24,
    "Värnamo": 55,
    "Region Jönköpings län": 112,
    "Externa deltagare": 25,
}


def test_largest_remainder_sums_exactly():
    assert c.largest_remainder_round([1, 1, 1]) == [33.4, 33.3, 33.3]
    assert c.largest_remainder_round([0, 0]) == [0.0, 0.0]
    assert c.largest_remainder_round([]) == []
    assert c.largest_remainder_round([5], decimals=0) == [100.0]
    assert c.largest_remainder_round([1, 2], total=1, decimals=2) == [0.33, 0.67]
    with pytest.raises(ValueError):
        c.largest_remainder_round([1, -1])


def test_largest_remainder_on_published_bilaga_2():
    counts = list(BILAGA_2.values())
    pct = dict(zip(BILAGA_2, c.largest_remainder_round(counts)))
    assert round(sum(pct.values()), 1) == 100.0
    assert pct["Mullsjö"] == 0.9  # the published table says 0,7 (4/469 = 0,853 %)
    assert pct["Jönköping"] == 16.2
    assert pct["Region Jönköpings län"] == 23.9  # published 24,0; 112/469 = 23,88 %


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=20))
def test_largest_remainder_property(counts):
    out = c.largest_remainder_round(counts)
    if sum(counts) == 0:
        assert out == [0.0] * len(counts)
        return
    assert round(sum(out) * 10) == 1000
    for n, p in zip(counts, out):
        exact = n / sum(counts) * 100
        assert abs(p - exact) < 0.1 + 1e-9  # each share moves by less than one unit


def course(
    cid,
    date,
    kind="kurs",
    organiser="Kurs och konferens",
    digital=False,
    cancelled=False,
    fee=None,
    ext=None,
    total=None,
    title=None,
):
    return {
        "course_id": cid,
        "title": title or cid,
        "course_date": pd.Timestamp(date),
        "organiser": organiser,
        "kind": kind,
        "digital": digital,
        "cancelled": cancelled,
        "fee_per_participant": fee,
        "external_fee_per_participant": ext,
        "participants_total": total,
    }


def make_courses(rows):
    df = pd.DataFrame(rows)
    df["organiser"] = df["organiser"].astype("category")
    df["kind"] = df["kind"].astype("category")
    for col in ("fee_per_participant", "external_fee_per_participant", "participants_total"):
        df[col] = df[col].astype("Int64")
    return df


def make_participants(rows):
    df = pd.DataFrame(rows, columns=["course_id", "org_code", "participants"])
    df["organisation"] = df["org_code"]
    df["org_code"] = df["org_code"].astype(pd.CategoricalDtype(ORGANISATION_ORDER))
    df["participants"] = df["participants"].astype("Int64")
    return df[["course_id", "org_code", "organisation", "participants"]]


@pytest.fixture()
def data():
    courses = make_courses(
        [
            course("K1", "2019-02-01", fee=1800, ext=11500, title="Projektledning i upphandlingsprojekt"),
            course("K2", "2019-06-01", digital=True, fee=3550, ext=5000, title="LOU"),
            course("K3", "2019-07-01", cancelled=True),
            course("K4", "2019-10-01"),  # after T2: not in year to date
            course("U1", "2019-03-01", kind="uppdrag", organiser="Miljösamverkan", total=50),
            course("U2", "2019-05-01", kind="uppdrag", organiser="Miljösamverkan", total=20),
            course("U3", "2019-05-01", kind="uppdrag", organiser="CHANGE", digital=True, total=100),
            course("X1", "2019-05-02", organiser="FoUrum fritid"),  # a kurs by another organiser
            course("L1", "2018-03-01"),
            course("L2", "2018-06-01", kind="uppdrag", organiser="CHANGE", total=300),
            course("L3", "2018-06-02", cancelled=True),
        ]
    )
    participants = make_participants(
        [
            ("K1", "0604", 10),
            ("K1", "06", 10),
            ("K2", "0680", 20),
            ("K2", "0642", 4),
            ("K2", "EXT", 1),
            ("K3", "0680", 5),  # cancelled: never counted
            ("K4", "0680", 7),
            ("X1", "0680", 3),
            ("L1", "0680", 100),
        ]
    )
    return courses, participants


def test_course_participants_prefers_rows(data):
    courses, participants = data
    n = c.course_participants(courses, participants)
    assert dict(zip(courses["course_id"], n)) == {
        "K1": 20,
        "K2": 25,
        "K3": 5,
        "K4": 7,
        "U1": 50,
        "U2": 20,
        "U3": 100,
        "X1": 3,
        "L1": 100,
        "L2": 300,
        "L3": 0,
    }


def test_participants_by_organisation(data):
    courses, participants = data
    before = courses.copy()
    out = c.participants_by_organisation(courses, participants, T2).set_index("org_code")
    pd.testing.assert_frame_equal(courses, before)
    assert list(out.index) == ORGANISATION_ORDER
    assert out["participants"].sum() == 45  # K1 + K2 only
    assert out.loc["0680", "participants"] == 20
    assert out.loc["0642", "participants"] == 4
    assert out.loc["0604", "percent"] == pytest.approx(22.2)
    assert round(out["percent"].sum(), 1) == 100.0
    assert out.loc["0617", "participants"] == 0
    assert out.loc["0642", "share"] == pytest.approx(4 / 45)


def test_participants_by_organisation_empty_period(data):
    courses, participants = data
    out = c.participants_by_organisation(courses, participants, Tertial(2017, 1))
    assert len(out) == len(ORGANISATION_ORDER)
    assert out["participants"].isna().all()  # no data: no result, never 0
    assert out["percent"].isna().all()


@pytest.mark.parametrize("tertial", [Tertial(2017, 1), Tertial(2030, 3)])
def test_tertial_without_data_has_no_result(data, tertial):
    """Before the first course and after the last one: NA and empty frames, never 0."""
    courses, participants = data
    totals = c.course_totals(courses, participants, tertial).iloc[0]
    assert totals.drop("period").isna().all()
    assert c.courses_held(courses, tertial) is None
    assert c.participants_total(courses, participants, tertial) is None
    assert c.digital_share(courses, tertial) is None
    assert c.uppdrag_by_organiser(courses, participants, tertial).empty
    assert c.cost_reduction(courses, participants, tertial).empty
    assert c.course_comparison(courses, participants, tertial)["value"].isna().all()


def test_totals(data):
    courses, participants = data
    t = c.course_totals(courses, participants, T2).iloc[0]
    assert t["courses_held"] == 6  # K1, K2, U1, U2, U3, X1
    assert t["kurs_held"] == 3
    assert t["uppdrag_held"] == 3
    assert t["cancelled"] == 1
    assert t["participants"] == 20 + 25 + 50 + 20 + 100 + 3
    assert t["participants_uppdrag"] == 170
    assert t["digital_held"] == 2
    assert t["digital_share"] == pytest.approx(2 / 6)
    assert t["period"] == "januari–augusti 2019"
    assert c.courses_held(courses, T2) == 6
    assert c.participants_total(courses, participants, T2) == 218
    assert c.digital_share(courses, T2) == pytest.approx(2 / 6)
    assert c.courses_held(courses, Tertial(2017, 2)) is None
    assert c.participants_total(courses, participants, Tertial(2017, 2)) is None
    assert c.digital_share(courses, Tertial(2017, 2)) is None


def test_comparison_with_last_year(data):
    courses, participants = data
    cmp = c.course_comparison(courses, participants, T2).set_index("measure")
    assert cmp.loc["courses_held", "value_last_year"] == 2
    assert cmp.loc["courses_held", "change_pct"] == pytest.approx((6 - 2) / 2)
    assert cmp.loc["participants", "value_last_year"] == 400
    assert cmp.loc["participants", "change_pct"] == pytest.approx((218 - 400) / 400)
    assert cmp.loc["cancelled", "change"] == 0
    # no data two years back: comparisons are missing, not zero
    cmp17 = c.course_comparison(courses, participants, Tertial(2018, 2)).set_index("measure")
    assert pd.isna(cmp17.loc["courses_held", "value_last_year"])
    assert pd.isna(cmp17.loc["courses_held", "change_pct"])


def test_published_change_percentages():
    # 91 -> 78 courses is −14 % of last year (the report printed 16 %); 3 746 -> 2 726 is −27 %.
    assert round((78 - 91) / 91 * 100) == -14
    assert round((2726 - 3746) / 3746 * 100) == -27


def test_uppdrag_by_organiser(data):
    courses, participants = data
    u = c.uppdrag_by_organiser(courses, participants, T2).set_index("organiser")
    assert u.loc["Miljösamverkan", "participants"] == 70
    assert u.loc["Miljösamverkan", "uppdrag"] == 2
    assert u.loc["CHANGE", "uppdrag"] == 1


def test_cost_reduction_matches_published_tabell_1():
    courses = make_courses(
        [
            course("A", "2019-03-01", fee=1800, ext=11500, total=20),
            course("B", "2019-03-02", fee=3550, ext=5000, total=25),
            course("C", "2019-03-03", fee=2550, ext=4000, total=30),
            course("D", "2019-03-04", fee=7265, ext=8000, total=20),
            course("E", "2019-05-05", fee=100, total=20),  # no external fee: left out
        ]
    )
    t = c.cost_reduction(courses, make_participants([]), T2).set_index("course_id")
    assert list(t.index) == ["A", "B", "C", "D"]
    assert list(t["reduction"]) == [194_000, 36_250, 43_500, 14_700]
    assert [round(p * 100) for p in t["reduction_pct"]] == [84, 29, 36, 9]  # published RiB: 47 % (a slip)
    assert resolve_organisation("Mullsjö") == "0642"
