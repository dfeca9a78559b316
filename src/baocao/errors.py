"""One exception hierarchy; every message an analyst reads is Vietnamese and says where the fault is.

A :class:`Problem` pins one fault to a place: a file and, for YAML, the key path and line; for a
workbook, the sheet, row and column. Loaders collect every problem in one pass and raise a single
:class:`InputError` carrying them all, so an analyst fixes the whole file at once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One fault in an input file, located as precisely as the format allows."""

    file: str
    message: str
    path: str | None = None  # YAML key path, e.g. "tasks[3].lead"
    line: int | None = None  # 1-based line in a text file
    sheet: str | None = None
    row: int | None = None  # 1-based row as Excel shows it
    column: str | None = None  # column header (or letter) as the analyst sees it
    value: Any = None

    def where(self) -> str:
        """Vietnamese location text: 'tệp X, trang tính Y, dòng 5, cột "Z"'."""
        parts = [f"tệp {self.file}"]
        if self.sheet is not None:
            parts.append(f"trang tính '{self.sheet}'")
        if self.path:
            parts.append(f"mục {self.path}")
        if self.line is not None:
            parts.append(f"dòng {self.line}")
        if self.row is not None:
            parts.append(f"hàng {self.row}")
        if self.column is not None:
            parts.append(f"cột '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = "" if self.value is None else f" (giá trị: {self.value!r})"
        return f"{self.where()}: {self.message}{value}"

    def as_row(self) -> dict[str, Any]:
        """Row for the problem table shown in notebooks (Vietnamese column names)."""
        d = asdict(self)
        return {
            "Tệp": d["file"],
            "Trang tính": d["sheet"],
            "Mục": d["path"],
            "Dòng": d["line"] if d["line"] is not None else d["row"],
            "Cột": d["column"],
            "Giá trị": d["value"],
            "Lỗi": d["message"],
        }


class BaocaoError(Exception):
    """Base class of every error baocao raises on purpose."""


@dataclass
class InputError(BaocaoError):
    """An input file is wrong; ``problems`` lists every fault found, each with its place."""

    problems: list[Problem] = field(default_factory=list)
    title: str = "Dữ liệu đầu vào có lỗi"

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.problems)
        lines = [f"{self.title} ({n} lỗi):" if n != 1 else f"{self.title}:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)

    def table(self):  # -> pandas.DataFrame, imported lazily to keep the CLI fast
        """The problems as a DataFrame with Vietnamese headers."""
        import pandas as pd

        return pd.DataFrame([p.as_row() for p in self.problems])


class OutputExistsError(BaocaoError):
    """An output file exists and the caller did not ask to overwrite it.

    ``paths`` names the existing files (empty when the path cannot be written at all, e.g. a folder),
    so the command line can word the overwrite hint its own way (see :mod:`baocao.fileio.atomic`).
    """

    def __init__(self, message: str, paths: tuple[Path, ...] = ()) -> None:
        super().__init__(message)
        self.paths = paths


class TemplateError(BaocaoError):
    """A template refers to a variable the context does not provide, or cannot be rendered."""


class ToolMissingError(BaocaoError):
    """An external program (LibreOffice) is not installed."""


class UsageError(BaocaoError, ValueError):
    """A function was called with a value it cannot use (an argument in a notebook or script).

    Still a ``ValueError`` for callers that catch one; the message says which value, in Vietnamese.
    """
