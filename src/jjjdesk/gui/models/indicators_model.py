"""目标指标 as a lazily fetched table."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from jjjdesk.gui.labels import label, period_text
from jjjdesk.gui.models.paged_model import PagedTableModel, number


class IndicatorsModel(PagedTableModel):
    CONTEXT = "IndicatorsModel"
    COL_NAME, COL_MEASURE, COL_BASELINE, COL_TARGET, COL_LATEST, COL_SHARE = range(6)
    COL_DIRECTION, COL_LEAD, COL_TASK = range(6, 9)
    HEADERS = (
        QT_TRANSLATE_NOOP("IndicatorsModel", "指标名称"),
        QT_TRANSLATE_NOOP("IndicatorsModel", "计量单位"),
        QT_TRANSLATE_NOOP("IndicatorsModel", "基期值"),
        QT_TRANSLATE_NOOP("IndicatorsModel", "目标值"),
        QT_TRANSLATE_NOOP("IndicatorsModel", "最新值"),
        QT_TRANSLATE_NOOP("IndicatorsModel", "完成进度"),
        QT_TRANSLATE_NOOP("IndicatorsModel", "方向"),
        QT_TRANSLATE_NOOP("IndicatorsModel", "牵头单位"),
        QT_TRANSLATE_NOOP("IndicatorsModel", "任务"),
    )
    SORT_KEYS = ("name", "measure", "baseline_value", "target_value", None, None, None, None, None)
    NUMERIC_COLUMNS = frozenset({COL_BASELINE, COL_TARGET, COL_LATEST, COL_SHARE, COL_TASK})
    DEMO_COLUMN = -1  # tooltip only: a grey measure would read as disabled

    def _count(self, session, query) -> int:
        from jjjdesk.services import indicators

        return indicators.count_indicators(session=session, query=query)

    def _page(self, session, query, request):
        from jjjdesk.services import indicators

        return indicators.page_indicators(session=session, query=query, request=request)

    def _display(self, row, column: int) -> str:
        match column:
            case self.COL_NAME:
                return row.name
            case self.COL_MEASURE:
                return row.measure
            case self.COL_BASELINE:
                return _with_year(number(row.baseline_value), row.baseline_year)
            case self.COL_TARGET:
                return _with_year(number(row.target_value), row.target_year)
            case self.COL_LATEST:
                return _with_label(number(row.latest_value), period_text(row.latest_period))
            case self.COL_SHARE:
                return "" if row.share_of_target is None else f"{row.share_of_target:.0%}"
            case self.COL_DIRECTION:
                return label(row.direction_label)  # the core's Chinese word, translated
            case self.COL_LEAD:
                return row.lead_unit
            case self.COL_TASK:
                return "" if row.task_number is None else str(row.task_number)
        return ""


def _with_year(value: str, year: int | None) -> str:
    if not (value and year):
        return value
    return QCoreApplication.translate("IndicatorsModel", "{0}({1}年)").format(value, year)


def _with_label(value: str, label: str) -> str:
    if not (value and label):
        return value
    return QCoreApplication.translate("IndicatorsModel", "{0}({1})").format(value, label)
