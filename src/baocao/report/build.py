"""The progress report (báo cáo) as data: header, body paragraphs, appendix tables, figures behind them.

A pure function of the plan, the period, the assessments (this period and the same period last year),
the collected unit returns and the narrative. The template only lays out what is built here, so every
number in the document comes from an assessment and is listed in the report's provenance.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

from ..indicators.text import DASH, fmt_count, fmt_value
from ..marks import MISSING_MARK
from ..plan.text import Para
from ..task_status import status_text
from ..vnformat import date_short, join_vi, place_date, roman, table_cell
from . import writer
from .figure_notes import commune_lines, commune_notes, uncharted_notes
from .narrative import PART_NAMES, Narrative
from .reorganisation import header_notes

if TYPE_CHECKING:
    from ..indicators.engine import Engine
    from ..indicators.model import Assessment
    from ..periods import Period
    from ..plan.model import Issuer, Plan, Task
    from ..returns.collect import Collected, UnitResult


#: Headers of appendix I's six figure columns (after Stt, Chỉ tiêu, ĐVT); ``{cutoff}``, ``{end}``, ``{start}``
#: are filled in. A progress report: target, path, value, same period last year, % of target, verdict.
PROGRESS_HEADERS = ("Mục tiêu {end}", "Lộ trình đến {cutoff}", "Thực hiện đến {cutoff}", "Cùng kỳ năm trước",
                    "Tỷ lệ so với mục tiêu (%)", "Đánh giá")
#: A summary (tổng kết): the start of the plan, the figures at the cut-off, the estimate for the end of the
#: term, the target, % of target (of the estimate) and the final verdict.
SUMMARY_HEADERS = ("Đầu kỳ ({start})", "Thực hiện đến {cutoff}", "Ước thực hiện năm {end}", "Mục tiêu {end}",
                   "Tỷ lệ so với mục tiêu (%)", "Đánh giá")


@dataclass(frozen=True)
class IndicatorRow:
    """A row of appendix I: Stt, Chỉ tiêu, ĐVT and six figure cells (see the headers of the report kind)."""

    stt: str
    target_id: str
    label: str
    unit: str
    cells: tuple[str, ...]

    @property
    def percent(self) -> str:
        """The % of target cell (next to last in both kinds of report)."""
        return self.cells[-2]

    @property
    def status(self) -> str:
        """The verdict cell (the last column in both kinds of report)."""
        return self.cells[-1]

    def as_dict(self) -> dict[str, object]:
        return {"stt": self.stt, "label": self.label, "unit": self.unit, "cells": list(self.cells)}


@dataclass(frozen=True)
class TaskRow:
    """A row of appendix II: a group row, or a task with its status and result in the period."""

    group: bool
    stt: str
    task: str
    lead: str = ""
    time: str = ""
    status: str = ""
    result: str = ""
    task_id: str = ""

    def as_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in ("group", "stt", "task", "lead", "time", "status", "result")}


@dataclass(frozen=True)
class Figure:
    """A number shown in the report and where it comes from (for the provenance sidecar)."""

    target_id: str
    cutoff: dt.date
    text: str  # as printed
    value: float | None
    numerator: float | None
    denominator: float | None
    where: tuple[str, ...]  # "thân báo cáo, mục II.1", "Phụ lục I, hàng 3"


@dataclass
class Report:
    """Everything the report template shows, plus the figures behind it."""

    plan: "Plan"
    period: "Period"
    cutoff: dt.date
    doc: dict[str, object]
    kinh_gui: list[str]
    opening: str
    body: list[Para]
    closing: str
    recipients: list[str]
    signer: dict[str, str]
    indicator_rows: list[IndicatorRow]
    task_rows: list[TaskRow]
    missing_parts: list[str]
    figures: list[Figure] = field(default_factory=list)
    assessments: list["Assessment"] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Vietnamese advice for the analyst, not in the document
    indicator_headers: tuple[str, ...] = ()  # the six figure columns of appendix I
    readings: list[str] = field(default_factory=list)  # for the analyst: how each target was read, data gaps

    @property
    def type_name(self) -> str:
        return "BÁO CÁO"


def _plan_citation(plan: "Plan", issuer: "Issuer") -> str:
    """"Kế hoạch số 188/KH-LMHTX ngày 11/5/2021" ("Quyết định số …" for a decision), naming the plan's issuer
    only when another body reports (a report names its issuer once)."""
    d = plan.document
    when = f" ngày {date_short(d.date)}" if d.date else ""
    whose = "" if issuer.short_name == plan.issuer.short_name else f" của {plan.issuer.short_name}"
    return f"{d.type_word} số {plan.symbol}{when}{whose}"


def _missing(part: str) -> Para:
    return Para("missing", f"{MISSING_MARK}: {PART_NAMES[part]} — cần bổ sung trước khi trình ký]")


def _narrative_paras(narrative: Narrative, part: str) -> list[Para]:
    texts = [t.strip() for t in getattr(narrative, part) if t.strip()]
    if not texts:
        return [_missing(part)]
    return [_dash(t) for t in texts]


def _dash(text: str) -> Para:
    return Para("p", text if text.startswith(("- ", "+ ")) else f"- {text}")


def _returns_of(task: "Task", collected: "Collected | None") -> list["UnitResult"]:
    if collected is None:
        return []
    return [r for r in collected.results.get(task.id, []) if r.kind == "task"]


def _status_of(task: "Task", collected: "Collected | None") -> str:
    """The task's one status across its lead units (:mod:`baocao.task_status`), as the report prints it."""
    return status_text(collected.status(task.id) if collected is not None else None)


