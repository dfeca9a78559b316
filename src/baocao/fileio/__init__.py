"""File input/output shared by every package, outside the output package ``render``.

:mod:`.atomic`: atomic, no-overwrite writing and the one "output exists" message;
:mod:`.xlsx_cells`: the one reader of spreadsheet cells and the one key for headers and names.
"""
