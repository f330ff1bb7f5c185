"""Sample courses and course participants (kurser.xlsx): bilaga 2 of the published report and generated courses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kuanalys.organisations import (
    ORGANISATION_ORDER,
    ORGANISATIONS,
    organisation_dtype,
    organisation_name_dtype,
)
from kuanalys.sample import records as rec
from kuanalys.spec import (
    COURSE_KINDS,
)

_KK_TITLES: tuple[str, ...] = (
    "Dokumentation enligt SoL och LSS",
    "Handläggning och dokumentation inom barn och unga",
    "Drogkunskap för socialtjänsten",
    "Spel om pengar – kartläggning och behandling",
    "Metodstöd ASI – grundutbildning",
    "Motiverande samtal (MI), grundkurs",
    "Lågaffektivt bemötande",
    "Offentlighet och sekretess i kommunal verksamhet",
    "Kommunallagen för nya chefer",
    "Arbetsmiljöansvar för chefer",
    "Förvaltningslagen i praktiken",
    "Upphandling för beställare",
    "Hot och våld i arbetet",
    "Trygghetsskapande teknik i hemtjänsten",
    "Demens – bemötande och omvårdnad",
    "Läkemedelshantering i kommunal hälso- och sjukvård",
    "Barnkonventionen blir lag",
    "Våld i nära relationer – grundkurs",
    "Samordnad individuell plan (SIP)",
    "Skriva utredningar inom LSS",
    "GDPR i vardagen",
    "Klarspråk i myndighetstexter",
    "Ekonomiskt bistånd – aktuell rättspraxis",
    "Föräldrabalken för socialsekreterare",
    "Konstgräsplaner – skötsel steg 1",
    "Livsmedelskontroll – provtagning",
    "Miljöbalken för inspektörer",
    "Ledarskap i förändring",
    "Medarbetarsamtal och lönesamtal",
    "Excel för ekonomer",
    "Brandskydd och utrymning",
    "Första hjälpen och HLR för vuxna",
    "Sociala medier i offentlig verksamhet",
    "Mötesteknik och facilitering",
    "Anhörigstöd – att se hela familjen",
    "Suicidprevention – grundutbildning",
    "Neuropsykiatriska funktionsnedsättningar",
    "Skolans krisberedskap",
    "Elevhälsans uppdrag",
    "Fritidsgårdens pedagogik",
    "Idrottsplatsvaktmästare – grundkurs",
    "Badpersonal – livräddning och tillsyn",
    "Bostadsanpassning – regelverk",
    "Tolkanvändning i socialt arbete",
)
_DIGITAL_TITLES = ("GDPR i vardagen", "Klarspråk i myndighetstexter", "Sociala medier i offentlig verksamhet")
_FOURUM_TITLES: tuple[str, ...] = (
    "Länsdialog barn och unga",
    "Lärandeseminarium familjehemsvård",
    "Temadag psykisk hälsa",
    "Nätverksdag öppenvård barn och unga",
    "Seminarium samordnad vårdplanering",
    "Resultatseminarium SE/IPS",
    "Temadag våldsutsatta barn",
    "Utbildningsdag MIX",
    "Konferens missbruk och beroende",
    "Workshop brukarinflytande",
    "Seminarium äldres hälsa",
    "Peer support – utbildningsdag",
    "Temadag hemmaplanslösningar",
    "Erfarenhetsutbyte försörjningsstöd",
    "Kunskapsdag funktionshinder",
    "Seminarium ungdomsmottagningar",
    "Utbildningsdag IMR",
    "Temadag anhörigstöd",
    "Nätverksdag myndighetsutövning",
    "Seminarium jämlik biståndsbedömning",
    "Lärandeseminarium patientkontrakt",
    "Temadag suicidprevention",
    "Konferens eHälsa",
    "Kunskapsdag Barnahus",
    "Seminarium socialt arbete och forskning",
)
_CHANGE_TITLES: tuple[str, ...] = (
    "Erkännande i praktiken",
    "Andraspråksinlärning i vardagen",
    "Interkulturellt bemötande",
    "Nyanländas lärande",
    "Värdegrund och mångfald",
    "Integrationsuppdraget – samordning",
    "Handledning erkännandemodellen",
    "Språkutvecklande arbetssätt",
)
_MILJO_TITLES = (
    "Tillsynskampanj hygien på gym och idrottsanläggningar",
    "Tillsynskampanj förbränningsanläggningar",
    "Nyckeltal för miljötillsyn – inmatningsdag",
    "Livsmedelskontroll – kalibrering",
)


@dataclass
class _Course:
    course_id: str
    title: str
    date: pd.Timestamp
    organiser: str
    kind: str
    digital: bool = False
    cancelled: bool = False
    fee: int | None = None
    external_fee: int | None = None
    total: int = 0
    by_org: dict[str, int] = field(default_factory=dict)


def _spread_dates(rng: np.random.Generator, n: int, start: str, end: str) -> list[pd.Timestamp]:
    """Return n sorted weekdays drawn between start and end (inclusive)."""
    days = pd.bdate_range(start, end)
    picks = np.sort(rng.choice(len(days), size=n, replace=n > len(days)))
    return [days[int(i)] for i in picks]


def _sizes(rng: np.random.Generator, n: int, total: int, minimum: int) -> list[int]:
    """Return n integers ≥ minimum that sum to total (a seeded random split)."""
    if n == 0:
        return []
    extra = rng.multinomial(total - n * minimum, rng.dirichlet(np.full(n, 2.0)))
    return [int(minimum + x) for x in extra]


def _split_by_org(rng: np.random.Generator, sizes: list[int], pool: dict[str, int]) -> list[dict[str, int]]:
    """Return participants per organisation for each course so that the pool is used exactly."""
    codes = [c for c in ORGANISATION_ORDER if pool.get(c, 0) > 0]
    left = np.array([pool[c] for c in codes], dtype=np.int64)
    out = []
    for size in sizes:
        draw = rng.multivariate_hypergeometric(left, size)
        left -= draw
        out.append({codes[i]: int(x) for i, x in enumerate(draw) if x > 0})
    return out


def _kk_courses(
    rng: np.random.Generator,
    start: str,
    end: str,
    n_held: int,
    pool: dict[str, int],
    n_cancelled: int,
    n_digital: int,
    fixed: Sequence[tuple] = (),
) -> list[_Course]:
    """Return Kurs och konferens courses: held ones use up `pool` exactly; cancelled have none."""
    n_free = n_held - len(fixed)
    total = sum(pool.values()) - sum(f[2] for f in fixed)
    sizes = [f[2] for f in fixed] + _sizes(rng, n_free, total, 4)
    titles = list(rng.permutation(np.array(_KK_TITLES)))
    digital_titles = [t for t in titles if t in _DIGITAL_TITLES][:n_digital]
    other_titles = [t for t in titles if t not in digital_titles]
    dates = _spread_dates(rng, n_held + n_cancelled, start, end)
    order = rng.permutation(n_held + n_cancelled)
    courses = []
    splits = _split_by_org(rng, sizes, pool)
    for i in range(n_held + n_cancelled):
        date = dates[int(order[i])]
        held = i < n_held
        if i < len(fixed):
            title, fee, _, ext = fixed[i]
        else:
            title = (
                digital_titles[i - len(fixed)]
                if 0 <= i - len(fixed) < len(digital_titles)
                else other_titles[i % len(other_titles)]
            )
            fee = int(rng.integers(12, 60)) * 100 + 50 * int(rng.integers(0, 2))
            ext = int(round(fee * rng.uniform(1.2, 2.2), -2)) if rng.random() < 0.25 else None
        by_org = splits[i] if held else {}
        courses.append(
            _Course(
                "",
                title,
                date,
                "Kurs och konferens",
                "kurs",
                digital=held and title in digital_titles,
                cancelled=not held,
                fee=fee,
                external_fee=ext,
                total=sum(by_org.values()),
                by_org=by_org,
            )
        )
    return courses


def _uppdrag(
    rng: np.random.Generator,
    organiser: str,
    titles: Sequence[str],
    n: int,
    total: int,
    start: str,
    end: str,
    fixed: Sequence[tuple[str, str, int]] = (),
) -> list[_Course]:
    """Return uppdrag with totals only; `fixed` holds (title, date, participants) records."""
    sizes = [f[2] for f in fixed] + _sizes(rng, n - len(fixed), total - sum(f[2] for f in fixed), 12)
    dates = [pd.Timestamp(f[1]) for f in fixed] + _spread_dates(rng, n - len(fixed), start, end)
    names = [f[0] for f in fixed] + [titles[i % len(titles)] for i in range(n - len(fixed))]
    return [_Course("", names[i], dates[i], organiser, "uppdrag", total=sizes[i]) for i in range(n)]


def _scaled_pool(rng: np.random.Generator, total: int) -> dict[str, int]:
    """Return a participant pool of `total` split like bilaga 2 (with seeded noise)."""
    base = np.array([rec.PARTICIPANTS_2019_H1[c] for c in ORGANISATION_ORDER], dtype=float)
    probs = rng.dirichlet(base * 4)
    counts = rng.multinomial(total, probs)
    return {c: int(x) for c, x in zip(ORGANISATION_ORDER, counts)}


def courses_frames(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the tidy courses and course participants frames."""
    rng = np.random.default_rng([seed, 2])
    courses = _courses_2018(rng)
    courses += _courses_2019_h1(rng)
    courses = _numbered(courses)
    return _courses_frame(courses), _participants_frame(courses)


