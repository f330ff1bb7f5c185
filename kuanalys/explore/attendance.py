"""Exploring attendance across all years: trends, two-period comparisons with their drivers, the
kommun × network matrix, and runs of absences and of results below target.

Every function takes the tidy history of `history.attendance_history` and returns a new tidy
frame; none changes its input. The rates are those of `metrics.attendance`:

* **rate** — as the report states it: a meeting's rate = seats present ÷ seats invited (over the
  selected rows), a network's rate = the mean of its meeting rates, and a group of networks (a
  type, a side, a format, all) = the mean of its networks' rates. Grouped by organisation, `rate`
  is the organisation rate (seats present ÷ seats invited), as in `attendance_by_organisation`.
* **pooled_rate** — all seats present ÷ all seats invited (every seat weighs the same).

Rates are fractions of 1; NA where nothing was invited. Periods are `Tertial` or `Year` objects
(or labels such as "2019-T2"); a span runs from the start of `start` to the end of `end`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from kuanalys import scorecard
from kuanalys.dataset import Dataset
from kuanalys.errors import KuanalysError
from kuanalys.periods import Tertial, Year

Group = Literal["network", "network_type", "area", "organisation", "side", "meeting_format", "all"]
Measure = Literal["rate", "pooled_rate", "meetings", "seats_invited", "seats_present"]
PeriodArg = Tertial | str | int | None

GROUPS: tuple[str, ...] = ("network", "network_type", "area", "organisation", "side", "meeting_format", "all")
MEASURES: tuple[str, ...] = ("rate", "pooled_rate", "meetings", "seats_invited", "seats_present")
# Groupings whose `rate` is the organisation rate (pooled seats), not a mean of network rates.
_POOLED_GROUPS = ("organisation",)


def as_period(value: PeriodArg) -> Tertial | None:
    """Return a Tertial for "2019-T2" or Tertial(2019, 2), a Year for 2019 or "2019", None for None."""
    if value is None or isinstance(value, Tertial):
        return value
    text = str(value).strip()
    if text.isdigit():
        return Year(int(text))
    return Tertial.parse(text)


def select(
    history: pd.DataFrame,
    start: PeriodArg = None,
    end: PeriodArg = None,
    *,
    network_type: str | None = None,
    network: str | None = None,
    kommun: str | None = None,
    side: str | None = None,
    with_region: bool | None = None,
) -> pd.DataFrame:
    """Return the rows of a span (from the start of `start` to the end of `end`) that match every
    given filter; `kommun` is an organisation's name or code."""
    keep = pd.Series(True, index=history.index)
    s, e = as_period(start), as_period(end)
    if s is not None:
        keep &= history["meeting_date"] >= s.start
    if e is not None:
        keep &= history["meeting_date"] <= e.end
    for col, value in (("network_type", network_type), ("network", network), ("side", side)):
        if value is not None:
            keep &= (history[col].astype("string") == value).fillna(False)
    if kommun is not None:
        keep &= ((history["organisation"] == kommun) | (history["org_code"] == kommun)).fillna(False)
    if with_region is not None:
        keep &= (history["with_region"] == with_region).fillna(False)
    return history.loc[keep.to_numpy()]


def _keyed(history: pd.DataFrame, by: str, freq: str) -> tuple[pd.DataFrame, list[str]]:
    """Return the history with a `group` column (and `period` by year when freq="year")."""
    if by not in GROUPS:
        raise KuanalysError(f"Okänd gruppering {by!r}; välj bland {', '.join(GROUPS)}.")
    if freq not in ("tertial", "year"):
        raise KuanalysError(f"Okänd periodlängd {freq!r}; välj 'tertial' eller 'year'.")
    group = pd.Series("Alla", index=history.index, dtype="string") if by == "all" else history[by].astype("string")
    out = history.assign(group=group)
    if freq == "year":
        out = out.assign(period=out["year"].astype("string"), tertial=pd.NA)
    return out, ["period", "year", "tertial", "group"]


