"""Export the task table: one bold row per task group, one row per task, a units list and a guide.

The sheet holds every task field, so a round trip without edits gives back an equal plan; unit cells
show names (chosen from a drop-down), or the unit id where a name would not read back unambiguously.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...fileio.atomic import atomic_output
from ...fileio.xlsx_cells import header_key
from ...spreadsheet_text import write_text_cell
from ...vnformat import roman
from ..model import Plan
from .columns import (H_BODY, H_GROUP, H_ID, H_LABEL, H_ONLY, H_STT, H_SUPPORT, H_TEXT, H_TIME, HELP_SHEET,
                      MIN_LEAD_COLUMNS, SHEET, UNIT_SEPARATOR, UNITS_SHEET, YES, Column, task_columns)

EXTRA_ROWS = 200  # empty rows under the data that keep the drop-downs and the text format


@dataclass(frozen=True)
class SheetRow:
    """One row of the task sheet: a group row or a task row, cells by column key."""

    group: bool
    cells: dict[str, str]


def _unit_cell_names(plan: Plan) -> dict[str, str]:
    """What the sheet writes for each unit id: its name, or the id when the name would read back wrong."""
    counts = Counter(header_key(u.name) for u in plan.units)
    ids = {header_key(u.id): u.id for u in plan.units}

    def readable(name: str, unit_id: str) -> bool:
        k = header_key(name)
        return counts[k] == 1 and not UNIT_SEPARATOR.search(name) and ids.get(k, unit_id) == unit_id

    return {u.id: u.name if readable(u.name, u.id) else u.id for u in plan.units}


def sheet_rows(plan: Plan) -> list[SheetRow]:
    """The rows the task sheet shows, in document order (pure: no file is touched)."""
    names = _unit_cell_names(plan)
    rows: list[SheetRow] = []
    for gi, g in enumerate(plan.task_groups, start=1):
        text, body = (g.appendix_title, g.title) if g.appendix_title is not None else (g.title, "")
        rows.append(SheetRow(True, {"stt": roman(gi), "group": g.id, "text": text, "body": body}))
        for ti, t in enumerate(g.tasks, start=1):
            cells = {
                "stt": str(ti), "id": t.id, "text": t.text, "body": t.body or "",
                "only": "" if t.in_body else YES, "label": t.lead_label or "",
                "support": "; ".join(names[u] for u in t.support), "time": t.timeframe.text, "note": t.note,
            }
            cells.update({f"lead{i}": names[u] for i, u in enumerate(t.lead, start=1)})
            rows.append(SheetRow(False, cells))
    return rows


def lead_column_count(plan: Plan) -> int:
    """Number of "Chủ trì N" columns: three, or more when a task has more lead units."""
    return max([MIN_LEAD_COLUMNS] + [len(t.lead) for t in plan.tasks()])


def help_lines(plan: Plan) -> list[str]:
    """The "Hướng dẫn" sheet: how to add, delete, reorder and move rows (Vietnamese)."""
    return [
        f"HƯỚNG DẪN SỬA BẢNG NHIỆM VỤ — {plan.document.type_name.capitalize()} số {plan.symbol}",
        "",
        f"1. Dòng tô đậm, có mã ở cột '{H_GROUP}', là một nhóm nhiệm vụ (dòng I, II… của phụ lục; "
        "đề mục 3.1, 3.2… trong thân kế hoạch). Các dòng nhiệm vụ bên dưới thuộc nhóm đó cho đến dòng nhóm kế tiếp.",
        f"2. Thêm nhiệm vụ: chèn một dòng dưới nhóm cần thêm, để trống '{H_ID}' (chương trình tự đặt mã mới), "
        f"ghi nội dung, chọn đơn vị chủ trì trong danh sách và ghi '{H_TIME}'.",
        "3. Xóa nhiệm vụ: xóa cả dòng (hoặc xóa hết chữ trong mọi ô của dòng).",
        "4. Đổi thứ tự hoặc chuyển sang nhóm khác: cắt cả dòng và chèn vào chỗ mới, dưới dòng nhóm mới. "
        f"Giữ nguyên '{H_ID}' để kết quả các đơn vị đã báo cáo vẫn khớp với nhiệm vụ.",
        f"5. Thêm nhóm: chèn một dòng, ghi mã nhóm mới (ví dụ g4) ở cột '{H_GROUP}' và tên nhóm ở cột '{H_TEXT}'. "
        "Xóa nhóm: xóa dòng nhóm cùng mọi dòng nhiệm vụ của nó (nếu chỉ xóa dòng nhóm, các nhiệm vụ sẽ sang nhóm phía trên).",
        f"6. Cột '{H_STT}' chỉ để xem: số thứ tự được đánh lại khi xuất văn bản.",
        f"7. '{H_BODY}': để trống khi câu trong thân kế hoạch giống nội dung ở phụ lục (thêm dấu chấm cuối câu); "
        "chỉ ghi khi câu trong thân khác. Ở dòng nhóm: tên đề mục trong thân khi khác tên ở phụ lục.",
        f"8. '{H_ONLY}': ghi '{YES}' nếu nhiệm vụ chỉ có trong phụ lục, không có trong thân kế hoạch.",
        "9. Chủ trì 1, 2, 3…: chọn tên đơn vị trong danh sách (hoặc gõ mã đơn vị). Nhiều đơn vị hơn số cột: ghi "
        "thêm trong cùng một ô, cách nhau bằng dấu chấm phẩy (;). Đơn vị mới phải được khai báo trong tệp kế hoạch "
        "(mục units) trước.",
        f"10. '{H_LABEL}': cách ghi nguyên văn ở cột chủ trì của phụ lục. Để trống thì chương trình tự ghép tên các "
        "đơn vị ('A, B và C'). Khi đổi đơn vị chủ trì mà không sửa ô này, cách ghi cũ bị bỏ và được ghép lại từ tên "
        "đơn vị.",
        f"11. '{H_SUPPORT}': tên hoặc mã các đơn vị phối hợp, cách nhau bằng dấu chấm phẩy (;).",
        f"12. '{H_TIME}': các dạng 'Thường xuyên', 'Năm 2021', 'Giai đoạn 2021-2025', '2 năm 1 lần', 'Quý II/2022', "
        "'6 tháng đầu năm 2023', nối bằng 'và'.",
        "13. Không đổi tên trang tính và tên cột, không nhập công thức: mọi ô được đọc như chữ.",
        "14. Đọc lại bảng: baocao tasks import KE-HOACH.yaml --xlsx BANG.xlsx --out KE-HOACH-MOI.yaml. "
        "Mọi lỗi được liệt kê theo hàng và cột; khi còn lỗi, không tệp nào được ghi.",
    ]


def export_tasks(plan: Plan, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write the plan's task table as an .xlsx for editing; refuse to replace a file unless ``overwrite``."""
    p = Path(path)
    with atomic_output(p, overwrite=overwrite) as tmp:
        _build_workbook(plan).save(tmp)
    return p


