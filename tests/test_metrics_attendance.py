import pandas as pd
import pytest

from kuanalys.metrics import attendance as a
from kuanalys.periods import Tertial

T2 = Tertial(2019, 2)

KOMMUNER = ["0604", "0617", "0642", "0643"]  # Aneby, Gnosjö, Mullsjö, Habo


def meeting(network, date, present_by_org, fmt=None, genders=None):
    """Rows for one meeting: present_by_org maps org_code -> bool (or list of bools for seats)."""
    rows = []
    for org, pres in present_by_org.items():
        seats = pres if isinstance(pres, list) else [pres]
        for i, p in enumerate(seats, start=1):
            rows.append(
                {
                    "meeting_date": pd.Timestamp(date),
                    "network": network,
                    "org_code": org,
                    "organisation": org,
                    "seat": i,
                    "present": p,
                    "meeting_format": fmt,
                    "gender": (genders or {}).get((org, i)) if p else None,
                }
            )
    return rows


def frame(*meetings):
    rows = [r for m in meetings for r in m]
    df = pd.DataFrame(rows)
    df["network"] = df["network"].astype("category")
    df["org_code"] = df["org_code"].astype("category")
    df["organisation"] = df["organisation"].astype("category")
    df["seat"] = df["seat"].astype("Int64")
    df["meeting_format"] = df["meeting_format"].astype(pd.CategoricalDtype(["fysiskt", "digitalt", "hybrid"]))
    df["gender"] = df["gender"].astype(pd.CategoricalDtype(["kvinna", "man", "annat"]))
    return df


NETWORKS = pd.DataFrame(
    {
        "network": ["A", "B", "Reko", "Tyst"],
        "network_type": pd.Categorical(["chefsnätverk", "chefsnätverk", "Reko", "övrigt"]),
        "area": pd.Categorical([None, None, None, None]),
        "with_region": [False, False, True, False],
    }
)


@pytest.fixture()
def att():
    return frame(
        # A: two meetings, 4 seats each: 3/4 and 4/4 -> mean 0.875 (pooled 7/8)
        meeting("A", "2019-05-10", {"0604": True, "0617": True, "0642": False, "0643": True}, "fysiskt"),
        meeting("A", "2019-06-10", {"0604": True, "0617": True, "0642": True, "0643": True}, "digitalt"),
        # B: one meeting of 2 seats 1/2, one of 4 seats 4/4 -> mean 0.75, pooled 5/6
        meeting("B", "2019-05-20", {"0604": False, "0617": True}, "hybrid"),
        meeting("B", "2019-08-31", {"0604": True, "0617": True, "0642": True, "0643": True}),
        # Reko: kommun 1/2, region 2 seats 2/2 -> 3/4
        meeting(
            "Reko",
            "2019-06-01",
            {"0604": True, "0617": False, "06": [True, True]},
            "fysiskt",
            genders={("0604", 1): "kvinna", ("06", 1): "man"},
        ),
        # outside T2 (T1 2019 and T2 2018)
        meeting("A", "2019-04-30", {"0604": True, "0617": False, "0642": False, "0643": False}),
        meeting("A", "2018-06-01", {"0604": True, "0617": True, "0642": True, "0643": False}),
        meeting("Reko", "2019-03-01", {"0604": True, "0617": True, "06": [False, True]}),
    )


def test_meeting_rates(att):
    m = a.meeting_rates(att, T2)
    assert len(m) == 5
    first = m.iloc[0]
    assert (first["network"], first["seats_invited"], first["seats_present"]) == ("A", 4, 3)
    assert first["rate"] == pytest.approx(0.75)


def test_rate_per_network_is_mean_of_meeting_rates(att):
    per = a.attendance_rate_by_network(att, NETWORKS, T2, 0.8).set_index("network")
    assert per.loc["A", "rate"] == pytest.approx(0.875)
    assert per.loc["B", "rate"] == pytest.approx(0.75)
    assert per.loc["B", "pooled_rate"] == pytest.approx(5 / 6)
    assert per.loc["B", "min_meeting_rate"] == pytest.approx(0.5)
    assert per.loc["B", "max_meeting_rate"] == pytest.approx(1.0)
    assert per.loc["A", "meetings"] == 2
    assert bool(per.loc["A", "target_reached"]) is True
    assert bool(per.loc["B", "target_reached"]) is False
    # registry network without meetings: listed, no rate, never 0
    assert per.loc["Tyst", "meetings"] == 0
    assert pd.isna(per.loc["Tyst", "rate"])
    assert pd.isna(per.loc["Tyst", "target_reached"])


