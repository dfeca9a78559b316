"""The produced plan .docx against the seed: the same paragraphs in the same order, every appendix row.

The comparison is exact (NFC, whitespace collapsed): every paragraph and table cell of the .docx, in
document order, equals the seed's non-empty lines, with only the header block (which the seed text does
not carry) in front and the "(đã ký)" mark of a signed copy left out. A document that loses, doubles or
reorders any paragraph fails.
"""

from __future__ import annotations

import docx
import pytest

from baocao.plan.text import plan_context
from baocao.render.docx import render_docx

from conftest import norm
from test_plan_model import _seed_appendix


@pytest.fixture(scope="module")
def produced_path(tmp_path_factory, plan):
    return render_docx("ke-hoach.docx", plan_context(plan), tmp_path_factory.mktemp("kh") / "ke-hoach.docx")


@pytest.fixture(scope="module")
def produced(produced_path):
    return docx.Document(str(produced_path))


def _document_order_text(document) -> list[str]:
    """Every paragraph and table cell of the body, in document order (merged cells once)."""
    out: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            out.append("".join(child.xpath(".//w:t/text()")))
        elif child.tag.endswith("}tbl"):
            for tr in child.xpath("./w:tr"):
                for tc in tr.xpath("./w:tc"):
                    out += ["".join(p.xpath(".//w:t/text()")) for p in tc.xpath("./w:p")]
    return [norm(t) for t in out if norm(t)]


SIGNED_MARK = "(đã ký)"  # marks a signed copy; the produced document leaves room for the signature


def expected_paragraphs(plan, seed_lines: list[str]) -> list[str]:
    """What the .docx must hold, in order: the header block, then the seed without the signed mark."""
    from baocao.decree30 import QUOC_HIEU, TIEU_NGU
    from baocao.plan.text import place_date_line, symbol_line

    header = [plan.issuer.parent, plan.issuer.name, QUOC_HIEU, TIEU_NGU, symbol_line(plan), place_date_line(plan)]
    return [norm(h) for h in header if norm(h)] + [line for line in seed_lines if line != SIGNED_MARK]


def differences(got: list[str], expected: list[str]) -> list[str]:
    """Readable differences between two paragraph lists (empty when equal)."""
    import difflib

    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=expected, b=got, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"{op}: expected {[t[:60] for t in expected[a1:a2]]} got {[t[:60] for t in got[b1:b2]]}")
    return out


def test_the_docx_holds_exactly_the_seed_in_order(produced, plan, seed_lines):
    assert differences(_document_order_text(produced), expected_paragraphs(plan, seed_lines)) == []


def test_a_doubled_section_fails_the_seed_comparison(produced_path, plan, seed_lines):
    """Mutant: section II ("NỘI DUNG") copied in after itself must not pass."""
    import copy

    mutant = docx.Document(str(produced_path))
    body = mutant.element.body
    paragraphs = [el for el in body.iterchildren() if el.tag.endswith("}p")]
    texts = [norm("".join(p.xpath(".//w:t/text()"))) for p in paragraphs]
    start, end = texts.index("II. NỘI DUNG"), texts.index("III. TỔ CHỨC THỰC HIỆN (Chi tiết tại phụ lục kèm theo)")
    anchor = paragraphs[end - 1]
    for el in reversed(paragraphs[start:end]):
        anchor.addnext(copy.deepcopy(el))
    diff = differences(_document_order_text(mutant), expected_paragraphs(plan, seed_lines))
    assert len(diff) == 1 and diff[0].startswith("insert")


def test_appendix_table_rows_equal_the_seed(produced, seed_lines):
    table = produced.tables[-1]
    rows = []
    for tr in table.rows[1:]:
        cells = []
        for c in tr.cells:
            if not cells or c._tc is not cells[-1]._tc:
                cells.append(c)
        texts = [norm(c.text) for c in cells]
        rows.append(tuple(texts[:2]) if len(texts) == 2 else tuple(texts[:4]))
    assert rows == _seed_appendix(seed_lines)
    assert [norm(c.text) for c in table.rows[0].cells] == ["Stt", "Nhiệm vụ", "Chủ trì tham mưu",
                                                          "Thời gian thực hiện", "Ghi chú"]
