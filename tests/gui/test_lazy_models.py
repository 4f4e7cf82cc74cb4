"""Models read page by page: 450 projects load 200 rows until the view asks for more."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import insert

from jjjdesk.domain.models import Project
from jjjdesk.gui.context import AppContext
from jjjdesk.gui.models.projects_model import ProjectsModel


@pytest.fixture
def many_projects(empty_db):
    rows = [
        {
            "code": f"P-{n:04d}",
            "name": f"项目{n:04d}",
            "kind": "industry",
            "stage": "planning",
            "sort_key": f"xiangmu{n:04d}",
            "search_text": f"项目{n:04d} xm{n:04d}",
            "total_investment": float(n),
            "version": 1,
            "is_demo": False,
        }
        for n in range(450)
    ]
    with empty_db.engine.begin() as conn:  # bulk rows for the model, not a service test
        conn.execute(insert(Project), rows)
    return empty_db


def test_only_200_rows_until_fetch_more(many_projects, actor, qtmodeltester):
    model = ProjectsModel()
    model.set_context(AppContext(many_projects, actor))
    assert model.total == 450
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)


def test_sort_is_a_new_query(many_projects, actor):
    model = ProjectsModel()
    model.set_context(AppContext(many_projects, actor))
    model.fetchMore(QModelIndex())
    model.sort(ProjectsModel.COL_TOTAL, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 200  # back to the first page of the new order
    assert model.record(0).name == "项目0449"
    assert model.index(0, ProjectsModel.COL_TOTAL).data() == "449.00"


def test_search_counts_in_sql(many_projects, actor):
    model = ProjectsModel()
    model.set_context(AppContext(many_projects, actor))
    model.set_query(text="项目004")
    assert model.total == 10
    assert model.rowCount() == 10


def test_jump_to_end_reads_the_last_page_and_pages_above_come_in(many_projects, actor):
    model = ProjectsModel()
    model.set_context(AppContext(many_projects, actor))
    model.jump_to_end()
    assert model.rowCount() == 200 and model.total == 450
    assert (model.record(0).name, model.record(199).name) == ("项目0250", "项目0449")
    assert not model.canFetchMore(QModelIndex()) and model.can_fetch_before()
    model.fetch_before()
    assert model.rowCount() == 400 and model.record(0).name == "项目0050"
    model.fetch_before()
    assert model.rowCount() == 450 and model.record(0).name == "项目0000"
    assert not model.can_fetch_before()
    model.sort(ProjectsModel.COL_TOTAL, Qt.SortOrder.DescendingOrder)  # a new order: page one
    assert model.rowCount() == 200 and model.record(0).name == "项目0449"


def test_ctrl_end_in_the_view_shows_the_last_record(many_projects, actor, qtbot):
    from PySide6.QtWidgets import QTableView

    from jjjdesk.gui.models.paged_nav import follow_pages

    model = ProjectsModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    follow_pages(view, model)
    model.set_context(AppContext(many_projects, actor))
    view.show()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.currentIndex().data() == "P-0449"
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert model.record(0).name == "项目0000" and model.rowCount() == 200
    # Qt takes the last key event's modifiers as those held: let go of Ctrl, or a later
    # test's selectRow adds to the selection as a Ctrl+click would.
    qtbot.keyRelease(view, Qt.Key.Key_Control)


def test_pages_read_in_the_worker_arrive_by_signal(many_projects, actor, qtbot):
    from jjjdesk.gui.worker import Worker

    model = ProjectsModel()
    model.worker = Worker(model)
    with qtbot.waitSignal(model.reloaded, timeout=10_000):
        model.set_context(AppContext(many_projects, actor))
    assert model.rowCount() == 200 and model.total == 450
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # asked twice while the page is on its way: read once
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)
    assert model.rowCount() == 400
    assert [model.record(r).name for r in (199, 200)] == ["项目0199", "项目0200"]


def test_the_review_page_pages_a_big_round(many_projects, actor, qtbot):
    from datetime import UTC, date, datetime, timedelta

    from jjjdesk.domain.models import ProgressEntry, ReportingRound
    from jjjdesk.gui.pages.review_page import ReviewPage

    start = datetime(2024, 4, 1, tzinfo=UTC)
    with many_projects.engine.begin() as conn:  # a round of 450 entries waiting for review
        conn.execute(insert(ReportingRound), [{"name": "2024年3月月报", "period_kind": "month",
                                               "period_key": "2024-03",
                                               "deadline": date(2024, 4, 5)}])
        conn.execute(insert(ProgressEntry), [
            {"project_id": n + 1, "period_kind": "month", "period_key": "2024-03",
             "round_id": 1, "review_state": "submitted", "version": 1,
             "submitted_at": start + timedelta(minutes=n)} for n in range(450)])
    page = ReviewPage()
    qtbot.addWidget(page)
    page.set_context(AppContext(many_projects, actor))
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    model = page.review_pane.model
    assert (model.total, model.rowCount()) == (450, 200)
    assert page.count_label.text() == "450 条"
    assert model.row(0).subject_name == "项目0000"  # the first sent on top, selected
    assert "项目0000" in page.review_pane.detail.toPlainText()
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert model.rowCount() == 400 and model.row(399).subject_name == "项目0399"
