"""packaging/elf_scan.py reports the glibc versions a folder's ELF files need."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCAN = Path(__file__).resolve().parents[2] / "packaging" / "elf_scan.py"
pytestmark = pytest.mark.skipif(not shutil.which("objdump"), reason="objdump not installed")


def _run(folder, *args):
    return subprocess.run([sys.executable, str(SCAN), str(folder), *args], capture_output=True,
                          text=True)


def test_scan_reports_and_enforces(tmp_path):
    shutil.copy("/bin/true", tmp_path / "true")
    (tmp_path / "notes.txt").write_text("not an ELF file")
    r = _run(tmp_path)
    assert r.returncode == 0, r.stderr
    assert "elf files: 1" in r.stdout
    assert re.search(r"^highest GLIBC: 2\.\d+ \(limit 2\.28\)$", r.stdout, re.M)
    strict = _run(tmp_path, "--max-glibc", "2.0", "--enforce")
    assert strict.returncode == 1
    assert re.search(r"^  GLIBC_2\.\d+ true$", strict.stdout, re.M)
