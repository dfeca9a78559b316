"""Which characters a text value may hold: one rule for the plan, the narrative, the workbook and the forms.

Refused everywhere, at load, with the place of the value (see ``docs/plan-file.md``, "Giới hạn"):

* C0 control characters (U+0000-U+001F) other than TAB and LF, DEL (U+007F) and the C1 controls
  (U+0080-U+009F) other than NEL (U+0085): most cannot be stored in .docx/.xlsx XML at all, and the
  .docx renderer would silently turn BEL into a new paragraph, FF into a page break and CR into a
  line break;
* lone surrogates (U+D800-U+DFFF: not text, cannot be written as UTF-8) and U+FFFE, U+FFFF.

TAB and LF are layout, not words; where they may appear is the caller's choice (``allow``): a plan or
narrative value is one line (only a note, a table cell, may hold line breaks); a cell a unit fills in
a return form may hold several lines and tabs. NEL, RTL marks and combining marks are ordinary text
and kept as typed.

:func:`ascii_fold` gives the letters without their marks, for ids and file names.
"""

from __future__ import annotations

import unicodedata

LAYOUT = "\t\n"  # the characters ``allow`` may let through
_NAMES = {"\t": "TAB", "\n": "LF, xuống dòng", "\r": "CR, về đầu dòng", "\x00": "NUL", "\x07": "BEL",
          "\x08": "BS", "\x0b": "VT", "\x0c": "FF, ngắt trang", "\x1b": "ESC", "\x7f": "DEL"}


def refused(ch: str, *, allow: str = "") -> bool:
    """True when ``ch`` may not appear in a text value (see the module doc); ``allow`` lets TAB/LF through."""
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return ch != "\x85" and ch not in allow
    return 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)


def refused_positions(text: str, *, allow: str = "") -> list[int]:
    """0-based positions of the refused characters of ``text`` (empty for clean text)."""
    if text.isprintable():
        return []  # fast path: every refused character is non-printable
    return [i for i, ch in enumerate(text) if refused(ch, allow=allow)]


def char_name(ch: str) -> str:
    """"U+0007 (BEL)": the code point and, when it has one, a short name."""
    name = _NAMES.get(ch)
    if name is None:
        code = ord(ch)
        name = ("nửa cặp thay thế UTF-16 đứng lẻ" if 0xD800 <= code <= 0xDFFF
                else unicodedata.name(ch, "ký tự điều khiển" if code < 0xA0 else "không phải ký tự"))
    return f"U+{ord(ch):04X} ({name})"


def refused_message(text: str, *, allow: str = "") -> str | None:
    """Vietnamese description of the refused characters of ``text`` (up to three), or None when clean."""
    found = refused_positions(text, allow=allow)
    if not found:
        return None
    listed = ", ".join(f"{char_name(text[i])} ở ký tự thứ {i + 1}" for i in found[:3])
    more = f" và {len(found) - 3} ký tự khác" if len(found) > 3 else ""
    layout = all(text[i] in LAYOUT for i in found)
    hint = ("giá trị này phải viết trên một dòng, không có tab" if layout else
            "ký tự điều khiển không có trong văn bản, không lưu được hoặc làm hỏng bố cục") + ": hãy xóa hoặc gõ lại"
    return f"chứa ký tự không được phép: {listed}{more}; {hint}"


def ascii_fold(text: str) -> str:
    """Vietnamese letters without their marks, for ids and file names: "Đắk Nông" -> "Dak Nong"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
