"""The report's chapter structure, read from the data: goals and areas in plan order, which figures
belong to an area (by its indicators' metric keys), and which analysts' texts belong where.

Chapter 1 is the Inledning; goal n (1-based, in the order of matetal.xlsx's sheet Mål, then
goals that only the sheet Mätetal names) is chapter n + 1. Nothing here knows a goal's number
or name: any plan works. The plan's goals and the parts a text may name are domain facts the
loaders check too: they live in kuanalys/plan.py and are used here through it.
"""

from __future__ import annotations

import pandas as pd

from kuanalys import plan
from kuanalys.dataset import Dataset
from kuanalys.periods import Tertial
from kuanalys.plan import INTRO_PARTS, Goal, goal_targets
from kuanalys.plan import text_key as _key

# Figure groups an area can carry, chosen from the metric keys of its indicators (`figure_groups`).
ATTENDANCE, REGION, PKS, GRANTS, FUNDS, COURSES = "attendance", "region", "pks", "grants", "funds", "courses"


def goals(ds: Dataset) -> list[Goal]:
    """Return the plan's goals with their areas: the sheet Mål's order, then what only Mätetal names."""
    return plan.goals(ds.plan_goals, ds.indicators)


def goal(ds: Dataset, number: int) -> Goal:
    """Return goal `number` (1-based)."""
    found = goals(ds)
    if not 1 <= number <= len(found):
        from kuanalys.errors import KuanalysError

        raise KuanalysError(f"Det finns inget mål {number}: matetal.xlsx har {len(found)} strategiska mål.")
    return found[number - 1]


def area_indicators(ds: Dataset, goal_text: str, area: str) -> pd.DataFrame:
    """Return the indicator rows of one goal's area, in the sheet's order."""
    ind = ds.indicators
    mask = [_key(g) == _key(goal_text) and _key(a) == _key(area) for g, a in zip(ind["goal"], ind["area"])]
    return ind[mask]


def _region_networks(ds: Dataset) -> set[str]:
    reg = ds.networks
    return {_key(n) for n, w in zip(reg["network"], reg["with_region"]) if bool(w)}


def figure_groups(ds: Dataset, metric_keys: list[str]) -> list[str]:
    """Return the figure groups that belong with these metric keys, in a fixed order.

    attendance.overall, attendance.partnership_networks, attendance.kommuner_represented and
    attendance.network:<not a Region group>
    → attendance (per network, per kommun); attendance.region_groups and attendance.network:<Region
    group> → region; the PKS network (attendance.network:PKS, attendance.type:PKS) → pks (gender
    split); grants.* → grants; funds.* → funds (Ekonomisk redovisning); courses.* except the
    digital share (courses.digital_share, with or without :<arrangör>) → courses.
    """
    region = _region_networks(ds)
    found: set[str] = set()
    for key in (str(k).strip() for k in metric_keys):
        if key in ("attendance.overall", "attendance.partnership_networks", "attendance.kommuner_represented"):
            found.add(ATTENDANCE)
        elif key == "attendance.type:PKS":
            found.add(PKS)
        elif key == "attendance.region_groups":
            found.add(REGION)
        elif key.startswith("attendance.network:"):
            name = key.split(":", 1)[1]
            found.add(REGION if _key(name) in region else ATTENDANCE)
            if _key(name) == _key("PKS"):
                found.add(PKS)
        elif key.startswith("grants."):
            found.add(GRANTS)
        elif key.startswith("funds."):
            found.add(FUNDS)
        elif key.startswith("courses.") and key.split(":", 1)[0] != "courses.digital_share":
            found.add(COURSES)
    return [g for g in (ATTENDANCE, PKS, REGION, GRANTS, COURSES, FUNDS) if g in found]


# --- analysts' texts ------------------------------------------------------------------------


def _period_texts(ds: Dataset, t: Tertial) -> pd.DataFrame:
    c = ds.comments
    if c is None or c.empty:
        return pd.DataFrame(columns=["target_id", "kind", "heading", "text"])
    mask = (c["year"].astype("Int64") == t.year) & (c["tertial"].astype("Int64") == t.number)
    return c[mask.fillna(False)]


def texts_for(ds: Dataset, t: Tertial, targets: list[str], kind: str | None = None) -> list[tuple[str | None, str]]:
    """Return (heading, text) of the tertial's texts written for any of `targets` (compared without
    case and spacing), of `kind` (None: any kind; "text" also matches an empty Typ), in sheet order."""
    c = _period_texts(ds, t)
    keys = {_key(x) for x in targets if _key(x)}
    out = []
    for tid, k, heading, text in zip(c["target_id"], c["kind"], c["heading"], c["text"]):
        k = "text" if k is None or pd.isna(k) else str(k)
        if _key(tid) in keys and (kind is None or k == kind) and not pd.isna(text):
            out.append((None if heading is None or pd.isna(heading) else str(heading), str(text)))
    return out


def unplaced_texts(ds: Dataset, t: Tertial) -> list[str]:
    """Return the Avsnitt values of the tertial's texts that name no part of the report."""
    known = {_key(x) for x in INTRO_PARTS}
    for g in goals(ds):
        known |= {_key(x) for x in goal_targets(g)} | {_key(a) for a in g.areas}
    known |= {_key(x) for x in ds.indicators["indicator_id"]}
    return sorted({str(x) for x in _period_texts(ds, t)["target_id"] if _key(x) not in known})
