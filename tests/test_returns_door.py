"""Return forms and the task sheet checked at the door: characters, units, file names, whole sets."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from baocao.errors import InputError
from baocao.plan.io import dump_plan_text, parse_plan
from baocao.plan.tasks_xlsx import export_tasks, import_tasks
from baocao.plan.tasks_xlsx.columns import SHEET as TASK_SHEET
from baocao.returns import collect_forms, export_forms
from baocao.returns.form_layout import COLUMNS, FIRST_ROW, SHEET

from test_returns import FILES, H1, entry, fill

COL = {c.key: i for i, c in enumerate(COLUMNS, start=1)}


@pytest.fixture
def forms(plan, tmp_path):
    out = tmp_path / "phieu"
    export_forms(plan, H1, out)
    return out


def fill_all(plan, folder, **override):
    """Fill every form of ``folder`` diligently; ``override`` maps task id -> cell values."""
    for unit, name in FILES.items():
        ids = [r.id for r in _rows(plan, unit)]
        fill(folder / name, {i: {**entry(i, unit), **override.get(i, {})} for i in ids})


def _rows(plan, unit):
    from baocao.returns import form_rows

    return form_rows(plan, H1)[unit]


def test_a_form_whose_unit_cell_names_another_unit_is_rejected_and_the_real_one_kept(plan, forms):
    fill_all(plan, forms)
    cstt_copy = forms / FILES["cstt"]
    wb = load_workbook(cstt_copy)
    wb[SHEET]["F3"].value = "khht"  # the file is cstt's form, the cell says khht
    wb.save(cstt_copy)
    collected = collect_forms(plan, H1, forms)
    assert collected.forms["khht"] == FILES["khht"]
    bad = [p for p in collected.problems if p.file == FILES["cstt"]]
    assert len(bad) == 1 and "phiếu của đơn vị 'cstt'" in bad[0].message and bad[0].row == 3
    assert "cstt" in collected.missing_units
    assert all(r.unit != "khht" or r.file == FILES["khht"] for rs in collected.results.values() for r in rs)


def test_unit_ids_differing_only_in_case_are_refused_at_load(plan):
    twins = plan.model_copy(deep=True)
    twins.units.append(twins.units[0].model_copy(update={"id": twins.units[0].id.upper(), "name": "Văn phòng 2"}))
    with pytest.raises(InputError) as info:
        parse_plan(dump_plan_text(twins), "kh.yaml")
    (problem,) = info.value.problems
    assert problem.path == f"units[{len(plan.units)}].id" and "chữ hoa, chữ thường" in problem.message


def test_two_units_with_one_form_name_write_nothing(plan, tmp_path):
    twins = plan.model_copy(deep=True)  # built in Python: the loader would refuse "VP" beside "vp"
    first, second = twins.units[0], twins.units[1]
    twins.units[1] = second.model_copy(update={"id": first.id.upper(), "name": first.name})
    for task in twins.tasks():
        task.lead = [first.id.upper() if u == second.id else u for u in task.lead]
    with pytest.raises(InputError) as info:
        export_forms(twins, H1, tmp_path / "out")
    assert "cùng tên tệp" in str(info.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("stored, char", [("Kết quả_x0007_ tốt", "U+0007"), ("_x000C_ngắt trang", "U+000C"),
                                          ("_xD800_", "U+D800"), ("xuống_x000D_dòng", None)])
def test_refused_characters_in_a_filled_cell_reject_the_row_with_its_place(plan, forms, stored, char):
    """What Excel stores for characters it cannot write in XML: _xHHHH_ (put in the cell as is)."""
    fill_all(plan, forms)
    wb = load_workbook(forms / FILES["quy"])
    wb[SHEET].cell(FIRST_ROW, COL["result"]).value = stored
    wb.save(forms / FILES["quy"])
    collected = collect_forms(plan, H1, forms)
    found = [p for p in collected.problems if p.column == "Kết quả đạt được"]
    if char is None:  # CR is a line break in a cell: kept as one
        assert not found and collected.results["nv2.4"][0].result == "xuống\ndòng"
        return
    (problem,) = found
    assert problem.file == FILES["quy"] and problem.row == FIRST_ROW and char in problem.message
    assert "nv2.4" not in collected.results


def test_text_that_looks_like_an_excel_escape_round_trips(plan, forms):
    typed = "mã _x0041_ và _x005F_ giữ nguyên"
    fill_all(plan, forms, **{"nv2.4": {"result": typed}})
    assert collect_forms(plan, H1, forms).results["nv2.4"][0].result == typed


def test_export_is_whole_or_nothing_when_a_write_fails(plan, tmp_path, monkeypatch):
    from openpyxl import Workbook

    calls = []
    real = Workbook.save

    def failing(self, filename):
        calls.append(filename)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(self, filename)

    monkeypatch.setattr(Workbook, "save", failing)
    out = tmp_path / "phieu"
    with pytest.raises(OSError):
        export_forms(plan, H1, out)
    assert not out.exists()
    out.mkdir()
    (out / "ghi-chu.txt").write_text("x")
    calls.clear()
    with pytest.raises(OSError):
        export_forms(plan, H1, out)
    assert sorted(p.name for p in out.iterdir()) == ["ghi-chu.txt"]


def test_control_characters_in_the_task_sheet_are_refused_with_their_cell(plan, tmp_path):
    path = export_tasks(plan, tmp_path / "nv.xlsx")
    wb = load_workbook(path)
    ws = wb[TASK_SHEET]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value)
    text_col = next(i for i, h in enumerate(headers, 1) if h == "Nhiệm vụ (phụ lục)" or h == "Nhiệm vụ")
    ws.cell(row, text_col).value = "Nhiệm vụ _x0007_ chuông"
    note_col = headers.index("Ghi chú") + 1
    ws.cell(row + 1, note_col).value = "dòng một\ndòng hai"
    wb.save(path)
    with pytest.raises(InputError) as info:
        import_tasks(plan, path)
    (problem,) = info.value.problems
    assert (problem.row, problem.column) == (row, headers[text_col - 1]) and "U+0007" in problem.message


def test_sample_forms_survive_the_checks(plan, tmp_path):
    from conftest import ROOT

    folder = tmp_path / "mau"
    shutil.copytree(ROOT / "sample_data" / "bao-cao-don-vi" / "2023-H1", folder)
    assert not [p for p in collect_forms(plan, H1, folder).problems if "ký tự" in p.message]


@pytest.mark.parametrize("typed, shown", [("+1", "+1"), ("-7 HTX (giải thể)", "-7 HTX (giải thể)"),
                                          ("- Đã tổ chức 3 lớp.", "Đã tổ chức 3 lớp"), ("+ Tuyên truyền", "Tuyên truyền")])
def test_the_report_drops_a_list_mark_but_never_the_sign_of_a_figure(typed, shown):
    from types import SimpleNamespace

    from baocao.report.build import _result_text

    assert _result_text([SimpleNamespace(result=typed)]) == shown
