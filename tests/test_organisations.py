import unicodedata

import pytest

from kuanalys.errors import UnknownOrganisationError
from kuanalys.organisations import (
    EXTERNAL_CODE,
    KOMMUNER,
    ORGANISATION_ORDER,
    REGION_CODE,
    organisation_name,
    resolve_organisation,
)


@pytest.mark.parametrize(
    "written,code",
    [
        ("Jönköpings kommun", "0680"),
        ("JÖNKÖPING ", "0680"),
        ("jönköping", "0680"),
        (unicodedata.normalize("NFD", "Nässjö kommun"), "0682"),
        (unicodedata.normalize("NFD", "Värnamo"), "0683"),
        ("Tranås kommun", "0687"),
        ("Gislaveds kommun", "0662"),
        ("Vaggeryds\u00a0kommun", "0665"),
        ("0604", "0604"),
        ("604", "0604"),
        ("Region Jönköping", REGION_CODE),
        ("Region Jönköpings län", REGION_CODE),
        ("RJL", REGION_CODE),
        ("Externa deltagare*", EXTERNAL_CODE),
        ("Externa deltagare", EXTERNAL_CODE),
    ],
)
def test_resolve(written, code):
    assert resolve_organisation(written) == code


def test_all_kommuner_resolve_by_name():
    for code, name in KOMMUNER.items():
        assert resolve_organisation(name) == code
        assert resolve_organisation(name.upper() + " KOMMUN") == code


def test_unknown_lists_closest():
    with pytest.raises(UnknownOrganisationError) as info:
        resolve_organisation("Jönköpning")
    assert "Jönköping" in info.value.suggestions
    assert "Menade du" in str(info.value)


def test_order_matches_published_appendix():
    names = [organisation_name(c) for c in ORGANISATION_ORDER]
    assert names[:3] == ["Aneby", "Eksjö", "Gislaved"]
    assert names[-4:] == ["Vetlanda", "Värnamo", "Region Jönköpings län", "Externa deltagare"]
    assert len(names) == 15
