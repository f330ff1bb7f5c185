import pandas as pd
import pytest

from kuanalys import result_text as rt
from kuanalys.formatting import NBSP
from kuanalys.periods import Tertial, Year

T2 = Tertial(2019, 2)


def text(*args, **kwargs) -> str:
    out = rt.result_text(*args, **kwargs)
    assert "  " not in out and not out.startswith(" ") and not out.endswith(" ")
    return out.replace(NBSP, " ")


def test_issue_example_exactly():
    assert text("attendance.network:Reko", "%", T2, 0.67, 0.78, 0.64, "ej uppfyllt") == (
        "Närvaron på Rekos möten under tertial 2 2019 är 67 % i genomsnitt. Resultatet har minskat jämfört med "
        "tertial 1 (78 %) men ökat jämfört med samma period 2018 (64 %). Resultatet når inte upp till önskat målvärde."
    )


def test_numbers_use_no_break_spaces():
    out = rt.result_text("courses.participants", "st", T2, 2726, None, 3746, "ej uppfyllt")
    assert f"2{NBSP}726" in out and f"3{NBSP}746" in out and f"27{NBSP}%" in out


@pytest.mark.parametrize(
    "prev, ly, expected",
    [
        (0.64, 0.64, "Resultatet har ökat jämfört med både tertial 1 (64 %) och samma period 2018 (64 %)."),
        (0.80, 0.82, "Resultatet har minskat jämfört med både tertial 1 (80 %) och samma period 2018 (82 %)."),
        (0.67, 0.67, "Resultatet är oförändrat jämfört med både tertial 1 (67 %) och samma period 2018 (67 %)."),
        (
            0.67,
            0.60,
            "Resultatet är oförändrat jämfört med tertial 1 (67 %) men har ökat jämfört med samma period 2018 (60 %).",
        ),
        (
            0.70,
            0.67,
            "Resultatet har minskat jämfört med tertial 1 (70 %) men är oförändrat jämfört med samma period 2018 (67 %).",
        ),
        (
            0.60,
            None,
            "Resultatet har ökat jämfört med tertial 1 (60 %). Det finns inget resultat för samma period 2018 att jämföra med.",
        ),
        (
            None,
            0.70,
            "Resultatet har minskat jämfört med samma period 2018 (70 %). Det finns inget resultat för tertial 1 att jämföra med.",
        ),
        (None, None, "Det finns inga tidigare resultat att jämföra med."),
    ],
)
def test_comparison_sentences(prev, ly, expected):
    out = text("attendance.network:Strategigrupp psykiatri/missbruk", "%", T2, 0.67, prev, ly)
    assert (
        out
        == f"Närvaron på mötena i strategigrupp psykiatri/missbruk under tertial 2 2019 är 67 % i genomsnitt. {expected}"
    )


def test_unchanged_at_display_precision():
    out = text("attendance.overall", "%", T2, 0.834, 0.826, None)
    assert "Resultatet är oförändrat jämfört med tertial 1 (83 %)." in out


def test_missing_result_is_never_zero():
    out = text("attendance.network:Äldreutvecklingsledare", "%", T2, None, 0.8, 0.7, "inget resultat")
    assert out == (
        "Det finns inget resultat för närvaron på Äldreutvecklingsledares möten under tertial 2 2019, "
        "eftersom inga möten har registrerats."
    )
    assert "0 %" not in out
    for metric, unit in [
        ("attendance.overall", "%"),
        ("attendance.region_groups", "%"),
        ("attendance.digital_share", "%"),
        ("courses.held", "st"),
        ("courses.participants", "st"),
        ("courses.digital_share", "%"),
        ("grants.applied_amount", "kr"),
        ("grants.applied_count", "st"),
        ("grants.granted_amount", "kr"),
        ("grants.granted_count", "st"),
        ("funds.external_share", "%"),
        ("funds.result", "kr"),
        ("okänd.nyckel", "st"),
    ]:
        out = text(metric, unit, T2, None, 1, 1, "inget resultat")
        assert out.startswith("Det finns inget resultat"), metric
        assert "jämfört" not in out and "målvärde" not in out
        rest = out.replace("januari–augusti 2019", "").replace("tertial 2 2019", "")
        assert not any(ch.isdigit() for ch in rest), out  # no figure at all


def test_target_sentences():
    base = ("attendance.network:PKS", "%", T2, 0.90, None, 0.85)
    assert text(*base, "uppfyllt").endswith("Resultatet når upp till önskat målvärde.")
    assert text(*base, "delvis uppfyllt").endswith("Resultatet når inte riktigt upp till önskat målvärde.")
    assert text(*base, "ej bedömt").endswith("Det finns inget målvärde att jämföra med.")
    assert text(*base).endswith("att jämföra med.")  # no status: no target sentence
    assert text(*base).startswith("Närvaron på PKS:s möten")


