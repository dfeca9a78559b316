"""Read the cycle's data workbook, validate every sheet in one pass, return :class:`CycleData`.

The file edge of :mod:`baocao.data`: it reads the bytes once (so the SHA-256 matches what was
parsed), reads each sheet's cells with python-calamine, and hands them to the pure functions of
:mod:`.parse` and :mod:`.checks`. All problems of all sheets are collected and raised together as
one :class:`~baocao.errors.InputError`.

Speed (see "Speed and memory" in ``docs/data-workbook.md``): python-calamine parses a sheet's
XML in Rust without holding the GIL, so reader threads (one workbook handle each) parse the
sheets' XML while the main thread turns the sheets already parsed into Python cells, validates
them, and runs each cross-table rule as soon as its tables are there. The cyclic garbage
collector is paused meanwhile: the millions of cell objects hold no cycles, and its repeated
full scans would otherwise cost about a third of the load. ``engine="openpyxl"`` (or any other
pandas engine) reads through ``pandas.read_excel`` instead, one sheet after another.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import threading
import zipfile
import zlib
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import numpy as np

from baocao.errors import InputError, Problem
from baocao.fileio.xlsx_cells import header_key

from .checks import gather
from .cycle import CycleData, DeclaredCycleData
from .declared import BUILTIN, DataSchema, schema_for
from .parse import RawSheet, Range, SheetResult, empty_frame, parse_sheet
from .schema import TABLES, Table
from .xlsx import (MAX_SHEET_CELLS, MAX_WORKBOOK_BYTES, SheetScan, column_letters, extent_message,
                   merged_ranges, part_sizes, scan_sheet, sheet_parts, sheet_xml)

if TYPE_CHECKING:
    import pandas as pd

    from baocao.plan.model import Plan

DEFAULT_ENGINE = "calamine"  # python-calamine directly; see benchmarks/bench_data_load.py
MAX_READERS = 4  # threads parsing sheet XML at once (never more than the CPUs; 1: no thread)


def load_data(path: str | Path, *, strict: bool = False, engine: str = DEFAULT_ENGINE,
              plan: Plan | None = None) -> CycleData:
    """Load and validate the data workbook at *path*.

    Raises :class:`InputError` listing every error found (missing sheet or column, wrong type,
    unreadable date, duplicate id, unknown commune code, dates out of order, merged cells ...).
    Warnings (blank rows inside a table, doubtful but possible entries) are kept in
    ``CycleData.warnings``; with ``strict=True`` they are raised as errors too. With *plan*, the
    tables it declares (``data:`` in the plan file) are read and validated too, and the built-in
    tables are left out when the plan says ``builtin: false``.
    """
    path = Path(path)
    file = path.name
    data = _read_workbook(path)
    schema = schema_for(plan)
    frames, errors, warnings, complete = read_tables(data, file=file, engine=engine, schema=schema)
    if strict:
        errors += warnings
    if errors:
        raise InputError(errors, title=f"Tệp dữ liệu {file} có lỗi")
    common = dict(source_path=path.resolve(), sha256=hashlib.sha256(data).hexdigest(), warnings=tuple(warnings))
    if schema is BUILTIN:
        return CycleData(**common, **frames)
    builtin = {t.name: frames.pop(t.name) if t.name in frames else empty_frame(t) for t in TABLES}
    return DeclaredCycleData(**common, **builtin, declared=frames, schema=schema)


def _read_workbook(path: Path) -> bytes:
    """The workbook's bytes; a missing, unreadable or oversized file is an InputError naming it."""
    from baocao.fileio.errors import os_error_message
    from baocao.vnformat import number

    def refuse(message: str) -> InputError:
        return InputError([Problem(file=str(path), message=message)], "Không đọc được sổ dữ liệu")

    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_WORKBOOK_BYTES + 1)
    except IsADirectoryError:
        raise refuse("đây là thư mục, không phải tệp .xlsx") from None
    except OSError as exc:
        raise refuse(os_error_message(exc, reading=True)) from None
    if len(data) > MAX_WORKBOOK_BYTES:
        raise refuse(f"tệp lớn hơn giới hạn {number(MAX_WORKBOOK_BYTES)} byte")
    return data


