"""Reporting periods: codes, Decree 09 cut-off windows, deadlines, labels; due and overdue tasks of the seed."""

from __future__ import annotations

from datetime import date

import pytest

from baocao.periods import Period, PeriodError, add_working_days, due_tasks, overdue_tasks, parse_period
from baocao.task_status import DONE, IN_PROGRESS
from baocao.plan.timeframe import parse_timeframe

D = date

# code, kind, start, end, cutoff_start, cutoff_end, due (2 working days), label
TABLE = [
    ("2024-09", "month", D(2024, 9, 1), D(2024, 9, 30), D(2024, 8, 15), D(2024, 9, 14), D(2024, 9, 17),
     "tháng 9 năm 2024"),
    ("2024-01", "month", D(2024, 1, 1), D(2024, 1, 31), D(2023, 12, 15), D(2024, 1, 14), D(2024, 1, 16),
     "tháng 01 năm 2024"),
    ("2024-Q3", "quarter", D(2024, 7, 1), D(2024, 9, 30), D(2024, 6, 15), D(2024, 9, 14), D(2024, 9, 17),
     "quý III năm 2024"),
    ("2024-Q1", "quarter", D(2024, 1, 1), D(2024, 3, 31), D(2023, 12, 15), D(2024, 3, 14), D(2024, 3, 18),
     "quý I năm 2024"),
    ("2023-H1", "half", D(2023, 1, 1), D(2023, 6, 30), D(2022, 12, 15), D(2023, 6, 14), D(2023, 6, 16),
     "6 tháng đầu năm 2023"),
    ("2023-H2", "half", D(2023, 7, 1), D(2023, 12, 31), D(2023, 6, 15), D(2023, 12, 14), D(2023, 12, 18),
     "6 tháng cuối năm 2023"),
    ("2024-9M", "nine_months", D(2024, 1, 1), D(2024, 9, 30), D(2023, 12, 15), D(2024, 9, 14), D(2024, 9, 17),
     "9 tháng đầu năm 2024"),
    ("2023", "year", D(2023, 1, 1), D(2023, 12, 31), D(2022, 12, 15), D(2023, 12, 14), D(2023, 12, 18),
     "năm 2023"),
    ("2021-2025", "summary", D(2021, 1, 1), D(2025, 12, 31), D(2020, 12, 15), D(2025, 12, 14), D(2025, 12, 16),
     "giai đoạn 2021-2025"),
]


@pytest.mark.parametrize("code, kind, start, end, cut_start, cut_end, due, label", TABLE, ids=[t[0] for t in TABLE])
def test_period_dates_and_label(code, kind, start, end, cut_start, cut_end, due, label):
    p = parse_period(code)
    assert (p.kind, p.code, str(p)) == (kind, code, code)
    assert (p.start, p.end) == (start, end)
    assert (p.cutoff_start, p.cutoff_end) == (cut_start, cut_end)
    assert p.due == due
    assert p.label == label
    assert parse_period(p.code) == p


def test_parse_accepts_loose_forms():
    assert parse_period(" 2023-h1 ") == Period("half", 2023, 1)
    assert parse_period("2024-9") == Period("month", 2024, 9)
    assert parse_period("2021–2025") == Period("summary", 2021, end_year=2025)
    assert parse_period("2024-q3").code == "2024-Q3"


@pytest.mark.parametrize("bad", ["2023-H3", "2024-13", "2024-00", "2024-Q5", "2025-2021", "2023-2023", "H1-2023", "",
                                 "năm 2023", "23"])
def test_parse_rejects_with_vietnamese_message(bad):
    with pytest.raises(PeriodError) as exc:
        parse_period(bad)
    assert "kỳ" in str(exc.value) or "năm" in str(exc.value)


def test_period_rejects_inconsistent_values():
    with pytest.raises(PeriodError):
        Period("year", 2023, 1)
    with pytest.raises(PeriodError):
        Period("half", 2023, 2, end_year=2024)
    with pytest.raises(PeriodError):
        Period("week", 2023)  # type: ignore[arg-type]


