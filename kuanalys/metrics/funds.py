"""Funds (ekonomi): available funds per area and financier, budget vs outcome, result.

Definitions (the published T2 2019 report, section 2.3–2.5, Tabell 1–4):

* **Reporting date of a tertial** = the latest `reporting_date` in the table that falls within
  the tertial (2019-08-31 for T2 2019). A tertial without one gives empty results / None: an
  earlier tertial's figures are never passed off as this tertial's (tertial 3 2019 has no result
  when the last report is dated 2019-08-31).
* **Added funds** of an area = the sum of its financier columns (kommunerna, regionen, EU,
  staten, övriga). **Shares** (Tabell 4) = each financier's added funds ÷ the area's added funds;
  the total row uses the sums over all areas.
* **External financing share** = added funds from others than kommunerna ÷ all added funds
  ("den externa finansieringen … uppgår till 66 %").
* **Deviation** (Tabell 2) = budget − outcome to date ("Avvikelse helårsbudget").
* **Result** = the sum of the income statement's outcome (income positive, costs negative);
  budget and forecast results likewise.
* **Remaining funds** = the sum of the areas' closing funds (utgående medel).

`inconsistencies` lists arithmetic slips in the input (e.g. Miljösamverkan's opening funds
1 079 139 kr against financier columns summing to 1 079 136 kr in the published Tabell 3), so a
report can state that the computed figure is right and the source slips.
"""

from __future__ import annotations

import pandas as pd

from kuanalys.formatting import format_kr
from kuanalys.periods import Tertial

FINANCIERS: dict[str, str] = {
    "added_municipalities": "kommunerna",
    "added_region": "regionen",
    "added_eu": "EU-bidrag",
    "added_state": "staten",
    "added_other": "övriga",
}
TOTAL_LABEL = "Summa"
_AMOUNTS = ("opening_funds", *FINANCIERS, "funds_used", "closing_funds", "earmarked_state_funds")


def reporting_date(frame: pd.DataFrame, tertial: Tertial) -> pd.Timestamp | None:
    """Return the tertial's last reporting date in a table with a `reporting_date` column.

    Args:
        frame: a funds, budget or income statement frame.
        tertial: the period.

    Returns:
        The latest reporting date within the tertial, or None.
    """
    if frame.empty:
        return None
    d = pd.to_datetime(frame["reporting_date"])
    d = d[tertial.in_period(d)]
    return None if d.empty else pd.Timestamp(d.max())


def is_year_end(frame: pd.DataFrame, tertial: Tertial) -> bool:
    """Return True when the tertial's reporting date is 31 December: the year is over, so a forecast
    for it is the outcome and is not shown beside it."""
    return is_last_day_of_year(reporting_date(frame, tertial))


def is_last_day_of_year(when: pd.Timestamp | None) -> bool:
    """Return True for a reporting date of 31 December (False for none)."""
    return when is not None and (when.month, when.day) == (12, 31)


