"""The output folder's lock: one `kuanalys report` at a time per folder. (Publishing whole
folders by renames is `kuanalys.atomic`: `staging_folder`, `swap_folder`.)"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from kuanalys.errors import KuanalysError


class ReportLocked(KuanalysError):
    """Another `kuanalys report` holds the lock on the output folder."""


@contextlib.contextmanager
def report_lock(out_dir: Path):
    """Hold an exclusive `flock` on the folder `out_dir` itself for one run, or raise ReportLocked.
    The system releases it when the process ends, however it ends; no lock file is left behind."""
    fd = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise ReportLocked(
            f"En annan rapportkörning pågår redan i {out_dir}. Vänta tills den är klar och kör sedan igen."
        ) from None
    try:
        yield
    finally:
        os.close(fd)
