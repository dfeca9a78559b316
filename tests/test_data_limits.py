"""The data workbook checked at the door: used range, unreadable formula cells, characters and sizes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from baocao.data import TABLE_BY_NAME, load_data
from baocao.data import xlsx as xlsx_limits
from baocao.data.load import read_raw_sheets
from baocao.errors import InputError
from baocao.resources import sample_path

SAMPLE = sample_path("du-lieu-mau.xlsx")
HTX = TABLE_BY_NAME["cooperatives"]


def edited(tmp_path: Path, edit) -> Path:
    """The sample workbook with ``edit(worksheet)`` applied to its HTX sheet (openpyxl)."""
    wb = load_workbook(SAMPLE)
    edit(wb[HTX.sheet])
    path = tmp_path / "du-lieu.xlsx"
    wb.save(path)
    return path


def rewritten(tmp_path: Path, change) -> Path:
    """The sample workbook with the HTX sheet's XML passed through ``change(bytes) -> bytes``."""
    with zipfile.ZipFile(SAMPLE) as zf:
        part = xlsx_limits.sheet_parts(zf)[HTX.sheet]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info in zf.infolist():
                data = zf.read(info)
                new.writestr(info, change(data) if info.filename == part else data)
    path = tmp_path / "du-lieu.xlsx"
    path.write_bytes(out.getvalue())
    return path


def problems(path: Path):
    with pytest.raises(InputError) as info:
        load_data(path)
    return info.value.problems


def header_column(ws, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1


def test_a_stray_cell_at_xfd1048576_is_refused_with_its_place(tmp_path):
    path = edited(tmp_path, lambda ws: ws.cell(1048576, 16384, "x"))
    (problem,) = problems(path)
    assert (problem.sheet, problem.row, problem.column) == (HTX.sheet, 1048576, "XFD")
    assert "XFD1048576" in problem.message and "Ctrl+End" in problem.message


def test_a_reference_the_quick_bound_cannot_see_is_still_refused(tmp_path):
    # a hand-made cell in row 3 that says it is row 999999 of column Z: calamine places it there
    far = rewritten(tmp_path, lambda xml: xml.replace(b'<c r="A3"', b'<c r="Z999999"', 1))
    (problem,) = problems(far)
    assert problem.sheet == HTX.sheet and problem.row == 999999 and "vượt giới hạn" in problem.message


def test_cells_without_references_are_placed_and_bounded_as_calamine_places_them(tmp_path):
    stray = b"".join(b"<c><v>1</v></c>" for _ in range(700))
    path = rewritten(tmp_path, lambda xml: xml.replace(b"</sheetData>", b'<row r="20000">' + stray + b"</row></sheetData>"))
    with zipfile.ZipFile(path) as zf:
        scan = xlsx_limits.scan_sheet(zf.read(xlsx_limits.sheet_parts(zf)[HTX.sheet]))
    assert (scan.rows, scan.columns) == (20000, 700)
    assert scan.cells > xlsx_limits.MAX_SHEET_CELLS
    (problem,) = problems(path)
    assert problem.row == 20000 and problem.column == xlsx_limits.column_letters(700)


def test_formula_errors_and_formulas_without_result_are_reported_not_read_as_blank(tmp_path):
    optional = next(c for c in HTX.columns if not c.required and c.kind == "date")
    required = next(c for c in HTX.columns if c.required and c.kind == "text")

    def edit(ws):
        ws.cell(3, header_column(ws, optional.header), "=1/0")  # openpyxl saves no result
        ws.cell(4, header_column(ws, required.header), '=A4&"x"')

    found = {(p.row, p.column): p.message for p in problems(edited(tmp_path, edit))}
    assert "chưa có kết quả lưu sẵn" in found[(3, optional.header)]
    assert "chưa có kết quả lưu sẵn" in found[(4, required.header)]
    assert not any("thiếu giá trị" in m for m in found.values())


def test_an_error_value_in_an_optional_column_is_reported(tmp_path):
    optional = next(c for c in HTX.columns if not c.required and c.kind == "date")
    wb = load_workbook(SAMPLE)
    letter = xlsx_limits.column_letters(header_column(wb[HTX.sheet], optional.header))
    cell = f'<c r="{letter}5" t="e"><v>#DIV/0!</v></c>'.encode()
    path = rewritten(tmp_path, lambda xml: re.sub(rb'(<row r="5"[^>]*>)', lambda m: m.group(1) + cell, xml, count=1))
    (problem,) = problems(path)
    assert (problem.row, problem.column) == (5, optional.header) and "#DIV/0!" in problem.message
    assert problem.value is None


def test_control_characters_in_workbook_text_are_refused_with_their_cell(tmp_path):
    name = next(c for c in HTX.columns if c.kind == "text").header

    def edit(ws):
        ws.cell(3, header_column(ws, name), "HTX _x0007_ chuông")  # what Excel writes for a BEL

    (problem,) = problems(edited(tmp_path, edit))
    assert (problem.sheet, problem.row, problem.column) == (HTX.sheet, 3, name)
    assert "U+0007 (BEL)" in problem.message


def test_overlong_cell_text_is_refused(tmp_path):
    name = HTX.columns[1].header
    path = rewritten(tmp_path, lambda xml: re.sub(rb'(<c r="B4"[^>]*><is><t>)', lambda m: m.group(1) + b"x" * 40000,
                                                  xml, count=1))
    (problem,) = problems(path)
    assert (problem.row, problem.column) == (4, name) and "32767" in problem.message


def test_the_workbook_size_is_checked_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr("baocao.data.load.MAX_WORKBOOK_BYTES", 1000)
    (problem,) = problems(SAMPLE)
    assert "giới hạn" in problem.message


def test_the_scan_agrees_with_the_reader_on_the_sample():
    raw = read_raw_sheets(SAMPLE.read_bytes())
    with zipfile.ZipFile(SAMPLE) as zf:
        for name, part in xlsx_limits.sheet_parts(zf).items():
            exact = xlsx_limits._scan_cells(zf.read(part))
            assert exact.rows == raw[name][0].height and exact.columns == len(raw[name][0].columns)
            quick = xlsx_limits.scan_sheet(zf.read(part))
            assert quick.rows >= exact.rows and quick.columns >= exact.columns


def test_a_number_excel_cannot_hold_is_refused(tmp_path):
    number = next(c for c in HTX.columns if c.kind in ("int", "number") and not c.required)
    wb = load_workbook(SAMPLE)
    letter = xlsx_limits.column_letters(header_column(wb[HTX.sheet], number.header))
    cell = f'<c r="{letter}6" t="n"><v>1e400</v></c>'.encode()
    path = rewritten(tmp_path, lambda xml: re.sub(rb'<c r="' + f"{letter}6".encode() + rb'"[^>]*?(?:/>|>.*?</c>)',
                                                  lambda m: cell, xml, count=1, flags=re.S))
    (problem,) = problems(path)
    assert (problem.row, problem.column) == (6, number.header) and "vô hạn" in problem.message
