"""Loading and validating the cycle's data workbook (baocao.data).

Fixture workbooks are built here by hand with openpyxl, one small clean workbook that each test
breaks in one precise way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from baocao.data import TABLES, CycleData, load_data, write_workbook
from baocao.errors import InputError, OutputExistsError, Problem
from baocao.resources import sample_path
from conftest import load_tool

ROOT = Path(__file__).resolve().parents[1]
D = dt.date


def clean_sheets() -> dict[str, list[list[object]]]:
    """Sheet name -> rows (header first) of a small, valid workbook."""
    return {
        "Giới thiệu": [["Tệp thử nghiệm"]],
        "Đơn vị hành chính": [
            ["Mã tỉnh", "Tên tỉnh", "Mã huyện", "Tên huyện", "Mã xã", "Tên xã", "Loại đơn vị"],
            ["67", "Tỉnh Đắk Nông", "663", "Huyện Đắk Mil", "24664", "Thị trấn Đắk Mil", "Thị trấn"],
            ["67", "Tỉnh Đắk Nông", "663", "Huyện Đắk Mil", "24667", "Xã Đắk Lao", "Xã"],
            ["67", "Tỉnh Đắk Nông", "666", "Huyện Đắk R'Lấp", "24745", "Xã Quảng Tín", "Xã"],
        ],
        "Chuyển đổi xã 2025": [
            ["Mã xã cũ", "Tên xã cũ", "Mã xã mới", "Tên xã mới", "Loại đơn vị mới", "Mã tỉnh mới", "Tên tỉnh mới",
             "Xã mới mặc định"],
            ["24667", "Xã Đắk Lao", "24670", "Xã Đắk Mil", "Xã", "68", "Tỉnh Lâm Đồng", "Có"],
        ],
        "HTX": [
            ["Mã HTX", "Tên HTX", "Mã xã", "Lĩnh vực", "Ngày thành lập", "Ngày giải thể/ngừng hoạt động",
             "Tình trạng", "Thành viên Liên minh HTX tỉnh từ ngày", "Số sản phẩm OCOP", "Số sao OCOP cao nhất",
             "Năm có sản phẩm OCOP đầu tiên", "Liên kết chuỗi giá trị sản phẩm chủ lực",
             "Được chọn mô hình HTX mạnh toàn diện", "Năm được chọn mô hình", "Có tổ chức công đoàn",
             "Có đóng BHXH cho người lao động"],
            ["HTX001", "HTX Cà phê Đắk Lao", "24667", "Nông nghiệp", D(2015, 3, 2), None, "Đang hoạt động",
             D(2016, 1, 5), 2, 4, 2021, "Có", "Có", 2022, "Không", "Có"],
            ["HTX002", "HTX Vận tải Đắk Mil", "24664", "Giao thông vận tải", D(2018, 7, 9), D(2022, 4, 1),
             "Đã giải thể", None, None, None, None, "Không", "Không", None, None, None],
            ["HTX003", "HTX Hồ tiêu Quảng Tín", "24745", "Nông nghiệp", D(2021, 5, 11), None, "Đang hoạt động",
             None, 0, None, None, "Không", "Không", None, "Không", "Không"],
        ],
        "Xếp loại HTX": [
            ["Mã HTX/LHHTX", "Năm", "Xếp loại", "Điểm"],
            ["HTX001", 2021, "Khá", 70],
            ["HTX001", 2022, "Tốt", 82.5],
            ["HTX002", 2021, "Yếu", 40],
            ["LH01", 2022, "Trung bình", 55],
        ],
        "LHHTX": [
            ["Mã LHHTX", "Tên LHHTX", "Mã xã", "Lĩnh vực", "Ngày thành lập", "Ngày giải thể/ngừng hoạt động",
             "Tình trạng", "Số HTX thành viên", "Liên kết chuỗi giá trị sản phẩm chủ lực"],
            ["LH01", "Liên hiệp HTX Nông nghiệp Đắk Nông", "24664", "Nông nghiệp", D(2019, 9, 1), None,
             "Đang hoạt động", 4, "Có"],
        ],
        "THT": [
            ["Mã THT", "Tên THT", "Mã xã", "Ngày thành lập", "Ngày chứng thực hợp đồng"],
            ["THT0001", "THT cà phê thôn 3", "24667", D(2019, 2, 1), D(2020, 6, 1)],
            ["THT0002", "THT rau an toàn thôn 5", "24745", D(2022, 8, 15), None],
        ],
        "Hộ nông dân": [
            ["Mã xã", "Năm", "Số hộ nông dân", "Số hộ tham gia kinh tế tập thể"],
            ["24664", 2025, 800, 250],
            ["24667", 2025, 2100, 900],
            ["24745", 2025, 1500, 620],
        ],
        "Mô hình liên kết": [
            ["Mã mô hình", "Tên mô hình", "Mã xã", "Sản phẩm", "Mã HTX chủ trì", "Ngày bắt đầu", "Ngày kết thúc"],
            ["LK01", "Liên kết cà phê Đắk Lao", "24667", "Cà phê", "HTX001", D(2021, 3, 1), None],
        ],
        "Quỹ hỗ trợ HTX": [
            ["Năm", "Vốn điều lệ (triệu đồng)", "Nguồn vốn cho vay ưu đãi (triệu đồng)", "Dư nợ cho vay (triệu đồng)",
             "Số món vay", "Số cán bộ chuyên trách"],
            [2024, 20000, 18400, 15900.5, 70, 2],
            [2025, 23000, 21300, 18100, 82, 3],
        ],
        "Tuyên truyền, bồi dưỡng": [
            ["Năm", "Tổng số cán bộ, thành viên, người lao động HTX", "Số được tuyên truyền", "Số được bồi dưỡng"],
            [2024, 9000, 8700, 7200],
            [2025, 9300, 9300, 8000],
        ],
        "Hỗ trợ HTX": [
            ["Mã HTX", "Năm", "Loại hỗ trợ", "Kinh phí (triệu đồng)"],
            ["HTX001", 2019, "Bồi dưỡng nguồn nhân lực", 35],
            ["HTX003", 2023, "Xúc tiến thương mại", None],
        ],
    }


def write_fixture(path: Path, sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None) -> Path:
    """Write *sheets* with openpyxl (dates as real date cells), optionally merging ranges."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for i, row in enumerate(rows, start=1):
            for j, value in enumerate(row, start=1):
                if isinstance(value, dt.date):
                    ws.cell(i, j).number_format = "DD/MM/YYYY"
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    wb.save(path)
    return path


