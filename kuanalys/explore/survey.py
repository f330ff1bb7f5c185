"""Exploring the survey across years: the share mycket nöjda per question and network type."""

from __future__ import annotations

import pandas as pd

from kuanalys.metrics import survey as srv

SHARE_COLUMNS = {
    "year": "Int64",
    "question_id": "string",
    "question": "string",
    "network_type": "string",
    "respondents": "Int64",
    "very_satisfied": "Int64",
    "share": "Float64",
    "change": "Float64",
}


def survey_shares(history: pd.DataFrame, by: tuple[str, ...] = ("question_id", "network_type")) -> pd.DataFrame:
    """Return the share mycket nöjda per year and group, with its change since the group's previous
    survey year (`metrics.survey`: mycket nöjda ÷ respondents, pooled over the group's networks).

    Args:
        history: `history.survey_history`.
        by: the grouping: any of question_id, network_type, network (question_id brings its text).

    Returns:
        Columns of `SHARE_COLUMNS` that apply (those not in `by` are left out, except `question`
        with `question_id`); `change` in fractions (0.05 = 5 procentenheter), NA the first year.
    """
    keys = list(by)
    shares = srv._shares(history, ["year", *keys]) if len(history) else pd.DataFrame(columns=["year", *keys])
    shares = shares.sort_values([*keys, "year"], ignore_index=True)
    shares["change"] = shares.groupby(keys, sort=False)["share"].diff() if len(shares) else pd.Series(dtype=float)
    if "question_id" in keys:
        texts = history.drop_duplicates("question_id").set_index("question_id")["question"]
        shares["question"] = shares["question_id"].map(texts)
    columns = {
        c: t for c, t in SHARE_COLUMNS.items() if c not in ("question_id", "question", "network_type", "network")
    }
    columns = {**{c: SHARE_COLUMNS.get(c, "string") for c in shares.columns if c not in columns}, **columns}
    order = ["year", *keys, *(["question"] if "question_id" in keys else [])]
    out = shares[order + [c for c in columns if c not in order]].astype(columns)
    return out.sort_values(["year", *keys], ignore_index=True)
