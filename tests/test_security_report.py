"""Security of the report output, proved through one real `kuanalys report` run on a hostile
copy of the sample data (built once per session):

* HTML injection: networks, a course title, a grant project and funder and analysts' comments
  carry `<script>`, `<img onerror>`, `"><svg onload>` and a `</script>` that would end the
  chart JSON early. Headless Chromium opens the combined and every section page with the
  network cut off: no dialog opens, no injected element exists in the DOM, and the strings are
  visible as text (in tables and in the SVG text of the plotly charts).
* Excel formula injection: strings that begin with `=`, `+`, `-`, `@`, tab, CR or LF reach
  tabeller.xlsx as text, never as formulas, with the value unchanged.
* Personal data: names and e-mail addresses planted in Namn, E-post and "Deltagare namn"
  columns of the attendance workbooks are found in no byte written under the report folder
  (HTML, .ipynb, plotly.min.js, tabeller.xlsx unzipped) nor by `kuanalys ingest` in
  data/processed, case-insensitively and in NFC and NFD.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import sample_sections

from kuanalys.report.runner import run_report

SECTIONS = sample_sections()

T2 = "2019-T2"
# The CLI as a user runs it (the console script `kuanalys`), in this interpreter.
KUANALYS = [sys.executable, "-c", "import sys; from kuanalys.cli import main; sys.exit(main())"]
COMBINED = f"tertialrapport-{T2}.html"
from conftest import open_offline_page  # noqa: E402  (the browser fixture lives in conftest too)

# --- the hostile strings ---------------------------------------------------------------------
NETWORKS = [
    "<script>alert('natverk1')</script>",
    "<img src=x onerror=alert('natverk2')>",
    "\"><svg onload=alert('natverk3')>",
    "</script><script>alert('natverk4')</script>",
]
COURSE_TITLE = "<img src=x onerror=alert('kurs')>"
PROJECT = "<script>alert('projekt')</script> & <b>fet</b>"
FUNDER = "<img src=x onerror=alert('finansiar')>"
COMMENT = "Analys <script>alert('kommentar')</script> och <img src=x onerror=alert('kommentar2')> slut."

FORMULAS = [
    "=1+1",
    "+SUM(A1:A2)",
    "-2+3",
    '@HYPERLINK("http://example.invalid","klicka")',
    "\t=1+2",
    "\r=1+3",
    "\n=1+4",
    '=HYPERLINK("http://example.invalid/?q="&A1,"Kurs")',
]

# Personal data planted in attendance workbooks (names with å/ä/ö so NFC ≠ NFD).
NAMES = ["Åsa Öberg-Lindqvist", "Jöns Ärlig Bäckström", "Zlatan Testperson"]
EMAILS = ["asa.oberg-lindqvist@habo.se", "jons.backstrom@example.invalid"]
PARTICIPANT_NAMES = ["Märta Hemligsson", "Örjan Dolde"]
PLANTED = NAMES + EMAILS + PARTICIPANT_NAMES


def _rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _rewrite(ws, rows: list[list]) -> None:
    ws.delete_rows(1, ws.max_row)
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows():  # openpyxl writes "=…" as a formula: keep such strings as text
        for c in row:
            if isinstance(c.value, str) and c.data_type == "f":
                c.data_type = "s"


def build_hostile_sample(folder: Path) -> Path:
    """Write the sample to `folder` and plant hostile strings and personal data; return it."""
    from kuanalys.sample import write_sample

    folder.mkdir(parents=True, exist_ok=True)
    write_sample(folder)

    # Networks: new networks in the register and one T2 meeting each in the long layout.
    wb = openpyxl.load_workbook(folder / "natverk.xlsx")
    ws = wb.active
    for name in NETWORKS:
        ws.append([name, "chefsnätverk", "Ledning och stab", "Nej"])
    wb.save(folder / "natverk.xlsx")

    for fname in ("narvaro_2019.xlsx", "narvaro_2018.xlsx"):
        wb = openpyxl.load_workbook(folder / fname)
        ws = wb.active
        rows = _rows(ws)
        header = rows[0] + ["Namn", "E-post", "Deltagare namn"]
        body = [r + [None, None, None] for r in rows[1:]]
        for i, r in enumerate(body):  # personal data on every 3rd row, varied case and form
            k = i % 9
            if k == 0:
                r[-3] = NAMES[(i // 9) % len(NAMES)]
            elif k == 3:
                r[-2] = EMAILS[(i // 9) % len(EMAILS)]
            elif k == 6:
                r[-1] = unicodedata.normalize("NFD", PARTICIPANT_NAMES[(i // 9) % len(PARTICIPANT_NAMES)])
        if fname == "narvaro_2019.xlsx":
            template = [r for r in body if r[1] == "Strategigrupp äldre" and r[0] == dt.datetime(2019, 6, 11)]
            for n, name in enumerate(NETWORKS):
                for r in template:
                    new = list(r)
                    new[0], new[1] = dt.datetime(2019, 6, 17 + n), name
                    body.append(new)
        _rewrite(ws, [header, *body])
        wb.save(folder / fname)

    # A course title and grant projects/funders.
    wb = openpyxl.load_workbook(folder / "kurser.xlsx")
    ws = wb["Kurser"]
    rows = _rows(ws)
    costed = [r for r in rows[1:] if isinstance(r[2], dt.datetime) and r[2].year == 2019 and r[8] is not None and r[9]]
    costed[0][1] = COURSE_TITLE
    costed[1][1] = FORMULAS[7]
    _rewrite(ws, rows)
    wb.save(folder / "kurser.xlsx")

    wb = openpyxl.load_workbook(folder / "ansokningar.xlsx")
    ws = wb.active
    rows = _rows(ws)
    this_year = [r for r in rows[1:] if isinstance(r[4], dt.datetime) and r[4].year == 2019]
    this_year[0][0] = PROJECT
    this_year[1][1] = FUNDER
    for r, text in zip(this_year[2:], FORMULAS[:7]):
        r[0] = text
    _rewrite(ws, rows)
    wb.save(folder / "ansokningar.xlsx")

    wb = openpyxl.load_workbook(folder / "kommentarer.xlsx")
    ws = wb.active
    for section, kind in (
        ("viktiga händelser", None),
        ("medarbetare", None),
        ("mål 1", "exempel på aktiviteter"),
        ("mål 2", "analys"),
        ("mål 3", "inledning"),
        ("mål 4", "analys"),
        ("mål 5", "avsnitt"),
        ("mål 6", "exempel på aktiviteter"),
        ("narvaro_reko", None),
    ):  # (a text whose Avsnitt names no part of the report is refused by validate: test_crossref)
        ws.append([2019, 2, section, kind, COMMENT, COMMENT])  # År, Tertial, Avsnitt, Typ, Rubrik, Text
    wb.save(folder / "kommentarer.xlsx")
    return folder


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> dict:
    """Run the real report once on the hostile sample; return its folders and exit code."""
    base = tmp_path_factory.mktemp("hostile")
    data = build_hostile_sample(base / "raw")
    out = base / "reports"
    code = run_report(data_dir=data, out_dir=out, year=2019, tertial=2, jobs=2)
    return {"code": code, "data": data, "out": out, "report": out / T2, "base": base}


@pytest.fixture(scope="session")
def report(hostile) -> Path:
    assert hostile["code"] == 0, "kuanalys report misslyckades på de fientliga indata"
    return hostile["report"]


# --- HTML: static checks ----------------------------------------------------------------------
def _pages(report: Path) -> list[Path]:
    return [report / COMBINED, *[report / f"{s.key}.html" for s in SECTIONS]]


@pytest.mark.slow
def test_hostile_strings_escaped_in_html_source(report):
    html = (report / COMBINED).read_text(encoding="utf-8")
    # The page's own scripts only: plotly.js, draw.js and the JSON holders.
    scripts = re.findall(r"<script\b[^>]*>", html)
    allowed = (
        "<script>",
        '<script type="application/json" class="ku-figure-json">',
        '<script class="ku-figure-json" type="application/json">',
    )
    assert all(s in allowed for s in scripts), set(scripts)
    assert "<img src=x" not in html and "<svg onload" not in html
    for holder in re.findall(
        r'<script (?:type="application/json" class="ku-figure-json"|class="ku-figure-json" type="application/json")>(.*?)</script>',
        html,
        re.S,
    ):
        assert "<" not in holder and ">" not in holder
    # Every hostile string reached the report (escaped), so the checks above are not vacuous.
    from html import escape

    from markupsafe import escape as jinja_escape  # the templates' escaping (&#39; for ')

    for text in (*NETWORKS, COURSE_TITLE, PROJECT, FUNDER):
        forms = (escape(text, quote=True), escape(text, quote=False), str(jinja_escape(text)))
        assert any(form in html for form in forms), text


# --- HTML: in headless Chromium ---------------------------------------------------------------


_DOM_PROBE = """() => {
  const out = {imgX: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
               svgOnload: document.querySelectorAll('svg[onload]').length,
               handlers: 0, alertScripts: 0, bold: 0};
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) { if (a.name.startsWith('on')) out.handlers++; }
  }
  for (const s of document.querySelectorAll('script')) {
    if (/alert\\(/.test(s.textContent) && s.textContent.length < 2000) out.alertScripts++;
  }
  out.bold = Array.from(document.querySelectorAll('main b')).filter(b => b.textContent === 'fet').length;
  out.text = document.body.innerText;
  out.svgText = Array.from(document.querySelectorAll('.ku-plot svg text')).map(t => t.textContent).join('\\n');
  out.charts = document.documentElement.getAttribute('data-ku-charts');
  return out;
}"""


def _hover_all(page) -> tuple[int, str]:
    """Move the mouse over every bar and marker of every chart; return (points, hover texts)."""
    points, texts = 0, []
    for div in page.locator(".ku-plot").all():
        div.scroll_into_view_if_needed()
        boxes = div.evaluate(
            "d => Array.from(d.querySelectorAll('g.point path, g.points path.point')).map(p => {"
            " const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2, r.width, r.height]; })"
        )
        for x, y, w, h in boxes[:40]:
            if w <= 0 and h <= 0:
                continue
            page.mouse.move(x, y)
            page.wait_for_timeout(70)  # plotly throttles hover events (50 ms)
            points += 1
            texts.append(div.evaluate("d => (d.querySelector('.hoverlayer') || {}).textContent || ''"))
    return points, "\n".join(texts)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("page_name", [COMBINED, *[f"{s.key}.html" for s in SECTIONS]])
def test_no_script_runs_in_chromium(browser, report, page_name):
    page, external, _, dialogs = open_offline_page(browser, report / page_name)
    # Draw the hover label of every point (plotly's HTML-like text), collecting its text.
    points, hover_text = 0, ""
    if page_name == COMBINED:  # every chart is on the combined page; hovering is slow
        page.set_viewport_size({"width": 1100, "height": 2400})
        points, hover_text = _hover_all(page)
    probe = page.evaluate(_DOM_PROBE)
    page.close()
    assert dialogs == [], f"en dialog öppnades: {dialogs}"
    assert external == []
    assert probe["charts"] == "ready"
    assert points > 20 or page_name != COMBINED
    assert probe["imgX"] == 0 and probe["svgOnload"] == 0
    assert probe["handlers"] == 0, "inga on*-attribut får finnas i rapporten"
    assert probe["alertScripts"] == 0
    assert probe["bold"] == 0, "<b> från ett kalkylark ska visas som text, inte som fetstil"
    text = probe["text"]
    if page_name in (COMBINED, "03_mal2.html"):
        for name in NETWORKS:
            assert name in text, f"nätverksnamnet syns inte som text: {name}"
            # drawn as text; a long name is broken into lines at its spaces, so compare without them
            drawn = "".join(probe["svgText"].split())
            assert "".join(name.split()) in drawn, f"nätverksnamnet syns inte i diagrammet: {name}"
            hovered = "".join(hover_text.split())
            assert page_name != COMBINED or "".join(name.split()) in hovered, (
                f"nätverksnamnet syns inte i hovringstexten: {name}"
            )
    if page_name in (COMBINED, "06_mal5.html"):
        assert COURSE_TITLE in text
    if page_name in (COMBINED, "02_mal1.html"):
        assert PROJECT in text and FUNDER in text
        # Drawn as text (a long label is wrapped and shortened, so its start is what shows).
        assert FUNDER[:10] in probe["svgText"], "finansiären syns inte i diagrammet"
        assert page_name != COMBINED or FUNDER[:10] in hover_text, "finansiären syns inte i hovringstexten"
    if page_name != "90_bilagor.html":  # the appendices hold no analysts' texts
        assert "Analys <script>alert('kommentar')</script> och" in text


# --- Excel ---------------------------------------------------------------------------------
@pytest.mark.slow
def test_formula_strings_are_text_in_excel(report):
    wb = openpyxl.load_workbook(report / "tabeller.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "tabeller.xlsx får inte ha formler"
    values = {c.value: c for c in cells if isinstance(c.value, str)}
    for text in FORMULAS:
        # Leading/trailing whitespace is cleaned on load; the rest of the value is kept as it was.
        found = values.get(text) or values.get(text.strip())
        assert found is not None, f"{text!r} saknas i tabeller.xlsx"
        assert found.data_type in ("s", "inlineStr"), (text, found.data_type)
        assert found.quotePrefix, f"{text!r} ska ha textprefix så att Excel visar den som text"
    # The raw XML: no <f> element anywhere.
    with zipfile.ZipFile(report / "tabeller.xlsx") as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


# --- personal data -------------------------------------------------------------------------
def _variants(text: str) -> set[bytes]:
    out: set[bytes] = set()
    for form in ("NFC", "NFD"):
        for t in (text, text.lower(), text.upper(), text.casefold()):
            s = unicodedata.normalize(form, t)
            out.add(s.encode("utf-8"))
            out.add(s.encode("utf-16-le"))  # some writers store UTF-16
            out.add(s.encode("unicode_escape").replace(b"\\x", b"\\u00"))  # JSON \\u00e5
            out.add(s.encode("ascii", "xmlcharrefreplace"))  # XML character references (&#214;)
    return out


def _all_bytes(folder: Path) -> list[tuple[str, bytes]]:
    """Every file under `folder`, with .xlsx/.zip members unpacked too."""
    blobs = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        blobs.append((str(path), data))
        if data[:2] == b"PK":
            with zipfile.ZipFile(path) as z:
                blobs.extend((f"{path}!{m}", z.read(m)) for m in z.namelist())
    return blobs


def _leaks(folder: Path) -> list[str]:
    found = []
    for where, data in _all_bytes(folder):
        low = data.lower()
        for planted in PLANTED:
            for v in _variants(planted):
                if v.lower() in low:
                    found.append(f"{planted!r} i {where}")
                    break
    return found


@pytest.mark.slow
def test_planted_personal_data_is_in_the_input(hostile):
    """The check below is not vacuous: the planted strings really are in the input files."""
    data = hostile["data"]
    assert len(_leaks(data)) >= len(PLANTED)


@pytest.mark.slow
def test_no_personal_data_in_report(report, hostile):
    assert sorted(p.name for p in report.iterdir() if p.suffix == ".ipynb")  # notebooks were kept
    assert _leaks(hostile["out"]) == []


@pytest.mark.slow
def test_no_personal_data_in_processed(hostile):
    processed = hostile["base"] / "processed"
    env = {**os.environ, "KUANALYS_PROCESSED": str(processed)}
    proc = subprocess.run(
        [*KUANALYS, "ingest", str(hostile["data"]), "--out", str(processed)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert any(processed.rglob("*")), "ingest skrev inget"
    assert _leaks(processed) == []
    # Warnings name the column, never the values in it.
    for planted in PLANTED:
        for form in ("NFC", "NFD"):
            assert unicodedata.normalize(form, planted).lower() not in (proc.stdout + proc.stderr).lower()


def test_formula_prefixes_and_control_characters_unit(tmp_path):
    """Without a report run: every OWASP prefix stays text; characters XML cannot hold do not
    break the workbook (they become U+FFFD)."""
    import pandas as pd

    from kuanalys.report.model import Chapter, Cover, Heading, Report, Table
    from kuanalys.report.render.xlsx import FORMULA_PREFIXES, write_workbook

    values = [f"{p}1+1" for p in FORMULA_PREFIXES] + ["a\x00b", "=c\x0bd"]
    t = Table("t", "=Titel", pd.DataFrame({"=Rubrik": values}), {"=Rubrik": "text"}, note="@not")
    write_workbook(
        tmp_path / "t.xlsx", Report(Cover("T", "P", "O"), [Chapter.of("x", "x", [Heading(1, "+avsnitt"), t])])
    )
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    got = [c.value for c in wb.worksheets[1]["A"]][2:]  # after the title and the heading
    # A reader may turn a bare CR into LF (XML line-end handling); nothing else changes.
    assert [g.replace("\r", "\n") for g in got[: len(FORMULA_PREFIXES)]] == [
        v.replace("\r", "\n") for v in values[: len(FORMULA_PREFIXES)]
    ]
    assert got[-2:] == ["a\ufffdb", "=c\ufffdd"]
    assert wb.worksheets[1]["A2"].value == "=Rubrik" and wb.worksheets[0]["D2"].value == "@not"
    assert wb.worksheets[1]["A1"].value == "Tabell 1 =Titel"  # the title, as text
