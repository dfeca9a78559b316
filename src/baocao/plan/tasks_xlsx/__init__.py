"""The task table (bảng nhiệm vụ) as an .xlsx an analyst edits, and the edits read back into a plan.

:func:`export_tasks` writes one bold row per task group and one row per task (:mod:`.export`);
:func:`import_tasks` turns the edited sheet into a new plan whose task groups follow the sheet
(:mod:`.importer`); :func:`task_changes` and :func:`describe_changes` say what the edits changed
(:mod:`.changes`). Both directions share the columns of :mod:`.columns`.
"""

from .changes import FIELD_NAMES, TaskChanges, describe_changes, task_changes
from .columns import HELP_SHEET, SHEET, UNITS_SHEET, Column, task_columns
from .export import SheetRow, export_tasks, help_lines, lead_column_count, sheet_rows
from .importer import RawSheet, import_tasks, read_task_sheet, tasks_from_sheet

__all__ = ["FIELD_NAMES", "HELP_SHEET", "SHEET", "UNITS_SHEET", "Column", "RawSheet", "SheetRow", "TaskChanges",
           "describe_changes", "export_tasks", "help_lines", "import_tasks", "lead_column_count", "read_task_sheet",
           "sheet_rows", "task_changes", "task_columns", "tasks_from_sheet"]
