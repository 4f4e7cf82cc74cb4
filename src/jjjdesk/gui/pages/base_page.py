"""What the main window expects of every page; pages override what they use."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from jjjdesk.gui.pages import catalog

if TYPE_CHECKING:
    from pathlib import Path

    from jjjdesk.domain.actor import Actor
    from jjjdesk.gui.context import AppContext


class Page(QWidget):
    """A page in the main window's navigation."""

    PAGE_KEY: ClassVar[str] = ""  # its entry in pages/catalog.py
    count_changed = Signal()
    first_page_shown = Signal()  # its first records are on screen (the start-up bench waits)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.context: AppContext | None = None

    def title(self) -> str:
        """The navigation entry, translated."""
        return catalog.entry(self.PAGE_KEY).label()

    def visible_for(self, actor: Actor | None) -> bool:
        """Whether `actor` sees this page in the navigation (the services still decide)."""
        return catalog.entry(self.PAGE_KEY).visible_for(actor)

    def glance(self, file: Path) -> bool:
        """Show records read from a SQLite `file` before the database opens; False: not here."""
        return False

    def set_context(self, context: AppContext | None) -> None:
        self.context = context

    def on_data_changed(self, entity: str) -> None:
        """Something was written (by this window or, later, another workstation)."""

    def new_record(self) -> None:
        """Edit → 新增; pages without records ignore it."""

    def delete_selected(self) -> None:
        """Edit → 删除; pages without records ignore it."""

    def print_table(self):
        """(title, subtitle, QTableView) of what 打印预览当前列表 prints; None: nothing here."""
        return None

    def save_state(self) -> None:
        """Remember per-page UI state (filters, column widths) in QSettings."""

    def restore_state(self) -> None:
        """Counterpart of save_state, called once at start."""
