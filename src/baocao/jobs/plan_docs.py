"""Jobs for the plan's documents: the plan with its landscape appendix, and the appendix alone.

Only the plan model and the .docx renderer are imported (no pandas, no matplotlib), so a cold
``baocao appendix`` stays well under a second.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from ..plan.text import plan_context
from .outputs import OutputFolder, Written

if TYPE_CHECKING:
    from ..plan.model import Plan

PLAN_TEMPLATE = "ke-hoach.docx"
APPENDIX_TEMPLATE = "phu-luc.docx"


def symbol_slug(plan: "Plan") -> str:
    """File-name form of the document symbol: "188/KH-LMHTX" -> "188-KH-LMHTX" (ASCII, no blanks)."""
    text = plan.symbol.replace("Đ", "D").replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def plan_file_name(plan: "Plan", *, draft: bool = False) -> str:
    """"188-KH-LMHTX-ke-hoach.docx"; a draft gets "-du-thao" so it never replaces the final copy."""
    return f"{symbol_slug(plan)}-ke-hoach{'-du-thao' if draft else ''}.docx"


def appendix_file_name(plan: "Plan") -> str:
    """"188-KH-LMHTX-phu-luc.docx"."""
    return f"{symbol_slug(plan)}-phu-luc.docx"


def as_plan(plan: "Plan | str | os.PathLike[str]") -> "Plan":
    """``plan`` itself, or the plan loaded from that file."""
    from ..plan.io import load_plan
    from ..plan.model import Plan

    return plan if isinstance(plan, Plan) else load_plan(plan)


def add_plan(outputs: OutputFolder, plan: "Plan", *, draft: bool = False) -> Path:
    """Render the plan document (body and landscape appendix) into ``outputs``."""
    target = outputs.path / plan_file_name(plan, draft=draft)
    outputs.claim(target)
    return outputs.render(PLAN_TEMPLATE, plan_context(plan, draft=draft), target)


def add_appendix(outputs: OutputFolder, plan: "Plan") -> Path:
    """Render the appendix alone (the task assignment table) into ``outputs``."""
    target = outputs.path / appendix_file_name(plan)
    outputs.claim(target)
    return outputs.render(APPENDIX_TEMPLATE, {"appendix": plan_context(plan)["appendix"]}, target)


def write_plan(plan: "Plan | str | os.PathLike[str]", out_dir: str | os.PathLike[str], *, draft: bool = False,
               pdf: bool = False, overwrite: bool = False) -> Written:
    """Write the plan document into ``out_dir`` (and its PDF when asked and LibreOffice is there)."""
    outputs = OutputFolder(out_dir, overwrite=overwrite, pdf=pdf)
    add_plan(outputs, as_plan(plan), draft=draft)
    return outputs.finish()


def write_appendix(plan: "Plan | str | os.PathLike[str]", out_dir: str | os.PathLike[str], *, pdf: bool = False,
                   overwrite: bool = False) -> Written:
    """Write the plan's appendix alone into ``out_dir`` (and its PDF when asked and LibreOffice is there)."""
    outputs = OutputFolder(out_dir, overwrite=overwrite, pdf=pdf)
    add_appendix(outputs, as_plan(plan))
    return outputs.finish()
