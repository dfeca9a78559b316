""":func:`import_plan`: a plan or decision typed in Word read into a plan file that loads.

The parts are read by :mod:`.head` (issuer, number, place and date, signer, "Nơi nhận"), :mod:`.appendix`
(task groups, tasks, units, the appendix keys) and :mod:`.body` (legal bases, sections, a decision's articles,
closing), then put together in the order the shipped plan files use and checked as any plan file is
(:meth:`ImportedPlan.plan`). A value the plan model refuses that the import guessed is put right and listed
for the analyst; the written file always loads.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from baocao.docread.outline import Outline, read_outline
from baocao.errors import InputError
from baocao.plan.model import closed_by_last_block

from .appendix import unit_id
from .head import read_head, read_horizon, reference_date, unsure, where
from .result import ImportedPlan, PlanImportError, Uncertain

#: Top-level keys in the order of the shipped plan files.
KEY_ORDER = ("issuer", "document", "horizon", "legal_bases", "decision", "attached", "preamble", "units",
             "sections", "task_groups", "closing", "recipients", "archive", "signer", "appendix", "appendices")
#: How many times a refused file is put right before the import gives up (each round fixes every fault found).
_ROUNDS = 4


def _check_kind(outline: Outline, source: Path) -> None:
    if outline.type_name not in ("KẾ HOẠCH", "QUYẾT ĐỊNH"):
        shown = f"'{outline.type_line.flat}'" if outline.type_line else "không thấy"
        raise PlanImportError(source, f"không phải kế hoạch hoặc quyết định: tên loại văn bản "
                                      f"(dòng KẾ HOẠCH hoặc QUYẾT ĐỊNH dưới phần đầu) {shown}.")
    if not outline.body:
        raise PlanImportError(source, f"không phải kế hoạch hoặc quyết định: có tên loại "
                                      f"{outline.type_name} nhưng không có nội dung (không có đoạn nào sau trích yếu).")


def read_plan_data(outline: Outline) -> tuple[dict[str, Any], list[Uncertain]]:
    """The plan file as plain data, and what was not read with confidence, from a document's outline."""
    from .appendix import read_task_appendix
    from .body import read_body

    head = read_head(outline)
    task_groups, units, appendix, app_uncertain = read_task_appendix(outline)
    body = read_body(outline, task_groups=task_groups, units=units)
    timeframes = [t["timeframe"] for g in task_groups for t in g["tasks"]]
    horizon, horizon_uncertain = read_horizon(outline, head.document, timeframes,
                                              title=(body.attached or {}).get("title", ""))
    uncertain = [*head.uncertain, *horizon_uncertain, *app_uncertain, *body.uncertain]
    if body.attached is not None:
        ref_date, date_uncertain = reference_date(head)
        body.attached = {**body.attached, **({"ref_date": ref_date} if ref_date else {})}
        uncertain += date_uncertain
    if not units:
        name = head.issuer["short_name"]
        units.append({"id": unit_id(name, set()), "name": name})
        uncertain.append(unsure(None, "văn bản không nêu đơn vị chủ trì nào: khai báo tạm cơ quan ban hành làm đơn vị "
                                "(tệp kế hoạch cần ít nhất một đơn vị)", "units[0]", name))
    parts: dict[str, Any] = {
        "issuer": head.issuer, "document": head.document, "horizon": horizon,
        "legal_bases": body.legal_bases, "decision": body.decision, "attached": body.attached,
        "preamble": body.preamble, "units": units, "sections": body.sections, "task_groups": task_groups,
        "closing": body.closing, "recipients": head.recipients, "archive": head.archive, "signer": head.signer,
    }
    if isinstance(appendix, list):
        parts["appendices"] = appendix
    elif appendix is not None:
        parts["appendix"] = appendix
    data = {k: parts[k] for k in KEY_ORDER if k in parts and parts[k] not in (None, [], "")}
    own_body = body.decision is None or body.attached is not None
    if own_body and not body.sections:
        data["sections"] = [{"title": "NỘI DUNG"}]
        uncertain.append(Uncertain("toàn văn bản", "(không có)", "văn bản không chia phần I, II…: tạm thêm phần "
                                   "'I. NỘI DUNG' (không có trong văn bản) để tệp kế hoạch đọc được, chia lại các phần",
                                   "sections[0]"))
    if own_body and not body.closing and not closed_by_last_block(body.sections):  # last item ends './.'
        data["closing"] = "…./."
        last = outline.body[-1] if outline.body else None
        uncertain.append(Uncertain(where(last.place) if last else "toàn văn bản", "(không có)",
                                   "không thấy câu kết thúc (thường là 'Trên đây là …./.'): tạm ghi '…./.', "
                                   "viết câu kết", "closing"))
    data = {k: data[k] for k in KEY_ORDER if k in data}
    return data, uncertain


