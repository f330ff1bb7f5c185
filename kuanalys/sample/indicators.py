"""Sample indicators (mätetal) and their targets per year (matetal.xlsx).

Only what the published report T2 2019 (seed 003) and the 2018 plan state: the eleven mätetal of
003's tables with 003's targets. Nothing is added (no digital shares, no external-funding share,
no region-meeting total): a test holds them equal to 003's."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kuanalys.sample import records as rec
from kuanalys.spec import (
    COMPARISONS,
    DIRECTIONS,
    UNITS,
)

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


def indicator_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
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
