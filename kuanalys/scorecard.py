"""The scorecard: each indicator's result, status against its target, trend arrow and the rule.

An indicator (a row of the Mätetal sheet, `schemas.Indicators`) reads one computed metric (its
`metric` key, see `METRICS` and docs/metrics.md), has a unit (%, kr, st), a direction
(högre är bättre, lägre är bättre, balans), an optional comparison for its trend arrow and a
target per year (the Målvärden sheet, `schemas.Targets`).

**Metric values.** Shares are fractions of 1 (0.67 for 67 %), amounts kronor, counts plain
numbers. A metric returns None when there is no result (a network without meetings, a table
without data for the period): that is "inget resultat", never 0.

**Targets** (`parse_target`): a number with an optional unit (``80 %``, ``0 kr``, ``91``,
``3 746 deltagare``); the phrase ``samma period föregående år`` (the metric's value for the same
tertial last year); or ``<p> % av <metric key>`` (a share of another metric for the same tertial,
``50 % av grants.applied_amount``). For a %-indicator a bare number above 1 is read as per cent
(``80`` = 80 %).

**Status** (`assess`), with the per-indicator thresholds `threshold_met` (default 1.0 = 100 %)
and `threshold_partly` (default 0.75 = 75 %, so that 67 % against 80 % is delvis uppfyllt as
in the published T2 2019 report):

* högre är bättre: uppfyllt when result ≥ met × target; delvis uppfyllt when result ≥ partly ×
  target; otherwise ej uppfyllt.
* lägre är bättre (mirrored): uppfyllt when result ≤ met × target; delvis uppfyllt when result ≤
  (2 − partly) × target (125 % by default); otherwise ej uppfyllt.
* balans: uppfyllt when |result − target| ≤ the unit's tolerance (`BALANCE_TOLERANCE`: 0 kr,
  0 st, 0,5 procentenheter), otherwise ej uppfyllt. (Balance has no "delvis".)
* no result → inget resultat; a result but no target for the year (or a relative target whose
  reference has no result) → ej bedömt.

Status symbols differ in shape, not only in colour (`SYMBOLS`): ● uppfyllt, ◆ delvis uppfyllt,
■ ej uppfyllt, – inget resultat, ○ ej bedömt; the report always prints the word too.

**Trend arrow** (`trend_arrow`) against the indicator's comparison (föregående tertial or samma
period föregående år; default föregående tertial; a year-to-date metric in tertial 1 is compared
with samma period föregående år, since its previous tertial is last year's whole year): → when unchanged at display precision
(whole per cent, whole kronor, whole numbers); ↑/↓ when the previous value is 0 or the relative
change |(now − before) ÷ before| ≥ `trend_threshold` (default 0.5 = 50 %); ↗/↘ otherwise; no
arrow ("") when either value is missing. The arrow shows the direction of the value, not whether
it is good (as in the published report).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from kuanalys import result_text as _text
from kuanalys.dataset import Dataset
from kuanalys.errors import KuanalysError
from kuanalys.formatting import format_percent, format_value, is_missing, same_at_display
from kuanalys.metrics import attendance as _att
from kuanalys.metrics import courses as _courses
from kuanalys.metrics import funds as _funds
from kuanalys.metrics import grants as _grants
from kuanalys.metrics import projects as _projects
from kuanalys.metrics import staff as _staff
from kuanalys.metrics import survey as _survey
from kuanalys.periods import Tertial, reported_year
from kuanalys.spec import header_key

MetricFn = Callable[[Dataset, Tertial], "float | None"]

DEFAULT_THRESHOLD_MET = 1.0
DEFAULT_THRESHOLD_PARTLY = 0.75
DEFAULT_TREND_THRESHOLD = 0.5
# Largest |result − target| that still counts as balance, in the unit's own terms.
BALANCE_TOLERANCE: dict[str, float] = {"kr": 0.0, "st": 0.0, "%": 0.005}
DEFAULT_COMPARISON = "föregående tertial"

UPPFYLLT = "uppfyllt"
DELVIS = "delvis uppfyllt"
EJ_UPPFYLLT = "ej uppfyllt"
INGET_RESULTAT = "inget resultat"
EJ_BEDOMT = "ej bedömt"
STATUSES = (UPPFYLLT, DELVIS, EJ_UPPFYLLT, INGET_RESULTAT, EJ_BEDOMT)
# As in the published report (T2 2019): ● met, ◆ partly met (Reko 67 %, strategigrupp äldre 76 %,
# psykiatri/missbruk 67 % against 80 %), ■ not met; every symbol is shown with its word.
SYMBOLS: dict[str, str] = {UPPFYLLT: "●", DELVIS: "◆", EJ_UPPFYLLT: "■", INGET_RESULTAT: "–", EJ_BEDOMT: "○"}
# Colours of the symbols (green, amber, red, grey, grey); never the only carrier of the status.
COLOURS: dict[str, str] = {
    UPPFYLLT: "#2e7d32",
    DELVIS: "#b26a00",
    EJ_UPPFYLLT: "#c62828",
    INGET_RESULTAT: "#616161",
    EJ_BEDOMT: "#616161",
}
# Labels as in Bilaga 1 (Symbolförteckning för mätetal) of the published report.
LABELS: dict[str, str] = {
    UPPFYLLT: "Resultatet når önskat målvärde, mätetalet är uppfyllt.",
    DELVIS: "Resultatet når inte önskat målvärde, mätetalet är delvis uppfyllt.",
    EJ_UPPFYLLT: "Resultatet når inte önskat målvärde, mätetalet är inte uppfyllt.",
    INGET_RESULTAT: "Det finns inget resultat redovisat för den aktuella perioden.",
    EJ_BEDOMT: "Det finns inget målvärde att jämföra med, eller målet gäller hela året och bedöms först när året är slut.",
}
ARROWS = ("↑", "↗", "→", "↘", "↓")


# --- metric registry ----------------------------------------------------------------------------
def _nonempty(frame: pd.DataFrame) -> bool:
    return frame is not None and not frame.empty


def _grants_metric(fn: Callable[[pd.DataFrame, Tertial], float]) -> MetricFn:
    def metric(ds: Dataset, t: Tertial) -> float | None:
        return fn(ds.grants, t) if _nonempty(ds.grants) else None

    return metric


def _by_organiser(courses: pd.DataFrame, organiser: str) -> pd.DataFrame:
    """Return the course rows of one organiser (case and spacing ignored)."""
    if courses is None or courses.empty:
        return courses
    key = header_key(organiser)
    return courses[[header_key(o) == key for o in courses["organiser"].astype(str)]]


def _survey_questions(ds: Dataset, param: str) -> list[str]:
    """Return the question ids of a survey key's parameter: ids joined by "+", or "*" for all."""
    if param.strip() == "*":
        return [] if ds.survey_questions.empty else ds.survey_questions["question_id"].astype(str).tolist()
    return [q.strip() for q in param.split("+") if q.strip()]


