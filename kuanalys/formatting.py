"""Swedish number formatting for everything people read: kronor, tkr, percentages, decimals.

Babel (locale ``sv_SE``) does the grouping and the decimal comma. On top of Babel this module
fixes three things, so every table and sentence looks the same:

* **Spaces.** Digit groups and the space before ``%`` and ``kr`` are U+00A0 NO-BREAK SPACE
  (``NBSP``), so a figure never breaks over two lines in HTML and stays one token in text.
* **Rounding.** Half away from zero (``0,785`` → ``79 %``, ``2,5`` → ``3``), as people round by
  hand and as Excel does. Babel alone rounds half to even. Floats are read through their
  shortest ``repr``, so ``2.675`` counts as 2,675 and not as 2,67499999….
* **Negatives.** Written with U+2212 MINUS SIGN (``MINUS``), the minus of Swedish typography and
  CLDR, not Babel's ASCII hyphen-minus: ``format_kr(-228291)`` → ``−228 291 kr``. Pass
  ``minus="-"`` to get the ASCII hyphen (for example in CSV meant for other programs).
* **Missing values.** ``None``, ``NaN``, ``pd.NA`` and ``NaT`` are written as ``NA_TEXT``, an
  en dash ``–`` (as an empty cell is marked in the published tables). Pass ``na=`` to override.

Excel gets plain numbers, never these strings: the report code writes the number and sets one
of the ``EXCEL_*`` number formats below. Excel stores number formats in its invariant syntax
(``,`` groups, ``.`` decimals) and shows them with the reader's locale, so a Swedish Excel shows
``#,##0 "kr"`` as ``1 563 970 kr``. (A literal space in a format such as ``# ##0`` is *not* a
thousands separator in Excel; it is printed as is at a fixed digit position.)

Examples:
    >>> format_kr(1563970) == "1\\u00a0563\\u00a0970\\u00a0kr"
    True
    >>> format_percent(0.79).replace(NBSP, " ")
    '79 %'
    >>> format_percent(0.0085, decimals=1).replace(NBSP, " ")
    '0,9 %'
    >>> format_decimal(51.2, 2)
    '51,20'
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from numbers import Number

import pandas as pd
from babel.numbers import format_decimal as _babel_decimal

LOCALE = "sv_SE"
NBSP = "\u00a0"
MINUS = "\u2212"
# Placeholder for a missing value (en dash), as blank cells are marked in the published tables.
NA_TEXT = "–"

# Excel number formats (invariant syntax; Excel shows them with the reader's separators).
EXCEL_KR = '#,##0 "kr"'
EXCEL_TKR = '#,##0, "tkr"'  # the trailing comma scales by 1 000: 1563970 shows as 1 564 tkr
EXCEL_PERCENT = "0 %"  # value is a fraction: 0.79 shows as 79 %
EXCEL_PERCENT_1 = "0.0 %"  # 0.0085 shows as 0,9 %
EXCEL_DECIMAL_2 = "#,##0.00"  # 51.2 shows as 51,20
EXCEL_DECIMAL_1 = "#,##0.0"
EXCEL_COUNT = "#,##0"
EXCEL_DATE = "yyyy-mm-dd"


def is_missing(value: object) -> bool:
    """Return True for None, NaN, pd.NA and NaT (the values written as ``NA_TEXT``)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _to_decimal(value: Number | Decimal | str) -> Decimal:
    if hasattr(value, "item") and not isinstance(value, (str, bytes, Decimal)):
        value = value.item()  # numpy scalars (np.float64 reprs as "np.float64(…)")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        if math.isinf(value):
            raise ValueError("Oändliga tal kan inte formateras.")
        return Decimal(repr(value))
    return Decimal(str(value))


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _pattern(decimals: int, suffix: str = "") -> str:
    frac = "." + "0" * decimals if decimals > 0 else ""
    return f"#,##0{frac}{suffix}"


def _finish(text: str, minus: str) -> str:
    # Babel already uses U+00A0 for sv_SE grouping; normalise any other space just in case.
    text = text.replace("\u202f", NBSP).replace(" ", NBSP)
    if text.startswith("-"):
        text = minus + text[1:]
    return text


