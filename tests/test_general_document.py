"""The general document template (``van-ban.docx``): a plan with none, one or several appendices of its own
columns, an UBND-issued plan, a decision; and the layout rules a decision adds."""

from __future__ import annotations

import copy
import re

import docx
import pytest

import baocao
from baocao.checks import DECISION_RULES, FAIL, LAYOUT_RULES, PASS, REVIEW, verify_layout
from baocao.docx import oxml as ox
from baocao.errors import BaocaoError
from baocao.jobs.plan_docs import (APPENDICES_TEMPLATE, DOCUMENT_TEMPLATE, PLAN_TEMPLATE, _with_tables, write_appendix,
                                   write_plan)
from baocao.plan.document import classic_form, document_context
from baocao.render.docx import render_docx, template_variables

from conftest import FIXTURES, SAMPLE_PLAN, norm
from test_word_validity import audit

OTHER = (FIXTURES / "plan_other.yaml").read_text(encoding="utf-8")
UBND = FIXTURES / "plan_ubnd.yaml"
NGHE_AN = FIXTURES / "real-plans" / "nghean-qd-quy-hoach-cho-2010.yaml"
QD_773 = FIXTURES / "real-plans" / "congbot-qd-773-ttg-kh-nguoi-co-cong-2018.yaml"
SON_LA = FIXTURES / "real-plans" / "congbot-qd-254-ubnd-sonla-bao-ve-bmnn-2023.yaml"


def _other(appendices: str):
    return baocao.parse_plan(OTHER.replace('appendix:\n  title: "DANH MỤC NHIỆM VỤ"\n', appendices))


def _texts(path) -> list[str]:
    return [norm(p.text) for p in docx.Document(str(path)).paragraphs if norm(p.text)]


def _failed(path) -> list:
    return [r for r in verify_layout(path) if r.status in (FAIL, REVIEW)]


def test_the_templates_contract():
    assert template_variables(DOCUMENT_TEMPLATE) == {
        "doc", "authority", "bases", "decision_line", "preamble", "body", "closing", "recipients", "signer",
        "attachments", "appendices"}
    assert template_variables(APPENDICES_TEMPLATE) == {"appendices"}


def test_the_seed_and_a_plan_with_its_one_task_appendix_keep_the_classic_template():
    assert classic_form(baocao.load_plan(SAMPLE_PLAN)) and classic_form(baocao.parse_plan(OTHER))
    assert not classic_form(baocao.load_plan(UBND)) and not classic_form(baocao.load_plan(NGHE_AN))
    assert PLAN_TEMPLATE == "ke-hoach.docx"


def test_no_appendix_means_no_appendix_page(tmp_path):
    plan = _other("appendices: []\n")
    out = write_plan(plan, tmp_path).files[0]
    document = docx.Document(str(out))
    assert len(document.sections) == 1 and document.sections[0].orientation == 0
    assert not any(t.startswith("Phụ lục") for t in _texts(out))
    assert len(document.tables) == 2  # header and signature, no empty task table
    assert _failed(out) == []
    with pytest.raises(BaocaoError, match="không có phụ lục"):
        write_appendix(plan, tmp_path / "pl")
    assert not (tmp_path / "pl").exists() or list((tmp_path / "pl").iterdir()) == []


SEVERAL = '''appendices:
  - title: "DANH MỤC NHIỆM VỤ"
    tasks: [a]
    columns: [stt, task, {field: lead, header: "Đơn vị chủ trì"}, support, {field: time, width: 30}]
  - title: "DANH MỤC HỢP TÁC XÃ ĐIỂM"
    columns:
      - {header: "Stt", width: 12}
      - {header: "Tên hợp tác xã"}
      - {header: "Huyện", width: 50}
    rows:
      - {stt: "I", group: "Huyện Cao Lộc"}
      - ["1", "HTX Nông nghiệp Hồng Phong", "Cao Lộc"]
      - ["2", "HTX Dịch vụ Tân Liên & cộng sự <mới>", "Cao Lộc"]
'''


