"""Where a job's files go: one output folder, every target checked first, the set committed whole.

Every job (plan, appendix, report, the whole cycle) writes through one :class:`OutputFolder`, so a
single place knows the whole set of files a command writes. Files are written into a hidden staging
folder and moved into place together by :meth:`OutputFolder.finish` (:class:`~baocao.fileio.staging.Staging`):
a failure on the way (bad input found late, a full disk, a killed run) leaves the folder as it was,
and a folder the job had to create is removed again. Use it as a context manager so the staging
folder goes on failure::

    with OutputFolder(out, overwrite=False, pdf=True) as outputs:
        outputs.render("ke-hoach.docx", context, out / "ke-hoach.docx")
        written = outputs.finish()

Its :class:`Written` is what the command prints. :func:`pdf_copies` is the one "PDF if LibreOffice is
there" fallback: without LibreOffice the .docx files stay and the result carries a Vietnamese warning.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BaocaoError, ToolMissingError
from ..fileio.atomic import check_free
from ..fileio.staging import Staging


@dataclass
class Written:
    """Files a job wrote, by kind, and what could not be done (Vietnamese)."""

    docx: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)
    other: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        """Every written file: documents, their PDFs, then the rest (sidecars, charts, tables)."""
        return [*self.docx, *self.pdf, *self.other]


def pdf_copies(docx: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *,
               overwrite: bool = False) -> tuple[list[Path], list[str]]:
    """PDF copies of ``docx`` in ``out_dir`` (one LibreOffice call) and the warnings to show.

    Without LibreOffice no PDF is made and the one warning says how to install it; the .docx files
    are kept. A PDF that LibreOffice left unfinished (a full disk) is refused; any other failure (an
    existing PDF, a document LibreOffice cannot convert) is raised.
    """
    from ..render.pdf import to_pdf

    try:
        pdfs = to_pdf(docx, out_dir, overwrite=overwrite)
    except ToolMissingError as exc:
        return [], [str(exc)]
    unfinished = [p for p in pdfs if not pdf_complete(p)]
    if unfinished:
        raise BaocaoError(f"LibreOffice ghi PDF không trọn vẹn (ổ đĩa đầy?): {', '.join(p.name for p in unfinished)}.")
    return pdfs, []


def _why_no_pdf(folder: Path) -> str:
    """What to try when LibreOffice made no PDF: free disk space first when little is left."""
    import shutil

    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = None
    if free is not None and free < 50_000_000:
        from ..vnformat import number

        return (f"Ổ đĩa chỉ còn trống {number(free // 1024)} KB: giải phóng chỗ trống rồi chạy lại.")
    return "Mở thử văn bản trong LibreOffice hoặc Word, hoặc chạy lại không có --pdf để chỉ xuất .docx."


def pdf_complete(path: Path) -> bool:
    """True when ``path`` starts as a PDF and ends with its end-of-file mark (not cut off on the way)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(5)
            fh.seek(max(0, path.stat().st_size - 1024))
            tail = fh.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


class OutputFolder:
    """The folder one job writes into; it checks targets, stages every file and commits the set whole."""

    def __init__(self, path: str | os.PathLike[str], *, overwrite: bool = False, pdf: bool = False) -> None:
        self.path = Path(path).expanduser().absolute()
        self.overwrite = overwrite
        self.pdf = pdf
        self.written = Written()
        self.staging = Staging(self.path, overwrite=overwrite)

    def __enter__(self) -> OutputFolder:
        self.staging.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.staging.__exit__(*exc)

    def claim(self, *targets: Path) -> None:
        """Refuse before writing anything when a target (or the PDF of a .docx target) already exists.

        Raises :class:`~baocao.errors.OutputExistsError` unless the folder was opened with ``overwrite``.
        Nothing is created.
        """
        for target in targets:
            check_free(target, overwrite=self.overwrite)
            if self.pdf and target.suffix == ".docx":
                check_free(self.path / f"{target.stem}.pdf", overwrite=self.overwrite)

    def staged(self, target: Path) -> Path:
        """Where to write the file that is to become ``target`` (for writers that take a path)."""
        self.claim(target)
        return self.staging.path_for(target)

    def staged_folder(self, folder: Path) -> Path:
        """The staging counterpart of ``folder``, for a writer that names its own files (then :meth:`add`)."""
        return self.staging.folder_for(folder)

    def render(self, template: str, context: Mapping[str, Any], target: Path, *,
               core_properties: Mapping[str, Any] | None = None) -> Path:
        """Render a .docx template into ``target`` (a PDF copy follows in :meth:`finish` when asked).

        Pictures (:class:`~baocao.render.docx.Image`) of this set are read from the staging folder.
        """
        from ..render.docx import render_docx

        render_docx(template, self._staged_images(context), self.staged(target), core_properties=core_properties)
        self.written.docx.append(target)
        return target

    def write_bytes(self, target: Path, data: bytes) -> Path:
        """Write ``data`` to ``target`` (with the set)."""
        with open(self.staged(target), "wb") as fh:
            fh.write(data)
        self.written.other.append(target)
        return target

    def add(self, *staged: Path) -> list[Path]:
        """List files a library writer put into :meth:`staged_folder`; returns their final paths."""
        finals = self.staging.adopt(*staged)
        self.claim(*finals)
        self.written.other.extend(finals)
        return finals

    def warn(self, text: str) -> None:
        """Keep a Vietnamese warning for the job's result."""
        self.written.warnings.append(text)

    def finish(self) -> Written:
        """Convert the documents to PDF when asked (see :func:`pdf_copies`), then commit the whole set."""
        if self.pdf and self.written.docx:
            from ..render.pdf import PdfConversionError

            staged = [self.staging.staged(p) for p in self.written.docx]
            try:
                pdfs, warnings = pdf_copies([p for p in staged if p is not None], self.staging.folder_for(self.path))
            except PdfConversionError as exc:
                names = ", ".join(p.name for p in exc.failed)
                raise BaocaoError(f"LibreOffice không tạo được PDF cho: {names}; không ghi tệp nào. "
                                  f"{_why_no_pdf(self.path)}") from None
            self.written.pdf.extend(self.staging.adopt(*pdfs))
            self.written.warnings.extend(warnings)
        self.staging.commit()
        return self.written

    def _staged_images(self, value: Any) -> Any:
        """``value`` with each picture of this set pointing at its staged file."""
        from ..render.docx import Image

        if isinstance(value, Image):
            staged = self.staging.staged(Path(value.path))
            return dataclasses.replace(value, path=staged) if staged is not None else value
        if isinstance(value, Mapping):
            return {k: self._staged_images(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self._staged_images(v) for v in value]
        return value
