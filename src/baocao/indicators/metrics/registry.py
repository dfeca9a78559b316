"""The metric registry and the :class:`Context` a metric reads.

A metric is a function ``fn(ctx, **params) -> MetricResult | float`` registered under a name with
:func:`register_metric`. Its signature is the one place its parameters are declared: names,
defaults (a parameter without one is required) and type annotations; :attr:`Metric.params` exposes
them, and :func:`check_params` checks a ``compute:`` entry against them.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from baocao.data.schema import TABLE_BY_NAME

from ..communes import CommuneScope, commune_scope
from ..filters import ENTITY_ID, RANK, Env, TableView, alive_mask, rating_round, year_end
from ..model import CommuneMode, ComputeError, MetricResult, NoData
from baocao.errors import UsageError

if TYPE_CHECKING:
    from baocao.data import CycleData
    from baocao.plan.model import Plan, Target

#: Keys of a ``compute:`` entry that are not parameters of the metric.
RESERVED_KEYS = ("metric", "subject")


def _cached(memo: dict[Any, Any], key: Any, build: Callable[[], Any]) -> Any:
    """Memoise *build()*; a NoData raised by it is memoised and raised again."""
    if key not in memo:
        try:
            memo[key] = build()
        except NoData as exc:
            memo[key] = exc
    found = memo[key]
    if isinstance(found, NoData):
        raise found
    return found


@dataclass
class Context:
    """Everything a metric may read. ``at`` is the date to compute at (cut-off or path start).

    ``memo`` is shared by every evaluation of one engine (same data), so column arrays, commune
    lists, rating rounds and "active at" masks are computed once. ``estimate``: the year under way
    is read from its (provisional) yearly rows, as an annual report's "ước thực hiện" does.
    """

    data: CycleData
    plan: Plan
    target: Target
    at: dt.date
    start: dt.date  # first day of the plan's window (target.start or 1 January of the first year)
    communes: CommuneMode = "plan"
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)
    estimate: bool = False  # yearly figures and ratings of the cut-off's own year count (ước thực hiện)
    rating_years: set[int] = field(default_factory=set, repr=False)  # rating rounds one evaluation read

    @property
    def env(self) -> Env:
        return Env(at=self.at, start=self.start)

    def at_date(self, at: dt.date) -> Context:
        """The same context computed at another date (shares the cache)."""
        return replace(self, at=at)

    def table(self, name: str) -> pd.DataFrame:
        """A table of the cycle's data by internal name."""
        try:
            return self.data.table(name)
        except (KeyError, AttributeError):
            raise ComputeError(f"không có bảng '{name}'; các bảng: {', '.join(TABLE_BY_NAME)}") from None

    def view(self, name: str) -> TableView:
        """The table with cached numpy columns."""
        key = ("view", name)
        if key not in self.memo:
            self.memo[key] = TableView(name, self.table(name))
        return self.memo[key]

    def scope(self, unit_types: Iterable[str] = ("Xã",)) -> CommuneScope:
        """The commune list of the requested mode and unit types (cached)."""
        types = tuple(unit_types)
        return _cached(self.memo, ("scope", self.communes, types),
                       lambda: commune_scope(self.table("units"), self.table("commune_map_2025"),
                                             self.communes, types))

    def located(self, view: TableView, unit_types: Iterable[str]) -> tuple[CommuneScope, np.ndarray]:
        """The scope and each row's commune code on its list (None when off the list)."""
        scope = self.scope(unit_types)
        key = ("located", view.name, id(view.df), self.communes, tuple(unit_types))
        if key not in self.memo:
            codes = pd.Series(view.array("commune_code"), dtype="object")
            self.memo[key] = scope.locate(codes).to_numpy(dtype=object, na_value=None)
        return scope, self.memo[key]

    def grades(self) -> tuple[int, pd.Series]:
        """Rating year in force at ``at`` and each entity's grade that year (cached)."""
        return _cached(self.memo, ("grades", self.at, self.estimate),
                       lambda: rating_round(self.table("ratings"), self.at, current_year=self.estimate))

    def rating_ranks(self, view: TableView) -> tuple[int, np.ndarray]:
        """Rating year in force and each row's grade rank (0 = Yếu … 3 = Tốt; NaN = not rated)."""
        if view.name not in ENTITY_ID:
            raise ComputeError(f"bảng '{view.name}' không có xếp loại (chỉ HTX và LHHTX được xếp loại)")
        year, grades = self.grades()
        self.rating_years.add(year)
        key = ("ranks", view.name, year)
        if key not in self.memo:
            ranks = grades.map(RANK)
            ids = pd.Series(view.array(ENTITY_ID[view.name]), dtype="object")
            self.memo[key] = ids.map(ranks).to_numpy(dtype="float64", na_value=np.nan)
        return year, self.memo[key]

    def alive(self, view: TableView, lifespan: tuple[str, str | None] | None = None) -> np.ndarray:
        """Rows of *view* existing at the end of day ``at`` (cached)."""
        key = ("alive", view.name, self.at, lifespan)
        if key not in self.memo:
            self.memo[key] = alive_mask(view, self.at, lifespan)
        return self.memo[key]


