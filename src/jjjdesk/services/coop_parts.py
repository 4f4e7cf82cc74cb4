"""配合进展: the part a 配合 or 共同牵头 unit reports on an item in a round, and who sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import (
    CoopPart,
    ReportingRound,
    RoundItem,
    Unit,
    now,
    row_id,
)
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services import coop_units, records, rounds
from jjjdesk.services.entry_access import is_office
from jjjdesk.services.entry_views import find_entry
from jjjdesk.services.permissions import Act, PermissionDenied, require
from jjjdesk.services.subjects import subject_info

ENTITY = "coop_part"
MAX_TEXT = 4000


@dataclass(frozen=True)
class PartView:
    """One unit's part of an item in a round (reported or not yet)."""

    round_id: int
    subject: SubjectRef
    subject_code: str
    subject_name: str
    unit_id: int
    unit_name: str
    role: str
    role_label: str  # 配合 / 共同牵头
    lead_unit_name: str
    lead_progress: str  # the lead's entry this period, read-only for the unit
    lead_completion: float | None
    id: int | None = None
    version: int | None = None
    progress: str = ""
    completion_pct: float | None = None
    reported_by: str = ""
    reported_at: datetime | None = None
    source: str = ""

    @property
    def reported(self) -> bool:
        return self.id is not None


def _unit_names(session: Session, ids: set[int]) -> dict[int, str]:
    return {row_id(u): u.name for u in session.exec(select(Unit).where(col(Unit.id).in_(ids)))}


def round_parts(*, session: Session, round_id: int, unit_id: int | None = None,
                subject: SubjectRef | None = None) -> list[PartView]:
    """Every part the round asks for (of one unit, or of one item), reported or not."""
    rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次")
    pairs = coop_units.round_part_pairs(session, round_id, unit_id)
    if subject is not None:
        pairs = [p for p in pairs if SubjectRef.of(p[0]) == subject]
    reported = coop_units.parts_of(session, round_id, unit_id)
    names = _unit_names(session, {u for _i, u, _r in pairs} | {i.unit_id for i, _u, _r in pairs})
    out: list[PartView] = []
    infos: dict[SubjectRef, tuple[Any, Any]] = {}
    for item, uid, role in pairs:
        ref = SubjectRef.of(item)
        if ref not in infos:
            info = subject_info(session, ref)
            lead = find_entry(session, ref, rnd.period_key)
            infos[ref] = (info, lead)
        info, lead = infos[ref]
        part = reported.get((ref, uid))
        extra: dict[str, Any] = {} if part is None else {
            "id": part.id, "version": part.version, "progress": part.progress,
            "completion_pct": part.completion_pct, "reported_by": part.reported_by,
            "reported_at": part.reported_at, "source": part.source}
        out.append(PartView(
            round_id, ref, info.code, info.name, uid, names.get(uid, ""), role,
            coop_units.role_label(role), names.get(item.unit_id, ""),
            lead.progress if lead else "", lead.completion_pct if lead else None, **extra))
    return out


def entry_parts(*, session: Session, subject: SubjectRef, period_key: str) -> list[PartView]:
    """The parts reported on an item in the rounds of a period: what the lead's entry shows."""
    round_ids = session.exec(
        select(RoundItem.round_id).join(ReportingRound,
                                        col(ReportingRound.id) == col(RoundItem.round_id))
        .where(ReportingRound.period_key == period_key,
               (RoundItem.task_id if subject.kind == "task" else RoundItem.project_id)
               == subject.id)).all()
    return [p for rid in round_ids
            for p in round_parts(session=session, round_id=rid, subject=subject)]


def save_part(*, session: Session, actor: Actor, round_id: int, subject: SubjectRef,
              unit_id: int, progress: str, completion_pct: float | None = None,
              expected_version: int | None = None, source: str = "manual",
              import_batch_id: int | None = None) -> PartView:
    """Record (or change) one unit's part. A reporter writes only its own unit's part."""
    rnd = records.get_or_fail(session, ReportingRound, round_id, "填报批次")
    require(actor, Act.ENTRY_WRITE, viewer="只读用户不能填报或修改进展。")
    if not is_office(actor) and actor.unit_id != unit_id:
        raise PermissionDenied("只能填报本单位的配合进展。")
    rounds.require_open(rnd)
    asked = [p for p in coop_units.round_part_pairs(session, round_id, unit_id)
             if SubjectRef.of(p[0]) == subject]
    if not asked:
        unit = session.get(Unit, unit_id)
        raise UserFacingError(f"“{unit.name if unit else unit_id}”不是该事项的配合或共同牵头单位,"
                              f"或该事项不在填报批次“{rnd.name}”中。")
    text = (progress or "").strip()
    errors: dict[str, str] = {}
    if not text:
        errors["progress"] = "请填写本单位的配合进展"
    elif len(text) > MAX_TEXT:
        errors["progress"] = f"配合进展不能超过{MAX_TEXT}字"
    if completion_pct is not None and not 0 <= completion_pct <= 100:
        errors["completion_pct"] = "完成进度请填写0到100之间的数字"
    if errors:
        raise ValidationFailed(errors)
    column = CoopPart.task_id if subject.kind == "task" else CoopPart.project_id
    part = session.exec(select(CoopPart).where(
        CoopPart.round_id == round_id, CoopPart.unit_id == unit_id,
        column == subject.id)).first()
    name = subject_info(session, subject).name
    what = f"{name}的配合进展"
    if part is None:
        part = CoopPart(round_id=round_id, unit_id=unit_id, progress=text,
                        completion_pct=completion_pct, source=source,
                        import_batch_id=import_batch_id, reported_by=actor.name,
                        **subject.columns)
        session.add(part)
        session.flush()
        records.audit_create(session, actor, ENTITY, part, summaries.COOP_CREATE(name=name))
    else:
        records.check_version(part, expected_version, what)
        diff = records.apply_changes(part, {"progress": text, "completion_pct": completion_pct})
        if diff:
            part.reported_by, part.reported_at, part.source = actor.name, now(), source
            part.import_batch_id = import_batch_id
            session.add(part)
            session.flush()
            records.audit_update(session, actor, ENTITY, part,
                                 summaries.COOP_UPDATE(name=name), diff)
    rounds.refresh_unit_state(session, round_id, unit_id, submitted=True)
    return next(p for p in round_parts(session=session, round_id=round_id, unit_id=unit_id,
                                       subject=subject))



@dataclass(frozen=True)
class PartInput:
    subject: SubjectRef
    progress: str
    completion_pct: float | None = None
    version: int | None = None  # as read (None: a new part)


def save_parts(*, session: Session, actor: Actor, round_id: int, unit_id: int,
               parts: list[PartInput]) -> list[PartView]:
    """Several parts of one unit in one transaction: all saved, or none (the first refusal)."""
    return [save_part(session=session, actor=actor, round_id=round_id, subject=p.subject,
                      unit_id=unit_id, progress=p.progress, completion_pct=p.completion_pct,
                      expected_version=p.version) for p in parts]
