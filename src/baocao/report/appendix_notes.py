"""Notes printed under the report's appendices: what a figure counts on, what a chart leaves out.

* Phụ lục I: the commune list behind the commune-based ratios, when a reader could take it for
  another one — the plan's own (pre-merger) communes at a cut-off on or after the 01/7/2025
  reorganisation, or the post-merger communes at any cut-off.
* Phụ lục III: the overview chart draws the quantitative targets only; the qualitative ones are
  listed under it with their verdicts, so the appendix accounts for every target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..indicators.communes import POST_MERGER_AS_OF
from ..indicators.overview import QUANTITATIVE
from ..vnformat import join_vi

if TYPE_CHECKING:
    from ..indicators.model import Assessment


def commune_notes(assessments: Sequence["Assessment"], cutoff: dt.date, rows: Mapping[str, str]) -> list[str]:
    """One note per commune list the commune-based targets count on, if the list needs naming.

    ``rows`` maps a target id to its number in Phụ lục I ("1", "5"…).
    """
    lists: dict[str, list[str]] = {}
    for a in assessments:
        c = a.communes
        if c is not None and a.target_id in rows and (c.source == "post_merger" or cutoff >= POST_MERGER_AS_OF):
            lists.setdefault(c.label, []).append(rows[a.target_id])
    return [f"Ghi chú: chỉ tiêu số {join_vi(numbers)} tính trên {label}." for label, numbers in lists.items()]


def uncharted_notes(assessments: Sequence["Assessment"]) -> list[str]:
    """One paragraph naming the targets the overview chart does not draw (qualitative ones) with their verdicts."""
    left_out = [f"{a.label} ({a.status})" for a in assessments if a.kind not in QUANTITATIVE]
    if not left_out:
        return []
    return [f"Chỉ tiêu định tính, không thể hiện trên biểu đồ (chi tiết tại Phụ lục I): {'; '.join(left_out)}."]
