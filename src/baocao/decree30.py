"""The facts of Decree 30/2020/NĐ-CP (Appendix I layout, Appendix III type codes) baocao relies on, in one place.

The plan model validates against these, the layout checks (:mod:`baocao.checks`) measure documents
against them, and ``tools/build_templates.py`` writes the motto from them. Figures are in the units
the decree uses (mm, pt, lines); sources are in shared docs "vietnamese-admin-documents" §1.

Only the standard library is imported: the plan model and the CLI load this module.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------- words

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#: The motto: hyphens with a space on each side (an en dash is wrong).
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

#: Type codes (ký hiệu loại) and type names (tên loại), Appendix III, in the decree's order.
#: A công văn has no code: its number carries the agency code only.
TYPE_NAMES: dict[str, str] = {
    "NQ": "NGHỊ QUYẾT", "QĐ": "QUYẾT ĐỊNH", "CT": "CHỈ THỊ", "QC": "QUY CHẾ", "QyĐ": "QUY ĐỊNH",
    "TC": "THÔNG CÁO", "TB": "THÔNG BÁO", "HD": "HƯỚNG DẪN", "CTr": "CHƯƠNG TRÌNH", "KH": "KẾ HOẠCH",
    "PA": "PHƯƠNG ÁN", "ĐA": "ĐỀ ÁN", "DA": "DỰ ÁN", "BC": "BÁO CÁO", "BB": "BIÊN BẢN", "TTr": "TỜ TRÌNH",
    "HĐ": "HỢP ĐỒNG", "CĐ": "CÔNG ĐIỆN", "BGN": "BẢN GHI NHỚ", "BTT": "BẢN THỎA THUẬN",
    "GUQ": "GIẤY ỦY QUYỀN", "GM": "GIẤY MỜI", "GGT": "GIẤY GIỚI THIỆU", "GNP": "GIẤY NGHỈ PHÉP",
    "PG": "PHIẾU GỬI", "PC": "PHIẾU CHUYỂN", "PB": "PHIẾU BÁO",
}
#: Type name → type code.
TYPE_CODES: dict[str, str] = {name: code for code, name in TYPE_NAMES.items()}

#: Signing authority prefixes: on behalf of (TM.), acting (Q.), deputy for (KT.), by order of (TL.),
#: under delegation (TUQ.).
SIGNER_PREFIXES = ("TM.", "Q.", "KT.", "TL.", "TUQ.")
#: An authority line that starts with one of :data:`SIGNER_PREFIXES` and a space: "KT. CHỦ TỊCH".
SIGNER_PREFIX = re.compile(r"^(%s) " % "|".join(re.escape(p) for p in SIGNER_PREFIXES))

#: What the reference line under an appendix title starts with: "(Kèm theo Kế hoạch số …)".
APPENDIX_REF_START = "(Kèm theo"
#: The body of a document ends with these characters.
BODY_END = "./."

# --------------------------------------------------------------------------- patterns

_CODES = "|".join(sorted(TYPE_NAMES, key=len, reverse=True))  # longest first: "CTr" before "CT"
#: Agency part of a number-symbol: upper-case groups joined by hyphens ("LMHTX", "UBND-KTN", "BNV-VP").
AGENCY = r"[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐ][A-ZĐa-z0-9]*)*"
AGENCY_CODE = re.compile(rf"^{AGENCY}$")
#: A document number: Arabic digits, a leading 0 below 10 ("05", "188").
NUMBER = r"(?:0[1-9]|[1-9]\d+)"
DOC_NUMBER = re.compile(rf"^{NUMBER}$")

#: The number line of a typed document: "Số: 188/KH-LMHTX" (groups: number, type code, agency).
NUMBER_LINE = re.compile(rf"^Số: ({NUMBER})/({_CODES})-({AGENCY})$")
#: The number line of a draft, number left blank for the clerk: "Số:      /KH-LMHTX".
NUMBER_LINE_DRAFT = re.compile(rf"^Số:\s+/({_CODES})-({AGENCY})$")
#: The number line of a công văn, agency code only: "Số: 05/BNV-VP" (groups: number, agency).
CONG_VAN_NUMBER_LINE = re.compile(rf"^Số: ({NUMBER})/({AGENCY})$")

#: Place and date line: "Đắk Nông, ngày 11 tháng 5 năm 2021" (the leading-zero rule is checked apart).
DATE_LINE = re.compile(r"^(?P<place>[^,]+), ngày (?P<d>\d+) tháng (?P<m>\d+) năm (?P<y>\d{4})$")
#: The date line of a draft, day and month left blank: "Đắk Nông, ngày    tháng    năm 2021".
DATE_LINE_DRAFT = re.compile(r"^(?P<place>[^,]+), ngày\s+tháng\s+năm (?P<y>\d{4})$")

#: An appendix heading: "Phụ lục", "Phụ lục II", "Phụ lục 2" (group ``n``: the numeral).
APPENDIX_HEADING = re.compile(r"^Phụ lục(?: (?P<n>[IVXLC]+|\d+))?$")
#: Number and date inside the appendix reference line ("… số 188/KH-LMHTX ngày 11 tháng 5 năm 2021 …");
#: group ``colon`` holds a ":" after "số" that specimen 2.1 does not write.
APPENDIX_REF = re.compile(r"số(?P<colon>:?)\s*(?P<num>[0-9]+/[^\s,]+)\s+ngày\s+(?P<d>\d+)\s+tháng\s+"
                          r"(?P<m>\d+)\s+năm\s+(?P<y>\d{4})")
#: A numbered heading in the body: "I. ", "1. ", "1.1. ", "a) ".
HEADING_NUMBER = re.compile(r"^([IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")

# --------------------------------------------------------------------------- figures

#: Paper: A4, short and long side in mm.
A4_MM = (210, 297)
#: Margin ranges in mm, the same in portrait and landscape sections.
MARGINS_MM: dict[str, tuple[float, float]] = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35),
                                              "right": (15, 20)}
#: Font sizes (pt), as (smallest, largest) allowed.
BODY_SIZE_PT = (13, 14)
QUOC_HIEU_SIZE_PT = (12, 13)
TIEU_NGU_SIZE_PT = (13, 14)
#: Quốc hiệu / Tiêu ngữ size pairs in use (Circular 01/2011 practice): anything else is worth a look.
MOTTO_SIZE_PAIRS = ((12, 13), (13, 14))
KINH_GUI_SIZE_PT = (13, 14)
PAGE_NUMBER_SIZE_PT = (13, 14)
NOI_NHAN_LABEL_SIZE_PT = 12
NOI_NHAN_LIST_SIZE_PT = 11
APPENDIX_HEADING_SIZE_PT = 14
#: Body paragraphs: first-line indent 1 cm or 1.27 cm, at least 6 pt between paragraphs, line spacing
#: from single to 1.5 lines.
FIRST_LINE_INDENT_MM = (10, 12.7)
PARAGRAPH_SPACING_MIN_PT = 6
LINE_SPACING_LINES = (1.0, 1.5)
#: Blank lines left between the signer's title and name for the signature and seal (practice: 3–4).
SIGNATURE_SPACE_LINES = 3
