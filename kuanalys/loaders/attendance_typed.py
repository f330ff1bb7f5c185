"""The fast path from parsed attendance rows to the tidy frame (schema `Attendance`).

`typed_attendance` builds each tidy column in its final dtype from the parsed objects, once
per distinct value, and sorts the rows; it gives up (None) on any value that does not fit, and
`finish_attendance` then takes its general path. `repeats_a_meeting` finds repeated keys on
the sorted codes, so the slower duplicate report runs only when there is one. The typed frame
is still validated against schema `Attendance` with pandera, like every tidy frame.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kuanalys.loaders import typed
from kuanalys.organisations import ORGANISATION_ORDER, ORGANISATIONS, organisation_dtype, organisation_name_dtype
from kuanalys.schemas import Attendance
from kuanalys.spec import GENDERS, MEETING_FORMATS

TIDY_COLUMNS = list(Attendance.to_schema().columns)
KEYS = ["meeting_date", "network", "org_code", "seat"]


def typed_attendance(parsed: pd.DataFrame) -> pd.DataFrame | None:
    """Return parsed attendance rows as the tidy frame, in the dtypes `attendance_dtypes` gives,
    sorted by date, network, organisation order and seat; None when a value does not fit (see
    `loaders.typed`).
    """
    if list(organisation_dtype().categories) != ORGANISATION_ORDER or list(organisation_name_dtype().categories) != [
        ORGANISATIONS[c] for c in ORGANISATION_ORDER
    ]:
        return None  # the organisation codes below are positions in ORGANISATION_ORDER

    def column(key: str) -> np.ndarray:
        return parsed[key].to_numpy(dtype=object)

    networks = typed.text_codes(column("network"))
    if networks is None:
        return None
    try:
        codes = {
            "meeting_date": typed.datetimes(column("meeting_date")),
            "network": networks[0],
            "org_code": typed.category_codes(column("organisation"), ORGANISATION_ORDER, allow_missing=False),
            "seat": typed.integers(column("seat")),
            "present": typed.booleans(column("present")),
            "meeting_format": typed.category_codes(column("meeting_format"), MEETING_FORMATS, allow_missing=True),
            "gender": typed.category_codes(column("gender"), GENDERS, allow_missing=True),
        }
    except (ValueError, OverflowError):  # a date or a number out of range
        return None
    if any(v is None for v in codes.values()):
        return None
    order = np.lexsort([codes[key] for key in reversed(KEYS)])
    codes = {key: values[order] for key, values in codes.items()}
    categories = {
        "network": pd.CategoricalDtype(networks[1]),
        "org_code": organisation_dtype(),
        "organisation": organisation_name_dtype(),
        "meeting_format": pd.CategoricalDtype(list(MEETING_FORMATS)),
        "gender": pd.CategoricalDtype(list(GENDERS)),
    }
    frame: dict[str, object] = {}
    for key in TIDY_COLUMNS:
        if key in categories:
            frame[key] = pd.Categorical.from_codes(
                codes["org_code" if key == "organisation" else key], dtype=categories[key]
            )
        elif key == "seat":
            frame[key] = pd.array(codes[key], dtype="Int64")
        else:
            frame[key] = codes[key]
    return pd.DataFrame(frame)


def repeats_a_meeting(tidy: pd.DataFrame) -> bool:
    """True when two rows of a `typed_attendance` frame (sorted by its keys) share date,
    network, organisation and seat."""
    same = np.ones(max(len(tidy) - 1, 0), dtype=bool)
    for key in KEYS:
        column = tidy[key]
        values = column.cat.codes.to_numpy() if isinstance(column.dtype, pd.CategoricalDtype) else column.to_numpy()
        same &= values[1:] == values[:-1]
    return bool(same.any())
