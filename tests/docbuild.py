"""Word documents made the way a clerk makes them, not from baocao's templates (for the reader's tests).

:func:`clerk_plan` types a plan with python-docx from a plan's template context, with direct
formatting only (Normal style, bold and alignment set on each paragraph), and choices that real
documents show: the header in a two-column table or in tab-separated paragraphs, headings and items
numbered by hand ("I.", "1.", "- ") or by Word's list numbering (``numPr``), several items in one
paragraph split by manual line breaks, group rows of the appendix merged across the table, the lead
unit merged down over the rows it leads. :func:`saved_by_libreoffice` round-trips a file through
LibreOffice's own .docx writer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

LIST_ID = "90"
#: Word list levels for a plan: I. / 1. / 1.1. / "-" / "+".
_LEVELS = (("upperRoman", "%1."), ("decimal", "%2."), ("decimal", "%2.%3."), ("bullet", "-"), ("bullet", "+"))
_TYPED = re.compile(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.|[-+])\s+")


def add_list(document, ident: str, levels_xml: str) -> str:
    """Add a multi-level list (``<w:lvl>`` elements ``levels_xml``) as numId ``ident``; returns ``ident``."""
    part = document.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels_xml}</w:abstractNum>')
    first_num = part.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # the schema wants every abstractNum before the first num
    else:
        part.append(abstract)
    part.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{ident}"><w:abstractNumId w:val="{ident}"/></w:num>'))
    return ident


def _numbering(document) -> None:
    """Add one multi-level list (I. / 1. / 1.1. / - / +) to the document's numbering part."""
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/></w:lvl>' for i, (fmt, text) in enumerate(_LEVELS))
    add_list(document, LIST_ID, levels)


def _number(paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl, num = OxmlElement("w:ilvl"), OxmlElement("w:numId")
    ilvl.set(qn("w:val"), str(level))
    num.set(qn("w:val"), LIST_ID)
    numpr.extend([ilvl, num])
    ppr.insert(0, numpr)


def _para(container, text: str = "", *, bold: bool = False, italic: bool = False, size: float = 14,
          center: bool = False):
    p = container.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(text.split("\n")):
        if i:
            p.runs[-1].add_break()
        run = p.add_run(line)
        run.font.name, run.font.size, run.bold, run.italic = "Times New Roman", Pt(size), bold, italic
    return p


def _level(kind: str, text: str) -> int:
    if kind == "h1":
        return 0
    if kind in ("h2", "h3"):
        return 1 if kind == "h2" else 2
    if text.startswith("- "):
        return 3
    if text.startswith("+ "):
        return 4
    return 1 if re.match(r"^\d+\. ", text) else -1


def _header(document, ctx: dict, style: str) -> None:
    doc = ctx["doc"]
    left = [doc["parent"], doc["issuer"], "", doc["symbol"]]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "", doc["place_date"]]
    if style == "table":
        table = document.add_table(rows=2, cols=2)
        for r, (lo, hi) in enumerate(((0, 3), (3, 4))):
            table.cell(r, 0).text = "\n".join(x for x in left[lo:hi] if x)
            table.cell(r, 1).text = "\n".join(x for x in right[lo:hi] if x)
        return
    for lo, hi in zip(left, right):  # one paragraph per line, the two columns split by tabs
        if lo or hi:
            _para(document, f"{lo}\t\t{hi}", size=13)


