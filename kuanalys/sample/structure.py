"""Sample records of the report's structure, from the tertial report T2 2019 (seed 003).

The plan's goals and areas in report order (matetal.xlsx, sheet Mål), the cover settings, the
staffing of section 1.2 (T1 and T2 2019), the activities of sections 2.2, 2.3, 3.2, 3.3 and 6.2,
and short analysts' texts for every heading of the published report. No personal names: the
author is a role, and the stipend winners and doctoral students of 7.3 and 7.4 are left out.
"""

from __future__ import annotations

import pandas as pd

from kuanalys.sample import records as rec
from kuanalys.spec import (
    ACTIVITY_STATUSES,
    COMMENT_KINDS,
    SETTING_KEYS,
    STAFF_CATEGORIES,
    STAFF_DIMENSIONS,
)

GOAL_CITIZENS = "I vår verksamhet är medborgarnas erfarenhet en viktig kunskapskälla"
GOAL_USEFUL = "Vår verksamhet kommer till reell nytta för användarna"
GOAL_RESEARCH = "Vi använder forskning för att utveckla och förbättra kommunernas verksamheter"

# (goal, area or None), in the order of the report's chapters 2–7.
PLAN_GOALS: tuple[tuple[str, str | None], ...] = (
    (rec.GOAL_EFFICIENT, rec.AREA_GRANTS),
    (rec.GOAL_EFFICIENT, rec.AREA_BALANCE),
    (rec.GOAL_PARTNERSHIP, rec.AREA_REPRESENTATIVES),
    (rec.GOAL_PARTNERSHIP, rec.AREA_REGION),
    (GOAL_CITIZENS, None),
    (GOAL_USEFUL, None),
    (rec.GOAL_COMPETENCE, rec.AREA_COURSES),
    (GOAL_RESEARCH, None),
)

# (key, value, year or None = every year). The Dnr is 003's, for 2019 only: no seed states another
# year's report Dnr (001's "Rjl 2021/2477" is the plan's), so the other years' reports say it is missing.
SETTINGS: tuple[tuple[str, str, int | None], ...] = (
    ("titel", "Tertialrapport", None),
    ("organisation", "Kommunal utveckling", None),
    ("dnr", "RJL 2018/2303", 2019),
    ("författare", "Utvecklingschef, Kommunal utveckling", None),
    ("adress", "Region Jönköpings län, Box 1024, 551 11 Jönköping", None),
    ("copyright", "© Region Jönköpings län, www.rjl.se", None),
)

# Årsarbetare at each tertial's end (tertialrapport T2 2019, 1.2): (year, tertial, split, category, fte).
# T1: 15,65 + 24,60 + 13,35 = 53,60 = 26,90 FoU + 4,20 stab + 22,50 övrig; T2: 7,70 + 31,35 + 12,15 =
# 51,20 = 25,20 + 4,20 + 21,80 = 35,20 kommunerna + 16,00 externa medel. T1's financing is not published.
STAFF: tuple[tuple[int, int, str, str, float], ...] = (
    (2019, 1, "anställningsform", "tjänsteköp", 15.65),
    (2019, 1, "anställningsform", "tillsvidare", 24.60),
    (2019, 1, "anställningsform", "visstid", 13.35),
    (2019, 1, "verksamhet", "FoU", 26.90),
    (2019, 1, "verksamhet", "stab", 4.20),
    (2019, 1, "verksamhet", "övrig verksamhet", 22.50),
    (2019, 2, "anställningsform", "tjänsteköp", 7.70),
    (2019, 2, "anställningsform", "tillsvidare", 31.35),
    (2019, 2, "anställningsform", "visstid", 12.15),
    (2019, 2, "verksamhet", "FoU", 25.20),
    (2019, 2, "verksamhet", "stab", 4.20),
    (2019, 2, "verksamhet", "övrig verksamhet", 21.80),
    (2019, 2, "finansiering", "kommunerna", 35.20),
    (2019, 2, "finansiering", "externa medel", 16.00),
)

