"""The plan (kế hoạch): model, loading and writing, and its text in document order."""

from .io import dump_plan, dump_plan_text, load_plan, parse_plan
from .model import Plan, Target, Task, TaskGroup, Unit
from .timeframe import Timeframe, parse_timeframe

__all__ = ["Plan", "Target", "Task", "TaskGroup", "Timeframe", "Unit", "dump_plan", "dump_plan_text",
           "load_plan", "parse_plan", "parse_timeframe"]
