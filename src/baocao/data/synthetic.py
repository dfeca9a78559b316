"""Synthetic rows (dữ liệu giả lập) for the tables a plan declares, so its workbook can be tried end to end.

Each column is filled from its declaration: codes numbered per table, names "Tên chợ 12", a choice
of the list, numbers between ``min`` and ``max``, dates and years inside the plan's horizon, some
optional cells left blank. Keys stay unique (a table keyed by a year gets one row per year of the
horizon and of the year before it), references take values of the column they point to, a unit
column (``reported_by``) the plan's unit ids, and the table's checks hold (a later date after the
earlier one, a part below its whole). Seeded: the same seed gives the same rows. It only shows the
machinery working; ``tools/generate_sample_data.py --plan`` writes such a workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .declared import schema_for
from .schema import Column, Table

if TYPE_CHECKING:
    from baocao.plan.data_spec import DataTable
    from baocao.plan.model import Plan

BLANK_SHARE = 0.15  # of an optional column's cells


def _dates(rng: np.random.Generator, start: dt.date, end: dt.date, n: int) -> pd.Series:
    days = (end - start).days
    return pd.Series(pd.Timestamp(start) + pd.to_timedelta(rng.integers(0, days + 1, n), unit="D"))


def _column(rng: np.random.Generator, col: Column, spec: DataTable, n: int, years: Sequence[int],
            start: dt.date, end: dt.date, units: Sequence[str], done: dict[str, pd.DataFrame]) -> pd.Series:
    declared = spec.column(col.name)
    if declared is not None and declared.references:
        table, column = declared.references.split(".")
        pool = pd.unique(done[table][column].dropna().to_numpy()) if table in done else np.array([], dtype=object)
        unique = col.name in spec.key  # a key column takes each referenced value once
        if not len(pool) or (unique and len(pool) < n):
            raise ValueError(f"bảng '{table}' không đủ giá trị '{column}' để sinh {n} dòng cho '{spec.name}'")
        return pd.Series(rng.choice(pool, n, replace=not unique), dtype=object)
    if col.name == spec.reported_by and units:
        return pd.Series(rng.choice(list(units), n), dtype=object)
    if col.kind == "code":
        prefix = "".join(w[0] for w in col.name.split("_")).upper()
        return pd.Series([f"{prefix}{i:04d}" for i in range(1, n + 1)], dtype=object)
    if col.kind == "text":
        return pd.Series([f"{col.header} {i}" for i in range(1, n + 1)], dtype=object)
    if col.kind == "enum":
        return pd.Series(rng.choice(list(col.choices), n), dtype=object)
    if col.kind == "bool":
        return pd.Series(rng.random(n) < 0.5, dtype="boolean")
    if col.kind == "year":
        return pd.Series(rng.choice(list(years), n), dtype="Int64")
    if col.kind == "date":
        return _dates(rng, start, end, n)
    lo = col.min if col.min is not None else 0
    hi = col.max if col.max is not None else max(lo, 0) + (100 if col.kind == "int" else 1000)
    if col.kind == "int":
        return pd.Series(rng.integers(int(lo), int(hi) + 1, n), dtype="Int64")
    return pd.Series(np.round(rng.uniform(lo, hi, n), 1), dtype="float64")


def _rows(spec: DataTable, table: Table, years: Sequence[int], rows: int) -> tuple[int, str | None]:
    """Number of rows and the year column a key is built on (one row per entity and year)."""
    year_key = next((k for k in spec.key if table.column_by_name[k].kind == "year"), None)
    if year_key is None:
        return rows, None
    others = [k for k in spec.key if k != year_key]
    return (len(years) * (max(1, rows // len(years)) if others else 1)), year_key


def _generate(rng: np.random.Generator, spec: DataTable, table: Table, *, start: dt.date, end: dt.date,
              rows: int, units: Sequence[str], done: dict[str, pd.DataFrame]) -> pd.DataFrame:
    years = list(range(start.year - 1, end.year + 1))
    n, year_key = _rows(spec, table, years, rows)
    entities = n // len(years) if year_key is not None else n
    frame = pd.DataFrame({
        c.name: (np.repeat(_column(rng, c, spec, entities, years, start, end, units, done).to_numpy(), len(years))
                 if year_key is not None and c.name in spec.key and c.name != year_key
                 else _column(rng, c, spec, n, years, start, end, units, done))
        for c in table.columns})
    if year_key is not None:
        frame[year_key] = pd.Series(np.tile(years, entities), dtype="Int64")
    for check in spec.checks:
        a, b = check.columns
        if check.date_order:
            frame[b] = frame[[a, b]].max(axis=1)
        else:
            frame[a] = (frame[b] * rng.uniform(0.2, 0.9, n)).round(1)
    for c in table.columns:
        if not c.required and c.name not in spec.key:
            blank = rng.random(n) < BLANK_SHARE
            frame.loc[blank, c.name] = None
    return frame


def synthetic_tables(plan: Plan, *, rows: int = 60, seed: int = 0,
                     existing: Mapping[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """Synthetic frames (internal names) for every table *plan* declares, referenced tables first.

    *existing* frames (the built-in tables of the workbook) give the values a reference to them takes.
    """
    rng = np.random.default_rng(seed)
    schema = schema_for(plan)
    start, end = dt.date(plan.horizon.start, 1, 1), dt.date(plan.horizon.end, 12, 31)
    units = [u.id for u in plan.units]
    pending = list(plan.data.tables)
    done: dict[str, pd.DataFrame] = dict(existing or {})
    while pending:
        ready = [t for t in pending if all(c.references.split(".")[0] in done or c.references.split(".")[0] not in
                                           {p.name for p in pending} for c in t.columns if c.references)]
        spec = (ready or pending)[0]
        pending.remove(spec)
        done[spec.name] = _generate(rng, spec, schema.by_name[spec.name], start=start, end=end, rows=rows,
                                    units=units, done=done)
    return {t.name: done[t.name] for t in plan.data.tables}
