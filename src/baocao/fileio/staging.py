"""A set of files committed whole or not at all, and the hidden work items of runs that died.

Every file of one command is first written into a hidden staging folder inside the output folder
(``.baocao-stage-XXXX/``, same file system, so moving is a rename); :meth:`Staging.commit` then moves
them all into place:

1. every final path is checked (an existing file is refused unless ``overwrite``);
2. a journal (``commit.json``) listing the moves is written into the staging folder;
3. each file is moved (a hard link that cannot clobber, or a replace with ``overwrite``; the file it
   replaces is kept as a hard link in the staging folder until the end);
4. the staging folder is removed.

If a move fails, the moves already made are undone (replaced files come back), so the folder holds
the whole previous set. If the process is killed, the next run in that folder finishes the job from
the journal (:func:`sweep`): a staging folder with a journal is rolled forward, one without is
deleted, so the folder then holds the whole new set, or the whole previous one.

Every hidden item baocao makes in a user's folder starts with ``.baocao-`` and is *owned*: its
process holds a lock on it (``flock``; the lock goes when the process dies, even by SIGKILL), so
:func:`sweep`, run before writing into a folder, removes the items of dead runs only and never those
of a run still going in the same folder. Where ``fcntl`` is missing (Windows) only items older than a
day are removed.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from baocao.errors import OutputExistsError

from .place import commit, output_exists

WORK_PREFIX = ".baocao-"
STAGE_PREFIX = ".baocao-stage-"
JOURNAL = "commit.json"
OWNER = ".owner"
BACKUPS = ".old"
UNLOCKED_AGE = 60.0  # seconds: an item without a lock file (being created, or left by an old version)
NO_LOCKS_AGE = 86400.0  # seconds: without fcntl, what counts as abandoned

_held: dict[str, int] = {}  # item path -> open descriptor holding its lock


def _lock_file(item: Path) -> Path:
    return item / OWNER if item.is_dir() else item


def own(item: str | os.PathLike[str]) -> None:
    """Mark a hidden work item (a file, or a folder through its ``.owner`` file) as this process's."""
    if fcntl is None:
        return
    item = Path(item)
    fd = os.open(_lock_file(item), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise
    _held[str(item)] = fd


def disown(item: str | os.PathLike[str]) -> None:
    """Release the lock :func:`own` took (the item itself is left alone)."""
    fd = _held.pop(str(item), None)
    if fd is not None:
        os.close(fd)


@contextlib.contextmanager
def _if_abandoned(item: Path) -> Iterator[bool]:
    """True when no live process owns ``item``; the lock is held for the caller meanwhile."""
    if str(item) in _held:
        yield False
        return
    if fcntl is None:
        yield _age(item) > NO_LOCKS_AGE
        return
    try:
        fd = os.open(_lock_file(item), os.O_RDWR)
    except FileNotFoundError:
        yield _age(item) > UNLOCKED_AGE
        return
    except OSError:
        yield False
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        yield False
        return
    try:
        yield True
    finally:
        os.close(fd)


def _age(item: Path) -> float:
    try:
        return time.time() - item.lstat().st_mtime
    except OSError:
        return 0.0


def sweep(folder: str | os.PathLike[str]) -> None:
    """Finish or remove what dead runs left in ``folder``: staging folders (rolled forward when their
    journal was written, else deleted), PDF work folders and temporary files. Errors are ignored:
    sweeping never stops a command."""
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(WORK_PREFIX)]
    except OSError:
        return
    for entry in entries:
        item = Path(entry.path)
        try:
            with _if_abandoned(item) as dead:
                if not dead:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if (item / JOURNAL).is_file():
                        _roll_forward(item)
                    shutil.rmtree(item, ignore_errors=True)
                else:
                    item.unlink(missing_ok=True)
        except OSError:
            continue


