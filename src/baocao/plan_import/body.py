"""The body of a plan or decision read from docread's outline: :func:`read_body`.

A plan (KH): legal bases, preamble, Roman-numbered sections with their blocks, closing ("…./.").
A decision (QĐ): authority line, bases, "QUYẾT ĐỊNH:", articles "Điều 1. …" with their clauses; a
decision that issues a plan carries the plan after its signature (its own head, "KẾ HOẠCH", title,
"(Ban hành kèm theo …)"), read by docread as the outline's ``attached`` document, whose preamble, sections
and closing are the plan file's. Nothing is dropped: a paragraph that cannot be placed with confidence stays a text
block where it stands, listed as :class:`~baocao.plan_import.result.Uncertain`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from .. import decree30 as d30
from ..docread.blocks import Paragraph
from ..docread.outline import Item, Outline
from ..docread.places import Place
from .blocks import Entry, Node, bold_headings, build, entry, section_number, to_blocks
from .citations import BASIS_LEADS, parse_basis
from .join import place_tasks
from .result import Uncertain
from .roles import mark_roles, mark_targets
from .units import mark_subjects, mark_units

ARTICLE = re.compile(r"^Điều\s+(\d+)\s*[.:]\s*")
DECISION_LINE = re.compile(r"^QUYẾT\s+ĐỊNH\s*:?$", re.IGNORECASE)
ATTACHED_REF = re.compile(r"^\((?P<prefix>.*?)\s+\S*/\S+")
DEFAULT_ATTACHED_PREFIX = "Ban hành kèm theo {type} số"
CLOSING_END = ("./.", "/.")
#: A rule typed with underscores or dashes under the summary or the authority line.
RULE_LINE = re.compile(r"^[\s_\-—–=]*[_—–=-]{3,}[\s_\-—–=]*$")
NOT_JOINED = ("không thấy chỗ thân văn bản liệt kê các nhóm nhiệm vụ của phụ lục (tiêu đề \"3.1.\" và các "
              "gạch đầu dòng khớp với nhiệm vụ): các mục giữ nguyên trong thân, nhiệm vụ ghi 'in_body: false'; "
              "cần xem lại")
NO_LEAD = "căn cứ không bắt đầu bằng \"Căn cứ\", \"Thực hiện\", \"Xét đề nghị của\"…: giữ nguyên lời văn, cần xem lại"
NOT_SPLIT = ("căn cứ dẫn văn bản (số, ký hiệu) nhưng không tách được thành 'citations': giữ nguyên lời văn "
             "('words'), cần xem lại")
#: Words that show a document is cited ("số 17/2023/QH15").
CITES = re.compile(r"\bsố:?\s+\S*\d\S*/")
TABLE_IN_BODY = ("bảng trong thân văn bản: mỗi hàng giữ thành một đoạn tại chỗ, các ô nối bằng ' | '; viết lại "
                 "thành câu, hoặc chuyển thành một phụ lục có 'rows' nếu cần giữ dạng bảng")
NO_SECTIONS = "không thấy các phần I, II, III…: nội dung để ở lời mở đầu ('preamble'), cần chia lại thành 'sections'"
AFTER_CLOSING = "đoạn đứng sau câu kết thúc: đã để ở cuối phần cuối cùng, cần xem lại"
NO_ARTICLES = "quyết định không có dòng \"QUYẾT ĐỊNH:\" hoặc không có Điều nào: nội dung đọc như một kế hoạch"


@dataclass
class Body:
    """What :func:`read_body` reads (see the contract): plan-file data and what was not read with confidence."""

    legal_bases: list[dict] = field(default_factory=list)
    preamble: list[str | dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    closing: str = ""
    decision: dict | None = None
    attached: dict | None = None
    uncertain: list[Uncertain] = field(default_factory=list)


def _where(it: Item) -> str:
    return f"{it.place}" + (f" ({it.place.heading})" if it.place.heading else "")


def _uncertain(it: Item, reason: str, key: str = "") -> Uncertain:
    return Uncertain(_where(it), it.shown, reason, key)


def _shown(it: Item) -> str:
    return it.shown


# --------------------------------------------------------------------------- bases and preamble


def _bases(items: list[Item], body: Body, key: str = "legal_bases") -> None:
    for it in items:
        text = _shown(it)
        data = parse_basis(text)
        if data is None:
            lead = next((x for x in ("- " + y for y in BASIS_LEADS) if text.startswith(x + " ")), None) or next(
                (x for x in BASIS_LEADS if text.startswith(x + " ")), None)
            end = text[-1] if text[-1] in ";.,:" else ""
            data = ({"lead": lead, "words": text[len(lead) + 1: len(text) - len(end)], "end": end} if lead
                    else {"lead": "", "words": text[: len(text) - len(end)], "end": end})
            body.uncertain.append(_uncertain(it, NO_LEAD, f"{key}[{len(body.legal_bases)}]"))
        elif "citations" not in data and CITES.search(data.get("words", "")):
            body.uncertain.append(_uncertain(it, NOT_SPLIT, f"{key}[{len(body.legal_bases)}]"))
        body.legal_bases.append(data)


def _intro(items: list[Item], body: Body) -> None:
    """Legal bases (leading citing paragraphs that end with ";", "." or ","), then the preamble."""
    k = 0
    while k < len(items):
        text = _shown(items[k])
        core = text[2:] if text.startswith("- ") else text
        if not core.startswith(BASIS_LEADS) or text.endswith(":"):
            break
        k += 1
    _bases(items[:k], body)
    for it in items[k:]:
        text = _shown(it)
        cited = parse_basis(text) if text.endswith(":") else None
        body.preamble.append(cited if cited and cited.get("citations") else text)


# --------------------------------------------------------------------------- sections


def _sections(items: list[Item], outline: Outline, body: Body, ctx: "Context") -> list[Item]:
    """Fill ``body.sections`` from the items from the first section on; returns the items before it."""
    paragraphs = {p.number: p for p in outline.document.paragraphs()}
    by_bold = bold_headings(items, paragraphs)
    entries = [entry(it, paragraphs, by_bold) for it in items]
    first = next((i for i, e in enumerate(entries) if e.kind == "section"), None)
    if first is None:
        if items:
            body.uncertain.append(Uncertain(_where(items[0]), _shown(items[0]), NO_SECTIONS))
        return items
    closing_at = _closing_at(items)
    if closing_at is not None:
        body.closing = _shown(items[closing_at])
    parts: list[tuple[Entry, list[Entry]]] = []
    for e in entries[first: closing_at if closing_at is not None else len(entries)]:
        if e.kind == "section":
            parts.append((e, []))
        else:
            parts[-1][1].append(e)
    for it in items[closing_at + 1:] if closing_at is not None else []:  # kept where they stand, as text
        parts[-1][1].append(Entry("text", _shown(it), "", 0, it))
        body.uncertain.append(_uncertain(it, AFTER_CLOSING))
    for si, (head, inner) in enumerate(parts, start=1):
        root = build(inner)
        section: dict[str, Any] = {"title": head.text}
        number = section_number(head.label, si)
        if number:
            section["number"] = number
        key = f"sections[{si - 1}]"
        mark_roles(section, root)
        ctx.finish(section, root, key)
        body.sections.append(section)
    return items[:first]


def _closing_at(items: list[Item]) -> int | None:
    for i in range(len(items) - 1, -1, -1):
        text = items[i].text
        if items[i].kind != "heading" and (text.startswith("Trên đây là")
                                           or (text.endswith(CLOSING_END) and not items[i].label)):
            return i  # a numbered item ending "./." ("4. … hướng dẫn./.") is the last item, not a closing
        if items[i].kind == "heading":
            return None
    return None


@dataclass
class Context:
    """What every part of the body is finished with: the appendix's task groups and the units."""

    task_groups: list[dict]
    units: list[dict]
    body: Body
    targets_seen: int = 0
    placed: bool = False
    parts: list[tuple[dict, Node, str]] = field(default_factory=list)
    notes: list[tuple[Node, str, str | None]] = field(default_factory=list)  # node, reason, text shown

    def finish(self, part: dict, root: Node, key: str) -> None:
        """Tasks, units and targets of a section or article; its blocks are written by :meth:`close`."""
        if not self.placed:
            self.placed = place_tasks(root, self.task_groups)
        self.notes += mark_units(part, root, self.units)
        found, self.targets_seen = mark_targets(part, root, self.targets_seen)
        self.notes += [(node, reason, None) for node, reason in found]
        self.parts.append((part, root, key))

    def close(self) -> None:
        """Units named as the subject elsewhere, then every part's blocks and the notes at their key paths."""
        for part, root, _key in self.parts:
            if part.get("role") != "implementation":
                mark_subjects(root, self.units)
        for part, root, key in self.parts:
            part["blocks"] = to_blocks(root, key=key)
            if "role" in part and "title" not in part:  # an article's role is not written
                del part["role"]
            if not part["blocks"] and "title" not in part:
                del part["blocks"]
        if self.task_groups and not self.placed:
            self.body.uncertain.append(Uncertain("toàn văn bản", "", NOT_JOINED))
            for group in self.task_groups:
                for task in group.get("tasks", []):
                    task["in_body"] = False
        for node, reason, shown in self.notes:
            e = node.entry
            assert e is not None
            self.body.uncertain.append(Uncertain(_where(e.item), shown or e.item.shown, reason, node.key))


