"""The bundled data for the 2022–2024 plan (data/raw, what `make report` reads): every mätetal of
the plan has a result or an explained "ej bedömt" for 2024, no indicator reads a metric that does
not exist, survey indicators read their own question, and a renamed network is one network."""

import pytest

from kuanalys.periods import Tertial, choose_period
from kuanalys.sample import plan2022
from kuanalys.scorecard import metric_key_problems, scorecard


@pytest.fixture(scope="module")
def ds(sample_ds):
    return sample_ds


def test_make_report_reports_the_latest_tertial(ds):
    assert choose_period(ds) == Tertial(2024, 3)


def test_2024_has_all_29_matetal_with_a_result_or_an_explained_ej_bedomt(ds):
    assert metric_key_problems(ds) == []
    sc = scorecard(ds, Tertial(2024, 3))
    assert len(sc) == 29 and sc["indicator_id"].str.startswith("VP22-").all()
    assert list(dict.fromkeys(sc["goal"])) == list(plan2022.GOALS)
    for row in sc.itertuples():
        assert row.result is not None and row.result == row.result, row.indicator_id
        if row.direction == "balans":  # 1.4 "ekonomi i balans": balance is 0 kr, the plan's own word
            assert row.target == 0 and row.status == "ej uppfyllt", row.indicator_id  # −671 000 kr
            continue
        # the plan sets no målvärde: none is invented, and the rule says why
        assert row.status == "ej bedömt" and "inget målvärde" in row.rule, row.indicator_id


def test_the_2019_indicators_stay_for_2019(ds):
    sc = scorecard(ds, Tertial(2019, 2))
    assert len(sc) == 11 and not sc["indicator_id"].str.startswith("VP22-").any()


def test_survey_indicators_read_their_own_question(ds):
    texts = dict(zip(ds.survey_questions["question_id"], ds.survey_questions["indicator_text"]))
    survey = ds.indicators[ds.indicators["metric"].str.startswith("survey.")]
    assert len(survey) == 13
    for text, metric in zip(survey["text"], survey["metric"]):
        assert texts[metric.split(":", 1)[1]] == text


def test_a_renamed_network_is_one_network_across_years(ds):
    att = ds.attendance
    names = set(att["network"].astype(str))
    assert "Chefsnätverk eHälsa" not in names and "Chefsnätverk försörjningsstöd" not in names
    years = set(att.loc[att["network"] == "Digitalisering i Socialtjänsten", "meeting_date"].dt.year)
    assert {2018, 2019, 2022, 2023, 2024} <= years


def test_no_respondent_in_the_survey_workbook_reaches_the_tables(ds):
    assert list(ds.survey_responses.columns) == ["year", "network", "question_id", "option", "respondents"]
    assert set(ds.survey_responses["year"]) == {2022, 2023, 2024}


def test_funds_2022_2024_stay_positive(ds):
    """Every area's closing funds are positive;
    fonderade medel are part of the closing funds (the sample's 2024 funds went negative before)."""
    from kuanalys.metrics.funds import budget_followup

    fa = ds.funds_available[ds.funds_available["reporting_date"].dt.year >= 2022]
    assert len(fa) and (fa["closing_funds"] > 0).all()
    assert (fa["earmarked_state_funds"].fillna(0) <= fa["closing_funds"]).all()
    for year in plan2022.YEARS:
        for n in (1, 2, 3):
            f = budget_followup(ds.funds_available, ds.budget, Tertial(year, n))
            assert (f["remaining"].astype(float) > 0).all(), (year, n)


def test_every_area_of_the_plan_has_activities_every_tertial(ds):
    """The plan's activities (aktiviteter.xlsx) for each tertial 2022–2024, under the plan's own areas."""
    from kuanalys.report import structure as st
    from kuanalys.scorecard import for_year

    for year in plan2022.YEARS:
        plan = for_year(ds, year)
        areas = {st._key(a) for g in st.goals(plan) for a in g.areas}
        for n in (1, 2, 3):
            acts = ds.activities[(ds.activities["year"] == year) & (ds.activities["tertial"] == n)]
            assert {st._key(a) for a in acts["area"]} == areas, (year, n)
