"""Rules on the page and the fonts: A4 paper, margins, orientation, Times New Roman everywhere."""

from __future__ import annotations

from baocao import decree30 as d30
from baocao.docread import wordxml as wx
from baocao.docx import oxml as ox

from ..reader import LayoutDocument, all_text_runs
from ..rule import FAIL, PASS, Verdict, rule
from .common import mm, short, span

A4_TWIPS = tuple(ox.mm_to_twips(side) for side in d30.A4_MM)
PAPER_TOLERANCE_TWIPS = 20
MARGIN_TOLERANCE_TWIPS = 6  # rounding of mm to twips
MARGIN_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
WIDE_TABLE_COLUMNS = 5
WIDE_TABLE_SLACK_TWIPS = 60


@rule("trang.kho_giay", "Khổ giấy A4 (210 × 297 mm) ở mọi phần")
def page_size(doc: LayoutDocument) -> Verdict:
    bad = []
    for s in doc.sections:
        dims = sorted([s.info["width"] or 0, s.info["height"] or 0])
        if any(abs(got - want) > PAPER_TOLERANCE_TWIPS for got, want in zip(dims, A4_TWIPS)):
            bad.append(f"{s.name}: {mm(s.info['width'])} × {mm(s.info['height'])} mm")
    return (FAIL, "; ".join(bad)) if bad else (PASS, f"{len(doc.sections)} phần đều A4")


@rule("trang.le", "Lề trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm ở mọi phần")
def margins(doc: LayoutDocument) -> Verdict:
    bad = []
    for s in doc.sections:
        for side, (lo, hi) in d30.MARGINS_MM.items():
            value = s.info[side]
            if value is None or not (ox.mm_to_twips(lo) - MARGIN_TOLERANCE_TWIPS <= value
                                     <= ox.mm_to_twips(hi) + MARGIN_TOLERANCE_TWIPS):
                bad.append(f"{s.name}: lề {MARGIN_NAMES[side]} {mm(value)} mm (cần {span((lo, hi))} mm)")
    if bad:
        return FAIL, "; ".join(bad)
    first = doc.sections[0].info
    return PASS, "trên/dưới/trái/phải = " + "/".join(mm(first[k]) for k in ("top", "bottom", "left", "right")) + " mm"


@rule("trang.huong", "Phần chính khổ dọc; phụ lục có bảng rộng ở phần (section) khổ ngang riêng")
def orientation(doc: LayoutDocument) -> Verdict:
    bad, notes = [], []
    for s in doc.sections:
        if not s.appendix:
            if s.info["landscape"] and doc.main and s.index == 0:
                bad.append(f"{s.name} đang khổ ngang")
            continue
        if doc.main and s.index == 0:
            bad.append("phụ lục nằm chung phần với văn bản chính (cần ngắt phần trước phụ lục)")
        text_width = (s.info["width"] or 0) - (s.info["left"] or 0) - (s.info["right"] or 0)
        wide = any(len(ox.table_grid(t)) >= WIDE_TABLE_COLUMNS
                   or sum(ox.table_grid(t)) > text_width + WIDE_TABLE_SLACK_TWIPS for t in s.tables())
        if s.info["landscape"]:
            notes.append(f"{s.name} khổ ngang")
        elif wide:
            bad.append(f"{s.name} có bảng rộng nhưng đang khổ dọc")
        else:
            notes.append(f"{s.name} khổ dọc (bảng hẹp)")
    if bad:
        return FAIL, "; ".join(bad)
    if doc.main:
        notes.insert(0, "phần chính khổ dọc")
    return PASS, "; ".join(notes)


@rule("phong_chu", "Phông Times New Roman cho mọi đoạn chữ (ascii, hAnsi, eastAsia, cs)")
def fonts(doc: LayoutDocument) -> Verdict:
    bad: dict[str, list[str]] = {}
    count = 0
    for where, p, run in all_text_runs(doc):
        count += 1
        for slot in ox.FONT_SLOTS:
            font = doc.fmt.font(run, p, slot)
            if font is None and slot in ("eastAsia", "cs"):
                continue
            if font != ox.TIMES_NEW_ROMAN:
                key = f"{font or 'không khai báo'} ({slot})"
                bad.setdefault(key, []).append(f"{where}: «{short(wx.text(run), 30)}»")
                break
    if bad:
        return FAIL, "; ".join(f"{font}: {len(items)} đoạn chữ, ví dụ {items[0]}" for font, items in bad.items())
    return PASS, f"{count} đoạn chữ (run) đều Times New Roman"
