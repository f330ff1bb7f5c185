"""Column formats shared by the HTML tables and tabeller.xlsx.

A table declares each column's kind ("kr", "procent", …). The HTML shows the value in Swedish
through `kuanalys.formatting` (`1 563 970 kr`, `79 %`, `0,7`); the Excel sheet keeps the real
number and gets the matching number format, so the development chief can paste it into Word or
compute with it.

Examples:
    >>> display_value(1563970, "kr") == "1\\u00a0563\\u00a0970\\u00a0kr"
    True
    >>> display_value(0.791, "procent1").replace("\\u00a0", " ")
    '79,1 %'
    >>> display_value(None, "kr")
    '–'
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd

from kuanalys import formatting as f

# Excel number formats per kind (formatting.py's invariant codes; Excel shows them in Swedish).
EXCEL_FORMATS: dict[str, str] = {
    "text": "@",
    "heltal": f.EXCEL_COUNT,
    "kr": f.EXCEL_KR,
    "tkr": f.EXCEL_TKR,
    "procent": f.EXCEL_PERCENT,
    "procent1": f.EXCEL_PERCENT_1,
    "decimal1": f.EXCEL_DECIMAL_1,
    "decimal2": "#,##0.00",
    "datum": f.EXCEL_DATE,
}
KINDS = tuple(EXCEL_FORMATS)
# The kind of a mätetal's values by its unit (matetal.xlsx, Enhet); other units: decimal1.
UNIT_KINDS = {"%": "procent", "kr": "kr", "st": "heltal"}
MISSING = f.NA_TEXT
# A mätetal table's Målvärde cell when there is no target: "–" there would read as "inget resultat".
NO_TARGET = "inget"


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT and pandas' NA."""
    return f.is_missing(value)


def plain(value: object) -> object:
    """Return numpy scalars as Python numbers, so table cells and key figures hold plain values."""
    return (
        value.item()
        if hasattr(value, "item") and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 1) == 0
        else value
    )


def display_value(value: object, kind: str = "text") -> str:
    """Return the Swedish text of one cell (not yet HTML-escaped)."""
    value = plain(value)
    if is_missing(value):
        return MISSING
    if kind == "text":
        return str(value)
    if kind == "datum":
        if isinstance(value, (datetime, date, pd.Timestamp)):
            return pd.Timestamp(value).strftime("%Y-%m-%d")
        return str(value)
    if kind == "kr":
        return f.format_kr(value)
    if kind == "tkr":
        return f.format_tkr(value)
    if kind == "procent":
        return f.format_percent(value)
    if kind == "procent1":
        return f.format_percent(value, 1)
    if kind == "decimal1":
        return f.format_decimal(value, 1)
    if kind == "decimal2":
        return f.format_decimal(value, 2)
    if kind == "heltal":
        return f.format_count(value)
    raise ValueError(f"Okänt kolumnformat {kind!r}; välj bland {', '.join(KINDS)}.")


def excel_value(value: object, kind: str = "text") -> object:
    """Return what to store in an Excel cell for a column kind: numbers stay numbers.

    Shares stay fractions (0,79 with format `0 %`); tkr stay kronor (the format scales them).
    """
    if is_missing(value):
        return None
    if kind in ("kr", "tkr", "heltal", "decimal1", "decimal2", "procent", "procent1"):
        number = float(value)  # type: ignore[arg-type]
        return int(number) if number.is_integer() and kind in ("kr", "tkr", "heltal") else number
    if kind == "datum":
        return pd.Timestamp(value).to_pydatetime()  # type: ignore[arg-type]
    if hasattr(value, "item"):  # numpy scalars
        return value.item()  # type: ignore[union-attr]
    return value if isinstance(value, (int, float, bool)) else str(value)


def is_numeric_kind(kind: str) -> bool:
    """True for kinds whose cells are numbers (right-aligned in HTML, numeric in Excel)."""
    return kind not in ("text", "datum")


def longest_word(texts: list[str]) -> int:
    """Return the length of the longest word in `texts` (split at spaces and line breaks; a
    number with its unit, joined by no-break spaces, is one word)."""
    return max((len(w) for t in texts for w in re.split(r"[ \t\r\n]+", t)), default=1)


def content_widths(lengths: list[float], floors: list[float], total: float) -> list[float]:
    """Return column widths that add up to `total`: each column in proportion to the typical
    length of its cells (`lengths`), but never below its floor (`floors`, the room its longest
    word needs); a column held at its floor leaves the rest to the others. If the floors alone
    exceed `total`, they are scaled down together.

    >>> content_widths([10, 10, 280], [2, 2, 3], 16)
    [2.0, 2.0, 12.0]
    """
    if sum(floors) >= total or not sum(lengths):
        return [round(f * total / sum(floors), 2) for f in floors]
    held: set[int] = set()
    while True:
        left = total - sum(floors[j] for j in held)
        free = sum(lengths[j] for j in range(len(lengths)) if j not in held)
        widths = [floors[j] if j in held else left * lengths[j] / free for j in range(len(lengths))]
        below = {j for j, w in enumerate(widths) if j not in held and w < floors[j]}
        if not below:
            return [round(float(w), 2) for w in widths]
        held |= below
