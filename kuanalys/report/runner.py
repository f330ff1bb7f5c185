"""`kuanalys report`: validate, run the section notebooks in parallel, write HTML, Excel, PDF.

Everything is written to a hidden staging folder beside the target and moved into place by
renames at the end, so a failed or interrupted run never leaves a half-written report where
the last good one stood. A run where a notebook fails still writes the other sections, to
`<år>-T<n>-ofullstandig/`, names the notebook and cell, and returns 1.

Robustness (issue 6):

* **One run per output folder.** A run takes an exclusive `flock` on `<out>/.kuanalys-rapport.lock`
  (after the input is validated, before anything is written). A second run on the same folder
  stops at once with "En annan rapportkörning pågår redan …" and exit code 1; the lock dies with
  its process, so a killed run never leaves a stale lock. The lock file is removed at the end.
* **SIGINT and SIGTERM.** Both become `RunInterrupted` in the main process: the notebook workers
  and their kernels are stopped, the staging folder and the private kernelspec folder are
  removed, and the run exits 130 (SIGINT) or 143 (SIGTERM) with "Avbrutet …". The last good
  report is never touched before the final rename, and signals are held back during the rename.
  A run killed outright (SIGKILL) takes its workers with it; the staging folder it leaves is
  removed by the next run (under the lock, so never one in use).
  Workers ignore SIGINT, so Ctrl-C in a terminal (sent to the whole process group) is handled
  once, by the main process.
* **Hung notebooks.** Each cell may run at most `KUANALYS_CELL_TIMEOUT` seconds (default 600,
  0 = no limit); a cell that runs longer stops the notebook with "… cellen tog längre tid än N s
  (KUANALYS_CELL_TIMEOUT)", naming notebook and cell, and the run exits 1.
"""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from kuanalys import config
from kuanalys.errors import KuanalysError


@dataclass(frozen=True)
class SectionNotebook:
    """A section of the report: notebook key (file stem) and the anchor/comment id."""

    key: str
    anchor: str


SECTIONS: tuple[SectionNotebook, ...] = (
    SectionNotebook("00_oversikt", "oversikt"),
    SectionNotebook("01_narvaro", "narvaro"),
    SectionNotebook("02_kurser", "kurser"),
    SectionNotebook("03_externa_medel", "externa_medel"),
    SectionNotebook("04_ekonomi", "ekonomi"),
)
INCOMPLETE_SUFFIX = "-ofullstandig"
# The progress bar in Swedish: "Kör avsnitt:  40 %|████      | 2/5 avsnitt [00:02<00:03, 01_narvaro klar]".
PROGRESS_FORMAT = "{desc}: {percentage:3.0f}\u00a0%|{bar}| {n_fmt}/{total_fmt} {unit} [{elapsed}<{remaining}{postfix}]"
LOCK_NAME = ".kuanalys-rapport.lock"
# Folder in the run's private folder where the validated input is written for the kernels.
SNAPSHOT_NAME = "indata"
# Exit codes of an interrupted run (the shell's 128 + signal number).
EXIT_INTERRUPTED = {signal.SIGINT: 130, signal.SIGTERM: 143}


class RunInterrupted(KeyboardInterrupt):
    """The run got SIGINT or SIGTERM; `signum` says which."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class ReportLocked(KuanalysError):
    """Another `kuanalys report` holds the lock on the output folder."""


def _say(text: str) -> None:
    print(text, flush=True)


# --- period -------------------------------------------------------------------------------
def data_dates(dataset) -> list:
    """Return every date in the data that marks activity (kuanalys.periods.data_dates)."""
    from kuanalys.periods import data_dates as dates

    return dates(dataset).tolist()


if TYPE_CHECKING:
    from kuanalys.periods import Tertial


def resolve_period(dataset, year: int | None, tertial: int | None) -> Tertial:
    """Return the tertial to report (kuanalys.periods.choose_period: the rules live there)."""
    from kuanalys.periods import choose_period

    return choose_period(dataset, year, tertial)


# --- one run per output folder ---------------------------------------------------------------
@contextlib.contextmanager
def report_lock(out_dir: Path):
    """Hold an exclusive lock on `out_dir` for one report run (raises ReportLocked if taken).

    `flock` is released by the kernel when the process ends, however it ends. The lock file is
    unlinked on release; a run that opened the old file just before checks the inode it locked
    is still the one at the path, and retries otherwise.
    """
    import fcntl

    path = Path(out_dir) / LOCK_NAME
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                holder = os.read(fd, 64).decode(errors="replace").strip() or "okänd"
            finally:
                os.close(fd)
            raise ReportLocked(
                f"En annan rapportkörning pågår redan i {out_dir} (process {holder}). "
                "Vänta tills den är klar och kör sedan igen. Om ingen körning pågår: ta bort filen "
                f"{path} och försök igen."
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the file was removed by the run that just finished: lock the new one
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.close(fd)


# --- signals -----------------------------------------------------------------------------------
@contextlib.contextmanager
def interrupts_raise():
    """Turn SIGINT and SIGTERM into `RunInterrupted` in the main thread (no-op elsewhere)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):  # noqa: ARG001
        raise RunInterrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextlib.contextmanager
