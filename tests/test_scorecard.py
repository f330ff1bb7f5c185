import pandas as pd
import pytest

from kuanalys import scorecard as s
from kuanalys.dataset import Dataset
from kuanalys.errors import KuanalysError
from kuanalys.formatting import NBSP
from kuanalys.periods import Tertial

T2 = Tertial(2019, 2)
T1 = Tertial(2019, 1)
LY = Tertial(2018, 2)


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


# --- trend arrows: the published report's pairs ---------------------------------------------------
@pytest.mark.parametrize(
    "before, now, unit, arrow",
    [
        (0.78, 0.67, "%", "↘"),  # Reko
        (0.84, 0.83, "%", "↘"),  # strategigrupp barn och unga
        (0.64, 0.67, "%", "↗"),  # psykiatri/missbruk
        (0, 250_000, "kr", "↑"),  # granted funding
        (91, 78, "st", "↘"),  # courses
        (3746, 2726, "st", "↘"),  # participants
        (0, 0, "kr", "→"),  # financial result
    ],
)
def test_published_arrows(before, now, unit, arrow):
    assert s.trend_arrow(now, before, unit) == arrow


def test_arrow_edge_cases():
    assert s.trend_arrow(None, 0.5, "%") == ""
    assert s.trend_arrow(0.5, None, "%") == ""
    assert s.trend_arrow(10, 0, "st") == "↑"
    assert s.trend_arrow(-10, 0, "kr") == "↓"  # zero previous value: a big change either way
    assert s.trend_arrow(150, 100, "st") == "↑"  # exactly +50 %
    assert s.trend_arrow(149, 100, "st") == "↗"
    assert s.trend_arrow(50, 100, "st") == "↓"  # exactly −50 %
    assert s.trend_arrow(0, 100, "st") == "↓"
    assert s.trend_arrow(0.834, 0.826, "%") == "→"  # both print as 83 %
    assert s.trend_arrow(120, 100, "st", threshold=0.2) == "↑"  # per-indicator threshold
    assert s.trend_arrow(-150, -100, "kr") == "↓"  # relative change uses |before|


# --- status ---------------------------------------------------------------------------------------
def test_status_higher_is_better():
    # 003 (T2 2019) marks Reko 67 % and strategigrupp äldre 76 % against 80 % with the same ◆.
    a = s.assess(0.67, 0.80, unit="%")
    assert (a.status, a.symbol) == ("delvis uppfyllt", "◆")
    assert plain(a.rule) == "67 % mot målvärdet 80 %: minst 75 % men under 100 % av målet, delvis uppfyllt"
    b = s.assess(0.76, 0.80, unit="%")
    assert b.status == "delvis uppfyllt" and b.symbol == "◆"
    n = s.assess(0.59, 0.80, unit="%")
    assert (n.status, n.symbol) == ("ej uppfyllt", "■")
    assert plain(n.rule) == "59 % mot målvärdet 80 %: under 75 % av målet, ej uppfyllt"
    c = s.assess(0.83, 0.80, unit="%")
    assert c.status == "uppfyllt" and c.symbol == "●"
    assert plain(c.rule) == "83 % mot målvärdet 80 %: minst 100 % av målet, uppfyllt"
    assert s.assess(0.60, 0.80, unit="%").status == "delvis uppfyllt"  # exactly 75 %
    assert s.assess(0.80, 0.80, unit="%").status == "uppfyllt"


def test_status_shows_decimal_when_rounding_would_hide_the_miss():
    a = s.assess(0.7951, 0.80, unit="%")
    assert a.status == "delvis uppfyllt"
    assert plain(a.rule).startswith("79,5 % mot målvärdet 80,0 %")


def test_status_custom_thresholds():
    assert s.assess(0.70, 0.80, unit="%", threshold_partly=0.85).status == "delvis uppfyllt"
    assert s.assess(0.76, 0.80, unit="%", threshold_met=0.95).status == "uppfyllt"
    assert s.assess(0.76, 0.80, unit="%", threshold_met=float("nan")).status == "delvis uppfyllt"  # NaN = default


def test_status_lower_is_better():
    assert s.assess(90, 100, "lägre är bättre", "st").status == "uppfyllt"
    p = s.assess(108, 100, "lägre är bättre", "st")
    assert p.status == "delvis uppfyllt"
    assert (
        plain(p.rule) == "108 mot målvärdet 100 (lägre är bättre): över 100 % men högst 125 % av målet, delvis uppfyllt"
    )
    assert s.assess(125, 100, "lägre är bättre", "st").status == "delvis uppfyllt"
    assert s.assess(126, 100, "lägre är bättre", "st").status == "ej uppfyllt"


