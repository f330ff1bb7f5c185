"""Where a section records its tables for tabeller.xlsx: the output folder of the run
(`set_output_dir`), one Parquet file and one JSON file of formats per table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kuanalys.report.items import Table
from kuanalys.report.suppression import is_suppressed

TABLES_SUBDIR = ".tabeller"

_state: dict[str, Any] = {"output_dir": None}


def set_output_dir(output_dir: str | Path | None) -> Path | None:
    """Record tables under `output_dir` from now on (None: show only). Returns the folder."""
    _state["output_dir"] = Path(output_dir) if output_dir not in (None, "") else None
    return _state["output_dir"]


def recorded_dir(output_dir: Path) -> Path:
    """Return the folder where tables recorded for `output_dir` are stored."""
    return Path(output_dir) / TABLES_SUBDIR


def record_table(table: Table, output_dir: Path | None = None) -> Path | None:
    """Store the raw table (Parquet) and its formats (JSON) for the Excel export; return the table's path."""
    target = output_dir or _state["output_dir"]
    if target is None:
        return None
    folder = recorded_dir(Path(target))
    folder.mkdir(parents=True, exist_ok=True)
    # Cells hidden by the minimum cell size ("..") are stored as blanks and listed in the
    # metadata, so that a column of counts stays a column of numbers in Parquet.
    frame = table.frame.copy()
    suppressed = {}
    for column in frame.columns:
        hidden = frame[column].map(is_suppressed).to_numpy(dtype=bool)
        if hidden.any():
            suppressed[column] = hidden.nonzero()[0].tolist()
            frame[column] = frame[column].mask(hidden, None)
    frame.to_parquet(folder / f"{table.name}.parquet")
    meta = {
        "suppressed": suppressed,
        "name": table.name,
        "title": table.title,
        "formats": {c: table.kind_of(c) for c in table.frame.columns},
        "cell_formats": table.cell_formats,
        "note": table.note,
        "total_row": table.total_row,
    }
    (folder / f"{table.name}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return folder / f"{table.name}.parquet"
