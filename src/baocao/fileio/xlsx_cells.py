"""Reading spreadsheet cells an analyst typed: one cell reader and one key for headers and names.

:func:`read_cell` turns any openpyxl cell (ordinary or read-only mode) into a :class:`CellText`: the
text the cell shows in Vietnamese conventions plus the kind of value it held, so each reader decides
what to accept (the task sheet refuses formulas and dates; a return form keeps a formula as its text).
Nothing is evaluated: a formula is read as its text ("=SUM(A1)").

Text rules, by kind:

* ``text``: Excel's ``_xHHHH_`` escapes decoded (what Excel shows), NFC, line breaks as ``\\n``, every
  line and the whole stripped;
* ``number``: Vietnamese digits ("2.650,5", "1.234.567"), or, with ``numbers_as_codes``, the digits
  as typed ("2021", "2.5") for sheets where a number can only be a code or a year;
* ``date``: "05/3/2023" (a time of day, when present, as Python writes it);
* ``bool``: "Có" / "Không";
* ``formula``: the formula text; ``blank``: "".

:func:`header_key` is the one comparison key for headers, sheet names and names typed in a sheet
(unit names, yes/no words, choices): NFC, whitespace runs collapsed to one space, ends trimmed,
case-folded. Nothing else is ignored, so "Mã:" and "Mã" are different headers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from ..vnformat import date_short, nfc, norm_space, number

CellKind = Literal["blank", "text", "number", "date", "bool", "formula"]
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell


@dataclass(frozen=True)
class CellText:
    """A cell read as text, and the kind of value the cell held."""

    text: str
    kind: CellKind = "text"

    @property
    def formula(self) -> bool:
        """True when the cell held a formula (``text`` is then the formula, never its result)."""
        return self.kind == "formula"


def read_cell(cell: Any, *, numbers_as_codes: bool = False) -> CellText:
    """Any openpyxl cell (or None, for a cell past the end of a row) as :class:`CellText`."""
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f":  # a plain formula is a str; array/table formulas have .text
        text = value if isinstance(value, str) else getattr(value, "text", None) or str(value)
        return CellText(nfc(str(text)).strip(), "formula")
    if value is None:
        return CellText("", "blank")
    if isinstance(value, bool):
        return CellText("Có" if value else "Không", "bool")
    if isinstance(value, (int, float)):
        return CellText(_code_text(value) if numbers_as_codes else _number_text(value), "number")
    if isinstance(value, (dt.date, dt.time)):
        return CellText(_date_text(value), "date")
    return CellText(cell_string(excel_unescape(str(value))), "text")


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ESCAPE_START = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def excel_unescape(text: str) -> str:
    """Text with Excel's ``_xHHHH_`` escapes decoded, as Excel and LibreOffice show it (openpyxl keeps
    them): ``_x0007_`` is a BEL, ``_x005F_x0041_`` is the typed text ``_x0041_``."""
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def excel_escape(text: str) -> str:
    """Text to store so that Excel shows it as typed: a ``_xHHHH_`` in it gets its underscore escaped."""
    return _ESCAPE_START.sub("_x005F_", text) if "_x" in text else text


# Whitespace stripped from the ends of lines: Python's, less the control characters a reader must see
# and refuse (VT, FF, the separators U+001C-U+001F; see baocao.text_chars).
_BLANKS = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in "\x0b\x0c\r\x1c\x1d\x1e\x1f")


def cell_string(text: str) -> str:
    """Typed text as :func:`read_cell` gives it back: NFC, ``\\n`` line breaks, lines and ends stripped."""
    lines = nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.strip(_BLANKS) for line in lines).strip(_BLANKS)


def header_key(text: Any) -> str:
    """Comparison key of a header, sheet name or typed name (see the module doc); "" for None."""
    return norm_space(str(text)).casefold() if text is not None else ""


def _number_text(x: int | float) -> str:
    if isinstance(x, int) or float(x).is_integer():
        return number(int(x))
    places = max(0, -int(Decimal(repr(x)).as_tuple().exponent))
    return number(x, places)


def _code_text(x: int | float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _date_text(value: dt.date | dt.time) -> str:
    if isinstance(value, dt.datetime):
        return date_short(value.date()) if value.time() == dt.time(0) else str(value)
    return date_short(value) if isinstance(value, dt.date) else str(value)
