"""The page-number rule: a PAGE field centred in the top margin, hidden on page 1, restarting in appendices."""

from __future__ import annotations

from baocao import decree30 as d30
from baocao.docread import wordxml as wx
from baocao.docx import oxml as ox

from ..reader import LayoutDocument, header_part
from ..rule import FAIL, PASS, Verdict, rule
from .common import sizes, within


@rule("so_trang", "Số trang: trường PAGE căn giữa ở lề trên, cỡ 13–14, ẩn ở trang đầu; "
                  "phụ lục đánh số riêng từ 1")
def page_numbers(doc: LayoutDocument) -> Verdict:
    bad = []
    for s in doc.sections:
        default = header_part(doc, s, "default")
        if default is None or not ox.has_page_field(default):
            bad.append(f"{s.name}: không có số trang ở đầu trang")
            continue
        for p in wx.paragraphs(default):
            if ox.has_page_field(p):
                found = {doc.fmt.size(x, p) for x in wx.text_or_field_runs(p)}
                if found and not all(within(z, d30.PAGE_NUMBER_SIZE_PT) for z in found):
                    bad.append(f"{s.name}: số trang cỡ {sizes(found)}")
                if doc.fmt.jc(p) != "center":
                    bad.append(f"{s.name}: số trang không căn giữa")
    first = doc.sections[0]
    if not first.info["title_page"]:
        bad.append("trang đầu không được đặt 'trang đầu khác' (titlePg) nên hiện số trang")
    else:
        first_header = header_part(doc, first, "first")
        if first_header is not None and ox.has_page_field(first_header):
            bad.append("đầu trang của trang 1 có số trang")
    if doc.main:
        for s in doc.sections:
            if s.appendix and s.info["page_start"] != 1:
                bad.append(f"{s.name}: phụ lục không đánh số lại từ 1")
    if bad:
        return FAIL, "; ".join(bad)
    return PASS, f"{len(doc.sections)} phần có số trang, trang 1 ẩn số"
