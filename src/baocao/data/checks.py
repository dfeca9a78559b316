"""Rules across rows and tables: codes that must exist, dates in order, parts not above wholes.

Pure functions over the typed frames of :mod:`baocao.data.parse`. Joins are always on codes,
never on names, so "Đắk"/"Đăk" or "R'Lấp"/"R’lấp" spellings never split a unit; differing names
for one code are only reported as warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from baocao.errors import Problem

from .cells import display_value
from .parse import ROW
from .schema import STATUS_ACTIVE, TABLE_BY_NAME, Table

# (table, column, value, message, row) -> Problem with file and sheet filled in
Where = Callable[[str, str | None, object, str, int | None], Problem]

# (table, column) must be a value of one of the (table, column) targets
FOREIGN_KEYS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("commune_map_2025", "old_commune_code", (("units", "commune_code"),)),
    ("cooperatives", "commune_code", (("units", "commune_code"),)),
    ("unions", "commune_code", (("units", "commune_code"),)),
    ("groups", "commune_code", (("units", "commune_code"),)),
    ("households", "commune_code", (("units", "commune_code"),)),
    ("linkage_models", "commune_code", (("units", "commune_code"),)),
    ("linkage_models", "lead_coop_id", (("cooperatives", "coop_id"),)),
    ("support", "coop_id", (("cooperatives", "coop_id"),)),
    ("ratings", "entity_id", (("cooperatives", "coop_id"), ("unions", "union_id"))),
)

# (table, earlier, later, message): the later date may not come before the earlier one
DATE_ORDER: tuple[tuple[str, str, str, str], ...] = (
    ("cooperatives", "founded_on", "closed_on", "ngày giải thể/ngừng hoạt động trước ngày thành lập"),
    ("cooperatives", "founded_on", "alliance_member_since", "ngày vào Liên minh trước ngày thành lập"),
    ("cooperatives", "founded_on", "value_chain_since", "ngày liên kết chuỗi giá trị trước ngày thành lập"),
    ("cooperatives", "founded_on", "trade_union_since", "ngày có tổ chức công đoàn trước ngày thành lập"),
    ("cooperatives", "founded_on", "social_insurance_since", "ngày đóng BHXH trước ngày thành lập"),
    ("unions", "founded_on", "closed_on", "ngày giải thể/ngừng hoạt động trước ngày thành lập"),
    ("unions", "founded_on", "value_chain_since", "ngày liên kết chuỗi giá trị trước ngày thành lập"),
    ("groups", "founded_on", "certified_on", "ngày chứng thực hợp đồng trước ngày thành lập"),
    ("linkage_models", "started_on", "ended_on", "ngày kết thúc trước ngày bắt đầu"),
)

# (table, part, whole): a part may not exceed its whole on the same row
PART_OF_WHOLE: tuple[tuple[str, str, str], ...] = (
    ("households", "participating_households", "farm_households"),
    ("training", "staff_informed", "staff_total"),
    ("training", "staff_trained", "staff_total"),
)


def _objects(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype=object)


def _isin(values: pd.Series, allowed: np.ndarray) -> pd.Series:
    """``values.isin(allowed)`` hashed in C: a string column's own ``isin`` loops in Python."""
    found = pd.Index(_objects(values), dtype=object).isin(allowed)
    return pd.Series(found, index=values.index)


def _header(table: str, column: str, tables: Mapping[str, Table] = TABLE_BY_NAME) -> str:
    return tables[table].header(column)


def _whole_or_float(x: object) -> int | float:
    """A count as an int, an amount (a declared number column) as a float."""
    f = float(x)  # type: ignore[arg-type]
    return int(f) if f.is_integer() else f


def _d(value: pd.Timestamp) -> str:
    return f"{value.day}/{value.month}/{value.year}"


def foreign_keys(frames: Mapping[str, pd.DataFrame], complete: set[str], where: Where) -> list[Problem]:
    """Codes that point to nothing: an unknown commune, an unknown HTX."""
    return [p for table, column, targets in FOREIGN_KEYS
            for p in _foreign_key(frames, complete, where, table, column, targets)]


def _foreign_key(frames: Mapping[str, pd.DataFrame], complete: set[str], where: Where, table: str, column: str,
                 targets: tuple[tuple[str, str], ...], tables: Mapping[str, Table] = TABLE_BY_NAME) -> list[Problem]:
    if table not in frames or not all(t in complete for t, _ in targets):
        return []
    found = []
    allowed = np.concatenate([_objects(frames[t][c].dropna()) for t, c in targets])
    values = frames[table][column]
    bad = values.notna() & ~_isin(values, allowed)
    names = " hoặc ".join(f"'{tables[t].sheet}'" for t, _ in targets)
    for value, row in zip(values[bad], frames[table].loc[bad, ROW], strict=True):
        found.append(where(table, _header(table, column, tables), value,
                           f"mã '{value}' không có trong trang tính {names}", int(row)))
    return found


def date_order(frames: Mapping[str, pd.DataFrame], where: Where) -> list[Problem]:
    """A later date (closing, certification, end) before the date it must follow."""
    return [p for entry in DATE_ORDER for p in _date_order(frames, where, *entry)]


