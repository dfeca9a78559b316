"""The parts of a Decree-30 document, read from the document alone: header, type line and summary,
"Kính gửi", the body's headings and items, "Nơi nhận" and signer, appendices and their tables.

:func:`read_outline` needs no plan file and no template: it reads what a clerk typed in Word as well
as what baocao renders — a header in a table or in tab-separated paragraphs, headings numbered by
hand ("I.", "1.", "1.1.", "a)") or by Word's list numbering, items on lines of their own or after a
manual line break, appendix tables with merged cells and columns found by their header words.
Every text keeps its :class:`~baocao.docread.places.Place`: paragraph or table cell, and the heading it
sits under. The header is read by :mod:`.header`, the appendix tables by :mod:`.tables`.

A decision that issues a plan ("Ban hành kèm theo Quyết định này Kế hoạch …") prints the plan after its
signature under the plan's own head, type line and "(Ban hành kèm theo …)": that part is read as an outline
of its own (:attr:`Outline.attached`), so its body is a body — for the checks and for the plan import — and
not lines of the decision's signature.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from baocao import decree30 as d30
from baocao.vnformat import from_roman

from .blocks import Block, Paragraph, Table, WordDocument, read_blocks
from .header import RULE_LINE, Header, header_from_paragraphs, header_from_table, looks_like_header, split_columns
from .places import HEADER_PART, SIGN_PART, Line, Place
from .tables import RoleTable, read_table

#: A typed label at the start of a line: "I.", "1.", "1.2.", "a)", "-", "+".
LABEL = re.compile(r"^(?:(?P<roman>[IVX]{1,5})[.)]\s*(?=\S)|(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})[.)](?:\s+|(?=[^\W\d_]))"
                   r"|(?P<letter>[a-zđ])[.)]\s+|(?P<dash>[-–—•])\s*(?=[^\d\s])|(?P<dash2>[-–—•])\s+|(?P<plus>\+)\s*)")
#: An appendix heading line: "Phụ lục", "PHỤ LỤC II", "Phụ lục số 02", "Phụ lục I:".
APPENDIX_HEADING = re.compile(r"^phụ lục(?:\s+(?:số\s+)?(?:[ivxlc]+|\d+))?\s*[.:]?$", re.IGNORECASE)
_TERMINAL = tuple(".;:,!?…")
#: An article of a decision: "Điều 1. …" — a part of its own, whatever heading stood before it.
ARTICLE = re.compile(r"^Điều\s+(\d{1,3})\s*[.:]")
_SUMMARY_STOP = ("Kính gửi", "Căn cứ", "Thực hiện", "Theo ", "Xét ")
#: A decision's authority line ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "THỦ TƯỚNG CHÍNH PHỦ", "CHỦ TỊCH ỦY BAN
#: NHÂN DÂN …"), "QUYẾT ĐỊNH:" and "Điều 1.": the body has begun, wherever the summary is aligned.
_AUTHORITY = re.compile(r"^(?:(?:ỦY|UỶ) BAN|HỘI ĐỒNG|(?:PHÓ )?CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|(?:TỔNG )?GIÁM ĐỐC|"
                        r"TRƯỞNG BAN|CHÁNH|VIỆN TRƯỞNG)\b")
_BODY_START = re.compile(r"^QUYẾT\s+ĐỊNH\s*:|^Điều\s+\d{1,3}\s*[.:]")
#: Types of document that issue another printed after their signature ("Ban hành kèm theo Quyết định này …").
ISSUING = ("QUYẾT ĐỊNH", "NGHỊ QUYẾT", "CHỈ THỊ")
#: Paragraphs of an attached document's head typed as paragraphs, at most, above its type line.
HEAD_LINES = 4


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --------------------------------------------------------------------------- body items


@dataclass(frozen=True)
class Item:
    """A body paragraph, or a labelled line of one: its label, kind, heading path and place."""

    text: str  # without the label, whitespace collapsed
    label: str  # "I", "1", "1.1", "a", "-", "+", "" (without the "." or ")")
    kind: str  # "heading", "numbered", "dash", "plus" or "text"
    level: int  # a heading's depth: 1 for "I.", 2 for "1.", 3 for "1.1.", 5 for "a)"; 0 otherwise
    headings: tuple[str, ...]  # the headings it sits under, outermost first
    place: Place

    @property
    def shown(self) -> str:
        """The item as printed: label and text."""
        if not self.label:
            return self.text
        mark = self.label if self.kind in ("dash", "plus") else (
            f"{self.label})" if self.level == 5 else f"{self.label}.")
        return f"{mark} {self.text}"


def parse_label(line: str) -> tuple[str, str, int, str]:
    """``(label, kind, level, rest)`` of a line: "3.1. Tuyên truyền" → ("3.1", "numbered", 3, "Tuyên truyền").

    Kinds: "roman" (level 1), "numbered" (level 2 + dots), "letter" (level 5), "dash", "plus", or
    "" for a line without a label.
    """
    m = LABEL.match(line)
    if not m:
        return "", "", 0, line
    rest = line[m.end():].strip()
    if m.group("roman"):
        try:
            from_roman(m.group("roman"))
        except ValueError:
            return "", "", 0, line
        return m.group("roman"), "roman", 1, rest
    if m.group("num"):
        return m.group("num"), "numbered", 2 + m.group("num").count("."), rest
    if m.group("letter"):
        return m.group("letter"), "letter", 5, rest
    if m.group("plus"):
        return "+", "plus", 0, rest
    return "-", "dash", 0, rest


def _is_heading(kind: str, rest: str, p: Paragraph) -> bool:
    if kind == "roman":
        return True
    if kind in ("dash", "plus"):
        return False
    if kind:  # numbered or lettered
        return p.bold or p.outline_level is not None or (len(rest) <= 350 and not rest.endswith(_TERMINAL))
    short = len(rest) <= 200 and not rest.endswith(_TERMINAL)
    return short and (p.outline_level is not None or (p.bold and rest.upper() == rest))


def _items(paragraphs: list[Paragraph]) -> list[Item]:
    """Body items with their heading paths (headings found by label, formatting and style)."""
    out: list[Item] = []
    stack: list[tuple[int, str]] = []
    for p in paragraphs:
        current: list[str] = []
        label = kind = ""
        level = 0
        for i, line in enumerate(p.lines):
            found = parse_label(line)
            starts = bool(found[1]) or (i > 0 and current and current[-1].endswith(_TERMINAL)
                                        and line[:1].isupper())
            if i == 0 or starts:
                if current:
                    out.extend(_emit(p, label, kind, level, current, stack))
                label, kind, level, rest = found
                current = [rest]
            else:
                current.append(line)
        if current:
            out.extend(_emit(p, label, kind, level, current, stack))
    return out


def _emit(p: Paragraph, label: str, kind: str, level: int, lines: list[str],
          stack: list[tuple[int, str]]) -> list[Item]:
    text = " ".join(lines)
    if not text and not label:
        return []
    if _is_heading(kind, text, p):
        level = level or (p.outline_level + 1 if p.outline_level is not None else 1)
        while stack and stack[-1][0] >= level:
            stack.pop()
        item = Item(text, label, "heading", level, tuple(h for _lv, h in stack),
                    Place(paragraph=p.number, heading=_heading_text(stack)))
        stack.append((level, item.shown))
        return [item]
    if article := ARTICLE.match(text):  # "Điều 2." closes every heading before it (the authority line, "3. …")
        stack.clear()
        item = Item(text, label, {"": "text"}.get(kind, kind), 0, (), Place(paragraph=p.number))
        stack.append((0, f"Điều {article.group(1)}"))
        return [item]
    if level:  # a numbered item typed as a sentence ("12. Đài …: chủ trì …") is a sibling of "11. Bộ …", not under it
        while stack and stack[-1][0] >= level:
            stack.pop()
    kind = {"roman": "numbered", "letter": "numbered", "": "text"}.get(kind, kind)
    return [Item(text, label, kind, 0, tuple(h for _lv, h in stack),
                 Place(paragraph=p.number, heading=_heading_text(stack)))]


def _heading_text(stack: list[tuple[int, str]]) -> str:
    return " › ".join(_short(h) for _lv, h in stack)


# --------------------------------------------------------------------------- the outline


@dataclass
class Appendix:
    """An appendix: its heading line, title, "(Kèm theo …)" reference and tables."""

    heading: Line
    title: list[Line] = field(default_factory=list)
    reference: Line | None = None
    tables: list[RoleTable] = field(default_factory=list)

    @property
    def name(self) -> str:
        """"Phụ lục I" (or the heading as typed)."""
        return self.heading.flat.rstrip(".:")


@dataclass
class Outline:
    """A document's parts as read from the document itself (see the module docstring)."""

    document: WordDocument
    header: Header
    type_line: Line | None
    summary: list[Line]
    addressees: list[Line]  # "Kính gửi" lines
    body: list[Item]
    body_tables: list[RoleTable]
    copies: list[Line]  # "Nơi nhận" lines
    signer: list[Line]
    appendices: list[Appendix]
    #: The document a decision issues, printed after its signature ("Ban hành kèm theo Quyết định …"), read
    #: as a document of its own: head, type line, summary, body, its own "Nơi nhận" and signer if any, and the
    #: appendices (the same as this outline's: an appendix is the last part of the whole file).
    attached: Outline | None = None

    @property
    def type_name(self) -> str:
        """The type line in capitals ("KẾ HOẠCH"), "" for a công văn."""
        return self.type_line.flat.upper() if self.type_line else ""

    def headings(self) -> list[Item]:
        return [i for i in self.body if i.kind == "heading"]

    def items(self) -> list[Item]:
        """The body items of the document and then of the document it issues (:attr:`attached`)."""
        return [*self.body, *(self.attached.items() if self.attached else [])]

    def tables(self) -> list[RoleTable]:
        """Every table whose columns were recognised: in the body, in the attached document's body, then
        in the appendices (each once)."""
        inner = [*self.attached.body_tables] if self.attached else []
        return [*self.body_tables, *inner, *(t for a in self.appendices for t in a.tables)]

    def texts(self) -> list[Line]:
        """Every non-blank paragraph, table cell (a merged cell once) and page-header line, as typed
        (tabs kept), each with its place; what the word-level checks read."""
        return self._texts

    _texts: list[Line] = field(default_factory=list, repr=False)


