"""Vietnamese number, date and text formatting (Decree 30/2020 conventions), in one place.

Every part of the project writes and reads numbers, money, percentages and dates, and joins or
cases Vietnamese phrases, through these pure functions so a document never mixes styles. Conventions:

* Dates: day zero-padded under 10; month zero-padded only for 1 and 2 ("ngày 05 tháng 01
  năm 2020", "ngày 29 tháng 6 năm 2019"; short form "09/3/2020", "03/02/2021").
* Numbers: "." groups thousands, "," marks decimals ("2.650,5"); rounding is half away from
  zero, done in :class:`decimal.Decimal` on the number's shortest repr, so 2.675 -> "2,68".
* Missing data (None, NaN, NaT, pandas NA) is rejected with :class:`ValueError`: callers must
  show a gap explicitly, never a silent blank or zero. Wrong types raise :class:`TypeError`.

Only the standard library is imported (this module is on the CLI start-up path).
"""

from __future__ import annotations

import datetime
import numbers
import re
import unicodedata
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

__all__ = [
    "JINJA_FILTERS",
    "count",
    "date_long",
    "date_short",
    "from_roman",
    "join_vi",
    "lower_first",
    "money",
    "nfc",
    "norm_space",
    "number",
    "parse_date",
    "parse_decimal",
    "parse_number",
    "percent",
    "percent_range",
    "place_date",
    "roman",
    "rounded",
    "table_cell",
    "upper_first",
]

# ---------------------------------------------------------------------------------------------
# Text: normalisation, casing, joining
# ---------------------------------------------------------------------------------------------


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC, so composed and decomposed Vietnamese compare equal."""
    return unicodedata.normalize("NFC", text)


def norm_space(text: str) -> str:
    """NFC, collapse every whitespace run (incl. non-breaking spaces) to one space, strip.

    Use it whenever Vietnamese text from files, Excel or Word is compared.
    """
    return " ".join(nfc(text).split())


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (HTX, THT, OCOP).

    A label ("Tỷ lệ HTX …", "HTX thành lập mới") read inside a sentence: "tỷ lệ HTX …", "HTX thành lập mới".
    """
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    """Capitalise the first letter: a status word that starts a table cell or a legend entry.

    "đã hoàn thành" -> "Đã hoàn thành", "chậm tiến độ" -> "Chậm tiến độ"; running text keeps the
    lower-case word ("…; chậm tiến độ.").
    """
    return text[:1].upper() + text[1:]


def table_cell(text: str, unit: str | None = None) -> str:
    """A figure, target or status as a table cell writes it (Phụ lục I and II of a report).

    * Cased as a cell: first letter capital, each later "; " part as running text, so a list of
      classes reads the same in the target and the value cells: "Khá, tốt 40,4%; trung bình 40%;
      yếu, kém 19,6%" (acronyms kept, see :func:`lower_first`); "chậm tiến độ" -> "Chậm tiến độ".
    * Without the *unit* its column already shows (the "ĐVT" column, or "(%)" in the header), but
      only for a single figure: "28,5 HTX/năm" -> "28,5", "87,3%" -> "87,3", "trên 20 tỷ đồng" ->
      "trên 20". A list of figures keeps every unit, so no figure of a cell goes without one.
    """
    if unit and text.endswith(unit) and text != unit and text.count(unit) == 1:
        text = text[: -len(unit)].rstrip()
    first, *rest = text.split("; ")
    return "; ".join([upper_first(first), *(lower_first(part) for part in rest)])


def join_vi(names: list[str]) -> str:
    """Join names the Vietnamese way: "A", "A và B", "A, B và C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


# ---------------------------------------------------------------------------------------------
# Missing values
# ---------------------------------------------------------------------------------------------


def _is_missing(x: object) -> bool:
    """True for None and for values unequal to themselves (NaN, NaT) or not comparable (pd.NA).

    Detects pandas/numpy gaps without importing them.
    """
    if x is None:
        return True
    try:
        return bool(x != x)
    except (TypeError, ValueError, ArithmeticError):
        return True


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

_BLANK = "    "  # four spaces: room for the clerk to write the day and month by hand


def _check_date(d: object) -> datetime.date:
    if _is_missing(d):
        raise ValueError(f"Thiếu ngày tháng: {d!r}")
    if not isinstance(d, datetime.date):
        raise TypeError(f"Cần giá trị ngày (datetime.date), nhận được {type(d).__name__}: {d!r}")
    return d


def _day(day: int) -> str:
    return f"{day:02d}"


def _month(month: int) -> str:
    """Months 1 and 2 are zero-padded ("01", "02") so they cannot be altered by hand; others not."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_long(d: datetime.date | None, *, year: int | None = None) -> str:
    """Long form used under the national motto: "ngày 02 tháng 4 năm 2021".

    ``d=None`` means a draft whose day and month the registry clerk fills in at signing:
    "ngày    tháng    năm 2021"; *year* is then required. When *d* is given, *year* is ignored
    (a plan for 2022 may well be signed in December 2021).
    """
    if d is None:
        if year is None:
            raise ValueError("Ngày để trống cho văn thư điền thì phải cho biết năm (year=...)")
        if isinstance(year, bool) or not isinstance(year, numbers.Integral) or not 1 <= year <= 9999:
            raise ValueError(f"Năm không hợp lệ: {year!r}")
        return f"ngày{_BLANK}tháng{_BLANK}năm {int(year)}"
    d = _check_date(d)
    return f"ngày {_day(d.day)} tháng {_month(d.month)} năm {d.year}"