@pytest.fixture
def sheets() -> dict[str, list[list[object]]]:
    return clean_sheets()


def load_error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_data(path)
    return info.value


def find(err: InputError, **fields: object) -> Problem:
    """The one problem whose fields equal *fields*; fails with the full list otherwise."""
    hits = [p for p in err.problems if all(getattr(p, k) == v for k, v in fields.items())]
    assert len(hits) == 1, f"{fields} not found once in:\n{err}"
    return hits[0]


def assert_reported(err: InputError, path: Path, sheet: str, row: int | None, column: str | None) -> Problem:
    """A problem names file, sheet, row and column, and the Vietnamese message says so too."""
    p = find(err, file=path.name, sheet=sheet, row=row, column=column)
    text = str(err)
    assert "Tệp dữ liệu" in text and "có lỗi" in text
    line = next(ln for ln in text.splitlines() if str(p) in ln)
    assert f"tệp {path.name}" in line and f"trang tính '{sheet}'" in line
    if row is not None:
        assert f"hàng {row}" in line
    if column is not None:
        assert f"cột '{column}'" in line
    return p


# ---------------------------------------------------------------------------------------------
# Clean load
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_clean_load_gives_exact_tables(tmp_path, sheets, engine):
    path = write_fixture(tmp_path / "data_clean.xlsx", sheets)
    data = load_data(path, engine=engine)

    assert isinstance(data, CycleData)
    assert data.source_path == path.resolve()
    assert data.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert data.warnings == ()
    counts = {name: len(frame) for name, frame in data.tables.items()}
    assert counts == {"units": 3, "commune_map_2025": 1, "cooperatives": 3, "ratings": 4, "unions": 1,
                      "groups": 2, "households": 3, "linkage_models": 1, "fund": 2, "training": 2, "support": 2}

    c = data.cooperatives
    assert list(c.columns) == [col.name for col in TABLES[2].columns] + ["_sheet", "_row"]
    assert c["coop_id"].tolist() == ["HTX001", "HTX002", "HTX003"]
    assert c["_row"].tolist() == [2, 3, 4] and set(c["_sheet"]) == {"HTX"}
    assert c.loc[0, "founded_on"] == pd.Timestamp(2015, 3, 2)
    assert pd.isna(c.loc[0, "closed_on"]) and c.loc[1, "closed_on"] == pd.Timestamp(2022, 4, 1)
    assert c["value_chain"].tolist() == [True, False, False]
    assert c.loc[0, "ocop_products"] == 2 and pd.isna(c.loc[1, "ocop_products"]) and c.loc[2, "ocop_products"] == 0
    assert pd.isna(c.loc[1, "trade_union"])  # blank yes/no stays unknown, never False
    assert data.units["commune_type"].tolist() == ["Thị trấn", "Xã", "Xã"]
    assert data.ratings["points"].tolist() == [70.0, 82.5, 40.0, 55.0]
    assert data.fund.loc[0, "outstanding_loans"] == 15900.5
    assert pd.isna(data.support.loc[1, "amount"])
    assert data.cite("cooperatives", [2, 4]) == f"tệp {path.name}, trang tính 'HTX', hàng 2, 4"


