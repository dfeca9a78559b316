"""``compute:`` entries are checked when the plan is loaded: every fault at once, with file, key path and line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import baocao
from baocao.cli import main_group
from baocao.errors import InputError
from baocao.plan.io import load_plan as load_without_compute

from conftest import SAMPLE_PLAN

SEED = SAMPLE_PLAN.read_text(encoding="utf-8")

# (text in the seed, its replacement, YAML path of the fault, words of the message)
FAULTS = [
    ("                  metric: rate_per_year\n                  table: unions\n",
     "                  metric: rate_per_yaer\n                  table: unions\n",
     "sections[1].blocks[1].blocks[1].targets[1].compute.metric", "cách tính (metric) 'rate_per_yaer' không có"),
    ("                  numerator: participating_households\n",
     "                  numerator: participating_household\n",
     "sections[1].blocks[1].blocks[0].targets[0].compute.numerator",
     "bảng 'households' không có cột 'participating_household'"),
    ("                  table: linkage_models\n", "                  table: linkage_model\n",
     "sections[1].blocks[1].blocks[1].targets[3].compute.table", "không có bảng 'linkage_model'"),
    ("where: {ocop_products: \">= 1\", ocop_first_year: \"<= cutoff_year\"}",
     "where: {ocop_product: \">= 1\", ocop_first_year: \"<= cutoff_year\"}",
     "sections[1].blocks[1].blocks[1].targets[4].compute.where.ocop_product", "không có cột 'ocop_product'"),
    ("                    where: {alliance_member_since: \"<= cutoff\"}\n",
     "                    where: {alliance_member_since: \"<= cutoff\"}\n                    distinc: coop_id\n",
     "sections[1].blocks[1].blocks[3].targets[0].compute.count.distinc", "tham số 'distinc' không dùng được"),
    ("                  numerator: staff_informed\n                  denominator: staff_total\n",
     "                  numerator: staff_informed\n",
     "sections[1].blocks[1].blocks[4].targets[0].compute", "'ratio_of_sums' cần tham số: denominator"),
    ("                  table: groups\n                  active_at_cutoff: true\n",
     "                  table: groups\n                  active_at_cutoff: true\n                  where: 5\n",
     "sections[1].blocks[1].blocks[3].targets[3].compute.where", "phải là bảng 'khóa: giá trị' hoặc để trống"),
    ("                  source_unit: triệu đồng\n",
     "                  source_unit: triệu đồng\n                  where: {loan_count: \">= 1\", year: 2.025}\n",
     "sections[1].blocks[1].blocks[6].targets[0].compute.where.year", "2.025 viết không có ngoặc kép"),
]


def _broken(tmp_path, faults=FAULTS):
    text = SEED
    for old, new, _path, _words in faults:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "ke-hoach-sai.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_the_seed_and_the_other_plan_load_whole():
    assert len(baocao.load_plan(SAMPLE_PLAN).targets()) == 20


def test_every_compute_fault_at_once_with_path_and_line(tmp_path):
    path, text = _broken(tmp_path)
    with pytest.raises(InputError) as err:
        baocao.load_plan(path)
    got = {p.path: p for p in err.value.problems}
    for _old, new, where, words in FAULTS:
        assert where in got, (where, sorted(got))
        assert words in got[where].message, got[where].message
        assert got[where].file == str(path)
        key = where.rsplit(".", 1)[-1]
        assert f"{key}:" in text.splitlines()[got[where].line - 1], (where, got[where].line)
    assert len(err.value.problems) == len(FAULTS)


def test_outline_refuses_the_plan_and_names_every_fault(tmp_path):
    path, _text = _broken(tmp_path)
    result = CliRunner().invoke(main_group, ["outline", str(path)])
    assert result.exit_code == 2
    for _old, _new, where, _words in FAULTS:
        assert where in result.output


def test_the_document_commands_load_without_computing(tmp_path):
    """Rendering a plan needs no metric: the light loader accepts what only the engine would refuse."""
    path, _text = _broken(tmp_path, FAULTS[:1])
    assert load_without_compute(path).target("lhhtx_thanh_lap_moi").compute["metric"] == "rate_per_yaer"