def test_targets_per_network_and_none_means_not_assessed(att):
    per = a.attendance_rate_by_network(att, NETWORKS, T2, {"A": 0.9, "B": 0.7}).set_index("network")
    assert bool(per.loc["A", "target_reached"]) is False and bool(per.loc["B", "target_reached"]) is True
    assert per.loc["A", "target"] == pytest.approx(0.9)
    s = a.attendance_summary(att, NETWORKS, T2, {"A": 0.9, "B": 0.7}).iloc[0]
    assert s["reaching_target_text"] == "1 av 2" and s["target"] is None  # C has no target, targets differ
    s = a.attendance_summary(att, NETWORKS, T2).iloc[0]
    assert pd.isna(s["networks_reaching_target"]) and pd.isna(s["reaching_target_text"])  # ej bedömt, not "0 av 3"


def test_input_not_mutated(att):
    before = att.copy()
    a.attendance_rate_by_network(att, NETWORKS, T2)
    a.compare_organisations(att, T2)
    a.region_group_attendance(att, NETWORKS, T2)
    pd.testing.assert_frame_equal(att, before)


def test_summary(att):
    s = a.attendance_summary(att, NETWORKS, T2, 0.8).iloc[0]
    assert s["networks"] == 3
    assert s["meetings"] == 5
    assert s["mean_rate"] == pytest.approx((0.875 + 0.75 + 0.75) / 3)
    assert s["pooled_rate"] == pytest.approx((7 + 5 + 3) / (8 + 6 + 4))
    assert s["min_network_rate"] == pytest.approx(0.75)
    assert s["max_network_rate"] == pytest.approx(0.875)
    assert s["networks_reaching_target"] == 1
    assert s["reaching_target_text"] == "1 av 3"
    assert a.overall_rate(att, T2) == pytest.approx(s["mean_rate"])


def test_summary_of_empty_period(att):
    s = a.attendance_summary(att, NETWORKS, Tertial(2017, 1)).iloc[0]
    assert s["networks"] == 0
    assert pd.isna(s["mean_rate"]) and pd.isna(s["pooled_rate"])
    assert pd.isna(s["networks_reaching_target"]) and pd.isna(s["reaching_target_text"])  # not "0 av 0"
    assert a.kommuner_increased(att, Tertial(2017, 1)) is None  # nothing to compare, not 0
    assert a.networks_increased(att, Tertial(2017, 1)) is None
    assert a.overall_rate(att, Tertial(2017, 1)) is None
    assert a.network_rate(att, "A", Tertial(2017, 1)) is None


def test_network_rate_is_the_tables_rate_to_the_last_digit():
    # Meetings 1/1, 3/5 and 4/5: their mean is 0.7999999999999999 in the order the table sums
    # them and 0.8000000000000002 in another; the scorecard and the table must agree on 80 %.
    rows = []
    for day, (present, invited) in enumerate([(1, 1), (3, 5), (4, 5)], start=6):
        for seat in range(1, invited + 1):
            rows.append(
                {
                    "meeting_date": pd.Timestamp(2019, 5, day),
                    "network": "Nät",
                    "org_code": "0604",
                    "organisation": "Aneby",
                    "seat": seat,
                    "present": seat <= present,
                    "meeting_format": "fysiskt",
                    "gender": None,
                }
            )
    frame = pd.DataFrame(rows).astype({"network": "category", "seat": "Int64"})
    table = a.attendance_rate_by_network(frame, None, T2)
    assert a.network_rate(frame, " nät ", T2) == table.loc[0, "rate"]
    assert a.network_rate(frame, "Nät", T2) == a.overall_rate(frame, T2)


def test_network_rate_lookup(att):
    assert a.network_rate(att, " reko ", T2) == pytest.approx(0.75)
    assert a.network_rate(att, "A", Tertial(2019, 1)) == pytest.approx(0.25)
    assert a.network_rate(att, "finns inte", T2) is None


def test_by_organisation(att):
    org = a.attendance_by_organisation(att, T2).set_index("org_code")
    # Aneby: A 2/2, B 1/2, Reko 1/1 -> 4/5
    assert org.loc["0604", "rate"] == pytest.approx(4 / 5)
    assert org.loc["0604", "seats_invited"] == 5
    assert org.loc["0604", "meetings"] == 5
    assert org.loc["06", "rate"] == pytest.approx(1.0)
    assert bool(org.loc["06", "is_kommun"]) is False
    # order follows ORGANISATION_ORDER: kommuner alphabetically, then Region
    assert list(org.index) == ["0604", "0617", "0643", "0642", "06"]


