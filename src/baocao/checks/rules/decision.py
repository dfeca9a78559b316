"""Rules on the parts only a decision (quyết định) has, and on the document it issues.

A decision (type line "QUYẾT ĐỊNH") puts its authority line ("ỦY BAN NHÂN DÂN TỈNH …") in bold
capitals, centred, before the legal bases; then the centred bold line "QUYẾT ĐỊNH:"; then its
articles "Điều 1.", "Điều 2." … numbered from 1, the label in bold, the last one naming who
executes the decision ("… chịu trách nhiệm thi hành Quyết định này./."), and its "Nơi nhận"
starting "- Như Điều n;". A document it issues ("(Ban hành kèm theo Quyết định số … ngày …)") is
printed after it with its own type line and that reference line, which names the decision's
number and date, and ends with "./.". These rules are :data:`~baocao.checks.registry.DECISION_RULES`:
:func:`~baocao.checks.verify_layout` adds them for a decision.
"""

from __future__ import annotations

import re
from typing import Any

from baocao import decree30 as d30
from baocao.docread import wordxml as wx

from ..reader import LayoutDocument, Section, date_line, main_body, number_line, text
from ..rule import FAIL, NA, PASS, REVIEW, Verdict, rule
from .common import short

DECISION = d30.TYPE_NAMES["QĐ"]
DECISION_LINE = f"{DECISION}:"
ARTICLE = re.compile(r"^Điều (\d+)\.")
BASIS_LEADS = ("Căn cứ", "Xét đề nghị", "Theo đề nghị", "Thực hiện")
ATTACHED_REF_START = "(Ban hành kèm theo"
EXECUTING = "thi hành"


def is_decision(doc: LayoutDocument) -> bool:
    """True for a main document whose type line is "QUYẾT ĐỊNH"."""
    return doc.main and doc.title is not None and text(doc.title) == DECISION


def _head(doc: LayoutDocument) -> list[Any]:
    """Paragraphs of the main part from the type line to the signature table (centred ones included)."""
    out, started = [], False
    for block in doc.sections[0].blocks:
        if block is doc.sign_table:
            break
        if block is doc.title:
            started = True
        if started and wx.is_paragraph(block) and text(block):
            out.append(block)
    return out


def _is_basis(line: str) -> bool:
    return line.lstrip("- ").startswith(BASIS_LEADS)


def _bold(doc: LayoutDocument, p: Any) -> bool:
    return all(doc.fmt.bold(r, p) for r in wx.text_runs(p))


@rule("quyet_dinh.tham_quyen", "Quyết định: dòng thẩm quyền ban hành (in hoa, đậm, căn giữa) đứng trước các căn cứ")
def authority(doc: LayoutDocument) -> Verdict:
    if not is_decision(doc):
        return NA, "không phải quyết định"
    paras = _head(doc)
    first_basis = next((i for i, p in enumerate(paras) if _is_basis(text(p)) or ARTICLE.match(text(p))), len(paras))
    centred = [p for p in paras[2:first_basis] if doc.fmt.jc(p) == "center" and text(p) != DECISION_LINE]
    if not centred:
        return FAIL, "thiếu dòng thẩm quyền ban hành (ví dụ 'ỦY BAN NHÂN DÂN TỈNH …') trước các căn cứ"
    line = centred[-1]
    words = text(line)
    if words != words.upper() or not _bold(doc, line):
        return FAIL, f"«{short(words)}» phải in hoa, đậm"
    return PASS, f"«{words}»"


@rule("quyet_dinh.dong_quyet_dinh", "Quyết định: dòng 'QUYẾT ĐỊNH:' đậm, căn giữa, sau các căn cứ, trước Điều 1")
def decision_line(doc: LayoutDocument) -> Verdict:
    if not is_decision(doc):
        return NA, "không phải quyết định"
    paras = _head(doc)
    found = [i for i, p in enumerate(paras) if text(p) == DECISION_LINE]
    if not found:
        return FAIL, "thiếu dòng 'QUYẾT ĐỊNH:' trước các Điều"
    i = found[0]
    p = paras[i]
    bad = []
    if doc.fmt.jc(p) != "center" or not _bold(doc, p):
        bad.append("'QUYẾT ĐỊNH:' phải đậm, căn giữa")
    if any(ARTICLE.match(text(q)) for q in paras[:i]):
        bad.append("'QUYẾT ĐỊNH:' đứng sau Điều 1")
    if any(_is_basis(text(q)) for q in paras[i + 1:]):
        bad.append("có căn cứ đứng sau 'QUYẾT ĐỊNH:'")
    return (FAIL, "; ".join(bad)) if bad else (PASS, "đậm, căn giữa, sau các căn cứ")


