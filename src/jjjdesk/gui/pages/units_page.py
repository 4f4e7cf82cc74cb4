"""责任单位 page: departments, districts and enterprises with their aliases."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from jjjdesk.domain.enums import UnitKind
from jjjdesk.gui.forms.fields import enum_choices
from jjjdesk.gui.forms.unit_form import UnitForm
from jjjdesk.gui.models.units_model import UnitsModel
from jjjdesk.gui.pages.list_page import FilterSpec, ListPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("UnitsPage", text)


class UnitsPage(ListPage):
    PAGE_KEY = "units"

    def _make_model(self):
        return UnitsModel(self)

    def _make_form(self):
        return UnitForm(self)

    def _filters(self):
        return [
            FilterSpec("kind", "kindFilter", _tr("全部类型"), lambda _c: enum_choices(UnitKind))
        ]

    def _search_hint(self) -> str:
        return _tr("搜索单位名称、别名,或拼音首字母")

    def _count_text(self, shown: int, total: int) -> str:
        return _tr("显示 {0} / {1} 个单位").format(shown, total)

    def _column_widths(self):
        m = UnitsModel
        return {
            m.COL_NAME: 220,
            m.COL_KIND: 80,
            m.COL_ALIASES: 220,
            m.COL_CONTACT: 80,
            m.COL_PHONE: 120,
            m.COL_TASKS: 70,
            m.COL_PROJECTS: 70,
            m.COL_DEMO: 44,
        }
