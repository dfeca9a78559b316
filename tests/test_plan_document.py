"""The produced plan .docx against the seed: every line in order, every appendix row, both wordings."""

from __future__ import annotations

import docx
import pytest

from baocao.plan.text import plan_context
from baocao.render.docx import render_docx

from conftest import norm
from test_plan_model import _seed_appendix


@pytest.fixture(scope="module")
def produced(tmp_path_factory, plan):
    return docx.Document(str(render_docx("ke-hoach.docx", plan_context(plan),
                                         tmp_path_factory.mktemp("kh") / "ke-hoach.docx")))


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


def test_every_seed_line_in_order_in_the_docx(produced, seed_lines):
    text = "\n".join(_document_order_text(produced))
    pos = 0
    for line in seed_lines:
        if line == "(đã ký)":  # marks a signed copy; the produced document leaves room for the signature
            continue
        found = text.find(line, pos)
        assert found >= 0, f"seed line missing or out of order in the .docx: {line[:100]!r}"
        pos = found + len(line)


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
