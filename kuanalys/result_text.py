"""Swedish result sentences ("Beskrivning av resultat") in the published report's style.

One template per metric family (attendance, courses, grants, funds) and a generic fallback. Each
description has up to three parts:

1. **The result**, e.g. "Närvaron på Rekos möten under tertial 2 2019 är 67 % i genomsnitt." —
   or, when there is no result, a sentence saying so (never "0").
2. **The comparison** with the previous tertial and the same period last year, e.g.
   "Resultatet har minskat jämfört med tertial 1 (78 %) men ökat jämfört med samma period 2018
   (64 %)." Values equal at display precision read "oförändrat"; a missing comparison reads
   "Det finns inget resultat för … att jämföra med." Course counts (year to date) are compared
   with the same period last year only, as a change in per cent of last year's figure
   ("en minskning med 14 %").
3. **The target**, from the status: "Resultatet når upp till önskat målvärde.",
   "… når inte riktigt upp till …" (delvis), "… når inte upp till …" (ej uppfyllt), or
   "Det finns inget målvärde att jämföra med." (ej bedömt).

Numbers are formatted by `kuanalys.formatting` (no-break spaces, decimal comma).
"""

from __future__ import annotations

import math

from kuanalys.formatting import format_count, format_kr, format_percent, format_value
from kuanalys.periods import Tertial

# Common nouns that start network names and are written in lower case mid-sentence.
_COMMON_PREFIXES = ("strategigrupp", "chefsnätverk", "styrgrupp", "nätverk", "nätverket", "arbetsgrupp", "ledningsgrupp")

TARGET_SENTENCES: dict[str, str] = {
    "uppfyllt": "Resultatet når upp till önskat målvärde.",
    "delvis uppfyllt": "Resultatet når inte riktigt upp till önskat målvärde.",
    "ej uppfyllt": "Resultatet når inte upp till önskat målvärde.",
    "ej bedömt": "Det finns inget målvärde att jämföra med.",
    "inget resultat": "",
}


def _missing(v: object) -> bool:
    try:
        return v is None or bool(math.isnan(v))  # type: ignore[arg-type]
    except TypeError:
        return v is None or str(v) == "<NA>"


def genitive(name: str) -> str:
    """Return a Swedish genitive of a name: "Reko" → "Rekos", "PKS" → "PKS", "Strategigrupp äldre" → "strategigrupp äldres".

    Args:
        name: a network's name.

    Returns:
        The genitive, with a leading common noun (strategigrupp, chefsnätverk …) in lower case.
    """
    n = name.strip()
    first = n.split(" ", 1)[0]
    if first.casefold() in _COMMON_PREFIXES:
        n = first.casefold() + n[len(first):]
    return n if n[-1:].casefold() in ("s", "x", "z") else n + "s"


def comparison_label(tertial: Tertial, other: Tertial) -> str:
    """Return how a comparison period is named: "tertial 1", "tertial 3 2018" or "samma period 2018".

    Args:
        tertial: the report's tertial.
        other: the comparison tertial.

    Returns:
        The Swedish label.
    """
    if other.number == tertial.number and other.year == tertial.year - 1:
        return f"samma period {other.year}"
    if other.year == tertial.year:
        return f"tertial {other.number}"
    return other.label()


def _direction(now: float, before: float, unit: str | None) -> str:
    if format_value(now, unit) == format_value(before, unit):
        return "oförändrat"
    return "ökat" if now > before else "minskat"


def _verb(direction: str, with_har: bool = True) -> str:
    if direction == "oförändrat":
        return "är oförändrat"
    return f"har {direction}" if with_har else direction


