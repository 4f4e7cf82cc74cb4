"""Import returns and registry ledgers: preview → commit in one transaction → undo the batch.

The GUI runs `preview_import` in its worker (progress callback, cancel Event), shows the
preview's rows, diagnostics and columns, may call it again with a corrected column mapping,
then calls `commit_import` (also in the worker). `undo_import` reverses a whole batch.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlmodel import Session, col

from jjjdesk.db import search_index
from jjjdesk.db.bulk import ImageText, bulk_objects, chunks, equal_in_all, fetch_rows, insert_rows
from jjjdesk.domain.actor import Actor
from jjjdesk.domain.entry_rules import ENTRY_FIELDS
from jjjdesk.domain.enums import EntrySource, ReviewState
from jjjdesk.domain.models import (
    CoopPart,
    ImportBatch,
    ImportChange,
    ImportMapping,
    Problem,
    ProblemEntry,
    ProgressEntry,
    ReportingRound,
    RoundUnit,
    Unit,
    now,
    row_id,
)
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import Cancelled, ConflictError, UserFacingError
from jjjdesk.importing.changelog import (
    ChangeLog,
    LoggedChange,
    Watch,
    column_keys,
    row_image,
    table,
    undo_changes,
)
from jjjdesk.importing.evidence_commit import (
    attach_evidence,
    attachment_limit,
    check_added_since,
)
from jjjdesk.importing.read.bundle import Bundle, is_bundle, open_bundle
from jjjdesk.importing.read.diagnostics import Diagnostic
from jjjdesk.importing.read.guard import file_hash
from jjjdesk.importing.read.workbook import read_workbook
from jjjdesk.importing.returns.context import ReturnContext
from jjjdesk.importing.returns.plan import NO_ROWS, plan_return, remembered_mapping
from jjjdesk.importing.template_format import find_template
from jjjdesk.importing.views import (
    REJECTED,
    UNCHANGED,
    BatchView,
    EvidenceFile,
    ImportPreview,
    ImportResult,
)
from jjjdesk.progress import CancelFlag, ProgressFn, Ticker
from jjjdesk.services import audit, problems, records, rounds
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.entry_access import require_importer
from jjjdesk.services.problem_bulk import BulkProblems, raise_for_new_entries
from jjjdesk.services.subjects import subject_info

log = logging.getLogger(__name__)
ENTITY = "import_batch"

__all__ = [
    "BatchView", "ImportPreview", "ImportResult", "commit_import", "get_batch", "list_batches",
    "preview_import", "save_column_mapping", "undo_import",
]


@bulk_objects()
def preview_import(
    *, session: Session, actor: Actor, path: Path | str, round_id: int | None = None,
    unit_id: int | None = None, period: Period | str | None = None,
    mapping: dict[str, dict[int, str | None]] | None = None,
    progress: ProgressFn | None = None, cancel: CancelFlag | None = None,
) -> ImportPreview:
    """Read a unit's return and say what importing it would do; writes nothing.

    `mapping` overrides the detected column mapping: {sheet name: {column index: field or
    None}} (from the mapping dialog). Raises `BadFileError` (a UserFacingError) for files
    that cannot be read, `Cancelled` when `cancel` is set.
    """
    require_importer(actor)
    path = Path(path)
    ticker = Ticker(progress, cancel, total=1)
    ticker.check()
    bundle = None
    if is_bundle(path):  # a folder or zip: the return and its evidence files
        bundle = open_bundle(path, max_bytes=attachment_limit(session),
                             check_cancel=ticker.check)
    try:
        return _preview_return(session, bundle.workbook if bundle else path, bundle, ticker,
                               round_id=round_id, unit_id=unit_id, period=period,
                               mapping=mapping)
    except BaseException:
        if bundle is not None:
            bundle.close()
        raise


def _preview_return(session: Session, path: Path, bundle: Bundle | None, ticker: Ticker, *,
                    round_id: int | None, unit_id: int | None, period: Period | str | None,
                    mapping: dict[str, dict[int, str | None]] | None) -> ImportPreview:
    book = read_workbook(path, check_cancel=ticker.check)
    digest = file_hash(bundle.source if bundle and bundle.kind == "zip" else path)
    ticker.total = sum(len(s.rows) for s in book.sheets) or 1
    template = find_template(book)
    if template is not None:
        round_id = round_id or template.round_id
        unit_id = unit_id or template.unit_id
    rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次") if round_id else None
    if rnd is not None:
        rounds.require_open(rnd)
        period = Period.from_key(rnd.period_key)
    elif period is not None and not isinstance(period, Period):
        period = Period.parse(period)
    ctx = ReturnContext(round=rnd, period=period, unit_id=unit_id, template=template,
                        mapping=mapping or {}, memory=remembered_mapping(session, unit_id),
                        tick=ticker.step)
    plan = plan_return(session, book, ctx)
    parts: list = []
    if template is not None and rnd is not None and plan.unit_id is not None:
        from jjjdesk.importing.returns.parts import plan_parts

        parts, notes = plan_parts(session, book, row_id(rnd), plan.unit_id)
        plan.diagnostics.extend(notes)
        if parts and plan.fatal == NO_ROWS and not plan.rows:
            plan.fatal = ""  # a 配合-only unit: its parts are the whole return
    evidence: list[EvidenceFile] = []
    if bundle is not None and not plan.fatal:
        from jjjdesk.importing.returns.evidence import plan_evidence

        ticker.total += len(bundle.files)
        evidence, notes = plan_evidence(session, bundle, plan.rows, plan.writes, plan.seqs,
                                        max_bytes=attachment_limit(session), tick=ticker.step)
        plan.diagnostics.extend(notes)
    ticker.finish()
    unit_id = plan.unit_id
    unit = session.get(Unit, unit_id) if unit_id else None
    earlier = session.execute(select(col(ImportBatch.id)).where(
        col(ImportBatch.file_hash) == digest, col(ImportBatch.undone_at).is_(None))
        .order_by(col(ImportBatch.id).desc())).first()
    file_name = path.name
    if bundle is not None:
        file_name = (bundle.source.name if bundle.kind == "zip"
                     else f"{bundle.source.name}/{bundle.workbook_name}")
    return ImportPreview(
        path=path, file_name=file_name, file_hash=digest, kind="return",
        file_format=book.kind, encoding=book.encoding, round_id=rnd.id if rnd else None,
        unit_id=unit_id, unit_name=unit.name if unit else "",
        period_key=plan.period.key if plan.period else "",
        period_label=plan.period.label if plan.period else "",
        is_template=template is not None, rows=plan.rows, diagnostics=plan.diagnostics,
        columns=plan.columns, already_imported=earlier[0] if earlier else None,
        fatal=plan.fatal, writes=plan.writes,
        source=bundle.source if bundle else None, evidence=evidence, bundle=bundle,
        parts=parts,
    )


def _backup(database_url: str | None, paths) -> Path | None:
    """The day's safety copy, taken before the first import of a day that has none.

    What protects an import: its one transaction (interrupted, it leaves nothing); the
    batch's before-images (撤销导入 puts back exactly the rows it changed); and this copy,
    at most a day old, for everything else. A full copy before every import would cost time
    proportional to the whole registry (6 s of a 13 s import into 600 MB) each time."""
    if not database_url or paths is None or not database_url.startswith("sqlite"):
        return None
    from jjjdesk.services.backups import backup_if_due

    # quick_check, as the daily copy: the backup API copies pages exactly, and the full
    # integrity check would add ~19 s to an import into a 600 MB registry.
    return backup_if_due(url=database_url, paths=paths, reason="before-import")


@bulk_objects()
def commit_import(
    *, session: Session, actor: Actor, preview: ImportPreview,
    database_url: str | None = None, paths=None,
    progress: ProgressFn | None = None, cancel: CancelFlag | None = None,
) -> ImportResult:
    """Write what `preview` showed, all of it in the caller's transaction, after a backup
    (SQLite; pass `database_url` and `paths`). Refused (ConflictError) when a row changed
    since the preview, and when the file changed on disk."""
    require_importer(actor)
    attached: list[dict[str, Any]] = []
    if preview.fatal:
        raise UserFacingError(preview.fatal)
    c = preview.counts
    if not preview.can_commit:
        return ImportResult(None, 0, 0, c[UNCHANGED], c[REJECTED], None,
                            f"“{preview.file_name}”与数据库中的内容一致,没有需要导入的变化。")
    hashed = preview.source if preview.source and preview.source.is_file() else preview.path
    if hashed.exists() and file_hash(hashed) != preview.file_hash:
        raise ConflictError(f"“{preview.file_name}”在预览之后被修改过,请重新预览。")
    attaching = preview.attaching
    ticker = Ticker(progress, cancel, total=len(preview.writes) + len(attaching) or 1)
    backup_path = _backup(database_url, paths)
    batch = ImportBatch(
        file_name=preview.file_name[:400], file_hash=preview.file_hash, actor=actor.name,
        kind=preview.kind, round_id=preview.round_id, unit_id=preview.unit_id,
        counts=json.dumps(c, ensure_ascii=False),
        diagnostics=json.dumps([d.to_json() for d in preview.diagnostics], ensure_ascii=False),
    )
    session.add(batch)
    session.flush()
    batch_id = batch.id
    assert batch_id is not None  # flushed
    changes = ChangeLog(batch_id, session)
    if preview.kind == "registry":
        from jjjdesk.importing.registry.preview import commit_registry

        created, updated = commit_registry(session, actor, preview, batch_id, changes, ticker)
    else:
        created, updated, placed = _commit_entries(session, actor, preview, batch_id, changes,
                                                   ticker)
        attached = attach_evidence(session, actor, attaching, placed, changes, ticker)
        created_parts, updated_parts = _commit_parts(session, actor, preview, batch_id, changes)
        created, updated = created + created_parts, updated + updated_parts
    changes.flush(session)
    files = f",附加佐证材料 {len(attached)} 个" if attached else ""  # the message below
    audit.record(
        session=session, actor=actor, action="import", entity=ENTITY, entity_id=batch_id,
        summary=(summaries.IMPORT_FILES if attached else summaries.IMPORT)(
            file=preview.file_name, created=created, updated=updated, files=len(attached)),
        changes={"file_hash": preview.file_hash, "counts": c}
        | ({"attachments": attached} if attached else {}),
        reason="导入", import_batch_id=batch_id,
    )
    ticker.finish()
    log.info("import batch %s: %s by %s, %s new, %s changed, %s files attached", batch_id,
             preview.file_name, actor.name, created, updated, len(attached))
    return ImportResult(batch_id, created, updated, c[UNCHANGED], c[REJECTED], backup_path,
                        f"已导入“{preview.file_name}”:新增 {created} 条,修改 {updated} 条,"
                        f"无变化 {c[UNCHANGED]} 条,未导入 {c[REJECTED]} 条{files}"
                        f"(批次 {batch_id})。", len(attached))


def _commit_parts(session: Session, actor: Actor, preview: ImportPreview, batch_id: int,
                  changes: ChangeLog) -> tuple[int, int]:
    """The unit's 配合进展 through the service (its rules), logged so undo covers them."""
    todo = preview.changed_parts
    if not todo or preview.round_id is None or preview.unit_id is None:
        return 0, 0
    from jjjdesk.services.coop_parts import save_part

    pt, rt = table(CoopPart), table(RoundUnit)
    watch = Watch(session, CoopPart, (pt.c.round_id == preview.round_id)
                  & (pt.c.unit_id == preview.unit_id))
    watch_unit = Watch(session, RoundUnit, (rt.c.round_id == preview.round_id)
                       & (rt.c.unit_id == preview.unit_id))
    for part in todo:
        save_part(session=session, actor=actor, round_id=preview.round_id, subject=part.subject,
                  unit_id=preview.unit_id, progress=part.progress,
                  completion_pct=part.completion_pct, source=EntrySource.IMPORT.value,
                  import_batch_id=batch_id)
    session.flush()
    watch.log(changes)
    watch_unit.log(changes)
    new = sum(1 for p in todo if p.status == "new")
    return new, len(todo) - new


