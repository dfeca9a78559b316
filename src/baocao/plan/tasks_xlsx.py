"""The task table (bảng nhiệm vụ) as an .xlsx an analyst edits, and the edits read back into a plan.

:func:`export_tasks` writes one bold row per task group and one row per task; :func:`import_tasks`
turns the edited sheet into a new plan whose task groups follow the sheet: rows added, deleted,
reordered or moved under another group row. Columns are found by their header text, so an analyst
may move them. Every fault is collected with its sheet, row and column before anything is returned.
The exported sheet holds every task field, so a round trip without edits gives back an equal plan.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import InputError, Problem
from ..fileio.atomic import atomic_output
from ..fileio.xlsx_cells import CellText, cell_string, header_key, read_cell
from ..spreadsheet_text import write_text_cell
from ..vnformat import norm_space, roman
from .model import Plan, Task, TaskGroup
from .timeframe import Timeframe, TimeframeError, parse_timeframe

SHEET = "Nhiệm vụ"
UNITS_SHEET = "Đơn vị"
HELP_SHEET = "Hướng dẫn"

H_STT = "Stt"
H_GROUP = "Mã nhóm"
H_ID = "Mã nhiệm vụ"
H_TEXT = "Nhiệm vụ (phụ lục)"
H_BODY = "Nội dung trong thân kế hoạch"
H_ONLY = "Chỉ có trong phụ lục"
H_LEAD = "Chủ trì {n}"
H_LABEL = "Cách ghi chủ trì trong phụ lục"
H_SUPPORT = "Phối hợp"
H_TIME = "Thời gian thực hiện"
H_NOTE = "Ghi chú"

YES = "Có"
MIN_LEAD_COLUMNS = 3
EXTRA_ROWS = 200  # empty rows under the data that keep the drop-downs and the text format
UNIT_SEPARATOR = re.compile(r"[;\n]")
_YES_WORDS = {"có", "x", "c", "yes", "y", "1", "true", "đúng"}
_NO_WORDS = {"", "không", "k", "no", "n", "0", "false", "sai"}


Err = Callable[..., None]  # err(row, column header, message, value=None) records a Problem
Resolve = Callable[[str], tuple[str | None, str | None]]  # cell text -> (unit id, None) or (None, message)


@dataclass(frozen=True)
class Column:
    """A column of the task sheet: internal key, header as the analyst reads it, width in characters."""

    key: str
    header: str
    width: float


def task_columns(n_leads: int = MIN_LEAD_COLUMNS) -> list[Column]:
    """The columns of the task sheet, with ``n_leads`` "Chủ trì N" columns."""
    leads = [Column(f"lead{n}", H_LEAD.format(n=n), 22) for n in range(1, n_leads + 1)]
    return [
        Column("stt", H_STT, 6), Column("group", H_GROUP, 9), Column("id", H_ID, 11),
        Column("text", H_TEXT, 60), Column("body", H_BODY, 45), Column("only", H_ONLY, 11),
        *leads,
        Column("label", H_LABEL, 30), Column("support", H_SUPPORT, 24), Column("time", H_TIME, 18),
        Column("note", H_NOTE, 22),
    ]


# --- export ----------------------------------------------------------------------------------------
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


# --- import ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RawSheet:
    """The task sheet as read: the header row, then (Excel row number, cells) for each row below."""

    file: str
    header: list[CellText]
    rows: list[tuple[int, list[CellText]]]


@dataclass
class _GroupRow:
    row: int
    id: str
    title: str
    appendix_title: str | None


@dataclass
class _TaskRow:
    row: int
    id: str | None
    text: str
    body: str | None
    in_body: bool
    lead: list[str]
    lead_label: str | None
    support: list[str]
    timeframe: Timeframe | None
    note: str


def import_tasks(plan: Plan, path: str | os.PathLike[str]) -> Plan:
    """Read an edited task sheet; return a new plan whose task groups follow it, or raise InputError."""
    return tasks_from_sheet(plan, read_task_sheet(path))


def read_task_sheet(path: str | os.PathLike[str]) -> RawSheet:
    """Read the "Nhiệm vụ" sheet of a workbook (formulas are kept as formulas, never evaluated)."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    file = str(path)
    try:
        wb = load_workbook(file, read_only=True, data_only=False)
    except FileNotFoundError:
        raise InputError([Problem(file, "không tìm thấy tệp")], "Không đọc được bảng nhiệm vụ") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError([Problem(file, f"không mở được tệp Excel .xlsx ({exc})")],
                         "Không đọc được bảng nhiệm vụ") from None
    try:
        names = {header_key(n): n for n in wb.sheetnames}
        if header_key(SHEET) not in names:
            raise InputError([Problem(file, f"không có trang tính '{SHEET}' (tệp có: {', '.join(wb.sheetnames)})",
                                      sheet=SHEET)], "Không đọc được bảng nhiệm vụ")
        ws = wb[names[header_key(SHEET)]]
        ws.reset_dimensions()
        rows = [[read_cell(c, numbers_as_codes=True) for c in r] for r in ws.iter_rows()]
    finally:
        wb.close()
    header = rows[0] if rows else []
    return RawSheet(file, header, [(i, r) for i, r in enumerate(rows[1:], start=2)])


