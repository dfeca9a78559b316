"""bao-cao.docx, the 6-month / annual report template, rendered with a hand-built context.

The context has the shape :func:`baocao.report.build.report_context` produces (docs/templates.md,
"bao-cao.docx"): text of a 6-month report on plan 188/KH-LMHTX, with & < > " ' in places, two
"Kính gửi" recipients (and a one-recipient variant), a "missing" paragraph, and two PNG charts drawn
here with matplotlib. Rendered documents are read back with python-docx and checked with
:func:`baocao.checks.verify_layout`; one is converted to PDF (``-m pdf``).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from baocao.checks.layout import PASS, format_results, verify_layout
from baocao.docx import oxml as ox
from baocao.errors import TemplateError
from baocao.render import Image as ExportedImage
from baocao.render.docx import Image, missing_variables, render_docx, template_variables
from baocao.resources import template_path

ROOT = Path(__file__).resolve().parents[1]
REPORT_TEMPLATE = template_path("bao-cao.docx")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

MISSING_TEXT = ("[CHƯA CÓ NỘI DUNG: tồn tại, hạn chế — cần bổ sung trước khi trình ký]")
ESCAPED = ("- Phối hợp Sở Nông nghiệp & PTNT hỗ trợ HTX có doanh thu <500 triệu đồng và >2 tỷ đồng; "
           "giải thưởng \"Ngôi sao HTX Việt Nam\", mô hình 'HTX kiểu mới'.")

BODY = [
    ("h1", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI"),
    ("p", "- Ban Thường vụ Liên minh HTX tỉnh đã ban hành 03 văn bản chỉ đạo các phòng, ban, đơn vị "
          "trực thuộc triển khai Kế hoạch số 188/KH-LMHTX; lồng ghép nội dung vào chương trình công "
          "tác năm 2023."),
    ("p", "- Tổ chức 02 hội nghị tuyên truyền Luật Hợp tác xã năm 2023 cho 160 lượt cán bộ quản lý "
          "HTX, tổ hợp tác trên địa bàn tỉnh."),
    ("h1", "II. KẾT QUẢ THỰC HIỆN"),
    ("h2", "1. Kết quả thực hiện các chỉ tiêu"),
    ("p", "- Số HTX thành lập mới: 14 HTX, đạt 56,0% chỉ tiêu năm (25 HTX/năm); cùng kỳ năm trước: "
          "11 HTX."),
    ("p", "- Tỷ lệ xã có HTX hoạt động hiệu quả theo Tiêu chí số 13: 78,3%, chậm tiến độ so với mục "
          "tiêu 90% đến năm 2025."),
    ("p", "(Chi tiết tại Phụ lục I kèm theo)"),
    ("h2", "2. Kết quả thực hiện các nhiệm vụ, giải pháp"),
    ("h3", "2.1. Tuyên truyền, nâng cao nhận thức về kinh tế tập thể, hợp tác xã"),
    ("p", ESCAPED),
    ("p", "(Chi tiết tại Phụ lục II kèm theo)"),
    ("h1", "III. ĐÁNH GIÁ CHUNG"),
    ("h2", "1. Kết quả đạt được"),
    ("p", "- Khu vực kinh tế tập thể tiếp tục phát triển; số HTX khá, tốt tăng so với cùng kỳ."),
    ("h2", "2. Tồn tại, hạn chế"),
    ("missing", MISSING_TEXT),
    ("h1", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023"),
    ("p", "- Khẩn trương hoàn thành: Xin chủ trương UBND tỉnh xây dựng Cửa hàng giới thiệu, bán các "
          "sản phẩm an toàn của THT, HTX (Phòng Kế hoạch Hỗ trợ)."),
    ("h1", "V. ĐỀ XUẤT, KIẾN NGHỊ"),
    ("p", "- Đề nghị UBND tỉnh bổ sung vốn điều lệ cho Quỹ Hỗ trợ phát triển HTX tỉnh."),
]

INDICATOR_HEADERS = ["Mục tiêu 2025", "Lộ trình đến 14/6/2023", "Thực hiện đến 14/6/2023", "Cùng kỳ năm trước",
                     "Tỷ lệ so với mục tiêu (%)", "Đánh giá"]
INDICATOR_ROWS = [
    ("1", "Số HTX thành lập mới trong năm", "HTX", "25 HTX/năm", "15", "14", "11", "56,0", "Chậm tiến độ"),
    ("2", "Tỷ lệ xã có HTX hoạt động hiệu quả (Tiêu chí 13)", "%", "90", "76,4", "78,3", "74,1", "87,0",
     "Đúng tiến độ"),
    ("3", "HTX sở hữu sản phẩm OCOP & liên kết chuỗi <giá trị>", "HTX", "30", "19", "21", "17", "70,0",
     "Đúng tiến độ"),
    ("4", "Vốn Quỹ Hỗ trợ phát triển HTX", "tỷ đồng", "> 20", "15,8", "16,5", "14,2", "82,5", "Đúng tiến độ"),
]

TASK_ROWS = [
    (True, "I", "Tuyên truyền, nâng cao nhận thức về kinh tế tập thể, HTX", "", "", "", ""),
    (False, "1", "Tổ chức quán triệt, thực hiện Nghị quyết 134 của Chính phủ; Chương trình số 59-CTr/TU "
                 "ngày 14/7/2020 của Ban Thường vụ Tỉnh ủy", "Phòng CSTT, PT HTX", "Thường xuyên",
     "đã hoàn thành", "02 hội nghị, 160 lượt người tham dự"),
    (False, "2", "Tổ chức tuyên dương, tôn vinh mô hình kinh tế tập thể & HTX; giải thưởng \"Ngôi sao "
                 "HTX Việt Nam\"", "Phòng CSTT, PT HTX", "2 năm 1 lần", "đang thực hiện", ""),
    (True, "II", "Tăng cường công tác quản trị, tiếp tục thành lập, phát triển thêm các hợp tác xã",
     "", "", "", ""),
    (False, "1", "Xin chủ trương UBND tỉnh xây dựng Cửa hàng giới thiệu, bán các sản phẩm an toàn của "
                 "THT, HTX", "Phòng Kế hoạch Hỗ trợ", "Giai đoạn 2021-2025", "chưa có báo cáo", ""),
]

RECIPIENTS = [
    "- Như trên;",
    "- Liên minh HTX Việt Nam khu vực MT-TN (b/c);",
    "- Thường trực Ban Chấp hành Liên minh HTX tỉnh;",
    "- Lưu: VT, VP.",
]
KINH_GUI = ["Ủy ban nhân dân tỉnh Đắk Nông", "Liên minh Hợp tác xã Việt Nam"]
REF = ("(Kèm theo Báo cáo số 12/BC-LMHTX ngày 20 tháng 6 năm 2023 của Liên minh HTX tỉnh Đắk Nông)")
REF_DRAFT = "(Kèm theo Báo cáo số      /BC-LMHTX ngày    tháng    năm 2023 của Liên minh HTX tỉnh Đắk Nông)"


COMMUNE_NOTE = ("Ghi chú: chỉ tiêu số 1 tính trên địa bàn 60 xã theo danh mục của kế hoạch, trước sắp xếp "
                "(đến 30/6/2025).")
CHART_NOTE = ("Chỉ tiêu định tính, không thể hiện trên biểu đồ (chi tiết tại Phụ lục I): Quỹ có bộ máy hoạt động "
              "chuyên trách (đạt).")


def report_ctx(images=(), *, kinh_gui=KINH_GUI, draft: bool = False, notes: bool = True) -> dict:
    """A full context of bao-cao.docx (the contract of baocao.report.build.report_context)."""
    ref = REF_DRAFT if draft else REF
    return {
        "doc": {
            "parent": "UBND TỈNH ĐẮK NÔNG",
            "issuer": "LIÊN MINH HTX TỈNH ĐẮK NÔNG",
            "symbol": "Số:      /BC-LMHTX" if draft else "Số: 12/BC-LMHTX",
            "place_date": ("Đắk Nông, ngày    tháng    năm 2023" if draft
                           else "Đắk Nông, ngày 20 tháng 6 năm 2023"),
            "type_name": "BÁO CÁO",
            "summary": "Kết quả thực hiện Kế hoạch số 188/KH-LMHTX ngày 11/5/2021 của Liên minh HTX "
                       "tỉnh Đắk Nông 6 tháng đầu năm 2023",
            "draft": draft,
            "draft_mark": "DỰ THẢO" if draft else "",
        },
        "kinh_gui": list(kinh_gui),
        "opening": "Thực hiện Kế hoạch số 188/KH-LMHTX ngày 11/5/2021 của Liên minh HTX tỉnh Đắk Nông, "
                   "Liên minh HTX tỉnh Đắk Nông báo cáo kết quả thực hiện 6 tháng đầu năm 2023 (số liệu "
                   "từ 15/12/2022 đến 14/6/2023) như sau:",
        "body": [{"kind": k, "text": t} for k, t in BODY],
        "closing": "Trên đây là báo cáo kết quả thực hiện Kế hoạch số 188/KH-LMHTX ngày 11/5/2021 của "
                   "Liên minh HTX tỉnh Đắk Nông 6 tháng đầu năm 2023 của Liên minh HTX tỉnh Đắk Nông./.",
        "recipients": list(RECIPIENTS),
        "signer": {"authority": "TM. BAN THƯỜNG VỤ", "position": "CHỦ TỊCH", "name": "Nguyễn Khải"},
        "indicators": {"title": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "ref": ref, "cutoff": "Đến 14/6/2023",
                       "headers": list(INDICATOR_HEADERS),
                       "rows": [{"stt": r[0], "label": r[1], "unit": r[2], "cells": list(r[3:])}
                                for r in INDICATOR_ROWS],
                       "notes": [COMMUNE_NOTE] if notes else []},
        "tasks": {"title": "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ", "ref": ref,
                  "rows": [dict(zip(("group", "stt", "task", "lead", "time", "status", "result"), row))
                           for row in TASK_ROWS]},
        "charts": {"title": "BIỂU ĐỒ TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU", "ref": ref, "images": list(images),
                   "notes": [CHART_NOTE] if notes else []},
    }


def make_chart(path: Path, title: str, *, size=(8.5, 3.6)) -> Path:
    """A small bar chart PNG (matplotlib, Agg, Liberation Serif), like the report's charts."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    labels = ["Thành lập mới", "Tiêu chí 13", "OCOP", "Quỹ Hỗ trợ"]
    ax.barh(labels, [56.0, 87.0, 70.0, 82.5], color="#2166ac")
    ax.set_xlim(0, 100)
    ax.set_xlabel("% so với mục tiêu", fontfamily="Liberation Serif")
    ax.set_title(title, fontfamily="Liberation Serif")
    for label in ax.get_yticklabels():
        label.set_fontfamily("Liberation Serif")
    fig.savefig(path, dpi=100)
    return path


