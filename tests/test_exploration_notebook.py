"""The analysts' notebooks (attendance; the survey, the project register and renamed networks) run
on the bundled data under papermill with the project's kernel, and show what they promise."""

import nbformat
import papermill as pm
import pytest

from kuanalys import config

pytestmark = pytest.mark.slow


def _run(name: str, out, **parameters) -> str:
    """Run a notebook; return the text of its outputs."""
    pm.execute_notebook(
        str(config.NOTEBOOKS_DIR / name),
        str(out),
        parameters={"data_dir": str(config.RAW_DATA_DIR), **parameters},
        kernel_name="kuanalys",
        cwd=str(config.NOTEBOOKS_DIR),
        progress_bar=False,
    )
    text = nbformat.read(out, as_version=4)
    shown = " ".join(str(o.get("data", {})) for c in text.cells if c.cell_type == "code" for o in c.outputs)
    return shown.replace("<br>", " ")  # chart titles are wrapped to fit a phone


def test_utforska_enkat_och_projekt_runs(tmp_path):
    shown = _run("utforska_enkat_och_projekt.ipynb", tmp_path / "ut.ipynb", year=2024, tertial=3)
    assert "Andel mycket nöjda per fråga och år" in shown
    assert "Uppdrag och projekt per år" in shown
    assert "Chefsnätverk eHälsa" in shown and "Digitalisering i Socialtjänsten" in shown
    assert "application/vnd.jupyter.widget-view+json" in shown  # the survey view with its controls
    assert "Typ av nätverk" in shown and "Förändring, procentenheter" in shown  # shares per question and type


def test_utforska_narvaro_runs_with_default_parameters(tmp_path):
    shown = _run("utforska_narvaro.ipynb", tmp_path / "ut.ipynb")
    assert "application/vnd.jupyter.widget-view+json" in shown  # the view with its controls
    for title in (
        "Närvaro per typ av nätverk",
        "Kommunernas närvaro per nätverk, tertial 2 2019",
        "Möten som kommunen missade, tertial 2 2019",
        "Missade i rad",
        "Tertial under målvärdet i rad",
        "Närvaro 2018-T2–2019-T2",
        "Andel besatta platser 2018-T2–2019-T2",
        "Närvaro per sida",
        "Närvaro per mötesform",
    ):
        assert title in shown, title


def test_utforska_narvaro_exports_views_as_offline_html(tmp_path):
    _run("utforska_narvaro.ipynb", tmp_path / "ut.ipynb", network="Reko", export_dir=str(tmp_path))
    page = (tmp_path / "narvaro.html").read_text(encoding="utf-8")
    assert "Reko" in page and "Närvaro per nätverk" in page
    assert "https://" not in page.split("<body>", 1)[1].split("<script", 1)[0]  # no link out before plotly.js
    assert "def " not in page.split("</script>")[-1] and "explore." not in page  # no code
    assert (tmp_path / "forandring.html").stat().st_size > 4_000_000  # plotly.js inline
