"""The head and foot of a plan or decision read into plan-file data: issuer, document, horizon, signer and
"Nơi nhận".

Everything comes from :class:`~baocao.docread.outline.Outline`: the header (agency lines, number, place and
date), the type line and summary, the reference line of an appendix or attached document ("(Kèm theo Kế hoạch
số 188/KH-LMHTX ngày 11 tháng 5 năm 2021 của Liên minh HTX tỉnh Đắk Nông)", which names the issuer as running
text does), the signer's column and the "Nơi nhận" lines. What is guessed (a short name found in the body, the
years the plan covers) is listed as :class:`~baocao.plan_import.result.Uncertain`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from baocao import decree30 as d30
from baocao.docread import wordxml as wx
from baocao.docx import oxml as ox
from baocao.docread.blocks import Table, flat
from baocao.docread.outline import Outline
from baocao.docread.places import Line, Place

from .result import Uncertain, shorten

#: "(Kèm theo Kế hoạch số: 188/KH-LMHTX ngày 11 tháng 5 năm 2021 của Liên minh HTX tỉnh Đắk Nông)"; the date may
#: be written short: "(Kèm theo Quyết định số 254/QĐ-UBND ngày 17/02/2023 của Chủ tịch Ủy ban nhân dân tỉnh)".
REFERENCE = re.compile(r"^\((?P<prefix>.*?)\s*(?P<symbol>\d*\s*/\s*[A-Za-zĐđ]+-\S+)\s+"
                       r"(?P<when>ngày\b.*?năm\s+\d{4}|ngày\s+\d{1,2}/\d{1,2}/\d{4})\s+của\s+(?P<who>.+)\)\.?$")
#: A body named without its place ("ỦY BAN NHÂN DÂN") and the place on the next line: one name.
_BODY_WORDS = re.compile(r"^(ỦY|UỶ) BAN NHÂN DÂN$|^HỘI ĐỒNG NHÂN DÂN$")
_PLACE_WORDS = re.compile(r"^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\b")
_PERIOD = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})|\b(\d{4})\s*[-–]\s*(\d{4})\b", re.IGNORECASE)
_UNTIL = re.compile(r"đến năm\s+(\d{4})", re.IGNORECASE)
_YEAR = re.compile(r"(?<!tháng )(?<!tháng \d )(?<!tháng \d\d )\bnăm\s+(\d{4})\b", re.IGNORECASE)
#: Acronyms with a vowel, kept in capitals when a name is put in running-text case.
_ACRONYMS = frozenset({"UBND", "HĐND", "UBMTTQ", "MTTQ", "TW", "TU", "LĐLĐ", "ĐTN", "CA"})
#: A parent body named whole on one line: "UBND TỈNH ĐẮK NÔNG", "BỘ TÀI CHÍNH".
_WHOLE_BODY = re.compile(r"^(UBND|(ỦY|UỶ) BAN NHÂN DÂN (TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)|BỘ |LIÊN MINH HTX VIỆT NAM|"
                         r"(TỈNH|HUYỆN|THÀNH) ỦY)")
_SIGNED = re.compile(r"^\((đã ký|ký[^)]*|chữ ký[^)]*)\)$", re.IGNORECASE)


@dataclass
class Head:
    """The parts of the plan file read from the head and foot of the document."""

    issuer: dict[str, Any]
    document: dict[str, Any]
    signer: dict[str, Any]
    recipients: list[str]
    archive: str | None
    reference: dict[str, str] | None  # the first reference line: prefix, symbol, when, who, and its place
    uncertain: list[Uncertain] = field(default_factory=list)


def where(place: Place) -> str:
    """A place as the analyst reads it: "đoạn 12 (II. NỘI DUNG › 1. Mục tiêu chung)"."""
    return f"{place} ({place.heading})" if place.heading else str(place)


def unsure(line: Line | None, reason: str, key: str, text: str = "") -> Uncertain:
    """An uncertain item about ``line`` (or the whole document when there is none)."""
    if line is None:
        return Uncertain("toàn văn bản", shorten(text), reason, key)
    return Uncertain(where(line.place), shorten(text or line.flat), reason, key)


# --------------------------------------------------------------------------- issuer


def _agency_groups(outline: Outline) -> list[list[str]]:
    """The agency lines grouped by the paragraph that holds them (a line break keeps one name together)."""
    agency = outline.header.agency
    if not agency:
        return []
    first = agency[0].place
    groups: list[list[str]] = []
    if first.table is not None:
        table = next((b for b in outline.document.blocks if isinstance(b, Table) and b.number == first.table), None)
        if table is not None and table.element is not None:
            tr = wx.rows(table.element)[(first.row or 1) - 1]
            col = 1 + wx.grid_before(tr)
            for tc in wx.cells(tr):
                if col == first.column:
                    texts = [wx.shown_text(p) for p in wx.cell_paragraphs(tc)]
                    groups = [[flat(x) for x in t.split("\n") if flat(x)] for t in texts]
                    break
                col += max(1, ox.grid_span(tc))
    wanted = [a.flat for a in agency]
    got = [x for g in groups for x in g if x in wanted]
    if got != wanted:  # paragraphs typed with tabs, or cells read differently: one line each
        groups = [[a.flat] for a in agency]
    groups = [[x for x in g if x in wanted] for g in groups]
    return [g for g in groups if g]


def _parent_and_name(groups: list[list[str]]) -> tuple[str, str]:
    """The parent body and the issuer's name (a line break where the header breaks it)."""
    lines = [x for g in groups for x in g]
    if not lines:
        return "", ""
    if len(lines) == 2 and _BODY_WORDS.match(lines[0]) and _PLACE_WORDS.match(lines[1]):
        return "", "\n".join(lines)
    if len(lines) > 2 and len(groups) == len(lines):  # one line a paragraph: the first is the parent
        return lines[0], "\n".join(lines[1:])
    if len(groups) == 1:  # lines of one paragraph (manual breaks) are one name, unless the first is a body
        g = groups[0]
        return (g[0], "\n".join(g[1:])) if len(g) > 1 and _WHOLE_BODY.match(g[0]) else ("", "\n".join(g))
    return "\n".join(x for g in groups[:-1] for x in g), "\n".join(groups[-1])


