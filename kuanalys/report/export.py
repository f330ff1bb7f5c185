"""Executed notebooks → offline HTML.

`notebook_fragment` turns one executed notebook into an HTML fragment with the project's own
nbconvert template (`nbtemplate/kuanalys`): narrative and outputs only, no code, no prompts,
no require.js or MathJax. `render_page` wraps fragments in the page shell with the CSS,
the provenance footer and plotly.js (inline, once per page).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kuanalys.report.output_meta import HIDDEN
from kuanalys.report.provenance import Provenance

if TYPE_CHECKING:
    import nbformat

TEMPLATE_DIR = Path(__file__).with_name("nbtemplate")
TEMPLATE_NAME = "kuanalys"
# Cells that must never reach the report (papermill's error banner, parameter cells).
HIDDEN_TAGS = tuple(sorted(HIDDEN))

_HEADING_RE = re.compile(r'<h([1-3])(?: id="[^"]*")?>(.*?)(?:<a class="anchor-link"[^>]*>[^<]*</a>)?</h\1>', re.S)
_TAG_RE = re.compile(r"<[^>]+>")


@dataclass
class Heading:
    """A heading of a section fragment: level (1–3), plain text and its anchor id."""

    level: int
    text: str
    anchor: str


@dataclass
class Fragment:
    """One section's HTML and its headings (the first level-1 heading is its title)."""

    html: str
    headings: list[Heading] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The section's title: its first level-1 heading (or first heading)."""
        for h in self.headings:
            if h.level == 1:
                return h.text
        return self.headings[0].text if self.headings else ""


def slug(text: str) -> str:
    """Return an ASCII anchor for a heading text ('Närvaro per kommun' → 'narvaro-per-kommun')."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "avsnitt"


@lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    cfg = Config()
    cfg.TagRemovePreprocessor.enabled = True
    cfg.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_TAGS)
    exporter = HTMLExporter(
        config=cfg,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    return exporter


def warm_up_exporter() -> None:
    """Build the nbconvert exporter now (imports and templates), before the first notebook."""
    _exporter().template  # noqa: B018 - the property loads and caches the template


def notebook_fragment(notebook: nbformat.NotebookNode | Path, anchor_prefix: str) -> Fragment:
    """Return one executed notebook as an HTML fragment, its headings' ids prefixed."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, (str, Path)) else notebook
    body, _ = _exporter().from_notebook_node(nb)
    return _rename_headings(body, anchor_prefix)


def _rename_headings(body: str, prefix: str) -> Fragment:
    headings: list[Heading] = []
    used: set[str] = set()
    first_h1 = True

    def repl(m: re.Match) -> str:
        nonlocal first_h1
        level, inner = int(m.group(1)), m.group(2)
        text = html.unescape(_TAG_RE.sub("", inner)).strip()
        if level == 1 and first_h1:
            anchor = f"{prefix}-rubrik"
            first_h1 = False
        else:
            anchor = f"{prefix}-{slug(text)}"
        base, n = anchor, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        headings.append(Heading(level, text, anchor))
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    return Fragment(_HEADING_RE.sub(repl, body), headings)


def error_fragment(title: str, message: str, anchor_prefix: str) -> Fragment:
    """Return the fragment shown for a section whose notebook could not be run at all."""
    text = html.escape(title)
    body = (
        f'<h1 id="{anchor_prefix}-rubrik">{text}</h1>'
        f'<div class="ku-error" role="alert"><strong>Avsnittet kunde inte tas fram.</strong> {html.escape(message)}</div>'
    )
    return Fragment(body, [Heading(1, title, f"{anchor_prefix}-rubrik")])


# The vendored partial plotly.js bundle (bar, scatter) and its Swedish locale (assets/plotly/README.md).
PLOTLY_DIR = Path(__file__).resolve().parents[1] / "assets" / "plotly"
PLOTLY_FILES = ("plotly-basic.min.js", "plotly-locale-sv.js")
# Name of the shared copy the section pages load from the report folder.
PLOTLY_SHARED_NAME = "plotly-basic-sv.min.js"


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """Return the vendored plotly.js partial bundle with the `sv` locale (offline, no CDN)."""
    text = "\n".join((PLOTLY_DIR / name).read_text(encoding="utf-8") for name in PLOTLY_FILES)
    # A literal "</script" inside would end the inline element early (this bundle has none).
    return text.replace("</script", "<\\/script")


def write_plotly_js(out_dir: Path) -> Path:
    """Write the shared copy of plotly.js the section pages load (`<script src>`, relative)."""
    path = Path(out_dir) / PLOTLY_SHARED_NAME
    path.write_text(plotly_js(), encoding="utf-8")
    return path


@lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR / TEMPLATE_NAME)),
        autoescape=jinja2.select_autoescape(["html", "j2"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def warm_up_pages() -> None:
    """Load what `render_page` needs (jinja2, the page template, plotly.js) ahead of use."""
    import markupsafe  # noqa: F401

    import kuanalys.formatting  # noqa: F401

    _env().get_template("page.html.j2")
    plotly_js()


def _read(name: str) -> str:
    return (TEMPLATE_DIR / TEMPLATE_NAME / name).read_text(encoding="utf-8")


def _size_text(size: int) -> str:
    from kuanalys.formatting import format_decimal

    if size >= 1024 * 1024:
        return f"{format_decimal(size / 1024 / 1024, 1)}\u00a0MB"
    return f"{format_decimal(max(1, round(size / 1024)))}\u00a0kB"


def generated_text(provenance: Provenance) -> str:
    """'den 3 september 2019 kl. 14.05' for the footer."""
    from babel.dates import format_datetime

    return format_datetime(provenance.generated, "'den' d MMMM y 'kl.' HH.mm", locale="sv_SE")


def render_page(
    *,
    page_title: str,
    heading: str,
    period_text: str,
    sections: list[dict],
    nav: list[dict],
    nav_label: str,
    provenance: Provenance,
    plotly_mode: str,
) -> str:
    """Return a complete HTML page.

    Args:
        sections: dicts with `anchor` and `html` (trusted fragments from `notebook_fragment`).
        nav: dicts with `href`, `text` and optional `children` (same keys).
        plotly_mode: "inline" (plotly.js inside the page, once), "shared" (the page loads the
            folder's one copy, `PLOTLY_SHARED_NAME`, by a relative link) or "none" (no plotly.js;
            a page without charts never gets it).
    """
    from markupsafe import Markup

    files = [{"name": f.name, "sha256": f.sha256, "size_text": _size_text(f.size)} for f in provenance.files]
    has_charts = any('class="ku-plot"' in s["html"] for s in sections)
    mode = plotly_mode if has_charts else "none"
    return (
        _env()
        .get_template("page.html.j2")
        .render(
            page_title=page_title,
            heading=heading,
            period_text=period_text,
            sections=[{"anchor": s["anchor"], "html": Markup(s["html"])} for s in sections],
            nav=nav,
            nav_label=nav_label,
            provenance={"version": provenance.version, "period_label": provenance.period_label, "files": files},
            generated_text=generated_text(provenance),
            css=Markup(_read("report.css")),
            plotly_inline=Markup(plotly_js()) if mode == "inline" else None,
            plotly_src=PLOTLY_SHARED_NAME if mode == "shared" else None,
            draw_js=Markup(_read("draw.js")),
        )
    )
