"""Static chart images (PNG at print resolution) with plotly's own export, kaleido.

kaleido drives a headless Chromium: Debian's `/usr/bin/chromium` (or `KUANALYS_CHROMIUM`).
All figures of a report are written in one `plotly.io.write_images` call, so the browser
starts once (some 4 s). `start_image_server` starts that browser ahead (kaleido's persistent
server, with one tiny figure drawn), so the report run can do it while its notebooks run;
`stop_image_server` ends it. Without a browser nothing is written and the caller says so.
"""

from __future__ import annotations

import atexit
import os
import threading
from pathlib import Path
from typing import Any

from kuanalys.report.pdf import find_chromium

# Print resolution: 1 800 px across 16 cm is some 290 dpi; figures are laid out at
# 900 px (the HTML width) and scaled up, so fonts and lines keep their proportions.
IMAGE_WIDTH_PX = 900
IMAGE_SCALE = 2.0
NO_BROWSER_HINT = (
    "Diagrammen kräver en webbläsare för bildexporten: installera Debians chromium "
    "(apt-get install chromium) eller peka ut en med KUANALYS_CHROMIUM, och kör igen."
)


_server = {"started": False}
_server_lock = threading.Lock()


def start_image_server() -> bool:
    """Start kaleido's browser now and keep it for `write_chart_images`; False without one."""
    browser = find_chromium()
    if browser is None:
        return False
    os.environ.setdefault("BROWSER_PATH", browser)
    import warnings

    import kaleido
    import plotly.graph_objects as go
    import plotly.io as pio

    with _server_lock:
        if not _server["started"]:
            kaleido.start_sync_server(silence_warnings=True)
            _server["started"] = True
            atexit.register(stop_image_server)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts ignored when using a server"
        pio.to_image(go.Figure(), format="png", width=10, height=10)  # boots the browser
    return True


def stop_image_server() -> None:
    """Stop the browser `start_image_server` started (no-op otherwise)."""
    with _server_lock:
        if _server["started"]:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _server["started"] = False


def figure_from_spec(spec: dict) -> Any:
    """Return a plotly Figure from the JSON a notebook published (data and layout)."""
    import plotly.graph_objects as go

    return go.Figure(data=spec.get("data", []), layout=spec.get("layout", {}))


def write_chart_images(specs: list[dict], paths: list[Path]) -> str | None:
    """Write each figure spec as a PNG; return None when done, or the reason it could not be."""
    if not specs:
        return None
    browser = find_chromium()
    if browser is None:
        return "ingen webbläsare hittades"
    os.environ.setdefault("BROWSER_PATH", browser)  # choreographer (kaleido) uses it when set
    try:
        import warnings

        import plotly.io as pio

        figures = [figure_from_spec(s) for s in specs]
        heights = [int(f.layout.height or 450) for f in figures]
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        pio.write_images(
            figures,
            [str(p) for p in paths],
            format="png",
            width=IMAGE_WIDTH_PX,
            height=heights,
            scale=IMAGE_SCALE,
        )
    except Exception as exc:  # kaleido or the browser failed: the document is written without images
        return f"bildexporten misslyckades ({type(exc).__name__}: {exc})"
    missing = [p for p in paths if not Path(p).is_file()]
    return f"{len(missing)} diagram skrevs inte" if missing else None
