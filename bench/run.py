"""kuanalys benchmark: seven figures, each a ratio measured side by side in one run (issue 7).

Run with `make bench` (or `.venv/bin/python bench/run.py [--repeats N] [--only 1,3]`). Builds its
inputs with the package's sample generator in a temporary folder, measures every figure
several times (the two sides of a ratio alternate, so a noisy moment hits both), prints each
figure against its target, and writes the results as Markdown to bench/RESULTS.md with the
machine they were measured on. Times are wall-clock seconds of whole processes where the user
runs a whole process (`kuanalys report`, `kuanalys ingest`), and of function calls otherwise.

Timing is kept out of `make test`: these machines are noisy. Compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "RESULTS.md"
PLAIN = BENCH_DIR / "plain_report.py"
YEAR, TERTIAL = 2019, 2
BIG_ROWS = 200_000
MATRIX_NETWORKS, MATRIX_MEETINGS, MATRIX_ORGS = 18, 60, 14
MATRIX_CALLS = 10
# Inputs by the calendar years of attendance they hold, all ending with the reported tertial
# (T2 2019). `years` of the sample generator counts years of history before 2019: years=1 is
# the bundled sample (2018–2019); the loaders accept no dates before 2000, so 20 calendar
# years (2000–2019) is years=19.
HISTORY = {"exempeldata 2018–2019": 1, "5 år, 2015–2019": 4, "20 år, 2000–2019": 19}
SMALL, TWENTY = "exempeldata 2018–2019", "20 år, 2000–2019"
PACKAGES = (
    "kuanalys",
    "pandas",
    "python-calamine",
    "openpyxl",
    "pandera",
    "pyarrow",
    "plotly",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "jupyter_client",
)


# --- measuring -----------------------------------------------------------------------------
@dataclass
class Timing:
    """Repeated measurements of one quantity (seconds or bytes)."""

    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def spread(self, unit: str = "s", digits: int = 2) -> str:
        """'1,23 s (1,20–1,31)' in Swedish number format."""
        lo, hi = min(self.values), max(self.values)
        return f"{sv(self.median, digits)} {unit} ({sv(lo, digits)}–{sv(hi, digits)})"


@dataclass
class Figure:
    """One figure: what was measured, the ratio (or value) and its target."""

    number: int
    title: str
    measured: list[tuple[str, str]]  # (label, "median (min–max)")
    value: float
    target: float
    unit: str = "×"  # "×" for ratios, "MB" for sizes, "MB RSS" for memory
    note: str = ""

    @property
    def met(self) -> bool:
        return self.value <= self.target


def sv(x: float, digits: int = 2) -> str:
    """Swedish decimal comma, thin grouping of thousands."""
    text = f"{x:,.{digits}f}".replace(",", " ").replace(".", ",")
    return text


def timed(fn, number: int = 1) -> float:
    """Seconds per call of `fn`, averaged over `number` calls (for work of a few milliseconds,
    where one call is within the machine's jitter)."""
    t0 = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - t0) / number


# Environment of the measured processes; `--source DIR` puts another checkout of kuanalys first
# on PYTHONPATH, to measure an earlier version on the same inputs (figures 3–7).
PROCESS_ENV: dict[str, str] | None = None


def run_process(args: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Run a command to its end; return (wall seconds, peak RSS in KB of that process alone)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=PROCESS_ENV, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} avslutades med {proc.returncode}:\n{err[-2000:]}")
    return seconds, usage.ru_maxrss


def alternate(repeats: int, **sides) -> dict[str, Timing]:
    """Measure each side `repeats` times, alternating A B A B …; return a Timing per side."""
    out = {name: Timing() for name in sides}
    for _ in range(repeats):
        for name, fn in sides.items():
            out[name].values.append(fn())
    return out