def signals_held():
    """Hold SIGINT and SIGTERM back while a few renames run (delivered afterwards).

    The handlers are swapped for ones that only note the signal, rather than the main thread's
    signal mask changed: the process has other threads (the pool's, the writers' warm-up), and
    the system may hand a signal to any thread that does not block it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {
        sig: signal.signal(sig, lambda signum, frame: held.append(signum))  # noqa: ARG005
        for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for sig, old in previous.items():
            if old is not None:  # None: a handler not set from Python, left as it is
                signal.signal(sig, old)
        if held:
            signal.raise_signal(held[0])


# --- staging and publishing ----------------------------------------------------------------
def publish(staging: Path, target: Path) -> Path:
    """Move `staging` to `target`, replacing an earlier report by renames only. Returns target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = None
    with signals_held():
        if target.exists():
            old = target.with_name(f".{target.name}.gammal-{os.getpid()}")
            os.replace(target, old)
        try:
            os.replace(staging, target)
        except BaseException:
            if old is not None and not target.exists():
                os.replace(old, target)  # put the last good report back
            raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


def recover(target: Path) -> None:
    """Put back a report that an interrupted publish left as `.<namn>.gammal-*`."""
    if target.exists():
        for leftover in target.parent.glob(f".{target.name}.gammal-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        return
    leftovers = sorted(target.parent.glob(f".{target.name}.gammal-*"))
    if leftovers:
        os.replace(leftovers[-1], target)


# --- notebooks -------------------------------------------------------------------------------
def _worker_init(scratch: str | None = None, jupyter_path: str | None = None, snapshot: str | None = None) -> None:
    """Set up a notebook worker.

    SIGINT and SIGTERM are left to the main process (Ctrl-C reaches the whole process group),
    which stops the workers; if the main process is killed outright, the workers die with it
    (Linux PR_SET_PDEATHSIG) and their kernels follow (ipykernel's parent poller). Temporary
    files of the worker and its kernels (jupyter's connection files, which hold the kernel's
    HMAC key) go to `scratch`, inside the run's private folder, so a killed run leaves none in
    the system's temp folder.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the main process stops the workers itself
    _die_with_parent()
    if scratch:
        os.environ["TMPDIR"] = scratch
        tempfile.tempdir = scratch
    from kuanalys.report.execute import warm_up

    with contextlib.suppress(Exception):  # a failure here shows up, named, in the notebook's result
        warm_up(Path(jupyter_path) if jupyter_path else None, Path(snapshot) if snapshot else None)


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def remove_stale_staging(out_dir: Path) -> list[Path]:
    """Remove staging folders left by a run that was killed outright (call with the lock held)."""
    removed = []
    for leftover in Path(out_dir).glob(".*.tmp-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
    return removed


def _children_of(pids: set[int]) -> set[int]:
    """Return the processes whose parent is in `pids` (Linux /proc; empty elsewhere)."""
    found: set[int] = set()
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid in pids:
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is as good as gone
        return (Path(f"/proc/{pid}/stat").read_text().split(") ")[1][:1]) != "Z"
    except (OSError, IndexError):
        return True


def _processes_using(folder: Path) -> set[int]:
    """Return the processes whose command line names `folder` (the run's kernels: their
    connection files are in it). Linux /proc; empty elsewhere."""
    found: set[int] = set()
    needle = str(folder).encode()
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if needle in (entry / "cmdline").read_bytes():
                    found.add(int(entry.name))
            except OSError:
                continue
    return found


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL) if os.getpgid(pid) == pid else os.kill(pid, signal.SIGKILL)


def stop_workers(pool: ProcessPoolExecutor, grace: float = 5.0, kernel_home: Path | None = None) -> None:
    """Stop the pool's worker processes and the kernels they started; wait until they are gone.

    The workers are killed first, so that none can start another kernel; the kernels are then
    found as the workers' children and, as a worker's children are handed to init when it dies,
    by their connection files in `kernel_home`.
    """
    workers = [p for p in (getattr(pool, "_processes", None) or {}).values() if p.pid]
    kernels = _children_of({p.pid for p in workers})
    for p in workers:
        with contextlib.suppress(Exception):
            p.kill()
    deadline = time.monotonic() + grace
    for p in workers:
        p.join(max(0.0, deadline - time.monotonic()))
    if kernel_home is not None:
        kernels |= _processes_using(kernel_home)
    for pid in kernels:
        _kill(pid)
    while any(_alive(pid) for pid in kernels) and time.monotonic() < deadline:
        time.sleep(0.05)
    pool.shutdown(wait=False, cancel_futures=True)


def _ready() -> int:
    """A no-op task: submitting one per worker makes the pool start every worker at once."""
    return os.getpid()


@contextlib.contextmanager
def notebook_pool(jobs: int, jupyter_path: Path, snapshot: Path | None = None):
    """Start `jobs` notebook workers now, so they start their first kernels and import papermill
    and nbconvert while the main process reads the input; yield the pool. On an exception the
    workers and their kernels are stopped; otherwise the pool is shut down when its notebooks
    are done. The kernels read the input from `snapshot` once the run has written it there.
    """
    scratch = Path(jupyter_path) / "tmp"
    scratch.mkdir(mode=0o700, exist_ok=True)
    pool = ProcessPoolExecutor(
        max_workers=max(1, jobs),
        mp_context=get_context("spawn"),
        initializer=_worker_init,
        initargs=(str(scratch), str(jupyter_path), str(snapshot) if snapshot else None),
    )
    for _ in range(max(1, jobs)):
        pool.submit(_ready)
    try:
        yield pool
    except BaseException:
        stop_workers(pool, kernel_home=Path(jupyter_path))
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_notebooks(
    pool: ProcessPoolExecutor,
    workers: int,
    sections: tuple[SectionNotebook, ...],
    notebooks_dir: Path,
    staging: Path,
    parameters: dict,
    jupyter_path: Path,
) -> list:
    """Execute the notebooks on the pool's workers with a progress bar; each worker also turns
    its notebook into HTML. Returns the results in section order."""
    from tqdm import tqdm

    from kuanalys.report.execute import run_section

    results = {}
    # Each worker starts its first kernel when it starts (while the input is read). With more
    # than one worker, a notebook also starts the kernel for its worker's next notebook, so it
    # boots while this one runs, but only while at least one queued notebook per worker is left,
    # so that (notebooks are taken in order) no kernel is started for nothing. With one worker
    # (`--jobs 1`) notebooks run strictly one after another, one kernel at a time.
    futures = {
        pool.submit(
            run_section,
            s.key,
            notebooks_dir / f"{s.key}.ipynb",
            staging / f"{s.key}.ipynb",
            parameters,
            s.anchor,
            jupyter_path=jupyter_path,
            cell_timeout=config.NOTEBOOK_CELL_TIMEOUT,
            start_next=workers > 1 and len(sections) - 1 - i >= workers,
        ): s
        for i, s in enumerate(sections)
    }
    with tqdm(
        total=len(futures), desc="Kör avsnitt", unit="avsnitt", bar_format=PROGRESS_FORMAT, file=sys.stderr, leave=True
    ) as bar:
        for future in as_completed(futures):
            result = future.result()
            results[result.key] = result
            bar.set_postfix_str(f"{result.key} {'klar' if result.ok else 'FEL'}")
            bar.update()
    return [results[s.key] for s in sections]


def _fragments(sections, results):
    from kuanalys.report.combine import SectionOutput
    from kuanalys.report.export import error_fragment

    outputs = []
    for section, result in zip(sections, results):
        fragment = result.fragment
        if fragment is None and result.fragment_error:
            fragment = error_fragment(section.key, result.fragment_error, section.anchor)
        if fragment is None or not fragment.headings:
            fragment = error_fragment(section.key, result.error or "Notebooken gav inget innehåll.", section.anchor)
        elif not result.ok and html.escape(result.error or "") not in fragment.html:
            # A failure the notebook does not show itself (a cell timeout: the kernel shows only
            # KeyboardInterrupt; a dead kernel) is named in the page as well.
            fragment.html += (
                '<div class="ku-error" role="alert"><strong>Avsnittet kunde inte tas fram helt.</strong> '
                f"{html.escape(result.error or 'Notebooken stoppades.')}</div>"
            )
        outputs.append(SectionOutput(section.key, section.anchor, fragment, failed=not result.ok))
    return outputs


def _tables(sections, results, staging: Path):
    from kuanalys.report.excel_tables import load_recorded

    tables = []
    for section_output, result in zip(sections, results):
        for name in result.tables:
            try:
                tables.append(load_recorded(staging, name, section_output.fragment.title))
            except FileNotFoundError:
                continue
    return tables


def _warm_up_writers() -> None:
    """Import and load what writing the HTML pages and tabeller.xlsx needs (in a thread)."""
    from kuanalys.report.chart_images import start_image_server
    from kuanalys.report.excel_tables import warm_up_workbook
    from kuanalys.report.export import warm_up_pages

    for warm_up in (warm_up_pages, warm_up_workbook, start_image_server):
        with contextlib.suppress(Exception):  # only a head start: the writers load what they need
            warm_up()


# --- the command -----------------------------------------------------------------------------
def run_report(
    data_dir: Path,
    out_dir: Path,
    year: int | None = None,
    tertial: int | None = None,
    pdf: bool = False,
    jobs: int | None = None,
    notebooks_dir: Path | None = None,
    sections: tuple[SectionNotebook, ...] = SECTIONS,
) -> int:
    """Build the tertial report; return the exit code (0 ok, 1 invalid input or failed section).

    The notebook workers are started first, so that their imports overlap the reading of the
    input, which is read and validated once; the notebooks read the validated tables from a
    processed copy in the run's private folder.
    """
    from kuanalys.report.execute import write_kernelspec
    from kuanalys.scratch import make_scratch, remove_stale_scratch

    started = time.perf_counter()
    data_dir = Path(data_dir).resolve()
    out_dir = Path(out_dir).resolve()
    notebooks_dir = Path(notebooks_dir or config.NOTEBOOKS_DIR).resolve()
    if not data_dir.is_dir():
        raise KuanalysError(f"Mappen med indata finns inte: {data_dir}")

    jobs = max(1, min(jobs or os.cpu_count() or 1, len(sections)))
    remove_stale_scratch()  # a run killed outright left its copy of the input and kernel keys
    kernel_home = make_scratch()
    try:
        jupyter_path = write_kernelspec(kernel_home)
        with interrupts_raise(), notebook_pool(jobs, jupyter_path, kernel_home / SNAPSHOT_NAME) as pool:
            try:
                return _validated_run(
                    pool, jobs, sections, notebooks_dir, data_dir, out_dir, kernel_home, year, tertial, pdf, started
                )
            except ReportLocked as exc:
                print(f"FEL: {exc}", file=sys.stderr)
                return 1
    except RunInterrupted as exc:
        target = getattr(exc, "target", None)
        if target is None:
            print(f"Avbrutet ({signal.Signals(exc.signum).name}). Ingen rapport skrevs.", file=sys.stderr)
        else:
            before = f"den senaste rapporten i {target} är orörd" if target.exists() else "ingen tidigare rapport fanns"
            print(
                f"Avbrutet ({signal.Signals(exc.signum).name}). Ingen ny rapport publicerades; {before}.",
                file=sys.stderr,
            )
        return EXIT_INTERRUPTED.get(exc.signum, 130)
    finally:
        with signals_held():
            for pid in _processes_using(kernel_home):  # none, unless a kernel outlived its worker
                _kill(pid)
            shutil.rmtree(kernel_home, ignore_errors=True)


def _validated_run(
    pool,
    jobs: int,
    sections,
    notebooks_dir: Path,
    data_dir: Path,
    out_dir: Path,
    kernel_home: Path,
    year: int | None,
    tertial: int | None,
    pdf: bool,
    started: float,
) -> int:
    """Read and validate the input once, then build the report under the output folder's lock."""
    from kuanalys.loaders.folder import read_all
    from kuanalys.processed import write_dataset
    from kuanalys.report import provenance as prov

    _say(f"Kontrollerar indata i {data_dir} …")
    dataset, problems = read_all(data_dir)
    if dataset is None:
        print(problems.report(), file=sys.stderr)
        print("Rapporten togs inte fram. Rätta felen ovan och kör igen.", file=sys.stderr)
        return 1
    if len(problems):
        _say(problems.report())

    period = resolve_period(dataset, year, tertial)
    target = out_dir / period.short_label()
    _say(f"Tar fram rapporten för {period.label()} ({period.months_label()}) till {target}")
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        with report_lock(out_dir):
            recover(target)
            remove_stale_staging(out_dir)
            write_dataset(dataset, kernel_home / SNAPSHOT_NAME, source_dir=data_dir)
            provenance = prov.collect(data_dir, period.label(), files=[f.path for f in dataset.files] or None)
            del dataset
            return _build(
                pool,
                jobs,
                sections,
                notebooks_dir,
                data_dir,
                out_dir,
                target,
                period,
                provenance,
                pdf,
                kernel_home,
                started,
            )
    except RunInterrupted as exc:
        exc.target = target
        raise


def _build(
    pool,
    jobs: int,
    sections,
    notebooks_dir: Path,
    data_dir: Path,
    out_dir: Path,
    target: Path,
    period,
    provenance,
    pdf: bool,
    kernel_home: Path,
    started: float,
) -> int:
    """Run the notebooks into a staging folder and publish it; called with the lock held."""
    from kuanalys.report.combine import combined_name, write_site
    from kuanalys.report.display import recorded_dir
    from kuanalys.report.excel_tables import write_workbook

    staging = Path(tempfile.mkdtemp(prefix=f".{period.short_label()}.tmp-", dir=out_dir))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; the report is for sharing
    try:
        parameters = {
            "year": period.year,
            "tertial": period.number,
            "data_dir": str(data_dir),
            "output_dir": str(staging),
        }
        # The main process mostly waits while the notebooks run: it gets the page and workbook
        # writers ready meanwhile, so that little is left to do after the last notebook.
        threading.Thread(target=_warm_up_writers, name="kuanalys-skrivare", daemon=True).start()
        results = run_notebooks(pool, jobs, sections, notebooks_dir, staging, parameters, kernel_home)
        pool.shutdown(wait=False)  # the workers exit while the pages are written

        _say("Skriver HTML, tabeller.xlsx och Word …")
        outputs = _fragments(sections, results)
        write_site(staging, outputs, provenance, period)
        write_workbook(staging / "tabeller.xlsx", _tables(outputs, results, staging))
        from kuanalys.report.word import write_report_word

        for line in write_report_word(staging, [s.key for s in sections], data_dir, period, provenance):
            _say(line)
        shutil.rmtree(recorded_dir(staging), ignore_errors=True)

        failed = [r for r in results if not r.ok]
        pdf_failed = False
        if pdf and not failed:
            from kuanalys.report.pdf import print_pdf

            _say("Skriver PDF med headless Chromium …")
            try:
                print_pdf(staging / combined_name(period), staging / combined_name(period).replace(".html", ".pdf"))
            except KuanalysError as exc:
                print(f"FEL: PDF kunde inte skrivas: {exc}", file=sys.stderr)
                pdf_failed = True

        if failed:
            incomplete = publish(staging, out_dir / f"{period.short_label()}{INCOMPLETE_SUFFIX}")
            for r in failed:
                print(f"FEL i {r.describe_failure()}".replace(str(staging), str(incomplete)), file=sys.stderr)
            print(
                f"{len(failed)} av {len(results)} avsnitt misslyckades. De övriga finns i {incomplete}.\n"
                + (
                    f"Den senaste fungerande rapporten i {target} rördes inte."
                    if target.exists()
                    else f"Någon tidigare rapport för {period.label()} fanns inte i {out_dir}."
                ),
                file=sys.stderr,
            )
            return 1
        publish(staging, target)
        shutil.rmtree(out_dir / f"{period.short_label()}{INCOMPLETE_SUFFIX}", ignore_errors=True)
        seconds = time.perf_counter() - started
        _say(f"Klart på {seconds:.0f} s: {target / combined_name(period)}")
        return 1 if pdf_failed else 0
    finally:
        with signals_held():
            for _ in range(20):  # a dying kernel may still be writing a table
                shutil.rmtree(staging, ignore_errors=True)
                if not staging.exists():
                    break
                time.sleep(0.1)
