"""Jobs for the plan's documents: the plan with its landscape appendices, and the appendices alone.

A plan with its one task appendix (the seed's form) renders with ``ke-hoach.docx`` / ``phu-luc.docx``;
any other form (a decision with its articles and attached plan, no appendix, several appendices, other
columns) with ``van-ban.docx`` / ``cac-phu-luc.docx`` (:mod:`baocao.plan.document`).
Only the plan model and the .docx renderer are imported (no pandas, no matplotlib), so a cold
``baocao appendix`` stays well under a second.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BaocaoError
from ..plan.document import appendices_context, classic_form, document_context
from ..plan.text import plan_context
from ..text_chars import ascii_fold
from .outputs import OutputFolder, Written

if TYPE_CHECKING:
    from ..plan.model import Plan

PLAN_TEMPLATE = "ke-hoach.docx"
APPENDIX_TEMPLATE = "phu-luc.docx"
DOCUMENT_TEMPLATE = "van-ban.docx"
APPENDICES_TEMPLATE = "cac-phu-luc.docx"


def _ascii(text: str) -> str:
    """ASCII words joined by "-": "188/KH-LMHTX" -> "188-KH-LMHTX", "QUYẾT ĐỊNH" -> "QUYET-DINH"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_fold(text)).strip("-")


def symbol_slug(plan: "Plan") -> str:
    """File-name form of the document symbol: "188/KH-LMHTX" -> "188-KH-LMHTX" (ASCII, no blanks)."""
    return _ascii(plan.symbol)


def plan_file_name(plan: "Plan", *, draft: bool = False) -> str:
    """"188-KH-LMHTX-ke-hoach.docx", "773-QD-TTg-quyet-dinh.docx"; a draft gets "-du-thao" so it never
    replaces the final copy."""
    kind = _ascii(plan.document.type_name).lower()
    return f"{symbol_slug(plan)}-{kind}{'-du-thao' if draft else ''}.docx"


def appendix_file_name(plan: "Plan") -> str:
    """"188-KH-LMHTX-phu-luc.docx"."""
    return f"{symbol_slug(plan)}-phu-luc.docx"


def as_plan(plan: "Plan | str | os.PathLike[str]") -> "Plan":
    """``plan`` itself, or the plan loaded from that file."""
    from ..plan.io import load_plan
    from ..plan.model import Plan

    return plan if isinstance(plan, Plan) else load_plan(plan)


def _with_tables(appendices: list[dict]) -> list[dict]:
    """The appendices of a context with each table made a :class:`~baocao.render.tables.DocTable`."""
    from ..render.tables import DocTable

    return [{**a, "table": DocTable.from_data(a["table"])} for a in appendices]


def add_plan(outputs: OutputFolder, plan: "Plan", *, draft: bool = False) -> Path:
    """Render the plan document (body, attached plan, landscape appendices) into ``outputs``."""
    target = outputs.path / plan_file_name(plan, draft=draft)
    outputs.claim(target)
    if classic_form(plan):
        return outputs.render(PLAN_TEMPLATE, plan_context(plan, draft=draft), target)
    ctx = document_context(plan, draft=draft)
    return outputs.render(DOCUMENT_TEMPLATE, {**ctx, "appendices": _with_tables(ctx["appendices"])}, target)


def add_appendix(outputs: OutputFolder, plan: "Plan") -> Path:
    """Render the appendices alone into ``outputs``; a plan without one is refused."""
    if not plan.appendix_list():
        raise BaocaoError(f"{plan.document.type_word} {plan.symbol} không có phụ lục.")
    target = outputs.path / appendix_file_name(plan)
    outputs.claim(target)
    if classic_form(plan):
        return outputs.render(APPENDIX_TEMPLATE, {"appendix": plan_context(plan)["appendix"]}, target)
    return outputs.render(APPENDICES_TEMPLATE, {"appendices": _with_tables(appendices_context(plan))}, target)


def write_plan(plan: "Plan | str | os.PathLike[str]", out_dir: str | os.PathLike[str], *, draft: bool = False,
               pdf: bool = False, overwrite: bool = False) -> Written:
    """Write the plan document into ``out_dir`` (and its PDF when asked and LibreOffice is there)."""
    with OutputFolder(out_dir, overwrite=overwrite, pdf=pdf) as outputs:
        add_plan(outputs, as_plan(plan), draft=draft)
        return outputs.finish()


def write_appendix(plan: "Plan | str | os.PathLike[str]", out_dir: str | os.PathLike[str], *, pdf: bool = False,
                   overwrite: bool = False) -> Written:
    """Write the plan's appendix alone into ``out_dir`` (and its PDF when asked and LibreOffice is there)."""
    with OutputFolder(out_dir, overwrite=overwrite, pdf=pdf) as outputs:
        add_appendix(outputs, as_plan(plan))
        return outputs.finish()
