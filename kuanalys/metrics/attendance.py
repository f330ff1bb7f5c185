"""Attendance (närvaro) in networks, steering groups, PKS, Reko and the strategy groups.

Definitions (the published T2 2019 report, sections 3.2–3.4):

* **Meeting.** One network on one date (`network`, `meeting_date`). Its invited seats are the
  attendance rows of that meeting; a seat is attended when `present` is true.
* **Meeting rate** = seats present ÷ seats invited at that meeting.
* **Network rate** = the mean of the meeting rates of its meetings in the period (every meeting
  weighs the same, whatever its size). This is "närvaron i genomsnitt" of the report.
* **Overall rate** = the mean of the network rates over the networks that met in the period
  (every network weighs the same), as the report states it ("79 %").
* **Pooled rate** = all seats present ÷ all seats invited in the period (every seat weighs the same).
* **Organisation rate** = that organisation's seats present ÷ its seats invited in the period.
* **Target reached** = network rate ≥ its target, given by the caller from the Målvärden sheet
  (`scorecard.network_targets`); no target → NA (ej bedömt).
* **Digital share** = meetings held digitally or hybrid ÷ meetings whose format is recorded. A
  meeting's format is the first recorded `meeting_format` among its rows; meetings without a
  recorded format are left out of both numerator and denominator (their number is reported).

All functions are pure: they take the tidy frames of `schemas.Attendance` and
`schemas.Networks` and a `Tertial`, never change their inputs, and return new frames. Rates
are fractions of 1 (0.79), `pd.NA` where there is nothing to divide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import pandas as pd

from kuanalys.organisations import ORGANISATION_ORDER, ORGANISATIONS, REGION_CODE, is_kommun
from kuanalys.periods import Tertial

Comparison = Literal["föregående tertial", "samma period föregående år"]
DIGITAL_FORMATS = ("digitalt", "hybrid")


def _in_tertial(attendance: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    return attendance.loc[tertial.in_period(pd.to_datetime(attendance["meeting_date"]))]


def _plain(frame: pd.DataFrame, cols: tuple[str, ...] = ("network", "org_code", "organisation")) -> pd.DataFrame:
    """Return a copy whose categorical key columns are plain strings (safe for groupby)."""
    out = frame.copy()
    for c in cols:
        if c in out.columns:
            out[c] = out[c].astype("string")
    return out


_CHANGE_COLUMNS: dict[str, str] = {
    "föregående tertial": "change_previous_tertial",
    "samma period föregående år": "change_same_period_last_year",
}


def _change_column(comparison: Comparison) -> str:
    """Return the column of `compare_networks` / `compare_organisations` holding the change against `comparison`."""
    if comparison not in _CHANGE_COLUMNS:
        raise ValueError(f"Okänd jämförelse: {comparison!r}")
    return _CHANGE_COLUMNS[comparison]


def meeting_rates(attendance: pd.DataFrame, tertial: Tertial | None = None) -> pd.DataFrame:
    """Return one row per meeting with its attendance rate.

    A meeting is one network on one date; its rate = seats present ÷ seats invited.

    Args:
        attendance: tidy attendance frame (`schemas.Attendance`).
        tertial: keep only meetings within this tertial (None = all meetings).

    Returns:
        Columns `network`, `meeting_date`, `seats_invited`, `seats_present`, `rate`,
        `meeting_format` (first recorded format, or NA), sorted by network and date.
    """
    df = attendance if tertial is None else _in_tertial(attendance, tertial)
    if df.empty:
        return pd.DataFrame(
            {
                "network": pd.Series(dtype="string"),
                "meeting_date": pd.Series(dtype="datetime64[ns]"),
                "seats_invited": pd.Series(dtype="Int64"),
                "seats_present": pd.Series(dtype="Int64"),
                "rate": pd.Series(dtype="Float64"),
                "meeting_format": pd.Series(dtype="string"),
            }
        )
    keys = [df["network"].astype("string"), df["meeting_date"]]  # plain strings: safe for groupby
    present = df["present"].astype(bool).groupby(keys, sort=True)
    formats = (df["meeting_format"] if "meeting_format" in df else pd.Series(pd.NA, index=df.index)).astype("string")
    out = pd.DataFrame(
        {
            "seats_invited": present.size().astype("Int64"),
            "seats_present": present.sum().astype("Int64"),
            "meeting_format": formats.groupby(keys, sort=True).first(),  # the first recorded format
        }
    ).reset_index()
    out["rate"] = (out["seats_present"] / out["seats_invited"]).astype("Float64")
    return out[["network", "meeting_date", "seats_invited", "seats_present", "rate", "meeting_format"]]


def attendance_rate_by_network(
    attendance: pd.DataFrame,
    networks: pd.DataFrame | None,
    tertial: Tertial,
    target: TargetArg = None,
    include_without_meetings: bool = True,
) -> pd.DataFrame:
    """Return each network's attendance in the tertial.

    rate per network = mean of the meeting rates of its meetings in the period; min/max are the
    lowest and highest meeting rate; target_reached = rate ≥ target.

    Args:
        attendance: tidy attendance frame.
        networks: the network registry (`schemas.Networks`) for type, area and `with_region`;
            None to use only the networks in the attendance data.
        tertial: the period.
        target: the attendance target as a fraction, or a mapping network → target (from the
            Målvärden sheet, `scorecard.network_targets`); None or a missing network = no target.
        include_without_meetings: also list registry networks that had no meeting in the
            tertial (meetings 0, rate NA, target_reached NA).

    Returns:
        Columns `network`, `network_type`, `area`, `with_region`, `meetings`, `seats_invited`,
        `seats_present`, `rate`, `pooled_rate`, `min_meeting_rate`, `max_meeting_rate`,
        `target_reached`; sorted by network name.
    """
    return _with_targets(_rates_by_network(attendance, networks, tertial, include_without_meetings), target)


def _with_targets(out: pd.DataFrame, target: TargetArg) -> pd.DataFrame:
    """Return `_rates_by_network`'s frame with each network's target and whether it was reached."""
    out["target"] = _targets_of(out["network"], target)
    out["target_reached"] = (out["rate"] >= out["target"]).astype("boolean")
    cols = [
        "network",
        "network_type",
        "area",
        "with_region",
        "meetings",
        "seats_invited",
        "seats_present",
        "rate",
        "pooled_rate",
        "min_meeting_rate",
        "max_meeting_rate",
        "target",
        "target_reached",
    ]
    return out[cols].sort_values("network", ignore_index=True)


def _rates_by_network(
    attendance: pd.DataFrame, networks: pd.DataFrame | None, tertial: Tertial, include_without_meetings: bool
) -> pd.DataFrame:
    """Return `attendance_rate_by_network` without its target columns."""
    meetings = meeting_rates(attendance, tertial)
    g = meetings.groupby("network", sort=True)
    out = g.agg(
        meetings=("rate", "size"),
        seats_invited=("seats_invited", "sum"),
        seats_present=("seats_present", "sum"),
        rate=("rate", "mean"),
        min_meeting_rate=("rate", "min"),
        max_meeting_rate=("rate", "max"),
    ).reset_index()
    if networks is not None and not networks.empty:
        reg = _plain(networks, ("network",))[["network", "network_type", "area", "with_region"]].copy()
        reg["network_type"] = reg["network_type"].astype("string")
        reg["area"] = reg["area"].astype("string")
        reg["with_region"] = reg["with_region"].astype("boolean")
        how = "outer" if include_without_meetings else "left"
        out = out.merge(reg, on="network", how=how)
    else:
        out["network_type"] = pd.Series(pd.NA, index=out.index, dtype="string")
        out["area"] = pd.Series(pd.NA, index=out.index, dtype="string")
        out["with_region"] = pd.Series(pd.NA, index=out.index, dtype="boolean")
    out["meetings"] = out["meetings"].fillna(0).astype("Int64")
    out["seats_invited"] = out["seats_invited"].fillna(0).astype("Int64")
    out["seats_present"] = out["seats_present"].fillna(0).astype("Int64")
    for c in ("rate", "min_meeting_rate", "max_meeting_rate"):
        out[c] = out[c].astype("Float64")
    out["pooled_rate"] = (out["seats_present"] / out["seats_invited"].where(out["seats_invited"] > 0)).astype("Float64")
    return out


TargetArg = float | Mapping[str, float | None] | None


def _targets_of(networks: pd.Series, target: TargetArg) -> pd.Series:
    """Return each network's target as Float64 (NA where it has none)."""
    if isinstance(target, Mapping):
        values = [target.get(str(n)) for n in networks]
    else:
        values = [target] * len(networks)
    return pd.Series(
        pd.array([pd.NA if v is None else float(v) for v in values], dtype="Float64"), index=networks.index
    )


