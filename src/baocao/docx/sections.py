"""Section breaks of a rendered document.

A template may end each of its parts (the document, an attached document, each appendix) with its
own section break, so that a part left out by a Jinja condition or loop takes its break with it. The
last part's break then leaves an empty final section behind, which Word and LibreOffice print as a
blank page: :func:`fold_empty_last_section` gives the final section properties of that last break
to the body instead.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn


def fold_empty_last_section(body: Any) -> bool:
    """When the body's last paragraph carries a section break (the final section is empty), move that
    break's properties to the body in place of the final ones. Returns True when it did."""
    final = body.find(qn("w:sectPr"))
    blocks = [el for el in body if el.tag in (qn("w:p"), qn("w:tbl"))]
    if final is None or not blocks or blocks[-1].tag != qn("w:p"):
        return False
    ppr = blocks[-1].find(qn("w:pPr"))
    sect = None if ppr is None else ppr.find(qn("w:sectPr"))
    if sect is None:
        return False
    ppr.remove(sect)
    body.replace(final, sect)
    return True
