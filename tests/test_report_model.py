"""The document model and its renderers, on a prebuilt Report (no papermill, no data folder).

The Report below holds every item kind; each renderer (HTML, Word, tabeller.xlsx) is run on it
and read back with the library a reader's program would use."""

from __future__ import annotations

import json
from datetime import datetime

import nbformat
import openpyxl
import pandas as pd
import pytest

from kuanalys.periods import Tertial
from kuanalys.report import model as m
from kuanalys.report.provenance import Provenance

PERIOD = Tertial(2019, 2)


def _report() -> m.Report:
    table = m.Table(
        "resultat",
        "Resultaträkning",
        pd.DataFrame(
            {
                "Post": ["Intäkter", "Kostnader", "Summa"],
                "Belopp": [1563970, -400000, 1163970],
                "Andel": [0.79, None, 1.0],
                "Datum": [pd.Timestamp("2019-05-03"), pd.NaT, pd.Timestamp("2019-08-31")],
            }
        ),
        {"Belopp": "kr", "Andel": "procent"},
        note="Belopp i kronor.",
        total_row=True,
    )
    figure = {"data": [{"type": "bar", "x": ["A", "B"], "y": [1, 2]}], "layout": {"title": {"text": "Närvaro"}}}
    chart_data = m.Table("narvaro", "Närvaro per nätverk", pd.DataFrame({"Nätverk": ["A", "B"], "Antal": [1, 2]}))
    score = m.ScoreTable(
        "mal1_omrade1_matetal",
        "Mätetal: Område",
        pd.DataFrame({"Status": ["● uppfyllt", "■ ej uppfyllt"], "Mätetal": ["Närvaro", "Kurser"]}),
        statuses=["uppfyllt", "ej uppfyllt"],
    )
    chapter1 = [
        m.Heading(1, "2 Ett mål"),
        m.GoalSummary("mal1_sammanfattning", "delvis uppfyllt", "Regeln.", {"uppfyllt": 1, "ej uppfyllt": 1}),
        m.Paragraph("Första raden.\nAndra raden."),
        m.Heading(2, "2.1 Område"),
        score,
        m.ActivityTable("mal1_omrade1_aktiviteter", "Aktiviteter: Område", pd.DataFrame({"Aktiviteter": ["X"]})),
        table,
        m.Chart("narvaro", figure, chart_data),
        m.KeyFigures("nyckeltal", "Nyckeltal", [m.KeyFigure("Deltagare", 1200, "heltal", "i år")]),
        m.Comments(["En kommentar."], "Kommentar"),
        m.Comments([], "Analys"),
        m.missing_text("analys av målet i kapitel 2, Vår verksamhet"),
        m.Note("Ett fel: x", error=True),
    ]
    chapter2 = [m.Heading(1, "Bilagor"), m.Heading(2, "Bilaga 1"), m.Paragraph("Prosa.", lead=False)]
    cover = m.Cover("Tertialrapport", "Tertial 2 2019", "Kommunal utveckling", dnr="RJL 2019/1", address="Box 1")
    return m.Report(cover, [m.Chapter.of("02_mal1", "mal1", chapter1), m.Chapter.of("90_bilagor", "bilagor", chapter2)])


@pytest.fixture
def report() -> m.Report:
    return _report()


@pytest.fixture
def provenance() -> Provenance:
    return Provenance(version="0.0", period_label=PERIOD.label(), generated=datetime(2019, 9, 3, 14, 5), files=[])


def test_report_round_trips_through_plain_json(report):
    data = json.loads(json.dumps(report.to_json()))
    again = m.Report.from_json(data)
    assert again.to_json() == report.to_json()
    kinds = [i.kind for c in again.chapters for i in c.items]
    assert {"score_table", "activity_table", "chart", "goal_summary", "key_figures", "note"} <= set(kinds)
    assert isinstance(again.chapters[0].items[4], m.ScoreTable)
    assert again.chapters[0].items[4].statuses == ["uppfyllt", "ej uppfyllt"]
    # nbformat writes a notebook's JSON with sorted keys: the goal summary's statuses keep their order.
    summary = json.loads(json.dumps(again.chapters[0].items[1].to_json(), sort_keys=True))
    assert list(m.GoalSummary.from_json(summary).counts) == ["uppfyllt", "ej uppfyllt"]


def test_chapter_sections_split_at_headings(report):
    chapter = report.chapters[0]
    assert chapter.title == "2 Ett mål"
    assert [s.heading.text for s in chapter.sections] == ["2 Ett mål", "2.1 Område"]


