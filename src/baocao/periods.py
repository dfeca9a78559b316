"""Reporting periods (kỳ báo cáo) under Decree 09/2019: coverage, data cut-off window, deadline, labels.

A :class:`Period` is a value: ``parse_period("2023-H1")`` gives the first half of 2023. It knows the
calendar dates it covers (``start``/``end``), its data cut-off window (``cutoff_start``/``cutoff_end``:
from the 15th of the month before the period to the 14th of its last month, one rule for every kind),
its deadline (``due``: cut-off end plus N working days) and the Vietnamese words the documents use.

:func:`due_tasks` and :func:`overdue_tasks` read a plan's task timeframes against a period; the task
statuses they read are those of :mod:`baocao.task_status`. Only the standard library and the plan
model are imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from .errors import BaocaoError
from .task_status import DONE, normalize_status
from .vnformat import date_short, norm_space, roman

if TYPE_CHECKING:
    from .plan.model import Plan, Task

__all__ = [
    "DEFAULT_DUE_DAYS", "KINDS", "Period", "PeriodError", "PeriodKind", "add_working_days", "due_tasks",
    "final_verdict", "overdue_tasks", "parse_period",
]

PeriodKind = Literal["month", "quarter", "half", "nine_months", "year", "summary"]
KINDS: tuple[str, ...] = ("month", "quarter", "half", "nine_months", "year", "summary")

DEFAULT_DUE_DAYS = 2  # Khánh Hòa QĐ 01/2023: 2 working days after the cut-off


class PeriodError(BaocaoError, ValueError):
    """A period code that cannot be read, or a period that does not exist."""


# --- calendar helpers ------------------------------------------------------------------------------
def _month_end(year: int, month: int) -> date:
    first_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first_next - timedelta(days=1)


def _month_before(d: date) -> tuple[int, int]:
    return (d.year - 1, 12) if d.month == 1 else (d.year, d.month - 1)


def add_working_days(d: date, n: int, holidays: Iterable[date] = ()) -> date:
    """The date ``n`` working days after ``d``, skipping Saturdays, Sundays and ``holidays``."""
    if n < 0:
        raise ValueError("số ngày làm việc phải ≥ 0")
    off = set(holidays)
    out = d
    while n > 0:
        out += timedelta(days=1)
        if out.weekday() < 5 and out not in off:
            n -= 1
    return out


# --- the period value ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """A reporting period.

    ``number`` is the month (1-12), quarter (1-4) or half (1-2); 0 for nine months, year and summary.
    ``end_year`` is the last year of a summary period (tổng kết), equal to ``year`` otherwise.
    ``due_days`` (working days from cut-off to deadline) does not take part in equality.
    """

    kind: PeriodKind
    year: int
    number: int = 0
    end_year: int = 0
    due_days: int = field(default=DEFAULT_DUE_DAYS, compare=False)

    def __post_init__(self) -> None:
        limits = {"month": 12, "quarter": 4, "half": 2}
        if self.kind not in KINDS:
            raise PeriodError(f"loại kỳ '{self.kind}' không có (dùng: {', '.join(KINDS)})")
        if not 1900 <= self.year <= 9999:
            raise PeriodError(f"năm {self.year} không hợp lệ")
        if self.kind in limits and not 1 <= self.number <= limits[self.kind]:
            raise PeriodError(f"số thứ tự {self.number} không hợp lệ cho kỳ '{self.kind}' (1-{limits[self.kind]})")
        if self.kind not in limits and self.number != 0:
            raise PeriodError(f"kỳ '{self.kind}' không có số thứ tự (nhận {self.number})")
        if self.end_year == 0:
            object.__setattr__(self, "end_year", self.year)
        if self.kind == "summary" and self.end_year <= self.year:
            raise PeriodError(f"giai đoạn {self.year}-{self.end_year}: năm kết thúc phải sau năm bắt đầu")
        if self.kind != "summary" and self.end_year != self.year:
            raise PeriodError("chỉ kỳ tổng kết (giai đoạn) mới trải qua nhiều năm")
        if self.due_days < 0:
            raise PeriodError("số ngày làm việc đến hạn gửi phải ≥ 0")

    # --- identity ----------------------------------------------------------------------------------
    @property
    def code(self) -> str:
        """Short code used in file names and on the command line: "2023-H1", "2024-Q3", "2021-2025"."""
        return {
            "month": f"{self.year}-{self.number:02d}",
            "quarter": f"{self.year}-Q{self.number}",
            "half": f"{self.year}-H{self.number}",
            "nine_months": f"{self.year}-9M",
            "year": f"{self.year}",
            "summary": f"{self.year}-{self.end_year}",
        }[self.kind]

    def __str__(self) -> str:
        return self.code

    # --- calendar coverage and Decree 09 window ----------------------------------------------------
    @property
    def start(self) -> date:
        """First calendar day the period covers."""
        month = {"month": self.number, "quarter": 3 * self.number - 2, "half": 6 * self.number - 5}.get(self.kind, 1)
        return date(self.year, month, 1)

    @property
    def end(self) -> date:
        """Last calendar day the period covers."""
        month = {"month": self.number, "quarter": 3 * self.number, "half": 6 * self.number,
                 "nine_months": 9}.get(self.kind, 12)
        return _month_end(self.end_year, month)

    @property
    def cutoff_start(self) -> date:
        """First day of data: the 15th of the month before the period starts."""
        y, m = _month_before(self.start)
        return date(y, m, 15)

    @property
    def cutoff_end(self) -> date:
        """Last day of data (chốt số liệu): the 14th of the period's last month."""
        return date(self.end.year, self.end.month, 14)

    @property
    def due(self) -> date:
        """Deadline for sending the report: ``due_days`` working days after the cut-off (weekends skipped)."""
        return self.due_date()

    def due_date(self, working_days: int | None = None, holidays: Iterable[date] = ()) -> date:
        """Deadline with another number of working days, or public holidays to skip."""
        n = self.due_days if working_days is None else working_days
        return add_working_days(self.cutoff_end, n, holidays)

    # --- words -------------------------------------------------------------------------------------
    @property
    def label(self) -> str:
        """Vietnamese name of the period: "6 tháng đầu năm 2023", "quý III năm 2024", "giai đoạn 2021-2025"."""
        if self.kind == "month":  # months 1 and 2 zero-padded as in dates (ND30): "tháng 01 năm 2024"
            return f"tháng {self.number:02d} năm {self.year}" if self.number <= 2 else f"tháng {self.number} năm {self.year}"
        if self.kind == "quarter":
            return f"quý {roman(self.number)} năm {self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        if self.kind == "nine_months":
            return f"9 tháng đầu năm {self.year}"
        if self.kind == "year":
            return f"năm {self.year}"
        return f"giai đoạn {self.year}-{self.end_year}"

    @property
    def window_label(self) -> str:
        """The cut-off window in words: "từ 15/12/2022 đến 14/6/2023"."""
        return f"từ {date_short(self.cutoff_start)} đến {date_short(self.cutoff_end)}"

    def estimate_note(self) -> str:
        """How the remainder after the cut-off is labelled: "ước thực hiện đến 30/6/2023"."""
        return f"ước thực hiện đến {date_short(self.end)}"

    # --- neighbours --------------------------------------------------------------------------------
    def previous_same(self) -> Period | None:
        """The same period one year earlier (cùng kỳ năm trước); None for a summary period."""
        if self.kind == "summary":
            return None
        return replace(self, year=self.year - 1, end_year=self.year - 1)

    def next(self) -> Period:
        """The period the next report covers: H1 -> H2, year -> next year, nine months -> quarter IV,
        2021-2025 -> 2026-2030."""
        if self.kind == "summary":
            span = self.end_year - self.year
            return replace(self, year=self.end_year + 1, end_year=self.end_year + 1 + span)
        if self.kind == "nine_months":
            return Period("quarter", self.year, 4, due_days=self.due_days)
        if self.kind == "year":
            return replace(self, year=self.year + 1, end_year=self.year + 1)
        last = {"month": 12, "quarter": 4, "half": 2}[self.kind]
        if self.number < last:
            return replace(self, number=self.number + 1)
        return replace(self, year=self.year + 1, end_year=self.year + 1, number=1)


