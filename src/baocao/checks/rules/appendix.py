"""Rules on appendices: the "Phụ lục" heading and title, the table, and the "(Kèm theo …)" line that
must name the main document's number and date."""

from __future__ import annotations

import re

from baocao import decree30 as d30
from baocao.docread import wordxml as wx
from baocao.docx import oxml as ox

from ..reader import LayoutDocument, appendix_paragraphs, appendix_tables, date_line, number_line, text
from ..rule import FAIL, NA, PASS, Verdict, rule
from .common import short


@rule("phu_luc.tieu_de", "'Phụ lục' đậm, căn giữa, cỡ 14; tên phụ lục in hoa đậm; dòng "
                         "'(Kèm theo …)' in nghiêng; hai phụ lục trở lên đánh số La Mã")
def heading(doc: LayoutDocument) -> Verdict:
    paras = appendix_paragraphs(doc)
    heads = [p for p in paras if d30.APPENDIX_HEADING.match(text(p))]
    if not heads:
        return NA, "không có phụ lục"
    bad = []
    for p in heads:
        runs = wx.text_runs(p)
        if not all(doc.fmt.bold(x, p) for x in runs) or doc.fmt.jc(p) != "center":
            bad.append(f"«{text(p)}» phải đậm, căn giữa")
        if not all(doc.fmt.size(x, p) == d30.APPENDIX_HEADING_SIZE_PT for x in runs):
            bad.append(f"«{text(p)}» phải cỡ 14")
        nxt = p.getnext()
        if nxt is not None and wx.is_paragraph(nxt):
            title = text(nxt)
            if title != title.upper() or not all(doc.fmt.bold(x, nxt) for x in wx.text_runs(nxt)):
                bad.append(f"tên phụ lục «{short(title)}» phải in hoa, đậm")
    if len(heads) >= 2:
        numbers = [d30.APPENDIX_HEADING.match(text(p)).group("n") for p in heads]
        if not all(n and re.fullmatch(r"[IVXLC]+", n) for n in numbers):
            bad.append("có từ hai phụ lục: đánh số La Mã (Phụ lục I, II…)")
    for p in paras:
        if text(p).startswith(d30.APPENDIX_REF_START) and not all(doc.fmt.italic(x, p) for x in wx.text_runs(p)):
            bad.append("dòng '(Kèm theo …)' không in nghiêng")
    if bad:
        return FAIL, "; ".join(bad)
    return PASS, f"{len(heads)} phụ lục"


@rule("phu_luc.bang", "Bảng phụ lục: hàng tiêu đề lặp lại ở mỗi trang, hàng không bị tách qua trang")
def table(doc: LayoutDocument) -> Verdict:
    tables = appendix_tables(doc)
    if not tables:
        return NA, "không có phụ lục dạng bảng"
    bad = []
    count = 0
    for i, tbl in enumerate(tables, start=1):
        trs = wx.rows(tbl)
        count += len(trs)
        if not trs or not ox.row_repeats_header(trs[0]):
            bad.append(f"bảng {i}: hàng tiêu đề không lặp lại (tblHeader)")
        split = [n for n, tr in enumerate(trs, start=1) if not ox.row_cant_split(tr)]
        if split:
            bad.append(f"bảng {i}: {len(split)} hàng có thể bị tách qua trang (hàng {split[0]}…)")
    if bad:
        return FAIL, "; ".join(bad)
    return PASS, f"{len(tables)} bảng, {count} hàng"


def _date_parts(line: str) -> tuple[str, str, str] | None:
    m = d30.DATE_LINE.match(line)
    return (m.group("d"), m.group("m"), m.group("y")) if m else None


@rule("phu_luc.kem_theo", "Dòng '(Kèm theo …)' ghi đúng số, ký hiệu và ngày của văn bản chính")
def reference(doc: LayoutDocument) -> Verdict:
    refs = [p for p in appendix_paragraphs(doc) if text(p).startswith(d30.APPENDIX_REF_START)]
    if not refs:
        has_appendix = any(s.appendix for s in doc.sections)
        return (FAIL, "phụ lục thiếu dòng '(Kèm theo …)'") if has_appendix else (NA, "không có phụ lục")
    if not doc.main:
        return NA, "phụ lục tách riêng: đối chiếu số, ngày với văn bản chính khi ghép"
    _p, number = number_line(doc)
    mnum = re.match(r"^Số:\s*(\S+)$", re.sub(r"\s+", " ", number))
    date_p = date_line(doc)
    parts = _date_parts(text(date_p)) if date_p is not None else None
    bad, notes = [], []
    for p in refs:
        line = text(p)
        m = d30.APPENDIX_REF.search(line)
        if (d30.NUMBER_LINE_DRAFT.match(number) or parts is None) and m is None:
            notes.append("bản dự thảo: số, ngày để trống")
            continue
        if m is None:
            bad.append(f"không đọc được số, ngày trong «{short(line, 80)}»")
            continue
        if mnum and m.group("num") != mnum.group(1):
            bad.append(f"số '{m.group('num')}' khác văn bản chính '{mnum.group(1)}'")
        if parts and (m.group("d"), m.group("m"), m.group("y")) != parts:
            bad.append(f"ngày {m.group('d')}/{m.group('m')}/{m.group('y')} khác văn bản chính "
                       f"{parts[0]}/{parts[1]}/{parts[2]}")
        if m.group("colon"):
            notes.append("có dấu ':' sau 'số' (mẫu 2.1 không có)")
    if bad:
        return FAIL, "; ".join(bad)
    notes = list(dict.fromkeys(notes))  # a report has three appendices with the same line
    return PASS, "khớp văn bản chính" + (f" ({'; '.join(notes)})" if notes else "")
