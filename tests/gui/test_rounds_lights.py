"""红黄绿灯 page on a small known dataset, its filters and thresholds; 问题清单 page."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from rounds_helpers import COORDINATOR, Shown, build

from jjjdesk.domain.period import Period
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.pages.lights_page import LightsPage
from jjjdesk.gui.pages.problems_page import ProblemsPage
from jjjdesk.gui.rounds import common
from jjjdesk.services import entries, problems, settings

MAY = Period.month(2024, 5)


def _send(db, subject, **values):
    with db.session() as s:
        saved = entries.save_entry(
            session=s,
            actor=COORDINATOR,
            subject=subject,
            period=MAY,
            values={"progress": "推进中"} | values,
        )
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=saved.entry_id)


@pytest.fixture
def data(empty_db):
    reg = build(empty_db)
    # Today 2024-07-01: the 2024 window is 49.9% gone; May is the last month due.
    _send(empty_db, reg.task_a, completion_pct=50)  # on track → green
    _send(empty_db, reg.task_b, completion_pct=35)  # 14.9 points behind → yellow
    _send(
        empty_db,
        reg.project_a,
        completion_pct=10,
        assessment="滞后",
        problems="用地指标尚未落实",
        next_steps="加快办理",
    )  # 39.9 behind → red
    return reg


@pytest.fixture
def ctx(empty_db, actor, qtbot):
    return AppContext(empty_db, actor)


@pytest.fixture
def shown(monkeypatch, qtbot):
    shown = Shown(monkeypatch, qtbot)
    monkeypatch.setattr(common, "today", lambda: date(2024, 7, 1))
    return shown


@pytest.fixture
def lights(ctx, data, qtbot, shown):
    page = LightsPage()
    qtbot.addWidget(page)
    page.set_context(ctx)
    ctx.changed.connect(page.on_data_changed)
    page.resize(1400, 600)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading())
    return page


def _colours(page) -> dict[str, str]:
    m = page.model
    return {m.row(r).name: m.index(r, 0).data() for r in range(m.rowCount())}


def test_lights_show_the_expected_colours(lights):
    assert _colours(lights) == {
        "津兴城际铁路": "红灯",
        "建设滨海新区": "黄灯",
        "承接非首都功能": "绿灯",
        "无计划的项目": "未评价",
    }
    m = lights.model
    assert list(_colours(lights))[0] == "津兴城际铁路"  # red first
    red = m.index(0, 0)
    assert red.data(Qt.ItemDataRole.DecorationRole) is not None  # the coloured dot
    assert "计划周期已过49.9%,完成10%,落后39.9个百分点" in red.data(Qt.ItemDataRole.ToolTipRole)
    assert m.index(0, len(m.COLUMNS) - 1).data().startswith("计划周期已过49.9%")
    assert "红灯 1" in lights.summary.text()


def test_filters_and_sort(lights, qtbot, data):
    lights.light_combo.setCurrentIndex(lights.light_combo.findData("yellow"))
    qtbot.waitUntil(lambda: not lights.is_loading())
    assert list(_colours(lights)) == ["建设滨海新区"]
    lights.light_combo.setCurrentIndex(0)
    lights.kind_combo.setCurrentIndex(lights.kind_combo.findData("project"))
    qtbot.waitUntil(lambda: not lights.is_loading())
    assert set(_colours(lights)) == {"津兴城际铁路", "无计划的项目"}
    lights.kind_combo.setCurrentIndex(0)
    lights.unit_combo.setCurrentIndex(lights.unit_combo.findData(data.unit_b))
    qtbot.waitUntil(lambda: not lights.is_loading())
    assert list(_colours(lights)) == ["建设滨海新区"]
    lights.unit_combo.setCurrentIndex(0)
    lights.sort_combo.setCurrentIndex(lights.sort_combo.findData("gap"))
    qtbot.waitUntil(lambda: not lights.is_loading())
    assert list(_colours(lights))[:3] == ["津兴城际铁路", "建设滨海新区", "承接非首都功能"]


def test_thresholds_dialog_changes_the_lights(lights, qtbot, shown, empty_db):
    def widen(dialog) -> int:
        dialog.widgets["lag.red_gap"].setValue(50)
        dialog.widgets["lag.green_margin"].setValue(40)  # both move: order matters
        dialog.buttons.accepted.emit()
        return dialog.result()

    shown.answer = widen
    qtbot.mouseClick(lights.settings_button, Qt.MouseButton.LeftButton)
    with empty_db.session() as s:
        assert settings.get_setting(session=s, key="lag.red_gap") == 50
    qtbot.waitUntil(lambda: not lights.is_loading())
    assert _colours(lights)["津兴城际铁路"] == "黄灯"  # 39.9 < 40 … but self-assessed 滞后
    assert _colours(lights)["建设滨海新区"] == "绿灯"


def test_thresholds_dialog_refuses_green_above_red(ctx, data, qtbot, shown):
    from jjjdesk.gui.rounds.thresholds_dialog import ThresholdsDialog

    dialog = ThresholdsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.widgets["lag.green_margin"].setValue(30)
    dialog.save()
    assert "绿灯容差必须小于红灯差距" in dialog.error_label.text()


def _settle(page, qtbot) -> None:
    """The list is read in the worker: wait until what it shows has come in."""
    qtbot.waitUntil(lambda: not page.is_loading())


def test_problem_list_and_state_change(ctx, data, qtbot, shown, empty_db):
    page = ProblemsPage()
    qtbot.addWidget(page)
    page.set_context(ctx)
    ctx.changed.connect(page.on_data_changed)
    _settle(page, qtbot)
    m = page.model
    assert m.rowCount() == 1
    assert m.index(0, 2).data() == "用地指标尚未落实"
    assert m.index(0, 0).data() == "待协调"
    assert "津兴城际铁路" in m.index(0, 7).data()
    assert m.index(0, 8).data() == "2024年5月"
    page.view.selectRow(0)

    def close_it(dialog) -> int:
        dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("closed"))
        dialog.buttons.accepted.emit()  # no note: refused
        assert "须说明解决情况" in dialog.error_label.text()
        dialog.note_edit.setPlainText("已协调市规划资源委落实用地指标")
        dialog.buttons.accepted.emit()
        return dialog.result()

    shown.answer = close_it
    qtbot.mouseClick(page.state_button, Qt.MouseButton.LeftButton)
    _settle(page, qtbot)
    assert m.rowCount() == 0  # the default filter shows open problems only
    page.state_combo.setCurrentIndex(page.state_combo.findData("closed"))
    _settle(page, qtbot)
    assert m.rowCount() == 1 and m.index(0, 10).data() == "已协调市规划资源委落实用地指标"
    with empty_db.session() as s:
        assert problems.list_problems(session=s)[0].state == "closed"


def test_problem_list_shows_person_due_date_and_overdue(ctx, data, qtbot, shown, empty_db):
    from jjjdesk.services import problem_tracking

    with empty_db.session() as s:
        problem_id = problems.list_problems(session=s)[0].id
        problem_tracking.assign_problem(session=s, actor=COORDINATOR, problem_id=problem_id,
                                        unit_id=data.unit_b, person="赵强", due=date(2024, 6, 30))
    page = ProblemsPage()
    qtbot.addWidget(page)
    page.set_context(ctx)
    _settle(page, qtbot)
    m = page.model
    headers = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert headers[3:7] == ["责任单位", "责任人", "办结时限", "逾期"]
    assert [m.index(0, c).data() for c in range(3, 7)] == [
        "滨海新区", "赵强", "2024-06-30", "逾期"]  # shown on 2024-07-01


def test_supervision_notice_for_the_selected_problems(ctx, data, qtbot, shown, empty_db,
                                                      monkeypatch, tmp_path):
    from docx import Document
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from jjjdesk.gui import dialogs
    from jjjdesk.services import problem_tracking

    with empty_db.session() as s:
        problem_id = problems.list_problems(session=s)[0].id
        problem_tracking.assign_problem(session=s, actor=COORDINATOR, problem_id=problem_id,
                                        unit_id=data.unit_b, person="赵强", due=date(2024, 6, 30))
    page = ProblemsPage()
    qtbot.addWidget(page)
    page.set_context(ctx)
    _settle(page, qtbot)
    errors = []
    monkeypatch.setattr(dialogs, "show_user_error", lambda _parent, text: errors.append(text))
    page.notice_button.click()  # nothing selected yet
    assert errors == ["请先选中要督办的未解决问题(可按住 Ctrl 多选)。"]
    shown_boxes = []
    monkeypatch.setattr(dialogs, "run_box", lambda box: shown_boxes.append(box.text()) or 0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    page.view.selectRow(0)
    page.notice_button.click()
    qtbot.waitUntil(lambda: bool(shown_boxes), timeout=10_000)
    assert shown_boxes == ["已生成 1 份督办通知单(Word 文档)。"]
    doc = Document(str(tmp_path / "督办通知单_滨海新区.docx"))
    cells = [c.text for c in doc.tables[0].rows[1].cells]
    assert cells[2:4] == ["用地指标尚未落实", "2024年6月30日(已逾期)"]
