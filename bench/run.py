"""kuanalys benchmark: issue 24's performance targets and issue 16's document figures, in one run.

    make bench                     # or: .venv/bin/python bench/run.py [--repeats 3]
    .venv/bin/python bench/run.py --quick   # smoke run: one round, smaller stress case, writes nothing

Inputs, built in a temporary folder: the bundled sample (data/raw, two years and 2022–2024),
20 years of attendance history (2000–2019) and, as the stress case, 20 years × 5 times the
networks (the package's sample generator, `years=19`, `scale=5`). Every report is of tertial 2
2019, the period all inputs have.

Figures (ratios measured side by side: each round runs every side once, A B C …, so that load
from other work hits all sides alike; the median of the rounds counts). Figure 1, the report
against commit 3913220, was retired by issue 24; the other numbers are kept so that earlier
results still compare:

2. `kuanalys report` on the sample against the stock tools (≤ 0,5 ×): `papermill` on each section
   notebook in turn, then `jupyter nbconvert --to html --no-input` on each.
3. The report on 20 years against the report on the sample (≤ 1,5 ×).
4. `load_processed` of 20 years (< 0,5 s) and 5. `load_all` of the sample (< 2 s): in this
   process, after one call that is not counted (imports, caches), median of several calls.
6. Peak memory of `validate`, `ingest` and `report` on the stress case (< 1 GB): the largest sum
   of the proportional set sizes (PSS) of the command's processes, sampled every 0,1 s.
7. The time the documents add (≤ 2 ×): `report --pdf` against a report whose Word draft has no
   chart images (no browser found, KUANALYS_CHROMIUM pointing nowhere).
8. Size of the combined report (≤ 2 MB) and 9. of the whole output folder with the PDF (≤ 6 MB).
10. The slowest call of the exploration kit (`kuanalys.explore`) on 20 years (< 1 s) and 11. the
    slowest control change of the attendance view (chart and table redrawn, < 1 s): in this
    process, after one call that is not counted, median of three.

Writes bench/RESULTS.md and the README's Prestanda table. Timing is kept out of `make test`:
these machines are noisy. Compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "RESULTS.md"
YEAR, TERTIAL = 2019, 2
MB = 1024 * 1024
PACKAGES = ("kuanalys", "pandas", "python-calamine", "pandera", "pyarrow", "plotly", "papermill", "nbconvert")
PACKAGES += ("nbclient", "ipykernel", "python-docx", "kaleido", "pypdf")


# --- measuring -----------------------------------------------------------------------------
@dataclass
class Figure:
    """One figure: what was measured, its value and its target (value ≤ target is met)."""

    number: int
    title: str
    measured: list[tuple[str, str]]  # (label, "median (min–max)")
    value: float
    target: float
    unit: str = "×"  # "×", "s", "MB"
    note: str = ""

    @property
    def met(self) -> bool:
        return self.value <= self.target


def sv(x: float, digits: int = 2) -> str:
    """Swedish decimal comma, space between thousands."""
    return f"{x:,.{digits}f}".replace(",", " ").replace(".", ",")


def spread(values: list[float], unit: str = "s", digits: int = 1) -> str:
    """'12,3 s (11,9–14,0)': median and range."""
    med = statistics.median(values)
    if len(values) == 1:
        return f"{sv(med, digits)} {unit}"
    return f"{sv(med, digits)} {unit} ({sv(min(values), digits)}–{sv(max(values), digits)})"


def tree_memory(root: int) -> tuple[int, int]:
    """Memory (bytes) of `root` and all its descendants: the sum of their proportional set sizes
    (PSS, Linux /proc: a page shared by n processes counts 1/n in each, so the sum is what the
    command holds; Chromium's and the kernels' shared libraries are not counted many times), and
    the largest PSS of one of them."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    sizes = [0]
    for pid in parents:
        p, depth = pid, 0
        while p not in (root, 0, 1) and depth < 12:
            p, depth = parents.get(p, 0), depth + 1
        if p != root:
            continue
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        sizes.append(next((int(ln.split()[1]) * 1024 for ln in rollup.splitlines() if ln.startswith("Pss:")), 0))
    return sum(sizes), max(sizes)


