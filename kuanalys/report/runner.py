"""`kuanalys report`: validate, run the section notebooks in parallel, write HTML, Excel, PDF.

Everything is written to a hidden staging folder beside the target and moved into place by
renames at the end, so a failed or interrupted run never leaves a half-written report where
the last good one stood. A run where a notebook fails still writes the other sections, to
`<år>-T<n>-ofullstandig/`, names the notebook and cell, and returns 1.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from kuanalys import config
from kuanalys.errors import KuanalysError
from kuanalys.periods import Tertial, latest_complete_tertial


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


def _say(text: str) -> None:
    print(text, flush=True)


# --- period -------------------------------------------------------------------------------
def data_dates(dataset) -> list:
    """Return every date in the data that marks activity (meetings, courses, grants, funds)."""
    dates: list = []
    for frame, column in (
        (dataset.attendance, "meeting_date"),
        (dataset.courses, "course_date"),
        (dataset.grants, "submitted_date"),
        (dataset.funds_available, "reporting_date"),
        (dataset.budget, "reporting_date"),
    ):
        if frame is not None and column in frame and len(frame):
            dates.extend(frame[column].dropna().tolist())
    return dates


def resolve_period(dataset, year: int | None, tertial: int | None) -> Tertial:
    """Return the tertial to report: as given, or the latest one present in the data.

    With only a year, the latest tertial of that year in the data; with only a tertial, that
    tertial in the latest year that has it.
    """
    if year is not None and tertial is not None:
        return Tertial(year, tertial)
    present = {Tertial.of(d) for d in data_dates(dataset)}
    if year is not None:
        present = {t for t in present if t.year == year}
    if tertial is not None:
        present = {t for t in present if t.number == tertial}
    if not present:
        wanted = " ".join(x for x in (f"år {year}" if year else "", f"tertial {tertial}" if tertial else "") if x)
        raise KuanalysError(f"Det finns inga data för {wanted or 'någon tertial'} i indata.")
    return max(present) if (year or tertial) else latest_complete_tertial(data_dates(dataset))


# --- staging and publishing ----------------------------------------------------------------
def publish(staging: Path, target: Path) -> Path:
    """Move `staging` to `target`, replacing an earlier report by renames only. Returns target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = None
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
def run_notebooks(
    sections: tuple[SectionNotebook, ...],
    notebooks_dir: Path,
    staging: Path,
    parameters: dict,
    jobs: int,
    jupyter_path: Path,
) -> list:
    """Execute the notebooks in parallel processes with a progress bar; results in section order."""
    from tqdm import tqdm

    from kuanalys.report.execute import execute_notebook

    results = {}
    ctx = get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(sections))), mp_context=ctx) as pool:
        futures = {
            pool.submit(
                execute_notebook,
                s.key,
                notebooks_dir / f"{s.key}.ipynb",
                staging / f"{s.key}.ipynb",
                parameters,
                jupyter_path=jupyter_path,
                cell_timeout=config.NOTEBOOK_CELL_TIMEOUT,
            ): s
            for s in sections
        }
        with tqdm(total=len(futures), desc="Kör avsnitt", unit="notebook", file=sys.stderr, leave=True) as bar:
            try:
                for future in as_completed(futures):
                    result = future.result()
                    results[result.key] = result
                    bar.set_postfix_str(f"{result.key} {'klar' if result.ok else 'FEL'}")
                    bar.update()
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    return [results[s.key] for s in sections]


def _fragments(sections, results):
    from kuanalys.report.combine import SectionOutput
    from kuanalys.report.export import error_fragment, notebook_fragment

    outputs = []
    for section, result in zip(sections, results):
        fragment = None
        if result.output.exists():
            try:
                fragment = notebook_fragment(result.output, section.anchor)
            except Exception as exc:  # noqa: BLE001
                fragment = error_fragment(section.key, f"HTML kunde inte skapas: {exc}", section.anchor)
        if fragment is None or not fragment.headings:
            fragment = error_fragment(section.key, result.error or "Notebooken gav inget innehåll.", section.anchor)
        outputs.append(SectionOutput(section.key, section.anchor, fragment, failed=not result.ok))
    return outputs


def _tables(sections, results, staging: Path):
    from kuanalys.report.excel_tables import load_recorded, table_names

    tables = []
    for section_output, result in zip(sections, results):
        if not result.output.exists():
            continue
        for name in table_names(result.output):
            try:
                tables.append(load_recorded(staging, name, section_output.fragment.title))
            except FileNotFoundError:
                continue
    return tables


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
    """Build the tertial report; return the exit code (0 ok, 1 invalid input or failed section)."""
    from kuanalys import load_all
    from kuanalys.ingest import validate_dir
    from kuanalys.report import provenance as prov
    from kuanalys.report.combine import combined_name, write_site
    from kuanalys.report.display import recorded_dir
    from kuanalys.report.excel_tables import write_workbook
    from kuanalys.report.execute import write_kernelspec

    started = time.perf_counter()
    data_dir = Path(data_dir).resolve()
    out_dir = Path(out_dir).resolve()
    notebooks_dir = Path(notebooks_dir or config.NOTEBOOKS_DIR).resolve()
    if not data_dir.is_dir():
        raise KuanalysError(f"Mappen med indata finns inte: {data_dir}")

    _say(f"Kontrollerar indata i {data_dir} …")
    problems = validate_dir(data_dir)
    if problems.has_errors():
        print(problems.report(), file=sys.stderr)
        print("Rapporten togs inte fram. Rätta felen ovan och kör igen.", file=sys.stderr)
        return 1
    if len(problems):
        _say(problems.report())

    dataset = load_all(data_dir)
    period = resolve_period(dataset, year, tertial)
    target = out_dir / period.short_label()
    _say(f"Tar fram rapporten för {period.label()} ({period.months_label()}) till {target}")
    out_dir.mkdir(parents=True, exist_ok=True)
    recover(target)
    provenance = prov.collect(data_dir, period.label(), files=[f.path for f in dataset.files] or None)

    staging = Path(tempfile.mkdtemp(prefix=f".{period.short_label()}.tmp-", dir=out_dir))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; the report is for sharing
    kernel_home = Path(tempfile.mkdtemp(prefix="kuanalys-kernel-"))
    try:
        parameters = {
            "year": period.year,
            "tertial": period.number,
            "data_dir": str(data_dir),
            "output_dir": str(staging),
        }
        jupyter_path = write_kernelspec(kernel_home)
        results = run_notebooks(sections, notebooks_dir, staging, parameters, jobs or os.cpu_count() or 1, jupyter_path)

        _say("Skriver HTML och tabeller.xlsx …")
        outputs = _fragments(sections, results)
        write_site(staging, outputs, provenance, period)
        write_workbook(staging / "tabeller.xlsx", _tables(outputs, results, staging))
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
                f"Den senaste fungerande rapporten i {target} rördes inte.",
                file=sys.stderr,
            )
            return 1
        publish(staging, target)
        shutil.rmtree(out_dir / f"{period.short_label()}{INCOMPLETE_SUFFIX}", ignore_errors=True)
        seconds = time.perf_counter() - started
        _say(f"Klart på {seconds:.0f} s: {target / combined_name(period)}")
        return 1 if pdf_failed else 0
    finally:
        shutil.rmtree(kernel_home, ignore_errors=True)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
