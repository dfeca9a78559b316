"""The built-in Decree-30 layout rules, grouped by the part of the document they look at.

* :mod:`.page` — paper, margins, orientation, fonts;
* :mod:`.header` — header table, Quốc hiệu and Tiêu ngữ, rules, number, type line, date;
* :mod:`.body` — body size, paragraph format, the closing "./.";
* :mod:`.signature` — Kính gửi, Nơi nhận, signature block;
* :mod:`.appendix` — appendix heading, table, "(Kèm theo …)" line;
* :mod:`.page_numbers` — page numbers;
* :mod:`.decision` — a decision's authority line, "QUYẾT ĐỊNH:", articles, and the document it issues.

Each rule is a function made a :class:`~baocao.checks.rule.Rule` by ``@rule(code, description)``;
:mod:`baocao.checks.registry` lists them in the order results are shown.
"""
