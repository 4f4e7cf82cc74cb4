"""搜索进展: 2- and 3-character terms, the index following edits and deletes, a reporter's
scope, literal wildcards and the CLI; on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm)."""

from __future__ import annotations

import json

import pytest
from import_helpers import OFFICE, build_registry

from jjjdesk.cli.main import main
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import ProgressEntry
from jjjdesk.errors import UserFacingError
from jjjdesk.services.entry_search import search_entries


def _seed(db):
    reg = build_registry(db)
    with db.session() as s:
        rows = [
            ProgressEntry(project_id=reg.p1, period_kind="month", period_key="2024-03",
                          reporter_unit_id=reg.fgw, progress="完成征迁协议签订320户",
                          problems="部分地块拆迁慢,影响铺轨"),
            ProgressEntry(project_id=reg.p2, period_kind="month", period_key="2024-03",
                          reporter_unit_id=reg.binhai, progress="码头主体施工",
                          next_steps="办理用海手续", review_comment="请补充100%完成的依据"),
            ProgressEntry(project_id=reg.p1, period_kind="month", period_key="2024-02",
                          reporter_unit_id=reg.fgw, coordination="需市规划资源局协调征迁",
                          progress="前期工作_进行中"),
            ProgressEntry(task_id=reg.task2, period_kind="month", period_key="2024-03",
                          reporter_unit_id=reg.binhai, progress="中心城区规划编制"),
        ]
        s.add_all(rows)
        s.flush()
        ids = [r.id for r in rows]
    return reg, ids


def _ids(db, text, actor=OFFICE):
    with db.session() as s:
        return [h.entry_id for h in search_entries(session=s, actor=actor, text=text).hits]


def test_two_and_three_character_terms_find_their_entries_with_field_and_snippet(empty_db):
    reg, (a, b, c, d) = _seed(empty_db)
    assert _ids(empty_db, "征迁") == [a, c]  # newest period first
    assert _ids(empty_db, "手续") == [b]
    assert _ids(empty_db, "拆迁慢") == [a]
    assert _ids(empty_db, "中心城区规划") == [d]
    assert _ids(empty_db, "征迁 协调") == [c]  # every term must appear
    assert _ids(empty_db, "隧道") == [] and _ids(empty_db, "盾构机") == []
    with empty_db.session() as s:
        [hit] = search_entries(session=s, actor=OFFICE, text="拆迁慢").hits
        assert (hit.subject_code, hit.subject_name) == ("JJJ-001", "津兴城际铁路")
        assert hit.period_label == "2024年3月" and hit.reporter_unit == "市发展改革委"
        assert [(f.label, f.snippet) for f in hit.fields] == [
            ("存在问题", "部分地块拆迁慢,影响铺轨")]
        [older] = search_entries(session=s, actor=OFFICE, text="征迁", limit=2).hits[1:]
        assert [f.label for f in older.fields] == ["需协调事项"]
        newest = search_entries(session=s, actor=OFFICE, text="征迁", limit=1)
        assert [h.entry_id for h in newest.hits] == [c] and newest.more  # the last stored


def test_a_long_text_is_cut_round_the_hit(empty_db):
    reg = build_registry(empty_db)
    with empty_db.session() as s:
        s.add(ProgressEntry(project_id=reg.p3, period_kind="month", period_key="2024-03",
                            progress="甲" * 50 + "环评批复" + "乙" * 50))
    with empty_db.session() as s:
        [hit] = search_entries(session=s, actor=OFFICE, text="环评批复").hits
    assert hit.fields[0].snippet == "…" + "甲" * 20 + "环评批复" + "乙" * 20 + "…"


def test_the_index_follows_an_edit_and_a_delete(empty_db):
    reg, (a, b, c, d) = _seed(empty_db)
    with empty_db.session() as s:
        entry = s.get(ProgressEntry, a)
        entry.problems = "已解决"
        entry.review_comment = "盾构机已进场"
        s.add(entry)
    assert _ids(empty_db, "拆迁慢") == []
    assert _ids(empty_db, "盾构机") == [a] and _ids(empty_db, "盾构") == [a]
    with empty_db.session() as s:
        s.delete(s.get(ProgressEntry, b))
    assert _ids(empty_db, "手续") == [] and _ids(empty_db, "码头主体") == []
    with empty_db.session() as s:
        s.add(ProgressEntry(project_id=reg.p2, period_kind="month", period_key="2024-04",
                            progress="码头主体封顶"))
    assert len(_ids(empty_db, "码头主体")) == 1


