"""No circle of imports inside any package: the modules of each package import in one direction.

The graph is read from the source with :mod:`ast` (every ``import``, also those inside functions;
see ``conftest.import_graph``), so a model that imports its presentation lazily still counts.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, cycles, import_graph

SRC = ROOT / "src"
PACKAGES = sorted(".".join(p.parent.relative_to(SRC).parts) for p in (SRC / "baocao").rglob("__init__.py"))


def test_the_graph_sees_relative_imports_in_packages_and_subpackages():
    plan = import_graph(SRC, "baocao.plan")
    assert "baocao.plan.model" in plan["baocao.plan.outline"]
    assert {"baocao.plan.model", "baocao.plan.tasks_xlsx.columns"} <= plan["baocao.plan.tasks_xlsx.importer"]
    assert {"baocao.data.write"} <= import_graph(SRC, "baocao.data")["baocao.data"]  # imported inside a function
    assert {"baocao.plan", "baocao.returns", "baocao.data", "baocao.fileio"} <= set(PACKAGES)


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_circle_inside_the_package(package):
    assert cycles(import_graph(SRC, package)) == []


#: Packages and top-level modules of baocao, lowest first (docs/architecture.md draws the same order).
#: Each may import only those before it, so the data flows one way: foundations, inputs, the pure
#: middle, the output edge, and what runs it all. ``baocao`` itself (``__version__``) is allowed anywhere.
LAYERS = (
    "errors", "vnformat", "decree30", "admin_units", "marks", "lazy_exports", "resources", "text_chars", "fileio",
    "yamlfile", "spreadsheet_text",
    "plan", "data", "task_status", "periods", "returns",
    "chart_font", "indicators", "report",
    "docx", "docread", "render", "checks", "plan_import", "display",
    "jobs", "cli",
)


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_every_package_and_module_has_a_layer():
    present = {p.stem if p.is_file() else p.name for p in (SRC / "baocao").iterdir()
               if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    assert present == set(LAYERS)


def test_packages_import_only_the_layers_below_them():
    graph = import_graph(SRC, "baocao")
    upward = sorted({f"{_top(a)} -> {_top(b)}" for a, targets in graph.items() for b in targets
                     if _top(a) != _top(b) and b != "baocao" and a != "baocao"
                     and LAYERS.index(_top(b)) > LAYERS.index(_top(a))})
    assert upward == []
