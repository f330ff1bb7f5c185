"""The `kuanalys` command line: validate, ingest, template, sample and report.

User errors (`KuanalysError`) are printed in Swedish without a traceback and give exit code 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kuanalys import config
from kuanalys.errors import InputError, KuanalysError

Subcommands = Any  # what ArgumentParser.add_subparsers() returns (its class is private to argparse)


def _cmd_validate(args: argparse.Namespace) -> int:
    from kuanalys.ingest import validate_dir

    problems = validate_dir(_data_dir(args), strict=args.strikt)
    print(problems.report() if len(problems) else "Inga problem hittades.")
    return 1 if problems.has_errors() else 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from kuanalys.ingest import ingest_dir
    from kuanalys.processed import check_output_folder

    check_output_folder(Path(args.out).resolve())  # before the input is read: one line on what to do
    written = ingest_dir(_data_dir(args), Path(args.out))
    for path in written:
        print(f"Skrev {path}")
    return 0


def _data_dir(args: argparse.Namespace) -> Path:
    """Return the input folder of validate and ingest: `--data MAPP`, or the positional MAPP that
    earlier versions took (kept as an alias), or data/raw."""
    if args.data is not None and args.dir is not None and Path(args.data) != Path(args.dir):
        raise KuanalysError(f"Ange indatamappen en gång: --data {args.data} eller {args.dir}, inte båda.")
    return Path(args.data or args.dir or config.RAW_DATA_DIR)


def _add_data_dir(p: argparse.ArgumentParser) -> None:
    """Add the input folder as `--data MAPP` (as for report) and as the older positional MAPP."""
    p.add_argument("--data", default=None, metavar="MAPP", help="mapp med indata (standard data/raw)")
    p.add_argument("dir", nargs="?", default=None, metavar="MAPP", help="samma som --data (äldre skrivsätt)")


def _cmd_template(args: argparse.Namespace) -> int:
    from kuanalys.workbook_templates import write_template

    path = write_template(args.kind, Path(args.file), force=args.force)
    print(f"Skrev mall för {args.kind} till {path}")
    return 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from kuanalys.parsing import EARLIEST_DATE
    from kuanalys.sample import history_years, write_sample

    for path in write_sample(Path(args.out), seed=args.seed, scale=args.scale, years=args.years):
        print(f"Skrev {path}")
    too_early = [y for y in history_years(args.years) if y < EARLIEST_DATE.year]
    if too_early:
        span = f"{too_early[0]}–{too_early[-1]}" if len(too_early) > 1 else str(too_early[0])
        print(
            f"Obs: inläsningen godtar inga datum före {EARLIEST_DATE:%Y-%m-%d}, så närvaron för {span} "
            f"underkänns som orimliga datum. Med --years {args.years - len(too_early)} går allt att läsa in.",
            file=sys.stderr,
        )
    return 0


def _at_least_one(text: str) -> int:
    """Parse a whole number ≥ 1 for argparse (Swedish message otherwise)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' är inget heltal") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"måste vara minst 1, inte {value}")
    return value


def _tertial_number(text: str) -> int:
    """Parse a tertial number 1–3 for argparse (Swedish message otherwise)."""
    if text.strip() not in ("1", "2", "3"):
        raise argparse.ArgumentTypeError(f"'{text}' är ingen tertial; skriv 1, 2 eller 3")
    return int(text)


def _year(text: str) -> int:
    """Parse a four-digit year for argparse (Swedish message otherwise)."""
    if not text.strip().isdigit() or len(text.strip()) != 4:
        raise argparse.ArgumentTypeError(f"'{text}' är inget årtal; skriv året med siffror, t.ex. 2019")
    return int(text)


def _cmd_report(args: argparse.Namespace) -> int:
    from kuanalys.report.runner import run_report

    return run_report(
        data_dir=Path(args.data),
        out_dir=Path(args.out),
        year=args.year,
        tertial=args.tertial,
        pdf=args.pdf,
        jobs=args.jobs,
        annual=args.annual,
    )


# argparse's own words, in Swedish. argparse writes them in English (through gettext, with no
# Swedish catalogue installed); the parser below translates its output through public methods
# only (format_usage, format_help, error). Patterns cover Python 3.11–3.13.
HELP_WORDS = (
    ("usage: ", "användning: "),
    ("positional arguments:", "argument:"),
    ("options:", "flaggor:"),
    ("optional arguments:", "flaggor:"),
)
ERROR_PATTERNS = (
    (r"the following arguments are required: (.+)", r"dessa argument saknas: \1"),
    (r"unrecognized arguments: (.+)", r"okända argument: \1"),
    (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)", r"argument \1: ogiltigt val: \2 (välj bland \3)"),
    (r"argument (\S+): invalid int value: (.+)", r"argument \1: \2 är inget heltal"),
    (r"argument (\S+): invalid (\S+) value: (.+)", r"argument \1: ogiltigt värde: \3"),
    (r"argument (\S+): expected one argument", r"argument \1: ett värde behövs"),
    (r"argument (\S+): expected (.+) arguments?", r"argument \1: fel antal värden"),
    (r"argument (\S+): not allowed with argument (\S+)", r"argument \1: kan inte användas tillsammans med \2"),
    (r"ambiguous option: (\S+) could match (.+)", r"tvetydig flagga: \1 kan betyda \2"),
    (r"one of the arguments (.+) is required", r"ett av argumenten \1 behövs"),
)


