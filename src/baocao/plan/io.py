"""Reading and writing plan files (YAML) with Vietnamese errors that name file, key path and line."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import ValidationError

from ..errors import InputError, OutputExistsError, Problem
from .model import Plan

Loc = tuple[Any, ...]

_PYDANTIC_VI = {
    "missing": "thiếu mục bắt buộc",
    "extra_forbidden": "khóa không được biết đến (sai chính tả hoặc không thuộc mẫu kế hoạch)",
    "string_type": "phải là chữ",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "float_type": "phải là số",
    "float_parsing": "phải là số",
    "bool_type": "phải là có/không (true/false)",
    "bool_parsing": "phải là có/không (true/false)",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "list_type": "phải là danh sách",
    "dict_type": "phải là bảng khóa: giá trị",
    "model_type": "phải là bảng khóa: giá trị",
    "too_short": "danh sách không được rỗng",
    "literal_error": "giá trị không hợp lệ",
    "tuple_type": "phải là danh sách hai số [đầu, cuối]",
}


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves an impossible date ("2021-13-11") as text for the model to reject with a line."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


# --- YAML with line numbers ------------------------------------------------------------------------
def _walk_nodes(node: yaml.Node, loc: Loc, lines: dict[Loc, int], dupes: list[tuple[Loc, int]]) -> None:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                dupes.append((loc + (key,), key_node.start_mark.line + 1))
            seen.add(key)
            lines[loc + (key,)] = key_node.start_mark.line + 1
            _walk_nodes(value_node, loc + (key,), lines, dupes)
            lines[loc + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk_nodes(item, loc + (i,), lines, dupes)


def line_of(lines: dict[Loc, int], loc: Loc) -> int | None:
    """Line of the deepest YAML node on the path ``loc`` (keys that are not in the file are skipped)."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get((), None)


def format_loc(loc: Loc) -> str:
    """YAML path text: ("task_groups", 0, "tasks", 2, "lead") -> "task_groups[0].tasks[2].lead"."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(gốc)"


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


def _clean_loc(loc: Loc) -> Loc:
    """Drop pydantic's internal loc parts (function-before[...], tagged unions) that are not YAML keys."""
    return tuple(p for p in loc if isinstance(p, int) or not (str(p).startswith(("function-", "tagged-"))))


