"""Sample attendance: constructed meetings of 2018–2019 and generated history before 2018 (`years`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kuanalys.organisations import (
    EXTERNAL_CODE,
    KOMMUNER,
    ORGANISATIONS,
    REGION_CODE,
    organisation_dtype,
    organisation_name_dtype,
)
from kuanalys.sample.networks import KOMMUN_CODES, NetworkDef, networks_with_copies
from kuanalys.spec import (
    GENDERS,
    MEETING_FORMATS,
)


@dataclass(frozen=True)
class MeetingDef:
    """One meeting: date, format and how many seats were empty.

    `region_seats=None` means the network's default number of Region seats.
    """

    date: str
    meeting_format: str
    kommun_absent: int
    region_absent: int = 0
    external_absent: int = 0
    region_seats: int | None = None


def _m(
    date: str,
    kommun_absent: int,
    region_absent: int = 0,
    *,
    fmt: str = "fysiskt",
    region_seats: int | None = None,
    external_absent: int = 0,
) -> MeetingDef:
    return MeetingDef(date, fmt, kommun_absent, region_absent, external_absent, region_seats)


# Meetings in tertial 1–2 2019 and tertial 2 2018, constructed to reproduce section 3.2–3.3.
# Tertial 1 and 3 of 2018 are generated (`_generated_meetings`) since no figure depends on them.
_MEETINGS: dict[str, tuple[MeetingDef, ...]] = {
    "PKS": (
        _m("2018-06-14", 6),
        _m("2019-02-14", 5),
        _m("2019-04-11", 6),
        _m("2019-06-13", 4),
    ),
    "Reko": (
        _m("2018-05-25", 5, 3, region_seats=10),
        _m("2019-01-25", 3, 2),
        _m("2019-03-01", 3, 2),
        _m("2019-04-05", 4, 2, fmt="hybrid"),
        _m("2019-05-24", 5, 3, fmt="hybrid"),
    ),
    "Strategigrupp barn och unga": (
        _m("2018-05-17", 3, 2),
        _m("2018-06-19", 4, 2),
        _m("2019-02-07", 2, 1, region_seats=6),
        _m("2019-04-04", 2, 1),
        _m("2019-05-16", 2, 1),
    ),
    "Strategigrupp äldre": (
        _m("2018-05-08", 2, 2),
        _m("2018-06-12", 2, 3),
        _m("2019-03-12", 2, 3),
        _m("2019-05-09", 2, 4),
        _m("2019-06-11", 2, 4),
    ),
    "Strategigrupp psykiatri/missbruk": (
        _m("2018-06-05", 4, 4, region_seats=9),
        _m("2019-03-05", 4, 5, region_seats=12),
        _m("2019-06-04", 4, 4, fmt="hybrid"),
    ),
    "Chefsnätverk äldre": (
        _m("2018-05-15", 4),
        _m("2018-08-21", 5),
        _m("2019-01-15", 1),
        _m("2019-03-19", 2),
        _m("2019-05-07", 1),
        _m("2019-08-27", 2),
    ),
    "Chefsnätverk barn och unga": (
        _m("2018-05-22", 5),
        _m("2019-02-12", 2),
        _m("2019-04-16", 3),
        _m("2019-05-21", 3),
    ),
    "Chefsnätverk psykiatri": (
        _m("2018-06-06", 4),
        _m("2019-02-06", 2),
        _m("2019-04-03", 2),
        _m("2019-06-05", 1),
    ),
    "Chefsnätverk missbruk": (
        _m("2018-05-29", 2),
        _m("2018-08-28", 3),
        _m("2019-02-26", 3),
        _m("2019-05-28", 3),
    ),
    "Chefsnätverk funktionshinder": (
        _m("2018-06-13", 7),
        _m("2019-03-13", 2),
        _m("2019-06-12", 3),
    ),
    "Chefsnätverk myndighetschefer": (
        _m("2018-05-16", 5),
        _m("2019-02-20", 3),
        _m("2019-05-15", 4),
    ),
    "Chefsnätverk försörjningsstöd": (
        _m("2018-05-24", 4),
        _m("2019-01-24", 1),
        _m("2019-03-28", 2),
        _m("2019-05-23", 0),
    ),
    "Chefsnätverk arbetsmarknad": (
        _m("2018-06-19", 3),
        _m("2019-02-21", 3),
        _m("2019-06-18", 5),
    ),
    "Chefsnätverk eHälsa": (
        _m("2018-05-14", 3, 0, fmt="digitalt"),
        _m("2019-01-30", 2, 0),
        _m("2019-04-10", 3, 1, fmt="digitalt"),
        _m("2019-05-13", 3, 1, fmt="digitalt"),
    ),
    "Styrgrupp Miljösamverkan": (
        _m("2018-05-04", 4, external_absent=1),
        _m("2019-02-08", 2),
        _m("2019-04-12", 2, external_absent=1),
        _m("2019-05-03", 3, external_absent=1),
        _m("2019-08-29", 2),
    ),
    "Skolchefer FoUrum utbildning": (
        _m("2018-06-08", 6),
        _m("2019-03-08", 2),
        _m("2019-06-07", 1),
    ),
    "Fritidschefer FoUrum fritid": (
        _m("2018-05-18", 2),
        _m("2019-03-22", 3),
        _m("2019-05-17", 3),
    ),
    "Styrgrupp FoUrum social välfärd": (
        _m("2018-06-15", 2),
        _m("2019-01-31", 2),
        _m("2019-03-27", 3),
        _m("2019-06-14", 3),
    ),
    "Utvecklingsledare socialtjänst": (_m("2018-05-30", 5),),
}

# Absent kommun seats per kommun in tertial 2 (they sum to the meetings' absent kommun seats).
# 2019: Nässjö 2 of 23 seats (91 %) is the highest, Mullsjö 7 of 23 (70 %) the lowest.
# 2018: Nässjö 4 of 24 (83 %); eight kommuner attend more in 2019 than in 2018.
_KOMMUN_ABSENCES: dict[str, dict[str, int]] = {
    "2019-T2": {
        "0604": 5,
        "0686": 4,
        "0662": 4,
        "0617": 6,
        "0643": 3,
        "0680": 5,
        "0642": 7,
        "0682": 2,
        "0684": 4,
        "0687": 5,
        "0665": 4,
        "0685": 4,
        "0683": 3,
    },
    "2018-T2": {
        "0604": 5,
        "0686": 9,
        "0662": 9,
        "0617": 5,
        "0643": 9,
        "0680": 10,
        "0642": 5,
        "0682": 4,
        "0684": 9,
        "0687": 4,
        "0665": 9,
        "0685": 3,
        "0683": 9,
    },
}
# Men among the present kommun representatives at PKS in tertial 2 2019 (11 of 35 = 31 %).
_PKS_MEN_T2_2019 = 11
# Relative propensity to miss a meeting, used where no quota applies.
_ABSENCE_PROPENSITY: dict[str, float] = {
    "0604": 1.1,
    "0686": 1.0,
    "0662": 0.9,
    "0617": 1.4,
    "0643": 1.0,
    "0680": 0.8,
    "0642": 1.6,
    "0682": 0.7,
    "0684": 1.0,
    "0687": 1.2,
    "0665": 0.9,
    "0685": 1.0,
    "0683": 0.8,
}
_GENERATED_MONTHS = {"2018-T1": (2, 3), "2018-T3": (9, 11)}


def _weekday(date: pd.Timestamp) -> pd.Timestamp:
    """Return the date moved forward to a weekday (Monday for Saturday/Sunday)."""
    while date.day_of_week >= 5:
        date += pd.Timedelta(days=1)
    return date


def _generated_meetings(rng: np.random.Generator, network: NetworkDef, index: int, base: str) -> list[MeetingDef]:
    """Return plausible meetings for tertial 1 and 3 of 2018 (no published figure depends on them).

    `base` is the name of the original network (a scaled copy meets like its original).
    """
    meetings = []
    for months in _GENERATED_MONTHS.values():
        for month in months:
            if base == "PKS" and month in (3, 11):
                continue
            day = 4 + (index * 3 + month) % 22
            date = _weekday(pd.Timestamp(2018, month, day))
            kommun_seats = sum(network.seats_of(c) for c in KOMMUN_CODES)
            k_abs = int(rng.binomial(kommun_seats, 0.28))
            r_abs = int(rng.binomial(network.region_seats, 0.3))
            e_abs = int(rng.binomial(network.external_seats, 0.5))
            fmt = "digitalt" if rng.random() < 0.08 else "fysiskt"
            meetings.append(MeetingDef(date.strftime("%Y-%m-%d"), fmt, k_abs, r_abs, e_abs, None))
    return meetings


def _tertial_key(date: pd.Timestamp) -> str:
    return f"{date.year}-T{(date.month - 1) // 4 + 1}"


@dataclass
class _Meeting:
    network: NetworkDef
    date: pd.Timestamp
    meeting_format: str
    seats: list[tuple[str, int]]  # (org_code, seat) of every invited seat
    kommun_absent: int
    region_absent: int
    external_absent: int
    absent: set[tuple[str, int]] = field(default_factory=set)


def _invited_seats(network: NetworkDef, region_seats: int) -> list[tuple[str, int]]:
    """Return the invited seats of a meeting: (org_code, seat number) in display order."""
    seats = [(code, s) for code in KOMMUN_CODES for s in range(1, network.seats_of(code) + 1)]
    seats += [(REGION_CODE, s) for s in range(1, region_seats + 1)]
    seats += [(EXTERNAL_CODE, s) for s in range(1, network.external_seats + 1)]
    return seats


def _build_meetings(
    rng: np.random.Generator, networks: Sequence[NetworkDef], *, copy_of: dict[str, str]
) -> list[_Meeting]:
    """Return every meeting of the networks with its invited seats (absences not yet chosen)."""
    meetings = []
    for index, network in enumerate(networks):
        base = copy_of.get(network.name, network.name)
        specs = list(_MEETINGS[base]) + _generated_meetings(rng, network, index, base)
        for spec in specs:
            region_seats = network.region_seats if spec.region_seats is None else spec.region_seats
            meetings.append(
                _Meeting(
                    network=network,
                    date=pd.Timestamp(spec.date),
                    meeting_format=spec.meeting_format,
                    seats=_invited_seats(network, region_seats),
                    kommun_absent=spec.kommun_absent,
                    region_absent=spec.region_absent,
                    external_absent=spec.external_absent,
                )
            )
    return meetings


def _allocate_by_quota(meetings: list[_Meeting], quotas: dict[str, int], rng: np.random.Generator) -> None:
    """Choose absent kommun seats so that each kommun misses exactly its quota of seats.

    Meetings with most absences are filled first; within a meeting the kommuner with the most
    quota left are chosen, preferring kommuner not yet absent from that meeting (ties broken by a
    seeded order). Raises ValueError if the quotas do not match the meetings.
    """
    left = dict(quotas)
    need = sum(m.kommun_absent for m in meetings)
    if need != sum(left.values()):
        raise ValueError(f"kommun quotas sum to {sum(left.values())}, meetings have {need} absent seats")
    tiebreak = {code: float(x) for code, x in zip(KOMMUN_CODES, rng.random(len(KOMMUN_CODES)))}
    order = sorted(
        range(len(meetings)), key=lambda i: (-meetings[i].kommun_absent, meetings[i].date, meetings[i].network.name)
    )
    for i in order:
        meeting = meetings[i]
        free = [seat for seat in meeting.seats if seat[0] in KOMMUNER]
        for _ in range(meeting.kommun_absent):
            absent_orgs = {org for org, _ in meeting.absent}
            candidates = {org for org, _ in free if left.get(org, 0) > 0}
            if not candidates:
                raise ValueError(f"cannot allocate absences for {meeting.network.name} {meeting.date:%Y-%m-%d}")
            org = min(candidates, key=lambda c: (c in absent_orgs, -left[c], tiebreak[c]))
            seat = max(s for s in free if s[0] == org)
            free.remove(seat)
            meeting.absent.add(seat)
            left[org] -= 1
    if any(left.values()):
        raise ValueError(f"kommun quotas not used up: {left}")


def _allocate_random(meeting: _Meeting, rng: np.random.Generator) -> None:
    """Choose absent kommun seats by the kommuner's propensity to miss meetings."""
    kommun_seats = [seat for seat in meeting.seats if seat[0] in KOMMUNER]
    weights = np.array([_ABSENCE_PROPENSITY[org] for org, _ in kommun_seats])
    picks = rng.choice(len(kommun_seats), size=meeting.kommun_absent, replace=False, p=weights / weights.sum())
    meeting.absent.update(kommun_seats[int(i)] for i in sorted(picks))


