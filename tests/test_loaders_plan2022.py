"""The inputs of the 2022–2024 plan: evaluation survey, project register, staff measures and the
network register's former names, read through `load_all` and the single-file loaders."""

import datetime as dt

import pytest
from conftest import NETWORK_ROWS, write_valid_dir, write_xlsx

from kuanalys.errors import InputError
from kuanalys.loaders import load_all, load_projects, load_survey, read_all
from kuanalys.processed import load_processed, write_dataset

D = dt.datetime
SCALE = [
    ["Svarsalternativ", "Ordning", "Mycket nöjd"],
    ["Inte alls nöjd", 1, "Nej"],
    ["Ganska nöjd", 2, "Nej"],
    ["Nöjd", 3, "Nej"],
    ["Mycket nöjd", 4, "Ja"],
]
QUESTIONS = [
    ["Id", "Fråga", "Mätetal"],
    [
        "F1",
        "Bidrag till samverkan?",
        "Andel mycket nöjda med Kommunal utvecklings bidrag till samverkan mellan kommunerna.",
    ],
    ["F2", "Bidrag till kompetens?", "Andel mycket nöjda med Kommunal utvecklings bidrag till ökad kompetens i länet."],
]
COUNTS = [
    ["År", "Nätverk", "Fråga", "Svarsalternativ", "Antal svarande"],
    [2023, "Reko", "F1", "Mycket nöjd", 3],
    [2023, "Reko", "F1", "Nöjd", 5],
    [2023, "PKS", "f1", "mycket nöjd", 4],
]
INDIVIDUAL = [
    ["År", "Nätverk", "Fråga", "Svar", "Namn", "E-post", "Respondent-id"],
    [2023, "Reko", "Bidrag till kompetens?", "Mycket nöjd", "Anna A", "anna@example.se", "RESP-0417"],
    [2023, "Reko", "F2", "Nöjd", "Bo B", "bo@example.se", "RESP-0418"],
    [2023, "Reko", "F2", "Mycket nöjd", "Cia C", "cia@example.se", "RESP-0419"],
]
PROJECTS = [
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
        "Extern finansiering",
    ],
    [
        "Räkna med mig!",
        2023,
        "projekt",
        "FoUrum social välfärd och hälso- och sjukvård",
        D(2021, 1, 1),
        D(2024, 12, 31),
        "pågående",
        "ja",
        "ja",
        "delvis",
        450000,
    ],
    [
        "Peer support",
        2023,
        "uppdrag",
        "FoUrum social välfärd och hälso- och sjukvård",
        D(2022, 3, 1),
        D(2023, 12, 31),
        "avslutat",
        "nej",
        "ja",
        "ja",
        None,
    ],
    [
        "Letterbox Club",
        2023,
        "projekt",
        "FoUrum utbildning",
        D(2023, 1, 1),
        D(2025, 6, 30),
        "planerat",
        None,
        None,
        None,
        None,
    ],
]


def survey_dir(tmp_path, **sheets):
    folder = write_valid_dir(tmp_path / "raw")
    book = {"Enkätsvar": COUNTS, "Enskilda svar": INDIVIDUAL, "Svarsskala": SCALE, "Frågor": QUESTIONS}
    book.update(sheets)
    write_xlsx(folder / "utvarderingsenkat.xlsx", {k: v for k, v in book.items() if v is not None})
    return folder


def test_survey_counts_and_individual_answers_are_combined(tmp_path):
    ds = load_all(survey_dir(tmp_path))
    r = ds.survey_responses
    assert list(r.columns) == ["year", "network", "question_id", "option", "respondents"]
    assert r.loc[(r.network == "PKS"), "option"].tolist() == ["Mycket nöjd"]  # spelt as on the scale
    f2 = r[r.question_id == "F2"].set_index("option")["respondents"]
    assert f2.to_dict() == {"Mycket nöjd": 2, "Nöjd": 1}  # question given by its text counts as F2
    assert ds.survey_scale["very_satisfied"].tolist() == [False, False, False, True]


def test_no_respondent_reaches_processed_data(tmp_path):
    ds = load_all(survey_dir(tmp_path))
    out = tmp_path / "processed"
    write_dataset(ds, out)
    blob = b"".join(p.read_bytes() for p in out.iterdir())
    for secret in (b"Anna", b"anna@example.se", b"RESP-04", b"Cia"):
        assert secret not in blob
    assert load_processed(out).survey_responses["respondents"].sum() == 15


@pytest.mark.parametrize(
    ("sheets", "message", "row"),
    [
        (
            {"Enkätsvar": [*COUNTS, [2023, "Reko", "F1", "Toppen", 1]]},
            "Svaret 'Toppen' finns inte i bladet 'Svarsskala'",
            5,
        ),
        ({"Enkätsvar": [*COUNTS, [2023, "Reko", "F9", "Nöjd", 1]]}, "Frågan 'F9' finns inte i bladet 'Frågor'", 5),
        ({"Enkätsvar": [*COUNTS, [2023, "Okänt nätverk", "F1", "Nöjd", 1]]}, "Nätverket 'Okänt nätverk' finns inte", 5),
        ({"Enkätsvar": [*COUNTS, [2023, "Reko", "F1", "Nöjd", 2]]}, "rad 3", 5),
        ({"Enskilda svar": [*INDIVIDUAL[:1], [2023, "Reko", "F1", "Nöjd", "", "", ""]]}, "räknas två gånger", 2),
    ],
)
def test_survey_errors_are_located(tmp_path, sheets, message, row):
    dataset, problems = read_all(survey_dir(tmp_path, **sheets))
    assert dataset is None
    hits = [p for p in problems.errors if message in str(p)]
    assert hits and hits[0].row == row and hits[0].file.endswith("utvarderingsenkat.xlsx"), problems.report()


