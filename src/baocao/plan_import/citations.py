"""A paragraph that cites documents, read back into its parts: "Căn cứ Luật …;", "Xét đề nghị của … tại
Tờ trình số …", "Thực hiện Nghị quyết …; Kế hoạch … và Công văn …, UBND tỉnh ban hành Kế hoạch như sau:".

:func:`parse_basis` gives the plan file's ``LegalBasis`` form (docs/plan-file.md, "Citations") only when
that form renders back to exactly the words of the paragraph (:class:`baocao.plan.citations.LegalBasis`);
otherwise ``None``, and the caller keeps the paragraph as words. Several readings of a paragraph may
render the same; the one chosen splits at every joiner that starts a document ("; Kế hoạch số …").
"""

from __future__ import annotations

import re
from typing import Any

from ..plan.citations import LegalBasis
from ..vnformat import date_short, nfc, parse_date

#: Leads of a citing paragraph, longest first ("- " before them is kept as part of the lead).
LEADS = ("Để triển khai thực hiện", "Để triển khai", "Xét đề nghị của", "Theo đề nghị của", "Thực hiện",
         "Triển khai", "Căn cứ", "Theo")
#: Leads of a legal basis (the others start preamble sentences).
BASIS_LEADS = ("Căn cứ", "Thực hiện", "Xét đề nghị của", "Theo đề nghị của")
#: Words that start a cited document's type.
DOC_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết liên tịch", "Nghị quyết", "Nghị định",
             "Quyết định", "Chỉ thị", "Thông tư liên tịch", "Thông tư", "Kế hoạch", "Công văn", "Chương trình",
             "Tờ trình", "Kết luận", "Thông báo", "Hướng dẫn", "Đề án", "Văn bản", "Báo cáo", "Quy định",
             "Quy chế", "Điều lệ", "Thông tri", "Công điện")
_TYPE_START = re.compile(r"(?:" + "|".join(re.escape(t) for t in DOC_TYPES) + r")\b")
#: A number-symbol; a space typed after one of its hyphens is kept in it ("02/TTr-CAT- ANCTNB", "144/2021/NĐ- CP").
_SYMBOL = r"[^\s;,]*\d[^\s;,]*[/-][^\s;,]*[^\s;,.](?:(?<=-) [A-ZĐ][^\s;,]*[^\s;,.])?"
_DATE = r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}-\d{1,2}-\d{4}|\d{1,2} tháng \d{1,2} năm \d{4}"
_HEAD = re.compile(rf"(?P<type>.+?)(?: (?P<nw>số:?) (?P<symbol>{_SYMBOL})(?: ngày (?P<date>{_DATE}))?"
                   rf"| ngày (?P<date2>{_DATE}))(?P<tail>(?: (?:của|về) .*)?)$")
#: Verbs that start a subject written straight after the issuer ("… của Chính phủ ban hành …"; capitalised
#: when the subject is the cited document's title: "… của Chính phủ Quy định chi tiết …").
_SUBJECT_VERBS = ("ban hành", "phê duyệt", "quy định", "hướng dẫn", "sửa đổi", "thành lập", "triển khai",
                  "thực hiện", "về việc")
_AFTER_VERB = re.compile(r" (?:ban hành|xây dựng|triển khai|thực hiện|lập|đề ra) ")
_JOINERS = ("; ", " và ", ", ")
_END = ";.,:"


def _date(text: str) -> tuple[str, Any] | None:
    """("date", date) when the short form gives the words back, else ("date", words as written)."""
    try:
        when = parse_date(text)
    except ValueError:
        return None
    return ("date", when) if date_short(when) == text else ("date", text)


def _issuer_subject(rest: str) -> dict[str, str]:
    """Issuer, and the subject after "về" or after a verb that starts it."""
    cut = rest.find(" về ")
    verb_at = [m.start() for v in _SUBJECT_VERBS for m in [re.search(rf" {v}\b", rest, re.I)] if m]
    if cut > 0 and not any(v < cut for v in verb_at):
        return {"issuer": rest[:cut], "subject": rest[cut + 4:]}
    if verb_at:
        at = min(verb_at)
        return {"issuer": rest[:at], "about": "", "subject": rest[at + 1:]}
    return {"issuer": rest}


