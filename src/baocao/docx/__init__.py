"""Low-level docx helpers: :mod:`baocao.docx.oxml` holds every raw-OOXML trick behind named functions."""
