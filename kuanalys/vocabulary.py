"""Closed lists of names that the figures group or filter by, with their documented synonyms.

An unknown value is an error ("Menade du …?"), never a silently different category; a synonym
is read as its canonical name. Compared case-insensitively with spaces collapsed. Extend a list
here (and in README, Felsökning) when the partnership gets a new area or organiser.
"""

from __future__ import annotations

import difflib
import re

# The partnership's areas (verksamheter): Område in ansokningar, medel and natverk.
AREAS: dict[str, tuple[str, ...]] = {
    "FoUrum social välfärd och hälso- och sjukvård": ("FoUrum social välfärd", "FoUrum SVHS", "social välfärd"),
    "FoUrum utbildning": ("utbildning",),
    "FoUrum fritid": ("fritid",),
    "Miljösamverkan Jönköpings län": ("Miljösamverkan",),
    "CHANGE": ("Change",),
    "Kurs och konferens": ("Kurs & konferens", "KoK", "Kurser och konferenser"),
    "Ledning och stab": ("Ledning", "Kansliet", "Stab"),
    "Personliga ombud": ("PO", "Personligt ombud"),
}

# Who arranged a course or uppdrag (Arrangör in kurser); "Kurs och konferens" is the one the
# course figures (Bilaga 2) count.
ORGANISERS: dict[str, tuple[str, ...]] = {
    "Kurs och konferens": ("Kurs & konferens", "KoK", "Kurser och konferenser"),
    "FoUrum social välfärd": ("FoUrum social välfärd och hälso- och sjukvård", "FoUrum SVHS"),
    "FoUrum utbildning": ("utbildning",),
    "FoUrum fritid": ("fritid",),
    "CHANGE": ("Change",),
    "Miljösamverkan": ("Miljösamverkan Jönköpings län",),
    "Ledning och stab": ("Ledning", "Kansliet"),
}


def _key(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def canonical(value: object, names: dict[str, tuple[str, ...]]) -> str | None:
    """Return the canonical name of `value` (itself or a synonym), or None if it is unknown."""
    wanted = _key(value)
    for name, synonyms in names.items():
        if wanted == _key(name) or wanted in {_key(s) for s in synonyms}:
            return name
    return None


def suggestion(value: object, choices: list[str] | tuple[str, ...] | set[str], n: int = 3) -> str:
    """Return ' Menade du: A, B?' with the closest choices (difflib), or '' when none is close."""
    pool = sorted({str(c) for c in choices})
    by_key = {_key(c): c for c in pool}
    close = difflib.get_close_matches(_key(value), list(by_key), n=n, cutoff=0.5)
    return f" Menade du: {', '.join(repr(by_key[c]) for c in close)}?" if close else ""
