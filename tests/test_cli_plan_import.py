"""``baocao plan import`` and :func:`baocao.jobs.write_plan_import`: a plan typed in Word read into a plan file.

The happy path imports the sample plan rendered by baocao's own templates; the bad inputs are the files of
tests/fixtures/bad-docx/ (made once by make_bad_docx.py there), a folder and a missing path. Every bad input ends
in a Vietnamese message naming the file, exit code 2, and no file written (an existing output kept byte for byte).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from baocao.cli import main_group
from baocao.plan_import.result import shorten

from conftest import FIXTURES, SAMPLE_PLAN

BAD = FIXTURES / "bad-docx"
BAOCAO = Path(sys.executable).with_name("baocao")
ENGLISH = ("Usage:", "Error:", "Traceback", "Missing", "Invalid value")


def run(*args: str | Path):
    return CliRunner().invoke(main_group, [str(a) for a in args])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    """The sample plan rendered to .docx by baocao (``baocao plan`` does the same)."""
    from baocao.jobs.plan_docs import write_plan

    return write_plan(SAMPLE_PLAN, tmp_path_factory.mktemp("van-ban")).docx[0]


def left_in(folder: Path) -> list[str]:
    """Every file and folder under ``folder``, hidden temporary files included."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# --------------------------------------------------------------------------- the happy path


def test_import_writes_a_plan_file_that_loads_and_lists_what_to_review(rendered, tmp_path):
    import baocao

    out = tmp_path / "ke-hoach.yaml"
    result = run("plan", "import", rendered, "--out", out)
    assert result.exit_code == 0, result.output
    assert f"Đã ghi kế hoạch: {out}" in result.stdout and result.stderr == ""

    imported = baocao.import_plan(rendered)
    expected, review = imported.uncertain, imported.review_lines()
    lines = result.stdout.splitlines()
    if expected:
        start = lines.index(f"Cần xem lại ({len(expected)} mục):")
        assert lines[start + 1: start + 1 + len(review)] == [f"  {line}" for line in review]
    else:
        assert "Không có mục nào cần xem lại." in lines
    for item in expected:  # every item is in the list, with its place and words
        assert any(item.where in line and shorten(item.text) in line for line in review)
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# Kế hoạch nhập từ văn bản Word: {rendered.name}\n")
    for line in review:  # the same list in the comment at the top of the file
        assert f"#   {line}\n" in text

    outline = run("outline", out)  # the file loads as any plan file, compute: checks included
    assert outline.exit_code == 0, outline.output
    plan, original = baocao.load_plan(out), baocao.load_plan(SAMPLE_PLAN)
    assert plan.symbol == original.symbol
    assert [t.text for t in plan.tasks()] == [t.text for t in original.tasks()]
    assert left_in(tmp_path) == ["ke-hoach.yaml"]


def test_an_existing_plan_file_is_kept_without_overwrite(rendered, tmp_path):
    out = tmp_path / "ke-hoach.yaml"
    out.write_text("# tệp của chuyên viên\n", encoding="utf-8")
    result = run("plan", "import", rendered, "--out", out)
    assert result.exit_code == 2 and "Lỗi: Tệp đầu ra đã tồn tại" in result.stderr, result.output
    assert str(out) in result.stderr and "--overwrite" in result.stderr
    assert out.read_text(encoding="utf-8") == "# tệp của chuyên viên\n" and left_in(tmp_path) == ["ke-hoach.yaml"]

    again = run("plan", "import", rendered, "--out", out, "--overwrite")
    assert again.exit_code == 0, again.output
    assert out.read_text(encoding="utf-8").startswith("# Kế hoạch nhập từ văn bản Word:")


def test_the_source_is_never_the_output(rendered, tmp_path):
    source = tmp_path / rendered.name
    source.write_bytes(rendered.read_bytes())
    result = run("plan", "import", source, "--out", source, "--overwrite")
    assert result.exit_code == 2 and "trùng với văn bản Word nguồn" in result.stderr, result.output
    assert source.read_bytes() == rendered.read_bytes()


def test_the_job_and_the_top_level_name(rendered, tmp_path):
    import baocao
    from baocao.errors import OutputExistsError
    from baocao.jobs import write_plan_import
    from baocao.plan_import import ImportedPlan, import_plan

    assert baocao.import_plan is import_plan
    out = tmp_path / "moi" / "ke-hoach.yaml"  # a missing folder is made
    imported = write_plan_import(rendered, out)
    assert isinstance(imported, ImportedPlan) and imported.source == rendered
    assert out.read_text(encoding="utf-8") == imported.to_yaml()
    with pytest.raises(OutputExistsError, match="overwrite=True"):
        write_plan_import(rendered, out)


# --------------------------------------------------------------------------- bad input

BAD_INPUTS = [
    ("cong-van.docx", "không phải kế hoạch"),  # a letter: readable, no KẾ HOẠCH / QUYẾT ĐỊNH type line
    ("chi-co-bang.docx", "không phải kế hoạch"),  # a table and nothing else
    ("hong.docx", "hỏng"),  # cut in half
    ("hong-noi-dung.docx", "bị hỏng"),  # whole zip, a part fails its checksum
    ("bang-tinh.docx", "không phải văn bản Word"),  # a workbook under a .docx name
    ("word-97.doc", "Word 97-2003"),
    ("co-mat-khau.docx", "mật khẩu"),
    ("rong.docx", "tệp trống"),
]


