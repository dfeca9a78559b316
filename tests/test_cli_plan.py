"""The command line for the plan documents and the task table: CliRunner, plus real cold starts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from baocao.cli import main_group
from baocao.plan.io import load_plan, plan_to_data
from baocao.plan.tasks_xlsx import SHEET, import_tasks
from baocao.plan.text import appendix_rows

from conftest import SAMPLE_PLAN

BAOCAO = Path(sys.executable).with_name("baocao")


def run(*args: str):
    return CliRunner().invoke(main_group, [str(a) for a in args])


def docx_table_rows(path: Path) -> list[list[str]]:
    import docx

    rows = []
    for row in docx.Document(str(path)).tables[0].rows[1:]:
        cells, seen = [], set()
        for c in row.cells:
            if id(c._tc) not in seen:
                seen.add(id(c._tc))
                cells.append(c.text)
        rows.append(cells)
    return rows


def docx_text(path: Path) -> str:
    import docx

    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def expected_rows(plan) -> list[list[str]]:
    return [[r.stt, r.task] if r.group else [r.stt, r.task, r.lead, r.time, r.note] for r in appendix_rows(plan)]


@pytest.fixture
def plan_copy(tmp_path) -> Path:
    return Path(shutil.copy(SAMPLE_PLAN, tmp_path / "ke-hoach.yaml"))


def edit_lead(xlsx: Path, task_id: str, unit: str) -> None:
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[SHEET]
    idx = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, idx["Mã nhiệm vụ"]).value == task_id)
    ws.cell(row, idx["Chủ trì 1"]).value = unit
    wb.save(xlsx)


# --- tasks export / import -------------------------------------------------------------------------
def test_tasks_export_then_refuse_overwrite(plan_copy, tmp_path):
    xlsx = tmp_path / "nv.xlsx"
    result = run("tasks", "export", plan_copy, "--xlsx", xlsx)
    assert result.exit_code == 0, result.output
    assert "3 nhóm, 15 nhiệm vụ" in result.stdout and xlsx.exists()
    before = xlsx.read_bytes()
    result = run("tasks", "export", plan_copy, "--xlsx", xlsx)
    assert result.exit_code == 2 and "đã có" in result.stderr and xlsx.read_bytes() == before
    assert run("tasks", "export", plan_copy, "--xlsx", xlsx, "--overwrite").exit_code == 0


def test_tasks_import_to_new_file_prints_changes(plan_copy, tmp_path):
    xlsx = tmp_path / "nv.xlsx"
    run("tasks", "export", plan_copy, "--xlsx", xlsx)
    edit_lead(xlsx, "nv2.2", "Phòng Kế hoạch Hỗ trợ")
    out = tmp_path / "moi.yaml"
    result = run("tasks", "import", plan_copy, "--xlsx", xlsx, "--out", out)
    assert result.exit_code == 0, result.output
    assert "Sửa 1 nhiệm vụ: nv2.2 (chủ trì)." in result.stdout and f"Đã ghi kế hoạch: {out}" in result.stdout
    original = load_plan(plan_copy)
    assert plan_to_data(load_plan(out)) == plan_to_data(import_tasks(original, xlsx))
    assert load_plan(out).task("nv2.2").lead == ["khht"]


def test_tasks_import_back_into_the_plan_needs_overwrite(plan_copy, tmp_path):
    xlsx = tmp_path / "nv.xlsx"
    run("tasks", "export", plan_copy, "--xlsx", xlsx)
    edit_lead(xlsx, "nv3.1", "vp")
    before = plan_copy.read_bytes()
    result = run("tasks", "import", plan_copy, "--xlsx", xlsx)
    assert result.exit_code == 2
    assert "Sửa 1 nhiệm vụ: nv3.1" in result.stdout and "--overwrite" in result.stderr
    assert plan_copy.read_bytes() == before
    result = run("tasks", "import", plan_copy, "--xlsx", xlsx, "--overwrite")
    assert result.exit_code == 0, result.output
    assert load_plan(plan_copy).task("nv3.1").lead == ["vp"]
    head = SAMPLE_PLAN.read_text(encoding="utf-8").split("issuer:")[0]
    assert head.startswith("# Kế hoạch số 188") and plan_copy.read_text(encoding="utf-8").startswith(head)


def test_tasks_import_without_change_leaves_the_plan_alone(plan_copy, tmp_path):
    xlsx = tmp_path / "nv.xlsx"
    run("tasks", "export", plan_copy, "--xlsx", xlsx)
    before = plan_copy.read_bytes()
    result = run("tasks", "import", plan_copy, "--xlsx", xlsx, "--overwrite")
    assert result.exit_code == 0 and "Không có thay đổi nào." in result.stdout
    assert plan_copy.read_bytes() == before


def test_tasks_import_error_writes_nothing(plan_copy, tmp_path):
    xlsx = tmp_path / "nv.xlsx"
    run("tasks", "export", plan_copy, "--xlsx", xlsx)
    edit_lead(xlsx, "nv1.1", "Phòng Không Có")
    out = tmp_path / "moi.yaml"
    result = run("tasks", "import", plan_copy, "--xlsx", xlsx, "--out", out)
    assert result.exit_code == 2
    assert f"trang tính '{SHEET}'" in result.stderr and "hàng 3" in result.stderr
    assert "cột 'Chủ trì 1'" in result.stderr and "Phòng Không Có" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_tasks_import_refuses_existing_out(plan_copy, tmp_path):
    xlsx = tmp_path / "nv.xlsx"
    run("tasks", "export", plan_copy, "--xlsx", xlsx)
    out = tmp_path / "moi.yaml"
    out.write_text("cũ", encoding="utf-8")
    result = run("tasks", "import", plan_copy, "--xlsx", xlsx, "--out", out)
    assert result.exit_code == 2 and out.read_text(encoding="utf-8") == "cũ"
    assert run("tasks", "import", plan_copy, "--xlsx", xlsx, "--out", out, "--overwrite").exit_code == 0
    assert plan_to_data(load_plan(out)) == plan_to_data(load_plan(plan_copy))


# --- plan and appendix documents -------------------------------------------------------------------
def test_appendix_document_matches_the_plan(plan, tmp_path):
    pytest.importorskip("baocao.render.docx")
    result = run("appendix", SAMPLE_PLAN, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    out = tmp_path / "188-KH-LMHTX-phu-luc.docx"
    assert f"Đã ghi: {out}" in result.stdout
    assert docx_table_rows(out) == expected_rows(plan)
    before = out.read_bytes()
    again = run("appendix", SAMPLE_PLAN, "--out", tmp_path)
    assert again.exit_code == 2 and "--overwrite" in again.stderr and out.read_bytes() == before


def test_edited_task_table_flows_into_the_appendix(plan_copy, tmp_path):
    pytest.importorskip("baocao.render.docx")
    xlsx = tmp_path / "nv.xlsx"
    run("tasks", "export", plan_copy, "--xlsx", xlsx)
    edit_lead(xlsx, "nv2.5", "Quỹ Hỗ trợ phát triển HTX")
    assert run("tasks", "import", plan_copy, "--xlsx", xlsx, "--overwrite").exit_code == 0
    assert run("appendix", plan_copy, "--out", tmp_path / "out").exit_code == 0
    rows = docx_table_rows(tmp_path / "out" / "188-KH-LMHTX-phu-luc.docx")
    assert rows == expected_rows(load_plan(plan_copy))
    assert ["5", load_plan(plan_copy).task("nv2.5").text, "Quỹ Hỗ trợ phát triển HTX", "Giai đoạn 2021-2025", ""] in rows


def test_plan_document_and_draft_name(plan, tmp_path):
    pytest.importorskip("baocao.render.docx")
    assert run("plan", SAMPLE_PLAN, "--out", tmp_path).exit_code == 0
    final = tmp_path / "188-KH-LMHTX-ke-hoach.docx"
    assert "Số: 188/KH-LMHTX" in docx_text(final)
    assert docx_table_rows(final) != [] and plan.task("nv3.6").text in docx_text(final)
    result = run("plan", SAMPLE_PLAN, "--out", tmp_path, "--draft")
    assert result.exit_code == 0, result.output
    draft = tmp_path / "188-KH-LMHTX-ke-hoach-du-thao.docx"
    assert "Số: 188/KH-LMHTX" not in docx_text(draft) and "/KH-LMHTX" in docx_text(draft)


def test_pdf_without_libreoffice_keeps_the_docx(tmp_path, monkeypatch):
    pytest.importorskip("baocao.render.pdf")
    import baocao.render.pdf as pdf
    from baocao.errors import ToolMissingError

    def missing(*args, **kwargs):
        raise ToolMissingError("Chưa cài LibreOffice: cài gói libreoffice-writer-nogui để xuất PDF.")

    monkeypatch.setattr(pdf, "to_pdf", missing)
    result = run("appendix", SAMPLE_PLAN, "--out", tmp_path, "--pdf")
    assert result.exit_code == 0, result.output
    assert "Cảnh báo" in result.stderr and "LibreOffice" in result.stderr
    assert (tmp_path / "188-KH-LMHTX-phu-luc.docx").exists()
    assert not (tmp_path / "188-KH-LMHTX-phu-luc.pdf").exists()


@pytest.mark.pdf
@pytest.mark.slow
def test_appendix_pdf_with_libreoffice(tmp_path):
    pytest.importorskip("baocao.render.pdf")
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    result = run("appendix", SAMPLE_PLAN, "--out", tmp_path, "--pdf")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "188-KH-LMHTX-phu-luc.pdf").stat().st_size > 1000


# --- real processes: the installed script, cold ------------------------------------------------------
def test_installed_script_cold_start(tmp_path):
    pytest.importorskip("baocao.render.docx")
    done = subprocess.run([str(BAOCAO), "appendix", str(SAMPLE_PLAN), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "188-KH-LMHTX-phu-luc.docx").exists()
    failed = subprocess.run([str(BAOCAO), "appendix", str(SAMPLE_PLAN), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert failed.returncode == 2 and failed.stderr.startswith("Lỗi:") and "Traceback" not in failed.stderr


def test_appendix_path_stays_light():
    code = ("import sys, tempfile\n"
            "from baocao.cli import main_group\n"
            "main_group.main(['appendix', sys.argv[1], '--out', tempfile.mkdtemp()], standalone_mode=False)\n"
            "print(sorted(m for m in ('pandas', 'matplotlib', 'openpyxl', 'numpy') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code, str(SAMPLE_PLAN)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