def read_tables(
    data: bytes, *, file: str, engine: str = DEFAULT_ENGINE, via_pandas: bool | None = None,
    schema: DataSchema = BUILTIN,
) -> tuple[dict[str, pd.DataFrame], list[Problem], list[Problem], set[str]]:
    """Typed frames, errors, warnings, and the tables that had their sheet and every column.

    *via_pandas* (default: only for engines other than calamine) reads through
    ``pandas.read_excel``, the former path, kept for ``engine="openpyxl"`` and to compare readers.
    *schema* gives the tables and rules (default: the built-in ones).
    """
    tables, by_name, rules = schema.tables, schema.by_name, schema.rules
    errors: list[Problem] = []
    warnings: list[Problem] = []
    with _gc_paused(), open_reader(data, file=file, engine=engine, via_pandas=via_pandas) as reader:
        by_key = {header_key(name): name for name in reader.sheet_names}
        found = {t.name: by_key.get(header_key(t.sheet)) for t in tables}
        table_of = {sheet: by_name[name] for name, sheet in found.items() if sheet}

        def where(table: str, column: str | None, value: object, message: str, row: int | None) -> Problem:
            sheet = found.get(table) or by_name[table].sheet
            return Problem(file=file, message=message, sheet=sheet, row=row, column=column, value=value)

        # Tables as they become known (a missing sheet: at once), and each cross-table rule run as
        # soon as its tables are there, so little is left to do once the last sheet is read.
        ready: dict[str, pd.DataFrame] = {}
        complete: set[str] = set()
        results: dict[str, SheetResult] = {}
        ruled: dict[int, list[Problem]] = {}

        def run_ready_rules() -> None:
            for i, rule in enumerate(rules):
                if i not in ruled and all(t in ready for t in rule.needs):
                    ruled[i] = rule.check(ready, complete, where)

        for table in tables:
            if found[table.name] is None:
                ready[table.name] = empty_frame(table)
        referenced = {sheet for sheet, table in table_of.items() if table.name in schema.referenced}
        for sheet, raw, merged in reader.read(read_order(list(table_of), part_sizes(data), referenced)):
            table = table_of[sheet]
            if raw is None:  # refused before reading (see reader.refused)
                ready[table.name] = empty_frame(table)
                run_ready_rules()
                continue
            result = results[table.name] = parse_sheet(raw, table, file=file, sheet=sheet, merged=merged)
            del raw
            ready[table.name] = result.frame
            if result.complete:
                complete.add(table.name)
            run_ready_rules()
        run_ready_rules()
        errors += reader.refused
        refused = {p.sheet for p in reader.refused}

    frames: dict[str, pd.DataFrame] = {}
    for table in tables:
        frames[table.name] = ready[table.name]
        result = results.get(table.name)
        if result is None:
            if table.required and found[table.name] not in refused:
                errors.append(Problem(file=file, sheet=table.sheet, message="thiếu trang tính này trong tệp"))
            continue
        errors += result.errors
        warnings += result.warnings
    cross_errors, cross_warnings = gather([ruled[i] for i in range(len(rules))], rules)
    errors += cross_errors
    warnings += cross_warnings
    errors.sort(key=_order(found, by_name))
    warnings.sort(key=_order(found, by_name))
    return frames, errors, warnings, complete


def read_order(sheets: list[str], sizes: dict[str, int], first: Collection[str] = ()) -> list[str]:
    """The order to start reading *sheets* in.

    The largest sheet first, so it is not the last to finish; then the sheets in *first* (those
    other tables' codes point to: units, HTX, LHHTX), so the cross-table rules can run early; then
    the rest. Each group goes from the smallest up, so the main thread soon has sheets to validate
    (GIL-bound Python, the longer part of a load) while the Rust parser works on the larger ones.
    """
    by_size = sorted(sheets, key=lambda n: sizes.get(n, 0))
    rest = by_size[:-1]
    return by_size[-1:] + [n for n in rest if n in first] + [n for n in rest if n not in first]


def _order(found: dict[str, str | None], by_name: dict[str, Table]):
    """Sort key: workbook table order, then row, so an analyst fixes the file top to bottom."""
    rank = {(s or by_name[t].sheet): i for i, (t, s) in enumerate(found.items())}

    def key(p: Problem) -> tuple[int, int]:
        return rank.get(p.sheet or "", -1), p.row or 0

    return key


