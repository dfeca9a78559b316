"""A data table in the Decree-30 appendix style, written with python-docx into any container.

Bordered, fixed column widths in ``w:tblGrid`` and every ``w:tcW``, header row bold and repeated on
every page, no row split across pages, group rows (I, II…) bold with their title spanning the columns
after Stt. Text takes the appendix styles of the templates (``VB Bang tieu de``, ``VB Bang``,
``VB Bang nhom``), so a clerk restyles it in Word like the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from . import oxml as ox

HEADER_STYLE, CELL_STYLE, GROUP_STYLE = "VB Bang tieu de", "VB Bang", "VB Bang nhom"


@dataclass(frozen=True)
class TableRow:
    """A row: its cells, or a group row (``group``: Stt in the first cell, the title over the others)."""

    cells: tuple[str, ...]
    group: bool = False


def _text(cell: Any, text: str, style: str, align: Any = None) -> None:
    p = cell.paragraphs[0]
    p.style = style
    if text:
        p.add_run(text)
    if align is not None:
        p.alignment = align


def add_data_table(container: Any, widths_mm: Sequence[float], headers: Sequence[str],
                   rows: Sequence[TableRow]) -> Any:
    """Append the table to *container* (a document or subdocument) and return it.

    The first column (Stt) is centred; the widest column (the wording) justified; others centred.
    """
    n = len(widths_mm)
    table = container.add_table(rows=1 + len(rows), cols=n)
    table.style = "Table Grid"
    table.autofit = False
    ox.set_table_borders(table, style="single", size_eighths=4)
    ox.set_table_look_none(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    C, J = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    wide = max(range(n), key=lambda i: widths_mm[i])
    head = table.rows[0]
    for cell, text in zip(head.cells, headers, strict=True):
        _text(cell, text, HEADER_STYLE)
        ox.set_cell_valign(cell, "center")
    ox.set_repeat_header(head)
    ox.set_cant_split(head)
    for row, data in zip(table.rows[1:], rows, strict=True):
        ox.set_cant_split(row)
        if data.group:
            title = row.cells[1].merge(row.cells[-1]) if n > 1 else row.cells[0]
            for extra in title.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            _text(row.cells[0], data.cells[0], GROUP_STYLE, C)
            if n > 1:
                _text(title, data.cells[1] if len(data.cells) > 1 else "", GROUP_STYLE)
            continue
        for i, (cell, text) in enumerate(zip(row.cells, data.cells, strict=True)):
            _text(cell, text, CELL_STYLE, J if i == wide else C)
    ox.set_table_grid(table, [ox.mm_to_twips(w) for w in widths_mm])
    return table
