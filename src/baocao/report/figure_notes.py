"""Notes on the report's figures: which commune list a ratio counts on, which targets a chart leaves out.

* Phụ lục I (and the body, after the targets' sentences): the commune list behind the commune-based
  ratios, when a reader could take it for another one — the plan's own (pre-merger) communes at a
  cut-off on or after the 01/7/2025 reorganisation, or the post-merger communes at any cut-off.
* Phụ lục III: the overview chart draws the targets with a % of target only; the others (qualitative
  ones, a distribution, a backlog to clear) are listed under it with their verdicts, so the appendix
  accounts for every target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..vnformat import join_vi
from .reorganisation import REORGANISATION

if TYPE_CHECKING:
    from ..indicators.model import Assessment


def _commune_lists(assessments: Sequence["Assessment"], cutoff: dt.date,
                   rows: Mapping[str, str]) -> list[tuple[str, str]]:
    """("1, 5 và 6", commune list label) per list that needs naming; ``rows``: target id -> row number."""
    lists: dict[str, list[str]] = {}
    for a in assessments:
        c = a.communes
        if c is not None and a.target_id in rows and (c.source == "post_merger" or cutoff >= REORGANISATION):
            lists.setdefault(c.label, []).append(rows[a.target_id])
    return [(join_vi(numbers), label) for label, numbers in lists.items()]


def commune_notes(assessments: Sequence["Assessment"], cutoff: dt.date, rows: Mapping[str, str]) -> list[str]:
    """Under Phụ lục I: one note per commune list the commune-based targets count on, if it needs naming.

    ``rows`` maps a target id to its number in Phụ lục I ("1", "5"…).
    """
    return [f"Ghi chú: chỉ tiêu số {numbers} tính trên địa bàn {label}." for numbers, label in
            _commune_lists(assessments, cutoff, rows)]


def commune_lines(assessments: Sequence["Assessment"], cutoff: dt.date) -> list[str]:
    """The same in the body, after the targets' sentences (numbered as Phụ lục I lists the assessments)."""
    rows = {a.target_id: str(i) for i, a in enumerate(assessments, start=1)}
    return [f"- Chỉ tiêu số {numbers} (Phụ lục I) tính trên địa bàn {label}." for numbers, label in
            _commune_lists(assessments, cutoff, rows)]


def uncharted_notes(assessments: Sequence["Assessment"]) -> list[str]:
    """One paragraph naming the targets the overview chart does not draw, with their verdicts."""
    from ..indicators.overview import charted  # what the overview draws (imported late: it loads pandas)

    left_out = [f"{a.label} ({a.status})" for a in assessments if not charted(a)]
    if not left_out:
        return []
    return ["Chỉ tiêu không thể hiện trên biểu đồ (định tính hoặc không tính tỷ lệ so với mục tiêu; chi tiết tại "
            f"Phụ lục I): {'; '.join(left_out)}."]
