"""Words that contradict figures, read from the document's own sentences and tables.

Without the data: "tăng" or "giảm" where the two figures the clause compares move the other way
("tăng từ 22 lên 20"; "đạt 12,3%, tăng so với cùng kỳ (13,1%)"), and a verdict its percentage of the
target does not support ("bằng 79,6% mục tiêu …; đạt mục tiêu", a table row "79,6% | Đạt").
With the engine's figures (:class:`~baocao.checks.figures.Figures`): a number about a target that is
none of the engine's figures for it, and a verdict other than the engine's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from baocao.docread.outline import Item, Outline
from baocao.docread.places import Place
from baocao.docread.tables import RoleTable, Row

from ..figures import Figures, TargetFigures
from ..finding import ERROR, CheckContext, Hit, check
from ..text import Number, clauses, excerpt, fold, numbers, sentences

#: The verdicts a document states, in the engine's words (:mod:`baocao.indicators.model`); kept here so
#: that reading a document needs no pandas (tests/test_check_meaning.py holds them equal).
DAT, VUOT, CHUA_DAT, DUNG_TIEN_DO, CHAM_TIEN_DO = "đạt", "vượt", "chưa đạt", "đúng tiến độ", "chậm tiến độ"
#: Verdict phrases (folded) and the status each one states.
_VERDICT = re.compile(r"(chậm tiến độ|(?:chưa|không) (?:đạt|đúng|kịp) tiến độ)|(đúng tiến độ|kịp tiến độ)"
                      r"|(vượt (?:mục tiêu|kế hoạch|chỉ tiêu))"
                      r"|((?:chưa|không) đạt)|((?:đạt|hoàn thành) (?:mục tiêu|kế hoạch|chỉ tiêu))")
_VERDICT_STATUS = (CHAM_TIEN_DO, DUNG_TIEN_DO, VUOT, CHUA_DAT, DAT)
#: A verdict alone in a table cell.
_CELL_STATUS = {"đạt": DAT, "vượt": VUOT, "chưa đạt": CHUA_DAT, "không đạt": CHUA_DAT, "đúng tiến độ": DUNG_TIEN_DO,
                "chậm tiến độ": CHAM_TIEN_DO, "vượt mục tiêu": VUOT, "đạt mục tiêu": DAT,
                "chưa đạt mục tiêu": CHUA_DAT, "hoàn thành": DAT}
_MET = (DAT, VUOT)
#: "bằng 79,6% mục tiêu", "đạt 87% kế hoạch".
_SHARE_OF_TARGET = re.compile(r"(?:bằng|đạt)\s+(\d+(?:,\d+)?)\s?%\s+(?:so với\s+)?(?:mục tiêu|kế hoạch|chỉ tiêu)")
#: Words saying a figure rose or fell, when a figure or a comparison follows them.
_UP, _DOWN = ("tăng", "cao hơn", "nhiều hơn", "gia tăng"), ("giảm", "thấp hơn", "ít hơn", "sụt giảm")
_DIRECTION = re.compile(r"\b(gia tăng|sụt giảm|tăng|giảm|cao hơn|thấp hơn|nhiều hơn|ít hơn)\b"
                        r"(?=\s+(?:từ\b|so\b|\d|lên\b|xuống\b|còn\b)|\s*[,(]\s*(?:so\b|\d))")
#: A clause about the change since the same period last year, and its "tăng"/"giảm" ("tăng cường" is not one).
_PERIOD_CHANGE = re.compile(r"cùng kỳ|năm trước|kỳ trước|tiếp tục (?:tăng|giảm)")
_RISE_FALL = re.compile(r"\b(tăng|giảm)\b(?!\s+(?:cường|trưởng|nghèo|thiểu))")
_TO = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:lên|xuống|đến|còn|tới|thành)\s*$")


def verdicts(text: str) -> list[tuple[str, int, int]]:
    """``(status, start, end)`` of the verdict phrases of a text."""
    folded = fold(text)
    return [(next(s for s, g in zip(_VERDICT_STATUS, m.groups()) if g), m.start(), m.end())
            for m in _VERDICT.finditer(folded)]


def cell_status(text: str) -> str | None:
    """The status a table cell states ("Đạt", "Chậm tiến độ"), or ``None``."""
    return _CELL_STATUS.get(fold(" ".join(text.split())).rstrip("."))


def agrees(stated: str, status: str) -> bool:
    """A stated verdict against a status: the same, or both "met" (đạt / vượt)."""
    return stated == status or (stated in _MET and status in _MET)


def _quantities(text: str, start: int, end: int) -> list[Number]:
    return [n for n in numbers(text) if start <= n.start < end and not n.year]


def _same_unit(a: Number, b: Number) -> bool:
    return not a.unit or not b.unit or a.unit.split("/")[0] == b.unit.split("/")[0]


@dataclass(frozen=True)
class Movement:
    """A clause saying a figure moved: the word, the figures before and after, the stated change."""

    word: str
    rises: bool
    before: Number
    after: Number
    change: Number | None
    start: int
    end: int

    def contradicts(self) -> bool:
        moved = self.after.value - self.before.value
        if moved == 0 or (moved > 0) != self.rises:
            return True
        return self.change is not None and self.change.unit != "%" and not self.change.matches(abs(moved))


def movements(text: str) -> Iterator[Movement]:
    """The rises and falls a text states with both figures: "tăng từ A lên B", "A, tăng so với … B"."""
    folded = fold(text)
    for a, b in clauses(text):
        for m in _DIRECTION.finditer(folded, a, b):
            word = m.group(1)
            rises = word in _UP
            later = _quantities(text, m.end(), b)
            earlier = _quantities(text, a, m.start())
            rest = folded[m.end():b]
            if re.match(r"\s+từ\b", rest) and len(later) >= 2 and _TO.match(folded[later[0].end:later[1].start]):
                yield Movement(word, rises, later[0], later[1], None, m.start(), b)
                continue
            compare = re.search(r"\bso\b", rest)
            if compare is None or not earlier:
                continue
            at = m.end() + compare.start()
            change = next((n for n in later if n.start < at), None)
            previous = next((n for n in later if n.start > at), None)
            current = next((n for n in reversed(earlier) if previous is None or _same_unit(n, previous)), None)
            if current is not None and previous is not None and _same_unit(current, previous):
                yield Movement(word, rises, previous, current, change, a, b)


@check("so_lieu.tang_giam", "Câu nói tăng/giảm ngược với hai số liệu nó so sánh", ERROR)
def rise_or_fall(ctx: CheckContext) -> Iterator[Hit]:
    """"tăng" where the figures fall, "giảm" where they rise, or a stated change the figures do not give."""
    for line in ctx.outline.texts():
        text = line.flat
        for mv in movements(text):
            if mv.contradicts():
                moved = "không đổi" if mv.after.value == mv.before.value else (
                    "tăng" if mv.after.value > mv.before.value else "giảm")
                yield Hit(line.place, f"câu nói «{mv.word}» nhưng số liệu {moved}: từ {mv.before.text.strip()} "
                                      f"đến {mv.after.text.strip()}", excerpt(text, mv.start, mv.end, 10))


def _percent_value(text: str) -> float | None:
    found = [n for n in numbers(text) if not n.year]
    return found[0].value if found else None


def _verdict_against_share(status: str, share: float) -> str | None:
    if status in _MET and share < 99.95:
        return f"ghi «đạt/vượt» nhưng mới bằng {share:g}% mục tiêu".replace(".", ",")
    if status == CHUA_DAT and share >= 100:
        return f"ghi «chưa đạt» nhưng đã bằng {share:g}% mục tiêu".replace(".", ",")
    return None


@check("so_lieu.danh_gia_ty_le", "Đánh giá (đạt, chưa đạt) ngược với tỷ lệ so với mục tiêu ghi cùng chỗ", ERROR)
def verdict_against_share(ctx: CheckContext) -> Iterator[Hit]:
    """A sentence or a table row whose verdict its own "% of target" contradicts."""
    for line in _body_lines(ctx.outline):
        text = line.text
        for a, b in sentences(text):
            shares = list(_SHARE_OF_TARGET.finditer(fold(text), a, b))
            stated = verdicts(text[a:b])
            if len(shares) == 1 and stated:
                share = float(shares[0].group(1).replace(",", "."))
                why = _verdict_against_share(stated[0][0], share)
                if why:
                    yield Hit(line.place, why, excerpt(text, shares[0].start(), a + stated[0][2], 5))
    for table in ctx.outline.tables():
        if not {"percent", "verdict"} <= set(table.roles):
            continue
        for row in table.rows:
            status, share = cell_status(row.text("verdict")), _percent_value(row.text("percent"))
            why = _verdict_against_share(status, share) if status and share is not None else None
            if why:
                yield Hit(table.place(row, "verdict"), why, f"{row.text('percent')} | {row.text('verdict')}",
                          other=row.text("percent"), other_place=table.place(row, "percent"))


def _body_lines(outline: Outline) -> list[Item]:
    """The body's paragraphs (and labelled lines) that are not headings."""
    return [i for i in outline.body if i.kind != "heading"]


