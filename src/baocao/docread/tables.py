"""Tables whose columns are recognised by the words of their header cells (Stt, Nhiệm vụ, Chủ trì,
Thời gian, Chỉ tiêu, Lộ trình, Đầu kỳ, Thực hiện, Ước thực hiện, Cùng kỳ, Đánh giá…), read row by row:
group rows, item rows, other rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Cell, Table
from .places import Place


#: Column roles by the words of their header cell, tried in this order (the first match wins).
COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((role, re.compile(words)) for role, words in (
    ("stt", r"^(stt|tt|số tt|số thứ tự)\.?$"),
    ("time", r"thời gian|thời hạn|tiến độ hoàn thành"),
    ("partner", r"phối hợp"),
    ("lead", r"chủ trì|đơn vị thực hiện|cơ quan thực hiện|đơn vị thực hiện"),
    ("percent", r"so với (mục tiêu|kế hoạch|chỉ tiêu)|%\s*(mục tiêu|kế hoạch)|tỷ lệ \(?%"),
    ("previous", r"cùng kỳ"),
    ("verdict", r"đánh giá"),
    ("status", r"tình trạng|trạng thái"),
    ("unit", r"^(đvt|đơn vị tính)"),
    ("path", r"lộ trình"),
    ("baseline", r"đầu kỳ|năm gốc|kỳ gốc"),
    ("estimate", r"^ước|ước (thực hiện|tính|đạt)"),
    ("goal", r"mục tiêu|chỉ tiêu (kế hoạch|giao)|^kế hoạch"),
    ("value", r"thực hiện|ước|số liệu"),
    ("indicator", r"chỉ tiêu"),
    ("task", r"nhiệm vụ|nội dung|công việc|giải pháp|đề án"),
    ("result", r"kết quả"),
    ("note", r"ghi chú"),
))


@dataclass(frozen=True)
class Row:
    """A row of a table whose columns were recognised: a group heading, an item, or something else."""

    number: int  # 1-based row of the table
    kind: str  # "group" (I, II… or a row spanning the table), "item" (1, 2…), "other"
    stt: str
    cells: dict[str, Cell]  # role → cell

    def text(self, role: str) -> str:
        """The text of the cell with this role, whitespace collapsed ("" when there is none)."""
        cell = self.cells.get(role)
        return cell.flat if cell is not None else ""


@dataclass(frozen=True)
class RoleTable:
    """A table with its columns recognised by their header words (``roles``: role → grid column)."""

    table: Table
    roles: dict[str, int]
    header_rows: int
    rows: tuple[Row, ...]
    heading: str  # where it stands: "Phụ lục I", or the body heading above it

    def place(self, row: Row, role: str) -> Place:
        cell = row.cells.get(role)
        return Place(table=self.table.number, row=row.number, column=cell.column if cell else None,
                     heading=self.heading)


def _roles_of(cells: tuple[Cell, ...]) -> dict[int, str]:
    found: dict[int, str] = {}
    for cell in cells:
        words = cell.flat.lower()
        for role, pattern in COLUMN_ROLES:
            if words and pattern.search(words):
                found[cell.column] = role
                break
    return found


def _is_column_numbers(cells: tuple[Cell, ...]) -> bool:
    words = [c.flat.strip("()") for c in cells]
    return all(w.isdigit() for w in words) and [int(w) for w in words] == list(range(1, len(words) + 1)) \
        or all(re.fullmatch(r"\(\d+\)", c.flat) for c in cells if c.flat)


def read_table(table: Table, heading: str = "") -> RoleTable | None:
    """The table with its columns named by role, or ``None`` when its header words say nothing."""
    by_column: dict[int, str] = {}
    header_rows = 0
    for cells in table.rows[:3]:
        found = _roles_of(cells)
        if len(found) >= 2 or (header_rows and found and len(found) >= len(cells) // 2):
            by_column.update(found)
            header_rows += 1
        else:
            break
    if not by_column:
        return None
    if header_rows < len(table.rows) and _is_column_numbers(table.rows[header_rows]):
        header_rows += 1
    roles: dict[str, int] = {}
    for column, role in sorted(by_column.items()):
        roles.setdefault(role, column)
    width = max((c.column + c.span - 1 for row in table.rows for c in row), default=1)
    rows = []
    for cells in table.rows[header_rows:]:
        number = cells[0].row if cells else 0
        by_role = {role: c for role, col in roles.items()
                   if (c := table.cell(number, col)) is not None and c.column == col}
        stt = by_role["stt"].flat if "stt" in by_role else ""
        rows.append(Row(number, _row_kind(stt, cells, width), stt, by_role))
    return RoleTable(table, roles, header_rows, tuple(rows), heading)


def _row_kind(stt: str, cells: tuple[Cell, ...], width: int) -> str:
    if re.fullmatch(r"\d+(\.\d+)*\.?", stt):
        return "item"
    if re.fullmatch(r"[IVX]+\.?|[A-Z]\.?", stt):
        return "group"
    filled = [c for c in cells if c.flat]
    if len(filled) == 1 and filled[0].span >= max(2, width - 1):
        return "group"
    return "item" if len(filled) >= 2 and not stt else "other"
