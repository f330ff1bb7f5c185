"""Personal data planted in attendance workbooks (names and e-mail addresses in Namn, E-post and
Mejladress columns, bad_corpus.plant_personal_data) never reaches data/processed, the loaded
frames or the problems shown to the user.

"Every byte written" is searched three ways: the raw Parquet files (metadata and any plain
pages), every column of every table decoded, and each file rewritten without compression.
A positive control shows that the search finds a planted value when one is written.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from bad_corpus import PLANTED_EMAILS, PLANTED_NAMES, plant_personal_data, workbook_bytes
from conftest import ATTENDANCE_LONG_ROWS, write_valid_dir

from kuanalys.cli import main
from kuanalys.ingest import ingest_dir, validate_dir
from kuanalys.loaders import load_all, load_attendance

PLANTED = (*PLANTED_NAMES, *PLANTED_EMAILS)
# Parts that should not survive either: surnames alone and the e-mail's local part.
FRAGMENTS = (*PLANTED, "Lindqvist", "Mårtensson", "astrid.lindqvist", "bengt.martensson")


def encodings(text: str) -> list[bytes]:
    """Return the byte forms a string may take in a file: UTF-8 (NFC), UTF-16 and Latin-1."""
    forms = [text.encode("utf-8"), text.encode("utf-16-le")]
    try:
        forms.append(text.encode("latin-1"))
    except UnicodeEncodeError:
        pass
    return forms


def parquet_bytes(path: Path) -> list[bytes]:
    """Return every byte form of a Parquet file worth searching: the file itself, the file
    rewritten without compression, and its decoded contents and metadata as text."""
    table = pq.read_table(path)
    plain = io.BytesIO()
    pq.write_table(table, plain, compression="NONE")
    decoded = table.to_pandas().astype(str).to_csv().encode("utf-8")
    meta = str(pq.read_metadata(path).metadata).encode("utf-8") + str(table.schema).encode("utf-8")
    return [path.read_bytes(), plain.getvalue(), decoded, meta]


def leaks(folder: Path, needles=FRAGMENTS) -> list[tuple[str, str]]:
    """Return (file, needle) for every planted string found in any file below `folder`."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        blobs = parquet_bytes(path) if path.suffix == ".parquet" else [path.read_bytes()]
        for needle in needles:
            if any(form in blob for blob in blobs for form in encodings(needle)):
                found.append((str(path.relative_to(folder)), needle))
    return found


@pytest.fixture
def planted_dir(tmp_path) -> Path:
    """A valid input folder whose attendance files carry names and e-mail addresses."""
    raw = write_valid_dir(tmp_path / "raw")
    for p in raw.glob("narvaro*.xlsx"):
        p.unlink()
    plant_personal_data(raw)
    return raw


def test_the_planted_files_really_hold_the_personal_data(planted_dir):
    import html
    import zipfile

    for path in planted_dir.glob("narvaro*med_namn.xlsx"):
        with zipfile.ZipFile(path) as zf:
            xml = b"".join(zf.read(n) for n in zf.namelist())
        text = html.unescape(xml.decode("utf-8"))  # the XML writer may store Ö as &#214;
        assert all(needle in text for needle in (PLANTED_NAMES[0], PLANTED_EMAILS[0]))


