"""Measure the reading checks (``baocao check``) on a seeded corpus of documents with injected defects.

Clean documents are rendered with the project's jobs from the clean copy of the sample plan
(tests/fixtures/ke-hoach-188-sach.yaml, the seed's slips corrected) and the sample data, unit returns and
narratives: the plan with its appendix, the reports of 2023-H1 and 2023, the 2021-2025 summary issued by
the post-merger Lâm Đồng alliance (its results judged on estimates, "ước thực hiện năm 2025"), and the two
period reports rewritten in other words ("tăng từ 63,3% (cùng kỳ năm trước) lên 71,7%", "cao hơn so với …",
"tăng 02 HTX so với …", "chưa kịp tiến độ (theo lộ trình, đến … cần đạt …)", "bằng …% so với kế hoạch").
Each defect kind of issue 13 is then injected at a random place of a random clean document, one defect per
document, by editing the .docx as a clerk would:

* ``than_phu_luc`` — a task's year changed, a number dropped or a unit changed on one side (body or
  appendix); an appendix row deleted (a body task missing from it); a body task deleted (a row with no task);
* ``trich_dan`` — one citation of a document cited several times given another date, issuer or type; a
  date against the year in the symbol; the "Kèm theo" line given another number or date;
* ``liet_ke`` — an item of a list repeated; a number of the writer's own written another way ("5 HTX" ↔
  "05 HTX", "1,5" → "1.5"; never in the plan's words a report quotes);
* ``so_lieu`` — in the results of the targets (body) and Phụ lục I: "tăng" ↔ "giảm" ("cao hơn" ↔ "thấp hơn")
  flipped; a figure changed (value, last year's, path, share of the plan, estimate); a verdict changed into one
  of another status ("chậm tiến độ", "đúng tiến độ", "đạt mục tiêu", "chưa đạt mục tiêu", "không định lượng"…);
* ``to_chuc`` — a dissolved province or district body in the header, "Kính gửi" or "Nơi nhận" of a document
  issued after 01/7/2025; a pre-merger document re-dated after 01/7/2025.

A defect counts as found when a finding of its kind points at the edited place (or, for a re-dated document,
at its header) and was not already found on the clean document. Clean documents are checked the same way
(plan, engine figures); every finding on them counts as false. Run from the repository root::

    .venv/bin/python tools/mutation_corpus.py [--per-kind 24] [--seed 13] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[1]
CLEAN_PLAN = ROOT / "tests" / "fixtures" / "ke-hoach-188-sach.yaml"
OTHER_PLAN = ROOT / "tests" / "fixtures" / "plan_other.yaml"  # another agency's plan, 2026
SAMPLE = ROOT / "sample_data"

#: Defect kinds → the check codes (prefixes) that catch them.
KINDS: dict[str, tuple[str, ...]] = {
    "than_phu_luc": ("phu_luc.",),
    "trich_dan": ("trich_dan.",),
    "liet_ke": ("liet_ke.", "so_lieu.viet_hai_cach"),
    "so_lieu": ("so_lieu.tang_giam", "so_lieu.danh_gia_ty_le", "so_lieu.danh_gia_lo_trinh", "so_lieu.khac_du_lieu",
                "so_lieu.danh_gia_du_lieu"),
    "to_chuc": ("to_chuc.",),
}
GONE_PROVINCES = ("Đắk Nông", "Bình Thuận", "Hà Giang", "Quảng Nam", "Bình Dương", "Kiên Giang", "Hải Dương",
                  "Nam Định", "Phú Yên", "Kon Tum", "Long An", "Bạc Liêu")
OTHER_ISSUERS = ("Bộ Nội vụ", "Sở Tài chính tỉnh Lâm Đồng", "Liên minh HTX Việt Nam", "Ban Thường vụ Tỉnh ủy",
                 "Bộ Chính trị", "Thủ tướng Chính phủ", "Chính phủ", "UBND tỉnh Lâm Đồng")
OTHER_TYPES = {"Kế hoạch": "Quyết định", "Công văn": "Kế hoạch", "Nghị quyết": "Chỉ thị", "Quyết định": "Kế hoạch",
               "Chương trình": "Kế hoạch", "Kết luận": "Nghị quyết", "Nghị định": "Thông tư", "Báo cáo": "Kế hoạch"}
CITED = re.compile(r"(?P<type>Kế hoạch|Công văn|Nghị quyết|Quyết định|Chương trình|Kết luận|Nghị định|Báo cáo)"
                   r"\s+(?:số:?\s+)?(?P<symbol>\d+(?:/\d{4})?[/-][\w/-]*[A-ZĐ][\w-]*)"
                   r"(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?(?:\s+của\s+(?P<issuer>[^;,.()]+?)(?=\s+về\b|[;,.()]|$))?")


# --------------------------------------------------------------------------- editing a .docx as a clerk would


def set_text(paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping the formatting of its first run."""
    runs = [r for r in paragraph.runs if r.text]
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for r in runs[1:]:
        r.text = ""


