"""The main window's 导入 and 导出 menus (and file drops), installed in one call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from jjjdesk.gui.main_window import MainWindow


def install_transfer_menus(window: MainWindow) -> None:
    """Add 导入 and 导出 before the last menu (帮助); sets window.import_controller and
    window.export_actions."""
    from jjjdesk.gui.exporting.actions import ExportActions
    from jjjdesk.gui.importing.controller import ImportController

    bar = window.menuBar()
    actions = bar.actions()
    before = actions[-1] if actions else None
    import_menu = QMenu(QCoreApplication.translate("MainWindow", "导入(&I)"), window)
    import_menu.setObjectName("importMenu")
    export_menu = QMenu(QCoreApplication.translate("MainWindow", "导出(&X)"), window)
    export_menu.setObjectName("exportMenu")
    for menu in (import_menu, export_menu):
        if before is not None:
            bar.insertMenu(before, menu)
        else:
            bar.addMenu(menu)
    window.import_controller = ImportController(window, import_menu)
    window.export_actions = ExportActions(window, export_menu)
