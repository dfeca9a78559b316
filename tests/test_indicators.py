"""The indicator engine on a tiny hand-made workbook: every value below is computed by hand.

The workbook is written here with openpyxl in the layout of :mod:`baocao.data.schema` (sheet names
and headers from the schema, values typed by hand) and read back with ``load_data``.

The province of the fixture: 4 xã (00001-00004), 1 thị trấn (00005), 1 phường (00006). After the
2025 merger: xã 10001 (= 00001 + 00002), xã 10002 (= 00003 + 00004), phường 10003 (the rest).
Main cut-off C = 30/6/2023 (rating year in force: 2022; yearly figures in force: 2022).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from baocao.data import load_data
from baocao.data.schema import TABLES
from baocao.errors import InputError
from baocao.indicators import (
    CHAM_TIEN_DO,
    CHUA_CO_SO_LIEU,
    CHUA_DAT,
    DAT,
    DUNG_TIEN_DO,
    KHONG_DINH_LUONG,
    VUOT,
    MetricResult,
    NoData,
    assess,
    assess_one,
    register_metric,
    series,
)
from baocao.indicators.filters import ComputeError
from baocao.indicators.metrics import METRICS, years_elapsed

from conftest import SAMPLE_PLAN

D = dt.date
C = D(2023, 6, 30)
END = D(2025, 12, 31)
T0 = D(2020, 12, 31)  # start of the straight-line path (day before the plan's window)


def frac(at: dt.date) -> float:
    """Share of the path from 31/12/2020 to 31/12/2025 gone at *at* (days)."""
    return (at - T0).days / (END - T0).days


# --- the workbook ------------------------------------------------------------------------------

UNITS = [
    dict(province_code="67", province_name="Tỉnh Thử", district_code="001", district_name="Huyện A",
         commune_code=c, commune_name=n, commune_type=t)
    for c, n, t in [("00001", "Xã A1", "Xã"), ("00002", "Xã A2", "Xã"), ("00003", "Xã A3", "Xã"),
                    ("00004", "Xã A4", "Xã"), ("00005", "Thị trấn A", "Thị trấn"), ("00006", "Phường B", "Phường")]
]
MAP = [
    dict(old_commune_code=o, old_commune_name=on, new_commune_code=n, new_commune_name=nn, new_commune_type=nt,
         new_province_code="68", new_province_name="Tỉnh Mới", is_default=d)
    for o, on, n, nn, nt, d in [
        ("00001", "Xã A1", "10001", "Xã Mới 1", "Xã", "Có"),
        ("00002", "Xã A2", "10001", "Xã Mới 1", "Xã", "Có"),
        ("00003", "Xã A3", "10002", "Xã Mới 2", "Xã", "Có"),
        ("00004", "Xã A4", "10002", "Xã Mới 2", "Xã", "Có"),
        ("00004", "Xã A4", "10003", "Phường Mới 3", "Phường", "Không"),  # split: a part went elsewhere
        ("00005", "Thị trấn A", "10003", "Phường Mới 3", "Phường", "Có"),
        ("00006", "Phường B", "10003", "Phường Mới 3", "Phường", "Có"),
    ]
]
ACTIVE, STOPPED, DISSOLVED = "Đang hoạt động", "Ngừng hoạt động", "Đã giải thể"


def coop(coop_id: str, commune: str, sector: str, founded: dt.date, **kw: object) -> dict[str, object]:
    row: dict[str, object] = dict(coop_id=coop_id, name=f"HTX {coop_id}", commune_code=commune, sector=sector,
                                  founded_on=founded, status=ACTIVE)
    row.update(kw)
    return row


COOPS = [
    coop("H01", "00001", "Nông nghiệp", D(2015, 3, 1), alliance_member_since=D(2019, 5, 1), ocop_products=2,
         ocop_best_stars=3, ocop_first_year=2022, value_chain="Có", model_selected="Có", model_year=2022,
         trade_union="Có", social_insurance="Không"),
    coop("H02", "00001", "Thương mại - dịch vụ", D(2021, 2, 10), alliance_member_since=D(2023, 1, 10),
         value_chain="Không", trade_union="Không", social_insurance="Không"),
    # closes ON the cut-off day: not active on 30/6/2023, active on 29/6/2023
    coop("H03", "00002", "Nông nghiệp", D(2018, 1, 1), closed_on=C, status=STOPPED,
         alliance_member_since=D(2020, 1, 1), model_selected="Có", model_year=2021),
    coop("H04", "00003", "Nông nghiệp", D(2022, 5, 5), alliance_member_since=D(2022, 6, 1), ocop_products=1,
         ocop_best_stars=3, ocop_first_year=2024, value_chain="Có", trade_union="Không", social_insurance="Không"),
    coop("H05", "00005", "Xây dựng", D(2016, 6, 1), alliance_member_since=D(2020, 6, 1), trade_union="Không",
         social_insurance="Không"),
    coop("H06", "00004", "Nông nghiệp", D(2010, 1, 1), closed_on=D(2020, 5, 1), status=DISSOLVED),
    coop("H07", "00004", "Khác", D(2012, 1, 1), closed_on=D(2021, 8, 1), status=DISSOLVED),
    coop("H08", "00002", "Nông nghiệp", D(2023, 7, 15)),
]
UNIONS = [dict(union_id="U01", name="LHHTX Một", commune_code="00003", sector="Nông nghiệp",
               founded_on=D(2022, 3, 1), status=ACTIVE, member_coops=3, value_chain="Có")]
RATINGS = [dict(entity_id=e, year=y, rating=r) for e, y, r in [
    ("H01", 2020, "Khá"), ("H03", 2020, "Tốt"), ("H05", 2020, "Yếu"), ("H07", 2020, "Trung bình"),
    ("H01", 2021, "Tốt"), ("H03", 2021, "Khá"), ("H05", 2021, "Trung bình"),
    ("H01", 2022, "Tốt"), ("H02", 2022, "Trung bình"), ("H03", 2022, "Yếu"), ("H05", 2022, "Khá"),
    ("U01", 2022, "Khá"),
]]
GROUPS = [
    dict(group_id="G1", name="THT 1", commune_code="00001", founded_on=D(2019, 1, 1), certified_on=D(2020, 5, 1)),
    dict(group_id="G2", name="THT 2", commune_code="00002", founded_on=D(2021, 1, 1), certified_on=D(2023, 7, 1)),
    dict(group_id="G3", name="THT 3", commune_code="00003", founded_on=D(2022, 1, 1)),
    dict(group_id="G4", name="THT 4", commune_code="00004", founded_on=D(2024, 1, 1)),
]
# (commune, year, farm households, participating); no rows for 2021
HOUSEHOLDS = [dict(commune_code=c, year=y, farm_households=h, participating_households=p) for c, y, h, p in [
    ("00001", 2020, 100, 20), ("00002", 2020, 200, 50), ("00003", 2020, 100, 10), ("00004", 2020, 100, 20),
    ("00005", 2020, 50, 40),
    ("00001", 2022, 100, 40), ("00002", 2022, 200, 90), ("00003", 2022, 100, 30), ("00004", 2022, 100, 35),
    ("00005", 2022, 50, 50),
    ("00001", 2025, 100, 45), ("00002", 2025, 200, 90), ("00003", 2025, 100, 40), ("00004", 2025, 100, 45),
]]
LINKAGE = [
    dict(model_id="L1", name="Cà phê", commune_code="00002", product="Cà phê", lead_coop_id="H03",
         started_on=D(2021, 3, 1)),
    dict(model_id="L2", name="Hồ tiêu", commune_code="00003", product="Hồ tiêu", started_on=D(2022, 1, 1),
         ended_on=D(2022, 12, 31)),
    dict(model_id="L3", name="Sầu riêng", commune_code="00004", product="Sầu riêng", started_on=D(2024, 1, 1)),
]
FUND = [dict(year=y, charter_capital=10000, preferential_lending_capital=p, outstanding_loans=1000, loan_count=5,
             dedicated_staff=s) for y, p, s in [(2020, 5000, 0), (2022, 15000, 2), (2025, 25000, 3)]]
# only 2023 and 2025: nothing known on 30/6/2023; 2025 has a zero total (zero denominator)
TRAINING = [dict(year=2023, staff_total=100, staff_informed=80, staff_trained=50),
            dict(year=2025, staff_total=0, staff_informed=0, staff_trained=0)]
SUPPORT = [dict(coop_id=c, year=y, kind="Bồi dưỡng") for c, y in [
    ("H01", 2015), ("H01", 2018), ("H03", 2019), ("H05", 2020), ("H06", 2016),
    ("H01", 2021), ("H01", 2022), ("H02", 2022), ("H04", 2023), ("H05", 2024),
]]
ROWS = {"units": UNITS, "commune_map_2025": MAP, "cooperatives": COOPS, "ratings": RATINGS, "unions": UNIONS,
        "groups": GROUPS, "households": HOUSEHOLDS, "linkage_models": LINKAGE, "fund": FUND, "training": TRAINING,
        "support": SUPPORT}


def write_workbook(path: Path, rows: dict[str, list[dict[str, object]]]) -> Path:
    """Write *rows* (internal column names) with openpyxl, one sheet per table, headers in row 1."""
    wb = Workbook()
    wb.remove(wb.active)
    for table in TABLES:
        if table.name not in rows:
            continue
        ws = wb.create_sheet(table.sheet)
        ws.append([c.header for c in table.columns])
        for r in rows[table.name]:
            ws.append([r.get(c.name) for c in table.columns])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return write_workbook(tmp_path_factory.mktemp("ind") / "ind_tiny.xlsx", ROWS)


@pytest.fixture(scope="module")
def data(book):
    return load_data(book)


@pytest.fixture(scope="module")
def at_c(plan, data):
    return {a.target_id: a for a in assess(plan, data, C)}


def with_rows(data, table: str, rows: list[dict[str, object]], tmp_path: Path):
    """The fixture data with one table replaced (written and loaded again)."""
    return load_data(write_workbook(tmp_path / f"ind_{table}.xlsx", {**ROWS, table: rows}))


# --- loading -----------------------------------------------------------------------------------


def test_fixture_loads_clean(data):
    assert len(data.cooperatives) == len(COOPS)
    assert not data.warnings


def test_years_elapsed_pro_rata():
    assert years_elapsed(D(2021, 1, 1), D(2025, 12, 31)) == pytest.approx(5.0)
    assert years_elapsed(D(2021, 1, 1), C) == pytest.approx(2 + 181 / 365)
    assert years_elapsed(D(2024, 1, 1), D(2024, 12, 31)) == pytest.approx(1.0)  # leap year


# --- share of communes -------------------------------------------------------------------------


def test_communes_with_htx_and_closing_on_cutoff_day(plan, data, at_c):
    a = at_c["xa_co_htx"]
    # active on 30/6/2023: H01, H02 (00001), H04 (00003); H03 closes that day; H05 is in a thị trấn
    assert (a.numerator, a.denominator) == (2, 4)
    assert a.value == pytest.approx(50.0)
    assert a.percent_of_target == pytest.approx(50 / 90 * 100)
    assert a.communes.source == "plan" and a.communes.codes == ("00001", "00002", "00003", "00004")
    assert a.communes.as_of == D(2025, 6, 30)
    # baseline 31/12/2020: H01 (00001), H03 (00002), H07 (00004) -> 3/4 = 75%; path 75 -> 90
    assert a.baseline == pytest.approx(75.0)
    assert a.expected == pytest.approx(75 + 15 * frac(C))  # 82,48: printed and judged as 82,5%
    assert (a.path_date, a.measure, a.path) == (C, 50.0, 82.5)
    assert a.status == CHAM_TIEN_DO
    assert a.sentence == ("Tính đến ngày 30/6/2023, có 02/04 xã có HTX (50%), đạt 55,6% kế hoạch, chậm tiến độ "
                          "(lộ trình đến 30/6/2023: 82,5%; mục tiêu năm 2025: 90% trở lên).")
    day_before = assess_one(plan, data, "xa_co_htx", D(2023, 6, 29))
    assert (day_before.numerator, day_before.value) == (3, pytest.approx(75.0))


def test_commune_evidence_counts_the_numerator(at_c):
    ev = at_c["xa_co_htx"].evidence
    assert set(ev["coop_id"]) == {"H01", "H02", "H04"}
    assert ev["commune"].nunique() == at_c["xa_co_htx"].numerator
    assert set(ev["sheet"]) == {"HTX"}
    assert dict(zip(ev["coop_id"], ev["row"])) == {"H01": 2, "H02": 3, "H04": 5}  # Excel rows (header = 1)


def test_communes_with_effective_htx(at_c):
    a = at_c["xa_htx_hieu_qua"]
    # rating year 2022: H01 Tốt (00001) counts; H05 Khá is in a thị trấn; H02 Trung bình; H04 not rated
    assert (a.numerator, a.denominator, a.value) == (1, 4, pytest.approx(25.0))
    assert "xếp loại theo kết quả năm 2022" in a.notes


def test_communes_with_running_linkage_model(at_c):
    a = at_c["xa_lien_ket"]
    # L1 (00002) runs; L2 ended 31/12/2022; L3 starts in 2024
    assert (a.numerator, a.value) == (1, pytest.approx(25.0))
    assert list(a.evidence["model_id"]) == ["L1"]


def test_post_merger_list_is_separate_and_labelled(plan, data, at_c):
    post = assess_one(plan, data, "xa_co_htx", C, communes="post_merger")
    # H01, H02 -> 10001; H04 -> 10002: 2 of the 2 new xã (the new phường is not a xã)
    assert (post.numerator, post.denominator, post.value) == (2, 2, pytest.approx(100.0))
    assert post.communes.source == "post_merger" and post.communes.codes == ("10001", "10002")
    assert post.communes.as_of == D(2025, 7, 1)
    assert "sau sắp xếp" in post.communes.label and "sau sắp xếp" in post.sentence
    assert set(post.evidence["commune"]) == {"10001", "10002"}
    assert post.value != at_c["xa_co_htx"].value
    assert "sắp xếp" not in at_c["xa_co_htx"].sentence


def test_post_merger_households_use_new_communes(plan, data):
    a = assess_one(plan, data, "ho_tham_gia", C, communes="post_merger")
    # all four old xã go into the two new xã: same rows as the plan list, labelled differently
    assert (a.numerator, a.denominator) == (195, 500)
    assert a.communes.source == "post_merger"
    assert set(a.evidence["commune"]) == {"10001", "10002"}


def test_post_merger_without_mapping_sheet_is_no_data(plan, tmp_path):
    rows = {k: v for k, v in ROWS.items() if k != "commune_map_2025"}
    data = load_data(write_workbook(tmp_path / "ind_nomap.xlsx", rows))
    a = assess_one(plan, data, "xa_co_htx", C, communes="post_merger")
    assert a.status == CHUA_CO_SO_LIEU and a.value is None
    assert "Chuyển đổi xã 2025" in a.reason
    assert assess_one(plan, data, "xa_co_htx", C).status != CHUA_CO_SO_LIEU


# --- ratio of sums, range target -----------------------------------------------------------------


def test_households_range_below_on_track(at_c):
    a = at_c["ho_tham_gia"]
    # year 2022 (latest ended by 30/6/2023), xã only: (40+90+30+35) / (100+200+100+100)
    assert (a.numerator, a.denominator) == (195, 500)
    assert a.value == pytest.approx(39.0)
    assert a.target == (40, 45)
    assert a.percent_of_target == pytest.approx(39 / 40 * 100)
    assert a.data_date == D(2022, 12, 31) and not a.estimated
    assert a.baseline == pytest.approx(20.0)  # 2020: 100 / 500
    # a yearly figure is judged on the path at the date it describes: 31/12/2022, 20 + 20 * 730/1826 = 28
    assert a.path_date == D(2022, 12, 31) and a.expected == pytest.approx(20 + 20 * frac(D(2022, 12, 31)))
    assert a.path == 28.0 and a.status == DUNG_TIEN_DO
    assert a.evidence["participating_households"].sum() == a.numerator
    assert a.evidence["farm_households"].sum() == a.denominator
    assert a.sentence.startswith("Năm 2022, có 195/500 hộ nông dân tham gia kinh tế tập thể (39%)")
    assert "đúng tiến độ (lộ trình năm 2022: 28%; mục tiêu năm 2025: 40 - 45%)" in a.sentence


@pytest.mark.parametrize(("participating", "value", "status"), [
    ({"00001": 30, "00002": 75}, 38.0, CHUA_DAT),  # (30+75+40+45)/500: below the range
    ({"00001": 45}, 44.0, DAT),                    # (45+90+40+45)/500: inside
    ({"00001": 60}, 47.0, VUOT),                   # (60+90+40+45)/500: above
])
def test_households_range_at_deadline(plan, data, tmp_path, participating, value, status):
    rows = [dict(r) for r in HOUSEHOLDS]
    for r in rows:
        if r["year"] == 2025 and r["commune_code"] in participating:
            r["participating_households"] = participating[r["commune_code"]]
    a = assess_one(plan, with_rows(data, "households", rows, tmp_path), "ho_tham_gia", END)
    assert a.value == pytest.approx(value)
    assert a.status == status
    assert a.percent_of_target == pytest.approx(value / 40 * 100)


def test_no_data_for_the_year(at_c):
    a = at_c["tuyen_truyen"]  # training has 2023 and 2025 only: no year ended by 30/6/2023
    assert a.status == CHUA_CO_SO_LIEU and a.value is None and a.percent_of_target is None
    assert "Tuyên truyền, bồi dưỡng" in a.reason
    assert a.sentence.startswith("Tính đến ngày 30/6/2023, chưa có số liệu về")


def test_zero_denominator_is_no_data_with_reason(plan, data):
    a = assess_one(plan, data, "boi_duong", END)  # 2025: total 0
    assert a.status == CHUA_CO_SO_LIEU and a.value is None
    assert "mẫu số bằng 0" in a.reason


def test_current_year_option_reads_provisional_figures(plan, data):
    target = plan.target("boi_duong").model_copy(deep=True)
    target.compute = {**target.compute, "current_year": True}
    a = assess_one(plan, data, target, C)
    assert a.value == pytest.approx(50.0) and a.data_date == D(2023, 12, 31)


def test_estimate_mode_reads_the_year_under_way_and_says_so(plan, data):
    """An annual report's "ước thực hiện": the 2023 rows count on 30/6/2023, the sentence says "Ước thực hiện"."""
    a = assess_one(plan, data, "boi_duong", C)
    assert a.status == CHUA_CO_SO_LIEU  # no year ended by the cut-off
    (est,) = assess(plan, data, C, targets=["boi_duong"], estimate=True)
    assert est.value == pytest.approx(50.0) and est.estimated and est.data_date == D(2023, 12, 31)
    assert est.sentence.startswith("Ước thực hiện năm 2023, có 50/100 cán bộ")
    assert est.path_date == D(2023, 12, 31) and est.path == pytest.approx(round(100 * frac(D(2023, 12, 31)), 1))
    (rated,) = assess(plan, data, D(2022, 12, 14), targets=["phan_loai"], estimate=True)
    assert rated.data_date == D(2022, 12, 31) and rated.denominator == 4  # the 2022 round, not 2021's 3