@dataclass
class Spot:
    """A paragraph of a document (body or table cell) and the place a finding names for it."""

    place: str  # "đoạn 12" or "bảng 3, hàng 5"
    paragraph: object
    row: object = None  # the python-docx row of a table cell
    table: object = None

    @property
    def text(self) -> str:
        return self.paragraph.text  # type: ignore[attr-defined]


def spots(document) -> list[Spot]:
    """Every paragraph with text: body paragraphs, then table cells (a merged cell once)."""
    out = [Spot(f"đoạn {i}", p) for i, p in enumerate(document.paragraphs, start=1) if p.text.strip()]
    for ti, table in enumerate(document.tables, start=1):
        for ri, row in enumerate(table.rows, start=1):
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                for p in cell.paragraphs:
                    if p.text.strip():
                        out.append(Spot(f"bảng {ti}, hàng {ri}", p, row, table))
    return out


# --------------------------------------------------------------------------- clean documents


@dataclass
class Base:
    """A clean document and what checking it needs."""

    name: str
    path: Path
    assessments: list = field(default_factory=list)
    after_merger: bool = False
    figures: object = None  # the engine's figures, built once


def _merged_narrative(path: Path):
    """The 2021-2025 narrative, issued by the post-merger Lâm Đồng alliance to post-merger bodies."""
    from baocao.plan.model import Issuer
    from baocao.report.narrative import load_narrative

    narrative = load_narrative(path)
    document = narrative.document.model_copy(update={
        "issuer": Issuer(parent="UBND TỈNH LÂM ĐỒNG", name="LIÊN MINH HTX TỈNH LÂM ĐỒNG",
                         short_name="Liên minh HTX tỉnh Lâm Đồng", abbreviation="LMHTX"),
        "place": "Lâm Đồng",
        "recipients": ["Ủy ban nhân dân tỉnh Lâm Đồng", "Liên minh Hợp tác xã Việt Nam"],
        "copies": ["Liên minh HTX Việt Nam khu vực MT-TN (b/c)", "Thường trực Liên minh HTX tỉnh",
                   "Các phòng, ban Liên minh HTX tỉnh"]})
    return narrative.model_copy(update={"document": document})


#: A comparison with last year the way baocao writes it: "(71,7%), tăng so với cùng kỳ năm trước (63,3%)".
_COMPARED = re.compile(r", (tăng|giảm) so với (cùng kỳ năm trước|năm \d{4}) \(([^)]+)\)")
#: A progress verdict with its path: "chậm tiến độ (lộ trình đến 14/6/2023: 72,2%".
_PROGRESS = re.compile(r"(chậm|đúng) tiến độ \(lộ trình ((?:đến [\d/]+|năm \d{4})): ")
#: A share of the plan's target: "đạt 79,6% kế hoạch".
_SHARE = re.compile(r"(đạt|bằng) (\d+(?:,\d+)?%) kế hoạch")


