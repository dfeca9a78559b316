"""Results for people: layout results and reading findings as plain Vietnamese text and as DataFrames
with Vietnamese headers."""

from __future__ import annotations

from collections.abc import Iterable

from .finding import ERROR, Finding
from .rule import FAIL, NA, PASS, REVIEW, STATUS_VI, RuleResult

#: Headers of :func:`results_frame` (the same words as :func:`format_results`).
RESULT_COLUMNS = ("Mã quy tắc", "Kết quả", "Nội dung kiểm tra", "Chi tiết")


def _rows(results: Iterable[RuleResult]) -> list[tuple[str, str, str, str]]:
    return [(x.rule, STATUS_VI[x.status], x.description, x.detail) for x in results]


def format_results(results: list[RuleResult]) -> str:
    """The results as a plain Vietnamese text table, then a one-line summary."""
    header = RESULT_COLUMNS
    rows = _rows(results)
    w0 = max(len(header[0]), *(len(r[0]) for r in rows)) if rows else len(header[0])
    w1 = max(len(header[1]), *(len(r[1]) for r in rows)) if rows else len(header[1])
    lines = [f"{header[0]:<{w0}}  {header[1]:<{w1}}  {header[2]}", f"{'-' * w0}  {'-' * w1}  {'-' * 40}"]
    for rule, status, desc, detail in rows:
        lines.append(f"{rule:<{w0}}  {status:<{w1}}  {desc}")
        if detail:
            lines.append(f"{'':<{w0}}  {'':<{w1}}    → {detail}")
    counts = {s: sum(x.status == s for x in results) for s in STATUS_VI}
    lines.append("")
    lines.append("Tổng: " + ", ".join(f"{counts[s]} {STATUS_VI[s].lower()}" for s in (PASS, FAIL, REVIEW, NA)))
    return "\n".join(lines)


def results_frame(results: Iterable[RuleResult]):  # -> pandas.DataFrame, imported lazily
    """The results as a DataFrame with Vietnamese headers, one row per rule in the checking order:
    "Mã quy tắc", "Kết quả" (Đạt, Không đạt, Cần xem lại, Không áp dụng), "Nội dung kiểm tra", "Chi tiết".

    Filter it in a notebook, e.g. ``df[df["Kết quả"] != "Đạt"]``.
    """
    import pandas as pd

    return pd.DataFrame(_rows(results), columns=list(RESULT_COLUMNS))


# --------------------------------------------------------------------------- findings


def errors_first(findings: Iterable[Finding]) -> list[Finding]:
    """The findings with errors ("lỗi") first, each group in document order as found."""
    return sorted(findings, key=lambda f: f.severity != ERROR)


def format_findings(findings: list[Finding]) -> str:
    """Vietnamese text listing the findings, errors first, each with its place and, for a disagreement,
    the other text side by side."""
    if not findings:
        return "Không phát hiện vấn đề nào trước khi trình ký."
    errors = sum(f.severity == ERROR for f in findings)
    head = f"Kiểm tra trước khi trình ký: {errors} lỗi, {len(findings) - errors} điểm cần xem lại."
    return "\n".join([head] + [f"  - {f}" for f in errors_first(findings)])


#: Headers of :func:`findings_frame`.
FINDING_COLUMNS = ("Mức độ", "Loại", "Vị trí", "Mục", "Vấn đề", "Đoạn văn", "Đối chiếu", "Vị trí đối chiếu",
                   "Mã quy tắc")


def findings_frame(findings: Iterable[Finding]):  # -> pandas.DataFrame, imported lazily
    """The findings as a DataFrame with Vietnamese headers, errors ("lỗi") first as in
    :func:`format_findings`: "Mức độ", "Loại" (the check's title), "Vị trí" (đoạn 12, bảng 2, hàng 5,
    cột 3…), "Mục" (the heading it sits under), "Vấn đề", "Đoạn văn" (the text there), "Đối chiếu" and
    "Vị trí đối chiếu" (the other text of a disagreement), "Mã quy tắc". No findings: an empty frame
    with the same headers.
    """
    import pandas as pd

    rows = [(f.severity, f.kind, f.where, f.section, f.message, f.excerpt, f.other, f.other_where, f.rule)
            for f in errors_first(findings)]
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