def bad_path(name: str, tmp_path: Path) -> Path:
    """A bad input: a fixture file, a folder, or a path that does not exist."""
    if name == "thu-muc":
        folder = tmp_path / "van-ban.docx"
        folder.mkdir()
        return folder
    if name == "khong-co":
        return tmp_path / "khong-co.docx"
    return BAD / name


ALL_BAD = BAD_INPUTS + [("thu-muc", "thư mục"), ("khong-co", "không có tệp này")]


@pytest.mark.parametrize("name, words", ALL_BAD, ids=[n for n, _ in ALL_BAD])
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(name, words, tmp_path):
    source = bad_path(name, tmp_path)
    out_dir = tmp_path / "ra"
    out_dir.mkdir()
    result = run("plan", "import", source, "--out", out_dir / "ke-hoach.yaml")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Lỗi: ") and words in result.stderr, result.stderr
    assert source.name in result.stderr
    for english in ENGLISH:
        assert english not in result.output, english
    assert left_in(out_dir) == []


@pytest.mark.parametrize("name, words", BAD_INPUTS, ids=[n for n, _ in BAD_INPUTS])
def test_bad_input_leaves_an_existing_output_untouched_even_with_overwrite(name, words, tmp_path):
    out = tmp_path / "ke-hoach.yaml"
    out.write_bytes(SAMPLE_PLAN.read_bytes())
    result = run("plan", "import", BAD / name, "--out", out, "--overwrite")
    assert result.exit_code == 2 and words in result.stderr, result.output
    assert out.read_bytes() == SAMPLE_PLAN.read_bytes() and left_in(tmp_path) == ["ke-hoach.yaml"]


def test_bad_input_through_the_installed_command(tmp_path):
    """A real process: the console script's exit code and stderr, not CliRunner's."""
    out = tmp_path / "ke-hoach.yaml"
    done = subprocess.run([str(BAOCAO), "plan", "import", str(BAD / "word-97.doc"), "--out", str(out)],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 2 and "word-97.doc" in done.stderr and ".docx" in done.stderr, done.stderr
    assert done.stdout == "" and not out.exists()


def test_the_fixtures_are_what_their_script_says():
    """The committed bad inputs are what make_bad_docx.py describes (so the tests above test those faults)."""
    import zipfile

    import docx

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert (BAD / "word-97.doc").read_bytes()[:8] == ole and "WordDocument".encode("utf-16-le") in (BAD / "word-97.doc").read_bytes()
    assert (BAD / "co-mat-khau.docx").read_bytes()[:8] == ole
    assert "EncryptionInfo".encode("utf-16-le") in (BAD / "co-mat-khau.docx").read_bytes()
    assert not zipfile.is_zipfile(BAD / "hong.docx") and (BAD / "hong.docx").read_bytes()[:2] == b"PK"
    with zipfile.ZipFile(BAD / "hong-noi-dung.docx") as damaged:
        assert damaged.testzip() == "word/document.xml"
    with zipfile.ZipFile(BAD / "bang-tinh.docx") as workbook:
        assert "xl/workbook.xml" in workbook.namelist() and "word/document.xml" not in workbook.namelist()
    assert (BAD / "rong.docx").stat().st_size == 0
    letter = docx.Document(str(BAD / "cong-van.docx"))
    words = " ".join([p.text for p in letter.paragraphs]
                     + [c.text for t in letter.tables for r in t.rows for c in r.cells])
    assert "Kính gửi" in words and "KẾ HOẠCH" not in words and "QUYẾT ĐỊNH" not in words
    table_only = docx.Document(str(BAD / "chi-co-bang.docx"))
    assert len(table_only.tables) == 1 and not [p for p in table_only.paragraphs if p.text.strip()]


# --------------------------------------------------------------------------- the plan group


def test_plan_help_lists_both_forms():
    result = run("plan", "--help")
    assert result.exit_code == 0, result.output
    assert "baocao plan KẾ_HOẠCH.yaml --out THƯ_MỤC" in result.output
    assert "baocao plan import NGUỒN.docx --out ke-hoach.yaml" in result.output
    commands = result.output.split("Lệnh:", 1)[1]
    assert "export" in commands and "import" in commands


def test_the_short_form_is_plan_export(tmp_path):
    short, long = tmp_path / "gon", tmp_path / "day-du"
    assert run("plan", SAMPLE_PLAN, "--out", short).exit_code == 0
    assert run("plan", "export", SAMPLE_PLAN, "--out", long).exit_code == 0
    assert run("plan", "--out", tmp_path / "truoc", SAMPLE_PLAN).exit_code == 0  # options first, as before
    assert sorted(p.name for p in short.iterdir()) == sorted(p.name for p in long.iterdir())
    mistake = run("plan", SAMPLE_PLAN, "--out", tmp_path / "x", "--khong-co")
    assert mistake.exit_code == 2 and "Không có tùy chọn '--khong-co'" in mistake.output
    assert " plan [TÙY CHỌN] KẾ_HOẠCH\n" in mistake.output  # the usage line of the form typed
