import pandas as pd
import pytest
from conftest import GRANT_ROWS, sha256, write_xlsx

from kuanalys.errors import InputError
from kuanalys.ingest import ingest_dir, validate_dir
from kuanalys.schemas import TIDY_SCHEMAS


def test_validate_dir_collects_without_raising(valid_dir):
    assert not validate_dir(valid_dir).has_errors()
    write_xlsx(
        valid_dir / "ansokningar.xlsx", {"Ansökningar": [GRANT_ROWS[0], ["P", "F", None, -5, "2019-01-01", "väntar"]]}
    )
    problems = validate_dir(valid_dir)
    assert problems.has_errors() and "negativt" in problems.errors[0].message


def test_ingest_writes_one_parquet_per_table(valid_dir, tmp_path):
    out = tmp_path / "processed"
    written = ingest_dir(valid_dir, out)
    assert sorted(p.stem for p in written if p.suffix == ".parquet") == sorted(TIDY_SCHEMAS)
    assert written[-1].name == "kuanalys-dataset.json"  # the manifest is written last
    attendance = pd.read_parquet(out / "attendance.parquet")
    assert len(attendance) == 8 and attendance["network"].dtype.name == "category"
    assert not [p for p in out.iterdir() if p.suffix == ".tmp"]


def test_failing_ingest_leaves_previous_files_and_inputs_intact(valid_dir, tmp_path):
    out = tmp_path / "processed"
    ingest_dir(valid_dir, out)
    before = {p.name: sha256(p) for p in out.iterdir()}
    write_xlsx(
        valid_dir / "ansokningar.xlsx", {"Ansökningar": [GRANT_ROWS[0], ["P", "F", None, "x", "2019-01-01", "väntar"]]}
    )
    inputs = {p.name: sha256(p) for p in valid_dir.iterdir()}
    with pytest.raises(InputError):
        ingest_dir(valid_dir, out)
    assert {p.name: sha256(p) for p in out.iterdir()} == before
    assert {p.name: sha256(p) for p in valid_dir.iterdir()} == inputs