def test_ingest_writes_no_personal_data(planted_dir, tmp_path, capsys):
    out = tmp_path / "processed"
    assert main(["ingest", str(planted_dir), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    tables = sorted(f"{n}.parquet" for n in load_all(planted_dir).tables())
    assert sorted(p.name for p in out.iterdir()) == sorted([*tables, "kuanalys-dataset.json"])
    attendance = pd.read_parquet(out / "attendance.parquet")
    assert len(attendance) == 10  # six long-layout rows, two matrix meetings × two organisations
    assert not {c.casefold() for c in attendance.columns} & {"namn", "e-post", "mejladress", "name", "email"}
    assert leaks(out) == []
    assert not any(n in captured.out + captured.err for n in FRAGMENTS)


def test_the_search_finds_planted_data_when_it_is_written(tmp_path):
    """Positive control: the same search on a compressed Parquet file that does hold the values."""
    frame = pd.DataFrame({"who": list(PLANTED) * 50, "n": range(200)})
    folder = tmp_path / "leaky"
    folder.mkdir()
    frame.to_parquet(folder / "leak.parquet", compression="snappy")
    assert {needle for _, needle in leaks(folder, PLANTED)} == set(PLANTED)
    pq.write_table(
        pa.Table.from_pandas(pd.DataFrame({"n": [1]})).replace_schema_metadata({"x": PLANTED_NAMES[1]}),
        folder / "meta.parquet",
        compression="zstd",
    )
    assert ("meta.parquet", PLANTED_NAMES[1]) in leaks(folder, PLANTED)


def test_validation_warns_about_the_columns_without_echoing_their_values(planted_dir, capsys):
    assert main(["validate", str(planted_dir)]) == 0
    out = capsys.readouterr().out
    warned = [line for line in out.splitlines() if "personuppgifter" in line]
    assert len(warned) == 4  # Namn and E-post (long layout), Namn and Mejladress (matrix)
    assert all(line.startswith("VARNING: narvaro_") for line in warned)
    assert 'kolumn "E-post"' in out and 'kolumn "Mejladress"' in out
    assert not any(n in out for n in FRAGMENTS)


def test_loaded_frames_and_their_warnings_hold_no_personal_data(planted_dir):
    dataset = load_all(planted_dir)
    for name, table in dataset.tables().items():
        text = table.astype(str).to_csv() + " ".join(map(str, table.columns)) + str(table.attrs)
        assert not any(n in text for n in FRAGMENTS), name
    assert not any(n in str(p) for p in dataset.warnings for n in FRAGMENTS)
    for path in planted_dir.glob("narvaro*.xlsx"):
        frame = load_attendance(path)
        assert not any(n in frame.astype(str).to_csv() + str(frame.attrs) for n in FRAGMENTS)


def test_errors_in_a_file_with_personal_data_do_not_echo_it(planted_dir, tmp_path, capsys):
    """A broken file with personal columns: a bad date, an unknown organisation and a duplicate
    on rows that carry names. The problems name rows and columns, never the names or addresses;
    nothing is written."""
    rows = [[*ATTENDANCE_LONG_ROWS[0], "Namn", "E-post"]]
    rows += [[*r, PLANTED_NAMES[0], PLANTED_EMAILS[0]] for r in ATTENDANCE_LONG_ROWS[1:]]
    rows[1][0] = "2019-13-45"
    rows[2][2] = "Hobo"
    rows.append([*ATTENDANCE_LONG_ROWS[3], PLANTED_NAMES[1], PLANTED_EMAILS[1]])
    (planted_dir / "narvaro_med_namn.xlsx").write_bytes(workbook_bytes({"Närvaro": rows}))
    problems = validate_dir(planted_dir)
    assert problems.has_errors() and len(problems.errors) == 3
    assert not any(n in str(p) for p in problems for n in FRAGMENTS)
    out = tmp_path / "processed"
    assert main(["ingest", str(planted_dir), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert not any(n in captured.out + captured.err for n in FRAGMENTS)
    assert not out.exists() or leaks(out) == []


def test_personal_columns_under_other_names_are_dropped_too(tmp_path):
    """Headers such as 'Deltagarens namn', 'E-postadress', 'Mobilnummer' and 'Kontaktperson'."""
    raw = write_valid_dir(tmp_path / "raw")
    extra = ["Deltagarens namn", "E-postadress", "Mobilnummer", "Kontaktperson"]
    values = [PLANTED_NAMES[0], PLANTED_EMAILS[0], "070-123 45 67", PLANTED_NAMES[1]]
    rows = [[*ATTENDANCE_LONG_ROWS[0], *extra]] + [[*r, *values] for r in ATTENDANCE_LONG_ROWS[1:]]
    (raw / "narvaro_lang.xlsx").write_bytes(workbook_bytes({"Närvaro": rows}))
    problems = validate_dir(raw)
    personal = [p for p in problems.warnings if "personuppgifter" in p.message]
    assert sorted(p.column for p in personal) == sorted(extra)
    out = tmp_path / "processed"
    ingest_dir(raw, out)
    assert leaks(out, (*FRAGMENTS, "070-123 45 67")) == []
    shutil.rmtree(out)


def test_a_name_from_a_name_column_in_free_text_is_named_without_repeating_it(tmp_path, capsys):
    """A full name that an input's name column holds (Deltagare: Namn) and that a comment repeats,
    in other case and spacing, is a warning at the comment's cell (an error with --strikt); the
    message does not repeat the name, and a lone first name ('Per') is not searched for."""
    from conftest import COMMENT_ROWS, COURSE_ROWS, PARTICIPANT_ROWS, write_xlsx

    raw = write_valid_dir(tmp_path / "raw")
    participants = [[*PARTICIPANT_ROWS[0], "Namn"], [*PARTICIPANT_ROWS[1], "Astrid Lindqvist"]]
    participants += [[*row, "Per"] for row in PARTICIPANT_ROWS[2:]]
    write_xlsx(raw / "kurser.xlsx", {"Kurser": COURSE_ROWS, "Deltagare": participants})
    text = "Enligt astrid  LINDQVIST kom 5 per möte."
    write_xlsx(raw / "kommentarer.xlsx", {"Kommentarer": [COMMENT_ROWS[0], [2019, 2, "narvaro_reko", text]]})

    assert main(["validate", "--data", str(raw)]) == 0
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if "Text" in line]
    assert line == (
        'VARNING: kommentarer.xlsx, blad "Kommentarer", rad 2, kolumn "Text": Texten innehåller ett namn som står i '
        "en namnkolumn i indata, som skulle publiceras i rapporten. Ta bort personuppgifterna ur texten."
    )
    assert "lindqvist" not in out.casefold()
    assert main(["validate", "--data", str(raw), "--strikt"]) == 1
    capsys.readouterr()
    write_xlsx(raw / "kommentarer.xlsx", {"Kommentarer": [COMMENT_ROWS[0], [2019, 2, "narvaro_reko", "5 per möte."]]})
    ds = load_all(raw)
    assert not [w for w in ds.warnings if w.column == "Text"]
    assert "_person" not in ds.course_participants.columns
