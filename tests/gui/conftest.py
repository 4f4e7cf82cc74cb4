"""GUI fixtures: a main window or a single page over a real demo database (see ../conftest.py)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from jjjdesk.gui import dialogs, i18n
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.worker import Worker


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The offscreen platform plugin warns on every top-level show() and raise(): limits of
    # the test platform, not warnings of our code. Qt's image decoders warn about the damaged
    # photos the 佐证材料 tests feed them (a plain icon is then shown, as intended).
    ignore = pytest.mark.qt_log_ignore(
        r"This plugin does not support (propagateSizeHints|raise)\(\)",
        r"JPEG datastream contains no image|Corrupt JPEG data|Premature end of JPEG file"
        r"|Invalid JPEG file structure|libpng (warning|error)",
    )
    for item in items:
        if "tests/gui/" in str(item.path).replace("\\", "/"):
            item.add_marker(ignore)


@pytest.fixture(autouse=True)
def _no_unexpected_boxes(monkeypatch):
    """A message box nobody expected fails the test instead of blocking it forever."""

    def unexpected(box: QMessageBox) -> int:
        raise AssertionError(f"unexpected message box: {box.text()} {box.informativeText()}")

    monkeypatch.setattr(dialogs, "run_box", unexpected)


@pytest.fixture
def context(demo_db, actor, qtbot) -> Iterator[AppContext]:
    """The demo registry as the GUI sees it; the database fixture disposes it."""
    yield AppContext(demo_db, actor)


@pytest.fixture
def window(context, qtbot):
    from jjjdesk.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.attach(context)
    win.show()
    qtbot.waitExposed(win)
    yield win
    _settle(win, qtbot)
    win.context = None  # the database fixture closes the database


def _settle(win, qtbot, seconds: float = 10.0) -> None:
    """The pages' reads still in their workers finish (and report) before the database
    fixture drops the database: on PostgreSQL a read cut off by the DROP reached a page's
    error handler during teardown."""
    workers = win.findChildren(Worker)
    deadline = time.monotonic() + seconds
    while any(w.is_busy() for w in workers) and time.monotonic() < deadline:
        qtbot.wait(20)


class Boxes:
    """Message boxes shown during a test, answered without blocking."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def __call__(self, box: QMessageBox) -> int:
        self.shown.append((box.windowTitle(), box.text(), box.informativeText()))
        return self.answer

    @property
    def texts(self) -> list[str]:
        return [f"{t} {x} {i}" for t, x, i in self.shown]


@pytest.fixture
def boxes(monkeypatch, _no_unexpected_boxes) -> Boxes:
    answering = Boxes()
    monkeypatch.setattr(dialogs, "run_box", answering)
    return answering


def _commit(widget, text: str) -> None:
    """Chinese arrives from the input method as a committed string, not as key presses."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def type_into(qtbot):
    """type_into(widget, text): clear the field, then type as a user would (IME for 汉字).

    QTest.keyClicks aborts the process on non-ASCII characters, so those go through
    QInputMethodEvent, which is also how an IME delivers them.
    """

    def typing(widget, text: str) -> None:
        widget.setFocus()
        widget.clear()
        for part in _runs(text):
            if part.isascii():
                qtbot.keyClicks(widget, part)
            else:
                _commit(widget, part)

    return typing


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    for char in text:
        if runs and runs[-1][-1].isascii() == char.isascii():
            runs[-1] += char
        else:
            runs.append(char)
    return runs


@pytest.fixture
def english(qtbot) -> Iterator[None]:
    app = QApplication.instance()
    # Earlier tests may have started the app in Chinese (qtbase_zh_CN would answer for
    # 确定/取消): set those translators aside while this test runs.
    earlier = app.findChildren(QTranslator)
    for translator in earlier:
        app.removeTranslator(translator)
    installed = i18n.install_language(app, i18n.ENGLISH)
    yield
    i18n.remove_translators(app, installed)
    for translator in earlier:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


@pytest.fixture
def memory_keyring():
    """A keyring in a dict (the test machine has none), for what the connect dialog keeps
    or, from an earlier version, finds there."""
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1

        def __init__(self):
            self.store = {}

        def get_password(self, service, username):
            return self.store.get((service, username))

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def delete_password(self, service, username):
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    backend = Memory()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
