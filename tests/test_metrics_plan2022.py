"""Metrics of the 2022–2024 plan: survey shares (yearly, latest completed year in a tertial),
project shares, staff measures, attendance by network type, Kurs och konferens courses, and the
check that no indicator reads a metric that does not exist."""

import datetime as dt

import pandas as pd
import pytest
from conftest import write_xlsx
from test_loaders_plan2022 import PROJECTS, survey_dir

from kuanalys.loaders import load_all
from kuanalys.metrics import attendance as att
from kuanalys.metrics import survey as sv
from kuanalys.periods import Tertial, reported_year
from kuanalys.scorecard import (
    for_year,
    indicators_for_year,
    metric_key_problems,
    metric_value,
    plan_note,
    plan_year,
    scorecard,
)

D = dt.datetime


@pytest.fixture
def ds(tmp_path):
    folder = survey_dir(tmp_path)
    write_xlsx(folder / "projekt.xlsx", {"Projekt": PROJECTS})
    return load_all(folder)


def test_reported_year_is_the_latest_completed_year():
    assert [reported_year(Tertial(2024, n)) for n in (1, 2, 3)] == [2023, 2023, 2024]


def test_survey_share_pools_respondents(ds):
    # F1 2023: Reko 3 of 8, PKS 4 of 4 mycket nöjda
    assert metric_value(ds, "survey.very_satisfied:F1", Tertial(2023, 3)) == pytest.approx(7 / 12)
    assert metric_value(ds, "survey.very_satisfied:F1", Tertial(2024, 1)) == pytest.approx(7 / 12)
    assert metric_value(ds, "survey.very_satisfied:F1", Tertial(2023, 2)) is None  # no 2022 survey
    assert metric_value(ds, "survey.very_satisfied:F1+F2", Tertial(2023, 3)) == pytest.approx(9 / 15)
    assert metric_value(ds, "survey.very_satisfied:*", Tertial(2023, 3)) == pytest.approx(9 / 15)
    assert metric_value(ds, "survey.very_satisfied_type:Reko:F1", Tertial(2023, 3)) == pytest.approx(3 / 8)
    assert metric_value(ds, "survey.very_satisfied_type:PKS:F1", Tertial(2023, 3)) == 1.0
    assert metric_value(ds, "survey.very_satisfied_type:styrgrupp:F1", Tertial(2023, 3)) is None


def test_survey_tables_per_question_and_type(ds):
    q = sv.survey_by_question(ds.survey_responses, ds.survey_scale, ds.survey_questions, ds.networks, 2023)
    assert q["question_id"].tolist() == ["F1", "F2"]
    assert q["share"].tolist() == [pytest.approx(7 / 12), pytest.approx(2 / 3)]
    assert q["share_last_year"].isna().all()
    t = sv.survey_by_network_type(ds.survey_responses, ds.survey_scale, ds.survey_questions, ds.networks, 2023)
    assert list(t.columns) == ["question_id", "question", "PKS", "Reko"]


def test_the_scale_in_the_workbook_decides_what_counts(tmp_path):
    scale = [["Svarsalternativ", "Ordning", "Mycket nöjd"], ["Inte alls nöjd", 1, "Nej"], ["Ganska nöjd", 2, "Nej"]]
    scale += [["Nöjd", 3, "Ja"], ["Mycket nöjd", 4, "Ja"]]
    ds = load_all(survey_dir(tmp_path, Svarsskala=scale))
    assert metric_value(ds, "survey.very_satisfied:F1", Tertial(2023, 3)) == 1.0


def test_project_shares(ds):
    t = Tertial(2023, 3)  # Letterbox Club is planerat and left out
    assert metric_value(ds, "projects.within_budget", t) == 0.5
    assert metric_value(ds, "projects.according_to_plan", t) == 1.0
    assert metric_value(ds, "projects.goals_met", t) == 0.5  # delvis is not met
    assert metric_value(ds, "projects.within_budget_and_goals_met", t) == 0.0
    assert metric_value(ds, "projects.within_budget", Tertial(2023, 2)) is None  # 2022 not in the register


def _attendance(rows):
    frame = pd.DataFrame(rows, columns=["meeting_date", "network", "org_code", "present"])
    return frame.assign(
        meeting_date=pd.to_datetime(frame["meeting_date"]),
        network=frame["network"].astype("category"),
        organisation=frame["org_code"],
        seat=1,
        meeting_format=None,
        gender=None,
    )


