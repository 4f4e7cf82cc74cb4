"""Ctrl+End / Ctrl+Home and scrolling up over a keyset-paged list.

Qt's lazy views only fetch downwards, so Ctrl+End would read every page before the last one;
here it asks the model for the last page alone, and pages above come in as the view scrolls
up to its top.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView

from jjjdesk.gui.models.paged_model import PagedTableModel


class PageKeys(QObject):
    """Installed on a view over a PagedTableModel (see `follow_pages`)."""

    def __init__(self, view: QAbstractItemView, model: PagedTableModel):
        super().__init__(view)
        self.view, self.model = view, model
        self._select_last = False
        view.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self._scrolled)
        model.prepended.connect(self._keep_place)
        model.reloaded.connect(self._reloaded)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl and event.key() == Qt.Key.Key_End and self.model.canFetchMore():
                self._select_last = True
                self.model.jump_to_end()
                return True
            if ctrl and event.key() == Qt.Key.Key_Home and self.model.can_fetch_before():
                self.model.reload()
                return True
        return super().eventFilter(watched, event)

    def _scrolled(self, value: int) -> None:
        if value == self.view.verticalScrollBar().minimum() and self.model.can_fetch_before():
            self.model.fetch_before()

    def _keep_place(self, added: int) -> None:
        # The rows that were on top stay on top: what came in lies above them.
        self.view.scrollTo(self.model.index(added, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    def _reloaded(self) -> None:
        if self._select_last and self.model.rowCount():
            last = self.model.index(self.model.rowCount() - 1, 0)
            self.view.setCurrentIndex(last)
            self.view.scrollTo(last)
        self._select_last = False


def follow_pages(view: QAbstractItemView, model: PagedTableModel) -> PageKeys:
    return PageKeys(view, model)
