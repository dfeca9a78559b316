"""Every reading check, in the order findings are listed, and the one function that runs them.

:data:`CHECKS` holds the word-level checks of :mod:`baocao.checks.presign` and the checks on meaning
of :mod:`baocao.checks.meaning`. An agency adds its own like a layout rule::

    from baocao.checks.catalog import CHECKS
    from baocao.checks.finding import ERROR, Hit

    @CHECKS.register("co_quan.ten_goi", "Tên cơ quan viết tắt không đúng quy định", ERROR)
    def agency_short_name(ctx):
        for line in ctx.outline.texts():
            ...
                yield Hit(line.place, "viết tắt «LMHTX» trong câu văn", line.text)

``CHECKS.copy()`` gives a set to change without touching the built-in one; pass it as ``checks=``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .finding import ERROR, CheckContext, Finding
from .meaning import against_data, authority, citations, figures, lists, tasks
from .presign import WORD_CHECKS
from .registry import CheckRegistry

if TYPE_CHECKING:
    from baocao.indicators.model import Assessment
    from baocao.plan.model import Plan

#: The built-in reading checks: words first, then meaning.
CHECKS = CheckRegistry([
    *WORD_CHECKS,
    tasks.task_figures, tasks.task_words, tasks.rows_without_body, tasks.body_without_row,
    citations.citation_dates, citations.citation_types, citations.citation_issuers, citations.citation_agency,
    citations.citation_year,
    citations.appendix_reference,
    lists.repeated_item, lists.number_two_ways,
    figures.rise_or_fall, figures.verdict_against_share, figures.verdict_against_path,
    against_data.numbers_against_data, against_data.rise_or_fall_against_data, against_data.verdicts_against_data,
    authority.gone_authority,
])


def check_document(path: str | os.PathLike[str], *, plan: "Plan | None" = None,
                   assessments: Sequence["Assessment"] = (), final: bool = True,
                   checks: Iterable = CHECKS) -> list[Finding]:
    """Read any .docx and list what to fix or review before signing, checks in order.

    The document alone is enough for most checks; ``plan`` adds the checks against the plan file, and
    ``assessments`` (the engine's, at the report's cut-off and the same period last year) the checks
    of the report's numbers and verdicts against the data. ``final=False`` (a draft) accepts the blank
    number and day left for the registry clerk. A file that is not a readable .docx raises
    :class:`~baocao.errors.InputError`.
    """
    from baocao.docread.outline import read_outline

    from .figures import Figures

    figures = Figures.from_assessments(assessments, plan) if assessments else None
    ctx = CheckContext(read_outline(path), plan=plan, figures=figures, final=final)
    return [f for c in checks for f in c.run(ctx)]


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when one finding is an error ("lỗi"): the document must not be signed as it is."""
    return any(f.severity == ERROR for f in findings)