def test_due_is_configurable_and_skips_weekends_and_holidays():
    p = parse_period("2023-H1")  # cut-off Wednesday 14/6/2023
    assert p.due_date(working_days=5) == D(2023, 6, 21)
    assert p.due_date(holidays=[D(2023, 6, 15)]) == D(2023, 6, 19)
    assert parse_period("2023-H1", due_days=3).due == D(2023, 6, 19)
    assert parse_period("2023-H1", due_days=3) == p  # due_days is a setting, not part of identity
    assert add_working_days(D(2025, 12, 12), 1) == D(2025, 12, 15)  # Friday -> Monday
    assert add_working_days(D(2025, 12, 14), 0) == D(2025, 12, 14)
    with pytest.raises(PeriodError):
        parse_period("2023", due_days=-1)


@pytest.mark.parametrize("code, previous", [("2023-H1", "2022-H1"), ("2023-H2", "2022-H2"), ("2023", "2022"),
                                            ("2024-Q3", "2023-Q3"), ("2024-09", "2023-09"), ("2024-9M", "2023-9M")])
def test_previous_same(code, previous):
    assert parse_period(code).previous_same() == parse_period(previous)


def test_summary_has_no_previous_same():
    assert parse_period("2021-2025").previous_same() is None


@pytest.mark.parametrize("code, title", [
    ("2023-H1", "6 tháng đầu năm 2023 và phương hướng, nhiệm vụ 6 tháng cuối năm 2023"),
    ("2023-H2", "6 tháng cuối năm 2023 và phương hướng, nhiệm vụ 6 tháng đầu năm 2024"),
    ("2023", "năm 2023 và phương hướng, nhiệm vụ năm 2024"),
    ("2021-2025", "giai đoạn 2021-2025 và phương hướng, nhiệm vụ giai đoạn 2026-2030"),
    ("2024-Q4", "quý IV năm 2024 và phương hướng, nhiệm vụ quý I năm 2025"),
    ("2024-12", "tháng 12 năm 2024 và phương hướng, nhiệm vụ tháng 01 năm 2025"),
    ("2024-9M", "9 tháng đầu năm 2024 và phương hướng, nhiệm vụ quý IV năm 2024"),
])
def test_label_and_the_next_periods_label(code, title):
    """What a report's summary line says of its period and of the next (phương hướng, nhiệm vụ …)."""
    period = parse_period(code)
    assert f"{period.label} và phương hướng, nhiệm vụ {period.next().label}" == title


@pytest.mark.parametrize("code, note", [("2023-H1", "ước thực hiện đến 30/6/2023"),
                                        ("2023", "ước thực hiện đến 31/12/2023"),
                                        ("2021-2025", "ước thực hiện đến 31/12/2025"),
                                        ("2024-02", "ước thực hiện đến 29/02/2024")])
def test_estimate_note(code, note):
    assert parse_period(code).estimate_note() == note


def test_window_label():
    assert parse_period("2023-H1").window_label == "từ 15/12/2022 đến 14/6/2023"


# --- seed plan: due and overdue tasks (expectations worked out by hand from the appendix) -----------------
ALL = ["nv1.1", "nv1.2", "nv1.3", "nv1.4", "nv2.1", "nv2.2", "nv2.3", "nv2.4", "nv2.5",
       "nv3.1", "nv3.2", "nv3.3", "nv3.4", "nv3.5", "nv3.6"]
YEAR_2021_ONLY = ["nv2.2", "nv2.3"]  # "Năm 2021"
DATED_2021 = ["nv1.4", "nv2.2", "nv2.3", "nv2.4"]  # "Năm 2021" and "Năm 2021 và thường xuyên"
PERIOD_2021_2025 = ["nv2.5", "nv3.1", "nv3.2", "nv3.3", "nv3.4", "nv3.5", "nv3.6"]  # "Giai đoạn 2021-2025"


def ids(tasks) -> list[str]:
    return [t.id for t in tasks]


