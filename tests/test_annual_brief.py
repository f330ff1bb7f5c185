"""Issue 27: the annual report reads as a verksamhetsberättelse. Året i korthet comes first and
names every strategic goal with its status as a whole and the rule that gives it (the goal
chapters' own goal summary, not a second computation), the year's key figures and whether the
economy is in balance, in agreement with the income statement; Året i siffror has an economic
analysis (outcome against budget per area, external funding, funds carried forward)."""

import re

import openpyxl
import pytest

from kuanalys.formatting import format_tkr
from kuanalys.periods import Year
from kuanalys.report import annual as ra
from kuanalys.report import chapters as ch
from kuanalys.report import structure as st
from kuanalys.report.sections import report_sections
from kuanalys.scorecard import STATUSES, for_year


def _year(sample_ds, year: int):
    return for_year(sample_ds, year), Year(year)


def test_the_annual_report_opens_with_aret_i_korthet(sample_ds):
    ds, t = _year(sample_ds, 2024)
    sections = report_sections(ds, t, annual=True)
    assert sections[0].key == "00_aret_i_korthet" and sections[0].notebook == "aret_i_korthet.ipynb"
    assert sections[1].key == "01_inledning"
    assert all(s.key != "00_aret_i_korthet" for s in report_sections(ds, t, annual=False))


@pytest.mark.parametrize("year", [2019, 2024])
def test_every_goal_has_its_status_as_a_whole_and_the_rule(sample_ds, year):
    ds, t = _year(sample_ds, year)
    sentence, table = ra.goals_as_a_whole(ds, t)
    goals = st.goals(ds)
    assert list(table.frame["Strategiskt mål"]) == [g.text for g in goals]
    for g, shown in zip(goals, table.frame["Status som helhet"]):
        summary = ch.goal_status(ds, t, g.number)  # the goal chapter's own rule function
        status = summary.status if summary is not None else "ej bedömt"  # a goal without mätetal
        assert shown.endswith(status), (g.text, shown, status)
        assert shown.split(" ", 1)[1] in STATUSES
    assert ch.GOAL_RULE in table.note
    assert "strategiska mål" in sentence and not re.search(r"\d", sentence.replace(str(year), ""))  # in words


def test_the_sentence_counts_goals_in_words():
    """The rule of the sentence: counts in words, plural forms, no 'inget uppfyllt'."""
    assert ra._in_words(2) == "två" and ra._in_words(1) == "ett" and ra._in_words(40) == "40"


@pytest.mark.parametrize("year", [2019, 2024])
def test_the_economy_line_agrees_with_the_income_statement(sample_ds, year):
    ds, t = _year(sample_ds, year)
    income = ch.income_statement(ds, t)
    text = ra.economy_balance_text(ds, t)
    if isinstance(income, str):
        assert "ingen resultaträkning" in text
        return
    row = income.frame[income.frame["Post"] == "Årets resultat"].iloc[0]
    result = row[income.frame.columns[1]]  # Utfall at the last reporting date
    assert format_tkr(abs(result)) in text
    if result < 0:
        assert text.startswith("Ekonomin är inte i balans") and "underskott" in text
    else:
        assert text.startswith("Ekonomin är i balans")


def test_the_economic_analysis_adds_up(sample_ds):
    ds, t = _year(sample_ds, 2024)
    table = ra.budget_outcome_table(ds, t)
    f = table.frame
    assert (f["Avvikelse mot budget"] == f["Budget 2024"] - f["Redovisade kostnader"]).all()
    assert f["Verksamhet"].iloc[-1] == "Summa"
    assert f["Redovisade kostnader"].iloc[-1] == f["Redovisade kostnader"].iloc[:-1].sum()
    carried = ra.carried_forward_table(ds, t).frame
    assert (carried["Förs över till 2025"] == carried["Disponibla medel 2024"] - carried["Förbrukat"]).all()
    assert carried["Område"].iloc[-1] == "Summa"  # the table's last row is its sum, as it is drawn
    f, carried = f.iloc[:-1], carried.iloc[:-1]
    text = " ".join(ra.economic_analysis_text(ds, t))
    assert format_tkr(int(carried["Förs över till 2025"].sum())) in text
    assert format_tkr(int(f["Redovisade kostnader"].sum())) in text and format_tkr(int(f["Budget 2024"].sum())) in text
    assert "Störst är avvikelsen för" in text and "från andra finansiärer än kommunerna" in text


