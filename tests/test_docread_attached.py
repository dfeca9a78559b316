"""docread on two ways real decisions and plans are made: a decision that issues a plan printed after its
signature (:attr:`Outline.attached`), and a type line and summary typed left-aligned instead of centred
(read like the centred ones, by read_outline and by the plan import)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from baocao.docread.outline import Outline, read_outline
from baocao.docread.places import HEADER_PART, SIGN_PART
from baocao.jobs.plan_docs import write_plan
from baocao.plan.io import load_plan
from baocao.plan_import import import_plan
from docbuild import decree_doc

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real-plans"
QD_773 = REAL / "congbot-qd-773-ttg-kh-nguoi-co-cong-2018.yaml"
SON_LA = REAL / "congbot-qd-254-ubnd-sonla-bao-ve-bmnn-2023.yaml"


@pytest.fixture(scope="module")
def rendered_773(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("qd773")
    write_plan(QD_773, folder)
    return next(folder.glob("*.docx"))


def _sources(rendered: Path) -> list[Path]:
    return [rendered, *sorted((REAL / "docx").glob("congbot-qd-773-*.docx"))]


# --------------------------------------------------------------------------- the plan a decision issues


def test_the_plan_a_decision_issues_is_an_outline_of_its_own(rendered_773):
    plan = load_plan(QD_773)
    assert plan.attached is not None
    for path in _sources(rendered_773):
        outline = read_outline(path)
        sub = outline.attached
        assert sub is not None, path.name
        assert outline.type_name == "QUYẾT ĐỊNH" and sub.type_name == "KẾ HOẠCH"
        assert sub.summary[0].flat == plan.attached.title
        assert sub.summary[-1].flat.startswith("(Ban hành kèm theo Quyết định số 773/QĐ-TTg")
        assert [h.flat for h in sub.header.agency] == ["THỦ TƯỚNG CHÍNH PHỦ"]
        # the decision's signature ends where the plan begins: its own copies and signer only
        assert [c.flat for c in outline.copies][-1] == f"- Lưu: {plan.archive}."
        assert [s.flat for s in outline.signer] == [plan.signer.position, plan.signer.name]
        first = sub.summary[0].place.paragraph
        assert all((x.place.paragraph or 0) < first for x in [*outline.copies, *outline.signer])
        assert all((it.place.paragraph or 0) < first for it in outline.body)
        # the plan's body: its Roman parts, and the plan file's closing last
        assert [h.text for h in sub.headings() if h.level == 1 and h.label] == [s.title for s in plan.sections]
        assert sub.body[-1].text == plan.closing
        assert outline.items() == [*outline.body, *sub.body]


def test_a_provincial_decision_and_the_plan_it_issues_each_with_its_head_and_foot(tmp_path):
    """QĐ 254/QĐ-UBND Sơn La, rendered and typed by hand: the plan after the Chủ tịch's signature is an outline of
    its own under its two-line agency, its "(Kèm theo …)" line ends its summary; the decision keeps its copies and
    its signer (no "TM.")."""
    plan = load_plan(SON_LA)
    write_plan(plan, tmp_path)
    for path in [next(tmp_path.glob("*.docx")), *sorted((REAL / "docx").glob("congbot-qd-254-*.docx"))]:
        outline = read_outline(path)
        sub = outline.attached
        assert sub is not None and sub.type_name == "KẾ HOẠCH", path.name
        assert [x.flat for x in sub.summary] == [plan.attached.title, "(Kèm theo Quyết định số 254/QĐ-UBND ngày "
                                                 "17/02/2023 của Chủ tịch Ủy ban nhân dân tỉnh)"]
        assert [h.flat for h in sub.header.agency] == ["ỦY BAN NHÂN DÂN", "TỈNH SƠN LA"]
        assert [x.flat for x in outline.signer] == ["CHỦ TỊCH", "Hoàng Quốc Khánh"]
        assert [x.flat for x in outline.copies][-1] == "- Lưu: VT, NC, ĐH30b."


def test_the_attached_plan_texts_sit_under_its_own_headings(rendered_773):
    for path in _sources(rendered_773):
        outline = read_outline(path)
        sub = outline.attached
        assert sub is not None
        paragraphs = {p.number for p in sub.document.paragraphs()}
        tables = {b.number for b in sub.document.blocks if b not in sub.document.paragraphs()}
        after = [x for x in outline.texts() if x.place.paragraph in paragraphs or x.place.table in tables]
        assert after and not [x for x in after if x.place.heading == SIGN_PART]
        by_paragraph = {x.place.paragraph: x.place.heading for x in after if x.place.paragraph is not None}
        for it in sub.body:
            assert by_paragraph[it.place.paragraph] == it.place.heading
        assert {by_paragraph[s.place.paragraph] for s in sub.summary} == {HEADER_PART}
        # every paragraph and cell of the document once, as before the split
        assert len(outline.texts()) == len({(x.place, x.text) for x in outline.texts()})


def test_a_plan_has_no_attached_document(tmp_path):
    write_plan(ROOT / "sample_data" / "ke-hoach-188.yaml", tmp_path)
    assert read_outline(next(tmp_path.glob("*.docx"))).attached is None


def test_a_signature_typed_with_tabs_stays_out_of_the_attached_head(tmp_path):
    """The decision's "Nơi nhận" and signer typed as tabbed paragraphs, the plan's head straight under them."""
    path = decree_doc(tmp_path / "qd.docx", agency=("THỦ TƯỚNG CHÍNH PHỦ",), number="Số: 12/QĐ-TTg",
                      type_name="QUYẾT ĐỊNH", summary="Ban hành Kế hoạch thực hiện Chỉ thị số 14-CT/TW",
                      body=("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;", "QUYẾT ĐỊNH:",
                            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chỉ thị./."))
    document = docx.Document(str(path))
    document._body._body.remove(document.tables[-1]._tbl)  # the signature table: typed as paragraphs instead
    lines = [("Nơi nhận:\t\tTHỦ TƯỚNG", False), ("- Các Bộ;", False), ("- Lưu: VT, KGVX.\t\tNguyễn Văn A", False),
             ("THỦ TƯỚNG CHÍNH PHỦ\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),
             ("\t\tĐộc lập - Tự do - Hạnh phúc", False), ("KẾ HOẠCH", True), ("THỰC HIỆN CHỈ THỊ SỐ 14-CT/TW", True),
             ("I. MỤC ĐÍCH", False), ("1. Quán triệt Chỉ thị.", False), ("Hàng năm, các bộ báo cáo./.", False)]
    for text, centred in lines:
        p = document.add_paragraph(text)
        if centred:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.runs[0].bold = True
    document.save(str(path))
    outline = read_outline(path)
    assert outline.attached is not None
    assert [c.flat for c in outline.copies] == ["- Các Bộ;", "- Lưu: VT, KGVX."]
    assert [s.flat for s in outline.signer] == ["THỦ TƯỚNG", "Nguyễn Văn A"]
    assert [a.flat for a in outline.attached.header.agency] == ["THỦ TƯỚNG CHÍNH PHỦ"]
    assert [it.shown for it in outline.attached.body] == ["I. MỤC ĐÍCH", "1. Quán triệt Chỉ thị.",
                                                          "Hàng năm, các bộ báo cáo./."]


# --------------------------------------------------------------------------- type line and summary not centred


DECISION = dict(agency=("ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"), number="Số: 15/QĐ-UBND", type_name="QUYẾT ĐỊNH",
                place_date="Nghệ An, ngày 10 tháng 01 năm 2003",
                summary="Về việc phê duyệt quy hoạch phát triển mạng lưới chợ\ntỉnh Nghệ An đến năm 2010")
DECISION_BODY = ("Căn cứ Luật Tổ chức HĐND và UBND ngày 21/6/1994;", "QUYẾT ĐỊNH:",
                 "Điều 1. Phê duyệt quy hoạch phát triển mạng lưới chợ tỉnh Nghệ An đến năm 2010.",
                 "Điều 2. Sở Thương mại chủ trì tổ chức thực hiện.",
                 "Điều 3. Quyết định này có hiệu lực kể từ ngày ký./.")
PLAN = dict(summary="PHÁT TRIỂN KINH TẾ TẬP THỂ\nGIAI ĐOẠN 2021-2025")
PLAN_BODY = ("I. MỤC TIÊU", "1. Liên minh HTX tỉnh Đắk Nông thành lập mới 25 HTX mỗi năm.", "II. NHIỆM VỤ",
             "1. Tuyên truyền về kinh tế tập thể.", "Trên đây là Kế hoạch phát triển kinh tế tập thể./.")
CASES = {
    "authority": (DECISION, ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", *DECISION_BODY)),
    "prime-minister": (DECISION, ("THỦ TƯỚNG CHÍNH PHỦ", *DECISION_BODY)),
    "chairman": (DECISION, ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", *DECISION_BODY)),
    "decision-line": (DECISION, DECISION_BODY[1:]),
    "article": (DECISION, DECISION_BODY[2:]),
    "dash-basis": (PLAN, ("- Căn cứ Luật Hợp tác xã năm 2012;", *PLAN_BODY)),
    "roman": (PLAN, PLAN_BODY),
}


def _one_line(head: dict) -> dict:
    """The centred document's summary on one line (typed on two paragraphs in the left-aligned one)."""
    return {**head, "summary": head["summary"].replace("\n", " ")}


