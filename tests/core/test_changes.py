"""Other workstations' changes are noticed: a counter on every backend, NOTIFY on PostgreSQL."""

from __future__ import annotations

import threading

import pytest

from jjjdesk.db.notify import listen
from jjjdesk.services import changes, projects


def test_every_write_moves_the_change_counter(demo_db, actor):
    with demo_db.session() as s:
        seen = changes.latest_change(session=s)
    with demo_db.session() as s:
        created = projects.create_project(session=s, actor=actor, values={"code": "C", "name": "C"})
    with demo_db.session() as s:
        news = changes.changes_since(session=s, event_id=seen)
    assert [(c.entity, c.entity_id, c.actor) for c in news] == [("project", created.id, "测试员")]


def test_postgresql_listeners_hear_committed_changes(demo_db, actor):
    if not demo_db.url.startswith("postgresql"):
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; SQLite workstations poll the counter")
    heard: list[str] = []
    got = threading.Event()
    stop = threading.Event()

    def on_notify(payload: str) -> None:
        heard.append(payload)
        got.set()

    thread = listen(demo_db.url, changes.CHANNEL, on_notify, stop)
    try:
        import time

        time.sleep(0.5)  # let LISTEN register before the write
        with demo_db.session() as s:
            created = projects.create_project(
                session=s, actor=actor, values={"code": "N", "name": "通知"}
            )
        assert got.wait(10), "no NOTIFY arrived"
        assert heard[0] == f"project:{created.id}"
    finally:
        stop.set()
        thread.join(5)