def test_cycledata_fields_follow_schema():
    fields = [f for f in CycleData.__dataclass_fields__ if f not in ("source_path", "sha256", "warnings")]
    assert fields == [t.name for t in TABLES]


def test_optional_mapping_sheet_may_be_absent(tmp_path, sheets):
    del sheets["Chuyển đổi xã 2025"]
    data = load_data(write_fixture(tmp_path / "data_nomap.xlsx", sheets))
    assert data.commune_map_2025.empty
    assert "old_commune_code" in data.commune_map_2025.columns


def test_text_dates_vietnamese_numbers_and_numeric_codes_are_converted(tmp_path, sheets):
    sheets["HTX"][1][4] = "11/5/2021"  # date typed as text, day first
    sheets["HTX"][1][7] = "2021-06-15"
    sheets["HTX"][2][5] = " 1/4/2022 "
    sheets["Quỹ hỗ trợ HTX"][1][3] = "2.650,5"  # Vietnamese number typed as text
    sheets["Quỹ hỗ trợ HTX"][1][1] = "20.000"
    sheets["Đơn vị hành chính"][2][4] = 24667  # code typed as a number
    sheets["HTX"][1][11] = "có"
    sheets["Xếp loại HTX"][1][2] = "khá"
    data = load_data(write_fixture(tmp_path / "data_text.xlsx", sheets))
    assert data.cooperatives.loc[0, "founded_on"] == pd.Timestamp(2021, 5, 11)
    assert data.cooperatives.loc[0, "alliance_member_since"] == pd.Timestamp(2021, 6, 15)
    assert data.cooperatives.loc[1, "closed_on"] == pd.Timestamp(2022, 4, 1)
    assert data.fund.loc[0, "outstanding_loans"] == 2650.5
    assert data.fund.loc[0, "charter_capital"] == 20000.0
    assert data.units.loc[1, "commune_code"] == "24667"
    assert bool(data.cooperatives.loc[0, "value_chain"]) is True
    assert data.ratings.loc[0, "rating"] == "Khá"


def test_headers_sheet_names_and_text_are_nfc_normalised(tmp_path, sheets):
    def nfd(s: str) -> str:
        return unicodedata.normalize("NFD", s)

    renamed = {(nfd(name) + " " if name in ("Đơn vị hành chính", "HTX") else name): rows
               for name, rows in sheets.items()}
    units = renamed[nfd("Đơn vị hành chính") + " "]
    units[0] = [nfd(h) + "  " for h in units[0]]  # NFD headers with trailing spaces
    units[2][5] = nfd("Xã  Đắk Lao ")
    data = load_data(write_fixture(tmp_path / "data_nfd.xlsx", renamed))
    name = data.units.loc[1, "commune_name"]
    assert name == "Xã Đắk Lao" and unicodedata.is_normalized("NFC", name)
    assert data.units["_sheet"].iloc[0] == nfd("Đơn vị hành chính") + " "  # as written in the file


def test_units_match_on_codes_not_spelling(tmp_path, sheets):
    units = sheets["Đơn vị hành chính"]
    units.append(["67", "Tỉnh Đắk Nông", "666", "Huyện Đăk R’lấp", "24733", "Thị trấn Kiến Đức", "Thị trấn"])
    sheets["HTX"].append(["HTX004", "HTX Kiến Đức", "24733", "Xây dựng", D(2020, 1, 1), None, "Đang hoạt động",
                          None, None, None, None, "Không", "Không", None, "Không", "Không"])
    data = load_data(write_fixture(tmp_path / "data_spelling.xlsx", sheets))
    assert data.units.groupby("district_code").ngroups == 2  # 663 and 666: not split by spelling
    merged = data.cooperatives.merge(data.units, on="commune_code", validate="many_to_one")
    assert merged.loc[merged["coop_id"] == "HTX004", "district_code"].item() == "666"
    (w,) = data.warnings
    assert (w.sheet, w.row, w.column) == ("Đơn vị hành chính", 5, "Tên huyện") and "666" in w.message


# ---------------------------------------------------------------------------------------------
# One problem each
# ---------------------------------------------------------------------------------------------


def test_missing_sheet(tmp_path, sheets):
    del sheets["THT"]
    path = write_fixture(tmp_path / "data_nosheet.xlsx", sheets)
    err = load_error(path)
    p = assert_reported(err, path, "THT", None, None)
    assert "thiếu trang tính" in p.message
    assert len(err.problems) == 1


def test_missing_column(tmp_path, sheets):
    for row in sheets["HTX"]:
        del row[4]
    path = write_fixture(tmp_path / "data_nocol.xlsx", sheets)
    err = load_error(path)
    p = assert_reported(err, path, "HTX", 1, "Ngày thành lập")
    assert "thiếu cột" in p.message
    assert len(err.problems) == 1  # dependent date checks are skipped, not piled on


