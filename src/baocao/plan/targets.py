"""A plan's targets: what is aimed at, in the words of the plan, and how the engine computes it."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from .base import Model
from .numbers import VnNumber

Comparator = Literal[">=", ">", "<=", "<", "=", "range"]
TargetKind = Literal["share", "count", "rate_per_year", "growth", "distribution", "amount", "qualitative", "custom"]


class Baseline(Model):
    """What a growth target is measured against: a value at a date, or a whole period."""

    value: VnNumber | None = None
    date: dt.date | None = None
    period: tuple[int, int] | None = None  # e.g. (2012, 2020)
    note: str = ""


class ClassTarget(Model):
    """One class of a distribution target, e.g. 'Yếu' < 15%."""

    comparator: Comparator = ">="
    value: VnNumber | None = None
    range: tuple[VnNumber, VnNumber] | None = None
    label: str = ""
    goal: str | None = None  # the class's target in the plan's words ("dưới 15%"); default from the figures


class Target(Model):
    """A quantitative or qualitative target with the words of the plan it comes from."""

    id: str
    quote: str  # words of the sentence this target stands for (must occur in its paragraph)
    label: str  # short name for tables
    kind: TargetKind
    unit: str = ""
    comparator: Comparator = ">="
    value: VnNumber | None = None
    range: tuple[VnNumber, VnNumber] | None = None
    classes: dict[str, ClassTarget] | None = None
    baseline: Baseline | None = None
    start: dt.date | None = None  # start of the straight-line path (default: 1 January of the plan's first year)
    deadline: dt.date | None = None
    path: dict[dt.date, float] | None = None  # milestones the plan sets on the way (date -> value); else straight
    goal: str | None = None  # the target in the plan's words for documents ("trên 20 tỷ đồng"); default from the figures
    theme: str | None = None  # the heading a report groups this target's result under ("Số lượng HTX, LHHTX, THT")
    compute: dict[str, Any] = Field(default_factory=dict)  # how the indicator engine computes it
    note: str = ""

    @model_validator(mode="after")
    def _shape(self) -> "Target":
        if self.kind == "qualitative":
            return self
        if self.kind == "distribution":
            if not self.classes:
                raise ValueError("chỉ tiêu dạng 'distribution' cần 'classes'")
        elif self.comparator == "range":
            if not self.range or self.range[0] > self.range[1]:
                raise ValueError("so sánh 'range' cần 'range: [thấp, cao]' với thấp ≤ cao")
        elif self.value is None:
            raise ValueError(f"chỉ tiêu dạng '{self.kind}' cần 'value'")
        if self.kind == "growth" and self.baseline is None:
            raise ValueError("chỉ tiêu tăng trưởng ('growth') cần 'baseline'")
        if self.path and (self.kind == "distribution" or self.comparator == "range"):
            raise ValueError("lộ trình ('path') chỉ khai báo cho chỉ tiêu có một mức (không cho 'range' hay "
                             "'distribution')")
        return self
