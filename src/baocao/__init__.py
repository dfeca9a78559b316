"""baocao: a Vietnamese plan (kế hoạch) and its periodic reports (báo cáo) as code and data.

The public entry points are imported lazily so that ``import baocao`` and the command line stay fast.
"""

from __future__ import annotations

from . import lazy_exports as _lazy

__version__ = "0.1.0"

_EXPORTS = {
    "load_plan": "baocao.indicators.plan_check",  # the plan's own checks and its compute: entries
    "parse_plan": "baocao.indicators.plan_check",
    "dump_plan": "baocao.plan.io",
    "Plan": "baocao.plan.model",
    "import_plan": "baocao.plan_import",  # a plan or decision typed in Word read into a plan file
    "InputError": "baocao.errors",
    "BaocaoError": "baocao.errors",
    "sample_path": "baocao.resources",
    "template_path": "baocao.resources",
}


__getattr__, __dir__ = _lazy.lazy_exports(__name__, _EXPORTS)
