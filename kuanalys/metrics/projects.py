"""The register of uppdrag and projects (one row per project and year).

Definitions (the 2022–2024 plan's mätetal):

* **Within budget** = projects assessed "ja" ÷ projects with an assessment (ja or nej) that year.
* **According to plan** = the same for `according_to_plan` (genomförs enligt verksamhetsplan eller
  uppdragsbeskrivning och kommer till användning).
* **Goals met** = projects assessed "ja" ÷ projects with an assessment (ja, delvis, nej); "delvis"
  is not counted as met.
* **Within budget and goals met** = projects with both "ja" ÷ projects assessed on both.
* Projects with status "planerat" are not yet under way and are left out; an empty assessment is
  "ej bedömt än" and left out of numerator and denominator. No assessed project → None.

A tertial reports the latest completed year (`periods.reported_year`). Shares are fractions of 1.
"""

from __future__ import annotations

import pandas as pd


def _of_year(projects: pd.DataFrame, year: int) -> pd.DataFrame:
    if projects is None or projects.empty:
        return projects.iloc[0:0] if projects is not None else pd.DataFrame()
    rows = projects[projects["year"].astype("Int64") == year]
    return rows[rows["status"].astype(str) != "planerat"]


def project_share(
    projects: pd.DataFrame, year: int, columns: tuple[str, ...], met: tuple[str, ...] = ("ja",)
) -> float | None:
    """Return the share of the year's projects assessed "ja" (or one of `met`) on every one of `columns`,
    of those assessed on all of them (None when none is).

    Args:
        projects: tidy project register.
        year: the year.
        columns: `within_budget`, `according_to_plan` and/or `goals_met`.

    Returns:
        The share as a fraction, or None.
    """
    rows = _of_year(projects, year)
    if rows.empty:
        return None
    assessed = rows[list(columns)].notna().all(axis=1)
    if not assessed.any():
        return None
    yes = rows.loc[assessed, list(columns)].astype(str).isin(met).all(axis=1)
    return float(yes.mean())


def project_summary(projects: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return the year's register summary per area: projects, under way, assessed and the three
    shares, plus a total row (area "Totalt").

    Returns:
        Columns `area`, `projects`, `within_budget`, `according_to_plan`, `goals_met` (shares,
        NA when nothing is assessed), `external_funding` (kr).
    """
    rows = _of_year(projects, year)
    parts = []
    groups = [(str(a), g) for a, g in rows.groupby("area", observed=True, sort=True)] if not rows.empty else []
    for area, g in [*groups, ("Totalt", rows)]:
        parts.append(
            {
                "area": area,
                "projects": len(g),
                "within_budget": project_share(g.assign(year=year), year, ("within_budget",)),
                "according_to_plan": project_share(g.assign(year=year), year, ("according_to_plan",)),
                "goals_met": project_share(g.assign(year=year), year, ("goals_met",)),
                "external_funding": int(g["external_funding"].fillna(0).sum()) if len(g) else 0,
            }
        )
    out = pd.DataFrame(
        parts, columns=["area", "projects", "within_budget", "according_to_plan", "goals_met", "external_funding"]
    )
    for c in ("within_budget", "according_to_plan", "goals_met"):
        out[c] = pd.array([pd.NA if v is None else v for v in out[c]], dtype="Float64")
    return out


def project_summary_by_year(projects: pd.DataFrame) -> pd.DataFrame:
    """Return the register's totals per year (every year in the data): projects and the three shares.

    Returns:
        Columns `year`, `projects`, `within_budget`, `according_to_plan`, `goals_met`, `external_funding`.
    """
    if projects is None or projects.empty:
        return pd.DataFrame(
            columns=["year", "projects", "within_budget", "according_to_plan", "goals_met", "external_funding"]
        )
    years = sorted(int(y) for y in projects["year"].dropna().unique())
    rows = [project_summary(projects, y).iloc[[-1]].assign(year=y) for y in years]
    out = pd.concat(rows, ignore_index=True).drop(columns=["area"])
    return out[["year", "projects", "within_budget", "according_to_plan", "goals_met", "external_funding"]]
