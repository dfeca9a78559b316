"""No circle of imports inside a package: the modules of each package import in one direction.

The graph is read from the source with :mod:`ast` (every ``import``, also those inside functions), so
a model that imports its presentation lazily still counts as a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

SRC = ROOT / "src"
PACKAGES = ["baocao.data", "baocao.fileio", "baocao.plan", "baocao.returns"]


def module_files() -> dict[str, Path]:
    """Dotted module name -> file, for every module under src/ (a package is its __init__.py)."""
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules under src/ that ``name`` imports (relative imports resolved; ``from p import m`` counts m)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {m for m in found if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    files = module_files()
    return {name: imports_of(name, path, set(files)) for name, path in files.items()}


def cycles_inside(package: str, graph: dict[str, set[str]]) -> list[list[str]]:
    """Circles among the modules of ``package`` (and its subpackages), each as a list of modules."""
    members = {m for m in graph if m.startswith(package + ".")}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(m: str) -> None:  # Tarjan's strongly connected components
        index[m] = low[m] = len(index)
        stack.append(m)
        for n in graph[m] & members:
            if n not in index:
                visit(n)
                low[m] = min(low[m], low[n])
            elif n in stack:
                low[m] = min(low[m], index[n])
        if low[m] == index[m]:
            component = []
            while True:
                n = stack.pop()
                component.append(n)
                if n == m:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for m in sorted(members):
        if m not in index:
            visit(m)
    return out


def test_the_graph_sees_lazy_imports_and_relative_imports():
    graph = import_graph()
    assert "baocao.plan.model" in graph["baocao.plan.outline"]  # from .model import …
    assert "baocao.plan.tasks_xlsx.columns" in graph["baocao.plan.tasks_xlsx.importer"]  # from .columns import …
    assert "baocao.returns.collect" in graph["baocao.returns"]  # package __init__
    assert "baocao.data.write" in graph["baocao.data"]  # imported inside a function


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_circle_inside_the_package(package):
    assert cycles_inside(package, import_graph()) == []
