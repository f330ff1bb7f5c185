"""`kuanalys report`: validate the input once, run each section notebook with papermill, write
the documents, publish the folder. In order (`run_report`, then `_locked_run`):

1. check the output folder; read and validate the input (`read_all`): invalid input stops here;
2. choose the period and its sections (`sections.report_sections`);
3. lock the output folder (`folders.report_lock`); make a staging folder beside the report;
4. write the validated input as Parquet to a private scratch folder (the notebooks read it);
5. run the notebooks (`execute.run_notebook`, one new kernel each) in a process pool;
6. `render.write_documents` writes HTML, tabeller.xlsx, Word (and PDF) into staging;
7. publish staging by renames: as `<år>-T<n>/`, or with a failed section as `<år>-T<n>-ofullstandig/`.

SIGINT and SIGTERM raise `RunInterrupted`: the workers are stopped, staging and scratch removed,
exit 130/143; the last good report is only touched by the final renames (signals held back).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from kuanalys import atomic, config
from kuanalys.errors import KuanalysError
from kuanalys.report.execute import init_worker, run_notebook
from kuanalys.report.folders import ReportLocked, report_lock
from kuanalys.report.sections import Section, SectionRun, report_sections
from kuanalys.report.signals import EXIT_INTERRUPTED, RunInterrupted, interrupts_raise, signals_held

INCOMPLETE_SUFFIX = "-ofullstandig"
# The progress bar in Swedish: "Kör avsnitt:  40 %|████      | 2/5 avsnitt [00:02<00:03, 01_inledning klar]".
PROGRESS_FORMAT = "{desc}: {percentage:3.0f}\u00a0%|{bar}| {n_fmt}/{total_fmt} {unit} [{elapsed}<{remaining}{postfix}]"


def resolve_period(dataset, year: int | None, tertial: int | None, annual: bool = False):
    """Return the tertial to report (`periods.choose_period`: the rules live there), or with
    `annual` the whole year (`periods.Year`; the year of the latest tertial when not given)."""
    from kuanalys.periods import Year, choose_period

    return Year(choose_period(dataset, year, None).year) if annual else choose_period(dataset, year, tertial)


def run_notebooks(sections: tuple[Section, ...], notebooks_dir: Path, staging: Path, parameters: dict, jobs: int):
    """Run each section's notebook into `staging`, `jobs` at a time, each in a new kernel;
    return the `SectionRun`s in section order once every worker has ended."""
    from tqdm import tqdm

    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=init_worker)
    try:
        futures = {
            pool.submit(
                run_notebook,
                notebooks_dir / s.notebook,
                staging / f"{s.key}.ipynb",
                {**parameters, **s.parameters},
                config.NOTEBOOK_CELL_TIMEOUT,
            ): s.key
            for s in sections
        }
        errors: dict[str, str | None] = {}
        with tqdm(total=len(futures), desc="Kör avsnitt", unit="avsnitt", bar_format=PROGRESS_FORMAT) as bar:
            for future in as_completed(futures):
                try:
                    errors[futures[future]] = future.result()
                except BrokenProcessPool:
                    errors[futures[future]] = "notebookens process avslutades oväntat (till exempel slut på minne)"
                bar.set_postfix_str(f"{futures[future]} {'FEL' if errors[futures[future]] else 'klar'}")
                bar.update()
        pool.shutdown()
    except BaseException:
        stop_workers(pool)  # before the caller removes the staging folder they write to
        raise
    return [SectionRun(s, staging / f"{s.key}.ipynb", errors[s.key]) for s in sections]


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the workers (SIGTERM: nbclient shuts the kernel down) and wait; kill any left after 5 s."""
    workers = multiprocessing.active_children()
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(5)
        if worker.is_alive():
            worker.kill()
            worker.join()
    pool.shutdown(wait=False, cancel_futures=True)


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
        print(
            f"{len(failed)} av {len(runs)} avsnitt misslyckades. De övriga finns i {incomplete}.\n"
            + (f"Den senaste fungerande rapporten i {target} rördes inte." if target.exists() else ""),
            file=sys.stderr,
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
    code: 0, 1 (invalid input, an unusable output folder, a failed section) or 130/143
    (interrupted). `sections` defaults to `sections.report_sections`."""
    from kuanalys.loaders.folder import read_all
    from kuanalys.scorecard import for_year, plan_note

    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    if not data_dir.is_dir():
        raise KuanalysError(f"Mappen med indata finns inte: {data_dir}")
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
            note = plan_note(for_year(dataset, period.year), period.year)
            if note:
                print(f"OBS: {note}", flush=True)
            out_dir.mkdir(exist_ok=True)
            with report_lock(out_dir):
                jobs = max(1, min(jobs or os.cpu_count() or 1, len(sections)))
                notebooks_dir = Path(notebooks_dir or config.NOTEBOOKS_DIR).resolve()
                return _locked_run(dataset, period, sections, data_dir, target, notebooks_dir, pdf, jobs)
    except ReportLocked as exc:
        print(f"FEL: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the output folder: a full disk, or rights taken away during the run
        kept = f" Den senaste rapporten i {target} är orörd." if target is not None and target.exists() else ""
        print(f"FEL: {atomic.write_problem(exc, out_dir)}{kept}", file=sys.stderr)
        return 1
    except RunInterrupted as exc:
        kept = f"den senaste rapporten i {target} är orörd" if target and target.exists() else "ingen tidigare fanns"
        print(f"Avbrutet ({signal.Signals(exc.signum).name}). Ingen ny rapport publicerades; {kept}.", file=sys.stderr)
        return EXIT_INTERRUPTED.get(exc.signum, 130)


def _locked_run(dataset, period, sections, data_dir: Path, target: Path, notebooks_dir: Path, pdf: bool, jobs: int):
    """Snapshot the input, run the notebooks into staging, write and publish the report as
    `target`; return the exit code. Called with the lock held; staging and scratch always go."""
    from kuanalys.processed import write_dataset
    from kuanalys.report import provenance as prov
    from kuanalys.report.render import write_documents
    from kuanalys.scorecard import empty_period_note, for_year
    from kuanalys.scratch import make_scratch, remove_stale_scratch

    started = time.perf_counter()
    for folder in (target, target.with_name(target.name + INCOMPLETE_SUFFIX)):
        atomic.remove_leftovers(folder)  # of a run killed outright (we hold the lock: none is in use)
        atomic.check_replaceable(folder)
    remove_stale_scratch()
    with signals_held():
        staging, scratch = atomic.staging_folder(target), make_scratch()
    try:
        write_dataset(dataset, scratch / "indata", source_dir=data_dir)
        provenance = prov.collect(data_dir, period.label(), files=[f.path for f in dataset.files] or None)
        common = {"year": period.year, "tertial": period.number, "data_dir": str(data_dir)}
        common |= {"output_dir": str(staging), "snapshot_dir": str(scratch / "indata")}
        runs = run_notebooks(sections, notebooks_dir, staging, common, jobs)
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
            shutil.rmtree(scratch, ignore_errors=True)
