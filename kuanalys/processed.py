"""The processed dataset: the tidy tables as Parquet plus a small manifest, and how to read it back.

`kuanalys ingest` writes it to data/processed; `kuanalys report` writes one into its private run
folder so that the section notebooks read the validated tables (a few milliseconds) instead of
parsing every workbook again (seconds with many years of history).

The manifest `kuanalys-dataset.json` is written last, so a folder with a manifest always holds
a whole dataset. It names the source folder and each source file with its sha256, never any
content of the files.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from kuanalys.dataset import TABLE_NAMES, Dataset, InputFile
from kuanalys.errors import KuanalysError

MANIFEST_NAME = "kuanalys-dataset.json"
MANIFEST_VERSION = 1


def _write_atomic(path: Path, write) -> None:
    """Call `write(tmp_path)` and move the file into place; remove the temporary file on failure."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write each table to `out_dir/<name>.parquet` atomically; return the final paths.

    All tables are written to temporary files first and moved into place only when every one
    is written, so a failure leaves earlier files as they were.
    """
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
            clean = frame.copy(deep=False)
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


def write_dataset(dataset: Dataset, out_dir: Path, source_dir: Path | None = None) -> list[Path]:
    """Write the dataset's tables and its manifest to `out_dir`; return the paths written."""
    out_dir = Path(out_dir)
    written = write_tables(dataset.tables(), out_dir)
    manifest = {
        "version": MANIFEST_VERSION,
        "source_dir": str(Path(source_dir).resolve()) if source_dir else None,
        "tables": list(dataset.tables()),
        "files": [{"path": str(f.path), "kind": f.kind, "sha256": f.sha256} for f in dataset.files],
    }
    path = out_dir / MANIFEST_NAME
    try:
        _write_atomic(
            path, lambda tmp: Path(tmp).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        )
    except OSError as exc:
        raise KuanalysError(f"Kunde inte skriva {path}: {exc.strerror or exc}.") from None
    return [*written, path]


def is_processed_dir(folder: str | Path) -> bool:
    """True when `folder` holds a processed dataset (it has a manifest)."""
    return (Path(folder) / MANIFEST_NAME).is_file()


def read_manifest(folder: str | Path) -> dict:
    """Return the manifest of a processed dataset (raises KuanalysError in Swedish if unreadable)."""
    path = Path(folder) / MANIFEST_NAME
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KuanalysError(f"Kan inte läsa {path}: {exc}. Kör `kuanalys ingest` igen.") from None
    if manifest.get("version") != MANIFEST_VERSION:
        raise KuanalysError(f"{path} är skriven av en annan version av kuanalys. Kör `kuanalys ingest` igen.")
    return manifest


def load_processed(folder: str | Path) -> Dataset:
    """Return the Dataset stored in a processed folder (from `kuanalys ingest`), fast.

    The tables were validated when they were written; dtypes (categories, Int64, datetimes)
    come back as they were.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    tables = {}
    for name in TABLE_NAMES:
        path = folder / f"{name}.parquet"
        try:
            tables[name] = pd.read_parquet(path)
        except (OSError, ValueError) as exc:
            raise KuanalysError(f"Kan inte läsa {path}: {exc}. Kör `kuanalys ingest` igen.") from None
    files = [InputFile(Path(f["path"]), f["kind"], f["sha256"]) for f in manifest.get("files", [])]
    return Dataset(**tables, files=files)


def load_dataset(data_dir: str | Path) -> Dataset:
    """Return the Dataset of a folder: a processed folder is read as Parquet, a folder of
    workbooks with `load_all`."""
    data_dir = Path(data_dir)
    if is_processed_dir(data_dir):
        return load_processed(data_dir)
    from kuanalys.loaders import load_all

    return load_all(data_dir)
