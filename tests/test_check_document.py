"""baocao.checks.catalog on real documents: the sample plan as issued (the seed's slips are found, in every
way the plan can be made), the clean plan (no error), a rendered report held against the engine's
figures, the registry of checks, and the floors of the mutation corpus (tools/mutation_corpus.py)."""

from __future__ import annotations

import re

import docx
import pytest

from baocao.checks.catalog import CHECKS, check_document, has_errors
from baocao.checks.finding import ERROR, REVIEW, Check, Hit
from baocao.checks.registry import CheckRegistry
from baocao.checks.results import findings_frame, format_findings
from baocao.errors import BaocaoError
from baocao.plan.io import load_plan
from baocao.plan.text import plan_context
from baocao.render.docx import render_docx
from baocao.render.pdf import find_soffice
from conftest import FIXTURES, ROOT, SAMPLE_PLAN, load_tool
from docbuild import clerk_plan, saved_by_libreoffice

CLEAN_PLAN = FIXTURES / "ke-hoach-188-sach.yaml"
#: The errors of the sample plan as issued: the seed's own slips.
SEED_ERRORS = {("phu_luc.khac_so_lieu", "lựa chọn 5 HTX"), ("phu_luc.khac_so_lieu", "từ 3-5 thành viên"),
               ("liet_ke.lap_muc", "phụ nữ")}


def _errors(findings):
    out = set()
    for f in findings:
        if f.severity == ERROR:
            key = next(k for code, k in SEED_ERRORS if code == f.rule and k in f.message) \
                if any(code == f.rule and k in f.message for code, k in SEED_ERRORS) else f.message
            out.add((f.rule, key))
    return out


@pytest.fixture(scope="module")
def sample_docs(tmp_path_factory, plan):
    """The sample plan rendered, typed by a clerk two ways, and saved by LibreOffice."""
    out = tmp_path_factory.mktemp("mau")
    ctx = plan_context(plan)
    docs = {"template": render_docx("ke-hoach.docx", ctx, out / "template.docx"),
            "tabs-breaks": clerk_plan(ctx, out / "tabs-breaks.docx", header="tabs", breaks=True),
            "word-numbering": clerk_plan(ctx, out / "word-numbering.docx", numbering="word")}
    if find_soffice() is not None:
        (docs["libreoffice"],) = saved_by_libreoffice([docs["word-numbering"]], out / "lo")
    return docs


def test_the_sample_plan_as_issued(sample_docs, plan):
    findings = check_document(sample_docs["template"], plan=plan)
    assert _errors(findings) == SEED_ERRORS
    body, appendix = next((f.where, f.other_where) for f in findings if "từ 3-5 thành viên" in f.message)
    assert body == "đoạn 33" and appendix == "bảng 3, hàng 11, cột 2"
    reviews = {f.rule for f in findings if f.severity == REVIEW}
    assert {"lap_tu", "phu_luc.khac_cau_chu", "phu_luc.khong_co_o_than", "ten_don_vi", "dung_dau"} <= reviews
    assert has_errors(findings) and "3 lỗi" in format_findings(findings).splitlines()[0]


@pytest.mark.parametrize("way", ["tabs-breaks", "word-numbering", "libreoffice"])
def test_the_seed_slips_are_found_however_the_plan_was_made(sample_docs, way):
    """The same errors in a plan typed by hand, with Word's list numbering, or saved by LibreOffice."""
    if way not in sample_docs:
        pytest.skip("LibreOffice (soffice) chưa cài")
    assert _errors(check_document(sample_docs[way])) == SEED_ERRORS


def test_the_clean_plan_has_no_error(tmp_path):
    clean = load_plan(CLEAN_PLAN)
    for draft in (False, True):
        path = render_docx("ke-hoach.docx", plan_context(clean, draft=draft), tmp_path / f"sach-{draft}.docx")
        findings = check_document(path, plan=clean, final=not draft)
        assert not has_errors(findings), format_findings(findings)


@pytest.fixture(scope="module")
def reports(tmp_path_factory, plan):
    """The three sample reports (2023-H1, 2023, the 2021-2025 summary) as `baocao report` writes them."""
    from baocao.jobs import write_report

    out = tmp_path_factory.mktemp("bc")
    return {period: write_report(plan, SAMPLE_PLAN, ROOT / "sample_data" / "du-lieu-mau.xlsx", period, out,
                                 returns_dir=ROOT / "sample_data" / "bao-cao-don-vi",
                                 narrative=ROOT / "sample_data" / "nhan-dinh" / f"{period}.yaml", charts="none")
            for period in ("2023-H1", "2023", "2021-2025")}


