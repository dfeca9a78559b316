"""Hostile text in every text field of the plan, the data workbook and the return forms (hypothesis).

Each case is either refused at load with a located Vietnamese message (file and key path/line, or
sheet/row/column), or it loads and every document made from it opens (python-docx, openpyxl) and holds
the text exactly (after the documented normalisation: NFC; a cell's lines stripped; a workbook name's
spaces collapsed). CSV outputs parse back to the same (guarded) fields and no cell, nor any line of a
cell, starts with = + - @. Seeded (``derandomize``) and bounded: ``BAOCAO_HOSTILE_EXAMPLES`` sets the
number of examples per test (default 50; the figures in the closing note used 500).
"""

from __future__ import annotations

import copy
import csv
import io
import os
import re
import tempfile
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from baocao.data import TABLES, load_data
from baocao.data import xlsx as workbook_xml
from baocao.data.load import read_raw_sheets
from baocao.errors import InputError
from baocao.fileio.xlsx_cells import MAX_CELL_CHARS, cell_string, excel_escape, read_cell
from baocao.jobs import write_plan
from baocao.plan.io import parse_plan, plan_to_data
from baocao.returns import collect_forms, export_forms
from baocao.returns.form_layout import COLUMNS, FIRST_ROW, HEADERS, SHEET
from baocao.spreadsheet_text import csv_bytes, guard_csv_cell
from baocao.vnformat import norm_space
from baocao.yamlfile import dump_yaml

from conftest import ROOT, SAMPLE_PLAN

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # long examples' repr

EXAMPLES = int(os.environ.get("BAOCAO_HOSTILE_EXAMPLES", "50"))
SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))
OUTCOMES: Counter[str] = Counter()

CONTROLS = [*map(chr, range(0x20)), "\x7f", *map(chr, range(0x80, 0xA0)), "\ud800", "\udfff", "\ufffe", "\uffff"]
PIECES = [
    "&", "<", ">", '"', "'", "]]>", "<w:t>", "</w:p>", "&amp;", "&#x41;", "\\",
    "\x85", "\u2028", "\u2029", "\u00a0", "\u202e", "\u200f", "\u061c", "\u200b", "\ufeff", "עברית", "العربية",
    "e\u0301", "a\u0323\u0302", "\u0301", "ư\u0303", "😀", "𝕏",
    "{{ 7*7 }}", "{_{ 7*7 }_}", "{_% if %_}", "{% for x in y %}", "{%p if 1 %}", "{{r x }}", "{%tr endfor %}",
    "{#", "#}", "}}", "{%", "%}", "{{", "${x}", "%s", "{0}",
    "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "=1+1", "'=x", "_x0007_", "_x005F_x0041_", "_xD800_",
    " ", "  ", "Tỷ lệ xã có HTX", "Phòng CSTT, PT HTX",
]
HOSTILE = st.one_of(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), min_size=1, max_size=8).map("".join),
    st.lists(st.sampled_from(PIECES + CONTROLS), min_size=1, max_size=8).map("".join),
    st.builds(lambda piece, n: piece * n, st.sampled_from(["x", "Đắk ", "{{ a }}", "\x85", "&<"]),
              st.sampled_from([300, 5_000, 25_000])),
)
ENGLISH = re.compile(r"Input should|Value error|should have|mapping values|found unexpected|did not find|"
                     r"could not|Traceback|Error\b|expected", re.I)


@pytest.fixture(scope="module", autouse=True)
def outcomes():
    yield OUTCOMES
    print("\nhostile cases:", dict(sorted(OUTCOMES.items())))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def assert_located(err: InputError, **where: object) -> None:
    """Every problem says where it is and speaks Vietnamese; one is at ``where`` when given."""
    for p in err.problems:
        assert p.file and (p.line is not None or p.row is not None or p.sheet is not None), str(p)
        assert not ENGLISH.search(p.message), p.message
    if where:
        assert any(all(getattr(p, k) == v for k, v in where.items()) for p in err.problems), (where, str(err))


