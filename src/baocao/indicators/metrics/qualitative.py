"""Built-in metrics of narrative (qualitative) targets: an informative figure, a ``met_if`` rule, a clause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from baocao.data.schema import STATUS_DISSOLVED, STATUS_STOPPED
from baocao.vnformat import count, date_short, number, percent

from ..filters import day, year_end
from ..model import ComputeError, MetricResult, NoData
from .amounts import latest_sum
from .evidence import lazy_evidence
from .met_if import met_rule
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
    """The figures as a sentence writes them: shares "5,6%", counts "09" (two digits under ten)."""
    return {k: percent(v, 1) if k.startswith("share") else count(v) for k, v in figures.items()}


@register_metric("qualitative_share")
def qualitative_share(ctx: Context, *, condition: Mapping[str, Any], table: str | None = None,
                      tables: Iterable[str] | None = None, where: Mapping[str, Any] | None = None,
                      active_at_cutoff: Any = True, met_if: str | None = None, text: str | None = None
                      ) -> MetricResult:
    """Informative figure for a narrative target: how many rows (and what share) meet *condition*.

    *met_if*, when the plan sets a level, decides the status ("count >= 1", "share >= 50", or against
    the start of the plan: "share > share_start"); without it the target gets no verdict. *text* is the Vietnamese clause with ``{count}``,
    ``{total}``, ``{share}`` and their ``*_start`` values at the day before the plan's window, e.g.
    "có {count}/{total} HTX có tổ chức công đoàn ({share}; đầu kỳ {share_start})".
    """
    spec = dict(table=table, tables=tables, where=where, condition=condition, active_at_cutoff=active_at_cutoff)
    res = share_of_rows(ctx, **spec)
    figures = {"count": float(res.numerator or 0), "total": float(res.denominator or 0), "share": res.value}
    notes = list(res.notes)
    before = ctx.start - dt.timedelta(days=1)  # the start figures: for the rule, the text and the report
    try:
        start = share_of_rows(ctx.at_date(before), **spec)
        figures |= {"count_start": float(start.numerator or 0), "total_start": float(start.denominator or 0),
                    "share_start": start.value}
    except NoData as exc:  # nothing to count before the plan: progress is measured from zero
        figures |= {"count_start": 0.0, "total_start": 0.0, "share_start": 0.0}
        add_note(notes, f"đầu kỳ ({date_short(before)}) tính là 0: {exc}")
    return replace(res, met=None if met_if is None else met_rule(met_if, figures),
                   text=_fill(text, _figures_text(figures)), notes=tuple(notes),
                   detail={**res.detail, **{k: v for k, v in figures.items() if k.endswith("_start")}})


@register_metric("qualitative_value")
def qualitative_value(ctx: Context, *, table: str, column: str, met_if: str | None = None,
                      text: str | None = None, unit: str = "", where: Mapping[str, Any] | None = None,
                      current_year: bool = False) -> MetricResult:
    """Informative figure for a narrative target from a yearly table; *met_if* ("value >= 1"), when the
    plan sets a level, decides the status. *text* may use ``{value}`` and ``{year}``.
    """
    notes: list[str] = []
    value, year, view, mask = latest_sum(ctx, table, column, where, current_year, notes)
    return MetricResult(value=value, unit=unit, evidence=lazy_evidence(view, mask), data_date=year_end(year),
                        met=None if met_if is None else met_rule(met_if, {"value": value}), notes=tuple(notes),
                        text=_fill(text, {"value": number(value), "year": str(year)}), detail={"year": year})


@register_metric("stopped_not_dissolved")
def stopped_not_dissolved(ctx: Context, *, table: str = "cooperatives") -> MetricResult:
    """HTX stopped but not yet dissolved at the cut-off: the backlog a "giải thể dứt điểm" target clears.

    Used by a ``count`` target with ``comparator: "<="`` and ``value: 0`` (the path runs down from the
    backlog at the start); as a qualitative target it is met when none is left. ``detail`` keeps the
    HTX dissolved from the plan's start to the cut-off. The backlog at an earlier date is read from
    today's statuses: an HTX dissolved since then was stopped for an unknown time before, so it is not
    counted (a note says so). Evidence lists the stopped HTX (``counted`` = True) and the dissolved ones
    (``counted`` = False).
    """
    view = nonempty_view(ctx, table)
    t = day(ctx.at)
    status, closed = view.array("status"), view.array("closed_on")
    stopped = np.asarray(status == STATUS_STOPPED, dtype=bool) & (np.isnat(closed) | (closed <= t))
    dissolved = np.asarray(status == STATUS_DISSOLVED, dtype=bool) & (closed >= day(ctx.start)) & (closed <= t)
    n_stopped, n_dissolved = int(stopped.sum()), int(dissolved.sum())
    noun = NOUNS.get(table, "")
    text = (f"từ {date_short(ctx.start)} đã giải thể, xóa tên {count(n_dissolved)} {noun}; "
            f"còn {count(n_stopped)} {noun} đã ngừng hoạt động nhưng chưa giải thể")
    remark = f"Từ ngày {date_short(ctx.start)} đến nay đã giải thể, xóa tên {count(n_dissolved)} {noun}"
    return MetricResult(
        value=float(n_stopped), numerator=n_stopped, unit=noun,
        evidence=lazy_evidence(view, stopped | dissolved, counted=stopped),
        met=n_stopped == 0, text=text, detail={"dissolved": n_dissolved, "noun": noun, "remark": remark},
        notes=("số HTX ngừng hoạt động ở các mốc trước tính theo trạng thái hiện nay: HTX đã giải thể sau mốc đó "
               "không được tính là đang ngừng hoạt động ở mốc đó",),
    )
