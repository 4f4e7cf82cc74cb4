"""导出 menu: 导出台账…, 生成填报模板…, 导出会议材料…, 导出当前列表… — each in the worker."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from jjjdesk.gui import dialogs
from jjjdesk.gui.exporting import common
from jjjdesk.gui.exporting.common import LEDGER, PACK, TEMPLATES
from jjjdesk.gui.progress_dialog import run_with_progress

if TYPE_CHECKING:
    from jjjdesk.gui.exporting.export_dialog import ExportDialog
    from jjjdesk.gui.main_window import MainWindow

log = logging.getLogger(__name__)


def run_dialog(dialog: QDialog) -> int:
    """Modal options dialog (tests replace this to answer it)."""
    return dialog.exec()


def chart_renderer(context, period_key: str):
    """The dashboard's charts as PNGs for the meeting pack, as of the pack's period (None
    when this build has no dashboard)."""
    try:
        from jjjdesk.gui.dashboard.render import chart_renderer as dashboard_renderer
        from jjjdesk.services.dashboard import DashboardFilter
    except ImportError:
        log.info("no dashboard charts for the meeting pack")
        return None
    return dashboard_renderer(context, DashboardFilter(period_key=period_key))


def run_preview(dialog: QDialog) -> int:
    """The print preview, modal (tests replace this to look at it and close it)."""
    return dialog.exec()


class ExportActions(QObject):
    """Owns the export actions of the main window's 导出 menu."""

    def __init__(self, window: MainWindow, menu: QMenu):
        super().__init__(window)
        self.window = window
        self.ledger_action = menu.addAction(self.tr("导出台账(&L)…"))
        self.ledger_action.setObjectName("exportLedgerAction")
        self.ledger_action.triggered.connect(self.export_ledger)
        self.templates_action = menu.addAction(self.tr("生成填报模板(&T)…"))
        self.templates_action.setObjectName("exportTemplatesAction")
        self.templates_action.triggered.connect(self.export_templates)
        self.pack_action = menu.addAction(self.tr("导出会议材料(&M)…"))
        self.pack_action.setObjectName("exportPackAction")
        self.pack_action.triggered.connect(self.export_pack)
        menu.addSeparator()
        self.preview_brief_action = menu.addAction(self.tr("打印预览简报(&B)…"))
        self.preview_brief_action.setObjectName("previewBriefAction")
        self.preview_brief_action.triggered.connect(self.preview_brief)
        self.preview_ledger_action = menu.addAction(self.tr("打印预览台账(&P)…"))
        self.preview_ledger_action.setObjectName("previewLedgerAction")
        self.preview_ledger_action.triggered.connect(self.preview_ledger)
        menu.addSeparator()
        self.list_action = menu.addAction(self.tr("导出当前列表(&C)…"))
        self.list_action.setObjectName("exportListAction")
        self.list_action.triggered.connect(self.export_current_list)
        self.print_list_action = menu.addAction(self.tr("打印预览当前列表(&L)…"))
        self.print_list_action.setObjectName("printListAction")
        self.print_list_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_list_action.triggered.connect(self.preview_current_list)
        self.job = None
        self.preview: QDialog | None = None  # the last print preview shown

    @property
    def parent_widget(self) -> QWidget:
        return self.window

    def _ready(self) -> bool:
        if self.window.context is None:
            dialogs.show_user_error(self.window, self.tr("请先打开数据库。"))
            return False
        return True

    def _options(self, mode: str) -> ExportDialog | None:
        if not self._ready():
            return None
        from jjjdesk.gui.exporting.export_dialog import ExportDialog

        dialog = ExportDialog(self.window.context, mode, self.window)
        try:
            if run_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
        finally:
            dialog.deleteLater()
        return dialog

    # ---- 导出台账 --------------------------------------------------------------------------
    def export_ledger(self) -> None:
        dialog = self._options(LEDGER)
        if dialog is None:
            return
        choice = dialog.choice()
        what = "重点项目" if choice.kind == "projects" else "重点任务"
        name = f"{dialog.period_label()}京津冀协同发展{what}推进情况台账.xlsx"
        path = common.ask_save_path(self.window, self.tr("保存台账"), name)
        if path is None:
            return
        db = self.window.context.db

        def work(progress, cancel):
            from jjjdesk.excel.ledger import export_ledger

            with db.session() as session:
                return export_ledger(
                    session=session,
                    path=path,
                    kind=choice.kind,
                    period=choice.period,
                    round_id=choice.round_id,
                    split_by_category=choice.split_by_category,
                    include_indicators=choice.include_indicators,
                    include_drafts=choice.include_drafts,
                    progress=progress,
                    cancel=cancel,
                )

        def done(result) -> None:
            common.show_done(
                self.window,
                self.tr("台账已导出"),
                "\n".join([self.tr("已导出“{0}”:{1} 行,工作表:{2}。").format(
                    result.path.name, result.rows, "、".join(result.sheets)
                ), *result.warnings]),
                result.path.parent,
            )

        self.job, _ = run_with_progress(
            self.window,
            self.tr("导出台账"),
            self.tr("正在导出“{0}”…").format(path.name),
            work,
            done,
        )

    # ---- 打印预览 / 打印 ------------------------------------------------------------------
    def _preview(self, document, landscape: bool) -> None:
        from jjjdesk.gui.exporting.printing import preview_dialog

        dialog = preview_dialog(document, landscape=landscape,
                                title=self.tr("打印预览"), parent=self.window)
        self.preview = dialog
        run_preview(dialog)

    def preview_brief(self) -> None:
        """The brief of a period or round, charts included, in the print preview."""
        dialog = self._options(PACK)
        if dialog is None:
            return
        choice = dialog.choice()
        db = self.window.context.db

        def work(progress, cancel):
            from jjjdesk.reports.brief import BriefFigure, brief_figures, build_brief
            from jjjdesk.reports.charts import chart_png

            with db.session() as session:
                brief = build_brief(session=session, period=choice.period,
                                    round_id=choice.round_id)
            return brief, {f.kind: chart_png(brief, f) for f in brief_figures(brief)
                           if isinstance(f, BriefFigure)}

        def done(result) -> None:
            from jjjdesk.gui.exporting.printing import brief_document

            self._preview(brief_document(*result), landscape=False)

        self.job, _ = run_with_progress(self.window, self.tr("打印预览"),
                                        self.tr("正在生成简报…"), work, done)

    def preview_ledger(self) -> None:
        """A ledger, as its export would hold it, in the print preview (A4 landscape)."""
        dialog = self._options(LEDGER)
        if dialog is None:
            return
        choice = dialog.choice()
        db = self.window.context.db

        def work(progress, cancel):
            from datetime import date

            from jjjdesk.excel.ledger_data import project_ledger, task_ledger

            build = project_ledger if choice.kind == "projects" else task_ledger
            with db.session() as session:
                return build(session=session, period=choice.period, round_id=choice.round_id,
                             include_drafts=choice.include_drafts, today=date.today())

        def done(data) -> None:
            from jjjdesk.gui.exporting.printing import ledger_document

            self._preview(ledger_document(data), landscape=True)

        self.job, _ = run_with_progress(self.window, self.tr("打印预览"),
                                        self.tr("正在生成台账…"), work, done)

    # ---- 生成填报模板 ----------------------------------------------------------------------
    def export_templates(self) -> None:
        dialog = self._options(TEMPLATES)
        if dialog is None:
            return
        choice = dialog.choice()
        folder = common.ask_folder(self.window, self.tr("选择保存模板的文件夹"))
        if folder is None:
            return
        db = self.window.context.db

        def work(progress, cancel):
            from jjjdesk.excel.templates import export_templates

            with db.session() as session:
                return export_templates(
                    session=session,
                    round_id=choice.round_id,
                    folder=folder,
                    progress=progress,
                    cancel=cancel,
                )

        def done(paths: list[Path]) -> None:
            common.show_done(
                self.window,
                self.tr("填报模板已生成"),
                self.tr("已为“{0}”生成 {1} 个单位的填报模板。").format(choice.label, len(paths)),
                folder,
            )

        self.job, _ = run_with_progress(
            self.window,
            self.tr("生成填报模板"),
            self.tr("正在生成“{0}”的填报模板…").format(choice.label),
            work,
            done,
        )

    # ---- 导出会议材料 ----------------------------------------------------------------------
    def export_pack(self) -> None:
        dialog = self._options(PACK)
        if dialog is None:
            return
        choice = dialog.choice()
        period_key = dialog.choice_period_key()  # read before the folder dialog runs
        parent_folder = common.ask_folder(self.window, self.tr("选择保存会议材料的位置"))
        if parent_folder is None:
            return
        from jjjdesk.reports.pack import pack_folder_name

        folder = parent_folder / pack_folder_name(choice.label)
        db = self.window.context.db
        charts = chart_renderer(self.window.context, period_key)

        def work(progress, cancel):
            from jjjdesk.reports.pack import export_pack

            with db.session() as session:
                return export_pack(
                    session=session,
                    folder=folder,
                    period=choice.period,
                    round_id=choice.round_id,
                    charts=charts,
                    with_attachments=choice.with_attachments,
                    progress=progress,
                    cancel=cancel,
                )

        def done(result) -> None:
            from jjjdesk.reports.pack_attachments import FOLDER
            from jjjdesk.services.attachments import size_text

            pack = result.attachments
            listed = [p for p in result.files if pack is None or p.parent == pack.folder
                      or FOLDER not in p.relative_to(result.folder).parts]
            names = "\n".join(f"· {p.name}" for p in listed)
            text = self.tr("已生成 {0} 个文件:\n{1}").format(len(listed), names)
            if pack is not None:
                text += "\n\n" + (
                    self.tr("红灯事项佐证材料 {0} 个,共 {1},在“{2}”文件夹中。").format(
                        pack.count, size_text(pack.size), FOLDER) if pack.count else
                    self.tr("本期红灯事项没有佐证材料。"))
                if pack.damaged:
                    text += "\n" + self.tr("{0} 个佐证材料在数据库中的内容已损坏,未导出。").format(
                        pack.damaged)
            common.show_done(self.window, self.tr("会议材料已生成"), text, result.folder)

        self.job, _ = run_with_progress(
            self.window,
            self.tr("导出会议材料"),
            self.tr("正在生成“{0}”…").format(folder.name),
            work,
            done,
        )

    # ---- 导出当前列表 ----------------------------------------------------------------------
    def preview_current_list(self) -> None:
        """The current page's table (the board, the lights, the 红黑榜, a list) as shown."""
        from jjjdesk.gui.exporting.printing import table_document

        if not self._ready():
            return
        table = self.window.current_page().print_table()
        if table is None:
            dialogs.show_user_error(self.window, self.tr("当前页面没有可打印的列表。"))
            return
        title, subtitle, view = table
        landscape = view.model().columnCount() > 6
        self._preview(table_document(title, view, subtitle), landscape)

    def export_current_list(self) -> None:
        if not self._ready():
            return
        page = self.window.current_page()
        export = getattr(page, "export_current_list", None)
        if export is None:
            dialogs.show_user_error(self.window, self.tr("当前页面没有可导出的列表。"))
            return
        export()
