#!/usr/bin/env python
"""Break every ``baocao`` command on purpose and count how it ends.

    .venv/bin/python benchmarks/bench_faults.py                 # 60 kills, every fault, every command
    .venv/bin/python benchmarks/bench_faults.py --kills 200 --seed 7 --commands report plan-pdf

For each command (``tests/fault_harness.py``: plan, appendix, report, demo, tasks export/import,
returns export/collect, indicators --charts, template repair, plan --pdf, report --pdf): two clean runs
give its set of files and how long it takes; then

* **kills** (seeded): started afresh or over its previous set with ``--overwrite``, killed (SIGKILL, the
  whole process group, LibreOffice too) at a random moment, most often in the last part of the run,
  where files are written; afterwards (the next run's sweep) the final paths must hold the whole
  previous set or the whole new set, and no ``.baocao-…`` item may remain;
* **full disk**: a small tmpfs when this machine may mount one (else a per-file size limit,
  RLIMIT_FSIZE), afresh and over the previous set;
* **read-only folder**: ``chmod`` for an ordinary user, a read-only bind mount for root.

A failed command must end with exit code 2 and one Vietnamese line ("Lỗi: …"), no traceback. Prints one
row per command and the totals: kills ending with the previous set, with the new set (how many of them
were cut inside the commit and finished by the sweep), faults handled; exits 1 when any run broke a rule.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import fault_harness as harness  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=60, help="kills in all (spread over the commands)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--commands", nargs="*", default=list(harness.COMMANDS))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    names = [n for n in args.commands if n in harness.COMMANDS]
    if any(harness.COMMANDS[n].pdf for n in names):
        from baocao.render.pdf import find_soffice

        if find_soffice() is None:
            names = [n for n in names if not harness.COMMANDS[n].pdf]
            print("LibreOffice is not installed: the --pdf commands are left out")
    per_command = {n: args.kills // len(names) + (i < args.kills % len(names)) for i, n in enumerate(names)}
    totals: Counter[str] = Counter()
    bad: list[harness.Outcome] = []
    start = time.perf_counter()
    print(f"{'command':<16} {'s/run':>6}  {'kills: previous/new (cut in commit)':<36} {'full disk':<12} {'read-only':<10}")
    for name in names:
        command = harness.COMMANDS[name]
        with tempfile.TemporaryDirectory(prefix=f"baocao-faults-{name}-") as folder:
            scratch = Path(folder)
            ref = harness.reference(command, scratch)
            kills = [harness.kill_run(command, ref, scratch, rng, overwrite=i % 2 == 1)
                     for i in range(per_command[name])]
            full = [harness.full_disk_run(command, ref, scratch, overwrite=o) for o in (False, True)]
            read_only = [o for o in (harness.read_only_run(command, ref, scratch, overwrite=w) for w in (False, True))
                         if o is not None]
        states = Counter(o.state for o in kills)
        cut = sum(o.mid_commit for o in kills)
        for outcome in (*kills, *full, *read_only):
            totals["runs"] += 1
            totals[f"{outcome.fault}: {'ok' if outcome.ok else 'BROKEN'}"] += 1
            totals["tracebacks"] += "Traceback" in outcome.message
            totals["half-written sets"] += outcome.state not in ("previous", "new")
            totals["hidden items left"] += bool(outcome.leftovers)
            if not outcome.ok:
                bad.append(outcome)
        totals["kills ending with the previous set"] += states["previous"]
        totals["kills ending with the new set"] += states["new"]
        totals["kills cut inside the commit, finished by the sweep"] += cut
        full_ok = f"{sum(o.ok for o in full)}/{len(full)} ({full[0].fault.split()[0]})"
        ro_ok = f"{sum(o.ok for o in read_only)}/{len(read_only)}" if read_only else "n/a"
        print(f"{name:<16} {ref.seconds:6.1f}  {states['previous']:>3} / {states['new']:<3} ({cut})"
              f"{'':<22} {full_ok:<12} {ro_ok:<10}", flush=True)
    print(f"\n{totals['runs']} runs in {time.perf_counter() - start:.0f} s (seed {args.seed})")
    for key in sorted(totals):
        if key != "runs":
            print(f"  {key}: {totals[key]}")
    for outcome in bad:
        print(f"BROKEN: {outcome}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
