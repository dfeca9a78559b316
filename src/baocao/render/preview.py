"""PNG previews of a PDF's first pages with ``pdftoppm`` (poppler-utils), for a notebook or a quick look.

``pdf_pages_png(pdf, out_dir)`` writes ``<pdf stem>-<page>.png`` (page 1 = ``-1``, no zero padding) for the
pages asked and returns them in page order. The images are made in a temporary folder inside ``out_dir``
and moved into place, replacing earlier previews of the same PDF; the PDF is never touched. Without
poppler a :class:`~baocao.errors.ToolMissingError` says how to install it, as :func:`baocao.render.pdf.to_pdf`
does for LibreOffice.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from baocao.errors import BaocaoError, ToolMissingError

__all__ = ["pdf_pages_png", "find_pdftoppm", "INSTALL_HINT"]

INSTALL_HINT = ("Cài poppler-utils: trên Debian/Ubuntu chạy 'sudo apt-get install poppler-utils'; trên "
                "Windows/macOS cài Poppler rồi thêm thư mục chứa pdftoppm vào PATH (hoặc đặt biến môi trường "
                "BAOCAO_PDFTOPPM trỏ tới tệp pdftoppm). Tệp PDF đã tạo vẫn dùng được.")


def find_pdftoppm() -> Path | None:
    """Path of ``pdftoppm``: ``$BAOCAO_PDFTOPPM`` if set, else the one on PATH; ``None`` when missing."""
    env = os.environ.get("BAOCAO_PDFTOPPM")
    if env:
        path = Path(env).expanduser()
        return path if path.is_file() and os.access(path, os.X_OK) else None
    found = shutil.which("pdftoppm")
    return Path(found) if found else None


def _page(path: Path, stem: str) -> int | None:
    m = re.fullmatch(re.escape(stem) + r"-(\d+)", path.stem)
    return int(m.group(1)) if m else None


def pdf_pages_png(pdf: str | os.PathLike[str], out_dir: str | os.PathLike[str], *, first: int = 1, last: int = 2,
                  dpi: int = 70, timeout: float = 120) -> list[Path]:
    """Render pages *first*..*last* of *pdf* as PNG files ``<stem>-<page>.png`` in *out_dir*.

    Returns the images in page order; pages past the end of the document are skipped (a 1-page PDF gives
    one image, *first* after the last page gives none). Earlier previews of the same PDF in *out_dir* are
    replaced. Raises :class:`ToolMissingError` without ``pdftoppm``, :class:`BaocaoError` when the PDF is
    missing or pdftoppm fails.
    """
    if first < 1 or last < first:
        raise ValueError(f"trang không hợp lệ: từ {first} đến {last} (cần 1 ≤ first ≤ last)")
    if dpi < 1:
        raise ValueError(f"độ phân giải không hợp lệ: {dpi} dpi")
    exe = find_pdftoppm()
    if exe is None:
        raise ToolMissingError("Không tìm thấy pdftoppm để tạo ảnh xem trước các trang PDF. " + INSTALL_HINT)
    src = Path(pdf).expanduser().absolute()
    if not src.is_file():
        raise BaocaoError(f"Không tìm thấy tệp PDF: {src}")
    out = Path(out_dir).expanduser().absolute()
    out.mkdir(parents=True, exist_ok=True)
    stem = src.stem
    work = Path(tempfile.mkdtemp(prefix=".baocao-xem-truoc-", dir=out))
    try:
        cmd = [str(exe), "-png", "-r", str(dpi), "-f", str(first), "-l", str(last), str(src), str(work / "p")]
        try:
            result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise BaocaoError(f"pdftoppm không xong sau {timeout:.0f} giây với tệp {src}; đã dừng.") from None
        beyond_end = result.returncode != 0 and "Wrong page range" in (result.stderr or "")
        if result.returncode != 0 and not beyond_end:
            detail = (result.stderr or result.stdout or "").strip()
            raise BaocaoError(f"pdftoppm không tạo được ảnh xem trước cho {src}"
                              + (f": {detail}" if detail else "") + ". Kiểm tra tệp PDF có mở được không.")
        pages = sorted((n, p) for p in work.glob("p-*.png") if (n := _page(p, "p")) is not None)
        for old in out.glob("*.png"):
            if _page(old, stem) is not None:
                old.unlink()
        written = []
        for n, image in pages:
            target = out / f"{stem}-{n}.png"
            os.replace(image, target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(work, ignore_errors=True)
