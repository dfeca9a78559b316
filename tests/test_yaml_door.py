"""YAML files checked at the door: limits, tags, aliases, numbers and characters, each refused with its place."""

from __future__ import annotations

import pytest

from baocao import yamlfile
from baocao.errors import InputError
from baocao.plan.io import dump_plan_text, load_plan, parse_plan
from baocao.report.narrative import parse_narrative

from conftest import SAMPLE_PLAN

TEXT = SAMPLE_PLAN.read_text(encoding="utf-8")
RECIPIENT = '  - "UBND tỉnh Đắk Nông (b/c)"'
CLOSING = 'closing: "Trên đây'


def refused(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse_plan(text, "kh.yaml")
    return info.value


def only(err: InputError):
    assert len(err.problems) == 1, str(err)
    return err.problems[0]


@pytest.mark.parametrize("escape, name", [("\\a", "U+0007 (BEL)"), ("\\f", "U+000C (FF"), ("\\r", "U+000D (CR"),
                                          ("\\n", "U+000A (LF"), ("\\t", "U+0009 (TAB)"), ("\\0", "U+0000 (NUL)"),
                                          ("\\e", "U+001B (ESC)"), ("\\x9b", "U+009B")])
def test_control_characters_in_a_value_are_refused_with_key_path_and_line(escape, name):
    text = TEXT.replace(CLOSING, f'closing: "Trên{escape}đây', 1)
    problem = only(refused(text))
    assert problem.path == "closing" and problem.line == TEXT[:TEXT.index(CLOSING)].count("\n") + 1
    assert name in problem.message and "ở ký tự thứ 5" in problem.message


def test_a_recipient_holding_a_line_break_is_refused_at_load():
    problem = only(refused(TEXT.replace(RECIPIENT, '  - "UBND tỉnh\\nĐắk Nông (b/c)"', 1)))
    assert problem.path == "recipients[0]" and "LF" in problem.message


def test_python_tags_are_refused_not_constructed(tmp_path):
    marker = tmp_path / "ran"
    text = TEXT.replace(CLOSING, f'closing: !!python/object/apply:os.system ["touch {marker}"]\nx: "', 1)
    problem = only(refused(text))
    assert problem.path == "closing" and "!!python/object/apply:os.system" in problem.message
    assert not marker.exists()
    assert "thẻ YAML '!foo'" in only(refused(TEXT.replace(CLOSING, "closing: !foo x\nx: \"", 1))).message


def test_a_billion_laughs_file_is_refused_before_it_expands():
    lines = ['a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    for i in range(1, 10):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join([f'*{chr(96 + i)}'] * 9)}]")
    problem = only(refused("\n".join(lines)))
    assert "bí danh YAML" in problem.message and problem.line is not None


def test_an_alias_inside_itself_and_too_deep_nesting_are_refused():
    assert "vòng lặp" in only(refused("a: &x [1, *x]\n")).message
    deep = "a: " + "[" * (yamlfile.MAX_DEPTH + 5) + "]" * (yamlfile.MAX_DEPTH + 5)
    assert "lồng nhau quá sâu" in only(refused(deep)).message


def test_size_limits_are_checked_before_parsing(tmp_path):
    big = tmp_path / "lon.yaml"
    big.write_text("x: 1\n" * (yamlfile.MAX_YAML_BYTES // 4), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_plan(big)
    assert "giới hạn" in str(info.value) and str(big) in str(info.value)
    long_value = TEXT.replace(CLOSING, 'closing: "' + "x" * (yamlfile.MAX_VALUE_CHARS + 1), 1)
    assert only(refused(long_value)).path == "closing"


def test_a_5000_digit_number_is_refused_with_its_line():
    problem = only(refused(TEXT.replace("start: 2021", "start: " + "9" * 5000, 1)))
    assert problem.path == "horizon.start" and "số viết quá dài" in problem.message


@pytest.mark.parametrize("old, new, words", [
    ("date: 2021-05-11", "date: 20210511", "phải là ngày dạng YYYY-MM-DD"),
    ("start: 2021", "start: .nan", "số hữu hạn"),
    ("horizon:", "horizon: x: y", "dấu ':' không được đặt ở đây"),
    ("", "\nzz_cuoi: 'VT", "tệp kết thúc giữa chừng"),
])
def test_messages_from_pydantic_and_the_yaml_parser_are_vietnamese(old, new, words):
    message = str(refused(TEXT.replace(old, new, 1) if old else TEXT + new))
    assert words in message
    for english in ("Input should", "should have", "mapping values", "found unexpected", "Datetimes"):
        assert english not in message


def test_nel_and_other_yaml_line_breaks_survive_dump_and_load():
    plan = parse_plan(TEXT)
    for odd in ("\x85", "\u2028", "\u2029", "\u00a0", "\u200f"):
        changed = plan.model_copy(update={"closing": f"a{odd}b{odd}"})
        assert parse_plan(dump_plan_text(changed)).closing == f"a{odd}b{odd}"


def test_a_folded_paragraph_loses_only_its_final_line_break_and_a_literal_block_is_several_lines():
    narrative = parse_narrative('period: "2023"\nachievements:\n  - >\n    Dòng một\n    dòng hai\n', "n.yaml")
    assert narrative.achievements == ["Dòng một dòng hai"]
    with pytest.raises(InputError) as info:
        parse_narrative('period: "2023"\nachievements:\n  - |\n    Dòng một\n', "n.yaml")
    assert "LF" in str(info.value) and "achievements[0]" in str(info.value)
    assert "LF" in only(refused(TEXT.replace("archive: \"VT\"", "archive: |\n  VT\n", 1))).message


def test_a_note_may_hold_line_breaks_and_keeps_them_through_dump_and_load():
    plan = parse_plan(TEXT)
    spaced = plan.model_copy(deep=True)
    spaced.task_groups[0].tasks[0].note = "  thụt đầu dòng\n  - ý một  \n"
    assert parse_plan(dump_plan_text(spaced)) == spaced
    spaced.task_groups[0].tasks[0].text = "dòng một\ndòng hai"
    problem = only(refused(dump_plan_text(spaced)))
    assert problem.path == "task_groups[0].tasks[0].text" and "một dòng" in problem.message


@pytest.mark.parametrize("number", ["1.0e+400", ".inf", "-.Inf", ".nan", ".NaN", "1e400", '"1e400"'])
def test_numbers_that_are_not_finite_are_refused(number):
    text = TEXT.replace("\n                value: 90\n", f"\n                value: {number}\n", 1)
    problem = only(refused(text))
    assert problem.path.endswith(".value")
    assert "số hữu hạn" in problem.message or "không đọc được số" in problem.message  # text: the plan's number type
