"""Effective formatting of runs, paragraphs and tables, resolved through Word styles.

Word shows a run bold when its own properties say so, or its character style, or its paragraph
style and the styles that one is ``basedOn``, or the document defaults — the first level that sets
the property wins. :class:`StyleResolver` does the same, simplified (no table-style conditional
formatting, no numbering), and looks theme fonts up in the theme part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from baocao.docx import oxml as ox

from . import wordxml as wx

_UNSET = object()


class StyleResolver:
    """Effective run and paragraph properties of one document (direct → styles → document defaults)."""

    def __init__(self, document: Any) -> None:
        root = document.styles.element
        self.styles = wx.styles_by_id(root)
        self.default_pstyle = wx.default_paragraph_style_id(root)
        self.rpr_default, self.ppr_default = wx.document_defaults(root)
        self.theme: dict[str, str] = {}
        for rel in document.part.rels.values():
            if rel.reltype.endswith("/theme") and not rel.is_external:
                self.theme.update(wx.theme_fonts(rel.target_part.blob))
        self._cache: dict[tuple[str, str | None, str | None], Any] = {}
        self._pstyles: dict[Any, str | None] = {}

    def chain(self, style_id: str | None) -> Iterator[Any]:
        """The style ``style_id``, then the styles it is based on (a loop in the chain is cut)."""
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = wx.based_on(style)

    def pstyle_id(self, p: Any) -> str | None:
        """The paragraph's style, or the default paragraph style when it names none."""
        cached = self._pstyles.get(p, _UNSET)
        if cached is not _UNSET:
            return cached
        value = wx.paragraph_style_id(p)
        if value is None:
            value = self.default_pstyle
        self._pstyles[p] = value  # keeps the element alive, so the key stays valid
        return value

    def run_prop(self, r: Any, p: Any, key: str, getter: Callable[[Any], Any]) -> Any:
        """``getter`` applied to the run's rPr, its character style chain, the paragraph style
        chain and the defaults; the first non-``None`` wins. Style levels are cached per
        (property, character style, paragraph style): a 2,000-row table reads them once."""
        rpr = wx.run_properties(r)
        rstyle = None
        if rpr is not None:
            value = getter(rpr)
            if value is not None:
                return value
            rstyle = wx.run_style_id(rpr)
        pstyle = self.pstyle_id(p)
        cache_key = (key, rstyle, pstyle)
        if cache_key in self._cache:
            return self._cache[cache_key]
        levels = [wx.run_properties(st) for st in self.chain(rstyle)]
        levels += [wx.run_properties(st) for st in self.chain(pstyle)]
        levels.append(self.rpr_default)
        result = None
        for level in levels:
            if level is not None:
                result = getter(level)
                if result is not None:
                    break
        self._cache[cache_key] = result
        return result

    def para_prop(self, p: Any, getter: Callable[[Any], Any]) -> Any:
        """``getter`` applied to the paragraph's pPr, its style chain and the defaults; first non-``None``."""
        levels = [wx.paragraph_properties(p)]
        levels += [wx.paragraph_properties(s) for s in self.chain(self.pstyle_id(p))]
        levels.append(self.ppr_default)
        for ppr in levels:
            if ppr is not None:
                value = getter(ppr)
                if value is not None:
                    return value
        return None

    # effective values -----------------------------------------------------

    def font(self, r: Any, p: Any, slot: str) -> str | None:
        """Font name of one slot (ascii, hAnsi, eastAsia, cs); a theme font by its typeface."""
        def get(rpr: Any) -> str | None:
            found = wx.font(rpr, slot)
            if found is None:
                return None
            theme, name = found
            if theme:
                return self.theme.get(theme, f"(theme {theme})")
            return name

        return self.run_prop(r, p, f"font:{slot}", get)

    def size(self, r: Any, p: Any) -> float:
        """Font size in points (Word's default 10 pt when nothing sets it)."""
        value = self.run_prop(r, p, "size", wx.size_pt)
        return 10.0 if value is None else value

    def bold(self, r: Any, p: Any) -> bool:
        return bool(self.run_prop(r, p, "b", wx.bold))

    def italic(self, r: Any, p: Any) -> bool:
        return bool(self.run_prop(r, p, "i", wx.italic))

    def jc(self, p: Any) -> str:
        """Paragraph alignment (``left``, ``center``, ``both``…)."""
        return self.para_prop(p, lambda ppr: wx.child_attr(ppr, "jc", "val")) or "left"

    def spacing(self, p: Any, attr: str) -> str | None:
        """An attribute of ``w:spacing`` (before, after, line, lineRule) as written."""
        return self.para_prop(p, lambda ppr: wx.child_attr(ppr, "spacing", attr))

    def indent(self, p: Any, attr: str) -> str | None:
        """An attribute of ``w:ind`` (firstLine, hanging…) as written."""
        return self.para_prop(p, lambda ppr: wx.child_attr(ppr, "ind", attr))

    def table_borders_visible(self, tbl: Any) -> bool:
        """True when a table draws a line: its own borders, a cell's, or its table style's."""
        if ox.table_has_visible_borders(tbl):
            return True
        if wx.has_own_borders(tbl):
            return False
        for style in self.chain(wx.table_style_id(tbl)):
            borders = wx.style_table_borders(style)
            if borders is not None:
                return wx.any_border_drawn(borders)
        return False