# --- shares of rows ------------------------------------------------------------------------------


def test_certified_groups(at_c):
    a = at_c["tht_chung_thuc"]
    # founded by 30/6/2023: G1, G2, G3; certified by then: G1
    assert (a.numerator, a.denominator) == (1, 3)
    assert a.value == pytest.approx(100 / 3)
    ev = a.evidence
    assert len(ev) == a.denominator and ev["counted"].sum() == a.numerator
    assert a.status == CHAM_TIEN_DO


def test_value_chain_pools_htx_and_unions(at_c):
    a = at_c["htx_chuoi_gia_tri"]
    # agricultural, active: H01, H04, U01; effective (2022) and in a value chain: H01 (Tốt), U01 (Khá)
    assert (a.numerator, a.denominator) == (2, 3)
    assert set(a.evidence["table"]) == {"cooperatives", "unions"}
    assert set(a.evidence.loc[a.evidence["counted"], "sheet"]) == {"HTX", "LHHTX"}



def test_dated_flags_count_from_their_date(plan, tmp_path, at_c):
    """A "Có" with a later "… từ ngày" reads "Không" at the cut-off; undated "Có" counts, with a note."""
    coops = [dict(r) for r in COOPS]
    coops[0]["trade_union_since"] = D(2023, 7, 1)  # H01: trade union only after C
    unions = [dict(UNIONS[0], value_chain_since=D(2023, 7, 1))]  # U01: value chain only after C
    dated = load_data(write_workbook(tmp_path / "ind_dated.xlsx", {**ROWS, "cooperatives": coops, "unions": unions}))
    assert dated.warnings == ()
    at = {a.target_id: a for a in assess(plan, dated, C)}
    assert (at["cong_doan"].numerator, at["cong_doan"].denominator) == (0, 4)
    assert (at["htx_chuoi_gia_tri"].numerator, at["htx_chuoi_gia_tri"].denominator) == (1, 3)  # H01 only
    assert not [n for n in at["cong_doan"].notes if "ngày" in n]
    assert ("cột 'Liên kết chuỗi giá trị sản phẩm chủ lực' không ghi ngày ('Liên kết chuỗi giá trị từ ngày'): "
            "trạng thái trong sổ dữ liệu được dùng cho mọi ngày chốt") in at["htx_chuoi_gia_tri"].notes  # H01, H04
    on_the_day = {a.target_id: a for a in assess(plan, dated, D(2023, 7, 1))}
    assert on_the_day["cong_doan"].numerator == 1 and on_the_day["htx_chuoi_gia_tri"].numerator == 2
    # the undated fixture: every flag counts at C, and says so
    assert at_c["cong_doan"].numerator == 1
    assert any(n.startswith("cột 'Có tổ chức công đoàn' không ghi ngày") for n in at_c["cong_doan"].notes)
    coops[1].update(trade_union="Có")  # H02: dated H01 and undated H02 in one column
    mixed = load_data(write_workbook(tmp_path / "ind_mixed.xlsx", {**ROWS, "cooperatives": coops}))
    cd = next(a for a in assess(plan, mixed, C) if a.target_id == "cong_doan")
    assert cd.numerator == 1
    assert "1 dòng ghi 'Có tổ chức công đoàn' là Có nhưng không có ngày: tính là đã có ở mọi ngày chốt" in cd.notes


