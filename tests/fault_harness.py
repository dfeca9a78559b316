"""Run ``baocao`` commands and break them: kill at a random moment, fill the disk, make the folder read-only.

Shared by ``tests/test_faults.py`` (a few seeded runs) and ``benchmarks/bench_faults.py`` (many). Each
run ends in one :class:`Outcome`: what was at the final paths afterwards (the whole previous set, the
whole new set, or something else), whether any hidden work item (``.baocao-…``) was left, and how the
command ended (exit code, message). "Afterwards" for a killed run means after the next run's first step,
:func:`baocao.fileio.staging.sweep`, which finishes or removes what the killed run left.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data"
PLAN = SAMPLE / "ke-hoach-188.yaml"
DATA = SAMPLE / "du-lieu-mau.xlsx"
RETURNS = SAMPLE / "bao-cao-don-vi"
NARRATIVE = SAMPLE / "nhan-dinh" / "2023-H1.yaml"
TEMPLATE = ROOT / "templates" / "docx" / "phu-luc.docx"
HIDDEN = ".baocao-"


@dataclass(frozen=True)
class Command:
    """A command line to break: its arguments (``out`` is the output folder) and inputs to make first."""

    name: str
    args: Callable[[Path, Path], list[str]]  # (inputs folder, output folder) -> arguments
    prepare: Callable[[Path], None] = lambda inputs: None
    overwrite: bool = True  # takes --overwrite
    pdf: bool = False


def _tasks_table(inputs: Path) -> None:
    from baocao.plan.io import load_plan
    from baocao.plan.tasks_xlsx import export_tasks

    export_tasks(load_plan(PLAN), inputs / "nhiem-vu.xlsx", overwrite=True)


def _plan_docx(inputs: Path) -> None:
    from baocao.jobs.plan_docs import write_plan

    (inputs / "van-ban").mkdir(parents=True, exist_ok=True)
    write_plan(PLAN, inputs / "van-ban", overwrite=True)


COMMANDS = {c.name: c for c in (
    Command("plan", lambda i, o: ["plan", PLAN, "--out", o]),
    Command("appendix", lambda i, o: ["appendix", PLAN, "--out", o]),
    Command("report", lambda i, o: ["report", PLAN, DATA, "--period", "2023-H1", "--returns", RETURNS,
                                    "--narrative", NARRATIVE, "--out", o, "--charts", "all"]),
    Command("demo", lambda i, o: ["demo", "--out", o, "--no-pdf"]),
    Command("tasks-export", lambda i, o: ["tasks", "export", PLAN, "--xlsx", o / "nhiem-vu.xlsx"]),
    Command("tasks-import", lambda i, o: ["tasks", "import", PLAN, "--xlsx", i / "nhiem-vu.xlsx",
                                          "--out", o / "ke-hoach-moi.yaml"], prepare=_tasks_table),
    Command("plan-import", lambda i, o: ["plan", "import", i / "van-ban" / "188-KH-LMHTX-ke-hoach.docx",
                                         "--out", o / "ke-hoach.yaml"], prepare=_plan_docx),
    Command("returns-export", lambda i, o: ["returns", "export", PLAN, "--period", "2023-H1", "--out", o]),
    Command("returns-collect", lambda i, o: ["returns", "collect", PLAN, RETURNS / "2023-H1", "--period", "2023-H1",
                                             "--csv", o / "ket-qua.csv"]),
    Command("indicators", lambda i, o: ["indicators", PLAN, DATA, "--cutoff", "2023-06-30", "--charts", o]),
    Command("template-repair", lambda i, o: ["template", "repair", TEMPLATE, "--out", o / "mau.docx"]),
    Command("plan-pdf", lambda i, o: ["plan", PLAN, "--out", o, "--pdf"], pdf=True),
    Command("report-pdf", lambda i, o: ["report", PLAN, DATA, "--period", "2023-H1", "--out", o, "--pdf"], pdf=True),
)}


def command_line(command: Command, inputs: Path, out: Path, *, overwrite: bool = False) -> list[str]:
    args = [str(a) for a in command.args(inputs, out)]
    return [sys.executable, "-c", "from baocao.cli import main; main()", *args, *(["--overwrite"] if overwrite else [])]


def environment(scratch: Path) -> dict[str, str]:
    """The child's environment: its own temporary folder (LibreOffice's profile lands there, so a killed
    run's LibreOffice can be found and stopped) and the source tree on the path."""
    tmp = scratch / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, TMPDIR=str(tmp), PYTHONPATH=os.pathsep.join(filter(None, [
        str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    env.pop("BAOCAO_DEBUG", None)
    return env


# --- what is in a folder ------------------------------------------------------------------------------
def snapshot(folder: Path) -> dict[str, bytes]:
    """Every visible file under ``folder`` (relative path -> bytes)."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(HIDDEN) for part in p.relative_to(folder).parts)}


def hidden_items(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(f"{HIDDEN}*"))


def valid(name: str, data: bytes) -> bool:
    """A whole file of its kind (a cut-off file is not)."""
    suffix = Path(name).suffix.lower()
    try:
        if suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return zf.testzip() is None
        if suffix == ".pdf":
            return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
        if suffix == ".png":
            return data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")
        if suffix == ".json":
            json.loads(data.decode("utf-8"))
            return True
        if suffix == ".csv":
            return bool(list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))))
        if suffix == ".yaml":
            from baocao.plan.io import parse_plan

            parse_plan(data.decode("utf-8"))
            return True
    except Exception:  # noqa: BLE001 - any failure to read means "not whole"
        return False
    return bool(data)


@dataclass
class Reference:
    """A clean run's set: its file names and which files come out the same each run."""

    names: frozenset[str]
    stable: dict[str, bytes]  # files byte-identical in two clean runs
    seconds: float


def reference(command: Command, scratch: Path) -> Reference:
    """Run ``command`` twice cleanly to learn its set, its stable files and how long it takes."""
    inputs = scratch / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    command.prepare(inputs)
    runs = []
    for i in (1, 2):
        out = scratch / f"ref{i}"
        start = time.perf_counter()
        done = subprocess.run(command_line(command, inputs, out), env=environment(scratch), capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr
        runs.append((snapshot(out), time.perf_counter() - start))
    (first, seconds), (second, _) = runs
    stable = {k: v for k, v in first.items() if second.get(k) == v}
    return Reference(frozenset(first), stable, seconds)


@dataclass
class Outcome:
    """How one broken run ended."""

    command: str
    fault: str
    state: str  # "previous", "new", or what went wrong ("half", "mixed", ...)
    leftovers: list[str] = field(default_factory=list)
    exit_code: int | None = None
    message: str = ""
    mid_commit: bool = False  # killed during the moves: finished from the journal by the sweep

    @property
    def ok(self) -> bool:
        return self.state in ("previous", "new") and not self.leftovers and (
            self.fault == "kill" or (self.exit_code == 2 and vietnamese_error(self.message)))


def vietnamese_error(message: str) -> bool:
    """One located Vietnamese message: "Lỗi: …", no traceback, no English from Python."""
    return message.startswith("Lỗi: ") and "Traceback" not in message and "Error" not in message \
        and "errno" not in message.lower()


def classify(after: dict[str, bytes], before: dict[str, bytes], ref: Reference) -> str:
    """"previous" when nothing changed, "new" when the whole new set is there, else what went wrong."""
    if after == before:
        return "previous"
    if set(after) - set(before) - ref.names:
        return "stray files"
    if not all(valid(k, v) for k, v in after.items()):
        return "half-written file"
    if not ref.names <= set(after):
        return "incomplete set"
    changing = ref.names - set(ref.stable)  # files that differ from run to run (dates, run times)
    if all(k not in before or after[k] != before[k] for k in changing):
        return "new"
    return "mixed"


# --- faults -------------------------------------------------------------------------------------------
def stop_leftover_processes(scratch: Path) -> None:
    """Stop what a killed run started in a session of its own (LibreOffice), found by its profile folder."""
    marker = str(scratch / "tmp")
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if marker in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                os.kill(int(entry.name), signal.SIGKILL)


def kill_run(command: Command, ref: Reference, scratch: Path, rng: random.Random, *, overwrite: bool) -> Outcome:
    """Start the command, kill it at a random moment (more often near the end, where files are written)."""
    from baocao.fileio.staging import JOURNAL, sweep

    inputs, out = scratch / "inputs", scratch / "out"
    shutil.rmtree(out, ignore_errors=True)
    if overwrite:
        subprocess.run(command_line(command, inputs, out), env=environment(scratch), capture_output=True, check=True)
    before = snapshot(out)
    at_commit = rng.random() < 0.25  # wait for the commit's journal and kill at once: cut between two moves
    at = ref.seconds * (rng.uniform(0.6, 1.15) if rng.random() < 0.7 else rng.uniform(0.0, 0.6))
    errors = scratch / "stderr.txt"
    with open(errors, "wb") as stderr:
        proc = subprocess.Popen(command_line(command, inputs, out, overwrite=overwrite), env=environment(scratch),
                                stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
        try:
            if at_commit:
                wait_for_commit(proc, out)
            proc.wait(timeout=at)
        except subprocess.TimeoutExpired:
            pass
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    stop_leftover_processes(scratch)
    mid_commit = any((p / JOURNAL).exists() for p in out.glob(".baocao-stage-*")) if out.exists() else False
    for folder in [out, *(p for p in out.rglob("*") if p.is_dir())] if out.exists() else []:
        sweep(folder)  # what the next run in that folder does first
    after = snapshot(out)
    return Outcome(command.name, "kill", classify(after, before, ref), hidden_items(out), proc.returncode,
                   errors.read_text(encoding="utf-8", errors="replace").strip(), mid_commit=mid_commit)


def wait_for_commit(proc: subprocess.Popen, out: Path, limit: float = 120.0) -> None:
    """Return as soon as a commit journal appears under ``out`` (or the process ends)."""
    from baocao.fileio.staging import JOURNAL

    end = time.perf_counter() + limit
    while proc.poll() is None and time.perf_counter() < end:
        with contextlib.suppress(OSError):
            if any(os.path.exists(os.path.join(e.path, JOURNAL)) for e in os.scandir(out)
                   if e.name.startswith(".baocao-stage-")):
                os.killpg(proc.pid, signal.SIGKILL)
                return


def broken_run(command: Command, ref: Reference, scratch: Path, fault: str, out: Path, *, overwrite: bool,
               preexec: Callable[[], None] | None = None) -> Outcome:
    """Run the command into ``out`` (made read-only or small by the caller); it must fail cleanly."""
    inputs = scratch / "inputs"
    before = snapshot(out)
    done = subprocess.run(command_line(command, inputs, out, overwrite=overwrite), env=environment(scratch),
                          capture_output=True, text=True, preexec_fn=preexec)
    stop_leftover_processes(scratch)
    after = snapshot(out)
    return Outcome(command.name, fault, classify(after, before, ref), hidden_items(out), done.returncode,
                   done.stderr.strip())


def file_size_limit(limit: int) -> Callable[[], None]:
    """A child setup that makes any write past ``limit`` bytes of one file fail (EFBIG), as a full disk does."""
    import resource

    def setup() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return setup


@contextlib.contextmanager
def small_disk(path: Path, kib: int) -> Iterator[bool]:
    """``path`` as a tmpfs of ``kib`` KiB when this process may mount one (yields False otherwise)."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(path)],
                             capture_output=True).returncode == 0 if shutil.which("mount") else False
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[bool]:
    """``path`` read-only for the child: ``chmod`` for an ordinary user; for root (whom permissions do not
    stop) a read-only bind mount when it may mount one. Yields False when neither is possible."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        os.chmod(path, 0o555)
        try:
            yield True
        finally:
            os.chmod(path, mode)
        return
    bound = shutil.which("mount") and subprocess.run(["mount", "--bind", str(path), str(path)],
                                                      capture_output=True).returncode == 0
    if bound and subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], capture_output=True).returncode != 0:
        subprocess.run(["umount", str(path)], capture_output=True)
        bound = False
    try:
        yield bool(bound)
    finally:
        if bound:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def set_size(command: Command, scratch: Path) -> int:
    """Bytes of the command's set (from the reference run)."""
    return sum(len(v) for v in snapshot(scratch / "ref1").values())


def full_disk_run(command: Command, ref: Reference, scratch: Path, *, overwrite: bool) -> Outcome:
    """The command on a disk with room for half of its set: a tmpfs when one can be mounted (filled up to
    that point by a file of its own, after the previous set when ``overwrite``), else a per-file size
    limit (EFBIG) on the child."""
    out = scratch / "plein"
    shutil.rmtree(out, ignore_errors=True)
    size = set_size(command, scratch)
    with small_disk(out, (2 * size + 2 * 1024 * 1024) // 1024) as mounted:
        if overwrite:
            subprocess.run(command_line(command, scratch / "inputs", out), env=environment(scratch),
                           capture_output=True, check=True)
        limit = None
        if mounted:
            free = shutil.disk_usage(out).free
            (out / "lap-day.bin").write_bytes(b"\0" * max(0, free - size // 2))
        else:
            limit = file_size_limit(2048)
        outcome = broken_run(command, ref, scratch, "disk full" if mounted else "file size limit", out,
                             overwrite=overwrite, preexec=limit)
    shutil.rmtree(out, ignore_errors=True)
    return outcome


def read_only_run(command: Command, ref: Reference, scratch: Path, *, overwrite: bool) -> Outcome | None:
    """The command into a read-only folder (holding the previous set when ``overwrite``); None if this
    machine cannot make a folder read-only for the child."""
    out = scratch / "chi-doc"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    if overwrite:
        subprocess.run(command_line(command, scratch / "inputs", out), env=environment(scratch),
                       capture_output=True, check=True)
    with read_only(out) as done:
        outcome = broken_run(command, ref, scratch, "read-only", out, overwrite=overwrite) if done else None
    shutil.rmtree(out, ignore_errors=True)
    return outcome