def _rates(keyed: pd.DataFrame, keys: list[str], pooled_rate_column: bool) -> pd.DataFrame:
    """Return per `keys`: networks, meetings, seats and both rates (see the module docstring)."""
    meeting = keyed.groupby([*keys, "network", "meeting_date"], dropna=False, sort=False, observed=True)[
        ["seats_invited", "seats_present"]
    ].sum()
    meeting["rate"] = meeting["seats_present"] / meeting["seats_invited"].where(meeting["seats_invited"] > 0)
    per_network = meeting.groupby(level=[*range(len(keys)), len(keys)], dropna=False, sort=False).agg(
        meetings=("rate", "size"),
        seats_invited=("seats_invited", "sum"),
        seats_present=("seats_present", "sum"),
        rate=("rate", "mean"),
    )
    out = per_network.groupby(level=list(range(len(keys))), dropna=False, sort=False).agg(
        networks=("rate", "size"),
        meetings=("meetings", "sum"),
        seats_invited=("seats_invited", "sum"),
        seats_present=("seats_present", "sum"),
        rate=("rate", "mean"),
    )
    out["pooled_rate"] = out["seats_present"] / out["seats_invited"].where(out["seats_invited"] > 0)
    if pooled_rate_column:
        out["rate"] = out["pooled_rate"]
    return out.reset_index()


TREND_COLUMNS = {
    "period": "string",
    "year": "Int64",
    "tertial": "Int64",
    "group": "string",
    "networks": "Int64",
    "meetings": "Int64",
    "seats_invited": "Int64",
    "seats_present": "Int64",
    "rate": "Float64",
    "pooled_rate": "Float64",
}


def trend(
    history: pd.DataFrame,
    by: Group = "network",
    *,
    freq: Literal["tertial", "year"] = "tertial",
    start: PeriodArg = None,
    end: PeriodArg = None,
    **filters,
) -> pd.DataFrame:
    """Return every measure per period and group over a span (filters as in `select`).

    Returns:
        Columns and dtypes of `TREND_COLUMNS`, one row per period (tertial "2019-T2" or year
        "2019") and group that had a meeting, in time order then group.
    """
    rows = select(history, start, end, **filters)
    keyed, keys = _keyed(rows, by, freq)
    out = _rates(keyed, keys, by in _POOLED_GROUPS) if len(keyed) else pd.DataFrame(columns=list(TREND_COLUMNS))
    out = out[list(TREND_COLUMNS)].astype(TREND_COLUMNS)
    return out.sort_values(["year", "tertial", "group"], ignore_index=True)


@dataclass(frozen=True)
class ShiftShare:
    """`compare_periods`' result: the groups' contributions and the totals they add up to.

    Attributes:
        groups: one row per group (see `compare_periods`), largest contribution first.
        total_a, total_b: the rate of all selected rows in period a and in period b.
        period_a, period_b: the periods' labels ("2019-T1").
        by, rate: the grouping and the rate compared.
    """

    groups: pd.DataFrame
    total_a: float | None
    total_b: float | None
    period_a: str
    period_b: str
    by: str
    rate: str

    @property
    def change(self) -> float | None:
        """total_b − total_a (a fraction: 0.021 = 2,1 procentenheter)."""
        return None if self.total_a is None or self.total_b is None else self.total_b - self.total_a


SHIFT_SHARE_COLUMNS = {
    "group": "string",
    "rate_a": "Float64",
    "rate_b": "Float64",
    "weight_a": "Float64",
    "weight_b": "Float64",
    "networks_a": "Int64",
    "networks_b": "Int64",
    "seats_invited_a": "Int64",
    "seats_invited_b": "Int64",
    "within": "Float64",
    "mix": "Float64",
    "contribution": "Float64",
}


