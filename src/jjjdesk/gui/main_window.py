"""The main window: navigation on the left, one page per kind of record, menus, status bar."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPaintEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.gui import dialogs, i18n, settings
from jjjdesk.gui.pages import catalog
from jjjdesk.gui.ui_loader import child, load_form

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext
    from jjjdesk.gui.pages.base_page import Page

log = logging.getLogger(__name__)

# Positions from the catalog, so reordering or renaming a page cannot leave them stale.
PAGE_TASKS, PAGE_PROJECTS, PAGE_UNITS, PAGE_INDICATORS = (
    catalog.PAGES.index(catalog.entry(key)) for key in ("tasks", "projects", "units", "indicators")
)
# A first start opens on 本期工作台 (issue 15); later starts on the page last used, so the
# glance of the registry pages still shows records before the database is open.
DEFAULT_PAGE = catalog.PAGES.index(catalog.entry("home"))


class MainWindow(QMainWindow):
    painted = Signal()  # once, after the first paint
    open_requested = Signal(str, bool)  # an existing database (URL or path), load demo when empty
    sign_in_requested = Signal(object)  # a server (ServerParams) to sign in to as one's own login
    create_requested = Signal(str)  # a new database file (新建空数据库)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.context: AppContext | None = None
        self._painted = False
        self.setWindowTitle(self.tr("京津冀协同发展 重点任务与项目台账"))
        self.form = load_form("main_window.ui", self)
        self.read_only_banner = QLabel(objectName="readOnlyBanner", wordWrap=True)
        self.read_only_banner.setStyleSheet(
            "QLabel { background: #fff4ce; color: #5c3c00; padding: 6px 12px;"
            " border-bottom: 1px solid #e0c060; }")
        self.read_only_banner.hide()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.form, 1)
        self.setCentralWidget(central)
        self.nav_list = child(self.form, QListWidget, "navList")
        self.page_stack = child(self.form, QStackedWidget, "pageStack")
        self.main_splitter = child(self.form, QSplitter, "mainSplitter")
        self.undo_stack = QUndoStack(self)

        # Pages are built when first shown (`page`); until then the stack holds placeholders.
        self._built: list[Page | None] = [None] * len(catalog.PAGES)
        self._setup_finished = False
        self.nav_list.clear()
        for entry in catalog.PAGES:
            self.nav_list.addItem(entry.label())
            self.page_stack.addWidget(QWidget())
        self.nav_list.currentRowChanged.connect(self._on_nav_row)
        self.nav_list.setStyleSheet(
            "QListWidget { background: #f3f5f8; font-size: 11pt; padding-top: 8px; }"
            "QListWidget::item { padding: 8px 12px; }"
            "QListWidget::item:selected { background: #1f5fa8; color: white; }"
        )
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([self._nav_width(), 1440 - self._nav_width()])

        self._build_menus()
        self.location_label = QLabel(objectName="locationLabel")
        self.counts_label = QLabel(objectName="countsLabel")
        self.encryption_label = QLabel(objectName="encryptionLabel")  # server mode only
        self.encryption_label.hide()
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.encryption_label)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.location_label.setText(self.tr("正在打开数据库…"))
        self._counts_timer = QTimer(self, singleShot=True, interval=0)
        self._counts_timer.timeout.connect(self._refresh_counts)
        self.undo_stack.indexChanged.connect(self._on_undo_index)
        self._restore_state()
        self._set_enabled(False)

    def _nav_width(self) -> int:
        """Wide enough for the longest page name at the list's 11 pt (English names are
        twice as wide as Chinese ones), plus the items' 12 px padding each side."""
        font = QFont(self.nav_list.font())
        font.setPointSizeF(11)
        metrics = QFontMetrics(font)
        longest = max(metrics.horizontalAdvance(e.label()) for e in catalog.PAGES)
        return max(112, longest + 2 * 12 + 16)

    # ---- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.open_action = file_menu.addAction(self.tr("打开数据库(&O)…"))
        self.open_action.triggered.connect(self._choose_database)
        self.new_db_action = file_menu.addAction(self.tr("新建空数据库(&N)…"))
        self.new_db_action.triggered.connect(self._create_database)
        self.connect_action = file_menu.addAction(self.tr("连接服务器(&S)…"))
        self.connect_action.triggered.connect(self._connect_server)
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction(self.tr("退出(&X)"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        edit_menu = self.menuBar().addMenu(self.tr("编辑(&E)"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("重做"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.new_action = edit_menu.addAction(self.tr("新增(&A)"))
        self.new_action.triggered.connect(lambda: self.current_page().new_record())
        self.delete_action = edit_menu.addAction(self.tr("删除(&D)"))
        self.delete_action.triggered.connect(lambda: self.current_page().delete_selected())

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        self.about_action = help_menu.addAction(self.tr("关于(&A)"))
        self.about_action.triggered.connect(self._about)
        i18n.add_language_menu(self, help_menu)

    def _finish_setup(self) -> None:
        """What the first paint does without, done after it (or when a database is attached
        before it). Each costs more than it looks: Qt's first shortcut ~30 ms; the 导入 / 导出
        menus import the progress dialog, whose Qt enums take ~40 ms (bench_startup)."""
        if self._setup_finished:
            return
        self._setup_finished = True
        from jjjdesk.gui.transfer_menus import install_transfer_menus

        install_transfer_menus(self)  # 导入 / 导出 menus and file drops
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.delete_action.setShortcut(QKeySequence("Ctrl+Delete"))

    def _set_enabled(self, enabled: bool) -> None:
        for action in (self.new_action, self.delete_action):
            action.setEnabled(enabled)
        for page in self.built_pages():
            page.setEnabled(enabled)

    # ---- pages ---------------------------------------------------------------------------
    def page(self, index: int) -> Page:
        """The page at `index` of the navigation, built (and given the database) on first use."""
        page = self._built[index]
        if page is not None:
            return page
        page = catalog.PAGES[index].build()
        self._built[index] = page
        placeholder = self.page_stack.widget(index)
        current = self.page_stack.currentIndex()
        self.page_stack.insertWidget(index, page)
        self.page_stack.removeWidget(placeholder)
        self.page_stack.setCurrentIndex(current)  # removing the current widget moved it
        placeholder.deleteLater()
        page.count_changed.connect(self._request_counts)
        page.restore_state()
        page.set_context(self._context_for(index))
        page.setEnabled(self._context_for(index) is not None)
        return page

    def _context_for(self, index: int) -> AppContext | None:
        """The database for page `index`, or None when its role may not open it (built anyway
        by the self-test or a drill-down): such a page never reads, so it shows nothing."""
        from jjjdesk.services.permissions import may_open_page

        if self.context is None or not may_open_page(self.context.actor,
                                                     catalog.PAGES[index].key):
            return None
        return self.context

    def built_pages(self) -> list[Page]:
        return [page for page in self._built if page is not None]

    @property
    def pages(self) -> list[Page]:
        """Every page, building those not shown yet (self-test, drill-down by type)."""
        return [self.page(index) for index in range(len(catalog.PAGES))]

    @property
    def tasks_page(self) -> Page:
        return self.page(PAGE_TASKS)

    @property
    def projects_page(self) -> Page:
        return self.page(PAGE_PROJECTS)

    @property
    def units_page(self) -> Page:
        return self.page(PAGE_UNITS)

    @property
    def indicators_page(self) -> Page:
        return self.page(PAGE_INDICATORS)

    def current_page(self) -> Page:
        return self.page(self.page_stack.currentIndex())

    def show_page(self, index: int) -> None:
        self.nav_list.setCurrentRow(index)

    def _on_nav_row(self, index: int) -> None:
        if index < 0:
            return
        # Only with a database: nothing is built before the first paint, and while the
        # database opens building a page would import services as the worker imports
        # SQLAlchemy, which fails on its circular imports. `attach` builds the chosen page.
        if self.context is not None:
            self.page(index)
        self.page_stack.setCurrentIndex(index)

    def attach(self, context: AppContext | None) -> None:
        """Show a newly opened database (None: no database)."""
        if self.context is not None:
            self.context.changed.disconnect(self._on_data_changed)
            self.context.close()
        self.undo_stack.clear()
        self.context = context
        if context is not None:
            context.undo_stack = self.undo_stack
            context.changed.connect(self._on_data_changed)
        for index, page in enumerate(self._built):
            if page is not None:
                page.set_context(self._context_for(index))
        self._show_pages_for(context.actor if context else None)
        if context is not None:
            self._finish_setup()
            self._show_transfer_menus_for(context.actor)
            self.current_page()  # chosen while the database was opening
        read_only = context is not None and context.db.read_only
        self.read_only_banner.setVisible(read_only)
        if read_only:
            self.read_only_banner.setText(self.tr(
                "此数据库位于只读位置(只读U盘、光盘或没有写权限的文件夹),只能查看和导出,不能修改。"
                "要修改,请把文件复制到可写的文件夹后再打开。"))
        self._set_enabled(context is not None and not read_only)
        self.location_label.setText(
            self.tr("数据库:{0}").format(context.location) if context else self.tr("未打开数据库")
        )
        self.location_label.setToolTip(context.location if context else "")
        self._show_encryption(context.db.encryption if context else None)
        self._refresh_counts()

    def _show_encryption(self, encryption: str | None) -> None:
        """Whether the server connection is encrypted; nothing for a file on this PC."""
        self.encryption_label.setVisible(encryption is not None)
        if encryption:
            self.encryption_label.setText(self.tr("已加密({0})").format(encryption))
            self.encryption_label.setStyleSheet("color: #1b5e20;")
        else:
            self.encryption_label.setText(self.tr("连接未加密"))
            self.encryption_label.setStyleSheet("color: #b45309;")
        self.encryption_label.setToolTip("" if encryption else self.tr(
            "与服务器之间的数据以明文传输。请管理员在服务器上启用 TLS,并在“文件 → 连接服务器…”"
            "中选择“验证证书”。"))

    def _show_pages_for(self, actor) -> None:
        """Hide the navigation entries of pages this user may not use (the user page; all but
        their own for the 等保 roles, who may not read the registry)."""
        for row, entry in enumerate(catalog.PAGES):
            self.nav_list.item(row).setHidden(not entry.visible_for(actor))
        current = self.nav_list.item(self.nav_list.currentRow())
        if current is None or current.isHidden():
            shown = [row for row in range(self.nav_list.count())
                     if not self.nav_list.item(row).isHidden()]
            self.show_page(DEFAULT_PAGE if DEFAULT_PAGE in shown or not shown else shown[0])

    def _show_transfer_menus_for(self, actor) -> None:
        """导入 / 导出 move registry and entries: not offered to the 等保 roles, who may not
        read them (the services and the server refuse them too)."""
        from PySide6.QtWidgets import QMenu

        from jjjdesk.services.permissions import Act, may

        for name in ("importMenu", "exportMenu"):
            menu = self.findChild(QMenu, name)
            if menu is not None:
                menu.menuAction().setVisible(may(actor, Act.OFFICE_READ))

    def _on_data_changed(self, entity: str) -> None:
        for page in self.built_pages():
            page.on_data_changed(entity)
        self._refresh_counts()

    def _request_counts(self) -> None:
        # Pages report count changes one by one; four counts once per event-loop turn do.
        self._counts_timer.start()

    def _refresh_counts(self) -> None:
        self._counts_timer.stop()
        from jjjdesk.services.permissions import Act, may

        if self.context is None or not may(self.context.actor, Act.OFFICE_READ):
            self.counts_label.setText("")  # the registry is not the 等保 roles' to read
            return
        from jjjdesk.services import indicators, projects, tasks, units
        from jjjdesk.services.query import ListQuery

        def read(session):
            return (
                projects.count_projects(session=session, query=ListQuery()),
                tasks.count_tasks(session=session),
                units.count_units(session=session, query=ListQuery()),
                indicators.count_indicators(session=session, query=ListQuery()),
            )

        p, t, u, i = self.context.read(read)
        self.counts_label.setText(
            self.tr("共 {0} 个项目 · {1} 项任务 · {2} 个单位 · {3} 个指标").format(p, t, u, i)
        )

    def _on_undo_index(self, _index: int) -> None:
        self.statusBar().showMessage(
            self.tr("可撤销:{0}").format(self.undo_stack.undoText())
            if self.undo_stack.canUndo()
            else "",
            4000,
        )

    # ---- database ------------------------------------------------------------------------
    def _choose_database(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("打开数据库"),
            "",
            self.tr("台账数据库 (*.sqlite3 *.sqlite *.db);;所有文件 (*)"),
        )
        if path:
            self.open_requested.emit(path, False)

    def _create_database(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("新建空数据库"), "jjjdesk.sqlite3", self.tr("台账数据库 (*.sqlite3)")
        )
        if path:
            self.create_requested.emit(path)

    def _connect_server(self) -> None:
        from jjjdesk.gui.connect_dialog import ask_server

        chosen = ask_server(self)
        if isinstance(chosen, str):
            self.open_requested.emit(chosen, False)
        elif chosen is not None:  # 本人账号: the sign-in dialog connects
            self.sign_in_requested.emit(chosen)

    def show_open_error(self, text: str) -> None:
        self.location_label.setText(self.tr("未打开数据库"))
        dialogs.show_user_error(self, text, self.tr("无法打开数据库"))

    # ---- window --------------------------------------------------------------------------
    def activate(self) -> None:
        """Another start asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _about(self) -> None:
        from jjjdesk import __version__

        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("关于"),
            self.tr(
                "<b>京津冀协同发展 重点任务与项目台账</b><br>版本 {0}<br><br>"
                "重点任务、重点项目、责任单位与目标指标的登记、填报与调度。"
            ).format(__version__),
            QMessageBox.StandardButton.Ok,
            self,
        )
        dialogs.run_box(box)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # After the whole paint pass (children paint after this widget), not inside it.
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        self.painted.emit()
        self._finish_setup()
        self.current_page()  # the chosen page, unless the start-up built it already

    def _restore_state(self) -> None:
        s = settings.qsettings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 860)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.main_splitter.restoreState(splitter)
            sizes = self.main_splitter.sizes()
            if sizes and sizes[0] < self._nav_width():  # saved in a shorter language
                total = sum(sizes)
                self.main_splitter.setSizes([self._nav_width(), total - self._nav_width()])
        page = s.value("window/page", DEFAULT_PAGE)
        try:
            page = int(page)
        except (TypeError, ValueError):
            page = DEFAULT_PAGE
        self.show_page(page if 0 <= page < len(catalog.PAGES) else DEFAULT_PAGE)

    def save_state(self) -> None:
        s = settings.qsettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/splitter", self.main_splitter.saveState())
        s.setValue("window/page", self.page_stack.currentIndex())
        s.sync()
        for page in self.built_pages():
            page.save_state()

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.built_pages() if self.context is not None else []:
            settle = getattr(page, "settle_unsaved", None)
            if settle is not None and not settle():
                self.show_page(self._built.index(page))
                event.ignore()
                return
        self.save_state()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Close the database (the app is quitting)."""
        if self.context is not None:
            self.context.close()
            self.context = None