def _zone_texts(blocks: list[Block], headings: dict[int, str], table_headings: dict[int, str]) -> list[Line]:
    out: list[Line] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            if b.text.strip():
                out.append(Line(b.text, Place(paragraph=b.number, heading=headings.get(b.number, ""))))
            continue
        for row in b.rows:
            for c in row:
                if c.text.strip() and not c.continued:
                    out.append(Line(c.text, Place(table=b.number, row=c.row, column=c.column,
                                                  heading=table_headings.get(b.number, ""))))
    return out


def _first_text(blocks: list[Block], start: int) -> int:
    """Index of the first block from ``start`` that shows something."""
    i = start
    while i < len(blocks) and isinstance(blocks[i], Paragraph) and not blocks[i].flat:
        i += 1
    return i


def _type_line(blocks: list[Block], start: int) -> int | None:
    seen = 0
    for i in range(start, len(blocks)):
        b = blocks[i]
        if isinstance(b, Table):
            return None
        if not b.flat:
            continue
        if b.flat.upper() in d30.TYPE_CODES and not b.label:
            return i
        seen += 1
        if seen > 12 or b.flat.startswith("Kính gửi"):
            return None
    return None


def _read_header(blocks: list[Block]) -> tuple[Header, Table | None, int | None, int]:
    """The header, its table (when typed in one), the index of the type line, and where the header ends."""
    i = _first_text(blocks, 0)
    table_at = next((j for j in range(i, min(i + 4, len(blocks)))
                     if isinstance(blocks[j], Table) and looks_like_header(blocks[j])), None)
    if table_at is not None:  # paragraphs before it are marks: "DỰ THẢO", độ mật, độ khẩn
        table = blocks[table_at]
        assert isinstance(table, Table)
        header = header_from_table(table)
        header.marks = [Line(b.text, Place(paragraph=b.number, heading=HEADER_PART)) for b in blocks[i:table_at]
                        if isinstance(b, Paragraph) and b.flat]
        return header, table, _type_line(blocks, table_at + 1), table_at + 1
    type_at = _type_line(blocks, i)
    end = type_at if type_at is not None else next(  # a công văn typed without a table: up to "Kính gửi"
        (k for k in range(i, min(len(blocks), i + 12)) if isinstance(blocks[k], Paragraph)
         and blocks[k].flat.startswith("Kính gửi")), i)
    return header_from_paragraphs([b for b in blocks[i:end] if isinstance(b, Paragraph)]), None, type_at, end


