#!/usr/bin/env python
"""Build the Decree 30/2020 docx templates: templates/docx/ke-hoach.docx, phu-luc.docx, bao-cao.docx, and the
general van-ban.docx (a decision and the plan it issues, any number of appendices) and cac-phu-luc.docx.

Run from the repository root::

    .venv/bin/python tools/build_templates.py            # rebuild the five files
    .venv/bin/python tools/build_templates.py --check    # fail if the committed files are stale

The output is byte-for-byte reproducible (fixed zip timestamps and core properties), so a rebuild
that changes nothing leaves git clean. Clerks may also edit the built files in Word/LibreOffice;
docs/templates.md says what must be kept when they do.

Layout (Decree 30/2020/NĐ-CP, Appendix I; figures in shared docs "vietnamese-admin-documents" §1):
A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman everywhere, body 14 pt.
Every Jinja tag is written as one run by python-docx, so Word's run splitting cannot break it.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import docx  # noqa: E402
from docx.enum.section import WD_SECTION  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from baocao.decree30 import QUOC_HIEU, TIEU_NGU  # noqa: E402
from baocao.docx import oxml as ox  # noqa: E402
from baocao.docx.page_numbers import add_page_numbers  # noqa: E402

OUT_DIR = ROOT / "templates" / "docx"

# --------------------------------------------------------------------------- layout figures (mm)
MARGINS = {"top_mm": 20, "bottom_mm": 20, "left_mm": 30, "right_mm": 15, "header_mm": 10}
PORTRAIT_TEXT = 210 - 30 - 15  # 165 mm
LANDSCAPE_TEXT = 297 - 30 - 15  # 252 mm

# Header: bold 12 pt "LIÊN MINH HTX TỈNH ĐẮK NÔNG" is 69.7 mm and bold 12 pt Quốc hiệu 88.3 mm
# (Liberation Serif = Times New Roman metrics). Cell padding is zeroed and the table is pulled
# 5 mm into the 30 mm left margin, so neither wraps: 72 + 98 = 170 mm.
HEADER_COLS = (72, 98)
HEADER_INDENT = -5
ISSUER_RULE = 30  # 1/3–1/2 of the agency name
MOTTO_RULE = 56  # as long as "Độc lập - Tự do - Hạnh phúc" bold 13 pt (56.1 mm)
SUMMARY_RULE = 55  # 1/3 of a full subject line
APPENDIX_RULE = 40
DRAFT_BOX = 32

# Signature: Nơi nhận ≈ 45 % | signer ≈ 55 % (§1.3). The longest usual entry, "- Liên minh HTX Việt Nam
# khu vực MT-TN (b/c);" (11 pt), is 78.9 mm: in a 75 mm column its "(b/c);" fell alone on a line. The
# table is pulled 5 mm into the left margin like the header (170 mm in all), so Nơi nhận gets 82 mm
# (48 %) and the signer's column (88 mm, 52 %; "PHÓ CHỦ TỊCH THƯỜNG TRỰC" bold 14 pt is 75.6 mm)
# keeps its centre within 1 mm of where it was.
SIGN_COLS = (82, 88)
SIGN_INDENT = HEADER_INDENT
APPENDIX_COLS = (12, 128, 55, 35, 22)  # Stt | Nhiệm vụ | Chủ trì tham mưu | Thời gian | Ghi chú = 252
APPENDIX_HEADERS = ("Stt", "Nhiệm vụ", "Chủ trì tham mưu", "Thời gian thực hiện", "Ghi chú")

# Report (bao-cao.docx). "Kính gửi:" (14 pt) is 19.0 mm wide, "Kính gửi: " 20.2 mm, "- " 2.9 mm.
KINH_GUI_INDENT = 30  # left edge of "Kính gửi:" in a several-recipient block
KINH_GUI_LABEL = 20.2  # recipients start under the end of "Kính gửi: "
KINH_GUI_DASH = 2.9  # hanging indent: a wrapped name lines up after "- "
# Phụ lục I and II, = 252 mm. A cell has 1.9 mm padding each side; 13 pt widths: "Chưa có số liệu"
# 28.6 mm, "Không định lượng" 33.7 mm (Đánh giá 38 mm: every verdict on one line), "LHHTX/năm" 24.7 mm (ĐVT
# 29 mm); a figure cell shows the number alone, its unit is in ĐVT (or "(%)" in the header).
# Phụ lục I: Stt | Chỉ tiêu | ĐVT | six figure columns whose headers the report gives (a progress report:
# Mục tiêu | Lộ trình | Thực hiện | Cùng kỳ | % | Đánh giá; a summary: Đầu kỳ | Thực hiện | Ước thực hiện |
# Mục tiêu | % | Đánh giá); "từ 3-5 thành viên quản lý" fits the first figure column on two lines.
INDICATOR_COLS = (11, 47, 29, 30, 24, 25, 24, 24, 38)
INDICATOR_HEADERS = ("Stt", "Chỉ tiêu", "ĐVT", *(f"{{{{ indicators.headers[{i}] }}}}" for i in range(6)))
INDICATOR_FIELDS = ("stt", "label", "unit", *(f"cells[{i}]" for i in range(6)))
# Tình trạng 34 mm: "Chưa có báo cáo" (30.6 mm) and every status on one line; task texts are long,
# rows must not split.
TASK_COLS = (11, 98, 32, 25, 34, 52)
TASK_HEADERS = ("Stt", "Nhiệm vụ", "Chủ trì", "Thời gian thực hiện", "Tình trạng", "Kết quả")
TASK_FIELDS = ("stt", "task", "lead", "time", "status", "result")
NO_INDICATORS = "Không có chỉ tiêu được đánh giá trong kỳ báo cáo."
NO_TASKS = "Không có nhiệm vụ đến hạn trong kỳ báo cáo."

FIXED_TIME = datetime(2021, 5, 11, 0, 0, 0, tzinfo=timezone.utc)
ZIP_TIME = (2021, 5, 11, 0, 0, 0)

KEEP_STYLES = {
    "Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid", "Header",
    "Header Char", "Footer", "Footer Char",
}

#: Variables ke-hoach.docx expects (the context contract, see docs/templates.md).
PLAN_VARIABLES = {"doc", "bases", "preamble", "body", "closing", "recipients", "signer", "appendix"}
APPENDIX_VARIABLES = {"appendix"}
REPORT_VARIABLES = {"doc", "kinh_gui", "opening", "body", "closing", "recipients", "signer",
                    "indicators", "tasks", "charts"}


# --------------------------------------------------------------------------- styles


def _clean_package(document: docx.document.Document) -> None:
    """Drop parts of python-docx's default template that a clerk never needs (thumbnail…)."""
    pkg = document.part.package
    for rels, unwanted in ((pkg.rels, ("/thumbnail",)),
                           (document.part.rels, ("/stylesWithEffects", "/customXml"))):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(unwanted):
                del rels[rid]
                rels.related_parts.pop(rid, None)
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in KEEP_STYLES | {"normal", "header", "footer"}:
            styles.remove(style)
    for style in styles.findall(qn("w:style")):
        ox.set_rfonts(style)
        rpr = style.find(qn("w:rPr"))
        color = None if rpr is None else rpr.find(qn("w:color"))
        if color is not None:
            rpr.remove(color)
    ox.set_doc_defaults(document, size_pt=14)
    ox.set_theme_fonts(document)
    cp = document.core_properties
    cp.author = "baocao"
    cp.last_modified_by = "baocao"
    cp.comments = "Mẫu theo Nghị định 30/2020/NĐ-CP, tạo bởi tools/build_templates.py"
    cp.title = ""
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.revision = 1


