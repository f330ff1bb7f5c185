"""Paths and constants. Imports nothing from the rest of the package.

Every path can be overridden with an environment variable, so tests and analysts can point
kuanalys elsewhere without editing code.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(os.environ.get("KUANALYS_ROOT", Path(__file__).resolve().parents[1]))
RAW_DATA_DIR = Path(os.environ.get("KUANALYS_RAW", PROJ_ROOT / "data" / "raw"))
PROCESSED_DATA_DIR = Path(os.environ.get("KUANALYS_PROCESSED", PROJ_ROOT / "data" / "processed"))
REPORTS_DIR = Path(os.environ.get("KUANALYS_REPORTS", PROJ_ROOT / "reports"))
# The section notebooks: the checkout's notebooks/, or the copy shipped in the installed package.
NOTEBOOKS_DIR = next(
    (d for d in (PROJ_ROOT / "notebooks", Path(__file__).resolve().parent / "notebooks") if d.is_dir()),
    PROJ_ROOT / "notebooks",
)

# Limits checked before any workbook is parsed (see README, "Gränser").
MAX_FILE_BYTES = int(os.environ.get("KUANALYS_MAX_FILE_BYTES", 50 * 1024 * 1024))
MAX_UNPACKED_BYTES = int(os.environ.get("KUANALYS_MAX_UNPACKED_BYTES", 500 * 1024 * 1024))
MAX_COMPRESSION_RATIO = float(os.environ.get("KUANALYS_MAX_COMPRESSION_RATIO", 100))
MAX_ROWS = int(os.environ.get("KUANALYS_MAX_ROWS", 250_000))

# Smallest count shown per cell in reports; 0 = off (the published reports show per-kommun figures).
MIN_CELL_SIZE = int(os.environ.get("KUANALYS_MIN_CELL_SIZE", 0))

# Per-cell timeout for notebook execution in the report runner, seconds.
NOTEBOOK_CELL_TIMEOUT = int(os.environ.get("KUANALYS_CELL_TIMEOUT", 600))

# Name of the Jupyter kernel installed into the project's venv (Makefile: ipykernel install).
KERNEL_NAME = "kuanalys"
