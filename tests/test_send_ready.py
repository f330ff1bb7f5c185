"""Send-ready documents (issue 27, content): the Dnr per year, no forecast for a year that is over, a
budget follow-up that adds up, 1.2 as "X av Y", and no file, sheet or method names in the chief's text."""

import re

import openpyxl
import pandas as pd
import pytest

from kuanalys.formatting import NBSP
from kuanalys.loaders.settings import load_settings, missing_dnr_note, settings_for
from kuanalys.periods import Tertial, Year
from kuanalys.report import chapters as ch
from kuanalys.report import structure as st
from kuanalys.report.model import Chart, Comments, Cover, GoalSummary, Heading, Paragraph, Table
from kuanalys.sample import sample_dataset
from kuanalys.scorecard import for_year

T2_2019, T3_2024 = Tertial(2019, 2), Tertial(2024, 3)


@pytest.fixture(scope="module")
def ds():
    return sample_dataset()


def _settings_workbook(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Inställningar"
    ws.append(["Inställning", "Värde", "År"])
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


# --- Dnr per year ---------------------------------------------------------------------------------
def test_dnr_is_the_reports_years_and_never_another_years(tmp_path):
    path = _settings_workbook(
        tmp_path / "installningar.xlsx",
        [("titel", "Tertialrapport", None), ("dnr", "RJL 2018/2303", 2019), ("dnr", "RJL 2023/99", 2024)],
    )
    settings = load_settings(path)
    assert settings_for(settings, 2019)["dnr"] == "RJL 2018/2303"
    assert settings_for(settings, 2024)["dnr"] == "RJL 2023/99"
    assert settings_for(settings, 2024)["titel"] == "Tertialrapport"  # a row without År holds for every year
    assert "dnr" not in settings_for(settings, 2025)  # never the latest year's, never 2019's
    assert missing_dnr_note(settings, 2024) is None
    assert "2025" in missing_dnr_note(settings, 2025)


def test_a_dnr_without_year_is_warned_about_and_not_used(tmp_path):
    path = _settings_workbook(tmp_path / "installningar.xlsx", [("dnr", "RJL 2018/2303", None)])
    settings = load_settings(path)
    assert "dnr" not in settings_for(settings, 2019)
    assert any("Fyll i kolumnen År" in w for w in settings.attrs["warnings"])


def test_two_dnr_for_one_year_are_refused(tmp_path):
    from kuanalys.errors import InputError

    path = _settings_workbook(tmp_path / "installningar.xlsx", [("dnr", "A", 2024), ("dnr", "B", 2024)])
    with pytest.raises(InputError):
        load_settings(path)


def test_the_cover_says_the_dnr_is_missing_for_the_year(ds):
    assert ch.cover(for_year(ds, 2019), T2_2019).dnr == "RJL 2018/2303"  # 003's
    # no seed states a 2024 report's Dnr: the cover says so (HTML "Dnr saknas för 2024"), never 2019's
    missing = ch.cover(for_year(ds, 2024), T3_2024)
    assert missing.dnr == "diarienummer för 2024" and missing.dnr_missing  # shown with the missing-text mark


# --- economy --------------------------------------------------------------------------------------
def test_no_forecast_for_a_year_that_is_over(ds):
    for period in (T3_2024, Year(2024)):
        d = for_year(ds, 2024)
        statement = ch.income_statement(d, period)
        assert "Årsprognos" not in statement.frame.columns and "ingen prognos" in statement.note
        assert "beräknas" not in ch.funds_text(d, period)
        followup = ch.budget_followup(d, period)
        assert not any(c.startswith("Prognos") for c in followup.frame.columns)
    during = ch.income_statement(for_year(ds, 2019), T2_2019)  # 2019-08-31: the forecast stays
    assert "Årsprognos" in during.frame.columns


def test_budget_followup_carries_every_area_and_names_its_difference(ds):
    table = ch.budget_followup(for_year(ds, 2019), T2_2019)
    frame = table.frame.set_index("Område")
    budget_areas = set(ds.budget.loc[ds.budget["reporting_date"] == "2019-08-31", "area"].astype(str))
    assert budget_areas <= set(frame.index)  # Personliga ombud was missing
    assert frame.loc["Personliga ombud", "Budget förbrukning 2019"] == 6_818_000
    assert pd.isna(frame.loc["Personliga ombud", "Disponibla medel 2019"])  # nothing claimed beyond the budget
    assert frame.loc["Summa", "Budget förbrukning 2019"] == 59_938_000  # 003's Tabell 2
    note = table.note.replace(NBSP, " ")
    assert "fanns kvar vid föregående års slut" in note  # the definition of ingående medel
    assert "2 900 tkr större än resultaträkningens budgeterade kostnader (57 038 tkr)" in note


@pytest.mark.parametrize("period", [T2_2019, T3_2024])
def test_budget_followup_names_its_difference_from_the_income_statement(ds, period):
    """Tabell Budgetuppföljning's Summa against Resultaträkning's (issue 27): the difference is named,
    computed from the frames, and why the totals may differ is said; received against income only at
    the year's end (mid-year the received funds are the year's, the income to date)."""
    from kuanalys.formatting import format_tkr
    from kuanalys.metrics import funds as fnd

    d = for_year(ds, period.year)
    note = ch.budget_followup(d, period).note
    cmp = fnd.followup_vs_income_statement(d.funds_available, d.budget, d.income_statement, period)
    used = cmp.set_index("check").loc["used"]
    summa = ch.budget_followup(d, period).frame.set_index("Område").loc["Summa"]
    assert used["followup"] == next(v for k, v in summa.items() if k.startswith("Utfall förbrukning"))
    assert f"{format_tkr(abs(used['difference']))} lägre än resultaträkningens summa kostnader" in note
    assert "Tabellerna avgränsas olika" in note
    assert ("summa intäkter" in note) == (period.number == 3)
    if period == T2_2019:  # the reviewer's figures
        assert "(31 471 tkr) är 3 629 tkr lägre" in note.replace(NBSP, " ")
    else:
        assert "(54 344 tkr) är 460 tkr lägre än resultaträkningens summa intäkter (54 804 tkr)" in note.replace(
            NBSP, " "
        )


# --- definitions ----------------------------------------------------------------------------------
def test_granted_of_applied_reads_x_av_y(ds):
    d = for_year(ds, 2024)
    rows = [
        row
        for g in st.goals(d)
        for area in g.areas
        if (t := ch.indicator_table(d, T3_2024, g.text, area, "x")) is not None
        for row in t.frame.to_dict("records")
    ]
    granted = next(r for r in rows if r["Mätetal"].startswith("Antal beviljade projekt av sökta projekt"))
    assert granted["Resultat"] == "2 av 4"
    assert "två av fyra ansökningar" in granted["Beskrivning av resultat"]
    d = for_year(ds, 2019)  # 003's "Antal beviljade ansökningar" is a count, as 003 prints it
    g = st.goal(d, 1)
    table = ch.indicator_table(d, T2_2019, g.text, next(a for a in g.areas if "externa medel" in a), "x")
    row = table.frame.set_index("Mätetal").loc["Antal beviljade ansökningar."]
    assert row["Resultat"] == 1


def test_each_row_has_its_rule_in_short_form(ds):
    d = for_year(ds, 2019)
    g = st.goal(d, 2)
    table = ch.indicator_table(d, T2_2019, g.text, g.areas[-1], "x")
    texts = " ".join(table.frame["Beskrivning av resultat"]).replace(NBSP, " ")
    assert "Regel: mål 80 %, delvis vid minst 60 %." in texts


# --- no jargon in the chief's document ------------------------------------------------------------
JARGON = re.compile(r"\.xlsx|\bbladet\b|\bbladen\b|största-rest|kuanalys|sha256|\bAvsnitt\b|\bTyp\b")


def _texts(item, out: list[str]) -> None:
    """Collect every generated string of an item (titles, notes, text cells)."""
    if item is None:
        return
    if isinstance(item, (list, tuple)):
        for x in item:
            _texts(x, out)
    elif isinstance(item, str):
        out.append(item)
    elif isinstance(item, Heading):
        out.append(item.text)
    elif isinstance(item, Cover):
        out += [item.title, item.period, item.organisation, f"Dnr {item.dnr}", item.author, item.address]
    elif isinstance(item, Paragraph):
        out.append(item.text)
    elif isinstance(item, GoalSummary):
        out.append(item.rule)
    elif isinstance(item, Table):
        out += [item.title, item.note or ""]
        out += [str(c) for c in item.frame.columns]
        for col in item.frame.columns:
            out += [v for v in item.frame[col] if isinstance(v, str)]
    elif isinstance(item, Chart):
        _texts(item.data, out)
    elif isinstance(item, Comments):
        out.extend(item.texts)


@pytest.mark.parametrize("period", [T2_2019, T3_2024, Year(2024), Tertial(2025, 1)], ids=str)
def test_no_file_sheet_or_method_names_in_the_text(ds, period):
    d = for_year(ds, period.year)
    out: list[str] = []
    _texts([ch.cover(d, period), ch.inledning(d, period)], out)
    for part in ("viktiga händelser", "framtiden"):
        _texts(ch.intro_part(d, period, part), out)
    _texts([ch.staff_table(d, period), ch.staff_text(d, period), ch.financing_text(d, period)], out)
    for number in range(1, len(st.goals(d)) + 1):
        _texts(ch.goal_chapter(d, period, number), out)
    _texts(ch.bilagor(d, period), out)
    found = sorted({m.group(0) for text in out for m in [JARGON.search(text)] if m})
    assert not found, [text for text in out if JARGON.search(text)][:5]
    text = " ".join(out)
    assert "ökat i 0" not in text and "”" not in text  # no "ökat i 0", no quoted mätetal names
    assert not re.search(r"\bnan\b", text)  # a missing value never prints as "nan"
    assert "Om underlaget och beräkningarna" in text


def test_the_annual_report_opens_with_the_year_in_brief(ds):
    """Året i korthet (its own first section): each goal's status as a whole with its rule, the key
    figures, the economy; chapter 1 does not repeat it."""
    from kuanalys.report import annual as a
    from kuanalys.report.model import KeyFigures

    d, year = for_year(ds, 2024), Year(2024)
    sentence, goals = a.goals_as_a_whole(d, year)
    assert len(goals.frame) == len(st.goals(d)) and "Målet är uppfyllt när" in goals.note
    assert goals.frame.set_index("Kapitel").loc[2, "Status som helhet"] == "■ ej uppfyllt"  # 1.4: −671 000 kr
    assert isinstance(a.year_key_figures(d, year), KeyFigures)
    economy = a.economy_balance_text(d, year)
    assert "underskott på 671" in economy and "inte i balans" in economy
    assert not any(isinstance(i, Heading) and i.text == "Året i korthet" for i in ch.inledning(d, year))


def test_year_to_date_economy_is_labelled_by_its_date_not_the_tertial(ds):
    """Diagram Budget och utfall, Diagram Tillförda medel and Tabell Andel av disponibla medel show figures per
    2019-08-31 (januari–augusti): their titles say so, not "tertial 2 2019" (issue 27)."""
    from kuanalys.report import content as c

    d = for_year(ds, 2019)
    titles = [
        c.budget_outcome(d, T2_2019).figure.layout.title.text,
        c.available_funds(d, T2_2019).figure.layout.title.text,
        c.financier_shares(d, T2_2019).title,
    ]
    for title in titles:
        assert "2019-08-31" in title and "tertial 2 2019" not in title, title


def test_added_funds_table_names_its_difference_from_the_opening_funds(ds):
    """Tabell Andel av disponibla medel's Summa is 3 kr below Redovisning av disponibla medel's: its note says so."""
    from kuanalys.report import content as c

    note = c.financier_shares(for_year(ds, 2019), T2_2019).note.replace(NBSP, " ")
    assert "(102 959 419 kr) är 3 kr mindre än summan av ingående medel" in note
    assert "Miljösamverkan Jönköpings län" in note
    assert c.financier_shares(for_year(ds, 2024), T3_2024).note is None  # they agree: nothing to say


def test_trend_arrows_against_different_periods_are_said_in_the_table(ds):
    """T3 2024 Tabell 3: rows whose arrows compare with different periods (each mätetal's own comparison)
    are named in the table's note, and each row's rule names its period."""
    d = for_year(ds, 2024)
    g = next(g for g in st.goals(d) for a in g.areas if "externa medel" in a)
    area = next(a for a in g.areas if "externa medel" in a)
    table = ch.indicator_table(d, T3_2024, g.text, area, "x")
    assert "jämför inte alla med samma period; varje rad säger vilken period dess pil jämför med" in table.note
    assert "Andelen extern finansiering" not in table.note  # no list of names: each row says its period
    rows = table.frame.set_index("Mätetal")
    assert (
        "Trendpilen jämför med januari–augusti 2024."
        in rows.loc["Andelen extern finansiering av verksamheten."]["Beskrivning av resultat"]
    )


def test_the_budget_table_names_a_difference_only_where_there_is_one(ds):
    """Tabell 10's note says the follow-up of available funds sums differently only when it does: T2 2019
    (29 322 against 31 471 tkr), not T3 2024 (52 939 tkr in both)."""
    from kuanalys.report import content as c

    differs = "dess summa skiljer sig från den här"
    assert differs in c.budget_outcome_table(for_year(ds, 2019), T2_2019).note
    assert differs not in c.budget_outcome_table(for_year(ds, 2024), T3_2024).note
