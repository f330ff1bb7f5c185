"""Write the report's HTML files: one page per section and the combined report with a table
of contents. The combined report is self-contained (plotly.js inline, once): it opens offline
on its own, e.g. as a mail attachment. The section pages share one copy of plotly.js in the
folder (a relative link), so the folder stays small; they open offline beside it, also zipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kuanalys.periods import Tertial, Year
from kuanalys.report.export import Fragment, render_page, write_plotly_js
from kuanalys.report.provenance import Provenance


@dataclass
class SectionOutput:
    """One section of the report: its notebook key ('03_mal2'), anchor and HTML fragment."""

    key: str
    anchor: str
    fragment: Fragment
    failed: bool = False

    @property
    def html_name(self) -> str:
        return f"{self.key}.html"


def combined_name(tertial: Tertial) -> str:
    """'tertialrapport-2019-T2.html', or for a whole year 'verksamhetsberattelse-2024.html'."""
    if isinstance(tertial, Year):
        return f"verksamhetsberattelse-{tertial.short_label()}.html"
    return f"tertialrapport-{tertial.short_label()}.html"


def report_heading(tertial: Tertial) -> str:
    """'Tertialrapport tertial 2 2019', or for a whole year 'Verksamhetsberättelse 2024'."""
    if isinstance(tertial, Year):
        return f"Verksamhetsberättelse {tertial.year}"
    return f"Tertialrapport {tertial.label()}"


def _period_text(tertial: Tertial) -> str:
    months = tertial.months_label()
    return f"{months[:1].upper()}{months[1:]} · uppföljning av verksamhetsplanens strategiska mål"


def write_site(out_dir: Path, sections: list[SectionOutput], provenance: Provenance, tertial: Tertial) -> list[Path]:
    """Write the section pages and the combined report; return the paths."""
    out_dir = Path(out_dir)
    written: list[Path] = []
    if any('class="ku-plot"' in s.fragment.html for s in sections):
        written.append(write_plotly_js(out_dir))
    heading = report_heading(tertial)
    period_text = _period_text(tertial)
    full = combined_name(tertial)

    for section in sections:
        nav = [{"href": full, "text": "Hela rapporten"}] + [
            {"href": s.html_name, "text": s.fragment.title or s.key} for s in sections if s is not section
        ]
        page = render_page(
            page_title=f"{section.fragment.title} – {heading}",
            heading=heading,
            period_text=period_text,
            sections=[{"anchor": section.anchor, "html": section.fragment.html}],
            nav=nav,
            nav_label="Andra delar av rapporten",
            provenance=provenance,
            plotly_mode="shared",
        )
        path = out_dir / section.html_name
        path.write_text(page, encoding="utf-8")
        written.append(path)

    toc = [
        {
            "href": f"#{s.fragment.headings[0].anchor}" if s.fragment.headings else f"#{s.anchor}",
            "text": s.fragment.title or s.key,
            "children": [{"href": f"#{h.anchor}", "text": h.text} for h in s.fragment.headings[1:] if h.level == 2],
        }
        for s in sections
    ]
    page = render_page(
        page_title=f"{heading} – Kommunal utveckling",
        heading=heading,
        period_text=period_text,
        sections=[{"anchor": s.anchor, "html": s.fragment.html} for s in sections],
        nav=toc,
        nav_label="Innehåll",
        provenance=provenance,
        plotly_mode="inline",
    )
    path = out_dir / full
    path.write_text(page, encoding="utf-8")
    written.append(path)
    return written
