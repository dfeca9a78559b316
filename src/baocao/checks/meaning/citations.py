"""One document cited in different ways: the citations of a text are read ("Công văn số 5768/UBND-KTN
ngày 10/11/2020 của UBND tỉnh Đắk Nông"), grouped by their number and symbol, and compared.

The document's own number and date count as a citation (from its header), so the "(Kèm theo …)" line
of an appendix and any sentence citing the document are held against them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from baocao import decree30 as d30
from baocao.docread.outline import Outline
from baocao.docread.places import Place

from ..finding import ERROR, CheckContext, Hit, check
from ..text import excerpt, fold

#: Kinds of documents cited in administrative texts, longest first ("Thông tư liên tịch" before "Thông tư").
DOCUMENT_TYPES = ("Nghị quyết liên tịch", "Thông tư liên tịch", "Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị",
                  "Kế hoạch", "Công văn", "Văn bản", "Chương trình", "Kết luận", "Thông tư", "Thông báo",
                  "Hướng dẫn", "Báo cáo", "Tờ trình", "Đề án", "Quy chế", "Quy định", "Công điện", "Luật",
                  "Pháp lệnh")
#: Type codes in symbols outside Decree 30's Appendix III (legal documents, Party documents).
_MORE_CODES = {"NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "KL": "Kết luận",
               "NQLT": "Nghị quyết liên tịch"}
_CODE_NAMES = {code: name.capitalize() for code, name in d30.TYPE_NAMES.items()} | _MORE_CODES
_DATE = r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}-\d{1,2}-\d{4}"
_SYMBOL = r"\d+(?:/\d{4})?(?:[/-][A-ZĐ][A-Za-zĐđ0-9]*)+"
_STOP = (r"\s+(?:về|v/v|ngày|tại|theo|nhằm|để|trên|đã|đến|năm|là|thì|với|cho|của|ban hành|quy định|hướng dẫn|"
         r"phê duyệt)\b|\s+và\s+(?:các\b|"
         rf"(?:{'|'.join(DOCUMENT_TYPES)})\b)|\s+\d|[;,.()“”\"]|$")
CITATION = re.compile(
    rf"(?P<type>{'|'.join(DOCUMENT_TYPES)})\s+(?:số\s*:?\s*)?(?P<symbol>{_SYMBOL})"
    rf"(?:\s*,?\s*ngày\s+(?P<date>{_DATE}))?(?:\s+(?:của|do)\s+(?P<issuer>[^;,.()]+?)(?={_STOP}))?",
    re.IGNORECASE)
#: Abbreviations written out before issuers are compared.
#: Agency codes of symbols that are not the initials of their issuer.
_AGENCY_NAMES = {"TW": ("trung ương", "bộ chính trị", "ban bí thư"), "TTg": ("thủ tướng",), "TU": ("tỉnh ủy",)}
_ABBREVIATIONS = {"ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "htx": "hợp tác xã",
                  "lmhtx": "liên minh hợp tác xã", "tw": "trung ương", "tp": "thành phố", "ttg": "thủ tướng",
                  "btv": "ban thường vụ", "bch": "ban chấp hành", "lhhtx": "liên hiệp hợp tác xã"}


@dataclass(frozen=True)
class Citation:
    """A document cited somewhere: its type, symbol, date and issuer as written there."""

    type: str
    symbol: str
    date: dt.date | None
    issuer: str
    text: str  # the citation as written
    excerpt: str  # the text around it
    place: Place

    @property
    def code(self) -> str | None:
        """The type code of the symbol ("KH" in "485/KH-UBND", "CTr" in "59-CTr/TU"), or ``None``."""
        parts = re.split(r"[/-]", self.symbol)[1:]
        parts = [p for p in parts if not p.isdigit()]
        for part in parts[:2]:
            if part in _CODE_NAMES:
                return part
        return None

    @property
    def agency(self) -> str | None:
        """The agency code of the symbol ("UBND" in "485/KH-UBND" and "5768/UBND-KTN", "TW" in "70-KL/TW")."""
        parts = [p for p in re.split(r"[/-]", self.symbol) if not p.isdigit()]
        if parts and parts[0] in _CODE_NAMES:
            parts = parts[1:]
        return parts[0] if parts else None

    @property
    def year(self) -> int | None:
        """The year written inside the symbol ("45/2021/NĐ-CP" → 2021), or ``None``."""
        m = re.match(r"\d+/(\d{4})/", self.symbol)
        return int(m.group(1)) if m else None


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    parts = [int(x) for x in re.findall(r"\d+", text)]
    try:
        return dt.date(parts[2], parts[1], parts[0])
    except (ValueError, IndexError):
        return None


#: The second line of a name a header breaks after its kind of body: "ỦY BAN NHÂN DÂN" / "TỈNH LẠNG SƠN".
_PLACE_LINE = re.compile(r"(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\b")


def _own_issuer(agency: list[str]) -> str:
    """The body that issues the document, from its header's agency lines: the last line (under its parent
    body's line), or the last two when the name runs over them ("ỦY BAN NHÂN DÂN" / "TỈNH LẠNG SƠN")."""
    if len(agency) >= 2 and _PLACE_LINE.match(agency[-1]):
        return f"{agency[-2]} {agency[-1]}"
    return agency[-1] if agency else ""


