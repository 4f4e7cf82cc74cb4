"""问题清单 page: problems and coordination needs until closed, the oldest first."""

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
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.rows_model import Column, RowsModel

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


def list_with_subjects(*, session, **query) -> list[tuple]:
    """The problem list and, per row, the title of the task or project that raised it."""
    from jjjdesk.services import problems, subjects

    rows = problems.list_problems(session=session, **query)
    titles = {
        ref: subjects.subject_info(session, ref).title
        for ref in {r.subject for r in rows if r.subject is not None}
    }
    return [(r, titles.get(r.subject, "")) for r in rows]


class ProblemsModel(RowsModel):
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
        self.model = ProblemsModel(self)
        self.view = common.make_table(self.model)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        for combo in (self.state_combo, self.unit_combo, self.kind_combo):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.oldest_check.toggled.connect(lambda _c: self.reload())
        self.state_button.clicked.connect(self.change_state)
        self.view.doubleClicked.connect(lambda _i: self.change_state())
        self.history_button.clicked.connect(self.show_history)
        self.notice_button.clicked.connect(self.supervision_documents)


    def print_table(self):
        chosen = [c.currentText() for c in (self.state_combo, self.unit_combo, self.kind_combo)
                  if c.currentIndex() > 0]
        return self.title(), "、".join(chosen), self.view

    def set_context(self, context) -> None:
        from jjjdesk.services import units

        super().set_context(context)
        if context is not None:
            self.unit_combo.blockSignals(True)
            fill_combo(self.unit_combo, context.read(units.unit_choices), self.tr("全部单位"))
            self.unit_combo.blockSignals(False)
        self.reload()

    def on_data_changed(self, entity: str) -> None:
        if entity in ("problem", "entry", "import", "unit"):
            self.reload()

    def reload(self) -> None:
        if self.context is None:
            self.model.set_rows([])
            return
        state = self.state_combo.currentData()
        rows = self.context.read(
            list_with_subjects,
            state=OPEN_STATES if state == OPEN else state,
            unit_id=self.unit_combo.currentData(),
            kind=self.kind_combo.currentData(),
            oldest_first=self.oldest_check.isChecked(),
        )
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("{0} 个问题").format(len(rows)))

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
