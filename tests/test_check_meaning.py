"""Each check on meaning (baocao.checks.meaning) on small documents typed with python-docx: what it finds,
where, with which texts side by side, and what it leaves alone."""

from __future__ import annotations

import datetime as dt

import pytest

from baocao import admin_units
from baocao.checks.catalog import check_document
from baocao.checks.finding import ERROR, REVIEW
from docbuild import decree_doc

TASK_A = "Tổ chức tập huấn quản trị cho 30 HTX trên địa bàn tỉnh giai đoạn 2021-2025, ưu tiên các HTX nông nghiệp"
TASK_B = "Xây dựng Đề án hỗ trợ thành lập mới HTX, huy động nguồn vốn trên 20 tỷ đồng cho Quỹ hỗ trợ phát triển"
TASK_C = "Phối hợp với các sở, ngành rà soát, giải thể các HTX đã ngừng hoạt động nhiều năm theo quy định"
ROWS = (("I", "Nhiệm vụ chung", "", "", ""), ("1", TASK_A, "Văn phòng", "Năm 2021", ""),
        ("2", TASK_B, "Phòng Kế hoạch", "Năm 2022", ""), ("3", TASK_C, "Phòng Kế hoạch", "Thường xuyên", ""))


def _plan_doc(tmp_path, body_tasks=(TASK_A, TASK_B, TASK_C), rows=ROWS, name="ke-hoach.docx", **kw):
    body = ("I. MỤC TIÊU", "1. Thành lập mới 25 HTX mỗi năm.", "II. NHIỆM VỤ", "1. Nhiệm vụ chung",
            *(f"- {t}." for t in body_tasks), "Trên đây là Kế hoạch phát triển kinh tế tập thể năm 2021./.")
    return decree_doc(tmp_path / name, body=body, appendix=rows, **kw)


def _found(path, code, **kw):
    return [f for f in check_document(path, **kw) if f.rule == code]


# --------------------------------------------------------------------------- body and appendix


def test_a_matching_appendix_gives_no_finding(tmp_path):
    path = _plan_doc(tmp_path)
    assert [f for f in check_document(path) if f.rule.startswith("phu_luc.")] == []


def test_a_year_changed_on_one_side_is_an_error_with_both_texts(tmp_path):
    path = _plan_doc(tmp_path, body_tasks=(TASK_A.replace("2021-2025", "2020-2025"), TASK_B, TASK_C))
    (f,) = _found(path, "phu_luc.khac_so_lieu")
    assert f.severity == ERROR and f.where == "đoạn 8" and f.other_where == "bảng 3, hàng 3, cột 2"
    assert "«giai đoạn 2020-2025, ưu» ở thân, «giai đoạn 2021-2025, ưu» ở phụ lục" in f.message
    assert f.section == "II. NHIỆM VỤ › 1. Nhiệm vụ chung" and f.other.startswith("Tổ chức tập huấn")


@pytest.mark.parametrize("changed", [
    TASK_B.replace("trên 20 tỷ đồng", "trên 20 triệu đồng"),  # the unit after a number
    TASK_B.replace("trên 20 tỷ đồng", "trên tỷ đồng"),  # a number dropped
])
def test_a_unit_changed_or_a_number_dropped_is_an_error(tmp_path, changed):
    path = _plan_doc(tmp_path, body_tasks=(TASK_A, changed, TASK_C))
    assert [f.where for f in _found(path, "phu_luc.khac_so_lieu")] == ["đoạn 9"]


def test_other_words_are_for_review(tmp_path):
    path = _plan_doc(tmp_path, body_tasks=(TASK_A, TASK_B, "Chủ động " + TASK_C[0].lower() + TASK_C[1:]))
    (f,) = _found(path, "phu_luc.khac_cau_chu")
    assert f.severity == REVIEW and "«Chủ động phối hợp» ở thân" in f.message and "«Phối hợp» ở phụ lục" in f.message
    assert _found(path, "phu_luc.khac_so_lieu") == []


def test_rows_without_body_task_and_body_tasks_without_row(tmp_path):
    extra = ROWS + (("4", "Xin chủ trương xây dựng cửa hàng giới thiệu sản phẩm của THT, HTX tại trụ sở", "Văn phòng",
                     "Năm 2023", ""),)
    (f,) = _found(_plan_doc(tmp_path, rows=extra), "phu_luc.khong_co_o_than")
    assert f.severity == REVIEW and f.where == "bảng 3, hàng 6, cột 2"
    (g,) = _found(_plan_doc(tmp_path, rows=ROWS[:3], name="thieu.docx"), "phu_luc.thieu_o_phu_luc")
    assert g.severity == ERROR and g.where == "đoạn 10" and g.excerpt.startswith("Phối hợp với các sở")


