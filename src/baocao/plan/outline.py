"""A readable outline of a plan, as terminal text and as HTML for Jupyter."""

from __future__ import annotations

from html import escape

from .document import appendix_headings, article_paragraphs
from .model import Plan, Target
from .text import Para, appendix_rows, body_paragraphs, place_date_line


def _target_line(t: Target) -> str:
    if t.kind == "qualitative":
        goal = "định tính"
    elif t.kind == "distribution":
        goal = "; ".join(f"{c.label or k} {_goal(c.comparator, c.value, c.range)}"
                         for k, c in (t.classes or {}).items())
    else:
        unit = t.unit if t.unit == "%" else f" {t.unit}"
        goal = f"{_goal(t.comparator, t.value, t.range)}{unit}".strip()
    deadline = f", hạn {t.deadline.year}" if t.deadline else ""
    return f"[{t.id}] {t.label}: {goal}{deadline}"


def _goal(comparator: str, value: float | None, rng: tuple[float, float] | None) -> str:
    from ..vnformat import number

    if comparator == "range" and rng:
        return f"từ {number(rng[0])} - {number(rng[1])}"
    symbol = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}[comparator]
    return f"{symbol} {number(value)}" if value is not None else "?"


def outline_text(plan: Plan) -> str:
    """Terminal outline: header, sections, targets, task groups with lead units and timeframes."""
    d = plan.document
    lines = [
        f"{d.type_name} số {plan.symbol} — {plan.issuer.short_name}",
        place_date_line(plan),
        f"Trích yếu: {d.summary}",
        f"Thời kỳ: {plan.horizon.start}-{plan.horizon.end}; căn cứ: {len(plan.legal_bases)} đoạn; "
        f"đơn vị: {len(plan.units)}; chỉ tiêu: {len(plan.targets())}; nhiệm vụ: {len(plan.tasks())}",
        "",
        "Bố cục:",
    ]
    lines += [_outline_line(p) for p in article_paragraphs(plan) + body_paragraphs(plan) if p.kind != "p"]
    lines += ["", "Chỉ tiêu:"] + [f"  {_target_line(t)}" for t in plan.targets()]
    headings = appendix_headings(plan)
    if len(headings) != 1:
        lines += ["", "Phụ lục: " + ("; ".join(f"{h}. {a.title}" for h, a in zip(headings, plan.appendix_list()))
                                     or "không có")]
    if plan.task_groups:
        lines += ["", "Nhiệm vụ — phân công thực hiện:" if len(headings) != 1 else "Phụ lục — phân công thực hiện:"]
    for r in appendix_rows(plan):
        if r.group:
            lines.append(f"  {r.stt}. {r.task}")
        else:
            lines.append(f"    {r.stt}. {_short(r.task)} | {r.lead} | {r.time}")
    signer = " / ".join((plan.signer.authority, plan.signer.position, plan.signer.name)).replace("\n", " ")
    lines += ["", f"Người ký: {signer}"]
    return "\n".join(lines)


def _outline_line(p: Para) -> str:
    """A heading indented by its level ("I." flush, "1." by two spaces); an article "Điều 1. …" flush."""
    if p.label:
        return _short(f"{p.label} {p.text}", 100)
    return "  " * (int(p.kind[1]) - 1) + p.text


def outline_html(plan: Plan) -> str:
    """Jupyter outline: a heading, the targets and the appendix as tables."""
    d = plan.document
    head = (f"<h3>{escape(d.type_name)} số {escape(plan.symbol)} — {escape(plan.issuer.short_name)}</h3>"
            f"<p><i>{escape(place_date_line(plan))}</i><br><b>{escape(d.summary)}</b></p>")
    parts = [p for p in article_paragraphs(plan) + body_paragraphs(plan) if p.kind in ("h1", "h2", "article",
                                                                                   "article_title")]
    sections = "".join(f"<li>{escape(_outline_line(p).strip())}</li>" for p in parts)
    targets = "".join(f"<tr><td>{escape(t.id)}</td><td>{escape(t.label)}</td><td>{escape(_target_line(t).split(': ', 1)[1])}</td></tr>"
                      for t in plan.targets())
    rows = "".join(
        f"<tr><td colspan=4><b>{r.stt}. {escape(r.task)}</b></td></tr>" if r.group else
        f"<tr><td>{r.stt}</td><td>{escape(_short(r.task, 120))}</td><td>{escape(r.lead)}</td><td>{escape(r.time)}</td></tr>"
        for r in appendix_rows(plan))
    return (f"{head}<p>Bố cục:</p><ul>{sections}</ul>"
            f"<p>Chỉ tiêu ({len(plan.targets())}):</p><table><tr><th>Mã</th><th>Chỉ tiêu</th><th>Mục tiêu</th></tr>{targets}</table>"
            f"<p>Phụ lục — phân công thực hiện ({len(plan.tasks())} nhiệm vụ):</p>"
            f"<table><tr><th>Stt</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời gian</th></tr>{rows}</table>")


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
