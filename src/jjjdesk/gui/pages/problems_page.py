"""问题清单 page: problems and coordination needs until closed, the oldest first; read page by
page in the worker (300,000 problems: bench/bench_lists.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.enums import ProblemKind, ProblemState
from jjjdesk.gui.forms.fields import enum_choices, fill_combo
from jjjdesk.gui.labels import period_key_label
from jjjdesk.gui.models.paged_nav import follow_pages
from jjjdesk.gui.models.paged_rows import PagedRowsModel
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.attachments_panel import AttachmentsPanel, beside
from jjjdesk.gui.rounds.rows_model import Column
from jjjdesk.gui.worker import Worker

OPEN = "open"
OPEN_STATES = (ProblemState.PENDING.value, ProblemState.IN_PROGRESS.value)
_STATE_COLOURS = {
    "pending": "#ffcdd2",
    "in_progress": "#ffe0b2",
    "resolved": "#c8e6c9",
    "closed": "#eceff1",
}


def _label(key: str) -> str:
    return period_key_label(key)


def _overdue(problem) -> bool:
    # Judged at display time: a list left open overnight shows the new day on reload.
    return problem.is_overdue(common.today())


def page_with_subjects(*, session, query, request):
    """A page of the problem list and, per row, the title of the task or project raising it."""
    from jjjdesk.services import problems, subjects
    from jjjdesk.services.query import Page

    page = problems.page_problems(session=session, query=query, request=request)
    titles = subjects.subject_titles(session, {r.subject for r in page.rows if r.subject})
    return Page([(r, titles.get(r.subject, "")) for r in page.rows], page.keys)


class ProblemsModel(PagedRowsModel):
    CONTEXT = "ProblemsModel"
    COLUMNS = (
        Column(
            "状态",
            lambda p: common.tr(p[0].state_label),
            width=64,
            background=lambda p: common.brush(_STATE_COLOURS.get(p[0].state, "#fff")),
        ),
        Column("类型", lambda p: common.tr(p[0].kind_label), width=80),
        Column("问题", lambda p: p[0].description, width=340, tooltip=lambda p: p[0].description),
        Column("责任单位", lambda p: p[0].owner_unit, width=140),
        Column("责任人", lambda p: p[0].responsible_person, width=80),
        Column("办结时限", lambda p: p[0].due_date.isoformat() if p[0].due_date else "",
               width=90),
        Column(
            "逾期",
            lambda p: common.tr("逾期") if _overdue(p[0]) else "",
            width=50,
            background=lambda p: common.brush("#ffcdd2") if _overdue(p[0]) else None,
        ),
        Column("事项", lambda p: p[1], width=240, tooltip=lambda p: p[1] or None),
        Column("提出", lambda p: _label(p[0].raised_period_key), width=90),
        Column("最近提及", lambda p: _label(p[0].last_period_key), width=90),
        Column("处理说明", lambda p: p[0].resolution, tooltip=lambda p: p[0].resolution or None),
    )

    @property
    def query(self):
        if self._query is None:
            from jjjdesk.services.problems import ProblemQuery

            self._query = ProblemQuery(state=OPEN_STATES)
        return self._query

    def _count(self, session, query) -> int:
        from jjjdesk.services import problems

        return problems.count_problems(session=session, query=query)

    def _page(self, session, query, request):
        return page_with_subjects(session=session, query=query, request=request)

    def _count_everything(self, session) -> int:
        return 0  # the page shows the filtered count only


class ProblemsPage(Page):
    PAGE_KEY = "problems"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.state_combo = QComboBox(objectName="problemStateFilter")
        fill_combo(
            self.state_combo,
            [(OPEN, self.tr("未解决(待协调、协调中)")), *enum_choices(ProblemState)],
            self.tr("全部状态"),
        )
        self.state_combo.setCurrentIndex(1)
        self.unit_combo = QComboBox(objectName="problemUnitFilter")
        self.unit_combo.setMinimumContentsLength(10)
        self.kind_combo = QComboBox(objectName="problemKindFilter")
        fill_combo(self.kind_combo, enum_choices(ProblemKind), self.tr("问题和协调事项"))
        self.oldest_check = QCheckBox(
            self.tr("最早提出的在前"), objectName="oldestCheck", checked=True
        )
        self.count_label = QLabel(objectName="problemsCount")
        self.state_button = QPushButton(self.tr("更改状态…"), objectName="changeStateButton")
        self.history_button = QPushButton(self.tr("事项历史…"), objectName="historyButton")
        self.notice_button = QPushButton(self.tr("督办通知单…"), objectName="superviseButton")
        self.notice_button.setToolTip(
            self.tr("为选中的未解决问题按责任单位生成督办通知单(.docx);可按住 Ctrl 多选"))
        self.worker = Worker(self)
        self._generation = 0
        self._units_ready = False
        self._wanted: dict = {}  # filters asked for before the unit list came in
        self.model = ProblemsModel(self)
        self.model.worker = self.worker
        self.view = common.make_table(self.model)
        follow_pages(self.view, self.model)
        self.view.setObjectName("problemsView")
        self.view.setSelectionMode(self.view.SelectionMode.ExtendedSelection)
        self.model.apply_widths(self.view)
        bar = QHBoxLayout()
        for widget in (self.state_combo, self.unit_combo, self.kind_combo, self.oldest_check):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.history_button)
        bar.addWidget(self.notice_button)
        bar.addWidget(self.state_button)
        # the current problem's 佐证材料 (its units and the office add and remove them)
        self.attachments = AttachmentsPanel(
            None, self, empty_hint=self.tr("选中一个问题,在此查看和添加其佐证材料。"))
        self.attachments.setObjectName("problemAttachments")
        splitter = beside(self.view, self.attachments, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        for combo in (self.state_combo, self.unit_combo, self.kind_combo):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.oldest_check.toggled.connect(lambda _c: self.reload())
        self.state_button.clicked.connect(self.change_state)
        self.view.doubleClicked.connect(lambda _i: self.change_state())
        self.history_button.clicked.connect(self.show_history)
        self.notice_button.clicked.connect(self.supervision_documents)
        self.model.reloaded.connect(self._counted)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_files())
        self.model.failed.connect(
            lambda exc: self.count_label.setText(self.tr("读取失败:{0}").format(exc)))

    def print_table(self):
        chosen = [c.currentText() for c in (self.state_combo, self.unit_combo, self.kind_combo)
                  if c.currentIndex() > 0]
        return self.title(), "、".join(chosen), self.view

    def set_context(self, context) -> None:
        super().set_context(context)
        self.attachments.set_context(context)
        if context is None:
            self.model.set_context(None)
            return
        self.model.context = context
        self._units_ready = False
        self._generation += 1
        generation = self._generation

        def read():
            from jjjdesk.services import units

            return context.read(units.unit_choices)

        self.worker.submit(read, lambda rows: self._show_units(generation, rows),
                           self.model.failed.emit)

    def _show_units(self, generation: int, rows) -> None:
        if generation != self._generation:
            return
        self.unit_combo.blockSignals(True)
        fill_combo(self.unit_combo, rows, self.tr("全部单位"))
        self.unit_combo.blockSignals(False)
        self._units_ready = True
        self._choose_wanted()
        self.reload()

    def show_filtered(self, **filters) -> None:
        """Opened from the home page or the dashboard: `state`, `unit_id`, `kind` (the unit
        chosen once the unit list has come in when it has not yet)."""
        self._wanted = filters
        self._choose_wanted()
        self.reload()

    def _choose_wanted(self) -> None:
        combos = {"state": self.state_combo, "unit_id": self.unit_combo, "kind": self.kind_combo}
        for field, value in self._wanted.items():
            combo = combos.get(field)
            if combo is None:
                continue
            position = combo.findData(value) if value is not None else 0
            combo.blockSignals(True)
            combo.setCurrentIndex(max(position, 0))
            combo.blockSignals(False)
        if self._units_ready:
            self._wanted = {}

    def is_loading(self) -> bool:
        return self.worker.is_busy()

    def on_data_changed(self, entity: str) -> None:
        if entity in ("problem", "entry", "import", "unit"):
            self.reload()

    def reload(self) -> None:
        if self.context is None:
            self.model.set_context(None)
            return
        from jjjdesk.services.problems import ProblemQuery

        state = self.state_combo.currentData()
        self.model.use_query(ProblemQuery(
            state=OPEN_STATES if state == OPEN else state,
            unit_id=self.unit_combo.currentData(),
            kind=self.kind_combo.currentData(),
            oldest_first=self.oldest_check.isChecked(),
        ))

    def _counted(self) -> None:
        self.count_label.setText(self.tr("{0} 个问题").format(self.model.total))
        self._show_files()

    def _show_files(self) -> None:
        current = self.current()
        if self.attachments.context is not None:
            self.attachments.set_owner(None if current is None
                                       else {"problem_id": current[0].id})

    def current(self):
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def change_state(self) -> None:
        current = self.current()
        if current is None:
            return
        from jjjdesk.gui.rounds.problem_state_dialog import ProblemStateDialog

        common.run_dialog(ProblemStateDialog(self.context, current[0], self))

    def show_history(self) -> None:
        current = self.current()
        if current is None or current[0].subject is None:
            return
        from jjjdesk.gui.rounds.history_dialog import HistoryDialog

        common.run_dialog(HistoryDialog(self.context, current[0].subject, self))

    def selected_problems(self) -> list:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.row(r)[0] for r in rows]

    def supervision_documents(self) -> None:
        from jjjdesk.gui import dialogs
        from jjjdesk.gui.exporting.notices import write_notices_in_worker
        from jjjdesk.services import notices

        chosen = [p for p in self.selected_problems() if p.is_open]
        if not chosen:
            dialogs.show_user_error(self, self.tr("请先选中要督办的未解决问题(可按住 Ctrl 多选)。"))
            return
        self.notice_job = write_notices_in_worker(
            self, self.context, notices.supervision_notices, self.tr("督办通知单"),
            problem_ids=[p.id for p in chosen], today=common.today())