def test_the_economic_analysis_starts_from_the_income_statement(sample_ds):
    """2024: the whole operation was 165 tkr over budget with a deficit of 671 tkr; the analysis says so
    first, before the areas' own costs (2 372 tkr under their budget), never "under budget" alone.
    2019 (records through August): a part of a year is never under or over the year's budget."""
    ds, t = _year(sample_ds, 2024)
    first, second = [x.replace("\u00a0", " ") for x in ra.economic_analysis_text(ds, t)[:2]]
    assert first.startswith("Enligt resultaträkningen blev hela verksamhetens kostnader för året 55 475 tkr")
    assert "165 tkr över budget" in first and "ett underskott på 671 tkr" in first
    assert (
        second.startswith("Verksamheternas redovisade kostnader för året blev 52 939 tkr")
        and "2 372 tkr under" in second
    )
    assert "Det är 2 536 tkr mindre än resultaträkningens kostnader" in second  # the gap is named
    ds, t = _year(sample_ds, 2019)
    text = " ".join(ra.economic_analysis_text(ds, t))
    assert "under budget" not in text and "över budget" not in text
    assert "62\u00a0% av årets budget" in text


@pytest.mark.slow
def test_the_annual_report_reads_as_a_verksamhetsberattelse(annual_2024_report):
    """Through the front door: the combined page's first chapter is Året i korthet with every
    goal, a status and the rule; the economic analysis is in Året i siffror; Excel has both."""
    html = (annual_2024_report / "verksamhetsberattelse-2024.html").read_text(encoding="utf-8")
    start, end = html.index('id="aret-i-korthet"'), html.index('id="inledning"')
    assert start < end and html.index('id="mal1"') > end  # the first chapter, before chapter 1
    brief = re.sub(r"<[^>]+>", " ", html[start:end])
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))
    for goal in ("ändamålsenlig och kostnadseffektiv", "starkt och jämbördigt partnerskap", "forskning"):
        assert goal in brief
    assert "Målet är uppfyllt när varje mätetal" in brief and "ej bedömt" in brief
    assert "Ekonomin är inte i balans" in brief and "671" in brief
    assert "Ekonomisk analys" in text and "Förs över till 2025" in text
    # the budget per verksamhet is one table, in the economic analysis, not again under goal 2
    assert len(re.findall(r"Tabell \d+\s+Budget och redovisade kostnader per verksamhet", text)) == 1
    assert "Diagrammets tal finns i Tabell" in text[text.index("Ekonomisk analys") :]  # its chart points to it
    wb = openpyxl.load_workbook(annual_2024_report / "tabeller.xlsx", read_only=True)
    assert wb.sheetnames[1:3] == ["Tabell 1", "Tabell 2"], wb.sheetnames
    assert str(wb["Tabell 1"]["A1"].value).startswith("Tabell 1 De strategiska målen som")
    assert str(wb["Tabell 2"]["A1"].value).startswith("Tabell 2 Årets nyckeltal")


def test_the_year_table_shows_x_av_y_and_the_tertial_charts_say_their_span(sample_ds):
    """Plan 001's 1.2 reads "2 av 4" in every column of the year's table, not a bare 2; the charts
    per tertial name a year-to-date span and write amounts in tkr, never raw kronor."""
    ds, t = _year(sample_ds, 2024)
    f = ra.annual_scorecard_table(ds, 2024).frame
    row = f[f["Mätetal"].str.contains("av sökta projekt")].iloc[0]
    assert (row["År 2024"], row["År 2023"], row["Tertial 3"]) == ("2 av 4", "3 av 4", "2 av 4")
    charts = {c.title: c for c in ra.tertial_charts(ds, 2024)}
    money = next(c for title, c in charts.items() if title.startswith("Finansiellt resultat"))
    assert "hittills i år vid varje tertials slut" in money.title
    labels = [x for trace in money.spec["data"] for x in trace["text"]]
    assert labels and all(x == "–" or x.endswith("\u00a0tkr") for x in labels)
    assert any(title.startswith("Närvaro") and "per tertial" in title for title in charts)
    granted = next(c for title, c in charts.items() if "av sökta projekt" in title)  # 1.2 "X av Y" here too
    assert [x for trace in granted.spec["data"] for x in trace["text"]][-1] == "2 av 4"
    assert granted.data.frame["2024"].tolist() == ["0 av 3", "1 av 3", "2 av 4"]


@pytest.mark.slow
def test_the_word_survey_charts_say_their_questions_in_full(annual_2024_report):
    """The survey charts label their bars "F05 … erfarenheter"; Word has no data table, so the full
    question of each code stands under the chart."""
    import docx

    document = docx.Document(str(annual_2024_report / "verksamhetsberattelse-2024.docx"))
    keys = [p.text for p in document.paragraphs if p.text.startswith("Frågorna i diagrammet:")]
    assert len(keys) >= 6, keys  # one per goal with survey questions, and the year's chart of all
    assert any(re.search(r"\nF01 \w+.*[?.]\nF02 \w+", k) for k in keys), keys  # a question a line
    assert not any("?." in k for k in keys)
