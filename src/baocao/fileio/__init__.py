"""File input/output shared by every package, outside the output package ``render``.

:mod:`.atomic`: atomic, no-overwrite writing of one file; :mod:`.place`: the one "output exists" message
and the no-clobber move; :mod:`.staging`: a set of files committed whole, and what killed runs left;
:mod:`.errors`: operating-system faults in Vietnamese;
:mod:`.xlsx_cells`: the one reader of spreadsheet cells and the one key for headers and names.
"""
