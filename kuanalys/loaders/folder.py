"""`load_all`: read every input workbook in a folder by the file-name convention (spec.py)
into one `Dataset`, collecting all problems of all files before raising.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pandas as pd

from kuanalys import parsing
from kuanalys.dataset import Dataset, InputFile, NetworkTables
from kuanalys.errors import InputError, Problem, Problems
from kuanalys.hashing import sha256_of
from kuanalys.loaders import (
    activities,
    attendance,
    comments,
    courses,
    crossref,
    funds,
    grants,
    indicators,
    networks,
    projects,
    settings,
    staff,
    survey,
)
from kuanalys.loaders.checks import far_date_problems
from kuanalys.loaders.common import empty_parsed
from kuanalys.loaders.freetext import name_pattern, person_names, personal_data_problems
from kuanalys.loaders.years import year_limits, year_problems
from kuanalys.parsing import is_blank
from kuanalys.plan import plan_areas, report_parts
from kuanalys.spec import INPUT_KINDS, header_key, kind_of_file

EXCEL_LIKE = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".xlsb")
# Excel limits sheet names to 31 characters, so a närvaromatris sheet may hold a cut network name.
SHEET_NAME_LIMIT = 31


def find_input_files(data_dir: Path) -> tuple[dict[str, list[Path]], list[Problem]]:
    """Return input files by kind (sorted by name) and warnings for files that look like
    spreadsheets but match no kind. Excel lock files (~$*) and hidden files are ignored.
    """
    found: dict[str, list[Path]] = {kind: [] for kind in INPUT_KINDS}
    problems: list[Problem] = []
    for path in sorted(Path(data_dir).iterdir()):
        if path.name.startswith(("~$", ".")):
            continue
        kind = kind_of_file(path.name)
        if path.is_symlink() and not path.exists():
            problems.append(
                Problem(
                    str(path),
                    f"Filen är en länk till {os.readlink(path)}, som inte finns, och läses inte.",
                    severity="fel" if kind else "varning",
                )
            )
            continue
        if path.is_dir():
            if kind is not None:
                problems.append(
                    Problem(str(path), "Detta är en mapp, inte en arbetsbok, och läses inte.", severity="varning")
                )
            continue
        if kind is None:
            prefixes = ", ".join(f"{k.file_prefix}*.xlsx" for k in INPUT_KINDS.values())
            message = (
                f"Filnamnet följer inte namnkonventionen och filen läses inte. Namnet ska börja med något av: {prefixes}."
                if path.suffix.casefold() in EXCEL_LIKE
                else "Filen är ingen indatafil (inget kalkylark) och läses inte."
            )
            problems.append(Problem(str(path), message, severity="varning"))
            continue
        if not path.is_file():
            problems.append(Problem(str(path), "Detta är ingen vanlig fil och läses inte.", severity="fel"))
            continue
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            problems.append(Problem(str(path), f"Filen kan inte läsas ({exc.strerror or exc})."))
            continue
        found[kind].append(path)
    return found, problems


def sorted_problems(problems: list[Problem]) -> Problems:
    """Return problems ordered by file, then sheet, then Excel row (stable otherwise)."""
    return Problems(sorted(problems, key=lambda p: (p.file, p.sheet or "", p.row or 0)))


def resolve_network(name: str, registry: list[str], former: dict[str, str] | None = None) -> str | None:
    """Return the registry's spelling of a network name (case, spacing and a name cut to
    Excel's 31-character sheet-name limit tolerated), or None if it is not in the registry.
    A former name (`former`: {former name: current name}, sheet Tidigare namn) gives the current name."""
    key = header_key(name)
    by_key = {header_key(n): n for n in registry}
    by_key |= {header_key(old): new for old, new in (former or {}).items()}
    if key in by_key:
        return by_key[key]
    if len(name) >= SHEET_NAME_LIMIT - 1:
        starts = [n for k, n in by_key.items() if k.startswith(key)]
        if len(starts) == 1:
            return starts[0]
    return None


def network_problems(
    parsed: pd.DataFrame, registry: list[str], former: dict[str, str] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Return attendance (or survey) rows with networks spelt as in the registry, former names
    replaced by the current name, and an error at the first row of each network that is not in
    the registry (with close matches)."""
    problems: list[Problem] = []
    mapping: dict[str, str] = {}
    for name in parsed["network"].dropna().unique():
        resolved = resolve_network(name, registry, former)
        if resolved is not None:
            mapping[name] = resolved
            continue
        i = int((parsed["network"] == name).to_numpy().argmax())
        close = difflib.get_close_matches(name, registry, n=3, cutoff=0.5)
        hint = f" Menade du: {', '.join(close)}?" if close else ""
        column = None if parsed["_sheet"].iat[i] == name else "Nätverk"
        problems.append(
            Problem(
                parsed["_file"].iat[i],
                f"Nätverket '{name}' finns inte i nätverksregistret (natverk.xlsx).{hint}",
                sheet=parsed["_sheet"].iat[i],
                row=int(parsed["_row"].iat[i]),
                column=column,
                value=name,
            )
        )
    renamed = parsed.assign(network=[mapping.get(n, n) if not is_blank(n) else n for n in parsed["network"]])
    return renamed, problems


