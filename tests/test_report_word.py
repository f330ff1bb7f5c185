"""The Word draft (tertialrapport-<år>-T<n>.docx) as the development chief gets it.

Fast tests build a document from a small executed notebook written here; the slow ones open the
sample report's .docx with python-docx and convert it with LibreOffice headless to PDF, where
every chapter heading and table caption must be found.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import nbformat
import pandas as pd
import plotly.graph_objects as go
import pytest

from kuanalys.report import model as m
from kuanalys.report.render import chart_images
from kuanalys.report.render import docx as word

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COVER = m.Cover("Tertialrapport tertial 2 2019", "Maj–augusti 2019", "Kommunal utveckling", "KU 2019/17", "A. Chef")


def _items(n_rows: int = 3) -> list:
    """A chapter with headings, a table, a chart, an analyst text and a missing one."""
    table = m.Table(
        "kostnader",
        "Kostnader per kommun",
        pd.DataFrame({"Kommun": [f"K{i}" for i in range(n_rows)], "Belopp": [1563970 + i for i in range(n_rows)]}),
        {"Belopp": "kr"},
    )
    chart_data = m.Table("narvaro_data", "Närvaro per nätverk", pd.DataFrame({"Nätverk": ["A"], "Närvaro": [0.79]}))
    chart_data.formats["Närvaro"] = "procent"
    fig = go.Figure(go.Bar(x=["A"], y=[0.79]), layout={"title": {"text": "Närvaro per nätverk, tertial 2 2019"}})
    return [
        m.Heading(1, "5 Ekonomi"),
        m.Paragraph("Löptext.", lead=False),
        m.Heading(2, "Kostnader"),
        table,
        m.Chart("narvaro", fig, chart_data),
        m.Comments(["Bra år."], "Analys"),
        m.Comments([], "Analys av ekonomin"),
    ]


def _report(cover: m.Cover = COVER, items: list | None = None) -> m.Report:
    return m.Report(cover, [m.Chapter.of("05_ekonomi", "ekonomi", _items() if items is None else items)])


def _fields(document) -> str:
    return " ".join(t.text for t in document.element.body.iter(f"{W}instrText"))


def test_word_structure_without_browser(tmp_path, monkeypatch):
    import docx

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen-webblasare"))
    result = word.write_word(tmp_path / "r.docx", _report())
    # No browser: the chart is its data table with a note, and the caller is told how to get images.
    assert result.charts == 0 and result.tables == 2 and "chromium" in result.charts_missing
    assert result.missing_texts == 1

    document = docx.Document(str(tmp_path / "r.docx"))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [(s, t) for s, t in paragraphs if s.startswith("Heading ")]
    assert headings[:2] == [("Heading 1", "5 Ekonomi"), ("Heading 2", "Kostnader")]
    texts = [t for _, t in paragraphs]
    assert "KU 2019/17" in " ".join(texts) and "A. Chef" in " ".join(texts)
    assert ("Normal", "Löptext.") in paragraphs
    assert any("Bra år." == t for t in texts)
    assert any(s == word.MISSING_STYLE and "Text saknas: Analys av ekonomin" in t for s, t in paragraphs)
    assert any(s == word.MISSING_STYLE and "Närvaro per nätverk" in t and "saknas" in t for s, t in paragraphs)
    captions = [t for s, t in paragraphs if s == "Caption"]
    # The chart's data stands in for the chart and keeps its number (the HTML's and the PDF's).
    assert captions == ["Tabell 1 Kostnader per kommun", "Diagram 1 Närvaro per nätverk, tertial 2 2019"]
    # Real tables: header row repeated on every page, Swedish numbers right-aligned.
    first = document.tables[0]
    assert first.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert first.cell(1, 1).text == "1\u00a0563\u00a0970\u00a0kr"
    assert document.tables[1].cell(1, 1).text == "79\u00a0%"
    # Fields: the table of contents, the captions' numbers, the footer's page numbers.
    assert "TOC" in _fields(document) and "SEQ Tabell" in _fields(document)
    footer = document.sections[0].footer._element
    assert "PAGE" in " ".join(t.text for t in footer.iter(f"{W}instrText"))
    assert document.settings.element.find(f"{W}updateFields") is not None


def test_a_browser_that_fails_gives_the_charts_data_tables(tmp_path, monkeypatch):
    """The document is built while the images are made; when the export then fails, it is built
    again with each chart's data table and the reason, never with an empty picture."""
    import docx

    broken = tmp_path / "trasig-chromium"
    broken.write_text("#!/bin/sh\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("KUANALYS_CHROMIUM", str(broken))
    monkeypatch.setattr(chart_images, "IMAGES_TIMEOUT_S", 10)  # kaleido waits for a browser that never answers
    result = word.write_word(tmp_path / "r.docx", _report())
    assert result.charts == 0 and result.tables == 2
    assert result.charts_missing.startswith("Orsak: bildexporten")
    document = docx.Document(str(tmp_path / "r.docx"))
    assert not document.inline_shapes
    notes = [p.text for p in document.paragraphs if p.style.name == word.MISSING_STYLE]
    assert any("Närvaro per nätverk" in t and "bildexporten" in t for t in notes)


def test_long_table_repeats_header_and_widths_fit():
    widths = word.column_widths([["Vi har ett starkt partnerskap med aktiva ägare", "80\u00a0%"]], ["Mål", "Resultat"])
    assert abs(sum(widths) - word.TEXT_WIDTH_CM) < 0.05
    assert widths[1] >= len("Resultat") * 0.19  # a number column fits its header unbroken
    assert widths[0] > widths[1]


def test_organisation_template_styles_are_used(tmp_path, monkeypatch):
    """The organisation's own .docx gives the styles (here: a Heading 1 font) and keeps its header."""
    import docx
    from docx.shared import Pt

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    template = docx.Document()
    template.styles["Heading 1"].font.size = Pt(31)
    template.sections[0].header.paragraphs[0].text = "Organisationens logotyp"
    template.add_paragraph("Mallens exempeltext som inte ska med")
    template.save(str(tmp_path / "mall.docx"))
    word.write_word(tmp_path / "r.docx", _report(m.Cover("T", "P", "O", template=str(tmp_path / "mall.docx"))))
    out = docx.Document(str(tmp_path / "r.docx"))
    assert out.styles["Heading 1"].font.size == Pt(31)
    assert out.sections[0].header.paragraphs[0].text == "Organisationens logotyp"
    assert not any("Mallens exempeltext" in p.text for p in out.paragraphs)


def test_settings_workbook_fills_the_cover(tmp_path):
    """The cover comes from the settings read once at validation (the Dataset), never from the files again."""
    from conftest import write_valid_dir, write_xlsx

    from kuanalys.loaders import load_all
    from kuanalys.periods import Tertial
    from kuanalys.report.chapters import cover

    write_valid_dir(tmp_path)
    rows = [["Inställning", "Värde", "År"], ["Dnr", "KU 2019/17", 2019]]  # a Dnr belongs to one year
    write_xlsx(tmp_path / "installningar.xlsx", {"Inställningar": rows})
    made = cover(load_all(tmp_path), Tertial(2019, 2))
    assert made.dnr == "KU 2019/17" and made.title == "Tertialrapport" and made.period == "Tertial 2 2019"
    assert (
        cover(load_all(tmp_path), Tertial(2020, 1)).dnr == "diarienummer för 2020"
    )  # never another year's: marked missing
    assert made.template is None


# --- the sample report, as the chief gets it -------------------------------------------------------
@pytest.fixture(scope="module")
def sample_docx(t2_2019_report):
    return t2_2019_report / "tertialrapport-2019-T2.docx"


def _chapters(folder) -> list[str]:
    """Level-1 headings of the executed notebooks: markdown cells and headings shown from code."""
    from conftest import sample_sections

    return [
        item.text
        for s in sample_sections()
        for item in m.notebook_items(folder / f"{s.key}.ipynb")[0]
        if isinstance(item, m.Heading) and item.level == 1
    ]


@pytest.mark.slow
def test_sample_docx_structure(sample_docx):
    import docx

    document = docx.Document(str(sample_docx))
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert h1[: len(_chapters(sample_docx.parent))] == _chapters(sample_docx.parent)
    assert h1[-1].startswith("Bilag")
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    tables = [c for c in captions if c.startswith("Tabell ")]
    assert [int(c.split()[1]) for c in tables] == list(range(1, len(tables) + 1)) and len(tables) >= 10
    charts = [c for c in captions if c.startswith("Diagram ")]
    pictures = list(
        document.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    )
    if shutil.which("chromium") or shutil.which("/usr/bin/chromium"):
        assert len(pictures) == len(charts) >= 7
        assert all(p.get("descr", "").startswith("Diagram: ") for p in pictures)
    for t in document.tables[:-1]:
        assert t.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None


@pytest.mark.slow
def test_sample_docx_through_libreoffice(sample_docx, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        from conftest import _missing

        _missing("LibreOffice saknas; installera Debians paket libreoffice-writer")
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(sample_docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    from pypdf import PdfReader

    reader = PdfReader(str(tmp_path / sample_docx.with_suffix(".pdf").name))
    assert len(reader.pages) >= 8
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    for chapter in _chapters(sample_docx.parent):
        assert chapter in text, chapter
    import docx

    for caption in [p.text for p in docx.Document(str(sample_docx)).paragraphs if p.style.name == "Caption"]:
        assert re.sub(r"\s+", " ", caption) in text, caption
    assert "Sida 2 av" in text


def test_broken_template_falls_back_with_a_warning(tmp_path):
    (tmp_path / "mall.docx").write_text("inte ett Word-dokument", encoding="utf-8")
    assert word.template_problem(tmp_path / "mall.docx") == "kunde inte läsas som .docx"
    assert word.template_problem(tmp_path / "saknas.docx") == "finns inte"
    assert word.template_problem(word.DEFAULT_TEMPLATE) is None


def test_report_run_says_how_to_get_the_charts(tmp_path, monkeypatch):
    """Without a browser the run still writes the .docx and tells the user how to get images."""
    from kuanalys.periods import Tertial

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    lines = word.write_report_word(tmp_path, _report(), Tertial(2019, 2), None)
    assert (tmp_path / "tertialrapport-2019-T2.docx").is_file()
    assert any("data som tabeller" in line and "apt-get install chromium" in line for line in lines), lines
    assert any("1 text kvar att skriva" in line for line in lines), lines


def test_headings_and_cover_shown_from_code(tmp_path, monkeypatch):
    """A chapter whose headings come from the data and a cover shown by a notebook (both handed
    over as items by `show`) land in Word as headings and on the cover page."""
    import docx

    from kuanalys.report.sections import Section, SectionRun

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    shown = [
        m.Cover("Tertialrapport 2", "Tertial 2 2018", "KU", dnr="RJL 2018/2303", address="Box 1024, Jönköping"),
        m.Heading(1, "3 Kompetens & lärande"),
        m.Heading(2, "3.1 Kurser"),
    ]
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("show(...)")
    code.outputs = [
        nbformat.v4.new_output("display_data", {m.ITEMS_MIMETYPE: {"items": [i.to_json() for i in shown]}}),
    ]
    nb.cells = [code]
    nbformat.write(nb, str(tmp_path / "kapitel.ipynb"))
    run = SectionRun(Section("03_mal2", "kapitel.ipynb", "mal2"), tmp_path / "kapitel.ipynb")
    report = m.report_from_runs([run], m.Cover("Standard", "P", "O"))
    word.write_word(tmp_path / "r.docx", report)
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    assert ("Title", "Tertialrapport 2") in paragraphs and ("Title", "Standard") not in paragraphs
    texts = [t for _, t in paragraphs]
    assert any(t.endswith("RJL 2018/2303") and t.startswith("Dnr") for t in texts) and "Box 1024, Jönköping" in texts
    assert [(s, t) for s, t in paragraphs if s.startswith("Heading")] == [
        ("Heading 1", "3 Kompetens & lärande"),
        ("Heading 2", "3.1 Kurser"),
    ]


# --- the organisation's own template, named in installningar.xlsx (Wordmall) -------------------------
def _settings_with_template(folder, value):
    from conftest import write_valid_dir, write_xlsx

    write_valid_dir(folder)
    rows = [["Inställning", "Värde", "År"], ["Dnr", "KU 2019/17", 2019], ["Wordmall", value, None]]
    write_xlsx(folder / "installningar.xlsx", {"Inställningar": rows})
    return folder


def _cover_of(data) -> m.Cover:
    from kuanalys.loaders import load_all
    from kuanalys.periods import Tertial
    from kuanalys.report.chapters import cover

    return cover(load_all(data), Tertial(2019, 2))


def test_wordmall_in_settings_is_accepted_and_used(tmp_path, monkeypatch, capsys):
    """`validate` accepts a Wordmall row (no 'läses inte' for the .docx it names), and the
    report's Word document takes the template's styles and header."""
    import docx
    from docx.shared import Pt

    from kuanalys.cli import main
    from kuanalys.periods import Tertial

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    data = _settings_with_template(tmp_path / "indata", "org.docx")
    template = docx.Document()
    template.styles["Heading 1"].font.size = Pt(31)
    template.sections[0].header.paragraphs[0].text = "Organisationens logotyp"
    template.save(str(data / "org.docx"))
    assert main(["validate", str(data)]) == 0
    out = capsys.readouterr()
    assert "org.docx" not in out.out + out.err, out

    lines = word.write_report_word(tmp_path, _report(_cover_of(data)), Tertial(2019, 2), None)
    assert not any("Wordmallen" in line for line in lines), lines
    made = docx.Document(str(tmp_path / "tertialrapport-2019-T2.docx"))
    assert made.styles["Heading 1"].font.size == Pt(31)
    assert made.sections[0].header.paragraphs[0].text == "Organisationens logotyp"
    assert any("KU 2019/17" in p.text for p in made.paragraphs)


def test_missing_wordmall_warns_in_validate_and_report(tmp_path, monkeypatch, capsys):
    """A Wordmall that names no file: a located warning from `validate` and from the run; the
    Word document is written with the default template."""
    import docx

    from kuanalys.cli import main
    from kuanalys.periods import Tertial

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    data = _settings_with_template(tmp_path / "indata", "saknas.docx")
    assert main(["validate", str(data)]) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert 'installningar.xlsx, blad "Inställningar", rad 3, kolumn "Värde": Wordmallen' in text, text
    assert "saknas.docx finns inte" in text

    lines = word.write_report_word(tmp_path, _report(_cover_of(data)), Tertial(2019, 2), None)
    assert any("Wordmallen" in line and "finns inte" in line and "standardmallen" in line for line in lines), lines
    made = docx.Document(str(tmp_path / "tertialrapport-2019-T2.docx"))
    assert any("KU 2019/17" in p.text for p in made.paragraphs)


def test_caption_numbered_once(tmp_path, monkeypatch):
    """A table whose title carries 003's number ("Tabell 5 Budgetuppföljning") gets Word's own
    number only: "Tabell 2 Budgetuppföljning …", never "Tabell 2 Tabell 5 …"."""
    import docx

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    tables = [
        m.Table("a", "Kostnader", pd.DataFrame({"Post": ["x"], "Belopp": [1.0]})),
        m.Table("b", "Tabell 5 Budgetuppföljning per 2019-08-31, tkr", pd.DataFrame({"Post": ["y"], "Belopp": [2.0]})),
    ]
    word.write_word(tmp_path / "r.docx", _report(items=[m.Heading(1, "2 Ekonomi"), *tables]))
    captions = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs if p.style.name == "Caption"]
    assert captions == ["Tabell 1 Kostnader", "Tabell 2 Budgetuppföljning per 2019-08-31, tkr"]


def test_wide_table_of_amounts_gets_a_landscape_page_and_unbroken_numbers():
    """Tabell 3's shape (an area and nine amount columns of up to 100 million kr) does not fit a
    portrait page even in small print: it gets a landscape section of its own, at a font size
    where every amount fits its column, and the page after it is portrait again."""
    import docx
    import pandas as pd
    from docx.enum.section import WD_ORIENT

    columns = {"Område": ["FoUrum social välfärd och hälso- och sjukvård", "Summa"]}
    columns |= {f"Medel {i}": [87_139_814, 102_959_422] for i in range(9)}
    frame = pd.DataFrame(columns)
    formats = {c: ("text" if c == "Område" else "kr") for c in frame.columns}
    table = m.Table("t3", "Tabell 3", frame, formats, total_row=True)

    document = docx.Document()
    word._table(document, table, word._Numbers())
    document.add_paragraph("efter")
    sections = document.sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert sections[1].page_width > sections[1].page_height
    grid = document.tables[0]
    text_width = (sections[1].page_width - sections[1].left_margin - sections[1].right_margin) / 360000
    widths = [c.width.cm for c in grid.columns]
    assert sum(widths) <= text_width + 0.05
    size = grid.rows[1].cells[1].paragraphs[0].runs[0].font.size.pt
    amount = "102\u00a0959\u00a0422\u00a0kr"
    assert all(w >= len(amount) * 0.19 * size / 9 + 0.3 - 0.01 for w in widths[1:])  # never broken inside


def test_a_heading_goes_with_its_landscape_table_to_the_new_page():
    """A heading right before a table that gets a landscape page is moved into that section (never
    alone at the foot of the portrait page before the break: "2.5 Mätetal under året")."""
    import docx
    from docx.enum.section import WD_ORIENT

    columns = {"Område": ["FoUrum social välfärd och hälso- och sjukvård", "Summa"]}
    columns |= {f"Medel {i}": [87_139_814, 102_959_422] for i in range(9)}
    table = m.Table("t3", "Tabell 3", pd.DataFrame(columns), {f"Medel {i}": "kr" for i in range(9)})

    document = docx.Document()
    document.add_paragraph("Löptext före.")
    document.add_paragraph("2 Ekonomi", style="Heading 1")
    document.add_paragraph("2.5 Mätetal under året", style="Heading 2")
    word._table(document, table, word._Numbers())
    body = list(document.element.body.iterchildren())
    breaks = [i for i, e in enumerate(body) if e.find(f".//{W}sectPr") is not None and e.tag == f"{W}p"]
    texts = ["".join(t.text or "" for t in e.iter(f"{W}t")) for e in body]
    # the first section ends with the text before, the landscape one starts with the headings
    assert texts[breaks[0]] == "" and texts[breaks[0] - 1] == "Löptext före."
    assert texts[breaks[0] + 1 : breaks[0] + 3] == ["2 Ekonomi", "2.5 Mätetal under året"]
    assert document.sections[1].orientation == WD_ORIENT.LANDSCAPE


def test_tables_that_follow_a_landscape_table_share_its_pages(tmp_path, monkeypatch):
    """Tabell 11 (landscape), 12 (small) and 13 (landscape) one after another: one landscape section for
    the three, never the small one alone on a portrait page between two landscape ones."""
    import docx
    from docx.enum.section import WD_ORIENT

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    columns = {"Område": ["FoUrum social välfärd och hälso- och sjukvård", "Summa"]}
    columns |= {f"Medel {i}": [87_139_814, 102_959_422] for i in range(9)}
    wide = m.Table("t11", "Redovisning", pd.DataFrame(columns), {f"Medel {i}": "kr" for i in range(9)})
    small = m.Table("t12", "Andel per finansiär", pd.DataFrame({"Område": ["A"], "Andel": [0.5]}), {"Andel": "procent"})
    wide2 = m.Table("t13", "Budgetuppföljning", pd.DataFrame(columns), {f"Medel {i}": "kr" for i in range(9)})
    items = [m.Heading(1, "2 Ekonomi"), m.Paragraph("Före.", lead=False), wide, small, wide2]
    word.write_word(tmp_path / "r.docx", _report(items=[*items, m.Paragraph("Efter.", lead=False)]))
    document = docx.Document(str(tmp_path / "r.docx"))
    orientations = [s.orientation for s in document.sections]
    assert orientations.count(WD_ORIENT.LANDSCAPE) == 1 and orientations[-1] == WD_ORIENT.PORTRAIT
    body = list(document.element.body.iterchildren())
    tables = [i for i, e in enumerate(body) if e.tag == f"{W}tbl"]
    breaks = [i for i, e in enumerate(body) if e.tag == f"{W}p" and e.find(f".//{W}sectPr") is not None]
    landscape = [i for i in breaks if document.sections[breaks.index(i)].orientation == WD_ORIENT.LANDSCAPE][0]
    start = max(b for b in breaks if b < landscape)
    assert [start < t < landscape for t in tables[-3:]] == [True, True, True]


def test_a_chapters_closing_text_stays_on_its_landscape_page(tmp_path, monkeypatch):
    """A chapter that ends with a landscape table and a little text (T2 2019: Tabell 13, then "2.5 Ekonomisk
    analys" and two lines) keeps the text on the landscape page, not nearly alone on a portrait page; the
    next chapter starts on a portrait page."""
    import docx
    from docx.enum.section import WD_ORIENT

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    columns = {"Område": ["FoUrum social välfärd och hälso- och sjukvård", "Summa"]}
    columns |= {f"Medel {i}": [87_139_814, 102_959_422] for i in range(9)}
    wide = m.Table("t13", "Budgetuppföljning", pd.DataFrame(columns), {f"Medel {i}": "kr" for i in range(9)})
    items = [m.Heading(1, "2 Ekonomi"), m.Paragraph("Före.", lead=False), wide, m.Heading(2, "2.5 Ekonomisk analys")]
    items += [
        m.Comments(["Dialog har förts."], "Ekonomisk analys"),
        m.Heading(1, "3 Nästa"),
        m.Paragraph("Sist.", lead=False),
    ]
    word.write_word(tmp_path / "r.docx", _report(items=items))
    document = docx.Document(str(tmp_path / "r.docx"))
    body = list(document.element.body.iterchildren())
    breaks = [i for i, e in enumerate(body) if e.tag == f"{W}p" and e.find(f".//{W}sectPr") is not None]
    texts = ["".join(t.text or "" for t in e.iter(f"{W}t")) for e in body]
    orientation = {}  # each paragraph's section's orientation
    for i, text in enumerate(texts):
        k = next((n for n, b in enumerate(breaks) if b >= i), len(breaks))
        orientation[text] = document.sections[k].orientation
    assert orientation["2.5 Ekonomisk analys"] == WD_ORIENT.LANDSCAPE
    assert orientation["Dialog har förts."] == WD_ORIENT.LANDSCAPE
    assert orientation["3 Nästa"] == orientation["Sist."] == WD_ORIENT.PORTRAIT


def test_a_tables_note_stays_with_its_last_rows():
    """Tabell 13's long note is never left (or its last lines) alone on the next page: the last row keeps
    with it and its lines keep together."""
    import docx

    frame = pd.DataFrame({"Område": [f"O{i}" for i in range(30)], "Belopp": range(30)})
    document = docx.Document()
    word._table(
        document, m.Table("t", "Budget", frame, {"Belopp": "kr"}, note="Ingående medel ... " * 20), word._Numbers()
    )
    grid = document.tables[0]
    assert all(c.paragraphs[0].paragraph_format.keep_with_next for c in grid.rows[-1].cells)
    note = next(p for p in document.paragraphs if p.text.startswith("Ingående medel"))
    assert note.paragraph_format.keep_together


def test_dates_in_column_headings_do_not_break_and_contents_list_the_provenance(tmp_path, monkeypatch):
    """A date in a column heading keeps together ("2019-08-31" with Word's non-breaking hyphens, never
    "2019-08-⏎31"); the contents list "Om rapportens underlag" where the document has it."""
    import docx

    from kuanalys.report.provenance import Provenance

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    frame = pd.DataFrame({"Post": ["x"], "Utfall 2019-08-31": [1.0]})
    items = [m.Heading(1, "2 Ekonomi"), m.Table("a", "Kostnader", frame), m.Heading(1, "Bilagor")]
    made = Provenance(
        version="0.0", period_label="tertial 2 2019", generated=pd.Timestamp("2019-09-03 14:05"), files=[]
    )
    word.write_word(tmp_path / "r.docx", _report(items=items), made)
    document = docx.Document(str(tmp_path / "r.docx"))
    head = document.tables[0].rows[0].cells[1]._tc.xml
    assert head.count("<w:noBreakHyphen/>") == 2 and "08-31" not in head
    texts = [p.text for p in document.paragraphs]
    assert texts.count("Om rapportens underlag") == 2  # in the contents and as the heading
    assert any(
        p.text.startswith("Rapporten för tertial 2 2019 togs fram 3 september 2019") for p in document.paragraphs
    )


def test_a_small_table_is_kept_on_one_page(tmp_path, monkeypatch):
    """Each row of a small table keeps with the next (Word moves it whole; never a last row alone)."""
    import docx

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    frame = pd.DataFrame({"Post": [f"r{i}" for i in range(5)], "Belopp": [1.0] * 5})
    word.write_word(tmp_path / "r.docx", _report(items=[m.Heading(1, "2 Ekonomi"), m.Table("a", "Kostnader", frame)]))
    rows = docx.Document(str(tmp_path / "r.docx")).tables[0].rows
    kept = [bool(r.cells[0].paragraphs[0].paragraph_format.keep_with_next) for r in rows]
    assert kept == [True] * 5 + [False]  # the header and every row but the last


@pytest.mark.slow
def test_a_long_landscape_table_fits_one_page_through_libreoffice(sample_ds, tmp_path):
    """Kostnadsreducering per kurs for a whole year (37 rows, too wide for a portrait page) is set in a
    type that fits one landscape page: never a landscape page with only its last rows (LibreOffice)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        from conftest import _missing

        _missing("LibreOffice saknas; installera Debians paket libreoffice-writer")
    from pypdf import PdfReader

    from kuanalys.periods import Year
    from kuanalys.report import content

    table = content.cost_reduction(sample_ds, Year(2024))
    assert len(table.frame) > 30
    items = [m.Heading(1, "6 Kompetens"), m.Paragraph("Före.", lead=False), m.Heading(2, "6.1 Kurser"), table]
    word.write_word(tmp_path / "r.docx", _report(items=[*items, m.Paragraph("Efter.", lead=False)]))
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(tmp_path / "r.docx")],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(str(tmp_path / "r.pdf")).pages]
    from kuanalys.report import formats as fm

    dates = [fm.display_value(v, table.cell_kind("Datum", i)) for i, v in enumerate(table.frame["Datum"])]
    first, last = dates[0], dates[-1]
    assert dates.count(last) == 1
    on = [i for i, text in enumerate(pages) if "Kostnadsreducering för kommunerna" in text and "Innehåll" not in text]
    assert on and first in pages[on[0]] and last in pages[on[0]], "tabellen delas på två liggande sidor"
    assert "6.1 Kurser" in pages[on[0]]  # the heading went with it
