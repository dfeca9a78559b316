"""``baocao tasks export|import``: the plan's task table round-tripped through .xlsx."""

from __future__ import annotations

from pathlib import Path

import click

from .common import main_group, reports_errors, shown
from .plan_cmds import plan_argument


@main_group.group("tasks")
def tasks_group() -> None:
    """Bảng nhiệm vụ (.xlsx): xuất ra để sửa, rồi đọc lại vào kế hoạch."""


@tasks_group.command("export")
@plan_argument
@click.option("--xlsx", "xlsx", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp Excel sẽ ghi.")
@click.option("--overwrite", is_flag=True, help="Ghi đè tệp Excel đã có.")
@reports_errors
def tasks_export(plan_file: str, xlsx: Path, overwrite: bool) -> None:
    """Xuất bảng nhiệm vụ của kế hoạch KẾ_HOẠCH ra tệp Excel để sửa."""
    from ..plan.io import load_plan
    from ..plan.tasks_xlsx import export_tasks

    plan = load_plan(plan_file)
    path = export_tasks(plan, xlsx, overwrite=overwrite)
    groups, tasks = len(plan.task_groups), len(plan.tasks())
    click.echo(f"Đã ghi bảng nhiệm vụ ({groups} nhóm, {tasks} nhiệm vụ): {shown(path)}")
    click.echo("Sửa trang tính 'Nhiệm vụ' (xem trang 'Hướng dẫn'), rồi đọc lại bằng: baocao tasks import "
               f"{plan_file} --xlsx {path} --out KE-HOACH-MOI.yaml")


@tasks_group.command("import")
@plan_argument
@click.option("--xlsx", "xlsx", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp Excel đã sửa.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp kế hoạch mới (.yaml). Bỏ trống: ghi vào KẾ_HOẠCH (cần --overwrite).")
@click.option("--overwrite", is_flag=True, help="Cho phép ghi đè tệp kế hoạch.")
@reports_errors
def tasks_import(plan_file: str, xlsx: Path, out: Path | None, overwrite: bool) -> None:
    """Đọc bảng nhiệm vụ đã sửa vào kế hoạch KẾ_HOẠCH và in những gì thay đổi."""
    from ..jobs.tasks import read_task_table, write_task_import

    imported = read_task_table(plan_file, xlsx)
    for line in imported.lines():
        click.echo(line)
    if out is None and not imported.changes:
        click.echo(f"Không ghi lại {plan_file} vì không có thay đổi.")
        return
    (target,) = write_task_import(imported, out, overwrite=overwrite).files
    click.echo(f"Đã ghi kế hoạch: {shown(target)}")