def tasks_from_sheet(plan: Plan, sheet: RawSheet) -> Plan:
    """The plan with task groups rebuilt from the sheet's rows (pure); raise InputError listing every fault."""
    problems: list[Problem] = []

    def err(row: int | None, column: str | None, message: str, value: Any = None) -> None:
        problems.append(Problem(sheet.file, message, sheet=SHEET, row=row, column=column, value=value))

    columns, leads = _locate_columns(sheet.header, err)
    if problems:
        raise InputError(problems, "Bảng nhiệm vụ có lỗi, chưa đọc được")
    resolve = _unit_resolver(plan)
    parsed = [item for row, cells in sheet.rows
              if (item := _parse_row(row, cells, columns, leads, resolve, err)) is not None]
    groups = _assemble(plan, parsed, err)
    if problems:
        raise InputError(problems, "Bảng nhiệm vụ có lỗi, chưa đọc được")
    return plan.model_copy(deep=True, update={"task_groups": groups})


def _locate_columns(header: list[CellText], err: Err) -> tuple[dict[str, tuple[int, str]], list[tuple[int, str]]]:
    """Column index and header text per key, and the "Chủ trì N" columns in order; report missing ones."""
    wanted = {header_key(c.header): c.key for c in task_columns(1) if not c.key.startswith("lead")}
    found: dict[str, tuple[int, str]] = {}
    leads: list[tuple[int, int, str]] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(header):
        if not cell.text:
            continue
        text = norm_space(cell.text)
        k = header_key(text)
        if k in seen:
            err(1, text, f"cột '{text}' có hai lần ở hàng tiêu đề")
            continue
        seen[k] = i
        if m := re.fullmatch(r"chủ trì (\d+)", k):
            leads.append((int(m.group(1)), i, text))
        elif k in wanted:
            found[wanted[k]] = (i, text)
    for col in task_columns(1):
        if col.key != "stt" and not col.key.startswith("lead") and col.key not in found:
            err(1, col.header, f"thiếu cột '{col.header}' ở hàng tiêu đề (hàng 1)")
    if not any(n == 1 for n, _, _ in leads):
        err(1, H_LEAD.format(n=1), f"thiếu cột '{H_LEAD.format(n=1)}' ở hàng tiêu đề (hàng 1)")
    return found, [(i, text) for _, i, text in sorted(leads)]


def _unit_resolver(plan: Plan) -> Resolve:
    """A function: cell text -> (unit id, None) or (None, Vietnamese message). Ids win over names."""
    by_id = {header_key(u.id): u.id for u in plan.units}
    by_name: dict[str, list[str]] = {}
    for u in plan.units:
        by_name.setdefault(header_key(u.name), []).append(u.id)
    listing = "; ".join(u.name for u in plan.units)

    def resolve(text: str) -> tuple[str | None, str | None]:
        k = header_key(text)
        if k in by_id:
            return by_id[k], None
        ids = by_name.get(k, [])
        if len(ids) == 1:
            return ids[0], None
        if ids:
            return None, f"tên đơn vị '{text}' trùng ở nhiều đơn vị ({', '.join(ids)}); hãy ghi mã đơn vị"
        return None, f"đơn vị '{text}' chưa được khai báo trong kế hoạch (có: {listing})"

    return resolve