def test_text_in_number_column(tmp_path, sheets):
    sheets["HTX"][1][8] = "hai"
    path = write_fixture(tmp_path / "data_type.xlsx", sheets)
    p = assert_reported(load_error(path), path, "HTX", 2, "Số sản phẩm OCOP")
    assert p.value == "hai" and "cần số" in p.message


def test_unparseable_text_date(tmp_path, sheets):
    sheets["THT"][2][3] = "32/13/2022"
    path = write_fixture(tmp_path / "data_baddate.xlsx", sheets)
    p = assert_reported(load_error(path), path, "THT", 3, "Ngày thành lập")
    assert p.value == "32/13/2022" and "ngày/tháng/năm" in p.message


def test_number_in_date_column(tmp_path, sheets):
    sheets["LHHTX"][1][4] = 43709
    path = write_fixture(tmp_path / "data_numdate.xlsx", sheets)
    p = assert_reported(load_error(path), path, "LHHTX", 2, "Ngày thành lập")
    assert "cần ngày tháng" in p.message


def test_duplicate_id(tmp_path, sheets):
    sheets["HTX"][3][0] = "HTX001"
    path = write_fixture(tmp_path / "data_dup.xlsx", sheets)
    p = assert_reported(load_error(path), path, "HTX", 4, "Mã HTX")
    assert p.value == "HTX001" and "hàng 2" in p.message


def test_duplicate_compound_key(tmp_path, sheets):
    sheets["Hộ nông dân"].append(["24667", 2025, 2000, 800])
    path = write_fixture(tmp_path / "data_dupkey.xlsx", sheets)
    p = assert_reported(load_error(path), path, "Hộ nông dân", 5, "Mã xã")
    assert "hàng 3" in p.message


def test_unknown_commune_code(tmp_path, sheets):
    sheets["THT"][1][2] = "99999"
    path = write_fixture(tmp_path / "data_fk.xlsx", sheets)
    p = assert_reported(load_error(path), path, "THT", 2, "Mã xã")
    assert p.value == "99999" and "Đơn vị hành chính" in p.message


def test_unknown_coop_in_ratings(tmp_path, sheets):
    sheets["Xếp loại HTX"][2][0] = "HTX999"
    path = write_fixture(tmp_path / "data_fk2.xlsx", sheets)
    p = assert_reported(load_error(path), path, "Xếp loại HTX", 3, "Mã HTX/LHHTX")
    assert "'HTX' hoặc 'LHHTX'" in p.message


def test_dissolved_before_founded(tmp_path, sheets):
    sheets["HTX"][2][5] = D(2017, 1, 1)
    path = write_fixture(tmp_path / "data_order.xlsx", sheets)
    p = assert_reported(load_error(path), path, "HTX", 3, "Ngày giải thể/ngừng hoạt động")
    assert "trước ngày thành lập" in p.message and "9/7/2018" in p.message


def test_part_larger_than_whole(tmp_path, sheets):
    sheets["Hộ nông dân"][1][3] = 900
    path = write_fixture(tmp_path / "data_part.xlsx", sheets)
    p = assert_reported(load_error(path), path, "Hộ nông dân", 2, "Số hộ tham gia kinh tế tập thể")
    assert "Số hộ nông dân" in p.message


def test_value_outside_choices(tmp_path, sheets):
    sheets["Xếp loại HTX"][1][2] = "Xuất sắc"
    path = write_fixture(tmp_path / "data_enum.xlsx", sheets)
    p = assert_reported(load_error(path), path, "Xếp loại HTX", 2, "Xếp loại")
    assert "'Tốt'" in p.message


def test_required_value_blank(tmp_path, sheets):
    sheets["HTX"][3][1] = "   "
    path = write_fixture(tmp_path / "data_blankcell.xlsx", sheets)
    p = assert_reported(load_error(path), path, "HTX", 4, "Tên HTX")
    assert p.message == "thiếu giá trị"


def test_merged_header_cells(tmp_path, sheets):
    sheets["THT"][0][4] = None
    path = write_fixture(tmp_path / "data_merged.xlsx", sheets, merges={"THT": ["D1:E1"]})
    err = load_error(path)
    p = assert_reported(err, path, "THT", 1, "Ngày thành lập")
    assert "D1:E1" in p.message and "gộp" in p.message
    assert_reported(err, path, "THT", 1, "Ngày chứng thực hợp đồng")  # the column lost under the merge


def test_empty_sheet_is_one_problem(tmp_path, sheets):
    sheets["THT"] = []
    path = write_fixture(tmp_path / "data_emptysheet.xlsx", sheets)
    err = load_error(path)
    p = assert_reported(err, path, "THT", 1, None)
    assert "dòng 1 phải là dòng tiêu đề" in p.message and len(err.problems) == 1


def test_title_row_above_header_is_one_problem(tmp_path, sheets):
    sheets["THT"].insert(0, ["DANH SÁCH TỔ HỢP TÁC"])
    path = write_fixture(tmp_path / "data_title.xlsx", sheets)
    err = load_error(path)
    p = assert_reported(err, path, "THT", 2, None)
    assert "đang ở dòng 2" in p.message and len(err.problems) == 1


