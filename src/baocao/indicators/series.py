"""Targets over time: one row per target and cut-off (year ends of the plan plus given dates)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from .engine import Engine
from .model import Assessment, ClassGoal, CommuneMode

if TYPE_CHECKING:
    from baocao.data import CycleData
    from baocao.plan.model import Plan

COLUMNS = ("target_id", "class_key", "label", "kind", "unit", "cutoff", "value", "comparator", "target",
           "target_high", "expected", "baseline", "baseline_date", "deadline", "percent_of_target", "status",
           "numerator", "denominator", "communes")


def default_cutoffs(plan: Plan, extra: Iterable[dt.date] = ()) -> list[dt.date]:
    """31 December of every year of the plan, plus *extra* dates, sorted and unique."""
    ends = {dt.date(y, 12, 31) for y in range(plan.horizon.start, plan.horizon.end + 1)}
    return sorted(ends | set(extra))


def _rows(a: Assessment) -> list[dict[str, object]]:
    lo = hi = None
    if isinstance(a.target, tuple) and a.target and not isinstance(a.target[0], ClassGoal):
        lo, hi = a.target
    elif isinstance(a.target, (int, float)):
        lo = float(a.target)
    common = {"target_id": a.target_id, "kind": a.kind, "unit": a.unit, "cutoff": a.cutoff,
              "baseline_date": a.baseline_date, "deadline": a.deadline,
              "communes": a.communes.source if a.communes else None}
    rows = [{**common, "class_key": "", "label": a.label, "value": a.value, "comparator": a.comparator,
             "target": lo, "target_high": hi, "expected": a.expected, "baseline": a.baseline,
             "percent_of_target": a.percent_of_target, "status": a.status, "numerator": a.numerator,
             "denominator": a.denominator}]
    for c in a.classes:
        clo, chi = (c.target if isinstance(c.target, tuple) else (c.target, None))
        rows.append({**common, "class_key": c.key, "label": c.label, "value": c.value, "comparator": c.comparator,
                     "target": clo, "target_high": chi, "expected": c.expected, "baseline": c.baseline,
                     "percent_of_target": c.percent_of_target, "status": c.status, "numerator": c.numerator,
                     "denominator": a.denominator})
    return rows


def series(plan: Plan, data: CycleData, cutoffs: Iterable[dt.date] = (), *, year_ends: bool = True,
           communes: CommuneMode = "plan", targets: Iterable[str] | None = None,
           final: bool | None = None) -> pd.DataFrame:
    """Assess every target at each cut-off: the year ends of the plan (unless ``year_ends=False``)
    plus *cutoffs*.

    One row per target and cut-off with ``class_key == ""``; a distribution target adds one row
    per class (``class_key`` set). Columns: :data:`COLUMNS`.

    *final* applies to the **last** cut-off only, as in :func:`~baocao.indicators.assess` (see
    :func:`baocao.periods.final_verdict`): a whole-plan summary judges its own date as met / not met,
    while the earlier points keep the verdict of their date. ``None``: every cut-off is judged from
    the targets' deadlines.
    """
    dates = default_cutoffs(plan, cutoffs) if year_ends else sorted(set(cutoffs))
    engine = Engine(plan, data, communes=communes)
    chosen = plan.targets() if targets is None else [plan.target(t) for t in targets]
    last = dates[-1] if dates else None
    rows = [r for d in dates for t in chosen
            for r in _rows(engine.assess(t, d, final=final if d == last else None))]
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    for col in ("value", "target", "target_high", "expected", "baseline", "percent_of_target", "numerator",
                "denominator"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    return df
