"""YAML files validated by a pydantic model, with Vietnamese errors naming file, key path and line.

Used for every hand-edited YAML file (the plan, the report narrative): faults are collected in one
pass; each becomes a :class:`~baocao.errors.Problem` located at the YAML node it concerns.

The file is checked at the door, before anything is built from it (limits in ``docs/plan-file.md``):
its size (:data:`MAX_YAML_BYTES`), the nesting depth and the number of nodes once aliases are
expanded (a "billion laughs" file is refused in milliseconds, not after gigabytes), tags (only plain
YAML data: ``!!python/object/apply:os.system`` is refused, never constructed), the length of each
value, numbers too long to be numbers, keys that are not text, and the characters of every text
(:mod:`baocao.text_chars`; a value is one line unless the caller's ``multiline`` says its key path may
break lines). The final line break ``>`` adds to a folded one-line value is YAML syntax and is dropped; a
literal block (``|``) keeps its line breaks, so it is a multi-line value.
"""

from __future__ import annotations

import math
import os
import unicodedata
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import InputError, Problem
from .text_chars import refused_message
from .vnformat import number, parse_number

Loc = tuple[Any, ...]
M = TypeVar("M", bound=BaseModel)

MAX_YAML_BYTES = 2_000_000  # a plan file; the bundled 188/KH-LMHTX is 40 KB
MAX_NODES = 200_000  # keys, items and values, aliases expanded (the bundled plan: about 4,000)
MAX_DEPTH = 40  # nesting of mappings and lists (the bundled plan: 11)
MAX_VALUE_CHARS = 20_000  # one text value (a long paragraph of a plan is about 1,500)
MAX_NUMBER_CHARS = 30  # a number written with more characters is refused, not converted

_TAG = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq",
                                             "merge"))

_PYDANTIC_VI = {
    "missing": "thiếu mục bắt buộc",
    "extra_forbidden": "khóa không được biết đến (sai chính tả hoặc không thuộc mẫu)",
    "string_type": "phải là chữ",
    "string_too_short": "không được để trống",
    "string_too_long": "chữ quá dài",
    "string_pattern_mismatch": "chữ không đúng dạng yêu cầu",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_parsing_size": "số nguyên quá lớn",
    "int_from_float": "phải là số nguyên (không có phần thập phân)",
    "float_type": "phải là số",
    "float_parsing": "phải là số",
    "finite_number": "phải là số hữu hạn (không nhận .nan, .inf)",
    "greater_than": "số quá nhỏ",
    "greater_than_equal": "số quá nhỏ",
    "less_than": "số quá lớn",
    "less_than_equal": "số quá lớn",
    "bool_type": "phải là có/không (true/false)",
    "bool_parsing": "phải là có/không (true/false)",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "phải là ngày dạng YYYY-MM-DD (ví dụ 2021-05-11), không phải một số",
    "datetime_type": "phải là ngày giờ dạng YYYY-MM-DD HH:MM",
    "datetime_parsing": "phải là ngày giờ dạng YYYY-MM-DD HH:MM",
    "list_type": "phải là danh sách",
    "dict_type": "phải là bảng khóa: giá trị",
    "model_type": "phải là bảng khóa: giá trị",
    "model_attributes_type": "phải là bảng khóa: giá trị",
    "too_short": "danh sách không được rỗng",
    "too_long": "danh sách quá dài",
    "tuple_type": "phải là danh sách hai số [đầu, cuối]",
    "none_required": "phải để trống",
    "enum": "giá trị không hợp lệ",
    "union_tag_invalid": "giá trị không hợp lệ",
    "union_tag_not_found": "thiếu khóa phân loại",
    "recursion_loop": "nội dung tự tham chiếu chính nó",
}

