"""The progress report end to end on the bundled sample: numbers, layout, provenance, narrative gaps."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from baocao.checks.layout import verify_layout
from baocao.checks.presign import MISSING_MARK, presign_check
from baocao.data import load_data
from baocao.indicators import assess
from baocao.indicators.text import class_clauses, end_clause
from baocao.periods import parse_period
from baocao.plan.io import load_plan
from baocao.report.narrative import Narrative, load_narrative, parse_narrative
from baocao.jobs.report import write_report

from conftest import ROOT, SAMPLE_PLAN, norm, row_cells, table_after

SAMPLE = ROOT / "sample_data"
RUN_TIME = dt.datetime(2023, 6, 16, 8, 30, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def data():
    return load_data(SAMPLE / "du-lieu-mau.xlsx")


@pytest.fixture(scope="module")
def h1(tmp_path_factory, plan, data):
    out = tmp_path_factory.mktemp("bao-cao")
    return write_report(plan, SAMPLE_PLAN, data, "2023-H1", out, returns_dir=SAMPLE / "bao-cao-don-vi",
                       narrative=SAMPLE / "nhan-dinh" / "2023-H1.yaml", run_time=RUN_TIME)


def _figure_cell(cell: str, engine: str, unit: str) -> None:
    """A Phụ lục I cell shows the engine's figures, starting upper-case: one figure or range without
    its unit (ĐVT has it), a list keeps every unit ("Khá, tốt 40,4%; trung bình 40%; yếu, kém 19,6%")."""
    assert re.findall(r"\d[\d.,]*", cell) == re.findall(r"\d[\d.,]*", engine)
    if engine.count(unit) <= 1:
        assert cell.lower() == engine.removesuffix(unit).rstrip().lower()
    else:
        assert cell.lower() == engine.lower(), cell
    assert cell[:1] == cell[:1].upper()


def test_every_number_equals_the_engine(h1, plan, data):
    period = parse_period("2023-H1")
    now = assess(plan, data, period.cutoff_end)
    before = {a.target_id: a for a in assess(plan, data, period.previous_same().cutoff_end)}
    document = docx.Document(str(h1.docx))
    rows = table_after(document, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU").rows
    assert row_cells(rows[0])[3:] == [f"Mục tiêu {plan.horizon.end}", "Lộ trình đến 14/6/2023", "Thực hiện đến 14/6/2023",
                                   "Cùng kỳ năm trước", "Tỷ lệ so với mục tiêu (%)", "Đánh giá"]
    assert len(rows) == 1 + len(now) == 1 + len(plan.targets())
    for row, a in zip(rows[1:], now):
        stt, label, unit, goal, path, value, previous, pct, status = row_cells(row)
        assert (label, unit) == (norm(a.label), a.unit)
        year = f" (năm {a.data_date.year})" if a.data_date not in (None, a.cutoff) else ""  # a yearly figure
        assert value.endswith(year) and path.endswith(year)
        _figure_cell(goal, a.target_text, a.unit)
        _figure_cell(value.removesuffix(year), a.value_text, a.unit)
        _figure_cell(previous.split(" (năm")[0], before[a.target_id].value_text, a.unit)
        if not a.classes and a.kind != "rate_per_year":
            _figure_cell(path.removesuffix(year), a.path_text, a.unit)
        assert pct == a.percent_text.removesuffix("%")  # the header says "(%)"
        assert status == a.status[:1].upper() + a.status[1:]  # "Chậm tiến độ"
        for number in re.findall(r"\d[\d.,]*", f"{value} {pct} {path}"):
            assert not re.fullmatch(r"\d+\.\d{1,2}|\d{1,3}(,\d{3})+", number), f"English-style number {number}"
    text = "\n".join(norm(p.text) for p in document.paragraphs)
    for a in now:  # every target's verdict, with its target and path, is in the body
        clauses = class_clauses(a) if a.classes else [end_clause(a)]
        assert all(norm(c) in text for c in clauses), a.target_id


def test_layout_and_official_parts(h1, plan):
    failed = [r for r in verify_layout(h1.docx) if r.status == "fail"]
    assert failed == []
    document = docx.Document(str(h1.docx))
    texts = [norm(p.text) for p in document.paragraphs if p.text.strip()]
    assert "BÁO CÁO" in texts
    assert any(t.startswith("Kết quả 6 tháng đầu năm 2023 thực hiện Kế hoạch số 188/KH-LMHTX ngày 11/5/2021 và phương") for t in texts)
    assert "- Ủy ban nhân dân tỉnh Đắk Nông;" in texts and "- Liên minh Hợp tác xã Việt Nam." in texts
    header = "\n".join(norm(c.text) for c in document.tables[0]._cells)
    assert "Số: 45/BC-LMHTX" in header and "Đắk Nông, ngày 16 tháng 6 năm 2023" in header
    footer = "\n".join(norm(c.text) for c in document.tables[1]._cells)
    assert footer.index("- Như trên;") < footer.index("- Lưu: VT, VP.")
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023" in texts
    landscape = [s.page_width > s.page_height for s in document.sections]
    assert landscape == [False, True, True, True]
    props = document.core_properties
    assert props.category == "Kỳ báo cáo: 2023-H1" and "2023-H1" in props.keywords
    assert props.created == RUN_TIME
    assert presign_check(h1.docx, plan=plan) and all(f.severity != "lỗi" for f in presign_check(h1.docx, plan=plan))


def test_task_table_and_missing_unit(h1, plan):
    document = docx.Document(str(h1.docx))
    rows = [row_cells(r) for r in table_after(document, "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ").rows]
    assert rows[0] == ["Stt", "Nhiệm vụ", "Chủ trì", "Thời gian thực hiện", "Tình trạng", "Kết quả"]
    tasks = {r[1]: r for r in rows[1:] if len(r) == 6}
    collected = h1.collected
    assert collected is not None and collected.missing_units == ["bbt"]
    nv12 = tasks[norm(plan.task("nv1.2").text)]
    assert nv12[4] in {"Đang thực hiện", "Đã hoàn thành", "Chưa thực hiện", "Không phát sinh"}  # a cell: capitalised
    for task_id, results in collected.results.items():
        for r in results:
            if r.kind == "task" and r.result:
                assert norm(r.result.rstrip(".;")) in norm(tasks[norm(plan.task(task_id).text)][5])
    body = "\n".join(norm(p.text) for p in document.paragraphs)
    assert "chưa gửi báo cáo" not in body  # for the analyst, not for the province
    assert "Đơn vị chưa gửi báo cáo: Ban biên tập bản tin Kinh tế hợp tác." in h1.report.notes


def test_provenance_sidecar(h1, data, plan):
    content = json.loads(h1.sidecar.read_text(encoding="utf-8"))
    assert content["data"]["sha256"] == data.sha256
    assert content["plan"]["symbol"] == "188/KH-LMHTX" and len(content["plan"]["sha256"]) == 64
    assert content["period"] == {"code": "2023-H1", "label": "6 tháng đầu năm 2023",
                                 "cutoff_start": "2022-12-15", "cutoff_end": "2023-06-14"}
    assert content["run_time"] == "2023-06-16T08:30:00+00:00"
    by_target = {f["target"]: f for f in content["figures"] if f["shown_at"] == ["thân báo cáo, mục II.1"]}
    assert set(by_target) == {t.id for t in plan.targets()}
    xa = by_target["xa_co_htx"]
    assert xa["text"] == "90%" and xa["numerator"] == 54 and xa["denominator"] == 60
    rows = [r for s in xa["sources"] for r in s["rows"]]
    assert rows and all(isinstance(r, int) and r >= 2 for r in rows)
    assert set(content["returns"]) == {"cstt", "khht", "quy", "ttdt", "vp"}


def test_missing_narrative_is_visible_and_flagged(tmp_path, plan, data):
    partial = Narrative(leadership=["Đã triển khai."], proposals=["Đề nghị bổ sung vốn."])
    out = write_report(plan, SAMPLE_PLAN, data, "2023", tmp_path, narrative=partial, charts="none", draft=True)
    document = docx.Document(str(out.docx))
    missing = [p for p in document.paragraphs if p.text.startswith(MISSING_MARK)]
    assert len(missing) == 5  # achievements, shortcomings, two causes, lessons (an annual report has lessons)
    assert {p.style.name for p in missing} == {"VB Thieu noi dung"}
    assert missing[0].style.font.bold and missing[0].style.font.italic
    assert set(out.report.missing_parts) == {"achievements", "shortcomings", "causes_objective",
                                             "causes_subjective", "lessons"}
    findings = presign_check(out.docx, plan=plan, final=False)
    assert sum(f.rule == "thieu_noi_dung" for f in findings) == len(missing)
    assert "Số:      /BC-LMHTX" in "\n".join(c.text for c in document.tables[0]._cells)
    assert [s.page_width > s.page_height for s in document.sections] == [False, True, True]


def test_narrative_for_another_period_is_refused(tmp_path, plan, data):
    from baocao.errors import InputError

    with pytest.raises(InputError, match="2023-H1"):
        write_report(plan, SAMPLE_PLAN, data, "2023", tmp_path, narrative=SAMPLE / "nhan-dinh" / "2023-H1.yaml")
    assert list(tmp_path.iterdir()) == []


def test_existing_report_is_not_overwritten(h1, plan, data):
    from baocao.errors import OutputExistsError

    before = h1.docx.read_bytes()
    with pytest.raises(OutputExistsError):
        write_report(plan, SAMPLE_PLAN, data, "2023-H1", h1.docx.parent)
    assert h1.docx.read_bytes() == before


def test_summary_report_has_lessons_and_no_same_period(tmp_path, plan, data):
    out = write_report(plan, SAMPLE_PLAN, data, "2021-2025", tmp_path, returns_dir=SAMPLE / "bao-cao-don-vi",
                      narrative=load_narrative(SAMPLE / "nhan-dinh" / "2021-2025.yaml"), charts="none")
    texts = [norm(p.text) for p in docx.Document(str(out.docx)).paragraphs]
    assert "4. Bài học kinh nghiệm" in texts
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026-2030" in texts
    rows = table_after(docx.Document(str(out.docx)), "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU").rows
    assert row_cells(rows[0])[3:] == ["Đầu kỳ (31/12/2020)", "Thực hiện đến 14/12/2025", "Ước thực hiện năm 2025",
                                   "Mục tiêu 2025", "Tỷ lệ so với mục tiêu (%)", "Đánh giá"]
    statuses = {row_cells(r)[8] for r in rows[1:]}
    assert "Chưa có số liệu" not in statuses and statuses <= {"Đạt", "Vượt", "Chưa đạt", "Không định lượng"}



def test_appendix_notes_account_for_every_target(h1, plan):
    """Phụ lục III names the targets its chart leaves out, with their verdicts; before 01/7/2025 the
    plan's communes are the communes, so Phụ lục I has no note about them."""
    from baocao.indicators.overview import overview_chart

    texts = [norm(p.text) for p in docx.Document(str(h1.docx)).paragraphs]
    charted = {b.target_id for b in overview_chart(h1.report.assessments).bars}
    left_out = [a for a in h1.report.assessments if a.target_id not in charted]
    assert {a.kind for a in left_out} == {"qualitative", "distribution", "count"}  # no % to draw
    assert all(a.percent_of_target is None for a in left_out)
    assert len(charted) + len(left_out) == len(plan.targets())
    (note,) = [t for t in texts if t.startswith("Chỉ tiêu không thể hiện trên biểu đồ")]
    assert all(f"{norm(a.label)} ({a.status})" in note for a in left_out)
    assert texts.index(note) > texts.index("BIỂU ĐỒ TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU")
    assert not [t for t in texts if t.startswith("Ghi chú: chỉ tiêu số")]