def read_reference(outline: Outline) -> tuple[dict[str, str], Line] | None:
    """The first "(Kèm theo … số … ngày … của …)" or "(Ban hành kèm theo …)" line of the document."""
    for line in outline.texts():
        m = REFERENCE.match(line.flat)
        if m:
            return {k: v.strip() for k, v in m.groupdict().items()}, line
    return None


def _body_mention(outline: Outline, name: str) -> str | None:
    """The issuer's name as the body writes it (its case), or ``None``."""
    variants = [flat(name)]
    if re.match(r"^(ỦY|UỶ) BAN NHÂN DÂN ", variants[0]):
        variants.append("UBND " + variants[0].split(" ", 4)[4])
    for line in outline.texts():
        if line.place.heading == "phần đầu văn bản":
            continue
        low = line.flat.casefold()
        for v in variants:
            i = low.find(v.casefold())
            if i >= 0 and line.flat[i:i + len(v)] != v:
                return line.flat[i:i + len(v)]
    return None


def _sentence_case(name: str) -> str:
    """"SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" → "Sở nông nghiệp và môi trường"; acronyms kept ("HTX", "UBND")."""
    out: list[str] = []
    place = False  # after "tỉnh", "huyện"…: a place name, each word capitalised
    for i, w in enumerate(flat(name).split()):
        plain = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
        acronym = w in _ACRONYMS or not re.search(r"[AEIOUY]", plain.upper())
        out.append(w if acronym else (w.capitalize() if i == 0 or place else w.lower()))
        place = place or bool(_PLACE_WORDS.match(w)) or (w == "PHỐ" and out[-2:-1] == ["thành"])
    return " ".join(out)


def read_issuer(outline: Outline, reference: tuple[dict[str, str], Line] | None) -> tuple[dict[str, Any], list[Uncertain]]:
    """``issuer``: parent, name, short_name, abbreviation."""
    found: list[Uncertain] = []
    groups = _agency_groups(outline)
    parent, name = _parent_and_name(groups)
    first = outline.header.agency[0] if outline.header.agency else None
    if sum(len(g) for g in groups) > 2:
        found.append(unsure(first, f"phần đầu có {sum(len(g) for g in groups)} dòng tên cơ quan: đọc là cơ quan chủ quản "
                            f"'{parent}' và cơ quan ban hành '{flat(name)}', kiểm tra lại", "issuer.name"))
    if not name:
        name = "CƠ QUAN BAN HÀNH"
        found.append(unsure(first, "không đọc được tên cơ quan ban hành ở phần đầu: ghi lại tên cơ quan", "issuer.name",
                            "(không có)"))
    parts = outline.header.number_parts
    abbreviation = parts[1].split("-", 1)[1] if parts and "-" in parts[1] else ""
    if not d30.AGENCY_CODE.match(abbreviation):
        guess = "".join(w[0] for w in flat(name).replace("Đ", "D").split() if w[0].isalpha()).upper()[:10] or "CQ"
        found.append(unsure(outline.header.number, f"không đọc được ký hiệu cơ quan trong số văn bản: tạm ghi '{guess}'",
                            "issuer.abbreviation", outline.header.number.flat if outline.header.number else "(không có)"))
        abbreviation = guess
    if reference is not None:
        short = reference[0]["who"]
    else:
        mention = _body_mention(outline, name)
        short = mention or _sentence_case(name)
        found.append(unsure(first, "tên cơ quan trong câu văn (short_name) được đoán"
                            + (" theo cách viết trong thân văn bản" if mention else " từ tên ở phần đầu")
                            + ": kiểm tra lại", "issuer.short_name", short))
    issuer = {"parent": parent, "name": name, "short_name": short, "abbreviation": abbreviation}
    if not parent:
        del issuer["parent"]
    return issuer, found


