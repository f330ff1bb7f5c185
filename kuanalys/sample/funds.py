"""Sample funds, budget and income statement (medel.xlsx): tabell 1–3 at 2019-08-31, earlier dates illustrative."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from kuanalys.sample import records as rec

_FUND_COLS = [
    "reporting_date",
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

# Illustrative funds at earlier reporting dates: (area, kommunerna, regionen, EU, staten, övriga,
# disponerade, fonderade). Opening funds are the sum of the financier columns.
_FUNDS_EARLIER: dict[str, tuple[tuple, ...]] = {
    "2018-04-30": (
        (rec.AREA_SOCIAL, 23_950_000, 650_000, 0, 30_400_000, 2_100_000, 9_870_000, 28_900_000),
        (rec.AREA_MILJO, 880_000, 64_000, 0, 0, 80_000, 298_000, 0),
        (rec.AREA_UTBILDNING, 4_050_000, 0, 0, 0, 0, 610_000, 0),
        (rec.AREA_FRITID, 1_310_000, 0, 0, 0, 0, 340_000, 0),
        (rec.AREA_CHANGE, 0, 0, 3_400_000, 0, 0, 1_720_000, 0),
        (rec.AREA_LEDNING, 2_270_000, 0, 0, 0, 1_100_000, 1_930_000, 0),
        (rec.AREA_KURS, 860_000, 290_000, 10_000, 0, 90_000, 1_270_000, 0),
    ),
    "2018-08-31": (
        (rec.AREA_SOCIAL, 24_100_000, 680_000, 0, 34_600_000, 2_400_000, 18_650_000, 30_100_000),
        (rec.AREA_MILJO, 890_000, 65_000, 0, 0, 95_000, 590_000, 0),
        (rec.AREA_UTBILDNING, 4_080_000, 0, 0, 0, 0, 1_150_000, 0),
        (rec.AREA_FRITID, 1_320_000, 0, 0, 0, 0, 690_000, 0),
        (rec.AREA_CHANGE, 0, 0, 5_900_000, 0, 0, 3_600_000, 0),
        (rec.AREA_LEDNING, 2_290_000, 0, 0, 0, 1_650_000, 4_010_000, 0),
        (rec.AREA_KURS, 1_380_000, 420_000, 16_000, 0, 150_000, 2_150_000, 0),
    ),
    "2018-12-31": (
        (rec.AREA_SOCIAL, 24_300_000, 700_000, 0, 43_800_000, 2_700_000, 29_400_000, 31_200_000),
        (rec.AREA_MILJO, 900_000, 66_000, 0, 0, 100_000, 920_000, 0),
        (rec.AREA_UTBILDNING, 4_100_000, 0, 0, 0, 0, 2_650_000, 0),
        (rec.AREA_FRITID, 1_330_000, 0, 0, 300_000, 0, 1_320_000, 0),
        (rec.AREA_CHANGE, 0, 0, 7_800_000, 0, 0, 6_900_000, 0),
        (rec.AREA_LEDNING, 2_310_000, 0, 0, 0, 2_300_000, 6_150_000, 0),
        (rec.AREA_KURS, 1_900_000, 560_000, 21_000, 0, 210_000, 2_950_000, 0),
    ),
    # External share ≈ 60 % ("resultat för tertial 1 var 60 %").
    "2019-04-30": (
        (rec.AREA_SOCIAL, 24_669_265, 700_000, 0, 44_300_000, 2_100_000, 9_610_000, 40_100_000),
        (rec.AREA_MILJO, 912_472, 66_664, 0, 0, 60_000, 301_000, 0),
        (rec.AREA_UTBILDNING, 4_198_097, 0, 0, 0, 0, 548_000, 0),
        (rec.AREA_FRITID, 1_351_047, 0, 0, 171_000, 0, 352_000, 0),
        (rec.AREA_CHANGE, 0, 0, 2_450_000, 0, 0, 1_330_000, 0),
        (rec.AREA_LEDNING, 2_333_333, 0, 0, 0, 1_020_000, 2_050_000, 0),
        (rec.AREA_KURS, 610_000, 190_000, 8_000, 0, 70_000, 1_020_000, 0),
    ),
}


def funds_frame() -> pd.DataFrame:
    """Return available funds per area: tabell 3 at 2019-08-31 and illustrative earlier dates."""
    rows = []
    for date, items in _FUNDS_EARLIER.items():
        for area, mun, reg, eu, state, other, used, earmarked in items:
            opening = mun + reg + eu + state + other
            rows.append((date, area, opening, mun, reg, eu, state, other, used, opening - used, earmarked))
    for area, opening, mun, reg, eu, state, other, used, closing, earmarked in rec.FUNDS_2019_08_31:
        rows.append(("2019-08-31", area, opening, mun, reg, eu, state, other, used, closing, earmarked))
    frame = pd.DataFrame(rows, columns=_FUND_COLS)
    frame["reporting_date"] = pd.to_datetime(frame["reporting_date"])
    frame["area"] = pd.Categorical(frame["area"], categories=[r[0] for r in rec.FUNDS_2019_08_31])
    for col in _FUND_COLS[2:]:
        frame[col] = frame[col].astype("Int64")
    return frame.sort_values(["reporting_date", "area"]).reset_index(drop=True)


# Forecast of the year's costs per activity at 2019-08-31 (illustrative; the report's year-end
# forecast of the whole operation is 53 600 tkr, tabell 1).
_FORECAST_2019: dict[str, int] = {
    rec.AREA_SOCIAL: 30_900_000,
    rec.AREA_MILJO: 1_000_000,
    rec.AREA_UTBILDNING: 2_300_000,
    rec.AREA_FRITID: 1_050_000,
    rec.AREA_CHANGE: 2_600_000,
    rec.AREA_OMBUD: 6_300_000,
    rec.AREA_KURS: 3_550_000,
    rec.AREA_LEDNING: 5_900_000,
}
_BUDGET_2018: dict[str, int] = {
    rec.AREA_SOCIAL: 33_500_000,
    rec.AREA_MILJO: 1_050_000,
    rec.AREA_UTBILDNING: 2_750_000,
    rec.AREA_FRITID: 1_000_000,
    rec.AREA_CHANGE: 7_900_000,
    rec.AREA_OMBUD: 6_700_000,
    rec.AREA_KURS: 3_900_000,
    rec.AREA_LEDNING: 6_200_000,
}
# Share of the year's budget used by each reporting date (illustrative).
_USED_SHARE = {"2018-04-30": 0.27, "2018-08-31": 0.55, "2018-12-31": 0.94, "2019-04-30": 0.21}


def budget_frame() -> pd.DataFrame:
    """Return budget, outcome and forecast per activity (tabell 2 at 2019-08-31, earlier dates illustrative)."""
    rows = []
    for date, share in _USED_SHARE.items():
        budgets = _BUDGET_2018 if date.startswith("2018") else {a: b for a, b, _ in rec.BUDGET_2019_08_31}
        for area, budget in budgets.items():
            outcome = int(round(budget * share * (0.9 + 0.2 * ((len(area) * 7) % 10) / 10), -3))
            forecast = int(round(budget * (0.92 + 0.01 * (len(area) % 8)), -4))
            rows.append((date, area, budget, outcome, forecast))
    for area, budget, outcome in rec.BUDGET_2019_08_31:
        rows.append(("2019-08-31", area, budget, outcome, _FORECAST_2019[area]))
    frame = pd.DataFrame(rows, columns=["reporting_date", "area", "budget", "outcome", "forecast"])
    frame["reporting_date"] = pd.to_datetime(frame["reporting_date"])
    frame["area"] = pd.Categorical(frame["area"], categories=[r[0] for r in rec.BUDGET_2019_08_31])
    for col in ("budget", "outcome", "forecast"):
        frame[col] = frame[col].astype("Int64")
    return frame.sort_values(["reporting_date", "area"]).reset_index(drop=True)


def _income_statement_at(date: str, share: float, budgets: Sequence[tuple]) -> list[tuple]:
    """Return income statement rows at a date whose outcome sums to exactly 0 kr."""
    rows = []
    for item, outcome, budget, forecast in budgets:
        base = budget if budget is not None else outcome * 1.3
        rows.append([date, item, int(round(base * share, -3)), budget, forecast])
    balance = sum(r[2] for r in rows)
    rows[-1][2] -= balance  # Övriga kostnader absorbs the rounding: the result is 0 kr.
    return [tuple(r) for r in rows]


def income_statement_frame() -> pd.DataFrame:
    """Return the income statement: tabell 1 at 2019-08-31, earlier dates illustrative (result 0 kr)."""
    rows: list[tuple] = []
    budget_2018 = [
        (item, o, None if b is None else int(round(b * 0.97, -3)), None if f is None else int(round(f * 0.97, -3)))
        for item, o, b, f in rec.INCOME_STATEMENT_2019_08_31
    ]
    for date, share in (("2018-04-30", 0.27), ("2018-08-31", 0.55), ("2018-12-31", 0.94)):
        rows += _income_statement_at(date, share, budget_2018)
    rows += _income_statement_at("2019-04-30", 0.24, rec.INCOME_STATEMENT_2019_08_31)
    rows += [("2019-08-31", item, o, b, f) for item, o, b, f in rec.INCOME_STATEMENT_2019_08_31]
    frame = pd.DataFrame(rows, columns=["reporting_date", "item", "outcome", "budget", "forecast"])
    frame["reporting_date"] = pd.to_datetime(frame["reporting_date"])
    frame["item"] = frame["item"].astype("str")
    for col in ("outcome", "budget", "forecast"):
        frame[col] = pd.array([None if pd.isna(v) else int(v) for v in frame[col]], dtype="Int64")
    return frame
