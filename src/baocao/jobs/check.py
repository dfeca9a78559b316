"""The check job: read any .docx and list what to fix or review before signing (``baocao check``).

The document alone is enough for the checks on words and meaning; a plan file adds the checks against
the plan (unit names, the "Kèm theo" line), and a data workbook with a period adds the checks of a
report's numbers and verdicts against the figures the engine computes for that period (and the same
period last year), as the report job computes them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, Problem

if TYPE_CHECKING:
    from ..checks.finding import Finding
    from ..plan.model import Plan


@dataclass
class CheckResult:
    """The findings on one document, errors ("lỗi") first."""

    path: Path
    findings: list["Finding"] = field(default_factory=list)

    @property
    def errors(self) -> int:
        from ..checks.finding import ERROR

        return sum(f.severity == ERROR for f in self.findings)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: the file, the counts and every finding."""
        return {"file": str(self.path), "errors": self.errors, "reviews": len(self.findings) - self.errors,
                "findings": [f.as_dict() for f in self.findings]}


def check_file(path: str | os.PathLike[str], *, plan: "Plan | str | os.PathLike[str] | None" = None,
               data: str | os.PathLike[str] | None = None, period: str | None = None,
               final: bool = True) -> CheckResult:
    """Run every reading check on the .docx at ``path``.

    ``plan`` (a plan or its file) adds the checks against the plan; ``data`` and ``period`` (both, with
    ``plan``) the checks of a report's figures against the data. ``final=False`` accepts the blank
    number and day of a draft. Bad input raises :class:`InputError` in Vietnamese.
    """
    from ..checks.catalog import check_document
    from ..checks.results import errors_first

    if (data is None) != (period is None):
        raise InputError([Problem(str(data or path), "cần cả tệp dữ liệu (--data) và kỳ báo cáo (--period) "
                                                     "để đối chiếu số liệu")], "Thiếu thông tin để kiểm tra")
    if data is not None and plan is None:
        raise InputError([Problem(str(data), "cần tệp kế hoạch (--plan) để tính các chỉ tiêu từ tệp dữ liệu")],
                         "Thiếu thông tin để kiểm tra")
    loaded = None
    if plan is not None:
        from .plan_docs import as_plan

        loaded = as_plan(plan)
    assessments: list = []
    if data is not None and loaded is not None and period is not None:
        from ..data import load_data
        from ..periods import parse_period
        from .report import assess_for_report

        assessments = assess_for_report(loaded, load_data(data), parse_period(period)).all
    findings = check_document(path, plan=loaded, assessments=assessments, final=final)
    return CheckResult(Path(path), errors_first(findings))
