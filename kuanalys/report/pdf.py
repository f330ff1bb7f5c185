"""Print the combined report to PDF with headless Debian Chromium (A4, charts drawn).

Chromium runs with the flags that keep it off the network (no background networking, no
component updates, no sync) and a fresh profile; `--virtual-time-budget` lets plotly draw
before the page is printed. Optional: only `kuanalys report --pdf` needs a browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from kuanalys.errors import KuanalysError

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


def print_pdf(html_path: Path, pdf_path: Path, *, budget_ms: int = 20000) -> Path:
    """Print `html_path` to `pdf_path` (A4, from the page's print CSS); return the PDF path."""
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
            "--window-size=794,1123",
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
