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