def test_dated_flag_columns_may_be_left_out_and_are_checked(book, tmp_path):
    from openpyxl import load_workbook

    wb = load_workbook(book)
    ws = wb["HTX"]
    headers = [c.value for c in ws[1]]
    for header in ("Đóng BHXH từ ngày", "Có tổ chức công đoàn từ ngày", "Liên kết chuỗi giá trị từ ngày"):
        ws.delete_cols(headers.index(header) + 1)
        headers = [c.value for c in ws[1]]
    ws.cell(2, headers.index("Có tổ chức công đoàn") + 1).value = "Có"
    wb.save(tmp_path / "ind_no_dates.xlsx")
    old = load_data(tmp_path / "ind_no_dates.xlsx")
    assert old.warnings == () and old.cooperatives["trade_union_since"].isna().all()

    coops = [dict(r) for r in COOPS]
    coops[0]["trade_union_since"] = D(2014, 1, 1)  # H01 founded 1/3/2015
    coops[1]["social_insurance_since"] = D(2022, 1, 1)  # H02 says "Không"
    with pytest.raises(InputError) as err:
        load_data(write_workbook(tmp_path / "ind_bad_dates.xlsx", {**ROWS, "cooperatives": coops}))
    (problem,) = err.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("HTX", 2, "Có tổ chức công đoàn từ ngày")
    assert "ngày có tổ chức công đoàn trước ngày thành lập" in problem.message
    coops[0]["trade_union_since"] = D(2016, 1, 1)
    warned = load_data(write_workbook(tmp_path / "ind_doubt.xlsx", {**ROWS, "cooperatives": coops}))
    (warning,) = warned.warnings
    assert (warning.sheet, warning.row, warning.column) == ("HTX", 3, "Đóng BHXH từ ngày")
    assert "không ghi 'Có'" in warning.message

