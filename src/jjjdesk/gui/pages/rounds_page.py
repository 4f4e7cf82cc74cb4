"""填报批次 page: the rounds, and the submission board of the selected one (催报, 整表填报),
read in the worker."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.enums import RoundState, UnitReturnState
from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.forms.fields import enum_choices, fill_combo
from jjjdesk.gui.header_fit import fit_headers, fit_short_values
from jjjdesk.gui.labels import period_key_label
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.board_model import BoardModel, RowRole
from jjjdesk.gui.rounds.rows_model import Column, RowsModel
from jjjdesk.gui.worker import Worker

log = logging.getLogger(__name__)


class RoundsModel(RowsModel):
    CONTEXT = "RoundsModel"
    COLUMNS = (
        Column("批次", lambda r: r.name, width=150),
        Column("报告期", lambda r: period_key_label(r.period_key), width=90),
        Column("截止", lambda r: r.deadline.strftime("%Y-%m-%d"), width=86),
        Column("状态", lambda r: common.tr(r.state_label), width=56),
        Column("已报单位", lambda r: f"{r.submitted_units}/{r.unit_count}", numeric=True),
    )


class RoundsPage(Page):
    PAGE_KEY = "rounds"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.board = None  # services.board.Board of the selected round
        self.worker = Worker(self)
        self._board_generation = 0
        self.new_button = QPushButton(self.tr("新建批次…"), objectName="newRoundButton")
        self.schedules_button = QPushButton(self.tr("批次计划…"), objectName="schedulesButton")
        self.schedules_button.setToolTip(self.tr("按周、月、季自动创建填报批次的计划"))
        self.state_filter = QComboBox(objectName="roundStateFilter")
        fill_combo(self.state_filter, enum_choices(RoundState), self.tr("全部批次"))
        self.rounds_model = RoundsModel(self)
        self.rounds_view = common.make_table(self.rounds_model)
        self.rounds_view.setObjectName("roundsView")
        self.rounds_view.setSelectionMode(self.rounds_view.SelectionMode.SingleSelection)
        self.rounds_model.apply_widths(self.rounds_view)

        self.board_title = QLabel(objectName="boardTitle")
        font = self.board_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.board_title.setFont(font)
        self.board_summary = QLabel(objectName="boardSummary")
        self.board_summary.setTextFormat(Qt.TextFormat.RichText)
        self.board_model = BoardModel(self)
        self.board_view = common.make_table(self.board_model)
        self.board_view.setObjectName("boardView")
        self.board_view.setSelectionMode(self.board_view.SelectionMode.SingleSelection)
        for column, width in enumerate((140, 48, 68, 56, 104, 64, 104, 60)):
            self.board_view.horizontalHeader().resizeSection(column, width)
        fit_headers(self.board_view.horizontalHeader())
        self.remind_button = QPushButton(self.tr("催报…"), objectName="remindButton")
        self.remind_button.setToolTip(self.tr("生成尚未报送单位的催报通知(含联系人),可复制"))
        self.grid_button = QPushButton(self.tr("整表填报…"), objectName="gridButton")
        self.grid_button.setToolTip(self.tr("打开所选单位本批次的全部事项,像表格一样填写"))
        self.close_button = QPushButton(self.tr("关闭批次"), objectName="closeRoundButton")

        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.schedules_button)
        top.addWidget(self.state_filter)
        top.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.rounds_view, 1)

        actions = QHBoxLayout()
        actions.addWidget(self.board_summary, 1)
        actions.addWidget(self.grid_button)
        actions.addWidget(self.remind_button)
        actions.addWidget(self.close_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.board_title)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.board_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="roundsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 920])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.splitter)

        self.new_button.clicked.connect(self.new_record)
        self.schedules_button.clicked.connect(self.edit_schedules)
        self.state_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.rounds_view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.show_board()
        )
        self.board_view.doubleClicked.connect(lambda _index: self.open_grid())
        self.remind_button.clicked.connect(self.remind)
        self.grid_button.clicked.connect(self.open_grid)
        self.close_button.clicked.connect(self.toggle_closed)
        self._update_buttons()

    def set_context(self, context) -> None:
        super().set_context(context)
        self.reload()

    def on_data_changed(self, entity: str) -> None:
        if entity in ("round", "entry", "unit", "task", "project", "import"):
            self.reload()

    # ---- rounds --------------------------------------------------------------------------
    def current_round(self):
        index = self.rounds_view.currentIndex()
        return self.rounds_model.row(index.row()) if index.isValid() else None

    def reload(self, select_id: int | None = None) -> None:
        current = self.current_round()
        select_id = select_id or (current.id if current else None)
        if self.context is None:
            self.rounds_model.set_rows([])
        else:
            from jjjdesk.services import rounds

            self.rounds_model.set_rows(
                self.context.read(rounds.list_rounds, state=self.state_filter.currentData())
            )
        self.select_round(select_id)

    def select_round(self, round_id: int | None) -> None:
        rows = self.rounds_model.rows
        position = next((i for i, r in enumerate(rows) if r.id == round_id), 0 if rows else None)
        if position is None:
            self.show_board()
            return
        self.rounds_view.setCurrentIndex(self.rounds_model.index(position, 0))
        self.show_board()

    def new_record(self) -> None:

        if self.context is None:
            return
        from jjjdesk.gui.rounds.new_round_dialog import NewRoundDialog

        dialog = NewRoundDialog(self.context, self)
        common.run_dialog(dialog)
        if dialog.created is not None:
            self.reload(select_id=dialog.created.id)

    def print_table(self):
        """The board of the selected round: 报送情况 per unit, as shown."""
        if self.current_round() is None:
            return None
        return (self.tr("报送情况"), self.board_title.text(), self.board_view)

    def edit_schedules(self) -> None:
        if self.context is None:
            return
        from jjjdesk.gui.rounds.schedules_dialog import SchedulesDialog

        common.run_dialog(SchedulesDialog(self.context, self))

    def toggle_closed(self) -> None:
        from jjjdesk.services import rounds

        rnd = self.current_round()
        if rnd is None:
            return
        if rnd.state == RoundState.OPEN:
            if not dialogs.confirm(
                self,
                self.tr("关闭批次"),
                self.tr("关闭“{0}”后,其中的填报将冻结,不能再修改。确定关闭吗?").format(rnd.name),
            ):
                return
            state, reason = RoundState.CLOSED.value, ""
        else:
            reason = common.ask_text(
                self,
                self.tr("重新开放批次"),
                self.tr("请说明重新开放“{0}”的理由:").format(rnd.name),
            )
            if reason is None:
                return
            state = RoundState.OPEN.value
        try:
            self.context.write(
                rounds.set_round_state,
                entity="round",
                round_id=rnd.id,
                state=state,
                reason=reason,
                expected_version=rnd.version,
            )
        except UserFacingError as exc:
            dialogs.show_user_error(self, str(exc))

    # ---- the board -----------------------------------------------------------------------
    def show_board(self) -> None:
        """The board is read in the worker (10,000 items of a round: ~90 ms of counting)."""
        from jjjdesk.services import board

        self._board_generation += 1
        rnd = self.current_round()
        if rnd is None or self.context is None:
            self.board = None
            self.board_model.set_rows([])
            self.board_title.setText(self.tr("尚无填报批次,请先新建。") if self.context else "")
            self.board_summary.clear()
            self._update_buttons()
            return
        generation, context, today = self._board_generation, self.context, common.today()
        self.board_title.setText(
            self.tr("{0} · 截止 {1:%Y-%m-%d} · {2}").format(
                rnd.name, rnd.deadline, common.tr(rnd.state_label)
            )
        )
        self._update_buttons()  # those that follow the round; 整表填报 waits for the board
        self.worker.submit(
            lambda: context.read(board.round_board, round_id=rnd.id, today=today),
            lambda found: self._show_board(generation, found), self._board_failed)

    def is_loading(self) -> bool:
        return self.worker.is_busy()

    def _board_failed(self, exc: BaseException) -> None:
        log.error("the board could not be read", exc_info=exc)
        self.board_summary.setText(self.tr("读取失败:{0}").format(exc))

    def _show_board(self, generation: int, found) -> None:
        if generation != self._board_generation:
            return  # another round was chosen, or the data changed, meanwhile
        selected = self.selected_unit()
        self.board = found
        self.board_model.set_rows(found.rows)
        fit_short_values(self.board_view)
        chips = []
        for state in UnitReturnState:
            colour = common.UNIT_STATE_COLOURS[state.value]
            chips.append(
                f"<span style='background:{colour}'>&nbsp;{common.tr(state.label)} "
                f"{found.counts[state.value]}&nbsp;</span>"
            )
        self.board_summary.setText(
            self.tr("共 {0} 个单位、{1} 项:").format(len(found.rows), found.round.item_count)
            + " ".join(chips)
        )
        if selected is not None:
            row = self.board_model.row_of_unit(selected.unit_id)
            if row is not None:
                self.board_view.setCurrentIndex(self.board_model.index(row, 0))
        self._update_buttons()

    def selected_unit(self):
        index = self.board_view.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _update_buttons(self) -> None:
        rnd = self.current_round()
        office = False
        if self.context is not None:  # services load after the first paint
            from jjjdesk.services.entry_access import is_office

            office = is_office(self.context.actor)
        self.new_button.setEnabled(office)
        self.schedules_button.setEnabled(self.context is not None)
        self.remind_button.setEnabled(rnd is not None)
        self.grid_button.setEnabled(rnd is not None and bool(self.board_model.rows))
        self.close_button.setEnabled(rnd is not None and office)
        self.close_button.setText(
            self.tr("重新开放") if rnd and rnd.state == RoundState.CLOSED else self.tr("关闭批次")
        )

    def remind(self) -> None:
        """The notice to copy or send as Word files; copying or writing them is what
        records the 催报 (with its channel), not opening the dialog."""
        from jjjdesk.gui.rounds.reminder_dialog import ReminderDialog
        from jjjdesk.services import board
        from jjjdesk.services.permissions import may_write_registry

        rnd = self.current_round()
        if rnd is None:
            return
        text = self.context.read(board.reminder_text, round_id=rnd.id, today=common.today())
        records = may_write_registry(self.context.actor)
        dialog = ReminderDialog(
            rnd.name, text, self, word=lambda: self.reminder_documents(rnd.id, records),
            copied=(lambda: self.record_reminders(rnd.id, "copy")) if records else None)
        common.run_dialog(dialog)

    def record_reminders(self, round_id: int, channel: str) -> None:
        from jjjdesk.services import board

        try:
            self.context.write(board.mark_reminded, entity="round", round_id=round_id,
                               today=common.today(), channel=channel)
        except UserFacingError as exc:
            dialogs.show_user_error(self, str(exc))

    def reminder_documents(self, round_id: int, records: bool = False) -> None:
        from jjjdesk.gui.exporting.notices import write_notices_in_worker
        from jjjdesk.services import notices

        self.notice_job = write_notices_in_worker(
            self, self.context, notices.reminder_notices, self.tr("催报通知"),
            on_done=(lambda _paths: self.record_reminders(round_id, "notice")) if records
            else None,
            round_id=round_id, today=common.today())

    def open_grid(self) -> None:

        rnd, unit = self.current_round(), self.selected_unit()
        if rnd is None:
            return
        if unit is None:
            if not self.board_model.rows:
                return
            self.board_view.setCurrentIndex(self.board_model.index(0, 0))
            unit = self.selected_unit()
        from jjjdesk.gui.rounds.grid_dialog import UnitReturnDialog

        dialog = UnitReturnDialog(
            self.context, rnd.id, unit.unit_id, f"{unit.unit_name} · {rnd.name}", self
        )
        common.run_dialog(dialog)
