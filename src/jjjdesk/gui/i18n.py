"""Interface language: Chinese sources by default, English from the `.ts` file read directly.

The English translation ships as `resources/translations/jjjdesk_en.ts` and nothing else: no
compiled `.qm` in the repository, none needed by a wheel or by the frozen app. `TsTranslator`
parses the Qt Linguist XML (a few hundred messages, a few milliseconds) and answers Qt's
`translate()` calls, so `self.tr(...)`, `QCoreApplication.translate(...)` and `.ui` forms
loaded by QUiLoader all follow it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from jjjdesk.gui import settings

log = logging.getLogger(__name__)

CHINESE, ENGLISH = "zh_CN", "en"
LANGUAGES = {CHINESE: "中文", ENGLISH: "English"}
SETTINGS_KEY = "ui/language"
ENV_LANGUAGE = "JJJDESK_LANG"
_active = CHINESE  # the language install_language last set up


class TsTranslator(QTranslator):
    """A QTranslator over a Qt Linguist `.ts` file (finished translations only)."""

    def __init__(self, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.path = path
        # (context, source, disambiguation) → forms; source → forms as a fallback, because
        # PySide's `tr()` reports the runtime class (a subclass) as context and lupdate
        # names contexts after variables (`self.window.tr`) where Python has no static type.
        self._exact: dict[tuple[str, str, str], list[str]] = {}
        self._by_source: dict[str, list[str]] = {}
        self._load(path)

    def _load(self, path: Path) -> None:
        from defusedxml import ElementTree

        root = ElementTree.parse(str(path)).getroot()
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                forms = _forms(message)
                if not forms:
                    continue
                comment = message.findtext("comment") or ""
                self._exact[(name, source, comment)] = forms
                self._by_source.setdefault(source, forms)

    def __len__(self) -> int:
        return len(self._exact)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self._exact

    def language(self) -> str:
        return ENGLISH

    def translate(  # Qt calls this for every translated string
        self,
        context: str | bytes | None,
        source_text: str | bytes | None,
        disambiguation: str | bytes | None = None,
        n: int = -1,
    ) -> str | None:
        source = _text(source_text)
        forms = self._exact.get((_text(context), source, _text(disambiguation)))
        if forms is None:
            forms = self._by_source.get(source)
        if not forms:
            # None is a null QString: Qt asks the next translator, then shows the source.
            # ("" would be taken as the translation: an empty label.)
            return None
        # English numerus: form 0 for exactly one, form 1 otherwise (Qt replaces %n itself).
        return forms[0] if n == 1 or len(forms) == 1 else forms[1]


def _text(value: str | bytes | None) -> str:
    if value is None:
        return ""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _forms(message) -> list[str]:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return []
    if message.get("numerus") == "yes":
        forms = [f.text or "" for f in translation.iter("numerusform")]
        return forms if all(forms) else []
    return [translation.text] if translation.text else []


def ts_file(language: str = ENGLISH) -> Path:
    from jjjdesk.resources import translations_dir

    return translations_dir() / f"jjjdesk_{language}.ts"


def saved_language() -> str:
    """The language chosen in 帮助 → 语言 (JJJDESK_LANG overrides, for tests and screenshots)."""
    import os

    value = os.environ.get(ENV_LANGUAGE) or settings.qsettings().value(SETTINGS_KEY, CHINESE)
    return ENGLISH if str(value).lower().startswith("en") else CHINESE


def save_language(language: str) -> None:
    s = settings.qsettings()
    s.setValue(SETTINGS_KEY, language)
    s.sync()


def install_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's own translation and (for English) ours; set the default locale.

    Returns the translators; the caller keeps them alive and can pass them to
    `remove_translators` (tests switch languages within one process).
    """
    global _active
    _active = language
    installed: list[QTranslator] = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_name = "qtbase_zh_CN" if language == CHINESE else "qtbase_en"
    qt = QTranslator(app)
    if qt.load(qt_name, qt_folder):
        app.installTranslator(qt)
        installed.append(qt)
    elif language == CHINESE:  # English is Qt's source language: no file is fine
        log.warning("%s.qm not found in %s", qt_name, qt_folder)
    if language == ENGLISH:
        try:
            ours = TsTranslator(ts_file(ENGLISH), app)
        except (OSError, SyntaxError) as exc:  # ParseError is a SyntaxError
            log.error("English translation unavailable: %s", exc)
        else:
            app.installTranslator(ours)
            installed.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo `install_language` (tests): back to the Chinese sources."""
    global _active
    for translator in translators:
        app.removeTranslator(translator)
        translator.setParent(None)  # not found again by findChildren; freed with its refs
    _active = CHINESE


def active_language() -> str:
    return _active


def add_language_menu(window, menu) -> None:
    """帮助 → 语言 / Language: 中文 | English; the choice applies at the next start."""
    from PySide6.QtGui import QActionGroup

    submenu = menu.addMenu("语言 / Language")
    submenu.setObjectName("languageMenu")
    group = QActionGroup(submenu)
    current = saved_language()
    for code, label in LANGUAGES.items():  # each language named in itself: never translated
        action = submenu.addAction(label)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)
    group.triggered.connect(lambda action: _choose_language(window, str(action.data())))


def _choose_language(window, language: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    from jjjdesk.gui import dialogs

    if language == saved_language():
        return
    save_language(language)
    # Both languages at once: the user may not read the one the window speaks now.
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "语言 / Language",
        "界面语言将在重新启动程序后切换。\nThe new language applies when jjjdesk restarts.",
        QMessageBox.StandardButton.Ok,
        window,
    )
    dialogs.run_box(box)
