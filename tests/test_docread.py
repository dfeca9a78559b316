"""The reader of any .docx (baocao.docread) on the sample plan made five ways: rendered from the
template, typed by a clerk with python-docx (direct formatting; header as a table or as tab-separated
paragraphs; numbers typed or from Word's list numbering; items joined by manual line breaks; merged
appendix cells), and LibreOffice-saved copies. Each must read into the same outline."""

from __future__ import annotations

import datetime as dt
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from baocao.docread import open_docx, read_blocks, read_outline
from baocao.errors import InputError
from baocao.plan.text import appendix_rows, plan_context
from baocao.render.docx import render_docx
from baocao.render.pdf import find_soffice
from conftest import norm
from docbuild import clerk_plan, decree_doc, saved_by_libreoffice

MADE = ["template", "clerk-table-typed", "clerk-tabs-typed", "clerk-table-word-numbering", "clerk-tabs-breaks",
        "libreoffice-template", "libreoffice-word-numbering"]


@pytest.fixture(scope="module")
def made(tmp_path_factory, plan):
    """The plan as .docx, one file per way of making it."""
    out = tmp_path_factory.mktemp("made")
    ctx = plan_context(plan)
    files = {
        "template": render_docx("ke-hoach.docx", ctx, out / "template.docx"),
        "clerk-table-typed": clerk_plan(ctx, out / "clerk-table-typed.docx"),
        "clerk-tabs-typed": clerk_plan(ctx, out / "clerk-tabs-typed.docx", header="tabs"),
        "clerk-table-word-numbering": clerk_plan(ctx, out / "clerk-table-word-numbering.docx", numbering="word"),
        "clerk-tabs-breaks": clerk_plan(ctx, out / "clerk-tabs-breaks.docx", header="tabs", breaks=True),
    }
    if find_soffice() is not None:
        saved = saved_by_libreoffice([files["template"], files["clerk-table-word-numbering"]], out / "lo")
        files["libreoffice-template"], files["libreoffice-word-numbering"] = saved
    return files


def _outline(made, way):
    if way not in made:
        pytest.skip("LibreOffice (soffice) chưa cài")
    return read_outline(made[way])


@pytest.mark.parametrize("way", MADE)
def test_header_type_line_and_summary(made, plan, way):
    o = _outline(made, way)
    assert [x.flat for x in o.header.agency] == ["UBND TỈNH ĐẮK NÔNG", "LIÊN MINH HTX TỈNH ĐẮK NÔNG"]
    assert (o.header.symbol, o.header.type_code) == ("188/KH-LMHTX", "KH")
    assert o.header.date == plan.document.date and o.header.place_date.flat.startswith("Đắk Nông, ngày 11")
    assert [x.flat for x in o.header.motto] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert o.type_name == "KẾ HOẠCH"
    assert [x.flat for x in o.summary] == [norm(plan.document.summary)]


@pytest.mark.parametrize("way", MADE)
def test_body_items_and_headings(made, plan, way):
    """Every body paragraph is read with its label, whether typed or drawn by Word's list numbering."""
    o = _outline(made, way)
    ctx = plan_context(plan)
    expected = [*ctx["bases"], *ctx["preamble"], *(p["text"] for p in ctx["body"]), plan.closing]
    assert [norm(i.shown) for i in o.body] == [norm(t) for t in expected]
    headings = [i.shown for i in o.headings()]
    assert headings[:3] == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "1. Mục tiêu chung"]
    assert "3.2. Tham gia, phối hợp với các sở, ban, ngành và các địa phương rà soát, hoàn thiện hệ thống cơ chế, " \
           "chính sách về phát triển kinh tế tập thể, hợp tác xã" in headings
    task = next(i for i in o.body if i.text.startswith("Tổ chức quán triệt"))
    assert (task.kind, task.label) == ("dash", "-")
    assert task.headings == ("II. NỘI DUNG", "3. Nhiệm vụ, giải pháp chủ yếu",
                             "3.1. Tuyên truyền, nâng cao nhận thức về kinh tế tập thể, hợp tác xã")
    assert task.place.heading.startswith("II. NỘI DUNG › 3. Nhiệm vụ, giải pháp chủ yếu › 3.1. Tuyên truyền")
    numbered = [i for i in o.body if i.kind == "numbered"]
    assert [i.label for i in numbered[:3]] == ["1", "2", "3"] and numbered[0].headings == ("I. MỤC ĐÍCH, YÊU CẦU",)
    assert [i.kind for i in o.body if i.text.startswith("Tham mưu")] == ["plus", "plus"]  # LibreOffice: U+F02B


@pytest.mark.parametrize("way", MADE)
def test_places_point_at_the_paragraph_a_clerk_counts(made, way):
    o = _outline(made, way)
    paragraphs = docx.Document(str(made[way])).paragraphs
    for item in o.body:
        assert norm(item.text)[:40] in norm(paragraphs[item.place.paragraph - 1].text)
        assert str(item.place) == f"đoạn {item.place.paragraph}"


