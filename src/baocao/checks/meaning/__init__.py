"""The checks that read what a document means, on any .docx (the structure comes from
:mod:`baocao.docread`, never from baocao's templates):

* :mod:`.tasks` — the body and its appendix table disagree (figures, years, units or words of a task;
  a row without its task in the body, a body task missing from the appendix);
* :mod:`.citations` — one document cited in different ways (type, date, issuer; a date against the
  year in its symbol; the "Kèm theo" line against the document's own number and date);
* :mod:`.lists` — a list that repeats an item; a number written two ways;
* :mod:`.figures` — words that contradict the figures printed beside them: "tăng" where the figures
  fall, a verdict its percentage of the target or its printed path does not support;
* :mod:`.against_data` — (with the engine's figures) numbers, rises and falls, and verdicts that differ
  from the data;
* :mod:`.authority` — a body that no longer exists after the 2025 reorganisation, in the header or
  among the addressees of a document dated after it.

Each module defines its checks with :func:`~baocao.checks.finding.check`;
:data:`baocao.checks.catalog.CHECKS` lists them.
"""
