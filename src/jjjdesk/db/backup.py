"""Consistent copies of a SQLite database through its online backup API."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from jjjdesk.errors import UserFacingError


def backup_sqlite(source: Path, dest_dir: Path, reason: str) -> Path:
    """Copy `source` into `dest_dir` while others may write; verify the copy; return it."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = dest_dir / f"{source.stem}-{stamp}-{reason}.sqlite3"
    partial = target.with_suffix(".partial")
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if ok != "ok":
        partial.unlink(missing_ok=True)
        raise UserFacingError(f"备份校验失败:{ok}")
    partial.replace(target)
    return target
