"""kuanalys: Kommunal utvecklings analysverktyg för tertialrapporter.

Public API: the loaders `load_attendance`, `load_courses`, `load_grants`, `load_funds`,
`load_networks`, `load_indicators`, `load_comments`, `load_settings`, `load_staff`,
`load_activities`, `load_survey`, `load_projects` and `load_all`; `load_processed` (the
Parquet written by `kuanalys ingest`) and `load_dataset` (either kind of folder); the `Tertial` type.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from kuanalys.loaders import (
    load_activities,
    load_all,
    load_attendance,
    load_comments,
    load_courses,
    load_funds,
    load_grants,
    load_indicators,
    load_networks,
    load_projects,
    load_settings,
    load_staff,
    load_survey,
)
from kuanalys.periods import Tertial
from kuanalys.processed import load_dataset, load_processed

try:
    __version__ = version("kuanalys")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+okänd"

__all__ = [
    "Tertial",
    "__version__",
    "load_activities",
    "load_all",
    "load_attendance",
    "load_comments",
    "load_courses",
    "load_dataset",
    "load_funds",
    "load_grants",
    "load_indicators",
    "load_networks",
    "load_processed",
    "load_projects",
    "load_settings",
    "load_staff",
    "load_survey",
]
