"""The loaded data of one reporting cycle: one typed DataFrame per table, plus provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from baocao.errors import Problem

from .schema import TABLE_BY_NAME, TABLES

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class CycleData:
    """Every table of the data workbook with internal column names.

    Each frame also has ``_sheet`` (the sheet name as written in the file) and ``_row`` (the
    Excel row number, 1-based, header = row 1), so a computed figure can cite its source rows.
    Dates are ``datetime64`` at midnight; yes/no columns are nullable booleans; blank optional
    cells are missing values (never zero).
    """

    source_path: Path
    sha256: str
    units: pd.DataFrame
    commune_map_2025: pd.DataFrame
    cooperatives: pd.DataFrame
    ratings: pd.DataFrame
    unions: pd.DataFrame
    groups: pd.DataFrame
    households: pd.DataFrame
    linkage_models: pd.DataFrame
    fund: pd.DataFrame
    training: pd.DataFrame
    support: pd.DataFrame
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Internal table name -> frame, in workbook order."""
        return {t.name: getattr(self, t.name) for t in TABLES}

    def table(self, name: str) -> pd.DataFrame:
        """The frame of table *name* (e.g. ``"cooperatives"``)."""
        if name not in TABLE_BY_NAME:
            raise KeyError(f"Không có bảng '{name}'; các bảng: {', '.join(TABLE_BY_NAME)}")
        return getattr(self, name)

    def cite(self, name: str, rows: list[int] | tuple[int, ...] | None = None) -> str:
        """Vietnamese citation of source rows: "tệp X, trang tính 'HTX', hàng 5, 9, 12"."""
        sheet = self.table(name)[["_sheet"]].iloc[:1]
        sheet_name = sheet.iloc[0, 0] if len(sheet) else TABLE_BY_NAME[name].sheet
        text = f"tệp {self.source_path.name}, trang tính '{sheet_name}'"
        if rows:
            text += ", hàng " + ", ".join(str(r) for r in rows)
        return text
