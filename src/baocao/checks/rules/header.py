"""Rules on the header of a main document: the two-column table, Quốc hiệu and Tiêu ngữ, the short
rules under them, the number-symbol, the type line and the place-and-date line."""

from __future__ import annotations

import re
from typing import Any

from baocao import decree30 as d30
from baocao.docread import wordxml as wx
from baocao.docx import oxml as ox
from baocao.vnformat import nfc, number as figure

from ..reader import LayoutDocument, date_line, find_paragraph, number_line, text
from ..rule import FAIL, NA, PASS, REVIEW, Verdict, rule
from .common import ALONE, mm, short, sizes, span, within


@rule("dau_trang.bang", "Phần đầu (cơ quan, số | Quốc hiệu, ngày): bảng hai cột, không viền")
def header_table(doc: LayoutDocument) -> Verdict:
    if not doc.main:
        return NA, "không có phần đầu (phụ lục tách riêng không lặp lại Quốc hiệu)"
    tbl = doc.header_table
    cols = len(ox.table_grid(tbl))
    bad = []
    if cols != 2:
        bad.append(f"bảng có {cols} cột")
    if doc.fmt.table_borders_visible(tbl):
        bad.append("bảng có đường viền")
    if bad:
        return FAIL, "; ".join(bad)
    widths = " / ".join(mm(w) for w in ox.table_grid(tbl))
    return PASS, f"hai cột {widths} mm, không viền"


@rule("dau_trang.quoc_hieu", "Quốc hiệu, Tiêu ngữ đúng nguyên văn, chữ đậm; cỡ 12–13 và 13–14")
def motto(doc: LayoutDocument) -> Verdict:
    if not doc.main:
        return ALONE
    paras = list(wx.paragraphs(doc.header_table))
    bad = []
    qh = find_paragraph(paras, lambda t: t == d30.QUOC_HIEU)
    if qh is None:
        near = find_paragraph(paras, lambda t: "CỘNG H" in t.upper())
        bad.append(f"Quốc hiệu sai: «{text(near)}»" if near is not None else "không có Quốc hiệu")
    tn = find_paragraph(paras, lambda t: t == d30.TIEU_NGU)
    if tn is None:
        near = find_paragraph(paras, lambda t: "độc lập" in t.lower())
        bad.append(f"Tiêu ngữ sai (gạch nối có cách hai bên): «{text(near)}»"
                   if near is not None else "không có Tiêu ngữ")
    largest = {}
    for name, p, bounds in (("Quốc hiệu", qh, d30.QUOC_HIEU_SIZE_PT), ("Tiêu ngữ", tn, d30.TIEU_NGU_SIZE_PT)):
        if p is None:
            continue
        runs = wx.text_runs(p)
        found = {doc.fmt.size(x, p) for x in runs}
        largest[name] = max(found)
        if not all(doc.fmt.bold(x, p) for x in runs):
            bad.append(f"{name} không đậm")
        if not all(within(z, bounds) for z in found):
            bad.append(f"{name} cỡ {sizes(found)} (cần {span(bounds)})")
    if bad:
        return FAIL, "; ".join(bad)
    pair = (largest.get("Quốc hiệu"), largest.get("Tiêu ngữ"))
    if pair not in d30.MOTTO_SIZE_PAIRS:
        return REVIEW, f"cặp cỡ chữ {figure(pair[0])}/{figure(pair[1])}; thường là 12/13 hoặc 13/14"
    return PASS, f"đúng nguyên văn, đậm, cỡ {figure(pair[0])}/{figure(pair[1])}"


def _has_line(paragraphs: list[Any]) -> bool:
    """True when one of the paragraphs draws a line: a bottom border or a shape."""
    return any(ox.paragraph_border(p, "bottom") is not None or wx.has_drawn_line(p) for p in paragraphs)


@rule("dau_trang.duong_ke", "Đường kẻ dưới tên cơ quan, Tiêu ngữ và trích yếu là đường liền "
                            "(viền đoạn hoặc hình vẽ), không dùng dấu gạch dưới")
def lines(doc: LayoutDocument) -> Verdict:
    if not doc.main:
        return ALONE
    bad = []
    underscores = [p for p in wx.paragraphs(doc.document.element.body) if re.search(r"_{3,}", wx.text(p))]
    if underscores:
        bad.append(f"{len(underscores)} đường kẻ gõ bằng dấu '_', ví dụ «{short(wx.text(underscores[0]), 30)}»")
    for col, name in ((0, "tên cơ quan ban hành"), (1, "Tiêu ngữ")):
        if not _has_line(wx.column_paragraphs(doc.header_table, col)):
            bad.append(f"không có đường kẻ dưới {name}")
    if doc.title is not None:
        following = []
        nxt = doc.title.getnext()
        while nxt is not None and wx.is_paragraph(nxt) and len(following) < 4:
            following.append(nxt)
            if not text(nxt) and _has_line([nxt]):
                break
            nxt = nxt.getnext()
        if not _has_line(following):
            bad.append("không có đường kẻ dưới trích yếu")
    if bad:
        return FAIL, "; ".join(bad)
    return PASS, "đường kẻ bằng viền đoạn"


