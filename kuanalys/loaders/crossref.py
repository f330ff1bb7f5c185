"""Cross-references between workbooks, checked by `validate` (and so before any report runs).

Each check works on the parsed frames (which still name file, sheet and Excel row) and returns
located problems with the value and the closest valid choices ("Menade du …?"):

- matetal.xlsx, Mätetal: each metric key is one kuanalys computes (`scorecard.metric_keys`);
  a network inside a key (`attendance.network:<namn>`) is in the network register.
- matetal.xlsx, Målvärden (ids are checked by the indicators loader): each target text is read by the
  scorecard's own parser (`scorecard.parse_target`); a %-target over 100 % or below 0 is an error.
- kommentarer.xlsx: each Avsnitt is a part of the report that places texts (the introduction's
  parts, 'mål N' or a goal's text, an area, an indicator id; report/structure.py), compared
  case-insensitively as the report does.
- Arrangör (kurser) and Område (ansokningar, medel, natverk) against the closed lists with
  synonyms in `kuanalys.vocabulary`; a synonym is read as its canonical name.
- Finansiär (ansokningar): two spellings of one funder (differing only in case or spacing, or
  nearly equal) are a warning, since the funder table would count them apart.
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

from kuanalys.errors import KuanalysError, Problem
from kuanalys.loaders.common import where_of
from kuanalys.parsing import is_blank
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
        if unit == "%" and target is not None and target.kind == "value" and not 0 <= target.value <= 1:
            problems.append(
                Problem(
                    **where_of(targets, i, "Målvärde"),
                    message="Målvärdet är en andel och måste ligga mellan 0 % och 100 %.",
                    value=text,
                )
            )
        elif target is not None and target.kind == "value" and target.value < 0 and unit == "st":
            problems.append(
                Problem(**where_of(targets, i, "Målvärde"), message="Ett antal kan inte vara negativt.", value=text)
            )
    return problems


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
