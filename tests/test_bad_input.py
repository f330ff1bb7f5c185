"""Every file of the bad-input corpus (tests/fixtures/bad, built by tests/bad_corpus.py) through
the CLI: `kuanalys validate` and `kuanalys ingest` exit 1 (the unknown-column file only warns),
show no traceback, list each expected problem with file, sheet, Excel row and column, leave the
input byte-identical and leave a previously ingested data/processed exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import bad_corpus
import pandas as pd
import pytest
from conftest import write_valid_dir

from kuanalys import parsing
from kuanalys.cli import main
from kuanalys.errors import Problem
from kuanalys.excel import read_workbook
from kuanalys.ingest import ingest_dir, validate_dir
from kuanalys.loaders import load_grants
from kuanalys.spec import kind_of_file

CORPUS = bad_corpus.CORPUS_DIR


@dataclass(frozen=True)
class Expect:
    """One problem the CLI must print: a message fragment at an exact location."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    severity: str = "FEL"

    def matches(self, filename: str, line: str) -> bool:
        """True when `line` is this problem of `filename`, located exactly as expected
        (file, blad "…", rad N, kolumn "…", as `Problem.location` writes it)."""
        where = Problem(filename, "", sheet=self.sheet, row=self.row, column=self.column).location()
        return line.startswith(f"{self.severity}: {where}: ") and self.message in line


