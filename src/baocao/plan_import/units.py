"""Implementation duties by unit: which declared units a paragraph of "Tổ chức thực hiện" names.

A heading that names a unit ("1. Bộ Quốc phòng"), an item that starts with units and a colon ("Văn
phòng:", "Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam: Chủ trì …") or with units and their duty
("Sở Tài chính, UBND các huyện, thành phố theo chức năng, nhiệm vụ …") is marked with ``unit``. Units the
appendix did not declare are appended, each listed for the analyst to check.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .appendix import unit_id
from .blocks import Node

#: Words an agency's name starts with (a unit named only in the body is declared when it starts so).
AGENCY = re.compile(r"^(?:Bộ|Sở|Ủy ban|UBND|Ban|Phòng|Văn phòng|Đài|Thông tấn xã|Liên minh|Quỹ|Trung tâm|Chi cục|"
                    r"Cục|Tổng cục|Vụ|Hội|Công an|Báo|Mặt trận|Tòa án|Viện|Kho bạc|Ngân hàng|Các tổ chức|Các bộ|"
                    r"Các sở|Các cơ quan|Các Ban|Hội đồng|Thanh tra|Trường)\b")
DUTY = re.compile(r" (?:chủ trì|phối hợp|theo chức năng|căn cứ|chịu trách nhiệm|có trách nhiệm|chủ động|tổ chức|"
                  r"thực hiện|hướng dẫn|tham mưu)\b")
SEPARATORS = (", ", " và ", "; ")
NAME_WIDTH = 90
HEADING_WIDTH = 160
NEW_UNIT_REASON = ("đơn vị chỉ có ở phần tổ chức thực hiện (phụ lục không ghi): đã khai báo thêm, cần xem lại "
                   "mã và tên")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _known(text: str, units: list[dict[str, Any]]) -> list[str] | None:
    """The ids of declared units that *text* lists, joined by ", ", " và ", "; " (all of it), or None."""
    names = sorted(((_fold(n), u["id"]) for u in units for n in (u.get("name"), u.get("full_name")) if n),
                   key=lambda x: -len(x[0]))
    folded, pos, out = _fold(text), 0, []
    while pos < len(folded):
        hit = next(((n, i) for n, i in names if folded.startswith(n, pos)
                    and (pos + len(n) == len(folded) or folded.startswith(SEPARATORS, pos + len(n)))), None)
        if hit is None:
            return None
        out.append(hit[1])
        pos += len(hit[0])
        sep = next((s for s in SEPARATORS if folded.startswith(s, pos)), "")
        pos += len(sep)
    return out or None


def _names(node: Node) -> str:
    e = node.entry
    assert e is not None
    text = e.text
    if e.kind == "heading":
        return text.rstrip(" .:")
    head = text.split(":", 1)[0] if ":" in text[:NAME_WIDTH + 1] else ""
    if not head:
        m = DUTY.search(text)
        head = text[: m.start()] if m and m.start() <= NAME_WIDTH else ""
    return re.sub(r"^Đề nghị ", "", head).strip()


def _pieces(names: str) -> list[str]:
    """The agencies a run of names lists: split at ", " and " và " where an agency's name starts
    ("Sở Thương mại, các Ban Ngành liên quan, UBND các huyện, Thành phố, Thị xã" gives three); [] when
    it does not start with one."""
    parts = re.split(r"(, | và )", names)
    out: list[str] = []
    for k in range(0, len(parts), 2):
        piece = parts[k]
        if _agency(piece) or not out:
            out.append(piece)
        else:
            out[-1] += parts[k - 1] + piece
    return out if _agency(out[0]) else []


def _agency(name: str) -> bool:
    """True when *name* starts like an agency's name ("các Ban Ngành …" in running text too)."""
    return bool(AGENCY.match(name) or name.startswith("các ") and AGENCY.match("C" + name[1:]))


def _resolve(node: Node, units: list[dict[str, Any]], added: list[dict[str, Any]]) -> list[str] | None:
    names = _names(node)
    assert node.entry is not None
    if len(names) > (HEADING_WIDTH if names == node.entry.text.rstrip(" .:") else NAME_WIDTH):
        return None
    found = _known(names, units) if names else None
    if found:
        return found
    if (not names or not _pieces(names)) and node.children and node.entry.kind in ("numbered", "lettered") \
            and ":" not in node.entry.text.rstrip(":"):
        names = node.entry.text.rstrip(" .:")  # an item typed like a heading: its children are the duties
        if len(names) > HEADING_WIDTH:
            return None
    if not names:
        return None
    whole = node.entry.kind == "heading" or names == node.entry.text.rstrip(" .:")
    pieces = ([names] if _agency(names) else []) if whole else _pieces(names)
    if not pieces:
        return None
    ids = []
    for p in pieces:
        unit = {"id": unit_id(p, {u["id"] for u in units}), "name": p[:1].upper() + p[1:]}
        units.append(unit)
        added.append(unit)
        ids.append(unit["id"])
    return ids


def mark_units(part: dict[str, Any], root: Node,
               units: list[dict[str, Any]]) -> list[tuple[Node, str, str | None]]:
    """Mark the duties of units in an implementation part; (node, reason, the unit's name) for each unit
    declared here — a paragraph naming three new units gives three notes, each naming its unit."""
    if part.get("role") != "implementation":
        return []
    notes: list[tuple[Node, str, str | None]] = []

    def visit(parent: Node) -> None:
        for node in parent.children:
            if node.entry is None or node.entry.kind == "text" and node.entry.text.endswith(":"):
                continue
            if node.entry.kind == "heading":
                visit(node)
                if any("unit" in c.extra for c in node.children):
                    continue
            added: list[dict[str, Any]] = []
            ids = _resolve(node, units, added)
            if ids:
                node.extra["unit"] = ids[0] if len(ids) == 1 else ids
                notes.extend((node, NEW_UNIT_REASON, f"{u['name']} (mã {u['id']})") for u in added)

    visit(root)
    return notes


#: Words a sentence may start with before the unit it gives a duty to ("Hàng năm Sở Thương mại chủ động …").
SUBJECT_LEAD = re.compile(r"^(?:(?:Hàng|Hằng) (?:năm|quý|tháng),? |Định kỳ,? )?")


def mark_subjects(root: Node, units: list[dict[str, Any]]) -> None:
    """Outside the implementation part: an item whose sentence opens with declared units and their duty
    ("Hàng năm Sở Thương mại chủ động phối hợp …") is marked with them."""
    for node in _walk(root):
        e = node.entry
        if e is None or e.kind == "heading" or "unit" in node.extra:
            continue
        text = e.text[SUBJECT_LEAD.match(e.text).end():]
        m = DUTY.search(text)
        if m is None or m.start() > NAME_WIDTH:
            continue
        found = _known(text[: m.start()], units)
        if found:
            node.extra["unit"] = found[0] if len(found) == 1 else found


def _walk(node: Node):
    for child in node.children:
        yield child
        yield from _walk(child)
