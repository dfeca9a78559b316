"""What an import gives: the plan file as plain data, and what the analyst must look at again.

An import never drops a paragraph: what it cannot place with confidence it keeps as text where it
stands and lists as an :class:`Uncertain` item (where, what, why). :meth:`ImportedPlan.to_yaml`
writes those items as a comment at the top of the plan file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem

if TYPE_CHECKING:
    import pandas as pd

    from ..plan.model import Plan

#: Width an uncertain item's text is shortened to for display.
SHOWN_WIDTH = 120


def shorten(text: str, width: int = SHOWN_WIDTH) -> str:
    """*text* on one line, cut to *width* characters with "…"."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


@dataclass(frozen=True)
class Uncertain:
    """A part of the document the import kept as text or guessed: where, what it says, why."""

    where: str  # "đoạn 12", "bảng 3, hàng 5, cột 2" (str(Place)), with the heading it sits under
    text: str  # what the document says there, shortened for display
    reason: str  # in Vietnamese: what was not read with confidence and what the analyst should do
    key: str = ""  # where it landed in the plan file: "sections[1].blocks[3]", "issuer.short_name"

    def line(self) -> str:
        """One line for the command line and the YAML comment."""
        return f"{self.where}: {self.reason} — «{shorten(self.text)}»"


class PlanImportError(InputError):
    """The document is readable but is not a plan or a decision the import can read."""

    def __init__(self, source: str | os.PathLike[str], message: str) -> None:
        super().__init__([Problem(file=Path(source).name, message=message)],
                         title="Không nhập được kế hoạch từ văn bản Word")


@dataclass
class ImportedPlan:
    """A plan file read from a Word document, and the items the analyst should check."""

    source: Path
    data: dict[str, Any]  # the plan file as plain data (keys as docs/plan-file.md)
    uncertain: list[Uncertain] = field(default_factory=list)

    def review_lines(self) -> list[str]:
        """The uncertain items as a reader goes through them: an item whose reason no other shares on one
        line ("- where: reason — «text»"); items sharing a reason under it once ("- reason (N mục):" then
        "    + where: «text»"), in the order each reason first appears."""
        groups: dict[str, list[Uncertain]] = {}
        for u in self.uncertain:
            groups.setdefault(u.reason, []).append(u)
        lines: list[str] = []
        for reason, items in groups.items():
            if len(items) == 1:
                lines.append(f"- {items[0].line()}")
                continue
            lines.append(f"- {reason} ({len(items)} mục):")
            lines += [f"    + {u.where}: «{shorten(u.text)}»" for u in items]
        return lines

    def to_yaml(self) -> str:
        """The plan file's YAML text, the uncertain items listed in a comment at its top."""
        from ..yamlfile import dump_yaml

        head = [f"# Kế hoạch nhập từ văn bản Word: {self.source.name}"]
        if self.uncertain:
            head.append(f"# Cần xem lại ({len(self.uncertain)} mục):")
            head += [f"#   {line}" for line in self.review_lines()]
        else:
            head.append("# Không có mục nào cần xem lại.")
        return "\n".join(head) + "\n" + dump_yaml(self.data)

    def plan(self) -> "Plan":
        """The plan file, loaded and checked as ``baocao.plan.io.parse_plan`` loads any plan file."""
        from ..plan.io import parse_plan

        return parse_plan(self.to_yaml(), self.source.with_suffix(".yaml").name)

    def uncertain_frame(self) -> "pd.DataFrame":
        """The uncertain items as a table with Vietnamese headers (for notebooks)."""
        import pandas as pd

        return pd.DataFrame([{"Vị trí": u.where, "Nội dung": shorten(u.text), "Lý do": u.reason,
                              "Mục trong tệp": u.key} for u in self.uncertain],
                            columns=["Vị trí", "Nội dung", "Lý do", "Mục trong tệp"])