def test_a_report_that_adds_the_unit_and_result_after_each_task_agrees(tmp_path):
    body = ("II. KẾT QUẢ THỰC HIỆN", *(f"- {t} (Văn phòng): đã hoàn thành 60%." for t in (TASK_A, TASK_B, TASK_C)),
            "IV. PHƯƠNG HƯỚNG", f"- Hoàn thành dứt điểm (đã đến hạn, chưa có báo cáo hoàn thành): {TASK_C}.")
    columns = ("Stt", "Nhiệm vụ", "Chủ trì", "Thời gian thực hiện", "Tình trạng", "Kết quả")
    rows = tuple((*r[:4], "đang thực hiện", "") for r in ROWS)
    path = decree_doc(tmp_path / "bao-cao.docx", type_name="BÁO CÁO", number="Số: 45/BC-LMHTX", body=body,
                      appendix=rows, appendix_columns=columns)
    assert [f for f in check_document(path) if f.rule.startswith("phu_luc.")] == []


def test_a_body_with_short_titles_is_not_held_against_the_appendix(tmp_path):
    body = ("II. KẾT QUẢ", "- Tập huấn quản trị: đã tổ chức 2 lớp.", "- Đề án hỗ trợ: đang xây dựng.")
    path = decree_doc(tmp_path / "bao-cao.docx", type_name="BÁO CÁO", number="Số: 45/BC-LMHTX", body=body,
                      appendix=ROWS)
    assert [f for f in check_document(path) if f.rule.startswith("phu_luc.")] == []


# --------------------------------------------------------------------------- citations

CV = "Công văn số 5768/UBND-KTN ngày 10/11/2020 của UBND tỉnh Đắk Nông"


def _cited(tmp_path, *sentences, **kw):
    return decree_doc(tmp_path / "trich-dan.docx", body=sentences, **kw)


def test_one_document_cited_with_two_dates(tmp_path):
    path = _cited(tmp_path, f"Căn cứ {CV};", f"- Triển khai {CV}.", f"- Thực hiện {CV.replace('10/11', '12/11')}.")
    (f,) = _found(path, "trich_dan.khac_ngay")
    assert f.where == "đoạn 6" and "ghi ngày 12/11/2020, nơi khác ghi ngày 10/11/2020" in f.message
    assert f.other_where == "đoạn 4" and "10/11/2020" in f.other


def test_one_document_cited_as_two_types_or_against_its_code(tmp_path):
    path = _cited(tmp_path, f"Căn cứ {CV};", f"- Triển khai {CV}.", f"- Thực hiện {CV.replace('Công văn', 'Kế hoạch')}.",
                  "- Thực hiện Công văn số 485/KH-UBND ngày 11/9/2020 của UBND tỉnh Đắk Nông.")
    messages = [f.message for f in _found(path, "trich_dan.khac_loai")]
    assert any("ghi là «Kế hoạch», nơi khác ghi là «Công văn»" in m for m in messages)
    assert any("tên loại «Công văn» không khớp ký hiệu loại «KH»" in m for m in messages)


def test_issuers_that_cannot_be_the_same_body(tmp_path):
    same = _cited(tmp_path, f"Căn cứ {CV};", "- Theo Công văn số 5768/UBND-KTN ngày 10/11/2020 của Chủ tịch UBND tỉnh.")
    assert _found(same, "trich_dan.khac_co_quan") == []
    other = decree_doc(tmp_path / "khac.docx", body=(f"Căn cứ {CV};", f"- Triển khai {CV}.",
                                                      f"- Thực hiện {CV.replace('UBND tỉnh Đắk Nông', 'Bộ Nội vụ')}."))
    (f,) = _found(other, "trich_dan.khac_co_quan")
    assert f.where == "đoạn 6" and "«Bộ Nội vụ»" in f.message and "«UBND tỉnh Đắk Nông»" in f.message
    assert [g.where for g in _found(other, "trich_dan.co_quan_ky_hieu")] == ["đoạn 6"]  # UBND-KTN is not Bộ Nội vụ's


