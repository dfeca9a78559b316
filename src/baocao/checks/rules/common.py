"""Small helpers the rules share: Vietnamese figures and excerpts in a finding's detail."""

from __future__ import annotations

from collections.abc import Iterable

from baocao import vnformat as vn
from baocao.docx import oxml as ox

from ..rule import NA, Verdict

#: The verdict of a rule on the main document's parts when the file is an appendix on its own.
ALONE: Verdict = (NA, "phụ lục tách riêng")


def mm(twips: int | None) -> str:
    """A length in twips as millimetres with one decimal, the Vietnamese way: "20,0"."""
    return "?" if twips is None else vn.number(ox.twips_to_mm(twips), 1)


def sizes(values: Iterable[float]) -> str:
    """Font sizes, smallest first: "12, 13,5"."""
    return ", ".join(vn.number(z) for z in sorted(values))


def span(bounds: tuple[float, float]) -> str:
    """A range of figures: "13–14"."""
    return f"{vn.number(bounds[0])}–{vn.number(bounds[1])}"


def within(value: float, bounds: tuple[float, float]) -> bool:
    """True when ``value`` lies in the closed range ``bounds``."""
    return bounds[0] <= value <= bounds[1]


def short(text: str, width: int = 50) -> str:
    """``text`` cut to ``width`` characters with "…" (whitespace collapsed)."""
    text = vn.norm_space(text)
    return text if len(text) <= width else text[: width - 1] + "…"
