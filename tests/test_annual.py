"""The annual view (verksamhetsberättelsen) on the bundled data: a whole year as a period, the
year's scorecard with the tertials side by side, the survey per goal, and the display items."""

import pandas as pd
import pytest

from kuanalys.metrics import annual as an
from kuanalys.metrics import attendance as att
from kuanalys.periods import Tertial, Year
from kuanalys.report import annual as ra
from kuanalys.report.render.html import chart_html, table_html
from kuanalys.scorecard import metric_value


@pytest.fixture(scope="module")
def ds(sample_ds):
    return sample_ds


def test_year_is_a_period_of_its_own():
    y = Year(2024)
    assert (y.start, y.end) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31"))
    assert y.previous() == y.same_period_last_year() == Year(2023)
    assert y != Tertial(2024, 3) and y.label() == "år 2024"
    assert [t.number for t in y.tertials()] == [1, 2, 3]


def test_year_values(ds):
    year = Year(2024)
    meetings = ds.attendance[ds.attendance["meeting_date"].dt.year == 2024]
    whole = att.meeting_rates(meetings[meetings["network"] == "PKS"])["rate"].mean()
    assert metric_value(ds, "attendance.type:PKS", year) == pytest.approx(whole)
    for key in ("courses.held:Kurs och konferens", "grants.granted_amount", "survey.very_satisfied:F02"):
        assert metric_value(ds, key, year) == metric_value(ds, key, Tertial(2024, 3)), key


def test_annual_scorecard_has_tertials_where_the_measure_is_per_tertial(ds):
    sc = an.annual_scorecard(ds, 2024)
    assert len(sc) == 29
    per = sc[sc["per_tertial"]]
    # attendance per tertial; courses, grants and the economy to date at each tertial's end: a figure
    # that exists is shown, "–" keeps its meaning "inget resultat" (issue 27)
    assert set(per["metric"].str.split(".").str[0]) == {"attendance", "courses", "grants", "funds"}
    assert per[["tertial_1", "tertial_2", "tertial_3"]].notna().all().all()
    table = ra.annual_scorecard_table(ds, 2024).frame.set_index("Mätetal")
    assert (table.loc[sc.loc[~sc["per_tertial"], "text"], "Tertial 1"] == "").all()  # yearly: empty, not "–"
    assert sc.loc[~sc["per_tertial"], ["tertial_1", "tertial_2", "tertial_3"]].isna().all().all()
    row = sc.set_index("metric").loc["attendance.type:kommundirektörer"]
    assert row["tertial_2"] == pytest.approx(metric_value(ds, "attendance.type:kommundirektörer", Tertial(2024, 2)))
    assert (sc["comparison_tertial"] == "år 2023").all()
    text = sc.set_index("metric").loc["grants.granted_amount", "result_text"]
    assert text.startswith("Under januari–december 2024") and "jämfört med januari–december 2023" in text


def test_survey_per_goal_this_year_last_year_and_per_network_type(ds):
    res = an.survey_per_goal(ds, 2024)
    assert len(res) == 13 and res["share"].notna().all() and res["share_last_year"].notna().all()
    f02 = res.set_index("question_id").loc["F02"]
    assert f02["share"] == pytest.approx(metric_value(ds, "survey.very_satisfied:F02", Year(2024)))
    assert f02["share_last_year"] == pytest.approx(metric_value(ds, "survey.very_satisfied:F02", Year(2023)))
    assert f02["styrgrupp"] == pytest.approx(metric_value(ds, "survey.very_satisfied_type:styrgrupp:F02", Year(2024)))
    goal = "Vi använder forskning för att utveckla och förbättra kommunernas verksamheter"
    assert an.survey_per_goal(ds, 2024, goal)["question_id"].tolist() == ["F12", "F13"]


