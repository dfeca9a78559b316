"""Summaries of a cycle's data workbook for people: counts by district, what changed since the last cycle.

* :func:`counts_by_district` — per district: communes by type, HTX active / stopped, LHHTX, THT and
  linkage models, at a cut-off date or as recorded in the workbook, with a total row. Analysts check it
  against the figures the districts send.
* :func:`compare_cycles` — per sheet: rows in the previous and the current workbook, rows added, removed
  and changed, matched by the table's key (:attr:`baocao.data.schema.Table.key`);
  :func:`changed_rows` lists them for one sheet, cell by cell.

Every frame has Vietnamese headers (the workbook's own, from :mod:`baocao.data.schema`). pandas is
imported here; ``import baocao.data`` does not import this module.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .schema import STATUS_ACTIVE, TABLE_BY_NAME, TABLES, UNIT_TYPES, UNITS, Table

if TYPE_CHECKING:
    from .cycle import CycleData

__all__ = ["ADDED", "CHANGED", "REMOVED", "TOTAL", "UNKNOWN_DISTRICT", "changed_rows", "compare_cycles",
           "counts_by_district"]

TOTAL = "Tổng cộng"
UNKNOWN_DISTRICT = "(mã xã không có trong danh mục)"
ADDED, REMOVED, CHANGED = "thêm", "bớt", "sửa"
WHOLE_ROW = "cả hàng"

# Headers of counts_by_district
DISTRICT_CODE, DISTRICT_NAME = UNITS.header("district_code"), UNITS.header("district_name")
COMMUNE_TYPE_HEADERS = {t: f"Số {t.lower()}" for t in UNIT_TYPES}  # "Số xã", "Số phường", …
ALWAYS_SHOWN_TYPES = ("Xã", "Phường", "Thị trấn")  # "Đặc khu" only when the list has one
HTX_ACTIVE = "HTX đang hoạt động"
HTX_INACTIVE = "HTX ngừng hoạt động, giải thể"
LHHTX_ACTIVE = "LHHTX đang hoạt động"
THT = "THT"
MODELS_ACTIVE = "Mô hình liên kết đang thực hiện"


# --------------------------------------------------------------------------- counts by district


def _day(at: dt.date) -> pd.Timestamp:
    return pd.Timestamp(at)


def _existing(df: pd.DataFrame, start: str, cutoff: dt.date | None) -> pd.Series:
    """Rows started on or before the cut-off (every row without a cut-off)."""
    if cutoff is None:
        return pd.Series(True, index=df.index)
    return (df[start] <= _day(cutoff)).fillna(False).astype(bool)


def _alive(df: pd.DataFrame, start: str, end: str, cutoff: dt.date | None, *, status: bool) -> pd.Series:
    """Rows existing at the end of the cut-off day: the rule of the indicator engine's ``active_at_cutoff``.

    Started on or before the cut-off, no end date or one after the cut-off, and (with *status*) a row
    whose status is not "Đang hoạt động" and has no end date does not count. Without a cut-off: the state
    recorded in the workbook (status "Đang hoạt động", or no end date when the table has no status).
    """
    open_ended = df[end].isna()
    stopped = (df["status"] != STATUS_ACTIVE).fillna(True).astype(bool) if status else None
    if cutoff is None:
        return ~stopped if stopped is not None else open_ended
    mask = _existing(df, start, cutoff) & (open_ended | (df[end] > _day(cutoff)).fillna(False).astype(bool))
    if stopped is not None:
        mask &= ~(stopped & open_ended)
    return mask


def counts_by_district(data: CycleData, cutoff: dt.date | None = None) -> pd.DataFrame:
    """Communes, HTX, LHHTX, THT and linkage models per district, with a "Tổng cộng" row.

    Columns: "Mã huyện", "Tên huyện", "Số xã", "Số phường", "Số thị trấn" (and "Số đặc khu" when the list
    has one), "HTX đang hoạt động", "HTX ngừng hoạt động, giải thể", "LHHTX đang hoạt động", "THT",
    "Mô hình liên kết đang thực hiện"; one row per district in code order, then the total.

    At a *cutoff* (e.g. ``period.cutoff_end``) a row counts when it exists at the end of that day, the rule
    of the indicator engine: founded on or before the cut-off and not closed by then (an HTX marked
    stopped or dissolved without a closing date is not active); HTX founded later are in neither HTX
    column, THT founded later are not counted. Without a cut-off: every row as recorded in the workbook
    (HTX and LHHTX by their "Tình trạng", linkage models without an end date, all THT).

    A row is placed in a district through its "Mã xã" and the sheet "Đơn vị hành chính"; a code missing
    there (``load_data`` rejects it) would be counted in a row "(mã xã không có trong danh mục)".
    """
    units = data.units
    districts = (units[["district_code", "district_name"]].drop_duplicates("district_code")
                 .sort_values("district_code").set_index("district_code")["district_name"])
    district_of = units.set_index("commune_code")["district_code"]

    types = [t for t in UNIT_TYPES if t in ALWAYS_SHOWN_TYPES or (units["commune_type"] == t).any()]
    columns: dict[str, pd.Series] = {
        COMMUNE_TYPE_HEADERS[t]: units.loc[units["commune_type"] == t, "district_code"].value_counts()
        for t in types
    }

    def per_district(df: pd.DataFrame, mask: pd.Series) -> pd.Series:
        return df.loc[mask.to_numpy(), "commune_code"].map(district_of).fillna(UNKNOWN_DISTRICT).value_counts()

    coops = data.cooperatives
    active = _alive(coops, "founded_on", "closed_on", cutoff, status=True)
    columns[HTX_ACTIVE] = per_district(coops, active)
    columns[HTX_INACTIVE] = per_district(coops, _existing(coops, "founded_on", cutoff) & ~active)
    unions = data.unions
    columns[LHHTX_ACTIVE] = per_district(unions, _alive(unions, "founded_on", "closed_on", cutoff, status=True))
    groups = data.groups
    columns[THT] = per_district(groups, _existing(groups, "founded_on", cutoff))
    models = data.linkage_models
    columns[MODELS_ACTIVE] = per_district(models, _alive(models, "started_on", "ended_on", cutoff, status=False))

    index = list(districts.index)
    if any(UNKNOWN_DISTRICT in s.index for s in columns.values()):
        index.append(UNKNOWN_DISTRICT)
    table = pd.DataFrame({name: s.reindex(index).fillna(0).astype(int) for name, s in columns.items()}, index=index)
    names = [districts.get(code, UNKNOWN_DISTRICT) for code in index]
    codes = ["" if code == UNKNOWN_DISTRICT else code for code in index]
    table.insert(0, DISTRICT_NAME, names)
    table.insert(0, DISTRICT_CODE, codes)
    total = {DISTRICT_CODE: "", DISTRICT_NAME: TOTAL, **{c: int(table[c].sum()) for c in columns}}
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    for c in columns:
        table[c] = table[c].astype(int)
    return table


# --------------------------------------------------------------------------- comparing two cycles


def _as_data(x: CycleData | str | os.PathLike[str]) -> CycleData:
    if isinstance(x, (str, os.PathLike)):
        from . import load_data

        return load_data(x)
    return x


def _table(name_or_sheet: str) -> Table:
    if name_or_sheet in TABLE_BY_NAME:
        return TABLE_BY_NAME[name_or_sheet]
    for t in TABLES:
        if t.sheet == name_or_sheet:
            return t
    raise KeyError(f"Không có bảng hay trang tính '{name_or_sheet}'; các trang tính: "
                   + ", ".join(t.sheet for t in TABLES))


def _columns(table: Table, *frames: pd.DataFrame) -> list[str]:
    return [c for c in table.names if all(c in f.columns for f in frames)]


def _match_key(table: Table, columns: list[str]) -> list[str]:
    """The table's key, or every column for a table without one (then rows are only added or removed)."""
    return [c for c in table.key if c in columns] if table.key else list(columns)


