"""重点项目: create through the form, search (Chinese and pinyin initials), edit, undo, redo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jjjdesk.gui.main_window import PAGE_PROJECTS
from jjjdesk.gui.models.projects_model import ProjectsModel


def _names(model: ProjectsModel) -> list[str]:
    return [model.record(r).name for r in range(model.rowCount())]


def _search(qtbot, type_into, page, text: str) -> None:
    type_into(page.search_edit, text)
    qtbot.waitUntil(lambda: page.model.query.text == text, timeout=2000)


def test_first_page_and_counts(window):
    from jjjdesk.gui.main_window import DEFAULT_PAGE
    from jjjdesk.gui.pages import catalog

    assert window.page_stack.currentIndex() == DEFAULT_PAGE == catalog.index_of("home")
    window.show_page(PAGE_PROJECTS)
    page = window.projects_page
    assert page.model.rowCount() == 80
    assert page.count_label.text() == "显示 80 / 80 个项目"
    assert window.counts_label.text() == "共 80 个项目 · 25 项任务 · 46 个单位 · 13 个指标"
    assert window.location_label.text() == f"数据库:{window.context.location}"
    assert "registry.sqlite3" in window.location_label.text() or "postgresql" in (
        window.location_label.text()
    )
    header = page.model.headerData(ProjectsModel.COL_TOTAL, Qt.Orientation.Horizontal)
    assert header == "总投资(亿元)"


def test_create_find_edit_undo_redo(window, qtbot, type_into, boxes):
    page = window.projects_page
    form = page.form
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert form.title_label.text() == "新增项目"
    type_into(form.fields["code"], "JJJ-2025-901")
    type_into(form.fields["name"], "武清电商物流园")
    district = form.fields["district_id"]
    district.setCurrentIndex(district.findText("武清区"))
    type_into(form.fields["total_investment"], "12.5")
    type_into(form.fields["planned_start"], "2025-03-01")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.record_id is not None, form.error_banner.text()
    assert page.model.total == 81
    assert window.counts_label.text().startswith("共 81 个项目")
    row = page.model.record(page.view.currentIndex().row())
    assert (row.name, row.district, row.total_investment) == ("武清电商物流园", "武清区", 12.5)
    shown = page.model.index(page.view.currentIndex().row(), ProjectsModel.COL_TOTAL).data()
    assert shown == "12.50"

    _search(qtbot, type_into, page, "电商物流")
    assert _names(page.model) == ["武清电商物流园"]
    assert page.count_label.text() == "显示 1 / 81 个项目"
    _search(qtbot, type_into, page, "wqdswl")
    assert _names(page.model) == ["武清电商物流园"]
    _search(qtbot, type_into, page, "jxcj")
    assert "津兴城际铁路" in _names(page.model)

    _search(qtbot, type_into, page, "武清电商")
    page.select_record(form.record_id)
    type_into(form.fields["name"], "武清电商物流园二期")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert _names(page.model) == ["武清电商物流园二期"]

    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _names(page.model) == ["武清电商物流园"]
    assert form.fields["name"].text() == "武清电商物流园"

    qtbot.keyClick(page.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _names(page.model) == ["武清电商物流园二期"]

    window.undo_action.trigger()  # the edit
    window.undo_action.trigger()  # the creation
    assert _names(page.model) == []
    assert page.model.count_all() == 80


def test_validation_errors_next_to_fields_and_nothing_saved(window, qtbot, type_into):
    page = window.projects_page
    form = page.form
    page.new_record()
    type_into(form.fields["name"], "")
    type_into(form.fields["total_investment"], "十二亿")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error_labels["name"].isVisibleTo(form)
    assert form.error_labels["name"].text() == "项目名称不能为空"
    assert form.error_labels["total_investment"].text() == "请输入数字"
    assert not form.error_labels["code"].isVisibleTo(form)
    assert form.record_id is None
    assert page.model.count_all() == 80

    type_into(form.fields["name"], "测试项目")
    type_into(form.fields["total_investment"], "10")
    type_into(form.fields["planned_start"], "2026-01-01")
    type_into(form.fields["planned_completion"], "2025-01-01")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.error_labels["name"].isVisibleTo(form)
    assert form.error_labels["planned_completion"].text() == "计划竣工时间不能早于计划开工时间"
    assert page.model.count_all() == 80


def test_duplicate_code_is_shown_next_to_the_code(window, qtbot, type_into):
    form = window.projects_page.form
    window.projects_page.new_record()
    type_into(form.fields["code"], "JJJ-2023-001")
    type_into(form.fields["name"], "重复编号的项目")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "已被使用" in form.error_labels["code"].text()


def test_filters_stage_and_sort_by_header(window, qtbot):
    page = window.projects_page
    stage = page.filter_combos["stage"]
    stage.setCurrentIndex(stage.findText("在建"))
    assert 0 < page.model.total < 80
    assert {page.model.record(r).stage_label for r in range(page.model.rowCount())} == {"在建"}
    stage.setCurrentIndex(0)
    header = page.view.horizontalHeader()
    header.setSortIndicator(ProjectsModel.COL_TOTAL, Qt.SortOrder.DescendingOrder)
    assert page.model.query.sort == "total_investment"
    values = [page.model.record(r).total_investment for r in range(page.model.rowCount())]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=True)


def test_delete_project_asks_and_undo_restores(window, qtbot, boxes):
    page = window.projects_page
    page.select_record(page.model.record(0).id)
    name = page.form.fields["name"].text()
    boxes.answer = 0x00010000  # No
    assert not page.form.delete()
    assert page.model.count_all() == 80
    boxes.answer = 0x00004000  # Yes
    assert page.form.delete()
    assert "确定删除项目" in boxes.texts[-1]
    assert page.model.count_all() == 79
    window.undo_action.trigger()
    assert page.model.count_all() == 80
    assert name in _names(page.model)


def test_unsaved_edit_is_not_lost_when_another_row_is_chosen(window, qtbot, type_into, boxes):
    from PySide6.QtWidgets import QMessageBox

    page = window.projects_page
    form = page.form
    first, second = page.model.record(0), page.model.record(1)
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert form.record_id == first.id
    type_into(form.fields["name"], "改了但未保存")

    boxes.answer = QMessageBox.StandardButton.Cancel  # keep editing
    page.view.setCurrentIndex(page.model.index(1, 0))
    assert boxes.shown[-1][1] == "“改了但未保存”有尚未保存的修改,是否保存?"
    assert form.record_id == first.id
    assert form.fields["name"].text() == "改了但未保存"
    assert page.view.currentIndex().row() == 0

    boxes.answer = QMessageBox.StandardButton.Discard
    page.view.setCurrentIndex(page.model.index(1, 0))
    assert form.record_id == second.id
    assert page.model.record(0).name == first.name  # nothing written

    type_into(form.fields["name"], "第二个项目改名")
    boxes.answer = QMessageBox.StandardButton.Save
    target = page.model.row_of(first.id)
    page.view.setCurrentIndex(page.model.index(target, 0))
    assert form.record_id == first.id
    assert page.model.record(page.model.row_of(second.id)).name == "第二个项目改名"
    assert len(boxes.shown) == 3


def test_a_save_while_another_program_locks_the_file_says_so(
        window, demo_db, qtbot, type_into, boxes, monkeypatch):
    """Another program holds the write lock past the busy wait: a plain line beside the form,
    the input stays, no crash dialog, nothing written (issue 17)."""
    import sqlite3

    import pytest

    from jjjdesk.db import engine as engine_module

    if demo_db.file is None:
        pytest.skip("a file lock is SQLite's")
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    demo_db.engine.dispose()  # new connections wait 200 ms, not 10 s
    window.show_page(PAGE_PROJECTS)
    page = window.projects_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_into(page.form.fields["code"], "JJJ-2025-902")
    type_into(page.form.fields["name"], "宝坻物流枢纽")
    other = sqlite3.connect(demo_db.file, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert page.form.record_id is None
    assert "另一个程序" in page.form.error_banner.text()
    assert page.form.fields["name"].text() == "宝坻物流枢纽"
    assert page.model.total == 80
    assert not boxes.shown  # no crash dialog


def test_the_detail_form_collapses_and_comes_back(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    page = window.projects_page
    window.show_page(window.pages.index(page))
    assert page.form.isVisible() and page.form_button.isChecked()
    width = page.view.width()
    page.form_button.click()
    qtbot.waitUntil(lambda: not page.form.isVisible())
    qtbot.waitUntil(lambda: page.view.width() > width + 200)  # the list takes the room
    page.save_state()
    page.form_button.setChecked(True)
    page.restore_state()  # collapsed is remembered
    assert not page.form_button.isChecked()
    page.new_record()  # a new record opens the form again
    assert page.form.isVisible()
