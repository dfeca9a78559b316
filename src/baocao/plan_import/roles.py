"""Roles of sections and headings read from their titles, and targets written as text.

Roles are those the shipped plans use: "MỤC ĐÍCH, YÊU CẦU" → ``purposes``, "MỤC TIÊU" → ``specific_targets``,
"Mục tiêu chung" → ``general_goals``, "Mục tiêu cụ thể" → ``specific_targets``, "TỔ CHỨC THỰC HIỆN" and
"PHÂN CÔNG NHIỆM VỤ" (the duties by unit, QĐ 254/QĐ-UBND Sơn La) → ``implementation``; a heading of a section without a role whose items set rates ("đạt 100%") holds specific
targets whatever its title ("1. Nhiệm vụ"). Each item under a specific-targets part gets a qualitative target quoting it, for the
analyst to give its figures and ``compute:`` later (the import cannot read a target's meaning).
"""

from __future__ import annotations

import re
from typing import Any

from .blocks import Node

SECTION_ROLES = ((re.compile(r"^MỤC ĐÍCH", re.I), "purposes"),
                 (re.compile(r"^MỤC TIÊU CHUNG\W*$", re.I), "general_goals"),
                 (re.compile(r"^MỤC TIÊU(?: CỤ THỂ)?\W*$", re.I), "specific_targets"),
                 (re.compile(r"^TỔ CHỨC THỰC HIỆN", re.I), "implementation"),
                 (re.compile(r"^PHÂN CÔNG (?:NHIỆM VỤ|TRÁCH NHIỆM)", re.I), "implementation"))
HEADING_ROLES = ((re.compile(r"^Mục tiêu chung\W*$", re.I), "general_goals"),
                 (re.compile(r"^Mục tiêu cụ thể\W*$", re.I), "specific_targets"))
TARGET_REASON = ("chỉ tiêu ghi dạng chữ: gắn compute: (cách tính) và mức cần đạt, đổi 'kind' nếu là chỉ tiêu "
                 "định lượng, hoặc xóa nếu không phải chỉ tiêu")
LABEL_WIDTH = 80
#: A heading with at least this many items setting a rate holds specific targets, whatever its title.
FIGURED_ITEMS = 2
PERCENT = re.compile(r"\d(?:[\d.,]*\d)?\s?%")


def mark_roles(part: dict[str, Any], root: Node) -> None:
    """Set the role of a section (by its title) and of its headings ("Mục tiêu chung", "Mục tiêu cụ thể")."""
    for pattern, role in SECTION_ROLES:
        if pattern.match(part.get("title", "")):
            part["role"] = role
            break
    for node in _walk(root):
        if node.entry is not None and node.entry.kind == "heading":
            for pattern, role in HEADING_ROLES:
                if pattern.match(node.entry.text):
                    node.extra["role"] = role
            if "role" not in node.extra and part.get("role") is None and _figures(node) >= FIGURED_ITEMS:
                node.extra["role"] = "specific_targets"  # "1. Nhiệm vụ" whose items set rates to reach


def _figures(node: Node) -> int:
    """How many items right under a heading set a rate ("đạt 100%", "lên 40%")."""
    return sum(1 for c in node.children if c.entry is not None and c.entry.kind != "heading"
               and PERCENT.search(c.entry.text))


def _walk(node: Node):
    for child in node.children:
        yield child
        yield from _walk(child)


def label_of(text: str) -> str:
    """A short name for a target: its first clause, at most :data:`LABEL_WIDTH` characters."""
    clause = re.split(r"[;:]|\.\s|\.$", text.strip(), maxsplit=1)[0].strip().rstrip(",")
    return clause if len(clause) <= LABEL_WIDTH else clause[: LABEL_WIDTH - 1].rstrip() + "…"


def mark_targets(part: dict[str, Any], root: Node, seen: int) -> tuple[list[tuple[Node, str]], int]:
    """Qualitative targets on the items of specific-targets parts; (node, reason) for each, and the count so far."""
    containers = [root] if part.get("role") == "specific_targets" else []
    containers += [n for n in _walk(root) if n.extra.get("role") == "specific_targets"]
    notes: list[tuple[Node, str]] = []
    for container in containers:
        for node in _walk(container):
            e = node.entry
            if (e is None or e.kind == "heading" or e.text.endswith(":") or "targets" in node.extra
                    or e.item.place.table is not None):  # a row of a table in the body: listed as a table
                continue
            seen += 1
            quote = e.text.rstrip(" ;.")
            node.extra["targets"] = [{"id": f"chi_tieu_{seen}", "quote": quote, "label": label_of(quote),
                                      "kind": "qualitative"}]
            notes.append((node, TARGET_REASON))
    return notes, seen
