"""Administrative units after the 2025 reorganisation: which bodies a document's header and addressees
can no longer name. (The report's own rule for its header is :mod:`baocao.report.reorganisation`.)

From 01/7/2025 (Resolutions 202/2025/QH15 and 203/2025/QH15) 63 provinces became 34 and the district
level (huyện, quận, thị xã, and cities under a province) ended; from 01/3/2025 several ministries were
merged (Resolution 176/2025/QH15) and the provinces' departments with them. A document dated on or
after :data:`EFFECTIVE` cannot be issued by, or addressed to, one of these bodies.

Only the standard library is imported: the checks load this module.
"""

from __future__ import annotations

import datetime as dt
import re

#: The day the merged provinces and the two-level local government took office.
EFFECTIVE = dt.date(2025, 7, 1)

#: The 29 provinces that no longer exist → the province that took them over.
MERGED_PROVINCES: dict[str, str] = {
    "Hà Giang": "Tuyên Quang", "Yên Bái": "Lào Cai", "Bắc Kạn": "Thái Nguyên", "Vĩnh Phúc": "Phú Thọ",
    "Hòa Bình": "Phú Thọ", "Bắc Giang": "Bắc Ninh", "Thái Bình": "Hưng Yên", "Hải Dương": "Hải Phòng",
    "Hà Nam": "Ninh Bình", "Nam Định": "Ninh Bình", "Quảng Bình": "Quảng Trị", "Quảng Nam": "Đà Nẵng",
    "Kon Tum": "Quảng Ngãi", "Bình Định": "Gia Lai", "Ninh Thuận": "Khánh Hòa", "Đắk Nông": "Lâm Đồng",
    "Bình Thuận": "Lâm Đồng", "Phú Yên": "Đắk Lắk", "Bình Dương": "Hồ Chí Minh",
    "Bà Rịa - Vũng Tàu": "Hồ Chí Minh", "Bình Phước": "Đồng Nai", "Long An": "Tây Ninh", "Sóc Trăng": "Cần Thơ",
    "Hậu Giang": "Cần Thơ", "Bến Tre": "Vĩnh Long", "Trà Vinh": "Vĩnh Long", "Tiền Giang": "Đồng Tháp",
    "Bạc Liêu": "Cà Mau", "Kiên Giang": "An Giang",
}

#: The cities governed by the centre: "UBND thành phố Hà Nội" is a province-level body, not a district.
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")

#: Ministries and provincial departments merged in 2025 → the body that took their work over.
MERGED_BODIES: dict[str, str] = {
    "Bộ Kế hoạch và Đầu tư": "Bộ Tài chính",
    "Bộ Giao thông vận tải": "Bộ Xây dựng",
    "Bộ Tài nguyên và Môi trường": "Bộ Nông nghiệp và Môi trường",
    "Bộ Nông nghiệp và Phát triển nông thôn": "Bộ Nông nghiệp và Môi trường",
    "Bộ Thông tin và Truyền thông": "Bộ Khoa học và Công nghệ",
    "Bộ Lao động - Thương binh và Xã hội": "Bộ Nội vụ",
    "Ủy ban Dân tộc": "Bộ Dân tộc và Tôn giáo",
    "Sở Kế hoạch và Đầu tư": "Sở Tài chính",
    "Sở Giao thông vận tải": "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường": "Sở Nông nghiệp và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn": "Sở Nông nghiệp và Môi trường",
    "Sở Thông tin và Truyền thông": "Sở Khoa học và Công nghệ",
    "Sở Lao động - Thương binh và Xã hội": "Sở Nội vụ",
}


def _name(name: str) -> str:
    """A name as a pattern: any case, any spacing, "-" or "–" between its parts."""
    return r"\s*[-–]\s*".join(r"\s+".join(map(re.escape, part.split())) for part in name.split(" - "))


_PROVINCE = re.compile(r"\btỉnh\s+(" + "|".join(_name(n) for n in MERGED_PROVINCES) + r")\b", re.IGNORECASE)
_DISTRICT = re.compile(r"\b(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân|Phòng [^,;]*?)\s+"
                       r"(?:các\s+)?(?:huyện|quận|thị xã|thành phố)\b(?:\s*,\s*(?:thị xã|thành phố))?"
                       r"(?:\s+(?P<name>[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*))?", re.IGNORECASE)
_BODY = re.compile("|".join(_name(n) for n in MERGED_BODIES), re.IGNORECASE)


def gone_bodies(text: str) -> list[tuple[str, str, int, int]]:
    """The bodies ``text`` names that no longer exist after the reorganisation:
    ``(as written, who took over, start, end)``.

    A province that was merged ("tỉnh Đắk Nông"), a district-level body ("UBND huyện Cư Jút",
    "UBND các huyện, thành phố"; a city governed by the centre is not one), a merged ministry or department.
    """
    out = []
    for m in _PROVINCE.finditer(text):
        name = " ".join(m.group(1).replace("–", "-").split())
        successor = next(v for k, v in MERGED_PROVINCES.items() if k.lower() == name.lower())
        out.append((m.group(0), f"tỉnh {successor}", m.start(), m.end()))
    for m in _DISTRICT.finditer(text):
        name = m.group("name") or ""
        if any(name.lower().startswith(c.lower()) for c in CENTRAL_CITIES):
            continue
        out.append((m.group(0), "cấp xã hoặc cấp tỉnh (không còn cấp huyện)", m.start(), m.end()))
    for m in _BODY.finditer(text):
        key = " ".join(m.group(0).replace("–", "-").split()).lower()
        successor = next(v for k, v in MERGED_BODIES.items() if k.lower() == key)
        out.append((m.group(0), successor, m.start(), m.end()))
    return sorted(out, key=lambda x: x[2])
