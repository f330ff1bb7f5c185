"""Atomic writes: a file or a whole folder appears complete or not at all, with the user's
normal permissions (umask), never the private 0600/0700 of `tempfile`.

- `write_atomic(path, write)`: `write(tmp)` fills a temporary file beside `path`, which is then
  moved into place with `os.replace`; on failure the temporary file is removed.
- `staging_folder(target)` + `swap_folder(staging, target)`: fill a hidden sibling folder, then
  replace `target` by it with two renames (the old folder is removed afterwards). A run killed
  between the renames leaves `.NAME.old-*`/`.NAME.staging-*` siblings, which
  `remove_leftovers(target)` (called by the next run) removes, restoring the old folder first if
  the target is missing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def umask_mode(mode: int = 0o666) -> int:
    """Return `mode` with the process's umask applied (what `open()` would give a new file)."""
    umask = os.umask(0)
    os.umask(umask)
    return mode & ~umask


def write_atomic(path: str | Path, write: Callable[[str], object]) -> Path:
    """Call `write(tmp_path)` and move the file into place as `path`; return `path`.

    The file gets the umask's permissions. On any failure the temporary file is removed and the
    previous `path` (if any) is left as it was; the exception propagates.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, umask_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def staging_folder(target: str | Path) -> Path:
    """Create and return an empty hidden sibling of `target` to be filled and swapped in."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    staging.chmod(umask_mode(0o777))
    return staging


def swap_folder(staging: Path, target: Path) -> None:
    """Replace `target` (if it exists) by the filled `staging` folder, then remove the old one."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(target: str | Path) -> None:
    """Remove staging and old copies of `target` left by a killed run (restore the old one if
    the target itself is missing)."""
    target = Path(target)
    if not target.parent.is_dir():
        return
    olds = sorted(target.parent.glob(f".{target.name}.old-*"))
    if olds and not target.exists():
        os.replace(olds.pop(), target)
    for leftover in [*olds, *target.parent.glob(f".{target.name}.staging-*")]:
        shutil.rmtree(leftover, ignore_errors=True)