# --- inputs --------------------------------------------------------------------------------
@dataclass
class Inputs:
    """The folders and workbooks the figures use, and how many attendance rows each holds."""

    folders: dict[str, Path]
    big: Path
    matrix: Path
    rows: dict[str, int]
    matrix_shape: tuple[int, int, int]


def build_inputs(work: Path, big_rows: int) -> Inputs:
    """Write 1, 5 and 20 years of sample history, a ≥ big_rows attendance workbook and a
    närvaromatris of 18 networks × 60 meetings × 14 organisations, all with the sample generator."""
    import pandas as pd

    from kuanalys.organisations import REGION_CODE
    from kuanalys.sample import (
        KOMMUN_CODES,
        networks_with_copies,
        sample_dataset,
        write_attendance_long,
        write_attendance_matrix,
        write_sample,
    )

    folders, rows = {}, {}
    for label, years in HISTORY.items():
        folder = work / f"historik_{years}"
        write_sample(folder, years=years)
        folders[label] = folder
    scale = 1
    while True:  # the smallest scale of the 20-year history that reaches big_rows
        big_data = sample_dataset(years=HISTORY[TWENTY], scale=scale).attendance
        if len(big_data) >= big_rows:
            break
        scale = int(scale * big_rows / len(big_data)) + 1
    folder = work / f"historik_20_skala_{scale}"
    write_sample(folder, years=HISTORY[TWENTY], scale=scale)
    folders[f"{TWENTY}, {scale} × nätverken"] = folder
    big = write_attendance_long(work / "narvaro_stor.xlsx", big_data.iloc[:big_rows])
    rows["stor arbetsbok"] = big_rows

    from kuanalys import load_dataset

    for name, folder in folders.items():
        rows[name] = len(load_dataset(folder).attendance)

    # Närvaromatris: 18 networks, their 60 latest meetings, seat 1 of the 13 kommuner and the Region.
    history = sample_dataset(years=HISTORY[TWENTY]).attendance
    networks, _ = networks_with_copies(1)
    orgs = set(KOMMUN_CODES) | {REGION_CODE}
    chosen, parts = [], []
    for net in networks:
        if len(net.name) > 31 or any(ch in net.name for ch in ":\\/?*[]"):
            continue  # not a valid sheet name
        sub = history[
            (history["network"] == net.name) & history["org_code"].astype(str).isin(orgs) & (history["seat"] == 1)
        ]
        dates = sorted(sub["meeting_date"].unique())[-MATRIX_MEETINGS:]
        if len(dates) < MATRIX_MEETINGS:
            continue
        parts.append(sub[sub["meeting_date"].isin(dates)])
        chosen.append(net)
        if len(chosen) == MATRIX_NETWORKS:
            break
    frame = pd.concat(parts, ignore_index=True)
    matrix = write_attendance_matrix(work / "narvaro_matris_stor.xlsx", frame, chosen)
    n_orgs = frame.groupby("network", observed=True)["org_code"].nunique().max()
    return Inputs(folders, big, matrix, rows, (len(chosen), MATRIX_MEETINGS, int(n_orgs)))


# --- the figures ---------------------------------------------------------------------------
def figure_load(inputs: Inputs, repeats: int, openpyxl_repeats: int) -> Figure:
    import pandas as pd

    from kuanalys import load_attendance

    path = inputs.big
    t = alternate(
        repeats,
        calamine=lambda: timed(lambda: pd.read_excel(path, engine="calamine")),
        load=lambda: timed(lambda: load_attendance(path)),
    )
    opx = alternate(openpyxl_repeats, openpyxl=lambda: timed(lambda: pd.read_excel(path, engine="openpyxl")))[
        "openpyxl"
    ]
    ratio = t["load"].median / t["calamine"].median
    return Figure(
        1,
        f"load_attendance, {sv(inputs.rows['stor arbetsbok'], 0)} rader, mot bar calamine-läsning",
        [
            ('pandas.read_excel(engine="calamine")', t["calamine"].spread()),
            ("load_attendance (läsning, kontroll, normalisering)", t["load"].spread()),
            (f'pandas.read_excel(engine="openpyxl"), referens ({len(opx.values)} körn.)', opx.spread()),
        ],
        ratio,
        1.3,
        note=f"openpyxl/calamine = {sv(opx.median / t['calamine'].median, 1)} ×",
    )