def _date_order(frames: Mapping[str, pd.DataFrame], where: Where, table: str, earlier: str, later: str,
                message: str, tables: Mapping[str, Table] = TABLE_BY_NAME) -> list[Problem]:
    if table not in frames:
        return []
    found = []
    f = frames[table]
    bad = f[earlier].notna() & f[later].notna() & (f[later] < f[earlier])
    for a, b, row in zip(f.loc[bad, earlier], f.loc[bad, later], f.loc[bad, ROW], strict=True):
        found.append(where(table, _header(table, later, tables), _d(b),
                           f"{message} ({_header(table, earlier, tables)}: {_d(a)})", int(row)))
    return found


def parts_of_wholes(frames: Mapping[str, pd.DataFrame], where: Where) -> list[Problem]:
    """A count of participants larger than the population it is taken from."""
    return [p for entry in PART_OF_WHOLE for p in _part_of_whole(frames, where, *entry)]


def _part_of_whole(frames: Mapping[str, pd.DataFrame], where: Where, table: str, part: str,
                   whole: str, tables: Mapping[str, Table] = TABLE_BY_NAME) -> list[Problem]:
    if table not in frames:
        return []
    found = []
    f = frames[table]
    bad = (f[part] > f[whole]).fillna(False)
    for p, w, row in zip(f.loc[bad, part], f.loc[bad, whole], f.loc[bad, ROW], strict=True):
        found.append(where(table, _header(table, part, tables), _whole_or_float(p),
                           f"lớn hơn '{_header(table, whole, tables)}' ({_whole_or_float(w)}) trên cùng dòng", int(row)))
    return found


def id_collisions(frames: Mapping[str, pd.DataFrame], where: Where) -> list[Problem]:
    """An LHHTX id equal to an HTX id would make the classification sheet ambiguous."""
    if "cooperatives" not in frames or "unions" not in frames:
        return []
    coops = _objects(frames["cooperatives"]["coop_id"].dropna())
    u = frames["unions"]
    bad = _isin(u["union_id"], coops)
    return [
        where("unions", _header("unions", "union_id"), value,
              "mã LHHTX trùng với một mã HTX; trang 'Xếp loại HTX' không phân biệt được", int(row))
        for value, row in zip(u.loc[bad, "union_id"], u.loc[bad, ROW], strict=True)
    ]


def consistency_warnings(frames: Mapping[str, pd.DataFrame], where: Where) -> list[Problem]:
    """Doubtful but possible entries: reported as warnings, never block loading."""
    found: list[Problem] = []
    for table in ("cooperatives", "unions"):
        found += _status_vs_date_of(frames, where, table)
    found += _coop_doubts(frames, where)
    for table in ("cooperatives", "unions"):
        found += _dated_flag_doubts(frames, where, table)
    found += _support_before_founding(frames, where)
    found += _unit_names(frames, where)
    return found


def _status_vs_date_of(frames: Mapping[str, pd.DataFrame], where: Where, table: str) -> list[Problem]:
    return _status_vs_date(frames[table], table, where) if table in frames else []


def _coop_doubts(frames: Mapping[str, pd.DataFrame], where: Where) -> list[Problem]:
    if "cooperatives" not in frames:
        return []
    found = []
    f = frames["cooperatives"]
    cases = (
        (f["model_selected"].eq(True) & f["model_year"].isna(), "model_year",
         "được chọn mô hình HTX mạnh toàn diện nhưng thiếu năm được chọn"),
        (f["model_selected"].ne(True) & f["model_year"].notna(), "model_year",
         "có năm được chọn mô hình nhưng cột 'Được chọn mô hình HTX mạnh toàn diện' không ghi 'Có'"),
        (f["ocop_best_stars"].notna() & f["ocop_products"].fillna(0).eq(0), "ocop_best_stars",
         "có số sao OCOP nhưng số sản phẩm OCOP bằng 0 hoặc để trống"),
    )
    for mask, column, message in cases:
        mask = mask.fillna(False)
        for value, row in zip(f.loc[mask, column], f.loc[mask, ROW], strict=True):
            found.append(where("cooperatives", _header("cooperatives", column), display_value(value),
                               message, int(row)))
    return found


def _dated_flag_doubts(frames: Mapping[str, pd.DataFrame], where: Where, table: str) -> list[Problem]:
    """A "since" date on a row whose yes/no column does not say "Có": the date is not used."""
    if table not in frames:
        return []
    f = frames[table]
    found = []
    for col in TABLE_BY_NAME[table].columns:
        if col.dated_by is None:
            continue
        doubtful = (f[col.dated_by].notna() & f[col.name].ne(True)).fillna(False)
        for value, row in zip(f.loc[doubtful, col.dated_by], f.loc[doubtful, ROW], strict=True):
            found.append(where(table, _header(table, col.dated_by), _d(value),
                               f"có ngày nhưng cột '{col.header}' không ghi 'Có'; ngày này không được dùng",
                               int(row)))
    return found


