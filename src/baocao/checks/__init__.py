"""Checks on produced documents.

* layout: :func:`verify_layout` measures a .docx against the Decree 30 layout figures
  (:mod:`.layout`); :mod:`.reader` reads the document (formatting resolved through styles by
  :mod:`.styles`, raw XML through :mod:`.wordxml`), :mod:`.rules` holds the rules by part of the
  document, :mod:`.rule` says what a rule is, :mod:`.registry` lists them (:data:`LAYOUT_RULES`,
  where an agency adds its own) and :mod:`.results` shows the results;
* :mod:`.presign` — the words a clerk reads before signing (leftovers, blanks…).

Submodules are imported on first use.
"""

from __future__ import annotations

from baocao.lazy_exports import lazy_exports

__all__ = ["RuleResult", "Rule", "verify_layout", "format_results", "results_frame", "RESULT_COLUMNS",
           "PASS", "FAIL", "REVIEW", "NA", "STATUS_VI", "LAYOUT_RULES", "DECISION_RULES", "RuleRegistry", "presign_check",
           "format_findings", "findings_frame"]

_WHERE = {
    **dict.fromkeys(["RuleResult", "Rule", "PASS", "FAIL", "REVIEW", "NA", "STATUS_VI"], "baocao.checks.rule"),
    **dict.fromkeys(["format_results", "results_frame", "RESULT_COLUMNS"], "baocao.checks.results"),
    **dict.fromkeys(["LAYOUT_RULES", "DECISION_RULES", "RuleRegistry"], "baocao.checks.registry"),
    "verify_layout": "baocao.checks.layout",
    **dict.fromkeys(["presign_check", "format_findings", "findings_frame"], "baocao.checks.presign"),
}


__getattr__, __dir__ = lazy_exports(__name__, _WHERE)