@rule("dau_trang.so_ky_hieu", "Số, ký hiệu đúng mẫu 'Số: 05/KH-ABC' (số < 10 có 0 phía trước); "
                              "bản dự thảo để trống số")
def number(doc: LayoutDocument) -> Verdict:
    if not doc.main:
        return ALONE
    p, line = number_line(doc)
    if p is None:
        return FAIL, "không có dòng 'Số: …'"
    flat = re.sub(r"\s+", " ", line)
    if d30.NUMBER_LINE.match(flat) or d30.CONG_VAN_NUMBER_LINE.match(flat):
        return PASS, f"«{flat}»"
    if d30.NUMBER_LINE_DRAFT.match(line):
        return PASS, f"bản dự thảo, số để trống: «{line}»"
    m = re.match(r"^Số: (\d+)/", flat)
    if m and len(m.group(1)) == 1:
        return FAIL, f"«{flat}»: số nhỏ hơn 10 phải có số 0 phía trước (05)"
    if re.search(r"/\d{4}/", flat):
        return FAIL, f"«{flat}»: văn bản hành chính không ghi năm trong ký hiệu"
    return FAIL, f"«{flat}» không đúng mẫu 'Số: 188/KH-LMHTX'"


def _type_code(doc: LayoutDocument) -> str | None:
    _p, line = number_line(doc)
    m = re.match(r"^Số:\s*\d*\s*/([A-Za-zĐđ]+)-", line)
    return m.group(1) if m else None


@rule("dau_trang.ten_loai", "Tên loại văn bản in hoa, đậm, khớp ký hiệu loại (KH ↔ KẾ HOẠCH, BC ↔ BÁO CÁO)")
def doc_type(doc: LayoutDocument) -> Verdict:
    if not doc.main:
        return ALONE
    code = _type_code(doc)
    title = text(doc.title) if doc.title is not None else ""
    if title not in d30.TYPE_CODES:
        if code is None or code not in d30.TYPE_NAMES:
            return NA, "công văn: không có tên loại"
        return FAIL, f"không thấy tên loại văn bản (ký hiệu {code}); dòng đầu sau phần đầu: «{short(title)}»"
    bad = []
    if code != d30.TYPE_CODES[title]:
        bad.append(f"ký hiệu '{code}' không khớp tên loại {title} (cần '{d30.TYPE_CODES[title]}')")
    if not all(doc.fmt.bold(x, doc.title) for x in wx.text_runs(doc.title)):
        bad.append(f"tên loại «{title}» không đậm")
    if doc.fmt.jc(doc.title) != "center":
        bad.append("tên loại không căn giữa")
    if bad:
        return FAIL, "; ".join(bad)
    return PASS, f"{title} ↔ {code}"


@rule("dau_trang.ngay_thang", "Địa danh, ngày tháng in nghiêng; ngày < 10 và tháng 1, 2 có số 0 phía trước")
def date(doc: LayoutDocument) -> Verdict:
    if not doc.main:
        return ALONE
    p = date_line(doc)
    if p is None:
        return FAIL, "không có dòng 'Địa danh, ngày … tháng … năm …'"
    line = text(p)
    bad = []
    if not all(doc.fmt.italic(x, p) for x in wx.text_runs(p)):
        bad.append("không in nghiêng")
    m = d30.DATE_LINE.match(line)
    draft = d30.DATE_LINE_DRAFT.match(nfc(wx.text(p)).strip())
    place = (m or draft).group("place") if (m or draft) else ""
    if m:
        day, month = m.group("d"), m.group("m")
        d, mo = int(day), int(month)
        if not 1 <= d <= 31 or not 1 <= mo <= 12:
            bad.append(f"ngày tháng không hợp lệ «{line}»")
        else:
            if (d < 10) != day.startswith("0") or len(day) != (2 if d < 10 else len(str(d))):
                bad.append(f"ngày '{day}': ngày dưới 10 viết 0{d}, từ 10 trở lên không có 0")
            if (mo <= 2) != month.startswith("0") or (mo <= 2 and len(month) != 2):
                bad.append(f"tháng '{month}': tháng 1, 2 viết 01, 02; từ tháng 3 không có 0")
    elif not draft:
        bad.append(f"không đúng mẫu 'Đắk Nông, ngày 11 tháng 5 năm 2021': «{line}»")
    if bad:
        return FAIL, "; ".join(bad)
    if place and not all(w[:1].isupper() for w in place.split()):
        return REVIEW, f"địa danh «{place}»: mỗi chữ viết hoa chữ cái đầu"
    return PASS, f"«{line}»" + (" (dự thảo, ngày để trống)" if draft and not m else "")
