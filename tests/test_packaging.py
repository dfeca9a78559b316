"""The installed wheel carries what the library needs at run time; the console script works cold."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_loads_bundled_sample(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, cwd=tmp_path)
    [wheel] = dist.glob("baocao-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    # Dependencies come from the project's environment, added after the fresh venv's own site-packages
    # through a .pth line: that adds the folder but does not run its editable-install hooks.
    fresh_site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                check=True, capture_output=True, text=True).stdout.strip()
    Path(fresh_site, "zz_project_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    code = (
        "import baocao, baocao.resources as r;"
        "p = baocao.load_plan(r.sample_path('ke-hoach-188.yaml'));"
        "print(baocao.__file__); print(p.symbol); print(r.bundled_dir('templates'))"
    )
    result = subprocess.run([str(py), "-c", code], capture_output=True, text=True, cwd=tmp_path,
                            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0].startswith(str(env_dir)), out
    assert out[1] == "188/KH-LMHTX"
    assert out[2].startswith(str(env_dir)) and out[2].endswith("_bundled/templates")
    assert (Path(out[2]) / "docx").is_dir()


def test_console_script_outline_cold():
    exe = Path(sys.executable).with_name("baocao")
    result = subprocess.run([str(exe), "outline", str(ROOT / "sample_data" / "ke-hoach-188.yaml")],
                            capture_output=True, text=True, check=True)
    assert "KẾ HOẠCH số 188/KH-LMHTX — Liên minh HTX tỉnh Đắk Nông" in result.stdout
    assert "[quy_von_vay] Nguồn vốn vay ưu đãi của Quỹ Hỗ trợ phát triển HTX: > 20 tỷ đồng, hạn 2025" in result.stdout


def test_console_script_reports_bad_plan_in_vietnamese(tmp_path):
    bad = tmp_path / "loi.yaml"
    bad.write_text("issuer:\n  name: X\n  sai: 1\n", encoding="utf-8")
    exe = Path(sys.executable).with_name("baocao")
    result = subprocess.run([str(exe), "outline", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Lỗi: Tệp kế hoạch có lỗi" in result.stderr
    assert f"tệp {bad}, mục issuer.sai, dòng 3: khóa không được biết đến" in result.stderr
    assert "Traceback" not in result.stderr
