"""Problems found in input, and the exceptions kuanalys raises.

A `Problem` names the file, sheet, Excel row (1-based, as Excel numbers it) and column of
one bad cell, with a Swedish message. Loaders collect every problem in a workbook and raise
`InputError` with all of them at once. The CLI prints them; it never shows a traceback for
a `KuanalysError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["fel", "varning"]


@dataclass(frozen=True)
class Problem:
    """One problem in one place of one input file. Text is Swedish."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None  # Excel row number (header row of a sheet is usually 1)
    column: str | None = None  # Swedish header as written in the file, or a column letter
    value: object = None
    severity: Severity = "fel"

    def location(self) -> str:
        """Return 'fil, blad "X", rad 5, kolumn "Datum"' with the parts that are known."""
        parts = [Path(self.file).name]
        if self.sheet is not None:
            parts.append(f'blad "{self.sheet}"')
        if self.row is not None:
            parts.append(f"rad {self.row}")
        if self.column is not None:
            parts.append(f'kolumn "{self.column}"')
        return ", ".join(parts)

    def __str__(self) -> str:
        head = "FEL" if self.severity == "fel" else "VARNING"
        value = "" if self.value is None else f" (värde: {shown(self.value)})"
        return f"{head}: {self.location()}: {self.message}{value}"


def shown(value: object) -> str:
    """Return a cell value as a message shows it: text in quotes, a number in Swedish format
    (`1,84`, never numpy's `np.float64(1.84)`), anything else as written."""
    from numbers import Number

    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Number) and not isinstance(value, bool):
        from kuanalys.formatting import format_message_number

        return format_message_number(value)
    return repr(value) if isinstance(value, (bytes, tuple, list)) else str(value)


@dataclass
class Problems:
    """An ordered collection of problems, for one or many files."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, other: Problems | list[Problem]) -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "fel"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "varning"]

    def has_errors(self) -> bool:
        return bool(self.errors)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def report(self) -> str:
        """Return the Swedish validation report, one problem a line, with a summary line."""
        lines = [str(p) for p in self.items]
        n = len(self.warnings)
        lines.append(f"{len(self.errors)} fel, {n} {'varning' if n == 1 else 'varningar'}.")
        return "\n".join(lines)


class KuanalysError(Exception):
    """Base of all errors that are the user's to fix; the CLI prints them without traceback."""


class InputError(KuanalysError):
    """One or more input files are invalid. `problems` lists every problem found."""

    def __init__(self, problems: Problems | list[Problem]):
        self.problems = problems if isinstance(problems, Problems) else Problems(list(problems))
        super().__init__(self.problems.report())


class UnknownOrganisationError(KuanalysError):
    """A name that does not resolve to a known organisation; the message lists close matches."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f" Menade du: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Okänd organisation {name!r}.{hint}")
