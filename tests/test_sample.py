"""The sample generator: schemas, determinism, the published T2 2019 figures and the workbooks.

Every figure is computed here directly with pandas (not through kuanalys.metrics), with the
definitions of the `kuanalys.sample` docstring. Headline figures must round to the published
whole per cent within ±1 percentage point; secondary figures within ±3 points or ±1 count.
"""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from kuanalys import sample
from kuanalys.organisations import KOMMUNER, REGION_CODE
from kuanalys.schemas import TIDY_SCHEMAS
from kuanalys.spec import (
    ACTIVITIES,
    ATTENDANCE_LONG,
    COMMENTS,
    COURSES,
    FUNDS,
    GRANTS,
    INDICATORS,
    NETWORKS,
    SETTINGS,
    STAFF,
)

HEADLINE = 1  # percentage points
SECONDARY = 3  # percentage points


@pytest.fixture(scope="module")
def data():
    return sample.sample_dataset()


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    return out, sample.write_sample(out)


# --- helpers: the definitions of the published figures ---------------------------------------------
SPANS = {
    "2018-T2": ("2018-05-01", "2018-08-31"),
    "2019-T1": ("2019-01-01", "2019-04-30"),
    "2019-T2": ("2019-05-01", "2019-08-31"),
}


def in_tertial(att: pd.DataFrame, key: str) -> pd.DataFrame:
    start, end = SPANS[key]
    return att[att["meeting_date"].between(start, end)]


def network_rates(att: pd.DataFrame, key: str) -> pd.Series:
    """Mean of meeting rates per network (networks with meetings in the tertial only)."""
    sub = in_tertial(att, key)
    meetings = sub.groupby(["network", "meeting_date"], observed=True)["present"].mean()
    return meetings.groupby(level="network", observed=True).mean() * 100


def overall(att: pd.DataFrame, key: str) -> float:
    return network_rates(att, key).mean()


def pct(x: float) -> int:
    return int(round(x))


def close(value: float, published: int, tol: int) -> bool:
    return abs(pct(value) - published) <= tol


def group_rate(att: pd.DataFrame, key: str, network: str, region: bool) -> float:
    sub = in_tertial(att, key)
    sub = sub[sub["network"] == network]
    mask = sub["org_code"] == REGION_CODE if region else sub["org_code"].isin(list(KOMMUNER))
    return sub.loc[mask, "present"].mean() * 100


def kommun_rates(att: pd.DataFrame, key: str) -> pd.Series:
    sub = in_tertial(att, key)
    sub = sub[sub["org_code"].isin(list(KOMMUNER))]
    return sub.groupby("organisation", observed=True)["present"].mean() * 100


# --- schema and determinism ---------------------------------------------------------------------
def test_tables_conform_to_schemas(data):
    for name, frame in data.tables().items():
        TIDY_SCHEMAS[name].validate(frame)
        assert len(frame) > 0 or name == "staff_measures", name  # no staff measure was published for 2019


def test_same_seed_gives_equal_frames(data):
    again = sample.sample_dataset(seed=2019)
    for name, frame in data.tables().items():
        pd.testing.assert_frame_equal(frame, again.tables()[name], obj=name)


def test_other_seed_changes_synthetic_data_but_not_figures(data):
    other = sample.sample_dataset(seed=7)
    assert not other.attendance["present"].equals(data.attendance["present"])
    assert pct(overall(other.attendance, "2019-T2")) == 79
    pd.testing.assert_frame_equal(other.grants, data.grants)


@pytest.mark.parametrize("seed", [1, 42, 12345])
def test_figures_hold_for_other_seeds(seed):
    att = sample.sample_dataset(seed=seed).attendance
    assert [pct(overall(att, k)) for k in ("2019-T2", "2019-T1", "2018-T2")] == [79, 81, 70]
    now, before = kommun_rates(att, "2019-T2"), kommun_rates(att, "2018-T2")
    assert now.idxmax() == "Nässjö" and int((now > before).sum()) == 8


