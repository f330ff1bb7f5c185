"""Which notebooks make up a report, and with which parameters.

The runner asks `report_sections` for the sections of a report and runs each one with papermill.
Every section notebook gets the common parameters (`year`, `tertial`, `data_dir`, `output_dir`,
`snapshot_dir`) plus the section's own `parameters`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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


def report_sections(dataset: Any = None, tertial: Any = None, annual: bool = False) -> tuple[Section, ...]:
    """Return the sections of the report for a period, in report order. The annual report
    (`annual`, verksamhetsberättelsen) gives every section the parameter `annual = True` and adds
    Året i siffror (arsuppfoljning.ipynb: the year's indicators with the tertials side by side, the
    evaluation survey per goal and question, uppdrag och projekt)."""
    sections = (
        Section("00_oversikt", "00_oversikt.ipynb", "oversikt"),
        Section("01_narvaro", "01_narvaro.ipynb", "narvaro"),
        Section("02_kurser", "02_kurser.ipynb", "kurser"),
        Section("03_externa_medel", "03_externa_medel.ipynb", "externa_medel"),
        Section("04_ekonomi", "04_ekonomi.ipynb", "ekonomi"),
    )
    if not annual:
        return sections
    return (
        *(replace(s, parameters={**s.parameters, "annual": True}) for s in sections),
        Section("95_arsuppfoljning", "arsuppfoljning.ipynb", "arsuppfoljning", {"annual": True}),
    )
