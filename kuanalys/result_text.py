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
   ("en minskning med 14 %"). Other year-to-date figures (grants, digital courses) name the
   previous tertial with its year ("tertial 1 2019", as the report does) and, in tertial 1, are
   compared with the same period last year only: the year to date starts again on 1 January, so
   last year's tertial 1–3 is no comparison for this year's tertial 1.
3. **The target**, from the status: "Resultatet når upp till önskat målvärde.",
   "… når inte riktigt upp till …" (delvis, at least 90 % of the target), "… når inte upp till …"
   (ej uppfyllt, or delvis below 90 % of the target, as 003 words Reko's 67 %), or
   "Det finns inget målvärde att jämföra med." (ej bedömt).

Numbers are formatted by `kuanalys.formatting` (no-break spaces, decimal comma).
"""

from __future__ import annotations

from kuanalys.formatting import format_count, format_kr, format_percent, format_value, is_missing, same_at_display
from kuanalys.periods import Tertial, Year, reported_year

# Metric families summed over the year to date (1 January through the tertial's end).
YEAR_TO_DATE_FAMILIES = ("courses.", "grants.")
# Year-to-date counts compared with the same period last year as a change in per cent (section 6.2).
RELATIVE_CHANGE_METRICS = ("courses.held", "courses.participants")

# Common nouns that start network names and are written in lower case mid-sentence.
_COMMON_PREFIXES = (
    "strategigrupp",
    "chefsnätverk",
    "styrgrupp",
    "nätverk",
    "nätverket",
    "arbetsgrupp",
    "ledningsgrupp",
)

TARGET_SENTENCES: dict[str, str] = {
    "uppfyllt": "Resultatet når upp till önskat målvärde.",
    "delvis uppfyllt": "Resultatet når inte riktigt upp till önskat målvärde.",
    "ej uppfyllt": "Resultatet når inte upp till önskat målvärde.",
    "ej bedömt": "Det finns inget målvärde att jämföra med.",
    "inget resultat": "",
}


# Metric families measured once a year (the evaluation survey, the project register, staff
# measures): a tertial reports the latest completed year (`periods.reported_year`).
YEARLY_FAMILIES = ("survey.", "projects.", "staff.")


def is_yearly(metric: str) -> bool:
    """Return True for a metric measured once a year (survey, project register, staff measures)."""
    return str(metric).strip().startswith(YEARLY_FAMILIES)


def yearly_source(metric: str) -> str:
    """Return the Swedish name of a yearly metric's source ("utvärderingsenkäten", ...)."""
    m = str(metric).strip()
    if m.startswith("survey."):
        return "utvärderingsenkäten"
    if m.startswith("projects."):
        return "projektregistret"
    return "personalmåtten"


# A partly met result at least this share of its target reads "når inte riktigt upp" (003: strategigrupp
# äldre 76 % of 80 %); further below it reads "når inte upp" (003: Reko 67 %), under the same ◆.
NEARLY_SHARE = 0.9


def target_sentence(status: str, result: float | None = None, target: float | None = None) -> str:
    """Return the sentence on the target for a status; a partly met result far below its target 'når inte upp'."""
    if status == "delvis uppfyllt" and not is_missing(result) and not is_missing(target) and target:
        if float(result) < NEARLY_SHARE * float(target):
            return TARGET_SENTENCES["ej uppfyllt"]
    return TARGET_SENTENCES.get(status, "")


def is_year_to_date(metric: str) -> bool:
    """Return True for a metric summed over the year to date (courses, grants).

    Args:
        metric: a metric key, e.g. ``grants.granted_amount``.

    Returns:
        True when the metric's value for a tertial covers 1 January through the tertial's end.
    """
    return str(metric).strip().startswith(YEAR_TO_DATE_FAMILIES)


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
        n = first.casefold() + n[len(first) :]
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
    """Return "oförändrat", "ökat" or "minskat" (unchanged when both print the same)."""
    if same_at_display(now, before, unit):
        return "oförändrat"
    return "ökat" if now > before else "minskat"


def _verb(direction: str) -> str:
    """Return the verb phrase of a direction: "är oförändrat", "har ökat", "har minskat"."""
    return "är oförändrat" if direction == "oförändrat" else f"har {direction}"


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
    if is_missing(result) or not comparisons:
        return ""
    present = [(lab, v, _direction(result, v, unit)) for lab, v in comparisons if not is_missing(v)]
    missing = [lab for lab, v in comparisons if is_missing(v)]
    parts: list[str] = []

    def ref(lab: str, v: float) -> str:
        return f"{lab} ({format_value(v, unit)})"

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
    if is_missing(result):
        return ""
    if is_missing(before):
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
    """Return a count with the singular or plural noun: "1 ansökan", "9 ansökningar"."""
    return f"{format_count(n)} {one if round(n) == 1 else many}"


def _yearly_lead(metric: str, tertial: Tertial, none: bool, v: str, indicator_text: str) -> str:
    """Return the first sentence of a yearly metric: the result in its source of the reported year."""
    year = reported_year(tertial)
    subject = indicator_text.strip().rstrip(".") or "mätetalet"
    source = f"{yearly_source(metric)} {year}"
    if none:
        return f"Det finns inget resultat i {source} för ”{subject}”."
    return f"Enligt {source} är resultatet {v} för ”{subject}”."


def _attendance_lead(metric: str, label: str, none: bool, v: str) -> str | None:
    """Return the first sentence of an attendance metric (None for a metric without a template here)."""
    base, _, param = metric.partition(":")
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
            return f"Det finns inget resultat för andelen digitala träffar under {label}."
        return f"Under {label} genomfördes {v} av träffarna med nätverk, styrgrupper och liknande digitalt eller som hybridmöten."
    return None


def _course_lead(metric: str, ytd: str, result: float | None, none: bool, v: str) -> str | None:
    """Return the first sentence of a course metric (None for a metric without a template here)."""
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
            return f"Det finns inget resultat för andelen digitala kurser under {ytd}."
        return f"Under {ytd} genomfördes {v} av kurserna och uppdragen digitalt."
    return None


def _grant_lead(metric: str, ytd: str, result: float | None, none: bool) -> str | None:
    """Return the first sentence of a grant metric (None for a metric without a template here)."""
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
        if round(result) == 0:
            return f"Under {ytd} har inga externa projektmedel beviljats."
        return f"Under {ytd} har {format_kr(result)} i externa projektmedel beviljats."
    if metric == "grants.granted_count":
        if none:
            return f"Det finns inget resultat för antalet beviljade ansökningar under {ytd}."
        if round(result) == 0:
            return f"Under {ytd} har ingen ansökan blivit beviljad."
        if round(result) == 1:
            return f"Under {ytd} har 1 ansökan blivit beviljad."
        return f"Under {ytd} har {_count(result, 'ansökan', 'ansökningar')} blivit beviljade."
    return None


def _funds_lead(metric: str, label: str, result: float | None, none: bool, v: str) -> str | None:
    """Return the first sentence of a funds metric (None for a metric without a template here)."""
    if metric == "funds.external_share":
        if none:
            return f"Det finns inget resultat för andelen extern finansiering under {label}."
        return f"Under {label} utgör den externa finansieringen {v} av de tillförda medlen."
    if metric == "funds.result":
        if none:
            return f"Det finns inget resultat redovisat för {label}."
        return f"Under {label} är resultatet {format_kr(result)}."
    return None


def _generic_lead(label: str, none: bool, v: str, indicator_text: str) -> str:
    """Return the first sentence of a metric without a template of its own, naming the indicator."""
    subject = indicator_text.strip().rstrip(".")
    if none:
        return (
            f"Det finns inget resultat för mätetalet ”{subject}” under {label}."
            if subject
            else f"Det finns inget resultat för {label}."
        )
    if subject:
        return f"Resultatet för mätetalet ”{subject}” under {label} är {v}."
    return f"Resultatet under {label} är {v}."


def _lead(metric: str, unit: str | None, tertial: Tertial, result: float | None, indicator_text: str) -> str:
    """Return the first sentence: the result of the period, or that there is none."""
    label = tertial.label()
    ytd = tertial.ytd_label()
    none = is_missing(result)
    v = "" if none else format_value(result, unit)

    if is_yearly(metric):
        return _yearly_lead(metric, tertial, none, v, indicator_text)
    # each family's template, or None when the metric is not one of that family's
    lead = (
        _attendance_lead(metric, label, none, v)
        or _course_lead(metric, ytd, result, none, v)
        or _grant_lead(metric, ytd, result, none)
        or _funds_lead(metric, label, result, none, v)
    )
    return _generic_lead(label, none, v, indicator_text) if lead is None else lead


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
    if not is_missing(result):
        ly_label = comparison_label(tertial, tertial.same_period_last_year())
        if key in RELATIVE_CHANGE_METRICS:
            parts.append(relative_change_sentence(result, ly_label, last_year, unit))
        else:
            parts.append(change_sentence(result, _comparisons(key, tertial, previous, last_year), unit))
        if status is not None:
            parts.append(target_sentence(status, result, target))
    return " ".join(p for p in parts if p)


def _comparisons(
    metric: str, tertial: Tertial, previous: float | None, last_year: float | None
) -> list[tuple[str, float | None]]:
    """Return the (label, value) pairs a result is compared with.

    Year-to-date metrics name the previous tertial with its year ("tertial 1 2019") and drop it
    in tertial 1, where it is last year's whole year-to-date; the others name it as the report
    does ("tertial 1", "tertial 3 2018").
    """
    ly = (comparison_label(tertial, tertial.same_period_last_year()), last_year)
    if isinstance(tertial, Year) and not is_yearly(metric):
        return [(tertial.previous().label(), last_year)]
    if is_yearly(metric):
        return [(f"{yearly_source(metric)} {reported_year(tertial) - 1}", last_year)]
    if not is_year_to_date(metric):
        return [(comparison_label(tertial, tertial.previous()), previous), ly]
    if tertial.number == 1:
        return [ly]
    return [(tertial.previous().label(), previous), ly]
