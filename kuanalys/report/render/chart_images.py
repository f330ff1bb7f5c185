"""Static chart images (PNG at print resolution) with plotly's own export, kaleido.

kaleido drives a headless Chromium: Debian's `/usr/bin/chromium` (or `KUANALYS_CHROMIUM`).
All figures of a report are written in one `plotly.io.write_images` call, so the browser
starts once (some 1 s, with the report's own plotly.js and no MathJax). The export runs in a
child process with a time limit: a browser that hangs can be stopped, and the report is then
written with the charts' data tables instead. The runner starts it with the figures the
notebooks showed once the notebooks have run (so the kernels' memory and the browser's do not
add up); it works while the HTML, Excel and Word are written, and the Word writer waits for it
(`ImageExport.finish`). Without a browser nothing is written and the caller says so.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from kuanalys.report.render.html import PLOTLY_DIR, PLOTLY_FILES
from kuanalys.report.render.pdf import find_chromium

# Print resolution: 1 080 px across 16 cm is some 170 dpi, sharp on paper; at 1 440 px (scale 1,6) the Word draft of the
# annual report alone was 2,6 MB (hatched bars compress badly). Figures are laid out at 900 px (the HTML width) and scaled
# up, so fonts and lines keep their proportions.
IMAGE_WIDTH_PX = 900
IMAGE_SCALE = 1.2
IMAGES_TIMEOUT_S = 180
NO_BROWSER_HINT = (
    "Diagrammen kräver en webbläsare för bildexporten: installera Debians chromium "
    "(apt-get install chromium) eller peka ut en med KUANALYS_CHROMIUM, och kör igen."
)


class ImageExport:
    """A child process that writes chart images to `paths`, started ahead; `finish` waits for it."""

    def __init__(self, proc: subprocess.Popen | None, specs: list[dict], paths: list[Path], reason=None, log=None):
        self.proc = proc
        self.specs = specs
        self.paths = paths
        self.reason = reason  # why there is no child although there are figures
        self.log = log  # the child's stderr: a file, not a pipe (the browser inherits it and may outlive the child)

    def finish(self, timeout: float | None = None) -> str | None:
        """Wait for the images (at most `timeout`, default IMAGES_TIMEOUT_S seconds); return None
        when each path is written, or why not."""
        if self.proc is None:
            return self.reason
        timeout = IMAGES_TIMEOUT_S if timeout is None else timeout
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            return f"bildexporten blev inte klar inom {int(timeout)} s"
        if self.proc.returncode != 0:
            self.log.seek(0)
            tail = self.log.read().decode(errors="replace").strip().splitlines()[-1:] or ["okänt fel"]
            return f"bildexporten misslyckades ({tail[0]})"
        missing = [p for p in self.paths if not Path(p).is_file()]
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


def start_chart_images(specs: list[dict], folder: Path) -> ImageExport:
    """Start writing each figure spec as `folder/diagram-<n>.png` in a child process (which
    imports plotly and kaleido and starts the browser) and return at once. `folder` (the run's
    scratch folder) also holds the job and the browser's temporary files, so they are removed
    with it even when the run is killed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"diagram-{n}.png" for n in range(len(specs))]
    if not specs:
        return ImageExport(None, specs, paths)
    browser = find_chromium()
    if browser is None:
        return ImageExport(None, specs, paths, "ingen webbläsare hittades")
    job = folder / "diagram.json"
    job.write_text(json.dumps({"specs": specs, "paths": [str(p) for p in paths]}), encoding="utf-8")
    env = {**os.environ, "BROWSER_PATH": browser, "TMPDIR": str(folder)}  # BROWSER_PATH: choreographer (kaleido)
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kuanalys.report.render.chart_images", str(job)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=log,
        env=env,
        start_new_session=True,  # its own process group: stop() ends the browser too
    )
    return ImageExport(proc, specs, paths, log=log)


def _main(job_path: str) -> int:
    """Child process: boot the browser, read {"specs", "paths"} from `job_path`, write the PNGs."""
    import warnings

    import kaleido
    import plotly.io as pio

    warnings.filterwarnings("ignore", message="The kopts argument is ignored")
    # A child whose parent was killed outright never waits past the time limit (SIGALRM ends it).
    signal.alarm(IMAGES_TIMEOUT_S + 60)
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    # The report's own plotly.js (bar and scatter) and no MathJax: kaleido's defaults fetch MathJax
    # from a CDN, which cost 1–5 s offline before the first image (and more without a network).
    kaleido.start_sync_server(silence_warnings=True, mathjax=False, plotlyjs=str(PLOTLY_DIR / PLOTLY_FILES[0]))
    try:
        specs = job["specs"]  # figures plotly made and checked in the kernels: not validated again
        pio.write_images(
            specs,
            job["paths"],
            format="png",
            width=IMAGE_WIDTH_PX,
            height=[int(s.get("layout", {}).get("height") or 450) for s in specs],
            scale=IMAGE_SCALE,
            validate=False,
        )
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    for path in job["paths"]:
        to_palette(Path(path))
    return 0


def to_palette(path: Path) -> None:
    """Rewrite the PNG at `path` with a palette of at most 256 colours: kaleido writes 32-bit RGBA
    with fast compression, about 3,7 times the bytes (the annual report's images: 1,68 MB against
    0,45 MB). Charts are flat colours and anti-aliased text on white, which a palette keeps."""
    from PIL import Image

    with Image.open(path) as image:
        palette = image.convert("RGB").quantize(colors=256)
    palette.save(path, format="PNG", optimize=True)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1]))