def _cpus() -> int:
    """CPUs this process may run on (the affinity mask, not the host's count, where known)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (reference counting still frees everything)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# ----------------------------------------------------------------------------------------------
# Readers: sheet names, then (sheet, raw cells, merged ranges) for the sheets asked for
# ----------------------------------------------------------------------------------------------

Read = tuple[str, "RawSheet | None", list[Range]]  # None: the sheet was refused (see ``refused``)


def _not_a_workbook(file: str, exc: Exception) -> InputError:
    return InputError([Problem(file=file, message=f"không mở được tệp Excel (.xlsx): {exc}")])


def _unreadable_sheet(file: str, sheet: str, exc: Exception) -> InputError:
    return InputError([Problem(file=file, sheet=sheet, message=f"không đọc được trang tính này: {exc}")],
                      title=f"Tệp dữ liệu {file} có lỗi")


def open_reader(data: bytes, *, file: str, engine: str = DEFAULT_ENGINE, via_pandas: bool | None = None):
    """A reader of *data*: :class:`CalamineReader`, or :class:`PandasReader` for other engines."""
    if via_pandas is None:
        via_pandas = engine != "calamine"
    return PandasReader(data, file=file, engine=engine) if via_pandas else CalamineReader(data, file=file)


class SheetGuard:
    """Each sheet's XML looked at before a reader builds its cells (:func:`~.xlsx.scan_sheet`).

    A sheet whose used range is larger than :data:`~.xlsx.MAX_SHEET_CELLS` (a stray cell at
    XFD1048576 would make python-calamine ask for 512 GiB and abort the process) is refused with a
    located problem in ``refused``; formula errors and formulas without a saved result are put into
    the cells read, as :class:`~.xlsx.CellFault`, so they are reported instead of read as blank.
    """

    def __init__(self, data: bytes, file: str) -> None:
        self.file = file
        self.refused: list[Problem] = []
        self._lock = threading.Lock()
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self._parts = sheet_parts(self._zip)
        except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError) as exc:
            raise _not_a_workbook(file, exc) from None

    def scan(self, name: str) -> SheetScan | None:
        """The sheet's scan, or None when it is refused (its problem added to ``refused``)."""
        part = self._parts.get(name)
        if part is None:
            return SheetScan(0, 0)
        try:
            scan = scan_sheet(sheet_xml(self._zip, part))
        except (KeyError, zipfile.BadZipFile, ValueError, EOFError, zlib.error) as exc:
            raise _unreadable_sheet(self.file, name, exc) from None
        message = extent_message(scan)
        if message is None:
            return scan
        row, col = max(scan.last_row_cell, scan.last_column_cell, key=lambda rc: rc[0] * 16384 + rc[1])
        with self._lock:
            self.refused.append(Problem(file=self.file, sheet=name, row=row, column=column_letters(col),
                                        message=message))
        return None

    def close(self) -> None:
        self._zip.close()


def with_faults(raw: RawSheet, scan: SheetScan) -> RawSheet:
    """*raw* with each unreadable cell of *scan* holding its :class:`~.xlsx.CellFault` (grown to reach it)."""
    if not scan.faults:
        return raw
    height = max(raw.height, *(r + 1 for r, _, _ in scan.faults))
    width = max(len(raw.columns), *(c + 1 for _, c, _ in scan.faults))
    columns = []
    for j in range(width):
        column = raw.columns[j] if j < len(raw.columns) else np.full(0, "", dtype=object)
        if len(column) < height:
            column = np.concatenate([column, np.full(height - len(column), "", dtype=object)])
        columns.append(column)
    for r, c, fault in scan.faults:
        columns[c][r] = fault
    return RawSheet(tuple(columns), height)


