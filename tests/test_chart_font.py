"""A stale matplotlib font cache is rebuilt once; a font missing for good is told in Vietnamese."""

from __future__ import annotations

import pytest
from matplotlib import font_manager

from baocao.chart_font import FAMILY, ChartFontWarning, chart_font


@pytest.fixture
def stale_cache(monkeypatch, tmp_path):
    """matplotlib's font list as a cache built before Liberation was installed (written to ``tmp_path``)."""
    manager = font_manager.fontManager
    monkeypatch.setattr(manager, "ttflist", [f for f in manager.ttflist if "Liberation" not in f.name])
    monkeypatch.setattr("matplotlib.get_cachedir", lambda: str(tmp_path))
    manager._findfont_cached.cache_clear()
    chart_font.cache_clear()
    yield tmp_path
    chart_font.cache_clear()
    manager._findfont_cached.cache_clear()


def test_a_stale_font_cache_is_rebuilt_once(stale_cache):
    if not [p for p in font_manager.findSystemFonts() if "LiberationSerif" in p]:
        pytest.skip("Liberation Serif is not installed here (fonts-liberation2)")
    with pytest.raises(ValueError):  # what matplotlib alone would do: fall back
        font_manager.findfont(font_manager.FontProperties(family=FAMILY), fallback_to_default=False)
    path = chart_font()
    assert path is not None and font_manager.get_font(path).family_name == FAMILY
    (cache,) = stale_cache.glob("fontlist-*.json")
    assert "LiberationSerif" in cache.read_text(encoding="utf-8")


def test_a_missing_font_is_told_in_vietnamese(stale_cache, monkeypatch):
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    with pytest.warns(ChartFontWarning, match="Không tìm thấy phông chữ Liberation Serif.*fonts-liberation2"):
        assert chart_font() is None
