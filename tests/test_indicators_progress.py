"""Pure rules of targets: met, beyond, % of target, the straight-line path, statuses."""

from __future__ import annotations

import datetime as dt

import pytest

from baocao.indicators import progress as pg
from baocao.indicators.model import CHAM_TIEN_DO, CHUA_CO_SO_LIEU, CHUA_DAT, DAT, DUNG_TIEN_DO, KHONG_DINH_LUONG, VUOT
from baocao.indicators.text import fmt_value, subject

D = dt.date


@pytest.mark.parametrize(("value", "met", "beyond"), [(39.9, False, False), (40, True, False), (42, True, False),
                                                      (45, True, False), (45.1, True, True)])
def test_range_reads_at_least_low(value, met, beyond):
    assert pg.is_met(value, "range", (40, 45)) is met
    assert pg.is_beyond(value, "range", (40, 45)) is beyond
    assert pg.percent_of_target(value, "range", (40, 45)) == pytest.approx(value / 40 * 100)


@pytest.mark.parametrize(("comparator", "value", "met", "beyond"), [
    (">=", 90, True, False), (">=", 91, True, True), (">=", 89, False, False),
    (">", 20, False, False), (">", 21, True, True),
    ("<", 15, False, False), ("<", 10, True, True), ("<=", 15, True, False),
    ("=", 5, True, False), ("=", 6, False, False),
])
def test_comparators(comparator, value, met, beyond):
    target = 90 if comparator == ">=" else 20 if comparator == ">" else 15 if "<" in comparator else 5
    assert pg.is_met(value, comparator, target) is met
    assert pg.is_beyond(value, comparator, target) is beyond


def test_percent_of_lower_is_better_target_is_inverse():
    assert pg.percent_of_target(10, "<", 15) == pytest.approx(150)
    assert pg.percent_of_target(30, "<", 15) == pytest.approx(50)
    assert pg.percent_of_target(0, "<", 15) is None
    assert pg.percent_of_target(5, ">=", 0) is None


def test_path_heads_for_the_nearest_bound_of_a_range():
    assert pg.path_end("range", (40, 50), 30) == 40
    assert pg.path_end("range", (40, 50), 60) == 50
    assert pg.path_end("range", (40, 50), 45) == 45
    start, end = D(2020, 12, 31), D(2025, 12, 31)
    assert pg.expected_value(20, 40, start, end, D(2023, 6, 30)) == pytest.approx(20 + 20 * 911 / 1826)
    assert pg.expected_value(20, 40, start, end, D(2030, 1, 1)) == 40
    assert pg.expected_value(20, 40, start, end, D(2019, 1, 1)) == 20


@pytest.mark.parametrize(("value", "expected", "final", "status"), [
    (None, 50, False, CHUA_CO_SO_LIEU),
    (92, 80, False, VUOT), (90, 80, False, DAT),
    (85, 80, False, DUNG_TIEN_DO), (75, 80, False, CHAM_TIEN_DO),
    (85, 90, True, CHUA_DAT), (90, 90, True, DAT), (95, 90, True, VUOT),
])
def test_status_of_a_share(value, expected, final, status):
    assert pg.status(value, ">=", 90, path=expected, end_value=90, final=final) == status


def test_status_of_a_lower_is_better_target():
    assert pg.status(18, "<", 15, path=20, end_value=15, final=False) == DUNG_TIEN_DO
    assert pg.status(22, "<", 15, path=20, end_value=15, final=False) == CHAM_TIEN_DO
    assert pg.status(14, "<", 15, path=20, end_value=15, final=True) == VUOT
    assert pg.status(15, "<", 15, path=15, end_value=15, final=True) == CHUA_DAT


def test_a_backlog_to_clear_is_judged_against_a_path_down_to_zero():
    """"giải thể dứt điểm": 7 stopped HTX at the start, none at the deadline; the backlog must shrink."""
    start, deadline = dt.date(2020, 12, 31), dt.date(2025, 12, 31)
    mid = pg.expected_value(7, 0, start, deadline, dt.date(2023, 6, 14))
    assert mid == pytest.approx(7 * (1 - 895 / 1826))
    path = pg.printed_path(mid, "count", "HTX", "<=")
    assert path == 3  # at most 3 by then: a whole-number "at most" path rounds down
    assert pg.status(9, "<=", 0, path=path, end_value=0, final=False) == CHAM_TIEN_DO
    assert pg.status(3, "<=", 0, path=path, end_value=0, final=False) == DUNG_TIEN_DO
    assert pg.status(18, "<=", 0, path=0, end_value=0, final=True) == CHUA_DAT
    assert pg.status(0, "<=", 0, path=0, end_value=0, final=True) == DAT
    assert pg.percent_of_target(9, "<=", 0) is None  # no % of a zero target


