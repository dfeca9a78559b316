"""The body of every shipped plan, rendered with the real templates and read back by
:func:`baocao.plan_import.body.read_body`: legal bases, preamble, sections and their blocks, closing,
a decision's articles, the plan a decision issues, duties by unit, task groups joined to the appendix.
Also the same plans typed the way a clerk types them (tests/docbuild.py).
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

from baocao.docread import read_outline
from baocao.jobs.plan_docs import write_plan
from baocao.plan.io import load_plan
from baocao.plan.model import Block, Plan
from baocao.plan.text import plan_context
from baocao.plan_import.body import read_body
from tests.docbuild import clerk_plan, saved_by_libreoffice

ROOT = Path(__file__).resolve().parent.parent
PLANS = {
    "188": ROOT / "sample_data" / "ke-hoach-188.yaml",
    "188-sach": ROOT / "tests" / "fixtures" / "ke-hoach-188-sach.yaml",
    "other": ROOT / "tests" / "fixtures" / "plan_other.yaml",
    "ubnd": ROOT / "tests" / "fixtures" / "plan_ubnd.yaml",
    "congbot": ROOT / "tests" / "fixtures" / "real-plans" / "congbot-qd-773-ttg-kh-nguoi-co-cong-2018.yaml",
    "nghean": ROOT / "tests" / "fixtures" / "real-plans" / "nghean-qd-quy-hoach-cho-2010.yaml",
    "sonla": ROOT / "tests" / "fixtures" / "real-plans" / "congbot-qd-254-ubnd-sonla-bao-ve-bmnn-2023.yaml",
}
#: Where a shipped plan file says more than its document shows, so no reader can give it back.
#: "nesting": which item holds which is not drawn (nghean keeps "a) …" and the items after it side by side,
#: where the other plans nest them); "role": plan_other gives no role to its "TỔ CHỨC THỰC HIỆN" section,
#: which the import reads as the implementation part (the other plans give it that role).
NOT_SHOWN = {
    "other": {"role"},
    "nghean": {"nesting"},
}


def appendix_groups(plan: Plan) -> list[dict[str, Any]]:
    """The task groups as the appendix shows them (what the appendix reader gives read_body)."""
    return [{"id": g.id, "title": g.appendix_title or g.title,
             "tasks": [{"id": t.id, "text": t.text, "lead": list(t.lead), "timeframe": t.timeframe.text}
                       for t in g.tasks]} for g in plan.task_groups]


def appendix_units(plan: Plan) -> list[dict[str, Any]]:
    """The units the appendix names (leads and coordinating units of the tasks)."""
    named = {u for t in plan.tasks() for u in [*t.lead, *t.support]}
    return [{"id": u.id, "name": u.name} for u in plan.units if u.id in named]


def _plain(blocks: list[Block], names: dict[str, str], *, keep_roles: bool = True) -> list[dict[str, Any]]:
    """Blocks compared: kind, text, number, unit names, role, children (targets apart: the import writes
    qualitative ones)."""
    out = []
    for b in blocks:
        d: dict[str, Any] = {"kind": b.kind, "text": b.text, "number": b.number}
        if keep_roles:
            d["role"] = b.role
        d["unit"] = sorted(names.get(u, u) for u in b.unit_ids)
        d["blocks"] = _plain(b.blocks, names, keep_roles=keep_roles)
        out.append(d)
    return out


def _flat(blocks: list[dict[str, Any]]) -> list[tuple[str, str, Any]]:
    out = []
    for b in blocks:
        out.append((b["kind"], b["text"], b["number"]))
        out += _flat(b["blocks"])
    return out


def imported(path: Path, plan: Plan) -> tuple[Plan, Any]:
    """read_body on the document at *path*, put into a copy of *plan* (head, appendix and the rest kept)."""
    groups, units = appendix_groups(plan), appendix_units(plan)
    body = read_body(read_outline(path), task_groups=groups, units=units)
    data = plan.model_dump(mode="python", exclude_none=True)
    for g in data["task_groups"]:
        for t in g["tasks"]:
            t.pop("body", None)
            t.pop("in_body", None)
    # the appendix's groups as read_body filled them in, with the plan's other task fields
    by_id = {t["id"]: t for g in data["task_groups"] for t in g["tasks"]}
    data["task_groups"] = [{**{k: v for k, v in g.items() if k != "tasks"},
                            "tasks": [{**by_id[t["id"]], **{k: v for k, v in t.items() if k in ("body", "in_body")}}
                                      for t in g["tasks"]]} for g in groups]
    for g in data["task_groups"]:
        if g.get("appendix_title") is None:
            g.pop("appendix_title", None)
    data["units"] = units
    if plan.appendices is not None:
        data.pop("appendix", None)
    data.update({"legal_bases": body.legal_bases, "preamble": body.preamble, "sections": body.sections,
                 "closing": body.closing})
    data.pop("decision", None)
    data.pop("attached", None)
    if body.decision is not None:
        data["decision"] = body.decision
    if body.attached is not None:  # the date its reference line writes is the head's reading (head.reference_date)
        kept = {"ref_date": plan.attached.ref_date} if plan.attached and plan.attached.ref_date else {}
        data["attached"] = {**body.attached, **kept}
    data.pop("reporting", None)
    return Plan.model_validate(data), body


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path]]:
    out = {}
    for name, source in PLANS.items():
        plan = load_plan(source)
        folder = tmp_path_factory.mktemp(name)
        write_plan(plan, folder)
        out[name] = (plan, next(folder.glob("*.docx")))
    return out


def _compare(original: Plan, got: Plan, skip: set[str]) -> list[str]:
    """What differs between the original plan's body and the imported one (ids aside)."""
    problems = []
    names_a = {u.id: u.name for u in original.units}
    names_b = {u.id: u.name for u in got.units}
    if got.legal_bases != original.legal_bases:
        problems.append("legal_bases")
    if got.preamble != original.preamble:
        problems.append("preamble")
    if got.closing != original.closing:
        problems.append("closing")
    keep_roles = "role" not in skip
    parts_a = [(s.title, s.number, s.role if keep_roles else None, s.blocks) for s in original.sections]
    parts_b = [(s.title, s.number, s.role if keep_roles else None, s.blocks) for s in got.sections]
    if original.decision or got.decision:
        da, db = original.decision, got.decision
        if da is None or db is None or (da.authority, da.line) != (db.authority, db.line):
            problems.append("decision")
        else:
            parts_a += [(a.text, a.title, None, a.blocks) for a in da.articles]
            parts_b += [(a.text, a.title, None, a.blocks) for a in db.articles]
    if original.attached != got.attached:
        problems.append("attached")
    if [p[:3] for p in parts_a] != [p[:3] for p in parts_b]:
        problems.append("sections")
    for i, (a, b) in enumerate(zip(parts_a, parts_b)):
        pa = _plain(a[3], names_a, keep_roles=keep_roles)
        pb = _plain(b[3], names_b, keep_roles=keep_roles)
        if "units" in skip:
            for x in (pa, pb):
                _drop_units(x)
        if pa == pb:
            continue
        if "nesting" in skip and _flat(pa) == _flat(pb):
            continue
        problems.append(f"blocks of part {i}")
    groups_a = [(g.title, g.appendix_title, [(t.body_text(), t.in_body) for t in g.tasks]) for g in original.task_groups]
    groups_b = [(g.title, g.appendix_title, [(t.body_text(), t.in_body) for t in g.tasks]) for g in got.task_groups]
    if groups_a != groups_b:
        problems.append("task_groups")
    if "units" not in skip and sorted(u.name for u in original.units) != sorted(u.name for u in got.units):
        problems.append("units")
    return problems


