"""Inställningar: the report's cover (title, organisation, Dnr, author, address; optional input)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kuanalys.errors import Problem
from kuanalys.loaders.common import (
    SOURCE_COLUMNS,
    collect_single_sheet,
    duplicate_problems,
    finish_frame,
    raise_or_warn,
    validate_model,
)
from kuanalys.schemas import Settings
from kuanalys.spec import SETTING_KEYS, SETTINGS

SHEET = SETTINGS.sheets[0]
HEADERS = {c.key: c.header for c in SHEET.columns}


def collect_settings(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the parsed rows of one settings workbook and its problems."""
    return collect_single_sheet(path, SHEET)


def template_paths(parsed: pd.DataFrame) -> set[Path]:
    """Return the Word templates that the settings name (`Wordmall`), resolved against the workbook's folder."""
    rows = parsed[parsed["key"].astype(str) == "wordmall"]
    return {
        (Path(f).parent / str(v).strip()).resolve()
        for f, v in zip(rows["_file"], rows["value"])
        if v is not None and str(v).strip()
    }


def template_warnings(parsed: pd.DataFrame) -> list[Problem]:
    """Warn, at the row, when `Wordmall` names no usable .docx (relative to the workbook's folder):
    the Word document then gets the neutral default template."""
    problems = []
    for _, row in parsed[parsed["key"].astype(str) == "wordmall"].iterrows():
        value = str(row["value"] if row["value"] is not None else "").strip()
        if not value:
            continue
        target = Path(row["_file"]).parent / value
        if not target.is_file():
            why = "finns inte"
        elif target.suffix.casefold() != ".docx":
            why = "är ingen .docx (en .dotx-mall sparas som .docx i Word)"
        else:
            continue
        problems.append(
            Problem(
                row["_file"],
                f"Wordmallen {target} {why}; Word-dokumentet får standardmallen.",
                row["_sheet"],
                row["_row"],
                HEADERS["value"],
                value,
                severity="varning",
            )
        )
    return problems


def dnr_warnings(parsed: pd.DataFrame) -> list[Problem]:
    """Warn, at the row, for a Dnr without År: a diarienummer belongs to one year's reports, so it is not used."""
    rows = parsed[(parsed["key"].astype(str) == "dnr") & parsed["year"].isna()]
    return [
        Problem(
            row["_file"],
            "Diarienumret saknar år och används inte: ett dnr gäller ett års rapporter. Fyll i kolumnen År.",
            row["_sheet"],
            row["_row"],
            HEADERS["year"],
            row["value"],
            severity="varning",
        )
        for _, row in rows.iterrows()
    ]


def finish_settings(parsed: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame | None:
    """Return the tidy settings (schema `Settings`), or None on errors; each setting at most once per year."""
    if "year" not in parsed:
        parsed = parsed.assign(year=pd.NA)
    per_year = parsed.assign(_for=parsed["year"].map(lambda y: "alla år" if pd.isna(y) else int(y)))
    problems += duplicate_problems(per_year, ["key", "_for"], lambda r: f"Inställningen '{r['key']}' för {r['_for']}")
    problems += template_warnings(parsed)
    problems += dnr_warnings(parsed)
    if any(p.severity == "fel" for p in problems):
        return None
    valid = validate_model(parsed[[*SOURCE_COLUMNS, *Settings.to_schema().columns]], Settings, HEADERS, problems)
    if valid is None:
        return None
    out = finish_frame(valid)
    if len(out):  # an empty categorical loses its categories in Parquet; keep empty frames alike
        out["key"] = out["key"].astype(object).astype(pd.CategoricalDtype(list(SETTING_KEYS)))
    return out


def settings_for(settings: pd.DataFrame, year: int) -> dict[str, str]:
    """Return the settings that hold for one year's reports: a row with that År over a row without;
    `dnr` only from a row with that År (never another year's, never one without År)."""
    rows = settings[settings["year"].isna() | (settings["year"] == year)] if "year" in settings else settings
    out: dict[str, str] = {}
    for key, value, y in zip(rows["key"].astype(str), rows["value"], rows.get("year", pd.Series(pd.NA, rows.index))):
        if value is None or not str(value).strip() or (key == "dnr" and pd.isna(y)):
            continue
        if key not in out or not pd.isna(y):
            out[key] = str(value).strip()
    return out


def missing_dnr_note(settings: pd.DataFrame, year: int) -> str | None:
    """Return the sentence said on the cover and the command line when no Dnr is set for the report's year."""
    if "dnr" in settings_for(settings, year):
        return None
    return (
        f"Diarienummer (Dnr) för {year} saknas i installningar.xlsx (en rad dnr med År {year}); "
        "försättsbladet säger att det saknas."
    )


def load_settings(path: str | Path) -> pd.DataFrame:
    """Return the settings of one workbook (schema `Settings`); raises InputError on errors."""
    parsed, problems = collect_settings(Path(path))
    frame = finish_settings(parsed, problems)
    raise_or_warn(problems, *([frame] if frame is not None else []))
    return frame
