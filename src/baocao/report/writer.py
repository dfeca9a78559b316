"""The prose a report generates: results by theme, the summary's start-to-end comparison, priorities.

Written the way a provincial office writes (docs/report.md, "How the text reads"): the results of the
targets are grouped by theme (the plan's ``reporting.themes`` and each target's ``theme``; without
them, by the plan paragraph the targets come from), each group opened once by its date ("Tính đến ngày
14/6/2023", "Năm 2022", "Ước thực hiện năm 2023", "Từ năm 2021 đến ngày …"); a sentence that repeats
no date opens with the target's name. Every verdict carries the path it was judged on and every
target is quoted as the plan writes it (:mod:`baocao.indicators.text`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..indicators.model import CHAM_TIEN_DO, CHUA_CO_SO_LIEU, ClassGoal
from ..indicators.progress import LOWER_IS_BETTER, printed
from ..indicators.text import (
    class_clauses,
    class_target_text,
    class_verdict,
    compared,
    distribution_head,
    end_clause,
    figure,
    fmt_count,
    fmt_value,
    lead,
    percent_text,
    period_word,
    plain_label,
    remark,
)
from ..vnformat import date_short, lower_first

if TYPE_CHECKING:
    from ..indicators.model import Assessment
    from ..plan.model import Plan, Task


def themes(plan: Plan, assessments: Sequence[Assessment]) -> list[tuple[str, list[Assessment]]]:
    """The assessments grouped under their theme headings, in the plan's ``reporting.themes`` order (then
    first appearance); targets without a theme are grouped by the plan paragraph they come from, with no
    heading (title "")."""
    declared = list(plan.reporting.themes) if plan.reporting else []
    by_id = {t.id: t for t in plan.targets()}
    paragraph = {t.id: i for i, ts in enumerate(_paragraph_targets(plan)) for t in ts}
    groups: dict[str, list[Assessment]] = {}
    for a in assessments:
        target = by_id.get(a.target_id)
        key = target.theme if target is not None and target.theme else f"\0{paragraph.get(a.target_id, -1)}"
        groups.setdefault(key, []).append(a)
    order = [k for k in declared if k in groups] + [k for k in groups if k not in declared]
    return [("" if k.startswith("\0") else k, groups[k]) for k in order]


def _paragraph_targets(plan: Plan) -> list[list]:
    out: list[list] = []

    def walk(blocks: list) -> None:
        for b in blocks:
            if b.targets:
                out.append(list(b.targets))
            walk(b.blocks)

    for s in plan.sections:
        walk(s.blocks)
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def result_paragraphs(group: Sequence[Assessment], previous: Mapping[str, Assessment]) -> list[str]:
    """The results of one theme: one paragraph per opening date, its first sentence opened by the date,
    the next ones by the target's name; a distribution or a target without data stands alone."""
    paragraphs: list[list[str]] = []
    last_lead = None
    for a in group:
        if a.status == CHUA_CO_SO_LIEU or a.classes:
            paragraphs.append([no_data(a) if a.status == CHUA_CO_SO_LIEU else _distribution(a)])
            last_lead = None
            continue
        opening = lead(a)
        change = compared(a, previous.get(a.target_id), start=a.kind == "qualitative")
        if opening != last_lead:
            text = f"{opening}, {figure(a)}"
            paragraphs.append([])
        else:
            text = _cap(figure(a, subject_first=True))
        parts = [text] + ([change] if change else []) + [end_clause(a)]
        paragraphs[-1].append(", ".join(parts) + ".")
        extra = remark(a)
        if extra:
            paragraphs[-1].append(extra)
        last_lead = opening
    return ["- " + " ".join(p) for p in paragraphs]


def no_data(a: Assessment) -> str:
    """"Tính đến ngày 14/6/2026, chưa có số liệu về …." (why is the analyst's business: :attr:`Report.readings`)."""
    return f"Tính đến ngày {date_short(a.cutoff)}, chưa có số liệu về {lower_first(plain_label(a.label))}."


def _distribution(a: Assessment) -> str:
    return f"{lead(a)}, {distribution_head(a)}: {'; '.join(class_clauses(a))}."


def summary_paragraphs(group: Sequence[Assessment]) -> list[str]:
    """The results of one theme in a summary (tổng kết): each target from the start of the plan to the end
    of the term ("tăng từ 85% (cuối năm 2020) lên 93,3% (ước thực hiện năm 2025)") with the final verdict."""
    return ["- " + _summary_sentence(a) for a in group]


def _summary_sentence(a: Assessment) -> str:
    if a.status == CHUA_CO_SO_LIEU:
        return no_data(a)
    end = f"ước thực hiện năm {a.data_date.year}" if a.estimated else f"đến ngày {date_short(a.cutoff)}"  # type: ignore[union-attr]
    begin = period_word(a.baseline_date) if a.baseline_date is not None else "đầu kỳ kế hoạch"
    name = _cap(plain_label(a.label))
    if a.classes:
        parts = [f"{lower_first(c.label)} {_move(c.baseline, c.value, '%', a.kind, begin, end)}, "
                 f"{class_verdict(a, c)}" if c.baseline is not None and c.value is not None
                 else f"{lower_first(c.label)}: {class_verdict(a, c)}" for c in a.classes]
        return f"{name}: {'; '.join(parts)}."
    start = start_figure(a)
    if a.kind == "rate_per_year":  # a count over the term, beside what the year before the plan counted
        noun = str(a.detail.get("noun") or "")
        year = a.detail["window_start"].year - 1
        before = "" if start is None else f" (năm {year}: {fmt_count(start[0], noun)})"
        return f"{lead(a)}, {figure(a)}{before}, {end_clause(a)}."
    if start is None:
        return f"{lead(a)}, {figure(a)}, {end_clause(a)}."
    value, unit, kind = start
    now = float(a.numerator or 0) if a.kind == "growth" else a.value
    text = f"{name} {_move(value, now, unit, kind, begin, end)}"  # type: ignore[arg-type]
    if a.kind == "growth":
        text += f", bằng {fmt_value(a.value, a.unit, a.kind)} so với {a.detail.get('base_label', 'kỳ gốc')}"  # type: ignore[arg-type]
    return f"{text}, {end_clause(a)}."


