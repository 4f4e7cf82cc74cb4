"""The safety copy before an import is the day's: taken before the first import of a day
without a backup, not before every import (its cost grows with the whole registry)."""

from __future__ import annotations

import pytest
from import_helpers import OFFICE, build_registry, write_xlsx

from jjjdesk.importing import batch as imports
from jjjdesk.services import backups

HEAD = [["2024年3月"], ["项目名称", "工作进展", "完成进度"]]


def _import(db, path, paths):
    with db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=path)
    with db.session() as s:
        return imports.commit_import(session=s, actor=OFFICE, preview=preview,
                                     database_url=db.url, paths=paths)


@pytest.mark.sqlite_only
def test_one_safety_copy_a_day_then_undo_protects(empty_db, tmp_path, isolated_paths):
    build_registry(empty_db)
    first = _import(empty_db, write_xlsx(tmp_path / "a.xlsx", [
        *HEAD, ["津兴城际铁路", "铺轨", "50%"]]), isolated_paths)
    assert first.backup_path is not None and first.backup_path.exists()
    second = _import(empty_db, write_xlsx(tmp_path / "b.xlsx", [
        *HEAD, ["天津港北疆港区集装箱码头", "x", "40%"]]), isolated_paths)
    assert second.backup_path is None  # today's copy stands
    (only,) = backups.list_backups(url=empty_db.url, paths=isolated_paths)
    assert only.path == first.backup_path
