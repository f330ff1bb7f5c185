"""`kuanalys report`: validate, run the section notebooks in parallel, write HTML, Excel, PDF.

The run, in order:

1. start the pool of notebook workers, each starting its kernel (`notebook_workers`), and
   meanwhile read and validate the input once (`read_all`); invalid input stops here;
2. choose the period (`resolve_period`) and the sections (`plan.report_sections`);
3. take the output folder's lock (`folders.report_lock`);
4. write the validated input as Parquet to the run's private folder (the snapshot);
5. run each section notebook with papermill in a process pool, with the common parameters
   (`year`, `tertial`, `data_dir`, `output_dir` = the staging folder, `snapshot_dir`) and the
   section's own; each worker also turns its notebook into an HTML fragment (`execute`);
6. write the pages and tabeller.xlsx (and the PDF) into the staging folder;
7. publish the staging folder by renames (`folders.publish`): to `<år>-T<n>/`, or, when a
   notebook failed, to `<år>-T<n>-ofullstandig/` (the failing notebook and cell are named and
   the run returns 1).

SIGINT and SIGTERM become `RunInterrupted` in the main process: the workers are stopped (their
kernels follow them), the staging and private folders are removed, and the run exits 130/143
with "Avbrutet …"; the last good report is never touched before the final rename, and signals
are held back during the renames. A cell that runs longer than `KUANALYS_CELL_TIMEOUT` seconds
fails its notebook. A run killed outright takes its workers along; the next run removes the
staging folder it left (under the lock, so never one in use).
"""

from __future__ import annotations

import contextlib
import html
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from kuanalys import config
from kuanalys.errors import KuanalysError
from kuanalys.loaders.settings import missing_dnr_note
from kuanalys.report.folders import ReportLocked, publish, recover, remove_stale_staging, report_lock
from kuanalys.report.plan import Section, report_sections
from kuanalys.report.signals import EXIT_INTERRUPTED, RunInterrupted, interrupts_raise, signals_held
from kuanalys.scorecard import for_year, plan_note

INCOMPLETE_SUFFIX = "-ofullstandig"
# The progress bar in Swedish: "Kör avsnitt:  40 %|████      | 2/5 avsnitt [00:02<00:03, 01_inledning klar]".
PROGRESS_FORMAT = "{desc}: {percentage:3.0f}\u00a0%|{bar}| {n_fmt}/{total_fmt} {unit} [{elapsed}<{remaining}{postfix}]"
SNAPSHOT_NAME = "indata"  # the snapshot's folder in the run's private folder
MAX_WORKERS = 8  # a report has some 8 sections: more workers (and kernels) would only idle


def _say(text: str) -> None:
    print(text, flush=True)


def resolve_period(dataset, year: int | None, tertial: int | None, annual: bool = False):
    """Return the tertial to report (`kuanalys.periods.choose_period`: the rules live there), or
    with `annual` the whole year (`periods.Year`; the year of the latest tertial when not given)."""
    from kuanalys.periods import Year, choose_period

    if annual:  # the year must have records, as for a tertial (choose_period says why not)
        return Year(choose_period(dataset, year, None).year)
    return choose_period(dataset, year, tertial)


# --- the notebooks -----------------------------------------------------------------------------
@contextlib.contextmanager
def notebook_workers(jobs: int, notebooks_dir: Path):
    """Yield `(pool, private)`: a pool of `jobs` notebook worker processes and the run's private
    folder (snapshot, kernelspec, kernel sockets, chart images). Each worker starts its kernel
    at once, so that happens while the main process reads and validates the input. On leaving,
    the workers are stopped (if still running) and the private folder is removed."""
    from kuanalys.report.execute import init_worker, start_kernel, write_kernelspec
    from kuanalys.scratch import make_scratch, remove_stale_scratch

    remove_stale_scratch()  # a run killed outright left its copy of the input and kernel keys
    with signals_held():
        private = make_scratch()
    pool = None
    try:
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(str(write_kernelspec(private)),),
        )
        for _ in range(jobs):  # one task each (a worker busy starting its kernel takes no other)
            pool.submit(start_kernel, private, notebooks_dir)
        yield pool, private
    finally:
        try:
            if pool is not None:
                stop_workers(pool)
        finally:  # also when a second signal cut the stopping short
            with signals_held():
                shutil.rmtree(private, ignore_errors=True)


