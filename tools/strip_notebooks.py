"""Remove outputs, execution counts and run metadata from notebooks before committing them.

    .venv/bin/python tools/strip_notebooks.py                 # every notebooks/*.ipynb, in place
    .venv/bin/python tools/strip_notebooks.py a.ipynb b.ipynb # the given files
    .venv/bin/python tools/strip_notebooks.py --check         # exit 1 if a notebook would change (CI, pre-commit)

Kept: the cells, their tags (the papermill ``parameters`` tag), the kernelspec ("python3"). Dropped: outputs,
execution counts, papermill's per-cell and notebook metadata, the ``injected-parameters`` cell papermill adds,
widget state, the kernel's language details (Python version). Files are rewritten only when something changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DROP_NOTEBOOK_METADATA = ("papermill", "widgets", "toc", "varInspector")
DROP_CELL_METADATA = ("papermill", "execution", "collapsed", "scrolled", "ExecuteTime")


def strip(nb: dict) -> dict:
    """The notebook without outputs, counts and run metadata (a new dict; *nb* is not changed)."""
    nb = json.loads(json.dumps(nb))
    meta = nb.setdefault("metadata", {})
    for key in DROP_NOTEBOOK_METADATA:
        meta.pop(key, None)
    if "language_info" in meta:  # filled in by the kernel on each run (Python version …): keep the name only
        meta["language_info"] = {"name": meta["language_info"].get("name", "python")}
    cells = []
    for cell in nb.get("cells", []):
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            continue
        meta = cell.setdefault("metadata", {})
        for key in DROP_CELL_METADATA:
            meta.pop(key, None)
        if meta.get("tags") == []:
            del meta["tags"]
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cells.append(cell)
    nb["cells"] = cells
    return nb


def dumps(nb: dict) -> str:
    """Jupyter's own file layout: indent 1, UTF-8 text kept as is, final newline."""
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="report notebooks that carry outputs; change nothing")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    dirty = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        clean = dumps(strip(json.loads(text)))
        if clean != text:
            dirty.append(path)
            if not args.check:
                path.write_text(clean, encoding="utf-8")
    verb = "cần làm sạch" if args.check else "đã làm sạch"
    for path in dirty:
        print(f"{verb}: {path}")
    return 1 if (args.check and dirty) else 0


if __name__ == "__main__":
    sys.exit(main())
