"""Built-in metrics of narrative (qualitative) targets: an informative figure, a ``met_if`` rule, a clause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from baocao.data.schema import STATUS_DISSOLVED, STATUS_STOPPED
from baocao.vnformat import date_short, number, percent

from ..filters import day, year_end
from ..model import ComputeError, MetricResult, NoData
from .amounts import latest_sum
from .evidence import lazy_evidence
from .met_if import met_rule, parse_met_rule
from .registry import Context, register_metric
from .rows import NOUNS, add_note, nonempty_view
from .shares import share_of_rows


def _fill(template: str | None, figures: Mapping[str, str]) -> str | None:
    if template is None:
        return None
    try:
        return template.format(**figures)
    except (KeyError, IndexError, ValueError) as exc:
        raise ComputeError(f"mẫu câu '{template}' dùng chỗ trống không có ({exc}); "
                           f"dùng: {', '.join('{' + k + '}' for k in figures)}") from None


def _figures_text(figures: Mapping[str, float]) -> dict[str, str]:
    return {k: percent(v, 1) if k.startswith("share") else number(v) for k, v in figures.items()}


def _uses_start(rule: str, text: str | None) -> bool:
    """Whether a qualitative rule or sentence needs the figures at the start of the plan."""
    return any(k.endswith("_start") for k in parse_met_rule(rule).figures) or "_start}" in (text or "")


@register_metric("qualitative_share")
def qualitative_share(ctx: Context, *, condition: Mapping[str, Any], table: str | None = None,
                      tables: Iterable[str] | None = None, where: Mapping[str, Any] | None = None,
                      active_at_cutoff: Any = True, met_if: str = "count >= 1", text: str | None = None
                      ) -> MetricResult:
    """Informative figure for a narrative target: how many rows (and what share) meet *condition*.

    *met_if* decides the status ("count >= 1", "share >= 50", or on progress since the plan began:
    "share > share_start"); *text* is the Vietnamese clause with ``{count}``, ``{total}``, ``{share}``
    and their ``*_start`` values at the day before the plan's window, e.g. "có {count}/{total} HTX có tổ
    chức công đoàn ({share}; đầu kỳ {share_start})".
    """
    spec = dict(table=table, tables=tables, where=where, condition=condition, active_at_cutoff=active_at_cutoff)
    res = share_of_rows(ctx, **spec)
    figures = {"count": float(res.numerator or 0), "total": float(res.denominator or 0), "share": res.value}
    notes = list(res.notes)
    if _uses_start(met_if, text):
        before = ctx.start - dt.timedelta(days=1)
        try:
            start = share_of_rows(ctx.at_date(before), **spec)
            figures |= {"count_start": float(start.numerator or 0), "total_start": float(start.denominator or 0),
                        "share_start": start.value}
        except NoData as exc:  # nothing to count before the plan: progress is measured from zero
            figures |= {"count_start": 0.0, "total_start": 0.0, "share_start": 0.0}
            add_note(notes, f"đầu kỳ ({date_short(before)}) tính là 0: {exc}")
    return replace(res, met=met_rule(met_if, figures), text=_fill(text, _figures_text(figures)),
                   notes=tuple(notes))


@register_metric("qualitative_value")
def qualitative_value(ctx: Context, *, table: str, column: str, met_if: str = "value >= 1",
                      text: str | None = None, unit: str = "", where: Mapping[str, Any] | None = None,
                      current_year: bool = False) -> MetricResult:
    """Informative figure for a narrative target from a yearly table (e.g. the fund's dedicated staff).

    *text* may use ``{value}`` and ``{year}``.
    """
    notes: list[str] = []
    value, year, view, mask = latest_sum(ctx, table, column, where, current_year, notes)
    return MetricResult(value=value, unit=unit, evidence=lazy_evidence(view, mask), data_date=year_end(year),
                        met=met_rule(met_if, {"value": value}), notes=tuple(notes),
                        text=_fill(text, {"value": number(value), "year": str(year)}), detail={"year": year})


@register_metric("stopped_not_dissolved")
def stopped_not_dissolved(ctx: Context, *, table: str = "cooperatives") -> MetricResult:
    """HTX stopped but not yet dissolved at the cut-off (met when none is left).

    Progress in the period: HTX dissolved from the plan's start to the cut-off. Evidence lists the
    stopped HTX (``counted`` = True) and the dissolved ones (``counted`` = False).
    """
    view = nonempty_view(ctx, table)
    t = day(ctx.at)
    status, closed = view.array("status"), view.array("closed_on")
    stopped = np.asarray(status == STATUS_STOPPED, dtype=bool) & (np.isnat(closed) | (closed <= t))
    dissolved = np.asarray(status == STATUS_DISSOLVED, dtype=bool) & (closed >= day(ctx.start)) & (closed <= t)
    n_stopped, n_dissolved = int(stopped.sum()), int(dissolved.sum())
    noun = NOUNS.get(table, "")
    text = (f"từ {date_short(ctx.start)} đã giải thể, xóa tên {n_dissolved} {noun}; "
            f"còn {n_stopped} {noun} đã ngừng hoạt động nhưng chưa giải thể")
    return MetricResult(
        value=float(n_stopped), numerator=n_stopped, unit=noun,
        evidence=lazy_evidence(view, stopped | dissolved, counted=stopped),
        met=n_stopped == 0, progress=n_dissolved > 0, text=text,
        detail={"dissolved": n_dissolved, "noun": noun},
    )
