"""The report-structure inputs: installningar, medarbetare, aktiviteter, the sheet Mål of matetal.xlsx
and the extended kommentarer layout; every problem located by file, sheet, row and column."""

from __future__ import annotations

import pytest
from conftest import INDICATOR_ROWS, TARGET_ROWS, write_xlsx

from kuanalys.errors import InputError
from kuanalys.loaders import load_activities, load_all, load_indicators, load_settings, load_staff

STAFF_HEAD = ["År", "Tertial", "Indelning", "Kategori", "Årsarbetare"]


def _staff_rows(fin_external: str = "16,00") -> list[list]:
    return [
        STAFF_HEAD,
        [2019, 2, "anställningsform", "tjänsteköp", "7,70"],
        [2019, 2, "anställningsform", "tillsvidare", "31,35"],
        [2019, 2, "anställningsform", "visstid", "12,15"],
        [2019, 2, "finansiering", "kommunerna", "35,20"],
        [2019, 2, "finansiering", "externa medel", fin_external],
    ]


def test_staff_loads_with_decimals(tmp_path):
    path = write_xlsx(tmp_path / "medarbetare.xlsx", {"Årsarbetare": _staff_rows()})
    tables = load_staff(path)
    assert round(float(tables.staff["fte"].sum()), 2) == 102.4
    assert tables.measures.empty


def test_staff_splits_must_add_up(tmp_path):
    path = write_xlsx(tmp_path / "medarbetare.xlsx", {"Årsarbetare": _staff_rows("15,00")})
    with pytest.raises(InputError) as exc:
        load_staff(path)
    (p,) = exc.value.problems
    assert (p.sheet, p.row, p.column) == ("Årsarbetare", 5, "Årsarbetare")
    assert "per finansiering summerar till 50,20" in p.message and "51,20" in p.message


def test_staff_category_must_belong_to_its_split(tmp_path):
    rows = _staff_rows()
    rows[1][3] = "FoU"
    path = write_xlsx(tmp_path / "medarbetare.xlsx", {"Årsarbetare": rows})
    with pytest.raises(InputError) as exc:
        load_staff(path)
    p = list(exc.value.problems)[0]
    assert (p.row, p.column) == (2, "Kategori") and "hör inte till indelningen 'anställningsform'" in p.message


def test_staff_measure_feeds_the_scorecard_key(tmp_path):
    path = write_xlsx(
        tmp_path / "medarbetare.xlsx",
        {
            "Årsarbetare": _staff_rows(),
            "Medarbetarmått": [["År", "Mått", "Värde"], [2022, "staff.work_environment", "85 %"]],
        },
    )
    from kuanalys.metrics.staff import staff_measure

    assert staff_measure(load_staff(path).measures, "staff.work_environment", 2022) == pytest.approx(0.85)


def test_activities_status_is_a_choice(tmp_path):
    head = ["År", "Tertial", "Område", "Aktivitet", "Status", "Kommentar"]
    path = write_xlsx(
        tmp_path / "aktiviteter.xlsx",
        {
            "Aktiviteter": [
                head,
                [2019, 2, "Område A", "Göra något", "pågår", None],
                [2019, 2, "Område A", "Annat", "typ klar", None],
            ]
        },
    )
    with pytest.raises(InputError) as exc:
        load_activities(path)
    p = list(exc.value.problems)[0]
    assert (p.sheet, p.row, p.column) == ("Aktiviteter", 3, "Status")


def test_settings_once_each(tmp_path):
    rows = [["Inställning", "Värde"], ["dnr", "RJL 1"], ["dnr", "RJL 2"]]
    path = write_xlsx(tmp_path / "installningar.xlsx", {"Inställningar": rows})
    with pytest.raises(InputError) as exc:
        load_settings(path)
    assert list(exc.value.problems)[0].row == 3