@pytest.mark.parametrize(("period", "communes", "words"), [("2021-2025", "plan", "trước sắp xếp (đến 30/6/2025)"),
                                                          ("2023-H1", "post_merger", "mới sau sắp xếp (từ 01/7/2025)")])
def test_commune_ratios_name_their_commune_list(tmp_path, plan, data, period, communes, words):
    """After the reorganisation the plan's communes are labelled pre-merger; post-merger communes always say so."""
    out = write_report(plan, SAMPLE_PLAN, data, period, tmp_path, charts="none", draft=True, communes=communes)
    on_communes = [(r.stt, a) for r, a in zip(out.report.indicator_rows, out.report.assessments) if a.communes]
    assert len(on_communes) >= 2
    size = on_communes[0][1].communes.size
    document = docx.Document(str(out.docx))
    texts = [norm(p.text) for p in document.paragraphs]
    (note,) = [t for t in texts if t.startswith("Ghi chú: chỉ tiêu số")]
    numbers = [stt for stt, _ in on_communes]
    assert note.startswith(f"Ghi chú: chỉ tiêu số {', '.join(numbers[:-1])} và {numbers[-1]} tính trên địa bàn {size} xã ")
    assert words in note


@pytest.mark.parametrize("charts", ["overview", "all"])
def test_charts_draw_the_reports_own_assessments(tmp_path, plan, data, charts):
    """With the post-merger communes, Phụ lục III shows what Phụ lục I says (not the plan's communes again)."""
    from baocao.indicators.charts import figure_png, progress_chart
    from baocao.indicators.overview import overview_chart
    from baocao.indicators.series import series

    out = write_report(plan, SAMPLE_PLAN, data, "2023-H1", tmp_path, draft=True, charts=charts, communes="post_merger")
    cutoff = out.report.cutoff
    folder = out.docx.parent / "2023-H1-bieu-do"
    chart = overview_chart(out.report.assessments)
    assert (folder / "tong-quan.png").read_bytes() == chart.png()
    assert chart.png() != overview_chart(assess(plan, data, cutoff)).png()  # the plan's communes draw another
    table = {r.target_id: r.percent for r in out.report.indicator_rows}
    assert {b.target_id: b.text.removesuffix("%") for b in chart.bars} == {b.target_id: table[b.target_id]
                                                                           for b in chart.bars}
    if charts == "all":
        dates = [dt.date(y, 12, 31) for y in range(plan.horizon.start, cutoff.year)] + [cutoff]
        drawn = (folder / "xa_co_htx.png").read_bytes()
        by_list = {c: figure_png(progress_chart(series(plan, data, dates, year_ends=False, communes=c), "xa_co_htx"))
                   for c in ("post_merger", "plan")}
        assert drawn == by_list["post_merger"] != by_list["plan"]