def _period_groups(history: pd.DataFrame, period: Tertial, by: str, rate: str) -> pd.DataFrame:
    """Return group, weight, rate, networks and seats of one period (weights add up to 1)."""
    rows = select(history, period, period)
    freq = "year" if isinstance(period, Year) else "tertial"
    if rate == "rate":  # the report's rate: each network weighs the same
        per = _rates(*_keyed(rows, "network", freq), False)
        if by != "network":
            of_network = rows.drop_duplicates("network").set_index("network")
            per["group"] = "Alla" if by == "all" else per["group"].map(of_network[by].astype("string"))
        g = per.groupby("group", sort=False).agg(
            networks=("rate", "size"), seats_invited=("seats_invited", "sum"), rate=("rate", "mean")
        )
        g["weight"] = g["networks"] / g["networks"].sum()
    else:  # pooled: each seat weighs the same
        g = _rates(*_keyed(rows, by, freq), True).groupby("group", sort=False).sum(numeric_only=True)
        g["rate"] = g["seats_present"] / g["seats_invited"]
        g["weight"] = g["seats_invited"] / g["seats_invited"].sum()
    return g[["networks", "seats_invited", "rate", "weight"]]


def compare_periods(
    history: pd.DataFrame,
    a: PeriodArg,
    b: PeriodArg,
    by: Group = "network",
    *,
    rate: Literal["rate", "pooled_rate"] = "rate",
    **filters,
) -> ShiftShare:
    """Return the change of a rate from period `a` to period `b`, split into its drivers.

    The rate of all selected rows is a weighted mean of the groups' rates, R = Σ wᵍ·rᵍ: with
    `rate="rate"` (the report's) the groups' network counts weigh (so `by` must group whole
    networks: network, network_type, area, all); with `rate="pooled_rate"` their invited seats
    (any `by`). The change is split per group, exactly (a symmetric shift-share):

    * within = w̄·(r_b − r_a): the group's own rate changed (w̄ = the mean of its two weights);
    * mix = (r̄ − R̄)·(w_b − w_a): the group weighs more or less, counted by how far its rate
      (r̄, the mean of its two rates) lies from the overall rate (R̄, the mean of both totals);
    * a group with meetings in one period only: within = 0, mix = (r − R̄)·(±w).

    Since the weights of each period add up to 1, Σ within + Σ mix = R_b − R_a.

    Returns:
        A `ShiftShare`; its `groups` frame has the columns and dtypes of `SHIFT_SHARE_COLUMNS`
        (contributions as fractions: −0.021 = −2,1 procentenheter), largest |contribution| first.
    """
    pa_, pb = as_period(a), as_period(b)
    if rate == "rate" and by not in ("network", "network_type", "area", "all"):
        raise KuanalysError(
            f"Närvaron (medel per nätverk) kan bara delas upp på hela nätverk, inte på {by!r}: använd rate='pooled_rate'."
        )
    rows = select(history, **filters)
    ga, gb = (_period_groups(rows, p, by, rate) for p in (pa_, pb))
    total_a = float((ga["weight"] * ga["rate"]).sum()) if len(ga) else None
    total_b = float((gb["weight"] * gb["rate"]).sum()) if len(gb) else None
    both = ga.add_suffix("_a").join(gb.add_suffix("_b"), how="outer")
    out = both.rename_axis("group").reset_index()
    if total_a is not None and total_b is not None:
        centre = (total_a + total_b) / 2
        wa, wb = out["weight_a"].fillna(0), out["weight_b"].fillna(0)
        r_mean = out[["rate_a", "rate_b"]].mean(axis=1)  # one rate when the group met in one period only
        out["within"] = ((wa + wb) / 2 * (out["rate_b"] - out["rate_a"])).fillna(0)
        out["mix"] = (r_mean - centre) * (wb - wa)
    else:
        out["within"] = pd.NA
        out["mix"] = pd.NA
    out["contribution"] = out["within"] + out["mix"]
    out = out[list(SHIFT_SHARE_COLUMNS)].astype(SHIFT_SHARE_COLUMNS)
    order = out["contribution"].abs().sort_values(ascending=False, kind="stable").index
    return ShiftShare(out.loc[order].reset_index(drop=True), total_a, total_b, _label(pa_), _label(pb), by, rate)


def _label(period: Tertial) -> str:
    return period.short_label()


