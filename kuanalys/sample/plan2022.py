"""Sample data for the years of the 2022–2024 plan (synthetic, deterministic for a seed).

The networks are those the plan names (section 4.1 and the goal tables: PKS, länets
kommundirektörer, Reko, the three strategigrupper, e-hälsorådet, the chefsnätverk and
styrgrupper of the partnerships). Chefsnätverk eHälsa is called Digitalisering i Socialtjänsten
from 2022 and Chefsnätverk försörjningsstöd Chefsnätverk ekonomiskt bistånd: the register's
sheet Tidigare namn records the old names, so 2018–2019 attendance joins the renamed network.

Tables: attendance (2–4 meetings per network and tertial, 70–90 % of seats present, meetings
mostly digital in 2022 and increasingly physical after), courses of Kurs och konferens and
uppdrag, grant applications, funds/budget/income statement at the tertial ends (the plan's
budget 2022–2024), the annual evaluation survey (13 questions, five-step scale, about 150
respondents a year), and the register of uppdrag and projects the plan lists. The 29 mätetal
of the plan (`indicator_frames`) carry no target: the plan sets none.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kuanalys.organisations import KOMMUNER, ORGANISATIONS, REGION_CODE
from kuanalys.spec import GOALS_MET, PROJECT_KINDS, PROJECT_STATUSES, YES_NO

YEARS = (2022, 2023, 2024)
SEED_OFFSET = 2022
AREA_SOCIAL = "FoUrum social välfärd och hälso- och sjukvård"
AREA_MILJO = "Miljösamverkan Jönköpings län"
AREA_UTBILDNING = "FoUrum utbildning"
AREA_FRITID = "FoUrum fritid"
AREA_LEDNING = "Ledning och stab"
AREA_KURS = "Kurs och konferens"
KURS_OCH_KONFERENS = "Kurs och konferens"

# (network, type, area, with_region, meetings per tertial, Region seats)
NETWORKS_2022: tuple[tuple[str, str, str, bool, int, int], ...] = (
    ("PKS", "PKS", AREA_LEDNING, False, 3, 0),
    ("Kommundirektörer", "kommundirektörer", AREA_LEDNING, False, 3, 0),
    ("Reko", "Reko", AREA_SOCIAL, True, 2, 3),
    ("Strategigrupp barn och unga", "strategigrupp", AREA_SOCIAL, True, 2, 3),
    ("Strategigrupp äldre", "strategigrupp", AREA_SOCIAL, True, 2, 3),
    ("Strategigrupp psykiatri/missbruk", "strategigrupp", AREA_SOCIAL, True, 2, 3),
    ("E-hälsorådet", "övrigt", AREA_SOCIAL, True, 2, 2),
    ("Socialchefer", "chefsnätverk", AREA_SOCIAL, False, 3, 0),
    ("Chefsnätverk äldre", "chefsnätverk", AREA_SOCIAL, False, 2, 0),
    ("Chefsnätverk barn och unga", "chefsnätverk", AREA_SOCIAL, False, 2, 0),
    ("Chefsnätverk psykiatri", "chefsnätverk", AREA_SOCIAL, False, 2, 0),
    ("Chefsnätverk missbruk", "chefsnätverk", AREA_SOCIAL, False, 2, 0),
    ("Chefsnätverk funktionshinder", "chefsnätverk", AREA_SOCIAL, False, 2, 0),
    ("Chefsnätverk myndighetschefer", "chefsnätverk", AREA_SOCIAL, False, 2, 0),
    ("Chefsnätverk ekonomiskt bistånd", "chefsnätverk", AREA_SOCIAL, False, 2, 0),
    ("Chefsnätverk arbetsmarknad", "chefsnätverk", AREA_SOCIAL, False, 2, 0),
    ("Chefsnätverk hälso- och sjukvård", "chefsnätverk", AREA_SOCIAL, False, 2, 0),
    ("MAS/MAR", "chefsnätverk", AREA_SOCIAL, False, 2, 0),
    ("Digitalisering i Socialtjänsten", "chefsnätverk", AREA_SOCIAL, False, 2, 0),
    ("Styrgrupp Barnahus", "styrgrupp", AREA_SOCIAL, False, 1, 1),
    ("Styrgrupp Familjehemsresursen", "styrgrupp", AREA_SOCIAL, False, 1, 0),
    ("Styrgrupp Miljösamverkan", "styrgrupp", AREA_MILJO, False, 2, 0),
    ("Skolchefer FoUrum utbildning", "styrgrupp", AREA_UTBILDNING, False, 2, 0),
    ("Fritidschefer FoUrum fritid", "styrgrupp", AREA_FRITID, False, 2, 0),
    ("Styrgrupp FoUrum social välfärd", "styrgrupp", AREA_SOCIAL, False, 2, 0),
)
# Renamed networks: (current name, former name, first year of the former name, last year).
FORMER_NAMES: tuple[tuple[str, str, int | None, int], ...] = (
    ("Digitalisering i Socialtjänsten", "Chefsnätverk eHälsa", 2016, 2021),
    ("Chefsnätverk ekonomiskt bistånd", "Chefsnätverk försörjningsstöd", None, 2020),
)
# Share of meetings held digitally / hybrid per year.
_FORMAT_SHARES = {2022: (0.55, 0.15), 2023: (0.35, 0.15), 2024: (0.30, 0.15)}
_TERTIAL_MONTHS = {1: (1, 2, 3, 4), 2: (5, 6, 8), 3: (9, 10, 11, 12)}
_GENDER_WOMEN = 0.68


def _rng(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, SEED_OFFSET, stream])


def networks_frame() -> pd.DataFrame:
    """Return the registry rows of the 2022–2024 networks (columns of `schemas.Networks`)."""
    return pd.DataFrame(
        [(n, t, a, r) for n, t, a, r, _, _ in NETWORKS_2022],
        columns=["network", "network_type", "area", "with_region"],
    )


def former_names_frame() -> pd.DataFrame:
    """Return the former names (schema `NetworkFormerNames`)."""
    return pd.DataFrame(
        {
            "network": pd.Series([r[0] for r in FORMER_NAMES], dtype="str"),
            "former_name": pd.Series([r[1] for r in FORMER_NAMES], dtype="str"),
            "from_year": pd.array([r[2] for r in FORMER_NAMES], dtype="Int64"),
            "to_year": pd.array([r[3] for r in FORMER_NAMES], dtype="Int64"),
        }
    )


def _meeting_dates(rng: np.random.Generator, year: int, tertial: int, n: int) -> list[pd.Timestamp]:
    months = rng.choice(_TERTIAL_MONTHS[tertial], size=n, replace=n > len(_TERTIAL_MONTHS[tertial]))
    dates = set()
    for m in sorted(months):
        day = pd.Timestamp(year, int(m), int(rng.integers(2, 27)))
        while day.weekday() >= 5 or day in dates:
            day += pd.Timedelta(days=1)
        dates.add(day)
    return sorted(dates)


def attendance_frame(seed: int) -> pd.DataFrame:
    """Return attendance 2022–2024 (columns of `schemas.Attendance`, plain dtypes)."""
    rng = _rng(seed, 1)
    rows = []
    kommuner = list(KOMMUNER)
    for year in YEARS:
        digital, hybrid = _FORMAT_SHARES[year]
        for name, ntype, _, _, per_tertial, region_seats in NETWORKS_2022:
            level = {"PKS": 0.9, "kommundirektörer": 0.88, "Reko": 0.72}.get(ntype, rng.uniform(0.68, 0.9))
            seats = [(k, 1) for k in kommuner]
            if ntype == "PKS":
                seats = [(k, s) for k in kommuner for s in (1, 2)]
            seats += [(REGION_CODE, s) for s in range(1, region_seats + 1)]
            for tertial in (1, 2, 3):
                for date in _meeting_dates(rng, year, tertial, per_tertial):
                    u = rng.random()
                    fmt = "digitalt" if u < digital else "hybrid" if u < digital + hybrid else "fysiskt"
                    p = float(np.clip(level + rng.normal(0, 0.06), 0.4, 1.0))
                    for org, seat in seats:
                        present = bool(rng.random() < p)
                        gender = ("kvinna" if rng.random() < _GENDER_WOMEN else "man") if present else None
                        rows.append((date, name, org, ORGANISATIONS[org], seat, present, fmt, gender))
    return pd.DataFrame(
        rows,
        columns=["meeting_date", "network", "org_code", "organisation", "seat", "present", "meeting_format", "gender"],
    )


_KK_TITLES = (
    "Motiverande samtal",
    "Lågaffektivt bemötande",
    "Dokumentation enligt SoL och LSS",
    "Klarspråk i myndighetstexter",
    "GDPR i vardagen",
    "Offentlig upphandling – LOU",
    "Våld i nära relationer – grundkurs",
    "Suicidprevention",
    "Demens – bemötande och omvårdnad",
    "Läkemedelshantering i kommunal hälso- och sjukvård",
    "Barnkonventionen i praktiken",
    "Konflikthantering för chefer",
    "Arbetsmiljöansvar för chefer",
    "Digital tillgänglighet",
    "Barnsamtal i socialtjänsten",
)
_UPPDRAG = (
    ("FoUrum social välfärd", "Peer support – utbildning av stödpersoner"),
    ("FoUrum social välfärd", "Vård- och insatsprogram (VIP) – länsgemensam utbildning"),
    ("FoUrum utbildning", "Fjärrundervisning – lärarträffar"),
    ("Miljösamverkan", "Tillsynsprojekt livsmedel"),
)
# Courses held by Kurs och konferens per year, and the digital share.
_KK_PER_YEAR = {2022: (34, 0.62), 2023: (38, 0.45), 2024: (41, 0.40)}


def courses_frames(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return courses and participants per organisation 2022–2024 (columns of `schemas.Courses`
    and `schemas.CourseParticipants`, plain dtypes)."""
    rng = _rng(seed, 2)
    courses, parts = [], []
    orgs = [*KOMMUNER, REGION_CODE]
    for year in YEARS:
        kk_rows, kk_parts = _kk_rows(rng, year, orgs)
        courses += kk_rows
        parts += kk_parts
        courses += _uppdrag_rows(rng, year)
    columns = [
        "course_id",
        "title",
        "course_date",
        "organiser",
        "kind",
        "digital",
        "cancelled",
        "fee_per_participant",
        "external_fee_per_participant",
        "participants_total",
    ]
    frame = pd.DataFrame(courses, columns=columns)
    participants = pd.DataFrame(parts, columns=["course_id", "org_code", "organisation", "participants"])
    totals = participants.groupby("course_id")["participants"].sum()
    kk = frame["kind"] == "kurs"
    frame.loc[kk, "participants_total"] = frame.loc[kk, "course_id"].map(totals)
    return frame, participants