def _indicator_rows(outline: Outline) -> Iterator[tuple[RoleTable, Row, str]]:
    """The rows of the tables that list indicators (a "Chỉ tiêu" column), each with its indicator's name."""
    for table in outline.tables():
        if "indicator" in table.roles:
            for row in table.rows:
                yield table, row, row.text("indicator")


#: "cùng kỳ năm trước": the first figure after it is last year's.
_LAST_YEAR = re.compile(r"cùng kỳ|năm trước|kỳ trước")


@check("so_lieu.khac_du_lieu", "Con số về một chỉ tiêu khác số tính từ dữ liệu", ERROR, needs="figures")
def numbers_against_data(ctx: CheckContext) -> Iterator[Hit]:
    """A number about a target, in its sentence or its table row, that none of the engine's figures gives
    (after "cùng kỳ năm trước", none of last year's)."""
    figures = ctx.figures
    assert figures is not None
    for line in _body_lines(ctx.outline):
        text = line.text
        folded = fold(text)
        marks = [m.end() for x, y in clauses(text) if (m := _LAST_YEAR.search(folded, x, y))]
        last_year = {next((n.start for n in numbers(text) if n.start >= at and not n.year), -1) for at in marks}
        for a, b in sentences(text):
            targets = figures.about(text[a:b])
            found = [(n, a + n.start, a + n.start in last_year)
                     for n in numbers(text[a:b]) if not n.year and any(t.writes(n) for t in targets)]
            yield from _unexplained(targets, found, text, line.place)
    for table, row, label in _indicator_rows(ctx.outline):
        targets = figures.about(label)
        found = [(n, role) for role, cell in row.cells.items() if role not in ("stt", "indicator", "unit")
                 for n in numbers(cell.flat) if not n.year]
        if not any(t.explains(n) for t in targets for n, _role in found):
            continue  # nothing anchors the row to these targets
        for n, role in found:
            if not any(t.explains(n, earlier=role == "previous") for t in targets):
                yield Hit(table.place(row, role), _not_the_data(n, targets, role == "previous"),
                          f"{label} | {row.cells[role].flat}")