def test_goal_sheet_gives_the_chapter_order(tmp_path):
    goals = [["Strategiskt mål", "Område"], ["Mål utan mätetal", None], ["Mål med område", "Område X"]]
    path = write_xlsx(tmp_path / "matetal.xlsx", {"Mätetal": INDICATOR_ROWS, "Målvärden": TARGET_ROWS, "Mål": goals})
    tables = load_indicators(path)
    assert tables.plan_goals["goal"].tolist() == ["Mål utan mätetal", "Mål med område"]
    assert tables.plan_goals["area"].isna().tolist() == [True, False]


def test_folder_without_the_new_inputs_still_loads(valid_dir):
    ds = load_all(valid_dir)
    assert ds.staff.empty and ds.activities.empty and ds.settings.empty and ds.plan_goals.empty


def test_personal_data_in_activity_text_is_named(valid_dir):
    """An e-mail address or phone number typed into an activity (published in the report) is a
    warning naming the cell, and an error with --strikt, as in the comments."""
    from kuanalys.loaders.folder import read_all

    head = ["År", "Tertial", "Område", "Aktivitet", "Status", "Kommentar"]
    rows = [
        head,
        [2019, 2, "Område X", "Möte med anna.svensson@rjl.se", "pågår", None],
        [2019, 2, "Område X", "Uppföljning", "klar", "Ring 036-32 40 00 för mer."],
    ]
    write_xlsx(valid_dir / "aktiviteter.xlsx", {"Aktiviteter": rows})
    _, problems = read_all(valid_dir)
    found = [(p.sheet, p.row, p.column, p.severity) for p in problems if "personuppgifterna" in p.message]
    assert found == [("Aktiviteter", 2, "Aktivitet", "varning"), ("Aktiviteter", 3, "Kommentar", "varning")], [
        str(p) for p in problems
    ]
    dataset, problems = read_all(valid_dir, strict=True)
    assert dataset is None and any("personuppgifterna" in p.message and p.severity == "fel" for p in problems)


def test_staff_table_caption_names_the_span(sample_ds):
    """The staff table names its months: 'under januari–april 2022', 'under januari–augusti 2019'."""
    from kuanalys.periods import Tertial
    from kuanalys.report import chapters

    ds = sample_ds
    assert chapters.staff_table(ds, Tertial(2022, 1)).title.endswith("under januari–april 2022")
    assert chapters.staff_table(ds, Tertial(2019, 2)).title.endswith("under januari–augusti 2019")


def test_staff_text_of_a_whole_year_compares_with_the_year_before(sample_ds):
    """The annual report's 1.2 compares with the previous year, in words that say so."""
    from kuanalys.periods import Tertial, Year
    from kuanalys.report import chapters

    ds = sample_ds
    text = chapters.staff_text(ds, Year(2024))
    assert "jämfört med föregående år" in text and "år 2023)" in text and " år)" not in text, text
    assert "jämfört med föregående tertial" in chapters.staff_text(ds, Tertial(2019, 2))
    assert "(26,90 tertial 1)" in chapters.staff_text(ds, Tertial(2019, 2))


def test_activity_area_outside_the_plan_is_named(valid_dir):
    """An activity whose Område is none of the plan's areas would be shown under no goal:
    `validate` warns at the cell and suggests the closest area."""
    from kuanalys.loaders.folder import read_all

    area = str(load_all(valid_dir).indicators["area"].dropna().iloc[0])
    head = ["År", "Tertial", "Område", "Aktivitet", "Status", "Kommentar"]
    rows = [head, [2019, 2, area, "Rätt område", "pågår", None], [2019, 2, area[:-3], "Felstavat", "klar", None]]
    write_xlsx(valid_dir / "aktiviteter.xlsx", {"Aktiviteter": rows})
    dataset, problems = read_all(valid_dir)
    found = [p for p in problems if "visas inte under något mål" in p.message]
    assert dataset is not None and [(p.sheet, p.row, p.column, p.severity) for p in found] == [
        ("Aktiviteter", 3, "Område", "varning")
    ], [str(p) for p in problems]
    assert area in found[0].message
