"""Click-through: open the list behind a bar or point, filtered (a page, or a small dialog)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.enums import Light
from jjjdesk.domain.period import Period
from jjjdesk.gui.labels import label
from jjjdesk.gui.lag_text import reason_text
from jjjdesk.gui.models.list_table import ListTableModel
from jjjdesk.gui.pages import catalog
from jjjdesk.gui.worker import Worker

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext
    from jjjdesk.services.dashboard import DashboardFilter


def open_list_page(window: QWidget, page_key: str, **filters) -> QWidget | None:
    """Show the main window's page `page_key` with its filters set to `filters`.

    A `ListPage` is filtered through `filter_combos` (by ListQuery field); other pages through
    `show_filtered(**filters)` when they offer it, else through their `<name>_combo` widgets
    (`category_id` → `category_combo`), then one `reload()`. None when the window has no
    such page or it cannot filter that way.
    """
    index = catalog.index_of(page_key)
    if index is None or not hasattr(window, "page"):
        return None
    page = window.page(index)  # built now if it was never shown
    if hasattr(page, "show_filtered"):
        page.show_filtered(**filters)
    elif hasattr(page, "filter_combos"):
        combos = page.filter_combos
        if any(f not in combos for f in filters):
            return None
        page.search_edit.clear()
        for field, combo in combos.items():
            _select(combo, filters.get(field))
    else:
        combos = {f: getattr(page, f"{f.removesuffix('_id')}_combo", None) for f in filters}
        if any(c is None for c in combos.values()) or not hasattr(page, "reload"):
            return None
        for field, combo in combos.items():
            combo.blockSignals(True)
            _select(combo, filters[field])
            combo.blockSignals(False)
        page.reload()
    window.show_page(index)
    return page


def _select(combo, value) -> None:
    position = combo.findData(value) if value is not None else 0
    combo.setCurrentIndex(max(position, 0))


class LightsModel(ListTableModel):
    CONTEXT = "Dashboard"
    HEADERS = ("灯", "编号", "名称", "责任单位", "完成进度", "计划时间已过", "说明")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        r = self.rows[index.row()]
        pct = "" if r.completion_pct is None else f"{r.completion_pct:g}%"
        elapsed = "" if r.elapsed_pct is None else f"{r.elapsed_pct:g}%"
        return (label(r.light_label), r.code, r.name, r.unit_name, pct, elapsed,
                reason_text(r.explanation))[
            index.column()
        ]


class LightsDialog(QDialog):
    """The subjects of one category with one light (when there is no 红黄绿灯 page)."""

    def __init__(
        self,
        context: AppContext,
        *,
        category_id: int | None,
        light: str,
        filters: DashboardFilter,
        today: date,
        title: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent, objectName="lightsDialog")
        self.setWindowTitle(title)
        self.resize(980, 560)
        self.model = LightsModel(self)
        self.view = QTableView(objectName="lightsTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for column, width in enumerate((50, 90, 260, 120, 70, 90)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.status = QLabel(self.tr("正在读取…"), objectName="statusLabel")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.worker = Worker(self)
        as_of = Period.from_key(filters.period_key) if filters.period_key else None

        def read(session):
            from jjjdesk.services import lag

            rows = lag.subject_lights(
                session=session,
                today=today,
                light=light,
                plan_id=filters.plan_id,
                unit_id=filters.unit_id,
                as_of=as_of,
            )
            # category None = projects without a task (the roll-up's "未关联任务的项目")
            return [r for r in rows if r.category_id == category_id]

        self.worker.submit(lambda: context.read(read), self._show, self._failed)

    def _show(self, rows) -> None:
        self.model.set_rows(rows)
        self.status.setText(self.tr("共 {0} 项,按落后程度排列").format(len(rows)))

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("读取失败:{0}").format(exc))


def light_label(light: str) -> str:
    return Light(light).label
