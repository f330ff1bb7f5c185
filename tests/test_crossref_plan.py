"""`kuanalys validate` on the plan's sheets (matetal.xlsx: Mätetal and Mål) and on projekt.xlsx:
years in order, one error per row, no goal on two rows for the same year, each indicator's goal
and area in Mål, areas from the closed list; and every out-of-range value in plain Swedish."""

import copy

import pytest
from conftest import INDICATOR_ROWS, TARGET_ROWS, write_xlsx

from kuanalys.cli import main
from kuanalys.loaders import load_all

GOAL_HEADER = ["Strategiskt mål", "Område", "Första år", "Sista år"]
GOALS = [["Starkt partnerskap", "Samverkan", None, None], ["Kompetens", "Kurser", None, None]]


def _matetal(folder, years=((None, None), (None, None)), goals=GOALS, targets=TARGET_ROWS, extra=None):
    """Write matetal.xlsx: Mätetal with the given years (and `extra` columns on its first row), and Mål."""
    rows = copy.deepcopy(INDICATOR_ROWS)
    rows[0] += ["Första år", "Sista år", *(extra or {})]
    for i, (row, (first, last)) in enumerate(zip(rows[1:], years)):
        row += [first, last, *((extra or {}).values() if i == 0 else [None] * len(extra or {}))]
    sheets = {"Mätetal": rows, "Målvärden": targets}
    if goals is not None:
        sheets["Mål"] = [GOAL_HEADER, *goals]
    write_xlsx(folder / "matetal.xlsx", sheets)


