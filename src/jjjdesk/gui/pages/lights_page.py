"""红黄绿灯 page: every task and project's light with its explanation, filtered and sorted."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jjjdesk.domain.enums import Light
from jjjdesk.domain.lag import SEVERITY
from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.forms.fields import enum_choices, fill_combo
from jjjdesk.gui.labels import period_key_label
from jjjdesk.gui.lag_text import reason_text
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.rows_model import Column, RowsModel
from jjjdesk.gui.worker import Worker

if TYPE_CHECKING:
    from jjjdesk.services.lag import SubjectLight


def _dot(r: SubjectLight):
    return common.dot_icon(common.LIGHT_COLOURS[r.light])


def _window(r: SubjectLight) -> str:
    if r.start is None or r.end is None:
        return ""
    return f"{r.start:%Y-%m}—{r.end:%Y-%m}"


def _latest(r: SubjectLight) -> str:
    return period_key_label(r.latest_period_key)


class LightsModel(RowsModel):
    CONTEXT = "LightsModel"
    COL_LIGHT = 0
    COLUMNS = (
        Column(
            "灯",
            lambda r: common.tr(r.light_label),
            icon=_dot,
            tooltip=lambda r: reason_text(r.explanation),
            width=80,
        ),
        Column("类型", lambda r: common.tr(r.subject.kind_label), width=70),
        Column("编号", lambda r: r.code, width=100),
        Column("名称", lambda r: r.name, width=260),
        Column("责任单位", lambda r: r.unit_name, width=140),
        Column("计划起止", _window, width=120),
        Column("时间进度(%)", lambda r: common.pct(r.elapsed_pct), numeric=True, width=84),
        Column("完成进度(%)", lambda r: common.pct(r.completion_pct), numeric=True, width=84),
        Column("落后(百分点)", lambda r: common.pct(r.gap), numeric=True, width=84),
        Column("最近填报", _latest, width=90),
        Column("较上期", lambda r: reason_text(r.change), width=110,
               tooltip=lambda r: reason_text(r.change) or None),
        Column("说明", lambda r: reason_text(r.explanation),
               tooltip=lambda r: reason_text(r.explanation)),
    )


class LightsPage(Page):
    PAGE_KEY = "lights"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = Worker(self)
        self._pending = 0
        # 评价口径: a round (as its ledger and brief judge it) or today; shared with the 总览
        self.as_of_combo = QComboBox(objectName="asOfCombo")
        self.as_of_combo.setMinimumContentsLength(14)
        self.as_of_combo.setToolTip(self.tr("评价口径:按填报批次评价(与该批次的台账、简报一致),或按今天"))
        self.light_combo = QComboBox(objectName="lightFilter")
        fill_combo(self.light_combo, enum_choices(Light), self.tr("全部灯色"))
        self.kind_combo = QComboBox(objectName="kindFilter")
        fill_combo(
            self.kind_combo,
            [("task", self.tr("重点任务")), ("project", self.tr("重点项目"))],
            self.tr("任务和项目"),
        )
        self.unit_combo = QComboBox(objectName="unitFilter")
        self.unit_combo.setMinimumContentsLength(10)
        self.category_combo = QComboBox(objectName="categoryFilter")
        self.category_combo.setMinimumContentsLength(12)
        self.sort_combo = QComboBox(objectName="sortCombo")
        fill_combo(
            self.sort_combo,
            [
                ("light", self.tr("按灯色(红灯在前)")),
                ("gap", self.tr("按落后程度")),
                ("code", self.tr("按编号")),
            ],
        )
        self.summary = QLabel(objectName="lightsSummary")
        self.settings_button = QPushButton(self.tr("阈值设置…"), objectName="thresholdsButton")
        self.history_button = QPushButton(self.tr("历史…"), objectName="historyButton")
        self.model = LightsModel(self)
        self.view = common.make_table(self.model)
        self.view.setObjectName("lightsView")
        self.model.apply_widths(self.view)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("评价口径")))
        for widget in (
            self.as_of_combo,
            self.light_combo,
            self.kind_combo,
            self.unit_combo,
            self.category_combo,
            self.sort_combo,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.history_button)
        bar.addWidget(self.settings_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        for combo in (
            self.light_combo,
            self.kind_combo,
            self.unit_combo,
            self.category_combo,
            self.sort_combo,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.as_of_combo.currentIndexChanged.connect(self._as_of_chosen)
        self.settings_button.clicked.connect(self.edit_thresholds)
        self.history_button.clicked.connect(self.show_history)
        self.view.doubleClicked.connect(lambda _i: self.show_history())


    def print_table(self):
        """The lights as filtered; the subtitle names the round and the filters."""
        chosen = [self.as_of_combo.currentText()] + [
            c.currentText() for c in (self.light_combo, self.kind_combo, self.unit_combo,
                                      self.category_combo) if c.currentIndex() > 0]
        return self.title(), "、".join(t for t in chosen if t), self.view

    def set_context(self, context) -> None:
        if self.context is not None:
            self.context.as_of_changed.disconnect(self._as_of_changed)
        super().set_context(context)
        if context is not None:
            context.as_of_changed.connect(self._as_of_changed)
        self._fill_choices()
        self.reload()

    def _fill_as_of(self) -> None:
        from jjjdesk.services import rounds

        fill_combo(self.as_of_combo, [(r.id, r.name) for r in self.context.read(
            rounds.list_rounds)], self.tr("按今天({0})").format(common.today().isoformat()))
        self.as_of_combo.blockSignals(True)
        chosen = self.context.as_of_round(common.today())
        self.as_of_combo.setCurrentIndex(max(self.as_of_combo.findData(chosen), 0))
        self.as_of_combo.blockSignals(False)

    def _as_of_chosen(self, _index: int) -> None:
        if self.context is not None:
            self.context.set_as_of_round(self.as_of_combo.currentData())  # reloads below

    def _as_of_changed(self, round_id) -> None:
        self.as_of_combo.blockSignals(True)
        self.as_of_combo.setCurrentIndex(max(self.as_of_combo.findData(round_id), 0))
        self.as_of_combo.blockSignals(False)
        self.reload()

    def on_data_changed(self, entity: str) -> None:
        if entity in ("unit", "task", "round"):
            self._fill_choices()
        if entity in ("entry", "setting", "task", "project", "import", "unit"):
            self.reload()

    def _fill_choices(self) -> None:
        from jjjdesk.services import tasks, units

        if self.context is None:
            return
        self._fill_as_of()
        for combo in (self.unit_combo, self.category_combo):
            combo.blockSignals(True)
        fill_combo(self.unit_combo, self.context.read(units.unit_choices), self.tr("全部单位"))
        fill_combo(
            self.category_combo, self.context.read(tasks.category_choices), self.tr("全部类别")
        )
        for combo in (self.unit_combo, self.category_combo):
            combo.blockSignals(False)

    def query(self) -> dict:
        return {
            "light": self.light_combo.currentData(),
            "kind": self.kind_combo.currentData(),
            "unit_id": self.unit_combo.currentData(),
            "category_id": self.category_combo.currentData(),
            "sort": self.sort_combo.currentData() or "light",
        }

    def reload(self) -> None:
        """Computed off the GUI thread (all entries of every subject are consulted)."""
        from jjjdesk.services import lag

        if self.context is None:
            self.model.set_rows([])
            return
        self._pending += 1
        ticket = self._pending
        self.summary.setText(self.tr("正在计算…"))
        job = partial(self.context.read, lag.lights_as_of, today=common.today(),
                      round_id=self.as_of_combo.currentData(), **self.query())
        self.worker.submit(job, partial(self._show, ticket), self._failed)

    def is_loading(self) -> bool:
        return self.worker.is_busy()

    def _show(self, ticket: int, rows: list[SubjectLight]) -> None:
        if ticket != self._pending:
            return  # a newer filter is on its way
        self.model.set_rows(rows)
        counts = {light: 0 for light in Light}
        for r in rows:
            counts[Light(r.light)] += 1
        order = sorted(Light, key=SEVERITY.get)  # red first, as the list is sorted
        parts = [f"{common.tr(light.label)} {counts[light]}" for light in order if counts[light]]
        self.summary.setText(self.tr("共 {0} 项:{1}").format(len(rows), ",".join(parts)))

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText("")
        if not isinstance(exc, UserFacingError):
            raise exc  # a bug: the crash dialog and the log take it from here
        dialogs.show_user_error(self, str(exc), self.tr("无法计算红黄绿灯"))

    def edit_thresholds(self) -> None:
        from jjjdesk.gui.rounds.thresholds_dialog import ThresholdsDialog

        common.run_dialog(ThresholdsDialog(self.context, self))

    def show_history(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        from jjjdesk.gui.rounds.history_dialog import HistoryDialog

        common.run_dialog(HistoryDialog(self.context, self.model.row(index.row()).subject, self))
