"""Utvärderingsenkät: the annual evaluation survey, as counts per year, network, question and
answer option. Individual answers (sheet Enskilda svar) are counted here and never kept."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.dataset import SurveyTables
from kuanalys.errors import Problem
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    collect_sheets,
    duplicate_problems,
    empty_parsed,
    finish_frame,
    raise_or_warn,
    validate_model,
    where_of,
    without_repeats,
)
from kuanalys.parsing import is_blank
from kuanalys.schemas import SurveyQuestions, SurveyResponses, SurveyScale
from kuanalys.spec import SURVEY, header_key

RESPONSE_SHEET, INDIVIDUAL_SHEET, SCALE_SHEET, QUESTION_SHEET = SURVEY.sheets
HEADERS = {s.name: {c.key: c.header for c in s.columns} for s in SURVEY.sheets}
_KEYS = ["year", "network", "question_id", "option"]
# One respondent answers a question once: the keys of a respondent's answer (`_respondent` is the
# respondent id compared as text; neither the id nor its key leaves this module).
_ANSWER_KEYS = ["_respondent", "year", "network", "question_id"]


def collect_survey(path: Path) -> tuple[tuple[pd.DataFrame, ...], list[Problem]]:
    """Return the parsed Enkätsvar, Enskilda svar, Svarsskala and Frågor rows of one workbook,
    and its problems."""
    (responses, individual, scale, questions), problems = collect_sheets(Path(path), SURVEY.sheets)
    return (responses, individual, scale, questions), problems


def count_individual(individual: pd.DataFrame) -> pd.DataFrame:
    """Return individual answers counted per year, network, question and option, located at the
    first answer of each group (no answer is kept)."""
    if individual.empty:
        return empty_parsed(RESPONSE_SHEET)
    rows = individual.dropna(subset=_KEYS)
    counted = (
        rows.groupby(_KEYS, sort=False, dropna=False)
        .agg(_file=("_file", "first"), _sheet=("_sheet", "first"), _row=("_row", "first"), respondents=("_row", "size"))
        .reset_index()
    )
    return counted[[*SOURCE_COLUMNS, *_KEYS, "respondents"]].astype(object)


def combine_responses(responses: pd.DataFrame, individual: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """Return the count rows and the counted individual answers together. A year, network and
    question given in both sheets is an error (it would be counted twice)."""
    counted = count_individual(individual)
    if responses.empty or counted.empty:
        return counted if responses.empty else responses
    given = {tuple(k) for k in responses[["year", "network", "question_id"]].itertuples(index=False)}
    for i, key in enumerate(counted[["year", "network", "question_id"]].itertuples(index=False)):
        if tuple(key) in given:
            problems.append(
                Problem(
                    **where_of(counted, i, HEADERS[INDIVIDUAL_SHEET.name]["question_id"]),
                    value=key.question_id,
                    message=(
                        f"År {key.year}, nätverket '{key.network}' och frågan '{key.question_id}' finns både i "
                        f"bladet '{RESPONSE_SHEET.name}' och i '{INDIVIDUAL_SHEET.name}'; svaren skulle räknas två gånger."
                    ),
                )
            )
    return pd.concat([responses, counted], ignore_index=True)


def _match(frame: pd.DataFrame, column: str, known: dict[str, str], message, problems: list[Problem]) -> pd.Series:
    """Return `column` spelt as in `known` (compared by header_key); an error per unknown value."""
    out = []
    for i, v in enumerate(frame[column]):
        if is_blank(v):
            out.append(v)
            continue
        hit = known.get(header_key(v))
        if hit is None:
            sheet = frame["_sheet"].iat[i]
            headers = HEADERS.get(sheet, HEADERS[RESPONSE_SHEET.name])
            problems.append(Problem(**where_of(frame, i, headers[column]), value=v, message=message(v)))
        out.append(v if hit is None else hit)
    return pd.Series(out, index=frame.index, dtype=object)


def finish_survey(
    responses: pd.DataFrame,
    individual: pd.DataFrame,
    scale: pd.DataFrame,
    questions: pd.DataFrame,
    problems: list[Problem],
) -> SurveyTables | None:
    """Return the tidy SurveyTables, or None on errors. Individual answers are counted into
    the counts (after their options and questions are matched) and not kept.

    Every option must be on the scale and every question in Frågor (case and spacing ignored; a
    question may be given by its Id or its text); the scale must name at least one option that
    counts as mycket nöjd; counts are unique per year, network, question and option.
    """
    problems += _scale_and_question_problems(scale, questions)
    responses, individual = _matched_answers((responses, individual), scale, questions, problems)
    individual = _counted_once(individual, problems)
    responses = combine_responses(responses, individual, problems)
    problems += duplicate_problems(
        responses,
        _KEYS,
        lambda r: f"År {r['year']}, nätverket '{r['network']}', frågan '{r['question_id']}' och svaret '{r['option']}'",
    )
    if any(p.severity == "fel" for p in problems):
        return None
    valid = [
        validate_model(frame[[*SOURCE_COLUMNS, *model.to_schema().columns]], model, HEADERS[sheet.name], problems)
        for frame, model, sheet in (
            (responses.sort_values(_KEYS, kind="stable"), SurveyResponses, RESPONSE_SHEET),
            (scale.sort_values("order", kind="stable"), SurveyScale, SCALE_SHEET),
            (questions, SurveyQuestions, QUESTION_SHEET),
        )
    ]
    if any(v is None for v in valid):
        return None
    return SurveyTables(*(finish_frame(v) for v in valid))


def _counted_once(individual: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """Return the individual answers without a respondent's repeated answer to the same question
    (same Respondent-id, year, network and question): a warning naming both rows, or an error
    when the two answers differ. The id is never shown and is dropped here."""
    if "respondent" not in individual:
        return individual
    keyed = individual.assign(_respondent=individual["respondent"].map(_key))
    problems += duplicate_problems(
        keyed,
        _ANSWER_KEYS,
        lambda r: (
            f"Svaret på frågan '{r['question_id']}' för nätverket '{r['network']}' år {r['year']} "
            "från samma Respondent-id"
        ),
        compare=["option"],
        identical="varning",
    )
    return without_repeats(keyed, _ANSWER_KEYS, ["option"]).drop(columns=["respondent", "_respondent"])


def _scale_and_question_problems(scale: pd.DataFrame, questions: pd.DataFrame) -> list[Problem]:
    """Return the problems of Svarsskala and Frågor themselves: repeated rows, no option that is mycket nöjd."""
    problems = duplicate_problems(
        scale.assign(_k=scale["option"].map(_key)), ["_k"], _said("Svarsalternativet", "option"), compare=[]
    )
    problems += duplicate_problems(questions, ["question_id"], _said("Frågan", "question_id"), compare=[])
    if not scale.empty and not scale["very_satisfied"].fillna(False).astype(bool).any():
        problems.append(
            Problem(
                scale["_file"].iat[0],
                "Inget svarsalternativ räknas som mycket nöjd: skriv Ja i kolumnen Mycket nöjd för minst ett alternativ.",
                sheet=scale["_sheet"].iat[0],
            )
        )
    return problems


def _matched_answers(
    frames: tuple[pd.DataFrame, ...], scale: pd.DataFrame, questions: pd.DataFrame, problems: list[Problem]
) -> list[pd.DataFrame]:
    """Return the frames with options and questions spelt as in Svarsskala and Frågor (errors to `problems`)."""
    options = {_key(o): o for o in scale["option"] if not is_blank(o)}
    by_question = {_key(q): q for q in questions["question_id"] if not is_blank(q)}
    by_question |= {_key(t): q for t, q in zip(questions["question"], questions["question_id"]) if not is_blank(t)}
    return [
        frame.assign(
            option=_match(
                frame, "option", options, lambda v: f"Svaret '{v}' finns inte i bladet '{SCALE_SHEET.name}'.", problems
            ),
            question_id=_match(
                frame,
                "question_id",
                by_question,
                lambda v: f"Frågan '{v}' finns inte i bladet '{QUESTION_SHEET.name}'.",
                problems,
            ),
        )
        for frame in frames
    ]


def _key(value: object) -> str:
    return header_key(value) if not is_blank(value) else ""


def _said(what: str, column: str):
    return lambda r: f"{what} '{r[column]}'"


def load_survey(path: str | Path) -> SurveyTables:
    """Return the survey of one workbook as SurveyTables (schemas `SurveyResponses`, `SurveyScale`,
    `SurveyQuestions`); network names are not checked against a registry here (`load_all` does).
    Raises InputError on errors."""
    frames, problems = collect_survey(Path(path))
    tables = finish_survey(*frames, problems)
    raise_or_warn(problems, *(tables or ()))
    return tables