def run_process(args: list, env: dict | None = None, memory: bool = False) -> tuple[float, int, int]:
    """Run a command to its end; return (wall seconds, peak memory in bytes of its process tree,
    peak of its largest process), `tree_memory` sampled every 0,1 s if `memory`, else zeros.
    A failing command stops the benchmark with its errors."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(a) for a in args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0, 0]

    def sample() -> None:
        while proc.poll() is None:
            total, largest = tree_memory(proc.pid)
            peak[:] = max(peak[0], total), max(peak[1], largest)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    if memory:
        sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - t0
    if memory:
        sampler.join()
    if proc.returncode != 0:
        text = err.decode(errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(map(str, args))} avslutades med {proc.returncode}:\n{text}")
    return seconds, peak[0], peak[1]


def rounds(repeats: int, sides: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Run every side once per round, in turn, for `repeats` rounds; return the times per side."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    for i in range(repeats):
        for name, fn in sides.items():
            times[name].append(fn())
            print(f"  omgång {i + 1}, {name}: {sv(times[name][-1], 1)} s", flush=True)
    return times


def timed_calls(fn: Callable[[], object], calls: int) -> list[float]:
    """Seconds of each of `calls` calls of fn, after one call that is not counted."""
    fn()
    out = []
    for _ in range(calls):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


# --- the commands ---------------------------------------------------------------------------
KUANALYS = [sys.executable, "-c", "import sys; from kuanalys.cli import main; sys.exit(main())"]


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without KUANALYS_ settings, and with Python's bytecode cache on as on a
    user's machine (the warm-up round writes it; some sandboxes set PYTHONDONTWRITEBYTECODE)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUANALYS_") and k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


def report(data: Path, out: Path, *extra: str, env: dict | None = None, memory: bool = False) -> tuple[float, int, int]:
    shutil.rmtree(out, ignore_errors=True)
    args = [*KUANALYS, "report", "--data", data, "--out", out, "--year", YEAR, "--tertial", TERTIAL, "--jobs", 2]
    return run_process([*args, *extra], env or clean_env(), memory)


def papermill_then_nbconvert(runs: list[tuple[str, Path, dict]], out: Path) -> list[list]:
    """What a user would run with the stock tools: papermill on each (key, notebook, parameters)
    in turn, then nbconvert --to html --no-input on each executed notebook."""
    bindir = Path(sys.executable).parent
    papermill, nbconvert = [], []
    for key, notebook, params in runs:
        executed = out / f"{key}.ipynb"
        papermill.append([bindir / "papermill", notebook, executed, "-y", json.dumps(params), "-k", "kuanalys"])
        nbconvert.append([bindir / "jupyter", "nbconvert", "--to", "html", "--no-input", executed])
    return papermill + nbconvert


def stock_commands(data: Path, out: Path) -> list[list]:
    """The stock tools on this report: every section of `report_sections` with its parameters."""
    from kuanalys import config
    from kuanalys.loaders import load_all
    from kuanalys.periods import choose_period
    from kuanalys.report.sections import report_sections

    dataset = load_all(data)
    sections = report_sections(dataset, choose_period(dataset, YEAR, TERTIAL))
    common = {"year": YEAR, "tertial": TERTIAL, "data_dir": str(data)}
    return papermill_then_nbconvert(
        [(s.key, config.NOTEBOOKS_DIR / s.notebook, {**common, **s.parameters}) for s in sections], out
    )


def stock_tools(commands: list[list], out: Path, env: dict | None = None) -> float:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    return sum(run_process(c, env or clean_env())[0] for c in commands)


# --- the run --------------------------------------------------------------------------------
@dataclass
class Inputs:
    sample: Path
    twenty: Path
    stress: Path
    rows: dict[str, int]


def build_inputs(work: Path, quick: bool) -> Inputs:
    from kuanalys import config
    from kuanalys.loaders import load_all
    from kuanalys.sample import write_sample

    twenty, stress = work / "20_ar", work / "20_ar_5x_natverk"
    write_sample(twenty, years=19)
    if quick:
        stress = twenty
    else:
        write_sample(stress, years=19, scale=5)
    inputs = Inputs(config.RAW_DATA_DIR, twenty, stress, {})
    for label, folder in (
        ("exempeldata (data/raw)", inputs.sample),
        ("20 år, 2000–2019", twenty),
        ("stressfall, 20 år × 5 nätverk", stress),
    ):
        inputs.rows[label] = len(load_all(folder).attendance)
    return inputs


def measure(inputs: Inputs, work: Path, repeats: int, warm_up: bool) -> list[Figure]:
    from kuanalys.loaders import load_all
    from kuanalys.processed import load_processed

    out = work / "rapporter"
    out.mkdir()  # the report refuses an --out whose parent folder is missing
    no_browser = clean_env(KUANALYS_CHROMIUM=str(work / "ingen-webblasare"))
    stock = stock_commands(inputs.sample, out / "standardverktyg")
    sides = {
        "rapport": lambda: report(inputs.sample, out / "ny")[0],
        "standardverktyg": lambda: stock_tools(stock, out / "standardverktyg"),
        "rapport 20 år": lambda: report(inputs.twenty, out / "20_ar")[0],
        "utan diagrambilder": lambda: report(inputs.sample, out / "utan_bilder", env=no_browser)[0],
        "rapport --pdf": lambda: report(inputs.sample, out / "pdf", "--pdf")[0],
    }
    print("Inläsning …", flush=True)
    run_process([*KUANALYS, "ingest", inputs.twenty, "--out", work / "p20"], clean_env())
    load_p = timed_calls(lambda: load_processed(work / "p20"), 5)
    load_s = timed_calls(lambda: load_all(inputs.sample), 3)

    print("Utforskning på 20 år …", flush=True)
    exploration = exploration_figures(inputs.twenty, inputs.rows["20 år, 2000–2019"])

    print("Minne på stressfallet …", flush=True)
    memory = {
        "kuanalys validate": run_process([*KUANALYS, "validate", inputs.stress], clean_env(), True),
        "kuanalys ingest": run_process([*KUANALYS, "ingest", inputs.stress, "--out", work / "p_st"], clean_env(), True),
        "kuanalys report": report(inputs.stress, out / "stress", memory=True),
    }
    peak_name = max(memory, key=lambda k: memory[k][1])

    if warm_up:  # the first start reads Python's files from disk: not counted
        print("Uppvärmning (räknas inte) …", flush=True)
        report(inputs.sample, out / "ny")
    print(f"Rapporterna, {repeats} omgångar …", flush=True)
    t = rounds(repeats, sides)
    m = {k: statistics.median(v) for k, v in t.items()}

    folder = next(p for p in (out / "pdf").iterdir() if p.is_dir() and not p.name.startswith("."))
    files = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: -p.stat().st_size)
    combined = next(p for p in files if p.name.startswith("tertialrapport-") and p.suffix == ".html")
    total = sum(p.stat().st_size for p in files)
    stress_label = next(k for k in inputs.rows if k.startswith("stressfall"))
    return [
        Figure(
            2,
            "Rapporten mot standardverktygen (papermill på varje avsnitt, sedan nbconvert --no-input)",
            [
                (
                    f"kuanalys report ({len(stock) // 2} avsnitt; HTML, Excel, Word med diagrambilder)",
                    spread(t["rapport"]),
                ),
                (f"papermill × {len(stock) // 2}, jupyter nbconvert × {len(stock) // 2}", spread(t["standardverktyg"])),
            ],
            m["rapport"] / m["standardverktyg"],
            0.5,
        ),
        Figure(
            3,
            "Rapporten på 20 år mot exempeldata",
            [
                (
                    f"20 år, 2000–2019 ({sv(inputs.rows['20 år, 2000–2019'], 0)} närvarorader)",
                    spread(t["rapport 20 år"]),
                ),
                (f"exempeldata ({sv(inputs.rows['exempeldata (data/raw)'], 0)} närvarorader)", spread(t["rapport"])),
            ],
            m["rapport 20 år"] / m["rapport"],
            1.5,
        ),
        Figure(
            4,
            "load_processed, 20 år",
            [("per anrop, efter ett första som inte räknas", spread(load_p, digits=3))],
            statistics.median(load_p),
            0.5,
            unit="s",
        ),
        Figure(
            5,
            "load_all, exempeldata",
            [("per anrop, efter ett första som inte räknas", spread(load_s, digits=3))],
            statistics.median(load_s),
            2.0,
            unit="s",
        ),
        Figure(
            6,
            f"Största minne för ett kommando på stressfallet ({sv(inputs.rows[stress_label], 0)} närvarorader)",
            [
                (name, f"{sv(pss / MB, 0)} MB (största processen {sv(one / MB, 0)} MB) på {sv(sec, 1)} s")
                for name, (sec, pss, one) in memory.items()
            ],
            memory[peak_name][1] / MB,
            1024,
            unit="MB",
            note=f"{peak_name}; summan av alla dess processers minne (PSS), högsta värdet under körningen",
        ),
        Figure(
            7,
            "Tid som dokumenten (Word-diagrambilder och PDF) lägger till rapporten",
            [
                ("utan webbläsare (Word med diagrammens tabeller, inga bilder)", spread(t["utan diagrambilder"])),
                ("kuanalys report (Word med diagrambilder)", spread(t["rapport"])),
                ("kuanalys report --pdf", spread(t["rapport --pdf"])),
                ("diagrambilderna (kaleido)", f"{sv(m['rapport'] - m['utan diagrambilder'], 1)} s"),
                ("PDF", f"{sv(m['rapport --pdf'] - m['rapport'], 1)} s"),
            ],
            m["rapport --pdf"] / m["utan diagrambilder"],
            2.0,
            note=f"{sv(m['rapport --pdf'] - m['utan diagrambilder'], 1)} s tillkommer",
        ),
        Figure(
            8,
            f"Storlek: hela rapporten ({combined.name})",
            [(combined.name, f"{sv(combined.stat().st_size / MB)} MB")],
            combined.stat().st_size / MB,
            2.0,
            unit="MB",
        ),
        Figure(
            9,
            "Storlek: hela utmappen med PDF",
            [(p.name, f"{sv(p.stat().st_size / MB)} MB") for p in files],
            total / MB,
            6.0,
            unit="MB",
        ),
        *exploration,
    ]


# --- exploration (issue 26) ---------------------------------------------------------------------
def exploration_timings(data: Path) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Seconds per call of each exploration function, and per control change of the attendance
    view, on the data in `data` (after one call that is not counted; the view's first drawing,
    which loads plotly's widget, is not counted either)."""
    from kuanalys import explore
    from kuanalys.explore.views import AttendanceExplorer
    from kuanalys.periods import Tertial
    from kuanalys.processed import load_dataset

    ds = load_dataset(data)
    t = Tertial(YEAR, TERTIAL)
    h = explore.attendance_history(ds)
    periods = explore.tertials(h)
    targets = explore.network_targets_history(ds, periods)
    calls = {
        "attendance_history": lambda: explore.attendance_history(ds),
        "trend per nätverk, alla tertial": lambda: explore.trend(h, "network"),
        "trend per kommun, alla tertial": lambda: explore.trend(h, "organisation"),
        "trend per sida i samverkansgrupperna, per år": lambda: explore.trend(h, "side", freq="year", with_region=True),
        "trend per mötesform, per år": lambda: explore.trend(h, "meeting_format", freq="year"),
        "compare_periods per nätverk": lambda: explore.compare_periods(h, t.same_period_last_year(), t),
        "compare_periods per kommun (platser)": lambda: explore.compare_periods(
            h, t.same_period_last_year(), t, by="organisation", rate="pooled_rate"
        ),
        "kommun_network_matrix": lambda: explore.kommun_network_matrix(h, t),
        "absences_in_row": lambda: explore.absences_in_row(h, 3),
        "network_targets_history, alla tertial": lambda: explore.network_targets_history(ds, periods),
        "below_target_in_row": lambda: explore.below_target_in_row(h, targets, 2),
        "survey_shares": lambda: explore.survey_shares(explore.survey_history(ds)),
    }
    call_times = {name: timed_calls(fn, 3) for name, fn in calls.items()}
    view = AttendanceExplorer(h)
    last = view.span.options[-1]
    network = sorted(h["network"].dropna().unique())[0]
    changes = {
        "nätverk": (view.network, network),
        "typ av nätverk": (view.network_type, "chefsnätverk"),
        "kommun": (view.kommun, "Vetlanda"),
        "mått": (view.measure, "pooled_rate"),
        "gruppering": (view.by, "organisation"),
        "period": (view.span, (view.span.options[max(len(view.span.options) - 6, 0)], last)),
    }
    change_times = {}
    for name, (control, value) in changes.items():
        default = control.value

        def flip(control=control, value=value, default=default) -> None:
            control.value = value if control.value != value else default

        change_times[name] = timed_calls(flip, 3)
    return call_times, change_times