@pytest.mark.parametrize("unit_scan_max", [30_000, 0], ids=["LIKE", "index"])
def test_a_reporter_finds_only_its_own_units_entries(empty_db, monkeypatch, unit_scan_max):
    from jjjdesk.services import entry_search

    # A unit of few entries is read whole with LIKE; a big one is searched through the index.
    monkeypatch.setattr(entry_search, "UNIT_SCAN_MAX", unit_scan_max)
    reg, (a, b, c, d) = _seed(empty_db)
    fgw = Actor(name="发改委填报员", role=Role.REPORTER, unit_id=reg.fgw)
    binhai = Actor(name="滨海填报员", role=Role.REPORTER, unit_id=reg.binhai)
    assert _ids(empty_db, "征迁", fgw) == [a, c] and _ids(empty_db, "征迁", binhai) == []
    assert _ids(empty_db, "施工", binhai) == [b] and _ids(empty_db, "施工", fgw) == []
    assert _ids(empty_db, "码头主体", fgw) == []


def test_like_wildcards_and_fts_syntax_in_the_text_are_literal(empty_db):
    reg, (a, b, c, d) = _seed(empty_db)
    assert _ids(empty_db, "%") == [b] and _ids(empty_db, "0%") == [b]
    assert _ids(empty_db, "_") == [c] and _ids(empty_db, "作_进") == [c]
    assert _ids(empty_db, "100%") == [b]
    assert _ids(empty_db, '"征迁') == [] and _ids(empty_db, "征迁 OR") == []
    assert _ids(empty_db, "a*b") == []


def test_empty_text_and_bad_limit_are_refused(empty_db):
    with empty_db.session() as s:
        with pytest.raises(UserFacingError, match="请输入要搜索的文字"):
            search_entries(session=s, actor=OFFICE, text=" \u3000 ")
        with pytest.raises(UserFacingError, match="条数应为正整数"):
            search_entries(session=s, actor=OFFICE, text="征迁", limit=0)