def _at(frame: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    when = reporting_date(frame, tertial)
    if when is None:
        return frame.iloc[0:0]
    return frame.loc[pd.to_datetime(frame["reporting_date"]) == when]


def available_funds(funds_available: pd.DataFrame, tertial: Tertial, with_total: bool = True) -> pd.DataFrame:
    """Return available funds per area and financier at the tertial's reporting date (Tabell 3).

    Args:
        funds_available: tidy frame (`schemas.FundsAvailable`).
        tertial: the period.
        with_total: append a total row (`area` = "Summa", `is_total` True).

    Returns:
        Columns `reporting_date`, `area`, `opening_funds`, `added_municipalities`,
        `added_region`, `added_eu`, `added_state`, `added_other`, `added_total`, `funds_used`,
        `closing_funds`, `earmarked_state_funds`, `is_total`; areas in input order. Amounts in kr.
    """
    f = _at(funds_available, tertial)
    out = f[["reporting_date", "area", *_AMOUNTS]].copy()
    out["area"] = out["area"].astype("string")
    for c in _AMOUNTS:
        out[c] = out[c].astype("Int64")
    out["added_total"] = out[list(FINANCIERS)].sum(axis=1).astype("Int64")
    out["is_total"] = False
    if with_total and not out.empty:
        total = {c: out[c].sum() for c in (*_AMOUNTS, "added_total")}
        total.update({"reporting_date": out["reporting_date"].iloc[0], "area": TOTAL_LABEL, "is_total": True})
        out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
        for c in (*_AMOUNTS, "added_total"):
            out[c] = out[c].astype("Int64")
        out["area"] = out["area"].astype("string")
    out["is_total"] = out["is_total"].astype(bool)
    cols = [
        "reporting_date",
        "area",
        "opening_funds",
        *FINANCIERS,
        "added_total",
        "funds_used",
        "closing_funds",
        "earmarked_state_funds",
        "is_total",
    ]
    return out[cols].reset_index(drop=True)


def financier_shares(funds_available: pd.DataFrame, tertial: Tertial, with_total: bool = True) -> pd.DataFrame:
    """Return each financier's share of each area's added funds (Tabell 4).

    share = the financier's added funds ÷ the area's added funds (sum of the financier columns).

    Args:
        funds_available: tidy frame.
        tertial: the period.
        with_total: append the total row ("Summa"), computed from the sums over all areas.

    Returns:
        Columns `area`, `share_municipalities`, `share_region`, `share_eu`, `share_state`,
        `share_other` (fractions; NA when an area has no added funds), `added_total`, `is_total`.
    """
    t = available_funds(funds_available, tertial, with_total=with_total)
    out = pd.DataFrame({"area": t["area"]})
    denom = t["added_total"].where(t["added_total"] != 0)
    for col in FINANCIERS:
        out[col.replace("added_", "share_")] = (t[col] / denom).astype("Float64")
    out["added_total"] = t["added_total"]
    out["is_total"] = t["is_total"]
    return out


def external_share(funds_available: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return added funds from others than kommunerna ÷ all added funds, or None without data.

    Args:
        funds_available: tidy frame.
        tertial: the period.

    Returns:
        The share as a fraction, or None when there is no reporting date or no added funds.
    """
    t = available_funds(funds_available, tertial, with_total=False)
    total = int(t["added_total"].sum()) if not t.empty else 0
    if total == 0:
        return None
    return float((total - int(t["added_municipalities"].sum())) / total)


def earmarked_state_funds(funds_available: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the earmarked (fonderade) state funds at the reporting date, kr, or None without data.

    Args:
        funds_available: tidy frame.
        tertial: the period.

    Returns:
        The sum over the areas, or None when the tertial has no reporting date.
    """
    t = available_funds(funds_available, tertial, with_total=False)
    return None if t.empty else float(t["earmarked_state_funds"].sum())


def budget_vs_outcome(budget: pd.DataFrame, tertial: Tertial, with_total: bool = True) -> pd.DataFrame:
    """Return budget, outcome to date and deviation per activity (Tabell 2).

    deviation = budget − outcome; outcome_share = outcome ÷ budget;
    forecast_deviation = budget − forecast.

    Args:
        budget: tidy frame (`schemas.Budget`).
        tertial: the period.
        with_total: append a total row ("Summa").

    Returns:
        Columns `reporting_date`, `area`, `budget`, `outcome`, `deviation`, `outcome_share`,
        `forecast`, `forecast_deviation`, `is_total`.
    """
    b = _at(budget, tertial)
    out = pd.DataFrame(
        {
            "reporting_date": b["reporting_date"],
            "area": b["area"].astype("string"),
            "budget": b["budget"].astype("Int64"),
            "outcome": b["outcome"].astype("Int64"),
            "forecast": b["forecast"].astype("Int64"),
            "is_total": False,
        }
    )
    if with_total and not out.empty:
        total = {
            "reporting_date": out["reporting_date"].iloc[0],
            "area": TOTAL_LABEL,
            "budget": out["budget"].sum(),
            "outcome": out["outcome"].sum(),
            "forecast": out["forecast"].sum() if out["forecast"].notna().any() else pd.NA,
            "is_total": True,
        }
        out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    for c in ("budget", "outcome", "forecast"):
        out[c] = out[c].astype("Int64")
    out["area"] = out["area"].astype("string")
    out["is_total"] = out["is_total"].astype(bool)
    out["deviation"] = (out["budget"] - out["outcome"]).astype("Int64")
    out["outcome_share"] = (out["outcome"] / out["budget"].where(out["budget"] != 0)).astype("Float64")
    out["forecast_deviation"] = (out["budget"] - out["forecast"]).astype("Int64")
    cols = [
        "reporting_date",
        "area",
        "budget",
        "outcome",
        "deviation",
        "outcome_share",
        "forecast",
        "forecast_deviation",
        "is_total",
    ]
    return out[cols].reset_index(drop=True)


def income_result(income_statement: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the result of the income statement at the tertial's reporting date (Tabell 1).

    result = sum of `outcome` over the items (income positive, costs negative); likewise the
    budget and forecast results (NA when no item has a budget / forecast).

    Args:
        income_statement: tidy frame (`schemas.IncomeStatement`).
        tertial: the period.

    Returns:
        One row: `reporting_date`, `income`, `costs`, `result`, `budget_costs` (the cost items'
        budget, negative), `budget_result`, `forecast_result`; an empty frame when the tertial has no
        reporting date.
    """
    s = _at(income_statement, tertial)
    cols = ["reporting_date", "income", "costs", "result", "budget_costs", "budget_result", "forecast_result"]
    if s.empty:
        return pd.DataFrame(columns=cols)
    o = s["outcome"].astype("Int64")
    row = {
        "reporting_date": pd.Timestamp(s["reporting_date"].iloc[0]),
        "income": int(o[o > 0].sum()),
        "costs": int(o[o < 0].sum()),
        "result": int(o.sum()),
        "budget_costs": int(s.loc[o < 0, "budget"].sum()) if s.loc[o < 0, "budget"].notna().any() else pd.NA,
        "budget_result": int(s["budget"].sum()) if s["budget"].notna().any() else pd.NA,
        "forecast_result": int(s["forecast"].sum()) if s["forecast"].notna().any() else pd.NA,
    }
    out = pd.DataFrame([row])
    for c in ("income", "costs", "result", "budget_costs", "budget_result", "forecast_result"):
        out[c] = out[c].astype("Int64")
    return out[cols]


def result(income_statement: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the financial result (sum of the income statement's outcome), kr, or None without data.

    Args:
        income_statement: tidy frame.
        tertial: the period.

    Returns:
        The result, or None when the tertial has no reporting date.
    """
    r = income_result(income_statement, tertial)
    return None if r.empty else float(r["result"].iloc[0])


def funds_overview(
    funds_available: pd.DataFrame, budget: pd.DataFrame, income_statement: pd.DataFrame, tertial: Tertial
) -> pd.DataFrame:
    """Return the key figures of the economy section in one row.

    Args:
        funds_available: tidy frame.
        budget: tidy frame.
        income_statement: tidy frame.
        tertial: the period.

    Returns:
        One row: `reporting_date`, `opening_funds`, `added_total`, `funds_used`,
        `remaining_funds` (closing funds), `earmarked_state_funds`, `external_share`,
        `budget_costs`, `outcome_costs`, `forecast_costs`, `result`, `budget_result`,
        `forecast_result`. Missing parts are NA.
    """
    t = available_funds(funds_available, tertial, with_total=False)
    b = budget_vs_outcome(budget, tertial, with_total=True)
    r = income_result(income_statement, tertial)
    bt = b[b["is_total"]]

    def pick(frame: pd.DataFrame, col: str):
        return frame[col].iloc[0] if not frame.empty else pd.NA

    def total(col: str):
        return int(t[col].sum()) if not t.empty else pd.NA

    ext = external_share(funds_available, tertial)
    row = {
        "reporting_date": reporting_date(funds_available, tertial),
        "opening_funds": total("opening_funds"),
        "added_total": total("added_total"),
        "funds_used": total("funds_used"),
        "remaining_funds": total("closing_funds"),
        "earmarked_state_funds": total("earmarked_state_funds"),
        "external_share": pd.NA if ext is None else ext,
        "budget_costs": pick(bt, "budget"),
        "outcome_costs": pick(bt, "outcome"),
        "forecast_costs": pick(bt, "forecast"),
        "result": pick(r, "result"),
        "budget_result": pick(r, "budget_result"),
        "forecast_result": pick(r, "forecast_result"),
    }
    out = pd.DataFrame([row])
    for c in out.columns:
        if c == "external_share":
            out[c] = pd.array(out[c].tolist(), dtype="Float64")
        elif c != "reporting_date":
            out[c] = pd.array(out[c].tolist(), dtype="Int64")
    return out


def inconsistencies(
    funds_available: pd.DataFrame,
    budget: pd.DataFrame | None = None,
    tertial: Tertial | None = None,
) -> pd.DataFrame:
    """List arithmetic inconsistencies in the funds input.

    Checks, per area and reporting date:

    * opening funds = sum of the financier columns (ingående = tillförda medel);
    * closing funds = opening funds − funds used (utgående = ingående − disponerade);
    * (earmarked state funds are not checked: they include earlier years' funds, so no identity holds);
    * in the budget table, a forecast below the outcome to date is listed as "prognos under utfall".

    Args:
        funds_available: tidy frame.
        budget: tidy budget frame, or None.
        tertial: only the tertial's reporting date (None = every reporting date).

    Returns:
        Columns `table`, `reporting_date`, `area`, `check` (Swedish), `stated`, `computed`,
        `difference` (stated − computed), `message` (a Swedish sentence); empty when all holds.
    """
    fa = funds_available if tertial is None else _at(funds_available, tertial)
    rows = _funds_rows(fa)
    if budget is not None and not budget.empty:
        rows += _budget_rows(budget if tertial is None else _at(budget, tertial))
    cols = ["table", "reporting_date", "area", "check", "stated", "computed", "difference", "message"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("stated", "computed", "difference"):
        out[c] = out[c].astype("Int64")
    return out


def _funds_rows(fa: pd.DataFrame) -> list[dict]:
    """Return the `inconsistencies` rows of the Disponibla medel sheet: opening funds against the
    financiers' sum, closing funds against opening − used."""
    rows: list[dict] = []
    for _, r in fa.iterrows():
        added = sum(int(r[c]) for c in FINANCIERS if not pd.isna(r[c]))
        left = (
            None
            if pd.isna(r["opening_funds"]) or pd.isna(r["funds_used"])
            else int(r["opening_funds"]) - int(r["funds_used"])
        )
        checks = [
            ("ingående medel ska vara summan av tillförda medel", "Ingående medel", r["opening_funds"], added),
            ("utgående medel ska vara ingående minus disponerade medel", "Utgående medel", r["closing_funds"], left),
        ]
        for check, what, stated, computed in checks:
            if pd.isna(stated) or computed is None or int(stated) == computed:
                continue
            diff = int(stated) - computed
            message = (
                f"{what} för {r['area']} anges till {_kr(int(stated))} men blir {_kr(computed)} "
                f"enligt regeln {check} (skillnad {_kr(diff)})."
            )
            rows.append(_row("Disponibla medel", r, check, int(stated), computed, message))
    return rows


def _budget_rows(b: pd.DataFrame) -> list[dict]:
    """Return the `inconsistencies` rows of the Budget sheet: a forecast below the outcome to date
    (not at 31 December, when the year is over and the outcome is the year's)."""
    rows: list[dict] = []
    for _, r in b.iterrows():
        when = pd.Timestamp(r["reporting_date"])
        if pd.isna(r["forecast"]) or pd.isna(r["outcome"]) or (when.month, when.day) == (12, 31):
            continue
        forecast, outcome = int(r["forecast"]), int(r["outcome"])
        if forecast < outcome and outcome >= 0:
            message = f"Prognosen för {r['area']} ({_kr(forecast)}) är lägre än utfallet hittills ({_kr(outcome)})."
            rows.append(
                _row(
                    "Budget",
                    r,
                    "prognosen för året bör inte vara lägre än utfallet hittills",
                    forecast,
                    outcome,
                    message,
                )
            )
    return rows


def _row(table: str, r: pd.Series, check: str, stated: int, computed: int, message: str) -> dict:
    """Return one `inconsistencies` row."""
    return {
        "table": table,
        "reporting_date": r["reporting_date"],
        "area": str(r["area"]),
        "check": check,
        "stated": stated,
        "computed": computed,
        "difference": stated - computed,
        "message": message,
    }


def _kr(value: int) -> str:
    return format_kr(value)


def budget_followup(funds_available: pd.DataFrame, budget: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the follow-up of available funds per area (Tabell 5 of the tertial report), kronor.

    start = closing funds at the previous year's last reporting date (NA when the records have none);
    received = available − start (what came in this year; NA without start); available = opening funds of the tertial's
    reporting date; budget and forecast = the Budget sheet's year budget and cost forecast;
    used = funds used to date; remaining = closing funds; earmarked = earmarked state funds. No forecast
    of the funds left at the year's end: the records state none (available − forecast costs would
    leave out the income still to come, and would not be the organisation's forecast).

    Args:
        funds_available: tidy frame (`schemas.FundsAvailable`).
        budget: tidy frame (`schemas.Budget`).
        tertial: the period.

    Returns:
        One row per area of the funds table at the tertial's reporting date, in its order, then each
        area that only the Budget sheet has (its budget alone; `in_funds` False), so every area is
        carried; empty when the tertial has no funds at a reporting date.
    """
    now = _at(funds_available, tertial)
    cols = ["area", "start", "received", "available", "budget", "used", "remaining", "earmarked"]
    if now.empty:
        return pd.DataFrame(columns=cols)
    year_end = Tertial(tertial.year - 1, 3)
    before = _at(funds_available, year_end)
    start = dict(zip(before["area"].astype(str), before["closing_funds"].astype("Int64")))
    b = _at(budget, tertial)
    budgets = dict(zip(b["area"].astype(str), b["budget"].astype("Int64")))
    areas = now["area"].astype(str)
    out = pd.DataFrame(
        {
            "area": areas.to_numpy(),
            "start": [start.get(a, pd.NA) for a in areas],
            "received": pd.NA,
            "available": now["opening_funds"].astype("Int64").to_numpy(),
            "budget": [budgets.get(a, pd.NA) for a in areas],
            "used": now["funds_used"].astype("Int64").to_numpy(),
            "remaining": now["closing_funds"].astype("Int64").to_numpy(),
            "earmarked": now["earmarked_state_funds"].astype("Int64").to_numpy(),
        }
    )
    out["received"] = out["available"].astype("Int64") - out["start"].astype("Int64")
    out["in_funds"] = True
    only_budget = [a for a in b["area"].astype(str) if a not in set(areas)]
    if only_budget:
        extra = pd.DataFrame({"area": only_budget, "budget": [budgets[a] for a in only_budget], "in_funds": False})
        out = pd.concat([out, extra], ignore_index=True)
    for c in cols[1:]:
        out[c] = out[c].astype("Int64")
    return out[[*cols, "in_funds"]]


def followup_vs_income_statement(
    funds_available: pd.DataFrame, budget: pd.DataFrame, income_statement: pd.DataFrame, tertial: Tertial
) -> pd.DataFrame:
    """Return how the budget follow-up's totals compare with the income statement's, kronor.

    Two checks: `used` (the areas' funds used to date) against the income statement's costs (as a
    positive amount), and `received` (funds received this year) against its income. difference =
    follow-up − income statement.

    Returns:
        One row per check whose two totals both exist: `check`, `followup`, `income_statement`,
        `difference`; empty without a follow-up or an income statement for the tertial.
    """
    cols = ["check", "followup", "income_statement", "difference"]
    f = budget_followup(funds_available, budget, tertial)
    r = income_result(income_statement, tertial)
    if f.empty or r.empty:
        return pd.DataFrame(columns=cols)
    f = f[f["in_funds"].astype(bool)]
    rows = []
    for check, col, stated in (
        ("used", "used", -int(r["costs"].iloc[0])),
        ("received", "received", int(r["income"].iloc[0])),
    ):
        if f[col].isna().any():  # a total only when every area has the figure
            continue
        total = int(f[col].sum())
        rows.append({"check": check, "followup": total, "income_statement": stated, "difference": total - stated})
    return pd.DataFrame(rows, columns=cols)
