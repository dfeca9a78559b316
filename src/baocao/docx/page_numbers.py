"""Page numbers as Decree 30 wants them: a PAGE field centred in the top margin, none on page 1.

:func:`add_page_numbers` is what the template builder does to each section; :func:`restore_page_numbers`
puts back what an editor dropped — LibreOffice, saving a template as .docx, loses the first section's
"different first page" setting and its page-number header (docs/templates.md).
"""

from __future__ import annotations

import warnings
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from . import oxml as ox

PAGE_NUMBER_PT = 14


def add_page_numbers(section: Any, *, restart: bool) -> None:
    """PAGE field centred in the section's header, hidden on its first page; *restart* numbers from 1."""
    section.different_first_page_header_footer = True
    ox.set_title_page(section, True)
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    with warnings.catch_warnings():  # a file saved by LibreOffice names the style by id ("header")
        warnings.filterwarnings("ignore", message="style lookup by style_id is deprecated")
        p.style = "Header"
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ox.add_page_field(p, size_pt=PAGE_NUMBER_PT)
    if restart:
        ox.set_page_number_start(section, 1)


def _own_page_field(header: Any) -> bool:
    return not header.is_linked_to_previous and ox.has_page_field(header._element)


def restore_page_numbers(document: Any) -> list[str]:
    """Add the page numbers a section lacks; return what was done, in Vietnamese (empty: nothing to do).

    A section after the first that has no header of its own shows the previous one and is left alone;
    a later section (an appendix) whose numbering does not restart is made to restart at 1.
    """
    done: list[str] = []
    for i, section in enumerate(document.sections):
        name = f"phần {i + 1}"
        inherits = i > 0 and section.header.is_linked_to_previous
        if not inherits and not _own_page_field(section.header):
            first_has_field = (not section.first_page_header.is_linked_to_previous
                               and ox.has_page_field(section.first_page_header._element))
            add_page_numbers(section, restart=i > 0)
            if first_has_field:
                for p in section.first_page_header.paragraphs:
                    p._p.getparent().remove(p._p)
                section.first_page_header.add_paragraph()
            done.append(f"{name}: thêm số trang ở giữa lề trên, ẩn ở trang đầu")
            continue
        info = ox.section_info(section._sectPr)
        if not info["title_page"]:
            ox.set_title_page(section, True)
            done.append(f"{name}: đặt 'trang đầu khác' để trang đầu không hiện số trang")
        if i > 0 and not inherits and info["page_start"] != 1:
            ox.set_page_number_start(section, 1)
            done.append(f"{name}: đánh số trang lại từ 1")
    return done
