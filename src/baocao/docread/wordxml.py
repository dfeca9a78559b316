"""Named readers of raw WordprocessingML (the XML inside a .docx), for the document reader and the checks.

Reading a document needs what python-docx does not offer: text and runs of any element, tabs and
manual line breaks, Word's list numbering, merged table cells, section breaks inside paragraphs,
style chains and document defaults, on/off properties, theme fonts. Every ``qn()`` lookup of
:mod:`baocao.docread` and :mod:`baocao.checks` lives here, so the readers and the rules say "runs of
this paragraph" and never spell XML. Readers that pair with a writer (paragraph borders, PAGE fields,
table grids, section figures, repeated header rows) stay beside their writer in
:mod:`baocao.docx.oxml`.

Arguments are lxml elements (``w:p``, ``w:r``, ``w:tbl``, ``w:style``…) unless a name says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn

from baocao.docx import oxml as ox

_P, _T, _R, _TBL, _TR, _TC = qn("w:p"), qn("w:t"), qn("w:r"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_PPR, _RPR, _SECTPR, _VAL = qn("w:pPr"), qn("w:rPr"), qn("w:sectPr"), qn("w:val")
_TBLPR, _TBLBORDERS = qn("w:tblPr"), qn("w:tblBorders")
_SDT, _SDT_CONTENT, _TCPR, _NUMPR = qn("w:sdt"), qn("w:sdtContent"), qn("w:tcPr"), qn("w:numPr")
#: What a run child shows: its text, a tab or a line break (``w:br`` of any kind, ``w:cr``).
_RUN_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
             qn("w:noBreakHyphen"): "-", qn("w:softHyphen"): ""}
_REMOVED = (qn("w:del"), qn("w:moveFrom"))  # tracked deletions: not shown once changes are accepted
_FONT_ATTRS = {slot: (qn(f"w:{theme}"), qn(f"w:{slot}")) for slot, theme in
               (("ascii", "asciiTheme"), ("hAnsi", "hAnsiTheme"), ("eastAsia", "eastAsiaTheme"),
                ("cs", "cstheme"))}
_DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main"
_VML_LINE = "{urn:schemas-microsoft-com:vml}line"


# --------------------------------------------------------------------------- blocks and text


def is_paragraph(el: Any) -> bool:
    """True for a ``w:p``."""
    return el.tag == _P


def is_table(el: Any) -> bool:
    """True for a ``w:tbl``."""
    return el.tag == _TBL


def is_section_properties(el: Any) -> bool:
    """True for the ``w:sectPr`` that closes a document body."""
    return el.tag == _SECTPR


_BREAKS = (qn("w:br"), qn("w:cr"))


def text(el: Any) -> str:
    """Every ``w:t`` under ``el`` joined, as written (no normalisation); a line break reads as "\n", so
    "ỦY BAN NHÂN DÂN" / "TỈNH NGHỆ AN" on two lines of one paragraph does not read as one word."""
    return "".join("\n" if e.tag in _BREAKS else (e.text or "") for e in el.iter(_T, *_BREAKS))


def shown_text(p: Any) -> str:
    """A paragraph's text as Word shows it: tabs as ``\\t``, manual line breaks as ``\\n``, deleted
    text (tracked changes) left out, inserted text kept; no normalisation."""
    out: list[str] = []
    for r in p.iter(_R):
        if r.getparent().tag in _REMOVED:
            continue
        for child in r:
            if child.tag in _RUN_TEXT:
                shown = _RUN_TEXT[child.tag]
                out.append((child.text or "") if shown is None else shown)
    return "".join(out)


def body_blocks(body: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body (or a cell) in order, content controls opened."""
    for child in body:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from body_blocks(content)


def paragraphs(el: Any) -> Iterator[Any]:
    """Every paragraph under ``el``, nested tables included, in document order."""
    return el.iter(_P)


def first_paragraph(el: Any) -> Any | None:
    """The first paragraph under ``el`` (a table's first cell), or ``None``."""
    return el.find(".//" + _P)


def text_runs(p: Any) -> list[Any]:
    """The runs of a paragraph that carry text (empty runs and bare field codes left out)."""
    return [r for r in p.iter(_R) if any((t.text or "") for t in r.findall(_T))]


def text_or_field_runs(p: Any) -> list[Any]:
    """The runs of a paragraph that carry text or a field character (a PAGE field's runs)."""
    return [r for r in p.iter(_R) if r.find(_T) is not None or r.find(qn("w:fldChar")) is not None]


def has_drawn_line(p: Any) -> bool:
    """True when a paragraph holds a drawing or a VML line (a rule drawn as a shape)."""
    return p.find(".//" + qn("w:drawing")) is not None or p.find(".//" + _VML_LINE) is not None


# --------------------------------------------------------------------------- sections and tables