def start_figure(a: Assessment) -> tuple[float, str, str] | None:
    """The figure at the start of the plan and the unit and kind it is written in: the path's start, the
    count a growth is measured against (when it is a count at a date), a narrative target's start share,
    a rate's count in the year before the plan. None when there is none (a growth against a past period)."""
    if a.kind == "qualitative":
        share = a.detail.get("share_start")
        return None if share is None else (share, "%", "share")
    if a.kind == "growth":
        if a.detail.get("window_start") is not None or a.denominator is None:
            return None
        return a.denominator, str(a.detail.get("noun") or "HTX"), "count"
    if a.kind == "rate_per_year":
        before = a.detail.get("year_before")
        return None if before is None else (before, a.unit, a.kind)
    if a.baseline is None:
        return None
    return a.baseline, a.unit, a.kind


def _move(start: float, end: float, unit: str, kind: str, begin: str, finish: str) -> str:
    """"tăng từ 85% (cuối năm 2020) lên 93,3% (ước thực hiện năm 2025)", "giảm từ … xuống …", the printed
    figures deciding the word."""
    s, e = printed(start, kind, unit), printed(end, kind, unit)
    word, to = ("tăng từ", "lên") if e > s else ("giảm từ", "xuống") if e < s else ("giữ nguyên ở", "đến")
    first, last = fmt_value(start, unit, kind), fmt_value(end, unit, kind)
    if word.startswith("giữ"):
        return f"{word} {last} (từ {begin} {to} {finish})"
    return f"{word} {first} ({begin}) {to} {last} ({finish})"


def priorities(plan: Plan, assessments: Sequence[Assessment], due_next: Sequence[Task],
               overdue: Sequence[Task], next_label: str) -> list[str]:
    """A few short priorities for the next period: the targets behind their path (one line per theme, each
    with where it stands and its target in the plan's words), the tasks that fell due in this period without a
    report of completion and those falling due in the next (by short title)."""
    out = []
    for title, group in themes(plan, assessments):
        behind = [item for a in group if a.status == CHAM_TIEN_DO for item in _behind(a)]
        if behind:
            about = f"Về {lower_first(title)}: tập trung" if title else "Tập trung"
            out.append(f"- {about} thực hiện các chỉ tiêu còn chậm so với lộ trình: {'; '.join(behind)}.")
    if overdue:
        out.append(f"- Khẩn trương hoàn thành các nhiệm vụ đã đến hạn: {_titles(plan, overdue, when=True)}.")
    if due_next:
        out.append(f"- Hoàn thành các nhiệm vụ đến hạn trong {next_label}: {_titles(plan, due_next)}.")
    return out


def _behind(a: Assessment) -> list[str]:
    """A target behind its path as a priority names it: "tỷ lệ THT có hợp đồng hợp tác được chứng thực (mới đạt
    62,6% kế hoạch; mục tiêu năm 2025: lên 70%)", "giảm số HTX … (hiện 09 HTX; mục tiêu năm 2025: giải thể, xóa
    tên dứt điểm)"; a distribution gives its classes behind ("tỷ lệ HTX yếu, kém (hiện 19,6%; mục tiêu: dưới 15%)")."""
    if a.classes:
        noun = str(a.detail.get("noun") or "HTX")
        goals = {g.key: g for g in a.target if isinstance(g, ClassGoal)} if isinstance(a.target, tuple) else {}
        return [f"tỷ lệ {noun} {lower_first(c.label)} (hiện {fmt_value(c.value, a.unit)}; mục tiêu: "
                f"{class_target_text(goals[c.key], a.unit)})" for c in a.classes
                if c.status == CHAM_TIEN_DO and c.value is not None and c.key in goals]
    lower = a.comparator in LOWER_IS_BETTER
    name = ("giảm " if lower else "") + lower_first(plain_label(a.label))
    now = (f"mới đạt {percent_text(a)} kế hoạch" if a.percent_of_target and not lower
           else "chưa có kết quả" if a.value == 0 and not lower else f"hiện {a.value_text}")
    goal = "bình quân mỗi năm" if a.kind == "rate_per_year" else f"năm {a.deadline.year}" if a.deadline else ""
    name = name.removesuffix(" bình quân mỗi năm") if a.kind == "rate_per_year" else name
    return [f"{name} ({now}; mục tiêu{' ' + goal if goal else ''}: {a.target_text})"]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{'; '.join(names[:-1])} và {names[-1]}"


def _titles(plan: Plan, tasks: Sequence[Task], *, when: bool = False) -> str:
    """"rà soát … (Chi cục …)", with *when* "(Chi cục …; quý II/2026)"."""
    return "; ".join(f"{lower_first(t.title())} ({plan.lead_label(t)}"
                     f"{'; ' + lower_first(t.timeframe.text) if when else ''})" for t in tasks)
