"""Issue 27's text patterns: one mark for every missing analyst text, and sentences a person writes."""

import copy
import re

import pytest

from kuanalys.periods import Tertial, Year
from kuanalys.report import annual as ra
from kuanalys.report import chapters as ch
from kuanalys.report import model as m
from kuanalys.report import structure as st
from kuanalys.result_text import balance_change_sentence, result_text
from kuanalys.scorecard import short_rule

T2 = Tertial(2019, 2)
MARK = re.compile(r"^\[Text saknas: [^\]]+\]$")


@pytest.fixture(scope="module")
def bare(sample_ds):
    """The sample without any analyst text: every place for one carries the mark."""
    ds = copy.deepcopy(sample_ds)
    ds.comments = ds.comments.iloc[0:0]
    return ds


def _built(ds, t) -> m.Report:
    items = [*ch.intro_part(ds, t, "viktiga händelser"), *ch.intro_part(ds, t, "framtiden")]
    chapters = [m.Chapter.of("01_inledning", "inledning", [m.Heading(1, "1 Inledning"), *items])]
    for g in st.goals(ds):
        chapters.append(
            m.Chapter.of(f"0{g.number + 1}_mal{g.number}", f"mal{g.number}", ch.goal_chapter(ds, t, g.number))
        )
    cover = m.Cover("Tertialrapport tertial 2 2019", "Maj–augusti 2019", "Kommunal utveckling", "KU 2019/17", "A. Chef")
    return m.Report(cover, chapters)


def _marks(report: m.Report) -> list[str]:
    return [i.text for c in report.chapters for i in c.items if isinstance(i, m.Paragraph) and i.missing is not None]


def test_one_mark_naming_the_text_in_words(bare):
    marks = _marks(_built(bare, T2))
    assert "[Text saknas: viktiga händelser]" in marks and "[Text saknas: framtiden]" in marks
    assert all(MARK.match(x) for x in marks), marks
    analyses = [x for x in marks if x.startswith("[Text saknas: analys av målet")]
    assert len(analyses) == len(st.goals(bare))
    g = st.goal(bare, 1)  # named by its chapter number and text, never "mål 1" (chapter 2)
    assert any(
        x.startswith(f"[Text saknas: analys av målet i kapitel {g.chapter}, {g.text.split()[0]}") for x in analyses
    )
    assert any(x.startswith("[Text saknas: kommentar till området ") for x in marks)
    for x in marks:
        assert not re.search(r"\bmål \d|\.xlsx|blad|inte skriven|Skriv texten", x), x
        assert x != "[Text saknas: Kommentar]"


def test_word_count_equals_the_marks(bare, tmp_path, monkeypatch):
    import docx

    from kuanalys.report.render import chart_images
    from kuanalys.report.render import docx as word

    monkeypatch.setattr(chart_images, "find_chromium", lambda: None)  # charts as data tables: fast
    report = _built(bare, T2)
    lines = word.write_report_word(tmp_path, report, T2, None)
    said = [int(re.search(r"har (\d+) texte?r? kvar att skriva", x).group(1)) for x in lines if "kvar att skriva" in x]
    (path,) = tmp_path.glob("*.docx")
    in_word = [p.text for p in docx.Document(str(path)).paragraphs if p.text.startswith("[Text saknas")]
    assert said == [len(in_word)] == [len(_marks(report))]
    assert all(MARK.match(x) for x in in_word)
    assert sorted(in_word) == sorted(_marks(report))


def test_html_shows_the_same_mark():
    from kuanalys.report.render.html import item_html

    html = item_html(m.missing_text("viktiga händelser"))
    assert '<mark class="ku-missing">[Text saknas: viktiga händelser]</mark>' in html
    assert "[Text saknas: Analys av ekonomin]" in item_html(m.Comments([], "Analys av ekonomin"))


def test_region_groups_in_sentences(sample_ds):
    text = ch.region_sides_text(sample_ds, T2)
    assert text.startswith("Jämfört med tertial 1 2019 var närvaron högre i en och lägre i tre av de fyra grupper")
    assert ";" not in text and "För kommunernas" not in text


def test_no_formula_and_no_nested_brackets(sample_ds):
    participants = result_text("courses.participants", "st", T2, 2726, None, 3746).replace("\xa0", " ")
    assert "deltog 2 726 deltagare" not in participants and "2 726 deltagare" in participants
    # only exactly 0 kr is in balance: a deficit that rounds to 0 tkr is given in kronor
    from kuanalys.formatting import format_tkr
    from kuanalys.result_text import balance_words

    assert balance_words(-300, format_tkr).replace("\xa0", " ") == "ett underskott på 300 kr"
    assert balance_words(-671_000, format_tkr).replace("\xa0", " ") == "ett underskott på 671 tkr"
    assert balance_words(0, format_tkr).replace("\xa0", " ") == "0 tkr (i balans)"
    balance = balance_change_sentence(-5000, "januari–augusti 2018", 0)
    assert "((" not in balance and "))" not in balance and "i balans" in balance
    assert "))" not in result_text("funds.result", "kr", T2, 0, 0, 0)
    analysis = " ".join(t for _, t in st.texts_for(sample_ds, T2, ["mål 5"], "analys"))
    assert "2 726" in analysis.replace("\xa0", " ") and "<" not in analysis  # said in words, not "(2 726 < 3 746)"


