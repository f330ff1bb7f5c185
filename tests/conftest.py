"""Shared fixtures: small valid input workbooks built with openpyxl, so every test can break
one cell and say why.

`write_xlsx(path, {"Blad": [[header...], [row...], ...]})` writes a workbook; the `*_ROWS`
constants are valid sheets; `valid_dir` is a folder with one valid file of every kind.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from filelock import FileLock

from kuanalys import config
from kuanalys.dataset import Dataset
from kuanalys.periods import Tertial
from kuanalys.report.render.pdf import HEADLESS_FLAGS

D = dt.datetime

NETWORK_ROWS = [
    ["Nätverk", "Typ", "Område", "Samverkan med regionen"],
    ["Reko", "Reko", "FoUrum social välfärd och hälso- och sjukvård", "Ja"],
    ["PKS", "PKS", "FoUrum social välfärd och hälso- och sjukvård", "Ja"],
    ["Chefsnätverk äldre", "chefsnätverk", "FoUrum social välfärd och hälso- och sjukvård", "Nej"],
]

ATTENDANCE_LONG_ROWS = [
    ["Datum", "Nätverk", "Organisation", "Närvarande", "Mötesform"],
    [D(2019, 2, 1), "Reko", "Jönköping", "x", "fysiskt"],
    [D(2019, 2, 1), "Reko", "Habo", "", "fysiskt"],
    [D(2019, 2, 1), "Reko", "Region Jönköpings län", "Ja", "fysiskt"],
    [D(2019, 5, 14), "Reko", "Jönköping", "Nej", "digitalt"],
    [D(2019, 5, 14), "Reko", "Habo", "Ja", "digitalt"],
    [D(2019, 5, 14), "Reko", "Region Jönköpings län", "1", "digitalt"],
]

# The same meetings as ATTENDANCE_LONG_ROWS, as a närvaromatris sheet named Reko.
ATTENDANCE_MATRIX_ROWS = [
    ["Datum", "Mötesform", "Jönköping", "Habo", "Region Jönköpings län"],
    [D(2019, 2, 1), "fysiskt", "x", None, "Ja"],
    [D(2019, 5, 14), "digitalt", 0, "x", 1],
]

COURSE_ROWS = [
    [
        "Kurs-id",
        "Titel",
        "Datum",
        "Arrangör",
        "Typ",
        "Digital",
        "Inställd",
        "Avgift per deltagare",
        "Jämförbar extern avgift",
        "Antal deltagare",
    ],
    ["K1", "LOU fördjupning", D(2019, 3, 12), "Kurs och konferens", "kurs", "Nej", "", "3 550", 5000, None],
    ["U1", "Miljösamverkan uppdrag", D(2019, 4, 2), "Miljösamverkan", "uppdrag", "", "", None, None, 159],
    ["K2", "Inställd kurs", D(2019, 4, 20), "CHANGE", "kurs", "", "x", None, None, None],
]
PARTICIPANT_ROWS = [
    ["Kurs-id", "Organisation", "Antal deltagare"],
    ["K1", "Habo", 3],
    ["K1", "Jönköpings kommun", 12],
    ["K1", "Externa deltagare", 1],
]

GRANT_ROWS = [
    ["Projekt", "Finansiär", "Område", "Sökt belopp", "Inskickad", "Beslut", "Beviljat belopp", "Beslutsdatum"],
    [
        "Räkna med mig!",
        "Svenska ESF-rådet",
        "FoUrum utbildning",
        "7 157 872 kr",
        D(2019, 2, 15),
        "avslag",
        None,
        D(2019, 6, 20),
    ],
    [
        "Letterbox Club",
        "Regional utveckling",
        "FoUrum utbildning",
        455165,
        "2019-03-01",
        "delvis beviljad",
        250000,
        "14 juni 2019",
    ],
    ["SMI planering", "Socialstyrelsen", None, 1000000, "14/5 2019", "väntar", None, None],
]

AVAILABLE_ROWS = [
    [
        "Rapportdatum",
        "Område",
        "Ingående medel",
        "Tillförda medel kommunerna",
        "Tillförda medel regionen",
        "Tillförda medel EU-bidrag",
        "Tillförda medel staten",
        "Tillförda medel övriga",
        "Disponerade medel",
        "Utgående medel",
        "Därav fonderade statliga medel",
    ],
    [D(2019, 8, 31), "Ledning och stab", 4042819, 2333333, None, None, None, 1709486, 4167644, "−124 825", None],
    [D(2019, 8, 31), "Kurs och konferens", "1 563 970", 1057405, 360080, 14288, None, 132197, 1792261, -228291, None],
    ["Summa", None, 5606789, 3390738, 360080, 14288, None, 1841683, 5959905, -353116, None],
]
BUDGET_ROWS = [
    ["Rapportdatum", "Område", "Budget", "Utfall", "Prognos"],
    [D(2019, 8, 31), "Kurs och konferens", 4000000, 1792261, 4000000],
]
RESULT_ROWS = [
    ["Rapportdatum", "Post", "Utfall", "Budget", "Prognos"],
    [D(2019, 8, 31), "Intäkter", 20000000, 31000000, 30000000],
    [D(2019, 8, 31), "Personalkostnader", -18700000, -31800000, -28900000],
]

INDICATOR_ROWS = [
    ["Id", "Mätetal", "Strategiskt mål", "Område", "Mått", "Enhet", "Riktning", "Jämförelse"],
    [
        "narvaro_reko",
        "Närvaro vid träffar med Reko.",
        "Starkt partnerskap",
        "Samverkan",
        "attendance.network:Reko",
        "%",
        "högre är bättre",
        "föregående tertial",
    ],
    ["kurser", "Antal deltagare", "Kompetens", "Kurser", "courses.participants", "st", "högre är bättre", None],
]
TARGET_ROWS = [
    ["Id", "År", "Målvärde"],
    ["narvaro_reko", 2019, "80 %"],
    ["kurser", 2019, "samma period föregående år"],
]
COMMENT_ROWS = [
    ["År", "Tertial", "Avsnitt", "Text"],
    [2019, 2, "narvaro_reko", "Närvaron har minskat något."],
]


def build_workbook(
    sheets: dict[str, list[list]],
    hidden: tuple[str, ...] = (),
    merged: dict[str, list[str]] | None = None,
) -> openpyxl.Workbook:
    """Return an openpyxl workbook with the given sheets (name → rows), hidden sheets and merged ranges."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        if name in hidden:
            ws.sheet_state = "hidden"
        for ref in (merged or {}).get(name, []):
            ws.merge_cells(ref)
    return wb


