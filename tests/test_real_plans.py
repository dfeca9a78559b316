"""Three real, public plans encoded from their text alone render whole and pass the layout check.

- ``nghean-qd-quy-hoach-cho-2010``: a decision of the UBND of Nghệ An approving a plan, its content
  inline in Điều 1 (lettered items a)…đ), targets with numbers, several units named in one block);
- ``congbot-qd-773-ttg-kh-nguoi-co-cong-2018``: decision 773/QĐ-TTg and the plan it issues, printed
  after it as its own titled document "(Ban hành kèm theo Quyết định số …)";
- ``congbot-qd-254-ubnd-sonla-bao-ve-bmnn-2023``: decision 254/QĐ-UBND of the Chủ tịch UBND tỉnh Sơn La and
  the plan it issues (duties by unit under "III. PHÂN CÔNG NHIỆM VỤ", no closing sentence: its last item
  ends "./."), printed with its own header, signer and Nơi nhận.

The source texts and their provenance are in ``tests/fixtures/real-plans/`` (each ``.source.md`` says
where the text came from and every edit made to it). Every source line must appear, in order, in the
.docx; the .docx may add only the lines its plan file marks as inferred and the Decree-30 layout lines.
For the Nghệ An decision, the data its targets need is declared in the plan file; a small synthetic
workbook is generated from that declaration and every target is assessed.
"""

from __future__ import annotations

import datetime as dt
import re

import docx
import pandas as pd
import pytest

import baocao
from baocao.checks import DECISION_RULES, FAIL, REVIEW, verify_layout
from baocao.data import load_data, schema_for, write_workbook
from baocao.data.synthetic import synthetic_tables
from baocao.indicators import CHUA_CO_SO_LIEU, assess
from baocao.jobs.plan_docs import write_plan

from conftest import FIXTURES, norm

REAL = FIXTURES / "real-plans"
NGHE_AN, QD_773 = "nghean-qd-quy-hoach-cho-2010", "congbot-qd-773-ttg-kh-nguoi-co-cong-2018"
SON_LA = "congbot-qd-254-ubnd-sonla-bao-ve-bmnn-2023"
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
#: Lines the .docx adds to the source: the Decree-30 header and the parts the plan file says it inferred
#: ("QUYẾT ĐỊNH:" is the source's "Quyết định" line in its Decree-30 form).
ADDED = {
    NGHE_AN: ["ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", *MOTTO, "Số: /QĐ-UB", "Nghệ An, ngày tháng năm 2003",
              "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "QUYẾT ĐỊNH:", "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN",
              "(bản nguồn không ghi họ tên người ký)"],  # "CHỦ TỊCH" is in the source ("Chủ tịch UBND các huyện")
    QD_773: [*MOTTO, "Số: 773/QĐ-TTg", "Hà Nội, ngày 26 tháng 6 năm 2018", *MOTTO],
    SON_LA: [],  # header, signer and Nơi nhận are the text's own; the attached plan's header repeats them
}


