"""The registry of computations ("metrics") that turn the cycle's tables into a target's value.

A target's ``compute:`` mapping names a metric and its parameters::

    compute:
      metric: share_communes_with
      table: cooperatives
      active_at_cutoff: true
      unit_types: [Xã]

Every key but ``metric`` and ``subject`` is passed to the metric function as a keyword argument.
A metric receives a :class:`Context` (the data, the plan, the target, the date to compute at,
the commune list mode) and returns a :class:`~baocao.indicators.model.MetricResult` in the target's
unit, or raises :class:`~baocao.indicators.model.NoData` with a Vietnamese reason. A plan may add its
own with :func:`register_metric`. Everything is vectorised with pandas: no Python loop runs over rows.

Modules: :mod:`.registry` (``Context``, ``Metric`` and its declared ``params``, ``register_metric``,
``run_metric``), :mod:`.evidence` (the rows behind a value), :mod:`.met_if` (the rules of qualitative
targets), :mod:`.rows` (row selection shared by the built-ins), and the built-ins by kind:
:mod:`.shares`, :mod:`.counts`, :mod:`.amounts`, :mod:`.averages`, :mod:`.ratings`, :mod:`.qualitative`. Importing
the package registers the built-ins.
"""

from __future__ import annotations

from . import amounts, averages, counts, qualitative, ratings, shares  # noqa: F401  (register the built-ins)
from .counts import years_elapsed
from .evidence import concat_evidence, evidence_frame, lazy_evidence
from .met_if import MetRule, met_rule, parse_met_rule
from .registry import (
    METRICS,
    RESERVED_KEYS,
    Context,
    Metric,
    MetricFn,
    Param,
    check_params,
    declared_params,
    get_metric,
    metric_params,
    register_metric,
    run_metric,
)

__all__ = [
    "METRICS", "RESERVED_KEYS", "Context", "MetRule", "Metric", "MetricFn", "Param", "check_params",
    "concat_evidence", "declared_params", "evidence_frame", "get_metric", "lazy_evidence", "met_rule",
    "metric_params", "parse_met_rule", "register_metric", "run_metric", "years_elapsed",
]
