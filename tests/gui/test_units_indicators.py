"""责任单位 and 目标指标 pages: refusal to delete a unit in use, aliases, indicator filters."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jjjdesk.gui.main_window import PAGE_UNITS


def _select_by_name(page, name: str) -> None:
    for row in range(page.model.rowCount()):
        if page.model.record(row).name == name:
            page.select_record(page.model.record(row).id)
            return
    raise AssertionError(f"{name} not in the list")


def test_deleting_a_unit_in_use_shows_the_refusal(window, boxes):
    window.show_page(PAGE_UNITS)
    page = window.units_page
    _select_by_name(page, "市交通运输委")
    assert not page.form.delete()
    title, text, _info = boxes.shown[-1]
    assert title == "不能删除"
    assert "仍被" in text and "不能删除" in text
    assert page.model.count_all() == 46


def test_new_unit_with_aliases_then_delete_and_undo(window, qtbot, type_into, boxes):
    page = window.units_page
    page.new_record()
    form = page.form
    type_into(form.fields["name"], "市数据局")
    type_into(form.fields["aliases"], "数据局、市大数据局")
    kind = form.fields["kind"]
    kind.setCurrentIndex(kind.findText("市级部门"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.record_id is not None, form.error_banner.text()
    assert form.fields["aliases"].text() == "市大数据局、数据局"
    assert page.model.count_all() == 47
    type_into(page.search_edit, "sjj")  # pinyin initials of 数据局
    qtbot.waitUntil(lambda: page.model.query.text == "sjj")
    assert "市数据局" in [page.model.record(r).name for r in range(page.model.rowCount())]

    assert form.delete()
    assert page.model.count_all() == 46
    window.undo_action.trigger()
    assert page.model.count_all() == 47
    window.redo_action.trigger()
    assert page.model.count_all() == 46


def test_unit_alias_owned_by_another_unit_is_shown_next_to_aliases(window, type_into):
    page = window.units_page
    page.new_record()
    type_into(page.form.fields["name"], "某新单位")
    type_into(page.form.fields["aliases"], "市交通运输委")
    assert not page.form.save()
    assert "其他单位" in page.form.error_labels["aliases"].text()


def test_indicator_page_filters_and_edit(window, qtbot, type_into):
    page = window.indicators_page
    assert page.model.total == 13
    assert page.count_label.text() == "显示 13 / 13 个指标"
    category = page.filter_combos["category_id"]
    category.setCurrentIndex(1)
    assert page.model.total < 13
    category.setCurrentIndex(0)
    page.select_record(page.model.record(0).id)
    type_into(page.form.fields["target_year"], "二〇二七")
    assert not page.form.save()
    assert page.form.error_labels["target_year"].text() == "请输入整数"
