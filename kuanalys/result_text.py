"""Swedish result sentences ("Beskrivning av resultat") in the published report's style.

One template per metric family (attendance, courses, grants, funds) and a generic fallback. Each
description has up to three parts:

1. **The result**, e.g. "Närvaron på Rekos möten under tertial 2 2019 är 67 % i genomsnitt." —
   or, when there is no result, a sentence saying so (never "0").
2. **The comparison** with the previous tertial and the same period last year, e.g.
   "Resultatet har minskat jämfört med tertial 1 (78 %) men ökat jämfört med samma period 2018
   (64 %)." Values equal at display precision read "oförändrat"; a missing comparison reads
   "Det finns inget resultat för … att jämföra med." A year-to-date figure (courses, grants, the
   economy: 1 January through the period's end) names its months ("januari–augusti 2019") and is
   compared like with like, with the same months last year only; course counts as a change in per
   cent of last year's figure ("en minskning med 14 %"). The financial result reads as a surplus
   or deficit, and its change with the verb for its sign ("underskottet har minskat").
3. **The target**, from the status: "Resultatet når upp till önskat målvärde.",
   "… når inte riktigt upp till …" (delvis, at least 90 % of the target), "… når inte upp till …"
   (ej uppfyllt, or delvis below 90 % of the target, as 003 words Reko's 67 %), or
   "Det finns inget målvärde att jämföra med." (ej bedömt).

Numbers are formatted by `kuanalys.formatting` (no-break spaces, decimal comma).
"""

from __future__ import annotations

from collections.abc import Callable

from kuanalys.formatting import (
    format_count_words,
    format_kr,
    format_percent,
    format_value,
    is_missing,
    same_at_display,
)
from kuanalys.periods import Tertial, Year, reported_year

# Metric families summed over the year to date (1 January through the tertial's end).
YEAR_TO_DATE_FAMILIES = ("courses.", "grants.", "funds.")
# A count shown "X av Y": the metric whose value is Y (plan 001, 1.2 "Antal beviljade projekt av sökta projekt").
OUT_OF: dict[str, str] = {"grants.granted_count": "grants.applied_count"}
# A figure shown beside the result, for the other reading of a mätetal (plan 001's 1.8: digital meetings,
# with the hybrid meetings beside).
BESIDE: dict[str, str] = {
    "attendance.digital_share": "attendance.hybrid_share",
    "projects.goals_met": "projects.goals_met_or_partly",
    "attendance.kommuner_represented": "attendance.partnership_networks",
}
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


def out_of_metric(metric: str, indicator_text: str) -> str | None:
    """Return the metric whose value is Y when the mätetal's own words ask for "X av Y" (plan 001's
    "Antal beviljade projekt av sökta projekt"); None otherwise (003's "Antal beviljade ansökningar" is a count)."""
    import re

    key = str(metric).strip()
    return OUT_OF.get(key) if re.search(r"\bav\b", str(indicator_text)) else None


def ytd_span(tertial: Tertial) -> str:
    """Return the months a year-to-date figure covers: "januari–augusti 2019", "januari–december 2024"."""
    return tertial.months_label() if isinstance(tertial, Year) else tertial.ytd_label()


def is_year_to_date(metric: str) -> bool:
    """Return True for a metric of the year to date (courses, grants, the economy at the period's end).

    Args:
        metric: a metric key, e.g. ``grants.granted_amount``.

    Returns:
        True when the metric's value for a tertial covers 1 January through the tertial's end.
    """
    return str(metric).strip().startswith(YEAR_TO_DATE_FAMILIES)


def genitive(name: str) -> str:
    """Return a Swedish genitive of a name: "Reko" → "Rekos", "PKS" → "PKS:s", "Strategigrupp äldre" → "strategigrupp äldres".

    Args:
        name: a network's name.

    Returns:
        The genitive, with a leading common noun (strategigrupp, chefsnätverk …) in lower case; an
        abbreviation takes a colon ("PKS:s").
    """
    n = name.strip()
    first = n.split(" ", 1)[0]
    if first.casefold() in _COMMON_PREFIXES:
        n = first.casefold() + n[len(first) :]
    if n.isupper():
        return f"{n}:s"
    return n if n[-1:].casefold() in ("s", "x", "z") else n + "s"


def network_meetings(name: str) -> str:
    """Return a network's meetings as a sentence names them: "Rekos möten", "PKS:s möten", and for a name
    of several words "mötena i strategigrupp psykiatri/missbruk" (never "psykiatri/missbruks möten")."""
    n = name.strip()
    if " " not in n and "/" not in n:
        return f"{genitive(n)} möten"
    first = n.split(" ", 1)[0]
    if first.casefold() in _COMMON_PREFIXES:
        n = first.casefold() + n[len(first) :]
    return f"mötena i {n}"


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


