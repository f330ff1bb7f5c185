"""Provenance of a report: when it was made, by which kuanalys, from which input files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kuanalys.hashing import sha256_of

# Input files the report reads (spec.py's file-name convention), in a stable order.
INPUT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")


@dataclass(frozen=True)
class InputFileHash:
    """One input file: its name (relative to the data folder) and sha256."""

    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Provenance:
    """Generation time, kuanalys version, period and input files of one report."""

    generated: datetime
    version: str
    period_label: str
    files: list[InputFileHash] = field(default_factory=list)


def input_files(data_dir: Path) -> list[Path]:
    """Return the input workbooks in a data folder, sorted by name (lock files ~$ left out)."""
    return sorted(
        p
        for p in Path(data_dir).iterdir()
        if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES and not p.name.startswith(("~$", "."))
    )


def collect(
    data_dir: Path, period_label: str, now: datetime | None = None, files: list[Path] | None = None
) -> Provenance:
    """Return the provenance of a report built now from `files` (default: every workbook in `data_dir`)."""
    from kuanalys import __version__

    paths = sorted(files, key=lambda p: Path(p).name) if files is not None else input_files(Path(data_dir))
    files = [InputFileHash(name=Path(p).name, sha256=sha256_of(Path(p)), size=Path(p).stat().st_size) for p in paths]
    return Provenance(
        generated=(now or datetime.now().astimezone()).replace(microsecond=0),
        version=__version__,
        period_label=period_label,
        files=files,
    )


CHECKSUM_FILE = "underlag-kontrollsummor.csv"


def write_checksums(folder: Path, provenance: Provenance) -> Path:
    """Write the input files' sha256 as `underlag-kontrollsummor.csv` in `folder` (atomically); return its path."""
    import csv

    from kuanalys.atomic import write_atomic

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle, delimiter=";")
            out.writerow(["Indatafil", "Storlek (byte)", "sha256"])
            out.writerows([f.name, f.size, f.sha256] for f in provenance.files)

    return write_atomic(Path(folder) / CHECKSUM_FILE, write)