def test_comparisons(att):
    cmp = a.compare_networks(att, NETWORKS, T2).set_index("network")
    assert cmp.loc["A", "rate_previous_tertial"] == pytest.approx(0.25)
    assert cmp.loc["A", "rate_same_period_last_year"] == pytest.approx(0.75)
    assert cmp.loc["A", "change_previous_tertial"] == pytest.approx(0.625)
    assert pd.isna(cmp.loc["B", "rate_previous_tertial"])
    assert pd.isna(cmp.loc["B", "change_previous_tertial"])
    overall = a.compare_overall(att, NETWORKS, T2).set_index("comparison")
    assert overall.loc["föregående tertial", "networks"] == 2
    assert overall.loc["samma period föregående år", "mean_rate"] == pytest.approx(0.75)
    assert a.networks_increased(att, T2, "föregående tertial") == 1  # A 0.25 -> 0.875; Reko 0.75 -> 0.75 unchanged
    assert a.networks_increased(att, T2) == 1


def test_kommuner_increased(att):
    # last year (A only): Aneby 1, Gnosjö 1, Mullsjö 1, Habo 0
    # T2: Aneby 4/5, Gnosjö 3/4, Mullsjö 2/3, Habo 2/2 -> only Habo increased
    assert a.kommuner_increased(att, T2) == 1
    # T1: Aneby 2/2, Gnosjö 1/2, Mullsjö 0/1, Habo 0/1 -> Gnosjö, Mullsjö, Habo increased
    assert a.kommuner_increased(att, T2, "föregående tertial") == 3
    with pytest.raises(ValueError):
        a.kommuner_increased(att, T2, "förra veckan")


def test_region_groups(att):
    r = a.region_group_attendance(att, NETWORKS, T2)
    assert list(r["network"]) == ["Reko"]
    row = r.iloc[0]
    assert row["rate"] == pytest.approx(0.75)
    assert row["kommun_rate"] == pytest.approx(0.5)
    assert row["region_rate"] == pytest.approx(1.0)
    assert row["rate_previous_tertial"] == pytest.approx(0.75)
    assert a.region_groups_rate(att, NETWORKS, T2) == pytest.approx(0.75)


def test_gender_split(att):
    g = a.gender_split(att, T2).set_index("gender")
    assert g.loc["kvinna", "present"] == 1
    assert g.loc["man", "present"] == 1
    assert g.loc["kvinna", "share"] == pytest.approx(0.5)
    assert g.loc["okänt", "present"] == 15 - 2
    assert pd.isna(g.loc["okänt", "share"])
    k = a.gender_split(att, T2, networks=["Reko"], kommun_only=True).set_index("gender")
    assert k.loc["kvinna", "share"] == pytest.approx(1.0)
    assert k.loc["man", "present"] == 0


def test_digital_share(att):
    d = a.digital_share(att, T2).iloc[0]
    assert d["meetings"] == 5
    assert d["meetings_with_format"] == 4  # B 2019-08-31 has no format
    assert d["meetings_digital"] == 2  # one digitalt, one hybrid
    assert d["share"] == pytest.approx(0.5)
    assert a.digital_share_value(att, T2) == pytest.approx(0.5)
    assert a.digital_share_value(att, Tertial(2018, 2)) is None


def test_rates_by_network_follow_a_changed_frame():
    """The result is remembered by the frames' content: a changed attendance frame, even the
    same object changed in place, gives new rates, never the remembered ones."""
    import pandas as pd

    from kuanalys.metrics.attendance import attendance_rate_by_network
    from kuanalys.periods import Tertial

    frame = pd.DataFrame(
        {
            "meeting_date": pd.to_datetime(["2019-05-14", "2019-05-14"]),
            "network": ["Reko", "Reko"],
            "org_code": ["0680", "0604"],
            "organisation": ["Jönköping", "Aneby"],
            "seat": pd.array([1, 1], dtype="Int64"),
            "present": [True, False],
        }
    )
    t = Tertial(2019, 2)
    assert attendance_rate_by_network(frame, None, t)["rate"].tolist() == [0.5]
    frame.loc[1, "present"] = True
    assert attendance_rate_by_network(frame, None, t)["rate"].tolist() == [1.0]
    assert attendance_rate_by_network(frame, None, t, target=0.9)["target_reached"].tolist() == [True]
