"""Word opens every document cleanly: openxml-audit (the Open XML SDK validator in Python) finds no error.

Every .docx the project writes is checked against Word 2016's schema: the templates, everything
``baocao demo`` writes, and what ``plan``, ``appendix``, ``report`` (draft, no narrative, every
chart) and ``template repair`` write.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
import pytest
from click.testing import CliRunner
from openxml_audit import FileFormat, OpenXmlValidator

from baocao.cli import main_group
from baocao.docx import oxml as ox
from baocao.resources import sample_path

from conftest import ROOT, SAMPLE_PLAN, lose_first_section_numbers

TEMPLATES = sorted((ROOT / "templates" / "docx").glob("*.docx"))


def audit(path: Path) -> list[str]:
    """What openxml-audit reports against Word 2016 (``openxml-audit -f office2016 -q PATH``)."""
    result = OpenXmlValidator(file_format=FileFormat.OFFICE_2016, max_errors=0).validate(path)
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]


def run(*args: str) -> str:
    result = CliRunner().invoke(main_group, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_audit_catches_what_word_rejects(tmp_path):
    """The check can fail: a highlight in a style's run properties is reported."""
    document = docx.Document(str(TEMPLATES[0]))
    highlight = OxmlElement("w:highlight")
    highlight.set(ox.qn("w:val"), "yellow")
    document.styles["Normal"].element.get_or_add_rPr().append(highlight)
    document.save(str(tmp_path / "highlight.docx"))
    assert any("highlight" in e for e in audit(tmp_path / "highlight.docx"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_pass(template):
    assert audit(template) == []


@pytest.mark.slow
def test_every_written_document_passes(tmp_path):
    demo = tmp_path / "demo"
    run("demo", "--out", demo, "--no-pdf")
    written = {f"demo/{p.name}": p for p in sorted(demo.glob("*.docx"))}
    assert len(written) == 5

    data = sample_path("du-lieu-mau.xlsx")
    run("plan", SAMPLE_PLAN, "--out", tmp_path / "plan", "--draft")
    run("appendix", SAMPLE_PLAN, "--out", tmp_path / "appendix")
    run("report", SAMPLE_PLAN, data, "--period", "2023-H1", "--out", tmp_path / "report", "--draft",
        "--charts", "all", "--returns", sample_path("bao-cao-don-vi"))
    for folder in ("plan", "appendix", "report"):
        written |= {f"{folder}/{p.name}": p for p in sorted((tmp_path / folder).glob("*.docx"))}
    assert len(written) == 8

    for template in TEMPLATES:
        damaged = lose_first_section_numbers(template, tmp_path / f"lo-{template.name}")
        repaired = tmp_path / f"sua-{template.name}"
        run("template", "repair", damaged, "--out", repaired)
        written[f"template repair/{template.name}"] = repaired

    assert {name: audit(path) for name, path in written.items()} == {name: [] for name in written}