def change_sentence(
    result: float | None,
    comparisons: list[tuple[str, float | None]],
    unit: str | None,
    of: list[float | None] | None = None,
) -> str:
    """Return the sentence comparing a result with earlier values.

    Args:
        result: this period's value (None gives "").
        comparisons: (label, value) pairs, e.g. [("tertial 1", 0.78), ("samma period 2018", 0.64)].
        unit: "%", "kr" or "st".
        of: for a count shown "X av Y" (`OUT_OF`), each comparison's Y, so that it reads like with like
            ("(3 av 5)", not "(3)" beside "två av fyra").

    Returns:
        E.g. "Resultatet har minskat jämfört med tertial 1 (78 %) men ökat jämfört med samma period
        2018 (64 %)." — plus "Det finns inget resultat för … att jämföra med." for missing values.
    """
    if is_missing(result) or not comparisons:
        return ""
    outof = dict(zip((lab for lab, _ in comparisons), of or [], strict=False))
    present = [(lab, v, _direction(result, v, unit)) for lab, v in comparisons if not is_missing(v)]
    missing = [lab for lab, v in comparisons if is_missing(v)]
    parts: list[str] = []

    def ref(lab: str, v: float) -> str:
        y = outof.get(lab)
        return f"{lab} ({format_value(v, unit)}{'' if is_missing(y) else f' av {format_value(y, unit)}'})"

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


def _count(n: float, one: str, many: str, neuter: bool = False) -> str:
    """Return a count with the singular or plural noun, small counts in words: "en ansökan", "nio ansökningar"."""
    return f"{format_count_words(n, neuter=neuter)} {one if round(n) == 1 else many}"


def _yearly_lead(
    metric: str, tertial: Tertial, none: bool, v: str, indicator_text: str, beside: float | None = None
) -> str:
    """Return the first sentence of a yearly metric: the result in its source of the reported year (and,
    for projects' goals, the share with the partly met beside it)."""
    year = reported_year(tertial)
    source = f"{yearly_source(metric)} {year}"
    if none:
        return f"Det finns inget resultat för mätetalet i {source}."
    also = (  # said only when it differs from the result as shown
        ""
        if is_missing(beside) or format_percent(beside) == v
        else f" Räknas även delvis uppfyllda mål är andelen {format_percent(beside)}."
    )
    if str(metric).strip().startswith("survey."):  # every survey measure is the share very satisfied
        return f"{v} av de svarande i {source} är mycket nöjda.{also}"
    return f"Enligt {source} är resultatet {v}.{also}"


def _attendance_lead(metric: str, label: str, none: bool, v: str, beside: float | None = None) -> str | None:
    """Return the first sentence of an attendance metric (None for a metric without a template here)."""
    base, _, param = metric.partition(":")
    if base in ("attendance.network", "attendance_rate"):
        g = network_meetings(param) if param else "nätverkets möten"
        if none:  # this network alone may lack meetings: the row says so
            return f"Det finns inget resultat för närvaron på {g} under {label}, eftersom inga möten har registrerats."
        return f"Närvaron på {g} under {label} är {v} i genomsnitt."
    if metric == "attendance.overall":
        if none:
            return f"Det finns inget resultat för närvaron under {label}."
        return f"Närvaron vid samtliga chefsnätverk, styrgrupper och liknande under {label} är {v} i genomsnitt."
    if metric == "attendance.region_groups":
        if none:
            return f"Det finns inget resultat för närvaron vid träffar i samverkan med Region Jönköpings län under {label}."
        return f"Närvaron vid träffar i samverkan med Region Jönköpings län under {label} är {v} i genomsnitt."
    if metric == "attendance.kommuner_represented":
        if none:
            return f"Det finns inget resultat för kommunernas representation under {label}."
        also = (
            ""
            if is_missing(beside)
            else f" Närvaron, andelen besatta platser, var {format_percent(beside)} i genomsnitt."
        )
        return (
            f"Under {label} var kommunerna företrädda, det vill säga med på minst ett möte, i {v} av de "
            f"chefsnätverk, styrgrupper och liknande där de har plats.{also}"
        )
    if metric == "attendance.digital_share":
        if none:
            return f"Det finns inget resultat för andelen digitala träffar under {label}."
        also = "" if is_missing(beside) else f", och ytterligare {format_percent(beside)} som hybridmöten"
        return f"Under {label} hölls {v} av träffarna med nätverk, styrgrupper och liknande digitalt{also}."
    if base.startswith("attendance.") and not base.endswith("_share"):  # any other attendance rate
        if none:
            return f"Det finns inget resultat för närvaron under {label}."
        return f"Närvaron under {label} är {v} i genomsnitt."
    return None