def test_partnership_networks_leave_out_what_the_plan_measures_separately():
    networks = pd.DataFrame(
        {
            "network": ["PKS", "Reko", "SG äldre", "KD", "E-hälsorådet", "CN äldre", "Styrgrupp FoU"],
            "network_type": ["PKS", "Reko", "strategigrupp", "kommundirektörer", "övrigt", "chefsnätverk", "styrgrupp"],
            "with_region": [False, True, True, False, True, False, False],
        }
    )
    rows = []
    for net, present in [("PKS", 1), ("Reko", 0), ("SG äldre", 0), ("KD", 1), ("E-hälsorådet", 0)]:
        rows += [("2023-02-01", net, "0604", bool(present)), ("2023-02-01", net, "0680", bool(present))]
    rows += [("2023-02-01", "CN äldre", "0604", True), ("2023-02-01", "CN äldre", "0680", False)]
    rows += [("2023-03-01", "Styrgrupp FoU", "0604", True), ("2023-03-01", "Styrgrupp FoU", "0680", True)]
    a = _attendance(rows)
    t = Tertial(2023, 1)
    assert att.partnership_rate(a, networks, t) == pytest.approx(0.75)  # CN äldre 50 %, Styrgrupp 100 %
    assert att.type_rate(a, networks, "kommundirektörer", t) == 1.0
    assert att.type_rate(a, networks, "styrgrupp", t) == 1.0


def test_kurs_och_konferens_courses_only(valid_dir):
    ds = load_all(valid_dir)
    t = Tertial(2019, 1)
    assert metric_value(ds, "courses.held", t) == 2  # K1 and U1 (K2 cancelled)
    assert metric_value(ds, "courses.held:Kurs och konferens", t) == 1
    assert metric_value(ds, "courses.digital_share:kurs OCH konferens", t) == 0.0


def test_metric_key_problems_name_what_does_not_exist(ds):
    ind = ds.indicators.iloc[[0, 0, 0, 0, 0]].copy()
    ind["indicator_id"] = ["a", "b", "c", "d", "e"]
    ind["metric"] = [
        "survey.very_satisfied:F9",
        "attendance.type:nope",
        "attendance.nope",
        "survey.very_satisfied:F1",
        "attendance.type:PKS",
    ]
    ds.indicators = ind.reset_index(drop=True)
    problems = metric_key_problems(ds)
    assert len(problems) == 3
    assert "F9" in problems[0] and "nätverkstypen 'nope'" in problems[1] and "Okänt mått" in problems[2]


def test_indicators_are_picked_by_their_years(ds):
    ind = ds.indicators.iloc[[0, 0, 0]].copy()
    ind["indicator_id"] = ["old", "new", "always"]
    ind["first_year"] = pd.array([None, 2022, None], dtype="Int64")
    ind["last_year"] = pd.array([2021, 2024, None], dtype="Int64")
    assert indicators_for_year(ind, 2019)["indicator_id"].tolist() == ["old", "always"]
    assert indicators_for_year(ind, 2024)["indicator_id"].tolist() == ["new", "always"]
    ds.indicators = ind.reset_index(drop=True)
    assert scorecard(ds, Tertial(2025, 1))["indicator_id"].tolist() == ["always"]


def test_a_year_after_the_last_plan_follows_the_last_plan(ds):
    """No indicator valid in 2025: the 2022–2024 plan stays in force, and the report says so."""
    ind = pd.concat([ds.indicators.iloc[[0]]] * 2)
    ind["indicator_id"] = ["old", "new"]
    ind["first_year"] = pd.array([None, 2022], dtype="Int64")
    ind["last_year"] = pd.array([2021, 2024], dtype="Int64")
    ds.indicators = ind.reset_index(drop=True)
    assert [plan_year(ds, y) for y in (2019, 2021, 2022, 2024, 2025, 2030)] == [2019, 2021, 2022, 2024, 2024, 2024]
    assert scorecard(ds, Tertial(2025, 1))["indicator_id"].tolist() == ["new"]
    assert for_year(ds, 2025).indicators["indicator_id"].tolist() == ["new"]
    assert plan_note(for_year(ds, 2024), 2024) is None
    assert "planen för 2022–2024" in plan_note(for_year(ds, 2025), 2025)


def test_yearly_indicator_compares_with_last_year_and_names_the_survey(ds):
    ind = ds.indicators.iloc[[0]].copy()
    ind["metric"] = "survey.very_satisfied:F1"
    ind["text"] = "Andel mycket nöjda med samverkan."
    ds.indicators = ind.reset_index(drop=True)
    row = scorecard(ds, Tertial(2024, 1)).iloc[0]
    assert row["comparison_tertial"] == "tertial 1 2023"
    assert "utvärderingsenkäten 2023" in row["result_text"]
    row = scorecard(ds, Tertial(2023, 2)).iloc[0]
    assert row["status"] == "inget resultat" and "utvärderingsenkäten 2022" in row["rule"]
