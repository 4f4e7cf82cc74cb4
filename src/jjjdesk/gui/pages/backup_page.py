"""备份与恢复: the backups of the embedded database, 立即备份, 从备份恢复… (admins).

Backups are taken automatically (daily at start, before every import and migration; see
services/backups.py); this page lists them and runs the two manual actions in the shared
worker. A restore closes the database, copies the backup over it (the current state is
backed up first) and reopens it through the main window, so migrations run again.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.domain.actor import Role
from jjjdesk.gui import dialogs
from jjjdesk.gui.page_header import hint_box, title_bar
from jjjdesk.gui.pages.base_page import Page

log = logging.getLogger(__name__)

COL_TIME, COL_REASON, COL_SIZE, COL_SOURCE, COL_VERIFIED, COL_FILE = range(6)


def size_text(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{max(size, 1) / 1024:.0f} KB"


class BackupsModel(QAbstractTableModel):
    """Backups, newest first (plain `BackupInfo` values)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Any] = []

    def reason_label(self, reason: str) -> str:
        labels = {
            "manual": self.tr("手动"),
            "scheduled": self.tr("每日自动"),
            "before-import": self.tr("导入前"),
            "before-restore": self.tr("恢复前"),
        }
        if reason.startswith("before-upgrade"):  # before-upgrade-<old revision>
            return self.tr("升级前")
        return labels.get(reason, reason)

    def headers(self) -> list[str]:
        return [self.tr("备份时间"), self.tr("原因"), self.tr("大小"), self.tr("来源数据库"),
                self.tr("校验"), self.tr("文件")]

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        info = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                info.created.strftime("%Y-%m-%d %H:%M:%S"),
                self.reason_label(info.reason),
                size_text(info.size),
                info.source if info.known_source else self.tr("{0}(旧备份,来源未记录)").format(
                    info.source),
                self.tr("已校验"),  # a copy is listed only once it passed its integrity check
                info.path.name,
            ][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BackupPage(Page):
    PAGE_KEY = "backups"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = BackupsModel(self)
        self.view = QTableView(objectName="backupsTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.hint_label = hint_box()
        self.backup_button = QPushButton(self.tr("立即备份"), objectName="backupButton")
        self.restore_button = QPushButton(self.tr("从备份恢复…"), objectName="restoreButton")
        self.folder_button = QPushButton(self.tr("打开备份文件夹"), objectName="folderButton")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self.open_folder)
        buttons = [self.backup_button, self.restore_button, self.folder_button]
        layout = QVBoxLayout(self)
        layout.addLayout(title_bar(self.tr("备份与恢复"), buttons))
        layout.addWidget(self.hint_label)
        layout.addWidget(self.view)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _index: self.restore_selected())
        self._busy = False
        self._update_buttons()

    # ---- state ---------------------------------------------------------------------------
    @staticmethod
    def paths():
        from jjjdesk.paths import AppPaths

        return AppPaths.default()

    def database_file(self) -> Path | None:
        from jjjdesk.db.engine import sqlite_file

        return sqlite_file(self.context.db.url) if self.context is not None else None

    def set_context(self, context) -> None:
        super().set_context(context)
        self.refresh()

    def on_data_changed(self, entity: str) -> None:
        if entity in ("backup", "import"):
            self.refresh()

    def refresh(self) -> None:
        from jjjdesk.services import backups

        if self.context is None:
            self.model.set_rows([])
            self.hint_label.setText(self.tr("未打开数据库"))
        elif self.database_file() is None:
            self.model.set_rows([])
            self.hint_label.setText(
                self.tr(
                    "当前连接的是服务器数据库(PostgreSQL),备份由服务器管理员使用 pg_dump 完成,"
                    "请参阅《服务器部署说明》。"
                )
            )
        else:
            rows = backups.list_backups(url=self.context.db.url, paths=self.paths())
            self.model.set_rows(rows)
            self.hint_label.setText(
                self.tr(
                    "共 {0} 个备份,保存在 {1}。程序每天首次启动时、每次导入和升级数据库之前自动"
                    "备份,保留最近 {2} 个。恢复前会先备份当前数据,恢复后可以再恢复回来。"
                ).format(len(rows), self.paths().backup_dir, backups.DEFAULT_KEEP)
            )
        self._update_buttons()

    def _selected(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        usable = self.context is not None and self.database_file() is not None and not self._busy
        admin = self.context is not None and self.context.actor.role == Role.ADMIN
        self.backup_button.setEnabled(usable)
        self.folder_button.setEnabled(usable)
        self.restore_button.setEnabled(usable and admin and self._selected() is not None)
        self.restore_button.setToolTip(
            self.tr("选择一个备份后恢复") if admin else self.tr("只有管理员可以从备份恢复数据库")
        )

    # ---- actions -------------------------------------------------------------------------
    def backup_now(self) -> None:
        from jjjdesk.gui.progress_dialog import run_with_progress
        from jjjdesk.services import backups

        if self.context is None:
            return
        url, paths = self.context.db.url, self.paths()
        self._set_busy(True)

        def done(path: Path) -> None:
            self._set_busy(False)
            self.refresh()
            self._status(self.tr("已备份到 {0}").format(path))

        def failed(exc: BaseException) -> None:
            from jjjdesk.gui.progress_dialog import report_error

            self._set_busy(False)
            report_error(self, exc, self.tr("备份失败"))

        run_with_progress(
            self,
            self.tr("备份"),
            self.tr("正在备份数据库…"),
            lambda _progress, _cancel: backups.make_backup(url=url, paths=paths, reason="manual"),
            done,
            on_error=failed,
            cancellable=False,
        )

    def restore_selected(self) -> None:
        from jjjdesk.gui.progress_dialog import run_with_progress
        from jjjdesk.services import backups

        info = self._selected()
        if info is None or self.context is None or not self.restore_button.isEnabled():
            return
        stamp = info.created.strftime("%Y-%m-%d %H:%M:%S")
        if not dialogs.confirm(
            self,
            self.tr("从备份恢复"),
            self.tr(
                "用 {0} 的备份替换当前数据库吗?\n此后的修改将被撤回;当前数据会先另存为一个"
                "“恢复前”备份,需要时可以再恢复回来。恢复期间数据库将关闭。"
            ).format(stamp),
        ):
            return
        url, actor, paths = self.context.db.url, self.context.actor, self.paths()
        window = self.window()
        if hasattr(window, "attach"):
            window.attach(None)  # closes the database: no session stays open across the copy
        else:
            self.context.close()
            self.set_context(None)
        self._set_busy(True)

        def done(_safety: Path | None) -> None:
            self._set_busy(False)
            log.warning("restored %s from %s", url, info.path)
            self._reopen(window, url)
            self._status(self.tr("已从 {0} 的备份恢复。").format(stamp))

        def failed(exc: BaseException) -> None:
            from jjjdesk.gui.progress_dialog import report_error

            self._set_busy(False)
            self._reopen(window, url)  # the old database is still there: show it again
            report_error(self, exc, self.tr("恢复失败"))

        run_with_progress(
            self,
            self.tr("从备份恢复"),
            self.tr("正在恢复数据库…"),
            lambda _progress, _cancel: backups.restore_backup(
                url=url, paths=paths, actor=actor, source=info.path
            ),
            done,
            on_error=failed,
            cancellable=False,
        )

    def open_folder(self) -> None:
        folder = self.paths().backup_dir
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ---- helpers -------------------------------------------------------------------------
    def _reopen(self, window, url: str) -> None:
        # The main window's open path (Startup) migrates and signs in again, as at start.
        if hasattr(window, "open_requested"):
            window.open_requested.emit(url, False)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _status(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)
