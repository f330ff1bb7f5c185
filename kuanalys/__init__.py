"""kuanalys: Kommunal utvecklings analysverktyg för tertialrapporter.

Public API: the loaders `load_attendance`, `load_courses`, `load_grants`, `load_funds`,
`load_networks`, `load_indicators`, `load_comments`, `load_settings`, `load_staff`,
`load_activities`, `load_survey`, `load_projects` and `load_all`; `load_processed` (the
Parquet written by `kuanalys ingest`) and `load_dataset` (either kind of folder); the `Tertial` type.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kuanalys")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+okänd"

_LOADERS = {
    "load_attendance",
    "load_courses",
    "load_grants",
    "load_funds",
    "load_networks",
    "load_indicators",
    "load_comments",
    "load_settings",
    "load_staff",
    "load_activities",
    "load_survey",
    "load_projects",
    "load_all",
}


_PROCESSED = {"load_processed", "load_dataset"}


def __getattr__(name: str):
    # Loaders, and pandas with them, are imported on first use so `import kuanalys` stays light:
    # `kuanalys report` starts its notebook workers before it imports pandas.
    if name == "Tertial":
        from kuanalys.periods import Tertial

        return Tertial
    if name in _LOADERS:
        from kuanalys import loaders

        return getattr(loaders, name)
    if name in _PROCESSED:
        from kuanalys import processed

        return getattr(processed, name)
    raise AttributeError(f"module 'kuanalys' has no attribute {name!r}")


__all__ = ["Tertial", "__version__", *sorted(_LOADERS | _PROCESSED)]
