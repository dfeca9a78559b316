"""The bundled docx templates rendered with a hand-built context of the contract's shape.

The context below is the template contract (docs/templates.md) filled with text of the seed plan
188/KH-LMHTX; a few entries carry & < > " ' on purpose. Other test modules import
``plan_context`` and ``appendix_context`` from here.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from baocao.docx import oxml as ox
from baocao.errors import OutputExistsError, TemplateError
from baocao.render.docx import missing_variables, render_docx, render_many, template_variables
from baocao.resources import template_path

ROOT = Path(__file__).resolve().parents[1]
PLAN_TEMPLATE = template_path("ke-hoach.docx")
APPENDIX_TEMPLATE = template_path("phu-luc.docx")

ESCAPE_TEXT = ("- Phối hợp Sở Nông nghiệp & PTNT, tỷ lệ HTX yếu <15% và khá >40%; "
               "giải thưởng \"Ngôi sao HTX Việt Nam\", mô hình 'HTX kiểu mới'.")

BODY = [
    ("h1", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("p", "1. Cụ thể hóa các mục tiêu, nhiệm vụ, giải pháp để triển khai thực hiện có hiệu quả "
          "Kế hoạch số 485/KH-UBND ngày 11/9/2020 của UBND tỉnh Đắk Nông về Triển khai Chương "
          "trình thực hiện Kết luận số 70-KL/TW ngày 09/3/2020 của Bộ Chính trị."),
    ("p", "2. Ban Chấp hành Liên minh HTX tỉnh Đắk Nông khóa III, nhiệm kỳ 2020-2025 và các "
          "phòng, ban, đơn vị trực thuộc, các HTX, Liên hiệp HTX tổ chức triển khai thực hiện "
          "nghiêm túc, có hiệu quả các nội dung đã được đề ra."),
    ("p", "3. Xác định rõ nội dung, nhiệm vụ chủ yếu để các phòng, ban, đơn vị trực thuộc tổ "
          "chức thực hiện, nêu cao trách nhiệm của người đứng đầu trong việc phối hợp thực hiện "
          "các nhiệm vụ một cách đồng bộ, toàn diện, đảm bảo đúng lộ trình đem lại hiệu quả cao nhất."),
    ("h1", "II. NỘI DUNG"),
    ("h2", "1. Mục tiêu chung"),
    ("p", "- Nâng cao hiệu quả hoạt động của HTX, Liên hiệp HTX, THT, mang lại lợi ích kinh tế và "
          "phúc lợi xã hội ngày càng cao cho thành viên; thu hút phần lớn hộ cá thể ở địa bàn nông "
          "thôn, vùng sâu, vùng xa tham gia kinh tế tập thể, HTX."),
    ("p", "- Khắc phục những tồn tại, hạn chế trong thời gian qua. Đến năm 2025 có 90% xã có ít "
          "nhất có 01 HTX hoạt động có hiệu quả đúng theo Tiêu chí số 13 trong bộ tiêu chí "
          "Chương trình mục tiêu quốc gia về xây dựng nông thôn mới."),
    ("h2", "2. Mục tiêu cụ thể"),
    ("p", "- Đến năm 2025 thu hút ít nhất từ 40 - 45% số hộ nông dân trên địa bàn nông thôn tham "
          "gia các hình thức kinh tế tập thể, hoặc có sử dụng dịch vụ của các HTX;"),
    ("p", "- Bình quân mỗi năm thành lập mới từ 25 HTX trở lên và 01 LHHTX; đến năm 2025 có 90% "
          "trở lên số xã trên địa bàn tỉnh có HTX, có 30 HTX sở hữu sản phẩm OCOP;"),
    ("p", ESCAPE_TEXT),
    ("p", "- Nâng nguồn vốn vay ưu đãi từ Quỹ Hỗ trợ phát triển HTX đến năm 2025 trên 20 tỷ đồng "
          "(theo Nghị định 45/2021/NĐ-CP ngày 31/3/2021 của Chính phủ)."),
    ("h2", "3. Nhiệm vụ, giải pháp chủ yếu"),
    ("h3", "3.1. Tuyên truyền, nâng cao nhận thức về kinh tế tập thể, hợp tác xã"),
    ("p", "- Tổ chức quán triệt, thực hiện Nghị quyết 134 của Chính phủ; Chương trình số "
          "59-CTr/TU ngày 14/7/2020 của Ban Thường vụ Tỉnh ủy."),
    ("p", "- Tổ chức tuyên dương, tôn vinh các mô hình kinh tế tập thể, HTX hoạt động hiệu quả; "
          "trao giải thưởng “Ngôi sao HTX Việt Nam”."),
    ("h3", "3.2. Tham gia, phối hợp rà soát, hoàn thiện hệ thống cơ chế, chính sách về phát "
           "triển kinh tế tập thể, hợp tác xã"),
    ("p", "- Chủ động tham mưu, tham gia rà soát lại các văn bản của tỉnh về phát triển kinh tế "
          "hợp tác, HTX; tư vấn, hướng dẫn lập dự án đầu tư, tiếp cận các nguồn vốn, đất đai, tín dụng,…"),
    ("h1", "III. TỔ CHỨC THỰC HIỆN (Chi tiết tại phụ lục kèm theo)"),
    ("h2", "1. Các phòng, ban, đơn vị trực thuộc Liên minh HTX tỉnh"),
    ("p", "- Văn Phòng:"),
    ("p", "+ Tham mưu xây dựng Kế hoạch, thường xuyên cập nhật thông tin, kiểm tra, giám sát, "
          "tổng hợp, đánh giá tình hình thực hiện, lồng ghép vào báo cáo 6 tháng, 1 năm."),
    ("h2", "2. Hợp tác xã, Liên hiệp hợp tác xã thành viên"),
    ("p", "- Chủ động đề xuất với cấp ủy, chính quyền địa phương những khó khăn, vướng mắc về cơ "
          "chế, chính sách; nhu cầu về đào tạo, bồi dưỡng, xúc tiến thương mại, nhất là vốn."),
]

ROWS = [
    (True, "I", "Tuyên truyền, nâng cao nhận thức về kinh tế tập thể, HTX", "", "", ""),
    (False, "1", "Tổ chức quán triệt, thực hiện Nghị quyết 134 của Chính phủ; Chương trình số "
                 "59-CTr/TU ngày 14/7/2020 của Ban Thường vụ Tỉnh ủy",
     "Phòng CSTT, PT HTX", "Thường xuyên", ""),
    (False, "2", "Tiếp tục đẩy mạnh công tác tuyên truyền sâu rộng các chủ trương, đường lối của "
                 "Đảng, chính sách, pháp luật của Nhà nước về phát triển kinh tế tập thể, HTX",
     "Phòng CSTT, PT HTX và Trang thông tin điện tử Liên minh HTX tỉnh; Ban biên tập bản tin "
     "Kinh tế hợp tác", "Thường xuyên", ""),
    (False, "3", "Tổ chức tuyên dương, tôn vinh các mô hình kinh tế tập thể & HTX; giải thưởng "
                 "\"Ngôi sao HTX Việt Nam\" <cấp tỉnh>",
     "Phòng CSTT, PT HTX và Kế hoạch Hỗ trợ", "Thường xuyên và 2 năm 1 lần", "Kết hợp 'Ngày HTX'"),
    (True, "II", "Tham gia, phối hợp với các sở, ban, ngành và các địa phương rà soát, hoàn thiện "
                 "hệ thống cơ chế, chính sách về phát triển kinh tế tập thể, hợp tác xã", "", "", ""),
    (False, "1", "Chủ động tham mưu, tham gia rà soát lại các văn bản của tỉnh về phát triển kinh "
                 "tế hợp tác, HTX", "Phòng CSTT, PT HTX", "Thường xuyên", ""),
    (False, "2", "Phối hợp tham mưu tổng kết 20 năm thực hiện Nghị quyết 13-NQ/TW ngày 18/3/2002; "
                 "Tổng kết 10 năm thi hành Luật HTX 2012", "Văn phòng", "Năm 2021", ""),
    (False, "3", "Chủ động phối hợp triển khai cho vay từ Quỹ Hỗ trợ phát triển HTX, tăng vốn Quỹ "
                 "đến năm 2025 lên trên 20 tỷ đồng", "Quỹ Hỗ trợ phát triển HTX",
     "Năm 2021 và thường xuyên", ""),
    (True, "III", "Tăng cường công tác quản trị, đổi mới phương thức sản xuất kinh doanh, tiếp tục "
                  "thành lập, phát triển thêm các hợp tác xã", "", "", ""),
    (False, "1", "Hướng dẫn tổ chức, củng cố lại hoạt động của các HTX theo đúng bản chất của Luật "
                 "HTX năm 2012", "Phòng Kế hoạch Hỗ trợ", "Giai đoạn 2021-2025", ""),
    (False, "2", "Xin chủ trương UBND tỉnh xây dựng Cửa hàng giới thiệu, bán các sản phẩm an toàn "
                 "của THT, HTX (Quyết định 1804/QĐ-TTg ngày 13/11/2020)",
     "Phòng Kế hoạch Hỗ trợ", "Giai đoạn 2021-2025", ""),
]

RECIPIENTS = [
    "- UBND tỉnh Đắk Nông (b/c);",
    "- Liên minh HTX Việt Nam (b/c);",
    "- Liên minh HTX Việt Nam khu vực MT-TN (b/c);",
    "- Ủy viên Ban Chấp hành Liên minh HTX tỉnh khóa III, nhiệm kỳ 2020-2025 (t/h);",
    "- Các phòng, ban Liên minh HTX tỉnh (t/h);",
    "- Các HTX, Liên hiệp HTX (t/h);",
    "- Lưu: VT.",
]

SUMMARY = ("Thực hiện Nghị quyết số 134/NQ-CP ngày 25/9/2020 của Chính phủ về ban hành Chương "
           "trình hành động thực hiện Kết luận số 70-KL/TW ngày 09/3/2020 của Bộ Chính trị về "
           "tiếp tục thực hiện Nghị quyết Trung ương 5 Khóa IX về tiếp tục đổi mới, phát triển "
           "và nâng cao hiệu quả kinh tế tập thể")


def appendix_context(rows=ROWS, *, draft: bool = False) -> dict:
    """The ``appendix`` part of the contract (also the whole context of phu-luc.docx)."""
    number = "     /KH-LMHTX ngày    tháng    năm 2021" if draft else "188/KH-LMHTX ngày 11 tháng 5 năm 2021"
    return {
        "heading": "Phụ lục",
        "title": "PHÂN CÔNG THỰC HIỆN KẾ HOẠCH",
        "ref": f"(Kèm theo Kế hoạch số: {number} của Liên minh HTX tỉnh Đắk Nông)",
        "rows": [{"group": g, "stt": s, "task": t, "lead": lead, "time": when, "note": note}
                 for g, s, t, lead, when, note in rows],
    }


def plan_context(*, draft: bool = False) -> dict:
    """A full context for ke-hoach.docx, final or draft."""
    return {
        "doc": {
            "parent": "UBND TỈNH ĐẮK NÔNG",
            "issuer": "LIÊN MINH HTX TỈNH ĐẮK NÔNG",
            "symbol": "Số:      /KH-LMHTX" if draft else "Số: 188/KH-LMHTX",
            "place_date": ("Đắk Nông, ngày    tháng    năm 2021" if draft
                           else "Đắk Nông, ngày 11 tháng 5 năm 2021"),
            "type_name": "KẾ HOẠCH",
            "summary": SUMMARY,
            "draft": draft,
            "draft_mark": "DỰ THẢO" if draft else "",
        },
        "bases": [
            "Thực hiện Chương trình số 59-CTr/TU ngày 14/7/2020 của Ban Thường vụ Tỉnh ủy về thực "
            "hiện Kết luận số 70-KL/TW ngày 09/3/2020 của Bộ Chính trị; Kế hoạch số 485/KH-UBND "
            "ngày 11/9/2020 của UBND tỉnh Đắk Nông;",
            "Căn cứ Công văn số 5768/UBND-KTN ngày 10/11/2020 của UBND tỉnh Đắk Nông và Kế hoạch "
            "số 188/KH-LMHTXVN ngày 02/4/2021 của Liên minh HTX Việt Nam.",
        ],
        "preamble": ["Liên minh HTX tỉnh Đắk Nông xây dựng Kế hoạch thực hiện như sau:"],
        "body": [{"kind": k, "text": t} for k, t in BODY],
        "closing": "Trên đây là Kế hoạch thực hiện Nghị quyết 134/NQ-CP ngày 25/9/2020 của Chính "
                   "phủ về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể./.",
        "recipients": list(RECIPIENTS),
        "signer": {"authority": "TM. BAN THƯỜNG VỤ", "position": "CHỦ TỊCH", "name": "Nguyễn Khải"},
        "appendix": appendix_context(draft=draft),
    }


# --------------------------------------------------------------------------- helpers


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def body_paragraphs(document) -> list:
    """Paragraphs directly in the body (not in tables), in order."""
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, document) for p in document.element.body.findall(qn("w:p"))]


def texts(paragraphs) -> list[str]:
    return [norm(p.text) for p in paragraphs if norm(p.text)]


def style_chain_value(paragraph, getter):
    """First non-None value of ``getter(style)`` along the paragraph style's basedOn chain."""
    style = paragraph.style
    while style is not None:
        value = getter(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def eff_size(paragraph, run=None) -> float | None:
    if run is not None and run.font.size is not None:
        return run.font.size.pt
    size = style_chain_value(paragraph, lambda s: s.font.size)
    return None if size is None else size.pt


def eff_bold(paragraph, run=None) -> bool:
    if run is not None and run.font.bold is not None:
        return run.font.bold
    return bool(style_chain_value(paragraph, lambda s: s.font.bold))


def eff_italic(paragraph, run=None) -> bool:
    if run is not None and run.font.italic is not None:
        return run.font.italic
    return bool(style_chain_value(paragraph, lambda s: s.font.italic))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("render")
    plan = render_docx(PLAN_TEMPLATE, plan_context(), out / "ke-hoach-188.docx")
    draft = render_docx(PLAN_TEMPLATE, plan_context(draft=True), out / "du-thao.docx")
    appendix = render_docx(APPENDIX_TEMPLATE, {"appendix": appendix_context()}, out / "phu-luc.docx")
    return {"plan": plan, "draft": draft, "appendix": appendix}


# --------------------------------------------------------------------------- templates themselves


def test_templates_are_reproducible_from_builder():
    """tools/build_templates.py --check: the committed files equal a fresh build."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_templates.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_template_variables_match_contract():
    assert template_variables(PLAN_TEMPLATE) == {"doc", "bases", "preamble", "body", "closing",
                                                 "recipients", "signer", "appendix"}
    assert template_variables("phu-luc.docx") == {"appendix"}


def test_every_tag_is_one_run():
    for path in (PLAN_TEMPLATE, APPENDIX_TEMPLATE):
        document = Document(path)
        for p in document.element.body.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            if "{{" in text or "{%" in text:
                runs = [r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
                assert len(runs) == 1, (path.name, text)


def test_template_page_setup():
    document = Document(PLAN_TEMPLATE)
    first, last = document.sections[0], document.sections[-1]
    assert (first.page_width, first.page_height) == (ox.A4_SHORT * 635, ox.A4_LONG * 635)
    assert (last.page_width, last.page_height) == (ox.A4_LONG * 635, ox.A4_SHORT * 635)
    for s in document.sections:
        assert round(s.top_margin.mm) == 20 and round(s.bottom_margin.mm) == 20
        assert round(s.left_margin.mm) == 30 and round(s.right_margin.mm) == 15
    assert ox.section_info(last._sectPr)["page_start"] == 1
    assert all(ox.section_info(s._sectPr)["title_page"] for s in document.sections)
    normal = document.styles["Normal"]
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {rfonts.get(qn(f"w:{slot}")) for slot in ox.FONT_SLOTS} == {"Times New Roman"}
    assert normal.font.size.pt == 14


# --------------------------------------------------------------------------- rendered plan


def test_plan_text_in_order(rendered):
    document = Document(rendered["plan"])
    ctx = plan_context()
    got = texts(body_paragraphs(document))
    expected = [ctx["doc"]["type_name"], ctx["doc"]["summary"], *ctx["bases"], *ctx["preamble"],
                *[b["text"] for b in ctx["body"]], ctx["closing"]]
    expected = [norm(t) for t in expected]
    # the body part of the document, up to the section break, is exactly the context, in order
    assert got[: len(expected)] == expected
    # then the appendix heading lines
    assert got[len(expected):] == [norm(ctx["appendix"][k]) for k in ("heading", "title", "ref")]
    assert not any("{{" in t or "{%" in t for t in got)


def test_plan_header_table(rendered):
    document = Document(rendered["plan"])
    header = document.tables[0]
    cells = [[norm(c.text) for c in row.cells] for row in header.rows]
    assert cells[0][0] == "UBND TỈNH ĐẮK NÔNG LIÊN MINH HTX TỈNH ĐẮK NÔNG"
    assert cells[0][1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"
    assert cells[1] == ["Số: 188/KH-LMHTX", "Đắk Nông, ngày 11 tháng 5 năm 2021"]
    assert not ox.table_has_visible_borders(header._tbl)
    assert ox.table_grid(header._tbl) == [ox.mm_to_twips(72), ox.mm_to_twips(98)]

    def para(cell, text):
        return next(p for p in cell.paragraphs if norm(p.text) == text)

    parent = para(header.cell(0, 0), "UBND TỈNH ĐẮK NÔNG")
    issuer = para(header.cell(0, 0), "LIÊN MINH HTX TỈNH ĐẮK NÔNG")
    qh = para(header.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    tn = para(header.cell(0, 1), "Độc lập - Tự do - Hạnh phúc")
    number = para(header.cell(1, 0), "Số: 188/KH-LMHTX")
    date = para(header.cell(1, 1), "Đắk Nông, ngày 11 tháng 5 năm 2021")
    assert (eff_size(parent), eff_bold(parent)) == (12, False)
    assert (eff_size(issuer), eff_bold(issuer)) == (12, True)
    assert (eff_size(qh), eff_bold(qh)) == (12, True)
    assert (eff_size(tn), eff_bold(tn)) == (13, True)
    assert (eff_size(number), eff_bold(number), eff_italic(number)) == (13, False, False)
    assert (eff_size(date), eff_italic(date)) == (13, True)
    # the short rules are paragraph borders, never underscores
    rules = [p for p in header._tbl.iter(qn("w:p")) if ox.paragraph_border(p) is not None]
    assert len(rules) == 2
    assert "_" not in "".join(c.text for row in header.rows for c in row.cells)


def test_plan_formatting(rendered):
    document = Document(rendered["plan"])
    paras = {norm(p.text): p for p in body_paragraphs(document) if norm(p.text)}
    ctx = plan_context()
    title = paras["KẾ HOẠCH"]
    assert eff_bold(title) and eff_size(title) == 14
    assert title.alignment is None  # centred by its style, not by direct formatting
    assert title.style.paragraph_format.alignment == 1
    assert eff_bold(paras[norm(ctx["doc"]["summary"])])
    for basis in ctx["bases"]:
        assert eff_italic(paras[norm(basis)])
    kinds = {"h1": (True, False), "h2": (True, False), "h3": (True, True), "p": (False, False)}
    for b in ctx["body"]:
        p = paras[norm(b["text"])]
        assert (eff_bold(p), eff_italic(p)) == kinds[b["kind"]], b
        assert eff_size(p) == 14
        fmt = p.style.base_style.paragraph_format if b["kind"] != "p" else p.style.paragraph_format
        assert fmt.alignment == 3  # justify
        assert round(fmt.first_line_indent.cm, 2) == 1.27
        assert fmt.space_after.pt >= 6
        assert 1.0 <= fmt.line_spacing <= 1.5
    assert paras[norm(ctx["closing"])].text.endswith("./.")


def test_every_run_is_times_new_roman(rendered):
    for path in rendered.values():
        document = Document(path)
        styles = {s.style_id: s for s in document.styles}
        for r in document.element.iter(qn("w:r")):
            rfonts = r.find(qn("w:rPr") + "/" + qn("w:rFonts"))
            if rfonts is not None:
                assert rfonts.get(qn("w:ascii")) == "Times New Roman"
        for style in styles.values():
            rpr = style.element.rPr
            rfonts = None if rpr is None else rpr.find(qn("w:rFonts"))
            if rfonts is not None:
                for slot in ox.FONT_SLOTS:
                    assert rfonts.get(qn(f"w:{slot}")) == "Times New Roman", (style.name, slot)


def test_signature_and_recipients(rendered):
    document = Document(rendered["plan"])
    sign = document.tables[1]
    left, right = sign.cell(0, 0), sign.cell(0, 1)
    lines = [p for p in left.paragraphs if p.text.strip()]
    assert norm(lines[0].text) == "Nơi nhận:"
    assert (eff_size(lines[0]), eff_bold(lines[0]), eff_italic(lines[0])) == (12, True, True)
    assert [norm(p.text) for p in lines[1:]] == RECIPIENTS
    assert all(eff_size(p) == 11 for p in lines[1:])
    signer = [p for p in right.paragraphs]
    texts_right = [norm(p.text) for p in signer]
    assert texts_right[0] == "TM. BAN THƯỜNG VỤ" and texts_right[1] == "CHỦ TỊCH"
    assert texts_right[-1] == "Nguyễn Khải"
    assert texts_right[2:-1] == ["", "", "", ""]  # room for signature and seal
    assert all(eff_bold(p) and eff_size(p) == 14 for p in signer if p.text)
    assert not ox.table_has_visible_borders(sign._tbl)


def test_page_numbers(rendered):
    document = Document(rendered["plan"])
    assert len(document.sections) == 2
    for s in document.sections:
        assert s.different_first_page_header_footer
        assert ox.has_page_field(s.header._element)
        assert not ox.has_page_field(s.first_page_header._element)
        p = s.header.paragraphs[0]
        assert p.alignment == 1  # centred in the top margin
    assert ox.section_info(document.sections[1]._sectPr)["page_start"] == 1


def test_appendix_section_and_table(rendered):
    for key in ("plan", "appendix"):
        document = Document(rendered[key])
        last = document.sections[-1]
        assert last.page_width > last.page_height, key
        assert ox.section_info(last._sectPr)["landscape"]
        table = document.tables[-1]
        trs = table._tbl.findall(qn("w:tr"))
        assert ox.row_repeats_header(trs[0])
        assert all(ox.row_cant_split(tr) for tr in trs)
        assert ox.table_grid(table._tbl) == [ox.mm_to_twips(w) for w in (12, 128, 55, 35, 22)]
        header = [norm(c.text) for c in table.rows[0].cells]
        assert header == ["Stt", "Nhiệm vụ", "Chủ trì tham mưu", "Thời gian thực hiện", "Ghi chú"]
        got = []
        for tr in trs[1:]:
            tcs = tr.findall(qn("w:tc"))
            cells = [norm("".join(t.text or "" for t in tc.iter(qn("w:t")))) for tc in tcs]
            got.append((cells, [ox.grid_span(tc) for tc in tcs]))
        expected = []
        for g, s, t, lead, when, note in ROWS:
            if g:
                expected.append(([s, norm(t)], [1, 4]))
            else:
                expected.append(([s, norm(t), lead, when, note], [1, 1, 1, 1, 1]))
        assert got == expected
        # group rows bold, task rows regular
        from docx.text.paragraph import Paragraph

        for tr, (g, *_rest) in zip(trs[1:], ROWS):
            p = Paragraph(tr.find(qn("w:tc")).find(qn("w:p")), document)
            assert eff_bold(p) is g
            assert eff_size(p) == 13


def test_appendix_alone_has_no_header_table(rendered):
    document = Document(rendered["appendix"])
    assert len(document.sections) == 1 and len(document.tables) == 1
    assert texts(body_paragraphs(document)) == [
        "Phụ lục", "PHÂN CÔNG THỰC HIỆN KẾ HOẠCH", norm(appendix_context()["ref"])]
    ref = next(p for p in body_paragraphs(document) if p.text.startswith("(Kèm theo"))
    assert eff_italic(ref)


# --------------------------------------------------------------------------- escaping


def test_special_characters_are_escaped(rendered):
    document = Document(rendered["plan"])
    all_text = [norm(p.text) for p in document.paragraphs]
    assert norm(ESCAPE_TEXT) in all_text
    cells = [norm(c.text) for row in document.tables[-1].rows for c in row.cells]
    assert "Tổ chức tuyên dương, tôn vinh các mô hình kinh tế tập thể & HTX; giải thưởng " \
           "\"Ngôi sao HTX Việt Nam\" <cấp tỉnh>" in cells
    assert "Kết hợp 'Ngày HTX'" in cells
    # nothing after the special characters was lost: the document is complete
    assert norm(plan_context()["closing"]) in all_text
    assert len(document.tables[-1].rows) == 1 + len(ROWS)


def test_decomposed_unicode_is_normalised(tmp_path):
    ctx = plan_context()
    ctx["doc"]["issuer"] = unicodedata.normalize("NFD", "LIÊN MINH HTX TỈNH ĐẮK NÔNG")
    out = render_docx(PLAN_TEMPLATE, ctx, tmp_path / "nfd.docx")
    text = Document(out).tables[0].cell(0, 0).text
    assert "LIÊN MINH HTX TỈNH ĐẮK NÔNG" in text
    assert unicodedata.is_normalized("NFC", text)


# --------------------------------------------------------------------------- draft vs final


def test_draft_and_final(rendered):
    final = Document(rendered["plan"])
    draft = Document(rendered["draft"])
    final_text = "\n".join(p.text for p in final.paragraphs)
    draft_text = "\n".join(p.text for p in draft.paragraphs)
    assert "DỰ THẢO" not in final_text
    assert draft.paragraphs[0].text == "DỰ THẢO"
    box = draft.paragraphs[0]
    assert eff_bold(box)
    assert all(ox.paragraph_border(box._p, side) is not None for side in ("top", "left", "bottom", "right"))
    assert "DỰ THẢO" not in "".join(p.text for p in final.paragraphs[:3])
    cells = draft.tables[0].rows[1].cells
    assert cells[0].text == "Số:      /KH-LMHTX"
    assert cells[1].text == "Đắk Nông, ngày    tháng    năm 2021"
    assert final.tables[0].rows[1].cells[0].text == "Số: 188/KH-LMHTX"
    # final starts with the header table (no leftover empty paragraph from the draft block)
    assert final.element.body[0].tag == qn("w:tbl")
    assert draft_text.count("DỰ THẢO") == 1


def test_parent_agency_may_be_empty(tmp_path):
    ctx = plan_context()
    ctx["doc"]["parent"] = ""
    out = render_docx(PLAN_TEMPLATE, ctx, tmp_path / "no-parent.docx")
    cell = Document(out).tables[0].cell(0, 0)
    assert [norm(p.text) for p in cell.paragraphs if p.text] == ["LIÊN MINH HTX TỈNH ĐẮK NÔNG"]


# --------------------------------------------------------------------------- errors


def test_missing_top_level_variable_names_variable_and_template(tmp_path):
    ctx = plan_context()
    del ctx["signer"], ctx["closing"]
    with pytest.raises(TemplateError) as info:
        render_docx(PLAN_TEMPLATE, ctx, tmp_path / "x.docx")
    message = str(info.value)
    assert "signer" in message and "closing" in message and "ke-hoach.docx" in message
    assert "thiếu" in message or "chưa có" in message
    assert not (tmp_path / "x.docx").exists()
    assert list(tmp_path.iterdir()) == []


def test_missing_nested_attribute_is_reported_before_rendering(tmp_path):
    ctx = plan_context()
    del ctx["doc"]["symbol"]
    assert missing_variables(PLAN_TEMPLATE, ctx) == ["doc.symbol"]
    with pytest.raises(TemplateError, match=r"doc\.symbol.*|.*ke-hoach\.docx"):
        render_docx(PLAN_TEMPLATE, ctx, tmp_path / "x.docx")


def test_missing_attribute_in_loop_item_fails_at_render(tmp_path):
    ctx = plan_context()
    del ctx["appendix"]["rows"][1]["lead"]
    with pytest.raises(TemplateError) as info:
        render_docx(PLAN_TEMPLATE, ctx, tmp_path / "x.docx")
    assert "lead" in str(info.value) and "ke-hoach.docx" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_missing_body_kind_fails(tmp_path):
    ctx = plan_context()
    del ctx["body"][0]["kind"]
    with pytest.raises(TemplateError, match="kind"):
        render_docx(PLAN_TEMPLATE, ctx, tmp_path / "x.docx")


def test_unknown_template():
    with pytest.raises(TemplateError, match="Không tìm thấy"):
        render_docx("khong-co.docx", {}, Path("/tmp/never-written.docx"))


def test_no_overwrite_without_intent(tmp_path):
    out = tmp_path / "ke-hoach.docx"
    out.write_bytes(b"ban cu")
    with pytest.raises(OutputExistsError) as info:
        render_docx(PLAN_TEMPLATE, plan_context(), out)
    assert str(out) in str(info.value) and "đã tồn tại" in str(info.value)
    assert out.read_bytes() == b"ban cu"
    render_docx(PLAN_TEMPLATE, plan_context(), out, overwrite=True)
    assert Document(out).tables[0].rows[1].cells[0].text == "Số: 188/KH-LMHTX"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach.docx"]


def test_render_many_checks_all_outputs_first(tmp_path):
    (tmp_path / "b.docx").write_bytes(b"x")
    jobs = [({"appendix": appendix_context()}, tmp_path / "a.docx"),
            ({"appendix": appendix_context()}, tmp_path / "b.docx")]
    with pytest.raises(OutputExistsError):
        render_many(APPENDIX_TEMPLATE, jobs)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.docx"]
    outs = render_many(APPENDIX_TEMPLATE, jobs, overwrite=True)
    assert [p.name for p in outs] == ["a.docx", "b.docx"]
    assert len(Document(outs[1]).tables[0].rows) == 1 + len(ROWS)


def test_context_is_not_mutated(tmp_path):
    ctx = plan_context()
    before = copy.deepcopy(ctx)
    render_docx(PLAN_TEMPLATE, ctx, tmp_path / "a.docx")
    assert ctx == before


def test_output_has_ordinary_file_permissions(tmp_path):
    import os

    out = render_docx(APPENDIX_TEMPLATE, {"appendix": appendix_context()}, tmp_path / "pl.docx")
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # not mkstemp's 0600