def test_a_header_name_on_two_lines_is_one_issuer(tmp_path):
    """"ỦY BAN NHÂN DÂN" / "TỈNH LẠNG SƠN": the body of "Số: 87/KH-UBND", not a body called "TỈNH LẠNG SƠN"."""
    path = _cited(tmp_path, "- Triển khai nhiệm vụ năm 2024.", agency=("ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"),
                  number="Số: 87/KH-UBND", place_date="Lạng Sơn, ngày 15 tháng 3 năm 2024")
    assert _found(path, "trich_dan.co_quan_ky_hieu") == []
    other = _cited(tmp_path, "- Triển khai nhiệm vụ năm 2024.", agency=("ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"),
                   number="Số: 87/KH-SNNMT", place_date="Lạng Sơn, ngày 15 tháng 3 năm 2024")
    assert [f.where for f in _found(other, "trich_dan.co_quan_ky_hieu")] == ["bảng 1, hàng 2, cột 1"]


def test_a_date_against_the_year_in_the_symbol(tmp_path):
    path = _cited(tmp_path, "Căn cứ Nghị định số 45/2021/NĐ-CP ngày 31/3/2020 của Chính phủ;")
    (f,) = _found(path, "trich_dan.nam_ky_hieu")
    assert "mang năm 2021 nhưng ghi ngày 31/03/2020" in f.message


def test_the_appendix_reference_against_the_header(tmp_path):
    good = "(Kèm theo Kế hoạch số 12/KH-LMHTX ngày 11 tháng 5 năm 2021 của Liên minh HTX tỉnh Đắk Nông)"
    assert _found(_plan_doc(tmp_path, appendix_ref=good), "trich_dan.kem_theo") == []
    bad = good.replace("12/KH", "13/KH").replace("11 tháng 5", "12 tháng 5")
    (f,) = _found(_plan_doc(tmp_path, appendix_ref=bad, name="sai.docx"), "trich_dan.kem_theo")
    assert "số «13/KH-LMHTX» (văn bản số 12/KH-LMHTX)" in f.message and "ngày 12/05/2021" in f.message
    assert f.other_where == "bảng 1, hàng 2, cột 1"
    draft = _plan_doc(tmp_path, appendix_ref=good.replace("12/KH", "     /KH"), number="Số:      /KH-LMHTX",
                      name="du-thao.docx")
    assert _found(draft, "trich_dan.kem_theo") == []


# --------------------------------------------------------------------------- lists and numbers


def test_a_list_that_repeats_an_item(tmp_path):
    path = _cited(tmp_path, "- Hỗ trợ khởi nghiệp đối với thanh niên, phụ nữ, Cựu Chiến binh, phụ nữ, đặc biệt là lao động.",
                  "- Ưu tiên vùng sâu, vùng xa, vùng đồng bào dân tộc thiểu số.")
    (f,) = _found(path, "liet_ke.lap_muc")
    assert f.severity == ERROR and f.where == "đoạn 4" and "«phụ nữ»" in f.message


def test_items_that_differ_by_their_figures_and_a_run_said_twice_are_not_repeats(tmp_path):
    path = _cited(tmp_path, "- Tỷ lệ người có công được chăm sóc: năm 2018 đạt 99%, năm 2019 đạt 99,5%.",
                  "- Hỗ trợ khu vực 3: 70%, khu vực 2: 50%, khu vực 1: 25%.",
                  "14. Các bộ, ban, ngành khác: căn cứ chức năng, phối hợp với các bộ, ban, ngành liên quan.")
    assert _found(path, "liet_ke.lap_muc") == []


def test_a_number_written_two_ways(tmp_path):
    path = _cited(tmp_path, "- Chọn 5 HTX xây dựng mô hình.", "- Đã hỗ trợ 5 HTX hoàn thiện hồ sơ.",
                  "- Theo dõi 05 HTX được chọn.", "- Vốn tăng 1,5 lần; nơi khác 1.5 lần.", "- Có 5 xã đạt chuẩn.")
    found = {(f.where, f.message.split(" được")[0]) for f in _found(path, "so_lieu.viet_hai_cach")}
    assert found == {("đoạn 6", "«05»"), ("đoạn 7", "«1.5»")}