# --- counts and rates ----------------------------------------------------------------------------


def test_ocop_count(at_c):
    a = at_c["htx_ocop"]
    assert a.value == 1 and a.numerator == 1  # H01; H04's first OCOP year is 2024
    assert len(a.evidence) == a.value
    assert a.percent_of_target == pytest.approx(100 / 30)
    assert a.sentence.startswith("Tính đến ngày 30/6/2023, có 01 HTX sở hữu sản phẩm OCOP, đạt 3,3% kế hoạch")


def test_model_count_keeps_closed_htx(at_c):
    assert at_c["htx_toan_dien"].value == 2  # H01 (2022) and H03 (2021), closed or not


def test_new_htx_per_year(at_c):
    a = at_c["htx_thanh_lap_moi"]
    years = 2 + 181 / 365
    assert a.numerator == 2  # H02 (2021), H04 (2022); H08 is founded after the cut-off
    assert a.denominator == pytest.approx(years)
    assert a.value == pytest.approx(2 / years)
    # judged on the number: 2 HTX against 25 a year for 2,4959 years = 62,4, i.e. 63 to reach
    assert (a.measure, a.path, a.expected, a.status) == (2, 63, 25, CHAM_TIEN_DO)
    assert a.sentence.startswith("Từ năm 2021 đến ngày 30/6/2023, thành lập mới 02 HTX, bình quân 0,8 HTX/năm")
    assert "chậm tiến độ (lộ trình đến 30/6/2023: 63 HTX; mục tiêu bình quân mỗi năm: từ 25 HTX trở lên)" in a.sentence
    u = at_c["lhhtx_thanh_lap_moi"]
    assert u.value == pytest.approx(1 / years)
    # a rate of a few units a year is written as the count, never "bình quân 0,4 LHHTX/năm"
    assert "bình quân" not in u.sentence.split("(")[0] and "thành lập mới 01 LHHTX" in u.sentence


