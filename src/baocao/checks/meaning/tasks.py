"""The body and its appendix table: each task row is paired with the body paragraph that restates it,
and the two are compared word by word.

Pairing needs no plan file: a row and a body item are paired when most of the row's words appear in
the item in the same order (the body may add words after the task, as a report adds the unit and the
result). Differences inside the pair are figures (a number, a year, the unit after a number) or
wording. A row no item restates, and a body item under a heading whose other items are all in the
appendix but which is itself missing there, are reported apart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from baocao.docread.outline import Outline
from baocao.docread.places import Place
from baocao.docread.tables import RoleTable

from ..finding import ERROR, REVIEW, CheckContext, Hit, check
from ..text import Token, tokens

#: Share of a row's words an item must hold, in order, to restate the row; a further item restating
#: the same row (a report repeats a task under its results and its next steps) must hold more.
PAIRED, REPEATED = 0.6, 0.9
#: Words shown on each side of a difference.
CONTEXT = 2
#: Words found in more than this share of the body's items do not help to find a row's item.
COMMON = 0.3
#: An item's own words before the task ("Hoàn thành dứt điểm (đã đến hạn…): …") longer than this are a
#: lead-in, not a difference.
LEAD_IN = 4


@dataclass(frozen=True)
class TaskText:
    """A task as written in one place: the text, its words, its place."""

    text: str
    words: tuple[Token, ...]
    place: Place
    kind: str = ""  # a body item's kind ("dash", "numbered"…); "" for a row

    def span(self, i: int, j: int, context: int = 0) -> str:
        """The text of words ``i``..``j`` (with ``context`` words around), as written."""
        lo, hi = max(0, i - context), min(len(self.words), j + context)
        if lo >= hi:
            return ""
        return self.text[self.words[lo].start:self.words[hi - 1].end]


@dataclass(frozen=True)
class Difference:
    """Words that differ between a row and its item; ``figure`` when a number or its unit differs."""

    row: str
    item: str
    figure: bool


@dataclass
class Pair:
    row: TaskText
    item: TaskText
    coverage: float
    differences: list[Difference] = field(default_factory=list)


@dataclass
class Pairing:
    """The appendix rows and body items, paired."""

    pairs: list[Pair]
    lone_rows: list[TaskText]  # rows that no body item restates
    lone_items: list[TaskText]  # body items under task headings that no row holds (assignment tables only)
    restated: bool  # at least half the rows are restated in the body: the document copies its tasks


def assigns(table: RoleTable) -> bool:
    """True for an assignment table (task, lead unit, time; no status or result column): every task of
    the body should have its row. A progress table (a report's) lists only the tasks of its period."""
    return {"task", "lead"} <= set(table.roles) and not {"status", "result", "verdict"} & set(table.roles)


def appendix_tasks(outline: Outline) -> list[TaskText]:
    """The task rows of every table with a task column (group rows left out)."""
    out = []
    for table in outline.tables():
        if "task" not in table.roles:
            continue
        for row in table.rows:
            text = row.text("task")
            if row.kind == "item" and text:
                out.append(TaskText(text, tuple(tokens(text)), table.place(row, "task")))
    return out


def body_tasks(outline: Outline) -> list[TaskText]:
    """The body's items that could restate a task (headings and short lines left out), the body of the
    plan a decision issues included."""
    out = []
    for item in outline.items():
        if item.kind != "heading":
            words = tuple(tokens(item.text))
            if len(words) >= 6:
                out.append(TaskText(item.text, words, item.place, item.kind))
    return out


def _differences(row: TaskText, item: TaskText) -> list[Difference]:
    sm = SequenceMatcher(None, [w.word for w in row.words], [w.word for w in item.words], autojunk=False)
    ops = sm.get_opcodes()
    equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
    if not equal:
        return []
    out = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            continue
        if k < equal[0] and i1 == i2 and (j2 - j1 > LEAD_IN or item.text[item.words[j2 - 1].end:].lstrip()[:1] == ":"):
            continue  # the item's own lead-in before the task
        if k > equal[-1]:
            if i1 == i2:
                continue  # the item goes on after the task (unit, result…)
            j2 = min(j2, j1 + (i2 - i1))
        numeric = any(w.numeric for w in (*row.words[i1:i2], *item.words[j1:j2]))
        after_number = i1 > 0 and row.words[i1 - 1].numeric
        out.append(Difference(row.span(i1, i2, CONTEXT), item.span(j1, j2, CONTEXT), numeric or after_number))
    return out


def pair_tasks(outline: Outline) -> Pairing:
    """Pair the appendix's task rows with the body items that restate them."""
    rows, items = appendix_tasks(outline), body_tasks(outline)
    index: dict[str, set[int]] = defaultdict(set)
    for n, item in enumerate(items):
        for w in item.words:
            index[w.word].add(n)
    limit = max(3, COMMON * len(items))
    best: dict[int, tuple[float, int]] = {}
    exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        exact[tuple(w.word for w in item.words)].append(n)
    matchers: dict[int, SequenceMatcher] = {}
    identical: set[int] = set()
    for r, row in enumerate(rows):
        row_words = [w.word for w in row.words]
        same = [n for n in exact.get(tuple(row_words), []) if n not in best]
        if same:  # written the same: no need to align (the first free copy, in order)
            best[same[0]] = (1.0, r)
            identical.add(same[0])
            continue
        votes: Counter[int] = Counter()
        for word in {w.word for w in row.words}:
            if len(index.get(word, ())) <= limit:
                votes.update(index[word])
        for n, _votes in votes.most_common(4):
            sm = matchers.setdefault(n, SequenceMatcher(None, b=[w.word for w in items[n].words], autojunk=False))
            sm.set_seq1(row_words)
            coverage = sum(b.size for b in sm.get_matching_blocks()) / max(1, len(row_words))
            if coverage >= PAIRED and (n not in best or coverage > best[n][0]):
                best[n] = (coverage, r)
    by_row: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for n, (coverage, r) in best.items():
        by_row[r].append((coverage, n))
    kept = [(n, r, coverage) for r, found in by_row.items()
            for k, (coverage, n) in enumerate(sorted(found, key=lambda x: (-x[0], x[1])))
            if k == 0 or coverage >= REPEATED]
    pairs = [Pair(rows[r], items[n], coverage, [] if n in identical else _differences(rows[r], items[n]))
             for n, r, coverage in sorted(kept)]
    paired_rows = {id(p.row) for p in pairs}
    lone_rows = [row for row in rows if id(row) not in paired_rows]
    under: Counter[str] = Counter(item.place.heading for item in items)
    paired_under: Counter[str] = Counter(p.item.place.heading for p in pairs)
    task_headings = {h for h, n in paired_under.items() if n >= 0.5 * under[h]}
    paired_items = {id(p.item) for p in pairs}
    lone_items = [item for item in items if item.place.heading in task_headings and id(item) not in paired_items
                  and item.kind in ("dash", "plus", "numbered")]
    if not any(assigns(t) for t in outline.tables()):
        lone_items = []
    return Pairing(pairs, lone_rows, lone_items, bool(rows) and len(paired_rows) >= 0.5 * len(rows))


def _pairing(ctx: CheckContext) -> Pairing:
    return ctx.derived("tasks.pairing", lambda c: pair_tasks(c.outline))


def _side_by_side(differences: list[Difference]) -> tuple[str, str, str]:
    shown = differences[:3]
    body = " … ".join(f"«{d.item}»" for d in shown)
    appendix = " … ".join(f"«{d.row}»" for d in shown)
    more = f" và {len(differences) - 3} chỗ khác" if len(differences) > 3 else ""
    return body, appendix, more


def _disagreements(ctx: CheckContext, figures: bool) -> Iterator[Hit]:
    for pair in _pairing(ctx).pairs:
        if not pair.differences or any(d.figure for d in pair.differences) != figures:
            continue
        body, appendix, more = _side_by_side(pair.differences)
        what = "số liệu, năm hoặc đơn vị tính" if figures else "câu chữ"
        yield Hit(pair.item.place, f"nhiệm vụ ở thân văn bản và ở phụ lục khác nhau về {what}: "
                                   f"{body} ở thân, {appendix} ở phụ lục{more}",
                  pair.item.text, other=pair.row.text, other_place=pair.row.place)


@check("phu_luc.khac_so_lieu", "Nhiệm vụ ở thân văn bản và phụ lục khác số liệu, năm, đơn vị tính", ERROR)
def task_figures(ctx: CheckContext) -> Iterator[Hit]:
    """A task restated with another number, year range or unit."""
    return _disagreements(ctx, figures=True)


@check("phu_luc.khac_cau_chu", "Nhiệm vụ ở thân văn bản và phụ lục khác câu chữ", REVIEW)
def task_words(ctx: CheckContext) -> Iterator[Hit]:
    """A task restated with other words (figures equal)."""
    return _disagreements(ctx, figures=False)


@check("phu_luc.khong_co_o_than", "Nhiệm vụ ở phụ lục không có ở thân văn bản", REVIEW)
def rows_without_body(ctx: CheckContext) -> Iterator[Hit]:
    """An appendix row the body does not restate, when the body restates the others."""
    pairing = _pairing(ctx)
    if pairing.restated:
        for row in pairing.lone_rows:
            yield Hit(row.place, "nhiệm vụ có ở bảng phụ lục nhưng không thấy ở thân văn bản", row.text)


@check("phu_luc.thieu_o_phu_luc", "Nhiệm vụ ở thân văn bản không có ở phụ lục", ERROR)
def body_without_row(ctx: CheckContext) -> Iterator[Hit]:
    """A body item missing from the appendix, among items that are all in it."""
    for item in _pairing(ctx).lone_items:
        yield Hit(item.place, "nhiệm vụ ở thân văn bản không có trong bảng phụ lục (chưa được phân công)", item.text)
