"""搜索进展 page: the entries whose progress texts hold the words typed, one row per field hit.

The search runs in the worker (at a million entries a common word takes up to ~0.3 s); a
reporter finds only its unit's entries (the service decides). Double-click opens the entry.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui.pages.base_page import Page
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.rows_model import Column, RowsModel
from jjjdesk.gui.worker import Worker

if TYPE_CHECKING:
    from jjjdesk.services.entry_search import FieldHit, SearchHit

LIMIT = 200  # rows of entries shown; more: refine
CONTEXT = "SearchModel"
_FIELDS = {  # the service's labels, for the translator
    "progress": QT_TRANSLATE_NOOP("SearchModel", "工作进展"),
    "problems": QT_TRANSLATE_NOOP("SearchModel", "存在问题"),
    "next_steps": QT_TRANSLATE_NOOP("SearchModel", "下步计划"),
    "coordination": QT_TRANSLATE_NOOP("SearchModel", "需协调事项"),
    "review_comment": QT_TRANSLATE_NOOP("SearchModel", "审核意见"),
}
_KINDS = {"task": QT_TRANSLATE_NOOP("SearchModel", "重点任务"),
          "project": QT_TRANSLATE_NOOP("SearchModel", "重点项目")}
_MARK = "background-color: #ffe082; color: #000000;"  # legible on a selected row too


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class SearchRow:
    hit: SearchHit
    field: FieldHit  # the one of its fields this row shows


def _subject(row: SearchRow) -> str:
    return f"{row.hit.subject_code} {row.hit.subject_name}".strip()


class SearchModel(RowsModel):
    CONTEXT = CONTEXT
    COLUMNS = (
        Column("事项", _subject, width=300, tooltip=_subject),
        Column("类别", lambda r: _tr(_KINDS[r.hit.subject.kind]), width=96),
        Column("期次", lambda r: r.hit.period_label, width=110),
        Column("单位", lambda r: r.hit.reporter_unit, width=150),
        Column("字段", lambda r: _tr(_FIELDS.get(r.field.field, r.field.label)), width=84),
        Column("摘录", lambda r: r.field.snippet, tooltip=lambda r: r.field.snippet),
    )
    SNIPPET = 5


def marked_html(text: str, terms: list[str]) -> str:
    """`text` as HTML with every occurrence of a term marked (case ignored as the search)."""
    folded, spans, pos = text.lower(), [], 0
    for term in sorted({t.lower() for t in terms if t}, key=len, reverse=True):
        start = folded.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    out = []
    for start, end in sorted(spans):
        if start < pos:  # inside a longer term already marked
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<span style="{_MARK}">{html.escape(text[start:end])}</span>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


class MarkDelegate(QStyledItemDelegate):
    """Paints the 摘录 column with the searched words marked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.terms: list[str] = []

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(0)
        colour = opt.palette.highlightedText() if opt.state & QStyle.StateFlag.State_Selected \
            else opt.palette.text()
        doc.setHtml(f'<span style="color: {colour.color().name()};">'
                    f"{marked_html(text, self.terms)}</span>")
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        painter.save()
        painter.translate(rect.left(), rect.top() + (rect.height() - doc.size().height()) / 2)
        doc.drawContents(painter, QRectF(0, 0, rect.width(), rect.height()))
        painter.restore()


class SearchPage(Page):
    PAGE_KEY = "search"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = Worker(self)
        self._generation = 0  # results of an older search are dropped
        self.searched = ""  # the text of the results shown
        self.edit = QLineEdit(objectName="searchEdit")
        self.edit.setPlaceholderText(self.tr("要查找的文字;以空格分开的几个词须都出现"))
        self.edit.setClearButtonEnabled(True)
        self.search_button = QPushButton(self.tr("搜索"), objectName="searchButton")
        self.count_label = QLabel(objectName="searchCount")
        self.note = QLabel(objectName="searchNote")
        self.note.setStyleSheet(common.BANNER_STYLE)
        self.note.setWordWrap(True)
        self.note.hide()
        self.model = SearchModel(self)
        self.view = common.make_table(self.model)
        self.view.setObjectName("searchView")
        self.model.apply_widths(self.view)
        self.delegate = MarkDelegate(self.view)
        self.view.setItemDelegateForColumn(SearchModel.SNIPPET, self.delegate)
        self.open_button = QPushButton(self.tr("查看/编辑…"), objectName="searchOpenButton")
        bar = QHBoxLayout()
        bar.addWidget(self.edit, 1)
        bar.addWidget(self.search_button)
        bar.addWidget(self.count_label)
        actions = QHBoxLayout()
        self.hint = QLabel(self.tr(
            "在工作进展、存在问题、下步计划、需协调事项、审核意见中查找;"
            "按期次从新到旧排列,超过 {0} 条时只列最近录入的。").format(LIMIT))
        actions.addWidget(self.hint)
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        self.edit.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.open_button.clicked.connect(lambda: self.open_entry(self.current()))
        self.view.doubleClicked.connect(lambda _i: self.open_entry(self.current()))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self._enable()

    def on_data_changed(self, entity: str) -> None:
        if entity in ("entry", "import", "project", "task", "unit") and self.searched:
            self.search(self.searched)

    def search(self, text: str | None = None) -> None:
        from jjjdesk.services.entry_search import search_entries

        if self.context is None:
            return
        text = self.edit.text() if text is None else text
        self._generation += 1
        job = partial(self.context.read, search_entries, actor=self.context.actor, text=text,
                      limit=LIMIT)
        self.count_label.setText(self.tr("正在搜索…"))
        self.worker.submit(job, partial(self._show, self._generation, text),
                           partial(self._failed, self._generation))

    def is_loading(self) -> bool:
        return self.worker.is_busy()

    def _show(self, generation: int, text: str, result) -> None:
        from jjjdesk.services.entry_search import search_terms

        if generation != self._generation:
            return
        self.searched = text
        self.delegate.terms = search_terms(text)
        self.model.set_rows([SearchRow(h, f) for h in result.hits for f in h.fields])
        self.count_label.setText(self.tr("{0} 条填报").format(len(result.hits)))
        self.note.setText(self.tr("超过 {0} 条填报符合,只列出最近录入的 {0} 条;"
                                  "可再加一个词缩小范围。").format(LIMIT))
        self.note.setVisible(result.more)
        self._enable()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if not isinstance(exc, UserFacingError):
            raise exc
        self.model.set_rows([])
        self.note.hide()
        self.count_label.setText(str(exc))  # e.g. nothing typed: said beside the box
        self._enable()

    def current(self) -> SearchRow | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        self.open_button.setEnabled(self.current() is not None)

    def open_entry(self, row: SearchRow | None) -> None:
        if row is None or self.context is None:
            return
        from jjjdesk.gui.rounds.entry_dialog import EntryDialog

        hit = row.hit
        dialog = EntryDialog(self.context, hit.subject, round_id=hit.round_id,
                             period=None if hit.round_id else hit.period_key, parent=self)
        common.run_dialog(dialog)
