"""Rules on who the document goes to and who signs it: "Kính gửi", "Nơi nhận" and the signature block."""

from __future__ import annotations

import re

from baocao import decree30 as d30
from baocao.docread import wordxml as wx

from ..reader import LayoutDocument, kinh_gui, text
from ..rule import FAIL, PASS, Verdict, rule
from .common import ALONE, short, sizes, span, within


def _kinh_gui_problems(doc: LayoutDocument) -> tuple[list[str], list[str]]:
    """Faults and notes of the "Kính gửi" block (ô 9a), if the document has one."""
    found = kinh_gui(doc)
    if found is None:
        return [], []
    label, items = found
    line = text(label)
    bad: list[str] = []
    for p in (label, *items):
        found_sizes = {doc.fmt.size(x, p) for x in wx.text_runs(p)}
        if not all(within(z, d30.KINH_GUI_SIZE_PT) for z in found_sizes):
            bad.append(f"«{short(wx.text(p), 30)}» cỡ {sizes(found_sizes)} "
                       f"(Kính gửi cần cỡ {span(d30.KINH_GUI_SIZE_PT)})")
            break
    if line.rstrip(" :") == "Kính gửi":
        if not line.endswith(":"):
            bad.append("thiếu dấu ':' sau 'Kính gửi'")
        lines = [text(p) for p in items]
        if not lines:
            bad.append("'Kính gửi:' không có nơi nhận")
        elif len(lines) == 1:
            bad.append(f"một nơi nhận thì viết cùng dòng: «Kính gửi: {lines[0].lstrip('- ').rstrip(';.')}.»")
        for t in lines[:-1]:
            if not t.endswith(";"):
                bad.append(f"Kính gửi «{short(t, 40)}» phải kết thúc ';'")
        if lines and not lines[-1].endswith("."):
            bad.append(f"Kính gửi: dòng cuối «{short(lines[-1], 40)}» phải kết thúc '.'")
        return bad, [f"Kính gửi {len(lines)} nơi"]
    if not re.match(r"^Kính gửi: \S", line):
        bad.append(f"«{short(line, 40)}»: viết 'Kính gửi: ' rồi tên nơi nhận")
    elif not line.endswith("."):
        bad.append(f"«{short(line, 50)}»: một nơi nhận, kết thúc bằng '.'")
    return bad, ["Kính gửi 1 nơi"]


@rule("noi_nhan", "Kính gửi (nếu có): cỡ 13–14, một nơi cùng dòng kết thúc '.', nhiều nơi mỗi dòng "
                  "'- …;', dòng cuối '.'; Nơi nhận: 'Nơi nhận:' cỡ 12 đậm nghiêng; danh sách cỡ "
                  "11, mỗi dòng '-' … ';', dòng cuối '- Lưu: …' kết thúc '.'")
def recipients(doc: LayoutDocument) -> Verdict:
    if not doc.main:
        return ALONE
    if doc.sign_table is None:
        return FAIL, "không có bảng 'Nơi nhận' / chữ ký"
    paras = [p for p in wx.column_paragraphs(doc.sign_table, 0) if text(p)]
    bad, notes = _kinh_gui_problems(doc)
    label, items = paras[0], paras[1:]
    if text(label) != "Nơi nhận:":
        bad.append(f"nhãn «{text(label)}» (cần 'Nơi nhận:')")
    label_runs = wx.text_runs(label)
    if not all(doc.fmt.bold(x, label) and doc.fmt.italic(x, label) for x in label_runs):
        bad.append("'Nơi nhận:' phải đậm nghiêng")
    if not all(doc.fmt.size(x, label) == d30.NOI_NHAN_LABEL_SIZE_PT for x in label_runs):
        bad.append("'Nơi nhận:' phải cỡ 12")
    if not items:
        bad.append("danh sách nơi nhận trống")
    for p in items:
        if not all(doc.fmt.size(x, p) == d30.NOI_NHAN_LIST_SIZE_PT for x in wx.text_runs(p)):
            bad.append(f"«{short(wx.text(p), 30)}» không cỡ 11")
            break
    texts = [text(p) for p in items]
    for t in texts[:-1]:
        if not (t.startswith("-") and t.endswith(";")):
            bad.append(f"«{short(t, 40)}» phải bắt đầu '-' và kết thúc ';'")
    if texts:
        last = texts[-1]
        if not (last.startswith("- Lưu") and last.endswith(".")):
            bad.append(f"dòng cuối «{short(last, 40)}» phải là '- Lưu: VT, …' kết thúc '.'")
    if bad:
        return FAIL, "; ".join(bad)
    if notes and texts and texts[0] != "- Như trên;":
        notes.append("có Kính gửi nhưng Nơi nhận không bắt đầu '- Như trên;'")
    extra = f"; {'; '.join(notes)}" if notes else ""
    return PASS, f"{len(items)} nơi nhận, dòng cuối «{texts[-1]}»{extra}"


@rule("chu_ky", "Khối chữ ký: thẩm quyền (TM./Q./KT./TL./TUQ.) hoặc chức vụ in hoa đậm; "
                "khoảng trống ký; họ tên đậm")
def signer(doc: LayoutDocument) -> Verdict:
    if not doc.main:
        return ALONE
    if doc.sign_table is None:
        return FAIL, "không có khối chữ ký"
    paras = wx.column_paragraphs(doc.sign_table, 1)
    filled = [(p, t) for p, t in ((p, text(p)) for p in paras) if t]
    if len(filled) < 2:
        return FAIL, "khối chữ ký thiếu chức vụ hoặc họ tên"
    bad = []
    name_p, name = filled[-1]
    titles = [(p, t) for p, t in filled[:-1] if not t.startswith("(")]  # "(đã ký)", "(Ký tên, đóng dấu)"
    for p, t in titles:
        if t != t.upper() or not all(doc.fmt.bold(x, p) for x in wx.text_runs(p)):
            bad.append(f"«{t}» phải in hoa, đậm")
    authority = titles[0][1] if titles else ""
    if authority and "." in authority.split(" ")[0] and not d30.SIGNER_PREFIX.match(authority):
        bad.append(f"«{authority}»: tiền tố thẩm quyền phải là TM., Q., KT., TL. hoặc TUQ.")
    if not all(doc.fmt.bold(x, name_p) for x in wx.text_runs(name_p)):
        bad.append(f"họ tên «{name}» phải đậm")
    idx_name = paras.index(name_p)
    idx_title = paras.index(titles[-1][0]) if titles else 0
    if idx_name - idx_title - 1 < d30.SIGNATURE_SPACE_LINES:
        bad.append("khoảng trống để ký và đóng dấu dưới 3 dòng")
    if bad:
        return FAIL, "; ".join(bad)
    return PASS, " / ".join(t for _p, t in filled)