def _courses_2018(rng: np.random.Generator) -> list[_Course]:
    """Return the courses and uppdrag of the first half and of tertial 3 of 2018."""
    courses: list[_Course] = []
    # First half of 2018: 44 courses (610 participants) + 4 + 20 + 23 uppdrag = 91 and 3 746.
    courses += _kk_courses(rng, "2018-01-15", "2018-06-15", 44, _scaled_pool(rng, 610), 4, 1)
    courses += _uppdrag(rng, "Miljösamverkan", _MILJO_TITLES, 4, 180, "2018-02-01", "2018-06-10")
    courses += _uppdrag(rng, "FoUrum social välfärd", _FOURUM_TITLES, 20, 1_256, "2018-01-20", "2018-06-15")
    courses += _uppdrag(rng, "CHANGE", _CHANGE_TITLES, 23, 1_700, "2018-01-20", "2018-06-15")
    # Tertial 3 2018.
    courses += _kk_courses(rng, "2018-09-03", "2018-12-07", 24, _scaled_pool(rng, 318), 2, 1)
    courses += _uppdrag(rng, "Miljösamverkan", _MILJO_TITLES, 1, 45, "2018-10-01", "2018-11-30")
    courses += _uppdrag(rng, "FoUrum social välfärd", _FOURUM_TITLES, 9, 470, "2018-09-10", "2018-12-10")
    courses += _uppdrag(rng, "CHANGE", _CHANGE_TITLES, 8, 560, "2018-09-10", "2018-12-10")
    return courses