def test_rate_is_judged_on_the_number_counted(plan, data):
    """On track when the count reaches the rate times the years gone; met once it reaches the whole term's
    number, which the average can no longer fall below."""
    half = plan.target("htx_thanh_lap_moi").model_copy(update={"value": 0.5})
    a = assess_one(plan, data, half, C)  # 2 HTX; path 0,5 * 2,4959 = 1,25 -> 02; the term's 2,5 not reached
    assert (a.measure, a.path, a.status) == (2, 2, DUNG_TIEN_DO)
    assert assess_one(plan, data, half, END).status == VUOT  # 3 HTX > 2,5
    early = plan.target("htx_thanh_lap_moi").model_copy(update={"value": 0.4})
    assert assess_one(plan, data, early, C).status == DAT  # 2 HTX = 0,4 * 5: met before the deadline


# --- growth ----------------------------------------------------------------------------------------


def test_alliance_members_growth(at_c):
    a = at_c["htx_thanh_vien"]
    # 31/12/2020: H01, H03, H05 = 3; 30/6/2023: H01, H02, H04, H05 = 4 (H03 closed that day)
    assert (a.numerator, a.denominator) == (4, 3)
    assert a.value == pytest.approx(4 / 3)
    assert a.percent_of_target == pytest.approx(4 / 3 / 1.5 * 100)
    assert a.baseline == pytest.approx(1.0)
    assert a.expected == pytest.approx(1 + 0.5 * frac(C))
    ev = a.evidence
    assert (ev["period"] == "current").sum() == 4 and (ev["period"] == "baseline").sum() == 3


