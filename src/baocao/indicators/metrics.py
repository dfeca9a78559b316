"""The registry of computations ("metrics") that turn the cycle's tables into a target's value.

A target's ``compute:`` mapping names a metric and its parameters::

    compute:
      metric: share_communes_with
      table: cooperatives
      active_at_cutoff: true
      unit_types: [Xã]

Every key but ``metric`` and ``subject`` is passed to the metric function as a keyword argument.
A metric receives a :class:`Context` (the data, the plan, the target, the date to compute at,
the commune list mode) and returns a :class:`MetricResult` in the target's unit, or raises
:class:`NoData` with a Vietnamese reason. A plan may add its own with :func:`register_metric`.
Everything is vectorised with pandas: no Python loop runs over rows.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from baocao.data.schema import RATINGS, STATUS_DISSOLVED, STATUS_STOPPED, TABLE_BY_NAME
from baocao.vnformat import MONEY_UNITS, date_short, number, parse_decimal, percent

from .communes import CommuneScope, commune_scope
from .filters import (
    ENTITY_ID,
    RANK,
    Env,
    TableView,
    alive_mask,
    day,
    latest_year,
    rating_round,
    sheet_of,
    undated_flag_notes,
    uses_rating,
    where_mask,
    year_end,
)
from .model import (ClassValue, CommuneMode, ComputeError, Evidence, LazyEvidence, MetricResult, NoData,
                    frame_source_rows, known_row)

if TYPE_CHECKING:
    from baocao.data import CycleData
    from baocao.plan.model import Plan, Target

RESERVED_KEYS = ("metric", "subject")
NOUNS = {"cooperatives": "HTX", "unions": "LHHTX", "groups": "THT", "linkage_models": "mô hình"}


# ---------------------------------------------------------------------------------------------
# Context and registry
# ---------------------------------------------------------------------------------------------


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
    lists, rating rounds and "active at" masks are computed once.
    """

    data: CycleData
    plan: Plan
    target: Target
    at: dt.date
    start: dt.date  # first day of the plan's window (target.start or 1 January of the first year)
    communes: CommuneMode = "plan"
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)

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
        return _cached(self.memo, ("grades", self.at), lambda: rating_round(self.table("ratings"), self.at))

    def rating_ranks(self, view: TableView) -> tuple[int, np.ndarray]:
        """Rating year in force and each row's grade rank (0 = Yếu … 3 = Tốt; NaN = not rated)."""
        if view.name not in ENTITY_ID:
            raise ComputeError(f"bảng '{view.name}' không có xếp loại (chỉ HTX và LHHTX được xếp loại)")
        year, grades = self.grades()
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
class Metric:
    """A registered computation."""

    name: str
    fn: MetricFn
    commune_based: bool = False

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.fn) or ""

    def params(self) -> list[str]:
        """Parameter names a ``compute:`` entry may give."""
        return [p for p in inspect.signature(self.fn).parameters if p != "ctx"]


METRICS: dict[str, Metric] = {}


def register_metric(name: str, *, commune_based: bool = False, replace: bool = False) -> Callable[[MetricFn], MetricFn]:
    """Decorator registering ``fn(ctx, **params) -> MetricResult | float`` under *name*.

    ``commune_based=True`` marks metrics whose value depends on the commune list (they state the
    list used). Registering an existing name raises unless ``replace=True``.
    """

    def deco(fn: MetricFn) -> MetricFn:
        if name in METRICS and not replace:
            raise ValueError(f"cách tính '{name}' đã được đăng ký")
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
    sig = inspect.signature(metric.fn)
    try:
        sig.bind(None, **params)
    except TypeError:
        allowed = metric.params()
        unknown = [k for k in params if k not in allowed]
        if unknown:
            raise ComputeError(f"tham số không dùng được với '{metric.name}': {', '.join(unknown)}; "
                               f"các tham số: {', '.join(allowed)}") from None
        missing = [p.name for p in sig.parameters.values()
                   if p.name != "ctx" and p.default is inspect.Parameter.empty and p.name not in params]
        raise ComputeError(f"'{metric.name}' cần tham số: {', '.join(missing)}") from None