def _compared_otherwise(text: str, m: re.Match, style: int) -> str | None:
    """A comparison with last year in other words: "tăng từ 63,3% (cùng kỳ năm trước) lên 71,7%", "cao hơn
    so với cùng kỳ năm trước (63,3%)", "tăng 2 HTX so với cùng kỳ năm trước (22 HTX)"."""
    from baocao.checks.text import numbers

    word, when, before = m.groups()
    prev = numbers(before)
    now = [n for n in numbers(text[:m.start()]) if prev and n.unit == prev[0].unit and not n.year]
    if not prev or not now:
        return None
    value = now[-1].text.strip() + ("" if prev[0].unit == "%" else " " + before.split(" ", 1)[1])
    if style == 0:
        return f", {word} từ {before} ({when}) {'lên' if word == 'tăng' else 'xuống'} {value}"
    if style == 1 and prev[0].unit not in ("%", "lần") and prev[0].decimals == 0 == now[-1].decimals:
        return f", {word} {abs(int(now[-1].value - prev[0].value)):02d} {before.split(' ', 1)[1]} so với {when} ({before})"
    return f", {'cao hơn' if word == 'tăng' else 'thấp hơn'} so với {when} ({before})"


def _prose(base: Base, out: Path) -> Base:
    """The report with its results rewritten in other words: last year's figure before "lên", a rise as
    "cao hơn" or with its change, "kịp tiến độ (theo lộ trình, … cần đạt …)", "bằng …% so với kế hoạch"."""
    document = docx.Document(str(base.path))
    styles = 0
    for p in document.paragraphs:
        text = p.text
        for m in reversed(list(_COMPARED.finditer(text))):
            new = _compared_otherwise(text, m, styles % 3)
            styles += 1
            if new is not None:
                text = text[:m.start()] + new + text[m.end():]
        text = _PROGRESS.sub(lambda m: f"{'chưa kịp' if m.group(1) == 'chậm' else 'kịp'} tiến độ (theo lộ trình, "
                                       f"{m.group(2)} cần đạt ", text)
        text = _SHARE.sub(lambda m: f"bằng {m.group(2)} so với kế hoạch", text)
        if text != p.text:
            set_text(p, text)
    path = out / f"{base.path.stem}-van-xuoi.docx"
    document.save(str(path))
    return Base(f"{base.name} (viết lại)", path, base.assessments, base.after_merger)


def build_bases(out: Path) -> tuple[list[Base], object]:
    """Render the clean documents into ``out``; returns them and the clean plan."""
    from baocao.data import load_data
    from baocao.jobs import write_plan, write_report
    from baocao.plan.io import load_plan

    plan = load_plan(CLEAN_PLAN)
    (plan_docx,) = write_plan(plan, out, overwrite=True).docx
    (other_docx,) = write_plan(load_plan(OTHER_PLAN), out, overwrite=True).docx
    bases = [Base("kế hoạch", plan_docx), Base("kế hoạch khác", other_docx, after_merger=True)]
    data = load_data(SAMPLE / "du-lieu-mau.xlsx")
    for period in ("2023-H1", "2023", "2021-2025"):
        narrative = SAMPLE / "nhan-dinh" / f"{period}.yaml"
        written = write_report(plan, CLEAN_PLAN, data, period, out, returns_dir=SAMPLE / "bao-cao-don-vi",
                               narrative=_merged_narrative(narrative) if period == "2021-2025" else narrative,
                               charts="none", overwrite=True)
        bases.append(Base(f"báo cáo {period}", written.docx, written.assessments, period == "2021-2025"))
    bases += [_prose(b, out) for b in bases[2:4]]
    return bases, plan


# --------------------------------------------------------------------------- defects


@dataclass
class Mutant:
    kind: str
    how: str
    base: Base
    path: Path
    places: list[str]  # where a finding must point


def _pairs(document) -> list[tuple[Spot, Spot]]:
    """(body paragraph, appendix cell) of each task written the same in both."""
    all_spots = spots(document)
    body = {re.sub(r"^- |\.$", "", s.text.strip()): s for s in all_spots if s.place.startswith("đoạn")}
    return [(body[s.text.strip()], s) for s in all_spots
            if s.place.startswith("bảng") and s.text.strip() in body and len(s.text) > 60]


