"""The wrong authority after the 2025 reorganisation: a document dated on or after 01/7/2025 whose
header (issuer, parent body, place) or addressees ("Kính gửi", "Nơi nhận") name a body that no longer
exists (:mod:`baocao.admin_units`)."""

from __future__ import annotations

from collections.abc import Iterator

from baocao import admin_units
from baocao.vnformat import date_short

from ..finding import ERROR, CheckContext, Hit, check
from ..text import excerpt


@check("to_chuc.sau_sap_xep", "Cơ quan ban hành hoặc nơi nhận không còn sau sắp xếp ngày 01/7/2025", ERROR)
def gone_authority(ctx: CheckContext) -> Iterator[Hit]:
    """The header and the addressees of a document dated after the reorganisation."""
    outline = ctx.outline
    header = outline.header
    issued = header.date
    if issued is None and header.year is not None and header.year > admin_units.EFFECTIVE.year:
        issued = admin_units.EFFECTIVE.replace(year=header.year)  # a draft of a later year, day left blank
    if issued is None or issued < admin_units.EFFECTIVE:
        return
    when = date_short(header.date) if header.date else f"năm {header.year}"
    lines = [(line, "phần đầu") for line in header.agency]
    lines += [(line, "Kính gửi") for line in outline.addressees]
    lines += [(line, "Nơi nhận") for line in outline.copies]
    if outline.attached is not None:  # the plan a decision issues: its own head and "Nơi nhận"
        lines += [(line, "phần đầu") for line in outline.attached.header.agency]
        lines += [(line, "Nơi nhận") for line in outline.attached.copies]
    for line, part in lines:
        for written, successor, start, end in admin_units.gone_bodies(line.flat):
            yield Hit(line.place, f"{part}: «{written}» không còn từ ngày {date_short(admin_units.EFFECTIVE)} "
                                  f"(thay bằng {successor}); văn bản ghi ngày {when}", excerpt(line.flat, start, end))
    if header.place_date is not None:
        place = header.place_date.flat.split(",")[0].strip()
        successor = next((v for k, v in admin_units.MERGED_PROVINCES.items() if k.lower() == place.lower()), None)
        if successor:
            yield Hit(header.place_date.place, f"địa danh «{place}» không còn là tên tỉnh từ ngày "
                                               f"{date_short(admin_units.EFFECTIVE)} (nay là {successor}); "
                                               f"văn bản ghi ngày {when}", header.place_date.flat)
