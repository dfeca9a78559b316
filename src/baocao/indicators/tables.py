"""Assessments as tables: a machine table, the Vietnamese display table (plain or styled with the status
colours), a text table for the terminal and the evidence rows under the workbook's Vietnamese headers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from .model import STATUS_COLORS, Assessment, ClassGoal
from .text import DASH, class_target_text, fmt_value

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

DISPLAY_COLUMNS = ("Mã", "Chỉ tiêu", "Giá trị", "Lộ trình", "Mục tiêu", "% mục tiêu", "Tình trạng")


def to_frame(assessments: Iterable[Assessment]) -> pd.DataFrame:
    """One row per assessment with raw numbers (for CSV, notebooks and further computation)."""
    rows = []
    for a in assessments:
        target = a.target
        low = high = None
        if isinstance(target, tuple) and target and not isinstance(target[0], ClassGoal):
            low, high = target
        elif isinstance(target, (int, float)):
            low = float(target)
        rows.append({
            "target_id": a.target_id, "label": a.label, "kind": a.kind, "unit": a.unit,
            "cutoff": a.cutoff, "deadline": a.deadline, "value": a.value, "comparator": a.comparator,
            "target": low, "target_high": high, "target_text": a.target_text,
            "percent_of_target": a.percent_of_target, "expected": a.expected, "path_date": a.path_date,
            "measure": a.measure, "path": a.path, "baseline": a.baseline,
            "status": a.status, "numerator": a.numerator, "denominator": a.denominator,
            "communes": a.communes.source if a.communes else None,
            "communes_as_of": a.communes.as_of if a.communes else None,
            "communes_count": a.communes.size if a.communes else None,
            "data_date": a.data_date, "reason": a.reason, "sentence": a.sentence,
        })
    return pd.DataFrame(rows)


def _compact(a: Assessment) -> tuple[str, str, str]:
    """Value, path and target (the plan's words) of a distribution, class by class in the label's order:
    "44,2% / 41,6% / 14,2%"; of any other target its texts."""
    if not a.classes:
        return a.value_text, a.path_text, a.target_text
    value = " / ".join(fmt_value(c.value, a.unit) if c.value is not None else DASH for c in a.classes)
    path = " / ".join(fmt_value(c.path, a.unit) if c.path is not None else DASH for c in a.classes)
    goals = a.target if isinstance(a.target, tuple) else ()
    target = " / ".join(class_target_text(g, a.unit) for g in goals if isinstance(g, ClassGoal))
    return value, path, target


def display_frame(assessments: Iterable[Assessment], *, compact: bool = False) -> pd.DataFrame:
    """The table an analyst reads: Mã, Chỉ tiêu, Giá trị, Lộ trình (the path the verdict compared the figure
    with), Mục tiêu (the plan's words), % mục tiêu, Tình trạng.

    ``compact``: a distribution shows its classes' values, paths and targets separated by "/".
    """
    rows = []
    for a in assessments:
        value, path, target = _compact(a) if compact else (a.value_text, a.path_text, a.target_text)
        rows.append((a.target_id, a.label, value, path, target, a.percent_text, a.status))
    return pd.DataFrame(rows, columns=list(DISPLAY_COLUMNS))


def status_css(status: str) -> str:
    """CSS of a status cell: the status colour (:data:`~baocao.indicators.model.STATUS_COLORS`) as background."""
    color = STATUS_COLORS.get(status)
    return f"background-color: {color}; color: white; font-weight: bold" if color else ""


def styled_frame(assessments: Iterable[Assessment], *, compact: bool = True, caption: str | None = None) -> Styler:
    """:func:`display_frame` as a pandas ``Styler`` for a notebook: the "Tình trạng" cells in their status
    colour, the label left-aligned and wide, numbers and status words never wrapped, no index.

    The colours are those of the charts, so a table and a chart of the same assessments agree.
    """
    df = display_frame(assessments, compact=compact)
    styler = (df.style
              .hide(axis="index")
              .map(status_css, subset=["Tình trạng"])
              .set_properties(subset=["Chỉ tiêu"], **{"text-align": "left", "min-width": "28em"})
              .set_properties(subset=["Giá trị", "Lộ trình", "% mục tiêu", "Tình trạng"],
                              **{"white-space": "nowrap"}))
    return styler.set_caption(caption) if caption else styler


#: Columns the metrics add to the evidence rows, with their Vietnamese headers.
EVIDENCE_EXTRA_HEADERS = {
    "commune": "Xã được tính (mã)",
    "counted": "Được tính vào tử số",
    "period": "Kỳ",
    "class": "Nhóm xếp loại",
}
_PERIOD_VI = {"current": "kỳ đánh giá", "baseline": "kỳ gốc"}


def evidence_frame(assessment: Assessment) -> pd.DataFrame:
    """The rows behind a figure (:attr:`Assessment.evidence`) under the data workbook's Vietnamese headers.

    "Trang tính" and "Hàng" (the Excel row) come first, then the sheet's columns in workbook order under
    their headers (:mod:`baocao.data.schema`), then what the metric added ("Được tính vào tử số", "Kỳ",
    "Nhóm xếp loại", …). Yes/no cells read "Có"/"Không"; dates stay dates and numbers stay numbers, so
    the frame can still be filtered and sorted. Rows pooled from two sheets (HTX and LHHTX) share a column
    when the internal name is the same ("Tên HTX / Tên LHHTX"). Empty frame when there is no evidence.
    """
    from baocao.data.schema import NO, TABLE_BY_NAME, YES

    ev = assessment.evidence
    if ev is None or ev.empty:
        return pd.DataFrame(columns=["Trang tính", "Hàng"])
    tables = [TABLE_BY_NAME[t] for t in pd.unique(ev["table"]) if t in TABLE_BY_NAME] if "table" in ev else []
    headers: dict[str, str] = {"sheet": "Trang tính", "row": "Hàng"}
    for col in ev.columns:
        if col in headers or col == "table":
            continue
        found = list(dict.fromkeys(t.header(col) for t in tables if col in t.column_by_name))
        headers[col] = " / ".join(found) if found else EVIDENCE_EXTRA_HEADERS.get(col, col)
    out = ev[list(headers)].copy()
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map({True: YES, False: NO}).astype(object)
    if "period" in out:
        out["period"] = out["period"].map(lambda v: _PERIOD_VI.get(v, v))
    if "class" in out and assessment.classes:
        labels = {c.key: c.label for c in assessment.classes}
        out["class"] = out["class"].map(lambda v: labels.get(v, v))
    return out.rename(columns=headers).reset_index(drop=True)


def text_table(assessments: Iterable[Assessment], *, width: int = 48) -> str:
    """A fixed-width text rendering of :func:`display_frame` for the terminal (labels cut at *width*)."""
    df = display_frame(assessments, compact=True)
    cells = [[str(v) for v in row] for row in df.itertuples(index=False)]
    cells = [[c if (i != 1 or len(c) <= width) else c[: width - 1] + "…" for i, c in enumerate(row)]
             for row in cells]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(DISPLAY_COLUMNS)]
    right = {2, 3, 5}

    def line(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    out = [line(list(DISPLAY_COLUMNS)), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    return "\n".join(out)