MetricFn = Callable[..., "MetricResult | float"]


@dataclass(frozen=True)
class Param:
    """One parameter a ``compute:`` entry may give to a metric, as its signature declares it.

    ``annotation`` is the type as written in the signature (``"str | None"``; ``""`` when not
    annotated); ``default`` is meaningful only when ``required`` is false.
    """

    name: str
    required: bool
    default: Any = None
    annotation: str = ""


def declared_params(fn: MetricFn) -> tuple[Param, ...]:
    """The parameters of metric *fn*: every parameter after the first (the :class:`Context`)."""
    found = []
    for p in list(inspect.signature(fn).parameters.values())[1:]:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        annotation = "" if p.annotation is p.empty else (
            p.annotation if isinstance(p.annotation, str) else inspect.formatannotation(p.annotation))
        required = p.default is p.empty
        found.append(Param(p.name, required, None if required else p.default, annotation))
    return tuple(found)


@dataclass(frozen=True)
class Metric:
    """A registered computation; ``params`` are the parameters its signature declares."""

    name: str
    fn: MetricFn
    commune_based: bool = False
    params: tuple[Param, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", declared_params(self.fn))

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.fn) or ""

    @property
    def param_names(self) -> list[str]:
        """Parameter names a ``compute:`` entry may give."""
        return [p.name for p in self.params]


METRICS: dict[str, Metric] = {}


def register_metric(name: str, *, commune_based: bool = False, replace: bool = False) -> Callable[[MetricFn], MetricFn]:
    """Decorator registering ``fn(ctx, **params) -> MetricResult | float`` under *name*.

    ``commune_based=True`` marks metrics whose value depends on the commune list (they state the
    list used). Registering an existing name raises unless ``replace=True``.
    """

    def deco(fn: MetricFn) -> MetricFn:
        if name in METRICS and not replace:
            raise UsageError(f"cách tính '{name}' đã được đăng ký; dùng replace=True để thay")
        METRICS[name] = Metric(name, fn, commune_based)
        return fn

    return deco


def get_metric(name: str) -> Metric:
    if name not in METRICS:
        raise ComputeError(f"cách tính (metric) '{name}' không có; các cách tính: {', '.join(sorted(METRICS))}")
    return METRICS[name]


def metric_params(compute: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of a ``compute:`` entry."""
    return {k: v for k, v in compute.items() if k not in RESERVED_KEYS}


def check_params(metric: Metric, params: Mapping[str, Any]) -> None:
    """Raise :class:`ComputeError` for unknown or missing parameters."""
    try:
        inspect.signature(metric.fn).bind(None, **params)
    except TypeError:
        allowed = metric.param_names
        unknown = [k for k in params if k not in allowed]
        if unknown:
            raise ComputeError(f"tham số không dùng được với '{metric.name}': {', '.join(unknown)}; "
                               f"các tham số: {', '.join(allowed)}") from None
        missing = [p.name for p in metric.params if p.required and p.name not in params]
        raise ComputeError(f"'{metric.name}' cần tham số: {', '.join(missing)}") from None


def run_metric(ctx: Context, compute: Mapping[str, Any]) -> MetricResult:
    """Evaluate a ``compute:`` entry in *ctx*."""
    metric = get_metric(str(compute.get("metric")))
    params = metric_params(compute)
    check_params(metric, params)
    ctx = replace(ctx, rating_years=set())
    out = metric.fn(ctx, **params)
    if isinstance(out, MetricResult):
        if out.data_date is None and ctx.at.year in ctx.rating_years and ctx.estimate:
            # graded on the year under way (ước thực hiện): the figure describes that year, not the cut-off
            return replace(out, data_date=year_end(ctx.at.year))
        return out
    if out is None:
        raise NoData("cách tính không trả về giá trị")
    return MetricResult(value=float(out))
