"""The annual report (verksamhetsberättelsen) end to end from make report's data: one command,
`kuanalys report --year 2024 --annual`, writes reports/2024/ with the year's indicators, the
tertials side by side, the survey per goal and question with charts, and uppdrag och projekt."""

import openpyxl
import pytest

pytestmark = pytest.mark.slow  # one report run (shared by the session: conftest)


@pytest.fixture(scope="module")
def annual_dir(annual_2024_report):
    return annual_2024_report


def test_the_annual_report_is_written(annual_dir):
    html = (annual_dir / "verksamhetsberattelse-2024.html").read_text(encoding="utf-8")
    assert "<title>Verksamhetsberättelse 2024" in html or "Verksamhetsberättelse 2024" in html
    assert "Året i siffror" in html and "Tertial 1" in html and "År 2023" in html
    assert "Andel mycket nöjda per fråga, utvärderingsenkäten 2024 och 2023" in html
    assert "Uppdrag och projekt 2024" in html


def test_its_tables_reach_excel(annual_dir):
    index = openpyxl.load_workbook(annual_dir / "tabeller.xlsx", read_only=True)["Innehåll"]
    sheets = " | ".join(str(row[1]) for row in index.iter_rows(min_row=2, values_only=True))
    for title in ("Mätetal, år 2024", "Utvärderingsenkäten 2024", "Uppdrag och projekt 2024"):
        assert title in sheets


def test_its_word_document_is_the_verksamhetsberattelse(annual_dir):
    """The Word draft is named and titled as the annual report, not as a tertial report."""
    import docx

    assert not list(annual_dir.glob("tertialrapport-*.docx"))
    document = docx.Document(str(annual_dir / "verksamhetsberattelse-2024.docx"))
    cover = " ".join(p.text for p in document.paragraphs[:8])
    assert "Verksamhetsberättelse" in cover and "Tertialrapport" not in cover, cover