def test_html_renders_from_the_report(tmp_path, report, provenance):
    import lxml.html

    from kuanalys.report.render.html import write_site

    write_site(tmp_path, report, provenance, PERIOD)
    page = lxml.html.parse(str(tmp_path / "tertialrapport-2019-T2.html")).getroot()
    leads = [p.text_content() for p in page.xpath("//p[@class='ku-lead']")]
    assert leads[1:3] == ["Första raden.", "Andra raden."]  # a line break parts paragraphs (issue 25, 9)
    assert "Målet som helhet: delvis uppfyllt (1 uppfyllt, 1 ej uppfyllt)." in leads
    assert "Regeln." in [p.text_content() for p in page.xpath("//p[@class='ku-note']")]
    cells = [td.text_content() for td in page.xpath("//table[@data-ku-table='resultat']//td")]
    assert "1\u00a0563\u00a0970\u00a0kr" in cells and "79\u00a0%" in cells and "2019-05-03" in cells
    assert page.xpath("//h1[@id='mal1-rubrik']") and page.xpath("//h2[@id='mal1-2-1-omrade']")
    assert [a.get("href") for a in page.xpath("//nav//a")][:2] == ["#mal1-rubrik", "#mal1-2-1-omrade"]
    assert (tmp_path / "02_mal1.html").exists() and (tmp_path / "90_bilagor.html").exists()
    assert page.xpath("//*[@class='ku-cover-adress']")[0].text_content() == "Box 1"


def test_word_renders_from_the_report(tmp_path, report, provenance, monkeypatch):
    import docx

    from kuanalys.report.render import chart_images
    from kuanalys.report.render.docx import MISSING_STYLE, write_word

    monkeypatch.setattr(chart_images, "find_chromium", lambda: None)  # the charts' data tables instead
    result = write_word(tmp_path / "r.docx", report, provenance)
    document = docx.Document(str(tmp_path / "r.docx"))
    paragraphs = [(p.text, p.style.name) for p in document.paragraphs]
    assert ("Första raden.\nAndra raden.", "Normal") in paragraphs  # a line break, not a new paragraph
    assert ("[Text saknas: analys av målet i kapitel 2, Vår verksamhet]", MISSING_STYLE) in paragraphs
    assert ("[Text saknas: Analys]", MISSING_STYLE) in paragraphs
    assert any(t.startswith("Målet som helhet: delvis uppfyllt") for t, _ in paragraphs)
    assert ("RJL 2019/1" in "".join(t for t, _ in paragraphs)) and ("Box 1", "Normal") in paragraphs
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "1\u00a0563\u00a0970\u00a0kr" in cells and "Deltagare" in cells and "Nätverk" in cells
    assert result.missing_texts == 2 and result.charts == 0 and result.charts_missing


def test_xlsx_renders_from_the_report(tmp_path, report):
    from kuanalys.report.render.xlsx import write_workbook

    write_workbook(tmp_path / "tabeller.xlsx", report)
    wb = openpyxl.load_workbook(tmp_path / "tabeller.xlsx")
    titles = [ws.oddHeader.center.text for ws in wb.worksheets[1:]]
    # Each sheet is named and headed by the report's number (as in Word and the HTML).
    assert titles == [
        "Målet som helhet: delvis uppfyllt",
        "Tabell 1 Mätetal: Område",
        "Tabell 2 Aktiviteter: Område",
        "Tabell 3 Resultaträkning",
        "Diagram 1 Närvaro per nätverk",
        "Tabell 4 Nyckeltal",
    ]
    assert wb.sheetnames[2:] == ["Tabell 1", "Tabell 2", "Tabell 3", "Diagram 1", "Tabell 4"]
    sheet = wb.worksheets[4]
    assert sheet["A1"].value == "Tabell 3 Resultaträkning"
    assert [c.value for c in sheet[3]][:3] == ["Intäkter", 1563970, 0.79]
    assert sheet["D3"].value == datetime(2019, 5, 3)
    assert wb["Innehåll"]["C2"].value == "2 Ett mål"


