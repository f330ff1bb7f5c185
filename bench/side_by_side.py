"""The report at realistic sizes, side by side in one run (issue 14's Performance figures).

    python bench/side_by_side.py --old /tmp/kuanalys-3913220 [--repeats 3] [--out bench/side_by_side.md]

Measures, alternating A B C A B C … so that load from other work hits every side alike:

1. `kuanalys report` on the sample (two years): this checkout, against another checkout (`--old`,
   e.g. today's runner 3913220, run with its own code first on PYTHONPATH) and against what a
   user would do with the stock tools: the papermill command on each section notebook in turn,
   then `jupyter nbconvert --to html --no-input` on each;
2. the report on 20 years of history against the report on the sample;
3. `load_processed` of 20 years and `load_all` of the sample (in this process);
4. peak memory (RSS of the largest process) of `kuanalys report` on 20 years × 5 networks.

Writes a Markdown table to `--out` (and prints it). Takes some minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KUANALYS = [sys.executable, "-c", "import sys; from kuanalys.cli import main; sys.exit(main())"]


def run(args: list, env: dict | None = None, cwd: Path | None = None) -> tuple[float, int]:
    """Run a command to its end; return (wall seconds, peak RSS in MB of its largest process)."""
    t0 = time.perf_counter()
    proc = subprocess.run([str(a) for a in args], env=env, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args))} avslutades med {proc.returncode}:\n{proc.stderr[-2000:]}")
    import resource

    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


def env_with(source: Path | None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUANALYS_")}
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "bench" / "other_checkout"), str(source)])
        env["KUANALYS_ROOT"] = str(source)
    return env


def report(data: Path, out: Path, source: Path | None = None) -> float:
    shutil.rmtree(out, ignore_errors=True)
    return run([*KUANALYS, "report", "--data", data, "--out", out, "--jobs", "2"], env_with(source))[0]


def stock_tools(data: Path, out: Path) -> float:
    """papermill on each section notebook in turn, then nbconvert --no-input on each."""
    from kuanalys.loaders import load_all
    from kuanalys.periods import choose_period
    from kuanalys.report.plan import report_sections

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    bindir = Path(sys.executable).parent
    dataset = load_all(data)
    sections = report_sections(dataset, choose_period(dataset, 2019, 2))
    t0 = time.perf_counter()
    for s in sections:
        params = {"year": 2019, "tertial": 2, "data_dir": str(data), **s.parameters}
        notebook, executed = ROOT / "notebooks" / s.notebook, out / f"{s.key}.ipynb"
        run([bindir / "papermill", notebook, executed, "-y", json.dumps(params), "-k", "kuanalys"])
    for s in sections:
        run([bindir / "jupyter", "nbconvert", "--to", "html", "--no-input", out / f"{s.key}.ipynb"])
    return time.perf_counter() - t0


def median(values: list[float]) -> float:
    return statistics.median(values)


def sv(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="en annan utcheckning av kuanalys (t.ex. 3913220)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "bench" / "side_by_side.md"))
    args = parser.parse_args()
    old = Path(args.old).resolve()
    from kuanalys.sample import write_sample

    work = Path(tempfile.mkdtemp(prefix="kuanalys-bench-"))
    sample, twenty, stress = work / "sample", work / "20_ar", work / "20_ar_5x"
    write_sample(sample)
    write_sample(twenty, years=19)
    write_sample(stress, years=19, scale=5)

    times: dict[str, list[float]] = {"new": [], "old": [], "stock": [], "new_20": []}
    for _ in range(args.repeats):
        times["new"].append(report(sample, work / "r_new"))
        times["old"].append(report(sample, work / "r_old", old))
        times["stock"].append(stock_tools(sample, work / "r_stock"))
        times["new_20"].append(report(twenty, work / "r_20"))

    from kuanalys.loaders import load_all
    from kuanalys.processed import load_processed, write_dataset

    write_dataset(load_all(twenty), work / "p20", source_dir=twenty)
    load_p = min(timed(lambda: load_processed(work / "p20")) for _ in range(5))
    load_s = min(timed(lambda: load_all(sample)) for _ in range(3))
    peak = run([*KUANALYS, "report", "--data", stress, "--out", work / "r_stress", "--jobs", "2"], env_with(None))[1]

    m = {k: median(v) for k, v in times.items()}
    rows = [
        (
            "Rapport, exempeldata: ny / 3913220",
            f"{sv(m['new'], 1)} s / {sv(m['old'], 1)} s",
            m["new"] / m["old"],
            "≤ 1,3",
        ),
        (
            "Rapport, exempeldata: ny / standardverktyg",
            f"{sv(m['new'], 1)} s / {sv(m['stock'], 1)} s",
            m["new"] / m["stock"],
            "≤ 0,3",
        ),
        (
            "Rapport, 20 år / exempeldata",
            f"{sv(m['new_20'], 1)} s / {sv(m['new'], 1)} s",
            m["new_20"] / m["new"],
            "≤ 1,5",
        ),
        ("load_processed, 20 år", f"{sv(load_p)} s", None, "< 0,5 s"),
        ("load_all, exempeldata", f"{sv(load_s)} s", None, "< 2 s"),
        ("Största minne, rapport 20 år × 5 nätverk", f"{peak} MB", None, "< 1 024 MB"),
    ]
    lines = [
        f"Mätt {time.strftime('%Y-%m-%d %H:%M')} på {os.cpu_count()} kärnor, medianer av {args.repeats} omgångar "
        f"(A B C växelvis; belastning: {sv(os.getloadavg()[0], 1)}).",
        "",
        "| Mått | Värden | Kvot | Mål |",
        "|---|---|---|---|",
        *[
            f"| {name} | {value} | {sv(ratio) + ' ×' if ratio else ''} | {target} |"
            for name, value, ratio, target in rows
        ],
        "",
        "Alla omgångar (s): " + "; ".join(f"{k}: {', '.join(sv(x, 1) for x in v)}" for k, v in times.items()),
    ]
    text = "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    sys.exit(main())