def _kk_rows(rng: np.random.Generator, year: int, orgs: list[str]) -> tuple[list[tuple], list[tuple]]:
    """Return the course rows of Kurs och konferens in `year` and their participant rows (none when cancelled)."""
    courses, parts = [], []
    n, digital_share = _KK_PER_YEAR[year]
    days = pd.date_range(f"{year}-01-10", f"{year}-12-10", freq="B")
    days = days[days.month != 7]
    dates = sorted(rng.choice(days, size=n, replace=False))
    for i, date in enumerate(dates, start=1):
        cid = f"K{year}-{i:03d}"
        cancelled = bool(rng.random() < 0.05)
        fee = int(rng.integers(15, 60)) * 100
        courses.append(
            (
                cid,
                _KK_TITLES[int(rng.integers(len(_KK_TITLES)))],
                pd.Timestamp(date),
                KURS_OCH_KONFERENS,
                "kurs",
                bool(rng.random() < digital_share),
                cancelled,
                fee,
                int(fee * rng.uniform(1.2, 1.6)) // 100 * 100,
                None,
            )
        )
        if cancelled:
            continue
        for org in rng.choice(orgs, size=int(rng.integers(4, 12)), replace=False):
            parts.append((cid, str(org), ORGANISATIONS[str(org)], int(rng.integers(1, 9))))
    return courses, parts


def _uppdrag_rows(rng: np.random.Generator, year: int) -> list[tuple]:
    """Return the course rows of the plan's uppdrag in `year` (totals only)."""
    courses = []
    for j, (organiser, title) in enumerate(_UPPDRAG, start=1):
        date = pd.Timestamp(year, int(rng.choice([3, 5, 10])), int(rng.integers(3, 25)))
        courses.append(
            (
                f"U{year}-{j:03d}",
                title,
                date,
                organiser,
                "uppdrag",
                False,
                False,
                None,
                None,
                int(rng.integers(40, 160)),
            )
        )
    return courses