def run_notebooks(
    sections: tuple[Section, ...], notebooks_dir: Path, staging: Path, parameters: dict, pool, private: Path
) -> list:
    """Run the section notebooks in the worker `pool`; return their `NotebookResult`s in
    section order, once the workers (and their kernels) have ended."""
    from tqdm import tqdm

    from kuanalys.report.execute import run_section

    try:
        futures = {
            pool.submit(
                run_section,
                section.key,
                notebooks_dir / section.notebook,
                staging / f"{section.key}.ipynb",
                {**parameters, **section.parameters},
                section.anchor,
                kernel_dir=private,
                cell_timeout=config.NOTEBOOK_CELL_TIMEOUT,
            ): section.key
            for section in sections
        }
        results = {}
        with tqdm(
            total=len(futures), desc="Kör avsnitt", unit="avsnitt", bar_format=PROGRESS_FORMAT, file=sys.stderr
        ) as bar:
            for future in as_completed(futures):
                result = future.result()
                results[result.key] = result
                bar.set_postfix_str(f"{result.key} {'klar' if result.ok else 'FEL'}")
                bar.update()
        pool.shutdown(wait=True)  # the workers end, and their kernels with them
    except BaseException:
        stop_workers(pool)  # before the caller removes the staging folder the kernels write to
        raise
    return [results[s.key] for s in sections]


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop this process's worker processes (SIGTERM: each kills its kernel and exits) and wait
    for them; one that does not end within 5 s is killed (its kernel follows it within a second)."""
    workers = multiprocessing.active_children()
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(5)
        if worker.is_alive():
            worker.kill()
    pool.shutdown(wait=False, cancel_futures=True)


# --- pages and tables --------------------------------------------------------------------------
def _fragments(sections: tuple[Section, ...], results: list) -> list:
    """Return the sections' HTML (`SectionOutput`), with an error box where a notebook failed."""
    from kuanalys.report.combine import SectionOutput
    from kuanalys.report.export import error_fragment

    outputs = []
    for section, result in zip(sections, results):
        fragment = result.fragment
        if fragment is None or not fragment.headings:
            reason = result.fragment_error or result.error or "Notebooken gav inget innehåll."
            fragment = error_fragment(section.key, reason, section.anchor)
        elif not result.ok and html.escape(result.error or "") not in fragment.html:
            # A failure the notebook does not show itself (a cell timeout, a dead kernel).
            fragment.html += (
                '<div class="ku-error" role="alert"><strong>Avsnittet kunde inte tas fram helt.</strong> '
                f"{html.escape(result.error or 'Notebooken stoppades.')}</div>"
            )
        outputs.append(SectionOutput(section.key, section.anchor, fragment, failed=not result.ok))
    return outputs


def _tables(outputs: list, results: list, staging: Path) -> list:
    """Return the tables the notebooks recorded, in report order, for tabeller.xlsx: one sheet per
    table, also when the report shows it twice (Bilaga 2 repeats chapter 6's participants)."""
    from kuanalys.report.excel_tables import load_recorded

    tables, seen = [], set()
    for output, result in zip(outputs, results):
        for name in result.tables:
            if name in seen:
                continue
            seen.add(name)
            try:
                tables.append(load_recorded(staging, name, output.fragment.title))
            except FileNotFoundError:
                continue
    return tables


def write_outputs(
    staging: Path,
    sections: tuple[Section, ...],
    results: list,
    provenance,
    period,
    pdf: bool,
    data_dir: Path,
    images=None,
) -> bool:
    """Write the pages, tabeller.xlsx, the Word draft and (with `pdf`) the PDF into `staging`;
    return False if the PDF failed."""
    from kuanalys.report.combine import combined_name, write_site
    from kuanalys.report.display import recorded_dir
    from kuanalys.report.excel_tables import write_workbook
    from kuanalys.report.word import write_report_word

    _say("Skriver HTML, tabeller.xlsx och Word …")
    outputs = _fragments(sections, results)
    write_site(staging, outputs, provenance, period)
    tables = _tables(outputs, results, staging)  # read once, for tabeller.xlsx and the Word draft
    write_workbook(staging / "tabeller.xlsx", tables)
    keys = [s.key for s in sections]
    recorded = {t.name: t for t in tables}
    for line in write_report_word(staging, keys, data_dir, period, provenance, images, recorded):
        _say(line)
    shutil.rmtree(recorded_dir(staging), ignore_errors=True)
    if not pdf or not all(r.ok for r in results):
        return True
    from kuanalys.report.pdf import print_pdf

    _say("Skriver PDF med headless Chromium …")
    html_path = staging / combined_name(period)
    try:
        print_pdf(html_path, html_path.with_suffix(".pdf"))
    except KuanalysError as exc:
        print(f"FEL: PDF kunde inte skrivas: {exc}", file=sys.stderr)
        return False
    return True


def publish_run(staging: Path, out_dir: Path, period, results: list) -> int:
    """Publish the staging folder: as the report, or beside it as `-ofullstandig` when a
    notebook failed (naming each failure). Returns 0 or 1."""
    target = out_dir / period.short_label()
    incomplete = out_dir / f"{period.short_label()}{INCOMPLETE_SUFFIX}"
    failed = [r for r in results if not r.ok]
    if not failed:
        publish(staging, target)
        shutil.rmtree(incomplete, ignore_errors=True)
        return 0
    publish(staging, incomplete)
    for r in failed:
        print(f"FEL i {r.describe_failure()}".replace(str(staging), str(incomplete)), file=sys.stderr)
    before = (
        f"Den senaste fungerande rapporten i {target} rördes inte."
        if target.exists()
        else f"Någon tidigare rapport för {period.label()} fanns inte i {out_dir}."
    )
    print(
        f"{len(failed)} av {len(results)} avsnitt misslyckades. De övriga finns i {incomplete}.\n{before}",
        file=sys.stderr,
    )
    return 1