def _pstyle(document, name, *, base="Normal", size=None, bold=None, italic=None, align=None,
            first_indent_mm=None, before=None, after=None, line=None, keep_next=None):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    style.quick_style = True
    ox.set_rfonts(style)
    ox.set_rpr(style, size_pt=size, bold=bold, italic=italic)
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    if first_indent_mm is not None:
        pf.first_line_indent = Mm(first_indent_mm)
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing = line
    if keep_next is not None:
        pf.keep_with_next = keep_next
    pf.widow_control = True
    return style


def _styles(document) -> None:
    """Named paragraph styles, so a clerk can restyle in Word without touching the tags."""
    C, J, L = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
    normal = document.styles["Normal"]
    ox.set_rfonts(normal)
    ox.set_rpr(normal, size_pt=14)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    header = document.styles["Header"]
    ox.set_rpr(header, size_pt=14)
    header.paragraph_format.alignment = C

    # header block (ô 1–4)
    _pstyle(document, "VB Co quan chu quan", size=12, align=C)
    _pstyle(document, "VB Co quan ban hanh", size=12, bold=True, align=C)
    _pstyle(document, "VB Quoc hieu", size=12, bold=True, align=C)
    _pstyle(document, "VB Tieu ngu", size=13, bold=True, align=C)
    _pstyle(document, "VB So ky hieu", size=13, align=C, before=6)
    _pstyle(document, "VB Dia danh ngay", size=13, italic=True, align=C, before=6)
    _pstyle(document, "VB Duong ke", size=1, align=C, before=3)
    _pstyle(document, "VB Du thao", size=13, bold=True, align=C, after=6)
    # title (ô 5a)
    _pstyle(document, "VB Ten loai", size=14, bold=True, align=C, before=18, keep_next=True)
    _pstyle(document, "VB Trich yeu", size=14, bold=True, align=C, keep_next=True)
    # body (ô 6)
    _pstyle(document, "VB Noi dung", size=14, align=J, first_indent_mm=12.7, before=0, after=6,
            line=1.15)
    _pstyle(document, "VB Can cu", base="VB Noi dung", italic=True)
    _pstyle(document, "VB Muc cap 1", base="VB Noi dung", bold=True, keep_next=True)
    _pstyle(document, "VB Muc cap 2", base="VB Noi dung", bold=True, keep_next=True)
    _pstyle(document, "VB Muc cap 3", base="VB Noi dung", bold=True, italic=True, keep_next=True)
    # signature block (ô 7, 9b)
    _pstyle(document, "VB Noi nhan", size=12, bold=True, italic=True, align=L, before=6)
    _pstyle(document, "VB Noi nhan danh sach", size=11, align=L)
    _pstyle(document, "VB Tham quyen ky", size=14, bold=True, align=C)
    _pstyle(document, "VB Ho ten nguoi ky", size=14, bold=True, align=C)
    # appendix (phụ lục)
    _pstyle(document, "VB Phu luc", size=14, bold=True, align=C, keep_next=True)
    _pstyle(document, "VB Ten phu luc", size=14, bold=True, align=C, keep_next=True)
    _pstyle(document, "VB Kem theo", size=14, italic=True, align=C, keep_next=True)
    _pstyle(document, "VB Bang tieu de", size=13, bold=True, align=C, before=3, after=3)
    _pstyle(document, "VB Bang", size=13, align=L, before=3, after=3)
    _pstyle(document, "VB Bang nhom", size=13, bold=True, align=L, before=3, after=3,
            keep_next=True)


