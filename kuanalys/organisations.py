"""Organisations: the 13 kommuner of Jönköpings län keyed by SCB kommunkod, the Region, and
external participants.

`resolve_organisation(name)` turns the names people write ("Jönköpings kommun", "JÖNKÖPING ",
decomposed å/ä/ö, "Region Jönköping", "RJL", "0680") into a code. An unknown name raises
`UnknownOrganisationError`, whose message lists the closest valid names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

import pandas as pd

from kuanalys.errors import UnknownOrganisationError

# SCB kommunkoder for Jönköpings län (SCB, "Kommunkoder", län 06).
KOMMUNER: dict[str, str] = {
    "0604": "Aneby",
    "0617": "Gnosjö",
    "0642": "Mullsjö",
    "0643": "Habo",
    "0662": "Gislaved",
    "0665": "Vaggeryd",
    "0680": "Jönköping",
    "0682": "Nässjö",
    "0683": "Värnamo",
    "0684": "Sävsjö",
    "0685": "Vetlanda",
    "0686": "Eksjö",
    "0687": "Tranås",
}
# The Region carries SCB's länskod 06; external participants have no SCB code.
REGION_CODE = "06"
EXTERNAL_CODE = "EXT"
ORGANISATIONS: dict[str, str] = {
    **KOMMUNER,
    REGION_CODE: "Region Jönköpings län",
    EXTERNAL_CODE: "Externa deltagare",
}
# Display order used in tables and charts: kommuner alphabetically (Swedish), then Region, then external.
ORGANISATION_ORDER: list[str] = [
    *sorted(KOMMUNER, key=lambda c: KOMMUNER[c].replace("Å", "Ö~").replace("Ä", "Ö~~")),
    REGION_CODE,
    EXTERNAL_CODE,
]

_EXTRA_ALIASES: dict[str, str] = {
    "region jönköping": REGION_CODE,
    "region jönköpings län": REGION_CODE,
    "regionen": REGION_CODE,
    "region": REGION_CODE,
    "rjl": REGION_CODE,
    "jönköpings län": REGION_CODE,
    "landstinget": REGION_CODE,
    "landstinget i jönköpings län": REGION_CODE,
    "externa deltagare": EXTERNAL_CODE,
    "externa": EXTERNAL_CODE,
    "extern": EXTERNAL_CODE,
    "extern deltagare": EXTERNAL_CODE,
    "övriga": EXTERNAL_CODE,
    "utanför länet": EXTERNAL_CODE,
}


def normalise_name(name: object) -> str:
    """Return a lookup key: NFC-composed, case-folded, single-spaced, without punctuation."""
    text = unicodedata.normalize("NFC", str(name))
    text = text.replace("\u00a0", " ").casefold()
    text = re.sub(r"[\*\.,:;!\(\)\"']", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    aliases = dict(_EXTRA_ALIASES)
    for code, name in KOMMUNER.items():
        key = normalise_name(name)
        for variant in (key, f"{key}s", f"{key} kommun", f"{key}s kommun", code, code.lstrip("0")):
            aliases[variant] = code
    for code, name in ORGANISATIONS.items():
        aliases[normalise_name(name)] = code
        aliases[normalise_name(code)] = code
    return aliases


def resolve_organisation(name: object) -> str:
    """Return the organisation code for a written name, or raise UnknownOrganisationError."""
    key = normalise_name(name)
    aliases = _aliases()
    if key in aliases:
        return aliases[key]
    stripped = re.sub(r"\s*kommun$", "", key)
    for candidate in (stripped, stripped.removesuffix("s")):
        if candidate in aliases:
            return aliases[candidate]
    raise UnknownOrganisationError(str(name).strip(), closest_organisation_names(str(name)))


def closest_organisation_names(name: str, n: int = 3) -> list[str]:
    """Return up to n valid organisation names closest to `name`, best first."""
    key = normalise_name(name)
    names = list(ORGANISATIONS.values())
    keys = {normalise_name(v): v for v in names}
    hits = difflib.get_close_matches(key, list(keys), n=n, cutoff=0.5)
    return [keys[h] for h in hits]


def organisation_name(code: str) -> str:
    """Return the display name of an organisation code ('0680' → 'Jönköping')."""
    return ORGANISATIONS[code]


def is_kommun(code: str) -> bool:
    """True for the 13 kommuner, False for the Region and external participants."""
    return code in KOMMUNER


def organisation_dtype() -> pd.CategoricalDtype:
    """The categorical dtype of organisation codes, in display order."""
    return pd.CategoricalDtype(ORGANISATION_ORDER, ordered=False)


def organisation_name_dtype() -> pd.CategoricalDtype:
    """The categorical dtype of organisation display names, in display order."""
    return pd.CategoricalDtype([ORGANISATIONS[c] for c in ORGANISATION_ORDER], ordered=False)
