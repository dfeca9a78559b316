"""Pure arithmetic of targets: met or not, % of target, the path, the status.

Rules (see docs/indicators.md §2):

* figures are compared **as the documents print them**: value and path are rounded to the decimals
  of the target's kind and unit (:func:`decimals`) before any comparison, so a printed "90%" never
  sits beside "chưa đạt" for a target of 90%, and a printed path always agrees with its verdict
  (a whole-number path is the whole number to reach: :func:`printed_path`);
* a range ``[low, high]`` reads "at least low, up to high": below low is not met, inside is met,
  above high is met and beyond ("vượt");
* "vượt" = met and strictly beyond the bound (above for ``>=``/``>``/range, below for ``<=``/``<``);
* % of target: value / target for ``>=``, ``>``, ``=``; value / low for a range; target / value
  for ``<=`` and ``<`` (lower is better, so 10% against "< 15%" is 150%); undefined (None) at a
  zero target or, lower being better, a zero value;
* the path runs from the value at the start (``baseline``) to the target at the deadline:
  straight, or through the milestones the plan declares; a range heads for its nearest bound;
* before the deadline: met -> đạt/vượt, else đúng/chậm tiến độ against the path; at or after the
  deadline: đạt/vượt/chưa đạt.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

from baocao.vnformat import MONEY_UNITS, rounded

from .model import CHAM_TIEN_DO, CHUA_CO_SO_LIEU, CHUA_DAT, DAT, DUNG_TIEN_DO, KHONG_DINH_LUONG, VUOT

Bound = float | tuple[float, float] | None
LOWER_IS_BETTER = ("<", "<=")


def decimals(kind: str, unit: str) -> int:
    """Decimals a figure of this kind and unit is printed with (and compared at).

    % and rates per year: 1; counts: 0 (a path of 1,47 people is judged as the 02 to reach); growth
    ("lần"), money and any other unit: 2.
    """
    if unit == "%" or unit.endswith("/năm"):
        return 1
    if kind == "count" and unit not in MONEY_UNITS:
        return 0
    return 2


def _eps(x: float) -> float:
    return 1e-9 * max(1.0, abs(x))


def is_met(value: float, comparator: str, target: Bound) -> bool:
    """Does *value* satisfy the target?"""
    if target is None:
        raise ValueError("no target")
    if comparator == "range":
        lo, _ = target  # type: ignore[misc]
        return value >= lo - _eps(lo)
    t = float(target)  # type: ignore[arg-type]
    e = _eps(t)
    return {
        ">=": value >= t - e,
        ">": value > t + e,
        "<=": value <= t + e,
        "<": value < t - e,
        "=": abs(value - t) <= e,
    }[comparator]


def is_beyond(value: float, comparator: str, target: Bound) -> bool:
    """Met and strictly past the bound (status "vượt")."""
    if not is_met(value, comparator, target):
        return False
    if comparator == "range":
        _, hi = target  # type: ignore[misc]
        return value > hi + _eps(hi)
    t = float(target)  # type: ignore[arg-type]
    if comparator in (">=", ">"):
        return value > t + _eps(t)
    if comparator in ("<=", "<"):
        return value < t - _eps(t)
    return False


def percent_of_target(value: float, comparator: str, target: Bound) -> float | None:
    """% of the target reached (None when undefined: zero target, or zero value for "<")."""
    if target is None:
        return None
    if comparator == "range":
        t = float(target[0])  # type: ignore[index]
    else:
        t = float(target)  # type: ignore[arg-type]
    if t == 0:
        return None
    if comparator in LOWER_IS_BETTER:
        return None if value == 0 else 100.0 * t / value
    return 100.0 * value / t


def path_end(comparator: str, target: Bound, start_value: float) -> float:
    """Where the path heads: the target, or a range's bound nearest to the start."""
    if comparator == "range":
        lo, hi = target  # type: ignore[misc]
        return lo if start_value < lo else hi if start_value > hi else start_value
    return float(target)  # type: ignore[arg-type]


def fraction_elapsed(start: dt.date, deadline: dt.date, at: dt.date) -> float:
    """Share of the path's time gone at *at*, in [0, 1]."""
    span = (deadline - start).days
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, (at - start).days / span))


def expected_value(start_value: float, end_value: float, start: dt.date, deadline: dt.date, at: dt.date,
                   milestones: Mapping[dt.date, float] | None = None) -> float:
    """The path's value at *at*: straight from (start, start_value) to (deadline, end_value), or
    through the *milestones* (date -> value) the plan declares between them."""
    points = sorted({start: start_value, **{d: float(v) for d, v in (milestones or {}).items()
                                            if start < d < deadline}, deadline: end_value}.items())
    if at <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in zip(points, points[1:]):
        if at <= d1:
            return v0 + (v1 - v0) * fraction_elapsed(d0, d1, at)
    return points[-1][1]


def on_track(value: float, path: float, comparator: str, end_value: float) -> bool:
    """Is *value* at least as far along as the *path* (both as printed)?"""
    if comparator in LOWER_IS_BETTER:
        return value <= path + _eps(path)
    if comparator == "=":
        return abs(value - end_value) <= abs(path - end_value) + _eps(path)
    return value >= path - _eps(path)


def status(value: float | None, comparator: str, target: Bound, *, path: float | None,
           end_value: float | None, final: bool) -> str:
    """The status of a quantitative figure (all figures as printed; see the module docstring).

    *final*: the cut-off is on or after the deadline (or the report is a whole-plan summary).
    *path*: the path's value at the cut-off (None when there is none: then a target not met is
    behind).
    """
    if value is None:
        return CHUA_CO_SO_LIEU
    if is_met(value, comparator, target):
        return VUOT if is_beyond(value, comparator, target) else DAT
    if final:
        return CHUA_DAT
    if path is None or end_value is None:
        return CHAM_TIEN_DO
    return DUNG_TIEN_DO if on_track(value, path, comparator, end_value) else CHAM_TIEN_DO


def qualitative_status(met: bool | None) -> str:
    """Status of a narrative target: its ``met_if`` rule decides; without one no verdict is drawn."""
    if met is None:
        return KHONG_DINH_LUONG
    return DAT if met else CHUA_DAT


def printed(value: float, kind: str, unit: str) -> float:
    """*value* rounded as a document prints it (see :func:`decimals`)."""
    return rounded(value, decimals(kind, unit))


def printed_path(expected: float, kind: str, unit: str, comparator: str) -> float:
    """The path's value as printed and compared: rounded like the figure, except that a whole-number
    path is the whole number the figure must reach (up for "at least", down for "at most"), so that
    comparing whole figures with it gives exactly the verdict of the unrounded path (2 LHHTX against
    a path of 2,45 is behind: the path printed is 03)."""
    if decimals(kind, unit) > 0:
        return printed(expected, kind, unit)
    lower = comparator in LOWER_IS_BETTER
    near = rounded(expected, 9)  # a path of 61,0000000001 HTX is 61
    return float(math.floor(near) if lower else math.ceil(near))
