#!/usr/bin/env python
"""Time ``baocao.data.load_data`` with pandas' calamine and openpyxl engines.

    .venv/bin/python benchmarks/bench_data_load.py                  # sample + national
    .venv/bin/python benchmarks/bench_data_load.py --skip-openpyxl-national
    .venv/bin/python benchmarks/bench_data_load.py --national /tmp/national.xlsx

The national workbook (~35,000 HTX, ~10,000 communes, ~150,000 THT; ~13 MB) is generated with
``tools/generate_sample_data.py --scale national`` when missing; it is never committed.
Prints median (min-max) wall time of full load + validation, and, for reference, the time
python-calamine alone needs to read every cell (no pandas, no validation).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from baocao.data.load import load_data  # noqa: E402
from baocao.resources import sample_path  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def show(label: str, times: list[float]) -> None:
    print(f"{label:<42} {statistics.median(times):8.3f} s  ({min(times):.3f}-{max(times):.3f}, n={len(times)})",
          flush=True)


def raw_calamine(path: Path) -> int:
    """Read every cell with python-calamine directly; returns the number of rows."""
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as wb:
        return sum(len(wb.get_sheet_by_name(n).to_python(skip_empty_area=False)) for n in wb.sheet_names)


def ensure_national(path: Path) -> Path:
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "tools" / "generate_sample_data.py"), "--scale", "national",
                        "--out", str(path)], check=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--national", type=Path, default=Path(tempfile.gettempdir()) / "baocao-national.xlsx")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (sample: 5x this)")
    parser.add_argument("--skip-openpyxl-national", action="store_true", help="it takes about two minutes")
    args = parser.parse_args()

    sample = sample_path("du-lieu-mau.xlsx")
    national = ensure_national(args.national)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU")
    print(f"sample:   {sample} ({sample.stat().st_size / 1e6:.2f} MB)")
    print(f"national: {national} ({national.stat().st_size / 1e6:.1f} MB)")
    rows = {t: len(f) for t, f in load_data(national).tables.items()}
    print("national rows: " + ", ".join(f"{k}={v}" for k, v in rows.items()))

    for engine in ("calamine", "openpyxl"):
        show(f"sample   load_data(engine={engine!r})", timed(lambda e=engine: load_data(sample, engine=e),
                                                             5 * args.repeat))
    show("national load_data(engine='calamine')", timed(lambda: load_data(national, engine="calamine"), args.repeat))
    if not args.skip_openpyxl_national:
        show("national load_data(engine='openpyxl')", timed(lambda: load_data(national, engine="openpyxl"), 1))
    show("national python-calamine cells only", timed(lambda: raw_calamine(national), args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
