"""The sample generator's generated attendance history (`years > 1`) and its public attendance writers.

years=1 is exactly the bundled sample; years=N adds N−1 generated years before 2018 and leaves
the 2018–2019 rows, and so every published tertial 2 2019 figure, unchanged.
"""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from test_sample import _sorted

from kuanalys import sample
from kuanalys.config import RAW_DATA_DIR
from kuanalys.metrics import attendance as a
from kuanalys.periods import Tertial
from kuanalys.spec import ATTENDANCE_LONG

T2_2019 = Tertial(2019, 2)
HISTORY_FILES = ["narvaro_2016.xlsx", "narvaro_2017.xlsx"]
# Meetings per year by network type, as the generator promises.
MEETINGS_PER_YEAR = {
    "PKS": (4, 5),
    "Reko": (8, 9),
    "strategigrupp": (8, 9),
    "chefsnätverk": (8, 10),
    "styrgrupp": (6, 8),
    "övrigt": (5, 5),
}


@pytest.fixture(scope="module")
def base():
    return sample.sample_dataset()


@pytest.fixture(scope="module")
def three():
    return sample.sample_dataset(years=3)


@pytest.fixture(scope="module")
def written_three(tmp_path_factory):
    out = tmp_path_factory.mktemp("history")
    return out, sample.write_sample(out, years=3)


def _history(att: pd.DataFrame) -> pd.DataFrame:
    return att[att["meeting_date"].dt.year < sample.FIRST_SAMPLE_YEAR]


def _meetings(att: pd.DataFrame) -> pd.DataFrame:
    return att.drop_duplicates(["network", "meeting_date"])


# --- years=1 is the bundled sample -------------------------------------------------------------------
def test_years_1_is_the_default(base):
    again = sample.sample_dataset(years=1)
    for name, frame in base.tables().items():
        pd.testing.assert_frame_equal(again.tables()[name], frame, obj=name)
    assert sample.history_years(1) == []


@pytest.mark.slow
def test_years_1_writes_the_bundled_workbooks(tmp_path):
    """`make sample` (years=1) rewrites data/raw byte for byte."""
    assert any(RAW_DATA_DIR.glob("*.xlsx")), f"inga arbetsböcker i {RAW_DATA_DIR} (kör make sample)"
    paths = sample.write_sample(tmp_path, years=1)
    assert [p.name for p in paths if p.name.startswith("narvaro_")] == [
        "narvaro_2018.xlsx",
        "narvaro_2019.xlsx",
        "narvaro_matris_2019.xlsx",
        "narvaro_2022.xlsx",
        "narvaro_2023.xlsx",
        "narvaro_2024.xlsx",
    ]
    for path in paths:
        assert path.read_bytes() == (RAW_DATA_DIR / path.name).read_bytes(), path.name


def test_years_must_be_positive():
    with pytest.raises(ValueError):
        sample.sample_dataset(years=0)


# --- the generated years -------------------------------------------------------------------------------
def test_years_3_adds_exactly_2016_and_2017(base, three):
    years = set(three.attendance["meeting_date"].dt.year)
    assert years == {2016, 2017, 2018, 2019, 2022, 2023, 2024}
    assert sample.history_years(3) == [2016, 2017]
    assert sample.history_years(20)[0] == 1999 and sample.history_years(20)[-1] == 2017
    current = three.attendance[three.attendance["meeting_date"].dt.year >= 2018].reset_index(drop=True)
    pd.testing.assert_frame_equal(current, base.attendance)
    for name in (
        "networks",
        "courses",
        "course_participants",
        "grants",
        "funds_available",
        "budget",
        "income_statement",
        "indicators",
        "targets",
        "comments",
    ):
        pd.testing.assert_frame_equal(three.tables()[name], base.tables()[name], obj=name)