@pytest.mark.parametrize("way", MADE)
def test_appendix_table_rows_with_merged_cells(made, plan, way):
    o = _outline(made, way)
    (appendix,) = o.appendices
    assert appendix.name.lower() == "phụ lục"
    assert [x.flat for x in appendix.title] == ["PHÂN CÔNG THỰC HIỆN KẾ HOẠCH"]
    assert appendix.reference.flat.startswith("(Kèm theo Kế hoạch số: 188/KH-LMHTX ngày 11 tháng 5 năm 2021")
    (table,) = appendix.tables
    assert {"stt", "task", "lead", "time", "note"} <= set(table.roles)
    got = [(r.kind == "group", r.stt, r.text("task"), r.text("lead"), r.text("time")) for r in table.rows]
    assert got == [(r.group, r.stt, norm(r.task), norm(r.lead), norm(r.time)) for r in appendix_rows(plan)]
    row = table.rows[2]
    assert str(table.place(row, "task")) == f"bảng {table.table.number}, hàng {row.number}, cột 2"


@pytest.mark.parametrize("way", MADE)
def test_recipients_and_signer(made, plan, way):
    o = _outline(made, way)
    assert [x.flat for x in o.copies] == [norm(x) for x in plan_context(plan)["recipients"]]
    assert [x.flat for x in o.signer] == ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nguyễn Khải"]


def test_texts_carry_the_heading_they_sit_under(made):
    texts = read_outline(made["template"]).texts()

    def place(start):
        return next(t.place for t in texts if t.flat.startswith(start))

    assert place("Số: 188/KH-LMHTX").heading == "phần đầu văn bản"
    assert place("Nơi nhận: - UBND tỉnh Đắk Nông").heading == "nơi nhận, chữ ký"
    assert place("Tổ chức quán triệt").heading == "Phụ lục" and place("Tổ chức quán triệt").table is not None
    assert place("- Tổ chức quán triệt").heading.startswith("II. NỘI DUNG › 3. Nhiệm vụ, giải pháp chủ yếu › 3.1. Tuyên")


def test_report_parts(tmp_path, plan):
    """A rendered report: Kính gửi, the indicator table's columns, the task table."""
    from baocao.jobs import write_report
    from conftest import ROOT

    written = write_report(plan, ROOT / "sample_data" / "ke-hoach-188.yaml", ROOT / "sample_data" / "du-lieu-mau.xlsx",
                           "2023-H1", tmp_path, returns_dir=ROOT / "sample_data" / "bao-cao-don-vi",
                           narrative=ROOT / "sample_data" / "nhan-dinh" / "2023-H1.yaml", charts="none")
    o = read_outline(written.docx)
    assert o.type_name == "BÁO CÁO" and o.header.type_code == "BC"
    assert [x.flat for x in o.addressees] == ["- Ủy ban nhân dân tỉnh Đắk Nông;", "- Liên minh Hợp tác xã Việt Nam."]
    indicators, tasks = o.appendices[0].tables[0], o.appendices[1].tables[0]
    assert list(indicators.roles) == ["stt", "indicator", "unit", "goal", "path", "value", "previous", "percent",
                                      "verdict"]  # Mục tiêu, Lộ trình, Thực hiện, Cùng kỳ, Tỷ lệ, Đánh giá
    assert {"task", "lead", "status", "result"} <= set(tasks.roles)
    assert indicators.rows[0].text("indicator") == written.report.indicator_rows[0].label


def test_the_columns_of_a_summary(tmp_path):
    """Đầu kỳ, Thực hiện đến, Ước thực hiện: the start of the plan, the figure at the cut-off, the estimate."""
    from docbuild import decree_doc

    columns = ("Stt", "Chỉ tiêu", "ĐVT", "Đầu kỳ (31/12/2020)", "Thực hiện đến 14/12/2025", "Ước thực hiện năm 2025",
               "Mục tiêu 2025", "Tỷ lệ so với mục tiêu (%)", "Đánh giá")
    path = decree_doc(tmp_path / "bc.docx", type_name="BÁO CÁO", appendix_columns=columns,
                      appendix=(("1", "Tỷ lệ hộ tham gia", "%", "30,7", "39,2 (năm 2024)", "41,3", "40 - 45", "103,4", "Đạt"),))
    (table,) = read_outline(path).appendices[0].tables
    assert [r for r, _ in sorted(table.roles.items(), key=lambda x: x[1])] == [
        "stt", "indicator", "unit", "baseline", "value", "estimate", "goal", "percent", "verdict"]
    assert (table.rows[0].text("value"), table.rows[0].text("estimate")) == ("39,2 (năm 2024)", "41,3")