def change_sentence(result: float | None, comparisons: list[tuple[str, float | None]], unit: str | None) -> str:
    """Return the sentence comparing a result with earlier values.

    Args:
        result: this period's value (None gives "").
        comparisons: (label, value) pairs, e.g. [("tertial 1", 0.78), ("samma period 2018", 0.64)].
        unit: "%", "kr" or "st".

    Returns:
        E.g. "Resultatet har minskat jämfört med tertial 1 (78 %) men ökat jämfört med samma period
        2018 (64 %)." — plus "Det finns inget resultat för … att jämföra med." for missing values.
    """
    if _missing(result) or not comparisons:
        return ""
    present = [(lab, v, _direction(result, v, unit)) for lab, v in comparisons if not _missing(v)]
    missing = [lab for lab, v in comparisons if _missing(v)]
    parts: list[str] = []
    ref = lambda lab, v: f"{lab} ({format_value(v, unit)})"  # noqa: E731
    if len(present) == 1:
        lab, v, d = present[0]
        parts.append(f"Resultatet {_verb(d)} jämfört med {ref(lab, v)}.")
    elif len(present) >= 2:
        (l1, v1, d1), (l2, v2, d2) = present[0], present[1]
        if d1 == d2:
            parts.append(f"Resultatet {_verb(d1)} jämfört med både {ref(l1, v1)} och {ref(l2, v2)}.")
        elif "oförändrat" in (d1, d2):
            parts.append(f"Resultatet {_verb(d1)} jämfört med {ref(l1, v1)} men {_verb(d2)} jämfört med {ref(l2, v2)}.")
        else:
            parts.append(f"Resultatet har {d1} jämfört med {ref(l1, v1)} men {d2} jämfört med {ref(l2, v2)}.")
    if missing and not present:
        if len(missing) == 1:
            parts.append(f"Det finns inget resultat för {missing[0]} att jämföra med.")
        else:
            parts.append("Det finns inga tidigare resultat att jämföra med.")
    elif missing:
        parts.append(f"Det finns inget resultat för {' eller '.join(missing)} att jämföra med.")
    return " ".join(parts)


def relative_change_sentence(result: float | None, label: str, before: float | None, unit: str | None) -> str:
    """Return "Resultatet innebär en minskning med 14 % jämfört med samma period 2018 (91)." and the like.

    Args:
        result: this period's value.
        label: the comparison's label ("samma period 2018").
        before: the comparison value.
        unit: "%", "kr" or "st".

    Returns:
        The sentence; for a zero comparison value the change is given without a percentage; for a
        missing one, "Det finns inget resultat för … att jämföra med."
    """
    if _missing(result):
        return ""
    if _missing(before):
        return f"Det finns inget resultat för {label} att jämföra med."
    ref = f"{label} ({format_value(before, unit)})"
    d = _direction(result, before, unit)
    if d == "oförändrat":
        return f"Resultatet är oförändrat jämfört med {ref}."
    noun = "en ökning" if d == "ökat" else "en minskning"
    if before == 0:
        return f"Resultatet innebär {noun} jämfört med {ref}."
    pct = abs(result - before) / abs(before)
    return f"Resultatet innebär {noun} med {format_percent(pct)} jämfört med {ref}."


def _count(n: float, one: str, many: str) -> str:
    return f"{format_count(n)} {one if round(n) == 1 else many}"


