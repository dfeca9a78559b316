"""Turn one raw sheet (every cell as read, header in row 1) into a typed table and its problems.

Pure: no file access. The raw sheet is a :class:`RawSheet`, column by column, built from
python-calamine's rows or from ``pandas.read_excel(header=None, dtype=object, na_filter=False)``;
position ``i`` is Excel row ``i + 1`` and a blank cell is ``""``. Each column is factorised once,
so blankness, conversion and range checks run once per distinct value and only the rows with a
problem are visited one by one: 150,000 rows cost about what their distinct values cost. Rules:

* headers are matched after NFC, space collapsing and case folding; extra columns are ignored;
* a missing or repeated column, a merged cell, a bad value or a duplicate key is an error;
* fully blank rows after the last filled row are ignored; blank rows inside the data are
  skipped and reported as warnings (one per run of blank rows).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from itertools import chain
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pandas.api.extensions import take

from baocao.errors import Problem
from baocao.fileio.xlsx_cells import MAX_CELL_CHARS, header_key
from baocao.vnformat import norm_space

from .cells import CellError, converter, display_value, excel_value, is_blank
from .schema import Column, Table
from .xlsx import CellFault

Range = tuple[tuple[int, int], tuple[int, int]]  # ((row0, col0), (row1, col1)), zero-based, inclusive

DTYPES = {
    "code": "str",
    "text": "str",
    "enum": "str",
    "int": "Int64",
    "year": "Int64",
    "number": "float64",
    "bool": "boolean",
    "date": "datetime64[us]",
}
ROW, SHEET = "_row", "_sheet"


@dataclass
class SheetResult:
    """A typed table (internal column names plus ``_sheet`` and ``_row``) and what was wrong."""

    frame: pd.DataFrame
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    complete: bool = False  # every column of the spec was found in the header


def column_letter(index: int) -> str:
    """Excel letter of a zero-based column index: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row0: int, col0: int) -> str:
    """A1-style reference of zero-based coordinates."""
    return f"{column_letter(col0)}{row0 + 1}"


def empty_frame(table: Table) -> pd.DataFrame:
    """A table with no rows but every column, typed."""
    data = {c.name: pd.Series([], dtype=DTYPES[c.kind]) for c in table.columns}
    data[SHEET] = pd.Series([], dtype="str")
    data[ROW] = pd.Series([], dtype="int64")
    return pd.DataFrame(data)


@dataclass(frozen=True)
class RawSheet:
    """Every cell of one sheet as read, column by column.

    ``columns[j][i]`` is the cell of Excel row ``i + 1``, column ``j + 1`` (object arrays, all
    ``height`` long); a blank cell is ``""``. Values are as python-calamine returns them (floats,
    dates) or as pandas' ``read_excel`` does (whole floats as ints, dates as datetimes): the parser
    treats both alike (:func:`~.cells.excel_value`).
    """

    columns: tuple[np.ndarray, ...]
    height: int

    @classmethod
    def from_rows(cls, rows: list[list[object]]) -> RawSheet:
        """From a list of rows (``CalamineSheet.to_python()``); short rows are padded with ``""``."""
        height = len(rows)
        widths = set(map(len, rows))
        width = max(widths, default=0)
        if not width:
            return cls((), height)
        if len(widths) > 1:  # calamine's rows are all as wide as the used range; pad any other
            rows = [list(r) + [""] * (width - len(r)) for r in rows]
        grid = np.fromiter(chain.from_iterable(rows), dtype=object, count=height * width)
        return cls(tuple(np.ascontiguousarray(grid.reshape(height, width).T)), height)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> RawSheet:
        """From ``read_excel(header=None, dtype=object, na_filter=False)``: position i is row i + 1."""
        return cls(tuple(frame.iloc[:, j].to_numpy(dtype=object) for j in range(frame.shape[1])), len(frame))

    def row(self, i: int) -> list[object]:
        """Cells of Excel row ``i + 1``, as pandas would give them."""
        return [excel_value(c[i]) for c in self.columns]