_ENTRY_DEFAULTS: dict[str, Any] | None = None


def _entry_defaults() -> dict[str, Any]:
    global _ENTRY_DEFAULTS
    if _ENTRY_DEFAULTS is None:
        sample = ProgressEntry(period_kind="month", period_key="2000-01")
        _ENTRY_DEFAULTS = {c.key: getattr(sample, c.key) for c in table(ProgressEntry).columns
                           if c.key != "id"}
    return dict(_ENTRY_DEFAULTS)


#: Columns of a new entry that come from its row of the file (the rest are the batch's).
_PER_ROW = frozenset(("task_id", "project_id", "period_kind", "period_key", "round_id",
                      "reporter_unit_id", "source_sheet", "source_row", "reported_on",
                      *ENTRY_FIELDS))


def _commit_entries(session: Session, actor: Actor, preview: ImportPreview, batch_id: int,
                    changes: ChangeLog, ticker: Ticker
                    ) -> tuple[int, int, dict[tuple[str, int], tuple[int, int]]]:
    """Write the entries; (created, updated, (sheet, row) → (entry id, its version))."""
    t = table(ProgressEntry)
    stamp = now()
    common = {
        "review_state": ReviewState.SUBMITTED.value, "submitted_at": stamp,
        "reporter": actor.name[:100], "source": EntrySource.IMPORT.value,
        "import_batch_id": batch_id, "updated_at": stamp,
    }
    news = [w for w in preview.writes if w.row_id is None]
    olds = [w for w in preview.writes if w.row_id is not None]
    # Optimistic check: every row we change is still as the preview saw it.
    if olds:
        ids = [w.row_id for w in olds]
        current = {}
        for some in chunks(ids):
            current.update(dict(session.execute(select(t.c.id, t.c.version).where(
                t.c.id.in_(some))).all()))
        for w in olds:
            if current.get(w.row_id) != w.version:
                raise ConflictError(
                    f"工作表“{w.sheet}”第{w.row}行对应的进展在预览之后被修改或删除,请重新预览。")
    inserted: list[dict[str, Any]] = []
    keys = column_keys(ProgressEntry)
    if news:
        # Every column but the id; all but `_PER_ROW` hold the batch's values.
        base = _entry_defaults() | common | {"created_at": stamp, "version": 1}
        constant = {k: v for k, v in base.items() if k not in _PER_ROW}
        per_row = {k: v for k, v in base.items() if k in _PER_ROW}
        rows = []
        for w in news:
            extra = w.extra
            row = per_row | w.values
            row["task_id"], row["project_id"] = extra["task_id"], extra["project_id"]
            row["period_kind"] = str(extra["period"].kind)  # its text (`.value` is slower)
            row["period_key"] = extra["period_key"]
            row["round_id"], row["reporter_unit_id"] = extra["round_id"], extra["unit_id"]
            row["source_sheet"], row["source_row"] = w.sheet[:100], w.row
            row["reported_on"] = extra.get("reported_on")
            rows.append(row)
            ticker.step()
        # Plain executemany (RETURNING would make SQLite run one statement per row); the
        # new ids are read back by the batch id they carry.
        with search_index.deferred(session) as index:
            insert_rows(session, t, rows, constant)
            new_ids = {(task, project, period): i for i, task, project, period in fetch_rows(
                session, select(t.c.id, t.c.task_id, t.c.project_id, t.c.period_key).where(
                    t.c.import_batch_id == batch_id))}
            index.add(new_ids.values())
        image = ImageText(keys, constant | equal_in_all(rows))  # before the ids are in
        for row in rows:
            row["id"] = new_id = new_ids[(row["task_id"], row["project_id"], row["period_key"])]
            changes.add_raw(ProgressEntry, "create", f'{{"id": {new_id}}}', None, image(row))
        inserted = rows
        del rows, new_ids
    updated_rows = []
    if olds:
        python_types = _python_types(ProgressEntry)
    for w in olds:
        # A write to a stored row has its version and before-image (`add_before_images`).
        assert w.before is not None and w.version is not None
        after = dict(w.before) | w.values | common | {
            "source_sheet": w.sheet[:100], "source_row": w.row, "version": w.version + 1,
        }
        if w.extra["round_id"] is not None and after.get("round_id") is None:
            after["round_id"] = w.extra["round_id"]
        if w.extra.get("reported_on") is not None:  # a return without the date keeps the old
            after["reported_on"] = w.extra["reported_on"]
        # The before-image is JSON-ready (ISO text for timestamps): back to Python values.
        for key, kind in python_types.items():
            value = after.get(key)
            if isinstance(value, str):
                after[key] = kind.fromisoformat(value)
        updated_rows.append(after)
        ticker.step()
    if updated_rows:
        from sqlalchemy import bindparam

        columns = [c for c in keys if c != "id"]
        stmt = update(t).where(t.c.id == bindparam("_id")).values(
            {c: bindparam(f"_{c}") for c in columns})
        with search_index.deferred(session) as index:
            changed = [r["id"] for r in updated_rows]
            index.remove(changed)
            session.execute(stmt, [{"_id": r["id"], **{f"_{c}": r.get(c) for c in columns}}
                                   for r in updated_rows])
            index.add(changed)
    image = ImageText(keys, common)
    for w, values in zip(olds, updated_rows, strict=True):
        changes.add_raw(ProgressEntry, "update", f'{{"id": {values["id"]}}}',
                        json.dumps(w.before, ensure_ascii=False), image(values))
    _follow_ups(session, actor, preview, inserted, updated_rows, changes)
    placed = {(r["source_sheet"], r["source_row"]): (r["id"], 1) for r in inserted}
    placed.update({(w.sheet, w.row): (r["id"], r["version"])
                   for w, r in zip(olds, updated_rows, strict=True)})
    return len(inserted), len(updated_rows), placed


