"""Putting a finished file at its final path: the one "output exists" message and the no-clobber move.

* ``overwrite=True``: :func:`os.replace` (atomic on POSIX and Windows);
* ``overwrite=False``: a hard link, which fails if the name was taken meanwhile, so a file that
  appeared between the first check and the end is not clobbered either. File systems without
  hard links fall back to check-then-rename.

Used by :mod:`.atomic` (one file) and :mod:`.staging` (a set of files).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from baocao.errors import OutputExistsError

OVERWRITE_IN_PYTHON = "overwrite=True"
OVERWRITE_ON_COMMAND_LINE = "--overwrite"


def exists_message(*paths: str | os.PathLike[str], allow: str = OVERWRITE_IN_PYTHON) -> str:
    """The one Vietnamese message for outputs that exist: names them, says they are kept, and how to
    allow overwriting (``allow``: ``overwrite=True`` in Python, ``--overwrite`` on the command line)."""
    names = ", ".join(str(p) for p in paths)
    return (f"Tệp đầu ra đã tồn tại: {names}. Tệp đã có được giữ nguyên; "
            f"hãy chọn tên khác hoặc cho phép ghi đè ({allow}).")


def output_exists(*paths: str | os.PathLike[str]) -> OutputExistsError:
    """The error to raise for outputs that exist (message from :func:`exists_message`)."""
    return OutputExistsError(exists_message(*paths), tuple(Path(p) for p in paths))


def check_free(path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Raise :class:`OutputExistsError` if ``path`` exists and ``overwrite`` is false, or is a folder.

    Nothing is created; returns ``path`` as an absolute :class:`Path`.
    """
    target = Path(path).expanduser().absolute()
    if target.exists() and not overwrite:
        raise output_exists(target)
    if target.is_dir():
        raise OutputExistsError(f"Đường dẫn đầu ra là một thư mục, không phải tệp: {target}")
    return target


def commit(temp: Path, target: Path, *, overwrite: bool = False) -> Path:
    """Move a finished temporary file onto ``target`` atomically (see module doc)."""
    if overwrite:
        os.replace(temp, target)
        return target
    try:
        os.link(temp, target)
    except FileExistsError:
        temp.unlink(missing_ok=True)
        raise output_exists(target) from None
    except OSError as exc:  # no hard links here (FAT, some network shares)
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV,
                             errno.EMLINK, errno.EACCES):
            raise
        if target.exists():
            temp.unlink(missing_ok=True)
            raise output_exists(target) from None
        os.replace(temp, target)
        return target
    temp.unlink(missing_ok=True)
    return target