def test_header_only_sheet_is_an_empty_table(tmp_path, sheets):
    sheets["Hỗ trợ HTX"] = sheets["Hỗ trợ HTX"][:1]
    data = load_data(write_fixture(tmp_path / "data_headeronly.xlsx", sheets))
    assert data.support.empty and str(data.support["year"].dtype) == "Int64"


def test_interior_blank_rows_are_warnings_trailing_ones_ignored(tmp_path, sheets):
    rows = sheets["THT"]
    sheets["THT"] = [rows[0], rows[1], [None] * 5, ["", " ", None, None, None], rows[2], [" "] * 5, [""] * 5]
    path = write_fixture(tmp_path / "data_blankrows.xlsx", sheets)
    data = load_data(path)
    pd.testing.assert_frame_equal(load_data(path, engine="openpyxl").groups, data.groups)
    assert data.groups["group_id"].tolist() == ["THT0001", "THT0002"]
    assert data.groups["_row"].tolist() == [2, 5]
    (w,) = data.warnings
    assert (w.file, w.sheet, w.row, w.column) == (path.name, "THT", 3, None)
    assert "2 dòng trống" in w.message
    with pytest.raises(InputError) as info:
        load_data(path, strict=True)
    assert "hàng 3" in str(info.value)


# ---------------------------------------------------------------------------------------------
# All at once, file level
# ---------------------------------------------------------------------------------------------


def test_five_errors_reported_at_once(tmp_path, sheets):
    del sheets["Tuyên truyền, bồi dưỡng"]  # 1 missing sheet
    for row in sheets["LHHTX"]:
        del row[7]  # 2 missing column "Số HTX thành viên"
    sheets["Quỹ hỗ trợ HTX"][2][4] = "nhiều"  # 3 wrong type
    sheets["THT"][2][0] = "THT0001"  # 4 duplicate id
    sheets["Hộ nông dân"][3][0] = "12345"  # 5 unknown commune
    path = write_fixture(tmp_path / "data_five.xlsx", sheets)
    err = load_error(path)
    assert len(err.problems) == 5, str(err)
    assert str(err).startswith(f"Tệp dữ liệu {path.name} có lỗi (5 lỗi):")
    assert_reported(err, path, "Tuyên truyền, bồi dưỡng", None, None)
    assert_reported(err, path, "LHHTX", 1, "Số HTX thành viên")
    assert_reported(err, path, "Quỹ hỗ trợ HTX", 3, "Số món vay")
    assert_reported(err, path, "THT", 3, "Mã THT")
    assert_reported(err, path, "Hộ nông dân", 4, "Mã xã")
    assert err.table().shape == (5, 7)


def test_not_a_workbook(tmp_path):
    path = tmp_path / "data_fake.xlsx"
    path.write_text("không phải Excel", encoding="utf-8")
    err = load_error(path)
    assert err.problems[0].file == path.name and "không mở được" in str(err)


def test_missing_file_or_folder(tmp_path):
    err = load_error(tmp_path / "data_none.xlsx")
    assert str(err) == f"Không đọc được sổ dữ liệu:\n  - tệp {tmp_path / 'data_none.xlsx'}: không tìm thấy tệp"
    err = load_error(tmp_path)
    assert "đây là thư mục, không phải tệp .xlsx" in str(err)


# ---------------------------------------------------------------------------------------------
# Writer, sample workbook, generator
# ---------------------------------------------------------------------------------------------


def test_write_roundtrip_and_no_silent_overwrite(tmp_path, sheets):
    data = load_data(write_fixture(tmp_path / "data_src.xlsx", sheets))
    out = write_workbook(data.tables, tmp_path / "data_out.xlsx")
    again = load_data(out)
    for name, frame in data.tables.items():
        pd.testing.assert_frame_equal(again.table(name).drop(columns="_sheet"), frame.drop(columns="_sheet"))
    with pytest.raises(OutputExistsError):
        write_workbook(data.tables, out)


def test_write_keeps_a_file_that_appears_while_the_workbook_is_built(tmp_path):
    """The no-overwrite commit: a file taken by someone else during the write is not replaced."""

    class Frames(dict):
        def get(self, key, default=None):
            if not target.exists():
                target.write_bytes(b"someone else's file")
            return super().get(key, default)

    target = tmp_path / "du-lieu.xlsx"
    with pytest.raises(OutputExistsError) as exc:
        write_workbook(Frames(), target)
    assert target.read_bytes() == b"someone else's file" and exc.value.paths == (target,)
    assert [p.name for p in tmp_path.iterdir()] == ["du-lieu.xlsx"]