SUMMARY_NARRATIVE = SAMPLE / "nhan-dinh" / "2021-2025.yaml"
POST_MERGER_HEADER = """\
  place: "Lâm Đồng"
  issuer:
    parent: "UBND TỈNH LÂM ĐỒNG"
    name: "LIÊN MINH HTX TỈNH LÂM ĐỒNG"
    short_name: "Liên minh HTX tỉnh Lâm Đồng"
    abbreviation: LMHTX
  recipients: ["Ủy ban nhân dân tỉnh Lâm Đồng", "Liên minh Hợp tác xã Việt Nam"]
"""


def _summary_narrative(tmp_path, header: str) -> Path:
    """The sample 2021-2025 narrative with its post-merger header replaced by ``header``."""
    sample = SUMMARY_NARRATIVE.read_text(encoding="utf-8")
    assert POST_MERGER_HEADER in sample  # the bundled sample declares the post-merger authority
    path = tmp_path / "nhan-dinh-2021-2025.yaml"
    path.write_text(sample.replace(POST_MERGER_HEADER, header), encoding="utf-8")
    return path


def test_final_report_after_the_reorganisation_keeping_the_plans_header_is_refused(tmp_path, plan, data):
    """Issued 16/12/2025 under "UBND TỈNH ĐẮK NÔNG", to "Ủy ban nhân dân tỉnh Đắk Nông": refused, nothing written."""
    from baocao.errors import InputError

    narrative = _summary_narrative(tmp_path, "")
    out = tmp_path / "bao-cao"
    with pytest.raises(InputError) as err:
        write_report(plan, SAMPLE_PLAN, data, "2021-2025", out, narrative=narrative, charts="none")
    (problem,) = err.value.problems
    assert problem.file == str(narrative) and problem.path == "document"
    for words in ("16/12/2025", "01/7/2025", "cơ quan ban hành: Liên minh HTX tỉnh Đắk Nông", "địa danh: Đắk Nông",
                  "Ủy ban nhân dân tỉnh Đắk Nông", "keep_from_plan: [issuer, place, recipients]", "--draft"):
        assert words in problem.message, words
    assert not out.exists() or not any(out.iterdir())

    partly = _summary_narrative(tmp_path, '  place: "Lâm Đồng"\n  keep_from_plan: [recipients]\n')
    with pytest.raises(InputError, match=r"cơ quan ban hành vẫn lấy theo kế hoạch.*keep_from_plan: \[issuer\]"):
        write_report(plan, SAMPLE_PLAN, data, "2021-2025", out, narrative=partly, charts="none")
    with pytest.raises(InputError, match="keep_from_plan: \\[issuer, place, recipients\\]"):
        write_report(plan, SAMPLE_PLAN, data, "2021-2025", out, charts="none")  # no narrative at all