def place_date(place: str, d: datetime.date | None, *, year: int | None = None) -> str:
    """Place and date line of a document header: "Đắk Nông, ngày 11 tháng 5 năm 2021"."""
    if not isinstance(place, str) or not place.strip():
        raise ValueError(f"Thiếu địa danh: {place!r}")
    return f"{norm_space(place)}, {date_long(d, year=year)}"


def date_short(d: datetime.date) -> str:
    """Citation form for running text: "25/9/2020", "09/3/2020", "03/02/2021"."""
    d = _check_date(d)
    return f"{_day(d.day)}/{_month(d.month)}/{d.year}"


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


def _to_decimal(x: object) -> Decimal:
    """Exact-as-written Decimal for *x*: floats go through their shortest repr ("2.675")."""
    if _is_missing(x):
        raise ValueError(f"Thiếu số liệu: {x!r}")
    if isinstance(x, bool):
        raise TypeError(f"Cần một số, nhận được giá trị logic: {x!r}")
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, numbers.Integral):
        d = Decimal(int(x))
    elif isinstance(x, float):
        d = Decimal(float.__repr__(x))
    elif isinstance(x, numbers.Real):  # numpy.float32, Fraction, ...
        try:
            d = Decimal(str(x))
        except InvalidOperation:
            d = Decimal(repr(float(x)))
    else:
        hint = " (dùng parse_number để đọc chữ số)" if isinstance(x, str) else ""
        raise TypeError(f"Cần một số, nhận được {type(x).__name__}: {x!r}{hint}")
    if not d.is_finite():
        raise ValueError(f"Số không hợp lệ: {x!r}")
    return d


def _round(d: Decimal, decimals: int) -> Decimal:
    """Round half away from zero to *decimals* places, with enough precision for any size."""
    prec = max(28, d.adjusted() + decimals + 3)
    return d.quantize(Decimal(1).scaleb(-decimals), context=Context(prec=prec, rounding=ROUND_HALF_UP))


def _check_decimals(decimals: object) -> int:
    if isinstance(decimals, bool) or not isinstance(decimals, numbers.Integral) or decimals < 0:
        raise ValueError(f"Số chữ số thập phân không hợp lệ: {decimals!r}")
    return int(decimals)


def _render(d: Decimal, decimals: int | None, *, strip: bool) -> str:
    """Round and write *d* the Vietnamese way; *strip* drops trailing decimal zeros."""
    if decimals is None:
        decimals = 0 if d == d.to_integral_value() else 2
        strip = True
    else:
        decimals = _check_decimals(decimals)
    q = _round(d, decimals)
    text = format(q, "f")
    negative = text.startswith("-")
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    if strip:
        frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.append(whole[-3:])
        whole = whole[:-3]
    groups.append(whole)
    out = ".".join(reversed(groups))
    if frac:
        out += "," + frac
    if negative and q != 0:  # never "-0"
        out = "-" + out
    return out


def number(x: float | int | Decimal, decimals: int | None = None) -> str:
    """Write a number with "." thousands and "," decimals: 1234567 -> "1.234.567".

    ``decimals=None``: integers and whole floats without decimals ("45"), otherwise up to two
    decimals with trailing zeros stripped ("2.650,5"). An explicit *decimals* gives a fixed
    number of places, as tables need ("45,0"). Rounding is half away from zero.
    """
    return _render(_to_decimal(x), decimals, strip=False)


def rounded(x: float | int, decimals: int) -> float:
    """*x* rounded as :func:`number` writes it with *decimals* places (half away from zero): 2.675 -> 2.68.

    For comparing figures exactly as a document prints them.
    """
    return float(_round(_to_decimal(x), _check_decimals(decimals)))


def count(n: float | int) -> str:
    """A count of things as running text writes it: two digits under ten ("01 HTX", "09 xã"), else
    :func:`number` ("0", "12", "1.234"). Only for whole counts: a fraction raises ValueError."""
    d = _to_decimal(n)
    if d != d.to_integral_value():
        raise ValueError(f"Số đếm phải là số nguyên: {n!r}")
    return f"{int(d):02d}" if 0 < d < 10 else _render(d, 0, strip=False)


