"""When a table has data for a tertial, so that a period without data gives no result, never 0.

The year-to-date analyses (courses, grants) sum everything from 1 January through the tertial's
end. Without a check, a tertial that lies after the last recorded date (tertial 3 2019 when the
registers end in August 2019) would repeat the earlier tertials' figures under its own label, and a
year before the first record (2017) would read as "0 kurser", "0 kr".
"""

from __future__ import annotations

import pandas as pd

from kuanalys.periods import Tertial


def has_year_to_date_data(dates: pd.Series | list[pd.Series], tertial: Tertial) -> bool:
    """Return True when a table has data for the year to date through `tertial`.

    A table has data when at least one of its dates falls in the year to date (1 January through
    the tertial's end) **and** its last date is on or after the tertial's first day. So a tertial
    after the table's last record, and a year before its first, have no data.

    Args:
        dates: the table's date column, or several (e.g. submission and decision dates).
        tertial: the period.

    Returns:
        True when the table covers the tertial.
    """
    columns = dates if isinstance(dates, list) else [dates]
    stamps = pd.concat([pd.to_datetime(c) for c in columns], ignore_index=True).dropna()
    if stamps.empty:
        return False
    return bool(tertial.in_year_to_date(stamps).any()) and stamps.max() >= tertial.start
