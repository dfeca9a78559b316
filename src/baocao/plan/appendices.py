"""A plan's appendices: none, one or several, each with its own title and table columns.

An appendix is either the task-assignment table (``tasks: all`` or a list of task-group ids), whose
columns are chosen among the task's fields, or a table written out in the plan file (``columns`` and
``rows``). Several appendices are numbered "Phụ lục I", "Phụ lục II" (Decree 30, Appendix I §1.8);
a single one is "Phụ lục".
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .base import Model
from .numbers import VnNumber

TaskField = Literal["stt", "task", "lead", "support", "time", "note"]

#: The task table's columns when the plan gives none: the seed's five, 252 mm on a landscape A4 page.
TASK_COLUMNS: tuple[tuple[TaskField, str, float], ...] = (
    ("stt", "Stt", 12), ("task", "Nhiệm vụ", 128), ("lead", "Chủ trì tham mưu", 55),
    ("time", "Thời gian thực hiện", 35), ("note", "Ghi chú", 22))
#: Default header of a task field chosen without a header.
TASK_HEADERS: dict[str, str] = {field: header for field, header, _ in TASK_COLUMNS} | {"support": "Phối hợp"}
#: Width (mm) of a narrow task field chosen without a width; the wording columns share what is left.
TASK_WIDTHS: dict[str, float] = {"stt": 12, "time": 35, "note": 22}
#: Text width of a landscape A4 page with the Decree-30 margins (297 - 30 - 15 mm).
LANDSCAPE_TEXT_MM = 252.0


class AppendixColumn(Model):
    """A column: its header, width in mm (the columns without one share what is left), and for a task
    table the task field it shows."""

    header: str = ""
    width: VnNumber | None = None
    field: TaskField | None = None

    @model_validator(mode="before")
    @classmethod
    def _field_alone(cls, data: Any) -> Any:
        return {"field": data} if isinstance(data, str) else data


class TableRow(Model):
    """A row of a written-out table: its cells, or a group row (``group``: the title over the row)."""

    cells: list[str] = Field(default_factory=list)
    stt: str = ""  # of a group row: "I", "II"
    group: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _cells_alone(cls, data: Any) -> Any:
        return {"cells": data} if isinstance(data, list) else data

    @field_validator("cells", mode="before")
    @classmethod
    def _as_text(cls, v: Any) -> Any:
        return [c if isinstance(c, str) else ("" if c is None else str(c)) for c in v] if isinstance(v, list) else v


class Appendix(Model):
    """One appendix: heading, title, the "(Kèm theo …)" prefix, and its table."""

    heading: str | None = None  # default "Phụ lục", or "Phụ lục I", "II"… when there are several
    title: str = "PHÂN CÔNG THỰC HIỆN KẾ HOẠCH"
    ref_prefix: str | None = None  # default "Kèm theo <type> số"; the seed writes "số:"
    tasks: Literal["all"] | list[str] | None = "all"  # the task table: every group, or these group ids
    columns: list[AppendixColumn] = Field(default_factory=list)
    rows: list[TableRow] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _written_out(cls, data: Any) -> Any:
        """An appendix with ``rows`` is a written-out table, not the task table."""
        if isinstance(data, dict) and "rows" in data and "tasks" not in data:
            data = {**data, "tasks": None}
        return data

    @model_validator(mode="after")
    def _content(self) -> "Appendix":
        if self.rows and self.tasks is not None:
            raise ValueError("phụ lục là bảng nhiệm vụ ('tasks') hoặc bảng tự ghi ('rows'), không cả hai")
        if self.tasks is None and not self.columns:
            raise ValueError("phụ lục tự ghi cần 'columns' (tiêu đề cột) và 'rows' (các dòng)")
        for i, col in enumerate(self.columns):
            if self.tasks is not None and col.field is None:
                raise ValueError(f"cột {i + 1} của bảng nhiệm vụ cần 'field' ({', '.join(TASK_HEADERS)})")
            if self.tasks is None and col.field is not None:
                raise ValueError(f"cột {i + 1}: 'field' chỉ dùng cho bảng nhiệm vụ ('tasks')")
            if self.tasks is None and not col.header:
                raise ValueError(f"cột {i + 1} cần 'header'")
        known = sum(c.width or 0 for c in self.columns)
        if known > LANDSCAPE_TEXT_MM:
            raise ValueError(f"tổng độ rộng cột {known:g} mm vượt {LANDSCAPE_TEXT_MM:g} mm của trang ngang")
        for i, row in enumerate(self.rows):
            if row.group is None and len(row.cells) != len(self.columns):
                raise ValueError(f"dòng {i + 1} có {len(row.cells)} ô, bảng có {len(self.columns)} cột")
        return self

    def table_columns(self) -> list[tuple[str, float, str | None]]:
        """(header, width in mm, task field) of each column; widths fill the landscape text width."""
        if self.tasks is not None and not self.columns:
            return [(header, width, field) for field, header, width in TASK_COLUMNS]
        cols = [(c.header or TASK_HEADERS.get(c.field or "", ""), c.width or TASK_WIDTHS.get(c.field or ""), c.field)
                for c in self.columns]
        free = [c for c in cols if c[1] is None]
        left = LANDSCAPE_TEXT_MM - sum(c[1] or 0 for c in cols)
        share = left / len(free) if free else 0.0
        return [(h, w if w is not None else share, f) for h, w, f in cols]

    @property
    def is_task_table(self) -> bool:
        return self.tasks is not None