def test_status_balance():
    a = s.assess(0, 0, "balans", "kr")
    assert a.status == "uppfyllt"
    assert plain(a.rule) == "0 kr mot målvärdet 0 kr: lika med målet (balans), uppfyllt"
    b = s.assess(-124_825, 0, "balans", "kr")
    assert b.status == "ej uppfyllt"
    assert "skiljer sig från målet (balans)" in b.rule
    assert s.assess(-1000, 0, "balans", "kr", balance_tolerance=5000).status == "uppfyllt"
    assert s.assess(0.504, 0.50, "balans", "%").status == "uppfyllt"
    assert s.assess(0.51, 0.50, "balans", "%").status == "ej uppfyllt"


def test_status_missing_result_and_target():
    a = s.assess(None, 0.8, unit="%", period_label="tertial 2 2019")
    assert (a.status, a.symbol) == ("inget resultat", "–")
    assert a.rule == "Inget resultat för tertial 2 2019: inget resultat"
    b = s.assess(0.67, None, unit="%")
    assert (b.status, b.symbol) == ("ej bedömt", "○")
    assert "inget målvärde" in b.rule
    with pytest.raises(KuanalysError):
        s.assess(1, 1, "åt sidan")


def test_symbols_differ_in_shape_and_have_labels():
    assert len(set(s.SYMBOLS.values())) == len(s.SYMBOLS)
    assert all(s.LABELS[k] for k in s.STATUSES)


# --- targets --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, unit, kind, value",
    [
        ("80 %", "%", "value", 0.80),
        ("80\u00a0%", "%", "value", 0.80),
        ("80", "%", "value", 0.80),
        ("0,5", "%", "value", 0.5),
        ("0 kr", "kr", "value", 0.0),
        ("23 460 356 kr", "kr", "value", 23_460_356),
        ("1,5 tkr", "kr", "value", 1500),
        ("91", "st", "value", 91),
        ("1,5 mkr", "kr", "value", 1_500_000),
        ("80 procent", "%", "value", 0.80),
        ("3 746 st", "st", "value", 3746),
        ("9 st.", "st", "value", 9),
        ("−5 kr", "kr", "value", -5),
        ("Samma period föregående år", "st", "same_period_last_year", None),
    ],
)
def test_parse_target(text, unit, kind, value):
    t = s.parse_target(text, unit)
    assert t.kind == kind
    if value is not None:
        assert t.value == pytest.approx(value)


def test_parse_relative_target_and_errors():
    t = s.parse_target("50 % av grants.applied_amount", "kr")
    assert (t.kind, t.share, t.metric) == ("share_of_metric", 0.5, "grants.applied_amount")
    assert s.parse_target("", "%") is None
    assert s.parse_target(None, "%") is None
    assert s.parse_target(float("nan"), "%") is None
    with pytest.raises(KuanalysError, match="kan inte tolkas"):
        s.parse_target("ungefär åttio", "%")
    with pytest.raises(KuanalysError, match="Okänt mått"):
        s.parse_target("50 % av grants.finns_inte", "kr")
    # a count noun is no unit, and a unit must be the indicator's (issue 25)
    with pytest.raises(KuanalysError, match="'deltagare' som enhet, men det är ingen enhet. Mätetalet räknas i antal"):
        s.parse_target("3 746 deltagare", "st")
    with pytest.raises(KuanalysError, match="anges i %, men mätetalet räknas i antal"):
        s.parse_target("50 %", "st")


def test_resolve_metric():
    assert s.resolve_metric("attendance.overall") is s.METRICS["attendance.overall"]
    assert callable(s.resolve_metric("attendance.network:Reko"))
    assert callable(s.resolve_metric("attendance_rate:Reko"))  # spelling in spec.py's example
    with pytest.raises(KuanalysError, match="Giltiga mått"):
        s.resolve_metric("attendance.nope")
    with pytest.raises(KuanalysError):
        s.resolve_metric("attendance.network:")


# --- the scorecard on a dataset with stubbed metrics ----------------------------------------------
def empty_dataset(indicators: pd.DataFrame, targets: pd.DataFrame) -> Dataset:
    e = pd.DataFrame()
    return Dataset(
        attendance=e,
        networks=e,
        courses=e,
        course_participants=e,
        grants=e,
        funds_available=e,
        budget=e,
        income_statement=e,
        indicators=indicators,
        targets=targets,
        comments=e,
    )


def indicators_frame(rows):
    cols = [
        "indicator_id",
        "text",
        "goal",
        "area",
        "metric",
        "unit",
        "direction",
        "comparison",
        "threshold_met",
        "threshold_partly",
        "trend_threshold",
    ]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def targets_frame(rows):
    df = pd.DataFrame(rows, columns=["indicator_id", "year", "target"])
    df["year"] = df["year"].astype("Int64")
    return df