@pytest.mark.slow
def test_write_twice_gives_identical_bytes(tmp_path, written):
    out, paths = written
    again = sample.write_sample(tmp_path)
    assert [p.name for p in again] == [p.name for p in paths]
    for a, b in zip(paths, again):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_scale_adds_networks_and_meetings(data):
    """Copies are made of the 2018–2019 networks (for benchmarks); the 2022–2024 years are not scaled."""
    big = sample.sample_dataset(scale=3)
    old = len(sample.networks_with_copies(1)[0])
    assert len(big.networks) == len(data.networks) + 2 * old
    early = data.attendance["meeting_date"].dt.year <= 2019
    big_early = big.attendance["meeting_date"].dt.year <= 2019
    assert big_early.sum() == pytest.approx(3 * early.sum(), rel=0.01)
    assert (~big_early).sum() == (~early).sum()
    pd.testing.assert_frame_equal(big.courses, data.courses)


# --- attendance (section 3.2–3.3) -------------------------------------------------------------------
def test_overall_attendance(data):
    att = data.attendance
    assert close(overall(att, "2019-T2"), 79, HEADLINE)
    assert close(overall(att, "2019-T1"), 81, HEADLINE)
    assert close(overall(att, "2018-T2"), 70, HEADLINE)


def test_networks_in_t2_2019(data):
    rates = network_rates(data.attendance, "2019-T2")
    assert len(rates) == 18
    assert len(data.networks) == 26  # 19 of 2019 and 7 that the 2022–2024 plan adds
    assert "Utvecklingsledare socialtjänst" not in rates.index
    assert "Utvecklingsledare socialtjänst" not in network_rates(data.attendance, "2019-T1").index
    assert (rates >= 80).sum() == 6
    assert pct(rates.min()) == 58 and pct(rates.max()) == 100
    meetings = in_tertial(data.attendance, "2019-T2").groupby(["network", "meeting_date"], observed=True).ngroups
    assert meetings == 21


@pytest.mark.parametrize(
    ("network", "t2_2019", "t1_2019", "t2_2018"),
    [
        ("PKS", 90, None, 85),
        ("Reko", 67, 78, 64),
        ("Strategigrupp barn och unga", 83, 84, 69),
        ("Strategigrupp äldre", 76, 80, 82),
        ("Strategigrupp psykiatri/missbruk", 67, 64, 64),
    ],
)
def test_network_figures(data, network, t2_2019, t1_2019, t2_2018):
    att = data.attendance
    assert close(network_rates(att, "2019-T2")[network], t2_2019, HEADLINE)
    if t1_2019 is not None:
        assert close(network_rates(att, "2019-T1")[network], t1_2019, HEADLINE)
    assert close(network_rates(att, "2018-T2")[network], t2_2018, HEADLINE)


def test_meeting_counts_of_region_groups(data):
    sub = in_tertial(data.attendance, "2019-T2")
    counts = sub.groupby("network", observed=True)["meeting_date"].nunique()
    assert counts["Strategigrupp äldre"] == 2
    assert counts["Reko"] == counts["Strategigrupp barn och unga"] == counts["PKS"] == 1
    assert counts["Strategigrupp psykiatri/missbruk"] == 1


def test_region_groups_are_flagged(data):
    flagged = set(data.networks.loc[data.networks["with_region"], "network"])
    assert flagged == {
        "Reko",
        "Strategigrupp barn och unga",
        "Strategigrupp äldre",
        "Strategigrupp psykiatri/missbruk",
        "E-hälsorådet",  # the 2022–2024 plan counts it among the meetings with the Region
    }


def test_reko_kommun_and_region_split(data):
    att = data.attendance
    assert close(group_rate(att, "2019-T2", "Reko", region=False), 58, SECONDARY)
    assert close(group_rate(att, "2019-T2", "Reko", region=True), 75, SECONDARY)


def test_networks_higher_than_last_year(data):
    now = network_rates(data.attendance, "2019-T2")
    before = network_rates(data.attendance, "2018-T2")
    both = now.index.intersection(before.index)
    assert abs(int((now[both] > before[both]).sum()) - 12) <= 1


def test_per_kommun_attendance(data):
    now = kommun_rates(data.attendance, "2019-T2")
    before = kommun_rates(data.attendance, "2018-T2")
    assert len(now) == 13
    assert close(now.min(), 68, SECONDARY) and close(now.max(), 91, SECONDARY)
    assert now.idxmax() == "Nässjö"
    assert close(now["Nässjö"], 91, SECONDARY) and close(before["Nässjö"], 84, SECONDARY)
    assert abs(int((now > before).sum()) - 8) <= 1


