"""`kuanalys report` gives a whole report for every tertial from the first year in data/raw to
the last, and for a tertial after the last record.

Real report runs (papermill, slow) for a few representative periods: tertial 1 of the first year,
T2 2019 and T3 2024 (the session's shared reports, conftest) and the tertial after the last
record. For every other tertial the section notebooks' own code runs in this process (the chapter
functions of kuanalys.report, no kernel): the same items, without the cost of a report run.
"""

from __future__ import annotations

import re
import shutil
import warnings

import nbformat
import pytest
from conftest import run_log, run_sections_in_process

from kuanalys import config, load_all
from kuanalys.cli import main
from kuanalys.periods import Tertial, data_dates
from kuanalys.report.sections import report_sections

# The years of data/raw (test_the_periods_span_the_sample checks them against the data).
FIRST_YEAR, LAST_YEAR = 2018, 2024
PERIODS = [Tertial(y, n) for y in range(FIRST_YEAR, LAST_YEAR + 1) for n in (1, 2, 3)]
AFTER_LAST = Tertial(LAST_YEAR, 3).next()  # a tertial after the last record: no records at all
SHARED = {Tertial(2019, 2): "t2_2019_report", Tertial(LAST_YEAR, 3): "t3_2024_report"}
REAL = [Tertial(FIRST_YEAR, 1), *SHARED, AFTER_LAST]
IN_PROCESS = [p for p in PERIODS if p not in REAL]


def _ids(periods: list[Tertial]) -> list[str]:
    return [p.short_label() for p in periods]


def _no_meetings_said(pages: str, period: Tertial) -> bool:
    # Said where the plan's indicators read attendance: per network (2017–2021) or in the region
    # groups (2022–2024).
    return bool(re.search(f"Inga möten (i [^<.]* )?registrerades under {period.label()}", pages))


def test_the_periods_span_the_sample(sample_ds):
    dates = data_dates(sample_ds)
    assert (Tertial(dates.min().year, 1), Tertial.of(dates.max())) == (PERIODS[0], PERIODS[-1])


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("any-period") / "raw"
    shutil.copytree(config.RAW_DATA_DIR, folder)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("period", REAL, ids=_ids(REAL))
def test_a_real_report_run_gives_a_whole_report(period, data, request, capsys, monkeypatch):
    if period in SHARED:
        folder = request.getfixturevalue(SHARED[period])
        err = run_log(folder)
    else:
        # Chart images for the Word draft need a browser start per run (15–30 s); they are tested
        # with the shared reports. Here the run takes the documented no-browser path instead: the
        # draft gets each chart's data table.
        monkeypatch.setenv("KUANALYS_CHROMIUM", str(data.parent / "ingen-chromium"))
        out = data.parent / "reports"
        argv = ["report", "--data", str(data), "--out", str(out), "--year", str(period.year)]
        code = main([*argv, "--tertial", str(period.number), "--jobs", "2"])
        err = capsys.readouterr().err
        assert code == 0, err
        folder = out / period.short_label()
    assert "Traceback" not in err and "Error" not in err
    ds = load_all(data)  # the same workbooks as the shared reports' copies of data/raw
    sections = report_sections(ds, period)
    pages = {s.key: (folder / f"{s.key}.html").read_text(encoding="utf-8") for s in sections}
    for s in sections:
        nb = nbformat.read(folder / f"{s.key}.ipynb", as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
        assert outputs and not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"], s.key
    if not any(period.contains(d) for d in ds.attendance["meeting_date"]):
        assert _no_meetings_said("".join(pages.values()), period)


@pytest.mark.slow
@pytest.mark.parametrize("period", IN_PROCESS, ids=_ids(IN_PROCESS))
def test_every_other_tertial_builds_every_section(period, sample_ds, capsys, monkeypatch):
    """What a report run checks in the executed notebooks, for the notebooks' code run here: no
    error, nothing on stderr, no warning, and every section shows something."""
    from kuanalys.report.render.html import item_html

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = run_sections_in_process(sample_ds, period, monkeypatch)
        pages = "".join(item_html(item) for shown in items.values() for item in shown)
    assert capsys.readouterr().err == ""
    assert [str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)] == []
    assert items.keys() == {s.key for s in report_sections(sample_ds, period)}
    assert all(items.values()), [k for k, shown in items.items() if not shown]
    if not any(period.contains(d) for d in sample_ds.attendance["meeting_date"]):
        assert _no_meetings_said(pages, period)


@pytest.mark.slow
def test_a_perturbed_folder_that_validate_accepts_gives_a_whole_report(tmp_path, capsys, monkeypatch):
    """The real notebooks on a copy of data/raw with accepted variations: synonyms (KoK, a
    section's visible name), a target removed (ej bedömt), a target changed, a network with its
    own target; validate accepts it, so report runs every section without an error output."""
    import openpyxl

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen-chromium"))  # no chart images: as above
    data = tmp_path / "raw"
    shutil.copytree(config.RAW_DATA_DIR, data)
    wb = openpyxl.load_workbook(data / "matetal.xlsx")
    targets = wb["Målvärden"]
    removed = None
    for row in targets.iter_rows(min_row=2):
        if row[0].value == "narvaro_samtliga" and row[1].value == 2019:
            removed = row[0].row
        if row[0].value == "narvaro_pks" and row[1].value == 2019:
            row[2].value = "90 %"
        if row[0].value == "beviljade_medel" and row[1].value == 2019:
            row[2].value = "250 000 kr"
    targets.delete_rows(removed)
    wb.save(data / "matetal.xlsx")
    wb = openpyxl.load_workbook(data / "kommentarer.xlsx")
    wb.worksheets[0].cell(row=2, column=3, value="Viktiga händelser")
    wb.save(data / "kommentarer.xlsx")
    wb = openpyxl.load_workbook(data / "kurser.xlsx")
    ws = wb["Kurser"]
    organiser = [c.column for c in ws[1] if c.value == "Arrangör"][0]
    ws.cell(row=2, column=organiser, value="KoK")
    wb.save(data / "kurser.xlsx")

    assert main(["validate", str(data)]) == 0, capsys.readouterr().out
    out = tmp_path / "reports"
    assert main(["report", "--data", str(data), "--out", str(out), "--year", "2019", "--tertial", "2"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    folder = out / "2019-T2"
    sections = report_sections(load_all(data), Tertial(2019, 2))
    for s in sections:
        nb = nbformat.read(folder / f"{s.key}.ipynb", as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
        assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"], s.key
    pages = "".join((folder / f"{s.key}.html").read_text(encoding="utf-8") for s in sections)
    assert "ej bedömt" in pages
