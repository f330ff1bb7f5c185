"""Cross-references between workbooks, checked by `validate` (and so before any report runs).

Each check works on the parsed frames (which still name file, sheet and Excel row) and returns
located problems with the value and the closest valid choices ("Menade du …?"):

- matetal.xlsx, Mätetal: each metric key is one kuanalys computes (`scorecard.metric_keys`);
  a network inside a key (`attendance.network:<namn>`) is in the network register.
- matetal.xlsx, Målvärden (ids are checked by the indicators loader): each target text is read by the
  scorecard's own parser (`scorecard.parse_target`); a %-target over 100 % or below 0 is an error.
- kommentarer.xlsx: each Avsnitt is a part of the report that places texts (the introduction's
  parts, 'mål N' or a goal's text, an area, an indicator id; kuanalys/plan.py), compared
  case-insensitively as the report does.
- Arrangör (kurser) and Område (ansokningar, medel, natverk, projekt) against the closed lists with
  synonyms in `kuanalys.vocabulary`; a synonym is read as its canonical name.
- matetal.xlsx, Mätetal against Mål: each indicator's goal and area is a row of Mål for the years
  it applies, when Mål has rows (`plan_goal_problems`).
- Område (projekt) against the same closed list of areas.
- Finansiär (ansokningar): two spellings of one funder (differing only in case or spacing, or
  nearly equal) are a warning, since the funder table would count them apart.
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

from kuanalys.errors import KuanalysError, Problem
from kuanalys.formatting import format_message_number
from kuanalys.loaders.checks import bounds_span, inverted_rows, year_bounds
from kuanalys.loaders.common import where_of
from kuanalys.parsing import is_blank
from kuanalys.spec import header_key
from kuanalys.vocabulary import canonical, suggestion


def _key(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def _rows(frame: pd.DataFrame, column: str):
    """Yield (position, value) of the non-blank values of a parsed column."""
    if frame is None or column not in frame:
        return
    for i, value in enumerate(frame[column].tolist()):
        if not is_blank(value):
            yield i, value


def metric_problems(indicators: pd.DataFrame, choices: dict[str, list[str]]) -> list[Problem]:
    """Check each indicator's metric key against what kuanalys computes, and the part after the
    colon against what it names (`scorecard.PARAMETER_KINDS`): a network in the register, a network
    type, an organiser, survey question ids. `choices` holds the valid names per kind; a kind
    without choices (no register, no survey workbook) is not checked here."""
    from kuanalys.scorecard import PARAMETER_KINDS, metric_keys, resolve_metric

    names = {"network": "Nätverket", "network_type": "Nätverkstypen", "organiser": "Arrangören", "questions": "Frågan"}
    where = {
        "network": "finns inte i nätverksregistret (natverk.xlsx)",
        "network_type": "är ingen nätverkstyp",
        "organiser": "finns inte bland arrangörerna",
        "questions": "finns inte i bladet Frågor i utvärderingsenkäten",
    }
    problems = []
    for i, key in _rows(indicators, "metric"):
        text = str(key).strip()
        try:
            resolve_metric(text)
        except KuanalysError:
            valid = [*metric_keys(), *(f"{p}:{n}" for p in PARAMETER_KINDS for n in choices.get("network", []))]
            problems.append(
                Problem(
                    **where_of(indicators, i, "Mått"),
                    message=f"Okänt mått.{suggestion(text, valid)} Giltiga mått: {', '.join(metric_keys())}.",
                    value=text,
                )
            )
            continue
        base, sep, rest = text.partition(":")
        kinds = PARAMETER_KINDS.get(base.strip(), ()) if sep else ()
        parts = rest.split(":", len(kinds) - 1) if kinds else []
        for kind, part in zip(kinds, parts):
            wanted = [q.strip() for q in part.split("+")] if kind == "questions" else [part.strip()]
            known = choices.get(kind, [])
            for name in wanted:
                if not known or name == "*" and kind == "questions" or _key(name) in {_key(k) for k in known}:
                    continue
                problems.append(
                    Problem(
                        **where_of(indicators, i, "Mått"),
                        message=f"{names[kind]} '{name}' i måttet {where[kind]}." + suggestion(name, known),
                        value=text,
                    )
                )
    return problems


def target_problems(indicators: pd.DataFrame, targets: pd.DataFrame) -> list[Problem]:
    """Check each target row: its id is an indicator, its text is read by the scorecard's parser,
    and its value is plausible for the indicator's unit."""
    from kuanalys.scorecard import parse_target

    units = {}
    for i, ident in _rows(indicators, "indicator_id"):
        unit = indicators["unit"].iat[i] if "unit" in indicators else None
        units[_key(ident)] = None if is_blank(unit) else str(unit)
    problems = []
    for i, ident in _rows(targets, "indicator_id"):
        if _key(ident) not in units:
            continue  # an unknown id is reported by the indicators loader
        text = targets["target"].iat[i] if "target" in targets else None
        if is_blank(text):
            continue
        unit = units[_key(ident)]
        try:
            target = parse_target(text, unit)
        except KuanalysError as exc:
            problems.append(Problem(**where_of(targets, i, "Målvärde"), message=str(exc), value=text))
            continue
        message = implausible_target(target, unit)
        if message:
            problems.append(Problem(**where_of(targets, i, "Målvärde"), message=message, value=text))
    return problems


