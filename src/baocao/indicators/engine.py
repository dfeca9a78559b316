"""Assess a plan's targets at a cut-off date: value, % of target, straight-line path, status, sentence.

``assess(plan, data, cutoff)`` returns one :class:`Assessment` per target, in the plan's order.
A target without ``compute:`` or without data gets the status "chưa có số liệu" with the reason;
a wrong ``compute:`` entry (unknown metric, parameter, table or column) is a plan error and raises
one :class:`~baocao.errors.InputError` listing every such target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from baocao.errors import InputError, Problem, UsageError

from . import progress as pg
from .metrics import Context, check_params, get_metric, metric_params, run_metric
from .metrics.counts import years_elapsed
from .model import (
    CHUA_CO_SO_LIEU,
    COMMUNE_MODES,
    Assessment,
    ClassAssessment,
    ClassGoal,
    CommuneMode,
    ComputeError,
    MetricResult,
    NoData,
)
from .text import worded

if TYPE_CHECKING:
    from baocao.data import CycleData
    from baocao.plan.model import Plan, Target

NO_COMPUTE = "kế hoạch chưa khai báo cách tính (mục 'compute') cho chỉ tiêu này"


def _plan_file(plan: Plan) -> str:
    return f"kế hoạch {plan.symbol}"


def compute_problems(plan: Plan) -> list[Problem]:
    """Faults of the ``compute:`` entries that can be seen without data (unknown metric or parameter)."""
    found = []
    for t in plan.targets():
        if not t.compute:
            continue
        try:
            if "metric" not in t.compute:
                raise ComputeError("thiếu 'metric' (tên cách tính)")
            check_params(get_metric(str(t.compute["metric"])), metric_params(t.compute))
        except ComputeError as exc:
            found.append(Problem(file=_plan_file(plan), path=f"chỉ tiêu '{t.id}'.compute", message=str(exc)))
    return found


class Engine:
    """Assesses the targets of one plan on one data set; caches derived tables across cut-offs."""

    def __init__(self, plan: Plan, data: CycleData, *, communes: CommuneMode = "plan") -> None:
        if communes not in COMMUNE_MODES:
            raise UsageError(f"danh sách xã '{communes}' không hợp lệ; chọn 'plan' hoặc 'post_merger'")
        problems = compute_problems(plan)
        if problems:
            raise InputError(problems, title="Mục 'compute' của kế hoạch có lỗi")
        self.plan = plan
        self.data = data
        self.communes = communes
        self.memo: dict[Any, Any] = {}

    # --- dates -----------------------------------------------------------------------------
    def window_start(self, target: Target) -> dt.date:
        return target.start or dt.date(self.plan.horizon.start, 1, 1)

    def deadline(self, target: Target) -> dt.date:
        return target.deadline or dt.date(self.plan.horizon.end, 12, 31)

    def baseline_date(self, target: Target) -> dt.date:
        """Start of the straight-line path: the baseline date, else the day before the window."""
        if target.baseline is not None and target.baseline.date is not None:
            return target.baseline.date
        return self.window_start(target) - dt.timedelta(days=1)

    # --- evaluation ------------------------------------------------------------------------
    def evaluate(self, target: Target, at: dt.date, *, estimate: bool = False) -> MetricResult:
        """The metric of *target* computed at *at* (raises NoData); *estimate*: see :meth:`assess`."""
        ctx = Context(self.data, self.plan, target, at, self.window_start(target), self.communes, self.memo,
                      estimate=estimate)
        try:
            return run_metric(ctx, target.compute)
        except ComputeError as exc:
            raise InputError([Problem(file=_plan_file(self.plan), path=f"chỉ tiêu '{target.id}'.compute",
                                      message=str(exc))], title="Mục 'compute' của kế hoạch có lỗi") from None

    def _start_value(self, target: Target, notes: list[str]) -> MetricResult | None:
        if target.baseline is not None and target.baseline.value is not None and target.kind != "growth":
            return MetricResult(value=float(target.baseline.value))
        try:
            return self.evaluate(target, self.baseline_date(target))
        except NoData as exc:
            notes.append(f"không tính được số liệu đầu kỳ ({exc})")
            return None

    def assess(self, target: Target, cutoff: dt.date, *, final: bool | None = None,
               estimate: bool = False) -> Assessment:
        """The assessment of one target at *cutoff*.

        *final* judges met / not met (đạt, vượt, chưa đạt) instead of on / behind track; by default
        it is true from the target's deadline on. A whole-plan summary report passes True: its
        cut-off (14/12) falls just before the deadline (31/12) but its verdict is final.
        *estimate* reads the cut-off's own year from the yearly tables and ratings (their figures for
        a year not yet ended are provisional): an annual report's "ước thực hiện năm …". The
        assessment says so (:attr:`Assessment.estimated`).
        """
        deadline = self.deadline(target)
        base = Assessment(
            target_id=target.id, label=target.label, kind=target.kind, unit=target.unit, cutoff=cutoff,
            deadline=deadline, comparator=target.comparator, target=_target_bound(target), value=None,
            status=CHUA_CO_SO_LIEU, metric=(target.compute or {}).get("metric"),
        )
        if not target.compute:
            a = replace(base, reason=NO_COMPUTE)
            return worded(a, target, None)
        try:
            result = self.evaluate(target, cutoff, estimate=estimate)
        except NoData as exc:
            a = replace(base, reason=str(exc))
            return worded(a, target, None)
        a = replace(
            base, value=result.value, unit=target.unit or result.unit or "", numerator=result.numerator,
            denominator=result.denominator, communes=result.communes, data_date=result.data_date,
            evidence_source=result.evidence, detail=dict(result.detail),
        )
        notes = list(result.notes)
        final = cutoff >= deadline if final is None else final
        if target.kind == "qualitative":
            a = replace(a, unit=result.unit or target.unit or "", status=pg.qualitative_status(result.met))
        elif target.kind == "distribution" or result.classes:
            a = self._distribution(a, target, result, final, notes)
        else:
            a = self._quantitative(a, target, result, final, notes)
        if target.note and target.note not in notes:
            notes.append(target.note)
        a = replace(a, notes=tuple(notes))
        return worded(a, target, result)

    @staticmethod
    def _path_date(a: Assessment) -> dt.date:
        """Where on the path a figure is judged: the date it describes (a yearly figure), else the cut-off."""
        return a.data_date or a.cutoff

    def _path(self, target: Target, comparator: str, bound: pg.Bound, start_value: float | None,
              at: dt.date, notes: list[str]) -> tuple[float | None, float | None, float | None]:
        """(start value, expected at *at*, end value) of the path (straight, or through ``target.path``)."""
        t0, deadline = self.baseline_date(target), self.deadline(target)
        if bound is None:
            return start_value, None, None
        if start_value is None:
            if comparator in pg.LOWER_IS_BETTER:
                notes.append("không có số liệu đầu kỳ: so với mục tiêu cuối kỳ")
                end = pg.path_end(comparator, bound, 0.0)
                return None, end, end
            notes.append("không có số liệu đầu kỳ: lộ trình tính từ 0")
            start_value_for_path = 0.0
        else:
            start_value_for_path = start_value
        end = pg.path_end(comparator, bound, start_value_for_path)
        return start_value, pg.expected_value(start_value_for_path, end, t0, deadline, at, target.path), end

    def assess_all(self, cutoff: dt.date, *, targets: Iterable[str] | None = None,
                   final: bool | None = None, estimate: bool = False) -> list[Assessment]:
        """Every target of the plan (or those with the ids in *targets*) at *cutoff*, in plan order.

        Several cut-offs assessed on one engine share its caches (column arrays, "active at" masks,
        commune lists, rating rounds).
        """
        chosen = self.plan.targets() if targets is None else [self.plan.target(t) for t in targets]
        return [self.assess(t, cutoff, final=final, estimate=estimate) for t in chosen]

    def _quantitative(self, a: Assessment, target: Target, result: MetricResult, final: bool,
                      notes: list[str]) -> Assessment:
        bound = _target_bound(target)
        percent = pg.percent_of_target(result.value, target.comparator, bound)  # type: ignore[arg-type]
        if target.kind == "rate_per_year":
            return replace(a, percent_of_target=percent, **self._rate(a, target, result, final))
        start = self._start_value(target, notes)
        path_date = self._path_date(a)
        start_value, expected, end = self._path(target, target.comparator, bound,  # type: ignore[arg-type]
                                                start.value if start else None, path_date, notes)
        measure = pg.printed(result.value, target.kind, a.unit)
        path = None if expected is None else pg.printed_path(expected, target.kind, a.unit, target.comparator)
        status = pg.status(measure, target.comparator, bound, path=path, end_value=end, final=final)  # type: ignore[arg-type]
        return replace(a, status=status, expected=expected, baseline=start_value,
                       baseline_date=self.baseline_date(target), percent_of_target=percent,
                       measure=measure, path=path, path_date=path_date)

    def _rate(self, a: Assessment, target: Target, result: MetricResult, final: bool) -> dict[str, Any]:
        """A rate per year judged on the number counted since the window start: on track when it is at
        least the target rate times the years gone, met once it reaches the whole term's number
        (25 HTX a year over 2021-2025: 125), which the average can no longer fall below."""
        per_year = float(target.value)  # type: ignore[arg-type]
        start, deadline = self.window_start(target), self.deadline(target)
        count = float(result.numerator or 0)
        term = per_year * years_elapsed(start, deadline)
        path = pg.printed_path(per_year * float(result.denominator or 0), "count", "", target.comparator)
        status = pg.status(count, target.comparator, term, path=path, end_value=term, final=final)
        return {"status": status, "expected": per_year, "measure": count, "path": path, "path_date": a.cutoff,
                "detail": {**a.detail, "term_count": term, "year_before": self._year_before(target)}}

    def _year_before(self, target: Target) -> float | None:
        """What a rate counted in the year before its window (2020 for 2021-2025): a summary's start figure.
        Not the path's start: a rate's path is the target rate itself."""
        start = self.window_start(target)
        ctx = Context(self.data, self.plan, target, start - dt.timedelta(days=1), start.replace(year=start.year - 1),
                      self.communes, self.memo)
        try:
            return run_metric(ctx, target.compute).value
        except NoData:
            return None

    def _distribution(self, a: Assessment, target: Target, result: MetricResult, final: bool,
                      notes: list[str]) -> Assessment:
        goals: tuple[ClassGoal, ...] = a.target if isinstance(a.target, tuple) else ()  # type: ignore[assignment]
        start = self._start_value(target, notes)
        path_date = self._path_date(a)
        classes = []
        for g in goals:
            got = (result.classes or {}).get(g.key)
            bound = g.range if g.comparator == "range" else g.value
            if got is None:
                classes.append(ClassAssessment(g.key, g.label, g.comparator, bound, None, None, None, None, None,
                                               CHUA_CO_SO_LIEU))
                continue
            s = (start.classes or {}).get(g.key) if start is not None else None
            sub_notes: list[str] = []
            s_value, expected, end = self._path(target, g.comparator, bound, s.value if s else None, path_date,
                                                sub_notes)
            for n in sub_notes:
                if n not in notes:
                    notes.append(n)
            path = None if expected is None else pg.printed_path(expected, target.kind, a.unit, g.comparator)
            status = pg.status(pg.printed(got.value, target.kind, a.unit), g.comparator, bound, path=path,
                               end_value=end, final=final)
            classes.append(ClassAssessment(
                g.key, g.label, g.comparator, bound, got.value, got.numerator,
                pg.percent_of_target(got.value, g.comparator, bound), s_value, expected, status, path,
            ))
        first = classes[0] if classes else None
        return replace(  # no composite % of target: each class has its own
            a, classes=tuple(classes), status=_overall([c.status for c in classes], final),
            value=first.value if first else a.value, numerator=first.numerator if first else None,
            baseline_date=self.baseline_date(target), path_date=path_date,
            baseline=first.baseline if first else None, expected=first.expected if first else None,
        )


def _overall(statuses: list[str], final: bool) -> str:
    """A distribution's status: every class must be met; otherwise the worst class decides."""
    if not statuses or CHUA_CO_SO_LIEU in statuses:
        return CHUA_CO_SO_LIEU
    if all(s == pg.VUOT for s in statuses):
        return pg.VUOT
    if all(s in (pg.DAT, pg.VUOT) for s in statuses):
        return pg.DAT
    if final:
        return pg.CHUA_DAT
    return pg.CHAM_TIEN_DO if pg.CHAM_TIEN_DO in statuses else pg.DUNG_TIEN_DO


