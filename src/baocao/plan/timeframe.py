"""A task's timeframe: its original wording plus a structured reading of it.

The appendix shows the wording exactly as the plan has it ("Năm 2021 và thường xuyên"); reports need
to know which tasks fall due in a period. :func:`parse_timeframe` reads the common Vietnamese forms:
"Thường xuyên", "Hằng năm", "Năm 2021", "Giai đoạn 2021-2025", "2 năm 1 lần", "Quý II/2022",
"6 tháng đầu năm 2023", "Tháng 6/2023", "Trước ngày 30/6/2023", "Hằng quý" and combinations joined by "và",
"," or ";" — the forms real provincial plans use in their appendix tables.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from ..errors import BaocaoError

_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class Timeframe:
    """Structured timeframe; ``text`` is the wording shown in documents."""

    text: str
    recurring: bool = False  # "thường xuyên", "hằng năm": active every period of the plan
    years: tuple[int, ...] = ()  # "Năm 2021": due by the end of that year
    period: tuple[int, int] | None = None  # "Giai đoạn 2021-2025": active over the years, due at the end
    every_n_years: int | None = None  # "2 năm 1 lần"
    windows: tuple[tuple[date, date], ...] = field(default=())  # quarters / half-years named explicitly

    def __str__(self) -> str:
        return self.text

    def deadline(self) -> date | None:
        """Latest date by which the non-recurring parts must be done, or None when purely recurring."""
        ends: list[date] = [date(y, 12, 31) for y in self.years]
        if self.period:
            ends.append(date(self.period[1], 12, 31))
        ends += [w[1] for w in self.windows]
        return max(ends) if ends else None

    def active_between(self, start: date, end: date, *, plan_start: int | None = None,
                       plan_end: int | None = None) -> bool:
        """Whether the task has work falling in [start, end] (the reporting period)."""
        if self.recurring:
            lo = plan_start if plan_start is not None else start.year
            hi = plan_end if plan_end is not None else end.year
            if start.year <= hi and end.year >= lo:
                return True
        if self.every_n_years:
            first = plan_start if plan_start is not None else start.year
            if any((y - first) % self.every_n_years == 0 for y in range(max(start.year, first), end.year + 1)):
                return True
        if any(start.year <= y <= end.year for y in self.years):
            return True
        if self.period and self.period[0] <= end.year and self.period[1] >= start.year:
            return True
        return any(w[0] <= end and w[1] >= start for w in self.windows)

    def due_by(self, d: date) -> bool:
        """Whether every dated part of the timeframe should be finished on ``d``."""
        deadline = self.deadline()
        return deadline is not None and deadline <= d


class TimeframeError(BaocaoError, ValueError):
    """The wording of a timeframe could not be read (a ValueError too, so pydantic validators report it)."""


_PARTS = re.compile(r"\s*(?:\bvà\b|,|;)\s*")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().lower()


def parse_timeframe(text: str) -> Timeframe:
    """Read a Vietnamese timeframe wording into a :class:`Timeframe`; raise TimeframeError if unknown."""
    wording = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    if not wording:
        raise TimeframeError("Thời gian thực hiện đang để trống.")
    recurring = False
    years: list[int] = []
    period: tuple[int, int] | None = None
    every: int | None = None
    windows: list[tuple[date, date]] = []
    for part in filter(None, _PARTS.split(_norm(wording))):
        if part in _RECURRING:
            recurring = True
        elif m := re.fullmatch(r"(?:trong )?năm (\d{4})", part) or re.fullmatch(r"(\d{4})", part):
            years.append(int(m.group(1)))
        elif m := re.fullmatch(r"(?:trong )?tháng (\d{1,2}) ?(?:/|năm ) ?(\d{4})", part):
            y, mo = int(m.group(2)), _month(int(m.group(1)), wording)
            windows.append((date(y, mo, 1), _month_end(y, mo)))
        elif m := _BY_DAY.fullmatch(part):
            end = _day(m, wording)
            windows.append((date(end.year, 1, 1), end))
        elif m := re.fullmatch(r"(?:giai đoạn |từ năm |từ |năm )?(\d{4}) ?(?:-|–|đến năm|đến) ?(\d{4})", part):
            lo, hi = int(m.group(1)), int(m.group(2))
            if hi < lo:
                raise TimeframeError(f"Giai đoạn '{part}' có năm kết thúc trước năm bắt đầu.")
            period = (lo, hi)
        elif m := re.fullmatch(r"(\d+) năm (?:1|một) lần", part):
            every = int(m.group(1))
        elif m := re.fullmatch(r"quý (i|ii|iii|iv|[1-4]) ?(?:/|năm ) ?(\d{4})", part):
            q = _ROMAN_QUARTER.get(m.group(1)) or int(m.group(1))
            y = int(m.group(2))
            windows.append((date(y, 3 * q - 2, 1), _month_end(y, 3 * q)))
        elif m := re.fullmatch(r"6 tháng (đầu|cuối) năm (\d{4})", part):
            y = int(m.group(2))
            windows.append((date(y, 1, 1), date(y, 6, 30)) if m.group(1) == "đầu" else (date(y, 7, 1), date(y, 12, 31)))
        else:
            raise TimeframeError(
                f"Không hiểu thời gian thực hiện '{wording}' (phần '{part}'). Dùng các dạng: 'Thường xuyên', "
                "'Năm 2021', 'Giai đoạn 2021-2025', '2 năm 1 lần', 'Quý II/2022', '6 tháng đầu năm 2023', "
                "'Tháng 6/2023', 'Trước ngày 30/6/2023', 'Hằng quý', nối bằng 'và'."
            )
    return Timeframe(wording, recurring, tuple(years), period, every, tuple(windows))


#: Wordings of a task done again and again over the plan's years.
_RECURRING = {"thường xuyên", "hằng năm", "hàng năm", "liên tục", "định kỳ hằng năm", "định kỳ hàng năm", "hằng quý",
              "hàng quý", "hằng tháng", "hàng tháng", "định kỳ"}
#: A deadline: "trước ngày 30/6/2023", "trước 30/6/2023", "chậm nhất ngày 15 tháng 12 năm 2024".
_BY_DAY = re.compile(r"(?:hoàn thành )?(?:trước|chậm nhất|muộn nhất|không quá)(?: ngày)? (\d{1,2})"
                     r"(?: ?[/.-] ?(\d{1,2}) ?[/.-] ?| tháng (\d{1,2}) năm )(\d{4})")


def _month(month: int, wording: str) -> int:
    if not 1 <= month <= 12:
        raise TimeframeError(f"Thời gian thực hiện '{wording}' có tháng {month} không có thật.")
    return month


def _day(m: re.Match[str], wording: str) -> date:
    day, month, year = int(m.group(1)), _month(int(m.group(2) or m.group(3)), wording), int(m.group(4))
    try:
        return date(year, month, day)
    except ValueError:
        raise TimeframeError(f"Thời gian thực hiện '{wording}' có ngày {day}/{month}/{year} không có thật.") from None


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)