def run_metric(ctx: Context, compute: Mapping[str, Any]) -> MetricResult:
    """Evaluate a ``compute:`` entry in *ctx*."""
    metric = get_metric(str(compute.get("metric")))
    params = metric_params(compute)
    check_params(metric, params)
    out = metric.fn(ctx, **params)
    if isinstance(out, MetricResult):
        return out
    if out is None:
        raise NoData("cách tính không trả về giá trị")
    return MetricResult(value=float(out))


# ---------------------------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------------------------


def _names(table: str | None, tables: Iterable[str] | None) -> list[str]:
    names = [table] if table else []
    names += list(tables or [])
    if not names:
        raise ComputeError("cần 'table' (hoặc 'tables')")
    return names


def _nonempty(ctx: Context, name: str) -> TableView:
    view = ctx.view(name)
    if len(view) == 0:
        raise NoData(f"trang tính '{sheet_of(name)}' không có dòng nào")
    return view


def _lifespan(active: Any) -> tuple[str, str | None] | None:
    if isinstance(active, (list, tuple)):
        if len(active) not in (1, 2):
            raise ComputeError("'active_at_cutoff' là true/false hoặc [cột ngày bắt đầu, cột ngày kết thúc]")
        return (str(active[0]), str(active[1]) if len(active) == 2 and active[1] else None)
    return None


def _mask(ctx: Context, view: TableView, where: Mapping[str, Any] | None, active: Any,
          notes: list[str]) -> np.ndarray:
    """Rows of *view* meeting *where* (and existing at ``ctx.at`` when *active*)."""
    ranks = None
    if uses_rating(where):
        year, ranks = ctx.rating_ranks(view)
        _note(notes, f"xếp loại theo kết quả năm {year}")
    mask = where_mask(view, where, ctx.env, ranks)
    for text in undated_flag_notes(view, where):
        _note(notes, text)
    if active:
        mask &= ctx.alive(view, _lifespan(active))
    return mask


def _note(notes: list[str], text: str) -> None:
    if text not in notes:
        notes.append(text)


def evidence_frame(df: pd.DataFrame, table: str, **extra: Any) -> pd.DataFrame:
    """Rows that counted: table, sheet, Excel row, then the table's columns and *extra* columns."""
    out = df.drop(columns=[c for c in ("_sheet", "_row") if c in df.columns]).reset_index(drop=True)
    front = pd.DataFrame({
        "table": pd.Series([table] * len(df), dtype="str"),
        "sheet": (df["_sheet"].reset_index(drop=True) if "_sheet" in df.columns
                  else pd.Series([sheet_of(table)] * len(df), dtype="str")),
        "row": (df["_row"].reset_index(drop=True) if "_row" in df.columns
                else pd.Series([pd.NA] * len(df), dtype="Int64")),
    })
    for k, v in extra.items():
        out[k] = v
    return pd.concat([front, out], axis=1)


def lazy_evidence(view: TableView, mask: np.ndarray, **extra: Any) -> LazyEvidence:
    """Evidence of the rows of *view* under *mask*, built when first asked."""

    def build() -> pd.DataFrame:
        return evidence_frame(view.df[mask], view.name, **{k: np.asarray(v)[mask] for k, v in extra.items()})

    def source_rows() -> list[tuple[str, int]]:
        df = view.df
        if "_row" not in df.columns:
            return []
        rows = df["_row"].to_numpy()[mask].tolist()
        sheets = (df["_sheet"].to_numpy()[mask].tolist() if "_sheet" in df.columns
                  else [sheet_of(view.name)] * len(rows))
        return [(str(s), int(r)) for s, r in zip(sheets, rows) if known_row(r)]

    return LazyEvidence(build, source_rows)