def test_courses_relative_change():
    assert text("courses.held", "st", T2, 78, 40, 91, "ej uppfyllt") == (
        "Under januari–augusti 2019 genomfördes 78 kurser och uppdrag genom Kurs och konferens. Resultatet innebär en "
        "minskning med 14 % jämfört med januari–augusti 2018 (91). Resultatet når inte upp till önskat målvärde."
    )
    assert text("courses.participants", "st", T2, 2726, None, 3746) == (
        "Under januari–augusti 2019 hade kurserna och uppdragen som arrangerades via Kurs och konferens 2 726 deltagare. "
        "Resultatet innebär en minskning med 27 % jämfört med januari–augusti 2018 (3 746)."
    )
    assert "en ökning med 50 %" in text("courses.held", "st", T2, 15, None, 10)
    assert "Resultatet innebär en ökning jämfört med januari–augusti 2018 (0)." in text(
        "courses.held", "st", T2, 5, None, 0
    )
    assert "är oförändrat jämfört med januari–augusti 2018 (5)" in text("courses.held", "st", T2, 5, None, 5)
    assert "Det finns inget resultat för januari–augusti 2018 att jämföra med." in text(
        "courses.held", "st", T2, 5, None, None
    )
    assert text("courses.held", "st", T2, 1, None, None).startswith(
        "Under januari–augusti 2019 genomfördes en kurs eller uppdrag"
    )


def test_grants_templates():
    assert text("grants.granted_amount", "kr", T2, 250_000, 0, 12_500_000, "ej uppfyllt") == (
        "Under januari–augusti 2019 har 250 000 kr i externa projektmedel beviljats. Resultatet har ökat jämfört med "
        "januari–april 2019 (0 kr) men minskat jämfört med januari–augusti 2018 (12 500 000 kr). "
        "Resultatet når inte upp till önskat målvärde."
    )
    assert text("grants.applied_amount", "kr", T2, 23_460_356).startswith(
        "Under januari–augusti 2019 har ansökningar om totalt 23 460 356 kr skickats in till olika finansiärer."
    )
    assert text("grants.granted_count", "st", T2, 1).startswith(
        "Under januari–augusti 2019 har en ansökan blivit beviljad."
    )
    assert text("grants.granted_count", "st", T2, 2).startswith(
        "Under januari–augusti 2019 har två ansökningar blivit beviljade."
    )
    # plan 001's 1.2 "Antal beviljade projekt av sökta projekt": X av Y
    assert text("grants.granted_count", "st", T2, 2, of=4).startswith(
        "Under januari–augusti 2019 har två av fyra ansökningar blivit beviljade."
    )
    assert text("grants.applied_count", "st", T2, 9).startswith(
        "Under januari–augusti 2019 har nio ansökningar skickats in"
    )
    assert text("grants.applied_count", "st", T2, 14).startswith("Under januari–augusti 2019 har 14 ansökningar")


def test_funds_templates():
    assert text("funds.result", "kr", T2, 0, 0, 0, "uppfyllt") == (
        "Resultatet för januari–augusti 2019 är 0 kr (i balans). Ekonomin var i balans även under "
        "januari–april 2019 och januari–augusti 2018. Resultatet når upp till önskat målvärde."
    )
    assert text("funds.result", "kr", T2, -228_291).startswith(
        "Resultatet för januari–augusti 2019 är ett underskott på 228 291 kr."
    )
    assert text("funds.external_share", "%", T2, 0.66, 0.60, None).startswith(
        "Av de disponibla medlen för januari–augusti 2019 kommer 66 % från andra finansiärer än kommunerna. "
        "Resultatet har ökat jämfört med januari–april 2019 (60 %)."
    )


def test_a_tertials_result_is_compared_with_what_its_arrow_uses():
    """T3 2024: the arrow compares with January–August (−389 000 kr): the sentence says that comparison
    too, with its verb, besides the one with last year's January–December."""
    t = Tertial(2024, 3)
    out = text("funds.result", "kr", t, -671_000, -389_000, -1_049_000).replace("\u00a0", " ")
    assert "Underskottet har ökat jämfört med januari–augusti 2024 (ett underskott på 389 000 kr)." in out
    assert "Underskottet har minskat jämfört med januari–december 2023 (ett underskott på 1 049 000 kr)." in out


def test_result_sign_has_its_verb():
    """A shrinking deficit is "minskat", never "ökat"; a change of sign says where it went."""
    y = Year(2024)
    assert text("funds.result", "kr", y, -671_000, None, -1_049_000) == (
        "Resultatet för januari–december 2024 är ett underskott på 671 000 kr. Underskottet har minskat jämfört med "
        "januari–december 2023 (ett underskott på 1 049 000 kr)."
    )
    assert "Överskottet har ökat" in text("funds.result", "kr", y, 500_000, None, 100_000)
    assert "har resultatet blivit ett underskott på 10 000 kr" in text("funds.result", "kr", y, -10_000, None, 5_000)


