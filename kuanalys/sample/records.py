"""Real records from the published tertial report T2 2019 (Dnr RJL 2018/2303), used by the
sample generator (`kuanalys.sample.generator`).

Every constant here is copied from the report; the comments name the section or table. The
synthetic parts of the sample (attendance, most courses, the 2018 figures) live in
`kuanalys.sample`. Amounts are kronor; tables published in tkr are multiplied by 1 000.
"""

from __future__ import annotations

# --- Areas (tabell 2–4) -------------------------------------------------------------------------
AREA_SOCIAL = "FoUrum social välfärd och hälso- och sjukvård"
AREA_MILJO = "Miljösamverkan Jönköpings län"
AREA_UTBILDNING = "FoUrum utbildning"
AREA_FRITID = "FoUrum fritid"
AREA_CHANGE = "CHANGE"
AREA_LEDNING = "Ledning och stab"
AREA_KURS = "Kurs och konferens"
AREA_OMBUD = "Personliga ombud"

# --- Section 2.2: the nine grant applications of 2019 --------------------------------------------
# (project, funder, area, amount applied, submitted, decision, amount granted, decision date)
# Submission and decision dates are not published; they are set so that four applications fall in
# tertial 1 and five in tertial 2, and every decision falls in tertial 2 (nothing was granted at the
# end of tertial 1: "tertial 1 2019 (0 kronor)").
GRANTS_2019: tuple[tuple, ...] = (
    ("Räkna med mig!", "Svenska ESF-rådet", AREA_CHANGE, 7_157_872, "2019-02-14", "avslag", None, "2019-06-19"),
    (
        "Letterbox Club Sverige",
        "Regional utveckling, Region Jönköpings län",
        AREA_SOCIAL,
        4_360_000,
        "2019-03-08",
        "väntar",
        None,
        None,
    ),
    (
        "Identiteter, inflytande och inkludering inom kommunalt försörjningsstöd. Utveckling av en "
        "evidensbaserad praktik med lokal kunskapsutveckling till gagn för klienter",
        "Forte",
        AREA_SOCIAL,
        1_500_000,
        "2019-04-10",
        "väntar",
        None,
        None,
    ),
    (
        "Organisering och samordning av sociala omsorg för personer med Severe Mental Illness (SMI)",
        "Forte",
        AREA_SOCIAL,
        1_000_000,
        "2019-04-24",
        "väntar",
        None,
        None,
    ),
    (
        "Letterbox Club Sverige",
        "Skandias stiftelse Idéer för livet",
        AREA_SOCIAL,
        150_000,
        "2019-05-15",
        "väntar",
        None,
        None,
    ),
    ("Brukarstyrda brukarrevisioner", "Forte", AREA_SOCIAL, 1_638_000, "2019-05-22", "avslag", None, "2019-08-27"),
    (
        "Mellan service och bistånd: villkor och gränser för serviceinsatser och myndighetsutövning "
        "inom socialtjänsten i ärenden rörande barn och unga samt vuxna med risk- och missbruk",
        "Forte",
        AREA_SOCIAL,
        4_406_996,
        "2019-05-29",
        "väntar",
        None,
        None,
    ),
    (
        "Barns delaktighet i problemformuleringen vid kontakt med socialtjänstens öppenvård",
        "Stiftelsen Allmänna Barnhuset",
        AREA_SOCIAL,
        455_165,
        "2019-05-08",
        "delvis beviljad",
        250_000,
        "2019-06-26",
    ),
    (
        "Att ge omsorg och få stöd: samspelet mellan formell och informell omsorg",
        "Forte",
        AREA_SOCIAL,
        2_792_323,
        "2019-06-05",
        "väntar",
        None,
        None,
    ),
)

