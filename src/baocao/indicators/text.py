"""Vietnamese text of assessments: values, the target in the plan's words, the path, the verdict, sentences.

Every number goes through :mod:`baocao.vnformat` ("81,7%", "1.234", "20 tỷ đồng", "14/6/2023"); a count of
things under ten is written with two digits ("01 LHHTX"), as the seed plan does. A target is quoted as
the plan writes it (``goal`` in the plan file, else its figures); the engine's reading of it (a range for
"khoảng 45%") stays in the assessment's notes. Every progress verdict carries the path it was judged on:
"chậm tiến độ (lộ trình đến 14/6/2023: 73,8%)".

The pieces (:func:`lead`, :func:`clause`, :func:`end_clause`, :func:`remark`) let a report vary its
sentences; :func:`sentence` is the one-sentence form the CLI and the notebooks print.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from baocao.vnformat import count, date_short, lower_first, number, percent, percent_range, rounded

from .model import (
    CHAM_TIEN_DO,
    CHUA_CO_SO_LIEU,
    CHUA_DAT,
    DAT,
    DUNG_TIEN_DO,
    KHONG_DINH_LUONG,
    VUOT,
    Assessment,
    ClassAssessment,
    ClassGoal,
)
from .progress import LOWER_IS_BETTER, decimals, printed

if TYPE_CHECKING:
    from baocao.plan.model import Target

    from .model import MetricResult

STATUS_PHRASE = {
    DAT: "đạt mục tiêu",
    VUOT: "vượt mục tiêu",
    CHUA_DAT: "chưa đạt mục tiêu",
    DUNG_TIEN_DO: "đúng tiến độ",
    CHAM_TIEN_DO: "chậm tiến độ",
    KHONG_DINH_LUONG: "kế hoạch không đặt mức định lượng",
    CHUA_CO_SO_LIEU: "chưa có số liệu",
}
DASH = "—"
#: A rate per year is written with its average only from this target rate up ("bình quân 28,5 HTX/năm");
#: below it the average of a few units reads as nonsense ("0,4 LHHTX/năm") and the count alone is given.
RATE_AVERAGE_FROM = 10


# --- figures ---------------------------------------------------------------------------------------

def fmt_value(value: float, unit: str, kind: str = "") -> str:
    """A value in its unit: "81,7%", "25 HTX", "24,5 HTX/năm", "1,3 lần", "18,5 tỷ đồng"; a count of
    things (*kind* "count") under ten with two digits: "01 người"."""
    unit = unit or ""
    if unit == "%":
        return percent(value, 1)
    if "/năm" in unit:
        text = number(value, 1).rstrip("0").rstrip(",") if not float(value).is_integer() else number(int(value))
    elif kind == "count" and float(value).is_integer():
        text = count(value)
    elif float(value).is_integer():
        text = number(int(value))
    else:
        text = number(rounded(value, decimals(kind, unit)))
    return f"{text} {unit}".strip()


def fmt_count(n: float | None, noun: str = "") -> str:
    """A whole count with its noun: "09 HTX", "60 xã"; "—" when missing."""
    return DASH if n is None else f"{count(n)} {noun}".strip()


def bound_text(comparator: str, value: float | None, rng: tuple[float, float] | None, unit: str, *,
               at_least: bool = False) -> str:
    """One bound from the figures: "90%", "trên 20 tỷ đồng", "dưới 15%", "40 - 45%" ("40% trở lên" with *at_least*)."""
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
    """A class's target: the plan's words ("lên 40%") or its figures ("40% trở lên"). A band read from a single
    figure says so ("45%, tính trong khoảng 40 - 50%"): 40% reads "đạt" against it, not against "45%" alone."""
    figures = bound_text(goal.comparator, goal.value, goal.range, unit, at_least=True)
    if goal.goal and goal.comparator == "range" and goal.range is not None and figures not in goal.goal:
        return f"{goal.goal}, tính trong khoảng {figures}"
    return goal.goal or figures


def target_text(a: Assessment, target: Target) -> str:
    """The target as the plan writes it: ``goal`` in the plan file, else the figures."""
    if target.goal:
        return target.goal
    if a.kind == "qualitative" or a.target is None:
        return lower_first(target.quote) if a.kind == "qualitative" else DASH
    if isinstance(a.target, tuple) and a.target and isinstance(a.target[0], ClassGoal):
        return "; ".join(f"{lower_first(g.label)} {class_target_text(g, a.unit)}" for g in a.target)  # type: ignore[union-attr]
    if a.comparator == "range":
        return bound_text("range", None, a.target, a.unit)  # type: ignore[arg-type]
    return bound_text(a.comparator, a.target, None, a.unit)  # type: ignore[arg-type]


def value_text(a: Assessment) -> str:
    """The value as a table shows it ("—" when there is no data)."""
    if a.value is None:
        return DASH
    if a.classes:
        return "; ".join(f"{c.label} {fmt_value(c.value, a.unit)}" for c in a.classes if c.value is not None)
    return fmt_value(a.value, a.unit, a.kind)


def percent_text(a: Assessment) -> str:
    return DASH if a.percent_of_target is None else percent(a.percent_of_target, 1)


def _noun(a: Assessment) -> str:
    return str(a.detail.get("noun") or "")


def measure_text(a: Assessment) -> str:
    """The figure the verdict compares: the value, or for a rate per year the number counted ("70 HTX")."""
    if a.measure is None:
        return DASH
    if a.kind == "rate_per_year":
        return fmt_count(a.measure, _noun(a))
    return fmt_value(a.measure, a.unit, a.kind)


def path_text(a: Assessment | ClassAssessment, unit: str = "", kind: str = "", noun: str = "") -> str:
    """The path's value as printed ("73,8%", "62 HTX"); "—" when there is none."""
    if a.path is None:
        return DASH
    if isinstance(a, Assessment):
        unit, kind, noun = a.unit, a.kind, _noun(a)
    if kind == "rate_per_year":
        return fmt_count(a.path, noun)
    return fmt_value(a.path, unit, kind)


