import pandas as pd
import pytest

from kuanalys.metrics import grants as g
from kuanalys.periods import Tertial

T2 = Tertial(2019, 2)


def make(rows):
    df = pd.DataFrame(
        rows,
        columns=[
            "project",
            "funder",
            "amount_applied",
            "submitted_date",
            "decision",
            "amount_granted",
            "decision_date",
        ],
    )
    df["area"] = pd.Categorical([None] * len(df))
    df["funder"] = df["funder"].astype("category")
    df["decision"] = df["decision"].astype("category")
    df["amount_applied"] = df["amount_applied"].astype("Int64")
    df["amount_granted"] = df["amount_granted"].astype("Int64")
    df["submitted_date"] = pd.to_datetime(df["submitted_date"])
    df["decision_date"] = pd.to_datetime(df["decision_date"])
    return df


# The nine applications of 2019 as published in section 2.2 (dates chosen: 4 in T1, 5 in T2),
# plus one decided after T2 and two from 2018.
PUBLISHED = [
    ("Räkna med mig!", "Svenska ESF-rådet", 7_157_872, "2019-02-14", "avslag", None, "2019-06-19"),
    ("Letterbox Club Sverige", "Regional utveckling", 4_360_000, "2019-03-08", "väntar", None, None),
    ("Identiteter", "Forte", 1_500_000, "2019-04-10", "väntar", None, None),
    ("SMI", "Forte", 1_000_000, "2019-04-24", "beviljad", 1_000_000, "2019-10-01"),  # decided after T2
    ("Letterbox Club Sverige", "Skandias stiftelse", 150_000, "2019-05-15", "väntar", None, None),
    ("Brukarstyrda brukarrevisioner", "Forte", 1_638_000, "2019-05-22", "avslag", None, "2019-08-27"),
    ("Mellan service och bistånd", "Forte", 4_406_996, "2019-05-29", "väntar", None, None),
    (
        "Barns delaktighet",
        "Stiftelsen Allmänna Barnhuset",
        455_165,
        "2019-05-08",
        "delvis beviljad",
        250_000,
        "2019-06-26",
    ),
    ("Att ge omsorg och få stöd", "Forte", 2_792_323, "2019-06-05", "väntar", None, None),
    ("Senare", "Forte", 99, "2019-09-05", "väntar", None, None),
    ("KOSTA", "Svenska ESF-rådet", 12_500_000, "2018-02-27", "beviljad", 12_500_000, "2018-06-14"),
    ("Återtagen", "Forte", 1_000, "2018-05-27", "återtagen", None, "2018-06-01"),
]


@pytest.fixture()
def grants():
    return make(PUBLISHED)


def test_year_to_date_summary_matches_published(grants):
    s = g.grants_summary(grants, T2).iloc[0]
    assert s["submitted_count"] == 9
    assert s["submitted_amount"] == 23_460_356
    assert s["granted_count"] == 1
    assert s["granted_amount"] == 250_000
    assert s["granted_applied_amount"] == 455_165
    assert round(s["granted_share_of_applied"] * 100) == 55
    assert s["rejected_count"] == 2
    assert s["waiting_count"] == 6  # incl. the one decided in October
    assert s["withdrawn_count"] == 0
    assert s["funders"] == 5
    assert s["success_rate_count"] == pytest.approx(1 / 9)
    assert s["success_rate_amount"] == pytest.approx(250_000 / 23_460_356)
    assert pd.isna(s["count_target_met"]) and pd.isna(s["amount_target_met"])  # no target given: ej bedömt
    s = g.grants_summary(grants, T2, targets=(0.5, 0.5)).iloc[0]
    assert not s["count_target_met"] and not s["amount_target_met"]
    assert s["period"] == "januari–augusti 2019"


def test_decision_counts_from_its_date(grants):
    apps = g.grants_year_to_date(grants, T2).set_index("project")
    assert apps.loc["SMI", "status"] == "väntar"
    assert pd.isna(apps.loc["SMI", "amount_granted"])
    assert pd.isna(apps.loc["SMI", "decision_date"])
    assert apps.loc["Barns delaktighet", "granted_share"] == pytest.approx(250_000 / 455_165)
    t3 = g.grants_year_to_date(grants, Tertial(2019, 3)).set_index("project")
    assert t3.loc["SMI", "status"] == "beviljad"
    # as of T1 nothing was decided yet
    t1 = g.grants_summary(grants, Tertial(2019, 1)).iloc[0]
    assert (t1["submitted_count"], t1["granted_amount"], t1["waiting_count"]) == (4, 0, 4)


