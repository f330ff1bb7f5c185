"""Issue 27's text patterns: one mark for every missing analyst text, and sentences a person writes."""

import copy
import re

import pytest

from kuanalys.periods import Tertial, Year
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
        ((3746, "högre är bättre", "st"), "mål 3 746: delvis vid minst 2 810"),  # not 2 809,5
        ((91, "högre är bättre", "st"), "mål 91: delvis vid minst 69"),  # not 68,3
        ((0.9, "högre är bättre", "%"), "mål 90 %: delvis vid minst 75 % av målet"),  # not 67,5 %
        ((0.8, "högre är bättre", "%"), "mål 80 %: delvis vid minst 60 %"),
        ((101, "lägre är bättre", "st"), "mål 101: delvis vid högst 126"),  # 126,25 rounded down
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
        "Verksamhetsplanen har inga mätetal för 2025" in joined and "Den planen har inga målvärden för 2025" in joined
    )
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
