"""The bad-input corpus: broken input files, each written by one small function whose
docstring states the cause.

`build_corpus(folder)` writes them all; `tests/fixtures/bad/` holds the committed result
(rebuild it with `python tests/bad_corpus.py tests/fixtures/bad`). A file's name starts with
its input kind (ansokningar_…, narvaro_…), so `kuanalys validate` picks it up by the file-name
convention. tests/test_bad_input.py runs every file through the CLI.

Workbooks are written with fixed timestamps so that their zip entries are the same on every
build; `plant_personal_data` writes attendance with names and e-mail addresses for the
personal-data tests.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import (
    ATTENDANCE_LONG_ROWS,
    ATTENDANCE_MATRIX_ROWS,
    COMMENT_ROWS,
    COURSE_ROWS,
    GRANT_ROWS,
    INDICATOR_ROWS,
    NETWORK_ROWS,
    PARTICIPANT_ROWS,
    TARGET_ROWS,
    build_workbook,
)  # noqa: E402

D = dt.datetime
FIXED_TIME = D(2019, 1, 1)
ZIP_TIME = (2019, 1, 1, 0, 0, 0)
GRANT_HEADER = GRANT_ROWS[0]
SHEET_XML = "xl/worksheets/sheet1.xml"
CORPUS_DIR = Path(__file__).resolve().parent / "fixtures" / "bad"

CASES: dict[str, Callable[[Path], None]] = {}


def case(filename: str) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    """Register a corpus builder under the file name it writes."""

    def register(build: Callable[[Path], None]) -> Callable[[Path], None]:
        CASES[filename] = build
        return build

    return register


# --- writing helpers ------------------------------------------------------------------------
def workbook_bytes(
    sheets: dict[str, list[list]],
    hidden: tuple[str, ...] = (),
    merged: dict[str, list[str]] | None = None,
) -> bytes:
    """Return an .xlsx (openpyxl) with the given sheets (name → rows), hidden sheets and merged
    ranges, with fixed timestamps."""
    wb = build_workbook(sheets, hidden, merged)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    return rezip(buffer.getvalue())


def rezip(data: bytes, patches: dict[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """Return the zip `data` rewritten with fixed timestamps; `patches` maps a part to a function
    that changes its bytes."""
    patches = patches or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename in patches:
                content = patches[info.filename](content)
            dst.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def zip_of(parts: dict[str, bytes | str]) -> bytes:
    """Return a zip archive of the given parts (name → content), with fixed timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(zipfile.ZipInfo(name, ZIP_TIME), content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def grants_with(*rows: list, header: list | None = None) -> bytes:
    """Return a grants workbook: the header, then `rows` (sheet Ansökningar)."""
    return workbook_bytes({"Ansökningar": [header or GRANT_HEADER, *rows]})


def ole_file(streams: list[str]) -> bytes:
    """Return a minimal OLE2 compound file (the container of .xls and of encrypted .xlsx) whose
    directory lists `streams` (at most three, all empty)."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)  # versions, byte order, sector shifts
    struct.pack_into("<IIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end)  # FAT: 1 sector; directory at 1
    struct.pack_into("<I", header, 68, 0)  # no DIFAT sectors
    struct.pack_into("<109I", header, 76, 0, *[free] * 108)  # the FAT is sector 0
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)

    def entry(name: str, kind: int, right: int) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, free, right, 1 if kind == 5 and streams else free)
        struct.pack_into("<II", raw, 116, end, 0)
        return bytes(raw)

    # The streams hang off the root as a chain of right siblings, so a directory walk finds them all.
    siblings = [i + 2 if i + 1 < len(streams) else free for i in range(len(streams))]
    entries = [entry("Root Entry", 5, free)] + [entry(name, 2, right) for name, right in zip(streams, siblings)]
    directory = b"".join(entries).ljust(512, b"\0")
    return bytes(header) + fat + directory


# --- header and sheet level ------------------------------------------------------------------
@case("ansokningar_saknad_rubrik.xlsx")
def missing_header(path: Path) -> None:
    """The required column Sökt belopp is missing altogether."""
    keep = [i for i, h in enumerate(GRANT_HEADER) if h != "Sökt belopp"]
    rows = [[row[i] for i in keep] for row in GRANT_ROWS]
    path.write_bytes(workbook_bytes({"Ansökningar": rows}))


@case("ansokningar_felstavad_rubrik.xlsx")
def misspelt_header(path: Path) -> None:
    """The header Sökt belopp is misspelt 'Sökt belop'."""
    header = ["Sökt belop" if h == "Sökt belopp" else h for h in GRANT_HEADER]
    path.write_bytes(grants_with(*GRANT_ROWS[1:], header=header))


@case("ansokningar_okand_kolumn.xlsx")
def unknown_column(path: Path) -> None:
    """An extra column Handläggare that kuanalys does not know: a warning only, the file is valid."""
    rows = [[*GRANT_HEADER, "Handläggare"]] + [[*row, "Enheten för analys"] for row in GRANT_ROWS[1:]]
    path.write_bytes(workbook_bytes({"Ansökningar": rows}))


@case("ansokningar_tomt_blad.xlsx")
def empty_sheet(path: Path) -> None:
    """The sheet Ansökningar exists but is empty."""
    path.write_bytes(workbook_bytes({"Ansökningar": []}))


@case("ansokningar_bara_rubrik.xlsx")
def title_only(path: Path) -> None:
    """The workbook holds only a title: no header row, no data."""
    path.write_bytes(workbook_bytes({"Ansökningar": [["Ansökningar om externa medel 2019"]]}))


@case("ansokningar_sammanfogad_rubrik.xlsx")
def merged_header(path: Path) -> None:
    """The header Beslut is merged over F2:G2, so the amounts in G have no header of their own.
    (The title merged over A1:H1 above the header row is harmless.)"""
    header = ["Beslut" if h == "Beslut" else (None if h == "Beviljat belopp" else h) for h in GRANT_HEADER]
    rows = [["Ansökningar om externa medel 2019"], header, *GRANT_ROWS[1:]]
    path.write_bytes(workbook_bytes({"Ansökningar": rows}, merged={"Ansökningar": ["A1:H1", "F2:G2"]}))


@case("ansokningar_dolt_blad.xlsx")
def hidden_only_sheet(path: Path) -> None:
    """The only data sheet, Ansökningar, is hidden; only the Instruktioner sheet is visible."""
    sheets = {"Instruktioner": [["Fyll i en rad per ansökan."]], "Ansökningar": GRANT_ROWS}
    path.write_bytes(workbook_bytes(sheets, hidden=("Ansökningar",)))


@case("kurser_saknat_blad.xlsx")
def missing_sheet(path: Path) -> None:
    """The courses workbook has the Deltagare sheet but not the required Kurser sheet."""
    path.write_bytes(workbook_bytes({"Deltagare": PARTICIPANT_ROWS}))


# --- cell level -------------------------------------------------------------------------------
@case("ansokningar_text_i_belopp.xlsx")
def text_in_amount(path: Path) -> None:
    """Sökt belopp on row 3 is the text 'ca 455 tkr'."""
    rows = [list(r) for r in GRANT_ROWS[1:]]
    rows[1][3] = "ca 455 tkr"
    path.write_bytes(grants_with(*rows))


@case("ansokningar_negativt_belopp.xlsx")
def negative_amount(path: Path) -> None:
    """Sökt belopp on row 4 is negative (−1 000 000 with a Unicode minus)."""
    rows = [list(r) for r in GRANT_ROWS[1:]]
    rows[2][3] = "−1 000 000"
    path.write_bytes(grants_with(*rows))


@case("ansokningar_orimligt_datum.xlsx")
def implausible_date(path: Path) -> None:
    """Inskickad on row 2 is 2109-02-15, a typo for 2019."""
    rows = [list(r) for r in GRANT_ROWS[1:]]
    rows[0][4] = D(2109, 2, 15)
    path.write_bytes(grants_with(*rows))


@case("ansokningar_textdatum.xlsx")
def text_dates(path: Path) -> None:
    """Inskickad is text in six Swedish formats, which all parse, and on row 8 'första maj',
    which does not."""
    dates = ["2019-02-15", "1/3 2019", "14 maj 2019", "20.3.2019", "20190402", "2019-04-15 00:00", "första maj"]
    rows = [[f"Projekt {i + 1}", "Socialstyrelsen", None, 100000, d, "väntar", None, None] for i, d in enumerate(dates)]
    path.write_bytes(grants_with(*rows))


@case("ansokningar_okant_beslut.xlsx")
def unknown_decision(path: Path) -> None:
    """Beslut on row 4 is 'bevilad', a misspelling of 'beviljad'."""
    rows = [list(r) for r in GRANT_ROWS[1:]]
    rows[2][5], rows[2][6], rows[2][7] = "bevilad", 1000000, D(2019, 6, 1)
    path.write_bytes(grants_with(*rows))


@case("ansokningar_saknat_varde.xlsx")
def missing_value(path: Path) -> None:
    """Finansiär is blank on row 3, where it is required."""
    rows = [list(r) for r in GRANT_ROWS[1:]]
    rows[1][1] = None
    path.write_bytes(grants_with(*rows))


@case("ansokningar_flera_fel.xlsx")
def many_problems(path: Path) -> None:
    """Three errors in three cells: text in Sökt belopp (row 2), an unknown Beslut (row 3) and a
    date that does not exist (row 4, 31 april)."""
    rows = [list(r) for r in GRANT_ROWS[1:]]
    rows[0][3] = "sju miljoner"
    rows[1][5] = "klar"
    rows[2][4] = "31/4 2019"
    path.write_bytes(grants_with(*rows))


@case("narvaro_okand_kommun.xlsx")
def unknown_municipality(path: Path) -> None:
    """Organisation on row 3 is 'Jönkping', a misspelt kommun."""
    rows = [list(r) for r in ATTENDANCE_LONG_ROWS]
    rows[2][2] = "Jönkping"
    path.write_bytes(workbook_bytes({"Närvaro": rows}))


@case("narvaro_matris_okant_varde.xlsx")
def matrix_unknown_value(path: Path) -> None:
    """A närvaromatris cell (row 3, Habo) says 'kanske', which is neither present nor absent."""
    rows = [list(r) for r in ATTENDANCE_MATRIX_ROWS]
    rows[2][3] = "kanske"
    path.write_bytes(workbook_bytes({"Reko": rows}))


@case("narvaro_matris_sammanfogade_celler.xlsx")
def matrix_merged_cells(path: Path) -> None:
    """In a närvaromatris, one 'x' is merged over C3:D3, so Habo's cell reads as empty."""
    rows = [list(r) for r in ATTENDANCE_MATRIX_ROWS]
    rows[2][2], rows[2][3] = "x", None
    path.write_bytes(workbook_bytes({"Reko": rows}, merged={"Reko": ["C3:D3"]}))


@case("ansokningar_formel_utan_varde.xlsx")
def formula_without_value(path: Path) -> None:
    """Sökt belopp on row 3 is a formula with a stored value (read as 455 165); Beviljat belopp on
    row 3 is a formula that was never calculated (openpyxl stores no value), so it reads empty."""
    rows = [list(r) for r in GRANT_ROWS[1:]]
    rows[1][3] = "=455000+165"
    rows[1][6] = "=200000+50000"
    cached = lambda xml: re.sub(rb"<f>455000\+165</f><v(?:\s*/>|></v>)", b"<f>455000+165</f><v>455165</v>", xml)  # noqa: E731
    path.write_bytes(rezip(grants_with(*rows), {SHEET_XML: cached}))


# --- rule level -------------------------------------------------------------------------------
@case("ansokningar_beviljat_over_sokt.xlsx")
def granted_above_applied(path: Path) -> None:
    """Beviljat belopp (500 000) on row 3 is more than Sökt belopp (455 165)."""
    rows = [list(r) for r in GRANT_ROWS[1:]]
    rows[1][6] = 500000
    path.write_bytes(grants_with(*rows))


@case("ansokningar_dubblettrad.xlsx")
def duplicate_rows(path: Path) -> None:
    """Row 5 repeats row 2 exactly."""
    path.write_bytes(grants_with(*GRANT_ROWS[1:], GRANT_ROWS[1]))


@case("ansokningar_summa_fel.xlsx")
def wrong_total(path: Path) -> None:
    """The Summa row says 9 000 000 kr applied, but the rows above add up to 8 613 037."""
    path.write_bytes(grants_with(*GRANT_ROWS[1:], ["Summa", None, None, 9000000]))


@case("narvaro_motstridig_narvaro.xlsx")
def conflicting_meeting(path: Path) -> None:
    """The meeting on 2019-02-01 is recorded twice for Jönköping: present on row 2, absent on row 8."""
    rows = [*ATTENDANCE_LONG_ROWS, [D(2019, 2, 1), "Reko", "Jönköping", "Nej", "fysiskt"]]
    path.write_bytes(workbook_bytes({"Närvaro": rows}))


@case("natverk_dubblett.xlsx")
def duplicate_network(path: Path) -> None:
    """The network registry lists Reko twice (the second time as 'REKO ')."""
    path.write_bytes(
        workbook_bytes(
            {"Nätverk": [*NETWORK_ROWS, ["REKO ", "Reko", "FoUrum social välfärd och hälso- och sjukvård", "Ja"]]}
        )
    )


# --- file level -------------------------------------------------------------------------------
@case("ansokningar_tom_fil.xlsx")
def empty_file(path: Path) -> None:
    """A file of 0 bytes, as left by an aborted copy."""
    path.write_bytes(b"")


@case("ansokningar_krypterad.xlsx")
def encrypted(path: Path) -> None:
    """A password-protected workbook: Excel stores it as an OLE container with the streams
    EncryptionInfo and EncryptedPackage."""
    path.write_bytes(ole_file(["EncryptionInfo", "EncryptedPackage"]))


@case("ansokningar_gammal.xls")
def old_xls(path: Path) -> None:
    """An old Excel 97–2003 workbook (.xls): an OLE container with a Workbook stream."""
    path.write_bytes(ole_file(["Workbook"]))


@case("ansokningar_trasig.xlsx")
def truncated(path: Path) -> None:
    """A workbook cut off halfway, as after a failed download."""
    data = grants_with(*GRANT_ROWS[1:])
    path.write_bytes(data[: len(data) // 2])


@case("ansokningar_trasig_xml.xlsx")
def corrupt_xml(path: Path) -> None:
    """A complete zip whose sheet XML stops in the middle of a row."""
    broken = lambda xml: xml[: xml.index(b"<row") + 30]  # noqa: E731
    path.write_bytes(rezip(grants_with(*GRANT_ROWS[1:]), {SHEET_XML: broken}))


@case("ansokningar_inte_excel.xlsx")
def pdf_named_xlsx(path: Path) -> None:
    """A PDF file renamed to .xlsx."""
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


@case("ansokningar_word.xlsx")
def word_named_xlsx(path: Path) -> None:
    """A Word document (a zip with word/document.xml) renamed to .xlsx."""
    path.write_bytes(zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}))


@case("ansokningar_calc.ods")
def ods(path: Path) -> None:
    """An OpenDocument spreadsheet (.ods) from LibreOffice Calc."""
    path.write_bytes(
        zip_of(
            {
                "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                "content.xml": '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
                "META-INF/manifest.xml": "<manifest/>",
            }
        )
    )


CSV_TEXT = (
    "Projekt;Finansiär;Område;Sökt belopp;Inskickad;Beslut;Beviljat belopp;Beslutsdatum\r\n"
    "Räkna med mig!;Svenska ESF-rådet;FoUrum utbildning;7157872,00;2019-02-15;avslag;;2019-06-20\r\n"
    "Letterbox Club;Regional utveckling;FoUrum utbildning;455165,00;2019-03-01;delvis beviljad;250000,00;2019-06-14\r\n"
)


@case("ansokningar_semikolon.csv")
def csv_semicolon(path: Path) -> None:
    """A CSV file as Swedish Excel saves it: ';' between fields, decimal comma, Windows-1252."""
    path.write_bytes(CSV_TEXT.encode("cp1252"))


@case("ansokningar_csv_med_xlsx_namn.xlsx")
def csv_named_xlsx(path: Path) -> None:
    """The same CSV, in UTF-8 with a byte-order mark, renamed to .xlsx."""
    path.write_bytes(CSV_TEXT.encode("utf-8-sig"))


# --- limits and bombs -------------------------------------------------------------------------
HUGE_ROW = 300_001


@case("narvaro_enorm.xlsx")
def enormous_sheet(path: Path) -> None:
    """A sheet that reaches row 300 001, over the 250 000-row limit: a stray cell far down, which
    the sheet's <dimension> (A1:E300001) also claims. Caught before parsing, from the dimension."""

    def far_down(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="A1:E{HUGE_ROW}"'.encode(), xml)
        stray = f'<row r="{HUGE_ROW}"><c r="A{HUGE_ROW}" t="inlineStr"><is><t>.</t></is></c></row>'.encode()
        return xml.replace(b"</sheetData>", stray + b"</sheetData>")

    path.write_bytes(rezip(workbook_bytes({"Närvaro": ATTENDANCE_LONG_ROWS}), {SHEET_XML: far_down}))


@case("ansokningar_zipbomb.xlsx")
def zip_bomb(path: Path) -> None:
    """A valid workbook whose sheet XML carries 20 MB of spaces: it packs about 1 000:1."""
    padded = lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * 20_000_000)  # noqa: E731
    path.write_bytes(rezip(grants_with(*GRANT_ROWS[1:]), {SHEET_XML: padded}))


BILLION_LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


@case("ansokningar_xml_bomb.xlsx")
def xml_bomb(path: Path) -> None:
    """'Billion laughs': the sheet XML declares nested entities that expand to 10^9 'lol's and
    uses the outermost in a cell."""

    def bomb(xml: bytes) -> bytes:
        head, sep, rest = xml.partition(b"?>")
        xml = head + sep + BILLION_LAUGHS.encode() + rest if sep else BILLION_LAUGHS.encode() + xml
        return xml.replace(b"<t>Socialstyrelsen</t>", b"<t>&lol9;</t>")

    path.write_bytes(rezip(grants_with(*GRANT_ROWS[1:]), {SHEET_XML: bomb}))


# --- personal data ----------------------------------------------------------------------------
PLANTED_NAMES = ("Astrid Lindqvist-Öberg", "Bengt Mårtensson")
PLANTED_EMAILS = ("astrid.lindqvist@habo.se", "bengt.martensson@jonkoping.se")


def plant_personal_data(folder: Path) -> list[Path]:
    """Write two attendance workbooks into `folder` that carry names and e-mail addresses
    (`PLANTED_NAMES`, `PLANTED_EMAILS`): one in the long layout with Namn and E-post columns,
    one närvaromatris with a Namn column and a Mejladress column. Returns their paths.

    Both are otherwise valid and use the networks of the conftest registry.
    """
    long_rows = [[*ATTENDANCE_LONG_ROWS[0], "Namn", "E-post"]]
    for i, row in enumerate(ATTENDANCE_LONG_ROWS[1:]):
        long_rows.append([*row, PLANTED_NAMES[i % 2], PLANTED_EMAILS[i % 2]])
    matrix_rows = [["Datum", "Namn", "Jönköping", "Habo", "Mejladress"]]
    matrix_rows += [
        [D(2019, 3, 5), PLANTED_NAMES[0], "x", "", PLANTED_EMAILS[0]],
        [D(2019, 6, 11), PLANTED_NAMES[1], "", "x", PLANTED_EMAILS[1]],
    ]
    paths = [folder / "narvaro_med_namn.xlsx", folder / "narvaro_matris_med_namn.xlsx"]
    paths[0].write_bytes(workbook_bytes({"Närvaro": long_rows}))
    paths[1].write_bytes(workbook_bytes({"PKS": matrix_rows}))
    return paths


# --- shapes of mistake with a rule each (issue 18) -----------------------------------------------
def _grants(*changes: tuple[int, int, object], extra: list[list] | None = None, header=None) -> list[list]:
    rows = [list(r) for r in GRANT_ROWS]
    if header:
        rows[0] = header
    for r, c, v in changes:
        rows[r][c] = v
    return [*rows, *(extra or [])]


@case("ansokningar_punkt_som_tusental.xlsx")
def dot_as_thousands(path: Path) -> None:
    """An amount typed '1.500': thousands in one habit, 1,5 in another; refused, not guessed."""
    path.write_bytes(workbook_bytes({"Ansökningar": _grants((2, 3, "1.500"))}))


@case("ansokningar_enhet_procent_i_belopp.xlsx")
def unit_in_header_that_does_not_fit(path: Path) -> None:
    """The amount column's header declares a unit that is no amount: 'Sökt belopp (%)'."""
    header = [*GRANT_HEADER[:3], "Sökt belopp (%)", *GRANT_HEADER[4:]]
    path.write_bytes(workbook_bytes({"Ansökningar": _grants(header=header)}))


@case("ansokningar_felvarde.xlsx")
def error_value(path: Path) -> None:
    """A cell holding Excel's error value #DIV/0! (a formula result pasted as a value); readers
    see it as empty."""
    path.write_bytes(workbook_bytes({"Ansökningar": _grants((1, 3, "#DIV/0!"))}))


@case("ansokningar_20_siffror.xlsx")
def twenty_digits(path: Path) -> None:
    """A 20-digit number (an account or reference number pasted into the amount column)."""
    path.write_bytes(workbook_bytes({"Ansökningar": _grants((1, 3, "12345678901234567890"))}))


@case("ansokningar_rubrik_langt_ned.xlsx")
def header_far_down(path: Path) -> None:
    """A title, then 39 blank rows, then the header row on row 41: below the rows searched."""
    rows = [["Ansökningar om externa medel 2019"], *[[None]] * 39, *GRANT_ROWS]
    path.write_bytes(workbook_bytes({"Ansökningar": rows}))


@case("ansokningar_extra_blad.xlsx")
def second_data_sheet(path: Path) -> None:
    """A second sheet with applications ('Ansökningar 2020') that the loader does not read."""
    path.write_bytes(workbook_bytes({"Ansökningar": GRANT_ROWS, "Ansökningar 2020": GRANT_ROWS}))


@case("ansokningar_bara_rubriker.xlsx")
def headers_only(path: Path) -> None:
    """The header row and no data rows: 0 applications, which must not pass without a word."""
    path.write_bytes(workbook_bytes({"Ansökningar": [GRANT_HEADER]}))


@case("ansokningar_delsumma_fel.xlsx")
def subtotal_label(path: Path) -> None:
    """A total row labelled 'Delsumma FoUrum' (not Summa/Totalt) whose amount is wrong; it must
    be recognised as a total and checked, not counted as an application."""
    path.write_bytes(workbook_bytes({"Ansökningar": _grants(extra=[["Delsumma FoUrum", None, None, 1000]])}))


@case("ansokningar_okant_omrade.xlsx")
def unknown_area(path: Path) -> None:
    """An area spelt 'FoUrum utbilding', which is none of the partnership's areas."""
    path.write_bytes(workbook_bytes({"Ansökningar": _grants((1, 2, "FoUrum utbilding"))}))


@case("ansokningar_finansiar_stavning.xlsx")
def funder_two_spellings(path: Path) -> None:
    """One funder spelt two ways ('Svenska ESF-rådet', 'svenska ESF-rådet')."""
    extra = [["Nytt projekt", "svenska ESF-rådet", "FoUrum utbildning", 1000, D(2019, 3, 2), "väntar", None, None]]
    path.write_bytes(workbook_bytes({"Ansökningar": _grants(extra=extra)}))


@case("ansokningar_personuppgifter.xlsx")
def personal_data_in_project(path: Path) -> None:
    """A project name with a contact's e-mail address and phone number typed into it."""
    name = "Letterbox Club (kontakt anna.svensson@jonkoping.se, 070-123 45 67)"
    path.write_bytes(workbook_bytes({"Ansökningar": _grants((2, 0, name))}))


@case("ansokningar_datum_langt_fram.xlsx")
def date_far_ahead(path: Path) -> None:
    """One application submitted '2026-03-02', years after all others (a mistyped year)."""
    extra = [["Felskrivet år", "Vinnova", "FoUrum utbildning", 1000, D(2026, 3, 2), "väntar", None, None]]
    path.write_bytes(workbook_bytes({"Ansökningar": _grants(extra=extra)}))


@case("narvaro_matris_kolumn_utan_rubrik.xlsx")
def matrix_marks_without_header(path: Path) -> None:
    """Marks in a närvaromatris column whose header cell is empty: whose attendance is it?"""
    rows = [[*ATTENDANCE_MATRIX_ROWS[0], None], [*ATTENDANCE_MATRIX_ROWS[1], "x"], [*ATTENDANCE_MATRIX_ROWS[2], None]]
    path.write_bytes(workbook_bytes({"Reko": rows}))


@case("narvaro_matris_ingen_inbjuden.xlsx")
def matrix_meeting_nobody_invited(path: Path) -> None:
    """A meeting row where every organisation is marked '-' (not a member): nobody was invited."""
    rows = [*ATTENDANCE_MATRIX_ROWS, [D(2019, 6, 3), "fysiskt", "-", "-", "-"]]
    path.write_bytes(workbook_bytes({"Reko": rows}))


def _matetal(indicators: list[list] | None = None, targets: list[list] | None = None) -> bytes:
    return workbook_bytes({"Mätetal": indicators or INDICATOR_ROWS, "Målvärden": targets or TARGET_ROWS})


def _changed(rows: list[list], r: int, c: int, value: object) -> list[list]:
    out = [list(x) for x in rows]
    out[r][c] = value
    return out


@case("matetal_okant_matt.xlsx")
def unknown_metric(path: Path) -> None:
    """A metric key that names nothing kuanalys computes ('courses.participant', one letter short)."""
    path.write_bytes(_matetal(_changed(INDICATOR_ROWS, 2, 4, "courses.participant")))


@case("matetal_okant_natverk_i_matt.xlsx")
def unknown_network_in_metric(path: Path) -> None:
    """A network inside a metric key that is not in the network register ('Rekå')."""
    path.write_bytes(_matetal(_changed(INDICATOR_ROWS, 1, 4, "attendance.network:Rekå")))


@case("matetal_orimligt_mal.xlsx")
def target_over_100(path: Path) -> None:
    """A target of '800 %' for a rate."""
    path.write_bytes(_matetal(targets=_changed(TARGET_ROWS, 1, 2, "800 %")))


@case("matetal_olasligt_mal.xlsx")
def unreadable_target(path: Path) -> None:
    """A target in words ('åttio procent') that the scorecard's parser cannot read."""
    path.write_bytes(_matetal(targets=_changed(TARGET_ROWS, 1, 2, "åttio procent")))


@case("matetal_okant_id_i_malvarden.xlsx")
def unknown_target_id(path: Path) -> None:
    """A target whose id matches no indicator ('narvaro_rekå')."""
    path.write_bytes(_matetal(targets=_changed(TARGET_ROWS, 1, 0, "narvaro_rekå")))


@case("kommentarer_okant_avsnitt.xlsx")
def unknown_comment_section(path: Path) -> None:
    """A comment for section 'narvar', which is neither a section nor an indicator: it would never be shown."""
    path.write_bytes(workbook_bytes({"Kommentarer": _changed(COMMENT_ROWS, 1, 2, "narvar")}))


@case("kommentarer_personuppgifter.xlsx")
def personal_data_in_comment(path: Path) -> None:
    """A comment with a name, an e-mail address and a phone number typed into it."""
    text = "Ring Anna Svensson på 036-10 50 00 eller skriv till anna.svensson@jonkoping.se."
    path.write_bytes(workbook_bytes({"Kommentarer": _changed(COMMENT_ROWS, 1, 3, text)}))


@case("kurser_okand_arrangor.xlsx")
def unknown_organiser(path: Path) -> None:
    """An organiser spelt 'Kurs o konferens': its course would silently leave Bilaga 2."""
    courses = _changed(COURSE_ROWS, 1, 3, "Kurs o konferens")
    path.write_bytes(workbook_bytes({"Kurser": courses, "Deltagare": PARTICIPANT_ROWS}))


@case("kurser_totalt_alla.xlsx")
def total_row_other_label(path: Path) -> None:
    """A total row labelled 'Totalt alla kurser' whose participant count is wrong; it must not
    be read as a course."""
    courses = [*COURSE_ROWS, ["Totalt alla kurser", None, None, None, None, None, None, None, None, 200]]
    path.write_bytes(workbook_bytes({"Kurser": courses, "Deltagare": PARTICIPANT_ROWS}))


@case("ansokningar_utan_kalkylblad.xlsx")
def no_worksheet(path: Path) -> None:
    """A workbook whose list of sheets is empty (as left by a tool that wrote only a chart):
    it must be named, not skipped."""
    data = workbook_bytes({"Ansökningar": GRANT_ROWS})
    path.write_bytes(
        rezip(data, {"xl/workbook.xml": lambda xml: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml, flags=re.S)})
    )


