"""A killed report run's scratch folder (input tables, chart images) is removed by the next run."""

import os
import subprocess
import sys

from kuanalys.scratch import OWNER_FILE, make_scratch, remove_stale_scratch


def test_scratch_of_a_dead_run_is_removed_and_a_live_one_kept(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    live = make_scratch()
    dead = make_scratch()
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (dead / OWNER_FILE).write_text(child.stdout.strip())
    (dead / "snapshot").mkdir()
    (dead / "snapshot" / "attendance.parquet").write_bytes(b"data")
    fresh_without_owner = tmp_path / "kuanalys-run-new"
    fresh_without_owner.mkdir()
    assert remove_stale_scratch(root=tmp_path) == [dead]
    assert live.is_dir() and fresh_without_owner.is_dir() and not dead.exists()
    old = tmp_path / "kuanalys-run-old"
    old.mkdir()
    os.utime(old, (0, 0))
    assert remove_stale_scratch(root=tmp_path) == [old]
