"""What `validate` accepts, `report` can run: randomly perturbed copies of data/raw (hypothesis).

Each example changes one to three cells of copies of the workbooks in data/raw (a typo, a blank,
another row's value, a number out of range, a value from another column, an error value …).
Either `validate` refuses the folder with located Swedish errors (file, and sheet and Excel row
for cell errors), or the code of every section notebook runs for the default period and for
tertial 2 2019 (in this process; the real notebooks with papermill
run in test_any_period.py). Slow: the number of examples is KUANALYS_HYPOTHESIS_EXAMPLES (default 25; set it higher for a deeper run).
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import run_sections_in_process
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from kuanalys import config
from kuanalys import scorecard as sc
from kuanalys.errors import KuanalysError
from kuanalys.loaders.folder import read_all
from kuanalys.periods import Tertial, choose_period

EXAMPLES = int(os.environ.get("KUANALYS_HYPOTHESIS_EXAMPLES", "25"))
T2 = Tertial(2019, 2)


@functools.cache
def books() -> dict[str, dict[str, list[list]]]:
    """Every workbook of data/raw as sheet → rows of values (read once, when first drawn from)."""
    books = {}
    for path in sorted(config.RAW_DATA_DIR.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        books[path.name] = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    return books


VALUES = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "",
            " ",
            "x",
            "Summa",
            "Totalt",
            "#DIV/0!",
            "#REF!",
            "Reko",
            "REKO ",
            "Rekå",
            "okänt nätverk",
            "attendance.overal",
            "attendance.network:Okänt",
            "courses.participants",
            "80",
            "800 %",
            "-5 %",
            "samma period förra året",
            "50 % av grants.applied_count",
            "50 % av okänt",
            "1.500",
            "1 500",
            "1500,50",
            "(tkr)",
            "2019-13-45",
            "14 maj 2019",
            "31/2 2019",
            "narvaro",
            "Närvaro",
            "kurser",
            "KoK",
            "Kurs o konferens",
            "FoUrum",
            "beviljad",
            "väntar",
            "avslag",
            "Habo",
            "Jönköping",
            "Region Jönköpings län",
            "Externa deltagare",
            "Ja",
            "Nej",
            "digitalt",
            "%",
            "kr",
            "st",
            "balans",
            "lägre är bättre",
            "högre är bättre",
            "föregående tertial",
            "namn@exempel.se",
        ]
    ),
    st.integers(min_value=-10, max_value=10),
    st.sampled_from([0, 1, 2, 3, 4, 13, 2017, 2018, 2019, 2020, 2031, 10**6, 10**20, 0.5, 1.5, 45000]),
)


@st.composite
def perturbations(draw) -> list[tuple[str, str, int, int, object]]:
    """One to three (file, sheet, row index, column index, new value) changes."""
    changes = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        # The small workbooks (cross-references) are perturbed more often than the attendance ones.
        weighted = sorted(books(), key=lambda n: n.startswith("narvaro"))
        name = draw(st.sampled_from(weighted[: draw(st.sampled_from([len(weighted), 6]))]))
        sheet = draw(st.sampled_from(sorted(books()[name])))
        rows = books()[name][sheet]
        if not rows:
            continue
        r = draw(st.integers(min_value=0, max_value=min(len(rows) - 1, 60)))
        width = max(len(rows[r]), 1)
        c = draw(st.integers(min_value=0, max_value=width))  # one past the last: a column without header
        source = draw(st.booleans())
        if source and len(rows) > 1:  # another row's value in the same column: a plausible slip
            other = rows[draw(st.integers(min_value=1, max_value=len(rows) - 1))]
            value = other[c] if c < len(other) else None
        else:
            value = draw(VALUES)
        changes.append((name, sheet, r, c, value))
    return changes


def _write(folder: Path, changes) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(config.RAW_DATA_DIR, folder)
    for name in {c[0] for c in changes}:
        wb = openpyxl.load_workbook(folder / name)
        for file, sheet, r, c, value in changes:
            if file == name:
                wb[sheet].cell(row=r + 1, column=c + 1, value=value)
        wb.save(folder / name)


def run_every_figure(ds, t: Tertial, monkeypatch) -> None:
    """Run the code of every section notebook of the report for one tertial in this process, with
    `open_section` returning the dataset and shown items kept, not sent."""
    run_sections_in_process(ds, t, monkeypatch)
    sc.scorecard(ds, t)


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(changes=perturbations())
@example(changes=[("medel.xlsx", "Disponibla medel", 3, 3, "st")])  # found: 'st' alone raised IndexError
def test_validate_refuses_or_every_figure_runs(tmp_path, monkeypatch, changes):
    folder = tmp_path / "raw"
    _write(folder, changes)
    dataset, problems = read_all(folder)
    event("validate refused" if dataset is None else "validate accepted")
    if dataset is None:
        assert problems.has_errors()
        for p in problems.errors:
            assert Path(p.file).name and (p.sheet is None) == (p.row is None) or p.sheet is not None, str(p)
            assert "Traceback" not in p.message and "Error" not in p.message, str(p)
        return
    try:
        period = choose_period(dataset)
    except KuanalysError:
        period = None  # no dated record left: refused before any notebook, in Swedish
    for t in {T2, *([period] if period else [])}:
        run_every_figure(dataset, t, monkeypatch)
