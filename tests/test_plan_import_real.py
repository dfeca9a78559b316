"""Real plans in Word documents made differently from baocao's templates, imported, rendered and compared.

The documents (tests/fixtures/real-plans/docx/, written by tests/fixtures/real-plans/tools/make_docx.py
from the real texts beside them) are QĐ 773/QĐ-TTg with its attached Kế hoạch, the QĐ of UBND tỉnh
Nghệ An approving a market plan and QĐ 254/QĐ-UBND of the Chủ tịch UBND tỉnh Sơn La with its attached Kế hoạch, each typed with python-docx (direct formatting, Word list numbering,
tables, manual line breaks, runs split, tracked changes left in) and typed in LibreOffice (tabbed header,
LibreOffice lists, saved as .docx by LibreOffice). For each: import → plan file → load → render →
the share of the source's sentences found in the same order (≥ 98%), every paragraph kept somewhere,
and the facts the hand-encoded plan file (the .yaml beside each text) states.

Run with ``-s`` to see the share and the number of items left for the analyst per document.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from realdocs import DOCX_DIR, REAL_PLANS

from baocao.docread import read_outline
from baocao.jobs.plan_docs import write_plan
from baocao.plan.io import load_plan
from baocao.plan_import import import_plan
from baocao.plan_import.compare import by_paragraph, common_order, sentences, sentences_in_order, split_sentences

DOCS = sorted(DOCX_DIR.glob("*.docx"))
#: The typed label at the start of a paragraph ("Điều 1.", "II.", "1.", "a)", "-", "+").
LABEL = re.compile(r"^(?:Điều \d+\.|[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+])\s+")
#: Lines of the Nghệ An text that the document sets as Decree 30 lays them out (make_docx.py says how):
#: the type line and summary run together, "Quyết định" for "QUYẾT ĐỊNH:", the closing without "./.".
#: The Sơn La text runs the agency cell into one line (the document sets it on two: line 0), and writes its
#: header table row by row where the reader reads it column by column ("Số: …" before the motto: line 3).
RECONSTRUCTED = {"nghean-qd-quy-hoach-cho-2010": (0, 6, 44), "congbot-qd-254-ubnd-sonla-bao-ve-bmnn-2023": (0, 3)}


def _name(source: Path) -> str:
    """"nghean-qd-quy-hoach-cho-2010" of "nghean-qd-quy-hoach-cho-2010.word.docx"."""
    return source.name.split(".")[0]


def test_every_real_text_has_both_documents():
    texts = sorted(p.stem for p in REAL_PLANS.glob("*.txt"))
    assert len(texts) >= 2
    assert [p.name for p in DOCS] == sorted(f"{t}.{v}.docx" for t in texts for v in ("libreoffice", "word"))


@pytest.mark.parametrize("source", DOCS, ids=lambda p: p.stem)
def test_the_document_says_the_real_text(source):
    """The fixture is faithful: every sentence of the real text is in the document, in order, except the
    lines the document lays out differently (RECONSTRUCTED). LibreOffice's "+" bullet (written as the
    Symbol font's U+F02B) reads as "+"."""
    lines = (REAL_PLANS / f"{_name(source)}.txt").read_text(encoding="utf-8").splitlines()
    skipped = RECONSTRUCTED.get(_name(source), ())
    text = [s for i, line in enumerate(lines) for s in split_sentences(line) if i not in skipped]
    shown = sentences(source)
    kept = common_order(text, shown)
    assert [s for i, s in enumerate(text) if i not in set(kept)] == []


@pytest.mark.parametrize("source", DOCS, ids=lambda p: p.stem)
def test_the_documents_read_as_decree_30_documents(source):
    outline = read_outline(source)
    assert outline.type_name == "QUYẾT ĐỊNH" and outline.summary
    assert outline.header.type_code == "QĐ" and outline.header.year in (2003, 2018, 2023)
    assert [x.flat for x in outline.header.motto] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                      "Độc lập - Tự do - Hạnh phúc"]
    assert outline.copies and outline.signer


@pytest.mark.parametrize("source", DOCS, ids=lambda p: p.stem)
def test_the_documents_are_made_the_ways_the_issue_lists(source):
    """python-docx: direct formatting, Word list numbering, header table, manual line breaks, runs split,
    tracked changes present; LibreOffice: header in tabbed paragraphs, LibreOffice's list numbering."""
    document = docx.Document(str(source))
    body = document.element.body
    xml = body.xml
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) > 10
    if ".word." in source.name:
        assert {p.style.name for p in document.paragraphs} == {"Normal"}
        assert "<w:ins " in xml and "<w:del " in xml and "<w:br/>" in xml
        assert sum(len(p.runs) > 2 for p in document.paragraphs) > 20
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.tables[0].cell(0, 1).text
    else:
        assert any(p.text.startswith("Số:") and "\t" in p.text for p in document.paragraphs)
        assert not any("CỘNG HÒA" in t.cell(0, 1).text for t in document.tables)


@pytest.fixture(scope="module", params=DOCS, ids=lambda p: p.stem)
def trip(request, tmp_path_factory) -> dict[str, Any]:
    """A real document imported, its plan file written and loaded, and rendered again."""
    source = request.param
    out = tmp_path_factory.mktemp(source.stem.replace(".", "-"))
    imported = import_plan(source)
    plan_file = out / f"{source.stem}.yaml"
    plan_file.write_text(imported.to_yaml(), encoding="utf-8")
    rendered = write_plan(load_plan(plan_file), out / "rendered").docx[0]
    return {"source": source, "imported": imported, "plan_file": plan_file, "rendered": rendered}


