"""``baocao report``: the progress report of a period, and ``baocao demo``: the main job on the sample."""

from __future__ import annotations

from pathlib import Path

import click

from .common import main_group, reports_errors, shown


@main_group.command("report")
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("data_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--period", required=True, help="Kỳ báo cáo: 2023-H1, 2023, 2021-2025, 2024-Q3 …")
@click.option("--returns", "returns_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục báo cáo của các đơn vị (hoặc thư mục chứa các thư mục theo kỳ).")
@click.option("--narrative", type=click.Path(dir_okay=False, path_type=Path), help="Tệp nhận định (.yaml).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--pdf", is_flag=True, help="Chuyển thêm sang PDF (cần LibreOffice).")
@click.option("--draft", is_flag=True, help="Bản dự thảo: để trống số và ngày.")
@click.option("--charts", type=click.Choice(["overview", "all", "none"]), default="overview", show_default=True,
              help="Biểu đồ đưa vào Phụ lục III.")
@click.option("--overwrite", is_flag=True, help="Ghi đè các tệp đã có.")
@reports_errors
def report(plan_file: Path, data_file: Path, period: str, returns_dir: Path | None, narrative: Path | None,
           out_dir: Path, pdf: bool, draft: bool, charts: str, overwrite: bool) -> None:
    """Lập báo cáo kết quả thực hiện kế hoạch PLAN_FILE cho một kỳ, từ sổ dữ liệu DATA_FILE."""
    from ..checks.presign import format_findings, presign_check
    from ..data import load_data
    from ..errors import ToolMissingError
    from ..periods import parse_period, require_within_plan
    from ..plan.io import load_plan
    from ..report.run import make_report

    plan = load_plan(plan_file)
    chosen = parse_period(period)
    require_within_plan(plan, chosen)  # before reading the data workbook
    result = make_report(plan, plan_file, load_data(data_file), chosen, out_dir, returns_dir=returns_dir,
                         narrative=narrative, draft=draft, overwrite=overwrite, charts=charts)  # type: ignore[arg-type]
    click.echo(f"Đã ghi: {shown(result.docx)}")
    click.echo(f"Nguồn số liệu: {shown(result.sidecar)}")
    for warning in result.problems:
        click.echo(f"Cảnh báo (báo cáo đơn vị): {warning}", err=True)
    for note in result.report.notes:
        click.echo(f"Lưu ý: {note}", err=True)
    if result.collected is not None and result.collected.missing_units:
        names = [result.collected.unit_names.get(u, u) for u in result.collected.missing_units]
        click.echo(f"Đơn vị chưa gửi báo cáo: {', '.join(names)}")
    click.echo(format_findings(presign_check(result.docx, plan=plan, final=not draft)))
    if pdf:
        from ..render.pdf import to_pdf

        try:
            for path in to_pdf([result.docx], out_dir, overwrite=overwrite):
                click.echo(f"Đã ghi: {shown(path)}")
        except ToolMissingError as exc:
            click.echo(f"Cảnh báo: {exc}", err=True)


@main_group.command("demo")
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi các văn bản.")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Chuyển sang PDF nếu có LibreOffice.")
@click.option("--overwrite", is_flag=True, help="Ghi đè các tệp đã có.")
@reports_errors
def demo(out_dir: Path, pdf: bool, overwrite: bool) -> None:
    """Việc chính trên dữ liệu mẫu 188/KH-LMHTX: kế hoạch, phụ lục, 3 báo cáo (6 tháng 2023, năm 2023,
    tổng kết 2021-2025) và bản PDF, tất cả vào --out."""
    from ..pipeline import write_documents
    from ..resources import sample_path

    written = write_documents(
        sample_path("ke-hoach-188.yaml"), out_dir, data_path=sample_path("du-lieu-mau.xlsx"),
        periods=["2023-H1", "2023", "2021-2025"], returns_root=sample_path("bao-cao-don-vi"),
        narrative_dir=sample_path("nhan-dinh"), pdf=pdf, overwrite=overwrite)
    for path in written.files:
        click.echo(f"Đã ghi: {shown(path)}")
    for warning in written.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