_PAGAR, _KLAR = "pågår", "klar"
# (year, tertial, area, activity, status, text): the activity tables of 2.2, 2.3, 3.2, 3.3 and 6.2.
ACTIVITIES: tuple[tuple[int, int, str, str, str, str], ...] = (
    (2019, 2, rec.AREA_GRANTS, "Räkna med mig!", _PAGAR,
     "Svenska ESF-rådet avslog ansökan. En ny ansökan med samma innehåll, med krav på medfinansiering, "
     "skickas in i början av oktober."),
    (2019, 2, rec.AREA_GRANTS, "Letterbox Club Sverige (Regional utveckling).", _PAGAR,
     "Ansökan inskickad till Regional utveckling, Region Jönköpings län. Besked beräknas komma under hösten."),
    (2019, 2, rec.AREA_GRANTS, "Letterbox Club Sverige (Skandias stiftelse Idéer för livet).", _PAGAR,
     "Ansökan inskickad till Skandias stiftelse Idéer för livet. Besked kommer under hösten."),
    (2019, 2, rec.AREA_GRANTS, "Identiteter, inflytande och inkludering inom kommunalt försörjningsstöd.", _PAGAR,
     "Ansökan om praktiknära forskartjänst inskickad till Forte. Besked ges 1 oktober."),
    (2019, 2, rec.AREA_GRANTS, "Brukarstyrda brukarrevisioner.", _KLAR, "Forte avslog ansökan."),
    (2019, 2, rec.AREA_GRANTS, "Mellan service och bistånd.", _PAGAR,
     "Ansökan hos Forte har gått vidare från steg 1 till steg 2. Besked ges 1 oktober."),
    (2019, 2, rec.AREA_GRANTS, "Barns delaktighet i problemformuleringen vid kontakt med socialtjänstens öppenvård.",
     _KLAR, "Stiftelsen Allmänna Barnhuset beviljade en del av det sökta beloppet. Projektet pågår under 2020."),
    (2019, 2, rec.AREA_GRANTS, "Organisering och samordning av social omsorg för personer med SMI.", _PAGAR,
     "Ansökan om planeringsbidrag inskickad till Forte. Besked ges 1 oktober."),
    (2019, 2, rec.AREA_GRANTS, "Att ge omsorg och få stöd: samspelet mellan formell och informell omsorg.", _PAGAR,
     "Ansökan har gått vidare till steg 2 och ett slutgiltigt beslut ges 1 oktober."),
    (2019, 2, rec.AREA_GRANTS, "Projektansökningar.", _PAGAR,
     "Ansökningarna under året redovisas i tabellen över ansökningar."),
    (2019, 2, rec.AREA_GRANTS, "Kontinuerligt arbete med ansökningar avseende externa medel.", _PAGAR,
     "Verksamheten bevakar statsbidragsmöjligheter och söker externa finansieringsmöjligheter."),
    (2019, 2, rec.AREA_BALANCE, "Kontinuerlig budgetuppföljning.", _PAGAR,
     "Budgetuppföljning genomförs kontinuerligt."),
    (2019, 2, rec.AREA_REPRESENTATIVES, "Nätverksträffar inom Kommunal utvecklings verksamhet.", _PAGAR,
     "Antalet träffar per nätverk redovisas i tabellen Möten per nätverk."),
    (2019, 2, rec.AREA_REPRESENTATIVES, "PKS sammanträden.", _PAGAR, "PKS sammanträden hålls enligt plan."),
    (2019, 2, rec.AREA_REGION, "Samverkan med Region Jönköpings län genom träffar med Reko.", _PAGAR,
     "Antalet möten redovisas i tabellen Möten per nätverk."),
    (2019, 2, rec.AREA_REGION, "Samverkan med Region Jönköpings län genom träffar med strategigrupp barn och unga.",
     _PAGAR, "Antalet möten redovisas i tabellen Möten per nätverk."),
    (2019, 2, rec.AREA_REGION, "Samverkan med Region Jönköpings län genom träffar med strategigrupp äldre.", _PAGAR,
     "Antalet möten redovisas i tabellen Möten per nätverk."),
    (2019, 2, rec.AREA_REGION, "Samverkan med Region Jönköpings län genom träffar med strategigrupp psykiatri/missbruk.",
     _PAGAR, "Antalet möten redovisas i tabellen Möten per nätverk."),
    (2019, 2, rec.AREA_COURSES, "Aktivt marknadsföra Kurs och konferens.", _PAGAR,
     "Kurssamordnaren arbetar aktivt med att marknadsföra verksamheten."),
    (2019, 2, rec.AREA_COURSES, "Genomföra kurser och andra arrangemang.", _PAGAR,
     "Det finns ett fortsatt stort behov i länet att kunna erbjuda personalen kostnadseffektiv kompetensutveckling."),
)  # fmt: skip

