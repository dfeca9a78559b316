"""Reporting-cycle speed on the bundled sample (figures printed, never asserted).

- one period's full cycle in-process: load data, assess, collect returns, build and render the report
  (no PDF), median of 5 runs after one warm-up;
- the same as a cold ``baocao report`` call (new interpreter each time), median of 5: once with
  baocao's bytecode cached, as on an analyst's machine from the second run on (Python writes
  ``__pycache__`` on first import), once with no bytecode for baocao's own modules (every import
  compiles them, as under ``PYTHONDONTWRITEBYTECODE=1``, which this sandbox sets);
- the main job: plan, appendix and the three sample reports with PDF in one LibreOffice call
  (``baocao demo``), median of 3;
- first, a machine reference (a fresh interpreter importing pandas, about 0,35 s here when the host is idle),
  since shared hosts vary by half or more over a day: compare figures within one run.

Run: ``.venv/bin/python benchmarks/bench_report.py``.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import reference_line  # benchmarks/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
BAOCAO = Path(sys.executable).with_name("baocao")


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def in_process(period: str) -> list[float]:
    from baocao.data import load_data
    from baocao.plan.io import load_plan
    from baocao.jobs.report import write_report

    plan_path = SAMPLE / "ke-hoach-188.yaml"

    def once() -> None:
        with tempfile.TemporaryDirectory() as out:
            plan = load_plan(plan_path)
            data = load_data(SAMPLE / "du-lieu-mau.xlsx")
            write_report(plan, plan_path, data, period, out, returns_dir=SAMPLE / "bao-cao-don-vi",
                        narrative=SAMPLE / "nhan-dinh" / f"{period}.yaml")

    once()
    return timed(once, 5)


def _drop_bytecode() -> None:
    for cache in (ROOT / "src" / "baocao").rglob("__pycache__"):
        shutil.rmtree(cache)


def cold_cli(period: str, *, bytecode: bool) -> list[float]:
    env = dict(os.environ)
    if bytecode:
        compileall.compile_dir(ROOT / "src" / "baocao", quiet=1)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        _drop_bytecode()
        env["PYTHONDONTWRITEBYTECODE"] = "1"

    def once() -> None:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([str(BAOCAO), "report", str(SAMPLE / "ke-hoach-188.yaml"), str(SAMPLE / "du-lieu-mau.xlsx"),
                            "--period", period, "--returns", str(SAMPLE / "bao-cao-don-vi"),
                            "--narrative", str(SAMPLE / "nhan-dinh" / f"{period}.yaml"), "--out", out],
                           check=True, capture_output=True, env=env)

    return timed(once, 5)


def demo_with_pdf() -> list[float]:
    def once() -> None:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([str(BAOCAO), "demo", "--out", out], check=True, capture_output=True)

    return timed(once, 3)


def show(name: str, runs: list[float]) -> None:
    print(f"{name:<58} median {statistics.median(runs):6.2f} s  (min {min(runs):.2f}, max {max(runs):.2f}, n={len(runs)})")


def main() -> None:
    print(reference_line())
    for period in ("2023-H1", "2023", "2021-2025"):
        show(f"report {period}, in-process (load, assess, collect, render)", in_process(period))
    show("report 2023-H1, cold CLI `baocao report`, bytecode cached", cold_cli("2023-H1", bytecode=True))
    show("report 2023-H1, cold CLI, baocao compiled at each import", cold_cli("2023-H1", bytecode=False))
    if shutil.which("soffice"):
        show("`baocao demo`: plan + appendix + 3 reports + 5 PDFs (1 soffice)", demo_with_pdf())
    else:
        print("LibreOffice not installed: PDF figures skipped")


if __name__ == "__main__":
    main()
