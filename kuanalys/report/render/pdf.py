"""The report as PDF: the combined HTML page printed with headless Debian Chromium (A4, charts drawn).

Chromium runs with the flags that keep it off the network (no background networking, no
component updates, no sync) and a fresh profile; `--virtual-time-budget` lets plotly draw
before the page is printed. Optional: only `kuanalys report --pdf` needs a browser.

Why Chromium and not the Word draft through LibreOffice: the HTML is the report people read,
its charts print as vector graphics, and LibreOffice does not fill in a Word TOC field when it
converts. What the print CSS cannot do is done in two passes and with pypdf:

1. print once; Chromium writes a named destination for every heading the contents link to,
   which gives each heading's page;
2. print again with those page numbers in the contents (the page rendered again from the
   `Report` with them, beside the first, so relative links stay the same);
3. add PDF bookmarks per chapter and section, and turn Chromium's absolute `file://` links
   into links relative to the report folder (never to the run's temporary folder).

Page numbers in the footer come from the print CSS (`@page @bottom-center`).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote

import pikepdf

from kuanalys.atomic import write_atomic
from kuanalys.errors import KuanalysError
from kuanalys.report.model import Report

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
# Flags for headless Chromium on these machines (as root: --no-sandbox).
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    # Defence in depth: the report loads only file:// resources; no host name resolves, so even
    # an address that slipped into the page could not be fetched while printing.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
PDF_TIMEOUT_S = 180
# The window Chromium draws the page in before it prints: as wide as A4's text width (210 mm less
# 2 × 14 mm page margins = 688 CSS px) plus the screen layout's body padding (2 × 1.5rem), so that
# plotly draws each chart at the printed width (a wider chart would be cut off by the page).
WINDOW_SIZE = "736,1123"


def find_chromium() -> str | None:
    """Return the path of a Chromium binary (KUANALYS_CHROMIUM overrides), or None."""
    override = os.environ.get("KUANALYS_CHROMIUM")
    if override:
        return override if Path(override).exists() or shutil.which(override) else None
    for candidate in CHROMIUM_CANDIDATES:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    return None


def chromium_print(html_path: Path, pdf_path: Path, *, budget_ms: int = 20000) -> Path:
    """Print `html_path` to `pdf_path` with Chromium once (A4, the page's print CSS)."""
    chromium = find_chromium()
    if chromium is None:
        raise KuanalysError(
            "Chromium hittades inte. Installera det (Debian: apt-get install chromium) eller kör utan --pdf."
        )
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    with tempfile.TemporaryDirectory(prefix="kuanalys-chromium-") as profile:
        cmd = [
            chromium,
            *HEADLESS_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={WINDOW_SIZE}",
            f"--virtual-time-budget={budget_ms}",
            "--run-all-compositor-stages-before-draw",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_path}",
            html_path.as_uri(),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=PDF_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise KuanalysError(f"Chromium blev inte klar inom {PDF_TIMEOUT_S} s.") from exc
    if proc.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        tail = "\n".join((proc.stderr or "").strip().splitlines()[-5:])
        raise KuanalysError(f"Chromium kunde inte skriva PDF (kod {proc.returncode}).\n{tail}")
    return pdf_path


# --- the report's PDF: contents with page numbers, bookmarks, relative links -------------------
def destination_pages(pdf: Path) -> dict[str, int]:
    """Return {anchor: page number (1-based)} of the named destinations Chromium wrote."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    index = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    pages = {}
    for name, dest in reader.named_destinations.items():
        ref = dest.get("/Page")
        number = index.get(getattr(ref, "idnum", None)) if ref is not None else None
        if number is not None:
            pages[str(name).lstrip("/")] = number + 1
    return pages


def finish_pdf(pdf: Path, out: Path, entries: list[dict], base_dir: Path, title: str) -> Path:
    """Add bookmarks (the contents' chapters and their sections), relative links and the title;
    write `out`."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    pages = destination_pages(pdf)
    writer = PdfWriter(clone_from=PdfReader(str(pdf)))
    for entry in entries:
        page = pages.get(entry["href"].lstrip("#"))
        if page is None:
            continue
        parent = writer.add_outline_item(title=entry["text"], page_number=page - 1)
        for child in entry["children"]:
            if child["href"].lstrip("#") in pages:
                writer.add_outline_item(
                    title=child["text"], page_number=pages[child["href"].lstrip("#")] - 1, parent=parent
                )
    writer.page_mode = "/UseOutlines"
    base = base_dir.resolve().as_uri().rstrip("/") + "/"
    for page in writer.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(base):
                action[NameObject("/URI")] = TextStringObject(unquote(uri[len(base) :]))
    writer.add_metadata({"/Title": title, "/Producer": "kuanalys (Chromium, pypdf, pikepdf)"})
    writer.compress_identical_objects()  # Chromium repeats fonts and patterns per page: some 0,4 MB less
    buffer = io.BytesIO()
    writer.write(buffer)
    # The tags for screen readers are thousands of small objects: pypdf writes them one by one (the
    # annual report's PDF 1,6 MB), qpdf (pikepdf) packs them into compressed object streams (0,5 MB).
    with pikepdf.open(buffer) as packed:
        streams = pikepdf.ObjectStreamMode.generate
        return write_atomic(out, lambda f: packed.save(f, object_stream_mode=streams, compress_streams=True))


def print_pdf(report: Report, period, provenance, html_path: Path, pdf_path: Path, *, budget_ms: int = 20000) -> Path:
    """Print the combined report (already written to `html_path`) to `pdf_path`: page numbers,
    contents with page numbers, bookmarks per chapter, links relative to the report folder.
    Returns the PDF path."""
    from kuanalys.report.render.html import combined_page, report_heading, toc

    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    with tempfile.TemporaryDirectory(prefix="kuanalys-pdf-") as tmp:
        first = chromium_print(html_path, Path(tmp) / "1.pdf", budget_ms=budget_ms)
        numbered = html_path.with_name(f".{html_path.stem}.sidnummer.html")  # beside it: same relative links
        try:
            numbered.write_text(combined_page(report, period, provenance, destination_pages(first)), encoding="utf-8")
            second = chromium_print(numbered, Path(tmp) / "2.pdf", budget_ms=budget_ms)
        finally:
            numbered.unlink(missing_ok=True)
        title = f"{report_heading(period)} – Kommunal utveckling"
        return finish_pdf(second, pdf_path, toc(report), html_path.parent, title)
