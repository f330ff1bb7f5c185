"""Checks before parsing (kuanalys.safety): limits, sniffing, zip and XML bombs, and what the
readers themselves do with hostile XML (openpyxl through defusedxml, calamine on its own)."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile

import bad_corpus
import defusedxml
import openpyxl
import openpyxl.xml
import pytest
import python_calamine
from bad_corpus import BILLION_LAUGHS, GRANT_ROWS, SHEET_XML, grants_with, ole_file, rezip, workbook_bytes, zip_of

from kuanalys import config, safety
from kuanalys.excel import formula_cells_without_value, read_workbook
from kuanalys.loaders import common
from kuanalys.loaders.common import open_workbook, reader_error_problem
from kuanalys.safety import XML_BOMB_MESSAGE, has_doctype, preflight

GRANTS = grants_with(*GRANT_ROWS[1:])


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def only_message(problems) -> str:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0].message


# --- XML entity bombs ---------------------------------------------------------------------------
def test_openpyxl_uses_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_openpyxl_refuses_the_entity_bomb_with_defusedxml_and_we_say_so_in_swedish(tmp_path):
    path = write(tmp_path, "bomb.xlsx", (bad_corpus.CORPUS_DIR / "ansokningar_xml_bomb.xlsx").read_bytes())
    with pytest.raises(Exception) as info:
        openpyxl.load_workbook(path)
    chain, exc = [], info.value
    while exc is not None:
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    assert any(isinstance(e, defusedxml.EntitiesForbidden) for e in chain)
    problem = reader_error_problem(str(path), info.value)
    assert problem.message == XML_BOMB_MESSAGE and "XML-bomb" in problem.message


def test_calamine_does_not_expand_the_entity_bomb(tmp_path):
    """Calamine's XML parser refuses custom entities instead of expanding them; we refuse the
    file before calamine sees it anyway."""
    path = write(tmp_path, "bomb.xlsx", (bad_corpus.CORPUS_DIR / "ansokningar_xml_bomb.xlsx").read_bytes())
    start = time.perf_counter()
    with pytest.raises(Exception, match="entity"):
        python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert time.perf_counter() - start < 2
    assert only_message(preflight(path)) == XML_BOMB_MESSAGE


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"])
def test_doctype_in_any_xml_part_is_refused(tmp_path, part):
    with zipfile.ZipFile(io.BytesIO(GRANTS)) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    parts[part] = b'<?xml version="1.0"?>' + BILLION_LAUGHS.encode() + parts.get(part, b"<sst/>")
    path = write(tmp_path, "a.xlsx", zip_of(parts))
    assert only_message(preflight(path)) == XML_BOMB_MESSAGE


@pytest.mark.parametrize(
    "prolog, found",
    [
        (b'<?xml version="1.0"?><worksheet/>', False),
        (b'<?xml version="1.0"?>\n<!-- c --><!DOCTYPE x [<!ENTITY a "b">]><x/>', True),
        (b"\xef\xbb\xbf  <!doctype x><x/>", True),
        ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16"), True),
        (b"<worksheet><c><is><t>&lt;!DOCTYPE</t></is></c></worksheet>", False),
        (b"<!-- a comment that never ends", True),
        # prologs longer than the first piece unpacked (1 KB), and one cut at each piece's end
        (b'<?xml version="1.0"?><!--' + b"x" * 5000 + b"--><!DOCTYPE x><x/>", True),
        (b'<?xml version="1.0"?><!--' + b"x" * 5000 + b"--><worksheet/>", False),
        (b"<?xml version='1.0'?>" + b" " * 1000 + b"<!DOCTYPE x><x/>", True),
        (b"<!--" + b"x" * 100_000 + b"--><worksheet/>", True),  # no end within 64 KB
        (b"<x/>", False),
        (b"<!DOCT", False),
    ],
)
def test_has_doctype_reads_only_the_prolog(prolog, found):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("p.xml", prolog)
    with zipfile.ZipFile(buffer) as zf:
        assert has_doctype(zf, "p.xml") is found


# --- zip bombs and size limits ------------------------------------------------------------------
def test_a_bomb_part_hidden_among_incompressible_parts_is_caught_by_its_own_ratio(tmp_path):
    """2 MB of spaces (about 1000:1) next to 3 MB of random bytes: the whole file packs under
    2:1, but the one part does not."""
    padded = lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * 2_000_000)  # noqa: E731
    data = rezip(GRANTS, {SHEET_XML: padded})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    parts["xl/media/image1.bin"] = os.urandom(3_000_000)
    path = write(tmp_path, "a.xlsx", zip_of(parts))
    assert "onormal komprimeringsgrad" in only_message(preflight(path))


def test_limits_are_read_from_config(tmp_path, monkeypatch):
    path = write(tmp_path, "a.xlsx", GRANTS)
    assert preflight(path) == []
    monkeypatch.setattr(config, "MAX_UNPACKED_BYTES", 1000)
    assert "mer än gränsen" in only_message(preflight(path))
    monkeypatch.setattr(config, "MAX_FILE_BYTES", 1000)
    assert "Filen är för stor" in only_message(preflight(path))


def test_limits_can_be_set_by_environment_variables():
    import subprocess
    import sys

    env = {
        **os.environ,
        "KUANALYS_MAX_ROWS": "7",
        "KUANALYS_MAX_FILE_BYTES": "1234",
        "KUANALYS_MAX_UNPACKED_BYTES": "5678",
        "KUANALYS_MAX_COMPRESSION_RATIO": "9",
    }
    code = "from kuanalys import config as c; print(c.MAX_ROWS, c.MAX_FILE_BYTES, c.MAX_UNPACKED_BYTES, c.MAX_COMPRESSION_RATIO)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["7", "1234", "5678", "9.0"]


def test_documented_default_limits():
    assert config.MAX_FILE_BYTES == 50 * 1024 * 1024
    assert config.MAX_UNPACKED_BYTES == 500 * 1024 * 1024
    assert config.MAX_COMPRESSION_RATIO == 100
    assert config.MAX_ROWS == 250_000


# --- the row limit, before parsing ------------------------------------------------------------
def test_row_limit_from_the_dimension_before_reading(tmp_path, monkeypatch):
    path = bad_corpus.CORPUS_DIR / "narvaro_enorm.xlsx"

    def no_read(*args):
        raise AssertionError("the sheet should not be read when <dimension> is over the limit")

    monkeypatch.setattr(common, "read_workbook", no_read)
    problems = preflight(path)
    assert "300 001 rader" in only_message(problems) and problems[0].sheet == "Närvaro"
    raws, problems = open_workbook(path)
    assert raws == [] and "300 001 rader" in only_message(problems)


def test_row_limit_without_a_dimension_counts_the_rows(tmp_path, monkeypatch):
    """A writer that leaves out <dimension>: the rows calamine finds are counted before any
    cell is parsed."""
    no_dimension = lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml)  # noqa: E731
    rows = [["P", "F", None, 1, "2019-01-01", "väntar"]] * 12
    path = write(tmp_path, "a.xlsx", rezip(grants_with(*rows), {SHEET_XML: no_dimension}))
    with zipfile.ZipFile(path) as zf:
        assert b"<dimension" not in zf.read(SHEET_XML)
    monkeypatch.setattr(config, "MAX_ROWS", 10)
    assert preflight(path) == []
    raws, problems = open_workbook(path)
    assert raws == [] and "13 rader, fler än gränsen 10" in only_message(problems)


def test_merged_ranges_and_formulas_without_value_are_found(tmp_path):
    """Merged ranges come from calamine; formulas without a stored value from the sheet XML."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><f>A{r}*2</f>{"<v>2</v>" if r % 3 else "<v/>"}</c></row>'
        for r in range(1, 40)
    )

    def patch(xml: bytes) -> bytes:
        xml = re.sub(
            rb"<sheetData>.*</sheetData>|<sheetData/>", f"<sheetData>{rows}</sheetData>".encode(), xml, flags=re.S
        )
        return xml.replace(
            b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="C1:D2"/></mergeCells>', 1
        )

    path = write(tmp_path, "a.xlsx", rezip(grants_with(), {SHEET_XML: patch}))
    (raw,) = read_workbook(path)
    assert raw.merged == ("C1:D2",) and raw.last_row == 39
    assert raw.uncached_formulas == tuple(f"B{r}" for r in range(3, 40, 3))


