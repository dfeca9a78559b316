"""The plan (kế hoạch): model, loading and writing, and its text in document order.

The model knows nothing of its presentation: the outline (:mod:`.outline`) is attached here as the
way ``print(plan)`` and Jupyter show a plan.
"""

from .io import dump_plan, dump_plan_text, load_plan, parse_plan
from .model import Plan, Target, Task, TaskGroup, Unit
from .outline import outline_html, outline_text
from .timeframe import Timeframe, parse_timeframe

Plan.__str__ = outline_text  # type: ignore[method-assign]
Plan._repr_html_ = outline_html  # type: ignore[attr-defined]

__all__ = ["Plan", "Target", "Task", "TaskGroup", "Timeframe", "Unit", "dump_plan", "dump_plan_text",
           "load_plan", "parse_plan", "parse_timeframe"]
