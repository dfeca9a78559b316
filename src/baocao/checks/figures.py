"""The engine's figures, as the checks hold a document against them.

For each target: the words that name it (from its label), the units its figures are written in, every
figure the engine computed for it at the report's cut-off and at the same cut-off a year before
(values, counts, percentages of target, path values, the numbers of its own sentence), and its
verdict at the cut-off. :meth:`Figures.about` tells which targets a sentence speaks of, from its
words alone — never from baocao's templates — so a report written in other words is checked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .text import fold, numbers, tokens

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


def _measured(a: "Assessment") -> Iterator[float]:
    """What was measured at a cut-off (not the target, the baseline or the path): value, counts, % of the
    target, the classes of a distribution, and the numbers of the engine's sentence."""
    yield from (x for x in (a.value, a.numerator, a.denominator, a.percent_of_target) if x is not None)
    for c in a.classes:
        yield from (x for x in (c.value, c.numerator, c.percent_of_target) if x is not None)
    yield from (n.value for n in numbers(a.sentence))


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
    value: float | None
    previous_value: float | None
    status: str

    def explains(self, n: "Number", *, earlier: bool = False) -> bool:
        """True when the number, as written, is one of the engine's figures for this target (with
        ``earlier``: one of last year's)."""
        return any(n.matches(x) for x in (self.earlier if earlier else self.known))

    def writes(self, n: "Number") -> bool:
        """True when the number is written in a unit this target's figures use."""
        return _unit_word(n.unit) in self.units or n.unit.split("/")[0] in self.units


@dataclass(frozen=True)
class Figures:
    """The engine's figures of every target (see the module docstring)."""

    targets: tuple[TargetFigures, ...]

    @classmethod
    def from_assessments(cls, assessments: Iterable["Assessment"], plan: "Plan | None" = None) -> "Figures":
        """From the engine's assessments at the report's cut-off and, optionally, at the same cut-off a
        year before (the latest cut-off of a target is the report's)."""
        by_target: dict[str, list["Assessment"]] = {}
        for a in assessments:
            by_target.setdefault(a.target_id, []).append(a)
        quotes = {t.id: t.quote for t in plan.targets()} if plan is not None else {}
        out = []
        for target_id, found in by_target.items():
            found.sort(key=lambda a: a.cutoff)
            current = found[-1]
            known: list[float] = []
            earlier = [x for a in found[:-1] for x in _measured(a)]
            units = {_unit_word(current.unit)}
            for a in found:
                known += _walk(a.to_dict())
                units |= {_unit_word(n.unit) for n in numbers(a.sentence) if n.unit}
            for a, b in zip(found, found[1:]):
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
            previous = found[-2] if len(found) > 1 else None
            out.append(TargetFigures(target_id, current.label, words, phrase, frozenset(u for u in units if u),
                                     tuple(sorted(set(known))), tuple(sorted(set(earlier))), current.value,
                                     previous.value if previous is not None else None, current.status))
        return cls(tuple(out))

    def about(self, text: str) -> list[TargetFigures]:
        """The targets a text speaks of: it holds most of the words of their label or of the engine's
        sentence about them (three words at least), or the label's words in a row ("xã có HTX")."""
        words = [t.word for t in tokens(text)]
        have, joined = set(words), f" {' '.join(words)} "
        return [t for t in self.targets if (len(t.phrase) >= 2 and f" {' '.join(t.phrase)} " in joined)
                or any(len(w) >= 3 and len(w & have) >= ABOUT * len(w) for w in t.words)]
