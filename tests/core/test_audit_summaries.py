"""Audit summaries: every one the app writes comes from the catalogue and reads back into it."""

from __future__ import annotations

import ast
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from import_helpers import OFFICE, build_registry, write_xlsx

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.errors import UserFacingError
from jjjdesk.importing import batch as imports
from jjjdesk.services import (
    audit,
    audit_undo,
    board,
    projects,
    rounds,
    settings,
    users,
    workday_overrides,
)
from jjjdesk.services.audit_summaries import CATALOGUE, summary_parts
from jjjdesk.services.audit_text import describe_changes
from jjjdesk.services.demo_history import load_demo_history

ADMIN = Actor("admin", Role.ADMIN)
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]")
SRC = Path(__file__).resolve().parents[2] / "src" / "jjjdesk"


def _read_back(db) -> Counter[str]:
    """Each stored summary's template (asserting every one has one and reads back exactly)."""
    with db.session() as s:
        events = audit.list_events(session=s, limit=1_000_000)
    unknown, keys = [], Counter()
    for e in events:
        parts = summary_parts(e.summary)
        if parts is None:
            unknown.append(e.summary)
            continue
        key, slots = parts
        assert CATALOGUE[key](**slots) == e.summary, (key, slots)
        keys[key] += 1
    assert unknown == []
    return keys


def test_every_audited_record_type_has_a_label():
    """The record types the writers name (ENTITY constants, entity="…") all read in words."""
    from jjjdesk.services.audit_text import ENTITY_LABELS

    written = set()
    for path in sorted(SRC.rglob("*.py")):
        if "gui" in path.parts:  # the GUI's entity names are change notices, not audit rows
            continue
        text = path.read_text(encoding="utf-8")
        written |= set(re.findall(r'^ENTITY = "(\w+)"', text, re.M))
        written |= set(re.findall(r'entity="(\w+)"', text))
        written |= set(re.findall(r'audit_\w+\(session, actor, "(\w+)"', text))
    assert len(written) > 10 and sorted(written - set(ENTITY_LABELS)) == []


def _fail_sign_in(db, username: str, password: str) -> None:
    with db.session() as s, pytest.raises(UserFacingError):
        users.sign_in(session=s, username=username, password=password)


def test_demo_history_sign_ins_settings_calendar_and_undo(demo_db, actor):
    with demo_db.session() as s:
        load_demo_history(session=s, actor=actor, today=date(2026, 12, 3))
    with demo_db.session() as s:
        users.create_first_admin(session=s, username="admin", password="Admin#2024")
    with demo_db.session() as s:
        users.sign_in(session=s, username="admin", password="Admin#2024")
    _fail_sign_in(demo_db, "nobody", "x")
    for _ in range(users.MAX_FAILED_LOGINS):
        _fail_sign_in(demo_db, "admin", "wrong")
    _fail_sign_in(demo_db, "admin", "Admin#2024")  # locked now
    with demo_db.session() as s:
        settings.set_setting(session=s, actor=ADMIN, key="lag.red_gap", value=25)
        settings.set_setting(session=s, actor=ADMIN, key="lag.period_kind", value="quarter")
        settings.set_setting(session=s, actor=ADMIN, key="scorecard.weight_on_time", value=40)
        workday_overrides.set_override(session=s, actor=ADMIN, day=date(2026, 12, 5),
                                       workday=True, note="调休")
        workday_overrides.set_override(session=s, actor=ADMIN, day=date(2026, 12, 6),
                                       workday=True)
        workday_overrides.remove_override(session=s, actor=ADMIN, day=date(2026, 12, 6))
        made = projects.create_project(session=s, actor=ADMIN,
                                       values={"code": "AU-1", "name": "撤销测试"})
        open_round = next(r for r in rounds.list_rounds(session=s) if r.state == "open")
        board.mark_reminded(session=s, actor=ADMIN, round_id=open_round.id,
                            today=date(2026, 12, 3), channel="copy")
    with demo_db.session() as s:
        audit_undo.revert_event(session=s, actor=ADMIN, event_id=made.audit_event_id)
    keys = _read_back(demo_db)
    assert {"DEMO", "DEMO_HISTORY", "FIRST_ADMIN", "LOGIN", "LOGIN_NO_USER",
            "LOGIN_WRONG_PASSWORD", "LOCKOUT", "LOGIN_LOCKED", "SETTING", "CALENDAR_SET",
            "CALENDAR_SET_NOTE", "CALENDAR_CLEAR", "PROJECT_CREATE", "PROJECT_DELETE", "UNDO",
            "REMIND"} <= set(keys)
    with demo_db.session() as s:
        said = {e.summary for e in audit.list_events(session=s, limit=100)}
    # A choice setting is written by its label, as the settings page shows it.
    assert "修改设置 红黄绿灯依据的填报周期:月 → 季度" in said
    assert summary_parts("修改设置 红黑榜权重:按时报送:30 → 40") == (
        "SETTING", {"setting": "红黑榜权重:按时报送", "old": "30", "new": "40"})
    assert "撤销:新增项目 撤销测试" in said
    # Their changes name the setting and the day, never a key ("lag.period_kind", "month").
    with demo_db.session() as s:
        lines = [line for e in audit.list_events(session=s, limit=100) if e.entity == "setting"
                 for line in describe_changes(e.changes, e.entity)]
    assert "红黄绿灯依据的填报周期:月 → 季度" in lines
    assert "工作日历 2026-12-05:(空) → 工作日" in lines
    assert not [line for line in lines if re.search(r"[a-z]{2}", line)]