def _type_and_summary(blocks: list[Block], type_at: int | None, k: int) -> tuple[Line | None, list[Line], int]:
    """The type line, the summary under it, and where they end (``k`` when there is no type line)."""
    if type_at is None:
        return None, [], k
    tl = blocks[type_at]
    assert isinstance(tl, Paragraph)
    summary: list[Line] = []
    k = type_at + 1
    while k < len(blocks) and isinstance(blocks[k], Paragraph) and len(summary) < 3:
        p = blocks[k]
        assert isinstance(p, Paragraph)
        # a centred type line has a centred summary; the words tell where the body starts (without alignment,
        # "Căn cứ …" too: a centred summary may run on to a line that starts so)
        body_like = (bool(summary) and _body_starts(p.flat, words=not tl.centered)) or (tl.centered and not p.centered)
        if not p.flat or RULE_LINE.match(p.flat) or parse_label(p.flat)[1] or body_like:
            break
        summary.append(Line(p.text, Place(paragraph=p.number, heading=HEADER_PART)))
        k += 1
    return Line(tl.text, Place(paragraph=tl.number, heading=HEADER_PART)), summary, k


def _body_starts(text: str, *, words: bool = True) -> bool:
    """Words that begin a body: a basis ("Căn cứ …"), "Kính gửi", a decision's authority line in capitals,
    "QUYẾT ĐỊNH:", "Điều 1." (a summary typed without alignment ends at them)."""
    return ((words and text.startswith(_SUMMARY_STOP)) or bool(_BODY_START.match(text))
            or (bool(_AUTHORITY.match(text)) and text.upper() == text and not text.endswith(_TERMINAL)))


