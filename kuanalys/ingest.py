"""`kuanalys validate` and `kuanalys ingest`: check a folder of input workbooks, and write its
tidy tables as Parquet atomically.

`ingest_dir` validates everything before it writes anything. Each table is written to a
temporary file in the output folder and only when all of them are written are they moved into
place with `os.replace`, so a failed run leaves the previous Parquet files as they were.
Input files are only read, never written or kept open.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from kuanalys.errors import InputError, KuanalysError, Problems
from kuanalys.loaders.folder import read_all


def validate_dir(data_dir: str | Path) -> Problems:
    """Return every problem in every input file of `data_dir` (never raises for bad input)."""
    _, problems = read_all(Path(data_dir))
    return problems


def ingest_dir(data_dir: str | Path, out_dir: str | Path) -> list[Path]:
    """Validate `data_dir` and write one Parquet file per tidy table to `out_dir`.

    Returns the paths written. Raises InputError (nothing written) when any input has an error,
    and KuanalysError if the output cannot be written (previous files left intact).
    """
    dataset, problems = read_all(Path(data_dir))
    if dataset is None:
        raise InputError(problems)
    return write_tables(dataset.tables(), Path(out_dir))


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write each table to `out_dir/<name>.parquet` atomically; return the final paths."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KuanalysError(f"Kan inte skapa utmappen {out_dir}: {exc.strerror or exc}.") from None
    staged: list[tuple[Path, Path]] = []
    try:
        for name, frame in tables.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".parquet.tmp", dir=out_dir)
            os.close(fd)
            staged.append((Path(tmp), out_dir / f"{name}.parquet"))
            clean = frame.copy()
            clean.attrs = {}
            clean.to_parquet(tmp, index=False)
        for tmp, final in staged:
            os.replace(tmp, final)
    except Exception as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise KuanalysError(
            f"Kunde inte skriva Parquet till {out_dir} ({type(exc).__name__}: {exc}). Tidigare filer är orörda."
        ) from exc
    return [final for _, final in staged]