def write_xlsx(path: Path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> Path:
    """Write a workbook with the given sheets (name → rows) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    build_workbook(sheets, hidden).save(path)
    return path


def sha256(path: Path) -> str:
    """Return the hex sha256 of a file."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def write_valid_dir(folder: Path) -> Path:
    """Write one valid workbook of every kind into `folder` (attendance in both layouts)."""
    write_xlsx(folder / "natverk.xlsx", {"Nätverk": NETWORK_ROWS})
    write_xlsx(folder / "narvaro_lang.xlsx", {"Närvaro": ATTENDANCE_LONG_ROWS})
    matrix = [ATTENDANCE_MATRIX_ROWS[0], [D(2019, 3, 5), "hybrid", "x", "-", None]]
    write_xlsx(folder / "narvaro_matris.xlsx", {"PKS": matrix})
    write_xlsx(folder / "kurser.xlsx", {"Kurser": COURSE_ROWS, "Deltagare": PARTICIPANT_ROWS})
    write_xlsx(folder / "ansokningar.xlsx", {"Ansökningar": GRANT_ROWS})
    write_xlsx(
        folder / "medel.xlsx", {"Disponibla medel": AVAILABLE_ROWS, "Budget": BUDGET_ROWS, "Resultat": RESULT_ROWS}
    )
    write_xlsx(folder / "matetal.xlsx", {"Mätetal": INDICATOR_ROWS, "Målvärden": TARGET_ROWS})
    write_xlsx(folder / "kommentarer.xlsx", {"Kommentarer": COMMENT_ROWS})
    return folder


@pytest.fixture
def valid_dir(tmp_path: Path) -> Path:
    """A folder with one valid workbook of every input kind."""
    return write_valid_dir(tmp_path / "raw")


# --- headless Chromium (Debian package) for the report tests ---------------------------------
CHROMIUM = os.environ.get("KUANALYS_CHROMIUM", "/usr/bin/chromium")
# The report's own flags (render.pdf), less the headless switch (Playwright adds its own) and the
# host-resolver rule (the exploration tests talk to a JupyterLab server on localhost).
HEADLESS_ARGS = [f for f in HEADLESS_FLAGS if not f.startswith(("--headless", "--host-resolver-rules"))]


def _missing(reason: str) -> None:
    if os.environ.get("KUANALYS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (KUANALYS_REQUIRE_BROWSER=1 kräver webbläsartesterna)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        _missing(f"Chromium saknas ({CHROMIUM}); installera Debians paket chromium")
    from playwright.sync_api import sync_playwright  # a test dependency: a failed import is an error

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=HEADLESS_ARGS,
            viewport={"width": 1100, "height": 900},
        )
        yield context
        context.close()


def open_offline_page(context, path: Path):
    """Open a report page with every non-file request aborted and every dialog dismissed.

    Returns (page, external requests, console and page errors, dialog messages), after the page
    has signalled that its charts are drawn (`html[data-ku-charts]`).
    """
    page = context.new_page()
    external: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "requestfailed", lambda r: errors.append(f"request failed: {r.url}") if r.url.startswith("file://") else None
    )
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ku-charts]", state="attached", timeout=60_000)
    return page, external, errors, dialogs