# --------------------------------------------------------------------------- decisions


def _decision(items: list[Item], outline: Outline, body: Body, ctx: Context) -> None:
    paragraphs = {p.number: p for p in outline.document.paragraphs()}
    line_at = next((i for i, it in enumerate(items) if DECISION_LINE.match(_shown(it))), None)
    starts = [i for i, it in enumerate(items) if ARTICLE.match(_shown(it))]
    if line_at is None or not starts:
        body.uncertain.append(Uncertain(_where(items[0]) if items else "toàn văn bản",
                                        _shown(items[0]) if items else "", NO_ARTICLES))
        _own_body(items, outline, body, ctx)
        return
    authority = ""
    head = items[:line_at]
    if head and not _shown(head[0]).startswith(("Căn cứ", "- ", "Xét", "Thực hiện")):
        authority = _shown(head[0])
        head = head[1:]
    _bases(head, body)
    for it in items[line_at + 1: starts[0]]:
        body.uncertain.append(_uncertain(it, "đoạn giữa \"QUYẾT ĐỊNH:\" và Điều 1: đã đưa vào Điều 1, cần xem lại"))
    by_bold = bold_headings(items, paragraphs)
    articles = []
    for n, at in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(items)
        it = items[at]
        text = ARTICLE.sub("", _shown(it), count=1)
        p = paragraphs.get(it.place.paragraph or 0)
        article: dict[str, Any] = {"text": text}
        if p is not None and p.bold:
            article["title"] = True
        inner = items[at + 1: end] if n else items[line_at + 1: starts[0]] + items[at + 1: end]
        root = build([entry(x, paragraphs, by_bold) for x in inner])
        if re.match(r"^Tổ chức(?: chỉ đạo)?(?: và)? thực hiện", text):
            article["role"] = "implementation"
        ctx.finish(article, root, f"decision.articles[{n}]")
        articles.append(article)
    body.decision = {"authority": authority, "line": _shown(items[line_at]), "articles": articles}
    if body.decision["line"] == "QUYẾT ĐỊNH:":
        del body.decision["line"]