def figure_matrix(inputs: Inputs, repeats: int) -> Figure:
    import pandas as pd

    from kuanalys import load_attendance

    path = inputs.matrix
    read = lambda: pd.read_excel(path, sheet_name=None, engine="calamine", header=None)  # noqa: E731
    load = lambda: load_attendance(path)  # noqa: E731
    read(), load()  # not measured: first calls build caches (pandera's schema, imports)
    # Each side takes some 50 ms: every measurement is the mean of MATRIX_CALLS calls.
    t = alternate(
        repeats,
        calamine=lambda: timed(read, MATRIX_CALLS),
        load=lambda: timed(load, MATRIX_CALLS),
    )
    n, m, o = inputs.matrix_shape
    return Figure(
        2,
        f"Närvaromatris, {n} nätverk × {m} möten × {o} organisationer, mot calamine",
        [
            (
                f'pandas.read_excel(sheet_name=None, engine="calamine"), per anrop (medel av {MATRIX_CALLS})',
                t["calamine"].spread(digits=3),
            ),
            (f"load_attendance (matris), per anrop (medel av {MATRIX_CALLS})", t["load"].spread(digits=3)),
        ],
        t["load"].median / t["calamine"].median,
        1.5,
    )


def report_cmd(data: Path, out: Path, jobs: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kuanalys.cli",
        "report",
        "--data",
        str(data),
        "--out",
        str(out),
        "--year",
        str(YEAR),
        "--tertial",
        str(TERTIAL),
        "--jobs",
        str(jobs),
    ]


def figures_report(inputs: Inputs, work: Path, repeats: int) -> tuple[list[Figure], Path]:
    """Figures 3, 4 and 5: parallel vs serial, report vs plain Python, 20 years vs 1 year."""
    one, twenty = inputs.folders[SMALL], inputs.folders[TWENTY]
    out = work / "rapporter"

    def report(data: Path, jobs: int, name: str) -> float:
        return run_process(report_cmd(data, out / name, jobs))[0]

    # One run of each first, not measured: the first start reads Python's files from disk.
    report(one, 2, "uppvarmning")
    t = alternate(
        repeats,
        parallel=lambda: report(one, 2, "parallell"),
        serial=lambda: report(one, 1, "seriell"),
        plain=lambda: run_process([sys.executable, str(PLAIN), str(one), str(YEAR), str(TERTIAL)])[0],
        twenty=lambda: report(twenty, 2, "20ar"),
    )
    par, ser, plain, twenty_t = t["parallel"], t["serial"], t["plain"], t["twenty"]
    figs = [
        Figure(
            3,
            f"Rapporten, parallellt på 2 kärnor mot seriellt ({SMALL})",
            [
                ("kuanalys report --jobs 2", par.spread()),
                ("kuanalys report --jobs 1", ser.spread()),
            ],
            par.median / ser.median,
            0.65,
        ),
        Figure(
            4,
            f"Rapporten mot samma analyser och diagram i en vanlig Python-process ({SMALL})",
            [
                ("kuanalys report --jobs 2", par.spread()),
                ("bench/plain_report.py (inga kärnor, ingen HTML)", plain.spread()),
            ],
            par.median / plain.median,
            3.0,
            note="mål 3 ×, mer ambitiöst 2 ×",
        ),
        Figure(
            5,
            f"Rapporten på 20 års historik mot exempeldata ({SMALL})",
            [
                (f"{TWENTY} ({sv(inputs.rows[TWENTY], 0)} närvarorader)", twenty_t.spread()),
                (f"{SMALL} ({sv(inputs.rows[SMALL], 0)} närvarorader)", par.spread()),
            ],
            twenty_t.median / par.median,
            1.5,
        ),
    ]
    return figs, out / "parallell"


