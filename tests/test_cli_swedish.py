"""The command line speaks Swedish: usage, help, argparse's errors, the validation summary."""

from __future__ import annotations

import pytest

from kuanalys.cli import build_parser, main
from kuanalys.errors import Problem, Problems


def test_help_is_swedish(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["report", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("användning: kuanalys report")
    assert "flaggor:" in out and "visa den här hjälpen och avsluta" in out
    assert "usage" not in out and "options" not in out and "show this help" not in out


@pytest.mark.parametrize(
    "argv,expected",
    [
        (["template", "narvaro", "x.xlsx", "--forse"], "kuanalys: fel: okända argument: --forse"),
        (["report", "--pdf", "ja"], "kuanalys: fel: okända argument: ja"),
        (["report", "--jobs", "x"], "kuanalys report: fel: argument --jobs: 'x' är inget heltal"),
        ([], "kuanalys: fel: dessa argument saknas: KOMMANDO"),
        (["report", "--okand"], "kuanalys: fel: okända argument: --okand"),
    ],
)
def test_errors_are_swedish(capsys, argv, expected):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("användning: ") and expected in err


def test_warning_count_in_singular_and_plural():
    one = Problems([Problem("a.xlsx", "Tomt blad", severity="varning")])
    assert one.report().endswith("0 fel, 1 varning.")
    two = Problems([*one.items, *one.items])
    assert two.report().endswith("0 fel, 2 varningar.")


def test_template_help_names_every_kind(capsys):
    """`kuanalys template --help` lists every input kind that it can write (the new ones too)."""
    from kuanalys.spec import INPUT_KINDS

    with pytest.raises(SystemExit):
        main(["template", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert all(kind in out for kind in INPUT_KINDS), out