def read_outline(source: WordDocument | str | os.PathLike[str]) -> Outline:
    """Read a .docx (or blocks already read) into its parts; nothing of the document is dropped:
    what is not header, summary, addressee, signer or appendix is a body item, or belongs to the
    document a decision issues (:attr:`Outline.attached`, read the same way)."""
    doc = source if isinstance(source, WordDocument) else read_blocks(source)
    blocks = doc.blocks
    header, header_table, type_at, k = _read_header(blocks)
    type_line, summary, k = _type_and_summary(blocks, type_at, k)
    addressees, k = _addressees(blocks, k)
    sign_at = next((j for j in range(k, len(blocks)) if _starts_sign_block(blocks[j])), None)
    appendix_at = next((j for j in range(sign_at if sign_at is not None else k, len(blocks))
                        if isinstance(blocks[j], Paragraph) and blocks[j].lines
                        and APPENDIX_HEADING.match(blocks[j].lines[0])), len(blocks))
    attached_at = (_attached_start(blocks, sign_at, appendix_at)
                   if type_line is not None and type_line.flat.upper() in ISSUING and sign_at is not None else None)
    own_end = attached_at if attached_at is not None else len(blocks)
    body_blocks = blocks[k:sign_at if sign_at is not None else appendix_at]
    items = _items([b for b in body_blocks if isinstance(b, Paragraph)])
    copies, signer = _sign_block(blocks[sign_at:min(own_end, appendix_at)]) if sign_at is not None else ([], [])
    appendices = _appendices(blocks[appendix_at:])
    attached = None
    if attached_at is not None:
        attached = read_outline(WordDocument(doc.path, blocks[attached_at:], [], doc.styles, doc.document))

    # where each paragraph and table sits, for every located text
    headings = {it.place.paragraph: it.place.heading for it in items if it.place.paragraph is not None}
    parts = [(line, HEADER_PART) for line in [*header.lines, *([type_line] if type_line else []), *summary]]
    parts += [(line, SIGN_PART) for line in [*copies, *signer]]
    headings.update({line.place.paragraph: part for line, part in parts if line.place.paragraph is not None})
    table_headings: dict[int, str] = {}
    if header_table is not None:
        table_headings[header_table.number] = HEADER_PART
    if sign_at is not None and isinstance(blocks[sign_at], Table):
        table_headings[blocks[sign_at].number] = SIGN_PART  # type: ignore[union-attr]
    body_tables: list[RoleTable] = []
    last_heading = ""
    for b in body_blocks:
        if isinstance(b, Paragraph):
            last_heading = headings.get(b.number, last_heading)
        else:
            table_headings[b.number] = last_heading
            found = read_table(b, last_heading)
            if found is not None:
                body_tables.append(found)
    _appendix_headings(blocks[appendix_at:], headings, table_headings)
    outline = Outline(doc, header, type_line, summary, addressees, items, body_tables, copies, signer, appendices,
                      attached)
    outline._texts = _zone_texts(blocks[:own_end], headings, table_headings) + (attached.texts() if attached else [])
    outline._texts += [Line(text, Place(page_header=si, heading="đầu trang")) for si, text in doc.page_headers]
    return outline


