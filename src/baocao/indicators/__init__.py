"""The indicator engine: a plan's targets computed from the cycle's data at a cut-off date.

    from baocao.indicators import assess, series, save_charts
    found = assess(plan, data, date(2023, 6, 14))            # list[Assessment]
    found = assess(plan, data, date(2025, 12, 31), communes="post_merger")

Each target's ``compute:`` entry in the plan names a registered metric and its parameters
(docs/indicators.md); a plan can add its own metric with :func:`register_metric`.
Charts are imported only when a chart function is called (the overview with Pillow, the others with
matplotlib).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from baocao.lazy_exports import lazy_exports

from .engine import Engine, assess, assess_one, compute_problems
from .metrics import METRICS, Context, Metric, register_metric
from .model import (
    CHAM_TIEN_DO,
    CHUA_CO_SO_LIEU,
    CHUA_DAT,
    DAT,
    DUNG_TIEN_DO,
    KHONG_DINH_LUONG,
    PROGRESS_STATUSES,
    STATUSES,
    VUOT,
    Assessment,
    ClassAssessment,
    ClassGoal,
    ClassValue,
    CommuneList,
    ComputeError,
    MetricResult,
    NoData,
)
from .series import default_cutoffs, series
from .tables import display_frame, text_table, to_frame

if TYPE_CHECKING:
    from .charts import progress_chart, save_charts
    from .overview import overview_chart

__all__ = [
    "CHAM_TIEN_DO", "CHUA_CO_SO_LIEU", "CHUA_DAT", "DAT", "DUNG_TIEN_DO", "KHONG_DINH_LUONG", "METRICS",
    "PROGRESS_STATUSES", "STATUSES", "VUOT",
    "Assessment", "ClassAssessment", "ClassGoal", "ClassValue", "CommuneList", "ComputeError", "Context",
    "Engine", "Metric", "MetricResult", "NoData", "assess", "assess_one", "compute_problems", "default_cutoffs",
    "display_frame", "overview_chart", "progress_chart", "register_metric", "save_charts", "series",
    "text_table", "to_frame",
]

__getattr__, __dir__ = lazy_exports(__name__, {
    "overview_chart": "baocao.indicators.overview",  # Pillow only
    "progress_chart": "baocao.indicators.charts",  # matplotlib
    "save_charts": "baocao.indicators.charts",
})
