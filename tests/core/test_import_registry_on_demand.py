"""A return's preview reads only the projects its codes and keys name, and the whole registry
once a row is matched by name: the preview is the one the whole registry gives."""

from __future__ import annotations

import pytest
from import_helpers import OFFICE, build_registry, write_xlsx

from jjjdesk.domain.models import Project
from jjjdesk.importing import batch as imports
from jjjdesk.importing.returns import plan as import_returns

HEADER = ["序号", "项目编号", "项目名称", "本月完成投资(万元)", "累计完成投资(万元)", "工作进展"]


def _preview(db, path):
    with db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=path)
    writes = [(w.values, w.extra, w.sheet, w.row) for w in preview.writes]
    return preview.rows, preview.diagnostics, writes


def _odd_codes(db):
    """Codes that key like another code (case, width, spaces) or mix cases, among enough
    others that a return names only a few of the projects."""
    with db.session() as s:
        s.add_all([Project(code=f"OTHER-{i}", name=f"其他项目{i}") for i in range(40)])
        s.add_all(
            [
                Project(code="Jjj-101", name="混合大小写编号项目"),
                Project(code="JJJ 102", name="带空格编号项目"),
                Project(code="ＪＪＪ-103", name="全角编号项目"),
                Project(code="jjj-104", name="小写编号项目甲"),
                Project(code="JJJ-104", name="大写编号项目乙"),  # same key: the later one matches
            ]
        )
        s.commit()


CODE_ROWS = [
    [1, "JJJ-001", None, "10", "100", "按计划推进"],
    [2, "jjj-002", None, "20", "200", "按计划推进"],
    [3, "jjj-101", None, "1", "2", "推进中"],
    [4, "JJJ102", None, "1", "2", "推进中"],
    [5, "JJJ-103", None, "1", "2", "推进中"],
    [6, "JJJ-104", None, "1", "2", "推进中"],
    [7, "JJJ-999", None, "1", "2", "没有这个编号"],
]
NAME_ROWS = [
    [8, None, "濱海新區生物醫藥產業園", "5", "50", "厂房封顶"],  # Traditional
    [9, None, "JJJ-002", "6", "60", "编号写在名称列"],
    [10, None, "津兴城际", "7", "70", "名称不全"],
    [11, None, "不存在的项目", "8", "80", "无"],
]


@pytest.mark.parametrize(
    "rows", [CODE_ROWS, CODE_ROWS + NAME_ROWS, NAME_ROWS], ids=["codes", "codes-and-names", "names"]
)
def test_preview_is_the_one_the_whole_registry_gives(empty_db, tmp_path, monkeypatch, rows):
    build_registry(empty_db)
    _odd_codes(empty_db)
    path = write_xlsx(tmp_path / "r.xlsx", [["2024年3月重点项目进展情况表"], HEADER, *rows])
    on_demand = _preview(empty_db, path)
    monkeypatch.setattr(
        import_returns,
        "return_registry",
        lambda session, blocks: import_returns.load_registry(session),
    )
    assert on_demand == _preview(empty_db, path)
    assert any(r.status == "new" for r in on_demand[0])


@pytest.mark.sqlite_only  # PostgreSQL always loads the whole registry (no GLOB scan)
def test_codes_alone_do_not_read_the_names(empty_db, tmp_path):
    build_registry(empty_db)
    _odd_codes(empty_db)
    path = write_xlsx(tmp_path / "r.xlsx", [["2024年3月重点项目进展情况表"], HEADER, *CODE_ROWS])
    with empty_db.session() as s:
        book = imports.read_workbook(path)
        ctx = import_returns.ReturnContext(None, None, None, None, {}, {})
        plan = import_returns.plan_return(s, book, ctx)
        reg = import_returns.return_registry(s, [])
    assert [(r.code, r.name) for r in plan.rows if r.status == "new"][-2:] == [
        ("ＪＪＪ-103", "全角编号项目"),
        ("JJJ-104", "大写编号项目乙"),
    ]
    # Only codes not in upper-case ASCII are read until a name is looked up; then all are.
    assert sorted(reg.projects.display.values()) == [
        "JJJ 102 带空格编号项目",
        "Jjj-101 混合大小写编号项目",
        "jjj-104 小写编号项目甲",
        "ＪＪＪ-103 全角编号项目",
    ]
    assert reg.projects.find("津兴城际铁路")[1] == "name"
    assert len(reg.projects.display) == 48


@pytest.mark.sqlite_only  # the PostgreSQL path reads the whole registry
def test_odd_codes_are_found_through_their_partial_index(empty_db):
    _odd_codes(empty_db)
    with empty_db.session() as s:
        conn = s.connection()
        sql = str(import_returns.odd_codes_select().compile(dialect=conn.dialect))
        plan = " ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
        codes = {r.code for r in s.execute(import_returns.odd_codes_select())}
    assert "USING INDEX ix_project_code_odd" in plan
    assert codes == {"Jjj-101", "JJJ 102", "ＪＪＪ-103", "jjj-104"}
