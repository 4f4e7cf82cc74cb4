"""The bench dataset's history: open problems, a chained audit log and small attachments.

Added by bench/make_dataset.py after the entries, with Core bulk inserts in the same
transaction. The audit rows are chained exactly as services/audit.py chains them (same digest,
same previous hash), so `verify_chain` passes on the finished file; hashing 300k rows costs
about a second, so no "imported history" shortcut is needed.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import dataset_vocab as V
from sqlalchemy import Connection, func, insert, select

from jjjdesk.domain.enums import ProblemKind, ProblemState
from jjjdesk.domain.models import (
    Attachment,
    AttachmentChunk,
    AttachmentContent,
    AuditEvent,
    Problem,
    ProblemAction,
    ProblemEntry,
    ProgressEntry,
    Project,
)
from jjjdesk.services import audit as audit_service

CHUNK = 20_000
ACTORS = ["admin", "coordinator", "zhangwei", "liuyang", "wangfang", "chenjing", "lihua",
          "zhaolei", "sunli", "zhouqiang", "wuhong", "zhengmin", "bench"]
FIELDS = ["completion_pct", "assessment", "progress", "problems", "next_steps", "review_state",
          "invest_cumulative", "coordination"]
_OOXML = "application/vnd.openxmlformats-officedocument."
MEDIA = [("进展照片.jpg", "image/jpeg"), ("现场图片.png", "image/png"),
         ("工作报告.pdf", "application/pdf"), ("投资明细.xlsx", _OOXML + "spreadsheetml.sheet"),
         ("会议纪要.docx", _OOXML + "wordprocessingml.document")]


def _chunks(conn: Connection, table, rows: Iterator[dict]) -> int:
    stmt, done, chunk = insert(table), 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            conn.execute(stmt, chunk)
            done, chunk = done + len(chunk), []
    if chunk:
        conn.execute(stmt, chunk)
        done += len(chunk)
    return done


def add_problems(conn: Connection, rng: random.Random, share: float = 0.5) -> dict[str, int]:
    """A problem row for about half the entries that report one; old ones mostly closed."""
    found = conn.execute(
        select(ProgressEntry.id, ProgressEntry.task_id, ProgressEntry.project_id,
               ProgressEntry.reporter_unit_id, ProgressEntry.period_key,
               ProgressEntry.problems, ProgressEntry.created_at)
        .where(ProgressEntry.problems != "").order_by(ProgressEntry.id)
    ).all()
    last_key = max((r.period_key for r in found), default="")
    last_year = last_key[:4]
    picked = [r for r in found if rng.random() < share]
    problems = []
    for r in picked:
        recent = r.period_key[:4] == last_year
        state = (rng.choice([ProblemState.PENDING, ProblemState.IN_PROGRESS,
                             ProblemState.PENDING, ProblemState.RESOLVED]) if recent
                 else rng.choice([ProblemState.CLOSED] * 8 + [ProblemState.IN_PROGRESS]))
        at = r.created_at if r.created_at.tzinfo else r.created_at.replace(tzinfo=UTC)
        problems.append({
            "kind": (ProblemKind.COORDINATION if rng.random() < 0.2 else ProblemKind.PROBLEM).value,
            "description": r.problems, "owner_unit_id": r.reporter_unit_id,
            "task_id": r.task_id, "project_id": r.project_id, "state": state.value,
            "raised_period_key": r.period_key, "last_period_key": r.period_key,
            "resolution": "已协调解决。" if state is ProblemState.CLOSED else "",
            "closed_at": at + timedelta(days=30) if state is ProblemState.CLOSED else None,
            "responsible_person": rng.choice(V.PEOPLE) if rng.random() < 0.6 else "",
            "due_date": (at + timedelta(days=45)).date() if rng.random() < 0.5 else None,
            "version": 1, "created_at": at, "updated_at": at,
        })
    first_id = (conn.execute(select(func.max(Problem.id))).scalar() or 0) + 1
    n = _chunks(conn, Problem.__table__, iter(problems))
    ids = range(first_id, first_id + n)
    links = [{"problem_id": pid, "entry_id": r.id} for pid, r in zip(ids, picked, strict=True)]
    _chunks(conn, ProblemEntry.__table__, iter(links))
    actions = [{"problem_id": pid, "kind": "close", "at": p["closed_at"], "actor": "coordinator",
                "note": "销号"} for pid, p in zip(ids, problems, strict=True) if p["closed_at"]]
    _chunks(conn, ProblemAction.__table__, iter(actions))
    open_ = sum(1 for p in problems if p["state"] != ProblemState.CLOSED.value)
    return {"entries with problems": len(found), "problems": n, "open problems": open_,
            "problem actions": len(actions)}


def _audit_rows(rng: random.Random, n: int, entries: list[tuple[int, int | None]],
                projects: list[int], start: datetime, end: datetime, prev: str
                ) -> Iterator[dict]:
    step = (end - start) / max(1, n)
    texts = list(V.PROGRESS_EXTRAS) + V.PROBLEMS
    for i in range(n):
        at = (start + step * i).replace(microsecond=0)
        roll = rng.random()
        if roll < 0.75:
            entity, (entity_id, _) = "entry", rng.choice(entries)
            action = rng.choice(["create", "update", "update", "submit", "approve", "return"])
            field = rng.choice(FIELDS)
            if field == "completion_pct":
                old = rng.randint(0, 90)
                change = {field: [old, old + rng.randint(1, 10)]}
            elif field == "review_state":
                change = {field: ["submitted", "approved"]}
            else:
                change = {field: [rng.choice(texts), rng.choice(texts)]}
            summary = f"进展填报 #{entity_id} {action}"
        elif roll < 0.9:
            entity, entity_id, action = "project", rng.choice(projects), "update"
            change = {"stage": ["under_construction", "completed"]} if rng.random() < 0.3 else {
                "annual_investment": [round(rng.uniform(1, 50), 2), round(rng.uniform(1, 50), 2)]}
            summary = f"项目 #{entity_id} 修改"
        else:
            entity, entity_id, action = "problem", rng.randint(1, 5000), "update"
            change = {"state": ["pending", "in_progress"]}
            summary = f"问题 #{entity_id} 状态变更"
        event = SimpleNamespace(
            at=at, actor=rng.choice(ACTORS), action=action, entity=entity, entity_id=entity_id,
            summary=summary, changes=json.dumps(change, ensure_ascii=False, sort_keys=True),
            reason="" if rng.random() < 0.8 else "按单位反馈更正", import_batch_id=None,
        )
        # The service's own digest: the chain verifies like one written by the app.
        digest = audit_service._digest(prev, event)  # noqa: SLF001 - bench mirrors the service
        yield {**vars(event), "prev_hash": prev, "hash": digest}
        prev = digest


def add_audit(conn: Connection, rng: random.Random, n: int) -> float:
    """`n` chained audit events spread over the reporting years; returns seconds."""
    started = time.perf_counter()
    entries = conn.execute(select(ProgressEntry.id, ProgressEntry.project_id)
                           .where(ProgressEntry.id % 7 == 0)).all()
    projects = list(conn.execute(select(Project.id)).scalars())
    bounds = conn.execute(select(func.min(ProgressEntry.created_at),
                                 func.max(ProgressEntry.created_at))).one()
    start, end = (b if b.tzinfo else b.replace(tzinfo=UTC) for b in bounds)
    last = conn.execute(select(AuditEvent.hash, AuditEvent.at)
                        .order_by(AuditEvent.id.desc()).limit(1)).first()
    prev = last.hash if last else ""
    if last is not None:  # the demo's events come first in id order: keep time ascending
        start = min(start, last.at if last.at.tzinfo else last.at.replace(tzinfo=UTC))
    rows = _audit_rows(rng, n, [tuple(e) for e in entries], projects, start, end, prev)
    _chunks(conn, AuditEvent.__table__, rows)
    return time.perf_counter() - started


def add_attachments(conn: Connection, rng: random.Random, n: int) -> dict[str, int]:
    """`n` small attachments (2–40 KB, one chunk each), most on entries, some on problems."""
    entries = conn.execute(select(ProgressEntry.id, ProgressEntry.version, ProgressEntry.reporter,
                                  ProgressEntry.created_at)
                           .where(ProgressEntry.id % 97 == 0).limit(n)).all()
    problem_ids = list(conn.execute(select(Problem.id).limit(n)).scalars())
    contents, chunks, rows, total = [], [], [], 0
    for i in range(n):
        data = rng.randbytes(rng.randint(2_000, 40_000))
        sha = hashlib.sha256(data).hexdigest()
        name, media = rng.choice(MEDIA)
        e = entries[i % len(entries)]
        at = e.created_at if e.created_at.tzinfo else e.created_at.replace(tzinfo=UTC)
        on_problem = problem_ids and rng.random() < 0.15
        contents.append({"sha256": sha, "size": len(data), "chunk_count": 1, "created_at": at})
        chunks.append({"sha256": sha, "seq": 0, "data": data})
        rows.append({"content_sha256": sha, "file_name": name, "media_type": media,
                     "size": len(data), "uploader": e.reporter,
                     "entry_id": None if on_problem else e.id,
                     "entry_version": None if on_problem else e.version,
                     "problem_id": rng.choice(problem_ids) if on_problem else None,
                     "created_at": at})
        total += len(data)
    _chunks(conn, AttachmentContent.__table__, iter(contents))
    for start in range(0, len(chunks), 500):  # blobs: smaller statements
        conn.execute(insert(AttachmentChunk.__table__), chunks[start:start + 500])
    _chunks(conn, Attachment.__table__, iter(rows))
    return {"attachments": n, "blob bytes": total}