def concat_evidence(parts: list[Callable[[], pd.DataFrame]], **const: Any) -> LazyEvidence:
    """Evidence of several tables, pooled; *const* adds a column with one value per part."""

    def build() -> pd.DataFrame:
        frames = []
        for i, part in enumerate(parts):
            f = part()
            for k, values in const.items():
                f[k] = values[i]
            frames.append(f)
        if len(frames) == 1:
            return frames[0]
        return pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)

    def source_rows() -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for part in parts:
            out.extend(part.source_rows() if isinstance(part, LazyEvidence) else frame_source_rows(part()))
        return out

    return LazyEvidence(build, source_rows)


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


_FIGURE = r"(?:count|total|share|value)(?:_start)?"
_MET_RE = re.compile(rf"^\s*({_FIGURE})\s*(<=|>=|!=|<|>|=)\s*(-?\d+(?:[.,]\d+)?|{_FIGURE})\s*$")


@dataclass(frozen=True)
class MetRule:
    """A parsed ``met_if``: figure, operator, and a number or another figure to compare with."""

    left: str
    op: str
    right: str | float

    @property
    def figures(self) -> tuple[str, ...]:
        """The figure names the rule reads."""
        return (self.left,) if isinstance(self.right, float) else (self.left, self.right)


def parse_met_rule(rule: str) -> MetRule:
    """Parse ``"count >= 1"``, ``"share >= 50"`` or ``"share > share_start"``; ComputeError if malformed."""
    m = _MET_RE.match(str(rule))
    if not m:
        raise ComputeError(f"điều kiện đạt '{rule}' không đúng dạng (ví dụ: 'count >= 1', 'share >= 50', "
                           "'share > share_start')")
    right = m.group(3)
    return MetRule(m.group(1), m.group(2), parse_decimal(right) if right[-1].isdigit() else right)


def met_rule(rule: str, figures: Mapping[str, float]) -> bool:
    """Evaluate a ``met_if`` rule on the metric's figures.

    A name ending in ``_start`` is the figure at the start of the plan (the day before its window),
    so a narrative target can be judged on progress since the plan began.
    """
    parsed = parse_met_rule(rule)
    for key in parsed.figures:
        if figures.get(key) is None:
            raise ComputeError(f"điều kiện đạt '{rule}': cách tính này không có '{key}'")
    x = float(figures[parsed.left])
    y = parsed.right if isinstance(parsed.right, float) else float(figures[parsed.right])
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "=": x == y, "!=": x != y}[parsed.op]


def _fill(template: str | None, figures: Mapping[str, str]) -> str | None:
    if template is None:
        return None
    try:
        return template.format(**figures)
    except (KeyError, IndexError, ValueError) as exc:
        raise ComputeError(f"mẫu câu '{template}' dùng chỗ trống không có ({exc}); "
                           f"dùng: {', '.join('{' + k + '}' for k in figures)}") from None


def _year_mask(ctx: Context, view: TableView, current_year: bool) -> tuple[np.ndarray, int]:
    """Rows of the latest year ended by ``ctx.at`` (column ``year``)."""
    years = view.array("year")
    year = latest_year(years, ctx.at, current_year=current_year)
    if year is None:
        raise NoData(f"trang tính '{sheet_of(view.name)}' chưa có số liệu của năm nào kết thúc trước "
                     f"{date_short(ctx.at)}")
    return years == year, year


def _sum(values: np.ndarray, mask: np.ndarray) -> float:
    return float(np.nansum(values[mask]))


# ---------------------------------------------------------------------------------------------
# Built-in metrics
# ---------------------------------------------------------------------------------------------