def test_out_of_compared_like_with_like():
    text = result_text("grants.granted_count", "st", Year(2024), 2, None, 3, of=4, of_before=(None, 5))
    assert "två av fyra" in text and "januari–december 2023 (3 av 5)" in text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((3746, "högre är bättre", "st"), "mål 3 746, delvis vid minst 2 810"),  # not 2 809,5
        ((91, "högre är bättre", "st"), "mål 91, delvis vid minst 69"),  # not 68,3
        ((0.9, "högre är bättre", "%"), "mål 90 %, delvis vid minst 75 % av målet"),  # not 67,5 %
        ((0.8, "högre är bättre", "%"), "mål 80 %, delvis vid minst 60 %"),
        ((101, "lägre är bättre", "st"), "mål 101, delvis vid högst 126"),  # 126,25 rounded down
    ],
)
def test_rule_thresholds_readable(args, expected):
    assert short_rule(*args).replace("\u00a0", " ") == expected


def test_staff_said_once_and_plan_intro_consistent(sample_ds):
    from kuanalys.scorecard import for_year

    t = Tertial(2025, 1)
    ds = for_year(sample_ds, 2025)
    assert ch.staff_table(ds, t) is None  # staff_text says there are none, once
    texts = [x for x in ch.inledning(ds, t) if isinstance(x, str)]
    joined = " ".join(texts)
    assert (
        "Det finns ännu ingen verksamhetsplan för 2025, så rapporten följer planen för 2022–2024" in joined
        and "Den planen har inga målvärden för 2025" in joined
    )
    assert "tills en ny plan" not in joined and "bedöms ändå" not in joined
    assert (
        "Inget mätetal har ett målvärde för 2025 i verksamhetsplanen" not in joined
    )  # not "no plan", then "no target"
    assert "närvarofil" not in " ".join(str(x) for x in ch.inledning(ds, t))


@pytest.mark.slow
@pytest.mark.parametrize("fixture", ["t2_2019_report", "t3_2024_report", "annual_2024_report"])
def test_no_number_parts_from_its_unit_in_word(fixture, request):
    """Every number keeps its unit on the same line in the Word draft: a no-break space between a
    number and %, kr or tkr, also in a row whose description an analyst's comment shortened."""
    import docx

    folder = request.getfixturevalue(fixture)
    doc = docx.Document(next(folder.glob("*.docx")))
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    broken = sorted({m.group(0) for x in texts for m in re.finditer(r"\S*\d (?:%|kr|tkr)(?!\w)", x)})
    assert broken == []


# --- the second reading (review2): a period past the data, rules said once, plain appendix ---------
def _strings(items) -> list[str]:
    out = []
    for x in items:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, list):
            out += _strings(x)
    return out


def test_a_period_past_the_data_says_how_far_the_records_go_and_counts_the_results(sample_ds):
    from kuanalys.scorecard import for_year, scorecard

    t = Tertial(2025, 1)
    ds = for_year(sample_ds, 2025)
    joined = " ".join(_strings(ch.inledning(ds, t))).replace("\u00a0", " ")
    said = re.search(r"Underlaget når inte fram till tertial 1 2025: (.+?)\.", joined)
    assert said and "närvaron" in said.group(1) and "december 2024" in said.group(1), joined
    assert "inte att ingen verksamhet bedrevs" in joined
    sc = scorecard(ds, t)
    n, k = len(sc), int((sc["status"] != "inget resultat").sum())
    assert 0 < k < n and f"Av {n} mätetal har {k} ett resultat för tertial 1 2025" in joined
    # the balance mätetal has a target but no result: not said to be assessed
    assert (
        "Finansiellt resultat (organisation) har alltid målet 0 kr" in joined and "inte heller det är bedömt" in joined
    )
    assert ch.staff_section(ds, t) == []  # no heading over nothing


def test_a_period_within_the_data_does_not_say_the_records_end(sample_ds):
    from kuanalys.scorecard import for_year

    t = Tertial(2024, 3)
    joined = " ".join(_strings(ch.inledning(for_year(sample_ds, 2024), t)))
    assert "Underlaget når inte fram" not in joined
    assert ch.records_end_text(for_year(sample_ds, 2024), t) is None


def test_the_goal_rule_is_said_once_under_the_first_goal(sample_ds):
    from kuanalys.scorecard import for_year

    t = Tertial(2024, 3)
    ds = for_year(sample_ds, 2024)
    rules = []
    for g in st.goals(ds):
        summaries = [x for x in ch.goal_chapter(ds, t, g.number) if isinstance(x, m.GoalSummary)]
        rules += [p.text for s in summaries for p in s.parts() if p.note]
    assert rules == [ch.GOAL_RULE]
    method = " ".join(_strings(ch.method_appendix(ds, t)))
    assert ch.GOAL_RULE[1:] in method  # and Bilaga 3