G = "Ansökningar"
SAVE_AS = "Spara som → Excel-arbetsbok (.xlsx)"
EXPECTED: dict[str, list[Expect]] = {
    # file level
    "ansokningar_tom_fil.xlsx": [Expect("Filen är tom (0 byte).")],
    "ansokningar_krypterad.xlsx": [Expect("Filen är lösenordsskyddad (krypterad)")],
    "ansokningar_gammal.xls": [Expect("Filen är en gammal Excel-fil (.xls)"), Expect(SAVE_AS)],
    "ansokningar_trasig.xlsx": [Expect("Filen är trasig eller ofullständig")],
    "ansokningar_trasig_xml.xlsx": [Expect("Filen kan inte läsas som Excel-arbetsbok")],
    "ansokningar_inte_excel.xlsx": [Expect("Filen är en PDF-fil, ingen Excel-arbetsbok")],
    "ansokningar_word.xlsx": [Expect("Filen är ett Word-dokument")],
    "ansokningar_calc.ods": [Expect("Filen är en OpenDocument-fil (.ods)"), Expect(SAVE_AS)],
    "ansokningar_semikolon.csv": [Expect("Filen är en textfil med avgränsade värden (CSV)"), Expect(SAVE_AS)],
    "ansokningar_csv_med_xlsx_namn.xlsx": [Expect("Filen är en textfil med avgränsade värden (CSV)")],
    "ansokningar_zipbomb.xlsx": [Expect("onormal komprimeringsgrad"), Expect("gränsen är 100:1"), Expect("zip-bomb")],
    "ansokningar_xml_bomb.xlsx": [Expect("DOCTYPE- eller ENTITY-deklarationer"), Expect("XML-bomb")],
    "narvaro_enorm.xlsx": [
        Expect("Bladet har 300 001 rader, fler än gränsen 250 000 (KUANALYS_MAX_ROWS)", sheet="Närvaro")
    ],
    # sheet and header level
    "ansokningar_tomt_blad.xlsx": [Expect("Bladet är tomt.", sheet=G)],
    "ansokningar_bara_rubrik.xlsx": [Expect("Bladet innehåller bara en rubrik", sheet=G)],
    "ansokningar_dolt_blad.xlsx": [
        Expect("Bladet 'Ansökningar' saknas bland de synliga bladen; dolda blad läses inte in", sheet=G),
        Expect("Bladet är dolt och läses inte in.", sheet=G, severity="VARNING"),
    ],
    "kurser_saknat_blad.xlsx": [Expect("Bladet 'Kurser' saknas. Bladen i filen: 'Deltagare'.")],
    "ansokningar_saknad_rubrik.xlsx": [Expect("Kolumnen 'Sökt belopp' saknas.", sheet=G, row=1)],
    "ansokningar_felstavad_rubrik.xlsx": [
        Expect("Kolumnen 'Sökt belopp' saknas. Menade du 'Sökt belop'?", sheet=G, row=1, column="Sökt belop"),
    ],
    "ansokningar_okand_kolumn.xlsx": [
        Expect(
            "Okänd kolumn 'Handläggare' (kolumn I) läses inte in.",
            sheet=G,
            row=1,
            column="Handläggare",
            severity="VARNING",
        ),
    ],
    "ansokningar_sammanfogad_rubrik.xlsx": [
        Expect("Rubrikcellerna F2:G2 är sammanfogade", sheet=G, row=2, column="Beslut"),
    ],
    # cell level
    "ansokningar_text_i_belopp.xlsx": [Expect("Väntade ett tal", sheet=G, row=3, column="Sökt belopp")],
    "ansokningar_negativt_belopp.xlsx": [
        Expect("Beloppet får inte vara negativt.", sheet=G, row=4, column="Sökt belopp")
    ],
    "ansokningar_orimligt_datum.xlsx": [Expect("Orimligt datum 2109-02-15", sheet=G, row=2, column="Inskickad")],
    "ansokningar_textdatum.xlsx": [Expect("Väntade ett datum", sheet=G, row=8, column="Inskickad")],
    "ansokningar_okant_beslut.xlsx": [
        Expect("Okänt värde. Tillåtna värden: väntar", sheet=G, row=4, column="Beslut"),
        Expect("Menade du 'beviljad'?", sheet=G, row=4, column="Beslut"),
    ],
    "ansokningar_saknat_varde.xlsx": [Expect("Värde saknas.", sheet=G, row=3, column="Finansiär")],
    "ansokningar_flera_fel.xlsx": [
        Expect("Väntade ett tal", sheet=G, row=2, column="Sökt belopp"),
        Expect("Okänt värde.", sheet=G, row=3, column="Beslut"),
        Expect("Datumet finns inte i kalendern.", sheet=G, row=4, column="Inskickad"),
    ],
    "ansokningar_formel_utan_varde.xlsx": [
        Expect(
            "Cellen innehåller en formel utan sparat värde. Öppna filen i Excel och spara den igen.",
            sheet=G,
            row=3,
            column="Beviljat belopp",
        ),
    ],
    "narvaro_okand_kommun.xlsx": [
        Expect("Okänd organisation. Menade du: Jönköping", sheet="Närvaro", row=3, column="Organisation"),
    ],
    "narvaro_matris_okant_varde.xlsx": [Expect("Okänt värde i närvaromatrisen", sheet="Reko", row=3, column="Habo")],
    "narvaro_matris_sammanfogade_celler.xlsx": [
        Expect("Cellerna C3:D3 är sammanfogade", sheet="Reko", row=3, column="Jönköping"),
    ],
    # rule level
    "ansokningar_beviljat_over_sokt.xlsx": [
        Expect(
            "Beviljat belopp (500 000 kr) är större än sökt belopp (455 165 kr).",
            sheet=G,
            row=3,
            column="Beviljat belopp",
        ),
    ],
    "ansokningar_dubblettrad.xlsx": [
        Expect(
            "Dubblettrad: Ansökan 'Räkna med mig!' till Svenska ESF-rådet inskickad 2019-02-15 finns redan på rad 2.",
            sheet=G,
            row=5,
        ),
    ],
    "ansokningar_summa_fel.xlsx": [
        Expect(
            "Summaraden anger 9 000 000 men raderna ovanför summerar till 8 613 037",
            sheet=G,
            row=5,
            column="Sökt belopp",
        ),
    ],
    "narvaro_motstridig_narvaro.xlsx": [
        Expect(
            "Mötet 2019-02-01 i 'Reko' för Jönköping finns redan på rad 2 med andra uppgifter (motstridiga rader).",
            sheet="Närvaro",
            row=8,
        ),
    ],
    "natverk_dubblett.xlsx": [Expect("Dubblettrad: Nätverket 'REKO' finns redan på rad 2.", sheet="Nätverk", row=5)],
    # shapes of mistake with a rule each (issue 18)
    "ansokningar_utan_kalkylblad.xlsx": [Expect("Arbetsboken har inga kalkylblad")],
    "ansokningar_punkt_som_tusental.xlsx": [
        Expect("Oklart om 1.500 betyder 1 500 eller 1,5: skriv tusental med mellanslag", G, 3, "Sökt belopp")
    ],
    "ansokningar_enhet_procent_i_belopp.xlsx": [
        Expect("Rubriken anger enheten '%', som inte passar kolumnen Sökt belopp", G, 1, "Sökt belopp (%)")
    ],
    "ansokningar_felvarde.xlsx": [Expect("Cellen har Excels felvärde #DIV/0!", G, 2, "Sökt belopp")],
    "ansokningar_20_siffror.xlsx": [Expect("Talet har fler än 15 siffror", G, 2, "Sökt belopp")],
    "ansokningar_rubrik_langt_ned.xlsx": [
        Expect("Rubrikraden står på rad 41, men rubriker söks bara bland de första 30 raderna.", G, 41)
    ],
    "ansokningar_extra_blad.xlsx": [
        Expect("Bladet har data men läses inte", "Ansökningar 2020", severity="VARNING"),
    ],
    "ansokningar_bara_rubriker.xlsx": [
        Expect("Bladet har rubriker men inga rader med data", G, 1, severity="VARNING"),
    ],
    "ansokningar_delsumma_fel.xlsx": [
        Expect("Summaraden anger 1 000 men raderna ovanför summerar till 8 613 037", G, 5, "Sökt belopp")
    ],
    "ansokningar_okant_omrade.xlsx": [Expect("Okänt värde. Menade du: 'FoUrum utbildning'", G, 2, "Område")],
    "ansokningar_finansiar_stavning.xlsx": [
        Expect("Finansiären liknar 'Svenska ESF-rådet' på en tidigare rad", G, 5, "Finansiär", "VARNING")
    ],
    "ansokningar_personuppgifter.xlsx": [
        Expect("Texten innehåller en e-postadress och ett telefonnummer", G, 3, "Projekt", "VARNING")
    ],
    "ansokningar_datum_langt_fram.xlsx": [
        Expect("Datumet 2026-03-02 ligger långt från övriga datum i kolumnen", G, 5, "Inskickad", "VARNING")
    ],
    "narvaro_matris_kolumn_utan_rubrik.xlsx": [
        Expect("Kolumnen saknar rubrik men har 1 ifyllda celler", "Reko", 2, "F"),
    ],
    "narvaro_matris_ingen_inbjuden.xlsx": [
        Expect("Mötet har ingen inbjuden organisation", "Reko", 4, severity="VARNING"),
    ],
    "matetal_okant_matt.xlsx": [Expect("Okänt mått. Menade du: 'courses.participants'", "Mätetal", 3, "Mått")],
    "matetal_okant_natverk_i_matt.xlsx": [
        Expect(
            "Nätverket 'Rekå' i måttet finns inte i nätverksregistret (natverk.xlsx). Menade du: 'Reko'?",
            "Mätetal",
            2,
            "Mått",
        ),
    ],
    "matetal_orimligt_mal.xlsx": [
        Expect("Målvärdet 800 % är över 100 %, som är det högsta möjliga för en andel.", "Målvärden", 2, "Målvärde")
    ],
    "matetal_olasligt_mal.xlsx": [Expect("Målvärdet 'åttio procent' kan inte tolkas.", "Målvärden", 2, "Målvärde")],
    "matetal_okant_id_i_malvarden.xlsx": [
        Expect("Id 'narvaro_rekå' finns inte i bladet 'Mätetal'.", "Målvärden", 2, "Id")
    ],
    "kommentarer_okant_avsnitt.xlsx": [
        Expect("Avsnittet finns inte i rapporten och är inget mätetal", "Kommentarer", 2, "Avsnitt"),
        Expect("Menade du: 'narvaro_reko'", "Kommentarer", 2, "Avsnitt"),
    ],
    "kommentarer_personuppgifter.xlsx": [
        Expect("Texten innehåller en e-postadress och ett telefonnummer", "Kommentarer", 2, "Text", "VARNING")
    ],
    "kurser_okand_arrangor.xlsx": [Expect("Okänt värde. Menade du: 'Kurs och konferens'", "Kurser", 2, "Arrangör")],
    "kurser_totalt_alla.xlsx": [
        Expect("Summaraden anger 200 men raderna ovanför summerar till 159", "Kurser", 5, "Antal deltagare")
    ],
    # issue 25 (judged on TODAY, see pinned_today)
    "aktiviteter_ar_2042.xlsx": [
        Expect("Året 2042 ligger efter nästa år (2027) och kan inte stämma. Rätta årtalet.", "Aktiviteter", 3, "År")
    ],
    "projekt_ar_efter_planen.xlsx": [
        Expect(
            "Året 2021 ligger mer än ett år efter det sista året i verksamhetsplanen och närvaron (2019). "
            "Kontrollera årtalet.",
            "Projekt",
            3,
            "År",
            "VARNING",
        )
    ],
    "kommentarer_ar_fore_planen.xlsx": [
        Expect(
            "Året 2017 ligger före verksamhetsplanens första år (2019). Kontrollera årtalet.",
            "Kommentarer",
            2,
            "År",
            "VARNING",
        )
    ],
    "matetal_malvarde_ar_2042.xlsx": [
        Expect("Året 2042 ligger efter nästa år (2027) och kan inte stämma. Rätta årtalet.", "Målvärden", 2, "År")
    ],
    "projekt_dubblett_skiftlage.xlsx": [
        Expect(
            "Uppdraget/projektet 'Peer support' år 2019 finns redan på rad 2 (skrivet 'Peer Support') med andra "
            "uppgifter (motstridiga rader).",
            "Projekt",
            4,
        )
    ],
    "aktiviteter_dubblett_identisk.xlsx": [
        Expect(
            "Dubblettrad: Aktiviteten 'Nätverksträffar med reko' för tertial 2 2019 finns redan på rad 2 (skrivet "
            "'Samverkan', 'Nätverksträffar med Reko') med samma uppgifter; raden räknas en gång.",
            "Aktiviteter",
            4,
            severity="VARNING",
        )
    ],
    "kommentarer_dubblett.xlsx": [
        Expect(
            "Dubblettrad: Texten till avsnittet 'narvaro_reko' för tertial 2 2019 finns redan på rad 2 (skrivet "
            "'Närvaron har minskat något.') med samma uppgifter; raden räknas en gång.",
            "Kommentarer",
            3,
            severity="VARNING",
        )
    ],
    "matetal_procent_for_antal.xlsx": [
        Expect(
            "Målvärdet '50 %' anges i %, men mätetalet räknas i antal (st); skriv t.ex. 91 eller 91 st.",
            "Målvärden",
            3,
            "Målvärde",
        )
    ],
    "matetal_malvarde_okand_enhet.xlsx": [
        Expect(
            "Målvärdet '120 deltagare' har 'deltagare' som enhet, men det är ingen enhet. Mätetalet räknas i "
            "antal (st); skriv t.ex. 91 eller 91 st.",
            "Målvärden",
            3,
            "Målvärde",
        )
    ],
    "matetal_blad_i_annan_ordning.xlsx": [Expect("Väntade ett år, t.ex. 2019.", "Mål", 2, "Första år")],
    "aktiviteter_personnummer.xlsx": [
        Expect(
            "Texten innehåller ett personnummer, som skulle publiceras i rapporten. Ta bort personuppgifterna ur "
            "texten.",
            "Aktiviteter",
            2,
            "Kommentar",
            "VARNING",
        )
    ],
    "kurser_samordningsnummer.xlsx": [
        Expect(
            "Texten innehåller ett samordningsnummer, som skulle publiceras i rapporten.",
            "Kurser",
            2,
            "Titel",
            "VARNING",
        )
    ],
    "installningar_personuppgifter.xlsx": [
        Expect(
            "Texten innehåller en e-postadress och ett telefonnummer, som skulle publiceras i rapporten.",
            "Inställningar",
            3,
            "Värde",
            "VARNING",
        )
    ],
    "utvarderingsenkat_samma_svarande.xlsx": [
        Expect(
            "Dubblettrad: Svaret på frågan 'F1' för nätverket 'Reko' år 2019 från samma Respondent-id finns redan "
            "på rad 2 med samma uppgifter; raden räknas en gång.",
            "Enskilda svar",
            4,
            severity="VARNING",
        )
    ],
}
WARNING_ONLY = {
    "ansokningar_okand_kolumn.xlsx",
    "ansokningar_extra_blad.xlsx",
    "ansokningar_bara_rubriker.xlsx",
    "ansokningar_finansiar_stavning.xlsx",
    "ansokningar_personuppgifter.xlsx",
    "ansokningar_datum_langt_fram.xlsx",
    "narvaro_matris_ingen_inbjuden.xlsx",
    "kommentarer_personuppgifter.xlsx",
    "projekt_ar_efter_planen.xlsx",
    "kommentarer_ar_fore_planen.xlsx",
    "aktiviteter_dubblett_identisk.xlsx",
    "kommentarer_dubblett.xlsx",
    "aktiviteter_personnummer.xlsx",
    "kurser_samordningsnummer.xlsx",
    "installningar_personuppgifter.xlsx",
    "utvarderingsenkat_samma_svarande.xlsx",
}
# The day the corpus is judged on: years after TODAY's next year are errors (loaders/years.py).
TODAY = dt.date(2026, 12, 7)
NAMES = sorted(EXPECTED)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    """Judge years and dates on TODAY, whatever the clock says (`parsing.current_date`)."""
    monkeypatch.setattr(parsing, "current_date", lambda: TODAY)


