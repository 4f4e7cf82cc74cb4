"""`jjjdesk-cli entries list|show`: stored entries with their provenance after an import."""

from __future__ import annotations

import json

from import_helpers import build_registry, write_xlsx

from jjjdesk.cli.main import main


def test_imported_entries_are_listed_and_shown_with_file_sheet_and_row(
        empty_db, tmp_path, capsys):
    build_registry(empty_db)
    path = write_xlsx(tmp_path / "发改委3月.xlsx", [
        ["2024年3月"], ["项目名称", "工作进展", "完成进度"], ["津兴城际铁路", "铺轨过半", "50%"]],
        title="进展")
    db = ["--db", empty_db.url]
    assert main(["import", str(path), *db]) == 0
    capsys.readouterr()

    assert main(["entries", "list", "--period", "2024年3月", "--json", *db]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["subject_code"] == "JJJ-001" and entry["progress"] == "铺轨过半"
    assert entry["completion_pct"] == 50 and entry["period_key"] == "2024-03"
    assert (entry["file_name"], entry["source_sheet"], entry["source_row"]) == (
        "发改委3月.xlsx", "进展", 3)
    assert entry["provenance"].startswith(f"导入批次 {entry['import_batch_id']}:“发改委3月.xlsx”")

    assert main(["entries", "show", str(entry["id"]), *db]) == 0
    out = capsys.readouterr().out
    assert "工作进展:铺轨过半" in out and "来源:导入批次" in out and "第3行" in out

    assert main(["entries", "list", "--period", "2024-02", *db]) == 0
    assert capsys.readouterr().out.strip() == "没有符合条件的填报。"
    assert main(["entries", "list", "--unit", "不存在的单位", *db]) == 1
    assert capsys.readouterr().err.strip() == "错误:台账中没有单位“不存在的单位”。"
    assert main(["entries", "show", "999999", *db]) == 1
    assert "没有编号为 999999 的填报" in capsys.readouterr().err


def test_a_reporter_sees_only_its_own_units_entries(empty_db, tmp_path, capsys):
    import pytest

    from jjjdesk.domain.actor import Actor, Role
    from jjjdesk.services.entry_list import list_entries, show_entry
    from jjjdesk.services.permissions import PermissionDenied

    reg = build_registry(empty_db)
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["2024年3月"], ["项目名称", "责任单位", "工作进展"], ["津兴城际铁路", "市发改委", "铺轨"]])
    assert main(["import", str(path), "--db", empty_db.url]) == 0
    own = Actor(name="发改委填报员", role=Role.REPORTER, unit_id=reg.fgw)
    stranger = Actor(name="滨海填报员", role=Role.REPORTER, unit_id=reg.binhai)
    with empty_db.session() as s:
        [mine] = list_entries(session=s, actor=own)
        assert mine.entry.subject_code == "JJJ-001"
        assert list_entries(session=s, actor=stranger) == []
        with pytest.raises(PermissionDenied):
            list_entries(session=s, actor=stranger, unit_id=reg.fgw)
        with pytest.raises(PermissionDenied):
            show_entry(session=s, actor=stranger, entry_id=mine.entry.id)
