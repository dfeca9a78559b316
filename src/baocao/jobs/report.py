"""The report job: load the inputs, assess, collect returns, build, render, write charts and provenance.

This is the I/O edge of the reporting cycle; :func:`baocao.report.build.build_report` is the pure
middle. Outputs for a period are all-or-nothing: every target path is checked before anything is
written, and each file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..report.build import PeriodAssessments, Report, assess_period, build_report, report_context
from ..report.narrative import Narrative, load_narrative
from ..report.provenance import provenance, provenance_json
from ..report.reorganisation import require_post_merger_header
from .outputs import OutputFolder

if TYPE_CHECKING:
    from ..checks.finding import Finding
    from ..data.cycle import CycleData
    from ..indicators.model import Assessment
    from ..periods import Period
    from ..plan.model import Plan
    from ..returns.collect import Collected

ChartMode = Literal["overview", "all", "none"]


@dataclass
class ReportWritten:
    """What :func:`write_report` wrote, and the report itself for inspection in a notebook."""

    docx: Path
    sidecar: Path
    charts: list[Path]
    report: Report
    collected: "Collected | None" = None
    problems: list[object] = field(default_factory=list)
    assessments: list["Assessment"] = field(default_factory=list)  # every one the report prints (PeriodAssessments.all)
    pdf: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        """Every written file: the report, its provenance sidecar, its charts, its PDF."""
        return [self.docx, self.sidecar, *self.charts, *self.pdf]


def report_paths(period: "Period", out_dir: Path) -> tuple[Path, Path, Path]:
    """File names of a period's report: the .docx, the provenance JSON and the charts folder."""
    stem = f"{period.code}-bao-cao"
    return out_dir / f"{stem}.docx", out_dir / f"{stem}.nguon-so-lieu.json", out_dir / f"{period.code}-bieu-do"


def claim_report(outputs: OutputFolder, period: "Period") -> None:
    """Refuse before writing when the period's report, sidecar or overview chart already exists."""
    docx_path, sidecar_path, chart_dir = report_paths(period, outputs.path)
    outputs.claim(docx_path, sidecar_path)
    if chart_dir.exists() and any(chart_dir.iterdir()):
        outputs.claim(chart_dir / "tong-quan.png")


def _charts(outputs: OutputFolder, plan: "Plan", data: "CycleData", assessments: list, cutoff: dt.date,
            folder: Path, mode: ChartMode, final: bool | None, communes: str) -> list[Path]:
    """The report's charts, drawn from its own assessments (and, for the progress charts, the same
    commune list and verdict rule), so Phụ lục III shows what Phụ lục I says."""
    if mode == "none":
        return []
    if mode == "all":  # writes the overview chart too
        from ..indicators.charts import save_charts

        return outputs.add(*save_charts(plan, data, cutoff, outputs.staged_folder(folder), final=final,
                                        communes=communes, assessments=assessments))  # type: ignore[arg-type]
    from ..indicators.overview import charted, overview_chart

    if not any(charted(a) for a in assessments):  # only qualitative targets: nothing to draw
        return []
    return [outputs.write_bytes(folder / "tong-quan.png", overview_chart(assessments).png())]


def _returns_folders(folder: Path, period: "Period") -> tuple[Path, list[tuple["Period", Path]]]:
    """The forms folder of ``period`` and the folders of earlier periods, oldest first.

    ``folder`` holds the forms directly, or one subfolder per period code ("2023-H1", "2023", …): then
    the period's own subfolder is used, and the statuses of periods that ended before it started tell
    which dated tasks were already done (a task done in 2021 is not overdue in 2023).
    """
    from ..periods import PeriodError, parse_period

    subfolders: list[tuple["Period", Path]] = []
    for child in sorted(folder.iterdir()) if folder.is_dir() else []:
        if child.is_dir():
            try:
                subfolders.append((parse_period(child.name), child))
            except PeriodError:
                continue
    if not subfolders:
        return folder, []
    own = next((f for p, f in subfolders if p == period), folder / period.code)
    earlier = sorted(((p, f) for p, f in subfolders if p.end < period.start), key=lambda pf: pf[0].end)
    return own, earlier


def report_narrative(plan: "Plan", period: "Period", narrative: Narrative | str | os.PathLike[str] | None, *,
                     draft: bool) -> Narrative | None:
    """The narrative of ``period``'s report (loaded when a path is given), checked before anything is written.

    Refused when written for another period, and, for a final report issued on or after 01/7/2025 on a
    plan from before, when its header still names the plan's issuer, place or recipients without the
    narrative confirming them (:mod:`baocao.report.reorganisation`).
    """
    from ..errors import InputError, Problem

    source = "nhận định (không có tệp)" if narrative is None else "nhận định truyền vào"
    if narrative is not None and not isinstance(narrative, Narrative):
        source = str(narrative)
        narrative = load_narrative(narrative)
    if narrative is not None and narrative.period and narrative.period != period.code:
        raise InputError([Problem(source, f"tệp nhận định viết cho kỳ {narrative.period}, "
                                          f"không phải kỳ {period.code}", path="period")],
                         "Tệp nhận định không khớp kỳ báo cáo")
    if not draft:
        rdoc = (narrative or Narrative()).document
        require_post_merger_header(plan, rdoc, rdoc.date or period.due, source=source)
    return narrative


def assess_for_report(plan: "Plan", data: "CycleData", period: "Period", *, communes: str = "plan",
                      ) -> "PeriodAssessments":
    """The targets as the report of *period* shows them (this period, same period last year, summary)."""
    from ..indicators import Engine

    return assess_period(Engine(plan, data, communes=communes), plan, period)  # type: ignore[arg-type]


