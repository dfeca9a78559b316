"""A list that names an item twice ("thanh niên, phụ nữ, cựu chiến binh, phụ nữ") and a number written
two ways in one document ("05 HTX" here, "5 HTX" there; "1,5 lần" and "1.5 lần")."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from baocao.docread.outline import Outline
from baocao.docread.places import Place

from ..finding import ERROR, REVIEW, CheckContext, Hit, check
from ..text import Number, clauses, excerpt, fold, goal_quotes, numbers

#: Items of a list are short: a longer part of a sentence between commas is prose, not an item.
ITEM_WORDS = 4
_SEPARATOR = re.compile(r",(?!\d)|\s+(?:và|hoặc)\s+")


@dataclass(frozen=True)
class Part:
    """A part of a clause between commas ("và", "hoặc"): its words and numbers folded, where it stands."""

    words: tuple[str, ...]
    start: int
    end: int

    @property
    def item(self) -> bool:
        """Short, with a word: an item of a list, not prose."""
        return any(not w[0].isdigit() for w in self.words) and len(self.words) <= ITEM_WORDS


#: The label a paragraph opens with ("2.2.", "14.", "a)", "-"): not a word of its first item.
_LABEL = re.compile(r"\s*(?:(?:\d+\.)+\d*|[IVX]+\.|[a-zđ]\)|[-–+•])\s+")


def clause_parts(clause: str) -> list[Part]:
    """The comma-separated parts of a clause; numbers belong to their part ("khu vực 1: 25%"), the
    paragraph's label does not."""
    label = _LABEL.match(clause)
    out, start = [], label.end() if label else 0
    for m in [*_SEPARATOR.finditer(clause), None]:
        end = m.start() if m else len(clause)
        part = clause[start:end]
        lead = len(part) - len(part.lstrip())
        out.append(Part(tuple(fold(w) for w in re.findall(r"[^\W\d_]+|\d+(?:[.,]\d+)*", part)), start + lead, end))
        if m:
            start = m.end()
    return out


def _same_run(parts: list[Part], i: int, j: int) -> bool:
    """Parts i and j have the same neighbours: a run of items said twice ("các bộ, ban, ngành … các bộ, ban,
    ngành liên quan"), not one item repeated in a list."""
    def around(k: int) -> tuple[str | None, str | None]:
        before = parts[k - 1].words[-1:] if k > 0 else ()
        after = parts[k + 1].words[:1] if k + 1 < len(parts) else ()
        return (before[0] if before else None, after[0] if after else None)
    return around(i) == around(j)


@check("liet_ke.lap_muc", "Liệt kê lặp lại một mục", ERROR)
def repeated_item(ctx: CheckContext) -> Iterator[Hit]:
    """The same short item twice in one list (one clause)."""
    for line in ctx.outline.texts():
        text = line.flat
        for a, b in clauses(text):
            parts = clause_parts(text[a:b])
            seen: dict[tuple[str, ...], int] = {}
            for k, part in enumerate(parts):
                if not part.item:
                    continue
                first = seen.setdefault(part.words, k)
                if first != k and not _same_run(parts, first, k):
                    yield Hit(line.place, f"mục «{text[a + part.start:a + part.end]}» được liệt kê hai lần trong cùng "
                                          "một câu", excerpt(text, a + parts[first].start, a + part.end, 25))
                    break


def _form(n: Number) -> str:
    """How a number is written, apart from its value: "05" vs "5", "1.5" vs "1,5", "1000" vs "1.000"."""
    digits = n.text.rstrip("% ")
    if n.english:
        return "english"
    if n.decimals == 0 and len(digits) > 1 and digits.startswith("0"):
        return "leading zero"
    if n.value >= 1000 and n.decimals == 0 and "." not in digits:
        return "ungrouped"
    return "plain" + (" spaced %" if n.text.endswith(" %") else "")


def _quoted_cells(outline: Outline) -> set[tuple[int | None, int | None, int | None]]:
    """(table, row, column) of the cells that quote the plan: the goal column of a table of indicators and
    the task column of a table of progress (one with a status or result column)."""
    out = set()
    for table in outline.tables():
        quoted = ["goal"] + (["task"] if {"status", "result"} & set(table.roles) else [])
        for row in table.rows:
            out |= {(p.table, p.row, p.column) for role in quoted if role in row.cells
                    for p in [table.place(row, role)]}
    return out


@check("so_lieu.viet_hai_cach", "Một con số được viết hai cách trong cùng văn bản", REVIEW)
def number_two_ways(ctx: CheckContext) -> Iterator[Hit]:
    """The same value with the same unit written in two forms; the less used form is reported. The plan's
    words a report quotes (a goal after "mục tiêu", the goal and task columns of its appendices) keep the
    plan's forms and are left out."""
    seen: dict[tuple[float, str], list[tuple[str, Number, str, Place]]] = defaultdict(list)
    quoted = _quoted_cells(ctx.outline)
    for line in ctx.outline.texts():
        if (line.place.table, line.place.row, line.place.column) in quoted:
            continue
        text = line.flat
        goals = goal_quotes(text)
        for n in numbers(text):
            if n.unit and not n.year and not any(x <= n.start < y for x, y in goals):
                seen[(n.value, n.unit.split("/")[0])].append((_form(n), n, excerpt(text, n.start, n.end, 25), line.place))
    for found in seen.values():
        forms = Counter(form for form, *_ in found)
        if len(forms) < 2:
            continue
        common = forms.most_common(1)[0][0]
        ref = next(x for x in found if x[0] == common)
        for form, n, text, place in found:
            if form != common:
                yield Hit(place, f"«{n.text.strip()}» được viết khác với «{ref[1].text.strip()}» ở nơi khác "
                                 "(cùng một số, cùng đơn vị)", text, other=ref[2], other_place=ref[3])
