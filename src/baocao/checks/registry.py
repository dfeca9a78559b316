"""The registries of checks, in the order their results are listed, and how an agency adds its own.

:data:`LAYOUT_RULES` holds the 19 built-in Decree-30 layout rules; :data:`baocao.checks.catalog.CHECKS`
the checks that read the words and their meaning. An agency with a rule of its own adds it once,
before checking; a code may appear only once::

    from baocao.checks import LAYOUT_RULES, PASS, FAIL

    @LAYOUT_RULES.register("co_quan.ten", "Tên cơ quan ban hành in hoa, đậm")
    def agency_name(doc):
        ...
        return PASS, "LIÊN MINH HTX TỈNH ĐẮK NÔNG"

``LAYOUT_RULES.copy()`` gives a set to change without touching the built-in one; pass it to
:func:`baocao.checks.verify_layout` as ``rules=``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

from baocao.errors import BaocaoError

from .finding import Check, CheckContext, Finder, Finding
from .reader import LayoutDocument
from .rule import Check as LayoutCheck
from .rule import Rule, RuleResult
from .rules import appendix, body, decision, header, page, page_numbers, signature

T = TypeVar("T", Rule, Check)


class Registry(Generic[T]):
    """An ordered set of checks with distinct codes."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items: dict[str, T] = {}
        for item in items:
            self.add(item)

    @staticmethod
    def _title(item: T) -> str:
        return item.description if isinstance(item, Rule) else item.title

    def add(self, item: T) -> T:
        """Append a check; a code already present is refused (:class:`BaocaoError`)."""
        if item.code in self._items:
            raise BaocaoError(f"mã quy tắc '{item.code}' đã có (quy tắc «{self._title(self._items[item.code])}»); "
                              "chọn mã khác")
        self._items[item.code] = item
        return item

    def copy(self) -> "Registry[T]":
        """A new registry with the same checks, to change apart from this one."""
        return type(self)(self)

    def codes(self) -> list[str]:
        """The codes, in order."""
        return list(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, code: object) -> bool:
        return code in self._items

    def __getitem__(self, code: str) -> T:
        return self._items[code]


class RuleRegistry(Registry[Rule]):
    """An ordered set of layout rules with distinct codes."""

    def register(self, code: str, description: str) -> Callable[[LayoutCheck], Rule]:
        """Decorator: the check function becomes a rule with this code and description, appended here."""
        def add(check: LayoutCheck) -> Rule:
            return self.add(Rule(code, description, check))
        return add

    def run(self, doc: LayoutDocument) -> list[RuleResult]:
        """Every rule's result on a document, in order."""
        return [r.run(doc) for r in self]


class CheckRegistry(Registry[Check]):
    """An ordered set of reading checks (:class:`~baocao.checks.finding.Check`) with distinct codes."""

    def register(self, code: str, title: str, severity: str, needs: str = "") -> Callable[[Finder], Check]:
        """Decorator: the function becomes a check with this code, title and severity, appended here."""
        def add(find: Finder) -> Check:
            return self.add(Check(code, title, severity, find, needs))
        return add

    def run(self, ctx: CheckContext) -> list[Finding]:
        """Every check's findings on a document, checks in order."""
        return [f for c in self for f in c.run(ctx)]


#: The built-in Decree-30 layout rules, in the order results are listed.
LAYOUT_RULES = RuleRegistry([
    page.page_size, page.margins, page.orientation, page.fonts, body.body_size,
    body.body_format, header.header_table, header.motto, header.lines, header.number,
    header.doc_type, header.date, page_numbers.page_numbers, body.ending, signature.recipients,
    signature.signer, appendix.heading, appendix.table, appendix.reference,
])

#: Rules only a decision (quyết định) needs: its authority line, "QUYẾT ĐỊNH:", its articles, the document it
#: issues. :func:`baocao.checks.verify_layout` runs them after :data:`LAYOUT_RULES` when the type line says
#: "QUYẾT ĐỊNH".
DECISION_RULES = RuleRegistry([decision.authority, decision.decision_line, decision.articles, decision.attached])


def rules_for(doc: LayoutDocument) -> RuleRegistry:
    """The built-in rules for *doc*: :data:`LAYOUT_RULES`, and :data:`DECISION_RULES` for a decision."""
    if decision.is_decision(doc):
        return RuleRegistry([*LAYOUT_RULES, *DECISION_RULES])
    return LAYOUT_RULES