def _validate(folder, capsys) -> tuple[int, list[str]]:
    code = main(["validate", str(folder)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, [line for line in out.out.splitlines() if line.startswith(("FEL", "VARNING"))]


def test_first_year_after_last_year_is_one_located_error(valid_dir, capsys):
    _matetal(valid_dir, years=((2024, 2022), (None, None)))
    code, lines = _validate(valid_dir, capsys)
    assert code == 1
    assert lines == [
        'FEL: matetal.xlsx, blad "Mätetal", rad 2, kolumn "Sista år": Första år (2024) är senare än Sista år (2022), '
        "så raden gäller inget år. Byt plats på åren eller rätta det som är fel. (värde: 2022)"
    ]


def test_inverted_years_in_mal_are_one_error_and_no_follow_on(valid_dir, capsys):
    goals = [["Starkt partnerskap", "Samverkan", 2024, 2022], GOALS[1]]
    _matetal(valid_dir, years=((2024, 2022), (None, None)), goals=goals)
    code, lines = _validate(valid_dir, capsys)
    assert code == 1 and len(lines) == 2, lines
    assert [line.split(":")[1].strip() for line in lines] == [
        'matetal.xlsx, blad "Mätetal", rad 2, kolumn "Sista år"',
        'matetal.xlsx, blad "Mål", rad 2, kolumn "Sista år"',
    ]


def test_an_implausible_year_in_mal_is_refused_alone(valid_dir, capsys):
    _matetal(valid_dir, goals=[["Starkt partnerskap", "Samverkan", 1922, 2024], GOALS[1]])
    code, lines = _validate(valid_dir, capsys)
    assert code == 1
    assert lines == [
        'FEL: matetal.xlsx, blad "Mål", rad 2, kolumn "Första år": Orimligt år; väntade t.ex. 2019. (värde: 1922)'
    ]


def test_a_goal_on_two_rows_for_overlapping_years_is_an_error(valid_dir, capsys):
    _matetal(valid_dir, goals=[*GOALS, ["starkt  partnerskap", "Samverkan", 2022, 2024]])
    code, lines = _validate(valid_dir, capsys)
    assert code == 1
    assert lines == [
        "FEL: matetal.xlsx, blad \"Mål\", rad 4: Området 'Samverkan' under målet 'starkt partnerskap' finns redan "
        "på rad 2 för alla år, och åren överlappar (den här raden: 2022–2024). Ta bort den ena raden eller ändra "
        "Första år/Sista år så att varje år bara finns på en rad."
    ]


def test_a_goal_on_two_rows_for_different_years_is_accepted(valid_dir):
    goals = [["Starkt partnerskap", "Samverkan", None, 2021], ["Starkt partnerskap", "Samverkan", 2022, None]]
    _matetal(valid_dir, goals=[*goals, GOALS[1]])
    assert len(load_all(valid_dir).plan_goals) == 3


@pytest.mark.parametrize(
    ("goals", "years", "expected"),
    [
        (
            [["Starkt partnerskapp", "Samverkan", None, None], GOALS[1]],
            ((None, None), (None, None)),
            'FEL: matetal.xlsx, blad "Mätetal", rad 2, kolumn "Strategiskt mål": Målet finns inte i bladet Mål, så '
            "mätetalet skulle hamna i ett eget kapitel sist i rapporten. Menade du: 'Starkt partnerskapp'? "
            "(värde: 'Starkt partnerskap')",
        ),
        (
            [["Starkt partnerskap", "Samverkn", None, None], GOALS[1]],
            ((None, None), (None, None)),
            'FEL: matetal.xlsx, blad "Mätetal", rad 2, kolumn "Område": Området finns inte under målet i bladet Mål, '
            "så mätetalet skulle hamna i ett eget avsnitt sist i kapitlet. Menade du: 'Samverkn'? "
            "(värde: 'Samverkan')",
        ),
        (
            [["Starkt partnerskap", "Samverkan", 2022, 2024], ["Kompetens", "Kurser", 2022, 2025]],
            ((2022, 2025), (None, None)),
            'FEL: matetal.xlsx, blad "Mätetal", rad 2, kolumn "Sista år": Mätetalet gäller 2022–2025, men bladet Mål '
            "har målet och området bara för 2022–2024. Övriga år skulle mätetalet hamna i ett eget kapitel sist i "
            "rapporten; ändra Första år/Sista år här eller i bladet Mål.",
        ),
    ],
    ids=["goal", "area", "years"],
)
def test_an_indicator_names_a_goal_and_area_of_mal_for_its_years(valid_dir, capsys, goals, years, expected):
    _matetal(valid_dir, years=years, goals=goals)
    code, lines = _validate(valid_dir, capsys)
    assert code == 1 and lines == [expected]


def test_without_mal_the_chapters_follow_matetal_and_nothing_is_checked_against_it(valid_dir):
    _matetal(valid_dir, goals=None)
    assert load_all(valid_dir).plan_goals is None or load_all(valid_dir).plan_goals.empty


def test_project_area_is_checked_against_the_areas(valid_dir, capsys):
    header = ["Uppdrag/projekt", "År", "Typ", "Område", "Start", "Planerat slut", "Status"]
    row = ["Projekt A", 2019, "projekt", "FoUrum utbilding", "2019-01-01", "2019-12-31", "pågående"]
    write_xlsx(valid_dir / "projekt.xlsx", {"Projekt": [header, row]})
    code, lines = _validate(valid_dir, capsys)
    assert code == 1 and len(lines) == 1, lines
    assert lines[0].startswith(
        'FEL: projekt.xlsx, blad "Projekt", rad 2, kolumn "Område": Okänt värde. Menade du: \'FoUrum utbildning\''
    )
    row[3] = "utbildning"  # a documented synonym is read as its canonical name
    write_xlsx(valid_dir / "projekt.xlsx", {"Projekt": [header, row]})
    assert load_all(valid_dir).projects["area"].astype(str).tolist() == ["FoUrum utbildning"]


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        (
            lambda d: _matetal(d, targets=[TARGET_ROWS[0], ["narvaro_reko", 2019, "184 %"], TARGET_ROWS[2]]),
            'FEL: matetal.xlsx, blad "Målvärden", rad 2, kolumn "Målvärde": Målvärdet 184 % är över 100 %, som är '
            "det högsta möjliga för en andel. (värde: '184 %')",
        ),
        (
            lambda d: _matetal(d, extra={"Gräns uppfyllt": "-10 %"}),
            'FEL: matetal.xlsx, blad "Mätetal", rad 2, kolumn "Gräns uppfyllt": Andelen -10 % är negativ; lägsta '
            "möjliga är 0 %. (värde: '-10 %')",
        ),
        (
            lambda d: write_xlsx(
                d / "medarbetare.xlsx",
                {
                    "Årsarbetare": [
                        ["År", "Tertial", "Indelning", "Kategori", "Årsarbetare"],
                        [2019, 2, "anställningsform", "tillsvidare", 3],
                    ],
                    "Medarbetarmått": [["År", "Mått", "Värde"], [2019, "staff.work_environment", "184 %"]],
                },
            ),
            'FEL: medarbetare.xlsx, blad "Medarbetarmått", rad 2, kolumn "Värde": Andelen 184 % är över 100 %, som '
            "är det högsta möjliga för en andel. (värde: '184 %')",
        ),
        (
            lambda d: write_xlsx(
                d / "medarbetare.xlsx",
                {
                    "Årsarbetare": [
                        ["År", "Tertial", "Indelning", "Kategori", "Årsarbetare"],
                        [2019, 2, "anställningsform", "tillsvidare", 3],
                    ],
                    "Medarbetarmått": [["År", "Mått", "Värde"], [2019, "staff.work_environment", 1.84]],
                },
            ),
            'FEL: medarbetare.xlsx, blad "Medarbetarmått", rad 2, kolumn "Värde": Oklart om 1,84 betyder 1,84 %; '
            "skriv t.ex. '1,84 %' eller en andel som 0,8. (värde: 1,84)",
        ),
    ],
    ids=["target", "threshold", "staff-share", "ambiguous-share"],
)
def test_out_of_range_values_are_plain_swedish(valid_dir, capsys, write, expected):
    write(valid_dir)
    code, lines = _validate(valid_dir, capsys)
    assert code == 1 and lines == [expected]


