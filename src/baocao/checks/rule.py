"""What a layout rule is and what it returns.

A rule is one function that reads a :class:`~baocao.checks.reader.LayoutDocument` and returns
``(status, detail)``; :func:`rule` gives it a code and a Vietnamese description, and
:meth:`Rule.run` turns its answer into a :class:`RuleResult`::

    @rule("co_quan.ten", "Tên cơ quan ban hành in hoa")
    def agency_name(doc):
        ...
        return PASS, "LIÊN MINH HTX TỈNH ĐẮK NÔNG"
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .reader import LayoutDocument

PASS, FAIL, REVIEW, NA = "pass", "fail", "needs_review", "not_applicable"
STATUS_VI = {PASS: "Đạt", FAIL: "Không đạt", REVIEW: "Cần xem lại", NA: "Không áp dụng"}

#: What a check function returns: a status (:data:`PASS`, :data:`FAIL`, :data:`REVIEW`, :data:`NA`)
#: and a Vietnamese detail saying where the fault is (or what was seen).
Verdict = tuple[str, str]
Check = Callable[["LayoutDocument"], Verdict]


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one layout rule."""

    rule: str
    description: str
    status: str
    detail: str = ""

    @property
    def ok(self) -> bool:
        """True unless the rule failed."""
        return self.status != FAIL

    def __str__(self) -> str:
        detail = f" — {self.detail}" if self.detail else ""
        return f"[{STATUS_VI[self.status]}] {self.rule}: {self.description}{detail}"


@dataclass(frozen=True)
class Rule:
    """A check function with its code ("trang.le") and the Vietnamese description of what it checks."""

    code: str
    description: str
    check: Check

    def run(self, doc: "LayoutDocument") -> RuleResult:
        """The rule's result on a document; a rule that breaks says so and never hides the others."""
        try:
            status, detail = self.check(doc)
        except Exception as exc:  # a rule must never hide the others
            return RuleResult(self.code, "Không kiểm tra được quy tắc này", REVIEW, f"lỗi khi đọc tệp: {exc}")
        if status not in STATUS_VI:
            return RuleResult(self.code, self.description, REVIEW,
                              f"quy tắc trả về kết quả không hợp lệ '{status}' (cần một trong: "
                              f"{', '.join(STATUS_VI)})")
        return RuleResult(self.code, self.description, status, detail)


def rule(code: str, description: str) -> Callable[[Check], Rule]:
    """Decorator making a check function a :class:`Rule` with this code and description."""
    def make(check: Check) -> Rule:
        return Rule(code, description, check)
    return make
