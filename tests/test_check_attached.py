"""`baocao check` on a decision that issues a plan (QĐ 773/QĐ-TTg, rendered from its plan file): the plan printed
after the decision's signature is read as a body, not as signature lines. A slip planted in the attached plan's
body is found with a place under the plan's own heading; the clean document gets no finding the planted one lacks
and no finding placed in the signature part."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao.checks.catalog import check_document
from baocao.docread.outline import read_outline
from baocao.docread.places import SIGN_PART
from baocao.jobs.plan_docs import write_plan
from baocao.plan.io import load_plan
from baocao.plan.model import Plan

ROOT = Path(__file__).resolve().parent.parent
QD_773 = ROOT / "tests" / "fixtures" / "real-plans" / "congbot-qd-773-ttg-kh-nguoi-co-cong-2018.yaml"
#: A verdict its own share contradicts (a check that reads the body's items) and a doubled word (a word check).
VERDICT = "Năm 2017, có 43/60 xã, đạt 71,7%, bằng 79,6% mục tiêu năm 2020 (90%); đạt mục tiêu."
DOUBLED = "Rà soát các các chính sách ưu đãi người có công với cách mạng còn chồng chéo."


def _rendered(plan: Plan, folder: Path) -> Path:
    write_plan(plan, folder)
    return next(folder.glob("*.docx"))


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> tuple[Path, Path]:
    """The clean QĐ 773 and the same with the two slips added under "II. … › 1. Nhiệm vụ" of the attached plan."""
    plan = load_plan(QD_773)
    data = plan.model_dump(mode="python", exclude_none=True)
    data["sections"][1]["blocks"][0]["blocks"][:0] = [{"text": VERDICT}, {"text": DOUBLED}]
    planted = Plan.model_validate(data)
    return (_rendered(plan, tmp_path_factory.mktemp("clean")),
            _rendered(planted, tmp_path_factory.mktemp("planted")))


def _paragraph_of(path: Path, text: str) -> str:
    outline = read_outline(path)
    assert outline.attached is not None
    (item,) = [it for it in outline.attached.body if it.text == text]
    return str(item.place)


def test_a_slip_in_the_attached_plan_is_found_under_its_heading(documents):
    clean, planted = documents
    before = {(f.rule, f.excerpt) for f in check_document(clean)}
    new = [f for f in check_document(planted) if (f.rule, f.excerpt) not in before]
    section = f"II. {load_plan(QD_773).sections[1].title} › 1. Nhiệm vụ"  # the attached plan's second part
    assert sorted((f.rule, f.where, f.section) for f in new) == [
        ("lap_tu", _paragraph_of(planted, DOUBLED), section),
        ("so_lieu.danh_gia_ty_le", _paragraph_of(planted, VERDICT), section)]


def test_the_clean_decision_has_no_finding_in_its_signature(documents):
    clean, planted = documents
    found = check_document(clean)
    assert [f for f in found if f.section == SIGN_PART] == []
    planted_found = {(f.rule, f.excerpt) for f in check_document(planted)}
    assert {(f.rule, f.excerpt) for f in found} <= planted_found
