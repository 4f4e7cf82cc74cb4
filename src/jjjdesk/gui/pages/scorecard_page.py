"""红黑榜 page: units ranked over a closed round or a span of rounds, every lost point
explained; sort by any part, the selected unit's rounds below, export to Excel."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.forms.fields import fill_combo
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.rows_model import Column, RowsModel
from jjjdesk.gui.worker import Worker
from jjjdesk.services.scorecard import PARTS

if TYPE_CHECKING:
    from jjjdesk.services.scorecard import Scorecard, UnitRound, UnitScore

ROUND, SPAN = "round", "span"
_LAST_FLAGS = ("末位", "连续两期末位")
#: Words of the service shown through `common.tr`: the flags and the parts' names.
_WORDS = (
    QT_TRANSLATE_NOOP("rounds", "末位"),
    QT_TRANSLATE_NOOP("rounds", "连续两期末位"),
    QT_TRANSLATE_NOOP("rounds", "首位"),
    QT_TRANSLATE_NOOP("rounds", "有未报送批次"),
    QT_TRANSLATE_NOOP("rounds", "按时报送"),
    QT_TRANSLATE_NOOP("rounds", "完整性"),
    QT_TRANSLATE_NOOP("rounds", "质量"),
    QT_TRANSLATE_NOOP("rounds", "进展"),
)


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _flag_colour(r: UnitScore):
    if any(f in r.flags for f in _LAST_FLAGS):
        return common.brush("#ffcdd2")
    return common.brush("#c8e6c9") if "首位" in r.flags else None


def _flags(r: UnitScore) -> str:
    return "、".join(common.tr(f) for f in r.flags)


class ScorecardModel(RowsModel):
    CONTEXT = "ScorecardModel"
    COLUMNS = (
        Column("排名", lambda r: str(r.rank), numeric=True, width=50),
        Column("责任单位", lambda r: r.unit_name, width=170),
        Column("总分", lambda r: _score(r.total), numeric=True, width=60),
        Column("名次变化", lambda r: r.change_label, width=70),
        Column("按时报送", lambda r: _score(r.on_time), numeric=True, width=70),
        Column("完整性", lambda r: _score(r.completeness), numeric=True, width=70),
        Column("质量", lambda r: _score(r.quality), numeric=True, width=60),
        Column("进展", lambda r: _score(r.progress), numeric=True, width=60),
        Column("标记", _flags, width=110, background=_flag_colour),
        Column("扣分说明", lambda r: ";".join(r.reasons),
               tooltip=lambda r: "\n".join(r.reasons) or None),
    )


def closed_rounds(*, session) -> list:
    from jjjdesk.services import rounds

    return rounds.list_rounds(session=session, state="closed")


def _late(f: UnitRound) -> str:
    if f.late_workdays is None:
        return common.tr("未报送")
    if f.late_workdays == 0:
        return common.tr("按时报送({0})").format(f.submitted_on)
    return common.tr("迟交{0}个工作日({1})").format(f.late_workdays, f.submitted_on)


class ScorecardPage(Page):
    PAGE_KEY = "scorecard"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = Worker(self)
        self._pending = 0
        self.card: Scorecard | None = None
        self._rounds: list = []
        self.scope_combo = QComboBox(objectName="scorecardScope")
        fill_combo(self.scope_combo, [(ROUND, self.tr("按批次")), (SPAN, self.tr("按期间"))])
        self.round_combo = QComboBox(objectName="scorecardRound")
        self.round_combo.setMinimumContentsLength(14)
        self.kind_combo = QComboBox(objectName="scorecardKind")
        fill_combo(self.kind_combo, [("month", self.tr("月报")), ("quarter", self.tr("季报")),
                                     ("week", self.tr("周报"))])
        self.first_combo = QComboBox(objectName="scorecardFrom")
        self.to_label = QLabel(self.tr("至"))
        self.last_combo = QComboBox(objectName="scorecardTo")
        self.sort_combo = QComboBox(objectName="scorecardSort")
        fill_combo(self.sort_combo, [
            ("rank", self.tr("按排名")), ("on_time", self.tr("按时报送得分低的在前")),
            ("completeness", self.tr("完整性得分低的在前")),
            ("quality", self.tr("质量得分低的在前")), ("progress", self.tr("进展得分低的在前")),
            ("change", self.tr("名次下降多的在前")),
        ])
        self.export_button = QPushButton(self.tr("导出 Excel…"), objectName="scorecardExport")
        self.weights_button = QPushButton(self.tr("权重设置…"), objectName="scorecardWeights")
        self.summary = QLabel(objectName="scorecardSummary")
        self.summary.setWordWrap(True)
        self.model = ScorecardModel(self)
        self.view = common.make_table(self.model)
        self.view.setObjectName("scorecardView")
        self.model.apply_widths(self.view)
        self.detail = QPlainTextEdit(objectName="scorecardDetail", readOnly=True)
        self.detail.setPlaceholderText(self.tr("选中一个单位,查看各批次的报送、填报和红黄绿灯"))
        bar = QHBoxLayout()
        for widget in (self.scope_combo, self.round_combo, self.kind_combo, self.first_combo,
                       self.to_label, self.last_combo, self.sort_combo):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.weights_button)
        bar.addWidget(self.export_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.scope_combo.currentIndexChanged.connect(lambda _i: self._scope_changed())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._fill_periods())
        for combo in (self.round_combo, self.first_combo, self.last_combo):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.sort_combo.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.export_button.clicked.connect(self.export)
        self.weights_button.clicked.connect(self.edit_weights)
        self._scope_changed(reload=False)

    # ------------------------------------------------------------------ choices


    def print_table(self):
        """The 红黑榜 as ranked, for the span chosen."""
        if self.scope_combo.currentData() == ROUND:
            span = self.round_combo.currentText()
        else:
            span = f"{self.first_combo.currentText()} — {self.last_combo.currentText()}"
        return self.title(), span, self.view

    def set_context(self, context) -> None:
        super().set_context(context)
        self._fill_choices()
        self.reload()

    def on_data_changed(self, entity: str) -> None:
        if entity in ("round", "entry", "setting", "import", "unit", "task", "project"):
            self._fill_choices()
            self.reload()

    def _set_index(self, combo: QComboBox, position: int) -> None:
        combo.blockSignals(True)
        combo.setCurrentIndex(position)
        combo.blockSignals(False)

    def _fill_choices(self) -> None:
        if self.context is None:
            return
        self._rounds = self.context.read(closed_rounds)
        fill_combo(self.round_combo, [(r.id, r.name) for r in self._rounds])  # keeps the choice
        kinds = {r.period_kind for r in self._rounds}
        if self.kind_combo.currentData() not in kinds:
            code = next((c for c in ("month", "quarter", "week") if c in kinds), "month")
            self._set_index(self.kind_combo, self.kind_combo.findData(code))
        self._fill_periods(reload=False)

    def _fill_periods(self, reload: bool = True) -> None:
        """The periods of the closed rounds of the chosen kind; by default all of them."""
        kind = self.kind_combo.currentData()
        periods = sorted({(r.period_key, r.period_label) for r in self._rounds
                          if r.period_kind == kind})
        kept = (self.first_combo.currentData(), self.last_combo.currentData())
        for combo in (self.first_combo, self.last_combo):
            fill_combo(combo, periods)
        first, last = self.first_combo.findData(kept[0]), self.last_combo.findData(kept[1])
        self._set_index(self.first_combo, first if first >= 0 else 0)
        self._set_index(self.last_combo, last if last >= 0 else len(periods) - 1)
        if reload:
            self.reload()

    def _scope_changed(self, reload: bool = True) -> None:
        span = self.scope_combo.currentData() == SPAN
        self.round_combo.setVisible(not span)
        for widget in (self.kind_combo, self.first_combo, self.to_label, self.last_combo):
            widget.setVisible(span)
        if reload:
            self.reload()

    def query(self) -> dict | None:
        if self.scope_combo.currentData() == SPAN:
            first, last = self.first_combo.currentData(), self.last_combo.currentData()
            return None if first is None else {"first": first, "last": last or first}
        round_id = self.round_combo.currentData()
        return None if round_id is None else {"round_ids": [round_id]}

    # ------------------------------------------------------------------ the card

    def reload(self) -> None:
        """Computed off the GUI thread (every round's lights are judged)."""
        from jjjdesk.services.scorecard import scorecard

        query = self.query() if self.context is not None else None
        self._pending += 1
        if query is None:
            self.card = None
            self.model.set_rows([])
            self.detail.clear()
            self.summary.setText(self.tr("还没有已关闭的填报批次:红黑榜只统计已关闭(冻结)的批次。")
                                 if self.context is not None else "")
            return
        assert self.context is not None  # a query exists only with a context
        ticket = self._pending
        self.summary.setText(self.tr("正在计算…"))
        job = partial(self.context.read, scorecard, today=common.today(), **query)
        self.worker.submit(job, partial(self._loaded, ticket), partial(self._failed, ticket))

    def is_loading(self) -> bool:
        return self.worker.is_busy()

    def _loaded(self, ticket: int, card: Scorecard) -> None:
        if ticket != self._pending:
            return  # a newer choice is on its way
        self.card = card
        weights = "、".join(f"{common.tr(label)}{card.weights.of(code):g}"
                            for code, label, _ in PARTS)
        text = self.tr("{0}:{1} 个单位,{2} 个已关闭批次;权重 {3}").format(
            card.label, len(card.rows), len(card.rounds), weights)
        if card.previous_label:
            text += self.tr(";名次变化对比{0}").format(card.previous_label)
        if card.ignored_open:
            text += self.tr(";未计入(尚未关闭):{0}").format("、".join(card.ignored_open))
        self.summary.setText(text)
        self._show_rows()

    def _failed(self, ticket: int, exc: BaseException) -> None:
        if ticket != self._pending:
            return
        self.card = None
        self.model.set_rows([])
        if not isinstance(exc, UserFacingError):
            raise exc  # a bug: the crash dialog and the log take it from here
        self.summary.setText(str(exc))

    def _show_rows(self) -> None:
        rows = list(self.card.rows) if self.card else []
        how = self.sort_combo.currentData() or "rank"
        if how == "change":
            rows.sort(key=lambda r: (r.change is None, r.change or 0, r.rank))
        elif how != "rank":
            rows.sort(key=lambda r: (r.part(how) is None, r.part(how) or 0, r.rank))
        self.model.set_rows(rows)
        self.detail.clear()

    def _show_detail(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            self.detail.clear()
            return
        r: UnitScore = self.model.row(index.row())
        lines = [self.tr("{0}:总分 {1},第 {2} 名").format(r.unit_name, _score(r.total), r.rank)]
        lines += [f"· {reason}" for reason in r.reasons]
        for f in r.rounds:
            lines.append(self.tr(
                "{0}:{1};应报 {2} 项,已报 {3} 项,被退回 {4} 项;"
                "绿灯 {5}、黄灯 {6}、红灯 {7}、灰灯 {8}").format(
                f.round_name, _late(f), f.items, f.reported, f.returned, f.green, f.yellow,
                f.red, f.grey))
        self.detail.setPlainText("\n".join(lines))

    def edit_weights(self) -> None:
        from jjjdesk.gui.rounds.thresholds_dialog import ThresholdsDialog
        from jjjdesk.services.settings import WEIGHT_KEYS

        if self.context is None:
            return
        common.run_dialog(ThresholdsDialog(self.context, self, keys=WEIGHT_KEYS,
                                           title=self.tr("红黑榜权重")))

    # ------------------------------------------------------------------ export

    def export(self) -> None:
        from jjjdesk.gui.exporting import common as export_common
        from jjjdesk.gui.progress_dialog import run_with_progress

        card = self.card
        if card is None:
            dialogs.show_user_error(self, self.tr("请先选择有已关闭批次的批次或期间。"))
            return
        path = export_common.ask_save_path(self, self.tr("导出红黑榜"),
                                           self.tr("红黑榜({0}).xlsx").format(card.label))
        if path is None:
            return
        today = common.today()

        def work(_progress, _cancel):
            from jjjdesk.excel.scorecard_sheet import export_scorecard

            return export_scorecard(path, card, today=today)

        def done(result) -> None:
            export_common.show_done(self, self.tr("红黑榜已导出"),
                                    self.tr("已导出 {0} 个单位的红黑榜。").format(result.rows),
                                    result.path.parent)

        self.export_job, _ = run_with_progress(self, self.tr("导出红黑榜"),
                                               self.tr("正在导出红黑榜…"), work, done)


