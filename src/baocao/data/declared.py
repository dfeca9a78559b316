"""The data schema of one plan: the built-in tables and the tables the plan declares under ``data:``.

A declared table becomes a :class:`~baocao.data.schema.Table` like the built-in ones, and its
checks become rules like :data:`~baocao.data.checks.RULES`: a reference to another table's column,
a date that may not come before another, a part not above its whole. The loader reads a workbook
against a :class:`DataSchema`, so declared sheets are validated exactly like the built-in ones
(every problem at once, with sheet, row and column).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from .checks import REFERENCED, RULES, Rule, _date_order, _foreign_key, _part_of_whole
from .schema import TABLE_BY_NAME, TABLES, Column, Table

if TYPE_CHECKING:
    from baocao.plan.data_spec import DataTable, PlanData
    from baocao.plan.model import Plan


@dataclass(frozen=True)
class DataSchema:
    """The tables a workbook holds, the rules across them, and which of them a plan declared."""

    tables: tuple[Table, ...]
    rules: tuple[Rule, ...]
    referenced: frozenset[str]  # tables other tables point to: read early
    declared: frozenset[str] = frozenset()
    by_name: dict[str, Table] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {t.name: t for t in self.tables})


BUILTIN = DataSchema(TABLES, RULES, REFERENCED)


def to_table(spec: DataTable) -> Table:
    """The :class:`Table` of a declared table."""
    columns = tuple(Column(c.name, c.header, c.kind, required=c.required, choices=tuple(c.choices),
                           min=c.min, max=c.max, width=c.width, note=c.note) for c in spec.columns)
    return Table(spec.name, spec.sheet, columns, key=tuple(spec.key), required=spec.required, title=spec.title)


def _rules(spec: DataTable, tables: Mapping[str, Table]) -> Iterator[Rule]:
    for col in spec.columns:
        target = tuple(col.references.split(".")) if col.references else ()
        if target and target[0] in tables and target[1] in tables[target[0]].column_by_name:  # else: schema_faults
            yield Rule((spec.name, target[0]), partial(_foreign_key, table=spec.name, column=col.name,
                                                       targets=(target,), tables=tables))  # type: ignore[arg-type]
    for check in spec.checks:
        if check.date_order:
            earlier, later = check.date_order
            message = check.message or f"'{tables[spec.name].header(later)}' trước '{tables[spec.name].header(earlier)}'"
            yield Rule((spec.name,), lambda f, c, w, e=earlier, la=later, m=message:
                       _date_order(f, w, spec.name, e, la, m, tables))
        else:
            part, whole = check.part_of_whole  # type: ignore[misc]
            yield Rule((spec.name,), lambda f, c, w, p=part, wh=whole: _part_of_whole(f, w, spec.name, p, wh, tables))


def _data(plan: Plan | PlanData | None) -> PlanData | None:
    return getattr(plan, "data", plan)


def schema_for(plan: Plan | PlanData | None) -> DataSchema:
    """The schema of the workbook of *plan*: the built-in tables unless ``data.builtin`` is false, and
    the declared ones. A plan that declares nothing gets :data:`BUILTIN`."""
    spec = _data(plan)
    if spec is None or (spec.builtin and not spec.tables):
        return BUILTIN
    declared = tuple(to_table(t) for t in spec.tables)
    tables = (TABLES if spec.builtin else ()) + declared
    by_name = {t.name: t for t in tables}
    rules = (RULES if spec.builtin else ()) + tuple(r for t in spec.tables for r in _rules(t, by_name))
    referenced = (REFERENCED if spec.builtin else frozenset()) | {
        c.references.split(".")[0] for t in spec.tables for c in t.columns if c.references}
    return DataSchema(tables, rules, frozenset(referenced), frozenset(t.name for t in declared))


Fault = tuple[tuple[Any, ...], str, Any]


def schema_faults(plan: Plan) -> Iterator[Fault]:
    """Faults of a plan's declaration that need the built-in tables: a name or sheet taken, a reference
    to a table or column that does not exist (located at the plan's YAML path)."""
    spec = plan.data
    builtin_sheets = {t.sheet.casefold(): t.name for t in TABLES}
    known = {t.name: t for t in spec.tables}
    for ti, table in enumerate(spec.tables):
        loc: tuple[Any, ...] = ("data", "tables", ti)
        if table.name in TABLE_BY_NAME:
            yield loc + ("name",), f"tên bảng '{table.name}' trùng một bảng có sẵn; đặt tên khác", table.name
        if spec.builtin and table.sheet.casefold() in builtin_sheets:
            yield loc + ("sheet",), f"trang tính '{table.sheet}' trùng trang có sẵn", table.sheet
        for ci, col in enumerate(table.columns):
            if not col.references:
                continue
            ref_table, ref_column = col.references.split(".")
            where = loc + ("columns", ci, "references")
            if ref_table in known:
                continue  # checked with the plan (plan.data_spec.data_faults)
            builtin = TABLE_BY_NAME.get(ref_table) if spec.builtin else None
            if builtin is None:
                choices = ", ".join(list(known) + (list(TABLE_BY_NAME) if spec.builtin else []))
                yield where, f"không có bảng '{ref_table}' (có: {choices})", col.references
            elif ref_column not in builtin.column_by_name:
                yield where, f"bảng '{ref_table}' không có cột '{ref_column}'", col.references