# (year, tertial, Avsnitt, Typ, Rubrik, Text): short texts under every heading of the published report.
COMMENTS: tuple[tuple[int, int, str, str | None, str | None, str], ...] = (
    (2019, 2, "inledning", None, None,
     "Kommunal utveckling är kommunernas gemensamma utvecklingspartnerskap där kommunerna aktivt styr och driver "
     "utvecklingsarbetet genom aktiva chefsnätverk och till verksamheten utlånad personal."),
    (2019, 2, "viktiga händelser", None, None,
     "PKS och länets kommundirektörer valde den 10 juni att prioritera tre fokusområden för verksamheten 2020: "
     "ekonomisk effektivitet, kompetensförsörjningen i en utökad arbetsmarknadsregion och smarta/nya arbetssätt. "
     "Det treåriga kompetensutvecklingsprojektet CHANGE avslutades den sista augusti."),
    (2019, 2, "medarbetare", None, "Förändring av tjänster under aktuell period",
     "Medarbetare inom Barnahus och Familjehemsresursen har ändrat anställningsform från tjänsteköp till "
     "tillsvidareanställning. Rekrytering av ny kommunikatör är klar."),
    (2019, 2, "framtiden", None, None,
     "I september redovisas två forskningsprojekt, PULS för lärande och hälsa samt Framgångsfaktorer i "
     "undervisningen. Förberedelser pågår inför en länsdialog den 15 oktober kring unga och unga vuxna i missbruk."),
    (2019, 2, "mål 1", "exempel på aktiviteter",
     "Exempel på aktiviteter inom Kommunal utvecklings verksamhet som innebär en hög kostnadseffektivitet för länets kommuner",
     "En del möten och utbildningar genomförs på distans för att bli mer kostnadseffektiva. Styrgruppen för "
     "Miljösamverkan har beslutat om 14 gemensamma nyckeltal för uppföljning av miljötillsynen."),
    (2019, 2, "mål 1", "analys", "Ekonomisk analys",
     "Dialog har förts i flera chefsnätverk om att genomföra fler möten och utbildningar på distans. "
     "Inom barn och ungaområdet är det ett pågående fokusområde att se hur kostnaderna kan minska."),
    (2019, 2, "mål 2", "exempel på aktiviteter", "Exempel på aktiviteter som stimulerar samverkan",
     "Chefsnätverken för psykiatri och myndighetschefer har haft en gemensam träff om ärendegången för "
     "boendestödet i länet."),
    (2019, 2, "mål 2", "analys", None,
     "I vissa chefsnätverk är personalomsättningen hög. En introduktion till verksamheten behöver genomföras "
     "för alla nya chefer som ska medverka i något av verksamhetens nätverk."),
    (2019, 2, "mål 3", "exempel på aktiviteter",
     "Exempel på arbeten inom Kommunal utveckling som syftar till att stärka medborgarnas inflytande och delaktighet",
     "En brukarstyrd brukarrevision pågår på kommunernas enheter för försörjningsstöd. Peer supportprojektet pågår."),
    (2019, 2, "mål 3", "analys", None,
     "Arbetet med inflytande och delaktighet har kommit olika långt inom verksamhetens områden."),
    (2019, 2, "mål 4", "exempel på aktiviteter", "Exempel på aktiviteter som kommer till reell nytta för användarna",
     "Åtta kommuner deltar i tillsynskampanjen inom Miljösamverkan. Certifieringen av det länsgemensamma "
     "vård- och omsorgscollegiet blev klar i maj."),
    (2019, 2, "mål 4", "analys", None,
     "Många av aktiviteterna bygger på att underlätta arbetet för länets kommuner; en hög delaktighet kan ses "
     "som ett kvitto på att det leder till reell nytta."),
    (2019, 2, "mål 5", "exempel på aktiviteter", "Exempel på aktiviteter som stärker och ökar kompetensen i länet",
     "Efter tre år har det länsövergripande projektet CHANGE avslutats. En konferens har genomförts för länets "
     "modersmålslärare och studiehandledare."),
    (2019, 2, "mål 5", "analys", None,
     "Med anledning av att CHANGE-projektet avslutades i augusti kommer antalet deltagare och antalet genomförda "
     "kurser genom Kurs och konferens att minska: hittills i år har 2 726 personer deltagit, mot 3 746 under "
     "samma period förra året. Kurs & konferens fortsätter att erbjuda kostnadseffektiv kompetensutveckling."),
    (2019, 2, "mål 6", "avsnitt", "Pågående forskningsstudier",
     "Pågående studier: Erkännande, Brukarstyrda brukarrevisioner, Stöd till föräldrar vars barn är placerade, "
     "Sexit (ungdomsmottagning), Puls för lärande och hälsa samt Framgångsfaktorer i undervisningen."),
    (2019, 2, "mål 6", "avsnitt", "Spridning",
     "Förberedelser pågår inför årets ForskarFredag i slutet av september."),
    (2019, 2, "mål 6", "avsnitt", "Stipendier",
     "I juni 2019 premierades tre uppsatser: i arbetsterapi, i omvårdnad och i socialt arbete."),
    (2019, 2, "mål 6", "avsnitt", "Doktorandstudier",
     "Två doktorand- och licentiatstudier i socialt arbete pågår med forskningsledare på Kommunal utveckling som "
     "biträdande handledare; en medarbetare i länet har antagits till Nationell forskarskola."),
    (2019, 2, "mål 6", "avsnitt", "Söker aktivt finansiering",
     "Inom FoUrum söks aktivt finansiering för bland annat Letterbox club, Peer support och MIX."),
    (2019, 2, "mål 6", "avsnitt", "Samtal med forskare om framtida forskning",
     "Samtal pågår om familjecentraler, MISU och ett tvärsektoriellt samarbetsprojekt kring den öppna fritiden."),
    (2019, 2, "mål 6", "analys", None, "Under perioden har inga forskningsprojekt avslutats."),
    (2019, 2, "narvaro_reko", None, None,
     "Resultatet når inte upp till önskat målvärde."),
)  # fmt: skip