def _task_defect(document, rng: random.Random) -> tuple[str, list[str]] | None:
    pairs = _pairs(document)
    how = rng.choice(["năm", "bỏ số", "đơn vị", "xóa hàng phụ lục", "xóa nhiệm vụ ở thân"])
    if how in ("năm", "bỏ số", "đơn vị"):
        pattern = {"năm": r"(?<![/\d])(20[0-3]\d)(?![/\d])",
                   "bỏ số": r"(?:từ\s+)?(?<![/\d])\d+(?:\s*[-–]\s*\d+)?\s+(?=HTX|thành viên|tỷ|năm\b)",
                   "đơn vị": r"(?<=\d )(tỷ đồng|HTX|thành viên)"}[how]
        found = [(b, a, m) for b, a in pairs for side in (b, a) for m in re.finditer(pattern, side.text)
                 if side is (b if rng.random() < 0.5 else a)]
        if not found:
            return None
        body, row, m = rng.choice(found)
        side = body if m.string == body.text else row
        text = side.text
        new = {"năm": lambda: str(int(m.group(1)) + rng.choice((-1, 1))),
               "bỏ số": lambda: "",
               "đơn vị": lambda: {"tỷ đồng": "triệu đồng", "HTX": "THT", "thành viên": "cán bộ"}[m.group(1)]}[how]()
        set_text(side.paragraph, text[:m.start()] + new + text[m.end():])
        return how, [body.place, row.place]
    body, row = rng.choice(pairs)
    if how == "xóa hàng phụ lục":
        row.table._tbl.remove(row.row._tr)  # type: ignore[attr-defined]
        return how, [body.place]
    body.paragraph._p.getparent().remove(body.paragraph._p)  # type: ignore[attr-defined]
    return how, [row.place]


def _citation_defect(document, rng: random.Random) -> tuple[str, list[str]] | None:
    all_spots = spots(document)
    mentions = [(s, m) for s in all_spots for m in CITED.finditer(s.text)]
    counts = Counter(m.group("symbol") for _s, m in mentions)
    how = rng.choice(["ngày", "cơ quan", "tên loại", "năm trong ký hiệu", "kèm theo"])
    if how == "kèm theo":
        refs = [s for s in all_spots if s.text.startswith("(Kèm theo")]
        if not refs:
            return None
        spot = rng.choice(refs)
        m = re.search(r"số:? (\d+)/|ngày (\d+) tháng", spot.text)
        if m is None:
            return None
        group = 1 if m.group(1) else 2
        value = int(m.group(group))
        set_text(spot.paragraph, spot.text[:m.start(group)] + str(value + rng.randint(1, 9)) + spot.text[m.end(group):])
        return how, [spot.place]
    if how == "năm trong ký hiệu":
        found = [(s, m) for s, m in mentions if re.match(r"\d+/\d{4}/", m.group("symbol")) and m.group("date")]
    elif how == "cơ quan":
        found = [(s, m) for s, m in mentions if counts[m.group("symbol")] > 1 and m.group("issuer")]
    elif how == "ngày":
        found = [(s, m) for s, m in mentions if counts[m.group("symbol")] > 1 and m.group("date")]
    else:
        found = [(s, m) for s, m in mentions if counts[m.group("symbol")] > 1]
    if not found:
        return None
    spot, m = rng.choice(found)
    text = spot.text
    if how == "ngày" or how == "năm trong ký hiệu":
        d, mo, y = (int(x) for x in m.group("date").split("/"))
        if how == "ngày":
            d = d % 27 + rng.randint(1, 1)
        else:
            y += rng.choice((-1, 1))
        new, (a, b) = f"{d}/{mo}/{y}", m.span("date")
    elif how == "cơ quan":
        old = m.group("issuer").lower()
        new = rng.choice([x for x in OTHER_ISSUERS if x.lower() not in old and old not in x.lower()])
        a, b = m.span("issuer")
    else:
        new, (a, b) = OTHER_TYPES[m.group("type")], m.span("type")
    set_text(spot.paragraph, text[:a] + new + text[b:])
    return how, [spot.place]


