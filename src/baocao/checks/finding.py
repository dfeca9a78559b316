"""What a reading check is and what it reports: a :class:`Check` (code, Vietnamese title, severity,
function) yields :class:`Hit` objects; :meth:`Check.run` turns them into :class:`Finding` objects.

A check function reads a :class:`CheckContext` — the document's outline (:mod:`baocao.docread`),
and, when given, the plan and the figures the engine computed — and yields one hit per thing to fix
or look at, each with its place and, for a disagreement, the other text and its place::

    @CHECKS.register("trich_dan.khac_ngay", "Một văn bản được trích dẫn với ngày khác nhau", ERROR)
    def citation_dates(ctx):
        ...
        yield Hit(place, "…", excerpt, other=…, other_place=…)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from baocao.errors import BaocaoError

if TYPE_CHECKING:
    from baocao.docread.outline import Outline
    from baocao.docread.places import Place
    from baocao.plan.model import Plan

    from .figures import Figures

#: Severities: an error must be fixed before signing; a review point is for a person to look at.
ERROR, REVIEW = "lỗi", "cần xem lại"
SEVERITIES = (ERROR, REVIEW)
#: What a check needs besides the document; a check is skipped when it is not given.
NEEDS = ("", "plan", "figures")


def _short(text: str, width: int = 120) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@dataclass(frozen=True)
class Finding:
    """One thing to fix or review before signing, as the analyst reads it."""

    rule: str  # the check's code
    severity: str  # "lỗi" (must fix) or "cần xem lại" (look at it)
    where: str  # "đoạn 12", "bảng 2, hàng 5, cột 3"
    excerpt: str
    message: str
    kind: str = ""  # the check's Vietnamese title
    section: str = ""  # the heading it sits under: "II. NỘI DUNG › 3. Nhiệm vụ, giải pháp chủ yếu"
    other: str = ""  # the other text of a disagreement, to read side by side
    other_where: str = ""

    def __str__(self) -> str:
        section = f" ({_short(self.section, 80)})" if self.section else ""
        other = f" ↔ {self.other_where}: «{_short(self.other)}»" if self.other else ""
        return f"[{self.severity}] {self.where}{section}: {self.message} — «{_short(self.excerpt)}»{other}"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Hit:
    """What a check function yields: a place, a message and the text there (and the other one)."""

    place: "Place"
    message: str
    excerpt: str
    other: str = ""
    other_place: "Place | None" = None


@dataclass
class CheckContext:
    """What the checks read: the document's outline, and the plan and engine figures when given.

    ``final=False`` (a draft) accepts the blank number and day left for the registry clerk.
    ``cache`` holds what several checks derive once (e.g. the body ↔ appendix pairing).
    """

    outline: "Outline"
    plan: "Plan | None" = None
    figures: "Figures | None" = None
    final: bool = True
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def derived(self, key: str, make: Callable[["CheckContext"], Any]) -> Any:
        """``make(self)`` computed once per document and kept under ``key``."""
        if key not in self.cache:
            self.cache[key] = make(self)
        return self.cache[key]


Finder = Callable[[CheckContext], Iterable[Hit]]


@dataclass(frozen=True)
class Check:
    """A check function with its code, Vietnamese title, severity and what it needs besides the document."""

    code: str
    title: str
    severity: str
    find: Finder
    needs: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise BaocaoError(f"kiểm tra '{self.code}': mức độ '{self.severity}' không hợp lệ "
                              f"(cần '{ERROR}' hoặc '{REVIEW}')")
        if self.needs not in NEEDS:
            raise BaocaoError(f"kiểm tra '{self.code}': 'needs' phải là một trong {', '.join(map(repr, NEEDS))}")

    def applies(self, ctx: CheckContext) -> bool:
        """False when the check needs the plan or the engine's figures and they were not given."""
        return (self.needs != "plan" or ctx.plan is not None) and (self.needs != "figures" or ctx.figures is not None)

    def run(self, ctx: CheckContext) -> list[Finding]:
        """The findings on a document; a check that breaks says so and never hides the others."""
        if not self.applies(ctx):
            return []
        try:
            hits = list(self.find(ctx))
        except Exception as exc:  # a check must never hide the others
            return [Finding(self.code, REVIEW, "toàn văn bản", "", f"không kiểm tra được: {type(exc).__name__}: {exc}",
                            self.title)]
        return [Finding(self.code, self.severity, str(h.place), h.excerpt, h.message, self.title, h.place.heading,
                        h.other, str(h.other_place) if h.other_place is not None else "") for h in hits]


def check(code: str, title: str, severity: str, needs: str = "") -> Callable[[Finder], Check]:
    """Decorator making a function a :class:`Check` (not registered anywhere)."""
    def make(find: Finder) -> Check:
        return Check(code, title, severity, find, needs)
    return make
