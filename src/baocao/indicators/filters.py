"""The small condition language of ``compute:`` entries, evaluated as vectorised numpy masks.

A ``where:`` mapping names columns (internal names of :mod:`baocao.data.schema`) and conditions,
all of which must hold:

* a scalar: equal (``sector: Nông nghiệp``, ``value_chain: true``);
* a list: one of (``sector: [Nông nghiệp, Khác]``);
* a string starting with an operator: ``">= 1"``, ``"<= cutoff"``, ``"<= cutoff_year"``,
  ``"> 2020-12-31"``, ``"!= Đã giải thể"``; a mapping ``{">=": 1, "<=": 5}`` for several bounds;
* ``blank`` / ``not blank``: the cell is empty / filled.

Tokens on the right: ``cutoff`` (the date the value is computed at), ``cutoff_year``,
``start`` (first day of the plan's window), ``start_year``, an ISO date, a number.
The pseudo-column ``rating`` is the entity's grade in the latest rating year ended by the
cut-off (sheet "Xếp loại HTX"); ``rating: effective`` means at least
:data:`baocao.data.schema.EFFECTIVE_MIN_RATING`, ``rating: ">= Khá"`` compares grades and
``rating: blank`` selects the entities not rated that year. Yes/no columns accept ``true``/``false``
or ``Có``/``Không``.
A missing cell never satisfies a condition (except ``blank``).

Columns are turned once into numpy arrays (:class:`TableView`), so a condition costs one numpy
operation over the whole table whatever its size.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_datetime64_any_dtype, is_numeric_dtype

from baocao.data.schema import EFFECTIVE_MIN_RATING, RATINGS, STATUS_ACTIVE, TABLE_BY_NAME, Column
from baocao.vnformat import parse_decimal

from .model import ComputeError, NoData

OPS = ("<=", ">=", "!=", "<", ">", "=")
_OP_RE = re.compile(r"^\s*(<=|>=|!=|<|>|=)\s*(.+?)\s*$")

# Which columns say when a row exists: (start, end). ``active_at_cutoff`` uses them.
LIFESPANS: dict[str, tuple[str, str | None]] = {
    "cooperatives": ("founded_on", "closed_on"),
    "unions": ("founded_on", "closed_on"),
    "groups": ("founded_on", None),
    "linkage_models": ("started_on", "ended_on"),
}
# Column holding the id that the ratings sheet refers to.
ENTITY_ID: dict[str, str] = {"cooperatives": "coop_id", "unions": "union_id"}
RATING = "rating"
RANK = {r: float(i) for i, r in enumerate(RATINGS)}


@dataclass(frozen=True)
class Env:
    """What the tokens of a condition resolve to."""

    at: dt.date  # the date the value is computed at (the cut-off, or the path's start)
    start: dt.date  # first day of the plan's window


def sheet_of(table: str) -> str:
    return TABLE_BY_NAME[table].sheet if table in TABLE_BY_NAME else table


def as_array(s: pd.Series) -> np.ndarray:
    """A column as numpy: datetime64 (NaT), float64 (NaN; booleans as 1/0), or object (None)."""
    if is_datetime64_any_dtype(s.dtype):
        return s.to_numpy()
    if is_bool_dtype(s.dtype) or is_numeric_dtype(s.dtype):
        return s.to_numpy(dtype="float64", na_value=np.nan)
    return s.to_numpy(dtype=object, na_value=None)


class TableView:
    """One table with its columns cached as numpy arrays."""

    def __init__(self, name: str, df: pd.DataFrame) -> None:
        self.name = name
        self.df = df
        self._arrays: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.df)

    def has(self, column: str) -> bool:
        return column in self.df.columns and not column.startswith("_")

    def array(self, column: str) -> np.ndarray:
        """The column as a numpy array (see :func:`as_array`)."""
        if column not in self._arrays:
            if not self.has(column):
                known = ", ".join(c for c in self.df.columns if not c.startswith("_"))
                raise ComputeError(f"bảng '{self.name}' (trang '{sheet_of(self.name)}') không có cột '{column}'; "
                                   f"các cột: {known}")
            self._arrays[column] = as_array(self.df[column])
        return self._arrays[column]

    def ones(self) -> np.ndarray:
        return np.ones(len(self.df), dtype=bool)


def ts(d: dt.date) -> pd.Timestamp:
    """A date as a pandas Timestamp at midnight."""
    return pd.Timestamp(d.year, d.month, d.day)


def day(d: dt.date) -> np.datetime64:
    """A date as numpy datetime64[us] (comparable with loaded date columns)."""
    return np.datetime64(dt.datetime(d.year, d.month, d.day), "us")


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def last_known_year(at: dt.date, *, current_year: bool = False) -> int:
    """The last year whose yearly figures are known at *at*: its 31 December is on or before *at*."""
    return at.year if current_year or at >= year_end(at.year) else at.year - 1


def latest_year(years: np.ndarray, at: dt.date, *, current_year: bool = False) -> int | None:
    """The latest year in *years* (float array) known at *at* (see :func:`last_known_year`)."""
    ok = years[~np.isnan(years) & (years <= last_known_year(at, current_year=current_year))]
    return int(ok.max()) if ok.size else None


def _token(text: str, env: Env) -> Any:
    t = text.strip()
    low = t.casefold()
    if low == "cutoff":
        return day(env.at)
    if low == "cutoff_year":
        return float(env.at.year)
    if low == "start":
        return day(env.start)
    if low == "start_year":
        return float(env.start.year)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return day(dt.date.fromisoformat(t))
    try:
        return parse_decimal(t)
    except ValueError:
        return t


def _resolve(value: Any, env: Env) -> Any:
    if isinstance(value, str):
        return _token(value, env)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, dt.datetime):
        return np.datetime64(value, "us")
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, (int, float)):
        return float(value)
    return value


_YES_NO = {"có": 1.0, "không": 0.0, "true": 1.0, "false": 0.0}


def _kind_ok(arr: np.ndarray, rhs: Any) -> bool:
    if arr.dtype.kind == "M":
        return isinstance(rhs, np.datetime64)
    if arr.dtype.kind == "f":
        return isinstance(rhs, float)
    return isinstance(rhs, str)


def _compare(arr: np.ndarray, op: str, rhs: Any, column: str) -> np.ndarray:
    if arr.dtype.kind == "f" and isinstance(rhs, str) and rhs.strip().casefold() in _YES_NO:
        rhs = _YES_NO[rhs.strip().casefold()]  # yes/no columns hold 1/0
    if not _kind_ok(arr, rhs):
        what = {"M": "ngày", "f": "số"}.get(arr.dtype.kind, "chữ")
        raise ComputeError(f"cột '{column}' chứa {what}, không so sánh được với '{rhs}'")
    if arr.dtype.kind == "O":
        if op == "=":
            return np.asarray(arr == rhs, dtype=bool)
        if op == "!=":
            return np.asarray(arr != rhs, dtype=bool) & ~pd.isna(arr)
        raise ComputeError(f"cột '{column}' chứa chữ: chỉ dùng được '=' hoặc '!='")
    with np.errstate(invalid="ignore"):
        if op == "=":
            return arr == rhs
        if op == "!=":
            bad = np.isnat(arr) if arr.dtype.kind == "M" else np.isnan(arr)
            return (arr != rhs) & ~bad
        return {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}[op](arr, rhs)


def _blank(arr: np.ndarray) -> np.ndarray:
    if arr.dtype.kind == "M":
        return np.isnat(arr)
    if arr.dtype.kind == "f":
        return np.isnan(arr)
    return np.asarray(pd.isna(arr), dtype=bool)


def condition_mask(arr: np.ndarray, cond: Any, env: Env, *, column: str) -> np.ndarray:
    """Boolean mask of one column condition (see the module docstring)."""
    if isinstance(cond, str) and cond.strip().casefold() in ("blank", "not blank"):
        blank = _blank(arr)
        return blank if cond.strip().casefold() == "blank" else ~blank
    if isinstance(cond, Mapping):
        mask = np.ones(len(arr), dtype=bool)
        for op, rhs in cond.items():
            if op not in OPS:
                raise ComputeError(f"phép so sánh '{op}' không hợp lệ; dùng một trong {', '.join(OPS)}")
            mask &= condition_mask(arr, f"{op} {rhs}", env, column=column)
        return mask
    if isinstance(cond, (list, tuple)):
        values = [_resolve(v, env) for v in cond]
        if arr.dtype.kind == "O":
            return np.asarray(pd.Index(arr).isin(values), dtype=bool)
        mask = np.zeros(len(arr), dtype=bool)
        for v in values:
            mask |= _compare(arr, "=", v, column)
        return mask
    if isinstance(cond, str):
        m = _OP_RE.match(cond)
        if m:
            return _compare(arr, m.group(1), _resolve(m.group(2), env), column)
    return _compare(arr, "=", _resolve(cond, env), column)


def rating_condition(cond: Any) -> Any:
    """Grades in a ``rating:`` condition turned into ranks (Yếu 0 … Tốt 3)."""
    if isinstance(cond, str) and cond.strip().casefold() in ("blank", "not blank"):
        return cond  # not rated / rated in the round in force
    if isinstance(cond, str) and cond.strip().casefold() == "effective":
        cond = f">= {EFFECTIVE_MIN_RATING}"

    def rank(g: Any) -> float:
        g = str(g).strip()
        if g not in RANK:
            raise ComputeError(f"xếp loại '{g}' không hợp lệ; chọn một trong: {', '.join(RATINGS)}")
        return RANK[g]

    if isinstance(cond, Mapping):
        return {op: rank(v) for op, v in cond.items()}
    if isinstance(cond, (list, tuple)):
        return [rank(v) for v in cond]
    m = _OP_RE.match(str(cond))
    if m:
        return f"{m.group(1)} {rank(m.group(2))}"
    return rank(cond)


def where_mask(view: TableView, where: Mapping[str, Any] | None, env: Env,
               rating_ranks: np.ndarray | None = None) -> np.ndarray:
    """Mask of the rows of *view* meeting every condition of *where*."""
    mask = view.ones()
    if not where:
        return mask
    if not isinstance(where, Mapping):
        raise ComputeError("'where' phải là bảng 'cột: điều kiện'")
    for column, cond in where.items():
        if column == RATING:
            if rating_ranks is None:
                raise ComputeError(f"bảng '{view.name}' không có xếp loại (chỉ HTX và LHHTX được xếp loại)")
            mask &= condition_mask(rating_ranks, rating_condition(cond), env, column=column)
        else:
            mask &= condition_mask(flag_at(view, column, env.at), cond, env, column=column)
    return mask


def _dated_flag(view: TableView, column: str) -> tuple[Column, Column] | None:
    """(flag column spec, its "since" column spec) when *column* is a yes/no column with a date."""
    spec = TABLE_BY_NAME.get(view.name)
    col = spec.column_by_name.get(column) if spec else None
    if spec is None or col is None or col.dated_by is None or not view.has(col.dated_by):
        return None
    return col, spec.column_by_name[col.dated_by]


def flag_at(view: TableView, column: str, at: dt.date) -> np.ndarray:
    """A column as conditions read it at *at*: a yes/no column whose "since" date is after *at* reads "Không".

    Other columns are returned as they are; a "Có" without a date counts at every cut-off.
    """
    values = view.array(column)
    found = _dated_flag(view, column)
    if found is None:
        return values
    later = view.array(found[1].name) > day(at)  # NaT compares False: undated rows keep their value
    if not later.any():
        return values
    out = values.copy()
    out[later & (values == 1.0)] = 0.0
    return out


def undated_flag_notes(view: TableView, where: Mapping[str, Any] | None) -> list[str]:
    """Vietnamese notes for yes/no conditions whose "Có" rows carry no date (true at every cut-off)."""
    notes = []
    for column in where or {}:
        found = _dated_flag(view, column)
        if found is None:
            continue
        col, since = found
        yes = view.array(column) == 1.0
        undated = yes & np.isnat(view.array(since.name))
        if not undated.any():
            continue
        if undated.sum() == yes.sum():
            notes.append(f"cột '{col.header}' không ghi ngày ('{since.header}'): trạng thái trong sổ dữ liệu "
                         "được dùng cho mọi ngày chốt")
        else:
            notes.append(f"{int(undated.sum())} dòng ghi '{col.header}' là Có nhưng không có ngày: "
                         "tính là đã có ở mọi ngày chốt")
    return notes


def alive_mask(view: TableView, at: dt.date, lifespan: tuple[str, str | None] | None = None) -> np.ndarray:
    """Rows existing at the end of day *at*: started on or before *at*, not ended on or before *at*.

    An HTX that closes on the cut-off day does not count as active on that day (the report
    describes the situation at the end of the day). A row whose status says it is no longer
    active, with no closing date, is not counted as active either.
    """
    span = lifespan or LIFESPANS.get(view.name)
    if span is None:
        raise ComputeError(f"bảng '{view.name}' không có ngày bắt đầu/kết thúc để xét 'active_at_cutoff'")
    lo, hi = span
    t = day(at)
    mask = view.array(lo) <= t
    if hi is not None:
        end = view.array(hi)
        open_ended = np.isnat(end)
        mask &= open_ended | (end > t)
        if view.has("status"):
            stopped = np.asarray(view.array("status") != STATUS_ACTIVE, dtype=bool)
            mask &= ~(stopped & open_ended)
    return mask


def rating_round(ratings: pd.DataFrame, at: dt.date, *, current_year: bool = False) -> tuple[int, pd.Series]:
    """The latest rating year ended by *at* (or, with *current_year*, *at*'s own year) and each entity's grade."""
    if ratings.empty:
        raise NoData(f"trang tính '{sheet_of('ratings')}' không có dòng nào")
    years = ratings["year"].to_numpy(dtype="float64", na_value=np.nan)
    year = latest_year(years, at, current_year=current_year)
    if year is None:
        raise NoData(f"chưa có kết quả xếp loại của năm nào kết thúc trước {at.day}/{at.month}/{at.year}")
    sub = ratings[years == year]
    grades = sub.drop_duplicates("entity_id").set_index("entity_id")["rating"]
    return year, grades


def uses_rating(where: Mapping[str, Any] | None) -> bool:
    return bool(where) and isinstance(where, Mapping) and RATING in where
