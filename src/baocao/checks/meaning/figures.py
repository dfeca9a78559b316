"""Words that contradict the figures printed beside them, read from the document's own sentences and tables.

"tăng" or "giảm" where the two figures the clause compares move the other way ("tăng từ 22 lên 20";
"12,3%, tăng so với cùng kỳ năm trước (13,1%)"; "tăng từ 85% (cuối năm 2020) lên 80% (…)"); a verdict its
percentage of the target does not support ("đạt 79,6% kế hoạch, đạt mục tiêu", a table row "79,6 | Đạt");
a progress verdict its figure and printed path do not support ("71,7%, …, đúng tiến độ (lộ trình đến
14/6/2023: 72,2%; …)", a Phụ lục I row "72,2 | 71,7 | … | Đúng tiến độ"). The figures against the engine's
are :mod:`.against_data`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from baocao.docread.outline import Item, Outline
from baocao.docread.tables import Row

from ..finding import ERROR, CheckContext, Hit, check
from ..text import Number, clauses, excerpt, fold, numbers, sentences

#: The verdicts a document states, in the engine's words (:mod:`baocao.indicators.model`); kept here so
#: that reading a document needs no pandas (tests/test_check_meaning.py holds them equal).
DAT, VUOT, CHUA_DAT, DUNG_TIEN_DO, CHAM_TIEN_DO = "đạt", "vượt", "chưa đạt", "đúng tiến độ", "chậm tiến độ"
KHONG_DINH_LUONG = "không định lượng"
#: Verdict phrases (folded) and the status each one states.
_VERDICT = re.compile(r"(chậm tiến độ|(?:chưa|không) (?:đạt|đúng|kịp) tiến độ)|(đúng tiến độ|kịp tiến độ)"
                      r"|(vượt (?:mục tiêu|kế hoạch|chỉ tiêu))|(không (?:đặt mức )?định lượng)"
                      r"|((?:chưa|không) đạt)|((?:đạt|hoàn thành) (?:mục tiêu|kế hoạch|chỉ tiêu))")
_VERDICT_STATUS = (CHAM_TIEN_DO, DUNG_TIEN_DO, VUOT, KHONG_DINH_LUONG, CHUA_DAT, DAT)
_PROGRESS = (DUNG_TIEN_DO, CHAM_TIEN_DO)
#: A verdict alone in a table cell.
_CELL_STATUS = {"đạt": DAT, "vượt": VUOT, "chưa đạt": CHUA_DAT, "không đạt": CHUA_DAT, "đúng tiến độ": DUNG_TIEN_DO,
                "chậm tiến độ": CHAM_TIEN_DO, "vượt mục tiêu": VUOT, "đạt mục tiêu": DAT,
                "chưa đạt mục tiêu": CHUA_DAT, "hoàn thành": DAT, "không định lượng": KHONG_DINH_LUONG}
_MET = (DAT, VUOT)
#: "bằng 79,6% mục tiêu", "đạt 87% kế hoạch".
_SHARE_OF_TARGET = re.compile(r"(?:bằng|đạt)\s+(\d+(?:,\d+)?)\s?%\s+(?:so với\s+)?(?:mục tiêu|kế hoạch|chỉ tiêu)")
#: Words saying a figure rose or fell, when a figure or a comparison follows them.
_UP, _DOWN = ("tăng", "cao hơn", "nhiều hơn", "gia tăng"), ("giảm", "thấp hơn", "ít hơn", "sụt giảm")
_DIRECTION = re.compile(r"\b(gia tăng|sụt giảm|tăng|giảm|cao hơn|thấp hơn|nhiều hơn|ít hơn)\b"
                        r"(?=\s+(?:từ\b|so\b|\d|lên\b|xuống\b|còn\b)|\s*[,(]\s*(?:so\b|\d))")
#: Between the two figures of "tăng từ A HTX (cuối năm 2020) lên B": a unit, a parenthesis, a few words, "lên".
_TO = re.compile(r"^\s*(?:[^\s()]+\s+)?(?:\([^)]*\)\s*)?(?:\S+\s+){0,2}?(?:lên|xuống|đến|còn|tới|thành)\s*$")
#: "so với" a former figure, not the target ("bằng 64,2% so với kế hoạch").
_COMPARED_WITH = re.compile(r"\bso\b(?!\s+với\s+(?:kế hoạch|mục tiêu|chỉ tiêu|lộ trình))")
#: The words before the figure last year's comparison is about: "cùng kỳ năm trước", "so với năm 2021".
LAST_YEAR = re.compile(r"cùng kỳ|năm trước|kỳ trước|so với năm (\d{4})")
#: Last year had nothing: "so với năm 2021 (chưa có)".
_NOTHING_THEN = re.compile(r"\s*\(chưa có\)")
#: The path a progress verdict was judged on: "(lộ trình đến 14/6/2023: 72,2%; …)".
_PATH = re.compile(r"lộ trình")
#: A goal the figure must stay under or shrink to ("dưới 15%", "giải thể, xóa tên dứt điểm").
_LOWER_GOAL = re.compile(r"dưới|không quá|không vượt|tối đa|trở xuống|giảm|xóa|dứt điểm|không còn")
#: The words after which a figure is the one a clause ends on ("lên 93,3%", "xuống 14,2%").
_MOVED_TO = re.compile(r"\b(?:lên|xuống|ở)\s+(?=\d)")


def verdicts(text: str) -> list[tuple[str, int, int]]:
    """``(status, start, end)`` of the verdict phrases of a text."""
    folded = fold(text)
    return [(next(s for s, g in zip(_VERDICT_STATUS, m.groups()) if g), m.start(), m.end())
            for m in _VERDICT.finditer(folded)]


def cell_status(text: str) -> str | None:
    """The status a table cell states ("Đạt", "Chậm tiến độ", "Không định lượng"), or ``None``."""
    return _CELL_STATUS.get(fold(" ".join(text.split())).rstrip("."))


def agrees(stated: str, status: str) -> bool:
    """A stated verdict against a status: the same, or both "met" (đạt / vượt)."""
    return stated == status or (stated in _MET and status in _MET)


def quantities(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """The numbers of ``text[start:end]`` that are not years."""
    stop = len(text) if end is None else end
    return [n for n in numbers(text) if start <= n.start < stop and not n.year]


def _same_unit(a: Number, b: Number) -> bool:
    return not a.unit or not b.unit or a.unit.split("/")[0] == b.unit.split("/")[0]


def _current(earlier: list[Number], previous: Number) -> Number | None:
    """The figure a comparison with ``previous`` is about: the last before it in the same unit, a unit
    written out before one left implicit."""
    return next((n for n in reversed(earlier) if n.unit and n.unit == previous.unit), None) or \
        next((n for n in reversed(earlier) if _same_unit(n, previous)), None)


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
    """The rises and falls a text states with both figures: "tăng từ A (…) lên B", "A, tăng so với … (B)"."""
    folded = fold(text)
    for a, b in clauses(text):
        for m in _DIRECTION.finditer(folded, a, b):
            word = m.group(1)
            rises = word in _UP
            later = quantities(text, m.end(), b)
            earlier = quantities(text, a, m.start())
            rest = folded[m.end():b]
            if re.match(r"\s+từ\b", rest) and len(later) >= 2 and _TO.match(folded[later[0].end:later[1].start]):
                yield Movement(word, rises, later[0], later[1], None, m.start(), b)
                continue
            compare = _COMPARED_WITH.search(rest)
            if compare is None or not earlier:
                continue
            at = m.end() + compare.start()
            change = next((n for n in later if n.start < at), None)
            previous = next((n for n in later if n.start > at), None)
            current = _current(earlier, previous) if previous is not None else None
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


def _first_quantity(text: str) -> Number | None:
    found = quantities(text)
    return found[0] if found else None


def _verdict_against_share(status: str, share: float) -> str | None:
    if status in _MET and share < 99.95:
        return f"ghi «đạt/vượt» nhưng mới bằng {share:g}% mục tiêu".replace(".", ",")
    if status == CHUA_DAT and share >= 100:
        return f"ghi «chưa đạt» nhưng đã bằng {share:g}% mục tiêu".replace(".", ",")
    return None


@check("so_lieu.danh_gia_ty_le", "Đánh giá (đạt, chưa đạt) ngược với tỷ lệ so với mục tiêu ghi cùng chỗ", ERROR)
def verdict_against_share(ctx: CheckContext) -> Iterator[Hit]:
    """A sentence or a table row whose verdict its own "% of target" contradicts."""
    for line in body_lines(ctx.outline):
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
            status, share = cell_status(row.text("verdict")), _first_quantity(row.text("percent"))
            why = _verdict_against_share(status, share.value) if status and share is not None else None
            if why:
                yield Hit(table.place(row, "verdict"), why, f"{row.text('percent')} | {row.text('verdict')}",
                          other=row.text("percent"), other_place=table.place(row, "percent"))


def on_track(figure: float, path: float, goal: str) -> str:
    """The progress verdict of a figure against its path, both as printed (docs/indicators.md §2): at
    least the path, or at most it when the goal is a ceiling or a backlog to clear."""
    ahead = figure <= path if _LOWER_GOAL.search(fold(goal)) else figure >= path
    return DUNG_TIEN_DO if ahead else CHAM_TIEN_DO


def _progress_why(stated: str, figure: Number, path: Number) -> str:
    reached = "chưa đạt" if stated == DUNG_TIEN_DO else "đã đạt"
    return f"ghi «{stated}» nhưng số thực hiện {figure.text.strip()} {reached} lộ trình {path.text.strip()}"


def last_year_figures(text: str) -> dict[int, int | None]:
    """Start of each figure a text gives as last year's → the year it names (None for "cùng kỳ"): the first
    after "cùng kỳ năm trước" or "so với năm 2021" in its clause, or the one a parenthesis after it names
    ("tăng từ 63,3% (cùng kỳ năm trước) lên 71,7%")."""
    folded = fold(text)
    out: dict[int, int | None] = {}
    for x, y in clauses(text):
        for m in LAST_YEAR.finditer(folded, x, y):
            if _NOTHING_THEN.match(text, m.end()):  # "tăng so với năm 2021 (chưa có)": no figure of last year
                continue
            opened, closed = folded.rfind("(", x, m.start()), folded.find(")", m.end(), y)
            if opened > folded.rfind(")", x, m.start()) and closed > 0 and not quantities(text, m.end(), closed):
                figure = next(iter(quantities(text, x, opened)[-1:]), None)
            else:
                figure = next(iter(quantities(text, m.end(), y)), None)
            if figure is not None:
                out.setdefault(figure.start, int(m.group(1)) if m.group(1) else None)
    return out


def _figure_judged(text: str, start: int, end: int, path: Number) -> Number | None:
    """The figure of ``text[start:end]`` a progress verdict judges: in the path's unit, not a share of the
    target, not last year's; the one after "lên"/"xuống" when the clause says the figure moved."""
    folded = fold(text)
    shares = [m.span() for m in _SHARE_OF_TARGET.finditer(folded, start, end)]
    skipped = last_year_figures(text)
    found = [n for n in quantities(text, start, end) if n.unit == path.unit and n.start not in skipped
             and not any(x <= n.start < y for x, y in shares)]
    moved = [m.end() for m in _MOVED_TO.finditer(folded, start, end)]
    after = [n for n in found if moved and n.start >= moved[-1]]
    return (after or found or [None])[0]


