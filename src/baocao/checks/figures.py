"""The engine's figures, as the checks hold a document against them.

For each target: the words that name it (from its label), the units its figures are written in, every
figure the engine computed for it at the report's cut-off and at the same cut-off a year before
(values, counts, percentages of target, path values, the numbers of its own sentence), and its
verdicts at the cut-off (the report's, with estimates for the year under way, and the one without). :meth:`Figures.about` tells which targets a sentence speaks of, from its
words alone — never from baocao's templates — so a report written in other words is checked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .text import fold, goal_quotes, numbers, tokens

if TYPE_CHECKING:
    from baocao.indicators.model import Assessment
    from baocao.plan.model import Plan

    from .text import Number

#: Words of a label that do not tell targets apart.
_COMMON_WORDS = frozenset("""tỷ lệ số có các của được và với so trong mỗi bình quân năm cuối giai đoạn đã cho
theo từ đến là một những tại""".split())
#: Words of the engine's sentences that say when and how, not what.
_SENTENCE_WORDS = frozenset("""đến đạt bằng mục tiêu đúng chậm tiến độ chưa vượt số liệu kỳ kế hoạch đầu cùng trước
ngày tháng""".split())
#: Share of a target's label words a sentence must hold to speak of it.
ABOUT = 0.8


def _unit_word(unit: str) -> str:
    """The first word of a unit as :func:`~baocao.checks.text.numbers` reads it: "HTX/năm" → "htx"."""
    return "%" if unit.strip() == "%" else fold(re.split(r"[\s/]", unit.strip())[0]) if unit.strip() else ""


def _walk(value: Any) -> Iterator[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield float(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            if k != "communes":
                yield from _walk(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _walk(v)
    elif isinstance(value, str) and any(ch.isdigit() for ch in value):
        yield from (n.value for n in numbers(value))


#: The path and goal the engine's sentence prints beside its figure: "(lộ trình đến …: 68,7%; mục tiêu …)".
_PATH_AND_GOAL = re.compile(r"\([^()]*lộ trình[^()]*\)")


def _measured(a: "Assessment") -> Iterator[float]:
    """What was measured at a cut-off (not the target, the baseline or the path): value, counts, % of the
    target, the classes of a distribution, and the numbers of the engine's sentence but its path and goal."""
    yield from (x for x in (a.value, a.numerator, a.denominator, a.percent_of_target) if x is not None)
    for c in a.classes:
        yield from (x for x in (c.value, c.numerator, c.percent_of_target) if x is not None)
    sentence = _PATH_AND_GOAL.sub(" ", a.sentence)
    quoted = goal_quotes(sentence)
    yield from (n.value for n in numbers(sentence) if not any(x <= n.start < y for x, y in quoted))


#: "ước thực hiện", "ước tính", "ước đạt", "ước cả năm": a figure estimated for the year under way.
_ESTIMATE = re.compile(r"\bước\b")


@dataclass(frozen=True)
class Reading:
    """A target's figure at the report's cut-off and its verdict. A report may print two: the figure with
    an estimate for the year under way ("ước thực hiện năm 2025") and the figure without one ("Thực hiện
    đến 14/12/2025"), each with its own verdict."""

    value: float | None
    status: str
    estimated: bool
    classes: tuple[tuple[str, str], ...] = ()  # (folded class label, status) of a distribution


@dataclass(frozen=True)
class TargetFigures:
    """One target as the engine sees it at the report's cut-off."""

    target_id: str
    label: str
    words: tuple[frozenset[str], ...]  # the label's words, without and with its parenthesis; its sentence's
    phrase: tuple[str, ...]  # the label's words after "tỷ lệ"/"số", for labels of few words
    units: frozenset[str]
    known: tuple[float, ...]  # every figure, this period and the same period last year
    earlier: tuple[float, ...]  # the figures of the same period last year
    readings: tuple[Reading, ...]  # at the cut-off: the report's own figure first
    previous_value: float | None
    previous_year: int | None  # the year last year's figure describes

    @property
    def value(self) -> float | None:
        return self.readings[0].value

    @property
    def status(self) -> str:
        return self.readings[0].status

    def explains(self, n: "Number", *, earlier: bool = False) -> bool:
        """True when the number, as written, is one of the engine's figures for this target (with
        ``earlier``: one of last year's, when the engine has any)."""
        return any(n.matches(x) for x in (self.earlier if earlier and self.earlier else self.known))

    def writes(self, n: "Number") -> bool:
        """True when the number is written in a unit this target's figures use."""
        return _unit_word(n.unit) in self.units or n.unit.split("/")[0] in self.units

    def judged(self, text: str, *, estimate: bool | None = None) -> list[Reading]:
        """The figures a verdict in ``text`` speaks of: the estimate when the text says "ước" (or
        ``estimate``), else the figure without one; of these, those whose value the text prints."""
        found = list(self.readings)
        if len(found) > 1:
            wants = _ESTIMATE.search(fold(text)) is not None if estimate is None else estimate
            found = [r for r in found if r.estimated == wants] or found
            shown = numbers(text)
            found = [r for r in found if r.value is not None and any(n.matches(r.value) for n in shown)] or found
        return found


