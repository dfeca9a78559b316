"""Tables as an analyst reads them in a notebook: no index, text left and top-aligned, blanks for missing.

Presentation only (pandas ``Styler``); the frames themselves keep their types so they can still be
filtered, sorted and written to Excel.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from .vnformat import date_short, number

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler


def cell_text(value: Any) -> str:
    """A cell as shown: blank for missing, whole floats without decimals (an Excel row 12.0 -> "12"),
    other floats the Vietnamese way ("87,3"), dates as "02/4/2021", the rest as ``str``."""
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else number(value)
    if isinstance(value, dt.datetime):
        return date_short(value.date()) if value.time() == dt.time(0) else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return date_short(value)
    return str(value)


def readable(frame: pd.DataFrame, *, nowrap: Iterable[str] = (), drop_empty_columns: bool = True) -> Styler:
    """*frame* styled for reading: no index, every cell through :func:`cell_text`, headers and cells left-aligned;
    columns in *nowrap* never wrap (status words, dates); columns with no value at all are left out."""
    df = frame.dropna(axis=1, how="all") if drop_empty_columns else frame
    styler = (df.style.hide(axis="index").format(cell_text)
              .set_properties(**{"text-align": "left", "vertical-align": "top"})
              .set_table_styles([{"selector": "th", "props": [("text-align", "left"), ("vertical-align", "bottom")]}],
                                overwrite=False))
    keep = [c for c in nowrap if c in df.columns]
    return styler.set_properties(subset=keep, **{"white-space": "nowrap"}) if keep else styler
