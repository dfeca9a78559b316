#!/usr/bin/env python
"""Time and memory of load + validate + assess (all targets, one cut-off) on the sample and national data.

    .venv/bin/python benchmarks/bench_indicators.py                      # sample + national
    .venv/bin/python benchmarks/bench_indicators.py --national /tmp/national.xlsx --repeat 5
    .venv/bin/python benchmarks/bench_indicators.py --skip-national

Each workbook is measured in a fresh interpreter (so the peak RSS is its own): imports, then
``repeat`` timed runs of load_data + assess, reported as median (min-max). Peak memory: the
process's maximum resident set size (``resource.getrusage``, includes the Python runtime, pandas
and the Rust reader) and the peak of Python/numpy allocations seen by ``tracemalloc`` during one
extra, untimed run (tracing slows allocation-heavy code, so it never overlaps a timed run).
The national workbook (~35,000 HTX) is generated with ``tools/generate_sample_data.py --scale
national`` into a temporary folder when not given; it is never committed.
Goals: sample < 1 s; national < 5 s and < 1 GiB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from machine import reference_line  # benchmarks/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

GOALS = {"sample": (1.0, None), "national": (5.0, 1024.0)}  # seconds, MiB


def measure(path: Path, cutoff: dt.date, repeat: int) -> dict[str, object]:
    """Run in a fresh interpreter: timings and memory of load + assess on *path*."""
    t = time.perf_counter()
    from baocao.data import load_data
    from baocao.indicators import assess, series
    from baocao.plan.io import load_plan
    from baocao.resources import sample_path

    plan = load_plan(sample_path("ke-hoach-188.yaml"))
    imports = time.perf_counter() - t
    loads, assesses, totals = [], [], []
    found = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        data = load_data(path)
        t1 = time.perf_counter()
        found = assess(plan, data, cutoff)
        t2 = time.perf_counter()
        loads.append(t1 - t0)
        assesses.append(t2 - t1)
        totals.append(t2 - t0)
    del data
    tracemalloc.start()  # a separate, untimed run: tracing slows allocation-heavy code by a third
    data = load_data(path)
    assess(plan, data, cutoff)
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t = time.perf_counter()
    series(plan, data, [cutoff])
    series_time = time.perf_counter() - t
    return {
        "file": str(path), "size_mb": path.stat().st_size / 2**20, "htx": len(data.cooperatives),
        "imports": imports, "load": loads, "assess": assesses, "total": totals, "series": series_time,
        "traced_mib": traced / 2**20, "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "statuses": {a.target_id: a.status for a in found},
    }


def run_child(path: Path, cutoff: dt.date, repeat: int) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--child", str(path), "--cutoff", cutoff.isoformat(),
                          "--repeat", str(repeat)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def fmt(times: list[float]) -> str:
    return f"{statistics.median(times):6.3f} s ({min(times):.3f}-{max(times):.3f}, n={len(times)})"


def report(name: str, r: dict[str, object]) -> None:
    limit_s, limit_mib = GOALS[name]
    total = statistics.median(r["total"])  # type: ignore[arg-type]
    verdict = "OK" if total < limit_s and (limit_mib is None or r["maxrss_mib"] < limit_mib) else "VƯỢT NGƯỠNG"
    print(f"\n{name}: {r['file']} ({r['size_mb']:.1f} MB, {r['htx']:,} HTX)")
    print(f"  imports (pandas, baocao, plan)     {r['imports']:6.3f} s")
    print(f"  load_data (read + validate)        {fmt(r['load'])}")  # type: ignore[arg-type]
    print(f"  assess (20 targets, one cut-off)   {fmt(r['assess'])}")  # type: ignore[arg-type]
    print(f"  load + validate + assess           {fmt(r['total'])}   goal < {limit_s:g} s")  # type: ignore[arg-type]
    print(f"  series (6 cut-offs, for charts)    {r['series']:6.3f} s")
    print(f"  peak RSS (whole process)           {r['maxrss_mib']:8.1f} MiB"
          + (f"   goal < {limit_mib:g} MiB" if limit_mib else ""))
    print(f"  peak tracemalloc (extra run)       {r['traced_mib']:8.1f} MiB")
    print(f"  => {verdict}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cutoff", default="2025-12-31")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--national", type=Path, help="national workbook (generated when missing)")
    ap.add_argument("--skip-national", action="store_true")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    cutoff = dt.date.fromisoformat(args.cutoff)
    if args.child:
        print(json.dumps(measure(args.child, cutoff, args.repeat)))
        return
    from baocao.resources import sample_path

    print(f"baocao indicators benchmark, cut-off {cutoff.isoformat()}, python {sys.version.split()[0]}")
    print(reference_line())
    report("sample", run_child(sample_path("du-lieu-mau.xlsx"), cutoff, args.repeat))
    if args.skip_national:
        return
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        path = args.national or Path(tmp) / "national.xlsx"
        if not path.exists():
            print(f"\ngenerating {path} ...", flush=True)
            t = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "tools" / "generate_sample_data.py"), "--scale", "national",
                            "--out", str(path)], check=True, capture_output=True)
            print(f"  generated in {time.perf_counter() - t:.1f} s", flush=True)
        report("national", run_child(path, cutoff, args.repeat))


if __name__ == "__main__":
    main()