def test_tracked_changes_read_as_accepted(tmp_path):
    document = docx.Document()
    p = document.add_paragraph("Thành lập ")
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="A"><w:r><w:delText>05</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="A"><w:r><w:t>25</w:t></w:r></w:ins>'))
    p.add_run(" HTX\tmỗi năm")
    path = tmp_path / "sua.docx"
    document.save(str(path))
    (para,) = read_blocks(path).paragraphs()
    assert para.text == "Thành lập 25 HTX\tmỗi năm" and para.flat == "Thành lập 25 HTX mỗi năm"


def _docx_bytes(tmp_path) -> bytes:
    path = tmp_path / "ok.docx"
    docx.Document().save(str(path))
    return path.read_bytes()


@pytest.mark.parametrize("content,message", [
    (None, "không có tệp này"),
    ("folder", "đây là thư mục"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, r"tệp Word 97-2003 \(\.doc\)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "có mật khẩu"),
    (b"{\\rtf1\\ansi Ke hoach}", "tệp RTF"),
    (b"", "không phải tệp .docx"),
    ("truncated", "không phải tệp .docx"),
    ("xlsx", "không phải văn bản Word"),
    ("bad-member", "bị hỏng"),
])
def test_unreadable_files_are_refused_in_vietnamese(tmp_path, content, message):
    path = tmp_path / "van-ban.docx"
    if content == "folder":
        path.mkdir()
    elif content == "truncated":
        path.write_bytes(_docx_bytes(tmp_path)[:700])
    elif content == "xlsx":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.xml", "<workbook/>")
    elif content == "bad-member":
        data = bytearray(_docx_bytes(tmp_path))
        at = data.find(b"word/document.xml") + 40  # inside the compressed part of the first member
        data[at:at + 20] = b"\xff" * 20
        path.write_bytes(bytes(data))
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        open_docx(path)
    assert str(path) in str(caught.value) and "Không đọc được văn bản Word" in str(caught.value)


def test_a_draft_mark_above_the_header_table(tmp_path, plan):
    """"DỰ THẢO" above the header: a mark; the number and day left blank for the registry clerk."""
    path = render_docx("ke-hoach.docx", plan_context(plan, draft=True), tmp_path / "du-thao.docx")
    o = read_outline(path)
    assert [x.flat for x in o.header.marks] == ["DỰ THẢO"]
    assert (o.header.symbol, o.header.date, o.header.year) == ("/KH-LMHTX", None, 2021)
    assert o.type_name == "KẾ HOẠCH" and o.body[0].text.startswith("Thực hiện Chương trình số 59-CTr/TU")


def test_heading_paths_of_numbered_sentences_and_articles(tmp_path):
    """A numbered sentence after a numbered heading is its sibling ("12. Đài …: chủ trì …" after "11. Bộ Ngoại
    giao" sits under III, not under 11); "Điều 2." ends every heading before it and heads what follows."""
    path = decree_doc(tmp_path / "qd.docx", type_name="QUYẾT ĐỊNH", summary="Về việc phê duyệt quy hoạch chợ",
                      body=("III. TỔ CHỨC THỰC HIỆN", "11. Bộ Ngoại giao",
                            "- Phối hợp vận động kiều bào tham gia.",
                            "12. Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam: Chủ trì xây dựng chuyên mục.",
                            "3. Chính sách đào tạo", "Điều 2. Tổ chức chỉ đạo và thực hiện:",
                            "Sở Thương mại chủ trì tổ chức thực hiện."))
    items = {it.text[:12]: it for it in read_outline(path).body}
    assert items["Phối hợp vận"].headings == ("III. TỔ CHỨC THỰC HIỆN", "11. Bộ Ngoại giao")
    assert items["Đài Truyền h"].headings == ("III. TỔ CHỨC THỰC HIỆN",)
    assert items["Điều 2. Tổ c"].headings == ()
    assert items["Sở Thương mạ"].headings == ("Điều 2",)


def test_header_number_parts_and_place(tmp_path):
    """What the plan import reads off the header: the number and what follows it, and the place (also in a draft)."""
    made = read_outline(decree_doc(tmp_path / "kh.docx", body=("I. NỘI DUNG",))).header
    assert (made.number_parts, made.place, made.date) == (("12", "KH-LMHTX"), "Đắk Nông", dt.date(2021, 5, 11))
    draft = read_outline(decree_doc(tmp_path / "du-thao.docx", number="Số:     /KH-LMHTX",
                                    place_date="Đắk Nông, ngày     tháng     năm 2021", body=("I. NỘI DUNG",))).header
    assert (draft.number_parts, draft.place, draft.date, draft.year) == (("", "KH-LMHTX"), "Đắk Nông", None, 2021)
    party = read_outline(decree_doc(tmp_path / "tu.docx", number="Số 12-KH/TU", body=("I. NỘI DUNG",))).header
    assert party.number_parts is None
