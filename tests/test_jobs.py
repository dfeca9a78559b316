"""The jobs behind the commands and the notebooks: one PDF fallback, every target checked before the first write."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import baocao.jobs.outputs as outputs
from baocao.cli import main_group
from baocao.errors import OutputExistsError
from baocao.jobs import pdf_copies, write_appendix, write_plan, write_report

from conftest import ROOT, SAMPLE_PLAN

SAMPLE = ROOT / "sample_data"
DEMO_DOCX = ["188-KH-LMHTX-ke-hoach.docx", "188-KH-LMHTX-phu-luc.docx", "2023-H1-bao-cao.docx",
             "2023-bao-cao.docx", "2021-2025-bao-cao.docx"]
NO_LIBREOFFICE = "Cảnh báo: Không tìm thấy LibreOffice (soffice)"


@pytest.fixture
def no_libreoffice(tmp_path, monkeypatch):
    """A machine without LibreOffice: BAOCAO_SOFFICE names a program that is not there."""
    monkeypatch.setenv("BAOCAO_SOFFICE", str(tmp_path / "khong-co-soffice"))


@pytest.fixture
def pdf_calls(monkeypatch):
    """The names of the documents given to each call of the one PDF fallback."""
    calls: list[list[str]] = []
    real = outputs.pdf_copies

    def spy(docx, out_dir, **kwargs):
        calls.append([Path(p).name for p in docx])
        return real(docx, out_dir, **kwargs)

    monkeypatch.setattr(outputs, "pdf_copies", spy)
    return calls


def test_pdf_copies_without_libreoffice_warns_and_keeps_the_docx(no_libreoffice, tmp_path):
    (docx,) = write_appendix(SAMPLE_PLAN, tmp_path).docx
    before = docx.read_bytes()
    pdfs, warnings = pdf_copies([docx], tmp_path)
    assert pdfs == []
    (warning,) = warnings
    assert warning.startswith("Không tìm thấy LibreOffice") and "BAOCAO_SOFFICE" in warning
    assert docx.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name != "khong-co-soffice"] == [docx.name]


@pytest.mark.parametrize("command, documents", [
    (["plan", SAMPLE_PLAN, "--pdf"], ["188-KH-LMHTX-ke-hoach.docx"]),
    (["appendix", SAMPLE_PLAN, "--pdf"], ["188-KH-LMHTX-phu-luc.docx"]),
    (["report", SAMPLE_PLAN, SAMPLE / "du-lieu-mau.xlsx", "--period", "2023-H1", "--charts", "none", "--pdf"],
     ["2023-H1-bao-cao.docx"]),
    pytest.param(["demo"], DEMO_DOCX, marks=pytest.mark.slow),
], ids=["plan", "appendix", "report", "demo"])
def test_every_command_goes_through_the_one_pdf_fallback(command, documents, no_libreoffice, pdf_calls, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main_group, [*map(str, command), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert pdf_calls == [documents]  # one call for every document of the command
    assert result.stderr.count(NO_LIBREOFFICE) == 1
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(documents)
    assert list(out.glob("*.pdf")) == []


def test_library_jobs_report_the_missing_pdf_as_a_warning(no_libreoffice, pdf_calls, plan, tmp_path):
    written = write_plan(plan, tmp_path, draft=True, pdf=True)
    assert [p.name for p in written.files] == ["188-KH-LMHTX-ke-hoach-du-thao.docx"]
    assert written.pdf == [] and len(written.warnings) == 1 and "LibreOffice" in written.warnings[0]
    report = write_report(plan, SAMPLE_PLAN, SAMPLE / "du-lieu-mau.xlsx", "2023-H1", tmp_path, charts="none",
                          pdf=True)
    assert report.pdf == [] and report.warnings == written.warnings
    assert [p.name for p in report.files] == ["2023-H1-bao-cao.docx", "2023-H1-bao-cao.nguon-so-lieu.json"]
    assert pdf_calls == [["188-KH-LMHTX-ke-hoach-du-thao.docx"], ["2023-H1-bao-cao.docx"]]


def test_an_existing_pdf_stops_the_report_before_anything_is_written(plan, tmp_path):
    (tmp_path / "2023-H1-bao-cao.pdf").write_bytes(b"%PDF-1.7 cu")
    with pytest.raises(OutputExistsError, match="2023-H1-bao-cao.pdf"):
        write_report(plan, SAMPLE_PLAN, SAMPLE / "du-lieu-mau.xlsx", "2023-H1", tmp_path, charts="none", pdf=True)
    assert [p.name for p in tmp_path.iterdir()] == ["2023-H1-bao-cao.pdf"]


def test_the_cycle_checks_every_target_before_the_first_write(tmp_path):
    (tmp_path / "2021-2025-bao-cao.nguon-so-lieu.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main_group, ["demo", "--out", str(tmp_path), "--no-pdf"])
    assert result.exit_code == 2 and "2021-2025-bao-cao.nguon-so-lieu.json" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["2021-2025-bao-cao.nguon-so-lieu.json"]


def test_every_option_has_vietnamese_help():
    import re

    import click

    def commands(group, prefix=()):
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                yield from commands(command, (*prefix, name))
            else:
                yield " ".join((*prefix, name)), command

    missing = [f"{name} {opt}" for name, command in commands(main_group) for p in command.params
               if isinstance(p, click.Option) for opt in p.opts if not re.search("[À-ỹ]", p.help or "")]
    assert missing == []


def test_a_report_with_only_qualitative_targets_draws_no_overview(tmp_path):
    """Nothing to draw is no error: the overview chart is left out, the report is still written."""
    import datetime as dt

    from baocao.data import load_data
    from baocao.indicators import Engine
    from baocao.jobs.outputs import OutputFolder
    from baocao.jobs.report import _charts
    from baocao.plan.io import load_plan

    plan = load_plan(SAMPLE_PLAN)
    data = load_data(ROOT / "sample_data" / "du-lieu-mau.xlsx")
    cutoff = dt.date(2023, 6, 14)
    qualitative = [a for a in Engine(plan, data).assess_all(cutoff) if a.kind == "qualitative"]
    assert qualitative
    out = OutputFolder(tmp_path)
    assert _charts(out, plan, data, qualitative, cutoff, tmp_path / "bieu-do", "overview", None, "plan") == []
    assert not (tmp_path / "bieu-do").exists()