def _build_workbook(plan: Plan) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = task_columns(lead_column_count(plan))
    rows = sheet_rows(plan)
    last = len(rows) + 1 + EXTRA_ROWS
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    thin = Side(style="thin", color="A0A0A0")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for ci, col in enumerate(columns, start=1):
        cell = ws.cell(1, ci, col.header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="BDD7EE")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = border
        ws.column_dimensions[get_column_letter(ci)].width = col.width
    group_fill = PatternFill("solid", fgColor="E2EFDA")
    for ri, row in enumerate(rows, start=2):
        for ci, col in enumerate(columns, start=1):
            cell = ws.cell(ri, ci)
            _set_text(cell, row.cells.get(col.key, ""))
            cell.alignment = wrap
            cell.border = border
            if row.group:
                cell.font = Font(bold=True)
                cell.fill = group_fill
        ws.row_dimensions[ri].height = _row_height(row.cells, columns)
    for ci in range(1, len(columns) + 1):  # rows typed later: text format and wrapping from the column style
        dim = ws.column_dimensions[get_column_letter(ci)]
        dim.number_format = "@"
        dim.alignment = wrap
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "D2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"

    units = wb.create_sheet(UNITS_SHEET)
    for ci, (header, width) in enumerate([("Mã đơn vị", 12), ("Tên đơn vị", 45), ("Tên đầy đủ", 45)], start=1):
        units.cell(1, ci, header).font = Font(bold=True)
        units.column_dimensions[get_column_letter(ci)].width = width
    names = _unit_cell_names(plan)
    for ri, u in enumerate(plan.units, start=2):
        _set_text(units.cell(ri, 1), u.id)
        _set_text(units.cell(ri, 2), names[u.id])
        _set_text(units.cell(ri, 3), u.full_name)
    units.sheet_state = "hidden"

    index = {c.key: get_column_letter(i) for i, c in enumerate(columns, start=1)}
    lead_list = DataValidation(
        type="list", formula1=f"'{UNITS_SHEET}'!$B$2:$B${len(plan.units) + 1}", allow_blank=True,
        showErrorMessage=True, errorStyle="warning", errorTitle="Đơn vị chưa có trong danh sách",
        error="Tên này không có trong danh sách đơn vị của kế hoạch. Chọn trong danh sách, gõ mã đơn vị, "
              "hoặc khai báo đơn vị mới trong tệp kế hoạch trước.",
        showInputMessage=True, promptTitle="Đơn vị chủ trì", prompt="Chọn đơn vị trong danh sách.")
    for c in columns:
        if c.key.startswith("lead"):
            lead_list.add(f"{index[c.key]}2:{index[c.key]}{last}")
    only_list = DataValidation(
        type="list", formula1=f'"{YES}"', allow_blank=True, showErrorMessage=True, errorStyle="warning",
        errorTitle="Giá trị không hợp lệ", error=f"Ghi '{YES}' hoặc để trống.")
    only_list.add(f"{index['only']}2:{index['only']}{last}")
    ws.add_data_validation(lead_list)
    ws.add_data_validation(only_list)

    guide = wb.create_sheet(HELP_SHEET)
    guide.column_dimensions["A"].width = 120
    for ri, line in enumerate(help_lines(plan), start=1):
        cell = guide.cell(ri, 1)
        _set_text(cell, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if ri == 1:
            cell.font = Font(bold=True)
    return wb


def _set_text(cell: Any, text: str) -> None:
    """Write ``text`` as a text cell: never a formula, and typed text stays text (format "@")."""
    cell.number_format = "@"
    write_text_cell(cell, text or None)


def _row_height(cells: dict[str, str], columns: list[Column]) -> float:
    """Row height in points so wrapped text shows whole (Excel does not fit rows of a new file)."""
    lines = 1
    for col in columns:
        text = cells.get(col.key, "")
        if text:
            per_line = max(1.0, col.width * 1.1)
            lines = max(lines, sum(math.ceil(max(len(part), 1) / per_line) for part in text.split("\n")))
    return min(409.0, 15.0 * lines + 2)

