"""The columns of the task sheet, shared by export and import: sheet names, headers, widths.

Import finds columns by their header text (:func:`baocao.fileio.xlsx_cells.header_key`), so a header
renamed here is renamed in both directions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
UNIT_SEPARATOR = re.compile(r"[;\n]")


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