def test_within_tertial(grants):
    s = g.grants_within_tertial_summary(grants, T2).iloc[0]
    assert s["submitted_count"] == 5
    assert s["submitted_amount"] == 9_442_484
    assert s["period"] == "tertial 2 2019"


def test_by_funder(grants):
    f = g.grants_by_funder(grants, T2).set_index("funder")
    assert f.loc["Forte", "submitted_count"] == 5
    assert f.loc["Forte", "submitted_amount"] == 1_500_000 + 1_000_000 + 1_638_000 + 4_406_996 + 2_792_323
    assert f.loc["Forte", "rejected_count"] == 1
    assert f.loc["Stiftelsen Allmänna Barnhuset", "granted_amount"] == 250_000
    assert f["submitted_amount"].sum() == 23_460_356
    assert f.index[0] == "Forte"  # largest amount first


def test_comparison(grants):
    cmp = g.grants_comparison(grants, T2).set_index("comparison")
    assert cmp.loc["föregående tertial", "granted_amount"] == 0
    assert cmp.loc["samma period föregående år", "submitted_amount"] == 12_501_000
    assert cmp.loc["samma period föregående år", "withdrawn_count"] == 1
    assert cmp.loc["samma period föregående år", "granted_count"] == 1
    assert cmp.loc["aktuell tertial", "granted_amount"] == 250_000


def test_comparison_of_a_whole_year_lists_the_year_before_once(grants):
    """A year's previous period is the same period last year: one row for it, not two (the annual
    report's table showed År 2018 twice)."""
    from kuanalys.periods import Year

    cmp = g.grants_comparison(grants, Year(2019))
    assert cmp["comparison"].tolist() == ["aktuell tertial", "samma period föregående år"]
    assert cmp["period"].tolist() == ["år 2019", "år 2018"]
    assert len(g.grants_comparison(grants, T2)) == 3


def test_scalars_and_empty_period(grants):
    assert g.applied_amount(grants, T2) == 23_460_356
    assert g.applied_count(grants, T2) == 9
    assert g.granted_amount(grants, T2) == 250_000
    assert g.granted_count(grants, T2) == 1


@pytest.mark.parametrize("tertial", [Tertial(2017, 2), Tertial(2020, 1)])
def test_tertial_without_data_has_no_result(grants, tertial):
    """Before the first application and after the register's last date: no result, never 0 kr."""
    s = g.grants_summary(grants, tertial).iloc[0]
    assert s.drop(["period"]).isna().all()
    for fn in (g.applied_amount, g.applied_count, g.granted_amount, g.granted_count):
        assert fn(grants, tertial) is None, fn.__name__
    assert g.grants_year_to_date(grants, tertial).empty
    assert g.grants_within_tertial(grants, tertial).empty
    assert g.grants_by_funder(grants, tertial).empty


def test_register_ending_before_the_tertial_has_no_result(grants):
    """Tertial 3 2019 of a register whose last date is in August: not T1–T2's figures again."""
    until_august = grants[grants["project"].isin([r[0] for r in PUBLISHED[:9]])]
    until_august = until_august[until_august["project"] != "SMI"]  # its decision is dated October
    assert g.applied_count(until_august, T2) == 8
    assert g.applied_count(until_august, Tertial(2019, 3)) is None
    assert g.granted_amount(until_august, Tertial(2019, 3)) is None


def test_no_grant_yet_is_zero_kronor(grants):
    """Applications submitted but none granted: 0 kr is a result (tertial 1 2019 of the report)."""
    assert g.granted_amount(grants, Tertial(2019, 1)) == 0
    assert g.granted_count(grants, Tertial(2019, 1)) == 0


def test_success_target_met():
    df = make(
        [
            ("A", "F", 100, "2019-01-10", "beviljad", 100, "2019-02-01"),
            ("B", "F", 100, "2019-01-11", "avslag", None, "2019-02-01"),
        ]
    )
    s = g.grants_summary(df, Tertial(2019, 1), targets=(0.5, 0.6)).iloc[0]
    assert s["success_rate_count"] == 0.5 and s["count_target_met"]
    assert s["success_rate_amount"] == 0.5 and not s["amount_target_met"]
    assert s["amount_target"] == 0.6


def test_input_not_mutated(grants):
    before = grants.copy()
    g.grants_comparison(grants, T2)
    g.grants_by_funder(grants, T2)
    pd.testing.assert_frame_equal(grants, before)