def swedish_error(message: str) -> str:
    """Return argparse's error message in Swedish (unchanged if it is not one it knows)."""
    import re

    for pattern, replacement in ERROR_PATTERNS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class SwedishParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are in Swedish ("användning:", "fel:")."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def format_usage(self) -> str:
        return self._swedish(super().format_usage())

    def format_help(self) -> str:
        return self._swedish(super().format_help())

    @staticmethod
    def _swedish(text: str) -> str:
        for english, swedish in HELP_WORDS:
            text = text.replace(english, swedish)
        return text

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {swedish_error(message)}\n")


def _add_validate(sub: Subcommands) -> argparse.ArgumentParser:
    """Return the parser of `validate`, added to the subcommands."""
    p = sub.add_parser("validate", help="kontrollera alla indatafiler i en mapp")
    _add_data_dir(p)
    p.add_argument(
        "--strikt",
        action="store_true",
        help="e-postadresser, telefonnummer och personnummer i fritext är fel, inte varningar",
    )
    p.set_defaults(func=_cmd_validate)
    return p


def _add_ingest(sub: Subcommands) -> argparse.ArgumentParser:
    """Return the parser of `ingest`, added to the subcommands."""
    p = sub.add_parser("ingest", help="skriv städade tabeller som Parquet till data/processed")
    _add_data_dir(p)
    p.add_argument(
        "--out", default=str(config.PROCESSED_DATA_DIR), metavar="MAPP", help="utmapp (standard data/processed)"
    )
    p.set_defaults(func=_cmd_ingest)
    return p


def _add_template(sub: Subcommands) -> argparse.ArgumentParser:
    """Return the parser of `template`, added to the subcommands."""
    p = sub.add_parser("template", help="skriv en tom indatamall med instruktioner")
    from kuanalys.spec import INPUT_KINDS

    kinds = list(INPUT_KINDS)
    p.add_argument("kind", metavar="SLAG", help=f"{', '.join(kinds[:-1])} eller {kinds[-1]}")
    p.add_argument("file", metavar="FIL", help="filen som ska skrivas, t.ex. ansokningar.xlsx")
    p.add_argument("--force", action="store_true", help="ersätt filen om den redan finns")
    p.set_defaults(func=_cmd_template)
    return p


def _add_sample(sub: Subcommands) -> argparse.ArgumentParser:
    """Return the parser of `sample`, added to the subcommands."""
    p = sub.add_parser("sample", help="skriv exempeldata (fast frö) till en mapp")
    p.add_argument("--out", default=str(config.RAW_DATA_DIR), metavar="MAPP", help="utmapp (standard data/raw)")
    p.add_argument("--seed", type=int, default=2019, metavar="FRÖ", help="slumpfrö (standard 2019)")
    p.add_argument(
        "--scale",
        type=_at_least_one,
        default=1,
        metavar="N",
        help="förstoring av närvarodata för prestandatester (varje nätverk finns så många gånger, standard 1)",
    )
    p.add_argument(
        "--years",
        type=_at_least_one,
        default=1,
        metavar="ANTAL",
        help="antal års historik (1 = bara exempeldatat 2018–2019; fler år lägger till "
        "genererade år före 2018, t.ex. 20 = 1999–2017)",
    )
    p.set_defaults(func=_cmd_sample)
    return p


def _add_report(sub: Subcommands) -> argparse.ArgumentParser:
    """Return the parser of `report`, added to the subcommands."""
    p = sub.add_parser("report", help="ta fram tertialrapporten (HTML, Word, Excel och valfritt PDF)")
    p.add_argument("--year", type=_year, metavar="ÅR", help="år (standard: senaste tertialen i data)")
    p.add_argument("--tertial", type=_tertial_number, metavar="N", help="tertial 1–3")
    p.add_argument(
        "--data", default=str(config.RAW_DATA_DIR), metavar="MAPP", help="mapp med indata (standard data/raw)"
    )
    p.add_argument("--out", default=str(config.REPORTS_DIR), metavar="MAPP", help="utmapp (standard reports)")
    p.add_argument("--pdf", action="store_true", help="skriv även PDF via headless Chromium")
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="ANTAL",
        help="antal parallella notebooks (standard: antal kärnor, högst 8)",
    )
    p.add_argument(
        "--annual",
        "--helar",
        dest="annual",
        action="store_true",
        help="ta fram verksamhetsberättelsen för hela året (--year; standard: året för senaste tertialen)",
    )
    p.set_defaults(func=_cmd_report)
    return p


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (Swedish help texts, usage and errors)."""
    parser = SwedishParser(
        prog="kuanalys", description="Kommunal utvecklings tertialrapport: läs in, kontrollera och rapportera."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO", title="kommandon")
    _add_validate(sub)
    _add_ingest(sub)
    _add_template(sub)
    _add_sample(sub)
    _add_report(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        print(exc.problems.report(), file=sys.stderr)
        print("Inga filer skrevs. Rätta felen ovan och kör igen.", file=sys.stderr)
        return 1
    except KuanalysError as exc:
        print(f"FEL: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return 130


def run() -> None:
    """Entry point of the `kuanalys` command: run `main` and exit with its code."""
    sys.exit(main())


if __name__ == "__main__":
    run()
