"""UI state across restarts, one instance per data folder, errors and Qt messages."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QtMsgType
from PySide6.QtNetwork import QLocalServer

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import settings
from jjjdesk.gui.errors import ExceptHook, qt_message_handler
from jjjdesk.gui.main_window import PAGE_UNITS, MainWindow
from jjjdesk.gui.single_instance import SingleInstance, server_name


def test_settings_live_in_the_redirected_folder(tmp_path):
    assert settings.settings_file().is_relative_to(tmp_path)


def test_last_filter_and_page_survive_a_restart(window, context, qtbot, type_into):
    page = window.projects_page
    stage = page.filter_combos["stage"]
    stage.setCurrentIndex(stage.findText("在建"))
    unit = page.filter_combos["unit_id"]
    unit.setCurrentIndex(unit.findText("滨海新区"))
    type_into(page.search_edit, "天津")
    qtbot.waitUntil(lambda: page.model.query.text == "天津")
    expected = page.model.total
    window.show_page(PAGE_UNITS)
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    assert again.page_stack.currentIndex() == PAGE_UNITS
    again.attach(context)
    restored = again.projects_page
    assert restored.filter_combos["stage"].currentText() == "在建"
    assert restored.filter_combos["unit_id"].currentText() == "滨海新区"
    assert restored.search_edit.text() == "天津"
    assert restored.model.query.stage == "under_construction"
    assert restored.model.total == expected
    again.context = None


def test_second_start_activates_the_first(qtbot, tmp_path):
    name = f"jjjdesk-test-{uuid.uuid4().hex[:8]}"
    first = SingleInstance(name)
    assert first.listen()
    second = SingleInstance(name)
    with qtbot.waitSignal(first.activated, timeout=3000):
        assert second.notify_running()
    first.close()
    QLocalServer.removeServer(name)
    assert not SingleInstance(name).notify_running()


def test_server_name_depends_on_the_data_folder(tmp_path):
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a" / ".." / "a")


def test_window_comes_forward_when_activated(window, qtbot):
    window.showMinimized()
    window.activate()
    assert not window.isMinimized()


def test_crash_dialog_names_the_log_file(tmp_path, boxes, caplog):
    log_file = tmp_path / "logs" / "jjjdesk.log"
    hook = ExceptHook(log_file)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR):
            hook(type(exc), exc, exc.__traceback__)
    title, text, info = boxes.shown[-1]
    assert title == "程序出错"
    assert str(log_file) in info
    assert "Traceback" not in text + info and "boom" not in text + info
    assert any(r.exc_info and r.exc_info[0] is RuntimeError for r in caplog.records)


def test_user_facing_error_is_a_plain_message(tmp_path, boxes):
    hook = ExceptHook(tmp_path / "x.log")
    hook(UserFacingError, UserFacingError("文件正被 Excel 打开,请关闭后重试。"), None)
    title, text, _info = boxes.shown[-1]
    assert title == "无法完成操作"
    assert text == "文件正被 Excel 打开,请关闭后重试。"


def test_qt_messages_go_to_logging(caplog):
    class Context:
        category = "qt.test"

    with caplog.at_level(logging.DEBUG, logger="qt"):
        qt_message_handler(QtMsgType.QtWarningMsg, Context(), "something odd")
    record = caplog.records[-1]
    assert record.levelno == logging.WARNING
    assert "something odd" in record.getMessage()
