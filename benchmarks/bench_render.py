#!/usr/bin/env python
"""Timing of the document path: docx rendering, the layout check, and PDF conversion.

    .venv/bin/python benchmarks/bench_render.py            # 3 runs each (median, min–max)
    .venv/bin/python benchmarks/bench_render.py --runs 5 --no-pdf

Measures:
1. full plan (ke-hoach.docx) with the seed-shaped context and ~20 appendix rows, warm process;
2. the same from a cold interpreter (``python -c`` rendering the appendix alone: the CLI path
   "regenerate the appendix", which must stay under 1 s);
3. the appendix alone (phu-luc.docx) with 2,000 generated task rows;
4. verify_layout on the plan and on the 2,000-row appendix;
5. PDF of 10 plans: one soffice call vs 10 separate calls (skipped without LibreOffice).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from baocao.checks.layout import verify_layout  # noqa: E402
from baocao.render.docx import render_docx  # noqa: E402
from baocao.render.pdf import find_soffice, to_pdf  # noqa: E402
from test_templates import ROWS, appendix_context, plan_context  # noqa: E402


def rows_20() -> list[tuple]:
    """~20 appendix rows: the seed-shaped 11 rows plus 9 more tasks."""
    extra = [(False, str(4 + i), f"Nhiệm vụ bổ sung số {i + 1}: phối hợp kiểm tra, đôn đốc các HTX "
                                 "thực hiện đúng Luật HTX và báo cáo kết quả định kỳ",
              "Văn phòng", "Hằng năm", "") for i in range(9)]
    return list(ROWS) + extra


def rows_n(n: int) -> list[tuple]:
    out = []
    group = 0
    task = 0
    for i in range(n):
        if i % 50 == 0:
            group += 1
            task = 0
            out.append((True, _roman(group), f"Nhóm nhiệm vụ {group}: tuyên truyền, hỗ trợ, phát "
                                             "triển kinh tế tập thể & hợp tác xã", "", "", ""))
        else:
            task += 1
            out.append((False, str(task), f"Nhiệm vụ {i}: tổ chức tập huấn, hướng dẫn các HTX xây "
                                          "dựng phương án sản xuất kinh doanh, liên kết chuỗi giá trị",
                        "Phòng Kế hoạch Hỗ trợ", "Giai đoạn 2021-2025", "<ghi chú>" if i % 7 == 0 else ""))
    return out


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def show(label: str, times: list[float], extra: str = "") -> None:
    med = statistics.median(times)
    print(f"{label:<58} {med:8.3f} s  ({min(times):.3f}–{max(times):.3f}, n={len(times)}){extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--keep", action="store_true", help="giữ lại thư mục tạm")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="baocao-bench-"))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU, tải {os.getloadavg()[0]:.1f}")
    try:
        return run(args, work)
    finally:
        if args.keep:
            print(f"giữ lại: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> int:

    ctx = plan_context()
    ctx["appendix"] = appendix_context(rows_20())
    n = iter(range(10_000))
    plan = work / "plan-0.docx"
    render_docx("ke-hoach.docx", ctx, plan)
    show(f"1. Kế hoạch đủ ({len(ctx['appendix']['rows'])} hàng phụ lục), tiến trình đã nạp",
         timed(lambda: render_docx("ke-hoach.docx", ctx, work / f"plan-w{next(n)}.docx"), args.runs))

    # the CLI path: a fresh interpreter reads the data and regenerates the appendix
    ctx_file = work / "appendix.json"
    ctx_file.write_text(json.dumps({"appendix": appendix_context()}, ensure_ascii=False), "utf-8")
    cold_code = (
        "import json, sys; sys.path.insert(0, {src!r})\n"
        "from baocao.render.docx import render_docx\n"
        "ctx = json.loads(open({ctx!r}, encoding='utf-8').read())\n"
        "render_docx('phu-luc.docx', ctx, {out!r})\n"
    )

    def cold():
        out = work / f"cold-{next(n)}.docx"
        code = cold_code.format(src=str(ROOT / "src"), ctx=str(ctx_file), out=str(out))
        subprocess.run([sys.executable, "-c", code], check=True)

    show("2. Phụ lục riêng, trình thông dịch mới (python -c, gồm khởi động)", timed(cold, args.runs))

    big = {"appendix": appendix_context(rows_n(args.rows))}
    big_path = work / "phu-luc-big.docx"
    render_docx("phu-luc.docx", big, big_path)
    show(f"3. Phụ lục riêng {args.rows} hàng",
         timed(lambda: render_docx("phu-luc.docx", big, work / f"big-{next(n)}.docx"), args.runs),
         f"  [{big_path.stat().st_size / 1024:.0f} KB]")

    show("4a. verify_layout kế hoạch", timed(lambda: verify_layout(plan), args.runs))
    show(f"4b. verify_layout phụ lục {args.rows} hàng", timed(lambda: verify_layout(big_path), args.runs))

    if args.no_pdf or find_soffice() is None:
        print("5. PDF: bỏ qua (" + ("--no-pdf" if args.no_pdf else "không có LibreOffice") + ")")
        return 0
    docs = [plan]
    for i in range(1, 10):
        docs.append(render_docx("ke-hoach.docx", ctx, work / f"plan-{i}.docx"))

    def batch():
        to_pdf(docs, work / f"pdf-batch-{next(n)}")

    def separate():
        out = work / f"pdf-sep-{next(n)}"
        for d in docs:
            to_pdf([d], out)

    show("5a. PDF/A 10 kế hoạch, MỘT lệnh soffice", timed(batch, args.runs))
    show("5b. PDF/A 10 kế hoạch, 10 lệnh soffice riêng", timed(separate, args.runs))
    pdf = to_pdf([plan], work / "pdf-one")[0]
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    print("    (mỗi kế hoạch: " + next((ln.split()[-1] for ln in pages.splitlines()
                                       if ln.startswith("Pages:")), "?") + " trang)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
