"""Library functions the notebooks used to do inline: counts by district, comparing two cycles' workbooks,
the styled assessment table and Vietnamese evidence, when a verdict is final (and the charts that follow it),
PDF page previews, layout results and pre-signing findings as DataFrames.

Every test runs on the bundled sample (sample_data/du-lieu-mau.xlsx, sample_data/ke-hoach-188.yaml) and
checks real values, computed independently where the function counts something.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import struct

import pandas as pd
import pytest

import baocao
from baocao.data import load_data
from baocao.data.schema import STATUS_ACTIVE, TABLES
from baocao.data.summary import TOTAL, changed_rows, compare_cycles, counts_by_district
from baocao.errors import ToolMissingError
from baocao.indicators import CHAM_TIEN_DO, CHUA_DAT, assess, series
from baocao.indicators.model import STATUS_COLORS
from baocao.indicators.tables import display_frame, evidence_frame, styled_frame
from baocao.periods import final_verdict, parse_period
from baocao.vnformat import upper_first

H1_2023 = dt.date(2023, 6, 14)
SUMMARY_CUTOFF = dt.date(2025, 12, 14)
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def data():
    return load_data(baocao.sample_path("du-lieu-mau.xlsx"))


@pytest.fixture(scope="module")
def found(plan, data):
    return assess(plan, data, H1_2023)


# --------------------------------------------------------------------------- counts by district


def _active_at(coops: pd.DataFrame, at: dt.date) -> pd.Series:
    """Independent rule: founded by the end of *at*, not closed by then, not marked stopped without a date."""
    t = pd.Timestamp(at)
    founded = coops["founded_on"] <= t
    closed = coops["closed_on"].notna() & (coops["closed_on"] <= t)
    stopped_no_date = (coops["status"] != STATUS_ACTIVE) & coops["closed_on"].isna()
    return founded & ~closed & ~stopped_no_date


def test_counts_by_district_as_recorded(data):
    table = counts_by_district(data)
    assert list(table.columns) == [
        "Mã huyện", "Tên huyện", "Số xã", "Số phường", "Số thị trấn", "HTX đang hoạt động",
        "HTX ngừng hoạt động, giải thể", "LHHTX đang hoạt động", "THT", "Mô hình liên kết đang thực hiện"]
    total = table.iloc[-1]
    assert total["Tên huyện"] == TOTAL and total["Mã huyện"] == ""
    assert len(table) == data.units["district_code"].nunique() + 1 == 9
    coops = data.cooperatives
    assert total["HTX đang hoạt động"] == (coops["status"] == STATUS_ACTIVE).sum() == 302
    assert total["HTX ngừng hoạt động, giải thể"] == (coops["status"] != STATUS_ACTIVE).sum() == 98
    assert total["THT"] == len(data.groups) == 420
    assert total["Số xã"] + total["Số phường"] + total["Số thị trấn"] == len(data.units) == 71
    gia_nghia = table.set_index("Tên huyện").loc["Thành phố Gia Nghĩa"]
    assert (gia_nghia["Mã huyện"], gia_nghia["Số xã"], gia_nghia["Số phường"], gia_nghia["Số thị trấn"]) == ("660", 2, 6, 0)
    # the total row is the sum of the districts
    body = table.iloc[:-1]
    for column in table.columns[2:]:
        assert total[column] == body[column].sum(), column


def test_counts_by_district_at_the_cutoff(data):
    from baocao.indicators.filters import TableView, alive_mask

    table = counts_by_district(data, H1_2023)
    total = table.iloc[-1]
    coops = data.cooperatives
    active = _active_at(coops, H1_2023)
    assert total["HTX đang hoạt động"] == active.sum() == 268
    founded = coops["founded_on"] <= pd.Timestamp(H1_2023)
    assert total["HTX ngừng hoạt động, giải thể"] == (founded & ~active).sum() == 64
    # the same rule as the indicator engine's active_at_cutoff
    assert active.sum() == alive_mask(TableView("cooperatives", coops), H1_2023).sum()
    assert total["THT"] == (data.groups["founded_on"] <= pd.Timestamp(H1_2023)).sum() == 276
    # per district: the HTX of the district's communes, counted independently
    district = data.units.set_index("commune_code")["district_name"]
    by_hand = coops.loc[active, "commune_code"].map(district).value_counts()
    mine = table.iloc[:-1].set_index("Tên huyện")["HTX đang hoạt động"]
    assert mine.to_dict() == {name: int(by_hand.get(name, 0)) for name in mine.index}


# --------------------------------------------------------------------------- comparing two cycles


@pytest.fixture(scope="module")
def edited(tmp_path_factory, data):
    """A copy of the sample workbook with one HTX added, one removed (referenced nowhere) and one renamed."""
    import openpyxl

    coops = data.cooperatives
    used = set(data.ratings["entity_id"]) | set(data.support["coop_id"]) | set(data.linkage_models["lead_coop_id"].dropna())
    gone = coops[~coops["coop_id"].isin(used)].iloc[3]
    renamed = coops.iloc[3]
    wb = openpyxl.load_workbook(baocao.sample_path("du-lieu-mau.xlsx"))
    ws = wb["HTX"]
    assert ws.cell(int(renamed["_row"]), 1).value == renamed["coop_id"]
    ws.cell(int(renamed["_row"]), 2).value = "HTX Dịch vụ nông nghiệp Đổi Tên"
    assert ws.cell(int(gone["_row"]), 1).value == gone["coop_id"]
    ws.delete_rows(int(gone["_row"]))
    ws.append(["HTX09999", "HTX Mới Thành Lập", coops.iloc[0]["commune_code"], "Nông nghiệp", "01/02/2023", None,
               STATUS_ACTIVE])
    path = tmp_path_factory.mktemp("ky-nay") / "du-lieu-ky-nay.xlsx"
    wb.save(path)
    return {"path": path, "data": load_data(path), "gone": gone, "renamed": renamed, "new_row": ws.max_row}


def test_compare_cycles_finds_one_added_one_removed_one_changed(data, edited):
    diff = compare_cycles(data, edited["data"])
    assert list(diff.columns) == ["Trang tính", "So theo", "Kỳ trước", "Kỳ này", "Chênh lệch", "Thêm", "Bớt", "Sửa"]
    assert list(diff["Trang tính"]) == [t.sheet for t in TABLES]
    htx = diff.set_index("Trang tính").loc["HTX"]
    assert htx.to_dict() == {"So theo": "Mã HTX", "Kỳ trước": 400, "Kỳ này": 400, "Chênh lệch": 0,
                             "Thêm": 1, "Bớt": 1, "Sửa": 1}
    others = diff[diff["Trang tính"] != "HTX"]
    assert not others[["Chênh lệch", "Thêm", "Bớt", "Sửa"]].to_numpy().any()
    assert diff.set_index("Trang tính").loc["Hỗ trợ HTX", "So theo"] == "cả hàng"  # a sheet without a key
    # a path is loaded like a CycleData
    assert compare_cycles(baocao.sample_path("du-lieu-mau.xlsx"), edited["path"]).equals(diff)


def test_changed_rows_lists_the_rows_and_the_cell(data, edited):
    rows = changed_rows(data, edited["data"], "HTX")
    gone, renamed = edited["gone"], edited["renamed"]
    assert list(rows.columns) == ["Thay đổi", "Mã HTX", "Hàng kỳ trước", "Hàng kỳ này", "Cột", "Giá trị kỳ trước",
                                  "Giá trị kỳ này"]
    assert list(rows["Thay đổi"]) == ["bớt", "thêm", "sửa"]
    assert list(rows["Mã HTX"]) == [gone["coop_id"], "HTX09999", renamed["coop_id"]]
    assert rows.iloc[0]["Hàng kỳ trước"] == gone["_row"] and pd.isna(rows.iloc[0]["Hàng kỳ này"])
    assert pd.isna(rows.iloc[1]["Hàng kỳ trước"]) and rows.iloc[1]["Hàng kỳ này"] == edited["new_row"]
    change = rows.iloc[2]
    assert (change["Cột"], change["Giá trị kỳ trước"], change["Giá trị kỳ này"]) == (
        "Tên HTX", renamed["name"], "HTX Dịch vụ nông nghiệp Đổi Tên")
    assert change["Hàng kỳ trước"] == change["Hàng kỳ này"] == renamed["_row"]  # above the deleted row
    # the sheet name or the internal name; an unchanged sheet gives an empty frame with the same headers
    assert changed_rows(data, edited["data"], "cooperatives").equals(rows)
    empty = changed_rows(data, edited["data"], "THT")
    assert empty.empty and list(empty.columns)[:2] == ["Thay đổi", "Mã THT"]
    with pytest.raises(KeyError, match="Không có bảng"):
        changed_rows(data, data, "Không có")


def test_compare_cycles_without_a_key_matches_whole_rows(data):
    support = data.support
    fewer = dataclasses.replace(data, support=support.drop(index=support.index[[5, 6]]))
    diff = compare_cycles(data, fewer).set_index("Trang tính").loc["Hỗ trợ HTX"]
    assert (diff["Thêm"], diff["Bớt"], diff["Sửa"], diff["Chênh lệch"]) == (0, 2, 0, -2)
    rows = changed_rows(data, fewer, "support")
    assert list(rows["Thay đổi"]) == ["bớt", "bớt"]
    assert list(rows["Hàng kỳ trước"]) == list(support["_row"].iloc[[5, 6]])
    assert "Loại hỗ trợ" in rows.columns


# --------------------------------------------------------------------------- assessment tables


def test_styled_frame_colours_the_status_cells(found):
    styler = styled_frame(found, caption="Đánh giá đến 14/6/2023")
    html = styler.to_html()
    assert styler.data.equals(display_frame(found, compact=True))
    assert "Đánh giá đến 14/6/2023" in html
    statuses = [a.status for a in found]
    assert {CHAM_TIEN_DO, "đúng tiến độ", "đạt"} <= set(statuses)
    status_col = list(styler.data.columns).index("Tình trạng")
    # each CSS rule of the Styler: the cells it applies to and its properties
    rules = {tuple((int(r), int(c)) for r, c in re.findall(r"_row(\d+)_col(\d+)", cells)): body
             for cells, body in re.findall(r"([^{}]+)\{([^{}]*)\}", html)}
    for status in set(statuses):
        color = STATUS_COLORS[status]
        cells = [cells for cells, body in rules.items() if f"background-color: {color};" in body]
        assert len(cells) == 1, status
        body = rules[cells[0]]
        assert "color: white" in body and "white-space: nowrap" in body  # status words never wrap
        assert sorted(cells[0]) == [(i, status_col) for i, s in enumerate(statuses) if s == status]
    assert sum("background-color" in body for body in rules.values()) == len(set(statuses))


def test_evidence_frame_has_vietnamese_headers(found):
    by_id = {a.target_id: a for a in found}
    a = by_id["xa_co_htx"]
    ev = evidence_frame(a)
    assert list(ev.columns[:2]) == ["Trang tính", "Hàng"]
    assert {"Mã HTX", "Tên HTX", "Mã xã", "Ngày thành lập", "Tình trạng", "Xã được tính (mã)"} <= set(ev.columns)
    assert not [c for c in ev.columns if re.fullmatch(r"[a-z_]+", c)], list(ev.columns)
    assert len(ev) == len(a.evidence) == 228
    assert list(ev["Hàng"]) == list(a.evidence["row"]) and set(ev["Trang tính"]) == {"HTX"}
    assert set(ev["Liên kết chuỗi giá trị sản phẩm chủ lực"].dropna()) <= {"Có", "Không"}
    # HTX and LHHTX pooled: one name column for both; "counted" in words
    pooled = evidence_frame(by_id["htx_chuoi_gia_tri"])
    assert "Tên HTX / Tên LHHTX" in pooled.columns and set(pooled["Trang tính"]) == {"HTX", "LHHTX"}
    assert set(pooled["Được tính vào tử số"]) == {"Có", "Không"}
    assert (pooled["Được tính vào tử số"] == "Có").sum() == by_id["htx_chuoi_gia_tri"].numerator
    # a distribution names its classes as the plan does
    classes = evidence_frame(by_id["phan_loai"])
    assert set(classes["Nhóm xếp loại"]) <= {c.label for c in by_id["phan_loai"].classes}
    # nothing to show: an empty frame, still with the first headers
    assert list(evidence_frame(dataclasses.replace(a, evidence_source=None)).columns) == ["Trang tính", "Hàng"]


# --------------------------------------------------------------------------- final verdict, series and charts


def test_final_verdict(plan):
    assert plan.horizon.end == 2025
    assert final_verdict(plan, parse_period("2021-2025")) is True
    assert final_verdict(plan, parse_period("2023")) is None
    assert final_verdict(plan, parse_period("2023-H1")) is None
    assert final_verdict(plan, parse_period("2025")) is None  # a year report: the engine decides by deadline
    assert final_verdict(plan, parse_period("2021-2023")) is None  # a mid-term summary


def test_series_final_judges_the_last_cutoff_like_the_table(plan, data):
    final = final_verdict(plan, parse_period("2021-2025"))
    table = {a.target_id: a.status for a in assess(plan, data, SUMMARY_CUTOFF, final=final)}
    dates = [dt.date(2023, 12, 31), dt.date(2024, 12, 31), SUMMARY_CUTOFF]
    plain = series(plan, data, dates, year_ends=False)
    judged = series(plan, data, dates, year_ends=False, final=final)
    main = judged[judged["class_key"] == ""]
    last = main[main["cutoff"] == SUMMARY_CUTOFF].set_index("target_id")["status"].to_dict()
    assert last == table
    assert CHAM_TIEN_DO not in last.values() and CHUA_DAT in last.values()
    # without final the last point says "chậm tiến độ" where the table says "chưa đạt"
    before = plain[(plain["class_key"] == "") & (plain["cutoff"] == SUMMARY_CUTOFF)].set_index("target_id")["status"]
    assert any(before[t] == CHAM_TIEN_DO and last[t] == CHUA_DAT for t in last)
    # the earlier points are judged by their own date
    earlier = lambda df: df[[d != SUMMARY_CUTOFF for d in df["cutoff"]]].reset_index(drop=True)  # noqa: E731
    assert len(earlier(plain)) == 2 * len(plain) // 3  # three dates, the same rows at each
    pd.testing.assert_frame_equal(earlier(plain), earlier(judged))


def test_save_charts_passes_final_to_every_chart(plan, data, tmp_path, monkeypatch):
    from baocao.indicators import charts

    seen: dict[str, object] = {}

    class Picture:
        def png(self, dpi):
            return PNG

    def overview(assessments):
        seen["overview"] = {a.target_id: a.status for a in assessments}
        return Picture()

    def progress(df, target_id):
        rows = df[(df["target_id"] == target_id) & (df["class_key"] == "")].sort_values("cutoff")
        seen[target_id] = rows["status"].iloc[-1]
        return object()

    monkeypatch.setattr(charts, "overview_chart", overview)
    monkeypatch.setattr(charts, "progress_chart", progress)
    monkeypatch.setattr(charts, "figure_png", lambda fig, dpi=charts.DPI: PNG)
    written = charts.save_charts(plan, data, SUMMARY_CUTOFF, tmp_path, final=True)
    table = {a.target_id: a.status for a in assess(plan, data, SUMMARY_CUTOFF, final=True)}
    assert seen.pop("overview") == table
    assert seen and seen == {t: table[t] for t in seen}
    assert len(written) == len(seen) + 1


def test_overview_legend_sits_below_the_bars(found):
    from baocao.indicators.charts import overview_chart
    from baocao.indicators.overview import charted

    chart = overview_chart(found)
    image, layout = chart.draw()
    assert image.size == layout.size
    width, height = layout.size
    axes, legend, xlabel, title = layout.axes, layout.legend, layout.xlabel, layout.title
    assert legend[1] > axes[3] and legend[1] >= xlabel[3]  # below the axes and the axis title: never over a bar
    assert 0 <= legend[0] and legend[2] <= width and legend[3] <= height  # inside the picture
    assert 0 <= title[1] and title[3] < axes[1]
    quantitative = [a for a in found if charted(a)]
    assert len(layout.labels) == len(layout.values) == len(quantitative)
    for above, below in zip(layout.labels, layout.labels[1:]):
        assert above[3] <= below[1]  # wrapped target names never run into the next row
    assert all(0 <= box[0] and box[2] <= axes[0] for box in layout.labels)  # left of the axes
    assert all(box[2] <= width for box in layout.values)
    assert set(layout.legend_labels) == {upper_first(a.status) for a in quantitative}  # "Chậm tiến độ"


def test_overview_bars_are_drawn_in_status_colours(found):
    from PIL import ImageColor

    from baocao.indicators.charts import overview_chart

    chart = overview_chart(found)
    image, layout = chart.draw()
    left, top, right, bottom = layout.axes
    xmax = max([100.0] + [b.percent for b in chart.bars]) * 1.15
    row = (bottom - top) / len(chart.bars)
    for i, bar in enumerate(chart.bars):
        y = round(top + (i + 0.5) * row)
        if bar.percent > 2:  # halfway along the bar: its status colour
            x = round(left + (right - left) * bar.percent / xmax / 2)
            assert image.getpixel((x, y)) == ImageColor.getrgb(STATUS_COLORS[bar.status]), bar.target_id
        x_after = round(left + (right - left) * bar.percent / xmax) + 3  # just after the bar: white
        assert image.getpixel((x_after, y)) == (255, 255, 255), bar.target_id
    png = chart.png(dpi=100)
    assert png[:8] == PNG and struct.unpack(">II", png[16:24]) == (1100, chart.draw(100)[1].size[1])


# --------------------------------------------------------------------------- PDF previews


def _png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == PNG
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def three_page_pdf(tmp_path_factory):
    from baocao.render.pdf import find_soffice, to_pdf

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) chưa cài")
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm

    document = docx.Document()
    document.sections[0].page_width, document.sections[0].page_height = Mm(210), Mm(297)
    for i, text in enumerate(("Trang một", "Trang hai", "Trang ba")):
        paragraph = document.add_paragraph(f"{text}: Liên minh Hợp tác xã tỉnh")
        if i < 2:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    src = tmp_path_factory.mktemp("docx") / "ba-trang.docx"
    document.save(src)
    return to_pdf([src], tmp_path_factory.mktemp("pdf"), pdfa=False)[0]


@pytest.mark.pdf
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) chưa cài")
def test_pdf_pages_png(three_page_pdf, tmp_path, monkeypatch):
    from baocao.render.preview import pdf_pages_png

    monkeypatch.delenv("BAOCAO_PDFTOPPM", raising=False)
    out = tmp_path / "xem-truoc"
    images = pdf_pages_png(three_page_pdf, out)
    assert [p.name for p in images] == ["ba-trang-1.png", "ba-trang-2.png"]
    width, height = _png_size(images[0])
    assert abs(width - 210 / 25.4 * 70) <= 2 and abs(height - 297 / 25.4 * 70) <= 2  # A4 at 70 dpi
    # again for pages 2 to 9: earlier previews replaced, pages past the end skipped
    again = pdf_pages_png(three_page_pdf, out, first=2, last=9, dpi=40)
    assert [p.name for p in again] == ["ba-trang-2.png", "ba-trang-3.png"]
    assert sorted(p.name for p in out.iterdir()) == ["ba-trang-2.png", "ba-trang-3.png"]
    assert _png_size(again[0])[0] < width
    assert pdf_pages_png(three_page_pdf, out, first=5, last=6) == []
    assert three_page_pdf.read_bytes()[:5] == b"%PDF-"


def test_pdf_pages_png_without_poppler(tmp_path, monkeypatch):
    from baocao.render.preview import pdf_pages_png

    monkeypatch.setenv("BAOCAO_PDFTOPPM", str(tmp_path / "khong-co-pdftoppm"))
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(ToolMissingError, match="poppler-utils") as err:
        pdf_pages_png(pdf, tmp_path / "out")
    assert "pdftoppm" in str(err.value) and "Tệp PDF đã tạo vẫn dùng được" in str(err.value)
    with pytest.raises(ValueError, match="trang không hợp lệ"):
        pdf_pages_png(pdf, tmp_path / "out", first=3, last=2)


# --------------------------------------------------------------------------- checks as tables


@pytest.fixture(scope="module")
def draft_plan_docx(tmp_path_factory, plan):
    from baocao.plan.text import plan_context
    from baocao.render.docx import render_docx

    return render_docx("ke-hoach.docx", plan_context(plan, draft=True),
                       tmp_path_factory.mktemp("checks") / "du-thao.docx")


def test_results_frame(draft_plan_docx):
    from baocao.checks.layout import FAIL, PASS, STATUS_VI, RuleResult, results_frame, verify_layout

    results = verify_layout(draft_plan_docx)
    frame = results_frame(results)
    assert list(frame.columns) == ["Mã quy tắc", "Kết quả", "Nội dung kiểm tra", "Chi tiết"]
    assert list(frame["Mã quy tắc"]) == [r.rule for r in results]
    assert set(frame["Kết quả"]) <= set(STATUS_VI.values()) and "Đạt" in set(frame["Kết quả"])
    small = results_frame([RuleResult("trang.le", "Lề trang", FAIL, "lề trái 25 mm"),
                           RuleResult("phong_chu", "Phông chữ", PASS)])
    assert small.to_dict("records") == [
        {"Mã quy tắc": "trang.le", "Kết quả": "Không đạt", "Nội dung kiểm tra": "Lề trang", "Chi tiết": "lề trái 25 mm"},
        {"Mã quy tắc": "phong_chu", "Kết quả": "Đạt", "Nội dung kiểm tra": "Phông chữ", "Chi tiết": ""}]
    assert list(results_frame([]).columns) == list(frame.columns)


def test_findings_frame(draft_plan_docx, plan):
    from baocao.checks.presign import ERROR, REVIEW, findings_frame, presign_check

    findings = presign_check(draft_plan_docx, plan=plan, final=True)
    frame = findings_frame(findings)
    assert list(frame.columns) == ["Mức độ", "Loại", "Vị trí", "Mục", "Vấn đề", "Đoạn văn", "Đối chiếu",
                                   "Vị trí đối chiếu", "Mã quy tắc"]
    assert len(frame) == len(findings)
    errors = sum(f.severity == ERROR for f in findings)
    assert errors >= 2 and {"so_de_trong", "ngay_de_trong"} <= set(frame["Mã quy tắc"].iloc[:errors])
    assert list(frame["Mức độ"]) == [ERROR] * errors + [REVIEW] * (len(findings) - errors)  # errors first
    assert frame["Vị trí"].str.match(r"^(đoạn|bảng|đầu trang)").all()
    assert set(frame.loc[frame["Mã quy tắc"] == "so_de_trong", "Mục"]) == {"phần đầu văn bản"}
    empty = findings_frame([])
    assert empty.empty and list(empty.columns) == list(frame.columns)


def test_readable_table_for_analysts():
    import datetime as dt

    import numpy as np
    import pandas as pd

    from baocao.display import cell_text, readable

    assert [cell_text(v) for v in (None, np.nan, pd.NaT, pd.NA, 12.0, 87.25, 1234.5, 2023, "Có")] == \
        ["", "", "", "", "12", "87,25", "1.234,5", "2023", "Có"]
    assert cell_text(dt.date(2021, 4, 2)) == cell_text(pd.Timestamp("2021-04-02")) == "02/4/2021"
    frame = pd.DataFrame({"Tệp": ["a.xlsx", "b.xlsx"], "Dòng": [3.0, np.nan], "Trống": [None, None],
                          "Tình trạng": ["đã hoàn thành", "đang thực hiện"]})
    html = readable(frame, nowrap=["Tình trạng", "Không có"]).to_html()
    assert "Trống" not in html and ">3<" in html and "nan" not in html and "white-space: nowrap" in html
    assert "text-align: left" in html and "vertical-align: top" in html and " th {" in html
    assert "Trống" in readable(frame, drop_empty_columns=False).to_html()
    assert list(frame.columns) == ["Tệp", "Dòng", "Trống", "Tình trạng"]  # the frame itself is untouched
