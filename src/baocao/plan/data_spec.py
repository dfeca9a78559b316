"""Data a plan declares for its own targets: extra tables of the data workbook, their columns and checks.

A plan whose targets need figures the built-in workbook does not hold (markets by grade, managers by
qualification, revenue per cooperative) declares them under ``data:``; the data loader
(:mod:`baocao.data.declared`) validates those sheets like the built-in ones, the sample-data
generator and the unit return forms follow them, and the metrics compute from them. This module is
only the declaration as the plan file writes it; its checks are those that need nothing but the plan.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, model_validator

from .base import Model
from .numbers import VnNumber

ColumnKind = Literal["code", "text", "int", "number", "date", "year", "bool", "enum"]
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
NUMERIC_KINDS = ("int", "number", "year")
ORDERED_KINDS = ("date", "year", "int", "number")


class DataColumn(Model):
    """One column: internal name, Vietnamese header, kind and constraints (as the built-in columns)."""

    name: str
    header: str
    kind: ColumnKind
    required: bool = True
    choices: list[str] = Field(default_factory=list)  # kind "enum"
    min: VnNumber | None = None
    max: VnNumber | None = None
    width: int | None = None  # kind "code": a number typed into the cell is zero-padded to this width
    references: str | None = None  # "table.column": each value must be a value of that column
    note: str = ""

    @model_validator(mode="after")
    def _shape(self) -> "DataColumn":
        if not NAME.match(self.name):
            raise ValueError(f"tên cột '{self.name}' phải viết thường, không dấu, nối bằng '_' (ví dụ 'ngay_hoan_thanh')")
        if (self.kind == "enum") != bool(self.choices):
            raise ValueError("cột kiểu 'enum' cần 'choices' (danh sách chọn); kiểu khác không có 'choices'")
        if (self.min is not None or self.max is not None) and self.kind not in NUMERIC_KINDS:
            raise ValueError(f"'min'/'max' chỉ dùng cho cột số ({', '.join(NUMERIC_KINDS)})")
        if self.width is not None and self.kind != "code":
            raise ValueError("'width' chỉ dùng cho cột mã ('code')")
        if self.references is not None and not re.fullmatch(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*", self.references):
            raise ValueError(f"'references' ghi dạng 'bảng.cột', ví dụ 'units.commune_code' (đang là '{self.references}')")
        return self


class DataCheck(Model):
    """A rule across the columns of a row: a date that may not come before another, a part not above its whole."""

    date_order: tuple[str, str] | None = None  # [earlier, later]
    part_of_whole: tuple[str, str] | None = None  # [part, whole]
    message: str = ""  # Vietnamese; a default one is written when empty

    @model_validator(mode="after")
    def _one(self) -> "DataCheck":
        if (self.date_order is None) == (self.part_of_whole is None):
            raise ValueError("mỗi kiểm tra ghi đúng một trong 'date_order: [trước, sau]' hoặc "
                             "'part_of_whole: [phần, tổng]'")
        return self

    @property
    def columns(self) -> tuple[str, str]:
        return self.date_order or self.part_of_whole  # type: ignore[return-value]


class DataTable(Model):
    """One sheet a plan declares: internal name, sheet name, columns, key and checks.

    ``reported_by`` names a column holding the id of a unit of the plan: each unit's return form
    then carries this sheet for the unit to fill in its own rows.
    """

    name: str
    sheet: str
    title: str = ""
    columns: list[DataColumn] = Field(min_length=1)
    key: list[str] = Field(default_factory=list)
    required: bool = True
    checks: list[DataCheck] = Field(default_factory=list)
    reported_by: str | None = None

    def column(self, name: str) -> DataColumn | None:
        return next((c for c in self.columns if c.name == name), None)


class PlanData(Model):
    """The plan's data: its own tables, and whether the workbook also holds the built-in tables."""

    builtin: bool = True
    tables: list[DataTable] = Field(default_factory=list)

    def table(self, name: str) -> DataTable | None:
        return next((t for t in self.tables if t.name == name), None)


Fault = tuple[tuple[Any, ...], str, Any]


def data_faults(spec: PlanData) -> Iterator[Fault]:
    """Faults of a declaration that the plan alone shows: names, keys, checks, references, reporters.

    A reference to a built-in table is checked by the data layer, which knows those tables.
    """
    names = Counter(t.name for t in spec.tables)
    sheets = Counter(t.sheet.casefold() for t in spec.tables)
    for ti, table in enumerate(spec.tables):
        loc: tuple[Any, ...] = ("data", "tables", ti)
        if not NAME.match(table.name):
            yield loc + ("name",), f"tên bảng '{table.name}' phải viết thường, không dấu, nối bằng '_'", table.name
        if names[table.name] > 1:
            yield loc + ("name",), f"tên bảng '{table.name}' bị trùng", table.name
        if sheets[table.sheet.casefold()] > 1:
            yield loc + ("sheet",), f"tên trang tính '{table.sheet}' bị trùng", table.sheet
        columns = Counter(c.name for c in table.columns)
        headers = Counter(c.header.casefold() for c in table.columns)
        for ci, col in enumerate(table.columns):
            if columns[col.name] > 1:
                yield loc + ("columns", ci, "name"), f"tên cột '{col.name}' bị trùng", col.name
            if headers[col.header.casefold()] > 1:
                yield loc + ("columns", ci, "header"), f"tiêu đề cột '{col.header}' bị trùng", col.header
            if col.references:
                ref_table, ref_column = col.references.split(".")
                target = spec.table(ref_table)
                if target is not None and target.column(ref_column) is None:
                    yield (loc + ("columns", ci, "references"), f"bảng '{ref_table}' không có cột '{ref_column}'",
                           col.references)
        for ki, name in enumerate(table.key):
            if table.column(name) is None:
                yield loc + ("key", ki), f"khóa '{name}' không phải cột của bảng", name
        for ki, check in enumerate(table.checks):
            kind = "date_order" if check.date_order else "part_of_whole"
            allowed = ORDERED_KINDS if kind == "date_order" else NUMERIC_KINDS
            for i, name in enumerate(check.columns):
                col = table.column(name)
                if col is None:
                    yield loc + ("checks", ki, kind, i), f"'{name}' không phải cột của bảng", name
                elif col.kind not in allowed:
                    yield (loc + ("checks", ki, kind, i),
                           f"cột '{name}' kiểu '{col.kind}' không so sánh được (cần {', '.join(allowed)})", name)
        if table.reported_by is not None:
            col = table.column(table.reported_by)
            if col is None or col.kind not in ("code", "text"):
                yield (loc + ("reported_by",), f"'{table.reported_by}' phải là một cột mã hoặc chữ của bảng "
                       "(ghi mã đơn vị báo cáo)", table.reported_by)