@rule("quyet_dinh.dieu", "Quyết định: các Điều đánh số 1, 2, 3… theo thứ tự, 'Điều n.' đậm; Điều cuối giao "
                         "việc thi hành; Nơi nhận bắt đầu '- Như Điều n;'")
def articles(doc: LayoutDocument) -> Verdict:
    if not is_decision(doc):
        return NA, "không phải quyết định"
    body = main_body(doc)
    found = [(int(m.group(1)), p) for p in body if (m := ARTICLE.match(text(p)))]
    if not found:
        return FAIL, "không có Điều nào ('Điều 1. …')"
    numbers = [n for n, _p in found]
    bad = []
    if numbers != list(range(1, len(numbers) + 1)):
        bad.append(f"các Điều đánh số {', '.join(map(str, numbers))} (cần 1, 2, 3… liên tiếp)")
    for n, p in found:
        label = wx.text_runs(p)[0] if wx.text_runs(p) else None
        if label is None or not doc.fmt.bold(label, p):
            bad.append(f"'Điều {n}.' phải đậm")
    if bad:
        return FAIL, "; ".join(bad)
    last = numbers[-1]
    tail = " ".join(text(p) for p in body[body.index(found[-1][1]):])
    if EXECUTING not in tail:
        return REVIEW, f"Điều {last} không nêu ai chịu trách nhiệm thi hành"
    recipients = [text(p) for p in wx.column_paragraphs(doc.sign_table, 0) if text(p)] if doc.sign_table is not None else []
    note = "" if len(recipients) > 1 and recipients[1].startswith(f"- Như Điều {last}") else \
        f"; Nơi nhận không bắt đầu '- Như Điều {last};' (nơi thi hành được kể tên riêng)"
    return PASS, f"{len(numbers)} Điều; Điều {last} giao việc thi hành{note}"


def attached_sections(doc: LayoutDocument) -> list[Section]:
    """The sections holding a document issued with the decision ("(Ban hành kèm theo …)")."""
    return [s for s in doc.sections[1:] if not s.appendix
            and any(text(p).startswith(ATTACHED_REF_START) for p in s.paragraphs())]


def _ref_matches(doc: LayoutDocument, line: str) -> str | None:
    """Why the reference line's number or date differ from the header's (None when they agree)."""
    m = d30.APPENDIX_REF.search(line)
    _p, number = number_line(doc)
    if m is None:
        return None if d30.NUMBER_LINE_DRAFT.match(number) else f"không đọc được số, ngày trong «{short(line, 80)}»"
    mnum = re.match(r"^Số:\s*(\S+)$", re.sub(r"\s+", " ", number))
    if mnum and m.group("num") != mnum.group(1):
        return f"số '{m.group('num')}' khác văn bản chính '{mnum.group(1)}'"
    date_p = date_line(doc)
    parts = d30.DATE_LINE.match(text(date_p)) if date_p is not None else None
    if parts and (m.group("d"), m.group("m"), m.group("y")) != (parts.group("d"), parts.group("m"), parts.group("y")):
        return f"ngày {m.group('d')}/{m.group('m')}/{m.group('y')} khác văn bản chính"
    return None


@rule("kem_theo.van_ban", "Văn bản ban hành kèm theo: tên loại đậm, căn giữa; dòng '(Ban hành kèm theo …)' in "
                          "nghiêng, đúng số và ngày của quyết định; kết thúc bằng './.'")
def attached(doc: LayoutDocument) -> Verdict:
    sections = attached_sections(doc)
    if not sections:
        return NA, "không có văn bản ban hành kèm theo"
    bad = []
    for s in sections:
        paras = [p for p in s.paragraphs() if text(p)]
        ref_i = next(i for i, p in enumerate(paras) if text(p).startswith(ATTACHED_REF_START))
        ref = paras[ref_i]
        types = [p for p in paras[:ref_i] if text(p) in d30.TYPE_CODES]
        if not types or doc.fmt.jc(types[0]) != "center" or not _bold(doc, types[0]):
            bad.append(f"{s.name}: thiếu tên loại văn bản đậm, căn giữa trước dòng '(Ban hành kèm theo …)'")
        if not all(doc.fmt.italic(r, ref) for r in wx.text_runs(ref)):
            bad.append(f"{s.name}: dòng '(Ban hành kèm theo …)' không in nghiêng")
        if (why := _ref_matches(doc, text(ref))) is not None:
            bad.append(f"{s.name}: {why}")
        body = [p for p in paras[ref_i + 1:] if doc.fmt.jc(p) != "center"]
        if not body or not text(body[-1]).endswith(d30.BODY_END):
            bad.append(f"{s.name}: đoạn cuối không kết thúc bằng './.'")
    if bad:
        return FAIL, "; ".join(bad)
    return PASS, f"{len(sections)} văn bản kèm theo, khớp số và ngày của quyết định"
