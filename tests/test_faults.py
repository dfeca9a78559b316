"""Commands broken on purpose: killed at random moments (seeded), a full disk, a read-only folder.

Afterwards the final paths hold the whole previous set or the whole new set, no hidden work item is
left, and a command that failed said so in one Vietnamese line with exit code 2. The benchmark
``benchmarks/bench_faults.py`` runs the same with many more kills and every command.
"""

from __future__ import annotations

import random

import pytest

import fault_harness as harness
from baocao.render.pdf import find_soffice

REFS: dict[str, tuple] = {}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("loi")


def prepared(name: str, scratch):
    """The command, its scratch folder and its reference set (made once per module)."""
    if name not in REFS:
        command = harness.COMMANDS[name]
        folder = scratch / name
        REFS[name] = (command, folder, harness.reference(command, folder))
    return REFS[name]


@pytest.mark.parametrize("name", ["appendix", "returns-export"])
@pytest.mark.parametrize("overwrite", [False, True], ids=["moi", "ghi-de"])
def test_a_killed_run_leaves_the_previous_or_the_new_set(name, overwrite, scratch):
    command, folder, ref = prepared(name, scratch)
    rng = random.Random(f"{name}-{overwrite}")
    outcome = harness.kill_run(command, ref, folder, rng, overwrite=overwrite)
    assert outcome.state in ("previous", "new") and not outcome.leftovers, outcome


@pytest.mark.parametrize("name", ["returns-export", "report", "tasks-export", "plan-import"])
def test_a_full_disk_ends_in_a_vietnamese_message_and_nothing_half_written(name, scratch):
    command, folder, ref = prepared(name, scratch)
    outcome = harness.full_disk_run(command, ref, folder, overwrite=name == "returns-export")
    assert outcome.ok, outcome
    assert "ổ đĩa đã đầy" in outcome.message or "vượt quá kích thước" in outcome.message


@pytest.mark.pdf
def test_a_full_disk_under_libreoffice_leaves_no_truncated_pdf(scratch):
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    command, folder, ref = prepared("plan-pdf", scratch)
    outcome = harness.full_disk_run(command, ref, folder, overwrite=False)
    assert outcome.ok and outcome.state == "previous", outcome


@pytest.mark.parametrize("name", ["appendix", "returns-collect", "template-repair"])
def test_a_read_only_folder_ends_in_a_vietnamese_message(name, scratch):
    command, folder, ref = prepared(name, scratch)
    outcome = harness.read_only_run(command, ref, folder, overwrite=name == "appendix")
    if outcome is None:
        pytest.skip("this machine cannot make a folder read-only for a child process")
    assert outcome.ok and outcome.state == "previous", outcome
    assert "chỉ cho đọc" in outcome.message or "không có quyền ghi" in outcome.message
