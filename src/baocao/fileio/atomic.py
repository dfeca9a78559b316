"""Atomic output: never leave a half-written file, never replace one without intent.

Every writer in baocao writes to a hidden temporary file in the destination folder (same file
system, so the final step is a rename), then moves it into place without clobbering a file that
appeared meanwhile (:func:`baocao.fileio.place.commit`; the one "output exists" message lives in
:mod:`baocao.fileio.place` too and is importable from here).

On any error the temporary file is removed. The temporary file is owned by the running process
(:func:`baocao.fileio.staging.own`), so the next write into the folder removes it if the run was killed
(:func:`~baocao.fileio.staging.sweep`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .place import (OVERWRITE_IN_PYTHON, OVERWRITE_ON_COMMAND_LINE, check_free, commit, exists_message,
                    output_exists)
from .staging import disown, own, sweep

__all__ = ["OVERWRITE_IN_PYTHON", "OVERWRITE_ON_COMMAND_LINE", "atomic_output", "atomic_write_bytes", "check_free",
           "commit", "ensure_writable", "exists_message", "move_into_place", "output_exists", "temp_path_for",
           "write_text_file"]

TEMP_PREFIX = ".baocao-"
TEMP_SUFFIX = ".tmp"


def ensure_writable(path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """:func:`check_free`, then create the parent folder when missing; returns the absolute path."""
    target = check_free(path, overwrite=overwrite)
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def temp_path_for(target: Path) -> Path:
    """A fresh, hidden temporary file next to ``target`` (created empty, owned by this process until
    :func:`~baocao.fileio.staging.disown`)."""
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.stem}-", suffix=TEMP_SUFFIX,
                                dir=target.parent)
    os.close(fd)
    own(name)
    # mkstemp creates 0600; give the result the permissions of an ordinary new file
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(name, 0o666 & ~mask)
    return Path(name)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], *, overwrite: bool = False) -> Iterator[Path]:
    """Context manager yielding a temporary path; on success it becomes ``path``.

    >>> with atomic_output(out, overwrite=False) as tmp:   # doctest: +SKIP
    ...     document.save(tmp)
    """
    target = ensure_writable(path, overwrite=overwrite)
    sweep(target.parent)
    temp = temp_path_for(target)
    try:
        yield temp
        commit(temp, target, overwrite=overwrite)
    except OSError as exc:
        if exc.filename is None:  # a full disk says nothing about where
            exc.filename = str(target)
        raise
    finally:
        disown(temp)
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
        disown(temp)
        temp.unlink(missing_ok=True)
    return target