def exploration_figures(data: Path, rows: int) -> list[Figure]:
    """Figures 10 and 11: the slowest exploration call, and the slowest control change, on 20 years."""
    calls, changes = exploration_timings(data)
    slowest_call = max(calls, key=lambda k: statistics.median(calls[k]))
    slowest_change = max(changes, key=lambda k: statistics.median(changes[k]))
    return [
        Figure(
            10,
            f"Utforskning: långsammaste anropet på 20 år ({sv(rows, 0)} närvarorader)",
            [(name, spread(v, digits=3)) for name, v in calls.items()],
            statistics.median(calls[slowest_call]),
            1.0,
            unit="s",
            note=slowest_call,
        ),
        Figure(
            11,
            "Utforskning: ett ändrat reglage ritar om diagrammet och tabellen, 20 år",
            [(name, spread(v, digits=3)) for name, v in changes.items()],
            statistics.median(changes[slowest_change]),
            1.0,
            unit="s",
            note=slowest_change,
        ),
    ]


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
        except Exception:  # noqa: BLE001 - a package not installed is left out
            continue
    return [
        ("Processor", f"{cpu}, {os.cpu_count()} kärnor"),
        ("System", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("Paket", ", ".join(versions)),
    ]


def value_text(f: Figure) -> str:
    digits = 0 if f.unit == "MB" and f.value >= 100 else (3 if f.unit == "s" and f.value < 1 else 2)
    return f"{sv(f.value, digits)} {f.unit}"


def target_text(f: Figure) -> str:
    if f.unit == "×":
        return f"≤ {sv(f.target, 1)} ×"
    if f.unit == "s":
        return f"< {sv(f.target, 1)} s"
    return f"≤ {sv(f.target, 0)} MB"


def render(figures: list[Figure], rows: dict[str, int], repeats: int, seconds: float, command: str) -> str:
    """Return RESULTS.md: summary table, the measurements of each figure, inputs and machine."""
    load = ", ".join(sv(x, 1) for x in os.getloadavg())
    lines = [
        "# Prestandamätning",
        "",
        f"Uppmätt {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC med `{command}`: {repeats} omgångar där varje "
        f"sida av en kvot körs en gång i tur och ordning, median (min–max); hela mätningen tog "
        f"{sv(seconds / 60, 1)} min, belastning efteråt {load}. Skrivs om av varje körning.",
        "",
        "| # | Mått | Resultat | Mål | Uppfyllt |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {f.number} | {f.title} | {value_text(f)} | {target_text(f)} | {'ja' if f.met else 'NEJ'} |" for f in figures
    ]
    lines += ["", "## Mätvärden", ""]
    for f in figures:
        note = f"; {f.note}" if f.note else ""
        lines += [f"**{f.number}. {f.title}** — {value_text(f)} (mål {target_text(f)}){note}", ""]
        lines += [f"- {label}: {text}" for label, text in f.measured]
        lines.append("")
    lines += ["## Indata (byggda med kuanalys.sample)", "", "| Indata | Närvarorader |", "|---|---|"]
    lines += [f"| {name} | {sv(n, 0)} |" for name, n in rows.items()]
    lines += ["", "## Maskin", ""]
    lines += [f"- {k}: {v}" for k, v in machine()]
    return "\n".join(lines) + "\n"


MARKER = "<!-- Under denna rad skrivs inget om av bench/run.py. -->"


def write_results(text: str, path: Path = RESULTS) -> Path:
    """Write RESULTS.md atomically, keeping any hand-written part below the marker."""
    kept = ""
    if path.exists() and MARKER in path.read_text(encoding="utf-8"):
        kept = path.read_text(encoding="utf-8").split(MARKER, 1)[1]
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(f"{text}\n{MARKER}{kept}", encoding="utf-8")
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
    parser = argparse.ArgumentParser(description="Prestandamätning av kuanalys (issue 16 och 24).")
    parser.add_argument("--repeats", type=int, default=3, help="omgångar (standard 3)")
    parser.add_argument("--quick", action="store_true", help="röktest: en omgång, litet stressfall, skriver inget")
    parser.add_argument("--no-write", action="store_true", help="skriv inte bench/RESULTS.md och README")
    args = parser.parse_args(argv)
    repeats = 1 if args.quick else args.repeats
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="kuanalys-bench-"))
    home = Path.cwd()
    os.chdir(work)  # `python -c` puts the working folder first on sys.path: keep the checkout out of it
    try:
        print("Bygger indata med exempelgeneratorn …", flush=True)
        inputs = build_inputs(work, args.quick)
        for name, n in inputs.rows.items():
            print(f"  {name}: {sv(n, 0)} närvarorader", flush=True)
        figures = measure(inputs, work, repeats, warm_up=not args.quick)
        for f in figures:
            print(f"{f.number}. {f.title}: {value_text(f)} (mål {target_text(f)}) {'ok' if f.met else 'MISSAT'}")
            for label, text in f.measured:
                print(f"     {label}: {text}")
        command = "make bench" if not argv else "python bench/run.py " + " ".join(argv)
        if not (args.quick or args.no_write):
            text = render(figures, inputs.rows, repeats, time.perf_counter() - started, command)
            print(f"Skrev {write_results(text)}")
            update_readme(summary(figures, command))
            print("Uppdaterade avsnittet Prestanda i README.md")
        return 0 if all(f.met for f in figures) else 1
    finally:
        os.chdir(home)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or None))
