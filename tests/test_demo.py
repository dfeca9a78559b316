"""The README's main job: every document of the bundled sample into one folder, PDFs in one call."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from baocao.checks.layout import verify_layout

EXPECTED_DOCX = ["188-KH-LMHTX-ke-hoach.docx", "188-KH-LMHTX-phu-luc.docx", "2023-H1-bao-cao.docx",
                 "2023-bao-cao.docx", "2021-2025-bao-cao.docx"]


@pytest.mark.slow
def test_demo_writes_every_document(tmp_path):
    exe = Path(sys.executable).with_name("baocao")
    result = subprocess.run([str(exe), "demo", "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for name in EXPECTED_DOCX:
        path = tmp_path / name
        assert path.exists(), name
        assert [r for r in verify_layout(path) if r.status == "fail"] == [], name
        assert f"Đã ghi: {path}" in result.stdout
    for code in ("2023-H1", "2023", "2021-2025"):
        assert (tmp_path / f"{code}-bao-cao.nguon-so-lieu.json").exists()
        assert (tmp_path / f"{code}-bieu-do" / "tong-quan.png").stat().st_size > 10_000
    summary = docx.Document(str(tmp_path / "2021-2025-bao-cao.docx"))
    header = "\n".join(c.text for c in summary.tables[0]._cells)  # issued 16/12/2025, after the reorganisation
    assert "LIÊN MINH HTX TỈNH LÂM ĐỒNG" in header and "ĐẮK NÔNG" not in header and "sắp xếp" not in result.stderr
    assert any(p.text.startswith("Tổng kết giai đoạn 2021-2025 thực hiện Kế hoạch số 188/KH-LMHTX")
               for p in summary.paragraphs)
    if shutil.which("soffice"):
        for name in EXPECTED_DOCX:
            assert (tmp_path / name).with_suffix(".pdf").stat().st_size > 10_000
    else:
        assert "libreoffice" in result.stderr.lower()

    again = subprocess.run([str(exe), "demo", "--out", str(tmp_path), "--no-pdf"], capture_output=True, text=True)
    assert again.returncode == 2 and "đã tồn tại" in again.stderr
    rerun = subprocess.run([str(exe), "demo", "--out", tmp_path.name, "--no-pdf", "--overwrite"],
                           capture_output=True, text=True, cwd=tmp_path.parent)
    assert rerun.returncode == 0, rerun.stderr
    written = [line.removeprefix("Đã ghi: ") for line in rerun.stdout.splitlines() if line.startswith("Đã ghi: ")]
    assert len(written) >= 11 and all(w.startswith(f"{tmp_path.name}/") for w in written), written
