"""The plan as the ordered paragraphs a document shows: one source for the .docx, the outline and tests.

The body's task section and the appendix table are both produced here from the same task list, so the
two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..vnformat import date_long, item_letter, place_date, roman
from .appendices import Appendix
from .model import Article, Block, Plan, Section


@dataclass(frozen=True)
class Para:
    """A body paragraph: ``kind`` is h1 (I.), h2 (1.), h3 (3.1.), p (text, "- …", "+ …"), or an article of a
    decision (``article``: label "Điều 1." in bold then the text; ``article_title``: the whole line bold)."""

    kind: str
    text: str
    label: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text, **({"label": self.label} if self.label else {})}


@dataclass(frozen=True)
class AppendixRow:
    """A row of the assignment table: a group row (I, II) or a task row (1, 2, …)."""

    group: bool
    stt: str
    task: str
    lead: str = ""
    time: str = ""
    note: str = ""
    task_id: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"group": self.group, "stt": self.stt, "task": self.task, "lead": self.lead,
                "time": self.time, "note": self.note}


def body_paragraphs(plan: Plan) -> list[Para]:
    """Every paragraph of the body, numbered, in document order."""
    out: list[Para] = []
    for si, section in enumerate(plan.sections, start=1):
        number = section.number or roman(si)
        out.append(Para("h1", f"{number}. {section.title}"))
        block_paragraphs(plan, section, section.blocks, "", out, depth=2)
    return out


def item_marker(number: str, sep: str) -> str:
    """"1. ", "a) ": an explicit number that already ends with "." or ")" keeps its own mark."""
    return f"{number} " if number.endswith((".", ")")) else f"{number}{sep} "


def block_paragraphs(plan: Plan, section: Section | Article, blocks: list[Block], prefix: str, out: list[Para],
                     depth: int) -> None:
    """Append the paragraphs of *blocks* to *out*: headings numbered under *prefix* ("3." gives "3.1."),
    items numbered 1., 2. and lettered a), b) within their list, task groups where ``tasks: all`` stands."""
    headings = numbered = lettered = 0
    for b in blocks:
        if b.kind == "heading":
            headings += 1
            number = b.number or f"{prefix}{headings}"
            out.append(Para("h2" if depth == 2 else "h3", f"{number}. {b.text}"))
            block_paragraphs(plan, section, b.blocks, f"{number}.", out, depth + 1)
            continue
        if b.kind == "tasks":
            for gi, group in enumerate(plan.task_groups, start=1):
                out.append(Para("h2" if depth == 2 else "h3", f"{prefix}{gi}. {group.title}"))
                out.extend(Para("p", f"- {t.body_text()}") for t in group.tasks if t.in_body)
            continue
        if b.kind == "numbered":
            numbered += 1
            text = item_marker(b.number or str(numbered), ".") + b.text
        elif b.kind == "lettered":
            lettered += 1
            text = item_marker(b.number or item_letter(lettered), ")") + b.text
        elif b.kind == "dash":
            text = f"- {b.text}"
        elif b.kind == "plus":
            text = f"+ {b.text}"
        else:
            text = b.text
        out.append(Para("p", text))
        block_paragraphs(plan, section, b.blocks, prefix, out, depth)


def appendix_rows(plan: Plan, groups: Iterable[str] | None = None) -> list[AppendixRow]:
    """The assignment table: a Roman group row, then its tasks numbered from 1.

    *groups* (task-group ids) keeps only those groups, numbered I, II… in that table.
    """
    chosen = plan.task_groups if groups is None else [g for g in plan.task_groups if g.id in set(groups)]
    rows: list[AppendixRow] = []
    for gi, group in enumerate(chosen, start=1):
        rows.append(AppendixRow(True, roman(gi), group.appendix_title or group.title))
        for ti, t in enumerate(group.tasks, start=1):
            rows.append(AppendixRow(False, str(ti), t.text, plan.lead_label(t), t.timeframe.text, t.note, t.id))
    return rows


def symbol_line(plan: Plan) -> str:
    """"Số: 188/KH-LMHTX"; a draft without number keeps the blank for the registry clerk."""
    return f"Số: {plan.symbol}"


def place_date_line(plan: Plan) -> str:
    d = plan.document
    return place_date(d.place, d.date, year=d.issue_year)


def appendix_ref(plan: Plan, *, draft: bool = False, appendix: Appendix | None = None) -> str:
    """"(Kèm theo Kế hoạch số 188/KH-LMHTX ngày 11 tháng 5 năm 2021 của Liên minh HTX tỉnh Đắk Nông)".

    A draft leaves the number and day blank here too, like the header. *appendix* (default: the task
    appendix) may give its own prefix.
    """
    prefix = (appendix or plan.appendix).ref_prefix or f"Kèm theo {plan.document.type_word} số"
    return reference_line(plan, prefix, draft=draft)


def reference_line(plan: Plan, prefix: str, *, draft: bool = False, written: str | None = None) -> str:
    """"(<prefix> 188/KH-LMHTX ngày 11 tháng 5 năm 2021 của <issuer>)": what an appendix or an attached
    document says it belongs to; ``written`` is the date as the document writes it ("17/02/2023")."""
    d = plan.document
    symbol = f"     /{d.type}-{plan.issuer.abbreviation}" if draft else plan.symbol
    when = f"ngày {written}" if written and not draft else date_long(None if draft else d.date, year=d.issue_year)
    return f"({prefix} {symbol} {when} của {plan.issuer.short_name})"


def preamble_lines(plan: Plan) -> list[str]:
    """The preamble paragraphs as written (a cited sentence rendered from its citations)."""
    return [p if isinstance(p, str) else p.text() for p in plan.preamble]


def recipient_lines(plan: Plan) -> list[str]:
    """Nơi nhận lines: "- X (b/c);" … "- Lưu: VT."."""
    return [f"- {r.text()};" for r in plan.recipients] + [f"- Lưu: {plan.archive}."]


def plan_context(plan: Plan, *, draft: bool = False) -> dict[str, object]:
    """The template context of the plan document (see docs/templates.md for the contract)."""
    doc = plan.document
    number_blank = draft or doc.number is None
    day_blank = draft or doc.date is None
    symbol = f"Số: {'     ' if number_blank else doc.number}/{doc.type}-{plan.issuer.abbreviation}"
    return {
        "doc": {
            "parent": plan.issuer.parent,
            "issuer": plan.issuer.name,
            "symbol": symbol,
            "place_date": place_date(doc.place, None if day_blank else doc.date, year=doc.issue_year),
            "type_name": doc.type_name,
            "summary": doc.summary,
            "draft": draft,
            "draft_mark": "DỰ THẢO" if draft else "",
        },
        "bases": [b.text() for b in plan.legal_bases],
        "preamble": preamble_lines(plan),
        "body": [p.as_dict() for p in body_paragraphs(plan)],
        "closing": plan.closing,
        "recipients": recipient_lines(plan),
        "signer": {"authority": plan.signer.authority, "position": plan.signer.position, "name": plan.signer.name},
        "appendix": {
            "heading": plan.appendix.heading or "Phụ lục",
            "title": plan.appendix.title,
            "ref": appendix_ref(plan, draft=draft),
            "rows": [r.as_dict() for r in appendix_rows(plan)],
        },
    }


def full_text(plan: Plan) -> list[str]:
    """Every line the plan document shows, in order (header, body, closing, signature, appendix)."""
    ctx = plan_context(plan)
    doc = ctx["doc"]
    assert isinstance(doc, dict)
    lines = [doc["parent"], doc["issuer"], doc["symbol"], doc["place_date"], doc["type_name"], doc["summary"]]
    lines += ctx["bases"] + ctx["preamble"]  # type: ignore[operator]
    lines += [p["text"] for p in ctx["body"]]  # type: ignore[union-attr]
    lines.append(plan.closing)
    lines += ["Nơi nhận:"] + recipient_lines(plan)
    lines += [plan.signer.authority, plan.signer.position, plan.signer.name]
    appendix = ctx["appendix"]
    assert isinstance(appendix, dict)
    lines += [appendix["heading"], appendix["title"], appendix["ref"]]
    for r in appendix_rows(plan):
        lines += [r.stt, r.task] + ([r.lead, r.time] if not r.group else []) + ([r.note] if r.note else [])
    return [line for line in lines if line]