_LIST_MARK = re.compile(r"^[-+•]\s+")  # a unit's "- " or "+ " before its result; never the sign of "+1", "-7 HTX"


def _result_text(results: list["UnitResult"]) -> str:
    parts = [_LIST_MARK.sub("", r.result.strip()).rstrip(".;") for r in results if r.result and r.result.strip()]
    return "; ".join(parts)


def _task_body_line(plan: "Plan", task: "Task", results: list["UnitResult"], collected: "Collected | None") -> str:
    """"- <short title> (<lead>): <result> (<status>)." — the full wording is the appendix's."""
    result = _result_text(results) or "không có nội dung kết quả"
    return f"- {task.title()} ({plan.lead_label(task)}): {result} ({_status_of(task, collected)})."


@dataclass(frozen=True)
class PeriodAssessments:
    """What a report of a period assesses: the targets at its cut-off (with "ước thực hiện" for the year under
    way when the period ends on 31 December), the same period last year, and for a summary the figures at
    the cut-off without estimates (its "Thực hiện đến …" column)."""

    current: list["Assessment"]
    previous: list["Assessment"]
    actual: list["Assessment"]

    @property
    def all(self) -> list["Assessment"]:
        """Every assessment the report prints, for the checks that compare its words with its figures."""
        return [*self.current, *self.previous, *self.actual]


def closes_plan(plan: "Plan", period: "Period") -> bool:
    """A summary period ending in the plan's last year: the report closes the plan (tổng kết)."""
    return period.kind == "summary" and period.end_year >= plan.horizon.end


def estimates_year(period: "Period") -> bool:
    """A period ending on 31 December reports its year's yearly figures as estimates (cut-off 14/12)."""
    return (period.end.month, period.end.day) == (12, 31)


def assess_period(engine: "Engine", plan: "Plan", period: "Period") -> PeriodAssessments:
    """Assess the targets for the report of *period* on *engine* (shared caches)."""
    cutoff, estimate = period.cutoff_end, estimates_year(period)
    final = True if closes_plan(plan, period) else None
    current = engine.assess_all(cutoff, final=final, estimate=estimate)
    if closes_plan(plan, period):
        return PeriodAssessments(current, [], engine.assess_all(cutoff, final=final))
    before = period.previous_same()
    previous = (engine.assess_all(before.cutoff_end, estimate=estimate)
                if before is not None and before.cutoff_end.year >= plan.horizon.start else [])
    return PeriodAssessments(current, previous, [])


