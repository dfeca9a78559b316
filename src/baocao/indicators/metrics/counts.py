"""Built-in metrics counting rows: a count, a count per year, a count against its baseline (growth)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from baocao.vnformat import date_short

from ..filters import day, year_end
from ..model import ComputeError, Evidence, MetricResult, NoData
from .evidence import concat_evidence, lazy_evidence
from .registry import Context, declared_params, register_metric
from .rows import NOUNS, nonempty_view, row_mask, table_names


def years_elapsed(start: dt.date, end: dt.date) -> float:
    """Years from *start* to *end*, both days included, a partial year pro rata to its days."""
    if end < start:
        return 0.0
    total = 0.0
    for y in range(start.year, end.year + 1):
        a = max(start, dt.date(y, 1, 1))
        b = min(end, dt.date(y, 12, 31))
        days_in_year = (dt.date(y, 12, 31) - dt.date(y, 1, 1)).days + 1
        total += ((b - a).days + 1) / days_in_year
    return total


def _count(ctx: Context, *, table: str | None = None, tables: Iterable[str] | None = None,
           where: Mapping[str, Any] | None = None, active_at_cutoff: Any = False, distinct: str | None = None,
           years: tuple[str, int, int] | None = None, notes: list[str]) -> tuple[int, Evidence]:
    parts, seen, total = [], [], 0
    for name in table_names(table, tables):
        view = nonempty_view(ctx, name)
        mask = row_mask(ctx, view, where, active_at_cutoff, notes)
        if years is not None:
            col, y0, y1 = years
            values = view.array(col)
            mask &= (values >= y0) & (values <= y1)
        if distinct:
            ids = view.array(distinct)
            keep = np.flatnonzero(mask & ~pd.isna(ids))
            keep = keep[~pd.Series(ids[keep]).duplicated().to_numpy()]
            mask = np.zeros(len(view), dtype=bool)
            mask[keep] = True
            seen.append(ids[mask])
        total += int(mask.sum())
        parts.append(lazy_evidence(view, mask))
    if distinct:
        total = int(len(pd.unique(np.concatenate(seen)))) if seen else 0
    return total, concat_evidence(parts)


@register_metric("count_rows")
def count_rows(ctx: Context, *, table: str | None = None, tables: Iterable[str] | None = None,
               where: Mapping[str, Any] | None = None, active_at_cutoff: Any = False,
               distinct: str | None = None) -> MetricResult:
    """Number of rows meeting *where* (or of distinct values of column *distinct*)."""
    notes: list[str] = []
    n, ev = _count(ctx, table=table, tables=tables, where=where, active_at_cutoff=active_at_cutoff,
                   distinct=distinct, notes=notes)
    return MetricResult(value=float(n), numerator=n, evidence=ev, notes=tuple(notes))


@register_metric("rate_per_year")
def rate_per_year(ctx: Context, *, table: str, date: str = "founded_on", where: Mapping[str, Any] | None = None,
                  since: dt.date | None = None) -> MetricResult:
    """Rows whose *date* falls from *since* (default: the plan's start) to the cut-off, per year.

    Years are counted pro rata: 1/1/2021 to 14/6/2023 is 2 + 165/365 years.
    """
    notes: list[str] = []
    start = since or ctx.start
    if ctx.at < start:
        raise NoData(f"ngày tính trước ngày bắt đầu ({date_short(start)})")
    view = nonempty_view(ctx, table)
    dates = view.array(date)
    mask = row_mask(ctx, view, where, False, notes) & (dates >= day(start)) & (dates <= day(ctx.at))
    n = int(mask.sum())
    years = years_elapsed(start, ctx.at)
    return MetricResult(value=n / years, numerator=n, denominator=years, evidence=lazy_evidence(view, mask),
                        notes=tuple(notes), detail={"window_start": start, "noun": NOUNS.get(table, "")})


def _base_label(baseline: Any) -> str:
    if baseline.period:
        return f"giai đoạn {baseline.period[0]}-{baseline.period[1]}"
    if baseline.date:
        d = baseline.date
        return f"cuối năm {d.year}" if (d.month, d.day) == (12, 31) else f"ngày {date_short(d)}"
    return "kỳ gốc"


@register_metric("growth")
def growth(ctx: Context, *, count: Mapping[str, Any], year_column: str | None = None) -> MetricResult:
    """Ratio (times) of a count now to the same count at the target's baseline.

    *count* takes the parameters of ``count_rows``. Baseline ``date``: the count computed at that
    date. Baseline ``period`` [y0, y1]: rows whose *year_column* lies in the period, against rows
    from the plan's first year to the cut-off year. A baseline ``value`` replaces the computed base.
    """
    baseline = ctx.target.baseline
    if baseline is None:
        raise ComputeError("chỉ tiêu tăng trưởng cần 'baseline'")
    if not isinstance(count, Mapping):
        raise ComputeError("'count' phải là bảng tham số như của 'count_rows'")
    spec = dict(count)
    allowed = {p.name for p in declared_params(count_rows)}
    if set(spec) - allowed:
        raise ComputeError(f"'count' chỉ nhận: {', '.join(sorted(allowed))}")
    notes: list[str] = []
    base: float | None = None
    base_ev: Evidence = None
    window: dt.date | None = None
    if baseline.period:
        if not year_column:
            raise ComputeError("mốc gốc là một giai đoạn: cần 'year_column' (cột năm)")
        y0, y1 = baseline.period
        cur, ev = _count(ctx, **spec, years=(year_column, ctx.start.year, ctx.at.year), notes=notes)
        if baseline.value is None:
            base, base_ev = _count(ctx.at_date(year_end(y1)), **spec, years=(year_column, y0, y1), notes=notes)
        window = ctx.start
    else:
        cur, ev = _count(ctx, **spec, notes=notes)
        if baseline.value is None and baseline.date is not None:
            base, base_ev = _count(ctx.at_date(baseline.date), **spec, notes=notes)
    if baseline.value is not None:
        base = float(baseline.value)
    if base is None:
        raise ComputeError("chỉ tiêu tăng trưởng cần 'baseline' có 'date', 'period' hoặc 'value'")
    if base == 0:
        raise NoData(f"mẫu số bằng 0: số của {_base_label(baseline)} bằng 0")
    parts = [ev] + ([base_ev] if base_ev is not None else [])
    periods = ["current", "baseline"][: len(parts)]
    return MetricResult(
        value=cur / float(base), numerator=cur, denominator=float(base), unit="lần",
        evidence=concat_evidence(parts, period=periods), notes=tuple(notes),  # type: ignore[arg-type]
        detail={"base_label": _base_label(baseline), "window_start": window},
    )