def test_committed_sample_loads_without_problems():
    data = load_data(sample_path("du-lieu-mau.xlsx"))
    assert data.warnings == ()
    assert len(data.units) == 71 and data.units["district_code"].nunique() == 8
    assert set(data.commune_map_2025["old_commune_code"]) == set(data.units["commune_code"])
    assert data.cooperatives["founded_on"].dt.year.between(2021, 2025).sum() >= 125
    assert data.support["year"].min() == 2012 and data.support["year"].max() == 2025


def _generator():
    return load_tool("generate_sample_data")


def test_generator_is_deterministic(tmp_path):
    pytest.importorskip("vietnam_provinces")
    pytest.importorskip("vietnamadminunits")
    gen = _generator()
    a, b = tmp_path / "data_gen_a.xlsx", tmp_path / "data_gen_b.xlsx"
    assert gen.main(["--seed", "7", "--out", str(a)]) == 0
    assert gen.main(["--seed", "7", "--out", str(b)]) == 0
    first, second = load_data(a), load_data(b)
    assert first.warnings == () and second.warnings == ()
    for name, frame in first.tables.items():
        pd.testing.assert_frame_equal(frame, second.table(name))
    frames, _ = gen.generate(gen.SAMPLE, 8)
    assert frames["cooperatives"]["name"].tolist() != first.cooperatives["name"].tolist()


def test_import_is_light():
    code = "import sys, baocao.data; print('pandas' in sys.modules, 'openpyxl' in sys.modules)"
    base = subprocess.run([sys.executable, "-c", "import sys, baocao; print('pandas' in sys.modules)"],
                          capture_output=True, text=True, check=True)
    if base.stdout.strip() == "True":
        pytest.skip("the baocao package itself imports pandas")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# ---------------------------------------------------------------------------------------------
# Fast reader: python-calamine directly, sheets read in parallel (docs/data-workbook.md, section 5)
# ---------------------------------------------------------------------------------------------


def tricky_sheets() -> dict[str, list[list[object]]]:
    """The clean workbook with cells each reader could turn into something else."""
    sheets = clean_sheets()
    htx = sheets["HTX"]
    htx[0].append("Ghi chú")  # an extra column: ignored, but a row holding only a note is kept
    htx[1][8] = 2.0  # whole float
    htx[2][8] = True  # a bool next to numbers: a wrong type, not 1
    htx[3][8] = 1
    htx[1][11], htx[2][11], htx[3][11] = True, 1, 0  # yes/no as TRUE, 1 and 0
    htx[1][0] = " HTX001 "
    htx[1][1] = unicodedata.normalize("NFD", "  HTX\u00a0Cà phê\tĐắk  Lao ")
    htx[2][4] = dt.datetime(2018, 7, 9, 15, 30)  # a time of day is dropped
    htx[3][4] = " 11/5/2021 "
    htx.append([None] * 16 + ["chỉ có ghi chú"])
    sheets["Xếp loại HTX"].append(["HTX003", "2022", "tb", "87,5"])
    sheets["THT"][1].append("ô thừa ngoài bảng")  # a ragged row
    sheets["THT"].insert(2, [None, " ", "", None, None])  # an interior blank row
    sheets["Hộ nông dân"][2][0] = 24667  # a code typed as a number
    return sheets


@pytest.fixture
def tricky(tmp_path) -> Path:
    return write_fixture(tmp_path / "data_tricky.xlsx", tricky_sheets(), merges={"HTX": ["Q6:Q7"]})


def test_calamine_reader_reads_the_cells_pandas_read_excel_reads(tricky):
    from baocao.data.cells import excel_value
    from baocao.data.load import read_raw_sheets

    for path in (tricky, sample_path("du-lieu-mau.xlsx")):
        data = path.read_bytes()
        fast = read_raw_sheets(data)
        for engine in ("calamine", "openpyxl"):
            slow = read_raw_sheets(data, engine=engine, via_pandas=True)
            assert list(fast) == list(slow)
            for name, (raw, merged) in fast.items():
                other, other_merged = slow[name]
                assert raw.height == other.height and len(raw.columns) == len(other.columns), name
                for a, b in zip(raw.columns, other.columns, strict=True):
                    a = [(type(v), v) for v in map(excel_value, a)]
                    b = [(type(v), v) for v in map(excel_value, b)]
                    assert a == b, (path.name, name)
                assert sorted(merged) == sorted(other_merged), name
    assert read_raw_sheets(tricky.read_bytes())["HTX"][1] == [((5, 16), (6, 16))]


def _same_result(a, b) -> None:
    frames_a, errors_a, warnings_a, complete_a = a
    frames_b, errors_b, warnings_b, complete_b = b
    assert complete_a == complete_b
    for name, frame in frames_a.items():
        pd.testing.assert_frame_equal(frame, frames_b[name], check_exact=True)

    def key(problems):
        return [(p.file, p.sheet, p.row, p.column, type(p.value), p.value, p.message) for p in problems]

    assert key(errors_a) == key(errors_b)
    assert key(warnings_a) == key(warnings_b)


