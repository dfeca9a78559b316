"""The overview chart (% of target reached by every quantitative target), drawn with Pillow.

It goes into every report, so it is drawn without matplotlib: importing matplotlib alone costs
0.4–0.5 s on top of pandas, Pillow a few hundredths. The chart is a plain picture —
horizontal bars coloured by status, the value after each bar, a dashed line at 100%, an axis of
"% mục tiêu" and a legend of the statuses shown — in the document's font (Liberation Serif, with
every Vietnamese glyph; DejaVu Sans from matplotlib's own files where it is not installed).
:class:`OverviewChart` shows itself inline in Jupyter and gives its PNG bytes.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from baocao.vnformat import date_short, number, percent, upper_first

from .model import CHUA_CO_SO_LIEU, STATUS_COLORS, Assessment
from baocao.errors import UsageError

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

QUANTITATIVE = ("share", "count", "rate_per_year", "growth", "distribution", "amount", "custom")
DPI = 150
WIDTH_IN = 11.0  # fills a landscape appendix page
LEFT, RIGHT = 0.40, 0.97  # axes edges as shares of the width: the labels take the left 40%
TOP_IN, BOTTOM_IN = 0.45, 0.95  # room for the title above and ticks, axis title and legend below
FONT_PT, TITLE_PT = 10.0, 11.0
INK, GRID = "#222222", "#333333"
FONT_FILES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/liberation-serif/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)

Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels


@dataclass(frozen=True)
class Bar:
    """One target's row of the chart."""

    target_id: str
    label: str
    percent: float  # the bar's length; 0 when the target has no % (no data)
    text: str  # written after the bar: "87,3%", or the status when there is no %
    status: str


@dataclass
class Layout:
    """Where the parts of a drawn chart are (pixels), so tests can check nothing overlaps."""

    size: tuple[int, int]
    title: Box
    axes: Box
    xlabel: Box
    legend: Box
    labels: list[Box] = field(default_factory=list)
    values: list[Box] = field(default_factory=list)
    legend_labels: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OverviewChart:
    """% of target reached by every quantitative target at one cut-off date."""

    bars: tuple[Bar, ...]
    title: str

    @property
    def statuses(self) -> list[str]:
        """The statuses the legend shows, in the order of :data:`STATUS_COLORS`."""
        return [s for s in STATUS_COLORS if any(b.status == s for b in self.bars)]

    def draw(self, dpi: int = DPI) -> tuple[Image.Image, Layout]:
        """The chart as a Pillow image, and where its parts are."""
        return _draw(self, dpi)

    def png(self, dpi: int = DPI) -> bytes:
        """The chart as PNG bytes (with its resolution, so a word processor sizes it right)."""
        image, _ = self.draw(dpi)
        buf = io.BytesIO()
        image.save(buf, format="PNG", dpi=(dpi, dpi), compress_level=3)
        return buf.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png()


def charted(a: Assessment) -> bool:
    """Whether the overview draws *a*: a quantitative target with a % of target (or none yet: no data).

    A distribution (no composite %) and a target of 0 (a backlog to clear: no %) are left out, as are the
    qualitative targets; a report names them under the chart.
    """
    return a.kind in QUANTITATIVE and (a.percent_of_target is not None or a.status == CHUA_CO_SO_LIEU)


def overview_chart(assessments: Sequence[Assessment]) -> OverviewChart:
    """The overview chart of *assessments*: one bar per target with a % of target, coloured by status."""
    items = [a for a in assessments if charted(a)]
    if not items:
        raise UsageError("không có chỉ tiêu định lượng nào để vẽ")
    bars = tuple(Bar(a.target_id, a.label, a.percent_of_target or 0.0,
                     percent(a.percent_of_target, 1) if a.percent_of_target is not None else a.status, a.status)
                 for a in items)
    return OverviewChart(bars, f"Mức độ thực hiện các chỉ tiêu đến {date_short(items[0].cutoff)}")


@functools.cache
def font_file() -> str:
    """A TrueType font with Vietnamese glyphs: Liberation Serif, else matplotlib's DejaVu Sans."""
    for name in FONT_FILES:
        if Path(name).is_file():
            return name
    spec = importlib.util.find_spec("matplotlib")  # finds the package without importing it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        bundled = Path(folder) / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        if bundled.is_file():
            return str(bundled)
    from baocao.errors import ToolMissingError

    raise ToolMissingError("Không tìm thấy phông chữ có dấu tiếng Việt để vẽ biểu đồ "
                           "(cài gói fonts-liberation2).")


