"""Issue 25's input rules through the loaders: years judged on an injected day, duplicates by
normalised text counted once or refused, target units, sheets in any order, personal data in
every free-text cell, and a survey respondent counted twice. The corpus cases with their exact
messages are in tests/bad_corpus.py and tests/test_bad_input.py."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import bad_corpus
import pandas as pd
import pytest
from conftest import COURSE_ROWS, INDICATOR_ROWS, PARTICIPANT_ROWS, TARGET_ROWS, write_xlsx
from hypothesis import given
from hypothesis import strategies as st

from kuanalys import parsing
from kuanalys.errors import InputError, KuanalysError
from kuanalys.ingest import ingest_dir
from kuanalys.loaders import load_all, load_indicators, read_all
from kuanalys.loaders.freetext import id_number_kind, luhn_ok
from kuanalys.scorecard import TARGET_UNITS, parse_target

ACTIVITIES = bad_corpus.ACTIVITY_ROWS


@pytest.fixture
def on_day(monkeypatch):
    """Set the day the inputs are judged on (`parsing.current_date`, the only clock they read)."""
    return lambda day: monkeypatch.setattr(parsing, "current_date", lambda: day)


def _errors_and_warnings(folder, **kwargs) -> tuple[list[str], list[str]]:
    _, problems = read_all(folder, **kwargs)
    return [str(p) for p in problems.errors], [str(p) for p in problems.warnings]


# --- years ------------------------------------------------------------------------------------------
def test_the_current_year_comes_from_the_one_clock(valid_dir, on_day):
    """2021 is next year on a day in 2020 (fine, though far after the plan) and after next year on a
    day in 2019 (an error)."""
    write_xlsx(valid_dir / "aktiviteter.xlsx", {"Aktiviteter": bad_corpus._changed(ACTIVITIES, 2, 0, 2021)})
    on_day(dt.date(2020, 5, 1))
    errors, warnings = _errors_and_warnings(valid_dir)
    assert errors == []
    assert any("Året 2021 ligger mer än ett år efter" in w and 'rad 3, kolumn "År"' in w for w in warnings)
    on_day(dt.date(2019, 5, 1))
    errors, _ = _errors_and_warnings(valid_dir)
    assert [e for e in errors if "Året 2021 ligger efter nästa år (2020)" in e and 'rad 3, kolumn "År"' in e]


def test_a_date_after_next_year_is_refused_once_per_year_with_the_rows_counted(valid_dir, on_day):
    from conftest import GRANT_ROWS

    rows = [
        *GRANT_ROWS,
        *[[f"P{i}", "Vinnova", None, 1000, dt.datetime(2031, 3, i), "väntar", None, None] for i in (1, 2)],
    ]
    write_xlsx(valid_dir / "ansokningar.xlsx", {"Ansökningar": rows})
    on_day(dt.date(2029, 6, 1))
    errors, _ = _errors_and_warnings(valid_dir)
    (error,) = [e for e in errors if "2031" in e]
    assert 'rad 5, kolumn "Inskickad": Datumet 2031-03-01 ligger efter nästa år (2030)' in error
    assert "Samma år står på 1 rad till i kolumnen." in error


def test_a_year_refused_leaves_out_no_report_silently(valid_dir, on_day):
    """The activity of 2042 is an error, so nothing is published without it."""
    write_xlsx(valid_dir / "aktiviteter.xlsx", {"Aktiviteter": bad_corpus._changed(ACTIVITIES, 2, 0, 2042)})
    on_day(dt.date(2026, 12, 7))
    dataset, problems = read_all(valid_dir)
    assert dataset is None and problems.has_errors()


def test_targets_are_set_in_advance_up_to_the_plans_last_year(valid_dir, on_day):
    """A plan for 2020–2022 written in 2019: its targets for 2022 are no error, a target after
    the plan's Sista år is, and an activity may still be at most for next year."""
    indicators = [[*row, "Sista år"] if i == 0 else [*row, 2022] for i, row in enumerate(INDICATOR_ROWS)]
    targets = [*TARGET_ROWS, ["kurser", 2022, "91"], ["kurser", 2023, "95"]]
    write_xlsx(valid_dir / "matetal.xlsx", {"Mätetal": indicators, "Målvärden": targets})
    on_day(dt.date(2019, 5, 1))
    errors, _ = _errors_and_warnings(valid_dir)
    assert errors == [
        'FEL: matetal.xlsx, blad "Målvärden", rad 5, kolumn "År": Året 2023 ligger efter nästa år och efter '
        "planens sista år (2022). Rätta årtalet. (värde: 2023)"
    ]


