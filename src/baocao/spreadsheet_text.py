"""Text in spreadsheets that is never taken for a formula: .xlsx cells we write and CSV files.

A cell text beginning with ``=``, ``+``, ``-`` or ``@`` is read as a formula by Excel and LibreOffice
when typed or when a CSV file is opened: a unit's "- Đã tổ chức 3 lớp" shows as ``#NAME?``, a crafted
``=HYPERLINK(…)`` runs ("CSV injection"). In .xlsx we write such text as a string cell with Excel's
quote prefix (shown as typed, nothing added to the value); in CSV, where no cell type exists, an
apostrophe is added (OWASP's advice) before such text, and before a tab.

A CSV cell holding a line break is quoted (records end with CR LF, so a CR in a cell is quoted too)
and no record splits in a CSV reader. A reader that splits lines anyway must not find a formula
either: the guard also applies to every line inside a cell, after each CR or LF. A text that already
starts with apostrophes before such a character gets one more, so the guard can always be undone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@")
_CSV_LINE_NEEDS_GUARD = re.compile(r"(^|\r\n|\r|\n)('*[=+\-@\t])")


def looks_like_formula(value: Any) -> bool:
    """True for text that a spreadsheet would take for a formula if typed: = + - @ first."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def write_text_cell(cell: Any, value: str | None) -> None:
    """Put text in an openpyxl cell so that no spreadsheet ever reads it as a formula or number, and
    Excel shows it as typed (a ``_xHHHH_`` in the text is escaped, see :func:`~baocao.fileio.xlsx_cells.excel_escape`)."""
    from .fileio.xlsx_cells import excel_escape

    cell.value = excel_escape(value) if isinstance(value, str) else value
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True


def guard_csv_cell(value: Any) -> Any:
    """*value* with an apostrophe before each of its lines a spreadsheet would run as a formula (see the
    module doc); other values unchanged."""
    if isinstance(value, str):
        return _CSV_LINE_NEEDS_GUARD.sub(r"\1'\2", value)
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text (header row, no index), text cells guarded by :func:`guard_csv_cell`."""
    guarded = frame.copy()
    for column in guarded.columns:
        if guarded[column].dtype == object or str(guarded[column].dtype) in ("string", "str"):
            guarded[column] = guarded[column].map(guard_csv_cell)
    guarded.columns = [guard_csv_cell(str(c)) for c in guarded.columns]
    return guarded.to_csv(index=False, lineterminator="\r\n")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """:func:`csv_text` encoded UTF-8 with a byte-order mark, so Excel reads Vietnamese letters right."""
    return csv_text(frame).encode("utf-8-sig")
