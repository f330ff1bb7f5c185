"""The plan's structure: its goals with their areas in plan order, and the parts of the report an
analyst's text may name.

Goal n (1-based) is the n-th goal of matetal.xlsx's sheet Mål, then the goals that only the sheet
Mätetal names, in that sheet's order. The report has one chapter per goal (report/structure.py)
and the loaders check texts and activities against the same parts, so both take them from here.
Nothing here knows a goal's number or name: any plan works.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kuanalys.parsing import is_blank
from kuanalys.spec import header_key

# The introduction's parts an analyst's text may name (kommentarer.xlsx, column Avsnitt).
INTRO_PARTS = ("inledning", "viktiga händelser", "medarbetare", "framtiden")


@dataclass(frozen=True)
class Goal:
    """A strategic goal: its 1-based number in plan order, text and areas (in order)."""

    number: int
    text: str
    areas: tuple[str, ...] = field(default_factory=tuple)

    @property
    def chapter(self) -> int:
        return self.number + 1


def text_key(text: object) -> str:
    """Return the comparison key of a goal, area or Avsnitt ("" for a blank cell)."""
    return header_key(text) if text is not None and not pd.isna(text) else ""


def goals(plan_goals: pd.DataFrame | None, indicators: pd.DataFrame) -> list[Goal]:
    """Return the plan's goals with their areas: the sheet Mål's order (`plan_goals`, columns goal
    and area; None without that sheet), then what only Mätetal names (`indicators`)."""
    order: dict[str, tuple[str, list[str]]] = {}

    def add(goal: object, area: object) -> None:
        if text_key(goal) == "":
            return
        text, areas = order.setdefault(text_key(goal), (str(goal).strip(), []))
        if text_key(area) and text_key(area) not in {text_key(a) for a in areas}:
            areas.append(str(area).strip())

    plan = plan_goals if plan_goals is not None else pd.DataFrame(columns=["goal", "area"])
    for goal, area in zip(plan["goal"], plan["area"]):
        add(goal, area)
    for goal, area in zip(indicators["goal"], indicators["area"]):
        add(goal, area)
    return [Goal(i + 1, text, tuple(areas)) for i, (text, areas) in enumerate(order.values())]


def goal_targets(g: Goal) -> list[str]:
    """Return the ways a text can name goal `g`: 'mål 2' or the goal's text."""
    return [f"mål {g.number}", g.text]


def plan_areas(plan_goals: pd.DataFrame | None, indicators: pd.DataFrame) -> list[str]:
    """Return the plan's areas, goal by goal in plan order."""
    return [a for g in goals(plan_goals, indicators) for a in g.areas]


def report_parts(plan_goals: pd.DataFrame | None, indicators: pd.DataFrame) -> list[str]:
    """Return every Avsnitt a text in kommentarer.xlsx may name: exactly the parts the report places
    texts in (the introduction's parts, 'mål N' and each goal's text, each area, each indicator id)."""
    parts = list(INTRO_PARTS)
    for g in goals(plan_goals, indicators):
        parts += [*goal_targets(g), *g.areas]
    return parts + [str(i) for i in indicators["indicator_id"] if not is_blank(i)]