def _cell_text(cell: CellText) -> tuple[str, str | None]:
    """Text of a task sheet cell, or "" and a Vietnamese message when the cell is not typed text."""
    if cell.formula:
        return "", f"ô chứa công thức ({cell.text}); hãy nhập dạng chữ"
    if cell.kind == "date":
        return "", "ô đang ở dạng ngày giờ của Excel; hãy định dạng ô là Text (chữ) rồi gõ lại"
    return cell.text, None


def _parse_row(row: int, cells: list[CellText], columns: dict[str, tuple[int, str]], leads: list[tuple[int, str]],
               resolve: Resolve, err: Err) -> _GroupRow | _TaskRow | None:
    """One sheet row as a group row, a task row, or None when it is empty."""
    def text(i: int, header: str) -> str:
        cell = cells[i] if i < len(cells) else read_cell(None)
        value, message = _cell_text(cell)
        if message:
            err(row, header, message, cell.text)
        return value

    values = {key: text(*columns[key]) for key in columns if key != "stt"}
    lead_cells = [(header, text(i, header)) for i, header in leads]
    if not any(values.values()) and not any(v for _, v in lead_cells):
        return None
    if values["group"]:
        return _group_row(row, values, lead_cells, columns, err)

    lead: list[str] = []
    for header, value in lead_cells:
        lead += _units(row, header, value, resolve, err, lead)
    if not lead and not any(v for _, v in lead_cells):
        err(row, leads[0][1] if leads else H_LEAD.format(n=1), "nhiệm vụ chưa có đơn vị chủ trì")
    if not values["text"]:
        err(row, columns["text"][1], "nội dung nhiệm vụ đang để trống")
    if header_key(values["only"]) in _YES_WORDS:
        in_body = False
    else:
        in_body = True
        if header_key(values["only"]) not in _NO_WORDS:
            err(row, columns["only"][1], f"chỉ ghi '{YES}' hoặc để trống", values["only"])
    timeframe = None
    try:
        timeframe = parse_timeframe(values["time"])
    except TimeframeError as exc:
        err(row, columns["time"][1], str(exc), values["time"] or None)
    task_id = values["id"] or None
    if task_id and re.search(r"\s", task_id):
        err(row, columns["id"][1], "mã nhiệm vụ không được chứa khoảng trắng", task_id)
    return _TaskRow(row, task_id, values["text"], values["body"] or None, in_body, lead, values["label"] or None,
                    _units(row, columns["support"][1], values["support"], resolve, err, []), timeframe,
                    values["note"])


def _group_row(row: int, values: dict[str, str], lead_cells: list[tuple[str, str]],
               columns: dict[str, tuple[int, str]], err: Err) -> _GroupRow:
    stray = [columns[k][1] for k in ("id", "only", "label", "support", "time", "note") if values[k]]
    stray += [header for header, value in lead_cells if value]
    for header in stray:
        err(row, header, f"dòng nhóm không dùng cột này; nếu đây là một nhiệm vụ, hãy xóa mã ở cột '{H_GROUP}'")
    group_id = values["group"]
    if re.search(r"\s", group_id):
        err(row, columns["group"][1], "mã nhóm không được chứa khoảng trắng", group_id)
    if not values["text"] and not values["body"]:
        err(row, columns["text"][1], "tên nhóm đang để trống")
    if values["body"]:
        return _GroupRow(row, group_id, values["body"], values["text"] or None)
    return _GroupRow(row, group_id, values["text"], None)


def _units(row: int, header: str, value: str, resolve: Resolve, err: Err, taken: list[str]) -> list[str]:
    """Unit ids named in one cell (names or ids separated by ";" or line breaks)."""
    out: list[str] = []
    for part in filter(None, (p.strip() for p in UNIT_SEPARATOR.split(value))):
        unit_id, message = resolve(part)
        if message:
            err(row, header, message, part)
        elif unit_id in out or unit_id in taken:
            err(row, header, f"đơn vị '{part}' được ghi hai lần", part)
        else:
            out.append(unit_id)
    return out