def _readings(found: list["Assessment"]) -> tuple[Reading, ...]:
    out: list[Reading] = []
    for a in found:
        reading = Reading(a.value, a.status, a.estimated, tuple((fold(c.label), c.status) for c in a.classes))
        if reading not in out:
            out.append(reading)
    return tuple(out)


@dataclass(frozen=True)
class Figures:
    """The engine's figures of every target (see the module docstring)."""

    targets: tuple[TargetFigures, ...]

    @classmethod
    def from_assessments(cls, assessments: Iterable["Assessment"], plan: "Plan | None" = None) -> "Figures":
        """From the engine's assessments at the report's cut-off (with and without estimates) and,
        optionally, at the same cut-off a year before (the latest cut-off of a target is the report's)."""
        by_target: dict[str, list["Assessment"]] = {}
        for a in assessments:
            by_target.setdefault(a.target_id, []).append(a)
        quotes = {t.id: t.quote for t in plan.targets()} if plan is not None else {}
        out = []
        for target_id, found in by_target.items():
            cutoff = max(a.cutoff for a in found)
            latest = [a for a in found if a.cutoff == cutoff]  # the report's figure first
            before = sorted((a for a in found if a.cutoff < cutoff), key=lambda a: a.cutoff)
            current = latest[0]
            known: list[float] = []
            earlier = [x for a in before for x in _measured(a)]
            units = {_unit_word(current.unit)}
            for a in found:
                known += [*_walk(a.to_dict()), *_walk(a.detail)]
                units |= {_unit_word(n.unit) for n in numbers(a.sentence) if n.unit}
            for a in before[-1:]:
                for b in latest:
                    for x, y in ((a.value, b.value), (a.numerator, b.numerator)):
                        if x is not None and y is not None:
                            known.append(abs(y - x))
            known += (n.value for n in numbers(current.label + " " + quotes.get(target_id, "")))
            label_words = [t.word for t in tokens(re.sub(r"\([^)]*\)", " ", current.label))]
            words = tuple(frozenset(t.word for t in tokens(label) if not t.numeric and t.word not in _COMMON_WORDS)
                          for label in (re.sub(r"\([^)]*\)", " ", current.label), current.label))
            words += (frozenset(t.word for t in tokens(current.sentence) if not t.numeric)
                      - _COMMON_WORDS - _SENTENCE_WORDS,)
            phrase = tuple(label_words[2:] if label_words[:2] in (["tỷ", "lệ"], ["tổng", "số"]) else
                           label_words[1:] if label_words[:1] == ["số"] else label_words)
            previous = before[-1] if before else None
            out.append(TargetFigures(
                target_id, current.label, words, phrase, frozenset(u for u in units if u), tuple(sorted(set(known))),
                tuple(sorted(set(earlier))), _readings(latest), previous.value if previous is not None else None,
                (previous.data_date or previous.cutoff).year if previous is not None else None))
        return cls(tuple(out))

    def about(self, text: str) -> list[TargetFigures]:
        """The targets a text speaks of: it holds most of the words of their label or of the engine's
        sentence about them (three words at least), or the label's words in a row ("xã có HTX")."""
        return [t for t, _score in self._scored(text)]

    def named(self, text: str) -> list[TargetFigures]:
        """The targets a text names most fully, for what speaks of one target (a verdict): of "… được tuyên
        truyền …" the target of those trained is left out though it shares most of its words."""
        scored = self._scored(text)
        best = max((score for _t, score in scored), default=0.0)
        return [t for t, score in scored if score == best]

    def _scored(self, text: str) -> list[tuple[TargetFigures, float]]:
        words = [t.word for t in tokens(text)]
        have, joined = set(words), f" {' '.join(words)} "
        out = []
        for t in self.targets:
            shares = [len(w & have) / len(w) for w in t.words if len(w) >= 3]
            score = max((x for x in shares if x >= ABOUT), default=0.0)
            if len(t.phrase) >= 2 and f" {' '.join(t.phrase)} " in joined:
                score = max(score, 1.0)
            if score:
                out.append((t, score))
        return out
