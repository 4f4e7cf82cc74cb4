"""Evidence files at commit and undo: attach what the preview matched, each row logged for the
batch's undo; and refuse an undo that would take away files added since the import."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from jjjdesk.db.bulk import chunks
from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import Attachment, ProgressEntry
from jjjdesk.errors import ConflictError
from jjjdesk.importing.changelog import ChangeLog, parse_key, row_image, table
from jjjdesk.importing.views import EvidenceFile
from jjjdesk.progress import Ticker


def attachment_limit(session: Session) -> int:
    """Each evidence file's size limit: the office's `attach.max_mb`, as `add_attachments`."""
    from jjjdesk.services import attachments

    return attachments.size_limit(session)


def attach_evidence(session: Session, actor: Actor, files: list[EvidenceFile],
                    placed: dict[tuple[str, int], tuple[int, int]], changes: ChangeLog,
                    ticker: Ticker) -> list[dict[str, Any]]:
    """Attach the files the preview matched to rows (checked again: a folder's file may have
    changed since); each row logged so undo removes it with the entries."""
    from jjjdesk.services.attachments import AttachmentRefused, attach_imported, check_file

    out = []
    for f in files:
        ticker.check()
        target = placed.get((f.sheet, f.row or 0))
        if target is None or f.path is None:
            continue  # its row was not written after all
        try:
            checked = check_file(f.path, shown_as=f.name.rsplit("/", 1)[-1],
                                 max_bytes=attachment_limit(session))
        except AttachmentRefused:
            checked = None
        if checked is None or checked.sha256 != f.sha256:
            raise ConflictError(f"佐证材料“{f.name}”在预览之后被修改、移走或删除,请重新预览。")
        row = attach_imported(session=session, actor=actor, checked=checked,
                              entry_id=target[0], entry_version=target[1])
        changes.add(Attachment, "create", None, row_image(Attachment, row))
        out.append({"id": row.id, "file": f.name, "entry_id": target[0], "size": row.size})
        ticker.step()
    return out


def check_added_since(session: Session, changes) -> None:
    """Undo deletes the entries the batch created, and with them (the foreign key cascades)
    every attachment they hold: refused while one added after the import is still there, as
    it is when the entry itself was edited. The batch's own attachments are logged rows of
    the batch and go with it; removed ones (soft-deleted) keep their audit events."""
    created = [parse_key(c.row_key)["id"] for c in changes
               if c.table_name == "progress_entry" and c.action == "create"]
    own = {parse_key(c.row_key)["id"] for c in changes if c.table_name == "attachment"}
    at = table(Attachment)
    for some in chunks(created):
        for attachment_id, name, sheet, row in session.execute(
                select(at.c.id, at.c.file_name, table(ProgressEntry).c.source_sheet,
                       table(ProgressEntry).c.source_row)
                .join(table(ProgressEntry), table(ProgressEntry).c.id == at.c.entry_id)
                .where(at.c.entry_id.in_(some), at.c.deleted_at.is_(None))):
            if attachment_id not in own:
                raise ConflictError(
                    f"工作表“{sheet}”第{row}行导入的记录在导入之后添加了佐证材料“{name}”,"
                    "不能撤销整批导入;请先删除该附件(或核对后保留本批导入)。")
