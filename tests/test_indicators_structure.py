"""How the indicator package is put together: the metric registry and its declared parameters, the
engine's errors, the texts the engine writes into an assessment, and no import cycle inside the package."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from baocao.errors import BaocaoError
from baocao.indicators import METRICS, ComputeError, NoData, assess, register_metric
from baocao.indicators import text as vi
from baocao.indicators.filters import Env, condition_mask
from baocao.indicators.metrics import Param, check_params, parse_met_rule
from baocao.resources import sample_path

from conftest import ROOT, cycles, import_graph

BUILT_INS = {"share_communes_with", "share_of_rows", "count_rows", "rate_per_year", "growth", "ratio_of_sums",
             "latest_value", "rating_distribution", "qualitative_share", "qualitative_value",
             "stopped_not_dissolved"}  # fmt: skip


# --- the registry ---------------------------------------------------------------------------------


def test_importing_the_package_registers_every_built_in():
    assert BUILT_INS <= set(METRICS)
    assert {m for m in BUILT_INS if METRICS[m].commune_based} == {"share_communes_with"}


def test_a_metric_declares_its_parameters_in_its_signature():
    assert METRICS["rate_per_year"].params == (
        Param("table", True, None, "str"),
        Param("date", False, "founded_on", "str"),
        Param("where", False, None, "Mapping[str, Any] | None"),
        Param("since", False, None, "dt.date | None"),
    )
    for name in BUILT_INS:
        params = METRICS[name].params
        assert params and "ctx" not in [p.name for p in params]
        assert all(p.annotation for p in params), name  # every built-in parameter says its type


def test_a_plan_metric_declares_its_parameters_too():
    @register_metric("ind_test_declared")
    def declared(context, *, table: str, top: int = 3, **rest):
        return 1.0

    try:
        metric = METRICS["ind_test_declared"]
        assert metric.params == (Param("table", True, None, "str"), Param("top", False, 3, "int"))
        assert metric.param_names == ["table", "top"]
        check_params(metric, {"table": "cooperatives", "anything": 1})  # **rest takes any other key
        with pytest.raises(ComputeError, match="'ind_test_declared' cần tham số: table"):
            check_params(metric, {"top": 2})
    finally:
        METRICS.pop("ind_test_declared")


def test_check_params_names_the_declared_parameters():
    metric = METRICS["latest_value"]
    with pytest.raises(ComputeError) as err:
        check_params(metric, {"table": "fund", "column": "loans", "cot": 1})
    assert str(err.value) == ("tham số không dùng được với 'latest_value': cot; các tham số: "
                              + ", ".join(metric.param_names))
    with pytest.raises(ComputeError, match="'latest_value' cần tham số: table, column"):
        check_params(metric, {})


def test_growth_count_takes_the_parameters_of_count_rows(plan):
    data = _sample_data()
    bad = plan.model_copy(deep=True)
    bad.target("htx_thanh_vien").compute["count"]["khong_co"] = 1
    with pytest.raises(BaocaoError) as err:
        assess(bad, data, dt.date(2023, 6, 14), targets=["htx_thanh_vien"])
    assert "'count' chỉ nhận: " + ", ".join(sorted(METRICS["count_rows"].param_names)) in str(err.value)


# --- numbers written either way -------------------------------------------------------------------


def test_met_if_and_where_read_a_decimal_comma_or_point():
    assert parse_met_rule("share >= 50,5").right == parse_met_rule("share >= 50.5").right == 50.5
    env = Env(at=dt.date(2023, 6, 14), start=dt.date(2021, 1, 1))
    values = np.array([1.0, 1.234, 1.5, np.nan])
    comma = condition_mask(values, ">= 1,5", env, column="x")
    assert comma.tolist() == condition_mask(values, ">= 1.5", env, column="x").tolist() == [False, False, True, False]
    assert condition_mask(values, "= 1.234", env, column="x").tolist() == [False, True, False, False]  # not 1234


# --- errors ---------------------------------------------------------------------------------------


def test_engine_errors_are_baocao_errors():
    with pytest.raises(BaocaoError):
        parse_met_rule("share >> 1")
    with pytest.raises(ValueError):  # callers that caught ValueError still do
        parse_met_rule("share >> 1")
    assert issubclass(NoData, BaocaoError) and not issubclass(NoData, ValueError)


# --- texts ----------------------------------------------------------------------------------------


def test_the_engine_writes_the_texts_of_every_assessment(plan):
    found = assess(plan, _sample_data(), dt.date(2023, 6, 14))
    for a in found:
        texts = (a.value_text, a.target_text, a.percent_text, a.measure_text, a.path_text)
        assert texts == (vi.value_text(a), vi.target_text(a, plan.target(a.target_id)), vi.percent_text(a),
                         vi.measure_text(a), vi.path_text(a))
        assert all(texts)
        keys = list(a.to_dict())
        assert keys[-5:] == ["value_text", "target_text", "percent_text", "measure_text", "path_text"]
        assert "evidence_source" not in keys and "detail" not in keys
    assert any(a.classes for a in found) and any(a.kind == "qualitative" for a in found)


def _sample_data():
    from baocao.data import load_data

    return load_data(sample_path("du-lieu-mau.xlsx"))


# --- import graph ---------------------------------------------------------------------------------


def test_no_import_cycle_inside_the_indicators_package():
    graph = import_graph(ROOT / "src", "baocao.indicators")
    assert {"baocao.indicators.metrics.registry", "baocao.indicators.filters"} <= graph["baocao.indicators.engine"] | \
        graph["baocao.indicators.metrics.rows"]
    assert graph["baocao.indicators.model"] == set()  # the value types import no presentation
    assert cycles(graph) == []


def test_the_import_graph_sees_a_cycle_made_by_a_function_level_import(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .b import x\n")
    (pkg / "b.py").write_text("x = 1\n\ndef f():\n    from . import a\n")
    (pkg / "c.py").write_text("import pkg.a\n")
    graph = import_graph(tmp_path, "pkg")
    assert graph["pkg.c"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.b"]]
