"""本期工作台, the page the app opens on: the round being reported and what needs doing now.

Each tile is a number from `services.workbench` and opens the list it counts. Computed in the
worker: the round's lights consult every entry of its items.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.rounds import common
from jjjdesk.gui.worker import Worker

_TILE_STYLE = """
QFrame#tile {{ background: {bg}; border: 1px solid #d0d7e2; border-radius: 6px; }}
QFrame#tile:hover {{ border: 1px solid #2f6fb2; }}
"""
_WARN, _CALM, _ALERT = "#fff4e5", "#f4f7fb", "#fdecea"


class Tile(QFrame):
    """A number and what it counts; a click opens the list."""

    clicked = Signal()

    def __init__(self, key: str, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.key = key
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.number = QLabel("—", self, objectName=f"{key}Number")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = QLabel(caption, self, objectName=f"{key}Caption")
        self.detail = QLabel("", self, objectName=f"{key}Detail")
        self.detail.setStyleSheet("color: #5f6b7a;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)
        self.setMinimumSize(170, 104)
        self.set_value(None)

    def set_value(self, value: int | None, detail: str = "", alarming: bool = False) -> None:
        self.number.setText("—" if value is None else str(value))
        self.detail.setText(detail)
        bg = _ALERT if alarming and value else _WARN if value else _CALM
        self.setStyleSheet(_TILE_STYLE.format(bg=bg))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class HomePage(Page):
    PAGE_KEY = "home"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = Worker(self)
        self.data = None
        self.heading = QLabel(self.tr("本期工作台"), objectName="homeHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.round_label = QLabel(objectName="homeRound")
        self.round_label.setWordWrap(True)
        self.soon_label = QLabel(objectName="homeClosingSoon")
        self.soon_label.setWordWrap(True)
        self.soon_label.setTextFormat(Qt.TextFormat.PlainText)
        self.soon_label.setStyleSheet(
            "QLabel { background: #fff4e5; border: 1px solid #f0c36d; border-radius: 6px;"
            " padding: 8px 12px; }")
        self.soon_label.hide()
        self.remind_button = QPushButton(self.tr("催报…"), objectName="homeRemindButton")
        self.remind_button.setToolTip(self.tr("打开填报批次页,生成尚未报送单位的催报通知"))
        self.refresh_button = QPushButton(self.tr("刷新"), objectName="homeRefreshButton")
        specs = (
            ("notReported", self.tr("未报送单位")),
            ("overdue", self.tr("逾期未报单位")),
            ("returned", self.tr("退回待改单位")),
            ("toReview", self.tr("待审核填报")),
            ("red", self.tr("红灯事项")),
            ("coordination", self.tr("待协调事项")),
            ("overdueProblems", self.tr("逾期未办结问题")),
            ("dueSoon", self.tr("30天内到期事项")),
            ("extensions", self.tr("待审批延期申请")),
        )
        self.tiles = {key: Tile(key, caption, self) for key, caption in specs}
        grid = QGridLayout()
        grid.setSpacing(12)
        for i, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, i // 3, i % 3)
            tile.clicked.connect(partial(self.open_list, tile.key))
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.remind_button)
        head.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addWidget(self.round_label)
        layout.addWidget(self.soon_label)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.refresh_button.clicked.connect(self.reload)
        self.remind_button.clicked.connect(self.remind)

    def set_context(self, context) -> None:
        super().set_context(context)
        self.reload()

    def on_data_changed(self, entity: str) -> None:
        self.reload()  # everything on this page is a summary of something

    def reload(self) -> None:
        from jjjdesk.services import workbench

        if self.context is None:
            return
        job = partial(self.context.read, workbench.workbench, today=common.today())
        self.worker.submit(job, self._show, self._failed)

    def is_loading(self) -> bool:
        return self.worker.is_busy()

    def _show(self, data) -> None:
        self.data = data
        rnd = data.round
        if rnd is None:
            self.round_label.setText(self.tr("当前没有进行中的填报批次。可在“填报批次”页创建。"))
        else:
            if data.days_left > 0:
                left = self.tr("还有 {0} 天({1} 个工作日)").format(data.days_left,
                                                                  data.workdays_left)
            elif data.days_left == 0:
                left = self.tr("今天截止")
            else:
                left = self.tr("已过截止日期 {0} 天").format(-data.days_left)
            self.round_label.setText(self.tr("{0}:截止 {1},{2};已报送 {3}/{4} 个单位。").format(
                rnd.name, rnd.deadline.isoformat(), left, rnd.submitted_units, rnd.unit_count))
        t = self.tiles
        t["notReported"].set_value(data.not_reported)
        t["overdue"].set_value(data.overdue, alarming=True)
        t["returned"].set_value(data.returned)
        t["toReview"].set_value(data.to_review)
        t["red"].set_value(data.red, self.tr("较上期新增 {0} 项").format(data.new_red)
                           if rnd is not None else "", alarming=True)
        t["coordination"].set_value(data.coordination)
        t["overdueProblems"].set_value(data.overdue_problems, alarming=True)
        t["dueSoon"].set_value(data.due_soon)
        t["extensions"].set_value(data.pending_extensions)
        self.remind_button.setEnabled(rnd is not None)
        self._show_closing_soon(data.closing_soon, data.remind_within)

    def _show_closing_soon(self, rows, within: int) -> None:
        """临期提醒: per round closing soon, the units not in yet (at most 8 named)."""
        from jjjdesk.services.board import due_by_round

        groups = due_by_round(list(rows))
        lines = [self.tr("临期提醒({0} 个工作日内截止、尚未报送):").format(within)]
        for group in groups:
            first = group[0]
            when = (self.tr("今天截止") if first.workdays_left == 0 else
                    self.tr("{0} 个工作日后截止").format(first.workdays_left))
            names = "、".join(r.unit_name for r in group[:8])
            if len(group) > 8:
                names = self.tr("{0} 等 {1} 个单位").format(names, len(group))
            lines.append(self.tr("· {0}({1},{2}):{3}").format(
                first.round_name, first.deadline.isoformat(), when, names))
        self.soon_label.setText("\n".join(lines))
        self.soon_label.setVisible(bool(groups))

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserFacingError):
            raise exc
        dialogs.show_user_error(self, str(exc), self.tr("无法读取本期工作台"))

    def _window(self):
        widget = self.window()
        return widget if hasattr(widget, "page") else None

    def open_list(self, key: str) -> None:
        """The list the tile counts, filtered as it counted."""
        from jjjdesk.gui.dashboard.drilldown import open_list_page

        window = self._window()
        if window is None or self.data is None:
            return
        rnd = self.data.round
        if key in ("notReported", "overdue", "returned"):
            self._open_round(window)
        elif key == "toReview" and rnd is not None:
            open_list_page(window, "review", round_id=rnd.id, state="submitted")
        elif key == "red":
            open_list_page(window, "lights", light="red")
        elif key in ("coordination", "overdueProblems"):
            from jjjdesk.gui.pages.problems_page import OPEN

            filters = {"state": OPEN}
            if key == "coordination":
                filters["kind"] = "coordination"
            open_list_page(window, "problems", **filters)
        elif key == "dueSoon":
            open_list_page(window, "lights")
        elif key == "extensions":
            open_list_page(window, "extensions", state="pending")

    def _open_round(self, window):
        from jjjdesk.gui.pages import catalog

        index = catalog.index_of("rounds")
        if index is None or self.data is None or self.data.round is None:
            return None
        page = window.page(index)
        page.reload(select_id=self.data.round.id)
        window.show_page(index)
        return page

    def remind(self) -> None:
        window = self._window()
        page = self._open_round(window) if window is not None else None
        if page is not None:
            page.remind()
