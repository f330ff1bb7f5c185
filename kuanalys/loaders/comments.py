"""Kommentarer: the analysts' comments per report section or indicator (optional input)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    collect_single_sheet,
    duplicate_problems,
    finish_frame,
    raise_or_warn,
    validate_model,
    without_repeats,
)
from kuanalys.schemas import Comments
from kuanalys.spec import COMMENT_KINDS, COMMENTS

SHEET = COMMENTS.sheets[0]
HEADERS = {c.key: c.header for c in SHEET.columns}
# A section may have several texts; the same text twice for it is a repeat, which conflicts when
# its Typ or Rubrik differs.
_KEYS = ["year", "tertial", "target_id", "text"]
_OTHERS = ["kind", "heading"]


def collect_comments(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the parsed rows of one comments workbook (with source columns) and its problems."""
    return collect_single_sheet(path, SHEET)


def finish_comments(parsed: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy comments (schema `Comments`), sorted by year, tertial and section, or None on
    errors. A text given twice for a section (compared without case, spacing and punctuation) is a
    warning and shown once, or an error when the two rows' Typ or Rubrik differ."""
    problems += duplicate_problems(
        parsed,
        _KEYS,
        lambda r: f"Texten till avsnittet '{r['target_id']}' för tertial {r['tertial']} {r['year']}",
        compare=_OTHERS,
        identical="varning",
    )
    if any(p.severity == "fel" for p in problems):
        return None
    frame = without_repeats(parsed, _KEYS, _OTHERS).sort_values(["year", "tertial", "target_id"], kind="stable")
    valid = validate_model(frame[[*SOURCE_COLUMNS, *Comments.to_schema().columns]], Comments, HEADERS, problems)
    if valid is None:
        return None
    out = finish_frame(valid)
    if len(out):  # an empty categorical loses its categories in Parquet; keep empty frames alike
        out["kind"] = out["kind"].astype(object).astype(pd.CategoricalDtype(list(COMMENT_KINDS)))
    return out


def load_comments(path: str | Path) -> pd.DataFrame:
    """Return the comments of one workbook (schema `Comments`); raises InputError on errors."""
    parsed, problems = collect_comments(Path(path))
    frame = finish_comments(parsed, problems)
    raise_or_warn(problems, *([frame] if frame is not None else []))
    return frame
