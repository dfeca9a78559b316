"""The appendix table(s) read into task groups, tasks and units: from the plans rendered with the real
templates, and from tables typed the way a clerk types them (tests/docbuild.py: group rows merged across the
table, the lead unit merged down over the rows it leads, headers worded otherwise)."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao.docread import read_outline
from baocao.jobs.plan_docs import write_plan
from baocao.plan.io import load_plan
from baocao.plan.model import Plan
from baocao.plan.text import plan_context
from baocao.plan_import import import_plan
from baocao.plan_import.appendix import UnitBook, read_task_appendix, unit_id

from conftest import FIXTURES, ROOT
from docbuild import clerk_plan, decree_doc

SAMPLE = ROOT / "sample_data" / "ke-hoach-188.yaml"
UBND = FIXTURES / "plan_ubnd.yaml"


def rendered(plan_file: Path, out: Path) -> Path:
    write_plan(plan_file, out)
    return next(out.glob("*.docx"))


def tasks_by_names(groups: list[dict], units: list[dict]) -> list[tuple]:
    """(group title, task text, lead names, lead label, timeframe, note) of every task, ids aside."""
    names = {u["id"]: u["name"] for u in units}
    out = []
    for g in groups:
        for t in g["tasks"]:
            lead = [t["lead"]] if isinstance(t["lead"], str) else t["lead"]
            out.append((g["title"], t["text"], [names[u] for u in lead], t.get("lead_label"), t["timeframe"],
                        t.get("note", "")))
    return out


def original_tasks(plan: Plan) -> list[tuple]:
    return [(g.appendix_title or g.title, t.text, [plan.unit(u).name for u in t.lead], t.lead_label,
             t.timeframe.text, t.note) for g in plan.task_groups for t in g.tasks]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("appendix")
    ctx = plan_context(load_plan(SAMPLE))
    return {"rendered": rendered(SAMPLE, tmp / "r"),
            "clerk": clerk_plan(ctx, tmp / "clerk.docx"),
            "clerk-word": clerk_plan(ctx, tmp / "clerk-word.docx", header="tabs", numbering="word")}


@pytest.mark.parametrize("kind", ["rendered", "clerk", "clerk-word"])
def test_the_sample_appendix_gives_back_its_tasks_and_units(sample, kind):
    plan = load_plan(SAMPLE)
    groups, units, _appendix, uncertain = read_task_appendix(read_outline(sample[kind]))
    assert tasks_by_names(groups, units) == original_tasks(plan)
    assert sorted(u["name"] for u in units) == sorted(u.name for u in plan.units)
    assert uncertain == []
    ids = [u["id"] for u in units] + [g["id"] for g in groups] + [t["id"] for g in groups for t in g["tasks"]]
    assert len(ids) == len(set(ids)) and all(i.isascii() for i in ids)


def test_the_classic_appendix_keeps_its_heading_title_and_reference_prefix(sample):
    _g, _u, appendix, _x = read_task_appendix(read_outline(sample["rendered"]))
    assert appendix == {"heading": "Phụ lục", "title": "PHÂN CÔNG THỰC HIỆN KẾ HOẠCH",
                        "ref_prefix": "Kèm theo Kế hoạch số:"}


def test_a_clerk_table_with_its_own_headers_keeps_them(sample):
    _g, _u, appendix, _x = read_task_appendix(read_outline(sample["clerk"]))
    assert isinstance(appendix, list) and len(appendix) == 1
    columns = [c if isinstance(c, dict) else {"field": c} for c in appendix[0]["columns"]]
    assert [c.get("header") for c in columns] == ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì",
                                                  "Thời gian hoàn thành", None]  # "Ghi chú": the default
    assert [c["field"] for c in columns] == ["stt", "task", "lead", "time", "note"]


def test_two_appendices_a_task_table_with_coordinating_units_and_a_table_written_out(tmp_path):
    plan = load_plan(UBND)
    groups, units, appendices, uncertain = read_task_appendix(read_outline(rendered(UBND, tmp_path)))
    names = {u["id"]: u["name"] for u in units}
    assert [[names[u] for u in t.get("support", [])] for g in groups for t in g["tasks"]] == [
        [plan.unit(u).name for u in t.support] for t in plan.tasks()]
    assert uncertain == []
    first, second = appendices
    assert (first["heading"], first["title"]) == ("Phụ lục I", "PHÂN CÔNG NHIỆM VỤ")
    assert [c if isinstance(c, str) else c["field"] for c in first["columns"]] == [
        "stt", "task", "lead", "support", "time"]
    assert second["rows"] == [r.cells for r in plan.appendices[1].rows]
    assert [c["header"] for c in second["columns"]] == [c.header for c in plan.appendices[1].columns]


def test_a_lead_cell_names_units_as_plan_files_declare_them():
    cells = ["Phòng CSTT, PT HTX", "Phòng Kế hoạch Hỗ trợ", "Phòng CSTT, PT HTX và Kế hoạch Hỗ trợ",
             "Sở Nông nghiệp và Môi trường"]
    book = UnitBook(cells)
    names = lambda text: [book.name(u) for u in book.split(text)]  # noqa: E731
    assert names("Phòng CSTT, PT HTX và Kế hoạch Hỗ trợ") == ["Phòng CSTT, PT HTX", "Phòng Kế hoạch Hỗ trợ"]
    assert names("Sở Nông nghiệp và Môi trường") == ["Sở Nông nghiệp và Môi trường"]
    assert names("Liên minh Hợp tác xã tỉnh, UBND các huyện, thành phố") == [
        "Liên minh Hợp tác xã tỉnh", "UBND các huyện, thành phố"]
    assert names("Bộ Lao động - Thương binh và Xã hội; Bộ Tài chính") == [
        "Bộ Lao động - Thương binh và Xã hội", "Bộ Tài chính"]


def test_unit_ids_are_ascii_and_unique():
    taken: set[str] = set()
    assert unit_id("Văn phòng", taken) == "vp"
    assert unit_id("Văn phòng Sở", taken) == "vps"
    assert unit_id("Vụ Pháp", taken) == "vp_2"
    assert unit_id("Phòng CSTT, PT HTX", taken) == "p_cstt_pt_htx"
    assert unit_id("Đài Truyền hình Việt Nam", taken) == "dthvn"


def test_a_timeframe_the_plan_cannot_read_is_kept_and_listed(tmp_path):
    rows = (("I", "Củng cố hợp tác xã", "", "", ""),
            ("1", "Rà soát hợp tác xã ngừng hoạt động", "Phòng Kinh tế", "Sau khi có hướng dẫn năm 2021", ""),
            ("2", "Tập huấn cán bộ hợp tác xã", "Phòng Kinh tế", "Trước 30/6/2021", "Kinh phí tỉnh"))
    path = decree_doc(tmp_path / "kh.docx", body=("I. NHIỆM VỤ", "1. Rà soát, củng cố hợp tác xã."),
                      appendix=rows, appendix_ref="(Kèm theo Kế hoạch số 12/KH-LMHTX ngày 11 tháng 5 năm 2021 "
                                                  "của Liên minh HTX tỉnh Đắk Nông)")
    groups, units, _appendix, uncertain = read_task_appendix(read_outline(path))
    first, second = groups[0]["tasks"]
    assert first["timeframe"] == "Năm 2021" and first["note"] == "Thời gian: Sau khi có hướng dẫn năm 2021"
    assert second["timeframe"] == "Trước 30/6/2021"  # a deadline by a day is read as written
    assert second["note"] == "Kinh phí tỉnh" and units == [{"id": "pkt", "name": "Phòng Kinh tế"}]
    assert [u.key for u in uncertain] == ["task_groups[0].tasks[0].timeframe"]
    assert "Sau khi có hướng dẫn" in uncertain[0].text and uncertain[0].where == "bảng 3, hàng 3, cột 4 (Phụ lục)"
    imported = import_plan(path)
    assert imported.plan().tasks()[0].note == "Thời gian: Sau khi có hướng dẫn năm 2021"
    assert any(u.key == "task_groups[0].tasks[0].timeframe" for u in imported.uncertain)


def test_tasks_without_group_rows_go_into_one_group_the_analyst_names(tmp_path):
    rows = (("1", "Rà soát hợp tác xã ngừng hoạt động", "Phòng Kinh tế", "Năm 2021", ""),
            ("2", "Tập huấn cán bộ hợp tác xã", "Văn phòng", "Thường xuyên", ""))
    path = decree_doc(tmp_path / "kh.docx", body=("I. NHIỆM VỤ", "1. Rà soát, củng cố hợp tác xã."),
                      appendix=rows)
    groups, units, _appendix, uncertain = read_task_appendix(read_outline(path))
    assert [len(g["tasks"]) for g in groups] == [2]
    assert [u["name"] for u in units] == ["Phòng Kinh tế", "Văn phòng"]
    assert [u.key for u in uncertain] == ["task_groups[0].title"]


def test_a_lead_cell_with_one_unit_a_line_and_a_group_row_with_more_than_a_title(tmp_path):
    rows = (("I", "Củng cố hợp tác xã", "", "Năm 2021", ""),
            ("1", "Rà soát hợp tác xã ngừng hoạt động", "Phòng Kinh tế\nVăn phòng", "Năm 2021", ""),
            ("2", "Tập huấn cán bộ hợp tác xã", "Văn phòng", "Năm 2021", ""))
    path = decree_doc(tmp_path / "kh.docx", body=("I. NHIỆM VỤ", "1. Rà soát, củng cố hợp tác xã."),
                      appendix=rows)
    groups, units, _appendix, uncertain = read_task_appendix(read_outline(path))
    assert [u["name"] for u in units] == ["Phòng Kinh tế", "Văn phòng"]
    assert groups[0]["tasks"][0]["lead"] == ["pkt", "vp"] and "lead_label" not in groups[0]["tasks"][0]
    assert sorted(u.key for u in uncertain) == ["task_groups[0]", "task_groups[0].tasks[0].lead"]
    assert "Năm 2021" in next(u.text for u in uncertain if u.key == "task_groups[0]")


def test_groups_numbered_1_2_over_tasks_numbered_1_1_1_2(tmp_path):
    rows = (("1", "Củng cố hợp tác xã", "", "", ""),
            ("1.1", "Rà soát hợp tác xã ngừng hoạt động", "Phòng Kinh tế", "Năm 2021", ""),
            ("1.2", "Tập huấn cán bộ hợp tác xã", "Văn phòng", "Năm 2021", ""),
            ("2", "Tuyên truyền", "", "", ""),
            ("2.1", "Tuyên truyền Luật Hợp tác xã", "Văn phòng", "Thường xuyên", ""))
    path = decree_doc(tmp_path / "kh.docx", body=("I. NHIỆM VỤ", "1. Rà soát, củng cố hợp tác xã."),
                      appendix=rows)
    groups, units, _appendix, uncertain = read_task_appendix(read_outline(path))
    assert [(g["title"], [t["text"] for t in g["tasks"]]) for g in groups] == [
        ("Củng cố hợp tác xã", ["Rà soát hợp tác xã ngừng hoạt động", "Tập huấn cán bộ hợp tác xã"]),
        ("Tuyên truyền", ["Tuyên truyền Luật Hợp tác xã"])]
    assert uncertain == [] and [u["name"] for u in units] == ["Phòng Kinh tế", "Văn phòng"]
