"""The report's structure follows the published tertial report T2 2019 (seed 003): its headings
in order, its figures computed from the bundled sample, and 003's status symbols."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from kuanalys.periods import Tertial
from kuanalys.report import chapters as ch
from kuanalys.report import structure as st
from kuanalys.report.model import Heading
from kuanalys.report.sections import report_sections
from kuanalys.sample import sample_dataset
from kuanalys.scorecard import assess, scorecard

T2 = Tertial(2019, 2)
SEED_003 = Path("/work/shared/seeds/003_7a64c6ee37abf223.txt")

# The table of contents of the published report T2 2019 (seed 003), as printed there.
HEADINGS_003 = """
1 Inledning
1.1 Viktiga händelser
1.2 Medarbetare
1.3 Framtiden
2 Vår verksamhet ska leda till en ändamålsenlig och kostnadseffektiv verksamhet för länets kommuner
2.1 Exempel på aktiviteter inom Kommunal utvecklings verksamhet som innebär en hög kostnadseffektivitet för länets kommuner
2.2 Verksamheten söker aktivt externa medel
2.3 Kommunal utvecklings ekonomi är i balans
2.4 Ekonomisk redovisning
2.5 Ekonomisk analys
3 Vi har ett starkt och jämbördigt partnerskap med aktiva ägare
3.1 Exempel på aktiviteter som stimulerar samverkan
3.2 Samtliga kommuner har aktiva representanter i chefsnätverk eller liknande
3.3 Kommunal utveckling underlättar samverkan med Region Jönköpings län
3.4 Analys
4 I vår verksamhet är medborgarnas erfarenhet en viktig kunskapskälla
4.1 Exempel på arbeten inom Kommunal utveckling som syftar till att stärka medborgarnas inflytande och delaktighet
4.2 Analys
5 Vår verksamhet kommer till reell nytta för användarna
5.1 Exempel på aktiviteter som kommer till reell nytta för användarna
5.2 Analys
6 Vi stärker och ökar kompetensen i länet
6.1 Exempel på aktiviteter som stärker och ökar kompetensen i länet
6.2 Årligen genomförs kurser efter behov och önskemål från verksamheterna samt styrgruppen
6.3 Analys
7 Vi använder forskning för att utveckla och förbättra kommunernas verksamheter
7.1 Pågående forskningsstudier
7.2 Spridning
7.3 Stipendier
7.4 Doktorandstudier
7.5 Söker aktivt finansiering
7.6 Samtal med forskare om framtida forskning
7.7 Analys
Bilaga 1: Symbolförteckning för mätetal och aktiviteter
Bilaga 2: Deltagande på kurser
""".strip().splitlines()


def _plain(text: str) -> str:
    """Heading text without its number, compared without case and trailing punctuation."""
    return re.sub(r"^\d+(\.\d+)*\s+", "", text).strip().rstrip(".").casefold()


def test_headings_list_matches_the_seed():
    if SEED_003.exists():
        seed = SEED_003.read_text(encoding="utf-8")
        for line in HEADINGS_003[:-2]:
            assert line in seed, line


@pytest.mark.slow
def test_every_heading_of_003_appears_in_order(t2_2019_report):
    page = (t2_2019_report / "tertialrapport-2019-T2.html").read_text(encoding="utf-8")
    # the subtitle does not claim only May–August: much of the report counts from January
    assert "Maj–augusti 2019 och året hittills · uppföljning" in page
    body = page[page.index('aria-label="Innehåll"') :]
    found = [
        html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip()
        for m in re.finditer(r"<h([1-3])[^>]*>(.*?)</h\1>", body, re.S)
    ]
    plain = [_plain(h) for h in found]
    at = 0
    for heading in HEADINGS_003:
        want = _plain(heading)
        hits = [i for i in range(at, len(plain)) if plain[i].startswith(want)]
        assert hits, f"rubriken '{heading}' saknas (eller står i fel ordning) i rapporten"
        at = hits[0] + 1
        number = re.match(r"^(\d+(?:\.\d+)?)\s", heading)
        if number and heading.split(".")[0] in "1234567" and not heading.startswith(("2.4", "2.5")):
            assert found[hits[0]].startswith(number.group(1) + " "), (heading, found[hits[0]])


@pytest.fixture(scope="module")
def ds():
    return sample_dataset()


def _headings(items) -> list[str]:
    return [i.text for i in items if isinstance(i, Heading)]


def test_plan_has_one_chapter_per_goal_in_order(ds):
    sections = report_sections(ds, T2)
    assert [s.key for s in sections] == [
        "01_inledning",
        "02_mal1",
        "03_mal2",
        "04_mal3",
        "05_mal4",
        "06_mal5",
        "07_mal6",
        "90_bilagor",
    ]
    assert [s.parameters.get("goal") for s in sections[1:-1]] == [1, 2, 3, 4, 5, 6]
    assert {s.notebook for s in sections[1:-1]} == {"kapitel.ipynb"}


def test_any_goal_list_works(ds):
    """Another plan: two goals, one area without indicators, one goal with nothing at all."""
    other = sample_dataset()
    other.plan_goals = pd.DataFrame({"goal": ["Mål B", "Mål A"], "area": ["Område X", None]}, dtype="str")
    other.comments = other.comments.iloc[0:0]
    other.activities = other.activities.iloc[0:0]
    goals = st.goals(other)
    assert [g.text for g in goals[:2]] == ["Mål B", "Mål A"] and goals[0].areas == ("Område X",)
    items = ch.goal_chapter(other, T2, 1)
    assert _headings(items) == ["2 Mål B", "2.1 Område X", "2.2 Analys"]
    assert ch.NOTHING in items
    assert _headings(ch.goal_chapter(other, T2, 2)) == ["3 Mål A", "3.1 Analys"]


def test_figures_follow_metric_keys(ds):
    assert st.figure_groups(ds, ["attendance.overall", "attendance.network:PKS"]) == ["attendance", "pks"]
    assert st.figure_groups(ds, ["attendance.network:Reko"]) == ["region"]
    assert st.figure_groups(ds, ["attendance.region_groups"]) == ["region"]
    assert st.figure_groups(ds, ["grants.granted_amount", "funds.result"]) == ["grants", "funds"]
    assert st.figure_groups(ds, ["courses.held", "courses.digital_share"]) == ["courses"]
    assert st.figure_groups(ds, ["attendance.digital_share", "staff.work_environment"]) == []
    # the 2022–2024 plan's keys: the digital share of one arrangör's courses shows no course tables
    # (they belong with the course counts, so a report shows them once)
    assert st.figure_groups(ds, ["courses.digital_share:Kurs och konferens"]) == []
    assert st.figure_groups(ds, ["attendance.partnership_networks", "attendance.type:PKS"]) == ["attendance", "pks"]


def test_staffing_figures_of_003(ds):
    assert ch.staff_text(ds, T2) == (
        "Antalet årsarbetare uppgår under tertial 2 2019 till 51,20, vilket är en minskning med 2,40 jämfört med "
        "föregående tertial. Antalet årsarbetare som arbetar med FoU-verksamhet är 25,20 (26,90 tertial 1). "
        "Verksamhetens stab och ledning omfattas av 4,20 årsarbetare och resterande 21,80 (22,50 tertial 1) "
        "årsarbetare arbetar inom övrig verksamhet."
    )
    assert "finansieras 35,20 via kommunernas" in ch.financing_text(ds, T2)
    assert "16,00 årsarbetare finansieras via externa medel" in ch.financing_text(ds, T2)
    table = ch.staff_table(ds, T2).frame
    assert table.iloc[:, 1:].round(2).values.tolist() == [[15.65, 24.6, 13.35, 53.6], [7.7, 31.35, 12.15, 51.2]]


def test_grants_within_the_tertial_alone(ds):
    text = ch.grants_tertial_text(ds, T2).replace("\u00a0", " ")
    assert text.startswith("Under tertial 2 2019 har fem ansökningar om totalt 9 442 484 kr")  # 003's words
    assert "totalt nio ansökningar om 23 460 356 kr skickats in till fem olika finansiärer" in text


def test_income_statement_totals_of_003(ds):
    t1 = ch.income_statement(ds, T2).frame.set_index("Post")
    assert t1.loc["Summa intäkter"].tolist() == [35_100_000, 57_038_000, 53_600_000]
    assert t1.loc["Summa kostnader"].tolist() == [-35_100_000, -57_038_000, -53_600_000]
    assert t1.loc["Årets resultat"].tolist() == [0, 0, 0]
    assert t1.loc["Inköp av material/varor"].iloc[1] is None  # no budget: shown empty, not 0


def test_meetings_per_network_lists_networks_without_meetings(ds):
    table = ch.meetings_per_network(ds, T2)
    assert table.frame["Möten"].sum() == 21
    none = table.frame.loc[table.frame["Möten"] == 0, "Nätverk"].tolist()
    assert none and all(name in table.note for name in none)
    assert table.note.startswith("Inga möten registrerades under tertial 2 2019 för:")
    assert "jämfört med tertial 2 2018 i tolv av 18" in ch.networks_higher_text(ds, T2)


def test_course_shares(ds):
    """As 003: Kurs och konferens held courses and uppdrag with 2 726 participants; 1 008 came via
    CHANGE; its own courses (Bilaga 2) had 469. The 469 are never called "via Kurs och konferens"."""
    text = ch.course_shares_text(ds, T2).replace("\u00a0", " ")
    assert "genomförde Kurs och konferens kurser och uppdrag med totalt 2 726 deltagare" in text
    assert "1 008 (37 %) via CHANGE" in text
    assert "Övriga 469 (17 %) deltog i Kurs och konferens egna kurser, varav 332 (71 %) från länets kommuner" in text
    assert "via Kurs och konferens" not in text
    top = ch.largest_arrangements(ds, T2).frame
    assert top["Deltagare"].is_monotonic_decreasing


@pytest.mark.parametrize(
    ("result", "symbol", "status"),
    [
        (0.67, "◆", "delvis uppfyllt"),
        (0.76, "◆", "delvis uppfyllt"),
        (0.83, "●", "uppfyllt"),
        (0.5, "■", "ej uppfyllt"),
    ],
)
def test_status_symbols_of_003(result, symbol, status):
    a = assess(result, 0.80, unit="%")
    assert (a.symbol, a.status) == (symbol, status)


def test_scorecard_of_003_region_groups(ds):
    sc = scorecard(ds, T2).set_index("indicator_id")
    for iid in ("narvaro_reko", "narvaro_sg_aldre", "narvaro_sg_psykiatri"):
        assert sc.loc[iid, "symbol"] == "◆"
    assert sc.loc["narvaro_sg_barn_unga", "symbol"] == "●"
    assert sc.loc["narvaro_reko", "trend"] == "↘" and sc.loc["narvaro_sg_psykiatri", "trend"] == "↗"


def test_threshold_is_configurable_per_indicator():
    assert assess(0.67, 0.80, unit="%", threshold_partly=0.9).status == "ej uppfyllt"


def test_area_tables(ds):
    g = st.goal(ds, 2)
    table = ch.indicator_table(ds, T2, g.text, g.areas[1], "x")
    assert list(table.frame.columns) == [
        "Status",
        "Mätetal",
        "Målvärde",
        "Resultat",
        "Trend",
        "Beskrivning av resultat",
    ]
    reko = table.frame.iloc[0]
    assert (reko["Status"], round(reko["Resultat"], 2), reko["Trend"], reko["Målvärde"]) == (
        "◆ delvis uppfyllt",
        0.67,
        "↘",
        0.8,
    )
    assert "Resultatet når inte upp till önskat målvärde." in reko["Beskrivning av resultat"]
    acts = ch.activity_table(ds, T2, st.goal(ds, 1).areas[0], "y").frame
    assert "✔ klar" in set(acts["Status"]) and "▶ pågår" in set(acts["Status"])


def test_no_personal_names_in_sample_texts(ds):
    text = " ".join(ds.comments["text"].astype(str)) + " ".join(ds.settings["value"].astype(str))
    for name in ("Götesson", "Govender", "Arlesten", "Evaldsson", "Andersson", "Johansson", "Sandoval", "Persson"):
        assert name not in text


@pytest.mark.parametrize(
    "tertial", [Tertial(2017, 1), Tertial(2018, 3), Tertial(2019, 1), Tertial(2019, 3), Tertial(2020, 2)], ids=str
)
def test_every_chapter_builds_for_any_period(ds, tertial):
    """Every chapter's items build for periods with and without records; empty parts say so."""
    items = [
        ch.cover(ds, tertial),
        *ch.inledning(ds, tertial),
        *ch.intro_part(ds, tertial, "framtiden"),
        ch.staff_text(ds, tertial),
        ch.staff_table(ds, tertial),
        ch.financing_text(ds, tertial),
        ch.indicator_symbols(),
        ch.activity_symbols(),
        ch.course_participants_table(ds, tertial),
        *ch.source_checks(ds, tertial),
    ]
    for g in st.goals(ds):
        items += ch.goal_chapter(ds, tertial, g.number)
    assert items
    if tertial.year == 2020:
        assert ch.staff_text(ds, tertial) == f"Det finns inga uppgifter om årsarbetare för {tertial.label()}."
        marks = [i.text for i in ch.goal_chapter(ds, tertial, 4) if getattr(i, "missing", None)]
        assert any(m.startswith("[Text saknas: analys av målet i kapitel ") for m in marks)  # where to write it


