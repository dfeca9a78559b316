"""Vietnamese text of assessments: formatted values and targets, and the report sentence.

Every number goes through :mod:`baocao.vnformat` ("81,7%", "1.234", "20 tỷ đồng", "14/6/2023").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from baocao.vnformat import date_short, lower_first, number, percent, percent_range

from .model import CHAM_TIEN_DO, CHUA_CO_SO_LIEU, CHUA_DAT, DAT, DUNG_TIEN_DO, VUOT, Assessment, ClassGoal
from .progress import LOWER_IS_BETTER

if TYPE_CHECKING:
    from baocao.plan.model import Target

    from .model import MetricResult

STATUS_PHRASE = {
    DAT: "đạt mục tiêu",
    VUOT: "vượt mục tiêu",
    CHUA_DAT: "chưa đạt mục tiêu",
    DUNG_TIEN_DO: "đúng tiến độ",
    CHAM_TIEN_DO: "chậm tiến độ",
    CHUA_CO_SO_LIEU: "chưa có số liệu",
}
DASH = "—"


def fmt_value(value: float, unit: str) -> str:
    """A value in its unit: "81,7%", "25 HTX", "24,5 HTX/năm", "1,3 lần", "18,5 tỷ đồng"."""
    unit = unit or ""
    if unit == "%":
        return percent(value, 1)
    whole = float(value).is_integer()
    if whole:
        text = number(int(value))
    elif "/năm" in unit:
        text = number(value, 1).rstrip("0").rstrip(",")
    else:
        text = number(value)
    return f"{text} {unit}".strip()


def bound_text(comparator: str, value: float | None, rng: tuple[float, float] | None, unit: str, *,
               at_least: bool = False) -> str:
    """One bound as written: "90%", "trên 20 tỷ đồng", "dưới 15%", "40 - 45%" ("40% trở lên" with *at_least*)."""
    if comparator == "range" and rng is not None:
        lo, hi = rng
        if unit == "%":
            return percent_range(lo, hi)
        return f"{number(lo)} - {fmt_value(hi, unit)}"
    if value is None:
        return DASH
    text = fmt_value(value, unit)
    if comparator == ">=" and at_least:
        return f"{text} trở lên"
    return {">": f"trên {text}", "<": f"dưới {text}", "<=": f"không quá {text}",
            ">=": text, "=": text}.get(comparator, text)


def class_target_text(goal: ClassGoal, unit: str) -> str:
    return f"{lower_first(goal.label)} {bound_text(goal.comparator, goal.value, goal.range, unit, at_least=True)}"


def target_text(a: Assessment) -> str:
    """The target as the report writes it: "90%", "40 - 45%", "trên 20 tỷ đồng", "dưới 15%"."""
    if a.kind == "qualitative" or a.target is None:
        return "định tính" if a.kind == "qualitative" else DASH
    if isinstance(a.target, tuple) and a.target and isinstance(a.target[0], ClassGoal):
        return "; ".join(class_target_text(g, a.unit) for g in a.target)  # type: ignore[arg-type]
    if a.comparator == "range":
        return bound_text("range", None, a.target, a.unit)  # type: ignore[arg-type]
    return bound_text(a.comparator, a.target, None, a.unit)  # type: ignore[arg-type]


def value_text(a: Assessment) -> str:
    """The value as a table shows it ("—" when there is no data)."""
    if a.value is None:
        return DASH
    if a.classes:
        return "; ".join(f"{c.label} {fmt_value(c.value, a.unit)}" for c in a.classes if c.value is not None)
    return fmt_value(a.value, a.unit)


def percent_text(a: Assessment) -> str:
    return DASH if a.percent_of_target is None else percent(a.percent_of_target, 1)


def subject(target: Target) -> str:
    """The noun phrase a sentence counts: ``compute.subject`` or the label without "Tỷ lệ"/"Số"."""
    given = (target.compute or {}).get("subject")
    if given:
        return str(given)
    label = re.sub(r"\s*\([^()]*\)\s*$", "", target.label)
    for prefix in ("Tỷ lệ ", "Tổng số ", "Số "):
        if label.startswith(prefix):
            label = label[len(prefix):]
            break
    label = re.sub(r"\s+bình quân mỗi năm$", "", label)
    return lower_first(label)


def _prefix(a: Assessment) -> str:
    text = f"Đến {date_short(a.cutoff)}"
    if a.data_date is not None and a.data_date != a.cutoff:
        text += f" (số liệu năm {a.data_date.year})"
    return text


def _target_clause(a: Assessment) -> str:
    goal = f"mục tiêu năm {a.deadline.year}"
    if a.comparator in LOWER_IS_BETTER or a.percent_of_target is None:
        return f" ({goal}: {target_text(a)})"
    return f", bằng {percent_text(a)} {goal} ({target_text(a)})"


def _tail(a: Assessment) -> str:
    text = f"; {STATUS_PHRASE[a.status]}."
    if a.communes is not None and a.communes.source == "post_merger":
        text += f" Số liệu tính trên {a.communes.label}."
    return text


def _count(x: float | None) -> str:
    return DASH if x is None else number(x)


def sentence(a: Assessment, target: Target, result: MetricResult | None) -> str:
    """The Vietnamese sentence for the report, e.g.

    "Đến 14/6/2023, có 58/71 xã có HTX, đạt 81,7%, bằng 90,8% mục tiêu năm 2025 (90%); đúng tiến độ."
    """
    subj = subject(target)
    if a.status == CHUA_CO_SO_LIEU:
        return f"Đến {date_short(a.cutoff)}, chưa có số liệu về {lower_first(target.label)}: {a.reason}."
    assert a.value is not None
    detail = result.detail if result is not None else {}
    value = fmt_value(a.value, a.unit)
    if a.kind == "qualitative":
        body = result.text if result is not None and result.text else f"{subj}: {value}"
        return f"{_prefix(a)}, {body}{_tail(a)}"
    if a.classes:
        noun = detail.get("noun", "HTX")
        year = detail.get("year")
        parts = ", ".join(f"{lower_first(c.label)} {_count(c.numerator)} {noun} ({fmt_value(c.value, '%')})"
                          for c in a.classes if c.value is not None)
        head = f"trong {_count(a.denominator)} {noun} được xếp loại" + (f" năm {year}" if year else "")
        return f"{_prefix(a)}, {head}: {parts} (mục tiêu năm {a.deadline.year}: {target_text(a)}){_tail(a)}"
    if a.kind == "rate_per_year" and a.numerator is not None:
        start = detail.get("window_start")
        head = f"Từ {date_short(start)} đến {date_short(a.cutoff)}" if start else _prefix(a)
        return (f"{head}, có {_count(a.numerator)} {subj}, bình quân {value}, bằng {percent_text(a)} "
                f"mục tiêu ({target_text(a)}){_tail(a)}")
    if a.kind == "growth" and a.numerator is not None:
        start = detail.get("window_start")
        head = f"Từ năm {start.year} đến {date_short(a.cutoff)}" if start else _prefix(a)
        base = detail.get("base_label", "kỳ gốc")
        return (f"{head}, có {_count(a.numerator)} {subj}, bằng {value} so với {base} "
                f"({_count(a.denominator)}){_target_clause(a)}{_tail(a)}")
    if a.unit == "%" and a.numerator is not None and a.denominator is not None:
        return f"{_prefix(a)}, có {_count(a.numerator)}/{_count(a.denominator)} {subj}, đạt {value}{_target_clause(a)}{_tail(a)}"
    if a.kind == "count" and a.numerator is not None:
        return f"{_prefix(a)}, có {_count(a.numerator)} {subj}{_target_clause(a)}{_tail(a)}"
    return f"{_prefix(a)}, {subj} đạt {value}{_target_clause(a)}{_tail(a)}"


def worded(a: Assessment, target: Target, result: MetricResult | None) -> Assessment:
    """*a* with its Vietnamese texts: value, target, % of target and the report sentence."""
    return replace(a, value_text=value_text(a), target_text=target_text(a), percent_text=percent_text(a),
                   sentence=sentence(a, target, result))
