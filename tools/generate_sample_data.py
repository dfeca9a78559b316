#!/usr/bin/env python
"""Generate the synthetic data workbook (dữ liệu giả lập) for the Đắk Nông 2021-2025 example.

    .venv/bin/python tools/generate_sample_data.py                       # sample_data/du-lieu-mau.xlsx
    .venv/bin/python tools/generate_sample_data.py --seed 7 --out /tmp/x.xlsx
    .venv/bin/python tools/generate_sample_data.py --scale national --out /tmp/national.xlsx
    .venv/bin/python tools/generate_sample_data.py --plan PLAN.yaml --out /tmp/du-lieu.xlsx   # a plan's own tables

Administrative units are real: Đắk Nông's 8 districts and 71 communes before the 1 July 2025
reorganisation, from the ``vietnam-provinces`` 0.6.0 package; the old -> new commune mapping comes
from ``vietnamadminunits``. Both are generation-time tools only: baocao never imports them.
Everything else (cooperatives, ratings, groups, households, fund, training, support) is random but
seeded and shaped so that by the end of 2025 some of the plan's targets are met and some are not.
``--scale national`` keeps the same shapes over every commune of the country (~35,000 HTX,
~150,000 THT): a benchmark input, not committed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from baocao.data.schema import (  # noqa: E402
    AGRICULTURE,
    RATING_MIN_POINTS,
    RATINGS,
    STATUS_ACTIVE,
    STATUS_DISSOLVED,
    STATUS_STOPPED,
    TABLE_BY_NAME,
    TABLES,
    Table,
    describe,
)
from baocao.data.write import write_workbook  # noqa: E402
from baocao.vnformat import nfc  # noqa: E402

DEFAULT_SEED = 20210511  # the seed plan's date
DEFAULT_OUT = ROOT / "sample_data" / "du-lieu-mau.xlsx"
DAK_NONG = 67
END = np.datetime64("2025-12-31")
YEARS = np.arange(2020, 2026)  # yearly tables: baseline 2020 + the plan's five years
SUPPORT_YEARS = (2012, 2025)


@dataclass(frozen=True)
class Scale:
    """Sizes and target shapes of one generated workbook."""

    name: str
    province_code: int | None  # None = every province
    htx_before_2021: int
    new_htx_per_year: float
    unions_before_2021: int
    new_unions: tuple[int, ...]  # per year 2021..2025
    groups: int
    htx_coverage_xa: float  # share of xã with an active HTX at end-2025
    effective_coverage_xa: float  # share of xã with an effective HTX at end-2025
    linkage_coverage_xa: float
    ocop_share: float  # of HTX active at end-2025
    model_htx: int
    alliance_2020_share: float
    alliance_growth: float
    supported_2012_2020_share: float
    supported_2021_2025_share: float


SAMPLE = Scale("sample", DAK_NONG, 262, 27.4, 2, (1, 0, 1, 0, 1), 420,
               0.93, 0.78, 0.55, 0.115, 5, 0.45, 1.4, 0.42, 0.5)
NATIONAL = Scale("national", None, 26_500, 1_700, 80, (20, 22, 25, 27, 30), 150_000,
                 0.93, 0.78, 0.55, 0.08, 300, 0.40, 1.4, 0.42, 0.5)
SCALES = {s.name: s for s in (SAMPLE, NATIONAL)}

AGRI_WORDS = ("Nông nghiệp", "Nông nghiệp dịch vụ", "Dịch vụ nông nghiệp", "Cà phê", "Hồ tiêu", "Sầu riêng",
              "Mắc ca", "Chăn nuôi", "Rau an toàn", "Nông lâm nghiệp", "Cây ăn quả", "Chanh dây")
OTHER_WORDS = {
    "Công nghiệp - tiểu thủ công nghiệp": ("Tiểu thủ công nghiệp", "Mây tre đan", "Dệt thổ cẩm", "Chế biến gỗ"),
    "Thương mại - dịch vụ": ("Thương mại dịch vụ", "Dịch vụ tổng hợp"),
    "Giao thông vận tải": ("Vận tải", "Vận tải hành khách"),
    "Xây dựng": ("Xây dựng",),
    "Tín dụng": ("Quỹ tín dụng nhân dân",),
    "Môi trường": ("Vệ sinh môi trường",),
    "Khác": ("Dịch vụ",),
}
SECTOR_WEIGHTS = {AGRICULTURE: 0.68, "Công nghiệp - tiểu thủ công nghiệp": 0.07, "Thương mại - dịch vụ": 0.09,
                  "Giao thông vận tải": 0.05, "Xây dựng": 0.04, "Tín dụng": 0.02, "Môi trường": 0.03, "Khác": 0.02}
BRANDS = ("Thành Công", "Hưng Thịnh", "Tân Tiến", "Đoàn Kết", "Thắng Lợi", "Bình Minh", "An Phát", "Công Bằng",
          "Phú Lộc", "Xanh", "Hòa Bình", "Quyết Thắng", "Đồng Tâm", "Tiến Phát", "Hợp Nhất", "Thịnh Vượng")
PRODUCTS = ("Cà phê", "Hồ tiêu", "Sầu riêng", "Mắc ca", "Bơ", "Chanh dây", "Lúa", "Điều", "Ca cao", "Rau an toàn",
            "Khoai lang", "Gà thả vườn", "Mật ong", "Dược liệu")
SUPPORT_KINDS = ("Bồi dưỡng nguồn nhân lực", "Xúc tiến thương mại, mở rộng thị trường",
                 "Ứng dụng khoa học, kỹ thuật và công nghệ mới", "Tiếp cận vốn, Quỹ hỗ trợ phát triển HTX",
                 "Thành lập mới, tổ chức lại hoạt động", "Đưa cán bộ trẻ tốt nghiệp về làm việc tại HTX",
                 "Đầu tư kết cấu hạ tầng", "Hỗ trợ chế biến sản phẩm")


# ---------------------------------------------------------------------------------------------
# Administrative units (vietnam-provinces 0.6.0) and the 2025 mapping (vietnamadminunits)
# ---------------------------------------------------------------------------------------------


def unit_type(name: str) -> str:
    """Xã / Phường / Thị trấn from the unit's name (the package's field says "xã" for all)."""
    for prefix in ("Thị trấn", "Phường", "Xã"):
        if name.startswith(prefix + " "):
            return prefix
    raise ValueError(f"unknown unit type in {name!r}")


def load_units(province_code: int | None) -> pd.DataFrame:
    """District- and commune-level units before the 2025 reorganisation."""
    import vietnam_provinces

    if vietnam_provinces.__version__ != "0.6.0":
        raise SystemExit(f"need vietnam-provinces==0.6.0, found {vietnam_provinces.__version__}")
    nested = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    rows = []
    for p in nested:
        if province_code is not None and p["code"] != province_code:
            continue
        for d in p["districts"]:
            for w in d["wards"]:
                rows.append({
                    "province_code": f"{p['code']:02d}", "province_name": nfc(p["name"]),
                    "district_code": f"{d['code']:03d}", "district_name": nfc(d["name"]),
                    "commune_code": f"{w['code']:05d}", "commune_name": nfc(w["name"]),
                    "commune_type": unit_type(nfc(w["name"])),
                })
    return pd.DataFrame(rows)


def load_commune_map(units: pd.DataFrame) -> pd.DataFrame:
    """Old commune -> post-1/7/2025 commune, for the old communes in *units*."""
    import vietnamadminunits
    from vietnamadminunits.database import query

    conv = json.loads((Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json").read_text("utf-8"))
    old = {f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}": r["wardCode"]
           for r in query("SELECT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy")}
    new = {(r["provinceKey"], r["wardKey"]): r
           for r in query("SELECT provinceKey, province, provinceCode, wardKey, ward, wardCode, wardType FROM admin_units")}
    pairs = []
    for prov, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in wards.items():
            pairs += [(prov, k, new_key, True) for k in old_keys]
    for prov, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in olds.items():
            pairs += [(prov, old_key, t["newWardKey"], bool(t["isDefaultNewWard"])) for t in targets]
    names = dict(zip(units["commune_code"], units["commune_name"], strict=True))
    rows = []
    for prov, old_key, new_key, default in pairs:
        code, target = old.get(old_key), new.get((prov, new_key))
        if not code or target is None or f"{int(code):05d}" not in names:
            continue
        old_code = f"{int(code):05d}"
        rows.append({
            "old_commune_code": old_code, "old_commune_name": names[old_code],
            "new_commune_code": f"{int(target['wardCode']):05d}", "new_commune_name": nfc(target["ward"]),
            "new_commune_type": nfc(target["wardType"]),
            "new_province_code": f"{int(target['provinceCode']):02d}", "new_province_name": nfc(target["province"]),
            "is_default": default,
        })
    frame = pd.DataFrame(rows).drop_duplicates(["old_commune_code", "new_commune_code"])
    return frame.sort_values(["old_commune_code", "new_commune_code"], ignore_index=True)


# ---------------------------------------------------------------------------------------------
# Random helpers (numpy Generator only: deterministic for a seed)
# ---------------------------------------------------------------------------------------------


def rand_dates(rng: np.random.Generator, start, end, n: int | None = None) -> np.ndarray:
    """Uniform dates in [start, end] (scalars or arrays of datetime64[D])."""
    start = np.asarray(start, dtype="datetime64[D]")
    end = np.asarray(end, dtype="datetime64[D]")
    span = (end - start).astype(int) + 1
    size = n if n is not None else np.broadcast(start, end).shape
    return start + (rng.random(size) * span).astype(int).astype("timedelta64[D]")


def year_of(d: np.ndarray) -> np.ndarray:
    return d.astype("datetime64[Y]").astype(int) + 1970


def year_start(year) -> np.ndarray:
    """1 January of *year* (scalar or array) as datetime64[D]."""
    return (np.asarray(year) - 1970).astype("datetime64[Y]").astype("datetime64[D]")


def year_end(year) -> np.ndarray:
    """31 December of *year*."""
    return year_start(np.asarray(year) + 1) - np.timedelta64(1, "D")


def pick(rng: np.random.Generator, options: Sequence[str], n: int, p=None) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.choice(len(options), size=n, p=p)]


def dedupe(names: pd.Series, extra: pd.Series) -> pd.Series:
    """Make names unique: append the place, then a number."""
    names = names.where(~names.duplicated(keep="first"), names + " " + extra)
    n = names.groupby(names).cumcount()
    return names.where(n == 0, names + " " + (n + 1).astype(str))


def short_place(commune_names: pd.Series) -> pd.Series:
    return commune_names.str.replace(r"^(Xã|Phường|Thị trấn) ", "", regex=True)


# ---------------------------------------------------------------------------------------------
# Simulation
# ---------------------------------------------------------------------------------------------


def simulate(units: pd.DataFrame, scale: Scale, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Every table except the unit list and the 2025 mapping."""
    units = units.reset_index(drop=True)
    n_units = len(units)
    is_xa = units["commune_type"].eq("Xã").to_numpy()
    busy = rng.lognormal(0.0, 0.6, n_units)

    # Which xã end 2025 with an active HTX, and which with an effective one.
    xa_idx = np.flatnonzero(is_xa)
    order = rng.permutation(xa_idx)
    covered_xa = order[: int(round(scale.htx_coverage_xa * len(xa_idx)))]
    effective_xa = order[: int(round(scale.effective_coverage_xa * len(xa_idx)))]
    covered = np.concatenate([covered_xa, np.flatnonzero(~is_xa)])
    effective_units = np.zeros(n_units, bool)
    effective_units[effective_xa] = True
    effective_units[~is_xa] = rng.random((~is_xa).sum()) < 0.8

    coops = _cooperatives(units, covered, busy, scale, rng)
    unions = _unions(units, covered, scale, rng)
    ratings, coops, unions = _ratings(coops, unions, effective_units, rng)
    coops = _coop_attributes(coops, ratings, units, scale, rng)
    return {
        "cooperatives": coops.drop(columns=["unit", "latent"]),
        "ratings": ratings,
        "unions": unions.drop(columns=["unit", "latent"]),
        "groups": _groups(units, busy, scale, rng),
        "households": _households(units, rng),
        "linkage_models": _linkage(units, coops, scale, rng),
        "fund": _fund(scale, rng),
        "training": _training(coops, rng),
        "support": _support(coops, scale, rng),
    }