# 2018: eight applications in tertial 1–2 2018 totalling 39 103 816 kr (section 2.2: "resultat
# tertial 2 2018: 39 103 816 kronor", "åtta inskickade ansökningar"), among them KOSTA, granted
# 12 500 000 kr by Svenska ESF-rådet in 2018 (section 2.5). The others are illustrative.
GRANTS_2018: tuple[tuple, ...] = (
    (
        "KOSTA – kompetensutveckling inom socialtjänst och hälso- och sjukvård",
        "Svenska ESF-rådet",
        AREA_SOCIAL,
        12_500_000,
        "2018-02-27",
        "beviljad",
        12_500_000,
        "2018-06-14",
    ),
    (
        "Föräldrar på avstånd – stöd till föräldrar vars barn är placerade",
        "Forte",
        AREA_SOCIAL,
        5_460_000,
        "2018-03-14",
        "beviljad",
        5_460_000,
        "2018-08-22",
    ),
    (
        "Peer support – en ny funktion i socialtjänst och hälso- och sjukvård",
        "Allmänna arvsfonden",
        AREA_SOCIAL,
        6_240_000,
        "2018-01-31",
        "avslag",
        None,
        "2018-05-30",
    ),
    (
        "Mot målen i missbruksvården – fortsättning",
        "Folkhälsomyndigheten",
        AREA_SOCIAL,
        1_850_000,
        "2018-04-18",
        "avslag",
        None,
        "2018-06-27",
    ),
    (
        "MIX – arbete och delaktighet",
        "Finnvedens samordningsförbund",
        AREA_SOCIAL,
        2_400_000,
        "2018-05-09",
        "delvis beviljad",
        1_200_000,
        "2018-06-20",
    ),
    (
        "Kvalitetsarbete inom öppen fritidsverksamhet",
        "Myndigheten för ungdoms- och civilsamhällesfrågor",
        AREA_FRITID,
        684_000,
        "2018-05-23",
        "beviljad",
        684_000,
        "2018-07-05",
    ),
    (
        "Framgångsfaktorer i undervisningen – spridning i länet",
        "Skolverket",
        AREA_UTBILDNING,
        1_150_000,
        "2018-06-13",
        "avslag",
        None,
        "2018-08-29",
    ),
    (
        "Recovery college Jönköpings län",
        "Allmänna arvsfonden",
        AREA_SOCIAL,
        8_819_816,
        "2018-08-15",
        "avslag",
        None,
        "2018-11-21",
    ),
    # tertial 3 2018
    (
        "Hedersrelaterat våld och förtryck mot barn och unga",
        "Länsstyrelsen Östergötland",
        AREA_SOCIAL,
        640_000,
        "2018-09-19",
        "beviljad",
        640_000,
        "2018-12-10",
    ),
    (
        "Digitalt stöd för samordnad vårdplanering",
        "Vinnova",
        AREA_SOCIAL,
        1_980_000,
        "2018-10-24",
        "avslag",
        None,
        "2018-12-18",
    ),
)

# --- Tabell 3: disponibla medel 2019-08-31 (kr) ---------------------------------------------------
# (area, ingående, kommunerna, regionen, EU-bidrag, staten, övriga, disponerade, utgående, fonderade)
# Kept exactly as published, including Miljösamverkan, whose financier columns sum to 1 079 136
# while the opening funds are 1 079 139 (a 3 kr slip in the published table).
FUNDS_2019_08_31: tuple[tuple, ...] = (
    (AREA_SOCIAL, 87_139_814, 24_669_265, 700_000, 0, 58_908_949, 2_861_600, 20_742_497, 66_397_317, 49_688_209),
    (AREA_MILJO, 1_079_139, 912_472, 66_664, 0, 0, 100_000, 632_713, 446_426, 0),
    (AREA_UTBILDNING, 4_198_097, 4_198_097, 0, 0, 0, 0, 1_129_117, 3_068_980, 0),
    (AREA_FRITID, 1_693_047, 1_351_047, 0, 0, 342_000, 0, 737_394, 955_653, 0),
    (AREA_CHANGE, 3_242_536, 0, 0, 3_242_536, 0, 0, 2_269_625, 972_911, 0),
    (AREA_LEDNING, 4_042_819, 2_333_333, 0, 0, 0, 1_709_486, 4_167_644, -124_825, 0),
    (AREA_KURS, 1_563_970, 1_057_405, 360_080, 14_288, 0, 132_197, 1_792_261, -228_291, 0),
)

# --- Tabell 2: budget per aktivitet 2019 (tkr → kr) -----------------------------------------------
# (area, budgeterade kostnader 2019, redovisade kostnader 2019-08-31). The forecast is not published
# in tabell 2; the sample's forecast column is illustrative (set in `kuanalys.sample.generator`).
BUDGET_2019_08_31: tuple[tuple, ...] = (
    (AREA_SOCIAL, 34_880_000, 14_536_000),
    (AREA_MILJO, 1_100_000, 632_000),
    (AREA_UTBILDNING, 2_800_000, 1_129_000),
    (AREA_FRITID, 1_055_000, 737_000),
    (AREA_CHANGE, 2_885_000, 2_269_000),
    (AREA_OMBUD, 6_818_000, 4_060_000),
    (AREA_KURS, 4_000_000, 1_792_000),
    (AREA_LEDNING, 6_400_000, 4_167_000),
)