def percent(x: float, decimals: int = 1) -> str:
    """Write a value that is already a percentage: 87.25 -> "87,3%", 90 -> "90%".

    Rounded to *decimals* places, trailing zeros dropped (so whole values carry no ",0");
    no space before "%".
    """
    return _render(_to_decimal(x), _check_decimals(decimals), strip=True) + "%"


def percent_range(lo: float, hi: float, decimals: int = 1) -> str:
    """Write a target range of percentages: (40, 45) -> "40 - 45%"."""
    a, b = _to_decimal(lo), _to_decimal(hi)
    if a > b:
        raise ValueError(f"Khoảng phần trăm ngược: {lo!r} > {hi!r}")
    decimals = _check_decimals(decimals)
    return f"{_render(a, decimals, strip=True)} - {_render(b, decimals, strip=True)}%"


#: Money units and their value in đồng (the units a plan's figures and the workbook's columns use).
MONEY_UNITS: dict[str, int] = {
    "đồng": 1,
    "nghìn đồng": 10**3,
    "triệu đồng": 10**6,
    "tỷ đồng": 10**9,
}
_AUTO_UNITS = ("đồng", "triệu đồng", "tỷ đồng")


def money(vnd: float, unit: str | None = None, decimals: int | None = None) -> str:
    """Write an amount given in đồng: "20 tỷ đồng", "3,5 tỷ đồng", "1.234.567 đồng".

    ``unit=None`` picks "tỷ đồng" from 1e9, "triệu đồng" from 1e6, else "đồng" (moving up a
    unit when rounding reaches the next threshold); or force "đồng", "nghìn đồng",
    "triệu đồng", "tỷ đồng". ``decimals=None`` means none for "đồng", up to two otherwise.
    Trailing decimal zeros are always dropped: money is written in prose.
    """
    amount = _to_decimal(vnd)
    if decimals is not None:
        decimals = _check_decimals(decimals)

    def places(u: str) -> int:
        if decimals is not None:
            return decimals
        return 0 if u == "đồng" else 2

    if unit is not None:
        u = norm_space(unit) if isinstance(unit, str) else unit
        if u not in MONEY_UNITS:
            raise ValueError(f"Đơn vị tiền không hợp lệ: {unit!r}; dùng một trong {list(MONEY_UNITS)}")
        value = amount / MONEY_UNITS[u]
        return f"{_render(value, places(u), strip=True)} {u}"

    idx = 0
    for i, u in enumerate(_AUTO_UNITS):
        if abs(amount) >= MONEY_UNITS[u]:
            idx = i
    while True:
        u = _AUTO_UNITS[idx]
        rounded = _round(amount / MONEY_UNITS[u], places(u))
        if idx + 1 < len(_AUTO_UNITS) and abs(rounded) * MONEY_UNITS[u] >= MONEY_UNITS[_AUTO_UNITS[idx + 1]]:
            idx += 1  # e.g. 999.999.999 đồng would round to "1.000 triệu"; say "1 tỷ" instead
            continue
        return f"{_render(rounded, places(u), strip=True)} {u}"


# ---------------------------------------------------------------------------------------------
# Roman numerals (section numbers: "I. ĐÁNH GIÁ ...")
# ---------------------------------------------------------------------------------------------

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


#: Letters of lettered items ("điểm" a), b), c)…), in Vietnamese alphabetical order: no f, j, w, z; đ after d.
ITEM_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()