def parse_sheet(raw: RawSheet | pd.DataFrame, table: Table, *, file: str, sheet: str,
                merged: Iterable[Range] = ()) -> SheetResult:
    """Validate and type one sheet; every problem found is returned, none is raised.

    Each column is factorised once: blankness, conversion and range checks run once per distinct
    value (ids, codes, years, dates repeat), and only rows with a problem are visited one by one.
    """
    if isinstance(raw, pd.DataFrame):
        raw = RawSheet.from_frame(raw)
    result = SheetResult(pd.DataFrame())

    def problem(message: str, row: int | None = None, column: str | None = None, value: object = None) -> Problem:
        return Problem(file=file, message=message, sheet=sheet, row=row, column=column, value=value)

    header = raw.row(0) if raw.height else []
    if all(is_blank(h) for h in header):
        result.errors.append(problem("trang tính trống hoặc dòng 1 trống; dòng 1 phải là dòng tiêu đề", row=1))
        result.frame = empty_frame(table)
        return result
    positions = _match_header(header, table, problem, [])
    if not positions and (lower := _header_row_below(raw, table)):
        result.errors.append(problem(f"dòng tiêu đề phải là dòng 1 (đang ở dòng {lower}); xóa các dòng phía trên",
                                     row=lower))
        result.frame = empty_frame(table)
        return result
    positions = _match_header(header, table, problem, result.errors)
    _check_merged(merged, header, problem, result.errors)
    missing = [col for col in table.columns if col.name not in positions and not col.may_be_absent]
    result.complete = not missing
    for col in missing:
        result.errors.append(problem("thiếu cột này ở dòng tiêu đề (dòng 1)", row=1, column=col.header))

    spec_at = {j: table.column_by_name[name] for name, j in positions.items()}
    blank = np.ones(raw.height - 1, dtype=bool)
    parsed: dict[int, _Parsed] = {}
    for j, values in enumerate(raw.columns):
        col = spec_at.get(j)
        if col is None:
            blank &= blank_mask(values[1:])
            continue
        parsed[j] = p = _parse_column(values[1:], col)
        blank &= p.blank[p.codes]
    filled = np.flatnonzero(~blank)
    last = filled[-1] if len(filled) else -1
    _warn_blank_runs(blank[: last + 1], problem, result.warnings)  # trailing blank rows: ignored
    excel_rows = filled + 2  # body position 0 is Excel row 2

    data: dict[str, object] = {}
    for col in table.columns:
        j = positions.get(col.name)
        if j is None:
            data[col.name] = pd.Series([None] * len(filled), dtype=DTYPES[col.kind])
            continue
        data[col.name] = _typed(parsed[j], filled, excel_rows, col, problem, result.errors)
    data[SHEET] = pd.Series([sheet] * len(filled), dtype="str")
    data[ROW] = pd.Series(excel_rows, dtype="int64")
    frame = pd.DataFrame(data)
    result.errors += duplicate_keys(frame, table, problem)
    result.frame = frame
    return result


def blank_mask(values: pd.Series | np.ndarray) -> np.ndarray:
    """True where a cell is blank (empty, None, NaN or only spaces); each distinct value tested once."""
    raw = values.to_numpy(dtype=object) if isinstance(values, pd.Series) else values
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    flags = np.array([is_blank(u) for u in uniques] + [True], dtype=bool)
    return flags[codes]


def _match_header(header: list[object], table: Table, problem, errors: list[Problem]) -> dict[str, int]:
    wanted = {header_key(c.header): c for c in table.columns}
    positions: dict[str, int] = {}
    for j, cell in enumerate(header):
        if is_blank(cell):
            continue
        col = wanted.get(header_key(str(cell)))
        if col is None:
            continue
        if col.name in positions:
            errors.append(problem(
                f"cột bị lặp lại ở ô {cell_ref(0, j)} (đã có ở ô {cell_ref(0, positions[col.name])}); giữ một cột",
                row=1, column=col.header, value=norm_space(str(cell)),
            ))
            continue
        positions[col.name] = j
    return positions


def _header_row_below(raw: RawSheet, table: Table, look: int = 5) -> int | None:
    """Excel row (2..look) holding most of the headers, when a title row sits above them."""
    wanted = {header_key(c.header) for c in table.columns}
    for i in range(1, min(look, raw.height)):
        found = {header_key(str(v)) for v in raw.row(i) if not is_blank(v)} & wanted
        if 2 * len(found) >= len(wanted):
            return i + 1
    return None