def build_report(plan: "Plan", period: "Period", assessments: Sequence["Assessment"], *,
                 previous: Sequence["Assessment"] = (), actual: Sequence["Assessment"] = (),
                 collected: "Collected | None" = None, narrative: Narrative | None = None,
                 due: Sequence["Task"] = (), next_due: Sequence["Task"] = (), overdue: Sequence["Task"] = (),
                 draft: bool = False, report_date: dt.date | None = None) -> Report:
    """Assemble the report for ``period`` (see docs/report.md for the outline it follows).

    *actual*: for a summary, the targets at the cut-off without estimates (appendix I's "Thực hiện
    đến …" column). *next_due*: tasks with work in the next period; those falling due in it are named
    in phương hướng. *overdue*: dated tasks not reported done; those that fell due within the year up
    to the period's end are named in phương hướng, older ones (a review due years ago) are left to the
    analyst (:attr:`Report.notes`).
    """
    narrative = narrative or Narrative()
    rdoc = narrative.document
    issuer = rdoc.issuer or plan.issuer
    signer = rdoc.signer or plan.signer
    number = None if draft else rdoc.number
    when = None if draft or number is None else (rdoc.date or report_date)  # an unnumbered report is undated
    place = rdoc.place or plan.document.place
    year = (rdoc.date or report_date or period.due).year
    cutoff = period.cutoff_end
    summary_report = closes_plan(plan, period)
    prev_by_id: Mapping[str, "Assessment"] = {a.target_id: a for a in previous}
    citation = _plan_citation(plan, issuer)
    doc = {
        "parent": issuer.parent,
        "issuer": issuer.name,
        "issuer_short_name": issuer.short_name,
        "symbol": f"Số: {number or '     '}/BC-{issuer.abbreviation}",
        "place_date": place_date(place, when, year=year),
        "type_name": "BÁO CÁO",
        # the period before the citation: "… ngày 11/5/2021 6 tháng đầu năm 2023" would run two dates together
        "summary": (f"{'Tổng kết' if summary_report else 'Kết quả'} {period.label} thực hiện {citation} "
                    f"và phương hướng, nhiệm vụ {period.next().label}"),
        "draft": draft,
        "draft_mark": "DỰ THẢO" if draft else "",
    }
    reporting = plan.reporting
    kinh_gui = list(rdoc.recipients or (reporting.recipients if reporting else []))
    what = "tổng kết" if summary_report else "báo cáo kết quả"
    opening = (f"Thực hiện {citation}, {issuer.short_name} {what} thực hiện {period.label} "
               f"(số liệu {period.window_label}) như sau:")
    notes = header_notes(plan, rdoc, when or rdoc.date or report_date or period.due)

    body: list[Para] = []
    figures: list[Figure] = []
    lessons = period.kind in ("year", "summary")
    body.append(Para("h1", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI"))
    body += _narrative_paras(narrative, "leadership")

    body.append(Para("h1", "II. KẾT QUẢ THỰC HIỆN"))
    body.append(Para("h2", "1. Kết quả thực hiện các chỉ tiêu"))
    for gi, (title, group) in enumerate(writer.themes(plan, assessments)):
        if title:
            body.append(Para("p", f"{_letter(gi)}) {title}"))
        texts = writer.summary_paragraphs(group) if summary_report else writer.result_paragraphs(group, prev_by_id)
        body += [Para("p", t) for t in texts]
    figures += [Figure(a.target_id, cutoff, a.value_text, a.value, a.numerator, a.denominator,
                       ("thân báo cáo, mục II.1",)) for a in assessments]
    body += [Para("p", line) for line in commune_lines(assessments, cutoff)]  # e.g. pre-merger communes
    body.append(Para("p", "(Chi tiết tại Phụ lục I kèm theo)"))

    body.append(Para("h2", "2. Kết quả thực hiện các nhiệm vụ, giải pháp"))
    due_ids = {t.id for t in due}
    for gi, group in enumerate(plan.task_groups, start=1):
        tasks = [t for t in group.tasks if t.id in due_ids]
        reported = [t for t in tasks if _returns_of(t, collected)]
        if not reported:
            continue
        body.append(Para("h3", f"2.{gi}. {group.title}"))
        body += [Para("p", _task_body_line(plan, t, _returns_of(t, collected), collected)) for t in reported]
    if collected is not None:
        notes += _return_notes(plan, [t for t in plan.tasks() if t.id in due_ids], collected)
    body.append(Para("p", "(Chi tiết tại Phụ lục II kèm theo)"))

    body.append(Para("h1", "III. ĐÁNH GIÁ CHUNG"))
    body.append(Para("h2", "1. Kết quả đạt được"))
    body += _narrative_paras(narrative, "achievements")
    body.append(Para("h2", "2. Tồn tại, hạn chế"))
    body += _narrative_paras(narrative, "shortcomings")
    body.append(Para("h2", "3. Nguyên nhân"))
    body.append(Para("p", "a) Nguyên nhân khách quan"))
    body += _narrative_paras(narrative, "causes_objective")
    body.append(Para("p", "b) Nguyên nhân chủ quan"))
    body += _narrative_paras(narrative, "causes_subjective")
    if lessons:
        body.append(Para("h2", "4. Bài học kinh nghiệm"))
        body += _narrative_paras(narrative, "lessons")

    following = period.next()
    body.append(Para("h1", f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {following.label.upper()}"))
    written = [_dash(t.strip()) for t in narrative.next_tasks if t.strip()]
    if summary_report or following.year > plan.horizon.end:  # the plan has ended: the successor programme
        body += written or [_missing("next_tasks")]
    else:
        recent = [t for t in overdue if _deadline_in(t, _year_before(period.end), period.end)]
        notes += [f"Nhiệm vụ '{t.title()}' đến hạn {date_short(t.timeframe.deadline())} chưa có báo cáo "  # type: ignore[arg-type]
                  "hoàn thành: không đưa vào phương hướng; kiểm tra lại với đơn vị chủ trì."
                  for t in overdue if t not in recent]
        falling_due = [t for t in next_due if _deadline_in(t, following.start, following.end)]
        generated = [Para("p", t) for t in writer.priorities(plan, assessments, falling_due, recent,
                                                             following.label)]
        body += generated + written or [_missing("next_tasks")]

    body.append(Para("h1", "V. ĐỀ XUẤT, KIẾN NGHỊ"))
    body += _narrative_paras(narrative, "proposals")

    closing = narrative.closing or _closing(citation, period, issuer.short_name, kinh_gui, summary_report)
    archive = f"VT, {reporting.archive_unit}" if reporting and reporting.archive_unit else plan.archive
    copies = rdoc.copies if rdoc.copies is not None else reporting.copies if reporting else []
    recipients = ["- Như trên;"] + [f"- {r};" for r in copies] + [f"- Lưu: {archive}."]

    headers, indicator_rows = _indicator_table(plan, period, assessments, prev_by_id, actual, summary_report)
    for i, a in enumerate(assessments, start=1):
        figures.append(Figure(a.target_id, cutoff, a.value_text, a.value, a.numerator, a.denominator,
                              (f"Phụ lục I, hàng {i}",)))
        prev = prev_by_id.get(a.target_id)
        if prev is not None:
            figures.append(Figure(a.target_id, prev.cutoff, prev.value_text, prev.value, prev.numerator,
                                  prev.denominator, (f"Phụ lục I, hàng {i}, cùng kỳ",)))

    task_rows: list[TaskRow] = []
    for gi, group in enumerate(plan.task_groups, start=1):
        tasks = [t for t in group.tasks if t.id in due_ids]
        if not tasks:
            continue
        task_rows.append(TaskRow(True, roman(gi), group.appendix_title or group.title))
        for ti, t in enumerate(tasks, start=1):
            results = _returns_of(t, collected)
            task_rows.append(TaskRow(False, str(ti), t.text, plan.lead_label(t), t.timeframe.text,
                                     table_cell(_status_of(t, collected)), _result_text(results), t.id))

    return Report(plan, period, cutoff, doc, kinh_gui, opening, body, closing, recipients,
                  {"authority": signer.authority, "position": signer.position, "name": signer.name},
                  indicator_rows, task_rows, narrative.missing_parts(lessons=lessons), figures, list(assessments),
                  notes, headers, _readings(assessments))


def _letter(i: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[i % 26]


def _deadline_in(task: "Task", start: dt.date, end: dt.date) -> bool:
    deadline = task.timeframe.deadline()
    return deadline is not None and start <= deadline <= end


def _year_before(d: dt.date) -> dt.date:
    """The day after *d* one year earlier: a task overdue since then is recent enough to be a priority."""
    return d.replace(year=d.year - 1, day=28 if (d.month, d.day) == (2, 29) else d.day) + dt.timedelta(days=1)


def _closing(citation: str, period: "Period", issuer: str, kinh_gui: Sequence[str], summary_report: bool) -> str:
    """"Trên đây là báo cáo kết quả thực hiện … trong 6 tháng đầu năm 2023, Liên minh HTX tỉnh … kính báo cáo …
    xem xét, chỉ đạo./."."""
    what = "báo cáo tổng kết" if summary_report else "báo cáo kết quả"
    to = f" {join_vi(list(kinh_gui))}" if kinh_gui else ""
    return (f"Trên đây là {what} thực hiện {citation} trong {period.label}, {issuer} kính báo cáo{to} xem xét, "
            "chỉ đạo./.")


def _return_notes(plan: "Plan", tasks: Sequence["Task"], collected: "Collected") -> list[str]:
    """For the analyst: the units that sent no form and the due tasks nobody reported on (left out of the body)."""
    out = []
    if collected.missing_units:
        names = [collected.unit_names.get(u, u) for u in collected.missing_units]
        out.append(f"Đơn vị chưa gửi báo cáo: {join_vi(names)}.")
    silent = [t for t in tasks if not _returns_of(t, collected)]
    if silent:
        out.append("Nhiệm vụ đến hạn chưa có báo cáo kết quả (không đưa vào thân báo cáo): "
                   + "; ".join(f"{t.title()} ({plan.lead_label(t)})" for t in silent) + ".")
    return out


def _readings(assessments: Sequence["Assessment"]) -> list[str]:
    """For the analyst: how each target was read and what the data lacked (the assessments' notes)."""
    out = []
    for a in assessments:
        said = ([f"chưa có số liệu ({a.reason})"] if a.reason else []) + [n.rstrip(".") for n in a.notes]
        if said:
            out.append(f"Chỉ tiêu '{a.label}': {'; '.join(said)}.")
    return out


def _indicator_table(plan: "Plan", period: "Period", assessments: Sequence["Assessment"],
                     previous: Mapping[str, "Assessment"], actual: Sequence["Assessment"],
                     summary_report: bool) -> tuple[tuple[str, ...], list[IndicatorRow]]:
    """Appendix I: its six figure headers and one row per target (a progress report or a summary)."""
    cutoff = date_short(period.cutoff_end)
    start = date_short(dt.date(plan.horizon.start - 1, 12, 31))
    names = SUMMARY_HEADERS if summary_report else PROGRESS_HEADERS
    headers = tuple(h.format(cutoff=cutoff, end=plan.horizon.end, start=start) for h in names)
    at_cutoff = {a.target_id: a for a in actual}
    rows = []
    for i, a in enumerate(assessments, start=1):
        unit = a.unit or ""
        if summary_report:
            cells = (_start_cell(a), _dated_value(at_cutoff.get(a.target_id)), table_cell(a.value_text, unit),
                     table_cell(a.target_text, unit), table_cell(a.percent_text, "%"), table_cell(a.status))
        else:
            prev = previous.get(a.target_id)
            cells = (table_cell(a.target_text, unit), _path_cell(a) + _year_of(a), _dated_value(a),
                     _dated_value(prev) if prev is not None else DASH,
                     table_cell(a.percent_text, "%"), table_cell(a.status))
        rows.append(IndicatorRow(str(i), a.target_id, a.label, unit, cells))
    return headers, rows


def _path_cell(a: "Assessment") -> str:
    """The path at the cut-off as appendix I shows it, in the row's unit (a rate: the target rate itself)."""
    if a.classes:
        return table_cell("; ".join(f"{c.label} {fmt_value(c.path, a.unit)}" for c in a.classes
                                    if c.path is not None) or DASH, a.unit)
    if a.kind == "rate_per_year" and a.expected is not None:
        return table_cell(fmt_value(a.expected, a.unit), a.unit)
    return DASH if a.path is None else table_cell(fmt_value(a.path, a.unit, a.kind), a.unit)


def _start_cell(a: "Assessment") -> str:
    """The start of the plan in a summary's appendix I: the path's start, a growth's base, a share at the start."""
    if a.classes:
        return table_cell("; ".join(f"{c.label} {fmt_value(c.baseline, '%')}" for c in a.classes
                                    if c.baseline is not None) or DASH, a.unit)
    if a.kind == "growth":
        noun = str(a.detail.get("noun") or "HTX")
        return DASH if a.denominator is None else f"{fmt_count(a.denominator, noun)} ({a.detail.get('base_label', '')})"
    start = writer.start_figure(a)
    return DASH if start is None else table_cell(fmt_value(start[0], start[1], start[2]), a.unit)


def _dated_value(a: "Assessment | None") -> str:
    """A figure at the cut-off, with the year of a yearly figure: "39,2 (năm 2024)"."""
    if a is None:
        return DASH
    return table_cell(a.value_text, a.unit) + _year_of(a)


def _year_of(a: "Assessment") -> str:
    """" (năm 2022)" for a yearly figure of a year the cut-off does not end (its path is read there too)."""
    if a.value is not None and a.data_date is not None and a.data_date != a.cutoff:
        return f" (năm {a.data_date.year})"
    return ""


def report_context(report: Report, charts: Sequence[object] = ()) -> dict[str, object]:
    """Template context of ``bao-cao.docx`` (contract in docs/templates.md)."""
    return {
        "doc": report.doc,
        "kinh_gui": report.kinh_gui,
        "opening": report.opening,
        "body": [p.as_dict() for p in report.body],
        "closing": report.closing,
        "recipients": report.recipients,
        "signer": report.signer,
        "indicators": {"title": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
                       "headers": list(report.indicator_headers),
                       "ref": _appendix_ref(report),
                       "cutoff": f"Đến {date_short(report.cutoff)}",
                       "rows": [r.as_dict() for r in report.indicator_rows],
                       "notes": commune_notes(report.assessments, report.cutoff,
                                              {r.target_id: r.stt for r in report.indicator_rows})},
        "tasks": {"title": "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ",
                  "ref": _appendix_ref(report),
                  "rows": [r.as_dict() for r in report.task_rows]},
        "charts": {"title": "BIỂU ĐỒ TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU", "ref": _appendix_ref(report),
                   "images": list(charts), "notes": uncharted_notes(report.assessments)},
    }


def _appendix_ref(report: Report) -> str:
    doc = report.doc
    when = str(doc["place_date"]).split(", ", 1)[-1]
    return f"(Kèm theo Báo cáo số {str(doc['symbol'])[4:].strip()} {when} của {doc['issuer_short_name']})"