MATRIX_COLUMNS = {
    "network": "string",
    "org_code": "string",
    "organisation": "string",
    "meetings": "Int64",
    "meetings_invited": "Int64",
    "meetings_missed": "Int64",
    "seats_invited": "Int64",
    "seats_present": "Int64",
    "rate": "Float64",
}


def kommun_network_matrix(history: pd.DataFrame, start: PeriodArg, end: PeriodArg = None, **filters) -> pd.DataFrame:
    """Return, per network and kommun invited to it in the span, the kommun's attendance and the
    meetings it missed (invited, no seat present).

    Returns:
        Columns and dtypes of `MATRIX_COLUMNS`, long (one row per network and kommun): `meetings`
        of the network, `meetings_invited` and `meetings_missed` of the kommun, its seats and its
        `rate` (seats present ÷ seats invited, the organisation rate within the network).
    """
    rows = select(history, start, end if end is not None else start, side="kommun", **filters)
    held = rows.groupby("network", observed=True)["meeting_date"].nunique().rename("meetings")
    g = rows.assign(missed=rows["seats_present"] == 0).groupby(["network", "org_code"], observed=True, sort=True)
    out = g.agg(
        organisation=("organisation", "first"),
        meetings_invited=("meeting_date", "nunique"),
        meetings_missed=("missed", "sum"),
        seats_invited=("seats_invited", "sum"),
        seats_present=("seats_present", "sum"),
    ).reset_index()
    out = out.merge(held, on="network", how="left")
    out["rate"] = out["seats_present"] / out["seats_invited"]
    return out[list(MATRIX_COLUMNS)].astype(MATRIX_COLUMNS)


ABSENCE_COLUMNS = {
    "network": "string",
    "org_code": "string",
    "organisation": "string",
    "missed_in_row": "Int64",
    "first_missed": "datetime64[ns]",
    "last_missed": "datetime64[ns]",
    "ongoing": "boolean",
}


def absences_in_row(
    history: pd.DataFrame, n: int = 3, start: PeriodArg = None, end: PeriodArg = None, **filters
) -> pd.DataFrame:
    """Return each run of at least `n` meetings in a row of one network that a kommun was invited
    to and attended with no seat.

    "In a row" counts the network's meetings the kommun was invited to, in date order.

    Returns:
        Columns and dtypes of `ABSENCE_COLUMNS`; `ongoing` = the run reaches the network's last
        meeting in the span. Longest first, then network and kommun.
    """
    rows = select(history, start, end, side="kommun", **filters).sort_values(["network", "org_code", "meeting_date"])
    absent = rows["seats_present"].eq(0).to_numpy()
    pair = (rows["network"].astype(str) + "\x1f" + rows["org_code"].astype(str)).to_numpy()
    new_run = (pair != pd.Series(pair).shift().to_numpy()) | (absent != pd.Series(absent).shift().to_numpy())
    runs = rows.assign(run=new_run.cumsum())[absent]
    g = runs.groupby("run", sort=False)
    out = g.agg(
        network=("network", "first"),
        org_code=("org_code", "first"),
        organisation=("organisation", "first"),
        missed_in_row=("meeting_date", "size"),
        first_missed=("meeting_date", "min"),
        last_missed=("meeting_date", "max"),
    ).reset_index(drop=True)
    last = rows.groupby("network", observed=True)["meeting_date"].max()
    out["ongoing"] = out["last_missed"].eq(out["network"].map(last))
    out = out[out["missed_in_row"] >= n]
    out = out[list(ABSENCE_COLUMNS)].astype(ABSENCE_COLUMNS)
    return out.sort_values(["missed_in_row", "network", "org_code"], ascending=[False, True, True], ignore_index=True)


BELOW_TARGET_COLUMNS = {
    "network": "string",
    "tertials_below": "Int64",
    "first_period": "string",
    "last_period": "string",
    "ongoing": "boolean",
    "last_rate": "Float64",
    "last_target": "Float64",
}