# --------------------------------------------------------------------------- building blocks


def _p(container, text: str = "", style: str = "Normal", *, first: bool = False, align=None):
    """A paragraph holding ``text`` as ONE run (so a Jinja tag is never split)."""
    if first:
        p = container.paragraphs[0]
        p.style = style
    else:
        p = container.add_paragraph(style=style)
    if text:
        p.add_run(text)
    if align is not None:
        p.alignment = align
    return p


def _rule(container, length_mm: float, available_mm: float, *, after: float = 0, first=False):
    """A centred solid line ``length_mm`` long: an empty 1 pt paragraph with a bottom border."""
    p = _p(container, "", "VB Duong ke", first=first)
    side = (available_mm - length_mm) / 2
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    if after:
        p.paragraph_format.space_after = Pt(after)
    ox.set_paragraph_border(p, "bottom", size_eighths=6, space_pt=1)
    ox.set_paragraph_mark(p, size_pt=1)
    return p


def _borderless(table, widths_mm, *, indent_mm: float = 0, zero_padding: bool = True) -> None:
    ox.set_table_style_none(table)
    ox.set_table_borders(table, style="nil")
    ox.set_table_look_none(table)
    if zero_padding:
        ox.set_table_cell_margins(table, left=0, right=0)
    table.autofit = False
    for col, width in zip(table.columns, widths_mm):
        col.width = Mm(width)
    ox.set_table_grid(table, [ox.mm_to_twips(w) for w in widths_mm],
                      indent_twips=ox.mm_to_twips(indent_mm))


def _header_block(document) -> None:
    """Draft mark, then the two-column borderless header table (ô 1–4)."""
    document.add_paragraph("{%p if doc.draft %}")
    box = document.add_paragraph(style="VB Du thao")
    box.add_run("{{ doc.draft_mark }}")
    box.paragraph_format.right_indent = Mm(PORTRAIT_TEXT - DRAFT_BOX)
    ox.set_paragraph_box(box)
    document.add_paragraph("{%p endif %}")

    table = _agency_and_motto(document, "doc", rows=2)
    _p(table.cell(1, 0), "{{ doc.symbol }}", "VB So ky hieu", first=True)
    _p(table.cell(1, 1), "{{ doc.place_date }}", "VB Dia danh ngay", first=True)


def _agency_and_motto(document, var: str, *, rows: int):
    """The borderless header table, its first row filled: parent and issuing agency of ``var`` | Quốc hiệu,
    Tiêu ngữ, each with its rule."""
    table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _borderless(table, HEADER_COLS, indent_mm=HEADER_INDENT)
    agency, state = table.cell(0, 0), table.cell(0, 1)
    _p(agency, f"{{%p if {var}.parent %}}", "Normal", first=True)
    _p(agency, f"{{{{ {var}.parent }}}}", "VB Co quan chu quan")
    _p(agency, "{%p endif %}", "Normal")
    _p(agency, f"{{{{ {var}.issuer }}}}", "VB Co quan ban hanh")
    _rule(agency, ISSUER_RULE, HEADER_COLS[0])
    _p(state, QUOC_HIEU, "VB Quoc hieu", first=True)
    _p(state, TIEU_NGU, "VB Tieu ngu")
    _rule(state, MOTTO_RULE, HEADER_COLS[1])
    return table


def _title_block(document) -> None:
    document.add_paragraph("{{ doc.type_name }}", style="VB Ten loai")
    document.add_paragraph("{{ doc.summary }}", style="VB Trich yeu")
    _rule(document, SUMMARY_RULE, PORTRAIT_TEXT, after=12)


