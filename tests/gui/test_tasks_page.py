"""The 重点任务 tree: plan → category → task → sub-task, filters, and the task form."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from jjjdesk.gui.main_window import PAGE_TASKS
from jjjdesk.gui.models.tasks_model import KindRole, TasksModel


def _kinds(model: TasksModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent if parent is not None else QModelIndex()
    found = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        found.append(index.data(KindRole))
        found += _kinds(model, index)
    return found


def test_demo_tree_has_25_tasks_in_7_categories(window):
    window.show_page(PAGE_TASKS)
    page = window.tasks_page
    kinds = _kinds(page.model)
    assert kinds.count("plan") == 1
    assert kinds.count("category") == 7
    assert kinds.count("task") == 25
    assert page.count_label.text() == "显示 25 / 25 项任务"
    first_category = page.model.index(0, 0, page.model.index(0, 0))
    assert first_category.data().startswith("(一)")


def test_tree_search_and_unit_filter(window, qtbot, type_into):
    page = window.tasks_page
    type_into(page.search_edit, "交通")
    qtbot.waitUntil(lambda: 0 < page.model.task_count < 25)
    page.search_edit.clear()
    qtbot.waitUntil(lambda: page.model.task_count == 25)
    combo = page.filter_combos["unit_id"]
    combo.setCurrentIndex(combo.findText("市交通运输委"))
    assert 0 < page.model.task_count < 25


def test_edit_cooperating_units_of_a_task(window, qtbot):
    page = window.tasks_page
    window.show_page(PAGE_TASKS)
    index = page.model.index(0, 0, page.model.index(0, 0, page.model.index(0, 0)))
    assert index.data(KindRole) == "task"
    page.view.setCurrentIndex(index)
    form = page.form
    assert form.record_id is not None
    checklist = form.fields["cooperating_unit_ids"]
    row = next(r for r in range(checklist.count()) if checklist.item(r).text() == "北辰区")
    checklist.item(row).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.error_banner.isVisibleTo(form)
    saved = page.model.find_task(form.record_id)
    assert "北辰区" in saved.siblingAtColumn(TasksModel.COL_COOPERATING).data()


def test_a_new_task_is_numbered_after_its_siblings(window, qtbot, type_into):
    from jjjdesk.services import tasks

    page = window.tasks_page
    window.show_page(PAGE_TASKS)
    form = page.form
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert form.number_spin.value() == 26  # the demo plan's tasks run 1…25
    parent = form.parent_combo
    parent.setCurrentIndex(next(i for i in range(parent.count()) if parent.itemData(i)))
    under = window.context.read(tasks.next_task_number, parent_id=parent.currentData())
    assert form.number_spin.value() == under > 1
    form.number_spin.setValue(40)  # typed by the user: a later move keeps it
    parent.setCurrentIndex(0)
    assert form.number_spin.value() == 40
    type_into(form.fields["title"], "新增的一项任务")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.error_banner.isVisibleTo(form)
    assert window.context.read(tasks.get_task, task_id=form.record_id).number == 40