def clerk_plan(ctx: dict, path: Path, *, header: str = "table", numbering: str = "typed",
               breaks: bool = False) -> Path:
    """Type the plan of template context ``ctx`` into ``path`` (see the module docstring)."""
    document = docx.Document()
    if numbering == "word":
        _numbering(document)
    _header(document, ctx, header)
    doc = ctx["doc"]
    _para(document, doc["type_name"], bold=True, center=True)
    _para(document, doc["summary"], bold=True, center=True)
    _para(document)
    for text in [*ctx["bases"], *ctx["preamble"]]:
        _para(document, text, italic=text.startswith("Căn cứ"))
    pending: list[str] = []
    for para in ctx["body"]:
        kind, text = para["kind"], para["text"]
        level = _level(kind, text)
        if breaks and level == 3 and numbering == "typed":
            pending.append(text)
            continue
        if pending:
            _para(document, "\n".join(pending))
            pending = []
        heading = kind.startswith("h")
        if numbering == "word" and level >= 0:
            _number(_para(document, _TYPED.sub("", text, count=1), bold=heading), level)
        else:
            _para(document, text, bold=heading)
    if pending:
        _para(document, "\n".join(pending))
    _para(document, ctx["closing"])
    signer = ctx["signer"]
    right = [signer["authority"], signer["position"], "", "", "", signer["name"]]
    lines = ["Nơi nhận:", *ctx["recipients"]]
    for i in range(max(len(lines), len(right))):
        lo = lines[i] if i < len(lines) else ""
        hi = right[i] if i < len(right) else ""
        _para(document, f"{lo}\t\t{hi}".strip("\t") if lo else f"\t\t{hi}", size=12)
    document.add_page_break()
    appendix = ctx["appendix"]
    _para(document, appendix["heading"].upper(), bold=True, center=True)
    _para(document, appendix["title"], bold=True, center=True)
    _para(document, appendix["ref"], italic=True, center=True)
    rows = appendix["rows"]
    table = document.add_table(rows=1 + len(rows), cols=5)
    for c, word in enumerate(("STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Ghi chú")):
        table.cell(0, c).text = word
    lead_start = None
    for r, row in enumerate(rows, start=1):
        table.cell(r, 0).text = row["stt"]
        if row["group"]:
            table.cell(r, 1).merge(table.cell(r, 4)).text = row["task"]
            lead_start = None
            continue
        table.cell(r, 1).text = row["task"]
        if lead_start is not None and rows[lead_start - 1]["lead"] == row["lead"]:
            table.cell(lead_start, 2).merge(table.cell(r, 2))  # the same lead unit merged down
        else:
            table.cell(r, 2).text = row["lead"]
            lead_start = r
        table.cell(r, 3).text = row["time"]
        table.cell(r, 4).text = row["note"]
    document.save(str(path))
    return path


def saved_by_libreoffice(sources: list[Path], out_dir: Path) -> list[Path]:
    """The files opened and saved again as .docx by LibreOffice (Writer's own .docx export), in one call."""
    from baocao.render.pdf import find_soffice

    soffice = find_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / "lo-profile"
    subprocess.run([str(soffice), f"-env:UserInstallation={profile.absolute().as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), *map(str, sources)],
                   check=True, capture_output=True, timeout=300)
    shutil.rmtree(profile, ignore_errors=True)
    return [out_dir / src.name for src in sources]


def decree_doc(path: Path, *, agency: tuple[str, ...] = ("UBND TỈNH ĐẮK NÔNG", "LIÊN MINH HTX TỈNH ĐẮK NÔNG"),
               number: str = "Số: 12/KH-LMHTX", place_date: str = "Đắk Nông, ngày 11 tháng 5 năm 2021",
               type_name: str = "KẾ HOẠCH", summary: str = "Phát triển kinh tế tập thể năm 2021",
               addressees: tuple[str, ...] = (), body: tuple[str, ...] = (),
               copies: tuple[str, ...] = ("- Như trên;", "- Lưu: VT."),
               appendix: tuple[tuple[str, ...], ...] | None = None,
               appendix_columns: tuple[str, ...] = ("STT", "Nhiệm vụ", "Chủ trì", "Thời gian", "Ghi chú"),
               appendix_ref: str | None = None, centred: bool = True) -> Path:
    """A small Decree-30 document typed with python-docx: header table, type line, summary, "Kính gửi",
    body paragraphs (labels typed), signature table, and an appendix table when ``appendix`` rows are given.
    ``centred=False``: type line and summary typed left-aligned, the body straight under them (no blank line);
    a summary of several lines is typed one paragraph a line (centred: one paragraph, lines broken)."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "\n".join(agency)
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = number
    table.cell(1, 1).text = place_date
    _para(document, type_name, bold=True, center=centred)
    for line in summary.split("\n") if not centred else [summary]:
        _para(document, line, bold=True, center=centred)
    if centred:
        _para(document)
    if addressees:
        _para(document, "Kính gửi:")
        for line in addressees:
            _para(document, line)
    for text in body:
        _para(document, text)
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "\n".join(["Nơi nhận:", *copies])
    sign.cell(0, 1).text = "GIÁM ĐỐC\n\n\n\nNguyễn Văn A"
    if appendix is not None:
        _para(document, "Phụ lục", bold=True, center=True)
        _para(document, "PHÂN CÔNG THỰC HIỆN", bold=True, center=True)
        if appendix_ref:
            _para(document, appendix_ref, italic=True, center=True)
        rows = document.add_table(rows=1 + len(appendix), cols=len(appendix_columns))
        for c, word in enumerate(appendix_columns):
            rows.cell(0, c).text = word
        for r, cells in enumerate(appendix, start=1):
            for c, value in enumerate(cells):
                rows.cell(r, c).text = value
    document.save(str(path))
    return path
