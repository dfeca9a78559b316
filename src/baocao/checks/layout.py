"""Check a produced .docx against the layout figures of Decree 30/2020 (Appendix I).

:func:`verify_layout` reads the file with python-docx/lxml (no Word, no LibreOffice) and returns
one :class:`RuleResult` per rule: ``pass``, ``fail``, ``needs_review`` or ``not_applicable``,
with a Vietnamese description and a detail saying where the fault is. It works on a plan
(kế hoạch) with its landscape appendix, on an appendix alone (phụ lục), and on a report (báo cáo,
with "Kính gửi:").

Formatting is resolved the way Word does, simplified: direct run/paragraph properties, then the
character style, the paragraph style and its ``basedOn`` chain, then the document defaults; theme
fonts are looked up in the theme part. The figures checked are in shared docs
"vietnamese-admin-documents" §1 and in docs/templates.md.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from baocao.docx import oxml as ox

__all__ = ["RuleResult", "verify_layout", "format_results", "results_frame", "RESULT_COLUMNS", "PASS", "FAIL",
           "REVIEW", "NA", "STATUS_VI"]

PASS, FAIL, REVIEW, NA = "pass", "fail", "needs_review", "not_applicable"
STATUS_VI = {PASS: "Đạt", FAIL: "Không đạt", REVIEW: "Cần xem lại", NA: "Không áp dụng"}

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TNR = ox.TIMES_NEW_ROMAN

#: Type names (tên loại) and their codes, Decree 30 Appendix III.
TYPE_CODES = {
    "NGHỊ QUYẾT": "NQ", "QUYẾT ĐỊNH": "QĐ", "CHỈ THỊ": "CT", "QUY CHẾ": "QC", "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC", "THÔNG BÁO": "TB", "HƯỚNG DẪN": "HD", "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH", "PHƯƠNG ÁN": "PA", "ĐỀ ÁN": "ĐA", "DỰ ÁN": "DA", "BÁO CÁO": "BC",
    "BIÊN BẢN": "BB", "TỜ TRÌNH": "TTr", "HỢP ĐỒNG": "HĐ", "CÔNG ĐIỆN": "CĐ",
    "BẢN GHI NHỚ": "BGN", "BẢN THỎA THUẬN": "BTT", "GIẤY ỦY QUYỀN": "GUQ", "GIẤY MỜI": "GM",
    "GIẤY GIỚI THIỆU": "GGT", "GIẤY NGHỈ PHÉP": "GNP", "PHIẾU GỬI": "PG", "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
}
_CODES = "|".join(sorted(set(TYPE_CODES.values()), key=len, reverse=True))
_AGENCY = r"[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐ][A-ZĐa-z0-9]*)*"
NUMBER_RE = re.compile(rf"^Số: (0[1-9]|[1-9]\d+)/({_CODES})-({_AGENCY})$")
NUMBER_DRAFT_RE = re.compile(rf"^Số:\s+/({_CODES})-({_AGENCY})$")
CONG_VAN_RE = re.compile(rf"^Số: (0[1-9]|[1-9]\d+)/({_AGENCY})$")
DATE_RE = re.compile(r"^(?P<place>[^,]+), ngày (?P<d>\d+) tháng (?P<m>\d+) năm (?P<y>\d{4})$")
DATE_DRAFT_RE = re.compile(r"^(?P<place>[^,]+), ngày\s+tháng\s+năm (?P<y>\d{4})$")
APPENDIX_HEADING_RE = re.compile(r"^Phụ lục(?: (?P<n>[IVXLC]+|\d+))?$")
KEM_THEO_RE = re.compile(r"số(?P<colon>:?)\s*(?P<num>[0-9]+/[^\s,]+)\s+ngày\s+(?P<d>\d+)\s+tháng\s+"
                         r"(?P<m>\d+)\s+năm\s+(?P<y>\d{4})")
SIGN_PREFIX_RE = re.compile(r"^(TM|Q|KT|TL|TUQ)\.\s")
HEADING_RE = re.compile(r"^([IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")

# ranges in twips (1 mm = 56.7)
MARGIN_RANGES = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
MARGIN_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
TOLERANCE_TWIPS = 6  # rounding of mm to twips


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one layout rule."""

    rule: str
    description: str
    status: str
    detail: str = ""

    @property
    def ok(self) -> bool:
        """True unless the rule failed."""
        return self.status != FAIL

    def __str__(self) -> str:
        detail = f" — {self.detail}" if self.detail else ""
        return f"[{STATUS_VI[self.status]}] {self.rule}: {self.description}{detail}"


# --------------------------------------------------------------------------- text helpers


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


_W_T, _W_R, _W_RPR, _W_PPR = qn("w:t"), qn("w:r"), qn("w:rPr"), qn("w:pPr")
_W_PSTYLE, _W_RSTYLE, _W_VAL, _W_RFONTS = qn("w:pStyle"), qn("w:rStyle"), qn("w:val"), qn("w:rFonts")
_W_B, _W_I, _W_SZ = qn("w:b"), qn("w:i"), qn("w:sz")
_UNSET = object()
_FONT_ATTRS = {slot: (qn(f"w:{theme}"), qn(f"w:{slot}")) for slot, theme in
               (("ascii", "asciiTheme"), ("hAnsi", "hAnsiTheme"), ("eastAsia", "eastAsiaTheme"),
                ("cs", "cstheme"))}


def _text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(_W_T))


def _runs(p: Any) -> list[Any]:
    return [r for r in p.iter(_W_R) if any((t.text or "") for t in r.findall(_W_T))]


