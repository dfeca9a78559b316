"""The plan's commands: ``baocao outline`` (check and print), ``baocao plan`` and ``baocao appendix`` (.docx),
``baocao plan import`` (a plan typed in Word read into a plan file).

``plan`` is a group whose first argument, when it names no subcommand, is the plan file of ``plan export``:
``baocao plan KẾ_HOẠCH.yaml --out DIR`` works as it always has, and ``baocao plan import NGUỒN.docx --out
ke-hoach.yaml`` sits beside it. Only click is imported at start-up; the rest is imported inside each command so
a cold ``baocao appendix`` stays well under a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .common import echo_written, main_group, reports_errors, shown
from .vietnamese import Command, Group

#: Set in the context when ``baocao plan`` was called without a subcommand name (the short form).
SHORT_FORM = "baocao.plan.short_form"


def plan_argument(fn: Any) -> Any:
    """The KẾ_HOẠCH argument shared by the plan and task commands."""
    return click.argument("plan_file", metavar="KẾ_HOẠCH", type=click.Path(dir_okay=False, path_type=str))(fn)


def document_options(fn: Any) -> Any:
    """The --out and --pdf options of the document commands."""
    fn = click.option("--pdf", is_flag=True, help="Chuyển thêm sang PDF (cần LibreOffice).")(fn)
    return click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
                        help="Thư mục ghi văn bản.")(fn)


@main_group.command("outline")
@plan_argument
@reports_errors
def outline(plan_file: str) -> None:
    """Kiểm tra và in bố cục của kế hoạch KẾ_HOẠCH (.yaml), cả cách tính chỉ tiêu (compute)."""
    from ..indicators.plan_check import load_plan

    click.echo(str(load_plan(plan_file)))


class PlanGroup(Group):
    """``baocao plan``: its subcommands, and ``plan export`` when the first argument names no subcommand."""

    default_command = "export"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            ctx.meta[SHORT_FORM] = True
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


class ShortFormCommand(Command):
    """The default command of :class:`PlanGroup`: its usage line shows the form the analyst typed."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if ctx.meta.get(SHORT_FORM) and ctx.parent is not None:
            formatter.write_usage(ctx.parent.command_path, " ".join(self.collect_usage_pieces(ctx)))
        else:
            super().format_usage(ctx, formatter)


@main_group.group("plan", cls=PlanGroup)
def plan_group() -> None:
    """Văn bản kế hoạch: xuất ra Word từ tệp kế hoạch (.yaml), hoặc nhập kế hoạch đã có trong Word.

    \b
    baocao plan KẾ_HOẠCH.yaml --out THƯ_MỤC          (viết gọn của: baocao plan export)
    baocao plan import NGUỒN.docx --out ke-hoach.yaml
    """


@plan_group.command("export", cls=ShortFormCommand)
@plan_argument
@document_options
@click.option("--draft", is_flag=True, help="Bản dự thảo: để trống số và ngày cho văn thư.")
@click.option("--overwrite", is_flag=True, help="Ghi đè các tệp đã có.")
@reports_errors
def plan_document(plan_file: str, out_dir: Path, pdf: bool, draft: bool, overwrite: bool) -> None:
    """Xuất văn bản kế hoạch KẾ_HOẠCH (.yaml) kèm phụ lục phân công (trang ngang) ra .docx."""
    from ..jobs.plan_docs import write_plan

    written = write_plan(plan_file, out_dir, draft=draft, pdf=pdf, overwrite=overwrite)
    echo_written(written.files, written.warnings)


@plan_group.command("import")
@click.argument("source", metavar="NGUỒN.docx", type=click.Path(path_type=Path))
@click.option("--out", "out_yaml", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp kế hoạch sẽ ghi (.yaml).")
@click.option("--overwrite", is_flag=True, help="Ghi đè tệp kế hoạch đã có.")
@reports_errors
def plan_import(source: Path, out_yaml: Path, overwrite: bool) -> None:
    """Nhập kế hoạch (hoặc quyết định) đã có trong Word thành tệp kế hoạch (.yaml); in các mục cần xem lại."""
    from ..jobs.plan_import import write_plan_import

    imported = write_plan_import(source, out_yaml, overwrite=overwrite)
    click.echo(f"Đã ghi kế hoạch: {shown(out_yaml)}")
    if imported.uncertain:
        click.echo(f"Cần xem lại ({len(imported.uncertain)} mục):")
        for line in imported.review_lines():
            click.echo(f"  {line}")
    else:
        click.echo("Không có mục nào cần xem lại.")
    click.echo(f"Kiểm tra tệp bằng: baocao outline {shown(out_yaml)}")


@main_group.command("appendix")
@plan_argument
@document_options
@click.option("--overwrite", is_flag=True, help="Ghi đè các tệp đã có.")
@reports_errors
def appendix_document(plan_file: str, out_dir: Path, pdf: bool, overwrite: bool) -> None:
    """Xuất riêng phụ lục phân công thực hiện của kế hoạch KẾ_HOẠCH ra .docx."""
    from ..jobs.plan_docs import write_appendix

    written = write_appendix(plan_file, out_dir, pdf=pdf, overwrite=overwrite)
    echo_written(written.files, written.warnings)