def former_name_warnings(parsed: pd.DataFrame, former: pd.DataFrame, years: pd.Series) -> list[Problem]:
    """Return a warning at the first row of each former network name used outside the years it
    held (sheet Tidigare namn); the row still counts for the network's current name."""
    spans = {
        header_key(o): (n, a, b)
        for o, n, a, b in zip(former["former_name"], former["network"], former["from_year"], former["to_year"])
        if not is_blank(o) and not is_blank(b) and (is_blank(a) or a <= b)  # inverted years: an error of their own
    }
    problems: list[Problem] = []
    if not spans or parsed.empty:
        return problems
    keys = parsed["network"].map(lambda n: None if is_blank(n) else header_key(n))
    for key, (current, first, last) in spans.items():
        outside = (keys == key) & ((years > last) | (years < (first if not is_blank(first) else -1)))
        if outside.any():
            i = int(outside.to_numpy().argmax())
            held = f"{'' if is_blank(first) else first}–{last}"
            problems.append(
                Problem(
                    parsed["_file"].iat[i],
                    f"Namnet '{parsed['network'].iat[i]}' gällde {held} enligt natverk.xlsx (bladet Tidigare namn), "
                    f"men raden är från {int(years.iat[i])}. Raden räknas till '{current}'.",
                    sheet=parsed["_sheet"].iat[i],
                    row=int(parsed["_row"].iat[i]),
                    column=None if parsed["_sheet"].iat[i] == parsed["network"].iat[i] else "Nätverk",
                    value=parsed["network"].iat[i],
                    severity="varning",
                )
            )
    return problems


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)


def _finish_registry(parsed: pd.DataFrame, former: pd.DataFrame, problems: list[Problem]) -> NetworkTables | None:
    """Return the registry and its former names, or None on errors."""
    frame = networks.finish_networks(parsed, problems)
    if frame is None:
        return None
    old = networks.finish_former_names(former, [str(n) for n in frame["network"]], problems)
    return None if old is None else NetworkTables(frame, old)


# Each input kind: how its files are parsed (collect: file → frame(s) and problems), the sheets
# it gives (empty frames when it has no file), and the finish step that checks duplicates within
# the kind (across files too) and validates it with its pandera schema.
READERS = {
    "natverk": (networks.collect_networks, (networks.SHEET, networks.FORMER_SHEET), _finish_registry),
    "narvaro": (attendance.collect_attendance, (attendance.SHEET,), attendance.finish_attendance),
    "kurser": (courses.collect_courses, (courses.COURSE_SHEET, courses.PARTICIPANT_SHEET), courses.finish_courses),
    "ansokningar": (grants.collect_grants, (grants.SHEET,), grants.finish_grants),
    "medel": (funds.collect_funds, tuple(funds.FUNDS.sheets), funds.finish_funds),
    "matetal": (
        indicators.collect_indicators,
        (indicators.INDICATOR_SHEET, indicators.TARGET_SHEET, indicators.GOAL_SHEET),
        indicators.finish_indicators,
    ),
    "kommentarer": (comments.collect_comments, (comments.SHEET,), comments.finish_comments),
    "utvarderingsenkat": (survey.collect_survey, tuple(survey.SURVEY.sheets), survey.finish_survey),
    "projekt": (projects.collect_projects, (projects.SHEET,), projects.finish_projects),
    "installningar": (settings.collect_settings, (settings.SHEET,), settings.finish_settings),
    "medarbetare": (staff.collect_staff, (staff.STAFF_SHEET, staff.MEASURE_SHEET), staff.finish_staff),
    "aktiviteter": (activities.collect_activities, (activities.SHEET,), activities.finish_activities),
}