# --- the command -------------------------------------------------------------------------------
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
    """Build the tertial report, or with `annual` the annual report (verksamhetsberättelsen) of
    `year`; return the exit code (0 ok, 1 invalid input or a failed section, 130/143
    interrupted). `sections` defaults to `plan.report_sections`."""
    from kuanalys.report.execute import skip_slow_optional_imports

    skip_slow_optional_imports()  # this process reads notebooks too (nbformat) for the Word draft
    data_dir, out_dir = Path(data_dir).resolve(), Path(out_dir).resolve()
    notebooks_dir = Path(notebooks_dir or config.NOTEBOOKS_DIR).resolve()
    if not data_dir.is_dir():
        raise KuanalysError(f"Mappen med indata finns inte: {data_dir}")
    target = None
    # Workers are started before the sections are known: at most one per section or MAX_WORKERS.
    workers = max(1, min(jobs or os.cpu_count() or 1, len(sections) if sections else MAX_WORKERS))
    try:
        with interrupts_raise(), notebook_workers(workers, notebooks_dir) as (pool, private):
            _say(f"Kontrollerar indata i {data_dir} …")
            from kuanalys.loaders.folder import read_all

            dataset, problems = read_all(data_dir)
            if dataset is None:
                print(problems.report(), file=sys.stderr)
                print("Rapporten togs inte fram. Rätta felen ovan och kör igen.", file=sys.stderr)
                return 1
            if len(problems):
                _say(problems.report())
            period = resolve_period(dataset, year, tertial, annual)
            sections = sections or report_sections(dataset, period, annual=annual)
            target = out_dir / period.short_label()
            _say(f"Tar fram rapporten för {period.label()} ({period.months_label()}) till {target}")
            note = plan_note(for_year(dataset, period.year), period.year)
            if note:
                _say(f"OBS: {note} (matetal.xlsx, bladen Mål och Mätetal, kolumnerna Första år och Sista år)")
            dnr_note = missing_dnr_note(dataset.settings, period.year)
            if dnr_note:
                _say(f"OBS: {dnr_note}")
            out_dir.mkdir(parents=True, exist_ok=True)
            with report_lock(out_dir):
                recover(target)
                remove_stale_staging(out_dir)
                return _locked_run(dataset, period, sections, data_dir, out_dir, notebooks_dir, pdf, pool, private)
    except ReportLocked as exc:
        print(f"FEL: {exc}", file=sys.stderr)
        return 1
    except RunInterrupted as exc:
        name = signal.Signals(exc.signum).name
        if target is None:
            print(f"Avbrutet ({name}). Ingen rapport skrevs.", file=sys.stderr)
        else:
            before = f"den senaste rapporten i {target} är orörd" if target.exists() else "ingen tidigare rapport fanns"
            print(f"Avbrutet ({name}). Ingen ny rapport publicerades; {before}.", file=sys.stderr)
        return EXIT_INTERRUPTED.get(exc.signum, 130)


def _locked_run(dataset, period, sections, data_dir, out_dir, notebooks_dir, pdf, pool, private: Path) -> int:
    """Snapshot the input into `private`, run the notebooks in `pool` into a staging folder, write
    and publish the report; called with the output folder's lock held. The staging folder is
    always removed."""
    from kuanalys.processed import write_dataset
    from kuanalys.report import provenance as prov
    from kuanalys.report.chart_images import start_chart_images

    started = time.perf_counter()
    images = None
    staging = Path(tempfile.mkdtemp(prefix=f".{period.short_label()}.tmp-", dir=out_dir))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; the report is for sharing
    try:
        snapshot = private / SNAPSHOT_NAME
        write_dataset(dataset, snapshot, source_dir=data_dir)
        provenance = prov.collect(data_dir, period.label(), files=[f.path for f in dataset.files] or None)
        parameters = {
            "year": period.year,
            "tertial": period.number,
            "data_dir": str(data_dir),
            "output_dir": str(staging),
            "snapshot_dir": str(snapshot),
        }
        results = run_notebooks(sections, notebooks_dir, staging, parameters, pool, private)
        # The Word draft's chart images: the browser starts once the kernels have ended (so their
        # memory and the browser's do not add up) and works while the HTML and Excel are written.
        images = start_chart_images([spec for r in results for spec in r.charts], private / "diagram")
        pdf_ok = write_outputs(staging, sections, results, provenance, period, pdf, data_dir, images)
        code = publish_run(staging, out_dir, period, results)
        if code == 0:
            from kuanalys.report.combine import combined_name

            seconds = time.perf_counter() - started
            _say(f"Klart på {seconds:.0f} s: {out_dir / period.short_label() / combined_name(period)}")
        return code if pdf_ok else 1
    finally:
        if images is not None:
            images.stop()
        with signals_held():
            shutil.rmtree(staging, ignore_errors=True)
