"""YAML files validated by a pydantic model, with Vietnamese errors naming file, key path and line.

Used for every hand-edited YAML file (the plan, the report narrative): faults are collected in one
pass; each becomes a :class:`~baocao.errors.Problem` located at the YAML node it concerns.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import InputError, Problem
from .vnformat import parse_number

Loc = tuple[Any, ...]
M = TypeVar("M", bound=BaseModel)

_PYDANTIC_VI = {
    "missing": "thiếu mục bắt buộc",
    "extra_forbidden": "khóa không được biết đến (sai chính tả hoặc không thuộc mẫu)",
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
    "tuple_type": "phải là danh sách hai số [đầu, cuối]",
}


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: several times faster


class AmbiguousNumber:
    """An unquoted number written with a Vietnamese thousands group ("6.600"), which YAML reads as 6.6.

    The loader keeps the words instead of the float; a number field refuses it with a message that
    says how to write either meaning, so 6.600 is never silently read as 6,6.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AmbiguousNumber) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


class _Loader(_Base):  # type: ignore[valid-type, misc]
    """SafeLoader that leaves an impossible date ("2021-13-11") as text for the model to reject with a line,
    and an unquoted "6.600" as an :class:`AmbiguousNumber`."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_yaml_float(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:  # read the Vietnamese way, "6.600" is a whole number (6600), while YAML reads it as 6.6
            grouped = isinstance(parse_number(node.value), int)
        except ValueError:
            grouped = False
        return AmbiguousNumber(node.value) if grouped else super().construct_yaml_float(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)


class LineMap:
    """Line of every key and item of a YAML document, addressed by its path."""

    def __init__(self, root: yaml.Node) -> None:
        self.lines: dict[Loc, int] = {}
        self.duplicates: list[tuple[Loc, int]] = []
        self._walk(root, ())

    def _walk(self, node: yaml.Node, loc: Loc) -> None:
        self.lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value
                if key in seen:
                    self.duplicates.append((loc + (key,), key_node.start_mark.line + 1))
                seen.add(key)
                self._walk(value_node, loc + (key,))
                self.lines[loc + (key,)] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, loc + (i,))

    def line(self, loc: Loc) -> int | None:
        """Line of the deepest node on the path ``loc`` (keys absent from the file are skipped)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get(())


def format_loc(loc: Loc) -> str:
    """YAML path text: ("task_groups", 0, "tasks", 2, "lead") -> "task_groups[0].tasks[2].lead"."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(gốc)"


def nfc_deep(value: Any) -> Any:
    """NFC-normalise every string inside nested lists and dicts."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {nfc_deep(k): nfc_deep(v) for k, v in value.items()}
    return value


def _clean_loc(loc: Loc) -> Loc:
    """Drop pydantic's internal loc parts (function-before[...], tagged unions) that are not YAML keys."""
    return tuple(p for p in loc if isinstance(p, int) or not str(p).startswith(("function-", "tagged-")))


def _pydantic_problems(exc: ValidationError, filename: str, lines: LineMap) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = _clean_loc(err["loc"])
        if err["type"] in ("value_error", "assertion_error"):
            msg = str(err.get("ctx", {}).get("error", err["msg"]))
        elif err["type"] == "literal_error":
            msg = f"giá trị không hợp lệ, chỉ nhận: {err.get('ctx', {}).get('expected', '')}"
        else:
            msg = _PYDANTIC_VI.get(err["type"], err["msg"])
        value = err.get("input")
        if err["type"] == "missing" or isinstance(value, (dict, list)):
            value = None
        problems.append(Problem(filename, msg, path=format_loc(loc), line=lines.line(loc), value=value))
    return problems


Check = Callable[[Any], Iterable[tuple[Loc, str, Any]]]


def parse_yaml_model(text: str, model: type[M], filename: str, *, title: str, check: Check | None = None) -> M:
    """Parse YAML text into ``model``; every fault (syntax, schema, ``check``) raises one InputError."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError([Problem(filename, f"YAML không hợp lệ: {getattr(exc, 'problem', exc)}",
                                  line=mark.line + 1 if mark else None)], title) from None
    if root is None:
        raise InputError([Problem(filename, "tệp rỗng")], title)
    lines = LineMap(root)
    problems = [Problem(filename, f"khóa '{loc[-1]}' bị lặp lại", path=format_loc(loc), line=ln)
                for loc, ln in lines.duplicates]
    data = nfc_deep(_Loader(text).get_single_data())
    if not isinstance(data, dict):
        raise InputError(problems + [Problem(filename, "cấp gốc của tệp phải là một bảng khóa: giá trị", line=1)],
                         title)
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems + _pydantic_problems(exc, filename, lines), title) from None
    if check is not None:
        problems += [Problem(filename, msg, path=format_loc(loc), line=lines.line(loc), value=value)
                     for loc, msg, value in check(obj)]
    if problems:
        raise InputError(problems, title)
    return obj


def read_text_file(path: str | os.PathLike[str], *, title: str) -> str:
    """Read a UTF-8 text file; a missing or non-UTF-8 file becomes an InputError naming it."""
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(str(p), "không tìm thấy tệp")], title) from None
    except UnicodeDecodeError as exc:
        raise InputError([Problem(str(p), f"tệp không phải UTF-8 (byte {exc.start})")], title) from None


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(tuple, lambda d, v: d.represent_list(list(v)))


def dump_yaml(data: Any) -> str:
    """YAML text that keeps key order and Vietnamese letters as they are."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000)