def test_import_with_evidence_and_its_undo(empty_db, tmp_path):
    build_registry(empty_db)
    root = tmp_path / "报送"
    root.mkdir()
    write_xlsx(root / "3月进展.xlsx", [
        ["2024年3月重点项目进展情况表"], ["填报单位:市发改委"],
        ["序号", "项目编号", "项目名称", "完成进度", "进展情况"],
        [1, "JJJ-001", "津兴城际铁路", "45%", "铺轨完成一半"],
    ])
    (root / "JJJ-001 照片.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    with empty_db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=root)
    with empty_db.session() as s:
        result = imports.commit_import(session=s, actor=OFFICE, preview=preview)
    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)
    keys = _read_back(empty_db)
    assert {"IMPORT_FILES", "IMPORT_UNDO"} <= set(keys)


def test_cli_lists_each_summary_with_its_template(demo_db, capsys):
    import json

    from jjjdesk.cli.main import main

    with demo_db.session() as s:
        projects.create_project(session=s, actor=ADMIN, values={"code": "C-1", "name": "命令行"})
    assert main(["audit", "list", "--json", "--limit", "1", "--db", str(demo_db.url)]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert (row["summary"], row["summary_template"], row["summary_slots"]) == (
        "新增项目 命令行", "PROJECT_CREATE", {"name": "命令行"})


def _summary_argument(call: ast.Call) -> ast.expr | None:
    name = getattr(call.func, "attr", "")
    for keyword in call.keywords:
        if keyword.arg == "summary":
            return keyword.value
    if name in ("audit_create", "audit_update", "audit_delete") and len(call.args) > 4:
        return call.args[4]
    return None


def test_no_summary_is_written_outside_the_catalogue():
    """A literal or f-string handed to the audit would be a summary no template reads back."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = None
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in (
                    "record", "audit_create", "audit_update", "audit_delete"):
                value = _summary_argument(node)
            elif isinstance(node, ast.Dict):  # record_many's events
                items = {k.value: v for k, v in zip(node.keys, node.values, strict=True)
                         if isinstance(k, ast.Constant)}
                event = "entity_id" in items and not isinstance(items["entity_id"], ast.Constant)
                value = items.get("summary") if event else None
            if isinstance(value, ast.JoinedStr | ast.BinOp) or (
                    isinstance(value, ast.Constant) and isinstance(value.value, str)):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert found == []


def test_each_template_has_english_with_the_same_slots():
    zh = [t.zh for t in CATALOGUE.values()]
    assert len(zh) == len(set(zh)) >= 60
    for key, template in CATALOGUE.items():
        assert sorted(re.findall(r"\{(\w+)\}", template.en)) == sorted(template.slots), key
        assert not CJK.search(template.en), key
        assert template.key == key


def test_reading_back():
    assert summary_parts("撤销:撤销导入“3月.xlsx”(批次 4)") == (
        "UNDO", {"summary": "撤销导入“3月.xlsx”(批次 4)"})
    assert summary_parts("填报 A B 2026年3月(整表保存)") == (
        "ENTRY_SAVE_SHEET", {"title": "A B", "period": "2026年3月"})
    assert summary_parts("填报 A B 2026年第一季度") == (
        "ENTRY_SAVE", {"title": "A B", "period": "2026年第一季度"})
    assert summary_parts("新增存在问题:征迁:滞后") == (
        "PROBLEM_CREATE", {"problem_kind": "存在问题", "text": "征迁:滞后"})
    assert summary_parts("新增项目 津兴城际铁路:一期") == (
        "PROJECT_CREATE", {"name": "津兴城际铁路:一期"})
    assert summary_parts("一条旧版本写的摘要") is None
