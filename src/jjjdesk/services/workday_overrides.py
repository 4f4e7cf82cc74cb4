"""The office's own corrections to the working-day calendar (a make-up day the State
Council's table lacks, a local day off), kept with the data and audited."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import Session

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import Setting
from jjjdesk.domain.workdays import Override
from jjjdesk.services import audit
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.permissions import require_registry_write

#: One setting row holds them all: a few dates a year, read with every deadline.
KEY = "calendar.overrides"


def list_overrides(*, session: Session) -> dict[date, Override]:
    row = session.get(Setting, KEY)
    stored = json.loads(row.value) if row is not None else None
    return {date.fromisoformat(d): Override(date.fromisoformat(d), bool(v["workday"]),
                                            str(v.get("note", "")))
            for d, v in (stored or {}).items()}


def _save(session: Session, overrides: dict[date, Override]) -> None:
    row = session.get(Setting, KEY) or Setting(key=KEY)
    row.value = json.dumps({d.isoformat(): {"workday": o.workday, "note": o.note}
                            for d, o in sorted(overrides.items())}, ensure_ascii=False)
    session.add(row)


def _label(workday: bool) -> str:
    return "工作日" if workday else "休息日"


def set_override(*, session: Session, actor: Actor, day: date, workday: bool, note: str = ""
                 ) -> Override:
    """Mark `day` a working day or a day off for this office (replacing an earlier mark)."""
    require_registry_write(actor)
    overrides = list_overrides(session=session)
    old = overrides.get(day)
    made = Override(day, workday, note.strip())
    if old == made:
        return made
    overrides[day] = made
    _save(session, overrides)
    audit.record(
        session=session, actor=actor, action="update", entity="setting", entity_id=None,
        summary=(summaries.CALENDAR_SET_NOTE if made.note else summaries.CALENDAR_SET)(
            day=day.isoformat(), day_kind=_label(workday), note=made.note),
        changes={f"calendar {day.isoformat()}": [None if old is None else _label(old.workday),
                                                  _label(workday)]},
    )
    return made


def remove_override(*, session: Session, actor: Actor, day: date) -> bool:
    """Drop the office's mark on `day`; False when there was none."""
    require_registry_write(actor)
    overrides = list_overrides(session=session)
    old = overrides.pop(day, None)
    if old is None:
        return False
    _save(session, overrides)
    audit.record(
        session=session, actor=actor, action="update", entity="setting", entity_id=None,
        summary=summaries.CALENDAR_CLEAR(day=day.isoformat(), day_kind=_label(old.workday)),
        changes={f"calendar {day.isoformat()}": [_label(old.workday), None]},
    )
    return True
