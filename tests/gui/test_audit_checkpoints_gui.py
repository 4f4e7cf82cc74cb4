"""审计日志 page: 导出检查点… and 核对检查点… (issue 16 item 4), over a real demo database."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import AuditEvent
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.pages import audit_checkpoints
from jjjdesk.gui.pages.audit_page import AuditPage
from jjjdesk.services import audit, audit_keys, projects

ADMIN = Actor("管理员", Role.ADMIN)


@pytest.fixture
def page(demo_db, qtbot):
    with demo_db.session() as s:
        for n in range(3):
            projects.create_project(session=s, actor=ADMIN,
                                    values={"code": f"CK-{n}", "name": f"检查点项目{n}"})
    shown = AuditPage()
    qtbot.addWidget(shown)
    shown.set_context(AppContext(demo_db, ADMIN))
    shown.show()
    qtbot.waitUntil(lambda: not shown.is_loading(), timeout=10000)
    yield shown
    shown.worker.wait(10000)


def _answer(monkeypatch, *, key=None, passphrase=None, save=None, checkpoints=(), public=None):
    opened = iter(p for p in (key, public) if p)
    monkeypatch.setattr(audit_checkpoints, "ask_open", lambda *a: str(next(opened)))
    monkeypatch.setattr(audit_checkpoints, "ask_passphrase", lambda *a: passphrase)
    monkeypatch.setattr(audit_checkpoints, "ask_save", lambda *a: str(save) if save else None)
    monkeypatch.setattr(audit_checkpoints, "ask_open_many",
                        lambda *a: [str(c) for c in checkpoints])


def _click(page, qtbot, button) -> None:
    button.click()
    qtbot.waitUntil(lambda: not page.worker.is_busy(), timeout=15000)


def test_export_then_verify_and_a_rewrite_is_named(page, qtbot, tmp_path, monkeypatch, boxes):
    keys = audit_keys.generate_key_pair(folder=tmp_path / "keys", passphrase=b"kou ling")
    cp = tmp_path / "本周检查点.json"
    _answer(monkeypatch, key=keys.private, passphrase="kou ling", save=tmp_path / "本周检查点")
    _click(page, qtbot, page.checkpoints.export_button)
    assert cp.exists()
    title, said, _ = boxes.shown[-1]
    assert title == "已导出审计检查点" and "公钥编号 " + keys.key_id in said
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)
    assert page.model.index(0, 2).data() == "导出审计检查点"  # the export is in the log

    _answer(monkeypatch, checkpoints=[cp], public=keys.public)
    _click(page, qtbot, page.checkpoints.verify_button)
    title, said, _ = boxes.shown[-1]
    assert title == "核对通过" and "相符" in said

    db = page.context.db
    with db.session() as s:
        target = audit.list_events(session=s, limit=1000)[-2].id  # the second oldest
    with db.session() as s:  # a table writer edits a row and recomputes the chain after it
        prev = ""
        for row in s.exec(select(AuditEvent).order_by(col(AuditEvent.id))):
            if row.id == target:
                row.summary = "什么也没发生"
            if row.id >= target:
                row.prev_hash, row.hash = prev, audit._digest(prev, row)
            prev = row.hash
    _answer(monkeypatch, checkpoints=[cp], public=keys.public)
    _click(page, qtbot, page.checkpoints.verify_button)
    title, said, _ = boxes.shown[-1]
    assert title == "核对未通过"
    assert "哈希链校验通过" in said and f"第 {target} 条记录的内容已被修改" in said


def test_a_wrong_passphrase_and_a_coordinator_are_told_in_words(page, demo_db, qtbot,
                                                                tmp_path, monkeypatch, boxes):
    keys = audit_keys.generate_key_pair(folder=tmp_path / "keys", passphrase=b"right")
    _answer(monkeypatch, key=keys.private, passphrase="wrong", save=tmp_path / "a.json")
    _click(page, qtbot, page.checkpoints.export_button)
    assert "口令不对" in boxes.texts[-1] and not (tmp_path / "a.json").exists()
    assert page.checkpoints.export_button.isEnabled()

    page.set_context(AppContext(demo_db, Actor("小李", Role.COORDINATOR)))
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)
    _answer(monkeypatch, key=keys.private, passphrase="right", save=tmp_path / "b.json")
    _click(page, qtbot, page.checkpoints.export_button)
    assert "只有审计员或管理员" in boxes.texts[-1] and not (tmp_path / "b.json").exists()
    with demo_db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_event WHERE action = 'checkpoint'")
                            ).scalar() == 0