def _support_before_founding(frames: Mapping[str, pd.DataFrame], where: Where) -> list[Problem]:
    if "support" not in frames or "cooperatives" not in frames:
        return []
    found = []
    founded = frames["cooperatives"].set_index("coop_id")["founded_on"].dt.year
    s = frames["support"]
    year_founded = s["coop_id"].map(founded[~founded.index.duplicated()])
    early = (s["year"] < year_founded).fillna(False)
    for value, y, row in zip(s.loc[early, "year"], year_founded[early], s.loc[early, ROW], strict=True):
        found.append(where("support", _header("support", "year"), int(value),
                           f"năm hỗ trợ trước năm thành lập HTX ({int(y)})", int(row)))
    return found


def _unit_names(frames: Mapping[str, pd.DataFrame], where: Where) -> list[Problem]:
    return _one_name_per_code(frames["units"], where) if "units" in frames else []


def _status_vs_date(f: pd.DataFrame, table: str, where: Where) -> list[Problem]:
    active = f["status"].eq(STATUS_ACTIVE).fillna(False)
    other = f["status"].notna() & ~active
    closed = f["closed_on"].notna()
    found = []
    for value, row in zip(f.loc[active & closed, "closed_on"], f.loc[active & closed, ROW], strict=True):
        found.append(where(table, _header(table, "closed_on"), _d(value),
                           f"tình trạng '{STATUS_ACTIVE}' nhưng có ngày giải thể/ngừng hoạt động", int(row)))
    for value, row in zip(f.loc[other & ~closed, "status"], f.loc[other & ~closed, ROW], strict=True):
        found.append(where(table, _header(table, "closed_on"), None,
                           f"tình trạng '{value}' nhưng thiếu ngày giải thể/ngừng hoạt động", int(row)))
    return found


def _one_name_per_code(units: pd.DataFrame, where: Where) -> list[Problem]:
    found = []
    for code_col, name_col in (("district_code", "district_name"), ("province_code", "province_name")):
        sub = units.dropna(subset=[code_col, name_col])
        first = sub.drop_duplicates(code_col).set_index(code_col)[name_col]
        differs = sub[name_col].ne(sub[code_col].map(first))
        for code, name, row in zip(sub.loc[differs, code_col], sub.loc[differs, name_col],
                                   sub.loc[differs, ROW], strict=True):
            found.append(where("units", _header("units", name_col), name,
                               f"tên khác với tên đã ghi cho cùng mã '{code}' ('{first[code]}'); "
                               "dữ liệu được đối chiếu theo mã, hãy thống nhất cách viết", int(row)))
    return found


@dataclass(frozen=True)
class Rule:
    """One rule across rows or tables: the tables it reads, and whether it warns rather than errs.

    A loader may run each rule as soon as the tables it needs are read (``needs``), and must then
    put the problems together in :data:`RULES` order, as :func:`cross_checks` does.
    """

    needs: tuple[str, ...]
    check: Callable[[Mapping[str, pd.DataFrame], set[str], Where], list[Problem]]
    warning: bool = False


RULES: tuple[Rule, ...] = (
    *(Rule((table, *(t for t, _ in targets)), partial(_foreign_key, table=table, column=column, targets=targets))
      for table, column, targets in FOREIGN_KEYS),
    *(Rule((entry[0],), lambda f, c, w, entry=entry: _date_order(f, w, *entry)) for entry in DATE_ORDER),
    *(Rule((entry[0],), lambda f, c, w, entry=entry: _part_of_whole(f, w, *entry)) for entry in PART_OF_WHOLE),
    Rule(("cooperatives", "unions"), lambda f, c, w: id_collisions(f, w)),
    *(Rule((table,), lambda f, c, w, table=table: _status_vs_date_of(f, w, table), warning=True)
      for table in ("cooperatives", "unions")),
    Rule(("cooperatives",), lambda f, c, w: _coop_doubts(f, w), warning=True),
    *(Rule((table,), lambda f, c, w, table=table: _dated_flag_doubts(f, w, table), warning=True)
      for table in ("cooperatives", "unions")),
    Rule(("support", "cooperatives"), lambda f, c, w: _support_before_founding(f, w), warning=True),
    Rule(("units",), lambda f, c, w: _unit_names(f, w), warning=True),
)
REFERENCED: frozenset[str] = frozenset(t for _, _, targets in FOREIGN_KEYS for t, _ in targets)


def cross_checks(
    frames: Mapping[str, pd.DataFrame], complete: set[str], where: Where
) -> tuple[list[Problem], list[Problem]]:
    """All rules across rows and tables: (errors, warnings)."""
    found = [rule.check(frames, complete, where) for rule in RULES]
    return gather(found)


def gather(found: list[list[Problem]], rules: tuple[Rule, ...] = RULES) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) from the problems of each rule, given in *rules* order."""
    errors = [p for rule, problems in zip(rules, found, strict=True) if not rule.warning for p in problems]
    warnings = [p for rule, problems in zip(rules, found, strict=True) if rule.warning for p in problems]
    return errors, warnings
