"""Commands for unit returns: ``baocao returns export`` and ``baocao returns collect``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .common import main_group, reports_errors

if TYPE_CHECKING:
    from ..periods import Period
    from ..returns import Collected


def _period(ctx: click.Context, param: click.Parameter, value: str) -> Period:
    from ..periods import PeriodError, parse_period

    try:
        return parse_period(value)
    except PeriodError as exc:
        raise click.BadParameter(str(exc)) from None


PERIOD_HELP = "Kỳ báo cáo: 2023-H1, 2023-H2, 2023, 2021-2025, 2024-Q3, 2024-09."


@main_group.group("returns")
def returns_group() -> None:
    """Phiếu báo cáo của các đơn vị: xuất phiếu để điền, tổng hợp phiếu đã điền."""


@returns_group.command("export")
@click.argument("plan_file", metavar="KẾ_HOẠCH", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--period", "period", required=True, metavar="KỲ", callback=_period, help=PERIOD_HELP)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi các phiếu .xlsx.")
@click.option("--overwrite", is_flag=True, help="Ghi đè các phiếu đã có.")
@reports_errors
def export_cmd(plan_file: str, period: Period, out_dir: Path, overwrite: bool) -> None:
    """Xuất mỗi đơn vị một phiếu .xlsx gồm các nhiệm vụ đơn vị chủ trì đến hạn trong kỳ."""
    from ..plan.io import load_plan
    from ..returns import export_forms

    plan = load_plan(plan_file)
    paths = export_forms(plan, period, out_dir, overwrite=overwrite)
    click.echo(f"Đã xuất {len(paths)} phiếu báo cáo {period.label} ({period.code}) vào {out_dir}:")
    for p in paths:
        click.echo(f"  - {p.name}")
    click.echo(f"Số liệu {period.window_label}; hạn gửi {_date(period.due)}.")


def _date(d: Any) -> str:
    from ..vnformat import date_short

    return date_short(d)


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    """Plain-text table with columns padded to their widest cell."""
    cells = [[("" if v is None else str(v)).replace("\n", " ") for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]

    def line(vals: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *(line(r) for r in cells)]


def summary_lines(collected: Collected) -> list[str]:
    """The Vietnamese summary printed by ``baocao returns collect``."""
    period = collected.period
    out = [f"Tổng hợp phiếu báo cáo {period.label} ({period.code}); số liệu {period.window_label}.", ""]
    counts = collected.merged_count()
    rows = [[collected.unit_names.get(u, u), u, f"{counts.get(u, 0)}/{len(ids)}", collected.forms.get(u, "(chưa có phiếu)")]
            for u, ids in collected.expected.items()]
    out += _table(["Đơn vị", "Mã", "Đã tổng hợp", "Tệp"], rows)
    out.append("")
    if collected.missing_units:
        names = ", ".join(f"{collected.unit_names.get(u, u)} ({u})" for u in collected.missing_units)
        out.append(f"Đơn vị chưa gửi phiếu ({len(collected.missing_units)}): {names}.")
    else:
        out.append("Tất cả đơn vị đã gửi phiếu.")
    for title, items in (("Lỗi", collected.problems), ("Lưu ý", collected.notes)):
        if not items:
            continue
        out += ["", f"{title} ({len(items)}):"]
        out += _table(["Tệp", "Hàng", "Cột", "Nội dung", "Giá trị"],
                      [[p.file, p.row, p.column, p.message, p.value] for p in items])
    if not collected.problems:
        out += ["", "Không có lỗi."]
    return out


@returns_group.command("collect")
@click.argument("plan_file", metavar="KẾ_HOẠCH", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.argument("folder", metavar="THƯ_MỤC", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--period", "period", required=True, metavar="KỲ", callback=_period, help=PERIOD_HELP)
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Ghi bảng kết quả đã tổng hợp ra tệp CSV (UTF-8, mở được bằng Excel).")
@click.option("--overwrite", is_flag=True, help="Ghi đè tệp CSV đã có.")
@reports_errors
def collect_cmd(plan_file: str, folder: Path, period: Period, csv_file: Path | None, overwrite: bool) -> None:
    """Tổng hợp các phiếu .xlsx trong THƯ_MỤC; mã thoát 2 nếu có lỗi trong phiếu."""
    from ..fileio.atomic import atomic_write_bytes, output_exists
    from ..plan.io import load_plan
    from ..spreadsheet_text import csv_bytes
    from ..returns import collect_forms

    plan = load_plan(plan_file)
    if csv_file is not None and csv_file.exists() and not overwrite:
        raise output_exists(csv_file)
    collected = collect_forms(plan, period, folder)
    click.echo("\n".join(summary_lines(collected)))
    if csv_file is not None:
        atomic_write_bytes(csv_file, csv_bytes(collected.table()), overwrite=overwrite)
        click.echo(f"\nĐã ghi bảng kết quả vào {csv_file}.")
    if collected.problems:
        sys.exit(2)