# --- loading ---------------------------------------------------------------------------------------
def parse_plan(text: str, filename: str = "<chuỗi>") -> Plan:
    """Parse and validate plan YAML text; raise InputError listing every fault with its line."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError([Problem(filename, f"YAML không hợp lệ: {getattr(exc, 'problem', exc)}",
                                  line=mark.line + 1 if mark else None)], "Không đọc được tệp kế hoạch") from None
    if root is None:
        raise InputError([Problem(filename, "tệp rỗng")], "Không đọc được tệp kế hoạch")
    lines: dict[Loc, int] = {}
    dupes: list[tuple[Loc, int]] = []
    _walk_nodes(root, (), lines, dupes)
    problems = [Problem(filename, f"khóa '{loc[-1]}' bị lặp lại", path=format_loc(loc), line=ln) for loc, ln in dupes]
    data = _nfc(_Loader(text).get_single_data())
    if not isinstance(data, dict):
        problems.append(Problem(filename, "tệp kế hoạch phải là một bảng khóa: giá trị ở cấp gốc", line=1))
        raise InputError(problems, "Tệp kế hoạch có lỗi")
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = _clean_loc(err["loc"])
            msg = _PYDANTIC_VI.get(err["type"])
            if err["type"] in ("value_error", "assertion_error"):
                msg = str(err.get("ctx", {}).get("error", err["msg"]))
            elif err["type"] == "literal_error":
                msg = f"giá trị không hợp lệ, chỉ nhận: {err.get('ctx', {}).get('expected', '')}"
            problems.append(Problem(filename, msg or err["msg"], path=format_loc(loc), line=line_of(lines, loc),
                                    value=err.get("input") if err["type"] not in ("missing",) and
                                    not isinstance(err.get("input"), (dict, list)) else None))
        raise InputError(problems, "Tệp kế hoạch có lỗi") from None
    problems += [Problem(filename, msg, path=format_loc(loc), line=line_of(lines, loc), value=value)
                 for loc, msg, value in check_plan(plan)]
    if problems:
        raise InputError(problems, "Tệp kế hoạch có lỗi")
    return plan


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Load and validate a plan file. Every text is NFC-normalised; faults raise InputError."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(str(p), "không tìm thấy tệp")], "Không đọc được tệp kế hoạch") from None
    except UnicodeDecodeError as exc:
        raise InputError([Problem(str(p), f"tệp không phải UTF-8 (byte {exc.start})")],
                         "Không đọc được tệp kế hoạch") from None
    return parse_plan(text, str(p))


# --- cross-field checks ----------------------------------------------------------------------------
def check_plan(plan: Plan) -> Iterator[tuple[Loc, str, Any]]:
    """Checks that span fields: unique ids, declared units, target quotes found in their paragraph."""
    from ..vnformat import norm_space

    unit_ids = [u.id for u in plan.units]
    for loc, ident in _duplicates([(("units", i, "id"), u.id) for i, u in enumerate(plan.units)]):
        yield loc, f"mã đơn vị '{ident}' bị trùng", ident
    declared = set(unit_ids)

    ids: list[tuple[Loc, str]] = []
    for gi, g in enumerate(plan.task_groups):
        ids.append((("task_groups", gi, "id"), g.id))
        for ti, t in enumerate(g.tasks):
            ids.append((("task_groups", gi, "tasks", ti, "id"), t.id))
            for field in ("lead", "support"):
                for ui, u in enumerate(getattr(t, field)):
                    if u not in declared:
                        yield (("task_groups", gi, "tasks", ti, field, ui),
                               f"đơn vị '{u}' chưa được khai báo trong 'units' (có: {', '.join(unit_ids)})", u)

    def walk(blocks: list, loc: Loc) -> Iterator[tuple[Loc, str, Any]]:
        for bi, b in enumerate(blocks):
            bloc = loc + (bi,)
            if b.unit and b.unit not in declared:
                yield bloc + ("unit",), f"đơn vị '{b.unit}' chưa được khai báo trong 'units'", b.unit
            for ti, t in enumerate(b.targets):
                ids.append((bloc + ("targets", ti, "id"), t.id))
                if norm_space(t.quote) not in norm_space(b.text):
                    yield (bloc + ("targets", ti, "quote"),
                           "đoạn trích của chỉ tiêu không có trong câu chứa nó (so sánh sau chuẩn hóa NFC)", t.quote)
            yield from walk(b.blocks, bloc + ("blocks",))

    for si, s in enumerate(plan.sections):
        yield from walk(s.blocks, ("sections", si, "blocks"))
    for loc, ident in _duplicates(ids):
        yield loc, f"mã '{ident}' bị trùng (mã nhiệm vụ, nhóm và chỉ tiêu phải khác nhau)", ident
    if plan.reporting and plan.reporting.compiler not in declared:
        yield ("reporting", "compiler"), f"đơn vị '{plan.reporting.compiler}' chưa được khai báo trong 'units'", \
            plan.reporting.compiler


def _duplicates(items: list[tuple[Loc, str]]) -> Iterator[tuple[Loc, str]]:
    counts = Counter(ident for _, ident in items)
    seen: set[str] = set()
    for loc, ident in items:
        if counts[ident] > 1:
            if ident in seen:
                yield loc, ident
            seen.add(ident)


# --- writing ---------------------------------------------------------------------------------------
def plan_to_data(plan: Plan) -> dict[str, Any]:
    """Plain data (YAML-ready) of a plan: defaults left out, short block form, timeframes as wording."""
    return plan.model_dump(mode="python", exclude_defaults=True)


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(tuple, lambda d, v: d.represent_list(list(v)))


def dump_plan_text(plan: Plan) -> str:
    """YAML text of a plan; ``parse_plan(dump_plan_text(p)) == p``."""
    return yaml.dump(plan_to_data(plan), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000)


def dump_plan(plan: Plan, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write a plan as YAML, atomically; refuse to replace an existing file unless ``overwrite``."""
    p = Path(path)
    if p.exists() and not overwrite:
        raise OutputExistsError(f"Tệp {p} đã có; dùng overwrite=True (hoặc --ghi-de) nếu muốn ghi đè.")
    write_text_atomic(p, dump_plan_text(plan))
    return p


def write_text_atomic(path: Path, text: str) -> None:
    """Write text to a temporary file in the same folder, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