def format_decimal(value: object, decimals: int = 0, *, na: str = NA_TEXT, minus: str = MINUS) -> str:
    """Format a number with Swedish grouping and decimal comma and a fixed number of decimals.

    Args:
        value: the number (int, float, Decimal, numpy number); missing values give ``na``.
        decimals: digits after the decimal comma (rounded half away from zero).
        na: text for a missing value.
        minus: the minus sign for negatives (default U+2212).

    Returns:
        The formatted number, e.g. ``format_decimal(51.2, 2)`` → ``'51,20'`` and
        ``format_decimal(1563970)`` → ``'1 563 970'`` (no-break spaces).
    """
    if is_missing(value):
        return na
    d = _round(_to_decimal(value), decimals)
    if d == 0:
        d = abs(d)  # never "−0"
    return _finish(_babel_decimal(d, _pattern(decimals), locale=LOCALE, decimal_quantization=True), minus)


def format_count(value: object, unit: str | None = None, *, na: str = NA_TEXT, minus: str = MINUS) -> str:
    """Format a count as a whole number, optionally followed by a unit.

    Args:
        value: the count; missing values give ``na``.
        unit: optional unit written after a no-break space ("st", "deltagare").
        na: text for a missing value.
        minus: the minus sign for negatives.

    Returns:
        ``format_count(2726)`` → ``'2 726'``; ``format_count(9, "st")`` → ``'9 st'``.
    """
    if is_missing(value):
        return na
    text = format_decimal(value, 0, na=na, minus=minus)
    return f"{text}{NBSP}{unit}" if unit else text


def format_plain(value: object) -> str:
    """Format a whole number for plain-text messages: ordinary spaces and an ASCII minus,
    ``format_plain(1563970)`` → ``'1 563 970'``."""
    return format_count(value, minus="-").replace(NBSP, " ")


def format_message_number(value: object, unit: str | None = None) -> str:
    """Format a number for a plain-text message (validation problems): as many decimals as it has
    (at most four), decimal comma, ordinary spaces between digit groups of numbers of five digits
    or more (``2024`` stays ``2024``), ASCII minus. ``unit="%"`` shows a share as a percentage.

    ``format_message_number(1.84, "%")`` → ``'184 %'``; ``format_message_number(np.float64(-0.5))``
    → ``'-0,5'``; ``format_message_number(455000)`` → ``'455 000'``.
    """
    if is_missing(value):
        return NA_TEXT
    d = _to_decimal(value) * (100 if unit == "%" else 1)
    decimals = min(4, max(0, -d.normalize().as_tuple().exponent))
    text = format_decimal(d, decimals, minus="-").replace(NBSP, " ")
    if abs(d) < 10000:
        text = text.replace(" ", "")
    return f"{text} %" if unit == "%" else text


def format_kr(value: object, *, decimals: int = 0, na: str = NA_TEXT, minus: str = MINUS) -> str:
    """Format kronor: whole kronor by default, grouped, with the unit ``kr``.

    Args:
        value: amount in kronor; missing values give ``na``.
        decimals: öre digits (0 = whole kronor, the reports' convention).
        na: text for a missing value.
        minus: the minus sign for negatives.

    Returns:
        ``format_kr(1563970)`` → ``'1 563 970 kr'``; ``format_kr(-228291)`` → ``'−228 291 kr'``.
    """
    if is_missing(value):
        return na
    return f"{format_decimal(value, decimals, na=na, minus=minus)}{NBSP}kr"


def format_tkr(value: object, *, unit: bool = True, decimals: int = 0, na: str = NA_TEXT, minus: str = MINUS) -> str:
    """Format an amount given in kronor as thousands of kronor (tkr).

    Args:
        value: amount in **kronor** (it is divided by 1 000 here).
        unit: append `` tkr`` (False for tables whose header says "Tkr").
        decimals: digits after the comma.
        na: text for a missing value.
        minus: the minus sign for negatives.

    Returns:
        ``format_tkr(1563970)`` → ``'1 564 tkr'``; ``format_tkr(-18700000, unit=False)`` → ``'−18 700'``.
    """
    if is_missing(value):
        return na
    text = format_decimal(_to_decimal(value) / 1000, decimals, na=na, minus=minus)
    return f"{text}{NBSP}tkr" if unit else text