def _target_bound(target: Target) -> float | tuple[float, float] | tuple[ClassGoal, ...] | None:
    if target.kind == "qualitative":
        return None
    if target.kind == "distribution" and target.classes:
        return tuple(ClassGoal(k, c.label or k, c.comparator, c.value, c.range, c.goal or "")
                     for k, c in target.classes.items())
    if target.comparator == "range":
        return target.range
    return target.value


def assess(plan: Plan, data: CycleData, cutoff: dt.date, *, communes: CommuneMode = "plan",
           targets: Iterable[str] | None = None, final: bool | None = None,
           estimate: bool = False) -> list[Assessment]:
    """Assess every target of *plan* (or those with the ids in *targets*) at *cutoff*.

    *communes*: "plan" (the plan's own pre-merger commune list, default) or "post_merger" (the
    communes after 1 July 2025 in the same area); commune-based values state the list used.
    *final*, *estimate*: see :meth:`Engine.assess`.
    """
    return Engine(plan, data, communes=communes).assess_all(cutoff, targets=targets, final=final,
                                                            estimate=estimate)


def assess_one(plan: Plan, data: CycleData, target: str | Target, cutoff: dt.date, *,
               communes: CommuneMode = "plan") -> Assessment:
    """Assess one target (by id or object) at *cutoff*."""
    t = plan.target(target) if isinstance(target, str) else target
    return Engine(plan, data, communes=communes).assess(t, cutoff)
