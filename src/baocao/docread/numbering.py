"""Word's list numbering, drawn as a reader sees it: "I.", "1.", "1.2.", "a)", "-".

A clerk who numbers headings with Word's list button types no "1." at all: the number lives in
``numbering.xml`` and Word counts it at display time. :class:`ListCounter` does that counting, in
document order, for the paragraphs that carry a ``w:numPr`` (directly or through their style), so
the reader sees the same labels as the clerk.
"""

from __future__ import annotations

from typing import Any

from baocao.vnformat import roman

from . import wordxml as wx
from .styles import StyleResolver

#: A bullet is drawn as "+" when its character is a plus (LibreOffice writes it as the Symbol font's
#: U+F02B); every other bullet (•, –, Symbol and Wingdings marks) reads as the dash a Vietnamese
#: document types.
_PLUS = "+"
_PLUSES = (_PLUS, "\uf02b")


def _letters(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class ListCounter:
    """Counts Word's list numbers through one document; call :meth:`label` on each body paragraph in order."""

    def __init__(self, document: Any, styles: StyleResolver) -> None:
        self.styles = styles
        root = None
        for rel in document.part.rels.values():
            if rel.reltype.endswith("/numbering") and not rel.is_external:
                root = rel.target_part.element
        self.abstract = wx.abstract_levels(root) if root is not None else {}
        self.instances = wx.numbering_instances(root) if root is not None else {}
        self.counters: dict[str, dict[int, int]] = {}

    def _numbering(self, p: Any) -> tuple[str, int] | None:
        own = wx.numbering(wx.paragraph_properties(p))
        if own is not None and own[0]:
            return own
        for style in self.styles.chain(self.styles.pstyle_id(p)):
            found = wx.numbering(wx.paragraph_properties(style))
            if found is not None and found[0]:
                return found[0], own[1] if own is not None else found[1]
        return None

    def label(self, p: Any) -> str:
        """The label Word draws before paragraph ``p`` ("1.", "a)", "-"), or "" when it has none."""
        found = self._numbering(p)
        if found is None or found[0] == "0" or found[0] not in self.instances:
            return ""
        num_id, ilvl = found
        abstract_id, overrides = self.instances[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        fmt, text, _start = levels[ilvl]
        if fmt == "bullet":
            return _PLUS if text.strip() in _PLUSES else "-"
        counts = self.counters.setdefault(num_id, {})
        start = overrides.get(ilvl, levels[ilvl][2])
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else start
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        out = text
        for k in range(ilvl, -1, -1):
            lvl_fmt, _t, lvl_start = levels.get(k, ("decimal", "", 1))
            out = out.replace(f"%{k + 1}", _format(counts.get(k, overrides.get(k, lvl_start)), lvl_fmt))
        return out.strip()
