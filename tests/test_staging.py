"""A set of files committed whole or not at all; what dead runs leave is swept; live runs are left alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from baocao.errors import OutputExistsError
from baocao.fileio import place, staging
from baocao.fileio.atomic import atomic_write_bytes
from baocao.fileio.staging import JOURNAL, Staging, sweep
from baocao.jobs.outputs import OutputFolder, pdf_complete


def hidden(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".baocao-"))


def files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write_set(root, contents, *, overwrite=False, fail_on=None, monkeypatch=None):
    """Stage ``contents`` (relative path -> bytes) under ``root`` and commit; ``fail_on``: the n-th move fails."""
    if fail_on is not None:
        moves = []
        real = place.commit

        def failing(temp, target, *, overwrite=False):
            moves.append(target)
            if len(moves) == fail_on:
                raise OSError(28, "No space left on device")
            return real(temp, target, overwrite=overwrite)

        monkeypatch.setattr(staging, "commit", failing)
    with Staging(root, overwrite=overwrite) as stage:
        for name, data in contents.items():
            stage.path_for(root / name).write_bytes(data)
        return stage.commit()


NEW = {"a.docx": b"new a", "b.json": b"new b", "bieu-do/c.png": b"new c"}
OLD = {"a.docx": b"old a", "b.json": b"old b", "bieu-do/c.png": b"old c"}


def test_a_set_is_committed_whole_and_refused_whole(tmp_path):
    out = tmp_path / "out"
    assert [p.name for p in write_set(out, NEW)] == ["a.docx", "b.json", "c.png"]
    assert files(out) == NEW and hidden(out) == []
    with pytest.raises(OutputExistsError):
        write_set(out, {"z.txt": b"z", "a.docx": b"other"})
    assert files(out) == NEW and hidden(out) == []


@pytest.mark.parametrize("fail_on", [1, 2, 3])
def test_a_failed_move_brings_the_previous_set_back(tmp_path, monkeypatch, fail_on):
    out = tmp_path / "out"
    write_set(out, OLD)
    with pytest.raises(OSError):
        write_set(out, NEW, overwrite=True, fail_on=fail_on, monkeypatch=monkeypatch)
    assert files(out) == OLD and hidden(out) == []


def test_a_failed_first_set_leaves_no_folder_behind(tmp_path, monkeypatch):
    out = tmp_path / "moi" / "out"
    with pytest.raises(OSError):
        write_set(out, NEW, fail_on=3, monkeypatch=monkeypatch)
    assert not (tmp_path / "moi").exists()


def test_a_commit_cut_off_by_a_kill_is_finished_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    write_set(out, OLD)
    stage = Staging(out, overwrite=True)
    for name, data in NEW.items():
        stage.path_for(out / name).write_bytes(data)
    moves = [[str((stage.stage / n).relative_to(stage.stage)), str(out / n)] for n in NEW]
    (stage.stage / JOURNAL).write_text(json.dumps({"overwrite": True, "moves": moves}), encoding="utf-8")
    os.replace(stage.stage / "a.docx", out / "a.docx")  # the first move was done when the run died
    staging.disown(stage.stage)  # the process is gone: its lock with it
    assert files(out)["a.docx"] == b"new a" and files(out)["b.json"] == b"old b"  # mixed, for now
    sweep(out)
    assert {k: v for k, v in files(out).items()} == NEW and hidden(out) == []


def test_sweep_removes_what_dead_runs_left_and_keeps_what_live_runs_own(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".baocao-a-1234.tmp").write_bytes(b"half")
    (out / ".baocao-stage-dead").mkdir()
    (out / ".baocao-stage-dead" / "x.docx").write_bytes(b"half")
    (out / ".baocao-stage-dead" / staging.OWNER).write_bytes(b"")
    old = out / ".baocao-pdf-old"  # left by an old version: no lock file, an hour old
    old.mkdir()
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    young = out / ".baocao-pdf-young"  # no lock file yet, just made
    young.mkdir()
    with subprocess.Popen([sys.executable, "-c", (
            "import sys, time; from baocao.fileio.staging import own; from pathlib import Path; "
            f"p = Path({str(out)!r}) / '.baocao-stage-live'; p.mkdir(); own(p); print('ok', flush=True); "
            "time.sleep(60)")], stdout=subprocess.PIPE, text=True) as live:
        try:
            assert live.stdout.readline().strip() == "ok"
            sweep(out)
            assert hidden(out) == [".baocao-pdf-young", ".baocao-stage-live"]
        finally:
            live.kill()
    sweep(out)
    assert hidden(out) == [".baocao-pdf-young"]


def test_a_single_file_killed_mid_write_is_swept_by_the_next_write(tmp_path):
    (tmp_path / ".baocao-kq-abcd.tmp").write_bytes(b"half")
    atomic_write_bytes(tmp_path / "kq.csv", b"x")
    assert hidden(tmp_path) == [] and (tmp_path / "kq.csv").read_bytes() == b"x"


def test_output_folder_reads_staged_pictures_and_writes_nothing_before_finish(tmp_path, plan):
    from baocao.jobs.plan_docs import add_appendix

    out = tmp_path / "out"
    with OutputFolder(out) as outputs:
        add_appendix(outputs, plan)
        assert not [p for p in out.iterdir() if not p.name.startswith(".baocao-stage-")]
    assert not out.exists()  # never finished: nothing, not even the folder


def test_an_unfinished_pdf_is_told_from_a_whole_one(tmp_path):
    whole, cut = tmp_path / "a.pdf", tmp_path / "b.pdf"
    whole.write_bytes(b"%PDF-1.7\n" + b"x" * 5000 + b"\n%%EOF\n")
    cut.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    assert pdf_complete(whole) and not pdf_complete(cut) and not pdf_complete(tmp_path / "none.pdf")
