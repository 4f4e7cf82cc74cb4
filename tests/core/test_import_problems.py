"""An import's problem texts reach the 问题清单 as 报送 in the app does: linked to the open
problem of the same text, else created (owned by the lead unit, audited), all undone with the
batch — done for the whole batch at once."""

from __future__ import annotations

from import_helpers import OFFICE, build_registry, write_xlsx
from sqlmodel import select

from jjjdesk.domain.models import Problem, ProblemEntry
from jjjdesk.importing import batch as imports
from jjjdesk.services import audit


def _problems(db) -> dict[tuple[int | None, str], tuple[str, str, int | None, int]]:
    with db.session() as s:
        links = s.exec(select(ProblemEntry)).all()
        return {(p.project_id, p.description): (p.kind, p.last_period_key, p.owner_unit_id,
                                                sum(link.problem_id == p.id for link in links))
                for p in s.exec(select(Problem))}


def test_problem_texts_link_or_create_and_undo_with_the_batch(empty_db, tmp_path):
    reg = build_registry(empty_db)
    with empty_db.session() as s:
        s.add(Problem(kind="problem", description="征地拆迁进度滞后", project_id=reg.p1,
                      owner_unit_id=reg.fgw, raised_period_key="2024-01",
                      last_period_key="2024-02"))
    path = write_xlsx(tmp_path / "p.xlsx", [
        ["2024年3月"], ["项目名称", "工作进展", "完成进度", "存在问题", "需协调事项"],
        ["津兴城际铁路", "铺轨", "50%", "1.征地拆迁进度滞后。2.资金到位不足", ""],
        ["天津港北疆港区集装箱码头", "x", "40%", "资金到位不足", "施工用电需电力部门支持"],
        ["滨海新区生物医药产业园", "y", "30%", "无", ""],
    ])
    with empty_db.session() as s:
        preview = imports.preview_import(session=s, actor=OFFICE, path=path)
    with empty_db.session() as s:
        result = imports.commit_import(session=s, actor=OFFICE, preview=preview)
    found = _problems(empty_db)
    assert found == {
        (reg.p1, "征地拆迁进度滞后"): ("problem", "2024-03", reg.fgw, 1),  # carried forward
        (reg.p1, "资金到位不足"): ("problem", "2024-03", reg.fgw, 1),
        (reg.p2, "资金到位不足"): ("problem", "2024-03", reg.binhai, 1),  # another subject's
        (reg.p2, "施工用电需电力部门支持"): ("coordination", "2024-03", reg.binhai, 1),
    }
    with empty_db.session() as s:
        assert audit.verify_chain(session=s) == []
        made = [e.summary for e in audit.list_events(session=s) if e.entity == "problem"]
    assert sorted(made) == sorted(["新增存在问题:资金到位不足", "新增存在问题:资金到位不足",
                                   "新增需协调事项:施工用电需电力部门支持"])
    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)
    assert _problems(empty_db) == {
        (reg.p1, "征地拆迁进度滞后"): ("problem", "2024-02", reg.fgw, 0)}