def test_budget_followup_arithmetic(ds):
    from kuanalys.metrics.funds import budget_followup

    f = budget_followup(ds.funds_available, ds.budget, T2).set_index("area")
    assert (f["received"] == f["available"] - f["start"]).all()
    assert (f["remaining"] == f["available"] - f["used"]).all()
    assert "forecast_remaining" not in f  # the records state no forecast of the funds left at the year's end
    before = budget_followup(ds.funds_available, ds.budget, Tertial(2018, 2))
    assert before["start"].isna().all() and before["received"].isna().all()  # no 2017 records: unknown, not 0


def test_unplaced_activities_and_texts_are_named(ds):
    other = sample_dataset()
    extra = other.activities.iloc[:1].assign(area="Ett område som inte finns")
    other.activities = pd.concat([other.activities, extra], ignore_index=True)
    other.comments = pd.concat(
        [other.comments, other.comments.iloc[:1].assign(target_id="okänt avsnitt")], ignore_index=True
    )
    text = " ".join(x for x in ch.source_checks(other, T2) if isinstance(x, str))
    assert "Ett område som inte finns" in text and "okänt avsnitt" in text


def test_region_groups_rose_and_fell_as_003_counts(ds):
    text = ch.region_sides_text(ds, T2)
    first, second = text.split("Jämfört med tertial 2 2018 ")
    assert "närvaron högre i en och lägre i tre av de fyra grupper" in first  # 003: three of four fell
    assert (
        "närvaron högre i tre och lägre i en av de fyra grupper" in second
    )  # 003: three rose and one fell against 2018
    # the two sides as the chart's data table shows them (this tertial's columns), not moves it does not show
    assert second.endswith(
        "Under tertial 2 2019 var närvaron bland kommunernas representanter högre än bland regionens i tre och "
        "lägre i en av de fyra grupperna."
    )
    assert "bland regionens representanter var" not in text


