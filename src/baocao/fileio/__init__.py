"""File input/output shared by every package: atomic, no-overwrite writing and spreadsheet cell reading."""
