"""The jobs the command line and the notebooks run: each writes one document set and says what it wrote.

==========================  ============================================================
:func:`write_plan`          the plan document (body and landscape appendix)
:func:`write_appendix`      the appendix alone
:func:`write_report`        the report of one period, its provenance sidecar and charts;
:func:`report_findings`     its reading checks, figures against the data it was written from
:func:`write_cycle`         plan, appendix and the reports of several periods
:func:`write_demo`          the cycle of the bundled sample (``baocao demo``)
:func:`read_task_table`,    an edited task table read back into the plan, and the plan
:func:`write_task_import`   file rewritten from it
:func:`check_file`          every reading check on any .docx (``baocao check``)
:func:`write_plan_import`   a plan typed in Word read into a plan file (``baocao plan import``)
==========================  ============================================================

Every job writes through one :class:`~baocao.jobs.outputs.OutputFolder` (targets checked before the
first write) and returns what it wrote with its Vietnamese warnings; ``pdf=True`` adds PDF copies
through the one fallback :func:`~baocao.jobs.outputs.pdf_copies` (no LibreOffice: a warning, the
.docx files stay). Names are imported on first use, so ``baocao appendix`` stays light.
"""

from __future__ import annotations

from .. import lazy_exports as _lazy

_EXPORTS = {
    "Written": "baocao.jobs.outputs",
    "pdf_copies": "baocao.jobs.outputs",
    "write_plan": "baocao.jobs.plan_docs",
    "write_appendix": "baocao.jobs.plan_docs",
    "plan_file_name": "baocao.jobs.plan_docs",
    "appendix_file_name": "baocao.jobs.plan_docs",
    "write_report": "baocao.jobs.report",
    "ReportWritten": "baocao.jobs.report",
    "report_findings": "baocao.jobs.report",
    "write_cycle": "baocao.jobs.cycle",
    "write_demo": "baocao.jobs.cycle",
    "read_task_table": "baocao.jobs.tasks",
    "write_task_import": "baocao.jobs.tasks",
    "check_file": "baocao.jobs.check",
    "CheckResult": "baocao.jobs.check",
    "write_plan_import": "baocao.jobs.plan_import",
}

__getattr__, __dir__ = _lazy.lazy_exports(__name__, _EXPORTS)
