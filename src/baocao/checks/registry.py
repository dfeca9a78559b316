"""The layout rules, in the order their results are listed, and how an agency adds its own.

:data:`LAYOUT_RULES` holds the 19 built-in Decree-30 rules. An agency with a rule of its own adds
it once, before checking; a code may appear only once::

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

from baocao.errors import BaocaoError

from .reader import LayoutDocument
from .rule import Check, Rule, RuleResult
from .rules import appendix, body, decision, header, page, page_numbers, signature


class RuleRegistry:
    """An ordered set of layout rules with distinct codes."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        for r in rules:
            self.add(r)

    def add(self, rule: Rule) -> Rule:
        """Append a rule; a code already present is refused (:class:`BaocaoError`)."""
        if rule.code in self._rules:
            raise BaocaoError(f"mã quy tắc '{rule.code}' đã có (quy tắc «{self._rules[rule.code].description}»); "
                              "chọn mã khác")
        self._rules[rule.code] = rule
        return rule

    def register(self, code: str, description: str) -> Callable[[Check], Rule]:
        """Decorator: the check function becomes a rule with this code and description, appended here."""
        def add(check: Check) -> Rule:
            return self.add(Rule(code, description, check))
        return add

    def copy(self) -> RuleRegistry:
        """A new registry with the same rules, to change apart from this one."""
        return RuleRegistry(self)

    def codes(self) -> list[str]:
        """The rule codes, in order."""
        return list(self._rules)

    def run(self, doc: LayoutDocument) -> list[RuleResult]:
        """Every rule's result on a document, in order."""
        return [r.run(doc) for r in self]

    def __iter__(self) -> Iterator[Rule]:
        return iter(list(self._rules.values()))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]


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
