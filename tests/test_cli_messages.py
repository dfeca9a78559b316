"""Every message the command line prints is Vietnamese, every failure has its exit code, no traceback."""

from __future__ import annotations

import ast
import errno
import importlib.util
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from baocao.cli import main_group
from baocao.cli.vietnamese import MESSAGES

from conftest import ROOT, SAMPLE_PLAN

DATA = ROOT / "sample_data" / "du-lieu-mau.xlsx"
ENGLISH = ("Usage:", "Options:", "Commands:", "Error:", "Missing", "Invalid value", "Show this message",
           "Show the version", "does not exist", "Try '", "required]", "default:", "Traceback", "...")


def commands(group: click.Group = main_group, prefix: tuple[str, ...] = ()):
    """Every command path of the CLI, groups included."""
    yield prefix
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            yield from commands(cmd, (*prefix, name))
        else:
            yield (*prefix, name)


def run(*args: str):
    return CliRunner().invoke(main_group, [str(a) for a in args])


def click_texts() -> set[str]:
    """Every text click words through gettext (``_("…")``, ``ngettext("…", "…", n)``), read from its source."""
    found: set[str] = set()
    folder = Path(importlib.util.find_spec("click").origin).parent
    for file in folder.glob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_every_text_click_words_is_translated():
    assert click_texts() - set(MESSAGES) == set()


@pytest.mark.parametrize("path", list(commands()), ids=lambda p: " ".join(p) or "baocao")
def test_help_is_vietnamese_and_shows_whole_summaries(path):
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Cách dùng:" in result.output and "Hiện hướng dẫn này rồi thoát." in result.output
    for english in ENGLISH:
        assert english not in result.output, english


def resolve(path: tuple[str, ...]) -> click.Command:
    cmd: click.Command = main_group
    for name in path:
        cmd = cmd.commands[name]  # type: ignore[attr-defined]
    return cmd


@pytest.mark.parametrize("path", [p for p in commands() if not isinstance(resolve(p), click.Group)], ids=" ".join)
def test_every_option_has_help(path):
    assert not [p.name for p in resolve(path).params if isinstance(p, click.Option) and not p.help]


@pytest.mark.parametrize("args, words", [
    (["report", SAMPLE_PLAN, DATA, "--out", "x"], "Thiếu tùy chọn '--period'"),
    (["indicators", SAMPLE_PLAN, "khong-co.xlsx", "--cutoff", "2023-06-14"], "Không tìm thấy 'khong-co.xlsx'"),
    (["returns", "collect", SAMPLE_PLAN, SAMPLE_PLAN, "--period", "2023-H1"], "là một tệp, cần một thư mục"),
    (["plan", SAMPLE_PLAN, "--out", "x", "--khong-co"], "Không có tùy chọn '--khong-co'"),
    (["khong-co-lenh"], "Không có lệnh 'khong-co-lenh'"),
    (["indicators", SAMPLE_PLAN, DATA], "Thiếu tùy chọn '--cutoff'"),
])
def test_click_errors_are_vietnamese_with_exit_code_2(args, words):
    result = run(*args)
    assert result.exit_code == 2 and words in result.output, result.output
    assert "Lỗi:" in result.output and "Cách dùng:" in result.output
    for english in ENGLISH:
        assert english not in result.output, english


def test_an_os_error_ends_in_a_vietnamese_message_and_exit_2(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("baocao.jobs.outputs.OutputFolder.render", full)
    result = run("appendix", SAMPLE_PLAN, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "ổ đĩa đã đầy" in result.output and str(tmp_path / "out") in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_a_bug_exits_1_with_a_hint_and_the_details_in_a_file(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))

    def bug(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("baocao.jobs.plan_docs.write_appendix", bug)
    result = run("appendix", SAMPLE_PLAN, "--out", tmp_path / "out")
    assert result.exit_code == 1 and "Lỗi nội bộ của baocao" in result.output and "báo lỗi" in result.output
    assert "Traceback" not in result.output
    (report,) = tmp_path.glob("baocao-loi-*.txt")
    assert "ZeroDivisionError: boom" in report.read_text(encoding="utf-8")


def test_ctrl_c_exits_130_without_a_traceback(tmp_path, monkeypatch):
    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("baocao.jobs.plan_docs.write_appendix", stop)
    result = run("appendix", SAMPLE_PLAN, "--out", tmp_path / "out")
    assert result.exit_code == 130 and "Đã dừng" in result.output


def test_a_narrative_for_another_period_is_named_by_its_file(tmp_path):
    narrative = ROOT / "sample_data" / "nhan-dinh" / "2023-H1.yaml"
    result = run("report", SAMPLE_PLAN, DATA, "--period", "2023", "--narrative", narrative, "--out", tmp_path / "o")
    assert result.exit_code == 2 and f"tệp {narrative}, mục period" in result.output
    assert "leadership=" not in result.output and len(result.output) < 400


def test_a_missing_returns_folder_leaves_no_output_folder(tmp_path):
    out = tmp_path / "moi" / "bao-cao"
    result = run("report", SAMPLE_PLAN, DATA, "--period", "2023", "--returns", tmp_path / "khong-co", "--out", out)
    assert result.exit_code == 2 and "không tìm thấy thư mục phiếu báo cáo" in result.output
    assert not (tmp_path / "moi").exists()