def attendance_summary(
    attendance: pd.DataFrame,
    networks: pd.DataFrame | None,
    tertial: Tertial,
    target: TargetArg = None,
) -> pd.DataFrame:
    """Return the overall attendance of the tertial as one row.

    mean_rate = mean over networks (that met) of each network's mean meeting rate;
    pooled_rate = all seats present ÷ all seats invited; the range is the lowest and highest
    network rate; networks_reaching_target counts networks with rate ≥ target.

    Args:
        attendance: tidy attendance frame.
        networks: network registry, or None.
        tertial: the period.
        target: the attendance target (a fraction or per network, see
            `attendance_rate_by_network`); None = no target, so nothing counts as reaching it.

    Returns:
        One row: `tertial` (label), `networks` (that met), `meetings`, `mean_rate`,
        `pooled_rate`, `min_network_rate`, `max_network_rate`, `networks_reaching_target`,
        `target`, `reaching_target_text` ("6 av 18"). Rates, `networks_reaching_target` and
        `reaching_target_text` are NA when no network met (no result, not "0 av 0").
    """
    per = attendance_rate_by_network(attendance, networks, tertial, target, include_without_meetings=False)
    per = per[per["meetings"] > 0]
    invited = int(per["seats_invited"].sum())
    present = int(per["seats_present"].sum())
    n = len(per)
    reaching = int(per["target_reached"].fillna(False).sum())
    assessed = int(per["target_reached"].notna().sum())
    return pd.DataFrame(
        {
            "tertial": [tertial.label()],
            "networks": pd.array([n], dtype="Int64"),
            "meetings": pd.array([int(per["meetings"].sum())], dtype="Int64"),
            "mean_rate": pd.array([per["rate"].mean() if n else pd.NA], dtype="Float64"),
            "pooled_rate": pd.array([present / invited if invited else pd.NA], dtype="Float64"),
            "min_network_rate": pd.array([per["rate"].min() if n else pd.NA], dtype="Float64"),
            "max_network_rate": pd.array([per["rate"].max() if n else pd.NA], dtype="Float64"),
            "networks_reaching_target": pd.array([reaching if assessed else pd.NA], dtype="Int64"),
            "target": [target if not isinstance(target, Mapping) else _common_target(per["target"])],
            "reaching_target_text": pd.array([f"{reaching} av {assessed}" if assessed else pd.NA], dtype="string"),
        }
    )