@pytest.mark.parametrize("code, expected", [
    ("2021", ALL),
    ("2021-H1", ALL),
    ("2023-H1", [t for t in ALL if t not in YEAR_2021_ONLY]),
    ("2023", [t for t in ALL if t not in YEAR_2021_ONLY]),
    ("2021-2025", ALL),
    ("2026", []),  # after the plan's horizon nothing recurs and nothing is dated
])
def test_due_tasks_on_seed(plan, code, expected):
    assert ids(due_tasks(plan, parse_period(code))) == expected


def test_overdue_without_any_return(plan):
    assert ids(overdue_tasks(plan, parse_period("2021"), {})) == DATED_2021
    assert ids(overdue_tasks(plan, parse_period("2023-H1"), {})) == DATED_2021
    assert ids(overdue_tasks(plan, parse_period("2021-2025"), {})) == sorted(DATED_2021 + PERIOD_2021_2025)
    assert ids(overdue_tasks(plan, parse_period("2021-H1"), {})) == []  # nothing is due before 31/12/2021


def test_overdue_counts_only_done_as_done(plan):
    statuses = {"nv1.4": DONE, "nv2.2": "  Đã hoàn thành ", "nv2.3": IN_PROGRESS, "nv2.4": None}
    assert ids(overdue_tasks(plan, parse_period("2023-H1"), statuses)) == ["nv2.3", "nv2.4"]
    all_done = {t: DONE for t in ALL}
    assert overdue_tasks(plan, parse_period("2021-2025"), all_done) == []
    assert ids(overdue_tasks(plan, parse_period("2021-2025"), {**all_done, "nv3.6": "không phát sinh"})) == ["nv3.6"]


def test_recurring_tasks_are_never_overdue(plan):
    overdue = ids(overdue_tasks(plan, parse_period("2021-2025"), {}))
    assert not {"nv1.1", "nv1.2", "nv1.3", "nv2.1"} & set(overdue)


def _variant(plan, task_id: str, timeframe: str):
    other = plan.model_copy(deep=True)
    other.task(task_id).timeframe = parse_timeframe(timeframe)
    return other


def test_every_n_years_follows_its_cycle_from_the_plan_start(plan):
    p = _variant(plan, "nv2.1", "2 năm 1 lần")
    due = {code: "nv2.1" in ids(due_tasks(p, parse_period(code))) for code in ("2021", "2022", "2023-H2", "2024", "2025")}
    assert due == {"2021": True, "2022": False, "2023-H2": True, "2024": False, "2025": True}


def test_quarter_window_task(plan):
    p = _variant(plan, "nv2.1", "Quý II/2023")
    assert "nv2.1" in ids(due_tasks(p, parse_period("2023-H1")))
    assert "nv2.1" in ids(due_tasks(p, parse_period("2023-Q2")))
    assert "nv2.1" not in ids(due_tasks(p, parse_period("2023-Q3")))
    assert "nv2.1" not in ids(overdue_tasks(p, parse_period("2023-Q1"), {}))
    assert "nv2.1" in ids(overdue_tasks(p, parse_period("2023-H1"), {}))


@pytest.mark.parametrize("code, inside", [
    ("2021-H1", True), ("2025", True), ("2021-2025", True), ("2022-2023", True), ("2025-Q4", True),
    ("2020-H2", False), ("2026-H1", False), ("2019", False), ("2021-2026", False), ("2020-2025", False),
])
def test_reports_and_returns_only_within_the_plan_years(plan, tmp_path, code, inside):
    from baocao.periods import require_within_plan, within_plan
    from baocao.returns import collect_forms, export_forms

    period = parse_period(code)
    assert within_plan(plan, period) is inside
    if inside:
        require_within_plan(plan, period)
        return
    for call in (lambda: require_within_plan(plan, period), lambda: export_forms(plan, period, tmp_path / "phieu"),
                 lambda: collect_forms(plan, period, tmp_path)):
        with pytest.raises(PeriodError) as err:
            call()
        assert str(err.value) == (f"kỳ báo cáo {code} ({period.label}) nằm ngoài thời gian thực hiện "
                                  "Kế hoạch số 188/KH-LMHTX (2021-2025)")
    assert not (tmp_path / "phieu").exists()