def test_formula_with_empty_text_result_is_not_uncached():
    xml = (
        b'<worksheet><sheetData><row r="1"><c r="A1" t="str"><f>""</f><v></v></c>'
        b'<c r="B1"><f>1+1</f></c><c r="C1"><f>1+1</f><v>2</v></c></row></sheetData></worksheet>'
    )
    assert list(formula_cells_without_value(xml)) == ["B1"]


def test_sample_workbooks_pass_and_are_read_fast():
    for path in sorted(config.RAW_DATA_DIR.glob("*.xlsx")):
        start = time.perf_counter()
        raws, problems = open_workbook(path)
        assert problems == [] and raws, path
        assert time.perf_counter() - start < 2


# --- sniffing what a file really is ----------------------------------------------------------
@pytest.mark.parametrize(
    "name, streams, needle",
    [
        ("a.xlsx", ["EncryptionInfo", "EncryptedPackage"], "lösenordsskyddad (krypterad)"),
        ("a.xls", ["EncryptionInfo", "EncryptedPackage"], "lösenordsskyddad (krypterad)"),
        ("a.xlsx", ["Workbook"], "gammal Excel-fil (.xls)"),
        ("a.xlsx", ["Book"], "gammal Excel-fil (.xls)"),
        ("a.xls", ["Okänd"], "gammal Excel-fil (.xls)"),
        ("a.xlsx", ["Okänd"], "antingen lösenordsskyddad/krypterad eller en gammal .xls-fil"),
    ],
)
def test_ole_files_are_told_apart_by_stream_names_then_extension(tmp_path, name, streams, needle):
    assert needle in only_message(preflight(write(tmp_path, name, ole_file(streams))))


