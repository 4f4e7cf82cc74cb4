"""佐证材料 beyond the entry form's list: the size limit the office sets, thumbnails and PDF
first pages, the panel in the review page and the grid, and on 延期申请."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from rounds_helpers import Shown, build, make_round

from jjjdesk.gui.context import AppContext
from jjjdesk.gui.rounds.attachments_panel import AttachmentsPanel
from jjjdesk.services import entries


@pytest.fixture
def entry_id(empty_db, actor):
    reg = build(empty_db)
    rnd = make_round(empty_db)
    with empty_db.session() as s:
        return entries.save_entry(session=s, actor=actor, subject=reg.task_a, round_id=rnd.id,
                                  values={"progress": "推进中"}).entry_id


@pytest.fixture
def panel(empty_db, actor, entry_id, qtbot):
    widget = AttachmentsPanel(AppContext(empty_db, actor))
    qtbot.addWidget(widget)
    widget.resize(520, 300)
    widget.show()
    widget.set_entry(entry_id, True)
    return widget


def test_the_office_sets_the_size_limit_and_the_hint_names_it(panel, qtbot, monkeypatch):
    assert "每个不超过 50 MB" in panel.hint.text()
    assert panel.limit_button.isVisible()
    shown = Shown(monkeypatch, qtbot)

    def answer(dialog):
        dialog.widgets["attach.max_mb"].setValue(10)
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
        return 1

    shown.answer = answer
    panel.limit_button.click()
    assert shown.last.windowTitle() == "佐证材料设置"
    assert "每个不超过 10 MB" in panel.hint.text()


def test_a_reporter_sees_no_limit_button(empty_db, entry_id, qtbot):
    from jjjdesk.domain.actor import Actor, Role

    reporter = Actor("甲填报员", Role.REPORTER, unit_id=1)
    widget = AttachmentsPanel(AppContext(empty_db, reporter))
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.limit_button.isVisible()