def test_the_plans_words_a_report_quotes_keep_their_own_way_of_writing_numbers(tmp_path):
    """"05 HTX" in the report's own sentences, "5 HTX" in the goal it quotes from the plan: not a slip."""
    columns = ("Stt", "Chỉ tiêu", "ĐVT", "Mục tiêu 2025", "Thực hiện", "Đánh giá")
    path = decree_doc(tmp_path / "bc.docx", type_name="BÁO CÁO", appendix_columns=columns, body=(
        "- Có 04 HTX được chọn, đúng tiến độ (lộ trình đến 14/6/2023: 03 HTX; mục tiêu năm 2025: 5 HTX).",
        "- Số HTX được chọn tăng lên 05 HTX, đạt mục tiêu năm 2025 (5 HTX).", "- Hướng dẫn 05 HTX hoàn thiện hồ sơ."),
        appendix=(("1", "Số HTX được chọn", "HTX", "5 HTX", "05", "Đạt"),))
    assert _found(path, "so_lieu.viet_hai_cach") == []


# --------------------------------------------------------------------------- words against figures


@pytest.mark.parametrize("sentence,found", [
    ("- Số HTX có sản phẩm OCOP tăng từ 22 lên 20 HTX.", True),
    ("- Số HTX có sản phẩm OCOP tăng từ 20 lên 22 HTX.", False),
    ("- Tỷ lệ xã có HTX đạt 71,7%, giảm so với cùng kỳ năm trước (63,3%).", True),
    ("- Tỷ lệ xã có HTX đạt 71,7%, tăng so với cùng kỳ năm trước (63,3%).", False),
    ("- Số HTX đạt 24 HTX, tăng 5 HTX so với cùng kỳ năm trước (22 HTX).", True),
    ("- Tăng cường công tác tuyên truyền từ năm 2021 đến năm 2025.", False),
    # the prose of a report: last year's figure in parentheses, a goal quoted, a start and an end in parentheses
    ("- Tỷ lệ THT có hợp đồng được chứng thực là 43,8% (121/276), giảm so với cùng kỳ năm trước (36,8%).", True),
    ("- Có 106 HTX thành viên, bằng 1,1 lần so với cuối năm 2020 (96 HTX), tăng so với cùng kỳ năm trước "
     "(1,08 lần), đạt 73,6% kế hoạch, chậm tiến độ (lộ trình đến 14/6/2023: 1,25 lần; mục tiêu năm 2025: tăng 1,5 lần).",
     False),
    ("- Năm 2022, tỷ lệ hộ tham gia là 34,9%, giảm so với năm 2021 (32,7%).", True),
    ("- Tỷ lệ xã có HTX tăng từ 81,7% (cuối năm 2020) lên 93,3% (đến ngày 14/12/2025), vượt mục tiêu.", False),
    ("- Tỷ lệ xã có HTX tăng từ 81,7% (cuối năm 2020) lên 80% (ước thực hiện năm 2025), chưa đạt mục tiêu.", True),
    ("- Số HTX tăng từ 08 HTX (cùng kỳ năm trước) lên 09 HTX, bằng 64,2% so với kế hoạch.", False),
])
def test_rise_or_fall_against_the_two_figures(tmp_path, sentence, found):
    assert bool(_found(_cited(tmp_path, sentence), "so_lieu.tang_giam")) == found


@pytest.mark.parametrize("sentence,found", [
    ("- Có 43/60 xã, đạt 71,7%, bằng 79,6% mục tiêu năm 2025 (90%); đạt mục tiêu.", True),
    ("- Có 43/60 xã, đạt 71,7%, bằng 79,6% mục tiêu năm 2025 (90%); chậm tiến độ.", False),
    ("- Có 54/60 xã, đạt 90%, bằng 100% mục tiêu năm 2025 (90%); chưa đạt mục tiêu.", True),
    ("- Có 54/60 xã, đạt 90%, bằng 100% mục tiêu năm 2025 (90%); đạt mục tiêu.", False),
])
def test_a_verdict_against_its_share_of_the_target(tmp_path, sentence, found):
    assert bool(_found(_cited(tmp_path, sentence), "so_lieu.danh_gia_ty_le")) == found