def _survey_metric(param: str) -> MetricFn:
    """`survey.very_satisfied:<Id>[+<Id>…]` or `…:*`: share mycket nöjda, all networks."""
    return lambda ds, t: _survey.very_satisfied_share(
        ds.survey_responses, ds.survey_scale, ds.networks, _survey_questions(ds, param), reported_year(t)
    )


def _survey_type_metric(param: str) -> MetricFn:
    """`survey.very_satisfied_type:<typ>:<Id>[+<Id>…]`: share mycket nöjda in one network type."""
    network_type, _, questions = param.partition(":")
    return lambda ds, t: _survey.very_satisfied_share(
        ds.survey_responses,
        ds.survey_scale,
        ds.networks,
        _survey_questions(ds, questions or "*"),
        reported_year(t),
        network_type=network_type.strip(),
    )


def _project_metric(*columns: str) -> MetricFn:
    return lambda ds, t: _projects.project_share(ds.projects, reported_year(t), columns)


def _meeting_format_share(ds: Dataset, t: Tertial, *, hybrid: bool) -> float | None:
    """Return the share of the period's meetings (with a recorded format) held as hybrid meetings, or
    digitally only (not hybrid): plan 001 asks for meetings "som genomförs digitalt"."""
    d = _att.digital_share(ds.attendance, t).iloc[0]
    known = d["meetings_with_format"]
    if pd.isna(known) or not known:
        return None
    part = d["meetings_hybrid"] if hybrid else d["meetings_digital"] - d["meetings_hybrid"]
    return float(part) / float(known)


METRICS: dict[str, MetricFn] = {
    "attendance.overall": lambda ds, t: _att.overall_rate(ds.attendance, t),
    "attendance.partnership_networks": lambda ds, t: _att.partnership_rate(ds.attendance, ds.networks, t),
    # plan 001's 2.2 goal "Samtliga kommuner har aktiva representanter": kommuner represented in each network;
    # the seats filled (partnership_networks) are shown beside (BESIDE)
    "attendance.kommuner_represented": lambda ds, t: _att.kommuner_represented(ds.attendance, ds.networks, t),
    "attendance.region_groups": lambda ds, t: _att.region_groups_rate(ds.attendance, ds.networks, t),
    # plan 001's 1.8 "genomförs digitalt": digital meetings only; hybrid meetings are shown beside (BESIDE)
    "attendance.digital_share": lambda ds, t: _meeting_format_share(ds, t, hybrid=False),
    "attendance.hybrid_share": lambda ds, t: _meeting_format_share(ds, t, hybrid=True),
    "courses.held": lambda ds, t: _courses.courses_held(ds.courses, t),
    "courses.participants": lambda ds, t: _courses.participants_total(ds.courses, ds.course_participants, t),
    "courses.digital_share": lambda ds, t: _courses.digital_share(ds.courses, t),
    "grants.applied_amount": _grants_metric(_grants.applied_amount),
    "grants.applied_count": _grants_metric(_grants.applied_count),
    "grants.granted_amount": _grants_metric(_grants.granted_amount),
    "grants.granted_count": _grants_metric(_grants.granted_count),
    "funds.external_share": lambda ds, t: _funds.external_share(ds.funds_available, t),
    "funds.result": lambda ds, t: _funds.result(ds.income_statement, t),
    "projects.within_budget": _project_metric("within_budget"),
    "projects.according_to_plan": _project_metric("according_to_plan"),
    "projects.goals_met": _project_metric("goals_met"),
    # the other reading of "uppfyller uppsatta mål", shown beside it (BESIDE): "delvis" counted as met
    "projects.goals_met_or_partly": lambda ds, t: _projects.project_share(
        ds.projects, reported_year(t), ("goals_met",), met=("ja", "delvis")
    ),
    "projects.within_budget_and_goals_met": _project_metric("within_budget", "goals_met"),
    # yearly: the latest completed year, as the survey (periods.reported_year)
    "staff.work_environment": lambda ds, t: _staff.staff_measure(
        ds.staff_measures, "staff.work_environment", reported_year(t)
    ),
}
# Keys with a parameter after the colon: `attendance.network:<Nätverk>`.
PARAMETRIC_METRICS: dict[str, Callable[[str], MetricFn]] = {
    "attendance.network": lambda name: lambda ds, t: _att.network_rate(ds.attendance, name, t),
    "attendance.type": lambda typ: lambda ds, t: _att.type_rate(ds.attendance, ds.networks, typ, t),
    "courses.held": lambda org: lambda ds, t: _courses.courses_held(_by_organiser(ds.courses, org), t),
    "courses.participants": lambda org: (
        lambda ds, t: _courses.participants_total(_by_organiser(ds.courses, org), ds.course_participants, t)
    ),
    "courses.digital_share": lambda org: lambda ds, t: _courses.digital_share(_by_organiser(ds.courses, org), t),
    "survey.very_satisfied": _survey_metric,
    "survey.very_satisfied_type": _survey_type_metric,
}

# What the part after the colon names, per parametric key: `validate` checks it against that list
# (loaders/crossref.py). "questions" is survey question ids joined by "+", or "*" for all.
PARAMETER_KINDS: dict[str, tuple[str, ...]] = {
    "attendance.network": ("network",),
    "attendance.type": ("network_type",),
    "courses.held": ("organiser",),
    "courses.participants": ("organiser",),
    "courses.digital_share": ("organiser",),
    "survey.very_satisfied": ("questions",),
    "survey.very_satisfied_type": ("network_type", "questions"),
}

