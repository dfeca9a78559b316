"""The rows behind a metric's value ("evidence"), built only when someone reads them.

Most values are computed for the straight-line path and never shown, so a metric hands back a
:class:`~baocao.indicators.model.LazyEvidence`: the frame of counted rows is built on first
access, and the provenance sidecar can ask for (sheet, Excel row) pairs alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ..filters import TableView, sheet_of
from ..model import LazyEvidence, frame_source_rows, known_row


def evidence_frame(df: pd.DataFrame, table: str, **extra: Any) -> pd.DataFrame:
    """Rows that counted: table, sheet, Excel row, then the table's columns and *extra* columns."""
    out = df.drop(columns=[c for c in ("_sheet", "_row") if c in df.columns]).reset_index(drop=True)
    front = pd.DataFrame({
        "table": pd.Series([table] * len(df), dtype="str"),
        "sheet": (df["_sheet"].reset_index(drop=True) if "_sheet" in df.columns
                  else pd.Series([sheet_of(table)] * len(df), dtype="str")),
        "row": (df["_row"].reset_index(drop=True) if "_row" in df.columns
                else pd.Series([pd.NA] * len(df), dtype="Int64")),
    })
    for k, v in extra.items():
        out[k] = v
    return pd.concat([front, out], axis=1)


def lazy_evidence(view: TableView, mask: np.ndarray, **extra: Any) -> LazyEvidence:
    """Evidence of the rows of *view* under *mask*, built when first asked."""

    def build() -> pd.DataFrame:
        return evidence_frame(view.df[mask], view.name, **{k: np.asarray(v)[mask] for k, v in extra.items()})

    def source_rows() -> list[tuple[str, int]]:
        df = view.df
        if "_row" not in df.columns:
            return []
        rows = df["_row"].to_numpy()[mask].tolist()
        sheets = (df["_sheet"].to_numpy()[mask].tolist() if "_sheet" in df.columns
                  else [sheet_of(view.name)] * len(rows))
        return [(str(s), int(r)) for s, r in zip(sheets, rows) if known_row(r)]

    return LazyEvidence(build, source_rows)


def concat_evidence(parts: list[Callable[[], pd.DataFrame]], **const: Any) -> LazyEvidence:
    """Evidence of several tables, pooled; *const* adds a column with one value per part."""

    def build() -> pd.DataFrame:
        frames = []
        for i, part in enumerate(parts):
            f = part()
            for k, values in const.items():
                f[k] = values[i]
            frames.append(f)
        if len(frames) == 1:
            return frames[0]
        return pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)

    def source_rows() -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for part in parts:
            out.extend(part.source_rows() if isinstance(part, LazyEvidence) else frame_source_rows(part()))
        return out

    return LazyEvidence(build, source_rows)