def _lead(metric: str, unit: str | None, tertial: Tertial, result: float | None, indicator_text: str) -> str:
    label = tertial.label()
    ytd = tertial.ytd_label()
    base, _, param = metric.partition(":")
    none = _missing(result)
    v = "" if none else format_value(result, unit)

    if base in ("attendance.network", "attendance_rate"):
        g = genitive(param or "nätverket")
        if none:
            return f"Det finns inget resultat för närvaron på {g} möten under {label}, eftersom inga möten har registrerats."
        return f"Närvaron på {g} möten under {label} är {v} i genomsnitt."
    if metric == "attendance.overall":
        if none:
            return f"Det finns inget resultat för närvaron under {label}, eftersom inga möten har registrerats."
        return f"Närvaron vid samtliga chefsnätverk, styrgrupper och liknande under {label} är {v} i genomsnitt."
    if metric == "attendance.region_groups":
        if none:
            return f"Det finns inget resultat för närvaron vid träffar i samverkan med Region Jönköpings län under {label}."
        return f"Närvaron vid träffar i samverkan med Region Jönköpings län under {label} är {v} i genomsnitt."
    if metric == "attendance.digital_share":
        if none:
            return f"Det finns inget resultat för andelen digitala träffar under {label}, eftersom mötesformen inte har registrerats."
        return f"Under {label} genomfördes {v} av träffarna med nätverk, styrgrupper och liknande digitalt eller som hybridmöten."
    if metric == "courses.held":
        if none:
            return f"Det finns inget resultat för antalet genomförda kurser under {ytd}."
        return f"Under {ytd} genomfördes {_count(result, 'kurs eller uppdrag', 'kurser och uppdrag')} genom Kurs och konferens."
    if metric == "courses.participants":
        if none:
            return f"Det finns inget resultat för antalet kursdeltagare under {ytd}."
        return f"Under {ytd} deltog {_count(result, 'deltagare', 'deltagare')} på kurser och uppdrag som arrangerades via Kurs och konferens."
    if metric == "courses.digital_share":
        if none:
            return f"Det finns inget resultat för andelen digitala kurser under {ytd}, eftersom inga kurser har genomförts."
        return f"Under {ytd} genomfördes {v} av kurserna och uppdragen digitalt."
    if metric == "grants.applied_amount":
        if none:
            return f"Det finns inget resultat för sökta externa medel under {ytd}."
        return f"Under {ytd} har ansökningar om totalt {format_kr(result)} skickats in till olika finansiärer."
    if metric == "grants.applied_count":
        if none:
            return f"Det finns inget resultat för antalet ansökningar under {ytd}."
        return f"Under {ytd} har {_count(result, 'ansökan', 'ansökningar')} skickats in till olika finansiärer."
    if metric == "grants.granted_amount":
        if none:
            return f"Det finns inget resultat för beviljade externa medel under {ytd}."
        return f"Under {ytd} har {format_kr(result)} i externa projektmedel beviljats."
    if metric == "grants.granted_count":
        if none:
            return f"Det finns inget resultat för antalet beviljade ansökningar under {ytd}."
        if round(result) == 1:
            return f"Under {ytd} har 1 ansökan blivit beviljad."
        return f"Under {ytd} har {_count(result, 'ansökan', 'ansökningar')} blivit beviljade."
    if metric == "funds.external_share":
        if none:
            return f"Det finns inget resultat för andelen extern finansiering under {label}."
        return f"Av de disponibla medlen uppgår den externa finansieringen under {label} till {v}."
    if metric == "funds.result":
        if none:
            return f"Det finns inget resultat redovisat för {label}."
        return f"Under {label} är resultatet {format_kr(result)}."
    # generic fallback
    subject = indicator_text.strip().rstrip(".")
    if none:
        return f"Det finns inget resultat för mätetalet ”{subject}” under {label}." if subject else f"Det finns inget resultat för {label}."
    if subject:
        return f"Resultatet för mätetalet ”{subject}” under {label} är {v}."
    return f"Resultatet under {label} är {v}."


def result_text(
    metric: str,
    unit: str | None,
    tertial: Tertial,
    result: float | None,
    previous: float | None = None,
    last_year: float | None = None,
    status: str | None = None,
    target: float | None = None,
    indicator_text: str = "",
) -> str:
    """Return the Swedish description of one indicator's result.

    Args:
        metric: the metric key (chooses the template; unknown keys use the generic one).
        unit: "%", "kr" or "st"; % values are fractions.
        tertial: the report's tertial.
        result: the result (None = inget resultat).
        previous: the value for the previous tertial (None = missing).
        last_year: the value for the same period last year (None = missing).
        status: the scorecard status (chooses the target sentence; None = no target sentence).
        target: the target value (unused in the wording today; kept for templates that name it).
        indicator_text: the indicator's Swedish text (for the generic template).

    Returns:
        One to three sentences separated by spaces, e.g. "Närvaron på Rekos möten under tertial 2
        2019 är 67 % i genomsnitt. Resultatet har minskat jämfört med tertial 1 (78 %) men ökat
        jämfört med samma period 2018 (64 %). Resultatet når inte upp till önskat målvärde."
    """
    key = str(metric).strip()
    parts = [_lead(key, unit, tertial, result, indicator_text)]
    if not _missing(result):
        prev_label = comparison_label(tertial, tertial.previous())
        ly_label = comparison_label(tertial, tertial.same_period_last_year())
        if key in ("courses.held", "courses.participants"):
            parts.append(relative_change_sentence(result, ly_label, last_year, unit))
        elif key.startswith("grants."):
            # year-to-date figures: name the year of the previous tertial too ("tertial 1 2019")
            prev_t = tertial.previous()
            parts.append(change_sentence(result, [(prev_t.label(), previous), (ly_label, last_year)], unit))
        else:
            parts.append(change_sentence(result, [(prev_label, previous), (ly_label, last_year)], unit))
        if status is not None:
            parts.append(TARGET_SENTENCES.get(status, ""))
    return " ".join(p for p in parts if p)
