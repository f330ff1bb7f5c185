"""One source of targets: every målvärde shown or used comes from the Målvärden sheet."""

import re
from pathlib import Path

from kuanalys import scorecard as sc
from kuanalys.periods import Tertial
from kuanalys.report import content
from kuanalys.sample import sample_dataset

T2 = Tertial(2019, 2)
ROOT = Path(__file__).resolve().parents[1]


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def _with_targets(ds, changes: dict[str, str | None]):
    t = ds.targets.copy()
    for indicator, text in changes.items():
        rows = (t["indicator_id"] == indicator) & (t["year"] == 2019)
        if text is None:
            t = t[~rows]
        else:
            t.loc[rows, "target"] = text
    ds.targets = t.reset_index(drop=True)
    return ds


def test_a_changed_target_changes_every_place_it_is_shown():
    ds = _with_targets(sample_dataset(), {f"narvaro_{k}": "85 %" for k in ("samtliga", "pks", "reko", "region")})
    ds = _with_targets(ds, {f"narvaro_sg_{k}": "85 %" for k in ("barn_unga", "aldre", "psykiatri")})
    card = sc.scorecard(ds, T2).set_index("indicator_id")
    assert "mot målvärdet 85 %" in _plain(card.loc["narvaro_samtliga", "rule"])
    assert "(målvärde 85 %)" in _plain(content.attendance_lead(ds, T2))
    chart = content.attendance_per_network(ds, T2)
    assert "Når 85 %" in [_plain(c) for c in chart.data.frame.columns]
    assert any(shape.x0 == 85 for shape in chart.figure.layout.shapes)
    assert "nätverk når 85 %" in _plain(content.key_figures(ds, T2).items[0].note)


def test_a_missing_target_is_not_assessed_everywhere():
    ds = _with_targets(sample_dataset(), {"narvaro_samtliga": None, "beviljade_ansokningar": None})
    ds.indicators = ds.indicators[~ds.indicators["metric"].str.startswith("attendance.network")].reset_index(drop=True)
    assert sc.attendance_target(ds, T2) is None
    assert set(sc.network_targets(ds, T2).values()) == {None}
    assert sc.grant_success_targets(ds, T2) == (None, 0.5)
    lead = content.attendance_lead(ds, T2)
    assert "målvärde" not in lead and "ej bedömt" not in lead  # no target: no verdict mid-sentence (Bilaga 1 says ○)
    assert "ej bedömt" in content.key_figures(ds, T2).items[0].note
    fig = content.attendance_per_network(ds, T2).figure
    assert not fig.layout.shapes


def test_a_network_with_its_own_target_is_judged_by_it():
    ds = _with_targets(sample_dataset(), {"narvaro_pks": "95 %"})
    targets = sc.network_targets(ds, T2)
    assert targets["PKS"] == 0.95 and targets["Reko"] == 0.8
    assert "nätverk når sitt målvärde" in content.key_figures(ds, T2).items[0].note


def test_no_target_constants_in_code():
    pattern = re.compile(r"^[A-Z_]*TARGET[A-Z_]*\s*=\s*[\d.]+", re.MULTILINE)
    found = [p.name for p in (ROOT / "kuanalys").rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert not found


def test_a_target_in_mkr_is_judged_in_kronor():
    """'1,5 mkr' for a kronor mätetal is 1 500 000 kr, not 1,5 kr (issue 25): the granted amount is
    judged against a million and a half, and the rule says so in kronor."""
    ds = _with_targets(sample_dataset(), {"beviljade_medel": "1,5 mkr"})
    row = sc.scorecard(ds, T2).set_index("indicator_id").loc["beviljade_medel"]
    assert (row["target"], row["result"], row["status"]) == (1_500_000, 250_000, "ej uppfyllt")
    assert "mot målvärdet 1 500 000 kr" in _plain(row["rule"])
