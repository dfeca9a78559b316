"""The task table round trip: plan -> .xlsx -> an analyst's edits -> plan, body and appendix agree."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import pytest

from baocao.errors import InputError, OutputExistsError
from baocao.plan.io import load_plan, plan_to_data
from baocao.plan.tasks_xlsx import (HELP_SHEET, SHEET, UNITS_SHEET, describe_changes, export_tasks, import_tasks,
                                    task_changes, task_columns)
from baocao.plan.text import appendix_rows, body_paragraphs

from conftest import FIXTURES, SAMPLE_PLAN

HEADERS = [c.header for c in task_columns()]


# --- helpers: edit the workbook the way an analyst would ------------------------------------------
def header_index(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[1] if c.value}


def find_row(ws, value: str, header: str = "Mã nhiệm vụ") -> int:
    col = header_index(ws)[header]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col).value == value:
            return r
    raise AssertionError(f"{value} not in sheet")


def set_cells(ws, row: int, **by_header: str | None) -> None:
    idx = header_index(ws)
    for header, value in by_header.items():
        ws.cell(row, idx[header]).value = value


def row_values(ws, row: int) -> list:
    return [ws.cell(row, c).value for c in range(1, ws.max_column + 1)]


def put_row(ws, row: int, values: list) -> None:
    for c, v in enumerate(values, start=1):
        ws.cell(row, c).value = v


def move_row(ws, source: int, before: int) -> None:
    """Cut a row and insert it before row ``before`` (row numbers of the sheet before the move)."""
    values = row_values(ws, source)
    ws.delete_rows(source)
    target = before - 1 if before > source else before
    ws.insert_rows(target)
    put_row(ws, target, values)


def edit(path: Path, change) -> Path:
    wb = openpyxl.load_workbook(path)
    change(wb[SHEET])
    wb.save(path)
    return path


def rows_of(plan) -> list[tuple]:
    return [(r.group, r.stt, r.task, r.lead, r.time, r.note, r.task_id) for r in appendix_rows(plan)]


@pytest.fixture
def exported(plan, tmp_path) -> Path:
    return export_tasks(plan, tmp_path / "nhiem-vu.xlsx")


# --- export ------------------------------------------------------------------------------------------
def test_export_layout(plan, exported):
    wb = openpyxl.load_workbook(exported)
    assert wb.sheetnames == [SHEET, UNITS_SHEET, HELP_SHEET]
    ws = wb[SHEET]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.freeze_panes == "D2"
    idx = header_index(ws)
    group_rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, idx["Mã nhóm"]).value]
    assert [ws.cell(r, idx["Stt"]).value for r in group_rows] == ["I", "II", "III"]
    assert [ws.cell(r, idx["Mã nhóm"]).value for r in group_rows] == ["g1", "g2", "g3"]
    g1 = ws.cell(group_rows[0], idx["Nhiệm vụ (phụ lục)"])
    assert g1.value == plan.task_groups[0].appendix_title and g1.font.b and g1.fill.fgColor.rgb.endswith("E2EFDA")
    assert ws.cell(group_rows[0], idx["Nội dung trong thân kế hoạch"]).value == plan.task_groups[0].title
    assert ws.cell(group_rows[1], idx["Nội dung trong thân kế hoạch"]).value is None  # same title in both
    assert ws.cell(group_rows[1], idx["Nhiệm vụ (phụ lục)"]).value == plan.task_groups[1].title
    # task rows: body blank when it is text + ".", appendix-only marked, unit names, wrapped text
    r11, r12, r14 = (find_row(ws, i) for i in ("nv1.1", "nv1.2", "nv1.4"))
    assert ws.cell(r11, idx["Nội dung trong thân kế hoạch"]).value is None
    assert ws.cell(r12, idx["Nội dung trong thân kế hoạch"]).value == plan.task("nv1.2").body
    assert ws.cell(r14, idx["Chỉ có trong phụ lục"]).value == "Có"
    assert [ws.cell(r12, idx[f"Chủ trì {n}"]).value for n in (1, 2, 3)] == [
        "Phòng CSTT, PT HTX", "Trang thông tin điện tử Liên minh HTX tỉnh", "Ban biên tập bản tin Kinh tế hợp tác"]
    assert ws.cell(r12, idx["Cách ghi chủ trì trong phụ lục"]).value == plan.task("nv1.2").lead_label
    assert ws.cell(r11, idx["Nhiệm vụ (phụ lục)"]).alignment.wrap_text
    assert ws.column_dimensions["D"].width == 60
    # drop-downs list the declared unit names (hidden sheet) on every lead column
    units = wb[UNITS_SHEET]
    assert units.sheet_state == "hidden"
    assert [units.cell(r, 2).value for r in range(2, 2 + len(plan.units))] == [u.name for u in plan.units]
    lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    lead_range = lists[f"'{UNITS_SHEET}'!$B$2:$B${len(plan.units) + 1}"]
    assert all(f"{openpyxl.utils.get_column_letter(idx[f'Chủ trì {n}'])}2:" in lead_range for n in (1, 2, 3))
    assert '"Có"' in lists
    assert "Thêm nhiệm vụ" in " ".join(c.value or "" for c in wb[HELP_SHEET]["A"])


def test_export_refuses_to_overwrite(plan, exported):
    before = exported.read_bytes()
    with pytest.raises(OutputExistsError, match="đã có"):
        export_tasks(plan, exported)
    assert exported.read_bytes() == before
    export_tasks(plan, exported, overwrite=True)
    assert [p.name for p in exported.parent.iterdir()] == [exported.name]  # no temporary file left


def test_formula_like_text_is_written_as_text(plan, tmp_path):
    tricky = plan.model_copy(deep=True)
    tricky.task_groups[0].tasks[0].text = "=HYPERLINK(\"http://x\";\"bấm\")"
    tricky.task_groups[0].tasks[1].text = "-1+2 nhiệm vụ"
    tricky.task_groups[0].tasks[2].note = "@ghi chú"
    tricky.task_groups[1].tasks[0].text = "+ cộng"
    path = export_tasks(tricky, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path)[SHEET]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert len(cells) == 4
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert plan_to_data(import_tasks(tricky, path)) == plan_to_data(tricky)


def test_cells_read_like_the_return_forms_but_numbers_stay_codes(plan, exported):
    """The shared cell reader: lines trimmed one by one; a number typed as a year or id keeps its digits."""
    def analyst(ws):
        r = find_row(ws, "nv2.3")
        set_cells(ws, r, **{"Ghi chú": "  dòng một  \r\n   dòng hai ", "Thời gian thực hiện": 2023})

    new = import_tasks(plan, edit(exported, analyst))
    assert new.task("nv2.3").note == "dòng một\ndòng hai"
    assert new.task("nv2.3").timeframe.text == "2023"


def test_multi_line_text_with_spaces_survives_a_round_trip(plan, tmp_path):
    spaced = plan.model_copy(deep=True)
    spaced.task_groups[0].tasks[0].note = "  thụt đầu dòng\n  - ý một  \n"
    path = export_tasks(spaced, tmp_path / "t.xlsx")
    assert plan_to_data(import_tasks(spaced, path)) == plan_to_data(spaced)


# --- round trip --------------------------------------------------------------------------------------
@pytest.mark.parametrize("plan_file", [SAMPLE_PLAN, FIXTURES / "plan_other.yaml"], ids=["seed", "other"])
def test_round_trip_without_edit_gives_the_same_plan(plan_file, tmp_path):
    original = load_plan(plan_file)
    path = export_tasks(original, tmp_path / "t.xlsx")
    again = import_tasks(original, path)
    assert plan_to_data(again) == plan_to_data(original)
    assert again is not original and not task_changes(original, again)
    assert describe_changes(task_changes(original, again)) == ["Không có thay đổi nào."]


def test_analyst_edits_show_exactly_in_appendix_and_body(plan, exported):
    new_text = "Tổ chức hội nghị sơ kết 2 năm thực hiện Nghị quyết 134 & đánh giá <kết quả>"

    def analyst(ws):
        # move nv1.4 to the end of group III
        move_row(ws, find_row(ws, "nv1.4"), ws.max_row + 1)
        # add a task at the end of group II (before the group III row), id left blank
        g3 = find_row(ws, "g3", "Mã nhóm")
        ws.insert_rows(g3)
        set_cells(ws, g3, **{"Nhiệm vụ (phụ lục)": new_text, "Chủ trì 1": "Phòng Kế hoạch Hỗ trợ",
                             "Thời gian thực hiện": "Năm 2022"})
        # change a lead unit
        set_cells(ws, find_row(ws, "nv2.1"), **{"Chủ trì 1": "Văn phòng"})
        # delete a row
        ws.delete_rows(find_row(ws, "nv3.4"))
        # reorder two rows
        r1, r2 = find_row(ws, "nv3.1"), find_row(ws, "nv3.2")
        v1, v2 = row_values(ws, r1), row_values(ws, r2)
        put_row(ws, r1, v2)
        put_row(ws, r2, v1)

    new = import_tasks(plan, edit(exported, analyst))

    old_rows = {r.task_id: r for r in appendix_rows(plan) if not r.group}
    groups = [r for r in appendix_rows(plan) if r.group]

    def task_rows(ids):
        return [(False, str(n), old_rows[i].task, old_rows[i].lead, old_rows[i].time, old_rows[i].note, i)
                for n, i in enumerate(ids, start=1)]

    g = [(True, r.stt, r.task, "", "", "", "") for r in groups]
    expected = ([g[0]] + task_rows(["nv1.1", "nv1.2", "nv1.3"])
                + [g[1]] + task_rows(["nv2.1", "nv2.2", "nv2.3", "nv2.4", "nv2.5"])
                + [(False, "6", new_text, "Phòng Kế hoạch Hỗ trợ", "Năm 2022", "", "nv2.6")]
                + [g[2]] + task_rows(["nv3.2", "nv3.1", "nv3.3", "nv3.5", "nv3.6", "nv1.4"]))
    expected[4 + 1] = expected[5][:3] + ("Văn phòng",) + expected[5][4:]  # nv2.1's new lead
    assert rows_of(new) == expected

    def para(task_id):
        return f"- {plan.task(task_id).body_text()}"

    body = [(p.kind, p.text) for p in body_paragraphs(plan)]
    body.remove(("p", para("nv3.4")))
    i1, i2 = body.index(("p", para("nv3.1"))), body.index(("p", para("nv3.2")))
    body[i1], body[i2] = body[i2], body[i1]
    body.insert(body.index(("p", para("nv2.5"))) + 1, ("p", f"- {new_text}."))
    assert [(p.kind, p.text) for p in body_paragraphs(new)] == body

    unchanged = {k: v for k, v in plan_to_data(plan).items() if k != "task_groups"}
    assert {k: v for k, v in plan_to_data(new).items() if k != "task_groups"} == unchanged
    assert plan.task("nv3.4")  # the original plan is untouched

    ch = task_changes(plan, new)
    assert ch.added == [("nv2.6", "g2")]
    assert ch.removed == ["nv3.4"]
    assert ch.moved == [("nv1.4", "g1", "g3")]
    assert ch.edited == [("nv2.1", ["lead"])]
    assert len(ch.reordered) == 1 and ch.reordered[0] in {"nv3.1", "nv3.2"}
    assert describe_changes(ch) == [
        "Thêm 1 nhiệm vụ: nv2.6 (nhóm g2).", "Xóa 1 nhiệm vụ: nv3.4.", "Chuyển nhóm 1 nhiệm vụ: nv1.4 (g1 → g3).",
        "Sửa 1 nhiệm vụ: nv2.1 (chủ trì).", f"Đổi thứ tự 1 nhiệm vụ: {ch.reordered[0]}."]


def test_appendix_docx_shows_the_edit(plan, exported, tmp_path):
    pytest.importorskip("baocao.render.docx")
    import docx

    from baocao.plan.text import plan_context
    from baocao.render.docx import render_docx
    from baocao.resources import template_path

    edit(exported, lambda ws: set_cells(ws, find_row(ws, "nv3.3"), **{
        "Chủ trì 1": "Quỹ Hỗ trợ phát triển HTX", "Chủ trì 2": None, "Thời gian thực hiện": "Quý II/2022"}))
    new = import_tasks(plan, exported)
    out = render_docx(template_path("phu-luc.docx"), plan_context(new), tmp_path / "phu-luc.docx")
    table = docx.Document(str(out)).tables[0]
    got = []
    for row in table.rows[1:]:
        cells, seen = [], set()
        for c in row.cells:
            if id(c._tc) not in seen:
                seen.add(id(c._tc))
                cells.append(c.text)
        got.append(cells)
    want = [[r.stt, r.task] if r.group else [r.stt, r.task, r.lead, r.time, r.note] for r in appendix_rows(new)]
    assert got == want
    assert ["3", plan.task("nv3.3").text, "Quỹ Hỗ trợ phát triển HTX", "Quý II/2022", ""] in got


# --- lead wording, names, new groups ---------------------------------------------------------------
def test_lead_label_kept_only_while_leads_unchanged(plan, exported):
    def analyst(ws):
        set_cells(ws, find_row(ws, "nv1.3"), **{"Chủ trì 2": "Văn phòng"})  # leads change, label untouched
        move_row(ws, find_row(ws, "nv3.3"), find_row(ws, "nv3.1"))  # moved, leads unchanged
        set_cells(ws, find_row(ws, "nv1.2"), **{"Chủ trì 3": None,
                                                "Cách ghi chủ trì trong phụ lục": "Phòng CSTT, PT HTX và Trang TTĐT"})

    new = import_tasks(plan, edit(exported, analyst))
    assert new.task("nv1.3").lead == ["cstt", "vp"] and new.task("nv1.3").lead_label is None
    assert new.lead_label(new.task("nv1.3")) == "Phòng CSTT, PT HTX và Văn phòng"
    assert new.task("nv3.3").lead_label == plan.task("nv3.3").lead_label
    assert new.task("nv1.2").lead == ["cstt", "ttdt"]
    assert new.task("nv1.2").lead_label == "Phòng CSTT, PT HTX và Trang TTĐT"  # rewritten by the analyst


def test_units_by_name_or_id_any_case_and_normalisation(plan, exported):
    nfd = unicodedata.normalize("NFD", "  phòng   KẾ hoạch hỗ trợ ")

    def analyst(ws):
        set_cells(ws, find_row(ws, "nv2.1"), **{"Chủ trì 1": nfd, "Chủ trì 2": "QUY", "Phối hợp": "vp; Văn Phòng"})

    with pytest.raises(InputError) as info:
        import_tasks(plan, edit(exported, analyst))
    assert [p.message for p in info.value.problems] == ["đơn vị 'Văn Phòng' được ghi hai lần"]

    edit(exported, lambda ws: set_cells(ws, find_row(ws, "nv2.1"), **{"Phối hợp": "vp;\nBan biên tập bản tin "
                                                                                    "Kinh tế hợp tác"}))
    t = import_tasks(plan, exported).task("nv2.1")
    assert (t.lead, t.support) == (["khht", "quy"], ["vp", "bbt"])


def test_new_group_and_appendix_only_and_body_wording(plan, exported):
    def analyst(ws):
        end = ws.max_row + 1
        set_cells(ws, end, **{"Mã nhóm": "g4", "Nhiệm vụ (phụ lục)": "Chuyển đổi số"})
        set_cells(ws, end + 1, **{"Nhiệm vụ (phụ lục)": "Xây dựng phần mềm quản lý HTX", "Chủ trì 1": "vp",
                                  "Thời gian thực hiện": "Giai đoạn 2022-2025", "Chỉ có trong phụ lục": "có",
                                  "Ghi chú": "Nguồn vốn sự nghiệp"})
        set_cells(ws, end + 2, **{"Nhiệm vụ (phụ lục)": "Số hóa hồ sơ", "Chủ trì 1": "vp",
                                  "Thời gian thực hiện": "2023", "Nội dung trong thân kế hoạch": "Số hóa toàn bộ hồ sơ HTX."})

    new = import_tasks(plan, edit(exported, analyst))
    g4 = new.task_groups[-1]
    assert (g4.id, g4.title, g4.appendix_title) == ("g4", "Chuyển đổi số", None)
    assert [t.id for t in g4.tasks] == ["nv4.1", "nv4.2"]
    assert (g4.tasks[0].in_body, g4.tasks[0].note) == (False, "Nguồn vốn sự nghiệp")
    assert g4.tasks[1].body_text() == "Số hóa toàn bộ hồ sơ HTX." and g4.tasks[1].timeframe.years == (2023,)
    texts = [p.text for p in body_paragraphs(new)]
    at = texts.index("3.4. Chuyển đổi số")
    assert texts[at + 1:at + 3] == ["- Số hóa toàn bộ hồ sơ HTX.", "III. TỔ CHỨC THỰC HIỆN (Chi tiết tại phụ lục kèm theo)"]


def test_new_ids_never_reuse_deleted_ones(plan, exported):
    def analyst(ws):
        r = find_row(ws, "nv2.5")
        set_cells(ws, r, **{"Mã nhiệm vụ": None, "Nhiệm vụ (phụ lục)": "Nhiệm vụ thay thế"})

    new = import_tasks(plan, edit(exported, analyst))
    assert [t.id for t in new.task_groups[1].tasks][-1] == "nv2.6"
    assert task_changes(plan, new).removed == ["nv2.5"]


# --- errors: one pass, each located; nothing returned ----------------------------------------------
ERROR_CASES = {
    "unknown unit": (lambda ws: set_cells(ws, find_row(ws, "nv2.2"), **{"Chủ trì 1": "Phòng Tài chính"}),
                     "nv2.2", "Chủ trì 1", "chưa được khai báo"),
    "empty text": (lambda ws: set_cells(ws, find_row(ws, "nv1.1"), **{"Nhiệm vụ (phụ lục)": "  "}),
                   "nv1.1", "Nhiệm vụ (phụ lục)", "để trống"),
    "no lead": (lambda ws: set_cells(ws, find_row(ws, "nv3.2"), **{"Chủ trì 1": None}),
                "nv3.2", "Chủ trì 1", "chưa có đơn vị chủ trì"),
    "bad timeframe": (lambda ws: set_cells(ws, find_row(ws, "nv2.3"), **{"Thời gian thực hiện": "sớm nhất có thể"}),
                      "nv2.3", "Thời gian thực hiện", "Không hiểu thời gian"),
    "duplicate id": (lambda ws: set_cells(ws, find_row(ws, "nv2.4"), **{"Mã nhiệm vụ": "nv2.1"}),
                     "nv2.1#2", "Mã nhiệm vụ", "bị trùng"),
    "id of a target": (lambda ws: set_cells(ws, find_row(ws, "nv2.5"), **{"Mã nhiệm vụ": "htx_ocop"}),
                       "htx_ocop", "Mã nhiệm vụ", "mã chỉ tiêu"),
    "formula": (lambda ws: set_cells(ws, find_row(ws, "nv1.3"), **{"Ghi chú": "=1+1"}),
                "nv1.3", "Ghi chú", "công thức"),
    "lead on a group row": (lambda ws: set_cells(ws, find_row(ws, "g2", "Mã nhóm"), **{"Chủ trì 1": "vp"}),
                            "g2@Mã nhóm", "Chủ trì 1", "dòng nhóm"),
    "bad yes/no": (lambda ws: set_cells(ws, find_row(ws, "nv1.2"), **{"Chỉ có trong phụ lục": "có lẽ"}),
                   "nv1.2", "Chỉ có trong phụ lục", "'Có'"),
}


def _row_for(ws, key: str) -> int:
    if key.endswith("#2"):
        col = header_index(ws)["Mã nhiệm vụ"]
        return [r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == key[:-2]][1]
    if "@" in key:
        value, header = key.split("@")
        return find_row(ws, value, header)
    return find_row(ws, key)


@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_each_error_names_file_sheet_row_column(plan, exported, case):
    change, key, column, message = ERROR_CASES[case]
    edit(exported, change)
    row = _row_for(openpyxl.load_workbook(exported)[SHEET], key)
    with pytest.raises(InputError) as info:
        import_tasks(plan, exported)
    [p] = info.value.problems
    assert (p.file, p.sheet, p.row, p.column) == (str(exported), SHEET, row, column)
    assert message in p.message
    assert f"hàng {row}" in str(info.value) and f"cột '{column}'" in str(info.value)


def test_task_above_every_group_row(plan, exported):
    edit(exported, lambda ws: ws.delete_rows(find_row(ws, "g1", "Mã nhóm")))
    with pytest.raises(InputError) as info:
        import_tasks(plan, exported)
    assert [(p.row, p.column) for p in info.value.problems] == [(r, "Mã nhóm") for r in (2, 3, 4, 5)]
    assert all("trước dòng nhóm đầu tiên" in p.message for p in info.value.problems)


def test_missing_sheet_and_missing_column(plan, exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    wb[SHEET].title = "Sheet1"
    wb.save(tmp_path / "no-sheet.xlsx")
    with pytest.raises(InputError) as info:
        import_tasks(plan, tmp_path / "no-sheet.xlsx")
    [p] = info.value.problems
    assert (p.file, p.sheet) == (str(tmp_path / "no-sheet.xlsx"), SHEET) and "Sheet1" in p.message

    def drop_columns(ws):
        ws.delete_cols(header_index(ws)["Thời gian thực hiện"])
        ws.delete_cols(header_index(ws)["Cách ghi chủ trì trong phụ lục"])

    edit(exported, drop_columns)
    with pytest.raises(InputError) as info:
        import_tasks(plan, exported)
    assert sorted((p.sheet, p.row, p.column) for p in info.value.problems) == [
        (SHEET, 1, "Cách ghi chủ trì trong phụ lục"), (SHEET, 1, "Thời gian thực hiện")]


def test_not_an_xlsx(plan, tmp_path):
    bad = tmp_path / "bang.xlsx"
    bad.write_text("không phải Excel", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_tasks(plan, bad)
    assert info.value.problems[0].file == str(bad)
    with pytest.raises(InputError, match="không tìm thấy"):
        import_tasks(plan, tmp_path / "missing.xlsx")


def test_every_fault_in_one_pass(plan, exported):
    def analyst(ws):
        for change, *_ in ERROR_CASES.values():
            change(ws)

    with pytest.raises(InputError) as info:
        import_tasks(plan, edit(exported, analyst))
    assert len(info.value.problems) == len(ERROR_CASES)
    assert all(p.row and p.column and p.sheet == SHEET for p in info.value.problems)


def test_columns_found_by_header_text_whatever_their_order(plan, exported):
    def analyst(ws):
        ws.move_range("I1:I40", cols=20)  # "Chủ trì 3" far to the right
        ws.cell(1, header_index(ws)["Ghi chú"]).value = "  ghi   CHÚ "

    again = import_tasks(plan, edit(exported, analyst))
    assert plan_to_data(again) == plan_to_data(plan)


def test_more_leads_than_columns_and_names_that_cannot_be_read_back(plan, tmp_path):
    from baocao.plan.model import Unit

    odd = plan.model_copy(deep=True)
    odd.units = odd.units + [Unit(id="x1", name="Tổ công tác; đặc biệt"), Unit(id="x2", name="Văn phòng"),
                             Unit(id="x3", name="cstt")]
    odd.task_groups[0].tasks[1].lead = ["cstt", "ttdt", "bbt", "vp", "x1"]
    odd.task_groups[0].tasks[1].support = ["x2", "x3"]
    path = export_tasks(odd, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path)[SHEET]
    assert [c.value for c in ws[1]][6:11] == [f"Chủ trì {n}" for n in range(1, 6)]
    r = find_row(ws, "nv1.2")
    # ambiguous or unreadable names are written as unit ids
    assert [ws.cell(r, c).value for c in range(7, 12)] == ["Phòng CSTT, PT HTX", "Trang thông tin điện tử Liên minh "
                                                           "HTX tỉnh", "Ban biên tập bản tin Kinh tế hợp tác", "vp", "x1"]
    assert ws.cell(r, header_index(ws)["Phối hợp"]).value == "x2; x3"
    assert plan_to_data(import_tasks(odd, path)) == plan_to_data(odd)
