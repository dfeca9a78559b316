"""The main job: every document of a plan's cycle into one folder, PDFs in one LibreOffice call.

``baocao demo`` runs it on the bundled sample; ``write_documents`` works for any plan, data workbook,
periods, unit returns and narratives.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .plan.text import plan_context

if TYPE_CHECKING:
    from .plan.model import Plan


@dataclass
class Written:
    """Files written by :func:`write_documents`, and what could not be done (Vietnamese)."""

    docx: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)
    other: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [*self.docx, *self.pdf, *self.other]


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


def write_documents(plan_path: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
                    data_path: str | os.PathLike[str] | None = None, periods: Sequence[str] = (),
                    returns_root: str | os.PathLike[str] | None = None,
                    narrative_dir: str | os.PathLike[str] | None = None, pdf: bool = True,
                    overwrite: bool = False, draft: bool = False) -> Written:
    """Write the plan, its appendix and one report per period (with PDFs when LibreOffice is present)."""
    from .plan.io import load_plan
    from .render.docx import render_docx

    plan = load_plan(plan_path)
    out = Path(out_dir)
    written = Written()
    context = plan_context(plan, draft=draft)
    written.docx.append(render_docx("ke-hoach.docx", context, out / plan_file_name(plan, draft=draft),
                                    overwrite=overwrite))
    written.docx.append(render_docx("phu-luc.docx", {"appendix": context["appendix"]}, out / appendix_file_name(plan),
                                    overwrite=overwrite))
    if periods:
        if data_path is None:
            raise ValueError("periods need data_path")
        from .data import load_data
        from .report.run import make_report

        data = load_data(data_path)
        for code in periods:
            narrative = Path(narrative_dir) / f"{code}.yaml" if narrative_dir else None
            result = make_report(plan, plan_path, data, code, out, returns_dir=returns_root,
                                 narrative=narrative if narrative and narrative.exists() else None,
                                 draft=draft, overwrite=overwrite)
            written.docx.append(result.docx)
            written.other += [result.sidecar, *result.charts]
            written.warnings += [f"Kỳ {code}: {note}" for note in result.report.notes]
            if result.problems:
                written.warnings.append(f"Kỳ {code}: {len(result.problems)} lỗi trong báo cáo của đơn vị "
                                        "(xem 'baocao returns collect').")
    if pdf:
        from .errors import ToolMissingError
        from .render.pdf import to_pdf

        try:
            written.pdf = to_pdf(written.docx, out, overwrite=overwrite)
        except ToolMissingError as exc:
            written.warnings.append(str(exc))
    return written
