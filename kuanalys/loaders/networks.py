"""Nätverk: the network registry that analysts keep in natverk.xlsx."""

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
)
from kuanalys.schemas import Networks
from kuanalys.spec import NETWORK_TYPES, NETWORKS, header_key

SHEET = NETWORKS.sheets[0]
HEADERS = {c.key: c.header for c in SHEET.columns}


def collect_networks(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the parsed rows of one network registry (with source columns) and its problems."""
    return collect_single_sheet(path, SHEET, allow_blank=("area",))


def finish_networks(parsed: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy registry (schema `Networks`) or None when there are errors.

    Network names must be unique, compared without regard to case and spacing.
    """
    keyed = parsed.assign(_key=[header_key(n) if n is not None else None for n in parsed["network"]])
    problems += [p for p in duplicate_problems(keyed, ["_key"], lambda r: f"Nätverket '{r['network']}'", compare=[])]
    if any(p.severity == "fel" for p in problems):
        return None
    frame = parsed[[*SOURCE_COLUMNS, *Networks.to_schema().columns]]
    valid = validate_model(frame, Networks, HEADERS, problems)
    if valid is None:
        return None
    out = finish_frame(valid)
    out["network_type"] = out["network_type"].astype(pd.CategoricalDtype(list(NETWORK_TYPES)))
    out["area"] = out["area"].astype(pd.CategoricalDtype(sorted(out["area"].dropna().unique())))
    return out


def load_networks(path: str | Path) -> pd.DataFrame:
    """Return the network registry of one workbook (schema `Networks`); raises InputError on errors."""
    parsed, problems = collect_networks(Path(path))
    frame = finish_networks(parsed, problems)
    raise_or_warn(problems, *([frame] if frame is not None else []))
    return frame
