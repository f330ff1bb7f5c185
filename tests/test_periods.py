import pandas as pd
import pytest

from kuanalys.errors import KuanalysError
from kuanalys.periods import Tertial, latest_complete_tertial, tertial_of


def test_tertial_dates():
    assert Tertial(2019, 1).start == pd.Timestamp("2019-01-01")
    assert Tertial(2019, 1).end == pd.Timestamp("2019-04-30")
    assert Tertial(2019, 2).start == pd.Timestamp("2019-05-01")
    assert Tertial(2019, 2).end == pd.Timestamp("2019-08-31")
    assert Tertial(2019, 3).end == pd.Timestamp("2019-12-31")


def test_previous_wraps_to_last_year():
    assert Tertial(2019, 1).previous() == Tertial(2018, 3)
    assert Tertial(2019, 3).previous() == Tertial(2019, 2)
    assert Tertial(2018, 3).next() == Tertial(2019, 1)


def test_same_period_last_year():
    assert Tertial(2019, 2).same_period_last_year() == Tertial(2018, 2)


def test_labels():
    t = Tertial(2019, 2)
    assert t.label() == "tertial 2 2019"
    assert t.ytd_label() == "januari–augusti 2019"
    assert Tertial(2019, 1).ytd_label() == "januari–april 2019"
    assert t.short_label() == "2019-T2"
    assert t.months_label() == "maj–augusti 2019"


@pytest.mark.parametrize("day,expected", [("2019-04-30", 1), ("2019-05-01", 2), ("2019-08-31", 2), ("2019-09-01", 3)])
def test_of(day, expected):
    assert Tertial.of(pd.Timestamp(day)) == Tertial(2019, expected)


def test_masks():
    dates = pd.Series(pd.to_datetime(["2019-01-15", "2019-06-01", "2019-09-02", "2018-06-01"]))
    t = Tertial(2019, 2)
    assert t.in_period(dates).tolist() == [False, True, False, False]
    assert t.in_year_to_date(dates).tolist() == [True, True, False, False]
    assert tertial_of(dates).tolist() == ["2019-T1", "2019-T2", "2019-T3", "2018-T2"]


@pytest.mark.parametrize("text", ["2019-T2", "2019 T2", "T2 2019", "tertial 2 2019", " 2019t2 "])
def test_parse(text):
    assert Tertial.parse(text) == Tertial(2019, 2)


def test_invalid():
    with pytest.raises(KuanalysError, match="Tertial måste vara"):
        Tertial(2019, 4)
    with pytest.raises(KuanalysError, match="Kan inte tolka"):
        Tertial.parse("våren 2019")


def test_latest():
    assert latest_complete_tertial([pd.Timestamp("2018-12-01"), pd.Timestamp("2019-06-03"), None]) == Tertial(2019, 2)
    with pytest.raises(KuanalysError):
        latest_complete_tertial([])
