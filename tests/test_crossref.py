"""`validate` checks every cross-reference between the workbooks, located, with close choices."""

import copy

import pytest
from conftest import COMMENT_ROWS, COURSE_ROWS, GRANT_ROWS, INDICATOR_ROWS, PARTICIPANT_ROWS, TARGET_ROWS, write_xlsx

from kuanalys.loaders import load_all, read_all


def _matetal(folder, indicators=INDICATOR_ROWS, targets=TARGET_ROWS):
    write_xlsx(folder / "matetal.xlsx", {"Mätetal": indicators, "Målvärden": targets})


def _errors(folder):
    _, problems = read_all(folder)
    return [str(p) for p in problems.errors]


def _set(rows, r, c, value):
    rows = copy.deepcopy(rows)
    rows[r][c] = value
    return rows


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda f: _matetal(f, _set(INDICATOR_ROWS, 2, 4, "courses.participant")),
            'FEL: matetal.xlsx, blad "Mätetal", rad 3, kolumn "Mått": Okänt mått. Menade du: \'courses.participants\'',
        ),
        (
            lambda f: _matetal(f, _set(INDICATOR_ROWS, 1, 4, "attendance.network:Rekå")),
            'FEL: matetal.xlsx, blad "Mätetal", rad 2, kolumn "Mått": Nätverket \'Rekå\' i måttet finns inte i '
            "nätverksregistret (natverk.xlsx). Menade du: 'Reko'?",
        ),
        (
            lambda f: _matetal(f, targets=_set(TARGET_ROWS, 1, 2, "åttio procent")),
            'FEL: matetal.xlsx, blad "Målvärden", rad 2, kolumn "Målvärde": Målvärdet \'åttio procent\' kan inte tolkas.',
        ),
        (
            lambda f: _matetal(f, targets=_set(TARGET_ROWS, 1, 2, "800 %")),
            'FEL: matetal.xlsx, blad "Målvärden", rad 2, kolumn "Målvärde": Målvärdet 800 % är över 100 %, som är '
            "det högsta möjliga för en andel. (värde: '800 %')",
        ),
        (
            lambda f: _matetal(f, targets=_set(TARGET_ROWS, 2, 2, "50 % av grants.applied_amout")),
            'FEL: matetal.xlsx, blad "Målvärden", rad 3, kolumn "Målvärde": Okänt mått',
        ),
        (
            lambda f: _matetal(f, targets=_set(TARGET_ROWS, 1, 0, "narvaro_rekå")),
            'FEL: matetal.xlsx, blad "Målvärden", rad 2, kolumn "Id": Id \'narvaro_rekå\' finns inte i bladet',
        ),
        (
            lambda f: write_xlsx(f / "kommentarer.xlsx", {"Kommentarer": _set(COMMENT_ROWS, 1, 2, "narvar")}),
            'FEL: kommentarer.xlsx, blad "Kommentarer", rad 2, kolumn "Avsnitt": Avsnittet finns inte i rapporten '
            "och är inget mätetal, så texten skulle inte visas. Menade du: 'narvaro_reko'",
        ),
        (
            lambda f: write_xlsx(
                f / "kurser.xlsx",
                {"Kurser": _set(COURSE_ROWS, 1, 3, "Kurs o konferens"), "Deltagare": PARTICIPANT_ROWS},
            ),
            'FEL: kurser.xlsx, blad "Kurser", rad 2, kolumn "Arrangör": Okänt värde. Menade du: \'Kurs och konferens\'',
        ),
        (
            lambda f: write_xlsx(f / "ansokningar.xlsx", {"Ansökningar": _set(GRANT_ROWS, 1, 2, "FoUrum utbilding")}),
            'FEL: ansokningar.xlsx, blad "Ansökningar", rad 2, kolumn "Område": Okänt värde. '
            "Menade du: 'FoUrum utbildning'",
        ),
    ],
    ids=[
        "metric",
        "network-in-key",
        "target-text",
        "rate-over-100",
        "relative-target",
        "target-id",
        "comment",
        "organiser",
        "area",
    ],
)
def test_a_broken_reference_is_a_located_error(valid_dir, change, expected):
    change(valid_dir)
    errors = _errors(valid_dir)
    assert any(e.startswith(expected) for e in errors), errors


def test_synonyms_are_read_as_their_canonical_names_and_report_parts_accepted(valid_dir):
    rows = [*COMMENT_ROWS, [2019, 2, "Mål 1", "Om målet."], [2019, 2, "Starkt partnerskap", "Om målet."]]
    write_xlsx(valid_dir / "kommentarer.xlsx", {"Kommentarer": [*rows, [2019, 2, "Viktiga händelser", "Text."]]})
    write_xlsx(valid_dir / "kurser.xlsx", {"Kurser": _set(COURSE_ROWS, 1, 3, "KoK"), "Deltagare": PARTICIPANT_ROWS})
    ds = load_all(valid_dir)
    assert len(ds.comments) == 4
    assert "Kurs och konferens" in ds.courses["organiser"].astype(str).tolist()


def test_two_spellings_of_a_funder_are_a_warning(valid_dir):
    rows = [*GRANT_ROWS, ["Nytt", "svenska ESF-rådet", "FoUrum utbildning", 1000, "2019-03-02", "väntar", None, None]]
    write_xlsx(valid_dir / "ansokningar.xlsx", {"Ansökningar": rows})
    ds = load_all(valid_dir)
    (w,) = [p for p in ds.warnings if p.column == "Finansiär"]
    assert w.row == 5 and "liknar 'Svenska ESF-rådet'" in w.message