# Swedish names of the metrics, for describing relative targets ("50 % av sökt belopp").
METRIC_NAMES: dict[str, str] = {
    "attendance.overall": "närvaron i samtliga nätverk",
    "attendance.region_groups": "närvaron i samverkansgrupperna med regionen",
    "attendance.digital_share": "andelen digitala möten",
    "attendance.hybrid_share": "andelen hybridmöten",
    "attendance.kommuner_represented": "andelen av kommunernas platser i nätverken som var företrädda",
    "courses.held": "antalet genomförda kurser och uppdrag",
    "courses.participants": "antalet deltagare",
    "courses.digital_share": "andelen digitala kurser",
    "grants.applied_amount": "sökt belopp",
    "grants.applied_count": "antalet inskickade ansökningar",
    "grants.granted_amount": "beviljat belopp",
    "grants.granted_count": "antalet beviljade ansökningar",
    "funds.external_share": "andelen extern finansiering",
    "funds.result": "resultatet",
    "attendance.partnership_networks": "närvaron i samtliga chefsnätverk och styrgrupper",
    "attendance.type": "närvaron",
    "survey.very_satisfied": "andelen mycket nöjda",
    "survey.very_satisfied_type": "andelen mycket nöjda",
    "projects.within_budget": "andelen uppdrag/projekt inom budget",
    "projects.according_to_plan": "andelen uppdrag/projekt enligt plan",
    "projects.goals_met": "andelen uppdrag/projekt som uppfyller målen",
    "projects.goals_met_or_partly": "andelen uppdrag/projekt som helt eller delvis uppfyller målen",
    "projects.within_budget_and_goals_met": "andelen uppdrag/projekt inom budget som uppfyller målen",
    "staff.work_environment": "andelen medarbetare som är nöjda med arbetsmiljön",
}
# How each metric is computed, in plain Swedish, for the method appendix (chapters.method_appendix).
METRIC_DEFINITIONS: dict[str, str] = {
    "attendance": (
        "Andelen av de inbjudna platserna som var besatta, i genomsnitt över periodens möten. Ett nätverk utan "
        "möten under perioden har inget resultat (–), inte 0\u00a0%."
    ),
    "attendance.digital_share": (
        "Andelen av periodens möten som hölls digitalt, som verksamhetsplanen formulerar mätetalet; "
        "hybridmöten räknas inte in men redovisas bredvid."
    ),
    "attendance.hybrid_share": "Andelen av periodens möten som hölls som hybridmöten.",
    "attendance.kommuner_represented": (
        "Målet säger att samtliga kommuner har aktiva representanter i chefsnätverken och styrgrupperna. "
        "Därför räknas, för varje nätverk som hade möten under perioden, de kommuner med plats i nätverket "
        "som var med på minst ett möte; resultatet är andelen företrädda kommuner sammantaget över nätverken "
        "(100\u00a0% när alla kommuner var med i alla nätverk). Närvaron, andelen besatta platser, redovisas bredvid."
    ),
    "courses.held": "Antalet kurser och uppdrag som genomförts från årets början till periodens slut; inställda räknas inte.",
    "courses.participants": "Antalet deltagare i kurser och uppdrag från årets början till periodens slut.",
    "courses.digital_share": "Andelen av årets genomförda kurser och uppdrag som hölls digitalt.",
    "grants.applied_amount": "Summan av de belopp som sökts i ansökningar inskickade från årets början.",
    "grants.applied_count": "Antalet ansökningar inskickade från årets början.",
    "grants.granted_amount": (
        "Summan av beviljade belopp för ansökningar inskickade från årets början, med de beslut som var kända "
        "vid periodens slut."
    ),
    "grants.granted_count": (
        "Antalet beviljade av årets inskickade ansökningar, med de beslut som var kända vid periodens slut; "
        "visas som beviljade av sökta (till exempel 2 av 4) när mätetalet frågar efter det."
    ),
    "funds.external_share": (
        "Andelen av de disponibla medlen vid periodens rapportdatum som kommer från andra finansiärer än "
        "kommunerna: regionen, EU, staten och övriga. Disponibla medel är årets tillförda medel och medel "
        "från tidigare år. Ekonomiredovisningen fördelar bara de disponibla medlen på finansiärer, så andelen "
        "av enbart årets tillförda medel går inte att räkna."
    ),
    "funds.result": (
        "Årets resultat enligt resultaträkningen vid periodens rapportdatum: intäkter minus kostnader. "
        "Ekonomin är i balans vid 0\u00a0kr."
    ),
    "survey": ("Andelen av dem som svarade på frågan i årets utvärderingsenkät som var mycket nöjda."),
    "projects": "Andelen av årets uppdrag och projekt i projektregistret som uppfyller villkoret i mätetalet.",
    "projects.goals_met": (
        "Andelen av årets bedömda uppdrag och projekt som uppfyller uppsatta mål; delvis uppfyllda räknas inte, "
        "som mätetalet formulerar det, men andelen med dem redovisas bredvid."
    ),
    "staff": "Personalmåttet för året, som personaluppgifterna anger det.",
}


def metric_definition(key: str) -> str:
    """Return how a metric key is computed, in plain Swedish ("" for an unknown key)."""
    base, _, param = str(key).strip().partition(":")
    family = base.split(".", 1)[0]
    text = METRIC_DEFINITIONS.get(base, METRIC_DEFINITIONS.get(family, ""))
    if family == "courses" and param.strip() and text:  # one arrangör's own courses and uppdrag
        text += f" Bara kurser och uppdrag med {param.strip()} som arrangör räknas."
    return text


# Spellings seen in older workbooks and in spec examples, mapped to the contract's keys.
_ALIASES = {"attendance_rate": "attendance.network"}


def metric_keys() -> list[str]:
    """Return every metric key kuanalys computes (the registry `resolve_metric` reads), with the
    parametric ones written `attendance.network:<namn>`."""
    return [*METRICS, *(f"{p}:<namn>" for p in PARAMETRIC_METRICS)]


def resolve_metric(key: str) -> MetricFn:
    """Return the function that computes a metric key.

    Args:
        key: a key from docs/architecture.md, e.g. ``attendance.overall`` or
            ``attendance.network:Reko`` (spaces around the key are ignored).

    Returns:
        A function ``(dataset, tertial) -> float | None``.

    Raises:
        KuanalysError: for an unknown key (the message lists the valid keys).
    """
    k = str(key).strip()
    if k in METRICS:
        return METRICS[k]
    base, sep, param = k.partition(":")
    base = _ALIASES.get(base.strip(), base.strip())
    if sep and base in PARAMETRIC_METRICS and param.strip():
        return PARAMETRIC_METRICS[base](param.strip())
    valid = ", ".join([*METRICS, *(f"{p}:<namn>" for p in PARAMETRIC_METRICS)])
    raise KuanalysError(f"Okänt mått {key!r} i mätetalen. Giltiga mått: {valid}.")


def metric_value(dataset: Dataset, key: str, tertial: Tertial) -> float | None:
    """Return a metric's value for a tertial (None = no result).

    Args:
        dataset: the loaded data.
        key: the metric key.
        tertial: the period.

    Returns:
        The value (fractions for shares), or None when there is no result.
    """
    v = resolve_metric(key)(dataset, tertial)
    return None if is_missing(v) else float(v)


