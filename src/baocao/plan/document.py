"""The context of the general document template (``van-ban.docx``): any plan, in any of its forms.

A plan issued as a plan (KH) with its one task appendix renders with the classic ``ke-hoach.docx``
(:func:`baocao.plan.text.plan_context`); every other form renders with ``van-ban.docx`` from the
context built here: a decision (QĐ) with its authority line, "QUYẾT ĐỊNH:" and articles, the plan it
issues as an attached document, and none, one or several appendices with their own columns.
Everything arrives as text; an appendix table is plain data (``columns``, ``rows``) that the job
turns into a table of the document (``baocao.render.tables``).
"""

from __future__ import annotations

from typing import Any

from ..vnformat import place_date, roman
from .appendices import Appendix
from .model import Plan
from .text import (Para, appendix_ref, appendix_rows, block_paragraphs, body_paragraphs, preamble_lines,
                   recipient_lines, reference_line)

#: The prefix of an attached document's reference line when the plan gives none.
ATTACHED_PREFIX = "Ban hành kèm theo {type} số"
ARTICLE = "Điều {n}."


def classic_form(plan: Plan) -> bool:
    """True for the seed's form: a plan with its one task appendix in the default columns (``ke-hoach.docx``)."""
    appendices = plan.appendix_list()
    return (plan.decision is None and len(appendices) == 1 and appendices[0].tasks == "all"
            and not appendices[0].columns)


def article_paragraphs(plan: Plan) -> list[Para]:
    """The decision's articles, "Điều 1." … with the clauses under each, in document order."""
    out: list[Para] = []
    for n, article in enumerate(plan.decision.articles if plan.decision else (), start=1):
        out.append(Para("article_title" if article.title else "article", article.text, ARTICLE.format(n=n)))
        block_paragraphs(plan, article, article.blocks, "", out, depth=2)
    return out


def _header(plan: Plan, *, draft: bool) -> dict[str, Any]:
    doc = plan.document
    number_blank = draft or doc.number is None
    day_blank = draft or doc.date is None
    return {
        "parent": plan.issuer.parent,
        "issuer": plan.issuer.name,
        "symbol": f"Số: {'     ' if number_blank else doc.number}/{doc.type}-{plan.issuer.abbreviation}",
        "place_date": place_date(doc.place, None if day_blank else doc.date, year=doc.issue_year),
        "type_name": doc.type_name,
        "summary": doc.summary,
        "draft": draft,
        "draft_mark": "DỰ THẢO" if draft else "",
    }


def appendix_headings(plan: Plan) -> list[str]:
    """"Phụ lục" for a single appendix, "Phụ lục I", "Phụ lục II"… for several; a heading given is kept."""
    appendices = plan.appendix_list()
    several = len(appendices) > 1
    return [a.heading or (f"Phụ lục {roman(i)}" if several else "Phụ lục") for i, a in enumerate(appendices, start=1)]


def appendix_table(plan: Plan, appendix: Appendix) -> dict[str, Any]:
    """An appendix's table as plain data: ``columns`` (header, width_mm) and ``rows`` (group, stt, cells)."""
    columns = appendix.table_columns()
    out_columns = [{"header": h, "width_mm": w} for h, w, _f in columns]
    rows: list[dict[str, Any]] = []
    if appendix.tasks is not None:
        groups = None if appendix.tasks == "all" else appendix.tasks
        for r in appendix_rows(plan, groups):
            if r.group:
                rows.append({"group": True, "stt": r.stt, "cells": [r.task]})
                continue
            task = plan.task(r.task_id)
            values = {"stt": r.stt, "task": r.task, "lead": r.lead, "time": r.time, "note": r.note,
                      "support": ", ".join(plan.unit(u).name for u in task.support)}
            rows.append({"group": False, "stt": r.stt, "cells": [values[f or ""] for _h, _w, f in columns]})
    else:
        for row in appendix.rows:
            if row.group is not None:
                rows.append({"group": True, "stt": row.stt, "cells": [row.group]})
            else:
                rows.append({"group": False, "stt": row.cells[0], "cells": list(row.cells)})
    return {"columns": out_columns, "rows": rows}


def appendices_context(plan: Plan, *, draft: bool = False) -> list[dict[str, Any]]:
    """Heading, title, "(Kèm theo …)" line and table of each appendix, in order."""
    return [{"heading": heading, "title": a.title, "ref": appendix_ref(plan, draft=draft, appendix=a),
             "table": appendix_table(plan, a)}
            for heading, a in zip(appendix_headings(plan), plan.appendix_list(), strict=True)]


def _own_body(plan: Plan) -> dict[str, Any]:
    return {"preamble": preamble_lines(plan), "body": [p.as_dict() for p in body_paragraphs(plan)],
            "closing": plan.closing}


def document_context(plan: Plan, *, draft: bool = False) -> dict[str, Any]:
    """The context of ``van-ban.docx`` (docs/templates.md, "The general document")."""
    doc = _header(plan, draft=draft)
    decision = plan.decision
    ctx: dict[str, Any] = {
        "doc": doc,
        "authority": decision.authority if decision else "",
        "bases": [b.text() for b in plan.legal_bases],
        "decision_line": decision.line if decision else "",
        "recipients": recipient_lines(plan),
        "signer": {"authority": plan.signer.authority, "position": plan.signer.position, "name": plan.signer.name},
        "attachments": [],
        "appendices": appendices_context(plan, draft=draft),
    }
    if decision is None:
        ctx.update(_own_body(plan))
        return ctx
    ctx.update({"preamble": [], "body": [p.as_dict() for p in article_paragraphs(plan)], "closing": ""})
    if plan.attached is not None:
        att = plan.attached
        prefix = att.ref_prefix or ATTACHED_PREFIX.format(type=plan.document.type_word)
        ctx["attachments"] = [{"parent": doc["parent"], "issuer": doc["issuer"], "type_name": att.type_name,
                               "title": att.title, "ref": reference_line(plan, prefix, draft=draft, written=att.ref_date),
                               **_own_body(plan)}]
    return ctx


def document_lines(plan: Plan) -> list[str]:
    """Every text line the general document shows, in order (header, body, signature, attached, appendices)."""
    ctx = document_context(plan)
    doc = ctx["doc"]
    lines = [doc["parent"], doc["issuer"], doc["symbol"], doc["place_date"], doc["type_name"], doc["summary"],
             ctx["authority"], *ctx["bases"], ctx["decision_line"], *ctx["preamble"]]
    lines += [f"{p['label']} {p['text']}" if p.get("label") else p["text"] for p in ctx["body"]]
    lines += [ctx["closing"], "Nơi nhận:", *ctx["recipients"]]
    lines += [ctx["signer"]["authority"], ctx["signer"]["position"], ctx["signer"]["name"]]
    for att in ctx["attachments"]:
        lines += [att["parent"], att["issuer"], att["type_name"], att["title"], att["ref"], *att["preamble"]]
        lines += [p["text"] for p in att["body"]] + [att["closing"]]
    for a in ctx["appendices"]:
        lines += [a["heading"], a["title"], a["ref"]]
        lines += [c["header"] for c in a["table"]["columns"]]
        for row in a["table"]["rows"]:
            lines += ([row["stt"]] if row["group"] else []) + row["cells"]
    return [line for line in lines if line]
