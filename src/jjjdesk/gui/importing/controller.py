"""导入 menu and file drops: preview in the worker → preview dialog → commit in the worker.

Several files (dropped together or chosen together) are previewed one after the other; each
gets its own preview dialog, opened without blocking the window.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from jjjdesk.errors import Cancelled, ConflictError
from jjjdesk.gui import dialogs
from jjjdesk.gui.progress_dialog import report_error, run_with_progress

if TYPE_CHECKING:
    from jjjdesk.domain.period import Period
    from jjjdesk.gui.importing.preview_dialog import PreviewDialog
    from jjjdesk.gui.main_window import MainWindow
    from jjjdesk.importing import ImportPreview

log = logging.getLogger(__name__)

SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".csv"})
#: A return with its evidence: a .zip or a folder (`importing.is_bundle`).
BUNDLE_SUFFIXES = frozenset({".zip"})
RETURN, REGISTRY = "return", "registry"


def run_dialog(dialog: QDialog) -> int:
    """Modal small dialogs (mapping, target); tests replace this to answer them."""
    return dialog.exec()


def ask_open_files(parent: QWidget, title: str) -> list[Path]:
    filters = QCoreApplication.translate(
        "ImportController",
        "Excel、CSV 或 zip 文件 (*.xlsx *.xlsm *.xls *.csv *.zip);;所有文件 (*)",
    )
    paths, _filter = QFileDialog.getOpenFileNames(parent, title, "", filters)
    return [Path(p) for p in paths]


def ask_annotated_path(parent: QWidget, proposal: Path) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ImportController", "保存批注副本"),
        str(proposal),
        QCoreApplication.translate("ImportController", "Excel 工作簿 (*.xlsx)"),
    )
    return Path(path) if path else None


def ask_folder(parent: QWidget, title: str) -> list[Path]:
    path = QFileDialog.getExistingDirectory(parent, title, "")
    return [Path(path)] if path else []


def importable(paths: Iterable[Path], kind: str = "return") -> list[Path]:
    """Spreadsheets; for returns also folders and zips (the return with its evidence)."""
    return [p for p in paths if p.suffix.lower() in SUFFIXES or (
        kind == "return" and (p.suffix.lower() in BUNDLE_SUFFIXES or p.is_dir()))]


@dataclass
class Pending:
    """One file on its way through preview and commit, with what the user told us."""

    path: Path
    kind: str = RETURN
    round_id: int | None = None
    unit_id: int | None = None
    period: Period | None = None
    mapping: dict[str, dict[int, str | None]] = field(default_factory=dict)
    asked_target: bool = False


class ImportController(QObject):
    """Owns the 导入 menu's actions, the window's file drops and the open preview."""

    previewed = Signal(object)  # ImportPreview shown (tests wait for it)
    committed = Signal(object)  # ImportResult
    idle = Signal()  # nothing queued, nothing running

    def __init__(self, window: MainWindow, menu: QMenu):
        super().__init__(window)
        self.window = window
        self.return_action = menu.addAction(self.tr("导入填报(&I)…"))
        self.return_action.setObjectName("importReturnsAction")
        self.return_action.setToolTip(
            self.tr("导入单位报送的 Excel/CSV 填报表(也可把文件拖到窗口上)")
        )
        self.return_action.triggered.connect(self.choose_returns)
        self.folder_action = menu.addAction(self.tr("导入填报文件夹(&F)…"))
        self.folder_action.setObjectName("importFolderAction")
        self.folder_action.setToolTip(
            self.tr("导入一个文件夹中的填报表及佐证材料(按序号或项目编号命名的文件附加到对应的行);"
                    "zip 压缩包可用“导入填报”选择")
        )
        self.folder_action.triggered.connect(self.choose_folder)
        self.registry_action = menu.addAction(self.tr("导入台账(&R)…"))
        self.registry_action.setObjectName("importRegistryAction")
        self.registry_action.triggered.connect(self.choose_registry)
        menu.addSeparator()
        self.batches_action = menu.addAction(self.tr("导入记录(&H)…"))
        self.batches_action.setObjectName("importBatchesAction")
        self.batches_action.triggered.connect(self.show_batches)
        self.checks_action = menu.addAction(self.tr("核对设置(&S)…"))
        self.checks_action.setObjectName("importChecksAction")
        self.checks_action.setToolTip(
            self.tr("投资数字相差多少以内视为一致(填报、整表填报和导入共用)"))
        self.checks_action.triggered.connect(self.edit_checks)
        self.queue: list[Pending] = []
        self.current: Pending | None = None
        self.preview_dialog: PreviewDialog | None = None
        self.batches_dialog = None
        self.job = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    # ---- entry points ----------------------------------------------------------------------
    def edit_checks(self) -> None:
        from jjjdesk.gui.rounds.common import run_dialog
        from jjjdesk.gui.rounds.thresholds_dialog import ThresholdsDialog

        if self.window.context is not None:
            run_dialog(ThresholdsDialog(self.window.context, self.window,
                                        keys=("entry.tolerance_wan",), title=self.tr("核对设置")))

    def choose_returns(self) -> None:
        if self._ready():
            self.import_files(ask_open_files(self.window, self.tr("选择要导入的填报文件")))

    def choose_folder(self) -> None:
        if self._ready():
            self.import_files(ask_folder(self.window, self.tr("选择填报文件夹(报表及佐证材料)")))

    def choose_registry(self) -> None:
        if self._ready():
            paths = ask_open_files(self.window, self.tr("选择要导入的台账文件"))
            self.import_files(paths[:1], kind=REGISTRY)

    def import_files(self, paths: Iterable[Path | str], kind: str = RETURN) -> None:
        paths = [Path(p) for p in paths]
        if not paths or not self._ready():
            return
        taken = importable(paths, kind)
        skipped = [p.name for p in paths if p not in taken]
        if skipped:
            text = (self.tr("只能导入 .xlsx、.xlsm、.xls 或 .csv 文件,已跳过:{0}")
                    if kind == REGISTRY else
                    self.tr("只能导入 .xlsx、.xlsm、.xls、.csv 文件,或含报表及佐证材料的"
                            "文件夹、.zip 压缩包,已跳过:{0}"))
            dialogs.show_user_error(self.window, text.format("、".join(skipped)))
        self.queue += [Pending(p, kind) for p in taken]
        if self.current is None:
            self._next()

    def _ready(self) -> bool:
        if self.window.context is None:
            dialogs.show_user_error(self.window, self.tr("请先打开数据库。"))
            return False
        return True

    # ---- drops -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        dragging = event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove)
        if watched is self.window and dragging and self._dropped_paths(event):
            event.acceptProposedAction()
            return True
        if watched is self.window and event.type() == QEvent.Type.Drop:
            paths = self._dropped_paths(event)
            if paths:
                event.acceptProposedAction()
                # After the drop returns: the source application is not kept waiting.
                QTimer.singleShot(0, lambda: self.import_files(paths))
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _dropped_paths(event: Any) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return importable(Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile())

    # ---- preview ---------------------------------------------------------------------------
    def _next(self) -> None:
        self.current = None
        if not self.queue:
            self.idle.emit()
            return
        self.current = self.queue.pop(0)
        self._run_preview(self.current)

    def _run_preview(self, p: Pending) -> None:
        db, actor = self.window.context.db, self.window.context.actor
        args = replace(p)  # what the worker sees does not change under it

        def work(progress, cancel):
            from jjjdesk import importing

            with db.session() as session:
                if args.kind == REGISTRY:
                    return importing.preview_registry_import(
                        session=session,
                        actor=actor,
                        path=args.path,
                        progress=progress,
                        cancel=cancel,
                    )
                return importing.preview_import(
                    session=session,
                    actor=actor,
                    path=args.path,
                    round_id=args.round_id,
                    unit_id=args.unit_id,
                    period=args.period,
                    mapping=args.mapping or None,
                    progress=progress,
                    cancel=cancel,
                )

        parent = self.preview_dialog or self.window
        self.job, _ = run_with_progress(
            parent,
            self.tr("读取文件"),
            self.tr("正在读取并核对“{0}”…").format(p.path.name),
            work,
            lambda preview: self._show(p, preview),
            on_error=self._preview_failed,
        )

    def _preview_failed(self, exc: BaseException) -> None:
        if self.preview_dialog is not None:  # a re-run: the old preview stays on screen
            report_error(self.preview_dialog, exc)
            return
        if isinstance(exc, Cancelled):
            self.queue.clear()  # 取消 stops the whole drop, not just this file
        else:
            report_error(self.window, exc, self.tr("无法导入“{0}”").format(self.current.path.name))
        self._next()

    def _show(self, p: Pending, preview: ImportPreview) -> None:
        from jjjdesk.gui.importing.preview_dialog import PreviewDialog

        if self.preview_dialog is None:
            self.preview_dialog = PreviewDialog(preview, self.window)
            d = self.preview_dialog
            d.commit_requested.connect(self.commit)
            d.mapping_requested.connect(self.choose_mapping)
            d.target_requested.connect(self.choose_target)
            d.annotate_requested.connect(self.write_annotated)
            d.finished.connect(self._preview_closed)
            d.open()
        else:
            self.preview_dialog.set_preview(preview)
        self.previewed.emit(preview)
        if (
            preview.kind == RETURN
            and preview.fatal
            and not p.asked_target
            and (not preview.period_key or not preview.unit_id)
        ):
            p.asked_target = True
            QTimer.singleShot(0, self.choose_target)

    def _preview_closed(self, _result: int) -> None:
        dialog, self.preview_dialog = self.preview_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        QTimer.singleShot(0, self._next)

    # ---- the preview dialog's buttons ------------------------------------------------------
    def choose_target(self) -> None:
        from jjjdesk.gui.importing.target_dialog import ImportTarget, TargetDialog

        p, d = self.current, self.preview_dialog
        if p is None or d is None:
            return
        reason = d.preview.fatal
        dialog = TargetDialog(
            self.window.context,
            p.path.name,
            reason,
            ImportTarget(p.round_id, p.unit_id, p.period),
            d,
        )
        try:
            if run_dialog(dialog) != QDialog.DialogCode.Accepted:
                return
            t = dialog.target()
        finally:
            dialog.deleteLater()
        p.round_id, p.unit_id, p.period = t.round_id, t.unit_id, t.period
        self._run_preview(p)

    def choose_mapping(self) -> None:
        from jjjdesk import importing
        from jjjdesk.gui.importing.mapping_dialog import MappingDialog

        p, d = self.current, self.preview_dialog
        if p is None or d is None or not d.preview.columns:
            return
        preview = d.preview
        dialog = MappingDialog(preview.columns, preview.unit_name, d)
        try:
            if run_dialog(dialog) != QDialog.DialogCode.Accepted:
                return
            p.mapping = dialog.mapping()
            remember = dialog.remember_check.isChecked()
            changed = dialog.changed_headers()
        finally:
            dialog.deleteLater()
        if remember and changed:
            try:
                self.window.context.write(
                    importing.save_column_mapping,
                    entity="import_mapping",
                    unit_id=preview.unit_id,
                    columns=changed,
                )
            except Exception as exc:  # noqa: BLE001 - shown; the re-preview still runs
                report_error(d, exc)
        self._run_preview(p)

    def write_annotated(self) -> None:
        from jjjdesk.importing import annotated_name

        d = self.preview_dialog
        if d is None:
            return
        preview = d.preview
        # A folder's or zip's return (in a zip: our copy): proposed beside the folder or zip.
        beside = preview.source or preview.path
        target = ask_annotated_path(d, beside.with_name(annotated_name(preview.path)))
        if target is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        diagnostics = list(preview.diagnostics)

        def work(_progress, _cancel):
            from jjjdesk.importing import write_annotated_copy

            return write_annotated_copy(preview.path, diagnostics, target)

        def done(path: Path) -> None:
            from jjjdesk.gui.exporting import common

            common.show_done(
                d,
                self.tr("批注副本已保存"),
                self.tr("已写出“{0}”:有问题的单元格已标色并附批注,可退回单位修改。").format(
                    path.name
                ),
                path.parent,
            )

        run_with_progress(
            d, self.tr("导出批注副本"), self.tr("正在写批注副本…"), work, done, cancellable=False
        )

    def commit(self) -> None:
        d = self.preview_dialog
        if d is None or not d.preview.can_commit:
            return
        preview = d.preview
        context = self.window.context
        db, actor = context.db, context.actor
        d.commit_button.setEnabled(False)

        def work(progress, cancel):
            from jjjdesk import importing
            from jjjdesk.paths import AppPaths

            with db.session() as session:
                return importing.commit_import(
                    session=session,
                    actor=actor,
                    preview=preview,
                    database_url=db.url,
                    paths=AppPaths.default(),
                    progress=progress,
                    cancel=cancel,
                )

        def done(result) -> None:
            context.changed.emit("import")
            if preview.kind == REGISTRY:
                for entity in ("unit", "task", "project", "indicator"):
                    context.changed.emit(entity)
            self.committed.emit(result)
            text = result.message
            if result.backup_path:
                text += "\n\n" + self.tr("导入前已备份数据库:{0}").format(result.backup_path)
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("导入完成"),
                text,
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            if self.preview_dialog is not None:
                self.preview_dialog.accept()
            dialogs.run_box(box)

        def failed(exc: BaseException) -> None:
            if self.preview_dialog is not None:
                self.preview_dialog.commit_button.setEnabled(preview.can_commit)
            report_error(self.preview_dialog or self.window, exc, self.tr("导入未完成"))
            if isinstance(exc, ConflictError) and self.current is not None:
                self._run_preview(self.current)  # show what the database holds now

        self.job, _ = run_with_progress(
            d,
            self.tr("导入"),
            self.tr("正在导入“{0}”…").format(preview.file_name),
            work,
            done,
            on_error=failed,
        )

    # ---- 导入记录 --------------------------------------------------------------------------
    def show_batches(self) -> None:
        if not self._ready():
            return
        from jjjdesk.gui.importing.batches_dialog import BatchesDialog

        if self.batches_dialog is not None:
            self.batches_dialog.refresh()
            self.batches_dialog.raise_()
            return
        self.batches_dialog = BatchesDialog(self.window.context, self.window)
        self.batches_dialog.finished.connect(self._batches_closed)
        self.batches_dialog.open()

    def _batches_closed(self, _result: int) -> None:
        dialog, self.batches_dialog = self.batches_dialog, None
        if dialog is not None:
            dialog.deleteLater()
