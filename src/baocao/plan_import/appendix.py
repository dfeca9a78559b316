"""The appendix table(s) of a plan read into task groups, tasks, units and the ``appendix``/``appendices`` keys.

A task table is recognised by its header words (:mod:`baocao.docread.tables`): Stt, Nhiệm vụ, Chủ trì,
Phối hợp, Thời gian, Ghi chú. Group rows ("I", "II", merged across) open a task group; item rows are tasks.
The lead cell (merged down over the rows it leads, or not) is split into units the way plan files declare
them: "Phòng CSTT, PT HTX và Kế hoạch Hỗ trợ" names two units, "Phòng CSTT, PT HTX" and "Phòng Kế hoạch Hỗ
trợ" (a name shortened after "và" is the unit whose name ends so); a cell worded otherwise than the unit names
joined is kept as ``lead_label``. Any other table of an appendix is written out (``columns`` and ``rows``).
"""

from __future__ import annotations

import re
from typing import Any

from baocao.docread.blocks import Cell, Paragraph, Table
from baocao.docread.outline import APPENDIX_HEADING, Appendix, Outline
from baocao.docread.places import Place
from baocao.docread.tables import RoleTable, read_table
from baocao.plan.appendices import TASK_HEADERS, TASK_WIDTHS
from baocao.plan.timeframe import TimeframeError, parse_timeframe
from baocao.text_chars import ascii_fold
from baocao.vnformat import join_vi

from .head import where
from .result import Uncertain, shorten

#: Docread's column roles → the task fields of an appendix column.
FIELDS = {"stt": "stt", "task": "task", "lead": "lead", "partner": "support", "time": "time", "note": "note"}
#: The task table's columns in the classic form (``ke-hoach.docx``): no ``columns`` key then.
CLASSIC = ("stt", "task", "lead", "time", "note")
#: Words a unit's name starts with: after a separator they open a new unit.
HEAD_WORDS = re.compile(
    r"^(Phòng|Văn phòng|Văn Phòng|Sở|Ban|Bộ|UBND|Ủy ban|Uỷ ban|Trung tâm|Quỹ|Chi cục|Cục|Vụ|Liên minh|Liên hiệp|Hội|Đài|"
    r"Báo|Trang|Viện|Trường|Công an|Tòa án|Toà án|Thông tấn|Kho bạc|Ngân hàng|Đoàn|Tỉnh ủy|Huyện ủy|Thành ủy|Các|"
    r"Công ty|Bệnh viện|Thanh tra|Hợp tác xã|HTX|Mặt trận|Chính phủ|Thủ tướng|Cơ quan|Đơn vị|Bảo hiểm|Kiểm toán|"
    r"Hội đồng|Tổng cục|Công đoàn|Thường trực)\b")
_SEPARATORS = re.compile(r"(;\s*|,\s*| và )")
#: Width of a landscape table is read to the half millimetre.
_MM = 0.5


# --------------------------------------------------------------------------- units


def ascii_slug(text: str) -> str:
    """"Phòng Kế hoạch Hỗ trợ" → "phong_ke_hoach_ho_tro"."""
    return re.sub(r"[^a-z0-9]+", "_", ascii_fold(text).lower()).strip("_")


def unit_id(name: str, taken: set[str]) -> str:
    """An ascii id from a unit's name: initials of its words, an acronym kept whole ("Phòng CSTT, PT HTX" →
    "p_cstt_pt_htx"); unique in ``taken`` (case aside)."""
    parts: list[str] = []
    initials = ""
    for word in re.findall(r"[^\W_]+", name):
        if len(word) > 1 and word.isupper():
            if initials:
                parts.append(initials)
                initials = ""
            parts.append(ascii_slug(word))
        else:
            initials += ascii_slug(word[0]) if ascii_slug(word[0]) else ""
    if initials:
        parts.append(initials)
    base = "_".join(p for p in parts if p)[:30].strip("_") or "dv"
    if base[0].isdigit():
        base = "dv_" + base
    ident, n = base, 2
    folded = {t.casefold() for t in taken}
    while ident.casefold() in folded:
        ident, n = f"{base}_{n}", n + 1
    taken.add(ident)
    return ident


def _pieces(text: str) -> tuple[list[str], list[str]]:
    parts = _SEPARATORS.split(text)
    return parts[0::2], parts[1::2]


