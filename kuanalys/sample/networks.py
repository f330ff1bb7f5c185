"""The networks of the sample: the registry of 2019 and the copies made for benchmarks (`scale`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from kuanalys.organisations import (
    KOMMUNER,
    ORGANISATION_ORDER,
)
from kuanalys.sample import records as rec
from kuanalys.spec import (
    NETWORK_TYPES,
)

NASSJO, MULLSJO, HABO, JONKOPING = "0682", "0642", "0643", "0680"
KOMMUN_CODES: tuple[str, ...] = tuple(c for c in ORGANISATION_ORDER if c in KOMMUNER)


@dataclass(frozen=True)
class NetworkDef:
    """One network of the registry and how it is recorded.

    `layout_2019` is "long" (narvaro_2019.xlsx, with gender), "matrix" (narvaro_matris_2019.xlsx)
    or None (no meetings in 2019). `kommun_seats` overrides the default of one seat per kommun
    (0 = not a member); `region_seats`/`external_seats` are the default numbers of seats of the
    Region and of external participants (a meeting may override the Region's).
    """

    name: str
    network_type: str
    area: str
    with_region: bool
    layout_2019: str | None
    kommun_seats: dict[str, int] = field(default_factory=dict)
    region_seats: int = 0
    external_seats: int = 0

    def seats_of(self, code: str) -> int:
        """Return the number of seats a kommun has in this network."""
        return self.kommun_seats.get(code, 1)


_PKS_SEATS = {code: 3 for code in KOMMUNER}  # ledamot, ersättare and kommundirektör

NETWORK_DEFS: tuple[NetworkDef, ...] = (
    NetworkDef("PKS", "PKS", rec.AREA_LEDNING, False, "long", kommun_seats=_PKS_SEATS),
    NetworkDef("Reko", "Reko", rec.AREA_SOCIAL, True, "long", kommun_seats={MULLSJO: 0}, region_seats=12),
    NetworkDef("Strategigrupp barn och unga", "strategigrupp", rec.AREA_SOCIAL, True, "long", region_seats=5),
    NetworkDef("Strategigrupp äldre", "strategigrupp", rec.AREA_SOCIAL, True, "long", region_seats=12),
    NetworkDef("Strategigrupp psykiatri/missbruk", "strategigrupp", rec.AREA_SOCIAL, True, "long", region_seats=11),
    NetworkDef("Chefsnätverk äldre", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef("Chefsnätverk barn och unga", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef("Chefsnätverk psykiatri", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef("Chefsnätverk missbruk", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef(
        "Chefsnätverk funktionshinder", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix", kommun_seats={JONKOPING: 2}
    ),
    NetworkDef(
        "Chefsnätverk myndighetschefer", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix", kommun_seats={JONKOPING: 2}
    ),
    NetworkDef("Chefsnätverk försörjningsstöd", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef(
        "Chefsnätverk arbetsmarknad", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix", kommun_seats={NASSJO: 0}
    ),
    NetworkDef("Chefsnätverk eHälsa", "chefsnätverk", rec.AREA_SOCIAL, False, "matrix", region_seats=2),
    NetworkDef("Styrgrupp Miljösamverkan", "styrgrupp", rec.AREA_MILJO, False, "matrix", external_seats=1),
    NetworkDef("Skolchefer FoUrum utbildning", "styrgrupp", rec.AREA_UTBILDNING, False, "matrix"),
    NetworkDef("Fritidschefer FoUrum fritid", "styrgrupp", rec.AREA_FRITID, False, "matrix"),
    NetworkDef("Styrgrupp FoUrum social välfärd", "styrgrupp", rec.AREA_SOCIAL, False, "matrix"),
    NetworkDef("Utvecklingsledare socialtjänst", "övrigt", rec.AREA_SOCIAL, False, None),
)


def networks_with_copies(scale: int) -> tuple[list[NetworkDef], dict[str, str]]:
    """Return the networks for a scale and a map from each copy's name to its original's name."""
    networks = list(NETWORK_DEFS)
    copy_of: dict[str, str] = {}
    for k in range(2, scale + 1):
        for net in NETWORK_DEFS:
            name = f"{net.name} {k}"
            copy_of[name] = net.name
            layout = "long" if net.layout_2019 else None
            networks.append(
                NetworkDef(
                    name,
                    net.network_type,
                    net.area,
                    net.with_region,
                    layout,
                    net.kommun_seats,
                    net.region_seats,
                    net.external_seats,
                )
            )
    return networks, copy_of


def networks_frame(networks: Sequence[NetworkDef]) -> pd.DataFrame:
    """Return the tidy network registry."""
    return pd.DataFrame(
        {
            "network": pd.Series([n.name for n in networks], dtype="str"),
            "network_type": pd.Categorical([n.network_type for n in networks], categories=list(NETWORK_TYPES)),
            "area": pd.Categorical([n.area for n in networks]),
            "with_region": [n.with_region for n in networks],
        }
    )