def test_pks_gender(data):
    sub = in_tertial(data.attendance, "2019-T2")
    sub = sub[(sub["network"] == "PKS") & sub["present"] & sub["org_code"].isin(list(KOMMUNER))]
    shares = sub["gender"].value_counts(normalize=True) * 100
    assert close(shares["man"], 31, SECONDARY) and close(shares["kvinna"], 69, SECONDARY)


def test_gender_only_on_present_rows_and_formats_mostly_physical(data):
    att = data.attendance
    assert att.loc[~att["present"], "gender"].isna().all()
    att = att[att["meeting_date"].dt.year <= 2019]  # 2022–2024 are mostly digital
    meetings = att.drop_duplicates(["network", "meeting_date"])
    shares = meetings["meeting_format"].value_counts(normalize=True)
    assert shares["fysiskt"] > 0.75 and shares.get("digitalt", 0) > 0 and shares.get("hybrid", 0) > 0


# --- courses (section 2.1, 6.2, bilaga 2) ---------------------------------------------------------
def _h1(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    return frame[frame["course_date"].between(f"{year}-01-01", f"{year}-06-30")]


def test_courses_first_half_2019(data):
    c = _h1(data.courses, 2019)
    held = c[~c["cancelled"]]
    assert len(held) == 78
    assert held["participants_total"].sum() == 2726
    assert c["cancelled"].sum() == 6
    assert c.loc[c["cancelled"], "participants_total"].sum() == 0
    kk = held[held["organiser"] == "Kurs och konferens"]
    assert len(kk) == 38 and kk["participants_total"].sum() == 469
    upp = (
        held[held["kind"] == "uppdrag"].groupby("organiser", observed=True)["participants_total"].agg(["sum", "count"])
    )
    assert upp.loc["Miljösamverkan"].tolist() == [159, 3]
    assert upp.loc["FoUrum social välfärd"].tolist() == [1090, 25]
    assert upp.loc["CHANGE"].tolist() == [1008, 12]
    assert held["digital"].sum() >= 2
    jul_aug = data.courses["course_date"].between("2019-07-01", "2019-08-31")
    assert not jul_aug.any()


def test_bilaga_2_participants_per_organisation(data):
    ids = _h1(data.courses, 2019)["course_id"]
    parts = data.course_participants[data.course_participants["course_id"].isin(ids)]
    per_org = parts.groupby("organisation", observed=True)["participants"].sum()
    expected = {
        "Aneby": 17,
        "Eksjö": 12,
        "Gislaved": 45,
        "Gnosjö": 14,
        "Habo": 16,
        "Jönköping": 76,
        "Mullsjö": 4,
        "Nässjö": 16,
        "Sävsjö": 19,
        "Tranås": 8,
        "Vaggeryd": 26,
        "Vetlanda": 24,
        "Värnamo": 55,
        "Region Jönköpings län": 112,
        "Externa deltagare": 25,
    }
    assert per_org.to_dict() == expected
    assert per_org.sum() == 469


def test_participant_rows_sum_to_course_totals(data):
    sums = data.course_participants.groupby("course_id")["participants"].sum()
    totals = data.courses.set_index("course_id")["participants_total"]
    assert (totals[sums.index] == sums).all()


def test_fee_courses_of_tabell_1(data):
    c = data.courses.set_index("title")
    for title, fee, n, ext in (
        ("Projektledning i upphandlingsprojekt, 2-dagars kurs", 1800, 20, 11500),
        ("Fördjupad utbildning i Lagen om offentlig upphandling LOU", 3550, 25, 5000),
        ("Räddningstjänst i beredskap RiB", 2550, 30, 4000),
        ("Metoden rePulse, 3-dagars kurs", 7265, 20, 8000),
    ):
        row = c.loc[title]
        assert (row["fee_per_participant"], row["participants_total"], row["external_fee_per_participant"]) == (
            fee,
            n,
            ext,
        )
        assert row["course_date"].year == 2019


def test_courses_first_half_2018_and_other_tertials(data):
    held = _h1(data.courses, 2018)
    held = held[~held["cancelled"]]
    assert len(held) == 91 and held["participants_total"].sum() == 3746
    tertials = (
        data.courses["course_date"].dt.year.astype(str)
        + "-T"
        + ((data.courses["course_date"].dt.month - 1) // 4 + 1).astype(str)
    )
    assert {"2018-T1", "2018-T2", "2018-T3", "2019-T1", "2019-T2"} <= set(tertials)
    assert data.courses["course_id"].str.fullmatch(r"[KU]20\d\d-\d{3}").all()


# --- grants (section 2.2) ------------------------------------------------------------------------
def test_grants_2019(data):
    g = data.grants[data.grants["submitted_date"].dt.year == 2019]
    assert len(g) == 9 and g["amount_applied"].sum() == 23_460_356
    t1 = g[g["submitted_date"] <= "2019-04-30"]
    assert len(t1) == 4 and t1["amount_applied"].sum() == 14_017_872
    t2 = g[g["submitted_date"].between("2019-05-01", "2019-08-31")]
    assert len(t2) == 5 and t2["amount_applied"].sum() == 9_442_484
    assert g["decision"].astype(str).value_counts().to_dict() == {"väntar": 6, "avslag": 2, "delvis beviljad": 1}
    granted = g[g["decision"].isin(["beviljad", "delvis beviljad"])]
    assert granted["amount_granted"].sum() == 250_000
    assert round(250_000 / granted["amount_applied"].sum() * 100) == 55
    decided = g[g["decision"] != "väntar"]
    assert decided["decision_date"].between("2019-05-01", "2019-08-31").all()
    assert g.loc[g["decision"] == "väntar", "decision_date"].isna().all()
    assert g.loc[g["decision"] == "väntar", "amount_granted"].isna().all()
    assert set(g["funder"].astype(str)) == {
        "Svenska ESF-rådet",
        "Forte",
        "Skandias stiftelse Idéer för livet",
        "Stiftelsen Allmänna Barnhuset",
        "Regional utveckling, Region Jönköpings län",
    }


def test_nothing_granted_by_end_of_t1_2019(data):
    g = data.grants
    decided_by_t1 = g["decision_date"].between("2019-01-01", "2019-04-30")
    assert not decided_by_t1.any()


def test_grants_2018(data):
    g = data.grants[data.grants["submitted_date"].between("2018-01-01", "2018-08-31")]
    assert len(g) == 8 and g["amount_applied"].sum() == 39_103_816
    kosta = g[g["project"].str.startswith("KOSTA")].iloc[0]
    assert kosta["amount_granted"] == 12_500_000 and str(kosta["funder"]) == "Svenska ESF-rådet"
    assert (data.grants["submitted_date"] >= "2018-09-01").sum() - 9 >= 2


# --- funds (section 2.4) -----------------------------------------------------------------------------
def _external_share(funds: pd.DataFrame, date: str) -> float:
    f = funds[funds["reporting_date"] == date]
    added = f[["added_municipalities", "added_region", "added_eu", "added_state", "added_other"]].sum()
    return (added.sum() - added["added_municipalities"]) / added.sum() * 100


def test_tabell_3_and_4(data):
    f = data.funds_available[data.funds_available["reporting_date"] == "2019-08-31"].set_index("area")
    assert len(f) == 7
    assert f["opening_funds"].sum() == 102_959_422
    assert f["funds_used"].sum() == 31_471_251
    assert f["closing_funds"].sum() == 71_488_171
    assert f.loc["FoUrum social välfärd och hälso- och sjukvård", "earmarked_state_funds"] == 49_688_209
    added = f[["added_municipalities", "added_region", "added_eu", "added_state", "added_other"]]
    assert added.sum().tolist() == [34_521_619, 1_126_744, 3_256_824, 59_250_949, 4_803_283]
    miljo = f.loc["Miljösamverkan Jönköpings län"]
    assert miljo["opening_funds"] == 1_079_139 and added.loc["Miljösamverkan Jönköpings län"].sum() == 1_079_136
    social = (
        added.loc["FoUrum social välfärd och hälso- och sjukvård"]
        / added.loc["FoUrum social välfärd och hälso- och sjukvård"].sum()
        * 100
    )
    assert [round(x) for x in social] == [28, 1, 0, 68, 3]
    total = added.sum() / added.sum().sum() * 100
    assert [round(x) for x in total] == [34, 1, 3, 58, 5]
    assert (f["closing_funds"] == f["opening_funds"] - f["funds_used"]).all()


def test_external_share(data):
    assert round(_external_share(data.funds_available, "2019-08-31")) == 66
    assert round(_external_share(data.funds_available, "2019-04-30")) == 60
    dates = set(data.funds_available["reporting_date"].dt.strftime("%Y-%m-%d"))
    assert {"2018-04-30", "2018-08-31", "2018-12-31", "2019-04-30", "2019-08-31"} <= dates


def test_budget_and_income_statement(data):
    b = data.budget[data.budget["reporting_date"] == "2019-08-31"].set_index("area")
    assert b.loc["FoUrum social välfärd och hälso- och sjukvård", "budget"] == 34_880_000
    assert b.loc["FoUrum social välfärd och hälso- och sjukvård", "outcome"] == 14_536_000
    assert b["budget"].sum() == 59_938_000
    assert b["forecast"].notna().all()
    r = data.income_statement
    for date in ("2019-04-30", "2019-08-31"):
        assert r.loc[r["reporting_date"] == date, "outcome"].sum() == 0
    r19 = r[r["reporting_date"] == "2019-08-31"].set_index("item")
    assert r19.loc["Personalkostnader", "outcome"] == -18_700_000
    assert r19["budget"].sum() == 0 and r19["forecast"].sum() == 0
    assert r19["outcome"].clip(lower=0).sum() == 35_100_000


# --- indicators and comments ----------------------------------------------------------------------
def test_indicators(data):
    ind = data.indicators.set_index("indicator_id")
    assert ind.loc["narvaro_samtliga", "metric"] == "attendance.overall"
    assert ind.loc["narvaro_reko", "text"].startswith("Närvaro vid träffar med Reko - Ledningsgruppen")
    networks = set(data.networks["network"])
    for metric in ind["metric"]:
        if metric.startswith("attendance.network:"):
            assert metric.split(":", 1)[1] in networks
    t = data.targets
    assert set(t["year"]) == {2018, 2019}
    old = ind[ind["last_year"] == 2021]
    assert len(t) == 2 * len(old) and set(t["indicator_id"]) == set(old.index)  # the 2022–2024 plan sets none
    tv = t[t["year"] == 2019].set_index("indicator_id")["target"]
    assert tv["beviljade_medel"] == "50 % av grants.applied_amount"
    assert tv["finansiellt_resultat"] == "0 kr"
    assert ind.loc["finansiellt_resultat", "direction"] == "balans"


def test_comments_need_escaping(data):
    c = data.comments
    assert (c["year"] == 2019).all() and (c["tertial"] == 2).all()
    assert {"viktiga händelser", "framtiden", "mål 1", "mål 6", "narvaro_reko"} <= set(c["target_id"])
    assert c["text"].str.contains("&").any()  # "<" in comments: test_security_report's hostile comment


# --- workbooks ---------------------------------------------------------------------------------------
EXPECTED_FILES = [
    "natverk.xlsx",
    "narvaro_2018.xlsx",
    "narvaro_2019.xlsx",
    "narvaro_matris_2019.xlsx",
    "narvaro_2022.xlsx",
    "narvaro_2023.xlsx",
    "narvaro_2024.xlsx",
    "kurser.xlsx",
    "ansokningar.xlsx",
    "medel.xlsx",
    "matetal.xlsx",
    "kommentarer.xlsx",
    "installningar.xlsx",
    "medarbetare.xlsx",
    "aktiviteter.xlsx",
    "utvarderingsenkat.xlsx",
    "projekt.xlsx",
]


def test_written_files(written):
    out, paths = written
    assert [p.name for p in paths] == EXPECTED_FILES
    assert all(p.parent == out and p.exists() for p in paths)
    assert not list(out.glob("*.tmp"))


@pytest.mark.parametrize(
    ("name", "kind_sheets"),
    [
        ("natverk.xlsx", NETWORKS.sheets),
        ("narvaro_2018.xlsx", (ATTENDANCE_LONG,)),
        ("narvaro_2019.xlsx", (ATTENDANCE_LONG,)),
        ("kurser.xlsx", COURSES.sheets),
        ("ansokningar.xlsx", GRANTS.sheets),
        ("medel.xlsx", FUNDS.sheets),
        ("matetal.xlsx", INDICATORS.sheets),
        ("kommentarer.xlsx", COMMENTS.sheets),
        ("installningar.xlsx", SETTINGS.sheets),
        ("medarbetare.xlsx", STAFF.sheets),
        ("aktiviteter.xlsx", ACTIVITIES.sheets),
    ],
)
def test_files_have_spec_headers(written, name, kind_sheets):
    out, _ = written
    wb = openpyxl.load_workbook(out / name)
    assert wb.sheetnames == [s.name for s in kind_sheets]
    for sheet in kind_sheets:
        ws = wb[sheet.name]
        headers = [c.value for c in ws[1]]
        assert headers == [c.header for c in sheet.columns]
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])


