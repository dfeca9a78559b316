"""The plan model on the seed plan and on bad input: fidelity, located errors, round trip."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from baocao.errors import InputError
from baocao.plan.io import dump_plan, dump_plan_text, load_plan, parse_plan, plan_to_data
from baocao.plan.text import appendix_rows, body_paragraphs, full_text

from conftest import FIXTURES, SAMPLE_PLAN, norm

# Table header cells belong to the template, "(đã ký)" marks a signed copy: neither is plan data.
NOT_PLAN_DATA = {"Stt", "Nhiệm vụ", "Chủ trì tham mưu", "Thời gian thực hiện", "Ghi chú", "(đã ký)"}


def test_the_plan_text_is_the_seed_exactly(plan, seed_lines):
    """Same lines, same order: only the header block (not in the seed text) is added."""
    from baocao.plan.text import place_date_line, symbol_line

    got = [norm(line) for line in full_text(plan) if norm(line)]
    header = [norm(h) for h in (plan.issuer.parent, plan.issuer.name, symbol_line(plan), place_date_line(plan))]
    assert got == header + [line for line in seed_lines if line not in NOT_PLAN_DATA]


def _seed_appendix(seed_lines: list[str]) -> list[tuple[str, ...]]:
    """Rows of the seed's appendix table: (stt, task) for groups, (stt, task, lead, time) for tasks."""
    cells = seed_lines[seed_lines.index("Ghi chú") + 1:]
    rows: list[tuple[str, ...]] = []
    i = 0
    while i < len(cells):
        stt = cells[i]
        if stt in ("I", "II", "III", "IV", "V"):
            rows.append((stt, cells[i + 1]))
            i += 2
        else:
            rows.append((stt, cells[i + 1], cells[i + 2], cells[i + 3]))
            i += 4
    return rows


def test_every_appendix_row_with_lead_and_timeframe(plan, seed_lines):
    expected = _seed_appendix(seed_lines)
    got = [(r.stt, norm(r.task)) if r.group else (r.stt, norm(r.task), norm(r.lead), norm(r.time))
           for r in appendix_rows(plan)]
    assert got == expected
    assert len(expected) == 3 + 15


def test_seed_structure(plan):
    assert plan.symbol == "188/KH-LMHTX"
    assert plan.document.date.isoformat() == "2021-05-11"
    assert [s.title for s in plan.sections][:2] == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG"]
    assert len(plan.by_role("purposes")) == 3
    assert len(plan.targets()) == 20
    assert {t.kind for t in plan.targets()} == {"share", "count", "rate_per_year", "growth", "distribution",
                                                 "amount", "qualitative"}
    assert plan.target("ho_tham_gia").range == (40, 45)
    assert plan.target("htx_thu_huong").baseline.period == (2012, 2020)
    assert [t.id for t in plan.tasks() if not t.in_body] == ["nv1.4", "nv3.5", "nv3.6"]
    assert plan.task("nv1.3").timeframe.recurring and plan.task("nv1.3").timeframe.every_n_years == 2
    assert plan.task("nv2.4").timeframe.years == (2021,) and plan.task("nv2.4").timeframe.recurring
    assert plan.task("nv3.1").timeframe.period == (2021, 2025)
    assert plan.lead_label(plan.task("nv3.3")) == "Phòng CSTT, PT HTX và Kế hoạch Hỗ trợ"
    assert plan.duties()["vp"][0].startswith("Tham mưu xây dựng Kế hoạch")
    assert plan.reporting.compiler == "vp"
    assert plan.legal_bases[1].citations[0].text() == "Công văn số 5768/UBND-KTN ngày 10/11/2020 của UBND tỉnh Đắk Nông"


