"""Tests for baocao.vnformat: Vietnamese numbers and dates (Decree 30/2020 conventions)."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from baocao import vnformat as vf
from baocao.vnformat import (
    JINJA_FILTERS,
    MONEY_UNITS,
    date_long,
    date_short,
    from_roman,
    join_vi,
    lower_first,
    money,
    nfc,
    norm_space,
    number,
    parse_date,
    parse_decimal,
    parse_number,
    percent,
    percent_range,
    place_date,
    roman,
    table_cell,
    upper_first,
)

# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2021, 4, 2), "ngày 02 tháng 4 năm 2021"),
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (date(2021, 5, 11), "ngày 11 tháng 5 năm 2021"),
        (date(2021, 2, 3), "ngày 03 tháng 02 năm 2021"),
        (date(2021, 3, 9), "ngày 09 tháng 3 năm 2021"),
        (date(2021, 3, 10), "ngày 10 tháng 3 năm 2021"),
        (date(2021, 10, 1), "ngày 01 tháng 10 năm 2021"),
        (date(2021, 11, 30), "ngày 30 tháng 11 năm 2021"),
        (date(2021, 12, 31), "ngày 31 tháng 12 năm 2021"),
        (datetime(2021, 5, 11, 14, 30), "ngày 11 tháng 5 năm 2021"),
    ],
)
def test_date_long(d, expected):
    assert date_long(d) == expected


def test_date_long_blank_draft():
    assert date_long(None, year=2021) == "ngày    tháng    năm 2021"


def test_date_long_year_ignored_when_date_given():
    # A plan for 2022 signed in December 2021 keeps its real signing year.
    assert date_long(date(2021, 12, 20), year=2022) == "ngày 20 tháng 12 năm 2021"


@pytest.mark.parametrize("year", [None, 0, True, "2021", 2021.0])
def test_date_long_blank_needs_valid_year(year):
    with pytest.raises(ValueError):
        date_long(None, year=year)


def test_date_long_rejects_nan_and_wrong_types():
    with pytest.raises(ValueError, match="Thiếu ngày"):
        date_long(float("nan"))
    with pytest.raises(TypeError):
        date_long("2021-05-11")


@pytest.mark.parametrize(
    ("place", "d", "year", "expected"),
    [
        ("Đắk Nông", date(2021, 5, 11), None, "Đắk Nông, ngày 11 tháng 5 năm 2021"),
        ("Hà Nội", date(2020, 1, 5), None, "Hà Nội, ngày 05 tháng 01 năm 2020"),
        ("Đắk Nông", None, 2021, "Đắk Nông, ngày    tháng    năm 2021"),
        ("  Gia\u00a0Nghĩa ", date(2021, 2, 9), None, "Gia Nghĩa, ngày 09 tháng 02 năm 2021"),
        # Decomposed input (as pasted from some editors) comes out composed.
        (unicodedata.normalize("NFD", "Đắk Nông"), date(2021, 5, 11), None, "Đắk Nông, ngày 11 tháng 5 năm 2021"),
    ],
)
def test_place_date(place, d, year, expected):
    assert place_date(place, d, year=year) == expected


@pytest.mark.parametrize("place", ["", "   ", None])
def test_place_date_needs_place(place):
    with pytest.raises(ValueError, match="Thiếu địa danh"):
        place_date(place, date(2021, 5, 11))


def test_place_date_blank_without_year():
    with pytest.raises(ValueError):
        place_date("Đắk Nông", None)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2020, 9, 25), "25/9/2020"),
        (date(2020, 3, 9), "09/3/2020"),
        (date(2021, 4, 2), "02/4/2021"),
        (date(2021, 2, 3), "03/02/2021"),
        (date(2020, 11, 10), "10/11/2020"),
        (date(2020, 1, 1), "01/01/2020"),
        (date(2020, 10, 10), "10/10/2020"),
        (date(2020, 12, 31), "31/12/2020"),
    ],
)
def test_date_short(d, expected):
    assert date_short(d) == expected


def test_date_short_rejects_missing():
    with pytest.raises(ValueError):
        date_short(None)


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (1234567, None, "1.234.567"),
        (87.34, 1, "87,3"),
        (45.0, None, "45"),
        (45, None, "45"),
        (2650.5, None, "2.650,5"),
        (2650.50, None, "2.650,5"),
        (2.999, None, "3"),
        (1.23456, None, "1,23"),
        (-1234.5, None, "-1.234,5"),
        (-1234.5, 1, "-1.234,5"),
        (0, None, "0"),
        (0.0, None, "0"),
        (0, 2, "0,00"),
        (999, None, "999"),
        (1000, None, "1.000"),
        (-1000000, None, "-1.000.000"),
        (12345678901234567890, None, "12.345.678.901.234.567.890"),
        (1e21, None, "1.000.000.000.000.000.000.000"),
        (45, 1, "45,0"),
        (1234.5678, 3, "1.234,568"),
        # Rounding: half away from zero, on the number as written.
        (0.125, 2, "0,13"),
        (2.5, 0, "3"),
        (3.5, 0, "4"),
        (-2.5, 0, "-3"),
        (-0.125, 2, "-0,13"),
        (2.675, 2, "2,68"),
        (1.005, None, "1,01"),
        (0.05, 1, "0,1"),
        # Never "-0".
        (-0.04, 1, "0,0"),
        (-0.001, None, "0"),
        (Decimal("1234.5"), None, "1.234,5"),
        (Decimal("10"), None, "10"),
        (Fraction(1, 3), None, "0,33"),
    ],
)
def test_number(x, decimals, expected):
    assert number(x, decimals) == expected


@pytest.mark.parametrize("x", [None, float("nan"), float("inf"), float("-inf"), Decimal("NaN")])
def test_number_rejects_missing(x):
    with pytest.raises(ValueError):
        number(x)


@pytest.mark.parametrize("x", ["12", True, [1]])
def test_number_rejects_non_numbers(x):
    with pytest.raises((TypeError, ValueError)):
        number(x)


@pytest.mark.parametrize("decimals", [-1, 1.5, True])
def test_number_rejects_bad_decimals(decimals):
    with pytest.raises(ValueError):
        number(1.5, decimals)


def test_number_accepts_numpy_scalars_if_available():
    np = pytest.importorskip("numpy")
    assert number(np.int64(1234567)) == "1.234.567"
    assert number(np.float64(2650.5)) == "2.650,5"
    assert number(np.float32(0.1), 2) == "0,10"
    with pytest.raises(ValueError):
        number(np.float64("nan"))


def test_number_rejects_pandas_missing_if_available():
    pd = pytest.importorskip("pandas")
    with pytest.raises(ValueError):
        number(pd.NA)
    with pytest.raises(ValueError):
        date_long(pd.NaT)


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (87.25, 1, "87,3%"),
        (90, 1, "90%"),
        (90.0, 1, "90%"),
        (89.96, 1, "90%"),
        (87.3, 1, "87,3%"),
        (0, 1, "0%"),
        (100, 1, "100%"),
        (-2.45, 1, "-2,5%"),
        (12.345, 2, "12,35%"),
        (12.5, 2, "12,5%"),
        (12.5, 0, "13%"),
        (1234.5, 1, "1.234,5%"),
    ],
)
def test_percent(x, decimals, expected):
    assert percent(x, decimals) == expected


def test_percent_default_decimals():
    assert percent(87.25) == "87,3%"


@pytest.mark.parametrize("x", [None, float("nan")])
def test_percent_rejects_missing(x):
    with pytest.raises(ValueError):
        percent(x)


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (40, 45, "40 - 45%"),
        (40.0, 45.5, "40 - 45,5%"),
        (2.25, 2.5, "2,3 - 2,5%"),
        (95, 95, "95 - 95%"),
    ],
)
def test_percent_range(lo, hi, expected):
    assert percent_range(lo, hi) == expected


def test_percent_range_rejects_reversed_and_missing():
    with pytest.raises(ValueError, match="ngược"):
        percent_range(45, 40)
    with pytest.raises(ValueError):
        percent_range(None, 40)


@pytest.mark.parametrize(
    ("vnd", "unit", "decimals", "expected"),
    [
        (20e9, None, None, "20 tỷ đồng"),
        (20_000_000_000, None, None, "20 tỷ đồng"),
        (3.5e9, None, None, "3,5 tỷ đồng"),
        (600e6, None, None, "600 triệu đồng"),
        (1234567, None, None, "1,23 triệu đồng"),
        (1234567, "đồng", None, "1.234.567 đồng"),
        (123456, None, None, "123.456 đồng"),
        (999999.6, None, None, "1 triệu đồng"),
        (999_999_999, None, None, "1 tỷ đồng"),
        (1_234_567_890, None, None, "1,23 tỷ đồng"),
        (1.5e15, None, None, "1.500.000 tỷ đồng"),
        (0, None, None, "0 đồng"),
        (-3.5e9, None, None, "-3,5 tỷ đồng"),
        (-600e6, None, None, "-600 triệu đồng"),
        (1e9, None, None, "1 tỷ đồng"),
        (1e6, None, None, "1 triệu đồng"),
        (2.5e9, "triệu đồng", None, "2.500 triệu đồng"),
        (1234567, "nghìn đồng", None, "1.234,57 nghìn đồng"),
        (3.45e9, "tỷ đồng", 1, "3,5 tỷ đồng"),
        (20e9, "tỷ đồng", 1, "20 tỷ đồng"),
        (3.456e9, None, 1, "3,5 tỷ đồng"),
        (1234.5, "đồng", None, "1.235 đồng"),
        (5e9, unicodedata.normalize("NFD", "tỷ đồng"), None, "5 tỷ đồng"),
    ],
)
def test_money(vnd, unit, decimals, expected):
    assert money(vnd, unit, decimals) == expected


def test_money_rejects_bad_unit_and_missing():
    with pytest.raises(ValueError, match="Đơn vị tiền"):
        money(1e9, "USD")
    with pytest.raises(ValueError):
        money(None)
    with pytest.raises(ValueError):
        money(float("nan"), "tỷ đồng")


# --------------------------------------------------------------------------------------------
# Roman numerals
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "s"),
    [
        (1, "I"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (10, "X"), (14, "XIV"),
        (40, "XL"), (49, "XLIX"), (90, "XC"), (400, "CD"), (1994, "MCMXCIV"), (2021, "MMXXI"),
        (3999, "MMMCMXCIX"),
    ],
)  # fmt: skip
def test_roman_round_trip(n, s):
    assert roman(n) == s
    assert from_roman(s) == n


def test_roman_round_trip_all():
    assert all(from_roman(roman(n)) == n for n in range(1, 4000))


@pytest.mark.parametrize("n", [0, -1, 4000, 2.0, True, None])
def test_roman_rejects_out_of_range(n):
    with pytest.raises(ValueError):
        roman(n)


def test_from_roman_lenient_case_and_spaces():
    assert from_roman(" xiv ") == 14


@pytest.mark.parametrize("s", ["", "IIII", "VX", "IC", "MMMM", "ABC", "XIV.", None])
def test_from_roman_rejects(s):
    with pytest.raises(ValueError, match="Không đọc được số La Mã"):
        from_roman(s)


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.650,5", 2650.5),
        ("1.234.567", 1234567),
        ("87,3", 87.3),
        ("87,3%", 87.3),
        ("87,3 %", 87.3),
        (" 12 ", 12),
        ("\u00a012\u00a0", 12),
        ("0", 0),
        ("-1.234,5", -1234.5),
        ("−5", -5),  # U+2212 minus sign
        ("+7", 7),
        ("1.234", 1234),  # single "." + exactly 3 digits: thousands separator
        ("1.234.567,89", 1234567.89),
        ("1,234", 1.234),  # "," is always decimal
        ("87.3", 87.3),  # "." not followed by 3 digits: decimal point
        ("0.125", 0.125),  # leading 0 cannot start a thousands group
        ("1234.567", 1234567 / 1000),  # leading group of 4 digits: decimal point
        ("100%", 100),
        ("12345678901234567890", 12345678901234567890),
    ],
)
def test_parse_number(text, expected):
    result = parse_number(text)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize("value", [12, 2650.5])
def test_parse_number_passes_numbers_through(value):
    assert parse_number(value) == value


@pytest.mark.parametrize(
    "text",
    ["abc", "", "   ", "%", "-", "1.23.456", "1.234.5", "1,234.5", "1 234", "12a", ",5", "1,2,3", "--1", None, True],
)
def test_parse_number_rejects(text):
    with pytest.raises(ValueError, match="Không đọc được số"):
        parse_number(text)


def test_parse_number_message_names_the_text():
    with pytest.raises(ValueError, match=r"Không đọc được số: 'abc'"):
        parse_number("abc")


def test_parse_number_rejects_nan():
    with pytest.raises(ValueError):
        parse_number(float("nan"))


def test_parse_number_round_trips_number():
    for x in [0, 12, 1234567, -2650.5, 87.3, 0.25]:
        assert parse_number(number(x)) == x


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11/5/2021", date(2021, 5, 11)),
        ("11/05/2021", date(2021, 5, 11)),
        ("2021-05-11", date(2021, 5, 11)),
        ("2021-5-11", date(2021, 5, 11)),
        ("11-5-2021", date(2021, 5, 11)),
        ("01/02/2021", date(2021, 2, 1)),  # day first, always
        ("12/1/2021", date(2021, 1, 12)),
        (" 29/2/2024 ", date(2024, 2, 29)),
        ("31/12/2020", date(2020, 12, 31)),
        (date(2021, 5, 11), date(2021, 5, 11)),
        (datetime(2021, 5, 11, 8, 0), date(2021, 5, 11)),
    ],
)
def test_parse_date(text, expected):
    result = parse_date(text)
    assert result == expected
    assert type(result) is date


@pytest.mark.parametrize(
    "text",
    ["", "abc", "11/5/21", "5/11", "11.5.2021", "11/5-2021", "2021/05/11", "32/1/2021", "29/2/2021", "0/1/2021",
     "11/13/2021", "2021-13-01", None, 20210511],
)  # fmt: skip
def test_parse_date_rejects(text):
    with pytest.raises(ValueError, match="Không đọc được ngày"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12.0), ("1,5", 1.5), ("1.5", 1.5), ("0.25", 0.25), (" -3 ", -3.0), ("+2,75", 2.75), ("−4", -4.0),
     ("1.234", 1.234), ("1,234", 1.234), ("007", 7.0)],
)  # fmt: skip
def test_parse_decimal_takes_either_mark(text, expected):
    result = parse_decimal(text)
    assert result == expected and type(result) is float


@pytest.mark.parametrize("text", ["", "abc", "1.234.567", "2.650,5", "1e3", "inf", "nan", ".5", "5.", "1_000", None, 12])
def test_parse_decimal_rejects(text):
    with pytest.raises(ValueError, match="Không đọc được số"):
        parse_decimal(text)


def test_parse_date_round_trips_date_short():
    for d in [date(2020, 1, 5), date(2020, 3, 9), date(2021, 11, 10)]:
        assert parse_date(date_short(d)) == d


# --------------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------------


def test_nfc():
    decomposed = unicodedata.normalize("NFD", "Nghị định")
    assert decomposed != "Nghị định"
    assert nfc(decomposed) == "Nghị định"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Kế   hoạch\tsố\n12 ", "Kế hoạch số 12"),
        ("Ủy\u00a0ban\u202fnhân dân", "Ủy ban nhân dân"),
        (unicodedata.normalize("NFD", " Đắk  Nông "), "Đắk Nông"),
        ("", ""),
    ],
)
def test_norm_space(text, expected):
    assert norm_space(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Tỷ lệ xã có HTX", "tỷ lệ xã có HTX"), ("HTX thành lập mới", "HTX thành lập mới"),
     ("OCOP", "OCOP"), ("Đã giải thể", "đã giải thể"), ("A", "a"), ("", "")],
)  # fmt: skip
def test_lower_first_keeps_acronyms(text, expected):
    assert lower_first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("đã hoàn thành", "Đã hoàn thành"), ("chậm tiến độ", "Chậm tiến độ"), ("ước thực hiện", "Ước thực hiện"),
     ("HTX", "HTX"), ("", "")],
)  # fmt: skip
def test_upper_first(text, expected):
    assert upper_first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("khá, tốt 40% trở lên; trung bình 40 - 50%; yếu, kém dưới 15%",
      "Khá, tốt 40% trở lên; trung bình 40 - 50%; yếu, kém dưới 15%"),
     ("Khá, tốt 40,4%; Trung bình 40%; Yếu, kém 19,6%", "Khá, tốt 40,4%; trung bình 40%; yếu, kém 19,6%"),
     ("chậm tiến độ", "Chậm tiến độ"), ("định tính", "Định tính"), ("trên 20; HTX mới 3", "Trên 20; HTX mới 3"),
     ("—", "—"), ("", "")],
)  # fmt: skip
def test_table_cell_case_reads_the_same_in_target_and_value(text, expected):
    assert table_cell(text) == expected


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [("28,5 HTX/năm", "HTX/năm", "28,5"), ("87,3%", "%", "87,3"), ("trên 20 tỷ đồng", "tỷ đồng", "Trên 20"),
     ("40 - 45%", "%", "40 - 45"), ("Khá, tốt 40,4%; Trung bình 40%; Yếu, kém 19,6%", "%",
                                    "Khá, tốt 40,4%; trung bình 40%; yếu, kém 19,6%"),
     ("—", "%", "—"), ("12 HTX", None, "12 HTX"), ("%", "%", "%"), ("12 người", "HTX", "12 người")],
)  # fmt: skip
def test_table_cell_drops_the_unit_of_a_single_figure_only(text, unit, expected):
    assert table_cell(text, unit) == expected


def test_join_vi():
    assert join_vi([]) == ""
    assert join_vi(["UBND xã A"]) == "UBND xã A"
    assert join_vi(["A", "B"]) == "A và B"
    assert join_vi(["A", "B", "C"]) == "A, B và C"


def test_money_units_are_those_money_writes():
    assert MONEY_UNITS == {"đồng": 1, "nghìn đồng": 10**3, "triệu đồng": 10**6, "tỷ đồng": 10**9}
    for unit, factor in MONEY_UNITS.items():
        assert money(3 * factor, unit) == f"3 {unit}"


# --------------------------------------------------------------------------------------------
# Module-level contracts
# --------------------------------------------------------------------------------------------


def test_jinja_filters():
    assert set(JINJA_FILTERS) == {"date_long", "date_short", "number", "percent", "money", "roman", "place_date"}
    assert JINJA_FILTERS["number"](1234567) == "1.234.567"
    assert JINJA_FILTERS["place_date"]("Đắk Nông", date(2021, 5, 11)) == "Đắk Nông, ngày 11 tháng 5 năm 2021"


def test_outputs_are_nfc():
    outputs = [date_long(date(2021, 5, 11)), money(3.5e9), money(6e8), place_date("Đắk Nông", None, year=2021)]
    assert all(unicodedata.is_normalized("NFC", s) for s in outputs)


def test_import_is_light():
    code = "import sys, baocao.vnformat; bad = {'pandas', 'babel', 'numpy', 'jinja2'} & set(sys.modules); print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "set()"


def test_all_is_complete():
    public = {name for name in dir(vf) if not name.startswith("_") and callable(getattr(vf, name))}
    assert set(vf.__all__) >= {
        "date_long", "place_date", "date_short", "number", "percent", "percent_range", "money",
        "roman", "from_roman", "parse_number", "parse_date", "nfc", "norm_space", "JINJA_FILTERS",
    }  # fmt: skip
    assert set(vf.__all__) - {"JINJA_FILTERS"} <= public
