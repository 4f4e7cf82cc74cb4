"""File names, sheet names, formula-looking text, atomic writes, locked targets, cancel."""

from __future__ import annotations

import threading

import pytest

from jjjdesk.errors import Cancelled, UserFacingError
from jjjdesk.excel.safety import looks_like_formula, safe_filename, safe_sheet_name
from jjjdesk.files import FileLockedError, atomic_path, check_writable
from jjjdesk.progress import Ticker


@pytest.mark.parametrize(("name", "expected"), [
    ("2024年3月月报_市发展改革委.xlsx", "2024年3月月报_市发展改革委.xlsx"),
    ('a/b\\c:d*e?f"g<h>i|j.xlsx', "a_b_c_d_e_f_g_h_i_j.xlsx"),
    ("  报表. . ", "报表"),
    ("CON.xlsx", "_CON.xlsx"),
    ("nul", "_nul"),
    ("///.xlsx", "未命名.xlsx"),
    ("tab\there\n.xlsx", "tab_here_.xlsx"),
])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_long_names_are_cut_before_the_suffix():
    name = safe_filename("京" * 300 + ".xlsx")
    assert name.endswith(".xlsx") and len(name) <= 125


def test_long_chinese_names_fit_the_file_system_and_stay_apart(tmp_path):
    """ext4 refuses names over 255 bytes; a Chinese character is 3 bytes in UTF-8."""
    first = safe_filename("2026年3月月报_" + "京津冀协同发展" * 14 + "甲.xlsx")
    second = safe_filename("2026年3月月报_" + "京津冀协同发展" * 14 + "乙.xlsx")
    assert first != second
    for name in (first, second):
        assert name.endswith(".xlsx") and len(name.encode()) <= 255
        assert name.startswith("2026年3月月报_京津冀")
        (tmp_path / name).write_bytes(b"x")  # the file system takes it
    assert safe_filename("短名.xlsx") == "短名.xlsx"


def test_sheet_names_are_valid_and_unique():
    used: set[str] = set()
    a = safe_sheet_name("(一)推动承接北京非首都功能疏解走深走实[试点]", used)
    b = safe_sheet_name("(一)推动承接北京非首都功能疏解走深走实[试点]", used)
    assert len(a) <= 31 and len(b) <= 31 and a != b
    assert not set("[]:*?/\\") & set(a + b)


@pytest.mark.parametrize("text", ["=1+1", "+86", "-5", "@SUM(A1)", "\t=x"])
def test_formula_prefixes(text):
    assert looks_like_formula(text)


def test_plain_text_is_not_formula_like():
    assert not looks_like_formula("正常推进 =") and not looks_like_formula("")


def test_atomic_path_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out" / "台账.xlsx"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("boom")
    assert list((tmp_path / "out").iterdir()) == []


def test_atomic_path_keeps_the_old_file_until_done(tmp_path):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(Cancelled), atomic_path(target) as tmp:
        tmp.write_bytes(b"new")
        raise Cancelled("已取消")
    assert target.read_bytes() == b"old"
    with atomic_path(target) as tmp:
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["台账.xlsx"]


@pytest.mark.parametrize("owner", ["~$台账.xlsx", ".~lock.台账.xlsx#"])
def test_a_workbook_open_in_excel_or_wps_gets_a_clear_message(tmp_path, owner):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"x")
    (tmp_path / owner).write_bytes(b"owner")
    with pytest.raises(FileLockedError, match="正在被 Excel、WPS 或其他程序打开"):
        check_writable(target)
    with pytest.raises(FileLockedError), atomic_path(target):
        pass
    assert target.read_bytes() == b"x"


def test_a_folder_as_target_is_refused(tmp_path):
    with pytest.raises(UserFacingError, match="文件夹"):
        check_writable(tmp_path)


def test_ticker_reports_and_cancels():
    seen: list[tuple[int, int]] = []
    stop = threading.Event()
    ticker = Ticker(lambda d, t: seen.append((d, t)), stop, total=1000, interval=0)
    for _ in range(300):
        ticker.step()
    assert seen and seen[-1] == (256, 1000)
    stop.set()
    with pytest.raises(Cancelled):
        for _ in range(300):
            ticker.step()


def test_excel_and_reports_import_without_qt():
    import subprocess
    import sys

    modules = ["jjjdesk.excel.ledger", "jjjdesk.excel.templates", "jjjdesk.reports.pack",
               "jjjdesk.reports.brief", "jjjdesk.cli.export_cmds"]
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'):\n"
        "            raise ImportError('Qt is not allowed below the GUI: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        + "".join(f"import {m}\n" for m in modules)
        + "import fpdf\nprint('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


def test_a_killed_runs_temporary_files_go_at_the_next_start(tmp_path, monkeypatch, capsys):
    import os
    import time

    from jjjdesk import files
    from jjjdesk.cli.main import main
    from jjjdesk.paths import AppPaths

    paths = AppPaths.default()  # the test's own data folder (conftest)
    monkeypatch.setattr(files, "JOURNAL", paths.temp_journal)
    target = tmp_path / "台账.xlsx"
    with files.atomic_path(target) as tmp:  # while it writes, the temporary file is noted
        tmp.write_bytes(b"done")
        [note] = list(paths.temp_journal.glob("*.path"))
        assert note.read_text(encoding="utf-8") == str(tmp)
    assert target.read_bytes() == b"done" and not note.exists()
    # what a run killed an hour ago left: its temporary file, its note, a partial backup
    left = tmp_path / ".台账.dead0000.tmp.xlsx"
    left.write_bytes(b"half")
    stale = paths.temp_journal / "stale.path"
    stale.write_text(str(left), encoding="utf-8")
    partial = paths.backup_dir / "abc" / "jjjdesk-20261201.sqlite3.partial-wal"
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"x")
    old = time.time() - 2 * files.STALE_S
    for p in (stale, partial):
        os.utime(p, (old, old))
    running = tmp_path / ".台账.running.tmp.xlsx"  # another window's save, still running
    running.write_bytes(b"busy")
    fresh = paths.temp_journal / "fresh.path"
    fresh.write_text(str(running), encoding="utf-8")
    assert main(["calendar", "is-workday", "2026-12-01"]) == 0
    capsys.readouterr()
    assert not left.exists() and not stale.exists() and not partial.exists()
    assert running.exists() and fresh.exists()
