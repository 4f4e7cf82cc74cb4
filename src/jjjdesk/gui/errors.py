"""Known errors as plain messages, bugs as a crash dialog naming the log; Qt messages to logging."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs

log = logging.getLogger("jjjdesk.gui")
qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def qt_message_handler(msg_type: QtMsgType, context, message: str) -> None:
    category = getattr(context, "category", None) or "default"
    qt_log.log(_QT_LEVELS.get(msg_type, logging.WARNING), "[%s] %s", category, message)


def install_qt_message_handler() -> None:
    qInstallMessageHandler(qt_message_handler)


class ExceptHook:
    """sys.excepthook for the GUI: never a traceback in front of the user, always one in the log."""

    def __init__(self, log_file: Path):
        self.log_file = log_file
        self._showing = False

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if issubclass(exc_type, UserFacingError):
            log.warning("user-facing error: %s", exc)
            dialogs.show_user_error(QApplication.activeWindow(), str(exc))
            return
        from jjjdesk.db.errors import describe  # a database cause is no crash: say it in words

        known = describe(exc)
        if known:
            log.warning("database error", exc_info=(exc_type, exc, tb))
            dialogs.show_user_error(QApplication.activeWindow(), known)
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if self._showing:  # an error inside the dialog must not open dialogs forever
            return
        self._showing = True
        try:
            self.show_crash_dialog(exc)
        finally:
            self._showing = False

    def show_crash_dialog(self, exc: BaseException) -> None:
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(tr("程序出错"))
        box.setText(tr("程序遇到了意外错误,刚才的操作可能没有完成。"))
        box.setInformativeText(
            tr(
                "已保存的数据不受影响。详细信息已写入日志文件:\n{0}\n"
                "如问题反复出现,请将该文件发给技术支持。"
            ).format(self.log_file)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        dialogs.run_box(box)


def install_excepthook(log_file: Path) -> ExceptHook:
    hook = ExceptHook(log_file)
    sys.excepthook = hook
    return hook
