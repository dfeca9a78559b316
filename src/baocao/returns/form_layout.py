"""The layout of a unit return form (phiếu báo cáo đơn vị), shared by export and collect.

One sheet: a header block (title, plan, unit, period, deadline, instructions) whose machine-read cells
also carry workbook-level defined names, then one row per task (or qualitative target) with locked
pre-filled columns and unlocked fill columns. Text that looks like a formula is always written and
read as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..task_status import STATUSES

SHEET = "Báo cáo"
FORM_VERSION = "1"


@dataclass(frozen=True)
class Column:
    """One column of the task table: key, header text, width, and whether the unit fills it."""

    key: str
    header: str
    width: float
    fill: bool


COLUMNS: tuple[Column, ...] = (
    Column("id", "Mã", 9, False),
    Column("group", "Nhóm nhiệm vụ", 28, False),
    Column("text", "Nhiệm vụ", 60, False),
    Column("timeframe", "Thời gian thực hiện", 16, False),
    Column("status", "Tình trạng", 18, True),
    Column("result", "Kết quả đạt được", 50, True),
    Column("figures", "Số liệu", 24, True),
    Column("difficulties", "Khó khăn, vướng mắc", 32, True),
    Column("proposals", "Đề xuất, kiến nghị", 32, True),
)
LOCKED_KEYS = tuple(c.key for c in COLUMNS if not c.fill)
FILL_KEYS = tuple(c.key for c in COLUMNS if c.fill)
HEADERS = {c.key: c.header for c in COLUMNS}

HEADER_ROW = 7
FIRST_ROW = 8


@dataclass(frozen=True)
class MetaCell:
    """A machine-read header cell: its label, address and defined name."""

    key: str
    label: str
    row: int
    column: int  # 1-based; the label sits one column to the left
    name: str

    @property
    def coordinate(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.column)}{self.row}"


META: tuple[MetaCell, ...] = (
    MetaCell("unit", "Mã đơn vị", 3, 6, "BAOCAO_MA_DON_VI"),
    MetaCell("period", "Mã kỳ", 4, 6, "BAOCAO_MA_KY"),
    MetaCell("plan", "Kế hoạch", 5, 6, "BAOCAO_KE_HOACH"),
)
META_BY_KEY = {m.key: m for m in META}

STATUS_LIST = ",".join(STATUSES)
LINE_HEIGHT = 14.0  # points per wrapped line of 11-point Times New Roman (Excel ~14.3, LibreOffice ~12.7)
MIN_LINES = 3  # room to type in an empty row


def text_lines(text: str, width: float) -> int:
    """Rough number of wrapped lines ``text`` takes in a column ``width`` characters wide."""
    per_line = max(1, int(width * 1.35))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def fit_row_heights(ws: Any, first_row: int = FIRST_ROW) -> None:
    """Set the height of every table row from its longest wrapped cell (spreadsheets do not do it
    on opening a file written by openpyxl)."""
    for r in range(first_row, ws.max_row + 1):
        lines = MIN_LINES
        for ci, col in enumerate(COLUMNS, start=1):
            value = ws.cell(r, ci).value
            if value is not None:
                lines = max(lines, text_lines(str(value), col.width))
        ws.row_dimensions[r].height = lines * LINE_HEIGHT + 3