# --- issue 25: years, duplicates by normalised text, target units, sheet order, personal data,
# a survey respondent counted twice ------------------------------------------------------------
ACTIVITY_ROWS = [
    ["År", "Tertial", "Område", "Aktivitet", "Status", "Kommentar"],
    [2019, 2, "Samverkan", "Nätverksträffar med Reko", "pågår", "Två träffar hölls."],
    [2019, 2, "Kurser", "Kursutbud hösten", "klar", None],
]
PROJECT_ROWS = [
    [
        "Uppdrag/projekt",
        "År",
        "Typ",
        "Område",
        "Start",
        "Planerat slut",
        "Status",
        "Inom budget",
        "Enligt plan",
        "Mål uppfyllda",
    ],
    [
        "Peer Support",
        2019,
        "projekt",
        "FoUrum utbildning",
        D(2019, 1, 1),
        D(2019, 12, 31),
        "pågående",
        "ja",
        "ja",
        None,
    ],
    [
        "Letterbox Club",
        2019,
        "projekt",
        "FoUrum utbildning",
        D(2019, 3, 1),
        D(2020, 6, 30),
        "pågående",
        "ja",
        "ja",
        None,
    ],
]
SURVEY_SHEETS = {
    "Svarsskala": [["Svarsalternativ", "Ordning", "Mycket nöjd"], ["Nöjd", 1, "Nej"], ["Mycket nöjd", 2, "Ja"]],
    "Frågor": [["Id", "Fråga", "Mätetal"], ["F1", "Hur nöjd är du med nätverket?", "Andel mycket nöjda."]],
}
# A personnummer and a samordningsnummer whose check digits are right (made up for the corpus).
PERSONNUMMER_12 = "198503141007"
SAMORDNINGSNUMMER = "701063-2391"


