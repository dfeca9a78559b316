"""Decree 30 facts: the patterns accept real number lines, dates and signers and refuse common slips."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from baocao import decree30 as d30
from baocao.plan.model import DocumentInfo, Signer


def test_type_table_is_appendix_iii_both_ways():
    assert len(d30.TYPE_NAMES) == 27
    assert d30.TYPE_NAMES["KH"] == "KẾ HOẠCH" and d30.TYPE_CODES["BÁO CÁO"] == "BC"
    assert d30.TYPE_CODES["QUY ĐỊNH"] == "QyĐ" and d30.TYPE_CODES["CHƯƠNG TRÌNH"] == "CTr"
    assert len(d30.TYPE_CODES) == len(d30.TYPE_NAMES)  # names are unique too
    assert all(d30.TYPE_NAMES[code] == name for name, code in d30.TYPE_CODES.items())


@pytest.mark.parametrize("line, groups", [
    ("Số: 188/KH-LMHTX", ("188", "KH", "LMHTX")),
    ("Số: 15/QĐ-BNV", ("15", "QĐ", "BNV")),
    ("Số: 05/CTr-UBND", ("05", "CTr", "UBND")),
    ("Số: 45/BC-LMHTX", ("45", "BC", "LMHTX")),
    ("Số: 12/QyĐ-UBND", ("12", "QyĐ", "UBND")),
])
def test_typed_number_lines(line, groups):
    assert d30.NUMBER_LINE.match(line).groups() == groups


@pytest.mark.parametrize("line", [
    "Số: 5/KH-LMHTX",  # below 10 without the leading 0
    "Số: 188/2021/KH-LMHTX",  # a year belongs to legal normative documents only
    "Số 188/KH-LMHTX",  # no colon
    "Số: 188/QCh-LMHTX",  # not an Appendix III code
    "Số: 188/KH - LMHTX",  # spaces around the hyphen
    "Số:      /KH-LMHTX",  # a draft is not a numbered document
])
def test_typed_number_line_refuses(line):
    assert d30.NUMBER_LINE.match(line) is None


def test_cong_van_number_lines():
    assert d30.CONG_VAN_NUMBER_LINE.match("Số: 05/BNV-VP").groups() == ("05", "BNV-VP")
    assert d30.CONG_VAN_NUMBER_LINE.match("Số: 5768/UBND-KTN").groups() == ("5768", "UBND-KTN")
    assert d30.CONG_VAN_NUMBER_LINE.match("Số: 5/BNV-VP") is None
    assert d30.CONG_VAN_NUMBER_LINE.match("Số: 05/bnv-VP") is None


def test_draft_number_line():
    assert d30.NUMBER_LINE_DRAFT.match("Số:      /KH-LMHTX").groups() == ("KH", "LMHTX")
    assert d30.NUMBER_LINE_DRAFT.match("Số: 188/KH-LMHTX") is None
    assert d30.NUMBER_LINE_DRAFT.match("Số:/KH-LMHTX") is None


def test_agency_code_and_number():
    for code in ("LMHTX", "UBND-KTN", "LMHTXVN", "BNV-VP"):
        assert d30.AGENCY_CODE.match(code), code
    for code in ("lmhtx", "UBND KTN", "UBND-", "-VP"):
        assert not d30.AGENCY_CODE.match(code), code
    assert [n for n in ("05", "188", "5", "0", "00", "010") if d30.DOC_NUMBER.match(n)] == ["05", "188"]


def test_date_lines():
    m = d30.DATE_LINE.match("Đắk Nông, ngày 11 tháng 5 năm 2021")
    assert (m["place"], m["d"], m["m"], m["y"]) == ("Đắk Nông", "11", "5", "2021")
    assert d30.DATE_LINE.match("Đắk Nông, 11/5/2021") is None
    draft = d30.DATE_LINE_DRAFT.match("Đắk Nông, ngày    tháng    năm 2021")
    assert (draft["place"], draft["y"]) == ("Đắk Nông", "2021")
    assert d30.DATE_LINE_DRAFT.match("Đắk Nông, ngày 11 tháng 5 năm 2021") is None


def test_seed_signer_and_appendix_lines(seed_lines):
    """The seed plan's own lines are what the patterns describe."""
    lines = seed_lines
    authority = next(line for line in lines if line.startswith("TM."))
    assert d30.SIGNER_PREFIX.match(authority)
    assert any(d30.APPENDIX_HEADING.match(line) for line in lines)
    ref = next(line for line in lines if line.startswith(d30.APPENDIX_REF_START))
    m = d30.APPENDIX_REF.search(ref)
    assert (m["colon"], m["num"], m["d"], m["m"], m["y"]) == (":", "188/KH-LMHTX", "11", "5", "2021")


def test_signer_prefixes_and_headings():
    for line in ("KT. CHỦ TỊCH", "TM. BAN THƯỜNG VỤ", "Q. GIÁM ĐỐC", "TL. CHỦ TỊCH", "TUQ. CHỦ TỊCH"):
        assert d30.SIGNER_PREFIX.match(line), line
    for line in ("T/M. BAN THƯỜNG VỤ", "KT.CHỦ TỊCH", "CHỦ TỊCH", "TMT. BAN"):
        assert not d30.SIGNER_PREFIX.match(line), line
    assert [d30.APPENDIX_HEADING.match(t)["n"] for t in ("Phụ lục", "Phụ lục II", "Phụ lục 2")] == [None, "II", "2"]
    assert d30.APPENDIX_HEADING.match("Phụ lục kèm theo") is None
    assert all(d30.HEADING_NUMBER.match(t) for t in ("I. MỤC ĐÍCH", "1. Cụ thể", "1.1. Tên", "a) Điểm"))
    assert not d30.HEADING_NUMBER.match("- Nâng cao hiệu quả")


def test_plan_model_uses_the_full_list_and_the_signer_prefixes():
    info = DocumentInfo(type="CĐ", place="Đắk Nông", year=2021, summary="Về việc …")
    assert info.type_name == "CÔNG ĐIỆN"
    with pytest.raises(ValidationError, match="Phụ lục III"):
        DocumentInfo(type="QCh", place="Đắk Nông", year=2021, summary="Về việc …")
    assert Signer(authority="TUQ. CHỦ TỊCH", position="CHÁNH VĂN PHÒNG", name="Nguyễn Văn A")
    with pytest.raises(ValidationError, match="TM./KT./Q./TL./TUQ."):
        Signer(authority="T/M. BAN THƯỜNG VỤ", position="CHỦ TỊCH", name="Nguyễn Văn A")
