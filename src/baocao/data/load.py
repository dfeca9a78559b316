"""Read the cycle's data workbook, validate every sheet in one pass, return :class:`CycleData`.

The file edge of :mod:`baocao.data`: it reads the bytes once (so the SHA-256 matches what was
parsed), lets pandas read each sheet with the calamine engine, and hands the raw cells to the
pure functions of :mod:`.parse` and :mod:`.checks`. All problems of all sheets are collected and
raised together as one :class:`~baocao.errors.InputError`.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd

from baocao.errors import InputError, Problem

from .checks import cross_checks
from .cycle import CycleData
from .parse import empty_frame, parse_sheet
from .schema import TABLE_BY_NAME, TABLES, header_key
from .xlsx import merged_ranges

DEFAULT_ENGINE = "calamine"  # measured faster than openpyxl: benchmarks/bench_data_load.py


def load_data(path: str | Path, *, strict: bool = False, engine: str = DEFAULT_ENGINE) -> CycleData:
    """Load and validate the data workbook at *path*.

    Raises :class:`InputError` listing every error found (missing sheet or column, wrong type,
    unreadable date, duplicate id, unknown commune code, dates out of order, merged cells ...).
    Warnings (blank rows inside a table, doubtful but possible entries) are kept in
    ``CycleData.warnings``; with ``strict=True`` they are raised as errors too.
    """
    path = Path(path)
    file = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(file=file, message=f"không đọc được tệp ({exc.strerror or exc})")]) from None
    frames, errors, warnings, complete = read_tables(data, file=file, engine=engine)
    if strict:
        errors += warnings
    if errors:
        raise InputError(errors, title=f"Tệp dữ liệu {file} có lỗi")
    return CycleData(
        source_path=path.resolve(),
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=tuple(warnings),
        **frames,
    )


def read_tables(
    data: bytes, *, file: str, engine: str = DEFAULT_ENGINE
) -> tuple[dict[str, pd.DataFrame], list[Problem], list[Problem], set[str]]:
    """Typed frames, errors, warnings, and the tables that had their sheet and every column."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    complete: set[str] = set()
    try:
        xls = pd.ExcelFile(io.BytesIO(data), engine=engine)
    except Exception as exc:  # any reader failure means "not a readable workbook"
        raise InputError([Problem(file=file, message=f"không mở được tệp Excel (.xlsx): {exc}")]) from None
    with xls:
        by_key = {header_key(name): name for name in xls.sheet_names}
        found = {t.name: by_key.get(header_key(t.sheet)) for t in TABLES}
        merged = merged_ranges(data, [s for s in found.values() if s])
        for table in TABLES:
            sheet = found[table.name]
            if sheet is None:
                frames[table.name] = empty_frame(table)
                if table.required:
                    errors.append(Problem(file=file, sheet=table.sheet, message="thiếu trang tính này trong tệp"))
                continue
            raw = pd.read_excel(xls, sheet_name=sheet, header=None, dtype=object, na_filter=False)
            result = parse_sheet(raw, table, file=file, sheet=sheet, merged=merged.get(sheet, ()))
            frames[table.name] = result.frame
            errors += result.errors
            warnings += result.warnings
            if result.complete:
                complete.add(table.name)

    def where(table: str, column: str | None, value: object, message: str, row: int | None) -> Problem:
        sheet = found.get(table) or TABLE_BY_NAME[table].sheet
        return Problem(file=file, message=message, sheet=sheet, row=row, column=column, value=value)

    cross_errors, cross_warnings = cross_checks(frames, complete, where)
    errors += cross_errors
    warnings += cross_warnings
    errors.sort(key=_order(found))
    warnings.sort(key=_order(found))
    return frames, errors, warnings, complete


def _order(found: dict[str, str | None]):
    """Sort key: workbook table order, then row, so an analyst fixes the file top to bottom."""
    rank = {(s or TABLE_BY_NAME[t].sheet): i for i, (t, s) in enumerate(found.items())}

    def key(p: Problem) -> tuple[int, int]:
        return rank.get(p.sheet or "", -1), p.row or 0

    return key