def _common_target(targets: pd.Series) -> float | None:
    """The one target all networks share, or None when they differ or have none."""
    distinct = targets.dropna().unique()
    return float(distinct[0]) if len(distinct) == 1 and targets.notna().all() else None


def overall_rate(attendance: pd.DataFrame, tertial: Tertial, networks: list[str] | None = None) -> float | None:
    """Return the mean over networks of each network's mean meeting rate, or None if no meeting.

    Args:
        attendance: tidy attendance frame.
        tertial: the period.
        networks: restrict to these networks (None = all).

    Returns:
        The overall rate as a fraction, or None when no meeting was held.
    """
    df = attendance
    if networks is not None:
        df = df[df["network"].astype("string").isin(list(networks))]
    per = attendance_rate_by_network(df, None, tertial)
    per = per[per["meetings"] > 0]
    return None if per.empty else float(per["rate"].mean())


def network_rate(attendance: pd.DataFrame, network: str, tertial: Tertial) -> float | None:
    """Return one network's mean meeting rate in the tertial, or None if it had no meeting.

    Args:
        attendance: tidy attendance frame.
        network: the network's name (compared case-insensitively, spaces trimmed).
        tertial: the period.

    Returns:
        The network rate as a fraction, or None.
    """
    key = network.strip().casefold()
    df = _in_tertial(attendance, tertial)  # the tertial first: the name test then runs on few rows
    names = df["network"].astype("string")
    # Computed as `overall_rate` (so as the attendance table's `rate`), to the last digit: the
    # scorecard's status must agree with the table's "target reached".
    return overall_rate(df[(names.str.strip().str.casefold() == key).fillna(False).to_numpy()], tertial)


