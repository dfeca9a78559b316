"""Two Word documents compared by what a reader reads: paragraphs, and sentences in order.

Used to judge an import: the source document and the document rendered from the imported plan file
should say the same things in the same order. Nothing here depends on how either document was made
(styles or direct formatting, typed or Word list numbers, header in a table or in tabbed paragraphs):
both are read through :func:`baocao.docread.read_blocks`, which draws Word's list labels, shows
tracked changes as accepted and resolves merged cells.

* :func:`paragraphs` — every non-blank paragraph and table cell, in document order;
* :func:`sentences` — those cut into the sentences a reader checks one by one (rule below);
  :func:`by_paragraph` — each paragraph with its sentences;
* :func:`sentences_in_order` — how many source sentences the other document has in the same order
  (a longest common subsequence, exact), and which are missing;
* :func:`same_paragraphs` — the paragraph differences as unified-diff lines, ``[]`` when the same.

Reading order for sentences. The header and the signature are two columns side by side, typed as
a small table or as paragraphs whose columns are split by tabs; a reader reads the left column, then
the right one. So a table of two grid columns and at most four rows, and a run of paragraphs typed
"LEFT<tab>RIGHT" (short texts, the left one not a label), are read column by column; so the same
header reads the same whichever way it was typed. Every other table is read row by row.

Sentence rule. A paragraph or cell is first cut into lines at manual line breaks and at tabs. A line
is then cut after
"; " and after ". " when the next word starts with a capital letter, a digit, a quote or a bracket
(so "hải sản... thúc đẩy" stays whole). A colon ends a sentence only at the end of a line (as it
already does); "./." at the end stays with its sentence. A piece that is only a label ("Điều 1.",
"II.", "a)", "-") or a title abbreviation ("TM.", "KT.") is joined to the piece after it, so a
sentence always carries words; a piece without a letter or digit (a rule typed "_____") is no
sentence. Texts are NFC with whitespace collapsed.
"""

from __future__ import annotations

import difflib
import os
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from ..docread.blocks import Paragraph, Table, flat

#: Where a line may be cut: the blank after ";" or ".".
_CUT = re.compile(r"(?<=[;.]) +")
#: What may open a sentence after ". ": besides a capital letter or a digit.
_OPENERS = "\"“'‘(["
#: The longest text a column of a tabbed header or signature line holds.
_COLUMN_WIDTH = 80
#: A piece that is only a label or a title abbreviation: joined to the piece after it.
_LABEL = re.compile(r"^(?:Điều\s+\d+[.:]?|[IVXLC]+\.|\d+(?:\.\d+)*[.)]?|[a-zđ][.)]|[-+•*]|[A-ZĐ]{1,4}\.)$")


@dataclass
class Coverage:
    """How many source sentences another document has in the same order, and which it lacks."""

    found: int
    total: int
    missing: list[str] = field(default_factory=list)  # source sentences outside the common order

    @property
    def share(self) -> float:
        """Found over total (1.0 for a document without sentences)."""
        return self.found / self.total if self.total else 1.0

    def __str__(self) -> str:
        from ..vnformat import percent

        return f"{percent(100 * self.share)} câu theo đúng thứ tự ({self.found}/{self.total})"


def _texts(path: str | os.PathLike[str]) -> list[str]:
    """Every paragraph and table cell (a merged cell once) as shown, in order; blanks left out."""
    from ..docread import read_blocks

    out: list[str] = []
    for block in read_blocks(path).blocks:
        if isinstance(block, Paragraph):
            texts = [block.text]
        else:
            texts = [cell.text for row in block.rows for cell in row if not cell.continued]
        out += [t for t in texts if t.strip()]
    return out


def _columns(text: str) -> tuple[str, str] | None:
    """``(left, right)`` of a paragraph typed as two columns split by tabs, or ``None``."""
    if "\t" not in text or "\n" in text:
        return None
    left, _, right = (flat(x) for x in text.partition("\t"))
    if not right or len(left) > _COLUMN_WIDTH or len(right) > _COLUMN_WIDTH or _LABEL.match(left):
        return None
    return left, right


def _layout_table(table: Table) -> bool:
    """A header or signature table: two grid columns, at most four rows."""
    width = max((c.column + c.span - 1 for row in table.rows for c in row), default=0)
    return len(table.rows) <= 4 and width == 2


