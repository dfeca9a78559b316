"""Which communes a commune-based ratio counts: the plan's own list, or the post-merger communes.

Two lists, never mixed in one ratio:

* ``plan`` (default): the communes of the sheet "Đơn vị hành chính" (the plan's area before the
  1 July 2025 reorganisation), of the requested unit types (``Xã`` by default);
* ``post_merger``: the communes created on 1 July 2025 that the old communes of that sheet went
  into (sheet "Chuyển đổi xã 2025"), of the requested types *after* the merger. A row located in
  an old commune is moved to the old commune's default new commune ("Xã mới mặc định" = Có, or
  its only new commune); numerator and denominator both use the new list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from baocao.data.schema import COMMUNE_MAP_2025, UNITS
from baocao.vnformat import date_short

from .model import CommuneList, CommuneMode, NoData
from baocao.errors import UsageError

PLAN_LIST_AS_OF = dt.date(2025, 6, 30)  # last day of the pre-merger units
POST_MERGER_AS_OF = dt.date(2025, 7, 1)  # first day of the new communes


@dataclass(frozen=True)
class CommuneScope:
    """A commune list and how to place a row's (old) commune code on it."""

    communes: CommuneList
    mapping: pd.Series  # old commune code -> code on the list (only codes that land on the list)
    notes: tuple[str, ...] = ()

    def locate(self, codes: pd.Series) -> pd.Series:
        """The list code of each old commune code (missing when it is not on the list)."""
        return codes.map(self.mapping)


def _types_word(unit_types: tuple[str, ...]) -> str:
    if unit_types == ("Xã",):
        return "xã"
    return "đơn vị cấp xã (" + ", ".join(unit_types) + ")"


def plan_scope(units: pd.DataFrame, unit_types: tuple[str, ...]) -> CommuneScope:
    """The plan's own communes (pre-merger list) of the given types."""
    if units.empty:
        raise NoData(f"trang tính '{UNITS.sheet}' không có dòng nào")
    sub = units[units["commune_type"].isin(unit_types).fillna(False).astype(bool)]
    codes = tuple(sorted(sub["commune_code"].dropna().unique()))
    label = (f"{len(codes)} {_types_word(unit_types)} theo danh mục của kế hoạch, trước sắp xếp "
             f"(đến {date_short(PLAN_LIST_AS_OF)})")
    clist = CommuneList("plan", PLAN_LIST_AS_OF, unit_types, codes, label)
    return CommuneScope(clist, pd.Series(list(codes), index=list(codes), dtype="str"))


def post_merger_scope(units: pd.DataFrame, cmap: pd.DataFrame, unit_types: tuple[str, ...]) -> CommuneScope:
    """The post-merger communes of the plan's area, of the given types after the merger."""
    if units.empty:
        raise NoData(f"trang tính '{UNITS.sheet}' không có dòng nào")
    if cmap.empty:
        raise NoData(f"trang tính '{COMMUNE_MAP_2025.sheet}' không có dữ liệu: "
                     "không tính được theo danh sách xã sau sắp xếp")
    area = set(units["commune_code"].dropna())
    rows = cmap[cmap["old_commune_code"].isin(area).fillna(False).astype(bool)]
    listed = rows[rows["new_commune_type"].isin(unit_types).fillna(False).astype(bool)]
    codes = tuple(sorted(listed["new_commune_code"].dropna().unique()))
    notes: list[str] = []
    missing = area - set(rows["old_commune_code"])
    if missing:
        notes.append(f"{len(missing)} xã cũ không có trong trang '{COMMUNE_MAP_2025.sheet}': "
                     "số liệu của các xã này không được tính theo danh sách sau sắp xếp")
    ranked = rows.assign(_default=rows["is_default"].fillna(False).astype(bool))
    ranked = ranked.sort_values(["old_commune_code", "_default", "_row"], ascending=[True, False, True])
    several = ranked.groupby("old_commune_code")["new_commune_code"].transform("size") > 1
    undecided = ranked[several].groupby("old_commune_code")["_default"].any()
    if (~undecided).any():
        notes.append(f"{int((~undecided).sum())} xã cũ chuyển vào nhiều xã mới mà không ghi xã mới mặc định: "
                     "lấy dòng đầu tiên")
    first = ranked.drop_duplicates("old_commune_code")
    mapping = first.set_index("old_commune_code")["new_commune_code"]
    mapping = mapping[mapping.isin(codes)].astype("str")
    label = (f"{len(codes)} {_types_word(unit_types)} mới sau sắp xếp (từ {date_short(POST_MERGER_AS_OF)}), "
             "cùng địa bàn của kế hoạch")
    clist = CommuneList("post_merger", POST_MERGER_AS_OF, unit_types, codes, label)
    return CommuneScope(clist, mapping, tuple(notes))


def commune_scope(units: pd.DataFrame, cmap: pd.DataFrame, mode: CommuneMode,
                  unit_types: tuple[str, ...]) -> CommuneScope:
    """The scope for *mode* ("plan" or "post_merger")."""
    if mode == "plan":
        return plan_scope(units, unit_types)
    if mode == "post_merger":
        return post_merger_scope(units, cmap, unit_types)
    raise UsageError(f"danh sách xã '{mode}' không hợp lệ; chọn 'plan' hoặc 'post_merger'")
