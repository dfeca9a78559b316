"""Reading and writing plan files (YAML) with Vietnamese errors that name file, key path and line."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..fileio.atomic import write_text_file
from ..yamlfile import Loc, dump_yaml, parse_yaml_model, read_text_file
from .data_spec import data_faults
from .model import Article, Block, Plan, Section, Target

TITLE = "Tệp kế hoạch có lỗi"
#: Values that may break their line where the document's layout breaks it (docs/plan-file.md, "Line breaks"): a
#: long agency name, the signer's authority and position, the decision's authority line, an appendix's or the
#: attached document's title, as (first key, last key); and table cells: a task's ``note``, the cells of a
#: written-out appendix table. Every other value is one line.
MULTILINE = frozenset({("issuer", "parent"), ("issuer", "name"), ("signer", "authority"), ("signer", "position"),
                       ("decision", "authority"), ("appendix", "title"), ("appendices", "title"),
                       ("attached", "title")})


def may_break_lines(loc: Loc) -> bool:
    """Whether the value at the YAML path ``loc`` may hold a line break (see :data:`MULTILINE`)."""
    keys = [part for part in loc if isinstance(part, str)]
    if not keys:
        return False
    return (keys[-1] == "note" or (keys[0], keys[-1]) in MULTILINE
            or (keys[0] in ("appendix", "appendices") and "rows" in keys))


Fault = tuple[Loc, str, Any]
PlanCheck = Callable[[Plan], Iterable[Fault]]


def parse_plan(text: str, filename: str = "<chuỗi>", *, checks: Iterable[PlanCheck] = ()) -> Plan:
    """Parse and validate plan YAML text; raise InputError listing every fault with its line.

    *checks* are further checks of the validated plan, each yielding ``(YAML path, message, value)``;
    their faults are reported with the plan's own, located the same way (the indicators package
    passes the check of ``compute:`` entries: :func:`baocao.indicators.plan_check.load_plan`).
    """
    extra = tuple(checks)

    def check(plan: Plan) -> Iterator[Fault]:
        yield from check_plan(plan)
        for more in extra:
            yield from more(plan)

    return parse_yaml_model(text, Plan, filename, title=TITLE, check=check, multiline=may_break_lines)


def load_plan(path: str | os.PathLike[str], *, checks: Iterable[PlanCheck] = ()) -> Plan:
    """Load and validate a plan file. Every text is NFC-normalised; faults raise InputError."""
    return parse_plan(read_text_file(path, title="Không đọc được tệp kế hoạch"), str(path), checks=checks)


def check_plan(plan: Plan) -> Iterator[Fault]:
    """Checks that span fields: unique ids, declared units, target quotes found in their paragraph, target
    goals (``goal``) found in the plan's words (their paragraph or a task's wording)."""
    from ..vnformat import norm_space

    task_words = " ".join(norm_space(w) for t in plan.tasks() for w in (t.text, t.body or "")).casefold()

    unit_ids = [u.id for u in plan.units]
    for loc, ident in _duplicates([(("units", i, "id"), u.id) for i, u in enumerate(plan.units)]):
        yield loc, f"mã đơn vị '{ident}' bị trùng", ident
    folded: dict[str, str] = {}
    for i, u in enumerate(plan.units):
        other = folded.setdefault(u.id.casefold(), u.id)
        if other != u.id:
            yield (("units", i, "id"), f"mã đơn vị '{u.id}' chỉ khác '{other}' ở chữ hoa, chữ thường: phiếu báo cáo "
                                       "và tên tệp của hai đơn vị sẽ lẫn nhau; đặt mã khác hẳn", u.id)
    declared = set(unit_ids)

    ids: list[tuple[Loc, str]] = []
    target_locs: list[tuple[Loc, Any]] = []
    for gi, g in enumerate(plan.task_groups):
        ids.append((("task_groups", gi, "id"), g.id))
        for ti, t in enumerate(g.tasks):
            ids.append((("task_groups", gi, "tasks", ti, "id"), t.id))
            for field in ("lead", "support"):
                for ui, u in enumerate(getattr(t, field)):
                    if u not in declared:
                        yield (("task_groups", gi, "tasks", ti, field, ui),
                               f"đơn vị '{u}' chưa được khai báo trong 'units' (có: {', '.join(unit_ids)})", u)

    def walk(blocks: list[Block], loc: Loc) -> Iterator[tuple[Loc, str, Any]]:
        for bi, b in enumerate(blocks):
            bloc = loc + (bi,)
            for ui, u in enumerate(b.unit_ids):
                if u not in declared:
                    where = bloc + ("unit",) + ((ui,) if isinstance(b.unit, list) else ())
                    yield where, f"đơn vị '{u}' chưa được khai báo trong 'units'", u
            for ti, t in enumerate(b.targets):
                ids.append((bloc + ("targets", ti, "id"), t.id))
                target_locs.append((bloc + ("targets", ti), t))
                if norm_space(t.quote) not in norm_space(b.text):
                    yield (bloc + ("targets", ti, "quote"),
                           "đoạn trích của chỉ tiêu không có trong câu chứa nó (so sánh sau chuẩn hóa NFC)", t.quote)
                goals = [(("goal",), t.goal)] + [(("classes", k, "goal"), c.goal) for k, c in (t.classes or {}).items()]
                for gloc, goal in goals:
                    words = norm_space(goal or "").casefold()
                    if words and words not in norm_space(b.text).casefold() and words not in task_words:
                        yield (bloc + ("targets", ti) + gloc,
                               "mục tiêu phải ghi đúng lời của kế hoạch: không thấy trong câu chứa chỉ tiêu hay "
                               "trong nội dung nhiệm vụ nào", goal)
            yield from walk(b.blocks, bloc + ("blocks",))

    for loc, part in part_locations(plan):
        yield from walk(part.blocks, loc + ("blocks",))
    group_ids = {g.id for g in plan.task_groups}
    for ai, appendix in enumerate(plan.appendices or ()):
        for gi, gid in enumerate(appendix.tasks if isinstance(appendix.tasks, list) else ()):
            if gid not in group_ids:
                yield ("appendices", ai, "tasks", gi), f"nhóm nhiệm vụ '{gid}' không có trong 'task_groups'", gid
    yield from data_faults(plan.data)
    for loc, ident in _duplicates(ids):
        yield loc, f"mã '{ident}' bị trùng (mã nhiệm vụ, nhóm và chỉ tiêu phải khác nhau)", ident
    themes = plan.reporting.themes if plan.reporting else []
    if themes:
        for loc, t in target_locs:
            if t.theme is not None and t.theme not in themes:
                yield (loc + ("theme",), f"nhóm '{t.theme}' không có trong 'reporting.themes' "
                                         f"({'; '.join(themes)})", t.theme)
    if plan.reporting and plan.reporting.compiler not in declared:
        yield (("reporting", "compiler"), f"đơn vị '{plan.reporting.compiler}' chưa được khai báo trong 'units'",
               plan.reporting.compiler)


def part_locations(plan: Plan) -> list[tuple[Loc, Section | Article]]:
    """The YAML path of each article of the decision and each section of the body, in document order."""
    articles = plan.decision.articles if plan.decision else []
    return ([(("decision", "articles", i), a) for i, a in enumerate(articles)]
            + [(("sections", i), s) for i, s in enumerate(plan.sections)])


def located_targets(plan: Plan) -> Iterator[tuple[Loc, Target]]:
    """Every target with its YAML path ("sections", 1, "blocks", 0, "targets", 2), in document order."""
    def walk(blocks: list[Block], loc: Loc) -> Iterator[tuple[Loc, Target]]:
        for bi, b in enumerate(blocks):
            for ti, t in enumerate(b.targets):
                yield loc + (bi, "targets", ti), t
            yield from walk(b.blocks, loc + (bi, "blocks"))

    for loc, part in part_locations(plan):
        yield from walk(part.blocks, loc + ("blocks",))


def _duplicates(items: list[tuple[Loc, str]]) -> Iterator[tuple[Loc, str]]:
    """Every repeat after the first occurrence of an id."""
    counts = Counter(ident for _, ident in items)
    seen: set[str] = set()
    for loc, ident in items:
        if counts[ident] > 1:
            if ident in seen:
                yield loc, ident
            seen.add(ident)


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """Plain data (YAML-ready) of a plan: defaults left out, short block form, timeframes as wording."""
    return plan.model_dump(mode="python", exclude_defaults=True)


def dump_plan_text(plan: Plan) -> str:
    """YAML text of a plan; ``parse_plan(dump_plan_text(p)) == p``."""
    return dump_yaml(plan_to_data(plan))


def dump_plan(plan: Plan, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write a plan as YAML, atomically; refuse to replace an existing file unless ``overwrite``."""
    return write_text_file(path, dump_plan_text(plan), overwrite=overwrite)
