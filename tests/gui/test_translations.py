"""English UI: every string a user can see on an empty registry is English.

The main window, every page of the catalog and every dialog we can build are created with
the English translator installed, over an EMPTY registry (so no record names from the
database appear), and every widget is walked: window titles, labels, buttons, group boxes,
tabs, table/tree headers, menus and actions, tool tips, placeholders, combo items, list
items. A failure lists each widget (class, objectName, parent chain) and the Chinese text,
so the fix is: add `self.tr(...)`, run scripts/update_translations.sh, translate the new
entries in resources/translations/jjjdesk_en.ts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from xml.etree import ElementTree

import pytest
import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from jjjdesk.gui import i18n
from jjjdesk.gui.context import AppContext

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
# Visible on purpose in both languages: the language menu names each language in itself.
ALLOWED = {"中文", "语言 / Language"}
# Chinese inside English on purpose: examples of what users type or files are named, and
# default names of records (a round is named after its period, as the office's papers are).
DATA_FRAGMENTS = ("市发改委、发改委", "“、”", "2024年3月月报_市发展改革委.xlsx")
DATA_TEXTS = re.compile(r"^\d{4}年.{0,8}(月报|季报|周报|年报)$")




@pytest.fixture
def empty_context(empty_db, actor, qtbot) -> Iterator[AppContext]:
    yield AppContext(empty_db, actor)


def _where(widget: QWidget) -> str:
    chain = []
    node: QWidget | None = widget
    while node is not None and len(chain) < 6:
        chain.append(f"{type(node).__name__}#{node.objectName() or '?'}")
        node = node.parentWidget()
    return " < ".join(chain)


def _model_texts(model: QAbstractItemModel | None) -> Iterator[tuple[str, str]]:
    if model is None:
        return
    if isinstance(model, QAbstractListModel):  # a list of choices: its items are visible text
        for row in range(min(model.rowCount(), 200)):
            value = model.index(row, 0).data(Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield f"list model row {row}", value
        return
    for section in range(model.columnCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield f"column header {section}", value


def _action_texts(action: QAction, where: str) -> Iterator[tuple[str, str]]:
    for what, text in (
        ("action text", action.text()),
        ("action tooltip", action.toolTip() if action.toolTip() != action.text() else ""),
        ("action status tip", action.statusTip()),
    ):
        yield f"{where} · {what}", text
    if action.menu() is not None:
        yield from _menu_texts(action.menu(), where)


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield f"{where} · menu title", menu.title()
    for action in menu.actions():
        yield from _action_texts(action, f"{where} > {action.text()}")


def visible_texts(root: QWidget, skip: tuple[QWidget, ...] = ()) -> Iterator[tuple[str, str]]:
    """(where, text) for every user-visible string under `root` (itself included), leaving
    out the subtrees in `skip`."""
    skipped = {id(w) for s in skip for w in (s, *s.findChildren(QWidget))}
    widgets = [w for w in (root, *root.findChildren(QWidget)) if id(w) not in skipped]
    for widget in widgets:
        if not shiboken6.isValid(widget):  # a transient menu deleted meanwhile
            continue
        where = _where(widget)
        if widget.isWindow():
            yield f"{where} · window title", widget.windowTitle()
        yield f"{where} · tooltip", widget.toolTip()
        yield f"{where} · whatsThis", widget.whatsThis()
        if isinstance(widget, QLabel):
            yield f"{where} · text", widget.text()
        if isinstance(widget, QAbstractButton):
            yield f"{where} · text", widget.text()
        if isinstance(widget, QGroupBox):
            yield f"{where} · title", widget.title()
        if isinstance(widget, QLineEdit):
            yield f"{where} · placeholder", widget.placeholderText()
        if isinstance(widget, (QPlainTextEdit, QTextEdit)):
            yield f"{where} · placeholder", widget.placeholderText()
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{where} · item {i}", widget.itemText(i)
            if widget.lineEdit() is not None:
                yield f"{where} · placeholder", widget.lineEdit().placeholderText()
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{where} · tab {i}", widget.tabText(i)
                yield f"{where} · tab tooltip {i}", widget.tabToolTip(i)
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                yield f"{where} · list item {i}", widget.item(i).text()
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for column in range(widget.columnCount()):
                yield f"{where} · tree header {column}", header.text(column)
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            for what, text in _model_texts(widget.model()):
                yield f"{where} · {what}", text
        if isinstance(widget, QMenu):
            yield from _menu_texts(widget, where)
        for action in QWidget.actions(widget):  # pages may shadow `actions`
            yield from _action_texts(action, f"{where} · action")


def untranslated(root: QWidget, skip: tuple[QWidget, ...] = ()) -> list[str]:
    found = []
    for where, text in visible_texts(root, skip):
        for fragment in DATA_FRAGMENTS:
            text = text.replace(fragment, "")
        if text and text not in ALLOWED and not DATA_TEXTS.match(text) and CJK.search(text):
            found.append(f"{where}: {text!r}")
    return sorted(set(found))


def _report(problems: dict[str, list[str]]) -> str:
    lines = [
        "Chinese text visible in the English UI. Wrap it in self.tr()/QCoreApplication."
        "translate(), run scripts/update_translations.sh and translate the new entries:"
    ]
    for owner, found in problems.items():
        lines.append(f"[{owner}]")
        lines.extend(f"  {line}" for line in found)
    return "\n".join(lines)


def test_ts_file_is_complete_and_consistent():
    """Every message is translated, keeps its {placeholders} and contains no Chinese."""
    root = ElementTree.parse(i18n.ts_file()).getroot()
    problems = []
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            text = translation.text or ""
            if translation.get("type") == "unfinished" or not text:
                problems.append(f"[{name}] untranslated: {source!r}")
                continue
            if sorted(re.findall(r"\{(\w*)", source)) != sorted(re.findall(r"\{(\w*)", text)):
                problems.append(f"[{name}] placeholders differ: {source!r} -> {text!r}")
            if source.count("&") - source.count("&&") and "&" not in text:
                problems.append(f"[{name}] lost its accelerator: {source!r} -> {text!r}")
            if CJK.search(text) and not re.search(r"[“”]?[^\x00-\x7f]+\.xlsx|、", text):
                problems.append(f"[{name}] Chinese in the translation: {text!r}")
    assert not problems, "\n".join(problems)


def test_translator_answers_qt(english):
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "&File"
    # PySide reports a subclass (or a variable's name) as context: found by source text.
    assert QCoreApplication.translate("SomeSubclass", "文件(&F)") == "&File"
    assert QCoreApplication.translate("MainWindow", "没有这条") == "没有这条"


def cut_headers(root: QWidget) -> list[str]:
    """Column headers under `root` too narrow for their text (Qt would elide them)."""
    from PySide6.QtWidgets import QTableView

    from jjjdesk.gui.header_fit import PADDING, needed_width

    cut = []
    for view in root.findChildren(QTableView):
        header = view.horizontalHeader()
        if header.model() is None or header.isHidden():
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section) or header.stretchLastSection() and (
                    section == header.count() - 1):
                continue
            if header.sectionSize(section) < needed_width(header, section) - PADDING + 6:
                text = header.model().headerData(section, Qt.Orientation.Horizontal)
                cut.append(f"{view.objectName() or type(view).__name__} · {text!r}")
    return cut


def test_main_window_and_pages_are_english(english, empty_context, qtbot):
    from jjjdesk.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.attach(empty_context)
    window.show()
    qtbot.waitExposed(window)
    problems: dict[str, list[str]] = {}
    for index, page in enumerate(window.pages):
        window.show_page(index)
        qtbot.wait(50)  # pages load their first rows through the worker
        found = untranslated(page) + [f"cut header: {c}" for c in cut_headers(page)]
        if found:
            problems[f"page {type(page).__name__}"] = found
    window.show_page(0)
    found = untranslated(window, skip=tuple(window.pages))
    if found:
        problems["MainWindow"] = found
    window.context = None
    assert not problems, _report(problems)


def _dialog_builders(context: AppContext) -> dict[str, Callable[[QWidget], QWidget]]:
    """Every dialog that can be built without a record; add new ones here."""

    def export(mode: str) -> Callable[[QWidget], QWidget]:
        from jjjdesk.gui.exporting import export_dialog

        return lambda parent: export_dialog.ExportDialog(context, mode, parent)

    def build(module: str, name: str, *args, **kwargs) -> Callable[[QWidget], QWidget]:
        def make(parent: QWidget) -> QWidget:
            mod = __import__(f"jjjdesk.gui.{module}", fromlist=[name])
            return getattr(mod, name)(*args, parent=parent, **kwargs)

        return make

    from jjjdesk.gui.exporting import export_dialog

    builders = {
        "ConnectDialog": build("connect_dialog", "ConnectDialog"),
        "LoginDialog": build("login_dialog", "LoginDialog", lambda u, p: None, "db"),
        "ChangePasswordDialog": build(
            "login_dialog", "ChangePasswordDialog", lambda o, n: None, "user"
        ),
        "FirstAdminDialog": build("login_dialog", "FirstAdminDialog", lambda u, p: None, "db"),
        "UserDialog": build("user_dialog", "UserDialog", [], lambda values: None),
        "ConflictDialog": build("conflict_dialog", "ConflictDialog", "x", [("a", "b", "c")]),
        "ProgressDialog": build("progress_dialog", "ProgressDialog", "x", "y"),
        "NewRoundDialog": build("rounds.new_round_dialog", "NewRoundDialog", context),
        "ThresholdsDialog": build("rounds.thresholds_dialog", "ThresholdsDialog", context),
        "ReminderDialog": build("rounds.reminder_dialog", "ReminderDialog", "x", "y"),
    }
    for mode in (export_dialog.LEDGER, export_dialog.TEMPLATES, export_dialog.PACK):
        builders[f"ExportDialog({mode})"] = export(mode)
    return builders


def test_dialogs_are_english(english, empty_context, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    problems: dict[str, list[str]] = {}
    failed: list[str] = []
    for name, make in _dialog_builders(empty_context).items():
        try:
            dialog = make(parent)
        except Exception as exc:  # noqa: BLE001 - a builder out of date is reported below
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        if isinstance(dialog, QDialog):
            dialog.show()
            qtbot.wait(20)
        found = untranslated(dialog) + [f"cut header: {c}" for c in cut_headers(dialog)]
        if found:
            problems[name] = found
        dialog.close()
        dialog.deleteLater()
    assert not failed, "dialogs that could not be built:\n" + "\n".join(failed)
    assert not problems, _report(problems)


def test_language_setting_round_trip(qtbot, boxes):
    from jjjdesk.gui.main_window import MainWindow

    assert i18n.saved_language() == i18n.CHINESE
    window = MainWindow()
    qtbot.addWidget(window)
    menu = window.findChild(QMenu, "languageMenu")
    english_action = next(a for a in menu.actions() if a.data() == i18n.ENGLISH)
    english_action.trigger()
    assert i18n.saved_language() == i18n.ENGLISH
    assert "restarts" in boxes.texts[0]


def test_core_labels_are_listed_for_translation():
    """Enum labels, period kinds, settings and roles come from Qt-free code: labels.py
    lists them for lupdate. A new enum value must be added there (and translated)."""
    from jjjdesk.domain.enums import LABELS
    from jjjdesk.domain.period import _KIND_LABELS
    from jjjdesk.gui.labels import CORE_LABELS
    from jjjdesk.gui.user_dialog import ROLE_TEXTS
    from jjjdesk.services.settings import DOMAIN_SETTINGS

    wanted = {label for labels in LABELS.values() for label in labels.values()}
    wanted |= set(_KIND_LABELS.values()) | set(ROLE_TEXTS.values())
    for spec in DOMAIN_SETTINGS:
        wanted |= {spec.label, spec.help, *(text for _code, text in spec.choices or ())}
    assert sorted(wanted - set(CORE_LABELS)) == []
    assert i18n.TsTranslator(i18n.ts_file()).translate("enums", "在建") == "Under construction"