@pytest.fixture()
def stubbed(monkeypatch):
    values = {
        "stub.reko": {T2: 0.67, T1: 0.78, LY: 0.64},
        "stub.courses": {T2: 78.0, T1: 40.0, LY: 91.0},
        "stub.granted": {T2: 250_000.0, T1: 0.0, LY: 1_000_000.0},
        "stub.applied": {T2: 23_460_356.0, T1: 10_000_000.0, LY: 39_103_816.0},
        "stub.result": {T2: 0.0, T1: 0.0, LY: 0.0},
        "stub.none": {},
        "stub.waits": {T2: 5.0, T1: 6.0},
    }
    for key, by_t in values.items():
        monkeypatch.setitem(s.METRICS, key, lambda ds, t, by_t=by_t: by_t.get(t))
    nan = float("nan")
    ind = indicators_frame(
        [
            (
                "reko",
                "Närvaro vid träffar med Reko.",
                "G",
                "A",
                "stub.reko",
                "%",
                "högre är bättre",
                "föregående tertial",
                nan,
                nan,
                nan,
            ),
            (
                "kurser",
                "Antal genomförda kurser.",
                "G",
                "A",
                "stub.courses",
                "st",
                "högre är bättre",
                "samma period föregående år",
                nan,
                nan,
                nan,
            ),
            (
                "beviljat",
                "Beviljad finansiering.",
                "G",
                "A",
                "stub.granted",
                "kr",
                "högre är bättre",
                "föregående tertial",
                nan,
                nan,
                nan,
            ),
            ("resultat", "Finansiellt resultat.", "G", "A", "stub.result", "kr", "balans", None, nan, nan, nan),
            (
                "saknas",
                "Något utan resultat.",
                "G",
                "A",
                "stub.none",
                "%",
                "högre är bättre",
                "föregående tertial",
                nan,
                nan,
                nan,
            ),
            (
                "utanmal",
                "Något utan målvärde.",
                "G",
                "A",
                "stub.reko",
                "%",
                "högre är bättre",
                "föregående tertial",
                nan,
                nan,
                nan,
            ),
            (
                "vantan",
                "Väntetid.",
                "G",
                "A",
                "stub.waits",
                "st",
                "lägre är bättre",
                "samma period föregående år",
                nan,
                nan,
                nan,
            ),
        ]
    )
    tg = targets_frame(
        [
            ("reko", 2019, "80 %"),
            ("kurser", 2019, "samma period föregående år"),
            ("beviljat", 2019, "50 % av stub.applied"),
            ("resultat", 2019, "0 kr"),
            ("saknas", 2019, "80 %"),
            ("vantan", 2019, "5"),
            ("reko", 2018, "70 %"),
        ]
    )
    return empty_dataset(ind, tg)


def test_scorecard_rows(stubbed):
    sc = s.scorecard(stubbed, T2).set_index("indicator_id")
    assert list(sc.columns) == s.SCORECARD_COLUMNS[1:]
    reko = sc.loc["reko"]
    assert (reko["result"], reko["target"], reko["status"], reko["trend"]) == (0.67, 0.80, "delvis uppfyllt", "↘")
    assert reko["comparison_value"] == 0.78 and reko["comparison_tertial"] == "tertial 1 2019"
    assert reko["same_period_last_year_value"] == 0.64
    assert plain(reko["rule"]) == "67 % mot målvärdet 80 %: minst 75 % men under 100 % av målet, delvis uppfyllt"
    assert plain(reko["result_text"]) == (
        "Resultatet för tertial 2 2019 är 67 %. Resultatet har minskat "
        "jämfört med tertial 1 (78 %) men ökat jämfört med samma period 2018 (64 %). Resultatet når inte upp till önskat målvärde."
    )

    kurser = sc.loc["kurser"]
    assert (kurser["target"], kurser["status"], kurser["trend"]) == (91, "delvis uppfyllt", "↘")  # 78/91 = 86 % ≥ 75 %
    beviljat = sc.loc["beviljat"]
    assert beviljat["target"] == pytest.approx(11_730_178)
    assert beviljat["target_reference"] == 23_460_356  # what 003 prints as Målvärde
    # "50 % … ska bli beviljat under året": a goal for the year, not graded in tertial 2 (as in 003)
    assert (beviljat["status"], beviljat["trend"]) == ("ej bedömt", "↑")
    assert "under året" in beviljat["rule"] and "under året" in beviljat["rule_short"]

    res = sc.loc["resultat"]
    assert (res["status"], res["trend"], res["comparison"]) == ("uppfyllt", "→", "föregående tertial")

    missing = sc.loc["saknas"]
    assert missing["status"] == "inget resultat" and missing["symbol"] == "–"
    assert pd.isna(missing["result"])  # never 0
    assert missing["trend"] == ""

    assert sc.loc["utanmal"]["status"] == "ej bedömt"
    vantan = sc.loc["vantan"]
    assert (vantan["status"], vantan["trend"]) == ("uppfyllt", "")  # lower is better; no value last year


