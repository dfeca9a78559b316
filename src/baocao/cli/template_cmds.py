"""``baocao template``: look after the .docx templates a clerk edits by hand."""

from __future__ import annotations

from pathlib import Path

import click

from .common import main_group, reports_errors, shown


@main_group.group("template")
def template_group() -> None:
    """Mẫu văn bản .docx (templates/docx): kiểm tra và sửa sau khi chỉnh tay."""


@template_group.command("repair")
@click.argument("template_file", metavar="MẪU", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp mẫu đã sửa (.docx).")
@click.option("--overwrite", is_flag=True, help="Ghi đè tệp đã có.")
@reports_errors
def repair(template_file: Path, out_file: Path, overwrite: bool) -> None:
    """Đặt lại số trang (giữa lề trên, ẩn ở trang đầu; phụ lục đánh số từ 1) mà LibreOffice làm mất khi
    lưu mẫu dạng .docx. Thẻ {{ … }} của mẫu được giữ nguyên."""
    import io

    import docx

    from ..docx.page_numbers import restore_page_numbers
    from ..errors import InputError, Problem
    from ..fileio.atomic import atomic_write_bytes
    from ..render.docx import template_variables

    try:
        document = docx.Document(str(template_file))
    except Exception as exc:  # noqa: BLE001 - any unreadable file becomes a located problem
        raise InputError([Problem(str(template_file), f"không mở được như tệp .docx ({type(exc).__name__})")],
                         "Không đọc được mẫu văn bản") from None
    done = restore_page_numbers(document)
    buffer = io.BytesIO()
    document.save(buffer)
    written = atomic_write_bytes(out_file, buffer.getvalue(), overwrite=overwrite)
    for line in done or ["không cần sửa: số trang đã đúng"]:
        click.echo(f"- {line}")
    names = sorted(template_variables(written))
    click.echo(f"Đã ghi: {shown(written)} (biến của mẫu: {', '.join(names)})")