@pytest.mark.parametrize("sentence,found", [
    ("- Có 43/60 xã (71,7%), tăng so với cùng kỳ năm trước (63,3%), đạt 79,6% kế hoạch, chậm tiến độ "
     "(lộ trình đến 14/6/2023: 72,2%; mục tiêu năm 2025: 90%).", False),
    ("- Có 43/60 xã (71,7%), tăng so với cùng kỳ năm trước (63,3%), đạt 79,6% kế hoạch, đúng tiến độ "
     "(lộ trình đến 14/6/2023: 72,2%; mục tiêu năm 2025: 90%).", True),
    ("- Có 43/60 xã (71,7%), tăng từ 63,3% (cùng kỳ năm trước) lên 72,2%, chưa kịp tiến độ (theo lộ trình, "
     "đến 14/6/2023 cần đạt 72,2%).", True),  # the figure after "lên" is judged, equal to its path
    ("- Năm 2022, trong 225 HTX được xếp loại: 91 HTX khá, tốt (40,4%), vượt mục tiêu (lên 40%); 44 HTX yếu, kém "
     "(19,6%), đúng tiến độ (lộ trình năm 2022: 21,5%; mục tiêu: dưới 15%).", False),  # lower is better
    ("- Số HTX ngừng hoạt động chưa giải thể là 03 HTX, chậm tiến độ (lộ trình đến 14/6/2023: 03 HTX; "
     "mục tiêu năm 2025: giải thể, xóa tên dứt điểm).", True),
    ("- Thành lập mới 70 HTX, bình quân 28,5 HTX/năm, đúng tiến độ (lộ trình đến 14/6/2023: 62 HTX; "
     "mục tiêu bình quân mỗi năm: từ 25 HTX trở lên).", False),
])
def test_a_progress_verdict_against_its_figure_and_printed_path(tmp_path, sentence, found):
    assert bool(_found(_cited(tmp_path, sentence), "so_lieu.danh_gia_lo_trinh")) == found


def test_a_table_row_whose_progress_verdict_its_path_contradicts(tmp_path):
    columns = ("Stt", "Chỉ tiêu", "ĐVT", "Mục tiêu 2025", "Lộ trình đến 14/6/2023", "Thực hiện đến 14/6/2023",
               "Cùng kỳ năm trước", "Tỷ lệ so với mục tiêu (%)", "Đánh giá")
    rows = (("1", "Tỷ lệ xã có ít nhất 01 HTX hoạt động hiệu quả", "%", "90", "72,2", "71,7", "63,3", "79,6",
             "Đúng tiến độ"),
            ("2", "Tỷ lệ hộ tham gia kinh tế tập thể", "%", "40 - 45", "34,4 (năm 2022)", "34,9 (năm 2022)",
             "32,7 (năm 2021)", "87,3", "Đúng tiến độ"),
            ("3", "Số HTX ngừng hoạt động chưa giải thể", "HTX", "Giải thể, xóa tên dứt điểm", "03", "09", "08", "—",
             "Đúng tiến độ"),
            ("4", "Cơ cấu xếp loại HTX", "%", "Khá, tốt lên 40%; yếu, kém dưới 15%", "Khá, tốt 34,4%; yếu, kém 21,5%",
             "Khá, tốt 40,4%; yếu, kém 19,6%", "—", "—", "Chậm tiến độ"))
    path = decree_doc(tmp_path / "bc.docx", type_name="BÁO CÁO", appendix=rows, appendix_columns=columns)
    found = _found(path, "so_lieu.danh_gia_lo_trinh")
    assert [(f.where, f.other_where) for f in found] == [("bảng 3, hàng 2, cột 9", "bảng 3, hàng 2, cột 5"),
                                                         ("bảng 3, hàng 4, cột 9", "bảng 3, hàng 4, cột 5")]
    assert "số thực hiện 71,7 chưa đạt lộ trình 72,2" in found[0].message


def test_a_table_row_whose_verdict_its_percentage_contradicts(tmp_path):
    columns = ("Stt", "Chỉ tiêu", "ĐVT", "Mục tiêu", "Thực hiện", "Tỷ lệ so với mục tiêu (%)", "Đánh giá")
    rows = (("1", "Tỷ lệ xã có HTX", "%", "90", "71,7", "79,6%", "Đạt"),
            ("2", "Số HTX sở hữu sản phẩm OCOP", "HTX", "30", "24", "80%", "Đúng tiến độ"))
    path = decree_doc(tmp_path / "bc.docx", type_name="BÁO CÁO", appendix=rows, appendix_columns=columns)
    (f,) = _found(path, "so_lieu.danh_gia_ty_le")
    assert f.where == "bảng 3, hàng 2, cột 7" and f.other_where == "bảng 3, hàng 2, cột 6"


# --------------------------------------------------------------------------- after the 2025 reorganisation


@pytest.mark.parametrize("when,found", [("ngày 15 tháng 8 năm 2025", True), ("ngày 30 tháng 6 năm 2025", False),
                                        ("ngày    tháng    năm 2026", True)])
