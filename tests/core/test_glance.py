"""The start-up glance of 重点项目 shows exactly what the services list, or nothing."""

from __future__ import annotations

import sqlite3

import pytest

from jjjdesk.services import glance, projects, users
from jjjdesk.services.query import ListQuery

pytestmark = pytest.mark.sqlite_only

SORTS = ["", *glance._ORDER]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", SORTS)
def test_glance_equals_the_services_first_page(demo_db, sort, descending):
    seen = glance.first_projects(demo_db.file, sort=sort, descending=descending, limit=50)
    with demo_db.session() as s:
        expected = projects.list_projects(
            session=s, query=ListQuery(sort=sort, descending=descending), limit=50
        )
        total = projects.count_projects(session=s, query=ListQuery())
    assert seen is not None
    assert seen.rows == expected
    assert seen.total == total == 80


def test_no_glance_before_signing_in(demo_db):
    with demo_db.session() as s:
        users.create_first_admin(session=s, username="admin", password="secret-pass-1")
    assert glance.first_projects(demo_db.file) is None


def test_no_glance_of_another_schema_revision(demo_db):
    with sqlite3.connect(demo_db.file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert glance.first_projects(demo_db.file) is None


def test_no_glance_of_a_missing_or_foreign_file(tmp_path):
    assert glance.first_projects(tmp_path / "absent.sqlite3") is None
    foreign = tmp_path / "foreign.sqlite3"
    foreign.write_bytes(b"not a database at all" * 100)
    assert glance.first_projects(foreign) is None
    assert glance.first_projects(tmp_path / "absent.sqlite3", sort="no such column") is None


def test_glance_leaves_the_file_untouched(demo_db):
    before = demo_db.file.read_bytes()
    glance.first_projects(demo_db.file)
    assert demo_db.file.read_bytes() == before
