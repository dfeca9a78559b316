"""Built-in metrics summing a yearly table: a ratio of two sums in %, a sum in the target's unit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from baocao.data.schema import TABLE_BY_NAME
from baocao.vnformat import MONEY_UNITS

from ..filters import TableView, sheet_of, year_end
from ..model import ComputeError, MetricResult, NoData
from .evidence import lazy_evidence
from .registry import Context, register_metric
from .rows import add_note, latest_year_mask, masked_sum, nonempty_view, row_mask


@register_metric("ratio_of_sums")
def ratio_of_sums(ctx: Context, *, table: str, numerator: str, denominator: str,
                  where: Mapping[str, Any] | None = None, by_commune: bool = False,
                  unit_types: Iterable[str] = ("Xã",), current_year: bool = False) -> MetricResult:
    """% = sum of *numerator* / sum of *denominator* over the rows of the latest year ended by the cut-off.

    ``by_commune``: only rows of communes on the commune list (moved to the new communes in
    ``post_merger`` mode).
    """
    notes: list[str] = []
    view = nonempty_view(ctx, table)
    num_col, den_col = view.array(numerator), view.array(denominator)
    mask, year = latest_year_mask(ctx, view, current_year)
    mask &= row_mask(ctx, view, where, False, notes)
    communes = None
    extra: dict[str, Any] = {}
    if by_commune:
        scope, loc = ctx.located(view, unit_types)
        communes = scope.communes
        mask &= ~pd.isna(loc)
        extra["commune"] = loc
        covered = len(pd.unique(loc[mask]))
        if covered < communes.size:
            add_note(notes, f"số liệu năm {year} có ở {covered}/{communes.size} xã của danh sách")
        notes += list(scope.notes)
    num, den = masked_sum(num_col, mask), masked_sum(den_col, mask)
    if den == 0:
        header = TABLE_BY_NAME[table].header(denominator) if table in TABLE_BY_NAME else denominator
        raise NoData(f"mẫu số bằng 0: tổng '{header}' năm {year} bằng 0")
    return MetricResult(value=100.0 * num / den, numerator=num, denominator=den, unit="%",
                        evidence=lazy_evidence(view, mask, **extra), communes=communes,
                        data_date=year_end(year), notes=tuple(notes), detail={"year": year})


def _convert(value: float, source_unit: str | None, unit: str) -> float:
    if source_unit is None or source_unit == unit:
        return value
    if source_unit in MONEY_UNITS and unit in MONEY_UNITS:
        return value * MONEY_UNITS[source_unit] / MONEY_UNITS[unit]
    raise ComputeError(f"không đổi được đơn vị '{source_unit}' sang '{unit}'")


def latest_sum(ctx: Context, table: str, column: str, where: Mapping[str, Any] | None, current_year: bool,
               notes: list[str]) -> tuple[float, int, TableView, np.ndarray]:
    """Sum of *column* over the rows of the latest year meeting *where*: (sum, year, view, mask)."""
    view = nonempty_view(ctx, table)
    values = view.array(column)
    mask, year = latest_year_mask(ctx, view, current_year)
    mask &= row_mask(ctx, view, where, False, notes)
    if not mask.any() or np.isnan(values[mask]).all():
        raise NoData(f"trang tính '{sheet_of(table)}' năm {year}: cột '{column}' để trống")
    return masked_sum(values, mask), year, view, mask


@register_metric("latest_value")
def latest_value(ctx: Context, *, table: str, column: str, where: Mapping[str, Any] | None = None,
                 source_unit: str | None = None, current_year: bool = False) -> MetricResult:
    """Sum of *column* in the latest year ended by the cut-off, converted from *source_unit*."""
    notes: list[str] = []
    total, year, view, mask = latest_sum(ctx, table, column, where, current_year, notes)
    return MetricResult(value=_convert(total, source_unit, ctx.target.unit), evidence=lazy_evidence(view, mask),
                        data_date=year_end(year), notes=tuple(notes), detail={"year": year})