# --------------------------------------------------------------------------- document


def read_document(outline: Outline) -> tuple[dict[str, Any], list[Uncertain]]:
    """``document``: type, number, place, date (or year), summary."""
    found: list[Uncertain] = []
    header = outline.header
    code = d30.TYPE_CODES.get(outline.type_name, header.type_code or "KH")
    if header.type_code and header.type_code != code:
        found.append(unsure(header.number, f"ký hiệu loại trong số văn bản ({header.type_code}) khác tên loại "
                            f"'{outline.type_name}': tệp kế hoạch ghi theo tên loại ({code}), kiểm tra lại",
                            "document.type"))
    number = header.number_parts[0] if header.number_parts else ""
    if number and not d30.DOC_NUMBER.match(number):
        fixed = number.lstrip("0").rjust(2, "0")
        found.append(unsure(header.number, f"số văn bản '{number}' không đúng dạng: ghi là '{fixed}'", "document.number"))
        number = fixed if d30.DOC_NUMBER.match(fixed) else ""
    doc: dict[str, Any] = {"type": code}
    if number:
        doc["number"] = number
    line = header.place_date
    text = line.flat if line else ""
    date, year = header.date, header.year
    if header.place:
        doc["place"] = header.place
    else:
        doc["place"] = "…"
        found.append(unsure(line, "không đọc được địa danh và ngày ban hành: ghi lại", "document.place", text or "(không có)"))
    if date is not None:
        doc["date"] = date
    else:
        if year is None:
            ym = re.search(r"\d{4}", text)
            year = int(ym.group()) if ym else dt.date.today().year
            found.append(unsure(line, f"không đọc được năm ban hành: tạm ghi {year}", "document.year", text or "(không có)"))
        doc["year"] = year
    summary = " ".join(re.sub(r"\s*[\n\t]\s*", " ", x.text.strip()) for x in outline.summary)  # one line, slips kept
    if not summary.strip():
        summary = "…"
        found.append(unsure(outline.type_line, "không thấy trích yếu dưới tên loại văn bản: ghi lại", "document.summary"))
    doc["summary"] = summary
    return doc, found


def read_horizon(outline: Outline, document: dict[str, Any], timeframes: list[str], *,
                 title: str = "") -> tuple[dict[str, int], list[Uncertain]]:
    """``horizon``: the years the plan covers, from the summary or the attached plan's ``title`` ("giai đoạn
    2021-2025", "đến năm 2010", "năm 2024"); else from the document's year to the latest year of the tasks'
    timeframes or the body's "đến năm …", listed as a guess."""
    year = document["date"].year if "date" in document else document["year"]
    summary = f"{document['summary']} {title}".strip()
    if m := _PERIOD.search(summary):
        lo, hi = (int(x) for x in (m.group(1) or m.group(3), m.group(2) or m.group(4)))
        if lo <= hi:
            return {"start": lo, "end": hi}, []
    if m := _UNTIL.search(summary):
        return {"start": min(year, int(m.group(1))), "end": int(m.group(1))}, []
    years = {int(y) for y in _YEAR.findall(summary) if int(y) >= year}
    if len(years) == 1:
        return {"start": min(years), "end": min(years)}, []
    later = [int(y) for t in timeframes for y in re.findall(r"\d{4}", t)]
    later += [int(y) for line in outline.texts() for y in _UNTIL.findall(line.flat)]
    later = [y for y in later if year <= y <= year + 15]
    end = max(later, default=year)
    reason = (f"văn bản không ghi rõ giai đoạn của kế hoạch: tạm ghi {year}-{end} "
              "(năm ban hành đến năm muộn nhất trong thời gian thực hiện): kiểm tra lại")
    return {"start": year, "end": end}, [unsure(outline.type_line, reason, "horizon", f"{year}-{end}")]


# --------------------------------------------------------------------------- signer and "Nơi nhận"


def _sign_lines(lines: list[Line]) -> list[Line]:
    """The signer's own lines: the first table (or run of paragraphs) up to a header of what follows."""
    out: list[Line] = []
    for line in lines:
        if out and out[0].place.table is not None and line.place.table != out[0].place.table:
            break
        if flat(line.text).upper() == d30.QUOC_HIEU or line.flat.upper() in d30.TYPE_CODES:
            break
        out.append(line)
    return out


