from kuanalys import config
from kuanalys.docs import input_docs_markdown, readme_section
from kuanalys.spec import INPUT_KINDS


def test_readme_input_section_is_generated():
    section = readme_section((config.PROJ_ROOT / "README.md").read_text(encoding="utf-8"))
    assert section is not None, "README saknar markörerna <!-- indata:start --> och <!-- indata:end -->."
    assert section == input_docs_markdown(), (
        "README:s avsnitt Indata är inaktuellt. Kör: .venv/bin/python -m kuanalys.docs --write"
    )


def test_every_column_is_documented():
    text = input_docs_markdown()
    for kind in INPUT_KINDS.values():
        assert f"`{kind.file_prefix}*.xlsx`" in text
        for sheet in kind.sheets:
            for col in sheet.columns:
                assert f"| {col.header} |" in text
