"""``baocao check`` on real documents: Vietnamese findings, JSON, exit codes 1 (an error), 0 (none) and 2
(bad input: a missing file, a folder, a .doc, a corrupt .docx, data without period or plan)."""

from __future__ import annotations

import json
import shutil

import docx
import pytest
from click.testing import CliRunner

from baocao.cli import main_group
from baocao.plan.io import load_plan
from baocao.plan.text import plan_context
from baocao.render.docx import render_docx
from conftest import FIXTURES, ROOT, SAMPLE_PLAN

DATA = ROOT / "sample_data" / "du-lieu-mau.xlsx"


def run(*args):
    return CliRunner().invoke(main_group, ["check", *map(str, args)])


@pytest.fixture(scope="module")
def docs(tmp_path_factory, plan):
    out = tmp_path_factory.mktemp("cli-check")
    clean = load_plan(FIXTURES / "ke-hoach-188-sach.yaml")
    return {"sample": render_docx("ke-hoach.docx", plan_context(plan), out / "mau.docx"),
            "clean": render_docx("ke-hoach.docx", plan_context(clean), out / "sach.docx"),
            "draft": render_docx("ke-hoach.docx", plan_context(clean, draft=True), out / "du-thao.docx")}


def test_errors_give_exit_code_1_and_vietnamese_findings(docs):
    result = run(docs["sample"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[1] == "Kiểm tra trước khi trình ký: 3 lỗi, 18 điểm cần xem lại."
    first = lines[2]
    assert first.startswith("  - [lỗi] đoạn 32 (II. NỘI DUNG › 3. Nhiệm vụ, giải pháp chủ yếu")
    assert "«giai đoạn 2020-2025 (theo» ở thân" in first and "↔ bảng 3, hàng 10, cột 2: «Xây dựng Đề án" in first


def test_no_error_gives_exit_code_0(docs):
    result = run(docs["clean"])
    assert result.exit_code == 0 and "Không phát hiện vấn đề nào trước khi trình ký." in result.output
    assert run(docs["draft"]).exit_code == 1  # blank number and day in a final copy
    assert run(docs["draft"], "--draft").exit_code == 0


def test_json_output(docs):
    result = run(docs["sample"], "--plan", SAMPLE_PLAN, "--json")
    assert result.exit_code == 1
    found = json.loads(result.output)
    assert (found["errors"], found["reviews"]) == (3, 19)  # --plan adds the unit name spelled "Văn Phòng"
    first = found["findings"][0]
    assert set(first) == {"rule", "severity", "where", "excerpt", "message", "kind", "section", "other", "other_where"}
    assert (first["rule"], first["where"], first["other_where"]) == ("phu_luc.khac_so_lieu", "đoạn 32",
                                                                      "bảng 3, hàng 10, cột 2")


def test_a_report_against_the_data(tmp_path, plan):
    from baocao.jobs import write_report

    written = write_report(plan, SAMPLE_PLAN, DATA, "2023-H1", tmp_path, charts="none")
    document = docx.Document(str(written.docx))
    paragraph = next(p for p in document.paragraphs if "hiệu quả (71,7%)" in p.text)
    text = paragraph.text.replace("hiệu quả (71,7%)", "hiệu quả (77,7%)")
    for i, run_ in enumerate(paragraph.runs):
        run_.text = text if i == 0 else ""
    changed = tmp_path / "sua.docx"
    document.save(str(changed))
    result = run(changed, "--plan", SAMPLE_PLAN, "--data", DATA, "--period", "2023-H1", "--json")
    found = [f for f in json.loads(result.output)["findings"] if f["rule"] == "so_lieu.khac_du_lieu"]
    assert [f["message"][:20] for f in found] == ["số «77,7%» không khớ"]
    without = json.loads(run(changed, "--json").output)["findings"]
    assert not [f for f in without if f["rule"] == "so_lieu.khac_du_lieu"]


@pytest.mark.parametrize("make,message", [
    (lambda p: None, "không có tệp này"),
    (lambda p: p.mkdir(), "đây là thư mục"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), "tệp Word 97-2003 (.doc)"),
    (lambda p: p.write_bytes(b"PK\x03\x04 not a zip"), "không phải tệp .docx"),
])
def test_bad_input_gives_exit_code_2(tmp_path, make, message):
    path = tmp_path / "van-ban.docx"
    make(path)
    result = run(path)
    assert result.exit_code == 2 and f"Lỗi: Không đọc được văn bản Word:\n  - tệp {path}: {message}" in result.output


def test_a_corrupt_docx_gives_exit_code_2(tmp_path, docs):
    path = tmp_path / "hong.docx"
    shutil.copy(docs["clean"], path)
    path.write_bytes(path.read_bytes()[:-200])
    result = run(path)
    assert result.exit_code == 2 and "Không đọc được văn bản Word" in result.output


@pytest.mark.parametrize("args,message", [
    (["--data", DATA], "cần cả tệp dữ liệu (--data) và kỳ báo cáo (--period)"),
    (["--data", DATA, "--period", "2023-H1"], "cần tệp kế hoạch (--plan)"),
])
def test_data_needs_a_period_and_a_plan(docs, args, message):
    result = run(docs["clean"], *args)
    assert result.exit_code == 2 and message in result.output