def test_supported_htx_against_a_period(plan, data, at_c):
    a = at_c["htx_thu_huong"]
    # 2012-2020: H01, H03, H05, H06 = 4; 2021-2023: H01, H02, H04 = 3
    assert (a.numerator, a.denominator, a.value) == (3, 4, pytest.approx(0.75))
    assert a.baseline == pytest.approx(0.0)  # nothing in 2021..2020
    assert a.expected == pytest.approx(1.5 * frac(C))
    assert a.status == DUNG_TIEN_DO
    assert "giai đoạn 2012-2020" in a.sentence
    end = assess_one(plan, data, "htx_thu_huong", END)
    assert (end.numerator, end.value, end.status) == (4, pytest.approx(1.0), CHUA_DAT)


def test_growth_zero_base_is_no_data(plan, data, tmp_path):
    rows = [dict(r) for r in SUPPORT if r["year"] > 2020]
    a = assess_one(plan, with_rows(data, "support", rows, tmp_path), "htx_thu_huong", C)
    assert a.status == CHUA_CO_SO_LIEU and "mẫu số bằng 0" in a.reason


# --- distribution, amount, qualitative -------------------------------------------------------------


def test_classification_distribution(at_c):
    a = at_c["phan_loai"]
    # 2022, HTX only: H01 Tốt, H05 Khá | H02 Trung bình | H03 Yếu (U01 is a union)
    assert a.denominator == 4
    by = {c.key: c for c in a.classes}
    assert (by["kha_tot"].numerator, by["kha_tot"].value) == (2, pytest.approx(50.0))
    assert (by["trung_binh"].numerator, by["trung_binh"].value) == (1, pytest.approx(25.0))
    assert (by["yeu_kem"].numerator, by["yeu_kem"].value) == (1, pytest.approx(25.0))
    assert by["kha_tot"].status == VUOT
    assert by["yeu_kem"].percent_of_target == pytest.approx(15 / 25 * 100)  # lower is better
    # 2020 baseline: H01 Khá, H03 Tốt | H07 Trung bình | H05 Yếu -> 50 / 25 / 25: yếu path 25 -> 15
    assert by["yeu_kem"].baseline == pytest.approx(25.0)
    # the 2022 round describes 31/12/2022: the path there is 25 - 10 * 730/1826 = 21,0
    assert by["yeu_kem"].expected == pytest.approx(25 - 10 * frac(D(2022, 12, 31)))
    assert (by["yeu_kem"].path, by["yeu_kem"].status) == (21.0, CHAM_TIEN_DO)
    assert a.status == CHAM_TIEN_DO
    assert a.percent_of_target is None and a.percent_text == "—"  # no composite % of a distribution
    assert "25 HTX" not in a.sentence and "01 HTX yếu, kém (25%), chậm tiến độ (lộ trình năm 2022: 21%" in a.sentence
    ev = a.evidence
    assert len(ev) == a.denominator
    assert ev["class"].value_counts().to_dict() == {"kha_tot": 2, "trung_binh": 1, "yeu_kem": 1}


def test_fund_amount_converted_to_billion(plan, data, at_c):
    a = at_c["quy_von_vay"]
    assert a.value == pytest.approx(15.0) and a.unit == "tỷ đồng"  # 15.000 triệu đồng in 2022
    assert a.baseline == pytest.approx(5.0)
    assert a.expected == pytest.approx(5 + 15 * frac(D(2022, 12, 31)))  # the 2022 figure, on the 2022 path
    assert a.status == DUNG_TIEN_DO
    assert "15 tỷ đồng" in a.sentence and "trên 20 tỷ đồng" in a.sentence
    end = assess_one(plan, data, "quy_von_vay", END)
    assert (end.value, end.status) == (pytest.approx(25.0), VUOT)


