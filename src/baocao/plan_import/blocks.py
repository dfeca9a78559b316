"""Body items read by :mod:`baocao.docread` turned into the plan file's blocks, nested and numbered.

A document shows its items one after the other; which item an item belongs to is not drawn. The
nesting read here is the one the shipped plans use: headings ("1.", "3.1.") hold what follows them;
a lettered or numbered item holds the dash, plus and plain items after it; a dash holds the plus items
after it; a plain paragraph holds nothing. A heading is told from a numbered item by its bold type
when the document sets headings in bold, else by docread's reading (short, no closing mark).
A block gets an explicit ``number`` only where the automatic numbering would print something else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..docread.blocks import Paragraph
from ..docread.outline import Item
from ..vnformat import ITEM_LETTERS, from_roman, roman

#: Ranks on the nesting stack: a section or article is 1, a heading its depth (2 for "1.", 3 for "3.1.").
LETTERED, DASH, PLUS = 10.0, 11.0, 12.0


@dataclass
class Entry:
    """A body item with what the plan file needs: kind ("section", "heading", "numbered", "lettered",
    "dash", "plus", "text"), label as shown, depth of a heading, the docread item it comes from."""

    kind: str
    text: str
    label: str
    depth: int
    item: Item
    mark: str = ""  # the mark after a numbered or lettered label when it is not the usual one ("a." for "a)")

    @property
    def paragraph(self) -> int | None:
        return self.item.place.paragraph


@dataclass
class Node:
    """A block being built: its entry, its children, and its dict once numbered."""

    entry: Entry | None
    rank: float
    children: list["Node"] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # role, unit, targets, tasks …
    key: str = ""  # where the block landed in the plan file: "sections[1].blocks[0].blocks[2]"


def bold_headings(items: list[Item], paragraphs: dict[int, Paragraph]) -> bool:
    """True when the document sets some numbered heading in bold (then bold alone tells a heading)."""
    for it in items:
        p = paragraphs.get(it.place.paragraph or 0)
        if it.label and it.kind == "heading" and it.level in (2, 3, 4) and p is not None and p.bold:
            return True
    return False


def entry(item: Item, paragraphs: dict[int, Paragraph], by_bold: bool) -> Entry:
    """The plan-file kind of a docread item."""
    p = paragraphs.get(item.place.paragraph or 0)
    label = item.label
    if item.kind == "heading" and item.level == 1 and label:
        return Entry("section", item.text, label, 1, item)
    if label and label[0].isdigit():
        depth = 2 + label.count(".")
        if "." in label:
            return Entry("heading", item.text, label, depth, item)
        strong = p is not None and (p.bold or p.outline_level is not None)
        heading = strong if by_bold else item.kind == "heading"
        if heading:
            return Entry("heading", item.text, label, depth, item)
        return Entry("numbered", item.text, label, depth, item, _mark(item, p, "."))
    if label and label in ITEM_LETTERS:
        return Entry("lettered", item.text, label, 0, item, _mark(item, p, ")"))
    if label and _roman(label):
        return Entry("section", item.text, label, 1, item)
    if item.kind in ("dash", "plus"):
        return Entry(item.kind, item.text, item.label, 0, item)
    return Entry("text", item.shown if item.label else item.text, "", 0, item)


def _mark(item: Item, p: Paragraph | None, usual: str) -> str:
    """The mark typed after the item's label ("." or ")") when it is not *usual*, else ""."""
    for line in p.lines if p is not None else []:
        if line.startswith(item.label) and item.text[:30] in line:
            mark = line[len(item.label): len(item.label) + 1]
            return mark if mark in ".)" and mark != usual else ""
    return ""


def _roman(label: str) -> bool:
    try:
        from_roman(label)
    except ValueError:
        return False
    return True


def _pops(e: Entry) -> float:
    """What an entry closes on the stack: a numbered item closes the headings of its own depth."""
    return float(e.depth) if e.kind == "numbered" else _rank(e)


def _rank(e: Entry) -> float:
    if e.kind == "heading":
        return float(e.depth)
    if e.kind == "numbered":
        return e.depth + 0.5
    return {"lettered": LETTERED, "dash": DASH, "plus": PLUS}.get(e.kind, PLUS + 1)


def build(entries: list[Entry], root_rank: float = 1.0) -> Node:
    """Nest *entries* (no sections among them) under a root (see the module docstring)."""
    root = Node(None, root_rank)
    stack = [root]
    for e in entries:
        node = Node(e, _rank(e))
        if e.kind == "text":
            while len(stack) > 1 and stack[-1].rank >= DASH:
                stack.pop()
            stack[-1].children.append(node)
            continue
        while len(stack) > 1 and stack[-1].rank >= _pops(e):
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
    return root


def to_blocks(node: Node, prefix: str = "", key: str = "") -> list[dict[str, Any]]:
    """The children of *node* as plan-file blocks (short form), with ``number`` where the automatic one differs."""
    out: list[dict[str, Any]] = []
    headings = numbered = lettered = 0
    for child in node.children:
        e = child.entry
        child.key = f"{key}.blocks[{len(out)}]"
        if child.extra.get("tasks"):
            out.append({"tasks": "all"})
            continue
        assert e is not None
        block: dict[str, Any] = {e.kind: e.text}
        child_prefix = prefix
        if e.kind == "heading":
            headings += 1
            if e.label != f"{prefix}{headings}":
                block["number"] = e.label
            child_prefix = f"{e.label}."
        elif e.kind == "numbered":
            numbered += 1
            if e.label != str(numbered) or e.mark:
                block["number"] = e.label + e.mark
        elif e.kind == "lettered":
            lettered += 1
            if lettered > len(ITEM_LETTERS) or e.label != ITEM_LETTERS[lettered - 1] or e.mark:
                block["number"] = e.label + e.mark
        block.update({k: v for k, v in child.extra.items() if k != "tasks"})
        inner = to_blocks(child, child_prefix, child.key)
        if inner:
            block["blocks"] = inner
        out.append(block)
    return out


def section_number(label: str, index: int) -> str | None:
    """A section's explicit number, or None when "I.", "II." … in order."""
    return None if label == roman(index) else label
