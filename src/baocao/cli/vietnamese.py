"""click's own words in Vietnamese: usage lines, help headings, and every error click reports itself.

click words its messages through ``gettext`` (``_("Missing option")``), bound in each of its modules at
import. :func:`install` puts :func:`translate` in their place, so "Error: Missing option '--period'"
reads "Lỗi: Thiếu tùy chọn '--period'." Only the ``baocao`` command line installs it (importing
:mod:`baocao.cli`); a text missing from :data:`MESSAGES` is shown as click wrote it, and a test checks
that every text click words this way is in the catalogue.

:class:`Group` and :class:`Command` give Vietnamese placeholders ("[TÙY CHỌN]", "LỆNH [THAM SỐ CỦA LỆNH]") and
list each command's first sentence whole instead of cutting it with "...".
"""

from __future__ import annotations

from typing import Any

import click

MESSAGES: dict[str, str] = {
    # usage, help
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện số phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "(dynamic)": "(tính khi chạy)",
    "deprecated": "không còn dùng",
    "Try '{command} {option}' for help.": "Xem '{command} {option}' để biết cách dùng.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Choice({choices})": "Chọn({choices})",
    # errors
    "Error: {message}": "Lỗi: {message}",
    "Aborted!": "Đã dừng.",
    "Missing command.": "Thiếu tên lệnh.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Got unexpected extra argument ({args})": "Thừa tham số không dùng đến ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các tham số không dùng đến ({args})",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} nhận {nargs} giá trị.",
    "Invalid start character for option ({option})": "Tùy chọn bắt đầu bằng ký tự không hợp lệ ({option})",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị nhưng chỉ có 1.",
    "Takes {nargs} values but {len} were given.": "Cần {nargs} giá trị nhưng có {len}.",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "unknown error": "lỗi không rõ",
    "{value!r} is not {choice}.": "{value!r} không phải là {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không phải một trong: {choices}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} không đúng các dạng {formats}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải giá trị có/không. Các giá trị nhận: {states}",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    "{len_type} values are required, but {len_value} was given.": "Cần {len_type} giá trị nhưng có {len_value}.",
    "{len_type} values are required, but {len_value} were given.": "Cần {len_type} giá trị nhưng có {len_value}.",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "{name} {filename!r} does not exist.": "Không tìm thấy {filename!r}.",
    "{name} {filename!r} is a file.": "{filename!r} là một tệp, cần một thư mục.",
    "{name} {filename!r} is a directory.": "{filename!r} là một thư mục, cần một tệp.",
    "{name} {filename!r} is not readable.": "Không có quyền đọc {filename!r}.",
    "{name} {filename!r} is not writable.": "Không có quyền ghi {filename!r}.",
    "{name} {filename!r} is not executable.": "Không có quyền chạy {filename!r}.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Cảnh báo: lệnh {name!r} không còn dùng.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Cảnh báo: {param_type} {name!r} không còn dùng.{extra_message}",
    # prompts and terminal
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Xác nhận mà không hỏi lại.",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không giống nhau.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục.",
    "d": " ngày",  # days in a progress bar's time left
    "Unknown color {colour!r}": "Không biết màu {colour!r}",
    "{editor}: Editing failed": "{editor}: không sửa được",
    "{editor}: Editing failed: {e}": "{editor}: không sửa được: {e}",
    "Windows error: {error}": "Lỗi Windows: {error}",
    "Unknown standard stream '{name}'": "Không có luồng chuẩn '{name}'",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Không hỗ trợ gợi ý lệnh cho Bash cũ hơn 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.":
        "Không xác định được phiên bản Bash; không hỗ trợ gợi ý lệnh.",
    # mistakes in the program's own declarations (never the analyst's): worded all the same
    "Could not determine name for option with declarations {decls!r}":
        "Không xác định được tên tùy chọn từ khai báo {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?": "Khai báo tùy chọn thiếu tên ({name}).",
    "Name '{name}' defined twice": "Tên '{name}' được khai báo hai lần",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "Tùy chọn có/không {decl!r} không thể dùng cùng một cờ cho cả hai.",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "Mỗi tham số chỉ có một khai báo, có {length}: {decls}.",
}

METAVARS = {"TEXT": "CHỮ", "PATH": "ĐƯỜNG_DẪN", "DIRECTORY": "THƯ_MỤC", "FILE": "TỆP", "INTEGER": "SỐ",
            "FLOAT": "SỐ", "BOOLEAN": "CÓ/KHÔNG"}

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "shell_completion",
            "_termui_impl", "utils")


def translate(message: str) -> str:
    """The Vietnamese of one of click's texts (the text itself when it is not in :data:`MESSAGES`)."""
    return MESSAGES.get(message, message)


def ntranslate(singular: str, plural: str, n: int) -> str:
    """:func:`translate` for click's singular/plural texts."""
    return translate(singular if n == 1 else plural)


def install() -> None:
    """Put :func:`translate` where click's modules look up their texts (see the module doc)."""
    import importlib

    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ntranslate  # type: ignore[attr-defined]


class Command(click.Command):
    """A command with Vietnamese placeholders in its usage line and option value names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
                word = METAVARS.get(param.type.name.upper())
                if isinstance(param.type, click.Path):
                    word = METAVARS["DIRECTORY"] if not param.type.file_okay else (
                        METAVARS["FILE"] if not param.type.dir_okay else METAVARS["PATH"])
                if word:
                    param.metavar = word


class Group(click.Group):
    """A group with Vietnamese placeholders whose command list shows each first sentence whole."""

    command_class = Command
    group_class = type  # subgroups are of this class too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ CỦA LỆNH]")
        super().__init__(*args, **kwargs)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section(translate("Commands")):
                formatter.write_dl(rows)
