"""Comparing two Word documents by paragraphs and by sentences in order (baocao.plan_import.compare),
on documents rendered from shipped plans and on copies changed with python-docx."""

from __future__ import annotations

import random
import unicodedata

import docx
import pytest
from conftest import FIXTURES, SAMPLE_PLAN

from baocao.jobs.plan_docs import write_plan
from baocao.plan.io import load_plan
from baocao.plan.text import plan_context
from baocao.plan_import.compare import (Coverage, common_order, paragraphs, same_paragraphs, sentences,
                                        sentences_in_order, split_sentences)
from docbuild import clerk_plan

REAL_773 = FIXTURES / "real-plans" / "congbot-qd-773-ttg-kh-nguoi-co-cong-2018.yaml"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The sample plan (KH 188) and the real decision QĐ 773 rendered by the templates."""
    out = tmp_path_factory.mktemp("compare")
    return {"188": write_plan(SAMPLE_PLAN, out / "188").docx[0],
            "773": write_plan(REAL_773, out / "773").docx[0]}


def _changed(path, out, change) -> tuple:
    """A copy of ``path`` saved after ``change(document)``; returns the copy and what change returned."""
    document = docx.Document(str(path))
    result = change(document)
    document.save(str(out))
    return out, result


def _body_paragraph(document, starts: str):
    return next(p for p in document.paragraphs if p.text.strip().startswith(starts))


def _set_text(paragraph, text: str) -> None:
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = text


# --------------------------------------------------------------------------- paragraphs


def test_paragraphs_are_nfc_single_spaced_and_in_document_order(rendered):
    texts = paragraphs(rendered["773"])
    assert texts and all(t == " ".join(t.split()) and t == unicodedata.normalize("NFC", t) for t in texts)
    order = [texts.index(t) for t in ("QUYẾT ĐỊNH:", "KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU",
                                      "III. TỔ CHỨC THỰC HIỆN")]
    assert order == sorted(order)
    # a header cell once, its lines joined
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in texts
    assert "" not in texts


def test_a_merged_cell_counts_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "Sở Công Thương"  # merged down over three rows
    for r, task in enumerate(("Nhiệm vụ một", "Nhiệm vụ hai", "Nhiệm vụ ba")):
        table.cell(r, 1).text = task
    wide = document.add_table(rows=1, cols=3)
    wide.cell(0, 0).merge(wide.cell(0, 2)).text = "Nhóm nhiệm vụ"  # merged across
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert paragraphs(path) == ["Sở Công Thương", "Nhiệm vụ một", "Nhiệm vụ hai", "Nhiệm vụ ba",
                                "Nhóm nhiệm vụ"]


def test_same_paragraphs_is_empty_for_two_renders_of_one_plan(rendered, tmp_path):
    again = write_plan(SAMPLE_PLAN, tmp_path / "again").docx[0]
    assert same_paragraphs(rendered["188"], again) == []


def test_same_paragraphs_shows_the_one_changed_paragraph(rendered, tmp_path):
    before = "III. TỔ CHỨC THỰC HIỆN"
    out, _ = _changed(rendered["773"], tmp_path / "changed.docx",
                      lambda d: _set_text(_body_paragraph(d, before), "III. TỔ CHỨC THỰC HIỆN KẾ HOẠCH"))
    diff = same_paragraphs(rendered["773"], out)
    assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        f"-{before}", "+III. TỔ CHỨC THỰC HIỆN KẾ HOẠCH"]


def test_same_paragraphs_ignores_how_spaces_and_accents_are_typed(rendered, tmp_path):
    def respace(document):
        p = _body_paragraph(document, "II. NHIỆM VỤ VÀ GIẢI PHÁP")
        _set_text(p, unicodedata.normalize("NFD", "II.  NHIỆM VỤ\tVÀ GIẢI PHÁP "))

    out, _ = _changed(rendered["773"], tmp_path / "respaced.docx", respace)
    assert same_paragraphs(rendered["773"], out) == []


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize("text, expected", [
    ("Điều 1. Quyết định này có hiệu lực kể từ ngày ký.", ["Điều 1. Quyết định này có hiệu lực kể từ ngày ký."]),
    ("c) Hoàn thành tổng kết khóa XI. Giải quyết căn bản hồ sơ vào năm 2020.",
     ["c) Hoàn thành tổng kết khóa XI.", "Giải quyết căn bản hồ sơ vào năm 2020."]),
    ("a) Tập trung khắc phục; tìm kiếm, quy tập hài cốt liệt sĩ; xử lý nghiêm.",
     ["a) Tập trung khắc phục;", "tìm kiếm, quy tập hài cốt liệt sĩ;", "xử lý nghiêm."]),
    ("- Phát triển chợ, thu gom hàng hoá cho xuất khẩu... thúc đẩy sản xuất phát triển.",
     ["- Phát triển chợ, thu gom hàng hoá cho xuất khẩu... thúc đẩy sản xuất phát triển."]),
    ("Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.", ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."]),
    ("UBND TỈNH NGHỆ AN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     ["UBND TỈNH NGHỆ AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("phong trào. \"Đền ơn đáp nghĩa\" thường xuyên./.", ["phong trào.", "\"Đền ơn đáp nghĩa\" thường xuyên./."]),
    ("Các bộ báo cáo Thủ tướng Chính phủ./.", ["Các bộ báo cáo Thủ tướng Chính phủ./."]),
    ("________________", []),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_sentences_do_not_depend_on_how_the_plan_was_typed(tmp_path):
    """Typed numbers and header table vs Word list numbering, tabbed header and manual line breaks."""
    ctx = plan_context(load_plan(SAMPLE_PLAN))
    typed = clerk_plan(ctx, tmp_path / "typed.docx")
    listed = clerk_plan(ctx, tmp_path / "listed.docx", numbering="word")
    broken = clerk_plan(ctx, tmp_path / "broken.docx", breaks=True)
    tabbed = clerk_plan(ctx, tmp_path / "tabbed.docx", header="tabs")
    assert len(sentences(typed)) > 150
    assert sentences(typed) == sentences(listed) == sentences(broken)
    assert sentences(typed) == sentences(tabbed)  # header table or tabbed lines: read column by column
    assert paragraphs(typed) != paragraphs(tabbed)


# --------------------------------------------------------------------------- sentences in order


def test_a_document_has_all_its_sentences_in_order(rendered):
    coverage = sentences_in_order(rendered["773"], rendered["773"])
    assert coverage.found == coverage.total == len(sentences(rendered["773"])) > 150
    assert coverage.missing == [] and coverage.share == 1.0


def test_a_changed_paragraph_is_caught_and_named(rendered, tmp_path):
    starts = "- Năm 2018, hoàn thành việc hỗ trợ nhà ở"

    def change(document):
        p = _body_paragraph(document, starts)
        old = p.text
        _set_text(p, old.replace("Năm 2018", "Năm 2019"))
        return old

    out, old = _changed(rendered["773"], tmp_path / "changed.docx", change)
    coverage = sentences_in_order(rendered["773"], out)
    assert coverage.missing == [" ".join(old.split())]
    assert coverage.found == coverage.total - 1 and coverage.share < 1.0


def test_a_paragraph_moved_out_of_order_is_missing_once(rendered, tmp_path):
    def move(document):
        first = _body_paragraph(document, "- Quan tâm chỉ đạo, tổ chức thực hiện tốt")
        last = _body_paragraph(document, "- Thực hiện công tác kiểm tra, thanh tra trong việc")
        last._p.addnext(first._p)  # the paragraph now stands pages later
        return first.text

    out, moved = _changed(rendered["773"], tmp_path / "moved.docx", move)
    coverage = sentences_in_order(rendered["773"], out)
    assert coverage.missing == split_sentences(moved)
    assert str(coverage).endswith(f"({coverage.total - 1}/{coverage.total})")


def test_a_line_deleted_from_a_table_cell_is_caught(rendered, tmp_path):
    def drop_row(document):
        table = next(t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận"))
        cell = table.cell(0, 0)
        gone = cell.paragraphs[2]
        gone._p.getparent().remove(gone._p)
        return gone.text

    out, gone = _changed(rendered["773"], tmp_path / "row.docx", drop_row)
    assert sentences_in_order(rendered["773"], out).missing == [" ".join(gone.split())]


def test_coverage_share_and_text():
    assert Coverage(0, 0).share == 1.0
    assert Coverage(197, 200, ["x"] * 3).share == pytest.approx(0.985)
    assert str(Coverage(197, 200)) == "98,5% câu theo đúng thứ tự (197/200)"


def _lcs_length(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, start=1):
            prev, row[j] = row[j], prev + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def test_common_order_is_a_longest_common_subsequence():
    rng = random.Random(16)
    for _ in range(300):
        a = [rng.choice("abcdef") for _ in range(rng.randint(0, 12))]
        b = [rng.choice("abcdef") for _ in range(rng.randint(0, 12))]
        kept = common_order(a, b)
        assert kept == sorted(set(kept)) and len(kept) == _lcs_length(a, b)
        picked, it = [a[i] for i in kept], iter(b)
        assert all(x in it for x in picked)  # a subsequence of b as well