def _short(text: str, width: int = 50) -> str:
    text = _norm(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _on(el: Any | None) -> bool | None:
    if el is None:
        return None
    return el.get(qn("w:val"), "true") not in ("0", "false", "off")


# --------------------------------------------------------------------------- formatting resolver


class _Resolver:
    """Effective run and paragraph properties (direct → styles → document defaults)."""

    def __init__(self, document: Any) -> None:
        styles = document.styles.element
        self.styles = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        self.default_pstyle = next(
            (sid for sid, s in self.styles.items()
             if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")),
            None)
        defaults = styles.find(qn("w:docDefaults"))
        self.rpr_default = None if defaults is None else defaults.find(
            qn("w:rPrDefault") + "/" + qn("w:rPr"))
        self.ppr_default = None if defaults is None else defaults.find(
            qn("w:pPrDefault") + "/" + qn("w:pPr"))
        self.theme = self._theme_fonts(document)
        self._cache: dict[tuple[str, str | None, str | None], Any] = {}
        self._pstyles: dict[Any, str | None] = {}

    @staticmethod
    def _theme_fonts(document: Any) -> dict[str, str]:
        from lxml import etree

        fonts: dict[str, str] = {}
        for rel in document.part.rels.values():
            if rel.reltype.endswith("/theme") and not rel.is_external:
                root = etree.fromstring(rel.target_part.blob)
                ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
                for kind in ("major", "minor"):
                    for script, el_name in (("HAnsi", "latin"), ("EastAsia", "ea"), ("Bidi", "cs")):
                        found = root.xpath(f"//a:fontScheme/a:{kind}Font/a:{el_name}/@typeface",
                                           namespaces=ns)
                        if found and found[0]:
                            fonts[f"{kind}{script}"] = found[0]
        return fonts

    def _chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(qn("w:basedOn"))
            style_id = None if based is None else based.get(qn("w:val"))

    def pstyle_id(self, p: Any) -> str | None:
        cached = self._pstyles.get(p, _UNSET)
        if cached is not _UNSET:
            return cached
        ppr = p.find(_W_PPR)
        ps = None if ppr is None else ppr.find(_W_PSTYLE)
        value = ps.get(_W_VAL) if ps is not None else self.default_pstyle
        self._pstyles[p] = value  # keeps the element alive, so the key stays valid
        return value

    def run_prop(self, r: Any, p: Any, key: str, getter: Callable[[Any], Any]) -> Any:
        """``getter`` applied to the run's rPr, its character style chain, the paragraph style
        chain and the defaults; the first non-``None`` wins. Style levels are cached per
        (property, character style, paragraph style): a 2,000-row table reads them once."""
        rpr = r.find(_W_RPR)
        rstyle = None
        if rpr is not None:
            value = getter(rpr)
            if value is not None:
                return value
            rs = rpr.find(_W_RSTYLE)
            rstyle = None if rs is None else rs.get(_W_VAL)
        pstyle = self.pstyle_id(p)
        cache_key = (key, rstyle, pstyle)
        if cache_key in self._cache:
            return self._cache[cache_key]
        levels = [st.find(_W_RPR) for st in self._chain(rstyle)]
        levels += [st.find(_W_RPR) for st in self._chain(pstyle)]
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
        levels = [p.find(qn("w:pPr"))]
        levels += [s.find(qn("w:pPr")) for s in self._chain(self.pstyle_id(p))]
        levels.append(self.ppr_default)
        for ppr in levels:
            if ppr is not None:
                value = getter(ppr)
                if value is not None:
                    return value
        return None

    # getters -------------------------------------------------------------

    def font(self, r: Any, p: Any, slot: str) -> str | None:
        theme_qn, slot_qn = _FONT_ATTRS[slot]

        def get(rpr: Any) -> str | None:
            rf = rpr.find(_W_RFONTS)
            if rf is None:
                return None
            theme = rf.get(theme_qn)
            if theme:
                return self.theme.get(theme, f"(theme {theme})")
            return rf.get(slot_qn)

        return self.run_prop(r, p, f"font:{slot}", get)

    def size(self, r: Any, p: Any) -> float:
        value = self.run_prop(r, p, "size", _size)
        return 10.0 if value is None else value

    def bold(self, r: Any, p: Any) -> bool:
        return bool(self.run_prop(r, p, "b", lambda rpr: _on(rpr.find(_W_B))))

    def italic(self, r: Any, p: Any) -> bool:
        return bool(self.run_prop(r, p, "i", lambda rpr: _on(rpr.find(_W_I))))

    def jc(self, p: Any) -> str:
        value = self.para_prop(p, lambda ppr: _attr(ppr, "jc", "val"))
        return value or "left"

    def spacing(self, p: Any, attr: str) -> str | None:
        return self.para_prop(p, lambda ppr: _attr(ppr, "spacing", attr))

    def indent(self, p: Any, attr: str) -> str | None:
        return self.para_prop(p, lambda ppr: _attr(ppr, "ind", attr))


def _attr(parent: Any, child: str, attr: str) -> str | None:
    el = parent.find(qn(f"w:{child}"))
    return None if el is None else el.get(qn(f"w:{attr}"))


def _size(rpr: Any) -> float | None:
    sz = rpr.find(_W_SZ)
    if sz is None or sz.get(_W_VAL) is None:
        return None
    return int(sz.get(_W_VAL)) / 2


# --------------------------------------------------------------------------- document model


@dataclass
class _Section:
    index: int
    sect: Any
    info: dict[str, Any]
    blocks: list[Any] = field(default_factory=list)
    appendix: bool = False

    def paragraphs(self) -> list[Any]:
        return [b for b in self.blocks if b.tag == qn("w:p")]

    def tables(self) -> list[Any]:
        return [b for b in self.blocks if b.tag == qn("w:tbl")]


@dataclass
class _Doc:
    path: Path
    document: Any
    res: _Resolver
    sections: list[_Section]
    header_table: Any | None
    sign_table: Any | None
    title: Any | None

    @property
    def main(self) -> bool:
        return self.header_table is not None


def _load(path: Path) -> _Doc:
    import docx

    document = docx.Document(str(path))
    res = _Resolver(document)
    body = document.element.body
    sections: list[_Section] = []
    current: list[Any] = []
    for child in body:
        if child.tag == qn("w:sectPr"):
            continue
        current.append(child)
        sect = child.find(qn("w:pPr") + "/" + qn("w:sectPr")) if child.tag == qn("w:p") else None
        if sect is not None:
            sections.append(_Section(len(sections), sect, ox.section_info(sect), current))
            current = []
    final = body.find(qn("w:sectPr"))
    if final is not None:
        sections.append(_Section(len(sections), final, ox.section_info(final), current))
    for s in sections:
        s.appendix = any(APPENDIX_HEADING_RE.match(_norm(_text(p))) for p in s.paragraphs())

    header_table = sign_table = title = None
    first = sections[0] if sections else None
    if first is not None:
        for tbl in first.tables():
            text = _norm("".join(t.text or "" for t in tbl.iter(qn("w:t")))).upper()
            narrow = len(tbl.findall(qn("w:tblGrid") + "/" + qn("w:gridCol"))) <= 2  # not a data table
            if narrow and ("CỘNG H" in text or "ĐỘC LẬP" in text):
                header_table = tbl
                break
    for s in sections:
        for tbl in s.tables():
            para = tbl.find(".//" + qn("w:p"))
            if para is not None and _norm(_text(para)).startswith("Nơi nhận"):
                sign_table = tbl
                break
        if sign_table is not None:
            break
    if header_table is not None:
        after = False
        for block in first.blocks:
            if block is header_table:
                after = True
            elif after and block.tag == qn("w:p") and _norm(_text(block)):
                title = block
                break
    return _Doc(path, document, res, sections, header_table, sign_table, title)


def _cell_paragraphs(tbl: Any, col: int) -> list[Any]:
    """Paragraphs of grid column ``col`` in every row of a table (nested tables skipped)."""
    out: list[Any] = []
    for tr in tbl.findall(qn("w:tr")):
        pos = 0
        for tc in tr.findall(qn("w:tc")):
            if pos == col:
                out.extend(tc.findall(qn("w:p")))
            pos += ox.grid_span(tc)
    return out


def _kinh_gui(doc: _Doc) -> tuple[Any, list[Any]] | None:
    """The "Kính gửi" paragraph of the main part and the "- …" recipient lines under it.

    One recipient: "Kính gửi: X." on one line (no lines under it). Several: "Kính gửi:" alone,
    then one line per recipient, "- X;" … "- Y."; the block ends at the first line ending "." or
    at the first line not starting "-" (so a broken block never swallows the body).
    """
    if not doc.main:
        return None
    blocks = doc.sections[0].blocks
    for i, block in enumerate(blocks):
        if block is doc.sign_table:
            return None
        if block.tag != qn("w:p") or not _norm(_text(block)).startswith("Kính gửi"):
            continue
        items: list[Any] = []
        if _norm(_text(block)).rstrip(" :") == "Kính gửi":
            for nxt in blocks[i + 1:]:
                if nxt.tag != qn("w:p"):
                    break
                text = _norm(_text(nxt))
                if not text:
                    continue
                if not text.startswith("-"):
                    break
                items.append(nxt)
                if text.endswith("."):
                    break
        return block, items
    return None


def _main_body(doc: _Doc) -> list[Any]:
    """Body paragraphs of the main part: after the subject, before the signature table."""
    out: list[Any] = []
    kinh_gui = _kinh_gui(doc)
    addressed = set(kinh_gui[1]) if kinh_gui else set()
    for s in doc.sections:
        if s.appendix and not (doc.main and s.index == 0):
            continue
        started = doc.title is None
        for block in s.blocks:
            if block is doc.sign_table:
                return out
            if block.tag != qn("w:p"):
                continue
            if APPENDIX_HEADING_RE.match(_norm(_text(block))):
                return out  # an appendix left in the main section
            if block is doc.title:
                started = True
                continue
            text = _norm(_text(block))
            if not started or not text:
                continue
            if doc.res.jc(block) == "center":
                continue  # subject lines, rules
            if text.startswith("Kính gửi") or block in addressed:
                continue
            out.append(block)
    return out


# --------------------------------------------------------------------------- rules


def _rule(rule: str, description: str) -> Callable[..., RuleResult]:
    def make(status: str, detail: str = "") -> RuleResult:
        return RuleResult(rule, description, status, detail)
    return make


def _mm(twips: int | None) -> str:
    return "?" if twips is None else f"{ox.twips_to_mm(twips):.1f}".replace(".", ",")


def _section_name(s: _Section) -> str:
    kind = "phụ lục" if s.appendix else "phần chính"
    return f"phần {s.index + 1} ({kind})"


def _check_page_size(doc: _Doc) -> RuleResult:
    r = _rule("trang.kho_giay", "Khổ giấy A4 (210 × 297 mm) ở mọi phần")
    bad = []
    for s in doc.sections:
        dims = sorted([s.info["width"] or 0, s.info["height"] or 0])
        if abs(dims[0] - ox.A4_SHORT) > 20 or abs(dims[1] - ox.A4_LONG) > 20:
            bad.append(f"{_section_name(s)}: {_mm(s.info['width'])} × {_mm(s.info['height'])} mm")
    return r(FAIL, "; ".join(bad)) if bad else r(PASS, f"{len(doc.sections)} phần đều A4")


def _check_margins(doc: _Doc) -> RuleResult:
    r = _rule("trang.le", "Lề trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm ở mọi phần")
    bad = []
    for s in doc.sections:
        for side, (lo, hi) in MARGIN_RANGES.items():
            value = s.info[side]
            if value is None or not (ox.mm_to_twips(lo) - TOLERANCE_TWIPS <= value
                                     <= ox.mm_to_twips(hi) + TOLERANCE_TWIPS):
                bad.append(f"{_section_name(s)}: lề {MARGIN_NAMES[side]} {_mm(value)} mm "
                           f"(cần {lo}–{hi} mm)")
    if bad:
        return r(FAIL, "; ".join(bad))
    first = doc.sections[0].info
    return r(PASS, "trên/dưới/trái/phải = " + "/".join(
        _mm(first[k]) for k in ("top", "bottom", "left", "right")) + " mm")


def _check_orientation(doc: _Doc) -> RuleResult:
    r = _rule("trang.huong", "Phần chính khổ dọc; phụ lục có bảng rộng ở phần (section) khổ ngang riêng")
    bad, notes = [], []
    for s in doc.sections:
        if not s.appendix:
            if s.info["landscape"] and doc.main and s.index == 0:
                bad.append(f"{_section_name(s)} đang khổ ngang")
            continue
        if doc.main and s.index == 0:
            bad.append("phụ lục nằm chung phần với văn bản chính (cần ngắt phần trước phụ lục)")
        text_width = (s.info["width"] or 0) - (s.info["left"] or 0) - (s.info["right"] or 0)
        wide = any(len(ox.table_grid(t)) >= 5 or sum(ox.table_grid(t)) > text_width + 60
                   for t in s.tables())
        if s.info["landscape"]:
            notes.append(f"{_section_name(s)} khổ ngang")
        elif wide:
            bad.append(f"{_section_name(s)} có bảng rộng nhưng đang khổ dọc")
        else:
            notes.append(f"{_section_name(s)} khổ dọc (bảng hẹp)")
    if bad:
        return r(FAIL, "; ".join(bad))
    if doc.main:
        notes.insert(0, "phần chính khổ dọc")
    return r(PASS, "; ".join(notes))


def _all_text_runs(doc: _Doc) -> Iterator[tuple[str, Any, Any]]:
    """(where, paragraph, run) for every run with text: body, tables, headers and footers."""
    for p in doc.document.element.body.iter(qn("w:p")):
        for r in _runs(p):
            yield "thân văn bản", p, r
    for rel in doc.document.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")) and not rel.is_external:
            for p in rel.target_part.element.iter(qn("w:p")):
                for r in _runs(p):
                    yield "đầu/chân trang", p, r


def _check_fonts(doc: _Doc) -> RuleResult:
    r = _rule("phong_chu", "Phông Times New Roman cho mọi đoạn chữ (ascii, hAnsi, eastAsia, cs)")
    bad: dict[str, list[str]] = {}
    count = 0
    for where, p, run in _all_text_runs(doc):
        count += 1
        for slot in ox.FONT_SLOTS:
            font = doc.res.font(run, p, slot)
            if font is None and slot in ("eastAsia", "cs"):
                continue
            if font != TNR:
                key = f"{font or 'không khai báo'} ({slot})"
                bad.setdefault(key, []).append(f"{where}: «{_short(_text(run), 30)}»")
                break
    if bad:
        parts = [f"{font}: {len(items)} đoạn chữ, ví dụ {items[0]}" for font, items in bad.items()]
        return r(FAIL, "; ".join(parts))
    return r(PASS, f"{count} đoạn chữ (run) đều Times New Roman")


def _check_body_size(doc: _Doc) -> RuleResult:
    r = _rule("co_chu.noi_dung", "Cỡ chữ phần nội dung 13–14 (ngoài bảng), một cỡ cho toàn bộ nội dung")
    bad = []
    body_sizes: set[float] = set()
    body = set(_main_body(doc))
    for s in doc.sections:
        for p in s.paragraphs():
            for run in _runs(p):
                size = doc.res.size(run, p)
                if not 13 <= size <= 14:
                    bad.append(f"«{_short(_text(p), 40)}» cỡ {size:g}")
                    break
                if p in body:
                    body_sizes.add(size)
    if bad:
        return r(FAIL, f"{len(bad)} đoạn ngoài cỡ 13–14, ví dụ " + "; ".join(bad[:3]))
    if len(body_sizes) > 1:
        return r(REVIEW, "nội dung dùng nhiều cỡ: " + ", ".join(f"{x:g}" for x in sorted(body_sizes)))
    if not body_sizes and not any(s.paragraphs() for s in doc.sections):
        return r(NA, "không có đoạn văn ngoài bảng")
    return r(PASS, "cỡ " + ", ".join(f"{x:g}" for x in sorted(body_sizes)) if body_sizes
             else "các dòng ngoài bảng cỡ 13–14")


def _check_body_format(doc: _Doc) -> RuleResult:
    r = _rule("noi_dung.dinh_dang", "Nội dung: căn đều hai lề, thụt đầu dòng 1–1,27 cm, cách đoạn "
                                    "≥ 6 pt, dãn dòng từ đơn đến 1,5 dòng")
    body = _main_body(doc)
    if not body:
        return r(NA, "không có phần nội dung (phụ lục tách riêng)" if not doc.main else
                 "không tìm thấy đoạn nội dung")
    problems: dict[str, list[str]] = {}
    review: list[str] = []

    def add(kind: str, p: Any) -> None:
        problems.setdefault(kind, []).append(_short(_text(p), 40))

    for p in body:
        text = _norm(_text(p))
        if doc.res.jc(p) not in ("both", "distribute"):
            add("không căn đều hai lề", p)
        first = doc.res.indent(p, "firstLine")
        hanging = doc.res.indent(p, "hanging")
        first_twips = int(first) if first is not None and hanging is None else 0
        heading = bool(HEADING_RE.match(text)) and all(doc.res.bold(x, p) for x in _runs(p))
        if not heading and not 567 - 10 <= first_twips <= 720 + 10:
            add("thụt đầu dòng khác 1–1,27 cm", p)
        after = int(doc.res.spacing(p, "after") or 0)
        before = int(doc.res.spacing(p, "before") or 0)
        if after + before < 120:
            add("cách đoạn dưới 6 pt", p)
        rule = doc.res.spacing(p, "lineRule") or "auto"
        line = int(doc.res.spacing(p, "line") or 240)
        if rule == "auto":
            if not 240 - 2 <= line <= 360 + 2:
                add(f"dãn dòng {line / 240:.2f} dòng", p)
        else:
            review.append(f"«{_short(text, 40)}» dãn dòng kiểu '{rule}' {line / 20:g} pt")
    if problems:
        return r(FAIL, "; ".join(f"{k}: {len(v)} đoạn, ví dụ «{v[0]}»" for k, v in problems.items()))
    if review:
        return r(REVIEW, f"{len(review)} đoạn dãn dòng cố định (Nghị định 30 bỏ kiểu 'chính xác'), "
                         f"ví dụ {review[0]}")
    return r(PASS, f"{len(body)} đoạn nội dung")


def _table_borders_visible(doc: _Doc, tbl: Any) -> bool:
    if ox.table_has_visible_borders(tbl):
        return True
    tblpr = tbl.find(qn("w:tblPr"))
    if tblpr is not None and tblpr.find(qn("w:tblBorders")) is not None:
        return False
    style = None if tblpr is None else tblpr.find(qn("w:tblStyle"))
    if style is not None:
        for st in doc.res._chain(style.get(qn("w:val"))):
            borders = st.find(qn("w:tblPr") + "/" + qn("w:tblBorders"))
            if borders is not None:
                return any((b.get(qn("w:val")) or "nil") not in ("nil", "none") for b in borders)
    return False


def _check_header_table(doc: _Doc) -> RuleResult:
    r = _rule("dau_trang.bang", "Phần đầu (cơ quan, số | Quốc hiệu, ngày): bảng hai cột, không viền")
    if not doc.main:
        return r(NA, "không có phần đầu (phụ lục tách riêng không lặp lại Quốc hiệu)")
    tbl = doc.header_table
    cols = len(ox.table_grid(tbl))
    bad = []
    if cols != 2:
        bad.append(f"bảng có {cols} cột")
    if _table_borders_visible(doc, tbl):
        bad.append("bảng có đường viền")
    if bad:
        return r(FAIL, "; ".join(bad))
    widths = " / ".join(_mm(w) for w in ox.table_grid(tbl))
    return r(PASS, f"hai cột {widths} mm, không viền")


def _find_paragraph(paragraphs: Iterable[Any], predicate: Callable[[str], bool]) -> Any | None:
    return next((p for p in paragraphs if predicate(_norm(_text(p)))), None)


def _check_motto(doc: _Doc) -> RuleResult:
    r = _rule("dau_trang.quoc_hieu", "Quốc hiệu, Tiêu ngữ đúng nguyên văn, chữ đậm; cỡ 12–13 và 13–14")
    if not doc.main:
        return r(NA, "phụ lục tách riêng")
    paras = list(doc.header_table.iter(qn("w:p")))
    bad = []
    qh = _find_paragraph(paras, lambda t: t == QUOC_HIEU)
    if qh is None:
        near = _find_paragraph(paras, lambda t: "CỘNG H" in t.upper())
        bad.append(f"Quốc hiệu sai: «{_norm(_text(near))}»" if near is not None
                   else "không có Quốc hiệu")
    tn = _find_paragraph(paras, lambda t: t == TIEU_NGU)
    if tn is None:
        near = _find_paragraph(paras, lambda t: "độc lập" in t.lower())
        bad.append(f"Tiêu ngữ sai (gạch nối có cách hai bên): «{_norm(_text(near))}»"
                   if near is not None else "không có Tiêu ngữ")
    sizes = {}
    for name, p, (lo, hi) in (("Quốc hiệu", qh, (12, 13)), ("Tiêu ngữ", tn, (13, 14))):
        if p is None:
            continue
        runs = _runs(p)
        size = {doc.res.size(x, p) for x in runs}
        sizes[name] = max(size)
        if not all(doc.res.bold(x, p) for x in runs):
            bad.append(f"{name} không đậm")
        if not all(lo <= s <= hi for s in size):
            bad.append(f"{name} cỡ {', '.join(f'{s:g}' for s in sorted(size))} (cần {lo}–{hi})")
    if bad:
        return r(FAIL, "; ".join(bad))
    pair = (sizes.get("Quốc hiệu"), sizes.get("Tiêu ngữ"))
    if pair not in ((12, 13), (13, 14)):
        return r(REVIEW, f"cặp cỡ chữ {pair[0]:g}/{pair[1]:g}; thường là 12/13 hoặc 13/14")
    return r(PASS, f"đúng nguyên văn, đậm, cỡ {pair[0]:g}/{pair[1]:g}")


def _check_lines(doc: _Doc) -> RuleResult:
    r = _rule("dau_trang.duong_ke", "Đường kẻ dưới tên cơ quan, Tiêu ngữ và trích yếu là đường liền "
                                    "(viền đoạn hoặc hình vẽ), không dùng dấu gạch dưới")
    if not doc.main:
        return r(NA, "phụ lục tách riêng")
    bad = []
    underscores = [p for p in doc.document.element.body.iter(qn("w:p"))
                   if re.search(r"_{3,}", _text(p))]
    if underscores:
        bad.append(f"{len(underscores)} đường kẻ gõ bằng dấu '_', ví dụ «{_short(_text(underscores[0]), 30)}»")

    def has_line(paragraphs: list[Any]) -> bool:
        return any(ox.paragraph_border(p, "bottom") is not None or p.find(".//" + qn("w:drawing")) is not None
                   or p.find(".//{urn:schemas-microsoft-com:vml}line") is not None for p in paragraphs)

    for col, name in ((0, "tên cơ quan ban hành"), (1, "Tiêu ngữ")):
        if not has_line(_cell_paragraphs(doc.header_table, col)):
            bad.append(f"không có đường kẻ dưới {name}")
    if doc.title is not None:
        following = []
        nxt = doc.title.getnext()
        while nxt is not None and nxt.tag == qn("w:p") and len(following) < 4:
            following.append(nxt)
            if not _norm(_text(nxt)) and has_line([nxt]):
                break
            nxt = nxt.getnext()
        if not has_line(following):
            bad.append("không có đường kẻ dưới trích yếu")
    if bad:
        return r(FAIL, "; ".join(bad))
    return r(PASS, "đường kẻ bằng viền đoạn")


def _header_cell_text(doc: _Doc, predicate: Callable[[str], bool]) -> Any | None:
    return _find_paragraph(doc.header_table.iter(qn("w:p")), predicate)


def _number(doc: _Doc) -> tuple[Any | None, str]:
    """The "Số: …" paragraph of the header table and its text (spaces kept: drafts leave a gap)."""
    p = _header_cell_text(doc, lambda t: t.startswith("Số"))
    return p, "" if p is None else unicodedata.normalize("NFC", _text(p)).strip()


def _check_number(doc: _Doc) -> RuleResult:
    r = _rule("dau_trang.so_ky_hieu", "Số, ký hiệu đúng mẫu 'Số: 05/KH-ABC' (số < 10 có 0 phía trước); "
                                      "bản dự thảo để trống số")
    if not doc.main:
        return r(NA, "phụ lục tách riêng")
    p, text = _number(doc)
    if p is None:
        return r(FAIL, "không có dòng 'Số: …'")
    flat = re.sub(r"\s+", " ", text)
    if NUMBER_RE.match(flat) or CONG_VAN_RE.match(flat):
        return r(PASS, f"«{flat}»")
    if NUMBER_DRAFT_RE.match(text):
        return r(PASS, f"bản dự thảo, số để trống: «{text}»")
    m = re.match(r"^Số: (\d+)/", flat)
    if m and len(m.group(1)) == 1:
        return r(FAIL, f"«{flat}»: số nhỏ hơn 10 phải có số 0 phía trước (05)")
    if re.search(r"/\d{4}/", flat):
        return r(FAIL, f"«{flat}»: văn bản hành chính không ghi năm trong ký hiệu")
    return r(FAIL, f"«{flat}» không đúng mẫu 'Số: 188/KH-LMHTX'")


def _type_code(doc: _Doc) -> str | None:
    _p, text = _number(doc)
    m = re.match(r"^Số:\s*\d*\s*/([A-Za-zĐđ]+)-", text)
    return m.group(1) if m else None


def _check_type(doc: _Doc) -> RuleResult:
    r = _rule("dau_trang.ten_loai", "Tên loại văn bản in hoa, đậm, khớp ký hiệu loại (KH ↔ KẾ HOẠCH, "
                                    "BC ↔ BÁO CÁO)")
    if not doc.main:
        return r(NA, "phụ lục tách riêng")
    code = _type_code(doc)
    title = _norm(_text(doc.title)) if doc.title is not None else ""
    if title not in TYPE_CODES:
        if code is None or code not in TYPE_CODES.values():
            return r(NA, "công văn: không có tên loại")
        return r(FAIL, f"không thấy tên loại văn bản (ký hiệu {code}); dòng đầu sau phần đầu: «{_short(title)}»")
    bad = []
    if code != TYPE_CODES[title]:
        bad.append(f"ký hiệu '{code}' không khớp tên loại {title} (cần '{TYPE_CODES[title]}')")
    runs = _runs(doc.title)
    if not all(doc.res.bold(x, doc.title) for x in runs):
        bad.append(f"tên loại «{title}» không đậm")
    if doc.res.jc(doc.title) != "center":
        bad.append("tên loại không căn giữa")
    if bad:
        return r(FAIL, "; ".join(bad))
    return r(PASS, f"{title} ↔ {code}")


def _date_parts(text: str) -> tuple[str, str, str] | None:
    m = DATE_RE.match(text)
    return (m.group("d"), m.group("m"), m.group("y")) if m else None


def _check_date(doc: _Doc) -> RuleResult:
    r = _rule("dau_trang.ngay_thang", "Địa danh, ngày tháng in nghiêng; ngày < 10 và tháng 1, 2 có số 0 "
                                      "phía trước")
    if not doc.main:
        return r(NA, "phụ lục tách riêng")
    p = _header_cell_text(doc, lambda t: ", ngày" in t)
    if p is None:
        return r(FAIL, "không có dòng 'Địa danh, ngày … tháng … năm …'")
    text = _norm(_text(p))
    bad = []
    runs = _runs(p)
    if not all(doc.res.italic(x, p) for x in runs):
        bad.append("không in nghiêng")
    m = DATE_RE.match(text)
    draft = DATE_DRAFT_RE.match(unicodedata.normalize("NFC", _text(p)).strip())
    place = (m or draft).group("place") if (m or draft) else ""
    if m:
        day, month = m.group("d"), m.group("m")
        d, mo = int(day), int(month)
        if not 1 <= d <= 31 or not 1 <= mo <= 12:
            bad.append(f"ngày tháng không hợp lệ «{text}»")
        else:
            if (d < 10) != day.startswith("0") or len(day) != (2 if d < 10 else len(str(d))):
                bad.append(f"ngày '{day}': ngày dưới 10 viết 0{d}, từ 10 trở lên không có 0")
            if (mo <= 2) != month.startswith("0") or (mo <= 2 and len(month) != 2):
                bad.append(f"tháng '{month}': tháng 1, 2 viết 01, 02; từ tháng 3 không có 0")
    elif not draft:
        bad.append(f"không đúng mẫu 'Đắk Nông, ngày 11 tháng 5 năm 2021': «{text}»")
    if bad:
        return r(FAIL, "; ".join(bad))
    if place and not all(w[:1].isupper() for w in place.split()):
        return r(REVIEW, f"địa danh «{place}»: mỗi chữ viết hoa chữ cái đầu")
    return r(PASS, f"«{text}»" + (" (dự thảo, ngày để trống)" if draft and not m else ""))


def _header_part(doc: _Doc, s: _Section, kind: str) -> Any | None:
    """Header element used by a section (inheriting from earlier sections like Word)."""
    for earlier in reversed(doc.sections[: s.index + 1]):
        rid = earlier.info["header_refs"].get(kind)
        if rid:
            return doc.document.part.related_parts[rid].element
    return None


def _check_page_numbers(doc: _Doc) -> RuleResult:
    r = _rule("so_trang", "Số trang: trường PAGE căn giữa ở lề trên, cỡ 13–14, ẩn ở trang đầu; "
                          "phụ lục đánh số riêng từ 1")
    bad = []
    for s in doc.sections:
        default = _header_part(doc, s, "default")
        if default is None or not ox.has_page_field(default):
            bad.append(f"{_section_name(s)}: không có số trang ở đầu trang")
            continue
        for p in default.iter(qn("w:p")):
            if ox.has_page_field(p):
                sizes = {doc.res.size(x, p) for x in p.iter(qn("w:r"))
                         if x.find(qn("w:t")) is not None or x.find(qn("w:fldChar")) is not None}
                if sizes and not all(13 <= z <= 14 for z in sizes):
                    bad.append(f"{_section_name(s)}: số trang cỡ {', '.join(f'{z:g}' for z in sorted(sizes))}")
                if doc.res.jc(p) != "center":
                    bad.append(f"{_section_name(s)}: số trang không căn giữa")
    first = doc.sections[0]
    if not first.info["title_page"]:
        bad.append("trang đầu không được đặt 'trang đầu khác' (titlePg) nên hiện số trang")
    else:
        first_header = _header_part(doc, first, "first")
        if first_header is not None and ox.has_page_field(first_header):
            bad.append("đầu trang của trang 1 có số trang")
    if doc.main:
        for s in doc.sections:
            if s.appendix and s.info["page_start"] != 1:
                bad.append(f"{_section_name(s)}: phụ lục không đánh số lại từ 1")
    if bad:
        return r(FAIL, "; ".join(bad))
    return r(PASS, f"{len(doc.sections)} phần có số trang, trang 1 ẩn số")


def _appendix_tables(doc: _Doc) -> list[Any]:
    return [t for s in doc.sections if s.appendix for t in s.tables()]


def _check_appendix_table(doc: _Doc) -> RuleResult:
    r = _rule("phu_luc.bang", "Bảng phụ lục: hàng tiêu đề lặp lại ở mỗi trang, hàng không bị tách qua trang")
    tables = _appendix_tables(doc)
    if not tables:
        return r(NA, "không có phụ lục dạng bảng")
    bad = []
    rows = 0
    for i, tbl in enumerate(tables, start=1):
        trs = tbl.findall(qn("w:tr"))
        rows += len(trs)
        if not trs or not ox.row_repeats_header(trs[0]):
            bad.append(f"bảng {i}: hàng tiêu đề không lặp lại (tblHeader)")
        split = [n for n, tr in enumerate(trs, start=1) if not ox.row_cant_split(tr)]
        if split:
            bad.append(f"bảng {i}: {len(split)} hàng có thể bị tách qua trang (hàng {split[0]}…)")
    if bad:
        return r(FAIL, "; ".join(bad))
    return r(PASS, f"{len(tables)} bảng, {rows} hàng")


def _check_appendix_heading(doc: _Doc) -> RuleResult:
    r = _rule("phu_luc.tieu_de", "'Phụ lục' đậm, căn giữa, cỡ 14; tên phụ lục in hoa đậm; dòng "
                                 "'(Kèm theo …)' in nghiêng; hai phụ lục trở lên đánh số La Mã")
    heads = [p for s in doc.sections if s.appendix for p in s.paragraphs()
             if APPENDIX_HEADING_RE.match(_norm(_text(p)))]
    if not heads:
        return r(NA, "không có phụ lục")
    bad = []
    for p in heads:
        runs = _runs(p)
        if not all(doc.res.bold(x, p) for x in runs) or doc.res.jc(p) != "center":
            bad.append(f"«{_norm(_text(p))}» phải đậm, căn giữa")
        if not all(doc.res.size(x, p) == 14 for x in runs):
            bad.append(f"«{_norm(_text(p))}» phải cỡ 14")
        nxt = p.getnext()
        if nxt is not None and nxt.tag == qn("w:p"):
            title = _norm(_text(nxt))
            if title != title.upper() or not all(doc.res.bold(x, nxt) for x in _runs(nxt)):
                bad.append(f"tên phụ lục «{_short(title)}» phải in hoa, đậm")
    if len(heads) >= 2:
        numbers = [APPENDIX_HEADING_RE.match(_norm(_text(p))).group("n") for p in heads]
        if not all(n and re.fullmatch(r"[IVXLC]+", n) for n in numbers):
            bad.append("có từ hai phụ lục: đánh số La Mã (Phụ lục I, II…)")
    for p in (p for s in doc.sections if s.appendix for p in s.paragraphs()):
        if _norm(_text(p)).startswith("(Kèm theo") and not all(doc.res.italic(x, p) for x in _runs(p)):
            bad.append("dòng '(Kèm theo …)' không in nghiêng")
    if bad:
        return r(FAIL, "; ".join(bad))
    return r(PASS, f"{len(heads)} phụ lục")


def _check_appendix_ref(doc: _Doc) -> RuleResult:
    r = _rule("phu_luc.kem_theo", "Dòng '(Kèm theo …)' ghi đúng số, ký hiệu và ngày của văn bản chính")
    refs = [p for s in doc.sections if s.appendix for p in s.paragraphs()
            if _norm(_text(p)).startswith("(Kèm theo")]
    if not refs:
        heads = any(s.appendix for s in doc.sections)
        return r(FAIL, "phụ lục thiếu dòng '(Kèm theo …)'") if heads else r(NA, "không có phụ lục")
    if not doc.main:
        return r(NA, "phụ lục tách riêng: đối chiếu số, ngày với văn bản chính khi ghép")
    _p, number = _number(doc)
    mnum = re.match(r"^Số:\s*(\S+)$", re.sub(r"\s+", " ", number))
    date_p = _header_cell_text(doc, lambda t: ", ngày" in t)
    parts = _date_parts(_norm(_text(date_p))) if date_p is not None else None
    bad, notes = [], []
    for p in refs:
        text = _norm(_text(p))
        m = KEM_THEO_RE.search(text)
        if NUMBER_DRAFT_RE.match(number) or parts is None:
            if m is None:
                notes.append("bản dự thảo: số, ngày để trống")
                continue
        if m is None:
            bad.append(f"không đọc được số, ngày trong «{_short(text, 80)}»")
            continue
        if mnum and m.group("num") != mnum.group(1):
            bad.append(f"số '{m.group('num')}' khác văn bản chính '{mnum.group(1)}'")
        if parts and (m.group("d"), m.group("m"), m.group("y")) != parts:
            bad.append(f"ngày {m.group('d')}/{m.group('m')}/{m.group('y')} khác văn bản chính "
                       f"{parts[0]}/{parts[1]}/{parts[2]}")
        if m.group("colon"):
            notes.append("có dấu ':' sau 'số' (mẫu 2.1 không có)")
    if bad:
        return r(FAIL, "; ".join(bad))
    notes = list(dict.fromkeys(notes))  # a report has three appendices with the same line
    return r(PASS, "khớp văn bản chính" + (f" ({'; '.join(notes)})" if notes else ""))


def _check_ending(doc: _Doc) -> RuleResult:
    r = _rule("noi_dung.ket_thuc", "Phần nội dung kết thúc bằng './.'")
    if not doc.main:
        return r(NA, "phụ lục tách riêng")
    body = _main_body(doc)
    if not body:
        return r(FAIL, "không tìm thấy phần nội dung")
    last = _norm(_text(body[-1]))
    if last.endswith("./."):
        return r(PASS, f"«…{last[-40:]}»")
    return r(FAIL, f"đoạn cuối không kết thúc bằng './.': «…{last[-40:]}»")


def _kinh_gui_problems(doc: _Doc) -> tuple[list[str], list[str]]:
    """Faults and notes of the "Kính gửi" block (ô 9a), if the document has one."""
    found = _kinh_gui(doc)
    if found is None:
        return [], []
    label, items = found
    text = _norm(_text(label))
    bad: list[str] = []
    for p in (label, *items):
        sizes = {doc.res.size(x, p) for x in _runs(p)}
        if not all(13 <= z <= 14 for z in sizes):
            bad.append(f"«{_short(_text(p), 30)}» cỡ {', '.join(f'{z:g}' for z in sorted(sizes))} "
                       "(Kính gửi cần cỡ 13–14)")
            break
    if text.rstrip(" :") == "Kính gửi":
        if not text.endswith(":"):
            bad.append("thiếu dấu ':' sau 'Kính gửi'")
        lines = [_norm(_text(p)) for p in items]
        if not lines:
            bad.append("'Kính gửi:' không có nơi nhận")
        elif len(lines) == 1:
            bad.append(f"một nơi nhận thì viết cùng dòng: «Kính gửi: {lines[0].lstrip('- ').rstrip(';.')}.»")
        for t in lines[:-1]:
            if not t.endswith(";"):
                bad.append(f"Kính gửi «{_short(t, 40)}» phải kết thúc ';'")
        if lines and not lines[-1].endswith("."):
            bad.append(f"Kính gửi: dòng cuối «{_short(lines[-1], 40)}» phải kết thúc '.'")
        return bad, [f"Kính gửi {len(lines)} nơi"]
    if not re.match(r"^Kính gửi: \S", text):
        bad.append(f"«{_short(text, 40)}»: viết 'Kính gửi: ' rồi tên nơi nhận")
    elif not text.endswith("."):
        bad.append(f"«{_short(text, 50)}»: một nơi nhận, kết thúc bằng '.'")
    return bad, ["Kính gửi 1 nơi"]


def _check_recipients(doc: _Doc) -> RuleResult:
    r = _rule("noi_nhan", "Kính gửi (nếu có): cỡ 13–14, một nơi cùng dòng kết thúc '.', nhiều nơi mỗi dòng "
                          "'- …;', dòng cuối '.'; Nơi nhận: 'Nơi nhận:' cỡ 12 đậm nghiêng; danh sách cỡ "
                          "11, mỗi dòng '-' … ';', dòng cuối '- Lưu: …' kết thúc '.'")
    if not doc.main:
        return r(NA, "phụ lục tách riêng")
    if doc.sign_table is None:
        return r(FAIL, "không có bảng 'Nơi nhận' / chữ ký")
    paras = [p for p in _cell_paragraphs(doc.sign_table, 0) if _norm(_text(p))]
    bad, notes = _kinh_gui_problems(doc)
    label, items = paras[0], paras[1:]
    if _norm(_text(label)) != "Nơi nhận:":
        bad.append(f"nhãn «{_norm(_text(label))}» (cần 'Nơi nhận:')")
    lr = _runs(label)
    if not all(doc.res.bold(x, label) and doc.res.italic(x, label) for x in lr):
        bad.append("'Nơi nhận:' phải đậm nghiêng")
    if not all(doc.res.size(x, label) == 12 for x in lr):
        bad.append("'Nơi nhận:' phải cỡ 12")
    if not items:
        bad.append("danh sách nơi nhận trống")
    for p in items:
        if not all(doc.res.size(x, p) == 11 for x in _runs(p)):
            bad.append(f"«{_short(_text(p), 30)}» không cỡ 11")
            break
    texts = [_norm(_text(p)) for p in items]
    for t in texts[:-1]:
        if not (t.startswith("-") and t.endswith(";")):
            bad.append(f"«{_short(t, 40)}» phải bắt đầu '-' và kết thúc ';'")
    if texts:
        last = texts[-1]
        if not (last.startswith("- Lưu") and last.endswith(".")):
            bad.append(f"dòng cuối «{_short(last, 40)}» phải là '- Lưu: VT, …' kết thúc '.'")
    if bad:
        return r(FAIL, "; ".join(bad))
    if notes and texts and texts[0] != "- Như trên;":
        notes.append("có Kính gửi nhưng Nơi nhận không bắt đầu '- Như trên;'")
    extra = f"; {'; '.join(notes)}" if notes else ""
    return r(PASS, f"{len(items)} nơi nhận, dòng cuối «{texts[-1]}»{extra}")


def _check_signer(doc: _Doc) -> RuleResult:
    r = _rule("chu_ky", "Khối chữ ký: thẩm quyền (TM./Q./KT./TL./TUQ.) hoặc chức vụ in hoa đậm; "
                        "khoảng trống ký; họ tên đậm")
    if not doc.main:
        return r(NA, "phụ lục tách riêng")
    if doc.sign_table is None:
        return r(FAIL, "không có khối chữ ký")
    paras = _cell_paragraphs(doc.sign_table, 1)
    lines = [(p, _norm(_text(p))) for p in paras]
    filled = [(p, t) for p, t in lines if t]
    if len(filled) < 2:
        return r(FAIL, "khối chữ ký thiếu chức vụ hoặc họ tên")
    bad = []
    name_p, name = filled[-1]
    titles = [(p, t) for p, t in filled[:-1] if not t.startswith("(")]  # "(đã ký)", "(Ký tên, đóng dấu)"
    for p, t in titles:
        if t != t.upper() or not all(doc.res.bold(x, p) for x in _runs(p)):
            bad.append(f"«{t}» phải in hoa, đậm")
    authority = titles[0][1] if titles else ""
    if authority and "." in authority.split(" ")[0] and not SIGN_PREFIX_RE.match(authority):
        bad.append(f"«{authority}»: tiền tố thẩm quyền phải là TM., Q., KT., TL. hoặc TUQ.")
    if not all(doc.res.bold(x, name_p) for x in _runs(name_p)):
        bad.append(f"họ tên «{name}» phải đậm")
    idx_name = paras.index(name_p)
    idx_title = paras.index(titles[-1][0]) if titles else 0
    if idx_name - idx_title - 1 < 3:
        bad.append("khoảng trống để ký và đóng dấu dưới 3 dòng")
    if bad:
        return r(FAIL, "; ".join(bad))
    return r(PASS, " / ".join(t for _p, t in filled))


RULES: tuple[Callable[[_Doc], RuleResult], ...] = (
    _check_page_size, _check_margins, _check_orientation, _check_fonts, _check_body_size,
    _check_body_format, _check_header_table, _check_motto, _check_lines, _check_number,
    _check_type, _check_date, _check_page_numbers, _check_ending, _check_recipients,
    _check_signer, _check_appendix_heading, _check_appendix_table, _check_appendix_ref,
)


def verify_layout(path: str | os.PathLike[str]) -> list[RuleResult]:
    """Check a .docx against the Decree 30 layout rules; one result per rule, in a fixed order."""
    doc = _load(Path(path))
    results = []
    for check in RULES:
        try:
            results.append(check(doc))
        except Exception as exc:  # a rule must never hide the others
            name = check.__name__.removeprefix("_check_")
            results.append(RuleResult(name, "Không kiểm tra được quy tắc này", REVIEW,
                                       f"lỗi khi đọc tệp: {exc}"))
    return results


def format_results(results: list[RuleResult]) -> str:
    """The results as a plain Vietnamese text table, then a one-line summary."""
    header = ("Mã quy tắc", "Kết quả", "Nội dung kiểm tra", "Chi tiết")
    rows = [(x.rule, STATUS_VI[x.status], x.description, x.detail) for x in results]
    w0 = max(len(header[0]), *(len(r[0]) for r in rows)) if rows else len(header[0])
    w1 = max(len(header[1]), *(len(r[1]) for r in rows)) if rows else len(header[1])
    lines = [f"{header[0]:<{w0}}  {header[1]:<{w1}}  {header[2]}", f"{'-' * w0}  {'-' * w1}  {'-' * 40}"]
    for rule, status, desc, detail in rows:
        lines.append(f"{rule:<{w0}}  {status:<{w1}}  {desc}")
        if detail:
            lines.append(f"{'':<{w0}}  {'':<{w1}}    → {detail}")
    counts = {s: sum(x.status == s for x in results) for s in STATUS_VI}
    lines.append("")
    lines.append("Tổng: " + ", ".join(f"{counts[s]} {STATUS_VI[s].lower()}" for s in
                                      (PASS, FAIL, REVIEW, NA)))
    return "\n".join(lines)


#: Headers of :func:`results_frame` (the same words as :func:`format_results`).
RESULT_COLUMNS = ("Mã quy tắc", "Kết quả", "Nội dung kiểm tra", "Chi tiết")


def results_frame(results: Iterable[RuleResult]):  # -> pandas.DataFrame, imported lazily
    """The results as a DataFrame with Vietnamese headers, one row per rule in the checking order:
    "Mã quy tắc", "Kết quả" (Đạt, Không đạt, Cần xem lại, Không áp dụng), "Nội dung kiểm tra", "Chi tiết".

    Filter it in a notebook, e.g. ``df[df["Kết quả"] != "Đạt"]``.
    """
    import pandas as pd

    rows = [(x.rule, STATUS_VI[x.status], x.description, x.detail) for x in results]
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
