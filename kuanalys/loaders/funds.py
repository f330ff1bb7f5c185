"""Medel: available funds per area (Disponibla medel), budget and outcome (Budget), and the
income statement (Resultat). Budget and Resultat are optional sheets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.dataset import FundTables
from kuanalys.errors import Problem
from kuanalys.formatting import format_plain
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    collect_sheets,
    duplicate_problems,
    finish_frame,
    raise_or_warn,
    validate_model,
    where_of,
    with_defaults,
)
from kuanalys.parsing import is_blank
from kuanalys.schemas import Budget, FundsAvailable, IncomeStatement
from kuanalys.spec import FUNDS

AVAILABLE_SHEET, BUDGET_SHEET, RESULT_SHEET = FUNDS.sheets
ADDED = ["added_municipalities", "added_region", "added_eu", "added_state", "added_other"]
_ZERO_DEFAULTS = {key: 0 for key in [*ADDED, "earmarked_state_funds"]}


def _headers(sheet) -> dict[str, str]:
    return {c.key: c.header for c in sheet.columns}


def collect_funds(path: Path) -> tuple[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], list[Problem]]:
    """Return the parsed rows of the three sheets of one funds workbook and its problems.

    Missing financier columns and blank financier cells count as 0; closing funds are
    computed (opening − used) and a stated Utgående medel that differs gives a warning, as
    does opening funds that differ from the sum of added funds.
    """
    (available, budget, result), problems = collect_sheets(path, (AVAILABLE_SHEET, BUDGET_SHEET, RESULT_SHEET))
    available, more = funds_problems(with_defaults(available, AVAILABLE_SHEET, _ZERO_DEFAULTS))
    problems += more
    return (available, budget, result), problems


def funds_problems(available: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Return available funds with closing_funds computed, and the warnings of the funds checks."""
    headers = _headers(AVAILABLE_SHEET)
    problems: list[Problem] = []
    closing: list[object] = []
    for i, row in enumerate(available.itertuples(index=False)):
        if is_blank(row.opening_funds) or is_blank(row.funds_used):
            closing.append(None)
            continue
        computed = row.opening_funds - row.funds_used
        closing.append(computed)
        if not is_blank(row.closing_funds) and row.closing_funds != computed:
            problems.append(
                Problem(
                    **where_of(available, i, headers["closing_funds"]),
                    severity="varning",
                    value=row.closing_funds,
                    message=f"Utgående medel ({format_plain(row.closing_funds)}) är inte ingående minus disponerade medel "
                    f"({format_plain(computed)}); det beräknade värdet används.",
                )
            )
        added = [getattr(row, k) for k in ADDED]
        if all(not is_blank(a) for a in added) and sum(added) and sum(added) != row.opening_funds:
            problems.append(
                Problem(
                    **where_of(available, i, headers["opening_funds"]),
                    severity="varning",
                    value=row.opening_funds,
                    message=f"Ingående medel ({format_plain(row.opening_funds)}) är inte summan av tillförda medel "
                    f"({format_plain(sum(added))}, skillnad {format_plain(row.opening_funds - sum(added))}).",
                )
            )
    return available.assign(closing_funds=pd.Series(closing, index=available.index, dtype=object)), problems


def finish_funds(
    available: pd.DataFrame,
    budget: pd.DataFrame,
    result: pd.DataFrame,
    problems: list[Problem],
) -> FundTables | None:
    """Return the tidy FundTables from parsed rows of one or more files, or None on errors."""
    problems += duplicate_problems(
        available,
        ["reporting_date", "area"],
        lambda r: f"Området '{r['area']}' per {r['reporting_date']:%Y-%m-%d}",
    )
    problems += duplicate_problems(
        budget,
        ["reporting_date", "area"],
        lambda r: f"Budgetraden för '{r['area']}' per {r['reporting_date']:%Y-%m-%d}",
    )
    problems += duplicate_problems(
        result,
        ["reporting_date", "item"],
        lambda r: f"Posten '{r['item']}' per {r['reporting_date']:%Y-%m-%d}",
    )
    if any(p.severity == "fel" for p in problems):
        return None
    frames = []
    for frame, model, sheet, keys in (
        (available, FundsAvailable, AVAILABLE_SHEET, ["reporting_date"]),
        (budget, Budget, BUDGET_SHEET, ["reporting_date"]),
        (result, IncomeStatement, RESULT_SHEET, ["reporting_date"]),
    ):
        frame = frame.sort_values(keys, kind="stable")
        frames.append(
            validate_model(frame[[*SOURCE_COLUMNS, *model.to_schema().columns]], model, _headers(sheet), problems)
        )
    if any(f is None for f in frames):
        return None
    out = [finish_frame(f) for f in frames]
    for frame in out[:2]:
        frame["area"] = (
            frame["area"].astype(str).astype(pd.CategoricalDtype(list(dict.fromkeys(frame["area"].astype(str)))))
        )
    return FundTables(*out)


def load_funds(path: str | Path) -> FundTables:
    """Return available funds, budget and income statement of one workbook as FundTables
    (schemas `FundsAvailable`, `Budget`, `IncomeStatement`; missing optional sheets give empty
    frames). Raises InputError listing every problem if any is an error.
    """
    (available, budget, result), problems = collect_funds(Path(path))
    tables = finish_funds(available, budget, result, problems)
    raise_or_warn(problems, *(tables or ()))
    return tables