@pytest.mark.parametrize(
    "points, sentence",
    [
        ([3], "högre än bland regionens i den enda gruppen."),
        ([0, 0], "lika hög som bland regionens i båda grupperna."),
        ([-1, -4, -2], "lägre än bland regionens i alla tre grupper."),
        ([-2, 0, 5], "högre än bland regionens i en, lägre i en och lika hög i en av de tre grupperna."),
    ],
)
def test_region_sides_sentence(points, sentence):
    text = ch._sides_sentence(pd.Series(points, dtype="Float64"), "tertial 2 2019")
    assert text == f"Under tertial 2 2019 var närvaron bland kommunernas representanter {sentence}"
    assert "i 0" not in text and ";" not in text  # never "ökat i 0", never a list of clauses


def test_course_totals_of_bilaga_2(ds):
    text = ch.course_totals_text(ds, T2).replace("\u00a0", " ")
    assert text == (  # 003's Bilaga 2: 469 on the own courses above, 2 257 in uppdrag, 2 726 in all
        "Utöver deltagarna i tabellen deltog 2 257 personer i uppdrag åt andra delar av verksamheten. "
        "Under januari–augusti 2019 deltog totalt 2 726 personer i 78 kurser och arrangemang. Sex kurser ställdes in."
    )


def _strings(items) -> list[str]:
    return [x for x in items if isinstance(x, str)]


