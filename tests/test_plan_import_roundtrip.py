"""Round trip of every shipped plan: render → import → write YAML → load → render again.

For each plan file the repository ships (the sample plan, its clean copy, the two invented plans and the
two real decisions) the plan document is rendered with the real templates (``write_plan``), imported with
:func:`baocao.plan_import.import_plan`, written as YAML, loaded back, and rendered again:

- the two .docx show the same paragraphs and table cells in the same order (NFC, whitespace normalised);
- the imported plan file equals the original "ids aside" (:func:`comparable`): unit, group, task and target
  ids are replaced by what the document shows (a unit by its name, a task by its place), and the fields a
  plan document does not show are left out of the comparison:

  * ``targets`` (id, quote, label, kind, value, compute, goal, theme, note…): the document shows the
    paragraph a target sits in (compared with the blocks), never where a target's quote starts or ends, its
    label, kind or figures; the import marks the paragraphs of a specific-targets heading for the analyst;
  * ``reporting`` (who compiles the periodic reports, their recipients and themes) and ``data`` (tables of
    the data workbook): used by reports and workbooks, never printed in the plan;
  * a task's ``short`` (the short title reports use);
  * ``role`` of a section, heading or block: the analyst's tag, not printed (the shipped plans tag the same
    heading differently: "TỔ CHỨC THỰC HIỆN" is ``implementation`` in plan_ubnd and untagged in plan_other);
  * ``horizon`` when one of its years is printed nowhere in the document (plan_other covers 2026-2027; the
    document names 2026 only);
  * a unit's ``full_name`` and ``successor``, and any declared unit whose name the document never prints
    (``plan_other`` declares "Phòng Kế hoạch - Tài chính" only as a coordinating unit of a task, and its
    appendix has no coordinating column); a task's ``support`` when no appendix of the plan shows that column;
  * the order in which units are declared (the document shows names, not a declaration order);
  * defaults written out: an appendix ``heading``/``ref_prefix`` equal to what is printed without them,
    ``lead_label`` equal to the lead names joined, a task's ``body`` equal to its ``text`` and ".", column
    widths as printed (the widths that were given and those shared out give the same table).

Blocks are compared in document order, each with its kind, number, wording and units: which item a
following item hangs under is not printed (a dash after a lettered item prints the same whether it is that
item's child or its sibling), and a heading's place in the tree is checked by the paragraphs, whose numbers
("3.1.") follow from it.

Everything else is compared: issuer, document, horizon, legal bases with their citations, preamble,
sections and blocks (kinds, numbers, wording, units marked), task groups and tasks (text, body wording,
in_body, leads by name, timeframe, note), closing, recipients, archive, signer, decision, attached,
appendices (titles, columns, written-out rows).

The same holds for the rendered documents opened and saved again by LibreOffice (styles, list numbering and
tables rewritten by its own .docx writer).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest

from baocao.jobs.plan_docs import write_plan
from baocao.plan.appendices import TASK_HEADERS
from baocao.plan.document import appendix_headings
from baocao.plan.io import load_plan, plan_to_data
from baocao.plan.model import Plan
from baocao.plan.text import place_date_line, reference_line
from baocao.docread import read_outline
from baocao.errors import BaocaoError, InputError
from baocao.plan_import import ImportedPlan, PlanImportError, import_plan
from baocao.plan_import.compare import paragraphs, same_paragraphs
from baocao.plan_import.reader import loadable
from baocao.render.pdf import find_soffice
from baocao.vnformat import join_vi

from conftest import FIXTURES, ROOT
from docbuild import decree_doc, saved_by_libreoffice

SHIPPED = {
    "ke-hoach-188": ROOT / "sample_data" / "ke-hoach-188.yaml",
    "ke-hoach-188-sach": FIXTURES / "ke-hoach-188-sach.yaml",
    "plan_other": FIXTURES / "plan_other.yaml",
    "plan_ubnd": FIXTURES / "plan_ubnd.yaml",
    **{p.stem: p for p in sorted((FIXTURES / "real-plans").glob("*.yaml"))},
}


def render(plan: Plan | Path, out: Path) -> Path:
    write_plan(plan, out)
    return next(out.glob("*.docx"))


# --------------------------------------------------------------------------- "ids aside"


def horizon_printed(plan: Plan, shown: str) -> bool:
    """Whether both years of the plan's horizon are printed somewhere in the document."""
    return all(str(y) in shown for y in (plan.horizon.start, plan.horizon.end))