def citations(outline: Outline) -> list[Citation]:
    """Every citation of the document, in order, plus the document itself from its header."""
    out = []
    header = outline.header
    if header.symbol and header.symbol[0].isdigit() and outline.type_line is not None and header.number is not None:
        issuer = _own_issuer([a.flat for a in header.agency])
        out.append(Citation(outline.type_line.flat.capitalize(), header.symbol, header.date, issuer,
                            header.number.flat, header.number.flat, header.number.place))
    for line in outline.texts():
        if line.place.heading == "phần đầu văn bản" and line.place.table is not None:
            continue  # the header's own lines: read above
        text = line.flat
        for m in CITATION.finditer(text):
            out.append(Citation(m.group("type").capitalize(), m.group("symbol"), _date(m.group("date")),
                                (m.group("issuer") or "").strip(), m.group(0), excerpt(text, m.start(), m.end(), 20),
                                line.place))
    return out


#: Who signs for a body: "Chủ tịch UBND tỉnh" names the UBND.
_OFFICE = re.compile(r"^(?:phó\s+)?(?:chủ tịch|giám đốc|trưởng ban|bộ trưởng|thủ trưởng)\s+")


@lru_cache(maxsize=1024)
def _issuer_words(issuer: str) -> tuple[str, ...]:
    words = []
    for word in re.findall(r"[^\W\d_]+", _OFFICE.sub("", fold(issuer))):
        words.extend(_ABBREVIATIONS.get(word, word).split())
    return tuple(words)


def same_issuer(a: str, b: str) -> bool:
    """True when two issuers name the same body: equal once abbreviations are written out, or one inside
    the other ("UBND tỉnh" / "Chủ tịch UBND tỉnh Đắk Nông")."""
    x, y = _issuer_words(a), _issuer_words(b)
    if len(x) > len(y):
        x, y = y, x
    return any(y[i:i + len(x)] == x for i in range(len(y) - len(x) + 1))


def initials(issuer: str) -> str:
    """"Liên minh HTX Việt Nam" → "LMHTXVN", "Sở Nông nghiệp và Môi trường" → "SNNMT", "Ủy ban nhân dân" →
    "UBND" (a symbol's letters carry no tone marks; "Đ" stays)."""
    return "".join(w if w.isupper() and len(w) > 1 else _bare(w[0]).upper() for w in re.findall(r"[^\W\d_]+", issuer)
                   if w not in ("và", "của", "các"))