def _check_merged(merged: Iterable[Range], header: list[object], problem, errors: list[Problem]) -> None:
    for (r0, c0), (r1, c1) in merged:
        ref = f"{cell_ref(r0, c0)}:{cell_ref(r1, c1)}"
        first = header[c0] if r0 == 0 and c0 < len(header) and not is_blank(header[c0]) else None
        column = norm_space(str(first)) if first is not None else column_letter(c0)
        if r0 == 0:
            message = f"ô tiêu đề bị gộp ({ref}); mỗi cột cần một tiêu đề riêng ở dòng 1, hãy bỏ gộp ô"
        else:
            message = f"ô bị gộp ({ref}); chỉ ô đầu có dữ liệu, hãy bỏ gộp ô và điền đủ từng dòng"
        errors.append(problem(message, row=r0 + 1, column=column))


def _warn_blank_runs(blank: np.ndarray, problem, warnings: list[Problem]) -> None:
    edges = np.diff(np.concatenate(([0], np.asarray(blank, dtype=np.int8), [0])))
    for start, stop in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
        n = int(stop - start)
        rows = f"{n} dòng trống liên tiếp" if n > 1 else "dòng trống"
        warnings.append(problem(f"{rows} giữa bảng, đã bỏ qua", row=int(start) + 2))


_BLANK = object()


def _cell_outcome(v: object, col: Column, conv) -> object:
    """Typed value, ``_BLANK``, or a :class:`CellError` carrying the Vietnamese message."""
    if type(v) is CellFault:  # a formula error or a formula without its result: never read as blank
        return CellError(v.message)
    if v == "" or is_blank(v):
        return _BLANK
    try:
        x = conv(v)
    except CellError as exc:
        return exc
    if col.min is not None and x < col.min:
        return CellError(f"không được nhỏ hơn {col.min:g}")
    if col.max is not None and x > col.max:
        return CellError(f"không được lớn hơn {col.max:g}")
    return x


@dataclass
class _Parsed:
    """One body column, factorised: ``uniques[codes[i]]`` is cell i (code -1: no value)."""

    codes: np.ndarray
    uniques: list[object] | np.ndarray
    values: list[object] | np.ndarray  # per unique: the typed value, None (NaT) when blank or bad
    blank: np.ndarray  # per unique, plus a last True for code -1
    bad: np.ndarray  # per unique, plus a last False: the value does not fit the column
    messages: dict[int, str]  # unique -> Vietnamese message, for the bad ones


