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


def metric_problems(indicators: pd.DataFrame, networks: list[str], questions: list[str] | None = None) -> list[Problem]:
    """Check each indicator's metric key against what kuanalys computes, and what it names: a network
    (`attendance.network:<namn>`) is in the register, a network type (`attendance.type:<typ>`,
    `survey.very_satisfied_type:<typ>:…`) is one of the register's types, and a survey question
    (`survey.very_satisfied:<Id>`) is in the survey's sheet Frågor (when there is a survey workbook)."""
    from kuanalys.loaders.folder import resolve_network
    from kuanalys.scorecard import PARAMETRIC_METRICS, metric_keys, resolve_metric

    problems = []
    for i, key in _rows(indicators, "metric"):
        text = str(key).strip()
        try:
            resolve_metric(text)
        except KuanalysError:
            choices = [*metric_keys(), *(f"{p}:{n}" for p in PARAMETRIC_METRICS for n in networks)]
            problems.append(
                Problem(
                    **where_of(indicators, i, "Mått"),
                    message=f"Okänt mått.{suggestion(text, choices)} Giltiga mått: {', '.join(metric_keys())}.",
                    value=text,
                )
            )
            continue
        base, sep, name = text.partition(":")
        problem = _parameter_problem(base.strip(), name.strip(), questions)
        if problem:
            problems.append(Problem(**where_of(indicators, i, "Mått"), message=problem, value=text))
        if base.strip() == "attendance.network" and networks and resolve_network(name.strip(), networks) is None:
            problems.append(
                Problem(
                    **where_of(indicators, i, "Mått"),
                    message=f"Nätverket '{name.strip()}' i måttet finns inte i nätverksregistret (natverk.xlsx)."
                    + suggestion(name, networks),
                    value=text,
                )
            )
    return problems


def _parameter_problem(base: str, param: str, questions: list[str] | None) -> str | None:
    """Return the Swedish message for a metric key's parameter that names nothing, or None."""
    from kuanalys.spec import NETWORK_TYPES

    types = {t.casefold(): t for t in NETWORK_TYPES}
    if base in ("attendance.type", "survey.very_satisfied_type"):
        typ = param.partition(":")[0].strip() if base.startswith("survey.") else param
        if typ.casefold() not in types:
            return f"Nätverkstypen '{typ}' i måttet finns inte. Typerna är {', '.join(NETWORK_TYPES)}."
    if base.startswith("survey.") and questions:
        ids = param.partition(":")[2] if base == "survey.very_satisfied_type" else param
        known = {_key(q) for q in questions}
        missing = [q.strip() for q in ids.split("+") if q.strip() and q.strip() != "*" and _key(q) not in known]
        if missing:
            return f"Frågan {', '.join(missing)} i måttet finns inte i utvärderingsenkätens blad Frågor." + suggestion(
                missing[0], questions
            )
    return None


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
