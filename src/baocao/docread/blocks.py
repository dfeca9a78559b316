"""A .docx as the blocks a reader sees, in order: paragraphs (with Word's list labels, tabs and manual
line breaks) and tables (cells on the grid, merged cells resolved), each numbered the way a clerk
counts them ("đoạn 12", "bảng 2, hàng 5, cột 3").

Works on any Word document, not only baocao's: direct formatting or styles, typed numbers or Word's
list numbering, content controls, tracked changes (shown as accepted). Opening a file that is not a
readable .docx raises :class:`~baocao.errors.InputError` with a Vietnamese message.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Union

from baocao.docx import oxml as ox
from baocao.errors import InputError, Problem
from baocao.vnformat import nfc

from . import wordxml as wx
from .numbering import ListCounter
from .styles import StyleResolver

#: Paragraphs longer than this are never headings, so their formatting is not resolved.
_FORMAT_LIMIT = 400
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 files and password-protected .docx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def flat(text: str) -> str:
    """Whitespace (tabs and line breaks included) collapsed to one space, NFC, stripped."""
    return " ".join(nfc(text).split())


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: its number, what it shows and how it looks."""

    number: int  # "đoạn N": 1-based among the body's paragraphs (paragraphs in tables not counted)
    text: str  # NFC; Word's list label first; tabs as "\t", manual line breaks as "\n"
    label: str = ""  # the label Word's list numbering draws ("1.", "a)", "-"); "" when none
    style: str = ""  # style name, e.g. "heading 1", "List Paragraph"
    outline_level: int | None = None  # 0 for a first-level heading (from the paragraph or its style)
    bold: bool = False  # every text run bold (direct formatting or styles); short paragraphs only
    centered: bool = False
    element: Any = field(default=None, compare=False, repr=False)

    @cached_property
    def flat(self) -> str:
        """The text on one line, whitespace collapsed."""
        return flat(self.text)

    @property
    def lines(self) -> list[str]:
        """The lines of the paragraph (split at manual line breaks), whitespace collapsed, blanks left out."""
        return [line for line in (flat(x) for x in self.text.split("\n")) if line]


@dataclass(frozen=True)
class Cell:
    """A table cell on the grid: where it starts, how many columns it covers, what it shows."""

    row: int  # 1-based
    column: int  # 1-based grid column where the cell starts
    span: int
    text: str  # the cell's paragraphs joined by "\n" (NFC); a vertically merged cell repeats the first one's
    continued: bool = False  # the lower part of a vertical merge

    @cached_property
    def flat(self) -> str:
        return flat(self.text)


@dataclass(frozen=True)
class Table:
    """A top-level table: ``rows`` of cells, each row in grid order."""

    number: int  # "bảng N": 1-based among the top-level tables
    rows: tuple[tuple[Cell, ...], ...]
    element: Any = field(default=None, compare=False, repr=False)

    def cell(self, row: int, column: int) -> Cell | None:
        """The cell covering grid ``column`` of ``row`` (both 1-based), or ``None``."""
        if not 1 <= row <= len(self.rows):
            return None
        return next((c for c in self.rows[row - 1] if c.column <= column < c.column + c.span), None)


Block = Union[Paragraph, Table]


@dataclass
class WordDocument:
    """A .docx read into blocks, with what the checks and the plan reader need to look deeper."""

    path: Path
    blocks: list[Block]
    page_headers: list[tuple[int, str]]  # (section, line) of every non-blank line in the page headers
    styles: StyleResolver = field(repr=False)
    document: Any = field(repr=False)  # the python-docx Document

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


# --------------------------------------------------------------------------- opening


def _unreadable(path: Path, why: str) -> InputError:
    return InputError([Problem(str(path), why)], "Không đọc được văn bản Word")