def _course_lead(metric: str, ytd: str, result: float | None, none: bool, v: str) -> str | None:
    """Return the first sentence of a course metric, also for one organiser's courses ("courses.held:Kurs och
    konferens"); None for a metric without a template here."""
    base, _, organiser = metric.partition(":")
    by = organiser.strip() or "Kurs och konferens"
    if base == "courses.held":
        if none:
            return f"Det finns inget resultat för antalet genomförda kurser under {ytd}."
        where = f"med {by} som arrangör" if organiser else f"genom {by}"  # one arrangör's own, or all
        return f"Under {ytd} genomfördes {_count(result, 'kurs eller uppdrag', 'kurser och uppdrag')} {where}."
    if base == "courses.participants":
        if none:
            return f"Det finns inget resultat för antalet kursdeltagare under {ytd}."
        where = f"med {by} som arrangör" if organiser else f"som arrangerades via {by}"
        return f"Under {ytd} hade kurserna och uppdragen {where} {_count(result, 'deltagare', 'deltagare')}."
    if base == "courses.digital_share":
        if none:
            return f"Det finns inget resultat för andelen digitala kurser under {ytd}."
        return (
            f"Under {ytd} genomfördes {v} av kurserna och uppdragen{'' if not organiser else f' med {by} som arrangör'} "
            "digitalt."
        )
    return None


def _grant_lead(metric: str, ytd: str, result: float | None, none: bool, of: float | None = None) -> str | None:
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
        if not is_missing(of):
            sent = format_count_words(of)
            if round(result) == 0:
                return f"Under {ytd} har ingen av {sent} ansökningar blivit beviljad."
            verb = "beviljad" if round(result) == 1 else "beviljade"
            return f"Under {ytd} har {format_count_words(result)} av {sent} ansökningar blivit {verb}."
        if round(result) == 0:
            return f"Under {ytd} har ingen ansökan blivit beviljad."
        verb = "beviljad" if round(result) == 1 else "beviljade"
        return f"Under {ytd} har {_count(result, 'ansökan', 'ansökningar')} blivit {verb}."
    return None


def balance_words(result: float, amount: Callable[[float], str] = format_kr) -> str:
    """Return a financial result as words: "ett underskott på 671 000 kr", "ett överskott på …", "0 kr (i
    balans)"; `amount` formats it (`format_tkr` for "671 tkr"). Only exactly 0 kr is in balance (the
    mätetal's rule): a result that `amount` would round to 0 is given in kronor."""
    if result == 0:
        return f"{amount(0)} (i balans)"
    shown = amount(abs(result))
    if shown == amount(0):
        shown = format_kr(abs(result))
    return f"ett {'underskott' if result < 0 else 'överskott'} på {shown}"


def balance_change_sentence(result: float | None, label: str, before: float | None) -> str:
    """Return the change of a financial result with the verb for its sign: "Underskottet har minskat jämfört
    med januari–december 2023 (ett underskott på 1 049 000 kr)."; a change of sign says where it went."""
    if is_missing(result):
        return ""
    if is_missing(before):
        return f"Det finns inget resultat för {label} att jämföra med."
    now, was = round(result), round(before)
    ref = (
        f"{label} ({balance_words(before)})" if was else f"{label}, då ekonomin var i balans"
    )  # no brackets in brackets
    if now == was == 0:
        return f"Ekonomin var i balans även under {label}."
    if now == was:
        return f"Resultatet är oförändrat jämfört med {ref}."
    if now * was > 0:
        noun = "Underskottet" if now < 0 else "Överskottet"
        return f"{noun} har {'ökat' if abs(now) > abs(was) else 'minskat'} jämfört med {ref}."
    if now == 0:
        return f"Jämfört med {ref} är ekonomin nu i balans."
    if not was:
        return f"Resultatet har blivit {balance_words(result)}, jämfört med {ref}."
    return f"Jämfört med {ref} har resultatet blivit {balance_words(result)}."


def _funds_lead(metric: str, ytd: str, result: float | None, none: bool, v: str) -> str | None:
    """Return the first sentence of a funds metric (None for a metric without a template here)."""
    if metric == "funds.external_share":
        if none:
            return f"Det finns inget resultat för andelen extern finansiering för {ytd}."
        return f"Av de disponibla medlen för {ytd} kommer {v} från andra finansiärer än kommunerna."
    if metric == "funds.result":
        if none:
            return f"Det finns inget resultat redovisat för {ytd}."
        return f"Resultatet för {ytd} är {balance_words(result)}."
    return None


