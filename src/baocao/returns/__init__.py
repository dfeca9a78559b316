"""Unit returns (phiếu báo cáo đơn vị): export a form per unit, collect and check the filled forms.

``export_forms(plan, period, out_dir)`` writes one .xlsx per unit with the tasks it leads that are
due in the period; ``collect_forms(plan, period, folder)`` reads them back into a :class:`Collected`
with every fault located by file, sheet, row and column.
"""

from .collect import Collected, UnitResult, check_form, collect_forms, read_form
from .export import FormRow, build_form, export_forms, form_filename, form_rows
from ..spreadsheet_text import looks_like_formula, write_text_cell

__all__ = ["Collected", "FormRow", "UnitResult", "build_form", "check_form", "collect_forms", "export_forms",
           "form_filename", "form_rows", "looks_like_formula", "read_form", "write_text_cell"]
