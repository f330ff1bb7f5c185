"""The analysts' notebook in JupyterLab, in headless Debian Chromium: JupyterLab runs on localhost
with a token and the project's kernel, opens a copy of utforska_narvaro.ipynb, runs every cell,
and a changed control (the network) changes the data of the view's chart.

Where /usr/bin/chromium (or Playwright) is missing the test skips with the reason, unless
KUANALYS_REQUIRE_BROWSER=1 (set in CI), where it fails instead (the `browser` fixture).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from kuanalys import config

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOK = "utforska_narvaro.ipynb"
JUPYTER_DIRS = ("JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR")
KERNEL = "window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel && (() => { const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel; return k.name + ':' + k.status; })()"
TRACE_NAMES = """() => {
    const plot = document.querySelector('.widget-vbox .js-plotly-plot');
    return plot && plot.data ? plot.data.map(t => t.name) : null;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a free localhost port, serving a copy of the notebook beside the sample data."""
    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    shutil.copy(config.NOTEBOOKS_DIR / NOTEBOOK, root / "notebooks" / NOTEBOOK)  # the committed file stays clean
    (root / "data").mkdir()
    (root / "data" / "raw").symlink_to(config.RAW_DATA_DIR, target_is_directory=True)
    port, token = _free_port(), secrets.token_hex(16)
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1"]
    args += [f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True"]
    args += [
        "--ServerApp.open_browser=False",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    args += ["--allow-root"] if os.geteuid() == 0 else []
    # Runtime files, settings and workspaces in the test's folder, not in the user's home.
    env = {**os.environ, **{k: str(root / "jupyter" / k.lower()) for k in JUPYTER_DIRS}}
    log = (root / "lab.log").open("w")
    server = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=root, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert server.poll() is None, (root / "lab.log").read_text()
                time.sleep(0.5)
        yield url, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_changing_a_control_changes_the_chart(browser, lab):
    url, token = lab
    page = browser.new_page()
    page.goto(f"{url}/lab/tree/notebooks/{NOTEBOOK}?token={token}&reset")
    # The project's kernel, as in the notebook's metadata, is ready before the cells run.
    page.wait_for_function(f"() => {KERNEL} === 'kuanalys:idle'", timeout=90_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(f"() => ({TRACE_NAMES})()?.length > 2", timeout=90_000)
    before = page.evaluate(TRACE_NAMES)
    assert "Reko" in before and len(before) > 3  # every network, and the target line

    network = page.locator(".widget-dropdown", has_text="Nätverk:").locator("select")
    network.select_option(label="Reko")
    page.wait_for_function(f"() => ({TRACE_NAMES})()?.[0] === 'Reko'", timeout=30_000)
    after = page.evaluate(TRACE_NAMES)
    assert after[0] == "Reko" and len(after) <= 2 and after != before  # Reko, and the target line
    # The table under the chart follows the control too: Reko's row only.
    table = "() => document.querySelector('.widget-vbox .ku-explore-table')?.textContent || ''"
    try:
        page.wait_for_function(
            f"() => {{ const t = ({table})(); return t.includes('Reko') && !t.includes('Chefsnätverk'); }}"
        )
    except Exception:
        raise AssertionError(page.evaluate(table)) from None
    page.close()
