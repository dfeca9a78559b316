"""``baocao check``: what to fix or review in any .docx before it is signed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import main_group, reports_errors


@main_group.command("check")
@click.argument("docx_file", type=click.Path(path_type=Path))
@click.option("--plan", "plan_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp kế hoạch (.yaml): thêm kiểm tra tên đơn vị, dòng 'Kèm theo' theo kế hoạch.")
@click.option("--data", "data_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Sổ dữ liệu (.xlsx): đối chiếu số liệu, đánh giá trong báo cáo (cần --plan và --period).")
@click.option("--period", help="Kỳ báo cáo của văn bản: 2023-H1, 2023, 2021-2025 …")
@click.option("--draft", is_flag=True, help="Bản dự thảo: chấp nhận số và ngày để trống.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@reports_errors
def check(docx_file: Path, plan_file: Path | None, data_file: Path | None, period: str | None, draft: bool,
          as_json: bool) -> None:
    """Kiểm tra văn bản DOCX_FILE trước khi trình ký: lỗi chữ, thân văn bản và phụ lục không khớp, trích dẫn
    văn bản ghi khác nhau, liệt kê lặp, số liệu và nhận định mâu thuẫn, cơ quan không còn sau sắp xếp
    01/7/2025. Mã thoát 1 khi có lỗi, 0 khi không có lỗi (chỉ có điểm cần xem lại), 2 khi không đọc được đầu vào."""
    from ..checks.results import format_findings
    from ..jobs.check import check_file

    result = check_file(docx_file, plan=plan_file, data=data_file, period=period, final=not draft)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(f"Văn bản: {docx_file}")
        click.echo(format_findings(result.findings))
    sys.exit(1 if result.errors else 0)
