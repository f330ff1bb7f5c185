import shutil

import pandas as pd
import pytest
from conftest import ATTENDANCE_LONG_ROWS, GRANT_ROWS, D, sha256, write_xlsx

from kuanalys import load_all, load_attendance
from kuanalys.errors import InputError
from kuanalys.loaders import read_all
from kuanalys.schemas import TIDY_SCHEMAS


def test_load_all_reads_every_kind(valid_dir):
    before = {p.name: sha256(p) for p in valid_dir.iterdir()}
    ds = load_all(valid_dir)
    assert set(ds.tables()) == set(TIDY_SCHEMAS)
    for name, frame in ds.tables().items():
        TIDY_SCHEMAS[name].validate(frame)
    assert set(ds.attendance["network"]) == {"Reko", "PKS"}
    assert len(ds.attendance) == 8
    assert {f.path.name: f.sha256 for f in ds.files} == before
    assert {p.name: sha256(p) for p in valid_dir.iterdir()} == before  # inputs untouched
    assert len(ds.warnings) == 0


def test_lock_files_ignored_and_unknown_xlsx_warned(valid_dir):
    (valid_dir / "~$ansokningar.xlsx").write_bytes(b"lock")
    shutil.copy(valid_dir / "ansokningar.xlsx", valid_dir / "budget_gammal.xlsx")
    (valid_dir / "README.txt").write_text("hej")
    ds = load_all(valid_dir)
    readme, w = ds.warnings  # sorted by file name
    assert "budget_gammal.xlsx" in w.file and "namnkonventionen" in w.message
    assert "README.txt" in readme.file and "ingen indatafil" in readme.message  # every file is read or named


def test_optional_comments_missing_gives_empty_typed_frame(valid_dir):
    (valid_dir / "kommentarer.xlsx").unlink()
    ds = load_all(valid_dir)
    assert ds.comments.empty
    assert list(ds.comments.columns) == ["year", "tertial", "target_id", "kind", "heading", "text"]
    assert ds.comments["year"].dtype.name == "Int64"


def test_missing_required_kind_is_an_error(valid_dir):
    (valid_dir / "medel.xlsx").unlink()
    with pytest.raises(InputError) as exc:
        load_all(valid_dir)
    assert any("medel" in e.message for e in exc.value.problems.errors)


def test_several_files_of_a_kind_are_combined_and_duplicates_across_files_found(valid_dir):
    write_xlsx(
        valid_dir / "ansokningar_t2.xlsx",
        {"Ansökningar": [GRANT_ROWS[0], ["Ny ansökan", "Forte", None, 10, D(2019, 6, 1), "väntar", None, None]]},
    )
    assert len(load_all(valid_dir).grants) == 4
    write_xlsx(valid_dir / "ansokningar_kopia.xlsx", {"Ansökningar": GRANT_ROWS})
    with pytest.raises(InputError) as exc:
        load_all(valid_dir)
    errs = exc.value.problems.errors
    assert len(errs) == 3 and all("ansokningar.xlsx" in e.message for e in errs)


def test_attendance_network_must_be_in_registry(valid_dir):
    rows = [
        ATTENDANCE_LONG_ROWS[0],
        [D(2019, 2, 1), "Rekko", "Habo", "x", None],
        [D(2019, 2, 1), "reko ", "Aneby", "x", None],
    ]
    write_xlsx(valid_dir / "narvaro_extra.xlsx", {"Närvaro": rows})
    with pytest.raises(InputError) as exc:
        load_all(valid_dir)
    (err,) = exc.value.problems.errors
    assert err.row == 2 and "Rekko" in err.message and "Menade du: Reko" in err.message


def test_registry_spelling_is_used(valid_dir):
    write_xlsx(
        valid_dir / "narvaro_extra.xlsx",
        {"Närvaro": [ATTENDANCE_LONG_ROWS[0], [D(2019, 9, 1), "REKO", "Aneby", "x", None]]},
    )
    ds = load_all(valid_dir)
    assert set(ds.attendance["network"]) == {"Reko", "PKS"}


def test_all_problems_of_all_files_are_collected(valid_dir):
    write_xlsx(
        valid_dir / "ansokningar.xlsx",
        {"Ansökningar": [GRANT_ROWS[0], ["P", "F", None, "x", D(2019, 2, 1), "väntar", None, None]]},
    )
    write_xlsx(valid_dir / "kurser.xlsx", {"Kurser": [["Titel"], ["a"]]})
    dataset, problems = read_all(valid_dir)
    assert dataset is None
    files = {e.file.rsplit("/", 1)[-1] for e in problems.errors}
    assert files == {"ansokningar.xlsx", "kurser.xlsx"}


def test_load_all_equals_single_loader(valid_dir):
    ds = load_all(valid_dir)
    reko = ds.attendance[ds.attendance["network"] == "Reko"].reset_index(drop=True)
    single = load_attendance(valid_dir / "narvaro_lang.xlsx")
    pd.testing.assert_frame_equal(
        reko.assign(network=reko["network"].astype(str)),
        single.assign(network=single["network"].astype(str)),
    )