def test_several_appendices_each_with_its_title_columns_and_numbering(tmp_path):
    out = write_plan(_other(SEVERAL), tmp_path).files[0]
    document = docx.Document(str(out))
    assert [s.orientation for s in document.sections] == [0, 1, 1]
    assert [ox.section_info(s._sectPr)["page_start"] for s in document.sections[1:]] == [1, 1]
    texts = _texts(out)
    assert [t for t in texts if t.startswith("Phụ lục")] == ["Phụ lục I", "Phụ lục II"]
    assert texts[texts.index("Phụ lục II") + 1] == "DANH MỤC HỢP TÁC XÃ ĐIỂM"
    tasks, coops = document.tables[-2], document.tables[-1]
    assert [norm(c.text) for c in tasks.rows[0].cells] == ["Stt", "Nhiệm vụ", "Đơn vị chủ trì", "Phối hợp",
                                                           "Thời gian thực hiện"]
    widths = [ox.twips_to_mm(w) for w in ox.table_grid(tasks._tbl)]
    assert widths[0] == pytest.approx(12, abs=0.1) and widths[-1] == pytest.approx(30, abs=0.1)
    assert sum(widths) == pytest.approx(252, abs=0.5)
    rows = [[norm(c.text) for c in r.cells] for r in tasks.rows[1:]]
    assert rows[1][:4] == ["1", "Rà soát hợp tác xã ngừng hoạt động <trên 12 tháng> và hướng dẫn giải thể",
                           "Chi cục Phát triển nông thôn", "Phòng Kế hoạch - Tài chính"]
    assert [norm(c.text) for c in coops.rows[0].cells] == ["Stt", "Tên hợp tác xã", "Huyện"]
    group = coops.rows[1]._tr.findall(ox.qn("w:tc"))
    assert [ox.grid_span(tc) for tc in group] == [1, 2]  # "I" | title over the other columns
    assert norm(coops.rows[3].cells[1].text) == "HTX Dịch vụ Tân Liên & cộng sự <mới>"
    assert _failed(out) == []
    alone = write_appendix(_other(SEVERAL), tmp_path / "pl").files[0]
    assert [s.orientation for s in docx.Document(str(alone)).sections] == [1, 1]
    assert [t for t in _texts(alone) if t.startswith("Phụ lục")] == ["Phụ lục I", "Phụ lục II"]
    assert _failed(alone) == []


def test_an_appendix_table_refuses_a_row_of_the_wrong_width():
    with pytest.raises(baocao.InputError) as err:
        _other(SEVERAL.replace('["1", "HTX Nông nghiệp Hồng Phong", "Cao Lộc"]', '["1", "HTX Nông nghiệp Hồng Phong"]'))
    [p] = err.value.problems
    assert p.path == "appendices[1]" and "dòng 2 có 2 ô, bảng có 3 cột" in p.message


def test_an_ubnd_plan(tmp_path):
    plan = baocao.load_plan(UBND)
    out = write_plan(plan, tmp_path).files[0]
    assert _failed(out) == []
    document = docx.Document(str(out))
    agency = [p for p in document.tables[0].cell(0, 0).paragraphs if p.text.strip()]
    assert [p.text for p in agency] == ["ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"]
    signer = [p.text for p in document.tables[1].cell(0, 1).paragraphs if p.text.strip()]
    assert signer == ["TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đoàn Thu Hà"]
    chu_ky = next(r for r in verify_layout(out) if r.rule == "chu_ky")
    assert chu_ky.detail == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Đoàn Thu Hà"
    texts = _texts(out)
    assert texts[2].startswith("Thực hiện Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng")
    assert "Chính phủ ban hành Chương trình hành động" in texts[2] and texts[2].endswith("như sau:")
    assert "2. Sở Tài chính, Liên minh Hợp tác xã tỉnh, UBND các huyện, thành phố theo chức năng" in " ".join(texts)
    assert plan.duties()["lmhtx"] == plan.duties()["stc"]
    assert plan.target("thanh_vien").value == 6600 and plan.target("doanh_thu").value == 2.5


# --- the decision rules, on rendered decisions made wrong on purpose ---------------------------------------
@pytest.fixture(scope="module")
def decision_ctx():
    ctx = document_context(baocao.load_plan(QD_773))
    return {**ctx, "appendices": _with_tables(ctx["appendices"])}


def _verdicts(ctx, tmp_path, name="qd.docx"):
    out = render_docx(DOCUMENT_TEMPLATE, ctx, tmp_path / name)
    return {r.rule: r for r in verify_layout(out)}


def test_a_decision_gets_the_decision_rules_and_a_plan_does_not(decision_ctx, tmp_path):
    found = _verdicts(decision_ctx, tmp_path)
    assert list(found) == LAYOUT_RULES.codes() + DECISION_RULES.codes()
    assert {found[c].status for c in DECISION_RULES.codes()} == {PASS}
    assert "Nơi nhận không bắt đầu '- Như Điều 3;'" in found["quyet_dinh.dieu"].detail
    plan_doc = write_plan(baocao.load_plan(UBND), tmp_path / "kh").files[0]
    assert [r.rule for r in verify_layout(plan_doc)] == LAYOUT_RULES.codes()


