"""The analysts' notebook on the survey, the project register and renamed networks runs on the
bundled data (papermill, the project's kernel) and shows what it promises."""

import nbformat
import papermill as pm
import pytest

from kuanalys import config


@pytest.mark.slow
def test_utforska_enkat_och_projekt_runs(tmp_path):
    source = config.NOTEBOOKS_DIR / "utforska_enkat_och_projekt.ipynb"
    out = tmp_path / "ut.ipynb"
    pm.execute_notebook(
        str(source),
        str(out),
        parameters={"year": 2024, "tertial": 3, "data_dir": str(config.RAW_DATA_DIR)},
        kernel_name="kuanalys",
        cwd=str(config.NOTEBOOKS_DIR),
        progress_bar=False,
    )
    text = nbformat.read(out, as_version=4)
    shown = " ".join(str(o.get("data", {})) for c in text.cells if c.cell_type == "code" for o in c.outputs)
    assert "Andel mycket nöjda per fråga och år" in shown
    assert "Uppdrag och projekt per år" in shown
    assert "Chefsnätverk eHälsa" in shown and "Digitalisering i Socialtjänsten" in shown
