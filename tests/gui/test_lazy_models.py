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
