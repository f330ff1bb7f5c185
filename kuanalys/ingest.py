"""`kuanalys validate` and `kuanalys ingest`: check a folder of input workbooks, and write its
tidy tables as Parquet atomically.

`ingest_dir` validates everything before it writes anything. Each table is written to a
temporary file in the output folder and only when all of them are written are they moved into
place with `os.replace`, so a failed run leaves the previous Parquet files as they were; the
manifest (processed.py) is written last. Input files are only read, never written or kept open.
"""

from __future__ import annotations

from pathlib import Path

from kuanalys.errors import InputError, Problems
from kuanalys.loaders.folder import read_all
from kuanalys.processed import write_dataset, write_tables

__all__ = ["ingest_dir", "validate_dir", "write_tables"]


def validate_dir(data_dir: str | Path, *, strict: bool = False) -> Problems:
    """Return every problem in every input file of `data_dir` (never raises for bad input);
    `strict`: personal data in free text is an error."""
    _, problems = read_all(Path(data_dir), strict=strict)
    return problems


def ingest_dir(data_dir: str | Path, out_dir: str | Path) -> list[Path]:
    """Validate `data_dir` and write one Parquet file per tidy table, and the manifest, to `out_dir`.

    Returns the paths written. Raises InputError (nothing written) when any input has an error,
    and KuanalysError if the output cannot be written (previous files left intact).
    """
    dataset, problems = read_all(Path(data_dir))
    if dataset is None:
        raise InputError(problems)
    return write_dataset(dataset, Path(out_dir), source_dir=Path(data_dir))
