"""Built-in metrics for figures a plan declares itself: an average per unit, a share of two sums, growth
between two dates.

They read any table, built-in or declared in the plan file (``data:``). A table with a ``year``
column is read in its latest year ended by the date computed at (as the yearly built-in tables); a
table without one is read whole. Examples (docs/indicators.md)::

    metric: average                       # revenue per cooperative, in the target's unit
    table: coop_finance
    column: revenue
    source_unit: triệu đồng

    metric: average                       # income per worker: a sum divided by another sum
    table: coop_finance
    column: income
    per: workers

    metric: average                       # share of the cost the state paid, in %
    table: markets
    column: state_support
    per: cost
    scale: 100
    where: {zone: Khu vực 3}

    metric: growth_between                # members now against the same figure at the baseline date
    table: coop_finance
    column: members
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..filters import TableView, sheet_of, year_end
from ..model import ComputeError, MetricResult, NoData
from .amounts import _convert
from .evidence import lazy_evidence
from .registry import Context, register_metric
from .rows import latest_year_mask, masked_sum, nonempty_view, row_mask


def _counts(numerator: float, denominator: float) -> tuple[float | None, float | None]:
    """The two figures as a sentence may count them ("58/100"), or none when either is an amount (a sum of
    revenue is no count of things); the sums stay in ``detail["sums"]``."""
    whole = float(numerator).is_integer() and float(denominator).is_integer()
    return (numerator, denominator) if whole else (None, None)


def _rows(ctx: Context, view: TableView, where: Mapping[str, Any] | None, active_at_cutoff: Any,
          current_year: bool, notes: list[str]) -> tuple[np.ndarray, int | None]:
    """Rows read at ``ctx.at``: the latest year's rows when the table has years, else every row."""
    if view.has("year"):
        mask, year = latest_year_mask(ctx, view, current_year)
    else:
        mask, year = view.ones(), None
    return mask & row_mask(ctx, view, where, active_at_cutoff, notes), year


@register_metric("average")
def average(ctx: Context, *, table: str, column: str, per: str | None = None, distinct: str | None = None,
            where: Mapping[str, Any] | None = None, active_at_cutoff: Any = False, scale: float = 1,
            source_unit: str | None = None, current_year: bool = False) -> MetricResult:
    """Sum of *column* over the rows, divided by the sum of *per* (income per worker, a share of a cost),
    by the number of distinct *distinct* values (members per group), or by the number of rows with a
    value (revenue per cooperative); times *scale* (100 for a share in %), converted from *source_unit*.
    """
    notes: list[str] = []
    view = nonempty_view(ctx, table)
    values = view.array(column)
    mask, year = _rows(ctx, view, where, active_at_cutoff, current_year, notes)
    total = masked_sum(values, mask)
    if per:
        denominator = masked_sum(view.array(per), mask)
        what = f"tổng '{per}'"
    elif distinct:
        ids = view.array(distinct)[mask & ~np.isnan(values)]
        denominator = float(len(pd.unique(ids[~pd.isna(ids)])))
        what = f"số '{distinct}' khác nhau"
    else:
        denominator = float((mask & ~np.isnan(values)).sum())
        what = "số dòng có số liệu"
    if denominator == 0:
        when = f" năm {year}" if year is not None else ""
        raise NoData(f"trang tính '{sheet_of(table)}'{when}: {what} bằng 0")
    value = scale * total / denominator
    unit = "%" if scale == 100 else ""
    if source_unit:
        value = _convert(value, source_unit, ctx.target.unit)
        unit = ctx.target.unit
    num, den = _counts(total, denominator)
    return MetricResult(value=value, numerator=num, denominator=den, unit=unit,
                        evidence=lazy_evidence(view, mask), data_date=year_end(year) if year else None,
                        notes=tuple(notes), detail={"year": year, "sums": (total, denominator)} if year
                        else {"sums": (total, denominator)})


def _figure(ctx: Context, view: TableView, column: str | None, where: Mapping[str, Any] | None,
            active_at_cutoff: Any, notes: list[str]) -> tuple[float, np.ndarray]:
    mask, _year = _rows(ctx, view, where, active_at_cutoff, False, notes)
    return (masked_sum(view.array(column), mask) if column else float(mask.sum())), mask


@register_metric("growth_between")
def growth_between(ctx: Context, *, table: str, column: str | None = None, where: Mapping[str, Any] | None = None,
                   active_at_cutoff: Any = False, since: dt.date | None = None) -> MetricResult:
    """Ratio (times) of a figure at the cut-off to the same figure at an earlier date: the sum of *column*
    (the rows counted when there is none) at the date computed at, against *since* (default: the
    target's baseline date). A baseline ``value`` replaces the figure at the earlier date.
    """
    baseline = ctx.target.baseline
    base_date = since or (baseline.date if baseline else None)
    if base_date is None and (baseline is None or baseline.value is None):
        raise ComputeError("'growth_between' cần 'since' hoặc 'baseline' có 'date' hay 'value'")
    notes: list[str] = []
    view = nonempty_view(ctx, table)
    now, mask = _figure(ctx, view, column, where, active_at_cutoff, notes)
    if baseline is not None and baseline.value is not None:
        base = float(baseline.value)
    else:
        base, _ = _figure(ctx.at_date(base_date), view, column, where, active_at_cutoff, notes)  # type: ignore[arg-type]
    if base == 0:
        raise NoData(f"mẫu số bằng 0: số liệu ngày {base_date} bằng 0")
    num, den = _counts(now, base)
    return MetricResult(value=now / base, numerator=num, denominator=den, unit="lần",
                        evidence=lazy_evidence(view, mask), notes=tuple(notes),
                        detail={"base_date": base_date, "sums": (now, base)})