def test_qualitative_targets_are_figures_not_targets(at_c):
    cd = at_c["cong_doan"]
    assert (cd.numerator, cd.denominator) == (1, 4) and cd.value == pytest.approx(25.0)
    # the plan sets no level ("tuyên truyền"): no verdict; the figure is compared with the start of the plan,
    # when H01 of the four active HTX (H01, H03, H05, H07) had a trade union, 25% as now
    assert cd.target is None and cd.percent_of_target is None and cd.status == KHONG_DINH_LUONG
    assert cd.sentence == ("Tính đến ngày 30/6/2023, có 01/04 HTX đang hoạt động có tổ chức công đoàn (25%), "
                           "không đổi so với đầu kỳ kế hoạch (25%), kế hoạch đề ra việc tuyên truyền thành lập "
                           "tổ chức Công đoàn, không đặt mức định lượng.")
    bh = at_c["bhxh"]
    assert bh.numerator == 0 and bh.status == KHONG_DINH_LUONG and "(0%), không đổi so với đầu kỳ kế hoạch (0%)" in bh.sentence


def test_fund_staff_is_a_count_of_at_least_three(plan, data, at_c, tmp_path):
    """"từ 3-5 thành viên quản lý": at least 3 people by 2025, on a path from 0 at the end of 2020."""
    staff = at_c["quy_chuyen_trach"]  # 2022: 2 people; path at 31/12/2022: 3 * 730/1826 = 1,2 -> 02 to reach
    assert (staff.value, staff.path, staff.status) == (2, 2, DUNG_TIEN_DO)
    assert staff.target_text == "từ 3-5 thành viên quản lý"
    assert "có 02 người làm việc chuyên trách" in staff.sentence and "(lộ trình năm 2022: 02 người;" in staff.sentence
    end = assess_one(plan, data, "quy_chuyen_trach", END)
    assert (end.value, end.status) == (3, DAT)
    one = [dict(r, dedicated_staff=1) if r["year"] == 2022 else r for r in FUND]
    assert assess_one(plan, with_rows(data, "fund", one, tmp_path), "quy_chuyen_trach",
                      C).status == CHAM_TIEN_DO  # 1 < 2: behind, never "đạt" for one person



def test_qualitative_rule_when_a_plan_sets_one(plan, tmp_path):
    from baocao.indicators.metrics import met_rule

    coops = [dict(r) for r in COOPS]
    coops[4]["trade_union"] = "Có"  # H05 sets up a union on 1/3/2022: 2/4 at C against 1/4 at the start
    coops[4]["trade_union_since"] = D(2022, 3, 1)
    grown = load_data(write_workbook(tmp_path / "ind_union.xlsx", {**ROWS, "cooperatives": coops}))
    ruled = plan.target("cong_doan").model_copy(deep=True)
    ruled.compute["met_if"] = "count >= 2"
    cd = assess_one(plan, grown, ruled, C)
    assert (cd.numerator, cd.status) == (2, DAT)
    assert "(50%), tăng so với đầu kỳ kế hoạch (25%)" in cd.sentence
    assert assess_one(plan, grown, ruled, D(2021, 12, 31)).status == CHUA_DAT

    figures = {"count": 3.0, "share": 20.0, "share_start": 12.5}
    assert met_rule("share > share_start", figures) and not met_rule("share < share_start", figures)
    assert met_rule("count >= 3", figures) and not met_rule("count > 3", figures)
    for bad, why in (("share >> 1", "không đúng dạng"), ("count_start > 1", "không có 'count_start'")):
        with pytest.raises(ComputeError) as err:
            met_rule(bad, figures)
        assert why in str(err.value)

def test_stopped_not_dissolved(plan, data, at_c):
    a = at_c["giai_the_htx_ngung"]
    # H03 stopped on 30/6/2023 and is not dissolved; H07 dissolved on 1/8/2021 (in the window). The backlog
    # was 0 at the end of 2020: the path stays at 0 and one stopped HTX is behind it.
    assert (a.value, a.baseline, a.path, a.status) == (1, 0, 0, CHAM_TIEN_DO)
    assert a.percent_of_target is None
    assert "còn 01 HTX đã ngừng hoạt động chưa giải thể, xóa tên" in a.sentence
    assert "đã giải thể, xóa tên 01 HTX" in a.sentence and "mục tiêu năm 2025: giải thể, xóa tên dứt điểm" in a.sentence
    assert set(a.evidence.loc[a.evidence["counted"], "coop_id"]) == {"H03"}
    before = assess_one(plan, data, "giai_the_htx_ngung", D(2023, 6, 29))
    assert before.value == 0 and before.status == DAT


# --- statuses over the plan, series ---------------------------------------------------------------


def test_every_target_is_assessed_in_plan_order(plan, at_c):
    assert list(at_c) == [t.id for t in plan.targets()]
    assert all(a.sentence.endswith(".") for a in at_c.values())


def test_assessment_equality_ignores_evidence(plan, data):
    a = assess_one(plan, data, "xa_co_htx", C)
    b = assess_one(plan, data, "xa_co_htx", C)
    assert a == b
    assert "evidence" not in repr(a) and "DataFrame" not in repr(a)
    json.dumps(a.to_dict())


