"""Numbers in a plan file, read the Vietnamese way or refused with the reason, never misread.

A quoted number is Vietnamese: "6.600" is 6600, "2,5" is 2.5, "1.234,5" is 1234.5 (the rules of
:func:`baocao.vnformat.parse_number`). An unquoted 6.600 is refused: YAML has already read it as the
float 6.6, and the loader keeps its words (:class:`baocao.yamlfile.AmbiguousNumber`) so the message can
say how to write either meaning. Unquoted YAML numbers without a thousands group (90, 1.5, 0.25) are
taken as YAML reads them.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator

from ..vnformat import number, parse_number
from ..yamlfile import AmbiguousNumber


def plan_number(value: Any) -> Any:
    """A number field's value: Vietnamese text read, an ambiguous unquoted number refused."""
    if isinstance(value, AmbiguousNumber):
        english = float(value.text)
        vietnamese = parse_number(value.text)
        raise ValueError(
            f"số {value.text} viết không có ngoặc kép nên YAML đọc là {number(english)}; nếu là "
            f"{number(vietnamese)} hãy viết \"{value.text}\" (trong ngoặc kép) hoặc {vietnamese}, nếu là "
            f"{number(english)} hãy viết \"{number(english)}\" hoặc {english}")
    if isinstance(value, str):
        try:
            return parse_number(value)
        except ValueError:
            raise ValueError(f"không đọc được số '{value}' (viết kiểu Việt Nam: \"6.600\", \"2,5\", "
                             "\"1.234,5\")") from None
    return value


#: A float field of the plan file that reads Vietnamese-written numbers (see the module docstring).
VnNumber = Annotated[float, BeforeValidator(plan_number)]
