"""Issue 25, point 5: every unusable state of `--out` (and of the report's own subfolder) ends in
one Swedish line naming the folder and what to do, exit code 1, no traceback; the last good
report or processed folder stays as it was, and nothing undeletable is left behind. Each case
goes through the command line, for `kuanalys report` and `kuanalys ingest`.

A read-only folder is read-only for the user running the command: as root (who may write
anywhere) the command runs without the capabilities that override file permissions, so it
still reads the clone wherever it lies."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kuanalys import config
from kuanalys.cli import main
from kuanalys.report import runner
from kuanalys.report.sections import SectionRun

KUANALYS = [sys.executable, "-c", "import sys; from kuanalys.cli import main; sys.exit(main())"]
T2 = "2019-T2"
REPORT = ["report", "--data", str(config.RAW_DATA_DIR), "--year", "2019", "--tertial", "2", "--out"]


@pytest.fixture()
def base():
    """An empty folder for the command's output, removed afterwards even where it was made read-only."""
    folder = Path(tempfile.mkdtemp(prefix="kuanalys-ut-"))
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o777)
    shutil.rmtree(folder)


def cli(*args: str) -> subprocess.CompletedProcess:
    """Run `kuanalys` with `args`; as root, without the power to write in read-only folders."""
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([*prefix, *KUANALYS, *args], capture_output=True, text=True, env=env, cwd="/", timeout=300)


def hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def one_line(stderr: str, *parts: str) -> str:
    """The single line of stderr (no traceback), which holds each of `parts`."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


def good_report(out: Path) -> dict[str, str]:
    (out / T2).mkdir(parents=True)
    (out / T2 / "tertialrapport-2019-T2.html").write_text("förra rapporten", encoding="utf-8")
    return hashes(out)


# --- kuanalys report ----------------------------------------------------------------------------
def test_report_out_is_a_file(base):
    (base / "ut").write_text("x")
    done = cli(*REPORT, str(base / "ut"))
    assert done.returncode == 1
    one_line(done.stderr, f"FEL: Utmappen {base / 'ut'} är en fil, inte en mapp. Ange en mapp med --out.")
    assert (base / "ut").read_text() == "x"


@pytest.mark.parametrize("command", ["report", "ingest"])
def test_out_with_a_missing_parent(base, command):
    out = base / "saknas" / "ut"
    args = (
        [*REPORT, str(out)]
        if command == "report"
        else ["ingest", "--data", str(config.RAW_DATA_DIR), "--out", str(out)]
    )
    done = cli(*args)
    assert done.returncode == 1
    one_line(done.stderr, f"Utmappen {out} kan inte skapas: mappen {base / 'saknas'} finns inte.", "--out")
    assert list(base.iterdir()) == []


def test_report_out_is_read_only(base):
    out = base / "ut"
    before = good_report(out)
    out.chmod(0o555)
    done = cli(*REPORT, str(out))
    assert done.returncode == 1
    one_line(done.stderr, f"Mappen {out} är skrivskyddad", "skrivrätt", "--out")
    assert hashes(out) == before and sorted(p.name for p in out.iterdir()) == [T2]


def test_report_subfolder_read_only_is_refused_before_anything_is_written(base):
    # The parent is writable, so the old folder could be renamed away, but not emptied: the run
    # used to report success and leave an undeletable hidden folder behind.
    out = base / "ut"
    before = good_report(out)
    (out / T2).chmod(0o555)
    done = cli(*REPORT, str(out))
    assert done.returncode == 1
    one_line(done.stderr, f"Mappen {out / T2} är skrivskyddad, så {out / T2} kan inte ersättas", "chmod -R u+w")
    assert hashes(out) == before and sorted(p.name for p in out.iterdir()) == [T2]


def test_report_on_a_full_disk(tmp_path, monkeypatch, capsys):
    out = tmp_path / "ut"
    before = good_report(out)

    def run_notebooks(sections, notebooks_dir, staging, parameters, jobs, scratch):
        return [SectionRun(s, staging / f"{s.key}.ipynb") for s in sections]

    def write_documents(staging, runs, *args):
        (staging / "halvskriven.html").write_text("…")
        raise OSError(errno.ENOSPC, "No space left on device", str(staging / "tabeller.xlsx"))

    monkeypatch.setattr(runner, "run_notebooks", run_notebooks)
    monkeypatch.setattr(runner, "write_documents", write_documents)
    assert main([*REPORT, str(out)]) == 1
    one_line(capsys.readouterr().err, f"FEL: Disken är full: {out} kunde inte skrivas.", "Frigör utrymme", "orörd")
    assert hashes(out) == before and sorted(p.name for p in out.iterdir()) == [T2]


# --- kuanalys ingest ----------------------------------------------------------------------------
INGEST = ["ingest", "--data", str(config.RAW_DATA_DIR), "--out"]


def test_ingest_out_is_a_file(base):
    (base / "ut").write_text("x")
    done = cli(*INGEST, str(base / "ut"))
    assert done.returncode == 1
    one_line(done.stderr, f"FEL: Utmappen {base / 'ut'} är en fil, inte en mapp. Ange en mapp med --out.")


@pytest.mark.parametrize("read_only", ["out", "parent"])
def test_ingest_out_read_only(base, read_only):
    out = base / "processed"
    out.mkdir()
    (out / "kuanalys-dataset.json").write_text("{}")
    before = hashes(base)
    (out if read_only == "out" else base).chmod(0o555)
    done = cli(*INGEST, str(out))
    assert done.returncode == 1
    one_line(done.stderr, f"Mappen {out if read_only == 'out' else base} är skrivskyddad", "--out")
    assert hashes(base) == before and sorted(p.name for p in base.iterdir()) == ["processed"]


def test_ingest_on_a_full_disk(tmp_path, monkeypatch, capsys):
    import pandas as pd

    out = tmp_path / "processed"
    out.mkdir()
    (out / "kuanalys-dataset.json").write_text("{}")

    def to_parquet(self, path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_parquet", to_parquet)
    assert main([*INGEST, str(out)]) == 1
    one_line(capsys.readouterr().err, f"FEL: Disken är full: {out} kunde inte skrivas.", "Tidigare filer är orörda")
    assert (out / "kuanalys-dataset.json").read_text() == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["processed"]