def test_indicator_rows_say_only_what_is_theirs(ds):
    """No boilerplate row after row: a year without targets (2024) says so once, in chapter 1, and the
    rows of the indicator tables carry their result and comparison only."""
    from kuanalys.scorecard import for_year

    t = Tertial(2024, 3)
    plan = for_year(ds, 2024)  # as the notebooks open it (open_section)
    once = [x for x in _strings(ch.inledning(plan, t)) if "Verksamhetsplanen har inga målvärden för 2024" in x]
    assert len(once) == 1
    for g in st.goals(plan):
        for table in [x for x in ch.goal_chapter(plan, t, g.number) if getattr(x, "name", "").endswith("_matetal")]:
            text = " ".join(table.frame["Beskrivning av resultat"])
            assert "Bedömning:" not in text and "inget målvärde" not in text, table.name
            # the symbols and arrows are in Bilaga 1; the note only says which rows compare with which period
            assert table.note is None or table.note.startswith("Trendpilarna i tabellen jämför inte alla"), table.note


def test_a_period_without_records_says_missing_once_and_never_0(ds):
    """T1 2020 has no records: the grants text says the register has none (the table shows –, not 0),
    the funds section says once that there are no figures, and no table of zero meetings is shown."""
    t = Tertial(2020, 1)
    text = ch.grants_tertial_text(ds, t)
    assert "inga ansökningar registrerade för januari–april 2020" in text and "inget resultat" in text
    assert c_grants_row_is_missing(ds, t)
    funds = ch.figures(ds, t, st.FUNDS)
    assert len(funds) == 1 and "inga ekonomiska uppgifter" in funds[0]
    assert ch.meetings_per_network(ds, t) is None and ch.networks_higher_text(ds, t) is None


