"""The main job: every document of a plan's cycle into one folder, PDFs in one LibreOffice call.

``baocao demo`` runs it on the bundled sample (:func:`write_demo`); :func:`write_cycle` works for any
plan, data workbook, periods, unit returns and narratives.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from .outputs import OutputFolder, Written
from .plan_docs import add_appendix, add_plan, appendix_file_name, plan_file_name
from .report import add_report, claim_report, report_narrative
from baocao.errors import UsageError

DEMO_PERIODS = ("2023-H1", "2023", "2021-2025")


def write_cycle(plan_path: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
                data_path: str | os.PathLike[str] | None = None, periods: Sequence[str] = (),
                returns_root: str | os.PathLike[str] | None = None,
                narrative_dir: str | os.PathLike[str] | None = None, pdf: bool = True,
                overwrite: bool = False, draft: bool = False) -> Written:
    """Write the plan, its appendix and one report per period (with PDFs when LibreOffice is present).

    Every target is checked before the first file is written. A period's narrative is
    ``narrative_dir/<period>.yaml`` when that file exists.
    """
    from ..data import load_data
    from ..periods import parse_period, require_within_plan
    from ..indicators.plan_check import load_plan

    if periods and data_path is None:
        raise UsageError("cần tệp dữ liệu (data_path) để lập báo cáo các kỳ " + ", ".join(periods))
    plan = load_plan(plan_path)
    chosen = [parse_period(code) for code in periods]
    for period in chosen:
        require_within_plan(plan, period)
    data = load_data(data_path, plan=plan) if chosen else None  # type: ignore[arg-type]
    with OutputFolder(out_dir, overwrite=overwrite, pdf=pdf) as outputs:
        appendix = plan.appendix_list()  # a plan without an appendix gets no appendix file
        outputs.claim(outputs.path / plan_file_name(plan, draft=draft), *([outputs.path / appendix_file_name(plan)]
                                                                           if appendix else []))
        narratives = {}
        for period in chosen:
            claim_report(outputs, period)
            path = Path(narrative_dir) / f"{period.code}.yaml" if narrative_dir else None
            narratives[period] = report_narrative(plan, period, path if path and path.exists() else None, draft=draft)

        add_plan(outputs, plan, draft=draft)
        if appendix:
            add_appendix(outputs, plan)
        for period in chosen:
            result = add_report(outputs, plan, plan_path, data, period, returns_dir=returns_root,  # type: ignore[arg-type]
                                narrative=narratives[period], draft=draft)
            for note in result.report.notes:
                outputs.warn(f"Kỳ {period.code}: {note}")
            if result.problems:
                outputs.warn(f"Kỳ {period.code}: {len(result.problems)} lỗi trong báo cáo của đơn vị "
                             "(xem 'baocao returns collect').")
        return outputs.finish()


def write_demo(out_dir: str | os.PathLike[str], *, pdf: bool = True, overwrite: bool = False) -> Written:
    """The cycle of the bundled sample 188/KH-LMHTX: plan, appendix and the reports of :data:`DEMO_PERIODS`."""
    from ..resources import sample_path

    return write_cycle(sample_path("ke-hoach-188.yaml"), out_dir, data_path=sample_path("du-lieu-mau.xlsx"),
                       periods=DEMO_PERIODS, returns_root=sample_path("bao-cao-don-vi"),
                       narrative_dir=sample_path("nhan-dinh"), pdf=pdf, overwrite=overwrite)