def _fix(data: dict[str, Any], error: InputError, uncertain: list[Uncertain]) -> bool:
    """Put right what the plan model refused where the import can (targets, undeclared units, ids); whether
    anything was changed."""
    changed = False
    declared = {u["id"] for u in data.get("units", [])}
    for problem in error.problems:
        path = problem.path or ""
        m = re.match(r"^(.*\.targets)\[\d+\]", path)
        if m:
            changed |= _drop(data, m.group(1), uncertain, problem.message)
            continue
        if "phải viết trên một dòng" in problem.message and isinstance(problem.value, str):
            changed |= _one_line(data, path, problem.value, uncertain)
            continue
        if "chưa được khai báo" in problem.message and isinstance(problem.value, str) and problem.value not in declared:
            data.setdefault("units", []).append({"id": problem.value, "name": problem.value})
            declared.add(problem.value)
            uncertain.append(Uncertain("toàn văn bản", problem.value, "đơn vị được nhắc đến nhưng không đọc được tên: "
                                       "khai báo tạm, ghi tên đơn vị", f"units[{len(data['units']) - 1}]"))
            changed = True
    return changed


def _one_line(data: dict[str, Any], path: str, value: str, uncertain: list[Uncertain]) -> bool:
    """A value the plan file keeps on one line (a summary, a task's wording) read with a manual line break or a
    tab: its lines joined by a space, and listed."""
    node: Any = data
    parts = [int(x[1:-1]) if x.startswith("[") else x for x in re.findall(r"[^.\[\]]+|\[\d+\]", path)]
    try:
        for key in parts[:-1]:
            node = node[key]
        if node[parts[-1]] != value:
            return False
    except (KeyError, IndexError, TypeError):
        return False
    node[parts[-1]] = " ".join(value.split())
    uncertain.append(Uncertain("toàn văn bản", value, "văn bản xuống dòng hoặc có tab giữa chừng ở chỗ tệp kế hoạch "
                               "ghi một dòng: đã nối thành một dòng, kiểm tra lại", path))
    return True


def _drop(data: dict[str, Any], path: str, uncertain: list[Uncertain], message: str) -> bool:
    """Remove the targets at ``path`` ("sections[1].blocks[2].targets"), listing them for the analyst."""
    node: Any = data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        key: Any = int(part[1:-1]) if part.startswith("[") else part
        try:
            parent, node = node, node[key]
        except (KeyError, IndexError, TypeError):
            return False
    if not node:
        return False
    for t in node:
        uncertain.append(Uncertain("toàn văn bản", str(t.get("quote", "")) if isinstance(t, dict) else str(t),
                                   f"chỉ tiêu không nhập được ({message}): gắn lại chỉ tiêu", path))
    parent[key] = []
    return True


def _clean(data: Any) -> Any:
    """Empty ``targets`` lists left by :func:`_drop` removed."""
    if isinstance(data, dict):
        return {k: _clean(v) for k, v in data.items() if not (k == "targets" and v == [])}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def import_plan(path: str | os.PathLike[str]) -> ImportedPlan:
    """Read a plan or decision typed in Word (.docx) into a plan file that loads (:class:`ImportedPlan`).

    A file that is not a readable .docx (missing, a .doc, password-protected, corrupt) raises
    :class:`~baocao.errors.InputError`; a document without a KẾ HOẠCH or QUYẾT ĐỊNH type line, or without a
    body, :class:`PlanImportError`. Both carry a Vietnamese message naming the file.
    """
    source = Path(path)
    outline = read_outline(source)
    _check_kind(outline, source)
    data, uncertain = read_plan_data(outline)
    return loadable(ImportedPlan(source, data, uncertain))


def loadable(imported: ImportedPlan) -> ImportedPlan:
    """``imported`` checked as any plan file is; what the model refuses and the import can put right (a target
    whose quote or figures do not fit its paragraph, a unit used but not declared) is put right and listed.
    Anything else is a fault of the import itself, a bug (the command line exits 1 and asks for a report):
    a :class:`RuntimeError` naming the file."""
    for _ in range(_ROUNDS):
        try:
            imported.plan()
            return imported
        except InputError as error:
            if not _fix(imported.data, error, imported.uncertain):
                raise RuntimeError(f"Lỗi của baocao khi nhập {imported.source.name}: tệp kế hoạch đọc được không "
                                  f"hợp lệ ({error})") from error
            imported.data = _clean(imported.data)
    imported.plan()
    return imported
