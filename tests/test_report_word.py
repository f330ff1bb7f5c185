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

from kuanalys.report import chart_images, word
from kuanalys.report import display as d
from kuanalys.report.excel_tables import load_recorded
from kuanalys.report.output_meta import META_KEY

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _output(data: dict, **meta) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data=data, metadata={META_KEY: meta} if meta else {})


def _section(tmp_path, n_rows: int = 3):
    """An executed notebook with headings, a table, a chart, an analyst text and a missing one."""
    table = d.Table(
        "kostnader",
        "Kostnader per kommun",
        pd.DataFrame({"Kommun": [f"K{i}" for i in range(n_rows)], "Belopp": [1563970 + i for i in range(n_rows)]}),
        {"Belopp": "kr"},
    )
    chart_data = d.Table("narvaro_data", "Närvaro per nätverk", pd.DataFrame({"Nätverk": ["A"], "Närvaro": [0.79]}))
    chart_data.formats["Närvaro"] = "procent"
    d.record_table(table, tmp_path)
    d.record_table(chart_data, tmp_path)
    fig = go.Figure(go.Bar(x=["A"], y=[0.79]), layout={"title": {"text": "Närvaro per nätverk, tertial 2 2019"}})
    spec = d.figure_spec(fig, "narvaro")
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("year = 2019", metadata={"tags": ["parameters"]})
    code = nbformat.v4.new_code_cell("show(...)")
    code.outputs = [
        _output({"text/html": "<table></table>", "text/plain": "t"}, table="kostnader"),
        _output({d.PLOTLY_MIMETYPE: spec, "text/html": "<figure></figure>", "text/plain": "f"}),
        _output({"text/html": "<details></details>", "text/plain": "t"}, table="narvaro_data"),
        _output(
            {"text/html": '<aside class="ku-analys"></aside>', "text/plain": "Bra år."}, text="analys", title="Analys"
        ),
        _output({"text/html": "<!-- text saknas -->", "text/plain": ""}, missing_text="Analys av ekonomin"),
    ]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 5 Ekonomi\n\nLöptext med **fetstil**."),
        params,
        nbformat.v4.new_markdown_cell("## Kostnader\n\n- en punkt\n- en till"),
        code,
    ]
    path = tmp_path / "05_ekonomi.ipynb"
    nbformat.write(nb, str(path))
    return path


def _fields(document) -> str:
    return " ".join(t.text for t in document.element.body.iter(f"{W}instrText"))


def test_word_structure_without_browser(tmp_path, monkeypatch):
    import docx

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen-webblasare"))
    notebook = _section(tmp_path)
    cover = word.Cover("Tertialrapport tertial 2 2019", "Maj–augusti 2019", dnr="KU 2019/17", author="A. Chef")
    result = word.write_word(tmp_path / "r.docx", [notebook], lambda n: load_recorded(tmp_path, n), cover)
    # No browser: the chart is its data table with a note, and the caller is told how to get images.
    assert result.charts == 0 and result.tables == 2 and "chromium" in result.charts_missing
    assert result.missing_texts == 1

    document = docx.Document(str(tmp_path / "r.docx"))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [(s, t) for s, t in paragraphs if s.startswith("Heading ")]
    assert headings[:2] == [("Heading 1", "5 Ekonomi"), ("Heading 2", "Kostnader")]
    texts = [t for _, t in paragraphs]
    assert "KU 2019/17" in " ".join(texts) and "A. Chef" in " ".join(texts)
    assert ("List Bullet", "en punkt") in paragraphs
    assert any("Bra år." == t for t in texts)
    assert any(s == word.MISSING_STYLE and "Text saknas: Analys av ekonomin" in t for s, t in paragraphs)
    assert any(s == word.MISSING_STYLE and "Närvaro per nätverk" in t and "saknas" in t for s, t in paragraphs)
    captions = [t for s, t in paragraphs if s == "Caption"]
    assert captions == ["Tabell 1 Kostnader per kommun", "Tabell 2 Närvaro per nätverk, tertial 2 2019"]
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
    notebook = _section(tmp_path)
    cover = word.Cover("Tertialrapport tertial 2 2019", "Maj–augusti 2019")
    result = word.write_word(tmp_path / "r.docx", [notebook], lambda n: load_recorded(tmp_path, n), cover)
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
    notebook = _section(tmp_path)
    cover = word.Cover("T", "P", template=tmp_path / "mall.docx")
    word.write_word(tmp_path / "r.docx", [notebook], lambda n: load_recorded(tmp_path, n), cover)
    out = docx.Document(str(tmp_path / "r.docx"))
    assert out.styles["Heading 1"].font.size == Pt(31)
    assert out.sections[0].header.paragraphs[0].text == "Organisationens logotyp"
    assert not any("Mallens exempeltext" in p.text for p in out.paragraphs)


def test_settings_workbook_fills_the_cover(tmp_path):
    from conftest import write_xlsx

    from kuanalys.periods import Tertial

    write_xlsx(tmp_path / "installningar.xlsx", {"Inställningar": [["Inställning", "Värde"], ["Dnr", "KU 2019/17"]]})
    cover = word.cover_for(Tertial(2019, 2), word.read_settings(tmp_path))
    assert cover.dnr == "KU 2019/17" and cover.title == "Tertialrapport tertial 2 2019"
    assert word.cover_for(Tertial(2019, 2), word.read_settings(tmp_path / "saknas")).dnr == ""


