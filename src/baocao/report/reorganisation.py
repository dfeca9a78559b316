"""The 01/7/2025 reorganisation as a report's header sees it: who issues, from where, to whom.

On 1 July 2025 provinces merged and the district level ended (Resolutions 202 and 203/2025/QH15):
from then on Đắk Nông is part of Lâm Đồng. A plan issued before that day names the old bodies, so a
report issued on or after it must not copy the plan's issuer, place or "Kính gửi" recipients
unthinkingly. Each of them must be declared under ``document:`` in the narrative file, or kept on
purpose with ``document.keep_from_plan`` (e.g. ``[recipients]``). A final report that does neither is
refused (:func:`require_post_merger_header`); a draft only carries the advice (:func:`header_notes`).

What became of a body after the reorganisation (did the provincial cooperative alliance merge? what
is its successor called?) is not something baocao knows: it is the narrative's to declare.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..errors import InputError, Problem
from ..admin_units import EFFECTIVE
from ..vnformat import date_short, join_vi, upper_first

if TYPE_CHECKING:
    from ..plan.model import Plan
    from .narrative import ReportDocument

#: Provinces merged and the district level ended on this day (one home: :data:`baocao.admin_units.EFFECTIVE`).
REORGANISATION = EFFECTIVE

#: Header parts a report takes from its plan unless the narrative declares them, in Vietnamese.
HEADER_PARTS = {"issuer": "cơ quan ban hành", "place": "địa danh", "recipients": "nơi nhận (Kính gửi)"}


def _plan_before(plan: "Plan") -> bool:
    d = plan.document
    return d.date < REORGANISATION if d.date else (d.year or 0) < REORGANISATION.year


def kept_from_plan(plan: "Plan", rdoc: "ReportDocument", issued: dt.date) -> list[str]:
    """Header parts (keys of :data:`HEADER_PARTS`) a report issued on ``issued`` takes, unconfirmed,
    from a plan issued before the reorganisation; empty when nothing needs a decision."""
    if issued < REORGANISATION or not _plan_before(plan):
        return []
    declared = {"issuer": rdoc.issuer, "place": rdoc.place, "recipients": rdoc.recipients}
    return [k for k in HEADER_PARTS if declared[k] is None and k not in rdoc.keep_from_plan]


def _plan_values(plan: "Plan", parts: list[str]) -> str:
    recipients = plan.reporting.recipients if plan.reporting else []
    values = {"issuer": plan.issuer.short_name, "place": plan.document.place, "recipients": join_vi(list(recipients))}
    return "; ".join(f"{HEADER_PARTS[k]}: {values[k]}" for k in parts if values[k])


def _message(plan: "Plan", parts: list[str], issued: dt.date) -> str:
    return (f"báo cáo ban hành ngày {date_short(issued)}, sau khi sắp xếp đơn vị hành chính từ "
            f"{date_short(REORGANISATION)}, nhưng {join_vi([HEADER_PARTS[k] for k in parts])} vẫn lấy theo kế hoạch "
            f"ban hành trước đó ({_plan_values(plan, parts)}). Khai báo ở mục 'document' của tệp nhận định "
            f"({', '.join(parts)}), hoặc nếu giữ nguyên có chủ đích thì ghi "
            f"'keep_from_plan: [{', '.join(parts)}]'")


def header_notes(plan: "Plan", rdoc: "ReportDocument", issued: dt.date) -> list[str]:
    """Advice for the analyst (never printed in the document) on a draft's header after the reorganisation."""
    parts = kept_from_plan(plan, rdoc, issued)
    return [upper_first(_message(plan, parts, issued)) + "."] if parts else []


def require_post_merger_header(plan: "Plan", rdoc: "ReportDocument", issued: dt.date, *, source: str) -> None:
    """Refuse a final report issued after the reorganisation whose header parts are the old plan's, unconfirmed.

    ``source`` names the narrative file (or where the narrative came from) in the message.
    """
    parts = kept_from_plan(plan, rdoc, issued)
    if parts:
        raise InputError([Problem(source, _message(plan, parts, issued) + "; hoặc lập bản dự thảo (--draft)",
                                  path="document")],
                         "Báo cáo sau sắp xếp đơn vị hành chính chưa khai báo cơ quan ban hành, nơi nhận")