def test_body_and_appendix_keep_both_wordings(plan):
    body = [p.text for p in body_paragraphs(plan)]
    assert "- Tiếp tục đẩy mạnh công tác tuyên truyền sâu rộng các chủ trương , đường lối" in "\n".join(body)
    rows = {r.task_id: r.task for r in appendix_rows(plan)}
    assert rows["nv1.2"].startswith("Tiếp tục đẩy mạnh công tác tuyên truyền sâu rộng các chủ trương, đường lối")
    assert not any("Xin chủ trương UBND tỉnh" in line for line in body)
    assert "3.2. Tham gia, phối hợp" in "\n".join(body)


# --- bad input: file, YAML path and line ----------------------------------------------------------
BASE = SAMPLE_PLAN.read_text(encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _fails(text: str, tmp_path: Path) -> InputError:
    path = tmp_path / "ke-hoach-loi.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_plan(path)
    message = str(exc.value)
    assert str(path) in message and "dòng" in message
    return exc.value


def test_unknown_key_names_path_and_line(tmp_path):
    text = BASE.replace("  place: \"Đắk Nông\"", "  place: \"Đắk Nông\"\n  palce: \"sai\"")
    err = _fails(text, tmp_path)
    [p] = err.problems
    assert p.path == "document.palce" and p.line == _line_of(text, "palce") and "không được biết đến" in p.message


def test_missing_required_field(tmp_path):
    text = BASE.replace("  name: \"Nguyễn Khải\"\n", "")
    [p] = _fails(text, tmp_path).problems
    assert p.path == "signer.name" and p.message == "thiếu mục bắt buộc"
    assert p.line == _line_of(text, "signer:")


def test_undeclared_lead_unit(tmp_path):
    text = BASE.replace("        lead: vp\n", "        lead: phong_x\n")
    [p] = _fails(text, tmp_path).problems
    assert p.path == "task_groups[1].tasks[1].lead[0]" and "phong_x" in p.message
    assert p.line == _line_of(text, "lead: phong_x")


def test_duplicate_id(tmp_path):
    text = BASE.replace("      - id: nv3.2\n", "      - id: nv3.1\n")
    [p] = _fails(text, tmp_path).problems
    assert p.path == "task_groups[2].tasks[1].id" and "bị trùng" in p.message
    assert p.line == _line_of(text, "      - id: nv3.1\n        text: \"Phối hợp với các sở")


def test_duplicate_yaml_key(tmp_path):
    text = BASE.replace("  abbreviation: LMHTX\n", "  abbreviation: LMHTX\n  abbreviation: LMHTX\n")
    problems = _fails(text, tmp_path).problems
    assert problems[0].path == "issuer.abbreviation" and "lặp lại" in problems[0].message
    assert problems[0].line == _line_of(text, "  abbreviation: LMHTX\n  abbreviation") + 1


@pytest.mark.parametrize("old,new,path,words", [
    ("abbreviation: LMHTX", "abbreviation: lm htx", "issuer.abbreviation", "ký hiệu cơ quan"),
    ("number: \"188\"", "number: \"7\"", "document.number", "số văn bản"),
    ("type: KH\n", "type: KHX\n", "document.type", "loại văn bản"),
    ("date: 2021-05-11", "date: 2021-13-11", "document.date", "ngày"),
    ("date: 2021-05-11", "date: 11/5/2021", "document.date", "ngày"),
])
def test_malformed_symbol_and_date(tmp_path, old, new, path, words):
    text = BASE.replace(old, new, 1)
    [p] = _fails(text, tmp_path).problems
    assert p.path == path and words in p.message
    assert p.line == _line_of(text, new)


def test_several_faults_reported_at_once(tmp_path):
    text = BASE.replace("        lead: vp\n", "        lead: phong_x\n").replace("      - id: nv3.2\n", "      - id: nv3.1\n")
    text = text.replace("      - id: htx_ocop\n", "      - id: htx_ocop\n                quote: \"không có trong câu\"\n", 1)
    err = _fails(text, tmp_path)
    assert len(err.problems) >= 2


def test_target_quote_must_occur_in_its_paragraph(tmp_path):
    text = BASE.replace("quote: \"có 30 HTX sở hữu sản phẩm OCOP\"", "quote: \"có 31 HTX sở hữu sản phẩm OCOP\"")
    [p] = _fails(text, tmp_path).problems
    assert p.path.endswith("targets[4].quote") and "đoạn trích" in p.message


def test_target_goal_must_be_the_plans_words(tmp_path):
    """A goal quotes the plan: its paragraph, or a task's wording ("từ 3-5 thành viên quản lý" is in task 2.4)."""
    assert "goal: \"từ 3-5 thành viên quản lý\"" in BASE and "goal: \"lên 40%\"" in BASE
    text = BASE.replace("goal: \"lên 70%\"", "goal: \"lên 75%\"").replace("goal: \"lên 40%\"", "goal: \"40%+\"")
    found = _fails(text, tmp_path).problems
    assert [p.path.rsplit("]", 1)[-1] for p in found] == [".goal", ".classes.kha_tot.goal"]
    assert "targets[3]" in found[0].path and "targets[0]" in found[1].path
    assert all("lời của kế hoạch" in p.message for p in found)


def test_target_theme_must_be_declared_when_themes_are(tmp_path):
    text = BASE.replace("theme: \"Nguồn lực, hỗ trợ\"", "theme: \"Nguồn lực\"", 1)
    [p] = _fails(text, tmp_path).problems
    assert p.path.endswith(".theme") and "reporting.themes" in p.message and "'Nguồn lực'" in p.message


def test_a_task_is_named_by_its_short_title_or_the_first_clause(plan):
    assert plan.task("nv3.2").title() == "Hướng dẫn giải thể, xóa tên HTX đã ngừng hoạt động"  # declared
    bare = {t.id: t.model_copy(update={"short": None}) for t in plan.tasks()}
    assert bare["nv3.6"].title() == "Xin chủ trương UBND tỉnh xây dựng Cửa hàng tại trụ sở Liên minh HTX tỉnh"  # " để "
    assert bare["nv1.1"].title() == "Tổ chức quán triệt, thực hiện hiện Nghị quyết 134 của Chính phủ"  # up to ";"
    assert bare["nv2.1"].title() == ("Chủ động tham mưu, tham gia rà soát lại các văn bản của tỉnh về phát triển "
                                     "kinh tế hợp tác, HTX")  # a long clause cut after a comma
    assert all(t.text.startswith(t.title()) and len(t.title()) < len(t.text) for t in bare.values())


def test_a_declared_path_is_for_a_single_level(tmp_path):
    text = BASE.replace("                range: [40, 45]\n", "                range: [40, 45]\n"
                        "                path: {2023-12-31: 35}\n", 1)
    [p] = _fails(text, tmp_path).problems
    assert "'path'" in p.message


def test_bad_timeframe_is_located(tmp_path):
    text = BASE.replace("timeframe: \"Năm 2021\"\n", "timeframe: \"Khi nào xong\"\n", 1)
    [p] = _fails(text, tmp_path).problems
    assert p.path == "task_groups[1].tasks[1].timeframe" and "Không hiểu thời gian" in p.message


def test_invalid_yaml_syntax(tmp_path):
    err = _fails(BASE.replace("horizon:\n", "horizon: [\n", 1), tmp_path)
    assert "YAML không hợp lệ" in err.problems[0].message


def test_text_is_nfc_normalised(tmp_path):
    nfd = unicodedata.normalize("NFD", BASE)
    assert nfd != BASE
    path = tmp_path / "nfd.yaml"
    path.write_text(nfd, encoding="utf-8")
    plan = load_plan(path)
    assert plan.issuer.short_name == "Liên minh HTX tỉnh Đắk Nông"
    assert plan_to_data(plan) == plan_to_data(load_plan(SAMPLE_PLAN))


def test_load_dump_load_is_lossless_and_stable(plan, tmp_path):
    out = dump_plan(plan, tmp_path / "again.yaml")
    again = load_plan(out)
    assert again == plan
    assert dump_plan_text(again) == dump_plan_text(plan)
    assert full_text(again) == full_text(plan)


def test_dump_refuses_to_overwrite(plan, tmp_path):
    from baocao.errors import OutputExistsError

    target = tmp_path / "p.yaml"
    target.write_text("giữ nguyên", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        dump_plan(plan, target)
    assert target.read_text(encoding="utf-8") == "giữ nguyên"
    dump_plan(plan, target, overwrite=True)
    assert load_plan(target) == plan
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]


def test_another_plan_loads_from_data_alone():
    other = load_plan(FIXTURES / "plan_other.yaml")
    assert other.symbol == "05/KH-SNNMT"
    assert [p.text for p in body_paragraphs(other) if p.kind != "p"] == [
        "I. MỤC TIÊU", "II. NHIỆM VỤ", "1. Rà soát, củng cố hợp tác xã", "III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN"]
    assert [t.id for t in other.targets()] == ["htx_moi", "lien_ket", "doanh_thu"]
    assert other.task("a1").timeframe.deadline().isoformat() == "2026-06-30"
    assert other.lead_label(other.task("a2")) == "Chi cục Phát triển nông thôn và Văn phòng Sở"
    text = str(other)
    assert "KẾ HOẠCH số 05/KH-SNNMT" in text and "Lạng Sơn, ngày 03 tháng 02 năm 2026" in text
    assert "Luật Hợp tác xã số 17/2023/QH15 ngày 20/6/2023; Nghị định số 113/2024/NĐ-CP" in other.legal_bases[0].text()
    assert "<table>" in other._repr_html_()


def test_parse_plan_from_text_has_no_file():
    with pytest.raises(InputError) as exc:
        parse_plan("issuer: {}\n", "mẫu.yaml")
    paths = {p.path for p in exc.value.problems}
    assert {"issuer.name", "document", "signer", "units", "sections", "closing"} <= paths


def test_reporting_kinds_accept_every_period_kind_and_name_a_wrong_one():
    text = SAMPLE_PLAN.read_text(encoding="utf-8")
    assert "  kinds: [half, year]\n" in text
    plan = parse_plan(text.replace("  kinds: [half, year]\n", "  kinds: [month, quarter, half, nine_months, year, summary]\n"),
                      "k.yaml")
    assert plan.reporting.kinds == ["month", "quarter", "half", "nine_months", "year", "summary"]
    with pytest.raises(InputError) as err:
        parse_plan(text.replace("  kinds: [half, year]\n", "  kinds: [half, weekly]\n"), "k.yaml")
    assert "k.yaml" in str(err.value) and "reporting.kinds" in str(err.value)


def test_a_plan_whose_last_item_ends_the_document_needs_no_closing():
    """QĐ 254/QĐ-UBND Sơn La's plan ends on its numbered item "4. … hướng dẫn./.": no closing sentence after it.
    Without "./." at the end of the last paragraph the closing is still required."""
    text = SAMPLE_PLAN.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data.pop("closing")
    last = data["sections"][-1]["blocks"]
    while last[-1].get("blocks"):
        last = last[-1]["blocks"]
    kind = next(k for k in last[-1] if k in ("text", "numbered", "lettered", "dash", "plus", "heading"))
    with pytest.raises(InputError) as exc:
        parse_plan(yaml.safe_dump(data, allow_unicode=True), "k.yaml")
    assert "closing" in str(exc.value)
    last[-1][kind] = last[-1][kind].rstrip(".") + "./."
    plan = parse_plan(yaml.safe_dump(data, allow_unicode=True), "k.yaml")
    assert plan.closing == "" and body_paragraphs(plan)[-1].text.endswith("./.")
    assert parse_plan(dump_plan_text(plan), "k.yaml") == plan
