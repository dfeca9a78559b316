"""The cycle's data workbook: schema, validated loading, writing.

``load_data(path)`` returns a :class:`CycleData` (one pandas DataFrame per table, internal column
names, ``_sheet``/``_row`` per row) or raises one :class:`~baocao.errors.InputError` listing every
problem. Sheet names, headers and kinds live in :mod:`baocao.data.schema` only.

pandas and openpyxl are imported on first use, so ``import baocao.data`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from baocao.lazy_exports import lazy_exports

from .cycle import CycleData
from .schema import (
    AGRICULTURE,
    EFFECTIVE_MIN_RATING,
    RATINGS,
    RURAL_UNIT_TYPES,
    TABLE_BY_NAME,
    TABLES,
    Column,
    Table,
    effective_ratings,
)

if TYPE_CHECKING:
    from .load import load_data
    from .write import write_workbook

__all__ = [
    "AGRICULTURE",
    "EFFECTIVE_MIN_RATING",
    "RATINGS",
    "RURAL_UNIT_TYPES",
    "TABLES",
    "TABLE_BY_NAME",
    "Column",
    "CycleData",
    "Table",
    "effective_ratings",
    "load_data",
    "schema_for",
    "write_workbook",
]


__getattr__, __dir__ = lazy_exports(__name__, {"load_data": "baocao.data.load",
                                               "write_workbook": "baocao.data.write",
                                               "schema_for": "baocao.data.declared"})
