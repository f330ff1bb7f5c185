"""Atomic writes: a file or a whole folder appears complete or not at all, with the user's
normal permissions (umask), never the private 0600/0700 of `tempfile`. The one place for both.

- `write_atomic(path, write)`: `write(tmp)` fills a temporary file beside `path`, which is then
  moved into place with `os.replace`; on failure the temporary file is removed.
- `staging_folder(target)` + `swap_folder(staging, target)`: fill a hidden sibling folder, then
  replace `target` by it with two renames (the old folder is removed afterwards). A run killed
  between the renames leaves `.NAME.old-*`/`.NAME.staging-*` siblings, which
  `remove_leftovers(target)` (called by the next run) removes, restoring the old folder first if
  the target is missing.
- `folder_lock(folder)`: one run at a time writes in a folder (`kuanalys report`'s output folder).
- `check_output_folder`, `check_replaceable` and `write_problem`: an output folder that cannot be
  used ends in one Swedish line naming it and what to do (`KuanalysError`), before anything is written.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from kuanalys.errors import KuanalysError


class FolderLocked(KuanalysError):
    """Another run holds the lock on the folder."""


@contextlib.contextmanager
def folder_lock(folder: Path):
    """Hold an exclusive `flock` on `folder` itself while the block runs, or raise FolderLocked.
    The system releases it when the process ends, however it ends; no lock file is left behind."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise FolderLocked(
            f"En annan rapportkörning pågår redan i {folder}. Vänta tills den är klar och kör sedan igen."
        ) from None
    try:
        yield
    finally:
        os.close(fd)


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


def swap_folder(staging: Path, target: Path) -> Path:
    """Replace `target` (if it exists) by the filled `staging` folder, then remove the old one;
    return `target`."""
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
    return target


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


# --- output folders that cannot be used -------------------------------------------------------
def check_output_folder(folder: Path, option: str = "--out") -> None:
    """Raise KuanalysError (one Swedish line) unless `folder` is a folder this process may write
    in, or can be made in an existing, writable parent."""
    if folder.exists() and not folder.is_dir():
        raise KuanalysError(f"Utmappen {folder} är en fil, inte en mapp. Ange en mapp med {option}.")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise KuanalysError(
                f"Utmappen {folder} kan inte skapas: mappen {folder.parent} finns inte. "
                f"Skapa den först eller ange en annan mapp med {option}."
            )
        folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise KuanalysError(
            f"Mappen {folder} är skrivskyddad: du saknar skrivrätt där. "
            f"Ge dig skrivrätt till mappen eller ange en annan mapp med {option}."
        )


def check_replaceable(folder: Path) -> None:
    """Raise KuanalysError (one Swedish line) if `folder` exists but cannot be replaced as a
    whole: a file, or a folder with a subfolder this process may not empty (its old copy could
    not be removed after the swap)."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise KuanalysError(f"{folder} är en fil, inte en mapp, och kan inte ersättas. Flytta eller ta bort den.")
    for current, _dirs, _files in os.walk(folder):
        if not os.access(current, os.W_OK | os.X_OK):
            raise KuanalysError(
                f"Mappen {current} är skrivskyddad, så {folder} kan inte ersättas. "
                f'Ge dig skrivrätt (chmod -R u+w "{folder}") eller flytta mappen, och kör igen.'
            )


def write_problem(exc: OSError, folder: Path) -> str:
    """Return one Swedish line for an OSError met while writing in `folder`: why, and what to do."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"Disken är full: {folder} kunde inte skrivas. Frigör utrymme (eller välj en annan mapp) och kör igen."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Skrivskyddat: {folder} kunde inte skrivas. Ge dig skrivrätt (eller välj en annan mapp) och kör igen."
    code = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    return f"{folder} kunde inte skrivas ({code}: {exc.strerror or exc}). Kontrollera mappen och kör igen."
