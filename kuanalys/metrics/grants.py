"""Applications for external funding (externa medel): submitted, granted, rejected, waiting.

Definitions (the published T2 2019 report, section 2.2 and 2.5):

* **Period.** Year to date: applications with `submitted_date` from 1 January through the
  tertial's end. `grants_within_tertial` takes the applications submitted within the tertial alone.
  A tertial the register does not cover (`coverage.has_year_to_date_data` over submission and
  decision dates: nothing in the year to date, or the tertial starts after the last date) has no
  result: no applications and NA figures, never 0 kr.
* **Status as of a date.** A decision counts from its `decision_date`: an application decided
  after the tertial's end is still "väntar" as of that tertial. A decision without a
  `decision_date` counts as known (it cannot be placed in time; loaders should warn about it).
* **Granted** = "beviljad" or "delvis beviljad". For each granted application
  `granted_share` = amount granted ÷ amount applied ("55 % av ansökt belopp").
* **Success rate by count** = granted applications ÷ submitted applications; **by amount** =
  amount granted ÷ amount applied for, over all submitted applications. Their targets come from
  the Målvärden sheet (`scorecard.grant_success_targets`: "50 % av grants.applied_amount"); the
  caller passes them in, and without a target the "target met" columns are NA (ej bedömt).
"""

from __future__ import annotations

import pandas as pd

from kuanalys.metrics.coverage import has_year_to_date_data
from kuanalys.periods import Tertial

# (count target, amount target) as fractions; None = no target (ej bedömt).
SuccessTargets = tuple[float | None, float | None]
NO_TARGETS: SuccessTargets = (None, None)
GRANTED = ("beviljad", "delvis beviljad")