def test_the_sample_has_no_implausible_year_today_or_at_the_end_of_its_plan(on_day):
    from kuanalys import config

    for day in (dt.date.today(), dt.date(2025, 1, 15)):
        on_day(day)
        errors, warnings = _errors_and_warnings(config.RAW_DATA_DIR)
        assert errors == []
        assert not [w for w in warnings if "Kontrollera årtalet" in w or "Rätta årtalet" in w]


# --- duplicates by normalised text ------------------------------------------------------------------
def test_a_project_written_twice_with_the_same_values_is_counted_once(valid_dir):
    again = [*bad_corpus.PROJECT_ROWS[1]]
    again[0] = "peer  support."
    write_xlsx(valid_dir / "projekt.xlsx", {"Projekt": [*bad_corpus.PROJECT_ROWS, again]})
    dataset, problems = read_all(valid_dir)
    assert dataset is not None
    assert len(dataset.projects) == 2
    (warning,) = [p for p in problems.warnings if "Dubblettrad" in p.message]
    assert (warning.row, warning.severity) == (4, "varning") and "rad 2 (skrivet 'Peer Support')" in warning.message


def test_a_project_written_twice_with_other_values_is_refused(valid_dir):
    bad_corpus.project_twice_in_other_case(valid_dir / "projekt.xlsx")
    dataset, problems = read_all(valid_dir)
    assert dataset is None
    assert [(p.row, "motstridiga rader" in p.message) for p in problems.errors] == [(4, True)]


def test_an_activity_with_another_status_is_a_conflict(valid_dir):
    again = [2019, 2, "SAMVERKAN", "nätverksträffar med Reko!", "klar", "Två träffar hölls."]
    write_xlsx(valid_dir / "aktiviteter.xlsx", {"Aktiviteter": [*ACTIVITIES, again]})
    errors, _ = _errors_and_warnings(valid_dir)
    assert len(errors) == 1 and "rad 4" in errors[0] and "finns redan på rad 2" in errors[0]


def test_a_comment_pasted_twice_is_shown_once(valid_dir):
    bad_corpus.comment_twice(valid_dir / "kommentarer.xlsx")
    assert len(load_all(valid_dir).comments) == 1


# --- target units -----------------------------------------------------------------------------------
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10_000_000).map(lambda n: (str(n), float(n))),
    st.integers(min_value=0, max_value=99_999).map(lambda n: (f"{n // 100},{n % 100:02d}", n / 100)),
)
UNITS = sorted({unit for unit, _ in TARGET_UNITS.values()})
WORDS = st.sampled_from([*TARGET_UNITS, "KR", "Mkr", "st.", "deltagare", "kurser", "äpplen", "ggr"])


@given(number=NUMBERS, spacing=st.sampled_from(["", " ", "\u00a0"]), word=WORDS, unit=st.sampled_from(UNITS))
def test_a_target_is_read_in_its_mätetal_unit_or_refused_naming_it(number, spacing, word, unit):
    text, value = number
    written = f"{text}{spacing}{word}"
    entry = TARGET_UNITS.get(word.casefold().rstrip("."))
    if entry is None or entry[0] != unit:
        with pytest.raises(KuanalysError) as exc:
            parse_target(written, unit)
        assert f"Målvärdet {written!r}" in str(exc.value)
        assert "Mätetalet räknas i" in str(exc.value) or "mätetalet räknas i" in str(exc.value)
        assert f"({unit})" in str(exc.value)
        return
    target = parse_target(written, unit)
    expected = value / 100 if unit == "%" else value * entry[1]
    assert target.kind == "value" and target.value == pytest.approx(expected)