@pytest.mark.parametrize("period", ["2023-H1", "2023", "2021-2025"])
def test_the_sample_reports_hold_only_the_seeds_own_slips(reports, period):
    """What `baocao report` prints on each sample report: the seed's slips its Phụ lục II quotes (a repeated
    "phụ nữ", three doubled words), nothing on its figures, rises and falls or verdicts."""
    from baocao.jobs.report import report_findings

    found = report_findings(reports[period])
    assert {(f.rule, f.where.split(", hàng")[0], f.section) for f in found} == {
        ("liet_ke.lap_muc", "bảng 4", "Phụ lục II"), ("lap_tu", "bảng 4", "Phụ lục II")}
    assert sorted(f.message for f in found if f.rule == "lap_tu") == [
        "từ bị lặp: «hiện hiện»", "từ bị lặp: «qua qua»", "từ bị lặp: «viên viên»"] and len(found) == 4


def _edited(report, tmp_path, old: str, new: str, name: str):
    document = docx.Document(str(report.docx))
    number, paragraph = next((n, p) for n, p in enumerate(document.paragraphs, start=1) if old in p.text)
    text = paragraph.text.replace(old, new, 1)
    for i, run in enumerate(paragraph.runs):
        run.text = text if i == 0 else ""
    path = tmp_path / name
    document.save(str(path))
    return path, number


FIGURE_CHECKS = ("so_lieu.khac_du_lieu", "so_lieu.danh_gia_du_lieu", "so_lieu.tang_giam_du_lieu")


def test_a_report_against_the_engine_figures(reports, plan, tmp_path):
    report = reports["2023-H1"]
    for n, (old, new, code) in enumerate([
            ("hiệu quả (71,7%)", "hiệu quả (70,7%)", "so_lieu.khac_du_lieu"),
            ("cùng kỳ năm trước (63,3%)", "cùng kỳ năm trước (55%)", "so_lieu.khac_du_lieu"),
            ("so với năm 2021 (32,7%)", "so với năm 2021 (30,7%)", "so_lieu.khac_du_lieu"),  # last year's, by year
            ("(63,3%), đạt 79,6% kế hoạch, chậm tiến độ", "(63,3%), đạt 79,6% kế hoạch, đúng tiến độ",
             "so_lieu.danh_gia_du_lieu"),
            ("tổ chức Công đoàn, không đặt mức định lượng", "tổ chức Công đoàn, đạt mục tiêu",
             "so_lieu.danh_gia_du_lieu"),
            ("91 HTX khá, tốt (40,4%), vượt mục tiêu", "91 HTX khá, tốt (40,4%), chậm tiến độ",  # a class's own verdict
             "so_lieu.danh_gia_du_lieu"),
            ("(34,9%), tăng so với năm 2021", "(34,9%), giảm so với năm 2021", "so_lieu.tang_giam_du_lieu"),
            ("Quỹ Hỗ trợ phát triển HTX giải ngân", "Số HTX được thụ hưởng chính sách giảm so với cùng kỳ; "
             "Quỹ Hỗ trợ phát triển HTX giải ngân", "so_lieu.tang_giam_du_lieu")]):
        path, paragraph = _edited(report, tmp_path, old, new, f"{n}.docx")
        found = [f for f in check_document(path, plan=plan, assessments=report.assessments) if f.rule in FIGURE_CHECKS]
        assert [(f.rule, f.where) for f in found] == [(code, f"đoạn {paragraph}")], new
        assert not [f for f in check_document(path, plan=plan) if f.rule in FIGURE_CHECKS]  # data not given