def _drop_units(blocks: list[dict[str, Any]]) -> None:
    for b in blocks:
        b["unit"] = []
        _drop_units(b["blocks"])


@pytest.mark.parametrize("name", list(PLANS))
def test_rendered_plan_body_reads_back(rendered: dict[str, tuple[Plan, Path]], name: str) -> None:
    plan, path = rendered[name]
    got, body = imported(path, plan)
    assert _compare(plan, got, NOT_SHOWN.get(name, set())) == []
    # every target the import writes is qualitative, quotes its paragraph, and is listed for the analyst
    for t in got.targets():
        assert t.kind == "qualitative"
    reasons = [u for u in body.uncertain if u.reason.startswith("chỉ tiêu ghi dạng chữ: gắn compute:")]
    assert len(reasons) == len(got.targets())
    assert all(u.key.startswith(("sections[", "decision.articles[")) for u in reasons)


def test_targets_sit_under_the_specific_targets_heading(rendered: dict[str, tuple[Plan, Path]]) -> None:
    plan, path = rendered["188"]
    got, _ = imported(path, plan)
    quotes = [t.quote for t in got.targets()]
    heading = next(b for s in plan.sections for b in s.blocks if b.role == "specific_targets")
    assert quotes == [b.text.rstrip(" ;.") for b in heading.blocks]


