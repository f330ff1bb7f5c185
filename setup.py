"""Build hook, with the metadata in pyproject.toml: the section notebooks live in the top-level
notebooks/ (for analysts and JupyterLab) and are shipped inside the package as
kuanalys/notebooks, so an installed kuanalys runs its report outside a checkout
(`config.NOTEBOOKS_DIR` falls back to them)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["kuanalys*"]), "kuanalys.notebooks"],
    package_dir={"kuanalys.notebooks": "notebooks"},
)