@functools.cache
def _font(px: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(font_file(), px)


def nice_step(top: float, most: int = 8) -> float:
    """A tick step of 1, 2, 2.5 or 5 times a power of ten giving at most *most* intervals up to *top*."""
    raw = max(top, 1e-9) / most
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [text]


def _dashed_vline(draw: ImageDraw.ImageDraw, x: int, top: int, bottom: int, width: int, dash: int) -> None:
    for y in range(top, bottom, 2 * dash):
        draw.line([(x, y), (x, min(y + dash, bottom))], fill=GRID, width=width)


def _text_box(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font: ImageFont.FreeTypeFont,
              anchor: str, *, clear: bool = False) -> Box:
    """Write *text* and return its box; *clear* first blanks the box (a value over the 100% line)."""
    box: Box = tuple(round(v) for v in draw.textbbox(xy, text, font=font, anchor=anchor))  # type: ignore[assignment]
    if clear:
        draw.rectangle([box[0] - 2, box[1] - 2, box[2] + 2, box[3] + 2], fill="white")
    draw.text(xy, text, fill=INK, font=font, anchor=anchor)
    return box


def _draw(chart: OverviewChart, dpi: int) -> tuple[Image.Image, Layout]:
    from PIL import Image, ImageDraw

    n = len(chart.bars)
    height_in = max(4.4, 0.3 * n + 1.8)
    width, height = round(WIDTH_IN * dpi), round(height_in * dpi)
    font, title_font = _font(round(FONT_PT * dpi / 72)), _font(round(TITLE_PT * dpi / 72))
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    line = max(1, round(dpi / 90))  # about 0.8 pt
    left, right = round(LEFT * width), round(RIGHT * width)
    top, bottom = round(TOP_IN * dpi), height - round(BOTTOM_IN * dpi)
    row = (bottom - top) / n
    top_value = max([100.0] + [b.percent for b in chart.bars])
    xmax = top_value * 1.15

    def x_of(value: float) -> int:
        return round(left + (right - left) * value / xmax)

    em = font.size
    _dashed_vline(draw, x_of(100), top, bottom, 2 * line, round(0.4 * em))  # first: bars and values cover it
    values: list[Box] = []
    labels: list[Box] = []
    for i, bar in enumerate(chart.bars):
        centre = top + (i + 0.5) * row
        if bar.percent > 0:
            draw.rectangle([left, round(centre - 0.3 * row), x_of(bar.percent), round(centre + 0.3 * row)],
                           fill=STATUS_COLORS.get(bar.status, "#999999"))
        values.append(_text_box(draw, (x_of(bar.percent + top_value * 0.01), centre), bar.text, font, "lm",
                                 clear=True))
        lines = _wrap(draw, bar.label, font, left - round(0.02 * width))
        step = 1.15 * em
        first = centre - step * (len(lines) - 1) / 2
        boxes = [_text_box(draw, (left - round(0.6 * em), first + k * step), text, font, "rm")
                 for k, text in enumerate(lines)]
        labels.append((min(b[0] for b in boxes), boxes[0][1], max(b[2] for b in boxes), boxes[-1][3]))
    draw.rectangle([left, top, right, bottom], outline="black", width=line)

    tick = round(0.35 * em)
    step = nice_step(xmax)
    ticks = [k * step for k in range(int(xmax // step) + 1)]
    tick_bottom = bottom
    for value in ticks:
        x = x_of(value)
        draw.line([(x, bottom), (x, bottom + tick)], fill="black", width=line)
        box = _text_box(draw, (x, bottom + tick + round(0.3 * em)), number(round(value, 2)), font, "mt")
        tick_bottom = max(tick_bottom, box[3])
    xlabel = _text_box(draw, ((left + right) / 2, tick_bottom + round(0.35 * em)), "% mục tiêu", font, "mt")
    title = _text_box(draw, ((left + right) / 2, top - round(0.5 * em)), chart.title, title_font, "mb")
    legend = _legend(draw, chart.statuses, font, (left + right) / 2, xlabel[3] + round(1.9 * em))
    height = min(height, legend[3] + round(0.1 * dpi))  # no blank strip under the legend
    layout = Layout((width, height), title, (left, top, right, bottom), xlabel, legend, labels, values,
                    [upper_first(s) for s in chart.statuses])
    return image.crop((0, 0, width, height)), layout


def _legend(draw: ImageDraw.ImageDraw, statuses: list[str], font: ImageFont.FreeTypeFont, centre: float,
            baseline: int) -> Box:
    """One row of colour patches and status names, centred on *centre*, its bottom at *baseline*."""
    em = font.size
    patch, gap, spacing = round(1.2 * em), round(0.5 * em), round(1.5 * em)
    names = [upper_first(s) for s in statuses]  # "Chậm tiến độ", as the table writes it
    widths = [patch + gap + round(draw.textlength(name, font=font)) for name in names]
    total = sum(widths) + spacing * (len(widths) - 1)
    x = round(centre - total / 2)
    middle = baseline - em // 2 - 1
    start = x
    for status, name, w in zip(statuses, names, widths):
        draw.rectangle([x, middle - round(0.35 * em), x + patch, middle + round(0.35 * em)],
                       fill=STATUS_COLORS.get(status, "#999999"))
        draw.text((x + patch + gap, middle), name, fill=INK, font=font, anchor="lm")
        x += w + spacing
    return (start, baseline - em - 1, x - spacing, baseline)