# (project, funder, area, applied, submitted, decision, granted, decision date)
GRANTS: tuple[tuple, ...] = (
    (
        "Goda förutsättningar – kompetenslyft undersköterskor",
        "Socialstyrelsen",
        AREA_SOCIAL,
        2_400_000,
        "2022-02-14",
        "beviljad",
        2_400_000,
        "2022-04-20",
    ),
    (
        "Letterbox Club Jönköpings län",
        "Allmänna arvsfonden",
        AREA_UTBILDNING,
        1_850_000,
        "2022-03-01",
        "avslag",
        None,
        "2022-06-15",
    ),
    (
        "Hedersrelaterat våld och förtryck mot barn och unga",
        "Länsstyrelsen i Jönköpings län",
        AREA_SOCIAL,
        900_000,
        "2022-04-10",
        "delvis beviljad",
        600_000,
        "2022-06-01",
    ),
    ("Digital välfärd i samverkan", "Vinnova", AREA_SOCIAL, 3_200_000, "2022-09-12", "avslag", None, "2022-12-01"),
    (
        "Räkna med mig! – fortsättning",
        "Svenska ESF-rådet",
        AREA_SOCIAL,
        6_500_000,
        "2023-01-30",
        "beviljad",
        6_500_000,
        "2023-05-10",
    ),
    (
        "Fritid för alla – inkluderande föreningsliv",
        "Allmänna arvsfonden",
        AREA_FRITID,
        2_100_000,
        "2023-03-15",
        "avslag",
        None,
        "2023-06-20",
    ),
    (
        "Barns delaktighet i öppenvården",
        "Forte",
        AREA_SOCIAL,
        4_300_000,
        "2023-04-03",
        "beviljad",
        4_300_000,
        "2023-10-02",
    ),
    (
        "Samverkan kring skolfrånvaro",
        "Skolverket",
        AREA_UTBILDNING,
        1_200_000,
        "2023-09-18",
        "delvis beviljad",
        800_000,
        "2023-11-28",
    ),
    (
        "Peer support i länet",
        "Allmänna arvsfonden",
        AREA_SOCIAL,
        3_600_000,
        "2024-02-05",
        "beviljad",
        3_600_000,
        "2024-05-22",
    ),
    ("Miljötillsyn digitalt", "Naturvårdsverket", AREA_MILJO, 750_000, "2024-03-11", "avslag", None, "2024-06-12"),
    (
        "Kompetensförsörjning i äldreomsorgen",
        "Svenska ESF-rådet",
        AREA_SOCIAL,
        8_900_000,
        "2024-04-22",
        "beviljad",
        8_900_000,
        "2024-09-30",
    ),
    (
        "Ungdomsmottagningar – nya arbetssätt",
        "Socialstyrelsen",
        AREA_SOCIAL,
        1_500_000,
        "2024-10-01",
        "väntar",
        None,
        None,
    ),
)


def grants_frame() -> pd.DataFrame:
    """Return the grant applications 2022–2024 (columns of `schemas.Grants`, plain dtypes)."""
    frame = pd.DataFrame(
        GRANTS,
        columns=[
            "project",
            "funder",
            "area",
            "amount_applied",
            "submitted_date",
            "decision",
            "amount_granted",
            "decision_date",
        ],
    )
    return frame.assign(
        submitted_date=pd.to_datetime(frame["submitted_date"]), decision_date=pd.to_datetime(frame["decision_date"])
    )


# The plan's budget 2022–2024 per area (nettokostnader, kr) and the kommuner's share of the added funds.
_BUDGET = {
    AREA_SOCIAL: (45_230_000, 43_735_000, 43_743_000),
    AREA_MILJO: (1_092_000, 1_116_000, 1_142_000),
    AREA_UTBILDNING: (3_129_000, 3_192_000, 3_281_000),
    AREA_FRITID: (1_660_000, 1_697_000, 1_736_000),
    AREA_KURS: (1_500_000, 1_500_000, 1_500_000),
    AREA_LEDNING: (3_739_000, 3_821_000, 3_909_000),
}
# Income statement per year (intäkter positive, kostnader negative), kr: the plan's table.
_INCOME = {
    2022: (23_885_000, 26_753_000, 5_712_000),
    2023: (24_274_000, 26_481_000, 4_305_000),
    2024: (24_583_000, 26_323_000, 4_404_000),
}
_REPORTING = ("04-30", "08-31", "12-31")
_USED = (0.3, 0.62, 0.97)
# Funds carried into 2022 as a share of the year's budget (the social area holds fonderade statliga
# medel that the plan expects to be used up by 2024), the share of the year's funds received by
# each tertial's end (the kommuner's fees are invoiced in January, the rest as it comes), and the
# part of the social area's remaining funds that is fonderade statliga medel, per year.
_CARRY_2022 = {AREA_SOCIAL: 0.45}
_CARRY_OTHER = 0.2
_RECEIVED_KOMMUN = (1.0, 1.0, 1.0)
_RECEIVED_OTHER = (0.35, 0.7, 1.0)
_EARMARKED = {2022: 0.6, 2023: 0.45, 2024: 0.3}


def _financier_split(area: str) -> tuple[float, float, float, float]:
    """Return the area's share of funds from (kommunerna, regionen, staten, övriga): the plan's
    financing, with the kommuner paying what the others do not."""
    state = 0.35 if area == AREA_SOCIAL else 0.0
    region = 0.05 if area in (AREA_SOCIAL, AREA_KURS) else 0.0
    other = 0.05
    return 1.0 - state - region - other, region, state, other