def add_report(outputs: OutputFolder, plan: "Plan", plan_path: str | os.PathLike[str], data: "CycleData",
               period: "Period", *, returns_dir: str | os.PathLike[str] | None = None,
               narrative: Narrative | str | os.PathLike[str] | None = None, draft: bool = False,
               charts: ChartMode = "overview", communes: str = "plan",
               run_time: dt.datetime | None = None) -> ReportWritten:
    """Write ``period``'s report, its provenance sidecar and its charts into ``outputs`` (no PDF)."""
    from ..periods import due_tasks, final_verdict, overdue_tasks, within_plan
    from ..render.docx import Image
    from ..task_status import merge_statuses

    docx_path, sidecar_path, chart_dir = report_paths(period, outputs.path)
    claim_report(outputs, period)
    narrative = report_narrative(plan, period, narrative, draft=draft)

    collected, history = None, []
    if returns_dir is not None:
        from ..returns.collect import collect_forms

        returns_dir, earlier = _returns_folders(Path(returns_dir), period)
        collected = collect_forms(plan, period, returns_dir)
        history = [collect_forms(plan, p, folder).statuses() for p, folder in earlier if within_plan(plan, p)]

    cutoff = period.cutoff_end
    final = final_verdict(plan, period)  # a whole-plan summary judges the targets as met / not met
    assessed = assess_for_report(plan, data, period, communes=communes)
    found = assessed.current
    statuses = merge_statuses(*history, collected.statuses() if collected is not None else {})
    report = build_report(
        plan, period, found, previous=assessed.previous, actual=assessed.actual, collected=collected,
        narrative=narrative,  # type: ignore[arg-type]
        due=due_tasks(plan, period), next_due=due_tasks(plan, period.next()),
        overdue=overdue_tasks(plan, period, statuses), draft=draft, report_date=period.due)

    chart_files = _charts(outputs, plan, data, found, cutoff, chart_dir, charts, final, communes)
    now = run_time or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    # the overview at most 120 mm high: the line on the qualitative targets fits under it on the page
    images = [Image(p, 230, max_height_mm=120) if p.name == "tong-quan.png" else Image(p, 120) for p in chart_files]
    outputs.render("bao-cao.docx", report_context(report, images), docx_path, core_properties={
        "title": f"Báo cáo {period.label}",
        "subject": report.doc["summary"],
        "category": f"Kỳ báo cáo: {period.code}",
        "keywords": f"{plan.symbol}; {period.code}; chốt số liệu {cutoff.isoformat()}",
        "comments": f"Tạo bởi baocao lúc {now.isoformat()}; nguồn số liệu: {sidecar_path.name}",
        "author": plan.issuer.short_name,
        "created": now.replace(tzinfo=None),
        "modified": now.replace(tzinfo=None),
    })
    returns = {}
    if collected is not None:
        returns = {unit: str(Path(returns_dir) / name) for unit, name in collected.forms.items()}  # type: ignore[arg-type]
    content = provenance(report, plan_path=plan_path, data_path=data.source_path, data_sha256=data.sha256,
                         returns=returns, run_time=now)
    outputs.write_bytes(sidecar_path, provenance_json(content).encode("utf-8"))
    return ReportWritten(docx_path, sidecar_path, chart_files, report, collected,
                         list(collected.problems) if collected is not None else [], assessed.all)


def write_report(plan: "Plan", plan_path: str | os.PathLike[str], data: "CycleData | str | os.PathLike[str]",
                 period: "Period | str", out_dir: str | os.PathLike[str], *,
                 returns_dir: str | os.PathLike[str] | None = None,
                 narrative: Narrative | str | os.PathLike[str] | None = None, draft: bool = False,
                 overwrite: bool = False, charts: ChartMode = "overview", communes: str = "plan",
                 pdf: bool = False, run_time: dt.datetime | None = None) -> ReportWritten:
    """Assess ``data`` for ``period``, merge unit returns and narrative, render ``bao-cao.docx``.

    ``data`` is the loaded data workbook or its path (read only once the period is known to lie
    within the plan). Writes ``<period>-bao-cao.docx``, its ``.nguon-so-lieu.json`` provenance
    sidecar and the chart PNGs into ``out_dir`` (with ``pdf``, the PDF too when LibreOffice is
    there). Existing files are kept unless ``overwrite``.
    """
    from ..data.cycle import CycleData
    from ..periods import parse_period, require_within_plan

    period = parse_period(period) if isinstance(period, str) else period
    require_within_plan(plan, period)
    if not isinstance(data, CycleData):
        from ..data import load_data

        data = load_data(data, plan=plan)
    with OutputFolder(out_dir, overwrite=overwrite, pdf=pdf) as outputs:
        result = add_report(outputs, plan, plan_path, data, period, returns_dir=returns_dir, narrative=narrative,
                            draft=draft, charts=charts, communes=communes, run_time=run_time)
        done = outputs.finish()
    result.pdf, result.warnings = done.pdf, done.warnings
    return result


def report_findings(written: ReportWritten, *, final: bool = True) -> list["Finding"]:
    """Every reading check on a written report (:func:`baocao.checks.catalog.check_document`): its words,
    its meaning, and its numbers and verdicts against the assessments it was written from."""
    from ..checks.catalog import check_document

    return check_document(written.docx, plan=written.report.plan, assessments=written.assessments, final=final)
