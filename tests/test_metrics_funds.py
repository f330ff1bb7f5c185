import pandas as pd
import pytest

from kuanalys.metrics import funds as f
from kuanalys.periods import Tertial

T2 = Tertial(2019, 2)
D = "2019-08-31"

# Tabell 3 of the published T2 2019 report:
# area, opening, kommunerna, regionen, EU, staten, övriga, disponerade, utgående, fonderade
TABELL_3 = [
    (
        "FoUrum social välfärd och hälso- och sjukvård",
        87_139_814,
        24_669_265,
        700_000,
        0,
        58_908_949,
        2_861_600,
        20_742_497,
        66_397_317,
        49_688_209,
    ),
    ("Miljösamverkan Jönköpings län", 1_079_139, 912_472, 66_664, 0, 0, 100_000, 632_713, 446_426, 0),
    ("FoUrum utbildning", 4_198_097, 4_198_097, 0, 0, 0, 0, 1_129_117, 3_068_980, 0),
    ("FoUrum fritid", 1_693_047, 1_351_047, 0, 0, 342_000, 0, 737_394, 955_653, 0),
    ("CHANGE", 3_242_536, 0, 0, 3_242_536, 0, 0, 2_269_625, 972_911, 0),
    ("Ledning och stab", 4_042_819, 2_333_333, 0, 0, 0, 1_709_486, 4_167_644, -124_825, 0),
    ("Kurs och konferens", 1_563_970, 1_057_405, 360_080, 14_288, 0, 132_197, 1_792_261, -228_291, 0),
]
COLS = [
    "area",
    "opening_funds",
    "added_municipalities",
    "added_region",
    "added_eu",
    "added_state",
    "added_other",
    "funds_used",
    "closing_funds",
    "earmarked_state_funds",
]


def funds_frame(rows, date=D):
    df = pd.DataFrame(rows, columns=COLS)
    df.insert(0, "reporting_date", pd.Timestamp(date))
    df["area"] = df["area"].astype("category")
    for c in COLS[1:]:
        df[c] = df[c].astype("Int64")
    return df


@pytest.fixture()
def funds():
    t1 = funds_frame([(a, 10, 4, 0, 0, 6, 0, 1, 9, 0) for a, *_ in TABELL_3[:2]], date="2019-04-30")
    old = funds_frame([("X", 100, 100, 0, 0, 0, 0, 0, 100, 0)], date="2018-12-31")
    return pd.concat([old, t1, funds_frame(TABELL_3)], ignore_index=True)


def test_reporting_date(funds):
    assert f.reporting_date(funds, T2) == pd.Timestamp(D)
    assert f.reporting_date(funds, Tertial(2019, 1)) == pd.Timestamp("2019-04-30")
    assert f.reporting_date(funds, Tertial(2020, 1)) is None  # 2019 figures are not 2020's
    assert f.reporting_date(funds, Tertial(2019, 3)) is None  # nor are T2's figures T3's


@pytest.mark.parametrize("tertial", [Tertial(2017, 1), Tertial(2019, 3)])
def test_tertial_without_report_has_no_result(funds, tertial):
    assert f.available_funds(funds, tertial).empty
    assert f.financier_shares(funds, tertial).empty
    assert f.external_share(funds, tertial) is None
    assert f.earmarked_state_funds(funds, tertial) is None
    assert f.budget_vs_outcome(budget_frame(), tertial).empty
    assert f.result(income_frame(), tertial) is None
    assert f.inconsistencies(funds, budget_frame(), tertial).empty


def test_tabell_3_totals(funds):
    t = f.available_funds(funds, T2)
    total = t[t["is_total"]].iloc[0]
    assert total["area"] == "Summa"
    assert total["opening_funds"] == 102_959_422
    assert total["added_municipalities"] == 34_521_619
    assert total["added_state"] == 59_250_949
    assert total["funds_used"] == 31_471_251
    assert total["closing_funds"] == 71_488_171
    assert total["earmarked_state_funds"] == 49_688_209
    assert len(t) == 8


def test_tabell_4_shares(funds):
    s = f.financier_shares(funds, T2).set_index("area")

    def pct(area):
        return [
            None if pd.isna(v) else round(v * 100)
            for v in s.loc[area, ["share_municipalities", "share_region", "share_eu", "share_state", "share_other"]]
        ]

    assert pct("FoUrum social välfärd och hälso- och sjukvård") == [28, 1, 0, 68, 3]
    assert pct("Miljösamverkan Jönköpings län") == [85, 6, 0, 0, 9]
    assert pct("FoUrum fritid") == [80, 0, 0, 20, 0]
    assert pct("Ledning och stab") == [58, 0, 0, 0, 42]
    assert pct("Kurs och konferens") == [68, 23, 1, 0, 8]  # the published table leaves EU's 0,9 % out
    assert pct("Summa") == [34, 1, 3, 58, 5]


