"""The annual view (verksamhetsberättelsen): every indicator for the whole year, the three
tertials side by side where the measure is per tertial, the year against the year before, and the
survey's questions per goal.

* **Year value** = the metric for `periods.Year(year)`: a measure per tertial (attendance) over
  the whole year's meetings, a year-to-date measure (courses, grants) through tertial 3, a measure
  at a reporting date at the year's last one, a yearly measure (survey, projects, staff) the year
  itself. Status and trend as in the scorecard, against the year's target and the year before.
* **Per tertial**: only measures per tertial (`PER_TERTIAL_FAMILIES`) get the three tertials'
  values; a year-to-date or yearly measure has none (its year value says it all).
"""

from __future__ import annotations

import pandas as pd

from kuanalys.dataset import Dataset
from kuanalys.metrics import survey as sv
from kuanalys.periods import Tertial, Year
from kuanalys.scorecard import indicators_for_year, metric_value, plan_year, scorecard

PER_TERTIAL_FAMILIES = ("attendance.",)


def is_per_tertial(metric: str) -> bool:
    """Return True for a measure with a value at each tertial: of one tertial at a time (attendance) or of
    the year to date at the tertial's end (courses, grants, the economy); a yearly measure has none."""
    from kuanalys.result_text import is_year_to_date

    return str(metric).strip().startswith(PER_TERTIAL_FAMILIES) or is_year_to_date(metric)


def annual_scorecard(dataset: Dataset, year: int) -> pd.DataFrame:
    """Return the scorecard of a whole year with the tertials side by side.

    Args:
        dataset: the loaded data.
        year: the year.

    Returns:
        The columns of `scorecard.scorecard` for `Year(year)` (`result` = the year's value,
        `comparison_value` = the year before's), plus `tertial_1`, `tertial_2`, `tertial_3`
        (Float64, NA for measures that are not per tertial) and `per_tertial` (bool).
    """
    out = scorecard(dataset, Year(year))
    per = out["metric"].map(is_per_tertial).astype(bool)
    for t in Year(year).tertials():
        values = [metric_value(dataset, m, t) if p else None for m, p in zip(out["metric"], per)]
        out[f"tertial_{t.number}"] = pd.array([pd.NA if v is None else v for v in values], dtype="Float64")
    out["per_tertial"] = per
    return out


def survey_questions_of_goals(dataset: Dataset, year: int) -> pd.DataFrame:
    """Return the survey's questions that the year's indicators read, with their goal and area.

    Returns:
        Columns `goal`, `area`, `indicator_id`, `question_id` (one row per question an
        indicator reads, in the Mätetal sheet's order).
    """
    rows = []
    for ind in indicators_for_year(dataset.indicators, plan_year(dataset, year)).to_dict("records"):
        base, _, param = str(ind["metric"]).strip().partition(":")
        if base != "survey.very_satisfied":
            continue
        ids = (
            dataset.survey_questions["question_id"].astype(str).tolist()
            if param.strip() == "*"
            else [q.strip() for q in param.split("+") if q.strip()]
        )
        rows += [(ind["goal"], ind["area"], ind["indicator_id"], q) for q in ids]
    return pd.DataFrame(rows, columns=["goal", "area", "indicator_id", "question_id"])


def survey_per_goal(dataset: Dataset, year: int, goal: str | None = None) -> pd.DataFrame:
    """Return the survey's results per question of the year's indicators: the share mycket nöjda
    this year and the year before, and per network type.

    Args:
        dataset: the loaded data.
        year: the survey year.
        goal: only the questions of this goal (None = all).

    Returns:
        Columns `goal`, `indicator_id`, `question_id`, `question`, `indicator_text`,
        `respondents`, `share`, `respondents_last_year`, `share_last_year`, then one column per
        network type that answered (its share this year).
    """
    links = survey_questions_of_goals(dataset, year)
    if goal is not None:
        links = links[links["goal"] == goal]
    args = (dataset.survey_responses, dataset.survey_scale, dataset.survey_questions, dataset.networks, year)
    if links.empty or dataset.survey_responses.empty:
        return links.assign(question=pd.Series(dtype=object), share=pd.Series(dtype="Float64"))
    by_question = sv.survey_by_question(*args)
    by_type = sv.survey_by_network_type(*args).drop(columns=["question"])
    out = links.merge(by_question, on="question_id", how="left").merge(by_type, on="question_id", how="left")
    return out.drop(columns=["area"]).reset_index(drop=True)


def tertial_values(dataset: Dataset, metric: str, year: int) -> pd.DataFrame:
    """Return a metric's value in each tertial of a year and of the year before (for charts).

    Returns:
        Columns `year`, `tertial` (1–3), `label` ("T1 2024"), `value` (Float64, NA = no result).
    """
    rows = []
    for y in (year - 1, year):
        for n in (1, 2, 3):
            v = metric_value(dataset, metric, Tertial(y, n))
            rows.append((y, n, f"T{n} {y}", pd.NA if v is None else v))
    out = pd.DataFrame(rows, columns=["year", "tertial", "label", "value"])
    out["value"] = out["value"].astype("Float64")
    return out