def test_attendance_family_templates():
    assert text("attendance.overall", "%", T2, 0.79, 0.81, 0.70).startswith(
        "Närvaron vid samtliga chefsnätverk, styrgrupper och liknande under tertial 2 2019 är 79 % i genomsnitt. "
        "Resultatet har minskat jämfört med tertial 1 (81 %) men ökat jämfört med samma period 2018 (70 %)."
    )
    assert "samverkan med Region Jönköpings län" in text("attendance.region_groups", "%", T2, 0.75)
    assert "40 % av träffarna med nätverk, styrgrupper och liknande digitalt." in text(
        "attendance.digital_share", "%", T2, 0.4
    )  # plan 001's 1.8 "genomförs digitalt": hybrid meetings beside, not in it
    # plan 001's 4.4 "uppfyller uppsatta mål": ja only, with delvis beside
    assert text("projects.goals_met", "%", T2, 0.9, beside=0.95).startswith(
        "Enligt projektregistret 2018 är resultatet 90 %. Räknas även delvis uppfyllda mål är andelen 95 %."
    )
    # a survey row says what its share is, not "resultatet", and compares with last year's survey
    assert text("survey.very_satisfied:F01", "%", T2, 0.36, None, 0.32) == (
        "36 % av de svarande i utvärderingsenkäten 2018 är mycket nöjda. "
        "Resultatet har ökat jämfört med enkäten 2017 (32 %)."
    )
    assert "digitalt, och ytterligare 15 % som hybridmöten." in text(
        "attendance.digital_share", "%", T2, 0.4, beside=0.15
    )
    assert "40 % av kurserna och uppdragen digitalt" in text("courses.digital_share", "%", T2, 0.4)


def test_generic_fallback():
    # the row names the mätetal beside the sentence: the sentence does not quote it
    assert text("annat.mått", "st", T2, 12, 10, None, "uppfyllt", indicator_text="Antal peeruppdrag.") == (
        "Resultatet för tertial 2 2019 är 12. Resultatet har ökat jämfört med "
        "tertial 1 (10). Det finns inget resultat för samma period 2018 att jämföra med. Resultatet når upp till önskat målvärde."
    )
    assert text("annat.mått", None, T2, 12).startswith("Resultatet för tertial 2 2019 är 12.")


def test_first_tertial_compares_with_last_year_t3():
    t1 = Tertial(2020, 1)
    out = text("attendance.overall", "%", t1, 0.8, 0.7, 0.9)
    assert "tertial 3 2019 (70 %)" in out and "samma period 2019 (90 %)" in out


def test_pd_na_counts_as_missing():
    out = text("attendance.overall", "%", T2, 0.8, pd.NA, float("nan"))
    assert out.endswith("Det finns inga tidigare resultat att jämföra med.")


def test_genitive():
    assert rt.genitive("Reko") == "Rekos"
    assert rt.genitive("PKS") == "PKS:s"
    assert rt.genitive("Strategigrupp barn och unga") == "strategigrupp barn och ungas"
    assert rt.genitive("Chefsnätverk eHälsa") == "chefsnätverk eHälsas"


def test_nothing_granted_is_said_in_words():
    t1 = Tertial(2019, 1)
    assert text("grants.granted_amount", "kr", t1, 0, 20_000_000, 0) == (
        "Under januari–april 2019 har inga externa projektmedel beviljats. "
        "Resultatet är oförändrat jämfört med januari–april 2018 (0 kr)."
    )
    assert text("grants.granted_count", "st", T2, 0).startswith(
        "Under januari–augusti 2019 har ingen ansökan blivit beviljad."
    )


def test_year_to_date_in_first_tertial_compares_with_last_year_only():
    """Last year's T3 is last year's whole year to date: no comparison for this year's T1."""
    t1 = Tertial(2020, 1)
    out = text("grants.applied_amount", "kr", t1, 1_000_000, 9_000_000, 2_000_000)
    assert "tertial 3 2019" not in out
    assert out.endswith("Resultatet har minskat jämfört med januari–april 2019 (2 000 000 kr).")
    out = text("courses.digital_share", "%", T2, 0.04, 0.02, 0.01)
    assert "Resultatet har ökat jämfört med både januari–april 2019 (2 %) och januari–augusti 2018 (1 %)." in out


def test_is_year_to_date():
    assert rt.is_year_to_date("grants.granted_amount") and rt.is_year_to_date("courses.held")
    assert rt.is_year_to_date("funds.result")  # the income statement's outcome at the period's end
    assert not rt.is_year_to_date("attendance.network:Reko") and not rt.is_year_to_date("survey.x")
