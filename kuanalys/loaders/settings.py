"""Inställningar: the report's cover (title, organisation, Dnr, author, address; optional input)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    collect_single_sheet,
    duplicate_problems,
    empty_parsed,
    finish_frame,
    raise_or_warn,
    validate_model,
)
from kuanalys.schemas import Settings
from kuanalys.spec import SETTING_KEYS, SETTINGS

SHEET = SETTINGS.sheets[0]
HEADERS = {c.key: c.header for c in SHEET.columns}


def collect_settings(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the parsed rows of one settings workbook and its problems."""
    return collect_single_sheet(path, SHEET)


def template_paths(parsed: pd.DataFrame) -> set[Path]:
    """Return the Word templates that the settings name (`Wordmall`), resolved against the workbook's folder."""
    rows = parsed[parsed["key"].astype(str) == "wordmall"]
    return {
        (Path(f).parent / str(v).strip()).resolve()
        for f, v in zip(rows["_file"], rows["value"])
        if v is not None and str(v).strip()
    }


def template_warnings(parsed: pd.DataFrame) -> list[Problem]:
    """Warn, at the row, when `Wordmall` names no usable .docx (relative to the workbook's folder):
    the Word document then gets the neutral default template."""
    problems = []
    for _, row in parsed[parsed["key"].astype(str) == "wordmall"].iterrows():
        value = str(row["value"] if row["value"] is not None else "").strip()
        if not value:
            continue
        target = Path(row["_file"]).parent / value
        if not target.is_file():
            why = "finns inte"
        elif target.suffix.casefold() != ".docx":
            why = "är ingen .docx (en .dotx-mall sparas som .docx i Word)"
        else:
            continue
        problems.append(
            Problem(
                row["_file"],
                f"Wordmallen {target} {why}; Word-dokumentet får standardmallen.",
                row["_sheet"],
                row["_row"],
                HEADERS["value"],
                value,
                severity="varning",
            )
        )
    return problems


def finish_settings(parsed: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy settings (schema `Settings`), or None on errors; each setting at most once."""
    problems += duplicate_problems(parsed, ["key"], lambda r: f"Inställningen '{r['key']}'")
    problems += template_warnings(parsed)
    if any(p.severity == "fel" for p in problems):
        return None
    valid = validate_model(parsed[[*SOURCE_COLUMNS, *Settings.to_schema().columns]], Settings, HEADERS, problems)
    if valid is None:
        return None
    out = finish_frame(valid)
    if len(out):  # an empty categorical loses its categories in Parquet; keep empty frames alike
        out["key"] = out["key"].astype(object).astype(pd.CategoricalDtype(list(SETTING_KEYS)))
    return out


def empty_settings() -> pd.DataFrame:
    """Return an empty settings frame."""
    return finish_settings(empty_parsed(SHEET), [])


def load_settings(path: str | Path) -> pd.DataFrame:
    """Return the settings of one workbook (schema `Settings`); raises InputError on errors."""
    parsed, problems = collect_settings(Path(path))
    frame = finish_settings(parsed, problems)
    raise_or_warn(problems, *([frame] if frame is not None else []))
    return frame
