"""The head and foot of a plan read from Word: issuer, number, place and date, summary, horizon, signer,
"Nơi nhận" — from documents rendered with the real templates and from documents typed the way a clerk types
them (tests/docbuild.py: header in a table or in tab-separated paragraphs, signer block as paragraphs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao.docread import read_outline
from baocao.jobs.plan_docs import write_plan
from baocao.plan.io import load_plan
from baocao.plan.text import plan_context
from baocao.plan_import.head import Head, read_head, read_horizon, reference_date

from conftest import FIXTURES, ROOT
from docbuild import clerk_plan, decree_doc

SAMPLE = ROOT / "sample_data" / "ke-hoach-188.yaml"
UBND = FIXTURES / "plan_ubnd.yaml"
NGHE_AN = FIXTURES / "real-plans" / "nghean-qd-quy-hoach-cho-2010.yaml"
QD_773 = FIXTURES / "real-plans" / "congbot-qd-773-ttg-kh-nguoi-co-cong-2018.yaml"
SON_LA = FIXTURES / "real-plans" / "congbot-qd-254-ubnd-sonla-bao-ve-bmnn-2023.yaml"


def rendered(plan_file: Path, out: Path, *, draft: bool = False) -> Path:
    write_plan(plan_file, out, draft=draft)
    return next(out.glob("*.docx"))


def expected(plan_file: Path) -> dict:
    plan = load_plan(plan_file)
    issuer = plan.issuer.model_dump(exclude_defaults=True)
    signer = plan.signer.model_dump(exclude_defaults=True)
    return {"issuer": issuer, "signer": signer, "recipients": [r.text() for r in plan.recipients],
            "archive": plan.archive, "plan": plan}


@pytest.fixture(scope="module")
def sample_docs(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("head")
    ctx = plan_context(load_plan(SAMPLE))
    return {"rendered": rendered(SAMPLE, tmp / "r"),
            "clerk-table": clerk_plan(ctx, tmp / "clerk-table.docx"),
            "clerk-tabs": clerk_plan(ctx, tmp / "clerk-tabs.docx", header="tabs", numbering="word", breaks=True)}


@pytest.mark.parametrize("kind", ["rendered", "clerk-table", "clerk-tabs"])
def test_the_sample_plan_head_is_read_from_any_layout(sample_docs, kind):
    want = expected(SAMPLE)
    head = read_head(read_outline(sample_docs[kind]))
    assert head.issuer == want["issuer"]
    doc = want["plan"].document
    assert head.document == {"type": "KH", "number": "188", "place": "Đắk Nông", "date": doc.date,
                             "summary": doc.summary}
    assert head.signer == want["signer"]
    assert head.recipients == want["recipients"] and head.archive == "VT"


def test_the_short_name_comes_from_the_appendix_reference_line(sample_docs):
    head = read_head(read_outline(sample_docs["rendered"]))
    assert head.reference is not None and head.reference["prefix"] == "Kèm theo Kế hoạch số:"
    assert not [u for u in head.uncertain if u.key == "issuer.short_name"]


def test_an_ubnd_name_broken_over_two_lines_and_a_two_line_authority(tmp_path):
    want = expected(UBND)
    head = read_head(read_outline(rendered(UBND, tmp_path)))
    assert head.issuer == want["issuer"]
    assert head.issuer["name"] == "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN" and "parent" not in head.issuer
    assert head.signer == {"authority": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH",
                           "name": "Đoàn Thu Hà"}
    assert head.archive == "VT, KT"


def test_a_draft_keeps_the_year_and_leaves_number_and_day_out(tmp_path):
    head = read_head(read_outline(rendered(SAMPLE, tmp_path, draft=True)))
    assert "number" not in head.document and "date" not in head.document
    assert head.document["year"] == 2021 and head.document["place"] == "Đắk Nông"


def test_a_decision_without_appendix_guesses_the_short_name_from_the_body_and_says_so(tmp_path):
    want = expected(NGHE_AN)
    outline = read_outline(rendered(NGHE_AN, tmp_path))
    head = read_head(outline)
    assert head.issuer == want["issuer"]
    assert head.document["type"] == "QĐ" and head.document["year"] == 2003 and "date" not in head.document
    assert [u.key for u in head.uncertain] == ["issuer.short_name"]
    assert head.recipients == ["Như Điều 3"]
    horizon, unsure = read_horizon(outline, head.document, [])
    assert horizon == {"start": 2003, "end": 2010} and unsure == []  # "… đến năm 2010" in the summary


def test_the_signer_stops_where_the_attached_plan_begins(tmp_path):
    want = expected(QD_773)
    outline = read_outline(rendered(QD_773, tmp_path))
    head = read_head(outline)
    assert head.signer == want["signer"] == {"position": "THỦ TƯỚNG", "name": "Nguyễn Xuân Phúc"}
    assert head.recipients == want["recipients"] and head.archive == "VT, KGVX (2.b)"
    assert head.issuer == want["issuer"]  # short name from "(Ban hành kèm theo Quyết định số …)"


def test_a_horizon_not_written_is_guessed_from_the_timeframes_and_listed(sample_docs):
    outline = read_outline(sample_docs["rendered"])
    head = read_head(outline)
    horizon, unsure = read_horizon(outline, head.document, ["Năm 2021", "Giai đoạn 2021-2025"])
    assert horizon == {"start": 2021, "end": 2025}
    assert [u.key for u in unsure] == ["horizon"] and "2021-2025" in unsure[0].reason


def test_a_small_typed_plan_without_reference_line(tmp_path):
    path = decree_doc(tmp_path / "kh.docx", summary="Phát triển kinh tế tập thể giai đoạn 2021-2025",
                      body=("I. MỤC TIÊU", "1. Liên minh HTX tỉnh Đắk Nông thành lập mới 25 HTX."),
                      copies=("- Như trên;", "- Lưu: VT, VP."))
    outline = read_outline(path)
    head = read_head(outline)
    assert head.issuer["parent"] == "UBND TỈNH ĐẮK NÔNG" and head.issuer["abbreviation"] == "LMHTX"
    assert head.issuer["short_name"] == "Liên minh HTX tỉnh Đắk Nông"  # as the body writes it
    assert [u.key for u in head.uncertain] == ["issuer.short_name"]
    assert head.document["number"] == "12" and head.archive == "VT, VP" and head.recipients == ["Như trên"]
    assert head.signer == {"position": "GIÁM ĐỐC", "name": "Nguyễn Văn A"}
    assert read_horizon(outline, head.document, []) == ({"start": 2021, "end": 2025}, [])


def test_three_agency_lines_typed_one_a_paragraph_are_a_parent_and_a_name_broken_over_two(tmp_path):
    path = decree_doc(tmp_path / "kh.docx", agency=("UBND TỈNH LẠNG SƠN", "SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"),
                      number="Số: 05/KH-SNNMT", body=("I. MỤC TIÊU", "1. Thành lập mới 40 hợp tác xã."))
    head = read_head(read_outline(path))
    assert head.issuer["parent"] == "UBND TỈNH LẠNG SƠN"
    assert head.issuer["name"] == "SỞ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG"
    assert "issuer.name" in [u.key for u in head.uncertain]


def test_a_symbol_whose_type_code_differs_from_the_type_line_is_listed(tmp_path):
    path = decree_doc(tmp_path / "kh.docx", number="Số: 12/QĐ-LMHTX", body=("I. MỤC TIÊU", "1. Thành lập mới 25 HTX."))
    head = read_head(read_outline(path))
    assert head.document["type"] == "KH" and head.issuer["abbreviation"] == "LMHTX"
    assert "document.type" in [u.key for u in head.uncertain]


def test_a_kinh_gui_block_and_a_draft_mark_are_listed_not_lost(tmp_path):
    path = decree_doc(tmp_path / "kh.docx", addressees=("- UBND tỉnh Đắk Nông;", "- Liên minh HTX Việt Nam."),
                      body=("I. MỤC TIÊU", "1. Thành lập mới 25 HTX."))
    head = read_head(read_outline(path))
    listed = [(u.key, u.text) for u in head.uncertain if u.key == "recipients"]
    assert listed == [("recipients", "- UBND tỉnh Đắk Nông;"), ("recipients", "- Liên minh HTX Việt Nam.")]
    draft = read_head(read_outline(rendered(SAMPLE, tmp_path / "draft", draft=True)))
    assert [u.text for u in draft.uncertain if u.key == "document"] == ["DỰ THẢO"]


def test_the_short_name_comes_from_a_reference_line_with_a_short_date(tmp_path):
    """QĐ 254/QĐ-UBND Sơn La: "(Kèm theo Quyết định số 254/QĐ-UBND ngày 17/02/2023 của Chủ tịch Ủy ban nhân dân
    tỉnh)" gives the short name, as the long form does; the signer is the Chủ tịch alone (no "TM.")."""
    want = expected(SON_LA)
    head = read_head(read_outline(rendered(SON_LA, tmp_path)))
    assert head.reference is not None and head.reference["when"] == "ngày 17/02/2023"
    assert head.issuer == want["issuer"] and head.issuer["short_name"] == "Chủ tịch Ủy ban nhân dân tỉnh"
    assert head.signer == want["signer"] == {"position": "CHỦ TỊCH", "name": "Hoàng Quốc Khánh"}
    assert head.recipients == want["recipients"] and head.archive == "VT, NC, ĐH30b"
    assert head.document == {"type": "QĐ", "number": "254", "place": "Sơn La", "date": load_plan(SON_LA).document.date,
                             "summary": "BAN HÀNH KẾ HOẠCH THỰC HIỆN CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC NĂM 2023"}
    assert head.uncertain == []


@pytest.mark.parametrize("when, kept, listed", [("ngày 17/02/2023", "17/02/2023", 0), ("ngày 17/2/2023", "17/2/2023", 0),
                                                ("ngày 18/02/2023", None, 1), ("ngày 31/02/2023", None, 1),
                                                ("ngày 17 tháng 02 năm 2023", None, 0)])
def test_the_reference_date_as_written_is_kept_only_when_it_is_the_documents(when, kept, listed):
    """A short date on the "(Kèm theo …)" line is kept as written (``attached.ref_date``); one that is not the date
    of the header (or no date at all) is listed for the analyst and the long form printed; the long form needs
    nothing."""
    import datetime as dt

    head = Head({}, {"date": dt.date(2023, 2, 17)}, {}, [], None,
                {"prefix": "Kèm theo Quyết định số", "when": when, "who": "Chủ tịch", "paragraph": "đoạn 30"})
    ref_date, unsure = reference_date(head)
    assert ref_date == kept and len(unsure) == listed
    assert all(u.text == when and u.key == "attached" and "khác ngày ban hành" in u.reason for u in unsure)