def _assemble(plan: Plan, parsed: list[_GroupRow | _TaskRow], err: Err) -> list[TaskGroup]:
    """Group the rows under their group rows, check ids, give new tasks ids, and build the models."""
    blocks: list[tuple[_GroupRow, list[_TaskRow]]] = []
    for item in parsed:
        if isinstance(item, _GroupRow):
            blocks.append((item, []))
        elif not blocks:
            err(item.row, H_GROUP, f"nhiệm vụ nằm trước dòng nhóm đầu tiên: mỗi nhiệm vụ phải nằm dưới một dòng "
                                   f"nhóm (dòng có mã ở cột '{H_GROUP}')")
        else:
            blocks[-1][1].append(item)

    seen: dict[str, str] = {t.id: "đã là mã chỉ tiêu của kế hoạch" for t in plan.targets()}
    for g, tasks in blocks:
        _claim(seen, g.id, g.row, H_GROUP, err)
        for t in tasks:
            if t.id:
                _claim(seen, t.id, t.row, H_ID, err)
    used = set(seen) | {t.id for t in plan.tasks()} | {g.id for g in plan.task_groups}
    old_tasks = {t.id: t for t in plan.tasks()}
    old_groups = {g.id: g for g in plan.task_groups}
    groups: list[TaskGroup] = []
    for gi, (g, rows) in enumerate(blocks, start=1):
        tasks: list[Task] = []
        for t in rows:
            task_id = t.id or _new_id(gi, [r.id for r in rows if r.id], used)
            used.add(task_id)
            if t.timeframe is not None and t.lead:
                tasks.append(_task(task_id, t, old_tasks.get(task_id)))
        old = old_groups.get(g.id)
        groups.append(TaskGroup(id=g.id, title=_keep(old.title if old else None, g.title),
                                appendix_title=_keep(old.appendix_title if old else None, g.appendix_title),
                                tasks=tasks))
    return groups


def _claim(seen: dict[str, str], ident: str, row: int, column: str, err: Err) -> None:
    if ident in seen:
        err(row, column, f"mã '{ident}' bị trùng: {seen[ident]}", ident)
    else:
        seen[ident] = f"đã dùng ở hàng {row} (cột '{column}')"