def _reading(path: str | os.PathLike[str]) -> list[str]:
    """The texts of the .docx in reading order: two-column layouts column by column (module docstring)."""
    from ..docread import read_blocks

    out: list[str] = []
    columns: list[tuple[str, str]] = []
    for block in [*read_blocks(path).blocks, None]:
        pair = _columns(block.text) if isinstance(block, Paragraph) else None
        if pair is not None:
            columns.append(pair)
            continue
        out += [x for x, _ in columns if x] + [x for _, x in columns]
        columns = []
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Table):
            cells = [c for row in block.rows for c in row if not c.continued]
            if _layout_table(block):
                cells.sort(key=lambda c: (c.column, c.row))
            out += [c.text for c in cells]
    return [t for t in out if t.strip()]


def paragraphs(path: str | os.PathLike[str]) -> list[str]:
    """Every non-blank paragraph and table cell of the .docx at ``path``, in document order, NFC,
    whitespace (tabs and manual line breaks too) collapsed to single spaces."""
    return [flat(t) for t in _texts(path)]


def _pieces(line: str) -> list[str]:
    """``line`` cut after "; " and after ". " before a capital, digit, quote or bracket."""
    pieces, start = [], 0
    for cut in _CUT.finditer(line):
        after = line[cut.end():cut.end() + 1]
        if line[cut.start() - 1] == ";" or after and (after.isupper() or after.isdigit() or after in _OPENERS):
            pieces.append(line[start:cut.start()])
            start = cut.end()
    return [*pieces, line[start:]]


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph or cell, by the rule in the module docstring."""
    out: list[str] = []
    for line in re.split(r"[\n\t]+", text):
        pending = ""
        for piece in _pieces(flat(line)):
            if not piece:
                continue
            piece = f"{pending} {piece}" if pending else piece
            if _LABEL.match(piece):
                pending = piece
                continue
            if any(c.isalnum() for c in piece):
                out.append(piece)
            pending = ""
        if pending:
            out.append(pending)
    return out


def sentences(path: str | os.PathLike[str]) -> list[str]:
    """The sentences of the .docx at ``path`` in document order (see the module docstring)."""
    return [s for text in _reading(path) for s in split_sentences(text)]


def by_paragraph(path: str | os.PathLike[str]) -> list[tuple[str, list[str]]]:
    """Every paragraph and cell as :func:`paragraphs` gives it, with its sentences (cut before the
    whitespace is collapsed, so the lines of a cell stay apart)."""
    return [(flat(t), split_sentences(t)) for t in _texts(path)]


def common_order(a: list[str], b: list[str]) -> list[int]:
    """Indices into ``a`` of a longest common subsequence of ``a`` and ``b`` (exact, Hunt-Szymanski:
    fast when most items occur once, as sentences of a document do)."""
    where: dict[str, list[int]] = {}
    for j, item in enumerate(b):
        where.setdefault(item, []).append(j)
    tails: list[int] = []  # tails[k]: smallest b-index ending a common subsequence of length k+1
    ends: list[tuple[int, int, object]] = []  # the chain ending at tails[k]: (i, j, previous link)
    for i, item in enumerate(a):
        for j in reversed(where.get(item, ())):
            k = bisect_left(tails, j)
            link = (i, j, ends[k - 1] if k else None)
            if k == len(tails):
                tails.append(j)
                ends.append(link)
            else:
                tails[k], ends[k] = j, link
    found: list[int] = []
    node = ends[-1] if ends else None
    while node is not None:
        found.append(node[0])
        node = node[2]
    return found[::-1]


def sentences_in_order(source: str | os.PathLike[str], rendered: str | os.PathLike[str]) -> Coverage:
    """The sentences of ``source`` that ``rendered`` has in the same order (a longest common
    subsequence), and the ones it lacks, in source order."""
    src, out = sentences(source), sentences(rendered)
    kept = set(common_order(src, out))
    return Coverage(len(kept), len(src), [s for i, s in enumerate(src) if i not in kept])


def same_paragraphs(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> list[str]:
    """The paragraph differences between two .docx as unified-diff lines; ``[]`` when they have the
    same paragraphs in the same order."""
    return list(difflib.unified_diff(paragraphs(a), paragraphs(b), fromfile=Path(a).name,
                                     tofile=Path(b).name, lineterm="", n=1))
