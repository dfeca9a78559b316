"""A report's figures held against the engine's (:class:`~baocao.checks.figures.Figures`): a number about
a target that is none of the engine's figures for it, a rise or fall the data do not show, a verdict other
than the engine's. Which target a sentence or a table row speaks of comes from its words alone
(:meth:`~baocao.checks.figures.Figures.about`), so a report written in other words is checked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from baocao.docread.outline import Outline
from baocao.docread.places import Place
from baocao.docread.tables import RoleTable, Row

from ..figures import Figures, TargetFigures
from ..finding import ERROR, CheckContext, Hit, check
from ..text import Number, clauses, excerpt, fold, goal_quotes, numbers, sentences
from .figures import agrees, body_lines, cell_status, last_year_figures, quantities, verdicts

#: A clause about the change since the same period last year, and its "tăng"/"giảm" ("tăng cường" is not one).
_PERIOD_CHANGE = re.compile(r"cùng kỳ|năm trước|kỳ trước|so với năm (\d{4})|tiếp tục (?:tăng|giảm)")
_RISE_FALL = re.compile(r"\b(tăng|giảm)\b(?!\s+(?:cường|trưởng|nghèo|thiểu))")
#: The columns of a table row that hold no figure of the target.
_NOT_FIGURES = ("stt", "indicator", "unit", "verdict", "note")


def _engine(ctx: CheckContext) -> Figures:
    """The engine's figures (the registry runs a check that ``needs="figures"`` only when they are given)."""
    assert ctx.figures is not None
    return ctx.figures


def _indicator_rows(outline: Outline) -> Iterator[tuple[RoleTable, Row, str]]:
    """The rows of the tables that list indicators (a "Chỉ tiêu" column), each with its indicator's name."""
    for table in outline.tables():
        if "indicator" in table.roles:
            for row in table.rows:
                yield table, row, row.text("indicator")


def _is_last_year(t: TargetFigures, year: int | None) -> bool:
    return year is None or year == t.previous_year


@check("so_lieu.khac_du_lieu", "Con số về một chỉ tiêu khác số tính từ dữ liệu", ERROR, needs="figures")
def numbers_against_data(ctx: CheckContext) -> Iterator[Hit]:
    """A number about a target, in its sentence or its table row, that none of the engine's figures gives
    (after "cùng kỳ năm trước" or "so với năm …" of last year, none of last year's)."""
    figures = _engine(ctx)
    for line in body_lines(ctx.outline):
        text = line.text
        marks = last_year_figures(text)
        for a, b in sentences(text):
            targets = figures.about(text[a:b])
            found = [(n, a + n.start, marks.get(a + n.start, 0))
                     for n in numbers(text[a:b]) if not n.year and any(t.writes(n) for t in targets)]
            yield from _unexplained(targets, found, text, line.place)
    for table, row, label in _indicator_rows(ctx.outline):
        targets = figures.about(label)
        found = [(n, role) for role, cell in row.cells.items() if role not in _NOT_FIGURES
                 for n in numbers(cell.flat) if not n.year]
        if not any(t.explains(n) for t in targets for n, _role in found):
            continue  # nothing anchors the row to these targets
        for n, role in found:
            if not any(t.explains(n, earlier=role == "previous") for t in targets):
                yield Hit(table.place(row, role), _not_the_data(n, targets, role == "previous"),
                          f"{label} | {row.cells[role].flat}")


def _not_the_data(n: Number, targets: list[TargetFigures], last_year: bool) -> str:
    names = "; ".join(t.label for t in targets)
    when = "cùng kỳ năm trước " if last_year else ""
    return f"số «{n.text.strip()}» không khớp số liệu {when}tính từ dữ liệu cho chỉ tiêu «{names}»"


def _unexplained(targets: list[TargetFigures], found: list[tuple[Number, int, int | None]], text: str,
                 place: Place) -> Iterator[Hit]:
    """``found``: each number, where it stands, and 0 or the year-mark of last year's figure."""
    if not targets or not any(any(t.explains(n) for t in targets) for n, _at, _mark in found):
        return  # nothing anchors the sentence to these targets: another subject that shares their words
    for n, at, mark in found:
        earlier = [mark != 0 and _is_last_year(t, mark) for t in targets]
        if not any(t.explains(n, earlier=e) for t, e in zip(targets, earlier)):
            yield Hit(place, _not_the_data(n, targets, any(earlier)), excerpt(text, at, at + len(n.text), 30))


