"""A wheel (`pip install .`, not editable) finds its migrations, demo data and forms."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import jjjdesk
from jjjdesk import resources

pytestmark = pytest.mark.sqlite_only  # exercises database files given by path

REPO = Path(__file__).resolve().parents[2]


def test_run_time_files_are_found_through_the_resources_module():
    assert (resources.migrations_dir() / "env.py").is_file()
    assert resources.demo_file().is_file()
    assert resources.form_file("main_window.ui").is_file()
    installed = Path(jjjdesk.__file__).resolve().parent
    if "site-packages" in installed.parts:
        assert resources.data_root() == installed / "_data"


@pytest.mark.skipif(not (REPO / "pyproject.toml").exists(), reason="needs the source tree")
def test_wheel_installed_in_a_fresh_environment_works(tmp_path):
    wheel_dir = tmp_path / "wheel"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheel_dir.glob("jjjdesk-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = Path(subprocess.check_output(
        [py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True).strip())
    # Dependencies come from the test environment; the package itself only from the wheel.
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q",
         "--target", str(site), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["JJJDESK_DATA_DIR"] = str(tmp_path / "data")
    where = subprocess.run(
        [py, "-c", "import jjjdesk.resources as r; print(r.data_root())"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()) == site / "jjjdesk" / "_data"
    run = subprocess.run(
        [py, "-m", "jjjdesk.cli.main", "init", "--demo", "--db", str(tmp_path / "w.sqlite3")],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "25 项任务" in run.stdout