def test_show_displays_html_and_hands_over_the_items(monkeypatch):
    import IPython.display

    from kuanalys.report import display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda data, raw, **kw: shown.append(data))
    report = _report()
    display.show(report.chapters[0].items, "En mening.", None)
    html = [d["text/html"] for d in shown if "text/html" in d]
    assert any("Målet som helhet" in h for h in html)
    data = [d[m.ITEMS_MIMETYPE] for d in shown if m.ITEMS_MIMETYPE in d]
    assert len(data) == 1  # one output of its own mimetype per show()
    items = [m.item_from_json(i) for i in data[0]["items"]]
    assert items[-1] == m.Paragraph("En mening.")
    assert [i.kind for i in items[:3]] == ["heading", "goal_summary", "paragraph"]


def test_notebook_items_reads_markdown_outputs_and_errors(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("year = 2019", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("# Bilagor\n\nSummor och andelar\nräknas."),
        nbformat.v4.new_code_cell("show(...)"),
    ]
    items = [m.Heading(3, "Rubrik"), m.Paragraph("Text.")]
    nb.cells[2].outputs = [
        nbformat.v4.new_output("display_data", {"text/html": "<p>x</p>"}),
        nbformat.v4.new_output("display_data", {m.ITEMS_MIMETYPE: {"items": [i.to_json() for i in items]}}),
        nbformat.v4.new_output("error", ename="ValueError", evalue="fel", traceback=[]),
    ]
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, str(path))
    found, cover = m.notebook_items(path)
    assert cover is None
    assert found == [
        m.Heading(1, "Bilagor"),
        m.Paragraph("Summor och andelar räknas.", lead=False),
        *items,
        m.Note("ValueError: fel", error=True),
    ]


@pytest.mark.parametrize(
    ("statuses", "status"),
    [
        (["uppfyllt", "uppfyllt", "ej bedömt"], "uppfyllt"),
        (["uppfyllt", "ej uppfyllt"], "delvis uppfyllt"),
        (["delvis uppfyllt", "inget resultat"], "delvis uppfyllt"),
        (["ej uppfyllt", "ej uppfyllt"], "ej uppfyllt"),
        (["ej bedömt", "inget resultat"], "ej bedömt"),
    ],
)
def test_goal_summary_status_from_its_matetal(statuses, status):
    from kuanalys.report.chapters import GOAL_RULE, goal_summary

    table = m.ScoreTable("t", "T", pd.DataFrame({"Status": statuses}), statuses=statuses)
    summary = goal_summary([table], "mal1_sammanfattning")
    assert summary.status == status and summary.rule == GOAL_RULE
    assert sum(summary.counts.values()) == len(statuses)
    assert goal_summary([], "x") is None


def test_pdf_contents_and_bookmarks_come_from_the_report(report, provenance):
    """The PDF's second print numbers the contents from the Report (no HTML is parsed)."""
    import lxml.html

    from kuanalys.report.render.html import combined_page, toc

    entries = toc(report)
    assert [(e["href"], e["text"]) for e in entries] == [("#mal1-rubrik", "2 Ett mål"), ("#bilagor-rubrik", "Bilagor")]
    assert [c["text"] for c in entries[0]["children"]] == ["2.1 Område"]
    page = lxml.html.fromstring(combined_page(report, PERIOD, provenance, {"mal1-rubrik": 3, "mal1-2-1-omrade": 4}))
    assert [s.text_content() for s in page.xpath("//nav//span[@class='ku-toc-page']")] == ["3", "4"]


def test_a_section_without_its_notebook_says_why(tmp_path):
    from kuanalys.report.render.html import chapter_html
    from kuanalys.report.sections import Section, SectionRun

    run = SectionRun(Section("02_mal1", "kapitel.ipynb", "mal1"), tmp_path / "saknas.ipynb", "Cellen 4 misslyckades.")
    report = m.report_from_runs([run], m.Cover("T", "P", "O"))
    chapter = report.chapters[0]
    assert chapter.failed and chapter.title == "02_mal1"
    assert chapter.items == [m.Note("Cellen 4 misslyckades.", error=True)]
    assert 'id="mal1-rubrik"' in chapter_html(chapter) and "ku-error" in chapter_html(chapter)
    broken = tmp_path / "trasig.ipynb"
    broken.write_text("{inte json", encoding="utf-8")
    again = m.report_from_runs([SectionRun(run.section, broken)], m.Cover("T", "P", "O"))
    assert again.chapters[0].failed and "trasig.ipynb kunde inte läsas" in again.chapters[0].items[0].text


