"""The sheets of a return form for the data a plan declares: each unit fills in its own rows.

A table the plan declares with ``reported_by: <column>`` (docs/plan-file.md, "Data the plan
declares") is a sheet of every unit's form, headed like the workbook's sheet but without that column:
the unit is known from the form. Collecting reads each sheet back through the data loader's own sheet
parser (:func:`baocao.data.parse.parse_sheet`), so a wrong date or a number in a text column is refused
with file, sheet, row and column exactly as in the workbook, and that row is left out (a fault in the
header row leaves the sheet out); the good rows get the unit's id in the ``reported_by`` column and
are gathered per table for the compiler to put in the workbook.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data.declared import schema_for
from ..data.parse import RawSheet, parse_sheet
from ..data.schema import Table
from ..errors import Problem
from ..fileio.xlsx_cells import header_key
from ..spreadsheet_text import write_text_cell

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl import Workbook

    from ..plan.data_spec import DataTable
    from ..plan.model import Plan


def reported_tables(plan: Plan) -> list[tuple[DataTable, Table]]:
    """The declared tables units report (``reported_by``), each with its form sheet's spec (no unit column)."""
    schema = schema_for(plan)
    out = []
    for spec in plan.data.tables:
        if spec.reported_by:
            table = schema.by_name[spec.name]
            out.append((spec, replace(table, columns=tuple(c for c in table.columns if c.name != spec.reported_by),
                                      key=tuple(k for k in table.key if k != spec.reported_by))))
    return out


def add_data_sheets(wb: Workbook, plan: Plan) -> None:
    """Append one sheet per reported table to a unit's form: the header row, bold and frozen."""
    from openpyxl.styles import Alignment, Font

    for _spec, table in reported_tables(plan):
        ws = wb.create_sheet(table.sheet)
        for j, col in enumerate(table.columns, start=1):
            cell = ws.cell(1, j)
            write_text_cell(cell, col.header)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[cell.column_letter].width = max(12, min(40, len(col.header) + 2))
        ws.freeze_panes = "A2"


def read_data_sheets(path: str | Path, plan: Plan, unit_id: str) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The rows a unit's form reports for each reported table (with the unit's id), and their problems."""
    from openpyxl import load_workbook

    tables = reported_tables(plan)
    if not tables:
        return {}, []
    p = Path(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(p, data_only=False, read_only=True)
    try:
        sheets = {header_key(name): name for name in wb.sheetnames}
        frames: dict[str, Any] = {}
        problems: list[Problem] = []
        for spec, table in tables:
            name = sheets.get(header_key(table.sheet))
            if name is None:
                problems.append(Problem(p.name, "thiếu trang tính này trong phiếu", sheet=table.sheet))
                continue
            rows = [list(r) for r in wb[name].iter_rows(values_only=True)]
            raw = RawSheet.from_rows([["" if v is None else v for v in r] for r in rows])
            result = parse_sheet(raw, table, file=p.name, sheet=name)
            problems += result.errors
            bad_rows = {e.row for e in result.errors}
            if 1 not in bad_rows:  # a fault in a row rejects that row; in the header row, the sheet
                frame = result.frame[~result.frame["_row"].isin(bad_rows)]
                frames[spec.name] = frame.assign(**{spec.reported_by: unit_id})
        return frames, problems
    finally:
        wb.close()
