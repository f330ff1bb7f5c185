"""Parsers for the values people type into Swedish spreadsheets.

Each parser takes one raw cell value (as the Excel reader gives it: str, int, float, bool,
datetime, or blank) and returns a clean value, or raises `ParseError` whose `reason` is a
short Swedish sentence. Loaders turn that reason into a `Problem` naming file, sheet, row
and column.

Examples:
    >>> parse_kronor("1 563 970 kr")
    1563970
    >>> parse_number("−124")
    -124
    >>> parse_percent("79 %")
    0.79
    >>> parse_date("14 maj 2019")
    Timestamp('2019-05-14 00:00:00')
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import numbers
import re
import unicodedata
from functools import lru_cache

import pandas as pd

from kuanalys.formatting import format_message_number
from kuanalys.spec import MATRIX_ABSENT, MATRIX_PRESENT, header_key

_MIDNIGHT = dt.time()  # a datetime at midnight needs no normalising
# Excel's day zero for serial dates (the 1900 system, with Lotus' leap-year bug folded in).
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Serial numbers accepted as dates: 1 January 1990 to 31 December 2099.
_SERIAL_MIN, _SERIAL_MAX = 32874, 73415
# Dates outside this window are implausible for Kommunal utveckling's data.
EARLIEST_DATE = pd.Timestamp("2000-01-01")
LATEST_YEARS_AHEAD = 2

SWEDISH_MONTHS = {
    "jan": 1,
    "januari": 1,
    "feb": 2,
    "febr": 2,
    "februari": 2,
    "mar": 3,
    "mars": 3,
    "apr": 4,
    "april": 4,
    "maj": 5,
    "jun": 6,
    "juni": 6,
    "jul": 7,
    "juli": 7,
    "aug": 8,
    "augusti": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oktober": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}

_SPACES = "\u00a0\u202f\u2009\u2007\u200a\u2002\u2003 \t"
# What a blank text cell may hold: `text.strip(BLANK_CHARS)` is "" exactly when `is_blank(text)`.
BLANK_CHARS = _SPACES + "\n\r"
_MINUSES = "\u2212\u2013\u2012\u2014\ufe63\uff0d"


class ParseError(ValueError):
    """A cell value that cannot be parsed. `reason` is a Swedish sentence for the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def is_blank(value: object) -> bool:
    """Return True for an empty cell: None, NaN, NaT, pd.NA or a string of only spaces."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return value.strip(BLANK_CHARS) == ""
    return False


def clean_text(value: object) -> str:
    """Return text NFC-normalised, with no-break spaces as spaces, single-spaced and trimmed."""
    s = unicodedata.normalize("NFC", str(value))
    for ch in _SPACES:
        s = s.replace(ch, " ")
    return re.sub(r"\s+", " ", s).strip()


def _is_real_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _as_int_if_integral(x: float) -> int | float:
    return int(round(x)) if abs(x - round(x)) < 1e-9 else x


# More significant digits than this are no amount or count kuanalys reads (a 20-digit number
# is an id or a pasted account number).
MAX_DIGITS = 15


def _one_decimal_sign(s: str) -> str:
    """Apply the separator rule to a number written without spaces; see `parse_number`."""
    if re.fullmatch(r"\d{1,3}(\.\d{3}){2,}(,\d+)?", s):  # 1.563.970 or 1.563.970,50: dots group thousands
        return s.replace(".", "")
    if re.fullmatch(r"\d{1,3}\.\d{3},\d+", s):  # 1.563,50
        return s.replace(".", "")
    if re.fullmatch(r"[1-9]\d{0,2}[.,]\d{3}", s):  # 1.500 or 1,500: thousands or decimals?
        sep = s[-4]
        whole, part = s.split(sep)
        raise ParseError(
            f"Oklart om {s} betyder {whole} {part} eller {whole},{part.rstrip('0') or '0'}: skriv tusental med "
            f"mellanslag ({whole} {part}) och decimaler med komma ({whole},{part.rstrip('0') or '0'})."
        )
    return s


def parse_number(value: object) -> int | float:
    """Return a number from a cell: Excel numbers as they are, Swedish text like
    '1 563 970 kr', '0,7', '-124' or '−124' (Unicode minus). Integral values come back as int.

    The rule for text (README, Felsökning): spaces group thousands (1 500) and a comma is the
    decimal sign (1500,50). A dot is read only where it cannot be misread: dots that group
    thousands at least twice (1.563.970, also 1.563,50) and a decimal dot followed by other than
    three digits (0.7, 12.25). One separator followed by exactly three digits after a non-zero
    whole part (1.500, 1,500) is ambiguous, thousands in one habit and decimals in another, and
    is refused rather than guessed. More than `MAX_DIGITS` digits are refused.
    """
    if is_blank(value):
        raise ParseError("Värde saknas.")
    if isinstance(value, bool):
        raise ParseError("Väntade ett tal, fick ett sanningsvärde.")
    if _is_real_number(value):
        x = float(value)
        if math.isnan(x) or math.isinf(x):
            raise ParseError("Väntade ett tal.")
        if abs(x) >= 10**MAX_DIGITS:
            raise ParseError(
                f"Talet har fler än {MAX_DIGITS} siffror och är inget rimligt värde (kanske ett id eller "
                "personnummer i fel kolumn)."
            )
        return _as_int_if_integral(x)
    if not isinstance(value, str):
        raise ParseError("Väntade ett tal.")
    s = unicodedata.normalize("NFC", value).strip(BLANK_CHARS)
    for ch in _MINUSES:
        s = s.replace(ch, "-")
    s = re.sub(r"(?i)(kr|sek|kronor|st)\.?$", "", s.strip(_SPACES)).strip(_SPACES)
    s = s.removesuffix(":-").strip(_SPACES)
    for ch in _SPACES:
        s = s.replace(ch, "")
    neg = False
    if s.startswith("(") and s.endswith(")"):  # accounting style (124)
        neg, s = True, s[1:-1]
    if s[:1] and s[:1] in "+-":
        neg, s = (neg != (s[0] == "-")), s[1:]
    s = _one_decimal_sign(s)
    if not re.fullmatch(r"\d+([.,]\d+)?|[.,]\d+", s):
        raise ParseError("Väntade ett tal, t.ex. 1 563 970 eller 0,7.")
    if len(s.replace(",", "").replace(".", "").lstrip("0")) > MAX_DIGITS:
        raise ParseError(
            f"Talet har fler än {MAX_DIGITS} siffror och är inget rimligt värde (kanske ett id eller "
            "personnummer i fel kolumn)."
        )
    x = float(s.replace(",", "."))
    return _as_int_if_integral(-x if neg else x)


def parse_kronor(value: object, allow_negative: bool = False) -> int:
    """Return whole kronor as int; reject fractions of a krona (and negatives unless allowed)."""
    x = parse_number(value)
    if isinstance(x, float):
        raise ParseError("Beloppet måste vara hela kronor (utan ören).")
    if x < 0 and not allow_negative:
        raise ParseError("Beloppet får inte vara negativt.")
    return x


def parse_integer(value: object, minimum: int | None = 0) -> int:
    """Return a whole number (a count, a seat); reject fractions and values below `minimum`."""
    x = parse_number(value)
    if isinstance(x, float):
        raise ParseError("Väntade ett heltal.")
    if minimum is not None and x < minimum:
        raise ParseError(f"Talet får inte vara mindre än {minimum}.")
    return x


def parse_decimal(value: object) -> float:
    """Return a non-negative decimal number ('51,20' → 51.2), e.g. årsarbetare."""
    x = parse_number(value)
    if x < 0:
        raise ParseError("Talet får inte vara negativt.")
    return float(x)


def parse_percent(value: object) -> float:
    """Return a share: '79 %' → 0.79, Excel's 0.79 → 0.79, '0,79' → 0.79.

    A number without a % sign must be a share (at most 1); '80' is ambiguous and rejected.
    """
    if isinstance(value, str) and "%" in value:
        x = parse_number(value.replace("%", ""))
        return round(x / 100, 12)
    x = parse_number(value)
    if abs(x) > 1:
        n = format_message_number(x)
        raise ParseError(f"Oklart om {n} betyder {n} %; skriv t.ex. '{n} %' eller en andel som 0,8.")
    return float(x)


def parse_year(value: object) -> int:
    """Return a year between 2000 and 2100."""
    try:
        year = parse_integer(value)
    except ParseError as exc:
        raise ParseError("Väntade ett år, t.ex. 2019.") from exc
    if not 2000 <= year <= 2100:
        raise ParseError("Orimligt år; väntade t.ex. 2019.")
    return year


def parse_tertial(value: object) -> int:
    """Return a tertial number 1–3 from 2, '2', 'T2' or 'tertial 2'."""
    if isinstance(value, str):
        m = re.fullmatch(r"(?:t|tertial)?\s*([123])", clean_text(value).casefold())
        if m:
            return int(m.group(1))
        raise ParseError("Tertial ska vara 1, 2 eller 3.")
    try:
        t = parse_integer(value)
    except ParseError as exc:
        raise ParseError("Tertial ska vara 1, 2 eller 3.") from exc
    if t not in (1, 2, 3):
        raise ParseError("Tertial ska vara 1, 2 eller 3.")
    return t


def _make_date(year: int, month: int, day: int) -> pd.Timestamp:
    try:
        return pd.Timestamp(dt.date(year, month, day))
    except ValueError as exc:
        raise ParseError("Datumet finns inte i kalendern.") from exc


def _date_from_text(s: str) -> pd.Timestamp:
    s = clean_text(s).casefold()
    s = re.sub(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", s).strip()  # drop a time of day
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s) or re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", s):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})", s):
        return _make_date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{1,2})\s*\.?\s*([a-zåäö]+)\.?\s+(\d{4})", s):
        month = SWEDISH_MONTHS.get(m[2])
        if month is None:
            raise ParseError(f"Okänt månadsnamn '{m[2]}'.")
        return _make_date(int(m[3]), month, int(m[1]))
    if re.fullmatch(r"\d{5}(\.\d+)?", s):
        return _date_from_serial(float(s))
    raise ParseError("Väntade ett datum, t.ex. 2019-05-14, 14/5 2019 eller 14 maj 2019.")


def _date_from_serial(x: float) -> pd.Timestamp:
    if not _SERIAL_MIN <= x <= _SERIAL_MAX:
        raise ParseError("Väntade ett datum, fick ett tal.")
    return (EXCEL_EPOCH + pd.Timedelta(days=int(x))).normalize()


def parse_date(value: object) -> pd.Timestamp:
    """Return a date (midnight Timestamp) from an Excel date, an Excel serial number, or Swedish
    text: 2019-05-14, 2019-05-14 00:00, 14/5 2019, 14/5/2019, 14.5.2019, 14 maj 2019, 20190514.
    """
    if is_blank(value):
        raise ParseError("Datum saknas.")
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).normalize() if value.tzinfo else value.normalize()
    if isinstance(value, dt.datetime):
        stamp = pd.Timestamp(value.replace(tzinfo=None) if value.tzinfo else value)
        return stamp if value.time() == _MIDNIGHT else stamp.normalize()
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    if isinstance(value, dt.time):
        raise ParseError("Väntade ett datum, fick ett klockslag.")
    if _is_real_number(value):
        x = float(value)
        if 19000101 <= x <= 21001231 and x == int(x):
            return _date_from_text(str(int(x)))
        return _date_from_serial(x)
    if isinstance(value, str):
        return _date_from_text(value)
    raise ParseError("Väntade ett datum.")


def current_date() -> dt.date:
    """Return today's date: the one place the checks of years and dates read the clock (cell
    dates here, År and date columns in loaders/years.py); a test replaces this function."""
    return dt.date.today()


def check_plausible_date(date: pd.Timestamp, today: pd.Timestamp | dt.date | None = None) -> pd.Timestamp:
    """Return `date` if it lies between 2000-01-01 and two years after today, else raise."""
    latest = _latest_date(current_date() if today is None else today)
    if date < EARLIEST_DATE or date > latest:
        raise ParseError(
            f"Orimligt datum {date:%Y-%m-%d}: det ska ligga mellan {EARLIEST_DATE:%Y-%m-%d} och {latest:%Y-%m-%d}."
        )
    return date


@lru_cache(maxsize=16)
def _latest_date(today: dt.date | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(today) + pd.DateOffset(years=LATEST_YEARS_AHEAD)  # a date is its midnight


_TRUE = set(MATRIX_PRESENT) | {"yes", "y", "ok"}
_FALSE = set(MATRIX_ABSENT) | {"no"}


def parse_bool(value: object) -> bool:
    """Return True for x/1/Ja/J/Sant, False for blank/0/Nej/N/Falskt."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    if _is_real_number(value):
        if value in (0, 1):
            return bool(value)
        raise ParseError("Väntade Ja eller Nej (x/1/Ja eller tomt/0/Nej).")
    key = clean_text(value).casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ParseError("Väntade Ja eller Nej (x/1/Ja eller tomt/0/Nej).")


def parse_choice(value: object, choices: tuple[str, ...] | list[str]) -> str:
    """Return the allowed choice that `value` names, tolerant of case and spacing."""
    if is_blank(value):
        raise ParseError("Värde saknas.")
    key = header_key(clean_text(value))
    by_key = _choice_keys(tuple(choices))
    if key in by_key:
        return by_key[key]
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.6)
    hint = f" Menade du '{by_key[close[0]]}'?" if close else ""
    raise ParseError(f"Okänt värde. Tillåtna värden: {', '.join(choices)}.{hint}")


@lru_cache(maxsize=64)
def _choice_keys(choices: tuple[str, ...]) -> dict[str, str]:
    return {header_key(c): c for c in choices}


def parse_text(value: object) -> str:
    """Return trimmed text; whole numbers typed as numbers come back without '.0'."""
    if is_blank(value):
        raise ParseError("Värde saknas.")
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if _is_real_number(value):
        x = _as_int_if_integral(float(value))
        return str(x)
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{pd.Timestamp(value):%Y-%m-%d}"
    return clean_text(value)