def test_trend_arrows_are_said_alike_in_bilaga_1_and_3(sample_ds):
    t = Tertial(2024, 3)
    note = ch.indicator_symbols(t).note
    method = " ".join(_strings(ch.method_appendix(sample_ds, t)))
    assert ch.trend_rule() in note and ch.trend_rule() in method
    assert "året innan" in ch.trend_rule() and "föregående tertial" in ch.trend_rule()
    assert "jämför med föregående tertial." not in method
    for text in (note, method):
        assert not re.search(r"speglat|÷|tiondel|som mål: minst|varje mätetals regel står i dess rad", text), text
    # – means only "inget resultat"; a missing target reads "inget", said where the symbols are
    assert "– betyder aldrig 0" in note and "har ordet inget i kolumnen Målvärde" in note


def test_a_missing_target_is_not_a_dash(sample_ds):
    """T1 2025 has no targets (no plan for 2025): Målvärde reads "inget", and – stays "inget resultat"."""
    from kuanalys.scorecard import for_year

    t = Tertial(2025, 1)
    d = for_year(sample_ds, 2025)
    g = st.goals(d)[0]
    table = ch.indicator_table(d, t, g.text, g.areas[0], "x")
    assert set(table.frame["Målvärde"]) == {"inget"}
    year = ra.annual_scorecard_table(for_year(sample_ds, 2024), 2024).frame
    assert "inget" in set(year["Målvärde"]) and not year["Målvärde"].isna().any()


def test_yearly_results_name_their_year_in_a_new_year(sample_ds):
    from kuanalys.scorecard import for_year

    t = Tertial(2025, 1)
    ds = for_year(sample_ds, 2025)
    g = st.goal(ds, 4)  # reell nytta: the survey, the project register, the staff measures
    notes = [ch.indicator_table(ds, t, g.text, a, "x").note or "" for a in g.areas]
    assert all("gäller 2024, det senaste året med resultat" in n for n in notes), notes
    t3 = Tertial(2024, 3)
    d3 = for_year(sample_ds, 2024)
    assert not any(
        "det senaste året med resultat" in (ch.indicator_table(d3, t3, g.text, a, "x").note or "") for a in g.areas
    )


def test_no_list_of_indicator_names_in_the_trend_note(sample_ds):
    from kuanalys.scorecard import for_year

    t = Tertial(2024, 3)
    ds = for_year(sample_ds, 2024)
    notes = [
        ch.indicator_table(ds, t, g.text, a, "x").note or ""
        for g in st.goals(ds)
        for a in g.areas
        if ch.indicator_table(ds, t, g.text, a, "x") is not None
    ]
    assert not any("jämförelse i verksamhetsplanen" in n for n in notes)
    assert any("varje rad säger vilken period dess pil jämför med" in n for n in notes)


def test_the_same_share_is_not_said_twice():
    from kuanalys.result_text import result_text as rt

    same = rt("projects.goals_met", "%", Tertial(2025, 1), 0.9, last_year=0.46, beside=0.9)
    assert "Räknas även" not in same
    other = rt("projects.goals_met", "%", Tertial(2025, 1), 0.8, last_year=0.46, beside=0.9)
    assert "Räknas även delvis uppfyllda mål är andelen 90" in other


def test_network_names_read_as_swedish():
    from kuanalys.result_text import genitive, network_meetings

    assert genitive("PKS") == "PKS:s" and network_meetings("PKS") == "PKS:s möten"
    assert network_meetings("Reko") == "Rekos möten"
    assert network_meetings("Strategigrupp psykiatri/missbruk") == "mötena i strategigrupp psykiatri/missbruk"


def test_networks_higher_is_one_sentence_with_its_base(sample_ds):
    text = ch.networks_higher_text(sample_ds, T2)
    assert text.count("Närvaron var högre") == 0 and text.count(".") == 1
    assert re.search(r"högre i \w+ av \d+ nätverk", text), text


def test_the_checks_say_what_they_found_also_without_records(sample_ds):
    from kuanalys.scorecard import for_year

    items = ch.source_checks(for_year(sample_ds, 2025), Tertial(2025, 1))
    joined = " ".join(_strings(items))
    assert "Det finns ingen redovisning av disponibla medel för tertial 1 2025" in joined
    assert "Alla analytikernas texter och aktiviteter har sin plats i rapporten." in joined


def test_a_missing_dnr_carries_the_missing_mark(sample_ds, tmp_path):
    import docx

    from kuanalys.report.render import docx as word
    from kuanalys.report.render.html import cover_html
    from kuanalys.scorecard import for_year

    cover = ch.cover(for_year(sample_ds, 2025), Tertial(2025, 1))
    assert cover.dnr_missing and "saknas för" not in cover.dnr
    assert '<mark class="ku-missing">[Text saknas: diarienummer för 2025]</mark>' in cover_html(cover)
    assert m.Cover.from_json(cover.to_json()) == cover
    document = docx.Document()
    word._cover(document, cover, __import__("datetime").date(2026, 1, 1))
    run = next(r for p in document.paragraphs for r in p.runs if r.text == "[Text saknas: diarienummer för 2025]")
    assert run.font.highlight_color is not None
