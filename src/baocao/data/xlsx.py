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
