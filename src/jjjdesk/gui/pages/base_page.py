"""What the main window expects of every page; pages override what they use."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from jjjdesk.domain.actor import Actor
    from jjjdesk.gui.context import AppContext


class Page(QWidget):
    """A page in the main window's navigation."""

    PAGE_KEY: ClassVar[str] = ""
    count_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.context: AppContext | None = None

    def title(self) -> str:
        """The navigation entry, translated."""
        raise NotImplementedError

    def visible_for(self, actor: Actor | None) -> bool:
        """Whether `actor` sees this page in the navigation (the services still decide)."""
        return True

    def set_context(self, context: AppContext | None) -> None:
        self.context = context

    def on_data_changed(self, entity: str) -> None:
        """Something was written (by this window or, later, another workstation)."""

    def new_record(self) -> None:
        """Edit → 新增; pages without records ignore it."""

    def delete_selected(self) -> None:
        """Edit → 删除; pages without records ignore it."""

    def save_state(self) -> None:
        """Remember per-page UI state (filters, column widths) in QSettings."""

    def restore_state(self) -> None:
        """Counterpart of save_state, called once at start."""
