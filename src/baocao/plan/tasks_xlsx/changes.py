"""What an import of the task table changed: tasks and groups added, removed, moved, edited, reordered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Plan, Task
from ..timeframe import Timeframe

FIELD_NAMES = {
    "text": "nội dung phụ lục", "body": "nội dung trong thân", "in_body": "chỉ có trong phụ lục",
    "lead": "chủ trì", "lead_label": "cách ghi chủ trì", "support": "phối hợp", "timeframe": "thời gian",
    "note": "ghi chú",
}


@dataclass
class TaskChanges:
    """Differences between the task groups of two plans, by task and group id."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (task id, group id)
    removed: list[str] = field(default_factory=list)
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # (task id, from group, to group)
    edited: list[tuple[str, list[str]]] = field(default_factory=list)  # (task id, changed fields)
    reordered: list[str] = field(default_factory=list)
    groups_added: list[str] = field(default_factory=list)
    groups_removed: list[str] = field(default_factory=list)
    groups_edited: list[str] = field(default_factory=list)
    groups_reordered: bool = False

    def __bool__(self) -> bool:
        return any([self.added, self.removed, self.moved, self.edited, self.reordered, self.groups_added,
                    self.groups_removed, self.groups_edited, self.groups_reordered])


def task_changes(old: Plan, new: Plan) -> TaskChanges:
    """What an import changed: added, removed, moved, edited and reordered tasks and groups."""
    where_old = {t.id: (g.id, t) for g in old.task_groups for t in g.tasks}
    where_new = {t.id: (g.id, t) for g in new.task_groups for t in g.tasks}
    ch = TaskChanges()
    ch.added = [(i, g) for i, (g, _) in where_new.items() if i not in where_old]
    ch.removed = [i for i in where_old if i not in where_new]
    for i, (g_new, t_new) in where_new.items():
        if i not in where_old:
            continue
        g_old, t_old = where_old[i]
        if g_old != g_new:
            ch.moved.append((i, g_old, g_new))
        fields = [f for f in FIELD_NAMES if _field(t_old, f) != _field(t_new, f)]
        if fields:
            ch.edited.append((i, fields))
    moved = {i for i, _, _ in ch.moved}
    common_old = [i for i in where_old if i in where_new]
    common_new = [i for i in where_new if i in where_old]
    stay = set(_lcs(common_old, common_new))
    ch.reordered = [i for i in common_new if i not in stay and i not in moved]
    old_groups = {g.id: g for g in old.task_groups}
    new_groups = {g.id: g for g in new.task_groups}
    ch.groups_added = [g for g in new_groups if g not in old_groups]
    ch.groups_removed = [g for g in old_groups if g not in new_groups]
    ch.groups_edited = [g for g in new_groups if g in old_groups and
                        (new_groups[g].title, new_groups[g].appendix_title) !=
                        (old_groups[g].title, old_groups[g].appendix_title)]
    ch.groups_reordered = [g for g in old_groups if g in new_groups] != [g for g in new_groups if g in old_groups]
    return ch


def _field(task: Task, name: str) -> Any:
    value = getattr(task, name)
    return value.text if isinstance(value, Timeframe) else value


def _lcs(a: list[str], b: list[str]) -> list[str]:
    """Longest common subsequence of two id lists (small lists: quadratic is fine)."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    out: list[str] = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            out.append(a[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def describe_changes(ch: TaskChanges) -> list[str]:
    """Vietnamese summary lines of the changes, one per kind."""
    lines: list[str] = []
    if ch.added:
        lines.append(f"Thêm {len(ch.added)} nhiệm vụ: " + ", ".join(f"{i} (nhóm {g})" for i, g in ch.added) + ".")
    if ch.removed:
        lines.append(f"Xóa {len(ch.removed)} nhiệm vụ: {', '.join(ch.removed)}.")
    if ch.moved:
        lines.append(f"Chuyển nhóm {len(ch.moved)} nhiệm vụ: "
                     + ", ".join(f"{i} ({a} → {b})" for i, a, b in ch.moved) + ".")
    if ch.edited:
        lines.append(f"Sửa {len(ch.edited)} nhiệm vụ: "
                     + ", ".join(f"{i} ({', '.join(FIELD_NAMES[f] for f in fs)})" for i, fs in ch.edited) + ".")
    if ch.reordered:
        lines.append(f"Đổi thứ tự {len(ch.reordered)} nhiệm vụ: {', '.join(ch.reordered)}.")
    if ch.groups_added:
        lines.append(f"Thêm nhóm: {', '.join(ch.groups_added)}.")
    if ch.groups_removed:
        lines.append(f"Xóa nhóm: {', '.join(ch.groups_removed)}.")
    if ch.groups_edited:
        lines.append(f"Sửa tên nhóm: {', '.join(ch.groups_edited)}.")
    if ch.groups_reordered:
        lines.append("Đổi thứ tự các nhóm.")
    return lines or ["Không có thay đổi nào."]


