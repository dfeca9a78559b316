"""Pre-signing checks: what a careful clerk looks for in a document before it goes to the leader.

The layout rules (:mod:`baocao.checks.layout`) check the Decree-30 figures; these checks read the
words: leftovers of templates and drafts, doubled words, spaces before punctuation, numbers written the
English way, the "Kèm theo" line, parts that only people can write and that are still missing, and unit
names spelled differently from the plan. Each finding says where it is (paragraph or table cell, and the
heading it sits under) and quotes the text around it. The checks are registered in :data:`WORD_CHECKS`;
:mod:`baocao.checks.catalog` runs them with the checks on meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..marks import MISSING_MARK
from .finding import ERROR, REVIEW, Check, CheckContext, Finding, Hit
from .registry import CheckRegistry
from .results import findings_frame, format_findings  # noqa: F401  (their home before baocao.checks.results)
from .text import excerpt

if TYPE_CHECKING:
    from ..plan.model import Plan


#: The word-level rules: (code, severity, pattern, message, quote the match in the message).
_RULES: list[tuple[str, str, re.Pattern[str], str, bool]] = [
    ("con_sot_mau", ERROR, re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\}\}|\{%|%\}"), "còn sót thẻ mẫu (template)", False),
    ("con_sot_ghi_chu", ERROR, re.compile(r"\b(?:TODO|FIXME)\b|(?<!^)\bXXX\b|\bXXX\b(?!$)"),  # "XXX" alone: a Roman 30
     "còn sót ghi chú soạn thảo", False),
    ("thieu_noi_dung", ERROR, re.compile(re.escape(MISSING_MARK) + r"[^\]]*\]?"),
     "phần nội dung do người viết còn thiếu", False),
    ("ngay_de_trong", ERROR, re.compile(r"ngày\s*(…|\.{2,}|\s{2,})\s*tháng"), "ngày tháng còn để trống", False),
    ("so_de_trong", ERROR, re.compile(r"Số:\s{2,}/"), "số văn bản còn để trống", False),
    ("dau_ba_cham", REVIEW, re.compile(r"(?<!,)(?<!, )…|\.{3,}"),  # "tín dụng,…" ends a list ("v.v."), not a blank
     "dấu ba chấm: kiểm tra có phải chỗ còn để trống không", False),
    ("lap_tu", REVIEW, re.compile(r"(?<!\w)(\w+(?: \w+)?) \1(?!\w)", re.IGNORECASE), "từ bị lặp", True),
    ("cach_truoc_dau", REVIEW, re.compile(r"(?<=\w) +[,;:.](?!/)"), "có dấu cách trước dấu câu", False),
    ("so_kieu_anh", ERROR, re.compile(r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+\.\d+ ?%"),
     "số viết kiểu tiếng Anh (phải là 1.234,5 và 87,3%)", True),
    ("dung_dau", REVIEW, re.compile(r"người đúng đầu", re.IGNORECASE), "có thể là 'người đứng đầu'", False),
    ("kem_theo_hai_cham", REVIEW, re.compile(r"Kèm theo [^()]*? số:"),
     "dòng 'Kèm theo' không dùng dấu hai chấm sau 'số' (mẫu 2.1 Nghị định 30)", False),
]
#: Two-syllable words whose last syllable may begin the next word ("sử dụng" + "dụng cụ"), and words whose first
#: syllable may end the word before: a syllable written twice across them is Vietnamese, not a slip.
_ENDS_WITH = {"sử dụng", "áp dụng", "vận dụng", "tuyển dụng", "tín dụng", "thực hiện", "thể hiện", "phát hiện",
              "xuất hiện", "phát triển", "kinh tế", "y tế", "quốc tế", "thực tế", "tổ chức", "cán bộ", "tiến bộ",
              "đồng bộ", "học tập", "luyện tập", "quản lý", "xử lý", "hợp lý", "đào tạo", "sáng tạo", "cải tạo",
              "hành vi", "phạm vi"}
_STARTS_WITH = {"dụng cụ", "hiện nay", "hiện tại", "hiện trạng", "hiện đại", "hiện hành", "hiện có", "triển khai",
                "triển vọng", "tế bào", "chức năng", "chức vụ", "chức danh", "bộ máy", "bộ phận", "tập trung",
                "tập thể", "tập huấn", "lý luận", "tạo điều kiện", "tạo việc làm", "vi phạm"}


def _across_words(text: str, m: re.Match[str]) -> bool:
    """A syllable written twice where one word ends and the next begins ("sử dụng dụng cụ")."""
    word = m.group(1)
    if " " in word:
        return False
    before = re.search(r"(\w+)\s+$", text[: m.start()])
    first = f"{before.group(1)} {word}".lower() if before else ""
    second = f"{word} {text[m.end():].strip()}".lower()
    return first in _ENDS_WITH and any(re.match(re.escape(s) + r"(?!\w)", second) for s in _STARTS_WITH)


#: Rules that a draft may break: the number and the day are left for the registry clerk.
_FINAL_ONLY = ("ngay_de_trong", "so_de_trong")


def _pattern_check(code: str, severity: str, pattern: re.Pattern[str], message: str, quote: bool) -> Check:
    def find(ctx: CheckContext) -> Iterator[Hit]:
        if code in _FINAL_ONLY and not ctx.final:
            return
        for line in ctx.outline.texts():
            for m in pattern.finditer(line.text):
                if code == "lap_tu" and _across_words(line.text, m):
                    continue
                yield Hit(line.place, f"{message}: «{m.group(0)}»" if quote else message,
                          excerpt(line.text, m.start(), m.end()))
    return Check(code, message[:1].upper() + message[1:], severity, find)


def _unit_names(ctx: CheckContext) -> Iterator[Hit]:
    """Unit names spelled with other capitals than the plan declares."""
    for unit in ctx.plan.units:  # type: ignore[union-attr]
        pattern = re.compile(re.escape(unit.name), re.IGNORECASE)
        for line in ctx.outline.texts():
            for m in pattern.finditer(line.text):
                if m.group(0) != unit.name:
                    yield Hit(line.place, f"tên đơn vị viết khác với kế hoạch ('{unit.name}')",
                              excerpt(line.text, m.start(), m.end()))


def _appendix_reference(ctx: CheckContext) -> Iterator[Hit]:
    """The "Kèm theo" line of a plan's appendix, word for word as the plan file writes it."""
    from ..plan.text import appendix_ref

    plan = ctx.plan
    assert plan is not None
    expected = appendix_ref(plan, draft=not ctx.final)
    own = f"(Kèm theo {plan.document.type_name.capitalize()}"  # a report's appendices cite the report itself
    for line in ctx.outline.texts():
        if line.text.strip().startswith(own) and line.text.strip() != expected:
            yield Hit(line.place, f"dòng 'Kèm theo' khác số, ngày của văn bản (đúng: {expected})", line.text.strip())


#: The pre-signing checks on the words, in the order their findings are listed.
WORD_CHECKS = CheckRegistry([
    *(_pattern_check(*r) for r in _RULES),
    Check("ten_don_vi", "Tên đơn vị viết khác với kế hoạch", REVIEW, _unit_names, needs="plan"),
    Check("kem_theo_khop", "Dòng 'Kèm theo' khác số, ngày của văn bản", ERROR, _appendix_reference, needs="plan"),
])


def presign_check(path: str | Path, *, plan: "Plan | None" = None, final: bool = True) -> list[Finding]:
    """Read a .docx and list the word-level slips to fix or review before signing (:data:`WORD_CHECKS`).

    ``final=False`` (a draft) accepts the blank number and day left for the registry clerk.
    :func:`baocao.checks.catalog.check_document` runs these and the checks on meaning.
    """
    from baocao.docread.outline import read_outline

    return WORD_CHECKS.run(CheckContext(read_outline(path), plan=plan, final=final))