def _allocate_others(meeting: _Meeting, rng: np.random.Generator) -> None:
    """Choose the absent Region and external seats of a meeting."""
    for code, count in ((REGION_CODE, meeting.region_absent), (EXTERNAL_CODE, meeting.external_absent)):
        seats = [seat for seat in meeting.seats if seat[0] == code]
        if count > len(seats):
            raise ValueError(f"{meeting.network.name} {meeting.date:%Y-%m-%d}: {count} absent of {len(seats)} seats")
        picks = rng.choice(len(seats), size=count, replace=False) if count else []
        meeting.absent.update(seats[int(i)] for i in sorted(picks))


_GenderKey = tuple[str, str, int, int]  # (network, org_code, seat, year)


def _representative_genders(meetings: list[_Meeting], rng: np.random.Generator) -> dict[_GenderKey, str]:
    """Return the gender of the representative in each (network, org, seat, year): two in three women."""
    genders: dict[_GenderKey, str] = {}
    for meeting in meetings:
        for org, seat in meeting.seats:
            key = (meeting.network.name, org, seat, meeting.date.year)
            if key not in genders:
                genders[key] = "kvinna" if rng.random() < 0.66 else "man"
    return genders


def _genders(meetings: list[_Meeting], rng: np.random.Generator) -> dict[_GenderKey, str]:
    """Return the gender of the representative in each (network, org, seat, year).

    PKS in 2019 is constructed so that exactly 11 of the 35 present kommun representatives at
    the tertial 2 meeting are men.
    """
    genders = _representative_genders(meetings, rng)
    pks_t2 = [m for m in meetings if m.network.name == "PKS" and _tertial_key(m.date) == "2019-T2"]
    for meeting in pks_t2:
        present = [s for s in meeting.seats if s[0] in KOMMUNER and s not in meeting.absent]
        men = set(int(i) for i in rng.choice(len(present), size=_PKS_MEN_T2_2019, replace=False))
        for i, (org, seat) in enumerate(present):
            genders[("PKS", org, seat, 2019)] = "man" if i in men else "kvinna"
    return genders