# --- the bundled sample and its reports, shared by the whole session -------------------------
T2_2019 = Tertial(2019, 2)
# The sections of the sample's T2 2019 report as the runner plans them: written out so that
# collecting the tests loads no data (test_sample_sections_are_the_planned_ones checks them).
SAMPLE_GOALS = 6


def sample_sections() -> tuple:
    """Return the report's sections for the bundled sample (data/raw), T2 2019, as the runner plans them."""
    from kuanalys.report.sections import Section

    goals = (
        Section(f"{g + 1:02d}_mal{g}", "kapitel.ipynb", f"mal{g}", {"goal": g, "annual": False})
        for g in range(1, SAMPLE_GOALS + 1)
    )
    return (
        Section("01_inledning", "inledning.ipynb", "inledning", {"annual": False}),
        *goals,
        Section("90_bilagor", "bilagor.ipynb", "bilagor", {"annual": False}),
    )


@functools.cache
def _sample() -> Dataset:
    from kuanalys.loaders import load_all

    return load_all(config.RAW_DATA_DIR)


@pytest.fixture(scope="session")
def sample_ds() -> Dataset:
    """The bundled sample (data/raw) as load_all returns it, read once per test process: shared,
    so read-only (a test that changes it works on `copy.deepcopy(sample_ds)`)."""
    return _sample()