def section_break(p: Any) -> Any | None:
    """The ``w:sectPr`` a paragraph carries when it ends a section, or ``None``."""
    return p.find(_PPR + "/" + _SECTPR) if is_paragraph(p) else None


def final_section(body: Any) -> Any | None:
    """The ``w:sectPr`` of the last section, a direct child of ``w:body``."""
    return body.find(_SECTPR)


def grid_column_count(tbl: Any) -> int:
    """Number of ``w:gridCol`` in a table's grid."""
    return len(tbl.findall(qn("w:tblGrid") + "/" + qn("w:gridCol")))


def rows(tbl: Any) -> list[Any]:
    """The rows (``w:tr``) of a table, nested tables left out."""
    return tbl.findall(_TR)


def cells(tr: Any) -> list[Any]:
    """The cells (``w:tc``) of a row, content controls opened."""
    out: list[Any] = []
    for child in tr:
        if child.tag == _TC:
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            out.extend(content.findall(_TC) if content is not None else [])
    return out


def grid_before(tr: Any) -> int:
    """Grid columns skipped before a row's first cell (``w:trPr/w:gridBefore``)."""
    trpr = tr.find(qn("w:trPr"))
    value = None if trpr is None else child_attr(trpr, "gridBefore", "val")
    return int(value) if value else 0


def vertical_merge(tc: Any) -> str | None:
    """``"restart"`` for the first cell of a vertical merge, ``"continue"`` for the cells under it,
    ``None`` for a cell not merged vertically."""
    tcpr = tc.find(_TCPR)
    merge = None if tcpr is None else tcpr.find(qn("w:vMerge"))
    if merge is None:
        return None
    return merge.get(_VAL) or "continue"


def cell_paragraphs(tc: Any) -> list[Any]:
    """The paragraphs of a cell in order, nested tables left out."""
    return [b for b in body_blocks(tc) if is_paragraph(b)]


def column_paragraphs(tbl: Any, col: int) -> list[Any]:
    """Paragraphs of grid column ``col`` in every row of a table (nested tables skipped)."""
    out: list[Any] = []
    for tr in tbl.findall(_TR):
        pos = 0
        for tc in tr.findall(_TC):
            if pos == col:
                out.extend(tc.findall(_P))
            pos += ox.grid_span(tc)
    return out


def table_style_id(tbl: Any) -> str | None:
    """The table style a table names (``w:tblStyle``), or ``None``."""
    tblpr = tbl.find(_TBLPR)
    style = None if tblpr is None else tblpr.find(qn("w:tblStyle"))
    return None if style is None else style.get(_VAL)


def has_own_borders(tbl: Any) -> bool:
    """True when a table declares its borders itself (``w:tblPr/w:tblBorders``), visible or not."""
    tblpr = tbl.find(_TBLPR)
    return tblpr is not None and tblpr.find(_TBLBORDERS) is not None


def style_table_borders(style: Any) -> Any | None:
    """The ``w:tblBorders`` of a table style, or ``None``."""
    return style.find(_TBLPR + "/" + _TBLBORDERS)


def any_border_drawn(borders: Any) -> bool:
    """True when one side of a ``w:tblBorders`` is drawn (not ``nil`` or ``none``)."""
    return any((b.get(_VAL) or "nil") not in ("nil", "none") for b in borders)


# --------------------------------------------------------------------------- properties


def paragraph_properties(p: Any) -> Any | None:
    """A paragraph's or style's ``w:pPr``, or ``None``."""
    return p.find(_PPR)


def run_properties(el: Any) -> Any | None:
    """A run's or style's ``w:rPr``, or ``None``."""
    return el.find(_RPR)


def paragraph_style_id(p: Any) -> str | None:
    """The style a paragraph names directly (``w:pStyle``), or ``None``."""
    ppr = p.find(_PPR)
    ps = None if ppr is None else ppr.find(qn("w:pStyle"))
    return None if ps is None else ps.get(_VAL)


def run_style_id(rpr: Any) -> str | None:
    """The character style an ``w:rPr`` names (``w:rStyle``), or ``None``."""
    rs = rpr.find(qn("w:rStyle"))
    return None if rs is None else rs.get(_VAL)


def _on(el: Any | None) -> bool | None:
    """An on/off property: ``None`` when absent (inherit), else its value (no ``w:val`` = on)."""
    if el is None:
        return None
    return el.get(_VAL, "true") not in ("0", "false", "off")


def bold(rpr: Any) -> bool | None:
    """``w:b`` of an ``w:rPr``: ``None`` when not set there."""
    return _on(rpr.find(qn("w:b")))


def italic(rpr: Any) -> bool | None:
    """``w:i`` of an ``w:rPr``: ``None`` when not set there."""
    return _on(rpr.find(qn("w:i")))


def size_pt(rpr: Any) -> float | None:
    """Font size in points from ``w:sz`` (half-points) of an ``w:rPr``, or ``None``."""
    sz = rpr.find(qn("w:sz"))
    if sz is None or sz.get(_VAL) is None:
        return None
    return int(sz.get(_VAL)) / 2