@case("aktiviteter_ar_2042.xlsx")
def activity_year_far_ahead(path: Path) -> None:
    """An activity with År 2042 (meant 2024): after next year, so it cannot be right, and it would
    drop out of every report without a word."""
    path.write_bytes(workbook_bytes({"Aktiviteter": _changed(ACTIVITY_ROWS, 2, 0, 2042)}))


@case("projekt_ar_efter_planen.xlsx")
def project_year_after_the_plan(path: Path) -> None:
    """A project row for 2021 when the plan's targets and the attendance end in 2019: more than
    one year after both, most likely a mistyped year."""
    path.write_bytes(workbook_bytes({"Projekt": _changed(PROJECT_ROWS, 2, 1, 2021)}))


@case("kommentarer_ar_fore_planen.xlsx")
def comment_year_before_the_plan(path: Path) -> None:
    """A comment for 2017, before the plan's first year (2019)."""
    path.write_bytes(workbook_bytes({"Kommentarer": _changed(COMMENT_ROWS, 1, 0, 2017)}))


@case("matetal_malvarde_ar_2042.xlsx")
def target_year_far_ahead(path: Path) -> None:
    """A target for År 2042 in Målvärden (the År column had only a 2000–2100 range)."""
    path.write_bytes(_matetal(targets=_changed(TARGET_ROWS, 1, 1, 2042)))


