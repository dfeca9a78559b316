"""Regenerating the appendix after an analyst edited the task table (.xlsx) — figures, not assertions.

1. in-process: ``import_tasks`` on the edited sheet, then render ``phu-luc.docx`` (plan already loaded);
2. cold command line: ``baocao tasks import`` (edited sheet -> new plan YAML) and ``baocao appendix``
   (new plan -> appendix .docx), each a new interpreter, as an analyst runs them.

Run: ``.venv/bin/python benchmarks/bench_appendix_roundtrip.py``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from baocao.plan.io import load_plan
from baocao.plan.tasks_xlsx import export_tasks, import_tasks
from baocao.plan.text import plan_context
from baocao.render.docx import render_docx

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "sample_data" / "ke-hoach-188.yaml"
BAOCAO = Path(sys.executable).with_name("baocao")


def edited_sheet(work: Path) -> Path:
    """The seed's task table with one lead unit changed, as an analyst would in Excel."""
    path = export_tasks(load_plan(PLAN), work / "nhiem-vu.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Nhiệm vụ"]
    headers = [c.value for c in ws[1]]
    task_col = headers.index("Mã nhiệm vụ") + 1
    lead_col = headers.index("Chủ trì 1") + 1
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, task_col).value == "nv2.1":
            ws.cell(row, lead_col).value = "Văn phòng"
    wb.save(path)
    return path


def median(runs: list[float]) -> str:
    return f"median {statistics.median(runs):.3f} s (min {min(runs):.3f}, max {max(runs):.3f}, n={len(runs)})"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sheet = edited_sheet(work)
        plan = load_plan(PLAN)
        runs = []
        for i in range(7):
            start = time.perf_counter()
            new = import_tasks(plan, sheet)
            render_docx("phu-luc.docx", {"appendix": plan_context(new)["appendix"]}, work / f"pl{i}.docx")
            runs.append(time.perf_counter() - start)
        print(f"in-process: import edited .xlsx + render appendix   {median(runs[1:])}")
        cold_import, cold_appendix = [], []
        for i in range(3):
            start = time.perf_counter()
            subprocess.run([str(BAOCAO), "tasks", "import", str(PLAN), "--xlsx", str(sheet),
                            "--out", str(work / f"moi{i}.yaml")], check=True, capture_output=True)
            cold_import.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run([str(BAOCAO), "appendix", str(work / f"moi{i}.yaml"), "--out", str(work / f"out{i}")],
                           check=True, capture_output=True)
            cold_appendix.append(time.perf_counter() - start)
        print(f"cold CLI: baocao tasks import                        {median(cold_import)}")
        print(f"cold CLI: baocao appendix                            {median(cold_appendix)}")


if __name__ == "__main__":
    main()
