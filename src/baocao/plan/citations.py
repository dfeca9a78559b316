"""Cited documents and the paragraphs that cite them: legal bases ("Căn cứ …;") and cited preamble sentences.

A citation is kept as structure (type, number, date, issuer, subject) so it can be checked and
reused, and renders back to the words the document writes. A paragraph is a lead ("Căn cứ",
"Xét đề nghị của", "Để triển khai thực hiện"), optional free words, its citations, optional
words after them, and its closing mark.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, model_validator

from ..vnformat import date_short, parse_date
from .base import Model


class Citation(Model):
    """A cited document: type, number-symbol, date, issuer, subject (each optional but the type).

    ``date`` may be written as the document writes it ("19 tháng 6 năm 2015", "26-11-2003"); the
    words are kept in ``date_text`` and the date is read from them. ``about`` is the word before the
    subject ("về"; "" when the subject follows the issuer directly: "… của Thủ tướng Chính phủ phê
    duyệt …"); ``number_word`` the word before the number ("số"; the Nghệ An decision writes "số:").
    """

    joiner: str = "; "  # text placed before this citation when it is not the first of its paragraph
    type: str  # "Nghị quyết", "Kế hoạch", "Công văn", "Luật Hợp tác xã"
    number_word: str = "số"
    symbol: str | None = None  # "134/NQ-CP"
    date: dt.date | None = None
    date_text: str | None = None  # the date as written, when not the short form "25/9/2020"
    issuer: str | None = None  # "Chính phủ"
    about: str = "về"
    subject: str | None = None  # text after ``about``

    @model_validator(mode="before")
    @classmethod
    def _date_as_written(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("date"), str):
            data = dict(data)
            text = data.pop("date")
            if data.get("date_text") not in (None, text):
                raise ValueError(f"'date' ({text}) và 'date_text' ({data['date_text']}) khác nhau")
            try:
                data["date"] = parse_date(text)
            except ValueError as exc:
                raise ValueError(f"ngày của văn bản được dẫn: {exc}") from None
            data["date_text"] = text
        return data

    @model_validator(mode="after")
    def _date_text_matches(self) -> "Citation":
        if self.date_text is not None:
            try:
                written = parse_date(self.date_text)
            except ValueError as exc:
                raise ValueError(f"'date_text': {exc}") from None
            if self.date is not None and written != self.date:
                raise ValueError(f"'date_text' ({self.date_text}) không khớp 'date' ({self.date.isoformat()})")
        return self

    def text(self) -> str:
        """The citation in words: "Nghị quyết số 134/NQ-CP ngày 25/9/2020 của Chính phủ về …"."""
        out = self.type
        if self.symbol:
            out += f" {self.number_word} {self.symbol}"
        if self.date:
            out += f" ngày {self.date_text or date_short(self.date)}"
        if self.issuer:
            out += f" của {self.issuer}"
        if self.subject:
            out += f" {self.about} {self.subject}" if self.about else f" {self.subject}"
        return out


class LegalBasis(Model):
    """A paragraph that cites: lead, free words, citations, words after them, closing mark.

    Legal bases: "Căn cứ Luật …;" (lead "Căn cứ"), "Xét đề nghị của Giám đốc Sở … tại Tờ trình số
    …;" (lead "Xét đề nghị của", ``words`` "Giám đốc Sở Thương mại tại", one citation). A preamble
    sentence: "Để triển khai thực hiện Nghị quyết …, Kế hoạch …, UBND tỉnh ban hành Kế hoạch như
    sau:" (citations joined by ", ", ``after`` ", UBND tỉnh ban hành Kế hoạch như sau", end ":").
    """

    lead: str = "Căn cứ"
    words: str = ""  # free words after the lead, before the citations
    citations: list[Citation] = Field(default_factory=list)
    after: str = ""  # words after the citations, with their own leading mark (", Thủ tướng … như sau")
    end: str = ";"

    @model_validator(mode="after")
    def _something_cited(self) -> "LegalBasis":
        if not self.citations and not self.words:
            raise ValueError("đoạn căn cứ cần 'citations' (văn bản được dẫn) hoặc 'words' (lời văn)")
        return self

    def text(self) -> str:
        parts = [self.lead] if self.lead else []
        if self.words:
            parts.append(self.words)
        if self.citations:
            cited = self.citations[0].text() + "".join(c.joiner + c.text() for c in self.citations[1:])
            parts.append(cited)
        return " ".join(parts) + self.after + self.end
