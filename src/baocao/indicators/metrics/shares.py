"""Built-in metrics giving a share in %: communes with a row, rows meeting a condition."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ..model import MetricResult, NoData
from .evidence import concat_evidence, lazy_evidence
from .registry import Context, register_metric
from .rows import nonempty_view, row_mask, table_names


@register_metric("share_communes_with", commune_based=True)
def share_communes_with(ctx: Context, *, table: str, where: Mapping[str, Any] | None = None,
                        active_at_cutoff: Any = True, unit_types: Iterable[str] = ("Xã",)) -> MetricResult:
    """% of the communes of the list with at least one row of *table* meeting *where*.

    Rows are placed on the list by their ``commune_code`` (moved to the new commune in
    ``post_merger`` mode). ``active_at_cutoff``: only rows existing at the cut-off.
    """
    notes: list[str] = []
    view = nonempty_view(ctx, table)
    scope, loc = ctx.located(view, unit_types)
    den = scope.communes.size
    if den == 0:
        raise NoData(f"mẫu số bằng 0: danh sách {scope.communes.label} không có xã nào")
    hit = row_mask(ctx, view, where, active_at_cutoff, notes) & ~pd.isna(loc)
    num = int(len(pd.unique(loc[hit])))
    return MetricResult(
        value=100.0 * num / den, numerator=num, denominator=den, unit="%",
        evidence=lazy_evidence(view, hit, commune=loc), communes=scope.communes,
        notes=tuple(notes) + scope.notes,
    )


@register_metric("share_of_rows")
def share_of_rows(ctx: Context, *, table: str | None = None, tables: Iterable[str] | None = None,
                  where: Mapping[str, Any] | None = None, condition: Mapping[str, Any] | None = None,
                  active_at_cutoff: Any = True) -> MetricResult:
    """% of the rows meeting *where* (the population) that also meet *condition*.

    Several tables (e.g. HTX and LHHTX) are pooled. Evidence lists the population with
    ``counted`` = True for the rows in the numerator.
    """
    notes: list[str] = []
    parts, num, den = [], 0, 0
    for name in table_names(table, tables):
        view = ctx.view(name)
        pop = row_mask(ctx, view, where, active_at_cutoff, notes)
        counted = pop & row_mask(ctx, view, condition, False, notes)
        den += int(pop.sum())
        num += int(counted.sum())
        parts.append(lazy_evidence(view, pop, counted=counted))
    if den == 0:
        raise NoData("mẫu số bằng 0: không có dòng nào thuộc đối tượng tính tại ngày này")
    return MetricResult(value=100.0 * num / den, numerator=num, denominator=den, unit="%",
                        evidence=concat_evidence(parts), notes=tuple(notes))