def funds_frames(seed: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return available funds, budget and income statement 2022–2024 at each tertial's end
    (columns of `schemas.FundsAvailable`, `Budget`, `IncomeStatement`, plain dtypes).

    Each area starts the year with the funds left at the previous year's end (2022: a share of
    its budget) and receives about its budget during the year, so its funds stay positive: the
    closing funds at every reporting date, and the forecast of funds left at the year's end.
    """
    rng = _rng(seed, 3)
    available, budget, income = [], [], []
    carry = {area: int(round(b[0] * _CARRY_2022.get(area, _CARRY_OTHER), -3)) for area, b in _BUDGET.items()}
    for y, year in enumerate(YEARS):
        for t, (day, used) in enumerate(zip(_REPORTING, _USED)):
            date = pd.Timestamp(f"{year}-{day}")
            share = (t + 1) / 3
            area_funds, area_budgets, year_end = _area_rows(rng, date, year, y, t, used, carry)
            available += area_funds
            budget += area_budgets
            income += _income_rows(rng, date, year, share)
        carry = year_end
    fa_cols = [
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
    return (
        pd.DataFrame(available, columns=fa_cols),
        pd.DataFrame(budget, columns=["reporting_date", "area", "budget", "outcome", "forecast"]),
        pd.DataFrame(income, columns=["reporting_date", "item", "outcome", "budget", "forecast"]),
    )


def _area_rows(
    rng: np.random.Generator, date: pd.Timestamp, year: int, y: int, t: int, used: float, carry: dict[str, int]
) -> tuple[list[tuple], list[tuple], dict[str, int]]:
    """Return each area's funds and budget rows at the end of tertial `t` of `year`, and its closing funds."""
    available, budget, closing_funds = [], [], {}
    for area, budgets in _BUDGET.items():
        b = budgets[y]
        mun_s, reg_s, state_s, other_s = _financier_split(area)
        # received in the year to date, plus the funds carried in (split as the year's funds)
        yearly = b * (0.97 if area == AREA_SOCIAL else 1.03)
        kommun = int(round(mun_s * (yearly * _RECEIVED_KOMMUN[t] + carry[area]), -3))
        region = int(round(reg_s * (yearly * _RECEIVED_OTHER[t] + carry[area]), -3))
        state = int(round(state_s * (yearly * _RECEIVED_OTHER[t] + carry[area]), -3))
        other = int(round(other_s * (yearly * _RECEIVED_OTHER[t] + carry[area]), -3))
        start = kommun + state + other + region
        spent = int(round(b * used * rng.uniform(0.95, 1.03), -3))
        closing = start - spent
        earmarked = int(round(closing * _EARMARKED[year], -3)) if state else 0
        available.append((date, area, start, kommun, region, 0, state, other, spent, closing, earmarked))
        forecast = int(round(b * rng.uniform(0.96, 1.01), -3))
        budget.append((date, area, b, spent, forecast))
        closing_funds[area] = closing
    return available, budget, closing_funds


def _income_rows(rng: np.random.Generator, date: pd.Timestamp, year: int, share: float) -> list[tuple]:
    """Return the income statement rows at `date`, with `share` of the year's budget as the outcome to date."""
    kommuner, earlier, others = _INCOME[year]
    total_cost = kommuner + earlier + others
    items = (
        ("Tillförda medel innevarande år", kommuner, 1.0),
        ("Disponerade medel från tidigare år", earlier, 1.0),
        ("Övriga intäkter", others, 1.0),
        ("Personalkostnader", -int(total_cost * 0.62), 1.0),
        ("Köp av verksamhetsanknutna tjänster", -int(total_cost * 0.18), 1.0),
        ("Lämnade bidrag", -int(total_cost * 0.08), 1.0),
        ("Övriga kostnader", -int(total_cost * 0.12), 1.0),
    )
    income = []
    for item, full, _ in items:
        outcome = int(round(full * share * rng.uniform(0.97, 1.02), -3))
        income.append((date, item, outcome, full, int(round(full * rng.uniform(0.98, 1.01), -3))))
    return income


GOALS = (
    "Vår verksamhet ska leda till en ändamålsenlig och kostnadseffektiv verksamhet för länets kommuner",
    "Vi har ett starkt och jämbördigt partnerskap med aktiva ägare",
    "I vår verksamhet är medborgarnas erfarenhet en viktig kunskapskälla",
    "Vår verksamhet kommer till reell nytta för användarna",
    "Vi stärker och ökar kompetensen i länet",
    "Vi använder forskning för att utveckla och förbättra kommunernas verksamheter",
)
# The survey's questions: (Id, question as asked, the plan's mätetal text).
QUESTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "F01",
        "Hur nöjd är du med Kommunal utvecklings bidrag till förväntad ekonomisk effekt i din verksamhet?",
        "Andel mycket nöjda med Kommunal utvecklings bidrag till förväntad ekonomisk effekt i den egna verksamheten.",
    ),
    (
        "F02",
        "Hur nöjd är du med Kommunal utvecklings bidrag till samverkan mellan kommunerna?",
        "Andel mycket nöjda med Kommunal utvecklings bidrag till samverkan mellan kommunerna.",
    ),
    (
        "F03",
        "Hur nöjd är du med Kommunal utvecklings bidrag till att underlätta samverkan med Region Jönköpings län?",
        "Andel mycket nöjda med Kommunal utvecklings bidrag till att underlätta samverkan med Region Jönköpings län.",
    ),
    (
        "F04",
        "Hur nöjd är du med Kommunal utvecklings bidrag till att underlätta samverkan med andra aktörer?",
        "Andel mycket nöjda med Kommunal utvecklings bidrag till att underlätta samverkan med andra aktörer.",
    ),
    (
        "F05",
        "Hur nöjd är du med Kommunal utvecklings bidrag till att synliggöra medborgarnas erfarenheter?",
        "Andel mycket nöjda med Kommunal utvecklings bidrag till att synliggöra medborgarnas erfarenheter.",
    ),
    (
        "F06",
        "Hur nöjd är du med stödet i att utveckla verksamheter med hänsyn till medborgarnas erfarenheter?",
        "Andel mycket nöjda med Kommunal utvecklings stöd till kommunerna i arbetet med att utveckla verksamheter "
        "med hänsyn till medborgarnas erfarenheter.",
    ),
    (
        "F07",
        "Hur nöjd är du med Kommunal utvecklings bidrag till förväntad nytta i din verksamhet?",
        "Andelen mycket nöjda med Kommunal utvecklings bidrag till förväntad nytta i den egna verksamheten.",
    ),
    (
        "F08",
        "Hur nöjd är du med Kommunal utvecklings bidrag till förväntad kvalitetshöjning i din verksamhet?",
        "Andelen mycket nöjda med Kommunal utvecklings bidrag till förväntad kvalitetshöjning i den egna verksamheten.",
    ),
    (
        "F09",
        "Hur nöjd är du med Kommunal utvecklings bidrag till ökad kompetens i länet?",
        "Andel mycket nöjda med Kommunal utvecklings bidrag till ökad kompetens i länet.",
    ),
    (
        "F10",
        "Hur nöjd är du med Kommunal utvecklings bidrag till framtagande av relevanta stöd?",
        "Andel mycket nöjda med Kommunal utvecklings bidrag till framtagande av relevanta stöd.",
    ),
    (
        "F11",
        "Hur nöjd är du med Kommunal utvecklings bidrag till implementering av aktuella stöd?",
        "Andel mycket nöjda med Kommunal utvecklings bidrag till implementering av aktuella stöd.",
    ),
    (
        "F12",
        "Hur nöjd är du med Kommunal utvecklings bidrag till att sprida kunskap om aktuell forskning?",
        "Andel mycket nöjda med Kommunal utvecklings bidrag till att sprida kunskap om aktuell forskning.",
    ),
    (
        "F13",
        "Hur nöjd är du med stödet i att använda aktuell forskning för att utveckla och förbättra verksamheten?",
        "Andel mycket nöjda med Kommunal utvecklings stöd till kommunerna i att använda aktuell forskning för att "
        "utveckla och förbättra sina verksamheter.",
    ),
)
SCALE: tuple[tuple[str, int, bool], ...] = (
    ("Mycket missnöjd", 1, False),
    ("Missnöjd", 2, False),
    ("Varken nöjd eller missnöjd", 3, False),
    ("Nöjd", 4, False),
    ("Mycket nöjd", 5, True),
)
# Networks that answer the survey (the plan: chefsnätverk/styrgrupper eller liknande).
_SURVEY_TYPES = ("chefsnätverk", "styrgrupp", "strategigrupp", "Reko")
_SATISFACTION = {2022: 0.30, 2023: 0.34, 2024: 0.37}


