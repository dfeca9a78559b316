"""Atomic output: never leave a half-written file, never replace one without intent.

Every writer in baocao writes to a hidden temporary file in the destination folder (same file
system, so the final step is a rename), then moves it into place:

* ``overwrite=True``: :func:`os.replace` (atomic on POSIX and Windows);
* ``overwrite=False``: a hard link, which fails if the name was taken meanwhile, so a file that
  appeared between the first check and the end is not clobbered either. File systems without
  hard links fall back to check-then-rename.

On any error the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from baocao.errors import OutputExistsError

TEMP_PREFIX = ".baocao-"
TEMP_SUFFIX = ".tmp"
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


def ensure_writable(path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Raise :class:`OutputExistsError` if ``path`` exists and ``overwrite`` is false.

    Creates the parent folder when missing; returns ``path`` as an absolute :class:`Path`.
    """
    target = Path(path).expanduser().absolute()
    if target.exists() and not overwrite:
        raise output_exists(target)
    if target.is_dir():
        raise OutputExistsError(f"Đường dẫn đầu ra là một thư mục, không phải tệp: {target}")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def temp_path_for(target: Path) -> Path:
    """A fresh, hidden temporary file next to ``target`` (created empty, closed)."""
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.stem}-", suffix=TEMP_SUFFIX,
                                dir=target.parent)
    os.close(fd)
    # mkstemp creates 0600; give the result the permissions of an ordinary new file
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(name, 0o666 & ~mask)
    return Path(name)


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


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], *, overwrite: bool = False) -> Iterator[Path]:
    """Context manager yielding a temporary path; on success it becomes ``path``.

    >>> with atomic_output(out, overwrite=False) as tmp:   # doctest: +SKIP
    ...     document.save(tmp)
    """
    target = ensure_writable(path, overwrite=overwrite)
    temp = temp_path_for(target)
    try:
        yield temp
        commit(temp, target, overwrite=overwrite)
    finally:
        temp.unlink(missing_ok=True)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *,
                       overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically."""
    with atomic_output(path, overwrite=overwrite) as temp:
        with open(temp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path).expanduser().absolute()


def write_text_file(path: str | os.PathLike[str], text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path`` as UTF-8, atomically; refuse to replace a file unless ``overwrite``."""
    with atomic_output(path, overwrite=overwrite) as temp:
        temp.write_text(text, encoding="utf-8")
    return Path(path)


def move_into_place(source: str | os.PathLike[str], path: str | os.PathLike[str], *,
                    overwrite: bool = False) -> Path:
    """Move a finished file (possibly on another file system) to ``path`` atomically.

    Same folder file system: a rename. Otherwise the file is first copied to a temporary file
    next to ``path``, then renamed.
    """
    source = Path(source)
    target = ensure_writable(path, overwrite=overwrite)
    temp = temp_path_for(target)
    try:
        try:
            os.replace(source, temp)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            shutil.copyfile(source, temp)
            source.unlink(missing_ok=True)
        commit(temp, target, overwrite=overwrite)
    finally:
        temp.unlink(missing_ok=True)
    return target
