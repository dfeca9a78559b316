"""``baocao indicators``: the plan's targets computed from the data workbook at a cut-off date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from .common import existing_file, main_group, reports_errors


def _parse_cutoff(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    from ..vnformat import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise click.BadParameter(f"không đọc được ngày '{value}'; ghi dạng YYYY-MM-DD, ví dụ 2023-06-14") from None


@main_group.command("indicators")
@click.argument("plan_file", metavar="KẾ_HOẠCH", type=existing_file("Tệp kế hoạch (.yaml)"))
@click.argument("data_file", metavar="DỮ_LIỆU", type=existing_file("Tệp dữ liệu (.xlsx)"))
@click.option("--cutoff", required=True, callback=_parse_cutoff, metavar="YYYY-MM-DD",
              help="Ngày chốt số liệu, ví dụ 2023-06-14.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="In kết quả dạng CSV (UTF-8).")
@click.option("--charts", "charts_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi biểu đồ (PNG).")
@click.option("--communes", type=click.Choice(["plan", "post_merger"]), default="plan", show_default=True,
              help="Danh sách xã: của kế hoạch (trước sắp xếp) hoặc xã mới sau sắp xếp 01/7/2025.")
@click.option("--overwrite", is_flag=True, help="Ghi đè biểu đồ đã có.")
@reports_errors
def indicators(plan_file: str, data_file: str, cutoff: dt.date, as_json: bool, as_csv: bool,
               charts_dir: Path | None, communes: str, overwrite: bool) -> None:
    """Tính các chỉ tiêu của kế hoạch KẾ_HOẠCH từ tệp dữ liệu DỮ_LIỆU đến ngày --cutoff."""
    from ..data import load_data
    from ..indicators import assess, text_table, to_frame
    from ..indicators.plan_check import load_plan
    from ..vnformat import date_short

    if as_json and as_csv:
        raise click.UsageError("chỉ chọn một trong --json và --csv")
    plan = load_plan(plan_file)
    data = load_data(data_file, plan=plan)
    found = assess(plan, data, cutoff, communes=communes)  # type: ignore[arg-type]
    written: list[Path] = []
    if charts_dir is not None:
        from ..fileio.staging import Staging
        from ..indicators.charts import save_charts

        with Staging(charts_dir, overwrite=overwrite) as stage:  # every chart, or none
            staged = save_charts(plan, data, cutoff, stage.folder_for(charts_dir), communes=communes)  # type: ignore[arg-type]
            written = stage.adopt(*staged)
            stage.commit()
    if data.warnings:
        click.echo(f"Cảnh báo: tệp dữ liệu có {len(data.warnings)} điểm cần xem lại "
                   "(dòng trống, giá trị đáng ngờ).", err=True)
    if as_json:
        doc = {
            "plan": plan.symbol, "cutoff": cutoff.isoformat(), "communes": communes,
            "data": {"file": data.source_path.name, "sha256": data.sha256},
            "assessments": [a.to_dict() for a in found],
            "charts": [str(p) for p in written],
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    if as_csv:
        from ..spreadsheet_text import csv_text

        click.echo(csv_text(to_frame(found)), nl=False)
        return
    click.echo(f"Kết quả thực hiện các chỉ tiêu của Kế hoạch số {plan.symbol} đến ngày {date_short(cutoff)}")
    click.echo(f"Dữ liệu: {data.source_path.name} (SHA-256 {data.sha256[:12]}…)")
    lists = {a.communes.label for a in found if a.communes is not None}
    for label in sorted(lists):
        click.echo(f"Danh sách xã: {label}")
    click.echo("")
    click.echo(text_table(found))
    click.echo("")
    click.echo("Nhận định:")
    for a in found:
        click.echo(f"- [{a.target_id}] {a.sentence}")
    if written:
        click.echo("")
        click.echo(f"Đã ghi {len(written)} biểu đồ vào {charts_dir}")