def _lifetimes(n: int, founded: np.ndarray, p_close_before: float, p_close_after: float,
               rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Closing dates (NaT = active at END) and statuses."""
    closed = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    u = rng.random(n)
    old = founded < np.datetime64("2020-01-01")
    before = old & (u < p_close_before)
    after = (u >= p_close_before) & (u < p_close_before + p_close_after)
    lo = founded + np.timedelta64(400, "D")
    closed[before] = rand_dates(rng, lo[before], np.datetime64("2020-12-31"))
    lo_after = np.maximum(lo[after], np.datetime64("2021-01-01"))
    closed[after] = rand_dates(rng, np.minimum(lo_after, END), END)
    status = np.where(np.isnat(closed), STATUS_ACTIVE,
                      np.where(rng.random(n) < 0.8, STATUS_DISSOLVED, STATUS_STOPPED)).astype(object)
    return closed, status


def _founding_years(scale: Scale, rng: np.random.Generator) -> np.ndarray:
    weights = np.linspace(0.3, 1.6, 2020 - 1997 + 1) ** 2
    old = rng.choice(np.arange(1997, 2021), size=scale.htx_before_2021, p=weights / weights.sum())
    per_year = rng.poisson(scale.new_htx_per_year, 5)
    per_year = np.round(per_year * (5 * scale.new_htx_per_year / per_year.sum())).astype(int)
    return np.concatenate([old, np.repeat(np.arange(2021, 2026), per_year)])


def _cooperatives(units: pd.DataFrame, covered: np.ndarray, busy: np.ndarray, scale: Scale,
                  rng: np.random.Generator) -> pd.DataFrame:
    years = _founding_years(scale, rng)
    n = len(years)
    founded = rand_dates(rng, year_start(years), np.minimum(year_end(years), END))
    founded.sort()
    closed, status = _lifetimes(n, founded, 0.22, 0.10, rng)
    sector = pick(rng, list(SECTOR_WEIGHTS), n, p=np.array(list(SECTOR_WEIGHTS.values())))

    # Communes: every covered commune gets one HTX active at END, then by weight. Some covered
    # communes get their first HTX only after 2020, so coverage grows over the plan period.
    unit = np.full(n, -1)
    late = rng.permutation(covered)[: int(round(0.12 * len(covered)))]
    early = np.setdiff1d(covered, late)
    new = founded > np.datetime64("2020-12-31")
    active = np.isnat(closed)
    for pool, who in ((early, rng.permutation(np.flatnonzero(active & ~new))),
                      (late, rng.permutation(np.flatnonzero(active & new)))):
        first = min(len(who), len(pool))
        unit[who[:first]] = rng.permutation(pool)[:first]
    rest = np.flatnonzero(active & (unit == -1))
    w_all = busy[covered] / busy[covered].sum()
    w_early = np.where(np.isin(covered, early), busy[covered], 0.0)
    w_early /= w_early.sum()
    unit[rest] = np.where(new[rest], rng.choice(covered, size=len(rest), p=w_all),
                          rng.choice(covered, size=len(rest), p=w_early))
    gone = np.flatnonzero(~active)
    outside = np.ones(len(units), bool)
    outside[late] = False
    w_gone = np.where(outside, busy, 0.0)
    unit[gone] = rng.choice(len(units), size=len(gone), p=w_gone / w_gone.sum())

    place = short_place(units["commune_name"]).to_numpy()[unit]
    word = np.array([rng.choice(AGRI_WORDS) if s == AGRICULTURE else rng.choice(OTHER_WORDS[s]) for s in sector])
    brand = np.where(rng.random(n) < 0.5, place, pick(rng, BRANDS, n))
    names = pd.Series([f"{w} {b}" if w.startswith("Quỹ") else f"HTX {w} {b}" for w, b in zip(word, brand)])
    return pd.DataFrame({
        "coop_id": [f"HTX{i + 1:05d}" for i in range(n)],
        "name": dedupe(names, pd.Series(place)),
        "commune_code": units["commune_code"].to_numpy()[unit],
        "sector": sector,
        "founded_on": founded,
        "closed_on": closed,
        "status": status,
        "unit": unit,
    })


def _unions(units: pd.DataFrame, covered: np.ndarray, scale: Scale, rng: np.random.Generator) -> pd.DataFrame:
    old_years = rng.choice(np.arange(2012, 2021), size=scale.unions_before_2021)
    years = np.concatenate([old_years, np.repeat(np.arange(2021, 2026), scale.new_unions)])
    n = len(years)
    founded = np.sort(rand_dates(rng, year_start(years), np.minimum(year_end(years), END)))
    closed, status = _lifetimes(n, founded, 0.1, 0.05, rng)
    unit = rng.choice(covered, size=n)
    province = units["province_name"].to_numpy()[unit]
    word = pick(rng, ("Nông nghiệp", "Cà phê", "Nông sản", "Dịch vụ tổng hợp", "Sầu riêng"), n)
    names = pd.Series([f"Liên hiệp HTX {w} {p.removeprefix('Tỉnh ').removeprefix('Thành phố ')}"
                       for w, p in zip(word, province)])
    return pd.DataFrame({
        "union_id": [f"LH{i + 1:04d}" for i in range(n)],
        "name": dedupe(names, pd.Series(short_place(units["commune_name"]).to_numpy()[unit])),
        "commune_code": units["commune_code"].to_numpy()[unit],
        "sector": np.where(rng.random(n) < 0.8, AGRICULTURE, "Thương mại - dịch vụ"),
        "founded_on": founded,
        "closed_on": closed,
        "status": status,
        "member_coops": rng.integers(3, 9, n),
        "value_chain": rng.random(n) < 0.5,
        "unit": unit,
    })


def _points_to_rating(points: np.ndarray) -> np.ndarray:
    bands = sorted(RATING_MIN_POINTS.items(), key=lambda kv: kv[1])
    out = np.full(points.shape, RATINGS[0], dtype=object)
    for rating, lo in bands:
        out[points >= lo] = rating
    return out


def _ratings(coops: pd.DataFrame, unions: pd.DataFrame, effective_units: np.ndarray,
             rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Yearly points and grades, persistent per HTX, improving over time (Circular 01/2020 bands)."""
    trend = 1.5
    frames = []
    for f in (coops, unions):
        latent = rng.normal(54.2, 12.8, len(f))
        weak_unit = ~effective_units[f["unit"].to_numpy()]
        latent[weak_unit] = np.minimum(latent[weak_unit], 56.0)  # no effective HTX there by 2025
        frames.append(latent)
    # Each unit meant to have an effective HTX gets one strong active HTX.
    c_ok = np.isnat(coops["closed_on"].to_numpy()) & (coops["founded_on"].to_numpy() < np.datetime64("2024-01-01"))
    strong = pd.Series(np.flatnonzero(c_ok)).groupby(coops["unit"].to_numpy()[c_ok]).first()
    strong = strong[effective_units[strong.index]]
    frames[0][strong.to_numpy()] = np.maximum(frames[0][strong.to_numpy()], 67.0)
    coops = coops.assign(latent=frames[0])
    unions = unions.assign(latent=frames[1])

    rows = []
    for ids, f in ((coops["coop_id"], coops), (unions["union_id"], unions)):
        founded, closed = f["founded_on"].to_numpy(), f["closed_on"].to_numpy()
        for year in YEARS:
            # Rated after 12 months of operation and while still operating at year end.
            ok = (founded <= year_end(year - 1)) & (np.isnat(closed) | (closed > year_end(year)))
            points = f["latent"].to_numpy()[ok] + trend * (year - 2025) + 7.5 + rng.normal(0, 4, ok.sum())
            weak = ~effective_units[f["unit"].to_numpy()[ok]]
            points[weak] = np.minimum(points[weak], 64.0)
            points = np.clip(np.round(points), 20, 98)
            rows.append(pd.DataFrame({"entity_id": ids.to_numpy()[ok], "year": year,
                                      "rating": _points_to_rating(points), "points": points}))
    ratings = pd.concat(rows, ignore_index=True).sort_values(["entity_id", "year"], ignore_index=True)
    return ratings, coops, unions


def _coop_attributes(coops: pd.DataFrame, ratings: pd.DataFrame, units: pd.DataFrame, scale: Scale,
                     rng: np.random.Generator) -> pd.DataFrame:
    n = len(coops)
    founded, closed = coops["founded_on"].to_numpy(), coops["closed_on"].to_numpy()
    active_end = np.isnat(closed)
    last = ratings[ratings["year"] == YEARS[-1]].set_index("entity_id")["rating"]
    good = coops["coop_id"].map(last).isin(("Khá", "Tốt")).to_numpy()
    agri = coops["sector"].eq(AGRICULTURE).to_numpy()

    # Value chain: mostly good agricultural HTX.
    chain = rng.random(n) < np.where(good & agri, 0.5, 0.08)

    # Alliance membership: share of HTX active at end-2020, grown by alliance_growth.
    active_2020 = (founded <= np.datetime64("2020-12-31")) & (np.isnat(closed) | (closed > np.datetime64("2020-12-31")))
    since = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    base = np.flatnonzero(active_2020)
    members = rng.choice(base, size=int(round(scale.alliance_2020_share * len(base))), replace=False)
    since[members] = rand_dates(rng, np.maximum(founded[members], np.datetime64("2014-01-01")),
                                np.datetime64("2020-12-31"))
    still = (~np.isnat(since)) & active_end
    target = int(round(scale.alliance_growth * len(members)))
    pool = np.flatnonzero(active_end & np.isnat(since))
    joins = rng.choice(pool, size=min(len(pool), max(0, target - still.sum())), replace=False)
    since[joins] = rand_dates(rng, np.maximum(founded[joins], np.datetime64("2021-01-01")), END)

    # OCOP: a few HTX, mostly agricultural and good; first star year 2019-2025.
    w = np.where(active_end, 1.0, 0.0) * np.where(agri, 3.0, 0.5) * np.where(good, 3.0, 1.0)
    k = int(round(scale.ocop_share * active_end.sum()))
    ocop = rng.choice(n, size=k, replace=False, p=w / w.sum())
    products = np.zeros(n, dtype=object)
    products[:] = None
    stars = np.full(n, None, dtype=object)
    first_year = np.full(n, None, dtype=object)
    products[ocop] = np.minimum(rng.geometric(0.55, k), 5)
    stars[ocop] = rng.choice([3, 4, 5], size=k, p=[0.68, 0.29, 0.03])
    first_year[ocop] = np.maximum(rng.choice(np.arange(2019, 2026), size=k), year_of(founded[ocop]) + 1)
    keep = [fy is None or fy <= 2025 for fy in first_year]
    products[~np.array(keep)] = None
    stars[~np.array(keep)] = None
    first_year[~np.array(keep)] = None

    # Comprehensive-model HTX (Decision 167/QĐ-TTg): good agricultural HTX, spread over districts.
    model = np.zeros(n, bool)
    model_year = np.full(n, None, dtype=object)
    district = units["district_code"].to_numpy()[coops["unit"].to_numpy()]
    candidates = np.flatnonzero(good & agri & active_end & (founded < np.datetime64("2020-01-01")))
    candidates = candidates[rng.permutation(len(candidates))]
    seen: dict[str, int] = {}
    chosen = []
    for i in candidates:
        if seen.get(district[i], 0) < max(1, scale.model_htx // max(1, len(set(district))) + 1):
            seen[district[i]] = seen.get(district[i], 0) + 1
            chosen.append(i)
        if len(chosen) == scale.model_htx:
            break
    model[chosen] = True
    model_year[chosen] = rng.choice([2021, 2022, 2022, 2023, 2024], size=len(chosen))
    chain[chosen] = True

    def yes_no(p: float, boost: np.ndarray) -> np.ndarray:
        out = np.where(rng.random(n) < p * boost, True, False).astype(object)
        out[~active_end] = None  # unknown for HTX no longer operating
        return out

    return coops.assign(
        alliance_member_since=since,
        ocop_products=products,
        ocop_best_stars=stars,
        ocop_first_year=first_year,
        value_chain=chain,
        model_selected=model,
        model_year=model_year,
        trade_union=yes_no(0.06, np.where(good, 2.0, 1.0)),
        social_insurance=yes_no(0.2, np.where(good, 1.8, 1.0)),
    )


def _groups(units: pd.DataFrame, busy: np.ndarray, scale: Scale, rng: np.random.Generator) -> pd.DataFrame:
    n = scale.groups
    weights = np.linspace(0.2, 1.5, 2025 - 2008 + 1) ** 2
    years = rng.choice(np.arange(2008, 2026), size=n, p=weights / weights.sum())
    founded = np.sort(rand_dates(rng, year_start(years), np.minimum(year_end(years), END)))
    # Certification: more likely for recent groups (Decree 77/2019), often in the founding year.
    # Most certifications come with the 2021-2025 campaign, some right at founding.
    certified = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    will = rng.random(n) < 0.6
    at_founding = founded + rng.integers(0, 200, n).astype("timedelta64[D]")
    campaign = rand_dates(rng, np.datetime64("2017-01-01"), END, n)
    when = np.where(rng.random(n) < 0.3, at_founding, np.maximum(at_founding, campaign))
    certified[will] = when[will]
    certified[certified > END] = np.datetime64("NaT")
    unit = rng.choice(len(units), size=n, p=busy / busy.sum())
    place = short_place(units["commune_name"]).to_numpy()[unit]
    names = pd.Series([f"THT {p.lower()} thôn {v}" for p, v in zip(pick(rng, PRODUCTS, n), rng.integers(1, 13, n))])
    return pd.DataFrame({
        "group_id": [f"THT{i + 1:06d}" for i in range(n)],
        "name": dedupe(names, pd.Series(place)),
        "commune_code": units["commune_code"].to_numpy()[unit],
        "founded_on": founded,
        "certified_on": certified,
    })


def _households(units: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    kind = units["commune_type"].to_numpy()
    base = np.where(kind == "Xã", rng.integers(900, 3200, len(units)),
                    np.where(kind == "Thị trấn", rng.integers(400, 1200, len(units)), rng.integers(80, 600, len(units))))
    share = np.clip(rng.normal(0.31, 0.08, len(units)), 0.05, 0.8)
    rows = []
    for k, year in enumerate(YEARS):
        farm = np.round(base * (1.012**k)).astype(int)
        part = np.round(farm * np.clip(share + 0.021 * k + rng.normal(0, 0.01, len(units)), 0, 0.95)).astype(int)
        rows.append(pd.DataFrame({"commune_code": units["commune_code"], "year": year,
                                  "farm_households": farm, "participating_households": part}))
    return pd.concat(rows, ignore_index=True)


def _linkage(units: pd.DataFrame, coops: pd.DataFrame, scale: Scale, rng: np.random.Generator) -> pd.DataFrame:
    xa = np.flatnonzero(units["commune_type"].eq("Xã").to_numpy())
    others = np.flatnonzero(units["commune_type"].ne("Xã").to_numpy())
    chosen = rng.choice(xa, size=int(round(scale.linkage_coverage_xa * len(xa))), replace=False)
    chosen = np.concatenate([chosen, rng.choice(others, size=len(others) // 3, replace=False)])
    n_models = 1 + (rng.random(len(chosen)) < 0.3)
    unit = np.repeat(chosen, n_models)
    n = len(unit)
    early = rng.random(n) < 0.3
    started = np.where(early, rand_dates(rng, np.datetime64("2016-01-01"), np.datetime64("2020-12-31"), n),
                       rand_dates(rng, np.datetime64("2021-01-01"), np.datetime64("2025-10-31"), n))
    ended = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    stop = early & (rng.random(n) < 0.25)
    ended[stop] = rand_dates(rng, started[stop] + np.timedelta64(365, "D"), np.datetime64("2023-12-31"))
    # A second model of a commune must not be its only one: keep the first model running.
    first_of_unit = ~pd.Series(unit).duplicated().to_numpy()
    ended[first_of_unit] = np.datetime64("NaT")
    active = coops[coops["closed_on"].isna()]
    lead_by_unit = active.groupby("unit")["coop_id"].first()
    lead = pd.Series(unit).map(lead_by_unit)
    lead_founded = lead.map(coops.set_index("coop_id")["founded_on"]).to_numpy()
    lead = lead.to_numpy(dtype=object)
    lead[(rng.random(n) < 0.2) | ~(lead_founded <= started)] = None
    product = pick(rng, PRODUCTS, n)
    place = short_place(units["commune_name"]).to_numpy()[unit]
    order = np.argsort(started, kind="stable")
    frame = pd.DataFrame({
        "name": [f"Liên kết sản xuất - tiêu thụ {p.lower()} {q}" for p, q in zip(product, place)],
        "commune_code": units["commune_code"].to_numpy()[unit],
        "product": product,
        "lead_coop_id": lead,
        "started_on": started,
        "ended_on": ended,
    }).iloc[order].reset_index(drop=True)
    frame.insert(0, "model_id", [f"LK{i + 1:05d}" for i in range(len(frame))])
    return frame


def _fund(scale: Scale, rng: np.random.Generator) -> pd.DataFrame:
    factor = 1.0 if scale.name == "sample" else 60.0
    lending = np.array([8_500, 10_200, 12_800, 15_600, 18_400, 21_300.0]) * factor
    lending = np.round(lending * rng.normal(1, 0.01, len(YEARS)), 0)
    return pd.DataFrame({
        "year": YEARS,
        "charter_capital": np.array([10_000, 12_000, 15_000, 18_000, 20_000, 23_000.0]) * factor,
        "preferential_lending_capital": lending,
        "outstanding_loans": np.round(lending * rng.uniform(0.78, 0.92, len(YEARS)), 0),
        "loan_count": np.round(lending / rng.uniform(230, 280, len(YEARS))).astype(int),
        "dedicated_staff": np.array([0, 0, 1, 2, 2, 3]) * (1 if scale.name == "sample" else 40),
    })


def _training(coops: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    founded, closed = coops["founded_on"].to_numpy(), coops["closed_on"].to_numpy()
    totals = []
    for year in YEARS:
        end = year_end(year)
        active = (founded <= end) & (np.isnat(closed) | (closed > end))
        totals.append(int(active.sum() * 31 + rng.integers(0, 200)))
    totals = np.array(totals)
    informed = np.array([0.82, 0.86, 0.9, 0.94, 0.97, 1.0])
    trained = np.array([0.45, 0.55, 0.63, 0.72, 0.8, 0.86])
    return pd.DataFrame({"year": YEARS, "staff_total": totals,
                         "staff_informed": np.round(totals * informed).astype(int),
                         "staff_trained": np.round(totals * trained).astype(int)})


def _support(coops: pd.DataFrame, scale: Scale, rng: np.random.Generator) -> pd.DataFrame:
    founded_y = year_of(coops["founded_on"].to_numpy())
    closed = coops["closed_on"].to_numpy()
    closed_y = np.where(np.isnat(closed), 9999, year_of(np.where(np.isnat(closed), END, closed)))
    rows = []
    for (lo, hi), share in (((2012, 2020), scale.supported_2012_2020_share),
                            ((2021, 2025), scale.supported_2021_2025_share)):
        first = np.maximum(founded_y, lo)
        last = np.minimum(closed_y - 1, hi)
        pool = np.flatnonzero(first <= last)
        chosen = rng.choice(pool, size=int(round(share * len(pool))), replace=False)
        times = 1 + rng.poisson(0.7, len(chosen))
        idx = np.repeat(chosen, times)
        years = first[idx] + (rng.random(len(idx)) * (last[idx] - first[idx] + 1)).astype(int)
        amount = np.round(rng.lognormal(4.6, 0.8, len(idx)), 0)
        amount = np.where(rng.random(len(idx)) < 0.1, np.nan, amount)
        rows.append(pd.DataFrame({"coop_id": coops["coop_id"].to_numpy()[idx], "year": years,
                                  "kind": pick(rng, SUPPORT_KINDS, len(idx)), "amount": amount}))
    return pd.concat(rows).sort_values(["year", "coop_id"], kind="stable", ignore_index=True)


# ---------------------------------------------------------------------------------------------
# Workbook
# ---------------------------------------------------------------------------------------------


def intro_rows(scale: Scale, seed: int, units: pd.DataFrame, mapping: pd.DataFrame) -> list[list[object]]:
    """The "Giới thiệu" sheet: what the file is, where the units come from, what each sheet holds."""
    from importlib.metadata import version

    where = "tỉnh Đắk Nông" if scale.province_code == DAK_NONG else "toàn quốc (để đo tốc độ)"
    rows: list[list[object]] = [
        ["DỮ LIỆU GIẢ LẬP - KHÔNG PHẢI SỐ LIỆU THỐNG KÊ CHÍNH THỨC"],
        ["Nội dung", f"Dữ liệu giả lập phục vụ báo cáo thực hiện Kế hoạch 188/KH-LMHTX, {where}, "
                     "giai đoạn 2021 - 2025 (số liệu đến 31/12/2025)."],
        ["Tạo bởi", f"tools/generate_sample_data.py --seed {seed} --scale {scale.name}"],
        ["Đơn vị hành chính", f"Có thật, trước sắp xếp 01/7/2025: {units['district_code'].nunique()} đơn vị cấp huyện, "
                              f"{len(units)} đơn vị cấp xã; nguồn: gói vietnam-provinces "
                              f"{version('vietnam-provinces')} (dữ liệu ngày 04/01/2025)."],
        ["Chuyển đổi xã 2025", f"{len(mapping)} dòng xã cũ -> xã mới; nguồn: gói vietnamadminunits "
                               f"{version('vietnamadminunits')}."],
        ["Các số liệu khác", "Ngẫu nhiên (có hạt giống cố định), chỉ để thử nghiệm và minh họa."],
        ["Quy ước", "Dòng 1 là tiêu đề; mỗi dòng một bản ghi; ngày ghi ngày/tháng/năm; tiền: triệu đồng; "
                    "ô trống = chưa có/không áp dụng; đối chiếu theo mã, không theo tên."],
        [],
        ["Trang tính", "Nội dung"],
    ]
    rows += [[t.sheet, t.title] for t in TABLES]
    rows += [[], ["Trang tính / Cột", "Kiểu dữ liệu, ghi chú", "Bắt buộc"]]
    for t in TABLES:
        rows += [[t.sheet]] + [[f"    {c.header}", describe(c), "có" if c.required else ""] for c in t.columns]
    return rows


def generate(scale: Scale, seed: int) -> tuple[dict[str, pd.DataFrame], list[list[object]]]:
    """All tables and the intro rows for *scale* and *seed*."""
    rng = np.random.default_rng(seed)
    units = load_units(scale.province_code)
    mapping = load_commune_map(units)
    frames = {"units": units, "commune_map_2025": mapping, **simulate(units, scale, rng)}
    flag_rng = np.random.default_rng([seed, 1])  # own stream: adding dates changes no other value
    for table in ("cooperatives", "unions"):
        frames[table] = flag_dates(frames[table], TABLE_BY_NAME[table], flag_rng)
    return frames, intro_rows(scale, seed, units, mapping)


def flag_dates(frame: pd.DataFrame, table: Table, rng: np.random.Generator) -> pd.DataFrame:
    """A "since" date for every "Có" of a dated yes/no column: after founding (and not before 2016),
    before closing or the end of 2025, so earlier cut-offs see fewer flags."""
    founded = frame["founded_on"].to_numpy(dtype="datetime64[D]")
    closed = frame["closed_on"].to_numpy(dtype="datetime64[D]")
    last = np.where(np.isnat(closed), END, closed - np.timedelta64(1, "D"))
    first = np.maximum(founded, np.datetime64("2016-01-01"))
    out = {}
    for col in table.columns:
        if col.dated_by is None:
            continue
        yes = frame[col.name].to_numpy(dtype=object) == True  # noqa: E712 - object column of True/False/None
        since = np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[D]")
        since[yes] = rand_dates(rng, np.minimum(first[yes], last[yes]), last[yes])
        out[col.dated_by] = since
    return frame.assign(**out)


def plan_workbook(plan_path: Path, seed: int, rows: int, scale: Scale):
    """Frames, intro rows and tables of a plan's workbook: its declared tables (synthetic rows from their
    declaration), plus the built-in ones unless the plan says ``builtin: false``."""
    from baocao.data import schema_for
    from baocao.data.synthetic import synthetic_tables
    from baocao.indicators.plan_check import load_plan

    plan = load_plan(plan_path)
    frames, intro = generate(scale, seed) if plan.data.builtin else ({}, [])
    frames = {**frames, **synthetic_tables(plan, rows=rows, seed=seed, existing=frames)}
    intro = [["Dữ liệu giả lập", f"Sinh từ phần 'data:' của {plan_path.name} (tools/generate_sample_data.py "
              f"--plan, seed {seed}); chỉ để thử, không phải số liệu thật."], *intro[1:]]
    return frames, intro, schema_for(plan).tables


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--scale", choices=sorted(SCALES), default="sample")
    parser.add_argument("--out", type=Path, help=f"output .xlsx (default for sample: {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output file")
    parser.add_argument("--plan", type=Path, help="also the tables this plan file declares (data:); needs --out")
    parser.add_argument("--rows", type=int, default=60, help="rows per declared table (default 60)")
    args = parser.parse_args(argv)
    if args.out is None and (args.scale != "sample" or args.plan):
        parser.error("--scale national and --plan need --out (the file is not the bundled sample)")
    out = args.out or DEFAULT_OUT
    if args.plan:
        frames, intro, tables = plan_workbook(args.plan, args.seed, args.rows, SCALES[args.scale])
        write_workbook(frames, out, intro=intro, overwrite=args.force, tables=tables)
    else:
        frames, intro = generate(SCALES[args.scale], args.seed)
        write_workbook(frames, out, intro=intro, overwrite=args.force)
    sizes = ", ".join(f"{k}={len(v)}" for k, v in frames.items())
    print(f"{out}: {out.stat().st_size / 1e6:.2f} MB; {sizes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