def c_grants_row_is_missing(ds, t) -> bool:
    from kuanalys.report import content as c

    first = c.grants_comparison(ds, t).frame.iloc[0]
    return first.iloc[1:].isna().all()


def test_a_whole_year_says_its_applications_once(ds):
    from kuanalys.periods import Year
    from kuanalys.report import content as c

    y = Year(2024)
    text = ch.grants_tertial_text(ds, y)
    assert text.count("Under januari–december 2024") == 1
    assert c.grants_comparison(ds, y).frame["Period"].tolist() == ["År 2024", "År 2023"]


def test_course_tables_are_shown_once_per_report(ds):
    """The digital share of Kurs och konferens (goal 1 in the 2022–2024 plan) does not repeat the course
    tables of goal 5."""
    from kuanalys.scorecard import for_year

    t = Tertial(2024, 3)
    plan = for_year(ds, 2024)  # as the notebooks open it (open_section)
    names = [x.name for g in st.goals(plan) for x in ch.goal_chapter(plan, t, g.number) if hasattr(x, "name")]
    assert names.count("kurser_jamforelse") == 1


def test_applications_without_a_decision_have_no_share_and_a_rejection_is_0_kr(ds):
    """January–April 2024: three applications, all waiting: no "Beviljat av sökt" (0 % would read as
    rejections). T2 2019: the two rejected applications were granted 0 kr, not "–"."""
    from kuanalys.metrics import grants as grt

    g = grt.grants_comparison(ds.grants, Tertial(2025, 1)).set_index("period")
    assert g.loc["januari–april 2024", "waiting_count"] == g.loc["januari–april 2024", "submitted_count"]
    assert pd.isna(g.loc["januari–april 2024", "success_rate_amount"])
    from kuanalys.report import content as c

    listed = c.grants_list(ds, T2).frame
    rejected = listed[listed["Status"] == "avslag"]
    assert len(rejected) == 2 and (rejected["Beviljat belopp"] == 0).all()
    assert listed.loc[listed["Status"] == "väntar", "Beviljat belopp"].isna().all()


def test_003s_tabell_2_is_a_table_in_tkr(ds):
    """003's Tabell 2 (Redovisning av aktiviteter) is a table, not only a chart: budget, reported costs
    and deviation per activity. Its Summa of the reported costs is 29 322 tkr: 003 prints 29 325, a slip
    of its own (the rows add to 29 322)."""
    from kuanalys.report import content as c

    f = c.budget_outcome_table(ds, T2).frame.set_index("Verksamhet")
    assert f.loc["Personliga ombud"].tolist() == [6_818_000, 4_060_000, 2_758_000]
    assert f.loc["Summa"].tolist() == [59_938_000, 29_322_000, 30_616_000]
    assert c.budget_outcome_table(ds, Tertial(2025, 1)) is None  # no budget: the chart's place says so once


def test_one_arrangors_course_count_says_so_beside_all_courses(ds):
    """The 2022–2024 plan counts the courses with Kurs och konferens as arrangör (37 in 2024), the
    course table all of them (41): the row, the definition and the table's note say which is which,
    so 37 and 41 on one page do not contradict each other. 2019 counts all, as 003 does."""
    from kuanalys.report import content as c
    from kuanalys.scorecard import metric_definition, scorecard

    t = Tertial(2024, 3)
    row = scorecard(ds, t).set_index("metric").loc["courses.held:Kurs och konferens"]
    assert "med Kurs och konferens som arrangör" in row["result_text"]
    assert "med Kurs och konferens som arrangör räknas" in metric_definition("courses.held:Kurs och konferens")
    assert "räknar bara kurser och uppdrag med Kurs och konferens som arrangör" in c.course_comparison(ds, t).note
    assert "räknar bara" not in c.course_comparison(ds, T2).note