def _bare(letter: str) -> str:
    """A letter without its tone and vowel marks ("Ủ" → "U"); "Đ" is a letter of its own."""
    return letter if letter in "đĐ" else unicodedata.normalize("NFD", letter)[0]


def issuer_fits(agency: str, issuer: str) -> bool:
    """True when an issuer can have issued a symbol with this agency code: its initials hold the code
    ("UBND" in "Chủ tịch UBND tỉnh Đắk Nông") or begin like it ("Sở Nông nghiệp" for "SNNMT", the name cut
    short), or it is one of the code's bodies ("TW": Bộ Chính trị)."""
    if agency in _AGENCY_NAMES:
        return any(name in fold(issuer) for name in _AGENCY_NAMES[agency])
    code = agency.upper()
    for letters in (initials(issuer).upper(), initials(" ".join(_issuer_words(issuer))).upper()):
        if code in letters or letters[:2] == code[:2]:
            return True
    return False


def _by_symbol(ctx: CheckContext) -> dict[str, list[Citation]]:
    def make(c: CheckContext) -> dict[str, list[Citation]]:
        groups: dict[str, list[Citation]] = defaultdict(list)
        for cit in citations(c.outline):
            groups[cit.symbol.upper()].append(cit)
        return groups
    return ctx.derived("citations.by_symbol", make)


def _odd_ones(group: list[Citation], value) -> Iterator[tuple[Citation, Citation]]:
    """Citations whose value differs from the most common one, each with a citation holding that one."""
    written = [c for c in group if value(c)]
    if len({value(c) for c in written}) < 2:
        return
    common, _n = Counter(value(c) for c in written).most_common(1)[0]
    reference = next(c for c in written if value(c) == common)
    for c in written:
        if value(c) != common:
            yield c, reference


def _hit(c: Citation, other: Citation, message: str) -> Hit:
    return Hit(c.place, message, c.excerpt, other=other.excerpt, other_place=other.place)


def _numbered_again(a: Citation, b: Citation) -> bool:
    """Two documents that share a symbol without a year: numbers start again each year, so "02/CT-TTg ngày
    04/7/2018" and "02/CT-TTg ngày 15/11/2019" are two directives. Told from a slip by day, month and year all
    differing (a slip changes one of them: "11/9/2020" for "11/9/2021" is still found)."""
    if a.year is not None or a.date is None or b.date is None:
        return False
    return a.date.year != b.date.year and a.date.month != b.date.month and a.date.day != b.date.day


@check("trich_dan.khac_ngay", "Một văn bản được trích dẫn với ngày khác nhau", ERROR)
def citation_dates(ctx: CheckContext) -> Iterator[Hit]:
    """The same number and symbol cited with two dates."""
    for symbol, group in _by_symbol(ctx).items():
        for c, ref in _odd_ones(group, lambda c: c.date):
            if _numbered_again(c, ref):
                continue
            yield _hit(c, ref, f"văn bản số {symbol} ghi ngày {c.date:%d/%m/%Y}, nơi khác ghi ngày {ref.date:%d/%m/%Y}")


@check("trich_dan.khac_loai", "Một văn bản được trích dẫn với tên loại khác nhau hoặc khác ký hiệu loại", ERROR)
def citation_types(ctx: CheckContext) -> Iterator[Hit]:
    """The same symbol cited as two types, or a type that its symbol's code contradicts ("Công văn số 485/KH-…")."""
    for symbol, group in _by_symbol(ctx).items():
        for c, ref in _odd_ones(group, lambda c: c.type.lower()):
            yield _hit(c, ref, f"văn bản số {symbol} ghi là «{c.type}», nơi khác ghi là «{ref.type}»")
        for c in group:
            name = _CODE_NAMES.get(c.code or "")
            party_rule = c.code == "QĐ" and re.match(r"\d+-QĐ/", c.symbol) and c.type.lower() == "quy định"
            if name and c.type.lower() not in (name.lower(), "văn bản") and not party_rule:  # Party "69-QĐ/TW": Quy định
                yield Hit(c.place, f"tên loại «{c.type}» không khớp ký hiệu loại «{c.code}» trong số {symbol} "
                                   f"(ký hiệu {c.code} là {name})", c.excerpt)