def open_docx(path: str | os.PathLike[str]) -> Any:
    """The python-docx Document of ``path``; a file that is not a readable .docx raises
    :class:`InputError` saying what it is instead (missing, a folder, a .doc, password-protected,
    corrupt, another kind of zip)."""
    import docx

    path = Path(path)
    if not path.exists():
        raise _unreadable(path, "không có tệp này")
    if path.is_dir():
        raise _unreadable(path, "đây là thư mục, không phải tệp .docx")
    head = path.read_bytes()[:8] if path.stat().st_size else b""
    if head == _OLE:
        if _ENCRYPTED in path.read_bytes():
            raise _unreadable(path, "tệp .docx có mật khẩu: mở bằng Word, gỡ mật khẩu rồi lưu lại")
        raise _unreadable(path, "tệp Word 97-2003 (.doc): mở bằng Word hoặc LibreOffice và lưu thành .docx")
    if head.startswith(b"{\\rtf"):
        raise _unreadable(path, "tệp RTF: mở bằng Word hoặc LibreOffice và lưu thành .docx")
    if not zipfile.is_zipfile(path):
        raise _unreadable(path, "không phải tệp .docx (tệp trống, hỏng hoặc định dạng khác)")
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names and "[Content_Types].xml" in names and not any(
                    n.startswith("word/") for n in names):
                raise _unreadable(path, "tệp nén này không phải văn bản Word (.docx)")
            bad = z.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError):
        bad = "?"
    if bad is not None:
        raise _unreadable(path, "tệp .docx bị hỏng (không giải nén được)")
    try:
        return docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds; each means "not readable"
        kind = "mẫu Word (.dotx)" if "template" in str(exc) else f"lỗi {type(exc).__name__}"
        raise _unreadable(path, f"không mở được như văn bản .docx ({kind})") from None


# --------------------------------------------------------------------------- reading


def _style_info(styles: StyleResolver, p: Any) -> tuple[str, int | None]:
    name, level = "", wx.outline_level(wx.paragraph_properties(p))
    for style in styles.chain(styles.pstyle_id(p)):
        name = name or wx.style_name(style)
        if level is None:
            level = wx.outline_level(wx.paragraph_properties(style))
    if level is None and name.lower().startswith("heading ") and name[8:].isdigit():
        level = int(name[8:]) - 1
    return name, level


def _paragraph(number: int, p: Any, styles: StyleResolver, lists: ListCounter) -> Paragraph:
    label = lists.label(p)
    shown = nfc(wx.shown_text(p))
    text = f"{label} {shown.lstrip()}" if label and shown.strip() else shown
    name, level = _style_info(styles, p)
    short = len(shown) <= _FORMAT_LIMIT
    runs = wx.text_runs(p) if short else []
    bold = bool(runs) and all(styles.bold(r, p) for r in runs if wx.text(r).strip())
    return Paragraph(number, text, label, name, level, bold, short and styles.jc(p) == "center", p)


def _cell_text(tc: Any) -> str:
    return "\n".join(nfc(wx.shown_text(p)) for p in wx.cell_paragraphs(tc))


def _table(number: int, tbl: Any) -> Table:
    rows: list[tuple[Cell, ...]] = []
    above: dict[int, Cell] = {}  # grid column → the cell a vertical merge continues
    for ri, tr in enumerate(wx.rows(tbl), start=1):
        col = 1 + wx.grid_before(tr)
        row: list[Cell] = []
        for tc in wx.cells(tr):
            span = max(1, ox.grid_span(tc))
            merge = wx.vertical_merge(tc)
            if merge == "continue" and col in above:
                cell = Cell(ri, col, span, above[col].text, True)
            else:
                cell = Cell(ri, col, span, _cell_text(tc))
                above[col] = cell
            row.append(cell)
            col += span
        rows.append(tuple(row))
    return Table(number, tuple(rows), tbl)


def _page_headers(document: Any) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for si, section in enumerate(document.sections, start=1):
        if section.header.is_linked_to_previous and si > 1:
            continue
        for p in wx.paragraphs(section.header._element):
            line = flat(wx.shown_text(p))
            if line:
                out.append((si, line))
    return out


def read_blocks(path: str | os.PathLike[str]) -> WordDocument:
    """Open a .docx and read its body into numbered paragraphs and tables, in order."""
    document = open_docx(path)
    styles = StyleResolver(document)
    lists = ListCounter(document, styles)
    blocks: list[Block] = []
    paragraphs = tables = 0
    for el in wx.body_blocks(document.element.body):
        if wx.is_paragraph(el):
            paragraphs += 1
            blocks.append(_paragraph(paragraphs, el, styles, lists))
        else:
            tables += 1
            blocks.append(_table(tables, el))
    return WordDocument(Path(path), blocks, _page_headers(document), styles, document)
