"""Which notebooks make up a report, with which parameters, and how each one ran.

The runner asks `report_sections` for the sections of a report and runs each one with papermill.
Every section notebook gets the common parameters (`year`, `tertial`, `data_dir`, `output_dir`,
`snapshot_dir`) plus the section's own `parameters`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Section:
    """One section of the report.

    Attributes:
        key: file stem of the executed notebook and its HTML page (unique within a report).
        notebook: file name of the notebook in `notebooks/` that is run for it.
        anchor: id of the section in the combined page.
        parameters: papermill parameters of this section, on top of the common ones.
    """

    key: str
    notebook: str
    anchor: str
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SectionRun:
    """One section notebook as the runner ran it."""

    section: Section  # key, notebook, anchor, parameters (as today)
    notebook: Path  # the executed .ipynb in the staging folder (may be partial if it failed)
    error: str | None = None  # Swedish, naming the failed cell; None when it ran through

    @property
    def ok(self) -> bool:
        return self.error is None


def report_sections(dataset: Any = None, tertial: Any = None, annual: bool = False) -> tuple[Section, ...]:
    """Return the sections of the report for a period, in report order.

    Chapter 1 (inledning.ipynb, with the cover), one chapter per strategic goal in the order of
    matetal.xlsx (kapitel.ipynb with parameter `goal` = 1, 2, …; chapter number goal + 1), and the
    appendices with Kontroll av underlaget (bilagor.ipynb). Without a dataset the goals are unknown
    and only the fixed sections are returned. The goals are those of the plan valid in the period's
    year (`scorecard.for_year`).

    Every section gets the parameter `annual` (False for a tertial report). The annual report
    (`annual`, verksamhetsberättelsen) sets it True, opens with Året i korthet (aret_i_korthet.ipynb: each
    goal's status as a whole with its rule, the year's key figures, whether the economy is in balance) and
    adds Året i siffror (arsuppfoljning.ipynb: the economic analysis, the evaluation survey per goal and
    question, uppdrag och projekt, attendance per tertial) before the appendices.
    """
    from kuanalys.report.structure import goals
    from kuanalys.scorecard import for_year

    if dataset is not None and tertial is not None:
        dataset = for_year(dataset, tertial.year)
    chapters = goals(dataset) if dataset is not None else []
    sections = (
        Section("01_inledning", "inledning.ipynb", "inledning"),
        *(
            Section(f"{g.chapter:02d}_mal{g.number}", "kapitel.ipynb", f"mal{g.number}", {"goal": g.number})
            for g in chapters
        ),
        Section("90_bilagor", "bilagor.ipynb", "bilagor"),
    )
    body = tuple(replace(s, parameters={**s.parameters, "annual": annual}) for s in sections)
    if not annual:
        return body
    return (
        Section("00_aret_i_korthet", "aret_i_korthet.ipynb", "aret-i-korthet", {"annual": True}),
        *body[:-1],
        Section("89_arsuppfoljning", "arsuppfoljning.ipynb", "arsuppfoljning", {"annual": True}),
        body[-1],
    )