def _with_occurrence(df: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Number the rows sharing a key (0, 1, …) so that duplicate keys still pair one to one."""
    out = df.reset_index(drop=True)
    out["_n"] = out.groupby(key, dropna=False, sort=False).cumcount() if len(out) else pd.Series(dtype="int64")
    return out


def _differs(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Element-wise "not the same value"; two blanks are the same."""
    na_a, na_b = a.isna().to_numpy(), b.isna().to_numpy()
    both = ~na_a & ~na_b
    same = na_a & na_b
    av, bv = a.to_numpy(dtype=object), b.to_numpy(dtype=object)
    same[both] = [x == y for x, y in zip(av[both], bv[both])]
    return ~same


def _diff(table: Table, prev: pd.DataFrame, cur: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Outer join of the two frames on the key, with ``_state`` = added / removed / both."""
    columns = _columns(table, prev, cur)
    key = _match_key(table, columns)
    keep = columns + ["_row"]
    p = _with_occurrence(prev[[c for c in keep if c in prev.columns]], key)
    c = _with_occurrence(cur[[c for c in keep if c in cur.columns]], key)
    merged = p.merge(c, on=key + ["_n"], how="outer", suffixes=("_truoc", "_nay"), indicator="_state", sort=False)
    merged["_state"] = merged["_state"].map({"left_only": REMOVED, "right_only": ADDED, "both": "both"})
    others = [col for col in columns if col not in key]
    return merged, key, others


def _changed_mask(merged: pd.DataFrame, others: list[str]) -> dict[str, np.ndarray]:
    both = (merged["_state"] == "both").to_numpy()
    return {col: both & _differs(merged[f"{col}_truoc"], merged[f"{col}_nay"]) for col in others}


def compare_cycles(previous: CycleData | str | os.PathLike[str],
                   current: CycleData | str | os.PathLike[str]) -> pd.DataFrame:
    """What changed in each sheet since the previous cycle's workbook (paths are loaded with ``load_data``).

    One row per sheet in workbook order: "Trang tính", "So theo" (the key columns rows are matched by,
    e.g. "Mã HTX"; "cả hàng" for a sheet without a key, whose rows can only be added or removed),
    "Kỳ trước", "Kỳ này" (rows), "Chênh lệch" (this − previous), "Thêm", "Bớt" (rows whose key
    appears in only one workbook), "Sửa" (rows with the same key and at least one different cell).
    :func:`changed_rows` lists the rows of one sheet.
    """
    prev, cur = _as_data(previous), _as_data(current)
    rows = []
    for table in TABLES:
        a, b = prev.table(table.name), cur.table(table.name)
        merged, key, others = _diff(table, a, b)
        changed = _changed_mask(merged, others)
        n_changed = int(np.logical_or.reduce(list(changed.values())).sum()) if changed else 0
        rows.append({
            "Trang tính": table.sheet,
            "So theo": ", ".join(table.header(k) for k in key) if table.key else WHOLE_ROW,
            "Kỳ trước": len(a),
            "Kỳ này": len(b),
            "Chênh lệch": len(b) - len(a),
            "Thêm": int((merged["_state"] == ADDED).sum()),
            "Bớt": int((merged["_state"] == REMOVED).sum()),
            "Sửa": n_changed,
        })
    return pd.DataFrame(rows)


def changed_rows(previous: CycleData | str | os.PathLike[str], current: CycleData | str | os.PathLike[str],
                 table: str) -> pd.DataFrame:
    """The rows of one sheet added, removed or changed since the previous cycle, cell by cell.

    *table* is the internal name ("cooperatives") or the sheet name ("HTX"). Columns: "Thay đổi"
    ("thêm", "bớt", "sửa"), the key columns under their headers ("Mã HTX"; every column for a sheet
    without a key), "Hàng kỳ trước", "Hàng kỳ này" (Excel rows), and for a change "Cột", "Giá trị kỳ
    trước", "Giá trị kỳ này" — one line per changed cell. Order: removed, added, then changed rows, each
    in the order of the current workbook (previous for removed rows).
    """
    spec = _table(table)
    prev, cur = _as_data(previous), _as_data(current)
    merged, key, others = _diff(spec, prev.table(spec.name), cur.table(spec.name))
    headers = {k: spec.header(k) for k in key}
    columns = (["Thay đổi", *headers.values(), "Hàng kỳ trước", "Hàng kỳ này", "Cột", "Giá trị kỳ trước",
                "Giá trị kỳ này"])

    def base(rows: pd.DataFrame, what: str) -> pd.DataFrame:
        out = pd.DataFrame({"Thay đổi": [what] * len(rows)})
        for k, h in headers.items():
            out[h] = rows[k].to_numpy()
        out["Hàng kỳ trước"] = pd.array(rows["_row_truoc"].to_numpy(), dtype="Int64")
        out["Hàng kỳ này"] = pd.array(rows["_row_nay"].to_numpy(), dtype="Int64")
        return out

    removed = merged[merged["_state"] == REMOVED].sort_values("_row_truoc", kind="stable")
    added = merged[merged["_state"] == ADDED].sort_values("_row_nay", kind="stable")
    parts = [base(removed, REMOVED), base(added, ADDED)]
    changed = _changed_mask(merged, others)
    pieces = []
    for col, mask in changed.items():
        if not mask.any():
            continue
        rows = merged[mask]
        piece = base(rows, CHANGED)
        piece["Cột"] = spec.header(col)
        piece["Giá trị kỳ trước"] = rows[f"{col}_truoc"].astype(object).to_numpy()
        piece["Giá trị kỳ này"] = rows[f"{col}_nay"].astype(object).to_numpy()
        piece["_order"] = [others.index(col)] * len(piece)
        pieces.append(piece)
    if pieces:
        change = pd.concat(pieces, ignore_index=True).sort_values(["Hàng kỳ này", "_order"], kind="stable")
        parts.append(change.drop(columns="_order"))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True).reindex(columns=columns)
