"""A whole reporting cycle on a plan that is not the seed: another agency, province, units, quarterly periods.

The plan is ``tests/fixtures/plan_other.yaml`` (Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn, 2026-2027) with
two ``compute:`` entries added here; the data is the bundled sample workbook (its province does not matter
to the machinery). Nothing in the code knows this plan: everything comes from the YAML.
"""

from __future__ import annotations

import datetime as dt

import docx
import pandas as pd
import pytest
from openpyxl import load_workbook

from baocao.checks.layout import verify_layout
from baocao.data import load_data
from baocao.periods import parse_period
from baocao.task_status import DONE, IN_PROGRESS
from baocao.plan.io import parse_plan
from baocao.jobs.report import write_report
from baocao.returns import export_forms, write_text_cell
from baocao.returns.form_layout import COLUMNS, FIRST_ROW, SHEET

from conftest import FIXTURES, ROOT, norm

COMPUTE = {
    "            deadline: 2026-12-31\n":
        '            compute: {metric: count_rows, table: cooperatives,'
        ' where: {sector: "Nông nghiệp", founded_on: ">= start"}}\n',
    "            deadline: 2027-12-31\n":
        "            compute: {metric: share_of_rows, table: cooperatives, active_at_cutoff: true,"
        " condition: {value_chain: true}}\n",
}
COL = {c.key: i for i, c in enumerate(COLUMNS, start=1)}


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    text = (FIXTURES / "plan_other.yaml").read_text(encoding="utf-8")
    for anchor, line in COMPUTE.items():
        assert text.count(anchor) == 1
        text = text.replace(anchor, anchor + line)
    path = tmp_path_factory.mktemp("other") / "ke-hoach-05.yaml"
    path.write_text(text, encoding="utf-8")
    return path, parse_plan(text, str(path))


@pytest.fixture(scope="module")
def data():
    return load_data(ROOT / "sample_data" / "du-lieu-mau.xlsx")


def _expected_value_chain_share(data, cutoff: dt.date) -> tuple[int, int]:
    """Active HTX with a value chain dated by the cut-off, computed here with pandas (not the engine)."""
    c = data.cooperatives
    t = pd.Timestamp(cutoff)
    alive = (c["founded_on"] <= t) & (c["closed_on"].isna() | (c["closed_on"] > t))
    alive &= ~(c["status"].ne("Đang hoạt động") & c["closed_on"].isna())
    chain = c["value_chain"].eq(True) & (c["value_chain_since"].isna() | (c["value_chain_since"] <= t))
    return int((alive & chain).sum()), int(alive.sum())


def test_quarterly_cycle_on_another_plan(other, data, tmp_path):
    path, plan = other
    period = parse_period("2026-Q2")
    forms = export_forms(plan, period, tmp_path / "phieu")
    assert [f.name for f in forms] == ["2026-Q2_ptnt_chi-cuc-phat-trien-nong-thon.xlsx", "2026-Q2_vp_van-phong-so.xlsx"]
    wb = load_workbook(forms[0])
    ws = wb[SHEET]
    for r in range(FIRST_ROW, ws.max_row + 1):
        task_id = ws.cell(r, COL["id"]).value
        if task_id in ("a1", "a2"):
            write_text_cell(ws.cell(r, COL["status"]), DONE if task_id == "a1" else IN_PROGRESS)
            write_text_cell(ws.cell(r, COL["result"]), f"- Kết quả {task_id} & tiếp tục")
    wb.save(forms[0])
    forms[1].unlink()  # Văn phòng Sở has not sent its form

    out = write_report(plan, path, data, period, tmp_path / "bao-cao", returns_dir=tmp_path / "phieu", charts="none")
    # a plan issued after the 2025 reorganisation needs no header advice; the missing form is the analyst's
    assert out.report.notes == ["Đơn vị chưa gửi báo cáo: Văn phòng Sở."]
    assert [r for r in verify_layout(out.docx) if r.status == "fail"] == []
    document = docx.Document(str(out.docx))
    header = "\n".join(norm(c.text) for c in document.tables[0]._cells)
    assert "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" in header and "/BC-SNNMT" in header and "Lạng Sơn, ngày" in header
    texts = [norm(p.text) for p in document.paragraphs]
    body = "\n".join(texts)
    assert "Kết quả quý II năm 2026 thực hiện Kế hoạch số 05/KH-SNNMT ngày 03/02/2026 và" in body  # own plan: no "của"
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn." in body
    assert "chưa gửi báo cáo" not in body
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ III NĂM 2026" in texts
    # the priorities: the targets behind their path (one paragraph of the plan, so no theme heading)
    priority = next(t for t in texts if t.startswith("- Tập trung thực hiện các chỉ tiêu còn chậm so với lộ trình: "))
    assert "HTX nông nghiệp thành lập mới (" in priority and "tỷ lệ HTX có hợp đồng liên kết (" in priority
    assert priority.count("mục tiêu") == 2  # each with where it stands and its target
    # nothing yet: "chưa có …", not "có 0 HTX …, đạt 0% kế hoạch"
    assert "- Tính đến ngày 14/6/2026, chưa có HTX nông nghiệp thành lập mới, chậm tiến độ" in body
    assert "HTX nông nghiệp thành lập mới (chưa có kết quả; mục tiêu" in body
    assert "- Tính đến ngày 14/6/2026, chưa có số liệu về doanh thu bình quân HTX." in texts  # no reason: the analyst's
    assert "compute" not in body and any("compute" in r for r in out.report.readings)

    count, total = _expected_value_chain_share(data, period.cutoff_end)
    lien_ket = next(a for a in out.report.assessments if a.target_id == "lien_ket")
    assert (lien_ket.numerator, lien_ket.denominator) == (count, total)
    assert f"Tỷ lệ HTX có hợp đồng liên kết là {lien_ket.value_text} ({count}/{total})" in body
    doanh_thu = next(a for a in out.report.assessments if a.target_id == "doanh_thu")
    assert doanh_thu.status == "chưa có số liệu" and "compute" in doanh_thu.reason

    (tasks,) = [t for t in document.tables if norm(t.rows[0].cells[1].text) == "Nhiệm vụ"]
    rows = [[norm(c.text) for c in r.cells] for r in tasks.rows]
    by_task = {r[1]: r for r in rows[1:] if len(r) == 6}
    assert by_task[norm(plan.task("a1").text)][4] == "Đã hoàn thành"  # DONE, capitalised in a table cell
    assert "Kết quả a1 & tiếp tục" in by_task[norm(plan.task("a1").text)][5]
    landscape = [s.page_width > s.page_height for s in document.sections]
    assert landscape[0] is False and landscape[-1] is True


def test_overdue_task_keeps_its_roman_quarter(other, data, tmp_path):
    """Without returns, the Quý II/2026 task is overdue in Q3; its timeframe is written "quý II/2026"."""
    path, plan = other
    out = write_report(plan, path, data, "2026-Q3", tmp_path, charts="none")
    body = "\n".join(norm(p.text) for p in docx.Document(str(out.docx)).paragraphs)
    assert ("- Khẩn trương hoàn thành các nhiệm vụ đã đến hạn: rà soát hợp tác xã ngừng hoạt động <trên 12 tháng> "
            "và hướng dẫn giải thể (Chi cục Phát triển nông thôn; quý II/2026).") in body