def test_the_plans_header_confirmed_or_in_a_draft_is_written(tmp_path, plan, data):
    """keep_from_plan keeps the plan's header on purpose; a draft keeps it with advice for the analyst only."""
    confirmed = _summary_narrative(tmp_path, "  keep_from_plan: [issuer, place, recipients]\n")
    kept = write_report(plan, SAMPLE_PLAN, data, "2021-2025", tmp_path / "giu", narrative=confirmed, charts="none")
    assert kept.report.notes == []
    header = "\n".join(norm(c.text) for c in docx.Document(str(kept.docx)).tables[0]._cells)
    assert "LIÊN MINH HTX TỈNH ĐẮK NÔNG" in header and "Đắk Nông, ngày 16 tháng 12 năm 2025" in header

    draft = write_report(plan, SAMPLE_PLAN, data, "2021-2025", tmp_path / "du-thao", charts="none", draft=True,
                         narrative=_summary_narrative(tmp_path, ""))
    (note,) = draft.report.notes
    assert "16/12/2025" in note and "cơ quan ban hành, địa danh và nơi nhận (Kính gửi)" in note
    assert json.loads(draft.sidecar.read_text(encoding="utf-8"))["notes"] == [note]
    assert "keep_from_plan" not in "\n".join(p.text for p in docx.Document(str(draft.docx)).paragraphs)


