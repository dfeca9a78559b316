"""Page numbers put back into a template a clerk saved with LibreOffice (``baocao template repair``)."""

from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
from click.testing import CliRunner

from baocao.checks.layout import verify_layout
from baocao.cli import main_group
from baocao.docx import oxml as ox
from baocao.docx.page_numbers import restore_page_numbers
from baocao.plan.io import load_plan
from baocao.plan.text import plan_context
from baocao.render.docx import render_docx, template_variables
from baocao.resources import template_path

from conftest import SAMPLE_PLAN, lose_first_section_numbers


def _page_numbers_fail(template, tmp_path, name: str) -> list[str]:
    rendered = render_docx(template, plan_context(load_plan(SAMPLE_PLAN)), tmp_path / name)
    return [r.detail for r in verify_layout(rendered) if r.status == "fail" and r.rule == "so_trang"]


def test_pristine_templates_need_nothing():
    for name in ("ke-hoach.docx", "bao-cao.docx", "phu-luc.docx"):
        assert restore_page_numbers(docx.Document(str(template_path(name)))) == [], name


def test_restore_puts_back_what_was_lost(tmp_path):
    damaged = lose_first_section_numbers(template_path("ke-hoach.docx"), tmp_path / "hong.docx")
    assert _page_numbers_fail(damaged, tmp_path, "truoc.docx")
    document = docx.Document(str(damaged))
    assert restore_page_numbers(document) == ["phần 1: thêm số trang ở giữa lề trên, ẩn ở trang đầu"]
    document.save(str(tmp_path / "sua.docx"))
    assert _page_numbers_fail(tmp_path / "sua.docx", tmp_path, "sau.docx") == []
    assert template_variables(tmp_path / "sua.docx") == template_variables(template_path("ke-hoach.docx"))

    document = docx.Document(str(template_path("ke-hoach.docx")))
    sect = document.sections[-1]._sectPr
    sect.remove(sect.find(ox.qn("w:pgNumType")))
    assert restore_page_numbers(document) == ["phần 2: đánh số trang lại từ 1"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_cli_repairs_a_template_saved_by_libreoffice(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(template_path("ke-hoach.docx"), src / "ke-hoach.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(tmp_path / "lo"), str(src / "ke-hoach.docx")], check=True, capture_output=True, timeout=180)
    saved = tmp_path / "lo" / "ke-hoach.docx"
    assert _page_numbers_fail(saved, tmp_path, "lo-render.docx")  # the loss is real

    runner = CliRunner()
    res = runner.invoke(main_group, ["template", "repair", str(saved), "--out", str(tmp_path / "sua.docx")])
    assert res.exit_code == 0, res.output
    assert "- phần 1: thêm số trang ở giữa lề trên, ẩn ở trang đầu" in res.output
    assert "biến của mẫu: appendix, bases, body, closing, doc" in res.output
    rendered = render_docx(tmp_path / "sua.docx", plan_context(load_plan(SAMPLE_PLAN)), tmp_path / "ok.docx")
    assert [r.rule for r in verify_layout(rendered) if r.status == "fail"] == []

    again = runner.invoke(main_group, ["template", "repair", str(tmp_path / "sua.docx"), "--out",
                                       str(tmp_path / "sua.docx")])
    assert again.exit_code == 2 and "--overwrite" in again.output
    res = runner.invoke(main_group, ["template", "repair", str(tmp_path / "sua.docx"), "--out",
                                     str(tmp_path / "sua2.docx")])
    assert "- không cần sửa: số trang đã đúng" in res.output
