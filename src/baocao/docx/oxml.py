"""Every raw-OOXML trick baocao needs, behind named functions.

Over 500 lines on purpose: one file is the one place a reader looks for raw XML, writer beside reader.

python-docx has no API for a repeated table header row, rows that must not split, a PAGE field,
the East-Asian / complex-script font slots, a "different first page" flag on its own, paragraph
borders (the short rules of Decree 30), fixed table grids that LibreOffice honours, or page
numbering that restarts in a section. Each of those lives here, writes schema-ordered XML, and has
a matching reader used by the layout checks (:mod:`baocao.checks`).

Units: OOXML lengths are twips (1/20 pt; 1 mm = 56.7 twips) unless a name says otherwise; font
sizes in ``w:sz`` are half-points; border widths in ``w:sz`` are eighths of a point.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

TIMES_NEW_ROMAN = "Times New Roman"

#: The four font slots of ``w:rFonts``. Word draws Vietnamese letters outside ASCII (ắ, ự, Đ)
#: with the ``hAnsi`` font, so setting only ``ascii`` (python-docx ``font.name`` does both ascii
#: and hAnsi, never eastAsia/cs) is not enough for every editor.
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_SLOTS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")

# Child order required by the schema (Word refuses some out-of-order files).
_PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
)
_RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color",
    "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
    "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)
_TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
)
_TCPR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark",
)
_SECTPR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)
_TRPR_ORDER = (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
    "tblHeader", "tblCellSpacing", "jc", "hidden",
)
_BORDER_SIDES_PARA = ("top", "left", "bottom", "right", "between", "bar")
_BORDER_SIDES_TABLE = ("top", "left", "bottom", "right", "insideH", "insideV")


# --------------------------------------------------------------------------- units


def mm_to_twips(mm: float) -> int:
    """Millimetres to twips (1 mm = 1440 / 25.4 twips), rounded."""
    return round(mm * 1440 / 25.4)


def twips_to_mm(twips: float) -> float:
    """Twips to millimetres."""
    return twips * 25.4 / 1440


# --------------------------------------------------------------------------- generic helpers


def _el(tag: str, **attrs: Any) -> Any:
    """New ``w:`` element with ``w:`` attributes (``None`` values are skipped)."""
    el = OxmlElement(tag if ":" in tag else f"w:{tag}")
    for key, value in attrs.items():
        if value is not None:
            el.set(qn(f"w:{key}"), str(value))
    return el


def _place(parent: Any, child: Any, order: Sequence[str]) -> Any:
    """Insert ``child`` into ``parent`` at its schema position, replacing a same-tag child."""
    local = child.tag.rsplit("}", 1)[-1]
    for old in parent.findall(qn(f"w:{local}")):
        parent.remove(old)
    try:
        later = order[order.index(local) + 1:]
    except ValueError:
        parent.append(child)
        return child
    for el in parent:
        if el.tag.rsplit("}", 1)[-1] in later:
            el.addprevious(child)
            return child
    parent.append(child)
    return child


def _get_or_place(parent: Any, local: str, order: Sequence[str]) -> Any:
    found = parent.find(qn(f"w:{local}"))
    return found if found is not None else _place(parent, _el(local), order)


def _element(obj: Any) -> Any:
    """The lxml element behind a python-docx proxy (paragraph, run, table, row, cell, style)."""
    for attr in ("_p", "_r", "_tbl", "_tr", "_tc", "_element"):
        el = getattr(obj, attr, None)
        if el is not None:
            return el
    return obj


def _ppr(paragraph: Any) -> Any:
    """``w:pPr`` of a paragraph, a paragraph style, or an existing ``w:pPr`` element."""
    el = _element(paragraph)
    if el.tag == qn("w:pPr"):
        return el
    return el.get_or_add_pPr()


def _rpr_of(obj: Any) -> Any:
    """``w:rPr`` of a run, a style, or an existing ``w:rPr`` element."""
    el = _element(obj)
    if el.tag == qn("w:rPr"):
        return el
    return el.get_or_add_rPr()


def iter_local(el: Any, local: str) -> Iterable[Any]:
    """All descendants named ``w:<local>``."""
    return el.iter(qn(f"w:{local}"))


# --------------------------------------------------------------------------- fonts


def set_rfonts(obj: Any, name: str = TIMES_NEW_ROMAN) -> Any:
    """Set ``w:rFonts`` ascii/hAnsi/eastAsia/cs to ``name`` and drop theme-font overrides.

    ``obj`` is a run, a style, or a ``w:rPr`` element. Theme attributes win over explicit ones in
    Word, so they are removed.
    """
    rpr = _rpr_of(obj)
    rfonts = _get_or_place(rpr, "rFonts", _RPR_ORDER)
    for slot in _THEME_SLOTS:
        rfonts.attrib.pop(qn(f"w:{slot}"), None)
    for slot in FONT_SLOTS:
        rfonts.set(qn(f"w:{slot}"), name)
    return rfonts


def set_rpr(obj: Any, *, size_pt: float | None = None, bold: bool | None = None,
            italic: bool | None = None, caps: bool | None = None, lang: str | None = None,
            color: str | None = None) -> Any:
    """Set size (pt), bold, italic, caps, language and colour on a run / style / rPr, in order."""
    rpr = _rpr_of(obj)
    for local, value in (("b", bold), ("bCs", bold), ("i", italic), ("iCs", italic), ("caps", caps)):
        if value is not None:
            _place(rpr, _el(local, val=None if value else "0"), _RPR_ORDER)
    if color is not None:
        _place(rpr, _el("color", val=color), _RPR_ORDER)
    if size_pt is not None:
        half = round(size_pt * 2)
        _place(rpr, _el("sz", val=half), _RPR_ORDER)
        _place(rpr, _el("szCs", val=half), _RPR_ORDER)
    if lang is not None:
        _place(rpr, _el("lang", val=lang, eastAsia=lang, bidi="ar-SA"), _RPR_ORDER)
    return rpr


def set_paragraph_mark(paragraph: Any, *, size_pt: float) -> None:
    """Size of the paragraph mark (pilcrow): the height of an empty paragraph, e.g. a rule line."""
    ppr = _ppr(paragraph)
    rpr = _get_or_place(ppr, "rPr", _PPR_ORDER)
    set_rfonts(rpr)
    set_rpr(rpr, size_pt=size_pt)


def set_doc_defaults(document: Any, *, font: str = TIMES_NEW_ROMAN, size_pt: float = 14,
                     lang: str = "vi-VN") -> None:
    """Document-wide defaults (``w:docDefaults``): font in all four slots, size, language, no spacing."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _el("docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = _el("rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = _el("rPr")
        rpr_default.append(rpr)
    set_rfonts(rpr, font)
    set_rpr(rpr, size_pt=size_pt, lang=lang)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = _el("pPrDefault")
        defaults.append(ppr_default)
    for old in list(ppr_default):
        ppr_default.remove(old)
    ppr = _el("pPr")
    ppr.append(_el("spacing", before=0, after=0, line=240, lineRule="auto"))
    ppr_default.append(ppr)


def set_theme_fonts(document: Any, font: str = TIMES_NEW_ROMAN) -> None:
    """Point the theme's major and minor Latin fonts at ``font``.

    Built-in styles a clerk may add later in Word (Heading 1, Title…) use theme fonts; with this
    they come out in Times New Roman too.
    """
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme") and not rel.is_external:
            part = rel.target_part
            root = etree.fromstring(part.blob)
            ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
            for latin in root.xpath("//a:fontScheme/*/a:latin", namespaces=ns):
                latin.set("typeface", font)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------- paragraphs


def set_paragraph_border(paragraph: Any, side: str = "bottom", *, size_eighths: int = 6,
                         space_pt: int = 1, color: str = "000000", style: str = "single") -> None:
    """A solid line on one side of a paragraph; its length is the text width minus the indents.

    Decree 30's short rules (under the issuing agency, the motto, the subject) are drawn this way,
    never with underscore characters: an empty, 1 pt paragraph whose left/right indents set the
    line length, centred under the text.
    """
    if side not in _BORDER_SIDES_PARA:
        raise ValueError(side)
    ppr = _ppr(paragraph)
    pbdr = _get_or_place(ppr, "pBdr", _PPR_ORDER)
    _place(pbdr, _el(side, val=style, sz=size_eighths, space=space_pt, color=color),
           _BORDER_SIDES_PARA)


def set_paragraph_box(paragraph: Any, *, size_eighths: int = 8, space_pt: int = 2) -> None:
    """A single-line box around a paragraph (e.g. the "DỰ THẢO" mark)."""
    for side in ("top", "left", "bottom", "right"):
        set_paragraph_border(paragraph, side, size_eighths=size_eighths, space_pt=space_pt)


def paragraph_border(p_el: Any, side: str = "bottom") -> Any | None:
    """The ``w:pBdr/w:<side>`` element of a paragraph element, or ``None`` (direct formatting only)."""
    ppr = p_el.find(qn("w:pPr"))
    if ppr is None:
        return None
    pbdr = ppr.find(qn("w:pBdr"))
    return None if pbdr is None else pbdr.find(qn(f"w:{side}"))


# --------------------------------------------------------------------------- fields


def add_page_field(paragraph: Any, *, size_pt: float | None = None,
                   font: str = TIMES_NEW_ROMAN) -> None:
    """Append a PAGE field (begin / instrText / separate / cached "1" / end) to a paragraph."""
    p = _element(paragraph)

    def run(child: Any) -> Any:
        r = _el("r")
        rpr = _el("rPr")
        r.append(rpr)
        set_rfonts(rpr, font)
        if size_pt is not None:
            set_rpr(rpr, size_pt=size_pt)
        r.append(child)
        p.append(r)
        return r

    run(_el("fldChar", fldCharType="begin"))
    instr = _el("instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = " PAGE "
    run(instr)
    run(_el("fldChar", fldCharType="separate"))
    cached = _el("t")
    cached.text = "1"
    run(cached)
    run(_el("fldChar", fldCharType="end"))


def has_page_field(el: Any) -> bool:
    """True when ``el`` (a header part element, paragraph…) contains a PAGE field."""
    for instr in iter_local(el, "instrText"):
        if (instr.text or "").split()[:1] == ["PAGE"]:
            return True
    for simple in iter_local(el, "fldSimple"):
        if (simple.get(qn("w:instr")) or "").split()[:1] == ["PAGE"]:
            return True
    return False


# --------------------------------------------------------------------------- tables


def _set_flag(parent: Any, local: str, on: bool, order: Sequence[str]) -> None:
    """Add the on/off property ``w:<local>`` to *parent* in schema order, or remove every copy of it."""
    if on:
        _place(parent, _el(local), order)
    else:
        for el in parent.findall(qn(f"w:{local}")):
            parent.remove(el)


def set_repeat_header(row: Any, on: bool = True) -> None:
    """Mark a table row as a header row repeated at the top of every page (``w:tblHeader``)."""
    _set_flag(_element(row).get_or_add_trPr(), "tblHeader", on, _TRPR_ORDER)


def set_cant_split(row: Any, on: bool = True) -> None:
    """Forbid a table row from breaking across pages (``w:cantSplit``)."""
    _set_flag(_element(row).get_or_add_trPr(), "cantSplit", on, _TRPR_ORDER)


def _on_off(el: Any | None) -> bool:
    if el is None:
        return False
    return el.get(qn("w:val"), "true") not in ("0", "false", "off")


def row_repeats_header(tr: Any) -> bool:
    """True when a ``w:tr`` element carries ``w:tblHeader``."""
    trpr = tr.find(qn("w:trPr"))
    return trpr is not None and _on_off(trpr.find(qn("w:tblHeader")))


def row_cant_split(tr: Any) -> bool:
    """True when a ``w:tr`` element carries ``w:cantSplit``."""
    trpr = tr.find(qn("w:trPr"))
    return trpr is not None and _on_off(trpr.find(qn("w:cantSplit")))


def _tblpr(table: Any) -> Any:
    return _element(table).tblPr


def set_table_grid(table: Any, widths_twips: Sequence[int], *, indent_twips: int = 0) -> None:
    """Fix column widths in ``w:tblGrid`` *and* every ``w:tcW``, set ``w:tblW``, layout fixed.

    LibreOffice lays a table out from ``w:tblGrid``; Word mostly from ``w:tcW``. python-docx's
    ``cell.width`` writes only tcW, so LibreOffice makes every column equal unless the grid is
    written too. Cells spanning several grid columns (``w:gridSpan``) get the sum of the widths.
    """
    tbl = _element(table)
    tblpr = tbl.tblPr
    total = sum(widths_twips)
    _place(tblpr, _el("tblW", w=total, type="dxa"), _TBLPR_ORDER)
    _place(tblpr, _el("tblLayout", type="fixed"), _TBLPR_ORDER)
    if indent_twips:
        _place(tblpr, _el("tblInd", w=indent_twips, type="dxa"), _TBLPR_ORDER)
    grid = tbl.find(qn("w:tblGrid"))
    for col in list(grid):
        grid.remove(col)
    for w in widths_twips:
        grid.append(_el("gridCol", w=w))
    for tr in tbl.iter(qn("w:tr")):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            span = grid_span(tc)
            tcpr = tc.get_or_add_tcPr()
            _place(tcpr, _el("tcW", w=sum(widths_twips[col:col + span]), type="dxa"), _TCPR_ORDER)
            col += span


def table_grid(tbl: Any) -> list[int]:
    """Column widths (twips) from ``w:tblGrid`` of a ``w:tbl`` element."""
    grid = tbl.find(qn("w:tblGrid"))
    if grid is None:
        return []
    return [int(c.get(qn("w:w"), "0")) for c in grid.findall(qn("w:gridCol"))]


def set_table_borders(table: Any, *, style: str = "nil", size_eighths: int = 4) -> None:
    """All six table borders to ``style``: ``"nil"`` (borderless header/signature) or ``"single"``."""
    tblpr = _tblpr(table)
    borders = _el("tblBorders")
    for side in _BORDER_SIDES_TABLE:
        if style in ("nil", "none"):
            borders.append(_el(side, val="nil"))
        else:
            borders.append(_el(side, val=style, sz=size_eighths, space=0, color="000000"))
    _place(tblpr, borders, _TBLPR_ORDER)


def table_has_visible_borders(tbl: Any) -> bool:
    """True when a ``w:tbl`` (its tblPr or any cell) draws a line; table styles are not followed."""
    def visible(container: Any | None) -> bool:
        if container is None:
            return False
        return any((b.get(qn("w:val")) or "nil") not in ("nil", "none") for b in container)

    tblpr = tbl.find(qn("w:tblPr"))
    if tblpr is not None and visible(tblpr.find(qn("w:tblBorders"))):
        return True
    for tcpr in tbl.iter(qn("w:tcPr")):
        if visible(tcpr.find(qn("w:tcBorders"))):
            return True
    return False


def set_table_cell_margins(table: Any, *, left: int = 0, right: int = 0, top: int = 0,
                           bottom: int = 0) -> None:
    """Default cell padding of a table in twips (Word's default is 108 left/right = 1.9 mm)."""
    mar = _el("tblCellMar")
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        mar.append(_el(side, w=value, type="dxa"))
    _place(_tblpr(table), mar, _TBLPR_ORDER)


def set_table_style_none(table: Any) -> None:
    """Remove ``w:tblStyle`` so no table style (borders, shading) applies."""
    tblpr = _tblpr(table)
    for el in tblpr.findall(qn("w:tblStyle")):
        tblpr.remove(el)


def set_table_look_none(table: Any) -> None:
    """``w:tblLook`` with no conditional formatting (first row, banding…)."""
    _place(_tblpr(table), _el("tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0,
                              lastColumn=0, noHBand=1, noVBand=1), _TBLPR_ORDER)


def set_cell_span(cell: Any, span: int) -> None:
    """Make a cell cover ``span`` grid columns (``w:gridSpan``), for a row with fewer cells."""
    tcpr = _element(cell).get_or_add_tcPr()
    if span > 1:
        _place(tcpr, _el("gridSpan", val=span), _TCPR_ORDER)


def grid_span(tc: Any) -> int:
    """Number of grid columns a ``w:tc`` covers."""
    tcpr = tc.find(qn("w:tcPr"))
    span = None if tcpr is None else tcpr.find(qn("w:gridSpan"))
    return 1 if span is None else int(span.get(qn("w:val"), "1"))


def set_cell_valign(cell: Any, value: str = "center") -> None:
    """Vertical alignment of a cell: ``top``, ``center`` or ``bottom``."""
    _place(_element(cell).get_or_add_tcPr(), _el("vAlign", val=value), _TCPR_ORDER)


# --------------------------------------------------------------------------- sections

A4_SHORT, A4_LONG = 11906, 16838  # twips


def _sectpr(section: Any) -> Any:
    """The ``w:sectPr`` of a python-docx Section, or the element itself."""
    return section._sectPr if hasattr(section, "_sectPr") else section


def set_page(section: Any, *, landscape: bool = False, top_mm: float = 20, bottom_mm: float = 20,
             left_mm: float = 30, right_mm: float = 15, header_mm: float = 10,
             footer_mm: float = 10) -> None:
    """A4 page in portrait or landscape (``w:pgSz`` with ``w:orient``) and Decree 30 margins."""
    sect = _sectpr(section)
    if landscape:
        pgsz = _el("pgSz", w=A4_LONG, h=A4_SHORT, orient="landscape")
    else:
        pgsz = _el("pgSz", w=A4_SHORT, h=A4_LONG)
    _place(sect, pgsz, _SECTPR_ORDER)
    _place(sect, _el("pgMar", top=mm_to_twips(top_mm), right=mm_to_twips(right_mm),
                     bottom=mm_to_twips(bottom_mm), left=mm_to_twips(left_mm),
                     header=mm_to_twips(header_mm), footer=mm_to_twips(footer_mm), gutter=0),
           _SECTPR_ORDER)


def set_title_page(section: Any, on: bool = True) -> None:
    """"Different first page" (``w:titlePg``): page 1 uses the (empty) first-page header."""
    _set_flag(_sectpr(section), "titlePg", on, _SECTPR_ORDER)


def set_page_number_start(section: Any, start: int = 1, fmt: str = "decimal") -> None:
    """Restart page numbering at ``start`` in this section (``w:pgNumType``)."""
    _place(_sectpr(section), _el("pgNumType", fmt=fmt, start=start), _SECTPR_ORDER)


def section_info(sect: Any) -> dict[str, Any]:
    """Page size, orientation, margins (twips), titlePg and pgNumType start of a ``w:sectPr``."""
    pgsz = sect.find(qn("w:pgSz"))
    pgmar = sect.find(qn("w:pgMar"))
    pgnum = sect.find(qn("w:pgNumType"))

    def num(el: Any | None, attr: str) -> int | None:
        if el is None or el.get(qn(f"w:{attr}")) is None:
            return None
        return int(float(el.get(qn(f"w:{attr}"))))

    width, height = num(pgsz, "w"), num(pgsz, "h")
    orient = pgsz.get(qn("w:orient")) if pgsz is not None else None
    landscape = orient == "landscape" or (width is not None and height is not None and width > height)
    return {
        "width": width, "height": height, "landscape": landscape, "orient": orient,
        "top": num(pgmar, "top"), "bottom": num(pgmar, "bottom"), "left": num(pgmar, "left"),
        "right": num(pgmar, "right"), "header": num(pgmar, "header"),
        "title_page": _on_off(sect.find(qn("w:titlePg"))),
        "page_start": num(pgnum, "start"),
        "header_refs": {ref.get(qn("w:type")): ref.get(qn("r:id"))
                        for ref in sect.findall(qn("w:headerReference"))},
    }


# --------------------------------------------------------------------------- emphasis


def set_shading(obj: Any, fill: str = "FFFF00") -> Any:
    """Background shading (``w:shd``, a hex fill such as ``FFFF00``) on a run / style / rPr.

    Used for placeholders that must catch the eye before signing ("[CHƯA CÓ NỘI DUNG …]"). Unlike
    ``w:highlight``, which Word's schema does not allow in a style, shading is valid everywhere.
    """
    rpr = _rpr_of(obj)
    return _place(rpr, _el("shd", val="clear", color="auto", fill=fill), _RPR_ORDER)


def run_shading(rpr: Any | None) -> str | None:
    """The ``w:shd`` fill colour of an ``w:rPr`` element, or ``None``."""
    el = None if rpr is None else rpr.find(qn("w:shd"))
    return None if el is None else el.get(qn("w:fill"))