def test_a_target_of_1_5_mkr_is_one_and_a_half_million_kronor():
    assert parse_target("1,5 mkr", "kr").value == 1_500_000
    assert parse_target("1 500 tkr", "kr").value == 1_500_000


def test_an_amount_target_on_a_share_is_a_located_error_naming_the_unit(valid_dir):
    write_xlsx(
        valid_dir / "matetal.xlsx",
        {"Mätetal": INDICATOR_ROWS, "Målvärden": bad_corpus._changed(TARGET_ROWS, 1, 2, "1,5 mkr")},
    )
    (error,) = _errors_and_warnings(valid_dir)[0]
    assert 'blad "Målvärden", rad 2, kolumn "Målvärde"' in error
    assert "anges i mkr, men mätetalet räknas i procent (%)" in error


# --- sheet lookup -----------------------------------------------------------------------------------
GOALS = [["Strategiskt mål", "Område"], ["Starkt partnerskap", "Samverkan"], ["Kompetens", "Kurser"]]


@pytest.mark.parametrize("order", list(itertools.permutations(["Mätetal", "Målvärden", "Mål"])))
def test_the_plan_reads_the_same_in_any_sheet_order(tmp_path, order):
    sheets = {"Mätetal": INDICATOR_ROWS, "Målvärden": TARGET_ROWS, "Mål": GOALS}
    path = write_xlsx(tmp_path / "matetal.xlsx", {name: sheets[name] for name in order})
    tables = load_indicators(path)
    assert sorted(tables.targets["indicator_id"]) == ["kurser", "narvaro_reko"]
    assert tables.plan_goals["area"].tolist() == ["Samverkan", "Kurser"]
    assert tables.indicators.attrs.get("warnings", []) == []


def test_a_synonym_finds_a_sheet_that_no_sheet_names_exactly(tmp_path):
    path = write_xlsx(tmp_path / "matetal.xlsx", {"Indikatorer": INDICATOR_ROWS, "Malvarden": TARGET_ROWS})
    tables = load_indicators(path)
    assert len(tables.indicators) == 2 and len(tables.targets) == 2 and tables.plan_goals.empty


def test_a_sheet_named_exactly_is_never_taken_by_another_sheets_synonym(tmp_path):
    """'Mål' is the sheet Mål, even when it holds targets and no sheet is named Målvärden: a
    located refusal, not targets read from the wrong sheet or goals read as targets."""
    path = write_xlsx(tmp_path / "matetal.xlsx", {"Mätetal": INDICATOR_ROWS, "Mål": TARGET_ROWS})
    with pytest.raises(InputError) as exc:
        load_indicators(path)
    messages = [str(p) for p in exc.value.problems.errors]
    assert "FEL: matetal.xlsx: Bladet 'Målvärden' saknas. Bladen i filen: 'Mätetal', 'Mål'." in messages
    assert any(m.startswith('FEL: matetal.xlsx, blad "Mål", rad 1:') for m in messages)


# --- personal data ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, kind",
    [
        ("198503141007", "ett personnummer"),
        ("19850314-1007", "ett personnummer"),
        ("8503141007", "ett personnummer"),
        ("850314-1007", "ett personnummer"),
        ("850314+1007", "ett personnummer"),
        ("Född 811218-9876.", "ett personnummer"),
        ("701063-2391", "ett samordningsnummer"),
        ("197010632391", "ett samordningsnummer"),
        ("850314-1008", None),  # wrong check digit
        ("Budget 8503141008 kr", None),
        ("7157872000 kr", None),  # an amount: no month 78
        ("1 563 970 kr", None),
        ("RJL 2018/2303", None),
        ("218503141007", None),  # 12 digits must begin with 19 or 20
    ],
)
def test_id_numbers_in_every_common_form_confirmed_by_the_check_digit(text, kind):
    assert id_number_kind(text) == kind


