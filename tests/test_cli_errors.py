"""User errors on the command line end in Swedish, without a traceback."""

import pytest

from kuanalys.cli import main


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["report", "--tertial", "4"], "'4' är ingen tertial; skriv 1, 2 eller 3"),
        (["report", "--tertial", "två"], "'två' är ingen tertial; skriv 1, 2 eller 3"),
        (["report", "--year", "tjugonitton"], "'tjugonitton' är inget årtal; skriv året med siffror"),
        (["report", "--year", "19"], "'19' är inget årtal"),
    ],
)
def test_bad_period_arguments_are_refused_in_swedish(argv, expected, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_an_unreadable_or_broken_input_file_is_named(valid_dir, capsys):
    (valid_dir / "kurser_2019.xlsx").symlink_to(valid_dir / "finns_inte.xlsx")
    assert main(["validate", str(valid_dir)]) == 1
    out = capsys.readouterr().out
    assert "kurser_2019.xlsx: Filen är en länk till" in out and "som inte finns" in out