def _records_gender(network: NetworkDef, year: int) -> bool:
    """True where the attendance workbook records gender (2018 and the generated years before, the long layout in 2019)."""
    return year <= FIRST_SAMPLE_YEAR or network.layout_2019 != "matrix"


# --- Generated history before 2018 (years > 1) ----------------------------------------------------
FIRST_SAMPLE_YEAR = 2018  # the first year of the constructed sample; generated years come before it
# Generator streams: [seed, 1] attendance 2018–2019, [seed, 2] courses, [seed, 3, year(, network)] history.
_HISTORY_STREAM = 3
# Meetings per year by network type (inclusive range).
_HISTORY_MEETINGS: dict[str, tuple[int, int]] = {
    "PKS": (4, 5),
    "Reko": (8, 9),
    "strategigrupp": (8, 9),
    "chefsnätverk": (8, 10),
    "styrgrupp": (6, 8),
    "kommundirektörer": (6, 8),
    "övrigt": (5, 5),
}
# Where meetings may fall in each tertial (month-day): none in July, none over Christmas and New Year.
_HISTORY_TERTIALS = (("01-08", "04-30"), ("05-01", "08-31"), ("09-01", "12-18"))
_REMOTE_FROM_YEAR = 1999  # digital and hybrid meetings grow from ~1 % in this year to ~12 % in 2017


