"""Analyses behind every quantitative statement in a tertial report.

One module per family: `attendance`, `courses`, `grants`, `funds`. Each function is pure: it
takes tidy frames (see `kuanalys.schemas`) and a `Tertial`, and returns a new tidy DataFrame (or a
float / None for the scalar metrics the scorecard reads). Definitions are in each docstring and
in docs/metrics.md.
"""

from __future__ import annotations

from kuanalys.metrics import attendance, courses, funds, grants

__all__ = ["attendance", "courses", "funds", "grants"]
