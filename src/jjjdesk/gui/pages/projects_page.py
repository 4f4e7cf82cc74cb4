"""重点项目 page: the project table with unit, category, stage and kind filters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from jjjdesk.domain.enums import ProjectKind, Stage
from jjjdesk.gui.forms.fields import enum_choices
from jjjdesk.gui.forms.project_form import ProjectForm
from jjjdesk.gui.models.projects_model import ProjectsModel
from jjjdesk.gui.pages.list_page import FilterSpec, ListPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProjectsPage", text)


def unit_choices(context):
    from jjjdesk.services import units

    return context.read(units.unit_choices)


def category_choices(context):
    from jjjdesk.services import tasks

    return context.read(tasks.category_choices)


class ProjectsPage(ListPage):
    PAGE_KEY = "projects"
    ENTITIES = frozenset({"unit", "task"})

    def glance(self, file: Path) -> bool:
        """The unfiltered first page straight from the file, before the database opens."""
        from jjjdesk.services.glance import first_projects

        if self.has_saved_filters():
            return False
        query = self.model.query
        seen = first_projects(
            file, sort=query.sort, descending=query.descending, limit=self.model.PAGE_SIZE
        )
        if seen is None:
            return False
        self.show_glance(seen.rows, seen.total)
        return True

    def _make_model(self):
        return ProjectsModel(self)

    def _make_form(self):
        return ProjectForm(self)

    def _filters(self):
        return [
            FilterSpec("unit_id", "unitFilter", _tr("全部单位和区"), unit_choices),
            FilterSpec("category_id", "categoryFilter", _tr("全部类别"), category_choices),
            FilterSpec("stage", "stageFilter", _tr("全部阶段"), lambda _c: enum_choices(Stage)),
            FilterSpec("kind", "kindFilter", _tr("全部类型"), lambda _c: enum_choices(ProjectKind)),
        ]

    def _search_hint(self) -> str:
        return _tr("搜索项目名称、编号、产业链,或拼音首字母(如 jxcj)")

    def _count_text(self, shown: int, total: int) -> str:
        return _tr("显示 {0} / {1} 个项目").format(shown, total)

    def _column_widths(self):
        m = ProjectsModel
        return {
            m.COL_CODE: 98,
            m.COL_NAME: 220,
            m.COL_DISTRICT: 62,
            m.COL_LEAD: 112,
            m.COL_KIND: 64,
            m.COL_STAGE: 44,
            m.COL_TOTAL: 88,
            m.COL_ANNUAL: 92,
            m.COL_START: 82,
            m.COL_COMPLETION: 82,
            m.COL_TASK: 40,
            m.COL_CHAIN: 120,
        }