def comparable(plan: Plan, shown: str, *, horizon: bool = True) -> dict[str, Any]:
    """The plan file's data with ids replaced by what the document shows and the fields a document does not
    show left out (see the module docstring); ``shown`` is the text of the rendered document."""
    data = plan_to_data(plan)
    names = {u.id: u.name for u in plan.units}
    support_shown = any(c[2] == "support" for a in plan.appendix_list() for c in a.table_columns())

    def unit_names(v: Any) -> Any:
        return [names[u] for u in v] if isinstance(v, list) else names.get(v, v)

    def blocks(items: list[dict]) -> list[dict]:
        """The blocks in document order, each without its children (see the module docstring)."""
        out = []
        for b in items:
            flat = {k: v for k, v in b.items() if k not in ("targets", "role", "blocks")}
            if "unit" in flat:
                flat["unit"] = unit_names(flat["unit"])
            out += [flat, *blocks(b.get("blocks", []))]
        return out

    for key in ("reporting", "data", "appendix", "appendices"):
        data.pop(key, None)
    data["units"] = sorted(u.name for u in plan.units if " ".join(u.name.split()) in shown)
    for part in [*data.get("sections", []), *(data.get("decision") or {}).get("articles", [])]:
        part.pop("role", None)
        part["blocks"] = blocks(part.get("blocks", []))
    if not horizon:
        del data["horizon"]
    groups = []
    for g, gd in zip(plan.task_groups, data.get("task_groups", [])):
        gd.pop("id")
        tasks = []
        for t, td in zip(g.tasks, gd.get("tasks", [])):
            td = {k: v for k, v in td.items() if k not in ("id", "short")}
            if td.get("body") == t.text.rstrip() + ".":
                del td["body"]
            td["lead"] = [names[u] for u in t.lead]
            if td.get("lead_label") == join_vi(td["lead"]):
                del td["lead_label"]
            if support_shown and t.support:
                td["support"] = [names[u] for u in t.support]
            else:
                td.pop("support", None)
            tasks.append(td)
        gd["tasks"] = tasks
        groups.append(gd)
    if groups:
        data["task_groups"] = groups
    headings = appendix_headings(plan)
    group_index = {g.id: i for i, g in enumerate(plan.task_groups)}
    data["appendices"] = [{
        "heading": h, "title": a.title,
        "ref_prefix": a.ref_prefix or f"Kèm theo {plan.document.type_word} số",
        "tasks": a.tasks if not isinstance(a.tasks, list) else [group_index[x] for x in a.tasks],
        "columns": [(h2, round(w * 2) / 2, f) for h2, w, f in a.table_columns()] if a.columns else [],
        "rows": [r.model_dump() for r in a.rows],
    } for h, a in zip(headings, plan.appendix_list(), strict=True)]
    return data


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two plain-data trees differ, as "path: a != b" lines."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [x for k in [*a, *(k for k in b if k not in a)]
                for x in differences(a.get(k), b.get(k), f"{path}.{k}" if path else str(k))]
    if isinstance(a, list) and isinstance(b, list):
        out = [x for i, (p, q) in enumerate(zip(a, b)) for x in differences(p, q, f"{path}[{i}]")]
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} phần tử != {len(b)} phần tử")
        return out
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


# --------------------------------------------------------------------------- the round trip


@pytest.fixture(scope="module", params=sorted(SHIPPED))
def trip(request, tmp_path_factory) -> dict[str, Any]:
    name = request.param
    tmp = tmp_path_factory.mktemp(name)
    original = load_plan(SHIPPED[name])
    first = render(original, tmp / "first")
    imported = import_plan(first)
    yaml_file = tmp / "imported.yaml"
    yaml_file.write_text(imported.to_yaml(), encoding="utf-8")
    again = load_plan(yaml_file)
    second = render(again, tmp / "second")
    return {"name": name, "original": original, "first": first, "imported": imported, "again": again,
            "second": second}


def test_the_imported_file_loads_and_renders_the_same_paragraphs(trip):
    assert same_paragraphs(trip["first"], trip["second"]) == []


def test_the_imported_plan_equals_the_original_ids_aside(trip):
    shown = " ".join(paragraphs(trip["first"]))
    keep = horizon_printed(trip["original"], shown)
    assert differences(comparable(trip["original"], shown, horizon=keep),
                       comparable(trip["again"], shown, horizon=keep)) == []


