"""The repository carries its own inputs: tests pass in a clone with nothing beside it.

Every test in this run is watched by the audit hook of ``tests/read_audit.py``; here a fresh clone in
a folder of its own runs the tests that read the seed, the samples and the templates, with the same
hook (its own ``conftest.py``) and the clone's own source first on the path, so a read of this
checkout, a sibling folder or ``../shared`` fails it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import READS, ROOT

READERS = ["tests/test_plan_model.py", "tests/test_yaml_door.py", "tests/test_templates.py",
           "tests/test_returns_door.py", "tests/test_cli_messages.py"]


def test_the_audit_hook_sees_a_read_outside_the_repository():
    outside = (ROOT.parent if READS.beside else Path(ROOT.anchor)) / "khong-co-o-day.txt"
    with pytest.raises(OSError):
        outside.read_text(encoding="utf-8")
    inside = ROOT / "tests" / "khong-co-o-day.txt"
    with pytest.raises(OSError):
        inside.read_text(encoding="utf-8")
    assert READS.take() == [str(outside)]


@pytest.mark.slow
def test_a_fresh_clone_runs_its_tests_reading_nothing_outside(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "mot-minh" / "baocao"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, capture_output=True)
    env = dict(os.environ, PYTHONPATH=str(clone / "src"), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *READERS],
                          cwd=clone, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "read outside the repository" not in done.stdout
    probe = subprocess.run([sys.executable, "-c", "import baocao; print(baocao.__file__)"], cwd=clone, env=env,
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip().startswith(str(clone))