# --------------------------------------------------------------------------- helpers


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def body_paragraphs(document) -> list[Paragraph]:
    return [Paragraph(p, document) for p in document.element.body.findall(qn("w:p"))]


def texts(paragraphs) -> list[str]:
    return [norm(p.text) for p in paragraphs if norm(p.text)]


def style_value(paragraph, getter):
    style = paragraph.style
    while style is not None:
        value = getter(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def eff(paragraph, attr: str):
    """Effective run property (bold, italic, size) of the paragraph's first text run."""
    run = next(r for r in paragraph.runs if r.text)
    value = getattr(run.font, attr)
    if value is None:
        value = style_value(paragraph, lambda s: getattr(s.font, attr))
    if attr == "size":
        return None if value is None else value.pt
    return bool(value)


def sections_of(document) -> list[list]:
    """Body blocks (w:p, w:tbl) grouped by section, in order."""
    out, current = [], []
    for child in document.element.body:
        if child.tag == qn("w:sectPr"):
            continue
        current.append(child)
        if child.tag == qn("w:p") and child.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
            out.append(current)
            current = []
    out.append(current)
    return out


def block_text(el) -> str:
    return norm("".join(t.text or "" for t in el.iter(qn("w:t"))))


def cell_texts(row) -> list[str]:
    return [norm("".join(t.text or "" for t in tc.iter(qn("w:t")))) for tc in row.findall(qn("w:tc"))]


@pytest.fixture(scope="module")
def charts(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("charts")
    return [make_chart(folder / "tong-quan.png", "Tỷ lệ thực hiện so với mục tiêu (%)"),
            make_chart(folder / "htx-moi.png", "Số HTX thành lập mới", size=(7.5, 4.8))]


CORE = {
    "title": "Báo cáo 6 tháng đầu năm 2023",
    "subject": "Kết quả thực hiện Kế hoạch số 188/KH-LMHTX 6 tháng đầu năm 2023",
    "keywords": "188/KH-LMHTX; 2023-H1; chốt số liệu 2023-06-14",
    "category": "Kỳ báo cáo: 2023-H1",
    "comments": "Tạo bởi baocao lúc 2023-06-20T08:30:00+07:00",
    "author": "Liên minh HTX tỉnh Đắk Nông",
    "created": dt.datetime(2023, 6, 20, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    "modified": dt.datetime(2023, 6, 20, 1, 30),
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, charts):
    out = tmp_path_factory.mktemp("report")
    images = [Image(charts[0], 230), Image(charts[1], 160)]
    return {
        "two": render_docx(REPORT_TEMPLATE, report_ctx(images), out / "2023-H1-bao-cao.docx",
                           core_properties=CORE),
        "one": render_docx(REPORT_TEMPLATE, report_ctx(images, kinh_gui=KINH_GUI[:1]),
                           out / "mot-noi-nhan.docx"),
        "draft": render_docx(REPORT_TEMPLATE, report_ctx(images, draft=True), out / "du-thao.docx"),
        "no_charts": render_docx(REPORT_TEMPLATE, report_ctx([], kinh_gui=[], notes=False),
                                 out / "khong-bieu-do.docx"),
    }


# --------------------------------------------------------------------------- the template itself


def test_builder_check_passes_for_all_three_templates():
    """tools/build_templates.py --check: ke-hoach, phu-luc and bao-cao equal a fresh build."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_templates.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_templates
    finally:
        sys.path.remove(str(ROOT / "tools"))
    built = build_templates.build_all(ROOT / "templates" / "docx")
    assert sorted(p.name for p in built) == ["bao-cao.docx", "ke-hoach.docx", "phu-luc.docx"]


def test_template_variables_are_the_contract():
    assert template_variables(REPORT_TEMPLATE) == {
        "doc", "kinh_gui", "opening", "body", "closing", "recipients", "signer", "indicators", "tasks",
        "charts"}
    assert template_variables("bao-cao.docx") == template_variables(REPORT_TEMPLATE)  # bundled name
    assert missing_variables(REPORT_TEMPLATE, report_ctx()) == []
    ctx = report_ctx()
    del ctx["indicators"]["cutoff"], ctx["charts"]["images"]
    assert missing_variables(REPORT_TEMPLATE, ctx) == ["charts.images", "indicators.cutoff"]


def test_every_tag_is_one_run():
    document = Document(REPORT_TEMPLATE)
    for p in document.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if "{{" in text or "{%" in text:
            assert len([r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]) == 1, text


# --------------------------------------------------------------------------- rendered report


def test_header_and_title(rendered):
    document = Document(rendered["two"])
    header = document.tables[0]
    cells = [texts(c.paragraphs) for row in header.rows for c in row.cells]
    assert cells[0] == ["UBND TỈNH ĐẮK NÔNG", "LIÊN MINH HTX TỈNH ĐẮK NÔNG"]
    assert cells[1] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert cells[2] == ["Số: 12/BC-LMHTX"] and cells[3] == ["Đắk Nông, ngày 20 tháng 6 năm 2023"]
    paras = [p for p in body_paragraphs(document) if norm(p.text)]
    assert norm(paras[0].text) == "BÁO CÁO"
    assert eff(paras[0], "bold") and eff(paras[0], "size") == 14
    assert paras[0].alignment == 1 or paras[0].style.paragraph_format.alignment == 1  # centred
    assert norm(paras[1].text).startswith("Kết quả thực hiện Kế hoạch số 188/KH-LMHTX")
    assert eff(paras[1], "bold") and eff(paras[1], "size") == 14
    rule = paras[1]._p.getnext()  # the short rule under the subject line
    assert ox.paragraph_border(rule, "bottom") is not None and not block_text(rule)


def test_draft_mark_only_in_draft(rendered):
    assert "DỰ THẢO" not in texts(body_paragraphs(Document(rendered["two"])))
    draft = Document(rendered["draft"])
    assert texts(body_paragraphs(draft))[0] == "DỰ THẢO"
    assert norm(draft.tables[0].rows[1].cells[0].text) == "Số: /BC-LMHTX"


def kinh_gui_lines(document) -> list[Paragraph]:
    paras = [p for p in body_paragraphs(document) if norm(p.text)]
    start = next(i for i, p in enumerate(paras) if norm(p.text).startswith("Kính gửi"))
    end = next(i for i, p in enumerate(paras) if norm(p.text).startswith("Thực hiện Kế hoạch"))
    return paras[start:end]


def test_kinh_gui_two_recipients(rendered):
    lines = kinh_gui_lines(Document(rendered["two"]))
    assert [norm(p.text) for p in lines] == [
        "Kính gửi:", "- Ủy ban nhân dân tỉnh Đắk Nông;", "- Liên minh Hợp tác xã Việt Nam."]
    label, *items = lines
    for p in lines:
        assert eff(p, "size") == 14 and not eff(p, "bold") and not eff(p, "italic")
    # the block sits to the right: names start after "Kính gửi: ", a wrapped name hangs under the text
    assert label.paragraph_format.left_indent.mm == pytest.approx(30, abs=0.1)
    for p in items:
        assert p.paragraph_format.left_indent.mm > label.paragraph_format.left_indent.mm + 19
        assert p.paragraph_format.first_line_indent.mm < 0


def test_kinh_gui_one_recipient_same_line(rendered):
    lines = kinh_gui_lines(Document(rendered["one"]))
    assert [norm(p.text) for p in lines] == ["Kính gửi: Ủy ban nhân dân tỉnh Đắk Nông."]
    assert lines[0].alignment == 1  # centred
    assert eff(lines[0], "size") == 14


def test_kinh_gui_absent_when_empty(rendered):
    assert not any(t.startswith("Kính gửi") for t in texts(body_paragraphs(Document(rendered["no_charts"]))))


def test_body_in_order_with_formatting(rendered):
    document = Document(rendered["two"])
    paras = [p for p in body_paragraphs(document) if norm(p.text)]
    start = next(i for i, p in enumerate(paras) if norm(p.text).startswith("Thực hiện Kế hoạch"))
    opening, body, closing = paras[start], paras[start + 1:start + 1 + len(BODY)], paras[start + 1 + len(BODY)]
    assert norm(opening.text).endswith("như sau:")
    assert opening.style.name == "VB Noi dung"
    assert [norm(p.text) for p in body] == [norm(t) for _k, t in BODY]  # & < > " ' kept as text
    styles = {"h1": "VB Muc cap 1", "h2": "VB Muc cap 2", "h3": "VB Muc cap 3", "p": "VB Noi dung",
              "missing": "VB Thieu noi dung"}
    for p, (kind, _text) in zip(body, BODY):
        assert p.style.name == styles[kind], (kind, p.text)
        assert eff(p, "size") == 14
        if kind in ("h1", "h2", "h3"):
            assert eff(p, "bold")
        if kind == "h3":
            assert eff(p, "italic")
        if kind == "p":
            assert not eff(p, "bold")
            pf = p.style.paragraph_format
            assert pf.alignment == 3  # justified
            assert pf.first_line_indent.mm == pytest.approx(12.7, abs=0.05)
            assert style_value(p, lambda s: s.paragraph_format.space_after).pt >= 6
    assert norm(closing.text).endswith("./.")


def test_missing_paragraph_stands_out(rendered):
    document = Document(rendered["two"])
    p = next(p for p in body_paragraphs(document) if norm(p.text).startswith("[CHƯA CÓ NỘI DUNG"))
    assert p.style.name == "VB Thieu noi dung"
    assert eff(p, "bold") and eff(p, "italic")
    rpr = p.style.element.find(qn("w:rPr"))
    assert rpr.find(qn("w:color")).get(qn("w:val")) == "FF0000"
    assert ox.run_shading(rpr) == "FFFF00"
    assert p.style.paragraph_format.first_line_indent is None  # inherits the body's indent
    assert style_value(p, lambda s: s.paragraph_format.first_line_indent).mm == pytest.approx(12.7, abs=0.05)


def test_recipients_and_signer(rendered):
    document = Document(rendered["two"])
    sign = next(t for t in document.tables if norm(t.rows[0].cells[0].text).startswith("Nơi nhận"))
    left, right = sign.rows[0].cells
    assert texts(left.paragraphs) == ["Nơi nhận:", *RECIPIENTS]
    label = left.paragraphs[0]
    assert eff(label, "bold") and eff(label, "italic") and eff(label, "size") == 12
    assert all(eff(p, "size") == 11 for p in left.paragraphs[1:] if norm(p.text))
    assert texts(right.paragraphs) == ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nguyễn Khải"]
    assert all(eff(p, "bold") for p in right.paragraphs if norm(p.text))


def test_three_landscape_appendix_sections(rendered):
    document = Document(rendered["two"])
    assert len(document.sections) == 4
    main, *appendices = document.sections
    assert main.page_width < main.page_height
    for section in appendices:
        info = ox.section_info(section._sectPr)
        assert info["landscape"] and info["orient"] == "landscape"
        assert info["page_start"] == 1 and info["title_page"]
        assert (round(section.top_margin.mm), round(section.bottom_margin.mm), round(section.left_margin.mm),
                round(section.right_margin.mm)) == (20, 20, 30, 15)
        assert ox.has_page_field(section.header._element)
    groups = sections_of(document)
    for blocks, heading, title in zip(groups[1:], ("Phụ lục I", "Phụ lục II", "Phụ lục III"),
                                      ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ",
                                       "BIỂU ĐỒ TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU")):
        lines = [block_text(b) for b in blocks if b.tag == qn("w:p") and block_text(b)]
        assert lines[:3] == [heading, title, REF]
        head = Paragraph(next(b for b in blocks if block_text(b) == heading), document)
        assert eff(head, "bold") and eff(head, "size") == 14
        ref = Paragraph(next(b for b in blocks if block_text(b) == REF), document)
        assert eff(ref, "italic")
    cutoff = next(b for b in groups[1] if block_text(b) == "Đến 14/6/2023")
    assert eff(Paragraph(cutoff, document), "italic")


def test_indicator_table(rendered):
    document = Document(rendered["two"])
    tbl = next(b for b in sections_of(document)[1] if b.tag == qn("w:tbl"))
    rows = tbl.findall(qn("w:tr"))
    assert cell_texts(rows[0]) == ["Stt", "Chỉ tiêu", "ĐVT", *INDICATOR_HEADERS]  # the report names its columns
    assert ox.row_repeats_header(rows[0]) and not any(ox.row_repeats_header(r) for r in rows[1:])
    assert all(ox.row_cant_split(r) for r in rows)
    assert [cell_texts(r) for r in rows[1:]] == [[norm(x) for x in row] for row in INDICATOR_ROWS]
    grid = ox.table_grid(tbl)
    assert len(grid) == 9 and abs(sum(grid) - ox.mm_to_twips(252)) <= 8
    for r in rows:  # widths in tcW too (LibreOffice reads the grid, Word the cells)
        assert [int(tc.find(qn("w:tcPr") + "/" + qn("w:tcW")).get(qn("w:w"))) for tc in r.findall(qn("w:tc"))] == grid
    header_p = Paragraph(rows[0].find(".//" + qn("w:p")), document)
    assert eff(header_p, "bold")
    figures = [Paragraph(tc.find(qn("w:p")), document) for tc in rows[1].findall(qn("w:tc"))]
    assert all(p.alignment == 1 for i, p in enumerate(figures) if i != 1)  # numbers centred
    assert figures[1].alignment in (0, None)  # the label reads left to right


def test_task_table_with_group_rows(rendered):
    document = Document(rendered["two"])
    tbl = next(b for b in sections_of(document)[2] if b.tag == qn("w:tbl"))
    rows = tbl.findall(qn("w:tr"))
    assert cell_texts(rows[0]) == ["Stt", "Nhiệm vụ", "Chủ trì", "Thời gian thực hiện", "Tình trạng", "Kết quả"]
    assert ox.row_repeats_header(rows[0])
    assert all(ox.row_cant_split(r) for r in rows)
    assert len(rows) == 1 + len(TASK_ROWS)
    for tr, (group, stt, task, *rest) in zip(rows[1:], TASK_ROWS):
        tcs = tr.findall(qn("w:tc"))
        if group:
            assert len(tcs) == 2 and ox.grid_span(tcs[1]) == 5
            assert cell_texts(tr) == [stt, norm(task)]
            assert all(eff(Paragraph(tc.find(qn("w:p")), document), "bold") for tc in tcs)
        else:
            assert cell_texts(tr) == [stt, norm(task), *[norm(x) for x in rest]]
            assert not eff(Paragraph(tcs[1].find(qn("w:p")), document), "bold")


def test_empty_tables_say_so(tmp_path):
    ctx = report_ctx()
    ctx["indicators"]["rows"] = []
    ctx["tasks"]["rows"] = []
    document = Document(render_docx(REPORT_TEMPLATE, ctx, tmp_path / "rong.docx"))
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Stt"]
    assert [len(t.rows) for t in tables] == [2, 2]
    assert norm(tables[0].rows[1].cells[0].text) == "Không có chỉ tiêu được đánh giá trong kỳ báo cáo."
    assert norm(tables[1].rows[1].cells[0].text) == "Không có nhiệm vụ đến hạn trong kỳ báo cáo."
    assert all(ox.row_cant_split(t.rows[1]._tr) for t in tables)


def test_two_inline_pictures(rendered):
    document = Document(rendered["two"])
    body = document.element.body
    inlines = body.findall(".//{%s}inline" % WP_NS)
    pics = body.findall(".//{%s}pic" % PIC_NS)
    assert len(inlines) == 2 and len(pics) == 2
    charts = sections_of(document)[3]
    holders = [b for b in charts if b.find(".//{%s}inline" % WP_NS) is not None]
    assert len(holders) == 2
    for b in holders:
        p = Paragraph(b, document)
        assert p.style.name == "VB Hinh" and p.style.paragraph_format.alignment == 1
    widths = [int(i.find("{%s}extent" % WP_NS).get("cx")) / 36000 for i in inlines]  # EMU -> mm
    assert widths == pytest.approx([230, 160], abs=0.1)
    assert len(document.inline_shapes) == 2
    ids = [i.find("{%s}docPr" % WP_NS).get("id") for i in inlines]
    assert len(set(ids)) == 2  # docPr ids unique (Word refuses duplicates)


def test_no_charts_drops_appendix_three(rendered):
    document = Document(rendered["no_charts"])
    assert len(document.sections) == 3
    all_text = texts(body_paragraphs(document))
    assert "Phụ lục III" not in all_text and "Phụ lục II" in all_text
    assert not document.element.body.findall(".//{%s}inline" % WP_NS)
    last = document.sections[-1]
    info = ox.section_info(last._sectPr)
    assert info["landscape"] and info["page_start"] == 1 and info["title_page"]
    assert ox.has_page_field(last.header._element)
    # Phụ lục II now ends the document
    assert any(block_text(b) == "Phụ lục II" for b in sections_of(document)[-1])


def test_notes_under_the_indicator_table_and_the_charts(rendered):
    document = Document(rendered["two"])
    groups = sections_of(document)
    indicators, charts = groups[1], groups[3]
    after_table = indicators[[b.tag for b in indicators].index(qn("w:tbl")) + 1]
    note = Paragraph(after_table, document)
    assert norm(note.text) == COMMUNE_NOTE and note.style.name == "VB Ghi chu" and eff(note, "size") == 13
    last = Paragraph(next(b for b in reversed(charts) if block_text(b)), document)
    assert norm(last.text) == CHART_NOTE and last.style.name == "VB Ghi chu"
    assert [b.find(".//{%s}inline" % WP_NS) is not None for b in charts if block_text(b) or
            b.find(".//{%s}inline" % WP_NS) is not None][-3:] == [True, True, False]  # under the pictures


def test_no_notes_leave_no_paragraph_before_the_break(rendered):
    """Without notes the Phụ lục I table is followed by the section break itself (no blank page)."""
    document = Document(rendered["no_charts"])
    indicators = sections_of(document)[1]
    assert [b.tag for b in indicators][-2:] == [qn("w:tbl"), qn("w:p")]
    assert indicators[-1].find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None
    assert "Ghi chú" not in " ".join(texts(body_paragraphs(document)))


def test_core_properties(rendered):
    props = Document(rendered["two"]).core_properties
    assert props.title == CORE["title"] and props.subject == CORE["subject"]
    assert props.keywords == CORE["keywords"] and props.category == CORE["category"]
    assert props.comments == CORE["comments"] and props.author == CORE["author"]
    # an aware datetime is stored in UTC (python-docx would write the wall time with "Z")
    assert props.created.replace(tzinfo=None) == dt.datetime(2023, 6, 20, 1, 30)
    assert props.modified.replace(tzinfo=None) == dt.datetime(2023, 6, 20, 1, 30)
    plain = Document(rendered["one"]).core_properties  # defaults when none are given
    assert plain.comments == "Tạo bởi baocao từ mẫu bao-cao.docx"


def test_core_properties_checked(tmp_path):
    with pytest.raises(TemplateError, match="tieu_de"):
        render_docx(REPORT_TEMPLATE, report_ctx(), tmp_path / "a.docx", core_properties={"tieu_de": "x"})
    with pytest.raises(TemplateError, match="created"):
        render_docx(REPORT_TEMPLATE, report_ctx(), tmp_path / "a.docx", core_properties={"created": "hôm nay"})
    assert not (tmp_path / "a.docx").exists()
    long = "Kết quả " * 60
    out = render_docx(REPORT_TEMPLATE, report_ctx(), tmp_path / "b.docx",
                      core_properties={"subject": long, "created": dt.date(2023, 6, 20)})
    props = Document(out).core_properties
    assert len(props.subject) == 255 and props.subject.endswith("…")
    assert props.created.replace(tzinfo=None) == dt.datetime(2023, 6, 20)


def test_image_value_type(tmp_path, charts):
    assert ExportedImage is Image
    img = Image(charts[0])
    assert img.width_mm == 230
    w, h = img.size_mm()
    assert w == 230 and h == pytest.approx(230 * 3.6 / 8.5, rel=0.01)
    tall = make_chart(tmp_path / "cao.png", "Biểu đồ cao", size=(6, 8))
    w, h = Image(tall, 230).size_mm()
    assert h == pytest.approx(140) and w == pytest.approx(140 * 6 / 8, rel=0.01)  # capped to fit the page
    assert Image(tall, 230, max_height_mm=None).size_mm()[1] == pytest.approx(230 * 8 / 6, rel=0.01)
    # images nested anywhere count as present data
    ctx = report_ctx([img])
    assert missing_variables(REPORT_TEMPLATE, ctx) == []


def test_missing_image_file_is_a_vietnamese_error(tmp_path, charts):
    gone = tmp_path / "bieu-do" / "khong-co.png"
    with pytest.raises(TemplateError) as err:
        render_docx(REPORT_TEMPLATE, report_ctx([Image(charts[0]), Image(gone)]), tmp_path / "x.docx")
    assert "Không tìm thấy tệp ảnh" in str(err.value) and "khong-co.png" in str(err.value)
    assert not (tmp_path / "x.docx").exists()
    text_file = tmp_path / "not-a-picture.png"
    text_file.write_text("không phải ảnh", encoding="utf-8")
    with pytest.raises(TemplateError, match="không đọc được"):
        render_docx(REPORT_TEMPLATE, report_ctx([Image(text_file)]), tmp_path / "x.docx")
    assert list(tmp_path.glob("*.docx")) == [] and list(tmp_path.glob(".*")) == []


def test_images_in_any_template_position(tmp_path, charts):
    """An Image nested in dicts/lists of another template's context (the plan's body) also renders."""
    from test_templates import PLAN_TEMPLATE, plan_context

    ctx = plan_context()
    ctx["body"].append({"kind": "p", "text": Image(charts[1], 120)})
    out = render_docx(PLAN_TEMPLATE, ctx, tmp_path / "ke-hoach.docx")
    assert len(Document(out).inline_shapes) == 1


# --------------------------------------------------------------------------- layout check


@pytest.mark.parametrize("name", ["two", "one", "draft", "no_charts"])
def test_layout_passes_every_rule(rendered, name):
    results = verify_layout(rendered[name])
    assert len(results) == 19
    assert all(r.status == PASS for r in results), format_results(results)
    by = {r.rule: r for r in results}
    assert by["dau_trang.ten_loai"].detail == "BÁO CÁO ↔ BC"
    assert by["phu_luc.tieu_de"].detail == ("2 phụ lục" if name == "no_charts" else "3 phụ lục")


def _broken(src: Path, tmp_path: Path, edit) -> dict:
    document = Document(src)
    edit(document)
    out = tmp_path / f"broken-{edit.__name__}.docx"
    document.save(out)
    return {r.rule: r for r in verify_layout(out)}


def _kinh_gui_para(document, startswith: str):
    return next(p for p in document.paragraphs if norm(p.text).startswith(startswith))


def test_layout_fails_broken_kinh_gui(rendered, tmp_path):
    def last_semicolon(document):
        p = _kinh_gui_para(document, "- Liên minh Hợp tác xã Việt Nam")
        p.runs[-1].text = p.runs[-1].text.replace(".", ";")

    def single_without_period(document):
        p = _kinh_gui_para(document, "Kính gửi: Ủy ban")
        for r in p.runs:
            r.text = r.text.replace(".", "")

    def small_font(document):
        from docx.shared import Pt

        for r in _kinh_gui_para(document, "- Ủy ban").runs:
            r.font.size = Pt(11)

    def one_line_block(document):
        p = _kinh_gui_para(document, "- Liên minh Hợp tác xã Việt Nam")
        p._p.getparent().remove(p._p)
        q = _kinh_gui_para(document, "- Ủy ban")
        q.runs[-1].text = q.runs[-1].text.replace(";", ".")

    for src, edit, expected in ((rendered["two"], last_semicolon, "phải kết thúc '.'"),
                                (rendered["one"], single_without_period, "kết thúc bằng '.'"),
                                (rendered["two"], small_font, "cỡ 11"),
                                (rendered["two"], one_line_block, "viết cùng dòng")):
        results = _broken(src, tmp_path, edit)
        assert results["noi_nhan"].status == "fail", edit.__name__
        assert expected in results["noi_nhan"].detail, results["noi_nhan"].detail


def test_layout_fails_when_kinh_gui_lines_are_body_like(rendered, tmp_path):
    """Only a well-formed block is exempt from the body rules: a stray "- X;" after the body starts is not."""
    def stray(document):
        opening = _kinh_gui_para(document, "Thực hiện Kế hoạch")
        extra = copy.deepcopy(_kinh_gui_para(document, "- Ủy ban")._p)
        opening._p.addnext(extra)

    results = _broken(rendered["two"], tmp_path, stray)
    assert results["noi_dung.dinh_dang"].status == "fail"


# --------------------------------------------------------------------------- PDF


@pytest.mark.pdf
def test_pdf_portrait_body_landscape_appendices(rendered, tmp_path):
    from baocao.render.pdf import find_soffice, to_pdf

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) chưa cài")
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdfinfo, pdftotext) chưa cài")
    [pdf] = to_pdf([rendered["two"]], tmp_path)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]
    portrait = [w < h for w, h in sizes]
    assert portrait[0], "trang 1 phải khổ dọc"
    first_landscape = portrait.index(False)
    assert all(portrait[:first_landscape]) and not any(portrait[first_landscape:])
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    starts = [next(i for i, page in enumerate(pages) if re.search(rf"^\s*Phụ lục {n}\s*$", page, re.M))
              for n in ("I", "II", "III")]
    assert starts == sorted(starts) and starts[0] == first_landscape
    first_lines = [next((ln.strip() for ln in page.splitlines() if ln.strip()), "") for page in pages]
    assert not first_lines[0].isdigit() and first_lines[1] == "2"
    for s in starts:  # each appendix restarts: its first page shows no number
        assert not first_lines[s].isdigit()
    assert first_lines[starts[2] + 1] == "2"  # the second chart is on Phụ lục III's page 2
    text = " ".join(pages)
    assert "Kính gửi:" in text and "- Liên minh Hợp tác xã Việt Nam." in text
    assert "[CHƯA CÓ NỘI DUNG" in text and "Sở Nông nghiệp & PTNT" in text
