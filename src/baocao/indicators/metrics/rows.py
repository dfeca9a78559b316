"""Pieces the built-in metrics share: which rows a ``compute:`` entry selects, and its notes.

``table``/``tables`` name the tables, ``where`` the conditions (:mod:`baocao.indicators.filters`),
``active_at_cutoff`` the rows existing at the date computed at; yearly tables are read in their
latest year ended by that date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from baocao.vnformat import date_short

from ..filters import TableView, latest_year, sheet_of, undated_flag_notes, uses_rating, where_mask
from ..model import ComputeError, NoData
from .registry import Context

#: The noun a sentence counts for each entity table.
NOUNS = {"cooperatives": "HTX", "unions": "LHHTX", "groups": "THT", "linkage_models": "mô hình"}


def table_names(table: str | None, tables: Iterable[str] | None) -> list[str]:
    """The tables of a ``table:`` and/or ``tables:`` parameter (at least one)."""
    names = [table] if table else []
    names += list(tables or [])
    if not names:
        raise ComputeError("cần 'table' (hoặc 'tables')")
    return names


def nonempty_view(ctx: Context, name: str) -> TableView:
    """The table *name*; NoData when it has no row."""
    view = ctx.view(name)
    if len(view) == 0:
        raise NoData(f"trang tính '{sheet_of(name)}' không có dòng nào")
    return view


def _lifespan(active: Any) -> tuple[str, str | None] | None:
    if isinstance(active, (list, tuple)):
        if len(active) not in (1, 2):
            raise ComputeError("'active_at_cutoff' là true/false hoặc [cột ngày bắt đầu, cột ngày kết thúc]")
        return (str(active[0]), str(active[1]) if len(active) == 2 and active[1] else None)
    return None


def row_mask(ctx: Context, view: TableView, where: Mapping[str, Any] | None, active: Any,
             notes: list[str]) -> np.ndarray:
    """Rows of *view* meeting *where* (and existing at ``ctx.at`` when *active*)."""
    ranks = None
    if uses_rating(where):
        year, ranks = ctx.rating_ranks(view)
        add_note(notes, f"xếp loại theo kết quả năm {year}")
    mask = where_mask(view, where, ctx.env, ranks)
    for text in undated_flag_notes(view, where):
        add_note(notes, text)
    if active:
        mask &= ctx.alive(view, _lifespan(active))
    return mask


def add_note(notes: list[str], text: str) -> None:
    """Append *text* to *notes* once."""
    if text not in notes:
        notes.append(text)


def latest_year_mask(ctx: Context, view: TableView, current_year: bool) -> tuple[np.ndarray, int]:
    """Rows of the latest year ended by ``ctx.at`` (column ``year``); with *current_year* or in estimate
    mode (``ctx.estimate``), the cut-off's own year counts."""
    years = view.array("year")
    year = latest_year(years, ctx.at, current_year=current_year or ctx.estimate)
    if year is None:
        raise NoData(f"trang tính '{sheet_of(view.name)}' chưa có số liệu của năm nào kết thúc trước "
                     f"{date_short(ctx.at)}")
    return years == year, year


def masked_sum(values: np.ndarray, mask: np.ndarray) -> float:
    """Sum of *values* under *mask*, blanks left out."""
    return float(np.nansum(values[mask]))
