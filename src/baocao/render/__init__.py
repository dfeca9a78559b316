"""Produce documents: docx from templates (:mod:`.docx`), PDF via LibreOffice (:mod:`.pdf`).

``from baocao.render import render_docx, to_pdf`` is the usual entry point; the submodules are
imported on first use so that ``import baocao.render`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from baocao.render.docx import Image, render_docx, render_many, template_variables
    from baocao.render.pdf import find_soffice, to_pdf

__all__ = ["render_docx", "render_many", "template_variables", "Image", "to_pdf", "find_soffice"]

_WHERE = {
    "render_docx": "baocao.render.docx",
    "render_many": "baocao.render.docx",
    "template_variables": "baocao.render.docx",
    "Image": "baocao.render.docx",
    "to_pdf": "baocao.render.pdf",
    "find_soffice": "baocao.render.pdf",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'baocao.render' has no attribute {name!r}")