def test_series_rows_per_target_and_cutoff(plan, data):
    df = series(plan, data, [C])
    main = df[df["class_key"] == ""]
    assert len(main) == len(plan.targets()) * 6  # 5 year ends + 30/6/2023
    assert main.groupby("target_id").size().eq(6).all()
    assert len(df[df["target_id"] == "phan_loai"]) == 6 * 4
    row = main[(main["target_id"] == "xa_co_htx") & (main["cutoff"] == C)].iloc[0]
    assert row["value"] == pytest.approx(50.0) and row["status"] == CHAM_TIEN_DO


# --- the plan's compute entries --------------------------------------------------------------------


def test_target_without_compute_is_no_data(plan, data):
    target = plan.target("xa_co_htx").model_copy(update={"compute": {}})
    a = assess_one(plan, data, target, C)
    assert a.status == CHUA_CO_SO_LIEU and "compute" in a.reason


def test_unknown_metric_and_column_are_plan_errors(plan, data):
    bad = plan.model_copy(deep=True)
    bad.target("xa_co_htx").compute = {"metric": "khong_co"}
    with pytest.raises(InputError, match="khong_co"):
        assess(bad, data, C)
    bad = plan.model_copy(deep=True)
    bad.target("xa_co_htx").compute["where"] = {"khong_co_cot": 1}
    with pytest.raises(InputError, match="khong_co_cot"):
        assess(bad, data, C)
    bad = plan.model_copy(deep=True)
    bad.target("xa_co_htx").compute["bang"] = "x"
    with pytest.raises(InputError, match="bang"):
        assess(bad, data, C)


def test_custom_metric_registered_by_a_plan(plan, data):
    @register_metric("ind_test_members_per_union")
    def members_per_union(ctx, *, table: str = "unions") -> MetricResult:
        df = ctx.table(table)
        if df.empty:
            raise NoData("không có LHHTX")
        return MetricResult(value=float(df["member_coops"].sum()) / len(df))

    try:
        target = plan.target("htx_ocop").model_copy(update={
            "kind": "custom", "unit": "HTX", "value": 5, "compute": {"metric": "ind_test_members_per_union"}})
        a = assess_one(plan, data, target, C)
        assert a.value == 3 and a.percent_of_target == pytest.approx(60.0) and a.metric == "ind_test_members_per_union"
    finally:
        METRICS.pop("ind_test_members_per_union")


# --- command line ---------------------------------------------------------------------------------


def test_cli_table_json_csv(book):
    from baocao.cli import main_group

    runner = CliRunner()
    args = ["indicators", str(SAMPLE_PLAN), str(book), "--cutoff", "2023-06-30"]
    out = runner.invoke(main_group, args)
    assert out.exit_code == 0, out.output
    for heading in ("Mã", "Chỉ tiêu", "Giá trị", "Lộ trình", "Mục tiêu", "% mục tiêu", "Tình trạng"):
        assert heading in out.output
    assert "55,6%" in out.output and "15 tỷ đồng" in out.output and "chưa có số liệu" in out.output
    js = runner.invoke(main_group, args + ["--json"])
    doc = json.loads(js.output)
    found = {a["target_id"]: a for a in doc["assessments"]}
    assert found["xa_co_htx"]["value"] == pytest.approx(50.0) and found["xa_co_htx"]["communes"]["size"] == 4
    csv = runner.invoke(main_group, args + ["--csv", "--communes", "post_merger"])
    df = pd.read_csv(io.StringIO(csv.output))
    assert df.loc[df["target_id"] == "xa_co_htx", "value"].iloc[0] == pytest.approx(100.0)
    bad = runner.invoke(main_group, ["indicators", str(SAMPLE_PLAN), str(book), "--cutoff", "30-30-2023"])
    assert bad.exit_code != 0 and "không đọc được ngày" in bad.output


def test_replace_keeps_assessment_frozen(at_c):
    with pytest.raises(dataclasses.FrozenInstanceError):
        at_c["xa_co_htx"].value = 1  # type: ignore[misc]


def test_condition_language_details(plan, data):
    base = plan.target("htx_ocop")

    def count(where, active=True, at=C):
        t = base.model_copy(update={"compute": {"metric": "count_rows", "table": "cooperatives",
                                                "active_at_cutoff": active, "where": where}})
        return assess_one(plan, data, t, at).value

    assert count({"value_chain": "Có"}) == count({"value_chain": True}) == 2  # H01, H04
    assert count({"value_chain": "không"}) == 1  # H02 (H05 left blank)
    assert count({"rating": "blank"}) == 1  # H04: not rated in 2022
    assert count({"rating": ["Tốt", "Khá"]}) == 2  # H01 Tốt, H05 Khá
    assert count({"rating": ">= Trung bình", "sector": ["Nông nghiệp", "Xây dựng"]}) == 2  # H01, H05
    assert count({"founded_on": {">=": "2016-01-01", "<": "cutoff"}}) == 3  # H02, H04, H05
    assert count({"closed_on": "not blank"}, active=False) == 3  # H03, H06, H07
    assert count({"status": "!= Đã giải thể"}, active=False) == 6
    assert count({"ocop_products": "blank"}) == 2  # H02, H05
    with pytest.raises(InputError, match="xếp loại 'Giỏi'"):
        count({"rating": "Giỏi"})
    with pytest.raises(InputError, match="không so sánh được"):
        count({"founded_on": ">= 5"})
