"""Collect filled return forms: read, validate against the plan and period, merge per task.

Reading (:func:`read_form`) touches the file; checking (:func:`check_form`) is a pure function of the
form's cells, the plan's expected rows and the period. A form-level fault (unreadable file, not a
baocao form, unknown unit, other period, other plan, second form of a unit) rejects the whole form
with one problem naming its rows; a row-level fault rejects that row only. Every non-blank row of
every file ends up merged or named in a problem.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BaocaoError, InputError, Problem
from ..fileio.xlsx_cells import MAX_CELL_CHARS, CellText, header_key, read_cell
from ..periods import Period, parse_period, require_within_plan
from ..task_status import STATUSES, normalize_status, task_status
from ..text_chars import refused_message
from ..vnformat import norm_space
from .data_sheets import read_data_sheets
from .export import FormRow, form_rows, slug
from .form_layout import COLUMNS, FILL_KEYS, HEADERS, LOCKED_KEYS, META, META_BY_KEY, SHEET

if TYPE_CHECKING:
    import pandas as pd

    from ..plan.model import Plan

FORM_SUFFIXES = {".xlsx", ".xlsm"}
UNREADABLE_SUFFIXES = {".xls", ".ods", ".csv", ".xlsb", ".numbers"}


@dataclass(frozen=True)
class UnitResult:
    """What one unit reported on one task (or qualitative target), and where it was read."""

    id: str
    kind: str  # "task" | "target"
    unit: str
    status: str
    result: str
    figures: str
    difficulties: str
    proposals: str
    file: str
    sheet: str
    row: int


@dataclass
class Collected:
    """The merged returns of a period.

    ``results`` maps a task (or target) id to one entry per unit that reported it; ``missing_units``
    lists units with rows to report but no accepted form; ``problems`` are rejected forms and rows;
    ``notes`` are findings that did not stop a row from being merged (a formula kept as text).
    """

    period: Period
    results: dict[str, list[UnitResult]] = field(default_factory=dict)
    missing_units: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    forms: dict[str, str] = field(default_factory=dict)  # unit id -> accepted file name
    data: dict[str, Any] = field(default_factory=dict)  # declared table -> rows the units reported (DataFrame)
    expected: dict[str, list[str]] = field(default_factory=dict)  # unit id -> row ids it must report
    unit_names: dict[str, str] = field(default_factory=dict)

    def merged_count(self) -> dict[str, int]:
        """Number of merged rows per unit id (every unit with expected rows, in plan order)."""
        counts = {u: 0 for u in self.expected}
        for entries in self.results.values():
            for r in entries:
                counts[r.unit] = counts.get(r.unit, 0) + 1
        return counts

    def status(self, row_id: str) -> str | None:
        """One status of a task (or qualitative target) across its lead units, by
        :func:`baocao.task_status.task_status`: a unit expected to report it that has not counts as unknown."""
        reported = {r.unit: r.status for r in self.results.get(row_id, [])}
        return task_status(reported.get(u) for u, ids in self.expected.items() if row_id in ids)

    def statuses(self) -> dict[str, str | None]:
        """:meth:`status` of every id the period's forms ask for, for :func:`baocao.periods.overdue_tasks`."""
        ids = dict.fromkeys(i for rows in self.expected.values() for i in rows)
        return {i: self.status(i) for i in ids}

    def table(self) -> pd.DataFrame:
        """Every merged row as a DataFrame with Vietnamese headers (for notebooks and CSV)."""
        import pandas as pd

        columns = ["Mã", "Loại", "Mã đơn vị", "Đơn vị", *(HEADERS[k] for k in FILL_KEYS), "Tệp", "Hàng"]
        rows = [[r.id, "Nhiệm vụ" if r.kind == "task" else "Chỉ tiêu", r.unit, self.unit_names.get(r.unit, r.unit),
                 r.status, r.result, r.figures, r.difficulties, r.proposals, r.file, r.row]
                for entries in self.results.values() for r in entries]
        return pd.DataFrame(rows, columns=columns)

    def problem_table(self) -> pd.DataFrame:
        """Problems (then notes) as a DataFrame with Vietnamese headers."""
        import pandas as pd

        rows = [{"Mức": "Lỗi", **p.as_row()} for p in self.problems]
        rows += [{"Mức": "Lưu ý", **p.as_row()} for p in self.notes]
        return pd.DataFrame(rows, columns=["Mức", "Tệp", "Trang tính", "Mục", "Dòng", "Cột", "Giá trị", "Lỗi"])


