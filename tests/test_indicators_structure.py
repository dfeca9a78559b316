"""How the indicator package is put together: the engine's errors."""

from __future__ import annotations

import pytest

from baocao.errors import BaocaoError
from baocao.indicators import ComputeError, NoData
from baocao.indicators.metrics import parse_met_rule


# --- errors ---------------------------------------------------------------------------------------


def test_engine_errors_are_baocao_errors():
    with pytest.raises(BaocaoError):
        parse_met_rule("share >> 1")
    with pytest.raises(ValueError):  # callers that caught ValueError still do
        parse_met_rule("share >> 1")
    assert issubclass(NoData, BaocaoError) and not issubclass(NoData, ValueError)
    assert issubclass(ComputeError, BaocaoError)
