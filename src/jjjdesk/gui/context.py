"""The open registry as the GUI sees it: database, acting user, undo stack, change signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:
    from jjjdesk.db.engine import Database
    from jjjdesk.domain.actor import Actor

log = logging.getLogger(__name__)


class AppContext(QObject):
    """Every page and form talks to the database through `read` and `write`.

    One call = one session = one transaction; the GUI never commits by itself.
    """

    changed = Signal(str)  # the entity that changed: "project", "unit", "task", "indicator"
    closing = Signal()  # before the database is disposed (the change watcher stops)
    #: 评价口径 changed: the round the lights and the dashboard judge by (None: today).
    as_of_changed = Signal(object)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        undo_stack: QUndoStack | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.db = db
        from jjjdesk.services.permissions import Act, may

        # Shown, never edited: every page offers what a viewer sees. Not for the 等保 roles,
        # who may not read what a viewer reads.
        if db.read_only and may(actor, Act.OFFICE_READ):
            from jjjdesk.domain.actor import Actor, Role

            actor = Actor(actor.name, Role.VIEWER, actor.unit_id)
        self.actor = actor
        # The main window puts its own stack here when it shows this database.
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.as_of_round_id: int | None = None  # None until a page asks: see `as_of_round`
        self._as_of_chosen = False

    def as_of_round(self, today=None) -> int | None:
        """The 评价口径 round, chosen once for the lights and the dashboard; by default the
        round being reported (the home page's), else the latest round with entries."""
        if not self._as_of_chosen:
            from jjjdesk.services.workbench import default_as_of

            self.as_of_round_id = self.read(default_as_of, today=today)
            self._as_of_chosen = True
        return self.as_of_round_id

    def set_as_of_round(self, round_id: int | None) -> None:
        if self._as_of_chosen and round_id == self.as_of_round_id:
            return
        self.as_of_round_id, self._as_of_chosen = round_id, True
        self.as_of_changed.emit(round_id)

    @property
    def location(self) -> str:
        return self.db.location

    def read(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        with self.db.session() as session:
            return fn(session=session, **kwargs)

    def write(self, fn: Callable[..., Any], /, *, entity: str, **kwargs: Any) -> Any:
        """Run a writing service in its own transaction, then tell the pages."""
        with self.db.session() as session:
            result = fn(session=session, actor=self.actor, **kwargs)
        log.info("%s by %s: %s", fn.__name__, self.actor.name, result)
        self.changed.emit(entity)
        return result

    def close(self) -> None:
        self.closing.emit()
        self.db.dispose()