def test_word_is_swedish_with_properties_and_a_filled_contents(tmp_path, report, provenance, monkeypatch):
    """sv-SE on the defaults, every style and run; author, title, subject from the settings, created
    and modified now (not python-docx, 2013); the contents list shows its entries with the field kept."""
    import docx
    from docx.oxml.ns import qn

    from kuanalys.report.render import chart_images
    from kuanalys.report.render.docx import write_word

    monkeypatch.setattr(chart_images, "find_chromium", lambda: None)
    report.cover.author = "Utvecklingschef, Kommunal utveckling"
    before = datetime.now().replace(microsecond=0)  # the machine's clock, compared without its zone
    write_word(tmp_path / "r.docx", report, provenance)
    document = docx.Document(str(tmp_path / "r.docx"))
    langs = {e.get(qn("w:val")) for e in document.element.body.iter(qn("w:lang"))}
    assert langs == {"sv-SE"}
    runs = list(document.element.body.iter(qn("w:r")))
    assert runs and all(r.find(qn("w:rPr")).find(qn("w:lang")) is not None for r in runs)
    styles = document.styles.element
    assert all(
        s.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "sv-SE" for s in styles.findall(qn("w:style"))
    )
    assert styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang")) is not None
    props = document.core_properties
    assert props.author == "Utvecklingschef, Kommunal utveckling" and "python-docx" not in (props.author or "")
    assert props.title == "Tertialrapport Tertial 2 2019" and "Kommunal utveckling" in props.subject
    created, modified = (d.replace(tzinfo=None) for d in (props.created, props.modified))
    assert abs((created - before).total_seconds()) < 3 * 3600 and created.year >= 2026  # now, not 2013
    assert modified == created and props.language == "sv-SE"
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Innehåll")
    assert texts[start + 1 : start + 3] == ["2 Ett mål", "2.1 Område"]  # filled entries, shown anywhere
    instr = [e.text for e in document.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC") for i in instr)  # the field is kept for Word to update


def test_one_numbering_in_word_html_and_the_chapter_pages(tmp_path, report, provenance, monkeypatch):
    """Word's captions, the HTML's (the PDF prints it) and a chapter page's show the same numbers,
    all from Report.numbers: a reader can refer to "Tabell 3" in any of them."""
    import docx
    import lxml.html

    from kuanalys.report.render import chart_images
    from kuanalys.report.render.docx import write_word
    from kuanalys.report.render.html import write_site

    assert list(report.numbers().values()) == ["Tabell 1", "Tabell 2", "Tabell 3", "Diagram 1", "Tabell 4"]
    monkeypatch.setattr(chart_images, "find_chromium", lambda: None)
    write_word(tmp_path / "r.docx", report, provenance)
    word = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs if p.style.name == "Caption"]
    write_site(tmp_path, report, provenance, PERIOD)
    for name in ("tertialrapport-2019-T2.html", "02_mal1.html"):
        page = lxml.html.parse(str(tmp_path / name)).getroot()
        captions = [c.text_content() for c in page.xpath("//*[contains(@class, 'ku-caption')]")]
        assert captions == [
            "Tabell 1 Mätetal: Område",
            "Tabell 2 Aktiviteter: Område",
            "Tabell 3 Resultaträkning",
            "Diagram 1",
            "Tabell 4 Nyckeltal",
        ], name
        assert [c.split(" ", 2)[:2] for c in captions] == [c.split(" ", 2)[:2] for c in word], name


def test_checksums_collapsed_at_the_end_and_never_printed(tmp_path, report):
    """The input files' checksums are for checking the HTML: a closed <details> after the report,
    hidden in print (the PDF is sent on); the date is written as on Word's cover."""
    import lxml.html

    from kuanalys.report.provenance import InputFileHash
    from kuanalys.report.render.html import TEMPLATES_DIR, write_site

    files = [InputFileHash("narvaro_2019.xlsx", "ab" * 32, 2048)]
    made = Provenance(version="0.0", period_label=PERIOD.label(), generated=datetime(2019, 9, 3, 14, 5), files=files)
    write_site(tmp_path, report, made, PERIOD)
    page = lxml.html.parse(str(tmp_path / "tertialrapport-2019-T2.html")).getroot()
    details = page.xpath("//footer//details")
    assert len(details) == 1 and details[0].get("open") is None
    assert details[0].xpath("./summary")[0].text_content() == "Om underlaget, för kontroll"
    assert "ab" * 32 in details[0].text_content() and "3 september 2019" in details[0].text_content()
    assert " kl. " not in details[0].text_content()
    css = (TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")
    print_css = css[css.index("@media print") :]
    assert ".ku-footer { display: none; }" in print_css
