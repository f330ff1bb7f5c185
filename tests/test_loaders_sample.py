"""Every loader and load_all on the bundled sample data in data/raw."""

import subprocess
import sys

import pytest

from kuanalys import (
    config,
    load_activities,
    load_attendance,
    load_comments,
    load_courses,
    load_funds,
    load_grants,
    load_indicators,
    load_networks,
    load_projects,
    load_settings,
    load_staff,
    load_survey,
)
from kuanalys.spec import kind_of_file

RAW = config.PROJ_ROOT / "data" / "raw"
FILES = sorted(p for p in RAW.glob("*.xlsx") if not p.name.startswith("~$")) if RAW.is_dir() else []
LOADERS = {
    "narvaro": load_attendance,
    "natverk": load_networks,
    "kurser": load_courses,
    "ansokningar": load_grants,
    "medel": load_funds,
    "matetal": load_indicators,
    "utvarderingsenkat": load_survey,
    "projekt": load_projects,
    "kommentarer": load_comments,
    "installningar": load_settings,
    "medarbetare": load_staff,
    "aktiviteter": load_activities,
}


def test_bundled_sample_is_present():
    """data/raw is part of the repository: its absence fails instead of skipping every test here."""
    assert FILES, "data/raw har ingen exempeldata (kör make sample)"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_each_sample_file_loads(path):
    kind = kind_of_file(path.name)
    assert kind is not None, f"{path.name} följer inte namnkonventionen"
    LOADERS[kind](path)


def test_load_all_on_sample(sample_ds):
    ds = sample_ds  # load_all(data/raw), read once per session
    assert len(ds.attendance) and len(ds.networks) and len(ds.courses) and len(ds.grants) and len(ds.funds_available)
    assert set(ds.attendance["network"].astype(str)) <= set(ds.networks["network"])
    assert not ds.warnings.errors


@pytest.mark.slow
def test_cli_validate_sample_exits_0():
    res = subprocess.run([sys.executable, "-m", "kuanalys.cli", "validate", str(RAW)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
