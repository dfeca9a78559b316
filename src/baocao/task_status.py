"""Task statuses (tình trạng): the words unit returns use, and one status for a task from several units.

The one home of the vocabulary and its rules, used by the return forms (the drop-down list and the
check, :mod:`baocao.returns`), the overdue list (:func:`baocao.periods.overdue_tasks`) and the report
(Phụ lục II and the body):

* :func:`normalize_status` reads what a unit typed;
* :func:`task_status` makes one status of a task several lead units report (a unit that sent
  nothing counts as unknown);
* :func:`merge_statuses` carries statuses across periods (a task done in 2021 stays done in 2023).

Only the standard library is imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .vnformat import norm_space

__all__ = ["DONE", "IN_PROGRESS", "NOT_APPLICABLE", "NOT_STARTED", "NO_RETURN", "STATUSES", "merge_statuses",
           "normalize_status", "status_text", "task_status"]

# In order of progress; "không phát sinh" = nothing to do this period.
DONE = "đã hoàn thành"
IN_PROGRESS = "đang thực hiện"
NOT_STARTED = "chưa thực hiện"
NOT_APPLICABLE = "không phát sinh"
STATUSES: tuple[str, ...] = (DONE, IN_PROGRESS, NOT_STARTED, NOT_APPLICABLE)
#: What a document shows for a task no unit has reported on.
NO_RETURN = "chưa có báo cáo"


def normalize_status(text: object) -> str | None:
    """The canonical status for what a unit typed ("Đã  hoàn thành" -> "đã hoàn thành"), else None."""
    if not isinstance(text, str):
        return None
    key = norm_space(text).lower().rstrip(".")
    return key if key in STATUSES else None


def task_status(reported: Iterable[str | None]) -> str | None:
    """One status of a task from the statuses of its lead units (None: that unit has not reported it).

    * "đã hoàn thành" only when every unit says so;
    * "đang thực hiện" when work has started anywhere (a unit done or in progress) but not everywhere
      done — "chưa thực hiện" + "đang thực hiện" is "đang thực hiện", so is "đã hoàn thành" + a unit
      that has not reported;
    * "chưa thực hiện" when the units that report have all not started;
    * "không phát sinh" (nothing to do) counts only when every unit says so;
    * None when nothing is known: no unit reported, or only "không phát sinh" with units still silent.
    """
    statuses = list(reported)
    known = [s for s in statuses if s is not None]
    work = [s for s in known if s != NOT_APPLICABLE]
    everyone = len(known) == len(statuses)
    if not work:
        return NOT_APPLICABLE if known and everyone else None
    if everyone and all(s == DONE for s in work):
        return DONE
    if any(s in (DONE, IN_PROGRESS) for s in work):
        return IN_PROGRESS
    return NOT_STARTED


def status_text(status: str | None) -> str:
    """The status a document prints: the status, or "chưa có báo cáo" when nothing is known."""
    return status or NO_RETURN


def merge_statuses(*maps: Mapping[str, str | None]) -> dict[str, str | None]:
    """Statuses from several periods' returns, oldest first, for :func:`baocao.periods.overdue_tasks`.

    A later known status replaces an earlier one, a later unknown one (None) does not, and a task
    reported done stays done: its dated part is finished, a later "đang thực hiện" is its recurring
    part ("Năm 2021 và thường xuyên").
    """
    out: dict[str, str | None] = {}
    for m in maps:
        for task_id, status in m.items():
            if out.get(task_id) == DONE:
                continue
            if status is not None or task_id not in out:
                out[task_id] = status
    return out
