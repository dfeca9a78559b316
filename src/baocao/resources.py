"""Where the bundled templates and sample data live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """Return the folder ``templates`` or ``sample_data`` shipped with baocao.

    An installed wheel carries them under ``baocao/_bundled``; a source checkout (editable install)
    uses the folders at the top of the repository.
    """
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parents[1] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"Không tìm thấy thư mục '{name}' đi kèm baocao (đã tìm {installed} và {checkout}).")


def template_path(filename: str) -> Path:
    """Path of a bundled .docx template, e.g. ``template_path("ke-hoach.docx")``."""
    return bundled_dir("templates") / "docx" / filename


def sample_path(filename: str) -> Path:
    """Path of a bundled sample file, e.g. ``sample_path("ke-hoach-188.yaml")``."""
    return bundled_dir("sample_data") / filename
