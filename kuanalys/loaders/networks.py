"""Nätverk: the network registry that analysts keep in natverk.xlsx."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.dataset import NetworkTables
from kuanalys.errors import Problem
from kuanalys.loaders.checks import year_order_problems
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    collect_sheets,
    duplicate_problems,
    finish_frame,
    raise_or_warn,
    validate_model,
    where_of,
)
from kuanalys.parsing import is_blank
from kuanalys.schemas import NetworkFormerNames, Networks
from kuanalys.spec import NETWORK_TYPES, NETWORKS, header_key

SHEET, FORMER_SHEET = NETWORKS.sheets
HEADERS = {c.key: c.header for c in SHEET.columns}
FORMER_HEADERS = {c.key: c.header for c in FORMER_SHEET.columns}


def collect_networks(path: Path) -> tuple[tuple[pd.DataFrame, pd.DataFrame], list[Problem]]:
    """Return the parsed rows of one network registry and of its optional sheet Tidigare namn
    (with source columns), and the workbook's problems."""
    (registry, former), problems = collect_sheets(path, (SHEET, FORMER_SHEET), allow_blank=("area", "from_year"))
    return (registry, former), problems


def finish_former_names(parsed: pd.DataFrame, registry: list[str], problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy former names (schema `NetworkFormerNames`) spelt with the registry's current
    names, or None on errors. Each current name must be in the registry; a former name may not be
    a current name, nor be listed twice."""
    current = {header_key(n): n for n in registry}
    names = []
    for i, (net, old) in enumerate(zip(parsed["network"], parsed["former_name"])):
        hit = None if is_blank(net) else current.get(header_key(net))
        if not is_blank(net) and hit is None:
            problems.append(
                Problem(
                    **where_of(parsed, i, FORMER_HEADERS["network"]),
                    value=net,
                    message=f"Nätverket '{net}' finns inte i bladet '{SHEET.name}'.",
                )
            )
        if not is_blank(old) and header_key(old) in current:
            problems.append(
                Problem(
                    **where_of(parsed, i, FORMER_HEADERS["former_name"]),
                    value=old,
                    message=f"'{old}' är ett nuvarande namn i bladet '{SHEET.name}', inte ett tidigare.",
                )
            )
        names.append(hit or net)
    keyed = parsed.assign(
        network=names, _key=[header_key(n) if not is_blank(n) else None for n in parsed["former_name"]]
    )
    problems += duplicate_problems(keyed, ["_key"], lambda r: f"Det tidigare namnet '{r['former_name']}'", compare=[])
    problems += year_order_problems(parsed, "from_year", "to_year", FORMER_HEADERS)
    if any(p.severity == "fel" for p in problems):
        return None
    valid = validate_model(
        keyed[[*SOURCE_COLUMNS, *NetworkFormerNames.to_schema().columns]], NetworkFormerNames, FORMER_HEADERS, problems
    )
    return None if valid is None else finish_frame(valid)


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
    out["network_type"] = out["network_type"].astype(object).astype(pd.CategoricalDtype(list(NETWORK_TYPES)))
    out["area"] = out["area"].astype(pd.CategoricalDtype(sorted(out["area"].dropna().unique())))
    return out


def load_networks_with_history(path: str | Path) -> NetworkTables:
    """Return the registry and its former names (sheet Tidigare namn) of one workbook as
    NetworkTables; raises InputError on errors."""
    (parsed, former), problems = collect_networks(Path(path))
    frame = finish_networks(parsed, problems)
    names = [] if frame is None else [str(n) for n in frame["network"]]
    old = finish_former_names(former, names, problems) if frame is not None else None
    raise_or_warn(problems, *([frame, old] if old is not None else []))
    return NetworkTables(frame, old)


def load_networks(path: str | Path) -> pd.DataFrame:
    """Return the network registry of one workbook (schema `Networks`); raises InputError on errors."""
    (parsed, _former), problems = collect_networks(Path(path))
    frame = finish_networks(parsed, problems)
    raise_or_warn(problems, *([frame] if frame is not None else []))
    return frame