def tree_hashes(folder: Path) -> dict[str, str]:
    """Return relative path → sha256 of every file below `folder` (hidden files included)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def case_dir(folder: Path, source: Path) -> Path:
    """Return a folder with one valid file of every kind, where the corpus file `source`
    replaces the valid files of its kind."""
    raw = write_valid_dir(folder)
    for p in list(raw.iterdir()):
        if kind_of_file(p.name) == kind_of_file(source.name):
            p.unlink()
    shutil.copy(source, raw / source.name)
    return raw


def error_count(report: str) -> int:
    """Return N from the summary line 'N fel, M varningar.'."""
    summary = [line for line in report.splitlines() if line.endswith(("varning.", "varningar."))][-1]
    return int(summary.split()[0])


@pytest.fixture(scope="module")
def good_processed(tmp_path_factory) -> Path:
    """A data/processed folder holding a previous good ingest."""
    base = tmp_path_factory.mktemp("good")
    out = base / "processed"
    ingest_dir(write_valid_dir(base / "raw"), out)
    return out


def test_corpus_is_large_and_every_case_has_expectations():
    assert len(bad_corpus.CASES) >= 30
    assert set(bad_corpus.CASES) == set(EXPECTED)
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(bad_corpus.CASES)
    for build in bad_corpus.CASES.values():
        assert build.__doc__ and len(build.__doc__.strip()) > 20, build.__name__


@pytest.mark.parametrize("name", NAMES)
def test_corpus_file_through_the_cli(name, tmp_path, good_processed, capsys):
    raw = case_dir(tmp_path / "raw", CORPUS / name)
    out = tmp_path / "processed"
    shutil.copytree(good_processed, out)
    inputs_before, processed_before = tree_hashes(raw), tree_hashes(out)

    code = main(["validate", str(raw)])
    validated = capsys.readouterr()
    report = validated.out + validated.err
    assert "Traceback" not in report
    lines = report.splitlines()
    for expect in EXPECTED[name]:
        assert any(expect.matches(name, line) for line in lines), f"{expect}\n---\n{report}"
    assert all(line.startswith(("FEL: ", "VARNING: ")) or line.endswith(("varning.", "varningar.")) for line in lines)
    # exactly the errors the file was built with, no more (expectations at one place are one problem)
    assert error_count(report) == len({(e.sheet, e.row, e.column) for e in EXPECTED[name] if e.severity == "FEL"})

    code_ingest = main(["ingest", str(raw), "--out", str(out)])
    ingested = capsys.readouterr()
    assert "Traceback" not in ingested.out + ingested.err
    if name in WARNING_ONLY:
        assert code == 0 and error_count(report) == 0
        assert code_ingest == 0
    else:
        assert code == 1 and error_count(report) >= 1
        assert code_ingest == 1
        assert "Inga filer skrevs" in ingested.err
        assert all(any(e.matches(name, line) for line in ingested.err.splitlines()) for e in EXPECTED[name])
        assert tree_hashes(out) == processed_before
    assert tree_hashes(raw) == inputs_before


@pytest.mark.slow
def test_committed_corpus_matches_the_builder(tmp_path):
    """The committed files are what bad_corpus.py builds: same names, same bytes for files
    that are not zip archives, same zip parts, and the same validation report."""
    rebuilt = tmp_path / "rebuilt"
    bad_corpus.build_corpus(rebuilt)
    assert sorted(p.name for p in rebuilt.iterdir()) == sorted(p.name for p in CORPUS.iterdir())
    for name in NAMES:
        committed, fresh = (CORPUS / name).read_bytes(), (rebuilt / name).read_bytes()
        if not committed.startswith(b"PK\x03\x04"):
            assert committed == fresh, name
        reports = []
        for i, source in enumerate((CORPUS / name, rebuilt / name)):
            folder = tmp_path / f"check{i}" / name
            folder.mkdir(parents=True)
            shutil.copy(source, folder / name)
            reports.append([str(p) for p in validate_dir(folder)])
        assert reports[0] == reports[1], name


def test_validate_the_corpus_folder_in_a_real_process():
    """`kuanalys validate tests/fixtures/bad` as a user runs it, all files at once: no
    traceback, exit 1, every file named, its file-level problems as when alone, and the corpus
    unchanged. (Rows may also clash across files here, so row-level checks are left to the
    one-file runs above.)"""
    before = tree_hashes(CORPUS)
    res = subprocess.run(
        [sys.executable, "-m", "kuanalys.cli", "validate", str(CORPUS)], capture_output=True, text=True
    )
    assert res.returncode == 1
    assert "Traceback" not in res.stdout + res.stderr
    lines = res.stdout.splitlines()
    for name, expects in EXPECTED.items():
        assert any(line.startswith((f"FEL: {name}", f"VARNING: {name}")) for line in lines), name
        for expect in expects:
            if expect.sheet is None:
                assert any(expect.matches(name, line) for line in lines), (name, expect)
    # pandera's rule names and numpy's value repr never reach the user (common.check_message)
    for raw_text in ("np.", "float64", "int64", "Regeln '", "less_than", "greater_than", "in_range", "isin("):
        assert raw_text not in res.stdout, raw_text
    assert tree_hashes(CORPUS) == before


def test_text_dates_in_swedish_formats_parse(tmp_path):
    """The dates of ansokningar_textdatum.xlsx other than 'första maj' parse to the right day."""
    path = tmp_path / "ansokningar.xlsx"
    path.write_bytes(
        bad_corpus.rezip(
            bad_corpus.workbook_bytes(
                {
                    "Ansökningar": [
                        bad_corpus.GRANT_HEADER,
                        *[
                            [f"P{i}", "F", None, 1, d, "väntar", None, None]
                            for i, d in enumerate(
                                ["2019-02-15", "1/3 2019", "14 maj 2019", "20.3.2019", "20190402", "2019-04-15 00:00"]
                            )
                        ],
                    ]
                }
            )
        )
    )
    dates = load_grants(path)["submitted_date"].dt.strftime("%Y-%m-%d").tolist()
    assert sorted(dates) == ["2019-02-15", "2019-03-01", "2019-03-20", "2019-04-02", "2019-04-15", "2019-05-14"]


def test_formula_with_stored_value_is_read_as_that_value():
    path = CORPUS / "ansokningar_formel_utan_varde.xlsx"
    (raw,) = read_workbook(path)
    assert raw.cells.at[3, 3] == 455165
    assert raw.uncached_formulas == ("G3",)


def test_warning_only_file_is_ingested_without_the_unknown_column(tmp_path):
    raw = case_dir(tmp_path / "raw", CORPUS / "ansokningar_okand_kolumn.xlsx")
    ingest_dir(raw, tmp_path / "out")
    grants = pd.read_parquet(tmp_path / "out" / "grants.parquet")
    assert len(grants) == 3 and not any("hand" in c.casefold() for c in grants.columns)
    assert not (grants.astype(str) == "Enheten för analys").any().any()
