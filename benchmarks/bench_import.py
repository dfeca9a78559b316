"""Importing a plan from Word (``baocao plan import``) — figures, not assertions.

Two documents:

1. a 20-page plan: the clean sample plan with its task groups repeated until it runs to about 20 pages
   (body and landscape appendix), rendered by the plan job; its page count comes from LibreOffice
   (converted to PDF once, counted by ``pdfinfo``) when it is installed;
2. a real plan typed in Word, not from our templates: QĐ 773/QĐ-TTg with its attached Kế hoạch
   (tests/fixtures/real-plans/docx/, python-docx, Word list numbering, tracked changes).

Timed: ``import_plan`` in-process (read the .docx, head, body, appendix, the plan file as data, its YAML
text), median of 5 runs after one warm-up; then the cold command ``baocao plan import`` (a new
interpreter, as an analyst runs it) when the command exists. The issue asks for < 1 s on a 20-page plan.

Run: ``.venv/bin/python benchmarks/bench_import.py [--pages 20]``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_check import long_plan
from machine import reference_line

from baocao.jobs import write_plan
from baocao.plan_import import import_plan

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "fixtures" / "real-plans" / "docx" / "congbot-qd-773-ttg-kh-nguoi-co-cong-2018.word.docx"
BAOCAO = Path(sys.executable).with_name("baocao")
PAGES_PER_COPY = 6.9  # body and appendix pages one copy of the task groups adds (benchmarks/bench_check.py)


def page_count(docx: Path, work: Path) -> int | None:
    """Pages of the document as LibreOffice lays it out (``pdfinfo`` on its PDF), or ``None`` without it."""
    from baocao.render.pdf import find_soffice, to_pdf

    if find_soffice() is None:
        return None
    (pdf,) = to_pdf([docx], work / "pdf")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        found = re.search(r"^Pages:\s+(\d+)", info, flags=re.M)
        if found:
            return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def plan_of_pages(pages: int, work: Path) -> Path:
    """The sample plan rendered with the fewest copies of its task groups that reach ``pages`` pages
    (counted by LibreOffice; estimated from PAGES_PER_COPY without it)."""
    copies = max(1, int(pages // PAGES_PER_COPY))
    while True:
        (docx,) = write_plan(long_plan(copies), work / f"long-{copies}").docx
        counted = page_count(docx, work / f"pages-{copies}")
        if counted is None or counted >= pages:
            return docx
        copies += 1


def median(runs: list[float]) -> str:
    return f"median {statistics.median(runs):.3f} s (min {min(runs):.3f}, max {max(runs):.3f}, n={len(runs)})"


def has_import_command() -> bool:
    """Whether this checkout's CLI has ``baocao plan import`` (``plan`` a group with an ``import`` command)."""
    import click

    from baocao.cli import main_group

    plan = main_group.commands.get("plan")
    return isinstance(plan, click.Group) and "import" in plan.commands


def time_document(label: str, docx: Path, work: Path, *, cold: bool) -> None:
    pages = page_count(docx, work / docx.stem)
    paragraphs = sum(1 for _ in __import__("docx").Document(str(docx)).paragraphs)
    print(f"{label}: {docx.name}, {paragraphs} paragraphs, "
          f"{pages if pages is not None else '?'} pages (LibreOffice), {docx.stat().st_size // 1024} KiB")
    runs, imported = [], None
    for _ in range(6):
        start = time.perf_counter()
        imported = import_plan(docx)
        imported.to_yaml()
        runs.append(time.perf_counter() - start)
    print(f"  in-process: import_plan + to_yaml                 {median(runs[1:])}; "
          f"{len(imported.uncertain)} items for the analyst")
    if not cold:
        return
    times = []
    for i in range(3):
        start = time.perf_counter()
        done = subprocess.run([str(BAOCAO), "plan", "import", str(docx), "--out",
                               str(work / f"{docx.stem}-{i}.yaml")], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            print(f"  cold CLI: baocao plan import failed (exit {done.returncode}): {done.stderr.strip()[:300]}")
            return
    print(f"  cold CLI: baocao plan import                      {median(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    print(reference_line())
    cold = has_import_command()
    if not cold:
        print("(no `baocao plan import` in this checkout: cold command line not timed)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docx = plan_of_pages(args.pages, work)
        time_document(f"plan of at least {args.pages} pages", docx, work, cold=cold)
        time_document("real plan typed in Word", REAL, work, cold=cold)


if __name__ == "__main__":
    main()