def survey_frames(seed: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the survey counts 2022–2024, the scale and the questions (columns of
    `schemas.SurveyResponses`, `SurveyScale`, `SurveyQuestions`)."""
    rng = _rng(seed, 4)
    rows = []
    answering = [n for n, t, *_ in NETWORKS_2022 if t in _SURVEY_TYPES]
    for year in YEARS:
        base = _SATISFACTION[year]
        for network in answering:
            respondents = int(rng.integers(5, 12))
            for qid, *_ in QUESTIONS:
                q_level = base + (0.08 if qid in ("F02", "F09") else -0.08 if qid in ("F05", "F06", "F13") else 0.0)
                p_top = float(np.clip(q_level + rng.normal(0, 0.05), 0.05, 0.9))
                rest = np.array([0.03, 0.07, 0.2, 0.7]) * (1 - p_top)
                counts = rng.multinomial(respondents, [*rest, p_top])
                for (option, _, _), n in zip(SCALE, counts):
                    if n:
                        rows.append((year, network, qid, option, int(n)))
    responses = pd.DataFrame(rows, columns=["year", "network", "question_id", "option", "respondents"])
    scale = pd.DataFrame(SCALE, columns=["option", "order", "very_satisfied"])
    questions = pd.DataFrame(QUESTIONS, columns=["question_id", "question", "indicator_text"])
    return responses, scale, questions


# (project, kind, area, start, planned end, external funding per year)
PROJECTS: tuple[tuple, ...] = (
    ("Räkna med mig!", "projekt", AREA_SOCIAL, "2019-09-01", "2024-08-31", 1_200_000),
    (
        "Hedersrelaterat våld och förtryck mot barn och unga",
        "projekt",
        AREA_SOCIAL,
        "2021-01-01",
        "2023-12-31",
        300_000,
    ),
    ("Letterbox Club", "projekt", AREA_UTBILDNING, "2021-08-01", "2024-06-30", None),
    ("Goda förutsättningar för vårdens medarbetare", "projekt", AREA_SOCIAL, "2020-04-01", "2024-12-31", 2_400_000),
    ("Barns delaktighet i problemformuleringen", "projekt", AREA_SOCIAL, "2021-01-01", "2023-06-30", 350_000),
    ("Brukarstyrda brukarrevisioner", "projekt", AREA_SOCIAL, "2020-09-01", "2022-12-31", None),
    ("Erkännande", "projekt", AREA_SOCIAL, "2021-03-01", "2024-02-29", None),
    ("Leva livet: boendestöd till personer med SMI", "projekt", AREA_SOCIAL, "2021-01-01", "2024-12-31", 500_000),
    ("Identitet, inflytande och inkludering", "projekt", AREA_SOCIAL, "2022-01-01", "2025-12-31", None),
    ("Peer support", "uppdrag", AREA_SOCIAL, "2021-01-01", "2024-12-31", None),
    ("Vård- och insatsprogram i Jönköpings län (VIP)", "uppdrag", AREA_SOCIAL, "2020-01-01", "2024-12-31", None),
    ("Stöd till barn som utsatts för våld och övergrepp", "uppdrag", AREA_SOCIAL, "2021-06-01", "2023-12-31", None),
    ("Fjärrundervisning", "uppdrag", AREA_UTBILDNING, "2020-08-01", "2025-06-30", None),
    ("Tillsynsvägledning livsmedel", "uppdrag", AREA_MILJO, "2023-01-01", "2024-12-31", None),
)


def projects_frame(seed: int) -> pd.DataFrame:
    """Return the register of uppdrag and projects 2022–2024 (columns of `schemas.Projects`)."""
    rng = _rng(seed, 5)
    rows = []
    for year in YEARS:
        for name, kind, area, start, end, external in PROJECTS:
            s, e = pd.Timestamp(start), pd.Timestamp(end)
            if s.year > year or e.year < year:
                continue
            status = "avslutat" if e <= pd.Timestamp(year, 12, 31) else "pågående"
            assessed = status != "planerat"
            yes = {2022: 0.78, 2023: 0.82, 2024: 0.86}[year]
            within = ("ja" if rng.random() < yes else "nej") if assessed else None
            plan = ("ja" if rng.random() < yes + 0.05 else "nej") if assessed else None
            goals = (str(rng.choice(["ja", "delvis", "nej"], p=[yes - 0.1, 0.2, 0.9 - yes]))) if assessed else None
            rows.append((name, year, kind, area, s, e, status, within, plan, goals, external))
    return pd.DataFrame(
        rows,
        columns=[
            "project",
            "year",
            "kind",
            "area",
            "start_date",
            "planned_end",
            "status",
            "within_budget",
            "according_to_plan",
            "goals_met",
            "external_funding",
        ],
    )


# Staff measure per year: share of staff satisfied with the work environment.
WORK_ENVIRONMENT = {2022: 0.84, 2023: 0.88, 2024: 0.86}

_PCT = ("%", "högre är bättre", "föregående tertial")
_PCT_YEAR = ("%", "högre är bättre", "samma period föregående år")
_ST_YEAR = ("st", "högre är bättre", "samma period föregående år")
_KR_YEAR = ("kr", "högre är bättre", "samma period föregående år")
_A11 = "Verksamheten söker aktivt externa medel."
_A13 = "Kommunal utvecklings uppdrag/projekt leder till förväntad ekonomisk effekt."
_A21 = "Samtliga kommuner har aktiva representanter i chefsnätverk/styrgrupper eller liknande."
_A23 = "Kommunal utveckling underlättar samverkan med Region Jönköpings län."
_A41 = "Kommunal utveckling fungerar som ett stöd för utveckling av den egna verksamheten."
_A51 = "Årligen genomförs kurser efter behov och önskemål från verksamheterna samt chefsnätverk/styrgrupper eller liknande."


def _survey(goal: int, area: str, qid: str) -> tuple:
    text = next(t for q, _, t in QUESTIONS if q == qid)
    return (goal, area, text, f"survey.very_satisfied:{qid}", _PCT_YEAR)


# The 29 mätetal of the plan: (goal number, area, text, metric key, (unit, direction, comparison)).
INDICATORS: tuple[tuple, ...] = (
    (1, _A11, "Beviljad finansiering av externa projektmedel.", "grants.granted_amount", _KR_YEAR),
    (1, _A11, "Antal beviljade projekt av sökta projekt.", "grants.granted_count", _ST_YEAR),
    (1, _A11, "Andelen extern finansiering av verksamheten.", "funds.external_share", _PCT),
    (
        1,
        "Kommunal utvecklings ekonomi är i balans.",
        "Finansiellt resultat (organisation).",
        "funds.result",
        ("kr", "balans", "föregående tertial"),
    ),
    _survey(1, _A13, "F01"),
    (
        1,
        _A13,
        "Andelen uppdrag/projekt som genomförs inom ramen för fastställd budget och uppfyller uppsatta mål "
        "(förväntad ekonomisk effekt).",
        "projects.within_budget_and_goals_met",
        _PCT_YEAR,
    ),
    (
        1,
        _A13,
        "Andelen utbildningar som genomförs digitalt genom Kurs och konferens.",
        "courses.digital_share:Kurs och konferens",
        _PCT_YEAR,
    ),
    (
        1,
        _A13,
        "Andelen träffar med nätverk/styrgrupper eller liknande som genomförs digitalt.",
        "attendance.digital_share",
        _PCT,
    ),
    (
        2,
        _A21,
        "Närvaro vid samtliga chefsnätverk/styrgrupper eller liknande på Kommunal utveckling.",
        "attendance.kommuner_represented",
        _PCT,
    ),
    (2, _A21, "Närvaro vid PKS sammanträden.", "attendance.type:PKS", _PCT),
    (2, _A21, "Närvaro vid träffar med länets kommundirektörer.", "attendance.type:kommundirektörer", _PCT),
    _survey(2, "Kommunal utveckling stimulerar samverkan mellan länets kommuner.", "F02"),
    _survey(2, _A23, "F03"),
    (
        2,
        _A23,
        "Närvaro vid samtliga träffar som sker i samverkan med Region Jönköpings län",
        "attendance.region_groups",
        _PCT,
    ),
    _survey(2, "Kommunal utveckling underlättar samverkan med andra aktörer.", "F04"),
    _survey(3, "Kommunal utveckling bidrar till att synliggöra medborgarnas erfarenheter.", "F05"),
    _survey(
        3,
        "Kommunal utveckling stödjer kommunerna i arbetet med att utveckla verksamheter med hänsyn till medborgarnas "
        "erfarenheter.",
        "F06",
    ),
    _survey(4, _A41, "F07"),
    _survey(4, _A41, "F08"),
    (
        4,
        _A41,
        "Andelen uppdrag/projekt som genomförs enligt antagen verksamhetsplan eller beslutad uppdragsbeskrivning och "
        "kommer till användning i den egna verksamheten (förväntad nytta – gör vi rätt saker?)",
        "projects.according_to_plan",
        _PCT_YEAR,
    ),
    (
        4,
        _A41,
        "Andelen uppdrag/projekt som uppfyller uppsatta mål (förväntad kvalitetshöjning – gör vi saker rätt?)",
        "projects.goals_met",
        _PCT_YEAR,
    ),
    (
        4,
        "Medarbetare på Kommunal utveckling upplever en god arbetsmiljö.",
        "Andel medarbetare på Kommunal utveckling som är nöjda med arbetsmiljön.",
        "staff.work_environment",
        _PCT_YEAR,
    ),
    (5, _A51, "Antal genomförda kurser genom Kurs och konferens.", "courses.held:Kurs och konferens", _ST_YEAR),
    (
        5,
        _A51,
        "Antal deltagare på aktiviteter som arrangeras via Kurs och konferens.",
        "courses.participants:Kurs och konferens",
        _ST_YEAR,
    ),
    _survey(5, "Kommunal utveckling bidrar till ökad kompetens i länet.", "F09"),
    _survey(5, "Kommunal utveckling bidrar till framtagande av relevanta stöd.", "F10"),
    _survey(5, "Kommunal utveckling bidrar till implementering av aktuella stöd.", "F11"),
    _survey(6, "Kommunal utveckling sprider kunskap om aktuell forskning.", "F12"),
    _survey(
        6,
        "Kommunal utveckling stödjer kommunerna i att använda aktuell forskning för att utveckla och förbättra sina "
        "verksamheter.",
        "F13",
    ),
)


def indicator_rows() -> list[dict]:
    """Return the 29 mätetal as rows of the Mätetal sheet (ids VP22-<goal>.<n>, valid 2022–2024)."""
    rows, seen = [], {}
    for goal, area, text, metric, (unit, direction, comparison) in INDICATORS:
        seen[goal] = seen.get(goal, 0) + 1
        rows.append(
            {
                "indicator_id": f"VP22-{goal}.{seen[goal]}",
                "text": text,
                "goal": GOALS[goal - 1],
                "area": area,
                "metric": metric,
                "unit": unit,
                "direction": direction,
                "comparison": comparison,
                "threshold_met": np.nan,
                "threshold_partly": np.nan,
                "trend_threshold": np.nan,
                "first_year": 2022,
                "last_year": 2024,
            }
        )
    return rows


_SURVEY_ACTIVITY = "Årlig utvärderingsenkät till chefsnätverk/styrgrupper eller liknande."
# The plan's activities per area (section 3, column Aktiviteter): (area, activity, kind). The kind
# decides the status over the year: "löpande" goes on all year, "enkät" is answered at the year's end
# (not started in tertial 1–2, done in tertial 3), "projekt:<name>" follows the project register.
ACTIVITIES_2022: tuple[tuple[str, str, str], ...] = (
    (_A11, "Projektansökningar.", "löpande"),
    (_A11, "Kontinuerligt arbete med ansökningar avseende externa medel.", "löpande"),
    ("Kommunal utvecklings ekonomi är i balans.", "Kontinuerlig budgetuppföljning.", "löpande"),
    (_A13, "Uppdrag/projekt genomförs inom ramen för fastställd budget och uppfyller uppsatta mål.", "löpande"),
    (_A13, "Utbildningar genomförs digitalt för att bli mer kostnadseffektiva.", "löpande"),
    (_A13, "Träffar med nätverk/styrgrupper eller liknande genomförs digitalt.", "löpande"),
    (_A13, _SURVEY_ACTIVITY, "enkät"),
    (_A21, "Nätverksträffar inom Kommunal utvecklings verksamhet.", "löpande"),
    (_A21, "PKS sammanträden.", "löpande"),
    (_A21, "Träffar med länets kommundirektörer.", "löpande"),
    ("Kommunal utveckling stimulerar samverkan mellan länets kommuner.", "Skapa sammanhang för samverkan mellan kommunerna.", "löpande"),
    (_A23, "Samverkan med Region Jönköpings län genom Reko, de tre strategigrupperna och e-hälsorådet.", "löpande"),
    ("Kommunal utveckling underlättar samverkan med andra aktörer.", "Vid behov skapa sammanhang för samverkan med andra aktörer.", "löpande"),
    ("Kommunal utveckling bidrar till att synliggöra medborgarnas erfarenheter.", _SURVEY_ACTIVITY, "enkät"),
    (
        "Kommunal utveckling stödjer kommunerna i arbetet med att utveckla verksamheter med hänsyn till medborgarnas "
        "erfarenheter.",
        "Stödjande aktiviteter för utveckling av kommunernas verksamheter.",
        "löpande",
    ),
    (_A41, "Utvecklingsprojektet Räkna med mig!", "projekt:Räkna med mig!"),
    (_A41, "Utvecklingsprojektet Letterbox Club.", "projekt:Letterbox Club"),
    (_A41, "Uppdrag Peer support.", "projekt:Peer support"),
    (_A41, "Årlig riskanalys för Kommunal utvecklings verksamhet.", "enkät"),
    (
        "Medarbetare på Kommunal utveckling upplever en god arbetsmiljö.",
        "Arbetsmiljön diskuteras kontinuerligt på verksamhetens arbetsplatsträffar.",
        "löpande",
    ),
    (_A51, "Aktivt marknadsföra Kurs och konferens.", "löpande"),
    (_A51, "Genomföra kurser och andra arrangemang.", "löpande"),
    ("Kommunal utveckling bidrar till ökad kompetens i länet.", "Olika kompetenshöjande aktiviteter.", "löpande"),
    ("Kommunal utveckling bidrar till framtagande av relevanta stöd.", "Aktiviteter som bidrar till framtagande av relevanta stöd.", "löpande"),
    ("Kommunal utveckling bidrar till implementering av aktuella stöd.", "Aktiviteter för implementering av aktuella stöd.", "löpande"),
    (
        "Kommunal utveckling sprider kunskap om aktuell forskning.",
        "Ny forskning och omvärldsbevakning som återkommande punkt på chefsnätverkens dagordningar.",
        "löpande",
    ),
    (
        "Kommunal utveckling stödjer kommunerna i att använda aktuell forskning för att utveckla och förbättra sina "
        "verksamheter.",
        "Årlig översyn av Kommunal utvecklings forskningsstrategi.",
        "enkät",
    ),
)  # fmt: skip
_ACTIVITY_TEXTS = {
    "pågår": "Arbetet pågår enligt plan.",
    "pågår med problem": "Arbetet pågår men är försenat; en ny tidplan tas fram under nästa tertial.",
    "ej påbörjad": "Genomförs under tertial 3.",
    "klar": "Genomförd under året.",
}


def activities_frame(seed: int) -> pd.DataFrame:
    """Return the plan's activities for every tertial 2022–2024 (columns of `schemas.Activities`):
    ongoing work mostly pågår (now and then with problems), the yearly survey and reviews done in
    tertial 3, and the plan's projects as the register has them (klar in the tertial they end)."""
    rng = _rng(seed, 6)
    ends = {name: pd.Timestamp(end) for name, _, _, _, end, _ in PROJECTS}
    rows = []
    for year in YEARS:
        for tertial in (1, 2, 3):
            t_end = pd.Timestamp(year, _TERTIAL_MONTHS[tertial][-1], 1) + pd.offsets.MonthEnd(0)
            for area, activity, kind in ACTIVITIES_2022:
                if kind == "enkät":
                    status = "klar" if tertial == 3 else "ej påbörjad"
                elif kind.startswith("projekt:"):
                    end = ends[kind.split(":", 1)[1]]
                    if end < t_end - pd.DateOffset(months=4):
                        continue  # ended before the tertial: no longer reported
                    status = "klar" if end <= t_end else "pågår"
                else:
                    status = "pågår med problem" if rng.random() < 0.08 else "pågår"
                text = _ACTIVITY_TEXTS[status]
                if status == "pågår med problem" and (year, tertial) == (YEARS[-1], 3):  # the plan's last tertial
                    text = "Arbetet pågår men är försenat och fortsätter efter planperioden."
                if kind.startswith("projekt:") and status == "klar":
                    text = f"Avslutat {end:%Y-%m-%d}."
                rows.append((year, tertial, area, activity, status, text))
    return pd.DataFrame(rows, columns=["year", "tertial", "area", "activity", "status", "text"])


# --- putting the years together --------------------------------------------------------------------
def _categories_union(old: pd.Series, new: pd.Series) -> pd.CategoricalDtype:
    """Return the old column's categories with the new column's values added: sorted when the old
    ones were (as the loaders sort them), else appended."""
    cats = [str(c) for c in old.cat.categories] if isinstance(old.dtype, pd.CategoricalDtype) else []
    extra = sorted({str(v) for v in new.dropna()} - set(cats))
    return pd.CategoricalDtype(sorted([*cats, *extra]) if cats == sorted(cats) else [*cats, *extra])


def _append(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Return `new` rows appended to `old`, keeping old's dtypes (categories extended)."""
    new = new[list(old.columns)]
    out = pd.concat([old.astype(object), new.astype(object)], ignore_index=True)
    for col in old.columns:
        dtype = old[col].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(object).astype(_categories_union(old[col], new[col]))
        elif str(dtype).startswith("datetime64"):
            out[col] = pd.to_datetime(out[col])
        else:
            out[col] = out[col].astype(dtype)
    return out


def current_names(frame: pd.DataFrame, column: str = "network") -> pd.DataFrame:
    """Return `frame` with former network names replaced by the current ones."""
    mapping = {old: new for new, old, _, _ in FORMER_NAMES}
    values = frame[column].astype(object).map(lambda n: mapping.get(n, n))
    dtype = frame[column].dtype
    if isinstance(dtype, pd.CategoricalDtype):
        cats = list(dict.fromkeys(mapping.get(c, c) for c in dtype.categories))
        return frame.assign(**{column: values.astype(pd.CategoricalDtype(cats))})
    return frame.assign(**{column: values.astype(dtype)})


def names_as_held(attendance: pd.DataFrame) -> pd.DataFrame:
    """Return attendance with each renamed network spelt as it was in the meeting's year, as the
    workbooks of those years have it (2018–2019 files keep Chefsnätverk eHälsa)."""
    net = attendance["network"].astype(object).copy()
    years = attendance["meeting_date"].dt.year
    for new, old, first, last in FORMER_NAMES:
        held = (net == new) & (years <= last) & (years >= (first or 0))
        net[held] = old
    return attendance.assign(network=net.astype(str))


def extend_tables(tables: dict[str, pd.DataFrame], seed: int) -> dict[str, pd.DataFrame]:
    """Return the sample's 2018–2019 tables extended with 2022–2024 and the plan's new inputs.

    Renamed networks take their current name throughout (as the loaders resolve them); the
    2018–2019 indicators end in 2021 and the plan's 29 mätetal hold 2022–2024.
    """
    out = dict(tables)
    registry = current_names(tables["networks"])
    known = set(registry["network"].astype(str))
    out["networks"] = _append(registry, networks_frame()[lambda f: ~f["network"].isin(known)])
    attendance = _append(current_names(tables["attendance"]), attendance_frame(seed))
    names = sorted(attendance["network"].astype(str).unique())
    out["attendance"] = attendance.assign(network=attendance["network"].astype(str).astype(pd.CategoricalDtype(names)))
    courses, participants = courses_frames(seed)
    out["courses"] = _append(tables["courses"], courses)
    out["course_participants"] = _append(tables["course_participants"], participants)
    out["grants"] = _append(tables["grants"], grants_frame())
    available, budget, income = funds_frames(seed)
    out["funds_available"] = _append(tables["funds_available"], available)
    out["budget"] = _append(tables["budget"], budget)
    out["income_statement"] = _append(tables["income_statement"], income)
    old = tables["indicators"].assign(
        first_year=pd.array([pd.NA] * len(tables["indicators"]), dtype="Int64"),
        last_year=pd.array([2021] * len(tables["indicators"]), dtype="Int64"),
    )
    out["indicators"] = _append(old, pd.DataFrame(indicator_rows()))
    out["network_former_names"] = former_names_frame()
    if "activities" in tables:
        out["activities"] = _append(tables["activities"], activities_frame(seed))
    responses, scale, questions = survey_frames(seed)
    out["survey_responses"] = responses.astype({"year": "Int64", "respondents": "Int64"})
    out["survey_scale"] = scale.astype({"order": "Int64"})
    out["survey_questions"] = questions
    projects = projects_frame(seed)
    for col, cats in (("within_budget", YES_NO), ("according_to_plan", YES_NO), ("goals_met", GOALS_MET)):
        projects[col] = projects[col].astype(pd.CategoricalDtype(list(cats)))
    projects["kind"] = projects["kind"].astype(pd.CategoricalDtype(list(PROJECT_KINDS)))
    projects["status"] = projects["status"].astype(pd.CategoricalDtype(list(PROJECT_STATUSES)))
    projects["area"] = projects["area"].astype(pd.CategoricalDtype(sorted(projects["area"].unique())))
    out["projects"] = projects.astype({"year": "Int64", "external_funding": "Int64"})
    out.update(_structure_tables(tables))
    return out


def _structure_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Return the report structure's tables extended: the plan's goals and areas for 2022–2024 (the
    2019 ones end in 2021), staff per tertial and the staff measure 2022–2024."""
    out = {}
    goals = tables.get("plan_goals")
    if goals is not None:
        old = goals.assign(
            first_year=pd.array([pd.NA] * len(goals), dtype="Int64"),
            last_year=pd.array([2021] * len(goals), dtype="Int64"),
        )
        new = pd.DataFrame(plan_goal_rows(), columns=["goal", "area", "first_year", "last_year"])
        out["plan_goals"] = _append(old, new)
    staff = tables.get("staff")
    if staff is not None:
        out["staff"] = _append(staff, pd.DataFrame(staff_rows(), columns=list(staff.columns)))
    measures = tables.get("staff_measures")
    if measures is not None:
        rows = pd.DataFrame(
            {
                "year": list(WORK_ENVIRONMENT),
                "metric": "staff.work_environment",
                "value": list(WORK_ENVIRONMENT.values()),
            }
        )
        out["staff_measures"] = _append(measures, rows)
    return out


# Årsarbetare per tertial (medarbetare.xlsx, sheet Årsarbetare): the plan's 2022 staffing (29,0 FoU,
# 4,40 stab, 14,0 övrig verksamhet; 59 % financed by the kommuner), a little different each tertial.
_STAFF_2022 = {
    "anställningsform": {"tjänsteköp": 12.0, "tillsvidare": 27.4, "visstid": 8.0},
    "verksamhet": {"FoU": 29.0, "stab": 4.4, "övrig verksamhet": 14.0},
    "finansiering": {"kommunerna": 27.97, "externa medel": 19.43},
}
_STAFF_CHANGE = {(2022, 1): 0.0, (2022, 2): 0.5, (2022, 3): 0.8, (2023, 1): 1.0, (2023, 2): 1.2, (2023, 3): 0.6}
_STAFF_CHANGE |= {(2024, 1): 0.2, (2024, 2): -0.4, (2024, 3): -0.8}


def staff_rows() -> list[tuple]:
    """Return årsarbetare rows (year, tertial, dimension, category, fte) for 2022–2024: each split
    sums to the same total; the change goes to tillsvidare, FoU and externa medel."""
    rows = []
    receivers = {"tillsvidare", "FoU", "externa medel"}
    for (year, tertial), change in _STAFF_CHANGE.items():
        for dimension, split in _STAFF_2022.items():
            for category, fte in split.items():
                rows.append(
                    (year, tertial, dimension, category, round(fte + (change if category in receivers else 0), 2))
                )
    return rows


def plan_goal_rows() -> list[tuple]:
    """Return the plan's goals and areas in its order (matetal.xlsx, sheet Mål), valid 2022–2024."""
    seen = dict.fromkeys((GOALS[g - 1], area) for g, area, *_ in INDICATORS)
    return [(goal, area, 2022, 2024) for goal, area in seen]
