"""``compute:`` entries checked when the plan is loaded, like every other key: file, key path, YAML line,
every fault at once.

A metric declares its parameters by its signature (:attr:`~baocao.indicators.metrics.Metric.params`):
an entry naming an unknown metric, an unknown parameter, or missing a required one is a fault; so is
a value of the wrong shape for the parameter's annotation (text, yes/no, list, mapping, date), a table
the workbook does not hold (built-in or declared by the plan under ``data:``), a column that table
lacks (in the column parameters and in the keys of ``where``/``condition``), or an unquoted 6.600.

``baocao.load_plan`` is :func:`load_plan` here: the plan's own checks plus these. The document
commands (``baocao plan``, ``baocao appendix``) load with :func:`baocao.plan.io.load_plan` alone, so
they stay light (no pandas) and render a plan whatever its ``compute:`` entries say.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from typing import Any

from baocao.data.declared import schema_faults, schema_for
from baocao.plan.io import Fault, Loc, load_plan as load_plain, located_targets, parse_plan as parse_plain
from baocao.plan.model import Plan
from baocao.yamlfile import AmbiguousNumber

from .filters import RATING
from .metrics import METRICS, RESERVED_KEYS, Param

#: Parameters naming a column of the metric's table.
COLUMN_PARAMS = ("numerator", "denominator", "column", "date", "distinct", "year_column", "per")
#: Parameters whose keys name columns of the metric's table.
CONDITION_PARAMS = ("where", "condition")
#: A parameter holding the parameters of another metric: ``growth``'s ``count`` takes ``count_rows``'.
NESTED = {("growth", "count"): "count_rows"}

_SHAPES: dict[str, tuple[type, ...]] = {
    "str": (str,), "bool": (bool,), "int": (int,), "float": (int, float), "None": (type(None),),
    "dt.date": (dt.date,), "date": (dt.date,),
}


def _accepted(annotation: str) -> tuple[type, ...] | None:
    """Python types a YAML value may have for a parameter annotated *annotation*; None: anything."""
    found: list[type] = []
    for part in (p.strip() for p in annotation.split("|")):
        if part.startswith(("Mapping", "dict")):
            found.append(dict)
        elif part.startswith(("Iterable", "list", "tuple", "Sequence")):
            found += [list, tuple]
        elif part in _SHAPES:
            found += _SHAPES[part]
        else:
            return None  # Any, or a type this check does not know: the metric decides
    return tuple(found)


_SHAPE_VI = {str: "chữ", bool: "có/không (true/false)", int: "số", float: "số", dict: "bảng 'khóa: giá trị'",
             list: "danh sách", tuple: "danh sách", dt.date: "ngày YYYY-MM-DD", type(None): "để trống"}


def _shape_text(types: tuple[type, ...]) -> str:
    return " hoặc ".join(dict.fromkeys(_SHAPE_VI[t] for t in types if t in _SHAPE_VI))


def _ambiguous(value: Any, loc: Loc) -> Iterator[Fault]:
    if isinstance(value, AmbiguousNumber):
        yield loc, (f"số {value.text} viết không có ngoặc kép nên YAML đọc là số thập phân; viết "
                    f"\"{value.text}\" (trong ngoặc kép, kiểu Việt Nam) hoặc bỏ dấu chấm"), value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _ambiguous(v, loc + (k,))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _ambiguous(v, loc + (i,))


class _Tables:
    """The tables of a plan's workbook and their columns."""

    def __init__(self, plan: Plan) -> None:
        self.by_name = schema_for(plan).by_name

    def names(self) -> str:
        return ", ".join(self.by_name)

    def columns(self, table: str) -> list[str]:
        return self.by_name[table].names


def _fits(value: Any, types: tuple[type, ...]) -> bool:
    """*value* has one of *types*; a yes/no never passes for a number."""
    return bool in types if isinstance(value, bool) else isinstance(value, types)


def _named_tables(params: Mapping[str, Any], loc: Loc) -> Iterator[tuple[str, Loc, str]]:
    """(parameter, YAML path, table name) of each table a ``table:`` or ``tables:`` parameter names."""
    single = params.get("table")
    if isinstance(single, str):
        yield "table", loc + ("table",), single
    several = params.get("tables")
    for i, t in enumerate(several if isinstance(several, (list, tuple)) else ()):
        if isinstance(t, str):
            yield "tables", loc + ("tables", i), t


def _entry_faults(name: str, params: Mapping[str, Any], loc: Loc, tables: _Tables) -> Iterator[Fault]:
    metric = METRICS.get(name)
    if metric is None:
        yield loc + ("metric",), f"cách tính (metric) '{name}' không có; các cách tính: {', '.join(sorted(METRICS))}", name
        return
    declared: dict[str, Param] = {p.name: p for p in metric.params}
    for key, value in params.items():
        if key not in declared:
            yield loc + (key,), (f"tham số '{key}' không dùng được với '{name}'; các tham số: "
                                 f"{', '.join(declared)}"), None
            continue
        types = _accepted(declared[key].annotation)
        if types is not None and not _fits(value, types):
            yield loc + (key,), f"tham số '{key}' của '{name}' phải là {_shape_text(types)}", value
    missing = [p.name for p in metric.params if p.required and p.name not in params]
    if missing:
        yield loc, f"'{name}' cần tham số: {', '.join(missing)}", None
    known = []
    for key, where, table in _named_tables(params, loc):
        if table in tables.by_name:
            known.append(table)
        else:
            yield where, f"không có bảng '{table}' trong sổ dữ liệu; các bảng: {tables.names()}", table
    for table in known:
        columns = tables.columns(table)
        for key in COLUMN_PARAMS:
            value = params.get(key)
            if key in declared and isinstance(value, str) and value not in columns:
                yield loc + (key,), f"bảng '{table}' không có cột '{value}'; các cột: {', '.join(columns)}", value
        for key in CONDITION_PARAMS:
            cond = params.get(key)
            if key in declared and isinstance(cond, Mapping):
                for column in cond:
                    if column != RATING and column not in columns:
                        yield (loc + (key, column), f"bảng '{table}' không có cột '{column}'; các cột: "
                               f"{', '.join(columns)}", column)
    for (metric_name, key), nested in NESTED.items():
        if metric_name == name and isinstance(params.get(key), Mapping):
            yield from _entry_faults(nested, params[key], loc + (key,), tables)


def compute_faults(plan: Plan) -> Iterator[Fault]:
    """Every fault of the plan's ``compute:`` entries and of its declared data, with its YAML path."""
    yield from schema_faults(plan)
    tables = _Tables(plan)
    for loc, target in located_targets(plan):
        if not target.compute:
            continue
        where = loc + ("compute",)
        yield from _ambiguous(target.compute, where)
        if "metric" not in target.compute:
            yield where, "thiếu 'metric' (tên cách tính)", None
            continue
        params = {k: v for k, v in target.compute.items() if k not in RESERVED_KEYS}
        yield from _entry_faults(str(target.compute["metric"]), params, where, tables)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Load a plan file and check it whole, ``compute:`` entries included (``baocao.load_plan``)."""
    return load_plain(path, checks=(compute_faults,))


def parse_plan(text: str, filename: str = "<chuỗi>") -> Plan:
    """Parse plan YAML text and check it whole, ``compute:`` entries included (``baocao.parse_plan``)."""
    return parse_plain(text, filename, checks=(compute_faults,))
