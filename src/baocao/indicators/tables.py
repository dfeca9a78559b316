"""Assessments as plain data: JSON-ready dicts, a machine table, and the Vietnamese display table."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

import pandas as pd

from .model import Assessment, ClassGoal
from .text import DASH, bound_text, fmt_value

DISPLAY_COLUMNS = ("Mã", "Chỉ tiêu", "Giá trị", "Mục tiêu", "% mục tiêu", "Tình trạng")


def _plain(x: Any) -> Any:
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    if isinstance(x, ClassGoal):
        return {k: _plain(v) for k, v in dataclasses.asdict(x).items()}
    if isinstance(x, tuple):
        return [_plain(v) for v in x]
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if hasattr(x, "item") and not isinstance(x, (str, bytes)):
        return x.item()
    return x


def assessment_dict(a: Assessment) -> dict[str, Any]:
    """Every field but the evidence, JSON-ready, plus the Vietnamese texts of value and target."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(a):
        if f.name == "evidence_source":
            continue
        v = getattr(a, f.name)
        if f.name == "communes" and v is not None:
            v = {"source": v.source, "as_of": v.as_of.isoformat(), "unit_types": list(v.unit_types),
                 "size": v.size, "label": v.label, "codes": list(v.codes)}
        elif f.name == "classes":
            v = [{k: _plain(x) for k, x in dataclasses.asdict(c).items()} for c in v]
        out[f.name] = _plain(v)
    out["value_text"] = a.value_text
    out["target_text"] = a.target_text
    out["percent_text"] = a.percent_text
    return out


def to_frame(assessments: Iterable[Assessment]) -> pd.DataFrame:
    """One row per assessment with raw numbers (for CSV, notebooks and further computation)."""
    rows = []
    for a in assessments:
        target = a.target
        low = high = None
        if isinstance(target, tuple) and target and not isinstance(target[0], ClassGoal):
            low, high = target
        elif isinstance(target, (int, float)):
            low = float(target)
        rows.append({
            "target_id": a.target_id, "label": a.label, "kind": a.kind, "unit": a.unit,
            "cutoff": a.cutoff, "deadline": a.deadline, "value": a.value, "comparator": a.comparator,
            "target": low, "target_high": high, "target_text": a.target_text,
            "percent_of_target": a.percent_of_target, "expected": a.expected, "baseline": a.baseline,
            "status": a.status, "numerator": a.numerator, "denominator": a.denominator,
            "communes": a.communes.source if a.communes else None,
            "communes_as_of": a.communes.as_of if a.communes else None,
            "communes_count": a.communes.size if a.communes else None,
            "data_date": a.data_date, "reason": a.reason, "sentence": a.sentence,
        })
    return pd.DataFrame(rows)


def _compact(a: Assessment) -> tuple[str, str]:
    """Value and target of a distribution, class by class in the label's order: "44,2% / 41,6% / 14,2%"."""
    if not a.classes:
        return a.value_text, a.target_text
    value = " / ".join(fmt_value(c.value, a.unit) if c.value is not None else DASH for c in a.classes)
    goals = a.target if isinstance(a.target, tuple) else ()
    target = " / ".join(bound_text(g.comparator, g.value, g.range, a.unit, at_least=True)
                        for g in goals if isinstance(g, ClassGoal))
    return value, target


def display_frame(assessments: Iterable[Assessment], *, compact: bool = False) -> pd.DataFrame:
    """The table an analyst reads: Mã, Chỉ tiêu, Giá trị, Mục tiêu, % mục tiêu, Tình trạng.

    ``compact``: a distribution shows its classes' values and targets separated by "/".
    """
    rows = []
    for a in assessments:
        value, target = _compact(a) if compact else (a.value_text, a.target_text)
        rows.append((a.target_id, a.label, value, target, a.percent_text, a.status))
    return pd.DataFrame(rows, columns=list(DISPLAY_COLUMNS))


def text_table(assessments: Iterable[Assessment], *, width: int = 48) -> str:
    """A fixed-width text rendering of :func:`display_frame` for the terminal (labels cut at *width*)."""
    df = display_frame(assessments, compact=True)
    cells = [[str(v) for v in row] for row in df.itertuples(index=False)]
    cells = [[c if (i != 1 or len(c) <= width) else c[: width - 1] + "…" for i, c in enumerate(row)]
             for row in cells]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(DISPLAY_COLUMNS)]
    right = {2, 4}

    def line(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    out = [line(list(DISPLAY_COLUMNS)), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    return "\n".join(out)