def read_all(data_dir: str | Path, *, strict: bool = False) -> tuple[Dataset | None, Problems]:
    """Read every input workbook in `data_dir`. Returns (Dataset or None if there are errors,
    all problems sorted by file, sheet and row). Never raises for bad input. With `strict`,
    personal data in free text (loaders/freetext.py) is an error instead of a warning. Years and
    dates are judged against `parsing.current_date()` (loaders/years.py).
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None, Problems([Problem(str(data_dir), "Mappen finns inte.")])
    found, problems = find_input_files(data_dir)
    problems += _file_count_problems(found, data_dir)
    files = [InputFile(path=path, kind=kind, sha256=sha256_of(path)) for kind, paths in found.items() for path in paths]
    parsed = {kind: _collect(found[kind], collect, sheets, problems) for kind, (collect, sheets, _) in READERS.items()}
    # The Word template that installningar names is read (by the Word writer), not a stray file.
    templates = settings.template_paths(parsed["installningar"][0])
    problems = [p for p in problems if not (p.sheet is None and Path(p.file).resolve() in templates)]
    problems += _network_names(parsed, found, problems)
    problems += _across_files(parsed, found, problems, strict)
    limits = year_limits(parsing.current_date(), parsed["matetal"], parsed["narvaro"][0])
    problems += [
        p
        for kind, (_, sheets, _) in READERS.items()
        for frame, sheet in zip(parsed[kind], sheets)
        for p in year_problems(frame, sheet, limits)
    ]
    results = {}
    for kind, (_, _, finish) in READERS.items():
        own = [p for p in problems if p.severity == "fel" and Path(p.file) in found[kind]]
        ps: list[Problem] = list(own)  # given the kind's errors so far, a finish step skips validation
        results[kind] = finish(*parsed[kind], ps)
        problems.extend(ps[len(own) :])
    report = sorted_problems(problems)
    if report.has_errors() or any(v is None for v in results.values()):
        return None, report
    return _dataset(results, files, report), report


def _file_count_problems(found: dict[str, list[Path]], data_dir: Path) -> list[Problem]:
    """Return an error for each required kind without a file, and for each kind of one file that has several."""
    problems: list[Problem] = []
    for kind, paths in found.items():
        spec = INPUT_KINDS[kind]
        if not paths and not spec.optional:
            problems.append(
                Problem(
                    str(data_dir / f"{spec.file_prefix}.xlsx"),
                    f"Ingen fil för {spec.title.lower()} hittades: filnamnet ska börja med '{spec.file_prefix}' (t.ex. {spec.file_prefix}.xlsx).",
                )
            )
        if len(paths) > 1 and not spec.many_files:
            names = ", ".join(p.name for p in paths)
            problems.append(
                Problem(str(paths[1]), f"Det får bara finnas en fil för {spec.title.lower()}; hittade {names}.")
            )
    return problems


def _collect(paths: list[Path], collect, sheets: tuple[str, ...], problems: list[Problem]) -> tuple[pd.DataFrame, ...]:
    """Return one kind's parsed sheets over all its files (empty frames without a file), adding
    the files' problems to `problems`."""
    parts: list[tuple[pd.DataFrame, ...]] = []
    for path in paths:
        frames, probs = collect(path)
        problems.extend(probs)
        parts.append(frames if isinstance(frames, tuple) else (frames,))
    if not parts:
        return tuple(empty_parsed(s) for s in sheets)
    return tuple(_concat([p[i] for p in parts]) for i in range(len(parts[0])))


def _registry_ok(found: dict[str, list[Path]], problems: list[Problem]) -> bool:
    """Return whether the network register was read without errors."""
    return bool(found["natverk"]) and not any(
        p.severity == "fel" and Path(p.file) in found["natverk"] for p in problems
    )


def _network_names(parsed: dict, found: dict[str, list[Path]], problems: list[Problem]) -> list[Problem]:
    """Check the networks of attendance and survey rows against the register (with its former
    names); rows are renamed in `parsed` to the register's spelling. Returns the problems."""
    if not _registry_ok(found, problems):
        return []
    net, old = parsed["natverk"]
    registry = [n for n in net["network"] if not is_blank(n)]
    former = {str(o): str(n) for o, n in zip(old["former_name"], old["network"]) if not is_blank(o) and not is_blank(n)}
    (att,), srv = parsed["narvaro"], list(parsed["utvarderingsenkat"])
    out = former_name_warnings(att, old, pd.to_datetime(att["meeting_date"], errors="coerce").dt.year)
    out += former_name_warnings(srv[0], old, pd.to_numeric(srv[0]["year"], errors="coerce"))
    att, more = network_problems(att, registry, former)
    out += more
    for i in (0, 1):  # Enkätsvar and Enskilda svar
        srv[i], more = network_problems(srv[i], registry, former)
        out += more
    parsed["narvaro"], parsed["utvarderingsenkat"] = (att,), tuple(srv)
    return out