def figure_size(report_root: Path) -> Figure:
    from plotly.offline import get_plotlyjs

    folder = next(p for p in report_root.iterdir() if p.is_dir() and not p.name.startswith("."))
    plotly_mb = len(get_plotlyjs().encode()) / 1e6
    pages = sorted(folder.glob("*.html"), key=lambda p: -p.stat().st_size)
    sizes = [(p.name, p.stat().st_size / 1e6) for p in pages]
    largest = max(mb for _, mb in sizes)
    return Figure(
        6,
        "Storlek på HTML-sidorna mot plotly.js + 1,5 MB",
        [
            ("plotly.js (inbäddad en gång per sida)", f"{sv(plotly_mb, 2)} MB"),
            *[
                (
                    name,
                    f"{sv(mb, 2)} MB "
                    + (
                        f"(plotly.js + {sv(mb - plotly_mb, 2)} MB)"
                        if mb >= plotly_mb
                        else "(inga diagram, ingen plotly.js)"
                    ),
                )
                for name, mb in sizes
            ],
        ],
        largest,
        plotly_mb + 1.5,
        unit="MB",
        note="den största sidan mot gränsen",
    )


def figures_documents(inputs: Inputs, work: Path, repeats: int) -> list[Figure]:
    """Figures 8 and 9 (issue 16): the time the documents add, and the report's size.

    The Word draft's chart images (kaleido, one browser start) are timed as a run against one
    where no browser is found (the draft then holds the charts' data tables); the PDF as a run
    with --pdf against one without. The sizes are the combined report and the whole folder
    (with the PDF), which must stay small enough to mail.
    """
    data = inputs.folders[SMALL]
    out = work / "dokument"
    no_browser = {**(PROCESS_ENV or os.environ), "KUANALYS_CHROMIUM": str(work / "ingen-webblasare")}

    def run(name: str, *extra: str, env: dict | None = None) -> float:
        t0 = time.perf_counter()
        proc = subprocess.run(
            [*report_cmd(data, out / name, 2), *extra], capture_output=True, env=env or PROCESS_ENV, check=False
        )
        if proc.returncode != 0:
            raise SystemExit(f"kuanalys report {' '.join(extra)} avslutades med {proc.returncode}")
        return time.perf_counter() - t0

    run("uppvarmning")
    t = alternate(
        repeats,
        plain=lambda: run("utan-bilder", env=no_browser),
        images=lambda: run("med-bilder"),
        pdf=lambda: run("med-pdf", "--pdf"),
    )
    folder = next(p for p in (out / "med-pdf").iterdir() if p.is_dir() and not p.name.startswith("."))
    files = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: -p.stat().st_size)
    total = sum(p.stat().st_size for p in files) / 1e6
    combined = next(p for p in files if p.name.startswith("tertialrapport-") and p.suffix == ".html")
    added = t["pdf"].median - t["plain"].median
    return [
        Figure(
            8,
            f"Tid som Word-dokumentets diagrambilder och PDF:en lägger till rapporten ({SMALL})",
            [
                ("kuanalys report (HTML, Excel, Word med diagrambilder)", t["images"].spread()),
                ("utan webbläsare (Word med diagrammens tabeller, inga bilder)", t["plain"].spread()),
                ("kuanalys report --pdf", t["pdf"].spread()),
                ("diagrambilderna (kaleido)", f"{sv(t['images'].median - t['plain'].median)} s"),
                ("PDF (två utskrifter i Chromium, bokmärken)", f"{sv(t['pdf'].median - t['images'].median)} s"),
            ],
            t["pdf"].median / t["plain"].median,
            2.0,
            note=f"{sv(added)} s tillkommer; mål: högst en fördubbling",
        ),
        Figure(
            9,
            "Storlek: hela rapporten (HTML) och hela mappen med PDF",
            [(p.name, f"{sv(p.stat().st_size / 1e6, 2)} MB") for p in files]
            + [("hela mappen", f"{sv(total, 2)} MB (gräns 6 MB)")],
            combined.stat().st_size / 1e6,
            2.0,
            unit="MB",
            note=f"hela rapporten mot gränsen 2 MB; mappen {sv(total, 2)} MB mot 6 MB",
        ),
    ]


