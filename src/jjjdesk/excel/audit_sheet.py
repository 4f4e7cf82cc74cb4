"""The audit log as a workbook: the rows the page's filters show, every value as text.

Worded in Chinese by default; the GUI passes `AuditWords` of its interface language, so an
English user exports what the page shows (the core has no translations of its own).
Exporting is an auditor's duty (services/permissions.py) and is itself audited."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from jjjdesk.domain.actor import Actor
from jjjdesk.errors import Cancelled
from jjjdesk.services import audit, audit_log
from jjjdesk.services.audit_text import action_label, describe_changes, entity_label

HEADERS = ("时间", "用户", "操作", "记录类型", "记录编号", "摘要", "修改内容(原 → 新)", "原因")
WIDTHS = (18, 12, 8, 10, 9, 40, 60, 30)
PAGE = 500


@dataclass(frozen=True)
class AuditWords:
    """How each column is worded: the sheet's name, the headers and one function per value."""

    sheet: str = "审计日志"
    headers: tuple[str, ...] = HEADERS
    action: Callable[[str], str] = action_label
    entity: Callable[[str], str] = entity_label
    summary: Callable[[str], str] = str
    changes: Callable[[dict[str, Any], str], list[str]] = describe_changes


def export_audit(
    *,
    session: Session,
    actor: Actor,
    filters: audit.AuditFilter,
    path: Path | str,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    words: AuditWords | None = None,
) -> int:
    """Write the matching events (newest first) to `path`; returns how many rows.

    `write_string` keeps text that starts with = + - @ as text, never a formula.
    """
    audit_log.require_export(actor)
    import xlsxwriter

    words = words or AuditWords()

    total = audit.count_filtered(session=session, filters=filters)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    try:
        sheet = book.add_worksheet(words.sheet)
        head = book.add_format({"bold": True, "bg_color": "#DDE6F1", "border": 1})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        for col, (title, width) in enumerate(zip(words.headers, WIDTHS, strict=True)):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, title, head)
        sheet.freeze_panes(1, 0)
        written = 0
        while written < total:
            if cancel is not None and cancel.is_set():
                raise Cancelled("已取消")
            rows = audit.query_events(session=session, filters=filters, offset=written, limit=PAGE)
            if not rows:
                break
            for event in rows:
                written += 1
                values = (
                    audit.local_time(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                    event.actor,
                    words.action(event.action),
                    words.entity(event.entity),
                    "" if event.entity_id is None else str(event.entity_id),
                    words.summary(event.summary),
                    "\n".join(words.changes(event.changes, event.entity)),
                    event.reason,
                )
                for col, value in enumerate(values):
                    sheet.write_string(written, col, value, wrap)
            if progress is not None:
                progress(written, total)
        sheet.autofilter(0, 0, max(written, 1), len(HEADERS) - 1)
    finally:
        book.close()
    audit_log.note_export(session=session, actor=actor, filters=filters, path=path,
                          count=written)
    return written
