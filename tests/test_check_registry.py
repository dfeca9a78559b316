"""The layout rule registry: the built-in rules as listed, distinct codes, an agency's own rule run
on real rendered documents, a broken rule reported without hiding the others."""

from __future__ import annotations

import re

import pytest

from baocao.checks import (FAIL, LAYOUT_RULES, NA, PASS, REVIEW, Rule, RuleRegistry, format_results,
                           verify_layout)
from baocao.checks.reader import LayoutDocument, text
from baocao.docread.wordxml import column_paragraphs
from baocao.errors import BaocaoError
from baocao.render.docx import render_docx
from conftest import ROOT
from test_templates import PLAN_TEMPLATE, plan_context

AGENCY = "LIÊN MINH HTX TỈNH ĐẮK NÔNG"


def agency_name(doc: LayoutDocument):
    """An agency's own rule: its name, upper case, heads the header's left column."""
    if not doc.main:
        return NA, "phụ lục tách riêng"
    names = [text(p) for p in column_paragraphs(doc.header_table, 0) if text(p)]
    if AGENCY in names:
        return PASS, AGENCY
    return FAIL, f"không thấy tên cơ quan «{AGENCY}» (có: {'; '.join(names)})"


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory):
    return render_docx(PLAN_TEMPLATE, plan_context(), tmp_path_factory.mktemp("registry") / "plan.docx")


def test_builtin_rules_are_listed_in_result_order_with_distinct_codes(plan_docx):
    codes = LAYOUT_RULES.codes()
    assert len(codes) == len(set(codes)) == len(LAYOUT_RULES) == 19
    assert [r.rule for r in verify_layout(plan_docx)] == codes
    assert all(isinstance(r, Rule) and r.description and r.code in LAYOUT_RULES for r in LAYOUT_RULES)
    assert LAYOUT_RULES["trang.le"].description.startswith("Lề trên, dưới 20–25 mm")


def test_docs_table_lists_every_builtin_rule():
    """docs/templates.md §4 documents each rule code the registry holds, in the same order."""
    doc = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    section = doc.split("## 4. Layout check", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^\| `([a-z_.]+)` \|", section, flags=re.M) == LAYOUT_RULES.codes()


def test_an_agency_rule_runs_after_the_builtin_ones(plan_docx, tmp_path):
    mine = LAYOUT_RULES.copy()
    added = mine.register("co_quan.ten", "Tên cơ quan ban hành đúng như đăng ký")(agency_name)
    assert isinstance(added, Rule) and mine.codes()[-1] == "co_quan.ten"
    assert "co_quan.ten" not in LAYOUT_RULES and len(LAYOUT_RULES) == 19  # the built-in set is untouched

    results = verify_layout(plan_docx, rules=mine)
    assert len(results) == 20 and (results[-1].rule, results[-1].status) == ("co_quan.ten", PASS)
    assert "co_quan.ten" in format_results(results) and "Tổng: 20 đạt" in format_results(results)

    ctx = plan_context()
    ctx["doc"]["issuer"] = "Liên minh HTX tỉnh Đắk Nông"
    other = render_docx(PLAN_TEMPLATE, ctx, tmp_path / "lower.docx")
    result = verify_layout(other, rules=mine)[-1]
    assert result.status == FAIL and "Liên minh HTX tỉnh Đắk Nông" in result.detail
    assert [r.rule for r in verify_layout(other)] == LAYOUT_RULES.codes()


def test_a_code_may_be_registered_once():
    mine = RuleRegistry(LAYOUT_RULES)
    with pytest.raises(BaocaoError, match="mã quy tắc 'trang.le' đã có"):
        mine.register("trang.le", "Lề khác")(agency_name)
    assert len(mine) == 19


def test_a_broken_rule_is_reported_and_hides_nothing(plan_docx):
    def crashes(doc):
        raise KeyError("w:val")

    def wrong_status(doc):
        return "ok", ""

    mine = RuleRegistry([Rule("hong", "Quy tắc lỗi", crashes), LAYOUT_RULES["trang.le"],
                         Rule("sai_ket_qua", "Quy tắc trả sai", wrong_status)])
    broken, margins, wrong = verify_layout(plan_docx, rules=mine)
    assert (broken.rule, broken.status) == ("hong", REVIEW) and "w:val" in broken.detail
    assert (margins.rule, margins.status) == ("trang.le", PASS)
    assert (wrong.rule, wrong.status) == ("sai_ket_qua", REVIEW) and "'ok'" in wrong.detail
