"""The task table's way back: read an edited task table into the plan, then rewrite the plan file.

Reading and writing are two steps so that a command can show what changed before it refuses to
overwrite the plan file (``baocao tasks import``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .outputs import Written

if TYPE_CHECKING:
    from ..plan.model import Plan
    from ..plan.tasks_xlsx import TaskChanges


def leading_comments(text: str) -> str:
    """The comment block at the top of a YAML file (kept when the file is rewritten)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


@dataclass
class TaskImport:
    """An edited task table read into the plan of ``plan_file``: the new plan and what changed."""

    plan_file: Path
    plan: "Plan"
    new: "Plan"
    changes: "TaskChanges"

    def lines(self) -> list[str]:
        """The changes in Vietnamese, one line each."""
        from ..plan.tasks_xlsx import describe_changes

        return describe_changes(self.changes)


def read_task_table(plan_file: str | os.PathLike[str], xlsx: str | os.PathLike[str]) -> TaskImport:
    """Read the edited task table ``xlsx`` into the plan of ``plan_file`` (nothing is written)."""
    from ..plan.io import load_plan
    from ..plan.tasks_xlsx import import_tasks, task_changes

    plan = load_plan(plan_file)
    new = import_tasks(plan, xlsx)
    return TaskImport(Path(plan_file), plan, new, task_changes(plan, new))


def write_task_import(imported: TaskImport, out: str | os.PathLike[str] | None = None, *,
                      overwrite: bool = False) -> Written:
    """Write the new plan to ``out`` (default: back to the plan file), keeping its leading comments.

    The text is parsed again before writing, so a plan file is never replaced by one that does not load.
    """
    from ..fileio.atomic import check_free, write_text_file
    from ..plan.io import dump_plan_text, parse_plan

    target = Path(out) if out is not None else imported.plan_file
    check_free(target, overwrite=overwrite)
    text = leading_comments(imported.plan_file.read_text(encoding="utf-8")) + dump_plan_text(imported.new)
    parse_plan(text, str(target))
    return Written(other=[write_text_file(target, text, overwrite=overwrite)])
