"""Write typed tables back to a data workbook laid out as :mod:`.schema` says.

Used by the sample-data generator and to hand analysts an empty, correctly headed workbook.
openpyxl write-only mode: bold frozen header row, real date cells shown as dd/mm/yyyy, codes as
text (leading zeros kept), yes/no as "Có"/"Không". The file appears only when complete and never
replaces one without ``overwrite`` (:mod:`baocao.fileio.atomic`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from baocao.fileio.atomic import atomic_output

from .parse import column_letter
from .schema import INTRO_SHEET, NO, TABLES, YES, Column, Table

DATE_FORMAT = "DD/MM/YYYY"


def _python_values(series: pd.Series, col: Column) -> list[object]:
    values = series.astype(object).where(series.notna(), None).tolist()
    if col.kind == "bool":
        return [None if v is None else (YES if v else NO) for v in values]
    if col.kind in ("int", "year"):
        return [None if v is None else int(v) for v in values]
    if col.kind == "number":
        return [None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v) for v in values]
    if col.kind == "date":
        return [None if v is None else (v.date() if isinstance(v, dt.datetime) else v) for v in values]
    return [None if v is None else str(v) for v in values]


def _write_table(wb: Workbook, frame: pd.DataFrame, columns: Sequence[Column], sheet: str) -> None:
    ws = wb.create_sheet(sheet)
    ws.freeze_panes = "A2"
    for j, col in enumerate(columns):
        ws.column_dimensions[column_letter(j)].width = max(10, min(45, len(col.header) + 2))
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="center")
    header = []
    for col in columns:
        cell = WriteOnlyCell(ws, value=col.header)
        cell.font, cell.alignment = bold, wrap
        header.append(cell)
    ws.append(header)
    cols = [_python_values(frame[c.name], c) if c.name in frame else [None] * len(frame) for c in columns]
    date_cols = [j for j, c in enumerate(columns) if c.kind == "date"]
    for row in zip(*cols, strict=True):
        if date_cols:
            row = list(row)
            for j in date_cols:
                if row[j] is not None:
                    cell = WriteOnlyCell(ws, value=row[j])
                    cell.number_format = DATE_FORMAT
                    row[j] = cell
        ws.append(row)


def write_workbook(
    frames: Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    intro: Sequence[Sequence[object]] = (),
    overwrite: bool = False,
    tables: Sequence[Table] = TABLES,
) -> Path:
    """Write *frames* (internal table name -> frame with internal column names) to *path*.

    Tables follow *tables* order (default: the built-in :data:`TABLES`; a plan's schema,
    ``baocao.data.schema_for(plan).tables``, adds its declared tables); a table absent from *frames*
    gets an empty sheet with its headers. *intro* rows, if any, fill a first sheet "Giới thiệu" for
    people (the loader skips it).
    """
    path = Path(path)
    with atomic_output(path, overwrite=overwrite) as temp:
        _build_workbook(frames, intro, tables).save(temp)
    return path


def _build_workbook(frames: Mapping[str, pd.DataFrame], intro: Sequence[Sequence[object]],
                    tables: Sequence[Table] = TABLES) -> Workbook:
    wb = Workbook(write_only=True)
    if intro:
        ws = wb.create_sheet(INTRO_SHEET)
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 100
        ws.column_dimensions["C"].width = 10
        for i, row in enumerate(intro):
            cells = []
            for v in row:
                cell = WriteOnlyCell(ws, value=v)
                if i == 0:
                    cell.font = Font(bold=True, size=14)
                cells.append(cell)
            ws.append(cells)
    for table in tables:
        frame = frames.get(table.name, pd.DataFrame(columns=table.names))
        _write_table(wb, frame, table.columns, table.sheet)
    return wb
