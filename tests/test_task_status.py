"""Task statuses: one vocabulary and one rule for a task several units report, shared by returns and report."""

from __future__ import annotations

import docx
import pytest
from openpyxl import load_workbook

from baocao.data import load_data
from baocao.jobs.report import write_report
from baocao.periods import overdue_tasks, parse_period
from baocao.returns import collect_forms, export_forms, write_text_cell
from baocao.returns.form_layout import COLUMNS, FIRST_ROW, SHEET
from baocao.task_status import (DONE, IN_PROGRESS, NO_RETURN, NOT_APPLICABLE, NOT_STARTED, merge_statuses,
                                normalize_status, status_text, task_status)
from baocao.vnformat import upper_first

from conftest import ROOT, SAMPLE_PLAN, norm

H1 = parse_period("2023-H1")
COL = {c.key: i for i, c in enumerate(COLUMNS, start=1)}


def test_normalize_status():
    assert normalize_status("Đã hoàn thành.") == DONE
    assert normalize_status("ĐANG  THỰC HIỆN") == IN_PROGRESS
    assert normalize_status("xong") is None
    assert normalize_status(None) is None


@pytest.mark.parametrize(("reported", "expected"), [
    ([NOT_STARTED, IN_PROGRESS], IN_PROGRESS),  # work has started on the task
    ([DONE, NOT_STARTED], IN_PROGRESS),  # one unit's part is done, another's not begun
    ([DONE, DONE], DONE),
    ([DONE, None], IN_PROGRESS),  # a silent unit keeps the task from "done"
    ([NOT_STARTED, None], NOT_STARTED),
    ([NOT_STARTED, NOT_STARTED], NOT_STARTED),
    ([DONE, NOT_APPLICABLE], DONE),  # "nothing to do" does not hold the others back
    ([NOT_APPLICABLE, NOT_APPLICABLE], NOT_APPLICABLE),
    ([NOT_APPLICABLE, None], None),  # nothing known of the silent unit's part
    ([None, None], None),
    ([IN_PROGRESS], IN_PROGRESS),
])
def test_one_status_from_several_units(reported, expected):
    assert task_status(reported) == expected
    assert task_status(reversed(reported)) == expected  # the order of the units does not matter


def test_status_text():
    assert status_text(None) == NO_RETURN == "chưa có báo cáo"
    assert status_text(IN_PROGRESS) == IN_PROGRESS


def test_merge_statuses_keeps_earlier_known_status_and_done_stays_done():
    merged = merge_statuses({"nv2.2": DONE, "nv2.4": IN_PROGRESS}, {"nv2.2": None, "nv2.4": DONE, "nv3.6": None})
    assert merged == {"nv2.2": DONE, "nv2.4": DONE, "nv3.6": None}
    # nv1.4 "Năm 2021 và thường xuyên": done in 2021, its recurring part under way in 2023 — not overdue again
    assert merge_statuses({"nv1.4": DONE}, {"nv1.4": IN_PROGRESS}) == {"nv1.4": DONE}


@pytest.fixture(scope="module")
def mixed(plan, tmp_path_factory):
    """2023-H1 returns where the lead units of one task disagree, and the report written from them.

    nv1.3 (cstt, khht): "chưa thực hiện" + "đang thực hiện"; nv3.3 (cstt, khht): "đã hoàn thành" +
    "chưa thực hiện"; nv1.2 (cstt, ttdt, bbt): done by cstt and ttdt, bbt sends nothing; nv1.4
    (cstt alone, "Năm 2021 và thường xuyên"): "đã hoàn thành". Every other row "đang thực hiện".
    """
    folder = tmp_path_factory.mktemp("phieu")
    statuses = {("nv1.3", "cstt"): NOT_STARTED, ("nv1.3", "khht"): IN_PROGRESS, ("nv3.3", "cstt"): DONE,
                ("nv3.3", "khht"): NOT_STARTED, ("nv1.2", "cstt"): DONE, ("nv1.2", "ttdt"): DONE,
                ("nv1.4", "cstt"): DONE}
    for path in export_forms(plan, H1, folder):
        unit = path.name.split("_")[1]
        if unit == "bbt":
            path.unlink()
            continue
        wb = load_workbook(path)
        ws = wb[SHEET]
        for r in range(FIRST_ROW, ws.max_row + 1):
            task_id = ws.cell(r, COL["id"]).value
            write_text_cell(ws.cell(r, COL["status"]), statuses.get((task_id, unit), IN_PROGRESS))
            write_text_cell(ws.cell(r, COL["result"]), f"Kết quả {task_id} của {unit}")
        wb.save(path)
    data = load_data(ROOT / "sample_data" / "du-lieu-mau.xlsx")
    report = write_report(plan, SAMPLE_PLAN, data, H1, folder.parent / "bao-cao", returns_dir=folder, draft=True,
                          charts="none")
    return collect_forms(plan, H1, folder), report


def test_returns_combine_the_units_by_the_one_rule(mixed):
    collected, _ = mixed
    statuses = collected.statuses()
    assert (statuses["nv1.3"], statuses["nv3.3"], statuses["nv1.2"], statuses["nv1.4"]) == (
        IN_PROGRESS, IN_PROGRESS, IN_PROGRESS, DONE)
    for task_id, status in statuses.items():
        reported = {r.unit: r.status for r in collected.results.get(task_id, [])}
        units = [u for u, ids in collected.expected.items() if task_id in ids]
        assert status == task_status(reported.get(u) for u in units), task_id


def test_the_report_prints_the_same_statuses_as_the_returns(mixed, plan):
    collected, written = mixed
    assert written.collected is not None and written.collected.statuses() == collected.statuses()
    statuses = collected.statuses()
    document = docx.Document(str(written.docx))
    table = next(t for t in document.tables if [norm(c.text) for c in t.rows[0].cells][:2] == ["Stt", "Nhiệm vụ"])
    shown = {}
    for row in table.rows[1:]:
        cells = [norm(c.text) for c in row.cells]
        task = next((t for t in plan.tasks() if norm(t.text) == cells[1]), None)
        if task is not None and len(set(cells)) > 2:
            shown[task.id] = cells[4]
    assert shown["nv1.3"] == "Đang thực hiện" and shown["nv3.3"] == "Đang thực hiện"
    for task_id, cell in shown.items():
        assert cell == upper_first(status_text(statuses.get(task_id))), task_id
    body = "\n".join(norm(p.text) for p in document.paragraphs)
    for task_id in ("nv1.3", "nv3.3", "nv1.2"):
        line = next(line for line in body.splitlines() if line.startswith(f"- {plan.task(task_id).title()} ("))
        assert line.endswith(f"({statuses[task_id]}).")
    # nv1.4 reported done is not overdue; nv2.2 and nv2.3 ("Năm 2021") have no 2023 row; nv2.4 is under way
    assert [t.id for t in overdue_tasks(plan, H1, statuses)] == ["nv2.2", "nv2.3", "nv2.4"]
