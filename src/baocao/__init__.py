"""baocao: a Vietnamese plan (kế hoạch) and its periodic reports (báo cáo) as code and data.

The public entry points are imported lazily so that ``import baocao`` and the command line stay fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_plan": "baocao.plan.io",
    "parse_plan": "baocao.plan.io",
    "dump_plan": "baocao.plan.io",
    "Plan": "baocao.plan.model",
    "InputError": "baocao.errors",
    "BaocaoError": "baocao.errors",
    "sample_path": "baocao.resources",
    "template_path": "baocao.resources",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'baocao' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_EXPORTS))
