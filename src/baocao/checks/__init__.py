"""Checks on produced documents.

* :mod:`baocao.checks.layout` — Decree 30 layout figures read from the .docx
  (:func:`verify_layout`, :func:`format_results`);
* :mod:`baocao.checks.presign` — the words a clerk reads before signing (leftovers, blanks…).

Submodules are imported on first use.
"""

from __future__ import annotations

from baocao.lazy_exports import lazy_exports

__all__ = ["RuleResult", "verify_layout", "format_results", "presign_check", "format_findings"]

_WHERE = {
    "RuleResult": "baocao.checks.layout",
    "verify_layout": "baocao.checks.layout",
    "format_results": "baocao.checks.layout",
    "presign_check": "baocao.checks.presign",
    "format_findings": "baocao.checks.presign",
}


__getattr__, __dir__ = lazy_exports(__name__, _WHERE)
