"""``baocao outline``: check a plan file and print its outline."""

from __future__ import annotations

import click

from .common import main_group, reports_errors


@main_group.command("outline")
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=str))
@reports_errors
def outline(plan_file: str) -> None:
    """Kiểm tra và in bố cục của kế hoạch PLAN_FILE (.yaml)."""
    from ..plan.io import load_plan

    click.echo(str(load_plan(plan_file)))
