import pytest
from conftest import COMMENT_ROWS, INDICATOR_ROWS, NETWORK_ROWS, TARGET_ROWS, write_xlsx

from kuanalys import load_comments, load_indicators, load_networks
from kuanalys.errors import InputError


def test_networks(tmp_path):
    df = load_networks(write_xlsx(tmp_path / "natverk.xlsx", {"Nätverk": NETWORK_ROWS}))
    assert df["network"].tolist() == ["Reko", "PKS", "Chefsnätverk äldre"]
    assert df["with_region"].tolist() == [True, True, False]
    assert df["network_type"].dtype.name == "category"


def test_network_names_unique_ignoring_case(tmp_path):
    with pytest.raises(InputError) as exc:
        load_networks(
            write_xlsx(tmp_path / "natverk.xlsx", {"Nätverk": [*NETWORK_ROWS, ["REKO ", "Reko", None, "Ja"]]})
        )
    assert exc.value.problems.errors[0].row == 5


def test_indicators_and_targets(tmp_path):
    t = load_indicators(write_xlsx(tmp_path / "matetal.xlsx", {"Mätetal": INDICATOR_ROWS, "Målvärden": TARGET_ROWS}))
    assert t.indicators["threshold_met"].isna().all() and t.indicators["threshold_met"].dtype.name == "Float64"
    assert t.targets["target"].tolist() == ["samma period föregående år", "80 %"]  # sorted by id
    assert t.indicators["comparison"].isna().tolist() == [False, True]


def test_target_for_unknown_indicator(tmp_path):
    with pytest.raises(InputError) as exc:
        load_indicators(
            write_xlsx(
                tmp_path / "matetal.xlsx",
                {"Mätetal": INDICATOR_ROWS, "Målvärden": [*TARGET_ROWS, ["okänt", 2019, "1"]]},
            )
        )
    (err,) = exc.value.problems.errors
    assert err.sheet == "Målvärden" and err.row == 4


def test_comments(tmp_path):
    df = load_comments(write_xlsx(tmp_path / "kommentarer.xlsx", {"Kommentarer": COMMENT_ROWS}))
    assert df.loc[0, "tertial"] == 2 and df["year"].dtype.name == "Int64"