def read_signer(outline: Outline) -> tuple[dict[str, Any], list[Uncertain]]:
    """``signer``: authority (TM./KT./… lines joined by a line break), position, name."""
    found: list[Uncertain] = []
    lines = [x for x in _sign_lines(outline.signer) if x.flat]
    kept: list[Line] = []
    for x in lines:
        if _SIGNED.match(x.flat):
            found.append(unsure(x, "dòng ghi chú chữ ký không thuộc tệp kế hoạch: bỏ qua khi nhập", "signer"))
        else:
            kept.append(x)
    authority: list[str] = []
    while kept and d30.SIGNER_PREFIX.match(kept[0].flat) and len(kept) > 1:
        authority.append(kept.pop(0).flat)
    if not kept:
        found.append(unsure(None, "không thấy người ký: ghi chức vụ và họ tên", "signer", "(không có)"))
        return {"authority": "\n".join(authority), "position": "…", "name": "…"}, found
    name = kept.pop().flat if len(kept) > 1 else ""
    position = "\n".join(x.flat for x in kept)
    if not name:
        found.append(unsure(kept[0] if kept else None, "không thấy họ tên người ký: ghi lại", "signer.name"))
    signer = {"authority": "\n".join(authority), "position": position, "name": name}
    if not authority:
        del signer["authority"]
    return signer, found


def read_recipients(outline: Outline) -> tuple[list[str], str | None, list[Uncertain]]:
    """"Nơi nhận" lines as "Name (b/c)" strings, and the archive of "- Lưu: VT, VP."."""
    found: list[Uncertain] = []
    copies = outline.copies
    first_table = copies[0].place.table if copies else None
    recipients: list[str] = []
    archive: str | None = None
    for line in copies:
        if first_table is not None and line.place.table != first_table:
            break
        text = re.sub(r"^[-–+•]\s*", "", line.flat)
        if re.match(r"^Lưu\s*:", text):
            archive = re.sub(r"^Lưu\s*:\s*", "", text).rstrip(".;").strip() or "VT"
            break
        text = text.rstrip(";.,").strip()
        if text:
            recipients.append(text)
    if copies and archive is None:
        found.append(unsure(copies[-1], "không thấy dòng '- Lưu: VT…' trong nơi nhận: ghi 'VT'", "archive"))
    return recipients, archive, found


def read_head(outline: Outline) -> Head:
    """Issuer, document, signer and "Nơi nhận" of ``outline`` (the horizon needs the tasks: :func:`read_horizon`)."""
    ref = read_reference(outline)
    issuer, u1 = read_issuer(outline, ref)
    document, u2 = read_document(outline)
    signer, u3 = read_signer(outline)
    recipients, archive, u4 = read_recipients(outline)
    reference = {**ref[0], "paragraph": str(ref[1].place)} if ref else None
    return Head(issuer, document, signer, recipients, archive, reference, [*u1, *u2, *u3, *u4, *_unplaced(outline)])


def reference_date(head: Head) -> tuple[str | None, list[Uncertain]]:
    """The date of the reference line as written when it is short ("17/02/2023": ``attached.ref_date``), and an
    item for the analyst when it is not the date of the document (kept out: the long form is printed)."""
    m = re.fullmatch(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", head.reference["when"]) if head.reference else None
    if m is None or head.reference is None:
        return None, []
    try:
        written = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        written = None
    if written is not None and written == head.document.get("date"):
        return f"{m.group(1)}/{m.group(2)}/{m.group(3)}", []
    return None, [Uncertain(head.reference["paragraph"], head.reference["when"],
                            "ngày ở dòng '(Kèm theo …)' khác ngày ban hành ở phần đầu: in lại theo ngày ban hành, "
                            "kiểm tra lại", "attached")]


def _unplaced(outline: Outline) -> list[Uncertain]:
    """Lines of the head a plan file has no place for: marks above the header, "Kính gửi", extra motto lines."""
    found = []
    for line in outline.header.marks:
        why = ("dấu DỰ THẢO không ghi trong tệp kế hoạch: in bản dự thảo bằng --draft" if "DỰ THẢO" in line.flat.upper()
               else "dòng trên phần đầu (độ mật, độ khẩn…) không có chỗ trong tệp kế hoạch: không in lại")
        found.append(unsure(line, why, "document"))
    for line in outline.addressees:
        found.append(unsure(line, "nơi gửi ('Kính gửi') không có chỗ trong tệp kế hoạch: không in lại", "recipients"))
    for line in outline.header.motto:
        if flat(line.text).upper() != d30.QUOC_HIEU and flat(line.text).replace("–", "-") != d30.TIEU_NGU:
            found.append(unsure(line, "dòng dưới Quốc hiệu không có chỗ trong tệp kế hoạch: không in lại", "document"))
    return found



