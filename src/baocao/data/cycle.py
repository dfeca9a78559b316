"""The loaded data of one reporting cycle: one typed DataFrame per table, plus provenance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from baocao.errors import Problem

from .schema import TABLE_BY_NAME, TABLES, Table

if TYPE_CHECKING:
    import pandas as pd

    from .declared import DataSchema


@dataclass(frozen=True)
class CycleData:
    """Every table of the data workbook with internal column names.

    Each frame also has ``_sheet`` (the sheet name as written in the file) and ``_row`` (the
    Excel row number, 1-based, header = row 1), so a computed figure can cite its source rows.
    Dates are ``datetime64`` at midnight; yes/no columns are nullable booleans; blank optional
    cells are missing values (never zero). A workbook read with a plan's own tables is a
    :class:`DeclaredCycleData`.
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

    def spec(self, name: str) -> Table:
        """The :class:`Table` (sheet, columns) of table *name*."""
        if name not in TABLE_BY_NAME:
            raise KeyError(f"Không có bảng '{name}'; các bảng: {', '.join(self.tables)}")
        return TABLE_BY_NAME[name]

    def table(self, name: str) -> pd.DataFrame:
        """The frame of table *name* (e.g. ``"cooperatives"``)."""
        self.spec(name)
        return getattr(self, name)

    def cite(self, name: str, rows: list[int] | tuple[int, ...] | None = None) -> str:
        """Vietnamese citation of source rows: "tệp X, trang tính 'HTX', hàng 5, 9, 12"."""
        sheet = self.table(name)[["_sheet"]].iloc[:1]
        sheet_name = sheet.iloc[0, 0] if len(sheet) else self.spec(name).sheet
        text = f"tệp {self.source_path.name}, trang tính '{sheet_name}'"
        if rows:
            text += ", hàng " + ", ".join(str(r) for r in rows)
        return text


@dataclass(frozen=True)
class DeclaredCycleData(CycleData):
    """A workbook read with the tables a plan declares (``data:``): ``declared`` holds their frames by
    internal name, ``schema`` the schema it was read with. With ``builtin: false`` the built-in tables
    are empty frames."""

    declared: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    schema: DataSchema | None = field(default=None, compare=False, repr=False)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The built-in tables, then the declared ones."""
        return {**super().tables, **self.declared}

    def spec(self, name: str) -> Table:
        if self.schema is not None and name in self.schema.by_name:
            return self.schema.by_name[name]
        return super().spec(name)

    def table(self, name: str) -> pd.DataFrame:
        if name in self.declared:
            return self.declared[name]
        return super().table(name)
