"""Numbers written the Vietnamese way in a plan file: read as Vietnamese, or refused where written."""

from __future__ import annotations

import pytest

from baocao.errors import InputError
from baocao.plan.io import dump_plan_text, parse_plan

from conftest import FIXTURES

OTHER = (FIXTURES / "plan_other.yaml").read_text(encoding="utf-8")
ANCHOR = "            value: 40\n"


def _plan(value: str):
    assert OTHER.count(ANCHOR) == 1
    return parse_plan(OTHER.replace(ANCHOR, f"            value: {value}\n"), "kh.yaml")


@pytest.mark.parametrize("written, read", [('"6.600"', 6600), ('"2,5"', 2.5), ("2,5", 2.5),
                                           ('"1.234,5"', 1234.5), ('"12.000.000"', 12_000_000),
                                           ("6.600.000", 6_600_000), ("1.5", 1.5), ("0.125", 0.125),
                                           ("40", 40), ('"99,5"', 99.5)])
def test_vietnamese_numbers_are_read_as_vietnamese(written, read):
    plan = _plan(written)
    assert plan.target("htx_moi").value == read
    assert parse_plan(dump_plan_text(plan)).target("htx_moi").value == read


@pytest.mark.parametrize("written", ["6.600", "-1.250", "12.500"])
def test_an_unquoted_thousands_group_is_refused_where_it_is_written(written):
    with pytest.raises(InputError) as err:
        _plan(written)
    [p] = err.value.problems
    line = OTHER.index(ANCHOR)
    assert (p.file, p.path, p.line) == ("kh.yaml", "sections[0].blocks[0].targets[0].value",
                                        OTHER[:line].count("\n") + 1)
    assert f'"{written}"' in p.message and "YAML đọc là" in p.message


def test_unreadable_number_text_is_refused():
    with pytest.raises(InputError) as err:
        _plan('"bốn mươi"')
    [p] = err.value.problems
    assert p.path == "sections[0].blocks[0].targets[0].value" and "không đọc được số 'bốn mươi'" in p.message


def test_ranges_and_baselines_read_vietnamese_numbers_too():
    text = OTHER.replace('            kind: share\n            unit: "%"\n            value: 60\n',
                         '            kind: share\n            unit: "%"\n            comparator: range\n'
                         '            range: ["55,5", "60"]\n            baseline: {value: "1.200", date: 2025-12-31}\n')
    plan = parse_plan(text)
    assert plan.target("lien_ket").range == (55.5, 60.0)
    assert plan.target("lien_ket").baseline.value == 1200
    with pytest.raises(InputError) as err:
        parse_plan(text.replace('value: "1.200"', "value: 1.200"))
    assert [p.path for p in err.value.problems] == ["sections[0].blocks[0].targets[1].baseline.value"]