def test_a_header_and_addressees_that_no_longer_exist(tmp_path, when, found):
    path = decree_doc(tmp_path / "bc.docx", type_name="BÁO CÁO", number="Số: 45/BC-LMHTX",
                      place_date=f"Lâm Đồng, {when}", addressees=("- Ủy ban nhân dân tỉnh Đắk Nông;",
                                                                   "- Liên minh Hợp tác xã Việt Nam."),
                      copies=("- Như trên;", "- UBND huyện Cư Jút (b/c);", "- UBND thành phố Hồ Chí Minh (b/c);",
                              "- Lưu: VT."))
    found_at = sorted({f.where for f in _found(path, "to_chuc.sau_sap_xep")})
    assert found_at == (["bảng 1, hàng 1, cột 1", "bảng 2, hàng 1, cột 1", "đoạn 5"] if found else [])


def test_the_reorganisation_facts():
    assert len(admin_units.MERGED_PROVINCES) == 29 and admin_units.EFFECTIVE == dt.date(2025, 7, 1)
    assert 63 - len(admin_units.MERGED_PROVINCES) == 34
    found = [(w, s) for w, s, _a, _b in admin_units.gone_bodies(
        "UBND tỉnh Bà Rịa – Vũng Tàu; UBND các huyện, thành phố; UBND thành phố Đà Nẵng; Sở Kế hoạch và Đầu tư")]
    assert found == [("tỉnh Bà Rịa – Vũng Tàu", "tỉnh Hồ Chí Minh"),
                     ("UBND các huyện, thành phố", "cấp xã hoặc cấp tỉnh (không còn cấp huyện)"),
                     ("Sở Kế hoạch và Đầu tư", "Sở Tài chính")]


def test_the_merged_provinces_agree_with_the_official_mapping():
    """The province each dissolved one went to, as vietnamadminunits (the 2025 mapping) has it."""
    pytest.importorskip("vietnamadminunits")
    from vietnamadminunits import convert_address

    for old, new in admin_units.MERGED_PROVINCES.items():
        converted = convert_address(f"Xã A, Huyện B, Tỉnh {old}").short_province
        assert converted.replace("Thành phố ", "").replace("TP ", "") == new, old


def test_the_verdict_words_are_the_engines():
    from baocao.checks.meaning import figures
    from baocao.indicators import model

    for name in ("DAT", "VUOT", "CHUA_DAT", "DUNG_TIEN_DO", "CHAM_TIEN_DO", "KHONG_DINH_LUONG"):
        assert getattr(figures, name) == getattr(model, name)


def test_real_citations_that_only_look_inconsistent(tmp_path):
    """Read off QĐ 254/QĐ-UBND (Sơn La, 2023): two directives "02/CT-TTg" of 2018 and 2019 (numbers start again
    each year), a Party "Quy định số 69-QĐ/TW", and an issuer followed by its document's title ("của Bộ trưởng
    Bộ Công an ban hành biểu mẫu …" written once in full and once with the plan's own "BMNN")."""
    path = decree_doc(tmp_path / "kh.docx", body=(
        "Căn cứ Chỉ thị số 02/CT-TTg ngày 15 tháng 11 năm 2019 về tăng cường công tác bảo vệ bí mật nhà nước; "
        "Thông tư số 24/2020/TT-BCA ngày 10 tháng 3 năm 2020 của Bộ trưởng Bộ Công an ban hành biểu mẫu sử dụng "
        "trong công tác bảo vệ bí mật nhà nước;",
        "I. NỘI DUNG",
        "1. Thực hiện Chỉ thị số 02/CT-TTg ngày 04/7/2018 của Thủ tướng Chính phủ về công tác gia đình; Quy định "
        "số 69-QĐ/TW ngày 06/7/2022 của Ban Chấp hành Trung ương; Thông tư số 24/2020/TT-BCA ngày 10/3/2020 của "
        "Bộ trưởng Bộ Công an ban hành biểu mẫu sử dụng trong công tác bảo vệ BMNN.",
        "2. Quán triệt Chỉ thị số 05/CT-TTg ngày 11/9/2020 và Chỉ thị số 05/CT-TTg ngày 11/9/2021.",
    ))
    found = [f for f in check_document(path) if f.rule.startswith("trich_dan.")]
    assert [(f.rule, "05/CT-TTG" in f.message) for f in found] == [("trich_dan.khac_ngay", True)]  # a year slip
