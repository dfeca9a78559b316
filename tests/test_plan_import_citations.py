"""A citing paragraph read back into the plan file's LegalBasis form (:func:`parse_basis`): every legal
basis and cited preamble sentence of every shipped plan gives back its own data, and a reading is only
given when it renders to exactly the same words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from baocao.plan.citations import LegalBasis
from baocao.plan.io import load_plan
from baocao.plan_import.citations import parse_basis, parse_citation

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [ROOT / "sample_data" / "ke-hoach-188.yaml", *sorted((ROOT / "tests" / "fixtures").glob("*.yaml")),
           *sorted((ROOT / "tests" / "fixtures" / "real-plans").glob("*.yaml"))]


def _cited(path: Path) -> list[LegalBasis]:
    plan = load_plan(path)
    return [*plan.legal_bases, *(p for p in plan.preamble if isinstance(p, LegalBasis))]


def test_the_shipped_plans_cite_something() -> None:
    assert sum(len(_cited(p)) for p in SHIPPED) >= 15


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_basis_reads_back_to_its_own_data(path: Path) -> None:
    for basis in _cited(path):
        data = parse_basis(basis.text())
        assert data is not None, basis.text()
        assert LegalBasis.model_validate(data) == basis
        assert LegalBasis.model_validate(data).text() == basis.text()


def test_a_law_cited_by_its_date_as_written() -> None:
    data = parse_basis("Căn cứ Luật Hợp tác xã ngày 20 tháng 11 năm 2012;")
    assert data == {"lead": "Căn cứ", "citations": [{"type": "Luật Hợp tác xã", "date": "20 tháng 11 năm 2012"}],
                    "end": ";"}


def test_a_dash_a_colon_after_so_and_the_subject_after_ve() -> None:
    text = ("- Căn cứ Quyết định số: 311/QĐ-TTg ngày 20 tháng 3 năm 2003 của Thủ tướng Chính phủ về việc phê "
            "duyệt đề án tiếp tục tổ chức thị trường trong nước;")
    data = parse_basis(text)
    assert data is not None
    assert data["lead"] == "- Căn cứ"
    (c,) = data["citations"]
    assert (c["number_word"], c["symbol"], c["issuer"]) == ("số:", "311/QĐ-TTg", "Thủ tướng Chính phủ")
    assert c["subject"].startswith("việc phê duyệt")


def test_xet_de_nghi_keeps_the_words_before_the_citation_and_after_it() -> None:
    text = ("Xét đề nghị của Giám đốc Sở Nông nghiệp và Môi trường tại Tờ trình số 12/TTr-SNNMT ngày 05/01/2026 "
            "(kèm hồ sơ).")
    data = parse_basis(text)
    assert data is not None
    assert data["words"] == "Giám đốc Sở Nông nghiệp và Môi trường tại"
    assert data["citations"] == [{"type": "Tờ trình", "symbol": "12/TTr-SNNMT", "date": dt.date(2026, 1, 5)}]
    assert data["after"] == " (kèm hồ sơ)" and data["end"] == "."


def test_a_date_in_the_short_form_becomes_a_date_and_another_form_is_kept_as_written() -> None:
    data = parse_basis("Căn cứ Kế hoạch số 5/KH-UBND ngày 09/3/2020 của UBND tỉnh và Công văn số 7/UBND-KT ngày "
                       "9/3/2021 của UBND tỉnh;")
    assert data is not None
    first, second = data["citations"]
    assert first["date"] == dt.date(2020, 3, 9)
    assert second["date"] == "9/3/2021" and second["joiner"] == " và "


def test_and_inside_a_subject_is_not_a_new_citation() -> None:
    text = ("Căn cứ Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương về tiếp tục đổi mới, "
            "phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới;")
    data = parse_basis(text)
    assert data is not None and len(data["citations"]) == 1
    assert data["citations"][0]["subject"].endswith("phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới")


def test_a_preamble_sentence_with_words_after_its_citations() -> None:
    text = ("Để triển khai thực hiện Nghị quyết số 09/NQ-CP ngày 03/02/2023 của Chính phủ, Sở Nông nghiệp và "
            "Môi trường xây dựng Kế hoạch như sau:")
    data = parse_basis(text)
    assert data is not None
    assert data["lead"] == "Để triển khai thực hiện" and data["end"] == ":"
    assert data["after"] == ", Sở Nông nghiệp và Môi trường xây dựng Kế hoạch như sau"


def test_a_basis_without_a_citation_is_words() -> None:
    assert parse_basis("Căn cứ chức năng, nhiệm vụ của Sở;") == {
        "lead": "Căn cứ", "words": "chức năng, nhiệm vụ của Sở", "end": ";"}


@pytest.mark.parametrize("text", [
    "Liên minh HTX tỉnh Đắk Nông xây dựng Kế hoạch thực hiện như sau:",  # no lead
    "Căn cứ  Luật Hợp tác xã ngày 20 tháng 11 năm 2012;",  # two spaces: no reading renders it back
    "",
])
def test_no_reading_when_none_renders_the_same_words(text: str) -> None:
    assert parse_basis(text) is None


def test_a_citation_needs_a_number_or_a_date() -> None:
    assert parse_citation("Luật Hợp tác xã") is None
    assert parse_citation("Nghị định số 113/2024/NĐ-CP") == {"type": "Nghị định", "symbol": "113/2024/NĐ-CP"}


def test_an_impossible_date_is_not_read_as_a_date() -> None:
    data = parse_basis("Căn cứ Quyết định số 1/QĐ-UBND ngày 31/2/2020 của UBND tỉnh;")
    assert data is None or "citations" not in data


def test_a_basis_citing_what_cannot_be_split_is_listed(tmp_path: Path) -> None:
    from baocao.docread import read_outline
    from baocao.plan_import.body import read_body
    from tests.docbuild import decree_doc

    odd = "Căn cứ văn bản số 12/UBND-KT, 5/UBND-VX của tỉnh;"  # no document type before "số"
    path = decree_doc(tmp_path / "kh.docx", body=(odd, "I. MỤC TIÊU", "1. Thành lập mới 20 hợp tác xã.",
                                                  "Trên đây là Kế hoạch./."))
    body = read_body(read_outline(path), task_groups=[], units=[])
    assert body.legal_bases == [{"lead": "Căn cứ", "words": "văn bản số 12/UBND-KT, 5/UBND-VX của tỉnh", "end": ";"}]
    (listed,) = [u for u in body.uncertain if u.key.startswith("legal_bases")]
    assert listed.key == "legal_bases[0]" and listed.reason.startswith("căn cứ dẫn văn bản (số, ký hiệu)")


def test_a_capitalised_title_after_the_issuer_and_a_symbol_typed_with_a_space() -> None:
    """QĐ 254/QĐ-UBND Sơn La: "… của Chính phủ Quy định chi tiết …" (the subject is the decree's own title,
    capitalised, no "về") and "Tờ trình số 02/TTr-CAT- ANCTNB" (a space after a hyphen of the symbol)."""
    data = parse_basis("Căn cứ Nghị định số 26/2020/NĐ-CP ngày 28 tháng 02 năm 2020 của Chính phủ Quy định chi tiết "
                       "một số điều của Luật Bảo vệ bí mật nhà nước.")
    assert data is not None
    (c,) = data["citations"]
    assert (c["issuer"], c["about"], c["subject"]) == (
        "Chính phủ", "", "Quy định chi tiết một số điều của Luật Bảo vệ bí mật nhà nước")
    text = "Theo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số 02/TTr-CAT- ANCTNB ngày 03 tháng 02 năm 2023."
    data = parse_basis(text)
    assert data is not None and data["citations"][0]["symbol"] == "02/TTr-CAT- ANCTNB"
    assert LegalBasis.model_validate(data).text() == text
    assert parse_citation("Nghị định số 144/2021/NĐ- CP ngày 31/12/2021 của Chính phủ")["symbol"] == "144/2021/NĐ- CP"
    assert parse_citation("Quyết định số 12/QĐ-UBND ngày 05/01/2026")["symbol"] == "12/QĐ-UBND"
