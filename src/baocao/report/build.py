"""The progress report (báo cáo) as data: header, body paragraphs, appendix tables, figures behind them.

A pure function of the plan, the period, the assessments (this period and the same period last year),
the collected unit returns and the narrative. The template only lays out what is built here, so every
number in the document comes from an assessment and is listed in the report's provenance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

from ..marks import MISSING_MARK
from ..plan.text import Para
from ..task_status import status_text
from ..vnformat import date_short, join_vi, lower_first, place_date, roman, table_cell
from .figure_notes import commune_lines, commune_notes, uncharted_notes
from .narrative import PART_NAMES, Narrative
from .reorganisation import header_notes

if TYPE_CHECKING:
    from ..indicators.model import Assessment
    from ..periods import Period
    from ..plan.model import Plan, Task
    from ..returns.collect import Collected, UnitResult


@dataclass(frozen=True)
class IndicatorRow:
    """A row of appendix I: one target at the cut-off and the same period last year."""

    stt: str
    target_id: str
    label: str
    unit: str
    goal: str
    value: str
    previous: str
    percent: str
    status: str

    def as_dict(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in ("stt", "label", "unit", "goal", "value", "previous", "percent",
                                             "status")}


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

    @property
    def type_name(self) -> str:
        return "BÁO CÁO"


def _plan_citation(plan: "Plan") -> str:
    d = plan.document
    when = f" ngày {date_short(d.date)}" if d.date else ""
    return f"Kế hoạch số {plan.symbol}{when} của {plan.issuer.short_name}"


def _missing(part: str) -> Para:
    return Para("missing", f"{MISSING_MARK}: {PART_NAMES[part]} — cần bổ sung trước khi trình ký]")


def _narrative_paras(narrative: Narrative, part: str) -> list[Para]:
    texts = [t.strip() for t in getattr(narrative, part) if t.strip()]
    if not texts:
        return [_missing(part)]
    return [Para("p", t if t.startswith(("- ", "+ ")) else f"- {t}") for t in texts]


def _returns_of(task: "Task", collected: "Collected | None") -> list["UnitResult"]:
    if collected is None:
        return []
    return [r for r in collected.results.get(task.id, []) if r.kind == "task"]


def _status_of(task: "Task", collected: "Collected | None") -> str:
    """The task's one status across its lead units (:mod:`baocao.task_status`), as the report prints it."""
    return status_text(collected.status(task.id) if collected is not None else None)


def _result_text(results: list["UnitResult"]) -> str:
    parts = [r.result.strip().rstrip(".;") for r in results if r.result and r.result.strip()]
    return "; ".join(parts)


def _task_body_line(plan: "Plan", task: "Task", results: list["UnitResult"], collected: "Collected | None") -> str:
    lead = plan.lead_label(task)
    if not results:
        return f"- {_clause(task.text)}: {lead} chưa gửi báo cáo kết quả."
    result = _result_text(results)
    status = _status_of(task, collected)
    return f"- {_clause(task.text)} ({lead}): {result or 'không có nội dung kết quả'} ({status})."


def _clause(text: str) -> str:
    """A task's wording used inside a sentence: without its closing punctuation."""
    return text.strip().rstrip(" .;:")