@register_metric("share_communes_with", commune_based=True)
def share_communes_with(ctx: Context, *, table: str, where: Mapping[str, Any] | None = None,
                        active_at_cutoff: Any = True, unit_types: Iterable[str] = ("Xã",)) -> MetricResult:
    """% of the communes of the list with at least one row of *table* meeting *where*.

    Rows are placed on the list by their ``commune_code`` (moved to the new commune in
    ``post_merger`` mode). ``active_at_cutoff``: only rows existing at the cut-off.
    """
    notes: list[str] = []
    view = _nonempty(ctx, table)
    scope, loc = ctx.located(view, unit_types)
    den = scope.communes.size
    if den == 0:
        raise NoData(f"mẫu số bằng 0: danh sách {scope.communes.label} không có xã nào")
    hit = _mask(ctx, view, where, active_at_cutoff, notes) & ~pd.isna(loc)
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
    for name in _names(table, tables):
        view = ctx.view(name)
        pop = _mask(ctx, view, where, active_at_cutoff, notes)
        counted = pop & _mask(ctx, view, condition, False, notes)
        den += int(pop.sum())
        num += int(counted.sum())
        parts.append(lazy_evidence(view, pop, counted=counted))
    if den == 0:
        raise NoData("mẫu số bằng 0: không có dòng nào thuộc đối tượng tính tại ngày này")
    return MetricResult(value=100.0 * num / den, numerator=num, denominator=den, unit="%",
                        evidence=concat_evidence(parts), notes=tuple(notes))


def _count(ctx: Context, *, table: str | None = None, tables: Iterable[str] | None = None,
           where: Mapping[str, Any] | None = None, active_at_cutoff: Any = False, distinct: str | None = None,
           years: tuple[str, int, int] | None = None, notes: list[str]) -> tuple[int, Evidence]:
    parts, seen, total = [], [], 0
    for name in _names(table, tables):
        view = _nonempty(ctx, name)
        mask = _mask(ctx, view, where, active_at_cutoff, notes)
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
    view = _nonempty(ctx, table)
    dates = view.array(date)
    mask = _mask(ctx, view, where, False, notes) & (dates >= day(start)) & (dates <= day(ctx.at))
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
    allowed = {"table", "tables", "where", "active_at_cutoff", "distinct"}
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


@register_metric("ratio_of_sums")
def ratio_of_sums(ctx: Context, *, table: str, numerator: str, denominator: str,
                  where: Mapping[str, Any] | None = None, by_commune: bool = False,
                  unit_types: Iterable[str] = ("Xã",), current_year: bool = False) -> MetricResult:
    """% = sum of *numerator* / sum of *denominator* over the rows of the latest year ended by the cut-off.

    ``by_commune``: only rows of communes on the commune list (moved to the new communes in
    ``post_merger`` mode).
    """
    notes: list[str] = []
    view = _nonempty(ctx, table)
    num_col, den_col = view.array(numerator), view.array(denominator)
    mask, year = _year_mask(ctx, view, current_year)
    mask &= _mask(ctx, view, where, False, notes)
    communes = None
    extra: dict[str, Any] = {}
    if by_commune:
        scope, loc = ctx.located(view, unit_types)
        communes = scope.communes
        mask &= ~pd.isna(loc)
        extra["commune"] = loc
        covered = len(pd.unique(loc[mask]))
        if covered < communes.size:
            _note(notes, f"số liệu năm {year} có ở {covered}/{communes.size} xã của danh sách")
        notes += list(scope.notes)
    num, den = _sum(num_col, mask), _sum(den_col, mask)
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


def _latest_sum(ctx: Context, table: str, column: str, where: Mapping[str, Any] | None, current_year: bool,
                notes: list[str]) -> tuple[float, int, TableView, np.ndarray]:
    view = _nonempty(ctx, table)
    values = view.array(column)
    mask, year = _year_mask(ctx, view, current_year)
    mask &= _mask(ctx, view, where, False, notes)
    if not mask.any() or np.isnan(values[mask]).all():
        raise NoData(f"trang tính '{sheet_of(table)}' năm {year}: cột '{column}' để trống")
    return _sum(values, mask), year, view, mask


