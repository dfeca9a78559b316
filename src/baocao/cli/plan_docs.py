"""Commands producing the plan's documents and round-tripping its task table through .xlsx.

``baocao tasks export|import``, ``baocao plan`` (plan + landscape appendix) and ``baocao appendix``
(the appendix alone). Only click is imported at start-up; the rest is imported inside each command
so a cold ``baocao appendix`` stays well under a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

from .common import main_group, reports_errors, shown

if TYPE_CHECKING:
    from ..plan.model import Plan

PLAN_TEMPLATE = "ke-hoach.docx"
APPENDIX_TEMPLATE = "phu-luc.docx"


def leading_comments(text: str) -> str:
    """The comment block at the top of a YAML file (kept when the file is rewritten)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def _plan_argument(fn: Any) -> Any:
    return click.argument("plan_file", type=click.Path(dir_okay=False, path_type=str))(fn)


def _refuse_existing(paths: list[Path], overwrite: bool) -> None:
    """Stop before writing anything when an output exists and --overwrite was not given."""
    from ..errors import OutputExistsError

    taken = [p for p in paths if p.exists()]
    if taken and not overwrite:
        raise OutputExistsError("Tệp đã có: " + ", ".join(map(str, taken)) + ". Dùng --overwrite nếu muốn ghi đè.")


def _render(plan_file: str, template: str, name: Callable[[Plan], str], out_dir: Path, *, pdf: bool, draft: bool,
            overwrite: bool) -> None:
    """Load the plan, render ``template`` into ``out_dir``, optionally convert to PDF."""
    from ..errors import ToolMissingError
    from ..plan.io import load_plan
    from ..plan.text import plan_context
    from ..render.docx import render_docx
    from ..resources import template_path

    plan = load_plan(plan_file)
    docx_path = out_dir / name(plan)
    _refuse_existing([docx_path] + ([docx_path.with_suffix(".pdf")] if pdf else []), overwrite)
    written = render_docx(template_path(template), plan_context(plan, draft=draft), docx_path, overwrite=overwrite)
    click.echo(f"Đã ghi: {shown(written)}")
    if not pdf:
        return
    from ..render.pdf import to_pdf

    try:
        pdfs = to_pdf([written], out_dir, overwrite=overwrite)
    except ToolMissingError as exc:
        click.echo(f"Cảnh báo: chưa tạo được PDF. {exc}", err=True)
        click.echo(f"Tệp .docx vẫn được giữ: {written}", err=True)
        return
    for p in pdfs:
        click.echo(f"Đã ghi: {shown(p)}")


@main_group.command("plan")
@_plan_argument
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi văn bản.")
@click.option("--pdf", is_flag=True, help="Chuyển thêm sang PDF (cần LibreOffice).")
@click.option("--draft", is_flag=True, help="Bản dự thảo: để trống số và ngày cho văn thư.")
@click.option("--overwrite", is_flag=True, help="Ghi đè các tệp đã có.")
@reports_errors
def plan_document(plan_file: str, out_dir: Path, pdf: bool, draft: bool, overwrite: bool) -> None:
    """Xuất văn bản kế hoạch PLAN_FILE (.yaml) kèm phụ lục phân công (trang ngang) ra .docx."""
    from ..pipeline import plan_file_name

    _render(plan_file, PLAN_TEMPLATE, lambda p: plan_file_name(p, draft=draft), out_dir, pdf=pdf, draft=draft,
            overwrite=overwrite)


@main_group.command("appendix")
@_plan_argument
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi văn bản.")
@click.option("--pdf", is_flag=True, help="Chuyển thêm sang PDF (cần LibreOffice).")
@click.option("--overwrite", is_flag=True, help="Ghi đè các tệp đã có.")
@reports_errors
def appendix_document(plan_file: str, out_dir: Path, pdf: bool, overwrite: bool) -> None:
    """Xuất riêng phụ lục phân công thực hiện của kế hoạch PLAN_FILE ra .docx."""
    from ..pipeline import appendix_file_name

    _render(plan_file, APPENDIX_TEMPLATE, appendix_file_name, out_dir, pdf=pdf, draft=False, overwrite=overwrite)


@main_group.group("tasks")
def tasks_group() -> None:
    """Bảng nhiệm vụ (.xlsx): xuất ra để sửa, rồi đọc lại vào kế hoạch."""


@tasks_group.command("export")
@_plan_argument
@click.option("--xlsx", "xlsx", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp Excel sẽ ghi.")
@click.option("--overwrite", is_flag=True, help="Ghi đè tệp Excel đã có.")
@reports_errors
def tasks_export(plan_file: str, xlsx: Path, overwrite: bool) -> None:
    """Xuất bảng nhiệm vụ của kế hoạch PLAN_FILE ra tệp Excel để sửa."""
    from ..plan.io import load_plan
    from ..plan.tasks_xlsx import export_tasks

    plan = load_plan(plan_file)
    path = export_tasks(plan, xlsx, overwrite=overwrite)
    groups, tasks = len(plan.task_groups), len(plan.tasks())
    click.echo(f"Đã ghi bảng nhiệm vụ ({groups} nhóm, {tasks} nhiệm vụ): {shown(path)}")
    click.echo("Sửa trang tính 'Nhiệm vụ' (xem trang 'Hướng dẫn'), rồi đọc lại bằng: baocao tasks import "
               f"{plan_file} --xlsx {path} --out KE-HOACH-MOI.yaml")


@tasks_group.command("import")
@_plan_argument
@click.option("--xlsx", "xlsx", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp Excel đã sửa.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp kế hoạch mới (.yaml). Bỏ trống: ghi vào PLAN_FILE (cần --overwrite).")
@click.option("--overwrite", is_flag=True, help="Cho phép ghi đè tệp kế hoạch.")
@reports_errors
def tasks_import(plan_file: str, xlsx: Path, out: Path | None, overwrite: bool) -> None:
    """Đọc bảng nhiệm vụ đã sửa vào kế hoạch PLAN_FILE và in những gì thay đổi."""
    from ..errors import OutputExistsError
    from ..plan.io import dump_plan_text, load_plan, parse_plan
    from ..plan.tasks_xlsx import describe_changes, import_tasks, task_changes
    from ..yamlfile import write_text

    plan = load_plan(plan_file)
    new = import_tasks(plan, xlsx)
    changes = task_changes(plan, new)
    for line in describe_changes(changes):
        click.echo(line)
    target = out or Path(plan_file)
    if out is None and not changes:
        click.echo(f"Không ghi lại {plan_file} vì không có thay đổi.")
        return
    if target.exists() and not overwrite:
        hint = ("thêm --overwrite để ghi vào tệp này, hoặc --out TEP-MOI.yaml để ghi ra tệp mới" if out is None
                else "chọn tên khác hoặc thêm --overwrite")
        raise OutputExistsError(f"Chưa ghi gì: tệp {target} đã có; {hint}.")
    text = leading_comments(Path(plan_file).read_text(encoding="utf-8")) + dump_plan_text(new)
    parse_plan(text, str(target))
    write_text(target, text, overwrite=True)
    click.echo(f"Đã ghi kế hoạch: {shown(target)}")
