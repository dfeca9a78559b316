"""Tests read nothing outside the repository: every file a test opens is checked by an audit hook.

Allowed besides the repository: the Python installation and its packages, the temporary folder, the
system's own folders (fonts, LibreOffice, locale, /proc) and the dot-folders of the home folder
(caches and settings of matplotlib, Jupyter, IPython). Anything else — a sibling folder such as
``../shared`` above all — makes the test that opened it fail, naming the path. Child processes (the
command line, notebook kernels) are not seen; ``tests/test_fresh_clone.py`` runs tests in a clone with
nothing beside it.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
import tempfile
from pathlib import Path

SYSTEM = ("/usr", "/lib", "/lib64", "/bin", "/sbin", "/etc", "/opt", "/proc", "/sys", "/dev", "/run", "/var",
          "/snap", "/nix", "/System", "/Library", "/private/var", "/private/etc")


def allowed_roots(root: Path) -> tuple[str, ...]:
    places = {str(root), sys.prefix, sys.base_prefix, sys.exec_prefix, tempfile.gettempdir(), "/tmp",
              *sysconfig.get_paths().values(), *site.getsitepackages(), site.getusersitepackages()}
    return tuple(sorted({os.path.realpath(p) for p in places if p} | {os.path.abspath(p) for p in places if p}
                        | set(SYSTEM)))


class ReadAudit:
    """Collects the paths outside the allowed places that the running process opens."""

    def __init__(self, root: Path) -> None:
        self.root = str(root) + os.sep
        self.roots = allowed_roots(root)
        # beside the checkout (``../shared``) is outside even inside the temporary folder or the home,
        # unless the checkout sits right in one of the allowed places
        parent = str(root.parent)
        self.beside = "" if parent in self.roots or parent == os.path.expanduser("~") else parent + os.sep
        self.home = os.path.expanduser("~")
        self.outside: list[str] = []

    def allowed(self, path: str) -> bool:
        if path.startswith(self.root) or path == self.root[:-1]:
            return True
        if self.beside and path.startswith(self.beside):
            return False
        if path.startswith(self.roots):
            return True
        home = self.home + os.sep
        return path.startswith(home) and path[len(home):].startswith(".")  # ~/.cache, ~/.config, ...

    def __call__(self, event: str, args: tuple) -> None:
        if event != "open" or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        path = os.path.abspath(os.fsdecode(args[0]))
        if not self.allowed(path) and not self.allowed(os.path.realpath(path)):
            self.outside.append(path)

    def take(self) -> list[str]:
        found, self.outside = self.outside, []
        return found
