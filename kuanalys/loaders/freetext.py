"""Free text (every text column of every workbook, installningar.xlsx included) checked for
personal data.

Comments, activity texts, names and the cover are published in every page and notebook of the
report, so an e-mail address, a phone number, a personnummer or samordningsnummer (in any common
form, confirmed by its check digit) typed into one would reach every reader. Each
is a warning naming the cell; `kuanalys validate --strikt` (read_all(strict=True)) makes them
errors, so nothing is written or reported until the text is changed.

Names: a name is searched for only when the inputs themselves hold it, as a full name (two words
or more) in a name column (Namn, Förnamn + Efternamn …) that is otherwise never read
(`common.person_names`). Any other name cannot be told from other words reliably and is not
searched for (README, Felsökning); the message never repeats the name.
"""

from __future__ import annotations

import calendar
import re

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.loaders.common import PERSON_COLUMN, where_of
from kuanalys.parsing import is_blank
from kuanalys.spec import Sheet

PATTERNS: dict[str, re.Pattern] = {
    "en e-postadress": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "ett telefonnummer": re.compile(r"(?<![\d\w])(?:\+46|0046|0)[\s-]?\d{1,3}(?:[\s-]?\d){5,8}(?!\d)"),
}
# A personnummer or samordningsnummer as people write it: 10 or 12 digits, with or without - or +
# before the last four. It counts only when the date and the check digit agree (`id_number_kind`).
ID_NUMBER = re.compile(r"(?<![\d\w])(\d{8}|\d{6})[-+]?(\d{4})(?!\d)")


def luhn_ok(digits: str) -> bool:
    """Return whether the last digit of `digits` is the Luhn check digit of the others (the check
    digit of a personnummer, computed on its last ten digits).

    >>> luhn_ok("8112189876"), luhn_ok("8112189875")
    (True, False)
    """
    total = 0
    for i, d in enumerate(int(c) for c in digits[::-1]):
        total += d if i % 2 == 0 else (2 * d if d < 5 else 2 * d - 9)
    return total % 10 == 0


def id_number_kind(text: str) -> str | None:
    """Return "ett personnummer" or "ett samordningsnummer" when `text` holds one (`ID_NUMBER`,
    a real month and day, the day plus 60 for a samordningsnummer, and the check digit), or None.

    >>> id_number_kind("pnr 19811218-9876"), id_number_kind("701063-2391"), id_number_kind("1 811 218 kr")
    ('ett personnummer', 'ett samordningsnummer', None)
    """
    for m in ID_NUMBER.finditer(text):
        date, last = m.group(1), m.group(2)
        if len(date) == 8 and not date.startswith(("19", "20")):
            continue
        ten = date[-6:] + last
        month, day = int(ten[2:4]), int(ten[4:6])
        coordination = day > 60
        if coordination:
            day -= 60
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1] and luhn_ok(ten):
            return "ett samordningsnummer" if coordination else "ett personnummer"
    return None


# Text columns that never leave the loaders, so nothing in them is published.
NEVER_PUBLISHED = frozenset({"respondent"})


def free_text_columns(sheet: Sheet) -> dict[str, str]:
    """Return the free-text columns of a spec sheet (every column of type text that can be
    published): key → header."""
    return {c.key: c.header for c in sheet.columns if c.type == "text" and c.key not in NEVER_PUBLISHED}


def person_names(frames: list[pd.DataFrame]) -> list[str]:
    """Return the distinct full names that the parsed frames' name columns hold (`PERSON_COLUMN`)."""
    found = {
        str(n)
        for frame in frames
        if frame is not None and PERSON_COLUMN in frame
        for n in frame[PERSON_COLUMN].tolist()
        if not is_blank(n)
    }
    return sorted(found)


def name_pattern(names: list[str]) -> re.Pattern | None:
    """Return one pattern matching any of the full names as whole words, case and spacing aside."""
    if not names:
        return None
    parts = [r"\s+".join(re.escape(w) for w in name.split()) for name in sorted(names, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def personal_data_problems(
    frame: pd.DataFrame, sheet: Sheet, strict: bool = False, names: re.Pattern | None = None
) -> list[Problem]:
    """Return a warning (an error when `strict`) for each free-text cell of `frame` (a parsed
    frame with source columns of `sheet`) that holds an e-mail address, a personnummer or
    samordningsnummer, a phone number or one of the full names that `names` (from `name_pattern`)
    matches."""
    problems: list[Problem] = []
    if frame is None or frame.empty:
        return problems
    patterns = {**PATTERNS, **({"ett namn som står i en namnkolumn i indata": names} if names else {})}
    for key, header in free_text_columns(sheet).items():
        if key not in frame:
            continue
        for i, value in enumerate(frame[key].tolist()):
            if is_blank(value):
                continue
            text = str(value)
            found = [what for what, pattern in patterns.items() if pattern.search(text)]
            found += [kind] if (kind := id_number_kind(text)) else []
            if found:
                problems.append(
                    Problem(
                        **where_of(frame, i, header),
                        message=f"Texten innehåller {' och '.join(found)}, som skulle publiceras i rapporten. "
                        "Ta bort personuppgifterna ur texten.",
                        severity="fel" if strict else "varning",
                    )
                )
    return problems