LABEL = re.compile(r"^(?:Điều \d+\.|[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+])\s*")
#: Lines of the Decree-30 layout, not data: the motto, "Nơi nhận:", the task table's default headers.
LAYOUT = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:",
          *TASK_HEADERS.values()}


def strings(data: Any) -> list[str]:
    """Every text value of plain data, whitespace normalised."""
    if isinstance(data, dict):
        return [x for v in data.values() for x in strings(v)]
    if isinstance(data, list):
        return [x for v in data for x in strings(v)]
    return [" ".join(str(data).split())] if isinstance(data, (str, int)) else []


def dropped(source: Path, imported: ImportedPlan) -> list[str]:
    """The lines of the paragraphs and cells of ``source`` (split at line breaks and tabs) found neither in the imported plan file's values (a legal basis
    or a cited preamble as the plan file words it), nor among the Decree-30 layout lines and the lines built
    from those values (number, place and date, reference lines, "Lưu:"), nor in an uncertain item."""
    plan = imported.plan()
    values = strings(imported.data) + [" ".join(b.text().split()) for b in [*plan.legal_bases, *(
        p for p in plan.preamble if not isinstance(p, str))]]
    blob = "\n".join(values)
    listed = " ".join(" ".join(u.text.split()) for u in imported.uncertain)
    built = {" ".join(f"Số: {plan.symbol}".split()), f"Lưu: {plan.archive}.", plan.document.type_name,
             *([plan.decision.line] if plan.decision else []), *(plan.lead_label(t) for t in plan.tasks()),
             *(", ".join(plan.unit(u).name for u in t.support) for t in plan.tasks()),
             " ".join(place_date_line(plan).split()),
             *(" ".join(reference_line(plan, p, written=w).split()) for p, w in (
                 [(a.ref_prefix or f"Kèm theo {plan.document.type_word} số", None) for a in plan.appendix_list()]
                 + ([(plan.attached.ref_prefix or f"Ban hành kèm theo {plan.document.type_word} số",
                      plan.attached.ref_date)] if plan.attached else [])))}
    out = []
    lines = [" ".join(x.split()) for line in read_outline(source).texts() if line.place.page_header is None
             for x in re.split(r"[\n\t]+", line.text) if x.strip()]
    for p in lines:
        text = LABEL.sub("", p, count=1).rstrip(";")
        if p in LAYOUT or p in built or text in built or re.fullmatch(r"[IVX]+|\d+", p):
            continue
        if text and (text in blob or text.rstrip(".") in blob or p in blob) or text[:100] in listed:
            continue
        out.append(p)
    return out


def test_no_paragraph_of_the_document_is_dropped(trip):
    """Every paragraph and cell of the source is in the imported plan file or listed for the analyst."""
    assert dropped(trip["first"], trip["imported"]) == []


def test_the_yaml_lists_every_uncertain_item(trip):
    text = trip["imported"].to_yaml()
    assert all(u.reason in text for u in trip["imported"].uncertain)
    assert text.startswith("# Kế hoạch nhập từ văn bản Word: ")


# --------------------------------------------------------------------------- what import_plan refuses


def test_a_document_that_is_not_a_plan_or_decision_is_refused_in_vietnamese(tmp_path):
    report = decree_doc(tmp_path / "bao-cao.docx", type_name="BÁO CÁO", number="Số: 45/BC-LMHTX",
                        body=("I. KẾT QUẢ", "1. Thành lập mới 25 HTX."))
    with pytest.raises(PlanImportError) as caught:
        import_plan(report)
    message = str(caught.value)
    assert "tệp bao-cao.docx: không phải kế hoạch hoặc quyết định" in message
    assert message.count("bao-cao.docx") == 1  # the file named once
    assert "'BÁO CÁO'" in str(caught.value)
    empty = decree_doc(tmp_path / "trong.docx", body=())
    with pytest.raises(PlanImportError, match="không có nội dung"):
        import_plan(empty)


def test_a_word_97_file_and_a_corrupt_file_are_refused_before_reading(tmp_path):
    old = tmp_path / "ke-hoach.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InputError, match="Word 97-2003"):
        import_plan(old)
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="không phải tệp .docx|bị hỏng"):
        import_plan(broken)


# --------------------------------------------------------------------------- the same after LibreOffice


