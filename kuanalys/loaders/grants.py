"""Ansökningar (grant applications): one row per application, with the grant rules checked."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.formatting import format_plain
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    collect_single_sheet,
    duplicate_problems,
    finish_frame,
    raise_or_warn,
    validate_model,
    where_of,
)
from kuanalys.parsing import is_blank
from kuanalys.schemas import Grants
from kuanalys.spec import DECISIONS, GRANTS

SHEET = GRANTS.sheets[0]
HEADERS = {c.key: c.header for c in SHEET.columns}
GRANTED = ("beviljad", "delvis beviljad")


def collect_grants(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the parsed rows of one grants workbook (with source columns) and its problems."""
    parsed, problems = collect_single_sheet(path, SHEET)
    problems += grant_rule_problems(parsed)
    return parsed, problems


def grant_rule_problems(parsed: pd.DataFrame) -> list[Problem]:
    """Return the problems of the grant rules, row by row:

    granted > applied (error); beviljad/delvis beviljad without an amount (error); a decision
    without a decision date (warning); an amount on a waiting application (warning); an amount
    on a rejected or withdrawn application (warning); decided before submitted (warning).
    """
    problems: list[Problem] = []
    for i, row in enumerate(parsed.itertuples(index=False)):
        applied, granted, decision = (
            None if is_blank(v) else v for v in (row.amount_applied, row.amount_granted, row.decision)
        )
        decided, submitted = (None if is_blank(v) else v for v in (row.decision_date, row.submitted_date))
        problems += _amount_errors(parsed, i, applied, granted, decision)
        problems += _decision_warnings(parsed, i, granted, decision, decided, submitted)
    return problems


def _amount_errors(
    parsed: pd.DataFrame, i: int, applied: float | None, granted: float | None, decision: str | None
) -> list[Problem]:
    """Return the errors of row `i`'s granted amount: larger than applied, or missing on a grant."""
    problems: list[Problem] = []
    if applied is not None and granted is not None and granted > applied:
        problems.append(
            Problem(
                **where_of(parsed, i, HEADERS["amount_granted"]),
                value=granted,
                message=f"Beviljat belopp ({format_plain(granted)} kr) är större än sökt belopp ({format_plain(applied)} kr).",
            )
        )
    if decision in GRANTED and granted is None:
        problems.append(
            Problem(
                **where_of(parsed, i, HEADERS["amount_granted"]),
                message=f"Beslutet är '{decision}' men beviljat belopp saknas.",
            )
        )
    return problems


def _decision_warnings(
    parsed: pd.DataFrame,
    i: int,
    granted: float | None,
    decision: str | None,
    decided: pd.Timestamp | None,
    submitted: pd.Timestamp | None,
) -> list[Problem]:
    """Return the warnings of row `i` where the decision, its date and the granted amount do not fit together."""
    problems: list[Problem] = []
    if decision is not None and decision != "väntar" and decided is None:
        problems.append(
            Problem(
                **where_of(parsed, i, HEADERS["decision_date"]),
                severity="varning",
                message=f"Beslutet är '{decision}' men beslutsdatum saknas.",
            )
        )
    if decision == "väntar" and granted:
        problems.append(
            Problem(
                **where_of(parsed, i, HEADERS["amount_granted"]),
                severity="varning",
                value=granted,
                message="Ansökan väntar på beslut men har ett beviljat belopp.",
            )
        )
    if decision in ("avslag", "återtagen") and granted:
        problems.append(
            Problem(
                **where_of(parsed, i, HEADERS["amount_granted"]),
                severity="varning",
                value=granted,
                message=f"Beslutet är '{decision}' men ett beviljat belopp är ifyllt.",
            )
        )
    if decided is not None and submitted is not None and decided < submitted:
        problems.append(
            Problem(
                **where_of(parsed, i, HEADERS["decision_date"]),
                severity="varning",
                message="Beslutsdatum ligger före datumet då ansökan skickades in.",
            )
        )
    return problems


def finish_grants(parsed: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy grants frame from parsed rows of one or more files, or None when there
    are errors (duplicates are added to `problems`)."""
    problems += duplicate_problems(
        parsed,
        ["project", "funder", "submitted_date"],
        lambda r: f"Ansökan '{r['project']}' till {r['funder']} inskickad {r['submitted_date']:%Y-%m-%d}",
    )
    if any(p.severity == "fel" for p in problems):
        return None
    frame = parsed.sort_values(["submitted_date", "project"], kind="stable")
    frame = frame[[*SOURCE_COLUMNS, *Grants.to_schema().columns]]
    valid = validate_model(frame, Grants, HEADERS, problems)
    if valid is None:
        return None
    out = finish_frame(valid)
    out["funder"] = out["funder"].astype(pd.CategoricalDtype(sorted(out["funder"].dropna().unique())))
    out["area"] = out["area"].astype(pd.CategoricalDtype(sorted(out["area"].dropna().unique())))
    out["decision"] = out["decision"].astype(pd.CategoricalDtype(list(DECISIONS)))
    return out


def load_grants(path: str | Path) -> pd.DataFrame:
    """Return the grant applications of one workbook as a tidy frame (schema `Grants`).

    Raises InputError listing every problem if any is an error; warnings are in
    `df.attrs["warnings"]`.
    """
    parsed, problems = collect_grants(Path(path))
    frame = finish_grants(parsed, problems)
    raise_or_warn(problems, *([frame] if frame is not None else []))
    return frame
