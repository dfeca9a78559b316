"""Pre-signing checks: what a careful clerk looks for in a document before it goes to the leader.

The layout rules (:mod:`baocao.checks.layout`) check the Decree-30 figures; these checks read the
words: leftovers of templates and drafts, doubled words, spaces before punctuation, numbers written the
English way, the "Kèm theo" line, parts that only people can write and that are still missing, and unit
names spelled differently from the plan. Each finding says where it is and quotes the text around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..marks import MISSING_MARK

if TYPE_CHECKING:
    from ..plan.model import Plan
    from .reader import LocatedText

ERROR, REVIEW = "lỗi", "cần xem lại"


@dataclass(frozen=True)
class Finding:
    """One thing to fix or look at before signing."""

    rule: str
    severity: str  # "lỗi" (must fix) or "cần xem lại" (look at it)
    where: str  # "đoạn 12", "bảng 2, hàng 5, cột 3"
    excerpt: str
    message: str

    def __str__(self) -> str:
        return f"[{self.severity}] {self.where}: {self.message} — «{self.excerpt}»"


def _excerpt(text: str, start: int, end: int, width: int = 30) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


_RULES: list[tuple[str, str, re.Pattern[str], str]] = [
    ("con_sot_mau", ERROR, re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\}\}|\{%|%\}"), "còn sót thẻ mẫu (template)"),
    ("con_sot_ghi_chu", ERROR, re.compile(r"\b(TODO|FIXME|XXX)\b"), "còn sót ghi chú soạn thảo"),
    ("thieu_noi_dung", ERROR, re.compile(re.escape(MISSING_MARK) + r"[^\]]*\]?"),
     "phần nội dung do người viết còn thiếu"),
    ("ngay_de_trong", ERROR, re.compile(r"ngày\s*(…|\.{2,}|\s{2,})\s*tháng"), "ngày tháng còn để trống"),
    ("so_de_trong", ERROR, re.compile(r"Số:\s{2,}/"), "số văn bản còn để trống"),
    ("dau_ba_cham", REVIEW, re.compile(r"…|\.{3,}"), "dấu ba chấm: kiểm tra có phải chỗ còn để trống không"),
    ("lap_tu", REVIEW, re.compile(r"(?<!\w)(\w+(?: \w+)?) \1(?!\w)", re.IGNORECASE), "từ bị lặp"),
    ("cach_truoc_dau", REVIEW, re.compile(r"(?<=\w) +[,;:.](?!/)"), "có dấu cách trước dấu câu"),
    ("so_kieu_anh", ERROR, re.compile(r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+\.\d+ ?%"),
     "số viết kiểu tiếng Anh (phải là 1.234,5 và 87,3%)"),
    ("dung_dau", REVIEW, re.compile(r"người đúng đầu", re.IGNORECASE), "có thể là 'người đứng đầu'"),
    ("kem_theo_hai_cham", REVIEW, re.compile(r"Kèm theo [^()]*? số:"),
     "dòng 'Kèm theo' không dùng dấu hai chấm sau 'số' (mẫu 2.1 Nghị định 30)"),
]


def _text_findings(texts: list[LocatedText], *, final: bool) -> Iterator[Finding]:
    for t in texts:
        for rule, severity, pattern, message in _RULES:
            if not final and rule in ("ngay_de_trong", "so_de_trong"):
                continue
            for m in pattern.finditer(t.text):
                yield Finding(rule, severity, t.where, _excerpt(t.text, m.start(), m.end()),
                              f"{message}: «{m.group(0)}»" if rule in ("lap_tu", "so_kieu_anh") else message)


def _plan_findings(texts: list[LocatedText], plan: "Plan", *, final: bool) -> Iterator[Finding]:
    """Unit names spelled with other capitals than the plan declares; the "Kèm theo" number and date."""
    from ..plan.text import appendix_ref

    for unit in plan.units:
        pattern = re.compile(re.escape(unit.name), re.IGNORECASE)
        for t in texts:
            for m in pattern.finditer(t.text):
                if m.group(0) != unit.name:
                    yield Finding("ten_don_vi", REVIEW, t.where, _excerpt(t.text, m.start(), m.end()),
                                  f"tên đơn vị viết khác với kế hoạch ('{unit.name}')")
    expected = appendix_ref(plan, draft=not final)
    own = f"(Kèm theo {plan.document.type_name.capitalize()}"  # a report's appendices cite the report itself
    for t in texts:
        if t.text.strip().startswith(own) and t.text.strip() != expected:
            yield Finding("kem_theo_khop", ERROR, t.where, t.text.strip(),
                          f"dòng 'Kèm theo' khác số, ngày của văn bản (đúng: {expected})")


def presign_check(path: str | Path, *, plan: "Plan | None" = None, final: bool = True) -> list[Finding]:
    """Read a produced .docx and list everything to fix or review before signing.

    ``final=False`` (a draft) accepts the blank number and day left for the registry clerk.
    """
    from .reader import located_texts  # python-docx, only when a document is read

    texts = located_texts(Path(path))
    findings = list(_text_findings(texts, final=final))
    if plan is not None:
        findings += list(_plan_findings(texts, plan, final=final))
    return findings


def format_findings(findings: list[Finding]) -> str:
    """Vietnamese text listing the findings, errors first."""
    if not findings:
        return "Không phát hiện vấn đề nào trước khi trình ký."
    ordered = sorted(findings, key=lambda f: f.severity != ERROR)
    errors = sum(f.severity == ERROR for f in findings)
    head = f"Kiểm tra trước khi trình ký: {errors} lỗi, {len(findings) - errors} điểm cần xem lại."
    return "\n".join([head] + [f"  - {f}" for f in ordered])


#: Headers of :func:`findings_frame`.
FINDING_COLUMNS = ("Mức độ", "Vị trí", "Vấn đề", "Đoạn văn", "Mã quy tắc")


def findings_frame(findings: list[Finding]):  # -> pandas.DataFrame, imported lazily
    """The findings as a DataFrame with Vietnamese headers, errors ("lỗi") first as in
    :func:`format_findings`: "Mức độ", "Vị trí" (đoạn 12, bảng 2, hàng 5, cột 3…), "Vấn đề", "Đoạn văn"
    (the text around it), "Mã quy tắc". No findings: an empty frame with the same headers.
    """
    import pandas as pd

    ordered = sorted(findings, key=lambda f: f.severity != ERROR)
    rows = [(f.severity, f.where, f.message, f.excerpt, f.rule) for f in ordered]
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