def history_years(years: int) -> list[int]:
    """Return the generated years of `years` years of history: the `years − 1` years before 2018, oldest first."""
    if years < 1:
        raise ValueError("years must be at least 1")
    return list(range(FIRST_SAMPLE_YEAR - (years - 1), FIRST_SAMPLE_YEAR))


def _history_dates(rng: np.random.Generator, year: int, count: int) -> list[pd.Timestamp]:
    """Return `count` weekdays of `year`, spread over the three tertials and evenly within each (none in July)."""
    per_tertial = [count // 3] * 3
    for t in rng.choice(3, size=count % 3, replace=False):
        per_tertial[int(t)] += 1
    dates = []
    for (start, end), n in zip(_HISTORY_TERTIALS, per_tertial):
        days = pd.bdate_range(f"{year}-{start}", f"{year}-{end}")
        days = days[days.month != 7]
        for chunk in np.array_split(np.arange(len(days)), n) if n else []:
            dates.append(days[int(rng.choice(chunk))])
    return dates


def _history_format(rng: np.random.Generator, year: int) -> str:
    """Return a meeting format for a generated year: mostly fysiskt, digital and hybrid commoner in later years."""
    t = min(max((year - _REMOTE_FROM_YEAR) / (FIRST_SAMPLE_YEAR - 1 - _REMOTE_FROM_YEAR), 0.0), 1.0)
    digital, hybrid = 0.01 + 0.07 * t, 0.04 * t
    u = rng.random()
    return "digitalt" if u < digital else "hybrid" if u < digital + hybrid else "fysiskt"


def _history_meetings(
    seed: int, networks: Sequence[NetworkDef], year: int
) -> tuple[list[_Meeting], dict[_GenderKey, str]]:
    """Return the meetings of a generated year (absences chosen) and the representatives' genders.

    Every network meets as often as its type (`_HISTORY_MEETINGS`) on weekdays spread over the
    tertials, with today's seats. About 20–30 % of the seats are empty: the level is drawn per
    year (so trends are not flat) and varies a little per network. The year and each network
    have a generator of their own, so a year's meetings are the same whatever `years` and
    `scale` are, and the 2018–2019 data are untouched.
    """
    level = float(np.random.default_rng([seed, _HISTORY_STREAM, year]).uniform(0.20, 0.30))
    meetings: list[_Meeting] = []
    genders: dict[_GenderKey, str] = {}
    for index, network in enumerate(networks):
        rng = np.random.default_rng([seed, _HISTORY_STREAM, year, index])
        rate = float(np.clip(level + rng.normal(0, 0.03), 0.10, 0.40))
        low, high = _HISTORY_MEETINGS[network.network_type]
        kommun_seats = sum(network.seats_of(c) for c in KOMMUN_CODES)
        own = []
        for date in _history_dates(rng, year, int(rng.integers(low, high + 1))):
            meeting = _Meeting(
                network=network,
                date=date,
                meeting_format=_history_format(rng, year),
                seats=_invited_seats(network, network.region_seats),
                kommun_absent=int(rng.binomial(kommun_seats, rate)),
                region_absent=int(rng.binomial(network.region_seats, rate)),
                external_absent=int(rng.binomial(network.external_seats, 0.4)),
            )
            _allocate_random(meeting, rng)
            _allocate_others(meeting, rng)
            own.append(meeting)
        genders.update(_representative_genders(own, rng))
        meetings += own
    return meetings, genders


def _attendance_rows(meetings: list[_Meeting], genders: dict[_GenderKey, str]) -> list[tuple]:
    """Return one tidy attendance row per invited seat of each meeting (gender only where present and recorded)."""
    rows = []
    for meeting in meetings:
        records_gender = _records_gender(meeting.network, meeting.date.year)
        for org, seat in meeting.seats:
            present = (org, seat) not in meeting.absent
            gender = (
                genders[(meeting.network.name, org, seat, meeting.date.year)] if present and records_gender else None
            )
            rows.append(
                (
                    meeting.date,
                    meeting.network.name,
                    org,
                    ORGANISATIONS[org],
                    seat,
                    present,
                    meeting.meeting_format,
                    gender,
                )
            )
    return rows


def attendance_frame(seed: int, scale: int, years: int = 1) -> tuple[pd.DataFrame, list[NetworkDef]]:
    """Return the tidy attendance frame and the networks it covers.

    The 2018–2019 meetings use the generator `[seed, 1]` exactly as with `years=1`; the
    generated years before 2018 (`_history_meetings`) have generators of their own.
    """
    rng = np.random.default_rng([seed, 1])
    networks, copy_of = networks_with_copies(scale)
    meetings = _build_meetings(rng, networks, copy_of=copy_of)
    for key, quotas in _KOMMUN_ABSENCES.items():
        group = [m for m in meetings if _tertial_key(m.date) == key and m.network.name not in copy_of]
        _allocate_by_quota(group, quotas, rng)
    for meeting in meetings:
        quota_tertial = _tertial_key(meeting.date) in _KOMMUN_ABSENCES and meeting.network.name not in copy_of
        if not quota_tertial:
            _allocate_random(meeting, rng)
        _allocate_others(meeting, rng)
    genders = _genders(meetings, rng)

    rows = []
    for year in history_years(years):
        history, history_genders = _history_meetings(seed, networks, year)
        rows += _attendance_rows(history, history_genders)
    rows += _attendance_rows(meetings, genders)
    frame = pd.DataFrame(
        rows,
        columns=["meeting_date", "network", "org_code", "organisation", "seat", "present", "meeting_format", "gender"],
    )
    frame["network"] = pd.Categorical(frame["network"], categories=sorted(n.name for n in networks))
    frame["org_code"] = frame["org_code"].astype(organisation_dtype())
    frame["organisation"] = frame["organisation"].astype(organisation_name_dtype())
    frame["seat"] = frame["seat"].astype("Int64")
    frame["meeting_format"] = pd.Categorical(frame["meeting_format"], categories=list(MEETING_FORMATS))
    frame["gender"] = pd.Categorical(frame["gender"], categories=list(GENDERS))
    frame = frame.sort_values(["meeting_date", "network", "org_code", "seat"]).reset_index(drop=True)
    return frame, networks