def test_a_summary_is_judged_on_its_estimates(reports, plan, tmp_path):
    """The 2021-2025 summary judges a yearly figure on its estimate for 2025 ("ước thực hiện"): its verdicts
    agree with the engine's; said of the 2024 figure, or changed, they do not."""
    summary = reports["2021-2025"]
    estimate = "lên 41,3% (ước thực hiện năm 2025), đạt mục tiêu năm 2025"
    for n, new in enumerate(["lên 41,3% (ước thực hiện năm 2025), chưa đạt mục tiêu năm 2025",
                             "lên 39,2% (năm 2024), đạt mục tiêu năm 2025"]):
        path, paragraph = _edited(summary, tmp_path, estimate, new, f"{n}.docx")
        found = [f for f in check_document(path, plan=plan, assessments=summary.assessments) if f.rule in FIGURE_CHECKS]
        assert [(f.rule, f.where) for f in found] == [("so_lieu.danh_gia_du_lieu", f"đoạn {paragraph}")], new
    document = docx.Document(str(summary.docx))
    row = next(r for r in document.tables[2].rows if r.cells[1].text.startswith("Tỷ lệ hộ nông dân"))
    assert [row.cells[i].text for i in (4, 5, 8)] == ["39,2 (năm 2024)", "41,3", "Đạt"]
    row.cells[8].paragraphs[0].runs[0].text = "Chưa đạt"
    document.save(str(tmp_path / "bang.docx"))
    found = [f for f in check_document(tmp_path / "bang.docx", plan=plan, assessments=summary.assessments)
             if f.rule in FIGURE_CHECKS]
    assert [(f.rule, f.where) for f in found] == [("so_lieu.danh_gia_du_lieu", "bảng 3, hàng 3, cột 9")]


def test_the_registry_of_checks():
    codes = CHECKS.codes()
    assert len(codes) == len(set(codes)) and all(c.title and c.severity in (ERROR, REVIEW) for c in CHECKS)
    mine = CHECKS.copy()

    @mine.register("co_quan.viet_tat", "Tên cơ quan viết tắt trong câu văn", REVIEW)
    def short_name(ctx):
        for line in ctx.outline.texts():
            if "LMHTX" in line.text and not line.text.startswith(("Số", "(Kèm")):
                yield Hit(line.place, "viết tắt «LMHTX» trong câu văn", line.text)

    assert "co_quan.viet_tat" in mine and "co_quan.viet_tat" not in CHECKS
    with pytest.raises(BaocaoError, match="mã quy tắc 'lap_tu' đã có"):
        mine.register("lap_tu", "Trùng", REVIEW)(short_name.find)
    with pytest.raises(BaocaoError, match="mức độ 'nặng' không hợp lệ"):
        Check("x", "X", "nặng", short_name.find)


def test_an_agency_check_and_a_broken_check_on_a_real_document(sample_docs, plan):
    def broken(ctx):
        raise KeyError("w:val")
        yield  # pragma: no cover

    def acronym(ctx):
        for line in ctx.outline.texts():
            if "Văn Phòng" in line.text:
                yield Hit(line.place, "viết hoa «Phòng»", line.text)

    mine = CheckRegistry([Check("hong", "Kiểm tra lỗi", ERROR, broken), Check("viet_hoa", "Viết hoa", REVIEW, acronym)])
    found = check_document(sample_docs["template"], plan=plan, checks=mine)
    assert [(f.rule, f.severity) for f in found] == [("hong", REVIEW), ("viet_hoa", REVIEW)]
    assert "KeyError" in found[0].message and found[1].where == "đoạn 42"


def test_docs_list_every_check():
    """docs/check.md names each built-in check code, in the registry's order."""
    text = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    assert re.findall(r"^\| `([a-z_.]+)` \|", text, flags=re.M) == CHECKS.codes()


def test_findings_as_a_table(sample_docs, plan):
    frame = findings_frame(check_document(sample_docs["template"], plan=plan))
    row = frame[frame["Mã quy tắc"] == "phu_luc.khac_so_lieu"].iloc[0]
    assert (row["Mức độ"], row["Vị trí"], row["Vị trí đối chiếu"]) == (ERROR, "đoạn 32", "bảng 3, hàng 10, cột 2")
    assert row["Mục"].startswith("II. NỘI DUNG › 3. Nhiệm vụ") and row["Đối chiếu"].startswith("Xây dựng Đề án")


@pytest.mark.slow
def test_mutation_corpus_floors(tmp_path):
    """20 documents per defect kind (seeded): recall ≥ 90% each; ≤ 1 finding per clean document."""
    figures = load_tool("mutation_corpus").run(per_kind=20, seed=13, out=tmp_path)
    for kind, (found, total) in figures.recall.items():
        assert total == 20 and found / total >= 0.9, "\n".join(figures.lines())
    assert len(figures.false_findings) >= 7 and figures.false_per_document <= 1.0, "\n".join(figures.lines())
