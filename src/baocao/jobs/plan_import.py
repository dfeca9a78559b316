"""The plan import job: a plan or decision typed in Word read into a plan file (``baocao plan import``).

Nothing is written until the whole import is done and its plan file loads as any plan file loads, so the file
written always opens with ``baocao outline`` and an import that fails leaves no file behind. The plan file is
written atomically and an existing file is kept unless ``overwrite`` (the one "output exists" message of
:mod:`baocao.fileio`). What the import could not read with confidence is in the returned
:class:`~baocao.plan_import.result.ImportedPlan` (``uncertain``) and in the comment at the top of the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, OutputExistsError

if TYPE_CHECKING:
    from ..plan_import.result import ImportedPlan


def write_plan_import(source: str | os.PathLike[str], out_yaml: str | os.PathLike[str], *,
                      overwrite: bool = False) -> "ImportedPlan":
    """Import the Word document ``source`` and write its plan file to ``out_yaml``; return the import.

    Raises :class:`~baocao.errors.OutputExistsError` when ``out_yaml`` exists (unless ``overwrite``) or is the
    source itself, :class:`~baocao.errors.InputError` when ``source`` is not a readable plan or decision.
    """
    from ..fileio.atomic import check_free, write_text_file
    from ..plan_import import import_plan

    target = check_free(out_yaml, overwrite=overwrite)
    if target.resolve() == Path(source).expanduser().resolve():
        raise OutputExistsError(f"Tệp kế hoạch ghi ra trùng với văn bản Word nguồn: {target}. "
                                "Hãy chọn tên khác (ví dụ ke-hoach.yaml).")
    imported = import_plan(source)
    text = imported.to_yaml()
    try:
        imported.plan()
    except InputError as exc:  # the import made a plan file that does not load: say so, write nothing
        raise InputError(exc.problems, title=f"Kế hoạch đọc từ {Path(source).name} chưa hợp lệ nên chưa ghi "
                                             f"{target.name}; hãy báo lỗi này kèm văn bản Word") from None
    write_text_file(target, text, overwrite=overwrite)
    return imported