def _roll_forward(stage: Path) -> None:
    """Finish the moves of a commit that was cut off (see the module doc)."""
    try:
        journal = json.loads((stage / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for staged_rel, final in journal.get("moves", []):
        staged = stage / staged_rel
        if not staged.is_file():
            continue
        try:
            Path(final).parent.mkdir(parents=True, exist_ok=True)
            commit(staged, Path(final), overwrite=bool(journal.get("overwrite")))
        except OutputExistsError:  # placed before the cut, or written since by someone else: keep it
            staged.unlink(missing_ok=True)
        except OSError:
            continue


class Staging:
    """Files of one command, written into a hidden folder in ``root`` and committed together.

    >>> with Staging(out, overwrite=False) as stage:           # doctest: +SKIP
    ...     document.save(stage.path_for(out / "a.docx"))
    ...     stage.commit()                                     # nothing is written without it
    """

    def __init__(self, root: str | os.PathLike[str], *, overwrite: bool = False) -> None:
        self.root = Path(root).expanduser().absolute()
        self.overwrite = overwrite
        self.stage: Path | None = None
        self._files: dict[Path, Path] = {}  # final path -> staged path
        self._created: list[Path] = []  # folders made for this set, deepest first
        self.committed = False

    def __enter__(self) -> Staging:
        if self.root.is_dir():
            sweep(self.root)
        return self

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, OSError) and exc.filename is None:  # a full disk says nothing about where
            exc.filename = str(self.root)
        if not self.committed:
            self.discard()

    # --- writing -------------------------------------------------------------------------------
    def _open(self) -> Path:
        if self.stage is None:
            missing = []
            parent = self.root
            while not parent.exists():
                missing.append(parent)
                parent = parent.parent
            self.root.mkdir(parents=True, exist_ok=True)
            self._created = missing
            sweep(self.root)
            self.stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=self.root))
            own(self.stage)
        return self.stage

    def _relative(self, final: Path) -> Path:
        final = Path(final).expanduser().absolute()
        try:
            return final.relative_to(self.root)
        except ValueError:
            raise ValueError(f"{final} is not inside the output folder {self.root}") from None

    def path_for(self, final: str | os.PathLike[str]) -> Path:
        """Where to write the file that is to become ``final`` (its folder exists; the file is listed)."""
        rel = self._relative(Path(final))
        staged = self._open() / rel
        staged.parent.mkdir(parents=True, exist_ok=True)
        self._files[self.root / rel] = staged
        return staged

    def folder_for(self, final_folder: str | os.PathLike[str]) -> Path:
        """The staging counterpart of a folder of the set, for a writer that names its own files."""
        folder = self._open() / self._relative(Path(final_folder))
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def adopt(self, *staged: str | os.PathLike[str]) -> list[Path]:
        """List files a writer put into :meth:`folder_for`; returns their final paths."""
        stage = self._open()
        finals = []
        for path in staged:
            rel = Path(path).absolute().relative_to(stage)
            self._files[self.root / rel] = stage / rel
            finals.append(self.root / rel)
        return finals

    def staged(self, final: str | os.PathLike[str]) -> Path | None:
        """The staged file of ``final`` while the set is not committed (None if not part of it)."""
        return self._files.get(Path(final).expanduser().absolute())

    @property
    def finals(self) -> list[Path]:
        """Final paths of the set, in the order they were added."""
        return list(self._files)

    # --- committing ----------------------------------------------------------------------------
    def commit(self) -> list[Path]:
        """Move every staged file into place, all or none (see the module doc); returns the final paths."""
        stage = self.stage
        if stage is None:
            self.committed = True
            return []
        moves = [(staged, final) for final, staged in self._files.items()]
        missing = [staged for staged, _ in moves if not staged.is_file()]
        if missing:
            raise FileNotFoundError(errno.ENOENT, "staged file was not written", str(missing[0]))
        if not self.overwrite:
            existing = [final for _, final in moves if final.exists()]
            if existing:
                raise output_exists(*existing)
        made = self._make_folders(final.parent for _, final in moves)
        journal = {"overwrite": self.overwrite, "moves": [[str(s.relative_to(stage)), str(f)] for s, f in moves]}
        journal_tmp = stage / f"{JOURNAL}.tmp"
        journal_tmp.write_text(json.dumps(journal, ensure_ascii=False), encoding="utf-8")
        os.replace(journal_tmp, stage / JOURNAL)
        done: list[tuple[Path, Path, Path | None]] = []
        try:
            for staged, final in moves:
                backup = self._backup(final, stage) if self.overwrite else None
                commit(staged, final, overwrite=self.overwrite)
                done.append((staged, final, backup))
        except BaseException:
            self._undo(done, made)
            (stage / JOURNAL).unlink(missing_ok=True)
            raise
        self.committed = True
        self._remove_stage()
        return [final for _, final in moves]

    def _make_folders(self, folders: Iterator[Path]) -> list[Path]:
        made: list[Path] = []
        for folder in dict.fromkeys(folders):
            missing = []
            parent = folder
            while not parent.exists():
                missing.append(parent)
                parent = parent.parent
            folder.mkdir(parents=True, exist_ok=True)
            made += missing
        return made

    def _backup(self, final: Path, stage: Path) -> Path | None:
        """Keep the file ``final`` is about to replace (a hard link), so a failed commit can restore it."""
        if not final.is_file():
            return None
        backup = stage / BACKUPS / self._relative(final)
        backup.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(final, backup)
        except OSError:
            shutil.copy2(final, backup)
        return backup

    def _undo(self, done: list[tuple[Path, Path, Path | None]], made: list[Path]) -> None:
        for _staged, final, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, final)
                else:
                    final.unlink(missing_ok=True)
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()

    def discard(self) -> None:
        """Forget the set: remove the staging folder, and the output folders made for it if left empty."""
        self._remove_stage()
        for folder in self._created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        self._created = []

    def _remove_stage(self) -> None:
        if self.stage is not None:
            disown(self.stage)
            shutil.rmtree(self.stage, ignore_errors=True)
            self.stage = None