def test_scorecard_relative_target_without_reference(stubbed):
    # in 2018 the "samma period föregående år" target refers to 2017, which has no value: ej bedömt
    sc = s.scorecard(stubbed, LY).set_index("indicator_id")
    assert sc.loc["kurser", "status"] == "ej bedömt"
    assert sc.loc["reko", "target"] == pytest.approx(0.70)
    # no 2018 target row, but a balance indicator's target is balance itself, 0 (plan 001's 1.4)
    assert sc.loc["resultat", "target"] == 0 and sc.loc["resultat", "status"] != "ej bedömt"


def test_scorecard_unknown_metric_is_reported(stubbed):
    bad = empty_dataset(
        indicators_frame([("x", "X", "G", "A", "nope.key", "st", "högre är bättre", None, None, None, None)]),
        targets_frame([]),
    )
    with pytest.raises(KuanalysError, match="Okänt mått 'nope.key'"):
        s.scorecard(bad, T2)


def test_scorecard_on_real_frames():
    """The registry reads the dataset's frames: attendance and grants."""
    from tests.test_metrics_attendance import NETWORKS, frame, meeting
    from tests.test_metrics_grants import PUBLISHED, make

    att = frame(
        meeting("Reko", "2019-06-01", {"0604": True, "0617": False, "06": [True, True]}),
        meeting("Reko", "2019-03-01", {"0604": True, "0617": True, "06": [True, True]}),
    )
    ds = empty_dataset(
        indicators_frame(
            [
                (
                    "reko",
                    "Närvaro vid träffar med Reko.",
                    "G",
                    "A",
                    "attendance.network:Reko",
                    "%",
                    "högre är bättre",
                    "föregående tertial",
                    None,
                    None,
                    None,
                ),
                (
                    "bev",
                    "Beviljad finansiering.",
                    "G",
                    "A",
                    "grants.granted_amount",
                    "kr",
                    "högre är bättre",
                    "föregående tertial",
                    None,
                    None,
                    None,
                ),
                (
                    "res",
                    "Finansiellt resultat.",
                    "G",
                    "A",
                    "funds.result",
                    "kr",
                    "balans",
                    "föregående tertial",
                    None,
                    None,
                    None,
                ),
            ]
        ),
        targets_frame([("reko", 2019, "80 %"), ("bev", 2019, "50 % av grants.applied_amount"), ("res", 2019, "0 kr")]),
    )
    ds.attendance = att
    ds.networks = NETWORKS
    ds.grants = make(PUBLISHED)
    sc = s.scorecard(ds, T2).set_index("indicator_id")
    assert sc.loc["reko", "result"] == pytest.approx(0.75)
    assert sc.loc["reko", "trend"] == "↘"
    assert plain(sc.loc["reko", "result_text"]).startswith(
        "Närvaron på Rekos möten under tertial 2 2019 är 75 % i genomsnitt."
    )
    assert sc.loc["bev", "result"] == 250_000 and sc.loc["bev", "trend"] == "↑"
    assert sc.loc["bev", "comparison_value"] == 0
    assert sc.loc["res", "status"] == "inget resultat"  # no income statement: no result, not 0
    assert s.metric_value(ds, "attendance.network:Reko", Tertial(2017, 1)) is None


def test_rule_shows_fractional_count_target():
    a = s.assess(1, 4.5, unit="st")
    assert plain(a.rule) == "1 mot målvärdet 4,5: under 75 % av målet, ej uppfyllt"


def test_comparison_tertial():
    assert s.comparison_tertial(T2, "föregående tertial", "grants.granted_amount") == T1
    assert s.comparison_tertial(T2, None) == T1
    assert s.comparison_tertial(T2, "samma period föregående år", "attendance.overall") == LY
    assert s.comparison_tertial(T1, "föregående tertial", "attendance.overall") == Tertial(2018, 3)
    # a year-to-date figure restarts on 1 January: T1 is compared with T1 last year, not last year's T1–T3
    assert s.comparison_tertial(T1, "föregående tertial", "grants.granted_amount") == Tertial(2018, 1)
    assert s.comparison_tertial(T1, "föregående tertial", "courses.held") == Tertial(2018, 1)


def test_edge_cases_of_zero_targets_and_values():
    assert s.assess(0, 0, unit="kr").status == "uppfyllt"  # higher is better, target 0
    assert s.assess(0, 0, "lägre är bättre", "st").status == "uppfyllt"
    assert s.assess(1, 0, "lägre är bättre", "st").status == "ej uppfyllt"
    assert s.trend_arrow(0, 0, "st") == "→"
    assert s.trend_arrow(0.004, 0, "%") == "→"  # both print as 0 %