@pytest.mark.parametrize("workbook", ["tricky", "sample"])
def test_fast_path_gives_the_tables_and_problems_of_pandas_read_excel(workbook, tricky, monkeypatch):
    from baocao.data import load

    path = tricky if workbook == "tricky" else sample_path("du-lieu-mau.xlsx")
    data = path.read_bytes()
    fast = load.read_tables(data, file=path.name)
    _same_result(fast, load.read_tables(data, file=path.name, engine="calamine", via_pandas=True))
    _same_result(fast, load.read_tables(data, file=path.name, engine="openpyxl"))
    monkeypatch.setattr(load, "_cpus", lambda: 3)  # three reader threads, whatever the machine
    _same_result(fast, load.read_tables(data, file=path.name))
    monkeypatch.setattr(load, "MAX_READERS", 1)  # one sheet after another, no thread
    _same_result(fast, load.read_tables(data, file=path.name))
    if workbook == "tricky":
        assert fast[1], "the tricky workbook has errors"


def test_tricky_workbook_problems(tricky):
    err = load_error(tricky)
    p = assert_reported(err, tricky, "HTX", 3, "Số sản phẩm OCOP")
    assert p.value is True and "đúng/sai" in p.message
    p = assert_reported(err, tricky, "HTX", 6, "Q")  # a merge below the header names the column letter
    assert "Q6:Q7" in p.message
    for column in ("Mã HTX", "Tên HTX", "Mã xã", "Lĩnh vực", "Ngày thành lập", "Tình trạng"):
        assert assert_reported(err, tricky, "HTX", 5, column).message == "thiếu giá trị"  # the note-only row
    assert len(err.problems) == 8, str(err)


def test_tricky_cells_are_typed(tmp_path):
    sheets = tricky_sheets()
    sheets["HTX"][2][8] = None
    del sheets["HTX"][4]
    data = load_data(write_fixture(tmp_path / "data_tricky_ok.xlsx", sheets))
    c = data.cooperatives
    assert c["coop_id"].tolist() == ["HTX001", "HTX002", "HTX003"]
    assert c.loc[0, "name"] == "HTX Cà phê Đắk Lao" and unicodedata.is_normalized("NFC", c.loc[0, "name"])
    assert c.loc[0, "ocop_products"] == 2 and pd.isna(c.loc[1, "ocop_products"]) and c.loc[2, "ocop_products"] == 1
    assert c["value_chain"].tolist() == [True, True, False]
    assert c.loc[1, "founded_on"] == pd.Timestamp(2018, 7, 9) and c.loc[2, "founded_on"] == pd.Timestamp(2021, 5, 11)
    assert data.groups["group_id"].tolist() == ["THT0001", "THT0002"] and data.groups["_row"].tolist() == [2, 4]
    assert data.households.loc[1, "commune_code"] == "24667"
    assert data.ratings.iloc[-1][["year", "rating", "points"]].tolist() == [2022, "Trung bình", 87.5]
    assert [(w.sheet, w.row) for w in data.warnings] == [("THT", 3)]


def test_clean_text_test_agrees_with_norm_space():
    from baocao.data.cells import is_clean_text
    from baocao.vnformat import norm_space

    texts = ["HTX001", "Xã Đắk Lao", unicodedata.normalize("NFD", "Xã Đắk Lao"), " a", "a ", "a  b", "a\tb",
             "a\u00a0b", "a\nb", "", " ", "\u3000x", "x\u200by", "R’lấp", "24667"]
    for text in texts:  # a clean text is left as it is; the test may send a clean text the slow way
        assert not is_clean_text(text) or (text.strip() and norm_space(text) == text), repr(text)
    assert [t for t in texts if is_clean_text(t)] == ["HTX001", "Xã Đắk Lao", "R’lấp", "24667"]


def test_block_test_of_clean_texts():
    import numpy as np

    from baocao.data.cells import is_clean_text
    from baocao.data.parse import _all_clean_text, _parse_column
    from baocao.data.schema import TABLE_BY_NAME

    texts = ["HTX001", "Xã Đắk Lao", unicodedata.normalize("NFD", "Xã Đắk Lao"), " a", "a ", "a  b", "a\tb",
             "a\u00a0b", "", " ", "x\u200by", "a|b", "a |b", "|", "R’lấp", "\u0301a", "e\u0301", 24667, None]
    for a in texts:
        for b in texts:
            for block in ([a], [a, b], [a, "HTX002", b]):
                if _all_clean_text(block):
                    assert all(is_clean_text(t) for t in block), block
    assert _all_clean_text(["HTX001", "Xã Đắk Lao", "a|b", "a |b", "R’lấp"])
    assert not _all_clean_text([]) and not _all_clean_text(["HTX001", 1])
    name = TABLE_BY_NAME["cooperatives"].column_by_name["name"]
    clean = [f"HTX số {i}" for i in range(10_000)]
    parsed = _parse_column(np.array(clean + [" HTX  số 5 "], dtype=object), name)
    assert parsed.values == clean + ["HTX số 5"] and not parsed.blank[:-1].any() and not parsed.bad.any()


