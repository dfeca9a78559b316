"""Where a clerk finds a text in a document: a paragraph or a table cell, and the heading it sits under."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .blocks import flat

HEADER_PART = "phần đầu văn bản"
SIGN_PART = "nơi nhận, chữ ký"


@dataclass(frozen=True)
class Place:
    """Where a clerk finds a text: a paragraph or a table cell, and the heading it sits under."""

    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    heading: str = ""  # "II. NỘI DUNG › 3. Nhiệm vụ, giải pháp chủ yếu", "Phụ lục I", "phần đầu văn bản"
    page_header: int | None = None  # the section whose page header holds the text

    def __str__(self) -> str:
        if self.table is not None:
            cell = "".join(f", {name} {v}" for name, v in (("hàng", self.row), ("cột", self.column)) if v)
            return f"bảng {self.table}{cell}"
        if self.paragraph is not None:
            return f"đoạn {self.paragraph}"
        if self.page_header is not None:
            return f"đầu trang mục {self.page_header}"
        return "toàn văn bản"


@dataclass(frozen=True)
class Line:
    """A text of the document (NFC, spacing as typed) and its place."""

    text: str
    place: Place

    @cached_property
    def flat(self) -> str:
        return flat(self.text)