def test_every_network_meets_plausibly_on_weekdays_outside_july(three):
    history = _meetings(_history(three.attendance))
    types = three.networks.set_index("network")["network_type"].astype(str)
    counts = history.groupby([history["network"].astype(str), history["meeting_date"].dt.year]).size()
    # every network of the 2019 register, both years (the 2022–2024 additions have no history)
    assert len(counts) == 2 * history["network"].nunique() == 2 * 19
    for (network, _year), n in counts.items():
        low, high = MEETINGS_PER_YEAR[types[network]]
        assert low <= n <= high, (network, n)
    dates = history["meeting_date"]
    assert (dates.dt.day_of_week < 5).all()
    assert not (dates.dt.month == 7).any()
    tertials = (dates.dt.month - 1) // 4 + 1
    per_tertial = history.groupby([history["network"].astype(str), dates.dt.year, tertials]).size()
    assert len(per_tertial) == 3 * len(counts)  # every network meets in every tertial


def test_history_absences_formats_and_gender(three):
    history = _history(three.attendance)
    absent = 1 - history.groupby(history["meeting_date"].dt.year)["present"].mean()
    assert absent.between(0.15, 0.35).all()
    assert absent.nunique() == len(absent)  # the level varies by year
    seats = history.groupby(["network", "meeting_date"], observed=True).size()
    current = three.attendance[three.attendance["meeting_date"].dt.year == 2019]
    today = (
        current.groupby("network", observed=True)["org_code"].size()
        / current.groupby("network", observed=True)["meeting_date"].nunique()
    )
    for (network, _), n in seats.items():
        if (
            network in today.index and network != "Strategigrupp psykiatri/missbruk"
        ):  # a 2019 meeting had 12 Region seats
            assert n == pytest.approx(today[network], abs=1), network
    formats = _meetings(history)["meeting_format"].value_counts(normalize=True)
    assert formats["fysiskt"] > 0.75
    assert history.loc[~history["present"], "gender"].isna().all()
    assert history.loc[history["present"], "gender"].notna().all()  # recorded as in 2018


@pytest.mark.slow
def test_remote_meetings_become_commoner():
    att = sample.sample_dataset(years=20).attendance
    meetings = _meetings(_history(att))
    remote = (meetings["meeting_format"] != "fysiskt").groupby(meetings["meeting_date"].dt.year).mean()
    assert remote.loc[1999:2003].mean() < remote.loc[2013:2017].mean()
    assert sorted(set(att["meeting_date"].dt.year)) == [*range(1999, 2020), 2022, 2023, 2024]


def test_a_year_is_the_same_whatever_years_and_scale(three):
    longer = sample.sample_dataset(years=5, scale=2).attendance
    longer = longer[
        longer["meeting_date"].dt.year.isin([2016, 2017]) & ~longer["network"].astype(str).str.match(r".* 2$")
    ]
    expected = _history(three.attendance)
    pd.testing.assert_frame_equal(
        longer.astype({"network": str}).reset_index(drop=True), expected.astype({"network": str}).reset_index(drop=True)
    )


def test_scale_copies_get_history_too():
    att = sample.sample_dataset(years=2, scale=2).attendance
    networks = set(_history(att)["network"].astype(str))
    assert "PKS 2" in networks and "Chefsnätverk eHälsa 2" in networks and len(networks) == 38


# --- tertial 2 2019 is unchanged -------------------------------------------------------------------------
def test_t2_2019_attendance_per_network_is_unchanged(base, three):
    before = a.attendance_rate_by_network(base.attendance, base.networks, T2_2019)
    after = a.attendance_rate_by_network(three.attendance, three.networks, T2_2019)
    pd.testing.assert_frame_equal(after, before)
    pd.testing.assert_frame_equal(
        a.compare_organisations(three.attendance, T2_2019), a.compare_organisations(base.attendance, T2_2019)
    )
    for fn in (a.compare_networks, a.compare_overall):  # with T1 2019 and T2 2018
        pd.testing.assert_frame_equal(
            fn(three.attendance, three.networks, T2_2019), fn(base.attendance, base.networks, T2_2019), obj=fn.__name__
        )


def test_t2_2019_scorecard_is_unchanged(base, three):
    from kuanalys.scorecard import scorecard

    cols = ["indicator_id", "result", "status", "trend", "rule", "result_text"]
    pd.testing.assert_frame_equal(scorecard(three, T2_2019)[cols], scorecard(base, T2_2019)[cols])


