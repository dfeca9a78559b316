"""Unit return forms: export for the seed plan, fill as units would (good and bad), collect and check."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from baocao.errors import InputError, OutputExistsError
from baocao.periods import overdue_tasks, parse_period
from baocao.task_status import DONE, IN_PROGRESS
from baocao.returns import collect_forms, export_forms, form_rows, write_text_cell
from baocao.returns.form_layout import COLUMNS, FIRST_ROW, HEADER_ROW, HEADERS, SHEET

from conftest import ROOT, SAMPLE_PLAN

H1 = parse_period("2023-H1")
COL = {c.key: i for i, c in enumerate(COLUMNS, start=1)}
FILL = ("status", "result", "figures", "difficulties", "proposals")
FORMULA_LIKE = ["=SUM(A1)", "+84 912", "-5%", "@abc"]

FILES = {
    "vp": "2023-H1_vp_van-phong.xlsx",
    "cstt": "2023-H1_cstt_phong-cstt-pt-htx.xlsx",
    "khht": "2023-H1_khht_phong-ke-hoach-ho-tro.xlsx",
    "quy": "2023-H1_quy_quy-ho-tro-phat-trien-htx.xlsx",
    "ttdt": "2023-H1_ttdt_trang-thong-tin-dien-tu-lien-minh-htx-tinh.xlsx",
    "bbt": "2023-H1_bbt_ban-bien-tap-ban-tin-kinh-te-hop-tac.xlsx",
}


def entry(task_id: str, unit: str, status: str = IN_PROGRESS) -> dict[str, str]:
    """What a diligent unit writes on a row."""
    return {"status": status, "result": f"Kết quả {task_id} của {unit}", "figures": f"{len(task_id)} HTX",
            "difficulties": "", "proposals": f"Đề xuất của {unit}"}


def fill(path: Path, values: dict[str, dict[str, str]], dest: Path | None = None) -> dict[int, str]:
    """Fill the rows of a form by task id, as a unit would in a spreadsheet; return {row: id}."""
    wb = load_workbook(path)
    ws = wb[SHEET]
    rows = {}
    for r in range(FIRST_ROW, ws.max_row + 1):
        task_id = ws.cell(r, COL["id"]).value
        rows[r] = task_id
        for key, value in values.get(task_id, {}).items():
            write_text_cell(ws.cell(r, COL[key]), value or None)
    wb.save(dest or path)
    return rows


def row_of(path: Path, task_id: str) -> int:
    ws = load_workbook(path)[SHEET]
    return next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, COL["id"]).value == task_id)


# --- export -----------------------------------------------------------------------------------------------
def test_export_one_form_per_unit_with_its_due_tasks(plan, tmp_path):
    paths = export_forms(plan, "2023-H1", tmp_path)
    assert [p.name for p in paths] == list(FILES.values())
    expected = {"vp": ["cong_doan", "bhxh"],  # the narrative targets; the backlog and the fund staff are counted
                "cstt": ["nv1.1", "nv1.2", "nv1.3", "nv1.4", "nv2.1", "nv3.3"],
                "khht": ["nv1.3", "nv2.5", "nv3.1", "nv3.2", "nv3.3", "nv3.4", "nv3.5", "nv3.6"],
                "quy": ["nv2.4"], "ttdt": ["nv1.2"], "bbt": ["nv1.2"]}
    for unit, name in FILES.items():
        wb = load_workbook(tmp_path / name)
        ws = wb[SHEET]
        ids = [ws.cell(r, 1).value for r in range(FIRST_ROW, ws.max_row + 1)]
        assert ids == expected[unit], unit
        assert ws["F3"].value == unit and ws["F4"].value == "2023-H1" and ws["F5"].value == "188/KH-LMHTX"
        assert dict(wb.defined_names["BAOCAO_MA_DON_VI"].destinations) == {SHEET: "$F$3"}
        assert dict(wb.defined_names["BAOCAO_MA_KY"].destinations) == {SHEET: "$F$4"}


def test_export_prefills_plan_text_and_locks_it(plan, tmp_path):
    path = export_forms(plan, H1, tmp_path)[2]  # khht
    wb = load_workbook(path)
    ws = wb[SHEET]
    assert ws["B3"].value == "Phòng Kế hoạch Hỗ trợ"
    assert "6 tháng đầu năm 2023" in ws["B4"].value and "từ 15/12/2022 đến 14/6/2023" in ws["B4"].value
    assert ws["B5"].value.startswith("16/6/2023")
    assert [ws.cell(HEADER_ROW, i).value for i in range(1, len(COLUMNS) + 1)] == [
        "Mã", "Nhóm nhiệm vụ", "Nhiệm vụ", "Thời gian thực hiện", "Tình trạng", "Kết quả đạt được", "Số liệu",
        "Khó khăn, vướng mắc", "Đề xuất, kiến nghị"]
    task = plan.task("nv2.5")
    r = row_of(path, "nv2.5")
    assert ws.cell(r, COL["text"]).value == task.text
    assert ws.cell(r, COL["timeframe"]).value == "Giai đoạn 2021-2025"
    assert ws.cell(r, COL["group"]).value.startswith("II. Tham gia, phối hợp")
    assert ws.protection.sheet is True
    assert wb.security.lockStructure is True
    for key in ("id", "group", "text", "timeframe"):
        assert ws.cell(r, COL[key]).protection.locked is True
    for key in FILL:
        cell = ws.cell(r, COL[key])
        assert cell.protection.locked is False and cell.number_format == "@"
    assert ws.cell(r, COL["text"]).alignment.wrap_text
    assert ws.freeze_panes == f"A{FIRST_ROW}"
    assert ws.column_dimensions["C"].width == 60
    (dv,) = ws.data_validations.dataValidation
    assert str(dv.sqref) == f"E{FIRST_ROW}:E{FIRST_ROW + 7}"
    assert dv.formula1 == '"đã hoàn thành,đang thực hiện,chưa thực hiện,không phát sinh"'


def test_export_refuses_to_overwrite_then_overwrites_on_request(plan, tmp_path):
    paths = export_forms(plan, H1, tmp_path)
    before = {p: p.read_bytes() for p in paths}
    with pytest.raises(OutputExistsError):
        export_forms(plan, H1, tmp_path)
    assert {p: p.read_bytes() for p in paths} == before
    assert export_forms(plan, H1, tmp_path, overwrite=True) == paths
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_compiler_form_exists_even_without_own_tasks(plan):
    rows = form_rows(plan, H1)
    assert [r.kind for r in rows["vp"]] == ["target"] * 2
    assert [r.id for r in form_rows(plan, parse_period("2021"))["vp"]][0] == "nv2.2"


# --- collect: the full scenario ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def scenario(plan, tmp_path_factory):
    """A folder of 2023-H1 returns: good forms, one bad form of each kind, bbt missing (read-only)."""
    tmp_path = tmp_path_factory.mktemp("scenario")
    folder = tmp_path / "returns"
    paths = {u: p for u, p in zip(FILES, export_forms(plan, H1, folder))}
    expected = {u: [r.id for r in rows] for u, rows in form_rows(plan, H1).items()}
    filled: dict[tuple[str, str], dict[str, str]] = {}

    def values(unit: str) -> dict[str, dict[str, str]]:
        out = {i: entry(i, unit) for i in expected[unit]}
        filled.update({(i, unit): v for i, v in out.items()})
        return out

    # cstt: good, with formula-like text typed into text cells
    cstt = values("cstt")
    cstt["nv1.1"] = {"status": DONE, "result": "=SUM(A1)", "figures": "+84 912", "difficulties": "-5%",
                     "proposals": "@abc"}
    filled[("nv1.1", "cstt")] = cstt["nv1.1"]
    fill(paths["cstt"], cstt)
    # quy: good, but a real formula typed into a General cell
    fill(paths["quy"], values("quy"))
    wb = load_workbook(paths["quy"])
    wb[SHEET].cell(FIRST_ROW, COL["figures"]).value = "=1+2"
    wb.save(paths["quy"])
    filled[("nv2.4", "quy")] = {**filled[("nv2.4", "quy")], "figures": "=1+2"}
    # ttdt: good
    fill(paths["ttdt"], values("ttdt"))
    # khht: one row without status, one row whose locked task text was edited
    khht = values("khht")
    khht["nv3.1"]["status"] = ""
    khht["nv3.2"]["text"] = "Nhiệm vụ đã bị sửa"
    fill(paths["khht"], khht)
    del filled[("nv3.1", "khht")], filled[("nv3.2", "khht")]
    # vp: good rows plus an added row for a task that is khht's
    fill(paths["vp"], values("vp"))
    wb = load_workbook(paths["vp"])
    ws = wb[SHEET]
    extra = ws.max_row + 1
    write_text_cell(ws.cell(extra, COL["id"]), "nv2.5")
    write_text_cell(ws.cell(extra, COL["status"]), DONE)
    wb.save(paths["vp"])
    # bbt: no return at all
    paths["bbt"].unlink()
    # a form from an unknown unit (a copy of ttdt's with another unit id)
    wb = load_workbook(paths["ttdt"])
    write_text_cell(wb[SHEET]["F3"], "xyz")
    wb.save(folder / "2023-H1_xyz_don-vi-la.xlsx")
    # a form for another period (ttdt's 2023 form, filled)
    other = export_forms(plan, "2023", tmp_path / "other")
    ttdt_2023 = next(p for p in other if "_ttdt_" in p.name)
    fill(ttdt_2023, {"nv1.2": entry("nv1.2", "ttdt")}, folder / ttdt_2023.name)
    # the same unit sends a second form
    shutil.copy(paths["cstt"], folder / "2023-H1_cstt_zz-gui-lai.xlsx")
    # a workbook that is no form, and an old-format file
    stray = Workbook()
    stray.active["A1"] = "Ghi chú"
    stray.save(folder / "ghi-chu.xlsx")
    (folder / "cu.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    # lock files of an open spreadsheet are ignored
    (folder / "~$2023-H1_vp_van-phong.xlsx").write_bytes(b"lock")
    return folder, paths, filled, extra


def test_collect_merges_good_rows_exactly(plan, scenario):
    folder, _, filled, _ = scenario
    c = collect_forms(plan, H1, folder)
    got = {(r.id, r.unit): {"status": r.status, "result": r.result, "figures": r.figures,
                            "difficulties": r.difficulties, "proposals": r.proposals}
           for entries in c.results.values() for r in entries}
    assert got == filled
    assert c.merged_count() == {"vp": 2, "cstt": 6, "khht": 6, "quy": 1, "ttdt": 1, "bbt": 0}
    assert c.missing_units == ["bbt"]
    assert c.forms == {u: FILES[u] for u in ("vp", "cstt", "khht", "quy", "ttdt")}
    assert [r.unit for r in c.results["nv1.3"]] == ["cstt", "khht"]
    assert list(c.results)[:3] == ["nv1.1", "nv1.2", "nv1.3"]  # document order


def test_collect_reports_each_bad_form_with_its_place(plan, scenario):
    folder, paths, _, extra = scenario
    c = collect_forms(plan, H1, folder)
    found = {(p.file, p.sheet, p.row, p.column, p.value) for p in c.problems}
    assert found == {
        (FILES["khht"], SHEET, row_of(paths["khht"], "nv3.1"), "Tình trạng", None),
        (FILES["khht"], SHEET, row_of(paths["khht"], "nv3.2"), "Nhiệm vụ", "Nhiệm vụ đã bị sửa"),
        (FILES["vp"], SHEET, extra, "Mã", "nv2.5"),
        ("2023-H1_xyz_don-vi-la.xlsx", SHEET, 3, "Mã đơn vị", "xyz"),
        ("2023_ttdt_trang-thong-tin-dien-tu-lien-minh-htx-tinh.xlsx", SHEET, 4, "Mã kỳ", "2023"),
        ("2023-H1_cstt_zz-gui-lai.xlsx", SHEET, 3, "Mã đơn vị", "cstt"),
        ("ghi-chu.xlsx", "Sheet", None, None, None),
        ("cu.xls", None, None, None, None),
    }
    messages = {p.file + f":{p.row}": p.message for p in c.problems}
    assert "thiếu tình trạng" in messages[f"{FILES['khht']}:{row_of(paths['khht'], 'nv3.1')}"]
    assert "ô khóa đã bị sửa" in messages[f"{FILES['khht']}:{row_of(paths['khht'], 'nv3.2')}"]
    assert "không thuộc phần việc của đơn vị 'vp'" in messages[f"{FILES['vp']}:{extra}"]
    assert "không có trong kế hoạch" in messages["2023-H1_xyz_don-vi-la.xlsx:3"]
    assert "không phải kỳ đang tổng hợp 2023-H1" in messages["2023_ttdt_trang-thong-tin-dien-tu-lien-minh-htx-tinh.xlsx:4"]
    assert "đã có phiếu ở tệp " + FILES["cstt"] in messages["2023-H1_cstt_zz-gui-lai.xlsx:3"]
    assert all(str(p).startswith("tệp ") for p in c.problems)


def test_collect_keeps_formulas_and_formula_like_text_as_text(plan, scenario):
    folder, _, _, _ = scenario
    c = collect_forms(plan, H1, folder)
    (nv11,) = c.results["nv1.1"][:1]
    assert (nv11.result, nv11.figures, nv11.difficulties, nv11.proposals) == tuple(FORMULA_LIKE)
    (note,) = c.notes
    assert (note.file, note.row, note.column, note.value) == (FILES["quy"], FIRST_ROW, "Số liệu", "=1+2")
    assert c.results["nv2.4"][0].figures == "=1+2"


def test_collect_names_every_row_of_every_file(plan, scenario):
    """Nothing silently dropped: each non-blank row is merged or has a problem on its row or its form."""
    folder, _, _, _ = scenario
    c = collect_forms(plan, H1, folder)
    merged = {(r.file, r.row) for entries in c.results.values() for r in entries}
    row_level = {(p.file, p.row) for p in c.problems}
    form_level = {p.file for p in c.problems if p.row is None or p.row < HEADER_ROW}
    for path in sorted(folder.glob("[!~]*.xlsx")):
        ws = load_workbook(path).worksheets[0]
        for r in range(FIRST_ROW, ws.max_row + 1):
            if any(ws.cell(r, i).value for i in range(1, len(COLUMNS) + 1)):
                assert (path.name, r) in merged or (path.name, r) in row_level or path.name in form_level, (path, r)


def test_collected_table_and_statuses(plan, scenario):
    from pandas.api.types import is_string_dtype

    folder, _, _, _ = scenario
    c = collect_forms(plan, H1, folder)
    df = c.table()
    assert len(df) == 16
    assert list(df.columns[:5]) == ["Mã", "Loại", "Mã đơn vị", "Đơn vị", "Tình trạng"]
    assert is_string_dtype(df["Kết quả đạt được"])
    assert df.loc[df["Mã"] == "nv1.1", "Số liệu"].tolist() == ["+84 912"]
    assert len(c.problem_table()) == len(c.problems) + len(c.notes)
    statuses = c.statuses()
    assert statuses["nv1.1"] == DONE
    assert statuses["nv1.2"] == IN_PROGRESS  # cstt and ttdt report work under way; bbt sent nothing
    assert statuses["nv3.1"] is None  # khht's row was rejected
    assert [t.id for t in overdue_tasks(plan, H1, statuses)] == ["nv1.4", "nv2.2", "nv2.3", "nv2.4"]


# --- collect: single faults -------------------------------------------------------------------------------
@pytest.fixture
def khht_form(plan, tmp_path):
    folder = tmp_path / "one"
    path = next(p for p in export_forms(plan, H1, folder) if "_khht_" in p.name)
    for other in folder.iterdir():
        if other != path:
            other.unlink()
    ids = [r.id for r in form_rows(plan, H1)["khht"]]
    fill(path, {i: entry(i, "khht") for i in ids})
    return folder, path


def test_deleted_row_is_reported(plan, khht_form):
    folder, path = khht_form
    wb = load_workbook(path)
    wb[SHEET].delete_rows(row_of(path, "nv3.4"))
    wb.save(path)
    c = collect_forms(plan, H1, folder)
    (p,) = [p for p in c.problems if p.file == path.name]
    assert (p.row, p.column, p.value) == (None, "Mã", "nv3.4") and "thiếu dòng" in p.message
    assert c.merged_count()["khht"] == 7


def test_invalid_status_and_duplicate_row(plan, khht_form):
    folder, path = khht_form
    wb = load_workbook(path)
    ws = wb[SHEET]
    write_text_cell(ws.cell(FIRST_ROW, COL["status"]), "xong rồi")
    dup = ws.max_row + 1
    for key in ("id", "group", "text", "timeframe"):
        write_text_cell(ws.cell(dup, COL[key]), ws.cell(FIRST_ROW + 1, COL[key]).value)
    write_text_cell(ws.cell(dup, COL["status"]), "Đã hoàn thành")
    wb.save(path)
    c = collect_forms(plan, H1, folder)
    found = {(p.row, p.column, p.value) for p in c.problems if p.file == path.name}
    assert found == {(FIRST_ROW, "Tình trạng", "xong rồi"), (dup, "Mã", ws.cell(FIRST_ROW + 1, 1).value)}
    assert c.merged_count()["khht"] == 7


def test_status_is_normalised(plan, khht_form):
    folder, path = khht_form
    fill(path, {"nv2.5": {"status": "  ĐÃ HOÀN   THÀNH "}})
    c = collect_forms(plan, H1, folder)
    assert c.results["nv2.5"][0].status == DONE


def test_numbers_and_dates_typed_in_fill_cells_are_read_as_vietnamese_text(plan, khht_form):
    import datetime as dt

    folder, path = khht_form
    wb = load_workbook(path)
    ws = wb[SHEET]
    ws.cell(FIRST_ROW, COL["figures"]).value = 2650.5
    ws.cell(FIRST_ROW + 1, COL["figures"]).value = 1234567
    ws.cell(FIRST_ROW + 2, COL["figures"]).value = dt.datetime(2023, 3, 5)
    wb.save(path)
    c = collect_forms(plan, H1, folder)
    assert [c.results[i][0].figures for i in ("nv1.3", "nv2.5", "nv3.1")] == ["2.650,5", "1.234.567", "05/3/2023"]


def test_missing_folder_is_an_input_error(plan, tmp_path):
    with pytest.raises(InputError) as exc:
        collect_forms(plan, H1, tmp_path / "khong-co")
    assert "không tìm thấy thư mục" in str(exc.value)


def test_empty_folder_means_every_unit_missing(plan, tmp_path):
    c = collect_forms(plan, "2023-H1", tmp_path)
    assert c.missing_units == ["vp", "cstt", "khht", "quy", "ttdt", "bbt"]
    assert c.results == {} and c.problems == [] and len(c.table()) == 0


# --- formula-like text round trip -------------------------------------------------------------------------
@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_round_trips_in_every_column(plan, tmp_path, text):
    other = plan.model_copy(deep=True)
    other.task("nv2.4").text = text  # pre-filled locked cell
    (path,) = [p for p in export_forms(other, H1, tmp_path) if "_quy_" in p.name]
    ws = load_workbook(path)[SHEET]
    cell = ws.cell(FIRST_ROW, COL["text"])
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    fill(path, {"nv2.4": {"status": DONE, "result": text, "figures": text, "difficulties": text, "proposals": text}})
    ws = load_workbook(path)[SHEET]
    assert all(ws.cell(FIRST_ROW, COL[k]).data_type == "s" for k in FILL)
    c = collect_forms(other, H1, tmp_path)
    r = c.results["nv2.4"][0]
    assert (r.result, r.figures, r.difficulties, r.proposals) == (text,) * 4
    assert not [p for p in c.problems if p.file == path.name] and not c.notes



def test_csv_of_collected_results_guards_formula_like_text(plan, tmp_path):
    """In the CSV, text a spreadsheet would run as a formula starts with an apostrophe; numbers stay numbers."""
    import csv

    from baocao.cli import main_group

    (path,) = [p for p in export_forms(plan, H1, tmp_path / "phieu") if "_quy_" in p.name]
    texts = dict(zip(["result", "figures", "difficulties", "proposals"], FORMULA_LIKE))
    fill(path, {"nv2.4": {"status": DONE, **texts}})
    out = tmp_path / "kq.csv"
    res = CliRunner().invoke(main_group, ["returns", "collect", str(SAMPLE_PLAN), str(tmp_path / "phieu"),
                                          "--period", "2023-H1", "--csv", str(out)])
    assert res.exit_code == 2, res.output  # the other forms are unfilled
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    (row,) = [r for r in rows if r["Mã"] == "nv2.4"]
    assert [row[HEADERS[k]] for k in texts] == ["'" + t for t in FORMULA_LIKE]
    assert row["Hàng"].isdigit() and row["Tình trạng"] == DONE
    assert not [v for r in rows for v in r.values() if v and v[0] in "=+-@"]


@pytest.mark.parametrize(("value", "written"), [
    ("=1+1", "'=1+1"), ("\tx", "'\tx"), ("\r=1", "\r'=1"), ("- Đã tổ chức", "'- Đã tổ chức"),
    ("Tỷ lệ\r=cmd|' /C calc'!A0", "Tỷ lệ\r'=cmd|' /C calc'!A0"), ("a\r\n@b\n+c", "a\r\n'@b\n'+c"), ("'=x", "''=x"),
    ("Hợp tác xã", "Hợp tác xã"), ("", ""), (-5, -5), (None, None),
])
def test_guard_csv_cell(value, written):
    from baocao.spreadsheet_text import guard_csv_cell

    assert guard_csv_cell(value) == written

# --- command line -----------------------------------------------------------------------------------------
def test_cli_export_then_collect(tmp_path):
    from baocao.cli import main_group

    runner = CliRunner()
    out = tmp_path / "phieu"
    res = runner.invoke(main_group, ["returns", "export", str(SAMPLE_PLAN), "--period", "2023-H1", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "Đã xuất 6 phiếu báo cáo 6 tháng đầu năm 2023" in res.output
    res = runner.invoke(main_group, ["returns", "export", str(SAMPLE_PLAN), "--period", "2023-H1", "--out", str(out)])
    assert res.exit_code == 2 and "Lỗi:" in res.output
    (out / FILES["bbt"]).unlink()
    csv = tmp_path / "kq.csv"
    res = runner.invoke(main_group, ["returns", "collect", str(SAMPLE_PLAN), str(out), "--period", "2023-H1",
                                     "--csv", str(csv)])
    assert res.exit_code == 2  # the unfilled forms have no status
    assert "Đơn vị chưa gửi phiếu (1): Ban biên tập bản tin Kinh tế hợp tác (bbt)." in res.output
    assert "thiếu tình trạng" in res.output
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    res = runner.invoke(main_group, ["returns", "collect", str(SAMPLE_PLAN), str(out), "--period", "2023-H1",
                                     "--csv", str(csv)])
    assert res.exit_code == 2 and "--overwrite" in res.output


def test_cli_rejects_bad_period():
    from baocao.cli import main_group

    res = CliRunner().invoke(main_group, ["returns", "export", str(SAMPLE_PLAN), "--period", "2023-H3", "--out", "x"])
    assert res.exit_code == 2 and "không đọc được kỳ báo cáo" in res.output


def test_cli_collect_sample(tmp_path):
    from baocao.cli import main_group

    folder = ROOT / "sample_data" / "bao-cao-don-vi" / "2023-H1"
    res = CliRunner().invoke(main_group, ["returns", "collect", str(SAMPLE_PLAN), str(folder), "--period", "2023-H1"])
    assert res.exit_code == 0, res.output
    assert "Không có lỗi." in res.output and "(bbt)" in res.output


# --- bundled sample returns -------------------------------------------------------------------------------
SAMPLE_RETURNS = ROOT / "sample_data" / "bao-cao-don-vi"


@pytest.mark.parametrize("code, rows, missing", [("2023-H1", 18, ["bbt"]), ("2023", 19, []), ("2021-2025", 21, [])])
def test_sample_returns_collect_cleanly(plan, code, rows, missing):
    c = collect_forms(plan, code, SAMPLE_RETURNS / code)
    assert c.problems == [] and c.notes == []
    assert sum(c.merged_count().values()) == rows
    assert c.missing_units == missing


def test_sample_returns_match_the_tool(tmp_path):
    spec = importlib.util.spec_from_file_location("make_sample_returns", ROOT / "tools" / "make_sample_returns.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    for code in tool.SAMPLES:
        made = tool.make(code, tmp_path)
        names = sorted(p.name for p in made.glob("*.xlsx"))
        assert names == sorted(p.name for p in (SAMPLE_RETURNS / code).glob("*.xlsx")), code
        for name in names:
            new, old = load_workbook(made / name)[SHEET], load_workbook(SAMPLE_RETURNS / code / name)[SHEET]
            assert [[c.value for c in row] for row in new.iter_rows()] == \
                   [[c.value for c in row] for row in old.iter_rows()], name


# --- a unit saves its form in LibreOffice Calc --------------------------------------------------------------
@pytest.mark.slow
def test_form_saved_by_libreoffice_still_collects(plan, tmp_path):
    import subprocess

    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path / "forms"
    (path,) = [p for p in export_forms(plan, H1, folder) if "_quy_" in p.name]
    for other in folder.iterdir():
        if other != path:
            other.unlink()
    fill(path, {"nv2.4": {"status": DONE, "result": "=SUM(A1)", "figures": "+84 912", "difficulties": "-5%",
                          "proposals": "@abc"}})
    saved = tmp_path / "saved"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(saved), str(path)],
                   check=True, capture_output=True, timeout=180)
    if not (saved / path.name).exists():
        pytest.skip("LibreOffice Calc is not installed (soffice could not load the .xlsx)")
    c = collect_forms(plan, H1, saved)
    assert c.problems == [] and c.notes == []
    r = c.results["nv2.4"][0]
    assert (r.status, r.result, r.figures, r.difficulties, r.proposals) == (DONE, *FORMULA_LIKE)


def test_a_file_that_is_no_form_raises_a_baocao_error(tmp_path):
    from baocao.errors import BaocaoError
    from baocao.returns import read_form

    path = tmp_path / "khong-phai-phieu.xlsx"
    path.write_text("không phải Excel", encoding="utf-8")
    with pytest.raises(BaocaoError) as exc:
        read_form(path)
    assert exc.value.problem.file == path.name and "không mở được" in exc.value.problem.message