def _generic_lead(label: str, none: bool, v: str, indicator_text: str) -> str:
    """Return the first sentence of a metric without a template of its own, naming the indicator."""
    if none:
        return f"Det finns inget resultat för {label}."
    return f"Resultatet för {label} är {v}."


def _lead(
    metric: str,
    unit: str | None,
    tertial: Tertial,
    result: float | None,
    indicator_text: str,
    of: float | None = None,
    beside: float | None = None,
) -> str:
    """Return the first sentence: the result of the period (a year-to-date one names its months), or that there is none."""
    label = tertial.label()
    ytd = ytd_span(tertial)
    none = is_missing(result)
    v = "" if none else format_value(result, unit)

    if is_yearly(metric):
        return _yearly_lead(metric, tertial, none, v, indicator_text, beside)
    # each family's template, or None when the metric is not one of that family's
    lead = (
        _attendance_lead(metric, label, none, v, beside)
        or _course_lead(metric, ytd, result, none, v)
        or _grant_lead(metric, ytd, result, none, of)
        or _funds_lead(metric, ytd, result, none, v)
    )
    if lead is None:
        return _generic_lead(ytd if is_year_to_date(metric) else label, none, v, indicator_text)
    return lead


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
    of: float | None = None,
    beside: float | None = None,
    of_before: tuple[float | None, float | None] = (None, None),
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
        indicator_text: the indicator's Swedish text (unused: the row names the mätetal beside the sentence).
        of: for a count shown "X av Y" (`OUT_OF`), Y (e.g. the applications sent).
        beside: the other reading's figure (`BESIDE`), e.g. the hybrid meetings' share.
        of_before: with `of`, Y of the previous tertial and of the same period last year.

    Returns:
        One to three sentences separated by spaces, e.g. "Närvaron på Rekos möten under tertial 2
        2019 är 67 % i genomsnitt. Resultatet har minskat jämfört med tertial 1 (78 %) men ökat
        jämfört med samma period 2018 (64 %). Resultatet når inte upp till önskat målvärde."
    """
    key = str(metric).strip()
    parts = [_lead(key, unit, tertial, result, indicator_text, of, beside)]
    if not is_missing(result):
        ly_label = _comparisons(key, tertial, previous, last_year)[-1][0]
        if key.split(":", 1)[0] in RELATIVE_CHANGE_METRICS:
            parts.append(relative_change_sentence(result, ly_label, last_year, unit))
        elif key == "funds.result":  # each comparison the row's arrow or sentence may use, with its verb
            pairs = _comparisons(key, tertial, previous, last_year)
            if round(result) == 0 and all(not is_missing(v) and round(v) == 0 for _, v in pairs):
                parts.append(f"Ekonomin var i balans även under {' och '.join(label for label, _ in pairs)}.")
            else:
                parts.extend(balance_change_sentence(result, label, value) for label, value in pairs)
        else:
            before = None if is_missing(of) else [v for _, v in _comparisons(key, tertial, *of_before)]
            parts.append(change_sentence(result, _comparisons(key, tertial, previous, last_year), unit, before))
        if status is not None:
            parts.append(target_sentence(status, result, target))
    return " ".join(p for p in parts if p)


def _comparisons(
    metric: str, tertial: Tertial, previous: float | None, last_year: float | None
) -> list[tuple[str, float | None]]:
    """Return the (label, value) pairs a result is compared with.

    A year-to-date metric names the months of each comparison, so the reader sees what is compared:
    the previous tertial's year to date ("januari–april 2019", not in tertial 1 or a year) and the
    same months last year ("januari–augusti 2018"); the others the previous tertial ("tertial 1",
    "tertial 3 2018") and the same period last year, a year the year before.
    """
    ly = (comparison_label(tertial, tertial.same_period_last_year()), last_year)
    if is_yearly(metric):  # the lead names the source: a survey's comparison is "enkäten 2023"
        source = "enkäten" if metric.startswith("survey.") else yearly_source(metric)
        return [(f"{source} {reported_year(tertial) - 1}", last_year)]
    if is_year_to_date(metric):
        same = (ytd_span(tertial.same_period_last_year()), last_year)
        if isinstance(tertial, Year) or tertial.number == 1:
            return [same]
        return [(ytd_span(tertial.previous()), previous), same]
    if isinstance(tertial, Year):
        return [(tertial.previous().label(), last_year)]
    return [(comparison_label(tertial, tertial.previous()), previous), ly]
