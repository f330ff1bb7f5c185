"""`kuanalys validate` and `kuanalys ingest` on a folder: through the CLI's main in this process
(a new Python process per command costs some 2 s of imports), and once as a real process."""

import contextlib
import io
import subprocess
import sys

from conftest import GRANT_ROWS, sha256, write_xlsx

from kuanalys.cli import main


def run(*args) -> subprocess.CompletedProcess:
    """Run `kuanalys ARGS` through the CLI's main; return its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse: --help, or a usage error
            code = exit.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def run_process(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kuanalys.cli", *args], capture_output=True, text=True)


def test_validate_ok(valid_dir):
    res = run("validate", str(valid_dir))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Inga problem" in res.stdout


def test_validate_reports_every_problem_in_swedish(valid_dir):
    write_xlsx(
        valid_dir / "ansokningar.xlsx",
        {"Ansökningar": [GRANT_ROWS[0], ["P", "F", None, "mycket", "2019-01-01", "bevilad"]]},
    )
    write_xlsx(
        valid_dir / "narvaro_fel.xlsx",
        {"Närvaro": [["Datum", "Nätverk", "Organisation", "Närvarande"], ["2019-02-01", "Reko", "Jönkping", "x"]]},
    )
    res = run("validate", str(valid_dir))
    out = res.stdout + res.stderr
    assert res.returncode == 1
    assert 'FEL: ansokningar.xlsx, blad "Ansökningar", rad 2, kolumn "Sökt belopp"' in out
    assert 'kolumn "Beslut"' in out and "Menade du 'beviljad'" in out
    assert 'FEL: narvaro_fel.xlsx, blad "Närvaro", rad 2, kolumn "Organisation": Okänd organisation' in out
    assert "Traceback" not in out


def test_ingest_is_atomic_and_inputs_unchanged(valid_dir, tmp_path):
    out = tmp_path / "processed"
    assert run("ingest", str(valid_dir), "--out", str(out)).returncode == 0
    before = {p.name: sha256(p) for p in out.iterdir()}
    write_xlsx(valid_dir / "medel.xlsx", {"Disponibla medel": [["Område"], ["x"]]})
    inputs = {p.name: sha256(p) for p in valid_dir.iterdir()}
    res = run("ingest", str(valid_dir), "--out", str(out))
    assert res.returncode == 1 and "Traceback" not in res.stderr and "FEL:" in res.stderr
    assert {p.name: sha256(p) for p in out.iterdir()} == before
    assert {p.name: sha256(p) for p in valid_dir.iterdir()} == inputs


def test_broken_file_gives_no_traceback(valid_dir):
    (valid_dir / "kurser.xlsx").write_bytes(b"PK\x03\x04 trasig")
    res = run_process("validate", str(valid_dir))  # as a user runs it: a real process
    assert res.returncode == 1 and "Traceback" not in res.stdout + res.stderr
    assert "kurser.xlsx" in res.stdout


def test_validate_and_ingest_take_the_folder_as_data_like_report(valid_dir, tmp_path):
    """`--data MAPP` as for `kuanalys report`; the positional MAPP still works; both at once must agree."""
    write_xlsx(valid_dir / "ansokningar.xlsx", {"Ansökningar": [GRANT_ROWS[0], ["P", "F", None, "mycket"]]})
    for args in (["--data", str(valid_dir)], [str(valid_dir)], ["--data", str(valid_dir), str(valid_dir)]):
        res = run("validate", *args)
        assert res.returncode == 1 and 'kolumn "Sökt belopp"' in res.stdout, args
    res = run("validate", "--data", str(valid_dir), str(tmp_path))
    assert res.returncode == 1 and "FEL: Ange indatamappen en gång" in res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    write_xlsx(valid_dir / "ansokningar.xlsx", {"Ansökningar": GRANT_ROWS})
    res = run("ingest", "--data", str(valid_dir), "--out", str(tmp_path / "processed"))
    assert res.returncode == 0, res.stdout + res.stderr
    assert (tmp_path / "processed" / "kuanalys-dataset.json").exists()
    help_text = run("validate", "--help").stdout
    assert "--data MAPP" in help_text and "mapp med indata" in help_text
