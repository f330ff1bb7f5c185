"""The annual evaluation survey (utvärderingsenkät) to networks and steering groups.

Definitions:

* **Share mycket nöjda** of a question = respondents whose answer counts as mycket nöjd (the
  workbook's Svarsskala says which) ÷ all respondents to that question, pooled over the networks
  (every respondent weighs the same). Several questions pool their respondents.
* **Per network type**: the same, over the networks of one type in the network register.
* The survey is answered at the end of each year. A tertial reports the latest completed year's
  survey (`periods.reported_year`: tertial 3 its own year, tertials 1–2 the year before); the
  annual report its own year. No respondents → None (inget resultat), never 0.

Functions are pure: tidy frames of `schemas.SurveyResponses`, `SurveyScale`, `SurveyQuestions`
and `Networks` in, new frames out. Shares are fractions of 1.
"""

from __future__ import annotations

import pandas as pd

from kuanalys.spec import NETWORK_TYPES


def _with_flags(responses: pd.DataFrame, scale: pd.DataFrame, networks: pd.DataFrame | None) -> pd.DataFrame:
    """Return the responses with `very_satisfied` (from the scale) and `network_type` (from the registry)."""
    flags = dict(zip(scale["option"].astype(str), scale["very_satisfied"].astype(bool)))
    out = responses.assign(very_satisfied=responses["option"].astype(str).map(flags).fillna(False).astype(bool))
    types = (
        {}
        if networks is None or networks.empty
        else dict(zip(networks["network"].astype(str), networks["network_type"].astype(str)))
    )
    return out.assign(network_type=out["network"].astype(str).map(types).fillna("övrigt"))


def very_satisfied_share(
    responses: pd.DataFrame,
    scale: pd.DataFrame,
    networks: pd.DataFrame | None,
    questions: list[str],
    year: int,
    network_type: str | None = None,
) -> float | None:
    """Return the share mycket nöjda of the questions in a survey year (None = no respondents).

    Args:
        responses: tidy survey counts.
        scale: the answer scale (which options count as mycket nöjd).
        networks: the network register (for `network_type`).
        questions: question ids to pool.
        year: the survey year.
        network_type: only networks of this type (None = all).

    Returns:
        The share as a fraction, or None.
    """
    if responses is None or responses.empty:
        return None
    df = responses[(responses["year"].astype("Int64") == year) & responses["question_id"].astype(str).isin(questions)]
    df = _with_flags(df, scale, networks)
    if network_type is not None:
        df = df[df["network_type"] == network_type]
    total = int(df["respondents"].sum())
    if total == 0:
        return None
    return float(df.loc[df["very_satisfied"], "respondents"].sum() / total)


def _shares(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Return respondents, mycket nöjda and share per group of `keys`."""
    g = df.assign(vs=df["respondents"].where(df["very_satisfied"], 0)).groupby(keys, observed=True, sort=False)
    out = g.agg(respondents=("respondents", "sum"), very_satisfied=("vs", "sum")).reset_index()
    share = out["very_satisfied"] / out["respondents"].where(out["respondents"] > 0)
    return out.assign(share=pd.array(share, dtype="Float64"))


def survey_by_question(
    responses: pd.DataFrame, scale: pd.DataFrame, questions: pd.DataFrame, networks: pd.DataFrame | None, year: int
) -> pd.DataFrame:
    """Return per question (in the Frågor sheet's order): the share mycket nöjda this year and the
    year before, and the respondents of both years.

    Returns:
        Columns `question_id`, `question`, `indicator_text`, `respondents`, `share`,
        `respondents_last_year`, `share_last_year` (NA when nobody answered).
    """
    base = questions[["question_id", "question", "indicator_text"]].reset_index(drop=True)
    df = _with_flags(responses, scale, networks)
    for y, suffix in ((year, ""), (year - 1, "_last_year")):
        s = _shares(df[df["year"].astype("Int64") == y], ["question_id"])[["question_id", "respondents", "share"]]
        base = base.merge(
            s.rename(columns={"respondents": f"respondents{suffix}", "share": f"share{suffix}"}),
            on="question_id",
            how="left",
        )
    for c in ("respondents", "respondents_last_year"):
        base[c] = base[c].astype("Int64")
    for c in ("share", "share_last_year"):
        base[c] = base[c].astype("Float64")
    return base


def survey_by_network_type(
    responses: pd.DataFrame,
    scale: pd.DataFrame,
    questions: pd.DataFrame,
    networks: pd.DataFrame | None,
    year: int,
    value: str = "share",
) -> pd.DataFrame:
    """Return the share mycket nöjda (or with `value="respondents"` the respondents) per question
    and network type in a year, wide: one row per question, one column per network type that
    answered (in the register's type order)."""
    df = _with_flags(responses, scale, networks)
    s = _shares(df[df["year"].astype("Int64") == year], ["question_id", "network_type"])
    wide = s.pivot(index="question_id", columns="network_type", values=value)
    types = [t for t in NETWORK_TYPES if t in wide.columns]
    out = questions[["question_id", "question"]].merge(wide[types].reset_index(), on="question_id", how="left")
    for t in types:
        out[t] = out[t].astype("Float64" if value == "share" else "Int64")
    return out


def survey_by_year(
    responses: pd.DataFrame, scale: pd.DataFrame, questions: pd.DataFrame, networks: pd.DataFrame | None
) -> pd.DataFrame:
    """Return the share mycket nöjda per question and survey year (every year in the data), long.

    Returns:
        Columns `question_id`, `indicator_text`, `year`, `respondents`, `share`, in question order.
    """
    if responses is None or responses.empty:
        return pd.DataFrame(columns=["question_id", "indicator_text", "year", "respondents", "share"])
    s = _shares(_with_flags(responses, scale, networks), ["question_id", "year"])
    order = {q: i for i, q in enumerate(questions["question_id"])}
    s = s.assign(_o=s["question_id"].map(order)).sort_values(["_o", "year"]).drop(columns=["_o", "very_satisfied"])
    texts = dict(zip(questions["question_id"], questions["indicator_text"]))
    s.insert(1, "indicator_text", s["question_id"].map(texts))
    return s.astype({"year": "Int64", "respondents": "Int64"}).reset_index(drop=True)