@pytest.mark.parametrize("with_bool", [True, False])  # a bool among numbers: converted cell by cell
@pytest.mark.parametrize(("table", "column"), [("cooperatives", "coop_id"), ("units", "commune_code"),
                                               ("cooperatives", "name")])
def test_column_fast_path_agrees_with_the_cell_converters(with_bool, table, column):
    import numpy as np

    from baocao.data.cells import CellError, converter, excel_value
    from baocao.data.parse import _parse_column
    from baocao.data.schema import TABLE_BY_NAME

    values = ["HTX001", " HTX001", "Xã Đắk Lao", unicodedata.normalize("NFD", "Xã Đắk Lao"), "a  b", "a\tb",
              "a\u00a0b ", "x\u200by", "R’lấp", 24667.0, 12, 1.5, dt.datetime(2020, 1, 2), "", "  ", "HTX001"]
    if with_bool:
        values.append(True)
    col = TABLE_BY_NAME[table].column_by_name[column]
    parsed = _parse_column(np.array(values, dtype=object), col)
    convert = converter(col)
    for i, value in enumerate(values):
        k = parsed.codes[i]
        if isinstance(value, str) and not value.strip():
            assert parsed.blank[k] and parsed.values[k] is None, value
            continue
        try:
            expected = convert(excel_value(value))
        except CellError as exc:
            assert parsed.bad[k] and parsed.messages[k] == str(exc) and parsed.values[k] is None, value
        else:
            assert not parsed.bad[k] and not parsed.blank[k], value
            assert parsed.values[k] == expected and type(parsed.values[k]) is str, value


def test_a_cell_that_does_not_fit_its_column_is_a_baocao_error():
    from baocao.data.cells import converter
    from baocao.data.schema import TABLE_BY_NAME
    from baocao.errors import BaocaoError

    to_year = converter(TABLE_BY_NAME["cooperatives"].column_by_name["ocop_first_year"])
    with pytest.raises(BaocaoError, match="cần năm"):
        to_year("năm ngoái")


def test_raw_sheet_from_ragged_rows():
    from baocao.data.parse import RawSheet

    raw = RawSheet.from_rows([["a", "b"], ["c"], [], ["d", "e", "f"]])
    assert raw.height == 4 and [c.tolist() for c in raw.columns] == [["a", "c", "", "d"], ["b", "", "", "e"],
                                                                      ["", "", "", "f"]]
    assert RawSheet.from_rows([]) == RawSheet((), 0) and RawSheet.from_rows([[], []]).columns == ()
    assert raw.row(3) == ["d", "e", "f"]


def test_garbage_collector_is_paused_only_while_loading(tmp_path, sheets):
    import gc

    assert gc.isenabled()
    load_data(write_fixture(tmp_path / "data_gc.xlsx", sheets))
    assert gc.isenabled()
    sheets["THT"][1][0] = None
    with pytest.raises(InputError):
        load_data(write_fixture(tmp_path / "data_gc_bad.xlsx", sheets))
    assert gc.isenabled()


def test_unreadable_sheet_is_one_problem(tmp_path, sheets):
    import zipfile

    good = write_fixture(tmp_path / "data_good.xlsx", sheets)
    path = tmp_path / "data_broken_xml.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet7.xml":  # THT
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    err = load_error(path)
    p = assert_reported(err, path, "THT", None, None)
    assert "không đọc được trang tính" in p.message and len(err.problems) == 1


def test_read_order_and_sheet_sizes():
    from baocao.data.load import read_order
    from baocao.data.xlsx import part_sizes

    sizes = part_sizes(sample_path("du-lieu-mau.xlsx").read_bytes())
    assert set(sizes) == {"Giới thiệu", *(t.sheet for t in TABLES)} and all(v > 0 for v in sizes.values())
    assert part_sizes(b"not a zip") == {}
    order = read_order(["a", "b", "c", "d", "e"], {"a": 5, "b": 1, "c": 9, "d": 3, "e": 2}, {"d", "a"})
    assert order == ["c", "d", "a", "b", "e"]  # largest, then the referenced ones, then the rest, small first


def test_a_failure_while_validating_stops_the_reader_threads(monkeypatch, tmp_path, sheets):
    import gc
    import threading

    from baocao.data import load

    calls = []

    def fail(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("hỏng")

    monkeypatch.setattr(load, "parse_sheet", fail)
    monkeypatch.setattr(load, "_cpus", lambda: 2)
    with pytest.raises(RuntimeError):
        load_data(write_fixture(tmp_path / "data_fail.xlsx", sheets))
    assert calls == [1] and gc.isenabled()
    assert not [t for t in threading.enumerate() if t.name.startswith("baocao-xlsx")]