def document_text(path: Path) -> str:
    """Every text of a .docx as python-docx reads it: body paragraphs, table cells, headers and footers."""
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [p.text for t in d.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    for section in d.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            parts += [p.text for p in part.paragraphs]
    return "\n".join(parts)


# --- the plan ------------------------------------------------------------------------------------------
BASE = parse_plan(SAMPLE_PLAN.read_text(encoding="utf-8"), str(SAMPLE_PLAN))
BASE_DATA = plan_to_data(BASE)


def string_paths(value, loc=()):
    if isinstance(value, str):
        yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from string_paths(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from string_paths(item, (*loc, i))


PLAN_PATHS = list(string_paths(BASE_DATA))


def at(value, loc):
    for part in loc:
        value = value[part]
    return value


def value_at(data, loc):
    """The value at ``loc``; "" when left out of the dump because it is the field's default."""
    for part in loc:
        if isinstance(data, dict) and part not in data:
            return ""
        data = data[part]
    return data


def with_value(data, loc, text):
    changed = copy.deepcopy(data)
    at(changed, loc[:-1])[loc[-1]] = text
    return changed


_RENDERED: dict[tuple, bool] = {}


def rendered(loc) -> bool:
    """Whether the plan document shows the field at ``loc`` (a marker is rendered once per field)."""
    if loc not in _RENDERED:
        marker = "QZXMARKQZX"
        try:
            plan = parse_plan(dump_yaml(with_value(BASE_DATA, loc, marker)))
        except InputError:
            _RENDERED[loc] = False
            return False
        with tempfile.TemporaryDirectory() as out:
            (path, *_) = write_plan(plan, out).docx
            _RENDERED[loc] = marker in document_text(path)
    return _RENDERED[loc]


@SETTINGS
@given(loc=st.sampled_from(PLAN_PATHS), text=HOSTILE)
def test_hostile_text_in_any_plan_field(loc, text):
    yaml_text = dump_yaml(with_value(BASE_DATA, loc, text))
    try:
        plan = parse_plan(yaml_text, "kh.yaml")
    except InputError as err:
        assert_located(err)
        OUTCOMES["kế hoạch: từ chối"] += 1
        return
    assert value_at(plan_to_data(plan), loc) == nfc(text)  # kept exactly, or refused above
    with tempfile.TemporaryDirectory() as out:
        (path, *_) = write_plan(plan, out).docx  # opens, or this raises
        shown = document_text(path)
        if rendered(loc):
            assert nfc(text).strip() in shown
            OUTCOMES["kế hoạch: có trong văn bản"] += 1
        if loc[0] == "task_groups" and loc[-1] == "text":  # a task's wording in the unit forms
            task_id = at(BASE_DATA, loc[:-1])["id"]
            for form in export_forms(plan, "2023-H1", Path(out) / "phieu"):
                ws = load_workbook(form)[SHEET]
                for row in ws.iter_rows(min_row=FIRST_ROW):
                    if read_cell(row[0]).text == task_id:
                        assert read_cell(row[2]).text == cell_string(nfc(text))
    OUTCOMES["kế hoạch: giữ nguyên"] += 1


# --- the data workbook ----------------------------------------------------------------------------------
SAMPLE_DATA = ROOT / "sample_data" / "du-lieu-mau.xlsx"
with zipfile.ZipFile(SAMPLE_DATA) as _zf:
    PARTS = workbook_xml.sheet_parts(_zf)
    XML = {name: _zf.read(part) for name, part in PARTS.items()}
TEXT_COLUMNS = [(t, c) for t in TABLES for c in t.columns if c.kind in ("text", "code") and t.sheet in XML]
HEADERS_AT = {name: [norm_space(str(h)).casefold() for h in raw.row(0)]
              for name, (raw, _) in read_raw_sheets(SAMPLE_DATA.read_bytes()).items()}
_ILLEGAL_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def as_excel_stores(text: str) -> str:
    """What Excel writes into the sheet XML for ``text``: ``_xHHHH_`` for what XML cannot hold."""
    text = excel_escape(text)
    text = _ILLEGAL_IN_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def workbook_with(sheet: str, ref: str, text: str) -> bytes:
    """The sample workbook with the inline string cell ``ref`` of ``sheet`` holding ``text``."""
    cell = (b'<c r="' + ref.encode() + b'" t="inlineStr"><is><t xml:space="preserve">'
            + as_excel_stores(text).encode("utf-8") + b"</t></is></c>")
    xml, found = re.subn(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', lambda m: cell, XML[sheet], count=1,
                         flags=re.S)
    if not found:  # a blank cell is not written: add it to its row
        row = re.search(rb"\d+", ref.encode()).group()
        xml = re.sub(rb'(<row r="' + row + rb'"[^>]*>.*?)(</row>)', lambda m: m.group(1) + cell + m.group(2), xml,
                     count=1, flags=re.S)
    out = io.BytesIO()
    with zipfile.ZipFile(SAMPLE_DATA) as zf, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in zf.infolist():
            new.writestr(info, xml if info.filename == PARTS[sheet] else zf.read(info))
    return out.getvalue()


@SETTINGS
@given(column=st.sampled_from(TEXT_COLUMNS), row=st.integers(2, 6), text=HOSTILE)
def test_hostile_text_in_any_workbook_text_cell(column, row, text):
    assume(not re.search("[\ud800-\udfff]", text))  # Excel cannot hold half a UTF-16 pair; calamine reads _xD800_ as typed
    table, col = column
    letter = workbook_xml.column_letters(HEADERS_AT[table.sheet].index(norm_space(col.header).casefold()) + 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "du-lieu.xlsx"
        path.write_bytes(workbook_with(table.sheet, f"{letter}{row}", text))
        try:
            data = load_data(path)
        except InputError as err:
            assert_located(err)
            OUTCOMES["sổ dữ liệu: từ chối"] += 1
            return
    frame = data.tables[table.name]
    (value,) = frame.loc[frame["_row"] == row, col.name]
    expected = norm_space(nfc(text))  # the documented reading of a name or code cell
    assert value == expected if expected else pd.isna(value)  # only spaces: a blank cell
    OUTCOMES["sổ dữ liệu: giữ nguyên"] += 1


# --- the return forms -----------------------------------------------------------------------------------
FILL = [c.key for c in COLUMNS if c.key in ("result", "figures", "difficulties", "proposals")]
FORMS = Path(tempfile.mkdtemp(prefix="baocao-hostile-forms-"))
FORM_FILES = {p.name: p.read_bytes() for p in export_forms(BASE, "2023-H1", FORMS)}


def guarded_lines_ok(field: str) -> bool:
    return not re.search(r"(^|[\r\n])[=+\-@]", field)


@SETTINGS
@given(name=st.sampled_from(sorted(FORM_FILES)), key=st.sampled_from(FILL), text=HOSTILE, render=st.booleans())
def test_hostile_text_in_any_filled_cell_of_a_return_form(name, key, text, render):
    from baocao.jobs import write_report

    assume(len(as_excel_stores(text)) <= MAX_CELL_CHARS)  # longer is not a cell Excel or openpyxl writes
    key = "result" if render else key  # the unit's result is what the report shows
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        forms = folder / "phieu"
        forms.mkdir()
        for file, data in FORM_FILES.items():
            (forms / file).write_bytes(data)
        wb = load_workbook(forms / name)
        ws = wb[SHEET]
        for r in range(FIRST_ROW, ws.max_row + 1):
            ws.cell(r, [c.key for c in COLUMNS].index("status") + 1).value = "đang thực hiện"
        target = ws.cell(FIRST_ROW, [c.key for c in COLUMNS].index(key) + 1)
        target.value = as_excel_stores(text).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        target.data_type = "s"  # typed as text (a formula a unit types is kept as its text, with a note)
        row_id = ws.cell(FIRST_ROW, 1).value
        wb.save(forms / name)
        collected = collect_forms(BASE, "2023-H1", forms)
        mine = [p for p in collected.problems if p.file == name and p.row == FIRST_ROW]
        if mine:
            assert any(p.column == HEADERS[key] and p.sheet == SHEET for p in mine), mine
            assert all(not ENGLISH.search(p.message) for p in mine)
            OUTCOMES["phiếu: từ chối dòng"] += 1
            return
        (result,) = [r for r in collected.results[row_id] if r.file == name]
        expected = cell_string(text)
        assert getattr(result, key) == expected
        table = collected.table()
        raw = csv_bytes(table).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(raw, newline="")))
        assert rows[0] == [guard_csv_cell(h) for h in table.columns]
        assert len(rows) == len(table) + 1  # no record split by a CR or LF inside a cell
        assert [guard_csv_cell(v) for v in table[HEADERS[key]]] == [r[rows[0].index(HEADERS[key])] for r in rows[1:]]
        assert all(guarded_lines_ok(field) for r in rows for field in r)
        if render and result.kind == "task":  # a qualitative target's text is not in the report body
            data = load_data(SAMPLE_DATA)
            done = write_report(BASE, SAMPLE_PLAN, data, "2023-H1", folder / "out", returns_dir=forms, charts="none")
            core = expected.strip().rstrip(".;").strip()
            assert core in document_text(done.docx)
            OUTCOMES["phiếu: có trong báo cáo"] += 1
    OUTCOMES["phiếu: giữ nguyên"] += 1