@pytest.fixture(scope="module")
def resaved(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Each shipped plan rendered, then opened and saved again by LibreOffice (its own .docx writer: styles,
    numbering and tables rewritten); one LibreOffice call for all."""
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) chưa cài")
    tmp = tmp_path_factory.mktemp("lo")
    first = {name: render(load_plan(path), tmp / name) for name, path in SHIPPED.items()}
    (tmp / "src").mkdir()
    for name, path in first.items():
        shutil.copyfile(path, tmp / "src" / f"{name}.docx")
    saved = saved_by_libreoffice(sorted((tmp / "src").glob("*.docx")), tmp / "saved")
    return {p.stem: (first[p.stem], p) for p in saved}


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_a_plan_saved_again_by_libreoffice_imports_the_same(resaved, name, tmp_path):
    first, saved = resaved[name]
    imported = import_plan(saved)
    (tmp_path / "p.yaml").write_text(imported.to_yaml(), encoding="utf-8")
    again = load_plan(tmp_path / "p.yaml")
    assert same_paragraphs(first, render(again, tmp_path / "again")) == []
    original = load_plan(SHIPPED[name])
    shown = " ".join(paragraphs(first))
    keep = horizon_printed(original, shown)
    assert differences(comparable(original, shown, horizon=keep), comparable(again, shown, horizon=keep)) == []


def test_what_the_model_refuses_in_a_guess_is_put_right_and_listed(tmp_path):
    """A target whose quote is not in its paragraph and a unit used but not declared: the file still loads,
    the target is dropped and listed, the unit declared and listed; anything else is refused as a bug."""
    data = import_plan(render(load_plan(SHIPPED["plan_other"]), tmp_path / "r")).data
    block = data["sections"][0]["blocks"][0]
    block["targets"] = [{"id": "t1", "quote": "không có trong câu", "label": "x", "kind": "qualitative"}]
    data["sections"][-1]["blocks"][0]["unit"] = "don_vi_la"
    fixed = loadable(ImportedPlan(tmp_path / "kh.docx", data, []))
    plan = fixed.plan()
    assert plan.sections[0].blocks[0].targets == [] and "don_vi_la" in [u.id for u in plan.units]
    assert [(u.key, u.text) for u in fixed.uncertain] == [("sections[0].blocks[0].targets", "không có trong câu"),
                                                          ("units[2]", "don_vi_la")]
    broken = ImportedPlan(tmp_path / "kh.docx", {**fixed.data, "document": {**fixed.data["document"], "type": "XX"}}, [])
    with pytest.raises(RuntimeError, match="Lỗi của baocao khi nhập kh.docx") as caught:  # a bug, not bad input
        loadable(broken)
    assert not isinstance(caught.value, BaocaoError)


def test_a_bare_plan_without_header_parts_signer_or_closing_still_gives_a_file_that_loads(tmp_path):
    document = docx.Document()
    for text in ("KẾ HOẠCH", "Phát triển hợp tác xã", "1. Thành lập mới hợp tác xã."):
        document.add_paragraph(text)
    document.save(str(tmp_path / "tran.docx"))
    imported = import_plan(tmp_path / "tran.docx")
    plan = imported.plan()
    assert plan.document.summary == "Phát triển hợp tác xã" and plan.preamble == ["1. Thành lập mới hợp tác xã."]
    keys = {u.key for u in imported.uncertain}
    assert {"issuer.name", "issuer.abbreviation", "issuer.short_name", "document.place", "signer", "horizon",
            "units[0]", "sections[0]", "closing"} <= keys
    assert dropped(tmp_path / "tran.docx", imported) == []


def test_a_summary_typed_over_two_lines_and_a_value_with_a_break_give_a_file_that_loads(tmp_path):
    """A clerk breaks a long summary with Shift+Enter: the plan file keeps it on one line (it failed as a bug,
    exit 1, before). Any other one-line value read with a break or a tab is joined, and listed for review."""
    path = decree_doc(tmp_path / "kh.docx", summary="Phát triển kinh tế tập thể\ngiai đoạn 2021-2025",
                      body=("I. MỤC TIÊU", "1. Thành lập mới 25 HTX.", "Trên đây là Kế hoạch./."))
    imported = import_plan(path)
    assert imported.plan().document.summary == "Phát triển kinh tế tập thể giai đoạn 2021-2025"
    data = dict(imported.data, document={**imported.data["document"], "summary": "Phát triển\tkinh tế\nnăm 2021"})
    fixed = loadable(ImportedPlan(path, data, []))
    assert fixed.plan().document.summary == "Phát triển kinh tế năm 2021"
    assert [(u.key, u.text) for u in fixed.uncertain] == [("document.summary", "Phát triển\tkinh tế\nnăm 2021")]
