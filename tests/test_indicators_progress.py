"""Pure rules of targets: met, beyond, % of target, the straight-line path, statuses."""

from __future__ import annotations

import datetime as dt

import pytest

from baocao.indicators import progress as pg
from baocao.indicators.model import CHAM_TIEN_DO, CHUA_CO_SO_LIEU, CHUA_DAT, DAT, DUNG_TIEN_DO, VUOT
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
    assert pg.status(value, ">=", 90, expected=expected, end_value=90, final=final) == status


def test_status_of_a_lower_is_better_target():
    assert pg.status(18, "<", 15, expected=20, end_value=15, final=False) == DUNG_TIEN_DO
    assert pg.status(22, "<", 15, expected=20, end_value=15, final=False) == CHAM_TIEN_DO
    assert pg.status(14, "<", 15, expected=20, end_value=15, final=True) == VUOT
    assert pg.status(15, "<", 15, expected=15, end_value=15, final=True) == CHUA_DAT


def test_status_of_a_rate_before_and_at_deadline():
    assert pg.status(30, ">=", 25, expected=25, end_value=25, final=False, rate=True) == DUNG_TIEN_DO
    assert pg.status(30, ">=", 25, expected=25, end_value=25, final=True, rate=True) == VUOT


def test_qualitative_status():
    assert pg.qualitative_status(True, None, final=False) == DAT
    assert pg.qualitative_status(False, True, final=False) == DUNG_TIEN_DO
    assert pg.qualitative_status(False, False, final=False) == CHAM_TIEN_DO
    assert pg.qualitative_status(False, True, final=True) == CHUA_DAT


@pytest.mark.parametrize(("value", "unit", "text"), [
    (81.66, "%", "81,7%"), (90.0, "%", "90%"), (1234, "HTX", "1.234 HTX"), (24.456, "HTX/năm", "24,5 HTX/năm"),
    (20.02, "HTX/năm", "20 HTX/năm"), (1.25, "lần", "1,25 lần"), (21.345, "tỷ đồng", "21,35 tỷ đồng"), (3, "", "3"),
])
def test_values_are_written_the_vietnamese_way(value, unit, text):
    assert fmt_value(value, unit) == text


def test_subject_from_label(plan):
    assert subject(plan.target("xa_co_htx")) == "xã có HTX"
    assert subject(plan.target("htx_thanh_lap_moi")) == "HTX thành lập mới"
    assert subject(plan.target("htx_thanh_vien")) == "HTX thành viên Liên minh HTX tỉnh"
    assert subject(plan.target("quy_von_vay")) == "nguồn vốn vay ưu đãi của Quỹ Hỗ trợ phát triển HTX"
    assert subject(plan.target("htx_chuoi_gia_tri")).startswith("HTX, LHHTX nông nghiệp")