def test_the_source_sentences_come_back_in_order(trip, record_property):
    coverage = sentences_in_order(trip["source"], trip["rendered"])
    uncertain = len(trip["imported"].uncertain)
    print(f"\n{trip['source'].name}: {coverage}; {uncertain} mục cần xem lại")
    record_property("share", round(coverage.share, 4))
    record_property("uncertain", uncertain)
    assert coverage.total > 50
    assert coverage.share >= 0.98, coverage.missing


def _strings(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [x for v in data.values() for x in _strings(v)]
    if isinstance(data, list):
        return [x for v in data for x in _strings(v)]
    return [" ".join(str(data).split())] if isinstance(data, (str, int)) else []


def test_no_paragraph_of_the_source_is_lost(trip):
    """Every paragraph and cell of the source is written back by the render, or is a value of the plan
    file (a label typed before it aside), or is listed for the analyst."""
    written = set(sentences(trip["rendered"]))
    values = "\n".join(_strings(yaml.safe_load(trip["plan_file"].read_text(encoding="utf-8"))))
    listed = [" ".join(u.text.split()).rstrip("…") for u in trip["imported"].uncertain]
    lost = []
    for p, own in by_paragraph(trip["source"]):
        text = LABEL.sub("", p, count=1)
        if all(s in written for s in own) or text in values or any(
                x and (x in p or p in x) for x in listed):
            continue
        lost.append(p)
    assert lost == []


def _bullets(data: Any) -> list[tuple[str, str]]:
    """The dash and plus items of plan data, in document order."""
    out: list[tuple[str, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            out += [(key, value)] if key in ("dash", "plus") else _bullets(value)
    elif isinstance(data, list):
        for value in data:
            out += _bullets(value)
    return out


def test_the_import_states_what_the_hand_encoded_plan_states(trip):
    """Against the plan file encoded by hand from the same real text: the decision's authority (not the
    rule typed under the summary), the legal bases, the articles, the signer's position, and every dash
    and plus item with its kind."""
    source = trip["source"]
    hand = yaml.safe_load((REAL_PLANS / f"{_name(source)}.yaml").read_text(encoding="utf-8"))
    got = trip["imported"].data
    assert got["decision"]["authority"] == hand["decision"]["authority"]
    assert len(got["legal_bases"]) == len(hand["legal_bases"])
    assert len(got["decision"]["articles"]) == len(hand["decision"]["articles"])
    assert got["signer"]["position"] == hand["signer"]["position"]
    assert _bullets(got) == _bullets(hand)


@pytest.mark.parametrize("source", [d for d in DOCS if d.name.startswith("congbot-qd-773")], ids=lambda p: p.stem)
def test_the_review_list_names_each_new_unit_once_under_its_reason_and_its_own_heading(source):
    """QĐ 773's "12. Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam: Chủ trì …" names
    three units the plan declares from the implementation part: three items, each naming its unit (not the
    paragraph three times), listed once under their shared reason, and placed under part III, not under the
    "11. Bộ Ngoại giao" heading before it."""
    from baocao.plan_import import import_plan
    from baocao.plan_import.units import NEW_UNIT_REASON

    imported = import_plan(source)
    new_units = [u for u in imported.uncertain if u.reason == NEW_UNIT_REASON]
    shown = [u.text for u in new_units]
    assert len(shown) == len(set(shown))
    radio = [u for u in new_units if u.text.startswith(("Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam",
                                                         "Thông tấn xã Việt Nam"))]
    assert len(radio) == 3 and len({u.where for u in radio}) == 1
    assert "Bộ Ngoại giao" not in radio[0].where and "TỔ CHỨC THỰC HIỆN" in radio[0].where
    review = imported.review_lines()
    assert review.count(f"- {NEW_UNIT_REASON} ({len(new_units)} mục):") == 1
    assert sum(line.startswith("    + ") for line in review) >= len(new_units)
    assert sum(1 for line in review if NEW_UNIT_REASON in line) == 1


@pytest.mark.parametrize("source", [d for d in DOCS if d.name.startswith("congbot-qd-254")], ids=lambda p: p.stem)
def test_the_duties_under_phan_cong_nhiem_vu_are_read_by_unit(source):
    """QĐ 254/QĐ-UBND Sơn La sets the duties by unit under "III. PHÂN CÔNG NHIỆM VỤ" (not "TỔ CHỨC THỰC HIỆN"):
    the part is the implementation part, and its six units ("1. Công an tỉnh" as a heading, "2. Văn phòng UBND
    tỉnh: Phối hợp …" on one line) are declared, each over its own item, as in the hand-encoded file; the
    reference line's short date is kept as written."""
    hand = load_plan(REAL_PLANS / f"{_name(source)}.yaml")
    imported = import_plan(source).data
    part = imported["sections"][2]
    assert (part["title"], part["role"]) == ("PHÂN CÔNG NHIỆM VỤ", "implementation")
    assert [u["name"] for u in imported["units"]] == [u.name for u in hand.units]
    assert imported["attached"]["ref_date"] == hand.attached.ref_date == "17/02/2023"
    names = {u["id"]: u["name"] for u in imported["units"]}
    assert [names[b["unit"]] for b in part["blocks"]] == [hand.unit(b.unit).name for b in hand.sections[2].blocks]
