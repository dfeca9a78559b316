"""Read a produced .docx into what the layout rules look at: sections, the header and signature tables,
the type line, the "Kính gửi" block, the body paragraphs. (The reading checks read any document
through :mod:`baocao.docread.outline`.)

Reading uses python-docx and lxml only (no Word, no LibreOffice); effective formatting comes from
:class:`~baocao.docread.styles.StyleResolver`, raw XML from :mod:`baocao.docread.wordxml`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from baocao import decree30 as d30
from baocao.docread import wordxml as wx
from baocao.docread.styles import StyleResolver
from baocao.docx import oxml as ox
from baocao.vnformat import nfc, norm_space


def text(el: Any) -> str:
    """The text of a paragraph, run or table, NFC with whitespace collapsed: what a reader sees."""
    return norm_space(wx.text(el))


@dataclass
class Section:
    """One section of the body (a page setup): its blocks and whether it holds an appendix."""

    index: int
    sect: Any  # the w:sectPr
    info: dict[str, Any]  # ox.section_info: size, margins, orientation, header references…
    blocks: list[Any] = field(default_factory=list)  # w:p and w:tbl in order
    appendix: bool = False

    def paragraphs(self) -> list[Any]:
        return [b for b in self.blocks if wx.is_paragraph(b)]

    def tables(self) -> list[Any]:
        return [b for b in self.blocks if wx.is_table(b)]

    @property
    def name(self) -> str:
        """How a finding names the section: "phần 2 (phụ lục)"."""
        kind = "phụ lục" if self.appendix else "phần chính"
        return f"phần {self.index + 1} ({kind})"


@dataclass
class LayoutDocument:
    """A .docx as the layout rules see it."""

    path: Path
    document: Any  # python-docx Document
    fmt: StyleResolver
    sections: list[Section]
    header_table: Any | None  # agency, number | Quốc hiệu, date
    sign_table: Any | None  # Nơi nhận | signer
    title: Any | None  # the first text paragraph after the header table: the type line

    @property
    def main(self) -> bool:
        """True for a main document; False for an appendix in a file of its own (no header)."""
        return self.header_table is not None


def _sections(body: Any) -> list[Section]:
    sections: list[Section] = []
    current: list[Any] = []
    for child in body:
        if wx.is_section_properties(child):
            continue
        current.append(child)
        sect = wx.section_break(child)
        if sect is not None:
            sections.append(Section(len(sections), sect, ox.section_info(sect), current))
            current = []
    final = wx.final_section(body)
    if final is not None:
        sections.append(Section(len(sections), final, ox.section_info(final), current))
    for s in sections:
        s.appendix = any(d30.APPENDIX_HEADING.match(text(p)) for p in s.paragraphs())
    return sections


def _header_table(first: Section | None) -> Any | None:
    for tbl in first.tables() if first is not None else ():
        words = text(tbl).upper()
        narrow = wx.grid_column_count(tbl) <= 2  # not a data table that happens to say "độc lập"
        if narrow and ("CỘNG H" in words or "ĐỘC LẬP" in words):
            return tbl
    return None


def _sign_table(sections: list[Section]) -> Any | None:
    for s in sections:
        for tbl in s.tables():
            para = wx.first_paragraph(tbl)
            if para is not None and text(para).startswith("Nơi nhận"):
                return tbl
    return None


def _title(first: Section, header_table: Any) -> Any | None:
    after = False
    for block in first.blocks:
        if block is header_table:
            after = True
        elif after and wx.is_paragraph(block) and text(block):
            return block
    return None


def load_document(path: Path) -> LayoutDocument:
    """Open a .docx and find its sections, header table, signature table and type line."""
    import docx

    document = docx.Document(str(path))
    sections = _sections(document.element.body)
    first = sections[0] if sections else None
    header_table = _header_table(first)
    title = _title(first, header_table) if header_table is not None else None
    return LayoutDocument(path, document, StyleResolver(document), sections, header_table,
                          _sign_table(sections), title)


# --------------------------------------------------------------------------- parts of a document


def find_paragraph(paragraphs: Iterable[Any], predicate: Callable[[str], bool]) -> Any | None:
    """The first paragraph whose text satisfies ``predicate``, or ``None``."""
    return next((p for p in paragraphs if predicate(text(p))), None)


def header_paragraph(doc: LayoutDocument, predicate: Callable[[str], bool]) -> Any | None:
    """The first paragraph of the header table whose text satisfies ``predicate``."""
    return find_paragraph(wx.paragraphs(doc.header_table), predicate)


def number_line(doc: LayoutDocument) -> tuple[Any | None, str]:
    """The "Số: …" paragraph of the header table and its text (spaces kept: drafts leave a gap)."""
    p = header_paragraph(doc, lambda t: t.startswith("Số"))
    return p, "" if p is None else nfc(wx.text(p)).strip()


def date_line(doc: LayoutDocument) -> Any | None:
    """The place-and-date paragraph of the header table ("Đắk Nông, ngày …"), or ``None``."""
    return header_paragraph(doc, lambda t: ", ngày" in t)


def appendix_paragraphs(doc: LayoutDocument) -> list[Any]:
    """Paragraphs of the appendix sections, outside tables."""
    return [p for s in doc.sections if s.appendix for p in s.paragraphs()]


def appendix_tables(doc: LayoutDocument) -> list[Any]:
    """Tables of the appendix sections."""
    return [t for s in doc.sections if s.appendix for t in s.tables()]


def header_part(doc: LayoutDocument, s: Section, kind: str) -> Any | None:
    """Header element ("default" or "first") a section uses, inherited from earlier sections as Word does."""
    for earlier in reversed(doc.sections[: s.index + 1]):
        rid = earlier.info["header_refs"].get(kind)
        if rid:
            return doc.document.part.related_parts[rid].element
    return None


def all_text_runs(doc: LayoutDocument) -> Iterator[tuple[str, Any, Any]]:
    """(where, paragraph, run) for every run with text: body, tables, headers and footers."""
    for p in wx.paragraphs(doc.document.element.body):
        for r in wx.text_runs(p):
            yield "thân văn bản", p, r
    for rel in doc.document.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")) and not rel.is_external:
            for p in wx.paragraphs(rel.target_part.element):
                for r in wx.text_runs(p):
                    yield "đầu/chân trang", p, r


def kinh_gui(doc: LayoutDocument) -> tuple[Any, list[Any]] | None:
    """The "Kính gửi" paragraph of the main part and the "- …" recipient lines under it.

    One recipient: "Kính gửi: X." on one line (no lines under it). Several: "Kính gửi:" alone,
    then one line per recipient, "- X;" … "- Y."; the block ends at the first line ending "." or
    at the first line not starting "-" (so a broken block never swallows the body).
    """
    if not doc.main:
        return None
    blocks = doc.sections[0].blocks
    for i, block in enumerate(blocks):
        if block is doc.sign_table:
            return None
        if not wx.is_paragraph(block) or not text(block).startswith("Kính gửi"):
            continue
        items: list[Any] = []
        if text(block).rstrip(" :") == "Kính gửi":
            for nxt in blocks[i + 1:]:
                if not wx.is_paragraph(nxt):
                    break
                line = text(nxt)
                if not line:
                    continue
                if not line.startswith("-"):
                    break
                items.append(nxt)
                if line.endswith("."):
                    break
        return block, items
    return None


def main_body(doc: LayoutDocument) -> list[Any]:
    """Body paragraphs of the main part: after the type line, before the signature table.

    Centred lines (subject, rules), the "Kính gửi" block and empty paragraphs are left out.
    """
    out: list[Any] = []
    found = kinh_gui(doc)
    addressed = set(found[1]) if found else set()
    for s in doc.sections:
        if s.appendix and not (doc.main and s.index == 0):
            continue
        started = doc.title is None
        for block in s.blocks:
            if block is doc.sign_table:
                return out
            if not wx.is_paragraph(block):
                continue
            line = text(block)
            if d30.APPENDIX_HEADING.match(line):
                return out  # an appendix left in the main section
            if block is doc.title:
                started = True
                continue
            if not started or not line:
                continue
            if doc.fmt.jc(block) == "center":
                continue  # subject lines, rules
            if line.startswith("Kính gửi") or block in addressed:
                continue
            out.append(block)
    return out