def below_target_in_row(
    history: pd.DataFrame, targets: pd.DataFrame, n: int = 2, start: PeriodArg = None, end: PeriodArg = None, **filters
) -> pd.DataFrame:
    """Return each run of at least `n` tertials in a row in which a network's rate was below its target.

    A tertial in which the network did not meet, or had no target (ej bedömt), ends a run.
    Target reached = rate ≥ target, as in `metrics.attendance`.

    Args:
        history: the attendance history.
        targets: `network_targets_history` (network, year, tertial, target).
        n: the shortest run listed.

    Returns:
        Columns and dtypes of `BELOW_TARGET_COLUMNS`; `ongoing` = the run reaches the span's last
        tertial. Longest first, then network.
    """
    t = trend(history, "network", start=start, end=end, **filters).rename(columns={"group": "network"})
    if t.empty:
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in BELOW_TARGET_COLUMNS.items()})
    t = t.merge(targets.astype({"network": "string"}), on=["network", "year", "tertial"], how="left")
    t = t.assign(below=(t["rate"] < t["target"]).fillna(False).astype(bool), index=t["year"] * 3 + t["tertial"])
    t = t[t["below"]].sort_values(["network", "index"])
    starts = (t["network"] != t["network"].shift()) | (t["index"] != t["index"].shift() + 1)
    run = starts.to_numpy(dtype=bool, na_value=True).cumsum()
    g = t.assign(run=run).groupby("run", sort=False)
    out = g.agg(
        network=("network", "first"),
        tertials_below=("index", "size"),
        first_period=("period", "first"),
        last_period=("period", "last"),
        last_index=("index", "last"),
        last_rate=("rate", "last"),
        last_target=("target", "last"),
    ).reset_index(drop=True)
    last = as_period(end)
    span_end = (
        last.year * 3 + last.number if last is not None else int((history["year"] * 3 + history["tertial"]).max())
    )
    out["ongoing"] = out["last_index"] == span_end
    out = out[out["tertials_below"] >= n]
    out = out[list(BELOW_TARGET_COLUMNS)].astype(BELOW_TARGET_COLUMNS)
    return out.sort_values(["tertials_below", "network"], ascending=[False, True], ignore_index=True)


TARGET_COLUMNS = {"network": "string", "year": "Int64", "tertial": "Int64", "target": "Float64"}


def network_targets_history(ds: Dataset, periods: list[Tertial]) -> pd.DataFrame:
    """Return each network's attendance target in each tertial, as `scorecard.network_targets`
    gives it: its own indicator's (`attendance.network:<namn>`), else the overall target; NA =
    ej bedömt. Only the networks that have an indicator of their own are looked up one by one.

    Returns:
        Columns and dtypes of `TARGET_COLUMNS`, one row per network of the register and tertial.
    """
    names = sorted(set(ds.networks["network"].astype(str)) | set(ds.attendance["network"].astype(str)))
    metrics = {scorecard._canonical(m) for m in ds.indicators["metric"]} if len(ds.indicators) else set()
    own_keys = {n: f"attendance.network:{n}" for n in names}
    own_keys = {n: k for n, k in own_keys.items() if scorecard._canonical(k) in metrics}
    # Only the attendance indicators can give these targets: the scorecard reads a smaller table.
    attendance_only = ds.indicators[ds.indicators["metric"].astype(str).str.strip().str.startswith("attendance.")]
    ds = dataclasses.replace(ds, indicators=attendance_only)
    rows = []
    for year in sorted({t.year for t in periods}):  # a target is written per year (Målvärden)
        written = {k: scorecard.indicator_target(ds, k, year) for k in ("attendance.overall", *own_keys.values())}
        for t in (t for t in periods if t.year == year):
            values = {k: scorecard.target_value(target, ds, k, t) for k, target in written.items()}
            targets = dict.fromkeys(names, values["attendance.overall"])
            targets.update({n: values[k] for n, k in own_keys.items() if written[k] is not None})
            rows += [(n, t.year, t.number, v) for n, v in targets.items()]
    out = pd.DataFrame(rows, columns=list(TARGET_COLUMNS))
    out["target"] = out["target"].astype(object).where(out["target"].notna(), None)
    return out.astype(TARGET_COLUMNS)
