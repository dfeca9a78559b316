"""Convert .docx to PDF/A-2b with LibreOffice in headless mode: one soffice call for many files.

Facts this module is built on (measured with LibreOffice 7.4.7, see docs/templates.md):

* One call for ten documents takes ~1.4 s, ten calls ~8 s: always batch.
* soffice exits 0 even when it could not load an input ("Error: source file could not be
  loaded") or could not store the output; the only reliable check is that each expected PDF exists.
* PDF/A needs the JSON filter-option syntax (LibreOffice ≥ 7.4):
  ``pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}``. The old
  ``pdf:writer_pdf_Export:SelectPdfVersion=2`` form is accepted but ignored by 7.4 (the PDF is not
  PDF/A); it is kept only as a fallback for builds that reject the JSON form. The result is
  checked through its XMP metadata (``pdfaid:part``).
* Each call gets its own throw-away profile (``-env:UserInstallation``), so parallel workers and a
  clerk's open LibreOffice do not collide.

PDFs are produced in a temporary folder inside ``out_dir`` and moved into place atomically; the
.docx inputs are never touched.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import warnings
import zipfile
from collections.abc import Iterable
from pathlib import Path

from baocao.errors import BaocaoError, ToolMissingError
from baocao.fileio.atomic import move_into_place, output_exists
from baocao.fileio.staging import disown, own

__all__ = ["to_pdf", "find_soffice", "pdfa_level", "PdfConversionError", "PdfAWarning",
           "PDFA_FILTER", "LEGACY_PDFA_FILTER"]

PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
LEGACY_PDFA_FILTER = "pdf:writer_pdf_Export:SelectPdfVersion=2"
PLAIN_FILTER = "pdf"

INSTALL_HINT = ("Cài LibreOffice: trên Debian/Ubuntu chạy "
                "'sudo apt-get install libreoffice-writer-nogui fonts-liberation2'; trên Windows/macOS "
                "tải tại https://www.libreoffice.org rồi đặt biến môi trường BAOCAO_SOFFICE trỏ tới "
                "tệp soffice. Các tệp .docx đã tạo vẫn được giữ nguyên.")

_CANDIDATES = (
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


class PdfConversionError(BaocaoError):
    """LibreOffice ran but did not produce some of the PDFs."""

    def __init__(self, message: str, *, failed: list[Path], converted: list[Path]) -> None:
        super().__init__(message)
        self.failed = failed
        self.converted = converted


class PdfAWarning(UserWarning):
    """The PDF was produced but is not marked PDF/A (older LibreOffice)."""


def find_soffice() -> Path | None:
    """Path of the LibreOffice ``soffice`` program, or ``None``.

    Looks at ``$BAOCAO_SOFFICE``, then ``soffice``/``libreoffice`` on PATH, then the usual install
    folders (Linux, /opt, macOS, Windows).
    """
    env = os.environ.get("BAOCAO_SOFFICE")
    if env:
        path = Path(env).expanduser()
        return path if path.is_file() and os.access(path, os.X_OK) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in _CANDIDATES:
        path = Path(candidate)
        if path.is_file():
            return path
    for pattern in ("/opt/libreoffice*/program/soffice",):
        for path in sorted(Path("/").glob(pattern.lstrip("/")), reverse=True):
            if path.is_file():
                return path
    return None


_PDFAID = re.compile(rb"<pdfaid:part>(\d)</pdfaid:part>|pdfaid:part=[\"'](\d)[\"']")
_CONFORMANCE = re.compile(rb"<pdfaid:conformance>([ABU])</pdfaid:conformance>|"
                          rb"pdfaid:conformance=[\"']([ABU])[\"']")


def pdfa_level(path: str | os.PathLike[str]) -> str | None:
    """PDF/A part and conformance from the XMP metadata, e.g. ``"2B"``; ``None`` if not PDF/A.

    LibreOffice writes the XMP packet uncompressed, so a byte search is enough (no pypdf needed).
    """
    data = Path(path).read_bytes()
    part = _PDFAID.search(data)
    if not part:
        return None
    conf = _CONFORMANCE.search(data)
    level = (part.group(1) or part.group(2)).decode()
    if conf:
        level += (conf.group(1) or conf.group(2)).decode()
    return level


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run soffice in its own process group so a timeout kills oosplash and soffice.bin both."""
    kwargs: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    if sys.platform != "win32":
        kwargs["start_new_session"] = True
    with subprocess.Popen(cmd, **kwargs) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            if sys.platform != "win32":
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
            proc.communicate()
            raise BaocaoError(f"LibreOffice không xong sau {timeout:.0f} giây; đã dừng. "
                              "Thử lại với ít tệp hơn hoặc tăng timeout.") from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _tail(text: str, lines: int = 6) -> str:
    kept = [ln for ln in text.splitlines() if ln.strip() and "javaldx" not in ln]
    return "\n".join(kept[-lines:])


