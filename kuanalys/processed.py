"""The processed dataset: the tidy tables as Parquet plus a small manifest, and how to read it back.

`kuanalys ingest` writes it to data/processed; `kuanalys report` writes one into its private run
folder so that the section notebooks read the validated tables (a few milliseconds) instead of
parsing every workbook again (seconds with many years of history).

The folder is replaced as a whole (written to a staging sibling, then swapped in with renames),
so it always holds one whole dataset. The manifest `kuanalys-dataset.json` names the source
folder, each source file with its sha256 and each table's sha256, never any content of the
files. `load_processed` trusts a folder only when it is current: each table matches its sha256
and its pandera schema, and (given the raw folder) each input file matches the manifest.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from kuanalys import atomic
from kuanalys.atomic import remove_leftovers, staging_folder, swap_folder
from kuanalys.dataset import TABLE_NAMES, Dataset, InputFile
from kuanalys.errors import KuanalysError
from kuanalys.hashing import sha256_of

MANIFEST_NAME = "kuanalys-dataset.json"
MANIFEST_VERSION = 2
# Files that may already be in an output folder besides what ingest writes (kept across a swap).
_KEPT_NAMES = (".gitkeep",)


def _parquet_name(table: str) -> str:
    return f"{table}.parquet"


def check_output_folder(out_dir: Path, tables: Iterable[str] = ()) -> None:
    """Refuse an output folder that cannot be replaced as a whole (a file, a missing parent, no
    right to write in it or its parent), or that holds files ingest did not write (those would be
    lost: a mistyped --out data/raw must not delete the input)."""
    atomic.check_output_folder(out_dir)
    atomic.check_output_folder(out_dir.parent)
    atomic.check_replaceable(out_dir)
    if not out_dir.is_dir():
        return
    ours = {MANIFEST_NAME, *_KEPT_NAMES, *(_parquet_name(t) for t in TABLE_NAMES), *(_parquet_name(t) for t in tables)}
    try:
        others = sorted(p.name for p in out_dir.iterdir() if p.name not in ours)
    except OSError as exc:
        raise KuanalysError(f"Kan inte läsa utmappen {out_dir}: {exc.strerror or exc}.") from None
    if others:
        shown = ", ".join(others[:5]) + (" …" if len(others) > 5 else "")
        raise KuanalysError(
            f"Utmappen {out_dir} innehåller andra filer än de som `kuanalys ingest` skriver ({shown}). "
            "Mappen ersätts i sin helhet, så välj en tom mapp eller en tidigare utmapp från ingest."
        )


def write_dataset(dataset: Dataset, out_dir: Path, source_dir: Path | None = None) -> list[Path]:
    """Write the dataset's tables and its manifest to `out_dir`; return the paths written.

    The whole folder is replaced or nothing is: everything is written to a hidden staging
    sibling, which then takes the folder's place (kuanalys/atomic.py). Leftovers of a killed run
    are removed first. Every problem with the output folder ends in a Swedish KuanalysError.
    """
    out_dir = Path(out_dir)
    tables = dataset.tables()
    check_output_folder(out_dir, list(tables))
    try:
        remove_leftovers(out_dir)
        staging = staging_folder(out_dir)
    except OSError as exc:
        raise KuanalysError(atomic.write_problem(exc, out_dir)) from None
    try:
        written = [staging / _parquet_name(name) for name in tables]  # a new folder: no file to keep whole
        for path, frame in zip(written, tables.values(), strict=True):
            clean = frame.copy(deep=False)
            clean.attrs = {}
            clean.to_parquet(path, index=False)
        for name in _KEPT_NAMES:
            if (out_dir / name).is_file():
                shutil.copy2(out_dir / name, staging / name)
        manifest = {
            "version": MANIFEST_VERSION,
            "source_dir": str(Path(source_dir).resolve()) if source_dir else None,
            "tables": {name: sha256_of(path) for name, path in zip(tables, written, strict=True)},
            "files": [{"path": str(f.path), "kind": f.kind, "sha256": f.sha256} for f in dataset.files],
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=1)
        (staging / MANIFEST_NAME).write_text(text, encoding="utf-8")
        swap_folder(staging, out_dir)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise KuanalysError(f"{atomic.write_problem(exc, out_dir)} Tidigare filer är orörda.") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out_dir / p.name for p in written] + [out_dir / MANIFEST_NAME]


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
    if not isinstance(manifest, dict) or manifest.get("version") != MANIFEST_VERSION:
        raise KuanalysError(f"{path} är skriven av en annan version av kuanalys. Kör `kuanalys ingest` igen.")
    return manifest


def stale_sources(manifest: dict, raw_dir: Path) -> list[str]:
    """Return Swedish lines naming each input file of `raw_dir` that differs from the manifest
    (changed, added or removed since `kuanalys ingest`); empty when the folder is current."""
    from kuanalys.loaders.folder import find_input_files

    recorded = {Path(f["path"]).name: f["sha256"] for f in manifest.get("files", [])}
    found, _ = find_input_files(raw_dir)
    current = {p.name: p for paths in found.values() for p in paths}
    lines = [
        f"{name} har ändrats"
        for name in sorted(recorded.keys() & current.keys())
        if sha256_of(current[name]) != recorded[name]
    ]
    lines += [f"{name} har tillkommit" for name in sorted(current.keys() - recorded.keys())]
    lines += [f"{name} finns inte längre" for name in sorted(recorded.keys() - current.keys())]
    return lines


def load_processed(folder: str | Path, raw_dir: str | Path | None = None, *, validate: bool = True) -> Dataset:
    """Return the Dataset stored in a processed folder (from `kuanalys ingest`).

    Each table's sha256 is compared with the manifest (a hand-edited file is refused) and the
    table is validated with its pandera schema. Given `raw_dir`, the input files there are
    compared with the manifest's sha256 values: a stale folder is refused with a Swedish message
    naming the changed files. `validate=False` skips the schema check (the report run's own
    snapshot, written and validated seconds earlier).
    """
    import pandera.pandas as pa

    from kuanalys.schemas import TIDY_SCHEMAS

    folder = Path(folder)
    manifest = read_manifest(folder)
    if raw_dir is not None and Path(raw_dir).is_dir():
        stale = stale_sources(manifest, Path(raw_dir))
        if stale:
            raise KuanalysError(
                f"De bearbetade tabellerna i {folder} är inaktuella: {'; '.join(stale)} i {raw_dir} sedan "
                "`kuanalys ingest` kördes. Kör `kuanalys ingest` igen."
            )
    hashes = manifest.get("tables") or {}
    tables = {}
    for name in TABLE_NAMES:
        path = folder / _parquet_name(name)
        try:
            if validate and sha256_of(path) != hashes.get(name):
                raise KuanalysError(
                    f"{path} har ändrats efter `kuanalys ingest` (kontrollsumman stämmer inte med "
                    f"{MANIFEST_NAME}). Ändra indatafilerna i stället och kör `kuanalys ingest` igen."
                )
            frame = pd.read_parquet(path)
        except (OSError, ValueError) as exc:
            raise KuanalysError(f"Kan inte läsa {path}: {exc}. Kör `kuanalys ingest` igen.") from None
        if validate:
            try:
                frame = TIDY_SCHEMAS[name].validate(frame, lazy=True)
            except (pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
                from kuanalys.loaders.common import schema_failure_text

                raise KuanalysError(
                    f"{path} stämmer inte med tabellens schema ({schema_failure_text(exc)}). Kör `kuanalys ingest` igen."
                ) from None
        tables[name] = frame
    files = [InputFile(Path(f["path"]), f["kind"], f["sha256"]) for f in manifest.get("files", [])]
    return Dataset(**tables, files=files)


def load_dataset(data_dir: str | Path) -> Dataset:
    """Return the Dataset of a folder: a processed folder is read as Parquet, a folder of
    workbooks with `load_all`."""
    data_dir = Path(data_dir)
    if is_processed_dir(data_dir):
        source = read_manifest(data_dir).get("source_dir")
        return load_processed(data_dir, raw_dir=source)
    from kuanalys.loaders import load_all

    return load_all(data_dir)