class CalamineReader:
    """python-calamine directly: ``to_python()`` rows, merged ranges from ``merged_cell_ranges``."""

    def __init__(self, data: bytes, *, file: str) -> None:
        from python_calamine import CalamineWorkbook, SheetTypeEnum

        self._data, self._file, self._open = data, file, CalamineWorkbook.from_filelike
        self._guard = SheetGuard(data, file)
        self.refused = self._guard.refused
        try:
            self._book = self._open(io.BytesIO(data))
            self.sheet_names = [m.name for m in self._book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        except Exception as exc:  # any reader failure means "not a readable workbook"
            raise _not_a_workbook(file, exc) from None
        self._books = [self._book]

    def __enter__(self) -> CalamineReader:
        return self

    def __exit__(self, *exc: object) -> None:
        for book in self._books:
            book.close()
        self._guard.close()

    def _parse(self, book, name: str):
        """The sheet's XML checked, then parsed in Rust without the GIL; None when refused."""
        scan = self._guard.scan(name)
        if scan is None:
            return None
        try:
            return scan, book.get_sheet_by_name(name)
        except Exception as exc:
            raise _unreadable_sheet(self._file, name, exc) from None

    def _cells(self, name: str, parsed) -> Read:
        """The parsed sheet's cells as Python objects, column by column (holds the GIL)."""
        if parsed is None:
            return name, None, []
        scan, sheet = parsed
        rows, cols = (end + 1 for end in (sheet.end or (-1, -1)))
        if rows * cols > MAX_SHEET_CELLS:  # a cell the scan's quick bound did not see (a hand-made file)
            corner = (rows, cols)
            self.refused.append(Problem(file=self._file, sheet=name, row=rows, column=column_letters(cols),
                                        message=extent_message(SheetScan(rows, cols, corner, corner))))
            return name, None, []
        try:
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise _unreadable_sheet(self._file, name, exc) from None
        return name, with_faults(RawSheet.from_rows(rows), scan), list(sheet.merged_cell_ranges or ())

    def read(self, names: list[str]) -> Iterator[Read]:
        """Each sheet of *names*, started in that order, yielded as soon as it is read.

        The reader threads only check and parse XML (Rust, no GIL) and go on to the next sheet; the
        cells are turned into Python objects in the calling thread, which needs the GIL anyway.
        """
        workers = min(len(names), _cpus(), MAX_READERS)
        if workers <= 1:
            for name in names:
                yield self._cells(name, self._parse(self._book, name))
            return
        local = threading.local()
        lock = threading.Lock()

        def task(name: str):
            book = getattr(local, "book", None)
            if book is None:  # one handle per thread: a workbook reads one sheet at a time
                book = local.book = self._open(io.BytesIO(self._data))
                with lock:
                    self._books.append(book)
            return name, self._parse(book, name)

        with ThreadPoolExecutor(workers, thread_name_prefix="baocao-xlsx") as pool:
            pending = {pool.submit(task, name) for name in names}
            try:
                for future in as_completed(pending):
                    pending.discard(future)  # hold no reference to a sheet once it is handed over
                    name, sheet = future.result()
                    del future
                    read = self._cells(name, sheet)
                    del sheet
                    yield read
                    del read
            finally:
                for future in pending:
                    future.cancel()


class PandasReader:
    """``pandas.read_excel(header=None, dtype=object, na_filter=False)`` with any pandas engine."""

    def __init__(self, data: bytes, *, file: str, engine: str) -> None:
        import pandas as pd

        self._data, self._file = data, file
        self._guard = SheetGuard(data, file)
        self.refused = self._guard.refused
        try:
            self._xls = pd.ExcelFile(io.BytesIO(data), engine=engine)
        except Exception as exc:  # any reader failure means "not a readable workbook"
            raise _not_a_workbook(file, exc) from None
        self.sheet_names = list(self._xls.sheet_names)

    def __enter__(self) -> PandasReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self._xls.close()
        self._guard.close()

    def read(self, names: list[str]) -> Iterator[Read]:
        import pandas as pd

        merged = merged_ranges(self._data, names)
        for name in names:
            scan = self._guard.scan(name)
            if scan is None:
                yield name, None, []
                continue
            try:
                raw = pd.read_excel(self._xls, sheet_name=name, header=None, dtype=object, na_filter=False)
            except Exception as exc:
                raise _unreadable_sheet(self._file, name, exc) from None
            yield name, with_faults(RawSheet.from_frame(raw), scan), merged.get(name, [])


def read_raw_sheets(data: bytes, *, engine: str = DEFAULT_ENGINE, via_pandas: bool | None = None,
                    names: list[str] | None = None) -> dict[str, tuple[RawSheet, list[Range]]]:
    """Raw cells and merged ranges of the worksheets *names* (default all), for tests and benchmarks."""
    with open_reader(data, file="", engine=engine, via_pandas=via_pandas) as reader:
        wanted = list(reader.sheet_names if names is None else names)
        found = {name: (raw, merged) for name, raw, merged in reader.read(wanted) if raw is not None}
    return {name: found[name] for name in wanted}