def _factorize(values: np.ndarray) -> tuple[np.ndarray, list[object]]:
    """Codes and distinct values; cell by cell when True/False share a column with 1/0 (equal keys)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    uniques = uniques.tolist()
    if not _NOT_BOOLISH.issuperset(map(type, uniques)):  # a bool, or a number True could hide behind
        types = set(map(type, values))
        if bool in types and (int in types or float in types):
            return np.arange(len(values)), values.tolist()
    return codes, uniques


_NOT_BOOLISH = frozenset((str, dt.datetime, dt.date, dt.time, dt.timedelta))


_BLOCK = 4096
_DATES = (dt.date, dt.datetime)


def _all_clean_text(block: list[object]) -> bool:
    """True when every value of *block* passes :func:`~.cells.is_clean_text` (False may be wrong).

    Tested on the values joined by single spaces: a value that is blank, starts or ends with a
    space or holds a double space leaves a double space (or a space at an end) in the joined text;
    other whitespace or a non-printable character makes it non-printable; a non-NFC sequence makes
    it non-NFC (a space never composes with its neighbours). Each test is one C call per block
    instead of one per value.
    """
    try:
        text = " ".join(block)  # TypeError: a value is not text
    except TypeError:
        return False
    if len(text) > MAX_CELL_CHARS and max(map(len, block)) > MAX_CELL_CHARS:
        return False  # an overlong value: refused by the converter
    return bool(text) and text[0] != " " and text[-1] != " " and "  " not in text and text.isprintable() \
        and (text.isascii() or unicodedata.is_normalized("NFC", text))


def _all_clean_texts(values: np.ndarray) -> bool:
    """True when every cell is clean text (most id and name columns)."""
    cells = values.tolist()
    return bool(cells) and all(_all_clean_text(cells[i:i + _BLOCK]) for i in range(0, len(cells), _BLOCK))


def _parse_column(values: np.ndarray, col: Column) -> _Parsed:
    """Convert each distinct value of one body column once."""
    if col.kind in ("text", "code") and _all_clean_texts(values):
        n = len(values)  # every cell is kept as it is: no need to find the distinct values
        blank = np.zeros(n + 1, dtype=bool)
        blank[n] = True
        return _Parsed(np.arange(n), values, values, blank, np.zeros(n + 1, dtype=bool), {})
    codes, uniques = _factorize(values)
    conv = converter(col)
    odd: list[int] = []  # uniques whose outcome is _BLANK or a CellError

    def slow(i: int, u: object) -> object:
        x = _cell_outcome(excel_value(u), col, conv)
        if x is _BLANK or isinstance(x, CellError):
            odd.append(i)
        return x

    if col.kind in ("text", "code"):
        # Most ids and names are clean text already and are kept as they are (see is_clean_text):
        # tested a block at a time on the block joined into one string, else one by one.
        nfc = unicodedata.is_normalized
        outcomes = []
        for start in range(0, len(uniques), _BLOCK):
            block = uniques[start:start + _BLOCK]
            if _all_clean_text(block):
                outcomes += block
                continue
            outcomes += [u if type(u) is str and u and u[0] != " " and u[-1] != " " and u.isprintable()
                         and "  " not in u and len(u) <= MAX_CELL_CHARS and (u.isascii() or nfc("NFC", u)) else slow(i, u)
                         for i, u in enumerate(block, start)]
    elif col.kind == "date":
        # Date cells (nearly all) become midnight datetimes in one vectorised step below; text dates
        # and wrong types go the slow way.
        outcomes = [u if type(u) in _DATES else slow(i, u) for i, u in enumerate(uniques)]
    else:
        outcomes = [slow(i, u) for i, u in enumerate(uniques)]
    n = len(uniques)
    blank = np.zeros(n + 1, dtype=bool)
    blank[n] = True
    bad = np.zeros(n + 1, dtype=bool)
    messages: dict[int, str] = {}
    for i in odd:
        if outcomes[i] is _BLANK:
            blank[i] = True
        else:
            bad[i] = True
            messages[i] = str(outcomes[i])
        outcomes[i] = None
    if col.kind == "date":  # to_date on every date cell at once: the day, at midnight
        stamps = pd.to_datetime(np.array(outcomes, dtype=object)).normalize().as_unit("us").to_numpy()
        return _Parsed(codes, uniques, stamps, blank, bad, messages)
    return _Parsed(codes, uniques, outcomes, blank, bad, messages)


def _typed(p: _Parsed, kept: np.ndarray, rows: np.ndarray, col: Column, problem, errors: list[Problem]) -> pd.Series:
    """The typed column of the kept rows; a problem for each blank required cell and each bad value."""
    codes = p.codes[kept]
    if col.required:
        for i in np.flatnonzero(p.blank[codes]):
            errors.append(problem("thiếu giá trị", row=int(rows[i]), column=col.header))
    for i in np.flatnonzero(p.bad[codes]):
        k = codes[i]
        errors.append(problem(p.messages[k], row=int(rows[i]), column=col.header,
                              value=display_value(excel_value(p.uniques[k]))))
    typed = pd.array(p.values, dtype=DTYPES[col.kind], copy=False)
    return pd.Series(take(typed, codes, allow_fill=True))


def duplicate_keys(frame: pd.DataFrame, table: Table, problem) -> list[Problem]:
    """One problem per row whose key repeats an earlier row's key."""
    if not table.key or frame.empty:
        return []
    key = list(table.key)
    sub = frame.dropna(subset=key)
    dup = sub.duplicated(subset=key, keep="first")
    if not dup.any():
        return []
    first_rows = sub.loc[~dup].set_index(key)[ROW]
    headers = ", ".join(table.header(k) for k in key)
    found = []
    for _, rec in sub.loc[dup].iterrows():
        k = tuple(rec[c] for c in key)
        first = first_rows.loc[k if len(k) > 1 else k[0]]
        what = f"mã '{k[0]}'" if len(k) == 1 else f"khóa ({headers}) = ({', '.join(map(str, k))})"
        found.append(problem(
            f"trùng {what}, đã có ở hàng {int(first)}",
            row=int(rec[ROW]), column=table.header(key[0]),
            value=k[0] if len(k) == 1 else " / ".join(map(str, k)),
        ))
    return found