def test_cli_lists_hits_and_their_json(empty_db, capsys):
    reg, (a, b, c, d) = _seed(empty_db)
    db = ["--db", empty_db.url]
    assert main(["entries", "search", "征迁", *db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("\t")[:5] == [
        str(a), "2024年3月", "JJJ-001", "津兴城际铁路", "市发展改革委"]
    assert out[1] == "  工作进展:完成征迁协议签订320户"
    assert out[2].split("\t")[0] == str(c) and out[3] == "  需协调事项:需市规划资源局协调征迁"

    assert main(["entries", "search", "手续", "--json", *db]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert hit["entry_id"] == b and hit["subject_code"] == "JJJ-002"
    assert hit["period_key"] == "2024-03" and hit["reporter_unit"] == "滨海新区"
    assert hit["fields"] == [
        {"field": "next_steps", "label": "下步计划", "snippet": "办理用海手续"}]

    assert main(["entries", "search", "征迁", "--limit", "1", "--json", *db]) == 0
    captured = capsys.readouterr()
    assert [h["entry_id"] for h in json.loads(captured.out)] == [c]  # the last stored
    assert captured.err.strip() == "超过 1 条填报符合,只列出最近录入的 1 条;可再加一个词缩小范围。"
    assert main(["entries", "search", "隧道", *db]) == 0
    assert capsys.readouterr().out.strip() == "没有填报提到“隧道”。"
    assert main(["entries", "search", "  ", *db]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == "错误:请输入要搜索的文字。" and "Traceback" not in captured.err


def test_the_migration_indexes_the_entries_already_stored(empty_db):
    from alembic import command
    from sqlalchemy import text

    from jjjdesk.db import migrate

    reg, (a, b, c, d) = _seed(empty_db)
    with empty_db.engine.connect() as conn:
        command.downgrade(migrate.alembic_config(conn), "0006")
        conn.commit()
    with empty_db.engine.connect() as conn:  # stored while no index existed
        # A copy of a stored row in SQL: the ORM model has columns the 0006 table lacks.
        from sqlalchemy import inspect

        names = [c["name"] for c in inspect(conn).get_columns("progress_entry")
                 if c["name"] != "id"]
        changed = {"project_id": ":project", "task_id": "NULL", "period_key": "'2024-05'",
                   "period_kind": "'month'", "problems": "'环评手续未批复'"}
        picked = ", ".join(changed.get(n, n) for n in names)
        conn.execute(text(f"INSERT INTO progress_entry ({', '.join(names)}) SELECT {picked} "
                          "FROM progress_entry WHERE id = :id"), {"project": reg.p3, "id": a})
        conn.commit()
    migrate.upgrade(empty_db.engine, None)
    assert _ids(empty_db, "环评手续") == _ids(empty_db, "环评") != []
    assert _ids(empty_db, "拆迁慢") == [a] and _ids(empty_db, "手续")[1:] == [b]
    with empty_db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            found = conn.execute(text("SELECT count(*) FROM entry_search"
                                      " WHERE entry_search MATCH '\"环评手续\"'")).scalar()
            assert found == 1
        else:
            names = set(conn.execute(text(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'progress_entry'")).scalars())
            assert {f"ix_progress_entry_{f}_trgm" for f in
                    ("progress", "problems", "next_steps", "coordination", "review_comment")
                    } <= names


def _statements(db, fn):
    """The SQL that `fn()` sends to the database."""
    from sqlalchemy import event

    sent: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return " ".join(sent)


def test_two_character_terms_are_answered_by_the_index_also_at_the_end_of_a_text(empty_db):
    reg, (a, b, c, d) = _seed(empty_db)
    with empty_db.session() as s:
        rows = [ProgressEntry(project_id=reg.p3, period_kind="month", period_key="2024-01",
                              progress="征迁", problems="Bim模型"),  # the whole text
                ProgressEntry(project_id=reg.p3, period_kind="month", period_key="2023-12",
                              next_steps="加快征\n迁", coordination="BIM")]
        s.add_all(rows)
        s.flush()
        e, f = (r.id for r in rows)
    sent = _statements(empty_db, lambda: _ids(empty_db, "征迁"))
    if empty_db.engine.dialect.name == "sqlite":
        assert "entry_search MATCH" in sent and "LIKE" not in sent.upper()
    assert _ids(empty_db, "征迁") == [a, c, e]  # newest period first
    assert _ids(empty_db, "bi") == [e, f] and _ids(empty_db, "BIM") == [e, f]  # ASCII case
    assert _ids(empty_db, "征迁 办理") == [] and _ids(empty_db, "手续 码头主体") == [b]
    assert _ids(empty_db, "迁 征") == [a, c, e, f]  # single characters: LIKE
    assert _ids(empty_db, "慢,") == [a] and _ids(empty_db, "0%") == [b]
    with empty_db.session() as s:
        result = search_entries(session=s, actor=OFFICE, text="征迁", limit=3)
        assert [h.entry_id for h in result.hits] == [a, c, e] and not result.more
        result = search_entries(session=s, actor=OFFICE, text="征迁", limit=2)
        assert [h.entry_id for h in result.hits] == [c, e] and result.more  # the last stored


def test_the_index_follows_an_import_and_its_undo(empty_db, tmp_path):
    from import_helpers import write_xlsx

    from jjjdesk.importing import batch as imports

    build_registry(empty_db)
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["2024年3月"], ["项目名称", "工作进展", "完成进度", "存在问题", "需协调事项"],
        ["津兴城际铁路", "盾构始发", "50%", "管线迁改", ""],
        ["天津港北疆港区集装箱码头", "岸桥安装", "40%", "", "需海事局协调航道"],
    ])
    with empty_db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=path)
    with empty_db.session() as s:
        batch = imports.commit_import(session=s, actor=OFFICE, preview=preview).batch_id
    with empty_db.session() as s:
        [hit] = search_entries(session=s, actor=OFFICE, text="迁改").hits
        assert (hit.subject_name, hit.period_key) == ("津兴城际铁路", "2024-03")
        assert [(f.label, f.snippet) for f in hit.fields] == [("存在问题", "管线迁改")]
    assert len(_ids(empty_db, "航道")) == 1 and len(_ids(empty_db, "海事局")) == 1
    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=batch)
    assert _ids(empty_db, "迁改") == [] and _ids(empty_db, "海事局") == []


def test_an_import_that_changes_texts_keeps_the_index_and_its_triggers(empty_db, tmp_path):
    """The import's bulk writes index their rows themselves (db/search_index.py): a changed
    text is found by its new words only, through the import and its undo, and the triggers
    that follow every other write are back, as the migration made them."""
    from import_helpers import write_xlsx

    from jjjdesk.db.search_index import TRIGGERS
    from jjjdesk.importing import batch as imports

    build_registry(empty_db)

    def triggers() -> dict[str, str]:
        if empty_db.engine.dialect.name != "sqlite":
            return {}  # PostgreSQL's trigram indexes follow every write by themselves
        with empty_db.engine.connect() as conn:
            return dict(conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'entry_search_%'").all())

    made = triggers()
    if empty_db.engine.dialect.name == "sqlite":
        assert made == TRIGGERS
    first = write_xlsx(tmp_path / "a.xlsx", [
        ["2024年3月"], ["项目名称", "工作进展", "完成进度"], ["津兴城际铁路", "盾构始发", "50%"]])
    second = write_xlsx(tmp_path / "b.xlsx", [
        ["2024年3月"], ["项目名称", "工作进展", "完成进度"], ["津兴城际铁路", "轨道铺设", "60%"]])
    for path in (first, second):
        with empty_db.session() as s:
            preview = imports.preview_import(session=s, actor=OFFICE, path=path)
        with empty_db.session() as s:
            batch = imports.commit_import(session=s, actor=OFFICE, preview=preview).batch_id
    assert _ids(empty_db, "铺设") and not _ids(empty_db, "盾构")
    assert triggers() == made
    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=batch)
    assert _ids(empty_db, "盾构") and not _ids(empty_db, "铺设")
    assert triggers() == made
    with empty_db.session() as s:  # a write outside an import still follows the triggers
        s.connection().exec_driver_sql(
            "UPDATE progress_entry SET progress = '试运行' WHERE progress = '盾构始发'")
    assert _ids(empty_db, "试运行") and not _ids(empty_db, "盾构")