def test_external_share_and_earmarked(funds):
    assert round(f.external_share(funds, T2) * 100) == 66
    assert f.external_share(funds, Tertial(2020, 1)) is None
    assert f.earmarked_state_funds(funds, T2) == 49_688_209
    assert f.earmarked_state_funds(funds, Tertial(2020, 1)) is None


def test_inconsistencies_find_miljosamverkan(funds):
    inc = f.inconsistencies(funds, tertial=T2)
    assert len(inc) == 1
    row = inc.iloc[0]
    assert row["area"] == "Miljösamverkan Jönköpings län"
    assert (row["stated"], row["computed"], row["difference"]) == (1_079_139, 1_079_136, 3)
    assert "1\u00a0079\u00a0139\u00a0kr" in row["message"]
    everything = f.inconsistencies(funds)
    assert len(everything) == 1  # the T1 and 2018 rows are consistent


def test_inconsistent_closing_funds():
    bad = funds_frame([("A", 100, 100, 0, 0, 0, 0, 30, 60, 0)])
    inc = f.inconsistencies(bad)
    assert list(inc["check"]) == ["utgående medel ska vara ingående minus disponerade medel"]
    assert inc["difference"].iloc[0] == -10


def budget_frame():
    # Tabell 2 (tkr × 1000) with forecasts
    rows = [
        ("FoUrum social välfärd och hälso- och sjukvård", 34_880_000, 14_536_000, 30_000_000),
        ("Kurs och konferens", 4_000_000, 1_792_000, 1_000_000),
    ]
    df = pd.DataFrame(rows, columns=["area", "budget", "outcome", "forecast"])
    df.insert(0, "reporting_date", pd.Timestamp(D))
    df["area"] = df["area"].astype("category")
    for c in ("budget", "outcome", "forecast"):
        df[c] = df[c].astype("Int64")
    return df


def test_budget_vs_outcome():
    b = f.budget_vs_outcome(budget_frame(), T2).set_index("area")
    assert b.loc["FoUrum social välfärd och hälso- och sjukvård", "deviation"] == 20_344_000
    assert b.loc["Summa", "budget"] == 38_880_000
    assert b.loc["Summa", "deviation"] == 38_880_000 - 16_328_000
    assert b.loc["Kurs och konferens", "outcome_share"] == pytest.approx(0.448)
    inc = f.inconsistencies(funds_frame([]), budget_frame())
    assert list(inc["area"]) == ["Kurs och konferens"]
    assert list(inc["check"]) == ["prognosen för året bör inte vara lägre än utfallet hittills"]


def test_no_forecast_check_at_year_end():
    """On 31 December the year is over: a forecast below the outcome is not listed (it is not shown)."""
    year_end = budget_frame().assign(reporting_date=pd.Timestamp(2019, 12, 31))
    assert f.inconsistencies(funds_frame([]), year_end).empty


def income_frame(date=D):
    rows = [
        ("Disponerade medel från tidigare år", 9_220_000, 18_000_000, 13_000_000),
        ("Tillförda medel innevarande år", 16_480_000, 28_605_000, 25_000_000),
        ("Övriga intäkter", 9_400_000, 10_433_000, 15_600_000),
        ("Personalkostnader", -18_700_000, -31_800_000, -28_900_000),
        ("Övriga kostnader", -16_400_000, -25_238_000, -24_700_000),
    ]
    df = pd.DataFrame(rows, columns=["item", "outcome", "budget", "forecast"])
    df.insert(0, "reporting_date", pd.Timestamp(date))
    for c in ("outcome", "budget", "forecast"):
        df[c] = df[c].astype("Int64")
    return df


def test_result():
    r = f.income_result(income_frame(), T2).iloc[0]
    assert r["result"] == 0
    assert r["income"] == 35_100_000
    assert r["costs"] == -35_100_000
    assert r["budget_result"] == 0
    assert r["forecast_result"] == 0
    assert f.result(income_frame(), T2) == 0.0
    assert f.result(income_frame(), Tertial(2020, 1)) is None  # no result, never 0
    assert f.income_result(income_frame(), Tertial(2020, 1)).empty


def test_overview(funds):
    o = f.funds_overview(funds, budget_frame(), income_frame(), T2).iloc[0]
    assert o["remaining_funds"] == 71_488_171
    assert o["result"] == 0
    assert round(o["external_share"] * 100) == 66
    assert o["budget_costs"] == 38_880_000
    empty = f.funds_overview(funds, budget_frame(), income_frame(), Tertial(2020, 2)).iloc[0]
    assert pd.isna(empty["result"]) and pd.isna(empty["external_share"]) and pd.isna(empty["remaining_funds"])


def test_input_not_mutated(funds):
    before = funds.copy()
    f.financier_shares(funds, T2)
    f.inconsistencies(funds)
    pd.testing.assert_frame_equal(funds, before)
