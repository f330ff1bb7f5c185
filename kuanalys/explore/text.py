"""Sentences drafted from the exploration frames, for the report's analyst to keep or rewrite."""

from __future__ import annotations

import pandas as pd

from kuanalys import config
from kuanalys.explore.attendance import ShiftShare
from kuanalys.formatting import format_percent, format_percentage_points


def driver_sentence(
    result: ShiftShare,
    top: int = 2,
    min_cell: int | None = None,
    labels: tuple[str, str] | None = None,
    measure: str | None = None,
) -> str | None:
    """Return one Swedish sentence naming the largest drivers of a change, or None.

    The drivers are the groups whose contribution (within + mix) goes the way of the change,
    largest first, at most `top`: "Minskningen från 79 % till 71 % kommer främst från
    Chefsnätverk X (−2,1 procentenheter) och Y (−1,4 procentenheter)."

    Args:
        result: `explore.compare_periods`.
        top: how many drivers to name.
        min_cell: the small-cell limit (default `config.MIN_CELL_SIZE`): no sentence when a
            named group, or the whole, had fewer invited seats than this in a period it met.
        labels: the two periods in words ("tertial 1 2019", "tertial 2 2019"), said after the
            rates: "från 81 % under tertial 1 2019 till 79 % under tertial 2 2019".
        measure: what the rates are, said after the change ("Minskningen av närvaron i nätverken …").

    Returns:
        The sentence, or None when a total is missing, the change does not show at whole per
        cent, no group drives it, or the figures fall below the small-cell limit.
    """
    limit = config.MIN_CELL_SIZE if min_cell is None else min_cell
    if result.total_a is None or result.total_b is None:
        return None
    before, after = format_percent(result.total_a), format_percent(result.total_b)
    if before == after:
        return None
    if labels is not None:
        before, after = f"{before} under {labels[0]}", f"{after} under {labels[1]}"
    g = result.groups
    falling = result.total_b < result.total_a
    drivers = g[(g["contribution"] < 0) if falling else (g["contribution"] > 0)].head(top)
    seats = pd.concat([drivers["seats_invited_a"], drivers["seats_invited_b"]]).dropna()  # NA: did not meet
    totals = [g["seats_invited_a"].sum(), g["seats_invited_b"].sum()]
    if drivers.empty or (seats < limit).any() or min(totals) < limit:
        return None
    parts = [
        f"{name} ({format_percentage_points(value, 1)})"
        for name, value in zip(drivers["group"], drivers["contribution"])
    ]
    names = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} och {parts[-1]}"
    change = "Minskningen" if falling else "Ökningen"
    of = f" av {measure}" if measure else ""
    return f"{change}{of} från {before} till {after} kommer främst från {names}."
