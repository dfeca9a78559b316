"""The indicator engine on the bundled sample: plan 188/KH-LMHTX and the generated data workbook."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from click.testing import CliRunner

from baocao.indicators import CHUA_CO_SO_LIEU, STATUSES, assess, series
from baocao.resources import sample_path

from conftest import SAMPLE_PLAN

DATA = sample_path("du-lieu-mau.xlsx") if (SAMPLE_PLAN.parent / "du-lieu-mau.xlsx").exists() else None
pytestmark = pytest.mark.skipif(DATA is None, reason="sample_data/du-lieu-mau.xlsx is missing")
MID, END = dt.date(2023, 6, 14), dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def data():
    from baocao.data import load_data

    return load_data(DATA)


@pytest.fixture(scope="module")
def at_end(plan, data):
    return {a.target_id: a for a in assess(plan, data, END)}


def test_every_seed_target_has_a_compute_entry(plan):
    assert len(plan.targets()) == 20
    assert all(t.compute.get("metric") for t in plan.targets())


def test_every_target_has_data_at_the_end_of_the_plan(at_end):
    missing = {k: a.reason for k, a in at_end.items() if a.status == CHUA_CO_SO_LIEU}
    assert not missing
    assert all(a.status in STATUSES for a in at_end.values())
    assert {a.status for a in at_end.values()} >= {"đạt", "vượt", "chưa đạt"}


def test_mid_period_uses_progress_statuses(plan, data):
    found = assess(plan, data, MID)
    assert not [a.target_id for a in found if a.status == CHUA_CO_SO_LIEU]
    assert "chưa đạt" not in {a.status for a in found}  # before the deadline nothing is final
    assert {"đúng tiến độ", "chậm tiến độ"} <= {a.status for a in found}


@pytest.mark.parametrize("target_id", ["xa_co_htx", "xa_lien_ket", "ho_tham_gia"])
def test_plan_and_post_merger_lists_differ_and_are_labelled(plan, data, at_end, target_id):
    before = at_end[target_id]
    after = {a.target_id: a for a in assess(plan, data, END, communes="post_merger")}[target_id]
    assert before.communes.source == "plan" and after.communes.source == "post_merger"
    assert before.communes.size != after.communes.size
    assert before.denominator != after.denominator or before.value != after.value
    assert set(after.evidence["commune"]) <= set(after.communes.codes)
    assert set(before.evidence["commune"]) <= set(before.communes.codes)
    assert "sau sắp xếp" in after.sentence and "sau sắp xếp" not in before.sentence


def test_evidence_adds_up_on_the_sample(at_end):
    a = at_end["xa_co_htx"]
    assert a.evidence["commune"].nunique() == a.numerator
    a = at_end["ho_tham_gia"]
    assert a.evidence["participating_households"].sum() == a.numerator
    a = at_end["htx_ocop"]
    assert len(a.evidence) == a.value
    a = at_end["tht_chung_thuc"]
    assert (len(a.evidence), int(a.evidence["counted"].sum())) == (a.denominator, a.numerator)
    assert a.evidence["row"].min() >= 2


@pytest.mark.parametrize("cutoff", [MID, END])
def test_source_rows_match_the_evidence_rows(plan, data, cutoff):
    """The provenance shortcut (sheet and row only) names exactly the rows of the full evidence."""
    fresh = assess(plan, data, cutoff)
    with_rows = 0
    for a in fresh:
        quick = a.source_rows()  # before the evidence frame exists
        frame = a.evidence
        full: dict[str, set[int]] = {}
        if frame is not None and len(frame):
            for sheet, row in zip(frame["sheet"], frame["row"]):
                full.setdefault(str(sheet), set()).add(int(row))
        assert quick == {k: sorted(v) for k, v in full.items()}, a.target_id
        assert a.source_rows() == quick  # after, read from the frame
        with_rows += bool(quick)
    assert with_rows >= 15


def test_series_on_the_sample(plan, data):
    df = series(plan, data, [MID])
    main = df[df["class_key"] == ""]
    assert len(main) == 20 * 6
    first = main[main["cutoff"] == dt.date(2021, 12, 31)]
    assert len(first) == 20


def test_charts_are_written(plan, data, tmp_path):
    from baocao.indicators import save_charts

    paths = save_charts(plan, data, MID, tmp_path / "charts")
    names = {p.name for p in paths}
    assert "tong-quan.png" in names and "xa_co_htx.png" in names and "phan_loai.png" in names
    assert "cong_doan.png" not in names  # qualitative: no chart
    for p in paths:
        data_ = p.read_bytes()
        assert data_[:8] == b"\x89PNG\r\n\x1a\n" and len(data_) > 10_000
    from baocao.errors import OutputExistsError

    with pytest.raises(OutputExistsError):
        save_charts(plan, data, MID, tmp_path / "charts")


def test_figures_for_notebooks(plan, data):
    from baocao.indicators import overview_chart, progress_chart

    chart = overview_chart(assess(plan, data, MID))
    assert any(b.label == "Tỷ lệ xã có HTX" for b in chart.bars)
    assert chart._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"  # shown inline by Jupyter without pyplot
    fig = progress_chart(series(plan, data, [MID], targets=["ho_tham_gia"]), "ho_tham_gia")
    title = fig.axes[0].title
    assert title.get_text() == "Tỷ lệ hộ nông dân tham gia kinh tế tập thể"
    assert title.get_fontname() == "Liberation Serif"
    assert "%" in fig.axes[0].get_ylabel()


def test_cli_on_the_sample(at_end):
    from baocao.cli import main_group
    from baocao.vnformat import count, percent

    runner = CliRunner()
    out = runner.invoke(main_group, ["indicators", str(SAMPLE_PLAN), str(DATA), "--cutoff", "2025-12-31"])
    assert out.exit_code == 0, out.output
    for a in at_end.values():
        assert a.sentence in out.output
    share = at_end["xa_co_htx"]
    assert f"{count(share.numerator)}/{count(share.denominator)} xã có HTX ({percent(share.value)})" in out.output
    assert re.search(r"\b\d+,\d+ tỷ đồng\b", out.output)  # decimal comma
    assert re.search(r"\d{1,3}\.\d{3}/\d{1,3}\.\d{3} hộ", out.output)  # thousands dot
    js = runner.invoke(main_group, ["indicators", str(SAMPLE_PLAN), str(DATA), "--cutoff", "2023-06-14", "--json",
                                    "--communes", "post_merger"])
    doc = json.loads(js.output)
    assert doc["communes"] == "post_merger" and len(doc["assessments"]) == 20


def test_one_engine_for_several_cutoffs_gives_what_separate_calls_give(plan, data):
    from baocao.indicators import Engine

    engine = Engine(plan, data)
    for cutoff in (MID, END, dt.date(2022, 6, 14)):
        assert engine.assess_all(cutoff) == assess(plan, data, cutoff)
    assert [a.target_id for a in engine.assess_all(END, targets=["bhxh", "xa_co_htx"])] == ["bhxh", "xa_co_htx"]


@pytest.mark.parametrize(("cutoff", "value", "path", "status"), [
    (dt.date(2020, 12, 31), 0, 0, "đúng tiến độ"),   # the plan's start: 0 people, on its own start
    (MID, 1, 2, "chậm tiến độ"),                     # 2022: 1 person; path at 31/12/2022 is 1,2: 02 to reach
    (END, 3, None, "đạt"),                           # 2025: 3 people = "từ 3-5 thành viên"
])
def test_fund_staff_follows_from_3_to_5_members(plan, data, cutoff, value, path, status):
    (a,) = assess(plan, data, cutoff, targets=["quy_chuyen_trach"])
    assert (a.kind, a.comparator, a.target, a.target_text) == ("count", ">=", 3, "từ 3-5 thành viên quản lý")
    assert (a.value, a.status) == (value, status)
    if path is not None:
        assert a.path == path and re.search(rf"(đúng|chậm) tiến độ \(lộ trình [^:]+: {a.path_text};", a.sentence)
    assert "đạt mục tiêu" not in a.sentence or a.value >= 3


@pytest.mark.parametrize(("cutoff", "value", "path", "status"), [
    (dt.date(2020, 12, 31), 7, 7, "đúng tiến độ"),   # the backlog the plan starts from
    (MID, 9, 3, "chậm tiến độ"),                     # it grew, while the path down to 0 is at 3,57: at most 03
    (END, 18, None, "chưa đạt"),                     # "dứt điểm" not reached: 18 left
])
def test_backlog_of_stopped_htx_must_shrink(plan, data, cutoff, value, path, status):
    (a,) = assess(plan, data, cutoff, targets=["giai_the_htx_ngung"])
    assert (a.comparator, a.target, a.baseline) == ("<=", 0, 7)
    assert (a.value, a.status) == (value, status) and a.percent_of_target is None
    assert a.label.startswith("Số HTX đã ngừng hoạt động chưa giải thể")  # the label says what is counted
    if path is not None:
        assert a.path == path and f"lộ trình đến {a.cutoff.day}/" in a.sentence
    assert "giải thể, xóa tên dứt điểm" in a.sentence


@pytest.mark.parametrize("cutoff", [dt.date(2020, 12, 31), MID, END])
@pytest.mark.parametrize("target_id", ["cong_doan", "bhxh"])
def test_union_and_insurance_get_no_verdict_the_plan_does_not_state(plan, data, cutoff, target_id):
    """"Tuyên truyền, vận động" sets no level: the share is reported against the start, never "đạt"."""
    (a,) = assess(plan, data, cutoff, targets=[target_id])
    start = a.detail["share_start"]
    assert a.status == "không định lượng" and a.percent_of_target is None
    assert "không đặt mức định lượng" in a.sentence and "đạt mục tiêu" not in a.sentence
    word = "tăng" if round(a.value, 1) > round(start, 1) else "không đổi" if round(a.value, 1) == round(start, 1) else "giảm"
    assert f"{word} so với đầu kỳ kế hoạch" in a.sentence
    if cutoff == dt.date(2020, 12, 31):
        assert word == "không đổi"


def test_a_share_graded_on_the_year_under_way_is_an_estimate(plan, data):
    """In estimate mode the effective-HTX share reads the cut-off year's ratings: the figure describes
    that year ("ước thực hiện năm 2025"), not the cut-off day, so the report never prints it as 'đến ngày'."""
    from baocao.indicators import Engine

    engine = Engine(plan, data)
    target = plan.target("xa_htx_hieu_qua")
    actual = engine.assess(target, dt.date(2025, 12, 14), final=True)
    estimate = engine.assess(target, dt.date(2025, 12, 14), final=True, estimate=True)
    assert not actual.estimated and actual.data_date is None
    assert estimate.estimated and estimate.data_date == dt.date(2025, 12, 31)
    assert estimate.sentence.startswith("Ước thực hiện năm 2025") and "(đến ngày" not in estimate.sentence
