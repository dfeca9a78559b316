"""Reading Vietnamese sentences for the checks: words folded for comparison, numbers with their units,
clauses, excerpts around a span.

Folding makes "Ủy ban" and "Uỷ ban", "hòa" and "hoà", "HTX" and "htx" compare equal; it never
changes what a finding quotes (excerpts are cut from the text as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from baocao.vnformat import nfc

#: Old-style tone placement ("hoà", "uỷ") → the placement baocao writes ("hòa", "ủy"), at a syllable's end.
_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
          "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_TONE = re.compile(r"(?<!q)(" + "|".join(_TONES) + r")(?![^\W\d_])")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")


def fold(text: str) -> str:
    """Lower case, NFC, one tone placement: the form words are compared in."""
    return _TONE.sub(lambda m: _TONES[m.group(1)], nfc(text).lower())


@dataclass(frozen=True)
class Token:
    """A word or a number of a text: folded form and where it stands in the text."""

    word: str
    start: int
    end: int

    @property
    def numeric(self) -> bool:
        return self.word[:1].isdigit()


def tokens(text: str) -> list[Token]:
    """The words and numbers of ``text`` (punctuation and spaces dropped), folded."""
    folded = fold(text)  # same length as ``text``: folding swaps characters one for one
    return [Token(m.group(0), m.start(), m.end()) for m in _WORD.finditer(folded)]


# --------------------------------------------------------------------------- numbers

#: A number as written in running text: "1.234,5", "87,3", "05", "1.5" (the English way), with an optional
#: "%" after it. Parts of dates ("14/6/2023") and symbols ("188/KH-LMHTX") are not numbers; the two
#: parts of a count "43/60" are.
_FIGURE = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d+"
_NUMBER = re.compile(rf"(?<![\w/.,])({_FIGURE})(?![\w/]|[.,]\d)(\s?%)?")
_FRACTION = re.compile(rf"(?<![\w/.,])({_FIGURE})/({_FIGURE})(?![\w/]|[.,]\d)")
_UNIT_AFTER = re.compile(r"\s*(?:%|[^\W\d_]+(?:/[^\W\d_]+)?)")


@dataclass(frozen=True)
class Number:
    """A number in a text: its value, its form, the word after it (its unit) and where it stands."""

    value: float
    text: str  # as written, "%" included
    start: int
    end: int
    decimals: int  # digits written after the decimal mark
    unit: str  # folded: "%", "htx", "tỷ", "lần"… ("" when none)
    english: bool = False  # "1.5", "1,234": written the English way

    def matches(self, figure: float) -> bool:
        """True when ``figure`` rounds to this number as written (71,66… matches "71,7")."""
        return abs(figure - self.value) <= 0.5 * 10 ** -self.decimals + 1e-9

    @property
    def year(self) -> bool:
        """A bare four-digit year (1990–2100), not a quantity."""
        return self.decimals == 0 and self.text.isdigit() and 1990 <= self.value <= 2100 and not self.unit == "%"


def _number(text: str, raw: str, start: int, end: int, percent: bool) -> Number:
    english = bool(re.fullmatch(r"\d+\.\d+", raw)) and not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw)
    if english:
        value, decimals = float(raw), len(raw.split(".")[1])
    else:
        whole, _, frac = raw.replace(".", "").partition(",")
        value, decimals = float(f"{whole}.{frac or 0}"), len(frac)
    if percent:
        unit = "%"
    else:
        after = _UNIT_AFTER.match(text, end)
        unit = fold(after.group(0).strip()) if after else ""
    return Number(value, text[start:end], start, end, decimals, unit, english)


def numbers(text: str) -> list[Number]:
    """The numbers of a text in order, each with the word after it (both parts of "43/60 xã" have "xã")."""
    out = [_number(text, m.group(1), m.start(), m.end(), bool(m.group(2))) for m in _NUMBER.finditer(text)]
    for m in _FRACTION.finditer(text):
        den = _number(text, m.group(2), m.start(2), m.end(2), False)
        num = _number(text, m.group(1), m.start(1), m.end(1), False)
        out += [Number(num.value, num.text, num.start, num.end, num.decimals, den.unit), den]
    return sorted(out, key=lambda n: n.start)


# --------------------------------------------------------------------------- clauses and excerpts

_CLAUSE_END = re.compile(r"[;!?]|\.(?=\s|$)(?<!\d\.)|\.(?=\s+[A-ZĐÀ-Ỹ])")


def _parenthesised(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the outermost parentheses of a text (an unclosed one runs to its end)."""
    out, depth, opened = [], 0, 0
    for m in re.finditer(r"[()]", text):
        if m.group(0) == "(":
            opened = m.start() if depth == 0 else opened
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                out.append((opened, m.end()))
    return out + ([(opened, len(text))] if depth else [])


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    return any(x < at < y for x, y in spans)


def clauses(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the clauses of a text: split at ";", "!", "?" and a sentence's full stop, never
    inside parentheses ("chậm tiến độ (lộ trình: 72,2%; mục tiêu năm 2025: 90%)" is one clause)."""
    out, start = [], 0
    spans = _parenthesised(text) if "(" in text else []
    for m in _CLAUSE_END.finditer(text):
        if spans and _inside(spans, m.start()):
            continue
        if text[start:m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


#: A goal quoted from the plan: "(…; mục tiêu năm 2025: 5 HTX)", "đạt mục tiêu năm 2025 (90% trở lên)".
_GOAL_QUOTE = re.compile(r"mục tiêu[^,;:()]*(?::\s*([^;)]*)|\s*\(([^)]*)\))")


def goal_quotes(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the goals a text quotes in parentheses after "mục tiêu": the plan's words, which
    keep the plan's way of writing numbers and words ("tăng 1,5 lần") whatever the sentence around says."""
    folded = fold(text)
    if "mục tiêu" not in folded:
        return []
    spans = _parenthesised(text)
    out = []
    for m in _GOAL_QUOTE.finditer(folded):
        group = 1 if m.group(1) is not None else 2
        if group == 2 or _inside(spans, m.start()):
            out.append(m.span(group))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of a text: split after ".", "!" or "?" followed by a capital."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=\S)", text):
        if text[m.end()].isupper() and not re.search(r"\b(?:TP|Tp|ThS|TS|PGS|GS|Q|KT|TL|TM|TUQ)\.$", text[start:m.start()]):
            out.append((start, m.start()))
            start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def excerpt(text: str, start: int, end: int, width: int = 30) -> str:
    """The text around ``text[start:end]``, cut at word boundaries with "…"."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    if lo:
        lo = text.find(" ", lo, start) + 1 or lo
    if hi < len(text):
        hi = text.rfind(" ", end, hi) if text.rfind(" ", end, hi) > 0 else hi
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")
