"""Shared pieces of the command line: the root group and Vietnamese error reporting."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable

import click

from .. import __version__
from ..errors import BaocaoError, OutputExistsError
from ..fileio.atomic import OVERWRITE_ON_COMMAND_LINE, exists_message


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", message="baocao %(version)s")
def main_group() -> None:
    """baocao — kế hoạch và báo cáo định kỳ theo Nghị định 30/2020/NĐ-CP."""


def reports_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn baocao errors into a Vietnamese message on stderr and exit code 2 (no traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BaocaoError as exc:
            click.echo(f"Lỗi: {command_line_message(exc)}", err=True)
            sys.exit(2)

    return wrapper


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
