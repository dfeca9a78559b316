"""The header of a Decree-30 document (ô 1–4): agency lines, number and symbol, Quốc hiệu and Tiêu ngữ,
place and date — typed in a two-column table or in paragraphs whose columns are split by tabs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from baocao import decree30 as d30

from .blocks import Paragraph, Table, flat
from .places import HEADER_PART, Line, Place

#: A rule drawn with characters under the header or the summary: "_______".
RULE_LINE = re.compile(r"^[\s_\-—–=.]+$")
_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<num>\d*)\s*(?P<sep>[/-])\s*(?P<rest>\S+)")
_DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_DRAFT_DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\b.*?năm\s+(?P<y>\d{4})")


@dataclass
class Header:
    """Ô 1–4 of Decree 30: the agency lines, the number, Quốc hiệu and Tiêu ngữ, place and date."""

    agency: list[Line] = field(default_factory=list)  # parent body, then the issuer
    number: Line | None = None  # "Số: 188/KH-LMHTX"
    subject: list[Line] = field(default_factory=list)  # "V/v …" of a công văn
    motto: list[Line] = field(default_factory=list)
    place_date: Line | None = None
    marks: list[Line] = field(default_factory=list)  # above the header: "DỰ THẢO", độ mật, độ khẩn

    @property
    def lines(self) -> list[Line]:
        """Every line of the header."""
        return [*self.marks, *self.agency, *([self.number] if self.number else []), *self.subject, *self.motto,
                *([self.place_date] if self.place_date else [])]

    @property
    def symbol(self) -> str | None:
        """The number and symbol ("188/KH-LMHTX"; a draft: "/KH-LMHTX"), or ``None``."""
        m = _NUMBER_LINE.match(self.number.flat) if self.number else None
        return f"{m.group('num')}{m.group('sep')}{m.group('rest')}" if m else None

    @property
    def number_parts(self) -> tuple[str, str] | None:
        """The number and what follows it in Decree-30 form ("188", "KH-LMHTX"; a draft: "", "KH-LMHTX"), or
        ``None`` (no number, or a Party number such as "12-KH/TU")."""
        m = _NUMBER_LINE.match(self.number.flat) if self.number else None
        return (m.group("num"), m.group("rest")) if m and m.group("sep") == "/" else None

    @property
    def place(self) -> str | None:
        """The place before the date ("Đắk Nông"), also in a draft; ``None`` when unreadable."""
        m = _DRAFT_DATE.match(self.place_date.flat) if self.place_date else None
        return m.group("place").strip() if m else None

    @property
    def type_code(self) -> str | None:
        """The type code of the symbol ("KH"), ``None`` for a công văn or when there is no number."""
        m = _NUMBER_LINE.match(self.number.flat) if self.number else None
        code = m.group("rest").split("-")[0] if m and "-" in m.group("rest") else None
        return code if code in d30.TYPE_NAMES else None

    @property
    def date(self) -> dt.date | None:
        """The document's date, ``None`` when left blank (a draft) or unreadable."""
        m = _DATE.match(self.place_date.flat) if self.place_date else None
        if not m:
            return None
        try:
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            return None

    @property
    def year(self) -> int | None:
        """The year of the document's date, also when the day and month are left blank."""
        m = _DRAFT_DATE.match(self.place_date.flat) if self.place_date else None
        return int(m.group("y")) if m else None


def split_columns(text: str) -> list[str]:
    """A header line typed as "LEFT<tab>RIGHT" (or with a run of spaces) → its parts."""
    return [part.strip() for part in re.split(r"\t+| {3,}", text) if part.strip()]


def _is_motto(text: str) -> bool:
    upper = flat(text).upper()
    return upper == d30.QUOC_HIEU or flat(text).replace("–", "-").lower() == d30.TIEU_NGU.lower()


def _is_date(text: str) -> bool:
    return bool(_DRAFT_DATE.match(flat(text)))


def _add_header_line(header: Header, text: str, place: Place, right: bool) -> None:
    line = Line(text, place)
    if not line.flat or RULE_LINE.match(line.flat):
        return
    if _is_motto(text):
        header.motto.append(line)
    elif _is_date(text):
        header.place_date = line
    elif right:
        header.motto.append(line)  # whatever else stands under the motto
    elif _NUMBER_LINE.match(line.flat) or re.match(r"^Số\s*:?\s*$", line.flat):
        header.number = line
    elif line.flat.startswith(("V/v", "v/v")) or header.subject:
        header.subject.append(line)
    elif header.number is None:
        header.agency.append(line)


def header_from_table(table: Table) -> Header:
    header = Header()
    for row in table.rows:
        for cell in row:
            if cell.continued:
                continue
            place = Place(table=table.number, row=cell.row, column=cell.column, heading=HEADER_PART)
            for text in cell.text.split("\n"):
                _add_header_line(header, text, place, right=cell.column > 1)
    return header


def header_from_paragraphs(paragraphs: list[Paragraph]) -> Header:
    header = Header()
    for p in paragraphs:
        place = Place(paragraph=p.number, heading=HEADER_PART)
        for text in p.text.split("\n"):
            parts = split_columns(text)
            for i, part in enumerate(parts):
                _add_header_line(header, part, place, right=i > 0 and i == len(parts) - 1)
    return header


def looks_like_header(table: Table) -> bool:
    words = " ".join(c.flat for row in table.rows for c in row).upper()
    return "CỘNG HÒA" in words or "ĐỘC LẬP" in words or bool(re.search(r"\bSỐ\s*:", words))