@check("trich_dan.khac_co_quan", "Một văn bản được trích dẫn với cơ quan ban hành khác nhau", ERROR)
def citation_issuers(ctx: CheckContext) -> Iterator[Hit]:
    """The same symbol cited with issuers that cannot be the same body."""
    for symbol, group in _by_symbol(ctx).items():
        named = [c for c in group if c.issuer]
        counts = Counter(c.issuer for c in named)
        for c in named:
            differ = [i for i in counts if not same_issuer(c.issuer, i)]
            against = sum(counts[i] for i in differ)
            if against and against > len(named) - 1 - against:  # c stands against most of the others
                other = next(o for o in named if o.issuer == differ[0])
                yield _hit(c, other, f"văn bản số {symbol} ghi của «{c.issuer}», nơi khác ghi của «{other.issuer}»")


@check("trich_dan.co_quan_ky_hieu", "Cơ quan ban hành không khớp ký hiệu cơ quan trong số của văn bản", ERROR)
def citation_agency(ctx: CheckContext) -> Iterator[Hit]:
    """An issuer that cannot have issued the symbol ("485/KH-UBND … của Thủ tướng Chính phủ")."""
    for group in _by_symbol(ctx).values():
        for c in group:
            agency = c.agency
            if agency and len(agency) >= 2 and len(c.issuer.split()) >= 2 and not issuer_fits(agency, c.issuer):
                yield Hit(c.place, f"số {c.symbol} là của cơ quan có ký hiệu «{agency}», nhưng ghi của «{c.issuer}»",
                          c.excerpt)


@check("trich_dan.nam_ky_hieu", "Ngày của văn bản được trích dẫn khác năm ghi trong số, ký hiệu", ERROR)
def citation_year(ctx: CheckContext) -> Iterator[Hit]:
    """A date whose year is not the one written in the symbol ("45/2021/NĐ-CP ngày 31/3/2020")."""
    for group in _by_symbol(ctx).values():
        for c in group:
            if c.year and c.date and c.date.year != c.year:
                yield Hit(c.place, f"số, ký hiệu {c.symbol} mang năm {c.year} nhưng ghi ngày {c.date:%d/%m/%Y}", c.excerpt)


@check("trich_dan.kem_theo", "Dòng 'Kèm theo' của phụ lục khác số, ngày, tên loại của chính văn bản", ERROR)
def appendix_reference(ctx: CheckContext) -> Iterator[Hit]:
    """Each appendix's "(Kèm theo …)" line against the document's header."""
    outline = ctx.outline
    header = outline.header
    if header.number is None:
        return
    symbol = header.symbol or ""
    draft = symbol.startswith(("/", "-"))
    for appendix in outline.appendices:
        ref = appendix.reference
        if ref is None:
            continue
        found = next(CITATION.finditer(ref.flat), None)
        if found is None:
            continue
        cited = _date(found.group("date"))
        bad = []
        if outline.type_line is not None and found.group("type").lower() != outline.type_line.flat.lower():
            bad.append(f"tên loại «{found.group('type')}» (văn bản là {outline.type_line.flat})")
        if not draft and found.group("symbol").upper() != symbol.upper():
            bad.append(f"số «{found.group('symbol')}» (văn bản số {symbol})")
        if header.date and cited and cited != header.date:
            bad.append(f"ngày {cited:%d/%m/%Y} (văn bản ngày {header.date:%d/%m/%Y})")
        if bad:
            yield Hit(ref.place, f"dòng 'Kèm theo' của {appendix.name} ghi " + "; ".join(bad), ref.flat,
                      other=f"{header.number.flat}; {header.place_date.flat if header.place_date else ''}",
                      other_place=header.number.place)