@pytest.mark.parametrize(("expected", "comparator", "path"), [
    (2.45, ">=", 3), (1.2, ">=", 2), (61.0000000001, ">=", 61), (3.57, "<=", 3), (3.0, "<", 3),
])
def test_a_whole_number_path_is_the_number_to_reach(expected, comparator, path):
    """Whole figures against a path of 2,45: 2 is behind, so the path printed beside the verdict is 03."""
    assert pg.printed_path(expected, "count", "LHHTX", comparator) == path
    for figure in range(0, 8):
        exact = figure <= expected + 1e-6 if comparator in pg.LOWER_IS_BETTER else figure >= expected - 1e-6
        assert pg.on_track(figure, path, comparator, 0.0) == exact


def test_figures_are_compared_as_printed():
    """89,96% prints as "90%": against a target of 90% it is met, never "chưa đạt" beside "90%"."""
    assert pg.printed(89.96, "share", "%") == 90.0
    assert pg.status(pg.printed(89.96, "share", "%"), ">=", 90, path=None, end_value=90, final=True) == DAT
    assert pg.printed(1.104, "growth", "lần") == 1.1 and pg.printed(12.805, "amount", "tỷ đồng") == 12.81
    assert pg.decimals("rate_per_year", "HTX/năm") == 1 and pg.decimals("count", "người") == 0


def test_a_declared_path_bends_through_its_milestones():
    start, deadline = dt.date(2020, 12, 31), dt.date(2025, 12, 31)
    milestones = {dt.date(2022, 12, 31): 10.0, dt.date(2024, 12, 31): 80.0}
    assert pg.expected_value(0, 100, start, deadline, dt.date(2022, 12, 31), milestones) == 10.0
    assert pg.expected_value(0, 100, start, deadline, dt.date(2023, 12, 31), milestones) == pytest.approx(45, abs=0.1)
    assert pg.expected_value(0, 100, start, deadline, dt.date(2025, 12, 31), milestones) == 100.0
    assert pg.expected_value(0, 100, start, deadline, dt.date(2020, 6, 30), milestones) == 0.0


def test_qualitative_status():
    assert pg.qualitative_status(True) == DAT
    assert pg.qualitative_status(False) == CHUA_DAT
    assert pg.qualitative_status(None) == KHONG_DINH_LUONG  # no level in the plan: no verdict drawn


@pytest.mark.parametrize(("value", "unit", "text"), [
    (81.66, "%", "81,7%"), (90.0, "%", "90%"), (1234, "HTX", "1.234 HTX"), (24.456, "HTX/năm", "24,5 HTX/năm"),
    (20.02, "HTX/năm", "20 HTX/năm"), (1.25, "lần", "1,25 lần"), (21.345, "tỷ đồng", "21,35 tỷ đồng"), (3, "", "3"),
    (1.104, "lần", "1,1 lần"),
])
def test_values_are_written_the_vietnamese_way(value, unit, text):
    assert fmt_value(value, unit) == text


def test_small_counts_have_two_digits():
    assert fmt_value(1, "người", "count") == "01 người" and fmt_value(24, "HTX", "count") == "24 HTX"
    assert fmt_value(0, "HTX", "count") == "0 HTX"


def test_subject_from_label(plan):
    assert subject(plan.target("xa_co_htx")) == "xã có HTX"
    assert subject(plan.target("htx_thanh_lap_moi")) == "HTX thành lập mới"
    assert subject(plan.target("htx_thanh_vien")) == "HTX thành viên Liên minh HTX tỉnh"
    assert subject(plan.target("quy_von_vay")) == "nguồn vốn vay ưu đãi của Quỹ Hỗ trợ phát triển HTX"
    assert subject(plan.target("htx_chuoi_gia_tri")).startswith("HTX, LHHTX nông nghiệp")