# --- the sample report, as the chief gets it -------------------------------------------------------
@pytest.fixture(scope="module")
def sample_docx(t2_2019_report):
    return t2_2019_report / "tertialrapport-2019-T2.docx"


def _chapters(folder) -> list[str]:
    """Level-1 headings of the executed notebooks: markdown cells and headings shown from code."""
    import nbformat as nbf
    from conftest import sample_sections

    out = []
    for s in sample_sections():
        nb = nbf.read(str(folder / f"{s.key}.ipynb"), as_version=4)
        for cell in nb.cells:
            if "parameters" in cell.get("metadata", {}).get("tags", []):
                continue
            sources = (
                [cell.source]
                if cell.cell_type == "markdown"
                else [str(o.get("data", {}).get("text/markdown", "")) for o in cell.get("outputs", [])]
            )
            for source in sources:
                out += [m.group(1).strip() for m in re.finditer(r"(?m)^# (.+)$", source)]
    return out


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
    _section(tmp_path)
    lines = word.write_report_word(tmp_path, ["05_ekonomi"], tmp_path / "indata", Tertial(2019, 2), None)
    assert (tmp_path / "tertialrapport-2019-T2.docx").is_file()
    assert any("data som tabeller" in line and "apt-get install chromium" in line for line in lines), lines
    assert any("1 text kvar att skriva" in line for line in lines), lines


def test_headings_and_cover_shown_from_code(tmp_path, monkeypatch):
    """A chapter whose headings come from the data (a Heading display item: text/markdown) and a
    cover shown by a notebook (display.Cover) land in Word as headings and on the cover page."""
    import docx

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("show(...)")
    cover_html = (
        '<header class="ku-cover"><p class="ku-cover-titel">Tertialrapport 2</p>'
        '<p class="ku-cover-dnr">Dnr RJL 2018/2303</p><p class="ku-cover-adress">Box 1024, Jönköping</p></header>'
    )
    code.outputs = [
        _output({"text/html": cover_html, "text/plain": "Tertialrapport 2"}),
        _output(
            {
                "text/html": "<h1>3 Kompetens &amp; lärande</h1>",
                "text/markdown": "# 3 Kompetens & lärande",
                "text/plain": "x",
            }
        ),
        _output({"text/html": "<h2>3.1 Kurser</h2>", "text/markdown": "## 3.1 Kurser", "text/plain": "x"}),
    ]
    nb.cells = [code]
    nbformat.write(nb, str(tmp_path / "kapitel.ipynb"))
    word.write_word(tmp_path / "r.docx", [tmp_path / "kapitel.ipynb"], lambda n: None, word.Cover("Standard", "P"))
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
    rows = [["Inställning", "Värde"], ["Dnr", "KU 2019/17"], ["Wordmall", value]]
    write_xlsx(folder / "installningar.xlsx", {"Inställningar": rows})
    return folder


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

    _section(tmp_path)
    lines = word.write_report_word(tmp_path, ["05_ekonomi"], data, Tertial(2019, 2), None)
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

    _section(tmp_path)
    lines = word.write_report_word(tmp_path, ["05_ekonomi"], data, Tertial(2019, 2), None)
    assert any("Wordmallen" in line and "finns inte" in line and "standardmallen" in line for line in lines), lines
    made = docx.Document(str(tmp_path / "tertialrapport-2019-T2.docx"))
    assert any("KU 2019/17" in p.text for p in made.paragraphs)


def test_caption_numbered_once(tmp_path, monkeypatch):
    """A table whose title carries 003's number ("Tabell 5 Budgetuppföljning") gets Word's own
    number only: "Tabell 2 Budgetuppföljning …", never "Tabell 2 Tabell 5 …"."""
    import docx

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    tables = [
        d.Table("a", "Kostnader", pd.DataFrame({"Post": ["x"], "Belopp": [1.0]})),
        d.Table("b", "Tabell 5 Budgetuppföljning per 2019-08-31, tkr", pd.DataFrame({"Post": ["y"], "Belopp": [2.0]})),
    ]
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("show(...)")
    for table in tables:
        d.record_table(table, tmp_path)
        code.outputs.append(_output({"text/html": "<table></table>", "text/plain": "t"}, table=table.name))
    nb.cells = [nbformat.v4.new_markdown_cell("# 2 Ekonomi"), code]
    nbformat.write(nb, str(tmp_path / "x.ipynb"))
    word.write_word(
        tmp_path / "r.docx", [tmp_path / "x.ipynb"], lambda n: load_recorded(tmp_path, n), word.Cover("T", "P")
    )
    captions = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs if p.style.name == "Caption"]
    assert captions == ["Tabell 1 Kostnader", "Tabell 2 Budgetuppföljning per 2019-08-31, tkr"]


def test_wide_table_of_amounts_gets_a_landscape_page_and_unbroken_numbers():
    """Tabell 3's shape (an area and nine amount columns of up to 100 million kr) does not fit a
    portrait page even in small print: it gets a landscape section of its own, at a font size
    where every amount fits its column, and the page after it is portrait again."""
    import docx
    import pandas as pd
    from docx.enum.section import WD_ORIENT

    from kuanalys.report.excel_tables import RecordedTable

    columns = {"Område": ["FoUrum social välfärd och hälso- och sjukvård", "Summa"]}
    columns |= {f"Medel {i}": [87_139_814, 102_959_422] for i in range(9)}
    frame = pd.DataFrame(columns)
    formats = {c: ("text" if c == "Område" else "kr") for c in frame.columns}
    table = RecordedTable("t3", "Tabell 3", frame, formats, {}, None, True, "mal1")

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
