"""From a plan or decision already typed in Word to a plan file: :func:`import_plan`.

Layers, each using only the ones above it:

* :mod:`.result` — :class:`ImportedPlan` (the plan file as plain data, and what was not read with
  confidence as :class:`Uncertain` items), :class:`PlanImportError`;
* :mod:`.head` — issuer, number, place and date, type line and summary, signer, "Nơi nhận";
* :mod:`.appendix` — the appendix table(s): task groups, tasks, lead units, timeframes;
* :mod:`.citations`, :mod:`.blocks`, :mod:`.body`, :mod:`.join` — legal bases, sections and their items,
  decisions' articles, and where the body lists the appendix's tasks;
* :mod:`.reader` — :func:`import_plan`: the parts put together;
* :mod:`.compare` — paragraphs and sentences of two documents compared in order.

The document is read through :mod:`baocao.docread`; no template and no plan file are needed.
Names are imported on first use.
"""

from __future__ import annotations

from baocao.lazy_exports import lazy_exports

__all__ = ["import_plan", "ImportedPlan", "Uncertain", "PlanImportError"]

__getattr__, __dir__ = lazy_exports(__name__, {
    "import_plan": "baocao.plan_import.reader",
    **dict.fromkeys(["ImportedPlan", "Uncertain", "PlanImportError"], "baocao.plan_import.result"),
})