def _python_types(model) -> dict[str, type[date]]:
    """Columns holding dates or timestamps → their Python type."""
    out: dict[str, type[date]] = {}
    for column in table(model).columns:
        impl = getattr(column.type, "impl", column.type)
        try:
            kind = impl.python_type
        except NotImplementedError:
            continue
        if kind in (datetime, date):
            out[column.key] = kind
    return out


def _follow_ups(session: Session, actor: Actor, preview: ImportPreview, inserted, updated_rows,
                changes: ChangeLog) -> None:
    """What 报送 does in the app, done for the imported entries too: the problem list and the
    unit's state in the round. Their row changes are logged so undo covers them."""
    rows = [*inserted, *updated_rows]
    ids = [r["id"] for r in rows]
    def has_text(image: dict[str, Any] | None) -> bool:
        return bool(image and (image.get("problems") or image.get("coordination")))

    befores = {w.row_id: w.before for w in preview.writes if w.row_id is not None}
    with_text = [r for r in rows if has_text(r) or has_text(befores.get(r["id"]))]
    if with_text:
        fresh = [r for r in with_text if r["id"] not in befores]
        rewritten = [r for r in with_text if r["id"] in befores]
        # A rewritten entry goes the form's way (its links may drop); its subjects' problems
        # are watched whole, before the fast path, which leaves them to the watch.
        slow = {("task", r["task_id"]) if r["task_id"] else ("project", r["project_id"])
                for r in rewritten}
        watches = _problem_watches(session, slow, [r["id"] for r in rewritten])
        _log_bulk_problems(session, changes, raise_for_new_entries(session, actor, fresh), slow)
        for r in rewritten:
            entry = session.get(ProgressEntry, r["id"])
            assert entry is not None  # written above, in this transaction
            problems.raise_from_entry(session, actor, entry, subject_info(session,
                                                                         SubjectRef.of(entry)))
        session.flush()
        for watch in watches:
            watch.log(changes)
    if preview.round_id and ids:
        units = {r["reporter_unit_id"] for r in rows if r.get("reporter_unit_id")}
        rt = table(RoundUnit)
        watch = Watch(session, RoundUnit, (rt.c.round_id == preview.round_id)
                      & rt.c.unit_id.in_(units))
        for unit_id in units:
            rounds.refresh_unit_state(session, preview.round_id, unit_id, submitted=True)
        session.flush()
        watch.log(changes)