def item_letter(n: int) -> str:
    """The letter of the n-th lettered item (1 -> "a", 5 -> "đ", 6 -> "e", 7 -> "g")."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(ITEM_LETTERS):
        raise ValueError(f"Điểm thứ {n!r}: chỉ có {len(ITEM_LETTERS)} chữ cái a)…y); hãy ghi 'number' cho từng điểm")
    return ITEM_LETTERS[n - 1]


def roman(n: int) -> str:
    """Roman numeral for 1..3999: 4 -> "IV", 14 -> "XIV"."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or not 1 <= n <= 3999:
        raise ValueError(f"Chỉ viết được số La Mã từ 1 đến 3999, nhận được {n!r}")
    n = int(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(s: str) -> int:
    """Value of a canonical Roman numeral ("XIV" -> 14); case and surrounding spaces ignored."""
    text = s.strip().upper() if isinstance(s, str) else ""
    if not text or not _ROMAN_RE.fullmatch(text):
        raise ValueError(f"Không đọc được số La Mã: {s!r}")
    total, i = 0, 0
    for value, letters in _ROMAN:
        while text.startswith(letters, i):
            total += value
            i += len(letters)
    return total


# ---------------------------------------------------------------------------------------------
# Parsing what analysts type
# ---------------------------------------------------------------------------------------------

_SIGNS = {"-": -1, "−": -1, "+": 1}  # includes U+2212 MINUS SIGN, as Word writes it
_GROUPED_RE = re.compile(r"([1-9]\d{0,2}(?:\.\d{3})+)(?:,(\d+))?")
_COMMA_RE = re.compile(r"(\d+)(?:,(\d+))?")
_DOT_RE = re.compile(r"(\d+)\.(\d+)")


def parse_number(text: str) -> float | int:
    """Read a number typed the Vietnamese way in an Excel text cell.

    Accepted: "12", "1.234.567", "2.650,5", "87,3", "87,3%" (the % sign is dropped: the value
    is already a percentage), optional sign and surrounding spaces. Returns int when there is
    no decimal part, else float. Ambiguity rule: "." with groups of exactly three digits after
    a 1-3 digit leading group is a thousands separator ("1.234" -> 1234, "1.234.567"); any
    other single "." is a decimal point ("87.3" -> 87.3, "0.125" -> 0.125, "1234.5").
    "," is always the decimal comma ("1,234" -> 1.234). Real ints/floats pass through.
    """
    if isinstance(text, numbers.Real) and not isinstance(text, bool) and not _is_missing(text):
        return text
    if not isinstance(text, str):
        raise ValueError(f"Không đọc được số: {text!r}")
    s = nfc(text).strip()
    if s.endswith("%"):
        s = s[:-1].rstrip()
    sign = 1
    if s[:1] in _SIGNS:
        sign, s = _SIGNS[s[0]], s[1:]
    m = _GROUPED_RE.fullmatch(s)
    if m:
        whole, frac = m.group(1).replace(".", ""), m.group(2)
    elif m := _COMMA_RE.fullmatch(s):
        whole, frac = m.group(1), m.group(2)
    elif m := _DOT_RE.fullmatch(s):
        whole, frac = m.group(1), m.group(2)
    else:
        raise ValueError(f"Không đọc được số: {text!r} (cần dạng 1.234.567 hoặc 2.650,5 hoặc 87,3)")
    if frac is None:
        return sign * int(whole)
    return sign * float(f"{whole}.{frac}")


_DECIMAL_RE = re.compile(r"(\d+)(?:[.,](\d+))?")


def parse_decimal(text: str) -> float:
    """Read a plain decimal number as a plan file writes it: "12", "1,5", "0.25", "-3".

    Either mark may stand before the decimals and there are no thousands groups, so unlike
    :func:`parse_number` "1.234" is 1.234: conditions and rules in a plan are short numbers written
    by hand with either mark. ValueError for anything else.
    """
    s = nfc(text).strip() if isinstance(text, str) else ""
    sign = 1
    if s[:1] in _SIGNS:
        sign, s = _SIGNS[s[0]], s[1:]
    m = _DECIMAL_RE.fullmatch(s)
    if not m:
        raise ValueError(f"Không đọc được số: {text!r} (cần dạng 12, 1,5 hoặc 0.25)")
    return sign * float(f"{m.group(1)}.{m.group(2) or 0}")


_DATE_FORMS = (
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), (0, 1, 2)),
    (re.compile(r"(\d{1,2}) tháng (\d{1,2}) năm (\d{4})"), (0, 1, 2)),
    (re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})"), (0, 1, 2)),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (2, 1, 0)),
)


def parse_date(text: str) -> datetime.date:
    """Read a date, always day first: "11/5/2021", "11/05/2021", "11-5-2021", "11 tháng 5 năm 2021",
    or ISO "2021-05-11".

    A datetime.date passes through (a datetime gives its date), as Excel cells often hold one.
    """
    if isinstance(text, datetime.datetime) and not _is_missing(text):
        return text.date()
    if isinstance(text, datetime.date) and not _is_missing(text):
        return text
    if not isinstance(text, str):
        raise ValueError(f"Không đọc được ngày: {text!r}")
    s = nfc(text).strip()
    for pattern, (di, mi, yi) in _DATE_FORMS:
        m = pattern.fullmatch(s)
        if m:
            parts = [int(g) for g in m.groups()]
            try:
                return datetime.date(parts[yi], parts[mi], parts[di])
            except ValueError:
                raise ValueError(f"Không đọc được ngày: {text!r} (không có ngày này)") from None
    raise ValueError(f"Không đọc được ngày: {text!r} (cần dạng ngày/tháng/năm, ví dụ 11/5/2021)")


# ---------------------------------------------------------------------------------------------
# Jinja
# ---------------------------------------------------------------------------------------------

JINJA_FILTERS: dict[str, Callable[..., str]] = {
    "date_long": date_long,
    "date_short": date_short,
    "number": number,
    "percent": percent,
    "money": money,
    "roman": roman,
    "place_date": place_date,
}
