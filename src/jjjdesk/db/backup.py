"""Consistent copies of a SQLite database through its online backup API, and restores.

Every database has its own folder under the backup root, named by the identity stored
inside it (`db.identity`): listing, pruning and restoring see only that database's copies,
and each copy is checked to carry the same identity. Copies made before identities existed
stay in the root (and copies of a file that had none yet, such as the one taken before
upgrading an old file, in `unidentified/`); they are listed for a database of the same file
name, marked as of unknown source, and never pruned or chosen by "latest".
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jjjdesk.db.engine import reading_uri
from jjjdesk.db.identity import file_identity, set_file_identity
from jjjdesk.errors import UserFacingError

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[\w-]+)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int
    source: str = ""  # the database file's name it was taken from
    known_source: bool = True  # False: a copy from before identities (any same-named file)


UNKNOWN = "unidentified"  # the folder of a database that has no identity (read-only, foreign)


INDEX = "databases.json"  # database path → identity, for a file too damaged to tell its own


def identity_of(root: Path, database: Path) -> str | None:
    """The identity inside `database`, else the one its last backup recorded for its path."""
    found = file_identity(database) if database.exists() else None
    if found:
        return found
    try:
        return json.loads((root / INDEX).read_text(encoding="utf-8")).get(str(database.resolve()))
    except (OSError, ValueError, AttributeError):
        return None


def _remember(root: Path, database: Path, identity: str) -> None:
    index = root / INDEX
    try:
        known = json.loads(index.read_text(encoding="utf-8"))
        known = known if isinstance(known, dict) else {}
    except (OSError, ValueError):
        known = {}
    if known.get(str(database.resolve())) == identity:
        return
    known[str(database.resolve())] = identity
    partial = index.with_name(INDEX + ".partial")
    partial.write_text(json.dumps(known, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(index)


def folder_for(root: Path, database: Path) -> Path:
    """This database's backup folder under `root`."""
    identity = file_identity(database)
    if identity:
        root.mkdir(parents=True, exist_ok=True)
        _remember(root, database, identity)
    return root / (identity or UNKNOWN)


def backup_sqlite(source: Path, dest_dir: Path, reason: str, thorough: bool = True) -> Path:
    """Copy `source` into `dest_dir` while others may write; verify the copy; return it.

    `thorough=False` verifies with quick_check (pages and records, not index contents):
    seconds instead of ~19 s on a 600 MB file, for the unattended daily copy.
    """
    if not source.exists():
        raise UserFacingError(f"数据库文件不存在:{source}")
    dest_dir = folder_for(dest_dir, source)
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    safe_reason = re.sub(r"[^\w-]+", "-", reason).strip("-") or "manual"
    target = dest_dir / f"{source.stem}-{stamp}-{safe_reason}.sqlite3"
    partial = target.with_name(target.name + ".partial")
    try:
        _copy(source, partial)
        problem = integrity_problem(partial, thorough=thorough)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        _remove_leftovers(partial)
        from jjjdesk.db.errors import describe  # by cause (disk full…), never sqlite3's text

        raise UserFacingError(f"备份失败:{describe(exc) or '无法写入备份文件'}") from exc
    if problem:
        partial.unlink(missing_ok=True)
        _remove_leftovers(partial)
        raise UserFacingError(f"备份校验失败:{problem}")
    partial.replace(target)
    _remove_leftovers(partial)
    return target


PARTIAL_SUFFIXES = (".partial", ".partial-journal", ".partial-wal", ".partial-shm")


def clean_partials(root: Path, older_than_s: float = 3600) -> list[Path]:
    """Half-written backups a killed run left under `root` (older than `older_than_s`)."""
    import time

    removed = []
    now = time.time()
    for path in root.rglob("*.partial*") if root.is_dir() else []:
        with contextlib.suppress(OSError):
            if path.name.endswith(PARTIAL_SUFFIXES) and now - path.stat().st_mtime > older_than_s:
                path.unlink()
                removed.append(path)
    return removed


