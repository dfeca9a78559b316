"""Shared fixtures: paths of the repository, the seed text, the bundled sample plan; reading report tables."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

from read_audit import ReadAudit

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed-188-KH-LMHTX.txt"  # public document, copied from the seed
SAMPLE_PLAN = ROOT / "sample_data" / "ke-hoach-188.yaml"
FIXTURES = ROOT / "tests" / "fixtures"


READS = ReadAudit(ROOT)
sys.addaudithook(READS)


@pytest.fixture(autouse=True)
def reads_only_inside_the_repository():
    """Fail a test that opened a file outside the repository (see tests/read_audit.py)."""
    READS.take()
    yield
    outside = READS.take()
    if outside:
        pytest.fail(f"the test read outside the repository: {sorted(set(outside))[:5]}")


def load_tool(name: str) -> ModuleType:
    """A script of tools/ imported as a module (registered first: its dataclasses look their module up)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def norm(text: str) -> str:
    """NFC + collapsed whitespace: how Vietnamese text is compared throughout the tests."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def lose_first_section_numbers(path, out):
    """What LibreOffice 7.4 does on "save as .docx": section 1 loses titlePg and its numbered header."""
    import docx

    from baocao.docx import oxml as ox

    document = docx.Document(str(path))
    section = document.sections[0]
    ox.set_title_page(section, False)
    for p in section.header.paragraphs:
        for r in list(p._p):
            if r.tag.endswith("}r"):
                p._p.remove(r)
    document.save(str(out))
    return out


def row_cells(row) -> list[str]:
    """The normalised texts of a python-docx table row, a merged cell once."""
    seen, out = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(norm(cell.text))
    return out


def table_after(document, title: str):
    """The python-docx table that follows the paragraph reading *title* (an appendix of a report)."""
    import docx.table

    found = False
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p") and norm("".join(child.xpath(".//w:t/text()"))) == title:
            found = True
        elif found and child.tag.endswith("}tbl"):
            return docx.table.Table(child, document)
    raise AssertionError(f"no table after {title!r}")


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    """Non-empty lines of the seed plan, normalised."""
    return [norm(line) for line in SEED.read_text(encoding="utf-8").splitlines() if norm(line)]


@pytest.fixture(scope="session")
def plan():
    from baocao.plan.io import load_plan

    return load_plan(SAMPLE_PLAN)


# --- import graph (tests/test_import_graph.py, tests/test_indicators_structure.py) ------------------
def import_graph(src: Path, package: str) -> dict[str, set[str]]:
    """Module -> modules of *package* it imports (anywhere in the file, functions included)."""
    files = {}
    for f in (src / Path(*package.split("."))).rglob("*.py"):
        parts = list(f.relative_to(src).with_suffix("").parts)
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    graph: dict[str, set[str]] = {}
    for name, f in files.items():
        here = name if f.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = here.split(".")[: len(here.split(".")) - node.level + 1] if node.level else []
                mod = ".".join(base + ([node.module] if node.module else []))
                targets = [f"{mod}.{a.name}" for a in node.names]
            else:
                continue
            for t in targets:
                while t and t not in files:
                    t = t.rpartition(".")[0]
                if t and t != name:
                    found.add(t)
        graph[name] = found
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of *graph*: each strongly connected group of two or more modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while not group or group[-1] != v:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found