def to_pdf(docx_paths: Iterable[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *,
           overwrite: bool = False, pdfa: bool = True, timeout: float | None = None,
           profile_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Convert documents to PDF (PDF/A-2b by default) in ONE LibreOffice call.

    Each ``x.docx`` becomes ``out_dir/x.pdf``; the list of PDFs is returned in input order.
    Raises :class:`ToolMissingError` without LibreOffice, :class:`OutputExistsError` before doing
    anything if a PDF exists and ``overwrite`` is false, and :class:`PdfConversionError` (after
    moving the PDFs that did convert) when some input produced no PDF.
    """
    sources = [Path(p).expanduser().absolute() for p in docx_paths]
    if not sources:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissingError("Không tìm thấy LibreOffice (soffice) để chuyển sang PDF. " + INSTALL_HINT)
    for src in sources:
        if not src.is_file():
            raise BaocaoError(f"Không tìm thấy tệp cần chuyển sang PDF: {src}")
        # LibreOffice would happily print a broken .docx as plain text: refuse it here
        if src.suffix.lower() in (".docx", ".docm", ".dotx") and not zipfile.is_zipfile(src):
            raise BaocaoError(f"Tệp không phải .docx hợp lệ (hỏng hoặc chưa ghi xong): {src}")
    stems: dict[str, Path] = {}
    for src in sources:
        if src.stem in stems:
            raise BaocaoError(f"Hai tệp cùng tên sẽ ghi đè nhau khi xuất PDF: {stems[src.stem]} và {src}")
        stems[src.stem] = src
    out = Path(out_dir).expanduser().absolute()
    out.mkdir(parents=True, exist_ok=True)
    targets = [out / f"{src.stem}.pdf" for src in sources]
    if not overwrite:
        for target in targets:
            if target.exists():
                raise output_exists(target)
    timeout = timeout if timeout is not None else 60 + 15 * len(sources)

    work = Path(tempfile.mkdtemp(prefix=".baocao-pdf-", dir=out))
    own(work)  # a killed run's folder is removed by the next write here (baocao.fileio.staging.sweep)
    profile = Path(profile_dir) if profile_dir else Path(tempfile.mkdtemp(prefix="baocao-lo-"))
    try:
        filters = [PDFA_FILTER, LEGACY_PDFA_FILTER] if pdfa else [PLAIN_FILTER]
        log = ""
        for attempt, flt in enumerate(filters):
            pending = [s for s in sources if not (work / f"{s.stem}.pdf").is_file()]
            if not pending:
                break
            cmd = [str(soffice), f"-env:UserInstallation={profile.absolute().as_uri()}",
                   "--headless", "--norestore", "--convert-to", flt, "--outdir", str(work),
                   *map(str, pending)]
            result = _run(cmd, timeout)
            log = (result.stdout or "") + (result.stderr or "")
            produced_any = any((work / f"{s.stem}.pdf").is_file() for s in pending)
            # retry with the legacy option syntax only when the filter itself was refused
            if produced_any or attempt + 1 >= len(filters) or "impl_store" not in log:
                break
        converted: list[Path] = []
        failed: list[Path] = []
        for src, target in zip(sources, targets):
            pdf = work / f"{src.stem}.pdf"
            if pdf.is_file() and pdf.stat().st_size > 0 and pdf.read_bytes()[:5] == b"%PDF-":
                if pdfa and pdfa_level(pdf) is None:
                    warnings.warn(f"{target.name}: LibreOffice này không xuất được PDF/A; tệp là PDF "
                                  "thường (cần LibreOffice ≥ 7.4).", PdfAWarning, stacklevel=2)
                converted.append(move_into_place(pdf, target, overwrite=overwrite))
            else:
                failed.append(src)
        if failed:
            names = ", ".join(str(f) for f in failed)
            detail = _tail(log)
            raise PdfConversionError(
                f"LibreOffice không tạo được PDF cho: {names}. Tệp .docx vẫn được giữ nguyên; "
                f"hãy mở thử trong LibreOffice/Word để kiểm tra." + (f"\nThông báo của soffice:\n{detail}"
                                                                      if detail else ""),
                failed=failed, converted=converted)
        return converted
    finally:
        disown(work)
        shutil.rmtree(work, ignore_errors=True)
        if not profile_dir:
            shutil.rmtree(profile, ignore_errors=True)