_CODES: tuple[tuple[re.Pattern[str], PeriodKind], ...] = (
    (re.compile(r"(\d{4})-(\d{4})"), "summary"),
    (re.compile(r"(\d{4})-H([12])"), "half"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-9M"), "nine_months"),
    (re.compile(r"(\d{4})-(\d{1,2})"), "month"),
    (re.compile(r"(\d{4})"), "year"),
)


def parse_period(text: str, *, due_days: int = DEFAULT_DUE_DAYS) -> Period:
    """Read a period code: "2023-H1", "2023-H2", "2023", "2021-2025", "2024-Q3", "2024-09", "2024-9M"."""
    code = norm_space(str(text)).upper().replace("–", "-").replace(" ", "")
    for pattern, kind in _CODES:
        m = pattern.fullmatch(code)
        if not m:
            continue
        year = int(m.group(1))
        if kind == "summary":
            return Period(kind, year, end_year=int(m.group(2)), due_days=due_days)
        number = int(m.group(2)) if kind in ("half", "quarter", "month") else 0
        return Period(kind, year, number, due_days=due_days)
    raise PeriodError(
        f"không đọc được kỳ báo cáo '{text}'. Dùng: '2023-H1' (6 tháng đầu năm), '2023-H2' (6 tháng cuối năm), "
        "'2023' (năm), '2021-2025' (giai đoạn), '2024-Q3' (quý), '2024-09' (tháng), '2024-9M' (9 tháng)."
    )


# --- the plan's horizon ----------------------------------------------------------------------------
def within_plan(plan: Plan, period: Period) -> bool:
    """Whether *period* lies inside the years the plan covers (a report or return on it makes sense)."""
    return plan.horizon.start <= period.year and period.end_year <= plan.horizon.end


def require_within_plan(plan: Plan, period: Period) -> None:
    """Raise :class:`PeriodError` (Vietnamese) when *period* is outside the plan's years.

    A report or a round of unit returns for 2019-H1 or 2030 on a 2021-2025 plan is a slip of the
    keyboard; it is refused rather than written with no tasks due and no data. Indicators alone may
    still be assessed at any cut-off (:func:`baocao.indicators.assess`).
    """
    if not within_plan(plan, period):
        raise PeriodError(f"kỳ báo cáo {period.code} ({period.label}) nằm ngoài thời gian thực hiện "
                          f"{plan.document.type_word} số {plan.symbol} ({plan.horizon.start}-{plan.horizon.end})")


# --- targets against a period ----------------------------------------------------------------------
def final_verdict(plan: Plan, period: Period) -> bool | None:
    """Whether the targets are judged as final (đạt, vượt, chưa đạt) in the report of *period*.

    ``True`` for a summary period (tổng kết giai đoạn) ending in or after the last year of the plan's
    horizon: the report closes the plan, so it says met / not met although its cut-off (14/12) falls
    just before the targets' deadline (31/12). ``None`` otherwise: the indicator engine decides from
    each target's deadline (on / behind track before it). Pass the result as ``final=`` to
    :func:`baocao.indicators.assess`, :func:`~baocao.indicators.series` and
    :func:`~baocao.indicators.charts.save_charts`, so tables, charts and the report agree.
    """
    return True if period.kind == "summary" and period.end_year >= plan.horizon.end else None


# --- tasks against a period ------------------------------------------------------------------------
def due_tasks(plan: Plan, period: Period) -> list[Task]:
    """Tasks with work in the period's calendar coverage, in document order.

    Recurring tasks within the plan's horizon, a year or a quarter/half named in the timeframe that
    falls in the period, a multi-year period overlapping it, every-N-years tasks on their cycle
    (counted from the plan's first year).
    """
    return [t for t in plan.tasks()
            if t.timeframe.active_between(period.start, period.end,
                                          plan_start=plan.horizon.start, plan_end=plan.horizon.end)]


def overdue_tasks(plan: Plan, period: Period, statuses: Mapping[str, str | None]) -> list[Task]:
    """Dated tasks whose deadline is on or before the period's end and that are not reported done.

    ``statuses`` maps task id to status (:meth:`baocao.returns.Collected.statuses`, across periods
    :func:`baocao.task_status.merge_statuses`); a missing or unreadable status counts as not done. A task that is both dated and recurring ("Năm 2021 và thường xuyên") counts by its
    dated part.
    """
    return [t for t in plan.tasks()
            if t.timeframe.due_by(period.end) and normalize_status(statuses.get(t.id)) != DONE]
