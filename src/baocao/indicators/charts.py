"""Charts of the targets: progress charts with matplotlib (imported only inside the functions).

The overview chart is drawn with Pillow in :mod:`.overview` (re-exported here). Progress charts are
:class:`matplotlib.figure.Figure` objects (no pyplot, no global state) that also render themselves
as PNG for Jupyter, so a notebook shows the returned figure inline; :func:`save_charts` writes PNG
files atomically. Text uses "Liberation Serif" (metric-compatible with Times New Roman, with every
Vietnamese glyph).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from baocao.vnformat import number

from .engine import assess
from .model import STATUS_COLORS, Assessment, CommuneMode
from .overview import QUANTITATIVE, overview_chart
from .progress import path_end
from .series import series
from .text import fmt_value
from baocao.errors import UsageError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from baocao.data import CycleData
    from baocao.plan.model import Plan

FONT = "Liberation Serif"
DPI = 150
# STATUS_COLORS (imported above) is defined in .model, shared with the styled tables of .tables
CLASS_COLORS = ("#2166ac", "#f1a340", "#d73027", "#5aae61", "#762a83")
OVERVIEW_FILE = "tong-quan.png"


def _rc() -> Any:
    import matplotlib

    from baocao.chart_font import chart_font

    chart_font(FONT)  # a stale font cache is rebuilt once; a missing font is a Vietnamese warning
    return matplotlib.rc_context({"font.family": FONT, "font.size": 10, "axes.titlesize": 11,
                                  "svg.fonttype": "none"})


@functools.cache
def _chart_class() -> type:
    """A matplotlib Figure that shows itself as PNG in Jupyter, even when pyplot was never imported."""
    from matplotlib.figure import Figure

    class Chart(Figure):
        def _repr_png_(self) -> bytes:
            return figure_png(self)

    return Chart


def _figure(**kwargs: Any) -> Figure:
    return _chart_class()(**kwargs)


def _wrap(text: str, width: int = 70) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _as_year(d: Any) -> float:
    """A date as a decimal year (31/12/2023 -> 2024.0, the end of 2023), cheaper to draw than dates."""
    d = pd.Timestamp(d)
    start = pd.Timestamp(d.year, 1, 1)
    length = (pd.Timestamp(d.year + 1, 1, 1) - start).days
    return d.year + ((d - start).days + 1) / length


def _tick(value: float, _pos: object = None) -> str:
    """Axis numbers the Vietnamese way: "1,5", "12.000"."""
    return number(round(float(value), 2))


def progress_chart(df: pd.DataFrame, target_id: str) -> Figure:
    """Progress of one target over the cut-offs of *df* (from :func:`~baocao.indicators.series`):
    values, the target line (or band) and the straight-line path."""
    from matplotlib.ticker import FuncFormatter

    rows = df[df["target_id"] == target_id].sort_values("cutoff")
    if rows.empty:
        raise UsageError(f"không có chỉ tiêu '{target_id}' trong bảng số liệu")
    main = rows[rows["class_key"] == ""]
    classes = rows[rows["class_key"] != ""]
    unit = str(main["unit"].iloc[0] or "")
    with _rc():
        fig = _figure(figsize=(7.5, 4.8), layout="constrained")
        ax = fig.add_subplot()
        groups = [(k, g) for k, g in classes.groupby("class_key", sort=False)] if len(classes) else [("", main)]
        for i, (key, g) in enumerate(groups):
            color = CLASS_COLORS[i % len(CLASS_COLORS)] if key else "#222222"
            name = str(g["label"].iloc[0]) if key else "Giá trị thực hiện"
            _draw_one(ax, g, color, name, unit, show_status=not key)
        dates = list(rows["cutoff"]) + list(rows["baseline_date"].dropna()) + list(rows["deadline"].dropna())
        first, last = min(pd.Timestamp(d).year for d in dates), max(pd.Timestamp(d).year for d in dates)
        years = range(first, last + 1)
        ax.set_xticks([y + 1 for y in years], [f"31/12/{y}" for y in years], fontsize=8)
        ax.yaxis.set_major_formatter(FuncFormatter(_tick))
        ax.set_ylabel(unit or "Giá trị")
        ax.set_xlabel("Thời điểm đánh giá")
        ax.set_title(_wrap(str(main["label"].iloc[0])))
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, frameon=False)
    return fig


def _draw_one(ax: Any, g: pd.DataFrame, color: str, name: str, unit: str, *, show_status: bool) -> None:
    have = g[g["value"].notna()]
    x = [_as_year(d) for d in have["cutoff"]]
    ax.plot(x, have["value"], color=color, marker="o", label=name, zorder=3)
    if show_status:
        for xi, (_, r) in zip(x, have.iterrows()):
            ax.scatter([xi], [r["value"]], color=STATUS_COLORS.get(r["status"], "#999999"), s=60, zorder=4)
            ax.annotate(fmt_value(r["value"], unit), (xi, r["value"]), textcoords="offset points",
                        xytext=(0, 7), ha="center", fontsize=8)
    lo, hi = g["target"].dropna(), g["target_high"].dropna()
    if len(lo) and len(hi):
        ax.axhspan(lo.iloc[0], hi.iloc[0], color=color, alpha=0.12,
                   label="Khoảng mục tiêu" if show_status else f"Khoảng mục tiêu ({name})")
    elif len(lo):
        ax.axhline(lo.iloc[0], color=color, linestyle=":", linewidth=1.2,
                   label="Mục tiêu" if show_status else f"Mục tiêu ({name})")
    first = g.iloc[0]
    px: list[float] = []
    py: list[float] = []
    if pd.notna(first["baseline"]) and pd.notna(first["baseline_date"]) and len(lo):
        bound = (lo.iloc[0], hi.iloc[0]) if len(hi) else lo.iloc[0]
        comparator = "range" if len(hi) else str(first["comparator"])
        end = path_end(comparator, bound, float(first["baseline"]))
        px = [_as_year(first["baseline_date"]), _as_year(first["deadline"])]
        py = [float(first["baseline"]), end]
    elif g["expected"].notna().any():
        path = g[g["expected"].notna()]
        px, py = [_as_year(d) for d in path["cutoff"]], list(path["expected"])
    if px:
        ax.plot(px, py, color=color, linestyle="--", linewidth=1, alpha=0.8,
                label="Lộ trình tuyến tính" if show_status else f"Lộ trình ({name})")


def figure_png(fig: Figure, dpi: int = DPI) -> bytes:
    """The figure as PNG bytes."""
    buf = io.BytesIO()
    with _rc():
        fig.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 3})
    return buf.getvalue()


def save_charts(plan: Plan, data: CycleData, cutoff: dt.date, out_dir: str | Path, *,
                communes: CommuneMode = "plan", cutoffs: Iterable[dt.date] = (), overwrite: bool = False,
                dpi: int = DPI, final: bool | None = None,
                assessments: Sequence[Assessment] | None = None) -> list[Path]:
    """Write the overview chart and one progress chart per quantitative target as PNG files.

    Files: ``tong-quan.png`` and ``<target id>.png`` in *out_dir*; the progress charts cover the
    plan's year ends up to *cutoff* plus *cutoffs* and *cutoff* itself. Existing files are only
    replaced with ``overwrite=True``. *final* judges *cutoff* itself (the overview and the last point
    of each progress chart) as :func:`~baocao.indicators.assess` does, e.g.
    ``final=final_verdict(plan, period)`` so a whole-plan summary's charts say "chưa đạt" where its
    table does; the earlier points keep the verdict of their date. *assessments*: those of *cutoff*
    already made (a report's, with the same *communes* and *final*), drawn instead of assessing again.
    """
    from baocao.fileio.atomic import atomic_write_bytes

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    found = list(assessments) if assessments is not None else assess(plan, data, cutoff, communes=communes, final=final)
    dates = [d for d in _year_ends(plan) if d <= cutoff] + [d for d in cutoffs if d <= cutoff] + [cutoff]
    df = series(plan, data, dates, year_ends=False, communes=communes, final=final)
    written = [atomic_write_bytes(out / OVERVIEW_FILE, overview_chart(found).png(dpi), overwrite=overwrite)]
    for a in found:
        if a.kind not in QUANTITATIVE:
            continue
        fig = progress_chart(df, a.target_id)
        written.append(atomic_write_bytes(out / f"{a.target_id}.png", figure_png(fig, dpi), overwrite=overwrite))
    return written


def _year_ends(plan: Plan) -> list[dt.date]:
    return [dt.date(y, 12, 31) for y in range(plan.horizon.start, plan.horizon.end + 1)]
