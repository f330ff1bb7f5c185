"""`kuanalys report`: validate the input once, choose the period and sections, lock the output
folder, run each section notebook with papermill (a new kernel each) into a staging folder, write the
documents (`render.write_documents`) and publish by renames as `<period>/` or `<period>-ofullstandig/`.
SIGINT/SIGTERM: workers stopped, staging and scratch removed, exit 130/143, last report untouched."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from tqdm import tqdm

from kuanalys import atomic, config
from kuanalys.loaders.folder import read_all
from kuanalys.loaders.settings import missing_dnr_note
from kuanalys.periods import resolve_period
from kuanalys.processed import write_dataset
from kuanalys.report import provenance as prov
from kuanalys.report.execute import init_worker, run_notebook
from kuanalys.report.render import write_documents
from kuanalys.report.sections import Section, SectionRun, report_sections
from kuanalys.report.signals import EXIT_INTERRUPTED, RunInterrupted, interrupts_raise, signals_held
from kuanalys.scorecard import empty_period_note, for_year, plan_note
from kuanalys.scratch import make_scratch

INCOMPLETE_SUFFIX = "-ofullstandig"
PROGRESS = "Kör avsnitt: {percentage:3.0f}\u00a0%|{bar}| {n_fmt}/{total_fmt} avsnitt [{elapsed}<{remaining}]"


def run_notebooks(sections: tuple[Section, ...], notebooks_dir: Path, staging: Path, parameters: dict, jobs, scratch):
    """Run each section's notebook into `staging`, `jobs` at a time, each in a new kernel (its
    temporary files in `scratch`); return the `SectionRun`s once every worker has ended."""
    spawn = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=spawn, initializer=init_worker, initargs=(str(scratch),))
    try:
        args = [(notebooks_dir / s.notebook, staging / f"{s.key}.ipynb", parameters | s.parameters) for s in sections]
        futures = [pool.submit(run_notebook, *a, config.NOTEBOOK_CELL_TIMEOUT) for a in args]
        runs = []
        for s, (_, output, _), future in tqdm(zip(sections, args, futures), total=len(args), bar_format=PROGRESS):
            try:
                runs.append(SectionRun(s, output, future.result()))
            except BrokenProcessPool:  # a worker died (out of memory, killed)
                runs.append(SectionRun(s, output, "notebookens process avslutades oväntat"))
    except BaseException:  # stop the workers before the caller removes the folder they write in
        for worker in multiprocessing.active_children():
            worker.terminate()  # SIGTERM: nbclient shuts the kernel down
        raise
    finally:
        pool.shutdown(cancel_futures=True)
    return runs


def remove_scratch(scratch: Path) -> None:
    """Remove the run's scratch folder (for up to 5 s: a stopped worker's kernel may still write there)."""
    deadline = time.monotonic() + 5
    while (shutil.rmtree(scratch, ignore_errors=True) or scratch.exists()) and time.monotonic() < deadline:
        time.sleep(0.2)


def publish_run(staging: Path, target: Path, runs: list[SectionRun]) -> int:
    """Publish staging as `target`, or beside it as `-ofullstandig` naming each failed section;
    return 0 or 1."""
    incomplete = target.with_name(target.name + INCOMPLETE_SUFFIX)
    failed = [r for r in runs if not r.ok]
    with signals_held():
        atomic.swap_folder(staging, incomplete if failed else target)
        if not failed:
            shutil.rmtree(incomplete, ignore_errors=True)
    for r in failed:
        print(f"FEL i {r.notebook.name}: {r.error}\n    Körd notebook: {incomplete / r.notebook.name}", file=sys.stderr)
    if failed:
        kept = f"\nDen senaste fungerande rapporten i {target} rördes inte." if target.exists() else ""
        print(
            f"{len(failed)} av {len(runs)} avsnitt misslyckades. De övriga finns i {incomplete}.{kept}", file=sys.stderr
        )
    return 1 if failed else 0


def run_report(
    data_dir: Path,
    out_dir: Path,
    year: int | None = None,
    tertial: int | None = None,
    pdf: bool = False,
    jobs: int | None = None,
    notebooks_dir: Path | None = None,
    sections: tuple[Section, ...] | None = None,
    annual: bool = False,
) -> int:
    """Build the tertial report, or with `annual` the annual report of `year`; return the exit
    code: 0, 1 (invalid input, a failed section, a full disk) or 130/143 (interrupted). An unusable
    or locked output folder raises KuanalysError (one Swedish line). `sections`: all by default."""
    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    atomic.check_output_folder(out_dir)
    target = None
    try:
        with interrupts_raise():
            print(f"Kontrollerar indata i {data_dir} …", flush=True)
            dataset, problems = read_all(data_dir)
            if dataset is None:
                print(f"{problems.report()}\nRapporten togs inte fram. Rätta felen ovan och kör igen.", file=sys.stderr)
                return 1
            if len(problems):
                print(problems.report(), flush=True)
            period = resolve_period(dataset, year, tertial, annual)
            sections = sections or report_sections(dataset, period, annual=annual)
            target = out_dir / period.short_label()
            print(f"Tar fram rapporten för {period.label()} ({period.months_label()}) till {target}", flush=True)
            plan = plan_note(for_year(dataset, period.year), period.year)
            plan = plan and f"{plan} (matetal.xlsx, bladen Mål och Mätetal, kolumnerna Första år och Sista år)"
            for note in filter(None, (plan, missing_dnr_note(dataset.settings, period.year))):
                print(f"OBS: {note}", flush=True)
            out_dir.mkdir(exist_ok=True)
            with atomic.folder_lock(out_dir):
                jobs = max(1, min(jobs or os.cpu_count() or 1, len(sections)))
                notebooks_dir = Path(notebooks_dir or config.NOTEBOOKS_DIR).resolve()
                return _locked_run(dataset, period, sections, data_dir, target, notebooks_dir, pdf, jobs)
    except OSError as exc:  # the output folder: a full disk, or rights taken away during the run
        kept = f" Den senaste rapporten i {target} är orörd." if target is not None and target.exists() else ""
        print(f"FEL: {atomic.write_problem(exc, out_dir)}{kept}", file=sys.stderr)
        return 1
    except RunInterrupted as exc:
        kept = f"den senaste rapporten i {target} är orörd" if target and target.exists() else "ingen tidigare fanns"
        print(f"Avbrutet ({signal.Signals(exc.signum).name}). Ingen ny rapport publicerades; {kept}.", file=sys.stderr)
        return EXIT_INTERRUPTED.get(exc.signum, 130)


def _locked_run(dataset, period, sections, data_dir: Path, target: Path, notebooks_dir: Path, pdf: bool, jobs: int):
    """Run the report into staging and publish it as `target` (lock held); return the exit code."""
    started = time.perf_counter()
    for folder in (target, target.with_name(target.name + INCOMPLETE_SUFFIX)):
        atomic.remove_leftovers(folder)  # of a run killed outright (we hold the lock: none is in use)
        atomic.check_replaceable(folder)
    with signals_held():
        staging, scratch = atomic.staging_folder(target), make_scratch()
    try:
        write_dataset(dataset, scratch / "indata", source_dir=data_dir)
        provenance = prov.collect(data_dir, period.label(), files=[f.path for f in dataset.files] or None)
        common = {"year": period.year, "tertial": period.number, "data_dir": str(data_dir)}
        common |= {"output_dir": str(staging), "snapshot_dir": str(scratch / "indata")}
        runs = run_notebooks(sections, notebooks_dir, staging, common, jobs, scratch)
        pdf_ok = write_documents(staging, runs, dataset, period, provenance, pdf)
        note = empty_period_note(for_year(dataset, period.year), period)
        if note:
            print(note, file=sys.stderr)
        code = publish_run(staging, target, runs)
        if code == 0:
            print(f"Klart på {time.perf_counter() - started:.0f} s: {target}", flush=True)
        return code if pdf_ok else 1
    finally:
        with signals_held():
            shutil.rmtree(staging, ignore_errors=True)
            remove_scratch(scratch)