@pytest.mark.parametrize("change, rule, words", [
    (lambda c: c.update(authority=""), "quyet_dinh.tham_quyen", "thiếu dòng thẩm quyền"),
    (lambda c: c.update(authority="Thủ tướng Chính phủ"), "quyet_dinh.tham_quyen", "phải in hoa"),
    (lambda c: c.update(decision_line=""), "quyet_dinh.dong_quyet_dinh", "thiếu dòng 'QUYẾT ĐỊNH:'"),
    (lambda c: c["body"][1].update(label="Điều 3."), "quyet_dinh.dieu", "đánh số 1, 3, 3"),
    (lambda c: c["body"][2].update(text="Quyết định này có hiệu lực./."), "quyet_dinh.dieu", "thi hành"),
    (lambda c: c["attachments"][0].update(ref=c["attachments"][0]["ref"].replace("773/", "774/")),
     "kem_theo.van_ban", "số '774/QĐ-TTg' khác văn bản chính '773/QĐ-TTg'"),
    (lambda c: c["attachments"][0].update(closing="Hàng năm, các bộ báo cáo."), "kem_theo.van_ban",
     "không kết thúc bằng './.'"),
])
def test_each_decision_rule_finds_its_fault(decision_ctx, tmp_path, change, rule, words):
    ctx = copy.deepcopy({k: v for k, v in decision_ctx.items() if k != "appendices"})
    change(ctx)
    found = _verdicts({**ctx, "appendices": []}, tmp_path)
    assert found[rule].status in (FAIL, REVIEW) and words in found[rule].detail, found[rule]
    assert [r for r, v in found.items() if v.status in (FAIL, REVIEW)] == [rule] or rule == "quyet_dinh.dieu"


def test_an_article_title_is_bold_and_an_article_sentence_is_not(tmp_path):
    out = write_plan(baocao.load_plan(NGHE_AN), tmp_path).files[0]
    document = docx.Document(str(out))
    paras = {norm(p.text)[:8]: p for p in document.paragraphs if re.match(r"^Điều \d\.", norm(p.text))}
    one, two = paras["Điều 1. "], paras["Điều 2. "]
    assert one.runs[0].text == "Điều 1." and one.runs[0].style.name == "VB So dieu"
    assert one.runs[0].style.font.bold and not one.runs[1].bold and not one.style.font.bold
    assert two.style.name == "VB Dieu" and two.style.font.bold


@pytest.mark.parametrize("plan_file", [UBND, NGHE_AN, QD_773, SON_LA], ids=lambda p: p.stem)
def test_word_opens_every_form(plan_file, tmp_path):
    plan = baocao.load_plan(plan_file)
    written = write_plan(plan, tmp_path).files
    if plan.appendix_list():
        written += write_appendix(plan, tmp_path).files
    assert {p.name: audit(p) for p in written} == {p.name: [] for p in written}


def test_the_outline_shows_articles_and_appendices():
    decision = str(baocao.load_plan(NGHE_AN))
    assert "Điều 2. Tổ chức chỉ đạo và thực hiện:" in decision and "  1. Mục tiêu:" in decision
    assert "Phụ lục: không có" in decision
    ubnd = str(baocao.load_plan(UBND))
    assert "Phụ lục: Phụ lục I. PHÂN CÔNG NHIỆM VỤ; Phụ lục II. CHỈ TIÊU PHÁT TRIỂN HỢP TÁC XÃ THEO HUYỆN" in ubnd
    assert "Người ký: TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Đoàn Thu Hà" in ubnd


@pytest.mark.parametrize("plan_file", [UBND, NGHE_AN, QD_773, SON_LA], ids=lambda p: p.stem)
def test_load_dump_load_keeps_every_new_form(plan_file):
    from baocao.plan.io import dump_plan_text

    plan = baocao.load_plan(plan_file)
    assert baocao.parse_plan(dump_plan_text(plan)) == plan


def test_the_attached_plan_refers_to_the_decision_with_the_date_as_written(tmp_path):
    """QĐ 254/QĐ-UBND Sơn La's plan writes "(Kèm theo Quyết định số 254/QĐ-UBND ngày 17/02/2023 của …)":
    ``attached.ref_date`` keeps the short date; without it the long form; a date that is not the decision's
    is refused by name."""
    text = SON_LA.read_text(encoding="utf-8")
    ref = "(Kèm theo Quyết định số 254/QĐ-UBND ngày {} của Chủ tịch Ủy ban nhân dân tỉnh)"
    assert ref.format("17/02/2023") in _texts(write_plan(baocao.parse_plan(text), tmp_path / "a").files[0])
    long_form = baocao.parse_plan(text.replace('  ref_date: "17/02/2023"\n', ""))
    assert ref.format("17 tháng 02 năm 2023") in _texts(write_plan(long_form, tmp_path / "b").files[0])
    with pytest.raises(baocao.InputError, match="attached.ref_date.*18/02/2023"):
        baocao.parse_plan(text.replace('ref_date: "17/02/2023"', 'ref_date: "18/02/2023"'))
