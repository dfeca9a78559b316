"""Write the filled sample unit returns in sample_data/bao-cao-don-vi/<period>/ (ILLUSTRATIVE data).

Each form is exported by ``baocao.returns.export_forms`` from the bundled plan 188/KH-LMHTX and then
filled with openpyxl the way a unit would. Every figure and sentence is invented for demonstration:
they are plausible, not real results of the Đắk Nông cooperative alliance. For 2023-H1 the Ban biên
tập (bbt) sends no return, so the collection shows a missing unit.

Run from the repository root:  .venv/bin/python tools/make_sample_returns.py
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from baocao.periods import parse_period
from baocao.plan.io import load_plan
from baocao.returns import collect_forms, export_forms, form_rows, write_text_cell
from baocao.returns.export import save_workbook_atomic
from baocao.returns.form_layout import COLUMNS, FILL_KEYS, FIRST_ROW, fit_row_heights

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "sample_data" / "ke-hoach-188.yaml"
OUT = ROOT / "sample_data" / "bao-cao-don-vi"
NOTE = "Dữ liệu minh họa do tools/make_sample_returns.py tạo; không phải số liệu thật."

DONE, DOING, TODO, NONE = "đã hoàn thành", "đang thực hiện", "chưa thực hiện", "không phát sinh"

# (status, result, figures, difficulties, proposals) per row id; "id@unit" for a task with several leads.
Entry = tuple[str, str, str, str, str]

H1_2023: dict[str, Entry] = {
    "cong_doan": (DOING, "Phối hợp Liên đoàn Lao động tỉnh tuyên truyền, vận động thành lập công đoàn cơ sở trong HTX.",
                  "Lũy kế 09 HTX có tổ chức công đoàn", "Nhiều HTX quy mô nhỏ, ít lao động hưởng lương.", ""),
    "bhxh": (DOING, "Phối hợp Bảo hiểm xã hội tỉnh lồng ghép tuyên truyền tại 03 hội nghị với HTX.",
             "Lũy kế 41 HTX đóng BHXH cho người lao động", "", ""),
    "nv1.1": (DOING, "Tiếp tục quán triệt Nghị quyết 134/NQ-CP và Chương trình số 59-CTr/TU, lồng ghép trong hội nghị "
                     "tập huấn cán bộ quản lý HTX tại 04 huyện.", "04 hội nghị, 286 lượt người",
              "HTX ở vùng sâu, vùng xa cử người tham dự chưa đầy đủ.",
              "Đề nghị UBND các huyện chỉ đạo phòng chuyên môn vận động HTX tham dự."),
    "nv1.2@cstt": (DOING, "Phối hợp Báo Đắk Nông, Đài Phát thanh - Truyền hình tỉnh xây dựng 03 chuyên mục về kinh tế "
                          "tập thể; tổ chức 01 tọa đàm về HTX kiểu mới.", "03 chuyên mục, 01 tọa đàm",
                   "Kinh phí tuyên truyền còn hạn chế.", ""),
    "nv1.2@ttdt": (DOING, "Đăng tải tin, bài về hoạt động của HTX, THT và chính sách hỗ trợ kinh tế tập thể.",
                   "46 tin, bài; 12.350 lượt truy cập", "Thiếu cộng tác viên ở các huyện.",
                   "Đề nghị các phòng gửi tin, bài định kỳ hằng tháng."),
    "nv1.3@cstt": (DOING, "Hướng dẫn 05 HTX hoàn thiện hồ sơ xét giải thưởng “Ngôi sao HTX Việt Nam” năm 2023.",
                   "05 hồ sơ", "", ""),
    "nv1.3@khht": (DOING, "Khảo sát 02 mô hình khởi nghiệp HTX của thanh niên tại huyện Đắk Glong và Tuy Đức.",
                   "02 mô hình", "", ""),
    "nv1.4": (DONE, "Chương trình phối hợp với Liên minh HTX tỉnh Lâm Đồng và Liên minh HTX Thành phố Hồ Chí Minh đã ký "
                    "năm 2021; trong kỳ tổ chức 01 đoàn HTX học tập kinh nghiệm tại Lâm Đồng.", "01 đoàn, 15 HTX", "", ""),
    "nv2.1": (DOING, "Góp ý dự thảo Luật Hợp tác xã (sửa đổi) và 02 dự thảo văn bản của UBND tỉnh về hỗ trợ kinh tế tập thể.",
              "03 văn bản góp ý", "",
              "Đề nghị UBND tỉnh sớm ban hành quy định hỗ trợ HTX khi Luật Hợp tác xã năm 2023 có hiệu lực."),
    "nv3.3@cstt": (DOING, "Tư vấn thành lập 02 công đoàn cơ sở trong HTX; mở 02 lớp bồi dưỡng quản trị HTX.",
                   "02 công đoàn; 02 lớp, 124 học viên", "", ""),
    "nv2.5": (DOING, "Tư vấn, hướng dẫn sáng lập viên thành lập mới HTX; hỗ trợ HTX tham gia hội chợ, xúc tiến thương mại.",
              "14 HTX thành lập mới; 06 HTX dự hội chợ", "Nhiều HTX mới thành lập quy mô nhỏ, thiếu vốn.", ""),
    "nv3.1": (DOING, "Hướng dẫn 11 HTX tổ chức lại hoạt động theo Luật HTX năm 2012; vận động kết nạp thành viên mới.",
              "96 thành viên mới; vốn góp tăng 2,3 tỷ đồng", "", ""),
    "nv3.2": (DOING, "Phối hợp UBND các huyện hướng dẫn HTX ngừng hoạt động làm thủ tục giải thể.",
              "-7 HTX (giải thể, xóa tên)", "Một số HTX ngừng hoạt động không liên lạc được với ban quản trị.",
              "Đề nghị cơ quan đăng ký kinh doanh cấp huyện thu hồi giấy chứng nhận của HTX không còn hoạt động."),
    "nv3.3@khht": (DOING, "Hỗ trợ HTX tuyển lao động trẻ có trình độ đại học theo Chương trình hỗ trợ phát triển "
                          "kinh tế tập thể.", "03 HTX, 03 lao động", "", ""),
    "nv3.4": (DOING, "Theo dõi, hỗ trợ 05 HTX được chọn xây dựng mô hình HTX kiểu mới theo Quyết định 167/QĐ-TTg.",
              "05 HTX", "", ""),
    "nv3.5": (DOING, "Phối hợp Liên minh HTX Việt Nam hỗ trợ HTX cà phê, hồ tiêu xây dựng chuỗi giá trị.", "02 HTX", "", ""),
    "nv3.6": (TODO, "Đã trình UBND tỉnh xin chủ trương xây dựng Cửa hàng giới thiệu sản phẩm; chưa được bố trí kinh phí.",
              "", "Chưa có nguồn kinh phí đầu tư.",
              "Đề nghị UBND tỉnh bố trí kinh phí từ Chương trình hỗ trợ phát triển kinh tế tập thể."),
    "nv2.4": (DOING, "Cho vay 09 dự án của HTX; tham mưu UBND tỉnh bổ sung vốn điều lệ cho Quỹ.",
              "+12,3% dư nợ so với cùng kỳ; dư nợ 14,6 tỷ đồng", "Quỹ vẫn ủy thác qua đơn vị tài chính của địa phương.",
              "Đề nghị UBND tỉnh bổ sung vốn điều lệ cho Quỹ."),
}

YEAR_2023: dict[str, Entry] = {
    **H1_2023,
    "cong_doan": (DOING, "Phối hợp Liên đoàn Lao động tỉnh vận động thành lập công đoàn cơ sở trong HTX.",
                  "Lũy kế 12 HTX có tổ chức công đoàn", "", ""),
    "bhxh": (DOING, "Phối hợp Bảo hiểm xã hội tỉnh tuyên truyền tại 06 hội nghị với HTX.",
             "Lũy kế 47 HTX đóng BHXH cho người lao động", "", ""),
    "nv1.1": (DOING, "Quán triệt Nghị quyết 134/NQ-CP, Luật Hợp tác xã năm 2023 tại hội nghị tập huấn ở 08 huyện, thành phố.",
              "08 hội nghị, 612 lượt người", "", ""),
    "nv1.2@cstt": (DOING, "Phối hợp cơ quan báo chí thực hiện 07 chuyên mục; tổ chức 02 tọa đàm về HTX kiểu mới.",
                   "07 chuyên mục, 02 tọa đàm", "Kinh phí tuyên truyền còn hạn chế.", ""),
    "nv1.2@ttdt": (DOING, "Đăng tải tin, bài về kinh tế tập thể; mở chuyên mục giới thiệu sản phẩm OCOP của HTX.",
                   "103 tin, bài; 27.900 lượt truy cập", "", ""),
    "nv1.2@bbt": (DOING, "Phát hành bản tin Kinh tế hợp tác hằng quý, gửi HTX, UBND cấp xã.",
                  "04 số, 1.200 bản", "", "Đề nghị bổ sung kinh phí in ấn bản tin."),
    "nv1.3@cstt": (DONE, "Tổ chức tôn vinh HTX tiêu biểu năm 2023; 02 HTX đạt giải thưởng “Ngôi sao HTX Việt Nam”.",
                   "12 HTX được khen thưởng; 02 giải Ngôi sao HTX", "", ""),
    "nv3.3@cstt": (DOING, "Tư vấn thành lập công đoàn cơ sở trong HTX; mở lớp bồi dưỡng quản trị HTX.",
                   "03 công đoàn; 05 lớp, 318 học viên", "", ""),
    "nv2.5": (DOING, "Tư vấn thành lập mới HTX; hỗ trợ HTX tham gia hội chợ, xúc tiến thương mại trong và ngoài tỉnh.",
              "27 HTX thành lập mới; 01 LHHTX; 11 HTX dự hội chợ", "", ""),
    "nv3.1": (DOING, "Hướng dẫn HTX tổ chức lại hoạt động; vận động kết nạp thành viên mới.",
              "214 thành viên mới; vốn góp tăng 5,1 tỷ đồng", "", ""),
    "nv3.2": (DOING, "Phối hợp UBND các huyện hướng dẫn HTX ngừng hoạt động làm thủ tục giải thể, xóa tên.",
              "15 HTX giải thể, xóa tên", "", ""),
    "nv3.4": (DOING, "Sơ kết mô hình HTX kiểu mới tại 05 HTX; nhân rộng thêm 02 mô hình.", "07 HTX", "", ""),
    "nv2.4": (DOING, "Cho vay 17 dự án của HTX; tham mưu UBND tỉnh bổ sung vốn điều lệ cho Quỹ.",
              "Dư nợ 15,8 tỷ đồng", "Quỹ vẫn ủy thác qua đơn vị tài chính của địa phương.",
              "Đề nghị UBND tỉnh bổ sung vốn điều lệ cho Quỹ."),
}

SUMMARY_2021_2025: dict[str, Entry] = {
    **YEAR_2023,
    "cong_doan": (DOING, "Phối hợp Liên đoàn Lao động tỉnh vận động thành lập công đoàn cơ sở trong HTX cả giai đoạn.",
                  "Lũy kế 18 HTX có tổ chức công đoàn", "", ""),
    "bhxh": (DOING, "Phối hợp Bảo hiểm xã hội tỉnh tuyên truyền hằng năm.", "Lũy kế 58 HTX đóng BHXH", "", ""),
    "nv2.2": (DONE, "Tham mưu tổng kết 20 năm thực hiện Nghị quyết 13-NQ/TW và 10 năm thi hành Luật HTX năm 2012.",
              "02 báo cáo tổng kết gửi UBND tỉnh", "", ""),
    "nv2.3": (DONE, "Xây dựng 02 đề án theo Kế hoạch 485/KH-UBND, Công văn 5768/UBND-KTN và Kế hoạch lựa chọn 05 HTX "
                    "nhân rộng mô hình HTX kiểu mới.", "02 đề án, 01 kế hoạch", "", ""),
    "nv1.1": (DONE, "Quán triệt Nghị quyết 134/NQ-CP và các văn bản của tỉnh đến cán bộ, thành viên HTX cả giai đoạn.",
              "35 hội nghị, 2.640 lượt người", "", ""),
    "nv1.2@cstt": (DONE, "Phối hợp cơ quan báo chí thực hiện chuyên mục, phóng sự về kinh tế tập thể.",
                   "31 chuyên mục, 08 tọa đàm", "", ""),
    "nv1.2@ttdt": (DONE, "Duy trì Trang thông tin điện tử, đăng tải tin, bài về kinh tế tập thể.", "487 tin, bài", "", ""),
    "nv1.2@bbt": (DONE, "Phát hành bản tin Kinh tế hợp tác hằng quý.", "20 số, 6.000 bản", "", ""),
    "nv1.3@cstt": (DONE, "Tổ chức tôn vinh HTX tiêu biểu 2 năm 1 lần (2021, 2023, 2025).", "03 đợt; 06 giải Ngôi sao HTX",
                   "", ""),
    "nv1.3@khht": (DONE, "Hỗ trợ phong trào khởi nghiệp HTX của thanh niên, phụ nữ.", "09 mô hình khởi nghiệp", "", ""),
    "nv1.4": (DONE, "Thực hiện chương trình phối hợp với Liên minh HTX tỉnh Lâm Đồng và Thành phố Hồ Chí Minh.",
              "05 đoàn, 64 HTX", "", ""),
    "nv2.1": (DONE, "Tham gia rà soát, góp ý văn bản của tỉnh về phát triển kinh tế tập thể.", "14 văn bản góp ý", "", ""),
    "nv3.3@cstt": (DONE, "Bồi dưỡng quản trị HTX; tư vấn thành lập chi bộ, công đoàn.", "21 lớp, 1.380 học viên", "", ""),
    "nv3.3@khht": (DONE, "Hỗ trợ HTX thu hút lao động trẻ có trình độ.", "14 HTX, 16 lao động", "", ""),
    "nv2.5": (DONE, "Tư vấn thành lập mới HTX; xúc tiến thương mại cho HTX.", "131 HTX thành lập mới; 04 LHHTX", "",
              "Đề nghị tiếp tục hỗ trợ HTX tham gia dự án đầu tư công giai đoạn 2026-2030."),
    "nv3.1": (DONE, "Hướng dẫn HTX tổ chức lại hoạt động theo Luật HTX; chuyển đổi theo Luật HTX năm 2023.",
              "1.020 thành viên mới", "", ""),
    "nv3.2": (DONE, "Giải thể, xóa tên HTX ngừng hoạt động.", "61 HTX", "", ""),
    "nv3.4": (DONE, "Tổng kết, nhân rộng mô hình HTX kiểu mới gắn với chuỗi giá trị.", "12 HTX", "", ""),
    "nv3.5": (DONE, "Phối hợp Liên minh HTX Việt Nam hỗ trợ HTX xây dựng chuỗi giá trị sản phẩm chủ lực.", "08 HTX", "", ""),
    "nv3.6": (TODO, "Chưa xây dựng được Cửa hàng giới thiệu sản phẩm tại trụ sở.", "", "Chưa có kinh phí đầu tư.",
              "Chuyển sang giai đoạn 2026-2030."),
    "nv2.4": (DOING, "Tham mưu cho vay, mở rộng đối tượng vay; vốn Quỹ chưa đạt mục tiêu 20 tỷ đồng.",
              "Dư nợ 18,2 tỷ đồng", "", "Đề nghị UBND tỉnh bổ sung vốn điều lệ cho Quỹ."),
}

SAMPLES: dict[str, dict[str, Entry]] = {"2023-H1": H1_2023, "2023": YEAR_2023, "2021-2025": SUMMARY_2021_2025}
NO_RETURN: dict[str, set[str]] = {"2023-H1": {"bbt"}}
CREATED = {"2023-H1": datetime(2023, 6, 15), "2023": datetime(2023, 12, 15), "2021-2025": datetime(2025, 12, 15)}


def fill_form(path: Path, unit_id: str, entries: dict[str, Entry], out: Path, created: datetime) -> None:
    """Fill every task row of an exported form as the unit would, and save it to ``out``."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    col = {c.key: i for i, c in enumerate(COLUMNS, start=1)}
    for r in range(FIRST_ROW, ws.max_row + 1):
        row_id = ws.cell(r, col["id"]).value
        if not row_id:
            continue
        entry = entries.get(f"{row_id}@{unit_id}") or entries[row_id]
        for key, value in zip(FILL_KEYS, entry):
            write_text_cell(ws.cell(r, col[key]), value or None)
    fit_row_heights(ws)
    wb.properties.description = NOTE
    wb.properties.created = created
    save_workbook_atomic(wb, out, overwrite=True)


def make(code: str, root: Path = OUT) -> Path:
    """Export and fill the sample returns of one period under ``root``; return its folder."""
    plan = load_plan(PLAN)
    period = parse_period(code)
    folder = root / period.code
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{period.code}_*.xlsx"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        paths = export_forms(plan, period, tmp)
        for unit_id, path in zip(form_rows(plan, period), paths):
            if unit_id not in NO_RETURN.get(code, set()):
                fill_form(path, unit_id, SAMPLES[code], folder / path.name, CREATED[code])
    return folder


def main() -> int:
    plan = load_plan(PLAN)
    for code in SAMPLES:
        folder = make(code)
        collected = collect_forms(plan, code, folder)
        counts = collected.merged_count()
        print(f"{folder.relative_to(ROOT)}: {sum(counts.values())} dòng đã tổng hợp, "
              f"chưa gửi: {collected.missing_units or 'không'}, lỗi: {len(collected.problems)}")
        if collected.problems:
            for p in collected.problems:
                print(f"  {p}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
