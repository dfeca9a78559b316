"""Read an edited task sheet back into a plan whose task groups follow it.

Rows may be added, deleted, reordered or moved under another group row; columns are found by their
header text, so an analyst may move them. Every fault is collected with its sheet, row and column
before anything is returned; a formula or an Excel date is refused, never evaluated.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

from ...errors import InputError, Problem
from ...fileio.xlsx_cells import CellText, cell_string, header_key, read_cell
from ...text_chars import refused_message
from ...vnformat import norm_space
from ..model import Plan, Task, TaskGroup
from ..timeframe import Timeframe, TimeframeError, parse_timeframe
from .columns import H_GROUP, H_ID, H_LEAD, SHEET, UNIT_SEPARATOR, YES, task_columns

_YES_WORDS = {"có", "x", "c", "yes", "y", "1", "true", "đúng"}
_NO_WORDS = {"", "không", "k", "no", "n", "0", "false", "sai"}

Err = Callable[..., None]  # err(row, column header, message, value=None) records a Problem
Resolve = Callable[[str], tuple[str | None, str | None]]  # cell text -> (unit id, None) or (None, message)


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


MULTILINE = ("support", "note")  # columns whose cells may hold line breaks (with the lead columns)


def _cell_text(cell: CellText, allow: str = "") -> tuple[str, str | None]:
    """Text of a task sheet cell, or "" and a Vietnamese message when the cell is not typed text or holds
    characters a plan value may not (``allow``: the line break of a multi-line column)."""
    if cell.formula:
        return "", f"ô chứa công thức ({cell.text}); hãy nhập dạng chữ"
    if cell.kind == "date":
        return "", "ô đang ở dạng ngày giờ của Excel; hãy định dạng ô là Text (chữ) rồi gõ lại"
    refused = refused_message(cell.text, allow=allow)
    if refused:
        return "", f"ô {refused}"
    return cell.text, None


def _parse_row(row: int, cells: list[CellText], columns: dict[str, tuple[int, str]], leads: list[tuple[int, str]],
               resolve: Resolve, err: Err) -> _GroupRow | _TaskRow | None:
    """One sheet row as a group row, a task row, or None when it is empty."""
    def text(i: int, header: str, allow: str = "") -> str:
        cell = cells[i] if i < len(cells) else read_cell(None)
        value, message = _cell_text(cell, allow)
        if message:
            err(row, header, message, cell.text)
        return value

    values = {key: text(*columns[key], "\n" if key in MULTILINE else "") for key in columns if key != "stt"}
    lead_cells = [(header, text(i, header, "\n")) for i, header in leads]
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
    """The task model of a row; the lead wording survives only while the lead units stay the same, the short
    title (not a column of the sheet) stays with the task's id."""
    label = row.lead_label
    if old is not None:
        label = _keep(old.lead_label, label)
        if row.lead != old.lead and label == old.lead_label:
            label = None
    assert row.timeframe is not None
    return Task(id=task_id, text=_keep(old.text if old else None, row.text) or "",
                short=old.short if old else None, body=_keep(old.body if old else None, row.body),
                in_body=row.in_body, lead=row.lead,
                lead_label=label, support=row.support, timeframe=row.timeframe,
                note=_keep(old.note if old else None, row.note) or "")

