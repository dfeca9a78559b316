#!/usr/bin/env python
"""Time ``baocao.data.load_data``: python-calamine directly (default), pandas' read_excel, openpyxl.

    .venv/bin/python benchmarks/bench_data_load.py                  # sample + national
    .venv/bin/python benchmarks/bench_data_load.py --skip-openpyxl-national
    .venv/bin/python benchmarks/bench_data_load.py --national /tmp/national.xlsx --profile

The national workbook (~35,000 HTX, ~10,000 communes, ~150,000 THT; ~13 MB) is generated with
``tools/generate_sample_data.py --scale national`` when missing; it is never committed.
Prints median (min-max) wall time and CPU time (all threads) of full load + validation for:
the default reader (python-calamine, sheet XML parsed on a thread pool), the former reader
``pandas.read_excel(engine="calamine")`` followed by today's validation, and openpyxl; for
reference, the time python-calamine alone needs to parse every sheet and build its cells, one
thread and two; and the peak RSS of a fresh interpreter that only loads the national workbook.
``--profile`` adds where the time goes: cProfile of one load with a single reader thread (so
the Rust parse shows as ``get_sheet_by_name``), top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from baocao.data import load  # noqa: E402
from baocao.data.load import load_data, read_tables  # noqa: E402
from baocao.resources import sample_path  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(repeat):
        c, t = time.process_time(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return walls, cpus


def show(label: str, measured: tuple[list[float], list[float]]) -> None:
    walls, cpus = measured
    print(f"{label:<52} {statistics.median(walls):7.3f} s  ({min(walls):.3f}-{max(walls):.3f}, n={len(walls)})"
          f"   cpu {statistics.median(cpus):6.2f} s", flush=True)


def via_pandas(path: Path) -> None:
    """The former reader: pandas.read_excel(engine="calamine"), then the same validation."""
    read_tables(path.read_bytes(), file=path.name, engine="calamine", via_pandas=True)


def raw_calamine(path: Path, threads: int) -> int:
    """Parse every sheet with python-calamine and build its cells, no validation; returns the row count."""
    from concurrent.futures import ThreadPoolExecutor

    from python_calamine import CalamineWorkbook

    data = path.read_bytes()
    names = CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names

    def rows(name: str) -> int:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return len(book.get_sheet_by_name(name).to_python(skip_empty_area=False))

    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(rows, names))


def peak_rss(path: Path) -> float:
    """MiB: maximum resident set of a fresh interpreter that imports baocao.data and loads *path*."""
    code = ("import resource, sys; from baocao.data import load_data; load_data(sys.argv[1]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True,
                         env=env)
    return float(out.stdout)


def profile(path: Path, top: int = 18) -> None:
    """cProfile of one load with one reader thread: the Rust parse shows as get_sheet_by_name."""
    saved = load.MAX_READERS
    load.MAX_READERS = 1
    try:
        prof = cProfile.Profile()
        prof.enable()
        load_data(path)
        prof.disable()
    finally:
        load.MAX_READERS = saved
    stats = pstats.Stats(prof)
    print(f"\nprofile of one load with a single reader thread ({path.name}), top {top} by own time:")
    stats.sort_stats("tottime").print_stats(top)


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
    parser.add_argument("--skip-former-national", action="store_true", help="pandas.read_excel: about 10 s a run")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one national load")
    args = parser.parse_args()

    sample = sample_path("du-lieu-mau.xlsx")
    national = ensure_national(args.national)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU, reader threads: "
          f"{min(load._cpus(), load.MAX_READERS)}")
    print(f"sample:   {sample} ({sample.stat().st_size / 1e6:.2f} MB)")
    print(f"national: {national} ({national.stat().st_size / 1e6:.1f} MB)")
    rows = {t: len(f) for t, f in load_data(national).tables.items()}
    print("national rows: " + ", ".join(f"{k}={v}" for k, v in rows.items()))

    n = 5 * args.repeat
    show("sample   load_data()  [python-calamine]", timed(lambda: load_data(sample), n))
    show("sample   pandas.read_excel reader, same checks", timed(lambda: via_pandas(sample), n))
    show("sample   load_data(engine='openpyxl')", timed(lambda: load_data(sample, engine="openpyxl"), n))
    show("national load_data()  [python-calamine]", timed(lambda: load_data(national), args.repeat))
    if not args.skip_former_national:
        show("national pandas.read_excel reader, same checks", timed(lambda: via_pandas(national), 1))
    if not args.skip_openpyxl_national:
        show("national load_data(engine='openpyxl')", timed(lambda: load_data(national, engine="openpyxl"), 1))
    show("national python-calamine parse only, 1 thread", timed(lambda: raw_calamine(national, 1), args.repeat))
    show("national python-calamine parse only, 2 threads", timed(lambda: raw_calamine(national, 2), args.repeat))
    print(f"national load_data() peak RSS (fresh interpreter): {peak_rss(national):.0f} MiB")
    if args.profile:
        profile(national)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
