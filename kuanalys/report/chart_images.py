"""Static chart images (PNG at print resolution) with plotly's own export, kaleido.

kaleido drives a headless Chromium: Debian's `/usr/bin/chromium` (or `KUANALYS_CHROMIUM`).
All figures of a report are written in one `plotly.io.write_images` call, so the browser
starts once (some 1 s, with the report's own plotly.js and no MathJax). The export runs in a child process with a time limit: a browser that
hangs can be stopped, and the report is then written with the charts' data tables instead.
`start_chart_images` starts that child ahead (the runner: once the notebooks have run, so the
kernels' memory and the browser's do not add up), and its imports and the browser start overlap
the writing of the HTML and Excel; `ImageExport.finish` hands it the figures and waits.
Without a browser nothing is written and the caller says so.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from kuanalys.report.export import PLOTLY_DIR, PLOTLY_FILES
from kuanalys.report.pdf import find_chromium

# Print resolution: 1 440 px across 16 cm is some 230 dpi (the folder stays under 6 MB with the PDF); figures are laid out at
# 900 px (the HTML width) and scaled up, so fonts and lines keep their proportions.
IMAGE_WIDTH_PX = 900
IMAGE_SCALE = 1.6
IMAGES_TIMEOUT_S = 180
NO_BROWSER_HINT = (
    "Diagrammen kräver en webbläsare för bildexporten: installera Debians chromium "
    "(apt-get install chromium) eller peka ut en med KUANALYS_CHROMIUM, och kör igen."
)


def figure_from_spec(spec: dict) -> Any:
    """Return a plotly Figure from the JSON a notebook published (data and layout)."""
    import plotly.graph_objects as go

    return go.Figure(data=spec.get("data", []), layout=spec.get("layout", {}))


class ImageExport:
    """A child process that exports chart images: started ahead, given its figures later."""

    def __init__(self, proc: subprocess.Popen | None, reason: str | None = None, log=None) -> None:
        self.proc = proc
        self.reason = reason
        self.log = log  # the child's stderr: a file, not a pipe (the browser inherits it and may outlive the child)

    def finish(self, specs: list[dict], paths: list[Path], timeout: float = IMAGES_TIMEOUT_S) -> str | None:
        """Write each spec to its path; return None when done, or why the images are missing."""
        if self.proc is None:
            return self.reason or "ingen webbläsare hittades"
        job = json.dumps({"specs": specs, "paths": [str(p) for p in paths]})
        try:
            self.proc.stdin.write(job)
            self.proc.stdin.close()
            self.proc.wait(timeout=timeout)
        except (BrokenPipeError, OSError):
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            return f"bildexporten blev inte klar inom {int(timeout)} s"
        if self.proc.returncode != 0:
            self.log.seek(0)
            tail = self.log.read().decode(errors="replace").strip().splitlines()[-1:] or ["okänt fel"]
            return f"bildexporten misslyckades ({tail[0]})"
        missing = [p for p in paths if not Path(p).is_file()]
        return f"{len(missing)} diagram skrevs inte" if missing else None

    def stop(self) -> None:
        """Stop the child and whatever browser processes of its group are left."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # its own process group: the browser too
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()
        if self.log is not None:
            self.log.close()
            self.log = None


def start_chart_images(tmp_dir: Path | None = None) -> ImageExport:
    """Start the export child now (imports plotly and kaleido, starts the browser). With
    `tmp_dir` (the run's scratch folder), the browser's temporary files go there, so they are
    removed with it even when the run is killed."""
    browser = find_chromium()
    if browser is None:
        return ImageExport(None, "ingen webbläsare hittades")
    env = {**os.environ, "BROWSER_PATH": browser}  # choreographer (kaleido) uses it
    if tmp_dir is not None:
        Path(tmp_dir).mkdir(parents=True, exist_ok=True)
        env["TMPDIR"] = str(tmp_dir)
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kuanalys.report.chart_images"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
        env=env,
        start_new_session=True,  # its own process group: stop() ends the browser too
    )
    return ImageExport(proc, log=log)


def write_chart_images(specs: list[dict], paths: list[Path], export: ImageExport | None = None) -> str | None:
    """Write each figure spec as a PNG; return None when done, or the reason it could not be."""
    if not specs:
        if export is not None:
            export.stop()
        return None
    export = export or start_chart_images()
    try:
        return export.finish(specs, paths)
    finally:
        export.stop()


def _main() -> int:
    """Child process: boot the browser, read {"specs", "paths"} from stdin, write the PNGs."""
    import warnings

    import kaleido
    import plotly.graph_objects as go
    import plotly.io as pio

    warnings.filterwarnings("ignore", message="The kopts argument is ignored")
    # A child whose parent was killed outright never waits past the time limit (SIGALRM ends it).
    signal.alarm(IMAGES_TIMEOUT_S + 60)
    # The report's own plotly.js (bar and scatter) and no MathJax: kaleido's defaults fetch MathJax
    # from a CDN, which cost 1–5 s offline before the first image (and more without a network).
    kaleido.start_sync_server(silence_warnings=True, mathjax=False, plotlyjs=str(PLOTLY_DIR / PLOTLY_FILES[0]))
    try:
        pio.to_image(go.Figure(), format="png", width=10, height=10)  # the browser starts while we wait
        job = json.loads(sys.stdin.read() or "{}")
        specs, paths = job.get("specs", []), job.get("paths", [])
        if specs:
            figures = [figure_from_spec(s) for s in specs]
            pio.write_images(
                figures,
                paths,
                format="png",
                width=IMAGE_WIDTH_PX,
                height=[int(f.layout.height or 450) for f in figures],
                scale=IMAGE_SCALE,
            )
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
