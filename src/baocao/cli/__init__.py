"""The ``baocao`` command line. Every message is Vietnamese; heavy imports happen inside commands."""

from __future__ import annotations

import click

from .common import fail, main_group
from . import check_cmds  # noqa: F401  (registers commands)
from . import demo_cmds  # noqa: F401  (registers commands)
from . import indicators_cmds  # noqa: F401  (registers commands)
from . import plan_cmds  # noqa: F401  (registers commands)
from . import report_cmds  # noqa: F401  (registers commands)
from . import returns_cmds  # noqa: F401  (registers commands)
from . import tasks_cmds  # noqa: F401  (registers commands)
from . import template_cmds  # noqa: F401  (registers commands)


def main() -> None:
    """Entry point of the ``baocao`` console script (failures outside a command end as inside one)."""
    try:
        main_group(prog_name="baocao")
    except BaseException as exc:  # noqa: BLE001 - see baocao.cli.common.fail
        fail(exc)


__all__ = ["main", "main_group"]
