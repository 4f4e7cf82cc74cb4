"""责任单位 as a lazily fetched table."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from jjjdesk.gui.labels import label
from jjjdesk.gui.models.paged_model import PagedTableModel, demo_tag


class UnitsModel(PagedTableModel):
    CONTEXT = "UnitsModel"
    COL_NAME, COL_KIND, COL_ALIASES, COL_CONTACT, COL_PHONE = range(5)
    COL_TASKS, COL_PROJECTS, COL_DEMO = range(5, 8)
    HEADERS = (
        QT_TRANSLATE_NOOP("UnitsModel", "单位名称"),
        QT_TRANSLATE_NOOP("UnitsModel", "类型"),
        QT_TRANSLATE_NOOP("UnitsModel", "别名"),
        QT_TRANSLATE_NOOP("UnitsModel", "联系人"),
        QT_TRANSLATE_NOOP("UnitsModel", "联系电话"),
        QT_TRANSLATE_NOOP("UnitsModel", "牵头任务"),
        QT_TRANSLATE_NOOP("UnitsModel", "牵头项目"),
        QT_TRANSLATE_NOOP("UnitsModel", "标记"),
    )
    SORT_KEYS = ("name", "kind", None, "contact_person", None, None, None, None)
    NUMERIC_COLUMNS = frozenset({COL_TASKS, COL_PROJECTS})
    DEMO_COLUMN = COL_DEMO

    def _count(self, session, query) -> int:
        from jjjdesk.services import units

        return units.count_units(session=session, query=query)

    def _page(self, session, query, request):
        from jjjdesk.services import units

        return units.page_units(session=session, query=query, request=request)

    def _display(self, row, column: int) -> str:
        match column:
            case self.COL_NAME:
                return row.name
            case self.COL_KIND:
                return label(row.kind_label)  # the core's Chinese word, translated
            case self.COL_ALIASES:
                return row.aliases
            case self.COL_CONTACT:
                return row.contact_person
            case self.COL_PHONE:
                return row.contact_phone
            case self.COL_TASKS:
                return str(row.task_count) if row.task_count else ""
            case self.COL_PROJECTS:
                return str(row.project_count) if row.project_count else ""
            case self.COL_DEMO:
                return demo_tag(row)
        return ""