def _attached_start(blocks: list[Block], sign_at: int, end: int) -> int | None:
    """Where the document a decision issues begins after its signature, or None: its head (a table, or up to
    :data:`HEAD_LINES` paragraphs of agency and motto) above a centred or bold type line of another type."""
    for i in range(sign_at + 1, end):
        b = blocks[i]
        if not isinstance(b, Paragraph) or b.label or b.flat.upper() not in d30.TYPE_CODES:
            continue
        if b.flat.upper() in ISSUING or not (b.centered or b.bold):
            continue
        start = i
        while start > sign_at + 1 and i - start < HEAD_LINES and _head_line(blocks[start - 1]):
            start -= 1
        if start == i and isinstance(blocks[i - 1], Table) and i - 1 > sign_at:
            start = i - 1
        return start
    return None


def _head_line(b: Block) -> bool:
    """A line of a head typed as paragraphs: agency and motto split by tabs, or the motto alone (not a line of
    the signature typed with tabs: "- Lưu: VT." and the signer's name)."""
    return isinstance(b, Paragraph) and bool(b.flat) and not b.flat.startswith(("-", "–", "+", "Nơi nhận")) and (
        "\t" in b.text.strip() or b.flat.upper().startswith(("CỘNG HÒA", "CỘNG HOÀ")) or b.flat.startswith("Độc lập"))


def _addressees(blocks: list[Block], start: int) -> tuple[list[Line], int]:
    """The "Kính gửi" lines and the index after the block (``start`` when there is none)."""
    k = _first_text(blocks, start)
    if k >= len(blocks) or not isinstance(blocks[k], Paragraph) or not blocks[k].flat.startswith("Kính gửi"):
        return [], start
    p = blocks[k]
    rest = [Line(x, Place(paragraph=p.number, heading=HEADER_PART))
            for x in [p.lines[0].split(":", 1)[1] if ":" in p.lines[0] else "", *p.lines[1:]] if x.strip()]
    k += 1
    if rest:
        return rest, k
    while k < len(blocks) and isinstance(blocks[k], Paragraph):
        q = blocks[k]
        if not q.flat:
            k += 1
            continue
        if not q.flat.startswith(("-", "–", "+")) and not q.label:
            break
        rest.append(Line(q.text, Place(paragraph=q.number, heading=HEADER_PART)))
        k += 1
        if q.flat.endswith("."):
            break
    return rest, k


def _starts_sign_block(b: Block) -> bool:
    if isinstance(b, Table):
        first = next((c.flat for row in b.rows for c in row if c.flat), "")
        return first.lower().startswith("nơi nhận")
    return b.flat.lower().startswith("nơi nhận")


def _sign_block(blocks: list[Block]) -> tuple[list[Line], list[Line]]:
    copies: list[Line] = []
    signer: list[Line] = []
    for b in blocks:
        if isinstance(b, Table):
            for row in b.rows:
                for c in row:
                    if c.continued:
                        continue
                    place = Place(table=b.number, row=c.row, column=c.column, heading=SIGN_PART)
                    target = copies if c.column == 1 else signer
                    target.extend(Line(x, place) for x in c.text.split("\n") if x.strip())
            continue
        place = Place(paragraph=b.number, heading=SIGN_PART)
        for text in b.text.split("\n"):
            parts = split_columns(text)
            if len(parts) >= 2:
                copies.append(Line(parts[0], place))
                signer.append(Line(parts[-1], place))
            elif parts:
                (copies if parts[0].startswith(("-", "–", "Nơi nhận")) else signer).append(
                    Line(parts[0], place))
    return [c for c in copies if not c.flat.lower().startswith("nơi nhận")], signer


def _appendices(blocks: list[Block]) -> list[Appendix]:
    out: list[Appendix] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            lines = b.lines
            if not lines:
                continue
            place = Place(paragraph=b.number)
            if APPENDIX_HEADING.match(lines[0]):
                out.append(Appendix(Line(lines[0], place), [Line(x, place) for x in lines[1:]]))
            elif out and b.flat.startswith(d30.APPENDIX_REF_START) and out[-1].reference is None:
                out[-1].reference = Line(b.text, place)
            elif out and out[-1].reference is None and not out[-1].tables:
                out[-1].title.append(Line(b.text, place))
        elif out:
            found = read_table(b, out[-1].name)
            if found is not None:
                out[-1].tables.append(found)
    return out


def _appendix_headings(blocks: list[Block], headings: dict[int, str], tables: dict[int, str]) -> None:
    """Every paragraph and table of the appendix part sits under its appendix's name."""
    name = ""
    for b in blocks:
        if isinstance(b, Paragraph):
            if b.lines and APPENDIX_HEADING.match(b.lines[0]):
                name = b.lines[0].rstrip(".:")
            headings[b.number] = name
        else:
            tables[b.number] = name
