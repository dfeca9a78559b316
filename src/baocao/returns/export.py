"""Export one return form (.xlsx) per unit with the tasks it leads that are due in a period."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import InputError, Problem
from ..fileio.atomic import atomic_output, output_exists
from ..fileio.staging import Staging
from ..periods import Period, due_tasks, parse_period, require_within_plan
from ..spreadsheet_text import write_text_cell
from ..text_chars import ascii_fold
from ..vnformat import date_short, roman
from .data_sheets import add_data_sheets, reported_tables
from .form_layout import COLUMNS, FIRST_ROW, FORM_VERSION, HEADER_ROW, META, SHEET, STATUS_LIST, fit_row_heights

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    from ..plan.model import Plan

RowKind = Literal["task", "target"]
TARGET_GROUP = "Chỉ tiêu định tính"


@dataclass(frozen=True)
class FormRow:
    """A pre-filled row of a form: what the unit reports on, as the plan words it."""

    id: str
    kind: RowKind
    group: str
    text: str
    timeframe: str

    def locked(self) -> dict[str, str]:
        """The locked cells of the row by column key."""
        return {"id": self.id, "group": self.group, "text": self.text, "timeframe": self.timeframe}


def form_rows(plan: Plan, period: Period) -> dict[str, list[FormRow]]:
    """Rows each unit must report on in the period, by unit id in the plan's unit order.

    A unit gets the due tasks it leads; the compiling unit (``plan.reporting.compiler``) also gets
    the plan's qualitative targets, which have no number to compute and need a narrative.
    Units with nothing to report are left out, unless the plan declares data the units report
    (``reported_by``): then every unit gets a form, for those sheets.
    """
    due = {t.id for t in due_tasks(plan, period)}
    rows: dict[str, list[FormRow]] = {u.id: [] for u in plan.units}
    for gi, group in enumerate(plan.task_groups, start=1):
        label = f"{roman(gi)}. {group.appendix_title or group.title}"
        for task in group.tasks:
            if task.id in due:
                for unit_id in dict.fromkeys(task.lead):
                    rows[unit_id].append(FormRow(task.id, "task", label, task.text, task.timeframe.text))
    if plan.reporting is not None:
        horizon = f"Giai đoạn {plan.horizon.start}-{plan.horizon.end}"
        for target in plan.targets():
            if target.kind == "qualitative":
                when = f"Đến năm {target.deadline.year}" if target.deadline else horizon
                rows[plan.reporting.compiler].append(FormRow(target.id, "target", TARGET_GROUP, target.label, when))
    reports_data = bool(reported_tables(plan))  # every unit may report the plan's declared data
    return {unit_id: r for unit_id, r in rows.items() if r or reports_data}


def slug(text: str) -> str:
    """ASCII file-name part: "Phòng Kế hoạch Hỗ trợ" -> "phong-ke-hoach-ho-tro"."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def form_filename(period: Period, unit_id: str, unit_name: str) -> str:
    """File name of a form: "2023-H1_khht_phong-ke-hoach-ho-tro.xlsx"."""
    return f"{period.code}_{slug(unit_id)}_{slug(unit_name)}.xlsx"


def _plan_line(plan: Plan, period: Period) -> str:
    doc = plan.document
    date = f"ngày {date_short(doc.date)}" if doc.date else f"năm {doc.issue_year}"
    return f"Thực hiện {doc.type_word} số {plan.symbol} {date} của {plan.issuer.short_name} — {period.label}"


INSTRUCTIONS = (
    "Hướng dẫn: chỉ điền các cột nền vàng. Tình trạng chọn trong danh sách: {statuses}. "
    "Ghi số liệu kèm đơn vị tính; phần ước thực hiện đến cuối kỳ ghi rõ chữ \"ước\". "
    "Không sửa các cột Mã, Nhóm nhiệm vụ, Nhiệm vụ, Thời gian thực hiện và phần đầu phiếu; "
    "không thêm, xóa dòng. Nhiệm vụ không có việc trong kỳ chọn \"không phát sinh\"."
)


