"""The audit log as a lazy table: pages of events from SQL, newest first, never editable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from jjjdesk.gui.models.paged_model import PagedTableModel

_Index = QModelIndex | QPersistentModelIndex


class AuditModel(PagedTableModel):
    CONTEXT = "AuditModel"
    COL_AT, COL_ACTOR, COL_ACTION, COL_ENTITY, COL_SUMMARY, COL_CHANGES, COL_REASON = range(7)
    HEADERS = (
        QCoreApplication.translate("AuditModel", "时间"),
        QCoreApplication.translate("AuditModel", "用户"),
        QCoreApplication.translate("AuditModel", "操作"),
        QCoreApplication.translate("AuditModel", "记录类型"),
        QCoreApplication.translate("AuditModel", "摘要"),
        QCoreApplication.translate("AuditModel", "修改内容(原 → 新)"),
        QCoreApplication.translate("AuditModel", "原因"),
    )
    SORT_KEYS = (None,) * 7

    @property
    def query(self):
        if self._query is None:  # imported late: services load after the first paint
            from jjjdesk.services.audit import AuditFilter

            self._query = AuditFilter()
        return self._query

    # The services check that the signed-in user may read the audit (services/permissions.py).
    def _actor(self):
        assert self.context is not None  # the paged model reads only with a context
        return self.context.actor

    def _count(self, session, query) -> int:
        from jjjdesk.services import audit_log

        return audit_log.count_log(session=session, actor=self._actor(), filters=query)

    def _page(self, session, query, request):
        from jjjdesk.services import audit_log

        return audit_log.page_log(session=session, actor=self._actor(), filters=query,
                                  request=request)

    def _count_everything(self, session) -> int:
        from jjjdesk.services import audit_log

        return audit_log.count_all(session=session, actor=self._actor())

    def _display(self, row: Any, column: int) -> str:
        from jjjdesk.gui import audit_words
        from jjjdesk.services.audit import local_time

        if column == self.COL_AT:
            return local_time(row.at).strftime("%Y-%m-%d %H:%M:%S")
        if column == self.COL_ACTOR:
            return row.actor
        if column == self.COL_ACTION:
            return audit_words.action_text(row.action)
        if column == self.COL_ENTITY:
            return audit_words.entity_text(row.entity, row.entity_id)
        if column == self.COL_SUMMARY:
            return audit_words.summary_text(row.summary)
        if column == self.COL_CHANGES:
            lines = audit_words.change_lines(row.changes, row.entity)
            return audit_words.joined(lines[:6]) + ("…" if len(lines) > 6 else "")
        if column == self.COL_REASON:
            return row.reason
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            from jjjdesk.gui import audit_words

            row = self._rows[index.row()]
            # The whole row in words: the summary (cut in its column) above the changes.
            lines = [audit_words.summary_text(row.summary),
                     *audit_words.change_lines(row.changes, row.entity)]
            return "\n".join(line for line in lines if line) or None
        return super().data(index, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        # Audit rows are read, never edited.
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
