"""Checks on documents.

* layout: :func:`verify_layout` measures a .docx against the Decree 30 layout figures
  (:mod:`.layout`); :mod:`.reader` reads the document (formatting resolved through styles by
  :mod:`baocao.docread.styles`, raw XML through :mod:`baocao.docread.wordxml`), :mod:`.rules` holds
  the rules by part of the document, :mod:`.rule` says what a rule is, :mod:`.registry` lists them
  (:data:`LAYOUT_RULES`, where an agency adds its own) and :mod:`.results` shows the results;
* reading checks before signing, on any .docx (``baocao check``, docs/check.md):
  :func:`check_document` runs :data:`CHECKS` — the words (:mod:`.presign`) and the meaning
  (:mod:`.meaning`: body and appendix, citations, lists, figures, authority after 2025) — on the
  document's outline (:mod:`baocao.docread.outline`); :mod:`.finding` says what a check is and
  what it reports.

Submodules are imported on first use.
"""

from __future__ import annotations

from baocao.lazy_exports import lazy_exports

__all__ = ["RuleResult", "Rule", "verify_layout", "format_results", "results_frame", "RESULT_COLUMNS",
           "PASS", "FAIL", "REVIEW", "NA", "STATUS_VI", "LAYOUT_RULES", "DECISION_RULES", "RuleRegistry",
           "presign_check", "format_findings", "findings_frame", "check_document", "CHECKS", "CheckRegistry", "Finding",
           "Check", "Hit"]

_WHERE = {
    **dict.fromkeys(["RuleResult", "Rule", "PASS", "FAIL", "REVIEW", "NA", "STATUS_VI"], "baocao.checks.rule"),
    **dict.fromkeys(["format_results", "results_frame", "RESULT_COLUMNS"], "baocao.checks.results"),
    **dict.fromkeys(["LAYOUT_RULES", "DECISION_RULES", "RuleRegistry", "CheckRegistry"], "baocao.checks.registry"),
    "verify_layout": "baocao.checks.layout",
    "presign_check": "baocao.checks.presign",
    **dict.fromkeys(["format_findings", "findings_frame"], "baocao.checks.results"),
    **dict.fromkeys(["check_document", "CHECKS"], "baocao.checks.catalog"),
    **dict.fromkeys(["Finding", "Check", "Hit"], "baocao.checks.finding"),
}


__getattr__, __dir__ = lazy_exports(__name__, _WHERE)