def parse_citation(text: str) -> dict[str, Any] | None:
    """One cited document: "Nghị định số 02/2003/NĐ-CP ngày 14 tháng 1 năm 2003 của Chính phủ về …"."""
    if not _TYPE_START.match(text):
        return None
    m = _HEAD.match(text)
    if not m:
        return None
    out: dict[str, Any] = {"type": m.group("type")}
    if m.group("symbol"):
        if m.group("nw") != "số":
            out["number_word"] = m.group("nw")
        out["symbol"] = m.group("symbol")
    if m.group("date") or m.group("date2"):
        found = _date(m.group("date") or m.group("date2"))
        if found is None:
            return None
        out["date"] = found[1]
    tail = m.group("tail")
    if tail.startswith(" của "):
        out.update(_issuer_subject(tail[5:]))
    elif tail.startswith(" về "):
        out["subject"] = tail[4:]
    return out


def _split_points(text: str) -> list[tuple[int, str]]:
    """(position, joiner) where a joiner is followed by a document type."""
    out = []
    for joiner in _JOINERS:
        for m in re.finditer(re.escape(joiner), text):
            if _TYPE_START.match(text, m.end()):
                out.append((m.start(), joiner))
    return sorted(out)


def _citations(text: str) -> list[dict[str, Any]] | None:
    """The citations of *text* (joined by "; ", " và ", ", "), split wherever a document starts."""
    points = _split_points(text)
    pieces, start, joiner = [], 0, None
    for at, j in points:
        if at < start:
            continue
        first = parse_citation(text[start:at])
        if first is None:
            continue
        rest = parse_citation(text[at + len(j):].split("; ")[0]) or parse_citation(text[at + len(j):])
        if rest is None and _HEAD.match(text[at + len(j):]) is None:
            continue
        pieces.append((joiner, first))
        start, joiner = at + len(j), j
    last = parse_citation(text[start:])
    if last is None:
        return None
    pieces.append((joiner, last))
    out = []
    for j, c in pieces:
        out.append({"joiner": j, **c} if j is not None and j != "; " else c)
    return out


def _after(body: str) -> tuple[str, str]:
    """(citations, words after them): ", UBND tỉnh ban hành Kế hoạch … như sau" or " (sau khi …)"."""
    if body.endswith(" như sau"):
        for at in reversed([m.start() for m in re.finditer(", ", body)]):
            tail = body[at:]
            if re.search(rf"; |{_SYMBOL}", tail):
                break
            if _AFTER_VERB.search(tail):
                return body[:at], tail
    m = re.search(rf"(?:ngày (?:{_DATE})|{_SYMBOL})( \([^()]*\))$", body)
    if m:
        return body[: m.start(1)], m.group(1)
    return body, ""


def _render(data: dict[str, Any]) -> str | None:
    try:
        return LegalBasis.model_validate(data).text()
    except ValueError:
        return None


def parse_basis(text: str) -> dict[str, Any] | None:
    """The ``LegalBasis`` dict of a citing paragraph, or ``None`` when no reading renders back to *text*."""
    text = nfc(text)
    if not text or text != " ".join(text.split()):
        return None
    dash = "- " if text.startswith("- ") else ""
    core = text[len(dash):]
    lead = next((x for x in LEADS if core.startswith(x + " ")), None)
    if lead is None:
        return None
    end = text[-1] if text[-1] in _END else ""
    body = core[len(lead) + 1: len(core) - len(end)]
    data: dict[str, Any] = {"lead": dash + lead}
    for candidate in _readings(body):
        full = {**data, **candidate, "end": end}
        if _render(full) == text:
            return {k: v for k, v in full.items() if v != ""} | {"end": end}
    return None


def _readings(body: str) -> list[dict[str, Any]]:
    """Ways to read the part between the lead and the closing mark, most structured first."""
    out: list[dict[str, Any]] = []
    cited, after = _after(body)
    starts = [0] + [m.start() for m in re.finditer(r" ", cited) if _TYPE_START.match(cited, m.end())]
    for s in starts:
        words = cited[:s]
        part = cited[s + 1:] if s else cited
        found = _citations(part)
        if found:
            out.append({"words": words, "citations": found, "after": after})
    if body:
        out.append({"words": body})
    return out