# --- Tabell 1: resultaträkning 2019-08-31 (tkr → kr; kostnader negativa) ---------------------------
# (post, utfall 2019-08-31, budget 2019, årsprognos); None = not published.
INCOME_STATEMENT_2019_08_31: tuple[tuple, ...] = (
    ("Disponerade medel från tidigare år", 9_220_000, 18_000_000, 13_000_000),
    ("Tillförda medel innevarande år", 16_480_000, 28_605_000, 25_000_000),
    ("Övriga intäkter", 9_400_000, 10_433_000, 15_600_000),
    ("Personalkostnader", -18_700_000, -31_800_000, -28_900_000),
    ("Övriga personalkostnader", -800_000, -4_000_000, -1_300_000),
    ("Köp av verksamhetsanknutna tjänster", -5_400_000, -9_000_000, -8_200_000),
    ("Inköp av material/varor", -300_000, None, -400_000),
    ("Lämnade bidrag", -700_000, -800_000, -1_000_000),
    ("Övriga kostnader", -9_200_000, -11_438_000, -13_800_000),
)

# --- Section 2.1, tabell 1: course fees ---------------------------------------------------------
# (title, fee via Kommunal utveckling, participants per course, fee via an external organiser)
FEE_COURSES: tuple[tuple, ...] = (
    ("Projektledning i upphandlingsprojekt, 2-dagars kurs", 1_800, 20, 11_500),
    ("Fördjupad utbildning i Lagen om offentlig upphandling LOU", 3_550, 25, 5_000),
    ("Räddningstjänst i beredskap RiB", 2_550, 30, 4_000),
    ("Metoden rePulse, 3-dagars kurs", 7_265, 20, 8_000),
)

# --- Bilaga 2: participants per organisation on Kurs och konferens courses, first half of 2019 -----
# Keys are organisation codes (SCB kommunkod, 06 = Region Jönköpings län, EXT = Externa deltagare).
PARTICIPANTS_2019_H1: dict[str, int] = {
    "0604": 17,  # Aneby
    "0686": 12,  # Eksjö
    "0662": 45,  # Gislaved
    "0617": 14,  # Gnosjö
    "0643": 16,  # Habo
    "0680": 76,  # Jönköping
    "0642": 4,  # Mullsjö
    "0682": 16,  # Nässjö
    "0684": 19,  # Sävsjö
    "0687": 8,  # Tranås
    "0665": 26,  # Vaggeryd
    "0685": 24,  # Vetlanda
    "0683": 55,  # Värnamo
    "06": 112,  # Region Jönköpings län
    "EXT": 25,  # Externa deltagare
}
KK_COURSES_2019_H1 = 38  # 78 courses/events minus the 40 uppdrag
CANCELLED_2019_H1 = 6

# Bilaga 2, uppdrag: organiser → (participants, number of uppdrag)
UPPDRAG_2019_H1: dict[str, tuple[int, int]] = {
    "Miljösamverkan": (159, 3),
    "FoUrum social välfärd": (1_090, 25),
    "CHANGE": (1_008, 12),
}
# Section 6.2: "I samarbete med Region Halland arrangerades Synapsen med 532 deltagare."
SYNAPSEN_PARTICIPANTS = 532


# --- Strategic goals and goal areas (section headings of the report, plan 001) -------------------
GOAL_EFFICIENT = "Vår verksamhet ska leda till en ändamålsenlig och kostnadseffektiv verksamhet för länets kommuner"
GOAL_PARTNERSHIP = "Vi har ett starkt och jämbördigt partnerskap med aktiva ägare"
GOAL_COMPETENCE = "Vi stärker och ökar kompetensen i länet"

AREA_GRANTS = "Verksamheten söker aktivt externa medel."
AREA_BALANCE = "Kommunal utvecklings ekonomi är i balans."
AREA_REPRESENTATIVES = "Samtliga kommuner har aktiva representanter i chefsnätverk eller liknande."
AREA_REGION = "Kommunal utveckling underlättar samverkan med Region Jönköpings län."
AREA_COURSES = "Årligen genomförs kurser efter behov och önskemål från verksamheterna samt styrgruppen."
