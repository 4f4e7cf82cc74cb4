"""Bringing an office's existing ledger in: units with aliases, projects, indicators; undo."""

from __future__ import annotations

from import_helpers import OFFICE, build_registry, write_xlsx
from sqlalchemy import text
from sqlmodel import select

from jjjdesk.domain.models import Indicator, Project, Unit, UnitAlias
from jjjdesk.importing import batch as imports
from jjjdesk.importing.registry.preview import preview_registry_import

UNITS = [
    ["责任单位一览表"],
    ["单位名称", "单位类型", "别名", "联系人", "联系电话"],
    ["市发展改革委", "市级部门", "市发改委、发改委", "王五", "022-1"],
    ["市交通运输委", "市级部门", "市交通委", "赵六", "022-2"],
    ["東麗區", "区", "东丽", "", ""],
]
PROJECTS = [
    ["重点项目台账"],
    ["项目编号", "项目名称", "所在区", "牵头单位", "总投资(万元)", "项目阶段", "计划开工时间",
     "计划竣工时间", "所属任务"],
    ["JJJ-001", "津兴城际铁路", "", "市发改委", "500000", "在建", "2023年3月1日", "2025.12.31",
     "1"],
    ["JJJ-010", "东丽湖国际会议中心", "东丽区", "市交通委", "12.5亿元", "谋划", 45000, "", ""],
    ["JJJ-011", "不明项目", "西青区", "市发改委", "1", "在建", "", "", ""],
]
INDICATORS = [
    ["指标名称", "计量单位", "基期年份", "基期值", "目标年份", "目标值"],
    ["港口集装箱吞吐量", "万标准箱", "2022", "2,102", "2027", "2,700"],
]


def _ledger(tmp_path):
    return write_xlsx(tmp_path / "台账.xlsx", UNITS, title="单位",
                      extra={"项目": PROJECTS, "指标": INDICATORS})


def _dump(db):
    with db.engine.connect() as conn:
        return [(t, [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1"))])
                for t in ("unit", "unit_alias", "project", "indicator")]


def test_registry_ledger_preview_commit_and_undo(empty_db, tmp_path):
    reg = build_registry(empty_db)
    before = _dump(empty_db)
    path = _ledger(tmp_path)
    with empty_db.session() as s:
        preview = preview_registry_import(session=s, actor=OFFICE, path=path)
    rows = {(r.kind, r.name): r for r in preview.rows}
    assert rows[("unit", "市发展改革委")].status == "changed"
    assert rows[("unit", "市交通运输委")].status == "new"
    assert rows[("unit", "東麗區")].status == "new"
    changed = rows[("project", "津兴城际铁路")]
    assert changed.status == "changed"
    assert {c.label: (c.old, c.new) for c in changed.changes}["计划竣工"] == ("", "2025-12-31")
    assert rows[("project", "东丽湖国际会议中心")].status == "new"
    assert rows[("project", "不明项目")].status == "rejected"
    assert rows[("indicator", "港口集装箱吞吐量")].status == "new"
    unknown = next(d for d in preview.diagnostics if d.row == 5 and d.sheet == "项目")
    assert (unknown.column, unknown.problem) == ("C", "台账中没有单位“西青区”,不会自动新增")

    with empty_db.session() as s:
        result = imports.commit_import(session=s, actor=OFFICE, preview=preview)
    assert (result.created, result.updated) == (4, 2)
    with empty_db.session() as s:
        p1 = s.get(Project, reg.p1)
        assert (p1.total_investment, p1.stage, str(p1.planned_start)) == (
            50.0, "under_construction", "2023-03-01")
        assert p1.task_id == reg.task1
        new = s.exec(select(Project).where(Project.code == "JJJ-010")).one()
        dongli = s.exec(select(Unit).where(Unit.name == "東麗區")).one()
        jiaotong = s.exec(select(Unit).where(Unit.name == "市交通运输委")).one()
        assert (new.district_id, new.lead_unit_id) == (dongli.id, jiaotong.id)
        assert new.total_investment == 12.5 and str(new.planned_start) == "2023-03-15"
        aliases = set(s.exec(select(UnitAlias.alias).where(UnitAlias.unit_id == reg.fgw)))
        assert aliases == {"市发改委", "发改委"}
        ind = s.exec(select(Indicator)).one()
        assert (ind.baseline_value, ind.target_value, ind.measure) == (2102, 2700, "万标准箱")

    with empty_db.session() as s:
        again = preview_registry_import(session=s, actor=OFFICE, path=path)
    assert {r.status for r in again.rows} == {"unchanged", "rejected"}

    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)
    assert _dump(empty_db) == before
