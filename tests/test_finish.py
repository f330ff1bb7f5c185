"""Issue 27's items 7 and 8: tables sized by content (Word and HTML), and the input files'
checksums out of the Word draft (into their own file in the report folder)."""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from kuanalys.report import formats as fm
from kuanalys.report import model as m
from kuanalys.report import provenance as prov
from kuanalys.report.render import docx as word
from kuanalys.report.render.html import table_html

TEXT = (
    "Resultatet ökade från 72 % till 79 % och ligger över målvärdet. Närvaron steg i flera nätverk "
    "under tertialen, och de kommuner som saknades förra gången var med den här gången."
)
COVER = m.Cover("Tertialrapport tertial 3 2024", "September–december 2024", "Kommunal utveckling", "RJL 2024/1", "A")


def _scorecard() -> m.Table:
    frame = pd.DataFrame(
        {
            "Status": ["uppfyllt", "delvis"],
            "Mätetal": ["Närvaro vid samtliga chefsnätverk", "Andel mycket nöjda"],
            "Målvärde": ["80\u00a0%", "60\u00a0%"],
            "Resultat": ["79\u00a0%", "55\u00a0%"],
            "Trend": ["↑", "→"],
            "Beskrivning av resultat": [TEXT, TEXT + " " + TEXT],
        }
    )
    return m.Table("mal2_omrade1_matetal", "Mätetal", frame)


def test_content_widths_are_proportional_with_a_floor():
    # by hand: 16 cm in proportion 10:10:280 gives 0,53 cm to the short columns, under their 2 cm
    # floors; they keep 2 cm each and the text column gets the remaining 12 cm
    assert fm.content_widths([10, 10, 280], [2, 2, 3], 16) == [2.0, 2.0, 12.0]
    assert fm.content_widths([50, 150], [1, 1], 16) == [4.0, 12.0]
    assert fm.longest_word(["12\u00a0500\u00a0000\u00a0kr och", "x"]) == len("12 500 000 kr")


def test_word_gives_the_description_column_the_room():
    table = _scorecard()
    shown = [[fm.display_value(v) for v in r] for r in table.frame.itertuples(index=False, name=None)]
    heads = list(table.frame.columns)
    points = word.table_font_size(shown, heads)
    widths = word.column_widths(shown, heads, points=points)
    assert points == word.RUNNING_TEXT_POINTS
    assert abs(sum(widths) - word.TEXT_WIDTH_CM) < 0.05
    assert widths[-1] == max(widths) and widths[-1] > word.TEXT_WIDTH_CM / 3
    floors = word._floors(shown, heads, points)
    assert all(w >= f - 0.01 for w, f in zip(widths, floors))  # no word broken, the header's included


def test_html_columns_sized_by_content_not_by_name():
    html = table_html(_scorecard())
    percents = [float(x) for x in re.findall(r'<col style="width:([0-9.]+)%">', html)]
    assert len(percents) == 6 and abs(sum(percents) - 100) < 0.1
    assert percents[-1] == max(percents) and percents[-1] > 40
    assert "ku-sized" in html
    renamed = _scorecard()
    renamed.name = "nagot_annat"
    assert re.findall(r"width:([0-9.]+)%", table_html(renamed)) == re.findall(r"width:([0-9.]+)%", html)
    short = m.Table("kort", "Kort", pd.DataFrame({"Kommun": ["Eksjö"], "Antal": [3]}))
    assert "<colgroup>" not in table_html(short)


def _provenance() -> prov.Provenance:
    files = [prov.InputFileHash("narvaro.xlsx", "ab" * 32, 1234), prov.InputFileHash("medel.xlsx", "cd" * 32, 99)]
    return prov.Provenance(datetime(2025, 1, 10, 9, 0), "0.9", "tertial 3 2024", files)


def test_word_draft_has_no_checksums_file_or_tool_names(tmp_path, monkeypatch):
    import docx

    monkeypatch.setenv("KUANALYS_CHROMIUM", str(tmp_path / "ingen"))
    items = [m.Heading(1, "1 Inledning"), m.Paragraph("Löptext.", lead=False), _scorecard()]
    report = m.Report(COVER, [m.Chapter.of("01_inledning", "inledning", items)])
    word.write_word(tmp_path / "r.docx", report, _provenance())
    document = docx.Document(str(tmp_path / "r.docx"))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "Om rapportens underlag" in text or "Bilagor" in text
    assert not re.search(r"[0-9a-f]{64}", text)
    assert ".xlsx" not in text.lower() and "kuanalys" not in text.lower()
    assert "sha256" not in text.lower()


def test_checksums_go_to_their_own_file(tmp_path):
    path = prov.write_checksums(tmp_path, _provenance())
    assert path == tmp_path / prov.CHECKSUM_FILE
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows == [
        ["Indatafil", "Storlek (byte)", "sha256"],
        ["narvaro.xlsx", "1234", "ab" * 32],
        ["medel.xlsx", "99", "cd" * 32],
    ]
    assert [p.name for p in Path(tmp_path).iterdir()] == [prov.CHECKSUM_FILE]  # no temporary file left


def test_kommuner_represented_counts_each_kommun_present_at_least_once_per_network():
    """Plan 001's 2.2 by hand: CN äldre met twice; Eksjö (0604) was there once, Gislaved (0662) never,
    and the Region (not a kommun) does not count: 1 of 2. Styrgrupp FoU: both kommuner present: 2 of 2.
    PKS is measured separately (its own mätetal). Kommuner represented: 3 of 4 = 75 %."""
    from test_metrics_plan2022 import _attendance

    from kuanalys.metrics import attendance as att
    from kuanalys.periods import Tertial

    networks = pd.DataFrame(
        {
            "network": ["PKS", "CN äldre", "Styrgrupp FoU"],
            "network_type": ["PKS", "chefsnätverk", "styrgrupp"],
            "with_region": [False, False, False],
        }
    )
    rows = [("2023-02-01", "PKS", "0604", False), ("2023-02-01", "PKS", "0662", False)]
    for day, eksjo in (("2023-02-01", True), ("2023-03-01", False)):
        rows += [(day, "CN äldre", "0604", eksjo), (day, "CN äldre", "0662", False), (day, "CN äldre", "06", True)]
    rows += [("2023-03-01", "Styrgrupp FoU", "0604", True), ("2023-03-01", "Styrgrupp FoU", "0662", True)]
    a = _attendance(rows)
    t = Tertial(2023, 1)
    assert att.kommuner_represented(a, networks, t) == pytest.approx(0.75)
    assert att.kommuner_represented(a, networks, Tertial(2023, 2)) is None  # no meetings: no result, not 0
