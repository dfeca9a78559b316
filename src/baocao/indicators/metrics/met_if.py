"""The ``met_if`` rules of qualitative targets: ``"count >= 1"``, ``"share >= 50"``, ``"share > share_start"``.

A rule compares one of the metric's figures (``count``, ``total``, ``share``, ``value``, or the
same at the start of the plan with ``_start``) with a number or with another figure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from baocao.vnformat import parse_decimal

from ..model import ComputeError

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