def test_inverted_years_of_a_former_network_name_are_one_error(valid_dir, capsys):
    from conftest import NETWORK_ROWS

    former = [["Nätverk", "Tidigare namn", "Från år", "Till år"], ["Reko", "Gamla Reko", 2021, 2016]]
    write_xlsx(valid_dir / "natverk.xlsx", {"Nätverk": NETWORK_ROWS, "Tidigare namn": former})
    code, lines = _validate(valid_dir, capsys)
    assert code == 1
    assert lines == [
        'FEL: natverk.xlsx, blad "Tidigare namn", rad 2, kolumn "Till år": Från år (2021) är senare än Till år '
        "(2016), så raden gäller inget år. Byt plats på åren eller rätta det som är fel. (värde: 2016)"
    ]


@pytest.mark.parametrize(
    ("check", "column_type", "value", "expected"),
    [
        (
            "less_than_or_equal_to(1)",
            "percent",
            1.84,
            "Andelen 184 % är över 100 %, som är det högsta möjliga för en andel.",
        ),
        ("greater_than_or_equal_to(0)", "percent", -0.1, "Andelen -10 % är negativ; lägsta möjliga är 0 %."),
        ("greater_than_or_equal_to(0)", "integer", -3, "Värdet -3 är negativt; lägsta möjliga är 0."),
        ("greater_than(0)", "integer", 0, "Värdet 0 måste vara större än 0."),
        ("less_than_or_equal_to(2100)", "year", 2300, "Värdet 2300 är över 2100, som är det högsta tillåtna."),
        ("str_length(1, 5)", "text", "abcdefg", "Värdet är inte tillåtet i kolumnen."),
        ("Planerat slut är före start.", None, 5, "Planerat slut är före start."),
    ],
)
def test_every_pandera_check_becomes_plain_swedish(check, column_type, value, expected):
    import numpy as np

    from kuanalys.loaders.common import check_message

    for shown in (value, np.asarray([value])[0]):  # numpy scalars as pandera gives them
        message, _ = check_message(check, column_type, shown)
        assert message == expected
        assert "np." not in message and "(" not in message
