"""审核 page: a round's entries to review (通过 / 退回 / 重新打开) and the returned inbox, both
read page by page in the worker (a round holds 10,000 entries: bench/bench_lists.py)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.enums import ReviewState
from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.forms.fields import enum_choices, fill_combo
from jjjdesk.gui.models.paged_nav import follow_pages
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.attachments_panel import AttachmentsPanel, beside
from jjjdesk.gui.rounds.entry_list import ReturnedModel, ReviewModel, entry_html
from jjjdesk.gui.worker import Worker

log = logging.getLogger(__name__)


def approve_all(*, session, actor, entries: list[tuple[int, int]]):
    """审核通过 for several entries in one transaction (all or none)."""
    from jjjdesk.services import review

    return [
        review.approve_entry(session=session, actor=actor, entry_id=i, expected_version=v)
        for i, v in entries
    ]


class _EntryPane(QWidget):
    """A list of entries with the selected one's full text beside it."""

    def __init__(self, name: str, model: ReviewModel | ReturnedModel, worker: Worker,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.model.worker = worker
        self.view = common.make_table(self.model)
        self.view.setObjectName(name + "View")
        self.model.apply_widths(self.view)
        follow_pages(self.view, self.model)
        self.detail = QTextBrowser(objectName=name + "Detail")
        self.detail.setOpenLinks(False)
        # 佐证材料 of the selected entry: reviewers see every unit's; add and remove as the
        # service allows this user (attachments.may_change)
        self.attachments = AttachmentsPanel(None, self, empty_hint="")
        self.attachments.setObjectName(name + "Attachments")
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.detail)
        side.addWidget(self.attachments)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 2)
        self.bar = QHBoxLayout()
        self.actions = QHBoxLayout()
        splitter = beside(self.view, side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(self.bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.actions)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())
        self.model.reloaded.connect(self._reloaded)

    def _reloaded(self) -> None:
        if self.model.rowCount():
            self.view.selectRow(0)
        self._show_detail()

    def current(self):
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def selected(self) -> list:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.row(r) for r in rows]

    def _show_detail(self) -> None:
        entry = self.current()
        self.detail.setHtml(entry_html(entry))
        if self.attachments.context is not None:
            self.attachments.set_entry(None if entry is None else entry.id, None)


