"""The pages of the main window, in navigation order: add a page here and nowhere else.

The navigation is built from this table alone; a page's module is imported and the page built
only when it is first shown, so the window paints before any page exists (start-up target in
bench/bench_startup.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from jjjdesk.domain.actor import Actor, Role

if TYPE_CHECKING:
    from jjjdesk.gui.pages.base_page import Page

CONTEXT = "PageCatalog"


def _everyone(_actor: Actor | None) -> bool:
    return True


def _signed_in(actor: Actor | None) -> bool:
    return actor is not None


def _keepers(actor: Actor | None) -> bool:
    return actor is None or actor.role in (Role.ADMIN, Role.COORDINATOR)




@dataclass(frozen=True)
class PageEntry:
    key: str  # the page's PAGE_KEY: settings and drill-down name pages by it
    title: str  # untranslated; `label()` translates it
    target: str  # "module:Class"
    shown_to: Callable[[Actor | None], bool] = _everyone  # besides the role's rule

    def visible_for(self, actor: Actor | None) -> bool:
        """The role's pages (services/permissions.py, which the services behind the page
        enforce too), narrowed by this page's own rule."""
        from jjjdesk.services.permissions import may_open_page

        return may_open_page(actor, self.key) and self.shown_to(actor)

    def label(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)

    def build(self) -> Page:
        module, name = self.target.split(":")
        return getattr(import_module(module), name)()


_P = "jjjdesk.gui.pages."
PAGES: tuple[PageEntry, ...] = (
    # 本期工作台: the page the app opens on
    PageEntry("home", QT_TRANSLATE_NOOP("PageCatalog", "本期工作台"), _P + "home_page:HomePage"),
    PageEntry("tasks", QT_TRANSLATE_NOOP("PageCatalog", "重点任务"), _P + "tasks_page:TasksPage"),
    PageEntry(
        "projects", QT_TRANSLATE_NOOP("PageCatalog", "重点项目"), _P + "projects_page:ProjectsPage"
    ),
    PageEntry("units", QT_TRANSLATE_NOOP("PageCatalog", "责任单位"), _P + "units_page:UnitsPage"),
    PageEntry(
        "indicators",
        QT_TRANSLATE_NOOP("PageCatalog", "目标指标"),
        _P + "indicators_page:IndicatorsPage",
    ),
    # 填报批次: board, 催报, unit grid, entry form
    PageEntry(
        "rounds", QT_TRANSLATE_NOOP("PageCatalog", "填报批次"), _P + "rounds_page:RoundsPage"
    ),
    PageEntry("review", QT_TRANSLATE_NOOP("PageCatalog", "审核"), _P + "review_page:ReviewPage"),
    PageEntry(
        "lights", QT_TRANSLATE_NOOP("PageCatalog", "红黄绿灯"), _P + "lights_page:LightsPage"
    ),
    PageEntry(
        "problems", QT_TRANSLATE_NOOP("PageCatalog", "问题清单"), _P + "problems_page:ProblemsPage"
    ),
    PageEntry(
        "search", QT_TRANSLATE_NOOP("PageCatalog", "搜索进展"), _P + "search_page:SearchPage"
    ),
    PageEntry(
        "scorecard",
        QT_TRANSLATE_NOOP("PageCatalog", "红黑榜"),
        _P + "scorecard_page:ScorecardPage",
        lambda actor: actor is not None and actor.role != Role.REPORTER,
    ),
    PageEntry(
        "extensions",
        QT_TRANSLATE_NOOP("PageCatalog", "延期申请"),
        _P + "extensions_page:ExtensionsPage",
    ),
    PageEntry(
        "audit",
        QT_TRANSLATE_NOOP("PageCatalog", "审计日志"),
        _P + "audit_page:AuditPage",
        _signed_in,
    ),
    PageEntry(
        "users", QT_TRANSLATE_NOOP("PageCatalog", "用户管理"), _P + "users_page:UsersPage",
        _signed_in,
    ),
    PageEntry(
        "dashboard",
        QT_TRANSLATE_NOOP("PageCatalog", "总览"),
        "jjjdesk.gui.dashboard.page:DashboardPage",
    ),
    PageEntry(
        "backups",
        QT_TRANSLATE_NOOP("PageCatalog", "备份与恢复"),
        _P + "backup_page:BackupPage",
        _keepers,
    ),
)


def entry(key: str) -> PageEntry:
    return next(e for e in PAGES if e.key == key)


def index_of(key: str) -> int | None:
    return next((i for i, e in enumerate(PAGES) if e.key == key), None)
