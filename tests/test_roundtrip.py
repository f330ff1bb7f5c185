"""Hypothesis round-trip: random valid frames → written in the template layout with openpyxl →
loader → the same frame."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
from conftest import write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuanalys import load_attendance, load_grants
from kuanalys.loaders.attendance import attendance_dtypes
from kuanalys.organisations import ORGANISATION_ORDER, ORGANISATIONS
from kuanalys.spec import ATTENDANCE_LONG, DECISIONS, GRANTS, MEETING_FORMATS

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2024, 12, 31))
names = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöABCÅÄÖ0123456789 -!", min_size=1, max_size=20)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and s.casefold() not in ("summa", "totalt", "total", "s a") and any(c.isalpha() for c in s))
)


@st.composite
def grants(draw):
    n = draw(st.integers(1, 8))
    rows = []
    for i in range(n):
        applied = draw(st.integers(0, 50_000_000))
        decision = draw(st.sampled_from(DECISIONS))
        granted = draw(st.integers(0, applied)) if decision in ("beviljad", "delvis beviljad") else None
        submitted = draw(dates)
        decided = None if decision == "väntar" else submitted + dt.timedelta(days=draw(st.integers(0, 300)))
        rows.append(
            {
                "project": f"{draw(names)} {i}",
                "funder": draw(names),
                "area": draw(st.none() | names),
                "amount_applied": applied,
                "submitted_date": submitted,
                "decision": decision,
                "amount_granted": granted,
                "decision_date": decided,
            }
        )
    return rows


@SETTINGS
@given(grants())
def test_grants_round_trip(rows):
    header = [c.header for c in GRANTS.sheets[0].columns]
    keys = [c.key for c in GRANTS.sheets[0].columns]
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(
            Path(tmp) / "ansokningar.xlsx", {"Ansökningar": [header, *([r[k] for k in keys] for r in rows)]}
        )
        got = load_grants(path)
    expected = pd.DataFrame(rows).sort_values(["submitted_date", "project"], kind="stable").reset_index(drop=True)
    assert got["project"].tolist() == expected["project"].tolist()
    assert got["amount_applied"].tolist() == expected["amount_applied"].tolist()
    assert [None if pd.isna(x) else int(x) for x in got["amount_granted"]] == [
        None if pd.isna(x) else int(x) for x in expected["amount_granted"]
    ]
    assert got["decision"].astype(str).tolist() == expected["decision"].tolist()
    assert got["submitted_date"].dt.date.tolist() == expected["submitted_date"].tolist()
    assert [None if pd.isna(x) else x.date() for x in got["decision_date"]] == [
        None if pd.isna(x) else x for x in expected["decision_date"]
    ]
    assert [None if pd.isna(x) else x for x in got["area"]] == [None if pd.isna(x) else x for x in expected["area"]]


@st.composite
def attendance(draw):
    networks = draw(
        st.lists(
            st.sampled_from(["Reko", "PKS", "Chefsnätverk äldre", "Styrgrupp FoUrum"]),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    records = []
    for network in networks:
        orgs = draw(st.lists(st.sampled_from(ORGANISATION_ORDER), min_size=1, max_size=6, unique=True))
        seats = {o: draw(st.integers(1, 2)) for o in orgs}
        for date in draw(st.lists(dates, min_size=1, max_size=4, unique=True)):
            fmt = draw(st.none() | st.sampled_from(MEETING_FORMATS))
            for org in orgs:
                for seat in range(1, seats[org] + 1):
                    records.append(
                        {
                            "meeting_date": pd.Timestamp(date),
                            "network": network,
                            "org_code": org,
                            "organisation": ORGANISATIONS[org],
                            "seat": seat,
                            "present": draw(st.booleans()),
                            "meeting_format": fmt,
                            "gender": None,
                        }
                    )
    return pd.DataFrame(records)


def _expected(frame: pd.DataFrame) -> pd.DataFrame:
    order = {c: i for i, c in enumerate(ORGANISATION_ORDER)}
    out = frame.assign(_o=frame["org_code"].map(order)).sort_values(
        ["meeting_date", "network", "_o", "seat"], kind="stable"
    )
    return attendance_dtypes(out.drop(columns="_o").reset_index(drop=True))


def _long_rows(frame: pd.DataFrame) -> list[list]:
    keys = [c.key for c in ATTENDANCE_LONG.columns]
    header = [c.header for c in ATTENDANCE_LONG.columns]
    rows = [header]
    for r in frame.sample(frac=1, random_state=0).to_dict("records"):
        r = {**r, "present": "Ja" if r["present"] else "Nej"}
        rows.append([r[k] for k in keys])
    return rows


def _matrix_sheets(frame: pd.DataFrame) -> dict[str, list[list]]:
    sheets = {}
    for network, g in frame.groupby("network", sort=True):
        cols = sorted(
            {(o, s) for o, s in zip(g["org_code"], g["seat"])}, key=lambda x: (ORGANISATION_ORDER.index(x[0]), x[1])
        )
        header = ["Datum", "Mötesform", *(ORGANISATIONS[o] + ("" if s == 1 else f" {s}") for o, s in cols)]
        rows = [header]
        for date, m in g.groupby("meeting_date", sort=True):
            marks = {(o, s): p for o, s, p in zip(m["org_code"], m["seat"], m["present"])}
            fmt = m["meeting_format"].iloc[0]
            rows.append(
                [date.to_pydatetime(), fmt, *("-" if c not in marks else ("x" if marks[c] else None) for c in cols)]
            )
        sheets[network] = rows
    return sheets


@SETTINGS
@given(attendance())
def test_attendance_round_trip_both_layouts(frame):
    expected = _expected(frame)
    with tempfile.TemporaryDirectory() as tmp:
        long = load_attendance(write_xlsx(Path(tmp) / "narvaro_lang.xlsx", {"Närvaro": _long_rows(frame)}))
        matrix = load_attendance(write_xlsx(Path(tmp) / "narvaro_matris.xlsx", _matrix_sheets(frame)))
    pd.testing.assert_frame_equal(long, expected)
    pd.testing.assert_frame_equal(matrix, expected)
