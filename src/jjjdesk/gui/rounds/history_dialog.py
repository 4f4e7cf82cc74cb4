"""A subject's history: its entries on one timeline, and a quarter's months and weeks together."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.period import Period, PeriodKind
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.gui.labels import period_key_label
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.entry_list import entry_html
from jjjdesk.gui.rounds.rows_model import Column, RowsModel
from jjjdesk.services import history, subjects

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext


class TimelineModel(RowsModel):
    CONTEXT = "TimelineModel"
    COLUMNS = (
        Column("报告期", lambda e: period_key_label(e.period_key), width=110),
        Column(
            "状态",
            lambda e: common.tr(e.review_state_label),
            width=60,
            background=lambda e: common.brush(common.REVIEW_COLOURS.get(e.review_state, "#ffffff")),
        ),
        Column("推进情况", lambda e: common.tr(e.assessment_label), width=70),
        Column("完成进度(%)", lambda e: common.pct(e.completion_pct), numeric=True, width=80),
        Column(
            "累计投资(亿元)", lambda e: common.money(e.invest_cumulative), numeric=True, width=100
        ),
        Column(
            "工作进展",
            lambda e: e.progress.replace("\n", " "),
            width=300,
            tooltip=lambda e: e.progress or None,
        ),
        Column(
            "存在问题",
            lambda e: e.problems.replace("\n", " "),
            tooltip=lambda e: e.problems or None,
        ),
    )


class HistoryDialog(QDialog):
    def __init__(self, context: AppContext, subject: SubjectRef, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.subject = subject
        info = context.read(subjects.subject_info, ref=subject)
        self.setWindowTitle(self.tr("填报历史 — {0}").format(info.name))
        self.resize(1200, 700)
        title = QLabel(info.title, self, objectName="titleLabel")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        title.setWordWrap(True)

        self.kind_combo = QComboBox(self, objectName="historyKindCombo")
        self.kind_combo.addItem(self.tr("全部期次"), None)
        for kind in (PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER):
            self.kind_combo.addItem(self.tr(kind.label), kind.value)
        self.model = TimelineModel(self)
        self.view = common.make_table(self.model)
        self.view.setObjectName("timelineView")
        self.model.apply_widths(self.view)
        self.detail = QTextBrowser(self, objectName="historyDetail")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(self.detail)
        split.setSizes([800, 360])
        timeline = QWidget()
        tl = QVBoxLayout(timeline)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("期次")))
        bar.addWidget(self.kind_combo)
        bar.addStretch(1)
        tl.addLayout(bar)
        tl.addWidget(split, 1)

        self.quarter_combo = QComboBox(self, objectName="quarterCombo")
        self.quarter_text = QTextBrowser(self, objectName="quarterText")
        quarter = QWidget()
        ql = QVBoxLayout(quarter)
        qbar = QHBoxLayout()
        qbar.addWidget(QLabel(self.tr("季度")))
        qbar.addWidget(self.quarter_combo)
        qbar.addStretch(1)
        ql.addLayout(qbar)
        ql.addWidget(self.quarter_text, 1)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(timeline, self.tr("时间线"))
        self.tabs.addTab(quarter, self.tr("季度视图"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

        self.kind_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.detail.setHtml(
                entry_html(self.model.row(cur.row())) if cur.isValid() else ""
            )
        )
        self.quarter_combo.currentIndexChanged.connect(lambda _i: self.show_quarter())
        self.load()
        self._fill_quarters()

    def load(self) -> None:
        rows = self.context.read(
            history.subject_history, subject=self.subject, period_kind=self.kind_combo.currentData()
        )
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(len(rows) - 1)  # the latest
            self.view.scrollToBottom()

    def _fill_quarters(self) -> None:
        everything = self.context.read(history.subject_history, subject=self.subject)
        quarters = sorted(
            {
                e.period.parent(PeriodKind.QUARTER)
                if e.period.kind is not PeriodKind.YEAR
                else None
                for e in everything
            }
            - {None},
            key=Period.sort_key,
            reverse=True,
        )
        self.quarter_combo.blockSignals(True)
        for q in quarters:
            self.quarter_combo.addItem(q.label, q.key)
        self.quarter_combo.blockSignals(False)
        self.show_quarter()

    def show_quarter(self) -> None:
        key = self.quarter_combo.currentData()
        if key is None:
            self.quarter_text.setHtml(html.escape(self.tr("尚无填报。")))
            return
        view = self.context.read(history.quarter_view, subject=self.subject, quarter=key)
        esc = html.escape
        parts = [f"<h3>{esc(view.quarter_label)}</h3>"]
        if view.quarter_entry is not None:
            parts.append(f"<h4>{esc(self.tr('季度填报'))}</h4>" + entry_html(view.quarter_entry))
        for _key, label, entry in view.months:
            parts.append(f"<h4>{esc(label)}</h4>")
            parts.append(
                entry_html(entry)
                if entry
                else f"<p style='color:#888'>{esc(self.tr('未填报'))}</p>"
            )
        if view.weeks:
            parts.append(f"<h4>{esc(self.tr('周跟进(最新在前)'))}</h4>")
            parts += [f"<p><b>{esc(w.period_label)}</b> {esc(w.progress)}</p>" for w in view.weeks]
        self.quarter_text.setHtml("".join(parts))