def build_report(plan: "Plan", period: "Period", assessments: Sequence["Assessment"], *,
                 previous: Sequence["Assessment"] = (), collected: "Collected | None" = None,
                 narrative: Narrative | None = None, due: Sequence["Task"] = (), next_due: Sequence["Task"] = (),
                 overdue: Sequence["Task"] = (), draft: bool = False, report_date: dt.date | None = None
                 ) -> Report:
    """Assemble the report for ``period`` (see docs/report.md for the outline it follows)."""
    narrative = narrative or Narrative()
    rdoc = narrative.document
    issuer = rdoc.issuer or plan.issuer
    signer = rdoc.signer or plan.signer
    number = None if draft else rdoc.number
    when = None if draft or number is None else (rdoc.date or report_date)  # an unnumbered report is undated
    place = rdoc.place or plan.document.place
    year = (rdoc.date or report_date or period.due).year
    cutoff = period.cutoff_end
    prev_by_id: Mapping[str, "Assessment"] = {a.target_id: a for a in previous}
    summary = f"Kết quả thực hiện {_plan_citation(plan)} {period.title_label}"
    doc = {
        "parent": issuer.parent,
        "issuer": issuer.name,
        "issuer_short_name": issuer.short_name,
        "symbol": f"Số: {number or '     '}/BC-{issuer.abbreviation}",
        "place_date": place_date(place, when, year=year),
        "type_name": "BÁO CÁO",
        "summary": summary,
        "draft": draft,
        "draft_mark": "DỰ THẢO" if draft else "",
    }
    reporting = plan.reporting
    kinh_gui = list(rdoc.recipients or (reporting.recipients if reporting else []))
    opening = (f"Thực hiện {_plan_citation(plan)}, {issuer.short_name} báo cáo kết quả thực hiện "
               f"{period.label} (số liệu {period.window_label}) như sau:")

    body: list[Para] = []
    figures: list[Figure] = []
    lessons = period.kind in ("year", "summary")
    body.append(Para("h1", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI"))
    body += _narrative_paras(narrative, "leadership")

    body.append(Para("h1", "II. KẾT QUẢ THỰC HIỆN"))
    body.append(Para("h2", "1. Kết quả thực hiện các chỉ tiêu"))
    for a in assessments:
        sentence = a.sentence or f"{a.label}: {a.status}."
        prev = prev_by_id.get(a.target_id)
        if prev is not None and prev.value is not None and a.value is not None and a.kind != "qualitative":
            sentence = sentence.rstrip(".") + f"; cùng kỳ năm trước: {prev.value_text}."
        body.append(Para("p", f"- {sentence}"))
        figures.append(Figure(a.target_id, cutoff, a.value_text, a.value, a.numerator, a.denominator,
                              ("thân báo cáo, mục II.1",)))
    body += [Para("p", line) for line in commune_lines(assessments, cutoff)]  # e.g. pre-merger communes
    body.append(Para("p", "(Chi tiết tại Phụ lục I kèm theo)"))

    body.append(Para("h2", "2. Kết quả thực hiện các nhiệm vụ, giải pháp"))
    due_ids = {t.id for t in due}
    for gi, group in enumerate(plan.task_groups, start=1):
        tasks = [t for t in group.tasks if t.id in due_ids]
        if not tasks:
            continue
        body.append(Para("h3", f"2.{gi}. {group.title}"))
        body += [Para("p", _task_body_line(plan, t, _returns_of(t, collected), collected)) for t in tasks]
    if collected is not None and collected.missing_units:
        names = [collected.unit_names.get(u, u) for u in collected.missing_units]
        body.append(Para("p", f"- Đơn vị chưa gửi báo cáo: {join_vi(names)}."))
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

    body.append(Para("h1", f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {period.next().label.upper()}"))
    if narrative.next_tasks:
        body += _narrative_paras(narrative, "next_tasks")
    else:
        overdue_ids = {t.id for t in overdue}
        body += [Para("p", f"- Hoàn thành dứt điểm (đã đến hạn, chưa có báo cáo hoàn thành): {_clause(t.text)} "
                           f"({plan.lead_label(t)}; {lower_first(t.timeframe.text)}).") for t in overdue]
        body += [Para("p", f"- {_clause(t.text)} ({plan.lead_label(t)}; {lower_first(t.timeframe.text)}).")
                 for t in next_due if t.id not in overdue_ids]
        if not overdue and not next_due:
            body.append(_missing("next_tasks"))

    body.append(Para("h1", "V. ĐỀ XUẤT, KIẾN NGHỊ"))
    body += _narrative_paras(narrative, "proposals")

    closing = (f"Trên đây là báo cáo kết quả thực hiện {_plan_citation(plan)} {period.label} "
               f"của {issuer.short_name}./.")
    archive = f"VT, {reporting.archive_unit}" if reporting and reporting.archive_unit else plan.archive
    recipients = ["- Như trên;"] + [f"- {r};" for r in (rdoc.copies if rdoc.copies is not None else reporting.copies if reporting else [])] + [f"- Lưu: {archive}."]

    indicator_rows = []
    for i, a in enumerate(assessments, start=1):
        prev = prev_by_id.get(a.target_id)
        indicator_rows.append(IndicatorRow(
            str(i), a.target_id, a.label, a.unit or "", table_cell(a.target_text, a.unit),
            table_cell(a.value_text, a.unit), table_cell(prev.value_text, a.unit) if prev is not None else "—",
            table_cell(a.percent_text, "%"), table_cell(a.status)))
        figures.append(Figure(a.target_id, cutoff, a.value_text, a.value, a.numerator, a.denominator,
                              (f"Phụ lục I, hàng {i}",)))
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
                  header_notes(plan, rdoc, when or rdoc.date or report_date or period.due))


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
                       "goal_header": f"Mục tiêu {report.plan.horizon.end}",
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