def test_task_groups_are_joined_to_the_appendix(rendered: dict[str, tuple[Plan, Path]]) -> None:
    plan, path = rendered["188"]
    groups, units = appendix_groups(plan), appendix_units(plan)
    body = read_body(read_outline(path), task_groups=groups, units=units)
    content = next(s for s in body.sections if s["title"] == "NỘI DUNG")
    assert content["blocks"][2] == {"heading": "Nhiệm vụ, giải pháp chủ yếu", "blocks": [{"tasks": "all"}]}
    assert groups[0]["title"] == "Tuyên truyền, nâng cao nhận thức về kinh tế tập thể, hợp tác xã"
    assert groups[0]["appendix_title"] == "Tuyên truyền, nâng cao nhận thức về kinh tế tập thể, HTX"
    nv14 = groups[0]["tasks"][3]
    assert nv14["in_body"] is False and "body" not in nv14
    assert "body" not in groups[0]["tasks"][0]  # body wording = appendix text + "."
    assert groups[0]["tasks"][1]["body"].startswith("Tiếp tục đẩy mạnh công tác tuyên truyền sâu rộng các chủ trương ,")


def test_units_named_only_in_the_implementation_section_are_declared(
        rendered: dict[str, tuple[Plan, Path]]) -> None:
    plan, path = rendered["congbot"]
    units: list[dict[str, Any]] = []
    body = read_body(read_outline(path), task_groups=[], units=units)
    assert [u["name"] for u in units] == [u.name for u in plan.units]
    assert len({u["id"] for u in units}) == len(units) and all(u["id"].isascii() for u in units)
    declared = [u for u in body.uncertain if u.reason.startswith("đơn vị chỉ có ở phần tổ chức thực hiện")]
    assert len(declared) == len(units)


def test_a_paragraph_that_cannot_be_placed_is_kept_and_listed(tmp_path: Path) -> None:
    plan = load_plan(PLANS["other"])
    data = plan.model_dump(mode="python", exclude_none=True)
    data["legal_bases"].append({"lead": "Căn cứ", "words": "tình hình thực tế của địa phương", "end": ";"})
    data["legal_bases"][0], data["legal_bases"][1] = data["legal_bases"][1], data["legal_bases"][0]
    data["legal_bases"][0]["end"] = ";"
    data["legal_bases"][1]["end"] = "."
    changed = Plan.model_validate(data)
    write_plan(changed, tmp_path)
    body = read_body(read_outline(next(tmp_path.glob("*.docx"))), task_groups=appendix_groups(changed),
                     units=appendix_units(changed))
    assert body.legal_bases[0] == {"lead": "Căn cứ", "words": "tình hình thực tế của địa phương", "end": ";"}
    assert [b for b in body.legal_bases[1:]] and body.legal_bases[1]["citations"]


# --------------------------------------------------------------------------- typed by a clerk


CLERK = [("188", "typed", False, "table"), ("188", "word", False, "paragraphs"), ("188-sach", "typed", True, "table"),
         ("other", "word", False, "table"), ("other", "typed", True, "paragraphs"), ("ubnd", "typed", False, "table"),
         ("ubnd", "word", True, "paragraphs")]


@pytest.mark.parametrize("name,numbering,breaks,header", CLERK)
def test_clerk_typed_plan_gives_the_same_body(rendered: dict[str, tuple[Plan, Path]], tmp_path: Path, name: str,
                                              numbering: str, breaks: bool, header: str) -> None:
    plan, path = rendered[name]
    typed = clerk_plan(plan_context(plan), tmp_path / "clerk.docx", numbering=numbering, breaks=breaks,
                       header=header)
    ours = read_body(read_outline(path), task_groups=appendix_groups(plan), units=appendix_units(plan))
    clerk = read_body(read_outline(typed), task_groups=appendix_groups(plan), units=appendix_units(plan))
    assert ours.sections and clerk.sections == ours.sections
    assert clerk.legal_bases == ours.legal_bases
    assert clerk.preamble == ours.preamble
    assert clerk.closing == ours.closing