# --- reading ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RawRow:
    row: int
    cells: dict[str, CellText]


@dataclass(frozen=True)
class RawForm:
    """The cells of a form as read, before any check."""

    file: str
    sheet: str
    meta: dict[str, CellText]
    meta_rows: dict[str, int]
    rows: list[RawRow]


class FormError(BaocaoError):
    """A file that cannot be read as a return form; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _locate_sheet(wb: Any, file: str) -> Any:
    name = wb.defined_names.get(META[0].name)
    if name is not None:
        for title, _ in name.destinations:
            if title in wb.sheetnames:
                return wb[title]
    if SHEET in wb.sheetnames:
        return wb[SHEET]
    if len(wb.sheetnames) == 1:
        return wb[wb.sheetnames[0]]
    raise FormError(Problem(file, f"không thấy trang tính '{SHEET}' của phiếu báo cáo "
                                  f"(có: {', '.join(wb.sheetnames)})"))


def _meta_cell(wb: Any, ws: Any, key: str) -> tuple[CellText, int]:
    m = META_BY_KEY[key]
    name = wb.defined_names.get(m.name)
    if name is not None:
        for title, coord in name.destinations:
            if title == ws.title:
                cell = ws[coord.replace("$", "")]
                return read_cell(cell), cell.row
    return read_cell(ws[m.coordinate]), m.row


def _header_row(ws: Any, file: str) -> tuple[int, dict[str, int]]:
    wanted = {header_key(c.header): c.key for c in COLUMNS}
    for r in range(1, min(ws.max_row, 40) + 1):
        found = {wanted[header_key(c.value)]: c.column for c in ws[r] if header_key(c.value) in wanted}
        if "id" in found and "status" in found:
            missing = [HEADERS[k] for k in HEADERS if k not in found]
            if missing:
                raise FormError(Problem(file, f"thiếu cột {', '.join(missing)} ở dòng tiêu đề", sheet=ws.title, row=r))
            return r, found
    raise FormError(Problem(file, "không thấy dòng tiêu đề của bảng nhiệm vụ (cột 'Mã', 'Tình trạng'): "
                                  "tệp không phải phiếu báo cáo do baocao xuất", sheet=ws.title))


def read_form(path: str | os.PathLike[str]) -> RawForm:
    """Read a form's header cells and non-blank rows; raise :class:`FormError` when it is no form."""
    from openpyxl import load_workbook

    p = Path(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(p, data_only=False)
    except Exception as exc:  # noqa: BLE001 - any unreadable file becomes a located problem
        raise FormError(Problem(p.name, f"không mở được tệp như bảng tính .xlsx ({type(exc).__name__}: {exc})")) from None
    try:
        ws = _locate_sheet(wb, p.name)
        meta, meta_rows = {}, {}
        for m in META:
            meta[m.key], meta_rows[m.key] = _meta_cell(wb, ws, m.key)
        header, columns = _header_row(ws, p.name)
        rows = []
        for r in range(header + 1, ws.max_row + 1):
            cells = {key: read_cell(ws.cell(r, ci)) for key, ci in columns.items()}
            if any(c.text for c in cells.values()):
                rows.append(RawRow(r, cells))
        return RawForm(p.name, ws.title, meta, meta_rows, rows)
    finally:
        wb.close()


# --- checking --------------------------------------------------------------------------------------
def file_unit(file: str, plan: Plan) -> str | None:
    """The unit whose form a file is by its name, as :func:`~.export.form_filename` names it; None when
    the file was renamed."""
    parts = Path(file).stem.split("_", 2)
    if len(parts) != 3:
        return None
    found = [u.id for u in plan.units if slug(u.id) == parts[1] and slug(u.name) == parts[2]]
    return found[0] if len(found) == 1 else None


def _form_problems(form: RawForm, plan: Plan, period: Period) -> list[Problem]:
    """Faults that reject the whole form: unknown unit, a unit other than the file's, other period, other plan."""
    out = []
    unit = form.meta["unit"].text
    named = file_unit(form.file, plan)
    if unit not in {u.id for u in plan.units}:
        known = ", ".join(u.id for u in plan.units)
        out.append(("unit", f"phiếu của đơn vị '{unit}' không có trong kế hoạch (có: {known})", unit))
    elif named is not None and named != unit:
        out.append(("unit", f"ô mã đơn vị ghi '{unit}' nhưng tệp là phiếu của đơn vị '{named}' "
                            f"({plan.unit(named).name}); sửa lại mã đơn vị cho đúng phiếu", unit))
    code = form.meta["period"].text
    if norm_space(code).upper() != period.code.upper():
        out.append(("period", f"phiếu của kỳ '{code}', không phải kỳ đang tổng hợp {period.code} ({period.label})", code))
    symbol = form.meta["plan"].text
    if norm_space(symbol) != norm_space(plan.symbol):
        out.append(("plan", f"phiếu của kế hoạch '{symbol}', không phải {plan.symbol}", symbol))
    suffix = f"; phiếu không được tổng hợp ({len(form.rows)} dòng)"
    return [Problem(form.file, msg + suffix, sheet=form.sheet, row=form.meta_rows[key],
                    column=META_BY_KEY[key].label, value=value) for key, msg, value in out]


def _row_problems(form: RawForm, raw: RawRow, unit: str, expected: dict[str, FormRow],
                  plan_ids: set[str], seen: dict[str, int]) -> list[Problem]:
    def problem(key: str, message: str, value: Any = None) -> Problem:
        return Problem(form.file, message, sheet=form.sheet, row=raw.row, column=HEADERS[key], value=value)

    out: list[Problem] = []
    row_id = norm_space(raw.cells["id"].text)
    if not row_id:
        out.append(problem("id", "dòng có nội dung nhưng không có mã nhiệm vụ; dòng không được tổng hợp"))
    elif row_id not in expected:
        why = (f"nhiệm vụ '{row_id}' không thuộc phần việc của đơn vị '{unit}' trong kỳ này" if row_id in plan_ids
               else f"mã '{row_id}' không có trong kế hoạch")
        out.append(problem("id", why + "; dòng không được tổng hợp", row_id))
    elif row_id in seen:
        out.append(problem("id", f"mã '{row_id}' lặp lại (đã có ở hàng {seen[row_id]}); dòng không được tổng hợp", row_id))
    else:
        want = expected[row_id].locked()
        for key in LOCKED_KEYS:
            got = raw.cells[key]
            if got.formula or norm_space(got.text) != norm_space(want[key]):
                out.append(problem(key, "ô khóa đã bị sửa, khác với kế hoạch; dòng không được tổng hợp", got.text))
    for key in FILL_KEYS:
        text = raw.cells[key].text
        refused = refused_message(text, allow="\t\n")
        if len(text) > MAX_CELL_CHARS:
            refused = f"chứa {len(text)} ký tự, quá giới hạn {MAX_CELL_CHARS} ký tự của một ô Excel"
        if refused:
            out.append(problem(key, f"ô {refused}; dòng không được tổng hợp", text[:200]))
    status = raw.cells["status"].text
    if not status:
        out.append(problem("status", "thiếu tình trạng; dòng không được tổng hợp"))
    elif normalize_status(status) is None:
        out.append(problem("status", f"tình trạng không hợp lệ, chọn một trong: {', '.join(STATUSES)}; "
                                     "dòng không được tổng hợp", status))
    return out


def check_form(form: RawForm, plan: Plan, period: Period, expected: dict[str, list[FormRow]]
               ) -> tuple[list[UnitResult], list[Problem], list[Problem]]:
    """Results, problems and notes of one form (pure). A form-level problem yields no result."""
    form_level = _form_problems(form, plan, period)
    if form_level:
        return [], form_level, []
    unit = form.meta["unit"].text
    rows = {r.id: r for r in expected.get(unit, [])}
    plan_ids = {t.id for t in plan.tasks()} | {t.id for t in plan.targets()}
    results: list[UnitResult] = []
    problems: list[Problem] = []
    notes: list[Problem] = []
    seen: dict[str, int] = {}
    for raw in form.rows:
        row_problems = _row_problems(form, raw, unit, rows, plan_ids, seen)
        row_id = norm_space(raw.cells["id"].text)
        if row_id in rows and row_id not in seen:
            seen[row_id] = raw.row
        notes += [Problem(form.file, "ô chứa công thức: giữ nguyên dạng chữ, không tính giá trị; kiểm tra lại nội dung",
                          sheet=form.sheet, row=raw.row, column=HEADERS[k], value=raw.cells[k].text)
                  for k in FILL_KEYS if raw.cells[k].formula]
        if row_problems:
            problems += row_problems
            continue
        c = raw.cells
        results.append(UnitResult(row_id, rows[row_id].kind, unit, normalize_status(c["status"].text) or "",
                                  c["result"].text, c["figures"].text, c["difficulties"].text, c["proposals"].text,
                                  form.file, form.sheet, raw.row))
    problems += [Problem(form.file, f"thiếu dòng của '{i}' (dòng đã bị xóa?): đơn vị chưa báo cáo nội dung này",
                         sheet=form.sheet, column=HEADERS["id"], value=i)
                 for i in rows if i not in seen]
    return results, problems, notes


# --- the folder ------------------------------------------------------------------------------------
def _concat(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    return pd.concat([a, b], ignore_index=True)



def _form_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    files, problems = [], []
    for p in sorted(folder.iterdir()):
        if not p.is_file() or p.name.startswith(("~$", ".")):
            continue
        suffix = p.suffix.lower()
        if suffix in FORM_SUFFIXES:
            files.append(p)
        elif suffix in UNREADABLE_SUFFIXES:
            problems.append(Problem(p.name, f"định dạng {suffix} không đọc được; mở tệp và lưu lại dạng .xlsx"))
    return files, problems


def collect_forms(plan: Plan, period: Period | str, folder: str | os.PathLike[str]) -> Collected:
    """Read every form in ``folder`` (not its subfolders), check it and merge the good rows."""
    period = parse_period(period) if isinstance(period, str) else period
    require_within_plan(plan, period)
    root = Path(folder)
    if not root.is_dir():
        raise InputError([Problem(str(root), "không tìm thấy thư mục phiếu báo cáo")], "Không đọc được phiếu báo cáo")
    expected = form_rows(plan, period)
    out = Collected(period, expected={u: [r.id for r in rows] for u, rows in expected.items()},
                    unit_names={u.id: u.name for u in plan.units})
    files, out.problems = _form_files(root)
    merged: list[UnitResult] = []
    for path in files:
        try:
            form = read_form(path)
        except FormError as exc:
            out.problems.append(exc.problem)
            continue
        unit = form.meta["unit"].text
        form_level = _form_problems(form, plan, period)
        if not form_level and unit in out.forms:
            out.problems.append(Problem(
                form.file, f"đơn vị '{unit}' đã có phiếu ở tệp {out.forms[unit]}; phiếu này không được tổng hợp "
                           f"({len(form.rows)} dòng)", sheet=form.sheet, row=form.meta_rows["unit"],
                column=META_BY_KEY["unit"].label, value=unit))
            continue
        results, problems, notes = check_form(form, plan, period, expected)
        out.problems += problems
        out.notes += notes
        merged += results
        if not form_level:
            out.forms[unit] = form.file
            frames, data_problems = read_data_sheets(path, plan, unit)
            out.problems += data_problems
            for name, frame in frames.items():
                out.data[name] = frame if name not in out.data else _concat(out.data[name], frame)
    unit_order = {u.id: i for i, u in enumerate(plan.units)}
    for r in sorted(merged, key=lambda r: unit_order[r.unit]):
        out.results.setdefault(r.id, []).append(r)
    doc_order = [t.id for t in plan.tasks()] + [t.id for t in plan.targets()]
    out.results = {i: out.results[i] for i in doc_order if i in out.results}
    out.missing_units = [u for u in expected if u not in out.forms]
    return out
