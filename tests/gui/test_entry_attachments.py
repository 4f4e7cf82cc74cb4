"""佐证材料 in the entry form: after the first save, files are added by button or by dropping
them, opened with the system viewer, and removed (kept in the history)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QFileDialog
from rounds_helpers import build, make_round

from jjjdesk.gui import dialogs
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.rounds.entry_dialog import EntryDialog
from jjjdesk.services import attachments


@pytest.fixture
def form(empty_db, actor, qtbot, type_into):
    reg = build(empty_db)
    rnd = make_round(empty_db)
    dialog = EntryDialog(AppContext(empty_db, actor), reg.task_a, round_id=rnd.id)
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.attachments
    assert not panel.add_button.isEnabled() and "保存草稿后" in panel.hint.text()
    type_into(dialog.fields["progress"], "推进中")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert panel.add_button.isEnabled()
    return dialog


def _names(panel) -> list[str]:
    return [panel.list.item(i).text().splitlines()[0] for i in range(panel.list.count())]


def test_add_by_button_and_by_drop_open_and_remove(form, qtbot, tmp_path, monkeypatch,
                                                    empty_db):
    panel = form.attachments
    photo, report = tmp_path / "现场照片.jpg", tmp_path / "验收报告.pdf"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"jpeg" * 500)
    report.write_bytes(b"%PDF-1.7 " * 500)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    panel.add_button.click()
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10_000)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(report))])
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.list.dropEvent(drop)  # what Qt calls when the files are let go over the list
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=10_000)
    assert _names(panel) == ["现场照片.jpg", "验收报告.pdf"]

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel.list.setCurrentRow(1)
    panel.open_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    copy = opened[0].toLocalFile()
    assert Path(copy).read_bytes() == report.read_bytes()

    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
    panel.list.setCurrentRow(0)
    panel.remove_button.click()
    assert _names(panel) == ["验收报告.pdf"]
    with empty_db.session() as s:
        kept = attachments.list_attachments(session=s, actor=form.context.actor,
                                            entry_id=panel.entry_id, include_deleted=True)
    assert [(k.file_name, k.is_deleted) for k in kept] == [("现场照片.jpg", True),
                                                           ("验收报告.pdf", False)]


def test_a_refused_file_says_why_and_adds_nothing(form, qtbot, tmp_path, monkeypatch):
    panel = form.attachments
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ" + b"\0" * 100)
    shown = []
    monkeypatch.setattr(dialogs, "show_user_error", lambda _p, text, _t=None: shown.append(text))
    panel.add_files([program])
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "setup.exe" in shown[0] and panel.list.count() == 0