def _segment(text: str, lexicon: list[str], known: list[str]) -> list[tuple[str, str]]:
    """The units a cell names, each as (name as written, the known name it stands for)."""
    pieces, seps = _pieces(text)
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(pieces):
        match = None
        for j in range(len(pieces) - 1, i - 1, -1):
            run = pieces[i] + "".join(s + p for s, p in zip(seps[i:j], pieces[i + 1:j + 1]))
            if run.strip() in lexicon:
                match = (j, run.strip())
                break
        if match is not None:
            out.append((match[1], match[1]))
            i = match[0] + 1
            continue
        run = pieces[i]
        contraction = _contraction(run.strip(), known) if i > 0 else None
        if contraction:
            out.append((run.strip(), contraction))
            i += 1
            continue
        j = i + 1
        while j < len(pieces) and not _opens_unit(pieces[j].strip(), lexicon, known):
            run += seps[j - 1] + pieces[j]
            j += 1
        out.append((run.strip(), run.strip()))
        i = j
    return [(w, k) for w, k in out if w]


def _opens_unit(piece: str, lexicon: list[str], known: list[str]) -> bool:
    """Whether a piece after a separator starts another unit: an agency word, a shortened known name, or
    the start of a name the table writes whole elsewhere."""
    if HEAD_WORDS.match(piece) or _contraction(piece, known):
        return True
    return any(name.startswith(piece) for name in lexicon)


def _contraction(piece: str, known: list[str]) -> str | None:
    """The known unit a shortened name stands for ("Kế hoạch Hỗ trợ" → "Phòng Kế hoạch Hỗ trợ")."""
    if not piece or HEAD_WORDS.match(piece):
        return None
    found = sorted({k for k in known if k != piece and k.endswith(" " + piece)})
    return found[0] if len(found) == 1 else None


class UnitBook:
    """The units an appendix names, in the order met, with their ids."""

    def __init__(self, cells: list[str]) -> None:
        whole = sorted({c for c in cells if c}, key=len, reverse=True)
        lexicon = list(whole)
        for c in whole:  # a cell that other cells' names compose is several units, not a name
            others = [x for x in lexicon if x != c]
            if len(_segment(c, others, others)) > 1 and all(
                    k in others or HEAD_WORDS.match(k) for _w, k in _segment(c, others, others)):
                lexicon.remove(c)
        self.lexicon = lexicon
        self.units: list[dict[str, str]] = []
        self._ids: dict[str, str] = {}
        self._taken: set[str] = set()

    def split(self, text: str) -> list[str]:
        """The ids of the units a cell names (units declared as met)."""
        names = [k for _w, k in _segment(text, self.lexicon, self.lexicon + [u["name"] for u in self.units])]
        return [self.declare(n) for n in names]

    def declare(self, name: str) -> str:
        if name not in self._ids:
            ident = unit_id(name, self._taken)
            self._ids[name] = ident
            self.units.append({"id": ident, "name": name})
        return self._ids[name]

    def name(self, ident: str) -> str:
        return next(u["name"] for u in self.units if u["id"] == ident)


# --------------------------------------------------------------------------- tables


def _cell_text(cell: Cell | None) -> str:
    """A cell's paragraphs on one line (a task's wording is one paragraph of the plan file)."""
    if cell is None:
        return ""
    return " ".join(x.strip() for x in cell.text.replace("\t", " ").split("\n") if x.strip())


def _tables_of(outline: Outline) -> list[list[Table]]:
    """Every table of each appendix (recognised or not), in order."""
    blocks = outline.document.blocks
    starts = [a.heading.place.paragraph for a in outline.appendices]
    out: list[list[Table]] = [[] for _ in starts]
    current = -1
    for b in blocks:
        if isinstance(b, Paragraph):
            if b.number in starts and b.lines and APPENDIX_HEADING.match(b.lines[0]):
                current = starts.index(b.number)
        elif current >= 0:
            out[current].append(b)
    return out


def _widths(table: Table) -> list[float]:
    try:
        cols = table.element.tblGrid.gridCol_lst
        return [round(c.w.mm / _MM) * _MM if c.w is not None else 0.0 for c in cols]
    except AttributeError:
        return []


