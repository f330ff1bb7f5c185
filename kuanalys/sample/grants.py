"""Sample grant applications (ansokningar.xlsx): the published nine of 2019 and those of 2018."""

from __future__ import annotations

import pandas as pd

from kuanalys.sample import records as rec
from kuanalys.spec import (
    DECISIONS,
)


def grants_frame() -> pd.DataFrame:
    """Return the tidy grants frame: the 2018 applications and the nine of 2019."""
    rows = list(rec.GRANTS_2018) + list(rec.GRANTS_2019)
    cols = [
        "project",
        "funder",
        "area",
        "amount_applied",
        "submitted_date",
        "decision",
        "amount_granted",
        "decision_date",
    ]
    frame = pd.DataFrame(rows, columns=cols)
    frame["project"] = frame["project"].astype("str")
    for col in ("funder", "area"):
        frame[col] = pd.Categorical(frame[col])
    frame["decision"] = pd.Categorical(frame["decision"], categories=list(DECISIONS))
    for col in ("amount_applied", "amount_granted"):
        frame[col] = pd.array([None if pd.isna(v) else int(v) for v in frame[col]], dtype="Int64")
    for col in ("submitted_date", "decision_date"):
        frame[col] = pd.to_datetime(frame[col])
    return frame.sort_values("submitted_date", kind="stable").reset_index(drop=True)