def _list_defect(document, rng: random.Random, base: Base) -> tuple[str, list[str]] | None:
    all_spots = spots(document)
    how = rng.choice(["lặp mục", "viết hai cách"])
    if how == "lặp mục":
        found = []
        for s in all_spots:
            for clause in re.split(r";|\.(?:\s|$)", s.text):
                parts = clause.split(", ")
                short = [i for i, p in enumerate(parts) if re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+){0,2}", p.strip())]
                if len(short) >= 3:
                    found.append((s, clause, parts, short))
        if not found:
            return None
        spot, clause, parts, short = rng.choice(found)
        i, j = rng.sample(short, 2)
        new = parts[:j] + [parts[i].strip()] + parts[j:]
        set_text(spot.paragraph, spot.text.replace(clause, ", ".join(new), 1))
        return how, [spot.place]
    own = [s for s in all_spots if s.table is None or not base.name.startswith("báo cáo")]  # not the plan's words
    written = [(s, m) for s in own
               for m in re.finditer(r"(?<![\d/.,])(\d+(?:,\d+)?)(?= (?:HTX|xã|lần|tỷ|THT|LHHTX))", s.text)
               if not _in_goal(s.text, m.start())]
    forms = Counter((m.group(1), s.text[m.end():m.end() + 4]) for s, m in written)
    found = [(s, m) for s, m in written if forms[(m.group(1), s.text[m.end():m.end() + 4])] > 1
             and (len(m.group(1)) == 1 or "," in m.group(1) or re.fullmatch(r"0\d", m.group(1)))]
    if not found:
        return None
    spot, m = rng.choice(found)
    old = m.group(1)
    new = f"0{old}" if len(old) == 1 else old[1:] if re.fullmatch(r"0\d", old) else old.replace(",", ".")
    set_text(spot.paragraph, spot.text[:m.start(1)] + new + spot.text[m.end(1):])
    return how, [spot.place]


#: The verdict phrases of a report and the status each states; a defect replaces one by a phrase of
#: another status (never "đạt" by "vượt": both say the target is met).
_VERDICTS = {"chậm tiến độ": "chậm", "chưa kịp tiến độ": "chậm", "đúng tiến độ": "đúng", "kịp tiến độ": "đúng",
             "chưa đạt mục tiêu": "chưa đạt", "đạt mục tiêu": "đạt", "vượt mục tiêu": "đạt",
             "không đặt mức định lượng": "không định lượng"}
_VERDICT_CELLS = {"Chậm tiến độ": "chậm", "Đúng tiến độ": "đúng", "Chưa đạt": "chưa đạt", "Đạt": "đạt", "Vượt": "đạt",
                  "Không định lượng": "không định lượng"}
_STATED = re.compile(rf"(?<=, )({'|'.join(sorted(_VERDICTS, key=len, reverse=True))})(?=[ .;])")
_FLIPPED = {"tăng": "giảm", "giảm": "tăng", "cao hơn": "thấp hơn", "thấp hơn": "cao hơn"}


def _results(all_spots: list[Spot]) -> list[Spot]:
    """The paragraphs of the targets' results ("1. Kết quả thực hiện các chỉ tiêu" up to the reference to
    Phụ lục I) and the cells of Phụ lục I (the table with "Chỉ tiêu" and "Đánh giá" columns)."""
    body = [s for s in all_spots if s.place.startswith("đoạn")]
    start = next((i for i, s in enumerate(body) if s.text.strip() == "1. Kết quả thực hiện các chỉ tiêu"), len(body))
    end = next((i for i, s in enumerate(body) if i > start and s.text.startswith("(Chi tiết tại Phụ lục I ")), start)
    cells = [s for s in all_spots if s.table is not None and _is_indicator_table(s.table)]
    return body[start + 1:end] + cells


def _is_indicator_table(table) -> bool:
    header = " ".join(c.text for c in table.rows[0].cells)
    return "Chỉ tiêu" in header and "Đánh giá" in header