def _number(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def _lines(cell: Cell | None) -> list[str]:
    """The non-blank lines of a cell, whitespace collapsed."""
    return [" ".join(x.split()) for x in cell.text.split("\n") if x.strip()] if cell is not None else []


def _columns(fields: list[str | None], headers: list[str], widths: list[float]) -> list[Any]:
    """Columns of an appendix table: a field alone when its header and width are the defaults; the widest
    column left to share what the others leave."""
    widest = max(widths) if widths and len(widths) == len(headers) else None
    out: list[Any] = []
    for i, (f, h) in enumerate(zip(fields, headers)):
        w = widths[i] if widest is not None else None
        col: dict[str, Any] = {}
        if f is not None:
            col["field"] = f
        if f is None or h != TASK_HEADERS.get(f):
            col["header"] = h
        if w is not None and w != widest and not (f is not None and TASK_WIDTHS.get(f) == w):
            col["width"] = _number(w)
        out.append(col["field"] if list(col) == ["field"] else col)
    return out


def _task_table(rt: RoleTable) -> bool:
    return {"task", "lead"} <= set(rt.roles) and set(rt.roles) <= set(FIELDS)


class _Reader:
    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.groups: list[dict[str, Any]] = []
        self.uncertain: list[Uncertain] = []
        cells = [line for a in outline.appendices for rt in a.tables if _task_table(rt) for r in rt.rows
                 if r.kind != "group" for line in _lines(r.cells.get("lead"))]
        self.book = UnitBook(cells)

    def note(self, place: Place, text: str, reason: str, key: str) -> None:
        self.uncertain.append(Uncertain(where(place), shorten(text), reason, key))

    def tasks(self, rt: RoleTable) -> list[str]:
        """Read a task table's rows into groups and tasks; the ids of its groups."""
        ids: list[str] = []
        rows = list(rt.rows)
        for i, row in enumerate(rows):
            if row.kind == "group" or _numbered_group(row, rows[i + 1:]):
                title = _cell_text(row.cells.get("task")) or next(
                    (_cell_text(c) for c in row.cells.values() if c.flat and c.flat != row.stt), "")
                rest = [c.flat for role, c in row.cells.items() if role not in ("stt", "task") and c.flat
                        and c.flat not in (title, row.stt)]
                if rest:
                    self.note(rt.place(row, "task"), " | ".join(rest), "dòng nhóm nhiệm vụ có ghi thêm ở các cột khác: "
                              "tệp kế hoạch không giữ được (nhóm chỉ có tên), xem lại",
                              f"task_groups[{len(self.groups)}]")
                self.groups.append({"id": f"g{len(self.groups) + 1}", "title": title, "tasks": []})
                ids.append(self.groups[-1]["id"])
                continue
            text = _cell_text(row.cells.get("task"))
            if not text and not row.text("lead"):
                if any(c.flat for c in row.cells.values()):
                    self.note(rt.place(row, "stt"), " ".join(c.flat for c in row.cells.values()),
                              "dòng bảng không có nội dung nhiệm vụ: không nhập, xem lại", "task_groups")
                continue
            if not self.groups or not ids:
                self.groups.append({"id": f"g{len(self.groups) + 1}", "title": "", "tasks": []})
                ids.append(self.groups[-1]["id"])
                self.note(rt.place(row, "task"), text, "bảng không có dòng nhóm (I, II…): nhiệm vụ xếp vào một nhóm "
                          "chưa có tên, đặt tên nhóm", f"task_groups[{len(self.groups) - 1}].title")
            self.groups[-1]["tasks"].append(self.task(rt, row, len(self.groups) - 1))
        return ids

    def task(self, rt: RoleTable, row: Any, gi: int) -> dict[str, Any]:
        group = self.groups[gi]
        key = f"task_groups[{gi}].tasks[{len(group['tasks'])}]"
        task: dict[str, Any] = {"id": f"nv{gi + 1}.{len(group['tasks']) + 1}", "text": _cell_text(row.cells.get("task"))}
        lead_cell = _cell_text(row.cells.get("lead"))
        lines = _lines(row.cells.get("lead"))
        lead = list(dict.fromkeys(u for line in lines for u in self.book.split(line)))
        if len(lines) > 1:  # one unit a line: printed again on one line, the names joined
            self.note(rt.place(row, "lead"), " / ".join(lines), "ô chủ trì ghi mỗi đơn vị một dòng: tệp kế hoạch "
                      "in lại trên một dòng, nối tên bằng 'và'", f"{key}.lead")
            lead_cell = join_vi([self.book.name(u) for u in lead])
        if not lead:
            lead = [self.book.declare("Chưa rõ đơn vị chủ trì")]
            self.note(rt.place(row, "lead"), task["text"], "ô chủ trì để trống: ghi đơn vị chủ trì", f"{key}.lead")
        task["lead"] = lead[0] if len(lead) == 1 else lead
        if lead_cell and join_vi([self.book.name(u) for u in lead]) != lead_cell:
            task["lead_label"] = lead_cell
        support = _cell_text(row.cells.get("partner"))
        if support:
            ids = list(dict.fromkeys(u for line in _lines(row.cells.get("partner")) for u in self.book.split(line)))
            task["support"] = ids
            if ", ".join(self.book.name(u) for u in ids) != support:
                self.note(rt.place(row, "partner"), support, "ô phối hợp đọc thành các đơn vị "
                          f"{'; '.join(self.book.name(u) for u in ids)}: kiểm tra lại", f"{key}.support")
        time = _cell_text(row.cells.get("time"))
        try:
            parse_timeframe(time)
            task["timeframe"] = time
        except TimeframeError:
            years = re.findall(r"\b(?:19|20)\d{2}\b", time)
            task["timeframe"] = f"Năm {max(years)}" if years else "Thường xuyên"
            extra = f"Thời gian: {time}" if time else ""
            note = _cell_text(row.cells.get("note"))
            if extra:
                task["note"] = f"{note}\n{extra}" if note else extra
            self.note(rt.place(row, "time"), time or "(trống)", "không đọc được thời gian thực hiện: tạm ghi "
                      f"'{task['timeframe']}'" + (", lời văn gốc chép vào ghi chú" if extra else "")
                      + "; sửa lại", f"{key}.timeframe")
        note_cell = row.cells.get("note")
        if note_cell is not None and note_cell.text.strip() and "note" not in task:
            task["note"] = "\n".join(x.strip() for x in note_cell.text.split("\n") if x.strip())
        return task


def _numbered_group(row: Any, after: list[Any]) -> bool:
    """A row numbered "1" with no lead and no time, followed by rows "1.1", "1.2": a group, not a task."""
    stt = row.stt.rstrip(".")
    following = next((r for r in after if r.stt), None)
    return (bool(stt) and not row.text("lead") and not row.text("time") and following is not None
            and following.stt.startswith(stt + "."))


def _written(table: Table, rt: RoleTable | None) -> dict[str, Any]:
    """A table written out: its header row, then its rows (a row with one cell across: a group row)."""
    header_rows = rt.header_rows if rt is not None else 1
    width = max((c.column + c.span - 1 for row in table.rows for c in row), default=1)
    head = [c for c in table.rows[0] if not c.continued] if table.rows else []
    headers = [_cell_text(c) for c in head]
    rows: list[Any] = []
    for cells in table.rows[header_rows:]:
        if 0 < len(cells) <= 2 and cells[-1].span >= max(2, width - 1) and len(headers) > 2:
            rows.append({"stt": cells[0].flat if len(cells) == 2 else "", "group": _cell_text(cells[-1])})
        elif cells:
            rows.append(["\n".join(x.strip() for x in c.text.split("\n")) for c in cells][:len(headers)]
                        + [""] * max(0, len(headers) - len(cells)))
    return {"columns": _columns([None] * len(headers), headers, _widths(table)), "rows": rows}


def read_task_appendix(outline: Outline) -> tuple[list[dict], list[dict], dict | list | None, list[Uncertain]]:
    """``(task_groups, units, appendix or appendices, uncertain)`` read from the document's appendices."""
    reader = _Reader(outline)
    entries: list[dict[str, Any]] = []
    classic = False
    for appendix, tables in zip(outline.appendices, _tables_of(outline)):
        base = _appendix_head(appendix)
        if not tables:
            reader.note(appendix.heading.place, appendix.heading.flat, "phụ lục không có bảng: phần chữ của phụ lục "
                        "được giữ trong tiêu đề, xem lại", "appendices")
        for table in tables:
            rt = read_table(table, appendix.name)
            if rt is not None and _task_table(rt):
                ids = reader.tasks(rt)
                fields = [FIELDS[role] for role, _c in sorted(rt.roles.items(), key=lambda x: x[1])]
                headers = [_cell_text(rt.table.cell(1, col)) for _r, col in sorted(rt.roles.items(), key=lambda x: x[1])]
                entry = {**base, "tasks": ids}
                if tuple(fields) == CLASSIC and headers == [TASK_HEADERS[f] for f in fields]:
                    classic = True
                else:
                    entry["columns"] = _columns(fields, headers, _widths(table))
                entries.append(entry)
            else:
                entries.append({**base, **_written(table, rt)})
    if not entries:
        return reader.groups, reader.book.units, None, reader.uncertain
    if len(entries) == 1 and classic and entries[0].get("tasks") == [g["id"] for g in reader.groups]:
        one = {k: v for k, v in entries[0].items() if k in ("heading", "title", "ref_prefix")}
        return reader.groups, reader.book.units, one, reader.uncertain
    all_ids = [g["id"] for g in reader.groups]
    task_entries = [e for e in entries if "tasks" in e]
    for e in task_entries:
        if len(task_entries) == 1 and e["tasks"] == all_ids:
            del e["tasks"]  # every group: the default
    return reader.groups, reader.book.units, entries, reader.uncertain


def _appendix_head(appendix: Appendix) -> dict[str, Any]:
    from .head import REFERENCE

    head: dict[str, Any] = {"heading": appendix.heading.flat.rstrip(".:")}
    title = "\n".join(x.flat for x in appendix.title)
    head["title"] = title
    if appendix.reference is not None:
        m = REFERENCE.match(appendix.reference.flat)
        if m:
            head["ref_prefix"] = m.group("prefix").strip()
    return head
