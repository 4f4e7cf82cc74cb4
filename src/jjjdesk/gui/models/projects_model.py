"""重点项目 as a lazily fetched table."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from jjjdesk.gui.labels import label
from jjjdesk.gui.models.paged_model import PagedTableModel, day, money


class ProjectsModel(PagedTableModel):
    CONTEXT = "ProjectsModel"
    # Least needed last: at 1440 px beside the form, what scrolls out of view is 产业链.
    COL_CODE, COL_NAME, COL_DISTRICT, COL_LEAD, COL_KIND, COL_STAGE = range(6)
    COL_TOTAL, COL_ANNUAL, COL_START, COL_COMPLETION, COL_TASK, COL_CHAIN = range(6, 12)
    HEADERS = (
        QT_TRANSLATE_NOOP("ProjectsModel", "项目编号"),
        QT_TRANSLATE_NOOP("ProjectsModel", "项目名称"),
        QT_TRANSLATE_NOOP("ProjectsModel", "所在区"),
        QT_TRANSLATE_NOOP("ProjectsModel", "牵头单位"),
        QT_TRANSLATE_NOOP("ProjectsModel", "类型"),
        QT_TRANSLATE_NOOP("ProjectsModel", "阶段"),
        QT_TRANSLATE_NOOP("ProjectsModel", "总投资(亿元)"),
        QT_TRANSLATE_NOOP("ProjectsModel", "年度计划(亿元)"),
        QT_TRANSLATE_NOOP("ProjectsModel", "计划开工"),
        QT_TRANSLATE_NOOP("ProjectsModel", "计划竣工"),
        QT_TRANSLATE_NOOP("ProjectsModel", "任务"),
        QT_TRANSLATE_NOOP("ProjectsModel", "产业链"),
    )
    SORT_KEYS = (
        "code",
        "name",
        "district",
        "lead_unit",
        "kind",
        "stage",
        "total_investment",
        "annual_investment",
        "planned_start",
        "planned_completion",
        "task",
        "industry_chain",
    )
    NUMERIC_COLUMNS = frozenset({COL_TOTAL, COL_ANNUAL, COL_TASK})
    DEMO_COLUMN = COL_CODE

    def _count(self, session, query) -> int:
        from jjjdesk.services import projects

        return projects.count_projects(session=session, query=query)

    def _page(self, session, query, request):
        from jjjdesk.services import projects

        return projects.page_projects(session=session, query=query, request=request)

    def _display(self, row, column: int) -> str:
        match column:
            case self.COL_CODE:
                return row.code
            case self.COL_NAME:
                return row.name
            case self.COL_DISTRICT:
                return row.district
            case self.COL_LEAD:
                return row.lead_unit
            case self.COL_CHAIN:
                return row.industry_chain
            case self.COL_KIND:
                return label(row.kind_label)  # the core's Chinese word, translated
            case self.COL_STAGE:
                return label(row.stage_label)  # the core's Chinese word, translated
            case self.COL_TOTAL:
                return money(row.total_investment)
            case self.COL_ANNUAL:
                return money(row.annual_investment)
            case self.COL_START:
                return day(row.planned_start)
            case self.COL_COMPLETION:
                return day(row.planned_completion)
            case self.COL_TASK:
                return "" if row.task_number is None else str(row.task_number)
        return ""