def test_annual_display_items(ds):
    table = ra.annual_scorecard_table(ds, 2024)
    assert list(table.frame.columns)[2:7] == ["Tertial 1", "Tertial 2", "Tertial 3", "År 2024", "År 2023"]
    assert "Tertial 1" in table_html(table)
    chart = ra.survey_chart(ds, 2024)
    assert "Mycket nöjda 2023" in chart.data.frame.columns and "Bland styrgrupp" in chart.data.frame.columns
    assert "utvärderingsenkäten 2024" in chart_html(chart)
    projects = ra.project_table(ds, 2024)
    assert projects.frame["Område"].iloc[-1] == "Totalt"
    tertials = ra.tertial_chart(ds, "attendance.type:PKS", "Närvaro vid PKS per tertial", 2024)
    assert list(tertials.data.frame.columns) == ["Tertial", "2023", "2024"]
    assert tertials.data.frame["Tertial"].tolist() == ["Tertial 1", "Tertial 2", "Tertial 3"]
    money = ra.tertial_chart(ds, "funds.result", "Finansiellt resultat", 2024, "kr")
    assert money.data.kind_of("2024") == "tkr"  # the table in tkr, as the bars are labelled


def test_the_t3_report_points_to_the_annual_report():
    note = ra.annual_report_note(Tertial(2024, 3))
    assert note.endswith("redovisas i verksamhetsberättelsen 2024.") and "kuanalys" not in note
    assert ra.annual_report_note(Tertial(2024, 2)) is None and ra.annual_report_note(Year(2024)) is None


def test_small_network_types_are_hidden_at_the_minimum_cell_size(ds, monkeypatch):
    from kuanalys import config as cfg

    monkeypatch.setattr(cfg, "MIN_CELL_SIZE", 10)
    table = ra.survey_table(ds, 2024)
    assert (table.frame["Bland Reko"] == "..").all()  # one Reko network of fewer than 10 respondents
    assert (table.frame["Bland chefsnätverk"] != "..").all() and "färre än 10" in table.note


def test_an_annual_report_for_a_year_without_records_is_refused(ds):
    from kuanalys.errors import KuanalysError
    from kuanalys.report.runner import resolve_period

    assert resolve_period(ds, None, None, annual=True) == Year(2024)
    assert resolve_period(ds, 2019, None, annual=True) == Year(2019)
    with pytest.raises(KuanalysError, match="inga poster för år 2021"):
        resolve_period(ds, 2021, None, annual=True)


@pytest.mark.parametrize("year", [2019, 2021])
def test_years_without_survey_or_projects_say_so(ds, year):
    assert (
        len(ra.annual_scorecard_table(ds, year).frame) == 11
    )  # the 2018–2019 indicators (003's eleven) hold until 2021
    assert "utvärderingsenkäten" in ra.survey_chart(ds, year)
    assert ra.project_table(ds, year).startswith("Registret över uppdrag och projekt")


def test_goal_chapters_of_the_annual_report_carry_the_year_and_the_survey(ds):
    from kuanalys.report import chapters as ch
    from kuanalys.report import structure as st
    from kuanalys.report.model import Chart, Table
    from kuanalys.scorecard import for_year

    year = for_year(ds, 2024)
    assert len(st.goals(year)) == 6
    items = ch.goal_chapter(year, Year(2024), 2)
    titles = [i.title for i in items if isinstance(i, Table)]
    assert "Mätetal, år 2024" in titles
    assert any(isinstance(i, Chart) and i.name.startswith("enkat_") for i in items)


def test_the_t3_chapter_one_points_to_the_annual_report(ds):
    from kuanalys.report import chapters as ch
    from kuanalys.scorecard import for_year

    texts = [i for i in ch.inledning(for_year(ds, 2024), Tertial(2024, 3)) if isinstance(i, str)]
    assert any("verksamhetsberättelsen 2024" in x for x in texts)
    assert not any("verksamhetsberättelsen" in x for x in ch.inledning(ds, Tertial(2024, 2)) if isinstance(x, str))
