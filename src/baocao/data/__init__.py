"""The cycle's data workbook: schema, validated loading, writing.

``load_data(path)`` returns a :class:`CycleData` (one pandas DataFrame per table, internal column
names, ``_sheet``/``_row`` per row) or raises one :class:`~baocao.errors.InputError` listing every
problem. Sheet names, headers and kinds live in :mod:`baocao.data.schema` only.

pandas and openpyxl are imported on first use, so ``import baocao.data`` stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
    from collections.abc import Mapping, Sequence

    import pandas as pd

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
    "write_workbook",
]


def load_data(path: str | Path, *, strict: bool = False, engine: str = "calamine") -> CycleData:
    """Load and validate the data workbook; see :func:`baocao.data.load.load_data`."""
    from .load import load_data as _load

    return _load(path, strict=strict, engine=engine)


def write_workbook(
    frames: Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    intro: Sequence[Sequence[object]] = (),
    overwrite: bool = False,
) -> Path:
    """Write tables to a data workbook; see :func:`baocao.data.write.write_workbook`."""
    from .write import write_workbook as _write

    return _write(frames, path, intro=intro, overwrite=overwrite)