def _figure_defect(document, rng: random.Random, base: Base) -> tuple[str, list[str]] | None:
    all_spots = spots(document)
    results = _results(all_spots)
    how = rng.choice(["tăng/giảm", "số liệu", "đánh giá"])
    if how == "tăng/giảm":
        found = [(s, m) for s in results for m in re.finditer(r"\b(tăng|giảm|cao hơn|thấp hơn)(?= từ| so với| \d)",
                                                              s.text) if not _in_goal(s.text, m.start())]
        if not found:
            return None
        spot, m = rng.choice(found)
        set_text(spot.paragraph, spot.text[:m.start()] + _FLIPPED[m.group(1)] + spot.text[m.end():])
        return how, [spot.place]
    if how == "số liệu":
        found = [(s, m) for s in results for m in re.finditer(r"(?<![\d/.,])(\d+),(\d+)(?=%| |\)|;|$)", s.text)]
        if not found:
            return None
        spot, m = rng.choice(found)
        step = rng.choice((2, 3))
        whole = int(m.group(1)) + (step if int(m.group(1)) < step or rng.random() < 0.5 else -step)
        set_text(spot.paragraph, spot.text[:m.start()] + f"{whole},{m.group(2)}" + spot.text[m.end():])
        return how, [spot.place]
    found = [(s, m.group(1), m) for s in results for m in _STATED.finditer(s.text)]
    found += [(s, s.text.strip(), None) for s in results if s.table is not None and s.text.strip() in _VERDICT_CELLS]
    if not found:
        return None
    spot, old, m = rng.choice(found)
    if m is None:
        new = rng.choice([v for v, status in _VERDICT_CELLS.items() if status != _VERDICT_CELLS[old]])
        set_text(spot.paragraph, new)
    else:
        new = rng.choice([v for v, status in _VERDICTS.items() if status != _VERDICTS[old] and "không" not in v])
        set_text(spot.paragraph, spot.text[:m.start()] + new + spot.text[m.end():])
    return how, [spot.place]


def _in_goal(text: str, at: int) -> bool:
    """Inside the plan's goal a report quotes ("mục tiêu năm 2025: tăng 1,5 lần"): the plan's words."""
    from baocao.checks.text import goal_quotes

    return any(x <= at < y for x, y in goal_quotes(text))


def _authority_defect(document, rng: random.Random, base: Base) -> tuple[str, list[str]] | None:
    all_spots = spots(document)
    gone = rng.choice(GONE_PROVINCES)
    header = [s for s in all_spots if s.place.startswith("bảng 1,")]
    if not base.after_merger:
        line = next((s for s in header if re.search(r", ngày \d+ tháng \d+ năm \d{4}$", s.text)), None)
        if line is None:
            return None
        month = rng.randint(7, 12)
        year = rng.choice((2025, 2026))
        set_text(line.paragraph, re.sub(r"ngày \d+ tháng \d+ năm \d{4}$",
                                        f"ngày {rng.randint(10, 28)} tháng {month} năm {year}", line.text))
        return "ghi ngày sau sắp xếp", sorted({s.place for s in header})
    how = rng.choice(["phần đầu", "kính gửi", "nơi nhận"])
    if how == "phần đầu":
        spot = next((s for s in header if s.text.startswith(("UBND TỈNH", "ỦY BAN NHÂN DÂN TỈNH"))), None)
        new = f"UBND TỈNH {gone.upper()}"
    elif how == "kính gửi":
        spot = next((s for s in all_spots if s.text.startswith("- Ủy ban nhân dân tỉnh")), None)
        new = re.sub(r"tỉnh [^;.]+", f"tỉnh {gone}", spot.text) if spot else ""
    else:
        lines = [s for s in all_spots if s.place.startswith("bảng 2,") and s.text.startswith("- ")
                 and not s.text.startswith(("- Như trên", "- Lưu"))]
        spot = rng.choice(lines) if lines else None
        new = "- " + rng.choice(("UBND huyện Cư Jút", "Sở Kế hoạch và Đầu tư tỉnh Lâm Đồng", f"UBND tỉnh {gone}")) + " (b/c);"
    if spot is None:
        return None
    set_text(spot.paragraph, new)
    return how, [spot.place]


def make_mutant(kind: str, base: Base, rng: random.Random, out: Path, n: int) -> Mutant | None:
    document = docx.Document(str(base.path))
    made = {"than_phu_luc": lambda: _task_defect(document, rng),
            "trich_dan": lambda: _citation_defect(document, rng),
            "liet_ke": lambda: _list_defect(document, rng, base),
            "so_lieu": lambda: _figure_defect(document, rng, base),
            "to_chuc": lambda: _authority_defect(document, rng, base)}[kind]()
    if made is None:
        return None
    how, places = made
    path = out / f"{kind}-{n:03d}.docx"
    document.save(str(path))
    return Mutant(kind, how, base, path, places)


_BASES_FOR = {
    "than_phu_luc": lambda b: b.name.startswith("kế hoạch"),
    "trich_dan": lambda b: True,
    "liet_ke": lambda b: True,
    "so_lieu": lambda b: b.name.startswith("báo cáo"),
    "to_chuc": lambda b: not b.name.endswith("(viết lại)"),
}