def test_original_data_is_not_changed(rendered: dict[str, tuple[Plan, Path]]) -> None:
    plan, path = rendered["188"]
    before = copy.deepcopy(plan)
    imported(path, plan)
    assert plan == before


# --------------------------------------------------------------------------- nothing dropped


def _texts(blocks: list[dict[str, Any]]) -> list[str]:
    out = []
    for b in blocks:
        out += [v for k, v in b.items() if k in ("heading", "numbered", "lettered", "dash", "plus", "text")]
        out += _texts(b.get("blocks", []))
    return out


def body_texts(body: Any, groups: list[dict[str, Any]]) -> str:
    """Every wording the body read keeps, on one string (bases rendered back)."""
    from baocao.plan.citations import LegalBasis

    parts = [LegalBasis.model_validate(b).text() for b in body.legal_bases]
    parts += [p if isinstance(p, str) else LegalBasis.model_validate(p).text() for p in body.preamble]
    for s in body.sections:
        parts += [s["title"], *_texts(s["blocks"])]
    if body.decision:
        parts += [body.decision["authority"], body.decision.get("line", "QUYẾT ĐỊNH:")]
    for a in (body.decision or {}).get("articles", []):
        parts += [a["text"], *_texts(a.get("blocks", []))]
    for g in groups:
        parts += [g["title"], *(t.get("body", t["text"].rstrip() + ".") for t in g["tasks"])]
    parts.append(body.closing)
    return "\n".join(parts)


@pytest.mark.parametrize("name", list(PLANS))
def test_no_body_paragraph_is_dropped(rendered: dict[str, tuple[Plan, Path]], name: str) -> None:
    plan, path = rendered[name]
    outline = read_outline(path)
    groups = appendix_groups(plan)
    body = read_body(outline, task_groups=groups, units=appendix_units(plan))
    kept = body_texts(body, groups)
    missing = [it.text for it in outline.body if it.text not in kept and not it.text.startswith("Điều ")]
    assert missing == []


def test_a_plain_document_with_a_paragraph_after_the_closing(tmp_path: Path) -> None:
    from tests.docbuild import decree_doc

    path = decree_doc(tmp_path / "kh.docx", body=(
        "Căn cứ Luật Hợp tác xã ngày 20 tháng 11 năm 2012;",
        "Căn cứ tình hình thực tế của tỉnh;",
        "Liên minh HTX tỉnh xây dựng Kế hoạch như sau:",
        "I. MỤC TIÊU",
        "- Thành lập mới 20 hợp tác xã;",
        "- Nâng tỷ lệ hợp tác xã khá, tốt lên 40%.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Phòng Kinh tế",
        "- Tham mưu tổ chức thực hiện Kế hoạch.",
        "Trên đây là Kế hoạch phát triển kinh tế tập thể năm 2021./.",
        "Ghi chú: gửi kèm bản điện tử.",
    ))
    units: list[dict[str, Any]] = []
    body = read_body(read_outline(path), task_groups=[], units=units)
    assert body.legal_bases == [
        {"lead": "Căn cứ", "citations": [{"type": "Luật Hợp tác xã", "date": "20 tháng 11 năm 2012"}], "end": ";"},
        {"lead": "Căn cứ", "words": "tình hình thực tế của tỉnh", "end": ";"}]
    assert body.preamble == ["Liên minh HTX tỉnh xây dựng Kế hoạch như sau:"]
    targets, duties = body.sections
    assert targets["role"] == "specific_targets"
    assert [b["targets"][0]["quote"] for b in targets["blocks"]] == [
        "Thành lập mới 20 hợp tác xã", "Nâng tỷ lệ hợp tác xã khá, tốt lên 40%"]
    assert duties["role"] == "implementation"
    assert duties["blocks"][0]["heading"] == "Phòng Kinh tế" and duties["blocks"][0]["unit"] == units[0]["id"]
    assert units == [{"id": units[0]["id"], "name": "Phòng Kinh tế"}]
    assert body.closing == "Trên đây là Kế hoạch phát triển kinh tế tập thể năm 2021./."
    assert duties["blocks"][-1]["blocks"][-1] == {"text": "Ghi chú: gửi kèm bản điện tử."}
    reasons = [u.reason for u in body.uncertain]
    assert any(r.startswith("đoạn đứng sau câu kết thúc") for r in reasons)
    assert sum(r.startswith("chỉ tiêu ghi dạng chữ") for r in reasons) == 2
    assert any(r.startswith("đơn vị chỉ có ở phần tổ chức thực hiện") for r in reasons)


