"""The pages of the main window, in navigation order: add a page here and nowhere else."""

from __future__ import annotations

from collections.abc import Callable

from jjjdesk.gui.pages.base_page import Page


def page_factories() -> list[Callable[[], Page]]:
    # Imported here so that importing the catalog stays cheap at start-up.
    from jjjdesk.gui.pages.indicators_page import IndicatorsPage
    from jjjdesk.gui.pages.projects_page import ProjectsPage
    from jjjdesk.gui.pages.tasks_page import TasksPage
    from jjjdesk.gui.pages.units_page import UnitsPage

    return [
        TasksPage,
        ProjectsPage,
        UnitsPage,
        IndicatorsPage,
    ]