# --- targets ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """A parsed target.

    kind "value": `value` in the metric's terms (fractions for %); "same_period_last_year":
    the metric's value a year earlier; "share_of_metric": `share` × the value of `metric`.
    """

    text: str
    kind: Literal["value", "same_period_last_year", "share_of_metric"]
    value: float | None = None
    share: float | None = None
    metric: str | None = None


_SAME_PERIOD = ("samma period föregående år", "samma period förra året", "samma period fg år")
_NUMBER = r"[−\-]?\d[\d ]*(?:[,.]\d+)?"
# The units a target may be written in: the mätetal unit (Enhet) each belongs to, and the factor
# that brings the number to the metric's terms (kronor, counts; per cent become shares by / 100).
TARGET_UNITS: dict[str, tuple[str, int]] = {
    "kr": ("kr", 1),
    "kronor": ("kr", 1),
    "sek": ("kr", 1),
    "tkr": ("kr", 1_000),
    "mkr": ("kr", 1_000_000),
    "%": ("%", 1),
    "procent": ("%", 1),
    "st": ("st", 1),
    "stycken": ("st", 1),
}
# How a message names a mätetal's unit, and what a target in it looks like.
UNIT_WORDS = {"kr": "kronor (kr)", "%": "procent (%)", "st": "antal (st)"}
UNIT_EXAMPLES = {"kr": "250 000 kr, 250 tkr eller 1,5 mkr", "%": "80 %", "st": "91 eller 91 st"}


def _number(text: str) -> float:
    return float(text.replace(" ", "").replace("−", "-").replace(",", "."))


def parse_target(text: object, unit: str | None = None) -> Target | None:
    """Parse a target written in the Målvärden sheet.

    Args:
        text: ``80 %``, ``0 kr``, ``91``, ``1,5 mkr``, ``250 tkr``, ``samma period föregående år``
            or ``50 % av grants.applied_amount``; empty = no target.
        unit: the indicator's unit (%, kr or st). A target's own unit must agree with it: kr, tkr
            and mkr are scaled to kronor, % only for shares, st only for counts; for "%" a bare
            number above 1 is read as per cent.

    Returns:
        A `Target`, or None for an empty cell.

    Raises:
        KuanalysError: when the text cannot be read, or its unit is no unit or not the indicator's
            (Swedish message with the text and the indicator's unit).
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return None
    raw = str(text)
    s = re.sub(r"[\u00a0\u202f\u2009\s]+", " ", raw).strip()
    if not s:
        return None
    low = s.casefold().rstrip(".")
    if low in _SAME_PERIOD:
        return Target(raw, "same_period_last_year")
    m = re.fullmatch(rf"({_NUMBER}) ?% av ([\w.:/ åäöÅÄÖ-]+)", s, flags=re.IGNORECASE)
    if m:
        key = m.group(2).strip()
        resolve_metric(key)  # validate now, with a clear message
        return Target(raw, "share_of_metric", share=_number(m.group(1)) / 100, metric=key)
    m = re.fullmatch(rf"({_NUMBER}) ?(%|[^\W\d_]+\.?)?", s)
    if m:
        value = _number(m.group(1))
        suffix = (m.group(2) or "").casefold().rstrip(".")
        if not suffix:
            return Target(raw, "value", value=value / 100 if unit == "%" and value > 1 else value)
        own, factor = _target_unit(raw, suffix, unit)
        return Target(raw, "value", value=value / 100 if own == "%" else value * factor)
    raise KuanalysError(
        f"Målvärdet {raw!r} kan inte tolkas. Skriv ett tal med enhet (80 %, 0 kr, 91), "
        "'samma period föregående år' eller '50 % av <mått>'."
    )


def _target_unit(raw: str, suffix: str, unit: str | None) -> tuple[str, int]:
    """Return the mätetal unit and factor of a target's unit `suffix` (`TARGET_UNITS`); raise
    KuanalysError when it is no unit or does not agree with the indicator's `unit`."""
    own = TARGET_UNITS.get(suffix)
    wanted = f"Mätetalet räknas i {UNIT_WORDS[unit]}; skriv t.ex. {UNIT_EXAMPLES[unit]}." if unit in UNIT_WORDS else ""
    if own is None:
        hint = wanted or "Skriv kr, tkr, mkr, % eller st."
        raise KuanalysError(f"Målvärdet {raw!r} har '{suffix}' som enhet, men det är ingen enhet. {hint}")
    if unit in UNIT_WORDS and own[0] != unit:
        raise KuanalysError(f"Målvärdet {raw!r} anges i {suffix}, men {wanted[0].lower()}{wanted[1:]}")
    return own


def describe_target(target: Target | None, unit: str | None = None) -> str | None:
    """Return a Swedish description of a relative target, or None for a plain value.

    >>> describe_target(parse_target("50 % av grants.applied_amount"))
    '50 % av sökt belopp'
    """
    if target is None or target.kind == "value":
        return None
    if target.kind == "same_period_last_year":
        return "samma period föregående år"
    name = METRIC_NAMES.get(str(target.metric).split(":", 1)[0], str(target.metric))
    return f"{_fmt(target.share or 0.0, '%')} av {name}"


def target_value(target: Target | None, dataset: Dataset, key: str, tertial: Tertial) -> float | None:
    """Return a target's value for a tertial (None when it has none or its reference has no result).

    Args:
        target: the parsed target, or None.
        dataset: the loaded data.
        key: the indicator's own metric key (for "samma period föregående år").
        tertial: the period.

    Returns:
        The target value in the metric's terms, or None.
    """
    return _target_value(target, key, tertial, lambda k, t: metric_value(dataset, k, t))


def _target_value(
    target: Target | None, key: str, tertial: Tertial, value: Callable[[str, Tertial], float | None]
) -> float | None:
    """Return a target's value, reading metrics through `value(key, tertial)` (None = no value)."""
    if target is None:
        return None
    if target.kind == "value":
        return target.value
    if target.kind == "same_period_last_year":
        return value(key, tertial.same_period_last_year())
    ref = value(target.metric or "", tertial)
    return None if ref is None else (target.share or 0.0) * ref


# --- status and trend ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Assessment:
    """The status of one indicator with its symbol, label and the Swedish rule that gave it."""

    status: str
    symbol: str
    label: str
    rule: str


def _display_decimals(a: float, b: float, unit: str | None) -> int:
    """Return 0 decimals, or 1 when two different values would print the same."""
    if a != b and same_at_display(a, b, unit):
        return 1
    return 0


def _fmt(v: float, unit: str | None, decimals: int = 0) -> str:
    """Format a value in its unit with `decimals` digits."""
    return format_value(v, unit, decimals=decimals)


def _pct(fraction: float) -> str:
    """Format a threshold: whole per cent, or one decimal when it has one (92,5 %)."""
    return format_percent(fraction, 0 if round(fraction * 100, 6) == round(fraction * 100) else 1)


def _assessment(status: str, rule: str) -> Assessment:
    """Return the `Assessment` of a status: its symbol and label with the given rule."""
    return Assessment(status, SYMBOLS[status], LABELS[status], rule)


def _rule_head(result: float, target: float, unit: str | None, target_note: str | None) -> str:
    """Return the start of a rule: "67 % mot målvärdet 80 %", with the target note in brackets."""
    d = _display_decimals(result, target, unit)
    # a non-whole count target (50 % of 9 applications = 4,5) is shown with its decimal
    dt = 1 if (unit != "%" and d == 0 and float(target) != round(float(target))) else d
    note = f" ({target_note})" if target_note else ""
    return f"{_fmt(result, unit, d)} mot målvärdet {_fmt(target, unit, dt)}{note}"


def _assess_balance(
    result: float, target: float, unit: str | None, balance_tolerance: float | None, head: str
) -> Assessment:
    """Return the status of a balance indicator: uppfyllt within the tolerance, else ej uppfyllt."""
    tol = BALANCE_TOLERANCE.get(unit or "", 0.0) if is_missing(balance_tolerance) else float(balance_tolerance)
    diff = abs(result - target)
    if diff <= tol + 1e-9:
        where = "lika med målet" if tol == 0 else f"inom ±{_fmt(tol, unit, 1 if unit == '%' else 0)} från målet"
        return _assessment(UPPFYLLT, f"{head}: {where} (balans), {UPPFYLLT}")
    where = "skiljer sig från målet" if tol == 0 else f"mer än ±{_fmt(tol, unit, 1 if unit == '%' else 0)} från målet"
    return _assessment(EJ_UPPFYLLT, f"{head}: {where} (balans), {EJ_UPPFYLLT}")


def _assess_lower(result: float, target: float, met: float, partly: float, head: str) -> Assessment:
    """Return the status of a lägre är bättre indicator (the thresholds mirrored above the target)."""
    upper_partly = 2 - partly
    if result <= met * target + 1e-12:
        return _assessment(UPPFYLLT, f"{head} (lägre är bättre): högst {_pct(met)} av målet, {UPPFYLLT}")
    if result <= upper_partly * target + 1e-12:
        return _assessment(
            DELVIS, f"{head} (lägre är bättre): över {_pct(met)} men högst {_pct(upper_partly)} av målet, {DELVIS}"
        )
    return _assessment(EJ_UPPFYLLT, f"{head} (lägre är bättre): över {_pct(upper_partly)} av målet, {EJ_UPPFYLLT}")


def _assess_higher(result: float, target: float, met: float, partly: float, head: str) -> Assessment:
    """Return the status of a högre är bättre indicator."""
    if result >= met * target - 1e-12:
        return _assessment(UPPFYLLT, f"{head}: minst {_pct(met)} av målet, {UPPFYLLT}")
    if result >= partly * target - 1e-12:
        return _assessment(DELVIS, f"{head}: minst {_pct(partly)} men under {_pct(met)} av målet, {DELVIS}")
    return _assessment(EJ_UPPFYLLT, f"{head}: under {_pct(partly)} av målet, {EJ_UPPFYLLT}")


def assess(
    result: float | None,
    target: float | None,
    direction: str = "högre är bättre",
    unit: str | None = None,
    threshold_met: float | None = None,
    threshold_partly: float | None = None,
    balance_tolerance: float | None = None,
    period_label: str = "perioden",
    target_note: str | None = None,
) -> Assessment:
    """Return the status of a result against its target, with the rule in Swedish.

    Args:
        result: the indicator's result (None = no result).
        target: the target value (None = no target).
        direction: "högre är bättre", "lägre är bättre" or "balans".
        unit: "%", "kr" or "st" (for the wording of the rule).
        threshold_met: share of the target needed for uppfyllt (None = 100 %).
        threshold_partly: share of the target needed for delvis uppfyllt (None = 75 %).
        balance_tolerance: largest deviation counted as balance (None = `BALANCE_TOLERANCE[unit]`).
        period_label: the period, for the "inget resultat" rule ("tertial 2 2019").
        target_note: how a relative target was set ("50 % av sökt belopp"), shown after it.

    Returns:
        An `Assessment`; e.g. rule "67 % mot målvärdet 80 %: under 90 % av målet, ej uppfyllt".
    """
    met = DEFAULT_THRESHOLD_MET if is_missing(threshold_met) else float(threshold_met)
    partly = DEFAULT_THRESHOLD_PARTLY if is_missing(threshold_partly) else float(threshold_partly)

    if is_missing(result):
        return _assessment(INGET_RESULTAT, f"Inget resultat för {period_label}: {INGET_RESULTAT}")
    if is_missing(target):
        return _assessment(EJ_BEDOMT, f"{_fmt(result, unit)} men inget målvärde att jämföra med: {EJ_BEDOMT}")
    head = _rule_head(result, target, unit, target_note)

    if direction == "balans":
        return _assess_balance(result, target, unit, balance_tolerance, head)
    if direction == "lägre är bättre":
        return _assess_lower(result, target, met, partly, head)
    if direction != "högre är bättre":
        raise KuanalysError(f"Okänd riktning {direction!r}: skriv högre är bättre, lägre är bättre eller balans.")
    return _assess_higher(result, target, met, partly, head)


def short_rule(
    target: float | None,
    direction: str = "högre är bättre",
    unit: str | None = None,
    threshold_met: float | None = None,
    threshold_partly: float | None = None,
    balance_tolerance: float | None = None,
) -> str | None:
    """Return a mätetal row's rule in short form, e.g. "mål 80 %, delvis vid minst 60 %" (None without a target).

    Examples:
        >>> short_rule(0.8, unit="%").replace("\u00a0", " ")
        'mål 80 %, delvis vid minst 60 %'
        >>> short_rule(0, "balans", "kr").replace("\u00a0", " ")
        'mål 0 kr, uppfyllt bara vid exakt 0 kr'
    """
    if is_missing(target):
        return None
    met = DEFAULT_THRESHOLD_MET if is_missing(threshold_met) else float(threshold_met)
    partly = DEFAULT_THRESHOLD_PARTLY if is_missing(threshold_partly) else float(threshold_partly)
    t = float(target)
    dt = 1 if (unit != "%" and t != round(t)) else 0
    head = f"mål {_fmt(t, unit, dt)}"
    if direction == "balans":
        tol = BALANCE_TOLERANCE.get(unit or "", 0.0) if is_missing(balance_tolerance) else float(balance_tolerance)
        if tol == 0:
            return f"{head}, uppfyllt bara vid exakt {_fmt(t, unit, dt)}"
        return f"{head}, uppfyllt inom ±{_fmt(tol, unit, 1 if unit == '%' else 0)}"
    lower = direction == "lägre är bättre"
    word = "högst" if lower else "minst"
    met_part = "" if met == 1 else f"uppfyllt vid {word} {_bound(met, t, unit, lower)}, "
    return f"{head}, {met_part}delvis vid {word} {_bound(partly, t, unit, lower)}"


def _bound(share: float, target: float, unit: str | None, lower: bool) -> str:
    """Return a rule's threshold as a reader reads it: kronor and counts whole (rounded the way that keeps
    the rule: up for "minst", down for "högst"), a per cent when whole, else as a share of the target
    ("75 % av målet"), never "2 809,5"."""
    bound = (2 - share if lower else share) * target
    if unit == "%":
        if round(bound * 100, 6) == round(bound * 100):
            return _fmt(bound, unit)
        return f"{_pct(2 - share if lower else share)} av målet"
    whole = math.floor(round(bound, 6)) if lower else math.ceil(round(bound, 6))
    return _fmt(whole, unit)


def trend_arrow(
    current: float | None, previous: float | None, unit: str | None = None, threshold: float | None = None
) -> str:
    """Return the trend arrow from `previous` to `current`.

    Args:
        current: this period's value (None = no result).
        previous: the comparison value (None = no comparison).
        unit: "%", "kr" or "st"; values equal at display precision count as unchanged.
        threshold: relative change needed for ↑/↓ (None = 50 %).

    Returns:
        "↑", "↗", "→", "↘" or "↓"; "" when either value is missing.
    """
    if is_missing(current) or is_missing(previous):
        return ""
    th = DEFAULT_TREND_THRESHOLD if is_missing(threshold) else float(threshold)
    if same_at_display(current, previous, unit):
        return "→"
    up = current > previous
    if previous == 0 or abs((current - previous) / previous) >= th:
        return "↑" if up else "↓"
    return "↗" if up else "↘"


# --- the scorecard ------------------------------------------------------------------------------
def comparison_tertial(tertial: Tertial, comparison: str | None, metric: str = "") -> Tertial:
    """Return the tertial a trend arrow compares with.

    Args:
        tertial: the report's tertial.
        comparison: "föregående tertial" (default) or "samma period föregående år".
        metric: the metric key; a year-to-date metric (courses, grants, the economy) in tertial 1 is
            compared with the same period last year, because its previous tertial is last year's whole
            year; a yearly metric (survey, projects, staff) always with last year's value.

    Returns:
        The previous tertial or the same tertial a year earlier.
    """
    if (
        comparison == "samma period föregående år"
        or (tertial.number == 1 and _text.is_year_to_date(metric))
        or _text.is_yearly(metric)
    ):
        return tertial.same_period_last_year()
    return tertial.previous()


def _targets_for(dataset: Dataset, year: int) -> dict[str, str]:
    """Return the targets of a year as written, by indicator id."""
    t = dataset.targets
    if t is None or t.empty:
        return {}
    rows = t[t["year"].astype("Int64") == year]
    return {str(i).strip(): str(v) for i, v in zip(rows["indicator_id"], rows["target"]) if not pd.isna(v)}


def metric_target(dataset: Dataset, key: str, tertial: Tertial) -> float | None:
    """Return the target value of the indicator that reads metric `key`, for the tertial's year.

    The one source of every målvärde the report shows or uses: the Målvärden sheet of
    matetal.xlsx (no target constants in code). None when no indicator reads `key` or it has
    no target that year, or its relative target has no reference value: "ej bedömt".
    """
    target = indicator_target(dataset, key, tertial.year)
    return _target_value(target, _canonical(key), tertial, lambda k, t: metric_value(dataset, k, t))


def indicator_target(dataset: Dataset, key: str, year: int) -> Target | None:
    """Return the parsed target of the (first) indicator reading metric `key` for `year`, or None."""
    ind = dataset.indicators
    if ind is None or ind.empty:
        return None
    wanted = _canonical(key)
    targets = _targets_for(dataset, year)
    for row in ind.to_dict("records"):
        if _canonical(row["metric"]) == wanted:
            unit = None if is_missing(row.get("unit")) else str(row["unit"])
            return parse_target(targets.get(str(row["indicator_id"]).strip()), unit)
    return None


def _canonical(key: object) -> str:
    """A metric key compared case-insensitively, with spaces around its parts ignored."""
    base, sep, param = str(key).strip().partition(":")
    base = _ALIASES.get(base.strip(), base.strip())
    return f"{base}{sep}{param.strip()}".casefold()


def attendance_target(dataset: Dataset, tertial: Tertial) -> float | None:
    """The attendance target of the tertial's year: the target of `attendance.overall`."""
    return metric_target(dataset, "attendance.overall", tertial)


def network_targets(dataset: Dataset, tertial: Tertial) -> dict[str, float | None]:
    """Each network's attendance target: its own indicator's (`attendance.network:<namn>`),
    else the overall attendance target; None = ej bedömt."""
    overall = attendance_target(dataset, tertial)
    names = set(dataset.attendance["network"].astype("string").dropna()) if not dataset.attendance.empty else set()
    if dataset.networks is not None and not dataset.networks.empty:
        names |= set(dataset.networks["network"].astype("string").dropna())
    out = {}
    for name in sorted(names):
        own = indicator_target(dataset, f"attendance.network:{name}", tertial.year)
        out[name] = overall if own is None else metric_target(dataset, f"attendance.network:{name}", tertial)
    return out


def grant_success_targets(dataset: Dataset, tertial: Tertial) -> tuple[float | None, float | None]:
    """The success-rate targets (by count, by amount) of external funding applications: the
    share of the targets `<p> % av grants.applied_count/amount` of the granted count and
    amount indicators (None = no such target, ej bedömt)."""

    def share(key: str, of: str) -> float | None:
        t = indicator_target(dataset, key, tertial.year)
        return t.share if t is not None and t.kind == "share_of_metric" and _canonical(t.metric) == of else None

    return share("grants.granted_count", "grants.applied_count"), share(
        "grants.granted_amount", "grants.applied_amount"
    )


def _metric_reader(dataset: Dataset, cache: dict) -> Callable[[str, Tertial], float | None]:
    """Return a function `(key, tertial) -> value` that reads metric values through `cache`."""

    def value(key: str, t: Tertial) -> float | None:
        if (key, t) not in cache:
            cache[(key, t)] = metric_value(dataset, key, t)
        return cache[(key, t)]

    return value


def _indicator_settings(indicator: dict) -> tuple[str, str | None, str, str]:
    """Return an indicator's metric key, unit, direction and comparison (defaults filled in)."""
    key = str(indicator["metric"]).strip()
    unit = None if is_missing(indicator.get("unit")) else str(indicator["unit"])
    direction = str(indicator.get("direction") or "högre är bättre")
    comparison = indicator.get("comparison")
    comparison = DEFAULT_COMPARISON if is_missing(comparison) else str(comparison)
    return key, unit, direction, comparison


def _period_label(key: str, tertial: Tertial) -> str:
    """Return the period a metric's result covers: the yearly source and its year, or the tertial."""
    return f"{_text.yearly_source(key)} {reported_year(tertial)}" if _text.is_yearly(key) else tertial.label()


def _assess_indicator(
    indicator: dict,
    key: str,
    unit: str | None,
    direction: str,
    tertial: Tertial,
    result: float | None,
    target: Target | None,
    target_value: float | None,
) -> Assessment:
    """Return the `assess` status of an indicator's result, with the indicator's own thresholds."""
    return assess(
        result,
        target_value,
        direction,
        unit,
        indicator.get("threshold_met"),
        indicator.get("threshold_partly"),
        period_label=_period_label(key, tertial),
        target_note=describe_target(target, unit),
    )


def _indicator_columns(indicator: dict, key: str, unit: str | None, direction: str, comparison: str) -> dict:
    """Return the scorecard columns that describe the indicator itself (id, texts and settings)."""
    return {
        "indicator_id": str(indicator["indicator_id"]),
        "text": indicator.get("text"),
        "goal": indicator.get("goal"),
        "area": indicator.get("area"),
        "metric": key,
        "unit": unit,
        "direction": direction,
        "comparison": comparison,
    }


def evaluate_indicator(
    indicator: dict, target_text: str | None, dataset: Dataset, tertial: Tertial, cache: dict | None = None
) -> dict:
    """Evaluate one indicator row for a tertial.

    Args:
        indicator: one row of the Mätetal frame as a mapping.
        target_text: the target for the tertial's year as written (None = none).
        dataset: the loaded data.
        tertial: the period.
        cache: optional dict memoising metric values across indicators.

    Returns:
        The scorecard row as a dict (see `scorecard` for the keys).
    """
    value = _metric_reader(dataset, {} if cache is None else cache)
    key, unit, direction, comparison = _indicator_settings(indicator)

    result = value(key, tertial)
    prev = value(key, tertial.previous())
    last_year = value(key, tertial.same_period_last_year())
    cmp_t = comparison_tertial(tertial, comparison, key)
    cmp_value = value(key, cmp_t)
    of_key = _text.out_of_metric(key, str(indicator.get("text") or ""))
    out_of = value(of_key, tertial) if of_key else None
    beside = value(_text.BESIDE[key], tertial) if key in _text.BESIDE else None

    target = parse_target(target_text, unit)
    if target is None and direction == "balans":  # plan 001's 1.4 "ekonomi i balans": balance is 0, as 003's 0 kr
        target = parse_target("0 kr" if unit == "kr" else "0", unit)
    tv = _target_value(target, key, tertial, value)

    a = _assess_indicator(indicator, key, unit, direction, tertial, result, target, tv)
    reference = value(target.metric or "", tertial) if target is not None and target.kind == "share_of_metric" else None
    if reference is not None and tertial.number < 3 and a.status != INGET_RESULTAT:
        # 003's 2.2: "Målet är att 50 % av det totala beloppet … ska bli beviljat under året" — a goal
        # for the year, with most applications still undecided: 003 grades neither row in tertial 2
        yearly_rule = (
            f"målet är att {describe_target(target, unit)} ska bli {'beviljade' if unit == 'st' else 'beviljat'} under året; "
            "det bedöms när året är slut"
        )
        a = _assessment(EJ_BEDOMT, f"{yearly_rule[0].upper()}{yearly_rule[1:]}: {EJ_BEDOMT}")
    elif reference is not None and tv is not None:  # the Målvärde column shows the reference: the rule names the share
        yearly_rule = (
            short_rule(tv, direction, unit, indicator.get("threshold_met"), indicator.get("threshold_partly")) or ""
        ).replace("mål ", f"mål {describe_target(target, unit)}, ", 1) or None
    else:
        yearly_rule = None
    arrow = trend_arrow(result, cmp_value, unit, indicator.get("trend_threshold"))
    sentence = _text.result_text(
        metric=key,
        unit=unit,
        tertial=tertial,
        result=result,
        previous=prev,
        last_year=last_year,
        status=a.status,
        target=tv,
        indicator_text=str(indicator.get("text") or ""),
        of=out_of,
        beside=beside,
        of_before=(value(of_key, tertial.previous()), value(of_key, tertial.same_period_last_year()))
        if of_key
        else (None, None),
    )
    return {
        **_indicator_columns(indicator, key, unit, direction, comparison),
        "target_text": None if target is None else target.text,
        "target_description": describe_target(target, unit),
        "target": tv,
        "target_reference": reference,
        "result": result,
        "result_of": out_of,
        "status": a.status,
        "symbol": a.symbol,
        "label": a.label,
        "previous_tertial_value": prev,
        "same_period_last_year_value": last_year,
        "comparison_tertial": cmp_t.label(),
        "comparison_value": cmp_value,
        "trend": arrow,
        "rule": a.rule,
        "rule_short": yearly_rule
        or short_rule(
            tv,
            direction,
            unit,
            indicator.get("threshold_met"),
            indicator.get("threshold_partly"),
            indicator.get("balance_tolerance"),
        ),
        "result_text": sentence,
    }


SCORECARD_COLUMNS = [
    "indicator_id",
    "text",
    "goal",
    "area",
    "metric",
    "unit",
    "direction",
    "comparison",
    "target_text",
    "target_description",
    "target",
    "target_reference",
    "result",
    "result_of",
    "status",
    "symbol",
    "label",
    "previous_tertial_value",
    "same_period_last_year_value",
    "comparison_tertial",
    "comparison_value",
    "trend",
    "rule",
    "rule_short",
    "result_text",
]


def indicators_for_year(indicators: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return the indicators valid in a year: first year (empty = from the start) ≤ year ≤ last
    year (empty = until further notice). Frames without the columns are returned whole."""
    if indicators is None or indicators.empty or "first_year" not in indicators.columns:
        return indicators
    first = indicators["first_year"].astype("Int64").fillna(year)
    last = indicators["last_year"].astype("Int64").fillna(year)
    return indicators[((first <= year) & (last >= year)).astype(bool)]


def _plan_years(dataset: Dataset) -> set[int]:
    """Return the years some indicator or plan goal is explicitly valid in (Första år/Sista år)."""
    years: set[int] = set()
    for frame in (dataset.indicators, dataset.plan_goals):
        if frame is None or frame.empty or "first_year" not in frame.columns:
            continue
        for first, last in zip(frame["first_year"], frame["last_year"]):
            if pd.notna(first) and pd.notna(last):
                years.update(range(int(first), int(last) + 1))
    return years


def plan_year(dataset: Dataset, year: int) -> int:
    """Return the year whose plan a report for `year` follows: `year` itself when some indicator or
    goal is valid then (or open-ended); after the last plan in matetal.xlsx, the last plan's final
    year (a plan stays in force until a new one is entered), before the first, the first plan's."""
    covered = _plan_years(dataset)
    if not covered or year in covered or not indicators_for_year(dataset.indicators, year).empty:
        return year
    earlier = [y for y in covered if y < year]
    return max(earlier) if earlier else min(covered)


def plan_note(dataset: Dataset, year: int) -> str | None:
    """Return the Swedish note for a report that follows another year's plan (see `plan_year`),
    given the dataset `for_year` returned; None when the plan is the year's own."""
    ind = dataset.indicators
    if ind is None or ind.empty or "first_year" not in ind.columns or not indicators_for_year(ind, year).empty:
        return None
    first, last = ind["first_year"].dropna(), ind["last_year"].dropna()
    start = f"{int(first.min())}" if len(first) else ""
    end = f"{int(last.max())}" if len(last) else ""
    span = (
        f"{start}–{end}" if start and end else (f"åren från och med {start}" if start else f"åren till och med {end}")
    )
    return f"Det finns ännu ingen verksamhetsplan för {year}, så rapporten följer planen för {span}."


def empty_period_note(dataset: Dataset, period: Tertial) -> str | None:
    """Return the Swedish warning for a period with no records at all (no dated meeting, course,
    grant or economy record, and no mätetal with a result: the chapters then say "Underlaget har
    inga uppgifter"); None when it has some. `dataset` as `for_year` returned it."""
    from kuanalys.periods import data_dates

    if period.in_period(data_dates(dataset)).any():
        return None
    card = scorecard(dataset, period)
    earlier = len(card) and (card["status"] != "inget resultat").any()  # a yearly measure's latest year
    return (
        f"Varning: {period.label()} ({period.months_label()}) har inga poster i indata: inga möten, kurser, "
        "ansökningar eller ekonomiuppgifter"
        + (
            ". Rapporten visar bara årsmått från tidigare år (enkät, projekt, personal) och säger i inledningen hur "
            "långt underlaget når"
            if earlier
            else " och inget mätetal med resultat. Rapporten publiceras med tomma avsnitt"
        )
        + "; kontrollera perioden (--year, --tertial) och indatafilerna."
    )


def for_year(dataset: Dataset, year: int) -> Dataset:
    """Return the dataset with only the indicators and plan goals (sheet Mål) valid in the plan
    year of `year` (`plan_year`: their Första år/Sista år), so a report's chapters follow the plan
    of its year, or the last plan when none is entered for the year yet."""
    import dataclasses

    year = plan_year(dataset, year)
    goals = dataset.plan_goals
    if goals is not None and not goals.empty and "first_year" in goals.columns:
        goals = indicators_for_year(goals, year)
    return dataclasses.replace(dataset, indicators=indicators_for_year(dataset.indicators, year), plan_goals=goals)


def metric_key_problems(dataset: Dataset) -> list[str]:
    """Return a Swedish message for each indicator whose metric key reads something that does not
    exist: an unknown key, a survey question not in the Frågor sheet, a network type not in
    `spec.NETWORK_TYPES`, or a network not in the register."""
    from kuanalys.spec import NETWORK_TYPES

    out: list[str] = []
    questions = set() if dataset.survey_questions.empty else set(dataset.survey_questions["question_id"].astype(str))
    networks = set() if dataset.networks.empty else set(dataset.networks["network"].astype(str))
    for iid, key in zip(dataset.indicators["indicator_id"], dataset.indicators["metric"]):
        key = str(key).strip()
        where = f"Mätetalet '{iid}' läser '{key}'"
        try:
            resolve_metric(key)
        except KuanalysError as exc:
            out.append(f"{where}: {exc}")
            continue
        base, _, param = key.partition(":")
        if base == "survey.very_satisfied_type":
            typ, _, param = param.partition(":")
            if typ.strip() not in NETWORK_TYPES:
                out.append(f"{where}: nätverkstypen '{typ.strip()}' finns inte.")
        if base.startswith("survey.") and param.strip() != "*":
            missing = [q.strip() for q in param.split("+") if q.strip() and q.strip() not in questions]
            if missing:
                out.append(f"{where}: frågan {', '.join(missing)} finns inte i enkätens blad Frågor.")
        if base == "attendance.network" and param.strip() not in networks:
            out.append(f"{where}: nätverket finns inte i nätverksregistret.")
        if base == "attendance.type" and param.strip() not in NETWORK_TYPES:
            out.append(f"{where}: nätverkstypen '{param.strip()}' finns inte.")
    return out


def scorecard(dataset: Dataset, tertial: Tertial, indicator_ids: set[str] | None = None) -> pd.DataFrame:
    """Return the scorecard: one row per indicator valid in the tertial's year (columns Första år
    and Sista år of the Mätetal sheet), in the sheet's order.

    Args:
        dataset: the loaded data (uses `indicators` and `targets` plus the tables the metrics read).
        tertial: the period.
        indicator_ids: only these indicators (e.g. one chapter's); None = all.

    Returns:
        Columns `indicator_id`, `text`, `goal`, `area`, `metric`, `unit`, `direction`,
        `comparison`, `target_text` (as written), `target` (its value for the tertial),
        `result` (NA = inget resultat), `result_of` (Y of a count shown "X av Y", else NA), `status`, `symbol`, `label`,
        `previous_tertial_value`, `same_period_last_year_value`, `comparison_tertial`,
        `comparison_value` (what the arrow compares with), `trend`, `rule`, `rule_short` (the rule in
        short form, "mål 80 %: delvis vid minst 60 %"), `result_text`.
        Values are fractions for %-indicators.
    """
    targets = _targets_for(dataset, tertial.year)
    cache: dict = {}
    indicators = indicators_for_year(dataset.indicators, plan_year(dataset, tertial.year))
    if indicator_ids is not None:
        indicators = indicators[indicators["indicator_id"].astype(str).isin(indicator_ids)]
    rows = [
        evaluate_indicator(ind, targets.get(str(ind["indicator_id"]).strip()), dataset, tertial, cache)
        for ind in indicators.to_dict("records")
    ]
    out = pd.DataFrame(rows, columns=SCORECARD_COLUMNS)
    for c in (
        "target",
        "result",
        "result_of",
        "previous_tertial_value",
        "same_period_last_year_value",
        "comparison_value",
    ):
        out[c] = pd.array([pd.NA if v is None else v for v in out[c]], dtype="Float64")
    return out


__all__ = [
    "METRICS",
    "METRIC_NAMES",
    "PARAMETRIC_METRICS",
    "describe_target",
    "SYMBOLS",
    "LABELS",
    "COLOURS",
    "STATUSES",
    "ARROWS",
    "BALANCE_TOLERANCE",
    "Target",
    "Assessment",
    "resolve_metric",
    "metric_keys",
    "metric_value",
    "parse_target",
    "target_value",
    "assess",
    "trend_arrow",
    "same_at_display",
    "comparison_tertial",
    "evaluate_indicator",
    "scorecard",
    "indicators_for_year",
    "metric_key_problems",
    "metric_target",
    "indicator_target",
    "attendance_target",
    "network_targets",
    "grant_success_targets",
]