# --- the written workbooks ------------------------------------------------------------------------------
@pytest.mark.slow
def test_written_files_of_years_3(written_three):
    out, paths = written_three
    names = [p.name for p in paths]
    assert names[:4] == ["natverk.xlsx", *HISTORY_FILES, "narvaro_2018.xlsx"]
    assert len(names) == len(list(RAW_DATA_DIR.glob("*.xlsx"))) + len(HISTORY_FILES)  # data/raw + history
    for name in HISTORY_FILES:
        ws = openpyxl.load_workbook(out / name, read_only=True)[ATTENDANCE_LONG.name]
        assert [c.value for c in next(ws.iter_rows(max_row=1))] == [c.header for c in ATTENDANCE_LONG.columns]


@pytest.mark.slow
def test_load_all_reads_years_3(written_three, three):
    from kuanalys import load_all

    out, _ = written_three
    loaded = load_all(out).attendance
    by = ["meeting_date", "network", "org_code", "seat"]
    expected = three.attendance
    pd.testing.assert_frame_equal(_sorted(loaded, by)[list(expected.columns)], _sorted(expected, by))


@pytest.mark.slow
def test_written_history_is_reproducible(written_three, tmp_path):
    out, _ = written_three
    again = sample.write_sample(tmp_path, years=3)
    for path in again:
        assert path.read_bytes() == (out / path.name).read_bytes(), path.name


# --- the public writers -------------------------------------------------------------------------------
def test_matrix_writer_takes_any_subset(tmp_path, three):
    from kuanalys.loaders.attendance import load_attendance

    att = three.attendance
    chosen = ["Chefsnätverk eHälsa", "PKS", "Reko"]
    subset = att[att["network"].isin(chosen) & (att["meeting_date"].dt.year == 2017)]
    subset = subset[subset["meeting_date"] < subset["meeting_date"].max()]  # not every meeting
    path = sample.write_attendance_matrix(
        tmp_path / "narvaro_matris.xlsx", subset, ["Chefsnätverk eHälsa", "PKS", "Reko"]
    )
    assert openpyxl.load_workbook(path).sheetnames == [n for n in chosen if n in set(subset["network"].astype(str))]
    loaded = load_attendance(path)
    by = ["meeting_date", "network", "org_code", "seat"]
    cols = ["meeting_date", "network", "org_code", "seat", "present", "meeting_format"]
    got = _sorted(loaded, by)[cols].astype({"network": str, "org_code": str, "meeting_format": str})
    want = _sorted(subset, by)[cols].astype({"network": str, "org_code": str, "meeting_format": str})
    pd.testing.assert_frame_equal(got, want)


def test_matrix_writer_rejects_bad_input(tmp_path, three):
    att = three.attendance
    with pytest.raises(ValueError, match="sheet name"):
        sample.write_attendance_matrix(tmp_path / "m.xlsx", att, ["Strategigrupp psykiatri/missbruk"])
    with pytest.raises(ValueError, match="no attendance"):
        sample.write_attendance_matrix(tmp_path / "m.xlsx", att.iloc[:0], sample.NETWORK_DEFS)


def test_long_writer_round_trips(tmp_path, three):
    from kuanalys.loaders.attendance import load_attendance

    att = _history(three.attendance)
    path = sample.write_attendance_long(str(tmp_path / "narvaro_x.xlsx"), att)
    assert path.exists() and not list(tmp_path.glob("*.tmp"))
    by = ["meeting_date", "network", "org_code", "seat"]
    pd.testing.assert_frame_equal(
        _sorted(load_attendance(path), by)[list(att.columns)].astype({"network": str}),
        _sorted(att, by).astype({"network": str}),
    )


@pytest.mark.slow
def test_cli_years(tmp_path, capsys):
    from kuanalys.cli import build_parser, main

    assert main(["sample", "--out", str(tmp_path), "--years", "2"]) == 0
    assert (tmp_path / "narvaro_2017.xlsx").exists() and not (tmp_path / "narvaro_2016.xlsx").exists()
    assert "Obs" not in capsys.readouterr().err
    help_text = build_parser()._subparsers._group_actions[0].choices["sample"].format_help()
    assert "--years" in help_text and "antal års historik" in help_text
    with pytest.raises(SystemExit):
        main(["sample", "--out", str(tmp_path), "--years", "0"])
    assert "minst 1" in capsys.readouterr().err
