"""Fast conversions of parsed object columns to typed arrays, for big sheets.

Parsed frames hold Python objects; the tidy frames hold datetime64, categoricals, Int64 and
bool. Converting through pandas' `astype` looks at every cell; these helpers factorise a column
once and convert each distinct value. Each returns None when a value does not fit the type
exactly (a blank where none is allowed, a text that is no category, a number of another type),
and the caller then takes its general path, which reports such values as it always has.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return `pd.factorize(values)` of an object array (missing values coded -1), faster when
    equal values are mostly one object, as in parsed columns (each distinct cell value is
    parsed once): objects that are slow to hash are grouped by identity first.
    """
    if not len(values) or isinstance(values[0], (str, int, float, type(None))):  # hashed fast anyway
        return pd.factorize(values)
    ids = np.fromiter(map(id, values), dtype=np.int64, count=len(values))
    by_id, id_uniques = pd.factorize(ids)
    first = np.empty(len(id_uniques), dtype=np.intp)
    first[by_id[::-1]] = np.arange(len(values) - 1, -1, -1)  # the first position of each object
    codes, uniques = pd.factorize(values[first])
    return codes[by_id], uniques


def category_codes(values: np.ndarray, categories: Sequence[str], *, allow_missing: bool) -> np.ndarray | None:
    """Return each text value's position in `categories` (-1 for a missing value if
    `allow_missing`), or None if a value is not one of them or is missing when not allowed."""
    codes, uniques = factorize(values)
    index = {c: i for i, c in enumerate(categories)}
    positions = [index.get(u, -1) if type(u) is str else -1 for u in uniques]
    if -1 in positions or (not allow_missing and (codes < 0).any()):
        return None
    return np.array([*positions, -1], dtype=np.intp)[codes]  # code -1 picks the -1 at the end


def text_codes(values: np.ndarray) -> tuple[np.ndarray, list[str]] | None:
    """Return (codes, categories) of text values, the categories sorted; None if a value is
    missing or not text."""
    codes, uniques = factorize(values)
    if (codes < 0).any() or not all(type(u) is str for u in uniques):
        return None
    categories = sorted(uniques)
    index = {c: i for i, c in enumerate(categories)}
    return np.array([index[u] for u in uniques], dtype=np.intp)[codes], categories


def datetimes(values: np.ndarray) -> np.ndarray | None:
    """Return datetime64[ns] values of timezone-naive Timestamps, or None if any value is another
    type (or missing)."""
    codes, uniques = factorize(values)
    if (codes < 0).any() or not all(type(u) is pd.Timestamp and u.tzinfo is None for u in uniques):
        return None
    stamps = (
        pd.DatetimeIndex(list(uniques)).as_unit("ns").to_numpy() if len(uniques) else np.array([], "datetime64[ns]")
    )
    return stamps[codes]


def integers(values: np.ndarray) -> np.ndarray | None:
    """Return int64 values of ints (not bools), or None if any value is another type."""
    return values.astype(np.int64) if pd.api.types.infer_dtype(values, skipna=False) == "integer" else None


def booleans(values: np.ndarray) -> np.ndarray | None:
    """Return bool values of bools, or None if any value is another type."""
    return values.astype(bool) if pd.api.types.infer_dtype(values, skipna=False) == "boolean" else None
