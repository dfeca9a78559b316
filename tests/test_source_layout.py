"""The source tree stays readable: small modules, and README's layout listing matches the tree."""

from __future__ import annotations

import re

from conftest import ROOT

SRC = ROOT / "src" / "baocao"
MAX_LINES = 500


def test_no_module_over_500_lines_without_a_reason_at_its_top():
    long = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_LINES and "Over 500 lines on purpose:" not in "\n".join(text.splitlines()[:5]):
            long.append(f"{path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    assert long == []


def _readme_layout() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("## Layout", 1)[1].split("```", 2)[1]


def test_readme_layout_lists_every_package_and_top_level_module():
    listed = set(re.findall(r"^\s{2}([\w.]+/?)\s", _readme_layout(), flags=re.M))
    present = {p.name + "/" for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists() or
               p.is_dir() and any(p.glob("*.py"))}
    present |= {p.name for p in SRC.glob("*.py") if p.name != "__init__.py"}
    present.discard("__pycache__/")
    assert sorted(present - listed) == [], "in src/baocao but not in README's layout"
    assert sorted(listed - present) == [], "in README's layout but not in src/baocao"
