"""How busy the shared host is right now, printed first by the benchmarks.

The sandbox's speed varies by half or more over a day (other jobs on the host), so a figure only
compares with figures printed in the same run; this reference says which kind of moment it was.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

IDLE_IMPORT_PANDAS_S = 0.35  # fresh interpreter importing pandas on this sandbox when the host is idle


def import_pandas_times(runs: int = 5) -> list[float]:
    """Wall time of a fresh interpreter importing pandas, *runs* times."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import pandas"], check=True)
        out.append(time.perf_counter() - start)
    return out


def reference_line() -> str:
    """One line: the median import time and how it compares with an idle host."""
    times = import_pandas_times()
    median = statistics.median(times)
    return (f"machine reference: fresh `python -c 'import pandas'` median {median:.2f} s "
            f"(idle host about {IDLE_IMPORT_PANDAS_S:.2f} s; x{median / IDLE_IMPORT_PANDAS_S:.1f})")
