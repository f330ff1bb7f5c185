"""`kuanalys validate` and `kuanalys ingest`: check a folder of input workbooks, and write its
tidy tables as Parquet atomically.

`ingest_dir` validates everything before it writes anything. The tables and the manifest are
written to a staging folder beside the output folder, which then takes its place by renames
(`processed.write_dataset`, `atomic.swap_folder`), so a failed run leaves the previous folder as
it was. Input files are only read, never written or kept open.
"""

from __future__ import annotations

from pathlib import Path

from kuanalys.errors import InputError, Problems
from kuanalys.loaders.folder import read_all
from kuanalys.processed import write_dataset

__all__ = ["ingest_dir", "validate_dir"]


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
