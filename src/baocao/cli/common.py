"""Shared pieces of the command line: the root group and Vietnamese error reporting.

Exit codes: 0 done; 2 anything the user can cause or meet (bad input, an existing output, no
permission, a full disk, not enough memory), with one Vietnamese message and no traceback; 1 only
for a bug in baocao, with a hint to report it and the details saved to a file; 130 when stopped
with Ctrl+C. A stopped or failed command leaves no file half-written (:mod:`baocao.fileio.staging`).
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import sys
import tempfile
import traceback
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, NoReturn

import click

from .. import __version__
from ..errors import BaocaoError, OutputExistsError
from ..fileio.atomic import OVERWRITE_ON_COMMAND_LINE, exists_message
from ..fileio.errors import os_error_text
from .vietnamese import Group, install

install()  # before any decorator words a help text


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", message="baocao %(version)s")
def main_group() -> None:
    """baocao — kế hoạch và báo cáo định kỳ theo Nghị định 30/2020/NĐ-CP."""


def reports_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every failure into a Vietnamese message on stderr and its exit code (see the module doc)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with warnings.catch_warnings():
            warnings.showwarning = show_warning
            try:
                return fn(*args, **kwargs)
            except (click.ClickException, click.exceptions.Exit, click.Abort):
                raise
            except BaseException as exc:  # noqa: BLE001 - this is the one place every failure ends
                fail(exc)

    return wrapper


def show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                 file: Any = None, line: str | None = None) -> None:
    """Print baocao's own warnings (Vietnamese) as "Cảnh báo: …"; other libraries' only with BAOCAO_DEBUG."""
    if category.__module__.startswith("baocao"):
        click.echo(f"Cảnh báo: {message}", err=True)
    elif os.environ.get("BAOCAO_DEBUG"):
        click.echo(warnings.formatwarning(message, category, filename, lineno, line), err=True, nl=False)


def fail(exc: BaseException) -> NoReturn:
    """Print the Vietnamese message for ``exc`` and exit with its code (2, 1 or 130; see the module doc)."""
    if isinstance(exc, SystemExit):
        raise exc
    # A writer cut short (a full disk) may leave an open file whose clean-up fails again at exit; that
    # second report of the same fault would print a traceback: the one message below is enough.
    sys.unraisablehook = lambda unraisable: None
    if isinstance(exc, KeyboardInterrupt):
        click.echo("Đã dừng theo yêu cầu; không tệp nào được ghi dở dang.", err=True)
        sys.exit(130)
    if isinstance(exc, OSError) and exc.errno == errno.EPIPE:  # the reader of our output went away
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more is printed
        sys.exit(0)
    if isinstance(exc, BaocaoError):
        message = command_line_message(exc)
    elif isinstance(exc, OSError):
        message = os_error_text(exc)
    elif isinstance(exc, MemoryError):
        message = ("không đủ bộ nhớ để xử lý dữ liệu này; đóng bớt chương trình khác, hoặc kiểm tra tệp đầu vào "
                   "có lớn bất thường không.")
    else:
        click.echo(internal_error_message(exc), err=True)
        sys.exit(1)
    click.echo(f"Lỗi: {message}", err=True)
    sys.exit(2)


def internal_error_message(exc: BaseException) -> str:
    """The Vietnamese note for a bug in baocao, with where its details were saved (or the details)."""
    details = "".join(traceback.format_exception(exc))
    head = (f"Lỗi nội bộ của baocao ({type(exc).__name__}). Đây là lỗi của chương trình, không phải của dữ liệu "
            "bạn nhập; không tệp nào được ghi dở dang. Hãy báo lỗi cho người phát triển, gửi kèm lệnh đã chạy")
    if os.environ.get("BAOCAO_DEBUG"):
        return f"{head} và nội dung sau:\n{details}"
    try:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        fd, name = tempfile.mkstemp(prefix=f"baocao-loi-{stamp}-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(" ".join(sys.argv) + "\n\n" + details)
    except OSError:
        return f"{head} và nội dung sau:\n{details}"
    return f"{head} và tệp chi tiết {name}."


def command_line_message(exc: BaocaoError) -> str:
    """The error's message, an existing output's overwrite hint worded for the command line (--overwrite)."""
    if isinstance(exc, OutputExistsError) and exc.paths:
        return exists_message(*exc.paths, allow=OVERWRITE_ON_COMMAND_LINE)
    return str(exc)


def existing_file(help_text: str) -> Any:
    """A click argument type for an input file that must exist."""
    return click.Path(exists=True, dir_okay=False, readable=True, path_type=str)


def shown(path: str | os.PathLike[str]) -> str:
    """A written file's path as messages print it: relative to the working folder when under it."""
    p = Path(path).absolute()
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(p)


def echo_written(files: Iterable[str | os.PathLike[str]], warnings: Iterable[str] = ()) -> None:
    """Print "Đã ghi: …" for each written file, then each warning on stderr."""
    for path in files:
        click.echo(f"Đã ghi: {shown(path)}")
    for warning in warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
