"""PDF/A output through LibreOffice: one soffice call, text and diacritics intact, page sizes.

Needs LibreOffice (``pytest -m pdf`` selects these; they are skipped when soffice is missing).
pdftotext/pdfinfo (poppler-utils) are used when present.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from baocao.errors import BaocaoError, OutputExistsError, ToolMissingError
from baocao.jobs.report import write_report
from baocao.plan.io import load_plan
from baocao.render import pdf as pdfmod
from baocao.render.docx import render_docx
from baocao.render.pdf import PdfConversionError, find_soffice, pdfa_level, to_pdf
from baocao.resources import sample_path
from conftest import SAMPLE_PLAN
from test_templates import APPENDIX_TEMPLATE, PLAN_TEMPLATE, appendix_context, plan_context

needs_soffice = pytest.mark.skipif(
    find_soffice() is None,
    reason="LibreOffice (soffice) chưa cài: apt-get install libreoffice-writer-nogui fonts-liberation2")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) chưa cài")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) chưa cài")
    src = tmp_path_factory.mktemp("docx")
    out = tmp_path_factory.mktemp("pdf")
    docs = [render_docx(PLAN_TEMPLATE, plan_context(), src / "ke-hoach-188.docx"),
            render_docx(PLAN_TEMPLATE, plan_context(draft=True), src / "du-thao.docx"),
            render_docx(APPENDIX_TEMPLATE, {"appendix": appendix_context()}, src / "phu-luc.docx")]
    report = write_report(load_plan(SAMPLE_PLAN), SAMPLE_PLAN, sample_path("du-lieu-mau.xlsx"), "2023-H1",
                          src, returns_dir=sample_path("bao-cao-don-vi"),
                          narrative=sample_path("nhan-dinh") / "2023-H1.yaml")
    result = to_pdf([*docs, report.docx], out)
    return {"docs": docs, "out": out, "pdfs": result, "report": report}


def page_sizes(path) -> list[tuple[float, float]]:
    pages = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout, re.M).group(1))
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), str(path)],
                          capture_output=True, text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in
            re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)]


def pdftext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.pdf
@needs_soffice
def test_batch_conversion_outputs(pdfs):
    assert [p.name for p in pdfs["pdfs"]] == ["ke-hoach-188.pdf", "du-thao.pdf", "phu-luc.pdf",
                                              "2023-H1-bao-cao.pdf"]
    assert all(p.parent == pdfs["out"] and p.stat().st_size > 10_000 for p in pdfs["pdfs"])
    # nothing else left in the output folder (no temp dirs, no profile)
    assert sorted(p.name for p in pdfs["out"].iterdir()) == sorted(p.name for p in pdfs["pdfs"])
    assert all(d.exists() for d in pdfs["docs"])  # the .docx are kept


@pytest.mark.pdf
@needs_soffice
def test_pdfa_marker(pdfs):
    for path in pdfs["pdfs"]:
        assert pdfa_level(path) == "2B", path.name
    if shutil.which("pdfinfo"):
        meta = subprocess.run(["pdfinfo", "-meta", str(pdfs["pdfs"][0])], capture_output=True,
                              text=True, check=True).stdout
        assert "<pdfaid:part>2</pdfaid:part>" in meta


@pytest.mark.pdf
@needs_soffice
@needs_poppler
def test_text_and_diacritics(pdfs):
    text = pdftext(pdfs["pdfs"][0])
    flat = re.sub(r"\s+", " ", text)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    assert "Đắk Nông, ngày 11 tháng 5 năm 2021" in flat
    assert "Số: 188/KH-LMHTX" in flat
    assert "PHÂN CÔNG THỰC HIỆN KẾ HOẠCH" in flat
    assert "& PTNT, tỷ lệ HTX yếu <15% và khá >40%" in flat  # escaped text survives
    assert "Nguyễn Khải" in flat
    draft = re.sub(r"\s+", " ", pdftext(pdfs["pdfs"][1]))
    assert "DỰ THẢO" in draft and "DỰ THẢO" not in flat


@pytest.mark.pdf
@needs_soffice
@needs_poppler
def test_page_orientation(pdfs):
    sizes = page_sizes(pdfs["pdfs"][0])
    portrait = [w < h for w, h in sizes]
    assert portrait[0], "page 1 must be portrait"
    assert not portrait[-1], "appendix pages must be landscape"
    # portrait body first, then only landscape appendix pages
    first_landscape = portrait.index(False)
    assert all(portrait[:first_landscape]) and not any(portrait[first_landscape:])
    for w, h in sizes:  # A4 both ways
        assert sorted((round(w), round(h))) == [595, 842]
    assert all(w > h for w, h in page_sizes(pdfs["pdfs"][2]))


@pytest.mark.pdf
@needs_soffice
@needs_poppler
def test_page_numbers_hidden_on_first_page(pdfs):
    pages = pdftext(pdfs["pdfs"][0]).split("\f")
    first_lines = [next((ln.strip() for ln in page.splitlines() if ln.strip()), "") for page in pages]
    assert not first_lines[0].isdigit()  # page 1: no number
    assert first_lines[1] == "2"  # page 2 numbered in the top margin
    # the appendix restarts: its first page has no number, its second (if any) says 2
    appendix_start = next(i for i, page in enumerate(pages) if "PHÂN CÔNG THỰC HIỆN" in page)
    assert not first_lines[appendix_start].isdigit()
    if len(pages) > appendix_start + 1 and pages[appendix_start + 1].strip():
        assert first_lines[appendix_start + 1] == "2"


def noi_nhan_lines(text: str) -> list[str]:
    """The left column of the signature block on the page: "Nơi nhận:" to "- Lưu: …"."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Nơi nhận:"))
    out = []
    for line in lines[start + 1:]:
        left = re.split(r"\s{3,}", line.strip())[0]  # the signer's words sit far to the right
        out.append(left)
        if left.startswith("- Lưu:"):
            return out
    raise AssertionError("no '- Lưu:' line")


