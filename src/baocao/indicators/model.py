"""Value types of the indicator engine: statuses, commune lists, metric results, assessments and its two errors."""

from __future__ import annotations

import datetime as dt
import numbers
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, Union

from baocao.errors import BaocaoError

if TYPE_CHECKING:
    import pandas as pd

# Statuses, as the report writes them.
DAT = "đạt"
VUOT = "vượt"
CHUA_DAT = "chưa đạt"
DUNG_TIEN_DO = "đúng tiến độ"
CHAM_TIEN_DO = "chậm tiến độ"
CHUA_CO_SO_LIEU = "chưa có số liệu"
# A narrative target the plan sets no measurable level for: the figure is reported, no verdict is drawn.
KHONG_DINH_LUONG = "không định lượng"
STATUSES = (DAT, VUOT, CHUA_DAT, DUNG_TIEN_DO, CHAM_TIEN_DO, KHONG_DINH_LUONG, CHUA_CO_SO_LIEU)
#: The verdicts that compare a figure with the path (they are printed with the path's value).
PROGRESS_STATUSES = (DUNG_TIEN_DO, CHAM_TIEN_DO)
# One colour per status, shared by the charts and the styled tables (green = met, blue = on track,
# orange = behind, red = not met, grey = no data).
STATUS_COLORS = {
    VUOT: "#1b7837",
    DAT: "#5aae61",
    DUNG_TIEN_DO: "#2166ac",
    CHAM_TIEN_DO: "#f1a340",
    CHUA_DAT: "#d73027",
    KHONG_DINH_LUONG: "#762a83",
    CHUA_CO_SO_LIEU: "#999999",
}

CommuneMode = Literal["plan", "post_merger"]
COMMUNE_MODES: tuple[str, ...] = ("plan", "post_merger")


Evidence = Union["pd.DataFrame", Callable[[], "pd.DataFrame"], None]


class NoData(BaocaoError):
    """Raised by a metric when the data cannot give a value; the message (Vietnamese) says why."""


class ComputeError(BaocaoError, ValueError):
    """A ``compute:`` entry is wrong (unknown column, bad condition); the message is Vietnamese.

    Also a ValueError, as it was before it joined the :class:`~baocao.errors.BaocaoError` hierarchy.
    """


@dataclass(frozen=True)
class CommuneList:
    """The communes a commune-based ratio is computed on, with the date the list describes."""

    source: CommuneMode  # "plan": the plan's own (pre-merger) list; "post_merger": communes after 01/7/2025
    as_of: dt.date
    unit_types: tuple[str, ...]
    codes: tuple[str, ...] = field(repr=False)
    label: str = ""  # Vietnamese: "71 xã theo danh mục trước sắp xếp (đến 30/6/2025)"

    @property
    def size(self) -> int:
        return len(self.codes)


@dataclass(frozen=True)
class ClassValue:
    """One class of a distribution as a metric computed it."""

    value: float
    numerator: float


class LazyEvidence:
    """Evidence rows built when first asked; :meth:`source_rows` gives only sheet and Excel row.

    The provenance sidecar needs only where each counted row sits in the workbook, which costs a
    slice of two columns instead of a frame of every column per target.
    """

    def __init__(self, build: Callable[[], pd.DataFrame],
                 source_rows: Callable[[], list[tuple[str, int]]]) -> None:
        self._build = build
        self._source_rows = source_rows

    def __call__(self) -> pd.DataFrame:
        return self._build()

    def source_rows(self) -> list[tuple[str, int]]:
        """``(sheet, Excel row)`` of every counted row that has a known row number."""
        return self._source_rows()


def frame_source_rows(frame: pd.DataFrame | None) -> list[tuple[str, int]]:
    """``(sheet, row)`` pairs of an evidence frame (rows without a number left out)."""
    if frame is None or len(frame) == 0 or "sheet" not in frame or "row" not in frame:
        return []
    return [(str(sheet), int(row)) for sheet, row in zip(frame["sheet"].tolist(), frame["row"].tolist())
            if known_row(row)]


def known_row(row: Any) -> bool:
    """Whether an Excel row number is present (not None, NaN or ``pd.NA``)."""
    return isinstance(row, numbers.Real) and row == row


@dataclass(frozen=True)
class MetricResult:
    """What a metric returns: the value and the numbers and rows behind it.

    ``value`` is in the target's unit. ``evidence`` is the rows that counted, or a function
    building them on demand (most values are computed only for the path and never shown). ``met`` and
    ``text`` are used by qualitative metrics only (whether the narrative target meets the plan file's
    ``met_if`` rule, None without one, and the Vietnamese clause describing the figure). ``detail``
    carries metric-specific facts the sentence uses (e.g. ``base_label``, ``window_start``, ``noun``).
    """

    value: float
    numerator: float | None = None
    denominator: float | None = None
    evidence: Evidence = field(default=None, compare=False, repr=False)
    communes: CommuneList | None = None
    unit: str | None = None
    data_date: dt.date | None = None
    classes: dict[str, ClassValue] | None = None
    met: bool | None = None
    text: str | None = None
    notes: tuple[str, ...] = ()
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ClassGoal:
    """The target of one class of a distribution: 'Yếu, kém' < 15%."""

    key: str
    label: str
    comparator: str
    value: float | None = None
    range: tuple[float, float] | None = None
    goal: str = ""  # the class's target in the plan's words ("dưới 15%")


