"""Word documents of real plans, made the ways provinces make them — not from baocao's templates.

The texts are the real ones under tests/fixtures/real-plans/*.txt (one source paragraph a line).
:func:`read_text` turns such a text into :class:`Para` items (the typed label split off: "Điều 1.",
"I.", "1.", "a)", "-", "+"); tests/fixtures/real-plans/tools/make_docx.py says which lines are the
header, the type line, the signer and the attached plan, and writes each document twice:

* :func:`write_word` — python-docx, direct formatting only (every paragraph in Normal, font, size,
  bold and alignment set on it), Word list numbering (``w:numPr``) for headings and items instead of
  typed numbers (typed where Word cannot count the Vietnamese way: a lettered list with "đ)" or
  skipping "f)"), header and signature as two-column tables, some items typed in one paragraph split
  by manual line breaks, every paragraph's text split across several runs (some cut inside a word),
  and a tracked insertion (``w:ins``) and deletion (``w:del``) left in;
* :func:`write_fodt` — a LibreOffice flat ODF text (.fodt): header typed as tab-separated paragraphs
  on tab stops, a rule typed with "_" under the summary, headings and items numbered by LibreOffice
  list styles (``text:list``, numbers and bullets in two lists, each continued across the plain
  paragraphs between its items), signature as a table; :func:`libreoffice_docx` then
  converts it with ``soffice --headless --convert-to docx`` (LibreOffice's own .docx writer).

The generated .docx are committed (tests/fixtures/real-plans/docx/), so the tests need no LibreOffice.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from xml.sax.saxutils import escape

REAL_PLANS = Path(__file__).resolve().parent / "fixtures" / "real-plans"
DOCX_DIR = REAL_PLANS / "docx"

_LABEL = re.compile(r"^(?:(?P<article>Điều \d+\.)|(?P<roman>[IVX]+\.)|(?P<number>\d+\.)|(?P<letter>[a-zđ]\))"
                    r"|(?P<dash>-)|(?P<plus>\+))\s+(?P<text>\S.*)$")
#: List levels from the outside in; a document uses the ones it has.
LEVELS = ("roman", "number", "letter", "dash", "plus")
_WORD_FORMAT = {"roman": ("upperRoman", "%{n}."), "number": ("decimal", "%{n}."), "letter": ("lowerLetter", "%{n})"),
                "dash": ("bullet", "-"), "plus": ("bullet", "+")}
_ODF_FORMAT = {"roman": ("I", "."), "number": ("1", "."), "letter": ("a", ")")}


@dataclass
class Para:
    """One paragraph of a real text: its kind ("text", "center", a list level of LEVELS, "article"),
    the typed label and the text after it."""

    kind: str
    text: str
    label: str = ""
    bold: bool = False
    italic: bool = False
    listed: bool = False  # numbered by the word processor's list (set by :func:`mark_lists`)
    joined: list[str] = field(default_factory=list)  # more items of the same level, after manual line breaks

    @property
    def typed(self) -> str:
        """The paragraph as typed by hand, label included."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass
class RealDoc:
    """A real plan or decision, laid out: header columns, title lines, body, signature, attached plan."""

    name: str
    header: list[tuple[list[str], list[str]]]  # rows of (left, right) lines: (agency, motto), (number, date)
    title: list[Para]
    body: list[Para]
    recipients: list[str]  # "Nơi nhận:" and its lines
    signer: list[str]  # authority and position lines, then the name (after the signing space)
    attached: "RealDoc | None" = None  # the plan a decision issues, with its own header
    tracked: tuple[str, str, str] | None = None  # (paragraph start, text inserted, text deleted before it)


def read_text(lines: list[str]) -> list[Para]:
    """Real-text lines → paragraphs, the typed label split off; headings ("I.", "1." short) bold."""
    out: list[Para] = []
    for line in lines:
        m = _LABEL.match(line)
        if not m:
            out.append(Para("text", line))
            continue
        kind = next(k for k in ("article", *LEVELS) if m.group(k))
        text = m.group("text")
        heading = kind == "roman" or kind == "number" and len(text) < 70 and not text.endswith((".", ";"))
        out.append(Para(kind, text, m.group(kind), bold=heading))
    return out


def mark_lists(paras: list[Para], *, keep_typed: tuple[str, ...] = ()) -> None:
    """Choose the paragraphs the word processor numbers: every heading and item, except a lettered
    run Word cannot count (one with "đ)" or a skipped letter) and the texts listed in ``keep_typed``."""
    run: list[Para] = []

    def close() -> None:
        latin = all(p.label == f"{chr(ord('a') + i)})" for i, p in enumerate(run))
        for p in run:
            p.listed = latin
        run.clear()

    for p in paras:
        if p.kind == "letter":
            run.append(p)
            continue
        if p.kind in ("roman", "number", "article"):
            close()
        p.listed = p.kind in LEVELS and not p.text.startswith(keep_typed)
    close()