def _new_id(group_number: int, siblings: list[str], used: set[str]) -> str:
    """A fresh task id following the group's pattern ("nv2.5" -> "nv2.6"), else "nv<group>.<n>"."""
    prefixes = Counter(m.group(1) for s in siblings if (m := re.fullmatch(r"(.*\D)(\d+)", s)))
    prefix = prefixes.most_common(1)[0][0] if prefixes else f"nv{group_number}."
    numbers = [int(m.group(1)) for u in used if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", u))]
    n = max(numbers, default=0) + 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


def _keep(original: str | None, value: str | None) -> str | None:
    """The original wording when the cell shows it unchanged (the sheet strips ends), else the cell."""
    if original is not None and value is not None and cell_string(original) == value:
        return original
    return value


def _task(task_id: str, row: _TaskRow, old: Task | None) -> Task:
    """The task model of a row; the lead wording survives only while the lead units stay the same."""
    label = row.lead_label
    if old is not None:
        label = _keep(old.lead_label, label)
        if row.lead != old.lead and label == old.lead_label:
            label = None
    assert row.timeframe is not None
    return Task(id=task_id, text=_keep(old.text if old else None, row.text) or "",
                body=_keep(old.body if old else None, row.body), in_body=row.in_body, lead=row.lead,
                lead_label=label, support=row.support, timeframe=row.timeframe,
                note=_keep(old.note if old else None, row.note) or "")


# --- what changed ----------------------------------------------------------------------------------
FIELD_NAMES = {
    "text": "nội dung phụ lục", "body": "nội dung trong thân", "in_body": "chỉ có trong phụ lục",
    "lead": "chủ trì", "lead_label": "cách ghi chủ trì", "support": "phối hợp", "timeframe": "thời gian",
    "note": "ghi chú",
}


@dataclass
class TaskChanges:
    """Differences between the task groups of two plans, by task and group id."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (task id, group id)
    removed: list[str] = field(default_factory=list)
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # (task id, from group, to group)
    edited: list[tuple[str, list[str]]] = field(default_factory=list)  # (task id, changed fields)
    reordered: list[str] = field(default_factory=list)
    groups_added: list[str] = field(default_factory=list)
    groups_removed: list[str] = field(default_factory=list)
    groups_edited: list[str] = field(default_factory=list)
    groups_reordered: bool = False

    def __bool__(self) -> bool:
        return any([self.added, self.removed, self.moved, self.edited, self.reordered, self.groups_added,
                    self.groups_removed, self.groups_edited, self.groups_reordered])


def task_changes(old: Plan, new: Plan) -> TaskChanges:
    """What an import changed: added, removed, moved, edited and reordered tasks and groups."""
    where_old = {t.id: (g.id, t) for g in old.task_groups for t in g.tasks}
    where_new = {t.id: (g.id, t) for g in new.task_groups for t in g.tasks}
    ch = TaskChanges()
    ch.added = [(i, g) for i, (g, _) in where_new.items() if i not in where_old]
    ch.removed = [i for i in where_old if i not in where_new]
    for i, (g_new, t_new) in where_new.items():
        if i not in where_old:
            continue
        g_old, t_old = where_old[i]
        if g_old != g_new:
            ch.moved.append((i, g_old, g_new))
        fields = [f for f in FIELD_NAMES if _field(t_old, f) != _field(t_new, f)]
        if fields:
            ch.edited.append((i, fields))
    moved = {i for i, _, _ in ch.moved}
    common_old = [i for i in where_old if i in where_new]
    common_new = [i for i in where_new if i in where_old]
    stay = set(_lcs(common_old, common_new))
    ch.reordered = [i for i in common_new if i not in stay and i not in moved]
    old_groups = {g.id: g for g in old.task_groups}
    new_groups = {g.id: g for g in new.task_groups}
    ch.groups_added = [g for g in new_groups if g not in old_groups]
    ch.groups_removed = [g for g in old_groups if g not in new_groups]
    ch.groups_edited = [g for g in new_groups if g in old_groups and
                        (new_groups[g].title, new_groups[g].appendix_title) !=
                        (old_groups[g].title, old_groups[g].appendix_title)]
    ch.groups_reordered = [g for g in old_groups if g in new_groups] != [g for g in new_groups if g in old_groups]
    return ch


def _field(task: Task, name: str) -> Any:
    value = getattr(task, name)
    return value.text if isinstance(value, Timeframe) else value


def _lcs(a: list[str], b: list[str]) -> list[str]:
    """Longest common subsequence of two id lists (small lists: quadratic is fine)."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    out: list[str] = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            out.append(a[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def describe_changes(ch: TaskChanges) -> list[str]:
    """Vietnamese summary lines of the changes, one per kind."""
    lines: list[str] = []
    if ch.added:
        lines.append(f"Thêm {len(ch.added)} nhiệm vụ: " + ", ".join(f"{i} (nhóm {g})" for i, g in ch.added) + ".")
    if ch.removed:
        lines.append(f"Xóa {len(ch.removed)} nhiệm vụ: {', '.join(ch.removed)}.")
    if ch.moved:
        lines.append(f"Chuyển nhóm {len(ch.moved)} nhiệm vụ: "
                     + ", ".join(f"{i} ({a} → {b})" for i, a, b in ch.moved) + ".")
    if ch.edited:
        lines.append(f"Sửa {len(ch.edited)} nhiệm vụ: "
                     + ", ".join(f"{i} ({', '.join(FIELD_NAMES[f] for f in fs)})" for i, fs in ch.edited) + ".")
    if ch.reordered:
        lines.append(f"Đổi thứ tự {len(ch.reordered)} nhiệm vụ: {', '.join(ch.reordered)}.")
    if ch.groups_added:
        lines.append(f"Thêm nhóm: {', '.join(ch.groups_added)}.")
    if ch.groups_removed:
        lines.append(f"Xóa nhóm: {', '.join(ch.groups_removed)}.")
    if ch.groups_edited:
        lines.append(f"Sửa tên nhóm: {', '.join(ch.groups_edited)}.")
    if ch.groups_reordered:
        lines.append("Đổi thứ tự các nhóm.")
    return lines or ["Không có thay đổi nào."]