def _across_files(parsed: dict, found: dict[str, list[Path]], problems: list[Problem], strict: bool) -> list[Problem]:
    """Return the problems between kinds: dates far from the rest, references between workbooks,
    plan goals and activities against the plan, personal data in free text."""
    net, old = parsed["natverk"]
    (att,), (grt,), (com,), (prj,), (act,) = (
        parsed[k] for k in ("narvaro", "ansokningar", "kommentarer", "projekt", "aktiviteter")
    )
    crs, fnd, ind, srv = parsed["kurser"], parsed["medel"], parsed["matetal"], parsed["utvarderingsenkat"]
    out: list[Problem] = []
    for kind, frame in (("narvaro", att), ("kurser", crs[0]), ("ansokningar", grt), ("medel", fnd[0])):
        out += far_date_problems(frame, kind)
    out += reference_problems(net, crs[0], grt, fnd, ind, com, _registry_ok(found, problems), srv[3], prj)
    if not any(p.severity == "fel" and Path(p.file) in found["matetal"] for p in problems + out):
        out += crossref.plan_goal_problems(ind[0], ind[2])
    out += crossref.activity_problems(act, plan_areas(ind[2], ind[0]))
    names = name_pattern(person_names([frame for frames in parsed.values() for frame in frames]))
    for kind, (_, sheets, _) in READERS.items():
        for frame, sheet in zip(parsed[kind], sheets):
            out += personal_data_problems(frame, sheet, strict, names)
    return out


def _dataset(results: dict, files: list[InputFile], report: Problems) -> Dataset:
    """Return the Dataset of the finished, validated tables."""
    courses_, funds_, plan = results["kurser"], results["medel"], results["matetal"]
    survey_, staff_ = results["utvarderingsenkat"], results["medarbetare"]
    return Dataset(
        attendance=results["narvaro"],
        networks=results["natverk"].networks,
        network_former_names=results["natverk"].former_names,
        courses=courses_.courses,
        course_participants=courses_.participants,
        grants=results["ansokningar"],
        funds_available=funds_.available,
        budget=funds_.budget,
        income_statement=funds_.income_statement,
        indicators=plan.indicators,
        targets=plan.targets,
        comments=results["kommentarer"],
        survey_responses=survey_.responses,
        survey_scale=survey_.scale,
        survey_questions=survey_.questions,
        projects=results["projekt"],
        plan_goals=plan.plan_goals,
        settings=results["installningar"],
        staff=staff_.staff,
        staff_measures=staff_.measures,
        activities=results["aktiviteter"],
        files=files,
        warnings=Problems(report.warnings),
    )


def reference_problems(
    net,
    courses_parsed,
    grants_parsed,
    funds_parsed,
    ind,
    com,
    registry_ok: bool,
    questions: pd.DataFrame,
    projects_parsed: pd.DataFrame | None = None,
) -> list[Problem]:
    """Cross-references between the workbooks (loaders/crossref.py); synonyms are rewritten in place.
    `questions` is the survey's parsed Frågor sheet (empty without a survey workbook)."""
    from kuanalys.spec import NETWORK_TYPES
    from kuanalys.vocabulary import AREAS, ORGANISERS

    registry = [n for n in net["network"] if not is_blank(n)] if registry_ok else []
    indicators, targets, goal_sheet = ind
    choices = {
        "network": registry,
        "network_type": list(NETWORK_TYPES),
        "organiser": [n for name, synonyms in ORGANISERS.items() for n in (name, *synonyms)],
        "questions": [str(q) for q in questions.get("question_id", []) if not is_blank(q)],
    }
    problems = [
        *crossref.metric_problems(indicators, choices),
        *crossref.target_problems(indicators, targets),
        *crossref.comment_problems(com, report_parts(goal_sheet, indicators)),
        *crossref.vocabulary_problems(courses_parsed, "organiser", "Arrangör", ORGANISERS),
        *crossref.funder_problems(grants_parsed),
    ]
    for frame in (grants_parsed, funds_parsed[0], funds_parsed[1], net, projects_parsed):
        problems.extend(crossref.vocabulary_problems(frame, "area", "Område", AREAS))
    return problems


def load_all(data_dir: str | Path) -> Dataset:
    """Return every input in `data_dir` as a Dataset, found by the file-name convention
    (narvaro*, natverk*, kurser*, ansokningar*, medel*, matetal*, kommentarer*, installningar*,
    medarbetare*, aktiviteter*, utvarderingsenkat*, projekt*.xlsx).

    Raises InputError listing every problem of every file if any is an error. Warnings are in
    `Dataset.warnings`; `Dataset.files` lists each file read with its sha256.
    """
    dataset, problems = read_all(data_dir)
    if dataset is None:
        raise InputError(problems)
    return dataset
