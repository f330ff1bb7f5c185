"""Compare a report folder's documents with a baseline's: the HTML's visible text, the Word
draft's text and tabeller.xlsx's values (issue 24's check that the document model changed
nothing a reader sees, except the goal summaries).

    python bench/compare_outputs.py /work/baseline/2019-T2 /tmp/out/2019-T2

Prints a unified diff per document (lines that differ only in whitespace are equal) and
returns 1 when anything besides the goal summaries differs.
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

# What the goal summaries add (text, and their sheet in tabeller.xlsx).
GOAL_SUMMARY = re.compile(r"^(Målet som helhet|Målet är uppfyllt när)")
# The footer's date and time of the run; the Word cover's date.
VOLATILE = re.compile(r"togs fram den .* kl\. \d\d\.\d\d|^Datum: .*")


def _lines(texts) -> list[str]:
    out = []
    for text in texts:
        for line in str(text).splitlines():
            line = " ".join(line.replace("\u00a0", " ").split())
            if line and not GOAL_SUMMARY.match(line):
                out.append(VOLATILE.sub("<tid>", line))
    return out


def html_text(path: Path) -> list[str]:
    """The visible text of a page: every text node outside script and style, one per line."""
    import lxml.html

    root = lxml.html.parse(str(path)).getroot()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    return _lines(root.xpath("//body//text()"))


def docx_text(path: Path) -> list[str]:
    """The paragraphs and table cells of the Word draft in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    texts = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts += ["| " + " | ".join(c.text for c in row.cells) for row in block.rows]
    return _lines(texts)


def xlsx_values(path: Path) -> list[str]:
    """Every sheet's values row by row (sheet names without their number; the goal summaries'
    sheets and index rows left out)."""
    import openpyxl

    wb = openpyxl.load_workbook(str(path))
    out = []
    for ws in wb.worksheets:
        rows = [[c for c in row] for row in ws.iter_rows(values_only=True)]
        if (
            ws.title != "Innehåll"
            and ws.oddHeader.center.text
            and ws.oddHeader.center.text.startswith("Målet som helhet")
        ):
            continue
        out.append(f"## {re.sub(r'^[0-9]+ ', '', ws.title)}")
        for row in rows:
            if ws.title == "Innehåll" and len(row) > 1 and str(row[1] or "").startswith("Målet som helhet"):
                continue
            if ws.title == "Innehåll":
                row = [re.sub(r"^[0-9]+ ", "", str(row[0] or "")), *row[1:]]
            out.append(" | ".join("" if v is None else repr(v) for v in row))
    return out


def compare(before: Path, after: Path) -> int:
    """Print the differences of each document; return how many lines differ."""
    changed = 0
    documents = [(p.name, html_text) for p in sorted(before.glob("*.html"))]
    documents += [(p.name, docx_text) for p in sorted(before.glob("*.docx"))]
    documents += [("tabeller.xlsx", xlsx_values)]
    for name, read in documents:
        if not (after / name).exists():
            print(f"{name}: saknas i {after}")
            changed += 1
            continue
        diff = list(difflib.unified_diff(read(before / name), read(after / name), name, name, n=0, lineterm=""))
        lines = [d for d in diff if d[:1] in "+-" and not d.startswith(("+++", "---"))]
        changed += len(lines)
        print(f"{name}: {'lika' if not lines else f'{len(lines)} rader skiljer'}")
        for line in diff[2:]:
            print("   ", line[:220])
    return changed


if __name__ == "__main__":
    sys.exit(1 if compare(Path(sys.argv[1]), Path(sys.argv[2])) else 0)
