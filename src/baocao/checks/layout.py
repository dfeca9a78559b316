"""Check a produced .docx against the layout figures of Decree 30/2020 (Appendix I).

:func:`verify_layout` reads the file with python-docx/lxml (no Word, no LibreOffice) and returns
one :class:`RuleResult` per rule: ``pass``, ``fail``, ``needs_review`` or ``not_applicable``,
with a Vietnamese description and a detail saying where the fault is. It works on a plan
(kế hoạch) with its landscape appendix, on an appendix alone (phụ lục), and on a report (báo cáo,
with "Kính gửi:"). The rules are in :mod:`baocao.checks.rules`, listed by
:mod:`baocao.checks.registry`; the figures they check are in :mod:`baocao.decree30` and
docs/templates.md.

The result names are importable from here as well as from :mod:`baocao.checks`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .reader import load_document
from .registry import rules_for
from .results import RESULT_COLUMNS, format_results, results_frame
from .rule import FAIL, NA, PASS, REVIEW, STATUS_VI, Rule, RuleResult

__all__ = ["RuleResult", "verify_layout", "format_results", "results_frame", "RESULT_COLUMNS", "PASS", "FAIL",
           "REVIEW", "NA", "STATUS_VI"]


def verify_layout(path: str | os.PathLike[str], rules: Iterable[Rule] | None = None) -> list[RuleResult]:
    """Check a .docx against the layout rules (the built-in Decree-30 ones, with those of a decision for a
    decision, unless ``rules`` says otherwise); one result per rule, in the rules' order."""
    doc = load_document(Path(path))
    return [r.run(doc) for r in (rules_for(doc) if rules is None else rules)]