def test_which_header_parts_need_a_decision(plan):
    import datetime as dt

    from baocao.report.narrative import ReportDocument
    from baocao.report.reorganisation import REORGANISATION, kept_from_plan

    nothing = ReportDocument()
    assert kept_from_plan(plan, nothing, REORGANISATION - dt.timedelta(days=1)) == []  # before: the plan's header
    assert kept_from_plan(plan, nothing, REORGANISATION) == ["issuer", "place", "recipients"]
    assert kept_from_plan(plan, ReportDocument(place="Lâm Đồng", keep_from_plan=["recipients"]),
                          REORGANISATION) == ["issuer"]
    newer = plan.model_copy(update={"document": plan.document.model_copy(update={"date": REORGANISATION})})
    assert kept_from_plan(newer, nothing, dt.date(2026, 1, 5)) == []  # a plan issued after knows the new bodies


def test_cli_refuses_the_pre_merger_header_in_vietnamese(tmp_path):
    from click.testing import CliRunner

    from baocao.cli import main_group

    narrative = _summary_narrative(tmp_path, "")
    res = CliRunner().invoke(main_group, ["report", str(SAMPLE_PLAN), str(SAMPLE / "du-lieu-mau.xlsx"), "--period",
                                          "2021-2025", "--narrative", str(narrative), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    assert "Lỗi: Báo cáo sau sắp xếp đơn vị hành chính chưa khai báo cơ quan ban hành, nơi nhận" in res.output
    assert f"tệp {narrative}, mục document: báo cáo ban hành ngày 16/12/2025" in res.output


def test_report_after_the_2025_reorganisation_names_its_own_issuer(tmp_path, plan, data):
    """The bundled summary, issued 16/12/2025, names the successor body, place and recipients; the plan it
    reports on is still cited with its own issuer."""
    sample = SUMMARY_NARRATIVE.read_text(encoding="utf-8")
    signer = '  signer: {authority: "KT. CHỦ TỊCH", position: "PHÓ CHỦ TỊCH", name: "Trần Văn A"}\n'
    copies = '  copies: ["Các Phó Chủ tịch"]\n'
    narrative = parse_narrative(sample.replace(POST_MERGER_HEADER, POST_MERGER_HEADER + signer + copies),
                                "2021-2025-sau-sap-xep.yaml")
    out = write_report(plan, SAMPLE_PLAN, data, "2021-2025", tmp_path / "moi", narrative=narrative, charts="none")
    assert out.report.notes == []
    document = docx.Document(str(out.docx))
    header = "\n".join(norm(c.text) for c in document.tables[0]._cells)
    assert "LIÊN MINH HTX TỈNH LÂM ĐỒNG" in header and "UBND TỈNH LÂM ĐỒNG" in header
    assert "Số: 118/BC-LMHTX" in header and "Lâm Đồng, ngày 16 tháng 12 năm 2025" in header
    assert "ĐẮK NÔNG" not in header
    texts = [norm(p.text) for p in document.paragraphs]
    body = "\n".join(texts)
    assert "- Ủy ban nhân dân tỉnh Lâm Đồng;" in texts and "- Ủy ban nhân dân tỉnh Đắk Nông;" not in texts
    assert "Kế hoạch số 188/KH-LMHTX ngày 11/5/2021 của Liên minh HTX tỉnh Đắk Nông" in body  # the plan's issuer
    assert ", Liên minh HTX tỉnh Lâm Đồng tổng kết thực hiện giai đoạn 2021-2025" in body
    assert body.count("(Kèm theo Báo cáo số 118/BC-LMHTX ngày 16 tháng 12 năm 2025 của Liên minh HTX tỉnh Lâm Đồng)") == 2
    footer = "\n".join(norm(c.text) for c in document.tables[1]._cells)
    assert "KT. CHỦ TỊCH" in footer and "PHÓ CHỦ TỊCH" in footer and "Trần Văn A" in footer
    assert footer.index("- Như trên;") < footer.index("- Các Phó Chủ tịch;") < footer.index("- Lưu:")
    assert [r for r in verify_layout(out.docx) if r.status == "fail"] == []


def test_report_document_overrides_are_validated(tmp_path):
    from baocao.errors import InputError

    with pytest.raises(InputError) as err:
        parse_narrative("document:\n  issuer:\n    name: X\n    abbreviation: lmhtx\n  recipients: []\n", "n.yaml")
    text = str(err.value)
    assert "n.yaml" in text and "document.issuer.short_name" in text and "ký hiệu cơ quan 'lmhtx'" in text
    assert "document.recipients" in text

@pytest.mark.slow
def test_cli_report_with_pdf(tmp_path):
    exe = Path(sys.executable).with_name("baocao")
    cmd = [str(exe), "report", str(SAMPLE_PLAN), str(SAMPLE / "du-lieu-mau.xlsx"), "--period", "2023-H1",
           "--returns", str(SAMPLE / "bao-cao-don-vi"), "--narrative", str(SAMPLE / "nhan-dinh" / "2023-H1.yaml"),
           "--out", str(tmp_path)] + (["--pdf"] if shutil.which("soffice") else [])
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Đơn vị chưa gửi báo cáo: Ban biên tập bản tin Kinh tế hợp tác" in result.stdout
    assert re.search(r"Kiểm tra trước khi trình ký: \d+ lỗi", result.stdout)
    assert "mục «phụ nữ» được liệt kê hai lần" in result.stdout  # the seed's slip, in the task copied from the plan
    assert (tmp_path / "2023-H1-bao-cao.docx").exists()
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice không có: đã kiểm tra .docx, bỏ qua PDF")
    pdf = tmp_path / "2023-H1-bao-cao.pdf"
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    orient = ["L" if float(w) > float(h) else "P" for w, h in sizes]
    first_landscape = orient.index("L")
    assert orient[0] == "P" and all(o == "L" for o in orient[first_landscape:])
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Phụ lục III" in text
    blank = [i for i in range(1, len(orient) + 1)
             if len(subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"],
                                   capture_output=True, text=True).stdout.split()) < 3]
    assert blank == [], f"blank pages {blank}"


def test_report_outside_the_plan_years_is_refused_and_writes_nothing(tmp_path):
    from click.testing import CliRunner

    from baocao.cli import main_group

    out = tmp_path / "bao-cao"
    res = CliRunner().invoke(main_group, ["report", str(SAMPLE_PLAN), str(tmp_path / "chua-co.xlsx"),
                                          "--period", "2019-H1", "--out", str(out)])  # refused before the data
    assert res.exit_code == 2
    assert ("Lỗi: kỳ báo cáo 2019-H1 (6 tháng đầu năm 2019) nằm ngoài thời gian thực hiện "
            "Kế hoạch số 188/KH-LMHTX (2021-2025)") in res.output
    assert not out.exists() or not any(out.iterdir())