def status_as_of(grants: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """Return each application's decision as known on `as_of`.

    Args:
        grants: tidy grants frame (`schemas.Grants`).
        as_of: the date (inclusive) at which the status is read.

    Returns:
        A string Series aligned with `grants.index`: the decision, or "väntar" when the decision
        date falls after `as_of`.
    """
    decision = grants["decision"].astype("string")
    dd = pd.to_datetime(grants["decision_date"])
    later = dd.notna() & (dd > pd.Timestamp(as_of))
    return decision.mask(later, "väntar")


def grants_year_to_date(grants: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the applications submitted in the year to date with their status at the tertial's end.

    Args:
        grants: tidy grants frame.
        tertial: the year to date through this tertial.

    Returns:
        Columns `project`, `funder`, `area`, `submitted_date`, `amount_applied`, `status`,
        `amount_granted` (NA unless granted as of the tertial), `granted_share`,
        `decision_date`; sorted by submission date. No rows when the register does not cover the
        tertial.
    """
    if not _covers(grants, tertial):
        return _with_status(grants.iloc[0:0], tertial.end)
    g = grants.loc[tertial.in_year_to_date(pd.to_datetime(grants["submitted_date"]))]
    return _with_status(g, tertial.end)


def _covers(grants: pd.DataFrame, tertial: Tertial) -> bool:
    """Return True when the register has data for the year to date through the tertial."""
    return not grants.empty and has_year_to_date_data([grants["submitted_date"], grants["decision_date"]], tertial)


def grants_within_tertial(grants: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the applications submitted within the tertial alone, with their status at its end.

    Args:
        grants: tidy grants frame.
        tertial: the period.

    Returns:
        The columns of `grants_year_to_date`; no rows when the register does not cover the tertial.
    """
    if not _covers(grants, tertial):
        return _with_status(grants.iloc[0:0], tertial.end)
    g = grants.loc[tertial.in_period(pd.to_datetime(grants["submitted_date"]))]
    return _with_status(g, tertial.end)


def _with_status(g: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    status = status_as_of(g, as_of)
    granted = status.isin(GRANTED).fillna(False)
    amount_granted = g["amount_granted"].astype("Int64").where(granted, pd.NA)
    amount_granted = amount_granted.mask(status.eq("avslag").fillna(False), 0)  # rejected: 0 kr, known
    # A granted application without an amount keeps NA: it counts as granted, its kronor as unknown (0 in sums).
    out = pd.DataFrame(
        {
            "project": g["project"].astype("string"),
            "funder": g["funder"].astype("string"),
            "area": g["area"].astype("string") if "area" in g else pd.NA,
            "submitted_date": pd.to_datetime(g["submitted_date"]),
            "amount_applied": g["amount_applied"].astype("Int64"),
            "status": status.astype("string"),
            "amount_granted": amount_granted.astype("Int64"),
            "decision_date": pd.to_datetime(g["decision_date"]).where(status != "väntar"),
        }
    )
    out["granted_share"] = (out["amount_granted"] / out["amount_applied"].where(out["amount_applied"] > 0)).astype(
        "Float64"
    )
    cols = [
        "project",
        "funder",
        "area",
        "submitted_date",
        "amount_applied",
        "status",
        "amount_granted",
        "granted_share",
        "decision_date",
    ]
    return out[cols].sort_values("submitted_date", kind="stable", ignore_index=True)


def _summarise(apps: pd.DataFrame, label: str) -> dict:
    """Return the summary figures of some applications (all NA but the period when there are none)."""
    if apps.empty:
        return {"period": label, **{c: pd.NA for c in (*_INT_COLS, *_FLOAT_COLS)}}
    granted = apps["status"].isin(GRANTED)
    n = len(apps)
    applied = int(apps["amount_applied"].sum())
    granted_amount = int(apps.loc[granted, "amount_granted"].fillna(0).sum())
    granted_applied = int(apps.loc[granted, "amount_applied"].sum())
    decided = bool((granted | apps["status"].isin(("avslag", "återtagen"))).any())
    return {
        "period": label,
        "submitted_count": n,
        "submitted_amount": applied,
        "granted_count": int(granted.sum()),
        "granted_amount": granted_amount,
        "granted_applied_amount": granted_applied,
        "granted_share_of_applied": granted_amount / granted_applied if granted_applied else pd.NA,
        "rejected_count": int((apps["status"] == "avslag").sum()),
        "waiting_count": int((apps["status"] == "väntar").sum()),
        "withdrawn_count": int((apps["status"] == "återtagen").sum()),
        "funders": int(apps["funder"].nunique()),
        # no share before any decision: 0 % would read as rejections
        "success_rate_count": int(granted.sum()) / n if decided else pd.NA,
        "success_rate_amount": granted_amount / applied if applied and decided else pd.NA,
    }


_INT_COLS = (
    "submitted_count",
    "submitted_amount",
    "granted_count",
    "granted_amount",
    "granted_applied_amount",
    "rejected_count",
    "waiting_count",
    "withdrawn_count",
    "funders",
)
_FLOAT_COLS = ("granted_share_of_applied", "success_rate_count", "success_rate_amount")


def _frame(rows: list[dict], targets: SuccessTargets = NO_TARGETS) -> pd.DataFrame:
    out = pd.DataFrame(rows)
    for c in _INT_COLS:
        if c in out:
            out[c] = out[c].astype("Int64")
    for c in _FLOAT_COLS:
        if c in out:
            out[c] = pd.array(out[c].tolist(), dtype="Float64")
    if "success_rate_count" in out:
        for which, target in zip(("count", "amount"), targets, strict=True):
            goal = pd.Series(pd.NA if target is None else float(target), index=out.index, dtype="Float64")
            out[f"{which}_target"] = goal
            out[f"{which}_target_met"] = (out[f"success_rate_{which}"] >= goal).astype("boolean")
    return out


def grants_summary(grants: pd.DataFrame, tertial: Tertial, targets: SuccessTargets = NO_TARGETS) -> pd.DataFrame:
    """Return the year-to-date summary of applications as of the tertial's end.

    Args:
        grants: tidy grants frame.
        tertial: the year to date through this tertial.

    Returns:
        One row: `period`, `submitted_count`, `submitted_amount`, `granted_count`,
        `granted_amount`, `granted_applied_amount` (what the granted ones applied for),
        `granted_share_of_applied`, `rejected_count`, `waiting_count`, `withdrawn_count`,
        `funders`, `success_rate_count`, `success_rate_amount`, `count_target`, `amount_target`
        (from `targets`), `count_target_met`, `amount_target_met` (NA without a target). Every figure is NA when no application was
        submitted in the year to date or the register does not cover the tertial (no result, never 0).
    """
    return _frame([_summarise(grants_year_to_date(grants, tertial), tertial.ytd_label())], targets)


def grants_within_tertial_summary(
    grants: pd.DataFrame, tertial: Tertial, targets: SuccessTargets = NO_TARGETS
) -> pd.DataFrame:
    """Return the summary (as `grants_summary`) of the applications submitted within the tertial alone.

    Args:
        grants: tidy grants frame.
        tertial: the period.

    Returns:
        One row with the columns of `grants_summary`.
    """
    return _frame([_summarise(grants_within_tertial(grants, tertial), tertial.label())], targets)


def grants_by_funder(grants: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the year-to-date applications per funder, as of the tertial's end.

    Args:
        grants: tidy grants frame.
        tertial: the year to date through this tertial.

    Returns:
        Columns `funder`, `submitted_count`, `submitted_amount`, `granted_count`,
        `granted_amount`, `rejected_count`, `waiting_count`, `withdrawn_count`; sorted by amount
        applied for, largest first.
    """
    apps = grants_year_to_date(grants, tertial)
    rows = []
    for funder, part in apps.groupby("funder", sort=False):
        s = _summarise(part, tertial.ytd_label())
        rows.append(
            {
                "funder": funder,
                **{
                    k: s[k]
                    for k in (
                        "submitted_count",
                        "submitted_amount",
                        "granted_count",
                        "granted_amount",
                        "rejected_count",
                        "waiting_count",
                        "withdrawn_count",
                    )
                },
            }
        )
    cols = [
        "funder",
        "submitted_count",
        "submitted_amount",
        "granted_count",
        "granted_amount",
        "rejected_count",
        "waiting_count",
        "withdrawn_count",
    ]
    out = _frame(rows) if rows else pd.DataFrame(columns=cols)
    return out[cols].sort_values("submitted_amount", ascending=False, kind="stable", ignore_index=True)


def grants_comparison(grants: pd.DataFrame, tertial: Tertial, targets: SuccessTargets = NO_TARGETS) -> pd.DataFrame:
    """Return the year-to-date summary for the tertial, the previous tertial and the same period last year.

    Each row is read as of its own tertial's end (so the previous tertial shows what was known then).

    Args:
        grants: tidy grants frame.
        tertial: the period.

    Returns:
        Three rows, `comparison` = "aktuell tertial", "föregående tertial",
        "samma period föregående år", with the columns of `grants_summary`; two for a whole
        year, whose previous period is the same period last year (the year before).
    """
    periods = [("aktuell tertial", tertial), ("föregående tertial", tertial.previous())]
    periods.append(("samma period föregående år", tertial.same_period_last_year()))
    if tertial.previous() == tertial.same_period_last_year():  # a whole year: the year before, once
        del periods[1]
    rows = []
    for label, t in periods:
        rows.append({"comparison": label, **_summarise(grants_year_to_date(grants, t), t.ytd_label())})
    return _frame(rows, targets)


def _value(grants: pd.DataFrame, tertial: Tertial, column: str) -> float | None:
    v = grants_summary(grants, tertial)[column].iloc[0]
    return None if pd.isna(v) else float(v)


def applied_amount(grants: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the amount applied for in the year to date, kr (None when nothing was submitted)."""
    return _value(grants, tertial, "submitted_amount")


def applied_count(grants: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the number of applications submitted in the year to date (None when none was)."""
    return _value(grants, tertial, "submitted_count")


def granted_amount(grants: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the kronor granted (beviljad or delvis beviljad) as of the tertial's end, year to date.

    Returns:
        The amount (0 when applications were submitted but none granted), or None when no
        application was submitted in the year to date.
    """
    return _value(grants, tertial, "granted_amount")


def granted_count(grants: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the number of granted applications as of the tertial's end, year to date (None when none was submitted)."""
    return _value(grants, tertial, "granted_count")
