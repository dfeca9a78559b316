"""Cell converters: one raw Excel value in, one typed value (or a Vietnamese complaint) out.

Each converter takes a non-blank cell value as the reader returns it (str, int, float, bool,
datetime) and returns the typed value, or raises :class:`CellError` with a Vietnamese message.
Pure functions, standard library only.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Callable

from baocao.errors import BaocaoError
from baocao.fileio.xlsx_cells import MAX_CELL_CHARS, header_key
from baocao.text_chars import refused_message
from baocao.vnformat import norm_space, parse_date, parse_number

from .schema import YEAR_RANGE, Column
from .xlsx import CellFault


class CellError(BaocaoError):
    """A cell value that does not fit its column; the message is Vietnamese."""


def is_blank(value: object) -> bool:
    """True for an empty cell: None, NaN/NaT, or text made only of spaces."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(value != value)  # NaT, pd.NA
    except (TypeError, ValueError):
        return True


def excel_value(value: object) -> object:
    """A cell as python-calamine returns it, made what pandas' ``read_excel`` gives for it.

    Whole floats become ints (Excel stores every number as a float) and a date-only cell becomes a
    midnight datetime; everything else is returned unchanged. Idempotent, so values that already
    went through pandas may pass again.
    """
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def is_clean_text(text: str) -> bool:
    """True when *text* is non-blank and :func:`norm_space` would return it unchanged.

    That is: NFC, no space at either end, no double space, and no other whitespace (every
    whitespace character but the ASCII space is non-printable). A cheap test in C for the common
    case, so most of 150,000 names or ids never reach ``norm_space``.
    """
    return (
        text != ""
        and text.isprintable()
        and text[0] != " "
        and text[-1] != " "
        and "  " not in text
        and unicodedata.is_normalized("NFC", text)
    )


def _clean(text: str) -> str:
    """norm_space with a fast path for plain ASCII (most codes and ids); refused characters and overlong
    text raise :class:`CellError` (TAB, LF and NEL are whitespace and become one space)."""
    if len(text) > MAX_CELL_CHARS:
        raise CellError(f"ô chứa {len(text)} ký tự, quá giới hạn {MAX_CELL_CHARS} ký tự của một ô Excel")
    if text.isascii() and text.isprintable():
        stripped = text.strip(" ")
        if "  " not in stripped:
            return stripped
    refused = refused_message(text, allow="\t\n")
    if refused:
        raise CellError(f"ô {refused}")
    return norm_space(text)


def to_text(value: object) -> str:
    """Any non-blank value as NFC text with single spaces; whole floats lose their ".0"."""
    if type(value) is str:
        return _clean(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        raise CellError("ô chứa ngày tháng, cần chữ")
    return norm_space(str(value))


def to_code(value: object, width: int | None) -> str:
    """A code or id as text; a number typed into the cell is zero-padded to *width*."""
    if type(value) is str:
        return _clean(value)
    if isinstance(value, bool):
        raise CellError("cần mã (chữ hoặc số), không phải giá trị đúng/sai")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("mã không được có phần thập phân")
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            raise CellError("mã không được âm")
        return str(value).zfill(width) if width else str(value)
    raise CellError(f"cần mã (chữ hoặc số), ô đang chứa {_kind_vi(value)}")


def _kind_vi(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return "ngày tháng"
    if isinstance(value, bool):
        return "giá trị đúng/sai"
    if isinstance(value, int | float):
        return "số"
    if isinstance(value, str):
        return "chữ"
    return type(value).__name__


def to_number(value: object) -> float:
    """A real number; text typed the Vietnamese way ("2.650,5") is parsed, not dropped."""
    if isinstance(value, bool) or isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        raise CellError(f"cần số, ô đang chứa {_kind_vi(value)}")
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):  # not a number Excel can hold: a hand-made file
            raise CellError("số không hợp lệ (vô hạn hoặc không phải số)")
        return number
    if isinstance(value, str):
        try:
            return float(parse_number(value))
        except ValueError:
            raise CellError("cần số (ví dụ 2.650,5 hoặc 1.234), ô đang chứa chữ") from None
    raise CellError(f"cần số, ô đang chứa {_kind_vi(value)}")


def to_int(value: object) -> int:
    """A whole number; "1.234" typed as text is 1234."""
    number = to_number(value)
    if not number.is_integer():
        raise CellError("cần số nguyên")
    return int(number)


def to_year(value: object) -> int:
    """A year such as 2021, within :data:`YEAR_RANGE`."""
    if isinstance(value, dt.datetime | dt.date):
        raise CellError("cần năm (ví dụ 2021), ô đang chứa ngày tháng")
    try:
        year = to_int(value)
    except CellError:
        raise CellError("cần năm (ví dụ 2021)") from None
    lo, hi = YEAR_RANGE
    if not lo <= year <= hi:
        raise CellError(f"năm phải trong khoảng {lo} - {hi}")
    return year


def to_date(value: object) -> dt.datetime:
    """A date cell, or text written day first ("11/5/2021"); returned as a midnight datetime."""
    if isinstance(value, dt.datetime):
        return value.replace(hour=0, minute=0, second=0, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            d = parse_date(value)
        except ValueError:
            raise CellError("không đọc được ngày; ghi theo dạng ngày/tháng/năm, ví dụ 11/5/2021") from None
        return dt.datetime(d.year, d.month, d.day)
    raise CellError(f"cần ngày tháng (ví dụ 11/5/2021), ô đang chứa {_kind_vi(value)}")


def enum_lookup(column: Column) -> dict[str, str]:
    """Comparison key -> canonical value for an enum or yes/no column."""
    table = {header_key(c): c for c in column.choices}
    table.update({header_key(a): c for a, c in column.aliases})
    return table


def to_choice(value: object, lookup: dict[str, str], choices: tuple[str, ...]) -> str:
    """One of *choices*, matched on NFC, spaces and case."""
    if isinstance(value, str):
        hit = lookup.get(header_key(value))
        if hit is not None:
            return hit
    listed = ", ".join(f"'{c}'" for c in choices)
    raise CellError(f"giá trị không hợp lệ; chọn một trong: {listed}")


def to_bool(value: object, lookup: dict[str, str]) -> bool:
    """Yes/no: "Có"/"Không" (also x, c, k), a TRUE/FALSE cell, or 1/0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        hit = lookup.get(header_key(value))
        if hit is not None:
            return hit == "Có"
    raise CellError("cần 'Có' hoặc 'Không'")


def converter(column: Column) -> Callable[[object], object]:
    """The converter for *column*'s kind, with its parameters bound."""
    kind = column.kind
    if kind == "code":
        return lambda v: to_code(v, column.width)
    if kind == "text":
        return to_text
    if kind == "int":
        return to_int
    if kind == "number":
        return to_number
    if kind == "year":
        return to_year
    if kind == "date":
        return to_date
    lookup = enum_lookup(column)
    if kind == "bool":
        return lambda v: to_bool(v, lookup)
    if kind == "enum":
        return lambda v: to_choice(v, lookup, column.choices)
    raise AssertionError(f"unknown column kind {kind!r}")


def display_value(value: object) -> object:
    """A raw cell value as the analyst would recognise it in a message: dates as d/m/Y text."""
    if isinstance(value, CellFault):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.day}/{value.month}/{value.year}"
    return value
