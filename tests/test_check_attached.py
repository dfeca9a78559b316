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


# --------------------------------------------------------------------------- the attached plan's tasks and its appendix

TASKS = ("Tổ chức tập huấn quản trị cho 30 HTX trên địa bàn tỉnh giai đoạn 2021-2025, ưu tiên các HTX nông nghiệp",
         "Xây dựng Đề án hỗ trợ thành lập mới HTX, huy động nguồn vốn trên 20 tỷ đồng cho Quỹ hỗ trợ phát triển",
         "Phối hợp với các sở, ngành rà soát, giải thể các HTX đã ngừng hoạt động nhiều năm theo quy định")


def _decision_with_plan_and_appendix(path: Path, tasks: tuple[str, ...], *,
                                     agency: tuple[str, ...] = ("ỦY BAN NHÂN DÂN", "TỈNH ĐẮK NÔNG"),
                                     plan_agency: str = "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK NÔNG",
                                     place_date: str = "Đắk Nông, ngày 11 tháng 5 năm 2021") -> Path:
    """A decision (typed with python-docx), the plan it issues after its signature, the plan's task appendix."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from docbuild import decree_doc

    decree_doc(path, agency=agency, number="Số: 12/QĐ-UBND", type_name="QUYẾT ĐỊNH",
               place_date=place_date,
               summary="Ban hành Kế hoạch phát triển kinh tế tập thể giai đoạn 2021-2025",
               body=("ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "Căn cứ Luật Hợp tác xã năm 2012;", "QUYẾT ĐỊNH:",
                     "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển kinh tế tập thể giai đoạn 2021-2025.",
                     "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./."))
    document = docx.Document(str(path))
    head = document.add_table(rows=1, cols=2)
    head.cell(0, 0).text = plan_agency
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    centred = ("KẾ HOẠCH", "Phát triển kinh tế tập thể giai đoạn 2021-2025",
               "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 11 tháng 5 năm 2021 của UBND tỉnh Đắk Nông)")
    for text in centred:
        p = document.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.runs[0].bold = True
    for text in ("I. MỤC TIÊU", "1. Thành lập mới 25 HTX mỗi năm.", "II. NHIỆM VỤ", "1. Nhiệm vụ chung",
                 *(f"- {t}." for t in tasks), "Trên đây là Kế hoạch phát triển kinh tế tập thể./.", "Phụ lục",
                 "PHÂN CÔNG THỰC HIỆN"):
        document.add_paragraph(text)
    table = document.add_table(rows=1 + len(TASKS), cols=4)
    for c, word in enumerate(("STT", "Nhiệm vụ", "Chủ trì", "Thời gian")):
        table.cell(0, c).text = word
    for r, task in enumerate(TASKS, start=1):
        for c, value in enumerate((str(r), task, "Sở Kế hoạch và Đầu tư", "Năm 2022")):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


def test_the_attached_plans_tasks_are_held_against_its_appendix(tmp_path):
    clean = _decision_with_plan_and_appendix(tmp_path / "qd.docx", TASKS)
    assert [f for f in check_document(clean) if f.rule.startswith("phu_luc.")] == []
    changed = (TASKS[0], TASKS[1].replace("trên 20 tỷ đồng", "trên 25 tỷ đồng"), TASKS[2])
    (f,) = [f for f in check_document(_decision_with_plan_and_appendix(tmp_path / "khac.docx", changed))
            if f.rule.startswith("phu_luc.")]
    outline = read_outline(tmp_path / "khac.docx")
    assert outline.attached is not None
    (item,) = [it for it in outline.attached.body if "25 tỷ" in it.text]
    assert (f.rule, f.where, f.section) == ("phu_luc.khac_so_lieu", str(item.place), "II. NHIỆM VỤ › 1. Nhiệm vụ chung")


def test_the_attached_plans_head_is_held_against_the_reorganisation(tmp_path):
    """A decision of 2025 by the merged province whose attached plan still carries the old province's name."""
    path = _decision_with_plan_and_appendix(tmp_path / "qd.docx", TASKS, agency=("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"),
                                            plan_agency="ỦY BAN NHÂN DÂN\nTỈNH ĐẮK NÔNG",
                                            place_date="Lâm Đồng, ngày 15 tháng 8 năm 2025")
    found = [f for f in check_document(path) if f.rule == "to_chuc.sau_sap_xep"]
    outline = read_outline(path)
    assert outline.attached is not None
    (f,) = found
    assert f.where == str(outline.attached.header.agency[-1].place) and "tỉnh Lâm Đồng" in f.message