def _problem_watches(session: Session, subjects: set[tuple[str, int]],
                     entry_ids: list[int]) -> list[Watch]:
    if not subjects:
        return []
    pt = table(Problem)
    task_ids = [i for kind, i in subjects if kind == "task"]
    project_ids = [i for kind, i in subjects if kind == "project"]
    where = or_(pt.c.task_id.in_(task_ids), pt.c.project_id.in_(project_ids))
    return [Watch(session, Problem, where),
            Watch(session, ProblemEntry, table(ProblemEntry).c.entry_id.in_(entry_ids))]


def _log_bulk_problems(session: Session, changes: ChangeLog, done: BulkProblems,
                       watched: set[tuple[str, int]]) -> None:
    """The fast path's writes into the change log, but for the watched subjects' problems."""
    pt = table(Problem)

    def owner(image: dict[str, Any]) -> tuple[str, int]:
        return ("task", image["task_id"]) if image["task_id"] else (
            "project", image["project_id"])

    befores = {i["id"]: i for i in (row_image(Problem, r) for r in done.carried_before)}
    for ids in chunks(done.created + done.carried):
        for row in session.execute(select(pt).where(pt.c.id.in_(ids))):
            image = row_image(Problem, row)
            if owner(image) not in watched:
                changes.add(Problem, "update" if image["id"] in befores else "create",
                            befores.get(image["id"]), image)
    for problem_id, entry_id in done.links:
        changes.add(ProblemEntry, "create", None,
                    {"problem_id": problem_id, "entry_id": entry_id})


