"""The plan's commands: ``baocao outline`` (check and print), ``baocao plan`` and ``baocao appendix`` (.docx).

Only click is imported at start-up; the rest is imported inside each command so a cold
``baocao appendix`` stays well under a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .common import echo_written, main_group, reports_errors


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


@main_group.command("plan")
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
