"""`kuanalys report` gives a whole report for every tertial from the first year in data/raw to
the last, and for a tertial after the last record (slow: one report run per tertial)."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from kuanalys import config, load_all
from kuanalys.cli import main
from kuanalys.periods import Tertial, data_dates
from kuanalys.report.plan import report_sections

SECTIONS = report_sections()


def _periods() -> list[Tertial]:
    dates = data_dates(load_all(config.RAW_DATA_DIR))
    first, last = Tertial(dates.min().year, 1), Tertial.of(dates.max())
    periods = [first]
    while periods[-1] < Tertial(last.year, 3):
        periods.append(periods[-1].next())
    return [*periods, Tertial(last.year, 3).next()]  # and one after the last record


PERIODS = _periods()


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("any-period") / "raw"
    shutil.copytree(config.RAW_DATA_DIR, folder)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("period", PERIODS, ids=[p.short_label() for p in PERIODS])
def test_every_tertial_gives_a_whole_report(period, data, capsys):
    out = data.parent / "reports"
    argv = ["report", "--data", str(data), "--out", str(out), "--year", str(period.year)]
    code = main([*argv, "--tertial", str(period.number), "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Traceback" not in err and "Error" not in err
    folder = out / period.short_label()
    pages = {s.key: (folder / f"{s.key}.html").read_text(encoding="utf-8") for s in SECTIONS}
    for s in SECTIONS:
        nb = nbformat.read(folder / f"{s.key}.ipynb", as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
        assert outputs and not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"], s.key
    if not any(period.contains(d) for d in load_all(data).attendance["meeting_date"]):
        assert f"Inga möten registrerades under {period.label()}." in pages["01_narvaro"]