def implausible_target(target, unit: str | None) -> str | None:
    """Return why a target value is impossible for its unit (a share over 100 % or below 0 %, a
    negative count), with the value in Swedish format, or None."""
    if target is None or target.kind != "value":
        return None
    shown = format_message_number(target.value, unit)
    if unit == "%" and target.value > 1:
        return f"Målvärdet {shown} är över 100 %, som är det högsta möjliga för en andel."
    if unit == "%" and target.value < 0:
        return f"Målvärdet {shown} är under 0 %, som är det lägsta möjliga för en andel."
    if unit == "st" and target.value < 0:
        return f"Målvärdet {shown} är negativt; ett antal kan inte vara negativt."
    return None


def comment_problems(comments: pd.DataFrame, parts: list[str]) -> list[Problem]:
    """Check each text's Avsnitt against the parts of the report that place texts (`parts`:
    compared case-insensitively, as the report does); any other value would never be shown."""
    known = {_key(p) for p in parts}
    problems = []
    for i, value in _rows(comments, "target_id"):
        if _key(value) in known:
            continue
        problems.append(
            Problem(
                **where_of(comments, i, "Avsnitt"),
                message="Avsnittet finns inte i rapporten och är inget mätetal, så texten skulle inte visas."
                + suggestion(value, parts),
                value=value,
            )
        )
    return problems


def activity_problems(activities: pd.DataFrame, areas: list[str]) -> list[Problem]:
    """Warn about an activity whose Område is none of the plan's areas (matetal.xlsx): the report
    would show it under no goal, only in Kontroll av underlaget."""
    known = {_key(a) for a in areas}
    return [
        Problem(
            **where_of(activities, i, "Område"),
            message="Området finns inte i matetal.xlsx (bladet Mätetal eller Mål), så aktiviteten visas inte under "
            "något mål." + suggestion(value, areas),
            value=value,
            severity="varning",
        )
        for i, value in _rows(activities, "area")
        if _key(value) not in known
    ]


def vocabulary_problems(frame: pd.DataFrame, column: str, header: str, names: dict) -> list[Problem]:
    """Check a column against a closed list with synonyms; synonyms are rewritten in place."""
    problems = []
    reported: set[str] = set()
    for i, value in _rows(frame, column):
        name = canonical(value, names)
        if name is not None:
            frame.iat[i, frame.columns.get_loc(column)] = name
            continue
        if _key(value) in reported:
            continue
        reported.add(_key(value))
        listed = ", ".join(names)
        problems.append(
            Problem(
                **where_of(frame, i, header),
                message=f"Okänt värde.{suggestion(value, [*names, *(s for v in names.values() for s in v)])} "
                f"Giltiga värden: {listed} (se README, Felsökning, för fler stavningar).",
                value=value,
            )
        )
    return problems


def funder_problems(grants: pd.DataFrame) -> list[Problem]:
    """Warn about two spellings of one funder (case/spacing, or nearly equal names)."""
    seen: dict[str, str] = {}  # key → first spelling
    problems = []
    for i, value in _rows(grants, "funder"):
        text = str(value).strip()
        key = _key(text)
        if key in seen:
            other = seen[key] if seen[key] != text else None
        else:
            close = difflib.get_close_matches(key, list(seen), n=1, cutoff=0.92)
            other = seen[close[0]] if close else None
            seen[key] = text
        if other is not None:
            problems.append(
                Problem(
                    **where_of(grants, i, "Finansiär"),
                    message=f"Finansiären liknar '{other}' på en tidigare rad; stava lika om det är samma "
                    "finansiär, annars räknas de som två.",
                    value=text,
                    severity="varning",
                )
            )
    return problems


# A row of the sheet Mål as `plan_goal_problems` compares it: (goal key, area key, year bounds,
# inverted years).
_PlanRow = tuple[str, str, tuple[int, int], bool]