def test_a_document_without_sections_keeps_everything_as_preamble(tmp_path: Path) -> None:
    from tests.docbuild import decree_doc

    lines = ("Thực hiện chỉ đạo của UBND tỉnh về kinh tế tập thể, Sở báo cáo như sau:",
             "Năm 2021 thành lập mới 20 hợp tác xã.", "Trên đây là báo cáo của Sở./.")
    body = read_body(read_outline(decree_doc(tmp_path / "bc.docx", type_name="BÁO CÁO", body=lines)),
                     task_groups=[], units=[])
    assert body.sections == [] and body.preamble == list(lines)
    assert [u.reason for u in body.uncertain][0].startswith("không thấy các phần I, II, III")


def test_a_decision_without_articles_is_read_as_a_plan(tmp_path: Path) -> None:
    from tests.docbuild import decree_doc

    path = decree_doc(tmp_path / "qd.docx", type_name="QUYẾT ĐỊNH", body=(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "I. MỤC TIÊU",
        "1. Thành lập mới 20 hợp tác xã.", "Trên đây là nội dung./."))
    body = read_body(read_outline(path), task_groups=[], units=[])
    assert body.decision is None
    assert body.legal_bases[0]["citations"][0]["type"] == "Luật Tổ chức chính quyền địa phương"
    assert body.sections[0]["blocks"][0]["numbered"] == "Thành lập mới 20 hợp tác xã."
    assert any(u.reason.startswith("quyết định không có dòng") for u in body.uncertain)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice không có trên máy này")
def test_saved_by_libreoffice_gives_the_same_body(rendered: dict[str, tuple[Plan, Path]], tmp_path: Path) -> None:
    plan, path = rendered["188"]
    typed = clerk_plan(plan_context(plan), tmp_path / "clerk.docx", header="paragraphs", numbering="word")
    (saved,) = saved_by_libreoffice([typed], tmp_path / "lo")
    ours = read_body(read_outline(path), task_groups=appendix_groups(plan), units=appendix_units(plan))
    again = read_body(read_outline(saved), task_groups=appendix_groups(plan), units=appendix_units(plan))
    assert (again.sections, again.legal_bases, again.preamble, again.closing) == (
        ours.sections, ours.legal_bases, ours.preamble, ours.closing)


