"""Undo and redo of registry changes, each command holding the audit event it can revert."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

log = logging.getLogger(__name__)

_CHANGES = ("create", "update", "delete")


class RevertCommand(QUndoCommand):
    """A change already saved; undo applies its inverse (`services.audit_undo.revert_event`).

    Redo reverts the inverse in turn. The inverse of a delete is a restore that writes no
    create event, so redoing it deletes the record again through its service.
    """

    def __init__(self, context: AppContext, event_id: int, text: str):
        super().__init__(text)
        self.context = context
        self.event_id = event_id  # the change undo would revert
        self.inverse_id: int | None = None  # the event undo wrote, which redo reverts
        self._pushed = False
        from jjjdesk.services import audit

        event = context.read(audit.get_event, event_id=event_id)
        self.entity = event.entity
        self.entity_id = event.entity_id

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo; the change is already saved
            self._pushed = True
            return
        self._apply(self._redo)

    def undo(self) -> None:
        self._apply(self._undo)

    def _apply(self, step) -> None:
        try:
            step()
        except UserFacingError as exc:
            log.warning("undo/redo refused: %s", exc)
            # An obsolete command is dropped by the stack: it cannot be replayed any more.
            self.setObsolete(True)
            dialogs.show_user_error(None, str(exc), QUndoCommand.text(self))

    def _undo(self) -> None:
        from jjjdesk.services import audit_undo

        before = self._last_event_id()
        self.context.write(audit_undo.revert_event, entity=self.entity, event_id=self.event_id)
        self.inverse_id = self._change_since(before)

    def _redo(self) -> None:
        from jjjdesk.services import audit_undo

        before = self._last_event_id()
        if self.inverse_id is not None:
            self.context.write(audit_undo.revert_event, entity=self.entity,
                               event_id=self.inverse_id)
            newer = self._change_since(before)
            if newer is not None:  # an update re-applied writes a new update event
                self.event_id = newer
            # else: a create re-applied is a restore; the original create event still holds
        else:
            result = self.context.write(
                _delete_service(self.entity),
                entity=self.entity,
                **{_ID_ARG[self.entity]: self.entity_id},
            )
            self.event_id = result.audit_event_id

    def _last_event_id(self) -> int:
        from jjjdesk.services import audit

        events = self.context.read(audit.list_events, limit=1)
        return events[0].id if events else 0

    def _change_since(self, event_id: int) -> int | None:
        from jjjdesk.services import audit

        events = self.context.read(
            audit.list_events, entity=self.entity, entity_id=self.entity_id, limit=10
        )
        found = [e.id for e in events if e.id > event_id and e.action in _CHANGES]
        return max(found, default=None)


_ID_ARG = {
    "project": "project_id",
    "unit": "unit_id",
    "task": "task_id",
    "indicator": "indicator_id",
}


def _delete_service(entity: str):
    from jjjdesk.services import indicators, projects, tasks, units

    return {
        "project": projects.delete_project,
        "unit": units.delete_unit,
        "task": tasks.delete_task,
        "indicator": indicators.delete_indicator,
    }[entity]


def push_change(context: AppContext, event_id: int | None, text: str) -> None:
    """Put a saved change on the undo stack (nothing when the save changed nothing)."""
    if event_id is not None:
        context.undo_stack.push(RevertCommand(context, event_id, text))
