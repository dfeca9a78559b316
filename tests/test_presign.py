"""Pre-signing checks on real rendered documents: the seed's slips are found, clean text passes."""

from __future__ import annotations

import docx
import pytest

from baocao.checks.presign import MISSING_MARK, format_findings, presign_check
from baocao.plan.text import plan_context
from baocao.render.docx import render_docx


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory, plan):
    out = tmp_path_factory.mktemp("presign") / "ke-hoach.docx"
    return render_docx("ke-hoach.docx", plan_context(plan), out)


def test_seed_slips_are_found_in_the_rendered_plan(plan_docx, plan):
    findings = presign_check(plan_docx, plan=plan)
    doubled = {f.message.split("«")[1].rstrip("»").lower() for f in findings if f.rule == "lap_tu"}
    assert {"hiện hiện", "kinh tế kinh tế", "qua qua", "viên viên", "hình hình", "thực hiện thực hiện"} <= doubled
    rules = {f.rule for f in findings}
    assert {"cach_truoc_dau", "dung_dau", "kem_theo_hai_cham", "ten_don_vi"} <= rules
    assert "dau_ba_cham" not in rules  # "tín dụng,…" ends a list (v.v.): not a blank left to fill
    assert not any(f.severity == "lỗi" for f in findings), format_findings(findings)
    unit = [f for f in findings if f.rule == "ten_don_vi"]
    assert any("Văn Phòng" in f.excerpt for f in unit)


def test_draft_blanks_are_errors_only_in_final_mode(tmp_path, plan):
    draft = render_docx("ke-hoach.docx", plan_context(plan, draft=True), tmp_path / "du-thao.docx")
    final_rules = {f.rule for f in presign_check(draft, plan=plan, final=True) if f.severity == "lỗi"}
    assert {"so_de_trong", "ngay_de_trong"} <= final_rules
    assert not {f.rule for f in presign_check(draft, plan=plan, final=False) if f.severity == "lỗi"}


def _doc_with(tmp_path, *paragraphs: str):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "mau.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("text,rule", [
    ("Tổng vốn đạt 1,234.5 triệu đồng", "so_kieu_anh"),
    ("Tỷ lệ đạt 87.3%", "so_kieu_anh"),
    ("Giá trị {{ value }} còn sót", "con_sot_mau"),
    ("TODO: bổ sung số liệu", "con_sot_ghi_chu"),
    (f"{MISSING_MARK}: tồn tại, hạn chế — cần bổ sung trước khi trình ký]", "thieu_noi_dung"),
    ("Đắk Nông, ngày … tháng 6 năm 2023", "ngay_de_trong"),
    ("Kết quả thực hiện: … HTX", "dau_ba_cham"),
])
def test_rules_on_small_documents(tmp_path, text, rule):
    findings = presign_check(_doc_with(tmp_path, text))
    assert [f.rule for f in findings if f.rule == rule] == [rule]
    assert findings[0].where == "đoạn 1"


def test_clean_vietnamese_numbers_pass(tmp_path):
    path = _doc_with(tmp_path, "Có 1.234 HTX, đạt 87,3%, tăng 1,5 lần so với ngày 10/11/2020./.")
    assert presign_check(path) == []
    assert format_findings([]) == "Không phát hiện vấn đề nào trước khi trình ký."


@pytest.mark.parametrize("text,doubled", [
    ("Cung cấp và sử dụng dụng cụ trợ giúp phù hợp.", []),  # QĐ 773/QĐ-TTg: "sử dụng" + "dụng cụ"
    ("Phát triển triển khai đồng bộ các giải pháp.", []),
    ("Tổ chức quán triệt, thực hiện hiện Nghị quyết 134.", ["hiện hiện"]),  # the seed's slip
    ("Vận động các các hợp tác xã tham gia.", ["các các"]),
    ("Tuyên truyền tới phụ nữ phụ nữ nông thôn.", ["phụ nữ phụ nữ"]),
    ("Sử dụng dụng cụng cụ.", ["dụng dụng"]),  # "dụng cụng" is no word: a slip
])
def test_a_syllable_written_twice_across_two_words_is_not_a_slip(tmp_path, text, doubled):
    findings = presign_check(_doc_with(tmp_path, text))
    assert [f.message.split("«")[1].rstrip("»").lower() for f in findings if f.rule == "lap_tu"] == doubled