def test_a_typed_rule_is_layout_and_the_authority_line_follows_it(tmp_path: Path) -> None:
    from tests.docbuild import decree_doc

    path = decree_doc(tmp_path / "qd.docx", type_name="QUYẾT ĐỊNH", body=(
        "____________", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển hợp tác xã năm 2026.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./."))
    body = read_body(read_outline(path), task_groups=[], units=[])
    assert body.decision == {"authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "articles": [
        {"text": "Ban hành kèm theo Quyết định này Kế hoạch phát triển hợp tác xã năm 2026."},
        {"text": "Quyết định này có hiệu lực kể từ ngày ký./."}]}
    assert len(body.legal_bases) == 1 and body.uncertain == []


def test_a_plus_bullet_in_the_symbol_font_is_a_plus(rendered: dict[str, tuple[Plan, Path]], tmp_path: Path) -> None:
    """LibreOffice writes a "+" bullet as the Symbol font's U+F02B."""
    import docx
    from docx.oxml.ns import qn

    plan, path = rendered["188"]
    typed = clerk_plan(plan_context(plan), tmp_path / "clerk.docx", numbering="word")
    document = docx.Document(str(typed))
    for lvl in document.part.numbering_part.element.iter(qn("w:lvl")):
        text = lvl.find(qn("w:lvlText"))
        if lvl.get(qn("w:ilvl")) == "4" and text is not None and text.get(qn("w:val")) == "+":
            text.set(qn("w:val"), "\uf02b")
    document.save(str(typed))
    ours = read_body(read_outline(path), task_groups=appendix_groups(plan), units=appendix_units(plan))
    clerk = read_body(read_outline(typed), task_groups=appendix_groups(plan), units=appendix_units(plan))
    assert clerk.sections == ours.sections


def test_tasks_the_body_does_not_list_as_the_appendix_does_stay_body_items(
        rendered: dict[str, tuple[Plan, Path]]) -> None:
    plan, path = rendered["188"]
    groups = appendix_groups(plan)
    groups[1]["tasks"][0]["text"] = "Một nhiệm vụ khác hẳn, không có trong thân kế hoạch"
    body = read_body(read_outline(path), task_groups=groups, units=appendix_units(plan))
    content = next(s for s in body.sections if s["title"] == "NỘI DUNG")
    listed = content["blocks"][2]["blocks"]
    assert [b["heading"] for b in listed][:1] == ["Tuyên truyền, nâng cao nhận thức về kinh tế tập thể, hợp tác xã"]
    assert all(b["blocks"] and all("dash" in c for c in b["blocks"]) for b in listed)
    assert all(t["in_body"] is False for g in groups for t in g["tasks"])
    assert any(u.reason.startswith("không thấy chỗ thân văn bản liệt kê các nhóm nhiệm vụ") for u in body.uncertain)


def test_a_label_typed_with_another_mark_keeps_it(tmp_path: Path) -> None:
    from tests.docbuild import decree_doc

    path = decree_doc(tmp_path / "kh.docx", body=(
        "I. MỤC ĐÍCH", "a. Thành lập mới 20 hợp tác xã.", "b. Nâng cao chất lượng hoạt động.", "c) Tổng kết.",
        "1) Rà soát hợp tác xã.", "2. Báo cáo kết quả.", "Trên đây là Kế hoạch./."))
    body = read_body(read_outline(path), task_groups=[], units=[])
    assert body.sections[0]["blocks"] == [
        {"lettered": "Thành lập mới 20 hợp tác xã.", "number": "a."},
        {"lettered": "Nâng cao chất lượng hoạt động.", "number": "b."},
        {"lettered": "Tổng kết."},
        {"numbered": "Rà soát hợp tác xã.", "number": "1)"},
        {"numbered": "Báo cáo kết quả."}]


def test_a_table_in_the_body_is_kept_where_it_stands_and_listed(tmp_path: Path) -> None:
    """No word of a table in the body is lost: each row becomes a text block after the paragraph before the
    table (cells joined by " | "), and the table is listed once for the analyst to recast."""
    import docx

    from tests.docbuild import decree_doc

    path = decree_doc(tmp_path / "kh.docx", body=("I. MỤC TIÊU", "1. Chỉ tiêu theo huyện như bảng sau:",
                                                  "2. Báo cáo kết quả.", "Trên đây là Kế hoạch./."))
    document = docx.Document(str(path))
    anchor = next(p for p in document.paragraphs if p.text.startswith("1. Chỉ tiêu"))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Huyện", "Số HTX"
    table.cell(1, 0).text, table.cell(1, 1).text = "Cao Lộc", "5"
    anchor._p.addnext(table._tbl)
    document.save(str(path))
    body = read_body(read_outline(path), task_groups=[], units=[])
    (listed,) = [u for u in body.uncertain if u.reason.startswith("bảng trong thân văn bản")]
    assert listed.text == "Huyện | Số HTX" and listed.where.startswith("bảng ")
    first, second = body.sections[0]["blocks"]  # the rows under the sentence that introduces the table
    assert first["numbered"] == "Chỉ tiêu theo huyện như bảng sau:" and second["numbered"] == "Báo cáo kết quả."
    assert first["blocks"] == [{"text": "Huyện | Số HTX"}, {"text": "Cao Lộc | 5"}]  # no target made of a row


# --------------------------------------------------------------------------- real plans typed differently


REAL_DOCX = sorted((ROOT / "tests" / "fixtures" / "real-plans" / "docx").glob("*.docx"))


@pytest.mark.parametrize("path", REAL_DOCX, ids=lambda p: p.name)
def test_real_plans_typed_in_word_and_libreoffice(path: Path) -> None:
    """The three real decisions as typed by hand (tests/fixtures/real-plans/docx): the body gives the hand-encoded
    plan file's bases, articles, sections and units; every item in order with its wording and number."""
    plan = load_plan(PLANS[next(k for k in ("congbot", "nghean", "sonla") if PLANS[k].stem == path.name.split(".")[0])])
    got, body = imported(path, plan)
    assert (got.legal_bases, got.preamble, got.closing, got.attached) == (
        plan.legal_bases, plan.preamble, plan.closing, plan.attached)
    assert got.decision is not None and plan.decision is not None
    assert got.decision.authority == plan.decision.authority
    assert [a.text for a in got.decision.articles] == [a.text for a in plan.decision.articles]
    assert [(s.title, s.number) for s in got.sections] == [(s.title, s.number) for s in plan.sections]
    assert sorted(u.name for u in got.units) == sorted(u.name for u in plan.units)

    def items(part_blocks: list[Block]) -> list[tuple[str, Any]]:
        return [(text, number) for _kind, text, number in _flat(_plain(part_blocks, {}, keep_roles=False))]

    for a, b in zip([*plan.decision.articles, *plan.sections], [*got.decision.articles, *got.sections]):
        assert items(b.blocks) == items(a.blocks)


def test_the_plan_a_decision_issues_with_its_head_typed_in_tabbed_paragraphs(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from tests.docbuild import decree_doc

    path = decree_doc(tmp_path / "qd.docx", agency=("THỦ TƯỚNG CHÍNH PHỦ",), number="Số: 12/QĐ-TTg",
                      type_name="QUYẾT ĐỊNH", summary="Ban hành Kế hoạch thực hiện Chỉ thị số 14-CT/TW", body=(
                          "THỦ TƯỚNG CHÍNH PHỦ", "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
                          "QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chỉ thị.",
                          "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./."))
    document = docx.Document(str(path))
    for text, centred in (("THỦ TƯỚNG CHÍNH PHỦ\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),
                          ("\t\tĐộc lập - Tự do - Hạnh phúc", False), ("KẾ HOẠCH", True),
                          ("THỰC HIỆN CHỈ THỊ SỐ 14-CT/TW", True),
                          ("(Ban hành kèm theo Quyết định số 12/QĐ-TTg ngày 01 tháng 02 năm 2020 của Thủ tướng "
                           "Chính phủ)", True), ("Triển khai Chỉ thị, Thủ tướng Chính phủ ban hành Kế hoạch như sau:", False),
                          ("I. MỤC ĐÍCH", False), ("1. Quán triệt Chỉ thị.", False),
                          ("Hàng năm, các bộ báo cáo Thủ tướng Chính phủ./.", False)):
        p = document.add_paragraph(text)
        if centred:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.runs[0].bold = True
    document.save(str(path))
    body = read_body(read_outline(path), task_groups=[], units=[])
    assert body.decision is not None and body.decision["authority"] == "THỦ TƯỚNG CHÍNH PHỦ"
    assert [a["text"] for a in body.decision["articles"]] == [
        "Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chỉ thị.", "Quyết định này có hiệu lực kể từ ngày ký./."]
    assert body.attached == {"type": "KH", "title": "THỰC HIỆN CHỈ THỊ SỐ 14-CT/TW"}
    assert body.preamble == ["Triển khai Chỉ thị, Thủ tướng Chính phủ ban hành Kế hoạch như sau:"]
    assert body.sections == [{"title": "MỤC ĐÍCH", "role": "purposes", "blocks": [{"numbered": "Quán triệt Chỉ thị."}]}]
    assert body.closing == "Hàng năm, các bộ báo cáo Thủ tướng Chính phủ./."


def test_a_sentence_before_the_task_groups_stays_before_them(tmp_path: Path) -> None:
    plan = load_plan(PLANS["other"])
    data = plan.model_dump(mode="python", exclude_none=True)
    data["sections"][1]["blocks"].insert(0, {"text": "Các nhiệm vụ cụ thể như sau:"})
    changed = Plan.model_validate(data)
    write_plan(changed, tmp_path)
    groups = appendix_groups(changed)
    body = read_body(read_outline(next(tmp_path.glob("*.docx"))), task_groups=groups, units=appendix_units(changed))
    assert body.sections[1]["blocks"] == [{"text": "Các nhiệm vụ cụ thể như sau:"}, {"tasks": "all"}]
    assert groups[0]["title"] == "Rà soát, củng cố hợp tác xã"
