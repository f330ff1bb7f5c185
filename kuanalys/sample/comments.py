"""Sample analysts' comments (kommentarer.xlsx)."""

from __future__ import annotations

import pandas as pd

_COMMENTS: tuple[tuple[int, int, str, str], ...] = (
    (
        2019,
        2,
        "narvaro",
        "Närvaron har minskat något jämfört med tertial 1 men ökat jämfört med samma period 2018. "
        "I ett nätverk har 8 av 16 chefer bytts ut under tertialen.",
    ),
    (
        2019,
        2,
        "kurser",
        "Färre deltagare än 2018 (2 726 < 3 746) eftersom CHANGE-projektet har arrangerat färre kurser; "
        "Kurs & konferens fortsätter att erbjuda kostnadseffektiv kompetensutveckling.",
    ),
    (2019, 2, "externa_medel", "Besked om ansökningarna till Forte ges den 1 oktober."),
)


def comments_frame() -> pd.DataFrame:
    """Return the analysts' example comments for tertial 2 2019."""
    frame = pd.DataFrame(list(_COMMENTS), columns=["year", "tertial", "target_id", "text"])
    frame["year"] = frame["year"].astype("Int64")
    frame["tertial"] = frame["tertial"].astype("Int64")
    frame["target_id"] = frame["target_id"].astype("str")
    frame["text"] = frame["text"].astype("str")
    return frame
