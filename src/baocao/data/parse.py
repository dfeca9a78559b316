"""Turn one raw sheet (every cell as read, header in row 1) into a typed table and its problems.

Pure: no file access. The raw frame comes from ``pandas.read_excel(header=None, dtype=object,
na_filter=False)``, so position ``i`` of the frame is Excel row ``i + 1`` and a blank cell is
``""``. Rules:

* headers are matched after NFC, space collapsing and case folding; extra columns are ignored;
* a missing or repeated column, a merged cell, a bad value or a duplicate key is an error;
* fully blank rows after the last filled row are ignored; blank rows inside the data are
  skipped and reported as warnings (one per run of blank rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pandas.api.extensions import take

from baocao.errors import Problem
from baocao.vnformat import norm_space

from .cells import CellError, converter, display_value, is_blank
from .schema import Column, Table, header_key

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


def parse_sheet(raw: pd.DataFrame, table: Table, *, file: str, sheet: str, merged: Iterable[Range] = ()) -> SheetResult:
    """Validate and type one sheet; every problem found is returned, none is raised."""
    result = SheetResult(pd.DataFrame())

    def problem(message: str, row: int | None = None, column: str | None = None, value: object = None) -> Problem:
        return Problem(file=file, message=message, sheet=sheet, row=row, column=column, value=value)

    header = raw.iloc[0].tolist() if len(raw) else []
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
    result.complete = len(positions) == len(table.columns)
    for col in table.columns:
        if col.name not in positions:
            result.errors.append(problem("thiếu cột này ở dòng tiêu đề (dòng 1)", row=1, column=col.header))

    body = raw.iloc[1:]
    blank = np.ones(len(body), dtype=bool)
    for j in range(body.shape[1]):
        blank &= blank_mask(body.iloc[:, j])
    filled = np.flatnonzero(~blank)
    last = filled[-1] if len(filled) else -1
    _warn_blank_runs(blank[: last + 1], problem, result.warnings)  # trailing blank rows: ignored
    kept = body.iloc[filled]
    excel_rows = [int(i) + 1 for i in kept.index]

    data: dict[str, object] = {}
    for col in table.columns:
        j = positions.get(col.name)
        if j is None:
            data[col.name] = pd.Series([None] * len(kept), dtype=DTYPES[col.kind])
            continue
        data[col.name] = _convert(kept.iloc[:, j], excel_rows, col, problem, result.errors)
    data[SHEET] = pd.Series([sheet] * len(kept), dtype="str")
    data[ROW] = pd.Series(excel_rows, dtype="int64")
    frame = pd.DataFrame(data)
    result.errors += duplicate_keys(frame, table, problem)
    result.frame = frame
    return result


def blank_mask(values: pd.Series) -> np.ndarray:
    """True where a cell is blank (empty, None, NaN or only spaces); each distinct value tested once."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
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


def _header_row_below(raw: pd.DataFrame, table: Table, look: int = 5) -> int | None:
    """Excel row (2..look) holding most of the headers, when a title row sits above them."""
    wanted = {header_key(c.header) for c in table.columns}
    for i in range(1, min(look, len(raw))):
        found = {header_key(str(v)) for v in raw.iloc[i].tolist() if not is_blank(v)} & wanted
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


def _warn_blank_runs(blank, problem, warnings: list[Problem]) -> None:
    start = None
    for i, b in enumerate(list(blank) + [False]):
        if b and start is None:
            start = i
        elif not b and start is not None:
            n = i - start
            rows = f"{n} dòng trống liên tiếp" if n > 1 else "dòng trống"
            warnings.append(problem(f"{rows} giữa bảng, đã bỏ qua", row=start + 2))
            start = None


_BLANK = object()


def _cell_outcome(v: object, col: Column, conv) -> object:
    """Typed value, ``_BLANK``, or a :class:`CellError` carrying the Vietnamese message."""
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


def _convert(values: pd.Series, rows: list[int], col: Column, problem, errors: list[Problem]) -> pd.Series:
    """Convert one column; each distinct raw value is converted once (codes, years, dates repeat)."""
    conv = converter(col)
    raw = values.to_numpy(dtype=object)
    if bool in set(map(type, raw)):  # True == 1 would merge them in factorize: go cell by cell
        codes, uniques = np.arange(len(raw)), raw
    else:
        codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    outcomes = [_cell_outcome(u, col, conv) for u in uniques]
    bad = np.array([x is _BLANK or isinstance(x, CellError) for x in outcomes] + [True])
    for i in np.flatnonzero(bad[codes]):
        x = outcomes[codes[i]] if codes[i] >= 0 else _BLANK
        if x is _BLANK:
            if col.required:
                errors.append(problem("thiếu giá trị", row=rows[i], column=col.header))
        else:
            errors.append(problem(str(x), row=rows[i], column=col.header, value=display_value(raw[i])))
    good = [None if b else x for x, b in zip(outcomes, bad, strict=False)]
    typed = pd.array(good, dtype=DTYPES[col.kind]) if good else pd.array([], dtype=DTYPES[col.kind])
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
