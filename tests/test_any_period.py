"""`kuanalys report` gives a whole report for every tertial from the first year in data/raw to
the last, and for a tertial after the last record (slow: one report run per tertial)."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest

from kuanalys import config, load_all
from kuanalys.cli import main
from kuanalys.periods import Tertial, data_dates
from kuanalys.report.sections import report_sections


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
def test_every_tertial_gives_a_whole_report(period, data, capsys, monkeypatch):
    # Chart images for the Word draft need a browser start per run (15–30 s); they are tested
    # with the sample report. Here each run takes the documented no-browser path instead: the
    # draft gets each chart's data table.
    monkeypatch.setenv("KUANALYS_CHROMIUM", str(data.parent / "ingen-chromium"))
    out = data.parent / "reports"
    argv = ["report", "--data", str(data), "--out", str(out), "--year", str(period.year)]
    code = main([*argv, "--tertial", str(period.number), "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Traceback" not in err and "Error" not in err
    folder = out / period.short_label()
    sections = report_sections(load_all(data), period)
    pages = {s.key: (folder / f"{s.key}.html").read_text(encoding="utf-8") for s in sections}
    for s in sections:
        nb = nbformat.read(folder / f"{s.key}.ipynb", as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
        assert outputs and not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"], s.key
    if not any(period.contains(d) for d in load_all(data).attendance["meeting_date"]):
        # Said where the plan's indicators read attendance: per network (2017–2021) or in the
        # region groups (2022–2024).
        assert re.search(f"Inga möten (i [^<.]* )?registrerades under {period.label()}", "".join(pages.values()))


@pytest.mark.slow
def test_a_perturbed_folder_that_validate_accepts_gives_a_whole_report(tmp_path, capsys):
    """The real notebooks on a copy of data/raw with accepted variations: synonyms (KoK, a
    section's visible name), a target removed (ej bedömt), a target changed, a network with its
    own target; validate accepts it, so report runs every section without an error output."""
    import openpyxl

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