@pytest.mark.pdf
@needs_soffice
@needs_poppler
def test_no_recipient_leaves_its_purpose_alone_on_a_line(pdfs):
    """"- Liên minh HTX Việt Nam khu vực MT-TN (b/c);" stays on one line in the plan and the report."""
    for path in (pdfs["pdfs"][0], pdfs["pdfs"][3]):
        lines = noi_nhan_lines(pdftext(path))
        assert "- Liên minh HTX Việt Nam khu vực MT-TN (b/c);" in lines, lines
        assert not [line for line in lines if re.fullmatch(r"\((b/c|t/h|để biết)\)[;.]?", line)], lines


@pytest.mark.pdf
@needs_soffice
@needs_poppler
def test_report_tables_keep_each_status_on_one_line(pdfs):
    """Phụ lục I's verdicts and Phụ lục II's statuses fit their columns ("Chậm tiến độ" never wraps)."""
    text = pdftext(pdfs["pdfs"][3])
    appendices = text[text.index("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"):]
    report = pdfs["report"].report
    shown = [r.status for r in report.indicator_rows] + [r.status for r in report.task_rows if not r.group]
    assert "Chậm tiến độ" in shown and "Đang thực hiện" in shown
    for status in set(shown):
        on_one_line = sum(len(re.findall(rf"(?<!\S){status}(?!\S)", line)) for line in appendices.splitlines())
        assert on_one_line == shown.count(status), status


@pytest.mark.pdf
@needs_soffice
def test_no_overwrite_and_bad_input(pdfs, tmp_path):
    with pytest.raises(OutputExistsError, match="đã tồn tại"):
        to_pdf(pdfs["docs"][:1], pdfs["out"])
    text = tmp_path / "van-ban.docx"
    text.write_bytes(b"not a zip file at all")
    with pytest.raises(BaocaoError, match="không phải .docx hợp lệ"):
        to_pdf([text], tmp_path / "out")
    bad = tmp_path / "hong.docx"  # a zip, but not a document: soffice exits 0 without a PDF
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("hello.txt", "xin chào")
    with pytest.raises(PdfConversionError) as info:
        to_pdf([bad, pdfs["docs"][2]], tmp_path / "out")
    assert info.value.failed == [bad]
    assert [p.name for p in info.value.converted] == ["phu-luc.pdf"]
    assert "hong.docx" in str(info.value) and ".docx vẫn được giữ nguyên" in str(info.value)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["phu-luc.pdf"]


def test_missing_soffice_raises_with_install_hint(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_SOFFICE", str(tmp_path / "khong-co-soffice"))
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"x")
    assert pdfmod.find_soffice() is None
    with pytest.raises(ToolMissingError) as info:
        to_pdf([doc], tmp_path / "pdf")
    assert "apt-get install libreoffice-writer-nogui fonts-liberation2" in str(info.value)
    assert doc.exists() and not (tmp_path / "pdf").exists()


def test_empty_list_is_a_no_op(tmp_path):
    assert to_pdf([], tmp_path / "pdf") == []
