"""``baocao demo``: the main job on the bundled sample."""

from __future__ import annotations

from pathlib import Path

import click

from .common import echo_written, main_group, reports_errors


@main_group.command("demo")
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi các văn bản.")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Chuyển sang PDF nếu có LibreOffice.")
@click.option("--overwrite", is_flag=True, help="Ghi đè các tệp đã có.")
@reports_errors
def demo(out_dir: Path, pdf: bool, overwrite: bool) -> None:
    """Việc chính trên dữ liệu mẫu 188/KH-LMHTX: kế hoạch, phụ lục, 3 báo cáo (6 tháng 2023, năm 2023,
    tổng kết 2021-2025) và bản PDF, tất cả vào --out."""
    from ..jobs.cycle import write_demo

    written = write_demo(out_dir, pdf=pdf, overwrite=overwrite)
    echo_written(written.files, written.warnings)