def build_form(plan: Plan, period: Period, unit_id: str, rows: list[FormRow]) -> Workbook:
    """The workbook of one unit's form (nothing is written to disk)."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    unit = plan.unit(unit_id)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    _header_block(wb, ws, plan, period, unit_id)
    _task_table(ws, rows)
    fit_row_heights(ws)
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    add_data_sheets(wb, plan)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = f"Phiếu báo cáo {period.label} — {unit.name}"
    wb.properties.subject = f"{plan.document.type_word} {plan.symbol}"
    wb.properties.creator = "baocao"
    wb.properties.identifier = f"{period.code}/{unit.id}"
    return wb


def _font(size: int = 11, **kw: object) -> Font:
    from openpyxl.styles import Font

    return Font(name="Times New Roman", size=size, **kw)


def _put(ws: Worksheet, coord: str, value: str, font: Font, **align: object) -> None:
    from openpyxl.styles import Alignment

    cell = ws[coord]
    write_text_cell(cell, value)
    cell.font = font
    cell.alignment = Alignment(wrap_text=True, vertical=align.pop("vertical", "top"), **align)


def _header_block(wb: Workbook, ws: Worksheet, plan: Plan, period: Period, unit_id: str) -> None:
    """Rows 1-6: title, plan line, unit, period and deadline, machine-read codes, instructions."""
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.workbook.defined_name import DefinedName

    unit = plan.unit(unit_id)
    last = get_column_letter(len(COLUMNS))
    ws.merge_cells(f"A1:{last}1")
    _put(ws, "A1", "PHIẾU BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ", _font(14, bold=True),
         horizontal="center", vertical="center")
    ws.merge_cells(f"A2:{last}2")
    _put(ws, "A2", _plan_line(plan, period), _font(italic=True), horizontal="center", vertical="center")
    visible = {
        3: ("Đơn vị:", unit.full_name or unit.name),
        4: ("Kỳ báo cáo:", f"{period.label} (số liệu {period.window_label}; {period.estimate_note()})"),
        5: ("Hạn gửi:", f"{date_short(period.due)} ({period.due_days} ngày làm việc sau ngày chốt số liệu)"),
    }
    for row, (label, value) in visible.items():
        _put(ws, f"A{row}", label, _font(bold=True))
        ws.merge_cells(f"B{row}:D{row}")
        _put(ws, f"B{row}", value, _font())
    codes = {"unit": unit.id, "period": period.code, "plan": plan.symbol}
    for m in META:
        letter = get_column_letter(m.column)
        _put(ws, f"{get_column_letter(m.column - 1)}{m.row}", f"{m.label}:", _font(color="595959"))
        _put(ws, m.coordinate, codes[m.key], _font(color="595959"))
        wb.defined_names[m.name] = DefinedName(m.name, attr_text=f"{quote_sheetname(SHEET)}!${letter}${m.row}")
    wb.defined_names["BAOCAO_PHIEU"] = DefinedName("BAOCAO_PHIEU", attr_text=f'"{FORM_VERSION}"')
    ws.merge_cells(f"A6:{last}6")
    _put(ws, "A6", INSTRUCTIONS.format(statuses=STATUS_LIST.replace(",", ", ")), _font(10, italic=True))
    for row, height in ((1, 24), (2, 30), (4, 30), (6, 42)):
        ws.row_dimensions[row].height = height


def _task_table(ws: Worksheet, rows: list[FormRow]) -> None:
    """Header row, one row per task with locked plan text and unlocked fill cells, status drop-down."""
    from openpyxl.styles import Alignment, Border, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill_bg = PatternFill("solid", fgColor="FFF2CC")
    for ci, col in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(ci)].width = col.width
        cell = ws.cell(HEADER_ROW, ci)
        write_text_cell(cell, col.header)
        cell.font = _font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for ri, row in enumerate(rows, start=FIRST_ROW):
        values = row.locked()
        for ci, col in enumerate(COLUMNS, start=1):
            cell = ws.cell(ri, ci)
            write_text_cell(cell, values.get(col.key))
            cell.font = _font()
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = border
            if col.fill:
                cell.fill = fill_bg
                cell.number_format = "@"
                cell.protection = Protection(locked=False)
    if rows:
        letter = get_column_letter(1 + [c.key for c in COLUMNS].index("status"))
        statuses = STATUS_LIST.replace(",", ", ")
        dv = DataValidation(type="list", formula1=f'"{STATUS_LIST}"', allow_blank=True, showErrorMessage=True,
                            errorTitle="Tình trạng không hợp lệ", error=f"Chọn một trong: {statuses}.",
                            promptTitle="Tình trạng", prompt="Chọn trong danh sách.", showInputMessage=True)
        dv.add(f"{letter}{FIRST_ROW}:{letter}{FIRST_ROW + len(rows) - 1}")
        ws.add_data_validation(dv)


def save_workbook_atomic(wb: Workbook, path: Path, *, overwrite: bool = False) -> Path:
    """Save through a temporary file renamed into place; refuse to replace a file unless ``overwrite``."""
    with atomic_output(path, overwrite=overwrite) as temp:
        wb.save(temp)
    return path


def export_forms(plan: Plan, period: Period | str, out_dir: str | os.PathLike[str], *,
                 overwrite: bool = False) -> list[Path]:
    """Write one form per unit with something to report in the period; return the paths in unit order.

    The forms are written whole or not at all (:class:`~baocao.fileio.staging.Staging`): nothing is
    written when any target file exists and ``overwrite`` is False, or when two units would get one
    file name.
    """
    period = parse_period(period) if isinstance(period, str) else period
    require_within_plan(plan, period)
    out = Path(out_dir)
    plan_rows = form_rows(plan, period)
    paths = {u: out / form_filename(period, u, plan.unit(u).name) for u in plan_rows}
    by_name: dict[str, list[str]] = {}
    for unit_id, path in paths.items():
        by_name.setdefault(path.name.casefold(), []).append(unit_id)
    clashes = [ids for ids in by_name.values() if len(ids) > 1]
    if clashes:
        raise InputError([Problem(f"kế hoạch {plan.symbol}", f"các đơn vị {', '.join(ids)} sẽ có cùng tên tệp phiếu "
                                              f"{paths[ids[0]].name}; đổi mã hoặc tên đơn vị cho khác nhau", path="units")
                          for ids in clashes], "Không xuất được phiếu báo cáo")
    existing = [p for p in paths.values() if p.exists()]
    if existing and not overwrite:
        raise output_exists(*existing)
    with Staging(out, overwrite=overwrite) as stage:
        for unit_id, path in paths.items():
            build_form(plan, period, unit_id, plan_rows[unit_id]).save(stage.path_for(path))
        stage.commit()
    return list(paths.values())
