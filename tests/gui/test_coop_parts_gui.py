"""配合事项 in the GUI: the cooperating unit's grid lists its items marked 配合 with the lead's
entry, its part is saved there, and the lead's entry dialog shows it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from rounds_helpers import Shown
from sqlmodel import select

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import KeyTask, Unit
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.rounds.coop_parts_panel import COL_PCT, COL_PROGRESS
from jjjdesk.gui.rounds.entry_dialog import EntryDialog
from jjjdesk.gui.rounds.grid_dialog import UnitReturnDialog
from jjjdesk.services import board, entries, rounds

TASK5 = "加快建设全国先进制造研发基地"


def _setup(db):
    with db.session() as s:
        kjj = s.exec(select(Unit.id).where(Unit.name == "市科技局")).one()
        gxj = s.exec(select(Unit.id).where(Unit.name == "市工业和信息化局")).one()
        ref = SubjectRef.task(s.exec(select(KeyTask.id).where(KeyTask.title == TASK5)).one())
        rnd = rounds.create_round(session=s, actor=Actor("协同办", Role.COORDINATOR),
                                  period="2024-03", deadline=date(2024, 4, 5),
                                  scope=rounds.RoundScope(include_projects=False))
        entries.save_entry(session=s, actor=Actor("工信", Role.REPORTER, gxj), subject=ref,
                           round_id=rnd.id, values={"assessment": "on_track",
                                                    "completion_pct": 40,
                                                    "progress": "牵头推进研发基地建设"})
    return rnd.id, kjj, ref


def test_the_cooperating_units_grid_lists_its_part_and_the_lead_sees_it(
        demo_db, qtbot, monkeypatch):
    Shown(monkeypatch, qtbot)
    round_id, kjj, ref = _setup(demo_db)
    reporter = AppContext(demo_db, Actor("科技局填报员", Role.REPORTER, kjj))
    grid = UnitReturnDialog(reporter, round_id, kjj, "市科技局")
    qtbot.addWidget(grid)
    grid.show()
    qtbot.waitExposed(grid)
    m = grid.coop.model
    assert grid.coop.isVisible()
    rows = {m.index(r, 1).data(): r for r in range(m.rowCount())}
    r = rows[TASK5]
    assert m.index(r, 2).data() == "配合"
    assert m.index(r, 3).data() == "市工业和信息化局"
    assert m.index(r, 4).data() == "牵头推进研发基地建设"
    assert not m.flags(m.index(r, 4)) & Qt.ItemFlag.ItemIsEditable  # the lead's, read-only
    assert m.setData(m.index(r, COL_PROGRESS), "新认定研发机构3家")
    assert m.setData(m.index(r, COL_PCT), "30")
    grid.coop.save_button.click()
    assert "已保存 1 项配合进展" in grid.coop.status_label.text()
    grid.close()

    office = AppContext(demo_db, Actor("协同办", Role.COORDINATOR))
    dialog = EntryDialog(office, ref, round_id=round_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.parts_group.isVisible()
    text = dialog.parts_label.text()
    assert "市科技局(配合):新认定研发机构3家 [完成 30%]" in text
    assert "市发展改革委(配合):未报" in text
    dialog.close()
    with demo_db.session() as s:
        row = {b.unit_id: b for b in board.round_board(
            session=s, round_id=round_id, today=date(2024, 4, 1)).rows}[kjj]
    assert row.filled >= 1 and row.parts >= 2 and row.parts_reported == 1
    from jjjdesk.gui.rounds.board_model import BoardModel

    model = BoardModel()
    model.set_rows([row])
    tip = model.index(0, BoardModel.COL_FILLED).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"含配合事项 {row.parts} 项,已报 1 项"


def test_a_bad_completion_is_one_chinese_line_and_nothing_saved(demo_db, qtbot, monkeypatch,
                                                                boxes):
    round_id, kjj, _ref = _setup(demo_db)
    grid = UnitReturnDialog(AppContext(demo_db, Actor("科技", Role.REPORTER, kjj)), round_id,
                            kjj, "市科技局")
    qtbot.addWidget(grid)
    m = grid.coop.model
    r = next(i for i in range(m.rowCount()) if m.index(i, 1).data() == TASK5)
    m.setData(m.index(r, COL_PROGRESS), "进展")
    m.setData(m.index(r, COL_PCT), "三成")
    assert not grid.coop.save()
    assert any("完成进度请填写0到100之间的数字" in t for t in boxes.texts)
    grid.coop.load()
    assert m.index(r, COL_PROGRESS).data() == ""
    grid.coop.model.edited.clear()
