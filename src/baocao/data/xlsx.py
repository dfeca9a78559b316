"""Cheap facts about an .xlsx file read straight from its zip parts (no full workbook parse).

Merged cells are what openpyxl reports as ``ws.merged_cells.ranges``; here they are read from the
``<mergeCells>`` element at the end of each sheet's XML, so the (large) cell data is never parsed.
The default (calamine) reader gets them from ``CalamineSheet.merged_cell_ranges`` instead; this
module serves the pandas/openpyxl path and gives the sheet sizes that order the parallel reads.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?"')

Range = tuple[tuple[int, int], tuple[int, int]]


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name (as written) -> zip member of its XML."""
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{_NS_PKG}}}Relationship")}
    parts = {}
    for sheet in book.iter(f"{{{_NS_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_NS_REL}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        parts[sheet.get("name", "")] = path
    return parts


def part_sizes(data: bytes) -> dict[str, int]:
    """Sheet name -> uncompressed size of its XML, to read the largest sheets first; ``{}`` if unknown."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = sheet_parts(zf)
            sizes = {info.filename: info.file_size for info in zf.infolist()}
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return {}
    return {name: sizes.get(part, 0) for name, part in parts.items()}


def merged_ranges(data: bytes, sheets: list[str] | None = None) -> dict[str, list[Range]]:
    """Merged ranges per sheet name, zero-based inclusive ((row0, col0), (row1, col1)).

    Only the tail of each sheet XML after ``</sheetData>`` is searched. Returns ``{}`` for a file
    that is not an OOXML zip (the reader reports that problem itself).
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return {}
    with zf:
        try:
            parts = sheet_parts(zf)
        except (KeyError, ElementTree.ParseError):
            return {}
        found: dict[str, list[Range]] = {}
        for name, part in parts.items():
            if sheets is not None and name not in sheets:
                continue
            try:
                xml = zf.read(part)
            except KeyError:
                continue
            tail = xml[max(xml.rfind(b"</sheetData>"), 0):]
            ranges = []
            for c0, r0, c1, r1 in _MERGE.findall(tail):
                start = (int(r0) - 1, _col_index(c0))
                end = (int(r1) - 1, _col_index(c1)) if c1 else start
                ranges.append((start, end))
            if ranges:
                found[name] = ranges
        return found


# ----------------------------------------------------------------------------------------------
# Limits, checked on the sheet XML before a reader builds the cells
# ----------------------------------------------------------------------------------------------

MAX_WORKBOOK_BYTES = 200_000_000  # the .xlsx file (the national test workbook: 13 MB)
MAX_SHEET_XML_BYTES = 1_000_000_000  # one sheet's XML, uncompressed (national, largest sheet: 45 MB)
MAX_SHEET_CELLS = 10_000_000  # rows × columns of the used range (national, largest sheet: 750,000)

# A cell (or row) reference with two or more column letters or a seven-digit row, or a cell whose
# first attribute is not its reference: only then is every cell of the sheet looked at one by one.
_FAR_REF = re.compile(rb' r="(?:[A-Z]{2,}|[A-Z]?\d{7})')
_CELL_WITHOUT_LEADING_REF = re.compile(rb'<c(?! r=")[ >/]')
_FORMULA = re.compile(rb"<f[ >/]")
_ERROR_TYPE = b' t="e"'
_TAGS = re.compile(rb'<(?:[\w.-]+:)?row\b([^>]*?)/?>|<(?:[\w.-]+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?c>)', re.S)
_ATTR = re.compile(rb'\b(r|t)="([^"]*)"')
_REF = re.compile(rb"\$?([A-Z]{1,3})\$?(\d+)$")
_REFS = re.compile(rb' r="([A-Z]{0,3})(\d+)"')
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v(?:\s[^>]*)?>(.*?)</(?:[\w.-]+:)?v>", re.S)
_INLINE = re.compile(rb"<(?:[\w.-]+:)?is\b")
_HAS_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f\b")


@dataclass(frozen=True)
class CellFault:
    """A cell whose value cannot be read: a formula error (#DIV/0!) or a formula with no saved result.

    Readers put it where the value would be; :mod:`baocao.data.parse` reports it with the cell's
    sheet, row and column instead of reading it as blank.
    """

    message: str


@dataclass(frozen=True)
class SheetScan:
    """What the sheet XML says before any cell is built: the used range and the unreadable cells."""

    rows: int  # last row holding a value (1-based; 0 for an empty sheet)
    columns: int  # last column holding a value (1-based)
    last_row_cell: tuple[int, int] = (0, 0)  # (row, column), 1-based, of a cell in the last row
    last_column_cell: tuple[int, int] = (0, 0)  # (row, column), 1-based, of a cell in the last column
    faults: tuple[tuple[int, int, CellFault], ...] = ()  # (row0, col0, fault)

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def scan_sheet(xml: bytes) -> SheetScan:
    """The used range (an upper bound) and the unreadable cells of one sheet's XML.

    The common sheet (one-letter columns, fewer than a million rows, every cell starting with its
    reference, no formula, no error value) is settled by four searches over the bytes; formulas and
    error values are then looked at one by one, references beyond column Z are all read, and a sheet
    whose cells do not start with their reference is read cell by cell, placed the way python-calamine
    places them.
    """
    last = xml.rfind(b"<row ")
    if last < 0 or _CELL_WITHOUT_LEADING_REF.search(xml):
        return _scan_cells(xml)
    faults = _faults(xml) if _FORMULA.search(xml) or _ERROR_TYPE in xml else ()
    found = re.match(rb'<row\b[^>]*? r="(\d+)"', xml[last:last + 200])
    if found is None or _FAR_REF.search(xml) or int(found.group(1)) * 26 > MAX_SHEET_CELLS:
        return _scan_refs(xml, faults)
    rows = int(found.group(1))
    return SheetScan(rows, 26, (rows, 1), (rows, 26), faults)  # no reference has two column letters


def _col_number(letters: bytes) -> int:
    return _col_index(letters) + 1


def _scan_refs(xml: bytes, faults: tuple[tuple[int, int, CellFault], ...]) -> SheetScan:
    """The used range from every row and cell reference (a styled empty cell counts too)."""
    refs = _REFS.findall(xml)
    if not refs:
        return SheetScan(0, 0, faults=faults)
    letters, digits = max(refs, key=lambda ref: int(ref[1]))
    last_row = (int(digits), _col_number(letters) if letters else 1)
    cells = [ref for ref in refs if ref[0]]
    letters, digits = max(cells, key=lambda ref: (len(ref[0]), ref[0])) if cells else (b"A", digits)
    last_column = (int(digits), _col_number(letters))
    return SheetScan(last_row[0], last_column[1], last_row, last_column, faults)


def _faults(xml: bytes) -> tuple[tuple[int, int, CellFault], ...]:
    """Formula errors and formulas without a saved result, found from each formula or error mark."""
    found: dict[int, tuple[int, int, CellFault]] = {}
    for mark in (*_FORMULA.finditer(xml), *re.finditer(re.escape(_ERROR_TYPE), xml)):
        start = xml.rfind(b'<c r="', 0, mark.start() + 1)
        if start < 0 or start in found:
            continue
        cell = _TAGS.match(xml, start)
        if cell is None or cell.group(2) is None:
            continue
        attrs = dict(_ATTR.findall(cell.group(2)))
        ref = _REF.match(attrs.get(b"r", b""))
        fault = _cell_fault(attrs, cell.group(3) or b"")
        if ref and fault:
            found[start] = (int(ref.group(2)) - 1, _col_index(ref.group(1)), fault)
    return tuple(found[k] for k in sorted(found))


def _cell_fault(attrs: dict[bytes, bytes], body: bytes) -> CellFault | None:
    """Why a cell (its attributes and inner XML) cannot be read, or None."""
    value = _VALUE.search(body)
    kind = attrs.get(b"t", b"")
    if kind == b"e":
        text = value.group(1).decode("utf-8", "replace") if value else "#?"
        return CellFault(f"ô chứa lỗi công thức {text}; sửa công thức hoặc nhập giá trị")
    if _HAS_FORMULA.search(body) and not (value and (value.group(1) or kind == b"str")):
        return CellFault("ô chứa công thức chưa có kết quả lưu sẵn (tệp được tạo bằng chương trình không tính "
                         "công thức); mở tệp bằng Excel hoặc LibreOffice rồi lưu lại, hoặc nhập giá trị")
    return None


def _scan_cells(xml: bytes) -> SheetScan:
    """Every row and cell, placed as python-calamine places them (a cell without reference follows the
    one before it; a row without reference follows the row before it)."""
    row = col = rows = cols = 0
    far_row = far_col = (0, 0)
    faults: list[tuple[int, int, CellFault]] = []
    for m in _TAGS.finditer(xml):
        if m.group(1) is not None:
            attrs = dict(_ATTR.findall(m.group(1)))
            row = int(attrs[b"r"]) if attrs.get(b"r", b"").isdigit() else row + 1
            col = 0
            continue
        attrs = dict(_ATTR.findall(m.group(2)))
        body = m.group(3) or b""
        ref = _REF.match(attrs.get(b"r", b""))
        col, cell_row = (_col_number(ref.group(1)), int(ref.group(2))) if ref else (col + 1, row)
        fault = _cell_fault(attrs, body)
        if fault:
            faults.append((cell_row - 1, col - 1, fault))
        value = _VALUE.search(body)
        if fault or (value and value.group(1)) or _INLINE.search(body):
            if cell_row > rows:
                rows, far_row = cell_row, (cell_row, col)
            if col > cols:
                cols, far_col = col, (cell_row, col)
    return SheetScan(rows, cols, far_row, far_col, tuple(faults))


def column_letters(number: int) -> str:
    """Excel letters of a 1-based column number: 1 -> A, 28 -> AB."""
    letters = ""
    while number:
        number, rem = divmod(number - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def extent_message(scan: SheetScan) -> str | None:
    """Vietnamese refusal when the used range is larger than :data:`MAX_SHEET_CELLS`, else None."""
    if scan.cells <= MAX_SHEET_CELLS:
        return None
    from ..vnformat import number

    cells = sorted({scan.last_row_cell, scan.last_column_cell})
    where = " và ".join(f"{column_letters(c)}{r}" for r, c in cells)
    return (f"vùng dữ liệu của trang tính kéo tới ô {where} ({number(scan.rows)} hàng × {number(scan.columns)} "
            f"cột), vượt giới hạn {number(MAX_SHEET_CELLS)} ô; thường do một ô thừa ở xa bảng: trong Excel nhấn "
            "Ctrl+End để tới ô đó, xóa các hàng, cột thừa rồi lưu lại")


def sheet_xml(zf: zipfile.ZipFile, part: str) -> bytes:
    """The XML of one sheet; :class:`ValueError` (Vietnamese) when it is larger than the limit."""
    info = zf.getinfo(part)
    if info.file_size > MAX_SHEET_XML_BYTES:
        from ..vnformat import number

        raise ValueError(f"trang tính quá lớn ({number(info.file_size)} byte XML; tối đa "
                         f"{number(MAX_SHEET_XML_BYTES)})")
    with zf.open(info) as fh:
        return fh.read(MAX_SHEET_XML_BYTES + 1)
