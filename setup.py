"""Copies the top-level templates/ and sample_data/ folders into the wheel.

They live at the top of the repository so that clerks and analysts find them; the installed
package must carry them too, under ``baocao/_bundled/``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("templates", "sample_data")


class BuildPyWithBundledData(build_py):
    def run(self) -> None:
        super().run()
        for name in BUNDLED:
            source = ROOT / name
            if source.is_dir():
                target = Path(self.build_lib, "baocao", "_bundled", name)
                shutil.copytree(source, target, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("~$*", ".~lock*", "__pycache__"))


setup(cmdclass={"build_py": BuildPyWithBundledData})
