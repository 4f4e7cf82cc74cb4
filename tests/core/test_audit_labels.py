"""Audit rows read in words: every column has a label, real actions show no internal key."""

from __future__ import annotations

import json
import re

from sqlmodel import SQLModel

import jjjdesk.domain.models  # noqa: F401  (registers the tables)
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.services import audit, projects, units, users
from jjjdesk.services.audit_text import FIELD_LABELS, change_items, describe_changes

ADMIN = Actor("admin", Role.ADMIN)
_KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b(?:on_track|lagging|submitted|changed|errors)\b")


def test_every_column_has_a_label():
    columns = {c.name for t in SQLModel.metadata.tables.values() for c in t.columns}
    assert sorted(columns - set(FIELD_LABELS)) == []


def test_unknown_key_falls_back():
    assert describe_changes({"fields": {"zz_new": [1, 2]}}) == ["zz_new:1 → 2"]


def test_real_actions_have_no_internal_key(demo_db):
    with demo_db.session() as s:
        users.create_first_admin(session=s, username="admin", password="Admin#2024")
    with demo_db.session() as s:
        unit_id = units.find_unit_by_name(session=s, name="武清区")
        users.create_user(session=s, actor=ADMIN, username="wq", password="Temp#12345",
                          role="reporter", unit_id=unit_id)
        projects.create_project(session=s, actor=ADMIN, values={"code": "A-1", "name": "审计"})
        units.update_unit(session=s, actor=ADMIN, unit_id=unit_id, values={"contact_person": "张"})
    with demo_db.session() as s:
        events = audit.list_events(session=s, limit=1000)
    assert events
    for e in events:
        text = e.summary + "\n" + "\n".join(describe_changes(e.changes, e.entity))
        assert not _KEY.search(text), text
        for label, old, new in change_items(e.changes, e.entity):
            assert not _KEY.search(label + old + new)


def test_cli_audit_list(demo_db, capsys):
    from jjjdesk.cli.main import main

    url = str(demo_db.url) if hasattr(demo_db, "url") else None
    assert url
    assert main(["audit", "list", "--json", "--limit", "3", "--db", url]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert 1 <= len(rows) <= 3
    assert {"time", "who", "action", "subject", "summary", "changes"} <= set(rows[0])
    assert main(["audit", "list", "--db", url]) == 0
    out = capsys.readouterr().out
    assert out.strip() and not _KEY.search(out)
