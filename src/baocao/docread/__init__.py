"""Reading any Word document (.docx) — baocao's own or one a clerk typed — into what it says and where.

Layers, each using only the ones above it:

* :mod:`.wordxml` — named readers of raw WordprocessingML (the only ``qn()`` calls);
* :mod:`.styles` — :class:`StyleResolver`: effective formatting through styles and defaults;
* :mod:`.numbering` — Word's list numbering counted as Word draws it ("I.", "1.1.", "a)", "-");
* :mod:`.blocks` — :func:`read_blocks`: numbered paragraphs (tabs, manual breaks, list labels) and
  tables on their grid (merged cells resolved); :func:`open_docx` refuses a file that is not a
  readable .docx with a Vietnamese message;
* :mod:`.places` — :class:`Place` (paragraph or table cell, and the heading it sits under), :class:`Line`;
* :mod:`.header` — the header (agency, number, motto, place and date) from a table or tabbed paragraphs;
* :mod:`.tables` — tables read by the words of their header cells (:func:`read_table`, :class:`RoleTable`);
* :mod:`.outline` — :func:`read_outline`: header, type line and summary, "Kính gửi", the body's
  headings and items with their heading path, "Nơi nhận" and signer, appendices and their tables, and
  the document a decision issues (printed after its signature) as an outline of its own.
  Every text keeps its :class:`Place`.

No plan file and no template are needed: the checks (:mod:`baocao.checks`) and the plan import read
documents through this package. Names are imported on first use.
"""

from __future__ import annotations

from baocao.lazy_exports import lazy_exports

__all__ = ["read_blocks", "open_docx", "WordDocument", "Paragraph", "Table", "Cell", "read_outline",
           "Outline", "Header", "Item", "Appendix", "RoleTable", "Row", "read_table", "Line", "Place",
           "parse_label"]

__getattr__, __dir__ = lazy_exports(__name__, {
    **dict.fromkeys(["read_blocks", "open_docx", "WordDocument", "Paragraph", "Table", "Cell"],
                    "baocao.docread.blocks"),
    **dict.fromkeys(["read_outline", "Outline", "Item", "Appendix", "parse_label"], "baocao.docread.outline"),
    **dict.fromkeys(["Line", "Place"], "baocao.docread.places"),
    "Header": "baocao.docread.header",
    **dict.fromkeys(["RoleTable", "Row", "read_table"], "baocao.docread.tables"),
})
