"""Pure arithmetic of targets: met or not, % of target, the straight-line path, the status.

Rules (see docs/indicators.md):

* a range ``[low, high]`` reads "at least low, up to high": below low is not met, inside is met,
  above high is met and beyond ("vượt");
* "vượt" = met and strictly beyond the bound (above for ``>=``/``>``/range, below for ``<=``/``<``);
* % of target: value / target for ``>=``, ``>``, ``=``; value / low for a range; target / value
  for ``<=`` and ``<`` (lower is better, so 10% against "< 15%" is 150%; undefined at 0);
* the path runs straight from the value at the start (``baseline``) to the target at the
  deadline; a range heads for its nearest bound;
* before the deadline: met -> đạt/vượt, else đúng/chậm tiến độ against the path; at or after the
  deadline: đạt/vượt/chưa đạt.
"""

from __future__ import annotations

import datetime as dt

from .model import CHAM_TIEN_DO, CHUA_CO_SO_LIEU, CHUA_DAT, DAT, DUNG_TIEN_DO, VUOT

Bound = float | tuple[float, float] | None
LOWER_IS_BETTER = ("<", "<=")


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
    if comparator in LOWER_IS_BETTER:
        return None if value == 0 else 100.0 * t / value
    return None if t == 0 else 100.0 * value / t


def path_end(comparator: str, target: Bound, start_value: float) -> float:
    """Where the straight line heads: the target, or a range's bound nearest to the start."""
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


def expected_value(start_value: float, end_value: float, start: dt.date, deadline: dt.date, at: dt.date) -> float:
    """The straight-line value at *at*."""
    return start_value + (end_value - start_value) * fraction_elapsed(start, deadline, at)


def on_track(value: float, expected: float, comparator: str, end_value: float) -> bool:
    """Is *value* at least as far along as the path at the cut-off?"""
    if comparator in LOWER_IS_BETTER:
        return value <= expected + _eps(expected)
    if comparator == "=":
        return abs(value - end_value) <= abs(expected - end_value) + _eps(expected)
    return value >= expected - _eps(expected)


def status(value: float | None, comparator: str, target: Bound, *, expected: float | None,
           end_value: float | None, final: bool, rate: bool = False) -> str:
    """The status of a quantitative target (see the module docstring).

    *final*: the cut-off is on or after the deadline. *rate*: a per-year average, which before
    the deadline is only "đúng tiến độ" (the average can still fall), never "đạt".
    """
    if value is None:
        return CHUA_CO_SO_LIEU
    met = is_met(value, comparator, target)
    if met and (final or not rate):
        return VUOT if is_beyond(value, comparator, target) else DAT
    if final:
        return CHUA_DAT
    if met:
        return DUNG_TIEN_DO
    if expected is None or end_value is None:
        return CHAM_TIEN_DO
    return DUNG_TIEN_DO if on_track(value, expected, comparator, end_value) else CHAM_TIEN_DO


def qualitative_status(met: bool | None, progress: bool | None, *, final: bool) -> str:
    """Status of a narrative target from its metric's verdicts."""
    if met:
        return DAT
    if final:
        return CHUA_DAT
    return DUNG_TIEN_DO if progress else CHAM_TIEN_DO
