"""Timeframe wording -> structure, and which periods a task is active in."""

from datetime import date

import pytest

from baocao.plan.timeframe import TimeframeError, parse_timeframe


@pytest.mark.parametrize("text,recurring,years,period,every", [
    ("Thường xuyên", True, (), None, None),
    ("Năm 2021", False, (2021,), None, None),
    ("Năm 2021 và thường xuyên", True, (2021,), None, None),
    ("Giai đoạn 2021-2025", False, (), (2021, 2025), None),
    ("Thường xuyên và 2 năm 1 lần", True, (), None, 2),
    ("Hằng năm", True, (), None, None),
    ("giai đoạn 2021 – 2025", False, (), (2021, 2025), None),
    ("Năm 2022, năm 2024", False, (2022, 2024), None, None),
])
def test_parse(text, recurring, years, period, every):
    tf = parse_timeframe(text)
    assert (tf.recurring, tf.years, tf.period, tf.every_n_years) == (recurring, years, period, every)
    assert tf.text == text.strip()


def test_windows_and_deadline():
    tf = parse_timeframe("Quý II/2026")
    assert tf.windows == ((date(2026, 4, 1), date(2026, 6, 30)),)
    assert tf.deadline() == date(2026, 6, 30)
    assert parse_timeframe("6 tháng cuối năm 2023").deadline() == date(2023, 12, 31)
    assert parse_timeframe("Năm 2021 và thường xuyên").deadline() == date(2021, 12, 31)
    assert parse_timeframe("Thường xuyên").deadline() is None


def test_active_between():
    h1_2023 = (date(2023, 1, 1), date(2023, 6, 30))
    assert not parse_timeframe("Năm 2021").active_between(*h1_2023)
    assert parse_timeframe("Năm 2021").active_between(date(2021, 1, 1), date(2021, 12, 31))
    assert parse_timeframe("Giai đoạn 2021-2025").active_between(*h1_2023)
    assert parse_timeframe("Thường xuyên").active_between(*h1_2023, plan_start=2021, plan_end=2025)
    assert not parse_timeframe("Thường xuyên").active_between(date(2027, 1, 1), date(2027, 6, 30),
                                                             plan_start=2021, plan_end=2025)
    every2 = parse_timeframe("2 năm 1 lần")
    assert every2.active_between(date(2023, 1, 1), date(2023, 12, 31), plan_start=2021)
    assert not every2.active_between(date(2022, 1, 1), date(2022, 12, 31), plan_start=2021)


@pytest.mark.parametrize("text", ["", "Khi nào xong", "Giai đoạn 2025-2021"])
def test_rejects_unknown_wording_in_vietnamese(text):
    with pytest.raises(TimeframeError) as exc:
        parse_timeframe(text)
    assert any(w in str(exc.value) for w in ("Không hiểu", "trống", "trước năm bắt đầu"))


def test_unknown_wording_is_a_baocao_error_and_still_a_value_error():
    """Callers catch every deliberate error as BaocaoError; pydantic validators need a ValueError."""
    from baocao.errors import BaocaoError

    with pytest.raises(BaocaoError) as exc:
        parse_timeframe("Khi nào xong")
    assert isinstance(exc.value, ValueError) and "Không hiểu" in str(exc.value)


@pytest.mark.parametrize(("wording", "deadline", "recurring"), [
    ("Tháng 6/2023", date(2023, 6, 30), False),
    ("Tháng 12 năm 2024", date(2024, 12, 31), False),
    ("Trước ngày 30/6/2023", date(2023, 6, 30), False),
    ("Trước 15/12/2024 và thường xuyên", date(2024, 12, 15), True),
    ("Chậm nhất ngày 15 tháng 12 năm 2024", date(2024, 12, 15), False),
    ("Hằng quý", None, True),
    ("Năm 2021-2022", date(2022, 12, 31), False),
])
def test_forms_real_appendix_tables_use(wording, deadline, recurring):
    """Months, deadlines by a day, "hằng quý" and "Năm 2021-2022" are read, the wording kept as written."""
    tf = parse_timeframe(wording)
    assert (tf.text, tf.deadline(), tf.recurring) == (wording, deadline, recurring)


def test_a_deadline_by_a_day_is_due_in_its_half_year_and_not_before():
    tf = parse_timeframe("Trước ngày 30/6/2023")
    assert tf.active_between(date(2023, 1, 1), date(2023, 6, 30))
    assert not tf.active_between(date(2023, 7, 1), date(2023, 12, 31))
    assert not tf.due_by(date(2023, 6, 29)) and tf.due_by(date(2023, 6, 30))


@pytest.mark.parametrize(("wording", "says"), [("Tháng 13/2023", "tháng 13"), ("Trước ngày 31/2/2023", "31/2/2023")])
def test_a_date_that_does_not_exist_is_refused_by_name(wording, says):
    with pytest.raises(TimeframeError, match=says):
        parse_timeframe(wording)
