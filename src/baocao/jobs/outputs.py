"""Where a job's files go: one output folder, every target checked first, PDFs in one LibreOffice call.

Every job (plan, appendix, report, the whole cycle) writes through one :class:`OutputFolder`, so a
single place knows the whole set of files a command writes and what went wrong on the way; its
:class:`Written` is what the command prints. :func:`pdf_copies` is the one "PDF if LibreOffice is
there" fallback: without LibreOffice the .docx files stay and the result carries a Vietnamese warning.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ToolMissingError
from ..fileio.atomic import atomic_write_bytes, ensure_writable


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
    are kept. Any other failure (an existing PDF, a document LibreOffice cannot convert) is raised.
    """
    from ..render.pdf import to_pdf

    try:
        return to_pdf(docx, out_dir, overwrite=overwrite), []
    except ToolMissingError as exc:
        return [], [str(exc)]


class OutputFolder:
    """The folder one job writes into; it checks targets, writes, and keeps the list of what it wrote."""

    def __init__(self, path: str | os.PathLike[str], *, overwrite: bool = False, pdf: bool = False) -> None:
        self.path = Path(path)
        self.overwrite = overwrite
        self.pdf = pdf
        self.written = Written()

    def claim(self, *targets: Path) -> None:
        """Refuse before writing anything when a target (or the PDF of a .docx target) already exists.

        Raises :class:`~baocao.errors.OutputExistsError` unless the folder was opened with ``overwrite``.
        """
        for target in targets:
            ensure_writable(target, overwrite=self.overwrite)
            if self.pdf and target.suffix == ".docx":
                ensure_writable(self.path / f"{target.stem}.pdf", overwrite=self.overwrite)

    def render(self, template: str, context: Mapping[str, Any], target: Path, *,
               core_properties: Mapping[str, Any] | None = None) -> Path:
        """Render a .docx template into ``target`` (a PDF copy follows in :meth:`finish` when asked)."""
        from ..render.docx import render_docx

        path = render_docx(template, context, target, overwrite=self.overwrite, core_properties=core_properties)
        self.written.docx.append(path)
        return path

    def write_bytes(self, target: Path, data: bytes) -> Path:
        """Write ``data`` to ``target`` atomically."""
        path = atomic_write_bytes(target, data, overwrite=self.overwrite)
        self.written.other.append(path)
        return path

    def add(self, *paths: Path) -> None:
        """List files that a library writer (e.g. the chart writer) put into this folder."""
        self.written.other.extend(paths)

    def warn(self, text: str) -> None:
        """Keep a Vietnamese warning for the job's result."""
        self.written.warnings.append(text)

    def finish(self) -> Written:
        """Convert the written documents to PDF when asked (see :func:`pdf_copies`) and return the result."""
        if self.pdf:
            pdfs, warnings = pdf_copies(self.written.docx, self.path, overwrite=self.overwrite)
            self.written.pdf.extend(pdfs)
            self.written.warnings.extend(warnings)
        return self.written
