"""The fast path from parsed attendance rows to the tidy frame (schema `Attendance`).

`typed_attendance` builds each tidy column in its final dtype from the parsed objects, once
per distinct value, and sorts the rows; it gives up (None) on any value that does not fit, and
`finish_attendance` then takes its general path. A typed frame has the schema's dtypes, only
allowed categories and no missing value where none may be, so with no repeated keys
(`repeats_a_meeting`) all that is left of the schema is seat >= 1 (`meets_schema`), checked
without pandera's fixed cost per column. That reasoning holds for the schema as written in
`SCHEMA_AS_BUILT`; if `schemas.Attendance` changes, `meets_schema` is False, every frame goes
through pandera again, and tests/test_attendance_typed.py fails until this module is updated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

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
        "network": pd.CategoricalDtype(networks[1]), "org_code": organisation_dtype(), "organisation": organisation_name_dtype(),
        "meeting_format": pd.CategoricalDtype(list(MEETING_FORMATS)), "gender": pd.CategoricalDtype(list(GENDERS)),
    }
    frame: dict[str, object] = {}
    for key in TIDY_COLUMNS:
        if key in categories:
            frame[key] = pd.Categorical.from_codes(codes["org_code" if key == "organisation" else key], dtype=categories[key])
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


def meets_schema(tidy: pd.DataFrame) -> bool:
    """True when a `typed_attendance` frame without repeated keys meets schema `Attendance`."""
    return SCHEMA_IS_AS_BUILT and bool((tidy["seat"] >= 1).all())


def schema_outline(schema: pa.DataFrameSchema) -> dict:
    """Return what `meets_schema` relies on in a pandera schema: strictness, unique keys, frame
    checks and parsers, and per column dtype, nullability, uniqueness, checks and parsers."""
    return {
        "strict": schema.strict, "unique": list(schema.unique or []), "checks": [repr(c) for c in schema.checks],
        "parsers": len(schema.parsers),
        "columns": {
            name: (str(col.dtype), col.nullable, col.unique, {c.name: c.statistics for c in col.checks}, len(col.parsers))
            for name, col in schema.columns.items()
        },
    }


# Schema `Attendance` as `meets_schema` knows it.
SCHEMA_AS_BUILT = {
    "strict": True, "unique": KEYS, "checks": [], "parsers": 0,
    "columns": {
        "meeting_date": ("datetime64[ns]", False, False, {}, 0),
        "network": ("category", False, False, {}, 0),
        "org_code": ("category", False, False, {"isin": {"allowed_values": list(ORGANISATION_ORDER)}}, 0),
        "organisation": ("category", False, False, {}, 0),
        "seat": ("Int64", False, False, {"greater_than_or_equal_to": {"min_value": 1}}, 0),
        "present": ("bool", False, False, {}, 0),
        "meeting_format": ("category", True, False, {"isin": {"allowed_values": list(MEETING_FORMATS)}}, 0),
        "gender": ("category", True, False, {"isin": {"allowed_values": list(GENDERS)}}, 0),
    },
}
SCHEMA_IS_AS_BUILT = schema_outline(Attendance.to_schema()) == SCHEMA_AS_BUILT
