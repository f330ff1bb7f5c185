"""What the Word writer reads from an executed section notebook, in order.

Markdown cells give headings (`#` chapter, `##` section, `###` sub-heading) and narrative
blocks; code cells' outputs give the display items `show(...)` published: a recorded table
(output metadata `kuanalys.table`), a chart (plotly's mimetype, followed by its data table),
generated text, analysts' comments, and a placeholder where an analyst text is still to be
written (`kuanalys.missing_text`). Parameter cells, code and errors' tracebacks never reach
the document. Generic over the headings and items: no section is named here.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kuanalys.report.export import HIDDEN_TAGS
from kuanalys.report.output_meta import META_KEY, PLOTLY_MIMETYPE


@dataclass
class Heading:
    level: int  # 1 chapter, 2 section, 3 sub-heading
    inlines: list[dict]  # mistune inline nodes

    @property
    def text(self) -> str:
        return inline_text(self.inlines)


@dataclass
class Block:
    """A markdown block that is not a heading (paragraph, list, quote)."""

    node: dict


@dataclass
class TableRef:
    name: str


@dataclass
class ChartRef:
    spec: dict
    table: str | None
    title: str


@dataclass
class Text:
    text: str
    kind: str = "lead"  # "lead" generated text, "analys" analysts' comments
    title: str | None = None


@dataclass
class MissingText:
    what: str


@dataclass
class Failure:
    text: str


@dataclass
class CoverLines:
    """The report's cover as a notebook showed it: (kind, text) per line, e.g. ("titel", …)."""

    lines: list[tuple[str, str]]


Item = Heading | Block | TableRef | ChartRef | Text | MissingText | Failure | CoverLines

_COVER_LINE = re.compile(r'<p class="ku-cover-([a-z0-9_-]+)">(.*?)</p>', re.S)


def inline_text(nodes: list[dict]) -> str:
    """Plain text of mistune inline nodes."""
    out = []
    for node in nodes:
        if "raw" in node:
            out.append(node["raw"])
        elif node.get("type") in ("softbreak", "linebreak"):
            out.append(" ")
        if node.get("children"):
            out.append(inline_text(node["children"]))
    return "".join(out)


def _markdown(source: str) -> list[Item]:
    import mistune

    parse = mistune.create_markdown(renderer="ast", plugins=["table", "strikethrough"])
    items: list[Item] = []
    for node in parse(source):
        kind = node.get("type")
        if kind == "heading":
            items.append(Heading(min(3, int(node["attrs"]["level"])), node.get("children", [])))
        elif kind in ("paragraph", "list", "block_quote", "block_code", "table"):
            items.append(Block(node))
    return items


def _title_of(spec: dict) -> str:
    title = (spec.get("layout") or {}).get("title") or {}
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text or "")).strip()


def _outputs(outputs: list[Any]) -> list[Item]:
    items: list[Item] = []
    chart: dict | None = None
    for output in outputs:
        if output.get("output_type") == "error":
            items.append(Failure(f"{output.get('ename', 'Fel')}: {output.get('evalue', '')}"))
            continue
        if output.get("output_type") not in ("display_data", "execute_result"):
            continue
        data = output.get("data", {})
        meta = (output.get("metadata") or {}).get(META_KEY) or {}
        if PLOTLY_MIMETYPE in data:
            chart = dict(data[PLOTLY_MIMETYPE])
            continue
        if meta.get("table"):
            if chart is not None:
                items.append(ChartRef(chart, meta["table"], _title_of(chart)))
                chart = None
            else:
                items.append(TableRef(meta["table"]))
            continue
        if "missing_text" in meta:
            items.append(MissingText(str(meta["missing_text"])))
            continue
        html = str(data.get("text/html", ""))
        plain = str(data.get("text/plain", "")).strip()
        markdown = str(data.get("text/markdown", ""))
        if markdown.lstrip().startswith("#"):  # a heading shown from code (display.Heading)
            items.extend(_markdown(markdown))
            continue
        if 'class="ku-cover"' in html:
            lines = [
                (kind, html_lib.unescape(re.sub(r"<[^>]+>", "", text)).strip())
                for kind, text in _COVER_LINE.findall(html)
            ]
            items.append(CoverLines([(k, t) for k, t in lines if t]))
            continue
        if meta.get("text") == "analys" or 'class="ku-analys"' in html:
            items.append(Text(plain, "analys", meta.get("title") or "Analys"))
        elif plain and (meta.get("text") == "lead" or 'class="ku-lead"' in html):
            items.append(Text(plain, "lead"))
    if chart is not None:
        items.append(ChartRef(chart, None, _title_of(chart)))
    return items


def notebook_items(notebook: Path | Any) -> list[Item]:
    """Return the items of an executed notebook in order."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, (str, Path)) else notebook
    items: list[Item] = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & set(HIDDEN_TAGS):
            continue
        if cell.cell_type == "markdown":
            items.extend(_markdown(cell.source))
        elif cell.cell_type == "code":
            items.extend(_outputs(cell.get("outputs", [])))
    return items
