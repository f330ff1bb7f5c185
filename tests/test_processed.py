"""The processed dataset (Parquet + manifest): written by ingest and by the report runner,
read back by `load_processed`, and chosen by `load_dataset` (what the notebooks call)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kuanalys import config, load_all, load_dataset, load_processed
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
    ingest_dir(valid_dir, tmp_path)
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text(encoding="utf-8"))
    (tmp_path / MANIFEST_NAME).write_text(json.dumps({**manifest, "version": 99}), encoding="utf-8")
    with pytest.raises(KuanalysError, match="annan version av kuanalys"):
        load_processed(tmp_path)


def test_a_missing_table_names_the_file(valid_dir, tmp_path):
    ingest_dir(valid_dir, tmp_path)
    (tmp_path / "grants.parquet").unlink()
    with pytest.raises(KuanalysError, match="grants.parquet.*kuanalys ingest"):
        load_processed(tmp_path)
