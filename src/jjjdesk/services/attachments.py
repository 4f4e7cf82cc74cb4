"""佐证材料: files attached to progress entries, problems and extension requests (延期申请) —
add, list, save a copy, remove.

The bytes live in the database (`db/blobs.py`: one content per SHA-256, in chunks), so a shared
PostgreSQL office sees the same files and a SQLite backup holds them. A reporter works only on
its own unit's entries, problems and extension requests; the office (coordinators, admins) on
all; viewers read. A decided extension request, like an approved entry, keeps its files as
they were.
Bad input — missing, unreadable, empty, oversized, executable or script — is refused with one
Chinese sentence and nothing is stored (the whole call is one transaction).
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, or_, select

from jjjdesk.db import blobs
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.enums import ExtensionState, ReviewState
from jjjdesk.domain.models import (
    ATTACHMENT_CHUNK_SIZE,
    Attachment,
    ExtensionRequest,
    Problem,
    ProgressEntry,
    now,
    row_id,
    stored_id,
)
from jjjdesk.errors import NotFoundError, UserFacingError, ValidationFailed
from jjjdesk.files import atomic_path
from jjjdesk.services import audit, records, settings
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.entry_access import LOCKED_MESSAGE, is_office
from jjjdesk.services.permissions import Act, PermissionDenied, require

ENTITY = "attachment"
MB = 1024 * 1024
#: Each file's size limit when none is given: the domain setting `attach.max_mb` (issue 18:
#: default 50 MB), see `size_limit`.
DEFAULT_MAX_BYTES = 50 * MB
LIMIT_SETTING = "attach.max_mb"

#: Programs and scripts: never evidence, and opening one with the system viewer runs it.
BLOCKED_SUFFIXES = frozenset({
    ".exe", ".com", ".scr", ".pif", ".cpl", ".msi", ".msp", ".mst", ".dll", ".sys", ".drv",
    ".bat", ".cmd", ".ps1", ".psm1", ".psd1", ".vbs", ".vbe", ".vb", ".js", ".jse", ".wsf",
    ".wsh", ".ws", ".hta", ".lnk", ".url", ".scf", ".reg", ".inf", ".chm", ".gadget",
    ".application", ".appref-ms", ".jar", ".sh", ".bash", ".zsh", ".csh", ".ksh", ".run",
    ".bin", ".elf", ".out", ".deb", ".rpm", ".apk", ".app", ".dmg", ".pkg", ".py", ".pyw",
    ".pyc", ".pl", ".rb", ".php", ".desktop",
})
#: Types the standard table may not know (WPS, OFD 版式文件) or knows differently per OS.
_MEDIA_TYPES = {
    ".wps": "application/vnd.ms-works", ".et": "application/vnd.ms-excel",
    ".dps": "application/vnd.ms-powerpoint", ".ofd": "application/ofd",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".png": "image/png",
}
_NOT_IN_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


class AttachmentRefused(UserFacingError):
    """A file that cannot be attached; nothing was stored."""

    why: str = ""


@dataclass(frozen=True)
class AttachmentView:
    id: int
    file_name: str
    media_type: str
    size: int
    sha256: str
    uploader: str
    created_at: datetime
    entry_id: int | None
    entry_version: int | None
    problem_id: int | None
    deleted_at: datetime | None
    deleted_by: str
    extension_id: int | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def size_text(self) -> str:
        return size_text(self.size)


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    if size < MB:
        return f"{size / 1024:.1f} KB"
    return f"{size / MB:.1f} MB"


def _view(row: Attachment) -> AttachmentView:
    return AttachmentView(
        id=row_id(row), file_name=row.file_name, media_type=row.media_type, size=row.size,
        sha256=row.content_sha256, uploader=row.uploader, created_at=row.created_at,
        entry_id=row.entry_id, entry_version=row.entry_version, problem_id=row.problem_id,
        deleted_at=row.deleted_at, deleted_by=row.deleted_by, extension_id=row.extension_id,
    )


# ---- who may ----------------------------------------------------------------------------------
def _own_problem(session: Session, unit_id: int, problem: Problem) -> bool:
    """The problem's 责任单位, or the unit reporting on the problem's task or project (the
    same rule as the server's row policy on `problem`)."""
    if problem.owner_unit_id == unit_id:
        return True
    subject = []
    if problem.task_id is not None:
        subject.append(ProgressEntry.task_id == problem.task_id)
    if problem.project_id is not None:
        subject.append(ProgressEntry.project_id == problem.project_id)
    if not subject:
        return False
    return session.exec(select(ProgressEntry.id).where(
        ProgressEntry.reporter_unit_id == unit_id, or_(*subject)).limit(1)).first() is not None


Owner = ProgressEntry | Problem | ExtensionRequest


def _require_read(session: Session, actor: Actor, owner: Owner) -> None:
    require(actor, Act.OFFICE_READ)
    if actor.role != Role.REPORTER:
        return
    if actor.unit_id is None:
        raise PermissionDenied("您的账号未关联责任单位,不能查看佐证材料。")
    if isinstance(owner, ProgressEntry):
        if owner.reporter_unit_id != actor.unit_id:
            raise PermissionDenied("单位填报员只能查看本单位填报的佐证材料。")
    elif isinstance(owner, ExtensionRequest):
        if owner.unit_id != actor.unit_id:
            raise PermissionDenied("单位填报员只能查看本单位延期申请的佐证材料。")
    elif not _own_problem(session, actor.unit_id, owner):
        raise PermissionDenied("单位填报员只能查看本单位问题的佐证材料。")


def _require_write(session: Session, actor: Actor, owner: Owner) -> None:
    """Add or remove: the office on any entry not yet approved (approved is locked for all,
    as for the entry itself), any problem and any pending extension request; a reporter on
    its own unit's draft or returned entries, its own unit's problems and its own unit's
    pending extension requests."""
    require(actor, Act.ENTRY_WRITE, viewer="只读用户不能添加或删除佐证材料。")
    if isinstance(owner, ProgressEntry) and owner.review_state == ReviewState.APPROVED:
        raise UserFacingError(LOCKED_MESSAGE)
    if isinstance(owner, ExtensionRequest) and owner.state != ExtensionState.PENDING.value:
        raise UserFacingError("该延期申请已审批,其佐证材料不能再添加或删除。")
    if is_office(actor):
        return
    if actor.unit_id is None:
        raise PermissionDenied("您的账号未关联责任单位,不能添加或删除佐证材料。")
    if isinstance(owner, ProgressEntry):
        if owner.reporter_unit_id != actor.unit_id:
            raise PermissionDenied("只能为本单位的填报添加或删除佐证材料。")
        if owner.review_state == ReviewState.SUBMITTED:
            raise UserFacingError("该条进展已报送,等待审核;"
                                  "如需补充或删除佐证材料,请联系协同办退回。")
    elif isinstance(owner, ExtensionRequest):
        if owner.unit_id != actor.unit_id:
            raise PermissionDenied("只能为本单位的延期申请添加或删除佐证材料。")
    elif not _own_problem(session, actor.unit_id, owner):
        raise PermissionDenied("只能为本单位的问题添加或删除佐证材料。")


def _owner(session: Session, entry_id: int | None, problem_id: int | None,
           extension_id: int | None = None) -> Owner:
    given = [i for i in (entry_id, problem_id, extension_id) if i is not None]
    if len(given) != 1:
        raise ValidationFailed({"owner": "请指定一条进展填报、一个问题或一项延期申请(三者选一)。"})
    if entry_id is not None:
        return records.get_or_fail(session, ProgressEntry, entry_id, "进展填报")
    if problem_id is not None:
        return records.get_or_fail(session, Problem, problem_id, "问题")
    return records.get_or_fail(session, ExtensionRequest, stored_id(extension_id), "延期申请")


def _owner_slots(owner: Owner) -> dict[str, object]:
    if isinstance(owner, ProgressEntry):
        return {"owner": "进展填报", "owner_id": owner.id}
    return {"owner": "问题" if isinstance(owner, Problem) else "延期申请", "owner_id": owner.id}


def _owned_by(owner: Owner):
    if isinstance(owner, ProgressEntry):
        return Attachment.entry_id == owner.id
    if isinstance(owner, Problem):
        return Attachment.problem_id == owner.id
    return Attachment.extension_id == owner.id


# ---- checking a file --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Checked:
    path: Path
    name: str
    size: int
    sha256: str
    media_type: str


def _display_name(path: Path) -> str:
    # Windows drops trailing dots and spaces: "报告.exe." opens as "报告.exe".
    return path.name.rstrip(". ") or path.name


def _refuse(name: str, why: str) -> AttachmentRefused:
    refused = AttachmentRefused(f"文件“{name}”{why},未添加任何附件。")
    refused.why = why  # the reason alone, for messages that name the file their own way
    return refused


def _is_program(head: bytes) -> bool:
    """Executables and scripts whatever their name says: PE (MZ … PE\\0\\0), ELF, Mach-O,
    or a #! script."""
    if head[:2] == b"MZ" and len(head) >= 0x40:
        offset = int.from_bytes(head[0x3C:0x40], "little")
        if head[offset:offset + 4] == b"PE\0\0" or offset + 4 > len(head):
            return True
    return (head[:4] in (b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe",
                         b"\xfe\xed\xfa\xcf", b"\xfe\xed\xfa\xce") or head[:2] == b"#!")


def _chunks(path: Path, name: str) -> Iterator[bytes]:
    try:
        with open(path, "rb") as handle:
            while data := handle.read(ATTACHMENT_CHUNK_SIZE):
                yield data
    except OSError as exc:
        raise _refuse(name, f"无法读取({exc.strerror or exc})") from exc


def _check_file(path: Path, max_bytes: int, shown_as: str | None = None) -> _Checked:
    """`shown_as`: the name the file is known by when `path` is a copy (a zip's member)."""
    name = _display_name(Path(shown_as) if shown_as else path)
    suffix = Path(name).suffix.lower()
    if suffix in BLOCKED_SUFFIXES:
        raise _refuse(name, f"是可执行程序或脚本({suffix}),不能作为佐证材料")
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise _refuse(name, "不存在") from None
    except OSError as exc:
        raise _refuse(name, f"无法读取({exc.strerror or exc})") from exc
    if path.is_dir():
        raise _refuse(name, "是文件夹,不是文件")
    limit = limit_text(max_bytes)
    if stat.st_size > max_bytes:
        raise _refuse(name, f"大小为 {size_text(stat.st_size)},超过每个附件 {limit} 的上限")
    digest = hashlib.sha256()
    size = 0
    for data in _chunks(path, name):
        if size == 0 and _is_program(data[:4096]):
            raise _refuse(name, "是可执行程序或脚本,不能作为佐证材料")
        size += len(data)
        if size > max_bytes:
            raise _refuse(name, f"超过每个附件 {limit} 的上限")
        digest.update(data)
    if size == 0:
        raise _refuse(name, "是空文件(0 字节)")
    media = _MEDIA_TYPES.get(suffix) or mimetypes.guess_type(name, strict=False)[0]
    return _Checked(path, name[:255], size, digest.hexdigest(),
                    (media or "application/octet-stream")[:100])


def _store(session: Session, checked: _Checked) -> None:
    """Write the content unless the same bytes are already stored; the file is read again
    and must still hash as checked (it may have changed since)."""
    count = -(-checked.size // ATTACHMENT_CHUNK_SIZE)
    if not blobs.claim_content(session, checked.sha256, checked.size, count):
        return
    digest = hashlib.sha256()

    def hashed() -> Iterator[bytes]:
        for data in _chunks(checked.path, checked.name):
            digest.update(data)
            yield data

    written = blobs.write_chunks(session, checked.sha256, hashed())
    if written != count or digest.hexdigest() != checked.sha256:
        raise _refuse(checked.name, "在读取过程中被修改,请稍后重试")


def size_limit(session: Session) -> int:
    """Each file's size limit in bytes: the office's setting `attach.max_mb`."""
    return int(float(settings.get_setting(session=session, key=LIMIT_SETTING)) * MB)


def limit_text(max_bytes: int) -> str:
    return f"{max_bytes / MB:g} MB"


# ---- use cases --------------------------------------------------------------------------------
def add_attachments(
    *, session: Session, actor: Actor, files: Sequence[Path | str],
    entry_id: int | None = None, problem_id: int | None = None,
    extension_id: int | None = None, max_bytes: int | None = None,
) -> list[AttachmentView]:
    """Attach `files` to one entry (at its current version), one problem or one extension
    request: all or none. Each file at most `max_bytes` (default: the setting
    `attach.max_mb`)."""
    owner = _owner(session, entry_id, problem_id, extension_id)
    _require_write(session, actor, owner)
    if not files:
        raise ValidationFailed({"files": "请选择要添加的文件。"})
    if max_bytes is None:
        max_bytes = size_limit(session)
    checked = [_check_file(Path(f), max_bytes) for f in files]
    added = []
    for item in checked:
        _store(session, item)
        row = Attachment(
            content_sha256=item.sha256, file_name=item.name, media_type=item.media_type,
            size=item.size, uploader=actor.name, created_at=now(),
            entry_id=owner.id if isinstance(owner, ProgressEntry) else None,
            entry_version=owner.version if isinstance(owner, ProgressEntry) else None,
            problem_id=owner.id if isinstance(owner, Problem) else None,
            extension_id=owner.id if isinstance(owner, ExtensionRequest) else None,
        )
        session.add(row)
        session.flush()
        records.audit_create(session, actor, ENTITY, row,
                             summaries.ATTACHMENT_ADD(file=item.name, size=size_text(item.size),
                                                      **_owner_slots(owner)))
        added.append(_view(row))
    return added


def list_attachments(
    *, session: Session, actor: Actor, entry_id: int | None = None,
    problem_id: int | None = None, extension_id: int | None = None,
    include_deleted: bool = False,
) -> list[AttachmentView]:
    """An entry's, a problem's or an extension request's attachments, oldest first; removed
    ones only when asked."""
    owner = _owner(session, entry_id, problem_id, extension_id)
    _require_read(session, actor, owner)
    query = select(Attachment).where(_owned_by(owner))
    if not include_deleted:
        query = query.where(col(Attachment.deleted_at).is_(None))
    rows = session.exec(query.order_by(col(Attachment.created_at), col(Attachment.id)))
    return [_view(r) for r in rows]


def may_change(*, session: Session, actor: Actor, entry_id: int | None = None,
               problem_id: int | None = None, extension_id: int | None = None) -> bool:
    """Whether `actor` may add or remove attachments there now (the rule `add_attachments`
    and `delete_attachment` enforce), for a screen to offer its buttons or not."""
    owner = _owner(session, entry_id, problem_id, extension_id)
    try:
        _require_write(session, actor, owner)
    except UserFacingError:
        return False
    return True


def _attachment(session: Session, actor: Actor, attachment_id: int
                ) -> tuple[Attachment, Owner]:
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise NotFoundError(f"佐证材料(编号 {attachment_id})不存在。")
    return row, _owner(session, row.entry_id, row.problem_id, row.extension_id)


def get_attachment(*, session: Session, actor: Actor, attachment_id: int) -> AttachmentView:
    row, owner = _attachment(session, actor, attachment_id)
    _require_read(session, actor, owner)
    return _view(row)


def attachment_bytes(*, session: Session, actor: Actor, attachment_id: int,
                     max_bytes: int) -> bytes | None:
    """The attachment's bytes when it is at most `max_bytes` (a thumbnail's read, bounded),
    else None; checked against their SHA-256. A damaged content is refused in words."""
    row, owner = _attachment(session, actor, attachment_id)
    _require_read(session, actor, owner)
    if row.size > max_bytes:
        return None
    try:
        return b"".join(blobs.read_chunks(session, row.content_sha256))
    except blobs.DamagedContent:
        raise UserFacingError(f"佐证材料“{row.file_name}”在数据库中的内容已损坏或不完整。"
                              ) from None


def safe_file_name(name: str) -> str:
    """A stored name usable as a file name on Windows and Linux."""
    cleaned = _NOT_IN_NAME.sub("_", Path(name.replace("\\", "/")).name).strip(". ")
    return cleaned or "附件"


def save_attachment(*, session: Session, actor: Actor, attachment_id: int,
                    out: Path | str) -> Path:
    """Write the attachment's bytes to `out` (a folder: under its own name), streamed chunk
    by chunk into a temporary file renamed at the end; a damaged content leaves nothing."""
    row, owner = _attachment(session, actor, attachment_id)
    _require_read(session, actor, owner)
    target = Path(out)
    if target.is_dir():
        target = target / safe_file_name(row.file_name)
    with atomic_path(target) as tmp:
        try:
            with open(tmp, "wb") as handle:
                for data in blobs.read_chunks(session, row.content_sha256):
                    handle.write(data)
        except blobs.DamagedContent:
            raise UserFacingError(f"佐证材料“{row.file_name}”在数据库中的内容已损坏或不完整,"
                                  "未能导出,请联系管理员。") from None
    return target


def delete_attachment(*, session: Session, actor: Actor, attachment_id: int,
                      reason: str = "") -> AttachmentView:
    """Remove from the entry or problem: marked deleted (who, when), audited; the row and its
    bytes stay for the history."""
    row, owner = _attachment(session, actor, attachment_id)
    _require_write(session, actor, owner)
    if row.deleted_at is not None:
        raise UserFacingError(f"佐证材料“{row.file_name}”已于此前删除。")
    row.deleted_at = now()
    row.deleted_by = actor.name
    session.add(row)
    session.flush()
    audit.record(
        session=session, actor=actor, action="delete", entity=ENTITY, entity_id=row.id,
        summary=summaries.ATTACHMENT_DELETE(file=row.file_name, **_owner_slots(owner)),
        changes={"fields": {"deleted_at": [None, row.deleted_at.isoformat()],
                            "deleted_by": ["", actor.name]}},
        reason=reason,
    )
    return _view(row)


# ---- files that came with an imported return (importing/) -------------------------------------
CheckedFile = _Checked


def check_file(path: Path | str, *, shown_as: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> CheckedFile:
    """The rules `add_attachments` applies, for one file; raises `AttachmentRefused` (its
    `why` says the reason alone). `shown_as`: the name to store and show instead of the path's."""
    return _check_file(Path(path), max_bytes, shown_as)


def attach_imported(*, session: Session, actor: Actor, checked: CheckedFile, entry_id: int,
                    entry_version: int) -> Attachment:
    """Store a checked file for an entry an import batch is writing (the batch checked who may
    import and logs the row for its undo; the batch's audit event names the files)."""
    _store(session, checked)
    row = Attachment(
        content_sha256=checked.sha256, file_name=checked.name, media_type=checked.media_type,
        size=checked.size, uploader=actor.name[:100], created_at=now(), entry_id=entry_id,
        entry_version=entry_version,
    )
    session.add(row)
    session.flush()
    return row


# ---- storage ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CleanupReport:
    """Contents no attachment uses: removed (or, on a dry run, found)."""

    dry_run: bool
    contents: int
    chunks: int
    size: int
    sha256: tuple[str, ...]

    @property
    def size_text(self) -> str:
        return size_text(self.size)


def cleanup_contents(*, session: Session, actor: Actor, dry_run: bool = False
                     ) -> CleanupReport:
    """Delete the stored bytes that no attachment uses any more (left when an entry, a
    problem or a request was deleted with its attachments); removed attachments still use
    theirs (kept for the history). Office only, audited; on PostgreSQL it waits for no one
    and refuses while another workstation is adding files."""
    if not is_office(actor):
        raise PermissionDenied("只有协同办工作人员或管理员可以清理附件存储。")
    if dry_run:
        found = blobs.unused_contents(session)
    else:
        audit.lock_chain(session)
        gone = blobs.delete_unused(session)
        if gone is None:
            raise UserFacingError("其他工作站正在添加佐证材料,请稍后再清理。")
        found = gone
    report = CleanupReport(dry_run, len(found), sum(c.chunk_count for c in found),
                           sum(c.size for c in found), tuple(c.sha256 for c in found))
    if found and not dry_run:
        audit.record(
            session=session, actor=actor, action="delete", entity="attachment_content",
            entity_id=None,
            summary=summaries.ATTACHMENT_CLEANUP(count=report.contents, size=report.size_text),
            changes={"contents": report.contents, "size": report.size,
                     "sha256": list(report.sha256[:200])},
        )
    return report
