"""The output folder of `kuanalys report`: one run at a time (a lock), and whole folders
published by renames, so the last good report is never half overwritten."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from kuanalys.errors import KuanalysError
from kuanalys.report.signals import signals_held

LOCK_NAME = ".kuanalys-rapport.lock"


class ReportLocked(KuanalysError):
    """Another `kuanalys report` holds the lock on the output folder."""


@contextlib.contextmanager
def report_lock(out_dir: Path):
    """Hold an exclusive lock on `out_dir` for one report run (raises ReportLocked if taken).

    `flock` is released by the kernel when the process ends, however it ends. The lock file is
    unlinked on release; a run that opened the old file just before checks the inode it locked
    is still the one at the path, and retries otherwise.
    """
    import fcntl

    path = Path(out_dir) / LOCK_NAME
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                holder = os.read(fd, 64).decode(errors="replace").strip() or "okänd"
            finally:
                os.close(fd)
            raise ReportLocked(
                f"En annan rapportkörning pågår redan i {out_dir} (process {holder}). "
                "Vänta tills den är klar och kör sedan igen. Om ingen körning pågår: ta bort filen "
                f"{path} och försök igen."
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the file was removed by the run that just finished: lock the new one
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.close(fd)


def publish(staging: Path, target: Path) -> Path:
    """Move `staging` to `target`, replacing an earlier report by renames only. Returns target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = None
    with signals_held():
        if target.exists():
            old = target.with_name(f".{target.name}.gammal-{os.getpid()}")
            os.replace(target, old)
        try:
            os.replace(staging, target)
        except BaseException:
            if old is not None and not target.exists():
                os.replace(old, target)  # put the last good report back
            raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


def recover(target: Path) -> None:
    """Put back a report that an interrupted publish left as `.<namn>.gammal-*`."""
    if target.exists():
        for leftover in target.parent.glob(f".{target.name}.gammal-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        return
    leftovers = sorted(target.parent.glob(f".{target.name}.gammal-*"))
    if leftovers:
        os.replace(leftovers[-1], target)


def remove_stale_staging(out_dir: Path) -> list[Path]:
    """Remove staging folders left by a run that was killed outright (call with the lock held)."""
    removed = []
    for leftover in Path(out_dir).glob(".*.tmp-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
    return removed
