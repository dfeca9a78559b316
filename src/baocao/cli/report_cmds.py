"""``baocao report``: the progress report of one period."""

from __future__ import annotations

from pathlib import Path

import click

from .common import echo_written, main_group, reports_errors, shown


@main_group.command("report")
@click.argument("plan_file", metavar="KẾ_HOẠCH", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("data_file", metavar="DỮ_LIỆU", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--period", required=True, metavar="KỲ", help="Kỳ báo cáo: 2023-H1, 2023, 2021-2025, 2024-Q3 …")
@click.option("--returns", "returns_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục báo cáo của các đơn vị (hoặc thư mục chứa các thư mục theo kỳ).")
@click.option("--narrative", type=click.Path(dir_okay=False, path_type=Path), help="Tệp nhận định (.yaml).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi báo cáo, tệp nguồn số liệu và biểu đồ.")
@click.option("--pdf", is_flag=True, help="Chuyển thêm sang PDF (cần LibreOffice).")
@click.option("--draft", is_flag=True, help="Bản dự thảo: để trống số và ngày.")
@click.option("--charts", type=click.Choice(["overview", "all", "none"]), default="overview", show_default=True,
              help="Biểu đồ đưa vào Phụ lục III.")
@click.option("--overwrite", is_flag=True, help="Ghi đè các tệp đã có.")
@reports_errors
def report(plan_file: Path, data_file: Path, period: str, returns_dir: Path | None, narrative: Path | None,
           out_dir: Path, pdf: bool, draft: bool, charts: str, overwrite: bool) -> None:
    """Lập báo cáo kết quả thực hiện kế hoạch KẾ_HOẠCH cho một kỳ, từ sổ dữ liệu DỮ_LIỆU."""
    from ..checks.results import format_findings
    from ..indicators.plan_check import load_plan
    from ..jobs.report import report_findings, write_report

    plan = load_plan(plan_file)
    result = write_report(plan, plan_file, data_file, period, out_dir, returns_dir=returns_dir, narrative=narrative,
                          draft=draft, overwrite=overwrite, charts=charts, pdf=pdf)  # type: ignore[arg-type]
    click.echo(f"Đã ghi: {shown(result.docx)}")
    click.echo(f"Nguồn số liệu: {shown(result.sidecar)}")
    for warning in result.problems:
        click.echo(f"Cảnh báo (báo cáo đơn vị): {warning}", err=True)
    for note in result.report.notes:
        click.echo(f"Lưu ý: {note}", err=True)
    if result.collected is not None and result.collected.missing_units:
        names = [result.collected.unit_names.get(u, u) for u in result.collected.missing_units]
        click.echo(f"Đơn vị chưa gửi báo cáo: {', '.join(names)}")
    click.echo(format_findings(report_findings(result, final=not draft)))
    echo_written(result.pdf, result.warnings)