@case("projekt_dubblett_skiftlage.xlsx")
def project_twice_in_other_case(path: Path) -> None:
    """'Peer support' next to 'Peer Support' for the same year, with another Inom budget: one
    project written twice, with values that conflict (it was counted as two projects)."""
    extra = ["Peer support", 2019, "projekt", "FoUrum utbildning", D(2019, 1, 1), D(2019, 12, 31), "pågående", "nej"]
    path.write_bytes(workbook_bytes({"Projekt": [*PROJECT_ROWS, [*extra, "ja", None]]}))


@case("aktiviteter_dubblett_identisk.xlsx")
def activity_twice_identical(path: Path) -> None:
    """The same activity pasted twice, the second time with other case and spacing: identical
    rows, so a warning, and the activity is listed once."""
    again = [2019, 2, "samverkan", "Nätverksträffar  med reko", "pågår", "Två träffar hölls."]
    path.write_bytes(workbook_bytes({"Aktiviteter": [*ACTIVITY_ROWS, again]}))


@case("kommentarer_dubblett.xlsx")
def comment_twice(path: Path) -> None:
    """The same comment pasted twice for the same section and tertial: shown once, with a warning."""
    path.write_bytes(
        workbook_bytes({"Kommentarer": [*COMMENT_ROWS, [2019, 2, "narvaro_reko", "Närvaron har minskat något"]]})
    )