def join_items(paras: list[Para], starts: str) -> list[Para]:
    """The items of the same level following the item starting ``starts`` typed into its paragraph
    after manual line breaks (as "- a<br/>- b"), which is left typed."""
    i = next(i for i, p in enumerate(paras) if p.text.startswith(starts))
    first = paras[i]
    j = i + 1
    while j < len(paras) and paras[j].kind == first.kind:
        first.joined.append(paras[j].typed)
        j += 1
    first.listed = False
    return paras[:i + 1] + paras[j:]


def list_levels(paras: list[Para]) -> tuple[list[str], list[str]]:
    """The numbered levels and the bullet levels a body uses, outside in. Bullets are a list of their
    own (the bullet button), so no numbered level is ever skipped: LibreOffice would count a skipped
    level as used ("b)" for the first lettered item after a dash)."""
    used = {p.kind for p in paras if p.listed}
    return [k for k in LEVELS[:3] if k in used], [k for k in LEVELS[3:] if k in used]


def _where(kind: str, levels: tuple[list[str], list[str]]) -> tuple[int, int]:
    """(list 0 numbered / 1 bullets, level in it) of a listed paragraph of ``kind``."""
    which = 0 if kind in levels[0] else 1
    return which, levels[which].index(kind)


# --------------------------------------------------------------------------- python-docx, direct formatting