@dataclass(frozen=True)
class ClassAssessment:
    """One class of a distribution target at the cut-off."""

    key: str
    label: str
    comparator: str
    target: float | tuple[float, float] | None
    value: float | None
    numerator: float | None
    percent_of_target: float | None
    baseline: float | None
    expected: float | None
    status: str
    path: float | None = None  # ``expected`` rounded as printed: what the verdict compared the value with


@dataclass(frozen=True)
class Assessment:
    """A target at a cut-off date: value, target, progress, status, and the numbers behind them.

    ``target`` is a number, a ``(low, high)`` range, or for a distribution a tuple of
    :class:`ClassGoal`. ``baseline`` is the start of the path (value at ``baseline_date``);
    ``expected`` the path's value at ``path_date`` (the cut-off, or the date a yearly figure
    describes). The verdict compares ``measure`` with ``path``, both rounded as the documents print
    them (``measure_text``, ``path_text``): the value itself, or for a rate per year the number
    counted since the window start against the target rate times the years gone. ``evidence`` (rows
    that counted, with ``sheet`` and Excel ``row``) is built on first access from
    ``evidence_source`` and kept out of equality and repr.
    """

    target_id: str
    label: str
    kind: str
    unit: str
    cutoff: dt.date
    deadline: dt.date
    comparator: str
    target: float | tuple[float, float] | tuple[ClassGoal, ...] | None
    value: float | None
    status: str
    percent_of_target: float | None = None
    baseline: float | None = None
    baseline_date: dt.date | None = None
    expected: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    communes: CommuneList | None = None
    data_date: dt.date | None = None
    metric: str | None = None
    classes: tuple[ClassAssessment, ...] = ()
    sentence: str = ""
    reason: str = ""  # why there is no value ("chưa có số liệu")
    notes: tuple[str, ...] = ()
    path_date: dt.date | None = None
    measure: float | None = None
    path: float | None = None
    detail: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    evidence_source: Evidence = field(default=None, compare=False, repr=False)
    # The Vietnamese texts (:mod:`baocao.indicators.text`), written by the engine: the value, the target in
    # the plan's words, % of target, the figure the verdict compares and the path it compares it with.
    value_text: str = field(default="", repr=False)
    target_text: str = field(default="", repr=False)
    percent_text: str = field(default="", repr=False)
    measure_text: str = field(default="", repr=False)
    path_text: str = field(default="", repr=False)

    @cached_property
    def evidence(self) -> pd.DataFrame | None:
        """The rows that counted: ``table``, ``sheet``, Excel ``row``, then the table's columns."""
        src = self.evidence_source
        return src() if callable(src) else src

    def source_rows(self) -> dict[str, list[int]]:
        """Sheet -> sorted Excel rows of the rows that counted, without building the evidence frame."""
        src = self.evidence_source
        pairs = (src.source_rows() if isinstance(src, LazyEvidence) and "evidence" not in self.__dict__
                 else frame_source_rows(self.evidence))
        by_sheet: dict[str, set[int]] = {}
        for sheet, row in pairs:
            by_sheet.setdefault(sheet, set()).add(row)
        return {sheet: sorted(rows) for sheet, rows in by_sheet.items()}

    @property
    def has_data(self) -> bool:
        return self.status != CHUA_CO_SO_LIEU

    @property
    def estimated(self) -> bool:
        """The figure describes a date after the cut-off: an estimate (ước thực hiện) of the year under way."""
        return self.data_date is not None and self.data_date > self.cutoff

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict: every field but the evidence, dates ISO, communes and classes as dicts."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in ("evidence_source", "detail"):
                continue
            v = getattr(self, f.name)
            if f.name == "communes" and v is not None:
                v = {"source": v.source, "as_of": v.as_of.isoformat(), "unit_types": list(v.unit_types),
                     "size": v.size, "label": v.label, "codes": list(v.codes)}
            elif f.name == "classes":
                v = [{k: _plain(x) for k, x in asdict(c).items()} for c in v]
            out[f.name] = _plain(v)
        return out


def _plain(x: Any) -> Any:
    """*x* with dates as ISO text, tuples as lists and numpy scalars as Python numbers."""
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    if isinstance(x, ClassGoal):
        return {k: _plain(v) for k, v in asdict(x).items()}
    if isinstance(x, tuple):
        return [_plain(v) for v in x]
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if hasattr(x, "item") and not isinstance(x, (str, bytes)):
        return x.item()
    return x
