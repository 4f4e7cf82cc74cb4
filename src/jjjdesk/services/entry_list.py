"""Stored progress entries, listed or shown with their provenance (manual, or file, sheet,
row and import batch); a unit reporter sees only its own unit's."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import ImportBatch, ProgressEntry
from jjjdesk.errors import UserFacingError
from jjjdesk.services.entry_views import EntryView, to_view, to_views
from jjjdesk.services.permissions import Act, PermissionDenied, require

DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class EntryWithSource:
    entry: EntryView
    file_name: str  # the imported file, "" for an entry typed in the app

    @property
    def provenance(self) -> str:
        e = self.entry
        if e.import_batch_id is None:
            return f"{e.source_label}({e.reporter or '未记录填报人'})"
        where = f"“{self.file_name}”" + (f" 工作表“{e.source_sheet}”" if e.source_sheet else "")
        row = f" 第{e.source_row}行" if e.source_row else ""
        return f"导入批次 {e.import_batch_id}:{where}{row}"


def entry_scope(actor: Actor, unit_id: int | None) -> int | None:
    """The unit whose entries `actor` may list: a reporter's own, whatever it asked for."""
    require(actor, Act.OFFICE_READ)
    if actor.role != Role.REPORTER:
        return unit_id
    if actor.unit_id is None:
        raise PermissionDenied("该填报账号未绑定单位,不能查看填报。")
    if unit_id not in (None, actor.unit_id):
        raise PermissionDenied("单位填报员只能查看本单位的填报。")
    return actor.unit_id


def list_entries(*, session: Session, actor: Actor, round_id: int | None = None,
                 period_key: str | None = None, unit_id: int | None = None,
                 limit: int = DEFAULT_LIMIT) -> list[EntryWithSource]:
    """Entries newest period first (then by id), at most `limit`."""
    if limit < 1:
        raise UserFacingError("条数应为正整数。")
    unit_id = entry_scope(actor, unit_id)
    query = select(ProgressEntry)
    if round_id is not None:
        query = query.where(ProgressEntry.round_id == round_id)
    if period_key is not None:
        query = query.where(ProgressEntry.period_key == period_key)
    if unit_id is not None:
        query = query.where(ProgressEntry.reporter_unit_id == unit_id)
    rows = session.exec(query.order_by(col(ProgressEntry.period_key).desc(),
                                       col(ProgressEntry.id)).limit(limit)).all()
    return _with_sources(session, to_views(session, rows))


def show_entry(*, session: Session, actor: Actor, entry_id: int) -> EntryWithSource:
    entry = session.get(ProgressEntry, entry_id)
    if entry is None:
        raise UserFacingError(f"没有编号为 {entry_id} 的填报。")
    require(actor, Act.OFFICE_READ)
    if actor.role == Role.REPORTER and entry.reporter_unit_id != actor.unit_id:
        raise PermissionDenied("单位填报员只能查看本单位的填报。")
    return _with_sources(session, [to_view(session, entry)])[0]


def _with_sources(session: Session, views: list[EntryView]) -> list[EntryWithSource]:
    batches = {v.import_batch_id for v in views if v.import_batch_id is not None}
    names = dict(session.exec(select(ImportBatch.id, ImportBatch.file_name)
                              .where(col(ImportBatch.id).in_(batches))).all()) if batches else {}
    return [EntryWithSource(v, names.get(v.import_batch_id, "")) for v in views]