def test_ole_directory_is_read(tmp_path):
    path = write(tmp_path, "a.xlsx", ole_file(["EncryptionInfo", "EncryptedPackage"]))
    assert safety.ole_stream_names(path) == {"EncryptionInfo", "EncryptedPackage"}
    assert safety.ole_stream_names(write(tmp_path, "b.xlsx", ole_file([])[:600])) == set()


@pytest.mark.parametrize(
    "data, needle",
    [
        (b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>", "webbsida (HTML)"),
        (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>', "XML-fil"),
        ("Projekt\tSökt belopp\nA\t1\n".encode("utf-16"), "(CSV)"),
        ("Projekt,Sökt belopp\nA,1\n".encode("cp1252"), "(CSV)"),
        (b"Hej! Det h\xe4r \xe4r ett brev.\n", "textfil, ingen Excel-arbetsbok"),
        (bytes(range(256)) * 4, "Filen är ingen Excel-arbetsbok"),
        (zip_of({"a.txt": "x"}), "zip-arkiv men ingen Excel-arbetsbok"),
        (zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.bin": "x"}), "binär Excel-arbetsbok (.xlsb)"),
    ],
)
def test_what_a_non_xlsx_file_is_named(tmp_path, data, needle):
    assert needle in only_message(preflight(write(tmp_path, "a.xlsx", data)))


def test_missing_file(tmp_path):
    assert only_message(preflight(tmp_path / "nope.xlsx")) == "Filen finns inte."


def test_corrupt_deflate_data_is_a_broken_file(tmp_path):
    data = bytearray(workbook_bytes({"A": [["x"] * 50] * 50}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(SHEET_XML)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 5 : start + 25] = b"\xff" * 20
    message = only_message(preflight(write(tmp_path, "a.xlsx", bytes(data))))
    assert "trasig" in message


def test_hidden_extra_sheet_is_a_warning_naming_it(tmp_path):
    from conftest import write_valid_dir

    from kuanalys.ingest import validate_dir

    raw = write_valid_dir(tmp_path / "raw")
    (raw / "narvaro_lang.xlsx").write_bytes(
        workbook_bytes(
            {"Närvaro": bad_corpus.ATTENDANCE_LONG_ROWS, "Gamla möten": bad_corpus.ATTENDANCE_LONG_ROWS},
            hidden=("Gamla möten",),
        )
    )
    problems = validate_dir(raw)
    assert not problems.has_errors()
    (warning,) = [p for p in problems.warnings if p.file.endswith("narvaro_lang.xlsx")]
    assert warning.sheet == "Gamla möten" and "dolt och läses inte in" in warning.message


# --- the README's Felsökning section --------------------------------------------------------------
def felsokning() -> str:
    text = (config.PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    assert "\n## Felsökning\n" in text
    section = text.split("\n## Felsökning\n", 1)[1]
    assert "\n## " not in section, "Felsökning ska vara README:s sista avsnitt"
    return section


def test_readme_documents_the_limits_with_their_defaults():
    section = felsokning()
    mib = 1024 * 1024
    for env, shown in [
        ("KUANALYS_MAX_FILE_BYTES", f"{config.MAX_FILE_BYTES // mib} MiB"),
        ("KUANALYS_MAX_UNPACKED_BYTES", f"{config.MAX_UNPACKED_BYTES // mib} MiB"),
        ("KUANALYS_MAX_COMPRESSION_RATIO", f"{config.MAX_COMPRESSION_RATIO:.0f}:1"),
        ("KUANALYS_MAX_ROWS", f"{config.MAX_ROWS:,}".replace(",", " ")),
    ]:
        row = next(line for line in section.splitlines() if f"`{env}`" in line)
        assert shown in row, (env, row)


def test_readme_lists_the_messages_of_the_corpus():
    section = felsokning()
    for fragment in [
        "Filen är tom",
        "onormal komprimeringsgrad",
        "Bladet har … rader",
        "DOCTYPE",
        "lösenordsskyddad",
        "gammal Excel-fil (.xls)",
        "OpenDocument-fil (.ods)",
        "(CSV)",
        "PDF-fil",
        "trasig eller ofullständig",
        "dolda blad läses inte in",
        "Bladet är tomt",
        "bara en rubrik",
        "Kolumnen 'X' saknas",
        "sammanfogade",
        "Väntade ett tal",
        "Beloppet får inte vara negativt",
        "Orimligt datum",
        "Okänd organisation",
        "Okänt värde",
        "formel utan sparat värde",
        "större än sökt belopp",
        "Summaraden anger",
        "Dubblettrad",
        "motstridiga rader",
        "Okänd kolumn",
        "personuppgifter",
        "Bladet är dolt",
    ]:
        assert fragment in section, fragment
    for group in ("**Filen**", "**Blad och rubriker**", "**Celler**", "**Regler**", "**Varningar**"):
        assert group in section