@check("so_lieu.tang_giam_du_lieu", "Câu nói một chỉ tiêu tăng/giảm so với cùng kỳ ngược với số liệu tính từ dữ liệu",
       ERROR, needs="figures")
def rise_or_fall_against_data(ctx: CheckContext) -> Iterator[Hit]:
    """"tăng"/"giảm" (so với cùng kỳ, so với năm trước, tiếp tục …) about a target whose figures moved the
    other way."""
    figures = _engine(ctx)
    for line in body_lines(ctx.outline):
        text = line.text
        folded = fold(text)
        for a, b in clauses(text):
            period = _PERIOD_CHANGE.search(folded, a, b)
            if period is None:
                continue
            year = int(period.group(1)) if period.group(1) else None
            goals = goal_quotes(text)
            for m in _RISE_FALL.finditer(folded, a, b):
                if any(x <= m.start() < y for x, y in goals):
                    continue  # the plan's goal quoted: "(mục tiêu năm 2025: tăng 1,5 lần)"
                rises = m.group(1) == "tăng"
                subject = text[a:m.start()] if text[a:m.start()].strip() else text[a:b]
                for t in figures.about(subject):
                    if t.value is None or t.previous_value is None or t.value == t.previous_value:
                        continue
                    if _is_last_year(t, year) and (t.value > t.previous_value) != rises:
                        moved = "tăng" if t.value > t.previous_value else "giảm"
                        yield Hit(line.place, f"ghi «{m.group(1)}» nhưng theo số liệu, chỉ tiêu «{t.label}» {moved} "
                                              f"so với cùng kỳ", excerpt(text, a, b, 0))


@check("so_lieu.danh_gia_du_lieu", "Đánh giá một chỉ tiêu khác kết quả tính từ dữ liệu", ERROR, needs="figures")
def verdicts_against_data(ctx: CheckContext) -> Iterator[Hit]:
    """A verdict word about a target (or a class of a distribution) that is not the engine's verdict for the
    figure it sits by: the estimate where the text says "ước", else the figure without an estimate."""
    figures = _engine(ctx)
    for line in body_lines(ctx.outline):
        for a, b in sentences(line.text):
            sentence = line.text[a:b]
            for status, start, end in verdicts(sentence):
                judged = _verdict_subjects(figures, sentence, start)
                if judged and not any(agrees(status, s) for _label, s in judged):
                    label, expected = judged[0]
                    yield Hit(line.place, f"ghi «{sentence[start:end]}» nhưng theo số liệu, chỉ tiêu «{label}» "
                                          f"{expected}", excerpt(line.text, a + start, a + end, 40))
    for table, row, label in _indicator_rows(ctx.outline):
        status = cell_status(row.text("verdict"))
        targets = figures.named(label) if status else []
        estimate = bool(quantities(row.text("estimate")))
        shown = row.text("estimate" if estimate else "value")
        judged = [(t.label, r.status) for t in targets for r in t.judged(shown, estimate=estimate)]
        if status and judged and not any(agrees(status, s) for _label, s in judged):
            yield Hit(table.place(row, "verdict"), f"ghi «{row.text('verdict')}» nhưng theo số liệu, chỉ tiêu "
                                                   f"«{judged[0][0]}» {judged[0][1]}", f"{label} | {row.text('verdict')}")


def _verdict_subjects(figures: Figures, sentence: str, at: int) -> list[tuple[str, str]]:
    """``(label, status)`` of what a verdict speaks of: the targets its clause names or, for a clause of a
    few words ("; chậm tiến độ") or one naming a class of a distribution ("trung bình (40%), đạt mục tiêu"),
    those its sentence names; a class named before the verdict stands for its target."""
    x, y = next(((x, y) for x, y in clauses(sentence) if x <= at < y), (0, len(sentence)))
    clause, before = sentence[x:y], fold(sentence[x:at])
    targets = figures.named(clause)
    if not targets:
        named = figures.named(sentence)
        classes = [t for t in named if any(label in before for r in t.readings for label, _s in r.classes)]
        targets = classes or (named if len(clause.split()) <= 4 else [])
    out = []
    for t in targets:
        for r in t.judged(sentence):
            named_classes = [(before.rfind(label), label, s) for label, s in r.classes if label in before]
            if named_classes:
                _at, label, s = max(named_classes)
                out.append((f"{t.label} — {label}", s))
            else:
                out.append((t.label, r.status))
    return out
