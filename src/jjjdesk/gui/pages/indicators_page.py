"""目标指标 page: baseline, target and latest value of each indicator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from jjjdesk.gui.forms.indicator_form import IndicatorForm
from jjjdesk.gui.models.indicators_model import IndicatorsModel
from jjjdesk.gui.pages.list_page import FilterSpec, ListPage
from jjjdesk.gui.pages.projects_page import category_choices, unit_choices


def _tr(text: str) -> str:
    return QCoreApplication.translate("IndicatorsPage", text)


class IndicatorsPage(ListPage):
    PAGE_KEY = "indicators"
    ENTITIES = frozenset({"unit", "task"})

    def _make_model(self):
        return IndicatorsModel(self)

    def _make_form(self):
        return IndicatorForm(self)

    def _filters(self):
        return [
            FilterSpec("unit_id", "unitFilter", _tr("全部单位"), unit_choices),
            FilterSpec("category_id", "categoryFilter", _tr("全部类别"), category_choices),
        ]

    def _search_hint(self) -> str:
        return _tr("搜索指标名称、计量单位,或拼音首字母")

    def _count_text(self, shown: int, total: int) -> str:
        return _tr("显示 {0} / {1} 个指标").format(shown, total)

    def _column_widths(self):
        m = IndicatorsModel
        return {
            m.COL_NAME: 240,
            m.COL_MEASURE: 80,
            m.COL_BASELINE: 120,
            m.COL_TARGET: 120,
            m.COL_LATEST: 150,
            m.COL_SHARE: 70,
            m.COL_DIRECTION: 72,
            m.COL_LEAD: 130,
            m.COL_TASK: 44,
        }