_YAML_VI = {
    "mapping values are not allowed in this context":
        "dấu ':' không được đặt ở đây (chữ có dấu ':' cần đặt trong ngoặc kép)",
    "mapping values are not allowed here": "dấu ':' không được đặt ở đây (chữ có dấu ':' cần đặt trong ngoặc kép)",
    "did not find expected key": "không thấy khóa ở chỗ cần có (thụt lề sai?)",
    "could not find expected ':'": "thiếu dấu ':' sau khóa",
    "did not find expected ',' or ']'": "thiếu dấu ',' hoặc ']'",
    "did not find expected ',' or '}'": "thiếu dấu ',' hoặc '}'",
    "did not find expected '-' indicator": "thiếu dấu '-' của mục danh sách (thụt lề sai?)",
    "did not find expected node content": "thiếu giá trị ở chỗ cần có",
    "block sequence entries are not allowed in this context": "mục danh sách '-' không được đặt ở đây (thụt lề sai?)",
    "found undefined alias": "bí danh (*) chưa được khai báo bằng '&'",
    "found duplicate anchor": "tên neo '&' bị lặp lại",
    "found character that cannot start any token":
        "có ký tự không được đứng ở đầu giá trị (tab để thụt lề, hoặc @, `: hãy đặt chữ trong ngoặc kép)",
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu nháy đóng?)",
    "found unexpected end of plain scalar": "giá trị kết thúc giữa chừng",
    "found unknown escape character": "mã thoát sau dấu '\\' không hợp lệ",
    "found invalid Unicode character escape code": "mã thoát Unicode (\\u…) không hợp lệ",
    "control characters are not allowed": "có ký tự điều khiển trong tệp",
    "special characters are not allowed": "có ký tự điều khiển trong tệp",
    "exceeded maximum nesting depth": "các mục lồng nhau quá sâu",
    "found a tab character that violates indentation": "dùng tab để thụt lề (chỉ dùng dấu cách)",
    "found a tab character where an indentation space is expected": "dùng tab để thụt lề (chỉ dùng dấu cách)",
    "found unexpected ':'": "dấu ':' không được đặt ở đây",
    "did not find expected <document start>": "nội dung sau phần kết thúc tài liệu ('...')",
    "found undefined tag handle": "thẻ YAML ('!') không được dùng",
    "invalid leading UTF-8 octet": "tệp không phải UTF-8",
    "incomplete UTF-8 octet sequence": "tệp không phải UTF-8",
    "invalid trailing UTF-8 octet": "tệp không phải UTF-8",
    "expected a single document in the stream": "tệp chỉ được chứa một tài liệu YAML (không dùng '---' lần hai)",
    "but found another document": "tệp chỉ được chứa một tài liệu YAML (không dùng '---' lần hai)",
}


def yaml_problem_vi(problem: str | None) -> str:
    """Vietnamese wording of a PyYAML/libyaml problem text (the original kept when unknown)."""
    text = (problem or "").strip()
    for english, vietnamese in _YAML_VI.items():
        if text.startswith(english):
            return vietnamese
    return f"cú pháp YAML sai ({text})" if text else "cú pháp YAML sai"


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


def _children(node: yaml.Node) -> list[tuple[Any, yaml.Node]]:
    """(key or index, child node) of a collection node; keys as written (scalar keys only)."""
    if isinstance(node, yaml.MappingNode):
        return [(k.value if isinstance(k, yaml.ScalarNode) else None, v) for k, v in node.value]
    if isinstance(node, yaml.SequenceNode):
        return list(enumerate(node.value))
    return []


