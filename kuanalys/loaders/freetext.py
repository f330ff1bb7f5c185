"""Free text (comments, course titles, project names) checked for personal data.

Comments and activity texts are published in every page and notebook of the report, so an
e-mail address, a phone number or a personnummer typed into one would reach every reader. Each
is a warning naming the cell; `kuanalys validate --strikt` (read_all(strict=True)) makes them
errors, so nothing is written or reported until the text is changed.

Names: a name is searched for only when the inputs themselves hold it, as a full name (two words
or more) in a name column (Namn, Förnamn + Efternamn …) that is otherwise never read
(`common.person_names`). Any other name cannot be told from other words reliably and is not
searched for (README, Felsökning); the message never repeats the name.
"""

from __future__ import annotations

import re

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.loaders.common import PERSON_COLUMN, where_of
from kuanalys.parsing import is_blank

PATTERNS: dict[str, re.Pattern] = {
    "en e-postadress": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "ett personnummer": re.compile(r"(?<!\d)(?:19|20)?\d{6}[-+]\d{4}(?!\d)"),
    "ett telefonnummer": re.compile(r"(?<![\d\w])(?:\+46|0046|0)[\s-]?\d{1,3}(?:[\s-]?\d){5,8}(?!\d)"),
}

# Free-text columns by input kind: tidy key → Swedish header.
FREE_TEXT: dict[str, dict[str, str]] = {
    "kommentarer": {"heading": "Rubrik", "text": "Text"},
    "kurser": {"title": "Titel"},
    "ansokningar": {"project": "Projekt"},
    "aktiviteter": {"activity": "Aktivitet", "text": "Kommentar"},
    "projekt": {"project": "Uppdrag/projekt"},
}


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
    frame: pd.DataFrame, kind: str, strict: bool = False, names: re.Pattern | None = None
) -> list[Problem]:
    """Return a warning (an error when `strict`) for each free-text cell of `frame` (a parsed
    frame with source columns) that holds an e-mail address, a personnummer, a phone number or
    one of the full names that `names` (from `name_pattern`) matches."""
    problems: list[Problem] = []
    if frame is None or frame.empty:
        return problems
    patterns = {**PATTERNS, **({"ett namn som står i en namnkolumn i indata": names} if names else {})}
    for key, header in FREE_TEXT.get(kind, {}).items():
        if key not in frame:
            continue
        for i, value in enumerate(frame[key].tolist()):
            if is_blank(value):
                continue
            found = [what for what, pattern in patterns.items() if pattern.search(str(value))]
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
