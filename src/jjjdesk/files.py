"""Write a file under a temporary name and rename it at the end; explain locked targets."""

from __future__ import annotations

import contextlib
import errno
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jjjdesk.errors import UserFacingError


class FileLockedError(UserFacingError):
    """The target is open in Excel/WPS (or another program) and cannot be replaced."""


def _locked_message(target: Path) -> str:
    return (f"文件“{target.name}”正在被 Excel、WPS 或其他程序打开,无法覆盖。"
            f"请关闭该文件后重试,或换一个文件名保存。")


def lock_files(target: Path) -> list[Path]:
    """Owner files office programs keep beside an open workbook (Excel/WPS: ~$name,
    LibreOffice: .~lock.name#)."""
    return [p for p in (target.with_name("~$" + target.name),
                        target.with_name(".~lock." + target.name + "#")) if p.exists()]


def check_writable(target: Path) -> None:
    """Raise `FileLockedError` when `target` exists and is open in another program.

    On Windows an open workbook cannot be opened for writing; elsewhere the office
    program's owner file is the sign.
    """
    if not target.exists():
        return
    if target.is_dir():
        raise UserFacingError(f"“{target}”是一个文件夹,请选择文件名。")
    if lock_files(target):
        raise FileLockedError(_locked_message(target))
    try:
        with open(target, "r+b"):
            pass
    except PermissionError as exc:
        raise FileLockedError(_locked_message(target)) from exc


def _os_error(exc: OSError, target: Path) -> UserFacingError:
    if exc.errno == errno.ENOSPC:
        return UserFacingError(f"磁盘空间不足,未能写入“{target.name}”;原有文件未改动。")
    if isinstance(exc, PermissionError):
        if target.exists():
            return FileLockedError(_locked_message(target))
        return UserFacingError(f"没有权限在“{target.parent}”中写入文件,请换一个文件夹。")
    return UserFacingError(f"写入“{target.name}”失败:{exc.strerror or exc}")


#: Where `atomic_path` notes each temporary file until it is renamed or discarded, so that a
#: run killed halfway (power cut, task manager) has its leftovers removed at the next start
#: (`clean_leftovers`). Set by the app and the CLI from their data folder; None: no journal.
JOURNAL: Path | None = None


def _note(tmp: Path) -> Path | None:
    if JOURNAL is None:
        return None
    try:
        JOURNAL.mkdir(parents=True, exist_ok=True)
        mark = JOURNAL / f"{uuid.uuid4().hex}.path"
        mark.write_text(str(tmp), encoding="utf-8")
        return mark
    except OSError:
        return None  # the journal only helps; a read-only data folder must not stop a save


#: A note younger than this may belong to a save still running in another window or process.
STALE_S = 3600


def clean_leftovers(journal: Path) -> list[Path]:
    """Remove the temporary files that runs killed halfway noted in `journal` (notes older
    than `STALE_S`); returns them."""
    removed = []
    now = time.time()
    for mark in sorted(journal.glob("*.path")) if journal.is_dir() else []:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            if now - mark.stat().st_mtime < STALE_S:
                continue
            tmp = Path(mark.read_text(encoding="utf-8").strip())
            if tmp.name.startswith(".") and ".tmp" in tmp.name and tmp.exists():
                tmp.unlink()
                removed.append(tmp)
            mark.unlink()
    return removed


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success rename it onto `target`.

    A crash, a full disk or a cancel leaves the old file (if any) untouched and no
    half-written file behind.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _os_error(exc, target) from exc
    check_writable(target)
    tmp = target.with_name(f".{target.stem[:40]}.{uuid.uuid4().hex[:8]}.tmp{target.suffix}")
    mark = _note(tmp)
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp)
        raise _os_error(exc, target) from exc
    except BaseException:
        _discard(tmp)
        raise
    finally:
        if mark is not None:
            _discard(mark)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