class LineMap:
    """Line of every key and item of a YAML document, addressed by its path."""

    def __init__(self, root: yaml.Node) -> None:
        self.lines: dict[Loc, int] = {}
        self.duplicates: list[tuple[Loc, int]] = []
        for loc, node in walk_nodes(root):
            self.lines.setdefault(loc, node.start_mark.line + 1)
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for key_node, _ in node.value:
                    key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                    if key in seen:
                        self.duplicates.append((loc + (key,), key_node.start_mark.line + 1))
                    seen.add(key)
                    self.lines[loc + (key,)] = key_node.start_mark.line + 1

    def line(self, loc: Loc) -> int | None:
        """Line of the deepest node on the path ``loc`` (keys absent from the file are skipped)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get(())


def walk_nodes(root: yaml.Node) -> Iterator[tuple[Loc, yaml.Node]]:
    """Every node with its key path, depth first, aliases expanded (call after :func:`size_problem`)."""
    stack: list[tuple[Loc, yaml.Node]] = [((), root)]
    while stack:
        loc, node = stack.pop()
        yield loc, node
        stack.extend((loc + (key,), child) for key, child in reversed(_children(node)))


def size_problem(root: yaml.Node, filename: str) -> Problem | None:
    """A problem when the document nests deeper than :data:`MAX_DEPTH`, refers to itself, or holds
    more than :data:`MAX_NODES` nodes once every alias is expanded; None otherwise.

    Shared (aliased) nodes are sized once, so a billion-laughs file costs as many steps as it has
    lines, not as many as it would expand to.
    """
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = [child for _, child in _children(node)]
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            depths[key] = 1 + max((depths[id(c)] for c in children), default=0)
            if depths[key] > MAX_DEPTH:
                return Problem(filename, f"các mục lồng nhau quá sâu (quá {MAX_DEPTH} cấp)",
                               line=node.start_mark.line + 1)
            if sizes[key] > MAX_NODES:
                return Problem(filename, f"nội dung quá lớn: hơn {number(MAX_NODES)} mục sau khi thay các bí danh "
                                         "YAML (*) bằng nội dung của chúng",
                               line=node.start_mark.line + 1)
            continue
        if key in sizes:
            continue
        if key in on_path:
            return Problem(filename, "bí danh YAML (*) trỏ vào chính mục chứa nó (vòng lặp vô tận)",
                           line=node.start_mark.line + 1)
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for _, child in _children(node) if id(child) not in sizes)
    return None


Multiline = Callable[[Loc], bool]


def one_line(loc: Loc) -> bool:
    """The default :data:`Multiline`: no value may break its line."""
    return False


def node_problems(root: yaml.Node, filename: str, multiline: Multiline = one_line) -> list[Problem]:
    """Tags, keys, value lengths, overlong numbers and refused characters, each with key path and line.

    Values whose key path ``multiline`` accepts may hold line breaks; a folded one-line value's final line
    break is dropped here (see the module doc).
    """
    problems: list[Problem] = []
    checked: set[int] = set()

    def add(loc: Loc, node: yaml.Node, message: str, value: Any = None) -> None:
        problems.append(Problem(filename, message, path=format_loc(loc), line=node.start_mark.line + 1, value=value))

    for loc, node in walk_nodes(root):
        if id(node) in checked:
            continue
        checked.add(id(node))
        if node.tag not in ALLOWED_TAGS:
            add(loc, node, f"thẻ YAML '{node.tag.replace(_TAG, '!!')}' không được dùng: tệp chỉ chứa chữ, số, ngày, "
                           "danh sách và bảng khóa: giá trị")
            continue
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    add(loc, key_node, "khóa phải là chữ, không phải danh sách hay bảng")
                else:
                    _scalar_problems(loc + (key_node.value,), key_node, add, "")
        elif isinstance(node, yaml.ScalarNode):
            _scalar_problems(loc, node, add, "\n" if multiline(loc) else "")
    return problems


def _scalar_problems(loc: Loc, node: yaml.ScalarNode, add: Callable[..., None], allow: str) -> None:
    if node.style == ">" and node.value.endswith("\n") and "\n" not in allow:
        node.value = node.value[:-1]  # a folded paragraph's final line break is YAML syntax, not text
    text = node.value
    if len(text) > MAX_VALUE_CHARS:
        add(loc, node, f"giá trị dài {number(len(text))} ký tự, quá giới hạn {number(MAX_VALUE_CHARS)} ký tự")
    elif node.tag in (_TAG + "int", _TAG + "float") and len(text) > MAX_NUMBER_CHARS:
        add(loc, node, f"số viết quá dài ({len(text)} ký tự, tối đa {MAX_NUMBER_CHARS})")
    elif node.tag == _TAG + "float" and not _finite(text):
        add(loc, node, "phải là số hữu hạn (không nhận .inf, .nan hay số vượt quá 1e308)", text)
    elif node.tag == _TAG + "str":
        message = refused_message(text, allow=allow)
        if message:
            add(loc, node, message, text)


def _finite(text: str) -> bool:
    """False for a YAML float that is infinite or not a number (``.inf``, ``.nan``, ``1e400``)."""
    value = text.replace("_", "").lower()
    if value.lstrip("+-") in (".inf", ".nan"):
        return False
    try:
        return math.isfinite(float(value))
    except ValueError:  # a YAML 1.1 sexagesimal float ("1:30.5"): finite by construction
        return True


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


def pydantic_message(err: Any) -> str:
    """Vietnamese text of one pydantic error (a ``ValidationError.errors()`` item)."""
    kind = err["type"]
    if kind in ("value_error", "assertion_error"):
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind == "literal_error":
        return f"giá trị không hợp lệ, chỉ nhận: {err.get('ctx', {}).get('expected', '')}"
    limit = err.get("ctx", {})
    for bound, word in (("gt", "lớn hơn"), ("ge", "từ"), ("lt", "nhỏ hơn"), ("le", "đến")):
        if bound in limit:
            return f"phải là số {word} {limit[bound]}"
    return _PYDANTIC_VI.get(kind, f"giá trị không hợp lệ (mã lỗi kiểm tra: {kind})")


def _pydantic_problems(exc: ValidationError, filename: str, lines: LineMap) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = _clean_loc(err["loc"])
        value = err.get("input")
        if err["type"] == "missing" or isinstance(value, (dict, list)):
            value = None
        problems.append(Problem(filename, pydantic_message(err), path=format_loc(loc), line=lines.line(loc),
                                value=value))
    return problems


Check = Callable[[Any], Iterable[tuple[Loc, str, Any]]]


def compose_checked(text: str, filename: str, title: str, multiline: Multiline = one_line) -> yaml.Node:
    """The YAML node tree of ``text``, refused with located problems unless within every limit."""
    if len(text) > MAX_YAML_BYTES:
        raise InputError([Problem(filename, f"tệp quá lớn ({number(len(text))} ký tự; tối đa {number(MAX_YAML_BYTES)})")], title)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError([Problem(filename, f"YAML không hợp lệ: {yaml_problem_vi(getattr(exc, 'problem', None))}",
                                  line=mark.line + 1 if mark else None)], title) from None
    if root is None:
        raise InputError([Problem(filename, "tệp rỗng")], title)
    too_big = size_problem(root, filename)
    if too_big is not None:
        raise InputError([too_big], title)
    problems = node_problems(root, filename, multiline)
    if problems:
        raise InputError(problems, title)
    return root


def construct(root: yaml.Node, filename: str, title: str) -> Any:
    """Python data of a checked node tree (only plain YAML types can be built from it)."""
    loader = _Loader("")
    try:
        return loader.construct_document(root)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError([Problem(filename, f"không đọc được giá trị: {yaml_problem_vi(getattr(exc, 'problem', None))}",
                                  line=mark.line + 1 if mark else None)], title) from None
    finally:
        loader.dispose()


def parse_yaml_model(text: str, model: type[M], filename: str, *, title: str, check: Check | None = None,
                     multiline: Multiline = one_line) -> M:
    """Parse YAML text into ``model``; every fault (limits, syntax, schema, ``check``) raises one InputError.

    Values whose key path ``multiline`` accepts may hold line breaks; every other value is one line.
    """
    root = compose_checked(text, filename, title, multiline)
    lines = LineMap(root)
    problems = [Problem(filename, f"khóa '{loc[-1]}' bị lặp lại", path=format_loc(loc), line=ln)
                for loc, ln in lines.duplicates]
    data = nfc_deep(construct(root, filename, title))
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


def read_text_file(path: str | os.PathLike[str], *, title: str, limit: int = MAX_YAML_BYTES) -> str:
    """Read a UTF-8 text file of at most ``limit`` bytes; any fault becomes an InputError naming it."""
    from .fileio.errors import os_error_message

    p = Path(path)
    try:
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError([Problem(str(p), os_error_message(exc, reading=True))], title) from None
    if len(data) > limit:
        raise InputError([Problem(str(p), f"tệp lớn hơn giới hạn {number(limit)} byte; "
                                  "tệp kế hoạch hay nhận định thường chỉ vài chục KB")], title)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(str(p), f"tệp không phải UTF-8 (byte {exc.start})")], title) from None


class _Dumper(yaml.SafeDumper):
    pass


_YAML_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in _YAML_LINE_BREAKS) or not value.replace("\n", "").isprintable():
        style = '"'  # YAML reads NEL, LS and PS as line breaks: only an escape (\N, \L, \P) keeps them
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(tuple, lambda d, v: d.represent_list(list(v)))


def dump_yaml(data: Any) -> str:
    """YAML text that keeps key order and Vietnamese letters as they are (and every character on reload)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000)