def test_amounts_are_numbers_with_format(written):
    out, _ = written
    ws = openpyxl.load_workbook(out / "medel.xlsx")["Disponibla medel"]
    row = [c for c in ws[2]]
    headers = [c.value for c in ws[1]]
    opening = row[headers.index("Ingående medel")]
    assert isinstance(opening.value, int) and opening.number_format == sample.AMOUNT_FORMAT
    assert ws.cell(row=2, column=1).is_date
    labels = {ws.cell(row=r, column=2).value for r in range(2, ws.max_row + 1)}
    assert "Summa" not in labels


def test_matrix_layout(written, data):
    out, _ = written
    wb = openpyxl.load_workbook(out / "narvaro_matris_2019.xlsx")
    matrix_networks = [n.name for n in sample.NETWORK_DEFS if n.layout_2019 == "matrix"]
    assert wb.sheetnames == matrix_networks
    ws = wb["Chefsnätverk eHälsa"]
    headers = [c.value for c in ws[1]]
    assert headers[0] == "Datum"
    assert "Region Jönköpings län 2" in headers
    values = {c.value for row in ws.iter_rows(min_row=2, min_col=3) for c in row}
    assert values <= {"x", None, "-"}
    ws = wb["Chefsnätverk arbetsmarknad"]
    col = [c.value for c in ws[1]].index("Nässjö") + 1
    assert {ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)} == {"-"}
    long19 = openpyxl.load_workbook(out / "narvaro_2019.xlsx")["Närvaro"]
    nets = {r[1] for r in long19.iter_rows(min_row=2, values_only=True)}
    assert nets == {
        "PKS",
        "Reko",
        "Strategigrupp barn och unga",
        "Strategigrupp äldre",
        "Strategigrupp psykiatri/missbruk",
    }