def figure_memory(inputs: Inputs, work: Path, repeats: int) -> Figure:
    name = next(k for k in inputs.folders if k.startswith(TWENTY) and k != TWENTY)
    folder = inputs.folders[name]
    rss = Timing()
    wall = Timing()
    for i in range(repeats):
        seconds, kb = run_process(
            [sys.executable, "-m", "kuanalys.cli", "ingest", str(folder), "--out", str(work / f"processed_{i}")]
        )
        rss.values.append(kb / 1024)
        wall.values.append(seconds)
    return Figure(
        7,
        f"Största minnesanvändning (RSS) för kuanalys ingest, {name} ({sv(inputs.rows[name], 0)} närvarorader)",
        [
            ("högsta RSS", rss.spread("MB", 0)),
            ("tid", wall.spread()),
        ],
        rss.median,
        1024,
        unit="MB RSS",
    )


# --- output --------------------------------------------------------------------------------
def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for pkg in PACKAGES:
        try:
            versions.append(f"{pkg} {version(pkg)}")
        except Exception:  # noqa: BLE001
            continue
    return [
        ("Processor", f"{cpu}, {os.cpu_count()} kärnor"),
        ("System", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("Paket", ", ".join(versions)),
    ]


def value_text(f: Figure) -> str:
    if f.unit == "×":
        return f"{sv(f.value, 2)} ×"
    return f"{sv(f.value, 2 if f.unit == 'MB' else 0)} {f.unit.split()[0]}"


def target_text(f: Figure) -> str:
    if f.unit == "×":
        return f"≤ {sv(f.target, 2)} ×"
    return f"≤ {sv(f.target, 2 if f.unit == 'MB' else 0)} {f.unit.split()[0]}"


def render(figures: list[Figure], inputs: Inputs, repeats: int, seconds: float, command: str) -> str:
    """Return RESULTS.md: summary table, details per figure, inputs and machine."""
    lines = [
        "# Prestandamätning",
        "",
        f"Uppmätt {dt.date.today().isoformat()} med `{command}` ({repeats} körningar per mått, "
        f"median och min–max; hela mätningen tog {sv(seconds / 60, 1)} min). Skrivs om av varje körning.",
        "",
        "| # | Mått | Resultat | Mål | Uppfyllt |",
        "|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(f"| {f.number} | {f.title} | {value_text(f)} | {target_text(f)} | {'ja' if f.met else 'NEJ'} |")
    lines += ["", "## Mätvärden", ""]
    for f in figures:
        lines.append(
            f"**{f.number}. {f.title}** — {value_text(f)} (mål {target_text(f)})" + (f"; {f.note}" if f.note else "")
        )
        lines.append("")
        for label, text in f.measured:
            lines.append(f"- {label}: {text}")
        lines.append("")
    lines += ["## Indata (byggda med kuanalys.sample)", "", "| Indata | Närvarorader |", "|---|---|"]
    lines += [f"| {name} | {sv(n, 0)} |" for name, n in inputs.rows.items()]
    lines += ["", "## Maskin", ""]
    lines += [f"- {k}: {v}" for k, v in machine()]
    return "\n".join(lines) + "\n"


def write_results(text: str, path: Path = RESULTS) -> Path:
    """Write RESULTS.md atomically, keeping any hand-written part below the marker."""
    marker = "<!-- Under denna rad skrivs inget om av bench/run.py. -->"
    kept = ""
    if path.exists() and marker in path.read_text(encoding="utf-8"):
        kept = path.read_text(encoding="utf-8").split(marker, 1)[1]
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(f"{text}\n{marker}{kept}", encoding="utf-8")
    os.replace(tmp, path)
    return path


def summary(figures: list[Figure], command: str) -> str:
    """The figures as the short table the README cites."""
    lines = [
        f"Senaste mätningen ({dt.date.today().isoformat()}, `{command}`, {os.cpu_count()} kärnor; "
        "detaljer och maskin i [bench/RESULTS.md](bench/RESULTS.md)):",
        "",
        "| # | Mått | Resultat | Mål |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {f.number} | {f.title} | {value_text(f)}{'' if f.met else ' (missat)'} | {target_text(f)} |"
        for f in figures
    ]
    return "\n".join(lines)


def update_readme(text: str, path: Path = ROOT / "README.md") -> None:
    """Replace the README's block between the prestanda markers with `text` (atomic write)."""
    start, end = "<!-- prestanda:start -->", "<!-- prestanda:slut -->"
    readme = path.read_text(encoding="utf-8")
    if start not in readme or end not in readme:
        return
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Prestandamätning av kuanalys (issue 7).")
    parser.add_argument("--repeats", type=int, default=5, help="körningar per mått (standard 5)")
    parser.add_argument("--only", default="1,2,3,4,5,6,7,8,9", help="vilka mått, t.ex. 1,2")
    parser.add_argument("--big-rows", type=int, default=BIG_ROWS, help="rader i den stora arbetsboken")
    parser.add_argument("--no-write", action="store_true", help="skriv inte bench/RESULTS.md")
    parser.add_argument("--source", help="mät en annan utcheckning av kuanalys (mått 3–7; skriver inget)")
    args = parser.parse_args(argv)
    only = {int(x) for x in args.only.split(",")}
    if args.source:
        global PROCESS_ENV
        PROCESS_ENV = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(BENCH_DIR / "other_checkout"), str(Path(args.source).resolve())]),
        }
        only -= {1, 2}
        args.no_write = True
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="kuanalys-bench-"))
    home = Path.cwd()
    os.chdir(work)  # `python -m` puts the working folder first on sys.path: keep the checkout out of it
    try:
        print("Bygger indata med exempelgeneratorn …", flush=True)
        inputs = build_inputs(work, args.big_rows)
        for name, n in inputs.rows.items():
            print(f"  {name}: {sv(n, 0)} närvarorader", flush=True)
        figures: list[Figure] = []
        if 1 in only:
            figures.append(figure_load(inputs, args.repeats, max(1, min(3, args.repeats))))
        if 2 in only:
            figures.append(figure_matrix(inputs, args.repeats))
        if only & {3, 4, 5, 6}:
            report_figures, report_root = figures_report(inputs, work, args.repeats)
            figures += [f for f in report_figures if f.number in only]
            if 6 in only:
                figures.append(figure_size(report_root))
        if 7 in only:
            figures.append(figure_memory(inputs, work, max(1, min(3, args.repeats))))
        if only & {8, 9}:
            figures += [f for f in figures_documents(inputs, work, max(1, min(3, args.repeats))) if f.number in only]
        figures.sort(key=lambda f: f.number)
        for f in figures:
            print(f"{f.number}. {f.title}: {value_text(f)} (mål {target_text(f)}) {'ok' if f.met else 'MISSAT'}")
            for label, text in f.measured:
                print(f"     {label}: {text}")
        command = "make bench" if not argv else "python bench/run.py " + " ".join(argv)
        text = render(figures, inputs, args.repeats, time.perf_counter() - started, command)
        if not args.no_write:
            print(f"Skrev {write_results(text)}")
            if only == set(range(1, 10)):
                update_readme(summary(figures, command))
                print("Uppdaterade avsnittet Prestanda i README.md")
        return 0 if all(f.met for f in figures) else 1
    finally:
        os.chdir(home)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or None))