def path_label(a: Assessment) -> str:
    """"lộ trình đến 14/6/2023", or for a yearly figure "lộ trình năm 2022" (the path at 31/12 of its year)."""
    when = a.path_date or a.cutoff
    if a.data_date is not None and when == a.data_date and when != a.cutoff:
        return f"lộ trình năm {when.year}"
    return f"lộ trình đến {date_short(when)}"


def subject(target: Target) -> str:
    """The noun phrase a sentence counts: ``compute.subject`` or the label without "Tỷ lệ"/"Số"."""
    given = (target.compute or {}).get("subject")
    if given:
        return str(given)
    label = plain_label(target.label)
    for prefix in ("Tỷ lệ ", "Tổng số ", "Số "):
        if label.startswith(prefix):
            label = label[len(prefix):]
            break
    label = re.sub(r"\s+bình quân mỗi năm$", "", label)
    return lower_first(label)


def plain_label(label: str) -> str:
    """A label without its closing parenthesis: "Tỷ lệ xã … (Tiêu chí 13)" -> "Tỷ lệ xã …"."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", label)


# --- sentence pieces -------------------------------------------------------------------------------

def lead(a: Assessment) -> str:
    """How a sentence on *a* opens: "Tính đến ngày 14/6/2023", "Năm 2022", "Ước thực hiện năm 2023",
    "Từ năm 2021 đến ngày 14/6/2023" (a count over the plan's window)."""
    start = a.detail.get("window_start")
    if start is not None and a.kind in ("rate_per_year", "growth"):
        return f"Từ năm {start.year} đến ngày {date_short(a.cutoff)}"
    if a.estimated:
        return f"Ước thực hiện năm {a.data_date.year}"  # type: ignore[union-attr]
    if a.data_date is not None and a.data_date != a.cutoff:
        return f"Năm {a.data_date.year}"
    return f"Tính đến ngày {date_short(a.cutoff)}"


def _share_figure(a: Assessment, subject_first: bool) -> str:
    pct = fmt_value(a.value, "%")  # type: ignore[arg-type]
    if subject_first:
        return f"{plain_label(a.label)} là {pct} ({count(a.numerator)}/{count(a.denominator)})"  # type: ignore[arg-type]
    return f"có {count(a.numerator)}/{count(a.denominator)} {a.detail['subject']} ({pct})"  # type: ignore[arg-type]


def figure(a: Assessment, *, subject_first: bool = False) -> str:
    """What the data shows, without lead or verdict: "có 43/60 xã có … (71,7%)" or, *subject_first*,
    "Tỷ lệ xã có … là 71,7% (43/60)" (to open a sentence that repeats no lead)."""
    subj, value = a.detail["subject"], fmt_value(a.value, a.unit, a.kind)  # type: ignore[arg-type]
    if a.kind == "qualitative":
        return str(a.detail.get("text") or f"{subj}: {value}")
    if a.kind == "rate_per_year":
        noun = _noun(a)
        if not a.numerator:  # "chưa thành lập mới LHHTX nào", not "thành lập mới 0 LHHTX"
            return f"chưa thành lập mới {noun} nào".replace("  ", " ")
        text = f"thành lập mới {fmt_count(a.numerator, noun)}"
        if a.target is not None and float(a.target) >= RATE_AVERAGE_FROM:  # type: ignore[arg-type]
            text += f", bình quân {value}"
        return text
    if a.kind == "growth":
        base = a.detail.get("base_label", "kỳ gốc")
        if a.numerator is None or a.denominator is None:  # a growth of amounts (revenue), not of counts
            return f"{subj} bằng {value} so với {base}"
        noun = _noun(a) or "HTX"
        return (f"có {fmt_count(a.numerator, noun)} {_after_noun(subj, noun)}, bằng {value} so với {base} "
                f"({fmt_count(a.denominator, noun)})").replace("  ", " ")
    if a.unit == "%" and a.numerator is not None and a.denominator is not None:
        return _share_figure(a, subject_first)
    if subject_first:
        return f"{plain_label(a.label)} là {value}"
    if a.kind == "count":
        if a.value == 0:  # "chưa có HTX nông nghiệp thành lập mới", "không còn HTX …", not "có 0 HTX …"
            return f"không còn {subj}" if a.comparator in LOWER_IS_BETTER else f"chưa có {subj}"
        verb = "còn" if a.comparator in LOWER_IS_BETTER else "có"
        return f"{verb} {fmt_value(a.value, '', 'count')} {subj}"  # type: ignore[arg-type]
    return f"{subj} là {value}"


def _after_noun(subj: str, noun: str) -> str:
    """The subject without its leading noun ("HTX thành viên …" -> "thành viên …") when the count carries it."""
    return subj[len(noun):].strip() if subj.startswith(noun + " ") else subj


def compared(a: Assessment, before: Assessment | None, *, start: bool = False) -> str:
    """"tăng so với cùng kỳ năm trước (63,3%)" (or "giảm …", "không đổi …"), the printed figures deciding;
    with *start* against the start of the plan ("so với đầu kỳ kế hoạch"). Empty when not comparable."""
    if start:
        share_start = a.detail.get("share_start")
        if a.value is None or share_start is None:
            return ""
        return _change(fmt_value(a.value, "%"), fmt_value(share_start, "%"), a.value, share_start, "%", "",
                       "đầu kỳ kế hoạch")
    if before is None or before.value is None or a.value is None or a.kind in ("rate_per_year", "qualitative") \
            or a.classes:
        return ""
    when = (f"năm {before.data_date.year}" if before.data_date is not None and before.data_date != before.cutoff
            else "cùng kỳ năm trước")
    then = "chưa có" if before.value == 0 and a.unit != "%" else fmt_value(before.value, a.unit, a.kind)
    return _change(fmt_value(a.value, a.unit, a.kind), then, a.value, before.value, a.unit, a.kind, when)


def _change(now_text: str, then_text: str, now: float, then: float, unit: str, kind: str, when: str) -> str:
    now_p, then_p = printed(now, kind, unit), printed(then, kind, unit)
    word = "tăng" if now_p > then_p else "giảm" if now_p < then_p else "không đổi"
    return f"{word} so với {when} ({then_text})"


def end_clause(a: Assessment) -> str:
    """How far the target is and the verdict, the target quoted as the plan writes it:
    "đạt 79,6% kế hoạch, chậm tiến độ (lộ trình đến 14/6/2023: 73,8%; mục tiêu năm 2025: 90%)",
    "đạt mục tiêu năm 2025 (90% trở lên)", "bằng 110% kế hoạch, vượt mục tiêu năm 2025 (50%)";
    a narrative target without a level: "kế hoạch đề ra việc …, không đặt mức định lượng"."""
    if a.status == KHONG_DINH_LUONG:
        return f"kế hoạch đề ra việc {lower_first(a.target_text)}, không đặt mức định lượng"
    goal_name = "bình quân mỗi năm" if a.kind == "rate_per_year" else f"năm {a.deadline.year}"
    pct = "" if not a.percent_of_target or a.comparator in LOWER_IS_BETTER else percent_text(a)  # no "đạt 0%"
    if a.status in (DAT, VUOT, CHUA_DAT):
        head = f"{'bằng' if a.status == VUOT else 'đạt'} {pct} kế hoạch, " if pct and a.status != DAT else ""
        return f"{head}{STATUS_PHRASE[a.status]} {goal_name} ({a.target_text})"
    head = f"đạt {pct} kế hoạch, " if pct else ""
    path = f"{path_label(a)}: {path_text(a)}; " if a.path is not None else ""
    return f"{head}{STATUS_PHRASE[a.status]} ({path}mục tiêu {goal_name}: {a.target_text})"


def verdict(a: Assessment) -> str:
    """The verdict word, with the path when it is a progress verdict: "chậm tiến độ (lộ trình đến …: 73,8%)"."""
    if a.status in (DUNG_TIEN_DO, CHAM_TIEN_DO) and a.path is not None:
        return f"{STATUS_PHRASE[a.status]} ({path_label(a)}: {path_text(a)})"
    return STATUS_PHRASE[a.status]


def class_verdict(a: Assessment, c: ClassAssessment) -> str:
    """A class's verdict with its target in the plan's words, and its path when on or behind it:
    "vượt mục tiêu (lên 40%)", "chậm tiến độ (lộ trình năm 2022: 18,5%; mục tiêu: dưới 15%)"."""
    goals = {g.key: g for g in a.target if isinstance(g, ClassGoal)} if isinstance(a.target, tuple) else {}
    goal = class_target_text(goals[c.key], a.unit) if c.key in goals else DASH
    if c.status in (DUNG_TIEN_DO, CHAM_TIEN_DO) and c.path is not None:
        return f"{STATUS_PHRASE[c.status]} ({path_label(a)}: {fmt_value(c.path, a.unit)}; mục tiêu: {goal})"
    return f"{STATUS_PHRASE[c.status]} ({goal})"


def class_clauses(a: Assessment) -> list[str]:
    """One clause per class of a distribution: "44 HTX yếu, kém (19,6%), chậm tiến độ (lộ trình năm 2022:
    18,5%; mục tiêu: dưới 15%)", "91 HTX khá, tốt (40,4%), vượt mục tiêu (lên 40%)"."""
    noun = str(a.detail.get("noun") or "HTX")
    out = []
    for c in a.classes:
        if c.value is None:
            out.append(f"{lower_first(c.label)}: {STATUS_PHRASE[CHUA_CO_SO_LIEU]}")
            continue
        out.append(f"{fmt_count(c.numerator, noun)} {lower_first(c.label)} ({fmt_value(c.value, '%')}), "
                   f"{class_verdict(a, c)}")
    return out


def remark(a: Assessment) -> str:
    """A sentence a metric adds after the result (the HTX dissolved beside a backlog), or the commune
    list a post-merger figure was computed on; empty when there is none."""
    parts = [str(a.detail["remark"]).rstrip(".") + "."] if a.detail.get("remark") else []
    if a.communes is not None and a.communes.source == "post_merger":
        parts.append(f"Số liệu tính trên {a.communes.label}.")
    return " ".join(parts)


def sentence(a: Assessment) -> str:
    """The one-sentence form, e.g. "Tính đến ngày 14/6/2023, có 54/60 xã có HTX (90%), đạt mục tiêu năm 2025
    (90% trở lên)." (what the CLI and the notebooks print; a report words its results by theme)."""
    if a.status == CHUA_CO_SO_LIEU:
        return f"Tính đến ngày {date_short(a.cutoff)}, chưa có số liệu về {lower_first(a.label)}: {a.reason}."
    if a.classes:
        head = distribution_head(a)
        text = f"{lead(a)}, {head}: {'; '.join(class_clauses(a))}."
    else:
        body = figure(a)
        start = compared(a, None, start=True) if a.kind == "qualitative" else ""
        text = f"{lead(a)}, {body}{', ' + start if start else ''}, {end_clause(a)}."
    extra = remark(a)
    return f"{text} {extra}" if extra else text


def distribution_head(a: Assessment) -> str:
    """"trong 225 HTX được xếp loại" (the rating year is said by the lead)."""
    noun = str(a.detail.get("noun") or "HTX")
    return f"trong {fmt_count(a.denominator, noun)} được xếp loại"


def worded(a: Assessment, target: Target, result: MetricResult | None) -> Assessment:
    """*a* with its Vietnamese texts: value, target in the plan's words, % of target, the figure the
    verdict compares, the path, and the one-sentence form. ``detail`` gets the sentence's subject and,
    for a narrative target, the metric's clause."""
    detail: dict[str, Any] = {**a.detail, "subject": subject(target)}
    if result is not None and result.text:
        detail["text"] = result.text
    a = replace(a, detail=detail, value_text=value_text(a), target_text=target_text(a, target),
                percent_text=percent_text(a), measure_text=measure_text(a), path_text=path_text(a))
    return replace(a, sentence=sentence(a))


def period_word(d: dt.date) -> str:
    """"cuối năm 2020" for a 31 December, else "ngày 14/6/2023"."""
    return f"cuối năm {d.year}" if (d.month, d.day) == (12, 31) else f"ngày {date_short(d)}"