def undo_import(*, session: Session, actor: Actor, batch_id: int) -> str:
    """Put back exactly what the batch changed; refused if any of its rows changed since."""
    require_importer(actor)
    batch = records.get_or_fail(session, ImportBatch, batch_id, "导入批次")
    if batch.undone_at is not None:
        raise UserFacingError(f"导入批次 {batch_id} 已于 {batch.undone_at:%Y-%m-%d %H:%M} 撤销。")
    ct = table(ImportChange)
    changes = [LoggedChange(*r) for r in fetch_rows(session, select(
        ct.c.seq, ct.c.table_name, ct.c.row_key, ct.c.action, ct.c.before, ct.c.after).where(
        ct.c.batch_id == batch_id))]

    def describe(change) -> str:
        after = json.loads(change.after or "{}") or json.loads(change.before or "{}")
        if change.table_name == "attachment":
            return f"导入的佐证材料“{after.get('file_name', '')}”"
        sheet, row = after.get("source_sheet"), after.get("source_row")
        if sheet and row:
            return f"工作表“{sheet}”第{row}行导入的记录"
        return f"导入涉及的记录({change.table_name} {change.row_key})"

    check_added_since(session, changes)
    n = undo_changes(session, changes, describe)
    batch.undone_at = now()
    batch.undone_by = actor.name[:100]
    session.add(batch)
    session.flush()
    audit.record(session=session, actor=actor, action="undo", entity=ENTITY, entity_id=batch_id,
                 summary=summaries.IMPORT_UNDO(file=batch.file_name, batch=batch_id),
                 changes={"rows": n}, reason="撤销导入", import_batch_id=batch_id)
    return f"已撤销导入“{batch.file_name}”(批次 {batch_id}),恢复了 {n} 条记录。"


