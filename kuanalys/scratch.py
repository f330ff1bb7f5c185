"""Private scratch folders of a report run, and the removal of those a killed run left behind.

A run's scratch folder (`kuanalys-run-*` in the system's temp folder) holds a copy of every
input table and the chart images. It is removed when the run ends; a run killed
outright (SIGKILL, power loss) cannot do that, so each run first removes the scratch folders of
runs whose process no longer exists (its pid is written in the folder). Only folders owned by
the current user are touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

PREFIX = "kuanalys-run-"
OWNER_FILE = "owner.pid"
# A folder without an owner file is removed only when older than this (its run may be starting).
GRACE_SECONDS = 3600


def make_scratch(prefix: str = PREFIX) -> Path:
    """Create a private (0700) scratch folder in the temp folder, marked with this process's pid,
    after removing those of runs that were killed; return it."""
    remove_stale_scratch(prefix)
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    (folder / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_stale(folder: Path, now: float) -> bool:
    try:
        pid = int((folder / OWNER_FILE).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        try:
            return now - folder.stat().st_mtime > GRACE_SECONDS
        except OSError:
            return False
    return pid != os.getpid() and not _alive(pid)


def remove_stale_scratch(prefix: str = PREFIX, root: str | Path | None = None) -> list[Path]:
    """Remove scratch folders of dead runs owned by this user; return the folders removed."""
    root = Path(root or tempfile.gettempdir())
    uid = os.getuid()
    now = time.time()
    removed = []
    for folder in root.glob(f"{prefix}*"):
        try:
            if not folder.is_dir() or folder.is_symlink() or folder.stat().st_uid != uid:
                continue
        except OSError:
            continue
        if _is_stale(folder, now):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