def _loop(document, var: str, seq: str, style: str) -> None:
    document.add_paragraph(f"{{%p for {var} in {seq} %}}")
    document.add_paragraph(f"{{{{ {var} }}}}", style=style)
    document.add_paragraph("{%p endfor %}")


def _group_rows(rows, seq: str) -> None:
    """Rows 1-4 of a task table: loop over ``seq``; a group row (I, II: Stt | title over the other
    columns) under ``{%tr if r.group %}``; the task row follows ``{%tr else %}`` in row 5."""
    _tag_row(rows[1], f"{{%tr for r in {seq} %}}")
    _tag_row(rows[2], "{%tr if r.group %}")
    group = rows[3]
    title = group.cells[1].merge(group.cells[-1])
    for extra in title.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    _p(group.cells[0], "{{ r.stt }}", "VB Bang nhom", first=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _p(title, "{{ r.task }}", "VB Bang nhom", first=True)
    ox.set_cant_split(group)
    _tag_row(rows[4], "{%tr else %}")


def _body_loop(document, *, missing: bool) -> None:
    """The body loop shared by plan and report: one styled paragraph per kind, then the closing."""
    kinds = [("h1", "VB Muc cap 1"), ("h2", "VB Muc cap 2"), ("h3", "VB Muc cap 3")]
    if missing:
        kinds.append(("missing", "VB Thieu noi dung"))
    document.add_paragraph("{%p for b in body %}")
    for i, (kind, style) in enumerate(kinds):
        document.add_paragraph(f"{{%p {'if' if i == 0 else 'elif'} b.kind == '{kind}' %}}")
        document.add_paragraph("{{ b.text }}", style=style)
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{{ b.text }}", style="VB Noi dung")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    closing = document.add_paragraph("{{ closing }}", style="VB Noi dung")
    closing.paragraph_format.keep_with_next = True


def _body_block(document) -> None:
    _loop(document, "x", "bases", "VB Can cu")
    _loop(document, "x", "preamble", "VB Noi dung")
    _body_loop(document, missing=False)


def _signature_block(document) -> None:
    """Borderless two-column table: Nơi nhận (left) | authority, position, space, name (right)."""
    table = document.add_table(rows=1, cols=2)
    _borderless(table, SIGN_COLS, indent_mm=SIGN_INDENT)
    ox.set_cant_split(table.rows[0])
    left, right = table.cell(0, 0), table.cell(0, 1)
    _p(left, "Nơi nhận:", "VB Noi nhan", first=True)
    _p(left, "{%p for r in recipients %}", "Normal")
    _p(left, "{{ r }}", "VB Noi nhan danh sach")
    _p(left, "{%p endfor %}", "Normal")
    _p(right, "{%p if signer.authority %}", "Normal", first=True)
    auth = _p(right, "{{ signer.authority }}", "VB Tham quyen ky")
    auth.paragraph_format.space_before = Pt(6)
    _p(right, "{%p endif %}", "Normal")
    _p(right, "{{ signer.position }}", "VB Tham quyen ky")
    for _ in range(4):  # room for signature and seal
        _p(right, "", "VB Tham quyen ky")
    _p(right, "{{ signer.name }}", "VB Ho ten nguoi ky")


def _appendix_block(container) -> None:
    """Heading, title, "(Kèm theo …)", short rule, then the task table."""
    container.add_paragraph("{{ appendix.heading }}", style="VB Phu luc")
    container.add_paragraph("{{ appendix.title }}", style="VB Ten phu luc")
    container.add_paragraph("{{ appendix.ref }}", style="VB Kem theo")
    _rule(container, APPENDIX_RULE, LANDSCAPE_TEXT, after=12)

    n = len(APPENDIX_COLS)
    table = container.add_table(rows=8, cols=n)
    table.style = "Table Grid"
    table.autofit = False
    ox.set_table_borders(table, style="single", size_eighths=4)
    ox.set_table_look_none(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = table.rows
    C = WD_ALIGN_PARAGRAPH.CENTER

    # row 0: header, repeated on every page
    for cell, text in zip(rows[0].cells, APPENDIX_HEADERS):
        _p(cell, text, "VB Bang tieu de", first=True)
        ox.set_cell_valign(cell, "center")
    ox.set_repeat_header(rows[0])
    ox.set_cant_split(rows[0])

    _group_rows(rows, "appendix.rows")
    # row 5: task
    task = rows[5].cells
    _p(task[0], "{{ r.stt }}", "VB Bang", first=True, align=C)
    _p(task[1], "{{ r.task }}", "VB Bang", first=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _p(task[2], "{{ r.lead }}", "VB Bang", first=True, align=C)
    _p(task[3], "{{ r.time }}", "VB Bang", first=True, align=C)
    _p(task[4], "{{ r.note }}", "VB Bang", first=True)
    ox.set_cant_split(rows[5])
    _tag_row(rows[6], "{%tr endif %}")
    _tag_row(rows[7], "{%tr endfor %}")
    for col, width in zip(table.columns, APPENDIX_COLS):
        col.width = Mm(width)
    ox.set_table_grid(table, [ox.mm_to_twips(w) for w in APPENDIX_COLS])
    end = container.add_paragraph(style="Normal")
    ox.set_paragraph_mark(end, size_pt=1)


def _tag_row(row, text, style: str = "VB Bang"):
    """A row merged into one cell holding ``text`` (a ``{%tr …%}`` tag, or a full-width line)."""
    merged = row.cells[0].merge(row.cells[-1])
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    return _p(merged, text, style, first=True)


# --------------------------------------------------------------------------- report blocks


def _report_styles(document) -> None:
    """Styles only the report uses (added after the shared ones, so the plan files do not change)."""
    C, L, R = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
    # ô 9a: regular 14 pt; one recipient: centred on one line, several: a block (indents per paragraph)
    _pstyle(document, "VB Kinh gui", size=14, align=L, keep_next=True)
    # "[CHƯA CÓ NỘI DUNG …]": must be seen before signing (red, bold italic, on yellow shading)
    missing = _pstyle(document, "VB Thieu noi dung", base="VB Noi dung", bold=True, italic=True)
    ox.set_rpr(missing, color="FF0000")
    ox.set_shading(missing, "FFFF00")
    _pstyle(document, "VB Thoi diem so lieu", size=13, italic=True, align=R, after=3,
            keep_next=True)
    _pstyle(document, "VB Bang ghi chu", size=13, italic=True, align=C, before=3, after=3)
    _pstyle(document, "VB Hinh", size=14, align=C, before=6, after=6)
    _pstyle(document, "VB Ghi chu", size=13, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=3)


def _kinh_gui_block(document) -> None:
    """One recipient: "Kính gửi: X." centred. Several: "Kính gửi:", then "- X;" … "- Y." lines.

    The context gives plain names; the template adds the dash and the ";" / "." (``loop.last``).
    """
    document.add_paragraph("{%p if kinh_gui|length == 1 %}")
    one = document.add_paragraph("Kính gửi: {{ kinh_gui[0] }}.", style="VB Kinh gui")
    one.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("{%p elif kinh_gui %}")
    label = document.add_paragraph("Kính gửi:", style="VB Kinh gui")
    label.paragraph_format.left_indent = Mm(KINH_GUI_INDENT)
    document.add_paragraph("{%p for k in kinh_gui %}")
    item = document.add_paragraph("- {{ k }}{% if loop.last %}.{% else %};{% endif %}",
                                  style="VB Kinh gui")
    item.paragraph_format.left_indent = Mm(KINH_GUI_INDENT + KINH_GUI_LABEL + KINH_GUI_DASH)
    item.paragraph_format.first_line_indent = Mm(-KINH_GUI_DASH)
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")


def _report_body_block(document) -> None:
    opening = document.add_paragraph("{{ opening }}", style="VB Noi dung")
    opening.paragraph_format.space_before = Pt(12)
    _body_loop(document, missing=True)


def _landscape_section(document):
    """A new landscape section (page numbers restarting at 1); the break paragraph kept tiny.

    An empty paragraph left between a table and the break makes LibreOffice start a blank page, so
    the break paragraph replaces it (template tag paragraphs in between are skipped over).
    """
    section = document.add_section(WD_SECTION.NEW_PAGE)
    ox.set_paragraph_mark(document.paragraphs[-1], size_pt=1)
    _drop_empty_after_table(document.paragraphs[-1]._p)
    ox.set_page(section, landscape=True, **MARGINS)
    add_page_numbers(section, restart=True)
    return section


def _drop_empty_after_table(break_p) -> None:
    previous = break_p.getprevious()
    while previous is not None and previous.tag == ox.qn("w:p") and "{%p" in "".join(previous.itertext()):
        previous = previous.getprevious()
    if (previous is not None and previous.tag == ox.qn("w:p") and not "".join(previous.itertext()).strip()
            and previous.getprevious() is not None and previous.getprevious().tag == ox.qn("w:tbl")):
        previous.getparent().remove(previous)


def _report_appendix_heading(document, heading: str, var: str) -> None:
    document.add_paragraph(heading, style="VB Phu luc")
    document.add_paragraph(f"{{{{ {var}.title }}}}", style="VB Ten phu luc")
    document.add_paragraph(f"{{{{ {var}.ref }}}}", style="VB Kem theo")
    _rule(document, APPENDIX_RULE, LANDSCAPE_TEXT, after=12)


def _data_table(document, cols, headers, n_rows: int):
    """Bordered table with fixed columns; row 0 is the bold header repeated on every page."""
    table = document.add_table(rows=n_rows, cols=len(cols))
    table.style = "Table Grid"
    table.autofit = False
    ox.set_table_borders(table, style="single", size_eighths=4)
    ox.set_table_look_none(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    for cell, text in zip(header.cells, headers):
        _p(cell, text, "VB Bang tieu de", first=True)
        ox.set_cell_valign(cell, "center")
    ox.set_repeat_header(header)
    ox.set_cant_split(header)
    return table


def _finish_table(document, table, cols, *, notes: str | None = None) -> None:
    """Column widths, then a 1 pt paragraph, or the ``notes`` loop (``VB Ghi chu``) under the table.

    With notes, no empty paragraph is left between the table and the section break when the list is
    empty (LibreOffice would start a blank page, see :func:`_landscape_section`).
    """
    for col, width in zip(table.columns, cols):
        col.width = Mm(width)
    ox.set_table_grid(table, [ox.mm_to_twips(w) for w in cols])
    if notes is not None:
        _loop(document, "n", notes, "VB Ghi chu")
        return
    end = document.add_paragraph(style="Normal")
    ox.set_paragraph_mark(end, size_pt=1)


def _indicator_appendix(document) -> None:
    """Phụ lục I: cut-off line, then Stt | Chỉ tiêu | ĐVT and the six figure columns the report names."""
    _report_appendix_heading(document, "Phụ lục I", "indicators")
    document.add_paragraph("{{ indicators.cutoff }}", style="VB Thoi diem so lieu")
    table = _data_table(document, INDICATOR_COLS, INDICATOR_HEADERS, 6)
    rows = table.rows
    C, L = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    _tag_row(rows[1], "{%tr for r in indicators.rows %}")
    for cell, name in zip(rows[2].cells, INDICATOR_FIELDS):  # figures centred, the label left
        _p(cell, f"{{{{ r.{name} }}}}", "VB Bang", first=True, align=L if name == "label" else C)
        ox.set_cell_valign(cell, "center")
    ox.set_cant_split(rows[2])
    _tag_row(rows[3], "{%tr else %}")  # Jinja for-else: no rows at all
    _tag_row(rows[4], NO_INDICATORS, "VB Bang ghi chu")
    ox.set_cant_split(rows[4])
    _tag_row(rows[5], "{%tr endfor %}")
    _finish_table(document, table, INDICATOR_COLS, notes="indicators.notes")  # e.g. the commune list


def _task_appendix(document) -> None:
    """Phụ lục II: Stt | Nhiệm vụ | Chủ trì | Thời gian | Tình trạng | Kết quả, group rows I, II…"""
    _report_appendix_heading(document, "Phụ lục II", "tasks")
    table = _data_table(document, TASK_COLS, TASK_HEADERS, 10)
    rows = table.rows
    C, J, L = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
    _group_rows(rows, "tasks.rows")
    aligns = {"stt": C, "task": J, "lead": C, "time": C, "status": C, "result": L}
    for cell, name in zip(rows[5].cells, TASK_FIELDS):
        _p(cell, f"{{{{ r.{name} }}}}", "VB Bang", first=True, align=aligns[name])
    ox.set_cant_split(rows[5])
    _tag_row(rows[6], "{%tr endif %}")
    _tag_row(rows[7], "{%tr else %}")  # Jinja for-else: no rows at all
    _tag_row(rows[8], NO_TASKS, "VB Bang ghi chu")
    ox.set_cant_split(rows[8])
    _tag_row(rows[9], "{%tr endfor %}")
    _finish_table(document, table, TASK_COLS)


def _chart_appendix(document) -> None:
    """Phụ lục III: one centred picture paragraph per chart, then the notes (the section only exists
    with charts).

    The ``{%p if charts.images %}`` paragraph sits *before* the section break that ends Phụ lục
    II, the ``{%p endif %}`` at the very end: without charts, the break and the whole section go,
    and Phụ lục II's content falls under the document's final section properties, which are the
    same (A4 landscape, same margins, numbering from 1, same page-number header).
    """
    document.add_paragraph("{%p if charts.images %}")
    _landscape_section(document)
    _report_appendix_heading(document, "Phụ lục III", "charts")
    _loop(document, "img", "charts.images", "VB Hinh")
    _loop(document, "n", "charts.notes", "VB Ghi chu")  # the targets the charts leave out
    document.add_paragraph("{%p endif %}")


# --------------------------------------------------------------------------- general document

#: Variables van-ban.docx expects: any plan in any form (docs/templates.md, "The general document").
DOCUMENT_VARIABLES = {"doc", "authority", "bases", "decision_line", "preamble", "body", "closing", "recipients",
                      "signer", "attachments", "appendices"}
APPENDICES_VARIABLES = {"appendices"}


def _document_styles(document) -> None:
    """Styles only the general document uses (added after the shared ones, so the other files are unchanged)."""
    C = WD_ALIGN_PARAGRAPH.CENTER
    # authority line of a decision ("ỦY BAN NHÂN DÂN TỈNH …") and the "QUYẾT ĐỊNH:" line: bold, centred
    _pstyle(document, "VB Tham quyen ban hanh", size=14, bold=True, align=C, before=6, after=6, keep_next=True)
    _pstyle(document, "VB Quyet dinh", size=14, bold=True, align=C, before=6, after=6, keep_next=True)
    # an article with a title: the whole line bold; otherwise only "Điều 1." (character style)
    _pstyle(document, "VB Dieu", base="VB Noi dung", bold=True, keep_next=True)
    label = document.styles.add_style("VB So dieu", WD_STYLE_TYPE.CHARACTER)
    label.quick_style = True
    ox.set_rpr(label, bold=True)


def _document_body(document, var: str) -> None:
    """Preamble, body and closing of ``var`` ("" for the document itself, "att." for an attached one)."""
    _loop(document, "x", f"{var}preamble", "VB Noi dung")
    document.add_paragraph(f"{{%p for b in {var}body %}}")
    kinds = [("h1", "VB Muc cap 1"), ("h2", "VB Muc cap 2"), ("h3", "VB Muc cap 3")]
    for i, (kind, style) in enumerate(kinds):
        document.add_paragraph(f"{{%p {'if' if i == 0 else 'elif'} b.kind == '{kind}' %}}")
        document.add_paragraph("{{ b.text }}", style=style)
    document.add_paragraph("{%p elif b.kind == 'article' %}")
    article = document.add_paragraph(style="VB Noi dung")
    article.add_run("{{ b.label }}", style="VB So dieu")
    article.add_run(" {{ b.text }}")
    document.add_paragraph("{%p elif b.kind == 'article_title' %}")
    document.add_paragraph("{{ b.label }} {{ b.text }}", style="VB Dieu")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{{ b.text }}", style="VB Noi dung")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph(f"{{%p if {var}closing %}}")
    closing = document.add_paragraph(f"{{{{ {var}closing }}}}", style="VB Noi dung")
    closing.paragraph_format.keep_with_next = True
    document.add_paragraph("{%p endif %}")


def _decision_lines(document) -> None:
    """The authority line before the legal bases, the bases, and the "QUYẾT ĐỊNH:" line (both only in a decision)."""
    document.add_paragraph("{%p if authority %}")
    document.add_paragraph("{{ authority }}", style="VB Tham quyen ban hanh")
    document.add_paragraph("{%p endif %}")
    _loop(document, "x", "bases", "VB Can cu")
    document.add_paragraph("{%p if decision_line %}")
    document.add_paragraph("{{ decision_line }}", style="VB Quyet dinh")
    document.add_paragraph("{%p endif %}")


def _attached_header(document) -> None:
    """An attached document's head: agency | Quốc hiệu, Tiêu ngữ (no number, no date), then its title."""
    _agency_and_motto(document, "att", rows=1)
    document.add_paragraph("{{ att.type_name }}", style="VB Ten loai")
    document.add_paragraph("{{ att.title }}", style="VB Trich yeu")
    document.add_paragraph("{{ att.ref }}", style="VB Kem theo")
    _rule(document, SUMMARY_RULE, PORTRAIT_TEXT, after=12)


def _section_break(document, *, landscape: bool):
    """End the current part with its own section break; the next part starts a page numbered from 1."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    ox.set_paragraph_mark(document.paragraphs[-1], size_pt=1)
    ox.set_page(section, landscape=landscape, **MARGINS)
    add_page_numbers(section, restart=True)
    return section


def _appendices_loop(document) -> None:
    """One landscape part per appendix: heading, title, "(Kèm theo …)", rule, its table, its own break."""
    document.add_paragraph("{%p for a in appendices %}")
    document.add_paragraph("{{ a.heading }}", style="VB Phu luc")
    document.add_paragraph("{{ a.title }}", style="VB Ten phu luc")
    document.add_paragraph("{{ a.ref }}", style="VB Kem theo")
    _rule(document, APPENDIX_RULE, LANDSCAPE_TEXT, after=12)
    document.add_paragraph("{{p a.table }}")


def build_document() -> bytes:
    """van-ban.docx: any plan: a plan (KH) or a decision (QĐ) with its articles, the attached plan on its own
    pages, and none, one or several landscape appendices, each numbered on its own.

    Every part ends with its own section break, inside its loop, so a part left out takes its break with
    it; the renderer folds the empty last section (``baocao.docx.sections.fold_empty_last_section``).
    """
    document = _new_document()
    _document_styles(document)
    _first_section(document, landscape=False)

    _header_block(document)
    _title_block(document)
    _decision_lines(document)
    _document_body(document, "")
    _signature_block(document)
    _section_break(document, landscape=False)  # ends the document; the next part is an attached one

    document.add_paragraph("{%p for att in attachments %}")
    _attached_header(document)
    _document_body(document, "att.")
    _section_break(document, landscape=True)  # ends the attached document; the next part is an appendix
    document.add_paragraph("{%p endfor %}")

    _appendices_loop(document)
    _section_break(document, landscape=True)
    document.add_paragraph("{%p endfor %}")
    return _save(document)


def build_appendices() -> bytes:
    """cac-phu-luc.docx: the appendices alone, one landscape part each, no header table."""
    document = _new_document()
    _first_section(document, landscape=True)
    _appendices_loop(document)
    _section_break(document, landscape=True)
    document.add_paragraph("{%p endfor %}")
    return _save(document)


# --------------------------------------------------------------------------- documents


def _new_document():
    document = docx.Document()
    _clean_package(document)
    _styles(document)
    body = document.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    return document


def _first_section(document, *, landscape: bool) -> None:
    """Page and page numbers of the first section: a portrait document numbered on, or a landscape appendix
    numbered from 1."""
    section = document.sections[0]
    ox.set_page(section, landscape=landscape, **MARGINS)
    add_page_numbers(section, restart=landscape)


def build_plan() -> bytes:
    """ke-hoach.docx: portrait plan + landscape appendix section, numbered on its own."""
    document = _new_document()
    _first_section(document, landscape=False)

    _header_block(document)
    _title_block(document)
    _body_block(document)
    _signature_block(document)

    appendix = document.add_section(WD_SECTION.NEW_PAGE)
    # the paragraph that now carries the portrait sectPr: keep it tiny (no blank page)
    ox.set_paragraph_mark(document.paragraphs[-1], size_pt=1)
    ox.set_page(appendix, landscape=True, **MARGINS)
    add_page_numbers(appendix, restart=True)
    _appendix_block(document)
    return _save(document)


def build_appendix() -> bytes:
    """phu-luc.docx: the appendix alone, one landscape section, no header table."""
    document = _new_document()
    _first_section(document, landscape=True)
    _appendix_block(document)
    return _save(document)


def build_report() -> bytes:
    """bao-cao.docx: portrait report (with Kính gửi) + three landscape appendices I, II, III."""
    document = _new_document()
    _report_styles(document)
    _first_section(document, landscape=False)

    _header_block(document)
    _title_block(document)
    _kinh_gui_block(document)
    _report_body_block(document)
    _signature_block(document)

    _landscape_section(document)
    _indicator_appendix(document)
    _landscape_section(document)
    _task_appendix(document)
    _chart_appendix(document)
    return _save(document)


def _save(document) -> bytes:
    """Save with fixed zip timestamps so identical input gives identical bytes."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def self_check(data: bytes, expected: set[str], name: str) -> None:
    """Refuse to write a template whose tags docxtpl would not see as expected."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    tpl = DocxTemplate(io.BytesIO(data))
    found = tpl.get_undeclared_template_variables(jinja_env=Environment())
    if found != expected:
        raise SystemExit(f"{name}: biến mẫu {sorted(found)} khác dự kiến {sorted(expected)}")
    document = docx.Document(io.BytesIO(data))
    for p in document.element.body.iter(qn("w:p")):
        runs = [r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        whole = all(_whole_tags("".join(t.text or "" for t in r.iter(qn("w:t")))) for r in runs)
        if ("{{" in text or "{%" in text) and not (len(runs) == 1 or whole):
            raise SystemExit(f"{name}: thẻ bị tách thành {len(runs)} run: {text!r}")


def _whole_tags(text: str) -> bool:
    """Every Jinja tag opened in *text* (one run) is closed in it: a run may hold a tag, never half of one."""
    return text.count("{{") == text.count("}}") and text.count("{%") == text.count("%}")


def build_all(out_dir: Path = OUT_DIR) -> dict[Path, bytes]:
    """Build the three templates in memory, self-check them, and return ``{path: bytes}``."""
    files = {out_dir / "ke-hoach.docx": build_plan(), out_dir / "phu-luc.docx": build_appendix(),
             out_dir / "bao-cao.docx": build_report()}
    self_check(files[out_dir / "ke-hoach.docx"], PLAN_VARIABLES, "ke-hoach.docx")
    self_check(files[out_dir / "phu-luc.docx"], APPENDIX_VARIABLES, "phu-luc.docx")
    self_check(files[out_dir / "bao-cao.docx"], REPORT_VARIABLES, "bao-cao.docx")
    return files


def build_general(out_dir: Path = OUT_DIR) -> dict[Path, bytes]:
    """Build the templates of any plan's form (van-ban.docx, cac-phu-luc.docx), self-checked: ``{path: bytes}``."""
    files = {out_dir / "van-ban.docx": build_document(), out_dir / "cac-phu-luc.docx": build_appendices()}
    self_check(files[out_dir / "van-ban.docx"], DOCUMENT_VARIABLES, "van-ban.docx")
    self_check(files[out_dir / "cac-phu-luc.docx"], APPENDICES_VARIABLES, "cac-phu-luc.docx")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="thư mục ghi mẫu")
    parser.add_argument("--check", action="store_true",
                        help="chỉ so sánh với tệp đã có, không ghi (mã thoát 1 nếu khác)")
    args = parser.parse_args(argv)
    files = {**build_all(args.out), **build_general(args.out)}
    stale = [p for p, data in files.items() if not p.exists() or p.read_bytes() != data]
    if args.check:
        for p in stale:
            print(f"khác bản dựng lại: {p}")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        print(f"{'đã ghi' if path in stale else 'không đổi'}: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
