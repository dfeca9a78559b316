"""Placeholders baocao writes into a document for the analyst to fill in before signing.

The report writes them where a part of its text is missing; the pre-signing checks
(:mod:`baocao.checks.presign`) look for them. One home, so writer and checker cannot drift apart.
"""

from __future__ import annotations

#: Opens a "[CHƯA CÓ NỘI DUNG: … — cần bổ sung trước khi trình ký]" placeholder.
MISSING_MARK = "[CHƯA CÓ NỘI DUNG"