def font(rpr: Any, slot: str) -> tuple[str | None, str | None] | None:
    """``(theme font, font name)`` of one ``w:rFonts`` slot (ascii, hAnsi, eastAsia, cs);
    ``None`` when the ``w:rPr`` has no ``w:rFonts``."""
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        return None
    theme_attr, slot_attr = _FONT_ATTRS[slot]
    return rf.get(theme_attr), rf.get(slot_attr)


def numbering(ppr: Any | None) -> tuple[str, int] | None:
    """``(numId, ilvl)`` of the ``w:numPr`` in a paragraph's or style's ``w:pPr``; ``None`` when absent.
    A missing ``w:numId`` gives ``""`` (the level only, numbered by the style)."""
    numpr = None if ppr is None else ppr.find(_NUMPR)
    if numpr is None:
        return None
    return child_attr(numpr, "numId", "val") or "", int(child_attr(numpr, "ilvl", "val") or 0)


def outline_level(ppr: Any | None) -> int | None:
    """``w:outlineLvl`` of a ``w:pPr`` (0 = first level), or ``None``."""
    value = None if ppr is None else child_attr(ppr, "outlineLvl", "val")
    return int(value) if value is not None and value.isdigit() else None


def style_name(style: Any) -> str:
    """The name of a ``w:style`` ("heading 1", "List Number"), or its id when unnamed."""
    return child_attr(style, "name", "val") or style.get(qn("w:styleId")) or ""


def abstract_levels(numbering_root: Any) -> dict[str, dict[int, tuple[str, str, int]]]:
    """The levels of every ``w:abstractNum`` of a numbering part: abstractNumId → ilvl →
    ``(numFmt, lvlText, start)``."""
    out: dict[str, dict[int, tuple[str, str, int]]] = {}
    for abstract in numbering_root.findall(qn("w:abstractNum")):
        levels: dict[int, tuple[str, str, int]] = {}
        for lvl in abstract.findall(qn("w:lvl")):
            levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                child_attr(lvl, "numFmt", "val") or "decimal", child_attr(lvl, "lvlText", "val") or "",
                int(child_attr(lvl, "start", "val") or 1))
        out[abstract.get(qn("w:abstractNumId"))] = levels
    return out


def numbering_instances(numbering_root: Any) -> dict[str, tuple[str, dict[int, int]]]:
    """Every ``w:num`` of a numbering part: numId → ``(abstractNumId, {ilvl: start override})``."""
    out: dict[str, tuple[str, dict[int, int]]] = {}
    for num in numbering_root.findall(qn("w:num")):
        overrides: dict[int, int] = {}
        for override in num.findall(qn("w:lvlOverride")):
            start = child_attr(override, "startOverride", "val")
            if start is not None:
                overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
        out[num.get(qn("w:numId"))] = (child_attr(num, "abstractNumId", "val") or "", overrides)
    return out


def child_attr(parent: Any, child: str, attr: str) -> str | None:
    """Attribute ``w:<attr>`` of child ``w:<child>`` (``ppr``, "jc", "val"), or ``None``."""
    el = parent.find(qn(f"w:{child}"))
    return None if el is None else el.get(qn(f"w:{attr}"))


# --------------------------------------------------------------------------- styles and theme


def styles_by_id(styles: Any) -> dict[str | None, Any]:
    """The ``w:style`` elements of a styles part, by style id."""
    return {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}


def default_paragraph_style_id(styles: Any) -> str | None:
    """The id of the paragraph style marked default (usually "Normal"), or ``None``."""
    return next((s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))
                 if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")), None)


def document_defaults(styles: Any) -> tuple[Any | None, Any | None]:
    """``(w:rPr, w:pPr)`` of ``w:docDefaults`` in a styles part; either may be ``None``."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return None, None
    return (defaults.find(qn("w:rPrDefault") + "/" + _RPR), defaults.find(qn("w:pPrDefault") + "/" + _PPR))


def based_on(style: Any) -> str | None:
    """The id of the style a style is based on, or ``None``."""
    based = style.find(qn("w:basedOn"))
    return None if based is None else based.get(_VAL)


def theme_fonts(blob: bytes) -> dict[str, str]:
    """Fonts of a theme part by the names ``w:rFonts`` uses: ``{"minorHAnsi": "Times New Roman", …}``."""
    from lxml import etree

    root = etree.fromstring(blob)
    ns = {"a": _DRAWINGML}
    fonts: dict[str, str] = {}
    for kind in ("major", "minor"):
        for script, el_name in (("HAnsi", "latin"), ("EastAsia", "ea"), ("Bidi", "cs")):
            found = root.xpath(f"//a:fontScheme/a:{kind}Font/a:{el_name}/@typeface", namespaces=ns)
            if found and found[0]:
                fonts[f"{kind}{script}"] = found[0]
    return fonts
