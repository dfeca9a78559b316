"""Shared file I/O: one "output exists" message, worded for Python callers and for the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from baocao.cli import main_group
from baocao.errors import OutputExistsError
from baocao.plan.io import dump_plan
from baocao.plan.tasks_xlsx import export_tasks

from conftest import SAMPLE_PLAN


def test_python_callers_are_told_overwrite_true(plan, tmp_path):
    """Every writer refuses with the same message: the file, that it is kept, and ``overwrite=True``."""
    table, plan_file = tmp_path / "nv.xlsx", tmp_path / "kh.yaml"
    export_tasks(plan, table)
    dump_plan(plan, plan_file)
    messages = []
    for write, path in ((lambda: export_tasks(plan, table), table), (lambda: dump_plan(plan, plan_file), plan_file)):
        before = path.read_bytes()
        with pytest.raises(OutputExistsError) as exc:
            write()
        assert exc.value.paths == (path.absolute(),) and path.read_bytes() == before
        messages.append(str(exc.value).replace(str(path.absolute()), "X"))
    assert messages[0] == messages[1]
    assert messages[0] == ("Tệp đầu ra đã tồn tại: X. Tệp đã có được giữ nguyên; "
                           "hãy chọn tên khác hoặc cho phép ghi đè (overwrite=True).")


def test_command_line_users_are_told_the_option(tmp_path):
    xlsx = tmp_path / "nv.xlsx"
    xlsx.write_bytes(b"")
    result = CliRunner().invoke(main_group, ["tasks", "export", str(SAMPLE_PLAN), "--xlsx", str(xlsx)])
    assert result.exit_code == 2 and xlsx.read_bytes() == b""
    assert str(xlsx) in result.stderr and "cho phép ghi đè (--overwrite)" in result.stderr
    assert "overwrite=True" not in result.stderr
