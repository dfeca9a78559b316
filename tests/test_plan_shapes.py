"""Text shapes of real provincial plans: lettered items, several units per block, citations written
as the document writes them, a preamble sentence citing several documents, line breaks in titles."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from baocao.errors import InputError
from baocao.plan.io import dump_plan_text, parse_plan
from baocao.plan.text import body_paragraphs, plan_context
from baocao.render.docx import render_docx

from conftest import FIXTURES, norm

OTHER = (FIXTURES / "plan_other.yaml").read_text(encoding="utf-8")


def _with(old: str, new: str, text: str = OTHER) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


LETTERED = '''  - title: "KINH PHÍ"
    blocks:
      - numbered: "Nguồn vốn:"
        blocks:
          - lettered: "Ngân sách tỉnh;"
          - lettered: "Vốn lồng ghép;"
          - lettered: "Vốn tín dụng;"
          - lettered: "Vốn của hợp tác xã;"
          - lettered: "Vốn huy động;"
          - lettered: "Vốn tài trợ;"
          - lettered: "Nguồn khác."
      - lettered: "Điểm ghi số riêng."
        number: "k)"
      - numbered: "Khoản ghi số riêng."
        number: "5"
'''


def test_lettered_items_follow_the_vietnamese_alphabet():
    plan = parse_plan(_with('  - title: "KINH PHÍ"\n    blocks:\n      - text: "Kinh phí thực hiện từ nguồn sự '
                            'nghiệp kinh tế năm 2026 giao cho Sở."\n', LETTERED))
    texts = [p.text for p in body_paragraphs(plan)]
    start = texts.index("1. Nguồn vốn:")
    assert [t[:3] for t in texts[start + 1:start + 8]] == ["a) ", "b) ", "c) ", "d) ", "đ) ", "e) ", "g) "]
    assert texts[start + 8] == "k) Điểm ghi số riêng."  # an explicit "k)" is not written "k). "
    assert texts[start + 9] == "5. Khoản ghi số riêng."
    assert parse_plan(dump_plan_text(plan)) == plan


def test_a_block_may_name_several_units_and_each_gets_the_duty():
    plan = parse_plan(_with("        unit: ptnt\n", "        unit: [ptnt, kh, vp]\n"))
    duty = "Chi cục Phát triển nông thôn chủ trì, tổng hợp báo cáo quý gửi UBND tỉnh."
    assert {u: d for u, d in plan.duties().items()} == {"ptnt": [duty], "kh": [duty], "vp": [duty]}
    text = _with("        unit: ptnt\n", "        unit: [ptnt, sxd]\n")
    with pytest.raises(InputError) as err:
        parse_plan(text, "kh.yaml")
    [p] = err.value.problems
    assert p.path == "sections[3].blocks[0].unit[1]" and "sxd" in p.message
    assert p.line == text[: text.index("unit: [ptnt, sxd]")].count("\n") + 1


BASES = '''legal_bases:
  - lead: "- Căn cứ"
    citations:
      - type: "Luật tổ chức HĐND và UBND (sửa đổi) được Quốc hội thông qua"
        date: "26-11-2003"
    end: ";"
  - lead: "- Căn cứ"
    citations:
      - type: "Quyết định"
        number_word: "số:"
        symbol: "311/QĐ-TTg"
        date: "20 tháng 3 năm 2003"
        issuer: "Thủ tướng Chính phủ"
        about: ""
        subject: "phê duyệt đề án tiếp tục tổ chức thị trường trong nước"
    end: ";"
  - lead: "- Xét đề nghị của"
    words: "Giám đốc Sở Thương mại tại"
    citations:
      - type: "Tờ trình"
        symbol: "695/TM-QLTM"
        date: "10 tháng 11 năm 2003"
    after: " (sau khi đã lấy ý kiến góp ý của các Sở, Ban, Ngành liên quan)"
    end: ";"
  - lead: "Xét đề nghị của"
    words: "Bộ trưởng Bộ Lao động - Thương binh và Xã hội"
    end: ","
preamble:
  - lead: "Để triển khai thực hiện"
    citations:
      - {type: "Nghị quyết", symbol: "20-NQ/TW", date: 2022-06-16, issuer: "Ban Chấp hành Trung ương Đảng"}
      - {joiner: ", ", type: "Nghị quyết", symbol: "09/NQ-CP", date: 2023-01-13, issuer: "Chính phủ"}
      - {joiner: ", ", type: "Chỉ thị", symbol: "21/CT-TTg", date: 2023-07-25, issuer: "Thủ tướng Chính phủ"}
      - {joiner: ", ", type: "Kế hoạch", symbol: "180/KH-UBND", date: 2022-08-17, issuer: "UBND tỉnh"}
      - {joiner: ", ", type: "Chương trình", symbol: "12-CTr/TU", date: 2022-09-05, issuer: "Tỉnh ủy"}
      - {joiner: " và ", type: "Nghị quyết", symbol: "05/NQ-HĐND", date: 2023-03-10, issuer: "HĐND tỉnh"}
    after: ", Sở Nông nghiệp và Môi trường xây dựng Kế hoạch như sau"
    end: ":"
'''


def test_citations_are_written_as_the_document_writes_them():
    start, end = OTHER.index("legal_bases:"), OTHER.index("units:")
    plan = parse_plan(OTHER[:start] + BASES + OTHER[end:])
    ctx = plan_context(plan)
    assert ctx["bases"] == [
        "- Căn cứ Luật tổ chức HĐND và UBND (sửa đổi) được Quốc hội thông qua ngày 26-11-2003;",
        "- Căn cứ Quyết định số: 311/QĐ-TTg ngày 20 tháng 3 năm 2003 của Thủ tướng Chính phủ phê duyệt "
        "đề án tiếp tục tổ chức thị trường trong nước;",
        "- Xét đề nghị của Giám đốc Sở Thương mại tại Tờ trình số 695/TM-QLTM ngày 10 tháng 11 năm 2003 "
        "(sau khi đã lấy ý kiến góp ý của các Sở, Ban, Ngành liên quan);",
        "Xét đề nghị của Bộ trưởng Bộ Lao động - Thương binh và Xã hội,",
    ]
    assert plan.legal_bases[1].citations[0].date == dt.date(2003, 3, 20)
    assert ctx["preamble"] == [
        "Để triển khai thực hiện Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng, "
        "Nghị quyết số 09/NQ-CP ngày 13/01/2023 của Chính phủ, Chỉ thị số 21/CT-TTg ngày 25/7/2023 của Thủ "
        "tướng Chính phủ, Kế hoạch số 180/KH-UBND ngày 17/8/2022 của UBND tỉnh, Chương trình số 12-CTr/TU "
        "ngày 05/9/2022 của Tỉnh ủy và Nghị quyết số 05/NQ-HĐND ngày 10/3/2023 của HĐND tỉnh, Sở Nông nghiệp "
        "và Môi trường xây dựng Kế hoạch như sau:"]
    assert [c.symbol for c in plan.preamble[0].citations][-1] == "05/NQ-HĐND"
    assert parse_plan(dump_plan_text(plan)) == plan


@pytest.mark.parametrize("date, words", [("31 tháng 2 năm 2003", "không có ngày này"),
                                         ("tháng 3 năm 2003", "Không đọc được ngày")])
def test_a_citation_date_that_cannot_be_read_is_located(date, words):
    text = OTHER.replace("date: 2024-09-12", f'date: "{date}"')
    with pytest.raises(InputError) as err:
        parse_plan(text, "kh.yaml")
    [p] = err.value.problems
    assert p.path == "legal_bases[0].citations[1]" and words in p.message
    assert p.line == text[: text.index("- type: \"Nghị định\"")].count("\n") + 1


def test_a_basis_needs_words_or_citations():
    text = _with('  - lead: "Căn cứ"\n    citations:', '  - lead: "Căn cứ"\n    end: ";"\n  - lead: "Căn cứ"\n'
                                                       '    citations:')
    with pytest.raises(InputError) as err:
        parse_plan(text, "kh.yaml")
    assert [(p.path, "'words'" in p.message) for p in err.value.problems] == [("legal_bases[0]", True)]


def test_line_breaks_in_agency_name_and_signer_title(tmp_path):
    """A "\\n" in the YAML text is a line break in the document (docs/plan-file.md, "Line breaks")."""
    text = _with('  name: "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"', '  name: "SỞ NÔNG NGHIỆP\\nVÀ MÔI TRƯỜNG"')
    text = _with('  authority: "KT. GIÁM ĐỐC"', '  authority: "TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH"', text)
    plan = parse_plan(text)
    out = render_docx("ke-hoach.docx", plan_context(plan), tmp_path / "kh.docx")
    document = docx.Document(str(out))
    agency = [p for p in document.tables[0].cell(0, 0).paragraphs if "NÔNG NGHIỆP" in p.text]
    assert [p.text for p in agency] == ["SỞ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG"]
    assert agency[0]._p.xml.count("<w:br/>") == 1
    signer = [norm(p.text) for p in document.tables[1].cell(0, 1).paragraphs if p.text.strip()]
    assert signer[:2] == ["TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC"]
