"""Checking a 100-page document (``baocao check``) — figures, not assertions.

The document is the clean sample plan with its task groups repeated until it runs to about 100 pages
(body and landscape appendix), rendered by the plan job; its page count comes from LibreOffice when it
is installed. Timed: ``check_document`` in-process (read the .docx, outline, every check), and the cold
command ``baocao check`` (a new interpreter, as an analyst runs it).

Run: ``.venv/bin/python benchmarks/bench_check.py [--pages 100]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import reference_line

from baocao.checks.catalog import check_document
from baocao.jobs import write_plan
from baocao.plan.io import load_plan

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "fixtures" / "ke-hoach-188-sach.yaml"
BAOCAO = Path(sys.executable).with_name("baocao")
PAGES_PER_COPY = 6.9  # body and appendix pages one copy of the task groups adds (measured with LibreOffice)


def long_plan(copies: int):
    """The clean plan with its task groups repeated ``copies`` times, each copy for another area (ids and
    texts made distinct, as the tasks of a long plan are)."""
    plan = load_plan(PLAN)
    groups = []
    for n in range(copies):
        area = f" tại cụm địa bàn số {n + 1}"
        for g in plan.task_groups:
            tasks = [t.model_copy(update={"id": f"{t.id}.{n}", "text": t.text + area,
                                          "body": t.body and t.body + area}) for t in g.tasks]
            groups.append(g.model_copy(update={"id": f"{g.id}.{n}", "tasks": tasks, "title": g.title + area,
                                               "appendix_title": g.appendix_title and g.appendix_title + area}))
    return plan.model_copy(update={"task_groups": groups})


def page_count(docx: Path, work: Path) -> int | None:
    """Pages of the document as LibreOffice lays it out, or ``None`` without LibreOffice."""
    from baocao.render.pdf import find_soffice, to_pdf

    if find_soffice() is None:
        return None
    (pdf,) = to_pdf([docx], work / "pdf")
    return len(__import__("re").findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def median(runs: list[float]) -> str:
    return f"median {statistics.median(runs):.3f} s (min {min(runs):.3f}, max {max(runs):.3f}, n={len(runs)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    print(reference_line())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plan = long_plan(max(1, round(args.pages / PAGES_PER_COPY)))
        (docx,) = write_plan(plan, work).docx
        pages = page_count(docx, work)
        paragraphs = sum(1 for _ in __import__("docx").Document(str(docx)).paragraphs)
        print(f"document: {len(plan.tasks())} tasks, {paragraphs} paragraphs, "
              f"{pages if pages is not None else '?'} pages (LibreOffice), {docx.stat().st_size // 1024} KiB")
        runs, found = [], []
        for _ in range(7):
            start = time.perf_counter()
            found = check_document(docx, plan=plan)
            runs.append(time.perf_counter() - start)
        print(f"in-process: check_document (read + every check)      {median(runs[1:])}; {len(found)} findings")
        cold = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([str(BAOCAO), "check", str(docx)], capture_output=True)
            cold.append(time.perf_counter() - start)
        print(f"cold CLI: baocao check                                {median(cold)}")


if __name__ == "__main__":
    main()
