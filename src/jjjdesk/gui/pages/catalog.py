"""The pages of the main window, in navigation order: add a page here and nowhere else."""

from __future__ import annotations

from collections.abc import Callable

from jjjdesk.gui.pages.base_page import Page


def page_factories() -> list[Callable[[], Page]]:
    # Imported here so that importing the catalog stays cheap at start-up.
    from jjjdesk.gui.dashboard.page import DashboardPage
    from jjjdesk.gui.pages.audit_page import AuditPage
    from jjjdesk.gui.pages.backup_page import BackupPage
    from jjjdesk.gui.pages.indicators_page import IndicatorsPage
    from jjjdesk.gui.pages.lights_page import LightsPage
    from jjjdesk.gui.pages.problems_page import ProblemsPage
    from jjjdesk.gui.pages.projects_page import ProjectsPage
    from jjjdesk.gui.pages.review_page import ReviewPage
    from jjjdesk.gui.pages.rounds_page import RoundsPage
    from jjjdesk.gui.pages.tasks_page import TasksPage
    from jjjdesk.gui.pages.units_page import UnitsPage
    from jjjdesk.gui.pages.users_page import UsersPage

    return [
        TasksPage,
        ProjectsPage,
        UnitsPage,
        IndicatorsPage,
        RoundsPage,  # 填报批次: board, 催报, unit grid, entry form
        ReviewPage,  # 审核 and 退回待改
        LightsPage,  # 红黄绿灯
        ProblemsPage,  # 问题清单
        AuditPage,
        UsersPage,  # admins only (visible_for)
        DashboardPage,  # 总览; last so the page index constants of main_window stay valid
        BackupPage,  # 备份与恢复
    ]