def _not_the_data(n: Number, targets, last_year: bool) -> str:
    names = "; ".join(t.label for t in targets)
    when = "cùng kỳ năm trước " if last_year else ""
    return f"số «{n.text.strip()}» không khớp số liệu {when}tính từ dữ liệu cho chỉ tiêu «{names}»"


def _unexplained(targets, found: list[tuple[Number, int, bool]], text: str, place: Place) -> Iterator[Hit]:
    if not targets or not any(any(t.explains(n) for t in targets) for n, _at, _ly in found):
        return  # nothing anchors the sentence to these targets: another subject that shares their words
    for n, at, last_year in found:
        if not any(t.explains(n, earlier=last_year) for t in targets):
            yield Hit(place, _not_the_data(n, targets, last_year), excerpt(text, at, at + len(n.text), 30))


@check("so_lieu.tang_giam_du_lieu", "Câu nói một chỉ tiêu tăng/giảm so với cùng kỳ ngược với số liệu tính từ dữ liệu",
       ERROR, needs="figures")
def rise_or_fall_against_data(ctx: CheckContext) -> Iterator[Hit]:
    """"tăng"/"giảm" (so với cùng kỳ, tiếp tục …) about a target whose figures moved the other way."""
    figures = ctx.figures
    assert figures is not None
    for line in _body_lines(ctx.outline):
        text = line.text
        folded = fold(text)
        for a, b in clauses(text):
            if not _PERIOD_CHANGE.search(folded, a, b):
                continue
            for m in _RISE_FALL.finditer(folded, a, b):
                rises = m.group(1) == "tăng"
                subject = text[a:m.start()] if text[a:m.start()].strip() else text[a:b]
                for t in figures.about(subject):
                    if t.value is None or t.previous_value is None or t.value == t.previous_value:
                        continue
                    if (t.value > t.previous_value) != rises:
                        moved = "tăng" if t.value > t.previous_value else "giảm"
                        yield Hit(line.place, f"ghi «{m.group(1)}» nhưng theo số liệu, chỉ tiêu «{t.label}» {moved} "
                                              f"so với cùng kỳ", excerpt(text, a, b, 0))


@check("so_lieu.danh_gia_du_lieu", "Đánh giá một chỉ tiêu khác kết quả tính từ dữ liệu", ERROR, needs="figures")
def verdicts_against_data(ctx: CheckContext) -> Iterator[Hit]:
    """A verdict word about a target that is not the engine's verdict for it."""
    figures = ctx.figures
    assert figures is not None
    for line in _body_lines(ctx.outline):
        for a, b in sentences(line.text):
            sentence = line.text[a:b]
            for status, start, end in verdicts(sentence):
                targets = _verdict_targets(figures, sentence, start)
                if targets and not any(agrees(status, t.status) for t in targets):
                    yield Hit(line.place, f"ghi «{sentence[start:end]}» nhưng theo số liệu, chỉ tiêu "
                                          f"«{targets[0].label}» {targets[0].status}",
                              excerpt(line.text, a + start, a + end, 40))
    for table, row, label in _indicator_rows(ctx.outline):
        status = cell_status(row.text("verdict"))
        targets = figures.about(label) if status else []
        if status and targets and not any(agrees(status, t.status) for t in targets):
            yield Hit(table.place(row, "verdict"), f"ghi «{row.text('verdict')}» nhưng theo số liệu, chỉ tiêu "
                                                   f"«{targets[0].label}» {targets[0].status}",
                      f"{label} | {row.text('verdict')}")


def _verdict_targets(figures: Figures, sentence: str, at: int) -> list[TargetFigures]:
    """The targets a verdict speaks of: those its clause names or, for a clause of a few words
    ("; chậm tiến độ"), those its sentence names."""
    clause = next((sentence[x:y] for x, y in clauses(sentence) if x <= at < y), sentence)
    return figures.about(clause) or (figures.about(sentence) if len(clause.split()) <= 4 else [])