@case("matetal_procent_for_antal.xlsx")
def percent_target_for_a_count(path: Path) -> None:
    """A target of '50 %' for a mätetal counted in st: it was read as 0,5 participants."""
    path.write_bytes(_matetal(targets=_changed(TARGET_ROWS, 2, 2, "50 %")))


@case("matetal_malvarde_okand_enhet.xlsx")
def target_with_a_word_for_unit(path: Path) -> None:
    """A target '120 deltagare' for a mätetal counted in st: a word that is no unit."""
    path.write_bytes(_matetal(targets=_changed(TARGET_ROWS, 2, 2, "120 deltagare")))


@case("matetal_blad_i_annan_ordning.xlsx")
def sheets_in_another_order(path: Path) -> None:
    """Sheets in the order Mätetal, Mål, Målvärden (the synonym 'mål' of Målvärden took the Mål
    sheet, which was then refused for lacking an Id). Only a year typed with the letter O in Mål
    is wrong: that error, in that sheet, shows each sheet is read as itself."""
    goals = [
        ["Strategiskt mål", "Område", "Första år"],
        ["Starkt partnerskap", "Samverkan", "2O19"],
        ["Kompetens", "Kurser", 2019],
    ]
    path.write_bytes(workbook_bytes({"Mätetal": INDICATOR_ROWS, "Mål": goals, "Målvärden": TARGET_ROWS}))


