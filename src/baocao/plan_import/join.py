"""Where the body lists the appendix's task groups: "3.1. title" headings with one "- …" per task.

When a run of headings matches the task groups read from the appendix (same count, each heading's
dashes matching its group's tasks in order), the headings become ``tasks: all`` and the groups are
filled in: ``title`` is the body heading (``appendix_title`` the appendix row when it differs), a task's
``body`` its body wording when that is not its appendix text + ".", ``in_body: false`` for a task the
body does not list.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from .blocks import Node

#: How alike a body item and an appendix task must be (difflib ratio, case folded) to be the same task.
SAME_TASK = 0.6


def _alike(a: str, b: str) -> float:
    """How alike two wordings are, word by word (fast on long paragraphs)."""
    if a.rstrip(" .") == b.rstrip(" ."):
        return 1.0
    m = SequenceMatcher(None, a.casefold().split(), b.casefold().split(), autojunk=False)
    return m.ratio() if m.quick_ratio() >= SAME_TASK else 0.0


def _align(items: list[str], tasks: list[dict[str, Any]]) -> list[int] | None:
    """The index of the task each body item is, in order (tasks may be skipped), or None."""
    out, pos = [], 0
    for text in items:
        found = next((k for k in range(pos, len(tasks)) if _alike(text, tasks[k]["text"]) >= SAME_TASK), None)
        if found is None:
            return None
        out.append(found)
        pos = found + 1
    return out


def _lead(node: Node) -> int:
    """How many items come before the first heading under *node* (a sentence introducing the groups)."""
    return next((k for k, c in enumerate(node.children) if c.entry is not None and c.entry.kind == "heading"),
                len(node.children))


def _match(node: Node, groups: list[dict[str, Any]]) -> list[list[int]] | None:
    heads = node.children[_lead(node):]
    if len(heads) != len(groups) or not heads:
        return None
    out = []
    for head, group in zip(heads, groups):
        e = head.entry
        if e is None or e.kind != "heading" or any(
                c.entry is None or c.entry.kind != "dash" or c.children for c in head.children):
            return None
        found = _align([c.entry.text for c in head.children if c.entry], group.get("tasks", []))
        if found is None:
            return None
        out.append(found)
    return out


def _candidates(node: Node):
    yield node
    for child in node.children:
        if child.entry is not None and child.entry.kind == "heading":
            yield from _candidates(child)


def place_tasks(root: Node, groups: list[dict[str, Any]]) -> bool:
    """Put ``tasks: all`` where the body lists *groups* and fill them in (see the module docstring)."""
    if not groups:
        return False
    for node in _candidates(root):
        found = _match(node, groups)
        if found is None:
            continue
        lead = _lead(node)
        for head, group, indexes in zip(node.children[lead:], groups, found):
            assert head.entry is not None
            title = head.entry.text
            shown = group.get("appendix_title") or group.get("title", "")
            if shown != title:
                group["appendix_title"] = shown
            else:
                group.pop("appendix_title", None)
            group["title"] = title
            items = [c.entry.text for c in head.children if c.entry]
            for k, task in enumerate(group.get("tasks", [])):
                if k not in indexes:
                    task["in_body"] = False
                    continue
                text = items[indexes.index(k)]
                if text != task["text"].rstrip() + ".":
                    task["body"] = text
        node.children = [*node.children[:lead], Node(None, 99.0, extra={"tasks": True})]
        return True
    return False
