import datetime as dt

import pandas as pd
import pytest

from kuanalys.parsing import (
    ParseError,
    check_plausible_date,
    is_blank,
    parse_bool,
    parse_choice,
    parse_date,
    parse_integer,
    parse_kronor,
    parse_number,
    parse_percent,
    parse_tertial,
    parse_text,
    parse_year,
)
from kuanalys.spec import DECISIONS


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1 563 970", 1563970),
        ("1\u00a0563\u00a0970", 1563970),
        ("1\u202f563\u202f970", 1563970),
        ("1 563 970 kr", 1563970),
        ("1\u00a0563\u00a0970\u00a0kr", 1563970),
        ("-124", -124),
        ("\u2212124", -124),
        ("\u2212 124 825", -124825),
        ("0,7", 0.7),
        ("  42 ", 42),
        (1563970, 1563970),
        (1563970.0, 1563970),
        (0.7, 0.7),
        ("1.563.970", 1563970),
        ("(124)", -124),
        ("3 550:-", 3550),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("bad", ["abc", "12 kr 50", "1,2,3", True, "", None, "--5"])
def test_parse_number_rejects(bad):
    with pytest.raises(ParseError) as exc:
        parse_number(bad)
    assert exc.value.reason  # a Swedish sentence


def test_kronor_are_whole_and_non_negative():
    assert parse_kronor("1 563 970 kr") == 1563970
    assert isinstance(parse_kronor(250000.0), int)
    with pytest.raises(ParseError, match="hela kronor"):
        parse_kronor("1 563 970,50 kr")
    with pytest.raises(ParseError, match="negativt"):
        parse_kronor("−124")
    assert parse_kronor("−124", allow_negative=True) == -124


@pytest.mark.parametrize(
    "value,expected",
    [
        ("79 %", 0.79),
        ("79%", 0.79),
        ("79\u00a0%", 0.79),
        (0.79, 0.79),
        ("0,79", 0.79),
        ("100 %", 1.0),
        ("12,5 %", 0.125),
    ],
)
def test_parse_percent(value, expected):
    assert parse_percent(value) == pytest.approx(expected)


def test_percent_without_sign_above_one_is_ambiguous():
    with pytest.raises(ParseError, match="Oklart"):
        parse_percent(80)


@pytest.mark.parametrize(
    "value",
    [
        "2019-05-14",
        "2019-05-14 00:00",
        "2019-05-14 00:00:00",
        "14/5 2019",
        "14/5/2019",
        "14.5.2019",
        "14 maj 2019",
        "14 Maj 2019",
        "20190514",
        20190514,
        "14-05-2019",
        dt.datetime(2019, 5, 14, 13, 30),
        dt.date(2019, 5, 14),
        pd.Timestamp("2019-05-14"),
        43599,
        43599.0,
        "43599",
    ],
)
def test_parse_date_forms(value):
    assert parse_date(value) == pd.Timestamp("2019-05-14")


@pytest.mark.parametrize("bad", ["31/2 2019", "14 mej 2019", "igår", 5, dt.time(12, 0), "2019-13-01"])
def test_parse_date_rejects(bad):
    with pytest.raises(ParseError):
        parse_date(bad)


def test_plausible_date_window():
    today = pd.Timestamp("2020-01-01")
    assert check_plausible_date(pd.Timestamp("2019-05-14"), today) == pd.Timestamp("2019-05-14")
    with pytest.raises(ParseError, match="Orimligt datum"):
        check_plausible_date(pd.Timestamp("1999-12-31"), today)
    with pytest.raises(ParseError, match="Orimligt datum"):
        check_plausible_date(pd.Timestamp("2022-01-02"), today)


@pytest.mark.parametrize("value", ["x", "X", 1, "1", "Ja", "ja ", "J", "Sant", True])
def test_parse_bool_true(value):
    assert parse_bool(value) is True


@pytest.mark.parametrize("value", [None, "", "  ", 0, "0", "Nej", "N", "Falskt", False, float("nan")])
def test_parse_bool_false(value):
    assert parse_bool(value) is False


def test_parse_bool_rejects_other_text():
    with pytest.raises(ParseError, match="Ja eller Nej"):
        parse_bool("kanske")


def test_parse_choice_is_case_and_space_tolerant():
    assert parse_choice("  Delvis   Beviljad ", DECISIONS) == "delvis beviljad"
    assert parse_choice("VÄNTAR", DECISIONS) == "väntar"
    with pytest.raises(ParseError, match="Menade du 'beviljad'"):
        parse_choice("bevijad", DECISIONS)


def test_other_parsers():
    assert parse_integer("12") == 12
    with pytest.raises(ParseError):
        parse_integer(1.5)
    with pytest.raises(ParseError):
        parse_integer(0, minimum=1)
    assert parse_year(2019.0) == 2019
    with pytest.raises(ParseError):
        parse_year(19)
    assert parse_tertial("T2") == 2 and parse_tertial(3) == 3
    with pytest.raises(ParseError):
        parse_tertial(4)
    assert parse_text(123.0) == "123"
    assert parse_text(" Räkna\u00a0med  mig! ") == "Räkna med mig!"
    assert is_blank(" ") and is_blank(None) and is_blank(float("nan")) and not is_blank(0)


@pytest.mark.parametrize("text", ["st", "kr", "-", "+", ":-", "()"])
def test_a_unit_or_sign_alone_is_no_number(text):
    """Found by the hypothesis test: 'st' alone in an amount cell raised IndexError."""
    with pytest.raises(ParseError, match="Väntade ett tal"):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1 500", 1500), ("1500", 1500), ("1500,50", 1500.5), ("0,125", 0.125), ("1.563.970", 1563970), ("0.7", 0.7)],
)
def test_the_separator_rule_accepts(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["1.500", "1,500", "12.345", "999,000"])
def test_the_separator_rule_refuses_the_ambiguous(text):
    with pytest.raises(ParseError, match="Oklart om"):
        parse_number(text)


def test_twenty_digits_are_refused():
    with pytest.raises(ParseError, match="fler än 15 siffror"):
        parse_number("12345678901234567890")
    with pytest.raises(ParseError, match="fler än 15 siffror"):
        parse_number(12345678901234567890)
