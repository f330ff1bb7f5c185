"""`kuanalys report` end to end on the bundled sample, run once per test session.

Also: a failing notebook is named with its cell while the other sections are still written,
invalid input stops before any notebook runs, at most one worker per section, a period
without records is said out loud, and publishing only ever swaps whole folders.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import openpyxl
import pytest
from conftest import sample_sections

from kuanalys import config
from kuanalys.report import runner
from kuanalys.report.render.html import PLOTLY_SHARED_NAME
from kuanalys.report.runner import run_report
from kuanalys.report.sections import Section

T2 = "2019-T2"
COMBINED = f"tertialrapport-{T2}.html"
DOCX = f"tertialrapport-{T2}.docx"
SECTIONS = sample_sections()


@pytest.fixture(scope="session")
def report_dir(t2_2019_report) -> Path:
    return t2_2019_report  # conftest: the session's one T2 2019 report on a copy of data/raw


@pytest.mark.slow
def test_runner_writes_every_file(report_dir):
    names = {p.name for p in report_dir.iterdir()}
    for s in SECTIONS:
        assert f"{s.key}.html" in names and f"{s.key}.ipynb" in names
    # The combined report carries plotly.js itself; the section pages share one copy beside them.
    assert {COMBINED, "tabeller.xlsx", PLOTLY_SHARED_NAME, DOCX} <= names
    assert not any(n.startswith(".") for n in names), "arbetsfiler ska inte följa med rapporten"
    leftovers = [p.name for p in report_dir.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


@pytest.mark.slow
def test_executed_notebooks_have_outputs_and_parameters(report_dir):
    nb = nbformat.read(report_dir / "03_mal2.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "tertial = 2" in injected[0].source
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


def _html(report_dir: Path, name: str) -> str:
    return (report_dir / name).read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("name", [COMBINED, *[f"{s.key}.html" for s in SECTIONS]])
def test_html_is_offline_and_has_no_code(report_dir, name):
    html = _html(report_dir, name)
    assert not re.search(r"<script[^>]+src=[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", html, re.I)
    # Outside the inline scripts (plotly.js itself mentions MathJax and CDNs in its code):
    markup = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    assert "require.js" not in markup and "MathJax" not in markup and "cdn" not in markup.lower()
    for marker in ("jp-InputArea", "In&nbsp;[", "input_area", "highlight-ipynb", "open_section(", "show(c."):
        assert marker not in markup, marker
    assert '<html lang="sv">' in html
    # Provenance, collapsed at the end (never printed): day, version and every input file with its sha256.
    assert "Om underlaget, för kontroll" in html and "kuanalys version" in html
    for f in (report_dir.parent.parent / "raw").glob("*.xlsx"):
        from hashlib import sha256

        assert sha256(f.read_bytes()).hexdigest() in html, f.name
    # Only relative links.
    for href in re.findall(r'(?:href|src)="([^"]+)"', markup):
        assert href.startswith(("#", "tabeller.xlsx", PLOTLY_SHARED_NAME)) or re.fullmatch(r"[\w.-]+\.html", href), href


@pytest.mark.slow
def test_combined_has_plotly_once_toc_and_all_sections(report_dir):
    html = _html(report_dir, COMBINED)
    assert html.count("* plotly.js (basic - minified) v") == 1  # the vendored partial bundle, once
    assert html.count("<script src=") == 0
    assert html.count('class="ku-plot"') >= 7
    assert 'aria-label="Innehåll"' in html
    for s in SECTIONS:
        assert f'id="{s.anchor}-rubrik"' in html and f'href="#{s.anchor}-rubrik"' in html
    assert "Tertialrapport tertial 2 2019" in html
    # The section pages load the folder's one copy of plotly.js (relative), and carry none themselves.
    section = _html(report_dir, "03_mal2.html")
    assert f'<script src="{PLOTLY_SHARED_NAME}"></script>' in section
    assert "* plotly.js (" not in section


@pytest.mark.slow
def test_excel_has_every_table_with_numbers(report_dir):
    html = _html(report_dir, COMBINED)
    shown = re.findall(r'<table[^>]*\sdata-ku-table="([a-z0-9_]+)"', html)
    wb = openpyxl.load_workbook(report_dir / "tabeller.xlsx")
    index = wb[wb.sheetnames[0]]
    titles = [row[1].value for row in index.iter_rows(min_row=2)]
    # Each goal summary is text on the page and a table in tabeller.xlsx.
    summaries = [t for t in titles if str(t).startswith("Målet som helhet: ")]
    assert summaries and len(wb.sheetnames) - 1 == len(set(shown)) + len(summaries) == len(titles)
    numeric_sheets = 0
    for name in wb.sheetnames[1:]:
        ws = wb[name]
        assert ws.freeze_panes == "A3"  # row 1 the number and title, row 2 the headings
        assert str(ws["A1"].value).startswith(name) or not name.startswith(("Tabell", "Diagram"))
        assert all(isinstance(c.value, str) for c in ws[2]), "rubrikraden ska vara text"
        cells = [c for row in ws.iter_rows(min_row=3) for c in row if c.value is not None]
        numbers = [c for c in cells if isinstance(c.value, (int, float))]
        assert not any(c.data_type == "f" for c in cells)
        if numbers:
            numeric_sheets += 1
            assert all(c.number_format != "General" for c in numbers), name
            # No pre-formatted numbers hiding as text ("79 %", "1 563 970 kr").
            assert not any(
                isinstance(c.value, str) and re.fullmatch(r"[\d\s\u00a0,−-]+\s?(%|kr)", c.value) for c in cells
            )
    text_only = [t for t in titles if t.startswith(("Aktiviteter", "Symbolförteckning", "Strategiska mål"))]
    assert numeric_sheets >= len(wb.sheetnames) - 3 - len(text_only)


@pytest.mark.slow
def test_failing_notebook_is_named_and_others_still_written(tmp_path, capsys):
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    shutil.copy(config.NOTEBOOKS_DIR / "inledning.ipynb", nbdir)
    broken = nbformat.read(config.NOTEBOOKS_DIR / "kapitel.ipynb", as_version=4)
    position = 4
    broken.cells[position - 1] = nbformat.v4.new_code_cell('raise RuntimeError("trasig med flit")')
    nbformat.write(broken, nbdir / "kapitel.ipynb")
    out = tmp_path / "reports"
    good = out / T2
    good.mkdir(parents=True)
    (good / "senaste.txt").write_text("förra rapporten")

    code = run_report(
        data_dir=config.RAW_DATA_DIR,
        out_dir=out,
        year=2019,
        tertial=2,
        jobs=2,
        notebooks_dir=nbdir,
        sections=(
            Section("01_inledning", "inledning.ipynb", "inledning"),
            Section("02_mal1", "kapitel.ipynb", "mal1", {"goal": 1}),
        ),
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "02_mal1.ipynb" in err and f"cell {position}" in err and "RuntimeError: trasig med flit" in err
    assert "01_inledning" not in re.sub(r"Körd notebook:.*", "", err).split("FEL i")[-1]
    # The last good report is untouched; the partial run sits beside it.
    assert (good / "senaste.txt").read_text() == "förra rapporten" and len(list(good.iterdir())) == 1
    partial = out / f"{T2}{runner.INCOMPLETE_SUFFIX}"
    assert (partial / "01_inledning.html").exists() and (partial / "02_mal1.ipynb").exists()
    combined = (partial / COMBINED).read_text(encoding="utf-8")
    assert "Avsnittet kunde inte tas fram" in combined and "trasig med flit" in combined
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_invalid_input_stops_before_notebooks(tmp_path, capsys, monkeypatch):
    data = tmp_path / "raw"
    data.mkdir()
    (data / "natverk.xlsx").write_bytes(b"inte en arbetsbok")
    monkeypatch.setattr(runner, "run_notebooks", lambda *a, **k: pytest.fail("notebooks ska inte köras"))
    code = run_report(data_dir=data, out_dir=tmp_path / "reports")
    captured = capsys.readouterr()
    assert code == 1
    assert "FEL" in captured.err and "natverk.xlsx" in captured.err
    assert not (tmp_path / "reports").exists() or not any((tmp_path / "reports").iterdir())


@pytest.mark.parametrize(("jobs", "expected"), [(64, 2), (None, 2), (1, 1)])
def test_workers_are_at_most_one_per_section(tmp_path, monkeypatch, jobs, expected):
    used = []
    monkeypatch.setattr(runner, "_locked_run", lambda *args: used.append(args[-1]) or 0)
    monkeypatch.setattr(runner.os, "cpu_count", lambda: 16)
    sections = SECTIONS[:2]
    assert run_report(config.RAW_DATA_DIR, tmp_path / "ut", 2019, 2, jobs=jobs, sections=sections) == 0
    assert used == [expected]


def test_swap_folder_replaces_whole_folders_and_a_killed_swap_is_restored(tmp_path):
    from kuanalys.atomic import remove_leftovers, staging_folder, swap_folder

    target = tmp_path / T2
    target.mkdir()
    (target / "gammal.txt").write_text("1")
    staging = staging_folder(target)
    (staging / "ny.txt").write_text("2")
    swap_folder(staging, target)
    assert [p.name for p in target.iterdir()] == ["ny.txt"]
    assert [p.name for p in tmp_path.iterdir()] == [T2]
    target.rename(tmp_path / f".{T2}.old-123")  # killed between the two renames
    remove_leftovers(target)
    assert (target / "ny.txt").read_text() == "2"


def test_a_period_without_records_is_warned_about(capsys):
    from kuanalys import load_all
    from kuanalys.periods import Tertial
    from kuanalys.scorecard import empty_period_note, for_year

    ds = load_all(config.RAW_DATA_DIR)
    assert empty_period_note(for_year(ds, 2019), Tertial(2019, 2)) is None
    note = empty_period_note(for_year(ds, 2026), Tertial(2026, 1))
    assert note == (
        "Varning: tertial 1 2026 (januari–april 2026) har inga poster i indata: inga möten, kurser, ansökningar "
        "eller ekonomiuppgifter och inget mätetal med resultat. Rapporten publiceras med tomma avsnitt; "
        "kontrollera perioden (--year, --tertial) och indatafilerna."
    )
    # T1 2025, past the records: the yearly measures of 2024 have results, the period has no records
    assert empty_period_note(for_year(ds, 2025), Tertial(2025, 1)) == (
        "Varning: tertial 1 2025 (januari–april 2025) har inga poster i indata: inga möten, kurser, ansökningar "
        "eller ekonomiuppgifter. Rapporten visar bara årsmått från tidigare år (enkät, projekt, personal) och "
        "säger i inledningen hur långt underlaget når; kontrollera perioden (--year, --tertial) och indatafilerna."
    )


def test_resolve_period_latest_and_partial():
    from kuanalys import load_all
    from kuanalys.errors import KuanalysError
    from kuanalys.periods import Tertial

    ds = load_all(config.RAW_DATA_DIR)
    assert runner.resolve_period(ds, None, None) == Tertial(2024, 3)  # the latest tertial of the sample
    assert runner.resolve_period(ds, 2019, None) == Tertial(2019, 2)
    assert runner.resolve_period(ds, 2018, None).year == 2018
    assert runner.resolve_period(ds, None, 1) == Tertial(2024, 1)
    with pytest.raises(KuanalysError):
        runner.resolve_period(ds, 1999, None)
