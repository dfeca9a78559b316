"""A table as a value of a template context: ``{{p a.table }}`` alone in a paragraph becomes the table.

A plan's appendix tables have their own columns, so they cannot be drawn once in the template; the
context carries them as :class:`DocTable` values, which the renderer turns into table XML written with
python-docx in the template being rendered (as :class:`~baocao.render.docx.Image` becomes a picture),
so the table takes that template's appendix styles (:mod:`baocao.docx.tables`). docxtpl puts it in
place of the ``{{p …}}`` paragraph, as it does for its own subdocuments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from baocao.docx.tables import TableRow, add_data_table
from baocao.errors import TemplateError


@dataclass(frozen=True)
class DocTable:
    """Column headers and widths (mm), then the rows; a group row holds (Stt, title)."""

    headers: tuple[str, ...]
    widths_mm: tuple[float, ...]
    rows: tuple[TableRow, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> DocTable:
        """From plain data: ``{"columns": [{"header", "width_mm"}], "rows": [{"group", "stt", "cells"}]}``."""
        columns = data["columns"]
        rows = tuple(TableRow((r["stt"], *r["cells"]) if r["group"] else tuple(r["cells"]), bool(r["group"]))
                     for r in data["rows"])
        return cls(tuple(c["header"] for c in columns), tuple(float(c["width_mm"]) for c in columns), rows)

    def subdoc(self, tpl: Any) -> Any:
        """The table's XML, written in *tpl*'s document (its styles) and taken out again, ready for ``{{p …}}``."""
        from lxml import etree
        from markupsafe import Markup

        n = len(self.headers)
        bad = [i for i, r in enumerate(self.rows, start=1) if not r.group and len(r.cells) != n]
        if bad or len(self.widths_mm) != n:
            raise TemplateError(f"Bảng có {n} cột nhưng dòng {bad[0] if bad else 'tiêu đề'} có số ô khác.")
        tbl = add_data_table(tpl.get_docx(), self.widths_mm, self.headers, self.rows)._tbl
        tbl.getparent().remove(tbl)
        return Markup(etree.tostring(tbl, encoding="unicode"))
