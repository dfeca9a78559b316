"""Shared file I/O: one "output exists" message, worded for Python callers and for the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from baocao.cli import main_group
from baocao.errors import OutputExistsError
from baocao.plan.io import dump_plan
from baocao.plan.tasks_xlsx import export_tasks

from conftest import SAMPLE_PLAN


def test_python_callers_are_told_overwrite_true(plan, tmp_path):
    """Every writer refuses with the same message: the file, that it is kept, and ``overwrite=True``."""
    table, plan_file = tmp_path / "nv.xlsx", tmp_path / "kh.yaml"
    export_tasks(plan, table)
    dump_plan(plan, plan_file)
    messages = []
    for write, path in ((lambda: export_tasks(plan, table), table), (lambda: dump_plan(plan, plan_file), plan_file)):
        before = path.read_bytes()
        with pytest.raises(OutputExistsError) as exc:
            write()
        assert exc.value.paths == (path.absolute(),) and path.read_bytes() == before
        messages.append(str(exc.value).replace(str(path.absolute()), "X"))
    assert messages[0] == messages[1]
    assert messages[0] == ("Tệp đầu ra đã tồn tại: X. Tệp đã có được giữ nguyên; "
                           "hãy chọn tên khác hoặc cho phép ghi đè (overwrite=True).")


def test_command_line_users_are_told_the_option(tmp_path):
    xlsx = tmp_path / "nv.xlsx"
    xlsx.write_bytes(b"")
    result = CliRunner().invoke(main_group, ["tasks", "export", str(SAMPLE_PLAN), "--xlsx", str(xlsx)])
    assert result.exit_code == 2 and xlsx.read_bytes() == b""
    assert str(xlsx) in result.stderr and "cho phép ghi đè (--overwrite)" in result.stderr
    assert "overwrite=True" not in result.stderr


# --- the one cell reader and the one header key -------------------------------------------------------
def _saved_cells(tmp_path, values: list) -> dict[str, list]:
    """Write ``values`` in row 1 of a saved workbook (text as text cells, "=1+1" as a real formula) and
    read them back in both openpyxl modes, padded with one cell past the end of the row."""
    from openpyxl import Workbook, load_workbook

    from baocao.spreadsheet_text import write_text_cell

    wb = Workbook()
    for i, value in enumerate(values, start=1):
        cell = wb.active.cell(1, i)
        if isinstance(value, str) and value != "=1+1":
            write_text_cell(cell, value)
        else:
            cell.value = value
    path = tmp_path / "o.xlsx"
    wb.save(path)
    ordinary = list(load_workbook(path).active[1])
    fast = load_workbook(path, read_only=True)
    read_only = list(next(fast.active.iter_rows(min_row=1, max_row=1, max_col=len(values))))
    return {"ordinary": ordinary + [None], "read-only": read_only + [None]}


def test_read_cell_number_date_formula_like_text_and_blank(tmp_path):
    import datetime as dt

    from baocao.fileio.xlsx_cells import CellText, read_cell

    values = [2650.5, 1234567, 2021, dt.datetime(2023, 3, 5), "=SUM(A1)", "=1+1", None, "  a \r\n  b  ", True]
    expected = [CellText("2.650,5", "number"), CellText("1.234.567", "number"), CellText("2.021", "number"),
                CellText("05/3/2023", "date"), CellText("=SUM(A1)", "text"), CellText("=1+1", "formula"),
                CellText("", "blank"), CellText("a\nb", "text"), CellText("Có", "bool"), CellText("", "blank")]
    for mode, cells in _saved_cells(tmp_path, values).items():
        assert [read_cell(c) for c in cells] == expected, mode
        assert read_cell(cells[5]).formula and not read_cell(cells[4]).formula
        # where a number can only be a code or a year (the task sheet), its digits are kept as typed
        assert [read_cell(c, numbers_as_codes=True).text for c in cells[:3]] == ["2650.5", "1234567", "2021"], mode


def test_header_key_ignores_case_spacing_and_unicode_form_only():
    import unicodedata

    from baocao.fileio.xlsx_cells import header_key

    assert header_key("  Ghi \u00a0 CHÚ\n") == header_key(unicodedata.normalize("NFD", "ghi chú")) == "ghi chú"
    assert header_key("Mã:") != header_key("Mã") and header_key("Chủ trì 1") != header_key("Chủ trì1")
    assert header_key(None) == "" and header_key(2021) == "2021"