def build_mutants(bases: list[Base], per_kind: int, seed: int, out: Path) -> list[Mutant]:
    """``per_kind`` documents per defect kind, each with one defect at a random place (seeded)."""
    rng = random.Random(seed)
    mutants: list[Mutant] = []
    for kind in KINDS:
        made = 0
        tries = 0
        while made < per_kind and tries < per_kind * 20:
            tries += 1
            base = rng.choice([b for b in bases if _BASES_FOR[kind](b)])
            mutant = make_mutant(kind, base, rng, out, len(mutants))
            if mutant is not None:
                mutants.append(mutant)
                made += 1
    return mutants


# --------------------------------------------------------------------------- measuring


@dataclass
class Figures:
    """What the corpus measured."""

    recall: dict[str, tuple[int, int]]  # kind → (found, documents)
    false_findings: dict[str, int]  # clean document → findings
    missed: list[Mutant] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def false_per_document(self) -> float:
        return sum(self.false_findings.values()) / max(1, len(self.false_findings))

    def lines(self) -> list[str]:
        out = ["Độ nhạy theo loại lỗi (tìm thấy / số văn bản):"]
        for kind, (found, total) in self.recall.items():
            out.append(f"  {kind:<14} {found:>3}/{total:<3} = {100 * found / max(1, total):5.1f}%")
        out.append(f"Phát hiện sai trên văn bản sạch: {self.false_per_document:.2f} / văn bản "
                   f"({sum(self.false_findings.values())} trên {len(self.false_findings)} văn bản)")
        for name, n in self.false_findings.items():
            out.append(f"  {name}: {n}")
        for m in self.missed:
            out.append(f"  bỏ sót: {m.kind} ({m.how}) trong {m.base.name} tại {', '.join(m.places)} — {m.path.name}")
        return out


def check(path: Path, plan, base: Base):
    """Every check on ``path``, as ``baocao report`` runs them (the engine's figures built once per base)."""
    from baocao.checks.catalog import CHECKS
    from baocao.checks.figures import Figures
    from baocao.checks.finding import CheckContext
    from baocao.docread.outline import read_outline

    if base.figures is None and base.assessments:
        base.figures = Figures.from_assessments(base.assessments, plan)
    return CHECKS.run(CheckContext(read_outline(path), plan=plan, figures=base.figures))


def measure(bases: list[Base], mutants: list[Mutant], plan) -> Figures:
    """Check every clean document and every mutant; recall per kind, findings per clean document."""
    clean = {b.name: check(b.path, plan if b.name != "kế hoạch khác" else None, b) for b in bases}
    recall: dict[str, list[int]] = {k: [0, 0] for k in KINDS}
    missed = []
    for m in mutants:
        before = {(f.rule, f.where, f.message) for f in clean[m.base.name]}
        findings = [f for f in check(m.path, plan if m.base.name != "kế hoạch khác" else None, m.base) if (f.rule, f.where, f.message) not in before]
        hit = any(f.rule.startswith(KINDS[m.kind]) and any(
            f.where.startswith(p) or f.other_where.startswith(p) for p in m.places) for f in findings)
        recall[m.kind][0] += hit
        recall[m.kind][1] += 1
        if not hit:
            missed.append(m)
    return Figures({k: (v[0], v[1]) for k, v in recall.items()}, {n: len(f) for n, f in clean.items()}, missed)


def run(per_kind: int, seed: int, out: Path) -> Figures:
    """Build the corpus in ``out`` and measure it."""
    start = time.perf_counter()
    bases, plan = build_bases(out)
    mutants = build_mutants(bases, per_kind, seed, out)
    figures = measure(bases, mutants, plan)
    figures.seconds = time.perf_counter() - start
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=24, help="văn bản có lỗi cho mỗi loại lỗi (mặc định 24)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep", type=Path, help="giữ các văn bản trong thư mục này")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        figures = run(args.per_kind, args.seed, args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            figures = run(args.per_kind, args.seed, Path(tmp))
    print("\n".join(figures.lines()))
    print(f"Thời gian: {figures.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