def format_percent(value: object, decimals: int = 0, *, na: str = NA_TEXT, minus: str = MINUS) -> str:
    """Format a share (a fraction, 0.79) as a Swedish percentage.

    Args:
        value: the share as a fraction of 1; missing values give ``na``.
        decimals: digits after the decimal comma.
        na: text for a missing value.
        minus: the minus sign for negatives.

    Returns:
        ``format_percent(0.79)`` → ``'79 %'``; ``format_percent(0.0085, decimals=1)`` → ``'0,9 %'``; a known
        zero is ``'0 %'`` at any number of decimals (never ``'0,0 %'``).
    """
    if is_missing(value):
        return na
    if _to_decimal(value) == 0:
        decimals = 0
    return f"{format_decimal(_to_decimal(value) * 100, decimals, na=na, minus=minus)}{NBSP}%"


def format_percentage_points(
    value: object, decimals: int = 0, *, signed: bool = True, na: str = NA_TEXT, minus: str = MINUS
) -> str:
    """Format a difference of two shares (fractions) in procentenheter.

    Args:
        value: the difference as a fraction (0.09 = 9 procentenheter).
        decimals: digits after the decimal comma.
        signed: write ``+`` before positive values.
        na: text for a missing value.
        minus: the minus sign for negatives.

    Returns:
        ``format_percentage_points(0.09)`` → ``'+9 procentenheter'``.
    """
    if is_missing(value):
        return na
    text = format_decimal(_to_decimal(value) * 100, decimals, na=na, minus=minus)
    if signed and not text.startswith(minus) and _round(_to_decimal(value) * 100, decimals) != 0:
        text = "+" + text
    return f"{text}{NBSP}procentenheter"


def same_at_display(a: float, b: float, unit: str | None) -> bool:
    """Return True when two values print the same in their unit (whole %, whole kr, whole numbers).

    Args:
        a: one value; for ``%`` a fraction of 1.
        b: the other value.
        unit: "%", "kr", "st" or None.

    Returns:
        True when ``format_value(a, unit) == format_value(b, unit)``: 0,834 and 0,826 are both
        "83 %", so the trend arrow says → and the result text says "oförändrat".
    """
    return format_value(a, unit) == format_value(b, unit)


def format_value(value: object, unit: str | None, *, decimals: int | None = None, na: str = NA_TEXT) -> str:
    """Format a value in an indicator unit: ``%`` (a fraction), ``kr`` or ``st``.

    Args:
        value: the value; for ``%`` a fraction of 1.
        unit: "%", "kr", "st" or None (plain number).
        decimals: digits after the comma (default 0).
        na: text for a missing value.

    Returns:
        ``format_value(0.67, "%")`` → ``'67 %'``, ``format_value(250000, "kr")`` → ``'250 000 kr'``,
        ``format_value(78, "st")`` → ``'78'`` (counts are written without unit, as in the reports).
    """
    d = decimals or 0
    if unit == "%":
        return format_percent(value, d, na=na)
    if unit == "kr":
        return format_kr(value, decimals=d, na=na)
    return format_decimal(value, d, na=na)


_COUNT_WORDS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")


def format_out_of(value: object, of: object) -> str:
    """Return a count of a whole as plan 001's 1.2 reads it: ``format_out_of(2, 4)`` → ``'2 av 4'``."""
    return f"{format_count(value)} av {format_count(of)}"


def format_count_words(value: object, *, neuter: bool = False) -> str:
    """Return a count as running text writes it: "två", "tolv", "ett" (neuter), and 13 on as digits ("13", "1 563").

    Examples:
        >>> format_count_words(2), format_count_words(1, neuter=True), format_count_words(14)
        ('två', 'ett', '14')
    """
    if is_missing(value):
        return NA_TEXT
    n = round(float(value))
    if float(value) != n or not 0 <= n < len(_COUNT_WORDS):
        return format_count(value)
    return "ett" if n == 1 and neuter else _COUNT_WORDS[n]