@register_metric("latest_value")
def latest_value(ctx: Context, *, table: str, column: str, where: Mapping[str, Any] | None = None,
                 source_unit: str | None = None, current_year: bool = False) -> MetricResult:
    """Sum of *column* in the latest year ended by the cut-off, converted from *source_unit*."""
    notes: list[str] = []
    total, year, view, mask = _latest_sum(ctx, table, column, where, current_year, notes)
    return MetricResult(value=_convert(total, source_unit, ctx.target.unit), evidence=lazy_evidence(view, mask),
                        data_date=year_end(year), notes=tuple(notes), detail={"year": year})


@register_metric("rating_distribution")
def rating_distribution(ctx: Context, *, classes: Mapping[str, Any], entities: Iterable[str] = ("cooperatives",),
                        noun: str | None = None) -> MetricResult:
    """% of the entities rated in the latest rating year ended by the cut-off, per class of grades.

    *classes* maps each class of the target to its grades (``kha_tot: [Tốt, Khá]``).
    """
    names = list(entities)
    spec = {k: [v] if isinstance(v, str) else list(v) for k, v in classes.items()}
    for key, grades in spec.items():
        bad = [g for g in grades if g not in RATINGS]
        if bad:
            raise ComputeError(f"lớp '{key}': xếp loại không hợp lệ {bad}; chọn trong {', '.join(RATINGS)}")
    wanted = set((ctx.target.classes or {}).keys())
    if wanted - set(spec):
        raise ComputeError(f"thiếu nhóm xếp loại cho: {', '.join(sorted(wanted - set(spec)))}")
    for name in names:
        if name not in ENTITY_ID:
            raise ComputeError(f"bảng '{name}' không có xếp loại")
    year, _ = ctx.grades()
    ratings = ctx.view("ratings")
    ids = np.concatenate([ctx.view(n).array(ENTITY_ID[n]) for n in names])
    mask = (ratings.array("year") == year) & np.asarray(pd.Index(ratings.array("entity_id")).isin(ids), dtype=bool)
    entity = ratings.array("entity_id")
    index = np.flatnonzero(mask)[~pd.Series(entity[mask]).duplicated().to_numpy()]
    mask = np.zeros(len(ratings), dtype=bool)
    mask[index] = True
    den = int(mask.sum())
    if den == 0:
        raise NoData(f"mẫu số bằng 0: không có {noun or 'HTX'} nào được xếp loại năm {year}")
    grade = ratings.array("rating")
    label = np.full(len(ratings), None, dtype=object)
    values: dict[str, ClassValue] = {}
    for key, grades in spec.items():
        hit = mask & np.asarray(pd.Index(grade).isin(grades), dtype=bool)
        label[hit] = key
        n = int(hit.sum())
        values[key] = ClassValue(value=100.0 * n / den, numerator=n)
    default_noun = ", ".join(NOUNS.get(n, n) for n in names)
    return MetricResult(
        value=next(iter(values.values())).value, denominator=den, unit="%", classes=values,
        evidence=lazy_evidence(ratings, mask, **{"class": label}), data_date=year_end(year),
        notes=(f"xếp loại theo kết quả năm {year}",), detail={"year": year, "noun": noun or default_noun},
    )


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
            _note(notes, f"đầu kỳ ({date_short(before)}) tính là 0: {exc}")
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
    value, year, view, mask = _latest_sum(ctx, table, column, where, current_year, notes)
    return MetricResult(value=value, unit=unit, evidence=lazy_evidence(view, mask), data_date=year_end(year),
                        met=met_rule(met_if, {"value": value}), notes=tuple(notes),
                        text=_fill(text, {"value": number(value), "year": str(year)}), detail={"year": year})


@register_metric("stopped_not_dissolved")
def stopped_not_dissolved(ctx: Context, *, table: str = "cooperatives") -> MetricResult:
    """HTX stopped but not yet dissolved at the cut-off (met when none is left).

    Progress in the period: HTX dissolved from the plan's start to the cut-off. Evidence lists the
    stopped HTX (``counted`` = True) and the dissolved ones (``counted`` = False).
    """
    view = _nonempty(ctx, table)
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