class ReviewPage(Page):
    PAGE_KEY = "review"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = Worker(self)  # reads the lists and their choices, one job at a time
        self._choices_generation = 0
        self._choices_ready = False
        self._wanted: dict = {}  # filters asked for before the choices came in
        self._inbox_stale = True
        # ---- 审核
        self.review_pane = _EntryPane("review", ReviewModel(self), self.worker)
        self.round_combo = QComboBox(objectName="reviewRoundCombo")
        self.round_combo.setMinimumContentsLength(14)
        self.unit_combo = QComboBox(objectName="reviewUnitCombo")
        self.state_combo = QComboBox(objectName="reviewStateCombo")
        # Filled by the worker after the page is shown: sized for a unit's name, not for empty.
        self.unit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit_combo.setMinimumContentsLength(10)
        fill_combo(self.state_combo, enum_choices(ReviewState))
        self.state_combo.setCurrentIndex(self.state_combo.findData(ReviewState.SUBMITTED.value))
        self.count_label = QLabel(objectName="reviewCountLabel")
        bar = self.review_pane.bar
        for label, widget in (
            (self.tr("批次"), self.round_combo),
            (self.tr("单位"), self.unit_combo),
            (self.tr("状态"), self.state_combo),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        self.approve_button = QPushButton(self.tr("审核通过"), objectName="approveButton")
        self.approve_button.setToolTip(self.tr("可多选;通过后该条锁定"))
        self.return_button = QPushButton(self.tr("退回修改…"), objectName="returnButton")
        self.reopen_button = QPushButton(self.tr("重新打开…"), objectName="reopenButton")
        self.open_button = QPushButton(self.tr("查看/编辑…"), objectName="openEntryButton")
        self.history_button = QPushButton(self.tr("历史…"), objectName="historyButton")
        actions = self.review_pane.actions
        actions.addWidget(self.open_button)
        actions.addWidget(self.history_button)
        actions.addStretch(1)
        actions.addWidget(self.reopen_button)
        actions.addWidget(self.return_button)
        actions.addWidget(self.approve_button)

        # ---- 退回待改
        self.inbox_pane = _EntryPane("inbox", ReturnedModel(self), self.worker)
        self.inbox_unit_combo = QComboBox(objectName="inboxUnitCombo")
        self.inbox_unit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.inbox_unit_combo.setMinimumContentsLength(10)
        self.inbox_count = QLabel(objectName="inboxCountLabel")
        self.inbox_pane.bar.addWidget(QLabel(self.tr("单位")))
        self.inbox_pane.bar.addWidget(self.inbox_unit_combo)
        self.inbox_pane.bar.addStretch(1)
        self.inbox_pane.bar.addWidget(self.inbox_count)
        self.fix_button = QPushButton(self.tr("修改并重新报送…"), objectName="fixButton")
        self.inbox_pane.actions.addStretch(1)
        self.inbox_pane.actions.addWidget(self.fix_button)

        self.tabs = QTabWidget(objectName="reviewTabs")
        self.tabs.addTab(self.review_pane, self.tr("审核"))
        self.tabs.addTab(self.inbox_pane, self.tr("退回待改"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.tabs)

        for combo in (self.round_combo, self.unit_combo, self.state_combo):
            combo.currentIndexChanged.connect(lambda _i: self.reload_review())
        self.inbox_unit_combo.currentIndexChanged.connect(lambda _i: self.reload_inbox())
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_selected)
        self.reopen_button.clicked.connect(self.reopen)
        self.open_button.clicked.connect(lambda: self.open_entry(self.review_pane.current()))
        self.history_button.clicked.connect(self.show_history)
        self.review_pane.view.doubleClicked.connect(
            lambda _i: self.open_entry(self.review_pane.current())
        )
        self.fix_button.clicked.connect(lambda: self.open_entry(self.inbox_pane.current()))
        self.inbox_pane.view.doubleClicked.connect(
            lambda _i: self.open_entry(self.inbox_pane.current())
        )
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        self.review_pane.view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.review_pane.model.reloaded.connect(self._review_counted)
        self.inbox_pane.model.reloaded.connect(self._inbox_counted)
        for model in (self.review_pane.model, self.inbox_pane.model):
            model.failed.connect(self._failed)

    def set_context(self, context) -> None:
        super().set_context(context)
        for pane in (self.review_pane, self.inbox_pane):
            pane.attachments.set_context(context)
        self._fill_choices()

    def is_loading(self) -> bool:
        return self.worker.is_busy()

    def on_data_changed(self, entity: str) -> None:
        if entity in ("round", "unit"):
            self._fill_choices()
        elif entity in ("entry", "import"):
            self.reload()
        elif entity == "attachment":  # added in the entry form opened from here
            for pane in (self.review_pane, self.inbox_pane):
                pane.attachments.reload()

    def _fill_choices(self) -> None:
        """Rounds and units are read in the worker; the lists follow once the combos are set."""
        from jjjdesk.services import rounds, units

        if self.context is None:
            self.reload()
            return
        self._choices_ready = False
        self._choices_generation += 1
        generation, context = self._choices_generation, self.context

        from jjjdesk.services.workbench import default_as_of

        today = common.today()

        def read(session):
            # the round being reported opens first (the home page's): the newest round is
            # usually the one just opened, with nothing to review yet
            return (rounds.list_rounds(session=session), units.unit_choices(session=session),
                    default_as_of(session=session, today=today))

        self.worker.submit(lambda: context.read(read),
                           lambda found: self._show_choices(generation, *found), self._failed)

    def _show_choices(self, generation: int, round_rows, unit_rows, current=None) -> None:
        from jjjdesk.services.entry_access import is_office

        if generation != self._choices_generation or self.context is None:
            return
        for combo in (self.round_combo, self.unit_combo, self.inbox_unit_combo):
            combo.blockSignals(True)
        chosen = self.round_combo.currentData() if self.round_combo.count() else current
        fill_combo(self.round_combo, [(r.id, r.name) for r in round_rows])
        self.round_combo.setCurrentIndex(max(self.round_combo.findData(chosen), 0))
        fill_combo(self.unit_combo, unit_rows, self.tr("全部单位"))
        actor = self.context.actor
        if is_office(actor) or actor.unit_id is None:
            fill_combo(self.inbox_unit_combo, unit_rows)
        else:  # a unit reporter sees its own unit's inbox only
            fill_combo(self.inbox_unit_combo, [u for u in unit_rows if u[0] == actor.unit_id])
        for combo in (self.round_combo, self.unit_combo, self.inbox_unit_combo):
            combo.blockSignals(False)
        self._choices_ready = True
        self._choose_wanted()
        self.reload()

    def show_filtered(self, **filters) -> None:
        """Opened from a home-page tile: `round_id`, `unit_id`, `state` (chosen once the round
        list has come in when it has not yet)."""
        self._wanted = filters
        self._choose_wanted()
        self.reload()

    def _choose_wanted(self) -> None:
        combos = {"round_id": self.round_combo, "unit_id": self.unit_combo,
                  "state": self.state_combo}
        for field, value in self._wanted.items():
            combo = combos.get(field)
            position = combo.findData(value) if combo is not None else -1
            if position >= 0:
                combo.blockSignals(True)
                combo.setCurrentIndex(position)
                combo.blockSignals(False)
        if self._choices_ready:
            self._wanted = {}

    def _failed(self, exc: BaseException) -> None:
        log.error("the review lists could not be read", exc_info=exc)
        self.count_label.setText(self.tr("读取失败:{0}").format(exc))

    def reload(self) -> None:
        self.reload_review()
        self.reload_inbox()

    def reload_review(self) -> None:
        from jjjdesk.services.review import ReviewQuery

        self.review_pane.model.context = self.context
        self.review_pane.model.use_query(ReviewQuery(
            round_id=self.round_combo.currentData(), unit_id=self.unit_combo.currentData(),
            state=self.state_combo.currentData()))

    def _review_counted(self) -> None:
        self.count_label.setText(self.tr("{0} 条").format(self.review_pane.model.total))
        self._update_buttons()

    def reload_inbox(self) -> None:
        """Read when its tab is shown: opening the page reads only the list it shows."""
        from jjjdesk.services.review import ReturnedQuery

        self._inbox_stale = self.tabs.currentWidget() is not self.inbox_pane
        if self._inbox_stale:
            return
        self.inbox_pane.model.context = self.context
        self.inbox_pane.model.use_query(ReturnedQuery(unit_id=self.inbox_unit_combo.currentData()))

    def _inbox_counted(self) -> None:
        count = self.inbox_pane.model.total
        self.inbox_count.setText(self.tr("{0} 条退回待改").format(count))
        self.tabs.setTabText(
            1, self.tr("退回待改({0})").format(count) if count else self.tr("退回待改")
        )
        self.fix_button.setEnabled(bool(count))

    def _tab_changed(self) -> None:
        if self._inbox_stale:
            self.reload_inbox()
        self._update_buttons()

    def _update_buttons(self) -> None:
        from jjjdesk.services.entry_access import is_office

        office = self.context is not None and is_office(self.context.actor)
        selected = self.review_pane.selected()
        states = {e.review_state for e in selected}
        self.approve_button.setEnabled(office and bool(selected) and states == {"submitted"})
        self.return_button.setEnabled(office and len(selected) == 1 and states == {"submitted"})
        self.reopen_button.setEnabled(office and len(selected) == 1 and states == {"approved"})
        self.open_button.setEnabled(len(selected) == 1)
        self.history_button.setEnabled(len(selected) == 1)

    # ---- actions -------------------------------------------------------------------------
    def _run(self, fn, **kwargs) -> bool:
        try:
            self.context.write(fn, entity="entry", **kwargs)
        except UserFacingError as exc:
            dialogs.show_user_error(self, str(exc))
            return False
        return True

    def approve(self) -> None:
        chosen = self.review_pane.selected()
        if chosen:
            self._run(approve_all, entries=[(e.id, e.version) for e in chosen])

    def return_selected(self) -> None:
        from jjjdesk.services import review

        entry = self.review_pane.current()
        if entry is None:
            return
        comment = common.ask_text(
            self,
            self.tr("退回修改"),
            self.tr("退回“{0} {1}”给{2}。请写明修改意见(必填),填报单位会看到:").format(
                entry.subject_code, entry.subject_name, entry.reporter_unit
            ),
        )
        if comment:
            self._run(
                review.return_entry,
                entry_id=entry.id,
                comment=comment,
                expected_version=entry.version,
            )

    def reopen(self) -> None:
        from jjjdesk.services import review

        entry = self.review_pane.current()
        if entry is None:
            return
        reason = common.ask_text(
            self,
            self.tr("重新打开"),
            self.tr("“{0} {1}”已审核锁定。重新打开后退回填报单位修改,请说明理由(必填):").format(
                entry.subject_code, entry.subject_name
            ),
        )
        if reason:
            self._run(
                review.reopen_entry,
                entry_id=entry.id,
                reason=reason,
                expected_version=entry.version,
            )

    def open_entry(self, entry) -> None:

        if entry is None or self.context is None:
            return
        from jjjdesk.gui.rounds.entry_dialog import EntryDialog

        dialog = EntryDialog(
            self.context,
            entry.subject,
            round_id=entry.round_id,
            period=None if entry.round_id else entry.period_key,
            parent=self,
        )
        common.run_dialog(dialog)

    def show_history(self) -> None:

        entry = self.review_pane.current()
        if entry is not None:
            from jjjdesk.gui.rounds.history_dialog import HistoryDialog

            common.run_dialog(HistoryDialog(self.context, entry.subject, self))