def _batch_view(batch: ImportBatch) -> BatchView:
    assert batch.id is not None  # a stored batch
    return BatchView(
        id=batch.id, kind=batch.kind, file_name=batch.file_name, file_hash=batch.file_hash,
        actor=batch.actor, created_at=batch.created_at, counts=json.loads(batch.counts or "{}"),
        undone_at=batch.undone_at, undone_by=batch.undone_by, round_id=batch.round_id,
        unit_id=batch.unit_id,
        diagnostics=[Diagnostic.from_json(d) for d in json.loads(batch.diagnostics or "[]")],
    )


def list_batches(*, session: Session, limit: int = 200) -> list[BatchView]:
    rows = session.execute(select(ImportBatch).order_by(col(ImportBatch.id).desc()).limit(limit))
    return [_batch_view(b) for b in rows.scalars()]


def get_batch(*, session: Session, batch_id: int) -> BatchView:
    return _batch_view(records.get_or_fail(session, ImportBatch, batch_id, "导入批次"))


def save_column_mapping(*, session: Session, actor: Actor, unit_id: int | None,
                        columns: dict[str, str | None]) -> None:
    """Remember the user's choice {header text: field or None (ignore)} for this unit's
    later returns (unit_id None: for every unit)."""
    from jjjdesk.importing.read.fields import header_key

    require_importer(actor)
    mt = table(ImportMapping)
    for header, name in columns.items():
        key = header_key(header)[:200]
        if not key:
            continue
        cond = (mt.c.header_key == key) & (
            mt.c.unit_id.is_(None) if unit_id is None else mt.c.unit_id == unit_id)
        values = {"field": name or "", "updated_by": actor.name[:100], "updated_at": now()}
        if session.execute(select(mt.c.id).where(cond)).first():
            session.execute(update(mt).where(cond).values(**values))
        else:
            session.execute(insert(mt).values(unit_id=unit_id, header_key=key, **values))
    session.flush()


def check_cancel(cancel: CancelFlag | None) -> Callable[[], None]:
    def check() -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled("已取消")
    return check