def _report_run(tmp_path_factory, name: str, args: list[str]) -> Path:
    """Run `kuanalys report` on a copy of data/raw once per session, also under pytest-xdist:
    the first worker runs it under a file lock, the others wait and reuse the folder (the
    pattern of pytest-xdist's docs, "Making session-scoped fixtures execute only once").

    Returns the folder under which the report was written (reports/) and its data copy (raw/)
    lie; the run's stderr is in run.log beside them.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by every worker of this session
    base = root / f"shared-{name}"
    with FileLock(f"{base}.lock"):
        if not (base / "exit.txt").exists():
            data = base / "raw"
            shutil.copytree(config.RAW_DATA_DIR, data, dirs_exist_ok=True)
            env = {k: v for k, v in os.environ.items() if not k.startswith("KUANALYS_") or k in KEEP_ENV}
            argv = [sys.executable, "-m", "kuanalys.cli", "report", "--data", str(data), "--out", str(base / "reports")]
            run = subprocess.run([*argv, *args], env=env, capture_output=True, text=True)
            (base / "run.log").write_text(run.stderr, encoding="utf-8")
            (base / "exit.txt").write_text(str(run.returncode))
    log = (base / "run.log").read_text(encoding="utf-8")
    assert (base / "exit.txt").read_text() == "0", f"kuanalys report {' '.join(args)} misslyckades:\n{log}"
    return base


# Settings of the machine, not of a test: a shared report sees them.
KEEP_ENV = ("KUANALYS_CHROMIUM", "KUANALYS_REQUIRE_BROWSER")


def run_log(report: Path) -> str:
    """Return the stderr of the shared `kuanalys report` run that wrote the report folder `report`."""
    return (report.parents[1] / "run.log").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def t2_2019_report(tmp_path_factory) -> Path:
    """The tertial report T2 2019 on the sample (the published report's period), run once per session."""
    return _report_run(tmp_path_factory, "2019-T2", ["--year", "2019", "--tertial", "2", "--jobs", "2"]) / (
        "reports/2019-T2"
    )


@pytest.fixture(scope="session")
def t3_2024_report(tmp_path_factory) -> Path:
    """The tertial report T3 2024 (the sample's latest tertial), run once per session."""
    return _report_run(tmp_path_factory, "2024-T3", ["--year", "2024", "--tertial", "3", "--jobs", "2"]) / (
        "reports/2024-T3"
    )


@pytest.fixture(scope="session")
def annual_2024_report(tmp_path_factory) -> Path:
    """The annual report (verksamhetsberättelsen) 2024, run once per session."""
    return _report_run(tmp_path_factory, "2024", ["--year", "2024", "--helar", "--jobs", "2"]) / "reports/2024"


@functools.cache
def _code_cells(notebook: str) -> tuple[str, tuple[str, ...]]:
    """The parameters cell (its defaults) and the other code cells of a section notebook."""
    import nbformat

    nb = nbformat.read(config.NOTEBOOKS_DIR / notebook, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = "\n".join(c.source for c in code if "parameters" in c.metadata.get("tags", []))
    return params, tuple(c.source for c in code if "parameters" not in c.metadata.get("tags", []))


def run_sections_in_process(ds: Dataset, t: Tertial, monkeypatch) -> dict[str, list]:
    """Run the code of every section notebook of the report for one tertial in this process (no
    kernel, no papermill), with `open_section` returning the dataset as it does for the period;
    return the items each section shows (section key → report items, as `show` hands them over)."""
    from kuanalys.report import display
    from kuanalys.report.sections import report_sections
    from kuanalys.scorecard import for_year

    shown: list = []
    monkeypatch.setattr(display, "show", lambda *items: shown.extend(display._flatten(items)))
    monkeypatch.setattr(display, "open_section", lambda **kwargs: (for_year(ds, t.year), t))
    pages = {}
    for section in report_sections(ds, t):
        params, cells = _code_cells(section.notebook)
        namespace: dict = {}
        exec(compile(params, section.notebook, "exec"), namespace)  # noqa: S102 - the defaults
        namespace.update({"year": t.year, "tertial": t.number, "data_dir": "", "output_dir": None})
        namespace.update(section.parameters)
        shown.clear()
        for code in cells:
            exec(compile(code, section.notebook, "exec"), namespace)  # noqa: S102 - our own notebooks
        pages[section.key] = list(shown)
    return pages