def _shape(outline: Outline) -> tuple:
    """What a reader takes from a document, places aside (the centred one has a blank line more)."""
    return (outline.type_name, " ".join(x.flat for x in outline.summary), [it.shown for it in outline.body],
            [it.headings for it in outline.body], [s.flat for s in outline.signer])


@pytest.mark.parametrize("case", CASES)
def test_a_summary_typed_left_aligned_ends_where_the_body_begins(tmp_path, case):
    head, body = CASES[case]
    centred = decree_doc(tmp_path / "centred.docx", body=body, **_one_line(head))
    left = decree_doc(tmp_path / "left.docx", body=body, centred=False, **head)
    got, want = read_outline(left), read_outline(centred)
    assert got.type_line is not None and docx.Document(str(left)).paragraphs[0].alignment is None
    assert _shape(got) == _shape(want)
    assert " ".join(x.flat for x in got.summary) == " ".join(head["summary"].split("\n"))


@pytest.mark.parametrize("case", ["authority", "chairman", "dash-basis"])
def test_the_import_reads_a_left_aligned_document_like_a_centred_one(tmp_path, case):
    head, body = CASES[case]
    centred = import_plan(decree_doc(tmp_path / "centred.docx", body=body, **_one_line(head)))
    left = import_plan(decree_doc(tmp_path / "left.docx", body=body, centred=False, **head))
    assert left.data == centred.data
    assert [(u.text, u.reason, u.key) for u in left.uncertain] == [(u.text, u.reason, u.key) for u in centred.uncertain]
    assert left.data["document"]["summary"] == " ".join(head["summary"].split("\n"))


def test_a_centred_authority_line_straight_under_a_centred_summary(tmp_path):
    """No blank line or rule between the summary and the authority line, both centred (and "QUYẾT ĐỊNH:")."""
    head, body = CASES["authority"]
    want = read_outline(decree_doc(tmp_path / "spaced.docx", body=body, **_one_line(head)))
    path = decree_doc(tmp_path / "tight.docx", body=body, **_one_line(head))
    document = docx.Document(str(path))
    blank = document.paragraphs[2]
    assert not blank.text
    blank._element.getparent().remove(blank._element)
    for p in document.paragraphs:
        if p.text in ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "QUYẾT ĐỊNH:"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))
    assert _shape(read_outline(path)) == _shape(want)