def attendance_by_organisation(attendance: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return attendance per organisation in the tertial.

    rate per organisation = its seats attended ÷ its seats invited over all meetings in the period.

    Args:
        attendance: tidy attendance frame.
        tertial: the period.

    Returns:
        Columns `org_code`, `organisation`, `is_kommun`, `seats_invited`, `seats_present`,
        `meetings` (meetings it was invited to), `rate`; in `ORGANISATION_ORDER`, only
        organisations that were invited.
    """
    df = _plain(_in_tertial(attendance, tertial))
    df = df.assign(present_int=df["present"].astype(bool).astype("Int64"))
    g = df.groupby("org_code", sort=False)
    out = g.agg(
        seats_invited=("present_int", "size"),
        seats_present=("present_int", "sum"),
    ).reset_index()
    per_org_meetings = df.drop_duplicates(["org_code", "network", "meeting_date"]).groupby("org_code").size()
    out["meetings"] = out["org_code"].map(per_org_meetings)
    out["organisation"] = out["org_code"].map(ORGANISATIONS).astype("string")
    out["is_kommun"] = out["org_code"].map(is_kommun).astype("boolean")
    for c in ("seats_invited", "seats_present", "meetings"):
        out[c] = out[c].astype("Int64")
    out["rate"] = (out["seats_present"] / out["seats_invited"]).astype("Float64")
    order = {c: i for i, c in enumerate(ORGANISATION_ORDER)}
    out = out.sort_values("org_code", key=lambda s: s.map(order), ignore_index=True)
    return out[["org_code", "organisation", "is_kommun", "seats_invited", "seats_present", "meetings", "rate"]]


def _with_comparisons(current: pd.DataFrame, previous: pd.DataFrame, last_year: pd.DataFrame, key: str) -> pd.DataFrame:
    p = previous[[key, "rate"]].rename(columns={"rate": "rate_previous_tertial"})
    y = last_year[[key, "rate"]].rename(columns={"rate": "rate_same_period_last_year"})
    out = current.merge(p, on=key, how="outer").merge(y, on=key, how="outer")
    out["change_previous_tertial"] = (out["rate"] - out["rate_previous_tertial"]).astype("Float64")
    out["change_same_period_last_year"] = (out["rate"] - out["rate_same_period_last_year"]).astype("Float64")
    return out


def compare_networks(attendance: pd.DataFrame, networks: pd.DataFrame | None, tertial: Tertial) -> pd.DataFrame:
    """Return each network's rate with the previous tertial and the same period last year.

    Changes are differences of rates (fractions; 0.09 = 9 procentenheter), NA where either
    period had no meeting.

    Args:
        attendance: tidy attendance frame.
        networks: network registry, or None.
        tertial: the period.

    Returns:
        Columns `network`, `meetings`, `rate`, `rate_previous_tertial`,
        `rate_same_period_last_year`, `change_previous_tertial`, `change_same_period_last_year`;
        networks that met in any of the three periods.
    """
    cur = attendance_rate_by_network(attendance, networks, tertial, include_without_meetings=False)
    prev = attendance_rate_by_network(attendance, None, tertial.previous())
    ly = attendance_rate_by_network(attendance, None, tertial.same_period_last_year())
    out = _with_comparisons(cur[["network", "meetings", "rate"]], prev, ly, "network")
    out["meetings"] = out["meetings"].fillna(0).astype("Int64")
    return out.sort_values("network", ignore_index=True)


def compare_organisations(attendance: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return each organisation's rate with the previous tertial and the same period last year.

    Args:
        attendance: tidy attendance frame.
        tertial: the period.

    Returns:
        Columns `org_code`, `organisation`, `is_kommun`, `rate`, `rate_previous_tertial`,
        `rate_same_period_last_year`, `change_previous_tertial`, `change_same_period_last_year`;
        in `ORGANISATION_ORDER`.
    """
    cur = attendance_by_organisation(attendance, tertial)
    prev = attendance_by_organisation(attendance, tertial.previous())
    ly = attendance_by_organisation(attendance, tertial.same_period_last_year())
    out = _with_comparisons(cur[["org_code", "rate"]], prev, ly, "org_code")
    out["organisation"] = out["org_code"].map(ORGANISATIONS).astype("string")
    out["is_kommun"] = out["org_code"].map(is_kommun).astype("boolean")
    order = {c: i for i, c in enumerate(ORGANISATION_ORDER)}
    out = out.sort_values("org_code", key=lambda s: s.map(order), ignore_index=True)
    return out[
        [
            "org_code",
            "organisation",
            "is_kommun",
            "rate",
            "rate_previous_tertial",
            "rate_same_period_last_year",
            "change_previous_tertial",
            "change_same_period_last_year",
        ]
    ]


def compare_overall(attendance: pd.DataFrame, networks: pd.DataFrame | None, tertial: Tertial) -> pd.DataFrame:
    """Return the overall summary for the tertial, the previous tertial and the same period last year.

    Args:
        attendance: tidy attendance frame.
        networks: network registry, or None.
        tertial: the period.

    Returns:
        Three rows (`comparison` = "aktuell tertial", "föregående tertial",
        "samma period föregående år") with the columns of `attendance_summary`.
    """
    rows = []
    for label, t in (
        ("aktuell tertial", tertial),
        ("föregående tertial", tertial.previous()),
        ("samma period föregående år", tertial.same_period_last_year()),
    ):
        rows.append(attendance_summary(attendance, networks, t).assign(comparison=label))
    out = pd.concat(rows, ignore_index=True)
    return out[["comparison", *[c for c in out.columns if c != "comparison"]]]


def kommuner_increased(
    attendance: pd.DataFrame, tertial: Tertial, comparison: Comparison = "samma period föregående år"
) -> int | None:
    """Return how many kommuner had a higher organisation rate than in the comparison period.

    Kommuner without invited seats in either period are not counted.

    Args:
        attendance: tidy attendance frame.
        tertial: the period.
        comparison: "föregående tertial" or "samma period föregående år".

    Returns:
        The number of kommuner whose rate increased, or None when no kommun had seats in both
        periods (nothing to compare, not 0).
    """
    col = _change_column(comparison)
    cmp = compare_organisations(attendance, tertial)
    return _count_increased(cmp.loc[cmp["is_kommun"].fillna(False), col])


def networks_increased(
    attendance: pd.DataFrame, tertial: Tertial, comparison: Comparison = "samma period föregående år"
) -> int | None:
    """Return how many networks had a higher rate than in the comparison period.

    Args:
        attendance: tidy attendance frame.
        tertial: the period.
        comparison: "föregående tertial" or "samma period föregående år".

    Returns:
        The number of networks (that met in both periods) whose rate increased, or None when no
        network met in both periods.
    """
    col = _change_column(comparison)
    return _count_increased(compare_networks(attendance, None, tertial)[col])


def _count_increased(changes: pd.Series) -> int | None:
    """Return how many changes are positive, or None when there is no change to count."""
    known = changes.dropna()
    return None if known.empty else int((known > 0).sum())


def region_group_attendance(attendance: pd.DataFrame, networks: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return attendance in the collaboration groups with the Region, split by side.

    For networks with `with_region`: the network rate as above, and for each side the mean over
    the meetings of the side's meeting rate (kommun seats present ÷ kommun seats invited; Region
    seats likewise). Meetings where a side had no invited seat are left out of that side's mean.

    Args:
        attendance: tidy attendance frame.
        networks: network registry (`with_region` marks the groups).
        tertial: the period.

    Returns:
        Columns `network`, `meetings`, `rate`, `kommun_rate`, `region_rate`,
        `rate_previous_tertial`, `rate_same_period_last_year`; one row per group that met.
    """
    reg = _plain(networks, ("network",))
    groups = set(reg.loc[reg["with_region"].astype(bool), "network"].astype(str))
    df = _plain(_in_tertial(attendance, tertial))
    df = df[df["network"].isin(groups)]
    rows = []
    for network, part in df.groupby("network", sort=True):
        sides = {}
        for side, mask in (("kommun", part["org_code"].map(is_kommun)), ("region", part["org_code"] == REGION_CODE)):
            sub = part[mask.astype(bool)]
            if sub.empty:
                sides[side] = pd.NA
                continue
            per_meeting = sub.groupby("meeting_date")["present"].mean()
            sides[side] = float(per_meeting.mean())
        rows.append({"network": network, "kommun_rate": sides["kommun"], "region_rate": sides["region"]})
    sides_frame = pd.DataFrame(rows, columns=["network", "kommun_rate", "region_rate"])
    cmp = compare_networks(attendance[attendance["network"].astype("string").isin(groups)], None, tertial)
    cmp = cmp[cmp["meetings"] > 0]
    out = cmp[["network", "meetings", "rate", "rate_previous_tertial", "rate_same_period_last_year"]].merge(
        sides_frame, on="network", how="left"
    )
    for c in ("kommun_rate", "region_rate"):
        out[c] = out[c].astype("Float64")
    return out[
        [
            "network",
            "meetings",
            "rate",
            "kommun_rate",
            "region_rate",
            "rate_previous_tertial",
            "rate_same_period_last_year",
        ]
    ].reset_index(drop=True)


def region_groups_rate(attendance: pd.DataFrame, networks: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the mean over the collaboration groups (`with_region`) of their network rates.

    Args:
        attendance: tidy attendance frame.
        networks: network registry.
        tertial: the period.

    Returns:
        The rate as a fraction, or None when no group met.
    """
    groups = networks.loc[networks["with_region"].astype(bool), "network"].astype(str).tolist()
    return overall_rate(attendance, tertial, networks=groups)


def gender_split(
    attendance: pd.DataFrame,
    tertial: Tertial,
    networks: list[str] | None = None,
    kommun_only: bool = False,
) -> pd.DataFrame:
    """Return the gender split of those present, where gender is recorded.

    share = present seats of that gender ÷ present seats with a recorded gender (pooled over the
    meetings of the period). Present seats without a recorded gender are counted in the row
    "okänt" (share NA), so the reader can see how complete the figure is.

    Args:
        attendance: tidy attendance frame.
        tertial: the period.
        networks: restrict to these networks (e.g. ["PKS"]); None = all.
        kommun_only: count only kommun representatives (as the report does for PKS).

    Returns:
        Columns `gender` ("kvinna", "man", "annat", "okänt"), `present`, `share`.
    """
    df = _plain(_in_tertial(attendance, tertial))
    if networks is not None:
        df = df[df["network"].isin(list(networks))]
    if kommun_only:
        df = df[df["org_code"].map(is_kommun).astype(bool)]
    df = df[df["present"].astype(bool)]
    gender = df["gender"].astype("string") if "gender" in df else pd.Series(pd.NA, index=df.index, dtype="string")
    counts = gender.fillna("okänt").value_counts()
    known = int(sum(v for k, v in counts.items() if k != "okänt"))
    rows = []
    for g in ("kvinna", "man", "annat", "okänt"):
        n = int(counts.get(g, 0))
        share = (n / known if known else pd.NA) if g != "okänt" else pd.NA
        rows.append({"gender": g, "present": n, "share": share})
    out = pd.DataFrame(rows)
    out["present"] = out["present"].astype("Int64")
    out["share"] = out["share"].astype("Float64")
    return out


def digital_share(attendance: pd.DataFrame, tertial: Tertial) -> pd.DataFrame:
    """Return the share of meetings held digitally or hybrid.

    share = meetings whose format is "digitalt" or "hybrid" ÷ meetings with a recorded format.

    Args:
        attendance: tidy attendance frame.
        tertial: the period.

    Returns:
        One row: `meetings`, `meetings_with_format`, `meetings_digital` (digitalt + hybrid),
        `meetings_hybrid`, `share` (NA when no meeting has a recorded format).
    """
    m = meeting_rates(attendance, tertial)
    fmt = m["meeting_format"]
    known = int(fmt.notna().sum())
    digital = int(fmt.isin(DIGITAL_FORMATS).fillna(False).sum())
    hybrid = int((fmt == "hybrid").fillna(False).sum())
    return pd.DataFrame(
        {
            "meetings": pd.array([len(m)], dtype="Int64"),
            "meetings_with_format": pd.array([known], dtype="Int64"),
            "meetings_digital": pd.array([digital], dtype="Int64"),
            "meetings_hybrid": pd.array([hybrid], dtype="Int64"),
            "share": pd.array([digital / known if known else pd.NA], dtype="Float64"),
        }
    )


def digital_share_value(attendance: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the digital share of meetings as a float, or None if no format is recorded.

    Args:
        attendance: tidy attendance frame.
        tertial: the period.

    Returns:
        The share as a fraction, or None.
    """
    v = digital_share(attendance, tertial)["share"].iloc[0]
    return None if pd.isna(v) else float(v)


# Network types that the 2022–2024 plan measures with indicators of their own; "samtliga
# chefsnätverk/styrgrupper eller liknande" (`partnership_rate`) leaves them out, and also the
# samverkansforum med regionen (`with_region`), which have their own indicator.
SEPARATE_TYPES = ("PKS", "Reko", "strategigrupp", "kommundirektörer")


def type_rate(attendance: pd.DataFrame, networks: pd.DataFrame, network_type: str, tertial: Tertial) -> float | None:
    """Return the overall rate over the networks of one type in the register (e.g. kommundirektörer).

    Args:
        attendance: tidy attendance frame.
        networks: network register.
        network_type: a type of `spec.NETWORK_TYPES` (case ignored).
        tertial: the period.

    Returns:
        The rate as a fraction, or None when no such network met.
    """
    types = networks["network_type"].astype(str).str.casefold()
    names = networks.loc[types == network_type.casefold(), "network"].astype(str).tolist()
    return overall_rate(attendance, tertial, networks=names) if names else None


def partnership_rate(attendance: pd.DataFrame, networks: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return the overall rate of "samtliga chefsnätverk/styrgrupper eller liknande" as the 2022–2024
    plan counts it: every network in the register except the types in `SEPARATE_TYPES` (PKS, Reko,
    strategigrupper, kommundirektörer) and the samverkansforum med regionen.

    Args:
        attendance: tidy attendance frame.
        networks: network register (its type and `with_region` decide).
        tertial: the period.

    Returns:
        The rate as a fraction, or None when none of these networks met.
    """
    names = _partnership_networks(networks)
    return overall_rate(attendance, tertial, networks=names) if names else None


def _partnership_networks(networks: pd.DataFrame) -> list[str]:
    keep = ~networks["network_type"].astype(str).isin(SEPARATE_TYPES) & ~networks["with_region"].astype(bool)
    return networks.loc[keep, "network"].astype(str).tolist()


def kommuner_represented(attendance: pd.DataFrame, networks: pd.DataFrame, tertial: Tertial) -> float | None:
    """Return plan 001's 2.2 goal "Samtliga kommuner har aktiva representanter i chefsnätverk/styrgrupper
    eller liknande" as a share: over the same networks as `partnership_rate` that met in the period, the
    (network, kommun) pairs in which the kommun was present at least once ÷ the pairs of each network
    with the kommuner that have seats in it (every invited kommun counts, present or not).

    Args:
        attendance: tidy attendance frame (a row per invited seat and meeting).
        networks: network register.
        tertial: the period.

    Returns:
        The share as a fraction, or None when none of these networks met.
    """
    from kuanalys.organisations import is_kommun

    df = _in_tertial(attendance, tertial)
    df = df[df["network"].astype(str).isin(_partnership_networks(networks))]
    df = df[df["org_code"].astype(str).map(is_kommun)]
    if df.empty:
        return None
    pairs = df.assign(network=df["network"].astype(str), org_code=df["org_code"].astype(str))
    present = pairs.groupby(["network", "org_code"])["present"].any()
    return float(present.mean())