@case("aktiviteter_personnummer.xlsx")
def personnummer_without_dash(path: Path) -> None:
    """A personnummer written as 12 digits without a dash in an activity's comment."""
    text = f"Kontaktperson har personnummer {PERSONNUMMER_12}."
    path.write_bytes(workbook_bytes({"Aktiviteter": _changed(ACTIVITY_ROWS, 1, 5, text)}))


@case("kurser_samordningsnummer.xlsx")
def samordningsnummer_in_title(path: Path) -> None:
    """A samordningsnummer (day + 60) in a course title; the course's amounts never count as one."""
    courses = _changed(COURSE_ROWS, 1, 1, f"LOU fördjupning ({SAMORDNINGSNUMMER})")
    path.write_bytes(workbook_bytes({"Kurser": courses, "Deltagare": PARTICIPANT_ROWS}))


@case("installningar_personuppgifter.xlsx")
def author_with_contact_details(path: Path) -> None:
    """The cover's author given with an e-mail address and a phone number (installningar.xlsx
    was never scanned, so they went onto every cover)."""
    rows = [
        ["Inställning", "Värde"],
        ["titel", "Tertialrapport"],
        ["författare", "Anna Svensson, anna.svensson@rjl.se, 070-123 45 67"],
    ]
    path.write_bytes(workbook_bytes({"Inställningar": rows}))


@case("utvarderingsenkat_samma_svarande.xlsx")
def respondent_counted_twice(path: Path) -> None:
    """One respondent's answer pasted twice in Enskilda svar (same Respondent-id): the network got
    one respondent too many."""
    answers = [
        ["År", "Nätverk", "Fråga", "Svar", "Respondent-id"],
        [2019, "Reko", "F1", "Mycket nöjd", "R017"],
        [2019, "Reko", "F1", "Nöjd", "R018"],
        [2019, "Reko", "F1", "Mycket nöjd", "r017"],
    ]
    path.write_bytes(workbook_bytes({"Enskilda svar": answers, **SURVEY_SHEETS}))


def build_corpus(folder: Path) -> list[Path]:
    """Write every corpus file into `folder` (created if needed); return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for filename, build in CASES.items():
        build(folder / filename)
        paths.append(folder / filename)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS_DIR
    for written in build_corpus(target):
        print(written)