# --------------------------------------------------------------------------- the plan a decision issues


def _attached(sub: Outline, outline: Outline, body: Body, ctx: Context) -> None:
    type_name = sub.type_name
    lines = [ln for ln in sub.summary if not ln.flat.startswith("(")]
    ref = next((ln.flat for ln in sub.summary if ln.flat.startswith("(")), "")
    attached: dict[str, Any] = {"type": d30.TYPE_CODES.get(type_name, "KH"), "title": " ".join(ln.flat for ln in lines)}
    m = ATTACHED_REF.match(ref)
    default = DEFAULT_ATTACHED_PREFIX.format(type=outline.type_name.capitalize())
    if m and m.group("prefix") != default:
        attached["ref_prefix"] = m.group("prefix")
    body.attached = attached
    sub, tables = _with_tables(_without_rules(sub))
    _own_body(sub.body, sub, body, ctx)
    body.uncertain += tables


def _without_rules(outline: Outline) -> Outline:
    kept = [it for it in outline.body if it.label or not RULE_LINE.match(it.text)]
    if len(kept) == len(outline.body):
        return outline
    return dataclasses.replace(outline, body=kept)


def _own_body(items: list[Item], outline: Outline, body: Body, ctx: Context) -> None:
    intro = _sections(items, outline, body, ctx)
    _intro(intro, body)


def read_body(outline: Outline, *, task_groups: list[dict], units: list[dict]) -> Body:
    """The body of *outline* as plan-file data (see the contract); fills in *task_groups* and *units*.

    A rule typed under the summary ("________") is layout, not a paragraph of the body: it is passed over."""
    body = Body()
    ctx = Context(task_groups, units, body)
    outline, tables = _with_tables(_without_rules(outline))
    if outline.type_name == "QUYẾT ĐỊNH":
        _decision(outline.body, outline, body, ctx)
        if outline.attached is not None:
            _attached(outline.attached, outline, body, ctx)
    else:
        _own_body(outline.body, outline, body, ctx)
    ctx.close()
    body.uncertain += tables
    return body


def _with_tables(outline: Outline) -> tuple[Outline, list[Uncertain]]:
    """A table standing between body paragraphs kept where it stands: each row a text item (cells joined by
    " | "), under the heading of the paragraph before it; each table listed once for the analyst."""
    numbers = [it.place.paragraph for it in outline.body if it.place.paragraph is not None]
    if not numbers:
        return outline, []
    first, last, seen, out = min(numbers), max(numbers), 0, []
    after: dict[int, list[Item]] = {}
    for b in outline.document.blocks:
        if isinstance(b, Paragraph):
            seen = b.number
            continue
        if not first <= seen < last:
            continue
        before = next(it for it in reversed(outline.body) if (it.place.paragraph or 0) <= seen)
        rows = [(i, " | ".join(c.flat for c in row if c.flat and not c.continued))
                for i, row in enumerate(b.rows, start=1)]
        after.setdefault(before.place.paragraph or 0, []).extend(
            Item(text, "", "text", 0, before.headings, Place(table=b.number, row=i, heading=before.place.heading))
            for i, text in rows if text)
        if rows:
            out.append(Uncertain(f"bảng {b.number}" + (f" ({before.place.heading})" if before.place.heading else ""),
                                 next((text for _i, text in rows if text), ""), TABLE_IN_BODY))
    if not after:
        return outline, out
    items: list[Item] = []
    for k, it in enumerate(outline.body):
        items.append(it)
        nxt = outline.body[k + 1].place.paragraph if k + 1 < len(outline.body) else None
        if it.place.paragraph is not None and (nxt is None or nxt != it.place.paragraph):
            items += after.pop(it.place.paragraph, [])
    return dataclasses.replace(outline, body=items), out