def plan_goal_problems(indicators: pd.DataFrame, goal_sheet: pd.DataFrame) -> list[Problem]:
    """Check each indicator's goal and area against the sheet Mål, when that sheet has rows.

    The report's chapters follow the sheet Mål for a report's year (kuanalys/plan.py); a goal
    or area that only Mätetal names becomes a chapter or section of its own after the plan's,
    so a misspelt goal would split a chapter in two. So each indicator's goal and area must be a
    row of Mål ("Menade du …?") for every year the indicator applies in which Mål lists a plan.
    Rows with inverted years are left to the year-order check; call this only when the workbook
    has no errors of its own (a year that could not be read is blank here)."""
    if goal_sheet is None or goal_sheet.empty or indicators is None or indicators.empty:
        return []
    plan = _plan_rows(goal_sheet)
    if not plan:
        return []
    goals_written = [str(g).strip() for g in goal_sheet["goal"] if not is_blank(g)]
    # Whether a year is covered changes only at the plan's bounds: checking these years and the
    # indicator's own first and last year is checking every year.
    probes = {y for _, _, (lo, hi), _ in plan for y in (lo, hi, lo - 1, hi + 1)}
    problems = []
    skip_indicator = set(inverted_rows(indicators, "first_year", "last_year"))
    for i in range(len(indicators)):
        if i in skip_indicator:
            continue
        goal, area = indicators["goal"].iat[i], indicators["area"].iat[i]
        if is_blank(goal):
            continue
        rows = [p for p in plan if p[0] == _goal_key(goal)]
        if not rows:
            problems.append(_goal_not_in_plan(indicators, i, goals_written))
            continue
        rows = [p for p in rows if p[1] == _goal_key(area)]
        if not rows:
            problems.append(_area_not_in_plan(indicators, i, goal_sheet))
            continue
        if any(p[3] for p in rows):
            continue  # a row of Mål with inverted years is its own error
        problem = _uncovered_years_problem(indicators, i, plan, rows, probes)
        if problem is not None:
            problems.append(problem)
    return problems


def _plan_rows(goal_sheet: pd.DataFrame) -> list[_PlanRow]:
    """Return (goal key, area key, year bounds, inverted years) of each row of Mål with a goal."""
    inverted = set(inverted_rows(goal_sheet, "first_year", "last_year"))
    return [
        (_goal_key(g), _goal_key(a), year_bounds(f, la), i in inverted)
        for i, (g, a, f, la) in enumerate(
            zip(goal_sheet["goal"], goal_sheet["area"], goal_sheet["first_year"], goal_sheet["last_year"])
        )
        if not is_blank(g)
    ]


def _goal_not_in_plan(indicators: pd.DataFrame, i: int, goals_written: list[str]) -> Problem:
    """Return the error for indicator row `i`, whose goal is in no row of Mål."""
    goal = indicators["goal"].iat[i]
    return Problem(
        **where_of(indicators, i, "Strategiskt mål"),
        message="Målet finns inte i bladet Mål, så mätetalet skulle hamna i ett eget kapitel sist i "
        "rapporten." + suggestion(goal, goals_written),
        value=str(goal),
    )


def _area_not_in_plan(indicators: pd.DataFrame, i: int, goal_sheet: pd.DataFrame) -> Problem:
    """Return the error for indicator row `i`, whose area is not under its goal in Mål."""
    goal, area = indicators["goal"].iat[i], indicators["area"].iat[i]
    areas = [
        str(a).strip()
        for g, a in zip(goal_sheet["goal"], goal_sheet["area"])
        if not is_blank(a) and _goal_key(g) == _goal_key(goal)
    ]
    return Problem(
        **where_of(indicators, i, "Område"),
        message="Området finns inte under målet i bladet Mål, så mätetalet skulle hamna i ett eget "
        "avsnitt sist i kapitlet." + suggestion(area, areas),
        value=None if is_blank(area) else str(area),
    )


def _uncovered_years_problem(
    indicators: pd.DataFrame,
    i: int,
    plan: list[_PlanRow],
    rows: list[_PlanRow],
    probes: set[int],
) -> Problem | None:
    """Return the error for indicator row `i` if Mål plans a year it applies but not its goal and area, else None."""
    lo, hi = year_bounds(indicators["first_year"].iat[i], indicators["last_year"].iat[i])
    uncovered = [
        y
        for y in sorted({*probes, lo, hi})
        if lo <= y <= hi
        and any(p[2][0] <= y <= p[2][1] for p in plan if not p[3])
        and not any(p[2][0] <= y <= p[2][1] for p in rows)
    ]
    if not uncovered:
        return None
    spans = ", ".join(bounds_span(p[2]) for p in rows)
    return Problem(
        **where_of(indicators, i, "Första år" if uncovered[0] < min(p[2][0] for p in rows) else "Sista år"),
        message=f"Mätetalet gäller {bounds_span((lo, hi))}, men bladet Mål har målet och området "
        f"bara för {spans}. Övriga år skulle mätetalet hamna i ett eget kapitel sist i rapporten; ändra "
        "Första år/Sista år här eller i bladet Mål.",
    )


def _goal_key(text: object) -> str:
    return "" if is_blank(text) else header_key(text)
