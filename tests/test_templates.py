import openpyxl
import pytest
from conftest import NETWORK_ROWS, write_xlsx

from kuanalys import config
from kuanalys.errors import KuanalysError
from kuanalys.loaders import read_all
from kuanalys.spec import INPUT_KINDS
from kuanalys.workbook_templates import write_template


@pytest.mark.parametrize("kind", list(INPUT_KINDS))
def test_template_has_headers_instructions_and_dropdowns(kind, tmp_path):
    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Instruktioner"
    for sheet in INPUT_KINDS[kind].sheets:
        ws = wb[sheet.name]
        assert [c.value for c in ws[1]] == [col.header for col in sheet.columns]
        assert ws["A1"].font.bold and ws.freeze_panes == "A2"
    text = " ".join(str(c.value) for row in wb["Instruktioner"].iter_rows() for c in row if c.value)
    assert all(col.description in text for s in INPUT_KINDS[kind].sheets for col in s.columns)


def test_dropdowns_for_organisation_decision_and_network(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    write_xlsx(raw / "natverk.xlsx", {"Nätverk": NETWORK_ROWS})
    monkeypatch.setattr(config, "RAW_DATA_DIR", raw)
    wb = openpyxl.load_workbook(write_template("narvaro", tmp_path / "n.xlsx"))
    ranges = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in wb["Närvaro"].data_validations.dataValidation}
    assert set(ranges) >= {"B2", "C2", "D2", "F2", "G2"}  # network, organisation, present, format, gender
    listor = wb["Listor"]
    columns = {
        listor.cell(1, j).value: [listor.cell(i, j).value for i in range(2, listor.max_row + 1)]
        for j in range(1, listor.max_column + 1)
    }
    assert "Reko" in columns["Närvaro: Nätverk"] and "Habo" in columns["Närvaro: Organisation"]
    wb = openpyxl.load_workbook(write_template("ansokningar", tmp_path / "a.xlsx"))
    values = [c.value for c in wb["Listor"]["A"]]
    assert "delvis beviljad" in values


def test_unknown_kind_is_a_swedish_error(tmp_path):
    with pytest.raises(KuanalysError, match="Okänd typ 'foo'"):
        write_template("foo", tmp_path / "x.xlsx")


def test_templates_load_back_empty_with_only_the_empty_sheet_warnings(tmp_path):
    for kind in INPUT_KINDS:
        write_template(kind, tmp_path / f"{INPUT_KINDS[kind].file_prefix}.xlsx")
    dataset, problems = read_all(tmp_path)
    assert not problems.has_errors(), problems.report()
    assert {p.message for p in problems} == {"Bladet har rubriker men inga rader med data, så inget läses härifrån."}
    assert all(frame.empty for frame in dataset.tables().values())


def test_an_existing_file_is_kept_unless_force(tmp_path, capsys):
    from conftest import sha256

    from kuanalys.cli import main

    path = tmp_path / "ansokningar.xlsx"
    path.write_bytes(b"ifylld arbetsbok")
    before = sha256(path)
    assert main(["template", "ansokningar", str(path)]) == 1
    err = capsys.readouterr().err
    assert "finns redan och skrivs inte över" in err and "--force" in err and "Traceback" not in err
    assert sha256(path) == before
    assert main(["template", "ansokningar", str(path), "--force"]) == 0
    assert openpyxl.load_workbook(path).sheetnames


def test_the_template_gets_the_umask_permissions(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        path = write_template("kurser", tmp_path / "kurser.xlsx")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_folder_as_the_template_file_is_a_swedish_error(tmp_path):
    (tmp_path / "mall.xlsx").mkdir()
    with pytest.raises(KuanalysError, match="är en mapp"):
        write_template("kurser", tmp_path / "mall.xlsx")