def test_scale_without_very_satisfied_is_refused(tmp_path):
    scale = [SCALE[0], *[[o, n, "Nej"] for o, n, _ in SCALE[1:]]]
    dataset, problems = read_all(survey_dir(tmp_path, Svarsskala=scale))
    assert dataset is None and "Inget svarsalternativ räknas som mycket nöjd" in problems.report()


def test_load_survey_single_file(tmp_path):
    path = write_xlsx(
        tmp_path / "utvarderingsenkat.xlsx", {"Enkätsvar": COUNTS, "Svarsskala": SCALE, "Frågor": QUESTIONS}
    )
    tables = load_survey(path)
    assert tables.responses["respondents"].sum() == 12 and len(tables.questions) == 2


def test_projects_register(tmp_path):
    frame = load_projects(write_xlsx(tmp_path / "projekt.xlsx", {"Projekt": PROJECTS}))
    by_name = frame.set_index("project")
    assert frame["within_budget"].isna().sum() == 1 and by_name.loc["Peer support", "goals_met"] == "ja"
    assert str(frame["start_date"].dtype).startswith("datetime64")


def test_project_errors_are_located(tmp_path):
    bad = [*PROJECTS, [*PROJECTS[1][:4], D(2021, 1, 1), D(2020, 1, 1), "pågående", "kanske", "ja", "ja", None]]
    with pytest.raises(InputError) as exc:
        load_projects(write_xlsx(tmp_path / "projekt.xlsx", {"Projekt": bad}))
    text = exc.value.problems.report()
    assert "Planerat slut är före start" in text and "kanske" in text and "rad 5" in text


def test_former_names_join_one_network(tmp_path):
    folder = write_valid_dir(tmp_path / "raw")
    registry = [
        ["Nätverk", "Typ", "Område", "Samverkan med regionen"],
        ["Reko", "Reko", "FoUrum social välfärd och hälso- och sjukvård", "Ja"],
        ["Digitalisering i Socialtjänsten", "chefsnätverk", "FoUrum social välfärd och hälso- och sjukvård", "Nej"],
        ["PKS", "PKS", "FoUrum social välfärd och hälso- och sjukvård", "Nej"],
    ]
    former = [
        ["Nätverk", "Tidigare namn", "Från år", "Till år"],
        ["Digitalisering i Socialtjänsten", "Chefsnätverk eHälsa", 2016, 2021],
    ]
    write_xlsx(folder / "natverk.xlsx", {"Nätverk": registry, "Tidigare namn": former})
    rows = [
        ["Datum", "Nätverk", "Organisation", "Närvarande"],
        [D(2019, 2, 1), "Chefsnätverk eHälsa", "Habo", "x"],
        [D(2023, 2, 1), "Digitalisering i Socialtjänsten", "Habo", "x"],
    ]
    write_xlsx(folder / "narvaro_ehalsa.xlsx", {"Närvaro": rows})
    ds = load_all(folder)
    nets = ds.attendance.loc[ds.attendance["organisation"].astype(str) == "Habo", "network"].astype(str)
    assert "Chefsnätverk eHälsa" not in set(ds.attendance["network"].astype(str))
    assert (nets == "Digitalisering i Socialtjänsten").sum() >= 2
    assert ds.network_former_names["to_year"].tolist() == [2021]
    assert not [p for p in ds.warnings.items if "Tidigare namn" in str(p)]


def test_former_name_used_after_its_years_is_a_located_warning(tmp_path):
    folder = write_valid_dir(tmp_path / "raw")
    registry = [
        *NETWORK_ROWS,
        ["Digitalisering i Socialtjänsten", "chefsnätverk", "FoUrum social välfärd och hälso- och sjukvård", "Nej"],
    ]
    former = [
        ["Nätverk", "Tidigare namn", "Från år", "Till år"],
        ["Digitalisering i Socialtjänsten", "Chefsnätverk eHälsa", None, 2021],
    ]
    write_xlsx(folder / "natverk.xlsx", {"Nätverk": registry, "Tidigare namn": former})
    rows = [["Datum", "Nätverk", "Organisation", "Närvarande"], [D(2023, 2, 1), "Chefsnätverk eHälsa", "Habo", "x"]]
    write_xlsx(folder / "narvaro_ehalsa.xlsx", {"Närvaro": rows})
    dataset, problems = read_all(folder)
    assert dataset is not None
    (w,) = [p for p in problems.warnings if "gällde –2021" in str(p)]
    assert w.row == 2 and w.file.endswith("narvaro_ehalsa.xlsx") and "räknas till 'Digitalisering" in str(w)


def test_former_name_of_unknown_network_is_refused(tmp_path):
    folder = write_valid_dir(tmp_path / "raw")
    former = [["Nätverk", "Tidigare namn", "Till år"], ["Finns inte", "Gammalt", 2021]]
    write_xlsx(folder / "natverk.xlsx", {"Nätverk": NETWORK_ROWS, "Tidigare namn": former})
    dataset, problems = read_all(folder)
    assert dataset is None
    assert any("Nätverket 'Finns inte' finns inte i bladet 'Nätverk'" in str(p) and p.row == 2 for p in problems.errors)
