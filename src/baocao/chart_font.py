"""The font matplotlib draws charts in, checked once per process: a stale font cache must not silently
switch the charts to another font.

matplotlib lists the installed fonts once and keeps the list in a cache file
(``~/.cache/matplotlib/fontlist-v*.json``). A font installed after that (``fonts-liberation2`` on a
fresh machine, after a first ``import matplotlib``) is not in the list, and charts quietly fall back to
DejaVu Sans. :func:`chart_font` asks matplotlib which file it would use for the family; when that is not
the family, it adds the system's fonts missing from the list and saves the list again (the cache is
rebuilt once); when the family is still missing it warns, in Vietnamese (:class:`ChartFontWarning`).
"""

from __future__ import annotations

import contextlib
import functools
import warnings
from pathlib import Path

FAMILY = "Liberation Serif"  # metric-compatible with Times New Roman, every Vietnamese letter


class ChartFontWarning(UserWarning):
    """Charts cannot be drawn in the document's font (message in Vietnamese)."""


@functools.cache
def chart_font(family: str = FAMILY) -> str | None:
    """The font file matplotlib uses for ``family`` (the cache rebuilt once if needed), or None with a warning."""
    from matplotlib import font_manager

    path = _resolved(font_manager, family)
    if path is None:
        _refresh(font_manager)
        path = _resolved(font_manager, family)
    if path is None:
        warnings.warn(ChartFontWarning(
            f"Không tìm thấy phông chữ {family} nên biểu đồ sẽ vẽ bằng phông mặc định (DejaVu Sans), khác phông của "
            "văn bản. Cài phông (Debian/Ubuntu: sudo apt-get install fonts-liberation2) rồi chạy lại."), stacklevel=2)
    return path


def _resolved(font_manager, family: str) -> str | None:
    """The file matplotlib picks for ``family`` when it really is that family; None when it would fall back."""
    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        return None
    return path if font_manager.get_font(path).family_name == family else None


def _refresh(font_manager) -> None:
    """Add the system fonts matplotlib's list lacks, then save the list (matplotlib's own cache file)."""
    import matplotlib

    manager = font_manager.fontManager
    known = {entry.fname for entry in manager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known:
            with contextlib.suppress(Exception):  # an unreadable font file is skipped, as matplotlib does
                manager.addfont(path)
    cache = Path(matplotlib.get_cachedir(), f"fontlist-v{font_manager.FontManager.__version__}.json")
    with contextlib.suppress(OSError):
        font_manager.json_dump(manager, cache)
