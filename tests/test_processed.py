"""The processed dataset (Parquet + manifest): written by ingest and by the report runner,
read back by `load_processed`, and chosen by `load_dataset` (what the notebooks call)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pandas as pd
import pytest
from conftest import GRANT_ROWS, sha256, write_xlsx

from kuanalys import config, load_all, load_dataset, load_processed
from kuanalys.atomic import remove_leftovers
from kuanalys.errors import KuanalysError
from kuanalys.ingest import ingest_dir
from kuanalys.processed import MANIFEST_NAME, write_dataset


def assert_same_dataset(a, b):
    for name, frame in a.tables().items():
        pd.testing.assert_frame_equal(frame.reset_index(drop=True), b.tables()[name], check_categorical=True, obj=name)


def test_ingest_then_load_processed_gives_the_same_tables_and_dtypes(valid_dir, tmp_path):
    ingest_dir(valid_dir, tmp_path / "processed")
    raw = load_all(valid_dir)
    processed = load_processed(tmp_path / "processed")
    assert_same_dataset(raw, processed)
    assert processed.attendance["org_code"].dtype.name == "category"
    assert [f.sha256 for f in processed.files] == [f.sha256 for f in raw.files]


def test_the_sample_round_trips(tmp_path):
    raw = load_all(config.RAW_DATA_DIR)
    write_dataset(raw, tmp_path, source_dir=config.RAW_DATA_DIR)
    assert_same_dataset(raw, load_processed(tmp_path))


def test_load_dataset_reads_either_kind_of_folder(valid_dir, tmp_path):
    ingest_dir(valid_dir, tmp_path / "processed")
    assert_same_dataset(load_dataset(valid_dir), load_dataset(tmp_path / "processed"))


def test_a_section_reads_the_snapshot_it_is_given(valid_dir, tmp_path):
    """`kuanalys report` passes its snapshot as the notebooks' `snapshot_dir`; without it, the
    workbooks in `data_dir` are read."""
    from kuanalys.report.display import open_section

    snapshot = tmp_path / "snapshot"
    write_dataset(load_all(valid_dir), snapshot, source_dir=valid_dir)
    # Make the snapshot recognisable: the workbooks still say 8 attendance rows.
    att = pd.read_parquet(snapshot / "attendance.parquet").iloc[:3]
    att.to_parquet(snapshot / "attendance.parquet", index=False)
    ds, _ = open_section(year=2019, tertial=2, data_dir=valid_dir, snapshot_dir=snapshot)
    assert len(ds.attendance) == 3
    ds, _ = open_section(year=2019, tertial=2, data_dir=valid_dir)
    assert len(ds.attendance) == 8


def test_a_manifest_from_another_version_is_refused_in_swedish(valid_dir, tmp_path):
    tmp_path = tmp_path / "processed"
    ingest_dir(valid_dir, tmp_path)
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text(encoding="utf-8"))
    (tmp_path / MANIFEST_NAME).write_text(json.dumps({**manifest, "version": 99}), encoding="utf-8")
    with pytest.raises(KuanalysError, match="annan version av kuanalys"):
        load_processed(tmp_path)


def test_a_missing_table_names_the_file(valid_dir, tmp_path):
    tmp_path = tmp_path / "processed"
    ingest_dir(valid_dir, tmp_path)
    (tmp_path / "grants.parquet").unlink()
    with pytest.raises(KuanalysError, match="grants.parquet.*kuanalys ingest"):
        load_processed(tmp_path)


def test_a_changed_input_makes_the_processed_folder_stale(valid_dir, tmp_path):
    out = tmp_path / "processed"
    ingest_dir(valid_dir, out)
    assert len(load_processed(out, raw_dir=valid_dir).attendance) == 8
    write_xlsx(valid_dir / "ansokningar.xlsx", {"Ansökningar": [GRANT_ROWS[0], GRANT_ROWS[1]]})
    with pytest.raises(KuanalysError, match=r"inaktuella: ansokningar.xlsx har ändrats .*kuanalys ingest"):
        load_processed(out, raw_dir=valid_dir)
    with pytest.raises(KuanalysError, match="inaktuella"):
        load_dataset(out)  # the manifest's source folder is compared by default
    (valid_dir / "kurser_2.xlsx").write_bytes((valid_dir / "kurser.xlsx").read_bytes())
    with pytest.raises(KuanalysError, match="kurser_2.xlsx har tillkommit"):
        load_processed(out, raw_dir=valid_dir)


def test_a_hand_edited_table_is_refused(valid_dir, tmp_path):
    out = tmp_path / "processed"
    ingest_dir(valid_dir, out)
    grants = pd.read_parquet(out / "grants.parquet")
    grants.loc[0, "amount_applied"] = 1
    grants.to_parquet(out / "grants.parquet", index=False)
    with pytest.raises(KuanalysError, match="grants.parquet har ändrats efter `kuanalys ingest`"):
        load_processed(out)


def test_a_table_that_breaks_its_schema_is_refused(valid_dir, tmp_path):
    out = tmp_path / "processed"
    ingest_dir(valid_dir, out)
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    pd.DataFrame({"x": [1]}).to_parquet(out / "grants.parquet", index=False)
    manifest["tables"]["grants"] = sha256(out / "grants.parquet")
    (out / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(KuanalysError, match="grants.parquet stämmer inte med tabellens schema") as refused:
        load_processed(out)
    assert "Kolumnen 'x' hör inte till tabellen" in str(refused.value)


def test_a_value_that_breaks_its_schema_is_named_in_plain_swedish(valid_dir, tmp_path):
    out = tmp_path / "processed"
    ingest_dir(valid_dir, out)
    grants = pd.read_parquet(out / "grants.parquet")
    grants.loc[1, "amount_granted"] = -5
    grants.loc[1, "amount_applied"] = 100
    grants.to_parquet(out / "grants.parquet", index=False)
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["tables"]["grants"] = sha256(out / "grants.parquet")
    (out / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(KuanalysError) as refused:
        load_processed(out)
    message = str(refused.value)
    assert "(kolumnen 'amount_granted', rad 2: Värdet -5 är negativt; lägsta möjliga är 0)" in message
    assert "greater_than" not in message and "np." not in message


def test_ingest_files_get_the_umask_permissions(valid_dir, tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "processed"
        ingest_dir(valid_dir, out)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o644}


def test_ingest_replaces_the_whole_folder_or_nothing(valid_dir, tmp_path, monkeypatch):
    out = tmp_path / "processed"
    ingest_dir(valid_dir, out)
    (out / ".gitkeep").write_text("")
    before = {p.name: sha256(p) for p in out.iterdir()}
    calls = []

    def failing_to_parquet(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return original(self, path, *args, **kwargs)

    original = pd.DataFrame.to_parquet
    monkeypatch.setattr(pd.DataFrame, "to_parquet", failing_to_parquet)
    with pytest.raises(KuanalysError, match="Tidigare filer är orörda"):
        ingest_dir(valid_dir, out)
    assert {p.name: sha256(p) for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["processed", "raw"]  # no staging left
    monkeypatch.undo()
    ingest_dir(valid_dir, out)
    assert (out / ".gitkeep").is_file()


def test_leftovers_of_a_killed_ingest_are_removed_or_restored(valid_dir, tmp_path):
    out = tmp_path / "processed"
    ingest_dir(valid_dir, out)
    os.replace(out, tmp_path / ".processed.old-abc")  # killed between the two renames
    (tmp_path / ".processed.staging-def").mkdir()
    (tmp_path / ".processed.staging-def" / "grants.parquet").write_bytes(b"half")
    remove_leftovers(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["processed", "raw"]
    load_processed(out)


@pytest.mark.parametrize("case", ["file", "readonly", "foreign"])
def test_output_folder_problems_end_in_swedish(valid_dir, tmp_path, case):
    out = tmp_path / "ut"
    if case == "file":
        out.write_text("x")
        expected = "är en fil, inte en mapp"
    elif case == "readonly":
        if os.geteuid() == 0:
            out = Path("/proc/kuanalys-ut")  # root may write anywhere else
        else:
            tmp_path.chmod(0o500)
        expected = "är skrivskyddad|kunde inte skrivas"
    else:
        out.mkdir()
        (out / "viktig.xlsx").write_text("x")
        expected = r"innehåller andra filer .*viktig.xlsx"
    with pytest.raises(KuanalysError, match=expected):
        ingest_dir(valid_dir, out)
    tmp_path.chmod(0o700)
