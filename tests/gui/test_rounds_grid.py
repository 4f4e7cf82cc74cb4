"""A unit's whole return in one grid: typing, Tab/Enter, paste from Excel, cell marks, one
transaction for 全部保存 and 保存并报送."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox
from rounds_helpers import MARCH, Shown, build, make_round

from jjjdesk.gui.context import AppContext
from jjjdesk.gui.rounds.grid_dialog import UnitReturnDialog
from jjjdesk.gui.rounds.grid_view import parse_clipboard
from jjjdesk.services.entry_views import find_entry


@pytest.fixture
def reg(empty_db):
    return build(empty_db)


@pytest.fixture
def grid(empty_db, actor, reg, qtbot, monkeypatch):
    Shown(monkeypatch, qtbot)
    rnd = make_round(empty_db)
    dialog = UnitReturnDialog(AppContext(empty_db, actor), rnd.id, reg.unit_a, "市发展改革委")
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.model.edited.clear()  # unsaved edits would ask on close (tested elsewhere)
    dialog.close()
    dialog.deleteLater()


def _stored(db, subject):
    with db.session() as s:
        return find_entry(s, subject, MARCH.key)


def _col(grid, field: str) -> int:
    return grid.model.column_of(field)


def test_rows_are_the_units_items(grid):
    m = grid.model
    names = [m.index(r, 1).data() for r in range(m.rowCount())]
    assert names == ["承接非首都功能", "津兴城际铁路", "无计划的项目"]
    assert m.index(0, 2).data() == "未填"
    # A task has no investment cells.
    assert not m.flags(m.index(0, _col(grid, "invest_period"))) & Qt.ItemFlag.ItemIsEditable
    assert m.flags(m.index(1, _col(grid, "invest_period"))) & Qt.ItemFlag.ItemIsEditable


def test_parse_excel_clipboard():
    assert parse_clipboard("1\t2\n3\t4\n") == [["1", "2"], ["3", "4"]]
    assert parse_clipboard('"第一行\n第二行"\t5\r\n') == [["第一行\n第二行", "5"]]


def test_paste_a_2x3_block_and_save(grid, reg, empty_db, qtbot):
    view, m = grid.view, grid.model
    view.setCurrentIndex(m.index(1, _col(grid, "completion_pct")))
    QApplication.clipboard().setText("30\t1.5\t3.5\n20\t0.5\t0.5\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert m.index(1, _col(grid, "invest_cumulative")).data() == "3.5"
    assert m.index(2, _col(grid, "completion_pct")).data() == "20"
    assert "已粘贴 6 个单元格" in grid.status_label.text() or m.is_dirty()
    qtbot.mouseClick(grid.save_button, Qt.MouseButton.LeftButton)
    a, b = _stored(empty_db, reg.project_a), _stored(empty_db, reg.project_b)
    assert (a.completion_pct, a.invest_period, a.invest_cumulative) == (30, 1.5, 3.5)
    assert (b.completion_pct, b.invest_period, b.invest_cumulative) == (20, 0.5, 0.5)
    assert a.review_state == "draft"
    assert _stored(empty_db, reg.task_a) is None  # a blank row is not written
    assert not m.is_dirty() and grid.status_label.text().startswith("已保存 2 条")


def test_a_bad_cell_is_marked_and_nothing_is_written(grid, reg, empty_db, qtbot):
    view, m = grid.view, grid.model
    view.setCurrentIndex(m.index(1, _col(grid, "completion_pct")))
    view.paste_text("40\t1\t2\nabc\t1\t1")
    bad = m.index(2, _col(grid, "completion_pct"))
    assert bad.data(Qt.ItemDataRole.BackgroundRole).color() == QColor("#ffcdd2")
    assert bad.data(Qt.ItemDataRole.ToolTipRole)
    qtbot.mouseClick(grid.save_button, Qt.MouseButton.LeftButton)
    assert _stored(empty_db, reg.project_a) is None  # all or nothing
    assert "未保存" in grid.status_label.text()
    assert view.currentIndex() == bad
    # Fix it by typing, as a user would: the mark goes, and all rows save.
    _type_in_cell(view, qtbot, "50")
    assert m.index(2, _col(grid, "completion_pct")).data() == "50"
    assert bad.data(Qt.ItemDataRole.BackgroundRole) != QColor("#ffcdd2")
    assert grid.save(submit=False)
    assert _stored(empty_db, reg.project_b).completion_pct == 50


def _type_in_cell(view, qtbot, text: str) -> None:
    """Typing on a selected cell opens its editor with the first key; Enter commits."""
    view.setFocus()
    qtbot.keyClick(view, text[0])
    editor = view.focusWidget() if view.focusWidget() is not view else QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on a queued call, as it does for a real key press.
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_typing_edits_and_enter_moves_down(grid, qtbot):
    view, m = grid.view, grid.model
    view.setCurrentIndex(m.index(0, _col(grid, "completion_pct")))
    _type_in_cell(view, qtbot, "45")
    assert m.index(0, _col(grid, "completion_pct")).data() == "45"
    assert view.currentIndex().row() == 1  # moved on, as in a spreadsheet
    assert m.is_dirty()


def test_enter_moves_down_and_tab_moves_right(grid, qtbot):
    view, m = grid.view, grid.model
    start = m.index(0, _col(grid, "completion_pct"))
    view.setCurrentIndex(start)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == start.column() + 1


def test_closing_with_unsaved_edits_asks(grid, boxes):
    grid.model.set_cell(0, _col(grid, "progress"), "写了一半")
    boxes.answer = QMessageBox.StandardButton.Cancel
    grid.close()
    assert grid.isVisible() and "整表有尚未保存的修改" in boxes.texts[-1]


def test_save_and_submit_all(grid, reg, empty_db, qtbot):
    m = grid.model
    for row in range(3):
        m.set_cell(row, _col(grid, "progress"), "按计划推进")
    qtbot.mouseClick(grid.submit_button, Qt.MouseButton.LeftButton)
    states = {_stored(empty_db, s).review_state for s in (reg.task_a, reg.project_a, reg.project_b)}
    assert states == {"submitted"}
    assert [m.index(r, 2).data() for r in range(3)] == ["已报送"] * 3


def test_submit_needs_progress_in_every_row(grid, reg, empty_db, qtbot):
    m = grid.model
    m.set_cell(0, _col(grid, "progress"), "按计划推进")
    assert not grid.save(submit=True)
    assert _stored(empty_db, reg.task_a) is None
    missing = m.index(1, _col(grid, "progress"))
    assert missing.data(Qt.ItemDataRole.ToolTipRole) == "报送前须填写工作进展"