def plan_goals_frame() -> pd.DataFrame:
    """Return the plan's goals and areas (matetal.xlsx, sheet Mål)."""
    return pd.DataFrame(
        {
            "goal": pd.Series([g for g, _ in PLAN_GOALS], dtype="str"),
            "area": pd.Series([a for _, a in PLAN_GOALS], dtype="str"),
        }
    )


def settings_frame() -> pd.DataFrame:
    """Return the cover settings (installningar.xlsx)."""
    return pd.DataFrame(
        {
            "key": pd.Categorical([k for k, _, _ in SETTINGS], categories=list(SETTING_KEYS)),
            "value": pd.Series([v for _, v, _ in SETTINGS], dtype="str"),
            "year": pd.Series([y for _, _, y in SETTINGS], dtype="Int64"),
        }
    )


def staff_frame() -> pd.DataFrame:
    """Return the årsarbetare of T1 and T2 2019 (medarbetare.xlsx, sheet Årsarbetare)."""
    f = pd.DataFrame(list(STAFF), columns=["year", "tertial", "dimension", "category", "fte"])
    return f.astype(
        {
            "year": "Int64",
            "tertial": "Int64",
            "dimension": pd.CategoricalDtype(list(STAFF_DIMENSIONS)),
            "category": pd.CategoricalDtype(list(STAFF_CATEGORIES)),
            "fte": "Float64",
        }
    )


def staff_measures_frame() -> pd.DataFrame:
    """Return the yearly staff measures (none published for 2019)."""
    from kuanalys.schemas import StaffMeasures, empty_frame

    return empty_frame(StaffMeasures)


def activities_frame() -> pd.DataFrame:
    """Return the activities of T2 2019 (aktiviteter.xlsx)."""
    f = pd.DataFrame(list(ACTIVITIES), columns=["year", "tertial", "area", "activity", "status", "text"])
    return f.astype(
        {
            "year": "Int64",
            "tertial": "Int64",
            "area": "str",
            "activity": "str",
            "status": pd.CategoricalDtype(list(ACTIVITY_STATUSES)),
            "text": "str",
        }
    )


def comments_frame() -> pd.DataFrame:
    """Return the analysts' texts of T2 2019 (kommentarer.xlsx)."""
    f = pd.DataFrame(list(COMMENTS), columns=["year", "tertial", "target_id", "kind", "heading", "text"])
    return f.astype(
        {
            "year": "Int64",
            "tertial": "Int64",
            "target_id": "str",
            "kind": pd.CategoricalDtype(list(COMMENT_KINDS)),
            "heading": "str",
            "text": "str",
        }
    )
