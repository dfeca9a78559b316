"""Produce documents: docx from templates (:mod:`.docx`), PDF via LibreOffice (:mod:`.pdf`).

``from baocao.render import render_docx, to_pdf`` is the usual entry point; the submodules are
imported on first use so that ``import baocao.render`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from baocao.lazy_exports import lazy_exports

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


__getattr__, __dir__ = lazy_exports(__name__, _WHERE)