def _remove_leftovers(partial: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(reading_uri(source), uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # A backup is one self-contained file: in rollback-journal mode, reading it
            # (listing, verifying) leaves no -wal/-shm beside it. The app's connect hook
            # turns WAL back on for a file restored from it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def integrity_problem(path: Path, thorough: bool = True) -> str | None:
    """None when SQLite's integrity check (or quick check) passes, else what it reports."""
    conn = sqlite3.connect(reading_uri(path), uri=True)
    try:
        pragma = "integrity_check" if thorough else "quick_check"
        result = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    messages = [row[0] for row in result]
    return None if messages == ["ok"] else ";".join(messages[:5])


def list_backups(root: Path, database: Path) -> list[BackupInfo]:
    """`database`'s backups, newest first: those in its folder that carry its identity, then
    (marked) the copies from before identities that bear its file name."""
    identity = identity_of(root, database)
    found = []
    if identity:
        folder = root / identity
        for path in _named(folder):
            if file_identity(path) == identity:
                found.append(_info(path, database.name))
    for path in _named(root) + _named(root / UNKNOWN):
        match = _NAME.match(path.name)
        if match and match["stem"] == database.stem and file_identity(path) is None:
            found.append(_info(path, database.name, known=False))
    return sorted(found, key=lambda b: b.created, reverse=True)


def _named(folder: Path) -> list[Path]:
    return [p for p in folder.glob("*.sqlite3") if _NAME.match(p.name)] if folder.is_dir() else []


def _info(path: Path, source: str, known: bool = True) -> BackupInfo:
    match = _NAME.match(path.name)
    assert match is not None
    created = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
    return BackupInfo(path, created, match["reason"], path.stat().st_size, source, known)


def prune_backups(root: Path, database: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` of this database's own backups (never another
    database's, never a copy of unknown source); returns what was removed."""
    removed = []
    own = [b for b in list_backups(root, database) if b.known_source]
    for info in own[max(keep, 1):]:
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def set_aside_damaged(target: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) to `NAME.damaged-STAMP`, untouched."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name}.damaged-{stamp}")
    target.replace(aside)
    for suffix in ("-wal", "-shm"):
        side = target.with_name(target.name + suffix)
        if side.exists():
            side.replace(aside.with_name(aside.name + suffix))
    return aside


def restore_sqlite(backup: Path, target: Path, dest_dir: Path, *,
                   from_other_database: bool = False) -> Path | None:
    """Replace `target`'s content with `backup`'s, after backing up the current state.

    A backup of another database is refused unless `from_other_database`; the target then
    keeps its own identity. Returns the safety backup of the state before the restore (None
    if there was no file).
    """
    if not backup.is_file():
        raise UserFacingError(f"备份文件不存在:{backup}")
    problem = integrity_problem(backup)
    if problem:
        raise UserFacingError(f"备份文件已损坏,未做任何修改:{problem}")
    own = identity_of(dest_dir, target)
    theirs = file_identity(backup)
    if own and theirs and own != theirs and not from_other_database:
        raise UserFacingError(
            f"备份“{backup.name}”属于另一个数据库,不是“{target.name}”的备份,未做任何修改。"
            f"如确要用它覆盖“{target.name}”,请明确选择“从其他数据库的备份恢复”"
            "(命令行:--from-other-database)。")
    safety = None
    if target.exists():
        if integrity_problem(target, thorough=False):
            safety = set_aside_damaged(target)  # a damaged file is kept as it is, not copied
        else:
            safety = backup_sqlite(target, dest_dir, "before-restore")
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target, timeout=10)
        try:
            src.backup(dst)  # page-by-page into the live file, under SQLite's own locking
        finally:
            dst.close()
    finally:
        src.close()
    if own and own != theirs:
        set_file_identity(target, own)  # two databases never share an identity
    return safety
