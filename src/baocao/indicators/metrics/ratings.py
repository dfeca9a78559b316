"""Built-in metric of the rating round: the share of rated entities in each class of grades."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from baocao.data.schema import RATINGS

from ..filters import ENTITY_ID, year_end
from ..model import ClassValue, ComputeError, MetricResult, NoData
from .evidence import lazy_evidence
from .registry import Context, register_metric
from .rows import NOUNS


@register_metric("rating_distribution")
def rating_distribution(ctx: Context, *, classes: Mapping[str, Any], entities: Iterable[str] = ("cooperatives",),
                        noun: str | None = None) -> MetricResult:
    """% of the entities rated in the latest rating year ended by the cut-off, per class of grades.

    *classes* maps each class of the target to its grades (``kha_tot: [Tốt, Khá]``).
    """
    names = list(entities)
    spec = {k: [v] if isinstance(v, str) else list(v) for k, v in classes.items()}
    for key, grades in spec.items():
        bad = [g for g in grades if g not in RATINGS]
        if bad:
            raise ComputeError(f"lớp '{key}': xếp loại không hợp lệ {bad}; chọn trong {', '.join(RATINGS)}")
    wanted = set((ctx.target.classes or {}).keys())
    if wanted - set(spec):
        raise ComputeError(f"thiếu nhóm xếp loại cho: {', '.join(sorted(wanted - set(spec)))}")
    for name in names:
        if name not in ENTITY_ID:
            raise ComputeError(f"bảng '{name}' không có xếp loại")
    year, _ = ctx.grades()
    ratings = ctx.view("ratings")
    ids = np.concatenate([ctx.view(n).array(ENTITY_ID[n]) for n in names])
    mask = (ratings.array("year") == year) & np.asarray(pd.Index(ratings.array("entity_id")).isin(ids), dtype=bool)
    entity = ratings.array("entity_id")
    index = np.flatnonzero(mask)[~pd.Series(entity[mask]).duplicated().to_numpy()]
    mask = np.zeros(len(ratings), dtype=bool)
    mask[index] = True
    den = int(mask.sum())
    if den == 0:
        raise NoData(f"mẫu số bằng 0: không có {noun or 'HTX'} nào được xếp loại năm {year}")
    grade = ratings.array("rating")
    label = np.full(len(ratings), None, dtype=object)
    values: dict[str, ClassValue] = {}
    for key, grades in spec.items():
        hit = mask & np.asarray(pd.Index(grade).isin(grades), dtype=bool)
        label[hit] = key
        n = int(hit.sum())
        values[key] = ClassValue(value=100.0 * n / den, numerator=n)
    default_noun = ", ".join(NOUNS.get(n, n) for n in names)
    return MetricResult(
        value=next(iter(values.values())).value, denominator=den, unit="%", classes=values,
        evidence=lazy_evidence(ratings, mask, **{"class": label}), data_date=year_end(year),
        notes=(f"xếp loại theo kết quả năm {year}",), detail={"year": year, "noun": noun or default_noun},
    )