def _runs(text: str, rng: random.Random) -> list[str]:
    """``text`` cut at a few places (some inside a word), as Word leaves it after edits and spell checks."""
    if len(text) < 12:
        return [text]
    cuts = sorted(rng.sample(range(1, len(text)), min(3, len(text) // 12)))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)]) if text[a:b]]


class _Word:
    def __init__(self, name: str) -> None:
        import docx
        from docx.shared import Cm

        self.document = docx.Document()
        self.rng = random.Random(name)
        self.next_id = 100
        for section in self.document.sections:
            section.top_margin = section.bottom_margin = Cm(2)
            section.left_margin, section.right_margin = Cm(3), Cm(2)
        self.change_id = 1

    def numbering(self, levels: list[str]) -> str:
        """A new multi-level list with ``levels``; returns its numId."""
        from docbuild import add_list

        self.next_id += 1
        xml = ""
        for i, kind in enumerate(levels):
            fmt, text = _WORD_FORMAT[kind]
            xml += (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                    f'<w:lvlText w:val="{text.format(n=i + 1)}"/><w:lvlJc w:val="left"/>'
                    f'<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>')
        return add_list(self.document, str(self.next_id), xml)

    def para(self, container, text: str = "", *, bold: bool = False, italic: bool = False, size: float = 14,
             align: str = "justify", indent: bool = False, label_bold: str = ""):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        p = container.add_paragraph()
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                       "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        p.paragraph_format.space_after = Pt(6)
        if indent:
            p.paragraph_format.first_line_indent = Cm(1)
        pieces = [(label_bold, True)] if label_bold else []
        for i, line in enumerate(text.split("\n")):
            pieces += [("\n", bold)] if i else []
            pieces += [(piece, bold) for piece in _runs(line, self.rng)]
        for piece, strong in pieces:
            if piece == "\n":
                p.runs[-1].add_break()
                continue
            run = p.add_run(piece)
            run.font.name, run.font.size, run.bold, run.italic = "Times New Roman", Pt(size), strong, italic
        return p

    def number(self, p, num_id: str, level: int) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        numpr = OxmlElement("w:numPr")
        ilvl, num = OxmlElement("w:ilvl"), OxmlElement("w:numId")
        ilvl.set(qn("w:val"), str(level))
        num.set(qn("w:val"), num_id)
        numpr.extend([ilvl, num])
        p._p.get_or_add_pPr().insert(0, numpr)

    def track(self, p, inserted: str, deleted: str, label: str = "") -> None:
        """Wrap the run(s) holding ``inserted`` in ``w:ins`` and put ``deleted`` before it in ``w:del``
        (the paragraph's runs rebuilt; a bold ``label`` kept bold)."""
        from copy import deepcopy

        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        text = p.text
        at = text.index(inserted)
        for run in list(p.runs):  # one run per piece: rebuild as before | inserted | after
            run._r.getparent().remove(run._r)
        template = self.para(self.document, "x", bold=True)
        r0 = template.runs[0]._r
        template._p.getparent().remove(template._p)

        def run(s: str, tag: str = "w:t", bold: bool = False):
            r = deepcopy(r0)
            if not bold:
                r.find(qn("w:rPr")).remove(r.find(qn("w:rPr")).find(qn("w:b")))
            t = r.find(qn("w:t"))
            t.text = s
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            if tag != "w:t":
                t.tag = qn(tag)
            return r

        def change(kind: str, r):
            el = OxmlElement(kind)
            el.set(qn("w:id"), str(self.change_id))
            el.set(qn("w:author"), "Chuyên viên")
            el.set(qn("w:date"), "2018-06-20T08:00:00Z")
            self.change_id += 1
            el.append(r)
            return el

        if label:
            p._p.append(run(label, bold=True))
        for piece in _runs(text[len(label):at], self.rng):
            p._p.append(run(piece))
        p._p.append(change("w:del", run(deleted, "w:delText")))
        p._p.append(change("w:ins", run(inserted)))
        p._p.append(run(text[at + len(inserted):]))

    def two_columns(self, rows: list[tuple[list[str], list[str]]], *, size: float = 13,
                    bold_right: int = 2) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        table = self.document.add_table(rows=len(rows), cols=2)
        table.autofit = False
        for (row, column), lines, width in (((r, c), lines, 9.5 if c else 6.5)
                                            for r, pair in enumerate(rows) for c, lines in enumerate(pair)):
            cell = table.cell(row, column)
            cell.width = Cm(width)
            first = cell.paragraphs[0]
            for i, line in enumerate(lines):
                p = first if i == 0 else cell.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if column or not line.startswith(("-", "Nơi")) else None
                run = p.add_run(line)
                run.font.name, run.font.size = "Times New Roman", Pt(size)
                run.bold = row == 0 and (i < bold_right if column else not line.startswith(("-", "Nơi")))


def write_word(doc: RealDoc, path: Path) -> Path:
    """The document typed with python-docx (see the module docstring)."""
    w = _Word(doc.name)
    _word_part(w, doc)
    if doc.attached is not None:
        w.document.add_page_break()
        _word_part(w, doc.attached)
    w.document.save(str(path))
    return path


def _word_part(w: _Word, doc: RealDoc) -> None:
    if doc.header:
        w.two_columns(doc.header)
    for p in doc.title:
        w.para(w.document, p.text, bold=p.bold, italic=p.italic, align="center")
    w.para(w.document, "")  # a blank line under the summary
    levels = list_levels(doc.body)
    num_ids = [w.numbering(kinds) if kinds else "" for kinds in levels]
    for p in doc.body:
        if p.kind == "center":
            w.para(w.document, p.text, bold=p.bold, align="center")
        elif p.kind == "article":
            out = w.para(w.document, " " + p.text, label_bold=p.label, indent=True)
            if doc.tracked and p.text.startswith(doc.tracked[0]):
                w.track(out, doc.tracked[1], doc.tracked[2], p.label)
        elif p.listed:
            which, level = _where(p.kind, levels)
            w.number(w.para(w.document, p.text, bold=p.bold, italic=p.italic), num_ids[which], level)
        else:
            out = w.para(w.document, "\n".join([p.typed, *p.joined]), bold=p.bold, italic=p.italic, indent=True)
            if doc.tracked and p.typed.startswith(doc.tracked[0]):
                w.track(out, doc.tracked[1], doc.tracked[2])
    if doc.recipients or doc.signer:
        w.para(w.document, "")
        w.two_columns([(["\n".join(doc.recipients)] if doc.recipients else [], doc.signer)], size=12, bold_right=99)


# --------------------------------------------------------------------------- LibreOffice (flat ODF → .docx)

_FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xml="http://www.w3.org/XML/1998/namespace"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.15cm" fo:text-align="justify"/>
  <style:text-properties style:font-name="Times New Roman" fo:font-size="14pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
  fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="2cm"/></style:page-layout>
 <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-indent="1cm"/></style:style>
 <style:style style:name="Item1" style:family="paragraph" style:parent-style-name="Standard"
  style:list-style-name="L1"/>
 <style:style style:name="ItemBold1" style:family="paragraph" style:parent-style-name="Standard"
  style:list-style-name="L1"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Item2" style:family="paragraph" style:parent-style-name="Standard"
  style:list-style-name="L2"/>
 <style:style style:name="ItemBold2" style:family="paragraph" style:parent-style-name="Standard"
  style:list-style-name="L2"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Center" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="CenterItalic" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="Tabbed" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="start"><style:tab-stops>
   <style:tab-stop style:position="7cm"/>
  </style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="12pt"/></style:style>
 <style:style style:name="Small" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="start"/><style:text-properties fo:font-size="12pt"/></style:style>
 <style:style style:name="SmallCenter" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="13pt"
  fo:font-weight="bold"/></style:style>
 <style:style style:name="Break" style:family="paragraph" style:parent-style-name="Tabbed">
  <style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 {list_style}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
"""


def _odf_list_style(name: str, levels: list[str]) -> str:
    out = [f'<text:list-style style:name="{name}">']
    for i, kind in enumerate(levels, start=1):
        props = ('<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
                 '<style:list-level-label-alignment text:label-followed-by="space" fo:text-indent="0cm" '
                 'fo:margin-left="0cm"/></style:list-level-properties>')
        if kind in _ODF_FORMAT:
            fmt, suffix = _ODF_FORMAT[kind]
            out.append(f'<text:list-level-style-number text:level="{i}" style:num-format="{fmt}" '
                       f'style:num-suffix="{suffix}" text:display-levels="1">{props}'
                       f'</text:list-level-style-number>')
        else:
            char = "-" if kind == "dash" else "+"
            out.append(f'<text:list-level-style-bullet text:level="{i}" text:bullet-char="{char}">{props}'
                       f'</text:list-level-style-bullet>')
    return "\n".join(out) + "</text:list-style>"


def _odf_p(style: str, text: str) -> str:
    """A paragraph; tabs and line breaks of ``text`` as ODF elements."""
    body = escape(text).replace("\t", "<text:tab/>").replace("\n", "<text:line-break/>")
    return f'<text:p text:style-name="{style}">{body}</text:p>'


class _Odf:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.started: set[int] = set()

    def listed(self, style: str, text: str, which: int, level: int) -> None:
        """A list item at ``level`` (0-based) of list L1 (numbers) or L2 (bullets), the list continued."""
        name = f"L{which + 1}"
        opening = f'<text:list text:style-name="{name}"' + (
            f' text:continue-list="list{which}">' if which in self.started else f' xml:id="list{which}">')
        self.started.add(which)
        inner = f"<text:list-item>{_odf_p(style, text)}</text:list-item>"
        for _ in range(level):  # the levels above it: headers (not counted) holding the nested list
            inner = f"<text:list-header><text:list>{inner}</text:list></text:list-header>"
        self.parts.append(f"{opening}{inner}</text:list>")

    def table(self, left: list[str], right: list[str]) -> None:
        cells = "".join(
            '<table:table-cell office:value-type="string">' + "".join(_odf_p(style, x) for x in lines)
            + "</table:table-cell>" for lines, style in ((left, "Small"), (right, "SmallCenter")))
        self.parts.append('<table:table table:name="Ky"><table:table-column table:number-columns-repeated="2"/>'
                          f"<table:table-row>{cells}</table:table-row></table:table>")


def write_fodt(doc: RealDoc, path: Path) -> Path:
    """The document as a LibreOffice flat ODF text (see the module docstring)."""
    levels = list_levels(doc.body + (doc.attached.body if doc.attached else []))
    odf = _Odf()
    for part_no, part in enumerate([doc, *([doc.attached] if doc.attached else [])]):
        lines = [pair for left, right in part.header for pair in zip_longest(left, right, fillvalue="")]
        for i, (lo, hi) in enumerate(lines):
            style = "Break" if part_no and i == 0 else "Tabbed"
            odf.parts.append(_odf_p(style, f"{lo}\t{hi}" if lo else f"\t{hi}"))
        for p in part.title:
            odf.parts.append(_odf_p("CenterItalic" if p.italic else "Center", p.text))
        odf.parts.append(_odf_p("Center", "_" * 16))  # a rule typed under the summary
        for p in part.body:
            if p.kind == "center":
                odf.parts.append(_odf_p("Center", p.text))
            elif p.kind == "article":
                odf.parts.append(f'<text:p text:style-name="Body"><text:span text:style-name="B">{escape(p.label)}'
                                 f'</text:span> {escape(p.text)}</text:p>')
            elif p.listed:
                which, level = _where(p.kind, levels)
                odf.listed(("ItemBold" if p.bold else "Item") + str(which + 1), p.text, which, level)
            else:
                odf.parts.append(_odf_p("Body", "\n".join([p.typed, *p.joined])))
        if part.recipients or part.signer:
            odf.table(part.recipients, part.signer)
    styles = _odf_list_style("L1", levels[0]) + _odf_list_style("L2", levels[1])
    text = _FODT_HEAD.replace("{list_style}", styles) + "\n".join(odf.parts)
    path.write_text(text + "\n</office:text></office:body></office:document>\n", encoding="utf-8")
    return path


def libreoffice_docx(fodt: Path, out_dir: Path) -> Path:
    """``fodt`` converted to .docx by LibreOffice (``soffice --headless --convert-to docx``)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the LibreOffice variant")
    profile = out_dir / ".lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.absolute().as_uri()}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(fodt)], check=True, capture_output=True,
                   timeout=300)
    shutil.rmtree(profile, ignore_errors=True)
    return out_dir / (fodt.stem + ".docx")