def _courses_2019_h1(rng: np.random.Generator) -> list[_Course]:
    """Return the courses and uppdrag of the first half of 2019."""
    # First half of 2019 (nothing in July–August): bilaga 2 and the uppdrag exactly.
    courses = _kk_courses(
        rng,
        "2019-01-14",
        "2019-06-14",
        rec.KK_COURSES_2019_H1,
        rec.PARTICIPANTS_2019_H1,
        rec.CANCELLED_2019_H1,
        3,
        fixed=rec.FEE_COURSES,
    )
    for organiser, (total, n) in rec.UPPDRAG_2019_H1.items():
        titles = {"Miljösamverkan": _MILJO_TITLES, "FoUrum social välfärd": _FOURUM_TITLES, "CHANGE": _CHANGE_TITLES}[
            organiser
        ]
        fixed: tuple = ()
        if organiser == "FoUrum social välfärd":
            fixed = (("Synapsen – konferens i samarbete med Region Halland", "2019-03-27", rec.SYNAPSEN_PARTICIPANTS),)
        elif organiser == "CHANGE":
            fixed = (("CHANGE slutseminarium", "2019-05-23", 180),)
        courses += _uppdrag(rng, organiser, titles, n, total, "2019-01-15", "2019-06-14", fixed=fixed)
    return courses


def _numbered(courses: list[_Course]) -> list[_Course]:
    """Return the courses sorted by date, kind, organiser and title, each with its id (K2019-001, U2019-001)."""
    courses = sorted(courses, key=lambda c: (c.date, c.kind, c.organiser, c.title))
    counters: dict[tuple[int, str], int] = {}
    for course in courses:
        prefix = "K" if course.kind == "kurs" else "U"
        counters[(course.date.year, prefix)] = counters.get((course.date.year, prefix), 0) + 1
        course.course_id = f"{prefix}{course.date.year}-{counters[(course.date.year, prefix)]:03d}"
    return courses


def _courses_frame(courses: list[_Course]) -> pd.DataFrame:
    """Return the tidy courses frame of numbered courses."""
    return pd.DataFrame(
        {
            "course_id": pd.Series([c.course_id for c in courses], dtype="str"),
            "title": pd.Series([c.title for c in courses], dtype="str"),
            "course_date": pd.to_datetime([c.date for c in courses]),
            "organiser": pd.Categorical([c.organiser for c in courses]),
            "kind": pd.Categorical([c.kind for c in courses], categories=list(COURSE_KINDS)),
            "digital": [c.digital for c in courses],
            "cancelled": [c.cancelled for c in courses],
            "fee_per_participant": pd.array([c.fee for c in courses], dtype="Int64"),
            "external_fee_per_participant": pd.array([c.external_fee for c in courses], dtype="Int64"),
            "participants_total": pd.array([c.total for c in courses], dtype="Int64"),
        }
    )


def _participants_frame(courses: list[_Course]) -> pd.DataFrame:
    """Return the tidy course participants frame: a row per numbered course and organisation that took part."""
    part_rows = [
        (c.course_id, org, ORGANISATIONS[org], n)
        for c in courses
        for org in ORGANISATION_ORDER
        if (n := c.by_org.get(org, 0)) > 0
    ]
    participants = pd.DataFrame(part_rows, columns=["course_id", "org_code", "organisation", "participants"])
    participants["course_id"] = participants["course_id"].astype("str")
    participants["org_code"] = participants["org_code"].astype(organisation_dtype())
    participants["organisation"] = participants["organisation"].astype(organisation_name_dtype())
    participants["participants"] = participants["participants"].astype("Int64")
    return participants
