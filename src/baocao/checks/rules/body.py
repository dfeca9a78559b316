"""Rules on the body: one text size, the paragraph format (justified, indent, spacing) and the closing "./."."""

from __future__ import annotations

from typing import Any

from baocao import decree30 as d30
from baocao.docread import wordxml as wx
from baocao.docx import oxml as ox
from baocao.vnformat import number as figure

from ..reader import LayoutDocument, main_body, text
from ..rule import FAIL, NA, PASS, REVIEW, Verdict, rule
from .common import ALONE, short, sizes, within

TWIPS_PER_PT = 20
LINE_TWIPS = 240  # w:spacing/@w:line of single spacing ("auto" rule)
INDENT_TOLERANCE_TWIPS = 10
LINE_TOLERANCE_TWIPS = 2
INDENT_TWIPS = tuple(ox.mm_to_twips(x) for x in d30.FIRST_LINE_INDENT_MM)
LINE_SPACING_TWIPS = tuple(round(x * LINE_TWIPS) for x in d30.LINE_SPACING_LINES)


@rule("co_chu.noi_dung", "Cỡ chữ phần nội dung 13–14 (ngoài bảng), một cỡ cho toàn bộ nội dung")
def body_size(doc: LayoutDocument) -> Verdict:
    bad = []
    body_sizes: set[float] = set()
    body = set(main_body(doc))
    for s in doc.sections:
        for p in s.paragraphs():
            for run in wx.text_runs(p):
                size = doc.fmt.size(run, p)
                if not within(size, d30.BODY_SIZE_PT):
                    bad.append(f"«{short(wx.text(p), 40)}» cỡ {figure(size)}")
                    break
                if p in body:
                    body_sizes.add(size)
    if bad:
        return FAIL, f"{len(bad)} đoạn ngoài cỡ 13–14, ví dụ " + "; ".join(bad[:3])
    if len(body_sizes) > 1:
        return REVIEW, "nội dung dùng nhiều cỡ: " + sizes(body_sizes)
    if not body_sizes and not any(s.paragraphs() for s in doc.sections):
        return NA, "không có đoạn văn ngoài bảng"
    return PASS, "cỡ " + sizes(body_sizes) if body_sizes else "các dòng ngoài bảng cỡ 13–14"


def _is_heading(doc: LayoutDocument, p: Any, line: str) -> bool:
    """A bold numbered heading ("I. MỤC ĐÍCH", "1. …") may start flush with the margin."""
    return bool(d30.HEADING_NUMBER.match(line)) and all(doc.fmt.bold(x, p) for x in wx.text_runs(p))


@rule("noi_dung.dinh_dang", "Nội dung: căn đều hai lề, thụt đầu dòng 1–1,27 cm, cách đoạn "
                            "≥ 6 pt, dãn dòng từ đơn đến 1,5 dòng")
def body_format(doc: LayoutDocument) -> Verdict:
    body = main_body(doc)
    if not body:
        return NA, ("không có phần nội dung (phụ lục tách riêng)" if not doc.main else
                    "không tìm thấy đoạn nội dung")
    problems: dict[str, list[str]] = {}
    review: list[str] = []

    def add(kind: str, p: Any) -> None:
        problems.setdefault(kind, []).append(short(wx.text(p), 40))

    for p in body:
        line = text(p)
        if doc.fmt.jc(p) not in ("both", "distribute"):
            add("không căn đều hai lề", p)
        first = doc.fmt.indent(p, "firstLine")
        hanging = doc.fmt.indent(p, "hanging")
        first_twips = int(first) if first is not None and hanging is None else 0
        lo, hi = INDENT_TWIPS
        if not _is_heading(doc, p, line) and not (lo - INDENT_TOLERANCE_TWIPS <= first_twips
                                                  <= hi + INDENT_TOLERANCE_TWIPS):
            add("thụt đầu dòng khác 1–1,27 cm", p)
        after = int(doc.fmt.spacing(p, "after") or 0)
        before = int(doc.fmt.spacing(p, "before") or 0)
        if after + before < d30.PARAGRAPH_SPACING_MIN_PT * TWIPS_PER_PT:
            add("cách đoạn dưới 6 pt", p)
        line_rule = doc.fmt.spacing(p, "lineRule") or "auto"
        spacing = int(doc.fmt.spacing(p, "line") or LINE_TWIPS)
        if line_rule == "auto":
            lo, hi = LINE_SPACING_TWIPS
            if not lo - LINE_TOLERANCE_TWIPS <= spacing <= hi + LINE_TOLERANCE_TWIPS:
                add(f"dãn dòng {figure(spacing / LINE_TWIPS, 2)} dòng", p)
        else:
            review.append(f"«{short(line, 40)}» dãn dòng kiểu '{line_rule}' {figure(spacing / TWIPS_PER_PT)} pt")
    if problems:
        return FAIL, "; ".join(f"{k}: {len(v)} đoạn, ví dụ «{v[0]}»" for k, v in problems.items())
    if review:
        return REVIEW, (f"{len(review)} đoạn dãn dòng cố định (Nghị định 30 bỏ kiểu 'chính xác'), "
                        f"ví dụ {review[0]}")
    return PASS, f"{len(body)} đoạn nội dung"


@rule("noi_dung.ket_thuc", "Phần nội dung kết thúc bằng './.'")
def ending(doc: LayoutDocument) -> Verdict:
    if not doc.main:
        return ALONE
    body = main_body(doc)
    if not body:
        return FAIL, "không tìm thấy phần nội dung"
    last = text(body[-1])
    if last.endswith(d30.BODY_END):
        return PASS, f"«…{last[-40:]}»"
    return FAIL, f"đoạn cuối không kết thúc bằng './.': «…{last[-40:]}»"
