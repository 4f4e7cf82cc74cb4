"""导入预览: what importing a file would change, before anything is written."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.gui.importing.preview_models import (
    DiagnosticsModel,
    EvidenceModel,
    FilterProxy,
    ItemRole,
    PreviewRowsModel,
)
from jjjdesk.importing import ImportPreview, PreviewRow

BANNER = (
    "color: #6d4c00; background: #fff8e1; border: 1px solid #ffe082;"
    " border-radius: 3px; padding: 6px;"
)
FATAL = (
    "color: #8e1b1b; background: #fdecea; border: 1px solid #f5c2c0;"
    " border-radius: 3px; padding: 6px;"
)


def _table(model, proxy: FilterProxy, widths: dict[int, int]) -> QTableView:
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(model.COL_ROW, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    for column, width in widths.items():
        header.resizeSection(column, width)
    return view


class PreviewDialog(QDialog):
    """Opened with `open()`; the controller acts on its signals."""

    commit_requested = Signal()
    mapping_requested = Signal()
    annotate_requested = Signal()
    target_requested = Signal()

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(1180, 720)
        self.info_label = QLabel(objectName="infoLabel")
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.RichText)
        self.banner_label = QLabel(objectName="bannerLabel")
        self.banner_label.setWordWrap(True)

        # rows
        self.rows_model = PreviewRowsModel(parent=self)
        self.rows_proxy = FilterProxy(self)
        m = PreviewRowsModel
        self.rows_view = _table(
            self.rows_model,
            self.rows_proxy,
            {
                m.COL_STATUS: 64,
                m.COL_SHEET: 84,
                m.COL_ROW: 44,
                m.COL_CODE: 96,
                m.COL_NAME: 230,
                m.COL_PERIOD: 72,
                m.COL_CHANGES: 360,
            },
        )
        self.rows_view.setObjectName("rowsView")
        self.status_combo = QComboBox(objectName="statusFilter")
        self.status_combo.addItem(self.tr("全部行"), None)
        self.status_combo.addItem(self.tr("新增和修改"), frozenset({"new", "changed"}))
        for status, label in (
            ("new", self.tr("新增")),
            ("changed", self.tr("修改")),
            ("unchanged", self.tr("无变化")),
            ("rejected", self.tr("不导入")),
        ):
            self.status_combo.addItem(label, frozenset({status}))
        self.rows_search = QLineEdit(objectName="rowsSearch")
        self.rows_search.setPlaceholderText(self.tr("筛选:名称、编号、内容…"))
        self.rows_search.setClearButtonEnabled(True)
        self.detail_label = QLabel(objectName="detailLabel")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setMinimumWidth(300)
        self.exclude_button = QPushButton(self.tr("排除所选行"), objectName="excludeButton")
        self.exclude_button.setToolTip(self.tr("所选的行不导入(可多选);导入后的批次中记为不导入"))
        self.exclude_hidden_button = QPushButton(self.tr("排除隐藏行"),
                                                 objectName="excludeHiddenButton")
        self.exclude_hidden_button.setToolTip(
            self.tr("文件中被隐藏的行默认照常导入;如隐藏是为了作废,可在此全部排除"))
        self.include_button = QPushButton(self.tr("撤销排除"), objectName="includeButton")
        rows_bar = QHBoxLayout()
        rows_bar.addWidget(self.status_combo)
        rows_bar.addWidget(self.rows_search, 1)
        for button in (self.exclude_button, self.exclude_hidden_button, self.include_button):
            rows_bar.addWidget(button)
        rows_split = QSplitter(Qt.Orientation.Horizontal)
        rows_split.addWidget(self.rows_view)
        rows_split.addWidget(self.detail_label)
        rows_split.setStretchFactor(0, 1)
        rows_split.setSizes([820, 320])
        rows_page = QWidget()
        rows_layout = QVBoxLayout(rows_page)
        rows_layout.addLayout(rows_bar)
        rows_layout.addWidget(rows_split, 1)

        # diagnostics
        self.diag_model = DiagnosticsModel(parent=self)
        self.diag_proxy = FilterProxy(self)
        d = DiagnosticsModel
        self.diag_view = _table(
            self.diag_model,
            self.diag_proxy,
            {
                d.COL_LEVEL: 52,
                d.COL_SHEET: 100,
                d.COL_ROW: 44,
                d.COL_COLUMN: 36,
                d.COL_VALUE: 140,
                d.COL_PROBLEM: 330,
            },
        )
        self.diag_view.setObjectName("diagnosticsView")
        self.level_combo = QComboBox(objectName="levelFilter")
        self.level_combo.addItem(self.tr("全部"), None)
        self.level_combo.addItem(self.tr("错误和警告"), frozenset({"error", "warning"}))
        for level, label in (
            ("error", self.tr("错误")),
            ("warning", self.tr("警告")),
            ("info", self.tr("提示")),
        ):
            self.level_combo.addItem(label, frozenset({level}))
        self.diag_search = QLineEdit(objectName="diagnosticsSearch")
        self.diag_search.setPlaceholderText(self.tr("筛选:问题、内容、建议…"))
        self.diag_search.setClearButtonEnabled(True)
        diag_bar = QHBoxLayout()
        diag_bar.addWidget(self.level_combo)
        diag_bar.addWidget(self.diag_search, 1)
        diag_page = QWidget()
        diag_layout = QVBoxLayout(diag_page)
        diag_layout.addLayout(diag_bar)
        diag_layout.addWidget(self.diag_view, 1)

        # evidence files (a folder's or zip's return)
        self.files_model = EvidenceModel(parent=self)
        self.files_proxy = FilterProxy(self)
        e = EvidenceModel
        self.files_view = _table(
            self.files_model,
            self.files_proxy,
            {e.COL_STATUS: 76, e.COL_FILE: 240, e.COL_SIZE: 70, e.COL_SHEET: 84,
             e.COL_ROW: 44, e.COL_ITEM: 230},
        )
        self.files_view.setObjectName("evidenceView")
        self.files_combo = QComboBox(objectName="evidenceFilter")
        self.files_combo.addItem(self.tr("全部文件"), None)
        self.files_combo.addItem(self.tr("将附加"), frozenset({"attach"}))
        self.files_combo.addItem(self.tr("未附加的"), frozenset({"refused", "unmatched",
                                                                 "skipped"}))
        self.files_hint = QLabel(self.tr(
            "文件按序号或项目编号对应到行:如“3_现场照片.jpg”“XM-2024-001 合同.pdf”,"
            "或放在以项目编号命名的文件夹中。"), objectName="evidenceHint")
        self.files_hint.setWordWrap(True)
        files_bar = QHBoxLayout()
        files_bar.addWidget(self.files_combo)
        files_bar.addWidget(self.files_hint, 1)
        files_page = QWidget()
        files_layout = QVBoxLayout(files_page)
        files_layout.addLayout(files_bar)
        files_layout.addWidget(self.files_view, 1)

        self.tabs = QTabWidget(objectName="previewTabs")
        self.tabs.addTab(rows_page, "")
        self.tabs.addTab(diag_page, "")
        self.tabs.addTab(files_page, "")

        self.mapping_button = QPushButton(self.tr("列对应…"), objectName="mappingButton")
        self.mapping_button.setToolTip(self.tr("指定文件中的每一列对应台账的哪一项"))
        self.target_button = QPushButton(self.tr("批次/单位/期次…"), objectName="targetButton")
        self.target_button.setToolTip(self.tr("文件无法自动判断时,指定填报批次、报送单位或期次"))
        self.annotate_button = QPushButton(self.tr("导出批注副本…"), objectName="annotateButton")
        self.annotate_button.setToolTip(
            self.tr("写一份标出问题单元格并附批注的副本,可退回单位修改")
        )
        self.commit_button = QPushButton(self.tr("确认导入"), objectName="commitButton")
        self.commit_button.setDefault(True)
        self.close_button = QPushButton(self.tr("取消"), objectName="closeButton")
        buttons = QHBoxLayout()
        for b in (self.mapping_button, self.target_button, self.annotate_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.commit_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.info_label)
        layout.addWidget(self.banner_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        self.status_combo.currentIndexChanged.connect(
            lambda _i: self.rows_proxy.set_categories(self.status_combo.currentData())
        )
        self.level_combo.currentIndexChanged.connect(
            lambda _i: self.diag_proxy.set_categories(self.level_combo.currentData())
        )
        self.files_combo.currentIndexChanged.connect(
            lambda _i: self.files_proxy.set_categories(self.files_combo.currentData())
        )
        self.rows_search.textChanged.connect(self.rows_proxy.setFilterFixedString)
        self.diag_search.textChanged.connect(self.diag_proxy.setFilterFixedString)
        self.rows_view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.commit_button.clicked.connect(self.commit_requested)
        self.mapping_button.clicked.connect(self.mapping_requested)
        self.annotate_button.clicked.connect(self.annotate_requested)
        self.target_button.clicked.connect(self.target_requested)
        self.close_button.clicked.connect(self.reject)
        self.exclude_button.clicked.connect(self.exclude_selected)
        self.exclude_hidden_button.clicked.connect(self.exclude_hidden)
        self.include_button.clicked.connect(lambda: self.set_excluded(set()))
        self.rows_view.setSelectionMode(self.rows_view.SelectionMode.ExtendedSelection)
        self.excluded: set[tuple[str, int]] = set()  # (sheet, row) the coordinator left out
        self.preview = preview
        self.set_preview(preview)

    def hidden_rows(self) -> set[tuple[str, int]]:
        return self.full_preview.hidden_rows()

    def exclude_selected(self) -> None:
        picked = {(r.sheet, r.row) for index in self.rows_view.selectionModel().selectedRows()
                  if (r := index.data(ItemRole)) is not None}
        self.set_excluded(self.excluded | picked)

    def exclude_hidden(self) -> None:
        self.set_excluded(self.excluded | self.hidden_rows())

    def set_excluded(self, rows: set[tuple[str, int]]) -> None:
        self.excluded = rows
        self.set_preview(self.full_preview)

    def set_preview(self, preview: ImportPreview) -> None:
        """Show a (re-run) preview, without the rows the coordinator excluded."""
        self.full_preview = preview
        preview = preview.excluding(self.excluded)
        self.preview = preview
        self.exclude_hidden_button.setVisible(bool(self.hidden_rows()))
        self.include_button.setEnabled(bool(self.excluded))
        registry = preview.kind == "registry"
        title = self.tr("导入台账预览 — {0}") if registry else self.tr("导入预览 — {0}")
        self.setWindowTitle(title.format(preview.file_name))
        self.rows_model.hidden = preview.hidden_rows()
        self.rows_model.set_items(preview.rows)
        self.diag_model.set_items(preview.diagnostics)
        self.files_model.set_items(preview.evidence)
        c = preview.counts
        self.tabs.setTabText(0, self.tr("导入内容({0})").format(len(preview.rows)))
        self.tabs.setTabText(1, self.tr("问题和提示({0})").format(len(preview.diagnostics)))
        self.tabs.setTabText(2, self.tr("佐证材料({0}/{1})").format(
            len(preview.attaching), len(preview.evidence)))
        self.tabs.setTabVisible(2, preview.source is not None)
        self.info_label.setText(self._info_html(preview))
        if preview.fatal:
            self.banner_label.setStyleSheet(FATAL)
            self.banner_label.setText(preview.fatal)
        elif preview.already_imported:
            self.banner_label.setStyleSheet(BANNER)
            self.banner_label.setText(
                self.tr(
                    "这个文件已在导入批次 {0} 中导入过;再次导入只会写入与数据库不同的内容。"
                ).format(preview.already_imported)
            )
        elif c["errors"]:
            self.banner_label.setStyleSheet(BANNER)
            self.banner_label.setText(
                self.tr(
                    "有 {0} 处错误,相关的行不会导入。可“导出批注副本”退回单位修改,"
                    "或先导入其余的行。"
                ).format(c["errors"])
            )
        else:
            self.banner_label.setText("")
        self.banner_label.setVisible(bool(self.banner_label.text()))
        self.commit_button.setEnabled(preview.can_commit)
        self.commit_button.setToolTip(
            "" if preview.can_commit else self.tr("没有需要写入的新增或修改")
        )
        self.mapping_button.setVisible(not registry)
        self.target_button.setVisible(not registry)
        self.mapping_button.setEnabled(bool(preview.columns))
        self.annotate_button.setEnabled(any(d.row for d in preview.diagnostics))
        if c["new"] + c["changed"]:
            self.status_combo.setCurrentIndex(0)
        self.tabs.setCurrentIndex(1 if not preview.rows and preview.diagnostics else 0)
        self.detail_label.setText(self.tr("选中一行,查看逐项变化。"))

    def _info_html(self, p: ImportPreview) -> str:
        c = p.counts
        esc = html.escape
        parts = [self.tr("<b>文件</b> {0}").format(esc(p.file_name))]
        if p.kind == "registry":
            parts.append(self.tr("<b>内容</b> 台账(单位、项目、指标)"))
        else:
            parts.append(self.tr("<b>报送单位</b> {0}").format(esc(p.unit_name or "—")))
            parts.append(self.tr("<b>期次</b> {0}").format(esc(p.period_label or "—")))
            if p.is_template:
                parts.append(self.tr("jjjdesk 填报模板"))
            if p.source is not None:
                parts.append(self.tr("<b>佐证材料</b> 共 {0} 个,将附加 {1} 个").format(
                    len(p.evidence), len(p.attaching)))
        counts = self.tr(
            "<span style='background:#c8e6c9'>&nbsp;新增 {0}&nbsp;</span>&nbsp; "
            "<span style='background:#bbdefb'>&nbsp;修改 {1}&nbsp;</span>&nbsp; "
            "<span style='background:#eceff1'>&nbsp;无变化 {2}&nbsp;</span>&nbsp; "
            "<span style='background:#ffcdd2'>&nbsp;不导入 {3}&nbsp;</span>&nbsp;&nbsp; "
            "错误 {4} 处,警告 {5} 处"
        ).format(c["new"], c["changed"], c["unchanged"], c["rejected"], c["errors"], c["warnings"])
        return "&nbsp;&nbsp;·&nbsp;&nbsp;".join(parts) + "<br>" + counts

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row: PreviewRow | None = current.data(ItemRole) if current.isValid() else None
        if row is None:
            return
        esc = html.escape
        out = [
            f"<b>{esc(self.tr(row.status_label))}</b> {esc(row.code)} {esc(row.name)}",
            self.tr("工作表“{0}”第 {1} 行").format(esc(row.sheet), row.row),
        ]
        if row.changes:
            cells = "".join(
                f"<tr><td>{esc(c.label)}</td><td style='color:#777'>{esc(c.old) or '—'}</td>"
                f"<td>→</td><td><b>{esc(c.new) or '—'}</b></td></tr>"
                for c in row.changes
            )
            out.append(f"<table cellspacing='0' cellpadding='3'>{cells}</table>")
        for message in row.messages:
            out.append(f"<span style='color:#c62828'>{esc(message)}</span>")
        files = [f for f in self.preview.evidence if (f.sheet, f.row) == (row.sheet, row.row)]
        if files:
            out.append(self.tr("<b>佐证材料</b>"))
            out.extend(f"{esc(QCoreApplication.translate('EvidenceModel', f.status_label))} "
                       f"{esc(f.name)}"
                       f" <span style='color:#777'>{esc(f.size_text)}</span>" for f in files)
        self.detail_label.setText("<br>".join(out))