@check("so_lieu.danh_gia_lo_trinh", "Đánh giá tiến độ (đúng, chậm) ngược với số thực hiện và lộ trình ghi cùng chỗ",
       ERROR)
def verdict_against_path(ctx: CheckContext) -> Iterator[Hit]:
    """"đúng tiến độ" where the printed figure is behind its printed path, "chậm tiến độ" where it is not."""
    for line in body_lines(ctx.outline):
        text = line.text
        folded = fold(text)
        for a, b in clauses(text):
            path_at = _PATH.search(folded, a, b)
            stated = [(s, a + x, a + y) for s, x, y in verdicts(text[a:b]) if s in _PROGRESS]
            if path_at is None or len(stated) != 1:
                continue
            status, start, end = stated[0]
            path = next(iter(quantities(text, path_at.end(), b)), None)
            figure = _figure_judged(text, a, min(start, path_at.start()), path) if path is not None else None
            if figure is None or path is None:
                continue
            goal = folded[path.end:b]
            if on_track(figure.value, path.value, goal) != status:
                yield Hit(line.place, _progress_why(status, figure, path), excerpt(text, figure.start, path.end, 5))
    for table in ctx.outline.tables():
        if not {"path", "value", "verdict"} <= set(table.roles):
            continue
        for row in table.rows:
            yield from _row_against_path(table, row)


def _row_against_path(table, row: Row) -> Iterator[Hit]:
    status = cell_status(row.text("verdict"))
    path, value = quantities(row.text("path")), quantities(row.text("value"))
    if status not in _PROGRESS or len(path) != 1 or len(value) != 1:
        return  # no progress verdict, or a distribution (one figure per class)
    if on_track(value[0].value, path[0].value, row.text("goal")) != status:
        yield Hit(table.place(row, "verdict"), _progress_why(status, value[0], path[0]),
                  f"{row.text('path')} | {row.text('value')} | {row.text('verdict')}",
                  other=row.text("path"), other_place=table.place(row, "path"))


def body_lines(outline: Outline) -> list[Item]:
    """The body's paragraphs (and labelled lines) that are not headings, the body of the plan a decision
    issues included (:meth:`~baocao.docread.outline.Outline.items`)."""
    return [i for i in outline.items() if i.kind != "heading"]