@pytest.mark.slow
def test_cli_sample_writes_files(tmp_path):
    from kuanalys.cli import main

    assert main(["sample", "--out", str(tmp_path), "--seed", "2019"]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == sorted(EXPECTED_FILES)


# --- round trip through the loaders -----------------------------------------------------------------


def test_round_trip_through_loaders(written, data):
    from kuanalys import load_all

    out, _ = written
    loaded = load_all(out)
    keys = {
        "attendance": ["meeting_date", "network", "org_code", "seat"],
        "networks": ["network"],
        "courses": ["course_id"],
        "course_participants": ["course_id", "org_code"],
        "grants": ["submitted_date", "project", "funder"],
        "funds_available": ["reporting_date", "area"],
        "budget": ["reporting_date", "area"],
        "income_statement": ["reporting_date", "item"],
        "indicators": ["indicator_id"],
        "targets": ["indicator_id", "year"],
        "comments": ["year", "tertial", "target_id", "kind", "heading"],
        "plan_goals": ["goal", "area"],
        "settings": ["key"],
        "staff": ["year", "tertial", "dimension", "category"],
        "staff_measures": ["year", "metric"],
        "activities": ["year", "tertial", "area", "activity"],
        "network_former_names": ["former_name"],
        "survey_responses": ["year", "network", "question_id", "option"],
        "survey_scale": ["order"],
        "survey_questions": ["question_id"],
        "projects": ["year", "project"],
    }
    for name, expected in data.tables().items():
        got = loaded.tables()[name]
        by = keys[name]
        left = _sorted(got, by)[list(expected.columns)]
        right = _sorted(expected, by)
        pd.testing.assert_frame_equal(left, right, obj=name)


def _sorted(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sort rows by the string values of `by` (category order may differ between sources)."""
    keys = frame[by].astype(str)
    order = keys.sort_values(by).index
    return frame.loc[order].reset_index(drop=True)