@given(st.integers(min_value=0, max_value=10**10 - 1))
def test_an_amount_is_never_taken_for_an_id_number_unless_it_is_one(n):
    digits = f"{n:010d}"
    found = id_number_kind(f"{n} kr")
    if found is not None:
        assert len(str(n)) == 10 and luhn_ok(digits) and 1 <= int(digits[2:4]) <= 12


def test_every_free_text_column_of_every_workbook_is_scanned(valid_dir):
    courses = bad_corpus._changed(COURSE_ROWS, 1, 1, "LOU, frågor till 0701234567")
    write_xlsx(valid_dir / "kurser.xlsx", {"Kurser": courses, "Deltagare": PARTICIPANT_ROWS})
    indicators = bad_corpus._changed(INDICATOR_ROWS, 1, 1, "Närvaro (ansvarig anna@example.se)")
    write_xlsx(valid_dir / "matetal.xlsx", {"Mätetal": indicators, "Målvärden": TARGET_ROWS})
    bad_corpus.author_with_contact_details(valid_dir / "installningar.xlsx")
    _, warnings = _errors_and_warnings(valid_dir)
    where = sorted(re.search(r'blad "([^"]+)", rad (\d+), kolumn "([^"]+)"', w).groups() for w in warnings)
    assert where == [("Inställningar", "3", "Värde"), ("Kurser", "2", "Titel"), ("Mätetal", "2", "Mätetal")]
    errors, _ = _errors_and_warnings(valid_dir, strict=True)
    assert len(errors) == 3


def test_the_cover_author_is_a_role_unless_the_settings_say_otherwise(valid_dir):
    from kuanalys.periods import Tertial
    from kuanalys.report.chapters import cover
    from kuanalys.spec import DEFAULT_AUTHOR

    def author(ds) -> str:
        return cover(ds, Tertial(2019, 2)).author

    assert author(load_all(valid_dir)) == DEFAULT_AUTHOR == "Utvecklingschef"
    rows = [["Inställning", "Värde"], ["författare", "Enhetschef, Kommunal utveckling"]]
    write_xlsx(valid_dir / "installningar.xlsx", {"Inställningar": rows})
    assert author(load_all(valid_dir)) == "Enhetschef, Kommunal utveckling"


def test_the_sample_settings_carry_no_personal_name():
    from kuanalys import config

    ds = load_all(config.RAW_DATA_DIR)
    author = ds.settings.loc[ds.settings["key"].astype(str) == "författare", "value"].iat[0]
    assert author.split(",")[0] in ("Utvecklingschef", "Enhetschef", "Verksamhetschef")


# --- a survey respondent counted twice --------------------------------------------------------------
def test_a_respondent_counted_twice_counts_once_and_the_id_is_never_written(valid_dir, tmp_path):
    bad_corpus.respondent_counted_twice(valid_dir / "utvarderingsenkat.xlsx")
    out = tmp_path / "processed"
    ingest_dir(valid_dir, out)
    responses = pd.read_parquet(out / "survey_responses.parquet")
    assert dict(zip(responses["option"], responses["respondents"])) == {"Mycket nöjd": 1, "Nöjd": 1}
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"R017" not in data and b"r017" not in data and b"R018" not in data, path.name


def test_the_same_respondent_with_two_answers_is_a_conflict(valid_dir):
    bad_corpus.respondent_counted_twice(valid_dir / "utvarderingsenkat.xlsx")
    path = valid_dir / "utvarderingsenkat.xlsx"
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["Enskilda svar"]["D4"] = "Nöjd"
    wb.save(path)
    errors, _ = _errors_and_warnings(valid_dir)
    (error,) = errors
    assert 'blad "Enskilda svar", rad 4' in error and "finns redan på rad 2 med andra uppgifter" in error
    assert "R017" not in error and "r017" not in error
