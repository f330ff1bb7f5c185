"""The bundled sample data: a deterministic generator of realistic Swedish input workbooks.

`sample_dataset(seed, scale, years)` builds the tidy frames (validated with the pandera models
of `kuanalys.schemas`) and `write_sample(out_dir, seed, scale, years)` writes them as the input
workbooks of `kuanalys.spec` (`data/raw` holds the output for seed 2019, scale 1, years 1).
`write_attendance_long` and `write_attendance_matrix` write any tidy attendance frame.

The data cover 2018 and tertial 1–2 2019 (through 2019-08-31). Where the published tertial
report T2 2019 has real records they are used as they are (`kuanalys.sample_records`): the
nine grant applications of 2019, tabell 1–3 (income statement, budget per activity, available
funds at 2019-08-31), the course fees of tabell 1, course participants per organisation
(bilaga 2) and the uppdrag totals. Attendance is synthetic.

Attendance definitions (the ones the published figures use, and the sample's tests):

* meeting rate = present seats ÷ invited seats of one meeting;
* network rate = mean of the network's meeting rates in the tertial;
* overall rate = mean of the network rates over the networks with meetings in the tertial;
* kommun/Region split of a network = present ÷ invited seats of kommuner (or of the Region)
  over the network's meetings in the tertial;
* per-kommun rate = seats the kommun attended ÷ seats it was invited to, over all networks'
  meetings in the tertial;
* gender shares = present seats by gender ÷ present seats with a known gender.

Presence is constructed, not drawn: every meeting has a fixed number of absent kommun, Region
and external seats (`_MEETINGS`), and in tertial 2 of 2018 and 2019 which kommuner were absent
is allocated from fixed per-kommun quotas (`_KOMMUN_ABSENCES`). The seeded numpy Generator
only picks which seat is absent where no figure depends on it, the gender of representatives,
and the course sizes and participant mixes. So the published figures hold for every seed:

| figure (tertial 2 2019 unless stated) | published | sample |
|---|---|---|
| overall / T1 2019 / T2 2018 | 79 / 81 / 70 % | 79 / 81 / 70 % |
| networks with meetings, ≥ 80 %, range | 18, 6, 58–100 % | 18, 6, 58–100 % |
| meetings | 21 | 21 |
| PKS (T2 2018) | 90 (85) % | 90 (85) % |
| Reko (T1 2019, T2 2018); kommun vs Region | 67 (78, 64) %; 58 vs 75 % | 67 (78, 64) %; 58 vs 75 % |
| Strategigrupp barn och unga | 83 (84, 69) % | 83 (84, 69) % |
| Strategigrupp äldre, two meetings | 76 (80, 82) % | 76 (80, 82) % |
| Strategigrupp psykiatri/missbruk | 67 (64, 64) % | 67 (64, 64) % |
| networks higher than T2 2018 | 12 | 12 |
| per kommun: range, Nässjö (T2 2018), kommuner that increased | 68–91 %, 91 (84) %, 8 | 68–91 %, 91 (83) %, 8 |
| PKS present representatives, men / women | 31 / 69 % | 31 / 69 % |

Tolerance: headline figures (overall, PKS, the four Region groups, 6 of 18) are within ±1
percentage point after rounding to whole per cent; secondary figures (kommun/Region splits,
per-kommun range, counts of increases, gender) within ±3 percentage points or ±1 count.

`scale > 1` adds `scale − 1` copies of every network (named "<nätverk> 2", "<nätverk> 3" …,
written in the long layout) for benchmarks; the real records are never scaled.

`years > 1` adds `years − 1` generated calendar years of attendance before 2018 (years=20:
1999–2017), one long-layout workbook narvaro_<år>.xlsx per year, for benchmarks. Every network
(and copy) meets 4–10 times a year by type, on weekdays outside July, in all three tertials,
with about 20–30 % empty seats (the level varies by year). The history has generators of its
own (`[seed, 3, year, network]`), so the 2018–2019 rows, every other table and so every
published figure are the same as with `years=1`. Only attendance gets history. Note that the
loaders reject dates before 2000 as implausible, so years ≤ 19 gives data that can be read in.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from kuanalys import sample_records as rec
from kuanalys.dataset import Dataset
from kuanalys.organisations import (
    EXTERNAL_CODE,
    KOMMUNER,
    ORGANISATION_ORDER,
    ORGANISATIONS,
    REGION_CODE,
    organisation_dtype,
    organisation_name_dtype,
)
from kuanalys.schemas import TIDY_SCHEMAS
from kuanalys.spec import (
    ATTENDANCE_LONG,
    COMMENTS,
    COMPARISONS,
    COURSE_KINDS,
    COURSES,
    DECISIONS,
    DIRECTIONS,
    FUNDS,
    GENDERS,
    GRANTS,
    INDICATORS,
    MEETING_FORMATS,
    NETWORK_TYPES,
    NETWORKS,
    UNITS,
    Sheet,
)

DEFAULT_SEED = 2019
# Fixed workbook properties and zip timestamps, so that a given seed gives byte-identical files.
FIXED_TIMESTAMP = datetime(2019, 9, 15, 8, 0, 0)
AUTHOR = "Kommunal utveckling, exempeldata"
AMOUNT_FORMAT = "#,##0"  # shown as "# ##0" (1 563 970) by Excel with Swedish settings
DATE_FORMAT = "yyyy-mm-dd"

# --- Networks ------------------------------------------------------------------------------------
NASSJO, MULLSJO, HABO, JONKOPING = "0682", "0642", "0643", "0680"
KOMMUN_CODES: tuple[str, ...] = tuple(c for c in ORGANISATION_ORDER if c in KOMMUNER)


@dataclass(frozen=True)
class NetworkDef:
    """One network of the registry and how it is recorded.

    `layout_2019` is "long" (narvaro_2019.xlsx, with gender), "matrix" (narvaro_matris_2019.xlsx)
    or None (no meetings in 2019). `kommun_seats` overrides the default of one seat per kommun
    (0 = not a member); `region_seats`/`external_seats` are the default numbers of seats of the
    Region and of external participants (a meeting may override the Region's).
    """

    name: str
    network_type: str
    area: str
    with_region: bool
    layout_2019: str | None
    kommun_seats: dict[str, int] = field(default_factory=dict)
    region_seats: int = 0
    external_seats: int = 0

    def seats_of(self, code: str) -> int:
        """Return the number of seats a kommun has in this network."""
        return self.kommun_seats.get(code, 1)


_PKS_SEATS = {code: 3 for code in KOMMUNER}  # ledamot, ersättare and kommundirektör

NETWORK_DEFS: tuple[NetworkDef, ...] = (
    NetworkDef("PKS", "PKS", rec.AREA_LEDNING, False, "long", kommun_seats=_PKS_SEATS),
    NetworkDef("Reko", "Reko", rec.AREA_SOCIAL, True, "long", kommun_seats={MULLSJO: 0}, region_seats=12),
    NetworkDef("Strategigrupp barn och unga", "strategigrupp", rec.AREA_SOCIAL, True, "long", region_seats=5),
    NetworkDef("Strategigrupp äldre", "strategigrupp", rec.AREA_SOCIAL, True, "long", region_seats=12),
    NetworkDef("Strategigrupp psykiatri/missbruk", "strategigrupp", rec.AREA_SOCIAL, True, "long", region_seats=11),
    NetworkDef("Chefsnätverk äldre", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef("Chefsnätverk barn och unga", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef("Chefsnätverk psykiatri", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef("Chefsnätverk missbruk", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef(
        "Chefsnätverk funktionshinder", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix", kommun_seats={JONKOPING: 2}
    ),
    NetworkDef(
        "Chefsnätverk myndighetschefer", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix", kommun_seats={JONKOPING: 2}
    ),
    NetworkDef("Chefsnätverk försörjningsstöd", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef(
        "Chefsnätverk arbetsmarknad", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix", kommun_seats={NASSJO: 0}
    ),
    NetworkDef("Chefsnätverk eHälsa", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix", region_seats=2),
    NetworkDef("Styrgrupp Miljösamverkan", "styrgrupp", rec.AREA_MILJO, False, "matrix", external_seats=1),
    NetworkDef("Skolchefer FoUrum utbildning", "styrgrupp", rec.AREA_UTBILDNING, False, "matrix"),
    NetworkDef("Fritidschefer FoUrum fritid", "styrgrupp", rec.AREA_FRITID, False, "matrix"),
    NetworkDef("Styrgrupp FoUrum social välfärd", "styrgrupp", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef("Utvecklingsledare socialtjänst", "övrigt", rec.AREA_SOCIAL, False, None),
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


def networks_with_copies(scale: int) -> tuple[list[NetworkDef], dict[str, str]]:
    """Return the networks for a scale and a map from each copy's name to its original's name."""
    networks = list(NETWORK_DEFS)
    copy_of: dict[str, str] = {}
    for k in range(2, scale + 1):
        for net in NETWORK_DEFS:
            name = f"{net.name} {k}"
            copy_of[name] = net.name
            layout = "long" if net.layout_2019 else None
            networks.append(
                NetworkDef(
                    name,
                    net.network_type,
                    net.area,
                    net.with_region,
                    layout,
                    net.kommun_seats,
                    net.region_seats,
                    net.external_seats,
                )
            )
    return networks, copy_of


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


def _attendance_frame(seed: int, scale: int, years: int = 1) -> tuple[pd.DataFrame, list[NetworkDef]]:
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


def _networks_frame(networks: Sequence[NetworkDef]) -> pd.DataFrame:
    """Return the tidy network registry."""
    return pd.DataFrame(
        {
            "network": pd.Series([n.name for n in networks], dtype="str"),
            "network_type": pd.Categorical([n.network_type for n in networks], categories=list(NETWORK_TYPES)),
            "area": pd.Categorical([n.area for n in networks]),
            "with_region": [n.with_region for n in networks],
        }
    )


# --- Courses -------------------------------------------------------------------------------------
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


def _courses_frames(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the tidy courses and course participants frames."""
    rng = np.random.default_rng([seed, 2])
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
    # First half of 2019 (nothing in July–August): bilaga 2 and the uppdrag exactly.
    courses += _kk_courses(
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

    courses.sort(key=lambda c: (c.date, c.kind, c.organiser, c.title))
    counters: dict[tuple[int, str], int] = {}
    for course in courses:
        prefix = "K" if course.kind == "kurs" else "U"
        counters[(course.date.year, prefix)] = counters.get((course.date.year, prefix), 0) + 1
        course.course_id = f"{prefix}{course.date.year}-{counters[(course.date.year, prefix)]:03d}"

    frame = pd.DataFrame(
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
    return frame, participants


# --- Grants --------------------------------------------------------------------------------------
def _grants_frame() -> pd.DataFrame:
    """Return the tidy grants frame: the 2018 applications and the nine of 2019."""
    rows = list(rec.GRANTS_2018) + list(rec.GRANTS_2019)
    cols = [
        "project",
        "funder",
        "area",
        "amount_applied",
        "submitted_date",
        "decision",
        "amount_granted",
        "decision_date",
    ]
    frame = pd.DataFrame(rows, columns=cols)
    frame["project"] = frame["project"].astype("str")
    for col in ("funder", "area"):
        frame[col] = pd.Categorical(frame[col])
    frame["decision"] = pd.Categorical(frame["decision"], categories=list(DECISIONS))
    for col in ("amount_applied", "amount_granted"):
        frame[col] = pd.array([None if pd.isna(v) else int(v) for v in frame[col]], dtype="Int64")
    for col in ("submitted_date", "decision_date"):
        frame[col] = pd.to_datetime(frame[col])
    return frame.sort_values("submitted_date", kind="stable").reset_index(drop=True)


# --- Funds ---------------------------------------------------------------------------------------
_FUND_COLS = [
    "reporting_date",
    "area",
    "opening_funds",
    "added_municipalities",
    "added_region",
    "added_eu",
    "added_state",
    "added_other",
    "funds_used",
    "closing_funds",
    "earmarked_state_funds",
]

# Illustrative funds at earlier reporting dates: (area, kommunerna, regionen, EU, staten, övriga,
# disponerade, fonderade). Opening funds are the sum of the financier columns.
_FUNDS_EARLIER: dict[str, tuple[tuple, ...]] = {
    "2018-04-30": (
        (rec.AREA_SOCIAL, 23_950_000, 650_000, 0, 30_400_000, 2_100_000, 9_870_000, 28_900_000),
        (rec.AREA_MILJO, 880_000, 64_000, 0, 0, 80_000, 298_000, 0),
        (rec.AREA_UTBILDNING, 4_050_000, 0, 0, 0, 0, 610_000, 0),
        (rec.AREA_FRITID, 1_310_000, 0, 0, 0, 0, 340_000, 0),
        (rec.AREA_CHANGE, 0, 0, 3_400_000, 0, 0, 1_720_000, 0),
        (rec.AREA_LEDNING, 2_270_000, 0, 0, 0, 1_100_000, 1_930_000, 0),
        (rec.AREA_KURS, 860_000, 290_000, 10_000, 0, 90_000, 1_270_000, 0),
    ),
    "2018-08-31": (
        (rec.AREA_SOCIAL, 24_100_000, 680_000, 0, 34_600_000, 2_400_000, 18_650_000, 30_100_000),
        (rec.AREA_MILJO, 890_000, 65_000, 0, 0, 95_000, 590_000, 0),
        (rec.AREA_UTBILDNING, 4_080_000, 0, 0, 0, 0, 1_150_000, 0),
        (rec.AREA_FRITID, 1_320_000, 0, 0, 0, 0, 690_000, 0),
        (rec.AREA_CHANGE, 0, 0, 5_900_000, 0, 0, 3_600_000, 0),
        (rec.AREA_LEDNING, 2_290_000, 0, 0, 0, 1_650_000, 4_010_000, 0),
        (rec.AREA_KURS, 1_380_000, 420_000, 16_000, 0, 150_000, 2_150_000, 0),
    ),
    "2018-12-31": (
        (rec.AREA_SOCIAL, 24_300_000, 700_000, 0, 43_800_000, 2_700_000, 29_400_000, 31_200_000),
        (rec.AREA_MILJO, 900_000, 66_000, 0, 0, 100_000, 920_000, 0),
        (rec.AREA_UTBILDNING, 4_100_000, 0, 0, 0, 0, 2_650_000, 0),
        (rec.AREA_FRITID, 1_330_000, 0, 0, 300_000, 0, 1_320_000, 0),
        (rec.AREA_CHANGE, 0, 0, 7_800_000, 0, 0, 6_900_000, 0),
        (rec.AREA_LEDNING, 2_310_000, 0, 0, 0, 2_300_000, 6_150_000, 0),
        (rec.AREA_KURS, 1_900_000, 560_000, 21_000, 0, 210_000, 2_950_000, 0),
    ),
    # External share ≈ 60 % ("resultat för tertial 1 var 60 %").
    "2019-04-30": (
        (rec.AREA_SOCIAL, 24_669_265, 700_000, 0, 44_300_000, 2_100_000, 9_610_000, 40_100_000),
        (rec.AREA_MILJO, 912_472, 66_664, 0, 0, 60_000, 301_000, 0),
        (rec.AREA_UTBILDNING, 4_198_097, 0, 0, 0, 0, 548_000, 0),
        (rec.AREA_FRITID, 1_351_047, 0, 0, 171_000, 0, 352_000, 0),
        (rec.AREA_CHANGE, 0, 0, 2_450_000, 0, 0, 1_330_000, 0),
        (rec.AREA_LEDNING, 2_333_333, 0, 0, 0, 1_020_000, 2_050_000, 0),
        (rec.AREA_KURS, 610_000, 190_000, 8_000, 0, 70_000, 1_020_000, 0),
    ),
}


def _funds_frame() -> pd.DataFrame:
    """Return available funds per area: tabell 3 at 2019-08-31 and illustrative earlier dates."""
    rows = []
    for date, items in _FUNDS_EARLIER.items():
        for area, mun, reg, eu, state, other, used, earmarked in items:
            opening = mun + reg + eu + state + other
            rows.append((date, area, opening, mun, reg, eu, state, other, used, opening - used, earmarked))
    for area, opening, mun, reg, eu, state, other, used, closing, earmarked in rec.FUNDS_2019_08_31:
        rows.append(("2019-08-31", area, opening, mun, reg, eu, state, other, used, closing, earmarked))
    frame = pd.DataFrame(rows, columns=_FUND_COLS)
    frame["reporting_date"] = pd.to_datetime(frame["reporting_date"])
    frame["area"] = pd.Categorical(frame["area"], categories=[r[0] for r in rec.FUNDS_2019_08_31])
    for col in _FUND_COLS[2:]:
        frame[col] = frame[col].astype("Int64")
    return frame.sort_values(["reporting_date", "area"]).reset_index(drop=True)


# Forecast of the year's costs per activity at 2019-08-31 (illustrative; the report's year-end
# forecast of the whole operation is 53 600 tkr, tabell 1).
_FORECAST_2019: dict[str, int] = {
    rec.AREA_SOCIAL: 30_900_000,
    rec.AREA_MILJO: 1_000_000,
    rec.AREA_UTBILDNING: 2_300_000,
    rec.AREA_FRITID: 1_050_000,
    rec.AREA_CHANGE: 2_600_000,
    rec.AREA_OMBUD: 6_300_000,
    rec.AREA_KURS: 3_550_000,
    rec.AREA_LEDNING: 5_900_000,
}
_BUDGET_2018: dict[str, int] = {
    rec.AREA_SOCIAL: 33_500_000,
    rec.AREA_MILJO: 1_050_000,
    rec.AREA_UTBILDNING: 2_750_000,
    rec.AREA_FRITID: 1_000_000,
    rec.AREA_CHANGE: 7_900_000,
    rec.AREA_OMBUD: 6_700_000,
    rec.AREA_KURS: 3_900_000,
    rec.AREA_LEDNING: 6_200_000,
}
# Share of the year's budget used by each reporting date (illustrative).
_USED_SHARE = {"2018-04-30": 0.27, "2018-08-31": 0.55, "2018-12-31": 0.94, "2019-04-30": 0.21}


def _budget_frame() -> pd.DataFrame:
    """Return budget, outcome and forecast per activity (tabell 2 at 2019-08-31, earlier dates illustrative)."""
    rows = []
    for date, share in _USED_SHARE.items():
        budgets = _BUDGET_2018 if date.startswith("2018") else {a: b for a, b, _ in rec.BUDGET_2019_08_31}
        for area, budget in budgets.items():
            outcome = int(round(budget * share * (0.9 + 0.2 * ((len(area) * 7) % 10) / 10), -3))
            forecast = int(round(budget * (0.92 + 0.01 * (len(area) % 8)), -4))
            rows.append((date, area, budget, outcome, forecast))
    for area, budget, outcome in rec.BUDGET_2019_08_31:
        rows.append(("2019-08-31", area, budget, outcome, _FORECAST_2019[area]))
    frame = pd.DataFrame(rows, columns=["reporting_date", "area", "budget", "outcome", "forecast"])
    frame["reporting_date"] = pd.to_datetime(frame["reporting_date"])
    frame["area"] = pd.Categorical(frame["area"], categories=[r[0] for r in rec.BUDGET_2019_08_31])
    for col in ("budget", "outcome", "forecast"):
        frame[col] = frame[col].astype("Int64")
    return frame.sort_values(["reporting_date", "area"]).reset_index(drop=True)


def _income_statement_at(date: str, share: float, budgets: Sequence[tuple]) -> list[tuple]:
    """Return income statement rows at a date whose outcome sums to exactly 0 kr."""
    rows = []
    for item, outcome, budget, forecast in budgets:
        base = budget if budget is not None else outcome * 1.3
        rows.append([date, item, int(round(base * share, -3)), budget, forecast])
    balance = sum(r[2] for r in rows)
    rows[-1][2] -= balance  # Övriga kostnader absorbs the rounding: the result is 0 kr.
    return [tuple(r) for r in rows]


def _income_statement_frame() -> pd.DataFrame:
    """Return the income statement: tabell 1 at 2019-08-31, earlier dates illustrative (result 0 kr)."""
    rows: list[tuple] = []
    budget_2018 = [
        (item, o, None if b is None else int(round(b * 0.97, -3)), None if f is None else int(round(f * 0.97, -3)))
        for item, o, b, f in rec.INCOME_STATEMENT_2019_08_31
    ]
    for date, share in (("2018-04-30", 0.27), ("2018-08-31", 0.55), ("2018-12-31", 0.94)):
        rows += _income_statement_at(date, share, budget_2018)
    rows += _income_statement_at("2019-04-30", 0.24, rec.INCOME_STATEMENT_2019_08_31)
    rows += [("2019-08-31", item, o, b, f) for item, o, b, f in rec.INCOME_STATEMENT_2019_08_31]
    frame = pd.DataFrame(rows, columns=["reporting_date", "item", "outcome", "budget", "forecast"])
    frame["reporting_date"] = pd.to_datetime(frame["reporting_date"])
    frame["item"] = frame["item"].astype("str")
    for col in ("outcome", "budget", "forecast"):
        frame[col] = pd.array([None if pd.isna(v) else int(v) for v in frame[col]], dtype="Int64")
    return frame


# --- Indicators and comments -----------------------------------------------------------------------
_PCT = ("%", "högre är bättre", "föregående tertial")
# (id, text, goal, area, metric, (unit, direction, comparison), target 2018, target 2019)
_INDICATORS: tuple[tuple, ...] = (
    (
        "narvaro_samtliga",
        "Närvaron vid samtliga chefsnätverk på Kommunal utveckling.",
        rec.GOAL_PARTNERSHIP,
        rec.AREA_REPRESENTATIVES,
        "attendance.overall",
        _PCT,
        "80 %",
        "80 %",
    ),
    (
        "narvaro_pks",
        "Närvaro vid PKS sammanträden.",
        rec.GOAL_PARTNERSHIP,
        rec.AREA_REPRESENTATIVES,
        "attendance.network:PKS",
        _PCT,
        "80 %",
        "80 %",
    ),
    (
        "narvaro_reko",
        "Närvaro vid träffar med Reko - Ledningsgruppen för samverkan Region Jönköpings län och länets kommuner.",
        rec.GOAL_PARTNERSHIP,
        rec.AREA_REGION,
        "attendance.network:Reko",
        _PCT,
        "80 %",
        "80 %",
    ),
    (
        "narvaro_sg_barn_unga",
        "Närvaro vid träffar med strategigrupp barn och unga.",
        rec.GOAL_PARTNERSHIP,
        rec.AREA_REGION,
        "attendance.network:Strategigrupp barn och unga",
        _PCT,
        "80 %",
        "80 %",
    ),
    (
        "narvaro_sg_aldre",
        "Närvaro vid träffar med strategigrupp äldre.",
        rec.GOAL_PARTNERSHIP,
        rec.AREA_REGION,
        "attendance.network:Strategigrupp äldre",
        _PCT,
        "80 %",
        "80 %",
    ),
    (
        "narvaro_sg_psykiatri",
        "Närvaro vid strategigrupp psykiatri/missbruk av både kommun, primärvård samt psykiatri/beroendevård.",
        rec.GOAL_PARTNERSHIP,
        rec.AREA_REGION,
        "attendance.network:Strategigrupp psykiatri/missbruk",
        _PCT,
        "80 %",
        "80 %",
    ),
    (
        "narvaro_region",
        "Närvaro vid samtliga träffar som sker i samverkan med Region Jönköpings län.",
        rec.GOAL_PARTNERSHIP,
        rec.AREA_REGION,
        "attendance.region_groups",
        _PCT,
        "80 %",
        "80 %",
    ),
    (
        "digitala_moten",
        "Andelen träffar med nätverk/styrgrupper eller liknande som genomförs digitalt.",
        rec.GOAL_EFFICIENT,
        rec.AREA_EFFECT,
        "attendance.digital_share",
        _PCT,
        "10 %",
        "20 %",
    ),
    (
        "kurser_antal",
        "Antal genomförda kurser genom Kurs och konferens.",
        rec.GOAL_COMPETENCE,
        rec.AREA_COURSES,
        "courses.held",
        ("st", "högre är bättre", "samma period föregående år"),
        "samma period föregående år",
        "samma period föregående år",
    ),
    (
        "kurser_deltagare",
        "Antal deltagare på aktiviteter som arrangeras via Kurs och konferens.",
        rec.GOAL_COMPETENCE,
        rec.AREA_COURSES,
        "courses.participants",
        ("st", "högre är bättre", "samma period föregående år"),
        "samma period föregående år",
        "samma period föregående år",
    ),
    (
        "digitala_kurser",
        "Andelen utbildningar som genomförs digitalt genom Kurs och konferens.",
        rec.GOAL_EFFICIENT,
        rec.AREA_EFFECT,
        "courses.digital_share",
        ("%", "högre är bättre", "samma period föregående år"),
        "5 %",
        "10 %",
    ),
    (
        "beviljade_medel",
        "Beviljad finansiering av externa projektmedel.",
        rec.GOAL_EFFICIENT,
        rec.AREA_GRANTS,
        "grants.granted_amount",
        ("kr", "högre är bättre", "föregående tertial"),
        "50 % av grants.applied_amount",
        "50 % av grants.applied_amount",
    ),
    (
        "beviljade_ansokningar",
        "Antal beviljade ansökningar.",
        rec.GOAL_EFFICIENT,
        rec.AREA_GRANTS,
        "grants.granted_count",
        ("st", "högre är bättre", "föregående tertial"),
        "50 % av grants.applied_count",
        "50 % av grants.applied_count",
    ),
    (
        "extern_finansiering",
        "Andelen extern finansiering av verksamheten.",
        rec.GOAL_EFFICIENT,
        rec.AREA_GRANTS,
        "funds.external_share",
        _PCT,
        "50 %",
        "50 %",
    ),
    (
        "finansiellt_resultat",
        "Finansiellt resultat (organisation).",
        rec.GOAL_EFFICIENT,
        rec.AREA_BALANCE,
        "funds.result",
        ("kr", "balans", "föregående tertial"),
        "0 kr",
        "0 kr",
    ),
)


def _indicator_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the indicators (Mätetal) and their targets per year (Målvärden)."""
    indicators = pd.DataFrame(
        {
            "indicator_id": pd.Series([r[0] for r in _INDICATORS], dtype="str"),
            "text": pd.Series([r[1] for r in _INDICATORS], dtype="str"),
            "goal": pd.Series([r[2] for r in _INDICATORS], dtype="str"),
            "area": pd.Series([r[3] for r in _INDICATORS], dtype="str"),
            "metric": pd.Series([r[4] for r in _INDICATORS], dtype="str"),
            "unit": pd.Categorical([r[5][0] for r in _INDICATORS], categories=list(UNITS)),
            "direction": pd.Categorical([r[5][1] for r in _INDICATORS], categories=list(DIRECTIONS)),
            "comparison": pd.Categorical([r[5][2] for r in _INDICATORS], categories=list(COMPARISONS)),
            "threshold_met": pd.Series([np.nan] * len(_INDICATORS), dtype="float64"),
            "threshold_partly": pd.Series([np.nan] * len(_INDICATORS), dtype="float64"),
            "trend_threshold": pd.Series([np.nan] * len(_INDICATORS), dtype="float64"),
            "first_year": pd.array([pd.NA] * len(_INDICATORS), dtype="Int64"),
            "last_year": pd.array([2021] * len(_INDICATORS), dtype="Int64"),
        }
    )
    targets = pd.DataFrame(
        [(r[0], year, r[6] if year == 2018 else r[7]) for r in _INDICATORS for year in (2018, 2019)],
        columns=["indicator_id", "year", "target"],
    )
    targets["indicator_id"] = targets["indicator_id"].astype("str")
    targets["year"] = targets["year"].astype("Int64")
    targets["target"] = targets["target"].astype("str")
    return indicators, targets


_COMMENTS: tuple[tuple[int, int, str, str], ...] = (
    (
        2019,
        2,
        "narvaro",
        "Närvaron har minskat något jämfört med tertial 1 men ökat jämfört med samma period 2018. "
        "I ett nätverk har 8 av 16 chefer bytts ut under tertialen.",
    ),
    (
        2019,
        2,
        "kurser",
        "Färre deltagare än 2018 (2 726 < 3 746) eftersom CHANGE-projektet har arrangerat färre kurser; "
        "Kurs & konferens fortsätter att erbjuda kostnadseffektiv kompetensutveckling.",
    ),
    (2019, 2, "externa_medel", "Besked om ansökningarna till Forte ges den 1 oktober."),
)


def _comments_frame() -> pd.DataFrame:
    """Return the analysts' example comments for tertial 2 2019."""
    frame = pd.DataFrame(list(_COMMENTS), columns=["year", "tertial", "target_id", "text"])
    frame["year"] = frame["year"].astype("Int64")
    frame["tertial"] = frame["tertial"].astype("Int64")
    frame["target_id"] = frame["target_id"].astype("str")
    frame["text"] = frame["text"].astype("str")
    return frame


def _plan_2022_frames() -> dict[str, pd.DataFrame]:
    """Return the tables of the 2022–2024 plan's inputs (empty until their generators land)."""
    from kuanalys.loaders.networks import FORMER_SHEET, finish_former_names
    from kuanalys.loaders.projects import empty_projects
    from kuanalys.loaders.survey import empty_survey

    survey = empty_survey()
    return {
        "network_former_names": finish_former_names(_empty(FORMER_SHEET), [], []),
        "survey_responses": survey.responses,
        "survey_scale": survey.scale,
        "survey_questions": survey.questions,
        "projects": empty_projects(),
    }


def _empty(sheet: Sheet) -> pd.DataFrame:
    from kuanalys.loaders.common import empty_parsed

    return empty_parsed(sheet)


# --- Public API ----------------------------------------------------------------------------------
def sample_dataset(seed: int = DEFAULT_SEED, scale: int = 1, years: int = 1) -> Dataset:
    """Return the sample as a validated `Dataset` (the same for the same seed, scale and years).

    `years > 1` adds `years − 1` generated years of attendance before 2018 (years=20: 1999–2017);
    the 2018–2019 rows and every other table are the same as with `years=1`.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if years < 1:
        raise ValueError("years must be at least 1")
    attendance, networks = _attendance_frame(seed, scale, years)
    courses, participants = _courses_frames(seed)
    indicators, targets = _indicator_frames()
    tables = {
        "attendance": attendance,
        "networks": _networks_frame(networks),
        "courses": courses,
        "course_participants": participants,
        "grants": _grants_frame(),
        "funds_available": _funds_frame(),
        "budget": _budget_frame(),
        "income_statement": _income_statement_frame(),
        "indicators": indicators,
        "targets": targets,
        "comments": _comments_frame(),
        **_plan_2022_frames(),
    }
    validated = {
        name: TIDY_SCHEMAS[name].validate(frame) if name in TIDY_SCHEMAS else frame for name, frame in tables.items()
    }
    return Dataset(**validated)


# --- Workbook writing ----------------------------------------------------------------------------
def _cell_value(value: object) -> object:
    """Return a value openpyxl can write: None for missing, datetime for timestamps, int for ints."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _display_width(value: object) -> int:
    """Return the number of characters a cell value shows as (dates as yyyy-mm-dd, amounts with spaces)."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 10
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f"{value:,}")
    return len(str(value))


def _yes_no(value: object) -> str:
    return "Ja" if bool(value) else "Nej"


def _new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = AUTHOR
    wb.properties.lastModifiedBy = AUTHOR
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    return wb


def _add_sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    formats: dict[int, str] | None = None,
) -> None:
    """Add a sheet with a bold, frozen header row, column widths and number formats per column index."""
    ws = wb.create_sheet(title)
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    widths = [len(str(h)) for h in headers]
    formats = formats or {}
    r = 1  # counted here: ws.max_row scans every cell, which made big sheets quadratic
    for row in rows:
        values = [_cell_value(v) for v in row]
        ws.append(values)
        r += 1
        for i, value in enumerate(values):
            if i in formats and value is not None:
                ws.cell(row=r, column=i + 1).number_format = formats[i]
            widths[i] = max(widths[i], _display_width(value))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)


def _formats(sheet: Sheet, keys: Sequence[str]) -> dict[int, str]:
    """Return number formats by column index for the spec columns `keys`."""
    out = {}
    for i, key in enumerate(keys):
        kind = sheet.column(key).type
        if kind in ("amount", "signed_amount"):
            out[i] = AMOUNT_FORMAT
        elif kind == "date":
            out[i] = DATE_FORMAT
    return out


def _save_deterministic(wb: Workbook, path: Path) -> Path:
    """Write a workbook atomically (temp file + os.replace) with fixed zip timestamps; return the path."""
    buffer = io.BytesIO()
    # Stored, not deflated: the members are compressed once, when they are copied with fixed timestamps.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(out.getvalue())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _sheet_rows(sheet: Sheet, frame: pd.DataFrame, keys: Sequence[str]) -> list[list[object]]:
    """Return the rows of a tidy frame for the spec sheet columns `keys`, booleans as Ja/Nej."""
    is_bool = [sheet.column(key).type == "bool" for key in keys]
    rows = []
    for record in frame[list(keys)].itertuples(index=False):
        row = []
        for boolean, value in zip(is_bool, record):
            if boolean:
                row.append(_yes_no(value))
            elif isinstance(value, float) and np.isnan(value):
                row.append(None)
            else:
                row.append(None if pd.isna(value) else value)
        rows.append(row)
    return rows


def _write_table(wb: Workbook, sheet: Sheet, frame: pd.DataFrame, keys: Sequence[str]) -> None:
    """Add a spec sheet filled from a tidy frame."""
    headers = [sheet.column(k).header for k in keys]
    _add_sheet(wb, sheet.name, headers, _sheet_rows(sheet, frame, keys), _formats(sheet, keys))


def write_attendance_long(path: Path | str, frame: pd.DataFrame) -> Path:
    """Write attendance in the long layout (sheet Närvaro, one row per meeting and seat); return the path.

    `frame` is a tidy attendance frame (the columns of `kuanalys.schemas.Attendance`) or any
    subset of its rows, written in the frame's order with the headers of `spec.ATTENDANCE_LONG`.
    The workbook is written atomically with fixed properties and zip timestamps, so the same
    frame always gives the same bytes.
    """
    out = frame.copy()
    out["organisation"] = out["organisation"].astype(str)
    wb = _new_workbook()
    _write_table(wb, ATTENDANCE_LONG, out, [c.key for c in ATTENDANCE_LONG.columns])
    return _save_deterministic(wb, Path(path))


def _matrix_header(org: str, seat: int) -> str:
    return ORGANISATIONS[org] if seat == 1 else f"{ORGANISATIONS[org]} {seat}"


def write_attendance_matrix(path: Path | str, frame: pd.DataFrame, networks: Sequence[NetworkDef | str]) -> Path:
    """Write attendance as a närvaromatris; return the path.

    One sheet per network of `networks` (in that order; the sheet name is the network, so it
    must be a valid sheet name: at most 31 characters, none of : \\ / ? * [ ]), one row per
    meeting date and one column per seat: x present, blank absent, "-" not invited to that
    meeting. Every kommun has a column; the Region, external participants and further seats
    have one where the frame has them. `frame` is a tidy attendance frame or any subset of its
    rows; networks without rows in it get no sheet. Gender is not written (the matrix has no
    place for it). Raises ValueError if no network has rows or a name cannot be a sheet name.
    """
    names = [n.name if isinstance(n, NetworkDef) else str(n) for n in networks]
    network_of = frame["network"].astype(str)
    wb = _new_workbook()
    for name in names:
        sub = frame[network_of == name]
        if sub.empty:
            continue
        if len(name) > 31 or any(ch in name for ch in ":\\/?*[]"):
            raise ValueError(f"{name!r} cannot be a sheet name (at most 31 characters, none of : \\ / ? * [ ])")
        seats = sorted(
            {(o, s) for o, s in zip(sub["org_code"].astype(str), sub["seat"].astype(int))},
            key=lambda x: (ORGANISATION_ORDER.index(x[0]), x[1]),
        )
        columns = [(code, 1) for code in KOMMUN_CODES]
        columns += [seat for seat in seats if seat[0] not in KOMMUNER]
        columns += [seat for seat in seats if seat[0] in KOMMUNER and seat[1] > 1]
        columns.sort(key=lambda x: (ORGANISATION_ORDER.index(x[0]), x[1]))
        headers = ["Datum", "Mötesform"] + [_matrix_header(o, s) for o, s in columns]
        rows = []
        for date, meeting in sub.groupby("meeting_date", sort=True):
            present = {
                (o, int(s)): bool(p)
                for o, s, p in zip(meeting["org_code"].astype(str), meeting["seat"], meeting["present"])
            }
            fmt = meeting["meeting_format"].iloc[0]
            cells = ["-" if seat not in present else ("x" if present[seat] else None) for seat in columns]
            rows.append([date, None if pd.isna(fmt) else str(fmt), *cells])
        _add_sheet(wb, name, headers, rows, {0: DATE_FORMAT})
    if not wb.sheetnames:
        raise ValueError("no attendance rows for the given networks")
    return _save_deterministic(wb, Path(path))


def _blank_zero_financiers(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the funds frame with 0 kr in the optional financier columns as blanks, as tabell 3 prints them."""
    out = frame.copy()
    for col in (
        "added_municipalities",
        "added_region",
        "added_eu",
        "added_state",
        "added_other",
        "earmarked_state_funds",
    ):
        out[col] = out[col].mask(out[col] == 0)
    return out


def write_sample(out_dir: Path | str, seed: int = DEFAULT_SEED, scale: int = 1, years: int = 1) -> list[Path]:
    """Write the sample workbooks to `out_dir`; return the written paths in writing order.

    `years > 1` also writes one long-layout workbook per generated year, narvaro_<år>.xlsx
    (narvaro_1999.xlsx … narvaro_2017.xlsx for years=20), after natverk.xlsx.
    """
    out = Path(out_dir)
    data = sample_dataset(seed=seed, scale=scale, years=years)
    networks, _ = networks_with_copies(scale)
    by_name = {n.name: n for n in networks}
    written: list[Path] = []

    wb = _new_workbook()
    _write_table(wb, NETWORKS.sheets[0], data.networks, ["network", "network_type", "area", "with_region"])
    written.append(_save_deterministic(wb, out / "natverk.xlsx"))

    att = data.attendance
    year = att["meeting_date"].dt.year
    matrix_names = [n.name for n in networks if n.layout_2019 == "matrix"]
    is_matrix = att["network"].astype(str).isin(matrix_names)
    for generated in history_years(years):
        written.append(write_attendance_long(out / f"narvaro_{generated}.xlsx", att[year == generated]))
    written.append(write_attendance_long(out / "narvaro_2018.xlsx", att[year == 2018]))
    written.append(write_attendance_long(out / "narvaro_2019.xlsx", att[(year == 2019) & ~is_matrix]))
    written.append(
        write_attendance_matrix(
            out / "narvaro_matris_2019.xlsx", att[(year == 2019) & is_matrix], [by_name[n] for n in matrix_names]
        )
    )

    wb = _new_workbook()
    course_sheet, part_sheet = COURSES.sheets
    _write_table(wb, course_sheet, data.courses, [c.key for c in course_sheet.columns])
    parts = data.course_participants.copy()
    parts["organisation"] = parts["organisation"].astype(str)
    _write_table(wb, part_sheet, parts, [c.key for c in part_sheet.columns])
    written.append(_save_deterministic(wb, out / "kurser.xlsx"))

    wb = _new_workbook()
    _write_table(wb, GRANTS.sheets[0], data.grants, [c.key for c in GRANTS.sheets[0].columns])
    written.append(_save_deterministic(wb, out / "ansokningar.xlsx"))

    wb = _new_workbook()
    funds_sheet, budget_sheet, result_sheet = FUNDS.sheets
    _write_table(wb, funds_sheet, _blank_zero_financiers(data.funds_available), [c.key for c in funds_sheet.columns])
    _write_table(wb, budget_sheet, data.budget, [c.key for c in budget_sheet.columns])
    _write_table(wb, result_sheet, data.income_statement, [c.key for c in result_sheet.columns])
    written.append(_save_deterministic(wb, out / "medel.xlsx"))

    wb = _new_workbook()
    ind_sheet, target_sheet = INDICATORS.sheets
    _write_table(wb, ind_sheet, data.indicators, [c.key for c in ind_sheet.columns])
    _write_table(wb, target_sheet, data.targets, [c.key for c in target_sheet.columns])
    written.append(_save_deterministic(wb, out / "matetal.xlsx"))

    wb = _new_workbook()
    _write_table(wb, COMMENTS.sheets[0], data.comments, [c.key for c in COMMENTS.sheets[0].columns])
    written.append(_save_deterministic(wb, out / "kommentarer.xlsx"))
    return written