def _document_order_text(document) -> list[str]:
    """Every paragraph and table cell (a merged cell once) in document order, a line break read as a space."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            out.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            for row in Table(child, document).rows:
                seen = []
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.append(cell._tc)
                        out += [p.text for p in cell.paragraphs]
    return [norm(t) for t in out if norm(t)]


def _source(name: str) -> list[str]:
    return [norm(line) for line in (REAL / f"{name}.txt").read_text(encoding="utf-8").splitlines() if norm(line)]


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    """name -> (name, plan, rendered .docx), each plan loaded and rendered once."""
    done = {}

    def get(name):
        if name not in done:
            plan = baocao.load_plan(REAL / f"{name}.yaml")
            done[name] = name, plan, write_plan(plan, tmp_path_factory.mktemp(name)).files[0]
        return done[name]

    return get


@pytest.fixture(params=[NGHE_AN, QD_773, SON_LA])
def rendered(request, renders):
    return renders(request.param)


def test_every_source_line_appears_in_order(rendered):
    """Compared case-insensitively: the Nghệ An source writes "Quyết định về việc …" (type and subject on one
    line) and "Quyết định" for the centred "QUYẾT ĐỊNH:"; its last line gains the closing "/."."""
    name, _plan, path = rendered
    text = " ".join(_document_order_text(docx.Document(str(path)))).casefold()
    pos = 0
    for line in _source(name):
        found = text.find(line.casefold(), pos)
        assert found >= 0, f"source line missing or out of order: {line[:100]!r}"
        pos = found + len(line)


def test_the_docx_adds_only_the_layout_and_the_inferred_lines(rendered):
    name, _plan, path = rendered
    source = " ".join(_source(name)).casefold()
    added = [line for line in _document_order_text(docx.Document(str(path)))
             if re.sub(r"\s+", " ", line.removesuffix("/.")).casefold() not in source]
    assert [re.sub(r"\s+", " ", a) for a in added] == ADDED[name]


def test_the_layout_check_passes_with_the_decision_rules(rendered):
    _name, _plan, path = rendered
    results = verify_layout(path)
    assert [r for r in results if r.status in (FAIL, REVIEW)] == []
    by_rule = {r.rule: r for r in results}
    assert set(DECISION_RULES.codes()) <= set(by_rule)
    assert {by_rule[c].status for c in ("quyet_dinh.tham_quyen", "quyet_dinh.dong_quyet_dinh", "quyet_dinh.dieu")} \
        == {"pass"}


def test_nghe_an_structure(renders):
    _name, plan, path = renders(NGHE_AN)
    assert plan.document.number is None and plan.document.date is None and plan.document.issue_year == 2003
    assert [t.id for t in plan.targets()][:4] == ["tong_so_cho", "cho_loai_1", "cho_loai_2", "cho_loai_3"]
    assert len(plan.targets()) == 12 and plan.appendix_list() == []
    duty = plan.duties()
    assert set(duty) == {"so_tm", "ban_nganh", "ubnd_huyen"}
    assert duty["ban_nganh"] == duty["ubnd_huyen"] and duty["ban_nganh"][0].startswith("Sở Thương mại, các Ban")
    document = docx.Document(str(path))
    assert len(document.sections) == 1  # no empty landscape "Phụ lục" page
    body = [norm(p.text) for p in document.paragraphs]
    letters = [t[:2] for t in body if re.match(r"^[a-zđ]\) ", t)]
    assert letters == ["a)", "b)", "a)", "b)", "c)", "d)", "đ)"]


def test_qd_773_structure(renders):
    _name, plan, path = renders(QD_773)
    assert plan.symbol == "773/QĐ-TTg" and plan.target("muc_song_2019").value == 99.5
    assert plan.duties()["vtv"] == plan.duties()["ttxvn"] != []  # one block, three units
    document = docx.Document(str(path))
    assert [s.orientation for s in document.sections] == [0, 0]  # the decision, then the attached plan
    body = [norm(p.text) for p in document.paragraphs]
    start = body.index("2. Giải pháp")
    letters = [t[:2] for t in body[start:] if re.match(r"^[a-zđ]\) ", t)]
    assert letters == ["a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)", "k)"]  # no f)
    assert body.count("KẾ HOẠCH") == 1
    ref = "(Ban hành kèm theo Quyết định số 773/QĐ-TTg ngày 26 tháng 6 năm 2018 của Thủ tướng Chính phủ)"
    assert body[body.index("KẾ HOẠCH") + 2] == ref


def test_son_la_structure(renders):
    _name, plan, path = renders(SON_LA)
    assert plan.symbol == "254/QĐ-UBND" and plan.closing == "" and plan.signer.authority == ""
    assert [s.role for s in plan.sections] == ["purposes", None, "implementation", "implementation"]
    duties = plan.duties()
    assert list(duties) == ["cat", "vp_ubnd", "snv", "stp", "stttt", "stc"] and len(duties["cat"]) == 5
    document = docx.Document(str(path))
    assert [s.orientation for s in document.sections] == [0, 0]  # the decision, then the attached plan
    body = [norm(p.text) for p in document.paragraphs]
    plan_start = body.index("KẾ HOẠCH")
    assert body[plan_start + 2] == ("(Kèm theo Quyết định số 254/QĐ-UBND ngày 17/02/2023 của Chủ tịch Ủy ban "
                                    "nhân dân tỉnh)")
    numbers = [t.split(" ")[0] for t in body[body.index("III. PHÂN CÔNG NHIỆM VỤ"):] if re.match(r"^\d+\. ", t)]
    assert numbers == ["1.", "2.", "3.", "4.", "5.", "6.", "1.", "2.", "3.", "4."]
    last = [t for t in body if t][-1]  # no closing sentence after the last item, and no empty one
    assert last.startswith("4. Quá trình thực hiện") and last.endswith("hướng dẫn./.") and body[-2] == last


# --- the Nghệ An targets on a workbook generated from the plan's data declaration ------------------------
@pytest.fixture(scope="module")
def nghe_an_data(tmp_path_factory):
    plan = baocao.load_plan(REAL / f"{NGHE_AN}.yaml")
    path = tmp_path_factory.mktemp("nghean") / "du-lieu.xlsx"
    write_workbook(synthetic_tables(plan, rows=40, seed=3), path, tables=schema_for(plan).tables)
    return plan, load_data(path, plan=plan)


def test_every_nghe_an_target_is_assessed(nghe_an_data):
    plan, data = nghe_an_data
    found = assess(plan, data, dt.date(2010, 12, 31))
    assert [a.target_id for a in found] == [t.id for t in plan.targets()]
    assert [a.target_id for a in found if a.status == CHUA_CO_SO_LIEU] == []


def test_nghe_an_figures_are_the_rows_of_the_workbook(nghe_an_data):
    """Recomputed here with pandas from the sheet, not by the engine."""
    plan, data = nghe_an_data
    found = {a.target_id: a for a in assess(plan, data, dt.date(2010, 12, 31))}
    m = data.table("markets")
    done = m["completed_on"] <= pd.Timestamp(2010, 12, 31)
    assert found["cho_loai_1"].value == int((done & m["grade"].eq("Loại 1")).sum())
    first = m["completed_on"].between(pd.Timestamp(2003, 1, 1), pd.Timestamp(2005, 12, 31))
    assert found["nang_cap_2003_2005"].value == int((first & m["work"].eq("Cải tạo, nâng cấp")).sum())
    zone3 = done & m["zone"].eq("Khu vực 3")
    share = 100 * m.loc[zone3, "state_support"].sum() / m.loc[zone3, "cost"].sum()
    assert found["ho_tro_khu_vuc_3"].value == pytest.approx(share)
    training = data.table("market_training")
    assert found["dao_tao_can_bo"].value == training.loc[training["year"] == 2010, "courses"].sum()


def test_a_progress_report_on_the_decision(nghe_an_data, tmp_path):
    """The reporting cycle follows the decision: the report names it "Quyết định số …" and passes the check."""
    from baocao.jobs.report import write_report

    plan, data = nghe_an_data
    out = write_report(plan, REAL / f"{NGHE_AN}.yaml", data, "2005", tmp_path, charts="none", draft=True)
    body = [norm(p.text) for p in docx.Document(str(out.docx)).paragraphs if norm(p.text)]
    assert body[2].startswith("Kết quả năm 2005 thực hiện Quyết định số /QĐ-UB và phương hướng")
    assert [r for r in verify_layout(out.docx) if r.status == FAIL] == []
